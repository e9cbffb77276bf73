//! The PDF does not depend on how many threads set it: stories are shaped and flowed, fonts
//! subset and pages painted in parallel, and every result is gathered in a fixed order.

mod common;

use paiban::pipeline::render_pdf;

use common::{load_options, root};

/// Renders the sample in a pool of `threads` threads: the PDF bytes and the diagnostics.
fn render_with(threads: usize) -> (Vec<u8>, Vec<String>) {
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().expect("thread pool");
    pool.install(|| {
        let (bytes, typeset) =
            render_pdf(&root().join("issues/sample"), &load_options(), Some(0)).expect("sample renders");
        (bytes, typeset.diagnostics.iter().map(|d| d.to_string()).collect())
    })
}

#[test]
fn one_thread_and_several_give_the_same_bytes() {
    let one = render_with(1);
    for threads in [2, 3, 8] {
        let many = render_with(threads);
        assert_eq!(one.1, many.1, "diagnostics differ with {threads} threads");
        assert!(one.0 == many.0, "PDF bytes differ with {threads} threads");
    }
}
