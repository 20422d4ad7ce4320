//! Every example rule file loads (its embedded tests pass) and checks the example matrix and
//! plans: every record gets exactly one outcome from each rule of its scope.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // test code

use chrono::NaiveDate;
use lineamientos::matrix::{ImportOptions, Matrix};
use lineamientos::plan::WorkPlan;
use lineamientos::ruleset::RuleSet;
use lineamientos::{Catalog, RuleConfig};

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/..");

fn files(dir: &str) -> Vec<std::path::PathBuf> {
    let mut out: Vec<_> = std::fs::read_dir(format!("{ROOT}/{dir}"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    out.sort();
    out
}

#[test]
fn every_example_rule_file_loads_and_checks_the_examples() {
    let cat = Catalog::embedded();
    let csv = std::fs::read(format!("{ROOT}/examples/data/matriz_seguimiento.csv")).unwrap();
    let (matrix, _) = Matrix::read_csv(csv.as_slice(), &cat, &ImportOptions::default()).unwrap();
    let plans: Vec<WorkPlan> = files("examples/plans")
        .iter()
        .map(|p| WorkPlan::from_json(&std::fs::read_to_string(p).unwrap()).unwrap())
        .collect();
    let activities: u64 = plans.iter().map(|p| p.activities.len() as u64).sum();
    let config = RuleConfig::new(NaiveDate::from_ymd_opt(2024, 12, 31).unwrap());
    let rule_files = files("examples/rules");
    assert!(!rule_files.is_empty());
    for path in rule_files {
        let rs = RuleSet::from_json(&std::fs::read_to_string(&path).unwrap())
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        for (check, records) in [
            (
                rs.check_entries(&matrix, &config).unwrap(),
                matrix.len() as u64,
            ),
            (rs.check_activities(&plans, &config).unwrap(), activities),
        ] {
            let mut fails = 0;
            // oim_mesoamerica's rules judge entries and activities, one outcome each; the
            // other files' judge groups, plans, indicators too.
            let per_record = path.ends_with("oim_mesoamerica.json");
            for n in &check.outcomes {
                if per_record {
                    assert_eq!(n.pass + n.fail + n.not_applicable, records, "{}", n.code);
                }
                fails += n.fail;
            }
            assert_eq!(check.diagnostics.len() as u64, fails);
            for d in &check.diagnostics {
                assert!(
                    d.code.starts_with(&format!("{}.", rs.pin().id)),
                    "{}",
                    d.code
                );
                assert!(!d.message(lineamientos::Lang::Es).contains('{'), "{:?}", d);
            }
        }
    }
}

/// The activity of a path `/activities/{a}/...`.
fn activity_of(path: &str) -> Option<usize> {
    path.strip_prefix("/activities/")?
        .split('/')
        .next()?
        .parse()
        .ok()
}

#[test]
fn the_built_in_rules_written_as_a_rule_file_find_what_the_built_in_rules_find() {
    let rs = RuleSet::from_json(
        &std::fs::read_to_string(format!("{ROOT}/examples/rules/builtin.json")).unwrap(),
    )
    .unwrap();
    // Built-in code (and, for missing_field, the field) -> the rule file's code.
    let pairs = [
        ("end_before_start", "", "builtin.end_before_start"),
        ("duplicate_id", "", "builtin.duplicate_id"),
        ("lead_count", "", "builtin.lead_count"),
        ("unbounded_event", "", "builtin.unbounded_event"),
        ("no_indicator", "", "builtin.no_indicator"),
        ("schedule_overlap", "", "builtin.schedule_overlap"),
        ("missing_field", "/title", "builtin.missing_field"),
        (
            "unknown_guideline",
            "",
            "builtin.unknown_or_retired_guideline",
        ),
        (
            "retired_guideline",
            "",
            "builtin.unknown_or_retired_guideline",
        ),
    ];
    let cat = Catalog::embedded();
    let mut compared = 0;
    for path in files("examples/plans") {
        let plan = WorkPlan::from_json(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let config = RuleConfig::from_json(r#"{"as_of": "2024-06-01"}"#)
            .unwrap()
            .with_ruleset(rs.clone())
            .unwrap();
        let report = cat.validate_plan(&plan, &config);
        // Guidelines of a version the catalogue does not have are not checked by the built-in
        // rules; the rule file checks them against its own version.
        let unknown_version = report
            .diagnostics
            .iter()
            .any(|d| d.path == "/guideline_version");
        for file_code in pairs.iter().map(|p| p.2) {
            if unknown_version && file_code == "builtin.unknown_or_retired_guideline" {
                continue;
            }
            let built_in: std::collections::BTreeSet<usize> = report
                .diagnostics
                .iter()
                .filter(|d| {
                    pairs.iter().any(|(code, field, to)| {
                        *to == file_code && d.code == *code && d.path.ends_with(field)
                    })
                })
                .filter_map(|d| activity_of(&d.path))
                .collect();
            let from_file: std::collections::BTreeSet<usize> = report
                .diagnostics
                .iter()
                .filter(|d| d.code == file_code)
                .filter_map(|d| activity_of(&d.path))
                .collect();
            assert_eq!(built_in, from_file, "{}: {file_code}", path.display());
            compared += built_in.len();
        }
        // outside_plan_period: per activity built in, per plan in the file.
        let outside = report
            .diagnostics
            .iter()
            .any(|d| d.code == "outside_plan_period");
        let outside_file = report
            .diagnostics
            .iter()
            .any(|d| d.code == "builtin.outside_plan_period");
        assert_eq!(outside, outside_file, "{}", path.display());
    }
    // The example plans exercise most of them (not a vacuous comparison).
    assert!(compared >= 9, "{compared}");
}
