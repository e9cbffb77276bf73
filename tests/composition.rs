//! Page composition on small editions and on the sample: briefs stacked in one box, photo
//! resolution, and the copyfit report.

mod common;

use paiban::frame::Item;
use paiban::render::copyfit::copyfit;

use common::{sample, typeset_edition, write_edition};

const TEMPLATE: &str = r#"
[page]
width = "80mm"
height = "80mm"
bleed = "0mm"
[grid]
body_size = "小五"
line_pitch = "13.5pt"
columns = 2
column_chars = 8
gutter_chars = 1
lines = 16
top = "5mm"
[sizes]
headline = "四号"
[[box]]
name = "a"
column = 1
span = 2
line = 1
lines = 16
"#;

/// Typesets one article, `one`, in box `a` of `template`.
fn set_one(dir: &std::path::Path, template: &str, article: &str) -> paiban::pipeline::Typeset {
    write_edition(dir, template, "", &[(1, "[[page.box]]\nbox = \"a\"\narticle = \"one\"\n")], &[("one", article)]);
    typeset_edition(dir)
}

/// The grid row of a line's baseline, from the type area's first.
fn grid_row(page: &paiban::frame::Page, y: paiban::units::Abs) -> i64 {
    let grid = &page.layout.grid;
    (y - grid.area.y - grid.baseline_offset).0 / grid.line_pitch.0
}

fn brief(headline: &str, body: &str) -> String {
    format!("+++\nheadline = \"{headline}\"\n+++\n{body}\n")
}

#[test]
fn briefs_stack_in_one_box_with_a_rule_between() {
    let dir = tempfile::tempdir().unwrap();
    let boxes = "[[page.box]]\nbox = \"a\"\narticles = [\"one\", \"two\"]\n";
    let one = brief("第一条", "一二三四五六七八九十一二三四五六七八九十。");
    let two = brief("第二条", "甲乙丙丁戊己庚辛壬癸甲乙丙丁戊己庚辛壬癸。");
    write_edition(dir.path(), TEMPLATE, "", &[(1, boxes)], &[("one", &one), ("two", &two)]);
    let set = typeset_edition(dir.path());
    assert!(set.diagnostics.is_empty(), "{:?}", set.diagnostics);
    let page = &set.document.pages[0];
    let y_of = |text: &str| page.layout.lines.iter().find(|l| l.text.contains(text)).map(|l| l.origin.y).unwrap();
    let last_of_one = page.layout.lines.iter().filter(|l| l.text.contains('十')).map(|l| l.origin.y).max().unwrap();
    assert!(y_of("第二条") > last_of_one, "the second brief starts below the first");
    let rules: Vec<_> =
        page.items.iter().filter_map(|i| if let Item::Rule(r) = i { Some(r.from.y) } else { None }).collect();
    assert!(rules.iter().any(|&y| y > last_of_one && y < y_of("第二条")), "a rule between them: {rules:?}");
    assert_eq!(page.layout.boxes[0].story.as_deref(), Some("one+two"));
}

#[test]
fn a_photo_under_150_ppi_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("images")).unwrap();
    let small = image::GrayImage::from_pixel(100, 70, image::Luma([128]));
    small.save(dir.path().join("images/small.png")).unwrap();
    let photo =
        "+++\nheadline = \"小图\"\n[photo]\nimage = \"images/small.png\"\ncaption = \"一张太小的照片。\"\n+++\n";
    write_edition(
        dir.path(),
        TEMPLATE,
        "",
        &[(1, "[[page.box]]\nbox = \"a\"\narticle = \"photo\"\n")],
        &[("photo", photo)],
    );
    let set = typeset_edition(dir.path());
    let messages: Vec<String> = set.diagnostics.iter().map(|d| d.message.clone()).collect();
    assert!(messages.iter().any(|m| m.contains("small.png") && m.contains("under the 150 ppi")), "{messages:?}");
}

