//! `paiban render`: edition folder in, PDF out.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::Args;

use paiban::diag::Severity;
use paiban::model::LoadOptions;
use paiban::pipeline::render_pdf;
use paiban::render::pdf::PdfOptions;

use super::output::write_atomically;
use super::report::eprint_all;
use super::{default_fonts_dir, exit};

#[derive(Args)]
pub struct RenderArgs {
    /// The edition folder (with edition.toml and articles/).
    edition: PathBuf,
    /// The PDF to write.
    #[arg(short, long, value_name = "FILE")]
    output: PathBuf,
    /// Folder of the bundled fonts [default: the fonts/ folder of the paiban sources].
    #[arg(long, value_name = "DIR")]
    fonts: Option<PathBuf>,
    /// Print nothing but problems.
    #[arg(short, long)]
    quiet: bool,
}

pub fn render(args: &RenderArgs) -> ExitCode {
    let started = Instant::now();
    let options = LoadOptions { fonts_dir: args.fonts.clone().unwrap_or_else(default_fonts_dir) };
    let pdf_options = PdfOptions { creation_date: source_date_epoch() };
    let (bytes, typeset) = match render_pdf(&args.edition, &options, &pdf_options) {
        Ok(done) => done,
        Err(error) => {
            eprint_all([&error]);
            eprintln!("nothing was written");
            return ExitCode::from(exit::BAD_INPUT);
        }
    };
    if let Err(e) = write_atomically(&args.output, &bytes) {
        eprintln!("error: cannot write `{}`: {e}", args.output.display());
        return ExitCode::from(exit::INTERNAL);
    }
    eprint_all(&typeset.diagnostics);
    if !args.quiet {
        let pages = typeset.document.pages.len();
        let (kb, ms) = (bytes.len() / 1024, started.elapsed().as_millis());
        eprintln!("wrote {} ({pages} pages, {kb} KB) in {ms} ms", args.output.display());
    }
    let problems = typeset.diagnostics.iter().filter(|d| d.severity == Severity::Error).count();
    if problems > 0 {
        eprintln!("{problems} layout problem(s): the PDF was written, but text is missing from it or unplaced");
        return ExitCode::from(exit::LAYOUT_PROBLEMS);
    }
    ExitCode::SUCCESS
}

/// SOURCE_DATE_EPOCH, for reproducible dates in the PDF; none when unset.
fn source_date_epoch() -> Option<i64> {
    std::env::var("SOURCE_DATE_EPOCH").ok()?.trim().parse().ok()
}
