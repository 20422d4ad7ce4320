//! `Report` and `Diagnostic`: validation findings as Python objects and tables.

use crate::convert::{self, Columns, html_escape, lang_arg, text_arg, to_py};
use crate::errors::IntoPyResult;
use crate::table::{PyTable, html_table};
use lineamientos::{Diagnostic, Lang, Report};
use pyo3::prelude::*;
use pyo3::types::{PyCapsule, PyList};

/// One finding: a stable ``code``, a ``severity`` (``"error"``, ``"warning"``, ``"info"``), a
/// JSON Pointer ``path`` into the input, for tabular input the ``row`` (as the spreadsheet
/// shows it) and ``column``, the offending ``value``, message ``params`` and a
/// ``suggestion``. Programs test codes and paths; ``message(lang)`` is for people.
///
/// >>> import lineamientos as lm
/// >>> d = lm.Diagnostic("unknown_code", "/activities/0/lead", value="Mexco",
/// ...                   params={"kind": "participant"}, suggestion="MEX")
/// >>> d.code, d.severity, d.path
/// ('unknown_code', 'error', '/activities/0/lead')
/// >>> "MEX" in d.message("en")
/// True
#[pyclass(name = "Diagnostic", module = "lineamientos._core", frozen, eq)]
#[derive(Clone, PartialEq)]
pub(crate) struct PyDiagnostic {
    pub(crate) inner: Diagnostic,
}

impl From<Diagnostic> for PyDiagnostic {
    fn from(inner: Diagnostic) -> Self {
        PyDiagnostic { inner }
    }
}

#[pymethods]
impl PyDiagnostic {
    /// A finding with ``code`` at ``path``; the severity defaults to the code's own.
    #[new]
    #[pyo3(signature = (code, path="", *, severity=None, row=None, column=None, value=None, params=None, suggestion=None))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        code: &str,
        path: &str,
        severity: Option<&str>,
        row: Option<u64>,
        column: Option<String>,
        value: Option<String>,
        params: Option<std::collections::BTreeMap<String, String>>,
        suggestion: Option<String>,
    ) -> PyResult<Self> {
        let mut d = Diagnostic::new(code, path).with_suggestion(suggestion);
        if let Some(s) = severity {
            d = d
                .with_severity(lineamientos::Severity::parse(s).map_err(crate::errors::to_py_err)?);
        }
        d.row = row;
        d.column = column;
        d.value = value;
        d.params = params.unwrap_or_default();
        Ok(d.into())
    }

    /// Stable machine code (e.g. ``"end_before_start"``).
    #[getter]
    fn code(&self) -> &str {
        &self.inner.code
    }

    /// ``"error"``, ``"warning"`` or ``"info"``.
    #[getter]
    fn severity(&self) -> &'static str {
        self.inner.severity.code()
    }

    /// JSON Pointer into the input (``""`` is the whole document).
    #[getter]
    fn path(&self) -> &str {
        &self.inner.path
    }

    /// Row as the spreadsheet shows it (header = row 1), for tabular input.
    #[getter]
    fn row(&self) -> Option<u64> {
        self.inner.row
    }

    /// Column name as written in the file, for tabular input.
    #[getter]
    fn column(&self) -> Option<&str> {
        self.inner.column.as_deref()
    }

    /// The offending value, as given.
    #[getter]
    fn value(&self) -> Option<&str> {
        self.inner.value.as_deref()
    }

    /// A fix to try: the nearest valid code, a crosswalk target, ...
    #[getter]
    fn suggestion(&self) -> Option<&str> {
        self.inner.suggestion.as_deref()
    }

    /// Named message parameters.
    #[getter]
    fn params(&self) -> std::collections::BTreeMap<String, String> {
        self.inner.params.clone()
    }

    /// The message in ``lang`` (``"es"`` or ``"en"``), rendered from the parameters.
    #[pyo3(signature = (lang="es"))]
    fn message(&self, lang: &str) -> PyResult<String> {
        Ok(self.inner.message(lang_arg(lang)?))
    }

    /// The finding as a plain dict (the JSON shape), with ``message`` when ``lang`` is given.
    #[pyo3(signature = (lang=None))]
    fn to_dict<'py>(&self, py: Python<'py>, lang: Option<&str>) -> PyResult<Bound<'py, PyAny>> {
        match lang {
            None => to_py(py, &self.inner),
            Some(l) => to_py(
                py,
                &lineamientos::diagnostic::LocalizedDiagnostic::new(&self.inner, lang_arg(l)?),
            ),
        }
    }

    fn __repr__(&self) -> String {
        let mut s = format!(
            "<Diagnostic {} {} path={:?}",
            self.inner.severity, self.inner.code, self.inner.path
        );
        if let Some(r) = self.inner.row {
            s.push_str(&format!(" row={r}"));
        }
        if let Some(c) = &self.inner.column {
            s.push_str(&format!(" column={c:?}"));
        }
        s.push('>');
        s
    }
}

/// The result of a validation or an import: every finding, not only the first.
///
/// ``ok`` is ``True`` when no finding has severity ``error``; ``summary`` counts findings by
/// severity; ``pins`` records the catalogue version and hash and the library version.
#[pyclass(name = "Report", module = "lineamientos._core", frozen, eq)]
#[derive(Clone, PartialEq)]
pub(crate) struct PyReport {
    pub(crate) inner: Report,
}

impl From<Report> for PyReport {
    fn from(inner: Report) -> Self {
        PyReport { inner }
    }
}

impl PyReport {
    fn columns(&self, lang: Lang) -> Columns {
        diagnostic_columns(&self.inner.diagnostics, lang)
    }
}

