//! One reported row of the tracking matrix.

use crate::codes::{EntryType, Stage, Status};
use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// One row of the tracking matrix, as accepted (codes resolved, dates parsed).
///
/// JSON shape (see `schema/entry.schema.json`):
///
/// ```json
/// {"id": "GTM-2024-001", "country": "GTM", "institution": "Secretaría Presidencial de la Mujer",
///  "reported_on": "2024-05-02", "entry_type": "good_practice", "title": "Ruta de atención",
///  "axis": "VCM", "guidelines": ["VCM-1"], "stages": ["transit"], "status": "ongoing",
///  "progress": 45.0, "participants": {"women": 120, "girls": 14}, "replicable": true}
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Entry {
    /// Identifier, unique in the matrix.
    pub id: String,
    /// Reporting country (ISO 3166-1 alpha-3).
    pub country: String,
    /// Reporting institution.
    pub institution: String,
    /// The date the row was reported.
    #[serde(deserialize_with = "crate::args::iso_date::required")]
    pub reported_on: NaiveDate,
    /// What is reported.
    pub entry_type: EntryType,
    /// Title.
    pub title: String,
    /// Description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Thematic axis.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub axis: Option<String>,
    /// Guideline item codes.
    #[serde(default)]
    pub guidelines: Vec<String>,
    /// The plan activity this row reports on, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub activity: Option<String>,
    /// Migration-cycle stages.
    #[serde(default)]
    pub stages: Vec<Stage>,
    /// Status.
    pub status: Status,
    /// Progress in percent (0-100).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub progress: Option<f64>,
    /// First day.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::args::iso_date::option"
    )]
    pub start: Option<NaiveDate>,
    /// Last day (inclusive).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::args::iso_date::option"
    )]
    pub end: Option<NaiveDate>,
    /// Participants, disaggregated.
    #[serde(default)]
    pub participants: Participants,
    /// Link to evidence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence_url: Option<String>,
    /// Whether the country considers it replicable.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replicable: Option<bool>,
    /// Whether the CRM has approved the row (pivot can filter to approved data).
    #[serde(default)]
    pub approved: bool,
}

/// Participant counts, disaggregated by sex and age. `None` means not reported (not zero).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct Participants {
    /// Women.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub women: Option<u32>,
    /// Men.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub men: Option<u32>,
    /// Girls.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub girls: Option<u32>,
    /// Boys.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub boys: Option<u32>,
    /// Not disaggregated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unspecified: Option<u32>,
}

impl Participants {
    /// The sum of every reported count.
    pub fn total(&self) -> u64 {
        [
            self.women,
            self.men,
            self.girls,
            self.boys,
            self.unspecified,
        ]
        .into_iter()
        .flatten()
        .map(u64::from)
        .sum()
    }
}
