//! The review of a cycle: its findings, the approved general plan, and the follow-up of
//! activities, tables, axes, agreements, events and focal points ([`Cycle::review`]).

use super::activities::{self, ActivityFollowUp, ActivityState};
use super::agreements::{self, AgreementFollowUp};
use super::{Cycle, focal, given, in_period};
use crate::approval::ApprovalState;
use crate::args::{ArgPath, Days, FromArg, Options};
use crate::catalog::Catalog;
use crate::codes::{CodeKind, SessionKind};
use crate::congress::CongressFormat;
use crate::diagnostic::{Pins, Report};
use crate::event::AttendanceTotals;
use crate::focal::{FocalDirectory, InstitutionRef};
use crate::general::{GeneralPlan, MergeOptions};
use crate::matrix::{Entry, Matrix};
use crate::plan::{Findings, Period};
use crate::rules::{Rule, RuleConfig};
use crate::text::{nearest, normalize_key};
use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// Options of [`Cycle::review`]: the validation options ([`RuleConfig`]: `as_of`, rule
/// severities, `behind_target_margin`, `follow_up_interval_days`, ...) plus the focal-point
/// options.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewOptions {
    /// Validation options; `as_of` is "today" for every date-dependent finding.
    pub rules: RuleConfig,
    /// Let attendance confirm focal points (`last_confirmed`) before their follow-up.
    /// Default `false`.
    pub confirm_focal_points: bool,
    /// How often a focal point must be confirmed, in days (default
    /// [`FocalDirectory::DEFAULT_CONFIRM_INTERVAL_DAYS`]).
    pub confirm_interval_days: u32,
}

impl ReviewOptions {
    /// Every option on its default, with `as_of` as today.
    pub fn new(as_of: NaiveDate) -> Self {
        RuleConfig::new(as_of).into()
    }

    /// The options read from a JSON-shaped value (a Python `dict` of keyword arguments, a
    /// JS options object): `invalid_value` naming the bad or unknown option.
    pub fn from_value(value: &serde_json::Value) -> crate::Result<Self> {
        Self::from_arg(value, &ArgPath::arg("options"))
    }

    /// The review options' names.
    pub fn options() -> Vec<&'static str> {
        let mut all = RuleConfig::OPTIONS.to_vec();
        all.extend(["confirm_focal_points", "confirm_interval_days"]);
        all
    }
}

impl From<RuleConfig> for ReviewOptions {
    fn from(rules: RuleConfig) -> Self {
        ReviewOptions {
            rules,
            confirm_focal_points: false,
            confirm_interval_days: FocalDirectory::DEFAULT_CONFIRM_INTERVAL_DAYS,
        }
    }
}

impl FromArg for ReviewOptions {
    fn expected() -> String {
        format!(
            "review options (an object with {})",
            Self::options().join(", ")
        )
    }

    fn from_arg(value: &serde_json::Value, at: &ArgPath) -> crate::Result<Self> {
        Self::read_among(value, at, &Self::options())
    }
}

impl ReviewOptions {
    /// Reads the review options of `value`, an options object whose documented keys are
    /// `known` (these and those of a wider option set, such as the report's).
    pub(crate) fn read_among(
        value: &serde_json::Value,
        at: &ArgPath,
        known: &[&str],
    ) -> crate::Result<Self> {
        let rules = RuleConfig::read_among(value, at, None, known)?;
        let o = Options::new(value, at, known)?;
        Ok(ReviewOptions {
            rules,
            confirm_focal_points: o.get("confirm_focal_points")?.unwrap_or(false),
            confirm_interval_days: o
                .get::<Days>("confirm_interval_days")?
                .map_or(FocalDirectory::DEFAULT_CONFIRM_INTERVAL_DAYS, |d| d.0),
        })
    }
}

/// One event of the cycle with its attendance summed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct EventSummary {
    /// Index of the event in the cycle.
    pub index: usize,
    /// Its id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Its kind.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<SessionKind>,
    /// First day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<NaiveDate>,
    /// In person, virtual or hybrid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modality: Option<CongressFormat>,
    /// Its axis.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub axis: Option<String>,
    /// Its working table.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub table: Option<String>,
    /// Attendance totals (counts of people).
    pub attendance: AttendanceTotals,
    /// Distinct countries that attended.
    pub countries: usize,
    /// Distinct institutions that attended.
    pub institutions: usize,
}

