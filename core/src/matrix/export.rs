//! Writing entries (and pivot tables) to CSV and XLSX with Spanish or English headers.

use super::import::headers::Field;
use super::{Entry, Matrix};
use crate::i18n::Lang;
use crate::{Error, Result};
use std::io::Write;

/// One output cell.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Out {
    /// Text.
    Str(String),
    /// A number.
    Num(f64),
    /// Nothing.
    Empty,
}

impl Out {
    /// The cell as CSV text: text neutralised against formulas ([`crate::formula`]), numbers
    /// as numbers.
    fn text(&self) -> String {
        match self {
            Out::Str(s) => crate::formula::neutralize(s).into_owned(),
            Out::Num(v) => v.to_string(),
            Out::Empty => String::new(),
        }
    }
}

#[cfg(feature = "xlsx-write")]
fn xlsx_error(e: impl std::fmt::Display) -> Error {
    Error::InvalidFile {
        format: "xlsx".into(),
        message: e.to_string(),
    }
}

/// Writes rows of cells as CSV (`,`-delimited, UTF-8 without BOM), text cells neutralised
/// against formulas ([`crate::formula`]).
pub(crate) fn write_csv_rows(
    writer: impl Write,
    rows: impl Iterator<Item = Vec<Out>>,
) -> Result<()> {
    let mut w = csv::WriterBuilder::new().flexible(true).from_writer(writer);
    for r in rows {
        w.write_record(r.iter().map(Out::text))
            .map_err(|e| Error::Io {
                message: e.to_string(),
            })?;
    }
    w.flush()?;
    Ok(())
}

/// Writes rows of cells as one XLSX worksheet named `sheet`; the first row is bold. Text is
/// always a string cell, with Excel's quote prefix when it starts like a formula
/// ([`crate::formula`]). With
/// `provenance` (a sheet name and its lines), a second worksheet carries them: where the
/// data and the guidelines come from, next to the data without mixing with it.
#[cfg(feature = "xlsx-write")]
pub(crate) fn write_xlsx_rows(
    mut writer: impl Write,
    sheet: &str,
    rows: impl Iterator<Item = Vec<Out>>,
    provenance: Option<(&str, Vec<String>)>,
) -> Result<()> {
    let mut book = rust_xlsxwriter::Workbook::new();
    // A fixed creation time instead of "now": the core never depends on the clock, and the
    // same table always gives the same bytes (in Rust, Python and WASM alike).
    let created = rust_xlsxwriter::ExcelDateTime::from_ymd(2000, 1, 1).map_err(xlsx_error)?;
    book.set_properties(&rust_xlsxwriter::DocProperties::new().set_creation_datetime(&created));
    let bold = rust_xlsxwriter::Format::new().set_bold();
    // Text that starts like a formula stays text even when a reader edits the cell.
    let quoted = rust_xlsxwriter::Format::new().set_quote_prefix();
    let bold_quoted = bold.clone().set_quote_prefix();
    let ws = book.add_worksheet();
    ws.set_name(sheet).map_err(xlsx_error)?;
    for (r, cells) in rows.enumerate() {
        let r = u32::try_from(r).map_err(|_| Error::limit("XLSX rows", 1_048_576, None))?;
        if r >= 1_048_576 {
            return Err(Error::limit("XLSX rows", 1_048_576, None));
        }
        for (c, cell) in cells.iter().enumerate() {
            let c = u16::try_from(c).map_err(|_| Error::limit("XLSX columns", 16_384, None))?;
            match cell {
                Out::Str(s) => {
                    let format = match (r == 0, crate::formula::runs_as_formula(s)) {
                        (true, true) => Some(&bold_quoted),
                        (true, false) => Some(&bold),
                        (false, true) => Some(&quoted),
                        (false, false) => None,
                    };
                    match format {
                        Some(f) => ws.write_string_with_format(r, c, s, f),
                        None => ws.write_string(r, c, s),
                    }
                    .map_err(xlsx_error)?;
                }
                Out::Num(v) => {
                    ws.write_number(r, c, *v).map_err(xlsx_error)?;
                }
                Out::Empty => {}
            }
        }
    }
    if let Some((name, lines)) = provenance {
        let ws = book.add_worksheet();
        ws.set_name(name).map_err(xlsx_error)?;
        for (r, line) in (0u32..).zip(&lines) {
            if crate::formula::runs_as_formula(line) {
                ws.write_string_with_format(r, 0, line, &quoted)
            } else {
                ws.write_string(r, 0, line)
            }
            .map_err(xlsx_error)?;
        }
    }
    let buf = book.save_to_buffer().map_err(xlsx_error)?;
    writer.write_all(&buf)?;
    Ok(())
}

fn yes_no(v: bool, lang: Lang) -> &'static str {
    match (v, lang) {
        (true, Lang::Es) => "sí",
        (true, Lang::En) => "yes",
        (false, _) => "no",
    }
}

