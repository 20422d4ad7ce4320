//! `PivotTable`: an aggregation of the matrix, with disclosure control.

use super::*;

/// An aggregated table: row and column keys, non-empty cells (suppressed ones flagged),
/// totals per row and column and a grand total. ``to_pandas()`` gives the long (tidy) form
/// (one row per non-empty cell); ``to_wide()`` the cross table.
#[pyclass(name = "PivotTable", module = "lineamientos._core", frozen)]
pub(crate) struct PyPivotTable {
    pub(crate) inner: PivotTable,
}

impl PyPivotTable {
    fn columns(&self) -> Columns {
        Columns::from(self.inner.to_columns())
    }

    fn key_codes(key: &[lineamientos::pivot::KeyPart]) -> Vec<Option<String>> {
        key.iter().map(|p| p.code.clone()).collect()
    }
}

fn codes_arg(obj: Option<&Bound<'_, PyAny>>) -> PyResult<Vec<Option<String>>> {
    match obj {
        None => Ok(Vec::new()),
        Some(o) if o.is_none() => Ok(Vec::new()),
        Some(o) if o.is_instance_of::<PyString>() => Ok(vec![Some(o.extract::<String>()?)]),
        Some(o) => o
            .try_iter()?
            .map(|x| x.and_then(|x| x.extract::<Option<String>>()))
            .collect(),
    }
}

