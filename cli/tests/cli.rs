//! The `lineamientos` binary, run as a user runs it: on the example files of `examples/`, on
//! the shared vectors of `tests/vectors/` (the command line must give what the library
//! gives), and on bad input (exit status 2 with the library's error code, never a panic).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // test code

use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

/// What a run gave.
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Run {
    /// Standard output as JSON.
    fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}\n{}", self.stdout, self.stderr))
    }
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Runs the binary in the repository root with output piped (so: no colours), and checks
/// what holds for every run: a known exit status, no panic, no colour codes.
fn run_with(args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_lineamientos"));
    cmd.args(args)
        .current_dir(root())
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR")
        .env_remove("CLICOLOR_FORCE");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap();
    let run = Run {
        code: out.status.code().expect("exited, not killed"),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    };
    assert!(
        [0, 1, 2].contains(&run.code),
        "{args:?}: status {}",
        run.code
    );
    for text in [&run.stdout, &run.stderr] {
        assert!(!text.contains("panicked"), "{args:?}: {text}");
        assert!(!text.contains("RUST_BACKTRACE"), "{args:?}: {text}");
        if env.is_empty() {
            assert!(
                !text.contains('\x1b'),
                "{args:?}: colour codes in piped output"
            );
        }
    }
    run
}

fn run(args: &[&str]) -> Run {
    run_with(args, &[])
}

/// A fresh directory for one test's files.
fn temp_dir() -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!(
        "cli-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(dir: &Path, name: &str, content: impl AsRef<[u8]>) -> String {
    let path = dir.join(name);
    std::fs::write(&path, content).unwrap();
    path.to_str().unwrap().to_owned()
}

fn write_json(dir: &Path, name: &str, value: &Value) -> String {
    write(dir, name, serde_json::to_string_pretty(value).unwrap())
}

fn vectors(dir: &str) -> Vec<(String, Value)> {
    let dir = root().join("tests/vectors").join(dir);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let name = p.file_name().unwrap().to_str().unwrap().to_owned();
            let case = serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
            (name, case)
        })
        .collect()
}

/// The `--catalog FILE` arguments of a vector (none for the embedded catalogue).
fn catalog_args(case: &Value, dir: &Path) -> Vec<String> {
    match &case["catalog"] {
        Value::String(s) if s == "embedded" => Vec::new(),
        Value::Null => Vec::new(),
        inline => vec!["--catalog".into(), write_json(dir, "catalog.json", inline)],
    }
}

/// Findings reduced to what `expected` compares ((code, severity, path) for documents,
/// (code, severity, row, column) for tables), both sides sorted the same way; `suggestion`
/// is compared where the expected finding gives one.
fn findings(got: &Value, expected: &Value) -> (Vec<Value>, Vec<Value>) {
    let want_all = expected.as_array().unwrap();
    let keys: Vec<&str> = ["code", "severity", "path", "row", "column"]
        .into_iter()
        .filter(|k| want_all.iter().any(|w| w.get(*k).is_some()))
        .collect();
    let project = |d: &Value| {
        let map: serde_json::Map<String, Value> = keys
            .iter()
            .map(|k| ((*k).to_owned(), d.get(*k).cloned().unwrap_or(Value::Null)))
            .collect();
        Value::Object(map)
    };
    let mut want: Vec<(Value, Option<Value>)> = want_all
        .iter()
        .map(|w| (project(w), w.get("suggestion").cloned()))
        .collect();
    want.sort_by_key(|(p, _)| p.to_string());
    let mut got: Vec<(Value, Value)> = got
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            (
                project(g),
                g.get("suggestion").cloned().unwrap_or(Value::Null),
            )
        })
        .collect();
    got.sort_by_key(|(p, _)| p.to_string());
    let with = |mut p: Value, s: Option<Value>| {
        if let (Value::Object(map), Some(s)) = (&mut p, s) {
            map.insert("suggestion".into(), s);
        }
        p
    };
    let got_out = got
        .into_iter()
        .enumerate()
        .map(|(i, (p, s))| {
            let wanted = want.get(i).is_some_and(|(_, w)| w.is_some());
            with(p, wanted.then_some(s))
        })
        .collect();
    let want_out = want.into_iter().map(|(p, s)| with(p, s)).collect();
    (got_out, want_out)
}

// ---------------------------------------------------------------------------------------
// validate

#[test]
fn validate_a_valid_plan_exits_0() {
    let r = run(&[
        "validate",
        "examples/plans/mesa_vcm_2024.json",
        "--as-of",
        "2024-06-01",
        "--lang",
        "en",
    ]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stdout
            .contains("examples/plans/mesa_vcm_2024.json: 0 errors, 0 warnings, 0 infos"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("validated as of 2024-06-01"));
}

#[test]
fn validate_prints_findings_as_a_compiler_does() {
    let r = run(&[
        "validate",
        "examples/plans/mesa_cui_2024_fechas.json",
        "examples/plans/mesa_pro_2024_codigos.json",
        "--as-of",
        "2024-06-01",
        "--lang",
        "en",
    ]);
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    let expected = "error[end_before_start]: The end date (2024-03-31) is before the start date (2024-04-01).\n \
                    --> examples/plans/mesa_cui_2024_fechas.json:/activities/1/end\n";
    assert!(r.stdout.contains(expected), "{}", r.stdout);
    let expected = "error[unknown_code]: Unknown participant code: \"Guatemla\". Did you mean \"GTM\"?\n \
                    --> examples/plans/mesa_pro_2024_codigos.json:/activities/0/participants/0\n \
                    = help: did you mean \"GTM\"?\n";
    assert!(r.stdout.contains(expected), "{}", r.stdout);
    assert!(r.stdout.contains("warning[unbounded_event]: "));
    assert!(
        r.stdout
            .contains("\ntotal: 6 errors, 2 warnings, 0 infos\n"),
        "{}",
        r.stdout
    );
    // Spanish is the default language.
    let r = run(&[
        "validate",
        "examples/plans/mesa_cui_2024_fechas.json",
        "--as-of",
        "2024-06-01",
    ]);
    assert!(
        r.stdout
            .contains("error[end_before_start]: La fecha de fin (2024-03-31) es anterior a la de inicio (2024-04-01)."),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains(": 2 errores, 1 advertencia, 0 notas\n"));
}

#[test]
fn validate_every_example_plan_as_json() {
    let mut plans: Vec<String> = std::fs::read_dir(root().join("examples/plans"))
        .unwrap()
        .map(|e| {
            format!(
                "examples/plans/{}",
                e.unwrap().file_name().to_str().unwrap()
            )
        })
        .collect();
    plans.sort();
    let mut args = vec!["validate", "--format", "json", "--as-of", "2024-06-01"];
    args.extend(plans.iter().map(String::as_str));
    let r = run(&args);
    assert_eq!(r.code, 1);
    let v = r.json();
    assert_eq!(v["command"], "validate");
    assert_eq!(v["ok"], false);
    assert_eq!(v["as_of"], "2024-06-01");
    assert_eq!(
        v["summary"],
        json!({"errors": 14, "warnings": 11, "infos": 0})
    );
    let files = v["files"].as_array().unwrap();
    assert_eq!(files.len(), 7);
    let by_file = |name: &str| {
        let f = files
            .iter()
            .find(|f| f["file"].as_str().unwrap().ends_with(name))
            .unwrap();
        f["report"]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                (
                    d["code"].as_str().unwrap().to_owned(),
                    d["path"].as_str().unwrap().to_owned(),
                )
            })
            .collect::<Vec<_>>()
    };
    let pairs = |list: &[(&str, &str)]| {
        list.iter()
            .map(|(c, p)| ((*c).to_owned(), (*p).to_owned()))
            .collect::<Vec<_>>()
    };
    // The same findings, in the same order, as core/tests/example_plans.rs.
    assert_eq!(
        by_file("mesa_cui_2024_fechas.json"),
        pairs(&[
            ("unbounded_event", "/activities/0/end"),
            ("end_before_start", "/activities/1/end"),
            ("outside_plan_period", "/activities/2/end"),
        ])
    );
    assert_eq!(
        by_file("mesa_pro_2024_codigos.json"),
        pairs(&[
            ("unknown_code", "/activities/0/participants/0"),
            ("unknown_code", "/activities/0/participants/2"),
            ("unknown_guideline", "/activities/0/guidelines/1"),
            ("unknown_code", "/activities/0/gcm_objectives/1"),
            ("retired_guideline", "/activities/1/guidelines/1"),
        ])
    );
    assert_eq!(
        by_file("mesa_dat_2024_version.json"),
        pairs(&[("unknown_code", "/guideline_version")])
    );
    let pro = files
        .iter()
        .find(|f| {
            f["file"]
                .as_str()
                .unwrap()
                .ends_with("mesa_pro_2024_codigos.json")
        })
        .unwrap();
    let first = &pro["report"]["diagnostics"][0];
    assert_eq!(first["suggestion"], "GTM");
    assert_eq!(first["severity"], "error");
    assert!(first["message"].as_str().unwrap().contains("Guatemla"));
    assert!(
        pro["report"]["pins"]["catalog_hash"]
            .as_str()
            .unwrap()
            .starts_with("sha256:")
    );
}

