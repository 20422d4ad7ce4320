//! Conversions between JavaScript values and core types. Data crosses as plain JSON-shaped
//! objects (serde-wasm-bindgen's JSON-compatible serializer: objects, never ES `Map`s;
//! `None` as `null` or an absent field, as core's JSON has it).

use crate::errors;
use lineamientos::{Error, Lang};
use serde::Serialize;
use serde::de::DeserializeOwned;
use wasm_bindgen::JsValue;

const SERIALIZER: serde_wasm_bindgen::Serializer =
    serde_wasm_bindgen::Serializer::json_compatible();

/// A Rust value as a plain JS object.
pub(crate) fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&SERIALIZER)
        .map_err(|e| errors::new_error(errors::INTERNAL_ERROR, &e.to_string()))
}

/// A JS document (a JSON string, or an already parsed object) as a core type. Shape errors are
/// `invalid_json`: with line and column for a string, with the JSON Pointer `path` of the
/// offending field for an object.
pub(crate) fn document<T: DeserializeOwned>(value: JsValue) -> Result<T, JsValue> {
    if let Some(text) = value.as_string() {
        return serde_json::from_str(&text).map_err(|e| {
            errors::js(Error::Json {
                line: e.line(),
                column: e.column(),
                message: e.to_string(),
            })
        });
    }
    let de = serde_wasm_bindgen::Deserializer::from(value);
    serde_path_to_error::deserialize(de)
        .map_err(|e| errors::shape_error(&pointer(e.path()), &reason(e.inner())))
}

/// An options object (camelCase keys; `undefined` or `null` gives the defaults). A wrong
/// shape is `invalid_value` naming the option.
#[allow(dead_code)] // used by validatePlan and the matrix options, landing next
pub(crate) fn options<T: DeserializeOwned + Default>(value: JsValue) -> Result<T, Error> {
    if value.is_undefined() || value.is_null() {
        return Ok(T::default());
    }
    let de = serde_wasm_bindgen::Deserializer::from(value);
    serde_path_to_error::deserialize(de).map_err(|e| Error::InvalidValue {
        field: pointer(e.path()),
        reason: reason(e.inner()),
    })
}

/// A language option (`"es"`, `"en"`, `"en-US"`, ...; absent gives Spanish).
#[allow(dead_code)] // used by validatePlan, landing next
pub(crate) fn lang(value: Option<&str>) -> Result<Lang, Error> {
    value.map_or(Ok(Lang::default()), Lang::parse)
}

/// serde-wasm-bindgen's message without the `Error: ` of its JS error wrapper.
fn reason(e: &serde_wasm_bindgen::Error) -> String {
    let s = e.to_string();
    s.strip_prefix("Error: ").map_or(s.clone(), str::to_owned)
}

/// serde_path_to_error's path (`activities[0].start`) as a JSON Pointer (`/activities/0/start`).
fn pointer(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut out = String::new();
    for seg in path.iter() {
        out.push('/');
        match seg {
            Segment::Seq { index } => out.push_str(&index.to_string()),
            Segment::Map { key } | Segment::Enum { variant: key } => {
                out.push_str(&key.replace('~', "~0").replace('/', "~1"))
            }
            Segment::Unknown => out.push('?'),
        }
    }
    out
}
