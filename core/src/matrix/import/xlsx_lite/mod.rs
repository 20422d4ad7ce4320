//! XLSX reader made for size (the WebAssembly spreadsheet module): the zip central directory
//! and inflate ([`zip`], [`inflate`]), a streaming XML tokenizer ([`xml`]) over the workbook's
//! relationships, shared strings, number formats and the chosen worksheet. It gives the
//! cells the same text as the calamine reader of [`super::xlsx`] (a test and a fuzz target
//! compare the two): the same parts read in the same order, the same date and percent
//! formats, the same errors where calamine refuses a file (each `invalid_file`).

mod inflate;
mod xml;
mod zip;

use super::limits::Limits;
use super::xlsx::{SheetCells, keep, pick_sheet};
use crate::{Error, Result};
use std::borrow::Cow;
use std::collections::HashMap;
use xml::{Attrs, Ev, Xml, attr, attrs, decode, local};

/// Why a workbook cannot be read (becomes `invalid_file`).
#[derive(Debug)]
pub(super) struct Bad(pub &'static str);

impl From<Bad> for Error {
    fn from(b: Bad) -> Error {
        Error::InvalidFile {
            format: "xlsx".into(),
            message: b.0.into(),
        }
    }
}

/// How a cell's number format shows a number (calamine's `CellFormat`).
#[derive(Debug, Clone, Copy, PartialEq)]
enum Format {
    Other,
    DateTime,
    TimeDelta,
}

/// The workbook-level data the cells need.
struct Book {
    strings: Vec<String>,
    formats: Vec<Format>,
    is_1904: bool,
    /// (name, path of the part)
    sheets: Vec<(String, String)>,
}

/// Reads the chosen worksheet of the workbook in `data` (the zip directory's declared sizes
/// are held to `limits` first), as [`super::xlsx`]'s calamine reader does.
pub(super) fn sheet_cells(data: &[u8], sheet: Option<&str>, limits: &Limits) -> Result<SheetCells> {
    let mut zip = zip::Zip::new(data)?;
    let sizes: Vec<(u64, u64)> = zip.entries.iter().map(|e| (e.size, e.compressed)).collect();
    super::zip_check::check_sizes(&sizes, limits)?;
    // The reference check of every part (super::xlsx::refs), before anything else.
    zip.decompress_all();
    for p in zip.parts() {
        let mut x = Xml::new(p);
        while let Ok(ev) = x.next() {
            match ev {
                Ev::Start(name, attrs) => refs(local(name), attrs)?,
                Ev::Eof => break,
                _ => {}
            }
        }
    }
    let book = read_book(&zip)?;
    let names: Vec<String> = book.sheets.iter().map(|(n, _)| n.clone()).collect();
    let name = pick_sheet(&names, sheet)?;
    let path = book
        .sheets
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, p)| p.as_str())
        .unwrap_or_default();
    let Some(entry) = zip.find(path) else {
        return Err(Bad("the worksheet's part is missing").into());
    };
    let p = zip.read(entry)?;
    read_sheet(&mut Xml::new(&p), &book, limits)
}

/// The reference check of [`super::xlsx`] (`refs`) on one element.
fn refs(name: &[u8], raw: &str) -> Result<()> {
    let key = match name {
        b"row" | b"c" => "r",
        b"dimension" => "ref",
        _ => return Ok(()),
    };
    // quick-xml's attribute reader (not calamine's): a malformed attribute ends the list.
    for (k, v) in Attrs::new(raw).map_while(|a| a.ok()) {
        if k != key {
            continue;
        }
        if key == "ref" {
            super::xlsx::check_dimension(v)?;
        } else {
            super::xlsx::check_reference(v)?;
        }
    }
    Ok(())
}

/// A part as an XML reader, `None` when the package has no such part.
fn part<'z>(zip: &'z zip::Zip<'_>, path: &str) -> Result<Option<Cow<'z, zip::Part>>, Bad> {
    match zip.find(path) {
        Some(e) => zip.read(e).map(Some),
        None => Ok(None),
    }
}

fn eof(what: &'static str) -> Bad {
    Bad(what)
}

