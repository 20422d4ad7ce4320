//! Runs every golden vector in `tests/vectors/matrix/` (kinds `import_csv`, `pivot` and
//! `pivot_partial`) through the public API and compares with `expected` (format:
//! `tests/vectors/README.md`).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use lineamientos::pivot::KeyPart;
use lineamientos::{
    Catalog, ImportOptions, ImportReport, Matrix, PivotPartial, PivotSpec, PivotTable,
};
use serde_json::{Map, Value, json};

fn catalog(case: &Value) -> Catalog {
    match case.get("catalog") {
        None => Catalog::embedded(),
        Some(Value::String(s)) if s == "embedded" => Catalog::embedded(),
        Some(other) => Catalog::from_json(&other.to_string()).unwrap(),
    }
}

fn input_bytes(case: &Value) -> Vec<u8> {
    let text = case["input_csv"].as_str().unwrap();
    match case.get("input_encoding").and_then(Value::as_str) {
        Some("latin-1") => text
            .chars()
            .map(|c| u8::try_from(u32::from(c)).expect("latin-1 input must be <= U+00FF"))
            .collect(),
        _ => text.as_bytes().to_vec(),
    }
}

fn import(case: &Value) -> (Matrix, ImportReport) {
    let options = match case.get("options") {
        Some(o) => ImportOptions::from_json(&o.to_string()).unwrap(),
        None => ImportOptions::default(),
    };
    Matrix::read_csv(input_bytes(case).as_slice(), &catalog(case), &options).unwrap()
}

/// (code, severity, row, column, dropped) and, when `with_suggestion`, the suggestion.
fn diag_key(d: &Value, with_suggestion: bool) -> String {
    let mut o = Map::new();
    for k in ["code", "severity", "row", "column"] {
        o.insert(k.to_owned(), d.get(k).cloned().unwrap_or(Value::Null));
    }
    // Whether the value was left out of a kept row: `"dropped": true` in a vector,
    // `params.dropped == "true"` in a report.
    let dropped = d
        .get("dropped")
        .and_then(Value::as_bool)
        .unwrap_or_else(|| d.pointer("/params/dropped") == Some(&json!("true")));
    o.insert("dropped".into(), Value::Bool(dropped));
    if with_suggestion {
        o.insert(
            "suggestion".into(),
            d.get("suggestion").cloned().unwrap_or(Value::Null),
        );
    }
    Value::Object(o).to_string()
}

fn check_import(name: &str, case: &Value) {
    let (m, report) = import(case);
    let exp = &case["expected"];
    assert_eq!(
        report.rows_read,
        report.accepted + report.rejected,
        "{name}: accounting"
    );
    let counts = json!({"rows_read": report.rows_read, "accepted": report.accepted, "rejected": report.rejected,
        "rows_with_dropped_values": report.rows_with_dropped_values});
    for key in [
        "rows_read",
        "accepted",
        "rejected",
        "rows_with_dropped_values",
    ] {
        if let Some(v) = exp.get(key) {
            assert_eq!(&counts[key], v, "{name}: {key}: {:#?}", report.diagnostics);
        }
    }
    if let Some(rows) = exp.get("rejected_rows") {
        assert_eq!(&json!(report.rejected_rows), rows, "{name}: rejected_rows");
    }
    if let Some(v) = exp.get("encoding") {
        assert_eq!(&json!(report.encoding), v, "{name}: encoding");
    }
    if let Some(v) = exp.get("delimiter") {
        assert_eq!(&json!(report.delimiter), v, "{name}: delimiter");
    }
    if let Some(expected) = exp.get("diagnostics").and_then(Value::as_array) {
        // A suggestion is compared only where the vector gives one.
        let mut want: Vec<String> = expected
            .iter()
            .map(|d| diag_key(d, d.get("suggestion").is_some()))
            .collect();
        let mut got: Vec<String> = report
            .diagnostics
            .iter()
            .map(|d| {
                let v = serde_json::to_value(d).unwrap();
                let with = expected.iter().any(|w| {
                    w.get("suggestion").is_some()
                        && w["code"] == v["code"]
                        && w.get("row") == v.get("row")
                });
                diag_key(&v, with)
            })
            .collect();
        want.sort();
        got.sort();
        assert_eq!(got, want, "{name}: diagnostics {:#?}", report.diagnostics);
    }
    if let Some(entries) = exp.get("entries").and_then(Value::as_array) {
        let got: Vec<Value> = m
            .entries()
            .map(|e| serde_json::to_value(e).unwrap())
            .collect();
        assert_eq!(got.len(), entries.len(), "{name}: number of entries");
        for (i, (g, w)) in got.iter().zip(entries).enumerate() {
            for (k, v) in w.as_object().unwrap() {
                let gv = g.get(k).cloned().unwrap_or(Value::Null);
                let same = match (gv.as_f64(), v.as_f64()) {
                    (Some(a), Some(b)) => (a - b).abs() < 1e-9,
                    _ => &gv == v,
                };
                assert!(same, "{name}: entry {i} field {k}: got {gv}, want {v}");
            }
        }
    }
}

fn codes(key: &[KeyPart]) -> Value {
    json!(key.iter().map(|p| p.code.clone()).collect::<Vec<_>>())
}

fn num_eq(a: &Value, b: Option<f64>) -> bool {
    match (a.as_f64(), b) {
        (Some(x), Some(y)) => (x - y).abs() < 1e-9,
        (None, None) => a.is_null(),
        _ => false,
    }
}

