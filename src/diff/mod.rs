//! Comparing two renders of an edition: structurally, page by page and box by box, from their
//! layout dumps ([`layout`]), and visually from their rasters with a per-pixel tolerance
//! ([`pixels`]), which also paints the diff image. Takes dumps and gray images; returns what
//! changed. Reading folders and printing reports is the CLI's job.

pub mod layout;
pub mod pixels;

pub use layout::{Change, ChangeKind, Scope, compare_pages};
pub use pixels::{PixelDiff, compare_pixels, highlight, reduce};