/// The workbook's parts as calamine's `Xlsx::new` reads them, in its order.
fn read_book(zip: &zip::Zip<'_>) -> Result<Book, Bad> {
    // _rels/.rels: the main document's path.
    let p = part(zip, "_rels/.rels")?.ok_or(Bad("File not found '_rels/.rels'"))?;
    let mut x = Xml::new(&p);
    until_start(&mut x, b"Relationships")?;
    let mut target = None;
    loop {
        match x.next()? {
            Ev::Start(n, a) if local(n) == b"Relationship" => {
                let [typ, tgt] = attrs(a, ["Type", "Target"])?;
                if typ.is_some_and(|t| t.ends_with("/relationships/officeDocument")) {
                    if let Some(t) = tgt {
                        target = Some(decode(t)?);
                    }
                }
            }
            Ev::End(n) if local(n) == b"Relationships" => break,
            Ev::Eof => return Err(eof("Unexpected end of xml, expecting '</Relationships>'")),
            _ => {}
        }
    }
    let target = target.ok_or(Bad("Relationship not found"))?;
    let (dir, file) = match target.rfind('/') {
        Some(i) => target.split_at(i + 1),
        None => ("", target.as_str()),
    };
    let xl = dir.strip_prefix('/').unwrap_or(dir).to_owned();
    let wb_name = if file.is_empty() {
        "workbook.xml"
    } else {
        file
    };

    let strings = shared_strings(zip, &xl)?;
    let formats = styles(zip, &xl)?;

    // The workbook's relationships: id -> (target, type).
    let rels_path = format!("{xl}_rels/{wb_name}.rels");
    let p = part(zip, &rels_path)?.ok_or(Bad("File not found (workbook relationships)"))?;
    let mut x = Xml::new(&p);
    let mut rels: HashMap<&str, (&str, &str)> = HashMap::new();
    loop {
        match x.next()? {
            Ev::Start(n, a) if local(n) == b"Relationship" => {
                let [id, typ, tgt] = attrs(a, ["Id", "Type", "Target"])?;
                if let Some(id) = id {
                    rels.insert(id, (tgt.unwrap_or_default(), typ.unwrap_or_default()));
                }
            }
            Ev::End(n) if local(n) == b"Relationships" => break,
            Ev::Eof => return Err(eof("Unexpected end of xml, expecting '</Relationships>'")),
            _ => {}
        }
    }

    // The workbook: sheets, the date system, defined names (read only for their errors).
    let mut book = Book {
        strings,
        formats,
        is_1904: false,
        sheets: Vec::new(),
    };
    let Some(p) = part(zip, &format!("{xl}{wb_name}"))? else {
        return Ok(book);
    };
    let mut x = Xml::new(&p);
    loop {
        match x.next()? {
            Ev::Start(n, a) if local(n) == b"sheet" => {
                let mut name = String::new();
                let mut rel_id = "";
                for kv in Attrs::new(a) {
                    let (k, v) = kv?;
                    match k {
                        "name" => name = decode(v)?,
                        "state" if !matches!(v, "visible" | "hidden" | "veryHidden") => {
                            return Err(Bad("Unrecognized sheet:state"));
                        }
                        "state" => {}
                        k if k == "id" || k.ends_with(":id") => rel_id = v,
                        _ => {}
                    }
                }
                let (target, typ) = rels.get(rel_id).ok_or(Bad("Relationship not found"))?;
                let path = match target.strip_prefix('/') {
                    Some(abs) => abs.to_owned(),
                    None => format!("{xl}{target}"),
                };
                if !matches!(
                    typ.rsplit('/').next(),
                    Some("worksheet" | "chartsheet" | "dialogsheet")
                ) {
                    return Err(Bad("Unrecognized sheet:type"));
                }
                book.sheets.push((name, path));
            }
            Ev::Start(n, a) if local(n) == b"workbookPr" => {
                if let Some(v) = attr(a, "date1904")? {
                    book.is_1904 = v == "1" || v == "true";
                }
            }
            Ev::Start(n, a) if local(n) == b"definedName" => {
                if let Some(v) = attr(a, "name")? {
                    decode(v)?;
                    x.text_to_end(n, false)?;
                }
            }
            Ev::End(n) if local(n) == b"workbook" => break,
            Ev::Eof => return Err(eof("Unexpected end of xml, expecting '</workbook>'")),
            _ => {}
        }
    }
    Ok(book)
}

