//! Runs the shared error vectors of `tests/vectors/errors/` (bad arguments and bad documents,
//! format: tests/vectors/README.md) through the public API: each call must fail with the
//! expected code and details. pytest and node run the same files; an unknown `kind` or `call`
//! fails here, it is never skipped.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // test code

use lineamientos::args::{self, Days};
use lineamientos::{
    Catalog, CodeKind, Error, FocalDirectory, ImportOptions, Matrix, PeriodUnit, PivotSpec,
    RuleConfig, WorkPlan,
};
use serde_json::Value;
use std::path::PathBuf;

fn matrix(case: &Value) -> Matrix {
    let csv = case["input"].as_str().expect("input CSV");
    Matrix::read_csv(
        csv.as_bytes(),
        &Catalog::embedded(),
        &ImportOptions::default(),
    )
    .unwrap()
    .0
}

/// The error the case's call gives, through the same entry points the bindings use.
fn run(case: &Value) -> Error {
    let cat = Catalog::embedded();
    let a = &case["args"];
    let arg = |k: &str| a.get(k).cloned().unwrap_or(Value::Null);
    let result: Result<(), Error> = match case["call"].as_str().unwrap() {
        "validate_plan" => WorkPlan::from_value(case["input"].clone()).and_then(|plan| {
            let cfg = RuleConfig::from_value(a)?;
            cat.validate_plan(&plan, &cfg);
            Ok(())
        }),
        "pivot" => args::arg::<PivotSpec>("spec", a).and_then(|s| matrix(case).pivot(&s).map(drop)),
        "import_csv" => args::arg::<ImportOptions>("options", a).and_then(|o| {
            let csv = case["input"].as_str().unwrap();
            Matrix::read_csv(csv.as_bytes(), &cat, &o).map(drop)
        }),
        "time_series" => args::optional_arg::<PeriodUnit>("unit", &arg("unit"))
            .map(|u| drop(matrix(case).time_series(u.unwrap_or(PeriodUnit::DEFAULT_SERIES)))),
        "gaps" => args::arg("since", &arg("since")).map(|d| drop(matrix(case).gaps(d))),
        "follow_up" => args::arg("as_of", &arg("as_of")).and_then(|as_of| {
            let days = args::arg_or(
                "interval_days",
                &arg("interval_days"),
                Days(FocalDirectory::DEFAULT_CONFIRM_INTERVAL_DAYS),
            )?;
            let (dir, _) = FocalDirectory::new(Vec::new(), &cat);
            dir.follow_up(&cat, as_of, days.0);
            Ok(())
        }),
        "code_list" => {
            args::arg::<CodeKind>("kind", &arg("kind")).and_then(|k| k.code_list().map(drop))
        }
        other => panic!("{}: unknown call {other}", case["name"]),
    };
    match result {
        Err(e) => e,
        Ok(()) => panic!("{}: the call succeeded", case["name"]),
    }
}

#[test]
fn every_error_vector_gives_its_code_and_details() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors/errors");
    let mut count = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let case: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let name = case["name"].as_str().unwrap();
        match case["kind"].as_str().unwrap() {
            "bad_argument" | "bad_document" => {}
            other => panic!("{name}: unknown kind {other}"),
        }
        let err = run(&case);
        let expected = case["expected"].as_object().unwrap();
        assert_eq!(err.code(), expected["code"], "{name}: {err}");
        let details = err.details();
        for (k, v) in expected.iter().filter(|(k, _)| *k != "code") {
            assert_eq!(details.get(k), Some(v), "{name}: detail {k} of {err}");
        }
        count += 1;
    }
    assert!(count >= 20, "only {count} error vectors");
}
