//! `Matrix` (the tracking matrix), its `ImportReport`, `PivotTable` and the analyses.

mod import_report;
mod pivot_partial;
mod pivot_table;

pub(crate) use import_report::PyImportReport;
pub(crate) use pivot_partial::PyPivotPartial;
pub(crate) use pivot_table::PyPivotTable;

use crate::catalog::PyCatalog;
use crate::convert::{
    self, Columns, Source, lang_arg, lang_opt, options_value, path_arg, py_to_json, to_py,
    write_file,
};
use crate::errors::IntoPyResult;
use crate::report::PyDiagnostic;
use crate::report::diagnostic_columns;
use crate::table::{PyTable, html_table};
use lineamientos::args;
use lineamientos::pivot::PivotTable;
use lineamientos::{
    Catalog, Entry, ImportOptions, ImportReport, Lang, Matrix, PeriodUnit, PivotSpec,
};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyCapsule, PyDict, PyList, PyString};

/// The most rows a batch, read by core (`None`: its default).
pub(crate) fn batch_rows(max_rows: Option<&Bound<'_, PyAny>>) -> PyResult<args::BatchRows> {
    let value = match max_rows {
        Some(v) => py_to_json(v, "max_rows")?,
        None => serde_json::Value::Null,
    };
    args::arg_or("max_rows", &value, args::BatchRows::DEFAULT).py_err()
}

fn catalog_or_embedded(catalog: Option<&Bound<'_, PyCatalog>>) -> Catalog {
    catalog.map_or_else(Catalog::embedded, |c| c.get().inner.clone())
}

