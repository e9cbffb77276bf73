//! Exporters: they walk a laid-out [`crate::frame::Document`] and write it out. PDF for print,
//! never deciding anything about layout.

pub mod pdf;
