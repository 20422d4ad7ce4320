//! Validation of work plans against a catalogue: [`Catalog::validate_plan`] and
//! [`Catalog::validate_plans`].
//!
//! The rules and their codes are listed in [`Rule`](crate::Rule); `docs/plans.md` has the
//! table with default severities. Findings come in a fixed order: the plan's own fields
//! (`/id`, `/working_group`, `/axis`, `/period/...`, `/guideline_version`), then each activity
//! by index, and within an activity by field (`id`, `title`, `kind`, `start`, `end`, `lead`,
//! `participants`, `guidelines`, `gcm_objectives`, `sdgs`, `indicators`), then the
//! findings about the activity as a whole (`schedule_overlap`).

use crate::Error;
use crate::catalog::Catalog;
use crate::codes::CodeKind;
use crate::diagnostic::{Diagnostic, Report};
use crate::guidelines::{Guideline, GuidelineSet};
use crate::plan::{Activity, WorkPlan};
use crate::rules::{Rule, RuleConfig};
use crate::schedule::{ScheduledEvent, find_overlaps};
use crate::text::normalize_key;
use chrono::NaiveDate;
use std::collections::HashMap;

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

/// A participant as written, resolved.
#[derive(Debug, Clone)]
struct PersonLookup {
    /// Its id in [`Checker::person_name`]: the normalised code, or `?` + the folded spelling.
    id: u32,
    /// Whether the catalogue knows it.
    known: bool,
    /// The nearest code, for an unknown one.
    suggestion: Option<String>,
}

/// A guideline set with a lookup cache for refs as written.
struct SetIndex<'c> {
    set: &'c GuidelineSet,
    by_key: HashMap<String, &'c Guideline>,
    /// ref as written -> the item, or the suggestion for an unknown ref
    seen: HashMap<String, std::result::Result<&'c Guideline, Option<String>>>,
}

/// Validation state shared by the plans of one call: caches of resolved codes.
pub(crate) struct Checker<'c> {
    cat: &'c Catalog,
    cfg: &'c RuleConfig,
    /// participant as written -> its id
    people: HashMap<String, PersonLookup>,
    /// normalised participant -> id, and back
    person_ids: HashMap<String, u32>,
    person_names: Vec<String>,
    /// version as written -> its index (None: unknown version, with the suggestion)
    sets: HashMap<String, std::result::Result<SetIndex<'c>, Option<String>>>,
}

fn blank(s: Option<&str>) -> bool {
    s.is_none_or(|s| s.trim().is_empty())
}

fn missing(path: String, field: &str) -> Diagnostic {
    Diagnostic::new("missing_field", path).with_param("field", field)
}

fn unknown_code(
    path: String,
    kind: CodeKind,
    value: &str,
    suggestion: Option<String>,
) -> Diagnostic {
    Diagnostic::new("unknown_code", path)
        .with_value(value)
        .with_param("kind", kind.code())
        .with_suggestion(suggestion)
}

fn suggestion_of(e: Error) -> Option<String> {
    match e {
        Error::UnknownCode { suggestion, .. } => suggestion,
        _ => None,
    }
}

impl<'c> Checker<'c> {
    pub(crate) fn new(cat: &'c Catalog, cfg: &'c RuleConfig) -> Self {
        Checker {
            cat,
            cfg,
            people: HashMap::new(),
            person_ids: HashMap::new(),
            person_names: Vec::new(),
            sets: HashMap::new(),
        }
    }

    fn emit(&self, out: &mut Vec<Diagnostic>, rule: Rule, d: Diagnostic) {
        if let Some(d) = self.cfg.apply(rule, d) {
            out.push(d);
        }
    }

    /// The normalised code (or `?` + folded spelling) of participant `id`.
    pub(crate) fn person_name(&self, id: u32) -> &str {
        usize::try_from(id)
            .ok()
            .and_then(|i| self.person_names.get(i))
            .map_or("?", String::as_str)
    }