/// Activity counts of one working table or axis.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct ActivityCounts {
    /// Activities planned (in every plan given).
    pub planned: usize,
    /// Of those, in approved plans.
    pub approved: usize,
    /// Reported in the matrix (any state but planned and not reported).
    pub reported: usize,
    /// Behind target.
    pub behind: usize,
    /// Done.
    pub done: usize,
    /// Ended without any report.
    pub not_reported: usize,
}

impl ActivityCounts {
    fn add(&mut self, a: &ActivityFollowUp) {
        self.planned += 1;
        self.approved += usize::from(a.approved);
        match a.state {
            ActivityState::Done => self.done += 1,
            ActivityState::Behind => self.behind += 1,
            ActivityState::NotReported => self.not_reported += 1,
            ActivityState::Reported | ActivityState::Planned => {}
        }
        self.reported += usize::from(matches!(
            a.state,
            ActivityState::Done | ActivityState::Behind | ActivityState::Reported
        ));
    }
}

/// One working table: its axis, its plan's validation and approval state, its activities.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct TableFollowUp {
    /// The table's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub table: Option<String>,
    /// Its axis.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub axis: Option<String>,
    /// Its plans' ids (normally one).
    pub plans: Vec<String>,
    /// The approval state of its (first) plan, `None` without a record.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approval: Option<ApprovalState>,
    /// Whether its plan is in the approved general plan.
    pub approved: bool,
    /// Validation errors of its plans.
    pub errors: usize,
    /// Validation warnings of its plans.
    pub warnings: usize,
    /// Events of the cycle held by this table.
    pub events: usize,
    /// Its activities.
    pub activities: ActivityCounts,
}

/// The activities of one axis over the cycle's tables.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct AxisFollowUp {
    /// The axis code.
    pub axis: String,
    /// Tables working on it.
    pub tables: usize,
    /// Its activities.
    pub activities: ActivityCounts,
}

/// The review of a [`Cycle`]: every finding with its path, and the follow-up tables.
///
/// Paths point into the cycle document (`/tables/0/axis`, `/plans/1/activities/2`,
/// `/agreements/3/due`), into the matrix (`/matrix/{i}/activity`, `i` the entry's position)
/// or into the focal-point list (`/focal_points/{i}`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct CycleReview {
    /// The congress edition.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub congress: Option<u32>,
    /// The reporting period used (see [`Cycle::resolved_period`]).
    pub period: Period,
    /// `as_of` of the review.
    pub as_of: NaiveDate,
    /// Every finding of the cycle.
    pub report: Report,
    /// The general plan of the approved plans ([`crate::Catalog::merge_plans_with`]).
    pub general_plan: GeneralPlan,
    /// The findings of that merge (paths into the cycle's `plans`).
    pub general_report: Report,
    /// Per working table.
    pub tables: Vec<TableFollowUp>,
    /// Per planned activity.
    pub activities: Vec<ActivityFollowUp>,
    /// Per axis that has a table or a plan, in the catalogue's axis order.
    pub axes: Vec<AxisFollowUp>,
    /// Per agreement.
    pub agreements: Vec<AgreementFollowUp>,
    /// Per event.
    pub events: Vec<EventSummary>,
    /// The priority thematic areas agreed at preparatory webinars, in order, once each.
    pub priority_areas: Vec<String>,
    /// Matrix entries of the cycle's period (rows outside it are not counted).
    pub entries: usize,
    /// Institutions whose focal points attendance confirmed (with `confirm_focal_points`).
    pub confirmed: Vec<InstitutionRef>,
    /// What produced it.
    pub pins: Pins,
}

