//! Streaming CSV reader: delimiter detection, BOM, UTF-8 with a Windows-1252 (Latin-1)
//! fallback per cell, preamble rows before the header, spreadsheet row numbers.

use super::Importer;
use super::headers::Field;
use super::limits::Limits;
use crate::diagnostic::Diagnostic;
use crate::{Error, Result};
use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::io::Read;

/// How far the header is searched for (title rows above the header are common).
pub(crate) const HEADER_SEARCH_ROWS: usize = 10;
/// Bytes looked at to detect the delimiter.
const SNIFF_BYTES: usize = 64 * 1024;

/// A reader that fails once more than `limit` bytes were read, and says so in `hit`.
struct Limited<'a, R> {
    inner: R,
    left: u64,
    hit: &'a Cell<bool>,
}

impl<R: Read> Read for Limited<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let n64 = n as u64;
        if n64 > self.left {
            self.hit.set(true);
            return Err(std::io::Error::other("size limit exceeded"));
        }
        self.left -= n64;
        Ok(n)
    }
}

/// Records where each non-blank line starts (byte offset, 1-based line number), because the
/// csv crate's own line numbers skip blank lines and lag on CRLF endings. A line ends at
/// `\n`, `\r\n` or a lone `\r` (old Mac files), as for the csv crate.
struct Lines<'a, R> {
    inner: R,
    offset: u64,
    line: u64,
    at_start: bool,
    /// The last byte read was a `\r`: a line break, unless a `\n` follows.
    after_cr: bool,
    starts: &'a RefCell<VecDeque<(u64, u64)>>,
}

impl<R: Read> Read for Lines<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let mut starts = self.starts.borrow_mut();
        let data = buf.get(..n).unwrap_or(&[]);
        let mut pos = 0;
        while pos < data.len() {
            let rest = data.get(pos..).unwrap_or(&[]);
            if self.at_start {
                // Line breaks are skipped; the first other byte starts a line.
                match rest.iter().position(|b| *b != b'\n' && *b != b'\r') {
                    Some(k) => {
                        self.count_breaks(rest.get(..k).unwrap_or(&[]));
                        starts.push_back((self.offset + (pos + k) as u64, self.line));
                        self.at_start = false;
                        pos += k;
                    }
                    None => {
                        self.count_breaks(rest);
                        break;
                    }
                }
            } else {
                // The rest of the line, up to its break.
                match rest.iter().position(|b| *b == b'\n' || *b == b'\r') {
                    Some(k) => {
                        self.after_cr = false;
                        self.at_start = true;
                        pos += k;
                    }
                    None => {
                        self.after_cr = false;
                        break;
                    }
                }
            }
        }
        self.offset += n as u64;
        Ok(n)
    }
}

impl<R> Lines<'_, R> {
    /// Counts the line breaks of `run` (only `\r` and `\n`): `\r\n` is one, counted at its
    /// `\r`, also when the two come in different reads.
    fn count_breaks(&mut self, run: &[u8]) {
        for &b in run {
            if b == b'\r' || !self.after_cr {
                self.line += 1;
            }
            self.after_cr = b == b'\r';
        }
    }
}

/// Line breaks in `bytes`: `\n`, `\r\n` and lone `\r` (a `\r` at the very end counts).
pub(super) fn line_breaks(bytes: &[u8]) -> u64 {
    let newlines = bytes.iter().filter(|b| **b == b'\n').count();
    let cr = bytes.iter().filter(|b| **b == b'\r').count();
    let crlf = if cr == 0 {
        0
    } else {
        bytes.windows(2).filter(|w| *w == b"\r\n").count()
    };
    (newlines + cr - crlf) as u64
}

/// The line where the record whose reported start is `pos` begins: the first non-blank line
/// at or after `pos` (earlier lines, including those inside quoted cells, are dropped).
fn line_of(starts: &RefCell<VecDeque<(u64, u64)>>, pos: u64) -> u64 {
    let mut q = starts.borrow_mut();
    while q.front().is_some_and(|(o, _)| *o < pos) {
        q.pop_front();
    }
    q.front().map_or(0, |(_, l)| *l)
}