    /// A participant as written, resolved (cached: plans repeat the same few).
    fn person(&mut self, raw: &str) -> PersonLookup {
        if let Some(hit) = self.people.get(raw) {
            return hit.clone();
        }
        let (name, known, suggestion) = match self.cat.parse_participant(raw) {
            Ok(code) => (code, true, None),
            // Still comparable with the same misspelling elsewhere.
            Err(e) => (format!("?{}", normalize_key(raw)), false, suggestion_of(e)),
        };
        let next = u32::try_from(self.person_names.len()).unwrap_or(u32::MAX);
        let id = match self.person_ids.get(&name) {
            Some(&id) => id,
            None => {
                self.person_ids.insert(name.clone(), next);
                self.person_names.push(name);
                next
            }
        };
        let found = PersonLookup {
            id,
            known,
            suggestion,
        };
        self.people.insert(raw.to_owned(), found.clone());
        found
    }

    fn set_index(&mut self, version: &str) -> &std::result::Result<SetIndex<'c>, Option<String>> {
        let cat = self.cat;
        self.sets.entry(version.to_owned()).or_insert_with(|| {
            let set = cat.guideline_set(version).map_err(suggestion_of)?;
            let by_key = set
                .guidelines
                .iter()
                .map(|g| (normalize_key(&g.code), g))
                .collect();
            Ok(SetIndex {
                set,
                by_key,
                seen: HashMap::new(),
            })
        })
    }

    /// Checks one plan on its own (no overlaps: a plan's activities all belong to its group).
    pub(crate) fn check_plan(&mut self, plan: &WorkPlan) -> CheckedPlan<'c> {
        let mut out = Vec::new();
        if blank(plan.id.as_deref()) {
            self.emit(&mut out, Rule::MissingField, missing("/id".into(), "id"));
        }
        if blank(plan.working_group.as_deref()) {
            self.emit(
                &mut out,
                Rule::MissingField,
                missing("/working_group".into(), "working_group"),
            );
        }
        // The version decides how the axis and the refs are checked, so resolve it first.
        let version = plan
            .guideline_version
            .as_deref()
            .map(str::trim)
            .filter(|v| !v.is_empty());
        let mut version_finding = None;
        let set = match version {
            None => {
                version_finding = Some((
                    Rule::MissingField,
                    missing("/guideline_version".into(), "guideline_version"),
                ));
                None
            }
            Some(v) => match self.set_index(v) {
                Ok(ix) => Some(ix.set),
                Err(suggestion) => {
                    version_finding = Some((
                        Rule::UnknownCode,
                        unknown_code(
                            "/guideline_version".into(),
                            CodeKind::GuidelineSet,
                            v,
                            suggestion.clone(),
                        ),
                    ));
                    None
                }
            },
        };
        let mut axis = None;
        match plan
            .axis
            .as_deref()
            .map(str::trim)
            .filter(|a| !a.is_empty())
        {
            None => self.emit(
                &mut out,
                Rule::MissingField,
                missing("/axis".into(), "axis"),
            ),
            Some(a) => {
                if let Some(set) = set {
                    match self.cat.parse_axis(&set.version, a) {
                        Ok(found) => axis = Some(found.code.clone()),
                        Err(e) => self.emit(
                            &mut out,
                            Rule::UnknownCode,
                            unknown_code("/axis".into(), CodeKind::Axis, a, suggestion_of(e)),
                        ),
                    }
                }
            }
        }
        let period = plan.period;
        if period.start.is_none() {
            self.emit(
                &mut out,
                Rule::MissingField,
                missing("/period/start".into(), "period.start"),
            );
        }
        // The known bounds of the period (one may be missing); none when it is inverted.
        let mut plan_dates = (period.start, period.end);
        match (period.start, period.end) {
            (_, None) => self.emit(
                &mut out,
                Rule::MissingField,
                missing("/period/end".into(), "period.end"),
            ),
            (Some(s), Some(e)) if e < s => {
                plan_dates = (None, None);
                self.emit(
                    &mut out,
                    Rule::EndBeforeStart,
                    Diagnostic::new("end_before_start", "/period/end")
                        .with_value(e.to_string())
                        .with_param("start", s.to_string())
                        .with_param("end", e.to_string()),
                );
            }
            _ => {}
        }
        if let Some((rule, d)) = version_finding {
            self.emit(&mut out, rule, d);
        }

        let mut first_id: HashMap<&str, usize> = HashMap::new();
        let mut activities = Vec::with_capacity(plan.activities.len());
        for (i, a) in plan.activities.iter().enumerate() {
            let checked = self.check_activity(
                &mut out,
                i,
                a,
                &mut first_id,
                plan_dates,
                set,
                axis.as_deref(),
            );
            activities.push(checked);
        }
        CheckedPlan {
            diagnostics: out,
            set,
            axis,
            activities,
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn check_activity<'p>(
        &mut self,
        out: &mut Vec<Diagnostic>,
        i: usize,
        a: &'p Activity,
        first_id: &mut HashMap<&'p str, usize>,
        plan_dates: (Option<NaiveDate>, Option<NaiveDate>),
        set: Option<&'c GuidelineSet>,
        axis: Option<&str>,
    ) -> CheckedActivity<'c> {
        let p = |field: &str| format!("/activities/{i}/{field}");
        let mut checked = CheckedActivity::default();

        // id
        match a.id.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            None => self.emit(out, Rule::MissingField, missing(p("id"), "id")),
            Some(id) => {
                if let Some(&j) = first_id.get(id) {
                    self.emit(
                        out,
                        Rule::DuplicateId,
                        Diagnostic::new("duplicate_id", p("id"))
                            .with_value(id)
                            .with_param("first", format!("/activities/{j}/id")),
                    );
                } else {
                    first_id.insert(id, i);
                }
            }
        }
        // title
        match a.title.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            None => self.emit(out, Rule::MissingField, missing(p("title"), "title")),
            Some(_) => checked.has_title = true,
        }
        // kind
        match a.kind {
            None => self.emit(out, Rule::MissingField, missing(p("kind"), "kind")),
            Some(k) => checked.is_event = k.is_event(),
        }
        // start and end
        let (ps, pe) = plan_dates;
        let outside = |d: NaiveDate| ps.is_some_and(|ps| d < ps) || pe.is_some_and(|pe| d > pe);
        let outside_finding = |field: &str, d: NaiveDate| {
            let show = |x: Option<NaiveDate>| x.map_or_else(|| "?".to_owned(), |x| x.to_string());
            Diagnostic::new("outside_plan_period", p(field))
                .with_value(d.to_string())
                .with_param("start", show(a.start))
                .with_param("end", show(a.end))
                .with_param("plan_start", show(ps))
                .with_param("plan_end", show(pe))
        };
        let mut start_outside = false;
        match a.start {
            None => self.emit(out, Rule::MissingField, missing(p("start"), "start")),
            Some(s) if outside(s) => {
                start_outside = true;
                self.emit(out, Rule::OutsidePlanPeriod, outside_finding("start", s));
            }
            Some(_) => {}
        }
        match (a.start, a.end) {
            (_, None) => self.emit(out, Rule::MissingField, missing(p("end"), "end")),
            (Some(s), Some(e)) if e < s => self.emit(
                out,
                Rule::EndBeforeStart,
                Diagnostic::new("end_before_start", p("end"))
                    .with_value(e.to_string())
                    .with_param("start", s.to_string())
                    .with_param("end", e.to_string()),
            ),
            (s, Some(e)) => {
                if !start_outside && outside(e) {
                    self.emit(out, Rule::OutsidePlanPeriod, outside_finding("end", e));
                }
                if let Some(s) = s {
                    checked.dates = Some((s, e));
                    // Inclusive days: an event on one day lasts 1 day.
                    let days = (e - s).num_days().saturating_add(1);
                    if checked.is_event && days > i64::from(self.cfg.max_event_days) {
                        self.emit(
                            out,
                            Rule::UnboundedEvent,
                            Diagnostic::new("unbounded_event", p("end"))
                                .with_value(e.to_string())
                                .with_param("days", days.to_string())
                                .with_param("max_days", self.cfg.max_event_days.to_string()),
                        );
                    }
                }
            }
        }
        // lead
        let leads = || {
            a.lead
                .iter()
                .enumerate()
                .filter(|(_, l)| !l.trim().is_empty())
        };
        let count = leads().count();
        if count != 1 {
            self.emit(
                out,
                Rule::LeadCount,
                Diagnostic::new("lead_count", p("lead"))
                    .with_value(
                        leads()
                            .map(|(_, l)| l.as_str())
                            .collect::<Vec<_>>()
                            .join(", "),
                    )
                    .with_param("count", count.to_string()),
            );
        }
        let single = a.lead.len() == 1;
        for (k, raw) in leads() {
            let path = || {
                if single {
                    p("lead")
                } else {
                    p(&format!("lead/{k}"))
                }
            };
            self.person_into(out, &mut checked.people, raw, path);
        }
        // participants
        for (k, raw) in a.participants.iter().enumerate() {
            let path = || p(&format!("participants/{k}"));
            if raw.trim().is_empty() {
                self.emit(out, Rule::MissingField, missing(path(), "participants"));
                continue;
            }
            self.person_into(out, &mut checked.people, raw, path);
        }
        // guidelines
        if let Some(set) = set {
            let mut axes_seen = false;
            let mut on_axis = false;
            for (k, raw) in a.guidelines.iter().enumerate() {
                let path = || p(&format!("guidelines/{k}"));
                if raw.trim().is_empty() {
                    self.emit(out, Rule::MissingField, missing(path(), "guidelines"));
                    continue;
                }
                match self.guideline(&set.version, raw) {
                    Err(suggestion) => self.emit(
                        out,
                        Rule::UnknownGuideline,
                        Diagnostic::new("unknown_guideline", path())
                            .with_value(raw.as_str())
                            .with_param("version", set.version.as_str())
                            .with_suggestion(suggestion),
                    ),
                    Ok(g) => {
                        if let Some(retired) = &g.retired {
                            self.emit(
                                out,
                                Rule::RetiredGuideline,
                                Diagnostic::new("retired_guideline", path())
                                    .with_value(raw.as_str())
                                    .with_param("retired", retired.as_str())
                                    .with_suggestion(self.replacement(set, g)),
                            );
                        }
                        axes_seen = true;
                        on_axis |= axis == Some(g.axis.as_str());
                        if !checked.refs.contains(&g.code.as_str()) {
                            checked.refs.push(g.code.as_str());
                        }
                    }
                }
            }
            if let Some(axis) = axis {
                if axes_seen && !on_axis {
                    self.emit(
                        out,
                        Rule::AxisMismatch,
                        Diagnostic::new("axis_mismatch", p("guidelines"))
                            .with_value(checked.refs.join(", "))
                            .with_param("axis", axis),
                    );
                }
            }
        }
        // GCM objectives and SDGs (an agency catalogue without these lists does not constrain them)
        if !self.cat.gcm_objectives().is_empty() {
            for (k, n) in a.gcm_objectives.iter().enumerate() {
                if self.cat.gcm_objective(*n).is_none() {
                    self.emit(
                        out,
                        Rule::UnknownCode,
                        unknown_code(
                            p(&format!("gcm_objectives/{k}")),
                            CodeKind::GcmObjective,
                            &n.to_string(),
                            None,
                        ),
                    );
                }
            }
        }
        if !self.cat.sdgs().is_empty() {
            for (k, n) in a.sdgs.iter().enumerate() {
                if self.cat.sdg(*n).is_none() {
                    self.emit(
                        out,
                        Rule::UnknownCode,
                        unknown_code(p(&format!("sdgs/{k}")), CodeKind::Sdg, &n.to_string(), None),
                    );
                }
            }
        }
        // indicators
        for (k, ind) in a.indicators.iter().enumerate() {
            if blank(ind.name.as_deref()) {
                self.emit(
                    out,
                    Rule::MissingField,
                    missing(p(&format!("indicators/{k}/name")), "indicators.name"),
                );
            }
        }
        if !a.indicators.iter().any(|ind| ind.target.is_some()) {
            self.emit(
                out,
                Rule::NoIndicator,
                Diagnostic::new("no_indicator", p("indicators")),
            );
        }
        checked
    }

    /// Resolves a lead or participant, reporting an unknown one, and records it for overlaps.
    fn person_into(
        &mut self,
        out: &mut Vec<Diagnostic>,
        people: &mut Vec<u32>,
        raw: &str,
        path: impl FnOnce() -> String,
    ) {
        let found = self.person(raw);
        if !found.known {
            self.emit(
                out,
                Rule::UnknownCode,
                unknown_code(path(), CodeKind::Participant, raw, found.suggestion),
            );
        }
        if !people.contains(&found.id) {
            people.push(found.id);
        }
    }

    /// The item a ref as written resolves to in `version`, or the suggestion.
    fn guideline(
        &mut self,
        version: &str,
        raw: &str,
    ) -> std::result::Result<&'c Guideline, Option<String>> {
        let cat = self.cat;
        let Some(Ok(ix)) = self.sets.get_mut(version) else {
            return Err(None);
        };
        if let Some(hit) = ix.seen.get(raw) {
            return hit.clone();
        }
        let found = match ix.by_key.get(&normalize_key(raw)) {
            Some(g) => Ok(*g),
            None => Err(cat
                .parse_guideline(version, raw)
                .err()
                .and_then(suggestion_of)),
        };
        ix.seen.insert(raw.to_owned(), found.clone());
        found
    }

    /// The suggested replacement of a retired item: its `replaced_by`, else the target of a
    /// crosswalk from its version.
    fn replacement(&self, set: &GuidelineSet, g: &Guideline) -> Option<String> {
        if !g.replaced_by.is_empty() {
            return Some(g.replaced_by.join(", "));
        }
        self.cat
            .data()
            .crosswalks
            .iter()
            .filter(|c| c.from == set.version)
            .map(|c| c.targets(&g.code))
            .find(|t| !t.is_empty())
            .map(|t| t.join(", "))
    }
}

