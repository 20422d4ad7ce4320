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
    // The enum is non_exhaustive: new core variants still get `code` and `message`.
    match e {
        Error::Json { line, column, .. } => {
            set(&err, "line", &JsValue::from(*line as f64));
            set(&err, "column", &JsValue::from(*column as f64));
        }
        Error::UnknownCode {
            kind,
            value,
            suggestion,
        } => {
            set(&err, "kind", &JsValue::from_str(kind.code()));
            set(&err, "value", &JsValue::from_str(value));
            if let Some(s) = suggestion {
                set(&err, "suggestion", &JsValue::from_str(s));
            }
        }
        Error::LimitExceeded { what, limit } => {
            set(&err, "field", &JsValue::from_str(what));
            set(&err, "limit", &JsValue::from(*limit as f64));
        }
        Error::InvalidValue { field, .. } => {
            set(&err, "field", &JsValue::from_str(field));
        }
        Error::InvalidFile { format, .. } => {
            set(&err, "format", &JsValue::from_str(format));
        }
        Error::NoCrosswalk { from, to } => {
            set(&err, "from", &JsValue::from_str(from));
            set(&err, "to", &JsValue::from_str(to));
        }
        Error::InvalidTransition { state, action } => {
            set(&err, "state", &JsValue::from_str(state));
            set(&err, "action", &JsValue::from_str(action));
        }
        Error::ContentChanged {
            since,
            expected,
            actual,
        } => {
            set(&err, "since", &JsValue::from_str(since));
            set(&err, "expected", &JsValue::from_str(expected));
            set(&err, "actual", &JsValue::from_str(actual));
        }
        _ => {}
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

/// `invalid_json` for a JS object that does not have the documented shape, with the JSON
/// Pointer `path` of the offending field.
pub(crate) fn shape_error(path: &str, reason: &str) -> JsValue {
    let where_ = if path.is_empty() { "/" } else { path };
    let err = new_error(
        "invalid_json",
        &format!("invalid document at {where_}: {reason}"),
    );
    set(&err, "path", &JsValue::from_str(path));
    err
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
