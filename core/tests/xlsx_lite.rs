//! The size-made XLSX reader (feature `xlsx-lite`, the WebAssembly spreadsheet module's)
//! against calamine's (`xlsx-read`): the same matrix, the same import report, the same error
//! code (and the same limit) for
//!
//! - every workbook of the repository (examples, the bad-input corpus, fuzz regressions and
//!   the fuzz corpus of `xlsx_import`), with default, lifted and tight limits and a named
//!   sheet (set `XLSX_LITE_DEBUG` to see the errors' messages);
//! - generated workbooks (rust_xlsxwriter): random cells of every kind the readers tell
//!   apart (shared and inline strings with spaces, entities, line ends and `_xHHHH_` text,
//!   rich strings, numbers, dates and times in built-in and custom formats, percents,
//!   booleans, formulas with cached results, error results, blanks), several sheets, both
//!   date systems.
//!
//! Run by `scripts/test-rust` as `cargo test -p lineamientos --features xlsx-lite --test
//! xlsx_lite` (the default features leave the lite reader out).
#![cfg(all(feature = "xlsx-lite", feature = "xlsx-read"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // test code

use lineamientos::{Catalog, Entry, Error, ImportOptions, ImportReport, Matrix};
use proptest::prelude::*;
use rust_xlsxwriter::{Format, Workbook};
use std::io::Cursor;
use std::path::{Path, PathBuf};

/// What an import gives, in a form two readers can be compared by.
#[derive(Debug, PartialEq)]
enum Outcome {
    Read(Vec<Entry>, Box<ImportReport>),
    Failed(&'static str, Option<String>),
}

fn outcome(r: lineamientos::Result<(Matrix, ImportReport)>) -> Outcome {
    if let Err(e) = &r {
        if std::env::var_os("XLSX_LITE_DEBUG").is_some() {
            eprintln!("error: {e}");
        }
    }
    match r {
        Ok((m, report)) => Outcome::Read(m.entries().collect(), Box::new(report)),
        Err(e) => {
            let what = match &e {
                Error::LimitExceeded { what, .. } => Some(what.clone()),
                _ => None,
            };
            Outcome::Failed(e.code(), what)
        }
    }
}

fn both(bytes: &[u8], options: &ImportOptions) -> (Outcome, Outcome) {
    let cat = &Catalog::embedded();
    let native = outcome(Matrix::read_xlsx(Cursor::new(bytes), cat, options));
    let lite = outcome(Matrix::read_xlsx_lite(Cursor::new(bytes), cat, options));
    (native, lite)
}

fn option_sets() -> Vec<(&'static str, ImportOptions)> {
    let tight = ImportOptions {
        max_cell_chars: Some(20),
        max_columns: Some(6),
        max_uncompressed_bytes: Some(20_000),
        max_compression_ratio: Some(3),
        ..ImportOptions::default()
    };
    vec![
        ("default", ImportOptions::default()),
        // Every limit lifted but the decompressed size, held to 16 MiB so that the zip bombs
        // of the corpus stay quick to refuse in a debug build.
        (
            "lifted",
            ImportOptions {
                max_uncompressed_bytes: Some(16 << 20),
                ..ImportOptions::default().unlimited()
            },
        ),
        ("tight", tight),
        ("sheet", ImportOptions::default().sheet("Hoja 2")),
    ]
}

fn files_under(dir: &Path, out: &mut Vec<PathBuf>, all: bool) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd {
        let p = e.unwrap().path();
        if p.is_dir() {
            if !p.ends_with("node_modules") && !p.ends_with("target") && !p.ends_with("pkg") {
                files_under(&p, out, all);
            }
        } else if all || p.extension().is_some_and(|x| x == "xlsx") {
            out.push(p);
        }
    }
}

#[test]
fn every_workbook_of_the_repository_reads_the_same_with_both_readers() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = Vec::new();
    for dir in ["examples", "tests", "fuzz/regressions", "core/tests"] {
        files_under(&root.join(dir), &mut files, false);
    }
    let xlsx_count = files.len();
    assert!(xlsx_count >= 30, "only {xlsx_count} workbooks found");
    // The fuzz corpus: any bytes (workbooks, broken zips, mutations).
    files_under(&root.join("fuzz/corpus/xlsx_import"), &mut files, true);
    files.sort();
    let mut read = 0;
    for path in &files {
        let bytes = std::fs::read(path).unwrap();
        for (label, options) in option_sets() {
            let (native, lite) = both(&bytes, &options);
            assert_eq!(native, lite, "{} ({label})", path.display());
            read += usize::from(matches!(native, Outcome::Read(..)));
        }
    }
    assert!(read > 20, "only {read} reads succeeded");
}

