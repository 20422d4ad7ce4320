//! The annual Regional Congresses on women in migration contexts and their sessions.

use crate::codes::SessionKind;
use crate::i18n::Text;
use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// How a congress was held.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CongressFormat {
    /// In person.
    InPerson,
    /// Online.
    Virtual,
    /// Both.
    Hybrid,
}

/// One edition of the Regional Congress. Unknown facts are `None`, never guessed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Congress {
    /// Edition number (1 = I Congress).
    pub edition: u16,
    /// First day.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::args::iso_date::option"
    )]
    pub start: Option<NaiveDate>,
    /// Last day (inclusive).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::args::iso_date::option"
    )]
    pub end: Option<NaiveDate>,
    /// The year it was held, when the day is not known (congress III: 2021). With a
    /// `start`, it must be the start's year (or be left out).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    /// The month it was held (1-12), when the day is not known; needs `year`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub month: Option<u8>,
    /// Host city.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// Host country (ISO 3166-1 alpha-3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// How it was held.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<CongressFormat>,
    /// Year of the Pro-Tempore Presidency under which it was organised.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub presidency_year: Option<i32>,
    /// The Pro-Tempore Presidency (ISO alpha-3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub presidency: Option<String>,
    /// Theme.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub theme: Option<Text>,
    /// Known sessions (colloquia, panels, working tables, webinars).
    #[serde(default)]
    pub sessions: Vec<Session>,
    /// Remarks on the facts (conflicting sources, what is unconfirmed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// Where the facts come from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// How precisely the date of a congress is known.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum DatePrecision {
    /// The days are known (`start`).
    Day,
    /// Only the month (`year` and `month`).
    Month,
    /// Only the year (`year`).
    Year,
}

/// When a congress was held, as precisely as it is known: the first day it can have started
/// and the precision, e.g. `2021-01-01` at [`DatePrecision::Year`] for a congress known only
/// to have been held in 2021.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct HeldOn {
    /// The start day, or the first day of the month or year it was held in.
    pub from: NaiveDate,
    /// How much of `from` is known.
    pub precision: DatePrecision,
}

impl HeldOn {
    /// `2018-12-18`, `2021-09` or `2021`: the date as far as it is known.
    pub fn label(&self) -> String {
        use chrono::Datelike;
        // Written by hand: chrono's strftime formatter would weigh on the WebAssembly module.
        let (y, m) = (self.from.year(), self.from.month());
        match self.precision {
            DatePrecision::Day => self.from.to_string(),
            DatePrecision::Month => format!("{y:04}-{m:02}"),
            DatePrecision::Year => y.to_string(),
        }
    }
}

/// A congress as the bindings show it: its facts plus the Roman-numeral `label`, the
/// edition's name in Spanish and English (`title_es`, `title_en`) and how precisely its date
/// is known (`date_precision`, `held`), computed here so that Python's `cat.congress(5)` and
/// JavaScript's `cat.congress(5)` have the same fields.
#[derive(Debug, Clone, Serialize)]
pub struct CongressView<'a> {
    /// The congress's facts.
    #[serde(flatten)]
    pub congress: &'a Congress,
    /// `"V"`.
    pub label: String,
    /// `"V Congreso Regional sobre Mujeres en Contextos Migratorios"`.
    pub title_es: String,
    /// `"V Regional Congress on Women in Migration Contexts"`.
    pub title_en: String,
    /// `day`, `month`, `year`, or `None` when nothing is known of the date.
    pub date_precision: Option<DatePrecision>,
    /// The date as far as it is known (`"2023-07-06"`, `"2021"`), or `None`.
    pub held: Option<String>,
}

