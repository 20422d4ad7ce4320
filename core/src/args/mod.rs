//! Arguments and options as the host languages pass them: one parser for every argument, so
//! that Rust, Python and JavaScript accept and refuse exactly the same values, with the same
//! error.
//!
//! The bindings convert a host value (a Python `dict`, `str`, `int`, `None`; a JS object,
//! string, number, `null`) into a [`serde_json::Value`] and call [`arg`] (a scalar argument
//! such as `as_of`) or [`FromArg::from_arg`] (an options object such as [`crate::PivotSpec`]).
//! They never parse a date, a unit or an option themselves. A bad value is
//! [`Error::InvalidValue`] (`invalid_value`) naming the argument (`field`), the JSON Pointer
//! of the value inside the options (`path`), the value as given and what is accepted:
//!
//! ```
//! use lineamientos::{args, PivotSpec, Measure};
//! use serde_json::json;
//! let spec: PivotSpec = args::arg("spec", &json!({"rows": "country", "measure": "participants"}))?;
//! assert_eq!(spec.measure, Measure::Participants);
//!
//! let err = args::arg::<PivotSpec>("spec", &json!({"measure": "median"})).unwrap_err();
//! assert_eq!(err.code(), "invalid_value");
//! let d = err.details();
//! assert_eq!((d["field"].as_str(), d["path"].as_str()), (Some("measure"), Some("/measure")));
//! assert_eq!(d["value"], "median");
//!
//! // A date is written YYYY-MM-DD, and nothing else.
//! let err = args::arg::<chrono::NaiveDate>("as_of", &json!("2024-13-01")).unwrap_err();
//! assert_eq!((err.code(), err.details()["path"].as_str()), ("invalid_value", Some("")));
//! # Ok::<(), lineamientos::Error>(())
//! ```
//!
//! `null` is a value, not an absence: it means what each option documents (for example
//! `max_diagnostics: null` is "no cap", while an absent `max_diagnostics` is the default cap).

mod choice;
pub(crate) mod edition;
pub(crate) mod iso_date;
mod options;
mod scalar;

pub use choice::Choice;
pub(crate) use choice::choice;
pub use options::Options;
pub use scalar::{BatchRows, Days, Delimiter, Percent, Threads, parse_iso_date};

use crate::{Error, Result};
use serde_json::Value;

/// Where a value sits: the argument (or top-level option) it belongs to and its JSON
/// Pointer inside the options. Errors built here carry both.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArgPath {
    field: String,
    pointer: String,
}

impl ArgPath {
    /// A plain argument named `name` (`since`, `lang`): path `""`.
    pub fn arg(name: &str) -> Self {
        ArgPath {
            field: name.to_owned(),
            pointer: String::new(),
        }
    }

    /// The member `key` of the object at this place. At the top of an options object the
    /// member's name becomes the `field` (`measure` of a pivot spec is the field
    /// `measure`); deeper down the field stays the top-level option (`rules`).
    pub fn key(&self, key: &str) -> Self {
        let field = if self.pointer.is_empty() {
            key.to_owned()
        } else {
            self.field.clone()
        };
        ArgPath {
            field,
            pointer: format!("{}/{}", self.pointer, escape_pointer(key)),
        }
    }

    /// The item `index` of the array at this place.
    pub fn index(&self, index: usize) -> Self {
        ArgPath {
            field: self.field.clone(),
            pointer: format!("{}/{index}", self.pointer),
        }
    }

    /// The argument or top-level option.
    pub fn field(&self) -> &str {
        &self.field
    }

    /// The JSON Pointer inside the options (`""` for a plain argument).
    pub fn pointer(&self) -> &str {
        &self.pointer
    }

    /// `invalid_value` for `value` at this place, with what is accepted.
    pub fn invalid(&self, value: &Value, expected: impl Into<String>) -> Error {
        Error::InvalidValue {
            field: self.field.clone(),
            path: self.pointer.clone(),
            value: Some(show(value)),
            expected: expected.into(),
            suggestion: None,
        }
    }

    /// `invalid_value` for a required value that is missing (or `null`).
    pub fn missing(&self, expected: impl Into<String>) -> Error {
        Error::InvalidValue {
            field: self.field.clone(),
            path: self.pointer.clone(),
            value: None,
            expected: format!("{} (required)", expected.into()),
            suggestion: None,
        }
    }
}