/// A cell of a generated workbook.
#[derive(Debug, Clone)]
enum Cell {
    Blank,
    Text(String),
    Number(f64),
    /// A number with a number format (built-in or custom code).
    Formatted(f64, &'static str),
    Bool(bool),
    /// A formula with its cached result (a number or a text).
    Formula(String),
    Error(&'static str),
    Rich(Vec<String>),
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Za-z0-9 áéñ]{0,12}",
        Just(" padded ".to_owned()),
        Just("a & b < c > \"d\" 'e'".to_owned()),
        Just("line\r\nend\rx\n".to_owned()),
        Just("_x000D_ and _x005F_x000D_".to_owned()),
        Just("\t tab".to_owned()),
        Just("VCM-1;VCM-2".to_owned()),
        Just("2024-05-02".to_owned()),
        Just("45%".to_owned()),
        Just("Mujeres".to_owned()),
        Just("😀 emoji".to_owned()),
    ]
}

const FORMATS: [&str; 12] = [
    "yyyy-mm-dd",
    "dd/mm/yyyy",
    "0%",
    "0.00%",
    "[h]:mm:ss",
    "h:mm AM/PM",
    "#,##0.00",
    "0.0",
    "mm:ss",
    "\"Y\"0",
    "d-mmm-yy",
    "General",
];

fn cell() -> impl Strategy<Value = Cell> {
    prop_oneof![
        Just(Cell::Blank),
        text().prop_map(Cell::Text),
        prop_oneof![
            any::<i32>().prop_map(f64::from),
            -1e6f64..1e6,
            Just(0.45),
            Just(1e21),
            Just(-0.0),
        ]
        .prop_map(Cell::Number),
        (
            prop_oneof![
                0.0f64..80_000.0,
                Just(60.0),
                Just(366.0),
                Just(45_000.999_999_9)
            ],
            0..FORMATS.len()
        )
            .prop_map(|(v, f)| Cell::Formatted(v, FORMATS[f])),
        any::<bool>().prop_map(Cell::Bool),
        text().prop_map(Cell::Formula),
        prop_oneof![Just("#DIV/0!"), Just("#N/A"), Just("#NUM!"), Just("#REF!")]
            .prop_map(Cell::Error),
        prop::collection::vec(text(), 1..4).prop_map(Cell::Rich),
    ]
}

const HEADER: [&str; 8] = [
    "ID",
    "País",
    "Institución informante",
    "Fecha de reporte",
    "Tipo de registro",
    "Título",
    "Avance (%)",
    "Mujeres",
];

/// A workbook of two sheets: the first with a header and the generated rows, the second
/// ("Hoja 2") with the same rows under a preamble line.
fn workbook(rows: &[Vec<Cell>], date_1904: bool) -> Vec<u8> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let red = Format::new().set_font_color(rust_xlsxwriter::Color::Red);
    for (i, name) in ["Datos", "Hoja 2"].into_iter().enumerate() {
        let sheet = book.add_worksheet();
        sheet.set_name(name).unwrap();
        let first = u32::try_from(i).unwrap();
        if i == 1 {
            sheet.write_string(0, 0, "Matriz de seguimiento").unwrap();
        }
        for (c, h) in HEADER.iter().enumerate() {
            sheet.write_string(first, c as u16, *h).unwrap();
        }
        for (r, row) in rows.iter().enumerate() {
            let r = first + 1 + r as u32;
            for (c, cell) in row.iter().enumerate() {
                let c = c as u16;
                match cell {
                    Cell::Blank => {
                        sheet.write_blank(r, c, &bold).unwrap();
                    }
                    Cell::Text(t) => {
                        sheet.write_string(r, c, t).unwrap();
                    }
                    Cell::Number(n) => {
                        sheet.write_number(r, c, *n).unwrap();
                    }
                    Cell::Formatted(n, f) => {
                        sheet
                            .write_number_with_format(r, c, *n, &Format::new().set_num_format(*f))
                            .unwrap();
                    }
                    Cell::Bool(b) => {
                        sheet.write_boolean(r, c, *b).unwrap();
                    }
                    Cell::Formula(t) => {
                        let f = rust_xlsxwriter::Formula::new("=A1&\"x\"").set_result(t);
                        sheet.write_formula(r, c, f).unwrap();
                    }
                    Cell::Error(e) => {
                        let f = rust_xlsxwriter::Formula::new("=1/0").set_result(*e);
                        sheet.write_formula(r, c, f).unwrap();
                    }
                    Cell::Rich(parts) => {
                        let segments: Vec<(&Format, &str)> = parts
                            .iter()
                            .enumerate()
                            .map(|(k, p)| (if k % 2 == 0 { &bold } else { &red }, p.as_str()))
                            .collect();
                        if parts.iter().all(|p| !p.is_empty()) {
                            sheet.write_rich_string(r, c, &segments).unwrap();
                        }
                    }
                }
            }
        }
    }
    let bytes = book.save_to_buffer().unwrap();
    if date_1904 { with_1904(&bytes) } else { bytes }
}

