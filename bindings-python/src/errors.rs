//! The one place where core errors become Python exceptions.
//!
//! The exception classes live in `lineamientos/errors.py` (a Python class can derive both
//! `LineamientosError` and a built-in such as `ValueError`, which `create_exception!` cannot
//! express). This module decides, with one exhaustive match on [`Error`], which class a core
//! error becomes and which attributes it carries; every exception gets `.code` (the core's
//! stable code) and `.diagnostics` (a list of `Diagnostic`, empty when not relevant).

use crate::convert::json_to_py;
use crate::report::PyDiagnostic;
use lineamientos::Error;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

/// `Result<T, Error>` to `PyResult<T>`.
pub(crate) trait IntoPyResult<T> {
    /// Maps the error with [`to_py_err`].
    fn py_err(self) -> PyResult<T>;
}

impl<T> IntoPyResult<T> for Result<T, Error> {
    fn py_err(self) -> PyResult<T> {
        self.map_err(to_py_err)
    }
}

/// The Python exception for a core error.
pub(crate) fn to_py_err(e: Error) -> PyErr {
    Python::attach(|py| build(py, &e).unwrap_or_else(|fallback| fallback))
}

fn build(py: Python<'_>, e: &Error) -> Result<PyErr, PyErr> {
    // Exhaustive on today's variants; the fallback keeps the code of variants added later.
    let class = match e {
        Error::Json { .. } => "InvalidJsonError",
        Error::UnknownCode { .. } => "UnknownCodeError",
        Error::InvalidCatalog { .. } => "InvalidCatalogError",
        Error::LimitExceeded { .. } => "LimitExceededError",
        Error::InvalidValue { .. } => "InvalidValueError",
        Error::NoCrosswalk { .. } => "NoCrosswalkError",
        Error::InvalidTransition { .. } => "InvalidTransitionError",
        Error::ReportHasErrors { .. } => "ReportHasErrorsError",
        Error::ContentChanged { .. } => "ContentChangedError",
        Error::InvalidFile { .. } => "InvalidFileError",
        Error::Io { .. } => "IoError",
        Error::InvalidRule { .. } => "InvalidRuleError",
        _ => "LineamientosError",
    };
    // The details and their names come from core, the same as JS error properties.
    let details = json_to_py(py, &serde_json::Value::Object(e.details()))?;
    let diagnostics = PyList::empty(py);
    for d in e.diagnostics() {
        diagnostics.append(Py::new(py, PyDiagnostic::from(d.clone()))?)?;
    }
    let module = py
        .import("lineamientos.errors")
        .map_err(|_| PyValueError::new_err(format!("[{}] {e}", e.code())))?;
    let cls = module.getattr(class)?;
    let kwargs = PyDict::new(py);
    kwargs.set_item("code", e.code())?;
    kwargs.set_item("diagnostics", diagnostics)?;
    kwargs.set_item("details", details)?;
    let exc = cls.call((e.to_string(),), Some(&kwargs))?;
    Ok(PyErr::from_value(exc))
}

/// An `invalid_value` error for a host value that has no JSON shape (a set, a non-finite
/// float, an object of another type), found at `path` under the argument `field`.
pub(crate) fn unconvertible(field: &str, path: &str, got: String, expected: &str) -> PyErr {
    to_py_err(Error::InvalidValue {
        field: field.to_owned(),
        path: path.to_owned(),
        value: Some(got),
        expected: expected.to_owned(),
        suggestion: None,
    })
}
