//! The validation state of one call ([`Checker`]: caches of resolved codes) and the checks
//! of a plan's own fields.

use super::findings::Findings;
use super::{CheckedActivity, CheckedPlan};
use crate::Error;
use crate::catalog::Catalog;
use crate::codes::CodeKind;
use crate::guidelines::{Guideline, GuidelineSet};
use crate::plan::WorkPlan;
use crate::rules::{Rule, RuleConfig};
use crate::text::normalize_key;
use chrono::NaiveDate;
use std::collections::HashMap;

/// A participant as written, resolved.
#[derive(Debug, Clone)]
pub(super) struct PersonLookup {
    /// Its id in [`Checker::person_name`]: the normalised code, or `?` + the folded spelling.
    pub id: u32,
    /// Whether the catalogue knows it.
    pub known: bool,
    /// The nearest code, for an unknown one.
    pub suggestion: Option<String>,
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
    pub(super) cat: &'c Catalog,
    pub(super) cfg: &'c RuleConfig,
    /// participant as written -> its id
    people: HashMap<String, PersonLookup>,
    /// normalised participant -> id, and back
    person_ids: HashMap<String, u32>,
    person_names: Vec<String>,
    /// version as written -> its index (None: unknown version, with the suggestion)
    sets: HashMap<String, std::result::Result<SetIndex<'c>, Option<String>>>,
}

/// Whether an optional text is missing or blank.
pub(super) fn blank(s: Option<&str>) -> bool {
    s.is_none_or(|s| s.trim().is_empty())
}

/// The trimmed text, `None` when missing or blank.
pub(super) fn given(s: Option<&str>) -> Option<&str> {
    s.map(str::trim).filter(|s| !s.is_empty())
}

/// The suggestion carried by an unknown-code error.
pub(super) fn suggestion_of(e: Error) -> Option<String> {
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

    /// The normalised code (or `?` + folded spelling) of participant `id`.
    pub(crate) fn person_name(&self, id: u32) -> &str {
        usize::try_from(id)
            .ok()
            .and_then(|i| self.person_names.get(i))
            .map_or("?", String::as_str)
    }

    /// A participant as written, resolved (cached: plans repeat the same few).
    pub(super) fn person(&mut self, raw: &str) -> PersonLookup {
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

    /// The item a ref as written resolves to in `version`, or the suggestion.
    pub(super) fn guideline(
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
    pub(super) fn replacement(&self, set: &GuidelineSet, g: &Guideline) -> Option<String> {
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

    /// Checks one plan on its own (no overlaps: a plan's activities all belong to its group).
    pub(crate) fn check_plan(&mut self, plan: &WorkPlan) -> CheckedPlan<'c> {
        let cfg = self.cfg;
        let mut out = Findings::new(cfg);
        if blank(plan.id.as_deref()) {
            out.missing("/id", "id");
        }
        if blank(plan.working_group.as_deref()) {
            out.missing("/working_group", "working_group");
        }
        // The version decides how the axis and the refs are checked, so resolve it first;
        // its finding comes after the period's.
        let mut version_finding = Findings::new(cfg);
        let set = self.plan_version(plan, &mut version_finding);
        let axis = self.plan_axis(plan, set, &mut out);
        let plan_dates = plan_period(plan, &mut out);
        out.append(&mut version_finding);

        let mut first_id: HashMap<&str, usize> = HashMap::new();
        let mut activities: Vec<CheckedActivity<'c>> = Vec::with_capacity(plan.activities.len());
        for (i, a) in plan.activities.iter().enumerate() {
            let cx = super::activity::ActivityCx {
                i,
                a,
                plan_dates,
                set,
                axis: axis.as_deref(),
            };
            activities.push(self.check_activity(&cx, &mut first_id, &mut out));
        }
        CheckedPlan {
            diagnostics: out.list,
            set,
            axis,
            activities,
        }
    }

    /// The guideline set of the plan's version, when it is given and known.
    fn plan_version(
        &mut self,
        plan: &WorkPlan,
        out: &mut Findings<'_>,
    ) -> Option<&'c GuidelineSet> {
        let Some(v) = given(plan.guideline_version.as_deref()) else {
            out.missing("/guideline_version", "guideline_version");
            return None;
        };
        match self.set_index(v) {
            Ok(ix) => Some(ix.set),
            Err(suggestion) => {
                let suggestion = suggestion.clone();
                out.unknown_code("/guideline_version", CodeKind::GuidelineSet, v, suggestion);
                None
            }
        }
    }

    /// The plan's axis as a code of `set`, when both resolve.
    fn plan_axis(
        &self,
        plan: &WorkPlan,
        set: Option<&GuidelineSet>,
        out: &mut Findings<'_>,
    ) -> Option<String> {
        let Some(a) = given(plan.axis.as_deref()) else {
            out.missing("/axis", "axis");
            return None;
        };
        let set = set?;
        match self.cat.parse_axis(&set.version, a) {
            Ok(found) => Some(found.code.clone()),
            Err(e) => {
                out.unknown_code("/axis", CodeKind::Axis, a, suggestion_of(e));
                None
            }
        }
    }
}

/// Checks the plan's period; returns its known bounds (one may be missing), none when it is
/// inverted.
fn plan_period(plan: &WorkPlan, out: &mut Findings<'_>) -> (Option<NaiveDate>, Option<NaiveDate>) {
    let period = plan.period;
    if period.start.is_none() {
        out.missing("/period/start", "period.start");
    }
    match (period.start, period.end) {
        (_, None) => {
            out.missing("/period/end", "period.end");
            (period.start, None)
        }
        (Some(s), Some(e)) if e < s => {
            out.push(Rule::EndBeforeStart, "/period/end", |d| {
                d.with_value(e.to_string())
                    .with_param("start", s.to_string())
                    .with_param("end", e.to_string())
            });
            (None, None)
        }
        bounds => bounds,
    }
}
