//! The streaming import: a table handed over row by row (or batch by batch) by a caller
//! that already holds typed values (an Arrow stream, a data frame, a JavaScript array),
//! validated exactly as [`Matrix::read_csv`] validates the same table written as CSV.

use super::csv::HEADER_SEARCH_ROWS;
use super::headers::Field;
use super::limits::Limits;
use super::{Importer, Locate};
use crate::catalog::Catalog;
use crate::matrix::{ImportOptions, ImportReport, Matrix};
use crate::{Error, Result};
use chrono::NaiveDate;
use std::borrow::Cow;
use std::fmt::Write as _;

/// One cell of a table handed to [`MatrixImport`], as the host holds it. Each kind becomes
/// the text the CSV import would read back to the same value ([`Cell::to_text`]):
///
/// | cell | text |
/// |---|---|
/// | [`Cell::Null`] | empty (a missing value) |
/// | [`Cell::Text`] | as is |
/// | [`Cell::Int`], [`Cell::UInt`] | decimal digits (`-3`, `120`) |
/// | [`Cell::Float`] | shortest round-trip decimal, never an exponent (`120`, `0.45`, `45.5`); NaN is empty (as pandas writes it) and the infinities `inf` / `-inf` (refused as numbers) |
/// | [`Cell::Decimal`] | the decimal with its scale's digits (`12.50`) |
/// | [`Cell::Bool`] | `true` / `false` |
/// | [`Cell::Date`] | ISO `yyyy-mm-dd` |
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cell<'a> {
    /// A missing value.
    Null,
    /// Text, as written.
    Text(&'a str),
    /// A signed integer.
    Int(i64),
    /// An unsigned integer.
    UInt(u64),
    /// A floating-point number.
    Float(f64),
    /// A fixed-point decimal: `value` × 10^-`scale` (Arrow's `decimal128`).
    Decimal {
        /// The unscaled value.
        value: i128,
        /// Digits after the decimal point (negative: zeros before it).
        scale: i8,
    },
    /// A yes/no value.
    Bool(bool),
    /// A calendar date.
    Date(NaiveDate),
}

impl Cell<'_> {
    /// The cell as the text the CSV import reads (see the table on [`Cell`]).
    ///
    /// ```
    /// use lineamientos::matrix::import::Cell;
    /// assert_eq!(Cell::Float(120.0).to_text(), "120");
    /// assert_eq!(Cell::Float(0.45).to_text(), "0.45");
    /// assert_eq!(Cell::Float(f64::NAN).to_text(), "");
    /// assert_eq!(Cell::Decimal { value: 1250, scale: 2 }.to_text(), "12.50");
    /// assert_eq!(Cell::Date("2024-05-02".parse().unwrap()).to_text(), "2024-05-02");
    /// assert_eq!(Cell::Null.to_text(), "");
    /// ```
    pub fn to_text(&self) -> Cow<'_, str> {
        match self {
            Cell::Text(s) => Cow::Borrowed(s),
            other => {
                let mut s = String::new();
                other.write_text(&mut s);
                Cow::Owned(s)
            }
        }
    }

    /// Appends [`Cell::to_text`] to `out`.
    pub fn write_text(&self, out: &mut String) {
        // Writing to a String cannot fail.
        let _ = match self {
            Cell::Null => Ok(()),
            Cell::Text(s) => {
                out.push_str(s);
                Ok(())
            }
            Cell::Int(v) => write!(out, "{v}"),
            Cell::UInt(v) => write!(out, "{v}"),
            Cell::Float(v) if v.is_nan() => Ok(()),
            Cell::Float(v) => write!(out, "{v}"),
            Cell::Decimal { value, scale } => {
                write_decimal(out, *value, *scale);
                Ok(())
            }
            Cell::Bool(b) => write!(out, "{b}"),
            Cell::Date(d) => write!(out, "{}", d.format("%Y-%m-%d")),
        };
    }

    /// The error for a column whose values cannot be cells (lists, structs, binary...):
    /// `invalid_value` for the argument `data` at `/columns/{column}`, the value being the
    /// column's type as the host names it. Bindings raise it before reading any row.
    ///
    /// ```
    /// use lineamientos::matrix::import::Cell;
    /// let e = Cell::unsupported("Guidelines", "list<item: string>");
    /// assert_eq!(e.code(), "invalid_value");
    /// assert_eq!(e.details()["path"], "/columns/Guidelines");
    /// ```
    pub fn unsupported(column: &str, type_name: &str) -> Error {
        let at = crate::args::ArgPath::arg("data").key("columns").key(column);
        Error::InvalidValue {
            field: "data".into(),
            path: at.pointer().to_owned(),
            value: Some(type_name.to_owned()),
            expected: "a column of text, integers, floats, decimals, booleans or dates".into(),
            suggestion: None,
        }
    }
}

