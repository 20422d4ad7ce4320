//! Run-time values: what the caller binds to names, and what an expression yields.

use chrono::NaiveDate;
use std::collections::BTreeMap;
use std::sync::Arc;

/// A value of the expression language. Texts, lists and records are shared (cloning one is
/// a pointer copy), so reading a field or iterating a list in `all`/`exists` copies nothing.
///
/// The derived `==` is structural (`Int(1) != Double(1.0)`); the language's `==` compares
/// numbers by value (see the module doc).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Value {
    /// No value: a field left empty.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A whole number (64 bits; overflow is an error, never a wrap).
    Int(i64),
    /// A number with a fraction (always finite).
    Double(f64),
    /// A text.
    String(Arc<str>),
    /// A calendar day.
    Date(NaiveDate),
    /// A number of days (may be negative).
    Duration(i64),
    /// A list.
    List(Arc<[Value]>),
    /// A record: named fields (`activity.start`).
    Object(Arc<BTreeMap<String, Value>>),
}

impl Value {
    /// A text value.
    pub fn string(s: &str) -> Self {
        Value::String(Arc::from(s))
    }

    /// A list value.
    pub fn list(items: impl IntoIterator<Item = Value>) -> Self {
        Value::List(items.into_iter().collect())
    }

    /// A record value.
    pub fn object<K: Into<String>>(fields: impl IntoIterator<Item = (K, Value)>) -> Self {
        Value::Object(Arc::new(
            fields.into_iter().map(|(k, v)| (k.into(), v)).collect(),
        ))
    }

    /// The value of a JSON value, without interpretation: whole numbers that fit 64 bits
    /// are `Int`, other numbers `Double`, texts stay texts (a date is converted by the caller,
    /// who knows the field's type), arrays are lists and objects records.
    ///
    /// ```
    /// use lineamientos::ruleset::expr::Value;
    /// let v = Value::from_json(&serde_json::json!({"women": 3, "share": 0.5, "tags": ["a"]}));
    /// assert_eq!(v.to_json(), serde_json::json!({"women": 3, "share": 0.5, "tags": ["a"]}));
    /// ```
    pub fn from_json(json: &serde_json::Value) -> Self {
        use serde_json::Value as J;
        match json {
            J::Null => Value::Null,
            J::Bool(b) => Value::Bool(*b),
            J::Number(n) => match n.as_i64() {
                Some(i) => Value::Int(i),
                None => Value::Double(n.as_f64().unwrap_or(0.0)),
            },
            J::String(s) => Value::string(s),
            J::Array(items) => Value::list(items.iter().map(Value::from_json)),
            J::Object(map) => {
                Value::object(map.iter().map(|(k, v)| (k.clone(), Value::from_json(v))))
            }
        }
    }

    /// The JSON form: dates as `YYYY-MM-DD`, durations as `"30d"`.
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value as J;
        match self {
            Value::Null => J::Null,
            Value::Bool(b) => J::Bool(*b),
            Value::Int(i) => J::from(*i),
            Value::Double(d) => serde_json::Number::from_f64(*d).map_or(J::Null, J::Number),
            Value::String(s) => J::String(s.to_string()),
            Value::Date(d) => J::String(d.to_string()), // ISO 8601 (chrono's Display), no format string
            Value::Duration(n) => J::String(format!("{n}d")),
            Value::List(items) => J::Array(items.iter().map(Value::to_json).collect()),
            Value::Object(map) => {
                J::Object(map.iter().map(|(k, v)| (k.clone(), v.to_json())).collect())
            }
        }
    }

    /// The name of this value's type, as messages write it (`int`, `string`, `list`).
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "bool",
            Value::Int(_) => "int",
            Value::Double(_) => "double",
            Value::String(_) => "string",
            Value::Date(_) => "date",
            Value::Duration(_) => "duration",
            Value::List(_) => "list",
            Value::Object(_) => "object",
        }
    }
}

/// `"30d"` (optionally signed) as a number of days.
pub(crate) fn parse_duration(text: &str) -> Option<i64> {
    let digits = text.strip_suffix('d')?;
    let unsigned = digits.strip_prefix('-').unwrap_or(digits);
    if unsigned.is_empty() || !unsigned.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}
