//! Conversions between JavaScript values and core types. Data crosses as JSON text:
//! `serde_json` on the Rust side, `JSON.parse`/`JSON.stringify` on the JS side, so results are
//! plain JSON-shaped objects (never ES `Map`s; absent fields as the core's JSON has them) and
//! every core type needs only its `serde_json` code, which keeps the module small (one
//! deserializer per type instead of one per format). Options objects, which have no core type,
//! go through serde-wasm-bindgen.

use crate::errors;
use lineamientos::{Error, Lang};
use serde::Serialize;
use serde::de::DeserializeOwned;
use wasm_bindgen::JsValue;

/// A Rust value as a plain JS object (through JSON text).
pub(crate) fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    let text = serde_json::to_string(value)
        .map_err(|e| errors::new_error(errors::INTERNAL_ERROR, &e.to_string()))?;
    js_sys::JSON::parse(&text)
}

/// A JS document (a JSON string, or an already parsed object) as a core type. A string goes
/// through the core's own parser (`from_text`: size limits, `invalid_json` with line and
/// column); an object of the wrong shape is `invalid_json` with the JSON Pointer `path` of the
/// offending field, under `prefix` (e.g. `/plans/2`).
pub(crate) fn document<T: DeserializeOwned>(
    value: JsValue,
    from_text: fn(&str) -> Result<T, Error>,
    prefix: &str,
) -> Result<T, JsValue> {
    if let Some(text) = value.as_string() {
        return from_text(&text).map_err(errors::js);
    }
    // JSON.stringify fails only on cycles and BigInts; undefined gives no text.
    let text = js_sys::JSON::stringify(&value)
        .ok()
        .and_then(|t| t.as_string())
        .ok_or_else(|| {
            errors::shape_error(prefix, "not a JSON value (a cycle, a BigInt or undefined)")
        })?;
    from_text(&text).map_err(|e| match e {
        // Line and column of text the caller never saw: name the field instead.
        Error::Json {
            line: 1,
            column,
            message,
        } => {
            let reason = message
                .rsplit_once(" at line ")
                .map_or(message.as_str(), |(r, _)| r);
            errors::shape_error(&format!("{prefix}{}", pointer_at(&text, column)), reason)
        }
        other => errors::js(other),
    })
}

/// A list of documents (a JS array of strings or objects); shape errors name `/plans/{i}`.
pub(crate) fn documents<T: DeserializeOwned>(
    value: JsValue,
    from_text: fn(&str) -> Result<T, Error>,
    what: &str,
) -> Result<Vec<T>, JsValue> {
    if !js_sys::Array::is_array(&value) {
        return Err(errors::js(Error::InvalidValue {
            field: what.to_owned(),
            reason: "expected an array".into(),
        }));
    }
    js_sys::Array::from(&value)
        .iter()
        .enumerate()
        .map(|(i, v)| document(v, from_text, &format!("/{what}/{i}")))
        .collect()
}

/// A JSON document for the core's `serde_json`-based parsers, from a type without a text
/// parser of its own.
pub(crate) fn json_text<T: DeserializeOwned>(text: &str) -> Result<T, Error> {
    serde_json::from_str(text).map_err(|e| Error::Json {
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
    })
}

/// Options of a call: the JS object with camelCase keys, turned into the core's snake_case
/// JSON shape (`asOf` -> `as_of`), with `lang` (the language of rendered messages) taken out.
/// Absent (`undefined`/`null`) keys are left out, so core defaults apply.
pub(crate) struct CoreOptions {
    /// The options in the core's JSON shape.
    pub map: serde_json::Map<String, serde_json::Value>,
    /// The language of messages (default Spanish).
    pub lang: Lang,
}

impl CoreOptions {
    /// The options as JSON text for the core's `from_json` parsers.
    pub fn json(&self) -> String {
        serde_json::Value::Object(self.map.clone()).to_string()
    }

    /// Whether the option (snake_case name) was given.
    pub fn has(&self, key: &str) -> bool {
        self.map.contains_key(key)
    }
}

/// Reads an options object (see [`CoreOptions`]). Anything but an object is `invalid_value`.
pub(crate) fn core_options(value: JsValue) -> Result<CoreOptions, JsValue> {
    let mut out = CoreOptions {
        map: serde_json::Map::new(),
        lang: Lang::default(),
    };
    if value.is_undefined() || value.is_null() {
        return Ok(out);
    }
    if !value.is_object() || js_sys::Array::is_array(&value) {
        return Err(errors::js(Error::InvalidValue {
            field: "options".into(),
            reason: "expected an object".into(),
        }));
    }
    let raw: serde_json::Map<String, serde_json::Value> = serde_wasm_bindgen::from_value(value)
        .map_err(|e| {
            errors::js(Error::InvalidValue {
                field: "options".into(),
                reason: e.to_string(),
            })
        })?;
    for (key, v) in raw {
        if v.is_null() {
            continue;
        }
        if key == "lang" {
            let code = v.as_str().unwrap_or_default();
            out.lang = Lang::parse(code).map_err(errors::js)?;
            continue;
        }
        out.map.insert(snake_case(&key), v);
    }
    Ok(out)
}

/// `max_event_days` -> `maxEventDays`: the option name as JS callers write it, for errors.
/// Only the first segment of a dotted name (`rules.no_indicator` keeps its rule code).
pub(crate) fn camel_case(name: &str) -> String {
    let (head, rest) = name
        .split_once('.')
        .map_or((name, None), |(h, r)| (h, Some(r)));
    let mut out = String::with_capacity(name.len());
    let mut upper = false;
    for c in head.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.push(c.to_ascii_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    if let Some(r) = rest {
        out.push('.');
        out.push_str(r);
    }
    out
}

/// `maxEventDays` -> `max_event_days` (snake_case keys pass unchanged).
fn snake_case(key: &str) -> String {
    let mut out = String::with_capacity(key.len() + 4);
    for c in key.chars() {
        if c.is_ascii_uppercase() {
            out.push('_');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// The JSON Pointer of the value being read at 1-based byte `column` of compact JSON `text`
/// (what `JSON.stringify` gives): the innermost key or index open at that point.
fn pointer_at(text: &str, column: usize) -> String {
    enum Frame {
        Object(Option<String>),
        Array(usize),
    }
    let mut stack: Vec<Frame> = Vec::new();
    let bytes = text.as_bytes();
    let end = column.min(bytes.len());
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
                // Closing at the error position: the error is about the container itself
                // (a missing field, a wrong length), not its last member.
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
    let mut out = String::new();
    for frame in &stack {
        match frame {
            Frame::Object(Some(key)) => {
                out.push('/');
                out.push_str(&key.replace('~', "~0").replace('/', "~1"));
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
