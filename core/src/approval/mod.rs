//! The approval workflow of a work plan: [`Approval`], its [`ApprovalState`]s and the audit
//! trail of [`Transition`]s.
//!
//! ```text
//!            submit            validate             approve
//!   draft ───────────► submitted ───────► validated ───────► approved
//!     ▲  ▲                 │                 │                  │
//!     │  └── submit ── returned_for_changes ◄┴── return ────────┤
//!     │                                                         │ submit (only when the
//!   reopen                                                      │ plan changed since approval)
//!     │                                                         ▼
//!  withdrawn ◄── withdraw (from any state but withdrawn)     submitted
//! ```
//!
//! | action | allowed from | to |
//! |---|---|---|
//! | `submit` | draft, returned_for_changes, approved (only if changed since approval) | submitted |
//! | `validate` | submitted, and the plan's validation report has no error | validated |
//! | `approve` | validated, and the plan is unchanged since it was validated | approved |
//! | `return_for_changes` | submitted, validated, approved | returned_for_changes |
//! | `withdraw` | draft, submitted, validated, approved, returned_for_changes | withdrawn |
//! | `reopen` | withdrawn | draft |
//!
//! A refused action is an error with its own code and leaves the approval unchanged:
//! `invalid_transition` (not allowed in this state), `report_has_errors` (validate while the
//! report has errors; the error carries the diagnostics), `content_changed` (approve a plan
//! edited after validation), `invalid_value` (empty role, a time before the previous step, or
//! another plan's id).
//!
//! Each transition records who (a role, e.g. `"secretaria_tecnica"`: a role, not a person's
//! name), when (given by the caller: the core never reads the clock), a comment and the
//! plan's content hash ([`WorkPlan::content_hash`]). "Changed since approval" compares the
//! approved hash with the plan's current one ([`Approval::changed_since_approval`]).
//!
//! ```
//! use chrono::NaiveDate;
//! use lineamientos::{Approval, ApprovalState, Catalog, RuleConfig, Step, WorkPlan};
//! let day = |d| NaiveDate::from_ymd_opt(2024, 5, d).unwrap();
//! let mut plan = WorkPlan::from_json(r#"{"id": "plan-vcm", "working_group": "mesa-vcm",
//!   "axis": "VCM", "guideline_version": "2023", "period": {"start": "2024-01-01", "end": "2024-12-31"},
//!   "activities": [{"id": "a1", "title": "Webinar", "kind": "webinar", "start": "2024-03-05",
//!     "end": "2024-03-05", "lead": "MEX", "guidelines": ["VCM-1"],
//!     "indicators": [{"name": "Personas", "target": 50}]}]}"#)?;
//! let (cat, cfg) = (Catalog::embedded(), RuleConfig::new(day(31)));
//! let mut approval = Approval::new(&plan);
//! let err = approval.approve(&plan, Step::new("secretaria_tecnica", day(2))).unwrap_err();
//! assert_eq!(err.code(), "invalid_transition");
//! approval.submit(&plan, Step::new("mesa_vcm", day(2)).comment("primera versión"))?;
//! approval.validate(&plan, &cat, &cfg, Step::new("secretaria_tecnica", day(3)))?;
//! approval.approve(&plan, Step::new("presidencia_pro_tempore", day(4)))?;
//! assert_eq!(approval.state, ApprovalState::Approved);
//! assert!(!approval.changed_since_approval(&plan));
//! plan.activities[0].title = Some("Webinar regional".into());
//! assert!(approval.changed_since_approval(&plan));
//! assert_eq!(approval.trail.len(), 3);
//! # Ok::<(), lineamientos::Error>(())
//! ```

use crate::catalog::Catalog;
use crate::diagnostic::Report;
use crate::plan::WorkPlan;
use crate::rules::RuleConfig;
use crate::{Error, Result};
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Where a plan is in the approval workflow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ApprovalState {
    /// Being written by the working table.
    Draft,
    /// Handed in for validation.
    Submitted,
    /// Checked against the guidelines: its report has no error.
    Validated,
    /// Approved: part of the general work plan.
    Approved,
    /// Sent back to the working table with comments.
    ReturnedForChanges,
    /// Withdrawn by its working table or the CRM.
    Withdrawn,
}

