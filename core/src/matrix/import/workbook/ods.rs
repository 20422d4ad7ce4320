//! The `.ods` guard, run before calamine reads the spreadsheet.
//!
//! calamine reads every table of an `.ods` when it opens it: each row's cells into one
//! vector (a cell repeated `table:number-columns-repeated` times is pushed that many times,
//! up to 16,384 a row), then each table into a dense grid from its first to its last
//! non-empty cell, rows repeated `table:number-rows-repeated` times copied (up to 100
//! million cells). A row of a hundred bytes can ask for 16,384 cells, a table of a few
//! kilobytes for 100 million: gigabytes from a small file, and an allocation failure aborts
//! the process. Here `content.xml` is scanned as calamine scans it and what it will allocate
//! is added up; above `max_uncompressed_bytes` the file is refused as `limit_exceeded`
//! (`what`: `workbook_grid_bytes`).

use crate::{Error, Result};
use calamine::Data;
use quick_xml::events::{BytesStart, Event};
use std::io::{BufReader, Read, Seek, SeekFrom};

/// calamine's caps (`ods.rs`): columns a row, rows a table, cells a table's grid.
const MAX_COLUMNS: u64 = 16_384;
const MAX_ROWS: u64 = 1_048_576;
const MAX_CELLS: u64 = 100_000_000;

/// One row as calamine reads it: cells pushed, first and last non-empty column.
#[derive(Default)]
struct Row {
    repeats: u64,
    pushed: u64,
    pending_empty: u64,
    first: Option<u64>,
    end: u64,
}

impl Row {
    fn cell(&mut self, repeats: u64, empty: bool) {
        // Empty cells are pushed only when a non-empty one follows them.
        let pending = self.pending_empty.min(MAX_COLUMNS - self.pushed);
        self.pushed += pending;
        self.pending_empty = 0;
        let repeats = repeats.min(MAX_COLUMNS - self.pushed);
        if empty {
            self.pending_empty = repeats;
        } else {
            self.first.get_or_insert(self.pushed);
            self.pushed += repeats;
            self.end = self.pushed;
        }
    }
}

/// One table: the cells its rows pushed, and the rows that make up its grid.
#[derive(Default)]
struct Table {
    rows_seen: u64,
    pushed: u64,
    // From the first non-empty row to the last: rows (repeats included), columns.
    grid_rows: u64,
    pending_rows: u64,
    col_min: Option<u64>,
    col_max: u64,
}

impl Table {
    fn row(&mut self, row: Row) {
        let repeats = row.repeats.min(MAX_ROWS.saturating_sub(self.rows_seen));
        self.rows_seen += repeats;
        self.pushed += row.pushed;
        match row.first {
            None => {
                if self.col_min.is_some() {
                    self.pending_rows += repeats;
                }
            }
            Some(first) => {
                // Empty rows between non-empty ones are part of the grid.
                self.grid_rows += self.pending_rows + repeats;
                self.pending_rows = 0;
                self.col_min = Some(self.col_min.map_or(first, |c| c.min(first)));
                self.col_max = self.col_max.max(row.end);
            }
        }
    }

    fn cells(&self) -> u64 {
        let width = self
            .col_min
            .map_or(0, |min| self.col_max.saturating_sub(min));
        // calamine stops with an error past MAX_CELLS: it allocates at most that much.
        self.pushed + self.grid_rows.saturating_mul(width).min(MAX_CELLS)
    }
}

fn attr_u64(e: &BytesStart<'_>, name: &str) -> Option<u64> {
    e.attributes()
        .with_checks(false)
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .and_then(|a| a.value.trim().parse().ok())
}

/// Whether a cell element holds nothing calamine keeps: no value type, no formula, no
/// content. (A cell with content counts as non-empty: the bound stays an upper one.)
fn empty_cell(e: &BytesStart<'_>, closed: bool) -> bool {
    closed
        && !e.attributes().with_checks(false).flatten().any(|a| {
            matches!(
                a.key.as_ref(),
                "office:value-type" | "table:formula" | "office:value"
            )
        })
}

