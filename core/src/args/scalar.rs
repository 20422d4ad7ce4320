//! Scalar arguments: dates, whole numbers, flags, text.

use super::{ArgPath, FromArg};
use crate::Result;
use chrono::NaiveDate;
use serde_json::Value;

/// The one date format of arguments and options: `YYYY-MM-DD` (ISO 8601 calendar date),
/// surrounding spaces ignored. Data files accept more spellings (see the matrix import);
/// arguments do not, so that a call means the same in every language.
pub fn parse_iso_date(text: &str) -> Option<NaiveDate> {
    let t = text.trim();
    // chrono's %Y also takes signs and more digits; an argument is exactly 4-2-2.
    let shape_ok = t.len() == 10
        && t.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if !shape_ok {
        return None;
    }
    // The shape is checked: the three numbers are read directly (chrono's format-string
    // parser is a sizeable part of the WebAssembly module).
    let number = |range: std::ops::Range<usize>| {
        t.get(range)?
            .bytes()
            .try_fold(0u32, |n, b| Some(n * 10 + u32::from(b - b'0')))
    };
    let year = i32::try_from(number(0..4)?).ok()?;
    NaiveDate::from_ymd_opt(year, number(5..7)?, number(8..10)?)
}

impl FromArg for NaiveDate {
    fn expected() -> String {
        "a date written YYYY-MM-DD".into()
    }

    fn from_arg(value: &Value, at: &ArgPath) -> Result<Self> {
        value
            .as_str()
            .and_then(parse_iso_date)
            .ok_or_else(|| at.invalid(value, Self::expected()))
    }
}

impl FromArg for bool {
    fn expected() -> String {
        "true or false".into()
    }

    fn from_arg(value: &Value, at: &ArgPath) -> Result<Self> {
        value
            .as_bool()
            .ok_or_else(|| at.invalid(value, Self::expected()))
    }
}

impl FromArg for String {
    fn expected() -> String {
        "a text".into()
    }

    fn from_arg(value: &Value, at: &ArgPath) -> Result<Self> {
        value
            .as_str()
            .map(str::to_owned)
            .ok_or_else(|| at.invalid(value, Self::expected()))
    }
}

/// A whole number in `min..=max`. JavaScript has only floating-point numbers, so `5.0` is 5;
/// `5.5`, `"5"` and `true` are not numbers of days.
pub(crate) fn whole_number(value: &Value, at: &ArgPath, min: u64, max: u64) -> Result<u64> {
    let expected = || {
        if max == u64::MAX {
            format!("a whole number of at least {min}")
        } else {
            format!("a whole number from {min} to {max}")
        }
    };
    let n = match value {
        Value::Number(n) => n.as_u64().or_else(|| {
            n.as_f64()
                .filter(|f| f.fract() == 0.0 && *f >= 0.0 && *f <= 9_007_199_254_740_992.0)
                .map(|f| {
                    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                    let whole = f as u64;
                    whole
                })
        }),
        _ => None,
    };
    n.filter(|n| (min..=max).contains(n))
        .ok_or_else(|| at.invalid(value, expected()))
}

impl FromArg for u64 {
    fn expected() -> String {
        "a whole number of at least 0".into()
    }

    fn from_arg(value: &Value, at: &ArgPath) -> Result<Self> {
        whole_number(value, at, 0, u64::MAX)
    }
}

impl FromArg for u32 {
    fn expected() -> String {
        format!("a whole number from 0 to {}", u32::MAX)
    }

    fn from_arg(value: &Value, at: &ArgPath) -> Result<Self> {
        let n = whole_number(value, at, 0, u64::from(u32::MAX))?;
        u32::try_from(n).map_err(|_| at.invalid(value, Self::expected()))
    }
}

/// A number of days of at least one (intervals, maximum lengths).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Days(pub u32);

impl FromArg for Days {
    fn expected() -> String {
        format!("a whole number of days from 1 to {}", u32::MAX)
    }

    fn from_arg(value: &Value, at: &ArgPath) -> Result<Self> {
        let n = whole_number(value, at, 1, u64::from(u32::MAX))
            .map_err(|_| at.invalid(value, Self::expected()))?;
        u32::try_from(n)
            .map(Days)
            .map_err(|_| at.invalid(value, Self::expected()))
    }
}

/// A whole number of percentage points, from 0 to 100 (margins, thresholds).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Percent(pub u32);

impl FromArg for Percent {
    fn expected() -> String {
        "a whole number of percentage points from 0 to 100".into()
    }

    fn from_arg(value: &Value, at: &ArgPath) -> Result<Self> {
        let n = whole_number(value, at, 0, 100).map_err(|_| at.invalid(value, Self::expected()))?;
        u32::try_from(n)
            .map(Percent)
            .map_err(|_| at.invalid(value, Self::expected()))
    }
}

/// A number of threads: a whole number from 1 (at most 1024, more than any machine has
/// cores for one import).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Threads(pub u64);

impl FromArg for Threads {
    fn expected() -> String {
        "a whole number of threads from 1 to 1024 (or null: one per core)".into()
    }

    fn from_arg(value: &Value, at: &ArgPath) -> Result<Self> {
        whole_number(value, at, 1, 1024)
            .map(Threads)
            .map_err(|_| at.invalid(value, Self::expected()))
    }
}

/// The most rows in one batch of a table handed out by batches (an Arrow stream): a whole
/// number from 1 to 2^32 - 1, default [`BatchRows::DEFAULT`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BatchRows(pub usize);

impl BatchRows {
    /// 65 536 rows a batch.
    pub const DEFAULT: BatchRows = BatchRows(65_536);
}

impl FromArg for BatchRows {
    fn expected() -> String {
        format!("a whole number of rows from 1 to {}", u32::MAX)
    }

    fn from_arg(value: &Value, at: &ArgPath) -> Result<Self> {
        let n = whole_number(value, at, 1, u64::from(u32::MAX))
            .map_err(|_| at.invalid(value, Self::expected()))?;
        usize::try_from(n)
            .map(BatchRows)
            .map_err(|_| at.invalid(value, Self::expected()))
    }
}

/// One ASCII character other than a quote or a line break (a CSV delimiter).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Delimiter(pub char);

impl FromArg for Delimiter {
    fn expected() -> String {
        "one ASCII character other than '\"' and a line break (such as \",\", \";\" or a tab)"
            .into()
    }

    fn from_arg(value: &Value, at: &ArgPath) -> Result<Self> {
        let mut chars = value.as_str().map(str::chars);
        let one = chars
            .as_mut()
            .and_then(|c| c.next().filter(|_| c.next().is_none()));
        one.filter(|d| d.is_ascii() && !matches!(d, '"' | '\n' | '\r'))
            .map(Delimiter)
            .ok_or_else(|| at.invalid(value, Self::expected()))
    }
}
