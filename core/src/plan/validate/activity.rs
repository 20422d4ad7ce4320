//! The checks of one activity, one function per field group, in the order of the findings:
//! `id`, `title`, `kind`, `start` / `end`, `lead`, `participants`, `guidelines`,
//! `gcm_objectives` / `sdgs`, `indicators`.

use super::CheckedActivity;
use super::checker::{Checker, blank, given};
use super::findings::Findings;
use crate::codes::CodeKind;
use crate::guidelines::GuidelineSet;
use crate::plan::Activity;
use crate::rules::Rule;
use chrono::NaiveDate;
use std::collections::HashMap;

/// What the checks of an activity need to know about it and its plan.
pub(super) struct ActivityCx<'p, 'c> {
    /// The activity's index in the plan.
    pub i: usize,
    /// The activity.
    pub a: &'p Activity,
    /// The known bounds of the plan's period (none when inverted).
    pub plan_dates: (Option<NaiveDate>, Option<NaiveDate>),
    /// The guideline set of the plan's version, when known.
    pub set: Option<&'c GuidelineSet>,
    /// The plan's axis as a code of that set, when it resolves.
    pub axis: Option<&'p str>,
}

impl ActivityCx<'_, '_> {
    /// The path of `field` of this activity.
    fn path(&self, field: &str) -> String {
        format!("/activities/{}/{field}", self.i)
    }

    /// Whether `d` falls outside the plan's period.
    fn outside(&self, d: NaiveDate) -> bool {
        let (ps, pe) = self.plan_dates;
        ps.is_some_and(|ps| d < ps) || pe.is_some_and(|pe| d > pe)
    }
}