/// Reads up to the start of the element `name` (local name).
fn until_start(x: &mut Xml<'_>, name: &[u8]) -> Result<(), Bad> {
    loop {
        match x.next()? {
            Ev::Start(n, _) if local(n) == name => return Ok(()),
            Ev::Eof => return Err(Bad("Unexpected end of xml")),
            _ => {}
        }
    }
}

fn shared_strings(zip: &zip::Zip<'_>, xl: &str) -> Result<Vec<String>, Bad> {
    let mut strings = Vec::new();
    let Some(p) = part(zip, &format!("{xl}sharedStrings.xml"))? else {
        return Ok(strings);
    };
    let mut x = Xml::new(&p);
    until_start(&mut x, b"sst")?;
    loop {
        match x.next()? {
            Ev::Start(n, _) if local(n) == b"si" => strings.push(rich_text(&mut x, n)?),
            Ev::End(n) if local(n) == b"sst" => return Ok(strings),
            Ev::Eof => return Err(eof("Unexpected end of xml, expecting '</sst>'")),
            _ => {}
        }
    }
}

/// A string item (`<si>`, `<is>`) up to its end `closing`: its `<t>` texts, rich text runs
/// `<r><t>` joined, phonetic runs `<rPh>` left out (calamine's `read_string`).
fn rich_text(x: &mut Xml<'_>, closing: &[u8]) -> Result<String, Bad> {
    let mut out = String::new();
    let mut phonetic = false;
    loop {
        match x.next()? {
            Ev::Start(n, _) if local(n) == b"rPh" => phonetic = true,
            Ev::End(n) if n == closing => return Ok(out),
            Ev::End(n) if local(n) == b"rPh" => phonetic = false,
            Ev::Start(n, a) if local(n) == b"t" && !phonetic => {
                let preserve = attr(a, "xml:space")? == Some("preserve");
                let value = x.text_to_end(n, true)?;
                let value = if preserve {
                    value.as_str()
                } else {
                    value.trim_matches([' ', '\t', '\r', '\n'])
                };
                unescape_excel(value, &mut out);
            }
            Ev::Eof => return Err(eof("Unexpected end of xml")),
            _ => {}
        }
    }
}

/// One `_xHHHH_` escape at the start of `s`: its UTF-16 code unit.
fn excel_escape(s: &str) -> Option<u16> {
    let b = s.as_bytes().get(..7)?;
    if !(b.starts_with(b"_x") && b.get(6) == Some(&b'_')) {
        return None;
    }
    let hex = b.get(2..6)?;
    if !hex.iter().all(u8::is_ascii_hexdigit) {
        return None;
    }
    u16::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok()
}

/// Appends `s` with Excel's `_xHHHH_` escapes (UTF-16 code units, surrogate pairs as two
/// escapes) resolved, as calamine's `unescape_xml`.
fn unescape_excel(s: &str, out: &mut String) {
    let mut rest = s;
    while let Some(i) = rest.find('_') {
        out.push_str(rest.get(..i).unwrap_or_default());
        let at = rest.get(i..).unwrap_or_default();
        let Some(unit) = excel_escape(at) else {
            out.push('_');
            rest = at.get(1..).unwrap_or_default();
            continue;
        };
        rest = at.get(7..).unwrap_or_default();
        let c = match unit {
            0xD800..=0xDBFF => match excel_escape(rest) {
                Some(low @ 0xDC00..=0xDFFF) => {
                    rest = rest.get(7..).unwrap_or_default();
                    char::from_u32(
                        0x10000 + ((u32::from(unit) - 0xD800) << 10) + (u32::from(low) - 0xDC00),
                    )
                }
                _ => None,
            },
            _ => char::from_u32(u32::from(unit)),
        };
        out.push(c.unwrap_or(char::REPLACEMENT_CHARACTER));
    }
    out.push_str(rest);
}

