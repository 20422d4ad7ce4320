//! A minimal pull tokenizer for the XML parts of a workbook: start tags (an empty element
//! `<a/>` is a start followed by its end, as calamine's reader is configured), end tags,
//! text and CDATA; comments, processing instructions and declarations are skipped. End
//! names are not checked against start names (calamine does not check them either).
//! UTF-8 only (what every spreadsheet writer produces); no encoding tables.

use super::Bad;
use super::zip::{Part, crc32};

/// One event of the stream. Names are qualified (`x:c`); [`local`] strips the prefix.
#[derive(Debug, Clone, Copy)]
pub(super) enum Ev<'a> {
    /// A start tag: its name and its raw attribute text.
    Start(&'a [u8], &'a str),
    /// An end tag (or the end of an empty element).
    End(&'a [u8]),
    /// Text between tags, raw (entities not resolved).
    Text(&'a [u8]),
    /// A CDATA section's content.
    CData(&'a [u8]),
    /// Something skipped: a comment, a processing instruction, a declaration.
    Other,
    /// The end of the part.
    Eof,
}

/// The name without its namespace prefix.
pub(super) fn local(name: &[u8]) -> &[u8] {
    match name.iter().rposition(|&b| b == b':') {
        Some(i) => name.get(i + 1..).unwrap_or_default(),
        None => name,
    }
}

pub(super) struct Xml<'a> {
    buf: &'a [u8],
    pos: usize,
    /// The end of an empty element, returned after its start.
    pending: Option<&'a [u8]>,
    /// The part could not be read past its bytes (a broken or oversized deflate stream): the
    /// end of the bytes is an error, not the end of the part.
    broken: bool,
    /// The declared checksum, checked when the end is first reached.
    crc: Option<u32>,
    /// Open elements: an end tag with none open is an error (as in quick-xml, which does
    /// not compare end names with start names here but counts them).
    depth: usize,
}

fn space(b: &u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    let rest = hay.get(from..)?;
    rest.windows(needle.len())
        .position(|w| w == needle)
        .map(|i| i + from)
}

fn utf8(b: &[u8]) -> Result<&str, Bad> {
    std::str::from_utf8(b).map_err(|_| Bad("the XML is not UTF-8"))
}

impl<'a> Xml<'a> {
    pub(super) fn new(part: &'a Part) -> Self {
        let buf = part.bytes.as_slice();
        let pos = if buf.starts_with(b"\xEF\xBB\xBF") {
            3
        } else {
            0
        };
        Xml {
            buf,
            pos,
            pending: None,
            broken: !part.whole,
            crc: Some(part.crc),
            depth: 0,
        }
    }

    fn eof(&mut self) -> Result<Ev<'a>, Bad> {
        if self.broken {
            return Err(Bad("a part of the zip archive could not be decompressed"));
        }
        if let Some(crc) = self.crc.take() {
            if crc32(self.buf) != crc {
                self.crc = Some(crc);
                return Err(Bad("a part of the zip archive has a bad checksum"));
            }
        }
        Ok(Ev::Eof)
    }

    /// Skips to just after `end`, or fails at the end of the part.
    fn skip_past(&mut self, end: &[u8]) -> Result<Ev<'a>, Bad> {
        match find(self.buf, self.pos, end) {
            Some(i) => {
                // Skipped, but still decoded (as quick-xml decodes every event).
                utf8(self.buf.get(self.pos..i).unwrap_or_default())?;
                self.pos = i + end.len();
                Ok(Ev::Other)
            }
            None => {
                self.eof()?;
                Err(Bad("unclosed XML markup"))
            }
        }
    }

    pub(super) fn next(&mut self) -> Result<Ev<'a>, Bad> {
        if let Some(name) = self.pending.take() {
            self.depth = self.depth.saturating_sub(1);
            return Ok(Ev::End(name));
        }
        let buf = self.buf;
        let start = self.pos;
        let Some(&first) = buf.get(start) else {
            return self.eof();
        };
        if first != b'<' {
            let end = buf
                .get(start..)
                .and_then(|r| r.iter().position(|&b| b == b'<'))
                .map_or(buf.len(), |i| i + start);
            self.pos = end;
            let text = buf.get(start..end).unwrap_or_default();
            utf8(text)?;
            return Ok(Ev::Text(text));
        }
        let rest = buf.get(start..).unwrap_or_default();
        if rest.starts_with(b"<!--") {
            self.pos = start + 4;
            return self.skip_past(b"-->");
        }
        if rest.starts_with(b"<![CDATA[") {
            let from = start + 9;
            let Some(end) = find(buf, from, b"]]>") else {
                self.eof()?;
                return Err(Bad("unclosed CDATA section"));
            };
            self.pos = end + 3;
            let text = buf.get(from..end).unwrap_or_default();
            utf8(text)?;
            return Ok(Ev::CData(text));
        }
        if rest.starts_with(b"<?") {
            self.pos = start + 2;
            return self.skip_past(b"?>");
        }
        if rest.starts_with(b"<!") {
            self.pos = start + 2;
            return self.skip_past(b">");
        }
        // A tag: up to the first '>' outside quotes.
        let mut quote = 0u8;
        let mut end = None;
        for (i, &b) in rest.iter().enumerate().skip(1) {
            match b {
                b'"' | b'\'' if quote == 0 => quote = b,
                q if q == quote => quote = 0,
                b'>' if quote == 0 => {
                    end = Some(start + i);
                    break;
                }
                _ => {}
            }
        }
        let Some(end) = end else {
            self.eof()?;
            return Err(Bad("unclosed XML tag"));
        };
        self.pos = end + 1;
        let inner = buf.get(start + 1..end).unwrap_or_default();
        if let Some(name) = inner.strip_prefix(b"/") {
            let n = name.iter().rposition(|b| !space(b)).map_or(0, |i| i + 1);
            let name = name.get(..n).unwrap_or_default();
            utf8(name)?;
            self.depth = self
                .depth
                .checked_sub(1)
                .ok_or(Bad("an XML end tag without a start"))?;
            return Ok(Ev::End(name));
        }
        let (inner, empty) = match inner.strip_suffix(b"/") {
            Some(i) => (i, true),
            None => (inner, false),
        };
        let n = inner.iter().position(space).unwrap_or(inner.len());
        let name = inner.get(..n).unwrap_or_default();
        utf8(name)?;
        let attrs = utf8(inner.get(n..).unwrap_or_default())?;
        if empty {
            self.pending = Some(name);
        }
        self.depth += 1;
        Ok(Ev::Start(name, attrs))
    }

    /// Skips to the end of the element whose start was just read (elements of the same name
    /// nested in it are counted).
    pub(super) fn skip_to_end(&mut self, name: &[u8]) -> Result<(), Bad> {
        let mut depth = 0usize;
        loop {
            match self.next()? {
                Ev::Start(n, _) if n == name => depth += 1,
                Ev::End(n) if n == name => {
                    if depth == 0 {
                        return Ok(());
                    }
                    depth -= 1;
                }
                Ev::Eof => return Err(Bad("unexpected end of XML")),
                _ => {}
            }
        }
    }

    /// The text of the element whose start was just read, up to its end: text with line
    /// ends normalised, CDATA, entity and character references resolved. `cdata`: whether
    /// CDATA sections count (only strings' `<t>` reads them).
    pub(super) fn text_to_end(&mut self, name: &[u8], cdata: bool) -> Result<String, Bad> {
        let mut out = String::new();
        loop {
            match self.next()? {
                Ev::Text(t) => unescape(t, &mut out)?,
                Ev::CData(t) if cdata => push_eol(utf8(t)?, &mut out),
                Ev::End(n) if n == name => return Ok(out),
                Ev::Eof => return Err(Bad("unexpected end of XML")),
                _ => {}
            }
        }
    }
}

