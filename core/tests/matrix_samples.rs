//! The messy sample files of `examples/data/` import with exact accounting, and what is
//! imported survives a CSV and an XLSX round trip.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use lineamientos::{Catalog, Dim, ImportOptions, Lang, Matrix, Measure, PivotSpec, Severity};
use std::io::Cursor;
use std::path::PathBuf;

fn data(name: &str) -> Vec<u8> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../examples/data")
        .join(name);
    std::fs::read(p).unwrap()
}

fn codes(r: &lineamientos::ImportReport) -> Vec<(String, Severity, Option<u64>, Option<String>)> {
    r.diagnostics
        .iter()
        .map(|d| (d.code.clone(), d.severity, d.row, d.column.clone()))
        .collect()
}

#[test]
fn spanish_semicolon_sample_with_title_row_bom_and_crlf() {
    let cat = Catalog::embedded();
    let (m, r) = Matrix::read_csv(
        data("matriz_seguimiento.csv").as_slice(),
        &cat,
        &ImportOptions::default(),
    )
    .unwrap();
    assert_eq!((r.rows_read, r.accepted, r.rejected), (24, 21, 3));
    assert_eq!(r.rejected_rows, [7, 12, 19]);
    assert_eq!(r.delimiter, Some(';'));
    let s = |c: &str| Some(c.to_owned());
    // The sample's institutions are fictitious: each is reported once, at its first row,
    // and kept as written.
    let unknown: Vec<(Option<u64>, Option<&str>, Option<&str>)> = r
        .with_code("unknown_institution")
        .map(|d| {
            assert_eq!(d.severity, Severity::Warning);
            (
                d.row,
                d.params.get("country").map(String::as_str),
                d.value.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        unknown,
        [
            (
                Some(3),
                Some("GTM"),
                Some("Institución ficticia de la mujer (Guatemala, ejemplo)")
            ),
            (
                Some(4),
                Some("MEX"),
                Some("Institución ficticia de la mujer (México, ejemplo)")
            ),
            (
                Some(5),
                Some("HND"),
                Some("Institución ficticia de la mujer (Honduras, ejemplo)")
            ),
            (
                Some(6),
                Some("SLV"),
                Some("Institución ficticia de la mujer (El Salvador, ejemplo)")
            ),
            (
                Some(8),
                Some("PAN"),
                Some("Institución ficticia de la mujer (Panamá, ejemplo)")
            ),
            (
                Some(9),
                Some("DOM"),
                Some("Institución ficticia de la mujer (República Dominicana, ejemplo)")
            ),
            (
                Some(10),
                Some("BLZ"),
                Some("Fictitious Women's Department (example)")
            ),
            (
                Some(16),
                Some("CRI"),
                Some("Institución ficticia de la mujer (Costa Rica, ejemplo)")
            ),
        ]
    );
    let others: Vec<_> = codes(&r)
        .into_iter()
        .filter(|d| d.0 != "unknown_institution")
        .collect();
    assert_eq!(
        others,
        [
            ("preamble_skipped".to_owned(), Severity::Info, Some(1), None),
            (
                "unknown_column".to_owned(),
                Severity::Warning,
                Some(2),
                s("Observaciones")
            ),
            (
                "unknown_code".to_owned(),
                Severity::Error,
                Some(7),
                s("País")
            ),
            (
                "invalid_date".to_owned(),
                Severity::Error,
                Some(12),
                s("Fecha de reporte")
            ),
            (
                "duplicate_id".to_owned(),
                Severity::Error,
                Some(19),
                s("ID")
            ),
            (
                "value_normalized".to_owned(),
                Severity::Warning,
                Some(24),
                s("Fecha de reporte")
            ),
        ]
    );
    assert_eq!(
        r.with_code("unknown_code")
            .next()
            .unwrap()
            .suggestion
            .as_deref(),
        Some("GTM")
    );
    assert_eq!(
        r.with_code("duplicate_id")
            .next()
            .unwrap()
            .params
            .get("first_row")
            .map(String::as_str),
        Some("5")
    );
    assert_eq!(
        m.entry(0).unwrap().institution,
        "Institución ficticia de la mujer (Guatemala, ejemplo)"
    );
    let first = m.entry(0).unwrap();
    assert_eq!(first.country, "GTM");
    assert_eq!(first.guidelines, ["VCM-1", "VCM-2"]);
    assert_eq!(
        first.description.as_deref(),
        Some("Descripción breve; con detalle")
    );
    assert_eq!(first.progress, Some(5.0));
    assert_eq!(first.replicable, Some(false));
    let t = m
        .pivot(
            &PivotSpec::new()
                .rows([Dim::Country])
                .measure(Measure::Count),
        )
        .unwrap();
    assert_eq!(t.grand_total.value, Some(21.0));
}

#[test]
fn english_sample_with_fraction_progress() {
    let cat = Catalog::embedded();
    let (m, r) = Matrix::read_csv(
        data("tracking_matrix_en.csv").as_slice(),
        &cat,
        &ImportOptions::default(),
    )
    .unwrap();
    assert_eq!((r.rows_read, r.accepted, r.rejected), (12, 11, 1));
    assert_eq!(r.rejected_rows, [9]);
    assert_eq!(
        r.with_code("unknown_code")
            .next()
            .unwrap()
            .column
            .as_deref(),
        Some("Entry type")
    );
    assert_eq!(r.with_code("progress_as_fraction").count(), 1);
    let progress: Vec<Option<f64>> = m.entries().take(3).map(|e| e.progress).collect();
    assert_eq!(progress, [Some(45.0), Some(100.0), Some(0.0)]);
    assert_eq!(m.entry(1).unwrap().country, "USA");
}

#[test]
fn xlsx_sample_with_date_cells_and_percent_cells() {
    let cat = Catalog::embedded();
    let (m, r) = Matrix::read_xlsx(
        Cursor::new(data("matriz_seguimiento.xlsx")),
        &cat,
        &ImportOptions::default(),
    )
    .unwrap();
    assert_eq!((r.rows_read, r.accepted, r.rejected), (15, 14, 1));
    assert_eq!(r.rejected_rows, [7]);
    let bad = r.with_code("unknown_code").next().unwrap();
    assert_eq!((bad.row, bad.column.as_deref()), (Some(7), Some("País")));
    assert_eq!(
        r.with_code("unknown_column")
            .next()
            .unwrap()
            .column
            .as_deref(),
        Some("Notas")
    );
    let e0 = m.entry(0).unwrap();
    assert_eq!(e0.reported_on.to_string(), "2024-01-10");
    assert_eq!(e0.progress, Some(100.0));
    assert_eq!(m.entry(1).unwrap().progress, Some(5.0));
    assert_eq!(m.entry(2).unwrap().guidelines, ["NNA-1", "NNA-2"]);
    // a named sheet, case and accents aside
    let opts = ImportOptions::default().sheet("matriz 2024");
    let (_, r2) =
        Matrix::read_xlsx(Cursor::new(data("matriz_seguimiento.xlsx")), &cat, &opts).unwrap();
    assert_eq!(r2.accepted, 14);
    let err = Matrix::read_xlsx(
        Cursor::new(data("matriz_seguimiento.xlsx")),
        &cat,
        &ImportOptions::default().sheet("Hoja9"),
    )
    .unwrap_err();
    assert_eq!(err.code(), "invalid_value");
}

/// The institutions a report warns about (`unknown_institution`), sorted.
fn unknown_institutions(r: &lineamientos::ImportReport) -> Vec<String> {
    let mut v: Vec<String> = r
        .with_code("unknown_institution")
        .filter_map(|d| d.value.clone())
        .collect();
    v.sort();
    v
}

/// The institutions of the entries that are no catalogue code (one per country and
/// institution, sorted): what an import of these entries warns about.
fn uncoded_institutions(m: &Matrix, cat: &Catalog) -> Vec<String> {
    let mut pairs: Vec<(String, String)> = m
        .entries()
        .filter(|e| {
            cat.institution(&e.institution).is_none() && cat.organization(&e.institution).is_none()
        })
        .map(|e| (e.country, e.institution))
        .collect();
    pairs.sort();
    pairs.dedup();
    let mut v: Vec<String> = pairs.into_iter().map(|(_, i)| i).collect();
    v.sort();
    v
}

fn round_trip(m: &Matrix, cat: &Catalog, unknown: &[String]) {
    assert_eq!(uncoded_institutions(m, cat), unknown);
    for lang in [Lang::Es, Lang::En] {
        let mut csv = Vec::new();
        m.write_csv(&mut csv, lang).unwrap();
        let (back, r) = Matrix::read_csv(csv.as_slice(), cat, &ImportOptions::default()).unwrap();
        assert_eq!(r.rejected, 0, "{lang:?}: {:?}", r.diagnostics);
        // Nothing but the (fictitious) institutions the first import already warned about.
        assert_eq!(unknown_institutions(&r), unknown, "{lang:?}");
        assert!(
            r.diagnostics
                .iter()
                .all(|d| d.code == "unknown_institution"),
            "{lang:?}: {:?}",
            r.diagnostics
        );
        assert_eq!(
            back.entries().collect::<Vec<_>>(),
            m.entries().collect::<Vec<_>>(),
            "csv {lang:?}"
        );

        let mut xlsx = Vec::new();
        m.write_xlsx(&mut xlsx, lang).unwrap();
        let (back, r) =
            Matrix::read_xlsx(Cursor::new(xlsx), cat, &ImportOptions::default()).unwrap();
        assert_eq!(r.rejected, 0, "{lang:?}: {:?}", r.diagnostics);
        assert_eq!(
            back.entries().collect::<Vec<_>>(),
            m.entries().collect::<Vec<_>>(),
            "xlsx {lang:?}"
        );
    }
}

#[test]
fn exported_files_reimport_to_the_same_entries() {
    let cat = Catalog::embedded();
    for name in ["matriz_seguimiento.csv", "tracking_matrix_en.csv"] {
        let (m, r) =
            Matrix::read_csv(data(name).as_slice(), &cat, &ImportOptions::default()).unwrap();
        assert!(m.len() > 10);
        assert!(!unknown_institutions(&r).is_empty());
        round_trip(&m, &cat, &uncoded_institutions(&m, &cat));
    }
    let (m, r) = Matrix::read_xlsx(
        Cursor::new(data("matriz_seguimiento.xlsx")),
        &cat,
        &ImportOptions::default(),
    )
    .unwrap();
    let unknown = unknown_institutions(&r);
    assert_eq!(
        unknown.len(),
        4,
        "one fictitious institution in 4 countries"
    );
    assert_eq!(uncoded_institutions(&m, &cat), unknown);
    round_trip(&m, &cat, &unknown);
    // entries -> from_entries gives them back too
    let entries: Vec<_> = m.entries().collect();
    let (again, r) = Matrix::from_entries(entries.clone(), &cat).unwrap();
    assert_eq!(r.accepted as usize, entries.len());
    assert_eq!(again.entries().collect::<Vec<_>>(), entries);
}

#[test]
fn columns_agree_with_entries() {
    use lineamientos::pivot::Column;
    let cat = Catalog::embedded();
    let (m, _) = Matrix::read_csv(
        data("matriz_seguimiento.csv").as_slice(),
        &cat,
        &ImportOptions::default(),
    )
    .unwrap();
    let c = m.to_columns();
    assert_eq!(c.names.len(), c.columns.len());
    assert!(c.columns.iter().all(|col| col.len() == m.len()));
    let entries: Vec<_> = m.entries().collect();
    let pos = |name: &str| c.names.iter().position(|n| n == name).unwrap();
    match (
        &c.columns[pos("id")],
        &c.columns[pos("guidelines")],
        &c.columns[pos("progress")],
        &c.columns[pos("reported_on")],
        &c.columns[pos("women")],
    ) {
        (
            Column::Str(ids),
            Column::StrList(gl),
            Column::F64(p),
            Column::Date(d),
            Column::OptU64(w),
        ) => {
            for (i, e) in entries.iter().enumerate() {
                assert_eq!(ids[i].as_deref(), Some(e.id.as_str()));
                assert_eq!(gl[i], e.guidelines);
                assert_eq!(p[i], e.progress);
                assert_eq!(d[i], Some(e.reported_on));
                assert_eq!(w[i], e.participants.women.map(u64::from));
            }
        }
        other => panic!("unexpected column types {other:?}"),
    }
}
