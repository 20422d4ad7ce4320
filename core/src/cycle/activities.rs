//! Activity follow-up: what countries reported against each planned activity, read against
//! its period and indicator targets.
//!
//! The reported share of an activity is, in this order:
//! 1. the progress (percent) of its latest report that gives one;
//! 2. otherwise, when an indicator counts people (unit `personas`, `people`, `participantes`,
//!    `participants`, `mujeres`, `women`, `beneficiarias`, `beneficiaries`) and has a target
//!    above its baseline: the participants reported over all its entries, as a share of
//!    `target - baseline`.
//!
//! The time elapsed is the share of the activity's days (both ends inclusive) up to `as_of`.
//! An activity is `behind` when its share trails the time elapsed by more than
//! [`RuleConfig::behind_target_margin`](crate::RuleConfig::behind_target_margin) points.

use super::given;
use crate::matrix::Entry;
use crate::plan::{Activity, WorkPlan};
use crate::text::normalize_key;
use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Where an activity stands in the cycle. `done` is what its latest report says (status
/// `completed` or progress 100 %).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ActivityState {
    /// Reported as completed (status `completed`, or progress 100 %).
    Done,
    /// Reported, and its progress trails the time elapsed beyond the margin.
    Behind,
    /// Reported, on track or without a measure of progress.
    Reported,
    /// Ended with no report.
    NotReported,
    /// Not reported yet, and not ended.
    Planned,
}

impl ActivityState {
    /// The snake_case code.
    pub fn code(self) -> &'static str {
        match self {
            ActivityState::Done => "done",
            ActivityState::Behind => "behind",
            ActivityState::Reported => "reported",
            ActivityState::NotReported => "not_reported",
            ActivityState::Planned => "planned",
        }
    }
}

/// How the reported share of an activity was measured.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", tag = "source", content = "percent")]
pub enum Progress {
    /// The progress of the latest report that gives one.
    Reported(f64),
    /// Participants reported against a people indicator's target.
    Participants(f64),
}

impl Progress {
    /// The share, in percent.
    pub fn percent(self) -> f64 {
        match self {
            Progress::Reported(p) | Progress::Participants(p) => p,
        }
    }

    /// `reported` or `participants`.
    pub fn source(self) -> &'static str {
        match self {
            Progress::Reported(_) => "reported",
            Progress::Participants(_) => "participants",
        }
    }
}

/// One planned activity and what was reported against it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ActivityFollowUp {
    /// Index of the plan in the cycle.
    pub plan: usize,
    /// Index of the activity in its plan.
    pub activity: usize,
    /// JSON Pointer into the cycle: `/plans/{plan}/activities/{activity}`.
    pub path: String,
    /// The plan's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan_id: Option<String>,
    /// The working table (the plan's `working_group`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub table: Option<String>,
    /// The plan's axis.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub axis: Option<String>,
    /// The activity's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub activity_id: Option<String>,
    /// The activity's title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// First day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<NaiveDate>,
    /// Last day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<NaiveDate>,
    /// Whether its plan is in the approved general plan.
    pub approved: bool,
    /// Matrix entries of the cycle that name it.
    pub entries: usize,
    /// Distinct countries among them.
    pub countries: usize,
    /// Participants reported over those entries (all disaggregations).
    pub participants: u64,
    /// The reported share, and how it was measured (`None`: nothing measurable reported).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub progress: Option<Progress>,
    /// Share of the activity's period elapsed at `as_of`, in percent (`None` without dates).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub elapsed: Option<f64>,
    /// Where it stands.
    pub state: ActivityState,
}

/// Units of an indicator that counts people (compared after case and accent folding).
const PEOPLE_UNITS: &[&str] = &[
    "personas",
    "people",
    "persons",
    "participantes",
    "participants",
    "mujeres",
    "women",
    "beneficiarias",
    "beneficiaries",
];

/// The share of `act`'s period elapsed at `as_of`, in percent.
pub(super) fn elapsed(act: &Activity, as_of: NaiveDate) -> Option<f64> {
    let (start, end) = (act.start?, act.end?);
    let days = (end - start).num_days() + 1;
    if days <= 0 {
        return None;
    }
    let gone = ((as_of.min(end) - start).num_days() + 1).clamp(0, days);
    Some(100.0 * gone as f64 / days as f64)
}