/// Appends text with XML 1.0 line ends (`\r\n` and `\r` become `\n`).
fn push_eol(s: &str, out: &mut String) {
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            if chars.peek() == Some(&'\n') {
                chars.next();
            }
            out.push('\n');
        } else {
            out.push(c);
        }
    }
}

/// Appends raw text with its references resolved: the five XML entities and character
/// references (`&#233;`, `&#xE9;`); anything else is an error, as for calamine.
pub(super) fn unescape(raw: &[u8], out: &mut String) -> Result<(), Bad> {
    let s = utf8(raw)?;
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        push_eol(rest.get(..amp).unwrap_or_default(), out);
        let after = rest.get(amp + 1..).unwrap_or_default();
        let Some(semi) = after.find(';') else {
            return Err(Bad("an unterminated XML reference"));
        };
        out.push(entity(after.get(..semi).unwrap_or_default())?);
        rest = after.get(semi + 1..).unwrap_or_default();
    }
    push_eol(rest, out);
    Ok(())
}

fn entity(name: &str) -> Result<char, Bad> {
    Ok(match name {
        "lt" => '<',
        "gt" => '>',
        "amp" => '&',
        "apos" => '\'',
        "quot" => '"',
        _ => {
            let num = name.strip_prefix('#').ok_or(Bad("an unknown XML entity"))?;
            let (digits, radix) = match num.strip_prefix('x') {
                Some(h) => (h, 16),
                None => (num, 10),
            };
            if digits.starts_with(['+', '-']) {
                return Err(Bad("a bad character reference"));
            }
            u32::from_str_radix(digits, radix)
                .ok()
                .filter(|&c| c != 0)
                .and_then(char::from_u32)
                .ok_or(Bad("a bad character reference"))?
        }
    })
}

