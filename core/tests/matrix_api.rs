//! Import details, limits, errors, pivot output and analyses through the public API.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use lineamientos::diagnostic::template;
use lineamientos::pivot::{Column, Suppression};
use lineamientos::{
    Catalog, Dim, Entry, EntryType, ImportOptions, Lang, Matrix, Measure, Participants, PeriodUnit,
    PivotSpec, Status,
};
use std::io::Cursor;

const H: &str = "ID,País,Institución,Fecha,Tipo,Título,Estado";

fn read(text: &str) -> (Matrix, lineamientos::ImportReport) {
    Matrix::read_csv(
        text.as_bytes(),
        &Catalog::embedded(),
        &ImportOptions::default(),
    )
    .unwrap()
}

#[test]
fn row_numbers_follow_the_sheet_through_crlf_quoted_newlines_and_blank_rows() {
    let text = format!(
        "{H}\r\n\r\na,MX,X,2024-01-01,Evento,\"dos\r\nlíneas\",En curso\r\n,,,,,,\r\nb,Mexco,X,2024-01-01,Evento,t,En curso\r\n\r\nc,MX,X,2024-01-01,Evento,t,Mal"
    );
    let (m, r) = read(&text);
    assert_eq!((r.rows_read, r.accepted, r.rejected), (3, 1, 2));
    // header 1, blank 2, a 3 (two lines, one cell), blank 4, b 5, blank 6, c 7
    assert_eq!(r.rejected_rows, [5, 7]);
    assert_eq!(m.entry(0).unwrap().title, "dos\r\nlíneas");
}

#[test]
fn limits_are_coded_errors() {
    let cat = Catalog::embedded();
    let text =
        format!("{H}\na,MX,X,2024-01-01,Evento,t,En curso\nb,MX,X,2024-01-01,Evento,t,En curso\n");
    let e =
        Matrix::read_csv(text.as_bytes(), &cat, &ImportOptions::default().max_rows(1)).unwrap_err();
    assert_eq!(e.code(), "limit_exceeded");
    let (_, r) =
        Matrix::read_csv(text.as_bytes(), &cat, &ImportOptions::default().max_rows(2)).unwrap();
    assert_eq!(r.accepted, 2);
    let e = Matrix::read_csv(
        text.as_bytes(),
        &cat,
        &ImportOptions::default().max_bytes(20),
    )
    .unwrap_err();
    assert_eq!(e.code(), "limit_exceeded");
    // a large body past the sniffed prefix also hits the limit
    let big = format!(
        "{H}\n{}",
        "a,MX,X,2024-01-01,Evento,t,En curso\n".repeat(5000)
    );
    let e = Matrix::read_csv(
        big.as_bytes(),
        &cat,
        &ImportOptions::default().max_bytes(100_000),
    )
    .unwrap_err();
    assert_eq!(e.code(), "limit_exceeded");
    let mut xlsx = Vec::new();
    read(&text).0.write_xlsx(&mut xlsx, Lang::Es).unwrap();
    let e = Matrix::read_xlsx(
        Cursor::new(xlsx),
        &cat,
        &ImportOptions::default().max_bytes(100),
    )
    .unwrap_err();
    assert_eq!(e.code(), "limit_exceeded");
}

