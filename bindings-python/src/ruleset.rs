//! `RuleSet`: a partner agency's rule file (JSON or YAML), compiled by core.

use crate::convert::{path_arg, py_to_json, read_file, text_arg, to_py, utf8_text};
use crate::errors::IntoPyResult;
use lineamientos::ruleset::RuleSet;
use pyo3::prelude::*;
use std::sync::Arc;

/// A rule file: an agency's own checks (``docs/rules.md``), read, type-checked and its
/// embedded tests run. Pass it to ``Catalog.validate_plan(plan, rulesets=[rs])`` or
/// ``Matrix.check(rs)``. A file with a mistake raises ``InvalidRuleError`` with ``path`` (the
/// JSON Pointer of the rule field) and ``column`` (inside an expression).
///
/// >>> import lineamientos as lm
/// >>> rs = lm.RuleSet.from_yaml('''
/// ... ruleset: demo
/// ... version: "1.0"
/// ... rules:
/// ...   - code: demo.titled
/// ...     kind: field
/// ...     scope: activity
/// ...     field: title
/// ...     constraints: {required: true}
/// ...     message: {es: "actividad sin título", en: "activity without a title"}
/// ... ''')
/// >>> rs.id, rs.version, rs.codes
/// ('demo', '1.0', ['demo.titled'])
/// >>> try:
/// ...     lm.RuleSet.from_json('{"ruleset": "demo", "version": "1", "rules": [{"code": "demo.x",'
/// ...         ' "kind": "assert", "scope": "entry", "check": "participants.womn > 0",'
/// ...         ' "message": {"es": "x", "en": "x"}}]}')
/// ... except lm.InvalidRuleError as e:
/// ...     print(e.code, e.path, e.column, e.suggestion)
/// invalid_rule /rules/0/check 14 women
#[pyclass(name = "RuleSet", module = "lineamientos._core", frozen)]
pub(crate) struct PyRuleSet {
    pub(crate) inner: Arc<RuleSet>,
}

impl From<RuleSet> for PyRuleSet {
    fn from(rs: RuleSet) -> Self {
        PyRuleSet {
            inner: Arc::new(rs),
        }
    }
}

/// A ``rulesets`` argument: one ``RuleSet`` or a list of them.
pub(crate) fn rulesets_arg(obj: &Bound<'_, PyAny>) -> PyResult<Vec<Arc<RuleSet>>> {
    if let Ok(rs) = obj.cast::<PyRuleSet>() {
        return Ok(vec![rs.get().inner.clone()]);
    }
    let not_rulesets = || {
        pyo3::exceptions::PyTypeError::new_err(
            "rulesets must be a RuleSet or a list of RuleSet (lm.RuleSet.read(path))",
        )
    };
    if obj.is_instance_of::<pyo3::types::PyString>() || obj.is_instance_of::<pyo3::types::PyDict>()
    {
        return Err(not_rulesets());
    }
    obj.try_iter()
        .map_err(|_| not_rulesets())?
        .map(|item| {
            let item = item?;
            item.cast::<PyRuleSet>()
                .map(|rs| rs.get().inner.clone())
                .map_err(|_| not_rulesets())
        })
        .collect()
}

#[pymethods]
impl PyRuleSet {
    /// Reads a rule file from JSON text (``str`` or ``bytes``).
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<Self> {
        let text = text_arg(text, "text")?;
        Ok(py.detach(|| RuleSet::from_json(&text)).py_err()?.into())
    }

    /// Reads a rule file from YAML text (YAML 1.2; converted to the JSON shape, then read as
    /// ``from_json`` reads it). Aliases, tags and duplicate keys are refused
    /// (``InvalidFileError``).
    #[staticmethod]
    fn from_yaml(py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<Self> {
        let text = text_arg(text, "text")?;
        let rs = py.detach(|| crate::yaml::to_json(&text).and_then(RuleSet::from_value));
        Ok(rs.py_err()?.into())
    }

    /// Builds a rule file from a dict of its JSON shape.
    #[staticmethod]
    fn from_dict(data: &Bound<'_, PyAny>) -> PyResult<Self> {
        let value = py_to_json(data, "data")?;
        Ok(RuleSet::from_value(value).py_err()?.into())
    }

    /// Reads a rule file: YAML when the name ends in ``.yaml`` or ``.yml``, JSON otherwise.
    #[staticmethod]
    fn read(py: Python<'_>, path: &Bound<'_, PyAny>) -> PyResult<Self> {
        let path = path_arg(path, "path")?;
        let bytes = read_file(py, &path)?;
        let text = utf8_text(&bytes, "path")?;
        let yaml = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"));
        let rs = py.detach(|| {
            if yaml {
                crate::yaml::to_json(&text).and_then(RuleSet::from_value)
            } else {
                RuleSet::from_json(&text)
            }
        });
        Ok(rs.py_err()?.into())
    }

    /// The ruleset id (the namespace of its codes).
    #[getter]
    fn id(&self) -> String {
        self.inner.pin().id
    }

    /// The ruleset's own version.
    #[getter]
    fn version(&self) -> String {
        self.inner.pin().version
    }

    /// ``sha256:`` + hex of the file's canonical JSON: what reports pin.
    #[getter]
    fn hash(&self) -> String {
        self.inner.pin().hash
    }

    /// The rule codes, in file order.
    #[getter]
    fn codes(&self) -> Vec<String> {
        self.inner.codes().map(str::to_owned).collect()
    }

    /// ``{"id", "version", "hash"}``, as ``Report.pins["rulesets"]`` lists it.
    #[getter]
    fn pin<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.pin())
    }

    /// The rule file as read (its JSON shape).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, self.inner.file())
    }

    fn __repr__(&self) -> String {
        let pin = self.inner.pin();
        format!(
            "<RuleSet {} {} ({} rules)>",
            pin.id,
            pin.version,
            self.inner.codes().count()
        )
    }
}

/// YAML text as the JSON text of the same document (YAML 1.2 core schema; integers and
/// decimals stay apart), as ``RuleSet.from_yaml`` reads it: the same conversion as the JS
/// package's ``yamlToJson`` (``lineamientos-wasm/yaml``).
///
/// >>> import lineamientos as lm
/// >>> lm.yaml_to_json("a: 1\nb: 1.0\nc: '1'\nd: [yes, ~]\n")
/// '{"a":1,"b":1.0,"c":"1","d":["yes",null]}'
#[pyfunction]
pub(crate) fn yaml_to_json(py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<String> {
    let text = text_arg(text, "text")?;
    let value = py.detach(|| crate::yaml::to_json(&text)).py_err()?;
    serde_json::to_string(&value)
        .map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))
}
