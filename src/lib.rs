//! paiban sets Chinese broadsheet newspaper pages.
#![forbid(unsafe_code)]

pub mod conserve;
pub mod diag;
pub mod diff;
pub mod flow;
pub mod fonts;
pub mod frame;
pub mod image;
pub mod linebreak;
pub mod model;
pub mod paginate;
pub mod pipeline;
pub mod preflight;
pub mod render;
pub mod shape;
pub mod units;