#[test]
fn the_copyfit_report_accounts_for_every_story_box_of_the_sample() {
    let report = copyfit(&sample().1.document);
    let story_boxes: Vec<_> = report.boxes.iter().filter(|b| b.story.is_some()).collect();
    assert!(story_boxes.len() >= 28, "{} boxes with stories", story_boxes.len());
    for b in &story_boxes {
        assert!(
            b.lines_used <= b.lines_capacity,
            "{} on page {}: {}/{}",
            b.name,
            b.page,
            b.lines_used,
            b.lines_capacity
        );
        assert!(b.chars_used <= b.chars_capacity, "{} on page {}", b.name, b.page);
        assert_eq!((b.overset_chars, b.overset_lines), (0, 0), "{} on page {}", b.name, b.page);
    }
    let lead = story_boxes.iter().find(|b| b.page == 1 && b.name == "lead").unwrap();
    assert_eq!((lead.lines_used, lead.underset_lines), (lead.lines_capacity, 0), "the lead fills its box and jumps");
    let json: serde_json::Value = serde_json::from_str(&report.to_json()).unwrap();
    assert_eq!(json["boxes"].as_array().unwrap().len(), report.boxes.len());
    assert!(report.table().lines().count() > story_boxes.len());
}

#[test]
fn fit_mode_shrinks_a_headline_onto_its_lines() {
    let dir = tempfile::tempdir().unwrap();
    // The template's last table is box `a`: the fit settings join it.
    let template = format!("{TEMPLATE}headline_lines = 1\nheadline_min = \"小四\"\n");
    let article = brief("青溪市城区段水质稳定达标", "一二三四五六七八九十。");
    let set = set_one(dir.path(), &template, &article);
    let page = &set.document.pages[0];
    let headline: Vec<_> =
        page.layout.lines.iter().filter(|l| l.text.contains("青溪") || l.text.contains("达标")).collect();
    assert_eq!(headline.len(), 1, "{headline:?}");
    let size = page
        .items
        .iter()
        .find_map(|i| if let Item::Text(r) = i { r.text.contains("青溪").then_some(r.size) } else { None })
        .unwrap();
    assert!(size < paiban::units::Abs::pt(14) && size >= paiban::units::Abs::pt(12), "{size}");
}

#[test]
fn spread_takes_a_short_story_down_to_the_box_bottom_on_the_grid() {
    let dir = tempfile::tempdir().unwrap();
    let template = format!("{TEMPLATE}columns = 1\nvalign = \"spread\"\n");
    let article = brief(
        "短稿",
        "一二三四五六七八九十一二三四五六。\n\n甲乙丙丁戊己庚辛壬癸甲乙丙丁戊己。\n\n子丑寅卯辰巳午未申酉戌亥子丑。\n\n东南西北中。",
    );
    let set = set_one(dir.path(), &template, &article);
    assert!(set.diagnostics.is_empty(), "{:?}", set.diagnostics);
    let page = &set.document.pages[0];
    let rows: Vec<i64> = page.layout.lines.iter().filter(|l| l.on_grid).map(|l| grid_row(page, l.origin.y)).collect();
    assert_eq!(*rows.last().unwrap(), 15, "the story reaches the last row: {rows:?}");
    let blanks = rows.windows(2).filter(|w| w[1] - w[0] > 1).count();
    assert_eq!(blanks, 3, "blank lines between all three paragraph breaks: {rows:?}");
}