/// Another name for [`ApprovalState`].
pub type PlanState = ApprovalState;

impl ApprovalState {
    /// The snake_case code.
    pub fn code(self) -> &'static str {
        match self {
            ApprovalState::Draft => "draft",
            ApprovalState::Submitted => "submitted",
            ApprovalState::Validated => "validated",
            ApprovalState::Approved => "approved",
            ApprovalState::ReturnedForChanges => "returned_for_changes",
            ApprovalState::Withdrawn => "withdrawn",
        }
    }
}

impl fmt::Display for ApprovalState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// An action of the workflow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ApprovalAction {
    /// Hand the plan in.
    Submit,
    /// Record that its validation report has no error.
    Validate,
    /// Approve it.
    Approve,
    /// Send it back with comments.
    ReturnForChanges,
    /// Withdraw it.
    Withdraw,
    /// Take a withdrawn plan up again as a draft.
    Reopen,
}

impl ApprovalAction {
    /// The snake_case code.
    pub fn code(self) -> &'static str {
        match self {
            ApprovalAction::Submit => "submit",
            ApprovalAction::Validate => "validate",
            ApprovalAction::Approve => "approve",
            ApprovalAction::ReturnForChanges => "return_for_changes",
            ApprovalAction::Withdraw => "withdraw",
            ApprovalAction::Reopen => "reopen",
        }
    }

    /// Parses a code (e.g. `"return_for_changes"`).
    pub fn parse(code: &str) -> Result<Self> {
        let all = [
            ApprovalAction::Submit,
            ApprovalAction::Validate,
            ApprovalAction::Approve,
            ApprovalAction::ReturnForChanges,
            ApprovalAction::Withdraw,
            ApprovalAction::Reopen,
        ];
        let key = code.trim().to_ascii_lowercase();
        all.iter()
            .copied()
            .find(|a| a.code() == key)
            .ok_or_else(|| {
                let codes: Vec<&str> = all.iter().map(|a| a.code()).collect();
                Error::invalid_value(
                    "action",
                    Some(code.to_owned()),
                    format!("a workflow action (one of {})", codes.join(", ")),
                )
            })
    }
}

impl fmt::Display for ApprovalAction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// When a step happened: a date or a date and time, as the caller gives it. In JSON
/// `"2024-05-02"` or `"2024-05-02T10:30:00"`. A date compares as its midnight.
// Read by hand (`When::parse`, below), as arguments read it: one meaning of a date in documents
// and options, and no chrono parser in the WebAssembly module.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum When {
    /// A date and time.
    DateTime(NaiveDateTime),
    /// A date.
    Date(NaiveDate),
}

impl When {
    /// As a date and time (a date at midnight).
    pub fn as_datetime(self) -> NaiveDateTime {
        match self {
            When::DateTime(t) => t,
            When::Date(d) => d.and_time(NaiveTime::MIN),
        }
    }
}

impl crate::args::FromArg for When {
    fn expected() -> String {
        "a date or a date and time (YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS, no time zone)".into()
    }

    fn from_arg(value: &serde_json::Value, at: &crate::args::ArgPath) -> Result<Self> {
        value
            .as_str()
            .and_then(When::parse)
            .ok_or_else(|| at.invalid(value, Self::expected()))
    }
}

impl When {
    /// `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM:SS[.f]`, surrounding spaces ignored.
    fn parse(text: &str) -> Option<When> {
        let t = text.trim();
        crate::args::parse_iso_date(t)
            .map(When::Date)
            .or_else(|| parse_date_time(t).map(When::DateTime))
    }
}

impl<'de> serde::Deserialize<'de> for When {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct Text;
        impl serde::de::Visitor<'_> for Text {
            type Value = When;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a date or a date and time written YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS")
            }
            fn visit_str<E: serde::de::Error>(self, t: &str) -> std::result::Result<When, E> {
                When::parse(t).ok_or_else(|| {
                    E::custom(format!(
                        "{t:?} is not a date or a date and time written YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS"
                    ))
                })
            }
        }
        d.deserialize_str(Text)
    }
}

