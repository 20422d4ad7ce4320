//! XLSX reader (calamine): one worksheet, first by default; cells become the text a
//! spreadsheet would show, then go through the same row validation as CSV.

use super::Importer;
use super::headers::Field;
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

/// Opens the workbook and reads the chosen worksheet's cells.
fn load<R: Read + Seek>(reader: R, sheet: Option<&str>) -> Result<calamine::Range<Data>> {
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
    book.worksheet_range(&name).map_err(invalid)
}

/// Reads one worksheet into `imp`.
pub(crate) fn read<R: Read + Seek>(
    mut reader: R,
    imp: &mut Importer<'_>,
    sheet: Option<&str>,
    max_bytes: Option<u64>,
) -> Result<()> {
    if let Some(limit) = max_bytes {
        let len = reader.seek(SeekFrom::End(0))?;
        reader.seek(SeekFrom::Start(0))?;
        if len > limit {
            return Err(Error::LimitExceeded {
                what: "file bytes".into(),
                limit,
            });
        }
    }
    // calamine is not written against hostile files: a panic inside it becomes an
    // `invalid_file` error instead of unwinding through the caller (and a binding).
    let sheet = sheet.map(str::to_owned);
    let loaded = std::panic::catch_unwind(std::panic::AssertUnwindSafe(move || {
        load(reader, sheet.as_deref())
    }))
    .map_err(|_| invalid("the workbook could not be read (reader failure)"))?;
    let range = loaded?;
    let first_row = u64::from(range.start().map_or(0, |(r, _)| r));
    let first_col = range.start().map_or(0, |(_, c)| c) as usize;
    let mut header_at: Option<usize> = None;
    let rows: Vec<&[Data]> = range.rows().collect();
    // The header: the first of the first rows that names at least two known columns.
    for (i, r) in rows.iter().take(10).enumerate() {
        let known = r
            .iter()
            .filter(|c| Field::from_header(&text(c)).is_some())
            .count();
        if known >= 2 {
            header_at = Some(i);
            break;
        }
    }
    let header_at = match header_at {
        Some(h) => h,
        None => rows
            .iter()
            .position(|r| r.iter().any(|c| !text(c).trim().is_empty()))
            .unwrap_or(0),
    };
    let mut cells: Vec<String> = Vec::new();
    for (i, r) in rows.iter().enumerate() {
        let row = first_row + i as u64 + 1;
        cells.clear();
        // Columns left of the used range are empty in the sheet: keep positions aligned.
        cells.extend(std::iter::repeat_n(String::new(), first_col));
        cells.extend(r.iter().map(text));
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let refs: Vec<&str> = cells.iter().map(String::as_str).collect();
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