#[test]
fn validate_merge_adds_the_general_plan() {
    let plans = [
        "examples/plans/mesa_vcm_2024.json",
        "examples/plans/mesa_emp_2024.json",
        "examples/plans/mesa_for_2024_eje.json",
    ];
    let mut args = vec![
        "validate",
        "--merge",
        "--as-of",
        "2024-06-01",
        "--lang",
        "en",
    ];
    args.extend(plans);
    let r = run(&args);
    assert_eq!(r.code, 1, "{}", r.stdout);
    assert!(
        r.stdout
            .contains("info[axis_not_covered]: Axis CUI has no activity.\n --> general plan\n")
    );
    assert!(
        r.stdout
            .contains("== Axis coverage of the general plan (guidelines 2023) ==")
    );
    assert!(
        r.stdout
            .contains("general plan: 0 errors, 0 warnings, 5 infos")
    );
    // Findings already shown for a plan are not repeated for the general plan.
    assert_eq!(
        r.stdout.matches("Secretaría Técnica").count(),
        1,
        "{}",
        r.stdout
    );

    let mut args = vec![
        "validate",
        "--merge",
        "--as-of",
        "2024-06-01",
        "--format",
        "json",
    ];
    args.extend(plans);
    let v = run(&args).json();
    let general = &v["general"];
    let codes: Vec<&str> = general["report"]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"axis_not_covered"));
    let unknown = general["report"]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "unknown_code")
        .unwrap();
    assert_eq!(unknown["path"], "/plans/2/activities/1/lead");
    assert_eq!(general["plan"]["coverage"].as_array().unwrap().len(), 10);
    assert_eq!(general["plan"]["plans"].as_array().unwrap().len(), 3);
}

#[test]
fn validate_rules_file_and_as_of() {
    let dir = temp_dir();
    let rules = write_json(
        &dir,
        "rules.json",
        &json!({"as_of": "2024-06-01", "rules": {"no_indicator": "off", "lead_count": "warning"}}),
    );
    let plan = "examples/plans/mesa_tra_2024_incompleto.json";
    let v = run(&["validate", plan, "--rules", &rules, "--format", "json"]).json();
    assert_eq!(v["as_of"], "2024-06-01");
    let report = &v["files"][0]["report"];
    let codes: Vec<(&str, &str)> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["code"].as_str().unwrap(), d["severity"].as_str().unwrap()))
        .collect();
    assert!(
        !codes.iter().any(|(c, _)| *c == "no_indicator"),
        "{codes:?}"
    );
    assert!(codes.contains(&("lead_count", "warning")), "{codes:?}");
    // --as-of wins over the file's as_of.
    let v = run(&[
        "validate",
        plan,
        "--rules",
        &rules,
        "--as-of",
        "2025-01-31",
        "--format",
        "json",
    ])
    .json();
    assert_eq!(v["as_of"], "2025-01-31");
    // Without either, today.
    let v = run(&["validate", plan, "--format", "json"]).json();
    assert_eq!(v["as_of"].as_str().unwrap().len(), 10);
}

/// Every shared plan vector (validate_plan, merge_plans) gives through the command line what
/// it gives through the library: the options go in a `--rules` file.
#[test]
fn plan_vectors_through_the_command_line() {
    let mut ran = 0;
    for (name, case) in vectors("plans") {
        let kind = case["kind"].as_str().unwrap();
        if kind == "review_guidelines" {
            continue; // not a command of the tool
        }
        let dir = temp_dir();
        let mut args: Vec<String> = vec!["validate".into(), "--format".into(), "json".into()];
        args.push("--rules".into());
        args.push(write_json(&dir, "rules.json", &case["options"]));
        args.extend(catalog_args(&case, &dir));
        match kind {
            "validate_plan" => args.push(write_json(&dir, "plan.json", &case["input"])),
            // The tool validates at least one file.
            "merge_plans" if case["inputs"].as_array().unwrap().is_empty() => continue,
            "merge_plans" => {
                args.push("--merge".into());
                for (i, plan) in case["inputs"].as_array().unwrap().iter().enumerate() {
                    args.push(write_json(&dir, &format!("plan{i}.json"), plan));
                }
            }
            other => panic!("{name}: unknown kind {other}"),
        }
        let argv: Vec<&str> = args.iter().map(String::as_str).collect();
        let r = run(&argv);
        let v = r.json();
        let expected = &case["expected"];
        let report = if kind == "merge_plans" {
            &v["general"]["report"]
        } else {
            &v["files"][0]["report"]
        };
        let (got, want) = findings(&report["diagnostics"], &expected["diagnostics"]);
        assert_eq!(got, want, "{name}");
        if let Some(ok) = expected.get("ok") {
            assert_eq!(&report["ok"], ok, "{name}");
            assert_eq!(r.code, if ok == true { 0 } else { 1 }, "{name}");
        }
        if let Some(summary) = expected.get("summary") {
            assert_eq!(&report["summary"], summary, "{name}");
        }
        if let Some(coverage) = expected.get("coverage").and_then(Value::as_object) {
            let rows = v["general"]["plan"]["coverage"].as_array().unwrap();
            for (axis, count) in coverage {
                let got = rows
                    .iter()
                    .find(|r| r["axis"] == axis.as_str())
                    .map_or(0, |r| r["activities"].as_array().unwrap().len());
                assert_eq!(json!(got), *count, "{name}: coverage of {axis}");
            }
        }
        ran += 1;
    }
    assert!(ran >= 45, "{ran}");
}

