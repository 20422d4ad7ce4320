//! Plan validation, merge into the general plan, guideline review, crosswalks and the
//! approval workflow: thin wrappers over the core, options passed to it as JSON.

use crate::catalog::PyCatalog;
use crate::convert::{self, options_value, text_arg, to_py};
use crate::errors::IntoPyResult;
use crate::plan::{PyWorkPlan, plan_arg};
use crate::report::PyReport;
use lineamientos::ruleset::RuleSet;
use lineamientos::{
    Approval, ApprovalAction, Catalog, GeneralPlan, RuleConfig, Step, When, WorkPlan,
};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use std::sync::Arc;

/// The rule configuration from the keyword options, read by core (``as_of`` required: the
/// library never reads the clock).
pub(crate) fn rule_config(options: Option<&Bound<'_, PyDict>>) -> PyResult<RuleConfig> {
    let (options, rulesets) = split_rulesets(options)?;
    let cfg = RuleConfig::from_value(&options_value(&[], options.as_ref())?).py_err()?;
    attach_rulesets(cfg, rulesets)
}

/// Call options without ``rulesets``, and the rule files it named.
type SplitOptions<'py> = (Option<Bound<'py, PyDict>>, Vec<Arc<RuleSet>>);

/// The ``rulesets`` keyword taken out of call options: rule files are objects, not JSON, and
/// are attached after core has read the other options.
pub(crate) fn split_rulesets<'py>(
    options: Option<&Bound<'py, PyDict>>,
) -> PyResult<SplitOptions<'py>> {
    match options {
        Some(o) if o.contains("rulesets")? => {
            let o = o.copy()?;
            let rulesets = match o.get_item("rulesets")?.filter(|r| !r.is_none()) {
                Some(r) => crate::ruleset::rulesets_arg(&r)?,
                None => Vec::new(),
            };
            o.del_item("rulesets")?;
            Ok((Some(o), rulesets))
        }
        other => Ok((other.cloned(), Vec::new())),
    }
}

/// `cfg` with the rule files attached, in order.
pub(crate) fn attach_rulesets(
    mut cfg: RuleConfig,
    rulesets: Vec<Arc<RuleSet>>,
) -> PyResult<RuleConfig> {
    for rs in rulesets {
        cfg = cfg.with_ruleset(rs).py_err()?;
    }
    Ok(cfg)
}

/// A list of plans from any iterable of ``WorkPlan``, dicts or JSON texts.
pub(crate) fn plans_arg(obj: &Bound<'_, PyAny>) -> PyResult<Vec<WorkPlan>> {
    if obj.is_instance_of::<pyo3::types::PyString>() || obj.is_instance_of::<pyo3::types::PyDict>()
    {
        return Err(pyo3::exceptions::PyTypeError::new_err(
            "plans must be a list of plans (WorkPlan, dict or JSON text)",
        ));
    }
    obj.try_iter()?.map(|p| plan_arg(&p?)).collect()
}

/// The general work plan: the merged plans and the coverage of the guidelines.
#[pyclass(name = "GeneralPlan", module = "lineamientos._core", frozen)]
pub(crate) struct PyGeneralPlan {
    pub(crate) inner: GeneralPlan,
}

#[pymethods]
impl PyGeneralPlan {
    /// The guideline version coverage is measured against.
    #[getter]
    fn guideline_version(&self) -> Option<&str> {
        self.inner.guideline_version.as_deref()
    }

    /// The merged plans, in input order.
    #[getter]
    fn plans(&self) -> Vec<PyWorkPlan> {
        self.inner
            .plans
            .iter()
            .cloned()
            .map(|inner| PyWorkPlan { inner })
            .collect()
    }

    /// One dict per axis: ``axis``, ``name``, ``activities`` and ``guidelines`` (each item
    /// with the activities that refer to it; an empty list is a gap).
    #[getter]
    fn coverage<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.coverage)
    }

    /// The axes without any activity (the gender-mainstreaming gap).
    #[getter]
    fn uncovered_axes(&self) -> Vec<String> {
        self.inner.uncovered_axes.clone()
    }

    /// Which plans it was built from: one dict per plan (``index`` in the list given,
    /// ``plan_id``, ``content_hash``, and ``approval`` with ``state``, ``approved_hash``,
    /// ``approved_at``, ``approved_by`` when a record was given).
    #[getter]
    fn sources<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.sources)
    }

    /// What produced this plan (catalogue version and hash, library version).
    #[getter]
    fn pins<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner.pins)
    }

    /// The coverage dict of ``axis``, or ``None``.
    fn axis_coverage<'py>(&self, py: Python<'py>, axis: &str) -> PyResult<Bound<'py, PyAny>> {
        match self.inner.axis_coverage(axis) {
            Some(c) => to_py(py, c),
            None => Ok(py.None().into_bound(py)),
        }
    }

    /// The number of activities over all plans.
    fn activity_count(&self) -> usize {
        self.inner.activity_count()
    }

    /// The general plan as a dict (the JSON shape).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner)
    }

    /// The general plan as pretty JSON.
    fn to_json(&self) -> PyResult<String> {
        self.inner.to_json().py_err()
    }

    fn __repr__(&self) -> String {
        format!(
            "<GeneralPlan {} plan(s), {} activities, uncovered axes: {}>",
            self.inner.plans.len(),
            self.inner.activity_count(),
            self.inner.uncovered_axes.join(", ")
        )
    }
}

