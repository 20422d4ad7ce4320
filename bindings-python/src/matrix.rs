//! `Matrix` (the tracking matrix), its `ImportReport`, `PivotTable` and the analyses.

use crate::catalog::PyCatalog;
use crate::convert::{
    self, Columns, bytes_arg, date_arg, html_escape, lang_arg, options_json, path_arg, py_to_json,
    read_file, to_py, write_file,
};
use crate::errors::{IntoPyResult, invalid_value};
use crate::report::PyDiagnostic;
use crate::report::diagnostic_columns;
use crate::table::{PyTable, html_table};
use lineamientos::pivot::PivotTable;
use lineamientos::{
    Catalog, Entry, ImportOptions, ImportReport, Lang, Matrix, PeriodUnit, PivotSpec,
};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyCapsule, PyList, PyString};

fn catalog_or_embedded(catalog: Option<&Bound<'_, PyCatalog>>) -> Catalog {
    catalog.map_or_else(Catalog::embedded, |c| c.get().inner.clone())
}

/// Import options from keyword arguments, through `ImportOptions::from_json`.
fn import_options(pairs: &[(&str, Option<&Bound<'_, PyAny>>)]) -> PyResult<ImportOptions> {
    ImportOptions::from_json(&options_json(pairs)?).py_err()
}

/// File content from a path (`str` / `os.PathLike`), `bytes` / `bytearray` or a binary
/// file-like object.
fn source_bytes(py: Python<'_>, source: &Bound<'_, PyAny>) -> PyResult<Vec<u8>> {
    if source.is_instance_of::<PyString>() || source.hasattr("__fspath__")? {
        let path = path_arg(source, "source")?;
        return read_file(py, &path);
    }
    bytes_arg(source, "source")
}

/// The result of importing rows: every data row is accepted or rejected, and
/// ``rows_read == accepted + rejected``. Findings name the ``row`` (as the spreadsheet
/// shows it: header = row 1) and the ``column`` as written in the file.
#[pyclass(name = "ImportReport", module = "lineamientos._core", frozen)]
#[derive(Clone)]
pub(crate) struct PyImportReport {
    inner: ImportReport,
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
            "<ImportReport rows_read={} accepted={} rejected={} errors={} warnings={}>",
            self.inner.rows_read,
            self.inner.accepted,
            self.inner.rejected,
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

/// The tracking matrix: the accepted entries, with the ``import_report`` of how they were
/// read.
///
/// >>> import lineamientos as lm
/// >>> csv = ("País;Institución;Fecha de reporte;Tipo de registro;Título;Estado;Eje;Mujeres\n"
/// ...        "México;INMUJERES;02/05/2024;Buena práctica;Ruta;En curso;VCM;12\n"
/// ...        "Guatemla;SEPREM;2024-05-03;Avance;Diplomado;Completado;EMP;30\n")
/// >>> m = lm.Matrix.read_csv(csv.encode())
/// >>> r = m.import_report
/// >>> (r.rows_read, r.accepted, r.rejected), len(m)
/// ((2, 1, 1), 1)
/// >>> d = r.diagnostics[0]
/// >>> d.code, d.row, d.column, d.suggestion
/// ('unknown_code', 3, 'País', 'GTM')
/// >>> t = m.pivot(rows="country", cols="axis", measure="participants_women")
/// >>> t.value(["MEX"], ["VCM"])
/// 12.0
#[pyclass(name = "Matrix", module = "lineamientos._core", frozen)]
pub(crate) struct PyMatrix {
    inner: Matrix,
    report: PyImportReport,
}

impl PyMatrix {
    fn wrap(pair: (Matrix, ImportReport)) -> Self {
        PyMatrix {
            inner: pair.0,
            report: PyImportReport { inner: pair.1 },
        }
    }
}

#[pymethods]
impl PyMatrix {
    /// Imports a CSV file as partners send it (``,`` ``;`` or tab; UTF-8 with or without BOM
    /// or Latin-1; Spanish or English headers). ``source`` is a path, ``bytes`` or a binary
    /// file-like object. Row-level problems never raise: they are in ``import_report``.
    #[staticmethod]
    #[pyo3(signature = (source, catalog=None, *, strict=None, guideline_version=None, delimiter=None, max_rows=None, max_diagnostics=None, max_bytes=None))]
    #[allow(clippy::too_many_arguments)]
    fn read_csv(
        py: Python<'_>,
        source: &Bound<'_, PyAny>,
        catalog: Option<&Bound<'_, PyCatalog>>,
        strict: Option<&Bound<'_, PyAny>>,
        guideline_version: Option<&Bound<'_, PyAny>>,
        delimiter: Option<&Bound<'_, PyAny>>,
        max_rows: Option<&Bound<'_, PyAny>>,
        max_diagnostics: Option<&Bound<'_, PyAny>>,
        max_bytes: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let options = import_options(&[
            ("strict", strict),
            ("guideline_version", guideline_version),
            ("delimiter", delimiter),
            ("max_rows", max_rows),
            ("max_diagnostics", max_diagnostics),
            ("max_bytes", max_bytes),
        ])?;
        let bytes = source_bytes(py, source)?;
        let cat = catalog_or_embedded(catalog);
        py.detach(|| Matrix::read_csv(bytes.as_slice(), &cat, &options))
            .map(Self::wrap)
            .py_err()
    }

    /// Imports one worksheet (``sheet``, default the first) of an XLSX workbook, with the
    /// rules of ``read_csv``.
    #[staticmethod]
    #[pyo3(signature = (source, sheet=None, catalog=None, *, strict=None, guideline_version=None, max_rows=None, max_diagnostics=None, max_bytes=None))]
    #[allow(clippy::too_many_arguments)]
    fn read_excel(
        py: Python<'_>,
        source: &Bound<'_, PyAny>,
        sheet: Option<&Bound<'_, PyAny>>,
        catalog: Option<&Bound<'_, PyCatalog>>,
        strict: Option<&Bound<'_, PyAny>>,
        guideline_version: Option<&Bound<'_, PyAny>>,
        max_rows: Option<&Bound<'_, PyAny>>,
        max_diagnostics: Option<&Bound<'_, PyAny>>,
        max_bytes: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let options = import_options(&[
            ("sheet", sheet),
            ("strict", strict),
            ("guideline_version", guideline_version),
            ("max_rows", max_rows),
            ("max_diagnostics", max_diagnostics),
            ("max_bytes", max_bytes),
        ])?;
        let bytes = source_bytes(py, source)?;
        let cat = catalog_or_embedded(catalog);
        py.detach(|| Matrix::read_xlsx(std::io::Cursor::new(bytes), &cat, &options))
            .map(Self::wrap)
            .py_err()
    }

    /// Builds a matrix from dicts of the entry JSON shape (``id``, ``country``,
    /// ``institution``, ``reported_on``, ``entry_type``, ``title``, ``status``, ...), validated
    /// like imported rows; findings name the record by its position (``row``, path
    /// ``/{i}/{field}``).
    #[staticmethod]
    #[pyo3(signature = (records, catalog=None, *, strict=None, guideline_version=None, max_rows=None, max_diagnostics=None))]
    fn from_records(
        py: Python<'_>,
        records: &Bound<'_, PyAny>,
        catalog: Option<&Bound<'_, PyCatalog>>,
        strict: Option<&Bound<'_, PyAny>>,
        guideline_version: Option<&Bound<'_, PyAny>>,
        max_rows: Option<&Bound<'_, PyAny>>,
        max_diagnostics: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        if records.is_instance_of::<PyString>() || records.is_instance_of::<pyo3::types::PyDict>() {
            return Err(pyo3::exceptions::PyTypeError::new_err(
                "records must be a list of dicts",
            ));
        }
        let options = import_options(&[
            ("strict", strict),
            ("guideline_version", guideline_version),
            ("max_rows", max_rows),
            ("max_diagnostics", max_diagnostics),
        ])?;
        let mut entries = Vec::new();
        for (i, r) in records.try_iter()?.enumerate() {
            let value = py_to_json(&r?, "records")?;
            let entry: Entry = serde_json::from_value(value).map_err(|e| {
                crate::errors::to_py_err(lineamientos::Error::Json {
                    line: 0,
                    column: 0,
                    message: format!("record {i}: {e}"),
                })
            })?;
            entries.push(entry);
        }
        let cat = catalog_or_embedded(catalog);
        py.detach(|| Matrix::from_entries_with(entries, &cat, &options))
            .map(Self::wrap)
            .py_err()
    }

    /// Builds a matrix from a ``pandas.DataFrame`` whose columns are entry fields (the shape
    /// ``to_pandas()`` gives); missing values (NaN, NaT, None) are left out. For a frame
    /// with a partner's headers and labels, use ``read_csv(df.to_csv(index=False).encode())``.
    #[staticmethod]
    #[pyo3(signature = (df, catalog=None, *, strict=None, guideline_version=None, max_rows=None, max_diagnostics=None))]
    fn from_pandas(
        py: Python<'_>,
        df: &Bound<'_, PyAny>,
        catalog: Option<&Bound<'_, PyCatalog>>,
        strict: Option<&Bound<'_, PyAny>>,
        guideline_version: Option<&Bound<'_, PyAny>>,
        max_rows: Option<&Bound<'_, PyAny>>,
        max_diagnostics: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let records = py
            .import("lineamientos._frames")?
            .call_method1("records_from_frame", (df,))?;
        Self::from_records(
            py,
            &records,
            catalog,
            strict,
            guideline_version,
            max_rows,
            max_diagnostics,
        )
    }

    /// How the rows were read: counts and every finding.
    #[getter]
    fn import_report(&self) -> PyImportReport {
        self.report.clone()
    }

    /// The guideline-set version axis and guideline codes refer to.
    #[getter]
    fn guideline_version(&self) -> &str {
        self.inner.guideline_version()
    }

    /// Catalogue version and hash and library version.
    #[getter]
    fn pins<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, self.inner.pins())
    }

    fn __len__(&self) -> usize {
        self.inner.len()
    }

    /// Entry ``i`` as a dict, or ``None``.
    fn entry<'py>(&self, py: Python<'py>, i: usize) -> PyResult<Bound<'py, PyAny>> {
        match self.inner.entry(i) {
            Some(e) => to_py(py, &e),
            None => Ok(py.None().into_bound(py)),
        }
    }

    /// Every entry as a dict of the JSON shape, in import order.
    fn entries<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let out = PyList::empty(py);
        for e in self.inner.entries() {
            out.append(to_py(py, &e)?)?;
        }
        Ok(out)
    }

    /// The entries as a ``Table`` (one column per field; dates as dates, lists as lists).
    fn to_table(&self) -> PyTable {
        PyTable::new(Columns::from(self.inner.to_columns()))
    }

    /// The entries as a ``pandas.DataFrame``.
    fn to_pandas<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let table = Bound::new(py, self.to_table())?;
        convert::to_pandas(py, table.as_any(), &table.get().columns)
    }

    /// The entries as a ``polars.DataFrame``.
    fn to_polars<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let table = Bound::new(py, self.to_table())?;
        convert::to_polars(py, table.as_any())
    }

    /// Arrow PyCapsule stream of the entries.
    #[pyo3(signature = (requested_schema=None))]
    fn __arrow_c_stream__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<Bound<'py, PyCapsule>>,
    ) -> PyResult<Bound<'py, PyCapsule>> {
        Columns::from(self.inner.to_columns()).to_stream_capsule(py, requested_schema)
    }

    /// The entries as CSV with headers in ``lang`` (reads back with ``read_csv``); written to
    /// ``path`` when given, else returned.
    #[pyo3(signature = (path=None, *, lang="es"))]
    fn to_csv(
        &self,
        py: Python<'_>,
        path: Option<&Bound<'_, PyAny>>,
        lang: &str,
    ) -> PyResult<Option<String>> {
        let lang = lang_arg(lang)?;
        let m = &self.inner;
        let mut buf = Vec::new();
        py.detach(|| m.write_csv(&mut buf, lang)).py_err()?;
        match path {
            Some(p) => write_file(py, &path_arg(p, "path")?, &buf).map(|()| None),
            None => Ok(Some(String::from_utf8_lossy(&buf).into_owned())),
        }
    }

    /// The entries as an XLSX workbook; written to ``path`` when given, else returned as
    /// ``bytes``.
    #[pyo3(signature = (path=None, *, lang="es"))]
    fn to_excel<'py>(
        &self,
        py: Python<'py>,
        path: Option<&Bound<'_, PyAny>>,
        lang: &str,
    ) -> PyResult<Option<Bound<'py, PyBytes>>> {
        let lang = lang_arg(lang)?;
        let m = &self.inner;
        let mut buf = Vec::new();
        py.detach(|| m.write_xlsx(&mut buf, lang)).py_err()?;
        match path {
            Some(p) => write_file(py, &path_arg(p, "path")?, &buf).map(|()| None),
            None => Ok(Some(PyBytes::new(py, &buf))),
        }
    }

    /// Aggregates the entries. ``rows`` and ``cols`` are dimensions (``"country"``,
    /// ``"axis"``, ``"guideline"``, ``"entry_type"``, ``"status"``, ``"stage"``,
    /// ``"institution"``, ``"period"``, ``"congress_cycle"``; a string or a list), ``measure``
    /// one of ``count``, ``distinct_countries``, ``distinct_institutions``, ``participants``,
    /// ``participants_women`` (``_men``, ``_girls``, ``_boys``, ``_unspecified``),
    /// ``mean_progress``, ``last_progress``,
    /// ``min_progress``, ``max_progress``; ``period`` the unit of the period dimension
    /// (``month``, ``quarter``, ``semester``, ``year``); ``suppress_below`` the disclosure
    /// threshold for counts of people; ``approved_only`` filters to approved entries.
    #[pyo3(signature = (rows=None, cols=None, measure="count", period=None, suppress_below=None, approved_only=false))]
    #[allow(clippy::too_many_arguments)]
    fn pivot(
        &self,
        py: Python<'_>,
        rows: Option<&Bound<'_, PyAny>>,
        cols: Option<&Bound<'_, PyAny>>,
        measure: &str,
        period: Option<&Bound<'_, PyAny>>,
        suppress_below: Option<&Bound<'_, PyAny>>,
        approved_only: bool,
    ) -> PyResult<PyPivotTable> {
        let measure = PyString::new(py, measure);
        let approved = pyo3::types::PyBool::new(py, approved_only)
            .to_owned()
            .into_any();
        let json = options_json(&[
            ("rows", rows),
            ("cols", cols),
            ("measure", Some(measure.as_any())),
            ("period", period),
            ("suppress_below", suppress_below),
            ("approved_only", Some(&approved)),
        ])?;
        let spec = PivotSpec::from_json(&json).py_err()?;
        let m = &self.inner;
        let table = py.detach(|| m.pivot(&spec)).py_err()?;
        Ok(PyPivotTable { inner: table })
    }

    /// Implementation coverage: for each country, the guideline items with an ongoing or
    /// completed entry and the ratio of items covered (a dict).
    fn coverage<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.coverage())
    }

    /// Items with nothing reported, and countries silent since ``since`` (a dict).
    fn gaps<'py>(&self, py: Python<'py>, since: &Bound<'_, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let since = date_arg(since, "since")?;
        to_py(py, &self.inner.gaps(since))
    }

    /// Good practices and success cases on items where other countries report nothing.
    fn replication_candidates<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.replication_candidates())
    }

    /// Entries, participants and mean progress per axis and period (``unit``: ``month``,
    /// ``quarter``, ``semester``, ``year``).
    #[pyo3(signature = (unit="quarter"))]
    fn time_series<'py>(&self, py: Python<'py>, unit: &str) -> PyResult<Bound<'py, PyAny>> {
        let unit: PeriodUnit = serde_json::from_value(serde_json::Value::String(unit.to_owned()))
            .map_err(|_| {
            invalid_value(
                "unit",
                format!("{unit:?} is not one of month, quarter, semester, year"),
            )
        })?;
        to_py(py, &self.inner.time_series(unit))
    }

    fn __repr__(&self) -> String {
        format!(
            "<Matrix {} entries ({} row(s) read, {} rejected), guidelines {}>",
            self.inner.len(),
            self.report.inner.rows_read,
            self.report.inner.rejected,
            self.inner.guideline_version()
        )
    }
}

