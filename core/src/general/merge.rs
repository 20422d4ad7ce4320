//! The merge of work plans into the general plan: each plan's findings under `/plans/{i}`,
//! and the checks across plans (ids, near-duplicates, schedule overlaps, axes not covered).

use super::GeneralPlan;
use super::near_duplicate::near_duplicates;
use crate::catalog::Catalog;
use crate::diagnostic::{Diagnostic, Report};
use crate::matrix::store::{FxHasher, FxMap};
use crate::plan::{
    ActivityAt, CheckedPlan, Checker, Findings, WorkPlan, activity_index, pair_finding,
    plan_overlaps,
};
use crate::rules::{Rule, RuleConfig};
use std::collections::HashSet;
use std::hash::BuildHasherDefault;

/// A set with [`FxHasher`].
type FxSet<K> = HashSet<K, BuildHasherDefault<FxHasher>>;

/// Sort key of a merge finding: (plan, activity) with plan-level fields first.
pub(super) fn merge_key(path: &str) -> (usize, usize) {
    let Some(rest) = path.strip_prefix("/plans/") else {
        return (usize::MAX, 0);
    };
    let end = rest.find('/').unwrap_or(rest.len());
    let plan = rest
        .get(..end)
        .and_then(|n| n.parse().ok())
        .unwrap_or(usize::MAX);
    let act = rest
        .get(end..)
        .and_then(activity_index)
        .map_or(0, |i| i.saturating_add(1));
    (plan, act)
}

