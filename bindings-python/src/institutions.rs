//! The catalogue's actors for Python: national institutions and their lookup, organisations
//! by code (their dicts carry their `kind`), and the conflicts between sources. Conversion
//! only: every rule is core's (`Catalog::lookup_institution`, ...).

use crate::catalog::{list, opt};
use crate::convert::to_py;
use crate::errors::IntoPyResult;
use lineamientos::Catalog;
use pyo3::prelude::*;
use pyo3::types::PyList;

pub(crate) fn institutions<'py>(py: Python<'py>, cat: &Catalog) -> PyResult<Bound<'py, PyList>> {
    list(py, cat.institutions())
}

pub(crate) fn institution<'py>(
    py: Python<'py>,
    cat: &Catalog,
    code: &str,
) -> PyResult<Bound<'py, PyAny>> {
    opt(py, cat.institution(code))
}

pub(crate) fn organization<'py>(
    py: Python<'py>,
    cat: &Catalog,
    code: &str,
) -> PyResult<Bound<'py, PyAny>> {
    opt(py, cat.organization(code))
}

pub(crate) fn lookup<'py>(
    py: Python<'py>,
    cat: &Catalog,
    value: &str,
    country: Option<&str>,
) -> PyResult<Bound<'py, PyAny>> {
    to_py(py, &cat.lookup_institution(value, country).py_err()?)
}

pub(crate) fn conflicts<'py>(py: Python<'py>, cat: &Catalog) -> PyResult<Bound<'py, PyList>> {
    list(py, cat.conflicts())
}
