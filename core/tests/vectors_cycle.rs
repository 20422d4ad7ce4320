//! Runs the shared congress-cycle vectors of `tests/vectors/cycle/` (kind `review_cycle`,
//! format: tests/vectors/README.md) through the public API. pytest and node run the same
//! files. `BLESS=1` writes the findings of a case that has no `expected.diagnostics` yet
//! (new cases only: existing expectations are never overwritten).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // test code

mod common;

use lineamientos::{
    Catalog, Cycle, CycleReview, FocalDirectory, ImportOptions, Matrix, ReviewOptions,
    Systematization, SystematizeOptions,
};
use serde_json::{Value, json};
use std::path::PathBuf;

fn review(case: &Value) -> CycleReview {
    let cat = Catalog::embedded();
    let cycle = Cycle::from_value(case["input"].clone()).unwrap();
    let csv = case["matrix_csv"].as_str().unwrap_or("");
    let matrix = (!csv.is_empty()).then(|| {
        Matrix::read_csv(csv.as_bytes(), &cat, &ImportOptions::default())
            .unwrap()
            .0
    });
    let focal = case["focal_points"].as_array().map(|_| {
        FocalDirectory::from_value(case["focal_points"].clone(), &cat)
            .unwrap()
            .0
    });
    let options = ReviewOptions::from_value(&case["options"]).unwrap();
    cycle.review(&cat, matrix.as_ref(), focal.as_ref(), &options)
}

/// The review in the vectors' `expected` shape (what every language compares).
fn actual(r: &CycleReview) -> Value {
    let mut diagnostics: Vec<Value> = r
        .report
        .diagnostics
        .iter()
        .map(|d| json!({"code": d.code, "severity": d.severity.code(), "path": d.path}))
        .collect();
    diagnostics.sort_by_key(|d| (d["path"].to_string(), d["code"].to_string()));
    json!({
        "activities": r.activities.iter().map(|a| json!({
            "activity_id": a.activity_id, "state": a.state.code(), "approved": a.approved,
            "entries": a.entries})).collect::<Vec<_>>(),
        "tables": r.tables.iter().map(|t| json!({
            "table": t.table, "axis": t.axis, "approval": t.approval.map(|s| s.code()),
            "approved": t.approved, "planned": t.activities.planned,
            "reported": t.activities.reported, "behind": t.activities.behind,
            "done": t.activities.done, "not_reported": t.activities.not_reported})).collect::<Vec<_>>(),
        "agreements": r.agreements.iter().map(|a| json!({
            "id": a.id, "status": a.status.code(), "days_overdue": a.days_overdue})).collect::<Vec<_>>(),
        "general_plan": r.general_plan.plans.iter().map(|p| p.id.clone()).collect::<Vec<_>>(),
        "priority_areas": r.priority_areas,
        "entries": r.entries,
        "confirmed": r.confirmed,
        "diagnostics": diagnostics,
    })
}

#[test]
fn every_cycle_vector() {
    let files = common::vector_files("cycle");
    assert!(files.len() >= 5, "{files:?}");
    let bless = std::env::var_os("BLESS").is_some();
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        let mut case: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(case["kind"], "review_cycle", "{}", path.display());
        let got = actual(&review(&case));
        if case["expected"].get("diagnostics").is_none() {
            assert!(
                bless,
                "{}: no expected.diagnostics (run with BLESS=1)",
                path.display()
            );
            case["expected"]["diagnostics"] = got["diagnostics"].clone();
            let out = serde_json::to_string_pretty(&case).unwrap() + "\n";
            std::fs::write(&path, out).unwrap();
            continue;
        }
        let expected = &case["expected"];
        for key in expected.as_object().unwrap().keys() {
            let mut want = expected[key].clone();
            if key == "diagnostics" {
                let list = want.as_array_mut().unwrap();
                list.sort_by_key(|d| (d["path"].to_string(), d["code"].to_string()));
            }
            assert_eq!(got[key], want, "{}: {key}", path.display());
        }
    }
}

/// The report in the vectors' `expected` shape for kind `systematize`.
fn report_shape(s: &Systematization) -> Value {
    let withheld: Vec<Value> = s
        .participants
        .cells
        .iter()
        .filter(|c| c.suppressed)
        .map(|c| {
            let code = |key: &lineamientos::pivot::Key| key.first().and_then(|p| p.code.clone());
            json!([
                code(&s.participants.rows[c.row]),
                code(&s.participants.cols[c.col])
            ])
        })
        .collect();
    json!({
        "illustrative": s.illustrative,
        "figures": serde_json::to_value(&s.figures).unwrap(),
        "actions": s.actions.iter().map(|a| json!({"rule": a.rule, "axis": a.axis, "figures": a.figures})).collect::<Vec<_>>(),
        "withheld": withheld,
        "pins": {"cycle_hash": s.pins.cycle_hash, "matrix_hash": s.pins.matrix_hash},
    })
}

#[test]
fn every_report_vector() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let files = common::vector_files("report");
    assert!(!files.is_empty());
    let bless = std::env::var_os("BLESS").is_some();
    for path in files {
        let mut case: Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        assert_eq!(case["kind"], "systematize", "{}", path.display());
        let read = |k: &str| {
            std::fs::read_to_string(root.join(case["files"][k].as_str().unwrap())).unwrap()
        };
        let cat = Catalog::embedded();
        let cycle = Cycle::from_json(&read("cycle")).unwrap();
        let (matrix, _) = Matrix::read_csv(
            read("matrix_csv").as_bytes(),
            &cat,
            &ImportOptions::default(),
        )
        .unwrap();
        let (focal, _) = FocalDirectory::from_json(&read("focal_points"), &cat).unwrap();
        let options = SystematizeOptions::from_value(&case["options"]).unwrap();
        let got = report_shape(
            &cycle
                .systematize(&cat, Some(&matrix), Some(&focal), &options)
                .unwrap(),
        );
        if case["expected"].as_object().is_some_and(|o| o.is_empty()) {
            assert!(
                bless,
                "{}: empty expected (run with BLESS=1)",
                path.display()
            );
            case["expected"] = got;
            std::fs::write(&path, serde_json::to_string_pretty(&case).unwrap() + "\n").unwrap();
            continue;
        }
        for (key, want) in case["expected"].as_object().unwrap() {
            assert_eq!(&got[key], want, "{}: {key}", path.display());
        }
    }
}
