//! Property tests: no input makes the importer panic, the accounting always adds up, pivot
//! totals equal the sums over the entries (or are withheld), and the audit of every
//! suppressed table finds each primary cell protected.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use lineamientos::{Catalog, Dim, ImportOptions, Lang, Matrix, Measure, PivotSpec};
use proptest::prelude::*;
use std::collections::HashMap;
use std::io::Cursor;

fn check_accounting(m: &Matrix, r: &lineamientos::ImportReport) {
    assert_eq!(r.rows_read, r.accepted + r.rejected);
    assert_eq!(r.rejected_rows.len() as u64, r.rejected);
    assert_eq!(m.len() as u64, r.accepted);
    assert_eq!(m.entries().count(), m.len());
}

fn sample_xlsx() -> Vec<u8> {
    let text =
        "País,Institución,Fecha,Tipo,Título,Estado,Mujeres\nMX,A,2024-01-01,Evento,t,En curso,4\n";
    let (m, _) = Matrix::read_csv(
        text.as_bytes(),
        &Catalog::embedded(),
        &ImportOptions::default(),
    )
    .unwrap();
    let mut out = Vec::new();
    m.write_xlsx(&mut out, Lang::Es).unwrap();
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic_the_csv_reader(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let cat = Catalog::embedded();
        for strict in [false, true] {
            if let Ok((m, r)) = Matrix::read_csv(bytes.as_slice(), &cat, &ImportOptions::default().strict(strict)) {
                check_accounting(&m, &r);
            }
        }
    }

    #[test]
    fn csv_like_noise_never_panics(cells in proptest::collection::vec(
        prop_oneof![
            Just("\"".to_owned()), Just(";".to_owned()), Just(",".to_owned()), Just("\n".to_owned()),
            Just("\r\n".to_owned()), Just("País".to_owned()), Just("Estado".to_owned()),
            Just("Fecha".to_owned()), Just("Avance".to_owned()), Just("0.5".to_owned()),
            Just("45%".to_owned()), Just("MX".to_owned()), Just("2024-01-01".to_owned()),
            Just("\u{feff}".to_owned()), "[a-zñ0-9 /%.-]{0,8}",
        ], 0..200)) {
        let text = cells.concat();
        let cat = Catalog::embedded();
        if let Ok((m, r)) = Matrix::read_csv(text.as_bytes(), &cat, &ImportOptions::default()) {
            check_accounting(&m, &r);
            let t = m.pivot(&PivotSpec::new().rows([Dim::Guideline]).cols([Dim::Stage])).unwrap();
            prop_assert_eq!(t.grand_total.value, Some(m.len() as f64));
        }
    }

    #[test]
    fn arbitrary_and_corrupted_xlsx_never_panic(
        bytes in proptest::collection::vec(any::<u8>(), 0..512),
        flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
    ) {
        let cat = Catalog::embedded();
        if let Ok((m, r)) = Matrix::read_xlsx(Cursor::new(bytes), &cat, &ImportOptions::default()) {
            check_accounting(&m, &r);
        }
        let mut x = sample_xlsx();
        for (i, b) in flips {
            let i = i.index(x.len());
            x[i] = b;
        }
        if let Ok((m, r)) = Matrix::read_xlsx(Cursor::new(x), &cat, &ImportOptions::default()) {
            check_accounting(&m, &r);
        }
    }
}

#[derive(Debug, Clone)]
struct Row {
    country: &'static str,
    axis: &'static str,
    date: &'static str,
    women: Option<i64>,
    men: Option<u32>,
    progress: &'static str,
    blank_before: bool,
}

fn row() -> impl Strategy<Value = Row> {
    (
        prop::sample::select(vec!["MX", "Guatemala", "HND", "Mexco", "", "El Salvador"]),
        prop::sample::select(vec!["VCM", "EMP", "", "XYZ", "Cuidados"]),
        prop::sample::select(vec![
            "2024-01-01",
            "15/06/2024",
            "2023-12-31",
            "ayer",
            "45414",
        ]),
        prop::option::of(-2i64..25),
        prop::option::of(0u32..10),
        prop::sample::select(vec!["", "45", "45%", "0.5", "100", "x"]),
        any::<bool>(),
    )
        .prop_map(
            |(country, axis, date, women, men, progress, blank_before)| Row {
                country,
                axis,
                date,
                women,
                men,
                progress,
                blank_before,
            },
        )
}