impl<'c> Checker<'c> {
    /// Checks activity `cx.i`; `first_id` maps the ids seen so far in the plan to their index.
    pub(super) fn check_activity<'p>(
        &mut self,
        cx: &ActivityCx<'p, 'c>,
        first_id: &mut HashMap<&'p str, usize>,
        out: &mut Findings<'_>,
    ) -> CheckedActivity<'c> {
        let mut checked = CheckedActivity::default();
        check_id(cx, first_id, out);
        match given(cx.a.title.as_deref()) {
            None => out.missing(cx.path("title"), "title"),
            Some(_) => checked.has_title = true,
        }
        match cx.a.kind {
            None => out.missing(cx.path("kind"), "kind"),
            Some(k) => checked.is_event = k.is_event(),
        }
        self.check_dates(cx, &mut checked, out);
        self.check_leads(cx, &mut checked.people, out);
        for (k, raw) in cx.a.participants.iter().enumerate() {
            let path = || cx.path(&format!("participants/{k}"));
            if raw.trim().is_empty() {
                out.missing(path(), "participants");
                continue;
            }
            self.person_into(out, &mut checked.people, raw, path);
        }
        if let Some(set) = cx.set {
            self.check_guidelines(cx, set, &mut checked.refs, out);
        }
        self.check_goals(cx, out);
        check_indicators(cx, out);
        checked
    }

    /// `start` and `end`: present, in order, inside the plan's period, and for an event not
    /// longer than the configured maximum.
    fn check_dates(
        &self,
        cx: &ActivityCx<'_, '_>,
        checked: &mut CheckedActivity<'_>,
        out: &mut Findings<'_>,
    ) {
        let a = cx.a;
        let outside_finding = |field: &str, d: NaiveDate, out: &mut Findings<'_>| {
            let show = |x: Option<NaiveDate>| x.map_or_else(|| "?".to_owned(), |x| x.to_string());
            let (ps, pe) = cx.plan_dates;
            out.push(Rule::OutsidePlanPeriod, cx.path(field), |f| {
                f.with_value(d.to_string())
                    .with_param("start", show(a.start))
                    .with_param("end", show(a.end))
                    .with_param("plan_start", show(ps))
                    .with_param("plan_end", show(pe))
            });
        };
        let mut start_outside = false;
        match a.start {
            None => out.missing(cx.path("start"), "start"),
            Some(s) if cx.outside(s) => {
                start_outside = true;
                outside_finding("start", s, out);
            }
            Some(_) => {}
        }
        match (a.start, a.end) {
            (_, None) => out.missing(cx.path("end"), "end"),
            (Some(s), Some(e)) if e < s => out.push(Rule::EndBeforeStart, cx.path("end"), |d| {
                d.with_value(e.to_string())
                    .with_param("start", s.to_string())
                    .with_param("end", e.to_string())
            }),
            (s, Some(e)) => {
                if !start_outside && cx.outside(e) {
                    outside_finding("end", e, out);
                }
                if let Some(s) = s {
                    checked.dates = Some((s, e));
                    self.check_event_length(cx, checked.is_event, (s, e), out);
                }
            }
        }
    }

    /// `unbounded_event` for an event longer than the configured maximum.
    fn check_event_length(
        &self,
        cx: &ActivityCx<'_, '_>,
        is_event: bool,
        (s, e): (NaiveDate, NaiveDate),
        out: &mut Findings<'_>,
    ) {
        // Inclusive days: an event on one day lasts 1 day.
        let days = (e - s).num_days().saturating_add(1);
        let max = self.cfg.max_event_days;
        if is_event && days > i64::from(max) {
            out.push(Rule::UnboundedEvent, cx.path("end"), |d| {
                d.with_value(e.to_string())
                    .with_param("days", days.to_string())
                    .with_param("max_days", max.to_string())
            });
        }
    }

    /// `lead`: exactly one, each a known participant.
    fn check_leads(
        &mut self,
        cx: &ActivityCx<'_, '_>,
        people: &mut Vec<u32>,
        out: &mut Findings<'_>,
    ) {
        let a = cx.a;
        let leads = || {
            a.lead
                .iter()
                .enumerate()
                .filter(|(_, l)| !l.trim().is_empty())
        };
        let count = leads().count();
        if count != 1 {
            out.push(Rule::LeadCount, cx.path("lead"), |d| {
                d.with_value(
                    leads()
                        .map(|(_, l)| l.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                )
                .with_param("count", count.to_string())
            });
        }
        let single = a.lead.len() == 1;
        for (k, raw) in leads() {
            let path = || {
                if single {
                    cx.path("lead")
                } else {
                    cx.path(&format!("lead/{k}"))
                }
            };
            self.person_into(out, people, raw, path);
        }
    }

    /// Resolves a lead or participant, reporting an unknown one, and records it for overlaps.
    fn person_into(
        &mut self,
        out: &mut Findings<'_>,
        people: &mut Vec<u32>,
        raw: &str,
        path: impl FnOnce() -> String,
    ) {
        let found = self.person(raw);
        if !found.known {
            out.unknown_code(path(), CodeKind::Participant, raw, found.suggestion);
        }
        if !people.contains(&found.id) {
            people.push(found.id);
        }
    }

    /// `guidelines`: each ref known and not retired in the plan's version, and at least one
    /// on the plan's axis. Records the resolved refs in `refs`.
    fn check_guidelines(
        &mut self,
        cx: &ActivityCx<'_, 'c>,
        set: &'c GuidelineSet,
        refs: &mut Vec<&'c str>,
        out: &mut Findings<'_>,
    ) {
        let mut axes_seen = false;
        let mut on_axis = false;
        for (k, raw) in cx.a.guidelines.iter().enumerate() {
            let path = || cx.path(&format!("guidelines/{k}"));
            if raw.trim().is_empty() {
                out.missing(path(), "guidelines");
                continue;
            }
            match self.guideline(&set.version, raw) {
                Err(suggestion) => out.push(Rule::UnknownGuideline, path(), |d| {
                    d.with_value(raw.as_str())
                        .with_param("version", set.version.as_str())
                        .with_suggestion(suggestion)
                }),
                Ok(g) => {
                    if let Some(retired) = &g.retired {
                        out.push(Rule::RetiredGuideline, path(), |d| {
                            d.with_value(raw.as_str())
                                .with_param("retired", retired.as_str())
                                .with_suggestion(self.replacement(set, g))
                        });
                    }
                    axes_seen = true;
                    on_axis |= cx.axis == Some(g.axis.as_str());
                    if !refs.contains(&g.code.as_str()) {
                        refs.push(g.code.as_str());
                    }
                }
            }
        }
        if let Some(axis) = cx.axis {
            if axes_seen && !on_axis {
                out.push(Rule::AxisMismatch, cx.path("guidelines"), |d| {
                    d.with_value(refs.join(", ")).with_param("axis", axis)
                });
            }
        }
    }

    /// `gcm_objectives` and `sdgs` (an agency catalogue without these lists does not
    /// constrain them).
    fn check_goals(&self, cx: &ActivityCx<'_, '_>, out: &mut Findings<'_>) {
        let cat = self.cat;
        if !cat.gcm_objectives().is_empty() {
            for (k, n) in cx.a.gcm_objectives.iter().enumerate() {
                if cat.gcm_objective(*n).is_none() {
                    let path = cx.path(&format!("gcm_objectives/{k}"));
                    out.unknown_code(path, CodeKind::GcmObjective, &n.to_string(), None);
                }
            }
        }
        if !cat.sdgs().is_empty() {
            for (k, n) in cx.a.sdgs.iter().enumerate() {
                if cat.sdg(*n).is_none() {
                    let path = cx.path(&format!("sdgs/{k}"));
                    out.unknown_code(path, CodeKind::Sdg, &n.to_string(), None);
                }
            }
        }
    }
}

/// `id`: present and not used by an earlier activity of the plan.
fn check_id<'p>(
    cx: &ActivityCx<'p, '_>,
    first_id: &mut HashMap<&'p str, usize>,
    out: &mut Findings<'_>,
) {
    match given(cx.a.id.as_deref()) {
        None => out.missing(cx.path("id"), "id"),
        Some(id) => {
            if let Some(&j) = first_id.get(id) {
                out.push(Rule::DuplicateId, cx.path("id"), |d| {
                    d.with_value(id)
                        .with_param("first", format!("/activities/{j}/id"))
                });
            } else {
                first_id.insert(id, cx.i);
            }
        }
    }
}

/// `indicators`: each named, and at least one with a target.
fn check_indicators(cx: &ActivityCx<'_, '_>, out: &mut Findings<'_>) {
    for (k, ind) in cx.a.indicators.iter().enumerate() {
        if blank(ind.name.as_deref()) {
            out.missing(cx.path(&format!("indicators/{k}/name")), "indicators.name");
        }
    }
    if !cx.a.indicators.iter().any(|ind| ind.target.is_some()) {
        out.push(Rule::NoIndicator, cx.path("indicators"), |d| d);
    }
}