/// The delimiter under which one of the first non-blank lines names at least two known
/// columns (the header, as the reader will find it: a title row above it often has no
/// delimiter, or another one); else the one that occurs most often outside quotes in the
/// first line (`,` when none).
pub(crate) fn sniff_delimiter(prefix: &[u8]) -> u8 {
    let lines = prefix
        .split(|b| *b == b'\n')
        .filter(|l| !l.iter().all(u8::is_ascii_whitespace))
        .take(HEADER_SEARCH_ROWS);
    for line in lines {
        let text = String::from_utf8_lossy(line);
        let known = |d: char| {
            text.split(d)
                .filter(|c| Field::from_header(c.trim().trim_matches('"')).is_some())
                .count()
        };
        let best = [',', ';', '\t']
            .into_iter()
            .map(|d| (known(d), d))
            .fold((0, ','), |a, b| if b.0 > a.0 { b } else { a });
        if best.0 >= 2 {
            return u8::try_from(best.1).unwrap_or(b',');
        }
    }
    first_line_delimiter(prefix)
}

/// The delimiter that occurs most often outside quotes in the first line (`,` when none).
fn first_line_delimiter(prefix: &[u8]) -> u8 {
    let mut counts = [0usize; 3];
    let cands = [b',', b';', b'\t'];
    let mut quoted = false;
    for &b in prefix {
        match b {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => break,
            _ if !quoted => {
                for (c, n) in cands.iter().zip(counts.iter_mut()) {
                    if *c == b {
                        *n += 1;
                    }
                }
            }
            _ => {}
        }
    }
    let mut best = (0usize, b',');
    for (c, n) in cands.iter().zip(counts) {
        if n > best.0 {
            best = (n, *c);
        }
    }
    best.1
}

/// Decodes the cells of a record: borrowed when the record is UTF-8, else each non-UTF-8
/// cell is read as Windows-1252 (a superset of Latin-1, what Excel writes in the region).
fn decode<'r>(rec: &'r csv::ByteRecord, latin1: &mut bool) -> Vec<Cow<'r, str>> {
    rec.iter()
        .map(|f| match std::str::from_utf8(f) {
            Ok(s) => Cow::Borrowed(s),
            Err(_) => {
                *latin1 = true;
                Cow::Owned(f.iter().map(|&b| windows_1252(b)).collect())
            }
        })
        .collect()
}

/// The character of byte `b` in Windows-1252 (WHATWG's mapping: Latin-1, except 0x80-0x9F).
/// A table of 32 entries instead of `encoding_rs`, whose decoder dispatch links the tables of
/// every encoding it knows (hundreds of KB in the WebAssembly build).
fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '\u{20AC}', '\u{81}', '\u{201A}', '\u{192}', '\u{201E}', '\u{2026}', '\u{2020}',
        '\u{2021}', '\u{2C6}', '\u{2030}', '\u{160}', '\u{2039}', '\u{152}', '\u{8D}', '\u{17D}',
        '\u{8F}', '\u{90}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}', '\u{2013}',
        '\u{2014}', '\u{2DC}', '\u{2122}', '\u{161}', '\u{203A}', '\u{153}', '\u{9D}', '\u{17E}',
        '\u{178}',
    ];
    match b {
        0x80..=0x9F => HIGH
            .get(usize::from(b - 0x80))
            .copied()
            .unwrap_or('\u{FFFD}'),
        _ => char::from(b),
    }
}

#[cfg(test)]
mod windows_1252_tests {
    use super::windows_1252;

    #[test]
    fn maps_latin1_and_the_windows_range() {
        assert_eq!(windows_1252(b'a'), 'a');
        assert_eq!(windows_1252(0xE9), 'é');
        assert_eq!(windows_1252(0xD1), 'Ñ');
        assert_eq!(windows_1252(0x80), '€');
        assert_eq!(windows_1252(0x93), '\u{201C}');
        assert_eq!(windows_1252(0x9F), 'Ÿ');
        assert_eq!(windows_1252(0x81), '\u{81}');
    }
}

/// The hot path of [`decode`]: when the whole record is UTF-8 (one validation pass), its
/// cells are borrowed into `out` without allocating. Returns `false` when a cell is not
/// UTF-8 (the caller then uses [`decode`]).
fn decode_utf8<'r>(rec: &'r csv::ByteRecord, out: &mut Vec<&'r str>) -> bool {
    out.clear();
    let Ok(all) = std::str::from_utf8(rec.as_slice()) else {
        return false;
    };
    for i in 0..rec.len() {
        // A range that does not fall on character boundaries means a cell is not UTF-8 by
        // itself (two broken halves can make a valid whole).
        match rec.range(i).and_then(|r| all.get(r)) {
            Some(s) => out.push(s),
            None => return false,
        }
    }
    true
}

