//! The bad-input cases in `tests/bad-inputs/`: each folder is an edition (sharing the small
//! template in `_layouts/` unless it has its own) with an `expected.txt`: the exit status of
//! `paiban render` and every diagnostic in its one-line form, with paths relative to the case.
//! The binary must exit with that status, write no PDF for bad input (status 2), and write one
//! otherwise. `UPDATE=1 cargo test --test bad_input_cases` re-blesses the expected files.

mod common;

use std::path::Path;
use std::process::Command;

use paiban::diag::Severity;
use paiban::pipeline::render_pdf;

use common::{load_options, root};

/// What the library says about a case, as expected.txt holds it.
fn library_report(case: &Path) -> (i32, String) {
    let (status, diagnostics) = match render_pdf(case, &load_options(), None) {
        Err(error) => (2, vec![error]),
        Ok((_, typeset)) => {
            let problems = typeset.diagnostics.iter().any(|d| d.severity == Severity::Error);
            (i32::from(problems), typeset.diagnostics)
        }
    };
    let prefix = format!("{}/", case.display());
    let mut text = format!("status: {status}\n");
    for diagnostic in diagnostics {
        text += &diagnostic.to_string().replace(&prefix, "").replace(&root().display().to_string(), "<root>");
        text += "\n";
    }
    (status, text)
}

/// Runs the binary on a case; returns its status and whether it wrote the PDF.
fn binary_run(case: &Path) -> (i32, bool, String) {
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("out.pdf");
    let run =
        Command::new(env!("CARGO_BIN_EXE_paiban")).arg("render").arg(case).arg("-o").arg(&output).output().unwrap();
    (run.status.code().unwrap_or(-1), output.exists(), String::from_utf8_lossy(&run.stderr).into_owned())
}

#[test]
fn every_bad_input_case_gives_its_expected_diagnostics() {
    let dir = root().join("tests/bad-inputs");
    let mut cases: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir() && !p.file_name().unwrap().to_string_lossy().starts_with('_'))
        .collect();
    cases.sort();
    assert!(cases.len() >= 25, "only {} cases", cases.len());
    let update = std::env::var_os("UPDATE").is_some();
    let mut failures = Vec::new();
    for case in &cases {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let (status, actual) = library_report(case);
        let expected_file = case.join("expected.txt");
        if update {
            std::fs::write(&expected_file, &actual).unwrap();
        }
        let expected = std::fs::read_to_string(&expected_file).unwrap_or_default();
        if expected != actual {
            failures.push(format!("{name}: expected\n{expected}\nbut got\n{actual}"));
            continue;
        }
        let (code, written, stderr) = binary_run(case);
        if code != status {
            failures.push(format!("{name}: the binary exited with {code}, expected {status}\n{stderr}"));
        }
        if written != (status != 2) {
            failures.push(format!("{name}: PDF written: {written}, but the status is {status}"));
        }
        if stderr.contains("panicked") {
            failures.push(format!("{name}: the binary panicked\n{stderr}"));
        }
    }
    assert!(failures.is_empty(), "{} of {} cases failed:\n\n{}", failures.len(), cases.len(), failures.join("\n\n"));
}
