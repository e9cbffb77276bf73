//! End-to-end tests of the commands for designers and CI, run as the binary: `proof` writes a
//! PNG per page, `render --dump` writes the golden dumps, `diff` finds exactly the page and box
//! a one-character edit changed and nothing after a no-op, and `watch` re-renders on a save.

mod common;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::{copy_sample, root};

fn paiban(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_paiban")).args(args).output().expect("runs paiban")
}

fn text(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned() + &String::from_utf8_lossy(&output.stderr)
}

fn s(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// Two copies of the sample edition in one temporary folder: `a` and `b`.
fn two_samples() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_sample(&dir.path().join("a"));
    copy_sample(&dir.path().join("b"));
    dir
}

/// Replaces the first `from` with `to` in an article of `edition`.
fn edit(edition: &Path, article: &str, from: &str, to: &str) {
    let file = edition.join("articles").join(article);
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains(from));
    std::fs::write(&file, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn proof_writes_one_deterministic_png_per_page() {
    let dir = tempfile::tempdir().unwrap();
    let (first, second) = (dir.path().join("1"), dir.path().join("2"));
    for out in [&first, &second] {
        let output =
            paiban(&["proof", s(&root().join("issues/sample")), "-o", s(out), "--dpi", "40", "--overlay", "all"]);
        assert!(output.status.success(), "{}", text(&output));
    }
    for page in ["page-01.png", "page-02.png"] {
        let bytes = std::fs::read(first.join(page)).unwrap();
        assert_eq!(bytes, std::fs::read(second.join(page)).unwrap(), "{page} differs between runs");
        let image = image::load_from_memory(&bytes).unwrap();
        // 390 × 545 mm trimmed at 40 dpi.
        assert_eq!((image.width(), image.height()), (614, 858), "{page}");
        assert_eq!(image.color(), image::ColorType::Rgb8, "overlays are in colour");
    }
}

#[test]
fn render_dump_writes_the_golden_dumps() {
    let dir = tempfile::tempdir().unwrap();
    let dumps = dir.path().join("dumps");
    std::fs::create_dir_all(&dumps).unwrap();
    std::fs::write(dumps.join("page-09.txt"), "stale").unwrap();
    let pdf = dir.path().join("s.pdf");
    let output = paiban(&["render", s(&root().join("issues/sample")), "-o", s(&pdf), "--dump", s(&dumps)]);
    assert!(output.status.success(), "{}", text(&output));
    for page in ["page-01.txt", "page-02.txt"] {
        let golden = std::fs::read_to_string(root().join("tests/golden/sample").join(page)).unwrap();
        assert!(std::fs::read_to_string(dumps.join(page)).unwrap() == golden, "{page} differs from the golden dump");
    }
    assert!(!dumps.join("page-09.txt").exists(), "a stale dump is removed");
}

#[test]
fn diff_of_a_no_op_reports_nothing() {
    let dir = two_samples();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    // Rewriting a file with the same bytes is a no-op.
    edit(&b, "lead.md", "茶", "茶");
    let out = dir.path().join("diff");
    let output = paiban(&["diff", s(&a), s(&b), "-o", s(&out), "--dpi", "40"]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output));
    assert!(text(&output).contains("no changes in 3 pages"), "{}", text(&output));
    assert!(!out.exists(), "no diff images for no changes");
}

#[test]
fn diff_finds_exactly_the_page_and_box_of_a_one_character_edit() {
    let dir = two_samples();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    edit(&b, "brief-weather.md", "明天起", "后天起");
    let out = dir.path().join("diff");
    let output = paiban(&["diff", s(&a), s(&b), "-o", s(&out), "--dpi", "40"]);
    let report = text(&output);
    assert_eq!(output.status.code(), Some(1), "{report}");
    assert!(report.contains("page 1: changed") && report.contains("page 2: unchanged"), "{report}");
    let changes: Vec<&str> =
        report.lines().filter(|l| l.starts_with("  box") || l.starts_with("  furniture")).collect();
    assert_eq!(changes.len(), 1, "{report}");
    assert!(changes[0].starts_with("  box `c2`: text changed in line "), "{report}");
    assert!(changes[0].contains("明天起") && changes[0].contains("后天起"), "{report}");
    assert!(report.contains("  pixels: "), "{report}");
    assert!(out.join("page-01.png").exists() && !out.join("page-02.png").exists(), "{report}");
    let image = image::open(out.join("page-01.png")).unwrap().to_rgb8();
    let painted = image.pixels().filter(|p| p.0 == [220, 0, 0] || p.0 == [0, 90, 255]).count();
    assert!(painted > 0, "changed pixels are painted red (ink gained) or blue (ink lost)");
}