/// Reuses the allocation of a vector of string slices for another lifetime.
fn recycle<'a>(mut v: Vec<&str>) -> Vec<&'a str> {
    v.clear();
    v.into_iter().map(|_| "").collect()
}

fn is_blank(rec: &csv::ByteRecord) -> bool {
    rec.iter().all(|f| f.iter().all(u8::is_ascii_whitespace))
}

fn known_headers(cells: &[Cow<'_, str>]) -> usize {
    cells
        .iter()
        .filter(|c| Field::from_header(c).is_some())
        .count()
}

/// Reads a whole CSV stream into `imp`, on `threads` threads (1: serially; the result is
/// the same, see `parallel`), in blocks of the sizes given (see `parallel::BLOCKS`).
pub(crate) fn read(
    mut reader: impl Read,
    imp: &mut Importer,
    delimiter: Option<char>,
    limits: &Limits,
    threads: usize,
    blocks: (usize, usize),
) -> Result<()> {
    let max_bytes = limits.max_bytes;
    // Sniff: read the first lines (where the header is searched for), then chain them back.
    let mut prefix = Vec::with_capacity(8192);
    let mut chunk = [0u8; 8192];
    let lines = |p: &[u8]| p.iter().filter(|b| **b == b'\n').count();
    while prefix.len() < SNIFF_BYTES && lines(&prefix) < HEADER_SEARCH_ROWS {
        let n = reader.read(&mut chunk)?;
        if n == 0 {
            break;
        }
        prefix.extend_from_slice(chunk.get(..n).unwrap_or(&[]));
    }
    if let Some(limit) = max_bytes {
        if prefix.len() as u64 > limit {
            return Err(Limits::bytes_error(limit));
        }
    }
    if prefix.starts_with(&[0xFF, 0xFE]) || prefix.starts_with(&[0xFE, 0xFF]) {
        return Err(Error::InvalidFile {
            format: "csv".into(),
            message: "UTF-16 text is not supported: save the file as CSV UTF-8".into(),
        });
    }
    let skip = if prefix.starts_with(&[0xEF, 0xBB, 0xBF]) {
        3
    } else {
        0
    };
    let delim = match delimiter {
        Some(d) => u8::try_from(d).map_err(|_| {
            crate::args::ArgPath::arg("options")
                .key("delimiter")
                .invalid(&d.to_string().into(), "one ASCII character")
        })?,
        None => sniff_delimiter(prefix.get(skip..).unwrap_or(&[])),
    };
    imp.report.delimiter = Some(char::from(delim));
    let hit = Cell::new(false);
    let body = Limited {
        inner: reader,
        left: max_bytes.map_or(u64::MAX, |m| m.saturating_sub(prefix.len() as u64)),
        hit: &hit,
    };
    prefix.drain(..skip);
    let stream = std::io::Cursor::new(prefix).chain(body);
    let result = if threads > 1 {
        super::parallel::read(stream, imp, delim, limits, threads, blocks)
    } else {
        read_serial(stream, imp, delim, limits)
    };
    // A read that failed because the size limit was hit is that limit's error.
    match result {
        Err(Error::Io { .. }) if hit.get() => Err(Limits::bytes_error(max_bytes.unwrap_or(0))),
        other => other,
    }
}

/// Reads the rest of a CSV stream (after the BOM) into `imp`, one record after the other.
pub(super) fn read_serial(
    stream: impl Read,
    imp: &mut Importer,
    delim: u8,
    limits: &Limits,
) -> Result<()> {
    let mut state = LoopState::new(delim, true);
    state.records(stream, imp, limits, None)?;
    state.finish(imp)
}

/// How a block of records ended (see [`LoopState::records`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum BlockEnd {
    /// The block's last byte ended a record: the next block starts a record.
    Clean,
    /// The block ends inside a record (a quoted cell with a line break across the end).
    Open,
}

/// Appended to a block by [`LoopState::records`]: one cell no partner writes, with no
/// delimiter, quote or line break, so that it is a record of its own exactly when the block
/// ends between records, and is swallowed by an open quoted cell otherwise.
pub(super) const SENTINEL: &[u8] = b"\x00\x01\x02\x03";

/// What the reading loop carries from one record to the next.
pub(super) struct LoopState {
    delim: u8,
    latin1: bool,
    latin1_reported: bool,
    /// Newlines inside quoted cells so far: line numbers minus these are spreadsheet rows.
    pub(super) embedded: u64,
    header_found: bool,
    preamble: Vec<(u64, csv::ByteRecord)>,
}

