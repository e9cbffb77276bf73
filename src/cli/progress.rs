//! A progress bar for runs over many pages, shown only when stderr is a terminal: silent in
//! pipes, logs and CI, so that their output stays one line per event.

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressStyle};

/// A bar over `len` steps, or nothing.
pub struct Progress(Option<ProgressBar>);

impl Progress {
    pub fn new(len: usize, what: &str) -> Progress {
        if len < 2 || !std::io::stderr().is_terminal() {
            return Progress(None);
        }
        let bar = ProgressBar::new(len as u64);
        let style = ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} pages, {elapsed}")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> ");
        bar.set_style(style);
        bar.set_message(what.to_string());
        Progress(Some(bar))
    }

    pub fn step(&self) {
        if let Some(bar) = &self.0 {
            bar.inc(1);
        }
    }

    /// Removes the bar, so that the summary line that follows stands alone.
    pub fn finish(&self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}
