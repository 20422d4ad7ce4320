//! Spreadsheet reader (calamine): `.xlsx`, `.xlsm`, `.xlsb`, `.xls` and `.ods`, told apart
//! by their bytes. One worksheet, the first by default; cells become the text a spreadsheet
//! would show, then go through the same row validation as CSV.
//!
//! Before calamine reads anything, each format's guard measures what reading will cost:
//! the zip directory's declared sizes (`zip_check.rs`), XLSX cell references outside the
//! grid (`refs.rs`), the grids calamine builds for `.xls` (`biff.rs`) and `.ods` (`ods.rs`).

mod biff;
mod cfb;
mod detect;
mod ods;
mod refs;

use super::Importer;
use super::headers::Field;
use super::limits::Limits;
use crate::{Error, Result};
use calamine::{Data, DataRef, Ods, Range, Reader, Xls, Xlsb, Xlsx, XlsxError};
use detect::Format;
use std::collections::BTreeMap;
use std::io::{Cursor, Read, Seek, SeekFrom};

fn invalid(format: Format, e: impl std::fmt::Display) -> Error {
    Error::InvalidFile {
        format: format.code().into(),
        message: e.to_string(),
    }
}

/// The text of a cell: dates as ISO `yyyy-mm-dd`, numbers as Rust prints them (`45`,
/// `0.45`), errors as the spreadsheet shows them (`#DIV/0!`, which then fails validation
/// with a finding).
fn text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) | Data::DurationIso(s) => s.clone(),
        // OpenDocument writes dates as ISO text, with a time when the cell has one: the
        // date part, as an Excel date cell shows.
        Data::DateTimeIso(s) => match s.split_once('T') {
            Some((day, _)) if chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").is_ok() => {
                day.to_owned()
            }
            _ => s.clone(),
        },
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) if dt.is_datetime() => {
            let (y, m, day, ..) = dt.to_ymd_hms_milli();
            format!("{y:04}-{m:02}-{day:02}")
        }
        Data::DateTime(dt) => dt.as_f64().to_string(),
        Data::Error(e) => e.to_string(),
    }
}

/// The worksheet to read: `sheet` by name (exact, else ignoring case and accents), or the
/// first.
fn pick_sheet(format: Format, names: &[String], sheet: Option<&str>) -> Result<String> {
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
        None => names
            .first()
            .cloned()
            .ok_or_else(|| invalid(format, "the workbook has no worksheet")),
    }
}

/// Opens the workbook and reads the chosen worksheet's cells.
fn load<R: Read + Seek>(
    format: Format,
    reader: R,
    sheet: Option<&str>,
    limits: &Limits,
) -> Result<SheetCells> {
    let bad = |e: &dyn std::fmt::Display| invalid(format, e);
    let mut cells = Cells::new(format, limits);
    match format {
        Format::Xlsx => {
            let mut book: Xlsx<R> = Xlsx::new(reader).map_err(|e| bad(&e))?;
            let name = pick_sheet(format, &book.sheet_names(), sheet)?;
            let mut cell_reader = match book.worksheet_cells_reader(&name) {
                Ok(r) => r,
                // A chart sheet: no cells (as calamine's own range reader does).
                Err(XlsxError::NotAWorksheet(_)) => return Ok(cells.done()),
                Err(e) => return Err(bad(&e)),
            };
            while let Some(cell) = cell_reader.next_cell().map_err(|e| bad(&e))? {
                let (row, col) = cell.get_position();
                cells.add_ref(row, col, cell.get_value())?;
            }
        }
        Format::Xlsb => {
            let mut book: Xlsb<R> = Xlsb::new(reader).map_err(|e| bad(&e))?;
            let name = pick_sheet(format, &book.sheet_names(), sheet)?;
            let mut cell_reader = book.worksheet_cells_reader(&name).map_err(|e| bad(&e))?;
            while let Some(cell) = cell_reader.next_cell().map_err(|e| bad(&e))? {
                let (row, col) = cell.get_position();
                cells.add_ref(row, col, cell.get_value())?;
            }
        }
        Format::Xls => {
            let mut book: Xls<R> = Xls::new(reader).map_err(|e| bad(&e))?;
            let name = pick_sheet(format, &book.sheet_names(), sheet)?;
            let range = book.worksheet_range(&name).map_err(|e| bad(&e))?;
            cells.add_range(&range)?;
        }
        Format::Ods => {
            let mut book: Ods<R> = Ods::new(reader).map_err(|e| bad(&e))?;
            let name = pick_sheet(format, &book.sheet_names(), sheet)?;
            let range = book.worksheet_range(&name).map_err(|e| bad(&e))?;
            cells.add_range(&range)?;
        }
    }
    Ok(cells.done())
}

/// Excel's grid: no worksheet has more rows or columns.
const MAX_ROWS: u32 = 1 << 20;
const MAX_COLUMNS: u32 = 1 << 14;

