//! Validation of work plans against a catalogue: [`Catalog::validate_plan`] and
//! [`Catalog::validate_plans`].
//!
//! The rules and their codes are listed in [`Rule`](crate::Rule); `docs/plans.md` has the
//! table with default severities. Findings come in a fixed order: the plan's own fields
//! (`/id`, `/working_group`, `/axis`, `/period/...`, `/guideline_version`), then each activity
//! by index, and within an activity by field (`id`, `title`, `kind`, `start`, `end`, `lead`,
//! `participants`, `guidelines`, `gcm_objectives`, `sdgs`, `indicators`), then the
//! findings about the activity as a whole (`schedule_overlap`).
//!
//! The plan's own fields are checked in `checker` (with the caches of one call), each
//! activity's field groups in `activity`, the clashes across plans in `overlaps`.

mod activity;
mod checker;
mod findings;
mod overlaps;

pub(crate) use checker::Checker;
pub(crate) use findings::Findings;
pub(crate) use overlaps::{ActivityAt, pair_finding, plan_overlaps};

use crate::catalog::Catalog;
use crate::diagnostic::{Diagnostic, Report};
use crate::guidelines::GuidelineSet;
use crate::plan::WorkPlan;
use crate::rules::{Rule, RuleConfig};
use chrono::NaiveDate;

/// What validation learnt about one activity, kept for the checks across plans.
#[derive(Debug, Default)]
pub(crate) struct CheckedActivity<'c> {
    /// Start and end when both are given and end >= start.
    pub dates: Option<(NaiveDate, NaiveDate)>,
    /// Whether the kind is an event (meeting, webinar, training).
    pub is_event: bool,
    /// The lead and the participants as ids of [`Checker::person_name`], no repeats.
    pub people: Vec<u32>,
    /// The guideline refs resolved in the plan's version (codes as in the set), no repeats.
    pub refs: Vec<&'c str>,
    /// Whether the activity has a non-blank title.
    pub has_title: bool,
}

/// What validation learnt about one plan.
#[derive(Debug)]
pub(crate) struct CheckedPlan<'c> {
    /// Findings, in order, with their configured severity.
    pub diagnostics: Vec<Diagnostic>,
    /// The guideline set of the plan's version, when known.
    pub set: Option<&'c GuidelineSet>,
    /// The plan's axis as a code of that set, when it resolves.
    pub axis: Option<String>,
    /// One per activity, in order.
    pub activities: Vec<CheckedActivity<'c>>,
}

/// Sort key of a finding in a plan report: plan fields first, then by activity index.
pub(crate) fn activity_index(path: &str) -> Option<usize> {
    let rest = path.strip_prefix("/activities/")?;
    let end = rest.find('/').unwrap_or(rest.len());
    rest.get(..end)?.parse().ok()
}

impl Catalog {
    /// Validates one work plan: every finding of the rules in [`Rule`] that applies to a
    /// single plan, each with its JSON Pointer path, in a fixed order: the plan's own fields
    /// (`/id`, `/working_group`, `/axis`, `/period/...`, `/guideline_version`), then each
    /// activity by index, field by field. Never fails: problems are findings.
    ///
    /// When the plan's `guideline_version` is missing or not in the catalogue
    /// (`missing_field` / `unknown_code` at `/guideline_version`, with the nearest version as
    /// suggestion), the axis and the guideline refs **cannot be checked** and are not:
    /// `unknown_guideline`, `retired_guideline`, `axis_mismatch` and the axis' `unknown_code`
    /// need a known version. Schedule overlaps need more than one plan (a plan's activities
    /// all belong to its working group): see [`Catalog::validate_plans`].
    ///
    /// ```
    /// use lineamientos::{Catalog, RuleConfig, WorkPlan};
    /// let plan = WorkPlan::from_json(r#"{"id": "p", "working_group": "mesa-vcm", "axis": "VCM",
    ///   "period": {"start": "2024-01-01", "end": "2024-12-31"}, "guideline_version": "2017",
    ///   "activities": [{"id": "a1", "title": "Taller", "kind": "training",
    ///     "start": "2024-03-05", "end": "2024-03-04", "lead": "MEX", "guidelines": ["VCM-9"]}]}"#)?;
    /// let cfg = RuleConfig::new(chrono::NaiveDate::from_ymd_opt(2024, 6, 1).unwrap());
    /// let report = Catalog::embedded().validate_plan(&plan, &cfg);
    /// let found: Vec<(&str, &str)> = report.diagnostics.iter()
    ///     .map(|d| (d.code.as_str(), d.path.as_str())).collect();
    /// assert_eq!(found, [
    ///     ("end_before_start", "/activities/0/end"),
    ///     ("unknown_guideline", "/activities/0/guidelines/0"),
    ///     ("no_indicator", "/activities/0/indicators"),
    /// ]);
    /// assert!(!report.ok());
    /// # Ok::<(), lineamientos::Error>(())
    /// ```
    pub fn validate_plan(&self, plan: &WorkPlan, config: &RuleConfig) -> Report {
        let mut checker = Checker::new(self, config);
        let checked = checker.check_plan(plan);
        let mut report = Report::new(self.pins());
        report.extend(checked.diagnostics);
        self.add_rule_files(&mut report, plan, config);
        report
    }