/// `YYYY-MM-DDTHH:MM:SS`, with an optional fraction of a second of 1 to 9 digits, exactly
/// (written by hand rather than with chrono's format strings, whose parser is a sizeable
/// part of the WebAssembly module).
fn parse_date_time(t: &str) -> Option<NaiveDateTime> {
    let date = crate::args::parse_iso_date(t.get(..10)?)?;
    let time = t.strip_prefix(t.get(..10)?)?.strip_prefix('T')?;
    let b = time.as_bytes();
    let two = |i: usize| -> Option<u32> {
        match (b.get(i), b.get(i + 1)) {
            (Some(x), Some(y)) if x.is_ascii_digit() && y.is_ascii_digit() => {
                Some(u32::from(x - b'0') * 10 + u32::from(y - b'0'))
            }
            _ => None,
        }
    };
    if b.get(2) != Some(&b':') || b.get(5) != Some(&b':') {
        return None;
    }
    let nano = match b.get(8..) {
        Some([]) => 0,
        Some([b'.', digits @ ..])
            if (1..=9).contains(&digits.len()) && digits.iter().all(u8::is_ascii_digit) =>
        {
            let value = digits
                .iter()
                .fold(0u32, |n, d| n * 10 + u32::from(d - b'0'));
            value * 10u32.pow(9 - digits.len() as u32)
        }
        _ => return None,
    };
    NaiveTime::from_hms_nano_opt(two(0)?, two(3)?, two(6)?, nano).map(|t| date.and_time(t))
}

impl From<NaiveDate> for When {
    fn from(d: NaiveDate) -> Self {
        When::Date(d)
    }
}

impl From<NaiveDateTime> for When {
    fn from(t: NaiveDateTime) -> Self {
        When::DateTime(t)
    }
}

/// Who acts, when, and why: the caller's part of a transition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Step {
    /// The role that acts (e.g. `"secretaria_tecnica"`, `"mesa_vcm"`). A role, not a
    /// person's name: the trail is shared.
    pub by: String,
    /// When.
    pub at: When,
    /// A comment (may be empty).
    #[serde(default)]
    pub comment: String,
}

impl Step {
    /// The day of the step: the reference date (`as_of`) of a validation in the workflow
    /// when the caller gives none (see [`RuleConfig::from_json_or`](crate::RuleConfig::from_json_or)).
    pub fn day(&self) -> NaiveDate {
        self.at.as_datetime().date()
    }

    /// A step by role `by` at `at` (a `NaiveDate` or `NaiveDateTime`), without comment.
    pub fn new(by: impl Into<String>, at: impl Into<When>) -> Self {
        Step {
            by: by.into(),
            at: at.into(),
            comment: String::new(),
        }
    }

    /// Sets the comment.
    pub fn comment(mut self, comment: impl Into<String>) -> Self {
        self.comment = comment.into();
        self
    }
}

/// One recorded transition of the audit trail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Transition {
    /// What was done.
    pub action: ApprovalAction,
    /// The state before.
    pub from: ApprovalState,
    /// The state after.
    pub to: ApprovalState,
    /// The role that acted.
    pub by: String,
    /// When.
    pub at: When,
    /// The comment.
    #[serde(default)]
    pub comment: String,
    /// The plan's content hash at that moment.
    pub content_hash: String,
}

/// The approval record of a plan among a list of records (matched by trimmed `plan_id`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RecordOf<'a> {
    /// No record names the plan.
    Missing,
    /// One record names it (equal copies count as one).
    One(&'a Approval),
    /// Records that differ name it: which one holds cannot be told (taking the first would
    /// make the result depend on the order of the list), so none is used.
    Conflicting,
}

