//! Bad input through the `paiban` command: each case gets a message naming the file (and line
//! where there is one), exit status 2, and no output file.

mod common;

use std::path::Path;
use std::process::Command;

use common::copy_sample;

/// Runs `paiban render` on an edited copy of the sample; returns (status, stderr, output written).
fn render_edited(edit: impl FnOnce(&Path)) -> (i32, String, bool) {
    let dir = tempfile::tempdir().unwrap();
    let edition = dir.path().join("edition");
    copy_sample(&edition);
    edit(&edition);
    let output = dir.path().join("out.pdf");
    let run =
        Command::new(env!("CARGO_BIN_EXE_paiban")).arg("render").arg(&edition).arg("-o").arg(&output).output().unwrap();
    (run.status.code().unwrap_or(-1), String::from_utf8_lossy(&run.stderr).into_owned(), output.exists())
}

fn replace_in(file: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(file).unwrap();
    assert!(text.contains(from), "{} has no `{from}`", file.display());
    std::fs::write(file, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn malformed_toml_names_file_and_line() {
    let (code, stderr, written) =
        render_edited(|e| replace_in(&e.join("edition.toml"), "serial = 12345", "serial = = 12345"));
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("edition.toml:6:10") && stderr.contains("extra `=`"), "{stderr}");
    assert!(stderr.contains("nothing was written"), "{stderr}");
    assert!(!written);
}

#[test]
fn unknown_field_is_rejected() {
    let (code, stderr, written) =
        render_edited(|e| replace_in(&e.join("edition.toml"), "serial = 12345", "serial = 12345\nserail = 1"));
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("edition.toml:7:1") && stderr.contains("unknown field `serail`"), "{stderr}");
    assert!(stderr.contains("7 | serail = 1") && stderr.contains("did you mean `serial`?"), "{stderr}");
    assert!(!written);
}

#[test]
fn unknown_box_lists_the_template_boxes() {
    let (code, stderr, written) =
        render_edited(|e| replace_in(&e.join("edition.toml"), "box = \"c2\"", "box = \"b9\""));
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("edition.toml:") && stderr.contains("no box `b9`") && stderr.contains("lead, photo"),
        "{stderr}"
    );
    assert!(!written);
}

#[test]
fn missing_article_file_is_named() {
    let (code, stderr, written) = render_edited(|e| std::fs::remove_file(e.join("articles/brief-river.md")).unwrap());
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("edition.toml:") && stderr.contains("brief-river.md"), "{stderr}");
    assert!(!written);
}

#[test]
fn missing_font_is_named() {
    let (code, stderr, written) = render_edited(|e| {
        replace_in(&e.join("edition.toml"), "[[page]]", "[fonts.faces]\nkai = \"fonts/no-such-kai.ttf\"\n\n[[page]]");
    });
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("no-such-kai.ttf") && stderr.contains("cannot read font file"), "{stderr}");
    assert!(!written);
}

#[test]
fn missing_photo_is_named_with_its_article() {
    let (code, stderr, written) = render_edited(|e| std::fs::remove_file(e.join("images/qingxi-bridge.jpg")).unwrap());
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("photo-bridge.md") && stderr.contains("qingxi-bridge.jpg"), "{stderr}");
    assert!(!written);
}

#[test]
fn bad_front_matter_names_the_article_line() {
    let (code, stderr, written) =
        render_edited(|e| replace_in(&e.join("articles/brief-rail.md"), "headline =", "headlin ="));
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("brief-rail.md:3:") && stderr.contains("unknown field `headlin`"), "{stderr}");
    assert!(!written);
}

#[test]
fn a_failed_run_keeps_the_old_output() {
    let dir = tempfile::tempdir().unwrap();
    let edition = dir.path().join("edition");
    copy_sample(&edition);
    std::fs::remove_file(edition.join("articles/brief-river.md")).unwrap();
    let output = dir.path().join("out.pdf");
    std::fs::write(&output, b"old proof").unwrap();
    let run =
        Command::new(env!("CARGO_BIN_EXE_paiban")).arg("render").arg(&edition).arg("-o").arg(&output).output().unwrap();
    assert_eq!(run.status.code(), Some(2));
    assert_eq!(std::fs::read(&output).unwrap(), b"old proof");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(leftovers.len(), 2, "no partial file left beside the output: {leftovers:?}");
}

#[test]
fn an_unplaced_article_is_reported_and_the_run_fails() {
    let (code, stderr, written) = render_edited(|e| {
        std::fs::copy(e.join("articles/brief-river.md"), e.join("articles/stray.md")).unwrap();
    });
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("stray.md") && stderr.contains("the article is placed on no page"), "{stderr}");
    assert!(written, "layout problems still give a proof");
}

#[test]
fn overset_text_is_measured_and_the_run_fails() {
    let (code, stderr, written) = render_edited(|e| {
        // The continuation of the lead is its last box: take it away.
        replace_in(
            &e.join("edition.toml"),
            "box = \"top\"\narticle = \"lead\"",
            "box = \"top\"\narticle = \"brief-stub\"",
        );
        std::fs::write(e.join("articles/brief-stub.md"), "+++\nheadline = \"短讯\"\n+++\n一句话。\n").unwrap();
    });
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("lead.md:") && stderr.contains("story `lead` is overset"), "{stderr}");
    assert!(written);
}

#[test]
fn a_box_filled_twice_on_a_page_is_an_error() {
    let (code, stderr, written) = render_edited(|e| {
        replace_in(
            &e.join("edition.toml"),
            "box = \"b2\"\narticle = \"brief-robotics\"",
            "box = \"b1\"\narticle = \"brief-robotics\"",
        );
    });
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("edition.toml:") && stderr.contains("box `b1` is filled twice on this page"), "{stderr}");
    assert!(!written);
}

#[test]
fn a_stand_in_for_the_first_box_of_a_story_is_an_error() {
    let (code, stderr, written) = render_edited(|e| {
        replace_in(
            &e.join("edition.toml"),
            "article = \"brief-robotics\"",
            "article = \"brief-robotics\"\nthen = \"notice-library\"",
        );
    });
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("`then` names a stand-in for a continuation, but box `b2` starts `brief-robotics`"),
        "{stderr}"
    );
    assert!(!written);
}
