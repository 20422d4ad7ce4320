//! Focal points' names and emails appear in no output unless the caller asks for them: the
//! bundled cycle with every name and email replaced by markers, run through every export,
//! rendering, `Debug` and error path; then the markers typed into the wrong fields (dates,
//! sector, country, institution), where messages would quote them.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use lineamientos::cycle::ReviewTable;
use lineamientos::{
    Catalog, Cycle, FocalDirectory, ImportOptions, Lang, Matrix, Privacy, Report, ReviewOptions,
    SystematizeOptions,
};
use serde_json::{Value, json};
use std::io::Read;

const NAME: &str = "ZZPRIVATENAME";
const EMAIL: &str = "zz.private@example.org";
/// What must not appear, searched without case (emails are numbered: `zz.private+3@...`).
const MARKERS: [&str; 2] = ["zzprivatename", "zz.private"];

fn file(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/../examples/cycle/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

#[track_caller]
fn assert_clean(what: &str, text: &str) {
    let lower = text.to_lowercase();
    for m in MARKERS {
        assert!(!lower.contains(m), "{what} quotes personal data:\n{text}");
    }
}

#[track_caller]
fn assert_has_both(what: &str, text: &str) {
    assert!(
        text.contains(NAME) && text.contains("zz.private"),
        "{what} lacks the personal data asked for:\n{text}"
    );
}

/// The bundled focal points, every name and email replaced by a marker.
fn marked_points() -> Value {
    let mut points: Value = serde_json::from_str(&file("focal_points.json")).unwrap();
    for (i, p) in points.as_array_mut().unwrap().iter_mut().enumerate() {
        p["name"] = json!(format!("{NAME} {i}"));
        p["email"] = json!(format!("zz.private+{i}@example.org"));
    }
    points
}

fn text_of_report(what: &str, r: &Report) {
    assert_clean(what, &format!("{r:?}"));
    assert_clean(what, &serde_json::to_string(r).unwrap());
    for lang in [Lang::Es, Lang::En] {
        assert_clean(what, &serde_json::to_string(&r.localized(lang)).unwrap());
        for d in &r.diagnostics {
            assert_clean(what, &d.message(lang));
        }
    }
}

/// Every file of an XLSX workbook, uncompressed, as text.
fn xlsx_text(bytes: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut all = String::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let mut s = String::new();
        f.read_to_string(&mut s).unwrap();
        all.push_str(&s);
    }
    all
}

