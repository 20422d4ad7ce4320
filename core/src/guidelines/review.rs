//! Keeping the guidelines current: periodic review ([`Catalog::review_guidelines`]), the
//! emerging-challenge review ([`Catalog::unaddressed_challenges`]) and moving a plan's refs
//! to a newer version through the crosswalks ([`Catalog::crosswalk_plan`]).

use crate::catalog::Catalog;
use crate::codes::EmergingChallenge;
use crate::diagnostic::Report;
use crate::guidelines::{Crosswalk, GuidelineSet};
use crate::plan::{Findings, WorkPlan};
use crate::rules::{Rule, RuleConfig};
use crate::text::normalize_key;
use crate::{Error, Result};
use chrono::Days;
use std::collections::{HashMap, VecDeque};

impl Catalog {
    /// Reviews guideline set `version` as of `config.as_of`:
    ///
    /// - `review_due` for every item in force whose `last_reviewed` is older than
    ///   `as_of - review_interval_days`, or missing; the path points into the catalogue
    ///   document (`/guideline_sets/{s}/guidelines/{g}/last_reviewed`), the value is the item
    ///   code;
    /// - `challenge_not_addressed` (info) at `/guideline_sets/{s}/guidelines` for every
    ///   emerging challenge (health emergencies, climate-driven migration, rising mobility,
    ///   forced displacement) that no item in force addresses.
    ///
    /// An unknown version is an [`Error::UnknownCode`] with the nearest version.
    ///
    /// ```
    /// use lineamientos::{Catalog, RuleConfig};
    /// let cat = Catalog::embedded();
    /// let cfg = RuleConfig::new(chrono::NaiveDate::from_ymd_opt(2024, 6, 1).unwrap());
    /// let report = cat.review_guidelines("2023", &cfg)?;
    /// let due: Vec<&str> = report.with_code("review_due")
    ///     .filter_map(|d| d.value.as_deref()).collect();
    /// assert!(due.contains(&"VCM-3"));   // last reviewed 2017
    /// assert!(!due.contains(&"VCM-1"));  // reviewed 2023
    /// # Ok::<(), lineamientos::Error>(())
    /// ```
    pub fn review_guidelines(&self, version: &str, config: &RuleConfig) -> Result<Report> {
        let set = self.guideline_set(version)?;
        let si = self
            .guideline_sets()
            .iter()
            .position(|s| s.version == set.version)
            .unwrap_or(0);
        let mut out = Findings::new(config);
        // Reviewed on or after this day: not due.
        let threshold = config
            .as_of
            .checked_sub_days(Days::new(u64::from(config.review_interval_days)));
        for (gi, g) in set.guidelines.iter().enumerate() {
            if g.retired.is_some() {
                continue;
            }
            let due = match (g.last_reviewed, threshold) {
                (None, _) => true,
                (Some(last), Some(t)) => last < t,
                (Some(_), None) => false,
            };
            if due {
                let path = format!("/guideline_sets/{si}/guidelines/{gi}/last_reviewed");
                let last = g
                    .last_reviewed
                    .map_or_else(|| "—".to_owned(), |d| d.to_string());
                out.push(Rule::ReviewDue, path, |d| {
                    d.with_value(g.code.as_str())
                        .with_param("last_reviewed", last)
                        .with_param("interval_days", config.review_interval_days.to_string())
                });
            }
        }
        for c in unaddressed(set) {
            out.push(
                Rule::ChallengeNotAddressed,
                format!("/guideline_sets/{si}/guidelines"),
                |d| {
                    d.with_value(c.code())
                        .with_param("challenge", c.code())
                        .with_param("version", set.version.as_str())
                },
            );
        }
        let mut report = Report::new(self.pins());
        report.extend(out.list);
        Ok(report)
    }

    /// The emerging challenges that no item in force of set `version` addresses, in the order
    /// of [`EmergingChallenge::ALL`].
    ///
    /// ```
    /// use lineamientos::{Catalog, EmergingChallenge};
    /// let cat = Catalog::embedded();
    /// assert_eq!(cat.unaddressed_challenges("2023")?, vec![]);
    /// assert!(cat.unaddressed_challenges("2017")?.contains(&EmergingChallenge::HealthEmergency));
    /// # Ok::<(), lineamientos::Error>(())
    /// ```
    pub fn unaddressed_challenges(&self, version: &str) -> Result<Vec<EmergingChallenge>> {
        Ok(unaddressed(self.guideline_set(version)?))
    }

