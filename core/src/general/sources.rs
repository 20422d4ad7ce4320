//! What a general plan was built from: the plans and their approval records
//! ([`PlanSource`]), and the merge that takes approved plans only
//! ([`Catalog::merge_plans_with`]).

use super::GeneralPlan;
use crate::Result;
use crate::approval::{Approval, ApprovalAction, ApprovalState, RecordOf, When};
use crate::args::{ArgPath, FromArg, Options};
use crate::catalog::Catalog;
use crate::diagnostic::{Diagnostic, Report};
use crate::plan::WorkPlan;
use crate::rules::{Rule, RuleConfig};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// One plan of a general plan, and the approval it was merged under.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct PlanSource {
    /// The plan's position in the list given to the merge (findings' `/plans/{i}` paths
    /// use it).
    pub index: usize,
    /// The plan's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan_id: Option<String>,
    /// The plan's content hash when it was merged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_hash: Option<String>,
    /// Its approval record, when one was given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approval: Option<ApprovalSource>,
}

/// The approval a plan was merged under.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ApprovalSource {
    /// The record's state.
    pub state: ApprovalState,
    /// The content hash that was approved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approved_hash: Option<String>,
    /// When it was last approved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approved_at: Option<When>,
    /// The role that approved it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approved_by: Option<String>,
}

impl ApprovalSource {
    fn of(a: &Approval) -> Self {
        let last = a
            .trail
            .iter()
            .rev()
            .find(|t| t.action == ApprovalAction::Approve);
        ApprovalSource {
            state: a.state,
            approved_hash: a.approved_hash.clone(),
            approved_at: last.map(|t| t.at),
            approved_by: last.map(|t| t.by.clone()),
        }
    }
}

/// Options of [`Catalog::merge_plans_with`]: the validation options ([`RuleConfig`]) and
/// whether to take approved plans only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergeOptions {
    /// Validation options.
    pub rules: RuleConfig,
    /// Take only the plans whose approval record is `approved` and that have not changed
    /// since. Default `false`.
    pub approved_only: bool,
}

impl MergeOptions {
    /// The options read from a JSON-shaped value: every [`RuleConfig`] option plus
    /// `approved_only`.
    pub fn from_value(value: &serde_json::Value) -> Result<Self> {
        Self::from_arg(value, &ArgPath::arg("options"))
    }

    /// The merge options' names.
    pub fn options() -> Vec<&'static str> {
        let mut all = RuleConfig::OPTIONS.to_vec();
        all.push("approved_only");
        all
    }
}

impl From<RuleConfig> for MergeOptions {
    fn from(rules: RuleConfig) -> Self {
        MergeOptions {
            rules,
            approved_only: false,
        }
    }
}

impl FromArg for MergeOptions {
    fn expected() -> String {
        format!(
            "merge options (an object with {})",
            Self::options().join(", ")
        )
    }

    fn from_arg(value: &serde_json::Value, at: &ArgPath) -> Result<Self> {
        let known = Self::options();
        let rules = RuleConfig::read_among(value, at, None, &known)?;
        let o = Options::new(value, at, &known)?;
        Ok(MergeOptions {
            rules,
            approved_only: o.get("approved_only")?.unwrap_or(false),
        })
    }
}

