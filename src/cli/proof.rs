//! `paiban proof`: one PNG per page for designers, with the overlays they switch on.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::{Args, ValueEnum};

use paiban::diag::{Diagnostic, Severity};
use paiban::fonts::FontBook;
use paiban::frame::Document;
use paiban::model::LoadOptions;
use paiban::pipeline::typeset_dir;
use paiban::render::dump::page_file_name;
use paiban::render::overlay::Overlays;
use paiban::render::png::{Area, PngOptions, render_png};

use super::dump::write_page_files;
use super::progress::Progress;
use super::{default_fonts_dir, exit};

#[derive(Args)]
pub struct ProofArgs {
    /// The edition folder (with edition.toml and articles/).
    edition: PathBuf,
    /// The folder to write page-01.png, page-02.png, … into.
    #[arg(short, long, value_name = "DIR")]
    output: PathBuf,
    #[command(flatten)]
    look: ProofLook,
    /// Folder of the bundled fonts [default: the fonts/ folder of the paiban sources].
    #[arg(long, value_name = "DIR")]
    fonts: Option<PathBuf>,
    /// Print nothing but problems.
    #[arg(short, long)]
    quiet: bool,
}

/// How proofs look; shared with `watch --proof`.
#[derive(Args, Clone)]
pub struct ProofLook {
    /// Resolution in pixels per inch.
    #[arg(long, default_value_t = 150, value_parser = clap::value_parser!(u32).range(10..=1200))]
    dpi: u32,
    /// Show the whole sheet with its bleed, not just the trimmed page.
    #[arg(long)]
    bleed: bool,
    /// Overlays to draw, comma-separated.
    #[arg(long, value_enum, value_delimiter = ',', value_name = "LIST")]
    overlay: Vec<Overlay>,
}

/// An overlay a designer can switch on.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Overlay {
    /// The baseline grid and the type area.
    Grid,
    /// Box outlines, columns and names.
    Boxes,
    /// Where text was cut and how much is left.
    Overset,
    /// Kinsoku and grid warnings.
    Warnings,
    /// All of them.
    All,
}

impl ProofLook {
    pub fn options(&self) -> PngOptions {
        let on = |o: Overlay| self.overlay.contains(&o) || self.overlay.contains(&Overlay::All);
        let overlays = Overlays {
            grid: on(Overlay::Grid),
            boxes: on(Overlay::Boxes),
            overset: on(Overlay::Overset),
            warnings: on(Overlay::Warnings),
        };
        PngOptions { dpi: self.dpi, area: if self.bleed { Area::Media } else { Area::Trim }, overlays }
    }
}

pub fn proof(args: &ProofArgs) -> ExitCode {
    let started = Instant::now();
    let options =
        LoadOptions { fonts_dir: args.fonts.clone().unwrap_or_else(default_fonts_dir), ..LoadOptions::default() };
    let (book, typeset, _) = match typeset_dir(&args.edition, &options, None) {
        Ok(done) => done,
        Err(error) => {
            eprintln!("{error}");
            eprintln!("nothing was written");
            return ExitCode::from(exit::BAD_INPUT);
        }
    };
    let bytes = match write_proofs(&args.output, &typeset.document, &book, &args.look.options()) {
        Ok(bytes) => bytes,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(exit::INTERNAL);
        }
    };
    for diagnostic in &typeset.diagnostics {
        eprintln!("{diagnostic}");
    }
    if !args.quiet {
        let (pages, ms) = (typeset.document.pages.len(), started.elapsed().as_millis());
        eprintln!("wrote {pages} proofs to {} ({} KB) in {ms} ms", args.output.display(), bytes / 1024);
    }
    layout_status(&typeset.diagnostics)
}

/// Writes a PNG per page into `dir`; returns the bytes written.
pub fn write_proofs(dir: &Path, doc: &Document, book: &FontBook, options: &PngOptions) -> Result<usize, String> {
    let names: Vec<String> = doc.pages.iter().map(|p| page_file_name(p.number, "png")).collect();
    let progress = Progress::new(doc.pages.len(), "proofs");
    let mut total = 0;
    write_page_files(dir, "png", &names, |i| {
        let png = render_png(&doc.pages[i], book, options)?;
        total += png.len();
        progress.step();
        Ok(png)
    })?;
    progress.finish();
    Ok(total)
}

/// Exit status 1 when the typesetter reported layout errors, else success.
pub fn layout_status(diagnostics: &[Diagnostic]) -> ExitCode {
    let problems = diagnostics.iter().filter(|d| d.severity == Severity::Error).count();
    if problems > 0 {
        eprintln!("{problems} layout problem(s): text is missing from the pages or unplaced");
        return ExitCode::from(exit::LAYOUT_PROBLEMS);
    }
    ExitCode::SUCCESS
}