/// The cell formats (`cellXfs`) of styles.xml as date, duration or other, from their number
/// format: a custom `numFmt` by its code, else a built-in id (calamine's rules).
fn styles(zip: &zip::Zip<'_>, xl: &str) -> Result<Vec<Format>, Bad> {
    let mut formats = Vec::new();
    let Some(p) = part(zip, &format!("{xl}styles.xml"))? else {
        return Ok(formats);
    };
    let mut x = Xml::new(&p);
    let mut custom: HashMap<String, String> = HashMap::new();
    loop {
        match x.next()? {
            Ev::Start(n, _) if local(n) == b"numFmts" => loop {
                match x.next()? {
                    Ev::Start(n, a) if local(n) == b"numFmt" => {
                        let [id, code] = attrs(a, ["numFmtId", "formatCode"])?;
                        if let (Some(id), Some(code)) = (id, code) {
                            custom.insert(id.to_owned(), decode(code)?);
                        }
                    }
                    Ev::End(n) if local(n) == b"numFmts" => break,
                    Ev::Eof => return Err(eof("Unexpected end of xml, expecting '</numFmts>'")),
                    _ => {}
                }
            },
            Ev::Start(n, _) if local(n) == b"cellXfs" => loop {
                match x.next()? {
                    Ev::Start(n, a) if local(n) == b"xf" => {
                        formats.push(match attr(a, "numFmtId")? {
                            None => Format::Other,
                            Some(id) => match custom.get(id) {
                                Some(code) => custom_format(code),
                                None => builtin_format(id),
                            },
                        });
                        loop {
                            match x.next()? {
                                Ev::End(n) if local(n) == b"xf" => break,
                                Ev::Eof => {
                                    return Err(eof("Unexpected end of xml, expecting '</xf>'"));
                                }
                                _ => {}
                            }
                        }
                    }
                    Ev::End(n) if local(n) == b"cellXfs" => break,
                    Ev::Eof => return Err(eof("Unexpected end of xml, expecting '</cellXfs>'")),
                    _ => {}
                }
            },
            Ev::End(n) if local(n) == b"styleSheet" => return Ok(formats),
            Ev::Eof => return Err(eof("Unexpected end of xml, expecting '</styleSheet>'")),
            _ => {}
        }
    }
}

/// calamine's `builtin_format_by_id`.
fn builtin_format(id: &str) -> Format {
    match id.parse::<u16>() {
        _ if id.starts_with(['+', '0']) => Format::Other,
        Ok(14..=22 | 27..=36 | 45 | 47 | 50..=58) => Format::DateTime,
        Ok(46) => Format::TimeDelta,
        _ => Format::Other,
    }
}

/// calamine's `detect_custom_number_format`: whether a format code shows a date, a duration
/// (`[h]`, `[mm]`, `[s]`) or something else, from its first section.
fn custom_format(format: &str) -> Format {
    let (mut escaped, mut quoted, mut ap, mut hms) = (false, false, false, false);
    let mut brackets = 0u8;
    let mut prev = ' ';
    for c in format.chars() {
        if escaped {
            escaped = false;
        } else if matches!(c, '_' | '\\' | '*') {
            escaped = true;
        } else if quoted {
            quoted = c != '"';
        } else {
            match c {
                '"' => quoted = true,
                ';' => return Format::Other,
                '[' => brackets = brackets.wrapping_add(1),
                ']' if brackets == 1 && hms => return Format::TimeDelta,
                ']' => brackets = brackets.saturating_sub(1),
                'a' | 'A' if !ap && brackets == 0 => ap = true,
                'p' | 'm' | '/' | 'P' | 'M' if ap && brackets == 0 => return Format::DateTime,
                'd' | 'm' | 'h' | 'y' | 's' | 'D' | 'M' | 'H' | 'Y' | 'S'
                    if !ap && brackets == 0 =>
                {
                    return Format::DateTime;
                }
                _ => {
                    if !(hms && c.eq_ignore_ascii_case(&prev)) {
                        hms = prev == '[' && matches!(c, 'm' | 'h' | 's' | 'M' | 'H' | 'S');
                    }
                }
            }
        }
        prev = c;
    }
    Format::Other
}

