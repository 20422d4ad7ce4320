//! XLSX reader (calamine): one worksheet, first by default; cells become the text a
//! spreadsheet would show, then go through the same row validation as CSV. Builds with
//! `xlsx-lite` and without `xlsx-read` (the WebAssembly spreadsheet module) read the cells
//! with the size-made reader of `super::xlsx_lite` instead, which gives the same texts.

mod refs;

use super::Importer;
use super::headers::Field;
use super::limits::Limits;
use crate::diagnostic::Diagnostic;
use crate::{Error, Result};
#[cfg(feature = "xlsx-read")]
use calamine::{Data, DataRef, Reader, Xlsx, XlsxError};
use std::collections::BTreeMap;
use std::io::{Read, Seek, SeekFrom};

#[cfg(feature = "xlsx-read")]
fn invalid(e: impl std::fmt::Display) -> Error {
    Error::InvalidFile {
        format: "xlsx".into(),
        message: e.to_string(),
    }
}

/// The text of a cell: dates as ISO `yyyy-mm-dd`, numbers as Rust prints them (`45`,
/// `0.45`), errors as their Excel spelling (which then fails validation with a finding).
#[cfg(feature = "xlsx-read")]
fn text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) if dt.is_datetime() => {
            let (y, m, day, ..) = dt.to_ymd_hms_milli();
            format!("{y:04}-{m:02}-{day:02}")
        }
        Data::DateTime(dt) => dt.as_f64().to_string(),
        // calamine's Display already writes the `#` (`#DIV/0!`).
        Data::Error(e) => e.to_string(),
    }
}

/// The worksheet `sheet` names (exactly, or by its normalised key), else the first one.
pub(super) fn pick_sheet(names: &[String], sheet: Option<&str>) -> Result<String> {
    match sheet {
        Some(s) => names
            .iter()
            .find(|n| {
                n.as_str() == s || crate::text::normalize_key(n) == crate::text::normalize_key(s)
            })
            .cloned()
            .ok_or_else(|| {
                crate::args::ArgPath::arg("options").key("sheet").invalid(
                    &s.into(),
                    format!("a worksheet of the workbook (one of {})", names.join(", ")),
                )
            }),
        None => names.first().cloned().ok_or_else(|| Error::InvalidFile {
            format: "xlsx".into(),
            message: "the workbook has no worksheet".into(),
        }),
    }
}

/// Opens the workbook and reads the chosen worksheet's cells.
#[cfg(feature = "xlsx-read")]
fn load<R: Read + Seek>(reader: R, sheet: Option<&str>, limits: &Limits) -> Result<SheetCells> {
    let mut book: Xlsx<R> = Xlsx::new(reader).map_err(invalid)?;
    let name = pick_sheet(&book.sheet_names(), sheet)?;
    sheet_cells(&mut book, &name, limits)
}

/// Excel's grid: no worksheet has more rows or columns.
const MAX_ROWS: u32 = 1 << 20;
const MAX_COLUMNS: u32 = 1 << 14;

/// The worksheet's cells that hold something, as text, by (row, column), 0-based.
pub(super) type SheetCells = BTreeMap<(u32, u32), String>;

/// Reads the worksheet cell by cell. calamine's `worksheet_range` would build the dense
/// rectangle between the first and the last cell without checking where they are: a cell
/// at A1 and one at XFD1048576 (or at a reference beyond Excel's grid, which calamine does
/// not refuse) asks for billions of cells, and an allocation failure aborts the process,
/// which no `catch_unwind` catches (in WebAssembly every panic aborts). Here only the cells
/// present are kept, and a reference outside the grid is `invalid_file`.
/// Each cell is held to the import's column and cell limits as it is read.
#[cfg(feature = "xlsx-read")]
fn sheet_cells<R: Read + Seek>(
    book: &mut Xlsx<R>,
    name: &str,
    limits: &Limits,
) -> Result<SheetCells> {
    let mut cells = SheetCells::new();
    let mut reader = match book.worksheet_cells_reader(name) {
        Ok(r) => r,
        // A chart sheet: no cells (as calamine's own range reader does).
        Err(XlsxError::NotAWorksheet(_)) => return Ok(cells),
        Err(e) => return Err(invalid(e)),
    };
    while let Some(cell) = reader.next_cell().map_err(invalid)? {
        let value = cell.get_value();
        if matches!(value, DataRef::Empty) {
            continue;
        }
        let pos = cell.get_position();
        keep(&mut cells, pos, text(&Data::from(value.clone())), limits)?;
    }
    Ok(cells)
}