/// The reported share of `act` from its `entries` (see the module docs).
pub(super) fn progress(act: &Activity, entries: &[&Entry]) -> Option<Progress> {
    // The latest report that gives a progress; on the same day, the later row.
    let latest = entries
        .iter()
        .enumerate()
        .filter_map(|(i, e)| e.progress.map(|p| ((e.reported_on, i), p)))
        .max_by(|a, b| a.0.cmp(&b.0))
        .map(|(_, p)| p);
    if let Some(p) = latest {
        return Some(Progress::Reported(p));
    }
    let people: u64 = entries.iter().map(|e| e.participants.total()).sum();
    act.indicators
        .iter()
        .filter(|i| {
            i.unit
                .as_deref()
                .is_some_and(|u| PEOPLE_UNITS.contains(&normalize_key(u).as_str()))
        })
        .find_map(|i| {
            let goal = i.target? - i.baseline.unwrap_or(0.0);
            (goal > 0.0).then(|| Progress::Participants(100.0 * people as f64 / goal))
        })
        .filter(|_| people > 0)
}

/// The follow-up of activity `a` of plan `p`, given the cycle entries that name it.
pub(super) fn follow_up(
    (p, plan): (usize, &WorkPlan),
    (a, act): (usize, &Activity),
    entries: &[&Entry],
    approved: bool,
    as_of: NaiveDate,
    margin: u32,
) -> ActivityFollowUp {
    let progress = progress(act, entries);
    let elapsed = elapsed(act, as_of);
    // Done is what the latest report says (several countries may report on one regional
    // activity; an earlier "completed" is overtaken by a later report).
    let latest = entries
        .iter()
        .enumerate()
        .max_by_key(|(i, e)| (e.reported_on, *i))
        .map(|(_, e)| *e);
    let done = latest.is_some_and(|e| {
        e.status == crate::codes::Status::Completed || e.progress.is_some_and(|x| x >= 100.0)
    });
    let behind = match (progress, elapsed) {
        (Some(p), Some(t)) => t - p.percent() > f64::from(margin),
        _ => false,
    };
    let ended = act.end.is_some_and(|end| end < as_of);
    let state = if done {
        ActivityState::Done
    } else if entries.is_empty() {
        if ended {
            ActivityState::NotReported
        } else {
            ActivityState::Planned
        }
    } else if behind {
        ActivityState::Behind
    } else {
        ActivityState::Reported
    };
    let mut countries: Vec<&str> = entries.iter().map(|e| e.country.as_str()).collect();
    countries.sort_unstable();
    countries.dedup();
    ActivityFollowUp {
        plan: p,
        activity: a,
        path: format!("/plans/{p}/activities/{a}"),
        plan_id: given(plan.id.as_deref()).map(str::to_owned),
        table: given(plan.working_group.as_deref()).map(str::to_owned),
        axis: given(plan.axis.as_deref()).map(str::to_owned),
        activity_id: given(act.id.as_deref()).map(str::to_owned),
        title: given(act.title.as_deref()).map(str::to_owned),
        start: act.start,
        end: act.end,
        approved,
        entries: entries.len(),
        countries: countries.len(),
        participants: entries.iter().map(|e| e.participants.total()).sum(),
        progress,
        elapsed,
        state,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Catalog, ImportOptions, Matrix};

    fn entries(csv: &str) -> Vec<Entry> {
        let (m, _) = Matrix::read_csv(
            csv.as_bytes(),
            &Catalog::embedded(),
            &ImportOptions::default(),
        )
        .unwrap();
        m.entries().collect()
    }

    fn activity(unit: &str, baseline: f64, target: f64) -> Activity {
        serde_json::from_value(serde_json::json!({
            "id": "a", "start": "2025-01-01", "end": "2025-01-10",
            "indicators": [{"name": "n", "unit": unit, "baseline": baseline, "target": target}]}))
        .unwrap()
    }

    #[test]
    fn the_share_comes_from_progress_then_from_people_counted_against_the_target() {
        let head = "ID,País,Institución,Fecha,Tipo,Título,Estado,Avance,Mujeres,Hombres\n";
        let rows = entries(&format!(
            "{head}E1,MEX,A,2025-01-02,Avance,t,En curso,,6,4\nE2,GTM,B,2025-01-03,Avance,t,En curso,,10,\n"
        ));
        let refs: Vec<&Entry> = rows.iter().collect();
        // 20 people over a target of 50 above a baseline of 10: 50 %.
        assert_eq!(
            progress(&activity("Personas", 10.0, 50.0), &refs),
            Some(Progress::Participants(50.0))
        );
        assert_eq!(
            progress(&activity("women", 0.0, 40.0), &refs),
            Some(Progress::Participants(50.0))
        );
        // Not a unit of people, or no room above the baseline: no share.
        assert_eq!(progress(&activity("documentos", 0.0, 5.0), &refs), None);
        assert_eq!(progress(&activity("personas", 50.0, 50.0), &refs), None);
        // A reported progress wins, the latest by date (then by row).
        let with = entries(&format!(
            "{head}E1,MEX,A,2025-01-05,Avance,t,En curso,30,6,\nE2,GTM,B,2025-01-04,Avance,t,En curso,80,,\nE3,GTM,B,2025-01-05,Avance,t,En curso,40,,\n"
        ));
        let refs: Vec<&Entry> = with.iter().collect();
        assert_eq!(
            progress(&activity("personas", 0.0, 50.0), &refs),
            Some(Progress::Reported(40.0))
        );
        // Nobody counted: no share.
        let none = entries(&format!("{head}E1,MEX,A,2025-01-05,Avance,t,En curso,,,\n"));
        let refs: Vec<&Entry> = none.iter().collect();
        assert_eq!(progress(&activity("personas", 0.0, 50.0), &refs), None);
    }

    #[test]
    fn elapsed_counts_both_ends_and_clamps() {
        let a = activity("x", 0.0, 1.0);
        let day = |d| NaiveDate::from_ymd_opt(2025, 1, d).unwrap();
        assert_eq!(elapsed(&a, day(1)), Some(10.0));
        assert_eq!(elapsed(&a, day(10)), Some(100.0));
        assert_eq!(elapsed(&a, day(20)), Some(100.0));
        assert_eq!(
            elapsed(&a, NaiveDate::from_ymd_opt(2024, 12, 1).unwrap()),
            Some(0.0)
        );
        let backwards: Activity =
            serde_json::from_value(serde_json::json!({"start": "2025-01-10", "end": "2025-01-01"}))
                .unwrap();
        assert_eq!(elapsed(&backwards, day(5)), None);
    }

    #[test]
    fn state_follows_the_latest_report_and_the_margin() {
        let head = "ID,País,Institución,Fecha,Tipo,Título,Estado,Avance\n";
        let plan = WorkPlan::default();
        let a = activity("x", 0.0, 1.0);
        let day = NaiveDate::from_ymd_opt(2025, 1, 10).unwrap();
        let st = |csv: &str, margin| {
            let rows = entries(&format!("{head}{csv}"));
            let refs: Vec<&Entry> = rows.iter().collect();
            follow_up((0, &plan), (0, &a), &refs, true, day, margin).state
        };
        // Completed earlier, then a later report in progress: not done.
        assert_eq!(
            st(
                "E1,MEX,A,2025-01-02,Avance,t,Completada,\nE2,MEX,A,2025-01-03,Avance,t,En curso,90\n",
                20
            ),
            ActivityState::Reported
        );
        assert_eq!(
            st("E1,MEX,A,2025-01-03,Avance,t,En curso,100\n", 20),
            ActivityState::Done
        );
        // 100 % elapsed: 80 % reported is exactly 20 points behind (not beyond the margin).
        assert_eq!(
            st("E1,MEX,A,2025-01-03,Avance,t,En curso,80\n", 20),
            ActivityState::Reported
        );
        assert_eq!(
            st("E1,MEX,A,2025-01-03,Avance,t,En curso,79\n", 20),
            ActivityState::Behind
        );
        let rows: Vec<&Entry> = Vec::new();
        assert_eq!(
            follow_up((0, &plan), (0, &a), &rows, true, day, 20).state,
            ActivityState::Planned
        );
        let later = NaiveDate::from_ymd_opt(2025, 1, 11).unwrap();
        assert_eq!(
            follow_up((0, &plan), (0, &a), &rows, true, later, 20).state,
            ActivityState::NotReported
        );
    }
}