impl<'a> RecordOf<'a> {
    /// The record of the plan with id `plan_id` (trimmed; blank: no record) in `approvals`.
    pub(crate) fn find(approvals: &'a [Approval], plan_id: Option<&str>) -> Self {
        let Some(id) = plan_id.map(str::trim).filter(|s| !s.is_empty()) else {
            return RecordOf::Missing;
        };
        let mut found = RecordOf::Missing;
        for a in approvals
            .iter()
            .filter(|a| a.plan_id.as_deref().map(str::trim) == Some(id))
        {
            found = match found {
                RecordOf::Missing => RecordOf::One(a),
                RecordOf::One(b) if b == a => RecordOf::One(b),
                _ => return RecordOf::Conflicting,
            };
        }
        found
    }

    /// The record, when exactly one names the plan.
    pub(crate) fn one(self) -> Option<&'a Approval> {
        match self {
            RecordOf::One(a) => Some(a),
            RecordOf::Missing | RecordOf::Conflicting => None,
        }
    }
}

/// The approval record of one plan: its state, the hashes that matter and the audit trail.
/// Serialisable, so bindings can hand it around as JSON.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Approval {
    /// The id of the plan this record belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan_id: Option<String>,
    /// The current state.
    pub state: ApprovalState,
    /// The content hash when the plan was last validated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub validated_hash: Option<String>,
    /// The content hash when the plan was last approved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approved_hash: Option<String>,
    /// Every transition, oldest first.
    #[serde(default)]
    pub trail: Vec<Transition>,
}

impl Approval {
    /// A new record in state `draft` for `plan`.
    pub fn new(plan: &WorkPlan) -> Self {
        Approval {
            plan_id: plan.id.clone(),
            state: ApprovalState::Draft,
            validated_hash: None,
            approved_hash: None,
            trail: Vec::new(),
        }
    }

    /// Reads a record from JSON.
    pub fn from_json(text: &str) -> Result<Self> {
        crate::catalog::check_size(text.len(), WorkPlan::MAX_JSON_BYTES, "approval JSON bytes")?;
        crate::document::from_text(text)
    }

    /// Reads a record from a JSON-shaped value (a Python `dict`, a JS object).
    pub fn from_value(value: serde_json::Value) -> Result<Self> {
        crate::document::from_value(value)
    }

    /// The record as pretty JSON.
    pub fn to_json(&self) -> Result<String> {
        serde_json::to_string_pretty(self).map_err(|e| Error::from_serde_json(&e))
    }

    /// Whether the plan was approved and its content no longer matches the approved content.
    /// A plan whose content cannot be hashed counts as changed.
    pub fn changed_since_approval(&self, plan: &WorkPlan) -> bool {
        self.approved_hash
            .as_deref()
            .is_some_and(|h| plan.content_hash().map_or(true, |now| h != now))
    }

    /// Whether `plan` is approved as it is now (approved, and unchanged since).
    pub fn is_approved(&self, plan: &WorkPlan) -> bool {
        self.state == ApprovalState::Approved && !self.changed_since_approval(plan)
    }

    /// Hands the plan in (from draft or returned_for_changes, or from approved when the plan
    /// changed since approval).
    pub fn submit(&mut self, plan: &WorkPlan, step: Step) -> Result<()> {
        let ok = match self.state {
            ApprovalState::Draft | ApprovalState::ReturnedForChanges => true,
            ApprovalState::Approved => self.changed_since_approval(plan),
            _ => false,
        };
        self.transition(
            plan,
            ApprovalAction::Submit,
            ok,
            ApprovalState::Submitted,
            step,
        )
    }

    /// Validates the plan with `catalog` and `config` and, when its report has no error,
    /// moves it from submitted to validated. Returns the report either way it is computed;
    /// a report with errors is the error `report_has_errors` carrying its diagnostics.
    pub fn validate(
        &mut self,
        plan: &WorkPlan,
        catalog: &Catalog,
        config: &RuleConfig,
        step: Step,
    ) -> Result<Report> {
        self.check_step(
            plan,
            ApprovalAction::Validate,
            self.state == ApprovalState::Submitted,
            &step,
        )?;
        let report = catalog.validate_plan(plan, config);
        if report.has_errors() {
            return Err(Error::ReportHasErrors {
                diagnostics: report.diagnostics,
            });
        }
        self.record(
            plan,
            ApprovalAction::Validate,
            ApprovalState::Validated,
            step,
        )?;
        self.validated_hash = self.trail.last().map(|t| t.content_hash.clone());
        Ok(report)
    }