#[test]
fn diff_compares_dump_folders_and_png_folders() {
    let dir = two_samples();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    edit(&b, "brief-weather.md", "明天起", "后天起");
    for side in ["a", "b"] {
        let edition = dir.path().join(side);
        let pdf = dir.path().join(format!("{side}.pdf"));
        let dumps = dir.path().join(format!("{side}-dumps"));
        let output = paiban(&["render", s(&edition), "-o", s(&pdf), "--dump", s(&dumps), "-q"]);
        assert!(output.status.success(), "{}", text(&output));
        let pngs = dir.path().join(format!("{side}-png"));
        let output = paiban(&["proof", s(&edition), "-o", s(&pngs), "--dpi", "30", "-q"]);
        assert!(output.status.success(), "{}", text(&output));
    }
    let dumps = paiban(&["diff", s(&dir.path().join("a-dumps")), s(&dir.path().join("b-dumps"))]);
    assert_eq!(dumps.status.code(), Some(1), "{}", text(&dumps));
    assert!(text(&dumps).contains("box `c2`: text changed"), "{}", text(&dumps));
    let out = dir.path().join("png-diff");
    let pngs = paiban(&["diff", s(&dir.path().join("a-png")), s(&dir.path().join("b-png")), "-o", s(&out)]);
    assert_eq!(pngs.status.code(), Some(1), "{}", text(&pngs));
    assert!(text(&pngs).contains("1 of 3 pages changed: 1"), "{}", text(&pngs));
    assert!(out.join("page-01.png").exists());
    // An edition against its own dumps: nothing changed.
    let same = paiban(&["diff", s(&a), s(&dir.path().join("a-dumps"))]);
    assert_eq!(same.status.code(), Some(0), "{}", text(&same));
    let bad = paiban(&["diff", s(&a), s(&dir.path().join("nowhere"))]);
    assert_eq!(bad.status.code(), Some(2), "{}", text(&bad));
}

#[test]
fn watch_renders_again_when_an_article_is_saved() {
    let dir = tempfile::tempdir().unwrap();
    let edition = dir.path().join("e");
    copy_sample(&edition);
    let pdf = dir.path().join("w.pdf");
    let proofs = dir.path().join("proofs");
    let mut child = Command::new(env!("CARGO_BIN_EXE_paiban"))
        .args(["watch", s(&edition), "-o", s(&pdf), "--proof", s(&proofs), "--dpi", "20"])
        .args(["--interval-ms", "50", "--max-renders", "2"])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let mut rendered = Vec::new();
    let started = Instant::now();
    while let Some(Ok(line)) = lines.next() {
        if line.starts_with("rendered") {
            rendered.push(line);
            if rendered.len() == 1 {
                assert!(pdf.exists() && proofs.join("page-02.png").exists());
                edit(&edition, "sports.md", "。", "！");
            }
        }
        assert!(started.elapsed() < Duration::from_secs(60), "watch did not re-render: {rendered:?}");
    }
    let status = child.wait().unwrap();
    assert!(status.success());
    assert_eq!(rendered.len(), 2, "{rendered:?}");
    assert!(rendered[0].starts_with("rendered 3 pages in ") && rendered[0].ends_with("(start)"), "{rendered:?}");
    assert!(rendered[1].contains("(articles/sports.md; 1 of 26 stories set again, 1 of "), "{rendered:?}");
}