#[test]
fn no_output_of_the_cycle_carries_names_or_emails() {
    let cat = Catalog::embedded();
    let text = serde_json::to_string_pretty(&marked_points()).unwrap();
    assert!(text.contains(NAME));
    let (dir, load) = FocalDirectory::from_json(&text, &cat).unwrap();
    let (same, _) = FocalDirectory::from_value(marked_points(), &cat).unwrap();
    assert_eq!(dir, same);
    text_of_report("the load report", &load);
    assert_clean("Debug of the directory", &format!("{dir:?} {dir:#?}"));
    let as_of = chrono::NaiveDate::from_ymd_opt(2024, 6, 30).unwrap();
    text_of_report("the follow-up", &dir.follow_up(&cat, as_of, 180));
    let lists = [
        serde_json::to_string(&dir.unconfirmed(as_of, 30)).unwrap(),
        serde_json::to_string(&dir.institutions_without_active(as_of)).unwrap(),
        serde_json::to_string(&dir.coverage_gaps(&cat, as_of)).unwrap(),
    ]
    .concat();
    assert!(lists.len() > 100, "nothing was checked: {lists}");
    assert_clean("the follow-up lists", &lists);

    // The directory's own export: without names and emails unless asked for.
    for lang in [Lang::Es, Lang::En] {
        let mut csv = Vec::new();
        dir.write_csv(&mut csv, lang, Privacy::default()).unwrap();
        let csv = String::from_utf8(csv).unwrap();
        assert_eq!(csv.lines().count(), dir.points().len() + 1);
        assert_clean("the directory CSV", &csv);
        let mut full = Vec::new();
        dir.write_csv(&mut full, lang, Privacy::IncludePersonalData)
            .unwrap();
        assert_has_both(
            "the directory CSV with personal data",
            &String::from_utf8(full).unwrap(),
        );
    }

    // The cycle review and the systematization report, with attendance confirming contacts.
    let cycle = Cycle::from_json(&file("cycle.json")).unwrap();
    let (matrix, _) = Matrix::read_csv(
        file("matrix.csv").as_bytes(),
        &cat,
        &ImportOptions::default(),
    )
    .unwrap();
    let mut options = ReviewOptions::new(as_of);
    options.confirm_focal_points = true;
    let review = cycle.review(&cat, Some(&matrix), Some(&dir), &options);
    assert!(
        review
            .report
            .diagnostics
            .iter()
            .any(|d| d.path.starts_with("/focal_points/")),
        "the review has focal-point findings to check"
    );
    text_of_report("the review", &review.report);
    assert_clean("the review", &serde_json::to_string(&review).unwrap());
    assert_clean("Debug of the review", &format!("{review:?}"));
    for lang in [Lang::Es, Lang::En] {
        assert_clean(
            "the localized review",
            &serde_json::to_string(&review.localized(lang)).unwrap(),
        );
    }
    for table in ReviewTable::ALL {
        let mut csv = Vec::new();
        review.columns(*table).write_csv(&mut csv).unwrap();
        assert_clean(table.code(), &String::from_utf8(csv).unwrap());
    }

    let mut options = SystematizeOptions::new(as_of);
    options.review.confirm_focal_points = true;
    let report = cycle
        .systematize(&cat, Some(&matrix), Some(&dir), &options)
        .unwrap();
    assert_clean("the report", &serde_json::to_string(&report).unwrap());
    assert_clean("Debug of the report", &format!("{report:?}"));
    for lang in [Lang::Es, Lang::En] {
        assert_clean("the report's HTML", &report.to_html(lang));
        assert_clean("the report's Markdown", &report.to_markdown(lang));
        for table in [&report.heatmap, &report.participants] {
            let mut csv = Vec::new();
            table.write_csv(&mut csv, lang).unwrap();
            assert_clean("a pivot CSV", &String::from_utf8(csv).unwrap());
            let mut xlsx = Vec::new();
            table.write_xlsx(&mut xlsx, lang).unwrap();
            assert_clean("a pivot XLSX", &xlsx_text(&xlsx));
        }
    }
}

#[test]
fn markers_in_the_wrong_fields_are_not_quoted_by_errors() {
    let cat = Catalog::embedded();
    let base = json!({"country": "HND", "institution": "SEMUJER", "role": "enlace",
                      "name": NAME, "email": EMAIL});
    // (field, value, path, whether the parser would quote the value)
    for (field, value, path, quoted) in [
        ("since", json!(EMAIL), "/0/since", true),
        (
            "last_confirmed",
            json!(format!("{NAME} 2024")),
            "/0/last_confirmed",
            true,
        ),
        (
            "until",
            json!(format!("a \"quoted\" {NAME}")),
            "/0/until",
            true,
        ),
        ("sector", json!(NAME), "/0/sector", true),
        ("sector", json!(format!("`{EMAIL}`")), "/0/sector", true),
        ("role", json!([NAME]), "/0/role", false),
        ("email", json!({"address": EMAIL}), "/0/email", false),
    ] {
        let mut record = base.clone();
        record[field] = value;
        let doc = json!([record]);
        let errors = [
            FocalDirectory::from_json(&doc.to_string(), &cat).unwrap_err(),
            FocalDirectory::from_json(&serde_json::to_string_pretty(&doc).unwrap(), &cat)
                .unwrap_err(),
            FocalDirectory::from_value(doc.clone(), &cat).unwrap_err(),
        ];
        for err in errors {
            let what = format!("the error about {field}");
            assert_eq!(err.code(), "invalid_json", "{err}");
            assert_eq!(err.details()["path"], path, "{err}");
            assert_clean(&what, &err.to_string());
            assert_clean(&what, &format!("{err:?}"));
            assert_clean(&what, &Value::Object(err.details()).to_string());
            assert_eq!(err.to_string().contains("<redacted>"), quoted, "{err}");
        }
    }
    // The expectation stays: what to write instead.
    let err = FocalDirectory::from_json(
        &json!([{"country": "HND", "institution": "I", "role": "r", "name": "n", "sector": NAME}])
            .to_string(),
        &cat,
    )
    .unwrap_err();
    assert!(err.to_string().contains("expected one of `women`"), "{err}");
}