// ---------------------------------------------------------------------------------------
// import

#[test]
fn import_prints_the_accounting_and_every_finding_at_its_cell() {
    let r = run(&[
        "import",
        "examples/data/matriz_seguimiento.csv",
        "--lang",
        "en",
    ]);
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    assert!(r.stdout.starts_with(
        "examples/data/matriz_seguimiento.csv: 24 rows read, 21 accepted, 3 rejected (rows 7, 12, 19)\n\
         delimiter ';' · encoding utf-8 · guidelines 2023\n"
    ), "{}", r.stdout);
    assert!(
        r.stdout.contains(
            "error[unknown_code]: Unknown country code: \"Guatemla\". Did you mean \"GTM\"?\n \
         --> examples/data/matriz_seguimiento.csv:row 7, column \"País\"\n \
         = help: did you mean \"GTM\"?\n"
        ),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains(" --> examples/data/matriz_seguimiento.csv:row 1\n")
    );
    assert!(
        r.stdout.ends_with("total: 3 errors, 10 warnings, 1 info\n"),
        "{}",
        r.stdout
    );

    let r = run(&["import", "examples/data/matriz_seguimiento.csv"]);
    assert!(
        r.stdout
            .contains("24 filas leídas, 21 aceptadas, 3 rechazadas (filas 7, 12, 19)")
    );
    assert!(r.stdout.contains(":fila 7, columna \"País\"\n"));
}

#[test]
fn import_as_json() {
    let r = run(&[
        "import",
        "examples/data/matriz_seguimiento.csv",
        "--format",
        "json",
    ]);
    assert_eq!(r.code, 1);
    let v = r.json();
    assert_eq!(v["command"], "import");
    assert_eq!(v["ok"], false);
    let report = &v["report"];
    assert_eq!(
        (
            &report["rows_read"],
            &report["accepted"],
            &report["rejected"]
        ),
        (&json!(24), &json!(21), &json!(3))
    );
    assert_eq!(report["rejected_rows"], json!([7, 12, 19]));
    assert_eq!(report["delimiter"], ";");
    assert_eq!(report["lang"], "es");
    let errors: Vec<(String, u64, String)> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "error")
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_owned(),
                d["row"].as_u64().unwrap(),
                d["column"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        errors,
        [
            ("unknown_code".to_owned(), 7, "País".to_owned()),
            ("invalid_date".to_owned(), 12, "Fecha de reporte".to_owned()),
            ("duplicate_id".to_owned(), 19, "ID".to_owned()),
        ]
    );
}

#[test]
fn import_reads_xls_and_ods_workbooks_as_their_xlsx_original() {
    let report = |path: &str| {
        let r = run(&["import", path, "--format", "json"]);
        assert_eq!(r.code, 1, "{path}: the sample has bad rows");
        r.json()["report"].clone()
    };
    let original = report("examples/data/matriz_seguimiento.xlsx");
    assert!(original["accepted"].as_u64().unwrap() > 0);
    for copy in [
        "examples/data/formats/matriz_seguimiento.xls",
        "examples/data/formats/matriz_seguimiento.ods",
        // an .xls named .xlsx: read by its bytes
        "tests/bad-inputs/xls/good-named-xlsx.xlsx",
    ] {
        if copy.ends_with("good-named-xlsx.xlsx") {
            let r = run(&["import", copy, "--format", "json"]);
            assert_eq!(r.json()["report"]["accepted"], 5, "{copy}");
        } else {
            assert_eq!(report(copy), original, "{copy}");
        }
    }
}

#[test]
fn import_xlsx_and_options() {
    let r = run(&[
        "import",
        "examples/data/matriz_seguimiento.xlsx",
        "--format",
        "json",
    ]);
    assert_eq!(r.code, 1);
    let v = r.json();
    let bad = v["report"]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "unknown_code")
        .unwrap();
    assert_eq!(
        (bad["row"].as_u64(), bad["value"].as_str()),
        (Some(7), Some("Atlantis"))
    );

    // --strict rejects the rows with warnings too.
    let lenient = run(&[
        "import",
        "examples/data/matriz_seguimiento.csv",
        "--format",
        "json",
    ])
    .json();
    let strict = run(&[
        "import",
        "examples/data/matriz_seguimiento.csv",
        "--strict",
        "--format",
        "json",
    ])
    .json();
    assert!(strict["report"]["rejected"].as_u64() > lenient["report"]["rejected"].as_u64());

    // --max-diagnostics keeps the first findings (and file-level ones), counts them all.
    let r = run(&[
        "import",
        "examples/data/matriz_seguimiento.csv",
        "--max-diagnostics",
        "2",
        "--lang",
        "en",
    ]);
    assert_eq!(r.code, 1);
    assert!(
        r.stdout
            .contains("more findings are not listed (--max-diagnostics)")
    );
    assert!(
        r.stdout.contains("total: 3 errors, 10 warnings, 1 info"),
        "{}",
        r.stdout
    );
    let v = run(&[
        "import",
        "examples/data/matriz_seguimiento.csv",
        "--max-diagnostics",
        "2",
        "--format",
        "json",
    ])
    .json();
    assert!(v["report"]["diagnostics_truncated"].as_u64().unwrap() > 0);
    let v = run(&[
        "import",
        "examples/data/matriz_seguimiento.csv",
        "--max-diagnostics",
        "null",
        "--format",
        "json",
    ])
    .json();
    assert_eq!(v["report"]["diagnostics_truncated"], 0);
    // 3 errors, 2 warnings and 1 info of the sample's planted mistakes, and 8
    // unknown_institution warnings: its institutions are fictitious.
    let all = v["report"]["diagnostics"].as_array().unwrap();
    assert_eq!(all.len(), 14);
    assert_eq!(
        all.iter()
            .filter(|d| d["code"] == "unknown_institution")
            .count(),
        8
    );
}

