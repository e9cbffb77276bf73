//! Command-line interface (clap). Exit status: 0 all set; 1 the output was written but text is
//! overset, unprintable or unplaced; 2 bad input (nothing written); 3 internal error.

mod check;
mod diff;
mod dump;
mod output;
mod progress;
mod proof;
mod render;
mod report;
mod watch;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Exit codes, documented in the README.
pub mod exit {
    pub const LAYOUT_PROBLEMS: u8 = 1;
    pub const BAD_INPUT: u8 = 2;
    pub const INTERNAL: u8 = 3;
}

#[derive(Parser)]
#[command(
    name = "paiban",
    version,
    about = "Sets Chinese broadsheet newspaper pages (排版) and writes print-ready PDF"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Typeset an edition folder (edition.toml, articles/, …) into one PDF.
    Render(render::RenderArgs),
    /// Preflight any PDF for print (PDF/X-1a or X-4 rules, ink limit); exit 1 on failure.
    Check(check::CheckArgs),
    /// Render a PNG proof per page, with optional overlays (grid, boxes, overset, warnings).
    Proof(proof::ProofArgs),
    /// Compare two renders (edition folders, dump folders or PNG folders); exit 1 if they differ.
    Diff(diff::DiffArgs),
    /// Re-render an edition whenever one of its files is saved.
    Watch(watch::WatchArgs),
}

/// Where the bundled fonts are when `--fonts` is not given: beside the sources.
pub fn default_fonts_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fonts")
}

pub fn run() -> ExitCode {
    let cli = Cli::parse();
    // A panic is a bug in paiban, never the input's fault: say so, with the documented status
    // (the default panic message has already been printed). Output is written only after
    // the layout is complete, so nothing partial is left behind.
    let outcome = std::panic::catch_unwind(|| match &cli.command {
        Command::Render(args) => render::render(args),
        Command::Check(args) => check::run(args),
        Command::Proof(args) => proof::proof(args),
        Command::Diff(args) => diff::diff(args),
        Command::Watch(args) => watch::watch(args),
    });
    outcome.unwrap_or_else(|_| {
        eprintln!("error: internal error in paiban (a bug, not a problem with the input); nothing was written");
        eprintln!("  hint: please report it with the edition that caused it");
        ExitCode::from(exit::INTERNAL)
    })
}