fn render(rows: &[Row], delim: char) -> String {
    let mut s = [
        "ID",
        "País",
        "Institución",
        "Fecha",
        "Tipo",
        "Título",
        "Estado",
        "Eje",
        "Mujeres",
        "Hombres",
        "Avance",
    ]
    .join(&delim.to_string());
    s.push('\n');
    for (i, r) in rows.iter().enumerate() {
        if r.blank_before {
            s.push('\n');
        }
        let cells = [
            format!("id{i}"),
            r.country.to_owned(),
            "Inst".to_owned(),
            r.date.to_owned(),
            "Evento".to_owned(),
            "t".to_owned(),
            "En curso".to_owned(),
            r.axis.to_owned(),
            r.women.map(|w| w.to_string()).unwrap_or_default(),
            r.men.map(|w| w.to_string()).unwrap_or_default(),
            r.progress.to_owned(),
        ];
        s.push_str(&cells.join(&delim.to_string()));
        s.push('\n');
    }
    s
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, .. ProptestConfig::default() })]

    #[test]
    fn totals_equal_the_entries_and_suppression_is_consistent(
        rows in proptest::collection::vec(row(), 0..60),
        semicolon in any::<bool>(),
        k in 1u64..12,
    ) {
        let text = render(&rows, if semicolon { ';' } else { ',' });
        let (m, r) = Matrix::read_csv(text.as_bytes(), &Catalog::embedded(), &ImportOptions::default()).unwrap();
        check_accounting(&m, &r);
        prop_assert_eq!(r.rows_read, rows.len() as u64);

        let entries: Vec<_> = m.entries().collect();
        let people = |e: &lineamientos::Entry| {
            let p = e.participants;
            (p.women.is_some() || p.men.is_some()).then(|| p.total() as f64)
        };
        // expected sums by (country, axis), by country, by axis, overall (from the entries)
        let mut cell: HashMap<(String, Option<String>), f64> = HashMap::new();
        let mut by_row: HashMap<String, f64> = HashMap::new();
        let mut by_col: HashMap<Option<String>, f64> = HashMap::new();
        let mut grand = None::<f64>;
        for e in &entries {
            if let Some(v) = people(e) {
                *cell.entry((e.country.clone(), e.axis.clone())).or_default() += v;
                *by_row.entry(e.country.clone()).or_default() += v;
                *by_col.entry(e.axis.clone()).or_default() += v;
                grand = Some(grand.unwrap_or(0.0) + v);
            }
        }
        let spec = PivotSpec::new().rows([Dim::Country]).cols([Dim::Axis]).measure(Measure::Participants);
        let plain = m.pivot(&spec).unwrap();
        let t = m.pivot(&spec.clone().suppress_below(k)).unwrap();
        // totals equal the sums over the entries, unless withheld (only when nothing else
        // protects a primary cell)
        let total = |x: &lineamientos::pivot::Total, want: Option<f64>| {
            if x.suppressed { x.value.is_none() } else { x.value == want }
        };
        prop_assert!(total(&t.grand_total, grand));
        for (i, key) in t.rows.iter().enumerate() {
            let c = key[0].code.clone().unwrap();
            prop_assert!(total(&t.row_totals[i], by_row.get(&c).copied()));
        }
        for (j, key) in t.cols.iter().enumerate() {
            prop_assert!(total(&t.col_totals[j], by_col.get(&key[0].code).copied()));
        }
        prop_assert_eq!(t.cells.len(), plain.cells.len());
        for (c, p) in t.cells.iter().zip(&plain.cells) {
            let key = (t.rows[c.row][0].code.clone().unwrap(), t.cols[c.col][0].code.clone());
            prop_assert_eq!(p.value, cell.get(&key).copied());
            if c.suppressed {
                prop_assert!(c.value.is_none());
                prop_assert!(c.reason.is_some());
            } else {
                prop_assert_eq!(c.value, p.value);
                // nothing visible is below the threshold
                prop_assert!(!c.value.is_some_and(|v| v > 0.0 && v < k as f64));
            }
        }
        // every primary cell is protected, as the audit of the published table confirms:
        // its interval reaches k above its value and down to max(0, value - k)
        prop_assert!(t.exposed.is_empty());
        let published = t.audit().unwrap();
        for c in t.cells.iter().filter(|c| c.suppressed) {
            let e = published.cell(c.row, c.col).unwrap();
            let v = plain.cell(c.row, c.col).unwrap().value.unwrap_or(0.0) as u64;
            prop_assert!(e.lo <= v && e.hi.is_none_or(|h| h >= v));
            if c.reason == Some(lineamientos::Suppression::Primary) {
                prop_assert!(e.lo <= v.saturating_sub(k), "{:?} value {}", e, v);
                prop_assert!(e.hi.is_none_or(|h| h >= v + k), "{:?} value {}", e, v);
            }
        }
        prop_assert_eq!(t.audit.as_ref().and_then(|a| a.unprotected), Some(0));
    }
}
