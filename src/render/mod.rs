//! Exporters: they walk a laid-out [`crate::frame::Document`] and write it out. PDF for print,
//! PNG proofs with overlays and text dumps for regression tests, never deciding anything about
//! layout. The checks proofs mark live here too.

pub mod checks;
pub mod dump;
mod glyphs;
pub mod overlay;
pub mod pdf;
pub mod png;
