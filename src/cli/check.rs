//! `paiban check FILE.pdf`: the preflight on any PDF. Prints a table (or `--json`); exit status
//! 0 when every rule passes, 1 when one fails, 2 when the file cannot be read as a PDF.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use paiban::model::PdfX;
use paiban::preflight::{Profile, Report, check, report};

use super::exit;

#[derive(Args)]
pub struct CheckArgs {
    /// The PDF to check.
    file: PathBuf,
    /// The standard to check against: x1a or x4 [default: what the file claims, else x1a].
    #[arg(long, value_name = "STANDARD", value_parser = parse_standard)]
    pdfx: Option<PdfX>,
    /// Total ink limit in percent.
    #[arg(long, value_name = "PERCENT", default_value_t = 240)]
    ink_limit: u16,
    /// Print the report as JSON.
    #[arg(long)]
    json: bool,
}

pub fn parse_standard(text: &str) -> Result<PdfX, String> {
    PdfX::parse(text)
}

pub fn run(args: &CheckArgs) -> ExitCode {
    let bytes = match std::fs::read(&args.file) {
        Ok(bytes) => bytes,
        Err(e) => {
            eprintln!("error: cannot read `{}`: {e}", args.file.display());
            return ExitCode::from(exit::BAD_INPUT);
        }
    };
    let profile = Profile { standard: args.pdfx, ink_limit: args.ink_limit };
    let name = args.file.display().to_string();
    match check(&bytes, &profile) {
        Ok(found) => print_report(&found, &name, args.json),
        Err(e) => {
            eprintln!("error: `{name}`: {e}");
            ExitCode::from(exit::BAD_INPUT)
        }
    }
}

/// Prints a report and turns it into the exit status.
pub fn print_report(found: &Report, name: &str, json: bool) -> ExitCode {
    if json {
        print!("{}", report::json(found, name));
    } else {
        print!("{}", report::table(found, name));
    }
    if found.passed() { ExitCode::SUCCESS } else { ExitCode::from(exit::LAYOUT_PROBLEMS) }
}
