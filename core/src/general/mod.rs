//! The general work plan (plan general de trabajo): the merge of the working tables' plans,
//! with the coverage of axes and guideline items ([`GeneralPlan`], [`Catalog::merge_plans`](crate::Catalog::merge_plans)).
//!
//! The merge and its findings are in `merge`, the coverage table in `coverage`, the
//! near-duplicate check in `near_duplicate`.

mod coverage;
mod merge;
mod near_duplicate;
mod sources;

pub use sources::{ApprovalSource, MergeOptions, PlanSource};

use crate::diagnostic::Pins;
use crate::i18n::Text;
use crate::plan::WorkPlan;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Titles at least this similar (normalised Levenshtein on titles folded for case, accents,
/// spaces and punctuation: an edit distance of at most 20 % of the longer one) make two
/// activities of different plans a `near_duplicate` when they also have the same kind (or
/// both have none), the same non-empty set of guideline refs and overlapping dates (both
/// given, end not before start).
pub const NEAR_DUPLICATE_TITLE_SIMILARITY: f64 = 0.8;

/// An activity of the general plan, by position and by id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ActivityRef {
    /// Index of the plan in the merged list.
    pub plan: usize,
    /// Index of the activity in its plan.
    pub activity: usize,
    /// The plan's id, if it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan_id: Option<String>,
    /// The activity's id, if it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub activity_id: Option<String>,
    /// JSON Pointer into the list of plans: `/plans/{plan}/activities/{activity}`.
    pub path: String,
}

/// The activities that work on one guideline item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct GuidelineCoverage {
    /// The item's code.
    pub code: String,
    /// Whether the item is retired in the coverage version.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub retired: bool,
    /// The activities that refer to it.
    pub activities: Vec<ActivityRef>,
}

/// The activities that work on one axis, and its items.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct AxisCoverage {
    /// The axis code.
    pub axis: String,
    /// The axis name.
    pub name: Text,
    /// Activities of a plan on this axis, or referring to an item of it.
    pub activities: Vec<ActivityRef>,
    /// Every item of the axis with the activities that refer to it (empty: a gap).
    pub guidelines: Vec<GuidelineCoverage>,
}

/// The general work plan: the merged plans and the coverage of the guidelines.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct GeneralPlan {
    /// The guideline version coverage is measured against: the newest version the plans
    /// refer to (refs of older plans are mapped through the crosswalks), or the catalogue's
    /// current version when no plan names a known one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guideline_version: Option<String>,
    /// The merged plans, in input order (paths `/plans/{i}` refer to them).
    pub plans: Vec<WorkPlan>,
    /// One row per axis of the guideline set, in the set's order.
    pub coverage: Vec<AxisCoverage>,
    /// The axes without any activity: the gender-mainstreaming gap.
    pub uncovered_axes: Vec<String>,
    /// Which plans it was built from, one per plan of `plans`, with the approval each was
    /// merged under (see [`Catalog::merge_plans_with`](crate::Catalog::merge_plans_with)).
    #[serde(default)]
    pub sources: Vec<PlanSource>,
    /// What produced this plan.
    pub pins: Pins,
}

impl GeneralPlan {
    /// The coverage row of `axis`.
    pub fn axis_coverage(&self, axis: &str) -> Option<&AxisCoverage> {
        self.coverage.iter().find(|c| c.axis == axis)
    }

    /// The number of activities over all plans.
    pub fn activity_count(&self) -> usize {
        self.plans.iter().map(|p| p.activities.len()).sum()
    }

    /// The general plan as pretty JSON.
    pub fn to_json(&self) -> crate::Result<String> {
        serde_json::to_string_pretty(self).map_err(|e| crate::Error::from_serde_json(&e))
    }
}