    /// The crosswalks that lead from version `from` to version `to` (shortest chain; empty
    /// when `from == to`), or `None` when no chain exists.
    pub fn crosswalk_chain(&self, from: &str, to: &str) -> Option<Vec<&Crosswalk>> {
        if from == to {
            return Some(Vec::new());
        }
        let walks = &self.data().crosswalks;
        // Breadth-first over versions; `via` remembers the crosswalk that reached a version.
        let mut via: HashMap<&str, usize> = HashMap::new();
        let mut queue = VecDeque::from([from]);
        while let Some(v) = queue.pop_front() {
            for (i, c) in walks.iter().enumerate() {
                if c.from == v && c.to != from && !via.contains_key(c.to.as_str()) {
                    via.insert(&c.to, i);
                    queue.push_back(&c.to);
                }
            }
        }
        let mut chain = Vec::new();
        let mut at = to;
        while at != from {
            let c = walks.get(*via.get(at)?)?;
            chain.push(c);
            at = &c.from;
        }
        chain.reverse();
        Some(chain)
    }

    /// The codes of version `to` that item `code` of version `from` maps to through the
    /// crosswalks (`code` is matched ignoring case and separators). `None` when there is no
    /// chain of crosswalks or a step does not map the code; an empty list when the item was
    /// dropped without replacement.
    ///
    /// ```
    /// let cat = lineamientos::Catalog::embedded();
    /// assert_eq!(cat.map_guideline("2017", "2023", "dat 3"), Some(vec!["DAT-4".to_owned()]));
    /// assert_eq!(cat.map_guideline("2017", "2023", "XYZ-1"), None);
    /// ```
    pub fn map_guideline(&self, from: &str, to: &str, code: &str) -> Option<Vec<String>> {
        let chain = self.crosswalk_chain(from, to)?;
        let start = self
            .parse_guideline(from, code)
            .map(|g| g.code.clone())
            .ok()?;
        let mut codes = vec![start];
        for c in chain {
            let mut next: Vec<String> = Vec::new();
            for code in &codes {
                let m = c.mappings.iter().find(|m| m.from == *code)?;
                for t in &m.to {
                    if !next.contains(t) {
                        next.push(t.clone());
                    }
                }
            }
            codes = next;
        }
        Some(codes)
    }

    /// Moves a plan's guideline refs to version `to` through the crosswalks: a copy of the
    /// plan with `guideline_version` set to `to` and every ref replaced by its targets, and a
    /// report with an `unmapped_guideline` finding (at `/activities/{i}/guidelines/{k}`) for
    /// every ref that could not be mapped (unknown in the plan's version, not in the
    /// crosswalk, or dropped without replacement). Unmapped refs are kept as written, so
    /// nothing is lost; validating the result against `to` shows what to fix.
    ///
    /// Errors: a plan without `guideline_version` (`invalid_value`), an unknown version
    /// (`unknown_code`), no chain of crosswalks between the versions (`no_crosswalk`).
    ///
    /// ```
    /// use lineamientos::{Catalog, WorkPlan};
    /// let plan = WorkPlan::from_json(r#"{"guideline_version": "2017",
    ///   "activities": [{"guidelines": ["DAT-3", "VCM-1", "ZZZ-9"]}]}"#)?;
    /// let (moved, report) = Catalog::embedded().crosswalk_plan(&plan, "2023")?;
    /// assert_eq!(moved.guideline_version.as_deref(), Some("2023"));
    /// assert_eq!(moved.activities[0].guidelines, ["DAT-4", "VCM-1", "ZZZ-9"]);
    /// assert_eq!(report.diagnostics[0].path, "/activities/0/guidelines/2");
    /// # Ok::<(), lineamientos::Error>(())
    /// ```
    pub fn crosswalk_plan(&self, plan: &WorkPlan, to: &str) -> Result<(WorkPlan, Report)> {
        let from = plan
            .guideline_version
            .as_deref()
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .ok_or_else(|| {
                Error::invalid_value(
                    "plan",
                    None,
                    "a plan that says which guideline version it refers to (guideline_version)",
                )
            })?;
        let from = self.guideline_set(from)?.version.clone();
        let to = self.guideline_set(to)?.version.clone();
        if self.crosswalk_chain(&from, &to).is_none() {
            return Err(Error::NoCrosswalk {
                source_version: from.clone(),
                target_version: to.clone(),
            });
        }
        let mut report = Report::new(self.pins());
        let mut out = plan.clone();
        out.guideline_version = Some(to.clone());
        let mut cache: HashMap<String, Option<Vec<String>>> = HashMap::new();
        for (i, a) in out.activities.iter_mut().enumerate() {
            let mut refs: Vec<String> = Vec::with_capacity(a.guidelines.len());
            for (k, raw) in a.guidelines.iter().enumerate() {
                let mapped = cache
                    .entry(normalize_key(raw))
                    .or_insert_with(|| self.map_guideline(&from, &to, raw))
                    .clone();
                match mapped {
                    Some(targets) if !targets.is_empty() => {
                        for t in targets {
                            if !refs.contains(&t) {
                                refs.push(t);
                            }
                        }
                    }
                    _ => {
                        report.push(
                            Rule::UnmappedGuideline
                                .finding(format!("/activities/{i}/guidelines/{k}"))
                                .with_value(raw.as_str())
                                .with_param("from", from.as_str())
                                .with_param("to", to.as_str()),
                        );
                        if !refs.contains(raw) {
                            refs.push(raw.clone());
                        }
                    }
                }
            }
            a.guidelines = refs;
        }
        Ok((out, report))
    }
}

