//! CSV injection: text cells that a spreadsheet would run as a formula.
//!
//! Partners type titles, institutions and notes freely, and the exports are opened in Excel
//! or LibreOffice, where a cell starting with `=`, `+`, `-` or `@` (or a tab or carriage
//! return before one of them) is evaluated: `=HYPERLINK(...)` or a DDE call in a title runs
//! on the reader's machine. Every spreadsheet writer of the library goes through this module
//! (OWASP's "CSV injection" rule):
//!
//! - **CSV**: a text cell whose first character is `=`, `+`, `-`, `@`, tab or carriage
//!   return gets a leading apostrophe (`'`), which spreadsheets show as text. Numbers are
//!   written as numbers (`-5` stays `-5`): only text cells are touched.
//! - **XLSX**: text is always a string cell (never a formula); those cells also carry
//!   Excel's *quote prefix* style, so that editing the cell keeps it text. The stored text is
//!   unchanged.
//! - **Reading back**: the matrix CSV importer removes that one apostrophe (see
//!   [`restore`]), so an exported file reads back to the original text. To keep that exact,
//!   a text that itself starts with apostrophes followed by a trigger character (`'=x`) gets
//!   one more on export (`''=x`) and loses one on import.

use std::borrow::Cow;

/// The characters that make a spreadsheet read a cell as a formula (OWASP).
const TRIGGERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// The prefix that neutralises a cell.
const QUOTE: char = '\'';

/// Whether `text`, after any leading apostrophes, starts with a trigger character: the cells
/// [`neutralize`] prefixes (and [`restore`] strips).
fn is_formula_like(text: &str) -> bool {
    text.trim_start_matches(QUOTE).starts_with(TRIGGERS)
}

/// Whether a text cell starts with a trigger character: XLSX writes it with the quote prefix.
#[cfg(feature = "xlsx-write")]
pub(crate) fn runs_as_formula(text: &str) -> bool {
    text.starts_with(TRIGGERS)
}

/// The text of a CSV text cell as written: `'` before a cell a spreadsheet would run as a
/// formula (and before an apostrophe-led one, see the module doc), the text itself otherwise.
pub(crate) fn neutralize(text: &str) -> Cow<'_, str> {
    if is_formula_like(text) {
        Cow::Owned(format!("{QUOTE}{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// The inverse of [`neutralize`] for a cell read from CSV: one leading apostrophe is removed
/// when what follows it is formula-like, any other cell is returned as is. Borrowed: the
/// importer's hot path does not allocate.
pub(crate) fn restore(cell: &str) -> &str {
    match cell.strip_prefix(QUOTE) {
        Some(rest) if is_formula_like(rest) => rest,
        _ => cell,
    }
}

/// [`restore`] on every cell of a CSV record.
pub(crate) fn restore_all(cells: &mut [&str]) {
    for c in cells.iter_mut() {
        *c = restore(c);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn triggers_get_an_apostrophe_and_other_text_does_not() {
        for (text, written) in [
            ("=1+1", "'=1+1"),
            ("+52 55 1234", "'+52 55 1234"),
            ("-5 mujeres", "'-5 mujeres"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\t=cmd", "'\t=cmd"),
            ("\r=cmd", "'\r=cmd"),
            ("'=x", "''=x"),
            ("''-x", "'''-x"),
        ] {
            assert_eq!(neutralize(text), written, "{text:?}");
            assert_eq!(restore(&neutralize(text)), text, "{text:?}");
        }
        for text in [
            "",
            "a=b",
            " =x",
            "'",
            "'quoted'",
            "Ruta",
            "2024-01-02",
            "5",
            "é=1",
        ] {
            assert!(matches!(neutralize(text), Cow::Borrowed(_)), "{text:?}");
            assert_eq!(restore(text), text, "{text:?}");
        }
    }

    #[test]
    fn restore_strips_one_apostrophe_only_before_a_trigger() {
        assert_eq!(restore("'=x"), "=x");
        assert_eq!(restore("''=x"), "'=x");
        assert_eq!(restore("'abc"), "'abc");
        assert_eq!(restore("'"), "'");
        let mut cells = ["'-3", "x", "'@a"];
        restore_all(&mut cells);
        assert_eq!(cells, ["-3", "x", "@a"]);
    }

    #[cfg(feature = "xlsx-write")]
    #[test]
    fn xlsx_quote_prefix_only_for_a_leading_trigger() {
        assert!(runs_as_formula("=x") && runs_as_formula("-1") && runs_as_formula("\tx"));
        assert!(!runs_as_formula("'=x") && !runs_as_formula("x=1") && !runs_as_formula(""));
    }
}
