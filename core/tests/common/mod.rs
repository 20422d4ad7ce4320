//! Helpers shared by the integration tests (plans, vectors).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    dead_code
)] // test code

use lineamientos::{Diagnostic, Lang, diagnostic::template};
use std::path::PathBuf;

/// The `.json` files of `tests/vectors/<folder>`, sorted by name.
pub fn vector_files(folder: &str) -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/vectors")
        .join(folder);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
}

/// Every placeholder of the code's template has a value, in both languages.
pub fn assert_renders(d: &Diagnostic) {
    let t = template(&d.code).unwrap_or_else(|| panic!("no message template for {}", d.code));
    for lang in [Lang::Es, Lang::En] {
        let text = t.text(lang);
        let mut rest = text;
        while let Some(open) = rest.find('{') {
            let after = &rest[open + 1..];
            let close = after.find('}').unwrap();
            let name = &after[..close];
            let present = match name {
                "value" => d.value.is_some(),
                "path" => true,
                "row" => d.row.is_some(),
                "column" => d.column.is_some(),
                "suggestion" => d.suggestion.is_some(),
                other => d.params.contains_key(other),
            };
            assert!(
                present,
                "{} lacks {{{name}}} for its {lang:?} message",
                d.code
            );
            rest = &after[close + 1..];
        }
        assert!(!d.message(lang).is_empty());
    }
}
