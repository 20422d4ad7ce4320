//! Cell values as partners write them: dates (ISO, dd/mm/yyyy, Excel serial numbers),
//! percentages (`45`, `45%`, `0.45`), counts, yes/no flags and multi-valued cells.

use chrono::{Datelike, NaiveDate};

/// How a date cell was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DateRead {
    /// ISO `yyyy-mm-dd` (a time part after it is ignored), `dd/mm/yyyy`, `dd-mm-yyyy`,
    /// `dd.mm.yyyy` or an Excel serial number: unambiguous.
    Exact(NaiveDate),
    /// Written `mm/dd/yyyy` (the second number is above 12 and the first is not): read as
    /// such, with a warning.
    MonthFirst(NaiveDate),
}

/// Excel's day 0 of the 1900 date system (serial 1 = 1900-01-01, with Excel's 1900 leap-year
/// bug, which makes 1899-12-30 the right origin for every serial after February 1900).
fn excel_epoch() -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(1899, 12, 30)
}

/// Dates beyond these bounds are refused as typos (a year 20244, a serial of 3).
const MIN_YEAR: i32 = 1900;
const MAX_YEAR: i32 = 2200;

fn plausible(d: NaiveDate) -> Option<NaiveDate> {
    (MIN_YEAR..=MAX_YEAR).contains(&d.year()).then_some(d)
}

/// Parses a date; `None` when it is not a date in any accepted format.
pub(crate) fn parse_date(s: &str) -> Option<DateRead> {
    let s = s.trim();
    let b = s.as_bytes();
    // ISO: yyyy-mm-dd, optionally followed by a time ("2024-05-02 00:00:00", "...T...").
    if b.len() >= 10 && b.get(4) == Some(&b'-') && b.get(7) == Some(&b'-') {
        let (y, m, d) = (num(b.get(0..4)?)?, num(b.get(5..7)?)?, num(b.get(8..10)?)?);
        if b.len() > 10 && !matches!(b.get(10), Some(b' ' | b'T')) {
            return None;
        }
        let y = i32::try_from(y).ok()?;
        return NaiveDate::from_ymd_opt(y, m, d)
            .and_then(plausible)
            .map(DateRead::Exact);
    }
    // d/m/yyyy with '/', '-' or '.' separators.
    for sep in [b'/', b'-', b'.'] {
        let mut parts = s.split(char::from(sep));
        if let (Some(a), Some(m), Some(y), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        {
            let y = y.split([' ', 'T']).next().unwrap_or(y);
            if a.len() > 2 || m.len() > 2 || y.len() != 4 {
                return None;
            }
            let (a, m, y) = (
                num(a.as_bytes())?,
                num(m.as_bytes())?,
                i32::try_from(num(y.as_bytes())?).ok()?,
            );
            if m > 12 && (1..=12).contains(&a) {
                return NaiveDate::from_ymd_opt(y, a, m)
                    .and_then(plausible)
                    .map(DateRead::MonthFirst);
            }
            return NaiveDate::from_ymd_opt(y, m, a)
                .and_then(plausible)
                .map(DateRead::Exact);
        }
    }
    // Excel serial number (what a date cell becomes when a sheet is saved as CSV unformatted);
    // small numbers (before 1927) are refused as typos rather than read as 1900 dates.
    let serial: f64 = s.parse().ok()?;
    if !serial.is_finite() || !(10_000.0..=2_958_465.0).contains(&serial) {
        return None;
    }
    // Truncation is the intent: the fraction is the time of day.
    #[allow(clippy::cast_possible_truncation)]
    let days = serial.trunc() as i64;
    excel_epoch()?
        .checked_add_signed(chrono::Duration::try_days(days)?)
        .and_then(plausible)
        .map(DateRead::Exact)
}

/// An unsigned decimal number made only of ASCII digits (at most 9 of them).
fn num(b: &[u8]) -> Option<u32> {
    if b.is_empty() || b.len() > 9 || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let mut v: u32 = 0;
    for &c in b {
        v = v.checked_mul(10)?.checked_add(u32::from(c - b'0'))?;
    }
    Some(v)
}

/// A decimal number as written in the region: `45`, `45.5`, `45,5` (decimal comma when there
/// is no dot), surrounding spaces ignored.
pub(crate) fn parse_decimal(s: &str) -> Option<f64> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    let v: f64 = if s.contains(',') && !s.contains('.') {
        s.replace(',', ".").parse().ok()?
    } else {
        s.parse().ok()?
    };
    v.is_finite().then_some(v)
}

/// How a progress cell was written.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Percent {
    /// With a `%` sign, or a bare number outside (0, 1]: the value in percent.
    Exact(f64),
    /// A bare number in (0, 1] without `%`: a fraction (0.45 = 45 %) or a small percentage
    /// (1 = 1 %). Resolved by the whole column (see `docs/matrix.md`).
    Ambiguous(f64),
}

/// Parses a progress cell; `None` when it is not a number.
pub(crate) fn parse_percent(s: &str) -> Option<Percent> {
    let s = s.trim();
    if let Some(body) = s.strip_suffix('%') {
        return parse_decimal(body).map(Percent::Exact);
    }
    let v = parse_decimal(s)?;
    Some(if v > 0.0 && v <= 1.0 {
        Percent::Ambiguous(v)
    } else {
        Percent::Exact(v)
    })
}

/// Outcome of reading a count of people.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Count {
    /// A count.
    Ok(u32),
    /// Not a whole number.
    Invalid,
    /// Negative or too large.
    OutOfRange,
}

/// Largest count accepted (`u32::MAX` is the store's "not reported" marker).
pub(crate) const MAX_COUNT: u32 = u32::MAX - 1;

