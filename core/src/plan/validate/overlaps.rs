//! Schedule overlaps across plans: the clashing events of different working groups that
//! share a participant, and the findings that name both activities.

use super::{CheckedPlan, Checker};
use crate::diagnostic::Diagnostic;
use crate::plan::WorkPlan;
use crate::rules::Rule;
use crate::schedule::{ScheduledEvent, find_overlaps};
use std::collections::HashMap;

/// A clash between two activities of (possibly) different plans.
#[derive(Debug)]
pub(crate) struct ActivityOverlap {
    /// (plan index, activity index) of the first activity.
    pub a: (usize, usize),
    /// (plan index, activity index) of the second activity.
    pub b: (usize, usize),
    /// The shared participants.
    pub shared: Vec<String>,
}

/// The clashes between the events of `plans` (see [`find_overlaps`]). A plan without a
/// working group counts as a group of its own.
pub(crate) fn plan_overlaps(
    plans: &[WorkPlan],
    checked: &[CheckedPlan<'_>],
    checker: &Checker<'_>,
) -> Vec<ActivityOverlap> {
    let mut groups: HashMap<&str, usize> = HashMap::new();
    let mut events = Vec::new();
    let mut origin = Vec::new();
    for (pi, (plan, c)) in plans.iter().zip(checked).enumerate() {
        let group = match plan.working_group.as_deref().map(str::trim) {
            Some(g) if !g.is_empty() => {
                let next = groups.len();
                *groups.entry(g).or_insert(next)
            }
            // Never equal to an interned group: counted down from the top.
            _ => usize::MAX - pi,
        };
        for (ai, a) in c.activities.iter().enumerate() {
            let Some((start, end)) = a.dates.filter(|_| a.is_event) else {
                continue;
            };
            events.push(ScheduledEvent::new(start, end, group, a.people.clone()));
            origin.push((pi, ai));
        }
    }
    find_overlaps(&events)
        .into_iter()
        .filter_map(|o| {
            let mut shared: Vec<String> = o
                .shared
                .iter()
                .map(|&k| checker.person_name(k).to_owned())
                .collect();
            shared.sort_unstable();
            Some(ActivityOverlap {
                a: *origin.get(o.first)?,
                b: *origin.get(o.second)?,
                shared,
            })
        })
        .collect()
}

/// An activity of a plan, with the path findings use for it.
pub(crate) struct ActivityAt<'a> {
    /// The plan.
    pub plan: &'a WorkPlan,
    /// The activity's index in the plan.
    pub activity: usize,
    /// Its path (`/activities/{i}` or `/plans/{p}/activities/{i}`).
    pub path: String,
}

impl<'a> ActivityAt<'a> {
    /// Activity `activity` of `plan`, at `path`.
    pub(crate) fn new(plan: &'a WorkPlan, activity: usize, path: String) -> Self {
        ActivityAt {
            plan,
            activity,
            path,
        }
    }

    /// The activity's id, or its path when it has none.
    fn id(&self) -> String {
        self.plan
            .activities
            .get(self.activity)
            .and_then(|a| a.id.clone())
            .unwrap_or_else(|| self.path.clone())
    }

    /// The plan's working group, `?` when it has none.
    fn group(&self) -> String {
        self.plan
            .working_group
            .clone()
            .unwrap_or_else(|| "?".to_owned())
    }
}

/// The finding of `rule` (`schedule_overlap`, `near_duplicate`) at `this` about its pair
/// with `other`, naming the other activity, its group, plan and path, and for an overlap the
/// `shared` participants.
pub(crate) fn pair_finding(
    rule: Rule,
    this: &ActivityAt<'_>,
    other: &ActivityAt<'_>,
    shared: Option<&[String]>,
) -> Diagnostic {
    let id = this.id();
    let d = rule
        .finding(this.path.clone())
        .with_value(id.clone())
        .with_param("activity", id)
        .with_param("group", this.group())
        .with_param("other_activity", other.id())
        .with_param("other_group", other.group())
        .with_param(
            "other_plan",
            other.plan.id.clone().unwrap_or_else(|| "?".to_owned()),
        )
        .with_param("other_path", other.path.clone());
    match shared {
        Some(shared) => d.with_param("shared", shared.join(", ")),
        None => d,
    }
}