#[test]
fn unreadable_inputs_are_coded_errors() {
    let cat = Catalog::embedded();
    let utf16 = [0xFF, 0xFE, b'I', 0, b'D', 0];
    let e = Matrix::read_csv(&utf16[..], &cat, &ImportOptions::default()).unwrap_err();
    assert_eq!(e.code(), "invalid_file");
    let e = Matrix::read_xlsx(
        Cursor::new(b"not a zip".to_vec()),
        &cat,
        &ImportOptions::default(),
    )
    .unwrap_err();
    assert_eq!(e.code(), "invalid_file");
    let e = Matrix::read_csv(
        &b""[..],
        &cat,
        &ImportOptions::default().guideline_version("1999"),
    )
    .unwrap_err();
    assert_eq!(e.code(), "unknown_code");
    let e = ImportOptions::from_json(r#"{"delimiter": "ñ"}"#).unwrap_err();
    assert_eq!(e.code(), "invalid_value");
    let o = ImportOptions::from_json(
        r#"{"strict": false, "guideline_version": null, "delimiter": null, "sheet": null, "max_rows": null, "max_bytes": null}"#,
    )
    .unwrap();
    // null lifts a limit (absent keeps its default)
    let lifted = ImportOptions {
        max_rows: None,
        max_bytes: None,
        ..ImportOptions::default()
    };
    assert_eq!(o, lifted);
}

#[test]
fn missing_id_column_gives_row_ids_and_explicit_delimiter_wins() {
    let text = "País|Institución|Fecha|Tipo|Título|Estado\nMX|X|2024-01-01|Evento|t|En curso\n";
    let opts = ImportOptions::default().delimiter('|');
    let (m, r) = Matrix::read_csv(text.as_bytes(), &Catalog::embedded(), &opts).unwrap();
    assert_eq!(r.delimiter, Some('|'));
    assert_eq!(m.entry(0).unwrap().id, "R2");
}

fn entry(id: &str, country: &str) -> Entry {
    Entry {
        id: id.into(),
        country: country.into(),
        // An organisation resolves in every country (the helper makes entries of several).
        institution: "OIM".into(),
        reported_on: "2024-05-02".parse().unwrap(),
        entry_type: EntryType::Training,
        title: "Curso".into(),
        description: None,
        axis: Some("VCM".into()),
        guidelines: vec!["VCM-1".into()],
        activity: None,
        stages: vec![],
        status: Status::Ongoing,
        progress: Some(0.5),
        start: None,
        end: None,
        participants: Participants {
            women: Some(3),
            ..Participants::default()
        },
        evidence_url: None,
        replicable: Some(true),
        approved: false,
    }
}

#[test]
fn from_entries_validates_like_an_import() {
    let cat = Catalog::embedded();
    let (m, r) = Matrix::from_entries(
        vec![
            entry("a", "MEX"),
            entry("b", "Mexco"),
            entry("a", "GTM"),
            entry("c", "gt"),
        ],
        &cat,
    )
    .unwrap();
    assert_eq!((r.rows_read, r.accepted, r.rejected), (4, 2, 2));
    assert_eq!(r.rejected_rows, [1, 2]);
    let bad = &r.diagnostics[0];
    assert_eq!(
        (bad.code.as_str(), bad.path.as_str(), bad.row),
        ("unknown_code", "/1/country", Some(1))
    );
    assert_eq!(r.diagnostics[1].code, "duplicate_id");
    // 0.5 % stays 0.5 % (entries carry percent; no fraction guessing)
    assert_eq!(m.entry(0).unwrap().progress, Some(0.5));
    assert_eq!(m.entry(1).unwrap().country, "GTM");
}

#[test]
fn entries_keep_rows_with_bad_optional_values_and_count_them() {
    let cat = Catalog::embedded();
    let mut bad_guideline = entry("a", "MEX");
    bad_guideline.guidelines = vec!["VCM-99".into(), "VCM-2".into()];
    let mut bad_axis = entry("b", "MEX");
    bad_axis.axis = Some("LUNA".into());
    // a later row repeating "a" with a dropped value: rejected as a duplicate, so not counted
    let mut dup = entry("a", "GTM");
    dup.guidelines = vec!["VCM-98".into()];
    let entries = vec![bad_guideline, bad_axis, dup, entry("c", "MEX")];
    let (m, r) = Matrix::from_entries(entries.clone(), &cat).unwrap();
    assert_eq!((r.rows_read, r.accepted, r.rejected), (4, 3, 1));
    assert_eq!(r.rejected_rows, [2]);
    assert_eq!(r.rows_with_dropped_values, 2);
    let dropped: Vec<_> = r
        .diagnostics
        .iter()
        .filter(|d| d.params.get("dropped").map(String::as_str) == Some("true"))
        .map(|d| {
            (
                d.code.as_str(),
                d.path.as_str(),
                d.value.as_deref(),
                d.params["field"].as_str(),
                d.severity,
            )
        })
        .collect();
    use lineamientos::diagnostic::Severity::Warning;
    assert_eq!(
        dropped,
        [
            (
                "unknown_guideline",
                "/0/guidelines",
                Some("VCM-99"),
                "guidelines",
                Warning
            ),
            ("unknown_code", "/1/axis", Some("LUNA"), "axis", Warning),
            (
                "unknown_guideline",
                "/2/guidelines",
                Some("VCM-98"),
                "guidelines",
                Warning
            ),
        ]
    );
    let first = m.entry(0).unwrap();
    assert_eq!(first.guidelines, ["VCM-2"]);
    assert_eq!(first.axis.as_deref(), Some("VCM"));
    // the unknown axis is left out, and a blank axis is taken from the first guideline item
    assert_eq!(m.entry(1).unwrap().axis.as_deref(), Some("VCM"));
    let msg = r.diagnostics[0].message(Lang::En);
    assert!(
        msg.ends_with("The row is kept without this value."),
        "{msg}"
    );
    assert!(
        r.diagnostics[0]
            .message(Lang::Es)
            .ends_with("Se conserva la fila sin este valor.")
    );

    // strict: the rows with a bad value are rejected, nothing is counted as dropped
    let strict = ImportOptions::default().strict(true);
    let (m, r) = Matrix::from_entries_with(entries, &cat, &strict).unwrap();
    assert_eq!(
        (r.accepted, r.rejected, r.rows_with_dropped_values),
        (1, 3, 0)
    );
    assert_eq!(r.rejected_rows, [0, 1, 2]);
    assert_eq!(m.entry(0).unwrap().id, "c");
    assert!(
        r.diagnostics
            .iter()
            .all(|d| !d.params.contains_key("dropped"))
    );
}

#[test]
fn a_one_day_activity_keeps_its_end_date() {
    // start == end is a one-day activity, not an end before the start (cargo-mutants gap)
    let text = format!(
        "{H},Fecha de inicio,Fecha de fin\na,MX,X,2024-01-01,Evento,t,En curso,2024-05-02,2024-05-02\n"
    );
    let (m, r) = read(&text);
    assert_eq!((r.accepted, r.rows_with_dropped_values), (1, 0));
    assert!(r.with_code("end_before_start").next().is_none());
    let e = m.entry(0).unwrap();
    assert_eq!(
        (e.start, e.end),
        (e.start, Some("2024-05-02".parse().unwrap()))
    );
}

#[test]
fn import_report_localizes_and_serializes() {
    let (_, r) = read(&format!("{H}\na,Mexco,X,2024-01-01,Evento,t,En curso\n"));
    let es = r.localized(Lang::Es);
    let en = r.localized(Lang::En);
    assert!(
        es.diagnostics[0].message.contains("Mexco"),
        "{}",
        es.diagnostics[0].message
    );
    assert!(
        en.diagnostics[0].message.contains("MEX"),
        "{}",
        en.diagnostics[0].message
    );
    assert_ne!(es.diagnostics[0].message, en.diagnostics[0].message);
    let json = serde_json::to_value(&r).unwrap();
    assert_eq!(json["rows_read"], 1);
    assert_eq!(json["diagnostics"][0]["row"], 2);
    assert_eq!(json["diagnostics"][0]["column"], "País");
    assert_eq!(
        json["pins"]["catalog_version"],
        Catalog::embedded().version()
    );
}

#[test]
fn every_import_code_has_a_template() {
    for code in [
        "missing_column",
        "unknown_column",
        "duplicate_column",
        "invalid_date",
        "invalid_number",
        "out_of_range",
        "invalid_value",
        "value_normalized",
        "ambiguous_percentage",
        "progress_as_fraction",
        "encoding_fallback",
        "preamble_skipped",
        "unbalanced_quote",
        "limit_exceeded",
        "duplicate_id",
        "missing_field",
        "unknown_code",
        "unknown_guideline",
        "retired_guideline",
        "end_before_start",
    ] {
        assert!(template(code).is_some(), "{code}");
    }
}

const P: &str = "ID;País;Institución;Fecha;Tipo;Título;Estado;Eje;Lineamientos;Avance;Mujeres;Niñas;Actividad;Aprobado;Etapas\n\
1;MX;INMUJERES;2024-01-15;Avance;t;En curso;VCM;VCM-1;20;12;3;A1;sí;Origen|Tránsito\n\
2;MX;INMUJERES;2024-04-10;Avance;t;En curso;VCM;VCM-1;60;4;;A1;sí;\n\
3;MX;SRE;2024-02-01;Evento;t;Completada;EMP;EMP-1;100;30;;;no;Destino\n\
4;GT;SEPREM;2024-05-20;Buena práctica;t;En curso;VCM;VCM-1|VCM-2;50;2;1;;sí;Tránsito\n\
5;GT;SEPREM;2024-08-01;Capacitación;t;Completada;EMP;EMP-2;100;40;;;sí;\n\
6;HN;SEDH;2024-03-03;Avance;t;Planificada;VCM;VCM-3;0;;;;no;Retorno\n";

#[test]
fn pivot_spec_errors_are_coded() {
    let (m, _) = read(P);
    let e = m
        .pivot(&PivotSpec::new().rows([Dim::Country]).cols([Dim::Country]))
        .unwrap_err();
    assert_eq!(e.code(), "invalid_value");
    let e = m
        .pivot(
            &PivotSpec::new()
                .rows([Dim::Country])
                .measure(Measure::Count)
                .suppress_below(5),
        )
        .unwrap_err();
    assert_eq!(e.code(), "invalid_value");
    assert_eq!(
        PivotSpec::from_json("{").unwrap_err().code(),
        "invalid_json"
    );
}

#[test]
fn stage_by_status_and_labels() {
    let (m, _) = read(P);
    let t = m
        .pivot(&PivotSpec::new().rows([Dim::Stage]).cols([Dim::Status]))
        .unwrap();
    let codes: Vec<Option<String>> = t.rows.iter().map(|k| k[0].code.clone()).collect();
    assert_eq!(
        codes,
        [
            Some("origin".into()),
            Some("transit".into()),
            Some("destination".into()),
            Some("return".into()),
            None
        ]
    );
    let transit = t.row_index(&[Some("transit")]).unwrap();
    let ongoing = t.col_index(&[Some("ongoing")]).unwrap();
    assert_eq!(t.cell(transit, ongoing).unwrap().value, Some(2.0));
    assert_eq!(t.rows[transit][0].es, "Tránsito");
    assert_eq!(t.cols[ongoing][0].en, "Ongoing");
    // entry 1 has two stages: 7 stage-cells in the rows, 6 entries in the grand total
    let sum: f64 = t.row_totals.iter().filter_map(|x| x.value).sum();
    assert_eq!(sum, 7.0);
    assert_eq!(t.grand_total.value, Some(6.0));
}

#[test]
fn pivot_exports_wide_csv_xlsx_and_long_columns() {
    let (m, _) = read(P);
    let spec = PivotSpec::new()
        .rows([Dim::Country])
        .cols([Dim::Axis])
        .measure(Measure::ParticipantsWomen)
        .suppress_below(5);
    let t = m.pivot(&spec).unwrap();
    let mut csv = Vec::new();
    t.write_csv(&mut csv, Lang::Es).unwrap();
    let text = String::from_utf8(csv).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "País,\"Trabajo, empoderamiento económico y medios de vida\",Violencia contra las mujeres y las niñas,Total"
    );
    assert_eq!(lines[1], "Guatemala,*,*,42");
    assert_eq!(lines[2], "Honduras,,,");
    assert_eq!(lines[3], "México,*,*,46");
    assert_eq!(lines[4], "Total,70,18,88");
    let mut xlsx = Vec::new();
    t.write_xlsx(&mut xlsx, Lang::En).unwrap();
    assert_eq!(&xlsx[..2], b"PK");
    let c = t.to_columns();
    assert_eq!(
        c.names,
        ["country", "axis", "value", "entries", "suppressed",]
    );
    match (&c.columns[0], &c.columns[2], &c.columns[4]) {
        (Column::Str(country), Column::F64(v), Column::Bool(s)) => {
            assert_eq!(country.len(), t.cells.len());
            assert_eq!(country[0].as_deref(), Some("GTM"));
            assert_eq!(v[0], None);
            assert!(s[0]);
        }
        other => panic!("unexpected column types {other:?}"),
    }
    // Why a cell is withheld is the publisher's: in memory, never in the JSON or columns.
    assert_eq!(t.cells[1].reason, Some(Suppression::Primary));
    let json = serde_json::to_value(&t).unwrap();
    assert!(json["cells"][1].get("reason").is_none());
    assert!(!json.to_string().contains("primary"));
    assert_eq!(json["grand_total"]["value"], 88.0);
}