#[test]
fn import_out_writes_the_accepted_entries_that_import_again() {
    let dir = temp_dir();
    for (name, lang) in [("entries.csv", "es"), ("entries.xlsx", "en")] {
        let out = dir.join(name);
        let out = out.to_str().unwrap();
        let r = run(&[
            "import",
            "examples/data/matriz_seguimiento.csv",
            "--out",
            out,
            "--lang",
            lang,
        ]);
        assert_eq!(r.code, 1);
        assert!(r.stdout.contains(&format!("{out} (21 ")), "{}", r.stdout);
        // The file holds the 21 accepted entries, and they import without a finding.
        let again = run(&["import", out, "--format", "json"]);
        assert_eq!(again.code, 0, "{}", again.stdout);
        let report = &again.json()["report"];
        assert_eq!(
            (report["accepted"].as_u64(), report["rejected"].as_u64()),
            (Some(21), Some(0))
        );
    }
    let r = run(&[
        "import",
        "examples/data/matriz_seguimiento.csv",
        "--out",
        "x.pdf",
    ]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.starts_with("error[invalid_value]: "),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("(option --out)"));
}

/// Every shared import vector gives through the command line what it gives through the
/// library.
#[test]
fn import_vectors_through_the_command_line() {
    let mut ran = 0;
    for (name, case) in vectors("matrix") {
        if case["kind"] != "import_csv" {
            continue;
        }
        let dir = temp_dir();
        let text = case["input_csv"].as_str().unwrap();
        let bytes: Vec<u8> = if case["input_encoding"] == "latin-1" {
            text.chars()
                .map(|c| u8::try_from(u32::from(c)).unwrap())
                .collect()
        } else {
            text.as_bytes().to_vec()
        };
        let file = write(&dir, "matrix.csv", bytes);
        let mut args = vec!["import".to_owned(), file, "--format".into(), "json".into()];
        args.extend(catalog_args(&case, &dir));
        for (key, value) in case["options"].as_object().into_iter().flatten() {
            let flag = format!("--{}", key.replace('_', "-"));
            match value {
                Value::Bool(true) => args.push(flag),
                Value::Bool(false) | Value::Null => {}
                Value::String(s) => args.extend([flag, s.clone()]),
                other => args.extend([flag, other.to_string()]),
            }
        }
        let argv: Vec<&str> = args.iter().map(String::as_str).collect();
        let r = run(&argv);
        let report = &r.json()["report"];
        let expected = &case["expected"];
        for key in [
            "rows_read",
            "accepted",
            "rejected",
            "rejected_rows",
            "encoding",
            "delimiter",
        ] {
            if let Some(want) = expected.get(key) {
                assert_eq!(&report[key], want, "{name}: {key}");
            }
        }
        let (got, want) = findings(&report["diagnostics"], &expected["diagnostics"]);
        assert_eq!(got, want, "{name}");
        assert_eq!(
            r.code,
            if report["rejected"] == 0 && report["summary"]["errors"] == 0 {
                0
            } else {
                1
            },
            "{name}"
        );
        ran += 1;
    }
    assert!(ran >= 15, "{ran}");
}

// ---------------------------------------------------------------------------------------
// pivot

#[test]
fn pivot_as_text() {
    let r = run(&[
        "pivot",
        "examples/data/matriz_seguimiento.csv",
        "--rows",
        "country",
        "--cols",
        "axis",
        "--measure",
        "count",
        "--lang",
        "en",
    ]);
    // Three rows of the file were rejected: findings at error level.
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("24 rows read, 21 accepted, 3 rejected"),
        "{}",
        r.stderr
    );
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert!(lines[0].starts_with("Country "), "{}", r.stdout);
    assert!(lines[0].contains(" VCM "), "{}", r.stdout);
    assert!(lines[0].ends_with("Total"));
    let total = lines.iter().find(|l| l.starts_with("Total ")).unwrap();
    assert!(total.ends_with(" 21"), "{total}");
    assert!(
        r.stdout
            .contains("\nVCM = Violence against women and girls\n")
    );
    // Without row dimensions, one line: the totals.
    let r = run(&[
        "pivot",
        "examples/data/matriz_seguimiento.csv",
        "--cols",
        "status",
    ]);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{}", r.stdout);
    assert!(
        lines[0].starts_with("Planificada  En curso  Completada  Total"),
        "{}",
        r.stdout
    );
    assert!(lines[2].ends_with(" 21"), "{}", r.stdout);
}

#[test]
fn pivot_as_json_with_disclosure_control_and_files() {
    let dir = temp_dir();
    let html = dir.join("t.html");
    let html = html.to_str().unwrap();
    let r = run(&[
        "pivot",
        "examples/data/matriz_seguimiento.csv",
        "--rows",
        "country",
        "--cols",
        "axis",
        "--measure",
        "participants_women",
        "--suppress-below",
        "120",
        "--format",
        "json",
        "--out",
        html,
    ]);
    assert_eq!(r.code, 1);
    let v = r.json();
    assert_eq!(v["command"], "pivot");
    assert_eq!(v["import"]["accepted"], 21);
    let table = &v["table"];
    assert_eq!(table["measure"], "participants_women");
    assert_eq!(table["suppress_below"], 120);
    let cells = table["cells"].as_array().unwrap();
    assert!(cells.iter().any(|c| c["suppressed"] == true));
    for c in cells {
        if c["suppressed"] == true {
            assert_eq!(c["value"], Value::Null);
        } else if let Some(v) = c["value"].as_f64() {
            assert!(v == 0.0 || v >= 120.0, "{c}");
        }
        assert!(c.get("reason").is_none());
    }
    let page = std::fs::read_to_string(html).unwrap();
    assert!(page.contains("<table class=\"lineamientos-pivot\">"));

    let csv = dir.join("t.csv");
    let csv = csv.to_str().unwrap();
    let r = run(&[
        "pivot",
        "examples/data/matriz_seguimiento.csv",
        "--rows",
        "axis",
        "--out",
        csv,
        "--quiet",
    ]);
    assert_eq!((r.code, r.stdout.as_str()), (1, ""));
    let text = std::fs::read_to_string(csv).unwrap();
    assert!(text.starts_with("Eje temático,count,Total"), "{text}");
    // The grand total, then the line that says where the figures come from.
    assert!(text.contains("\nTotal,21,21\n"), "{text}");
    assert!(
        text.trim_end()
            .ends_with("biblioteca lineamientos 0.1.0.\""),
        "{text}"
    );
}

