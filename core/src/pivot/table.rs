//! The result of a pivot: [`PivotTable`], its keys, cells and totals, a long columnar view
//! for data-frame libraries, and CSV / XLSX export.

use super::spec::{Dim, Measure, PeriodUnit};
use crate::Result;
use crate::diagnostic::Pins;
use crate::i18n::Lang;
#[cfg(feature = "xlsx-write")]
use crate::matrix::write_xlsx_rows;
use crate::matrix::{Out, write_csv_rows};
use serde::{Deserialize, Serialize};
use std::io::Write;

/// One dimension value of a row or column key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyPart {
    /// The code (`"MEX"`, `"VCM"`, `"2024-Q2"`, `"good_practice"`); `None` = not given.
    pub code: Option<String>,
    /// Spanish label.
    pub es: String,
    /// English label.
    pub en: String,
}

impl KeyPart {
    /// The label in `lang`.
    pub fn label(&self, lang: Lang) -> &str {
        match lang {
            Lang::Es => &self.es,
            Lang::En => &self.en,
        }
    }
}

/// A row or column key: one part per dimension (empty when there is no dimension).
pub type Key = Vec<KeyPart>;

/// Why a cell is suppressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Suppression {
    /// Its value is below the threshold (`0 < value < k`).
    Primary,
    /// Suppressed so that a primary cell cannot be recomputed from the totals.
    Secondary,
}

/// A non-empty cell (at least one entry falls in it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cell {
    /// Index into [`PivotTable::rows`].
    pub row: usize,
    /// Index into [`PivotTable::cols`].
    pub col: usize,
    /// The value; `None` when suppressed or when no entry reports the measured quantity.
    pub value: Option<f64>,
    /// Entries counted in the cell.
    pub entries: u64,
    /// Whether the value is withheld.
    pub suppressed: bool,
    /// Why it is withheld: known to the publisher only, never serialised nor in the
    /// columns. "Primary" would tell an attacker that the count is between 1 and `k - 1`,
    /// which the protection is there to hide.
    #[serde(skip)]
    pub reason: Option<Suppression>,
}

/// A row or column total, computed from the entries (not by adding cells).
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Total {
    /// The value (`None`: nothing to aggregate, or withheld).
    pub value: Option<f64>,
    /// Entries counted (an entry with several values of a multi-valued dimension once).
    pub entries: u64,
    /// Whether the value is withheld (disclosure control withholds a total only when no
    /// set of cells can protect a primary cell, see [`Protection`](super::Protection)).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub suppressed: bool,
}

/// A row or column holding a primary cell that suppression could not protect (possible only
/// when totals may not be withheld): what is published narrows that cell below its
/// protection levels.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Exposure {
    /// `"row"` or `"col"`.
    pub line: String,
    /// Index of the row or column.
    pub index: usize,
}

/// An aggregated table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PivotTable {
    /// The measure.
    pub measure: Measure,
    /// Row dimensions.
    pub row_dims: Vec<Dim>,
    /// Column dimensions.
    pub col_dims: Vec<Dim>,
    /// Period unit used by [`Dim::Period`].
    pub period: PeriodUnit,
    /// Row keys, sorted.
    pub rows: Vec<Key>,
    /// Column keys, sorted.
    pub cols: Vec<Key>,
    /// Non-empty cells, row-major.
    pub cells: Vec<Cell>,
    /// One total per row.
    pub row_totals: Vec<Total>,
    /// One total per column.
    pub col_totals: Vec<Total>,
    /// The total over every entry counted.
    pub grand_total: Total,
    /// The disclosure threshold applied, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suppress_below: Option<u64>,
    /// The rows and columns of primary cells that suppression could not protect (only
    /// when totals may not be withheld, see [`Protection::suppress_totals`](super::Protection)).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exposed: Vec<Exposure>,
    /// The disclosure audit: the interval an attacker can derive for every withheld number,
    /// and how it was computed (`None` when no disclosure control was applied).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audit: Option<super::Audit>,
    /// Whether only approved entries were counted.
    pub approved_only: bool,
    /// The catalogue and library that produced the table.
    pub pins: Pins,
}

/// A typed column of [`Columns`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", content = "values", rename_all = "snake_case")]
pub enum Column {
    /// Text (codes), `None` = not given.
    Str(Vec<Option<String>>),
    /// Floating-point values, `None` = empty or suppressed.
    F64(Vec<Option<f64>>),
    /// Counts.
    U64(Vec<u64>),
    /// Flags.
    Bool(Vec<bool>),
    /// Counts that may be missing.
    OptU64(Vec<Option<u64>>),
    /// Flags that may be missing.
    OptBool(Vec<Option<bool>>),
    /// Dates (`None` = not given).
    Date(Vec<Option<chrono::NaiveDate>>),
    /// Lists of codes (multi-valued fields).
    StrList(Vec<Vec<String>>),
}

impl Column {
    /// Number of values.
    pub fn len(&self) -> usize {
        match self {
            Column::Str(v) => v.len(),
            Column::F64(v) => v.len(),
            Column::U64(v) => v.len(),
            Column::Bool(v) => v.len(),
            Column::OptU64(v) => v.len(),
            Column::OptBool(v) => v.len(),
            Column::Date(v) => v.len(),
            Column::StrList(v) => v.len(),
        }
    }

