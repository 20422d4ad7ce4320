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
        // The content hashes (a third of a large merge's time) need nothing else.
        let (hashes, (mut general, report)) = crate::join::join(
            large(plans),
            || -> Vec<Option<String>> { plans.iter().map(|p| p.content_hash().ok()).collect() },
            || self.merge_checked(plans, config),
        );
        for (source, hash) in general.sources.iter_mut().zip(hashes) {
            source.content_hash = hash;
        }
        // The configuration's rule files, over every plan (paths `/plans/{p}/...`).
        let mut report = report;
        let data = crate::ruleset::RuleData::new()
            .with_plans(plans)
            .with_catalog(self);
        for rs in config.rulesets() {
            report.add_ruleset_check(rs.run(&data, config));
        }
        (general, report)
    }

    /// [`Catalog::merge_plans`] without the sources' content hashes.
    fn merge_checked(&self, plans: &[WorkPlan], config: &RuleConfig) -> (GeneralPlan, Report) {
        let mut checker = Checker::new(self, config);
        let checked: Vec<CheckedPlan<'_>> = plans.iter().map(|p| checker.check_plan(p)).collect();
        let mut all = prefixed(&checked);
        let mut out = Findings::new(config);
        duplicate_ids(plans, &mut out);
        // The near duplicates (the largest part of a large merge) read the checked plans and
        // nothing else: they run beside the overlaps, the coverage and the plans' copy.
        let (near, (overlaps, (version, coverage), copy)) = crate::join::join(
            large(plans) && config.is_on(Rule::NearDuplicate),
            || {
                if config.is_on(Rule::NearDuplicate) {
                    near_duplicates(plans, &checked)
                } else {
                    Vec::new()
                }
            },
            || {
                let overlaps = if config.is_on(Rule::ScheduleOverlap) {
                    plan_overlaps(plans, &checked, &checker)
                } else {
                    Vec::new()
                };
                (overlaps, self.coverage(plans, &checked), plans.to_vec())
            },
        );
        for (pa, aa, pb, ab) in near {
            pair(
                Rule::NearDuplicate,
                plans,
                (pa, aa),
                (pb, ab),
                None,
                &mut out,
            );
        }
        for o in overlaps {
            pair(
                Rule::ScheduleOverlap,
                plans,
                o.a,
                o.b,
                Some(&o.shared),
                &mut out,
            );
        }
        all.append(&mut out.list);
        all.sort_by_key(|d| merge_key(&d.path));

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
            plans: copy,
            coverage,
            uncovered_axes: uncovered,
            sources: plans
                .iter()
                .enumerate()
                .map(|(index, p)| super::PlanSource {
                    index,
                    plan_id: p.id.clone(),
                    content_hash: None,
                    approval: None,
                })
                .collect(),
            pins: self.pins(),
        };
        (general, report)
    }
}

/// Whether a merge is large enough for a second thread: below a thousand activities
/// starting one costs more than it saves.
fn large(plans: &[WorkPlan]) -> bool {
    plans.iter().map(|p| p.activities.len()).sum::<usize>() >= 1_000
}

#[cfg(test)]
mod tests {
    use crate::plan::{Activity, WorkPlan};
    use crate::{Catalog, RuleConfig};

    fn plan(id: &str, activities: usize) -> WorkPlan {
        WorkPlan {
            id: Some(id.to_owned()),
            activities: (0..activities)
                .map(|i| Activity {
                    id: Some(format!("{id}-{i}")),
                    title: Some(format!("Taller {i}")),
                    ..Activity::default()
                })
                .collect(),
            ..WorkPlan::default()
        }
    }

    #[test]
    fn every_source_has_its_plans_content_hash_small_or_large() -> crate::Result<()> {
        let cat = Catalog::embedded();
        let cfg = RuleConfig::from_json(r#"{"as_of": "2024-06-01"}"#)?;
        // 3 activities stay in the calling thread; 1,200 take the hashing thread.
        for per_plan in [1, 600] {
            let plans = vec![
                plan("a", per_plan),
                plan("b", per_plan),
                plan("c", per_plan),
            ];
            let (general, _) = cat.merge_plans(&plans, &cfg);
            assert_eq!(general.sources.len(), 3);
            for (source, p) in general.sources.iter().zip(&plans) {
                assert_eq!(source.plan_id, p.id);
                assert_eq!(source.content_hash, Some(p.content_hash()?));
            }
            assert_ne!(
                general.sources[0].content_hash,
                general.sources[1].content_hash
            );
        }
        Ok(())
    }
}
