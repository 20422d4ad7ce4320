//! The general work plan (plan general de trabajo): the merge of the working tables' plans,
//! with the coverage of axes and guideline items ([`GeneralPlan`], [`Catalog::merge_plans`]).

use crate::catalog::Catalog;
use crate::codes::ActivityKind;
use crate::diagnostic::{Diagnostic, Pins, Report};
use crate::guidelines::GuidelineSet;
use crate::i18n::Text;
use crate::plan::{CheckedPlan, Checker, WorkPlan, activity_index, overlap_finding, plan_overlaps};
use crate::rules::{Rule, RuleConfig};
use crate::text::normalize_key;
use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// Titles at least this similar (normalised Levenshtein on titles folded for case, accents,
/// spaces and punctuation: an edit distance of at most 20 % of the longer one) make two
/// activities of the same kind with the same guideline refs and overlapping dates a
/// `near_duplicate`.
pub const NEAR_DUPLICATE_TITLE_SIMILARITY: f64 = 0.8;

/// An activity of the general plan, by position and by id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ActivityRef {
    /// Index of the plan in the merged list.
    pub plan: usize,
    /// Index of the activity in its plan.
    pub activity: usize,
    /// The plan's id, if it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan_id: Option<String>,
    /// The activity's id, if it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub activity_id: Option<String>,
    /// JSON Pointer into the list of plans: `/plans/{plan}/activities/{activity}`.
    pub path: String,
}

/// The activities that work on one guideline item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct GuidelineCoverage {
    /// The item's code.
    pub code: String,
    /// Whether the item is retired in the coverage version.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub retired: bool,
    /// The activities that refer to it.
    pub activities: Vec<ActivityRef>,
}

/// The activities that work on one axis, and its items.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct AxisCoverage {
    /// The axis code.
    pub axis: String,
    /// The axis name.
    pub name: Text,
    /// Activities of a plan on this axis, or referring to an item of it.
    pub activities: Vec<ActivityRef>,
    /// Every item of the axis with the activities that refer to it (empty: a gap).
    pub guidelines: Vec<GuidelineCoverage>,
}

/// The general work plan: the merged plans and the coverage of the guidelines.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct GeneralPlan {
    /// The guideline version coverage is measured against: the newest version the plans
    /// refer to (refs of older plans are mapped through the crosswalks), or the catalogue's
    /// current version when no plan names a known one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guideline_version: Option<String>,
    /// The merged plans, in input order (paths `/plans/{i}` refer to them).
    pub plans: Vec<WorkPlan>,
    /// One row per axis of the guideline set, in the set's order.
    pub coverage: Vec<AxisCoverage>,
    /// The axes without any activity: the gender-mainstreaming gap.
    pub uncovered_axes: Vec<String>,
    /// What produced this plan.
    pub pins: Pins,
}

impl GeneralPlan {
    /// The coverage row of `axis`.
    pub fn axis_coverage(&self, axis: &str) -> Option<&AxisCoverage> {
        self.coverage.iter().find(|c| c.axis == axis)
    }

    /// The number of activities over all plans.
    pub fn activity_count(&self) -> usize {
        self.plans.iter().map(|p| p.activities.len()).sum()
    }