/// Parses a count of people: `120`, `120.0` (as spreadsheets export integers), `1 200`.
pub(crate) fn parse_count(s: &str) -> Count {
    let s = s.trim();
    let compact: String;
    let s = if s.contains(' ') || s.contains('\u{a0}') {
        compact = s.chars().filter(|c| *c != ' ' && *c != '\u{a0}').collect();
        compact.as_str()
    } else {
        s
    };
    if let Ok(v) = s.parse::<u64>() {
        return u32::try_from(v)
            .ok()
            .filter(|v| *v <= MAX_COUNT)
            .map_or(Count::OutOfRange, Count::Ok);
    }
    match parse_decimal(s) {
        Some(v) if v < 0.0 => Count::OutOfRange,
        Some(v) if v.fract() == 0.0 => {
            if v > f64::from(MAX_COUNT) {
                Count::OutOfRange
            } else {
                // In range and integral: the cast is exact.
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                Count::Ok(v as u32)
            }
        }
        _ => Count::Invalid,
    }
}

/// Parses a yes/no cell (`sí`, `si`, `yes`, `x`, `true`, `1` / `no`, `false`, `0`).
pub(crate) fn parse_bool(s: &str) -> Option<bool> {
    // The spellings of nearly every file, without building a normalised key.
    match s {
        "Sí" | "sí" | "SÍ" | "Si" | "si" | "SI" | "1" | "x" | "X" => return Some(true),
        "No" | "no" | "NO" | "0" => return Some(false),
        _ => {}
    }
    match crate::text::normalize_key(s).as_str() {
        "si" | "s" | "yes" | "y" | "true" | "verdadero" | "1" | "x" => Some(true),
        "no" | "n" | "false" | "falso" | "0" => Some(false),
        _ => None,
    }
}

/// The items of a multi-valued cell: separated by `;`, `,`, `|` or line breaks, trimmed,
/// blanks dropped.
pub(crate) fn split_multi(s: &str) -> impl Iterator<Item = &str> {
    s.split([';', ',', '|', '\n', '\r'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn dates_in_every_accepted_format() {
        assert_eq!(
            parse_date("2024-05-02"),
            Some(DateRead::Exact(d(2024, 5, 2)))
        );
        assert_eq!(
            parse_date("2024-05-02 00:00:00"),
            Some(DateRead::Exact(d(2024, 5, 2)))
        );
        assert_eq!(
            parse_date("02/05/2024"),
            Some(DateRead::Exact(d(2024, 5, 2)))
        );
        assert_eq!(parse_date("2/5/2024"), Some(DateRead::Exact(d(2024, 5, 2))));
        assert_eq!(
            parse_date("02-05-2024"),
            Some(DateRead::Exact(d(2024, 5, 2)))
        );
        assert_eq!(
            parse_date("02.05.2024"),
            Some(DateRead::Exact(d(2024, 5, 2)))
        );
        assert_eq!(
            parse_date("05/25/2024"),
            Some(DateRead::MonthFirst(d(2024, 5, 25)))
        );
        assert_eq!(parse_date("45414"), Some(DateRead::Exact(d(2024, 5, 2))));
        assert_eq!(parse_date("45414.5"), Some(DateRead::Exact(d(2024, 5, 2))));
        assert_eq!(parse_date("31/02/2024"), None);
        assert_eq!(parse_date("2024-13-01"), None);
        assert_eq!(parse_date("ayer"), None);
        assert_eq!(parse_date("3"), None);
        assert_eq!(parse_date("02/05/24"), None);
        assert_eq!(parse_date(""), None);
        assert_eq!(parse_date("2024-05-02x"), None);
    }

    #[test]
    fn percentages() {
        assert_eq!(parse_percent("45"), Some(Percent::Exact(45.0)));
        assert_eq!(parse_percent("45%"), Some(Percent::Exact(45.0)));
        assert_eq!(parse_percent(" 45,5 % "), Some(Percent::Exact(45.5)));
        assert_eq!(parse_percent("0"), Some(Percent::Exact(0.0)));
        assert_eq!(parse_percent("0.45"), Some(Percent::Ambiguous(0.45)));
        assert_eq!(parse_percent("1"), Some(Percent::Ambiguous(1.0)));
        assert_eq!(parse_percent("1%"), Some(Percent::Exact(1.0)));
        assert_eq!(parse_percent("mucho"), None);
    }

    #[test]
    fn counts_and_flags() {
        assert_eq!(parse_count("120"), Count::Ok(120));
        assert_eq!(parse_count("120.0"), Count::Ok(120));
        assert_eq!(parse_count("1 200"), Count::Ok(1200));
        assert_eq!(parse_count("-3"), Count::OutOfRange);
        assert_eq!(parse_count("12.5"), Count::Invalid);
        assert_eq!(parse_count("muchas"), Count::Invalid);
        assert_eq!(parse_count("99999999999"), Count::OutOfRange);
        assert_eq!(parse_bool("Sí"), Some(true));
        assert_eq!(parse_bool("NO"), Some(false));
        assert_eq!(parse_bool("tal vez"), None);
        // The fast path reads what the normalised key reads.
        for s in [
            "Sí", "sí", "SÍ", "Si", "si", "SI", "1", "x", "X", "No", "no", "NO", "0",
        ] {
            let slow = match crate::text::normalize_key(s).as_str() {
                "si" | "x" | "1" => Some(true),
                "no" | "0" => Some(false),
                _ => None,
            };
            assert_eq!(parse_bool(s), slow, "{s}");
        }
        assert_eq!(parse_bool("Verdadero"), Some(true));
        assert_eq!(parse_bool(" n "), Some(false));
        let v: Vec<_> = split_multi("VCM-1; VCM-2 | EMP-1,,").collect();
        assert_eq!(v, ["VCM-1", "VCM-2", "EMP-1"]);
    }
}
