//! Invariants of the matrix import under proptest (issue 12): generated partner files made
//! of valid and invalid cells, with shuffled and renamed columns, titles above the header,
//! blank rows, any delimiter, BOM and line ending.
//!
//! - accounting: `rows_read == accepted + rejected`, `rejected_rows` lists exactly the
//!   rejected rows, each with an error finding on that row (or a file-level
//!   `missing_column`), the matrix holds exactly `accepted` entries, and `summary` counts
//!   the findings' severities when none was left out;
//! - a row whose cells are all valid is accepted, a row with an unusable required field is
//!   rejected; in tolerant mode a row whose only faults are bad optional values is kept
//!   (strict mode may reject it); a kept row never carries a bad optional value;
//! - dropped values: each is a warning with `params.dropped` and `params.field`, and
//!   `rows_with_dropped_values` counts exactly the accepted rows with one (0 in strict mode);
//! - the same cells read as CSV and as XLSX (written with rust_xlsxwriter, numbers as
//!   numbers) give the same entries, accounting and findings;
//! - the core's own CSV and XLSX exports re-import to the same entries, and
//!   `Matrix::from_entries` of the entries accepts them all unchanged.
//!
//! `PROPTEST_CASES` raises the number of cases for a long run.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // test code

mod invariants;

use invariants::cases;
use lineamientos::{
    Catalog, Diagnostic, Entry, Field, ImportOptions, ImportReport, Lang, Matrix, Severity,
};
use proptest::prelude::*;
use std::collections::BTreeSet;
use std::io::Cursor;

/// What a cell does to its row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Q {
    /// A valid value (possibly with a warning that keeps the row in tolerant mode).
    Good,
    /// An unusable required field: the row is rejected under any policy.
    Bad,
    /// A bad optional value (or a repeated id): kept without the value in tolerant mode,
    /// rejected in strict mode.
    Doubt,
}

#[derive(Debug, Clone)]
struct Val {
    text: String,
    q: Q,
}