    /// The general plan as pretty JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

/// Sort key of a merge finding: (plan, activity) with plan-level fields first.
fn merge_key(path: &str) -> (usize, usize) {
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

impl Catalog {
    /// Merges work plans into the [`GeneralPlan`] and reports, in one [`Report`]:
    ///
    /// - each plan's own findings ([`Catalog::validate_plan`]) with paths prefixed by
    ///   `/plans/{i}`;
    /// - `duplicate_id` for a plan id used by an earlier plan (at `/plans/{j}/id`) and for an
    ///   activity id used in an earlier plan (at `/plans/{j}/activities/{b}/id`; ids must be
    ///   unique across the general plan, e.g. prefixed with the working group);
    /// - `near_duplicate` (info) for two activities of different plans with the same kind,
    ///   the same guideline refs, overlapping dates and similar titles (see
    ///   [`NEAR_DUPLICATE_TITLE_SIMILARITY`]);
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
        let mut all: Vec<Diagnostic> = Vec::new();
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
        let mut push = |rule: Rule, d: Diagnostic| {
            if let Some(d) = config.apply(rule, d) {
                all.push(d);
            }
        };
        // Duplicate plan ids and activity ids across plans.
        let mut plan_ids: HashMap<&str, usize> = HashMap::new();
        let mut activity_ids: HashMap<&str, (usize, usize)> = HashMap::new();
        for (i, p) in plans.iter().enumerate() {
            if let Some(id) = p.id.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
                match plan_ids.get(id) {
                    Some(&j) => push(
                        Rule::DuplicateId,
                        Diagnostic::new("duplicate_id", format!("/plans/{i}/id"))
                            .with_value(id)
                            .with_param("first", format!("/plans/{j}/id")),
                    ),
                    None => {
                        plan_ids.insert(id, i);
                    }
                }
            }
            for (a, act) in p.activities.iter().enumerate() {
                let Some(id) = act.id.as_deref().map(str::trim).filter(|s| !s.is_empty()) else {
                    continue;
                };
                match activity_ids.get(id) {
                    // Repeats within one plan are that plan's own finding.
                    Some(&(j, b)) if j != i => push(
                        Rule::DuplicateId,
                        Diagnostic::new("duplicate_id", format!("/plans/{i}/activities/{a}/id"))
                            .with_value(id)
                            .with_param("first", format!("/plans/{j}/activities/{b}/id")),
                    ),
                    Some(_) => {}
                    None => {
                        activity_ids.insert(id, (i, a));
                    }
                }
            }
        }
        if config.is_on(Rule::NearDuplicate) {
            for (pa, aa, pb, ab) in near_duplicates(plans, &checked) {
                let (Some(plan_a), Some(plan_b)) = (plans.get(pa), plans.get(pb)) else {
                    continue;
                };
                let path_a = format!("/plans/{pa}/activities/{aa}");
                let path_b = format!("/plans/{pb}/activities/{ab}");
                let mut d = overlap_finding(path_a, plan_a, aa, plan_b, ab, path_b, &[]);
                d.code = "near_duplicate".to_owned();
                d.params.remove("shared");
                push(Rule::NearDuplicate, d);
            }
        }
        if config.is_on(Rule::ScheduleOverlap) {
            for o in plan_overlaps(plans, &checked, &checker) {
                let ((pa, aa), (pb, ab)) = (o.a, o.b);
                let (Some(plan_a), Some(plan_b)) = (plans.get(pa), plans.get(pb)) else {
                    continue;
                };
                let path_a = format!("/plans/{pa}/activities/{aa}");
                let path_b = format!("/plans/{pb}/activities/{ab}");
                push(
                    Rule::ScheduleOverlap,
                    overlap_finding(path_a, plan_a, aa, plan_b, ab, path_b, &o.shared),
                );
            }
        }
        all.sort_by_key(|d| merge_key(&d.path));

        let (version, coverage) = self.coverage(plans, &checked);
        let mut uncovered = Vec::new();
        for c in &coverage {
            if c.activities.is_empty() {
                uncovered.push(c.axis.clone());
                if let Some(d) = config.apply(
                    Rule::AxisNotCovered,
                    Diagnostic::new("axis_not_covered", "")
                        .with_value(c.axis.as_str())
                        .with_param("axis", c.axis.as_str()),
                ) {
                    all.push(d);
                }
            }
        }
        let mut report = Report::new(self.pins());
        report.extend(all);
        let general = GeneralPlan {
            guideline_version: version,
            plans: plans.to_vec(),
            coverage,
            uncovered_axes: uncovered,
            pins: self.pins(),
        };
        (general, report)
    }