/// calamine's `get_row_and_optional_column`: (row, column), 0-based; the column is `None`
/// when the reference has no letters.
fn position(r: &str) -> Result<(u32, Option<u32>), Bad> {
    let bad = Bad("a malformed cell reference");
    let (mut row, mut col) = (0u32, 0u32);
    let mut digits = false;
    for b in r.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' if !digits => {
                col = col
                    .wrapping_mul(26)
                    .wrapping_add(u32::from(b.to_ascii_uppercase() - b'A') + 1);
            }
            b'0'..=b'9' => {
                digits = true;
                row = row.wrapping_mul(10).wrapping_add(u32::from(b - b'0'));
            }
            _ => return Err(bad),
        }
    }
    let row = row.checked_sub(1).ok_or(bad)?;
    Ok((row, col.checked_sub(1)))
}

fn cell_position(r: &str) -> Result<(u32, u32), Bad> {
    match position(r)? {
        (row, Some(col)) => Ok((row, col)),
        _ => Err(Bad("a cell reference without a column")),
    }
}

/// calamine's `get_dimension` (only its errors matter here).
fn dimension(d: &str) -> Result<(), Bad> {
    let mut n = 0;
    for part in d.split(':') {
        cell_position(part)?;
        n += 1;
    }
    if n > 2 {
        return Err(Bad("a worksheet dimension of more than two corners"));
    }
    Ok(())
}

/// The value of a cell, as calamine's `DataRef` reduced to what the text needs.
enum Value {
    Empty,
    Text(String),
    Number(f64, Option<Format>),
}

/// Reads the worksheet's cells (calamine's `XlsxCellReader`).
fn read_sheet(x: &mut Xml<'_>, book: &Book, limits: &Limits) -> Result<SheetCells> {
    let mut cells = SheetCells::new();
    // Up to <sheetData>; a part without one is not a worksheet (a chart sheet): no cells.
    let mut seen_other = false;
    loop {
        match x.next()? {
            Ev::Start(n, a) => match local(n) {
                b"dimension" => match attr(a, "ref")? {
                    Some(d) => dimension(d)?,
                    None => return Err(Bad("Expecting 'dimension' node").into()),
                },
                b"sheetData" => break,
                _ => seen_other = true,
            },
            Ev::Eof if seen_other => return Ok(cells),
            Ev::Eof => return Err(Bad("Unexpected end of xml, expecting '</worksheet>'").into()),
            _ => {}
        }
    }
    let (mut row, mut col) = (0u32, 0u32);
    loop {
        match x.next()? {
            Ev::Start(n, a) if local(n) == b"row" => {
                if let Some(r) = attr(a, "r")? {
                    row = position(r)?.0;
                }
            }
            Ev::End(n) if local(n) == b"row" => {
                row = row.wrapping_add(1);
                col = 0;
            }
            Ev::Start(n, a) if local(n) == b"c" => {
                let [r, s, t] = attrs(a, ["r", "s", "t"])?;
                let pos = match r {
                    Some(r) => {
                        let p = cell_position(r)?;
                        col = p.1;
                        p
                    }
                    None => (row, col),
                };
                let mut value = Value::Empty;
                loop {
                    match x.next()? {
                        Ev::Start(e, _) => value = cell_value(x, e, s, t, book)?,
                        Ev::End(e) if local(e) == b"c" => break,
                        Ev::Eof => {
                            return Err(Bad("Unexpected end of xml, expecting '</c>'").into());
                        }
                        _ => {}
                    }
                }
                col = col.wrapping_add(1);
                let text = match value {
                    Value::Empty => continue,
                    Value::Text(t) => t,
                    Value::Number(f, Some(Format::DateTime)) => {
                        let (y, m, d) = ymd(f, book.is_1904);
                        format!("{y:04}-{m:02}-{d:02}")
                    }
                    Value::Number(f, _) => f.to_string(),
                };
                keep(&mut cells, pos, text, limits)?;
            }
            Ev::End(n) if local(n) == b"sheetData" => return Ok(cells),
            Ev::Eof => return Err(Bad("Unexpected end of xml, expecting '</sheetData>'").into()),
            _ => {}
        }
    }
}

