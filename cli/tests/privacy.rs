//! The command line keeps focal points' names and emails out of everything it prints and
//! writes (report files, review, errors), and its spreadsheet files neutralise text that
//! would run as a formula.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // test code

use serde_json::{Value, json};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

const NAME: &str = "ZZPRIVATENAME";
/// What must not appear, searched without case (emails are numbered: `zz.private+3@...`).
const MARKERS: [&str; 2] = ["zzprivatename", "zz.private"];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Runs the binary; returns (status, stdout, stderr).
fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_lineamientos"))
        .args(args)
        .current_dir(root())
        .output()
        .unwrap();
    let r = (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    );
    assert!(!r.2.contains("panicked"), "{args:?}: {}", r.2);
    r
}

#[track_caller]
fn assert_clean(what: &str, text: &str) {
    let lower = text.to_lowercase();
    for m in MARKERS {
        assert!(!lower.contains(m), "{what} quotes personal data:\n{text}");
    }
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("privacy-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn bundled(name: &str) -> String {
    std::fs::read_to_string(root().join("examples/cycle").join(name)).unwrap()
}

/// The bundled cycle in `dir`, every focal point's name and email replaced by markers, and
/// an activity title and an agreement's owner that would run as formulas.
fn marked_cycle(dir: &Path) {
    let mut points: Value = serde_json::from_str(&bundled("focal_points.json")).unwrap();
    for (i, p) in points.as_array_mut().unwrap().iter_mut().enumerate() {
        p["name"] = json!(format!("{NAME} {i}"));
        p["email"] = json!(format!("zz.private+{i}@example.org"));
    }
    std::fs::write(dir.join("focal_points.json"), points.to_string()).unwrap();
    let mut cycle: Value = serde_json::from_str(&bundled("cycle.json")).unwrap();
    cycle["plans"][0]["activities"][0]["title"] =
        json!("=HYPERLINK(\"http://example.invalid\",\"Curso\")");
    cycle["agreements"][0]["responsible"] = json!(["@SUM(1+1)", "CRI"]);
    std::fs::write(dir.join("cycle.json"), cycle.to_string()).unwrap();
    std::fs::write(dir.join("matrix.csv"), bundled("matrix.csv")).unwrap();
}

/// Every file of `dir` as text (XLSX workbooks: their parts, uncompressed).
fn files(dir: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.ends_with(".xlsx") {
            let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
            for i in 0..zip.len() {
                let mut s = String::new();
                zip.by_index(i).unwrap().read_to_string(&mut s).unwrap();
                out.push((format!("{name}:{i}"), s));
            }
        } else {
            out.push((name, String::from_utf8(bytes).unwrap()));
        }
    }
    out
}

#[test]
fn report_and_review_print_and_write_no_personal_data() {
    let dir = temp_dir("cycle");
    marked_cycle(&dir);
    let input = dir.to_str().unwrap();
    for (i, extra) in [vec![], vec!["--format", "json", "--lang", "en"]]
        .into_iter()
        .enumerate()
    {
        let out = dir.join(format!("out{i}"));
        let mut args = vec![
            "report",
            input,
            "--as-of",
            "2024-06-30",
            "--out",
            out.to_str().unwrap(),
        ];
        args.extend(extra);
        let (code, stdout, stderr) = run(&args);
        assert_eq!(code, 0, "{stdout}{stderr}");
        assert_clean("report's output", &(stdout + &stderr));
        let written = files(&out);
        assert!(written.len() >= 12, "{:?}", written.len());
        for (name, text) in &written {
            assert_clean(name, text);
        }
    }
    let cycle = dir.join("cycle.json");
    let focal = dir.join("focal_points.json");
    let matrix = dir.join("matrix.csv");
    for format in ["text", "json"] {
        let (code, stdout, stderr) = run(&[
            "review",
            cycle.to_str().unwrap(),
            "--matrix",
            matrix.to_str().unwrap(),
            "--focal-points",
            focal.to_str().unwrap(),
            "--as-of",
            "2024-06-30",
            "--confirm-focal-points",
            "--format",
            format,
        ]);
        assert!(code <= 1, "{stdout}{stderr}");
        assert!(stdout.contains("focal_point"), "{stdout}");
        assert_clean("review's output", &(stdout + &stderr));
    }
}

