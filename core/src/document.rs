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
//! assert_eq!(err.details()["line"], 0);
//! let err = document::from_text::<WorkPlan>("{\n \"activities\": [{\"start\": 3}]}").unwrap_err();
//! assert_eq!((err.details()["path"].as_str(), err.details()["line"].as_u64()), (Some("/activities/0/start"), Some(2)));
//! ```

use crate::args::escape_pointer;
use crate::{Error, Result};
use serde::de::DeserializeOwned;
use serde_json::Value;

/// The deepest nesting of arrays and objects accepted in any JSON text the library reads
/// (documents, options, pivot specs, host objects): 8 times the deepest document the
/// project knows (a cycle, 8 levels), far below what would exhaust a thread's stack.
/// Deeper is `limit_exceeded` with `what` = `json_depth` (a fixed limit: `option` is null).
pub const MAX_DEPTH: usize = 64;

/// Refuses JSON text nested deeper than [`MAX_DEPTH`] before any parser recurses into it:
/// `limit_exceeded` naming `json_depth`. One pass over the bytes, strings skipped; text
/// that is not JSON is left to the parser.
///
/// ```
/// use lineamientos::document;
/// assert!(document::check_depth(&"[".repeat(64)).is_ok());
/// let err = document::check_depth(&format!("{}{}", "[".repeat(10_000), "]".repeat(10_000))).unwrap_err();
/// assert_eq!((err.code(), err.details()["what"].as_str()), ("limit_exceeded", Some("json_depth")));
/// assert!(document::check_depth(r#"{"a": "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["}"#).is_ok());
/// ```
pub fn check_depth(text: &str) -> Result<()> {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for b in text.bytes() {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(depth_error());
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

/// `limit_exceeded` for JSON nested deeper than [`MAX_DEPTH`].
pub fn depth_error() -> Error {
    Error::limit("json_depth", MAX_DEPTH as u64, None)
}

/// Reads a `T` from JSON text.
pub fn from_text<T: DeserializeOwned>(text: &str) -> Result<T> {
    check_depth(text)?;
    // One plain serde_json reader per type (no path-tracking wrapper: it would double the
    // deserialisation code, which the WebAssembly module pays for); the path is recovered
    // from the error's position, only when there is an error.
    serde_json::from_str(text).map_err(|e| {
        let at = offset(text, e.line(), e.column());
        located(&e, pointer_at(text, at))
    })
}

/// Reads a `T` from a JSON-shaped value (what the bindings make of a host object): the same
/// reader as [`from_text`], through the value's compact text; the error has the path, and
/// line and column 0 (a position in text the caller never saw).
pub fn from_value<T: DeserializeOwned>(value: Value) -> Result<T> {
    // Checked on the value: writing a deeper one as text would recurse as deep.
    if !within_depth(&value, MAX_DEPTH) {
        return Err(depth_error());
    }
    from_text(&value.to_string()).map_err(|e| match e {
        Error::Json { path, message, .. } => Error::Json {
            line: 0,
            column: 0,
            path,
            message,
        },
        other => other,
    })
}

/// Whether `value` nests at most `left` arrays and objects (recursion bounded by `left`).
fn within_depth(value: &Value, left: usize) -> bool {
    match value {
        Value::Array(items) => left > 0 && items.iter().all(|v| within_depth(v, left - 1)),
        Value::Object(map) => left > 0 && map.values().all(|v| within_depth(v, left - 1)),
        _ => true,
    }
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

/// The byte offset just after 1-based `line`, `column` (serde_json counts bytes).
fn offset(text: &str, line: usize, column: usize) -> usize {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    (start + column).min(text.len())
}

/// The JSON Pointer of the value being read just before byte `end` of `text`: the innermost
/// key or index open there. An error at a closing bracket is about the container itself (a
/// missing field), not its last member.
fn pointer_at(text: &str, end: usize) -> String {
    enum Frame {
        Object(Option<String>),
        Array(usize),
    }
    let mut stack: Vec<Frame> = Vec::new();
    let bytes = text.as_bytes();
    let end = end.min(bytes.len());
    let mut i = 0;
    let mut expecting_key = false;
    while i < end {
        match bytes.get(i).copied().unwrap_or(b' ') {
            b'{' => {
                stack.push(Frame::Object(None));
                expecting_key = true;
            }
            b'[' => stack.push(Frame::Array(0)),
            b'}' | b']' => {
                if i + 1 >= end {
                    if let Some(last) = stack.last_mut() {
                        *last = Frame::Object(None);
                    }
                    break;
                }
                stack.pop();
            }
            b',' => match stack.last_mut() {
                Some(Frame::Array(n)) => *n += 1,
                Some(Frame::Object(_)) => expecting_key = true,
                None => {}
            },
            b'"' => {
                let start = i + 1;
                i = start;
                while i < bytes.len() && bytes.get(i) != Some(&b'"') {
                    i += if bytes.get(i) == Some(&b'\\') { 2 } else { 1 };
                }
                if expecting_key {
                    if let Some(Frame::Object(key)) = stack.last_mut() {
                        let raw = text.get(start..i.min(text.len())).unwrap_or_default();
                        *key = Some(
                            serde_json::from_str(&format!("\"{raw}\""))
                                .unwrap_or_else(|_| raw.to_owned()),
                        );
                    }
                    expecting_key = false;
                }
            }
            _ => {}
        }
        i += 1;
    }
    // An error right at an opening bracket is about the value that bracket opens (a list
    // where an object belongs): the container itself, not a member.
    if end > 0 && matches!(bytes.get(end - 1), Some(b'{' | b'[')) && i == end {
        stack.pop();
    }
    let mut out = String::new();
    for frame in &stack {
        match frame {
            Frame::Object(Some(key)) => {
                out.push('/');
                out.push_str(&escape_pointer(key));
            }
            Frame::Object(None) => {}
            Frame::Array(n) => {
                out.push('/');
                out.push_str(&n.to_string());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::WorkPlan;

    fn path_of(text: &str) -> String {
        match from_text::<WorkPlan>(text) {
            Err(Error::Json { path, .. }) => path,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn paths_of_values_members_and_containers() {
        assert_eq!(
            path_of(r#"{"activities": [{"start": "2024-02-30"}]}"#),
            "/activities/0/start"
        );
        assert_eq!(
            path_of(r#"{"activities": [{}, {"id": 5}]}"#),
            "/activities/1/id"
        );
        assert_eq!(
            path_of(r#"{"activities": [{"gcm_objectives": [1, "x"]}]}"#),
            "/activities/0/gcm_objectives/1"
        );
        // pretty text, several lines
        assert_eq!(
            path_of("{\n  \"id\": \"p\",\n  \"period\": {\n    \"start\": \"2024-2-3\"\n  }\n}"),
            "/period/start"
        );
        // escaped quotes and slashes in keys
        assert_eq!(path_of(r#"{"a\"/b": 1, "id": 2}"#), "/id");
        assert_eq!(path_of("3"), "");
        // an error at the very start (empty text) is about the document
        assert_eq!(path_of(""), "");
        assert_eq!(path_of("   "), "");
    }

    #[test]
    fn a_missing_field_names_its_object_not_the_last_member() {
        let path = |text: &str| match from_text::<Vec<crate::Entry>>(text) {
            Err(Error::Json { path, .. }) => path,
            other => panic!("{other:?}"),
        };
        assert_eq!(path(r#"[{"country": "MEX"}]"#), "/0");
        let full = r#"{"id": "e1", "country": "MEX", "institution": "I", "reported_on": "2024-01-02",
            "entry_type": "event", "title": "t", "status": "ongoing"}"#;
        assert_eq!(path(&format!("[{full}, {{\"country\": \"MEX\"}}]")), "/1");
        // a bad value in the second entry names the value
        let bad = full.replace("2024-01-02", "2024-13-02");
        assert_eq!(path(&format!("[{full}, {bad}]")), "/1/reported_on");
        assert_eq!(
            path_of(r#"{"activities": [{"title": {}}]}"#),
            "/activities/0/title"
        );
    }

    #[test]
    fn offsets_follow_lines_and_clamp() {
        assert_eq!(offset("ab\ncd", 2, 1), 4);
        assert_eq!(offset("ab\ncd", 1, 2), 2);
        assert_eq!(offset("ab", 9, 9), 2);
    }
}
