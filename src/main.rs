//! The `paiban` command: reads files, runs the library, prints diagnostics, writes output
//! atomically, and says in its exit status how it went.

mod cli;

/// glibc's allocator grows each worker thread's heap in small steps, one `mprotect` each (1,400
/// for the front page), and every one takes the kernel's memory-map lock that the other
/// thread's page faults wait on; mimalloc takes memory in large pieces. Its 2.x line (`v2`):
/// 3.x hands freed pages back as it goes (140-280 `madvise` calls on the front page, 4 ms
/// slower). Without transparent huge pages (`no_thp`): they spared page faults but raised the
/// 64-page peak above 200 MB and made times vary. Figures in docs/PERFORMANCE.md.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    cli::run()
}
