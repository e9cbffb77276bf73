//! `paiban render`: edition folder in, PDF out.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::Args;

use paiban::diag::Severity;
use paiban::model::{LoadOptions, PdfX, PrintOverrides};
use paiban::pipeline::render_pdf;
use paiban::preflight::{Profile, check};
use paiban::render::copyfit::copyfit;

use super::check::{parse_standard, print_report};
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
    /// Write the copyfit report (every box: lines and characters used against capacity,
    /// overset, underset) as JSON to FILE, and a table of it on stderr.
    #[arg(long, value_name = "FILE")]
    report: Option<PathBuf>,
    /// Also write a layout dump per page (page-01.txt, …) into this folder.
    #[arg(long, value_name = "DIR")]
    dump: Option<PathBuf>,
    /// Print nothing but problems.
    #[arg(short, long)]
    quiet: bool,
    /// PDF/X flavour, x1a or x4 [default: the edition's [print] standard, else x1a].
    #[arg(long, value_name = "STANDARD", value_parser = parse_standard)]
    pdfx: Option<PdfX>,
    /// The printer's output ICC profile (CMYK), embedded as the output intent's profile.
    #[arg(long, value_name = "FILE")]
    icc: Option<PathBuf>,
    /// Total ink limit in percent [default: the edition's, else 240].
    #[arg(long, value_name = "PERCENT")]
    ink_limit: Option<u16>,
    /// Crop and registration marks and a slug line outside the bleed.
    #[arg(long, conflicts_with = "no_marks")]
    marks: bool,
    /// No marks, whatever the edition says (for ad-size output).
    #[arg(long)]
    no_marks: bool,
    /// Preflight the written PDF (as `paiban check`); exit 1 when a rule fails.
    #[arg(long)]
    check: bool,
}

pub fn render(args: &RenderArgs) -> ExitCode {
    let started = Instant::now();
    let print = PrintOverrides {
        standard: args.pdfx,
        icc_profile: args.icc.clone(),
        ink_limit: args.ink_limit,
        marks: if args.marks {
            Some(true)
        } else if args.no_marks {
            Some(false)
        } else {
            None
        },
    };
    let options = LoadOptions { fonts_dir: args.fonts.clone().unwrap_or_else(default_fonts_dir), print };
    let (bytes, typeset) = match render_pdf(&args.edition, &options, source_date_epoch()) {
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
    if let Some(path) = &args.report {
        let report = copyfit(&typeset.document);
        eprint!("{}", report.table());
        if let Err(e) = write_atomically(path, report.to_json().as_bytes()) {
            eprintln!("error: cannot write `{}`: {e}", path.display());
            return ExitCode::from(exit::INTERNAL);
        }
    }
    if let Some(dir) = &args.dump
        && let Err(e) = super::dump::dump_edition(dir, &args.edition, &options, &typeset.document)
    {
        eprintln!("error: {e}");
        return ExitCode::from(exit::INTERNAL);
    }
    eprint_all(&typeset.diagnostics);
    if !args.quiet {
        let pages = typeset.document.pages.len();
        let (kb, ms) = (bytes.len() / 1024, started.elapsed().as_millis());
        eprintln!("wrote {} ({pages} pages, {kb} KB) in {ms} ms", args.output.display());
    }
    if args.check {
        let profile = Profile { standard: Some(typeset.print.standard), ink_limit: typeset.print.ink_limit };
        match check(&bytes, &profile) {
            Ok(report) => {
                let status = print_report(&report, &args.output.display().to_string(), false);
                if !report.passed() {
                    return status;
                }
            }
            Err(e) => {
                eprintln!("error: the written PDF cannot be read back: {e}");
                return ExitCode::from(exit::INTERNAL);
            }
        }
    }
    let problems = typeset.diagnostics.iter().filter(|d| d.severity == Severity::Error).count();
    if problems > 0 {
        eprintln!("{problems} layout problem(s): the PDF was written, but text is missing from it or unplaced");
        return ExitCode::from(exit::LAYOUT_PROBLEMS);
    }
    ExitCode::SUCCESS
}

/// SOURCE_DATE_EPOCH, for reproducible dates in the PDF; none when unset.
pub fn source_date_epoch() -> Option<i64> {
    std::env::var("SOURCE_DATE_EPOCH").ok()?.trim().parse().ok()
}