    /// Whether the column has no value.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A columnar view of a table: named, typed columns of equal length (what the Python
/// binding turns into Arrow). For a pivot table, one row per non-empty cell; for a matrix,
/// one row per entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Columns {
    /// Column names: the dimension codes, then `value`, `entries`, `suppressed`.
    pub names: Vec<String>,
    /// The columns, same order as `names`.
    pub columns: Vec<Column>,
}

impl Columns {
    /// The value at row `i` of column `col` as an output cell: text (neutralised against
    /// formulas when written, see `docs/privacy.md`), numbers as numbers; dates ISO, lists
    /// joined with `;`, counts and flags as text.
    fn out(col: &Column, i: usize) -> Out {
        let text = |s: String| Out::Str(s);
        match col {
            Column::Str(v) => v.get(i).cloned().flatten().map_or(Out::Empty, text),
            Column::F64(v) => v.get(i).copied().flatten().map_or(Out::Empty, Out::Num),
            Column::U64(v) => v.get(i).map_or(Out::Empty, |x| text(x.to_string())),
            Column::Bool(v) => v.get(i).map_or(Out::Empty, |x| text(x.to_string())),
            Column::OptU64(v) => v
                .get(i)
                .copied()
                .flatten()
                .map_or(Out::Empty, |x| text(x.to_string())),
            Column::OptBool(v) => v
                .get(i)
                .copied()
                .flatten()
                .map_or(Out::Empty, |x| text(x.to_string())),
            Column::Date(v) => v
                .get(i)
                .copied()
                .flatten()
                .map_or(Out::Empty, |d| text(d.to_string())),
            Column::StrList(v) => v.get(i).map_or(Out::Empty, |l| text(l.join(";"))),
        }
    }

    /// Writes the columns as CSV: a header of the column names, one line per row (RFC 4180
    /// quoting; dates ISO; lists joined with `;`), text cells neutralised against formulas
    /// like every spreadsheet export of the library.
    ///
    /// ```
    /// use lineamientos::pivot::{Column, Columns};
    /// let c = Columns {
    ///     names: vec!["title".into(), "entries".into()],
    ///     columns: vec![Column::Str(vec![Some("=1+1".into())]), Column::U64(vec![3])],
    /// };
    /// let mut out = Vec::new();
    /// c.write_csv(&mut out)?;
    /// assert_eq!(String::from_utf8(out).unwrap(), "title,entries\n'=1+1,3\n");
    /// # Ok::<(), lineamientos::Error>(())
    /// ```
    pub fn write_csv(&self, writer: impl Write) -> Result<()> {
        let rows = self.columns.first().map_or(0, Column::len);
        let header: Vec<Out> = self.names.iter().map(|n| Out::Str(n.clone())).collect();
        let lines = (0..rows).map(|i| self.columns.iter().map(|c| Self::out(c, i)).collect());
        write_csv_rows(writer, std::iter::once(header).chain(lines))
    }
}

impl PivotTable {
    /// The cell at row `row`, column `col`, if it is not empty.
    pub fn cell(&self, row: usize, col: usize) -> Option<&Cell> {
        self.cells
            .binary_search_by(|c| (c.row, c.col).cmp(&(row, col)))
            .ok()
            .and_then(|i| self.cells.get(i))
    }

    /// The index of the row whose key codes are `codes` (`None` code = not given).
    pub fn row_index(&self, codes: &[Option<&str>]) -> Option<usize> {
        find_key(&self.rows, codes)
    }

    /// The index of the column whose key codes are `codes`.
    pub fn col_index(&self, codes: &[Option<&str>]) -> Option<usize> {
        find_key(&self.cols, codes)
    }

    /// The long columnar view (what the Python binding turns into Arrow).
    ///
    /// ```
    /// use lineamientos::{Catalog, Dim, ImportOptions, Matrix, PivotSpec};
    /// let csv = "País,Institución,Fecha,Tipo,Título,Estado,Eje\nMX,A,2024-01-02,Evento,t,En curso,VCM\n";
    /// let (m, _) = Matrix::read_csv(csv.as_bytes(), &Catalog::embedded(), &ImportOptions::default()).unwrap();
    /// let t = m.pivot(&PivotSpec::new().rows([Dim::Country]).cols([Dim::Axis])).unwrap();
    /// let c = t.to_columns();
    /// assert_eq!(c.names, ["country", "axis", "value", "entries", "suppressed"]);
    /// ```
    pub fn to_columns(&self) -> Columns {
        let mut names: Vec<String> = Vec::new();
        let mut columns: Vec<Column> = Vec::new();
        for (k, d) in self.row_dims.iter().enumerate() {
            names.push(d.code().to_owned());
            columns.push(Column::Str(
                self.cells
                    .iter()
                    .map(|c| part(&self.rows, c.row, k))
                    .collect(),
            ));
        }
        for (k, d) in self.col_dims.iter().enumerate() {
            names.push(d.code().to_owned());
            columns.push(Column::Str(
                self.cells
                    .iter()
                    .map(|c| part(&self.cols, c.col, k))
                    .collect(),
            ));
        }
        names.extend(["value", "entries", "suppressed"].map(String::from));
        columns.push(Column::F64(self.cells.iter().map(|c| c.value).collect()));
        columns.push(Column::U64(self.cells.iter().map(|c| c.entries).collect()));
        columns.push(Column::Bool(
            self.cells.iter().map(|c| c.suppressed).collect(),
        ));
        Columns { names, columns }
    }

