//! Runs every shared golden vector of `tests/vectors/rules/` (format: tests/vectors/README.md,
//! "kind = check_rules" and "kind = bad_ruleset") through the public API and compares with
//! `expected`. The Python and JavaScript bindings run the same files (and read `ruleset_yaml`
//! too, which core does not: YAML is converted by the bindings).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // test code

mod common;

use lineamientos::ruleset::RuleSet;
use lineamientos::{
    Catalog, Cycle, Diagnostic, ImportOptions, Lang, Matrix, Report, ReviewOptions, RuleConfig,
    WorkPlan,
};
use serde_json::{Value, json};

/// A finding as the vectors write it: every field the expected side gives is compared.
fn as_vector(d: &Diagnostic) -> Value {
    json!({
        "code": d.code,
        "severity": d.severity.code(),
        "path": d.path,
        "value": d.value,
        "message_es": d.message(Lang::Es),
        "message_en": d.message(Lang::En),
        "params": d.params.iter()
            .filter(|(k, _)| !k.starts_with("message_"))
            .map(|(k, v)| (k.clone(), Value::from(v.as_str())))
            .collect::<serde_json::Map<_, _>>(),
    })
}

fn compare(name: &str, got: &[&Diagnostic], want: &Value) {
    let want = want.as_array().unwrap();
    assert_eq!(got.len(), want.len(), "{name}: {got:#?}");
    for (g, w) in got.iter().zip(want) {
        let g = as_vector(g);
        for (k, v) in w.as_object().unwrap() {
            assert_eq!(&g[k], v, "{name}: {k} of {g}");
        }
    }
}

fn outcomes(report: &Report) -> Value {
    serde_json::to_value(&report.outcomes).unwrap()
}

#[test]
fn every_rule_vector_passes() {
    let files = common::vector_files("rules");
    assert!(files.len() >= 5, "rule vectors: {files:?}");
    for file in files {
        let case: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        let name = case["name"].as_str().unwrap();
        assert_eq!(
            file.file_stem().unwrap().to_str().unwrap(),
            name,
            "name equals file name"
        );
        let loaded = RuleSet::from_json(&case["ruleset"].to_string());
        let expected = &case["expected"];
        match case["kind"].as_str().unwrap() {
            "check_rules" => {
                let rs = loaded.unwrap_or_else(|e| panic!("{name}: {e}"));
                assert_eq!(
                    serde_json::to_value(rs.pin()).unwrap(),
                    expected["pin"],
                    "{name}: pin"
                );
                let cfg = RuleConfig::from_json(&case["options"].to_string())
                    .unwrap()
                    .with_ruleset(rs)
                    .unwrap();
                let mut ran = 0;
                if let Some(csv) = case["matrix_csv"].as_str() {
                    let (m, _) = Matrix::read_csv(
                        csv.as_bytes(),
                        &Catalog::embedded(),
                        &ImportOptions::default(),
                    )
                    .unwrap();
                    let report = m.check(&cfg);
                    let want = &expected["matrix"];
                    compare(
                        name,
                        &report.diagnostics.iter().collect::<Vec<_>>(),
                        &want["diagnostics"],
                    );
                    assert_eq!(outcomes(&report), want["outcomes"], "{name}: outcomes");
                    assert_eq!(
                        serde_json::to_value(&report.pins.rulesets).unwrap(),
                        json!([expected["pin"]])
                    );
                    ran += 1;
                }
                if case.get("plan").is_some() {
                    let plan = WorkPlan::from_json(&case["plan"].to_string()).unwrap();
                    let report = Catalog::embedded().validate_plan(&plan, &cfg);
                    let want = &expected["plan"];
                    let of_files: Vec<&Diagnostic> = report
                        .diagnostics
                        .iter()
                        .filter(|d| d.code.contains('.'))
                        .collect();
                    compare(name, &of_files, &want["rule_diagnostics"]);
                    assert_eq!(outcomes(&report), want["outcomes"], "{name}: outcomes");
                    ran += 1;
                }
                if case.get("cycle").is_some() {
                    let cycle = Cycle::from_json(&case["cycle"].to_string()).unwrap();
                    let matrix = case["matrix_csv"].as_str().map(|csv| {
                        Matrix::read_csv(
                            csv.as_bytes(),
                            &Catalog::embedded(),
                            &ImportOptions::default(),
                        )
                        .unwrap()
                        .0
                    });
                    let mut options = ReviewOptions::from_value(&case["options"]).unwrap();
                    options.rules = cfg.clone();
                    let review =
                        cycle.review(&Catalog::embedded(), matrix.as_ref(), None, &options);
                    let want = &expected["cycle"];
                    let of_files: Vec<&Diagnostic> = review
                        .report
                        .diagnostics
                        .iter()
                        .filter(|d| d.code.contains('.'))
                        .collect();
                    compare(name, &of_files, &want["rule_diagnostics"]);
                    assert_eq!(
                        outcomes(&review.report),
                        want["outcomes"],
                        "{name}: outcomes"
                    );
                    ran += 1;
                }
                assert!(ran > 0, "{name}: neither matrix_csv, plan nor cycle");
            }
            "bad_ruleset" => {
                let e = match (loaded, case.get("options")) {
                    (Err(e), _) => e,
                    (Ok(rs), Some(options)) => RuleConfig::from_json(&options.to_string())
                        .unwrap()
                        .with_ruleset(rs)
                        .expect_err(name),
                    (Ok(_), None) => panic!("{name}: the rule file loaded"),
                };
                let details = e.details();
                for (k, v) in expected.as_object().unwrap() {
                    let got = if k == "code" {
                        Value::from(e.code())
                    } else {
                        details[k].clone()
                    };
                    assert_eq!(&got, v, "{name}: {k} ({e})");
                }
            }
            other => panic!("{name}: no runner for kind {other}"),
        }
    }
}