    /// The findings and counts of the configuration's rule files for one plan.
    fn add_rule_files(&self, report: &mut Report, plan: &WorkPlan, config: &RuleConfig) {
        let data = crate::ruleset::RuleData::new()
            .with_plan(plan)
            .with_catalog(self);
        for rs in config.rulesets() {
            report.add_ruleset_check(rs.run(&data, config));
        }
    }

    /// Validates several plans together: each plan's own findings (as
    /// [`Catalog::validate_plan`]) plus the `schedule_overlap`s between events of different
    /// working groups that share a participant (see [`find_overlaps`](crate::find_overlaps) for the semantics).
    /// An overlap is reported in both plans' reports, at `/activities/{i}` of each, naming the
    /// other activity, its group, plan and path. One report per plan, in input order. Plans
    /// of the same working group never clash with each other; a plan without a working group
    /// counts as a group of its own.
    pub fn validate_plans(&self, plans: &[WorkPlan], config: &RuleConfig) -> Vec<Report> {
        let mut checker = Checker::new(self, config);
        let checked: Vec<CheckedPlan<'_>> = plans.iter().map(|p| checker.check_plan(p)).collect();
        let mut lists: Vec<Vec<Diagnostic>> = Vec::with_capacity(plans.len());
        let overlaps = if config.is_on(Rule::ScheduleOverlap) {
            plan_overlaps(plans, &checked, &checker)
        } else {
            Vec::new()
        };
        for c in checked {
            lists.push(c.diagnostics);
        }
        for o in &overlaps {
            let ((pa, aa), (pb, ab)) = (o.a, o.b);
            let (Some(plan_a), Some(plan_b)) = (plans.get(pa), plans.get(pb)) else {
                continue;
            };
            let at_a = ActivityAt::new(plan_a, aa, format!("/activities/{aa}"));
            let at_b = ActivityAt::new(plan_b, ab, format!("/activities/{ab}"));
            let shared = Some(o.shared.as_slice());
            let da = pair_finding(Rule::ScheduleOverlap, &at_a, &at_b, shared);
            let db = pair_finding(Rule::ScheduleOverlap, &at_b, &at_a, shared);
            for (pi, d) in [(pa, da), (pb, db)] {
                if let (Some(list), Some(d)) =
                    (lists.get_mut(pi), config.apply(Rule::ScheduleOverlap, d))
                {
                    list.push(d);
                }
            }
        }
        lists
            .into_iter()
            .zip(plans)
            .map(|(mut list, plan)| {
                // Stable: keeps field order within an activity, overlaps after its fields.
                list.sort_by_key(|d| activity_index(&d.path).map_or(0, |i| i.saturating_add(1)));
                let mut r = Report::new(self.pins());
                r.extend(list);
                self.add_rule_files(&mut r, plan, config);
                r
            })
            .collect()
    }
}