impl Congress {
    /// This congress with its label and titles (what the bindings return).
    ///
    /// ```
    /// let cat = lineamientos::Catalog::embedded();
    /// let v = serde_json::to_value(cat.congress(5).unwrap().view()).unwrap();
    /// assert_eq!(v["label"], "V");
    /// assert!(v["title_en"].as_str().unwrap().starts_with("V Regional Congress"));
    /// assert_eq!(v["edition"], 5);
    /// ```
    pub fn view(&self) -> CongressView<'_> {
        CongressView {
            congress: self,
            label: self.label(),
            title_es: self.title(crate::Lang::Es),
            title_en: self.title(crate::Lang::En),
            date_precision: self.held_on().map(|h| h.precision),
            held: self.held_on().map(|h| h.label()),
        }
    }

    /// When the congress was held, as far as it is known: the start day, else the first day
    /// of its `month` of `year`, else the first day of its `year`; `None` when nothing is
    /// known (or the month is out of range). Nothing is invented: the precision says how
    /// much of the date is real.
    ///
    /// ```
    /// use lineamientos::congress::DatePrecision;
    /// let cat = lineamientos::Catalog::embedded();
    /// let iii = cat.congress(3).unwrap().held_on().unwrap();
    /// assert_eq!((iii.label(), iii.precision), ("2021".to_string(), DatePrecision::Year));
    /// let v = cat.congress(5).unwrap().held_on().unwrap();
    /// assert_eq!((v.label(), v.precision), ("2023-07-06".to_string(), DatePrecision::Day));
    /// ```
    pub fn held_on(&self) -> Option<HeldOn> {
        if let Some(from) = self.start {
            return Some(HeldOn {
                from,
                precision: DatePrecision::Day,
            });
        }
        let year = self.year?;
        match self.month {
            Some(m) => NaiveDate::from_ymd_opt(year, u32::from(m), 1).map(|from| HeldOn {
                from,
                precision: DatePrecision::Month,
            }),
            None => NaiveDate::from_ymd_opt(year, 1, 1).map(|from| HeldOn {
                from,
                precision: DatePrecision::Year,
            }),
        }
    }

    /// The edition as a Roman numeral (`"III"`).
    pub fn label(&self) -> String {
        roman_numeral(u32::from(self.edition))
    }

    /// The edition's name in `lang`: `"III Congreso Regional sobre Mujeres en Contextos
    /// Migratorios"`, `"III Regional Congress on Women in Migration Contexts"`.
    pub fn title(&self, lang: crate::Lang) -> String {
        let name = match lang {
            crate::Lang::Es => "Congreso Regional sobre Mujeres en Contextos Migratorios",
            crate::Lang::En => "Regional Congress on Women in Migration Contexts",
        };
        format!("{} {name}", self.label())
    }

    /// The working tables among the sessions.
    pub fn working_tables(&self) -> impl Iterator<Item = &Session> {
        self.sessions
            .iter()
            .filter(|s| s.kind == SessionKind::WorkingTable)
    }
}

/// A session of a congress.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Session {
    /// Kind of session.
    pub kind: SessionKind,
    /// Title.
    pub title: Text,
    /// Date, if known.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::args::iso_date::option"
    )]
    pub date: Option<NaiveDate>,
    /// The thematic axis it belongs to, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub axis: Option<String>,
}

