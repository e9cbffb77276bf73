//! The font book: loads font files once (a face's outlines only when a subset or a proof first
//! wants them), answers which face sets a role (body, headline, …) and which face of a role's
//! fallback chain has a character. Takes font paths from the publication settings; returns
//! [`FontBook`], shared read-only by shaping and the exporters.

mod book;
mod file;
mod roles;
mod sfnt;

pub use book::{Font, FontBook, FontId, FontMetrics, Outlines, load_bundled_faces};
pub use file::FontFile;
pub use roles::{BUNDLED_FACES, Role, RoleFaces};