/// The worksheet's cells that hold something, as text, by (row, column), 0-based.
type SheetCells = BTreeMap<(u32, u32), String>;

/// The cells of a worksheet as they are read, each held to the grid and to the import's
/// column and cell limits.
///
/// XLSX and XLSB are read cell by cell: calamine's `worksheet_range` would build the dense
/// rectangle between the first and the last cell without checking where they are (a cell
/// at A1 and one at XFD1048576 asks for billions of cells, and an allocation failure aborts
/// the process, which no `catch_unwind` catches). Only the cells present are kept, and a
/// reference outside the grid is `invalid_file`. `.xls` and `.ods` have no such reader in
/// calamine: their grids are measured before reading (`biff.rs`, `ods.rs`).
struct Cells<'a> {
    format: Format,
    limits: &'a Limits,
    cells: SheetCells,
}

impl<'a> Cells<'a> {
    fn new(format: Format, limits: &'a Limits) -> Self {
        Cells {
            format,
            limits,
            cells: SheetCells::new(),
        }
    }

    fn add(&mut self, row: u32, col: u32, value: &Data) -> Result<()> {
        if matches!(value, Data::Empty) {
            return Ok(());
        }
        if row >= MAX_ROWS || col >= MAX_COLUMNS {
            return Err(invalid(
                self.format,
                format!(
                    "a cell lies outside the worksheet grid (row {}, column {})",
                    u64::from(row) + 1,
                    u64::from(col) + 1
                ),
            ));
        }
        self.limits.check_width(col as usize + 1)?;
        let t = text(value);
        self.limits.check_cell(t.as_bytes())?;
        // A position given twice keeps its last value, as a spreadsheet shows it.
        self.cells.insert((row, col), t);
        Ok(())
    }

    fn add_ref(&mut self, row: u32, col: u32, value: &DataRef<'_>) -> Result<()> {
        if matches!(value, DataRef::Empty) {
            return Ok(());
        }
        self.add(row, col, &Data::from(value.clone()))
    }

    fn add_range(&mut self, range: &Range<Data>) -> Result<()> {
        let Some((row0, col0)) = range.start() else {
            return Ok(());
        };
        for (r, c, value) in range.used_cells() {
            let (Ok(r), Ok(c)) = (u32::try_from(r), u32::try_from(c)) else {
                return Err(invalid(
                    self.format,
                    "a cell lies outside the worksheet grid",
                ));
            };
            self.add(row0.saturating_add(r), col0.saturating_add(c), value)?;
        }
        Ok(())
    }

