//! Actors across the library: an organisation or a national institution is one code
//! wherever it is written (plans, the matrix and its pivots, focal points); congress cycles
//! follow the precision of the congress dates; rendered outputs carry the provenance.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // test code

use chrono::NaiveDate;
use lineamientos::{
    Catalog, Dim, FocalDirectory, ImportOptions, Lang, Matrix, Measure, PivotSpec, Provenance,
    RuleConfig, WorkPlan,
};
use std::io::{Cursor, Read};

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn import(csv: &str) -> (Matrix, lineamientos::ImportReport) {
    Matrix::read_csv(
        csv.as_bytes(),
        &Catalog::embedded(),
        &ImportOptions::default(),
    )
    .unwrap()
}

#[test]
fn un_women_is_one_code_in_plans_matrix_and_focal_points() {
    let cat = Catalog::embedded();
    // Plans: lead and participants.
    let plan = WorkPlan::from_json(
        r#"{"id": "p", "working_group": "mesa-vcm", "axis": "VCM", "guideline_version": "2023",
            "period": {"start": "2024-01-01", "end": "2024-12-31"},
            "activities": [{"id": "a1", "title": "Foro", "kind": "meeting",
              "start": "2024-03-05", "end": "2024-03-05", "lead": "ONU Mujeres",
              "participants": ["ONU-Mujeres", "UN Women", "OEA", "Comité CEDAW", "OCAM"],
              "guidelines": ["VCM-1"], "indicators": [{"name": "Personas", "target": 10}]}]}"#,
    )
    .unwrap();
    let report = cat.validate_plan(&plan, &RuleConfig::new(day("2024-06-01")));
    assert!(
        report.diagnostics.iter().all(|d| d.code != "unknown_code"),
        "{:?}",
        report.diagnostics
    );
    for written in ["ONU Mujeres", "ONU-Mujeres", "UN Women", "onu mujeres"] {
        assert_eq!(cat.parse_participant(written).unwrap(), "UN-WOMEN");
        assert_eq!(cat.parse_organization(written).unwrap().code, "UN-WOMEN");
    }
    // The matrix's institution column.
    let (m, r) = import(
        "País;Institución;Fecha;Tipo;Título;Estado\n\
         GT;ONU Mujeres;2024-01-01;Evento;t;En curso\n\
         HN;ONU-Mujeres;2024-01-02;Evento;t;En curso\n\
         MX;UN Women;2024-01-03;Evento;t;En curso\n",
    );
    assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
    let institutions: Vec<String> = m.entries().map(|e| e.institution).collect();
    assert_eq!(institutions, ["UN-WOMEN", "UN-WOMEN", "UN-WOMEN"]);
    let t = m
        .pivot(
            &PivotSpec::new()
                .rows([Dim::Institution])
                .measure(Measure::Count),
        )
        .unwrap();
    assert_eq!(t.rows.len(), 1);
    assert_eq!(t.rows[0][0].code.as_deref(), Some("UN-WOMEN"));
    assert!(t.rows[0][0].es.contains("(ONU Mujeres)"));
    // Focal points.
    let (dir, report) = FocalDirectory::from_json(
        r#"[{"country": "GT", "institution": "UN Women", "role": "enlace", "name": "N"},
            {"country": "HN", "institution": "ONU-Mujeres", "role": "enlace", "name": "N"}]"#,
        &cat,
    )
    .unwrap();
    assert!(report.diagnostics.is_empty(), "{report:?}");
    assert!(dir.points().iter().all(|p| p.institution == "UN-WOMEN"));
}

