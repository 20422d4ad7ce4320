//! Documents (work plans, catalogues, entries, approval records, focal points) read from
//! JSON text or from a host value (a Python `dict`, a JS object), with the JSON Pointer of
//! the first problem. Both ways give the same `invalid_json` error with the same `path`; from
//! text it also has the line and column.
//!
//! ```
//! use lineamientos::{document, WorkPlan};
//! use serde_json::json;
//! let err = document::from_value::<WorkPlan>(json!({"activities": [{"start": "2024-02-30"}]})).unwrap_err();
//! assert_eq!(err.code(), "invalid_json");
//! assert_eq!(err.details()["path"], "/activities/0/start");
//! let err = document::from_text::<WorkPlan>("{\n \"activities\": [{\"start\": 3}]}").unwrap_err();
//! assert_eq!((err.details()["path"].as_str(), err.details()["line"].as_u64()), (Some("/activities/0/start"), Some(2)));
//! ```

use crate::args::escape_pointer;
use crate::{Error, Result};
use serde::de::DeserializeOwned;
use serde_json::Value;

/// Reads a `T` from JSON text.
pub fn from_text<T: DeserializeOwned>(text: &str) -> Result<T> {
    let mut de = serde_json::Deserializer::from_str(text);
    let value: T = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let pointer = pointer(e.path());
        located(e.inner(), pointer)
    })?;
    de.end().map_err(|e| located(&e, String::new()))?;
    Ok(value)
}

/// Reads a `T` from a JSON-shaped value (what the bindings make of a host object).
pub fn from_value<T: DeserializeOwned>(value: Value) -> Result<T> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        let pointer = pointer(e.path());
        located(e.inner(), pointer)
    })
}

/// `invalid_json` for `e` at `path`, with the parser's message without its position (the
/// position is in `line` and `column`).
fn located(e: &serde_json::Error, path: String) -> Error {
    let full = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    let message = full.strip_suffix(&suffix).unwrap_or(&full).to_owned();
    Error::Json {
        line: e.line(),
        column: e.column(),
        path,
        message,
    }
}

/// The JSON Pointer of a serde path (`activities[0].start` -> `/activities/0/start`).
fn pointer(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut out = String::new();
    for seg in path.iter() {
        match seg {
            Segment::Seq { index } => {
                out.push('/');
                out.push_str(&index.to_string());
            }
            Segment::Map { key } | Segment::Enum { variant: key } => {
                out.push('/');
                out.push_str(&escape_pointer(key));
            }
            Segment::Unknown => {}
        }
    }
    out
}