/// Refuses the `.ods` at `reader` (rewound afterwards) if calamine would allocate more than
/// `max` bytes for its tables. A package this scan cannot read passes: calamine then
/// reports it as it does any damaged file.
pub(crate) fn check<R: Read + Seek>(reader: &mut R, max: Option<u64>) -> Result<()> {
    let Some(max) = max else {
        return Ok(());
    };
    let start = reader.stream_position()?;
    let cells = count(&mut *reader);
    reader.seek(SeekFrom::Start(start))?;
    // A cell and its formula text, in two parallel grids.
    let per_cell = (std::mem::size_of::<Data>() + std::mem::size_of::<String>()) as u128;
    if u128::from(cells) * per_cell > u128::from(max) {
        return Err(Error::limit(
            "workbook_grid_bytes",
            max,
            Some("max_uncompressed_bytes"),
        ));
    }
    Ok(())
}

/// The cells calamine will allocate for every table of `content.xml`.
fn count<R: Read + Seek>(reader: R) -> u64 {
    let Ok(mut zip) = zip::ZipArchive::new(reader) else {
        return 0;
    };
    let Ok(part) = zip.by_name("content.xml") else {
        return 0;
    };
    let mut xml = quick_xml::Reader::from_reader(BufReader::new(part));
    let config = xml.config_mut();
    config.check_end_names = false;
    config.check_comments = false;
    let mut buf = Vec::new();
    let mut total: u64 = 0;
    let mut table: Option<Table> = None;
    let mut row: Option<Row> = None;
    loop {
        buf.clear();
        let (e, closed) = match xml.read_event_into(&mut buf) {
            Ok(Event::Start(e)) => (e, false),
            Ok(Event::Empty(e)) => (e, true),
            Ok(Event::End(e)) => {
                match e.name().as_ref() {
                    "table:table-row" => {
                        if let (Some(t), Some(r)) = (table.as_mut(), row.take()) {
                            t.row(r);
                        }
                    }
                    "table:table" => {
                        if let Some(t) = table.take() {
                            total = total.saturating_add(t.cells());
                        }
                    }
                    _ => {}
                }
                continue;
            }
            // Where the XML ends or breaks, calamine stops reading too.
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => continue,
        };
        match e.name().as_ref() {
            "table:table" if !closed => {
                table = Some(Table::default());
            }
            "table:table-row" => {
                let r = Row {
                    repeats: attr_u64(&e, "table:number-rows-repeated").unwrap_or(1),
                    ..Row::default()
                };
                if closed {
                    if let Some(t) = table.as_mut() {
                        t.row(r);
                    }
                } else {
                    row = Some(r);
                }
            }
            "table:table-cell" | "table:covered-table-cell" => {
                if let Some(r) = row.as_mut() {
                    let repeats = attr_u64(&e, "table:number-columns-repeated").unwrap_or(1);
                    r.cell(repeats, empty_cell(&e, closed));
                }
            }
            _ => {}
        }
    }
    if let Some(t) = table {
        total = total.saturating_add(t.cells());
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_push_cells_up_to_the_last_non_empty_one() {
        let mut r = Row::default();
        r.cell(3, true);
        r.cell(1, false);
        r.cell(100, true);
        assert_eq!((r.pushed, r.first, r.end), (4, Some(3), 4));
        // a value repeated across the whole row is capped at 16,384 columns
        let mut r = Row::default();
        r.cell(1 << 40, false);
        r.cell(5, false);
        assert_eq!(r.pushed, MAX_COLUMNS);
    }

    #[test]
    fn tables_count_repeated_rows_between_non_empty_ones() {
        let full = |n: u64, repeats: u64| {
            let mut r = Row {
                repeats,
                ..Row::default()
            };
            r.cell(n, false);
            r
        };
        let mut t = Table::default();
        t.row(Row {
            repeats: 5,
            ..Row::default()
        });
        t.row(full(2, 1));
        t.row(Row {
            repeats: 10,
            ..Row::default()
        });
        t.row(full(4, 3));
        // trailing empty rows are not part of the grid
        t.row(Row {
            repeats: 1000,
            ..Row::default()
        });
        // pushed: 2 + 4; grid: (1 + 10 + 3) rows of 4 columns
        assert_eq!(t.cells(), 6 + 14 * 4);
        let mut t = Table::default();
        t.row(full(MAX_COLUMNS, 1 << 40));
        assert_eq!(t.cells(), MAX_COLUMNS + MAX_CELLS);
    }
}