#[test]
fn period_units_and_semester_labels() {
    let (m, _) = read(P);
    for (unit, first, count) in [
        (PeriodUnit::Month, "2024-01", 6),
        (PeriodUnit::Quarter, "2024-Q1", 3),
        (PeriodUnit::Semester, "2024-S1", 2),
        (PeriodUnit::Year, "2024", 1),
    ] {
        let t = m
            .pivot(&PivotSpec::new().cols([Dim::Period]).period(unit))
            .unwrap();
        assert_eq!(t.cols.len(), count, "{unit:?}");
        assert_eq!(t.cols[0][0].code.as_deref(), Some(first));
        let total: f64 = t.col_totals.iter().filter_map(|x| x.value).sum();
        assert_eq!(total, 6.0);
    }
    let t = m
        .pivot(
            &PivotSpec::new()
                .cols([Dim::Period])
                .period(PeriodUnit::Semester),
        )
        .unwrap();
    assert_eq!(t.cols[1][0].en, "2024-H2");
}

#[test]
fn analyses_on_a_small_matrix() {
    let (m, _) = read(P);
    let cov = m.coverage();
    let mex = cov.countries.iter().find(|c| c.country == "MEX").unwrap();
    assert_eq!(mex.covered, ["VCM-1", "EMP-1"]);
    assert!((mex.ratio - 2.0 / cov.items.len() as f64).abs() < 1e-12);
    let hnd = cov.countries.iter().find(|c| c.country == "HND").unwrap();
    assert!(hnd.covered.is_empty()); // planned only
    assert_eq!(cov.countries.len(), 11); // the member states
    let gaps = m.gaps("2024-04-01".parse().unwrap());
    assert!(gaps.items_without_reports.contains(&"CUI-1".to_owned()));
    assert!(!gaps.items_without_reports.contains(&"VCM-3".to_owned()));
    let silent: Vec<(&str, Option<String>)> = gaps
        .silent_countries
        .iter()
        .map(|c| (c.country.as_str(), c.last_report.map(|d| d.to_string())))
        .collect();
    assert!(silent.contains(&("HND", Some("2024-03-03".into()))));
    assert!(silent.contains(&("CAN", None)));
    assert!(!silent.iter().any(|(c, _)| *c == "MEX" || *c == "GTM"));
    let cands = m.replication_candidates();
    // GT's good practice on VCM-1 (MX and GT report it) and VCM-2 (only GT reports it)
    assert_eq!(cands.len(), 2);
    let vcm2 = cands.iter().find(|c| c.guideline == "VCM-2").unwrap();
    assert_eq!(vcm2.country, "GTM");
    assert!(vcm2.target_countries.contains(&"MEX".to_owned()));
    assert!(!vcm2.target_countries.contains(&"GTM".to_owned()));
    let ts = m.time_series(PeriodUnit::Quarter);
    assert_eq!(ts.periods, ["2024-Q1", "2024-Q2", "2024-Q3"]);
    let emp = ts
        .series
        .iter()
        .find(|s| s.axis.as_deref() == Some("EMP"))
        .unwrap();
    assert_eq!(emp.entries, [1, 0, 1]);
    assert_eq!(emp.participants, [30, 0, 40]);
    assert_eq!(emp.mean_progress, [Some(100.0), None, Some(100.0)]);
    serde_json::to_string(&(cov, gaps, cands, ts)).unwrap();
}