#[test]
fn an_email_in_a_date_field_is_not_quoted_by_the_error() {
    let dir = temp_dir("bad");
    marked_cycle(&dir);
    let focal = dir.join("focal_points.json");
    let mut points: Value =
        serde_json::from_str(&std::fs::read_to_string(&focal).unwrap()).unwrap();
    points[2]["since"] = json!("zz.private@example.org");
    std::fs::write(&focal, serde_json::to_string_pretty(&points).unwrap()).unwrap();
    let cycle = dir.join("cycle.json");
    for format in ["text", "json"] {
        for args in [
            vec!["report", dir.to_str().unwrap(), "--as-of", "2024-06-30"],
            vec![
                "review",
                cycle.to_str().unwrap(),
                "--focal-points",
                focal.to_str().unwrap(),
                "--as-of",
                "2024-06-30",
            ],
        ] {
            let mut args = args.clone();
            let out = dir.join("out");
            if args[0] == "report" {
                args.extend(["--out", out.to_str().unwrap()]);
            }
            args.extend(["--format", format]);
            let (code, stdout, stderr) = run(&args);
            assert_eq!(code, 2, "{stdout}{stderr}");
            let all = stdout + &stderr;
            assert!(
                all.contains("invalid_json") && all.contains("/2/since"),
                "{all}"
            );
            assert!(all.contains("<redacted>"), "{all}");
            assert_clean("the error", &all);
        }
    }
}

/// Whether a spreadsheet would run the cell.
fn runs(cell: &str) -> bool {
    cell.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

#[test]
fn csv_files_of_the_report_import_and_pivot_neutralise_formulas() {
    let dir = temp_dir("formulas");
    marked_cycle(&dir);
    let out = dir.join("out");
    let (code, stdout, stderr) = run(&[
        "report",
        dir.to_str().unwrap(),
        "--as-of",
        "2024-06-30",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    // A matrix whose titles and institutions start like formulas.
    let matrix = "País,Institución,Fecha de reporte,Tipo de registro,Título,Estado,Eje,Mujeres\n\
                  MEX,=cmd|' /C calc'!A0,2024-05-02,Evento,=1+1,En curso,VCM,12\n\
                  GTM,SEPREM,2024-05-03,Evento,-5 mujeres,En curso,VCM,8\n";
    std::fs::write(dir.join("formulas.csv"), matrix).unwrap();
    let input = dir.join("formulas.csv");
    let exported = dir.join("exported.csv");
    let (code, stdout, stderr) = run(&[
        "import",
        input.to_str().unwrap(),
        "--out",
        exported.to_str().unwrap(),
    ]);
    assert!(code <= 1, "{stdout}{stderr}");
    let pivot = out.join("pivot.csv");
    let (code, stdout, stderr) = run(&[
        "pivot",
        input.to_str().unwrap(),
        "--rows",
        "institution",
        "--measure",
        "participants_women",
        "--out",
        pivot.to_str().unwrap(),
    ]);
    assert!(code <= 1, "{stdout}{stderr}");
    std::fs::copy(&exported, out.join("exported.csv")).unwrap();
    let mut checked = 0;
    let mut quoted = Vec::new();
    for (name, text) in files(&out) {
        if !name.ends_with(".csv") {
            continue;
        }
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        for record in rdr.records() {
            for cell in record.unwrap().iter() {
                checked += 1;
                assert!(!runs(cell), "{name}: {cell:?} would run as a formula");
                if cell.starts_with('\'') {
                    quoted.push(cell.to_owned());
                }
            }
        }
    }
    assert!(checked > 500, "{checked}");
    for expected in [
        "'=HYPERLINK(\"http://example.invalid\",\"Curso\")",
        "'@SUM(1+1);CRI",
        "'=1+1",
        "'-5 mujeres",
        "'=cmd|' /C calc'!A0",
    ] {
        assert!(
            quoted.iter().any(|q| q == expected),
            "{expected}: {quoted:?}"
        );
    }
    // The exported matrix reads back to the original text.
    let (code, stdout, _) = run(&["import", exported.to_str().unwrap(), "--format", "json"]);
    assert!(code <= 1, "{stdout}");
    let v: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(v["report"]["accepted"], 2, "{v}");
}