/// Keeps a cell that holds something at `(row, col)`, after checking that it lies in the
/// grid and within the import's column and cell limits.
pub(super) fn keep(
    cells: &mut SheetCells,
    (row, col): (u32, u32),
    t: String,
    limits: &Limits,
) -> Result<()> {
    if row >= MAX_ROWS || col >= MAX_COLUMNS {
        return Err(Error::InvalidFile {
            format: "xlsx".into(),
            message: format!(
                "a cell lies outside the worksheet grid (row {}, column {})",
                u64::from(row) + 1,
                u64::from(col) + 1
            ),
        });
    }
    limits.check_width(col as usize + 1)?;
    limits.check_cell(t.as_bytes())?;
    // A position given twice keeps its last value, as a spreadsheet shows it.
    cells.insert((row, col), t);
    Ok(())
}

/// The reference check of `refs` on one `r` attribute (of a `row` or `c`).
#[cfg(feature = "xlsx-lite")]
pub(super) fn check_reference(text: &str) -> Result<()> {
    refs::reference(text).map(|_| ())
}

/// The reference check of `refs` on one worksheet dimension.
#[cfg(feature = "xlsx-lite")]
pub(super) fn check_dimension(text: &str) -> Result<()> {
    refs::dimension(text)
}

/// The worksheet's rows that hold something: (row, cells as (column, text)), in order.
fn sheet_rows(cells: &SheetCells) -> Vec<(u32, Vec<(u32, &str)>)> {
    let mut rows: Vec<(u32, Vec<(u32, &str)>)> = Vec::new();
    for (&(row, col), t) in cells {
        match rows.last_mut() {
            Some((r, items)) if *r == row => items.push((col, t.as_str())),
            _ => rows.push((row, vec![(col, t.as_str())])),
        }
    }
    rows
}

/// A row's cells at their column positions (gaps empty), up to `width` columns.
fn dense<'a>(items: &[(u32, &'a str)], width: usize, out: &mut Vec<&'a str>) {
    out.clear();
    for &(col, t) in items {
        let col = col as usize;
        if col >= width {
            break;
        }
        out.resize(col, "");
        out.push(t);
    }
}

/// Refuses a file larger than `max_bytes`.
fn check_bytes<R: Read + Seek>(reader: &mut R, limits: &Limits) -> Result<()> {
    if let Some(limit) = limits.max_bytes {
        let len = reader.seek(SeekFrom::End(0))?;
        reader.seek(SeekFrom::Start(0))?;
        if len > limit {
            return Err(Limits::bytes_error(limit));
        }
    }
    Ok(())
}

/// Reads one worksheet into `imp` (calamine; the size-made reader in builds without it).
pub(crate) fn read<R: Read + Seek>(
    mut reader: R,
    imp: &mut Importer<'_>,
    sheet: Option<&str>,
    limits: &Limits,
) -> Result<()> {
    check_bytes(&mut reader, limits)?;
    #[cfg(feature = "xlsx-read")]
    let cells = calamine_cells(reader, sheet, limits)?;
    #[cfg(not(feature = "xlsx-read"))]
    let cells = lite_cells(reader, sheet, limits)?;
    fill(imp, &cells)
}

