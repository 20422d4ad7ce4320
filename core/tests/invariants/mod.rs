//! Helpers shared by the `invariants_*` property tests (issue 12).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    dead_code
)] // test code

/// The number of cases: `PROPTEST_CASES` when set (a long one-off run), else `default`
/// (modest, so that `cargo test` stays fast). An explicit `cases` in a `ProptestConfig`
/// would otherwise override the environment variable.
pub fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}
