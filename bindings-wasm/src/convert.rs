//! Conversions between JavaScript values and core types. Data crosses as JSON text:
//! `serde_json` on the Rust side, `JSON.parse`/`JSON.stringify` on the JS side, so results are
//! plain JSON-shaped objects (never ES `Map`s) and one JSON reader serves documents and
//! options alike (smaller than a second, serde-wasm-bindgen, path). Only conversion happens
//! here: core parses every document, option and argument and names the bad one.

use crate::errors;
use lineamientos::{Error, Lang, args};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use wasm_bindgen::{JsCast, JsValue};

/// A Rust value as a plain JS object (through JSON text).
pub(crate) fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    let text = serde_json::to_string(value)
        .map_err(|e| errors::new_error(errors::INTERNAL_ERROR, &e.to_string()))?;
    js_sys::JSON::parse(&text)
}

/// A JS value as the JSON-shaped value core reads: `undefined` and functions are absent
/// (`Null` at the top), `null` stays `null`. A cycle or a BigInt is `invalid_value` for
/// `what`.
pub(crate) fn to_value(value: &JsValue, what: &str) -> Result<Value, JsValue> {
    if value.is_undefined() {
        return Ok(Value::Null);
    }
    let text = stringify(value, what)?;
    // Nesting first: serde_json's own recursion limit would say `invalid_value`.
    lineamientos::document::check_depth(&text).map_err(errors::js)?;
    serde_json::from_str(&text).map_err(|e| {
        errors::js(Error::invalid_value(
            what,
            None,
            format!("a JSON value ({e})"),
        ))
    })
}

/// A scalar argument (`since`, `unit`, `asOf`, `intervalDays`) read by core.
pub(crate) fn arg<T: args::FromArg>(value: &JsValue, name: &str) -> Result<T, JsValue> {
    args::arg(name, &to_value(value, name)?).map_err(|e| errors::js(camel_error(e)))
}

/// An optional language argument: `undefined`/`null` is `default`.
pub(crate) fn lang_or(lang: Option<String>, default: Lang) -> Result<Lang, JsValue> {
    match lang {
        Some(l) => args::arg("lang", &Value::from(l)).map_err(errors::js),
        None => Ok(default),
    }
}

/// A JS document (a JSON string, or an already parsed object) as a core type. A string goes
/// through the core's own parser (`from_text`: size limits, `invalid_json` with line,
/// column and path); an object through core's document reader (`invalid_json` with the
/// JSON Pointer `path` of the offending value), under `prefix` (e.g. `/plans/2`).
pub(crate) fn document<T>(
    value: JsValue,
    from_text: impl Fn(&str) -> Result<T, Error>,
    prefix: &str,
) -> Result<T, JsValue> {
    // An object goes through its JSON text too: one reader per document type keeps the
    // module small (a second, Value-based reader costs about 100 KB gzipped); the position
    // in text the caller never saw is dropped, the path stays.
    let (text, from_object) = match value.as_string() {
        Some(text) => (text, false),
        None => (json_of(&value)?, true),
    };
    from_text(&text).map_err(|e| match e {
        Error::Json {
            line,
            column,
            path,
            message,
        } => errors::js(Error::Json {
            line: if from_object { 0 } else { line },
            column: if from_object { 0 } else { column },
            path: format!("{prefix}{path}"),
            message,
        }),
        other => errors::js(other),
    })
}

/// The JSON text of a JS object (`JSON.stringify`); a cycle or a BigInt is `invalid_value`.
fn json_of(value: &JsValue) -> Result<String, JsValue> {
    stringify(value, "document")
}

/// `JSON.stringify(value)`. A cycle, a BigInt or a function is `invalid_value` for `what`;
/// a value nested too deep for the engine's stack (a `RangeError`) is core's
/// `limit_exceeded` naming `json_depth`, as the same value given as text would be.
fn stringify(value: &JsValue, what: &str) -> Result<String, JsValue> {
    match js_sys::JSON::stringify(value) {
        Ok(t) => t.as_string().ok_or_else(|| not_json(what)),
        Err(e) if e.is_instance_of::<js_sys::RangeError>() => {
            Err(errors::js(lineamientos::document::depth_error()))
        }
        Err(_) => Err(not_json(what)),
    }
}

