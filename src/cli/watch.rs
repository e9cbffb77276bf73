//! `paiban watch EDITION -o FILE`: renders, then re-renders whenever an article, template or
//! the edition file is saved, printing one line per render with the time it took and how many
//! stories were set again. Renders go through [`StandingType`]: the fonts, shaped texts and
//! story layouts an edit did not touch are kept from the render before. Polls file
//! modification times every 200 ms over the edition folder and its layouts folder: no
//! platform file-event API, and a newspaper edition is a few dozen files.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant, SystemTime};

use clap::Args;

use paiban::diag::Severity;
use paiban::model::LoadOptions;
use paiban::pipeline::{Reuse, StandingType};
use paiban::render::pdf::{KeptPrograms, write_pdf_keeping};

use super::output::write_atomically;
use super::proof::{ProofLook, write_proofs};
use super::{default_fonts_dir, exit};

#[derive(Args)]
pub struct WatchArgs {
    /// The edition folder (with edition.toml and articles/).
    edition: PathBuf,
    /// The PDF to write on every render.
    #[arg(short, long, value_name = "FILE")]
    output: PathBuf,
    /// Also write PNG proofs into this folder on every render.
    #[arg(long, value_name = "DIR")]
    proof: Option<PathBuf>,
    #[command(flatten)]
    look: ProofLook,
    /// Folder of the bundled fonts [default: the fonts/ folder of the paiban sources].
    #[arg(long, value_name = "DIR")]
    fonts: Option<PathBuf>,
    /// Milliseconds between looks at the files.
    #[arg(long, default_value_t = 200, hide = true)]
    interval_ms: u64,
    /// Stop after this many renders (for tests).
    #[arg(long, hide = true)]
    max_renders: Option<u32>,
}

/// Modification time and length of every watched file.
type Snapshot = BTreeMap<PathBuf, (SystemTime, u64)>;

pub fn watch(args: &WatchArgs) -> ExitCode {
    if !args.edition.join("edition.toml").is_file() {
        eprintln!("error: `{}` has no edition.toml", args.edition.display());
        return ExitCode::from(exit::BAD_INPUT);
    }
    let mut last = snapshot(args);
    let mut renders = 0;
    eprintln!("watching {} (Ctrl-C to stop)", args.edition.display());
    let mut reason = "start".to_string();
    let (mut standing, mut programs) = (StandingType::default(), KeptPrograms::default());
    loop {
        render_once(args, &reason, renders == 0, &mut standing, &mut programs);
        renders += 1;
        if args.max_renders.is_some_and(|max| renders >= max) {
            return ExitCode::SUCCESS;
        }
        loop {
            std::thread::sleep(Duration::from_millis(args.interval_ms));
            let now = snapshot(args);
            if let Some(changed) = first_change(&last, &now) {
                reason = changed.strip_prefix(&args.edition).unwrap_or(&changed).display().to_string();
                last = now;
                break;
            }
        }
    }
}

/// Renders the PDF (and proofs) and prints one line saying how it went.
/// `standing` and `programs` are what the renders before kept (type and font subsets).
fn render_once(args: &WatchArgs, reason: &str, first: bool, standing: &mut StandingType, programs: &mut KeptPrograms) {
    let started = Instant::now();
    let options =
        LoadOptions { fonts_dir: args.fonts.clone().unwrap_or_else(default_fonts_dir), ..LoadOptions::default() };
    let source_date = super::render::source_date_epoch();
    let (book, typeset, pdf_options, reuse) = match standing.typeset_dir(&args.edition, &options, source_date) {
        Ok(done) => done,
        Err(error) => {
            eprintln!("{error}");
            eprintln!("render failed ({reason}); waiting for the next save");
            return;
        }
    };
    let pdf = write_pdf_keeping(&typeset.document, book, &pdf_options, programs)
        .and_then(|bytes| write_atomically(&args.output, &bytes).map_err(|e| e.to_string()));
    let proofs = args.proof.as_ref().map(|dir| write_proofs(dir, &typeset.document, book, &args.look.options()));
    for result in [Some(pdf.map(|()| 0)), proofs].into_iter().flatten() {
        if let Err(e) = result {
            eprintln!("error: {e}");
        }
    }
    let problems = typeset.diagnostics.iter().filter(|d| d.severity == Severity::Error).count();
    let status = if problems > 0 { format!(", {problems} layout problem(s)") } else { String::new() };
    eprintln!(
        "rendered {} pages in {} ms ({reason}{}){status}",
        typeset.document.pages.len(),
        started.elapsed().as_millis(),
        reused(&reuse, programs, first),
    );
}

/// What a render set again, after the reason in its line: nothing on the first render,
/// which sets everything.
fn reused(reuse: &Reuse, programs: &KeptPrograms, first: bool) -> String {
    if first {
        return String::new();
    }
    let fonts = if reuse.fonts_loaded { ", fonts read again" } else { "" };
    format!(
        "; {} of {} stories set again, {} of {} texts shaped, {} of {} faces subset{fonts}",
        reuse.stories_set.len(),
        reuse.stories,
        reuse.texts_shaped,
        reuse.texts,
        programs.faces() - programs.reused(),
        programs.faces(),
    )
}

/// The first file added, removed or modified between two snapshots.
fn first_change(before: &Snapshot, after: &Snapshot) -> Option<PathBuf> {
    let modified = after.iter().find(|(path, stamp)| before.get(*path) != Some(stamp)).map(|(p, _)| p);
    let removed = || before.keys().find(|path| !after.contains_key(*path));
    modified.or_else(removed).cloned()
}

/// The watched files: everything under the edition folder and its layouts folder, except what
/// watch itself writes.
fn snapshot(args: &WatchArgs) -> Snapshot {
    let mut files = Snapshot::new();
    let skip: Vec<&Path> = [Some(args.output.as_path()), args.proof.as_deref()].into_iter().flatten().collect();
    for dir in [args.edition.clone(), layouts_dir(&args.edition)] {
        collect(&dir, &skip, &mut files, 0);
    }
    files
}

fn collect(dir: &Path, skip: &[&Path], files: &mut Snapshot, depth: u32) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        if hidden || skip.iter().any(|s| same_file(s, &path)) {
            continue;
        }
        let Ok(meta) = entry.metadata() else { continue };
        if meta.is_dir() && depth < 4 {
            collect(&path, skip, files, depth + 1);
        } else if meta.is_file() {
            files.insert(path, (meta.modified().unwrap_or(SystemTime::UNIX_EPOCH), meta.len()));
        }
    }
}

fn same_file(a: &Path, b: &Path) -> bool {
    a == b || a.canonicalize().ok().zip(b.canonicalize().ok()).is_some_and(|(x, y)| x == y)
}

/// The edition's layouts folder, read from its edition.toml (`layouts`, default "layouts").
fn layouts_dir(edition: &Path) -> PathBuf {
    let text = std::fs::read_to_string(edition.join("edition.toml")).unwrap_or_default();
    let table: toml::Table = text.parse().unwrap_or_default();
    let layouts = table.get("layouts").and_then(|v| v.as_str()).unwrap_or("layouts");
    edition.join(layouts)
}
