//! The `.xls` guard, run before calamine reads the workbook.
//!
//! calamine reads every worksheet of an `.xls` when it opens it, each into a dense grid
//! from its first to its last cell, after reserving what the sheet's DIMENSIONS record
//! declares. A file of a few kilobytes can place two cells 65,535 rows and 255 columns
//! apart, or declare four billion rows: gigabytes to terabytes asked of the allocator,
//! whose failure aborts the process (no `catch_unwind` catches it; in WebAssembly the
//! instance dies). Here the workbook stream is scanned record by record (type, length,
//! body) and what calamine will allocate is added up; above `max_uncompressed_bytes` the
//! file is refused as `limit_exceeded` (`what`: `workbook_grid_bytes`). An encrypted XLSX
//! package (also a compound file) is named as such instead of failing as a damaged `.xls`;
//! a password-protected `.xls` is refused by calamine itself.

use super::cfb::Cfb;
use crate::{Error, Result};
use calamine::{Cell, Data};

fn invalid(message: impl Into<String>) -> Error {
    Error::InvalidFile {
        format: "xls".into(),
        message: message.into(),
    }
}

/// What one worksheet substream will cost calamine: its DIMENSIONS reservation and the
/// bounding boxes of its cells and formulas.
#[derive(Default)]
struct Sheet {
    reserve: u128,
    cells: Bounds,
    formulas: Bounds,
}

#[derive(Default, Clone, Copy)]
struct Bounds(Option<(u32, u32, u32, u32)>);

impl Bounds {
    fn add(&mut self, row: u32, col: u32) {
        self.0 = Some(match self.0 {
            None => (row, row, col, col),
            Some((r0, r1, c0, c1)) => (r0.min(row), r1.max(row), c0.min(col), c1.max(col)),
        });
    }

    /// The number of cells of the dense grid calamine builds over them.
    fn area(self) -> u128 {
        self.0.map_or(0, |(r0, r1, c0, c1)| {
            u128::from(r1 - r0 + 1) * u128::from(c1 - c0 + 1)
        })
    }
}

impl Sheet {
    fn bytes(&self) -> u128 {
        let cell = std::mem::size_of::<Cell<Data>>() as u128;
        let formula = std::mem::size_of::<Cell<String>>() as u128;
        // The reservation holds sparse cells; the grids hold values (a `Data` or a
        // `String` each), which are not larger than the cells: counting both as cells
        // keeps the bound an upper one.
        self.reserve.max(self.cells.area()) * cell + self.formulas.area() * formula
    }
}

/// calamine's reading of a DIMENSIONS record (`xls.rs`, `parse_dimensions`): the number of
/// cells it reserves, with its `u32` arithmetic (a last row before the first wraps).
fn dimensions(body: &[u8]) -> Option<u128> {
    let u16_at = |at: usize| -> Option<u32> {
        Some(u32::from(u16::from_le_bytes(
            body.get(at..at + 2)?.try_into().ok()?,
        )))
    };
    let u32_at = |at: usize| -> Option<u32> {
        Some(u32::from_le_bytes(body.get(at..at + 4)?.try_into().ok()?))
    };
    let (rf, rl, mut cf, cl) = match body.len() {
        10 => (u16_at(0)?, u16_at(2)?, u16_at(4)?, u16_at(6)?),
        14 | 16 => (u32_at(0)?, u32_at(4)?, u16_at(8)?, u16_at(10)?),
        // calamine refuses the record: nothing is reserved.
        _ => return None,
    };
    if 0xFF < cf || cl < cf {
        cf = 0;
    }
    let (start, end) = if 1 <= rl && 1 <= cl {
        ((rf, cf), (rl - 1, cl - 1))
    } else {
        ((rf, cf), (rf, cf))
    };
    let rows = end.0.wrapping_sub(start.0).wrapping_add(1);
    let cols = end.1.wrapping_sub(start.1).wrapping_add(1);
    Some(u128::from(rows) * u128::from(cols))
}

/// The records of a BIFF stream from its start: (type, body). Stops where a record's
/// length runs past the end, as calamine's record iterator does (with an error there).
fn records(stream: &[u8]) -> impl Iterator<Item = (u16, &[u8])> {
    let mut at = 0usize;
    std::iter::from_fn(move || {
        let &[t0, t1, l0, l1] = stream.get(at..at.checked_add(4)?)? else {
            return None;
        };
        let len = usize::from(u16::from_le_bytes([l0, l1]));
        let body = stream.get(at + 4..at + 4 + len)?;
        at += 4 + len;
        Some((u16::from_le_bytes([t0, t1]), body))
    })
}

/// A cell record's (row, column): its first two `u16`.
fn position(body: &[u8]) -> Option<(u32, u32)> {
    let &[r0, r1, c0, c1, ..] = body else {
        return None;
    };
    Some((
        u32::from(u16::from_le_bytes([r0, r1])),
        u32::from(u16::from_le_bytes([c0, c1])),
    ))
}

