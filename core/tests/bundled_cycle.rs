//! The bundled illustrative cycle of `examples/cycle/` (the CLI's default input): it loads,
//! every matrix row is accepted, and the review finds the realistic mistakes it was made with.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use lineamientos::cycle::ActivityState;
use lineamientos::{Catalog, Cycle, FocalDirectory, ImportOptions, Matrix, ReviewOptions};

fn file(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/../examples/cycle/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

#[test]
fn the_bundled_cycle_reviews_with_its_planted_mistakes() {
    let cat = Catalog::embedded();
    let cycle = Cycle::from_json(&file("cycle.json")).unwrap();
    assert_eq!(
        cycle.provenance,
        Some(lineamientos::Provenance::Illustrative)
    );
    let (matrix, import) = Matrix::read_csv(
        file("matrix.csv").as_bytes(),
        &cat,
        &ImportOptions::default(),
    )
    .unwrap();
    assert_eq!(
        (import.rows_read, import.rejected),
        (320, 0),
        "{:?}",
        import.diagnostics
    );
    let (focal, focal_report) =
        FocalDirectory::from_json(&file("focal_points.json"), &cat).unwrap();
    // Fictitious institutions are not in the catalogue: kept as written, a warning each.
    assert!(
        focal_report
            .diagnostics
            .iter()
            .all(|d| d.code == "unknown_institution"),
        "{:?}",
        focal_report.diagnostics
    );
    let as_of = chrono::NaiveDate::from_ymd_opt(2024, 6, 30).unwrap();
    let r = cycle.review(
        &cat,
        Some(&matrix),
        Some(&focal),
        &ReviewOptions::new(as_of),
    );
    let codes: Vec<(&str, &str)> = r
        .report
        .diagnostics
        .iter()
        .map(|d| (d.code.as_str(), d.path.as_str()))
        .collect();
    for (code, path) in [
        ("lead_count", "/plans/1/activities/2/lead"),
        ("unknown_guideline", "/plans/1/activities/2/guidelines/0"),
        ("no_indicator", "/plans/2/activities/1/indicators"),
        ("unknown_activity", "/matrix/17/activity"),
        ("agreement_without_owner", "/agreements/2/responsible"),
        ("agreement_overdue", "/agreements/0/due"),
        ("behind_target", "/plans/0/activities/1"),
    ] {
        assert!(
            codes.contains(&(code, path)),
            "{code} at {path}: {codes:#?}"
        );
    }
    let unknown = r.report.with_code("unknown_activity").next().unwrap();
    assert_eq!(unknown.suggestion.as_deref(), Some("vcm-02"));
    // The DAT table's plan was returned for changes: not in the general plan.
    let ids: Vec<_> = r
        .general_plan
        .plans
        .iter()
        .map(|p| p.id.clone().unwrap())
        .collect();
    assert_eq!(ids, ["plan-vcm-v", "plan-emp-v"]);
    let state = |id: &str| {
        r.activities
            .iter()
            .find(|a| a.activity_id.as_deref() == Some(id))
            .unwrap()
            .state
    };
    assert_eq!(state("vcm-02"), ActivityState::Behind);
    assert_eq!(state("emp-01"), ActivityState::Done);
    assert!(r.entries > 300);
    for d in &r.report.diagnostics {
        let text = d.message(lineamientos::Lang::Es) + &format!("{:?}", d.params);
        assert!(
            !text.contains("Persona Ficticia") && !text.contains("@ejemplo"),
            "{text}"
        );
    }
}
