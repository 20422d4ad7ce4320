//! The zip container of a workbook, read for size: the end-of-central-directory record
//! (zip64 too), the central directory's entries (name, method, declared sizes, local header
//! offset), then a part's data behind its local header, stored or deflated.

use super::Bad;
use super::inflate::inflate;

/// One entry of the central directory.
pub(super) struct Entry {
    pub name: String,
    method: u16,
    flags: u16,
    pub size: u64,
    pub compressed: u64,
    offset: u64,
    crc: u32,
}

/// A part's bytes as read: `whole` when all of it could be decompressed, `crc` the
/// checksum the directory declares (checked when a reader reaches the end of the bytes, as
/// the zip crate checks it when its reader does).
#[derive(Clone)]
pub(super) struct Part {
    pub bytes: Vec<u8>,
    pub whole: bool,
    pub crc: u32,
}

/// CRC-32 (IEEE), bit by bit: only computed where a reader reaches the end of a part.
pub(super) fn crc32(data: &[u8]) -> u32 {
    let mut c = !0u32;
    for &b in data {
        c ^= u32::from(b);
        for _ in 0..8 {
            c = (c >> 1) ^ (0xEDB8_8320 & (c & 1).wrapping_neg());
        }
    }
    !c
}

pub(super) struct Zip<'a> {
    data: &'a [u8],
    pub entries: Vec<Entry>,
    /// The parts decompressed once ([`Zip::decompress_all`]), by entry.
    parts: Vec<Option<Part>>,
}

fn u16_at(d: &[u8], at: usize) -> Result<u16, Bad> {
    d.get(at..at + 2)
        .and_then(|b| <[u8; 2]>::try_from(b).ok())
        .map(u16::from_le_bytes)
        .ok_or(Bad(TRUNCATED))
}

fn u32_at(d: &[u8], at: usize) -> Result<u32, Bad> {
    d.get(at..at + 4)
        .and_then(|b| <[u8; 4]>::try_from(b).ok())
        .map(u32::from_le_bytes)
        .ok_or(Bad(TRUNCATED))
}

fn u64_at(d: &[u8], at: usize) -> Result<u64, Bad> {
    d.get(at..at + 8)
        .and_then(|b| <[u8; 8]>::try_from(b).ok())
        .map(u64::from_le_bytes)
        .ok_or(Bad(TRUNCATED))
}

fn usize_of(v: u64) -> Result<usize, Bad> {
    usize::try_from(v).map_err(|_| Bad(TRUNCATED))
}

const TRUNCATED: &str = "invalid zip archive: a record is truncated";
const BAD_OFFSET: &str = "invalid zip archive: the directory starts after its end record";
const MULTI_DISK: &str = "invalid zip archive: multi-disk archives are not supported";

impl<'a> Zip<'a> {
    /// Reads the central directory of `data`. The end record is in the last 65,562 bytes (a
    /// comment of at most 64 KiB after it); as the zip crate does, the last record whose
    /// directory reads is taken, an earlier one only when a later one's directory does not
    /// end where the record starts (a stray signature).
    pub(super) fn new(data: &'a [u8]) -> Result<Self, Bad> {
        let from = data.len().saturating_sub(22 + 4 + 65_536);
        let mut last = Bad("invalid zip archive: no end of central directory");
        for eocd in (from..data.len().saturating_sub(21)).rev() {
            if data.get(eocd..eocd + 4) != Some(b"PK\x05\x06") {
                continue;
            }
            match Self::directory(data, eocd) {
                Ok(entries) => {
                    return Ok(Zip {
                        data,
                        entries,
                        parts: Vec::new(),
                    });
                }
                Err((e, true)) => return Err(e),
                Err((e, false)) => last = e,
            }
        }
        Err(last)
    }

    /// The entries of the directory of the end record at `eocd`; the error says whether it
    /// is final (no earlier record is tried): a multi-disk archive, or a directory that ends
    /// where the record starts.
    fn directory(data: &[u8], eocd: usize) -> Result<Vec<Entry>, (Bad, bool)> {
        let soft = |e: Bad| (e, false);
        let cd_offset = u64::from(u32_at(data, eocd + 16).map_err(soft)?);
        let cd_size = u64::from(u32_at(data, eocd + 12).map_err(soft)?);
        let abuts = (eocd as u64).checked_sub(cd_size).is_some_and(|start| {
            start == cd_offset
                || usize::try_from(start).ok().and_then(|s| data.get(s..s + 4))
                    == Some(b"PK\x01\x02")
        });
        Self::entries(data, eocd).map_err(|e| {
            // An offset past the record is a stray record: an earlier one is tried.
            let fin = e.0 == MULTI_DISK || (abuts && e.0 != BAD_OFFSET);
            (e, fin)
        })
    }

