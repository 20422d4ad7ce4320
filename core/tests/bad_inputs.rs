//! The bad-input corpus (`tests/bad-inputs/`, see its README): every entry of
//! `manifest.json` read by its reader, and its outcome compared with the manifest's
//! `expect`: the coded error (with the limit named, for `limit_exceeded`) or the import's
//! counts and findings. No entry is skipped: a reader this runner does not know fails the
//! test, and so does a panic (caught per entry, to name the file). Nothing is timed: the
//! limits are what keep every entry short and its memory bounded.
//!
//! `BLESS=1 cargo test -p lineamientos --test bad_inputs` rewrites the expectations from
//! what the library does now (review the diff before committing).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // test code

use lineamientos::{Catalog, Cycle, Error, ImportOptions, Matrix, PivotSpec, WorkPlan, args};
use serde_json::{Map, Value, json};
use std::collections::BTreeMap;
use std::io::Cursor;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/bad-inputs")
}

/// The bytes of an entry: its committed file, or its recipe (parts concatenated;
/// `{"repeat": s, "times": n}` is `n` copies of `s`).
fn bytes_of(entry: &Value) -> Vec<u8> {
    let file = entry["file"].as_str().unwrap();
    match entry.get("recipe") {
        Some(parts) => {
            let mut out = Vec::new();
            for part in parts.as_array().unwrap() {
                if let Some(t) = part.get("text") {
                    out.extend_from_slice(t.as_str().unwrap().as_bytes());
                } else {
                    let s = part["repeat"].as_str().unwrap();
                    let n = part["times"].as_u64().unwrap() as usize;
                    out.extend_from_slice(s.repeat(n).as_bytes());
                }
            }
            out
        }
        None => std::fs::read(corpus().join(file)).unwrap_or_else(|e| panic!("{file}: {e}")),
    }
}

/// An error as the manifest writes it: its code, and for `limit_exceeded` the limit named.
fn error_outcome(e: &Error) -> Value {
    let mut out = Map::new();
    out.insert("error".into(), json!(e.code()));
    if e.code() == "limit_exceeded" {
        let d = e.details();
        for key in ["what", "limit", "option"] {
            out.insert(key.into(), d[key].clone());
        }
    }
    Value::Object(out)
}

/// An import as the manifest writes it: the accounting and the count of each finding code.
fn import_outcome(r: &lineamientos::ImportReport) -> Value {
    // Nothing lost: every row read is accepted or rejected, and every rejection is listed.
    assert_eq!(r.rows_read, r.accepted + r.rejected);
    assert_eq!(r.rejected_rows.len() as u64, r.rejected);
    let mut codes: BTreeMap<String, u64> = BTreeMap::new();
    for d in &r.diagnostics {
        *codes.entry(d.code.clone()).or_default() += 1;
    }
    json!({
        "rows_read": r.rows_read,
        "accepted": r.accepted,
        "rejected": r.rejected,
        "diagnostics": codes,
    })
}

fn outcome(reader: &str, bytes: &[u8], options: Option<&Value>, base_csv: &str) -> Value {
    let cat = Catalog::embedded();
    let text = || String::from_utf8(bytes.to_vec()).expect("JSON entries are UTF-8");
    let import_options = || -> ImportOptions {
        options.map_or_else(ImportOptions::default, |o| {
            args::arg("options", o).expect("entry options")
        })
    };
    let result: Result<Value, Error> = match reader {
        "csv" => Matrix::read_csv(bytes, &cat, &import_options()).map(|(_, r)| import_outcome(&r)),
        "xlsx" => Matrix::read_xlsx(Cursor::new(bytes.to_vec()), &cat, &import_options())
            .map(|(_, r)| import_outcome(&r)),
        "plan" => WorkPlan::from_json(&text()).map(|_| json!({"ok": true})),
        "catalog" => Catalog::from_json(&text()).map(|_| json!({"ok": true})),
        "cycle" => Cycle::from_json(&text()).map(|_| json!({"ok": true})),
        // A spec is applied to the one-row matrix of `base_csv`.
        "pivot_spec" => PivotSpec::from_json(&text()).and_then(|spec| {
            let (m, _) = Matrix::read_csv(base_csv.as_bytes(), &cat, &ImportOptions::default())?;
            m.pivot(&spec).map(|_| json!({"ok": true}))
        }),
        // Options are applied to an import of `base_csv`.
        "options" => ImportOptions::from_json(&text()).and_then(|o| {
            Matrix::read_csv(base_csv.as_bytes(), &cat, &o).map(|_| json!({"ok": true}))
        }),
        other => panic!("unknown reader {other:?}: this runner must learn it"),
    };
    result.unwrap_or_else(|e| error_outcome(&e))
}

#[test]
fn every_bad_input_gives_its_expected_outcome() {
    let path = corpus().join("manifest.json");
    let mut manifest: Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let bless = std::env::var_os("BLESS").is_some();
    let base_csv = manifest["base_csv"].as_str().unwrap().to_owned();
    let entries = manifest["entries"].as_array_mut().unwrap();
    assert!(
        entries.len() >= 40,
        "the corpus has {} entries",
        entries.len()
    );
    let mut failures = Vec::new();
    for entry in entries.iter_mut() {
        let file = entry["file"].as_str().unwrap().to_owned();
        let reader = entry["reader"].as_str().unwrap().to_owned();
        let bytes = bytes_of(entry);
        let options = entry.get("options").cloned();
        let got = catch_unwind(AssertUnwindSafe(|| {
            outcome(&reader, &bytes, options.as_ref(), &base_csv)
        }));
        let got = match got {
            Ok(v) => v,
            Err(_) => {
                failures.push(format!("{file}: panicked"));
                continue;
            }
        };
        if bless {
            entry["expect"] = got;
        } else if entry.get("expect") != Some(&got) {
            failures.push(format!(
                "{file}: expected {}, got {got}",
                entry
                    .get("expect")
                    .map_or("nothing (run BLESS=1)".into(), Value::to_string)
            ));
        }
    }
    if bless {
        let text = serde_json::to_string_pretty(&manifest).unwrap() + "\n";
        std::fs::write(&path, text).unwrap();
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Every committed file is in the manifest and every manifest file without a recipe exists:
/// nothing in the corpus escapes the runners.
#[test]
fn the_manifest_lists_the_whole_corpus() {
    let manifest: Value =
        serde_json::from_str(&std::fs::read_to_string(corpus().join("manifest.json")).unwrap())
            .unwrap();
    let listed: Vec<&str> = manifest["entries"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e.get("recipe").is_none())
        .map(|e| e["file"].as_str().unwrap())
        .collect();
    let mut on_disk = Vec::new();
    for dir in std::fs::read_dir(corpus()).unwrap() {
        let dir = dir.unwrap().path();
        if dir.is_dir() {
            for f in std::fs::read_dir(&dir).unwrap() {
                let f = f.unwrap().path();
                on_disk.push(format!(
                    "{}/{}",
                    dir.file_name().unwrap().to_str().unwrap(),
                    f.file_name().unwrap().to_str().unwrap()
                ));
            }
        }
    }
    on_disk.sort();
    let mut listed_sorted: Vec<String> = listed.iter().map(|s| (*s).to_owned()).collect();
    listed_sorted.sort();
    assert_eq!(on_disk, listed_sorted);
    let readers = [
        "csv",
        "xlsx",
        "plan",
        "catalog",
        "cycle",
        "pivot_spec",
        "options",
    ];
    for e in manifest["entries"].as_array().unwrap() {
        assert!(readers.contains(&e["reader"].as_str().unwrap()), "{e}");
    }
}
