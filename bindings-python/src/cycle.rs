//! `Cycle` and `CycleReview`: one congress cycle and its review. Conversion only: core
//! reads the documents and options, reviews, and lays out the tables.

use crate::catalog::PyCatalog;
use crate::convert::{self, options_value, path_arg, py_to_json, read_file, text_arg, to_py};
use crate::errors::IntoPyResult;
use crate::focal::PyFocalDirectory;
use crate::matrix::PyMatrix;
use crate::plan::PyWorkPlan;
use crate::report::PyReport;
use crate::table::PyTable;
use crate::workflow::PyGeneralPlan;
use lineamientos::cycle::ReviewTable;
use lineamientos::{Approval, Cycle, CycleReview, ReviewOptions};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict};

/// An approval argument: an ``Approval``, a dict or JSON text.
pub(crate) fn approval_arg(obj: &Bound<'_, PyAny>) -> PyResult<Approval> {
    if let Ok(a) = obj.cast::<crate::workflow::PyApproval>() {
        return Ok(a.borrow().inner.clone());
    }
    if obj.is_instance_of::<PyDict>() {
        return Approval::from_value(py_to_json(obj, "approval")?).py_err();
    }
    Approval::from_json(&text_arg(obj, "approval")?).py_err()
}

/// One congress cycle: its working tables, their plans and approval records, the events
/// (webinars, trainings, sessions, with attendance as counts) and the agreements. Records
/// with gaps load; ``review()`` reports every gap with its path.
///
/// >>> import datetime, lineamientos as lm
/// >>> cycle = lm.Cycle.from_dict({"congress": "V", "tables": [{"id": "mesa-x"}],
/// ...     "agreements": [{"id": "ac-1", "text": {"es": "Compartir protocolos"},
/// ...                     "agreed_on": "2024-11-20", "due": "2025-03-31", "responsible": ["GTM"]}]})
/// >>> cycle.congress
/// 5
/// >>> review = cycle.review(lm.Catalog.embedded(), as_of=datetime.date(2025, 6, 1))
/// >>> sorted(review.report.codes())
/// ['agreement_overdue', 'agreement_without_follow_up', 'table_without_axis']
/// >>> review.agreements[0]["days_overdue"]
/// 62
#[pyclass(name = "Cycle", module = "lineamientos._core", frozen)]
pub(crate) struct PyCycle {
    inner: Cycle,
}

#[pymethods]
impl PyCycle {
    /// Reads a cycle from JSON (``str`` or ``bytes``): malformed JSON or a wrong type raises
    /// ``InvalidJsonError`` with ``line``, ``column`` and ``path``.
    #[staticmethod]
    fn from_json(text: &Bound<'_, PyAny>) -> PyResult<Self> {
        let text = text_arg(text, "text")?;
        Cycle::from_json(&text)
            .map(|inner| PyCycle { inner })
            .py_err()
    }

    /// Builds a cycle from a dict of the JSON shape.
    #[staticmethod]
    fn from_dict(data: &Bound<'_, PyAny>) -> PyResult<Self> {
        if !data.is_instance_of::<PyDict>() {
            return Err(pyo3::exceptions::PyTypeError::new_err(format!(
                "from_dict() needs a dict, not {}",
                data.get_type().name()?
            )));
        }
        Cycle::from_value(py_to_json(data, "cycle")?)
            .map(|inner| PyCycle { inner })
            .py_err()
    }

    /// Reads a cycle from a JSON file (``str`` or ``os.PathLike``).
    #[staticmethod]
    fn read_json(py: Python<'_>, path: &Bound<'_, PyAny>) -> PyResult<Self> {
        let path = path_arg(path, "path")?;
        let bytes = read_file(py, &path)?;
        Self::from_json(PyBytes::new(py, &bytes).as_any())
    }

    /// The congress edition (``None`` when missing).
    #[getter]
    fn congress(&self) -> Option<u32> {
        self.inner.congress
    }

