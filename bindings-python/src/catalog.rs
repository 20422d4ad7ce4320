//! `Catalog`: the reference data (countries, organisations, frameworks, congresses,
//! guideline sets) with lookups. Records cross as plain dicts of the JSON shape.

use crate::convert::{lang_arg, path_arg, read_file, text_arg, to_py};
use crate::errors::IntoPyResult;
use crate::plan::{PyWorkPlan, plan_arg};
use crate::report::PyReport;
use crate::workflow::{PyGeneralPlan, plans_arg, rule_config};
use lineamientos::{Catalog, Congress, GuidelineSet};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

/// All reference data in one value: code lists, guideline sets, congresses, presidencies,
/// with a ``version`` and a content ``hash`` that every report pins.
///
/// >>> import lineamientos as lm
/// >>> cat = lm.Catalog.embedded()
/// >>> len(cat.members())
/// 11
/// >>> cat.parse_country("México")["iso3"]
/// 'MEX'
/// >>> cat.hash.startswith("sha256:")
/// True
#[pyclass(name = "Catalog", module = "lineamientos._core", frozen)]
#[derive(Clone)]
pub(crate) struct PyCatalog {
    pub(crate) inner: Catalog,
}

impl PyCatalog {
    fn set(&self, version: Option<&str>) -> PyResult<&GuidelineSet> {
        match version {
            Some(v) => self.inner.guideline_set(v).py_err(),
            None => self
                .inner
                .current_guideline_set()
                .ok_or_else(|| {
                    lineamientos::Error::invalid_value(
                        "version",
                        None,
                        "a guideline-set version (the catalogue has no current set)",
                    )
                })
                .py_err(),
        }
    }

    /// The version to use: the given one or the current set's.
    pub(crate) fn version_or_current(&self, version: Option<&str>) -> PyResult<String> {
        Ok(self.set(version)?.version.clone())
    }
}

pub(crate) fn list<'py, T: serde::Serialize>(
    py: Python<'py>,
    items: impl IntoIterator<Item = T>,
) -> PyResult<Bound<'py, PyList>> {
    let out = PyList::empty(py);
    for item in items {
        out.append(to_py(py, &item)?)?;
    }
    Ok(out)
}

pub(crate) fn opt<'py, T: serde::Serialize>(
    py: Python<'py>,
    item: Option<T>,
) -> PyResult<Bound<'py, PyAny>> {
    match item {
        Some(v) => to_py(py, &v),
        None => Ok(py.None().into_bound(py)),
    }
}

/// A congress as a dict, with its Roman-numeral ``label`` and its ``title_es`` / ``title_en``.
fn congress<'py>(py: Python<'py>, c: &Congress) -> PyResult<Bound<'py, PyAny>> {
    // Core's view: the same fields as JavaScript's congresses().
    to_py(py, &c.view())
}

#[pymethods]
impl PyCatalog {
    /// The default reference data embedded in the library (the guideline sets in it are
    /// illustrative: load an agency's official catalogue with ``from_json``).
    #[staticmethod]
    fn embedded() -> Self {
        PyCatalog {
            inner: Catalog::embedded(),
        }
    }

    /// Loads a catalogue from JSON text (``str`` or ``bytes``). Malformed JSON raises
    /// ``InvalidJsonError`` (with ``line`` and ``column``); an inconsistent catalogue raises
    /// ``InvalidCatalogError`` whose ``diagnostics`` list every problem.
    ///
    /// >>> import lineamientos as lm
    /// >>> try:
    /// ...     lm.Catalog.from_json('{"version": 1}')
    /// ... except lm.InvalidJsonError as e:
    /// ...     print(e.code, e.line)
    /// invalid_json 1
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<Self> {
        let text = text_arg(text, "text")?;
        let inner = py.detach(|| Catalog::from_json(&text)).py_err()?;
        Ok(PyCatalog { inner })
    }

    /// Loads a catalogue from a JSON file.
    #[staticmethod]
    fn read_json(py: Python<'_>, path: &Bound<'_, PyAny>) -> PyResult<Self> {
        let path = path_arg(path, "path")?;
        let bytes = read_file(py, &path)?;
        let text = text_arg(pyo3::types::PyBytes::new(py, &bytes).as_any(), "file")?;
        let inner = py.detach(|| Catalog::from_json(&text)).py_err()?;
        Ok(PyCatalog { inner })
    }

    /// The catalogue's version label.
    #[getter]
    fn version(&self) -> &str {
        self.inner.version()
    }