fn of(texts: &[&'static str], q: Q) -> BoxedStrategy<Val> {
    prop::sample::select(texts.to_vec())
        .prop_map(move |t| Val {
            text: t.to_owned(),
            q,
        })
        .boxed()
}

/// Mostly valid values, sometimes invalid ones.
fn mix(good: &[&'static str], bad: &[&'static str], bad_q: Q) -> BoxedStrategy<Val> {
    prop_oneof![4 => of(good, Q::Good), 1 => of(bad, bad_q)].boxed()
}

/// The cells of one field: valid ones, and invalid ones of the field's kind.
fn value(f: Field) -> BoxedStrategy<Val> {
    use Field::*;
    use Q::*;
    match f {
        // Ids are set per row (unique, or a repeat) by `rows()`.
        Id => of(&[""], Good),
        Country => mix(
            &[
                "MX",
                "México",
                "GTM",
                "Honduras",
                "slv",
                "Costa Rica",
                " PAN ",
            ],
            &["Mexco", "", "ZZZ", "Atlántida"],
            Bad,
        ),
        Institution => mix(
            &[
                "SEPREM",
                "Secretaría Presidencial de la Mujer",
                "ONU Mujeres",
                "Instituto local",
            ],
            &[""],
            Bad,
        ),
        ReportedOn => mix(
            &[
                "2024-01-15",
                "15/06/2024",
                "05/25/2024",
                "45414",
                "2023-12-31",
            ],
            &["ayer", "2024-02-30", "", "1899-01-01", "31/31/2024"],
            Bad,
        ),
        EntryType => mix(
            &[
                "Evento",
                "event",
                "Buena práctica",
                "best practice",
                "Avance",
            ],
            &["", "Cosa"],
            Bad,
        ),
        Title => mix(
            &[
                "Taller regional",
                "Ruta de atención",
                "Foro; migración, mujeres",
            ],
            &[""],
            Bad,
        ),
        Status => mix(&["En curso", "finalizado", "ongoing"], &["", "???"], Bad),
        Description => of(
            &[
                "",
                "dijo \"hola\"",
                "línea 1\nlínea 2",
                "a, b",
                "=1+1",
                "x;y",
            ],
            Good,
        ),
        Axis => mix(&["", "VCM", "emp", "Cuidados"], &["XYZ"], Doubt),
        Guidelines => mix(
            &["", "VCM-1", "VCM-1; VCM-2", "emp 1", "DAT-3"],
            &["ZZZ-9", "VCM-1; VCM-99"],
            Doubt,
        ),
        Activity => of(&["", "a1", "a2", "PLAN-7"], Good),
        Stages => mix(&["", "Origen", "Tránsito|Destino"], &["Luna"], Doubt),
        // 0.5 and 1 are ambiguous once the column has evidence of percent.
        Progress => mix(
            &["", "45", "45%", "0", "100"],
            &["0.5", "1", "x", "150", "-3"],
            Doubt,
        ),
        Start | End => mix(
            &["", "2024-01-01", "2024-03-01", "2024-02-29"],
            &["31/02/2024", "pronto"],
            Doubt,
        ),
        Women | Men | Girls | Boys | Unspecified => mix(
            &["", "0", "12", "1 200", "3.0", "7"],
            &["-1", "x", "99999999999", "2.5"],
            Doubt,
        ),
        EvidenceUrl => of(&["", "https://example.org/a"], Good),
        Replicable | Approved => mix(&["", "sí", "no", "x", "yes", "1"], &["quizás"], Doubt),
    }
}

/// One data row: a value per field of `Field::ALL`, and whether a blank row comes before.
#[derive(Debug, Clone)]
struct Row {
    vals: Vec<Val>,
    blank_before: bool,
}

fn row() -> impl Strategy<Value = Row> {
    let fields: Vec<BoxedStrategy<Val>> = Field::ALL.iter().map(|f| value(*f)).collect();
    (fields, prop::bool::weighted(0.1)).prop_map(|(vals, blank_before)| Row { vals, blank_before })
}

/// A file: which columns (in which order, under which header), the rows, and how it is
/// written.
#[derive(Debug, Clone)]
struct File {
    /// Field positions (into `Field::ALL`) in file order, with the header written.
    columns: Vec<(usize, String)>,
    /// An unknown column, written after the known ones.
    extra: bool,
    rows: Vec<Row>,
    /// Per row: `Some(i)` repeats the id of row `i`.
    repeat_id: Vec<Option<usize>>,
    title: bool,
    delimiter: char,
    crlf: bool,
    bom: bool,
    /// Blank rows written as delimiters only (what Excel writes), else empty lines.
    blank_as_delimiters: bool,
}

fn header_of(f: Field, pick: usize, upper: bool) -> String {
    let mut names = vec![f.label(Lang::Es), f.label(Lang::En)];
    names.extend(f.aliases().iter().copied());
    let name = names[pick % names.len()];
    if upper {
        name.to_uppercase()
    } else {
        name.to_owned()
    }
}

fn file() -> impl Strategy<Value = File> {
    let n = Field::ALL.len();
    (
        (
            Just((0..n).collect::<Vec<_>>()).prop_shuffle(),
            proptest::collection::vec((any::<bool>(), 0usize..8, any::<bool>()), n),
            prop::bool::weighted(0.05),
            any::<bool>(),
        ),
        proptest::collection::vec(row(), 0..24),
        proptest::collection::vec(
            prop::option::weighted(0.1, any::<prop::sample::Index>()),
            24,
        ),
        (
            any::<bool>(),
            prop::sample::select(vec![',', ';', '\t']),
            any::<bool>(),
            any::<bool>(),
            any::<bool>(),
        ),
    )
        .prop_map(
            |(
                (order, choice, drop_required, extra),
                rows,
                repeats,
                (title, delimiter, crlf, bom, blank_as_delimiters),
            )| {
                let mut columns = Vec::new();
                let mut dropped = false;
                for i in order {
                    let f = Field::ALL[i];
                    let (keep, pick, upper) = choice[i];
                    if f.required() {
                        // Rarely, a required column is missing: every row is rejected.
                        if drop_required && !dropped {
                            dropped = true;
                            continue;
                        }
                    } else if !keep {
                        continue;
                    }
                    columns.push((i, header_of(f, pick, upper)));
                }
                let repeat_id = repeats
                    .iter()
                    .take(rows.len())
                    .enumerate()
                    .map(|(k, r)| r.and_then(|ix| (k > 0).then(|| ix.index(k))))
                    .collect();
                File {
                    columns,
                    extra,
                    rows,
                    repeat_id,
                    title,
                    delimiter,
                    crlf,
                    bom,
                    blank_as_delimiters,
                }
            },
        )
}

impl File {
    fn has(&self, f: Field) -> bool {
        self.columns.iter().any(|(i, _)| Field::ALL[*i] == f)
    }

    fn id(&self, k: usize) -> String {
        let own = self.repeat_id.get(k).copied().flatten().unwrap_or(k);
        format!("e{own}")
    }

    /// The cells of the file, row by row, `None` for a blank row; and each data row's
    /// number as the spreadsheet shows it.
    fn grid(&self) -> (Vec<Option<Vec<String>>>, Vec<u64>) {
        let mut lines: Vec<Option<Vec<String>>> = Vec::new();
        if self.title {
            lines.push(Some(vec!["Matriz de seguimiento 2024".to_owned()]));
        }
        let mut header: Vec<String> = self.columns.iter().map(|(_, h)| h.clone()).collect();
        if self.extra {
            header.push("Notas internas".to_owned());
        }
        lines.push(Some(header));
        let mut numbers = Vec::new();
        for (k, r) in self.rows.iter().enumerate() {
            if r.blank_before {
                lines.push(None);
            }
            let mut cells: Vec<String> = self
                .columns
                .iter()
                .map(|(i, _)| {
                    if Field::ALL[*i] == Field::Id {
                        self.id(k)
                    } else {
                        r.vals[*i].text.clone()
                    }
                })
                .collect();
            if self.extra {
                cells.push("nota".to_owned());
            }
            lines.push(Some(cells));
            numbers.push(lines.len() as u64);
        }
        (lines, numbers)
    }

    fn csv(&self) -> Vec<u8> {
        let (lines, _) = self.grid();
        let d = self.delimiter;
        let eol = if self.crlf { "\r\n" } else { "\n" };
        let width = self.columns.len() + usize::from(self.extra);
        let mut s = String::new();
        if self.bom {
            s.push('\u{feff}');
        }
        for line in lines {
            match line {
                None if self.blank_as_delimiters => {
                    s.push_str(&d.to_string().repeat(width.saturating_sub(1)))
                }
                None => {}
                Some(cells) => {
                    let quoted: Vec<String> = cells
                        .iter()
                        .map(|c| {
                            if c.contains(d) || c.contains('"') || c.contains('\n') {
                                format!("\"{}\"", c.replace('"', "\"\""))
                            } else {
                                c.clone()
                            }
                        })
                        .collect();
                    s.push_str(&quoted.join(&d.to_string()));
                }
            }
            s.push_str(eol);
        }
        s.into_bytes()
    }

    /// The same cells in a workbook; plain decimal numbers written as numbers.
    fn xlsx(&self) -> Vec<u8> {
        let (lines, _) = self.grid();
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        for (r, line) in lines.iter().enumerate() {
            let Some(cells) = line else { continue };
            for (c, text) in cells.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                let numeric = !text.is_empty()
                    && text
                        .trim_start_matches('-')
                        .chars()
                        .all(|ch| ch.is_ascii_digit() || ch == '.')
                    && text.parse::<f64>().is_ok();
                if numeric {
                    sheet
                        .write_number(r, c, text.parse::<f64>().unwrap())
                        .unwrap();
                } else if !text.is_empty() {
                    sheet.write_string(r, c, text).unwrap();
                }
            }
        }
        book.save_to_buffer().unwrap()
    }

    /// What the row's cells promise: `Bad` if a required field is unusable, else `Doubt`
    /// if some optional value is bad (or depends on the rest of the file), else `Good`.
    fn promise(&self, k: usize) -> Q {
        if !Field::ALL
            .iter()
            .filter(|f| f.required())
            .all(|f| self.has(*f))
        {
            return Q::Bad;
        }
        let r = &self.rows[k];
        let mut q = Q::Good;
        for (i, _) in &self.columns {
            match r.vals[*i].q {
                Q::Bad => return Q::Bad,
                Q::Doubt => q = Q::Doubt,
                Q::Good => {}
            }
        }
        // A repeated id is rejected when the first row with it was accepted.
        if self.has(Field::Id) && self.repeat_id.get(k).copied().flatten().is_some() {
            q = Q::Doubt;
        }
        // End before start rejects the row (or drops the end).
        let date = |f: Field| {
            let i = Field::ALL.iter().position(|x| *x == f).unwrap();
            self.has(f)
                .then(|| r.vals[i].text.parse::<chrono::NaiveDate>().ok())
                .flatten()
        };
        if let (Some(s), Some(e)) = (date(Field::Start), date(Field::End)) {
            if e < s {
                q = Q::Doubt;
            }
        }
        q
    }

    /// The cell of `f` in row `k`, if the column is in the file.
    fn cell(&self, k: usize, f: Field) -> Option<&Val> {
        let i = Field::ALL.iter().position(|x| *x == f).unwrap();
        self.has(f).then(|| &self.rows[k].vals[i])
    }
}

