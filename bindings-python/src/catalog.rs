//! `Catalog`: the reference data (countries, organisations, frameworks, congresses,
//! guideline sets) with lookups. Records cross as plain dicts of the JSON shape.

use crate::convert::{lang_arg, path_arg, read_file, text_arg, to_py};
use crate::errors::IntoPyResult;
use lineamientos::{Catalog, Congress, GuidelineSet, Lang};
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
                .ok_or_else(|| lineamientos::Error::InvalidValue {
                    field: "version".into(),
                    reason: "the catalogue has no guideline set".into(),
                })
                .py_err(),
        }
    }

    /// The version to use: the given one or the current set's.
    pub(crate) fn version_or_current(&self, version: Option<&str>) -> PyResult<String> {
        Ok(self.set(version)?.version.clone())
    }
}

fn list<'py, T: serde::Serialize>(
    py: Python<'py>,
    items: impl IntoIterator<Item = T>,
) -> PyResult<Bound<'py, PyList>> {
    let out = PyList::empty(py);
    for item in items {
        out.append(to_py(py, &item)?)?;
    }
    Ok(out)
}

fn opt<'py, T: serde::Serialize>(py: Python<'py>, item: Option<T>) -> PyResult<Bound<'py, PyAny>> {
    match item {
        Some(v) => to_py(py, &v),
        None => Ok(py.None().into_bound(py)),
    }
}

/// A congress as a dict, with its Roman-numeral ``label`` and its ``title_es`` / ``title_en``.
fn congress<'py>(py: Python<'py>, c: &Congress) -> PyResult<Bound<'py, PyAny>> {
    let d = to_py(py, c)?;
    let dict = d.cast::<PyDict>()?;
    dict.set_item("label", c.label())?;
    dict.set_item("title_es", c.title(Lang::Es))?;
    dict.set_item("title_en", c.title(Lang::En))?;
    Ok(d)
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
    fn to_json(&self) -> String {
        self.inner.to_json()
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

    /// Every observer organisation, as dicts.
    fn organizations<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        list(py, self.inner.organizations())
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