#[test]
fn markers_in_the_wrong_fields_are_not_quoted_by_findings_or_the_redacted_export() {
    let cat = Catalog::embedded();
    let doc = json!([
        // an email where the country goes; the name where the institution goes
        {"country": EMAIL, "institution": "SEMUJER", "role": "enlace", "name": NAME},
        {"country": "HND", "institution": format!("{NAME} (SEMUJER)"), "role": "enlace",
         "name": NAME, "email": EMAIL, "since": "2023-01-01"},
        {"country": "GTM", "institution": "SEPREM", "role": format!("contacto {EMAIL}"),
         "name": "Otra Persona", "since": "2023-01-01"},
        // a country as written that is nobody's data stays quoted
        {"country": "Narnia", "institution": "X", "role": "r", "name": "Otra Persona"},
    ]);
    let (dir, load) = FocalDirectory::from_json(&doc.to_string(), &cat).unwrap();
    assert_eq!(dir.points().len(), 4, "every record is kept");
    let codes: Vec<(&str, &str)> = load
        .diagnostics
        .iter()
        .map(|d| (d.code.as_str(), d.path.as_str()))
        .collect();
    assert!(codes.contains(&("unknown_code", "/0/country")), "{codes:?}");
    assert!(
        codes.contains(&("unknown_institution", "/1/institution")),
        "{codes:?}"
    );
    assert!(codes.contains(&("unknown_code", "/3/country")), "{codes:?}");
    text_of_report("the load report", &load);
    assert_eq!(
        load.diagnostics
            .iter()
            .find(|d| d.path == "/0/country")
            .unwrap()
            .value
            .as_deref(),
        Some("<redacted>")
    );
    assert_eq!(
        load.diagnostics
            .iter()
            .find(|d| d.path == "/3/country")
            .unwrap()
            .value
            .as_deref(),
        Some("Narnia")
    );
    let as_of = chrono::NaiveDate::from_ymd_opt(2024, 6, 30).unwrap();
    let follow_up = dir.follow_up(&cat, as_of, 30);
    assert!(!follow_up.diagnostics.is_empty());
    text_of_report("the follow-up", &follow_up);
    let cycle = Cycle::from_json(r#"{"congress": 5}"#).unwrap();
    let review = cycle.review(&cat, None, Some(&dir), &ReviewOptions::new(as_of));
    assert!(
        review
            .report
            .diagnostics
            .iter()
            .any(|d| d.code == "focal_point_not_trained" && d.path == "/focal_points/1")
    );
    text_of_report("the review", &review.report);
    let mut csv = Vec::new();
    dir.write_csv(&mut csv, Lang::En, Privacy::Redacted)
        .unwrap();
    let csv = String::from_utf8(csv).unwrap();
    assert_clean("the redacted CSV", &csv);
    assert!(
        csv.contains("GTM,GTM-SEPREM,<redacted>,2023-01-01"),
        "{csv}"
    );
    assert!(csv.contains("Narnia,X,r"), "{csv}");
}