/// Why a plan is not approved as it is, for `plan_not_approved` (`state` parameter).
fn not_approved_reason(approval: RecordOf<'_>, plan: &WorkPlan) -> Option<&'static str> {
    match approval {
        RecordOf::Missing => Some("no approval record"),
        RecordOf::Conflicting => Some("conflicting approval records"),
        RecordOf::One(a) if a.state != ApprovalState::Approved => Some(a.state.code()),
        RecordOf::One(a) if a.changed_since_approval(plan) => Some("changed since approval"),
        RecordOf::One(_) => None,
    }
}

/// `/plans/{j}...` of the merged subset as `/plans/{index[j]}...` of the input list.
fn reindex(path: &mut String, index: &[usize]) {
    let Some(rest) = path.strip_prefix("/plans/") else {
        return;
    };
    let end = rest.find('/').unwrap_or(rest.len());
    let Some(j) = rest.get(..end).and_then(|n| n.parse::<usize>().ok()) else {
        return;
    };
    if let Some(i) = index.get(j) {
        *path = format!("/plans/{i}{}", rest.get(end..).unwrap_or(""));
    }
}

impl Catalog {
    /// Merges plans as [`Catalog::merge_plans`] does, recording in
    /// [`GeneralPlan::sources`] which plans (and which approval records, matched by plan id)
    /// the general plan was built from.
    ///
    /// With `approved_only`, a plan is merged only when its approval record is `approved`
    /// and the plan has not changed since; every other plan gets a `plan_not_approved`
    /// finding at `/plans/{i}` (parameter `state`: its approval state, `no approval record`,
    /// `conflicting approval records` when records that differ name the plan,
    /// or `changed since approval`) and stays out. Finding paths always refer to the list
    /// given (`/plans/{i}`), whatever was left out; the general plan's own activity
    /// references ([`crate::ActivityRef`]) refer to [`GeneralPlan::plans`].
    ///
    /// ```
    /// use lineamientos::{Approval, Catalog, RuleConfig, WorkPlan};
    /// use lineamientos::general::MergeOptions;
    /// let plan = |id: &str| WorkPlan::from_json(&format!(r#"{{"id": "{id}", "axis": "VCM"}}"#)).unwrap();
    /// let plans = [plan("a"), plan("b")];
    /// let options = MergeOptions::from_value(&serde_json::json!({"as_of": "2024-06-01", "approved_only": true}))?;
    /// let (general, report) = Catalog::embedded().merge_plans_with(&plans, &[Approval::new(&plans[1])], &options);
    /// assert!(general.plans.is_empty());
    /// let left_out: Vec<&str> = report.with_code("plan_not_approved").map(|d| d.path.as_str()).collect();
    /// assert_eq!(left_out, ["/plans/0", "/plans/1"]);
    /// # Ok::<(), lineamientos::Error>(())
    /// ```
    pub fn merge_plans_with(
        &self,
        plans: &[WorkPlan],
        approvals: &[Approval],
        options: &MergeOptions,
    ) -> (GeneralPlan, Report) {
        let approval_of = |p: &WorkPlan| RecordOf::find(approvals, p.id.as_deref());
        let mut left_out = Vec::new();
        let mut index = Vec::new();
        for (i, p) in plans.iter().enumerate() {
            let reason = not_approved_reason(approval_of(p), p);
            match reason {
                Some(reason) if options.approved_only => left_out.push(
                    Rule::PlanNotApproved
                        .finding(format!("/plans/{i}"))
                        .with_value(p.id.clone().unwrap_or_default())
                        .with_param("plan", p.id.clone().unwrap_or_else(|| format!("#{i}")))
                        .with_param("state", reason),
                ),
                _ => index.push(i),
            }
        }
        let kept: Vec<WorkPlan> = index
            .iter()
            .filter_map(|i| plans.get(*i).cloned())
            .collect();
        let (mut general, merged) = self.merge_plans(&kept, &options.rules);
        general.sources = index
            .iter()
            .zip(&kept)
            .map(|(i, p)| PlanSource {
                index: *i,
                plan_id: p.id.clone(),
                content_hash: p.content_hash().ok(),
                approval: approval_of(p).one().map(ApprovalSource::of),
            })
            .collect();
        let mut findings: Vec<Diagnostic> = left_out
            .into_iter()
            .filter_map(|d| options.rules.apply(Rule::PlanNotApproved, d))
            .collect();
        for mut d in merged.diagnostics {
            reindex(&mut d.path, &index);
            // An activity without id is named by its path (`value`, `activity`,
            // `other_activity` of pair findings): that path refers to the list given too.
            if let Some(v) = d.value.as_mut() {
                reindex(v, &index);
            }
            for key in ["first", "other_path", "activity", "other_activity"] {
                if let Some(p) = d.params.get_mut(key) {
                    reindex(p, &index);
                }
            }
            findings.push(d);
        }
        findings.sort_by_key(|d| super::merge::merge_key(&d.path));
        let mut report = Report::new(merged.pins);
        report.extend(findings);
        // The rule files' counts per rule (their findings are among `findings`).
        report.outcomes = merged.outcomes;
        (general, report)
    }
}
