//! `Table`: a small column table handed to Python through Arrow (PyCapsule stream), with
//! pandas, polars and pyarrow sugar.

use crate::convert::{self, Columns, html_escape};
use pyo3::prelude::*;
use pyo3::types::{PyCapsule, PyDict, PyList};

/// A table of named, typed columns. Any Arrow consumer reads it without copying row by row
/// (``pyarrow.table(t)``, ``polars.DataFrame(t)``, duckdb), through ``__arrow_c_stream__``.
///
/// >>> import lineamientos as lm
/// >>> report = lm.Report.from_json('{"ok": true, "summary": {"errors": 0, "warnings": 1, '
/// ...     '"infos": 0}, "diagnostics": [{"code": "no_indicator", "severity": "warning", '
/// ...     '"path": "/activities/0"}], "pins": {"catalog_version": "", "catalog_hash": "", '
/// ...     '"library_version": ""}}')
/// >>> t = report.to_table("en")
/// >>> t.column_names[:3], t.num_rows
/// (['code', 'severity', 'path'], 1)
#[pyclass(name = "Table", module = "lineamientos._core", frozen)]
pub(crate) struct PyTable {
    pub(crate) columns: Columns,
    /// The most rows in one batch of the Arrow stream (`None`: one batch).
    batch_rows: Option<usize>,
}

impl PyTable {
    pub(crate) fn new(columns: Columns) -> Self {
        PyTable {
            columns,
            batch_rows: None,
        }
    }

    /// The table handed out as an Arrow stream of batches of at most `rows` rows.
    pub(crate) fn batched(columns: Columns, rows: lineamientos::args::BatchRows) -> Self {
        PyTable {
            columns,
            batch_rows: Some(rows.0),
        }
    }
}

#[pymethods]
impl PyTable {
    /// The column names, in order.
    #[getter]
    fn column_names(&self) -> Vec<String> {
        self.columns.names().to_vec()
    }

    /// The number of rows.
    #[getter]
    fn num_rows(&self) -> usize {
        self.columns.num_rows()
    }

    fn __len__(&self) -> usize {
        self.columns.num_rows()
    }

    /// The most rows in one batch of the Arrow stream (``None``: the whole table in one
    /// batch).
    #[getter]
    fn batch_rows(&self) -> Option<usize> {
        self.batch_rows
    }

    /// The table as ``{column: [values]}``.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        self.columns.to_py_dict(py)
    }

    /// The table as one dict per row.
    fn to_records<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        self.columns.to_py_records(py)
    }

    /// The table as a ``pandas.DataFrame`` (through pyarrow when installed).
    fn to_pandas<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        convert::to_pandas(slf.py(), slf.as_any(), &slf.get().columns)
    }

    /// The table as a ``polars.DataFrame``.
    fn to_polars<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        convert::to_polars(slf.py(), slf.as_any())
    }

    /// The table as a ``pyarrow.Table``.
    fn to_arrow<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        convert::to_pyarrow(slf.py(), slf.as_any())
    }

    /// Arrow PyCapsule stream interface (batches of at most ``batch_rows`` rows).
    #[pyo3(signature = (requested_schema=None))]
    fn __arrow_c_stream__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<Bound<'py, PyCapsule>>,
    ) -> PyResult<Bound<'py, PyCapsule>> {
        self.columns
            .to_batched_capsule(py, requested_schema, self.batch_rows)
    }

    fn __repr__(&self) -> String {
        format!(
            "<Table {} rows x {} columns: {}{}>",
            self.columns.num_rows(),
            self.columns.names().len(),
            self.columns.names().join(", "),
            self.batch_rows
                .map(|n| format!(" (batches of {n} rows)"))
                .unwrap_or_default()
        )
    }

    fn _repr_html_(&self, py: Python<'_>) -> PyResult<String> {
        html_table(py, &self.columns, 100)
    }
}

/// An HTML table of the first `limit` rows.
pub(crate) fn html_table(py: Python<'_>, columns: &Columns, limit: usize) -> PyResult<String> {
    let mut out = String::from("<table class=\"lineamientos\"><thead><tr>");
    for n in columns.names() {
        out.push_str(&format!("<th>{}</th>", html_escape(n)));
    }
    out.push_str("</tr></thead><tbody>");
    let records = columns.to_py_records(py)?;
    for row in records.iter().take(limit) {
        out.push_str("<tr>");
        for n in columns.names() {
            let v = row.get_item(n)?;
            let text = if v.is_none() {
                String::new()
            } else {
                v.str()?.to_cow()?.into_owned()
            };
            out.push_str(&format!("<td>{}</td>", html_escape(&text)));
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table>");
    if columns.num_rows() > limit {
        out.push_str(&format!(
            "<p>{} of {} rows shown</p>",
            limit,
            columns.num_rows()
        ));
    }
    Ok(out)
}