    /// ``sha256:`` and the hex SHA-256 of the content.
    #[getter]
    fn hash(&self) -> &str {
        self.inner.hash()
    }

    /// The title in ``lang``.
    #[pyo3(signature = (lang="es"))]
    fn title(&self, lang: &str) -> PyResult<String> {
        Ok(self.inner.data().title.get(lang_arg(lang)?).to_owned())
    }

    /// Version, hash and library version, as every report records them.
    #[getter]
    fn pins<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.pins())
    }

    /// The whole catalogue as pretty JSON (loadable with ``from_json``).
    fn to_json(&self) -> PyResult<String> {
        self.inner.to_json().py_err()
    }

    /// The whole catalogue as a dict (the JSON shape).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, self.inner.data())
    }

    // ---- countries and organisations

    /// Every country (members, observers, others), as dicts.
    fn countries<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        list(py, self.inner.countries())
    }

    /// The 11 member states (in the embedded catalogue).
    fn members<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        list(py, self.inner.members())
    }

    /// The observer countries.
    fn observer_countries<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        list(py, self.inner.observer_countries())
    }

    /// The country with this ISO alpha-3 code, or ``None``.
    fn country<'py>(&self, py: Python<'py>, iso3: &str) -> PyResult<Bound<'py, PyAny>> {
        opt(py, self.inner.country(iso3))
    }

    /// Resolves a country written as ISO2, ISO3, Spanish or English name, ignoring case and
    /// accents. Unknown values raise ``UnknownCodeError`` with a ``suggestion``.
    ///
    /// >>> import lineamientos as lm
    /// >>> cat = lm.Catalog.embedded()
    /// >>> cat.parse_country("rep. dominicana")["iso3"]
    /// 'DOM'
    /// >>> try:
    /// ...     cat.parse_country("Guatemla")
    /// ... except lm.UnknownCodeError as e:
    /// ...     print(e.code, e.suggestion)
    /// unknown_code GTM
    fn parse_country<'py>(&self, py: Python<'py>, value: &str) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, self.inner.parse_country(value).py_err()?)
    }

    /// Every organisation, as dicts with their ``kind`` (``observer``, ``partner``,
    /// ``regional_body``, ``treaty_body``, ``civil_society``).
    ///
    /// >>> import lineamientos as lm
    /// >>> [(o["code"], o["kind"]) for o in lm.Catalog.embedded().organizations()][13:]
    /// [('UN-WOMEN', 'partner'), ('OAS', 'regional_body'), ('OCAM', 'regional_body'), ('CEDAW', 'treaty_body')]
    fn organizations<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        list(py, self.inner.organizations())
    }

    /// The organisation with this code (exact), or ``None``.
    fn organization<'py>(&self, py: Python<'py>, code: &str) -> PyResult<Bound<'py, PyAny>> {
        crate::institutions::organization(py, &self.inner, code)
    }

    // ---- national institutions and conflicts (institutions.rs)

    /// Every national institution (women's mechanisms, migration authorities), as dicts:
    /// ``code``, ``country``, ``sector``, ``name``, ``acronym``, ``aliases``, ``notes``,
    /// ``source``.
    fn institutions<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        crate::institutions::institutions(py, &self.inner)
    }

    /// The national institution with this code (exact, e.g. ``"GTM-SEPREM"``), or ``None``.
    fn institution<'py>(&self, py: Python<'py>, code: &str) -> PyResult<Bound<'py, PyAny>> {
        crate::institutions::institution(py, &self.inner, code)
    }

    /// Resolves an institution as partners write it (code, acronym, name or alias, any case
    /// or accents) to ``{"value", "status", "code", "candidates", "suggestion"}``; ``status`` is
    /// ``institution``, ``organization``, ``ambiguous`` (a spelling of several countries
    /// without ``country``) or ``unknown`` (never guessed; ``suggestion`` when close). An
    /// unknown ``country`` raises ``UnknownCodeError``.
    ///
    /// >>> import lineamientos as lm
    /// >>> cat = lm.Catalog.embedded()
    /// >>> cat.lookup_institution("Secretaría Presidencial de la Mujer", country="GT")["code"]
    /// 'GTM-SEPREM'
    /// >>> r = cat.lookup_institution("INAMU")
    /// >>> r["status"], r["candidates"]
    /// ('ambiguous', ['CRI-INAMU', 'PAN-INAMU'])
    /// >>> cat.lookup_institution("ONU-Mujeres")["code"]
    /// 'UN-WOMEN'
    #[pyo3(signature = (value, country=None))]
    fn lookup_institution<'py>(
        &self,
        py: Python<'py>,
        value: &str,
        country: Option<&str>,
    ) -> PyResult<Bound<'py, PyAny>> {
        crate::institutions::lookup(py, &self.inner, value, country)
    }

    /// Where the sources of the catalogue disagree: dicts with ``subject``, ``title``,
    /// ``path`` (the catalogue value concerned), ``claims`` (``source``, ``value``), ``used``
    /// and ``reason``.
    ///
    /// >>> import lineamientos as lm
    /// >>> c = lm.Catalog.embedded().conflicts()[0]
    /// >>> c["subject"], c["used"], [k["value"] for k in c["claims"]]
    /// ('guidelines_approval_year', '2017', ['2017', '2017', '2018'])
    fn conflicts<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        crate::institutions::conflicts(py, &self.inner)
    }

    /// Resolves an organisation by code, name or alias (``"OIM"`` gives IOM).
    fn parse_organization<'py>(&self, py: Python<'py>, value: &str) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, self.inner.parse_organization(value).py_err()?)
    }

    /// Resolves a plan participant or lead to a country's ISO3 or an organisation's code.
    fn parse_participant(&self, value: &str) -> PyResult<String> {
        self.inner.parse_participant(value).py_err()
    }

    // ---- frameworks

    /// The GCM objectives, as dicts.
    fn gcm_objectives<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        list(py, self.inner.gcm_objectives())
    }

    /// GCM objective ``number``, or ``None``.
    fn gcm_objective<'py>(&self, py: Python<'py>, number: u8) -> PyResult<Bound<'py, PyAny>> {
        opt(py, self.inner.gcm_objective(number))
    }

    /// Resolves a GCM objective written as ``7``, ``"Objetivo 7"``, ``"GCM 7"``.
    fn parse_gcm_objective<'py>(
        &self,
        py: Python<'py>,
        value: &Bound<'_, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let value = value.str()?.to_cow()?.into_owned();
        to_py(py, self.inner.parse_gcm_objective(&value).py_err()?)
    }

    /// The GCM guiding principles, as dicts.
    fn gcm_principles<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        list(py, self.inner.gcm_principles())
    }

    /// Resolves a GCM guiding principle by key or name.
    fn parse_gcm_principle<'py>(
        &self,
        py: Python<'py>,
        value: &str,
    ) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, self.inner.parse_gcm_principle(value).py_err()?)
    }

    /// The SDGs, as dicts.
    fn sdgs<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        list(py, self.inner.sdgs())
    }

    /// SDG ``number``, or ``None``.
    fn sdg<'py>(&self, py: Python<'py>, number: u8) -> PyResult<Bound<'py, PyAny>> {
        opt(py, self.inner.sdg(number))
    }

    /// Resolves an SDG written as ``5``, ``"ODS 5"``, ``"SDG5"``.
    fn parse_sdg<'py>(
        &self,
        py: Python<'py>,
        value: &Bound<'_, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let value = value.str()?.to_cow()?.into_owned();
        to_py(py, self.inner.parse_sdg(&value).py_err()?)
    }

    // ---- congresses and presidencies

    /// The congress editions, as dicts with ``label`` (Roman numeral), ``title_es`` and
    /// ``title_en`` added.
    ///
    /// >>> import lineamientos as lm
    /// >>> [c["label"] for c in lm.Catalog.embedded().congresses()][:3]
    /// ['I', 'II', 'III']
    fn congresses<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let out = PyList::empty(py);
        for c in self.inner.congresses() {
            out.append(congress(py, c)?)?;
        }
        Ok(out)
    }

    /// Congress ``edition`` (1 = I), or ``None``.
    fn congress<'py>(&self, py: Python<'py>, edition: u16) -> PyResult<Bound<'py, PyAny>> {
        match self.inner.congress(edition) {
            Some(c) => congress(py, c),
            None => Ok(py.None().into_bound(py)),
        }
    }

    /// The Pro-Tempore Presidencies, as dicts.
    fn presidencies<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        list(py, self.inner.presidencies())
    }

    /// The Pro-Tempore Presidency of ``year``, or ``None``.
    fn presidency<'py>(&self, py: Python<'py>, year: i32) -> PyResult<Bound<'py, PyAny>> {
        opt(py, self.inner.presidency(year))
    }

    // ---- guidelines

    /// The guideline sets' versions, oldest first.
    fn guideline_versions(&self) -> Vec<String> {
        self.inner
            .guideline_sets()
            .iter()
            .map(|s| s.version.clone())
            .collect()
    }

    /// Every guideline set, as dicts.
    fn guideline_sets<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        list(py, self.inner.guideline_sets())
    }

    /// The guideline set of ``version`` (default: the current one), as a dict.
    #[pyo3(signature = (version=None))]
    fn guideline_set<'py>(
        &self,
        py: Python<'py>,
        version: Option<&str>,
    ) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, self.set(version)?)
    }

    /// The thematic axes of ``version`` (default: the current set), as dicts.
    #[pyo3(signature = (version=None))]
    fn axes<'py>(&self, py: Python<'py>, version: Option<&str>) -> PyResult<Bound<'py, PyList>> {
        list(py, &self.set(version)?.axes)
    }

    /// The guideline items of ``version`` (default: the current set), retired ones included;
    /// with ``axis``, only the items of that axis that are in force.
    #[pyo3(signature = (version=None, axis=None))]
    fn guidelines<'py>(
        &self,
        py: Python<'py>,
        version: Option<&str>,
        axis: Option<&str>,
    ) -> PyResult<Bound<'py, PyList>> {
        let set = self.set(version)?;
        match axis {
            None => list(py, &set.guidelines),
            Some(a) => list(py, set.active_in_axis(a)),
        }
    }

    /// Resolves an axis of ``version`` (default: current) by code or es/en name.
    #[pyo3(signature = (value, version=None))]
    fn parse_axis<'py>(
        &self,
        py: Python<'py>,
        value: &str,
        version: Option<&str>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let v = self.version_or_current(version)?;
        to_py(py, self.inner.parse_axis(&v, value).py_err()?)
    }

    /// Resolves a guideline item of ``version`` (default: current) by code, ignoring case and
    /// separators (``"vcm 2"`` gives ``VCM-2``). Retired items resolve too (see ``retired``).
    #[pyo3(signature = (value, version=None))]
    fn parse_guideline<'py>(
        &self,
        py: Python<'py>,
        value: &str,
        version: Option<&str>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let v = self.version_or_current(version)?;
        to_py(py, self.inner.parse_guideline(&v, value).py_err()?)
    }

    /// The crosswalk from version ``source`` to ``target`` as a dict, or ``None``.
    fn crosswalk<'py>(
        &self,
        py: Python<'py>,
        source: &str,
        target: &str,
    ) -> PyResult<Bound<'py, PyAny>> {
        opt(py, self.inner.crosswalk(source, target))
    }

    // ---- plans (see workflow.rs for the helpers)
    /// Validates a work plan (``WorkPlan``, dict or JSON text) against this catalogue and
    /// returns a ``Report`` with every finding. ``as_of`` is "today" (a ``datetime.date`` or
    /// ``"YYYY-MM-DD"``); ``rules`` maps rule codes to ``"off"``, ``"error"``, ``"warning"``
    /// or ``"info"``; ``max_event_days`` (default 5) and ``review_interval_days`` (730) are
    /// the thresholds.
    ///
    /// >>> import datetime, lineamientos as lm
    /// >>> cat = lm.Catalog.embedded()
    /// >>> plan = {"id": "p1", "working_group": "mesa-vcm", "axis": "VCM",
    /// ...         "guideline_version": "2023",
    /// ...         "period": {"start": "2024-01-01", "end": "2024-12-31"},
    /// ...         "activities": [{"id": "a1", "title": "Taller", "kind": "training",
    /// ...             "start": "2024-05-10", "end": "2024-05-02", "lead": "MEX",
    /// ...             "guidelines": ["VCM-1"]}]}
    /// >>> report = cat.validate_plan(plan, as_of=datetime.date(2024, 6, 1))
    /// >>> report.ok, [(d.code, d.path) for d in report.diagnostics]
    /// (False, [('end_before_start', '/activities/0/end'), ('no_indicator', '/activities/0/indicators')])
    /// >>> cat.validate_plan(plan, as_of="2024-06-01", rules={"no_indicator": "off"}).summary
    /// {'errors': 1, 'infos': 0, 'warnings': 0}
    #[pyo3(signature = (plan, **options))]
    fn validate_plan(
        &self,
        py: Python<'_>,
        plan: &Bound<'_, PyAny>,
        options: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<PyReport> {
        let plan = plan_arg(plan)?;
        let cfg = rule_config(options)?;
        let cat = &self.inner;
        Ok(py.detach(|| cat.validate_plan(&plan, &cfg)).into())
    }

    /// Validates several plans; one ``Report`` per plan, in order.
    #[pyo3(signature = (plans, **options))]
    fn validate_plans(
        &self,
        py: Python<'_>,
        plans: &Bound<'_, PyAny>,
        options: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Vec<PyReport>> {
        let plans = plans_arg(plans)?;
        let cfg = rule_config(options)?;
        let cat = &self.inner;
        let reports = py.detach(|| cat.validate_plans(&plans, &cfg));
        Ok(reports.into_iter().map(Into::into).collect())
    }

    /// Merges plans into the general work plan; returns ``(GeneralPlan, Report)``. The report
    /// has each plan's findings (paths ``/plans/{i}/...``), cross-plan duplicates, schedule
    /// overlaps and ``axis_not_covered`` for axes without any activity. ``approvals``
    /// (``Approval`` records, dicts or JSON texts, matched to plans by ``plan_id``) are
    /// recorded in ``GeneralPlan.sources``; with ``approved_only=True`` only plans approved
    /// and unchanged since are merged, the others get ``plan_not_approved``.
    #[pyo3(signature = (plans, approvals=None, **options))]
    fn merge_plans(
        &self,
        py: Python<'_>,
        plans: &Bound<'_, PyAny>,
        approvals: Option<&Bound<'_, PyAny>>,
        options: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<(PyGeneralPlan, PyReport)> {
        let plans = plans_arg(plans)?;
        let approvals: Vec<lineamientos::Approval> = match approvals {
            None => Vec::new(),
            Some(list) => list
                .try_iter()?
                .map(|a| crate::cycle::approval_arg(&a?))
                .collect::<PyResult<_>>()?,
        };
        let (options, rulesets) = crate::workflow::split_rulesets(options)?;
        let mut options = lineamientos::MergeOptions::from_value(&crate::convert::options_value(
            &[],
            options.as_ref(),
        )?)
        .py_err()?;
        options.rules = crate::workflow::attach_rulesets(options.rules, rulesets)?;
        let cat = &self.inner;
        let (general, report) = py.detach(|| cat.merge_plans_with(&plans, &approvals, &options));
        Ok((PyGeneralPlan { inner: general }, report.into()))
    }

    /// Guideline items of ``version`` (default: current) not reviewed within
    /// ``review_interval_days`` before ``as_of`` (``review_due``), and emerging challenges no
    /// item addresses (``challenge_not_addressed``).
    #[pyo3(signature = (version=None, **options))]
    fn review_guidelines(
        &self,
        py: Python<'_>,
        version: Option<&str>,
        options: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<PyReport> {
        let v = self.version_or_current(version)?;
        let cfg = rule_config(options)?;
        let cat = &self.inner;
        py.detach(|| cat.review_guidelines(&v, &cfg))
            .map(Into::into)
            .py_err()
    }

    /// The emerging challenges that no item of ``version`` (default: current) addresses.
    #[pyo3(signature = (version=None))]
    fn unaddressed_challenges(&self, version: Option<&str>) -> PyResult<Vec<&'static str>> {
        let v = self.version_or_current(version)?;
        Ok(self
            .inner
            .unaddressed_challenges(&v)
            .py_err()?
            .into_iter()
            .map(|c| c.code())
            .collect())
    }

    /// The codes in version ``target`` of item ``code`` of version ``source`` (through a chain
    /// of crosswalks), or ``None`` when it cannot be mapped.
    ///
    /// >>> import lineamientos as lm
    /// >>> lm.Catalog.embedded().map_guideline("2017", "2023", "dat 3")
    /// ['DAT-4']
    fn map_guideline(&self, source: &str, target: &str, code: &str) -> Option<Vec<String>> {
        self.inner.map_guideline(source, target, code)
    }

    /// The plan with its guideline refs moved to version ``target``; returns
    /// ``(WorkPlan, Report)`` (refs that could not be mapped are reported).
    fn crosswalk_plan(
        &self,
        plan: &Bound<'_, PyAny>,
        target: &str,
    ) -> PyResult<(PyWorkPlan, PyReport)> {
        let plan = plan_arg(plan)?;
        let (moved, report) = self.inner.crosswalk_plan(&plan, target).py_err()?;
        Ok((PyWorkPlan { inner: moved }, report.into()))
    }

    fn __repr__(&self) -> String {
        format!(
            "<Catalog version={:?} {} countries, {} guideline set(s), hash={}>",
            self.inner.version(),
            self.inner.countries().len(),
            self.inner.guideline_sets().len(),
            self.inner.hash().get(..19).unwrap_or_default()
        )
    }
}