/// The accounting rules of every import.
fn accounting(m: &Matrix, r: &ImportReport) {
    assert_eq!(r.rows_read, r.accepted + r.rejected, "{r:?}");
    assert_eq!(r.rejected_rows.len() as u64, r.rejected);
    assert!(
        r.rejected_rows.windows(2).all(|w| w[0] < w[1]),
        "{:?}",
        r.rejected_rows
    );
    assert_eq!(m.len() as u64, r.accepted);
    assert_eq!(m.entries().count(), m.len());
    let stored = r.diagnostics.len() as u64;
    let counted = (r.summary.errors + r.summary.warnings + r.summary.infos) as u64;
    assert_eq!(counted, stored + r.diagnostics_truncated);
    if r.diagnostics_truncated == 0 {
        let n = |s: Severity| r.diagnostics.iter().filter(|d| d.severity == s).count();
        assert_eq!(r.summary.errors, n(Severity::Error));
        assert_eq!(r.summary.warnings, n(Severity::Warning));
        assert_eq!(r.summary.infos, n(Severity::Info));
        let fatal = r.with_code("missing_column").next().is_some();
        for row in &r.rejected_rows {
            assert!(
                fatal
                    || r.diagnostics
                        .iter()
                        .any(|d| d.row == Some(*row) && d.severity == Severity::Error),
                "row {row} rejected without an error finding on it: {:?}",
                r.diagnostics
            );
        }
    }
    // An error finding on a data row means the row is rejected (file-level errors such as
    // `missing_column` sit on the header row).
    let header_level = ["missing_column", "unknown_column", "duplicate_column"];
    for d in &r.diagnostics {
        if d.severity == Severity::Error && !header_level.contains(&d.code.as_str()) {
            if let Some(row) = d.row {
                assert!(r.rejected_rows.contains(&row), "{d:?} on a kept row");
            }
        }
    }
    // Dropped values (issue 12's row policy): every accepted row that lost a value has a
    // `dropped` warning on it, and `rows_with_dropped_values` counts exactly those rows; a
    // dropped finding is never an error. A row with a dropped value can still be rejected
    // for a required field, and is then not counted.
    let is_dropped = |d: &&Diagnostic| d.params.get("dropped").map(String::as_str) == Some("true");
    for d in r.diagnostics.iter().filter(is_dropped) {
        assert_eq!(d.severity, Severity::Warning, "{d:?}");
        assert!(d.params.contains_key("field"), "{d:?}");
    }
    if r.diagnostics_truncated == 0 {
        let kept_with_drops: BTreeSet<u64> = r
            .diagnostics
            .iter()
            .filter(is_dropped)
            .filter_map(|d| d.row)
            .filter(|row| !r.rejected_rows.contains(row))
            .collect();
        assert_eq!(
            r.rows_with_dropped_values,
            kept_with_drops.len() as u64,
            "{r:?}"
        );
    }
    assert!(r.rows_with_dropped_values <= r.accepted);
}

