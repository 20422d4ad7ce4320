//! The one place where core errors become Python exceptions.
//!
//! The exception classes live in `lineamientos/errors.py` (a Python class can derive both
//! `LineamientosError` and a built-in such as `ValueError`, which `create_exception!` cannot
//! express). This module decides, with one exhaustive match on [`Error`], which class a core
//! error becomes and which attributes it carries; every exception gets `.code` (the core's
//! stable code) and `.diagnostics` (a list of `Diagnostic`, empty when not relevant).

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
    let details = PyDict::new(py);
    // Exhaustive on today's variants; the fallback keeps the code of variants added later.
    let class = match e {
        Error::Json {
            line,
            column,
            message: _,
        } => {
            details.set_item("line", line)?;
            details.set_item("column", column)?;
            "InvalidJsonError"
        }
        Error::UnknownCode {
            kind,
            value,
            suggestion,
        } => {
            details.set_item("kind", kind.code())?;
            details.set_item("value", value)?;
            details.set_item("suggestion", suggestion)?;
            "UnknownCodeError"
        }
        Error::InvalidCatalog { diagnostics: _ } => "InvalidCatalogError",
        Error::LimitExceeded { what, limit } => {
            details.set_item("what", what)?;
            details.set_item("limit", limit)?;
            "LimitExceededError"
        }
        Error::InvalidValue { field, reason } => {
            details.set_item("field", field)?;
            details.set_item("reason", reason)?;
            "InvalidValueError"
        }
        Error::NoCrosswalk { from, to } => {
            details.set_item("source", from)?;
            details.set_item("target", to)?;
            "NoCrosswalkError"
        }
        Error::InvalidTransition { state, action } => {
            details.set_item("state", state)?;
            details.set_item("action", action)?;
            "InvalidTransitionError"
        }
        Error::ReportHasErrors { diagnostics: _ } => "ReportHasErrorsError",
        Error::ContentChanged {
            since,
            expected,
            actual,
        } => {
            details.set_item("since", since)?;
            details.set_item("expected", expected)?;
            details.set_item("actual", actual)?;
            "ContentChangedError"
        }
        Error::InvalidFile { format, message: _ } => {
            details.set_item("format", format)?;
            "InvalidFileError"
        }
        Error::Io { message: _ } => "IoError",
        _ => "LineamientosError",
    };
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

/// An `invalid_value` error for a host value that core never saw (wrong type inside an
/// options dict, a non-finite float, ...).
pub(crate) fn invalid_value(field: &str, reason: impl Into<String>) -> PyErr {
    to_py_err(Error::InvalidValue {
        field: field.to_owned(),
        reason: reason.into(),
    })
}