fn not_json(what: &str) -> JsValue {
    errors::js(Error::invalid_value(
        what,
        None,
        "a JSON value (no cycle, no BigInt, no function)",
    ))
}

/// A list of documents (a JS array of strings or objects); errors name `/plans/{i}/...`.
pub(crate) fn documents<T: DeserializeOwned>(
    value: JsValue,
    from_text: fn(&str) -> Result<T, Error>,
    what: &str,
) -> Result<Vec<T>, JsValue> {
    if !js_sys::Array::is_array(&value) {
        return Err(errors::js(Error::invalid_value(
            what,
            None,
            "an array of documents",
        )));
    }
    js_sys::Array::from(&value)
        .iter()
        .enumerate()
        .map(|(i, v)| document(v, from_text, &format!("/{what}/{i}")))
        .collect()
}

/// A JSON document for types without a text parser of their own.
pub(crate) fn json_text<T: DeserializeOwned>(text: &str) -> Result<T, Error> {
    lineamientos::document::from_text(text)
}

/// Options of a call: the JS object with camelCase keys, turned into the core's snake_case
/// shape (`asOf` -> `as_of`), `null`s kept (they mean what core documents:
/// `maxDiagnostics: null` is "no cap"), with `lang` (the language of rendered messages)
/// taken out and parsed by core.
pub(crate) struct CoreOptions {
    /// The options in the core's shape (an object, or `null` when none were given).
    pub value: Value,
    /// The language of messages (default Spanish).
    pub lang: Lang,
}

impl CoreOptions {
    /// Reads the options as core's `T` (`name`: what the error calls the whole object).
    pub fn read<T: args::FromArg>(&self, name: &str) -> Result<T, JsValue> {
        args::arg(name, &self.value).map_err(|e| errors::js(camel_error(e)))
    }
}

/// Reads an options object (see [`CoreOptions`]). Anything but an object is `invalid_value`.
pub(crate) fn core_options(value: JsValue) -> Result<CoreOptions, JsValue> {
    let raw = to_value(&value, "options")?;
    let map = match raw {
        Value::Null => {
            return Ok(CoreOptions {
                value: Value::Null,
                lang: Lang::default(),
            });
        }
        Value::Object(map) => map,
        other => {
            return Err(errors::js(Error::InvalidValue {
                field: "options".into(),
                path: String::new(),
                value: Some(other.to_string()),
                expected: "an object of options".into(),
                suggestion: None,
            }));
        }
    };
    let mut out = serde_json::Map::new();
    let mut lang = Lang::default();
    for (key, v) in map {
        if key == "lang" {
            lang = args::arg_or("lang", &v, Lang::default()).map_err(errors::js)?;
            continue;
        }
        out.insert(snake_case(&key), v);
    }
    Ok(CoreOptions {
        value: Value::Object(out),
        lang,
    })
}

/// A core error about an option, with the option named as JS callers write it
/// (`max_event_days` -> `maxEventDays`, in `field`, in the first segment of `path`, and in a
/// suggestion). Rule codes and other values are not renamed.
pub(crate) fn camel_error(e: Error) -> Error {
    match e {
        Error::InvalidValue {
            field,
            path,
            value,
            expected,
            suggestion,
        } => {
            // Only the option's own name is renamed: `/rules/no_indicator` keeps its rule code.
            let path = match path.split('/').nth(1) {
                Some(top) => path.replacen(&format!("/{top}"), &format!("/{}", camel_case(top)), 1),
                None => path,
            };
            // An unknown option (no value) is suggested under its JS name.
            let suggestion = match value {
                None => suggestion.map(|s| camel_case(&s)),
                Some(_) => suggestion,
            };
            Error::InvalidValue {
                field: camel_case(&field),
                path,
                value,
                expected,
                suggestion,
            }
        }
        Error::LimitExceeded {
            what,
            limit,
            option,
        } => Error::LimitExceeded {
            what,
            limit,
            option: option.map(|o| camel_case(&o)),
        },
        other => other,
    }
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