/// Import options from the keyword arguments, read by core (`max_diagnostics=None` is "no
/// cap", an absent one the default cap).
fn import_options(
    positional: &[(&str, Option<&Bound<'_, PyAny>>)],
    kwargs: Option<&Bound<'_, PyDict>>,
) -> PyResult<ImportOptions> {
    args::arg("options", &options_value(positional, kwargs)?).py_err()
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
    pub(crate) inner: Matrix,
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
    /// or Windows-1252; Spanish or English headers). ``source`` is a path, ``bytes`` or a
    /// binary file-like object. Row-level problems never raise: they are in
    /// ``import_report``. Options (keywords): ``strict``, ``guideline_version``,
    /// ``delimiter``, ``max_rows``, ``max_bytes``, ``max_cell_chars``, ``max_columns``,
    /// ``max_uncompressed_bytes``, ``max_compression_ratio`` (XLSX), ``max_diagnostics``: each
    /// limit has a safe default and ``None`` lifts it. ``threads`` (default ``None``: one
    /// per core; ``1``: serial) never changes the result. The GIL is released meanwhile. A
    /// path is read as the import goes (the file is never held whole in memory); ``bytes``
    /// are read in place, without a copy.
    #[staticmethod]
    #[pyo3(signature = (source, catalog=None, **options))]
    fn read_csv(
        py: Python<'_>,
        source: &Bound<'_, PyAny>,
        catalog: Option<&Bound<'_, PyCatalog>>,
        options: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Self> {
        let options = import_options(&[], options)?;
        let source = Source::of(source, "source")?;
        let cat = catalog_or_embedded(catalog);
        source
            .stream(py, |input| Matrix::read_csv(input, &cat, &options))
            .map(Self::wrap)
    }

    /// Imports one worksheet (``sheet``, default the first) of a workbook, with the rules
    /// and options of ``read_csv``. Reads ``.xlsx``, ``.xlsm``, ``.xlsb``, ``.xls`` (Excel
    /// 97-2003) and ``.ods`` (LibreOffice), told apart by the bytes, not the name.
    ///
    /// >>> import lineamientos as lm
    /// >>> m = lm.Matrix.read_csv("País;Institución;Fecha;Tipo;Título;Estado;Avance\n"
    /// ...                        "MX;INMUJERES;2024-05-02;Evento;Foro;En curso;45%\n".encode())
    /// >>> back = lm.Matrix.read_excel(m.to_excel())   # a path, bytes or a binary file
    /// >>> back.import_report.accepted, back.entry(0)["progress"]
    /// (1, 45.0)
    #[staticmethod]
    #[pyo3(signature = (source, sheet=None, catalog=None, **options))]
    fn read_excel(
        py: Python<'_>,
        source: &Bound<'_, PyAny>,
        sheet: Option<&Bound<'_, PyAny>>,
        catalog: Option<&Bound<'_, PyCatalog>>,
        options: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Self> {
        let options = import_options(&[("sheet", sheet)], options)?;
        let source = Source::of(source, "source")?;
        let cat = catalog_or_embedded(catalog);
        source
            .whole(py, |bytes| {
                Matrix::read_xlsx(std::io::Cursor::new(bytes), &cat, &options)
            })
            .map(Self::wrap)
    }

    /// Imports a table given as an Arrow stream: any object with ``__arrow_c_stream__`` (a
    /// ``pyarrow.Table`` or ``RecordBatchReader``, a dataset scanner's reader, a
    /// ``polars.DataFrame``), read batch by batch (never as Python objects). The column
    /// names are the header; the findings, row numbers (header row 1, data from 2) and
    /// limits are those of ``read_csv`` on the same table written as CSV. Text columns are
    /// read as is; integers, floats, decimals, booleans, dates and timestamps without a time
    /// zone as the CSV import reads their text (``120.0`` as ``120``, a timestamp as its
    /// day); nulls and NaN are empty cells; dictionary columns by their values. Any other
    /// column type (lists, structs, binary, timestamps with a time zone) raises
    /// ``InvalidValueError`` naming the column, before any row is read. Options as for
    /// ``read_csv`` (``delimiter``, ``threads`` and the XLSX limits do not apply). The GIL
    /// is released while batches are read.
    ///
    /// >>> import lineamientos as lm, pyarrow as pa, datetime
    /// >>> t = pa.table({"País": ["México", "Guatemla"], "Institución": ["INMUJERES", "SEPREM"],
    /// ...     "Fecha de reporte": [datetime.date(2024, 5, 2), datetime.date(2024, 5, 3)],
    /// ...     "Tipo de registro": ["Evento", "Avance"], "Título": ["Foro", "Diplomado"],
    /// ...     "Estado": ["En curso", "Completado"], "Mujeres": [12.0, None]})
    /// >>> m = lm.Matrix.from_arrow(t)
    /// >>> r = m.import_report
    /// >>> (r.rows_read, r.accepted, r.rejected)
    /// (2, 1, 1)
    /// >>> [(d.code, d.row, d.column) for d in r.diagnostics]
    /// [('unknown_code', 3, 'País')]
    /// >>> m.entry(0)["participants"]["women"]
    /// 12
    #[staticmethod]
    #[pyo3(signature = (data, catalog=None, **options))]
    fn from_arrow(
        py: Python<'_>,
        data: &Bound<'_, PyAny>,
        catalog: Option<&Bound<'_, PyCatalog>>,
        options: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Self> {
        let options = import_options(&[], options)?;
        let cat = catalog_or_embedded(catalog);
        let imp = lineamientos::MatrixImport::new(&cat, &options).py_err()?;
        crate::arrow_in::import(py, data, imp).map(Self::wrap)
    }

    /// Builds a matrix from dicts of the entry JSON shape (``id``, ``country``,
    /// ``institution``, ``reported_on``, ``entry_type``, ``title``, ``status``, ...), validated
    /// like imported rows; findings name the record by its position (``row``, path
    /// ``/{i}/{field}``). Options as for ``read_csv``.
    #[staticmethod]
    #[pyo3(signature = (records, catalog=None, **options))]
    fn from_records(
        py: Python<'_>,
        records: &Bound<'_, PyAny>,
        catalog: Option<&Bound<'_, PyCatalog>>,
        options: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Self> {
        if records.is_instance_of::<PyString>() || records.is_instance_of::<PyDict>() {
            return Err(pyo3::exceptions::PyTypeError::new_err(
                "records must be a list of dicts",
            ));
        }
        let options = import_options(&[], options)?;
        let mut items = Vec::new();
        for r in records.try_iter()? {
            items.push(py_to_json(&r?, "records")?);
        }
        let entries: Vec<Entry> =
            lineamientos::document::from_value(serde_json::Value::Array(items)).py_err()?;
        let cat = catalog_or_embedded(catalog);
        py.detach(|| Matrix::from_entries_with(entries, &cat, &options))
            .map(Self::wrap)
            .py_err()
    }

    /// Builds a matrix from a ``pandas.DataFrame`` whose columns are entry fields (the shape
    /// ``to_pandas()`` gives); missing values (NaN, NaT, None) are left out. For a frame
    /// with a partner's headers and labels, use ``read_csv(df.to_csv(index=False).encode())``.
    #[staticmethod]
    #[pyo3(signature = (df, catalog=None, **options))]
    fn from_pandas(
        py: Python<'_>,
        df: &Bound<'_, PyAny>,
        catalog: Option<&Bound<'_, PyCatalog>>,
        options: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Self> {
        let records = py
            .import("lineamientos._frames")?
            .call_method1("records_from_frame", (df,))?;
        Self::from_records(py, &records, catalog, options)
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
        let _pause = convert::GcPause::new(py)?;
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

    /// The entries as a ``Table`` whose Arrow stream (``__arrow_c_stream__``) hands them out
    /// in batches of at most ``max_rows`` rows (default 65 536), for consumers that read a
    /// stream batch by batch (``pyarrow.RecordBatchReader.from_stream``, a writer of
    /// Parquet files).
    ///
    /// >>> import lineamientos as lm, pyarrow as pa
    /// >>> rows = "".join(f"M{i},México,INMUJERES,2024-05-02,Evento,Foro,En curso\n" for i in range(25))
    /// >>> m = lm.Matrix.read_csv(("ID,País,Institución,Fecha,Tipo,Título,Estado\n" + rows).encode())
    /// >>> reader = pa.RecordBatchReader.from_stream(m.to_arrow_batches(max_rows=10))
    /// >>> [b.num_rows for b in reader]
    /// [10, 10, 5]
    #[pyo3(signature = (max_rows=None))]
    fn to_arrow_batches(&self, max_rows: Option<&Bound<'_, PyAny>>) -> PyResult<PyTable> {
        let rows = batch_rows(max_rows)?;
        Ok(PyTable::batched(
            Columns::from(self.inner.to_columns()),
            rows,
        ))
    }

    /// The entries as CSV with headers in ``lang`` (reads back with ``read_csv``); written to
    /// ``path`` when given, else returned.
    #[pyo3(signature = (path=None, *, lang=None))]
    fn to_csv(
        &self,
        py: Python<'_>,
        path: Option<&Bound<'_, PyAny>>,
        lang: Option<&str>,
    ) -> PyResult<Option<String>> {
        let lang = lang_opt(lang)?;
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
    #[pyo3(signature = (path=None, *, lang=None))]
    fn to_excel<'py>(
        &self,
        py: Python<'py>,
        path: Option<&Bound<'_, PyAny>>,
        lang: Option<&str>,
    ) -> PyResult<Option<Bound<'py, PyBytes>>> {
        let lang = lang_opt(lang)?;
        let m = &self.inner;
        let mut buf = Vec::new();
        py.detach(|| m.write_xlsx(&mut buf, lang)).py_err()?;
        match path {
            Some(p) => write_file(py, &path_arg(p, "path")?, &buf).map(|()| None),
            None => Ok(Some(PyBytes::new(py, &buf))),
        }
    }
    /// Checks the entries against rule files (``RuleSet`` or a list of them) and returns a
    /// ``Report``: their findings (paths ``/entries/{i}``), the matrix's pins plus each
    /// file's (``pins["rulesets"]``) and each rule's counts (``report.outcomes``: pass, fail,
    /// not applicable). Options are those of ``validate_plan``: ``as_of`` (required: the
    /// report date) and ``rules`` (``{"<ruleset>.<name>": "off" | "error" | ...}``).
    ///
    /// >>> import lineamientos as lm
    /// >>> m = lm.Matrix.read_csv(b"Entry id,Country,Reporting institution,Reported on,"
    /// ...     b"Entry type,Title,Status,Women\nE1,Guatemala,SEPREM,2024-05-02,Good practice,"
    /// ...     b"Workshop,Ongoing,\n")
    /// >>> rs = lm.RuleSet.from_dict({"ruleset": "demo", "version": "1", "rules": [
    /// ...     {"code": "demo.women", "kind": "field", "scope": "entry",
    /// ...      "field": "participants.women", "constraints": {"required": True},
    /// ...      "message": {"es": "{id}: sin mujeres", "en": "{id}: no women"}}]})
    /// >>> report = m.check(rs, as_of="2024-06-01")
    /// >>> [(d.code, d.path, d.message("en")) for d in report.diagnostics]
    /// [('demo.women', '/entries/0', 'E1: no women')]
    /// >>> report.outcomes
    /// [{'code': 'demo.women', 'fail': 1, 'not_applicable': 0, 'pass': 0}]
    #[pyo3(signature = (rulesets, **options))]
    fn check(
        &self,
        py: Python<'_>,
        rulesets: &Bound<'_, PyAny>,
        options: Option<&Bound<'_, pyo3::types::PyDict>>,
    ) -> PyResult<crate::report::PyReport> {
        let rulesets = crate::ruleset::rulesets_arg(rulesets)?;
        let mut cfg = crate::workflow::rule_config(options)?;
        for rs in rulesets {
            cfg = cfg.with_ruleset(rs).py_err()?;
        }
        let m = &self.inner;
        Ok(py.detach(|| m.check(&cfg)).into())
    }

    /// Aggregates the entries. ``rows`` and ``cols`` are dimensions (``"country"``,
    /// ``"axis"``, ``"guideline"``, ``"entry_type"``, ``"status"``, ``"stage"``,
    /// ``"institution"``, ``"period"``, ``"congress_cycle"``; a string or a list). Keywords:
    /// ``measure`` (``count``, ``distinct_countries``, ``distinct_institutions``,
    /// ``participants``, ``participants_women`` (``_men``, ``_girls``, ``_boys``,
    /// ``_unspecified``), ``mean_progress``, ``last_progress``, ``min_progress``,
    /// ``max_progress``), ``period`` (the unit of the period dimension: ``month``,
    /// ``quarter``, ``semester``, ``year``), ``suppress_below`` (the disclosure threshold
    /// for counts of people), ``approved_only``. Core reads and checks them all, with the
    /// defaults it documents.
    #[pyo3(signature = (rows=None, cols=None, **spec))]
    fn pivot(
        &self,
        py: Python<'_>,
        rows: Option<&Bound<'_, PyAny>>,
        cols: Option<&Bound<'_, PyAny>>,
        spec: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<PyPivotTable> {
        let value = options_value(&[("rows", rows), ("cols", cols)], spec)?;
        let spec: PivotSpec = args::arg("spec", &value).py_err()?;
        let m = &self.inner;
        let table = py.detach(|| m.pivot(&spec)).py_err()?;
        Ok(PyPivotTable { inner: table })
    }

    /// A partial pivot of these entries, to merge with other matrices' partials (one per
    /// file or worker) and ``finish()`` into the table of all their entries (see
    /// ``PivotPartial``). Same arguments as ``pivot``, read and checked the same way; the
    /// disclosure control is applied by ``finish()``, after the merge.
    ///
    /// >>> import lineamientos as lm
    /// >>> m = lm.Matrix.read_csv(b"Pais;Institucion;Fecha;Tipo;Titulo;Estado;Eje\nMX;A;2024-01-02;Evento;t;En curso;VCM\n")
    /// >>> p = m.pivot_partial("country", "axis", measure="count")
    /// >>> p.spec["rows"], p.entries
    /// (['country'], 1)
    /// >>> p.finish().to_dict() == m.pivot("country", "axis").to_dict()
    /// True
    #[pyo3(signature = (rows=None, cols=None, **spec))]
    fn pivot_partial(
        &self,
        py: Python<'_>,
        rows: Option<&Bound<'_, PyAny>>,
        cols: Option<&Bound<'_, PyAny>>,
        spec: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<PyPivotPartial> {
        let value = options_value(&[("rows", rows), ("cols", cols)], spec)?;
        let spec: PivotSpec = args::arg("spec", &value).py_err()?;
        let m = &self.inner;
        let inner = py.detach(|| m.pivot_partial(&spec)).py_err()?;
        Ok(PyPivotPartial { inner })
    }

    /// Implementation coverage: for each country, the guideline items with an ongoing or
    /// completed entry and the ratio of items covered (a dict).
    fn coverage<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.coverage())
    }

    /// Items with nothing reported, and countries silent since ``since`` (a dict).
    fn gaps<'py>(&self, py: Python<'py>, since: &Bound<'_, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let since = convert::arg(since, "since")?;
        to_py(py, &self.inner.gaps(since))
    }

    /// Good practices and success cases on items where other countries report nothing.
    fn replication_candidates<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.replication_candidates())
    }

    /// Entries, participants and mean progress per axis and period (``unit``: ``month``,
    /// ``quarter``, ``semester``, ``year``; ``None``: core's default, quarter).
    #[pyo3(signature = (unit=None))]
    fn time_series<'py>(
        &self,
        py: Python<'py>,
        unit: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        // None: core's default unit, decided in core.
        let value = match unit {
            Some(u) => py_to_json(u, "unit")?,
            None => serde_json::Value::Null,
        };
        let unit = args::arg_or("unit", &value, PeriodUnit::DEFAULT_SERIES).py_err()?;
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