    /// The coverage version and table.
    fn coverage(
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
        for (gi, (g, acts)) in target.guidelines.iter().zip(by_item).enumerate() {
            let _ = gi;
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

/// A candidate of the near-duplicate check.
struct Candidate {
    start: NaiveDate,
    end: NaiveDate,
    plan: usize,
    activity: usize,
    title: Vec<char>,
    /// Counts of the title's character bigrams, hashed into 128 buckets.
    bigrams: [u8; 128],
    /// For a title of at most 64 folded characters, all in `a-z0-9` (the usual case): the
    /// positions of each of those 36 characters, the pattern table of the bit-parallel
    /// distance, built once instead of once per compared pair.
    peq: Option<Box<[u64; 36]>>,
}

/// The index of `c` in a [`Candidate::peq`] table.
fn peq_index(c: char) -> Option<usize> {
    match c {
        'a'..='z' => Some(c as usize - 'a' as usize),
        '0'..='9' => Some(c as usize - '0' as usize + 26),
        _ => None,
    }
}

impl Candidate {
    fn new(
        plan: usize,
        activity: usize,
        (start, end): (NaiveDate, NaiveDate),
        title: &str,
    ) -> Self {
        let title: Vec<char> = normalize_key(title).chars().collect();
        let mut bigrams = [0u8; 128];
        for pair in title.windows(2) {
            if let [a, b] = pair {
                let h = (*a as usize).wrapping_mul(31).wrapping_add(*b as usize) % 128;
                if let Some(x) = bigrams.get_mut(h) {
                    *x = x.saturating_add(1);
                }
            }
        }
        let peq = (title.len() <= 64)
            .then(|| {
                let mut t = [0u64; 36];
                for (i, c) in title.iter().enumerate() {
                    *t.get_mut(peq_index(*c)?)? |= 1u64 << i;
                }
                Some(Box::new(t))
            })
            .flatten();
        Candidate {
            start,
            end,
            plan,
            activity,
            title,
            bigrams,
            peq,
        }
    }

    /// Normalised Levenshtein similarity >= [`NEAR_DUPLICATE_TITLE_SIMILARITY`], i.e. an
    /// edit distance of at most 20 % of the longer folded title. Two cheap lower bounds of the
    /// distance rule out most pairs: the length difference, and a quarter of the L1 distance
    /// of the bigram counts (one edit changes at most four bigram counts; hashing buckets
    /// only lowers the L1 distance, so the bound stays valid). The distance itself stops as
    /// soon as it exceeds the bound.
    fn similar(&self, other: &Candidate) -> bool {
        let longest = self.title.len().max(other.title.len());
        if longest == 0 {
            return false;
        }
        // Largest distance allowed; the epsilon keeps 0.2 * 5 from rounding down to 0.
        let allowed = ((1.0 - NEAR_DUPLICATE_TITLE_SIMILARITY) * longest as f64 + 1e-9) as usize;
        if self.title.len().abs_diff(other.title.len()) > allowed {
            return false;
        }
        // u32 (at most 128 * 255) lets the sum vectorise.
        let l1: u32 = self
            .bigrams
            .iter()
            .zip(other.bigrams.iter())
            .map(|(a, b)| u32::from(a.abs_diff(*b)))
            .sum();
        if (l1 / 4) as usize > allowed {
            return false;
        }
        if self.title == other.title {
            return true;
        }
        let (long, short) = if self.title.len() >= other.title.len() {
            (self, other)
        } else {
            (other, self)
        };
        if let Some(peq) = &short.peq {
            if let Some(d) = bit_parallel_with(peq, short.title.len(), &long.title) {
                return d <= allowed;
            }
        }
        let (long, short) = (&long.title, &short.title);
        if short.len() <= 64 {
            return bit_parallel_levenshtein(short, long) <= allowed;
        }
        levenshtein_within(&self.title, &other.title, allowed).is_some()
    }
}

/// [`bit_parallel_levenshtein`] with a prepared pattern table (`peq`, pattern of `m`
/// characters, 1 to 64); `None` when `text` has a character outside `a-z0-9`.
fn bit_parallel_with(peq: &[u64; 36], m: usize, text: &[char]) -> Option<usize> {
    myers(m, text, |c| peq.get(peq_index(c)?).copied())
}

/// The edit distance of `pattern` (1 to 64 characters) and `text`, bit-parallel (Myers 1999,
/// as formulated by Hyyrö 2003): one column of the distance matrix per 64-bit word, so a
/// pair of titles costs one pass over `text` instead of `len(a) * len(b)` cells.
fn bit_parallel_levenshtein(pattern: &[char], text: &[char]) -> usize {
    let m = pattern.len();
    if m == 0 {
        return text.len();
    }
    if m > 64 {
        return levenshtein_within(pattern, text, usize::MAX - 1).unwrap_or(usize::MAX);
    }
    // Positions of each character in the pattern: a table for ASCII, a list for the rest.
    let mut ascii = [0u64; 128];
    let mut other: Vec<(char, u64)> = Vec::new();
    for (i, &c) in pattern.iter().enumerate() {
        let bit = 1u64 << i;
        match ascii.get_mut(c as usize) {
            Some(x) => *x |= bit,
            None => match other.iter_mut().find(|(k, _)| *k == c) {
                Some((_, x)) => *x |= bit,
                None => other.push((c, bit)),
            },
        }
    }
    let eq = |c: char| {
        Some(match ascii.get(c as usize) {
            Some(x) => *x,
            None => other.iter().find(|(k, _)| *k == c).map_or(0, |(_, x)| *x),
        })
    };
    myers(m, text, eq).unwrap_or(usize::MAX)
}

/// The Myers/Hyyrö column recurrence shared by both bit-parallel distances: `eq(c)` gives
/// the pattern positions of `c` as bits (`None` stops with `None`); `m` is 1 to 64.
fn myers(m: usize, text: &[char], eq: impl Fn(char) -> Option<u64>) -> Option<usize> {
    if m == 0 || m > 64 {
        return None;
    }
    let last = 1u64 << (m - 1);
    let mut pv: u64 = if m == 64 { u64::MAX } else { (1u64 << m) - 1 };
    let mut mv: u64 = 0;
    let mut score = m;
    for &c in text {
        let eq = eq(c)?;
        let xv = eq | mv;
        let xh = ((eq & pv).wrapping_add(pv) ^ pv) | eq;
        let mut ph = mv | !(xh | pv);
        let mut mh = pv & xh;
        if ph & last != 0 {
            score += 1;
        } else if mh & last != 0 {
            score = score.saturating_sub(1);
        }
        ph = (ph << 1) | 1;
        mh <<= 1;
        pv = mh | !(xv | ph);
        mv = ph & xv;
    }
    Some(score)
}

/// The edit distance of `a` and `b` if it is at most `max` (two-row dynamic programming that
/// stops once a whole row exceeds `max`).
fn levenshtein_within(a: &[char], b: &[char], max: usize) -> Option<usize> {
    let (long, short) = if a.len() >= b.len() { (a, b) } else { (b, a) };
    if long.len() - short.len() > max {
        return None;
    }
    let mut prev: Vec<usize> = (0..=short.len()).collect();
    let mut cur: Vec<usize> = Vec::with_capacity(short.len() + 1);
    for (i, ca) in long.iter().enumerate() {
        cur.clear();
        cur.push(i + 1);
        let mut left = i + 1;
        let mut row_min = left;
        for (j, cb) in short.iter().enumerate() {
            let diag = prev.get(j).copied().unwrap_or(usize::MAX - 1);
            let up = prev.get(j + 1).copied().unwrap_or(usize::MAX - 1);
            let v = (up + 1).min(left + 1).min(diag + usize::from(ca != cb));
            cur.push(v);
            left = v;
            row_min = row_min.min(v);
        }
        if row_min > max {
            return None;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev.last().copied().filter(|d| *d <= max)
}

/// Pairs `(plan a, activity a, plan b, activity b)` of activities of different plans with the
/// same kind, the same (non-empty) guideline refs, overlapping dates and similar titles. Bucketed by refs and
/// swept by start date, so only date-overlapping candidates have their titles compared.
fn near_duplicates(
    plans: &[WorkPlan],
    checked: &[CheckedPlan<'_>],
) -> Vec<(usize, usize, usize, usize)> {
    // (kind, sorted refs) -> (plan, activity)
    type Bucket<'a> = (Option<ActivityKind>, Vec<&'a str>);
    let mut buckets: HashMap<Bucket<'_>, Vec<(usize, usize)>> = HashMap::new();
    for (pi, c) in checked.iter().enumerate() {
        for (ai, a) in c.activities.iter().enumerate() {
            if a.refs.is_empty() || !a.has_title || a.dates.is_none() {
                continue;
            }
            let kind = plans
                .get(pi)
                .and_then(|p| p.activities.get(ai))
                .and_then(|x| x.kind);
            let mut key: Vec<&str> = a.refs.clone();
            key.sort_unstable();
            buckets.entry((kind, key)).or_default().push((pi, ai));
        }
    }
    let mut out = Vec::new();
    for members in buckets.values() {
        let Some(&(first_plan, _)) = members.first() else {
            continue;
        };
        if members.iter().all(|&(p, _)| p == first_plan) {
            continue;
        }
        let mut items: Vec<Candidate> = members
            .iter()
            .filter_map(|&(pi, ai)| {
                let dates = checked.get(pi)?.activities.get(ai)?.dates?;
                let title = plans.get(pi)?.activities.get(ai)?.title.as_deref()?;
                Some(Candidate::new(pi, ai, dates, title))
            })
            .collect();
        items.sort_unstable_by_key(|c| (c.start, c.plan, c.activity));
        let mut running: Vec<&Candidate> = Vec::new();
        for c in &items {
            running.retain(|r| r.end >= c.start);
            for &r in &running {
                if r.plan != c.plan && r.similar(c) {
                    let (a, b) = if (r.plan, r.activity) <= (c.plan, c.activity) {
                        (r, c)
                    } else {
                        (c, r)
                    };
                    out.push((a.plan, a.activity, b.plan, b.activity));
                }
            }
            running.push(c);
        }
    }
    out.sort_unstable();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn bounded_distance_matches_levenshtein() {
        for (a, b) in [
            ("", ""),
            ("abc", ""),
            ("kitten", "sitting"),
            ("campañaregional", "campanaregionales"),
            ("ñandú", "nandu"),
        ] {
            let d = strsim::levenshtein(a, b);
            assert_eq!(
                levenshtein_within(&chars(a), &chars(b), d),
                Some(d),
                "{a} {b}"
            );
            if d > 0 {
                assert_eq!(levenshtein_within(&chars(a), &chars(b), d - 1), None);
            }
        }
    }

    #[test]
    fn bit_parallel_distance_matches_levenshtein() {
        let long64: String = "abcdefghij".repeat(7).chars().take(64).collect();
        let long64b: String = long64.replacen('c', "x", 3);
        for (a, b) in [
            ("a", ""),
            ("kitten", "sitting"),
            ("sitting", "kitten"),
            ("campañaregional", "campanaregionales"),
            ("ñandú", "nandu"),
            ("abc", "abc"),
            (long64.as_str(), long64b.as_str()),
            (long64.as_str(), "abc"),
        ] {
            assert_eq!(
                bit_parallel_levenshtein(&chars(a), &chars(b)),
                strsim::levenshtein(a, b),
                "{a} {b}"
            );
        }
    }

    #[test]
    fn similarity_threshold() {
        let day = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
        let c = |t: &str| Candidate::new(0, 0, (day, day), t);
        let base = c("Campaña regional contra la trata de niñas");
        assert!(base.similar(&c("Campaña regional contra la trata de niñas 2024")));
        assert!(base.similar(&c("CAMPAÑA REGIONAL CONTRA LA TRATA DE NIÑAS")));
        assert!(!base.similar(&c("Taller de inclusión financiera")));
        assert!(!c("").similar(&c("")));
    }

    proptest! {
        #[test]
        fn bit_parallel_matches_levenshtein(a in "[a-dñé]{1,70}", b in "[a-dñé]{0,90}") {
            prop_assert_eq!(
                bit_parallel_levenshtein(&chars(&a), &chars(&b)),
                strsim::levenshtein(&a, &b)
            );
        }

        #[test]
        fn prepared_table_matches_levenshtein(a in "[a-e0-9]{1,64}", b in "[a-e0-9]{0,90}") {
            let day = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
            let ca = Candidate::new(0, 0, (day, day), &a);
            let peq = ca.peq.as_deref().unwrap();
            prop_assert_eq!(
                bit_parallel_with(peq, a.len(), &chars(&b)),
                Some(strsim::levenshtein(&a, &b))
            );
        }

        #[test]
        fn filters_never_reject_a_similar_pair(a in "[a-dñ ]{0,30}", b in "[a-dñ ]{0,30}") {
            let day = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
            let (ca, cb) = (Candidate::new(0, 0, (day, day), &a), Candidate::new(1, 0, (day, day), &b));
            let (ka, kb) = (normalize_key(&a), normalize_key(&b));
            let expected = !(ka.is_empty() && kb.is_empty())
                && strsim::levenshtein(&ka, &kb) as f64
                    <= (1.0 - NEAR_DUPLICATE_TITLE_SIMILARITY) * ka.chars().count().max(kb.chars().count()) as f64 + 1e-9;
            prop_assert_eq!(ca.similar(&cb), expected);
        }
    }
}