    /// The working tables, as dicts (``id``, ``axis``, ``title``).
    #[getter]
    fn tables<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.tables)
    }

    /// The plans.
    #[getter]
    fn plans(&self) -> Vec<PyWorkPlan> {
        self.inner
            .plans
            .iter()
            .cloned()
            .map(|inner| PyWorkPlan { inner })
            .collect()
    }

    /// The events, as dicts.
    #[getter]
    fn events<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.events)
    }

    /// The agreements, as dicts.
    #[getter]
    fn agreements<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.agreements)
    }

    /// Reviews the cycle against the tracking ``matrix`` (its entries reported in the
    /// cycle's period) and the ``focal_points`` directory, both optional. Options: ``as_of``
    /// (required), ``rules``, ``behind_target_margin`` (20 points), ``follow_up_interval_days``
    /// (180), ``confirm_focal_points`` (``False``), ``confirm_interval_days`` (365), the
    /// other validation options, and ``rulesets`` (rule files, run once over every scope of
    /// the cycle and over the matrix's entries at ``/matrix/{i}``; their counts are in
    /// ``review.report.outcomes``).
    #[pyo3(signature = (catalog, matrix=None, focal_points=None, **options))]
    fn review(
        &self,
        py: Python<'_>,
        catalog: &Bound<'_, PyCatalog>,
        matrix: Option<&Bound<'_, PyMatrix>>,
        focal_points: Option<&Bound<'_, PyFocalDirectory>>,
        options: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<PyCycleReview> {
        let (options, rulesets) = crate::workflow::split_rulesets(options)?;
        let mut options =
            ReviewOptions::from_value(&options_value(&[], options.as_ref())?).py_err()?;
        options.rules = crate::workflow::attach_rulesets(options.rules, rulesets)?;
        let cat = &catalog.get().inner;
        let matrix = matrix.map(|m| m.get());
        let focal = focal_points.map(|f| f.get());
        let cycle = &self.inner;
        let review = py.detach(|| {
            cycle.review(
                cat,
                matrix.map(|m| &m.inner),
                focal.map(|f| &f.inner),
                &options,
            )
        });
        Ok(PyCycleReview { inner: review })
    }

    /// The systematization report of the cycle: the review, the matrix figures of the
    /// period, the per-axis sections and the priority actions, with disclosure control on
    /// every count of people (``suppress_below``, default 5). Options: those of ``review()``
    /// plus ``suppress_below``. ``to_html(lang)`` / ``to_markdown(lang)`` render it; in a
    /// notebook it shows itself.
    #[pyo3(signature = (catalog, matrix=None, focal_points=None, **options))]
    fn systematize(
        &self,
        py: Python<'_>,
        catalog: &Bound<'_, PyCatalog>,
        matrix: Option<&Bound<'_, PyMatrix>>,
        focal_points: Option<&Bound<'_, PyFocalDirectory>>,
        options: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<PySystematization> {
        let (options, rulesets) = crate::workflow::split_rulesets(options)?;
        let mut options =
            lineamientos::SystematizeOptions::from_value(&options_value(&[], options.as_ref())?)
                .py_err()?;
        options.review.rules = crate::workflow::attach_rulesets(options.review.rules, rulesets)?;
        let cat = &catalog.get().inner;
        let matrix = matrix.map(|m| m.get());
        let focal = focal_points.map(|f| f.get());
        let cycle = &self.inner;
        let report = py
            .detach(|| {
                cycle.systematize(
                    cat,
                    matrix.map(|m| &m.inner),
                    focal.map(|f| &f.inner),
                    &options,
                )
            })
            .py_err()?;
        Ok(PySystematization { inner: report })
    }

    /// The cycle as a dict (the JSON shape).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner)
    }

    /// The cycle as pretty JSON.
    fn to_json(&self) -> PyResult<String> {
        self.inner.to_json().py_err()
    }

    fn __repr__(&self) -> String {
        format!(
            "<Cycle congress={} tables={} plans={} events={} agreements={}>",
            self.inner
                .congress
                .map_or_else(|| "?".to_owned(), lineamientos::roman_numeral),
            self.inner.tables.len(),
            self.inner.plans.len(),
            self.inner.events.len(),
            self.inner.agreements.len()
        )
    }
}

/// The review of a cycle: every finding (``report``), the approved ``general_plan``, and the
/// follow-up tables (``activities``, ``tables``, ``axes``, ``agreements``, ``events``) as
/// lists of dicts, or as a ``Table`` / pandas / polars frame with ``table(name)``,
/// ``to_pandas(name)``, ``to_polars(name)``.
#[pyclass(name = "CycleReview", module = "lineamientos._core", frozen)]
pub(crate) struct PyCycleReview {
    inner: CycleReview,
}

impl PyCycleReview {
    fn table_of(&self, name: &Bound<'_, PyAny>) -> PyResult<PyTable> {
        let which: ReviewTable = convert::arg(name, "table")?;
        Ok(PyTable::new(self.inner.columns(which).into()))
    }
}

#[pymethods]
impl PyCycleReview {
    /// The congress edition.
    #[getter]
    fn congress(&self) -> Option<u32> {
        self.inner.congress
    }