/// The approval record of one plan: ``state``, the content hashes that matter and the audit
/// ``trail``. Actions take the role that acts (``by``: a role, not a person's name), when
/// (``at``: a ``datetime.date``, ``datetime.datetime`` or ISO text; the library never reads
/// the clock) and a comment. A refused action raises ``InvalidTransitionError``,
/// ``ReportHasErrorsError`` (with ``diagnostics``) or ``ContentChangedError`` and leaves the
/// record unchanged.
///
/// >>> import lineamientos as lm
/// >>> plan = lm.WorkPlan.from_dict({"id": "p1", "working_group": "mesa-vcm", "axis": "VCM",
/// ...     "guideline_version": "2023", "period": {"start": "2024-01-01", "end": "2024-12-31"},
/// ...     "activities": [{"id": "a1", "title": "Webinar", "kind": "webinar",
/// ...         "start": "2024-03-05", "end": "2024-03-05", "lead": "MEX",
/// ...         "guidelines": ["VCM-1"], "indicators": [{"name": "Personas", "target": 50}]}]})
/// >>> approval = lm.Approval(plan)
/// >>> try:
/// ...     approval.approve(plan, by="secretaria_tecnica", at="2024-05-02")
/// ... except lm.InvalidTransitionError as e:
/// ...     print(e.code)
/// invalid_transition
/// >>> approval.submit(plan, by="mesa_vcm", at="2024-05-02", comment="primera versión")
/// >>> approval.validate(plan, by="secretaria_tecnica", at="2024-05-03").ok
/// True
/// >>> approval.approve(plan, by="presidencia_pro_tempore", at="2024-05-04")
/// >>> approval.state, [t["action"] for t in approval.trail]
/// ('approved', ['submit', 'validate', 'approve'])
#[pyclass(name = "Approval", module = "lineamientos._core")]
pub(crate) struct PyApproval {
    pub(crate) inner: Approval,
}

fn step(by: &str, at: &Bound<'_, PyAny>, comment: &str) -> PyResult<Step> {
    let when: When = convert::arg(at, "at")?;
    Ok(Step::new(by, when).comment(comment))
}

#[pymethods]
impl PyApproval {
    /// A new record in state ``draft`` for ``plan``.
    #[new]
    fn new(plan: &Bound<'_, PyAny>) -> PyResult<Self> {
        Ok(PyApproval {
            inner: Approval::new(&plan_arg(plan)?),
        })
    }

    /// Reads a record from JSON (as written by ``to_json()``).
    #[staticmethod]
    fn from_json(text: &Bound<'_, PyAny>) -> PyResult<Self> {
        let text = text_arg(text, "text")?;
        Ok(PyApproval {
            inner: Approval::from_json(&text).py_err()?,
        })
    }

