//! The zip-bomb guard of XLSX import, run before calamine reads anything: the sizes the
//! zip's central directory declares must stay within `max_uncompressed_bytes` in total,
//! and no part above 1 MiB may declare a compression ratio above `max_compression_ratio`.
//!
//! A directory that lies (declares less than a part inflates to) is bounded by the zip
//! reader itself: it refuses to read a part past its declared size ("File is larger than
//! its declared uncompressed size"), so what calamine decompresses never exceeds what was
//! checked here.

use super::limits::Limits;
use crate::{Error, Result};
#[cfg(feature = "xlsx-read")]
use std::io::{Read, Seek, SeekFrom};

/// Parts smaller than this are not held to the ratio: tiny parts compress erratically and
/// cannot cost much whatever their ratio.
const RATIO_FLOOR: u64 = 1024 * 1024;

#[cfg(feature = "xlsx-read")]
fn invalid(e: impl std::fmt::Display) -> Error {
    Error::InvalidFile {
        format: "xlsx".into(),
        message: e.to_string(),
    }
}

/// Checks the declared sizes of the zip at `reader` (rewound afterwards).
#[cfg(feature = "xlsx-read")]
pub(crate) fn check<R: Read + Seek>(reader: &mut R, limits: &Limits) -> Result<()> {
    if limits.max_uncompressed_bytes.is_none() && limits.max_compression_ratio.is_none() {
        return Ok(());
    }
    let start = reader.stream_position()?;
    let result = check_directory(&mut *reader, limits);
    reader.seek(SeekFrom::Start(start))?;
    result
}

#[cfg(feature = "xlsx-read")]
fn check_directory<R: Read + Seek>(reader: R, limits: &Limits) -> Result<()> {
    // Reads the central directory only: no part is decompressed here.
    let archive = zip::ZipArchive::new(reader).map_err(invalid)?;
    let mut sizes = Vec::with_capacity(archive.len());
    for i in 0..archive.len() {
        let entry = archive.by_index_data(i).map_err(invalid)?;
        sizes.push((entry.size(), entry.compressed_size()));
    }
    check_sizes(&sizes, limits)
}

/// Holds the declared (uncompressed, compressed) sizes of the parts to the limits (the
/// size-made reader `xlsx_lite` calls this with its own directory's sizes).
pub(crate) fn check_sizes(sizes: &[(u64, u64)], limits: &Limits) -> Result<()> {
    // The total first: entries sharing one compressed part (the non-recursive bomb) have
    // modest ratios each but an enormous sum.
    if let Some(max) = limits.max_uncompressed_bytes {
        let total = sizes.iter().fold(0u64, |t, (s, _)| t.saturating_add(*s));
        if total > max {
            return Err(Error::limit(
                "xlsx_uncompressed_bytes",
                max,
                Some("max_uncompressed_bytes"),
            ));
        }
    }
    if let Some(max) = limits.max_compression_ratio {
        // ratio > max, without division: size > max * compressed
        let bomb = sizes.iter().any(|(size, compressed)| {
            *size >= RATIO_FLOOR
                && u128::from(*size) > u128::from(max) * u128::from((*compressed).max(1))
        });
        if bomb {
            return Err(Error::limit(
                "xlsx_compression_ratio",
                max,
                Some("max_compression_ratio"),
            ));
        }
    }
    Ok(())
}

#[cfg(all(test, feature = "xlsx-read"))]
mod tests {
    use super::*;
    use std::io::{Cursor, Write};

    /// A zip with one deflated part of `size` zero bytes (ratio about 1,000).
    fn zeros(size: usize) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        w.start_file("xl/worksheets/sheet1.xml", opts).unwrap();
        w.write_all(&vec![0u8; size]).unwrap();
        w.finish().unwrap().into_inner()
    }

    fn what(e: Error) -> String {
        match e {
            Error::LimitExceeded { what, .. } => what,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn refuses_large_totals_and_bomb_ratios_and_rewinds() {
        let bytes = zeros(4 << 20);
        let mut r = Cursor::new(bytes);
        let l = Limits {
            max_uncompressed_bytes: Some(1 << 20),
            ..Limits::default()
        };
        assert_eq!(
            what(check(&mut r, &l).unwrap_err()),
            "xlsx_uncompressed_bytes"
        );
        assert_eq!(r.position(), 0);
        let l = Limits {
            max_compression_ratio: Some(500),
            ..Limits::default()
        };
        assert_eq!(
            what(check(&mut r, &l).unwrap_err()),
            "xlsx_compression_ratio"
        );
        let l = Limits {
            max_uncompressed_bytes: Some(8 << 20),
            max_compression_ratio: Some(2000),
            ..Limits::default()
        };
        assert!(check(&mut r, &l).is_ok());
        // a small part is not held to the ratio
        let mut small = Cursor::new(zeros(1000));
        let l = Limits {
            max_compression_ratio: Some(1),
            ..Limits::default()
        };
        assert!(check(&mut small, &l).is_ok());
        let mut not_zip = Cursor::new(b"not a zip".to_vec());
        assert_eq!(check(&mut not_zip, &l).unwrap_err().code(), "invalid_file");
    }
}
