//! Runs every shared golden vector of `tests/vectors/plans/` (format: tests/vectors/README.md)
//! through the public API and compares with `expected`. The Python and JavaScript bindings run
//! the same files.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // test code

mod common;

use common::assert_renders;
use lineamientos::{Catalog, Report, RuleConfig, WorkPlan};
use serde_json::Value;

fn catalog(case: &Value) -> Catalog {
    match &case["catalog"] {
        Value::String(s) if s == "embedded" => Catalog::embedded(),
        Value::Object(_) => Catalog::from_json(&case["catalog"].to_string()).unwrap(),
        other => panic!("catalog must be \"embedded\" or an object, not {other}"),
    }
}

/// (path, code, severity, suggestion when the expected side gives one)
fn key(d: &Value, with_suggestion: bool) -> (String, String, String, Option<String>) {
    (
        d["path"].as_str().unwrap().to_owned(),
        d["code"].as_str().unwrap().to_owned(),
        d["severity"].as_str().unwrap().to_owned(),
        if with_suggestion {
            d.get("suggestion")
                .and_then(Value::as_str)
                .map(str::to_owned)
        } else {
            None
        },
    )
}

fn compare(name: &str, report: &Report, expected: &Value) {
    let got = serde_json::to_value(report).unwrap();
    let exp = expected["diagnostics"].as_array().unwrap();
    let with_suggestion = |d: &Value| d.get("suggestion").is_some();
    let mut want: Vec<_> = exp.iter().map(|d| key(d, with_suggestion(d))).collect();
    // Compare the suggestion of a found diagnostic only where the expectation names one.
    let mut have: Vec<_> = got["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| key(d, true))
        .collect();
    want.sort();
    have.sort();
    let unmatched: Vec<_> = want
        .iter()
        .filter(|w| {
            !have
                .iter()
                .any(|h| h.0 == w.0 && h.1 == w.1 && h.2 == w.2 && (w.3.is_none() || h.3 == w.3))
        })
        .collect();
    assert!(
        unmatched.is_empty() && want.len() == have.len(),
        "{name}: expected {want:#?}\n got {have:#?}"
    );
    assert_eq!(got["ok"], expected["ok"], "{name}: ok");
    assert_eq!(got["summary"], expected["summary"], "{name}: summary");
    for d in &report.diagnostics {
        assert_renders(d);
    }
}

#[test]
fn plan_vectors() {
    let files = common::vector_files("plans");
    assert!(files.len() >= 25, "only {} plan vectors", files.len());
    let mut kinds = std::collections::BTreeMap::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        let case: Value = serde_json::from_str(&text).unwrap();
        let name = case["name"].as_str().unwrap();
        assert_eq!(
            file.file_stem().unwrap().to_str().unwrap(),
            name,
            "name equals file name"
        );
        let cat = catalog(&case);
        let config = RuleConfig::from_json(&case["options"].to_string()).unwrap();
        let kind = case["kind"].as_str().unwrap();
        *kinds.entry(kind.to_owned()).or_insert(0) += 1;
        let expected = &case["expected"];
        match kind {
            "validate_plan" => {
                let plan = WorkPlan::from_json(&case["input"].to_string()).unwrap();
                compare(name, &cat.validate_plan(&plan, &config), expected);
            }
            "merge_plans" => {
                let plans: Vec<WorkPlan> = case["inputs"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|p| WorkPlan::from_json(&p.to_string()).unwrap())
                    .collect();
                let (general, report) = cat.merge_plans(&plans, &config);
                compare(name, &report, expected);
                if let Some(cov) = expected.get("coverage").and_then(Value::as_object) {
                    for (axis, count) in cov {
                        let got = general
                            .axis_coverage(axis)
                            .map_or(0, |c| c.activities.len());
                        assert_eq!(
                            got as u64,
                            count.as_u64().unwrap(),
                            "{name}: coverage {axis}"
                        );
                    }
                }
            }
            "review_guidelines" => {
                let report = cat
                    .review_guidelines(case["version"].as_str().unwrap(), &config)
                    .unwrap();
                compare(name, &report, expected);
            }
            other => panic!("{name}: unknown kind {other}"),
        }
    }
    assert!(kinds["validate_plan"] >= 25, "{kinds:?}");
    assert!(kinds["merge_plans"] >= 5, "{kinds:?}");
}