/// Every shared pivot vector gives through the command line what it gives through the
/// library.
#[test]
fn pivot_vectors_through_the_command_line() {
    let codes = |key: &Value| -> Value {
        Value::Array(
            key.as_array()
                .unwrap()
                .iter()
                .map(|p| p["code"].clone())
                .collect(),
        )
    };
    let mut ran = 0;
    for (name, case) in vectors("matrix") {
        if case["kind"] != "pivot" {
            continue;
        }
        let dir = temp_dir();
        let file = write(&dir, "matrix.csv", case["input_csv"].as_str().unwrap());
        let mut args = vec!["pivot".to_owned(), file, "--format".into(), "json".into()];
        args.extend(catalog_args(&case, &dir));
        for (key, value) in case["pivot"].as_object().unwrap() {
            let flag = format!("--{}", key.replace('_', "-"));
            match value {
                Value::Null | Value::Bool(false) => {}
                Value::Bool(true) => args.push(flag),
                Value::Array(list) if list.is_empty() => {}
                Value::Array(list) => args.extend([
                    flag,
                    list.iter()
                        .map(|d| d.as_str().unwrap())
                        .collect::<Vec<_>>()
                        .join(","),
                ]),
                Value::String(s) => args.extend([flag, s.clone()]),
                other => args.extend([flag, other.to_string()]),
            }
        }
        let argv: Vec<&str> = args.iter().map(String::as_str).collect();
        let r = run(&argv);
        let table = &r.json()["table"];
        let rows = table["rows"].as_array().unwrap();
        let cols = table["cols"].as_array().unwrap();
        let expected = &case["expected"];
        let num = |v: &Value| v.as_f64().map(|f| (f * 1e6).round() / 1e6);
        for want in expected["cells"].as_array().unwrap() {
            let got = table["cells"]
                .as_array()
                .unwrap()
                .iter()
                .find(|c| {
                    codes(&rows[c["row"].as_u64().unwrap() as usize]) == want["row"]
                        && codes(&cols[c["col"].as_u64().unwrap() as usize]) == want["col"]
                })
                .unwrap_or_else(|| panic!("{name}: no cell {want}"));
            assert_eq!(num(&got["value"]), num(&want["value"]), "{name}: {want}");
            if let Some(s) = want.get("suppressed") {
                assert_eq!(&got["suppressed"], s, "{name}: {want}");
            }
        }
        assert_eq!(
            table["cells"].as_array().unwrap().len(),
            expected["cells"].as_array().unwrap().len(),
            "{name}: cells"
        );
        for (side, keys, totals) in [("row", rows, "row_totals"), ("col", cols, "col_totals")] {
            for want in expected[totals].as_array().into_iter().flatten() {
                let i = keys.iter().position(|k| codes(k) == want[side]).unwrap();
                assert_eq!(
                    num(&table[totals][i]["value"]),
                    num(&want["value"]),
                    "{name}: {want}"
                );
            }
        }
        if let Some(g) = expected.get("grand_total") {
            assert_eq!(
                num(&table["grand_total"]["value"]),
                num(g),
                "{name}: grand total"
            );
        }
        for (key, keys) in [("rows", rows), ("cols", cols)] {
            if let Some(order) = expected.get(key) {
                let got: Vec<Value> = keys.iter().map(codes).collect();
                assert_eq!(&Value::Array(got), order, "{name}: {key}");
            }
        }
        ran += 1;
    }
    assert!(ran >= 10, "{ran}");
}

// ---------------------------------------------------------------------------------------
// catalog