/// A [`CycleReview`] with both reports' messages rendered in one language (what the
/// JavaScript binding returns, and `to_json(lang)` writes).
#[derive(Debug, Clone, Serialize)]
pub struct LocalizedCycleReview<'a> {
    /// The congress edition.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub congress: Option<u32>,
    /// The reporting period used.
    pub period: &'a Period,
    /// `as_of` of the review.
    pub as_of: NaiveDate,
    /// Every finding of the cycle, with messages.
    pub report: crate::diagnostic::LocalizedReport,
    /// The general plan of the approved plans.
    pub general_plan: &'a GeneralPlan,
    /// The findings of that merge, with messages.
    pub general_report: crate::diagnostic::LocalizedReport,
    /// Per working table.
    pub tables: &'a [TableFollowUp],
    /// Per planned activity.
    pub activities: &'a [ActivityFollowUp],
    /// Per axis.
    pub axes: &'a [AxisFollowUp],
    /// Per agreement.
    pub agreements: &'a [AgreementFollowUp],
    /// Per event.
    pub events: &'a [EventSummary],
    /// Priority thematic areas.
    pub priority_areas: &'a [String],
    /// Matrix entries of the cycle's period.
    pub entries: usize,
    /// Institutions confirmed by attendance.
    pub confirmed: &'a [InstitutionRef],
    /// What produced it.
    pub pins: &'a Pins,
}

impl CycleReview {
    /// The review with both reports' messages in `lang`.
    pub fn localized(&self, lang: crate::Lang) -> LocalizedCycleReview<'_> {
        LocalizedCycleReview {
            congress: self.congress,
            period: &self.period,
            as_of: self.as_of,
            report: self.report.localized(lang),
            general_plan: &self.general_plan,
            general_report: self.general_report.localized(lang),
            tables: &self.tables,
            activities: &self.activities,
            axes: &self.axes,
            agreements: &self.agreements,
            events: &self.events,
            priority_areas: &self.priority_areas,
            entries: self.entries,
            confirmed: &self.confirmed,
            pins: &self.pins,
        }
    }
}

/// The code of the axis `value` names in the catalogue's current guideline set, or an
/// `unknown_code` finding at `path`. Without a guideline set, the value as written.
fn check_axis(cat: &Catalog, value: &str, path: String, out: &mut Findings<'_>) -> Option<String> {
    let Some(set) = cat.current_guideline_set() else {
        return Some(value.trim().to_owned());
    };
    match cat.parse_axis(&set.version, value) {
        Ok(axis) => Some(axis.code.clone()),
        Err(crate::Error::UnknownCode { suggestion, .. }) => {
            out.unknown_code(path, CodeKind::Axis, value, suggestion);
            None
        }
        Err(_) => None,
    }
}

/// Ids of `items` (trimmed, non-blank) to their first index; repeats are `duplicate_id`,
/// missing ones `missing_field`.
fn index_ids<'a>(
    section: &str,
    ids: impl Iterator<Item = Option<&'a str>>,
    out: &mut Findings<'_>,
) -> HashMap<&'a str, usize> {
    let mut seen = HashMap::new();
    for (i, id) in ids.enumerate() {
        match given(id) {
            None => out.missing(format!("/{section}/{i}/id"), "id"),
            Some(id) => match seen.get(id) {
                Some(first) => out.duplicate(
                    format!("/{section}/{i}/id"),
                    id,
                    format!("/{section}/{first}/id"),
                ),
                None => {
                    seen.insert(id, i);
                }
            },
        }
    }
    seen
}