impl LoopState {
    /// The state at the start of a stream (`at_start`: the header is still to be found), or
    /// of a block of data rows.
    pub(super) fn new(delim: u8, at_start: bool) -> Self {
        LoopState {
            delim,
            latin1: false,
            latin1_reported: false,
            embedded: 0,
            header_found: !at_start,
            preamble: Vec::new(),
        }
    }

    /// Whether the header was found (always, for a block of data rows).
    #[cfg_attr(target_arch = "wasm32", allow(dead_code))] // used by the parallel import only
    pub(super) fn header_found(&self) -> bool {
        self.header_found
    }

    /// Whether some cell was not UTF-8.
    #[cfg_attr(target_arch = "wasm32", allow(dead_code))] // used by the parallel import only
    pub(super) fn latin1(&self) -> bool {
        self.latin1
    }

    /// Notes that some cell (of a block read elsewhere) was not UTF-8.
    #[cfg_attr(target_arch = "wasm32", allow(dead_code))] // used by the parallel import only
    pub(super) fn saw_latin1(&mut self) {
        self.latin1 = true;
    }

    /// Reads the records of `stream` into `imp`. With `block: Some(len)`, `stream` is a
    /// block of `len` bytes followed by [`SENTINEL`]: the records that end within the block
    /// are read, and what follows tells whether the block ended between two records.
    /// Without, the whole stream is read ([`BlockEnd::Clean`]).
    pub(super) fn records(
        &mut self,
        stream: impl Read,
        imp: &mut Importer,
        limits: &Limits,
        block: Option<u64>,
    ) -> Result<BlockEnd> {
        let starts = RefCell::new(VecDeque::new());
        let stream = Lines {
            inner: stream,
            offset: 0,
            line: 1,
            at_start: true,
            after_cr: false,
            starts: &starts,
        };
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(self.delim)
            .buffer_capacity(256 * 1024)
            .from_reader(stream);
        let mut rec = csv::ByteRecord::new();
        let mut spare: Vec<&str> = Vec::new();
        let cell_bound = limits.cell_bytes_bound();
        loop {
            match rdr.read_byte_record(&mut rec) {
                Ok(true) => {}
                Ok(false) => break,
                Err(e) => {
                    return Err(Error::Io {
                        message: e.to_string(),
                    });
                }
            }
            if let Some(len) = block {
                if rdr.position().byte() > len {
                    // The sentinel, alone (the block ended a record) or swallowed by an
                    // open quoted cell (this record goes on in the next block).
                    let alone = rec.len() == 1 && rec.get(0) == Some(SENTINEL);
                    return Ok(if alone {
                        BlockEnd::Clean
                    } else {
                        BlockEnd::Open
                    });
                }
            }
            check_record(&rec, limits, cell_bound)?;
            let line = line_of(&starts, rec.position().map_or(0, csv::Position::byte));
            let row = line.saturating_sub(self.embedded);
            // Most records hold no line break: one scan tells.
            let bytes = rec.as_slice();
            let breaks = if bytes.iter().any(|b| *b == b'\n' || *b == b'\r') {
                line_breaks(bytes)
            } else {
                0
            };
            self.embedded += breaks;
            if is_blank(&rec) {
                continue;
            }
            if !self.header_found {
                self.preamble.push((row, rec.clone()));
                let mut l = false;
                let cells = decode(&rec, &mut l);
                if known_headers(&cells) >= 2 || self.preamble.len() >= HEADER_SEARCH_ROWS {
                    self.header_found = true;
                    let chosen = if known_headers(&cells) >= 2 {
                        self.preamble.len() - 1
                    } else {
                        // No row looks like a header: the first non-blank row is the header.
                        0
                    };
                    let preamble = std::mem::take(&mut self.preamble);
                    start(
                        imp,
                        &preamble,
                        chosen,
                        &mut self.latin1,
                        &mut self.latin1_reported,
                    )?;
                }
                continue;
            }
            let mut refs = recycle(std::mem::take(&mut spare));
            let owned;
            if !decode_utf8(&rec, &mut refs) {
                owned = decode(&rec, &mut self.latin1);
                refs.clear();
                refs.extend(owned.iter().map(|c| c.as_ref()));
            }
            note_latin1(imp, row, self.latin1, &mut self.latin1_reported);
            if breaks > 0 && rec.as_slice().contains(&b'\n') {
                check_quotes(imp, row, &refs, self.delim);
            }
            // The apostrophe the exports put before formula-like text (crate::formula).
            crate::formula::restore_all(&mut refs);
            imp.row(row, &refs)?;
            spare = recycle(refs);
        }
        Ok(BlockEnd::Clean)
    }