/// Writes `value` × 10^-`scale`.
fn write_decimal(out: &mut String, value: i128, scale: i8) {
    let digits = value.unsigned_abs().to_string();
    if value < 0 {
        out.push('-');
    }
    if scale <= 0 {
        out.push_str(&digits);
        for _ in 0..scale.unsigned_abs() {
            out.push('0');
        }
        return;
    }
    let scale = usize::from(scale.unsigned_abs());
    if digits.len() > scale {
        let (int, frac) = digits.split_at(digits.len() - scale);
        out.push_str(int);
        out.push('.');
        out.push_str(frac);
    } else {
        out.push_str("0.");
        for _ in digits.len()..scale {
            out.push('0');
        }
        out.push_str(&digits);
    }
}

/// A streaming import of the tracking matrix: rows are pushed one after the other (the
/// column names first) and validated as they come, with the same findings, row numbers and
/// limits as [`Matrix::read_csv`] of the same table written as CSV: the column names are
/// row 1 and data rows are numbered from 2; blank rows are skipped (their numbers are not
/// reused); when the column names do not name two known columns, the header is searched
/// among the first rows as in a file with title rows above its header. Only what is proper
/// to a CSV file is left out: its delimiter and encoding (`ImportReport::delimiter` and
/// `encoding` stay `None`) and the unbalanced-quote check.
///
/// Limits: `max_rows`, `max_cell_chars` and `max_columns` as in the CSV import;
/// `max_bytes` holds the table's size written as CSV without quotes (each cell's bytes plus
/// one for its delimiter or line end). A limit exceeded is the error `limit_exceeded`; it
/// ends the import: every later call, [`MatrixImport::finish`] included, returns the same
/// error (as `read_csv` returns no matrix).
///
/// ```
/// use lineamientos::matrix::import::{Cell, MatrixImport};
/// use lineamientos::{Catalog, ImportOptions, Matrix};
/// let cat = Catalog::embedded();
/// let mut imp = MatrixImport::new(&cat, &ImportOptions::default())?;
/// imp.header(&["ID", "País", "Institución informante", "Fecha de reporte",
///              "Tipo de registro", "Título", "Estado", "Avance (%)", "Mujeres"])?;
/// let date = "2024-05-02".parse().unwrap();
/// imp.push_row(&[Cell::Text("GT-1"), Cell::Text("Guatemala"), Cell::Text("SEPREM"),
///     Cell::Date(date), Cell::Text("Buena práctica"), Cell::Text("Ruta de atención"),
///     Cell::Text("En curso"), Cell::Int(45), Cell::Float(120.0)])?;
/// imp.push_text_row(&["GT-2", "Guatemla", "SEPREM", "2024-05-03", "Avance", "Diplomado",
///     "Completado", "100", "30"])?;
/// let (m, report) = imp.finish()?;
/// assert_eq!((report.rows_read, report.accepted, report.rejected), (2, 1, 1));
/// let d = &report.diagnostics[0];
/// assert_eq!((d.code.as_str(), d.row, d.column.as_deref()), ("unknown_code", Some(3), Some("País")));
/// assert_eq!(m.entry(0).unwrap().participants.women, Some(120));
///
/// // The same table as CSV: the same findings.
/// let csv = "ID,País,Institución informante,Fecha de reporte,Tipo de registro,Título,Estado,Avance (%),Mujeres\n\
///            GT-1,Guatemala,SEPREM,2024-05-02,Buena práctica,Ruta de atención,En curso,45,120\n\
///            GT-2,Guatemla,SEPREM,2024-05-03,Avance,Diplomado,Completado,100,30\n";
/// let (_, from_csv) = Matrix::read_csv(csv.as_bytes(), &cat, &ImportOptions::default())?;
/// assert_eq!(from_csv.diagnostics, report.diagnostics);
/// # Ok::<(), lineamientos::Error>(())
/// ```
#[derive(Clone)]
pub struct MatrixImport {
    imp: Importer,
    catalog: Catalog,
    limits: Limits,
    /// The number of the last row pushed (blank ones included).
    row: u64,
    /// Bytes of the table so far, written as CSV without quotes.
    bytes: u64,
    header_found: bool,
    /// Rows read while the header is searched for (at most [`HEADER_SEARCH_ROWS`]).
    preamble: Vec<(u64, Vec<String>)>,
    /// The error that ended the import, if one did.
    failed: Option<Error>,
    /// Text of the non-text cells of the row being pushed.
    scratch: Vec<String>,
}

