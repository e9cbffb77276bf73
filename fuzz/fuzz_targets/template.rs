//! The template loader on an arbitrary layouts/small.toml; a template that loads is typeset,
//! so grids of odd sizes go through flow and pagination too.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let dir = paiban_fuzz::write_edition(None, Some(data), None);
    paiban_fuzz::run(dir, true);
});