    /// Ends a whole stream: a file of title rows only still gets its header.
    pub(super) fn finish(mut self, imp: &mut Importer) -> Result<()> {
        let rows_seen = !self.preamble.is_empty();
        if !self.header_found && rows_seen {
            let preamble = std::mem::take(&mut self.preamble);
            start(
                imp,
                &preamble,
                0,
                &mut self.latin1,
                &mut self.latin1_reported,
            )?;
        }
        imp.report.encoding = Some(if self.latin1 { "latin-1" } else { "utf-8" }.to_owned());
        if !self.header_found && !rows_seen {
            imp.header(1, &[]);
        }
        Ok(())
    }
}

/// Holds a record to the column and cell limits: cells are counted only in a record longer
/// than a cell may be, so the common case costs two comparisons.
fn check_record(rec: &csv::ByteRecord, limits: &Limits, cell_bound: u64) -> Result<()> {
    limits.check_width(rec.len())?;
    if rec.as_slice().len() as u64 > cell_bound {
        for field in rec {
            limits.check_cell(field)?;
        }
    }
    Ok(())
}

/// A cell with a line break and as many delimiters as a whole row is almost surely an
/// unclosed quote that swallowed the following lines: the row is rejected with
/// `unbalanced_quote` so that the loss is visible.
fn check_quotes(imp: &mut Importer, row: u64, cells: &[&str], delim: u8) {
    let needed = imp.width().saturating_sub(1).max(2);
    for (i, c) in cells.iter().enumerate() {
        if c.contains('\n') && c.bytes().filter(|b| *b == delim).count() >= needed {
            let d = Diagnostic::new("unbalanced_quote", format!("/rows/{row}"))
                .at_cell(row, imp.name_at(i))
                .with_param("lines", (c.matches('\n').count() + 1).to_string());
            imp.carry.push(d);
        }
    }
}

/// Reports, once, the first row where a cell was not UTF-8.
fn note_latin1(imp: &mut Importer, row: u64, latin1: bool, reported: &mut bool) {
    if !latin1 || *reported {
        return;
    }
    *reported = true;
    let mut d = Diagnostic::new("encoding_fallback", "").with_param("encoding", "windows-1252");
    d.row = Some(row);
    imp.push_once(d, super::OnceKey::Encoding);
}

/// Takes preamble row `chosen` as the header: rows before it are skipped (reported), rows
/// after it (buffered while looking for the header) are data.
fn start(
    imp: &mut Importer,
    buffered: &[(u64, csv::ByteRecord)],
    chosen: usize,
    latin1: &mut bool,
    reported: &mut bool,
) -> Result<()> {
    for (i, (row, rec)) in buffered.iter().enumerate() {
        let cells = decode(rec, latin1);
        note_latin1(imp, *row, *latin1, reported);
        let mut refs: Vec<&str> = cells.iter().map(|c| c.as_ref()).collect();
        crate::formula::restore_all(&mut refs);
        match i.cmp(&chosen) {
            std::cmp::Ordering::Less => {
                imp.preamble_skipped(*row, &refs);
            }
            std::cmp::Ordering::Equal => imp.header(*row, &refs),
            std::cmp::Ordering::Greater => imp.row(*row, &refs)?,
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_the_delimiter_of_the_first_line() {
        assert_eq!(sniff_delimiter(b"a;b;c\n1,5;2;3"), b';');
        assert_eq!(sniff_delimiter(b"a,b,c\n"), b',');
        assert_eq!(sniff_delimiter(b"\"a;x\",b,c\n"), b',');
        assert_eq!(sniff_delimiter(b"a\tb\tc"), b'\t');
        assert_eq!(sniff_delimiter(b""), b',');
    }

    #[test]
    fn sniffs_the_delimiter_of_the_header_below_a_title() {
        // A title row without delimiters, or with another one, does not decide.
        let title = "Matriz de seguimiento 2024\nPaís;Institución;Fecha;Tipo;Título;Estado\n";
        assert_eq!(sniff_delimiter(title.as_bytes()), b';');
        let title = "Matriz, 2024\n\nPaís\tFecha\tEstado\n";
        assert_eq!(sniff_delimiter(title.as_bytes()), b'\t');
    }
}
