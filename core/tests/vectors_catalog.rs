//! Runs every golden vector in `tests/vectors/catalog/` (kind `lookup_institution`) through
//! the public API and compares with `expected` (format: `tests/vectors/README.md`). pytest
//! and node run the same files; an unknown `kind` fails here, it is never skipped.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // test code

mod common;

use lineamientos::Catalog;
use serde_json::{Value, json};

fn catalog(case: &Value) -> Catalog {
    match case.get("catalog") {
        None => Catalog::embedded(),
        Some(Value::String(s)) if s == "embedded" => Catalog::embedded(),
        Some(other) => Catalog::from_json(&other.to_string()).unwrap(),
    }
}

fn check_lookups(name: &str, case: &Value) {
    let cat = catalog(case);
    let lookups = case["lookups"].as_array().expect("lookups");
    assert!(!lookups.is_empty(), "{name}: no lookups");
    for l in lookups {
        let value = l["value"].as_str().unwrap();
        let country = l["country"].as_str();
        let exp = &l["expected"];
        match cat.lookup_institution(value, country) {
            Ok(found) => {
                assert!(exp.get("error").is_none(), "{name}: {value:?} should fail");
                assert_eq!(
                    serde_json::to_value(&found).unwrap(),
                    json!({"value": value, "status": exp["status"], "code": exp["code"],
                           "candidates": exp["candidates"], "suggestion": exp["suggestion"]}),
                    "{name}: {value:?} in {country:?}"
                );
            }
            Err(e) => {
                let want = exp
                    .get("error")
                    .unwrap_or_else(|| panic!("{name}: {value:?}: {e}"));
                assert_eq!(e.code(), want["code"], "{name}: {value:?}");
                let details = e.details();
                for (k, v) in want.as_object().unwrap() {
                    if k != "code" {
                        assert_eq!(&details[k], v, "{name}: {value:?}: {k}");
                    }
                }
            }
        }
    }
}

#[test]
fn every_catalog_vector_passes() {
    let files = common::vector_files("catalog");
    assert!(files.len() >= 4, "catalog vectors missing");
    for f in files {
        let case: Value = serde_json::from_str(&std::fs::read_to_string(&f).unwrap()).unwrap();
        let name = case["name"].as_str().unwrap().to_owned();
        assert_eq!(
            f.file_stem().unwrap().to_str().unwrap(),
            name,
            "file name = name"
        );
        match case["kind"].as_str().unwrap() {
            "lookup_institution" => check_lookups(&name, &case),
            other => panic!("{name}: unknown vector kind {other}"),
        }
    }
}
