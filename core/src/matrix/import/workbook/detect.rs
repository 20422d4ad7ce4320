//! Which spreadsheet format a file is, from its bytes (never from its name: ministries
//! rename `.xls` files `.xlsx` and the other way round).

use std::io::{Read, Seek, SeekFrom};

/// The spreadsheet formats the import reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    /// Office Open XML workbook (`.xlsx`, `.xlsm`): a zip with `xl/workbook.xml`.
    Xlsx,
    /// Excel binary workbook (`.xlsb`): a zip with `xl/workbook.bin`.
    Xlsb,
    /// Excel 97-2003 workbook (`.xls`): a compound file (CFB) holding a BIFF stream.
    Xls,
    /// OpenDocument spreadsheet (`.ods`): a zip with `content.xml`.
    Ods,
}

impl Format {
    /// The format's name in errors (`invalid_file`'s `format`).
    pub(crate) fn code(self) -> &'static str {
        match self {
            Format::Xlsx => "xlsx",
            Format::Xlsb => "xlsb",
            Format::Xls => "xls",
            Format::Ods => "ods",
        }
    }
}

/// The compound-file signature every `.xls` starts with.
pub(crate) const CFB_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// The format of the file at `reader` (rewound afterwards), or `None` when it is neither a
/// compound file nor a zip. A zip that names no workbook part is taken as XLSX, so that its
/// error is the one an XLSX reader gives (a missing part, a broken directory).
pub(crate) fn detect<R: Read + Seek>(reader: &mut R) -> std::io::Result<Option<Format>> {
    let start = reader.stream_position()?;
    let mut head = Vec::with_capacity(8);
    reader.by_ref().take(8).read_to_end(&mut head)?;
    reader.seek(SeekFrom::Start(start))?;
    if head == CFB_MAGIC {
        return Ok(Some(Format::Xls));
    }
    if !head.starts_with(b"PK") {
        return Ok(None);
    }
    let format = zip_format(&mut *reader);
    reader.seek(SeekFrom::Start(start))?;
    Ok(Some(format))
}

/// Which workbook a zip package holds, from its directory and its `mimetype` part.
fn zip_format<R: Read + Seek>(reader: R) -> Format {
    let Ok(mut zip) = zip::ZipArchive::new(reader) else {
        return Format::Xlsx;
    };
    let has =
        |zip: &zip::ZipArchive<R>, name: &str| zip.file_names().any(|n| n.is_ok_and(|n| n == name));
    if has(&zip, "xl/workbook.bin") {
        return Format::Xlsb;
    }
    if has(&zip, "xl/workbook.xml") {
        return Format::Xlsx;
    }
    // OpenDocument: the `mimetype` part names the document kind; an old or hand-made
    // package may lack it but still has `content.xml`.
    let mut mimetype = Vec::new();
    if let Ok(part) = zip.by_name("mimetype") {
        // 80 bytes hold every OpenDocument media type; a larger part is not one.
        let _ = part.take(80).read_to_end(&mut mimetype);
    }
    if mimetype.starts_with(b"application/vnd.oasis.opendocument.spreadsheet")
        || (mimetype.is_empty() && has(&zip, "content.xml"))
    {
        return Format::Ods;
    }
    Format::Xlsx
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Cursor, Write};

    fn zip_with(parts: &[(&str, &[u8])]) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, body) in parts {
            w.start_file(*name, zip::write::SimpleFileOptions::default())
                .unwrap();
            w.write_all(body).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    fn of(bytes: Vec<u8>) -> Option<Format> {
        let mut c = Cursor::new(bytes);
        let f = detect(&mut c).unwrap();
        assert_eq!(c.position(), 0, "rewound");
        f
    }

    #[test]
    fn formats_are_told_apart_by_their_bytes() {
        assert_eq!(of(CFB_MAGIC.to_vec()), Some(Format::Xls));
        assert_eq!(
            of(zip_with(&[("xl/workbook.xml", b"<w/>")])),
            Some(Format::Xlsx)
        );
        assert_eq!(
            of(zip_with(&[("xl/workbook.bin", b"")])),
            Some(Format::Xlsb)
        );
        let ods = b"application/vnd.oasis.opendocument.spreadsheet".as_slice();
        assert_eq!(
            of(zip_with(&[("mimetype", ods), ("content.xml", b"<x/>")])),
            Some(Format::Ods)
        );
        assert_eq!(of(zip_with(&[("content.xml", b"<x/>")])), Some(Format::Ods));
        // A text document is not a spreadsheet: the XLSX reader says what is missing.
        let odt = b"application/vnd.oasis.opendocument.text".as_slice();
        assert_eq!(
            of(zip_with(&[("mimetype", odt), ("content.xml", b"<x/>")])),
            Some(Format::Xlsx)
        );
        assert_eq!(of(b"PK\x03\x04".to_vec()), Some(Format::Xlsx));
        assert_eq!(of(b"ID;Pais\n".to_vec()), None);
        assert_eq!(of(Vec::new()), None);
        // seven bytes of the signature are not a compound file
        assert_eq!(of(CFB_MAGIC[..7].to_vec()), None);
    }
}
