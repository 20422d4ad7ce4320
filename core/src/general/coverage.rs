//! The coverage of the guidelines by the merged plans: per axis and per guideline item of
//! the coverage version, the activities that work on it.

use super::{ActivityRef, AxisCoverage, GuidelineCoverage};
use crate::catalog::Catalog;
use crate::guidelines::GuidelineSet;
use crate::plan::{CheckedPlan, WorkPlan};
use std::collections::{BTreeMap, HashMap};

/// The coverage version with its axes and items by code, and the activities found so far.
struct Tally<'c> {
    target: &'c GuidelineSet,
    axis_index: HashMap<&'c str, usize>,
    item_index: HashMap<&'c str, usize>,
    by_axis: Vec<Vec<ActivityRef>>,
    by_item: Vec<Vec<ActivityRef>>,
    /// (version, ref) -> its codes in the target version (crosswalks are walked once).
    mapped: HashMap<(String, String), Vec<String>>,
}

impl<'c> Tally<'c> {
    fn new(target: &'c GuidelineSet) -> Self {
        Tally {
            target,
            axis_index: target
                .axes
                .iter()
                .enumerate()
                .map(|(i, a)| (a.code.as_str(), i))
                .collect(),
            item_index: target
                .guidelines
                .iter()
                .enumerate()
                .map(|(i, g)| (g.code.as_str(), i))
                .collect(),
            by_axis: vec![Vec::new(); target.axes.len()],
            by_item: vec![Vec::new(); target.guidelines.len()],
            mapped: HashMap::new(),
        }
    }

    /// The codes of `code` (a ref of version `set`) in the target version.
    fn targets(&mut self, cat: &Catalog, set: &GuidelineSet, code: &str) -> Vec<String> {
        if set.version == self.target.version {
            return vec![code.to_owned()];
        }
        let target = &self.target.version;
        self.mapped
            .entry((set.version.clone(), code.to_owned()))
            .or_insert_with(|| {
                cat.map_guideline(&set.version, target, code)
                    .unwrap_or_default()
            })
            .clone()
    }

    /// Counts activity `r`: on the plan's axis (if any), on each item it refers to (mapped
    /// to the target version), and on those items' axes.
    fn add(
        &mut self,
        cat: &Catalog,
        set: &GuidelineSet,
        plan_axis: Option<&str>,
        refs: &[&str],
        r: &ActivityRef,
    ) {
        let mut axes: Vec<usize> = Vec::new();
        if let Some(&x) = plan_axis.and_then(|x| self.axis_index.get(x)) {
            axes.push(x);
        }
        let mut items: Vec<usize> = Vec::new();
        for &code in refs {
            for t in self.targets(cat, set, code) {
                let Some(&gi) = self.item_index.get(t.as_str()) else {
                    continue;
                };
                if !items.contains(&gi) {
                    items.push(gi);
                }
                let ax = self
                    .target
                    .guidelines
                    .get(gi)
                    .and_then(|g| self.axis_index.get(g.axis.as_str()));
                if let Some(&x) = ax {
                    if !axes.contains(&x) {
                        axes.push(x);
                    }
                }
            }
        }
        for x in axes {
            if let Some(v) = self.by_axis.get_mut(x) {
                v.push(r.clone());
            }
        }
        for gi in items {
            if let Some(v) = self.by_item.get_mut(gi) {
                v.push(r.clone());
            }
        }
    }

    /// One row per axis of the target, in its order, each with its items.
    fn table(self) -> Vec<AxisCoverage> {
        let mut items_of_axis: BTreeMap<usize, Vec<GuidelineCoverage>> = BTreeMap::new();
        for (g, acts) in self.target.guidelines.iter().zip(self.by_item) {
            if let Some(&x) = self.axis_index.get(g.axis.as_str()) {
                items_of_axis.entry(x).or_default().push(GuidelineCoverage {
                    code: g.code.clone(),
                    retired: g.retired.is_some(),
                    activities: acts,
                });
            }
        }
        self.target
            .axes
            .iter()
            .zip(self.by_axis)
            .enumerate()
            .map(|(x, (axis, acts))| AxisCoverage {
                axis: axis.code.clone(),
                name: axis.name.clone(),
                activities: acts,
                guidelines: items_of_axis.remove(&x).unwrap_or_default(),
            })
            .collect()
    }
}

impl Catalog {
    /// The coverage version (the newest the plans refer to, else the current one) and table.
    pub(super) fn coverage(
        &self,
        plans: &[WorkPlan],
        checked: &[CheckedPlan<'_>],
    ) -> (Option<String>, Vec<AxisCoverage>) {
        let position = |s: &GuidelineSet| {
            self.guideline_sets()
                .iter()
                .position(|x| x.version == s.version)
        };
        let target: Option<&GuidelineSet> = checked
            .iter()
            .filter_map(|c| c.set)
            .max_by_key(|s| position(s))
            .or_else(|| self.current_guideline_set());
        let Some(target) = target else {
            return (None, Vec::new());
        };
        let mut tally = Tally::new(target);
        for (pi, (plan, c)) in plans.iter().zip(checked).enumerate() {
            let Some(set) = c.set else { continue };
            for (ai, a) in c.activities.iter().enumerate() {
                let r = ActivityRef {
                    plan: pi,
                    activity: ai,
                    plan_id: plan.id.clone(),
                    activity_id: plan.activities.get(ai).and_then(|x| x.id.clone()),
                    path: format!("/plans/{pi}/activities/{ai}"),
                };
                tally.add(self, set, c.axis.as_deref(), &a.refs, &r);
            }
        }
        (Some(target.version.clone()), tally.table())
    }
}