    /// Approves a validated plan, if it has not changed since it was validated.
    pub fn approve(&mut self, plan: &WorkPlan, step: Step) -> Result<()> {
        self.check_step(
            plan,
            ApprovalAction::Approve,
            self.state == ApprovalState::Validated,
            &step,
        )?;
        let now = plan.content_hash()?;
        if let Some(expected) = self.validated_hash.as_deref().filter(|h| **h != now) {
            return Err(Error::ContentChanged {
                since: ApprovalState::Validated.code().to_owned(),
                expected: expected.to_owned(),
                actual: now,
            });
        }
        self.record(plan, ApprovalAction::Approve, ApprovalState::Approved, step)?;
        self.approved_hash = Some(now);
        Ok(())
    }

    /// Sends the plan back to its working table (from submitted, validated or approved).
    pub fn return_for_changes(&mut self, plan: &WorkPlan, step: Step) -> Result<()> {
        let ok = matches!(
            self.state,
            ApprovalState::Submitted | ApprovalState::Validated | ApprovalState::Approved
        );
        self.transition(
            plan,
            ApprovalAction::ReturnForChanges,
            ok,
            ApprovalState::ReturnedForChanges,
            step,
        )
    }

    /// Withdraws the plan (from any state but withdrawn).
    pub fn withdraw(&mut self, plan: &WorkPlan, step: Step) -> Result<()> {
        let ok = self.state != ApprovalState::Withdrawn;
        self.transition(
            plan,
            ApprovalAction::Withdraw,
            ok,
            ApprovalState::Withdrawn,
            step,
        )
    }

    /// Takes a withdrawn plan up again as a draft.
    pub fn reopen(&mut self, plan: &WorkPlan, step: Step) -> Result<()> {
        let ok = self.state == ApprovalState::Withdrawn;
        self.transition(plan, ApprovalAction::Reopen, ok, ApprovalState::Draft, step)
    }

    /// Performs `action` by its code (what bindings call with a string). `validate` needs
    /// `catalog` and `config`.
    pub fn perform(
        &mut self,
        action: ApprovalAction,
        plan: &WorkPlan,
        catalog: &Catalog,
        config: &RuleConfig,
        step: Step,
    ) -> Result<()> {
        match action {
            ApprovalAction::Submit => self.submit(plan, step),
            ApprovalAction::Validate => self.validate(plan, catalog, config, step).map(|_| ()),
            ApprovalAction::Approve => self.approve(plan, step),
            ApprovalAction::ReturnForChanges => self.return_for_changes(plan, step),
            ApprovalAction::Withdraw => self.withdraw(plan, step),
            ApprovalAction::Reopen => self.reopen(plan, step),
        }
    }

    fn transition(
        &mut self,
        plan: &WorkPlan,
        action: ApprovalAction,
        allowed: bool,
        to: ApprovalState,
        step: Step,
    ) -> Result<()> {
        self.check_step(plan, action, allowed, &step)?;
        self.record(plan, action, to, step)
    }

    fn check_step(
        &self,
        plan: &WorkPlan,
        action: ApprovalAction,
        allowed: bool,
        step: &Step,
    ) -> Result<()> {
        if !allowed {
            return Err(Error::InvalidTransition {
                state: self.state.code().to_owned(),
                action: action.code().to_owned(),
            });
        }
        if step.by.trim().is_empty() {
            return Err(Error::invalid_value(
                "by",
                Some(step.by.clone()),
                "the role that acts (a transition needs one)",
            ));
        }
        if let Some(last) = self.trail.last() {
            if step.at.as_datetime() < last.at.as_datetime() {
                return Err(Error::invalid_value(
                    "at",
                    Some(step.at.as_datetime().to_string()),
                    format!(
                        "a time no earlier than the previous transition ({})",
                        last.at.as_datetime()
                    ),
                ));
            }
        }
        if self.plan_id.is_some() && plan.id != self.plan_id {
            return Err(Error::invalid_value(
                "plan",
                plan.id.clone(),
                format!(
                    "the plan this approval record belongs to (id {})",
                    self.plan_id.as_deref().unwrap_or_default()
                ),
            ));
        }
        Ok(())
    }

