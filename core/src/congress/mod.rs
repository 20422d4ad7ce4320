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

/// A congress as the bindings show it: its facts plus the Roman-numeral `label` and the
/// edition's name in Spanish and English (`title_es`, `title_en`), computed here so that
/// Python's `cat.congress(5)` and JavaScript's `cat.congress(5)` have the same fields.
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
}