/// Findings comparable across formats.
fn findings(r: &ImportReport) -> Vec<(String, Severity, Option<u64>, Option<String>)> {
    r.diagnostics
        .iter()
        .map(|d: &Diagnostic| (d.code.clone(), d.severity, d.row, d.column.clone()))
        .collect()
}

fn read_csv(bytes: &[u8], opts: &ImportOptions) -> (Matrix, ImportReport) {
    Matrix::read_csv(bytes, &Catalog::embedded(), opts).expect("a generated CSV file reads")
}

fn read_xlsx(bytes: Vec<u8>, opts: &ImportOptions) -> (Matrix, ImportReport) {
    Matrix::read_xlsx(Cursor::new(bytes), &Catalog::embedded(), opts)
        .expect("a generated workbook reads")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(32), ..ProptestConfig::default() })]

    #[test]
    fn csv_accounting_adds_up_and_rows_meet_their_promise(f in file(), strict in prop::bool::weighted(0.2)) {
        let opts = ImportOptions::default().strict(strict);
        let (m, r) = read_csv(&f.csv(), &opts);
        accounting(&m, &r);
        if strict {
            prop_assert_eq!(r.rows_with_dropped_values, 0);
        }
        let (_, numbers) = f.grid();
        prop_assert_eq!(r.rows_read, f.rows.len() as u64);
        let rejected: BTreeSet<u64> = r.rejected_rows.iter().copied().collect();
        let entries: Vec<Entry> = m.entries().collect();
        for (k, row) in numbers.iter().enumerate() {
            match f.promise(k) {
                Q::Bad => prop_assert!(rejected.contains(row), "row {} should be rejected", row),
                // A bad optional value never rejects its row in tolerant mode (a repeated id
                // may, when its first row was kept).
                Q::Doubt if !strict && f.repeat_id[k].is_none() => prop_assert!(!rejected.contains(row),
                    "row {} has its required fields and should be kept: {:?}",
                    row, r.diagnostics.iter().filter(|d| d.row == Some(*row)).collect::<Vec<_>>()),
                // In strict mode any warning (month-first date, retired item...) rejects.
                Q::Good if !strict => prop_assert!(!rejected.contains(row), "row {} should be kept: {:?}",
                    row, r.diagnostics.iter().filter(|d| d.row == Some(*row)).collect::<Vec<_>>()),
                _ => {}
            }
        }
        // A kept row carries none of its bad optional values.
        if f.has(Field::Id) {
            for (k, row) in numbers.iter().enumerate() {
                if rejected.contains(row) || f.repeat_id[k].is_some() {
                    continue;
                }
                let e = entries.iter().find(|e| e.id == f.id(k)).expect("the kept row's entry");
                let bad = |fd: Field| f.cell(k, fd).is_some_and(|v| v.q == Q::Doubt);
                let p = e.participants;
                for (fd, got) in [(Field::Women, p.women), (Field::Men, p.men), (Field::Girls, p.girls),
                                  (Field::Boys, p.boys), (Field::Unspecified, p.unspecified)] {
                    if bad(fd) {
                        prop_assert_eq!(got, None, "{:?} of row {}", fd, row);
                    }
                }
                if bad(Field::Replicable) {
                    prop_assert_eq!(e.replicable, None);
                }
                if bad(Field::Approved) {
                    prop_assert!(!e.approved);
                }
                if f.cell(k, Field::Progress).is_some_and(|v| ["x", "150", "-3"].contains(&v.text.as_str())) {
                    prop_assert_eq!(e.progress, None);
                }
                if let Some(p) = e.progress {
                    prop_assert!((0.0..=100.0).contains(&p), "{}", p);
                }
            }
        }
    }

    #[test]
    fn csv_and_xlsx_of_the_same_cells_agree(f in file()) {
        let opts = ImportOptions::default();
        let (mc, rc) = read_csv(&f.csv(), &opts);
        let (mx, rx) = read_xlsx(f.xlsx(), &opts);
        accounting(&mx, &rx);
        prop_assert_eq!(
            (rc.rows_read, rc.accepted, rc.rejected, &rc.rejected_rows),
            (rx.rows_read, rx.accepted, rx.rejected, &rx.rejected_rows)
        );
        prop_assert_eq!(mc.entries().collect::<Vec<_>>(), mx.entries().collect::<Vec<_>>());
        prop_assert_eq!(findings(&rc), findings(&rx));
        prop_assert_eq!(rc.summary, rx.summary);
    }

    #[test]
    fn exports_and_entries_reimport_to_the_same_entries(f in file(), es in any::<bool>()) {
        let lang = if es { Lang::Es } else { Lang::En };
        let (m, _) = read_csv(&f.csv(), &ImportOptions::default());
        let entries: Vec<Entry> = m.entries().collect();
        let mut csv = Vec::new();
        m.write_csv(&mut csv, lang).unwrap();
        let (back, r) = read_csv(&csv, &ImportOptions::default());
        accounting(&back, &r);
        prop_assert_eq!(r.rejected, 0, "{:?}", r.diagnostics);
        prop_assert_eq!(&back.entries().collect::<Vec<_>>(), &entries);
        let mut xlsx = Vec::new();
        m.write_xlsx(&mut xlsx, lang).unwrap();
        let (back, r) = read_xlsx(xlsx, &ImportOptions::default());
        accounting(&back, &r);
        prop_assert_eq!(&back.entries().collect::<Vec<_>>(), &entries);
        let (back, r) = Matrix::from_entries(entries.clone(), &Catalog::embedded()).unwrap();
        accounting(&back, &r);
        prop_assert_eq!(r.rejected, 0, "{:?}", r.diagnostics);
        prop_assert_eq!(&back.entries().collect::<Vec<_>>(), &entries);
    }
}
