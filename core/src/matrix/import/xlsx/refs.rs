//! Cell references checked before calamine reads a workbook.
//!
//! calamine 0.38 (the newest release) adds up the letters and digits of a reference
//! (`<c r="ZZZZZZZZ1">`, `<row r="99999999999">`) and subtracts a worksheet dimension's
//! corners (`<dimension ref="B2:A1"/>`) with unchecked `u32` arithmetic (upstream issues
//! tafia/calamine#694 and #709). With overflow checks (debug builds, the fuzz targets) that
//! is a panic; without (release, WebAssembly) a wrapped number, so a cell lands where the
//! file never put it. No valid workbook has such a reference (Excel's grid ends at
//! XFD1048576): one is refused here as `invalid_file`, so every build gives the same answer.
//!
//! The check reads the references of the elements calamine takes them from (`row` and `c`:
//! `r`; `dimension`: `ref`), in every part of the package, with the XML reader and settings
//! calamine uses.

//!
//! The size-made reader (`xlsx_lite`) runs the same two checks, [`reference`] and
//! [`dimension`], on the same elements of every part with its own XML tokenizer.

use crate::{Error, Result};
#[cfg(feature = "xlsx-read")]
use quick_xml::events::{BytesStart, Event};
#[cfg(feature = "xlsx-read")]
use std::io::{BufReader, Read, Seek, SeekFrom};

/// Excel's grid, 1-based as references write it: rows 1..=1,048,576, columns A..=XFD.
const LAST_ROW: u64 = 1 << 20;
const LAST_COLUMN: u64 = 1 << 14;

/// Checks the cell references of the workbook in `reader` and rewinds it. A file that is
/// not a zip package passes: calamine then reports it as it always has.
#[cfg(feature = "xlsx-read")]
pub(crate) fn check<R: Read + Seek>(reader: &mut R) -> Result<()> {
    let start = reader.stream_position()?;
    let outcome = scan(&mut *reader);
    reader.seek(SeekFrom::Start(start))?;
    outcome
}

#[cfg(feature = "xlsx-read")]
fn scan<R: Read + Seek>(reader: R) -> Result<()> {
    let Ok(mut zip) = zip::ZipArchive::new(reader) else {
        return Ok(());
    };
    let mut buf = Vec::new();
    for i in 0..zip.len() {
        let Ok(part) = zip.by_index(i) else { continue };
        if part.is_dir() {
            continue;
        }
        let mut xml = quick_xml::Reader::from_reader(BufReader::new(part));
        let config = xml.config_mut();
        config.check_end_names = false;
        config.trim_text(false);
        config.check_comments = false;
        loop {
            buf.clear();
            match xml.read_event_into(&mut buf) {
                Ok(Event::Start(e) | Event::Empty(e)) => element(&e)?,
                // Where the XML ends or breaks, calamine stops reading too.
                Ok(Event::Eof) | Err(_) => break,
                Ok(_) => {}
            }
        }
    }
    Ok(())
}

/// Checks one element's reference, if it is one calamine reads.
#[cfg(feature = "xlsx-read")]
fn element(e: &BytesStart<'_>) -> Result<()> {
    let key: &str = match e.local_name().as_ref() {
        "row" | "c" => "r",
        "dimension" => "ref",
        _ => return Ok(()),
    };
    for attr in e.attributes().with_checks(false).flatten() {
        if attr.key.as_ref() != key {
            continue;
        }
        let value: &str = &attr.value;
        if key == "ref" {
            dimension(value)?;
        } else {
            reference(value)?;
        }
    }
    Ok(())
}

/// A reference as calamine reads it: letters (the column), then digits (the row); it stops
/// at the first other character. `Some((row, column))` when both parts are there (1-based;
/// column 0 when there are no letters), `None` when calamine would refuse the text itself.
pub(super) fn reference(text: &str) -> Result<Option<(u64, u64)>> {
    let mut col: u64 = 0;
    let mut row: Option<u64> = None;
    for b in text.bytes() {
        match (b, row) {
            (b'A'..=b'Z' | b'a'..=b'z', None) => {
                col = col * 26 + u64::from(b.to_ascii_uppercase() - b'A') + 1;
                if col > LAST_COLUMN {
                    return Err(outside(text));
                }
            }
            (b'0'..=b'9', _) => {
                let r = row.unwrap_or(0) * 10 + u64::from(b - b'0');
                if r > LAST_ROW {
                    return Err(outside(text));
                }
                row = Some(r);
            }
            _ => return Ok(None),
        }
    }
    Ok(row.filter(|r| *r > 0).map(|r| (r, col)))
}

/// A dimension `A1` or `A1:C10`: each corner within the grid, and the second not before the
/// first (calamine subtracts them).
pub(super) fn dimension(text: &str) -> Result<()> {
    let mut corners = Vec::new();
    for part in text.split(':') {
        match reference(part)? {
            Some((row, col)) if col > 0 => corners.push((row, col)),
            // calamine refuses the dimension at this corner, before any subtraction.
            _ => return Ok(()),
        }
    }
    if let [(r0, c0), (r1, c1)] = corners[..] {
        if r1 < r0 || c1 < c0 {
            return Err(Error::InvalidFile {
                format: "xlsx".into(),
                message: format!(
                    "the worksheet dimension {} ends before it starts",
                    shown(text)
                ),
            });
        }
    }
    Ok(())
}

fn outside(text: &str) -> Error {
    Error::InvalidFile {
        format: "xlsx".into(),
        message: format!(
            "the cell reference {} lies outside the worksheet grid (A1:XFD1048576)",
            shown(text)
        ),
    }
}

/// A reference as an error shows it: at most 24 characters.
fn shown(text: &str) -> String {
    let mut s: String = text.chars().take(24).collect();
    if s.len() < text.len() {
        s.push('…');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_within_the_grid_pass_and_others_are_invalid_file() {
        assert_eq!(reference("A1").unwrap(), Some((1, 1)));
        assert_eq!(reference("XFD1048576").unwrap(), Some((1_048_576, 16_384)));
        assert_eq!(reference("12").unwrap(), Some((12, 0)));
        // What calamine refuses by itself passes through: it says so with its own error.
        assert_eq!(reference("A0").unwrap(), None);
        assert_eq!(reference("A1B").unwrap(), None);
        for bad in [
            "XFE1",
            "A1048577",
            "ZZZZZZZZ1",
            "A99999999999",
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        ] {
            let err = reference(bad).unwrap_err();
            assert_eq!(err.code(), "invalid_file", "{bad}");
        }
        let long = reference(&"Z".repeat(40)).unwrap_err().to_string();
        assert!(long.contains("ZZZZZZZZZZZZZZZZZZZZZZZZ…"), "{long}");
    }

    #[test]
    fn a_dimension_that_ends_before_it_starts_is_invalid_file() {
        dimension("A1:C10").unwrap();
        dimension("B2").unwrap();
        dimension("A1:B2:C3").unwrap();
        dimension("B2:A1x").unwrap();
        for bad in ["B2:A1", "A2:B1", "B1:A2"] {
            assert_eq!(dimension(bad).unwrap_err().code(), "invalid_file", "{bad}");
        }
        assert_eq!(
            dimension("A1:ZZZZZZZZ9").unwrap_err().code(),
            "invalid_file"
        );
    }
}