#[test]
fn large_sparse_pivots_give_the_same_cells_as_small_ones() {
    // 1100 institutions x 1100 months: more slots than the dense grid allows.
    let mut text = String::from("ID,País,Institución,Fecha,Tipo,Título,Estado,Mujeres\n");
    for i in 0..1100u32 {
        let (y, m) = (1930 + i / 12, 1 + i % 12);
        text.push_str(&format!(
            "e{i},MX,Inst {i:04},{y}-{m:02}-01,Evento,t,En curso,{}\n",
            i % 7
        ));
    }
    let (m, r) = read(&text);
    assert_eq!(r.accepted, 1100);
    let big = m
        .pivot(
            &PivotSpec::new()
                .rows([Dim::Institution])
                .cols([Dim::Period])
                .period(PeriodUnit::Month)
                .measure(Measure::ParticipantsWomen),
        )
        .unwrap();
    assert_eq!(big.rows.len(), 1100);
    assert_eq!(big.cols.len(), 1100);
    assert_eq!(big.cells.len(), 1100);
    for (i, c) in big.cells.iter().enumerate() {
        // institution i reported in month i only
        assert_eq!((c.row, c.col), (i, i));
        assert_eq!(c.value, Some(f64::from(i as u32 % 7)));
    }
    let expected: u32 = (0..1100u32).map(|i| i % 7).sum();
    assert_eq!(big.grand_total.value, Some(f64::from(expected)));
    assert_eq!(big.rows[5][0].code.as_deref(), Some("Inst 0005"));
    assert_eq!(big.cols[13][0].code.as_deref(), Some("1931-02"));
}

