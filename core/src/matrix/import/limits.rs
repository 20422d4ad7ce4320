//! The size limits of an import ([`ImportOptions`]), as the readers check them. Each
//! exceeded limit is the error `limit_exceeded` naming the limit (`what`) and the option
//! that raises it (`option`), so that a caller with a legitimately large file knows what
//! to change. Rows are counted by the importer itself (`max_rows`).

use crate::matrix::ImportOptions;
use crate::{Error, Result};

/// The limits a reader checks (`None`: no limit).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Limits {
    pub max_bytes: Option<u64>,
    pub max_cell_chars: Option<u64>,
    pub max_columns: Option<u64>,
    // Read by the XLSX zip check only.
    #[cfg_attr(
        not(any(feature = "xlsx-read", feature = "xlsx-lite")),
        allow(dead_code)
    )]
    pub max_uncompressed_bytes: Option<u64>,
    #[cfg_attr(
        not(any(feature = "xlsx-read", feature = "xlsx-lite")),
        allow(dead_code)
    )]
    pub max_compression_ratio: Option<u64>,
}

impl Limits {
    pub(crate) fn of(o: &ImportOptions) -> Self {
        Limits {
            max_bytes: o.max_bytes,
            max_cell_chars: o.max_cell_chars,
            max_columns: o.max_columns,
            max_uncompressed_bytes: o.max_uncompressed_bytes,
            max_compression_ratio: o.max_compression_ratio,
        }
    }

    /// The error of a file larger than `max_bytes`.
    pub(crate) fn bytes_error(limit: u64) -> Error {
        Error::limit("input_bytes", limit, Some("max_bytes"))
    }

    /// Refuses a row of more than `max_columns` cells.
    pub(crate) fn check_width(&self, cells: usize) -> Result<()> {
        match self.max_columns {
            Some(max) if cells as u64 > max => {
                Err(Error::limit("columns", max, Some("max_columns")))
            }
            _ => Ok(()),
        }
    }

    /// Refuses a cell of more than `max_cell_chars` characters. `bytes` is the cell as
    /// read: UTF-8, or one character a byte (Windows-1252). Characters are counted only for
    /// a cell longer in bytes than the limit, so the common case costs one comparison.
    pub(crate) fn check_cell(&self, bytes: &[u8]) -> Result<()> {
        let Some(max) = self.max_cell_chars else {
            return Ok(());
        };
        if bytes.len() as u64 <= max {
            return Ok(());
        }
        let chars = match std::str::from_utf8(bytes) {
            Ok(s) => s.chars().count(),
            Err(_) => bytes.len(),
        };
        if chars as u64 > max {
            return Err(Error::limit("cell_chars", max, Some("max_cell_chars")));
        }
        Ok(())
    }

    /// The longest a row's bytes may be with every cell within `max_cell_chars`: a record
    /// no longer than this needs no per-cell check.
    pub(crate) fn cell_bytes_bound(&self) -> u64 {
        self.max_cell_chars.unwrap_or(u64::MAX)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn what(e: Error) -> (String, Option<String>) {
        match e {
            Error::LimitExceeded { what, option, .. } => (what, option),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn cells_are_counted_in_characters() {
        let l = Limits {
            max_cell_chars: Some(3),
            ..Limits::default()
        };
        assert!(l.check_cell("abc".as_bytes()).is_ok());
        // 3 characters, 6 bytes
        assert!(l.check_cell("ñññ".as_bytes()).is_ok());
        assert_eq!(
            what(l.check_cell(b"abcd").unwrap_err()),
            ("cell_chars".into(), Some("max_cell_chars".into()))
        );
        // Windows-1252 bytes are one character each
        assert!(l.check_cell(&[0xE9, 0xE9, 0xE9]).is_ok());
        assert!(l.check_cell(&[0xE9; 4]).is_err());
        assert!(Limits::default().check_cell(&[b'a'; 100_000]).is_ok());
    }

    #[test]
    fn rows_are_counted_in_cells() {
        let l = Limits {
            max_columns: Some(2),
            ..Limits::default()
        };
        assert!(l.check_width(2).is_ok());
        assert_eq!(
            what(l.check_width(3).unwrap_err()),
            ("columns".into(), Some("max_columns".into()))
        );
    }
}