/// `n` as an upper-case Roman numeral (`0` gives `""`; numbers above 3999 repeat `M`).
pub fn roman_numeral(mut n: u32) -> String {
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, digits) in TABLE {
        while n >= value {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}

/// What a congress edition is, in error messages.
pub const EDITION_EXPECTED: &str =
    "a congress edition: a number from 1 or a Roman numeral such as \"V\"";

/// Parses a congress edition as people write it: a number from 1 (`"5"`) or a Roman numeral
/// (`"V"`, `" iv "`). Anything else is `invalid_value` for the argument `congress`.
///
/// ```
/// use lineamientos::congress::parse_edition;
/// assert_eq!(parse_edition("V").unwrap(), 5);
/// assert_eq!(parse_edition(" 12 ").unwrap(), 12);
/// assert_eq!(parse_edition("0").unwrap_err().code(), "invalid_value");
/// ```
pub fn parse_edition(text: &str) -> crate::Result<u32> {
    let t = text.trim();
    t.parse::<u32>()
        .ok()
        .filter(|n| *n >= 1)
        .or_else(|| parse_roman(t))
        .ok_or_else(|| crate::Error::invalid_value("congress", Some(text.into()), EDITION_EXPECTED))
}

/// Parses an upper- or lower-case Roman numeral (`"iv"` gives 4). `None` if malformed.
pub fn parse_roman(s: &str) -> Option<u32> {
    let s = s.trim().to_ascii_uppercase();
    let mut total = 0u32;
    let mut prev = 0u32;
    for c in s.chars().rev() {
        let v = match c {
            'I' => 1,
            'V' => 5,
            'X' => 10,
            'L' => 50,
            'C' => 100,
            'D' => 500,
            'M' => 1000,
            _ => return None,
        };
        if v < prev {
            total = total.checked_sub(v)?;
        } else {
            total = total.checked_add(v)?;
            prev = v;
        }
    }
    // Only canonical spellings: "IIII" or "VX" are refused.
    (total > 0 && roman_numeral(total) == s).then_some(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roman_numerals_round_trip() {
        assert_eq!(roman_numeral(1), "I");
        assert_eq!(roman_numeral(4), "IV");
        assert_eq!(roman_numeral(6), "VI");
        assert_eq!(roman_numeral(28), "XXVIII");
        assert_eq!(roman_numeral(0), "");
        for n in 1..=200 {
            assert_eq!(parse_roman(&roman_numeral(n)), Some(n));
        }
        assert_eq!(parse_roman("iv"), Some(4));
        assert_eq!(parse_roman("IIII"), None);
        assert_eq!(parse_roman("VX"), None);
        assert_eq!(parse_roman("abc"), None);
    }

    #[test]
    fn titles_in_both_languages() {
        let c = Congress {
            edition: 3,
            start: None,
            end: None,
            year: None,
            month: None,
            city: None,
            country: None,
            format: None,
            presidency_year: None,
            presidency: None,
            theme: None,
            sessions: Vec::new(),
            notes: None,
            source: None,
        };
        assert_eq!(
            c.title(crate::Lang::Es),
            "III Congreso Regional sobre Mujeres en Contextos Migratorios"
        );
        assert_eq!(
            c.title(crate::Lang::En),
            "III Regional Congress on Women in Migration Contexts"
        );
    }

    fn congress(start: Option<&str>, year: Option<i32>, month: Option<u8>) -> Congress {
        Congress {
            edition: 1,
            start: start.map(|s| s.parse().unwrap()),
            end: None,
            year,
            month,
            city: None,
            country: None,
            format: None,
            presidency_year: None,
            presidency: None,
            theme: None,
            sessions: Vec::new(),
            notes: None,
            source: None,
        }
    }

    #[test]
    fn held_on_is_as_precise_as_the_facts() {
        let held = |c: Congress| {
            c.held_on()
                .map(|h| (h.from.to_string(), h.precision, h.label()))
        };
        let day = |s: &str| s.to_owned();
        assert_eq!(
            held(congress(Some("2019-12-03"), Some(2019), None)),
            Some((day("2019-12-03"), DatePrecision::Day, day("2019-12-03")))
        );
        assert_eq!(
            held(congress(None, Some(2021), Some(9))),
            Some((day("2021-09-01"), DatePrecision::Month, day("2021-09")))
        );
        assert_eq!(
            held(congress(None, Some(2021), None)),
            Some((day("2021-01-01"), DatePrecision::Year, day("2021")))
        );
        assert_eq!(held(congress(None, None, Some(9))), None);
        assert_eq!(held(congress(None, Some(2021), Some(13))), None);
        assert_eq!(held(congress(None, None, None)), None);
        let v = congress(None, Some(2021), None);
        let view = serde_json::to_value(v.view()).unwrap();
        assert_eq!(
            (view["date_precision"].as_str(), view["held"].as_str()),
            (Some("year"), Some("2021"))
        );
        let none = serde_json::to_value(congress(None, None, None).view()).unwrap();
        assert!(none["date_precision"].is_null() && none["held"].is_null());
    }
}