#[test]
fn one_id_repeated_on_every_row_is_linear_and_keeps_the_first() {
    let mut text = format!("{H}\n");
    for _ in 0..20_000 {
        text.push_str("X,MX,A,2024-01-01,Evento,t,En curso\n");
    }
    let (m, r) = read(&text);
    assert_eq!((r.rows_read, r.accepted, r.rejected), (20_000, 1, 19_999));
    assert_eq!(m.len(), 1);
    assert_eq!(r.rejected_rows.first(), Some(&3));
    let d = r.with_code("duplicate_id").next().unwrap();
    assert_eq!(
        (d.row, d.params.get("first_row").map(String::as_str)),
        (Some(3), Some("2"))
    );
}

#[test]
fn a_misspelt_header_is_reported_with_the_nearest_known_one() {
    let (_, r) = read(
        "País,Institución,Fecha,Tipo,Título,Estado,Mujers\nMX,A,2024-01-01,Evento,t,En curso,3\n",
    );
    let d = r.with_code("unknown_column").next().unwrap();
    assert_eq!((d.row, d.column.as_deref()), (Some(1), Some("Mujers")));
    assert_eq!(d.suggestion.as_deref(), Some("Mujeres"));
    assert_eq!(r.accepted, 1);
}

#[test]
fn findings_beyond_max_diagnostics_are_counted_not_stored() {
    // 25,000 rows with an unknown status (one error each) and 5 good rows.
    let mut text = String::from(H);
    text.push('\n');
    for i in 0..25_000 {
        text.push_str(&format!("r{i},MX,INM,2024-01-01,Evento,t,Mal\n"));
    }
    for i in 0..5 {
        text.push_str(&format!("ok{i},MX,INM,2024-01-01,Evento,t,En curso\n"));
    }
    let cat = Catalog::embedded();

    // Default cap: 10,000 stored, the rest counted.
    let (m, r) = read(&text);
    assert_eq!(ImportOptions::default().max_diagnostics, Some(10_000));
    assert_eq!((r.rows_read, r.accepted, r.rejected), (25_005, 5, 25_000));
    assert_eq!(m.len(), 5);
    assert_eq!(r.summary.errors, 25_000);
    assert_eq!(r.diagnostics.len(), 10_000);
    assert_eq!(r.diagnostics_truncated, 15_000);
    assert_eq!(r.rejected_rows.len(), 25_000);
    assert_eq!(r.rejected_rows.last(), Some(&25_001));
    // The first rows' findings are the ones kept, in row order.
    assert_eq!(r.diagnostics[0].row, Some(2));
    assert_eq!(r.diagnostics[0].code, "unknown_code");
    assert_eq!(r.diagnostics[9_999].row, Some(10_001));
    let loc = r.localized(Lang::En);
    assert_eq!(loc.diagnostics_truncated, 15_000);
    let json = serde_json::to_value(&r).unwrap();
    assert_eq!(json["diagnostics_truncated"], 15_000);

    // A small cap, from JSON; a file-level finding past the cap is still kept.
    let opts = ImportOptions::from_json(r#"{"max_diagnostics": 3}"#).unwrap();
    let (_, r) = Matrix::read_csv(text.as_bytes(), &cat, &opts).unwrap();
    assert_eq!(r.diagnostics.len(), 3);
    assert_eq!(r.diagnostics_truncated, 24_997);
    assert_eq!(r.summary.errors, 25_000);
    assert_eq!((r.accepted, r.rejected), (5, 25_000));

    // No cap.
    let opts = ImportOptions::from_json(r#"{"max_diagnostics": null}"#).unwrap();
    let (_, r) = Matrix::read_csv(text.as_bytes(), &cat, &opts).unwrap();
    assert_eq!(r.diagnostics.len(), 25_000);
    assert_eq!(r.diagnostics_truncated, 0);
}

#[test]
fn file_level_findings_survive_the_cap() {
    // Every progress value is a bare fraction: progress_as_fraction (no row) comes after
    // the last row, when the cap is long reached by unknown statuses.
    let mut text = String::from("ID,País,Institución,Fecha,Tipo,Título,Estado,Avance\n");
    for i in 0..10 {
        text.push_str(&format!("r{i},MX,INM,2024-01-01,Evento,t,Mal,0.5\n"));
    }
    text.push_str("ok,MX,INM,2024-01-01,Evento,t,En curso,0.5\n");
    let opts = ImportOptions::default().max_diagnostics(Some(2));
    let (m, r) = Matrix::read_csv(text.as_bytes(), &Catalog::embedded(), &opts).unwrap();
    assert_eq!(m.len(), 1);
    let codes: Vec<&str> = r.diagnostics.iter().map(|d| d.code.as_str()).collect();
    assert_eq!(
        codes,
        ["progress_as_fraction", "unknown_code", "unknown_code"]
    );
    assert_eq!(r.diagnostics_truncated, 8);
    assert_eq!(r.summary.errors, 10);
    assert_eq!(r.summary.infos, 1);
}

#[test]
fn xlsx_export_is_reproducible_byte_for_byte() {
    // No clock in the output: the same matrix always gives the same workbook.
    let text = format!(
        "{H}\na,MX,INMUJERES,2024-01-01,Evento,Foro,En curso\nb,GT,SEPREM,2024-02-01,Campaña,Radio,Completada\n"
    );
    let (m, report) = read(&text);
    assert_eq!(report.accepted, 2);
    let (mut first, mut second) = (Vec::new(), Vec::new());
    m.write_xlsx(&mut first, Lang::Es).unwrap();
    m.write_xlsx(&mut second, Lang::Es).unwrap();
    assert!(first.len() > 1000);
    assert_eq!(first, second);
    let mut zip = zip::ZipArchive::new(Cursor::new(first.clone())).unwrap();
    let mut core_xml = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("docProps/core.xml").unwrap(),
        &mut core_xml,
    )
    .unwrap();
    assert!(core_xml.contains("2000-01-01T00:00:00Z"), "{core_xml}");
    let (again, again_report) = Matrix::read_xlsx(
        Cursor::new(first),
        &Catalog::embedded(),
        &ImportOptions::default(),
    )
    .unwrap();
    assert_eq!(again_report.accepted, 2);
    assert_eq!(
        again.entries().collect::<Vec<_>>(),
        m.entries().collect::<Vec<_>>()
    );
}