impl std::fmt::Debug for MatrixImport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MatrixImport")
            .field("rows_pushed", &self.row)
            .field("header_found", &self.header_found)
            .field("failed", &self.failed)
            .finish_non_exhaustive()
    }
}

impl MatrixImport {
    /// Starts an import against `catalog` with `options` (checked here: a bad option or an
    /// unknown `guideline_version` is an error). `delimiter`, `sheet` and the XLSX limits do
    /// not apply to a stream and are ignored.
    pub fn new(catalog: &Catalog, options: &ImportOptions) -> Result<Self> {
        Ok(MatrixImport {
            imp: Importer::new(catalog, options, Locate::Sheet)?,
            catalog: catalog.clone(),
            limits: Limits::of(options),
            row: 0,
            bytes: 0,
            header_found: false,
            preamble: Vec::new(),
            failed: None,
            scratch: Vec::new(),
        })
    }

    /// Pushes the column names: row 1, the first call. (It is [`MatrixImport::push_text_row`]
    /// by another name, refused once a row was pushed.)
    pub fn header(&mut self, names: &[&str]) -> Result<()> {
        if self.row > 0 {
            return Err(crate::args::ArgPath::arg("header")
                .invalid(&names.join(",").into(), "the column names, before any row"));
        }
        self.push_text_row(names)
    }

