//! The coverage of the guidelines by the merged plans: per axis and per guideline item of
//! the coverage version, the activities that work on it.

use super::{ActivityRef, AxisCoverage, GuidelineCoverage};
use crate::catalog::Catalog;
use crate::guidelines::GuidelineSet;
use crate::plan::{CheckedPlan, WorkPlan};
use std::collections::{BTreeMap, HashMap};

impl Catalog {
    /// The coverage version and table.
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
        let axis_index: HashMap<&str, usize> = target
            .axes
            .iter()
            .enumerate()
            .map(|(i, a)| (a.code.as_str(), i))
            .collect();
        let item_index: HashMap<&str, usize> = target
            .guidelines
            .iter()
            .enumerate()
            .map(|(i, g)| (g.code.as_str(), i))
            .collect();
        let mut by_axis: Vec<Vec<ActivityRef>> = vec![Vec::new(); target.axes.len()];
        let mut by_item: Vec<Vec<ActivityRef>> = vec![Vec::new(); target.guidelines.len()];
        let mut mapped: HashMap<(String, String), Vec<String>> = HashMap::new();
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
                let mut axes: Vec<usize> = Vec::new();
                if let Some(&x) = c.axis.as_deref().and_then(|x| axis_index.get(x)) {
                    axes.push(x);
                }
                let mut items: Vec<usize> = Vec::new();
                for &code in &a.refs {
                    let targets = if set.version == target.version {
                        vec![code.to_owned()]
                    } else {
                        mapped
                            .entry((set.version.clone(), code.to_owned()))
                            .or_insert_with(|| {
                                self.map_guideline(&set.version, &target.version, code)
                                    .unwrap_or_default()
                            })
                            .clone()
                    };
                    for t in targets {
                        let Some(&gi) = item_index.get(t.as_str()) else {
                            continue;
                        };
                        if !items.contains(&gi) {
                            items.push(gi);
                        }
                        let ax = target
                            .guidelines
                            .get(gi)
                            .and_then(|g| axis_index.get(g.axis.as_str()));
                        if let Some(&x) = ax {
                            if !axes.contains(&x) {
                                axes.push(x);
                            }
                        }
                    }
                }
                for x in axes {
                    if let Some(v) = by_axis.get_mut(x) {
                        v.push(r.clone());
                    }
                }
                for gi in items {
                    if let Some(v) = by_item.get_mut(gi) {
                        v.push(r.clone());
                    }
                }
            }
        }
        let mut items_of_axis: BTreeMap<usize, Vec<GuidelineCoverage>> = BTreeMap::new();
        for (g, acts) in target.guidelines.iter().zip(by_item) {
            if let Some(&x) = axis_index.get(g.axis.as_str()) {
                items_of_axis.entry(x).or_default().push(GuidelineCoverage {
                    code: g.code.clone(),
                    retired: g.retired.is_some(),
                    activities: acts,
                });
            }
        }
        let coverage = target
            .axes
            .iter()
            .zip(by_axis)
            .enumerate()
            .map(|(x, (axis, acts))| AxisCoverage {
                axis: axis.code.clone(),
                name: axis.name.clone(),
                activities: acts,
                guidelines: items_of_axis.remove(&x).unwrap_or_default(),
            })
            .collect();
        (Some(target.version.clone()), coverage)
    }
}