/// What calamine allocates for the worksheet substream starting at the top of `stream`:
/// it reads records up to the sheet's EOF, skipping nested substreams (embedded charts).
fn sheet(stream: &[u8]) -> Sheet {
    let mut sheet = Sheet::default();
    let mut seen_bof = false;
    let mut depth = 0usize;
    for (typ, body) in records(stream) {
        if depth > 0 {
            match typ {
                0x0809 => depth += 1,
                0x000A => depth -= 1,
                _ => {}
            }
            continue;
        }
        match typ {
            0x0809 if seen_bof => depth += 1,
            0x0809 => seen_bof = true,
            0x000A => break,
            0x0200 => {
                if let Some(n) = dimensions(body) {
                    sheet.reserve = sheet.reserve.max(n);
                }
            }
            // Number, Label, RString, BoolErr, Rk, LabelSst: one cell each.
            0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD => {
                if let Some((r, c)) = position(body) {
                    sheet.cells.add(r, c);
                }
            }
            // MulRk: a run of cells from its first column to the one in its last 2 bytes.
            0x00BD => {
                if let (Some((r, c)), Some(&[l0, l1])) = (
                    position(body),
                    body.len().checked_sub(2).and_then(|i| body.get(i..)),
                ) {
                    sheet.cells.add(r, c);
                    sheet
                        .cells
                        .add(r, u32::from(u16::from_le_bytes([l0, l1])).max(c));
                }
            }
            // Formula: its value (a cell) and its text (a formula cell).
            0x0006 => {
                if let Some((r, c)) = position(body) {
                    sheet.cells.add(r, c);
                    sheet.formulas.add(r, c);
                }
            }
            _ => {}
        }
    }
    sheet
}

/// Refuses the `.xls` in `bytes` if its compound-file structure cannot be followed (a chain
/// that leaves the file or loops), if it is an encrypted package, or if calamine would
/// allocate more than `max` bytes for its worksheets' grids.
pub(crate) fn check(bytes: &[u8], max: Option<u64>) -> Result<()> {
    // calamine's own compound-file reader indexes past its buffer on a truncated file and
    // follows looping chains without end: a structure this reader cannot follow is refused
    // before calamine sees it.
    let cfb = Cfb::open(bytes).map_err(invalid)?;
    // An encrypted XLSX (or XLSM) is a compound file too, holding the encrypted zip.
    if cfb
        .entries()
        .iter()
        .any(|e| e.name.eq_ignore_ascii_case("EncryptedPackage"))
    {
        return Err(invalid(
            "the workbook is password-protected (an encrypted package): save it without a password",
        ));
    }
    // The stream calamine reads (it reports a missing one itself).
    let stream = match cfb.stream("Workbook").map_err(invalid)? {
        Some(s) => s,
        None => match cfb.stream("Book").map_err(invalid)? {
            Some(s) => s,
            None => return Ok(()),
        },
    };
    let Some(max) = max else {
        return Ok(());
    };
    // The globals substream lists the sheets (BoundSheet8) with their offsets; calamine
    // reads each from its offset, a sheet named twice twice.
    let mut total: u128 = 0;
    for (typ, body) in records(&stream) {
        match typ {
            0x000A => break,
            0x0085 => {
                let Some(&[p0, p1, p2, p3]) = body.get(..4) else {
                    continue;
                };
                let at = u32::from_le_bytes([p0, p1, p2, p3]) as usize;
                if let Some(rest) = stream.get(at..) {
                    total += sheet(rest).bytes();
                }
            }
            _ => {}
        }
        if total > u128::from(max) {
            break;
        }
    }
    if total > u128::from(max) {
        return Err(Error::limit(
            "workbook_grid_bytes",
            max,
            Some("max_uncompressed_bytes"),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dimensions_are_read_as_calamine_reads_them() {
        let rec = |rf: u32, rl: u32, cf: u16, cl: u16| {
            let mut b = Vec::new();
            b.extend(rf.to_le_bytes());
            b.extend(rl.to_le_bytes());
            b.extend(cf.to_le_bytes());
            b.extend(cl.to_le_bytes());
            b.extend([0, 0]);
            b
        };
        // rows 0..10 (last row is exclusive), columns 0..4
        assert_eq!(dimensions(&rec(0, 10, 0, 4)), Some(40));
        // an empty sheet: one cell
        assert_eq!(dimensions(&rec(0, 0, 0, 0)), Some(1));
        // a last row before the first wraps in u32, as calamine computes it
        assert_eq!(
            dimensions(&rec(10, 5, 0, 1)),
            Some(u128::from(4u32.wrapping_sub(10).wrapping_add(1)))
        );
        // a first column above 0xFF is read as 0
        assert_eq!(dimensions(&rec(0, 1, 0x100, 0x101)), Some(0x101));
        assert_eq!(dimensions(&[0; 12]), None);
    }

    #[test]
    fn bounds_count_the_dense_grid() {
        let mut b = Bounds::default();
        assert_eq!(b.area(), 0);
        b.add(3, 2);
        assert_eq!(b.area(), 1);
        b.add(0, 0);
        assert_eq!(b.area(), 4 * 3);
        b.add(65_535, 255);
        assert_eq!(b.area(), 65_536 * 256);
    }
}