#[test]
fn catalog_summary_with_sources() {
    let r = run(&["catalog"]);
    assert_eq!(r.code, 0);
    assert!(
        r.stdout.contains("Países Miembros (11): Belice (BLZ)"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("  fuente: CRM member list (crmsv.org); ISO 3166-1\n")
    );
    assert!(
        r.stdout
            .contains("  V    2023-07-06 – 2023-07-07   Panama City, Panamá")
    );
    assert!(
        r.stdout
            .contains("conjunto ilustrativo, no es el texto oficial")
    );

    let r = run(&["catalog", "--lang", "en"]);
    assert!(
        r.stdout.contains("Member states (11): Belize (BLZ)"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("Regional congresses on women in the context of migration")
    );
    assert!(r.stdout.contains("       source: "));

    let v = run(&["catalog", "--format", "json"]).json();
    assert_eq!(v["catalog"]["countries"].as_array().unwrap().len(), 16);
    assert!(v["hash"].as_str().unwrap().starts_with("sha256:"));
    assert_eq!(v["pins"]["catalog_hash"], v["hash"]);

    let r = run(&[
        "catalog",
        "--catalog",
        "examples/json/agency_catalog.json",
        "--lang",
        "en",
    ]);
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains("Version: agencia-2025.1"), "{}", r.stdout);
    // The agency example is marked illustrative (its invented items are not official).
    assert!(
        r.stdout
            .contains("(illustrative set, not the official text)"),
        "{}",
        r.stdout
    );
}

#[test]
fn an_inconsistent_catalogue_is_an_error_with_its_findings() {
    let dir = temp_dir();
    let cat = write_json(
        &dir,
        "catalog.json",
        &json!({"version": "x", "title": {"es": "x", "en": "x"},
                "guideline_sets": [{"version": "1", "provenance": "official",
                  "title": {"es": "x", "en": "x"}, "axes": [],
                  "guidelines": [{"code": "A-1", "axis": "A", "text": {"es": "x", "en": "x"}}]}]}),
    );
    let r = run(&["catalog", "--catalog", &cat, "--lang", "en"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.starts_with("error[invalid_catalog]: "),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains(&format!(" --> {cat}:/guideline_sets/0/guidelines/0/axis")),
        "{}",
        r.stderr
    );
    let v = run(&["catalog", "--catalog", &cat, "--format", "json"]).json();
    assert_eq!(v["error"]["code"], "invalid_catalog");
    assert_eq!(
        v["error"]["diagnostics"][0]["path"],
        "/guideline_sets/0/guidelines/0/axis"
    );
}

// ---------------------------------------------------------------------------------------
// review

/// The files of a cycle vector: the cycle, the matrix and the focal points, the options.
fn cycle_files(case: &Value, dir: &Path) -> Vec<String> {
    let mut args = vec![
        "review".to_owned(),
        write_json(dir, "cycle.json", &case["input"]),
        "--rules".into(),
        write_json(dir, "options.json", &case["options"]),
    ];
    if let Some(csv) = case["matrix_csv"].as_str().filter(|s| !s.is_empty()) {
        args.extend(["--matrix".into(), write(dir, "matrix.csv", csv)]);
    }
    if case["focal_points"].is_array() {
        args.extend([
            "--focal-points".into(),
            write_json(dir, "focal_points.json", &case["focal_points"]),
        ]);
    }
    args
}

fn congress_v() -> Value {
    vectors("cycle")
        .into_iter()
        .find(|(n, _)| n == "cycle-congress-v.json")
        .unwrap()
        .1
}

#[test]
fn review_prints_tables_and_findings() {
    let dir = temp_dir();
    let case = congress_v();
    let mut args = cycle_files(&case, &dir);
    args.extend(["--lang".into(), "en".into()]);
    let argv: Vec<&str> = args.iter().map(String::as_str).collect();
    let r = run(&argv);
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    let out = &r.stdout;
    assert!(
        out.starts_with(
            "== Cycle of the V Congress · period 2024-11-01 – 2025-10-31 · as of 2025-06-01 ==\n"
        ),
        "{out}"
    );
    for heading in [
        "== Activities ==",
        "== Working tables ==",
        "== Agreements ==",
    ] {
        assert!(out.contains(heading), "{heading}");
    }
    let behind = out.lines().find(|l| l.contains(" vcm-1 ")).unwrap();
    assert!(behind.ends_with(" behind"), "{behind}");
    let cycle = dir.join("cycle.json");
    let cycle = cycle.to_str().unwrap();
    assert!(out.contains(&format!(
        "error[end_before_start]: The end date (2025-04-01) is before the start date (2025-04-02).\n --> {cycle}:/events/2/end\n"
    )), "{out}");
    // A finding about a matrix entry names the entry; one about a focal point, the record.
    let matrix = dir.join("matrix.csv");
    assert!(
        out.contains(&format!(
            " --> {}:entry \"E-3\" (/matrix/2/activity)\n = help: did you mean \"vcm-3\"?\n",
            matrix.display()
        )),
        "{out}"
    );
    let focal = dir.join("focal_points.json");
    assert!(
        out.contains(&format!(" --> {}:/0/last_confirmed\n", focal.display())),
        "{out}"
    );
    assert!(out.contains("info[plan_not_approved]: "));
    assert!(
        out.ends_with("total: 3 errors, 29 warnings, 11 infos\n"),
        "{out}"
    );
}

/// Every shared cycle vector gives through the command line what it gives through the
/// library (the options go in a `--rules` file).
#[test]
fn cycle_vectors_through_the_command_line() {
    let mut ran = 0;
    for (name, case) in vectors("cycle") {
        let dir = temp_dir();
        let mut args = cycle_files(&case, &dir);
        args.extend(["--format".into(), "json".into()]);
        let argv: Vec<&str> = args.iter().map(String::as_str).collect();
        let r = run(&argv);
        let v = r.json();
        let review = &v["review"];
        let expected = &case["expected"];
        let (got, want) = findings(&review["report"]["diagnostics"], &expected["diagnostics"]);
        assert_eq!(got, want, "{name}");
        let errors = want.iter().any(|d| d["severity"] == "error");
        assert_eq!(r.code, i32::from(errors), "{name}");
        let activities: Vec<Value> = review["activities"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| {
                json!({"activity_id": a["activity_id"], "approved": a["approved"],
                            "entries": a["entries"], "state": a["state"]})
            })
            .collect();
        assert_eq!(Value::Array(activities), expected["activities"], "{name}");
        let tables: Vec<Value> = review["tables"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| {
                let a = &t["activities"];
                json!({"table": t["table"], "axis": t["axis"], "approval": t["approval"],
                       "approved": t["approved"], "planned": a["planned"], "reported": a["reported"],
                       "behind": a["behind"], "done": a["done"], "not_reported": a["not_reported"]})
            })
            .collect();
        assert_eq!(Value::Array(tables), expected["tables"], "{name}");
        let agreements: Vec<Value> = review["agreements"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| json!({"id": a["id"], "status": a["status"], "days_overdue": a["days_overdue"]}))
            .collect();
        assert_eq!(Value::Array(agreements), expected["agreements"], "{name}");
        let merged: Vec<Value> = review["general_plan"]["plans"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["id"].clone())
            .collect();
        assert_eq!(Value::Array(merged), expected["general_plan"], "{name}");
        for key in ["priority_areas", "entries", "confirmed"] {
            assert_eq!(review[key], expected[key], "{name}: {key}");
        }
        ran += 1;
    }
    assert!(ran >= 5, "{ran}");
}

#[test]
fn focal_points_names_and_emails_are_never_printed() {
    let dir = temp_dir();
    let case = congress_v();
    let mut args = cycle_files(&case, &dir);
    // The example directory has names and emails.
    let i = args.iter().position(|a| a == "--focal-points").unwrap();
    args[i + 1] = root()
        .join("examples/json/focal_points.json")
        .display()
        .to_string();
    let secrets = ["Nombre Ficticio", "enlace1@example.org", "@"];
    for format in ["text", "json"] {
        for lang in ["es", "en"] {
            let mut a = args.clone();
            a.extend([
                "--format".into(),
                format.into(),
                "--lang".into(),
                lang.into(),
            ]);
            let argv: Vec<&str> = a.iter().map(String::as_str).collect();
            let r = run(&argv);
            assert_eq!(r.code, 1);
            for s in secrets {
                assert!(!r.stdout.contains(s), "{format} {lang}: {s}");
                assert!(!r.stderr.contains(s), "{format} {lang}: {s}");
            }
        }
    }
    // Nor the vector's own directory (names without emails).
    let mut a = cycle_files(&case, &dir);
    a.extend(["--format".into(), "json".into()]);
    let argv: Vec<&str> = a.iter().map(String::as_str).collect();
    let r = run(&argv);
    assert!(!r.stdout.contains("Persona Ficticia"));
}

// ---------------------------------------------------------------------------------------
// bad input: status 2, the library's error code, no panic

/// Runs a command that must fail with `code`; returns the JSON error.
fn fails(args: &[&str], code: &str) -> Value {
    let r = run(args);
    assert_eq!(r.code, 2, "{args:?}: {}{}", r.stdout, r.stderr);
    assert!(
        r.stderr.starts_with(&format!("error[{code}]: ")),
        "{args:?}: {}",
        r.stderr
    );
    assert_eq!(r.stderr.lines().count(), 1, "one line: {}", r.stderr);
    let mut json_args = args.to_vec();
    json_args.extend(["--format", "json"]);
    let r = run(&json_args);
    assert_eq!(r.code, 2);
    let v = r.json();
    assert_eq!(v["error"]["code"], code, "{args:?}");
    v["error"].clone()
}

#[test]
fn a_missing_file_is_an_io_error() {
    let e = fails(&["validate", "no/such/plan.json"], "io_error");
    assert_eq!(e["file"], "no/such/plan.json");
    fails(&["import", "no/such/matrix.csv"], "io_error");
    fails(
        &["review", "no/such/cycle.json", "--as-of", "2025-06-01"],
        "io_error",
    );
    fails(
        &["catalog", "--catalog", "no/such/catalog.json"],
        "io_error",
    );
}

#[test]
fn invalid_json_has_line_column_and_path() {
    let dir = temp_dir();
    let plan = write(
        &dir,
        "plan.json",
        "{\n  \"id\": \"p\",\n  \"activities\": [{\"start\": \"2024-02-30\"}]\n}\n",
    );
    let r = run(&["validate", &plan, "--as-of", "2024-06-01"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .starts_with(&format!("error[invalid_json]: {plan}: invalid JSON: "))
    );
    assert!(
        r.stderr
            .trim_end()
            .ends_with("(line 3, column 39, path /activities/0/start)"),
        "{}",
        r.stderr
    );
    let e = fails(
        &["validate", &plan, "--as-of", "2024-06-01"],
        "invalid_json",
    );
    assert_eq!(e["details"]["path"], "/activities/0/start");
    assert_eq!(e["details"]["line"], 3);
    let broken = write(&dir, "broken.json", "{\"id\": ");
    fails(
        &["validate", &broken, "--as-of", "2024-06-01"],
        "invalid_json",
    );
    fails(
        &["review", &broken, "--as-of", "2024-06-01"],
        "invalid_json",
    );
    fails(&["catalog", "--catalog", &broken], "invalid_json");
    let latin = write(&dir, "latin.json", b"{\"id\": \"Mar\xeda\"}");
    fails(
        &["validate", &latin, "--as-of", "2024-06-01"],
        "invalid_json",
    );
    let rules = write(&dir, "rules.json", "[1,");
    let e = fails(
        &[
            "validate",
            "examples/plans/mesa_vcm_2024.json",
            "--rules",
            &rules,
        ],
        "invalid_json",
    );
    assert_eq!(e["file"], rules.as_str());
}

#[test]
fn bad_option_values_are_the_librarys_invalid_value() {
    let plan = "examples/plans/mesa_vcm_2024.json";
    let matrix = "examples/data/matriz_seguimiento.csv";
    for (args, field, flag) in [
        (
            vec!["validate", plan, "--as-of", "2024-13-01"],
            "as_of",
            "--as-of",
        ),
        (
            vec!["validate", plan, "--as-of", "1 June 2024"],
            "as_of",
            "--as-of",
        ),
        (
            vec![
                "review",
                "examples/json/focal_points.json",
                "--as-of",
                "junio",
            ],
            "as_of",
            "--as-of",
        ),
        (
            vec!["review", "examples/json/focal_points.json"],
            "as_of",
            "--as-of",
        ),
        (
            vec!["pivot", matrix, "--measure", "median"],
            "measure",
            "--measure",
        ),
        (vec!["pivot", matrix, "--rows", "planet"], "rows", "--rows"),
        (
            vec!["pivot", matrix, "--rows", "period", "--period", "fortnight"],
            "period",
            "--period",
        ),
        (
            vec![
                "pivot",
                matrix,
                "--suppress-below",
                "-3",
                "--measure",
                "participants",
            ],
            "suppress_below",
            "--suppress-below",
        ),
        (
            vec!["import", matrix, "--max-diagnostics", "many"],
            "max_diagnostics",
            "--max-diagnostics",
        ),
        (
            vec!["import", matrix, "--max-rows", "-5"],
            "max_rows",
            "--max-rows",
        ),
        (
            vec!["import", matrix, "--delimiter", ";;"],
            "delimiter",
            "--delimiter",
        ),
        (vec!["catalog", "--lang", "fr"], "lang", "--lang"),
    ] {
        let e = fails(&args, "invalid_value");
        assert_eq!(e["details"]["field"], field, "{args:?}");
        assert_eq!(e["option"], flag, "{args:?}");
        let r = run(&args);
        assert!(
            r.stderr.contains(&format!("(option {flag})")),
            "{}",
            r.stderr
        );
    }
    let e = fails(
        &["pivot", matrix, "--rows", "country,contry"],
        "invalid_value",
    );
    assert_eq!(e["details"]["path"], "/rows/1");
    assert_eq!(e["details"]["suggestion"], "country");
    let dir = temp_dir();
    let rules = write_json(
        &dir,
        "rules.json",
        &json!({"as_of": "2024-06-01", "rules": {"no_indicatr": "off"}}),
    );
    let e = fails(&["validate", plan, "--rules", &rules], "invalid_value");
    assert_eq!(e["file"], rules.as_str());
    assert_eq!(e["details"]["path"], "/rules/no_indicatr");
    assert_eq!(e["details"]["suggestion"], "no_indicator");
}

/// The shared error vectors of the calls the tool has (validate, import, pivot): the same
/// error code and details through the command line as through the library.
#[test]
fn error_vectors_through_the_command_line() {
    let mut ran = 0;
    for (name, case) in vectors("errors") {
        let call = case["call"].as_str().unwrap();
        let args_v = case["args"].as_object().unwrap();
        // Not commands of the tool; an unknown option has no flag (the usage error is
        // clap's); without as_of the tool validates as of today.
        if !["validate_plan", "import_csv", "pivot"].contains(&call)
            || name == "validate-as-of-missing.json"
            || args_v.keys().any(|k| {
                ![
                    "rows",
                    "cols",
                    "measure",
                    "period",
                    "suppress_below",
                    "delimiter",
                    "max_rows",
                    "strict",
                    "as_of",
                    "rules",
                    "max_event_days",
                    "review_interval_days",
                    "max_event_dayz",
                ]
                .contains(&k.as_str())
            })
        {
            continue;
        }
        let dir = temp_dir();
        let mut args: Vec<String> = Vec::new();
        if call == "validate_plan" {
            let plan = match &case["input"] {
                Value::String(s) => write(&dir, "plan.json", s),
                other => write_json(&dir, "plan.json", other),
            };
            args.extend([
                "validate".into(),
                plan,
                "--rules".into(),
                write_json(&dir, "rules.json", &case["args"]),
            ]);
        } else {
            let csv = write(&dir, "matrix.csv", case["input"].as_str().unwrap());
            args.extend([
                if call == "pivot" { "pivot" } else { "import" }.to_owned(),
                csv,
            ]);
            for (key, value) in args_v {
                let flag = format!("--{}", key.replace('_', "-"));
                match value {
                    Value::Bool(true) => args.push(flag),
                    Value::String(s) => args.extend([flag, s.clone()]),
                    Value::Array(list) => args.extend([
                        flag,
                        list.iter()
                            .map(|d| d.as_str().unwrap())
                            .collect::<Vec<_>>()
                            .join(","),
                    ]),
                    other => args.extend([flag, other.to_string()]),
                }
            }
        }
        let argv: Vec<&str> = args.iter().map(String::as_str).collect();
        let expected = &case["expected"];
        let e = fails(&argv, expected["code"].as_str().unwrap());
        for (key, want) in expected.as_object().unwrap() {
            // Line and column: the tool reads documents as text, so it has them.
            if key == "code" || key == "line" || key == "column" {
                continue;
            }
            assert_eq!(&e["details"][key], want, "{name}: {key}");
        }
        ran += 1;
    }
    assert!(ran >= 15, "{ran}");
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        vec!["validate"],
        vec!["frobnicate"],
        vec![
            "import",
            "examples/data/matriz_seguimiento.csv",
            "--format",
            "yaml",
        ],
        vec!["import", "examples/data/matriz_seguimiento.csv", "--strikt"],
    ] {
        let r = run(&args);
        assert_eq!(r.code, 2, "{args:?}");
        assert!(r.stderr.starts_with("error: "), "{args:?}: {}", r.stderr);
    }
    // Without a command: the help, on standard error, status 2.
    let r = run(&[]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("Usage: lineamientos [OPTIONS] <COMMAND>"));
    let r = run(&["--help"]);
    assert_eq!(r.code, 0);
    assert!(
        r.stdout
            .contains("Exit status: 0 no finding at error level")
    );
    let r = run(&["review", "--help"]);
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains("--focal-points"));
    let r = run(&["--version"]);
    assert_eq!((r.code, r.stdout.trim()), (0, "lineamientos 0.1.0"));
}

// ---------------------------------------------------------------------------------------
// output

#[test]
fn quiet_prints_nothing_and_keeps_the_status() {
    let r = run(&[
        "validate",
        "examples/plans/mesa_cui_2024_fechas.json",
        "--as-of",
        "2024-06-01",
        "-q",
    ]);
    assert_eq!((r.code, r.stdout.as_str(), r.stderr.as_str()), (1, "", ""));
    let r = run(&["catalog", "--quiet"]);
    assert_eq!((r.code, r.stdout.as_str()), (0, ""));
    // A fatal error is still printed.
    let r = run(&["validate", "nothing.json", "-q"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.starts_with("error[io_error]: "));
}

#[test]
fn colours_only_when_asked_or_on_a_terminal() {
    let args = [
        "validate",
        "examples/plans/mesa_cui_2024_fechas.json",
        "--as-of",
        "2024-06-01",
    ];
    // Piped: plain (checked by `run` for every run of these tests).
    assert!(!run(&args).stdout.contains('\x1b'));
    // Forced: colour codes, so the check above means something.
    let forced = run_with(&args, &[("CLICOLOR_FORCE", "1")]);
    assert!(forced.stdout.contains("\x1b["), "{}", forced.stdout);
    // NO_COLOR wins.
    let none = run_with(&args, &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]);
    assert!(!none.stdout.contains('\x1b'));
}

// ---- report ----

#[test]
fn report_without_input_runs_on_the_bundled_cycle() {
    let dir = temp_dir();
    let out = dir.join("report");
    let r = run(&["report", "--out", out.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(r.stdout.contains("ilustrativos"), "{}", r.stdout);
    assert!(r.stdout.contains("report.html"), "{}", r.stdout);
    for file in [
        "report.html",
        "report.md",
        "activities.csv",
        "tables.csv",
        "axes.csv",
        "agreements.csv",
        "events.csv",
        "actions.csv",
        "entries_by_country_axis.csv",
        "participants_by_country_axis.csv",
        "participants_by_country_axis.xlsx",
    ] {
        assert!(out.join(file).is_file(), "{file}");
    }
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    assert!(html.contains("Ilustrativo") && html.contains("<svg"));
    let activities = std::fs::read_to_string(out.join("activities.csv")).unwrap();
    assert!(activities.starts_with("plan_id,table,axis,activity_id,"));
    assert!(
        activities
            .lines()
            .any(|l| l.contains("vcm-02") && l.contains(",behind,"))
    );
    // Personal data of focal points in no file.
    for entry in std::fs::read_dir(&out).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "xlsx") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            !text.contains("Persona Ficticia") && !text.contains("@ejemplo"),
            "{}",
            path.display()
        );
    }
}