/// Sort key of a finding in a plan report: plan fields first, then by activity index.
pub(crate) fn activity_index(path: &str) -> Option<usize> {
    let rest = path.strip_prefix("/activities/")?;
    let end = rest.find('/').unwrap_or(rest.len());
    rest.get(..end)?.parse().ok()
}

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

/// The `schedule_overlap` finding at `path` about activity `a` of `plan` against `other`.
pub(crate) fn overlap_finding(
    path: String,
    plan: &WorkPlan,
    ai: usize,
    other_plan: &WorkPlan,
    bi: usize,
    other_path: String,
    shared: &[String],
) -> Diagnostic {
    let id = |p: &WorkPlan, i: usize, path: &str| {
        p.activities
            .get(i)
            .and_then(|a| a.id.clone())
            .unwrap_or_else(|| path.to_owned())
    };
    let group = |p: &WorkPlan| p.working_group.clone().unwrap_or_else(|| "?".to_owned());
    let this = id(plan, ai, &path);
    Diagnostic::new("schedule_overlap", path.clone())
        .with_value(this.clone())
        .with_param("activity", this)
        .with_param("group", group(plan))
        .with_param("other_activity", id(other_plan, bi, &other_path))
        .with_param("other_group", group(other_plan))
        .with_param(
            "other_plan",
            other_plan.id.clone().unwrap_or_else(|| "?".to_owned()),
        )
        .with_param("other_path", other_path)
        .with_param("shared", shared.join(", "))
}