fn check_pivot(name: &str, case: &Value) {
    let (m, _) = import(case);
    let spec = PivotSpec::from_json(&case["pivot"].to_string()).unwrap();
    let t = m.pivot(&spec).unwrap();
    check_table(name, case, &t);
}

/// Kind `pivot_partial`: the data lines split into `partitions`, one partial each, merged
/// in `merge_order` and finished: the expected table, and the whole file's pivot exactly.
fn check_pivot_partial(name: &str, case: &Value) {
    let text = case["input_csv"].as_str().unwrap();
    let mut lines = text.lines();
    let header = lines.next().unwrap();
    let data: Vec<&str> = lines.filter(|l| !l.is_empty()).collect();
    let spec = PivotSpec::from_json(&case["pivot"].to_string()).unwrap();
    let parts: Vec<PivotPartial> = case["partitions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let mut csv = format!("{header}\n");
            for i in p.as_array().unwrap() {
                csv.push_str(data[i.as_u64().unwrap() as usize]);
                csv.push('\n');
            }
            let (m, _) =
                Matrix::read_csv(csv.as_bytes(), &catalog(case), &ImportOptions::default())
                    .unwrap();
            // through JSON, as between workers
            let sent = m.pivot_partial(&spec).unwrap().to_json().unwrap();
            PivotPartial::from_json(&sent).unwrap()
        })
        .collect();
    let ordered = case["merge_order"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| parts[i.as_u64().unwrap() as usize].clone());
    let t = PivotPartial::merge_all(ordered).unwrap().finish().unwrap();
    check_table(name, case, &t);
    let (whole, _) = import(case);
    assert_eq!(t, whole.pivot(&spec).unwrap(), "{name}: merged = whole");
}

fn check_table(name: &str, case: &Value, t: &PivotTable) {
    let exp = &case["expected"];
    let all_cells: Vec<(Value, Value, Option<f64>)> = t
        .cells
        .iter()
        .map(|c| (codes(&t.rows[c.row]), codes(&t.cols[c.col]), c.value))
        .collect();
    if let Some(cells) = exp.get("cells").and_then(Value::as_array) {
        for c in cells {
            let r = t.rows.iter().position(|k| codes(k) == c["row"]);
            let k = t.cols.iter().position(|k| codes(k) == c["col"]);
            let cell = r.zip(k).and_then(|(r, k)| t.cell(r, k));
            let Some(cell) = cell else {
                panic!(
                    "{name}: no cell {} x {}; cells: {all_cells:?}",
                    c["row"], c["col"]
                );
            };
            assert!(
                num_eq(&c["value"], cell.value),
                "{name}: cell {c}: got {:?}",
                cell.value
            );
            if let Some(s) = c.get("suppressed") {
                assert_eq!(s, &json!(cell.suppressed), "{name}: suppressed {c}");
            }
            if let Some(s) = c.get("reason") {
                assert_eq!(s, &json!(cell.reason), "{name}: reason {c}");
            }
        }
        assert_eq!(
            t.cells.len(),
            cells.len(),
            "{name}: non-empty cells {all_cells:?}"
        );
    }
    for (key, keys, totals) in [
        ("row_totals", &t.rows, &t.row_totals),
        ("col_totals", &t.cols, &t.col_totals),
    ] {
        if let Some(list) = exp.get(key).and_then(Value::as_array) {
            assert_eq!(list.len(), keys.len(), "{name}: {key} count");
            for w in list {
                let line = if key == "row_totals" {
                    &w["row"]
                } else {
                    &w["col"]
                };
                let i = keys
                    .iter()
                    .position(|k| &codes(k) == line)
                    .unwrap_or_else(|| panic!("{name}: no line {line}"));
                assert!(
                    num_eq(&w["value"], totals[i].value),
                    "{name}: {key} {line}: got {:?}",
                    totals[i].value
                );
            }
        }
    }
    if let Some(g) = exp.get("grand_total") {
        assert!(
            num_eq(g, t.grand_total.value),
            "{name}: grand total {:?}",
            t.grand_total
        );
    }
    if let Some(rows) = exp.get("rows") {
        let got: Vec<Value> = t.rows.iter().map(|k| codes(k)).collect();
        assert_eq!(&json!(got), rows, "{name}: row order");
    }
    if let Some(cols) = exp.get("cols") {
        let got: Vec<Value> = t.cols.iter().map(|k| codes(k)).collect();
        assert_eq!(&json!(got), cols, "{name}: col order");
    }
}

#[test]
fn every_matrix_vector_passes() {
    let files = common::vector_files("matrix");
    assert!(
        files.len() >= 20,
        "expected at least 20 vectors, found {}",
        files.len()
    );
    let mut failures = Vec::new();
    for f in &files {
        let case: Value = serde_json::from_str(&std::fs::read_to_string(f).unwrap()).unwrap();
        let name = case["name"].as_str().unwrap().to_owned();
        assert_eq!(
            f.file_stem().unwrap().to_str().unwrap(),
            name,
            "file name = case name"
        );
        let result = std::panic::catch_unwind(|| match case["kind"].as_str().unwrap() {
            "import_csv" => check_import(&name, &case),
            "pivot" => check_pivot(&name, &case),
            "pivot_partial" => check_pivot_partial(&name, &case),
            other => panic!("{name}: unknown kind {other}"),
        });
        if result.is_err() {
            failures.push(name);
        }
    }
    assert!(failures.is_empty(), "failing vectors: {failures:?}");
}
