//! One congress cycle, connected: its working tables, their plans and approval records, the
//! events and agreements of the cycle ([`Cycle`]), and its review against the tracking matrix
//! and the focal-point directory ([`Cycle::review`] → [`CycleReview`]).
//!
//! The practice is a yearly cycle: a preparatory webinar agrees the priority themes; the
//! congress meets in working tables (one per axis); each table presents a work plan that the
//! CRM validates and approves into the general plan; countries report in the matrix against
//! the planned activities; follow-up webinars track the agreements; the next congress starts
//! from what is done, behind or overdue.
//!
//! A cycle is one JSON document (every list optional; see `schema/cycle.schema.json`):
//!
//! ```json
//! {"congress": "V", "period": {"start": "2024-11-20", "end": "2025-11-18"},
//!  "tables": [{"id": "mesa-vcm", "axis": "VCM", "title": "Violencia contra las mujeres"}],
//!  "plans": [{"id": "plan-vcm", "working_group": "mesa-vcm", "congress": 5, "...": "..."}],
//!  "approvals": [{"plan_id": "plan-vcm", "state": "approved", "...": "..."}],
//!  "events": [{"id": "seg-1", "kind": "follow_up_webinar", "start": "2025-03-04", "agreements": ["ac-1"]}],
//!  "agreements": [{"id": "ac-1", "text": {"es": "..."}, "agreed_on": "2024-11-20", "due": "2025-06-30"}]}
//! ```
//!
//! The matrix and the focal points come from their own files (CSV/XLSX, JSON) and are given
//! to [`Cycle::review`].

mod activities;
mod agreements;
mod columns;
mod focal;
mod review;

pub use activities::{ActivityFollowUp, ActivityState, Progress};
pub use agreements::AgreementFollowUp;
pub use columns::ReviewTable;
pub use review::{
    ActivityCounts, AxisFollowUp, CycleReview, EventSummary, LocalizedCycleReview, ReviewOptions,
    TableFollowUp,
};

use crate::agreement::Agreement;
use crate::approval::Approval;
use crate::catalog::Catalog;
use crate::event::Event;
use crate::plan::{Period, WorkPlan};
use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A congress cycle: what one congress edition set in motion. Incomplete records load; the
/// review reports every gap with its path.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct Cycle {
    /// The congress edition (required; a number, or a Roman numeral in JSON).
    #[serde(default, deserialize_with = "crate::args::edition::option")]
    #[schemars(with = "Option<crate::plan::Edition>")]
    pub congress: Option<u32>,
    /// A title for reports (e.g. "Ciclo del V Congreso").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Whether the data is real (`official`) or invented for demos and training
    /// (`illustrative`): outputs built on illustrative data say so.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provenance: Option<crate::guidelines::Provenance>,
    /// The reporting period: matrix entries reported in it belong to the cycle. When a
    /// bound is absent it comes from the catalogue: from this congress's first day to the
    /// day before the next dated congress.
    #[serde(default)]
    pub period: Period,
    /// The working tables that met.
    #[serde(default)]
    pub tables: Vec<WorkingTable>,
    /// The tables' work plans.
    #[serde(default)]
    pub plans: Vec<WorkPlan>,
    /// The plans' approval records (matched to plans by `plan_id`).
    #[serde(default)]
    pub approvals: Vec<Approval>,
    /// Webinars, trainings and congress sessions.
    #[serde(default)]
    pub events: Vec<Event>,
    /// Agreements and recommendations.
    #[serde(default)]
    pub agreements: Vec<Agreement>,
}

/// A working table (*mesa de trabajo*) of the congress.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct WorkingTable {
    /// Identifier: the `working_group` of its plans (required).
    #[serde(default)]
    pub id: Option<String>,
    /// The thematic axis it works on (a table without one is `table_without_axis`).
    #[serde(default)]
    pub axis: Option<String>,
    /// Its title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
}

impl Cycle {
    /// Maximum size of a cycle document (64 MiB, as a plan).
    pub const MAX_JSON_BYTES: usize = WorkPlan::MAX_JSON_BYTES;

    /// Reads a cycle from JSON: malformed JSON or a wrong type is `invalid_json` with line,
    /// column and the JSON Pointer of the bad value; missing fields are the review's
    /// findings, not errors.
    ///
    /// ```
    /// let cycle = lineamientos::Cycle::from_json(r#"{"congress": "V", "tables": [{"id": "mesa-vcm", "axis": "VCM"}]}"#)?;
    /// assert_eq!(cycle.congress, Some(5));
    /// let err = lineamientos::Cycle::from_json(r#"{"congress": "V", "events": [{"start": "2024-02-30"}]}"#).unwrap_err();
    /// assert_eq!(err.details()["path"], "/events/0/start");
    /// # Ok::<(), lineamientos::Error>(())
    /// ```
    pub fn from_json(text: &str) -> crate::Result<Self> {
        crate::catalog::check_size(text.len(), Self::MAX_JSON_BYTES, "cycle JSON bytes")?;
        crate::document::from_text(text)
    }

    /// The cycle from a JSON-shaped value (a Python `dict`, a JS object).
    pub fn from_value(value: serde_json::Value) -> crate::Result<Self> {
        crate::document::from_value(value)
    }

    /// The cycle as pretty JSON.
    pub fn to_json(&self) -> crate::Result<String> {
        serde_json::to_string_pretty(self).map_err(|e| crate::Error::from_serde_json(&e))
    }

    /// The reporting period: the document's bounds, each absent one taken from the
    /// catalogue's congresses (this edition's first day; the day before the next dated
    /// edition's first day). A bound that is still unknown stays open.
    pub fn resolved_period(&self, catalog: &Catalog) -> Period {
        let mut dated: Vec<(u32, NaiveDate)> = catalog
            .congresses()
            .iter()
            .filter_map(|c| c.start.map(|s| (u32::from(c.edition), s)))
            .collect();
        dated.sort_unstable();
        let this = self
            .congress
            .and_then(|n| dated.iter().find(|(e, _)| *e == n).map(|(_, d)| *d));
        let next = self.congress.and_then(|n| {
            dated
                .iter()
                .find(|(e, _)| *e > n)
                .and_then(|(_, d)| d.pred_opt())
        });
        Period {
            start: self.period.start.or(this),
            end: self.period.end.or(next),
        }
    }
}

/// Whether `day` lies in `period` (open bounds admit everything on their side).
pub(crate) fn in_period(period: &Period, day: NaiveDate) -> bool {
    period.start.is_none_or(|s| s <= day) && period.end.is_none_or(|e| day <= e)
}

/// The trimmed text, `None` when absent or blank.
pub(crate) fn given(s: Option<&str>) -> Option<&str> {
    s.map(str::trim).filter(|s| !s.is_empty())
}

#[cfg(test)]
mod tests;
