//! The edition loader on an arbitrary edition.toml (templates and articles fixed).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let dir = paiban_fuzz::write_edition(Some(data), None, None);
    paiban_fuzz::run(dir, false);
});