#[test]
fn spellings_of_an_institution_are_one_row_of_the_institution_pivot() {
    let (m, r) = import(
        "País;Institución;Fecha;Tipo;Título;Estado;Mujeres\n\
         GT;SEPREM;2024-01-01;Evento;t;En curso;10\n\
         Guatemala;Secretaría Presidencial de la Mujer;2024-02-01;Evento;t;En curso;5\n\
         GT;seprem;2024-03-01;Evento;t;En curso;1\n\
         GT;Secretaría inventada (ejemplo);2024-03-01;Evento;t;En curso;1\n\
         GT;Secretaría inventada (ejemplo);2024-03-02;Evento;t;En curso;1\n\
         GT;SEPREN;2024-03-03;Evento;t;En curso;1\n",
    );
    // One warning per unknown text, at its first row; a close one suggests the code.
    let warnings: Vec<(Option<u64>, Option<&str>, Option<&str>)> = r
        .with_code("unknown_institution")
        .map(|d| (d.row, d.value.as_deref(), d.suggestion.as_deref()))
        .collect();
    assert_eq!(
        warnings,
        [
            (Some(5), Some("Secretaría inventada (ejemplo)"), None),
            (Some(7), Some("SEPREN"), Some("GTM-SEPREM"))
        ]
    );
    assert_eq!(r.accepted, 6);
    let t = m
        .pivot(
            &PivotSpec::new()
                .rows([Dim::Institution])
                .measure(Measure::ParticipantsWomen),
        )
        .unwrap();
    let rows: Vec<(Option<&str>, &str, &str, Option<f64>)> = t
        .rows
        .iter()
        .enumerate()
        .map(|(i, k)| {
            (
                k[0].code.as_deref(),
                k[0].es.as_str(),
                k[0].en.as_str(),
                t.cell(i, 0).and_then(|c| c.value),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            (
                Some("GTM-SEPREM"),
                "Secretaría Presidencial de la Mujer (SEPREM)",
                "Presidential Secretariat for Women (SEPREM)",
                Some(16.0)
            ),
            (Some("SEPREN"), "SEPREN", "SEPREN", Some(1.0)),
            (
                Some("Secretaría inventada (ejemplo)"),
                "Secretaría inventada (ejemplo)",
                "Secretaría inventada (ejemplo)",
                Some(2.0)
            ),
        ]
    );
    let distinct = m
        .pivot(&PivotSpec::new().measure(Measure::DistinctInstitutions))
        .unwrap();
    assert_eq!(distinct.grand_total.value, Some(3.0));
}

#[test]
fn strict_mode_keeps_a_row_whose_institution_is_unknown() {
    let opts = ImportOptions::from_json(r#"{"strict": true}"#).unwrap();
    let (m, r) = Matrix::read_csv(
        "País;Institución;Fecha;Tipo;Título;Estado;Mujeres\nGT;Inventada;2024-01-01;Evento;t;En curso;-3\nGT;Inventada;2024-01-02;Evento;t;En curso;3\n"
            .as_bytes(),
        &Catalog::embedded(),
        &opts,
    )
    .unwrap();
    // The negative count is escalated (row 2 rejected); the unknown institution is not.
    assert_eq!(
        (r.accepted, r.rejected, r.rejected_rows.clone()),
        (1, 1, vec![2])
    );
    let w = r.with_code("unknown_institution").next().unwrap();
    assert_eq!(w.severity, lineamientos::Severity::Warning);
    assert_eq!(m.entry(0).unwrap().institution, "Inventada");
}

#[test]
fn congress_cycles_follow_the_known_dates() {
    let (m, _) = import(
        "País;Institución;Fecha;Tipo;Título;Estado\n\
         MX;INM;2020-12-31;Evento;t;En curso\n\
         MX;INM;2021-01-01;Evento;t;En curso\n\
         MX;INM;2023-07-05;Evento;t;En curso\n\
         MX;INM;2023-07-06;Evento;t;En curso\n",
    );
    let t = m
        .pivot(&PivotSpec::new().rows([Dim::CongressCycle]))
        .unwrap();
    let labels: Vec<(Option<&str>, &str, &str)> = t
        .rows
        .iter()
        .map(|k| (k[0].code.as_deref(), k[0].es.as_str(), k[0].en.as_str()))
        .collect();
    assert_eq!(
        labels,
        [
            (
                Some("II"),
                "Ciclo del II Congreso (desde 2019-12-03)",
                "Congress II cycle (from 2019-12-03)"
            ),
            (
                Some("III"),
                "Ciclo del III Congreso (desde 2021)",
                "Congress III cycle (from 2021)"
            ),
            (
                Some("V"),
                "Ciclo del V Congreso (desde 2023-07-06)",
                "Congress V cycle (from 2023-07-06)"
            ),
        ]
    );
    let counts: Vec<Option<f64>> = (0..3).map(|i| t.cell(i, 0).and_then(|c| c.value)).collect();
    assert_eq!(counts, [Some(1.0), Some(2.0), Some(1.0)]);

    // An agency that knows congress IV's year separates III and IV.
    let mut data = Catalog::embedded().data().clone();
    if let Some(iv) = data.congresses.iter_mut().find(|c| c.edition == 4) {
        iv.year = Some(2022);
    }
    let cat = Catalog::from_data(data).unwrap();
    let (m, _) = Matrix::read_csv(
        "País;Institución;Fecha;Tipo;Título;Estado\nMX;INM;2021-06-01;Evento;t;En curso\nMX;INM;2022-06-01;Evento;t;En curso\n"
            .as_bytes(),
        &cat,
        &ImportOptions::default(),
    )
    .unwrap();
    let t = m
        .pivot(&PivotSpec::new().rows([Dim::CongressCycle]))
        .unwrap();
    let codes: Vec<Option<&str>> = t.rows.iter().map(|k| k[0].code.as_deref()).collect();
    assert_eq!(codes, [Some("III"), Some("IV")]);
    assert_eq!(t.rows[1][0].en, "Congress IV cycle (from 2022)");
}

#[test]
fn a_congress_date_must_agree_with_its_year_and_month() {
    let mut data = Catalog::embedded().data().clone();
    data.congresses[0].year = Some(2019); // starts 2018-12-18
    data.congresses[1].month = Some(11); // starts 2019-12-03
    data.congresses[2].month = Some(13); // year 2021, no such month
    data.congresses[3].month = Some(9); // no year
    let err = Catalog::from_data(data).unwrap_err();
    let found: Vec<(String, String)> = match err {
        lineamientos::Error::InvalidCatalog { diagnostics } => {
            diagnostics.into_iter().map(|d| (d.code, d.path)).collect()
        }
        other => panic!("{other:?}"),
    };
    let want = [
        ("congress_date_mismatch", "/congresses/0/year"),
        ("congress_date_mismatch", "/congresses/1/month"),
        ("out_of_range", "/congresses/2/month"),
        ("missing_field", "/congresses/3/year"),
        // the conflicts list records congress I's start and III's year: still consistent
    ];
    let want: Vec<(String, String)> = want
        .iter()
        .map(|(c, p)| (c.to_string(), p.to_string()))
        .collect();
    assert_eq!(found, want);
}

#[test]
fn institutions_are_checked_when_a_catalogue_loads() {
    let mut data = Catalog::embedded().data().clone();
    let mut twin = data.institutions[0].clone(); // GTM-SEPREM
    twin.code = "GTM-OTRA".into();
    twin.acronym = None;
    twin.name.en = "Another".into();
    twin.name.es = "Otra".into();
    twin.aliases = vec!["seprem".into()]; // GTM-SEPREM's acronym, same country
    data.institutions.push(twin);
    let mut lost = data.institutions[1].clone();
    lost.country = "XYZ".into();
    lost.code = "XYZ-IGM".into();
    data.institutions.push(lost);
    let dup = data.institutions[2].clone();
    data.institutions.push(dup);
    let n = data.institutions.len();
    let err = Catalog::from_data(data).unwrap_err();
    let found: Vec<(String, String)> = match err {
        lineamientos::Error::InvalidCatalog { diagnostics } => {
            diagnostics.into_iter().map(|d| (d.code, d.path)).collect()
        }
        other => panic!("{other:?}"),
    };
    let last = n - 1;
    assert_eq!(
        found,
        [
            (
                "duplicate_code".to_string(),
                format!("/institutions/{last}/code")
            ),
            (
                "duplicate_code".to_string(),
                format!("/institutions/{}", n - 3)
            ),
            (
                "dangling_reference".to_string(),
                format!("/institutions/{}/country", n - 2)
            ),
            // the duplicate repeats every spelling of the institution it copies
            (
                "duplicate_code".to_string(),
                format!("/institutions/{last}")
            ),
            (
                "duplicate_code".to_string(),
                format!("/institutions/{last}")
            ),
            (
                "duplicate_code".to_string(),
                format!("/institutions/{last}")
            ),
            (
                "duplicate_code".to_string(),
                format!("/institutions/{last}")
            ),
        ]
    );
}

#[test]
fn rendered_outputs_say_the_guidelines_are_illustrative() {
    let (m, _) = import(
        "País;Institución;Fecha;Tipo;Título;Estado;Eje\nMX;INM;2024-01-02;Evento;t;En curso;VCM\n",
    );
    assert_eq!(m.pins().provenance, Some(Provenance::Illustrative));
    assert_eq!(m.pins().guideline_version.as_deref(), Some("2023"));
    let t = m.pivot(&PivotSpec::new().rows([Dim::Country])).unwrap();
    assert_eq!(t.pins, *m.pins());
    let html = t.to_html(Lang::Es);
    assert!(
        html.contains("<caption class=\"lineamientos-provenance illustrative\">Fuente: catálogo ")
    );
    assert!(html.contains("lineamientos versión 2023: ILUSTRATIVOS, no son el texto oficial"));
    let mut csv = Vec::new();
    t.write_csv(&mut csv, Lang::Es).unwrap();
    let csv = String::from_utf8(csv).unwrap();
    assert_eq!(
        csv.lines().last().unwrap(),
        format!("\"{}\"", t.pins.note(Lang::Es))
    );
    let json = serde_json::to_value(&t).unwrap();
    assert_eq!(json["pins"]["provenance"], "illustrative");
    assert_eq!(json["pins"]["guideline_version"], "2023");

    // The matrix workbook: the data sheet first (what read_xlsx reads back), the
    // provenance sheet second.
    let mut xlsx = Vec::new();
    m.write_xlsx(&mut xlsx, Lang::En).unwrap();
    let mut zip = zip::ZipArchive::new(Cursor::new(xlsx.clone())).unwrap();
    let mut book = String::new();
    zip.by_name("xl/workbook.xml")
        .unwrap()
        .read_to_string(&mut book)
        .unwrap();
    let matrix_at = book.find("name=\"Matrix\"").unwrap();
    let provenance_at = book.find("name=\"Provenance\"").unwrap();
    assert!(matrix_at < provenance_at, "{book}");
    let mut strings = String::new();
    zip.by_name("xl/sharedStrings.xml")
        .unwrap()
        .read_to_string(&mut strings)
        .unwrap();
    assert!(strings.contains("guidelines version 2023: ILLUSTRATIVE, not the official text"));
    let (back, r) = Matrix::read_xlsx(
        Cursor::new(xlsx),
        &Catalog::embedded(),
        &ImportOptions::default(),
    )
    .unwrap();
    assert_eq!((back.len(), r.rejected), (1, 0));

    // With official guidelines the caption says so, without the banner class.
    let mut data = Catalog::embedded().data().clone();
    for s in &mut data.guideline_sets {
        s.provenance = Provenance::Official;
    }
    let official = Catalog::from_data(data).unwrap();
    let (m, _) = Matrix::read_csv(
        "País;Institución;Fecha;Tipo;Título;Estado\nMX;INM;2024-01-02;Evento;t;En curso\n"
            .as_bytes(),
        &official,
        &ImportOptions::default(),
    )
    .unwrap();
    let html = m
        .pivot(&PivotSpec::new().rows([Dim::Country]))
        .unwrap()
        .to_html(Lang::En);
    assert!(html.contains("<caption class=\"lineamientos-provenance\">"));
    assert!(html.contains("guidelines version 2023: official;"));
    assert!(!html.contains("ILLUSTRATIVE"));
}

#[test]
fn catalogue_json_shows_institutions_kinds_and_conflicts() {
    let cat = Catalog::embedded();
    let json: serde_json::Value = serde_json::from_str(&cat.to_json().unwrap()).unwrap();
    assert_eq!(
        json["institutions"].as_array().unwrap().len(),
        cat.institutions().len()
    );
    assert_eq!(json["institutions"][0]["code"], "GTM-SEPREM");
    assert_eq!(json["institutions"][0]["sector"], "women");
    assert_eq!(json["organizations"][13]["kind"], "partner");
    assert_eq!(json["conflicts"][0]["subject"], "guidelines_approval_year");
    assert_eq!(json["congresses"][2]["year"], 2021);
    // Every institution has a source, a member or observer country, and a sector.
    for i in cat.institutions() {
        assert!(
            i.source.as_deref().is_some_and(|s| !s.is_empty()),
            "{}",
            i.code
        );
        assert!(cat.country(&i.country).is_some(), "{}", i.code);
        assert!(i.code.starts_with(&format!("{}-", i.country)), "{}", i.code);
    }
    // A catalogue round-trips through its JSON, institutions and conflicts included.
    let again = Catalog::from_json(&cat.to_json().unwrap()).unwrap();
    assert_eq!(again.hash(), cat.hash());
    // A congress view says how precisely its date is known.
    let views: Vec<(Option<String>, Option<String>)> = cat
        .congresses()
        .iter()
        .map(|c| {
            let v = serde_json::to_value(c.view()).unwrap();
            (
                v["date_precision"].as_str().map(str::to_owned),
                v["held"].as_str().map(str::to_owned),
            )
        })
        .collect();
    let s = |x: &str| Some(x.to_owned());
    assert_eq!(
        views,
        [
            (s("day"), s("2018-12-18")),
            (s("day"), s("2019-12-03")),
            (s("year"), s("2021")),
            (None, None),
            (s("day"), s("2023-07-06")),
            (None, None),
        ]
    );
}
