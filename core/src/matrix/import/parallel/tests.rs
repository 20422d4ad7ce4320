//! The parallel import against the serial one: with blocks of a few bytes, blocks end
//! everywhere (inside quoted cells, between the halves of a CRLF, in title rows), and the
//! result must be the same, entries, intern tables, report and errors alike.

use super::super::csv;
use super::super::limits::Limits;
use super::super::{Importer, Locate};
use crate::matrix::{Entry, ImportOptions, ImportReport};
use crate::{Catalog, Result};
use std::sync::LazyLock;

static CATALOG: LazyLock<Catalog> = LazyLock::new(Catalog::embedded);

thread_local! {
    /// Makes the import act as if the system refused every worker thread (this test thread
    /// only).
    pub(super) static REFUSE_THREADS: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// What an import gives: the entries, the intern tables' names in id order, the report.
type Outcome = (Vec<Entry>, Vec<Vec<String>>, ImportReport);

fn import(
    bytes: &[u8],
    opts: &ImportOptions,
    threads: usize,
    blocks: (usize, usize),
) -> Result<Outcome> {
    let mut imp = Importer::new(&CATALOG, opts, Locate::Sheet)?;
    csv::read(
        bytes,
        &mut imp,
        opts.delimiter,
        &Limits::of(opts),
        threads,
        blocks,
    )?;
    let (store, report) = imp.finish();
    let entries = (0..store.len()).filter_map(|i| store.entry(i)).collect();
    let names = |t: &crate::matrix::store::Interner| {
        (0..t.len())
            .map(|i| t.name(i as u32).to_owned())
            .collect::<Vec<_>>()
    };
    let tables = vec![
        names(&store.countries),
        names(&store.institutions),
        names(&store.axes),
        names(&store.guideline_codes),
        names(&store.activities),
    ];
    Ok((entries, tables, report))
}

/// (threads, block sizes): blocks that end at every line break, and larger ones.
const RUNS: &[(usize, (usize, usize))] =
    &[(2, (1, 1)), (3, (1, 7)), (2, (40, 23)), (3, (300, 150))];

/// Asserts that every parallel reading of `bytes` equals the serial one; returns the
/// serial outcome.
fn same_as_serial(name: &str, bytes: &[u8], opts: &ImportOptions) -> Result<Outcome> {
    same_as_serial_in(name, bytes, opts, RUNS)
}

fn same_as_serial_in(
    name: &str,
    bytes: &[u8],
    opts: &ImportOptions,
    runs: &[(usize, (usize, usize))],
) -> Result<Outcome> {
    let serial = import(bytes, opts, 1, (usize::MAX, usize::MAX));
    for &(threads, sizes) in runs {
        {
            let parallel = import(bytes, opts, threads, sizes);
            match (&serial, &parallel) {
                (Ok(s), Ok(p)) => {
                    assert_eq!(
                        s.2, p.2,
                        "{name}: report, blocks {sizes:?}, {threads} threads"
                    );
                    assert_eq!(s.1, p.1, "{name}: intern tables, blocks {sizes:?}");
                    assert_eq!(s.0, p.0, "{name}: entries, blocks {sizes:?}");
                }
                (Err(s), Err(p)) => {
                    assert_eq!(
                        s.to_string(),
                        p.to_string(),
                        "{name}: error, blocks {sizes:?}"
                    );
                    assert_eq!(s.code(), p.code(), "{name}");
                }
                _ => panic!(
                    "{name}: blocks {sizes:?}, {threads} threads: serial {:?} but parallel {:?}",
                    serial.as_ref().map(|o| o.2.rows_read),
                    parallel.as_ref().map(|o| o.2.rows_read)
                ),
            }
        }
    }
    serial
}

/// A small deterministic generator (an LCG), so that the cases are the same on every run.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() as usize) % items.len()]
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

/// A partner's file with every kind of trouble a block's end can fall into.
fn messy_file(seed: u64, rows: usize) -> Vec<u8> {
    let mut g = Lcg(seed);
    let d = if g.chance(50) { ";" } else { "," };
    let eol = if g.chance(30) { "\r\n" } else { "\n" };
    let mut out: Vec<u8> = Vec::new();
    if g.chance(30) {
        out.extend_from_slice(b"\xEF\xBB\xBF");
    }
    if g.chance(40) {
        out.extend_from_slice(format!("Matriz de seguimiento 2024{eol}{eol}").as_bytes());
    }
    let header = [
        "ID",
        "País",
        "Institución informante",
        "Fecha de reporte",
        "Tipo de registro",
        "Título",
        "Descripción",
        "Eje temático",
        "Lineamientos",
        "Estado",
        "Avance (%)",
        "Mujeres",
        "Fecha de inicio",
        "Fecha de fin",
        "Replicable",
    ];
    out.extend_from_slice(header.join(d).as_bytes());
    out.extend_from_slice(eol.as_bytes());
    for i in 0..rows {
        if g.chance(5) {
            out.extend_from_slice(eol.as_bytes());
        }
        let id = if g.chance(4) && i > 0 {
            format!("R-{}", g.next() as usize % i)
        } else {
            format!("R-{i}")
        };
        let country = g.pick(&[
            "Guatemala",
            "GTM",
            "méxico",
            "Mexico",
            "Hondura",
            "CRI",
            "",
            "Panamá",
        ]);
        let institution = g.pick(&[
            "SEPREM",
            "INMUJERES",
            "Ministerio inventado",
            "Otra oficina",
            "OIM",
            "Ministerio inventado",
        ]);
        let reported = g.pick(&[
            "02/05/2024",
            "2024-05-03",
            "31/02/2024",
            "",
            "15/13/2024",
            "2023-12-01",
        ]);
        let kind = g.pick(&["Buena práctica", "Avance", "Evento", "Cosa rara"]);
        let title = match g.next() % 6 {
            0 => "\"Taller\nde dos líneas\"".to_owned(),
            1 => format!("\"Con {d} y \"\"comillas\"\"\""),
            2 => "=SUMA(A1)".to_owned(),
            3 => "\"Tres\r\nlíneas\nde título\"".to_owned(),
            _ => format!("Actividad {i}"),
        };
        let description = if g.chance(3) { "Caf\u{e9}" } else { "" };
        let axis = g.pick(&["VCM", "NNA", "", "XYZ"]);
        let guidelines = g.pick(&["VCM-1", "\"VCM-1;VCM-2\"", "NNA-1|NNA-2", "", "ZZZ-9"]);
        let status = g.pick(&["En curso", "Completado", "Planificado", "sin estado"]);
        let progress = g.pick(&["45%", "1", "0.45", "100", "", "0", "120", "abc"]);
        let women = g.pick(&["10", "-3", "", "7.5", "1000"]);
        let start = g.pick(&["01/03/2024", "", "2024-02-30"]);
        let end = g.pick(&["15/03/2024", "01/01/2024", ""]);
        let replicable = g.pick(&["Sí", "No", "", "quizás"]);
        let cells = [
            id.as_str(),
            country,
            institution,
            reported,
            kind,
            &title,
            description,
            axis,
            guidelines,
            status,
            progress,
            women,
            start,
            end,
            replicable,
        ];
        let mut line = cells.join(d).into_bytes();
        if g.chance(3) {
            // A cell in Windows-1252 (an é as one byte).
            line.extend_from_slice(d.as_bytes());
            line.push(0xE9);
        }
        out.extend_from_slice(&line);
        if i + 1 < rows || g.chance(70) {
            out.extend_from_slice(eol.as_bytes());
        }
    }
    out
}

#[test]
fn messy_files_import_the_same_on_any_number_of_threads() -> Result<()> {
    for seed in 0..16 {
        let bytes = messy_file(seed, 60);
        let opts = ImportOptions::default();
        let (_, _, report) = same_as_serial(&format!("seed {seed}"), &bytes, &opts)?;
        assert_eq!(report.rows_read, report.accepted + report.rejected);
    }
    Ok(())
}

#[test]
fn caps_limits_and_strict_mode_are_the_same_on_any_number_of_threads() -> Result<()> {
    let variants = [
        ImportOptions::default().max_diagnostics(Some(5)),
        ImportOptions::default().max_diagnostics(Some(0)),
        ImportOptions::default().max_diagnostics(Some(37)),
        ImportOptions::default().strict(true),
        ImportOptions::default().max_rows(25),
        ImportOptions::default().max_cell_chars(Some(12)),
    ];
    for seed in 100..104 {
        let bytes = messy_file(seed, 50);
        for opts in &variants {
            let _ = same_as_serial(&format!("seed {seed} {opts:?}"), &bytes, opts);
        }
    }
    Ok(())
}

#[test]
fn the_checks_see_the_trouble_they_are_meant_to() -> Result<()> {
    // The generated files do hold what the comparison is about: quoted line breaks, a
    // once-reported institution, encoding fallback, duplicate ids, truncation.
    let bytes = messy_file(7, 200);
    let opts = ImportOptions::default().max_diagnostics(Some(50));
    let (_, _, r) = same_as_serial("seed 7", &bytes, &opts)?;
    let codes: Vec<&str> = r.diagnostics.iter().map(|d| d.code.as_str()).collect();
    for code in [
        "unknown_institution",
        "encoding_fallback",
        "duplicate_id",
        "unknown_code",
    ] {
        assert!(
            codes.contains(&code) || r.diagnostics_truncated > 0,
            "{code} missing from {codes:?}"
        );
    }
    assert!(r.diagnostics_truncated > 0);
    let unlimited = ImportOptions::default().max_diagnostics(None);
    let (_, _, r) = same_as_serial("seed 7 uncapped", &bytes, &unlimited)?;
    // Each unknown institution is reported once per country, at its first row.
    let once: Vec<_> = r
        .with_code("unknown_institution")
        .map(|d| (d.value.clone(), d.params.clone()))
        .collect();
    let distinct: std::collections::BTreeSet<_> = once.iter().collect();
    assert!(once.len() >= 2 && distinct.len() == once.len(), "{once:?}");
    assert_eq!(r.with_code("encoding_fallback").count(), 1);
    assert!(r.with_code("duplicate_id").count() > 0);
    assert!(r.diagnostics.iter().any(|d| d.row.unwrap_or(0) > 100));
    Ok(())
}

#[test]
fn the_project_files_import_the_same_on_any_number_of_threads() -> Result<()> {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    let mut seen = 0;
    for dir in [
        "tests/bad-inputs/csv",
        "examples/data",
        "examples/web/samples",
        "examples/cycle",
        "fuzz/corpus/csv_import",
    ] {
        let Ok(entries) = std::fs::read_dir(format!("{root}/{dir}")) else {
            continue;
        };
        for entry in entries.flatten() {
            let Ok(bytes) = std::fs::read(entry.path()) else {
                continue;
            };
            if bytes.len() > 64 << 10 {
                continue;
            }
            let name = entry.path().display().to_string();
            // Blocks end at every line break.
            let _ = same_as_serial_in(&name, &bytes, &ImportOptions::default(), &[(2, (1, 1))]);
            seen += 1;
        }
    }
    assert!(seen > 20, "only {seen} files compared");
    Ok(())
}

#[test]
fn blocks_end_at_line_breaks_and_keep_every_byte() -> Result<()> {
    let text = b"a\nbb\n\nccc\r\ndd";
    let mut blocks = super::Blocks::new(&text[..]);
    let mut all = Vec::new();
    let mut ends = Vec::new();
    while let Some(b) = blocks.next(3)? {
        ends.push((b.bytes.last().copied(), b.last));
        all.extend_from_slice(&b.bytes);
    }
    assert_eq!(all, text);
    assert_eq!(
        ends,
        [
            (Some(b'\n'), false),
            (Some(b'\n'), false),
            (Some(b'\n'), false),
            (Some(b'd'), true)
        ]
    );
    Ok(())
}

#[test]
fn without_worker_threads_the_blocks_are_read_in_the_calling_thread() -> Result<()> {
    let bytes = messy_file(11, 400);
    let opts = ImportOptions::default();
    let serial = import(&bytes, &opts, 1, (usize::MAX, usize::MAX))?;
    REFUSE_THREADS.with(|r| r.set(true));
    let inline = import(&bytes, &opts, 2, (300, 150));
    REFUSE_THREADS.with(|r| r.set(false));
    let inline = inline?;
    assert!(serial.2.rows_read > 300, "{}", serial.2.rows_read);
    assert_eq!(serial.2, inline.2);
    assert_eq!(serial.1, inline.1);
    assert_eq!(serial.0, inline.0);
    Ok(())
}