#[pymethods]
impl PyPivotTable {
    /// The measure's code.
    #[getter]
    fn measure(&self) -> &'static str {
        self.inner.measure.code()
    }

    /// The row dimensions' codes.
    #[getter]
    fn row_dims(&self) -> Vec<&'static str> {
        self.inner.row_dims.iter().map(|d| d.code()).collect()
    }

    /// The column dimensions' codes.
    #[getter]
    fn col_dims(&self) -> Vec<&'static str> {
        self.inner.col_dims.iter().map(|d| d.code()).collect()
    }

    /// The row keys as lists of codes (``None``: not given), sorted.
    #[getter]
    fn rows(&self) -> Vec<Vec<Option<String>>> {
        self.inner.rows.iter().map(|k| Self::key_codes(k)).collect()
    }

    /// The column keys as lists of codes, sorted.
    #[getter]
    fn cols(&self) -> Vec<Vec<Option<String>>> {
        self.inner.cols.iter().map(|k| Self::key_codes(k)).collect()
    }

    /// Row labels in ``lang`` (one list per row key).
    #[pyo3(signature = (lang="es"))]
    fn row_labels(&self, lang: &str) -> PyResult<Vec<Vec<String>>> {
        let lang = lang_arg(lang)?;
        Ok(self
            .inner
            .rows
            .iter()
            .map(|k| k.iter().map(|p| p.label(lang).to_owned()).collect())
            .collect())
    }

    /// Column labels in ``lang``.
    #[pyo3(signature = (lang="es"))]
    fn col_labels(&self, lang: &str) -> PyResult<Vec<Vec<String>>> {
        let lang = lang_arg(lang)?;
        Ok(self
            .inner
            .cols
            .iter()
            .map(|k| k.iter().map(|p| p.label(lang).to_owned()).collect())
            .collect())
    }

    /// The non-empty cells: dicts with ``row`` and ``col`` (indexes into ``rows`` and
    /// ``cols``), ``value`` (``None`` when suppressed), ``entries``, ``suppressed``,
    /// ``reason`` (``"primary"`` / ``"secondary"``).
    #[getter]
    fn cells<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.cells)
    }

    /// The cell at the row and column with these key codes, as a dict, or ``None``.
    #[pyo3(signature = (row=None, col=None))]
    fn cell<'py>(
        &self,
        py: Python<'py>,
        row: Option<&Bound<'_, PyAny>>,
        col: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let r = codes_arg(row)?;
        let c = codes_arg(col)?;
        let rr: Vec<Option<&str>> = r.iter().map(|x| x.as_deref()).collect();
        let cc: Vec<Option<&str>> = c.iter().map(|x| x.as_deref()).collect();
        let found = self
            .inner
            .row_index(&rr)
            .zip(self.inner.col_index(&cc))
            .and_then(|(i, j)| self.inner.cell(i, j));
        match found {
            Some(cell) => to_py(py, cell),
            None => Ok(py.None().into_bound(py)),
        }
    }

    /// The value of the cell at these key codes (``None`` when empty or suppressed).
    #[pyo3(signature = (row=None, col=None))]
    fn value(
        &self,
        row: Option<&Bound<'_, PyAny>>,
        col: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Option<f64>> {
        let r = codes_arg(row)?;
        let c = codes_arg(col)?;
        let rr: Vec<Option<&str>> = r.iter().map(|x| x.as_deref()).collect();
        let cc: Vec<Option<&str>> = c.iter().map(|x| x.as_deref()).collect();
        Ok(self
            .inner
            .row_index(&rr)
            .zip(self.inner.col_index(&cc))
            .and_then(|(i, j)| self.inner.cell(i, j))
            .and_then(|cell| cell.value))
    }

    /// One total per row: ``{"value", "entries"}`` dicts.
    #[getter]
    fn row_totals<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.row_totals)
    }

    /// One total per column.
    #[getter]
    fn col_totals<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.col_totals)
    }

    /// The total over every entry counted.
    #[getter]
    fn grand_total<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.grand_total)
    }

    /// Lines whose only suppressed cell could not be protected (``{"line", "index"}``).
    #[getter]
    fn exposed<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.exposed)
    }

    /// What produced the table.
    #[getter]
    fn pins<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.pins)
    }

    /// The whole table as a dict (the JSON shape).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner)
    }

    /// The long form as a ``Table``: the dimension columns, then value, entries,
    /// suppressed, reason.
    fn to_table(&self) -> PyTable {
        PyTable::new(self.columns())
    }

    /// The long form as a ``pandas.DataFrame``.
    fn to_pandas<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        convert::to_pandas(slf.py(), slf.as_any(), &slf.get().columns())
    }

    /// The long form as a ``polars.DataFrame``.
    fn to_polars<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        convert::to_polars(slf.py(), slf.as_any())
    }

    /// Arrow PyCapsule stream of the long form.
    #[pyo3(signature = (requested_schema=None))]
    fn __arrow_c_stream__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<Bound<'py, PyCapsule>>,
    ) -> PyResult<Bound<'py, PyCapsule>> {
        self.columns().to_stream_capsule(py, requested_schema)
    }

    /// The cross table (labels in ``lang``, suppressed cells ``*``, totals) as CSV; written
    /// to ``path`` when given, else returned.
    #[pyo3(signature = (path=None, *, lang="es"))]
    fn to_csv(
        &self,
        py: Python<'_>,
        path: Option<&Bound<'_, PyAny>>,
        lang: &str,
    ) -> PyResult<Option<String>> {
        let mut buf = Vec::new();
        self.inner.write_csv(&mut buf, lang_arg(lang)?).py_err()?;
        match path {
            Some(p) => write_file(py, &path_arg(p, "path")?, &buf).map(|()| None),
            None => Ok(Some(String::from_utf8_lossy(&buf).into_owned())),
        }
    }

    /// The cross table as an XLSX workbook; written to ``path`` when given, else ``bytes``.
    #[pyo3(signature = (path=None, *, lang="es"))]
    fn to_excel<'py>(
        &self,
        py: Python<'py>,
        path: Option<&Bound<'_, PyAny>>,
        lang: &str,
    ) -> PyResult<Option<Bound<'py, PyBytes>>> {
        let mut buf = Vec::new();
        self.inner.write_xlsx(&mut buf, lang_arg(lang)?).py_err()?;
        match path {
            Some(p) => write_file(py, &path_arg(p, "path")?, &buf).map(|()| None),
            None => Ok(Some(PyBytes::new(py, &buf))),
        }
    }

    fn __repr__(&self) -> String {
        format!(
            "<PivotTable {} by {} x {}: {} rows, {} cols, {} non-empty cells>",
            self.inner.measure.code(),
            self.row_dims().join("/"),
            self.col_dims().join("/"),
            self.inner.rows.len(),
            self.inner.cols.len(),
            self.inner.cells.len()
        )
    }

    /// The cross table as HTML (core's rendering, the same as JavaScript's ``pivotHtml``):
    /// labels in Spanish, suppressed cells shown as ``*``.
    fn _repr_html_(&self) -> String {
        self.inner.to_html(Lang::Es)
    }

    /// The interval an attacker can derive for every withheld number, computed from what
    /// the table publishes (cells, totals, counts never negative): ``{"method", "entries":
    /// [{"row", "col", "lo", "hi"}]}``; ``row``/``col`` ``None`` for totals, ``hi`` ``None``
    /// when unbounded. The audit stored with a protected table is in ``to_dict()["audit"]``.
    fn audit<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.audit().py_err()?)
    }

    /// What the table publishes, in the compact form ``audit_published`` reads (withheld
    /// numbers ``None``).
    fn published<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &lineamientos::pivot::PublishedTable::of(&self.inner))
    }

    /// The cross table as HTML with labels in ``lang``.
    #[pyo3(signature = (lang="es"))]
    fn to_html(&self, lang: &str) -> PyResult<String> {
        Ok(self.inner.to_html(lang_arg(lang)?))
    }
}