    fn record(
        &mut self,
        plan: &WorkPlan,
        action: ApprovalAction,
        to: ApprovalState,
        step: Step,
    ) -> Result<()> {
        let content_hash = plan.content_hash()?;
        self.trail.push(Transition {
            action,
            from: self.state,
            to,
            by: step.by,
            at: step.at,
            comment: step.comment,
            content_hash,
        });
        self.state = to;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_times_are_read_exactly_as_written() {
        let chrono = |t: &str| NaiveDateTime::parse_from_str(t, "%Y-%m-%dT%H:%M:%S%.f").ok();
        // What chrono's format reads the same way.
        for t in [
            "2024-05-02T10:30:00",
            "2024-05-02T00:00:00.5",
            "2024-02-29T23:59:59.123456789",
            "1999-12-31T07:08:09.000001",
        ] {
            assert_eq!(parse_date_time(t), chrono(t), "{t}");
            assert!(parse_date_time(t).is_some(), "{t}");
        }
        assert_eq!(
            parse_date_time("2024-05-02T10:30:00.25")
                .map(|t| t.and_utc().timestamp_subsec_millis()),
            Some(250)
        );
        for t in [
            "2023-02-29T10:30:00",  // no such day
            "2024-05-02T24:00:00",  // no such hour
            "2024-05-02T10:60:00",  // no such minute
            "2024-05-02 10:30:00",  // a space for the T
            "2024-05-02T10:30",     // no seconds
            "2024-05-02T1:30:00",   // one-digit hour
            "2024-05-02T10:30:00.", // a dot without digits
            "2024-05-02T10:30:00.1234567890",
            "2024-05-02T10:30:00Z", // a time zone
            "2024-5-02T10:30:00",
            "2024-05-02T10:3a:00",
            "2024-05-02T10:30:00+01:00",
            "2024-05-02Té0:30:00",
        ] {
            assert_eq!(parse_date_time(t), None, "{t}");
        }
    }

    fn plan() -> WorkPlan {
        WorkPlan::from_json(
            r#"{"id": "p1", "working_group": "mesa-emp", "axis": "EMP", "guideline_version": "2023",
            "period": {"start": "2024-01-01", "end": "2024-12-31"},
            "activities": [{"id": "a1", "title": "Curso", "kind": "training", "start": "2024-02-01",
              "end": "2024-02-02", "lead": "CRI", "guidelines": ["EMP-1"],
              "indicators": [{"name": "Mujeres capacitadas", "target": 30}]}]}"#,
        )
        .unwrap()
    }

    fn at(d: u32) -> Step {
        Step::new(
            "secretaria_tecnica",
            NaiveDate::from_ymd_opt(2024, 3, d).unwrap(),
        )
    }

    fn cfg() -> RuleConfig {
        RuleConfig::new(NaiveDate::from_ymd_opt(2024, 3, 1).unwrap())
    }

    #[test]
    fn refused_transitions_have_codes_and_change_nothing() {
        let p = plan();
        let cat = Catalog::embedded();
        let mut a = Approval::new(&p);
        assert_eq!(
            a.approve(&p, at(1)).unwrap_err().code(),
            "invalid_transition"
        );
        assert_eq!(
            a.validate(&p, &cat, &cfg(), at(1)).unwrap_err().code(),
            "invalid_transition"
        );
        assert_eq!(
            a.reopen(&p, at(1)).unwrap_err().code(),
            "invalid_transition"
        );
        assert_eq!(
            a.submit(
                &p,
                Step::new(" ", NaiveDate::from_ymd_opt(2024, 3, 1).unwrap())
            )
            .unwrap_err()
            .code(),
            "invalid_value"
        );
        assert_eq!(a, Approval::new(&p));
        a.submit(&p, at(5)).unwrap();
        assert_eq!(a.withdraw(&p, at(4)).unwrap_err().code(), "invalid_value");
        let mut other = p.clone();
        other.id = Some("p2".into());
        assert_eq!(
            a.withdraw(&other, at(6)).unwrap_err().code(),
            "invalid_value"
        );
        assert_eq!(a.state, ApprovalState::Submitted);
    }