/// Findings as a table: code, severity, path, row, column, value, suggestion, message.
pub(crate) fn diagnostic_columns(diagnostics: &[Diagnostic], lang: Lang) -> Columns {
    // Core decides the columns (the same as JavaScript's findingsColumns).
    Columns::from(lineamientos::diagnostic::findings_columns(
        diagnostics,
        lang,
    ))
}

#[pymethods]
impl PyReport {
    /// Reads a report from its JSON shape (as written by ``to_json()``).
    #[staticmethod]
    fn from_json(text: &Bound<'_, PyAny>) -> PyResult<Self> {
        let text = text_arg(text, "text")?;
        lineamientos::document::from_text::<Report>(&text)
            .map(Self::from)
            .py_err()
    }

    /// ``True`` when there is no finding of severity ``error``.
    #[getter]
    fn ok(&self) -> bool {
        self.inner.ok()
    }

    /// Counts by severity: ``{"errors": n, "warnings": n, "infos": n}``.
    #[getter]
    fn summary<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.summary())
    }

    /// Every finding, in the order the input was read.
    #[getter]
    fn diagnostics(&self) -> Vec<PyDiagnostic> {
        self.inner
            .diagnostics
            .iter()
            .cloned()
            .map(Into::into)
            .collect()
    }

    /// Catalogue version and hash and library version this report was produced with.
    #[getter]
    fn pins<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.pins)
    }
    /// Per rule-file rule that ran: ``{"code", "pass", "fail", "not_applicable"}`` (empty
    /// when no rule file was given).
    #[getter]
    fn outcomes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.outcomes)
    }

    /// The findings with this code.
    fn with_code(&self, code: &str) -> Vec<PyDiagnostic> {
        self.inner
            .with_code(code)
            .cloned()
            .map(Into::into)
            .collect()
    }

    /// The distinct codes of the findings, sorted.
    fn codes(&self) -> Vec<String> {
        let mut codes: Vec<String> = self
            .inner
            .diagnostics
            .iter()
            .map(|d| d.code.clone())
            .collect();
        codes.sort();
        codes.dedup();
        codes
    }

    fn __len__(&self) -> usize {
        self.inner.diagnostics.len()
    }

    fn __iter__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let list = PyList::new(py, self.diagnostics())?;
        Ok(list.try_iter()?.into_any())
    }

    /// The report as a plain dict (JSON shape); with ``lang``, every finding has its ``message``.
    #[pyo3(signature = (lang=None))]
    fn to_dict<'py>(&self, py: Python<'py>, lang: Option<&str>) -> PyResult<Bound<'py, PyAny>> {
        match lang {
            None => to_py(py, &self.inner),
            Some(l) => to_py(py, &self.inner.localized(lang_arg(l)?)),
        }
    }

    /// The report as JSON; with ``lang``, every finding has its ``message``.
    #[pyo3(signature = (lang=None))]
    fn to_json(&self, lang: Option<&str>) -> PyResult<String> {
        let text = match lang {
            None => serde_json::to_string_pretty(&self.inner),
            Some(l) => serde_json::to_string_pretty(&self.inner.localized(lang_arg(l)?)),
        };
        text.map_err(|e| crate::convert::internal(&e.to_string()))
    }

    /// The findings as a ``Table`` (code, severity, path, row, column, value, suggestion,
    /// message in ``lang``).
    #[pyo3(signature = (lang="es"))]
    fn to_table(&self, lang: &str) -> PyResult<PyTable> {
        Ok(PyTable::new(self.columns(lang_arg(lang)?)))
    }

    /// The findings as a ``pandas.DataFrame`` (columns as in ``to_table``).
    #[pyo3(signature = (lang="es"))]
    fn to_pandas<'py>(&self, py: Python<'py>, lang: &str) -> PyResult<Bound<'py, PyAny>> {
        let table = Bound::new(py, self.to_table(lang)?)?;
        convert::to_pandas(py, table.as_any(), &table.get().columns)
    }

    /// The findings as a ``polars.DataFrame`` (columns as in ``to_table``).
    #[pyo3(signature = (lang="es"))]
    fn to_polars<'py>(&self, py: Python<'py>, lang: &str) -> PyResult<Bound<'py, PyAny>> {
        let table = Bound::new(py, self.to_table(lang)?)?;
        convert::to_polars(py, table.as_any())
    }

    /// Arrow PyCapsule stream of the findings (messages in Spanish; ``to_table(lang)`` for
    /// another language).
    #[pyo3(signature = (requested_schema=None))]
    fn __arrow_c_stream__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<Bound<'py, PyCapsule>>,
    ) -> PyResult<Bound<'py, PyCapsule>> {
        self.columns(Lang::Es)
            .to_stream_capsule(py, requested_schema)
    }

    fn __repr__(&self) -> String {
        let s = &self.inner.summary();
        format!(
            "<Report ok={} errors={} warnings={} infos={}>",
            if self.inner.ok() { "True" } else { "False" },
            s.errors,
            s.warnings,
            s.infos
        )
    }

    fn _repr_html_(&self, py: Python<'_>) -> PyResult<String> {
        let s = &self.inner.summary();
        let mut out = format!(
            "<div class=\"lineamientos-report\"><p><b>{}</b> &middot; {} error(s), {} warning(s), {} info(s) &middot; catalogue {} ({})</p>",
            if self.inner.ok() { "OK" } else { "Not OK" },
            s.errors,
            s.warnings,
            s.infos,
            html_escape(&self.inner.pins.catalog_version),
            html_escape(self.inner.pins.catalog_hash.get(..15).unwrap_or_default()),
        );
        if !self.inner.diagnostics.is_empty() {
            out.push_str(&html_table(py, &self.columns(Lang::En), 200)?);
        }
        out.push_str("</div>");
        Ok(out)
    }
}