    /// The table in wide form: a header, one line per row key with its cells and total, and
    /// a final total line. Suppressed cells are written as `*`, empty cells are blank.
    fn wide(&self, lang: Lang) -> Vec<Vec<Out>> {
        let total = match lang {
            Lang::Es => "Total",
            Lang::En => "Total",
        };
        let mut out = Vec::with_capacity(self.rows.len() + 2);
        let mut header: Vec<Out> = self
            .row_dims
            .iter()
            .map(|d| Out::Str(d.label(lang).to_owned()))
            .collect();
        for col in &self.cols {
            let label: Vec<&str> = col.iter().map(|p| p.label(lang)).collect();
            header.push(Out::Str(if label.is_empty() {
                self.measure.code().to_owned()
            } else {
                label.join(" / ")
            }));
        }
        header.push(Out::Str(total.to_owned()));
        out.push(header);
        let val = |v: Option<f64>| v.map_or(Out::Empty, Out::Num);
        for (r, key) in self.rows.iter().enumerate() {
            let mut line: Vec<Out> = key
                .iter()
                .map(|p| Out::Str(p.label(lang).to_owned()))
                .collect();
            for c in 0..self.cols.len() {
                line.push(match self.cell(r, c) {
                    Some(cell) if cell.suppressed => Out::Str("*".into()),
                    Some(cell) => val(cell.value),
                    None => Out::Empty,
                });
            }
            line.push(total_out(self.row_totals.get(r)));
            out.push(line);
        }
        let mut last: Vec<Out> = Vec::new();
        if !self.row_dims.is_empty() {
            last.push(Out::Str(total.to_owned()));
            last.extend(std::iter::repeat_n(Out::Empty, self.row_dims.len() - 1));
        }
        last.extend(self.col_totals.iter().map(|t| total_out(Some(t))));
        last.push(total_out(Some(&self.grand_total)));
        out.push(last);
        // Where the figures come from, and whether the guidelines are illustrative.
        out.push(vec![Out::Str(self.pins.note(lang))]);
        out
    }

    /// Writes the table in wide form as CSV with labels in `lang` (suppressed cells: `*`); the
    /// last line is the provenance ([`Pins::note`]: catalogue, guideline version, and
    /// whether the guidelines are illustrative).
    ///
    /// ```
    /// use lineamientos::{Catalog, Dim, ImportOptions, Lang, Matrix, PivotSpec};
    /// let csv = "País;Institución;Fecha;Tipo;Título;Estado;Eje\nMX;INM;2024-01-02;Evento;t;En curso;VCM\n";
    /// let (m, _) = Matrix::read_csv(csv.as_bytes(), &Catalog::embedded(), &ImportOptions::default())?;
    /// let mut out = Vec::new();
    /// m.pivot(&PivotSpec::new().rows([Dim::Country]))?.write_csv(&mut out, Lang::En)?;
    /// let text = String::from_utf8(out).unwrap();
    /// assert!(text.lines().last().unwrap().contains("guidelines version 2023: ILLUSTRATIVE, not the official text"));
    /// # Ok::<(), lineamientos::Error>(())
    /// ```
    pub fn write_csv(&self, writer: impl Write, lang: Lang) -> Result<()> {
        write_csv_rows(writer, self.wide(lang).into_iter())
    }

    /// Writes the table in wide form as an XLSX workbook (one sheet, the provenance on its
    /// last line as in [`PivotTable::write_csv`]).
    #[cfg(feature = "xlsx-write")]
    pub fn write_xlsx(&self, writer: impl Write, lang: Lang) -> Result<()> {
        let name = match lang {
            Lang::Es => "Tabla",
            Lang::En => "Table",
        };
        write_xlsx_rows(writer, name, self.wide(lang).into_iter(), None)
    }
}

/// A total in the wide form: `*` when withheld, blank when there is nothing.
fn total_out(t: Option<&Total>) -> Out {
    match t {
        Some(t) if t.suppressed => Out::Str("*".into()),
        Some(Total { value: Some(v), .. }) => Out::Num(*v),
        _ => Out::Empty,
    }
}

fn part(keys: &[Key], i: usize, k: usize) -> Option<String> {
    keys.get(i)
        .and_then(|key| key.get(k))
        .and_then(|p| p.code.clone())
}

fn find_key(keys: &[Key], codes: &[Option<&str>]) -> Option<usize> {
    keys.iter().position(|k| {
        k.len() == codes.len() && k.iter().zip(codes).all(|(p, c)| p.code.as_deref() == *c)
    })
}