impl Cycle {
    /// Reviews the cycle at `options.rules.as_of` against the tracking `matrix` (its entries
    /// reported in the cycle's period) and the focal-point `directory`, both optional.
    ///
    /// Findings, in this order (each rule can be switched off or re-graded in the options):
    /// - the cycle document: `missing_field` (congress, ids, event kind and start, agreement
    ///   text and date), `duplicate_id`, `table_without_axis`, `unknown_code` (axes,
    ///   countries of attendance), `unknown_reference` (a plan's table or congress, an
    ///   approval's plan, an event's table or agreement, an agreement's evidence);
    /// - each plan's validation ([`Catalog::validate_plans`]) under `/plans/{i}`;
    /// - the matrix: `unknown_activity` for an entry naming an activity no plan has (with the
    ///   nearest id as suggestion);
    /// - activities: `behind_target` and, for approved plans, `not_reported`;
    /// - agreements: `agreement_overdue`, `agreement_without_owner`,
    ///   `agreement_without_follow_up`;
    /// - focal points: the directory's follow-up ([`FocalDirectory::follow_up`]) and
    ///   `focal_point_not_trained`, under `/focal_points`;
    /// - the rule files attached to `options.rules` ([`crate::RuleConfig::with_ruleset`]),
    ///   once over every scope of the cycle (plans, activities, indicators, agreements,
    ///   events) and over the matrix's entries (all of them, at `/matrix/{i}`), with their
    ///   counts in `report.outcomes` and their pins in `report.pins.rulesets`.
    ///
    /// The general plan is built from the approved plans only (`plan_not_approved` for the
    /// others, in [`CycleReview::general_report`]).
    pub fn review(
        &self,
        catalog: &Catalog,
        matrix: Option<&Matrix>,
        directory: Option<&FocalDirectory>,
        options: &ReviewOptions,
    ) -> CycleReview {
        let cfg = &options.rules;
        let as_of = cfg.as_of;
        let mut out = Findings::new(cfg);
        if self.congress.is_none() {
            out.missing("/congress", "congress");
        }
        let period = self.resolved_period(catalog);

        // Tables.
        let table_ids = index_ids(
            "tables",
            self.tables.iter().map(|t| t.id.as_deref()),
            &mut out,
        );
        let mut table_axis: Vec<Option<String>> = Vec::with_capacity(self.tables.len());
        for (i, t) in self.tables.iter().enumerate() {
            let axis = match given(t.axis.as_deref()) {
                None => {
                    out.add(
                        Rule::TableWithoutAxis,
                        Rule::TableWithoutAxis
                            .finding(format!("/tables/{i}/axis"))
                            .with_param(
                                "table",
                                given(t.id.as_deref())
                                    .map_or_else(|| format!("#{i}"), str::to_owned),
                            ),
                    );
                    None
                }
                Some(a) => check_axis(catalog, a, format!("/tables/{i}/axis"), &mut out),
            };
            table_axis.push(axis);
        }

        // Plans: links, then each plan's own validation.
        for (i, p) in self.plans.iter().enumerate() {
            if let (Some(c), Some(own)) = (self.congress, p.congress) {
                if c != own {
                    out.unknown_reference(
                        format!("/plans/{i}/congress"),
                        "congress",
                        &crate::congress::roman_numeral(own),
                    );
                }
            }
            if let Some(t) = given(p.working_group.as_deref()) {
                if !table_ids.contains_key(t) {
                    out.unknown_reference(format!("/plans/{i}/working_group"), "table", t);
                }
            }
        }
        // Rule files run once over the whole cycle (below), not again per plan.
        let validations = catalog.validate_plans(&self.plans, &cfg.without_rulesets());
        for (i, r) in validations.iter().enumerate() {
            for d in &r.diagnostics {
                let mut d = d.clone();
                d.path = format!("/plans/{i}{}", d.path);
                for key in ["first", "other_path"] {
                    if let Some(p) = d.params.get_mut(key) {
                        if key == "first" || !p.starts_with("/plans/") {
                            *p = format!("/plans/{i}{p}");
                        }
                    }
                }
                out.list.push(d);
            }
        }
        let plan_ids: HashSet<&str> = self
            .plans
            .iter()
            .filter_map(|p| given(p.id.as_deref()))
            .collect();
        for (k, a) in self.approvals.iter().enumerate() {
            match given(a.plan_id.as_deref()) {
                None => out.missing(format!("/approvals/{k}/plan_id"), "plan_id"),
                Some(id) if !plan_ids.contains(id) => {
                    out.unknown_reference(format!("/approvals/{k}/plan_id"), "plan", id)
                }
                Some(_) => {}
            }
        }
        let merge = MergeOptions {
            rules: cfg.clone(),
            approved_only: true,
        };
        let (general_plan, general_report) =
            catalog.merge_plans_with(&self.plans, &self.approvals, &merge);
        let approved: HashSet<usize> = general_plan.sources.iter().map(|s| s.index).collect();

        // The matrix: entries of the period, linked to activities.
        let mut activity_at: HashMap<&str, (usize, usize)> = HashMap::new();
        for (p, plan) in self.plans.iter().enumerate() {
            for (a, act) in plan.activities.iter().enumerate() {
                if let Some(id) = given(act.id.as_deref()) {
                    activity_at.entry(id).or_insert((p, a));
                }
            }
        }
        let entries: Vec<(usize, Entry)> = matrix
            .map(|m| {
                m.entries()
                    .enumerate()
                    .filter(|(_, e)| in_period(&period, e.reported_on))
                    .collect()
            })
            .unwrap_or_default();
        let entry_ids: HashSet<&str> = entries.iter().map(|(_, e)| e.id.as_str()).collect();
        let mut by_activity: HashMap<(usize, usize), Vec<&Entry>> = HashMap::new();
        let mut sorted_ids: Vec<&str> = activity_at.keys().copied().collect();
        sorted_ids.sort_unstable();
        let keyed: Vec<(String, &str)> = sorted_ids
            .iter()
            .map(|id| (normalize_key(id), *id))
            .collect();
        for (row, e) in &entries {
            let Some(name) = given(e.activity.as_deref()) else {
                continue;
            };
            match activity_at.get(name) {
                Some(at) => by_activity.entry(*at).or_default().push(e),
                None => out.add(
                    Rule::UnknownActivity,
                    Rule::UnknownActivity
                        .finding(format!("/matrix/{row}/activity"))
                        .with_value(name)
                        .with_param("entry", e.id.clone())
                        .with_suggestion(nearest(
                            name,
                            keyed.iter().map(|(k, id)| (k.as_str(), *id)),
                        )),
                ),
            }
        }

        // Activities.
        let mut follow = Vec::new();
        for (p, plan) in self.plans.iter().enumerate() {
            for (a, act) in plan.activities.iter().enumerate() {
                let reports = by_activity.get(&(p, a)).map_or(&[][..], Vec::as_slice);
                let f = activities::follow_up(
                    (p, plan),
                    (a, act),
                    reports,
                    approved.contains(&p),
                    as_of,
                    cfg.behind_target_margin,
                );
                let name = f.activity_id.clone().unwrap_or_else(|| f.path.clone());
                match f.state {
                    ActivityState::Behind => {
                        let (Some(progress), Some(elapsed)) = (f.progress, f.elapsed) else {
                            continue;
                        };
                        out.add(
                            Rule::BehindTarget,
                            Rule::BehindTarget
                                .finding(f.path.clone())
                                .with_value(format!("{:.0}", progress.percent()))
                                .with_param("activity", name)
                                .with_param("reported", format!("{:.0}", progress.percent()))
                                .with_param("source", progress.source())
                                .with_param("elapsed", format!("{elapsed:.0}"))
                                .with_param("margin", cfg.behind_target_margin.to_string()),
                        );
                    }
                    ActivityState::NotReported if f.approved => out.add(
                        Rule::NotReported,
                        Rule::NotReported
                            .finding(f.path.clone())
                            .with_param("activity", name)
                            .with_param("end", f.end.map(|d| d.to_string()).unwrap_or_default()),
                    ),
                    _ => {}
                }
                follow.push(f);
            }
        }

        // Events.
        let agreement_ids = index_ids(
            "agreements",
            self.agreements.iter().map(|a| a.id.as_deref()),
            &mut Findings::new(cfg),
        );
        let _ = index_ids(
            "events",
            self.events.iter().map(|e| e.id.as_deref()),
            &mut out,
        );
        let mut events = Vec::with_capacity(self.events.len());
        let mut priority_areas: Vec<String> = Vec::new();
        for (i, e) in self.events.iter().enumerate() {
            if e.kind.is_none() {
                out.missing(format!("/events/{i}/kind"), "kind");
            }
            if e.start.is_none() {
                out.missing(format!("/events/{i}/start"), "start");
            }
            if let (Some(s), Some(end)) = (e.start, e.end) {
                if end < s {
                    out.add(
                        Rule::EndBeforeStart,
                        Rule::EndBeforeStart
                            .finding(format!("/events/{i}/end"))
                            .with_value(end.to_string())
                            .with_param("start", s.to_string())
                            .with_param("end", end.to_string()),
                    );
                }
            }
            let axis = given(e.axis.as_deref())
                .and_then(|a| check_axis(catalog, a, format!("/events/{i}/axis"), &mut out));
            if let Some(t) = given(e.table.as_deref()) {
                if !table_ids.contains_key(t) {
                    out.unknown_reference(format!("/events/{i}/table"), "table", t);
                }
            }
            for (k, a) in e.agreements.iter().enumerate() {
                if !agreement_ids.contains_key(a.trim()) {
                    out.unknown_reference(format!("/events/{i}/agreements/{k}"), "agreement", a);
                }
            }
            for (k, area) in e.priority_areas.iter().enumerate() {
                let path = format!("/events/{i}/priority_areas/{k}");
                if let Some(code) = check_axis(catalog, area, path, &mut out) {
                    if !priority_areas.contains(&code) {
                        priority_areas.push(code);
                    }
                }
            }
            let mut countries = HashSet::new();
            let mut institutions = HashSet::new();
            for (k, a) in e.attendance.iter().enumerate() {
                match given(a.country.as_deref()) {
                    None => out.missing(format!("/events/{i}/attendance/{k}/country"), "country"),
                    Some(c) => match catalog.parse_country(c) {
                        Ok(c) => {
                            countries.insert(c.iso3.clone());
                            if let Some(inst) = given(a.institution.as_deref()) {
                                institutions.insert((c.iso3.clone(), normalize_key(inst)));
                            }
                        }
                        Err(crate::Error::UnknownCode { suggestion, .. }) => out.unknown_code(
                            format!("/events/{i}/attendance/{k}/country"),
                            CodeKind::Country,
                            c,
                            suggestion,
                        ),
                        Err(_) => {}
                    },
                }
            }
            events.push(EventSummary {
                index: i,
                id: given(e.id.as_deref()).map(str::to_owned),
                kind: e.kind,
                start: e.start,
                modality: e.modality,
                axis: axis.or_else(|| given(e.axis.as_deref()).map(str::to_owned)),
                table: given(e.table.as_deref()).map(str::to_owned),
                attendance: e.totals(),
                countries: countries.len(),
                institutions: institutions.len(),
            });
        }

        // Agreements.
        let _ = index_ids(
            "agreements",
            self.agreements.iter().map(|a| a.id.as_deref()),
            &mut out,
        );
        let mut agreement_rows = Vec::with_capacity(self.agreements.len());
        for (i, a) in self.agreements.iter().enumerate() {
            if a.text.get(crate::Lang::Es).is_none() {
                out.missing(format!("/agreements/{i}/text"), "text");
            }
            if a.agreed_on.is_none() {
                out.missing(format!("/agreements/{i}/agreed_on"), "agreed_on");
            }
            if let Some(axis) = given(a.axis.as_deref()) {
                check_axis(catalog, axis, format!("/agreements/{i}/axis"), &mut out);
            }
            for (k, c) in a.history.iter().enumerate() {
                if c.status.is_none() {
                    out.missing(format!("/agreements/{i}/history/{k}/status"), "status");
                }
                if c.date.is_none() {
                    out.missing(format!("/agreements/{i}/history/{k}/date"), "date");
                }
            }
            for (k, ev) in a.evidence.iter().enumerate() {
                if let Some(id) = given(ev.entry.as_deref()) {
                    if matrix.is_some() && !entry_ids.contains(id) {
                        out.unknown_reference(
                            format!("/agreements/{i}/evidence/{k}/entry"),
                            "entry",
                            id,
                        );
                    }
                }
                if let Some(id) = given(ev.activity.as_deref()) {
                    if !activity_at.contains_key(id) {
                        out.unknown_reference(
                            format!("/agreements/{i}/evidence/{k}/activity"),
                            "activity",
                            id,
                        );
                    }
                }
            }
            agreement_rows.push(agreements::follow_up(
                i,
                a,
                &self.events,
                cfg,
                &mut out.list,
            ));
        }

        // Focal points.
        let mut confirmed = Vec::new();
        if let Some(dir) = directory {
            let mut dir = dir.clone();
            if options.confirm_focal_points {
                confirmed = focal::confirm(catalog, dir.points_mut(), &self.events, as_of);
            }
            for mut d in dir
                .follow_up(catalog, as_of, options.confirm_interval_days)
                .diagnostics
            {
                d.path = format!("/focal_points{}", d.path);
                out.list.push(d);
            }
            focal::untrained(catalog, dir.points(), &self.events, cfg, &mut out.list);
        }

        // Roll-ups per table and per axis.
        let tables = self
            .tables
            .iter()
            .zip(&table_axis)
            .map(|(t, axis)| {
                let id = given(t.id.as_deref());
                let mine: Vec<usize> = self
                    .plans
                    .iter()
                    .enumerate()
                    .filter(|(_, p)| id.is_some() && given(p.working_group.as_deref()) == id)
                    .map(|(i, _)| i)
                    .collect();
                let mut counts = ActivityCounts::default();
                for f in follow.iter().filter(|f| mine.contains(&f.plan)) {
                    counts.add(f);
                }
                let first = mine.first().and_then(|i| self.plans.get(*i));
                let approval = first.and_then(|p| {
                    crate::approval::RecordOf::find(&self.approvals, p.id.as_deref())
                        .one()
                        .map(|a| a.state)
                });
                let summaries = mine
                    .iter()
                    .filter_map(|i| validations.get(*i))
                    .map(Report::summary);
                let (errors, warnings) =
                    summaries.fold((0, 0), |(e, w), s| (e + s.errors, w + s.warnings));
                TableFollowUp {
                    table: id.map(str::to_owned),
                    axis: axis.clone(),
                    plans: mine
                        .iter()
                        .filter_map(|i| self.plans.get(*i).and_then(|p| given(p.id.as_deref())))
                        .map(str::to_owned)
                        .collect(),
                    approval,
                    approved: mine.iter().any(|i| approved.contains(i)),
                    errors,
                    warnings,
                    events: self
                        .events
                        .iter()
                        .filter(|e| id.is_some() && given(e.table.as_deref()) == id)
                        .count(),
                    activities: counts,
                }
            })
            .collect();
        let axis_code = |value: &str| {
            catalog
                .current_guideline_set()
                .and_then(|set| catalog.parse_axis(&set.version, value).ok())
                .map_or_else(|| value.trim().to_owned(), |a| a.code.clone())
        };
        let axes = catalog
            .current_guideline_set()
            .map(|set| set.axes.iter().map(|a| a.code.clone()).collect::<Vec<_>>())
            .unwrap_or_default()
            .into_iter()
            .filter_map(|axis| {
                let n_tables = table_axis
                    .iter()
                    .filter(|a| a.as_deref() == Some(axis.as_str()))
                    .count();
                let mut counts = ActivityCounts::default();
                for f in follow
                    .iter()
                    .filter(|f| f.axis.as_deref().map(axis_code).as_deref() == Some(axis.as_str()))
                {
                    counts.add(f);
                }
                (n_tables > 0 || counts.planned > 0).then_some(AxisFollowUp {
                    axis,
                    tables: n_tables,
                    activities: counts,
                })
            })
            .collect();

        let mut report = Report::new(catalog.pins());
        report.extend(out.list);
        // Rule files, over every scope of the cycle: its plans, activities, indicators,
        // agreements and events, and the matrix's entries (at `/matrix/{i}`).
        let mut data = crate::ruleset::RuleData::new()
            .with_cycle(self)
            .with_catalog(catalog)
            .with_entries_at("/matrix");
        if let Some(m) = matrix {
            data = data.with_matrix(m);
        }
        for rs in cfg.rulesets() {
            report.add_ruleset_check(rs.run(&data, cfg));
        }
        CycleReview {
            congress: self.congress,
            period,
            as_of,
            report,
            general_plan,
            general_report,
            tables,
            activities: follow,
            axes,
            agreements: agreement_rows,
            events,
            priority_areas,
            entries: entries.len(),
            confirmed,
            pins: catalog.pins(),
        }
    }
}
