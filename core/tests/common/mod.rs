//! Helpers shared by the plan tests.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    dead_code
)] // test code

use lineamientos::{Diagnostic, Lang, diagnostic::template};

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