/// Progress as written on export: a plain number, except values in (0, 1] which carry `%`
/// so that they cannot be mistaken for fractions when read back.
fn progress_out(v: f64) -> Out {
    if v > 0.0 && v <= 1.0 {
        Out::Str(format!("{v}%"))
    } else {
        Out::Num(v)
    }
}

/// The cell of field `f` of entry `e` on export, in `lang`.
fn export_cell(e: &Entry, f: Field, lang: Lang) -> Out {
    let s = |v: &str| Out::Str(v.to_owned());
    let opt = |v: &Option<String>| v.as_deref().map_or(Out::Empty, s);
    let date = |d: Option<chrono::NaiveDate>| d.map_or(Out::Empty, |d| Out::Str(d.to_string()));
    let p = &e.participants;
    let count = |v: Option<u32>| v.map_or(Out::Empty, |v| Out::Num(f64::from(v)));
    match f {
        Field::Id => s(&e.id),
        Field::Country => s(&e.country),
        Field::Institution => s(&e.institution),
        Field::ReportedOn => date(Some(e.reported_on)),
        Field::EntryType => s(e.entry_type.label(lang)),
        Field::Title => s(&e.title),
        Field::Description => opt(&e.description),
        Field::Axis => opt(&e.axis),
        Field::Guidelines => s(&e.guidelines.join("; ")),
        Field::Activity => opt(&e.activity),
        Field::Stages => s(&e
            .stages
            .iter()
            .map(|st| st.label(lang))
            .collect::<Vec<_>>()
            .join("; ")),
        Field::Status => s(e.status.label(lang)),
        Field::Progress => e.progress.map_or(Out::Empty, progress_out),
        Field::Start => date(e.start),
        Field::End => date(e.end),
        Field::Women => count(p.women),
        Field::Men => count(p.men),
        Field::Girls => count(p.girls),
        Field::Boys => count(p.boys),
        Field::Unspecified => count(p.unspecified),
        Field::EvidenceUrl => opt(&e.evidence_url),
        Field::Replicable => e.replicable.map_or(Out::Empty, |v| s(yes_no(v, lang))),
        Field::Approved => s(yes_no(e.approved, lang)),
    }
}

impl Matrix {
    /// The header (in [`Field::ALL`] order) and one row per entry.
    fn export_rows(&self, lang: Lang) -> impl Iterator<Item = Vec<Out>> + '_ {
        let header: Vec<Out> = Field::ALL
            .iter()
            .map(|f| Out::Str(f.label(lang).to_owned()))
            .collect();
        std::iter::once(header).chain(self.entries().map(move |e| {
            Field::ALL
                .iter()
                .map(|f| export_cell(&e, *f, lang))
                .collect()
        }))
    }

    /// Writes the entries as CSV (`,`, UTF-8) with headers in `lang`; codes stay codes,
    /// entry types, statuses and stages are written as labels in `lang`. The file reads back
    /// with [`Matrix::read_csv`] to the same entries.
    ///
    /// ```
    /// use lineamientos::{Catalog, ImportOptions, Lang, Matrix};
    /// let cat = Catalog::embedded();
    /// let csv = "País;Institución;Fecha de reporte;Tipo de registro;Título;Estado\n\
    ///            México;INMUJERES;02/05/2024;Buena práctica;Ruta;En curso\n";
    /// let (m, _) = Matrix::read_csv(csv.as_bytes(), &cat, &ImportOptions::default()).unwrap();
    /// let mut out = Vec::new();
    /// m.write_csv(&mut out, Lang::En).unwrap();
    /// let text = String::from_utf8(out).unwrap();
    /// assert!(text.starts_with("ID,Country,Reporting institution"));
    /// // the institution is written as its catalogue code
    /// assert!(text.contains("R2,MEX,MEX-INMUJERES,2024-05-02,Good practice,Ruta"));
    /// ```
    pub fn write_csv(&self, writer: impl Write, lang: Lang) -> Result<()> {
        write_csv_rows(writer, self.export_rows(lang))
    }

    /// Writes the entries as an XLSX workbook: the sheet `Matriz` / `Matrix` (first, the one
    /// [`Matrix::read_xlsx`] reads back) and the sheet `Procedencia` / `Provenance` with the
    /// matrix's [`Pins::note`](crate::Pins::note) (catalogue, guideline version and whether
    /// it is illustrative).
    #[cfg(feature = "xlsx-write")]
    pub fn write_xlsx(&self, writer: impl Write, lang: Lang) -> Result<()> {
        let (name, about) = match lang {
            Lang::Es => ("Matriz", "Procedencia"),
            Lang::En => ("Matrix", "Provenance"),
        };
        let note = vec![self.pins().note(lang)];
        write_xlsx_rows(writer, name, self.export_rows(lang), Some((about, note)))
    }
}
