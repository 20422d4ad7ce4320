//! Python bindings of `lineamientos`: the private native module `lineamientos._core`.
//!
//! This crate holds conversion (`convert`) and error mapping (`errors`) only, plus the thin
//! `#[pyclass]` wrappers that call the core; all domain logic lives in the `lineamientos`
//! crate. The public Python API is the package `lineamientos` (bindings-python/python/).

mod arrow_in;
mod catalog;
mod codes;
mod convert;
mod cycle;
mod errors;
mod focal;
mod institutions;
mod matrix;
mod plan;
mod report;
mod ruleset;
mod table;
mod workflow;
mod yaml;

use crate::errors::IntoPyResult;
use pyo3::prelude::*;

/// ``n`` as an upper-case Roman numeral (the congress labels: 3 gives ``"III"``).
///
/// >>> import lineamientos as lm
/// >>> lm.roman_numeral(6)
/// 'VI'
#[pyfunction]
fn roman_numeral(n: u32) -> String {
    lineamientos::roman_numeral(n)
}

/// The audit of a published table (``{"rows", "cols", "cells": [{"row", "col", "value"}],
/// "row_totals", "col_totals", "grand_total"}``, withheld numbers ``None``): the interval an
/// attacker can derive for every withheld number (core's ``PublishedTable::audit``, the same
/// as JavaScript's ``auditPublished``).
///
/// >>> import lineamientos as lm
/// >>> t = {"rows": 2, "cols": 2, "cells": [
/// ...     {"row": 0, "col": 0, "value": None}, {"row": 0, "col": 1, "value": 7},
/// ...     {"row": 1, "col": 0, "value": None}, {"row": 1, "col": 1, "value": 9}],
/// ...     "row_totals": [10, 12], "col_totals": [6, 16], "grand_total": 22}
/// >>> [(e["lo"], e["hi"]) for e in lm.audit_published(t)["entries"]]
/// [(3, 3), (3, 3)]
#[pyfunction]
fn audit_published<'py>(
    py: Python<'py>,
    published: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let value = convert::py_to_json(published, "published")?;
    let table: lineamientos::pivot::PublishedTable =
        lineamientos::document::from_value(value).py_err()?;
    convert::to_py(py, &table.audit().py_err()?)
}

/// Parses a Roman numeral (``"iv"`` gives 4); ``None`` when malformed.
#[pyfunction]
fn parse_roman(s: &str) -> Option<u32> {
    lineamientos::congress::parse_roman(s)
}

/// The message template of a diagnostic code in ``lang``, with its ``{placeholders}``, or
/// ``None`` for a code without a template.
#[pyfunction]
#[pyo3(signature = (code, lang="es"))]
fn message_template(code: &str, lang: &str) -> PyResult<Option<&'static str>> {
    let lang = convert::lang_arg(lang)?;
    Ok(lineamientos::diagnostic::template(code).map(|t| t.text(lang)))
}

/// Every diagnostic code that has a message template, sorted.
#[pyfunction]
fn diagnostic_codes() -> Vec<&'static str> {
    let mut v: Vec<&'static str> = lineamientos::diagnostic::MESSAGES
        .iter()
        .map(|t| t.code)
        .collect();
    v.sort_unstable();
    v
}

/// JSON Schemas of the documents users write, by file name (``work_plan.schema.json``, ...).
#[pyfunction]
fn json_schemas(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    let map: serde_json::Map<String, serde_json::Value> = lineamientos::schema::all()
        .into_iter()
        .map(|(name, schema)| (name.to_owned(), schema))
        .collect();
    convert::json_to_py(py, &serde_json::Value::Object(map))
}

#[pymodule]
fn _core(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", lineamientos::LIBRARY_VERSION)?;
    m.add("LIBRARY_VERSION", lineamientos::LIBRARY_VERSION)?;
    m.add("ERROR_CODES", lineamientos::Error::CODES.to_vec())?;
    m.add("CODE_LISTS", codes::code_lists())?;
    m.add_class::<catalog::PyCatalog>()?;
    m.add_class::<plan::PyWorkPlan>()?;
    m.add_class::<report::PyReport>()?;
    m.add_class::<report::PyDiagnostic>()?;
    m.add_class::<ruleset::PyRuleSet>()?;
    m.add_class::<table::PyTable>()?;
    m.add_class::<focal::PyFocalDirectory>()?;
    m.add_class::<workflow::PyGeneralPlan>()?;
    m.add_class::<workflow::PyApproval>()?;
    m.add_class::<cycle::PyCycle>()?;
    m.add_class::<cycle::PyCycleReview>()?;
    m.add_class::<cycle::PySystematization>()?;
    m.add_class::<matrix::PyMatrix>()?;
    m.add_class::<matrix::PyImportReport>()?;
    m.add_class::<matrix::PyPivotTable>()?;
    m.add_class::<matrix::PyPivotPartial>()?;
    m.add_function(wrap_pyfunction!(roman_numeral, m)?)?;
    m.add_function(wrap_pyfunction!(parse_roman, m)?)?;
    m.add_function(wrap_pyfunction!(message_template, m)?)?;
    m.add_function(wrap_pyfunction!(diagnostic_codes, m)?)?;
    m.add_function(wrap_pyfunction!(json_schemas, m)?)?;
    m.add_function(wrap_pyfunction!(audit_published, m)?)?;
    m.add_function(wrap_pyfunction!(codes::code_list, m)?)?;
    m.add_function(wrap_pyfunction!(codes::parse_code, m)?)?;
    m.add_function(wrap_pyfunction!(codes::code_label, m)?)?;
    m.add_function(wrap_pyfunction!(ruleset::yaml_to_json, m)?)?;
    Ok(())
}