    fn done(self) -> SheetCells {
        self.cells
    }
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

/// calamine is not written against hostile files: a panic inside it becomes an
/// `invalid_file` error instead of unwinding through the caller (and a binding).
fn guarded<R: Read + Seek>(
    format: Format,
    reader: R,
    sheet: Option<&str>,
    limits: &Limits,
) -> Result<SheetCells> {
    let sheet = sheet.map(str::to_owned);
    let limits = *limits;
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(move || {
        load(format, reader, sheet.as_deref(), &limits)
    }))
    .map_err(|_| invalid(format, "the workbook could not be read (reader failure)"))?
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

/// Reads one worksheet into `imp`.
pub(crate) fn read<R: Read + Seek>(
    mut reader: R,
    imp: &mut Importer,
    sheet: Option<&str>,
    limits: &Limits,
) -> Result<()> {
    if let Some(limit) = limits.max_bytes {
        let len = reader.seek(SeekFrom::End(0))?;
        reader.seek(SeekFrom::Start(0))?;
        if len > limit {
            return Err(Limits::bytes_error(limit));
        }
    }
    let cells = match detect::detect(&mut reader)? {
        None => {
            return Err(Error::InvalidFile {
                format: "spreadsheet".into(),
                message: "not a spreadsheet: expected an XLSX, XLSM, XLSB, XLS or ODS workbook"
                    .into(),
            });
        }
        Some(Format::Xls) => {
            // calamine reads the whole compound file into memory anyway.
            let mut bytes = Vec::new();
            reader.read_to_end(&mut bytes)?;
            biff::check(&bytes, limits.max_uncompressed_bytes)?;
            guarded(Format::Xls, Cursor::new(bytes), sheet, limits)?
        }
        Some(format) => {
            // The declared sizes first: the checks below decompress parts.
            super::zip_check::check(&mut reader, limits)?;
            match format {
                Format::Xlsx => refs::check(&mut reader)?,
                Format::Ods => ods::check(&mut reader, limits.max_uncompressed_bytes)?,
                Format::Xlsb | Format::Xls => {}
            }
            guarded(format, reader, sheet, limits)?
        }
    };
    let rows = sheet_rows(&cells);
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
                imp.preamble_skipped(row, &refs);
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The cells of the first worksheet of a test workbook of calamine's suite (Excel,
    /// LibreOffice), read as the import reads them.
    fn cells_of(name: &str) -> SheetCells {
        let path = format!(
            "{}/../examples/data/formats/calamine/{name}",
            env!("CARGO_MANIFEST_DIR")
        );
        let mut c = Cursor::new(std::fs::read(&path).unwrap());
        let format = detect::detect(&mut c).unwrap().unwrap();
        guarded(format, c, None, &Limits::default()).unwrap()
    }

    #[test]
    fn the_four_formats_of_one_workbook_give_the_same_cells() {
        let xlsx = cells_of("issues.xlsx");
        assert_eq!(xlsx.get(&(5, 0)).map(String::as_str), Some("2016-10-20"));
        assert_eq!(xlsx.get(&(1, 0)).map(String::as_str), Some("1.5"));
        assert_eq!(xlsx.get(&(3, 0)).map(String::as_str), Some("false"));
        for other in ["issues.xlsb", "issues.xls", "issues.ods"] {
            assert_eq!(cells_of(other), xlsx, "{other}");
        }
    }

    #[test]
    fn date_cells_read_as_iso_dates_in_both_date_systems() {
        for name in [
            "date.xlsx",
            "date.xlsb",
            "date.xls",
            "date_1904.xlsx",
            "date_1904.xlsb",
            "date_1904.xls",
        ] {
            let cells = cells_of(name);
            assert_eq!(
                (cells.get(&(0, 0)), cells.get(&(1, 0))),
                (
                    Some(&"2021-01-01".to_owned()),
                    Some(&"2021-01-02".to_owned())
                ),
                "{name}"
            );
        }
        // OpenDocument writes a date with a time as ISO text: its date part is kept
        let ods = cells_of("date.ods");
        assert_eq!(ods.get(&(0, 0)).map(String::as_str), Some("2021-01-01"));
        assert_eq!(ods.get(&(1, 0)).map(String::as_str), Some("2021-01-01"));
    }

    #[test]
    fn cell_texts_are_what_a_spreadsheet_shows() {
        use calamine::CellErrorType;
        assert_eq!(text(&Data::Error(CellErrorType::Div0)), "#DIV/0!");
        assert_eq!(text(&Data::Error(CellErrorType::NA)), "#N/A");
        assert_eq!(
            text(&Data::DateTimeIso("2024-05-02T10:30:00".into())),
            "2024-05-02"
        );
        assert_eq!(text(&Data::DateTimeIso("2024-05-02".into())), "2024-05-02");
        // a time alone, or text that is no date, is kept as it is
        assert_eq!(text(&Data::DateTimeIso("T10:30:00".into())), "T10:30:00");
        assert_eq!(text(&Data::Float(0.45)), "0.45");
        assert_eq!(text(&Data::Float(45.0)), "45");
        assert_eq!(text(&Data::Bool(true)), "true");
    }
}

#[cfg(test)]
mod xls_guard_tests {
    use super::*;

    fn example(name: &str) -> Vec<u8> {
        std::fs::read(format!(
            "{}/../examples/data/formats/{name}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap()
    }

    /// Whatever prefix of a real `.xls` arrives, the guard refuses it or calamine reads it
    /// without panicking (called here without `catch_unwind`: a panic fails the test).
    #[test]
    fn every_truncation_of_an_xls_is_refused_or_read_without_a_panic() {
        for name in [
            "celdas.xls",
            "matriz_seguimiento.xls",
            "calamine/issues.xls",
        ] {
            let full = example(name);
            let mut refused = 0;
            for len in (0..full.len()).step_by(97).chain([full.len()]) {
                let bytes = full.get(..len).unwrap().to_vec();
                if biff::check(&bytes, Some(1 << 30)).is_err() {
                    refused += 1;
                    continue;
                }
                let _ = load(Format::Xls, Cursor::new(bytes), None, &Limits::default());
            }
            assert!(refused > 0, "{name}");
            assert!(biff::check(&full, Some(1 << 30)).is_ok(), "{name}");
        }
    }

    #[test]
    fn a_looping_chain_is_refused() {
        let mut bytes = example("celdas.xls");
        // the directory's first sector points at itself in the FAT
        let first_dir = u32::from_le_bytes(bytes.get(0x30..0x34).unwrap().try_into().unwrap());
        let first_fat = u32::from_le_bytes(bytes.get(0x4C..0x50).unwrap().try_into().unwrap());
        let at = (first_fat as usize + 1) * 512 + 4 * first_dir as usize;
        bytes
            .get_mut(at..at + 4)
            .unwrap()
            .copy_from_slice(&first_dir.to_le_bytes());
        let err = biff::check(&bytes, None).unwrap_err();
        assert!(err.to_string().contains("loops"), "{err}");
    }
}