/// The workbook with the 1904 date system (rust_xlsxwriter has no switch for it): its
/// `workbookPr` gains `date1904="1"`.
fn with_1904(bytes: &[u8]) -> Vec<u8> {
    use std::io::{Read, Write};
    let mut zin = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..zin.len() {
        let mut f = zin.by_index(i).unwrap();
        let name = f.name().unwrap().into_owned();
        let mut body = Vec::new();
        f.read_to_end(&mut body).unwrap();
        if name == "xl/workbook.xml" {
            let text = String::from_utf8(body).unwrap();
            assert!(text.contains("<workbookPr "), "{text}");
            body = text
                .replace("<workbookPr ", "<workbookPr date1904=\"1\" ")
                .into_bytes();
        }
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        w.start_file(name, opts).unwrap();
        w.write_all(&body).unwrap();
    }
    w.finish().unwrap().into_inner()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn generated_workbooks_read_the_same_with_both_readers(
        rows in prop::collection::vec(prop::collection::vec(cell(), 0..9), 0..12),
        date_1904 in any::<bool>(),
    ) {
        let bytes = workbook(&rows, date_1904);
        for (label, options) in option_sets() {
            let (native, lite) = both(&bytes, &options);
            prop_assert_eq!(&native, &lite, "{}", label);
            if label == "default" {
                prop_assert!(matches!(native, Outcome::Read(..)), "{:?}", native);
            }
        }
    }
}