/// Reads one worksheet into `imp` with the size-made reader (`super::xlsx_lite`).
#[cfg(feature = "xlsx-lite")]
pub(crate) fn read_lite<R: Read + Seek>(
    mut reader: R,
    imp: &mut Importer<'_>,
    sheet: Option<&str>,
    limits: &Limits,
) -> Result<()> {
    check_bytes(&mut reader, limits)?;
    let cells = lite_cells(reader, sheet, limits)?;
    fill(imp, &cells)
}

#[cfg(feature = "xlsx-lite")]
fn lite_cells<R: Read>(mut reader: R, sheet: Option<&str>, limits: &Limits) -> Result<SheetCells> {
    let mut data = Vec::new();
    reader.read_to_end(&mut data)?;
    super::xlsx_lite::sheet_cells(&data, sheet, limits)
}

#[cfg(feature = "xlsx-read")]
fn calamine_cells<R: Read + Seek>(
    mut reader: R,
    sheet: Option<&str>,
    limits: &Limits,
) -> Result<SheetCells> {
    // The declared sizes first: the reference check below decompresses every part.
    super::zip_check::check(&mut reader, limits)?;
    refs::check(&mut reader)?;
    // calamine is not written against hostile files: a panic inside it becomes an
    // `invalid_file` error instead of unwinding through the caller (and a binding).
    let sheet = sheet.map(str::to_owned);
    let limits = *limits;
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(move || {
        load(reader, sheet.as_deref(), &limits)
    }))
    .map_err(|_| invalid("the workbook could not be read (reader failure)"))?
}

/// The worksheet's cells into `imp`: the header row found, rows before it reported as
/// preamble, the rows after it validated.
fn fill(imp: &mut Importer<'_>, cells: &SheetCells) -> Result<()> {
    let rows = sheet_rows(cells);
    let Some(&(first_row, _)) = rows.first() else {
        imp.header(1, &[]);
        return Ok(());
    };
    let blank = |items: &[(u32, &str)]| items.iter().all(|(_, t)| t.trim().is_empty());
    // The header: the first of the first ten rows (from the first used one) that names at
    // least two known columns; else the first row with any text.
    let header_at = rows
        .iter()
        .take_while(|(r, _)| r.saturating_sub(first_row) < 10)
        .find(|(_, items)| {
            items
                .iter()
                .filter(|(_, t)| Field::from_header(t).is_some())
                .count()
                >= 2
        })
        .or_else(|| rows.iter().find(|(_, items)| !blank(items)))
        .map(|(r, _)| *r);
    // Every row as wide as the sheet's used columns for the header (its column list);
    // data rows only up to the last column whose header names a field: the importer reads
    // nothing else, and a sheet of many rows each with a cell far right stays cheap.
    let width = cells
        .keys()
        .map(|&(_, c)| c as usize + 1)
        .max()
        .unwrap_or(0);
    let read_width = rows
        .iter()
        .find(|(r, _)| Some(*r) == header_at)
        .and_then(|(_, items)| {
            items
                .iter()
                .filter(|(_, t)| Field::from_header(t.trim()).is_some())
                .map(|&(c, _)| c as usize + 1)
                .max()
        })
        .unwrap_or(0);
    let mut refs: Vec<&str> = Vec::new();
    for (r, items) in &rows {
        if blank(items) {
            continue;
        }
        let row = u64::from(*r) + 1;
        match Some(*r).cmp(&header_at) {
            std::cmp::Ordering::Less => {
                dense(items, usize::MAX, &mut refs);
                let mut d = Diagnostic::new("preamble_skipped", format!("/rows/{row}"))
                    .with_value(refs.join(" ").trim().to_owned());
                d.row = Some(row);
                imp.push(d);
            }
            std::cmp::Ordering::Equal => {
                dense(items, width, &mut refs);
                refs.resize(width, "");
                imp.header(row, &refs);
            }
            std::cmp::Ordering::Greater => {
                dense(items, read_width, &mut refs);
                imp.row(row, &refs)?;
            }
        }
    }
    Ok(())
}