#[test]
fn report_as_json_in_english_and_the_same_figures_as_the_library() {
    let dir = temp_dir();
    let r = run(&[
        "report",
        "--format",
        "json",
        "--lang",
        "en",
        "--out",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let doc = r.json();
    assert_eq!(doc["illustrative"], json!(["guidelines", "data"]));
    assert_eq!(doc["figures"]["members_silent"], json!(["USA", "NIC"]));
    // The shared report vector holds the figures every language computes.
    let vector: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("tests/vectors/report/report-bundled-cycle.json"))
            .unwrap(),
    )
    .unwrap();
    assert_eq!(doc["figures"], vector["expected"]["figures"]);
    assert_eq!(
        doc["pins"]["cycle_hash"],
        vector["expected"]["pins"]["cycle_hash"]
    );
    assert_eq!(
        doc["pins"]["matrix_hash"],
        vector["expected"]["pins"]["matrix_hash"]
    );
    let html = std::fs::read_to_string(dir.join("report.html")).unwrap();
    assert!(html.contains("<html lang=\"en\">") && html.contains("Illustrative"));
}

#[test]
fn report_on_a_cycle_directory_and_bad_input() {
    let dir = temp_dir();
    let case: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("tests/vectors/cycle/cycle-congress-v.json")).unwrap(),
    )
    .unwrap();
    write_json(&dir, "cycle.json", &case["input"]);
    write(&dir, "matrix.csv", case["matrix_csv"].as_str().unwrap());
    write_json(&dir, "focal_points.json", &case["focal_points"]);
    let out = dir.join("out");
    let r = run(&[
        "report",
        dir.to_str().unwrap(),
        "--as-of",
        "2025-06-01",
        "--out",
        out.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let doc = r.json();
    assert_eq!(doc["figures"]["entries"], 4);
    assert_eq!(doc["illustrative"], json!(["guidelines"]));
    assert!(
        doc["actions"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["rule"] == "support_activity_behind")
    );
    // A congress other than the document's, a bad date, a missing directory: exit 2.
    let r = run(&[
        "report",
        dir.to_str().unwrap(),
        "--congress",
        "IV",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("invalid_value") && r.stderr.contains("--congress"),
        "{}",
        r.stderr
    );
    // Not an edition at all: the same coded error, naming the flag.
    let r = run(&[
        "report",
        dir.to_str().unwrap(),
        "--congress",
        "0",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("invalid_value") && r.stderr.contains("--congress"),
        "{}",
        r.stderr
    );
    let r = run(&[
        "report",
        dir.to_str().unwrap(),
        "--as-of",
        "2025-02-30",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("invalid_value") && r.stderr.contains("--as-of"),
        "{}",
        r.stderr
    );
    let r = run(&["report", dir.join("nothing").to_str().unwrap()]);
    assert_eq!(r.code, 2);
    let r = run(&[
        "report",
        "--suppress-below",
        "0",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("suppress_below") || r.stderr.contains("--suppress-below"),
        "{}",
        r.stderr
    );
}

#[test]
fn report_reads_plans_and_approvals_of_a_cycle_directory() {
    let dir = temp_dir();
    let case: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("tests/vectors/cycle/cycle-congress-v.json")).unwrap(),
    )
    .unwrap();
    let mut doc = case["input"].clone();
    let plans = doc.as_object_mut().unwrap().remove("plans").unwrap();
    let approvals = doc.as_object_mut().unwrap().remove("approvals").unwrap();
    write_json(&dir, "cycle.json", &doc);
    std::fs::create_dir_all(dir.join("plans")).unwrap();
    std::fs::create_dir_all(dir.join("approvals")).unwrap();
    for (i, p) in plans.as_array().unwrap().iter().enumerate() {
        write_json(&dir.join("plans"), &format!("{i}.json"), p);
    }
    for (i, a) in approvals.as_array().unwrap().iter().enumerate() {
        write_json(&dir.join("approvals"), &format!("{i}.json"), a);
    }
    write(&dir, "matrix.csv", case["matrix_csv"].as_str().unwrap());
    let out = dir.join("out");
    let r = run(&[
        "report",
        dir.to_str().unwrap(),
        "--as-of",
        "2025-06-01",
        "--format",
        "json",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let doc = r.json();
    assert_eq!(doc["figures"]["plans"], 2);
    assert_eq!(doc["figures"]["plans_approved"], 1);
    // A broken plan file: exit 2, naming the file.
    write(&dir.join("plans"), "9.json", "{\"id\": 3");
    let r = run(&[
        "report",
        dir.to_str().unwrap(),
        "--as-of",
        "2025-06-01",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("invalid_json") && r.stderr.contains("9.json"),
        "{}",
        r.stderr
    );
}
