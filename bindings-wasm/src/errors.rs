//! The one place where errors become JavaScript values: every failure is thrown as a JS
//! `Error` (name `LineamientosError`) with a stable `code` property, never as a string.

use crate::convert;
use js_sys::Reflect;
use lineamientos::diagnostic::LocalizedDiagnostic;
use lineamientos::{Error, Lang};
use wasm_bindgen::JsValue;

/// The `name` of every error this package throws.
const ERROR_NAME: &str = "LineamientosError";

/// Code of a failure inside the binding itself (a value that could not be converted back to
/// JavaScript). Never expected; reported rather than panicking.
pub(crate) const INTERNAL_ERROR: &str = "internal_error";

/// Converts a core error into a JS `Error` with `code` and the variant's details
/// (`line`/`column`, `kind`/`value`/`suggestion`, `field`, `limit`, `diagnostics`).
pub(crate) fn to_js(e: &Error) -> JsValue {
    to_js_in(e, Lang::default())
}

/// [`to_js`] with the messages of `diagnostics` rendered in `lang`.
pub(crate) fn to_js_in(e: &Error, lang: Lang) -> JsValue {
    let err = new_error(e.code(), &e.to_string());
    // The details and their names come from core: the same as the Python exception's
    // attributes (`field`, `path`, `value`, `expected`, `suggestion`, `source`, `target`...).
    for (name, value) in e.details() {
        let v = match &value {
            serde_json::Value::Null => JsValue::NULL,
            serde_json::Value::String(s) => JsValue::from_str(s),
            serde_json::Value::Number(n) => JsValue::from(n.as_f64().unwrap_or(f64::NAN)),
            serde_json::Value::Bool(b) => JsValue::from_bool(*b),
            other => convert::to_js(other).unwrap_or(JsValue::NULL),
        };
        set(&err, &name, &v);
    }
    if !e.diagnostics().is_empty() {
        let localized: Vec<LocalizedDiagnostic> = e
            .diagnostics()
            .iter()
            .map(|d| LocalizedDiagnostic::new(d, lang))
            .collect();
        if let Ok(v) = convert::to_js(&localized) {
            set(&err, "diagnostics", &v);
        }
    }
    err
}

/// Shorthand for `Result::map_err(errors::to_js)`.
pub(crate) fn js(e: Error) -> JsValue {
    to_js(&e)
}

/// A JS `Error` with `name`, `code` and `message`.
pub(crate) fn new_error(code: &str, message: &str) -> JsValue {
    let err = js_sys::Error::new(message);
    err.set_name(ERROR_NAME);
    let err: JsValue = err.into();
    set(&err, "code", &JsValue::from_str(code));
    err
}

fn set(target: &JsValue, key: &str, value: &JsValue) {
    // Setting a property on a fresh Error object cannot fail; ignore the impossible.
    let _ = Reflect::set(target, &JsValue::from_str(key), value);
}