    /// The current state (``draft``, ``submitted``, ``validated``, ``approved``,
    /// ``returned_for_changes``, ``withdrawn``).
    #[getter]
    fn state(&self) -> &'static str {
        self.inner.state.code()
    }

    /// The id of the plan this record belongs to.
    #[getter]
    fn plan_id(&self) -> Option<&str> {
        self.inner.plan_id.as_deref()
    }

    /// The plan's content hash when it was last validated.
    #[getter]
    fn validated_hash(&self) -> Option<&str> {
        self.inner.validated_hash.as_deref()
    }

    /// The plan's content hash when it was last approved.
    #[getter]
    fn approved_hash(&self) -> Option<&str> {
        self.inner.approved_hash.as_deref()
    }

    /// The audit trail, oldest first: dicts with action, from, to, by, at, comment,
    /// content_hash.
    #[getter]
    fn trail<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let out = PyList::empty(py);
        for t in &self.inner.trail {
            out.append(to_py(py, t)?)?;
        }
        Ok(out)
    }

    /// Whether the plan was approved and its content changed since.
    fn changed_since_approval(&self, plan: &Bound<'_, PyAny>) -> PyResult<bool> {
        Ok(self.inner.changed_since_approval(&plan_arg(plan)?))
    }

    /// Whether ``plan`` is approved as it is now.
    fn is_approved(&self, plan: &Bound<'_, PyAny>) -> PyResult<bool> {
        Ok(self.inner.is_approved(&plan_arg(plan)?))
    }

    /// Hands the plan in.
    #[pyo3(signature = (plan, *, by, at, comment=""))]
    fn submit(
        &mut self,
        plan: &Bound<'_, PyAny>,
        by: &str,
        at: &Bound<'_, PyAny>,
        comment: &str,
    ) -> PyResult<()> {
        let step = step(by, at, comment)?;
        self.inner.submit(&plan_arg(plan)?, step).py_err()
    }

    /// Validates the plan with ``catalog`` (default: embedded) and moves it to ``validated``
    /// when its report has no error; returns the report. ``as_of`` defaults to the date of
    /// ``at``; ``rules`` and the thresholds as in ``Catalog.validate_plan``.
    #[pyo3(signature = (plan, catalog=None, *, by, at, comment="", **options))]
    #[allow(clippy::too_many_arguments)]
    fn validate(
        &mut self,
        plan: &Bound<'_, PyAny>,
        catalog: Option<&Bound<'_, PyCatalog>>,
        by: &str,
        at: &Bound<'_, PyAny>,
        comment: &str,
        options: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<PyReport> {
        let step = step(by, at, comment)?;
        // Without as_of, core checks the plan as of the step's day.
        let cfg = RuleConfig::from_value_or(&options_value(&[], options)?, step.day()).py_err()?;
        let cat = catalog.map_or_else(Catalog::embedded, |c| c.get().inner.clone());
        let plan = plan_arg(plan)?;
        self.inner
            .validate(&plan, &cat, &cfg, step)
            .map(Into::into)
            .py_err()
    }

    /// Approves a validated plan that has not changed since it was validated.
    #[pyo3(signature = (plan, *, by, at, comment=""))]
    fn approve(
        &mut self,
        plan: &Bound<'_, PyAny>,
        by: &str,
        at: &Bound<'_, PyAny>,
        comment: &str,
    ) -> PyResult<()> {
        let step = step(by, at, comment)?;
        self.inner.approve(&plan_arg(plan)?, step).py_err()
    }

    /// Sends the plan back to its working table.
    #[pyo3(signature = (plan, *, by, at, comment=""))]
    fn return_for_changes(
        &mut self,
        plan: &Bound<'_, PyAny>,
        by: &str,
        at: &Bound<'_, PyAny>,
        comment: &str,
    ) -> PyResult<()> {
        let step = step(by, at, comment)?;
        self.inner
            .return_for_changes(&plan_arg(plan)?, step)
            .py_err()
    }

    /// Withdraws the plan.
    #[pyo3(signature = (plan, *, by, at, comment=""))]
    fn withdraw(
        &mut self,
        plan: &Bound<'_, PyAny>,
        by: &str,
        at: &Bound<'_, PyAny>,
        comment: &str,
    ) -> PyResult<()> {
        let step = step(by, at, comment)?;
        self.inner.withdraw(&plan_arg(plan)?, step).py_err()
    }

    /// Takes a withdrawn plan up again as a draft.
    #[pyo3(signature = (plan, *, by, at, comment=""))]
    fn reopen(
        &mut self,
        plan: &Bound<'_, PyAny>,
        by: &str,
        at: &Bound<'_, PyAny>,
        comment: &str,
    ) -> PyResult<()> {
        let step = step(by, at, comment)?;
        self.inner.reopen(&plan_arg(plan)?, step).py_err()
    }

    /// Performs ``action`` by its code (``"submit"``, ``"validate"``, ``"approve"``,
    /// ``"return_for_changes"``, ``"withdraw"``, ``"reopen"``).
    #[pyo3(signature = (action, plan, catalog=None, *, by, at, comment="", as_of=None))]
    #[allow(clippy::too_many_arguments)]
    fn perform(
        &mut self,
        action: &str,
        plan: &Bound<'_, PyAny>,
        catalog: Option<&Bound<'_, PyCatalog>>,
        by: &str,
        at: &Bound<'_, PyAny>,
        comment: &str,
        as_of: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        let action = ApprovalAction::parse(action).py_err()?;
        let step = step(by, at, comment)?;
        let cfg = RuleConfig::from_value_or(&options_value(&[("as_of", as_of)], None)?, step.day())
            .py_err()?;
        let cat = catalog.map_or_else(Catalog::embedded, |c| c.get().inner.clone());
        self.inner
            .perform(action, &plan_arg(plan)?, &cat, &cfg, step)
            .py_err()
    }

    /// The record as a dict (the JSON shape).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.inner)
    }

    /// The record as pretty JSON.
    fn to_json(&self) -> PyResult<String> {
        self.inner.to_json().py_err()
    }

    fn __repr__(&self) -> String {
        format!(
            "<Approval plan={:?} state={} {} step(s)>",
            self.inner.plan_id.as_deref().unwrap_or(""),
            self.inner.state.code(),
            self.inner.trail.len()
        )
    }
}