/// Each plan's own findings, under `/plans/{i}`.
fn prefixed(checked: &[CheckedPlan<'_>]) -> Vec<Diagnostic> {
    let mut all = Vec::new();
    for (i, c) in checked.iter().enumerate() {
        for d in &c.diagnostics {
            let mut d = d.clone();
            d.path = format!("/plans/{i}{}", d.path);
            if let Some(first) = d.params.get_mut("first") {
                *first = format!("/plans/{i}{first}");
            }
            all.push(d);
        }
    }
    all
}

/// The trimmed id, `None` when missing or blank.
fn trimmed(id: Option<&str>) -> Option<&str> {
    id.map(str::trim).filter(|s| !s.is_empty())
}

/// Duplicate plan ids, and activity ids repeated across plans.
fn duplicate_ids(plans: &[WorkPlan], out: &mut Findings<'_>) {
    // FxHash: ids are short, and a crafted set of ids only slows the merge down.
    let mut plan_ids: FxMap<&str, usize> = FxMap::default();
    let total = plans.iter().map(|p| p.activities.len()).sum();
    let mut activity_ids: FxMap<&str, (usize, usize)> =
        FxMap::with_capacity_and_hasher(total, Default::default());
    let mut seen: FxSet<&str> = FxSet::default();
    for (i, p) in plans.iter().enumerate() {
        if let Some(id) = trimmed(p.id.as_deref()) {
            match plan_ids.get(id) {
                Some(&j) => out.push(Rule::DuplicateId, format!("/plans/{i}/id"), |d| {
                    d.with_value(id)
                        .with_param("first", format!("/plans/{j}/id"))
                }),
                None => {
                    plan_ids.insert(id, i);
                }
            }
        }
        // Repeats within one plan are that plan's own finding: only an id's first
        // occurrence in a plan is compared across plans, so that each later occurrence in the
        // general plan has exactly one finding, whatever the order of the plans.
        seen.clear();
        for (a, act) in p.activities.iter().enumerate() {
            let Some(id) = trimmed(act.id.as_deref()) else {
                continue;
            };
            if !seen.insert(id) {
                continue;
            }
            match activity_ids.get(id) {
                Some(&(j, b)) if j != i => {
                    out.push(
                        Rule::DuplicateId,
                        format!("/plans/{i}/activities/{a}/id"),
                        |d| {
                            d.with_value(id)
                                .with_param("first", format!("/plans/{j}/activities/{b}/id"))
                        },
                    );
                }
                Some(_) => {}
                None => {
                    activity_ids.insert(id, (i, a));
                }
            }
        }
    }
}

/// The finding of `rule` at activity `a` (plan, activity) about activity `b`.
fn pair(
    rule: Rule,
    plans: &[WorkPlan],
    (pa, aa): (usize, usize),
    (pb, ab): (usize, usize),
    shared: Option<&[String]>,
    out: &mut Findings<'_>,
) {
    let (Some(plan_a), Some(plan_b)) = (plans.get(pa), plans.get(pb)) else {
        return;
    };
    let at_a = ActivityAt::new(plan_a, aa, format!("/plans/{pa}/activities/{aa}"));
    let at_b = ActivityAt::new(plan_b, ab, format!("/plans/{pb}/activities/{ab}"));
    out.add(rule, pair_finding(rule, &at_a, &at_b, shared));
}

impl Catalog {
    /// Merges work plans into the [`GeneralPlan`] and reports, in one [`Report`]:
    ///
    /// - each plan's own findings ([`Catalog::validate_plan`]) with paths prefixed by
    ///   `/plans/{i}`;
    /// - `duplicate_id` for a plan id used by an earlier plan (at `/plans/{j}/id`) and for an
    ///   activity id used in an earlier plan (at `/plans/{j}/activities/{b}/id`; ids must be
    ///   unique across the general plan, e.g. prefixed with the working group);
    /// - `near_duplicate` (info) for two activities of different plans with the same kind (or
    ///   both without one), the same guideline refs, overlapping dates and similar titles
    ///   (see [`NEAR_DUPLICATE_TITLE_SIMILARITY`](super::NEAR_DUPLICATE_TITLE_SIMILARITY));
    /// - `schedule_overlap` once per clashing pair (see [`crate::find_overlaps`]), at the
    ///   first activity, naming the other in `params` (`other_path`, `other_activity`,
    ///   `other_group`);
    /// - `axis_not_covered` (info, path `""`, value the axis code) for every axis of the
    ///   coverage version without any activity.
    ///
    /// Findings are ordered by plan, then activity (plan fields first), then the
    /// `axis_not_covered` ones in the set's axis order.
    ///
    /// ```
    /// use lineamientos::{Catalog, RuleConfig, WorkPlan};
    /// let plan = |id: &str, group: &str, axis: &str, g: &str| WorkPlan::from_json(&format!(
    ///   r#"{{"id": "{id}", "working_group": "{group}", "axis": "{axis}", "guideline_version": "2023",
    ///   "period": {{"start": "2024-01-01", "end": "2024-12-31"}},
    ///   "activities": [{{"id": "{id}-1", "title": "Taller regional", "kind": "training",
    ///     "start": "2024-04-10", "end": "2024-04-11", "lead": "MEX", "guidelines": ["{g}"],
    ///     "indicators": [{{"name": "Personas", "target": 40}}]}}]}}"#)).unwrap();
    /// let plans = [plan("vcm", "mesa-vcm", "VCM", "VCM-1"), plan("emp", "mesa-emp", "EMP", "EMP-1")];
    /// let cfg = RuleConfig::new(chrono::NaiveDate::from_ymd_opt(2024, 6, 1).unwrap());
    /// let (general, report) = Catalog::embedded().merge_plans(&plans, &cfg);
    /// let overlap = report.with_code("schedule_overlap").next().unwrap();
    /// assert_eq!(overlap.path, "/plans/0/activities/0");
    /// assert_eq!(overlap.params["other_path"], "/plans/1/activities/0");
    /// assert_eq!(general.axis_coverage("VCM").unwrap().activities.len(), 1);
    /// assert!(general.uncovered_axes.contains(&"CUI".to_owned()));
    /// # Ok::<(), lineamientos::Error>(())
    /// ```
    pub fn merge_plans(&self, plans: &[WorkPlan], config: &RuleConfig) -> (GeneralPlan, Report) {
        let mut checker = Checker::new(self, config);
        let checked: Vec<CheckedPlan<'_>> = plans.iter().map(|p| checker.check_plan(p)).collect();
        let mut all = prefixed(&checked);
        let mut out = Findings::new(config);
        duplicate_ids(plans, &mut out);
        if config.is_on(Rule::NearDuplicate) {
            for (pa, aa, pb, ab) in near_duplicates(plans, &checked) {
                pair(
                    Rule::NearDuplicate,
                    plans,
                    (pa, aa),
                    (pb, ab),
                    None,
                    &mut out,
                );
            }
        }
        if config.is_on(Rule::ScheduleOverlap) {
            for o in plan_overlaps(plans, &checked, &checker) {
                pair(
                    Rule::ScheduleOverlap,
                    plans,
                    o.a,
                    o.b,
                    Some(&o.shared),
                    &mut out,
                );
            }
        }
        all.append(&mut out.list);
        all.sort_by_key(|d| merge_key(&d.path));

        let (version, coverage) = self.coverage(plans, &checked);
        let mut uncovered = Vec::new();
        for c in &coverage {
            if c.activities.is_empty() {
                uncovered.push(c.axis.clone());
                out.push(Rule::AxisNotCovered, "", |d| {
                    d.with_value(c.axis.as_str())
                        .with_param("axis", c.axis.as_str())
                });
            }
        }
        all.append(&mut out.list);
        let mut report = Report::new(self.pins());
        report.extend(all);
        let general = GeneralPlan {
            guideline_version: version,
            plans: plans.to_vec(),
            coverage,
            uncovered_axes: uncovered,
            sources: plans
                .iter()
                .enumerate()
                .map(|(index, p)| super::PlanSource {
                    index,
                    plan_id: p.id.clone(),
                    content_hash: p.content_hash().ok(),
                    approval: None,
                })
                .collect(),
            pins: self.pins(),
        };
        (general, report)
    }
}
