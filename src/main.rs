//! The `paiban` command: reads files, runs the library, prints diagnostics, writes output
//! atomically, and says in its exit status how it went.

mod cli;

fn main() -> std::process::ExitCode {
    cli::run()
}
