//! One focal point record.

use crate::codes::Sector;
use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A person in a national institution who is the contact for the guidelines.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct FocalPoint {
    /// Country (ISO 3166-1 alpha-3).
    pub country: String,
    /// Institution: a code, acronym or name of the catalogue's national institutions (or
    /// an organisation); the directory records its catalogue code, or keeps the text as
    /// written when the catalogue does not know it.
    pub institution: String,
    /// The institution's sector, for institutions the catalogue does not know (the
    /// catalogue's sector wins for those it knows). Used by the coverage follow-up.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sector: Option<Sector>,
    /// Role (e.g. "enlace técnico").
    pub role: String,
    /// Name. Personal data.
    pub name: String,
    /// Email. Personal data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// In the role since.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::args::iso_date::option"
    )]
    pub since: Option<NaiveDate>,
    /// In the role until (`None`: still active).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::args::iso_date::option"
    )]
    pub until: Option<NaiveDate>,
    /// When the contact was last confirmed.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::args::iso_date::option"
    )]
    pub last_confirmed: Option<NaiveDate>,
}

impl FocalPoint {
    /// Whether the person holds the role on `as_of`.
    pub fn is_active(&self, as_of: NaiveDate) -> bool {
        self.since.is_none_or(|s| s <= as_of) && self.until.is_none_or(|u| u >= as_of)
    }
}

impl fmt::Debug for FocalPoint {
    // Personal data stays out of logs and panic messages.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FocalPoint")
            .field("country", &self.country)
            .field("institution", &self.institution)
            .field("sector", &self.sector)
            .field("role", &self.role)
            .field("name", &"<redacted>")
            .field("email", &self.email.as_ref().map(|_| "<redacted>"))
            .field("since", &self.since)
            .field("until", &self.until)
            .field("last_confirmed", &self.last_confirmed)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_hides_name_and_email() {
        let fp = FocalPoint {
            country: "HND".into(),
            institution: "SEMUJER".into(),
            sector: None,
            role: "enlace".into(),
            name: "Ana Pérez".into(),
            email: Some("ana.perez@example.org".into()),
            since: None,
            until: None,
            last_confirmed: None,
        };
        let dbg = format!("{fp:?} {fp:#?}");
        assert!(
            !dbg.contains("Ana") && !dbg.contains("Pérez") && !dbg.contains("example.org"),
            "{dbg}"
        );
        assert!(dbg.contains("SEMUJER"));
    }
}