/// Hand-written parts: what rust_xlsxwriter never writes but other writers do.
#[test]
fn hand_written_workbooks_read_the_same_with_both_readers() {
    let sheet = |cells: &str| {
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><dimension ref=\"A1:C3\"/><sheetData>{cells}</sheetData></worksheet>"
        )
    };
    let cases = [
        // inline strings, a rich inline string, entities and character references
        "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t xml:space=\"preserve\"> ID </t></is></c><c r=\"B1\" t=\"inlineStr\"><is><r><t>Pa</t></r><r><rPr><b/></rPr><t>&#237;s</t></r></is></c></row><row><c t=\"inlineStr\"><is><t>x&amp;y&#x41;</t></is></c><c t=\"str\"><v>a_x000A_b &lt;</v></c><c t=\"d\"><v>2024-01-02T00:00:00</v></c></row>",
        // numbers without a type, text in a number cell, booleans, errors, empty values
        "<row><c><v>12</v></c><c><v> 1 </v></c><c><v>abc</v></c><c t=\"b\"><v>TRUE</v></c><c t=\"e\"><v>#N/A</v></c><c><v></v></c><c t=\"n\"><v/></c></row>",
        // a formula after its value, a value after its formula, an unknown child
        "<row><c><v>1</v><f>A1</f></c><c><f>A1</f><v>2</v></c></row>",
        "<row><c><extLst/></c></row>",
        // a bad boolean, a bad error, a bad type, a bad number
        "<row><c t=\"b\"><v>2</v></c></row>",
        "<row><c t=\"e\"><v>#BAD!</v></c></row>",
        "<row><c t=\"x\"><v>1</v></c></row>",
        "<row><c t=\"n\"><v>x</v></c></row>",
        // references: without a column, zero row, lower case, a row without r
        "<row r=\"2\"><c r=\"3\"><v>1</v></c></row>",
        "<row r=\"0\"><c><v>1</v></c></row>",
        "<row r=\"3\"><c r=\"b3\"><v>7</v></c></row><row><c><v>8</v></c></row>",
        // comments, CDATA, processing instructions inside
        "<!-- c --><row><c t=\"inlineStr\"><is><t><![CDATA[a<b]]></t></is></c><?pi x?><c><v><!--x-->1</v></c></row>",
        // an unknown entity, an unterminated reference
        "<row><c t=\"inlineStr\"><is><t>&nbsp;</t></is></c></row>",
        "<row><c t=\"str\"><v>a &amp b</v></c></row>",
        // the XML ends inside the sheet
        "<row><c><v>1</v></c>",
        // phonetic runs are left out
        "<row><c t=\"inlineStr\"><is><t>漢</t><rPh sb=\"0\" eb=\"1\"><t>カン</t></rPh></is></c></row>",
    ];
    for (i, cells) in cases.iter().enumerate() {
        let mut xml = sheet(cells);
        if i == 14 {
            xml = format!("<worksheet><sheetData>{cells}");
        }
        let bytes = package(&xml, "", false);
        for (label, options) in option_sets() {
            let (native, lite) = both(&bytes, &options);
            assert_eq!(native, lite, "case {i} ({label}): {cells}");
        }
    }
    // Shared strings (with rich text, preserved and trimmed space), a 1904 workbook, custom
    // number formats, a chart sheet first.
    let sst = "<sst xmlns=\"x\" count=\"3\" uniqueCount=\"3\"><si><t>ID</t></si><si><r><t xml:space=\"preserve\">Pa </t></r><r><t>ís</t></r></si><si><t>\n  trimmed  \n</t></si></sst>";
    let cells = "<row><c t=\"s\"><v>0</v></c><c t=\"s\"><v>1</v></c><c t=\"s\"><v>2</v></c></row><row><c s=\"1\"><v>45000.5</v></c><c s=\"2\"><v>0.25</v></c><c s=\"3\"><v>1.5</v></c><c s=\"9\"><v>3</v></c><c t=\"s\"><v>7</v></c></row>";
    for date_1904 in [false, true] {
        let bytes = package(&sheet(cells), sst, date_1904);
        for (label, options) in option_sets() {
            let (native, lite) = both(&bytes, &options);
            assert_eq!(native, lite, "shared strings ({label}, 1904: {date_1904})");
        }
    }
}

/// A minimal package around one worksheet part (and shared strings when given).
fn package(sheet_xml: &str, sst: &str, date_1904: bool) -> Vec<u8> {
    use std::io::Write;
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    let mut put = |name: &str, body: &str| {
        w.start_file(name, opts).unwrap();
        w.write_all(body.as_bytes()).unwrap();
    };
    put(
        "_rels/.rels",
        "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>",
    );
    put(
        "xl/_rels/workbook.xml.rels",
        "<Relationships><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" Type=\"http://x/worksheet\" Target=\"/xl/worksheets/sheet2.xml\"/></Relationships>",
    );
    let pr = if date_1904 {
        "<workbookPr date1904=\"1\"/>"
    } else {
        ""
    };
    put(
        "xl/workbook.xml",
        &format!(
            "<workbook xmlns:r=\"r\">{pr}<sheets><sheet name=\"Datos &amp; más\" sheetId=\"1\" r:id=\"rId1\"/><sheet name=\"Hoja 2\" sheetId=\"2\" r:id=\"rId2\" state=\"hidden\"/></sheets><definedNames><definedName name=\"x\">Datos!$A$1</definedName></definedNames></workbook>"
        ),
    );
    put(
        "xl/styles.xml",
        "<styleSheet><numFmts count=\"2\"><numFmt numFmtId=\"164\" formatCode=\"yyyy\\-mm\\-dd\"/><numFmt numFmtId=\"165\" formatCode=\"&quot;h&quot;0.0\"/></numFmts><cellXfs count=\"4\"><xf numFmtId=\"0\"/><xf numFmtId=\"164\" applyNumberFormat=\"1\"/><xf numFmtId=\"10\"/><xf numFmtId=\"46\"><alignment horizontal=\"left\"/></xf></cellXfs></styleSheet>",
    );
    if !sst.is_empty() {
        put("xl/sharedStrings.xml", sst);
    }
    put("xl/worksheets/sheet1.xml", sheet_xml);
    put("xl/worksheets/sheet2.xml", sheet_xml);
    w.finish().unwrap().into_inner()
}