/// An aggregated table: row and column keys, non-empty cells (suppressed ones flagged),
/// totals per row and column and a grand total. ``to_pandas()`` gives the long (tidy) form
/// (one row per non-empty cell); ``to_wide()`` the cross table.
#[pyclass(name = "PivotTable", module = "lineamientos._core", frozen)]
pub(crate) struct PyPivotTable {
    inner: PivotTable,
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

    /// The cross table as HTML: labels in Spanish, suppressed cells shown as ``*``.
    fn _repr_html_(&self) -> String {
        let t = &self.inner;
        let fmt = |v: Option<f64>| {
            v.map(|x| {
                if x.fract() == 0.0 && x.abs() < 1e15 {
                    format!("{x:.0}")
                } else {
                    format!("{x:.2}")
                }
            })
            .unwrap_or_default()
        };
        let mut out = String::from("<table class=\"lineamientos-pivot\"><thead><tr>");
        for d in &t.row_dims {
            out.push_str(&format!("<th>{}</th>", html_escape(d.label(Lang::Es))));
        }
        for k in &t.cols {
            let label: Vec<&str> = k.iter().map(|p| p.label(Lang::Es)).collect();
            let label = if label.is_empty() {
                t.measure.code().to_owned()
            } else {
                label.join(" / ")
            };
            out.push_str(&format!("<th>{}</th>", html_escape(&label)));
        }
        out.push_str("<th>Total</th></tr></thead><tbody>");
        for (r, key) in t.rows.iter().enumerate() {
            out.push_str("<tr>");
            for p in key {
                out.push_str(&format!("<th>{}</th>", html_escape(p.label(Lang::Es))));
            }
            for c in 0..t.cols.len() {
                let text = match t.cell(r, c) {
                    Some(cell) if cell.suppressed => "*".to_owned(),
                    Some(cell) => fmt(cell.value),
                    None => String::new(),
                };
                out.push_str(&format!("<td>{}</td>", html_escape(&text)));
            }
            out.push_str(&format!(
                "<td><b>{}</b></td></tr>",
                fmt(t.row_totals.get(r).and_then(|x| x.value))
            ));
        }
        out.push_str("<tr>");
        if !t.row_dims.is_empty() {
            out.push_str("<th>Total</th>");
            for _ in 1..t.row_dims.len() {
                out.push_str("<th></th>");
            }
        }
        for tot in &t.col_totals {
            out.push_str(&format!("<td><b>{}</b></td>", fmt(tot.value)));
        }
        out.push_str(&format!(
            "<td><b>{}</b></td></tr></tbody></table>",
            fmt(t.grand_total.value)
        ));
        out
    }
}