/// An unsigned decimal as calamine's `atoi_simd::parse::<usize>` reads it.
fn index(s: &str) -> Option<usize> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse::<u64>().ok().and_then(|v| usize::try_from(v).ok())
}

/// The value of the element `e` inside a cell (calamine's `read_value` and `read_v`).
fn cell_value(
    x: &mut Xml<'_>,
    e: &[u8],
    style: Option<&str>,
    typ: Option<&str>,
    book: &Book,
) -> Result<Value, Bad> {
    match local(e) {
        b"is" => Ok(Value::Text(rich_text(x, e)?)),
        b"v" if matches!(typ, Some("inlineStr" | "is")) => {
            x.skip_to_end(e)?;
            Ok(Value::Empty)
        }
        b"v" => {
            let v = match typ {
                Some("n" | "s" | "b" | "e") | None => {
                    // The first text event only (a reference or markup first: no value).
                    let v = match x.next()? {
                        Ev::Text(t) => {
                            let end = t.iter().position(|&b| b == b'&').unwrap_or(t.len());
                            let raw = t.get(..end).unwrap_or_default();
                            if raw.is_empty() {
                                None
                            } else {
                                Some(String::from_utf8_lossy(raw).into_owned())
                            }
                        }
                        Ev::End(n) if n == e => return Ok(Value::Empty),
                        Ev::Eof => return Err(Bad("Unexpected end of xml, expecting '</v>'")),
                        _ => None,
                    };
                    x.skip_to_end(e)?;
                    match v {
                        Some(v) => v,
                        None => return Ok(Value::Empty),
                    }
                }
                _ => x.text_to_end(e, false)?,
            };
            read_v(&v, style, typ, book)
        }
        b"f" => {
            x.skip_to_end(e)?;
            Ok(Value::Empty)
        }
        _ => Err(Bad("Expecting 'v, f, or is' node")),
    }
}

fn read_v(v: &str, style: Option<&str>, typ: Option<&str>, book: &Book) -> Result<Value, Bad> {
    let format = match style {
        Some(s) => book.formats.get(index(s).unwrap_or(0)).copied(),
        None => Some(Format::Other),
    };
    match typ {
        Some("s") => {
            if v.is_empty() {
                return Ok(Value::Empty);
            }
            book.strings
                .get(index(v).unwrap_or(0))
                .map(|s| Value::Text(s.clone()))
                .ok_or(Bad("Cell string index not found in shared strings table"))
        }
        Some("b") => match v.trim() {
            "" => Ok(Value::Empty),
            t if t == "0" || t.eq_ignore_ascii_case("false") => Ok(Value::Text("false".into())),
            t if t == "1" || t.eq_ignore_ascii_case("true") => Ok(Value::Text("true".into())),
            _ => Err(Bad("Unrecognized boolean cell value")),
        },
        Some("d") => Ok(Value::Text(v.to_owned())),
        Some("e") => match v {
            "#DIV/0!" | "#N/A" | "#NAME?" | "#NULL!" | "#NUM!" | "#REF!" | "#VALUE!" => {
                Ok(Value::Text(v.to_owned()))
            }
            _ => Err(Bad("Unsupported cell error value")),
        },
        Some("str") => {
            let mut s = String::new();
            unescape_excel(v, &mut s);
            Ok(Value::Text(s))
        }
        Some("n") | None => {
            if v.is_empty() {
                return Ok(Value::Empty);
            }
            match v.parse::<f64>() {
                Ok(f) => Ok(Value::Number(f, format)),
                Err(_) if typ.is_none() => Ok(Value::Text(v.to_owned())),
                Err(_) => Err(Bad("a number cell that is not a number")),
            }
        }
        Some(_) => Err(Bad("Unknown cell 't' attribute")),
    }
}

