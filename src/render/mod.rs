//! Exporters: they walk a laid-out [`crate::frame::Document`] and write it out. PDF for print,
//! never deciding anything about layout; PNG proofs with overlays and text dumps for regression
//! tests; the copyfit report read off the frames. The checks proofs mark live here too.

pub mod checks;
pub mod copyfit;
pub mod dump;
mod glyphs;
pub mod overlay;
pub mod pdf;
pub mod png;