/// The attributes of a tag as calamine reads them: `key="value"` pairs, the key up to `=`
/// (trailing space trimmed), the value up to the closing quote (or the end); a key without
/// `=` or an unquoted value is an error.
pub(super) struct Attrs<'a> {
    raw: &'a str,
}

impl<'a> Attrs<'a> {
    pub(super) fn new(raw: &'a str) -> Self {
        Attrs { raw }
    }
}

impl<'a> Iterator for Attrs<'a> {
    type Item = Result<(&'a str, &'a str), Bad>;

    fn next(&mut self) -> Option<Self::Item> {
        let s = self
            .raw
            .trim_start_matches(|c: char| c.is_ascii_whitespace());
        if s.is_empty() {
            self.raw = s;
            return None;
        }
        self.raw = "";
        let Some(eq) = s.find('=') else {
            return Some(Err(Bad("an XML attribute without '='")));
        };
        let key = s
            .get(..eq)
            .unwrap_or_default()
            .trim_end_matches(|c: char| c.is_ascii_whitespace());
        let v = s
            .get(eq + 1..)
            .unwrap_or_default()
            .trim_start_matches(|c: char| c.is_ascii_whitespace());
        let Some(q) = v.chars().next().filter(|&c| c == '"' || c == '\'') else {
            return Some(Err(Bad("an unquoted XML attribute value")));
        };
        let body = v.get(1..).unwrap_or_default();
        let (val, rest) = match body.find(q) {
            Some(i) => (
                body.get(..i).unwrap_or_default(),
                body.get(i + 1..).unwrap_or_default(),
            ),
            None => (body, ""),
        };
        self.raw = rest;
        Some(Ok((key, val)))
    }
}

/// The first attribute named `key` (exactly), as calamine's `raw_attr`: an error in the
/// attributes before it is an error.
pub(super) fn attr<'a>(raw: &'a str, key: &str) -> Result<Option<&'a str>, Bad> {
    for a in Attrs::new(raw) {
        let (k, v) = a?;
        if k == key {
            return Ok(Some(v));
        }
    }
    Ok(None)
}

/// An attribute value with its references resolved (calamine's `decode_attr`).
pub(super) fn decode(v: &str) -> Result<String, Bad> {
    let mut out = String::new();
    let mut rest = v;
    while let Some(amp) = rest.find('&') {
        out.push_str(rest.get(..amp).unwrap_or_default());
        let after = rest.get(amp + 1..).unwrap_or_default();
        let Some(semi) = after.find(';') else {
            return Err(Bad("an unterminated XML reference"));
        };
        out.push(entity(after.get(..semi).unwrap_or_default())?);
        rest = after.get(semi + 1..).unwrap_or_default();
    }
    out.push_str(rest);
    Ok(out)
}

/// The attributes `keys` (exact names) as calamine's `get_attrs!` reads them: it stops once
/// as many of them were seen as there are keys (a repeated key counts twice), and an error
/// in the attributes before that is an error.
pub(super) fn attrs<'a, const N: usize>(
    raw: &'a str,
    keys: [&str; N],
) -> Result<[Option<&'a str>; N], Bad> {
    let mut out = [None; N];
    let mut found = 0;
    for kv in Attrs::new(raw) {
        let (k, v) = kv?;
        if let Some(slot) = keys
            .iter()
            .position(|key| *key == k)
            .and_then(|i| out.get_mut(i))
        {
            *slot = Some(v);
            found += 1;
            if found == N {
                break;
            }
        }
    }
    Ok(out)
}