    /// The reporting period used: ``{"start": ..., "end": ...}`` (ISO dates or ``None``).
    #[getter]
    fn period<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.period)
    }

    /// Every finding of the cycle.
    #[getter]
    fn report(&self) -> PyReport {
        self.inner.report.clone().into()
    }

    /// The general plan of the approved plans.
    #[getter]
    fn general_plan(&self) -> PyGeneralPlan {
        PyGeneralPlan {
            inner: self.inner.general_plan.clone(),
        }
    }

    /// The findings of the merge into the general plan (``plan_not_approved``, overlaps,
    /// near-duplicates, axes not covered).
    #[getter]
    fn general_report(&self) -> PyReport {
        self.inner.general_report.clone().into()
    }

    /// One dict per planned activity (``state``: done, behind, reported, not_reported,
    /// planned).
    #[getter]
    fn activities<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.activities)
    }

    /// One dict per working table.
    #[getter]
    fn tables<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.tables)
    }

    /// One dict per axis with a table or a plan.
    #[getter]
    fn axes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.axes)
    }

    /// One dict per agreement.
    #[getter]
    fn agreements<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.agreements)
    }

    /// One dict per event, with attendance totals.
    #[getter]
    fn events<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.events)
    }

    /// The priority thematic areas agreed at preparatory webinars.
    #[getter]
    fn priority_areas(&self) -> Vec<String> {
        self.inner.priority_areas.clone()
    }

    /// Matrix entries of the cycle's period.
    #[getter]
    fn entries(&self) -> usize {
        self.inner.entries
    }

    /// Institutions whose focal points attendance confirmed (``confirm_focal_points=True``).
    #[getter]
    fn confirmed<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.confirmed)
    }

    /// What produced it (catalogue version and hash, library version).
    #[getter]
    fn pins<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.pins)
    }

    /// One of the tables (``"activities"``, ``"tables"``, ``"axes"``, ``"agreements"``,
    /// ``"events"``) as a ``Table`` (Arrow PyCapsule stream).
    fn table(&self, name: &Bound<'_, PyAny>) -> PyResult<PyTable> {
        self.table_of(name)
    }

    /// One of the tables as a ``pandas.DataFrame``.
    fn to_pandas<'py>(
        &self,
        py: Python<'py>,
        name: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let table = Bound::new(py, self.table_of(name)?)?;
        convert::to_pandas(py, table.as_any(), &table.get().columns)
    }

    /// One of the tables as a ``polars.DataFrame``.
    fn to_polars<'py>(
        &self,
        py: Python<'py>,
        name: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let table = Bound::new(py, self.table_of(name)?)?;
        convert::to_polars(py, table.as_any())
    }

    /// The review as a dict (the JSON shape).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner)
    }

    /// The review as pretty JSON.
    fn to_json(&self) -> PyResult<String> {
        serde_json::to_string_pretty(&self.inner)
            .map_err(|e| crate::convert::internal(&e.to_string()))
    }

    fn __repr__(&self) -> String {
        let s = self.inner.report.summary();
        format!(
            "<CycleReview congress={} activities={} agreements={} errors={} warnings={}>",
            self.inner
                .congress
                .map_or_else(|| "?".to_owned(), lineamientos::roman_numeral),
            self.inner.activities.len(),
            self.inner.agreements.len(),
            s.errors,
            s.warnings
        )
    }
}

/// The systematization report of a congress cycle (``Cycle.systematize``): figures, one
/// section per axis, priority actions (each with the rule and the figures it rests on), the
/// protected participants table and the entries heatmap. ``illustrative`` lists what is
/// fictitious (``guidelines``, ``data``); renderings then carry a banner.
#[pyclass(name = "Systematization", module = "lineamientos._core", frozen)]
pub(crate) struct PySystematization {
    inner: lineamientos::Systematization,
}

#[pymethods]
impl PySystematization {
    /// What is illustrative: ``"guidelines"`` and/or ``"data"`` (empty: nothing).
    #[getter]
    fn illustrative(&self) -> Vec<String> {
        self.inner.illustrative.clone()
    }

    /// The cycle in figures (dict).
    #[getter]
    fn figures<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.figures)
    }

    /// Priority actions: dicts with ``rule``, ``axis``, ``text`` (``es``/``en``), ``figures``.
    #[getter]
    fn actions<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.actions)
    }

    /// One dict per axis section.
    #[getter]
    fn axes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.axes)
    }

    /// What it was computed from (catalogue, guidelines, rules, cycle and matrix hashes).
    #[getter]
    fn pins<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.pins)
    }

    /// Entries by country and axis.
    #[getter]
    fn heatmap(&self) -> crate::matrix::PyPivotTable {
        crate::matrix::PyPivotTable {
            inner: self.inner.heatmap.clone(),
        }
    }

    /// Women participants by country and axis, with disclosure control.
    #[getter]
    fn participants(&self) -> crate::matrix::PyPivotTable {
        crate::matrix::PyPivotTable {
            inner: self.inner.participants.clone(),
        }
    }

    /// The review the report rests on.
    #[getter]
    fn review(&self) -> PyCycleReview {
        PyCycleReview {
            inner: self.inner.review.clone(),
        }
    }

    /// The report as one self-contained HTML page.
    #[pyo3(signature = (lang="es"))]
    fn to_html(&self, lang: &str) -> PyResult<String> {
        Ok(self.inner.to_html(convert::lang_arg(lang)?))
    }

    /// The report as Markdown.
    #[pyo3(signature = (lang="es"))]
    fn to_markdown(&self, lang: &str) -> PyResult<String> {
        Ok(self.inner.to_markdown(convert::lang_arg(lang)?))
    }

    fn _repr_html_(&self) -> String {
        self.inner.to_html(lineamientos::Lang::Es)
    }

    /// The report as a dict (every figure, for other tools).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner)
    }

    fn __repr__(&self) -> String {
        format!(
            "<Systematization congress={} actions={} illustrative={:?}>",
            self.inner
                .congress
                .map_or_else(|| "?".to_owned(), lineamientos::roman_numeral),
            self.inner.actions.len(),
            self.inner.illustrative
        )
    }
}
