//! `WorkPlan`: a working table's plan, as loaded (tolerant: gaps are reported by validation).

use crate::convert::{path_arg, py_to_json, read_file, text_arg, to_py};
use crate::errors::IntoPyResult;
use lineamientos::WorkPlan;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyList};

/// A working table's work plan. Required fields may be missing: validation reports every
/// gap with its path instead of the loader stopping at the first.
///
/// >>> import lineamientos as lm
/// >>> plan = lm.WorkPlan.from_dict({"id": "plan-vcm-2024", "axis": "VCM",
/// ...     "period": {"start": "2024-01-01", "end": "2024-12-31"},
/// ...     "activities": [{"id": "a1", "title": "Webinar", "kind": "webinar",
/// ...                     "start": "2024-03-05", "end": "2024-03-05", "lead": "MEX"}]})
/// >>> plan.id, plan.axis, len(plan)
/// ('plan-vcm-2024', 'VCM', 1)
/// >>> plan.activities[0]["lead"]
/// 'MEX'
#[pyclass(name = "WorkPlan", module = "lineamientos._core", frozen, eq)]
#[derive(Clone, PartialEq)]
pub(crate) struct PyWorkPlan {
    pub(crate) inner: WorkPlan,
}

/// A plan argument: a ``WorkPlan``, a dict or JSON text.
pub(crate) fn plan_arg(obj: &Bound<'_, PyAny>) -> PyResult<WorkPlan> {
    if let Ok(p) = obj.cast::<PyWorkPlan>() {
        return Ok(p.get().inner.clone());
    }
    if obj.is_instance_of::<pyo3::types::PyDict>() {
        return PyWorkPlan::from_dict(obj).map(|p| p.inner);
    }
    let text = text_arg(obj, "plan")?;
    WorkPlan::from_json(&text).py_err()
}

#[pymethods]
impl PyWorkPlan {
    /// Parses a plan from JSON (``str`` or ``bytes``). Malformed JSON or a wrong type raises
    /// ``InvalidJsonError`` with ``line`` and ``column``.
    ///
    /// >>> import lineamientos as lm
    /// >>> try:
    /// ...     lm.WorkPlan.from_json('{"activities": [{"start": "2024-02-30"}]}')
    /// ... except lm.InvalidJsonError as e:
    /// ...     print(e.code)
    /// invalid_json
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<Self> {
        let text = text_arg(text, "text")?;
        let inner = py.detach(|| WorkPlan::from_json(&text)).py_err()?;
        Ok(PyWorkPlan { inner })
    }

    /// Builds a plan from a dict of the JSON shape (dates as ``datetime.date`` or ISO text).
    #[staticmethod]
    fn from_dict(data: &Bound<'_, PyAny>) -> PyResult<Self> {
        if !data.is_instance_of::<pyo3::types::PyDict>() {
            return Err(pyo3::exceptions::PyTypeError::new_err(format!(
                "from_dict() needs a dict, not {}",
                data.get_type().name()?
            )));
        }
        // Straight into core's document reader: a bad value is named by its JSON Pointer.
        let value = py_to_json(data, "plan")?;
        WorkPlan::from_value(value)
            .map(|inner| PyWorkPlan { inner })
            .py_err()
    }

    /// Reads a plan from a JSON file (``str`` or ``os.PathLike``).
    #[staticmethod]
    fn read_json(py: Python<'_>, path: &Bound<'_, PyAny>) -> PyResult<Self> {
        let path = path_arg(path, "path")?;
        let bytes = read_file(py, &path)?;
        Self::from_json(py, PyBytes::new(py, &bytes).as_any())
    }

    /// Identifier.
    #[getter]
    fn id(&self) -> Option<&str> {
        self.inner.id.as_deref()
    }

    /// Title.
    #[getter]
    fn title(&self) -> Option<&str> {
        self.inner.title.as_deref()
    }

    /// The working group (mesa) that owns the plan.
    #[getter]
    fn working_group(&self) -> Option<&str> {
        self.inner.working_group.as_deref()
    }

    /// The thematic axis.
    #[getter]
    fn axis(&self) -> Option<&str> {
        self.inner.axis.as_deref()
    }

    /// The guideline-set version the plan refers to.
    #[getter]
    fn guideline_version(&self) -> Option<&str> {
        self.inner.guideline_version.as_deref()
    }

    /// The plan period as ``(start, end)`` dates (``None`` where missing).
    #[getter]
    fn period(&self) -> (Option<chrono::NaiveDate>, Option<chrono::NaiveDate>) {
        (self.inner.period.start, self.inner.period.end)
    }

    /// ``sha256:`` and the hex SHA-256 of the plan's canonical JSON (the approval workflow
    /// compares it to tell "changed since approval").
    #[getter]
    fn content_hash(&self) -> PyResult<String> {
        self.inner.content_hash().py_err()
    }

    /// The activities, as dicts of the JSON shape.
    #[getter]
    fn activities<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let out = PyList::empty(py);
        for a in &self.inner.activities {
            out.append(to_py(py, a)?)?;
        }
        Ok(out)
    }

    fn __len__(&self) -> usize {
        self.inner.activities.len()
    }

    /// The plan as a dict (the JSON shape).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner)
    }

    /// The plan as pretty JSON.
    fn to_json(&self) -> PyResult<String> {
        self.inner.to_json().py_err()
    }

    fn __repr__(&self) -> String {
        format!(
            "<WorkPlan id={:?} axis={:?} {} activit{}>",
            self.inner.id.as_deref().unwrap_or(""),
            self.inner.axis.as_deref().unwrap_or(""),
            self.inner.activities.len(),
            if self.inner.activities.len() == 1 {
                "y"
            } else {
                "ies"
            }
        )
    }
}