    #[test]
    fn validate_refuses_a_plan_with_errors() {
        let mut p = plan();
        p.activities[0].end = NaiveDate::from_ymd_opt(2024, 1, 1);
        let cat = Catalog::embedded();
        let mut a = Approval::new(&p);
        a.submit(&p, at(1)).unwrap();
        let err = a.validate(&p, &cat, &cfg(), at(2)).unwrap_err();
        assert_eq!(err.code(), "report_has_errors");
        assert!(
            err.diagnostics()
                .iter()
                .any(|d| d.code == "end_before_start")
        );
        assert_eq!(a.state, ApprovalState::Submitted);
        a.return_for_changes(&p, at(3).comment("fechas")).unwrap();
        assert_eq!(a.state, ApprovalState::ReturnedForChanges);
    }

    #[test]
    fn approve_refuses_a_plan_edited_after_validation_and_resubmits_changed_plans() {
        let mut p = plan();
        let cat = Catalog::embedded();
        let mut a = Approval::new(&p);
        a.submit(&p, at(1)).unwrap();
        a.validate(&p, &cat, &cfg(), at(2)).unwrap();
        let mut edited = p.clone();
        edited.title = Some("otro".into());
        assert_eq!(
            a.approve(&edited, at(3)).unwrap_err().code(),
            "content_changed"
        );
        a.approve(&p, at(3)).unwrap();
        assert!(a.is_approved(&p));
        // Unchanged: nothing to resubmit.
        assert_eq!(
            a.submit(&p, at(4)).unwrap_err().code(),
            "invalid_transition"
        );
        p.activities[0].indicators[0].target = Some(40.0);
        assert!(a.changed_since_approval(&p));
        assert!(!a.is_approved(&p));
        a.submit(&p, at(5)).unwrap();
        a.withdraw(&p, at(6)).unwrap();
        a.reopen(&p, at(7)).unwrap();
        let states: Vec<&str> = a.trail.iter().map(|t| t.to.code()).collect();
        assert_eq!(
            states,
            [
                "submitted",
                "validated",
                "approved",
                "submitted",
                "withdrawn",
                "draft"
            ]
        );
        let back = Approval::from_json(&a.to_json().unwrap()).unwrap();
        assert_eq!(back, a);
    }

    #[test]
    fn when_reads_dates_and_datetimes() {
        let w: When = serde_json::from_str("\"2024-05-02\"").unwrap();
        assert_eq!(w, When::Date(NaiveDate::from_ymd_opt(2024, 5, 2).unwrap()));
        let w: When = serde_json::from_str("\"2024-05-02T10:30:00\"").unwrap();
        assert!(matches!(w, When::DateTime(_)));
        // Documents read a step's time as arguments do.
        for bad in [
            "\"2024-05-02 10:30:00\"",
            "\"2024-02-30\"",
            "\"02/05/2024\"",
            "20240502",
        ] {
            let e = serde_json::from_str::<When>(bad).unwrap_err().to_string();
            assert!(
                e.contains("YYYY-MM-DD") || e.contains("invalid type"),
                "{bad}: {e}"
            );
        }
        let w: When = serde_json::from_str("\" 2024-05-02T10:30:00.5 \"").unwrap();
        assert_eq!(
            serde_json::to_string(&w).unwrap(),
            "\"2024-05-02T10:30:00.500\""
        );
        assert_eq!(
            ApprovalAction::parse("return_for_changes").unwrap(),
            ApprovalAction::ReturnForChanges
        );
        assert_eq!(
            ApprovalAction::parse("x").unwrap_err().code(),
            "invalid_value"
        );
    }
}