fn unaddressed(set: &GuidelineSet) -> Vec<EmergingChallenge> {
    EmergingChallenge::ALL
        .iter()
        .copied()
        .filter(|c| {
            !set.guidelines
                .iter()
                .any(|g| g.retired.is_none() && g.challenges.contains(c))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn review_due_boundary_is_exclusive() {
        let cat = Catalog::embedded();
        // 2023-07-01 + 730 days = 2025-06-30: due from 2025-07-01 on.
        let at = |d: NaiveDate| {
            cat.review_guidelines("2023", &RuleConfig::new(d))
                .unwrap()
                .with_code("review_due")
                .any(|d| d.value.as_deref() == Some("VCM-1"))
        };
        assert!(!at(NaiveDate::from_ymd_opt(2025, 6, 30).unwrap()));
        assert!(at(NaiveDate::from_ymd_opt(2025, 7, 1).unwrap()));
    }

    #[test]
    fn retired_items_are_not_due_and_2017_misses_three_challenges() {
        let cat = Catalog::embedded();
        let cfg = RuleConfig::new(NaiveDate::from_ymd_opt(2030, 1, 1).unwrap());
        let r = cat.review_guidelines("2023", &cfg).unwrap();
        assert!(
            !r.with_code("review_due")
                .any(|d| d.value.as_deref() == Some("DAT-3"))
        );
        assert_eq!(
            cat.unaddressed_challenges("2017").unwrap(),
            vec![
                EmergingChallenge::HealthEmergency,
                EmergingChallenge::ClimateDisplacement,
                EmergingChallenge::RisingMobility
            ]
        );
        let r = cat.review_guidelines("2017", &cfg).unwrap();
        assert_eq!(r.with_code("challenge_not_addressed").count(), 3);
        assert_eq!(
            cat.review_guidelines("2107", &cfg).unwrap_err().code(),
            "unknown_code"
        );
    }

    #[test]
    fn crosswalk_errors() {
        let cat = Catalog::embedded();
        let plan = WorkPlan::default();
        assert_eq!(
            cat.crosswalk_plan(&plan, "2023").unwrap_err().code(),
            "invalid_value"
        );
        let plan = WorkPlan {
            guideline_version: Some("2023".into()),
            ..Default::default()
        };
        assert_eq!(
            cat.crosswalk_plan(&plan, "2017").unwrap_err().code(),
            "no_crosswalk"
        );
        let (same, r) = cat.crosswalk_plan(&plan, "2023").unwrap();
        assert_eq!(same, plan);
        assert!(r.diagnostics.is_empty());
    }
}
