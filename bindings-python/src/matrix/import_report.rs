//! `ImportReport`: how the rows of a matrix file were read.

use super::*;

/// The result of importing rows: every data row is accepted or rejected, and
/// ``rows_read == accepted + rejected``. Findings name the ``row`` (as the spreadsheet
/// shows it: header = row 1) and the ``column`` as written in the file.
#[pyclass(name = "ImportReport", module = "lineamientos._core", frozen)]
#[derive(Clone)]
pub(crate) struct PyImportReport {
    pub(super) inner: ImportReport,
}

#[pymethods]
impl PyImportReport {
    /// ``True`` when no finding has severity ``error``.
    #[getter]
    fn ok(&self) -> bool {
        self.inner.ok()
    }

    /// Data rows read.
    #[getter]
    fn rows_read(&self) -> u64 {
        self.inner.rows_read
    }

    /// Rows accepted into the matrix.
    #[getter]
    fn accepted(&self) -> u64 {
        self.inner.accepted
    }

    /// Findings counted in ``summary`` but not stored in ``diagnostics`` because the
    /// import's ``max_diagnostics`` cap (default 10,000) was reached.
    #[getter]
    fn diagnostics_truncated(&self) -> u64 {
        self.inner.diagnostics_truncated
    }

    /// Rows rejected.
    #[getter]
    fn rejected(&self) -> u64 {
        self.inner.rejected
    }

    /// Accepted rows that had a bad optional value left out (each with a warning whose
    /// ``params["dropped"]`` is ``"true"``); 0 in strict mode.
    #[getter]
    fn rows_with_dropped_values(&self) -> u64 {
        self.inner.rows_with_dropped_values
    }

    /// The sheet rows that were rejected.
    #[getter]
    fn rejected_rows(&self) -> Vec<u64> {
        self.inner.rejected_rows.clone()
    }

    /// Counts by severity.
    #[getter]
    fn summary<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.summary)
    }

    /// Every finding.
    #[getter]
    fn diagnostics(&self) -> Vec<PyDiagnostic> {
        self.inner
            .diagnostics
            .iter()
            .cloned()
            .map(Into::into)
            .collect()
    }

    /// How each column of the file was understood: ``{"column", "field"}`` dicts (``field``
    /// ``None`` for an ignored column).
    #[getter]
    fn columns<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.columns)
    }

    /// The detected delimiter of a CSV file.
    #[getter]
    fn delimiter(&self) -> Option<String> {
        self.inner.delimiter.map(String::from)
    }

    /// The detected encoding: ``"utf-8"``, or ``"latin-1"`` when some cells were read as
    /// Windows-1252.
    #[getter]
    fn encoding(&self) -> Option<String> {
        self.inner.encoding.clone()
    }

    /// The guideline-set version codes refer to.
    #[getter]
    fn guideline_version(&self) -> &str {
        &self.inner.guideline_version
    }

    /// Catalogue version and hash and library version.
    #[getter]
    fn pins<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.pins)
    }

    /// The findings with this code.
    fn with_code(&self, code: &str) -> Vec<PyDiagnostic> {
        self.inner
            .with_code(code)
            .cloned()
            .map(Into::into)
            .collect()
    }

    fn __len__(&self) -> usize {
        self.inner.diagnostics.len()
    }

    /// The report as a dict; with ``lang``, every finding has its ``message``.
    #[pyo3(signature = (lang=None))]
    fn to_dict<'py>(&self, py: Python<'py>, lang: Option<&str>) -> PyResult<Bound<'py, PyAny>> {
        match lang {
            None => to_py(py, &self.inner),
            Some(l) => to_py(py, &self.inner.localized(lang_arg(l)?)),
        }
    }

    /// The findings as a ``Table``.
    #[pyo3(signature = (lang="es"))]
    fn to_table(&self, lang: &str) -> PyResult<PyTable> {
        Ok(PyTable::new(diagnostic_columns(
            &self.inner.diagnostics,
            lang_arg(lang)?,
        )))
    }

    /// The findings as a ``pandas.DataFrame``.
    #[pyo3(signature = (lang="es"))]
    fn to_pandas<'py>(&self, py: Python<'py>, lang: &str) -> PyResult<Bound<'py, PyAny>> {
        let table = Bound::new(py, self.to_table(lang)?)?;
        convert::to_pandas(py, table.as_any(), &table.get().columns)
    }

    /// The findings as a ``Table`` whose Arrow stream hands them out in batches of at most
    /// ``max_rows`` rows (default 65 536), messages in ``lang``.
    ///
    /// >>> import lineamientos as lm, pyarrow as pa
    /// >>> r = lm.Matrix.read_csv(b"Pais;Fecha\nMexco;ayer\n").import_report
    /// >>> t = pa.table(r.to_arrow_batches(max_rows=2, lang="en"))
    /// >>> t.num_rows == len(r.diagnostics), t.column_names[:3]
    /// (True, ['code', 'severity', 'path'])
    #[pyo3(signature = (max_rows=None, lang="es"))]
    fn to_arrow_batches(
        &self,
        max_rows: Option<&Bound<'_, PyAny>>,
        lang: &str,
    ) -> PyResult<PyTable> {
        let rows = super::batch_rows(max_rows)?;
        Ok(PyTable::batched(
            diagnostic_columns(&self.inner.diagnostics, lang_arg(lang)?),
            rows,
        ))
    }

    /// Arrow PyCapsule stream of the findings (messages in Spanish).
    #[pyo3(signature = (requested_schema=None))]
    fn __arrow_c_stream__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<Bound<'py, PyCapsule>>,
    ) -> PyResult<Bound<'py, PyCapsule>> {
        diagnostic_columns(&self.inner.diagnostics, Lang::Es)
            .to_stream_capsule(py, requested_schema)
    }

    fn __repr__(&self) -> String {
        format!(
            "<ImportReport rows_read={} accepted={} rejected={} rows_with_dropped_values={} errors={} warnings={}>",
            self.inner.rows_read,
            self.inner.accepted,
            self.inner.rejected,
            self.inner.rows_with_dropped_values,
            self.inner.summary.errors,
            self.inner.summary.warnings
        )
    }

    fn _repr_html_(&self, py: Python<'_>) -> PyResult<String> {
        let mut out = format!(
            "<div class=\"lineamientos-import\"><p>{} row(s) read: <b>{}</b> accepted, <b>{}</b> rejected &middot; {} error(s), {} warning(s)</p>",
            self.inner.rows_read,
            self.inner.accepted,
            self.inner.rejected,
            self.inner.summary.errors,
            self.inner.summary.warnings
        );
        if !self.inner.diagnostics.is_empty() {
            out.push_str(&html_table(
                py,
                &diagnostic_columns(&self.inner.diagnostics, Lang::En),
                200,
            )?);
        }
        out.push_str("</div>");
        Ok(out)
    }
}