/// The date of an Excel serial number (calamine's `excel_to_standard_datetime`, year,
/// month and day): the 1900 system with its phantom 1900-02-29, or the 1904 system; a time
/// that rounds to midnight is the next day.
fn ymd(serial: f64, is_1904: bool) -> (u64, u64, u64) {
    const YEAR: u64 = 365;
    const Y4: u64 = YEAR * 4 + 1;
    const Y100: u64 = YEAR * 100 + 25;
    const Y400: u64 = YEAR * 400 + 97;
    const DAY_SECONDS: f64 = 86_400.0;
    // A time that rounds up to the end of the day is the next day.
    let time = serial.fract();
    let mut seconds = (time * DAY_SECONDS) as u64;
    if ((time * DAY_SECONDS).fract() * 1000.0).round() as u64 == 1000 {
        seconds += 1;
    }
    if seconds == DAY_SECONDS as u64 {
        return ymd(serial.floor() + 1.0, is_1904);
    }
    let max = if is_1904 { 2_957_003 } else { 2_958_465 };
    let mut days = (serial.floor() as u64).min(max);
    days += if is_1904 {
        111_033
    } else if days > YEAR {
        109_571
    } else {
        109_572
    };
    let y400 = days / Y400;
    days %= Y400;
    let y100 = if days < Y100 {
        days / Y100
    } else {
        let n = 1 + (days - Y100) / (Y100 - 1);
        days = (days - Y100) % (Y100 - 1);
        n
    };
    let mut non_leap_block = false;
    let y4 = if y100 == 0 {
        let n = days / Y4;
        days %= Y4;
        n
    } else if days < Y4 {
        let n = days / (Y4 - 1);
        days %= Y4 - 1;
        non_leap_block = true;
        n
    } else {
        let n = 1 + (days - (Y4 - 1)) / Y4;
        days = (days - (Y4 - 1)) % Y4;
        n
    };
    let y1 = if non_leap_block {
        let n = days / YEAR;
        days %= YEAR;
        n
    } else if days < YEAR + 1 {
        let n = days / (YEAR + 1);
        days %= YEAR + 1;
        n
    } else {
        let n = 1 + (days - (YEAR + 1)) / YEAR;
        days = (days - (YEAR + 1)) % YEAR;
        n
    };
    let year = 1600 + y400 * 400 + y100 * 100 + y4 * 4 + y1;
    days += 1;
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let mut feb = if leap { 29 } else { 28 };
    if !is_1904 && year == 1900 {
        feb = 29;
        if serial.trunc() == 366.0 {
            days += 1;
        }
    }
    let mut month = 1;
    for len in [31, feb, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] {
        if days > len {
            days -= len;
            month += 1;
        } else {
            break;
        }
    }
    (year, month, days)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_formats_and_escapes_as_calamine() {
        assert_eq!(ymd(45_000.0, false), (2023, 3, 15));
        assert_eq!(ymd(60.0, false), (1900, 2, 29));
        assert_eq!(ymd(61.0, false), (1900, 3, 1));
        assert_eq!(ymd(1.0, false), (1900, 1, 1));
        assert_eq!(ymd(0.0, true), (1904, 1, 1));
        assert_eq!(ymd(45_000.999_999_999, false), (2023, 3, 16));
        assert_eq!(ymd(-5.0, false), ymd(0.0, false));
        assert_eq!(custom_format("DD/MM/YY"), Format::DateTime);
        assert_eq!(custom_format("[h]:mm:ss"), Format::TimeDelta);
        assert_eq!(custom_format("0.00%"), Format::Other);
        assert_eq!(custom_format("#,##0*y"), Format::Other);
        assert_eq!(custom_format("ha/p\\\\m"), Format::DateTime);
        assert_eq!(builtin_format("14"), Format::DateTime);
        assert_eq!(builtin_format("014"), Format::Other);
        assert_eq!(builtin_format("46"), Format::TimeDelta);
        assert_eq!(builtin_format("9"), Format::Other);
        let mut s = String::new();
        unescape_excel("a_x000D_b_x005F_x000D_c_xD83D__xDCF7__xD800_", &mut s);
        assert_eq!(s, "a\rb_x000D_c\u{1F4F7}\u{FFFD}");
    }
}
