//! The font book: loads font files once, answers which face sets a role (body, headline, …) and
//! which face of a role's fallback chain has a character. Takes font paths from the publication
//! settings; returns [`FontBook`], shared read-only by shaping and the exporters.

mod book;
mod roles;

pub use book::{Font, FontBook, FontId, FontMetrics, Outlines, load_bundled_faces};
pub use roles::{BUNDLED_FACES, Role, RoleFaces};