    fn entries(data: &[u8], eocd: usize) -> Result<Vec<Entry>, Bad> {
        let mut count = u64::from(u16_at(data, eocd + 10)?);
        let mut cd_offset = u64::from(u32_at(data, eocd + 16)?);
        // zip64: a locator just before the end record points at the zip64 end record.
        if let Some(loc) = eocd.checked_sub(20) {
            if data.get(loc..loc + 4) == Some(b"PK\x06\x07") {
                let at = usize_of(u64_at(data, loc + 8)?)?;
                if data.get(at..at + 4) != Some(b"PK\x06\x06") {
                    return Err(Bad("invalid zip archive: bad zip64 end record"));
                }
                count = u64_at(data, at + 32)?;
                cd_offset = u64_at(data, at + 48)?;
            }
        }
        // Bytes before the archive (a stub or junk) move every offset: the directory starts
        // where the end record says it ends, else at the first directory entry after the
        // offset it gives (as the zip crate detects it).
        if u16_at(data, eocd + 4)? != 0
            || u16_at(data, eocd + 6)? != 0
            || u16_at(data, eocd + 8)? != u16_at(data, eocd + 10)?
        {
            return Err(Bad(
                "invalid zip archive: multi-disk archives are not supported",
            ));
        }
        let mut shift = 0;
        if count > 0 && cd_offset < eocd as u64 {
            let cd_size = u64::from(u32_at(data, eocd + 12)?);
            let is_entry = |at: u64| {
                usize::try_from(at).ok().and_then(|at| data.get(at..at + 4)) == Some(b"PK\x01\x02")
            };
            let start = (eocd as u64)
                .checked_sub(cd_size)
                .filter(|&s| s >= cd_offset && is_entry(s))
                .or_else(|| (cd_offset..eocd as u64).find(|&s| is_entry(s)))
                .ok_or(Bad("invalid zip archive: no central directory entry"))?;
            shift = start - cd_offset;
        } else if count > 0 {
            return Err(Bad(BAD_OFFSET));
        }
        let mut at = usize_of(cd_offset + shift)?;
        let mut entries = Vec::new();
        for _ in 0..count {
            if data.get(at..at + 4) != Some(b"PK\x01\x02") {
                return Err(Bad("invalid zip archive: bad central directory entry"));
            }
            let flags = u16_at(data, at + 8)?;
            let method = u16_at(data, at + 10)?;
            let crc = u32_at(data, at + 16)?;
            let mut compressed = u64::from(u32_at(data, at + 20)?);
            let mut size = u64::from(u32_at(data, at + 24)?);
            let name_len = usize::from(u16_at(data, at + 28)?);
            let extra_len = usize::from(u16_at(data, at + 30)?);
            let comment_len = usize::from(u16_at(data, at + 32)?);
            let mut offset = u64::from(u32_at(data, at + 42)?);
            let name = data
                .get(at + 46..at + 46 + name_len)
                .ok_or(Bad(TRUNCATED))?;
            let extra = data
                .get(at + 46 + name_len..at + 46 + name_len + extra_len)
                .ok_or(Bad(TRUNCATED))?;
            // zip64 sizes and offset, in this order, for the fields that are saturated.
            let mut e = 0;
            while e + 4 <= extra.len() {
                let id = u16_at(extra, e)?;
                let len = usize::from(u16_at(extra, e + 2)?);
                if id == 1 {
                    let mut f = e + 4;
                    for field in [&mut size, &mut compressed, &mut offset] {
                        if *field == 0xFFFF_FFFF && f + 8 <= e + 4 + len {
                            *field = u64_at(extra, f)?;
                            f += 8;
                        }
                    }
                }
                e += 4 + len;
            }
            entries.push(Entry {
                name: String::from_utf8_lossy(name).into_owned(),
                method,
                flags,
                size,
                compressed,
                offset: offset.saturating_add(shift),
                crc,
            });
            at += 46 + name_len + extra_len + comment_len;
        }
        Ok(entries)
    }

    /// The entry named `path`, compared as calamine does: ASCII case and `\` against `/`
    /// ignored (the last of equal names).
    pub(super) fn find(&self, path: &str) -> Option<&Entry> {
        let want = path.to_ascii_lowercase();
        self.entries
            .iter()
            .rev()
            .find(|e| e.name.replace('\\', "/").to_ascii_lowercase() == want)
            .or_else(|| self.entries.iter().find(|e| e.name == path))
    }