/// A JSON Pointer token (`~` and `/` escaped, RFC 6901).
pub(crate) fn escape_pointer(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// A value as the error shows it: a string as is, anything else as compact JSON.
pub(crate) fn show(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// A type that core reads from a host value: scalars (dates, numbers, codes) and whole
/// options objects ([`crate::RuleConfig`], [`crate::ImportOptions`], [`crate::PivotSpec`]).
pub trait FromArg: Sized {
    /// What is accepted, as a phrase for error messages (`a date written YYYY-MM-DD`).
    fn expected() -> String;

    /// Reads `value`, found at `at`. `null` reaches this function only where the caller
    /// did not handle it (a required value): implementations refuse it.
    fn from_arg(value: &Value, at: &ArgPath) -> Result<Self>;
}

/// Reads the argument `name` from `value`: the entry point of every binding.
pub fn arg<T: FromArg>(name: &str, value: &Value) -> Result<T> {
    T::from_arg(value, &ArgPath::arg(name))
}

/// Reads an optional argument: `null` is `None`.
pub fn optional_arg<T: FromArg>(name: &str, value: &Value) -> Result<Option<T>> {
    match value {
        Value::Null => Ok(None),
        v => arg(name, v).map(Some),
    }
}

/// Reads an argument with a default: `null` (Python `None`, JS `null`/`undefined`) is
/// `default`, which the caller takes from core's documented constant.
pub fn arg_or<T: FromArg>(name: &str, value: &Value, default: T) -> Result<T> {
    Ok(optional_arg(name, value)?.unwrap_or(default))
}

impl<T: FromArg> FromArg for Vec<T> {
    fn expected() -> String {
        format!("a list of {}", T::expected())
    }

    fn from_arg(value: &Value, at: &ArgPath) -> Result<Self> {
        match value {
            Value::Array(items) => items
                .iter()
                .enumerate()
                .map(|(i, v)| T::from_arg(v, &at.index(i)))
                .collect(),
            other => Err(at.invalid(other, Self::expected())),
        }
    }
}

/// One value or a list of them (`"country"` or `["country", "axis"]`); `null` is empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OneOrMany<T>(pub Vec<T>);

impl<T: FromArg> FromArg for OneOrMany<T> {
    fn expected() -> String {
        format!("{t} or a list of them", t = T::expected())
    }

    fn from_arg(value: &Value, at: &ArgPath) -> Result<Self> {
        match value {
            Value::Null => Ok(OneOrMany(Vec::new())),
            Value::Array(_) => Vec::<T>::from_arg(value, at).map(OneOrMany),
            one => T::from_arg(one, at)
                .map(|x| OneOrMany(vec![x]))
                .map_err(|e| match e {
                    // A wrong single value: say that a list was fine too.
                    Error::InvalidValue {
                        field,
                        path,
                        value,
                        suggestion,
                        ..
                    } => Error::InvalidValue {
                        field,
                        path,
                        value,
                        expected: Self::expected(),
                        suggestion,
                    },
                    other => other,
                }),
        }
    }
}

/// A value read by its serde shape (for nested settings whose shape is a document, such as
/// a pivot's `protection`): a shape error is `invalid_value` at `at` plus the path inside.
pub(crate) fn via_serde<T: serde::de::DeserializeOwned>(value: &Value, at: &ArgPath) -> Result<T> {
    crate::document::from_value(value.clone()).map_err(|e| match e {
        Error::Json { path, message, .. } => Error::InvalidValue {
            field: at.field().to_owned(),
            path: format!("{}{path}", at.pointer()),
            value: None,
            expected: message,
            suggestion: None,
        },
        other => other,
    })
}

/// Options given as JSON text: the text must be JSON (`invalid_json` with line and column
/// otherwise), at most `limit` bytes (`limit_exceeded`, naming `what`) and nested at most
/// [`crate::document::MAX_DEPTH`] deep (`limit_exceeded`, naming `json_depth`).
pub fn json_options(text: &str, limit: usize, what: &str) -> Result<Value> {
    crate::catalog::check_size(text.len(), limit, what)?;
    crate::document::check_depth(text)?;
    serde_json::from_str(text).map_err(|e| Error::from_serde_json(&e))
}

/// `serde::Deserialize` for an options type through its [`FromArg`] reader, so that serde
/// users and the bindings accept exactly the same documents.
macro_rules! deserialize_with_args {
    ($t:ty, $name:literal) => {
        impl<'de> serde::Deserialize<'de> for $t {
            fn deserialize<D: serde::Deserializer<'de>>(
                d: D,
            ) -> std::result::Result<Self, D::Error> {
                let value = <serde_json::Value as serde::Deserialize>::deserialize(d)?;
                $crate::args::arg($name, &value).map_err(serde::de::Error::custom)
            }
        }
    };
}
pub(crate) use deserialize_with_args;

#[cfg(test)]
mod tests;
