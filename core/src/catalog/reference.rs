//! Reference records of the catalogue: countries, organisations, GCM objectives and
//! principles, SDGs, Pro-Tempore Presidencies.

use crate::codes::OrganizationKind;
use crate::i18n::Text;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A country's role in the CRM.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CountryRole {
    /// Member state.
    Member,
    /// Observer country.
    Observer,
    /// Any other country an agency adds.
    Other,
}

/// A country.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Country {
    /// ISO 3166-1 alpha-3 (the canonical code).
    pub iso3: String,
    /// ISO 3166-1 alpha-2.
    pub iso2: String,
    /// Name.
    pub name: Text,
    /// Role in the CRM.
    pub role: CountryRole,
    /// Other spellings in use (short forms, former names).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// Where the record comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// An organisation: a CRM observer, a partner of the practice, a regional body, a treaty
/// body or a civil-society organisation ([`OrganizationKind`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Organization {
    /// Code (e.g. `"IOM"`).
    pub code: String,
    /// What it is to the CRM. A catalogue written before kinds existed listed observer
    /// organisations only, so a missing kind reads as `observer`.
    #[serde(default = "observer")]
    pub kind: OrganizationKind,
    /// Name.
    pub name: Text,
    /// Other spellings (Spanish acronyms such as `"OIM"`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// Where the record comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// An objective of the Global Compact for Safe, Orderly and Regular Migration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct GcmObjective {
    /// Number (1-23).
    pub number: u8,
    /// Short label.
    pub short: Text,
    /// Full title.
    pub title: Text,
    /// Whether the Spanish full title was checked against the official Spanish text.
    #[serde(default)]
    pub title_es_verified: bool,
    /// Where the record comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// A guiding principle of the GCM (a-j).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct GcmPrinciple {
    /// Key (`"a"`..`"j"`).
    pub key: String,
    /// Name.
    pub name: Text,
    /// Where the record comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// A Sustainable Development Goal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Sdg {
    /// Number (1-17).
    pub number: u8,
    /// Name.
    pub name: Text,
    /// Where the record comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// The CRM's Pro-Tempore Presidency of one year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Presidency {
    /// Year.
    pub year: i32,
    /// Country holding the presidency (ISO alpha-3).
    pub country: String,
    /// The Vice-Ministerial Meeting of that year, as a Roman numeral, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vice_ministerial_meeting: Option<String>,
    /// Remarks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// Where the record comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

fn observer() -> OrganizationKind {
    OrganizationKind::Observer
}
