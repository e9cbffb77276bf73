//! The real front page in ../shared/reference (not committed: it is someone else's copy) set
//! in 13-character columns at 9 pt, and held to the same checks as the sample: every justified
//! line at its measure, body lines on the grid, no line starting with a closing mark or ending
//! with an opening one, no one-character last line, nothing overset or unprintable. Skipped
//! when the reference is not beside the checkout.

mod common;

use paiban::model::load_edition;
use paiban::pipeline::{load_fonts, typeset};
use paiban::units::Abs;

use common::root;

const TEMPLATE: &str = r#"
[page]
width = "390mm"
height = "545mm"
bleed = "3mm"
[grid]
body_size = "小五"
line_pitch = "13.5pt"
columns = 8
column_chars = 13
gutter_chars = 1
lines = 104
top = "22mm"
[[box]]
name = "all"
column = 1
span = 8
line = 1
lines = 104
"#;

#[test]
fn the_reference_front_page_sets_cleanly_in_13_character_columns() {
    let reference = root().join("../shared/reference/seed-front-page.txt");
    let Ok(text) = std::fs::read_to_string(&reference) else {
        eprintln!("note: {} is not here; skipped", reference.display());
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let edition = dir.path();
    std::fs::create_dir_all(edition.join("articles")).unwrap();
    std::fs::create_dir_all(edition.join("layouts")).unwrap();
    std::fs::write(edition.join("layouts/page.toml"), TEMPLATE).unwrap();
    let body: Vec<&str> = text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()).collect();
    let article = format!("+++\nheadline = \"参考\"\n+++\n{}\n", body.join("\n\n"));
    std::fs::write(edition.join("articles/ref.md"), article).unwrap();
    let toml = "paper = \"参考\"\ndate = \"2026-04-24\"\nserial = 1\n[[page]]\nnumber = 1\nname = \"参考\"\ntemplate = \"page\"\n[[page.box]]\nbox = \"all\"\narticle = \"ref\"\n";
    std::fs::write(edition.join("edition.toml"), toml).unwrap();

    let loaded = load_edition(edition, &common::load_options()).unwrap();
    let book = load_fonts(&loaded).unwrap();
    let set = typeset(&loaded, &book);
    assert!(set.diagnostics.is_empty(), "{:?}", set.diagnostics.iter().map(|d| d.to_string()).collect::<Vec<_>>());
    let page = &set.document.pages[0];
    let grid = &page.layout.grid;
    let mut justified = 0;
    for line in page.layout.lines.iter().filter(|l| l.box_index.is_some() && l.on_grid) {
        let first = line.text.chars().next().unwrap_or(' ');
        let last = line.text.trim_end().chars().last().unwrap_or(' ');
        assert!(!"，。、；：？！）》」』”".contains(first), "starts with {first}: {}", line.text);
        assert!(!"（《「『“".contains(last), "ends with {last}: {}", line.text);
        assert_eq!(
            (line.origin.y - grid.area.y - grid.baseline_offset).0 % grid.line_pitch.0,
            0,
            "off grid: {}",
            line.text
        );
        if line.justified {
            assert_eq!(line.overfull, Abs::ZERO, "overfull: {}", line.text);
            assert_eq!(line.start + line.width, line.measure, "not at the measure: {}", line.text);
            justified += 1;
        }
        if line.paragraph_end {
            let kept =
                line.text.chars().filter(|c| !c.is_whitespace() && !"，。、；：？！）》」』”’".contains(*c)).count();
            assert!(kept > 1, "孤字: {}", line.text);
        }
    }
    assert!(justified > 300, "{justified} justified lines");
}
