//! Arguments that take one of a fixed set of codes: pivot dimensions and measures, period
//! units, severities, rule codes, languages.

use super::{ArgPath, FromArg};
use crate::diagnostic::Severity;
use crate::i18n::Lang;
use crate::pivot::{Dim, Measure, PeriodUnit};
use crate::rules::Rule;
use crate::text::{nearest, normalize_key};
use crate::{Error, Result};
use serde_json::Value;

/// A fixed set of codes accepted as an argument. Matching ignores case, accents, spaces,
/// `-` and `_` (`"Distinct countries"` is `distinct_countries`); a near miss gets a
/// suggestion.
pub trait Choice: Copy + 'static {
    /// What a value is, for messages (`a pivot dimension`).
    const WHAT: &'static str;

    /// Every value, in documentation order.
    fn all() -> &'static [Self];

    /// The value's code (snake_case), as written in JSON.
    fn code(self) -> &'static str;

    /// Other accepted spellings, as normalised keys.
    fn aliases(self) -> &'static [&'static str] {
        &[]
    }

    /// The value written `text`, if any.
    fn from_code(text: &str) -> Option<Self> {
        let key = normalize_key(text);
        Self::all()
            .iter()
            .copied()
            .find(|c| normalize_key(c.code()) == key || c.aliases().contains(&key.as_str()))
    }

    /// `one of a, b, c`.
    fn expected_codes() -> String {
        let codes: Vec<&str> = Self::all().iter().map(|c| c.code()).collect();
        format!("{} (one of {})", Self::WHAT, codes.join(", "))
    }
}

/// Reads a [`Choice`] at `at`.
pub(crate) fn choice<T: Choice>(value: &Value, at: &ArgPath) -> Result<T> {
    let Some(text) = value.as_str() else {
        return Err(at.invalid(value, T::expected_codes()));
    };
    T::from_code(text).ok_or_else(|| {
        let keys: Vec<(String, &str)> = T::all()
            .iter()
            .map(|c| (normalize_key(c.code()), c.code()))
            .collect();
        let suggestion = nearest(text, keys.iter().map(|(k, c)| (k.as_str(), *c)));
        match at.invalid(value, T::expected_codes()) {
            Error::InvalidValue {
                field,
                path,
                value,
                expected,
                ..
            } => Error::InvalidValue {
                field,
                path,
                value,
                expected,
                suggestion,
            },
            other => other,
        }
    })
}

macro_rules! choice_arg {
    ($($t:ty),+) => {$(
        impl FromArg for $t {
            fn expected() -> String {
                <$t as Choice>::expected_codes()
            }

            fn from_arg(value: &Value, at: &ArgPath) -> Result<Self> {
                choice(value, at)
            }
        }
    )+};
}

choice_arg!(Dim, Measure, PeriodUnit, Severity, Rule, Lang);

impl Choice for Dim {
    const WHAT: &'static str = "a pivot dimension";
    fn all() -> &'static [Self] {
        Dim::ALL
    }
    fn code(self) -> &'static str {
        Dim::code(self)
    }
}

impl Choice for Measure {
    const WHAT: &'static str = "a pivot measure";
    fn all() -> &'static [Self] {
        Measure::ALL
    }
    fn code(self) -> &'static str {
        Measure::code(self)
    }
}

impl Choice for PeriodUnit {
    const WHAT: &'static str = "a period unit";
    fn all() -> &'static [Self] {
        PeriodUnit::ALL
    }
    fn code(self) -> &'static str {
        PeriodUnit::code(self)
    }
}

impl Choice for Severity {
    const WHAT: &'static str = "a severity";
    fn all() -> &'static [Self] {
        &[Severity::Error, Severity::Warning, Severity::Info]
    }
    fn code(self) -> &'static str {
        Severity::code(self)
    }
    fn aliases(self) -> &'static [&'static str] {
        match self {
            Severity::Warning => &["warn"],
            _ => &[],
        }
    }
}

impl Choice for Rule {
    const WHAT: &'static str = "a rule code";
    fn all() -> &'static [Self] {
        Rule::ALL
    }
    fn code(self) -> &'static str {
        Rule::code(self)
    }
}

impl Choice for Lang {
    const WHAT: &'static str = "a language";
    fn all() -> &'static [Self] {
        &[Lang::Es, Lang::En]
    }
    fn code(self) -> &'static str {
        Lang::code(self)
    }
    fn from_code(text: &str) -> Option<Self> {
        // Language tags (`es-MX`, `en_US`) and names, as `Lang::parse` documents.
        Lang::from_tag(text)
    }
}
