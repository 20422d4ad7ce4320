//! The guidelines: versioned [`GuidelineSet`]s of thematic [`Axis`]es and [`Guideline`] items,
//! and [`Crosswalk`]s that map item codes of one version to another.

mod review;

use crate::codes::{EmergingChallenge, Stage};
use crate::i18n::Text;
use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Where a guideline set's items come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Provenance {
    /// The official text, as approved by the CRM.
    Official,
    /// An illustrative set for demos and tests (the embedded default): not the official text.
    Illustrative,
}

/// One version of the guidelines.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct GuidelineSet {
    /// The version (e.g. `"2017"`); plans and entries refer to it.
    pub version: String,
    /// Title.
    pub title: Text,
    /// Official or illustrative.
    pub provenance: Provenance,
    /// A note on the set (what it is, what is missing).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The year the guidelines were approved, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approved_year: Option<i32>,
    /// Guiding principles (principios rectores).
    #[serde(default)]
    pub principles: Vec<GuidelinePrinciple>,
    /// Approaches (enfoques).
    #[serde(default)]
    pub approaches: Vec<Approach>,
    /// Thematic axes.
    pub axes: Vec<Axis>,
    /// Items, including retired ones (marked by `retired`).
    pub guidelines: Vec<Guideline>,
}

impl GuidelineSet {
    /// The item with this code (exact match), retired or not.
    pub fn guideline(&self, code: &str) -> Option<&Guideline> {
        self.guidelines.iter().find(|g| g.code == code)
    }

    /// The axis with this code (exact match).
    pub fn axis(&self, code: &str) -> Option<&Axis> {
        self.axes.iter().find(|a| a.code == code)
    }

    /// The items of `axis` that are in force (not retired).
    pub fn active_in_axis<'a>(&'a self, axis: &'a str) -> impl Iterator<Item = &'a Guideline> + 'a {
        self.guidelines
            .iter()
            .filter(move |g| g.axis == axis && g.retired.is_none())
    }
}

/// A guiding principle of the guidelines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct GuidelinePrinciple {
    /// Its number in the document.
    pub number: u8,
    /// Name.
    pub name: Text,
    /// Where it is stated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// An approach (enfoque) of the guidelines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Approach {
    /// Code (snake_case).
    pub code: String,
    /// Name.
    pub name: Text,
    /// Where it is stated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// A thematic axis (eje temático).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Axis {
    /// Short code, e.g. `"VCM"`.
    pub code: String,
    /// Name.
    pub name: Text,
    /// GCM objectives (1-23) the axis contributes to.
    #[serde(default)]
    pub gcm_objectives: Vec<u8>,
    /// SDGs (1-17) the axis contributes to.
    #[serde(default)]
    pub sdgs: Vec<u8>,
}

/// One guideline item (lineamiento).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Guideline {
    /// Code, e.g. `"VCM-2"`.
    pub code: String,
    /// The axis it belongs to.
    pub axis: String,
    /// Text.
    pub text: Text,
    /// The version that introduced it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<String>,
    /// The version that retired it (`None` while in force).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retired: Option<String>,
    /// Items that replace it, when retired.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub replaced_by: Vec<String>,
    /// When it was last reviewed.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::args::iso_date::option"
    )]
    pub last_reviewed: Option<NaiveDate>,
    /// GCM objectives (1-23).
    #[serde(default)]
    pub gcm_objectives: Vec<u8>,
    /// SDGs (1-17).
    #[serde(default)]
    pub sdgs: Vec<u8>,
    /// Migration-cycle stages it applies to.
    #[serde(default)]
    pub stages: Vec<Stage>,
    /// Emerging challenges it addresses.
    #[serde(default)]
    pub challenges: Vec<EmergingChallenge>,
}

/// A table of correspondence from item codes of version `from` to version `to`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Crosswalk {
    /// Source version.
    pub from: String,
    /// Target version.
    pub to: String,
    /// One row per source code.
    pub mappings: Vec<CrosswalkMapping>,
}

impl Crosswalk {
    /// The target codes of `code` (empty when the crosswalk does not map it).
    pub fn targets(&self, code: &str) -> &[String] {
        self.mappings
            .iter()
            .find(|m| m.from == code)
            .map_or(&[], |m| m.to.as_slice())
    }
}

/// One row of a crosswalk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct CrosswalkMapping {
    /// Code in the source version.
    pub from: String,
    /// Codes in the target version (empty: dropped without replacement).
    pub to: Vec<String>,
}
