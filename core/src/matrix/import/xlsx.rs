//! XLSX reader (calamine): one worksheet, first by default; cells become the text a
//! spreadsheet would show, then go through the same row validation as CSV.

use super::Importer;
use super::headers::Field;
use super::limits::Limits;
use crate::diagnostic::Diagnostic;
use crate::{Error, Result};
use calamine::{Data, Reader, Xlsx};
use std::io::{Read, Seek, SeekFrom};

fn invalid(e: impl std::fmt::Display) -> Error {
    Error::InvalidFile {
        format: "xlsx".into(),
        message: e.to_string(),
    }
}

/// The text of a cell: dates as ISO `yyyy-mm-dd`, numbers as Rust prints them (`45`,
/// `0.45`), errors as their Excel spelling (which then fails validation with a finding).
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
        Data::Error(e) => format!("#{e}"),
    }
}

/// One non-empty cell: (row, column, text), 0-based positions as in the sheet.
type SheetCell = (u32, u32, String);

/// Opens the workbook and reads the chosen worksheet's non-empty cells, sorted by row and
/// column. Cells are streamed and kept sparse (calamine's dense `Range` would allocate
/// rows x columns cells: two cells at A1 and XFD1048576 ask for 17 billion), and each is
/// held to the cell and column limits as it is read.
fn load<R: Read + Seek>(reader: R, sheet: Option<&str>, limits: &Limits) -> Result<Vec<SheetCell>> {
    let mut book: Xlsx<R> = Xlsx::new(reader).map_err(invalid)?;
    let names = book.sheet_names();
    let name = match sheet {
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
            })?,
        None => names
            .first()
            .cloned()
            .ok_or_else(|| invalid("the workbook has no worksheet"))?,
    };
    let mut cells_reader = match book.worksheet_cells_reader(&name) {
        Ok(r) => r,
        // A chart sheet has no cells: an empty sheet, as calamine's own range reader says.
        Err(calamine::XlsxError::NotAWorksheet(_)) => return Ok(Vec::new()),
        Err(e) => return Err(invalid(e)),
    };
    let mut cells = Vec::new();
    while let Some(cell) = cells_reader.next_cell().map_err(invalid)? {
        let (row, col) = cell.get_position();
        let value = Data::from(cell.get_value().clone());
        if value == Data::Empty {
            continue;
        }
        limits.check_width(col as usize + 1)?;
        let t = text(&value);
        limits.check_cell(t.as_bytes())?;
        cells.push((row, col, t));
    }
    // Stable: of two cells at one place the later one wins, as in calamine's range.
    cells.sort_by_key(|(r, c, _)| (*r, *c));
    Ok(cells)
}

/// The cells of one row, at their column positions, up to `width` cells (`None`: the
/// row's own last cell). Of two cells at one place the later one wins.
fn place<'a>(row: &'a [SheetCell], width: Option<usize>, out: &mut Vec<&'a str>) {
    out.clear();
    let last = row
        .iter()
        .map(|(_, c, _)| *c as usize + 1)
        .max()
        .unwrap_or(0);
    out.resize(width.map_or(last, |w| w.min(last)), "");
    for (_, c, t) in row {
        if let Some(slot) = out.get_mut(*c as usize) {
            *slot = t.as_str();
        }
    }
}

/// Reads one worksheet into `imp`.
pub(crate) fn read<R: Read + Seek>(
    mut reader: R,
    imp: &mut Importer<'_>,
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
    super::zip_check::check(&mut reader, limits)?;
    // calamine is not written against hostile files: a panic inside it becomes an
    // `invalid_file` error instead of unwinding through the caller (and a binding).
    let sheet = sheet.map(str::to_owned);
    let limits_copy = *limits;
    let loaded = std::panic::catch_unwind(std::panic::AssertUnwindSafe(move || {
        load(reader, sheet.as_deref(), &limits_copy)
    }))
    .map_err(|_| invalid("the workbook could not be read (reader failure)"))?;
    let cells = loaded?;
    // The non-empty rows, each a run of the sorted cells.
    let rows: Vec<&[SheetCell]> = cells.chunk_by(|a, b| a.0 == b.0).collect();
    let first_row = rows
        .first()
        .and_then(|r| r.first())
        .map_or(0, |(r, _, _)| *r);
    let blank = |r: &[SheetCell]| r.iter().all(|(_, _, t)| t.trim().is_empty());
    // The header: the first row of the sheet's first ten (from its first used row) that
    // names at least two known columns; else the first row with some text.
    let header_at = rows
        .iter()
        .take_while(|r| {
            r.first()
                .is_some_and(|(n, _, _)| *n < first_row.saturating_add(10))
        })
        .position(|r| {
            r.iter()
                .filter(|(_, _, t)| Field::from_header(t).is_some())
                .count()
                >= 2
        })
        .or_else(|| rows.iter().position(|r| !blank(r)))
        .unwrap_or(0);
    let mut refs: Vec<&str> = Vec::new();
    for (i, r) in rows.iter().enumerate() {
        let Some(row) = r.first().map(|(n, _, _)| u64::from(*n) + 1) else {
            continue;
        };
        if blank(r) {
            continue;
        }
        // Data rows stop at the header's width: cells beyond it have no field, and a
        // stray cell in column XFD must not make every row 16,384 cells wide.
        let width = (i > header_at).then(|| imp.width().max(1));
        place(r, width, &mut refs);
        match i.cmp(&header_at) {
            std::cmp::Ordering::Less => {
                let mut d = Diagnostic::new("preamble_skipped", format!("/rows/{row}"))
                    .with_value(refs.join(" ").trim().to_owned());
                d.row = Some(row);
                imp.push(d);
            }
            std::cmp::Ordering::Equal => imp.header(row, &refs),
            std::cmp::Ordering::Greater => imp.row(row, &refs)?,
        }
    }
    if rows.is_empty() {
        imp.header(1, &[]);
    }
    Ok(())
}