impl Catalog {
    /// Validates one work plan: every finding of the rules in [`Rule`] that applies to a
    /// single plan, each with its JSON Pointer path, in the order described in the
    /// [module docs](self). Never fails: problems are findings.
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
    /// assert!(!report.ok);
    /// # Ok::<(), lineamientos::Error>(())
    /// ```
    pub fn validate_plan(&self, plan: &WorkPlan, config: &RuleConfig) -> Report {
        let mut checker = Checker::new(self, config);
        let checked = checker.check_plan(plan);
        let mut report = Report::new(self.pins());
        report.extend(checked.diagnostics);
        report
    }

    /// Validates several plans together: each plan's own findings (as
    /// [`Catalog::validate_plan`]) plus the `schedule_overlap`s between events of different
    /// working groups that share a participant (see [`find_overlaps`] for the semantics).
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
            let path_a = format!("/activities/{aa}");
            let path_b = format!("/activities/{ab}");
            let da = overlap_finding(
                path_a.clone(),
                plan_a,
                aa,
                plan_b,
                ab,
                path_b.clone(),
                &o.shared,
            );
            let db = overlap_finding(path_b, plan_b, ab, plan_a, aa, path_a, &o.shared);
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
            .map(|mut list| {
                // Stable: keeps field order within an activity, overlaps after its fields.
                list.sort_by_key(|d| activity_index(&d.path).map_or(0, |i| i.saturating_add(1)));
                let mut r = Report::new(self.pins());
                r.extend(list);
                r
            })
            .collect()
    }
}