    /// Decompresses every part that can be (not directories), once: the reference check
    /// reads them all and the reader then reads some of them again.
    pub(super) fn decompress_all(&mut self) {
        self.parts = self
            .entries
            .iter()
            .map(|e| match e.name.ends_with('/') {
                true => None,
                false => self.decompress(e).ok(),
            })
            .collect();
    }

    /// The parts decompressed by [`Zip::decompress_all`].
    pub(super) fn parts(&self) -> impl Iterator<Item = &Part> {
        self.parts.iter().flatten()
    }

    /// A part's bytes (see [`Zip::decompress`]), from the parts already decompressed.
    pub(super) fn read(&self, e: &Entry) -> Result<std::borrow::Cow<'_, Part>, Bad> {
        let cached = self
            .entries
            .iter()
            .position(|x| std::ptr::eq(x, e))
            .and_then(|i| self.parts.get(i))
            .and_then(Option::as_ref);
        match cached {
            Some(p) => Ok(std::borrow::Cow::Borrowed(p)),
            None => self.decompress(e).map(std::borrow::Cow::Owned),
        }
    }

    /// A part's bytes, decompressed into at most its declared size, and whether all of it
    /// could be (false: the XML reader fails where the bytes end).
    pub(super) fn decompress(&self, e: &Entry) -> Result<Part, Bad> {
        if e.flags & 1 != 0 {
            return Err(Bad("the workbook is encrypted"));
        }
        let at = usize_of(e.offset)?;
        if self.data.get(at..at + 4) != Some(b"PK\x03\x04") {
            return Err(Bad("invalid zip archive: bad local file header"));
        }
        let start = at
            + 30
            + usize::from(u16_at(self.data, at + 26)?)
            + usize::from(u16_at(self.data, at + 28)?);
        // A declared compressed size past the end of the file reads what is there (the zip
        // crate reads the part through a bounded reader that simply ends).
        let end = start
            .saturating_add(usize_of(e.compressed)?)
            .min(self.data.len());
        let body = self.data.get(start..end).ok_or(Bad(TRUNCATED))?;
        let size = usize_of(e.size)?;
        let (bytes, whole) = match e.method {
            0 => (
                body.get(..size.min(body.len()))
                    .unwrap_or_default()
                    .to_vec(),
                body.len() <= size,
            ),
            8 => inflate(body, size),
            _ => {
                return Err(Bad(
                    "the zip archive uses an unsupported compression method",
                ));
            }
        };
        Ok(Part {
            bytes,
            whole,
            crc: e.crc,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Cursor, Write};

    #[test]
    fn reads_stored_and_deflated_parts_of_a_zip_written_by_the_zip_crate() {
        let mut text = Vec::new();
        for i in 0..20_000u32 {
            let v = i.wrapping_mul(7919) % 1000;
            text.extend_from_slice(format!("<c r=\"A{i}\"><v>{v}</v></c>").as_bytes());
        }
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, method) in [
            ("stored.xml", zip::CompressionMethod::Stored),
            ("deflated.xml", zip::CompressionMethod::Deflated),
        ] {
            let opts = zip::write::SimpleFileOptions::default().compression_method(method);
            w.start_file(name, opts).unwrap();
            w.write_all(&text).unwrap();
        }
        w.start_file("empty.xml", zip::write::SimpleFileOptions::default())
            .unwrap();
        let bytes = w.finish().unwrap().into_inner();
        let zip = Zip::new(&bytes).unwrap();
        assert_eq!(zip.entries.len(), 3);
        for name in ["stored.xml", "DEFLATED.xml"] {
            let e = zip.find(name).unwrap();
            let p = zip.read(e).unwrap();
            assert_eq!((&p.bytes, p.whole, p.crc), (&text, true, crc32(&text)));
        }
        let e = zip.find("empty.xml").unwrap();
        let p = zip.read(e).unwrap();
        assert_eq!((p.bytes.len(), p.whole, p.crc), (0, true, 0));
        // A declared size smaller than the data: the bytes stop there and the part is
        // marked incomplete.
        let e = zip.find("deflated.xml").unwrap();
        let small = Entry {
            name: e.name.clone(),
            size: 100,
            ..*e
        };
        let p = zip.read(&small).unwrap();
        assert!(!p.whole);
        assert_eq!(p.bytes[..], text[..p.bytes.len()]);
        assert!(Zip::new(b"not a zip").is_err());
        // Broken deflate data
        assert!(!inflate(&[0xff, 0xff, 0xff], 1000).1);
    }
}