    /// Pushes one row of typed cells (see [`Cell`] for how each becomes text).
    pub fn push_row(&mut self, cells: &[Cell<'_>]) -> Result<()> {
        let mut scratch = std::mem::take(&mut self.scratch);
        if scratch.len() < cells.len() {
            scratch.resize(cells.len(), String::new());
        }
        for (c, s) in cells.iter().zip(scratch.iter_mut()) {
            s.clear();
            if !matches!(c, Cell::Text(_)) {
                c.write_text(s);
            }
        }
        let refs: Vec<&str> = cells
            .iter()
            .zip(&scratch)
            .map(|(c, s)| match c {
                Cell::Text(t) => *t,
                _ => s.as_str(),
            })
            .collect();
        let r = self.push_text_row(&refs);
        self.scratch = scratch;
        r
    }

    /// Pushes one row of text cells, in column order.
    pub fn push_text_row(&mut self, cells: &[&str]) -> Result<()> {
        if let Some(e) = &self.failed {
            return Err(e.clone());
        }
        let r = self.feed(cells);
        if let Err(e) = &r {
            self.failed = Some(e.clone());
        }
        r
    }

    /// Rows pushed so far, the column names and blank rows included: the number of the
    /// last row.
    pub fn rows_pushed(&self) -> u64 {
        self.row
    }

    /// The report so far (rows read, accepted and rejected, findings), before what only the
    /// whole table decides (duplicate ids, percentages written as fractions).
    pub fn report(&self) -> &ImportReport {
        &self.imp.report
    }

    fn feed(&mut self, cells: &[&str]) -> Result<()> {
        self.row += 1;
        let row = self.row;
        self.limits.check_width(cells.len())?;
        for c in cells {
            self.limits.check_cell(c.as_bytes())?;
        }
        if let Some(max) = self.limits.max_bytes {
            let size: u64 = cells.iter().map(|c| c.len() as u64 + 1).sum();
            self.bytes = self.bytes.saturating_add(size.max(1));
            if self.bytes > max {
                return Err(Limits::bytes_error(max));
            }
        }
        if cells
            .iter()
            .all(|c| c.bytes().all(|b| b.is_ascii_whitespace()))
        {
            return Ok(());
        }
        if self.header_found {
            let mut refs = cells.to_vec();
            crate::formula::restore_all(&mut refs);
            return self.imp.row(row, &refs);
        }
        self.preamble
            .push((row, cells.iter().map(|c| (*c).to_owned()).collect()));
        let known = known_headers(cells);
        if known >= 2 || self.preamble.len() >= HEADER_SEARCH_ROWS {
            let chosen = if known >= 2 {
                self.preamble.len() - 1
            } else {
                0
            };
            self.start(chosen)?;
        }
        Ok(())
    }

    /// Takes buffered row `chosen` as the header: rows before it are skipped (reported),
    /// rows after it are data (as the CSV import does).
    fn start(&mut self, chosen: usize) -> Result<()> {
        self.header_found = true;
        let preamble = std::mem::take(&mut self.preamble);
        for (i, (row, cells)) in preamble.iter().enumerate() {
            let mut refs: Vec<&str> = cells.iter().map(String::as_str).collect();
            crate::formula::restore_all(&mut refs);
            match i.cmp(&chosen) {
                std::cmp::Ordering::Less => {
                    self.imp.preamble_skipped(*row, &refs);
                }
                std::cmp::Ordering::Equal => self.imp.header(*row, &refs),
                std::cmp::Ordering::Greater => self.imp.row(*row, &refs)?,
            }
        }
        Ok(())
    }

    /// Ends the import: what needs every row is decided (duplicate ids, a progress column
    /// of fractions) and the matrix of accepted entries is returned with the report. After
    /// an error of an earlier call, that error.
    pub fn finish(mut self) -> Result<(Matrix, ImportReport)> {
        if let Some(e) = self.failed.take() {
            return Err(e);
        }
        if !self.header_found {
            if self.preamble.is_empty() {
                self.imp.header(1, &[]);
            } else {
                self.start(0)?;
            }
        }
        let (store, report) = self.imp.finish();
        Ok((Matrix::from_parts(store, &self.catalog, &report), report))
    }
}

fn known_headers(cells: &[&str]) -> usize {
    cells
        .iter()
        .filter(|c| Field::from_header(c).is_some())
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_and_numbers_as_text() {
        let dec = |value, scale| Cell::Decimal { value, scale }.to_text().into_owned();
        assert_eq!(dec(1250, 2), "12.50");
        assert_eq!(dec(-5, 3), "-0.005");
        assert_eq!(dec(0, 1), "0.0");
        assert_eq!(dec(12, -2), "1200");
        assert_eq!(dec(-12, 0), "-12");
        assert_eq!(Cell::Float(1e20).to_text(), "100000000000000000000");
        assert_eq!(Cell::Float(-3.0).to_text(), "-3");
        assert_eq!(Cell::Float(f64::INFINITY).to_text(), "inf");
        assert_eq!(Cell::Int(-3).to_text(), "-3");
        assert_eq!(Cell::UInt(u64::MAX).to_text(), "18446744073709551615");
        assert_eq!(Cell::Bool(true).to_text(), "true");
    }
}
