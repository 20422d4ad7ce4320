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
