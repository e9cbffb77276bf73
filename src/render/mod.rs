//! Exporters: they walk a laid-out [`crate::frame::Document`] and write it out. PDF for print,
//! never deciding anything about layout; and the copyfit report read off the frames.

pub mod copyfit;
pub mod pdf;