#[test]
fn a_headline_may_span_only_some_columns_and_the_rest_start_at_the_top() {
    let dir = tempfile::tempdir().unwrap();
    let template = TEMPLATE.replace("columns = 2\ncolumn_chars = 8", "columns = 3\ncolumn_chars = 6")
        + "columns = 3\nheadline_columns = 2\nspan = 3\n";
    let template = template.replace("span = 2\nline = 1", "line = 1");
    let body = "一二三四五六七八九十".repeat(12) + "。";
    let article = brief("两栏题", &body);
    let set = set_one(dir.path(), &template, &article);
    assert!(set.diagnostics.is_empty(), "{:?}", set.diagnostics);
    let page = &set.document.pages[0];
    let headline = page.layout.lines.iter().find(|l| l.text == "两栏题").unwrap();
    let frame = &page.layout.boxes[0];
    // Centred over the first two columns, not the box.
    let centre = headline.origin.x + headline.start + headline.width / 2;
    let two_columns = frame.columns[1].right() - frame.columns[0].x;
    assert!((centre - (frame.columns[0].x + two_columns / 2)).0.abs() < paiban::units::Abs::pt(1).0, "{headline:?}");
    let first_in = |column: usize| {
        let x = frame.columns[column].x;
        page.layout
            .lines
            .iter()
            .filter(|l| l.on_grid && l.origin.x == x)
            .map(|l| grid_row(page, l.origin.y))
            .min()
            .unwrap()
    };
    assert!(first_in(0) > 0 && first_in(1) > 0, "spanned columns start under the headline");
    assert_eq!(first_in(2), 0, "the third column starts at the top");
}

#[test]
fn a_photo_is_cropped_to_its_rows_or_shown_whole() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("images")).unwrap();
    // Tall: cropping to the box width trims top and bottom; fitting shows it all.
    image::GrayImage::from_pixel(400, 1200, image::Luma([90])).save(dir.path().join("images/tall.png")).unwrap();
    let photo = "+++\nheadline = \"高图\"\n[photo]\nimage = \"images/tall.png\"\ncaption = \"一张竖长的照片。\"\n+++\n";
    for (fit, whole) in [("crop", false), ("fit", true)] {
        let template = format!("{TEMPLATE}photo = \"{fit}\"\n");
        write_edition(
            dir.path(),
            &template,
            "",
            &[(1, "[[page.box]]\nbox = \"a\"\narticle = \"photo\"\n")],
            &[("photo", photo)],
        );
        let set = typeset_edition(dir.path());
        let image = set.document.pages[0]
            .items
            .iter()
            .find_map(|i| if let Item::Image(im) = i { Some(im.clone()) } else { None })
            .unwrap();
        assert_eq!(image.rect == image.clip, whole, "{fit}: {image:?}");
        assert!(image.clip.height <= set.document.pages[0].layout.boxes[0].rect.height);
    }
}

#[test]
fn text_goes_round_a_box_nested_in_its_own() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("images")).unwrap();
    image::GrayImage::from_pixel(900, 600, image::Luma([60])).save(dir.path().join("images/p.png")).unwrap();
    let template = format!("{TEMPLATE}\n[[box]]\nname = \"inset\"\ncolumn = 2\nspan = 1\nline = 6\nlines = 6\n");
    let photo = "+++\nheadline = \"插图\"\n[photo]\nimage = \"images/p.png\"\ncaption = \"图。\"\n+++\n";
    let story = brief("绕排", &("一二三四五六七八九十".repeat(13) + "。"));
    let boxes = "[[page.box]]\nbox = \"a\"\narticle = \"story\"\n[[page.box]]\nbox = \"inset\"\narticle = \"photo\"\n";
    write_edition(dir.path(), &template, "", &[(1, boxes)], &[("story", &story), ("photo", photo)]);
    let set = typeset_edition(dir.path());
    assert!(set.diagnostics.is_empty(), "{:?}", set.diagnostics);
    let page = &set.document.pages[0];
    let inset = page.layout.boxes.iter().find(|b| b.name == "inset").unwrap().rect;
    let grid = &page.layout.grid;
    for line in page.layout.lines.iter().filter(|l| l.box_index == Some(0) && l.on_grid) {
        let (x0, x1) = (line.origin.x, line.origin.x + line.measure);
        let (top, bottom) =
            (line.origin.y - grid.baseline_offset, line.origin.y - grid.baseline_offset + grid.body_size);
        let overlaps = x0 < inset.right() && x1 > inset.x && top < inset.bottom() && bottom > inset.y;
        assert!(!overlaps, "`{}` runs under the nested box", line.text);
    }
}
