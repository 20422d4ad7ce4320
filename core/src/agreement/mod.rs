//! Agreements (*acuerdos*) and recommendations of a congress cycle, with their status
//! history and the evidence that closed them ([`Agreement`]).
//!
//! The status is not a field of its own: it is the last entry of the history (`open` when
//! the history is empty), so the two can never disagree. JSON shape:
//!
//! ```json
//! {"id": "ac-3", "kind": "agreement",
//!  "text": {"es": "Compartir protocolos de atención", "en": "Share care protocols"},
//!  "source": {"kind": "table", "id": "mesa-vcm"}, "axis": "VCM", "guidelines": ["VCM-1"],
//!  "responsible": ["GTM"], "agreed_on": "2024-11-20", "due": "2025-06-30",
//!  "history": [{"status": "in_progress", "date": "2025-02-10"}],
//!  "evidence": [{"activity": "vcm-1"}]}
//! ```

use crate::codes::{AgreementKind, AgreementSourceKind, AgreementStatus};
use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// An agreement or recommendation. Required fields are `Option` so that an incomplete record
/// still loads and the review reports every gap with its path.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct Agreement {
    /// Identifier, unique in the cycle (required).
    #[serde(default)]
    pub id: Option<String>,
    /// An agreement (default) or a recommendation.
    #[serde(default)]
    pub kind: AgreementKind,
    /// What was agreed, in Spanish and/or English (required).
    #[serde(default)]
    pub text: AgreementText,
    /// Where it was agreed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<AgreementSource>,
    /// The thematic axis.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub axis: Option<String>,
    /// Guideline item codes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub guidelines: Vec<String>,
    /// Who is responsible: countries, organisations or bodies (codes or names as written).
    #[serde(default)]
    pub responsible: Vec<String>,
    /// The day it was agreed (required).
    #[serde(default, deserialize_with = "crate::args::iso_date::option")]
    pub agreed_on: Option<NaiveDate>,
    /// When it is due.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::args::iso_date::option"
    )]
    pub due: Option<NaiveDate>,
    /// Status changes, oldest first. The last one is the current status.
    #[serde(default)]
    pub history: Vec<StatusChange>,
    /// What shows it was done: matrix entries or plan activities.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
}

impl Agreement {
    /// The current status: the last change of the history, `open` without one.
    pub fn status(&self) -> AgreementStatus {
        self.history
            .last()
            .and_then(|c| c.status)
            .unwrap_or(AgreementStatus::Open)
    }

    /// Whether it still needs work (open or in progress).
    pub fn is_pending(&self) -> bool {
        matches!(
            self.status(),
            AgreementStatus::Open | AgreementStatus::InProgress
        )
    }

    /// The day of the last status change, or the day it was agreed.
    pub fn last_change(&self) -> Option<NaiveDate> {
        self.history
            .iter()
            .filter_map(|c| c.date)
            .max()
            .or(self.agreed_on)
    }
}

/// The text of an agreement, in one or both languages.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct AgreementText {
    /// Spanish.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub es: Option<String>,
    /// English.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
}

impl AgreementText {
    /// The text in `lang`, or in the other language when only that one is written.
    pub fn get(&self, lang: crate::Lang) -> Option<&str> {
        let (first, second) = match lang {
            crate::Lang::Es => (&self.es, &self.en),
            crate::Lang::En => (&self.en, &self.es),
        };
        first
            .as_deref()
            .or(second.as_deref())
            .filter(|s| !s.trim().is_empty())
    }
}

/// Where an agreement was made: the congress, one of its sessions, a webinar or a table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct AgreementSource {
    /// Congress, session, webinar or table.
    pub kind: AgreementSourceKind,
    /// The event or table id (absent for the congress itself).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
}

/// One change of an agreement's status.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct StatusChange {
    /// The new status (required).
    #[serde(default)]
    pub status: Option<AgreementStatus>,
    /// When it changed (required).
    #[serde(default, deserialize_with = "crate::args::iso_date::option")]
    pub date: Option<NaiveDate>,
    /// A note (who reported it, where).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A piece of evidence: a matrix entry or a plan activity, by id.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct Evidence {
    /// A tracking-matrix entry id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entry: Option<String>,
    /// A plan activity id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub activity: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Agreement {
        serde_json::from_str(text).unwrap()
    }

    #[test]
    fn status_is_the_last_change_and_open_without_one() {
        let a = read(r#"{"id": "a", "agreed_on": "2024-01-10"}"#);
        assert_eq!(a.status(), AgreementStatus::Open);
        assert!(a.is_pending());
        assert_eq!(a.last_change(), NaiveDate::from_ymd_opt(2024, 1, 10));
        let a = read(
            r#"{"id": "a", "agreed_on": "2024-01-10", "history": [
                {"status": "in_progress", "date": "2024-03-01"},
                {"status": "done", "date": "2024-05-02"}]}"#,
        );
        assert_eq!(a.status(), AgreementStatus::Done);
        assert!(!a.is_pending());
        assert_eq!(a.last_change(), NaiveDate::from_ymd_opt(2024, 5, 2));
        let dropped = read(r#"{"history": [{"status": "dropped", "date": "2024-03-01"}]}"#);
        assert!(!dropped.is_pending());
        let in_progress = read(r#"{"history": [{"status": "in_progress"}]}"#);
        assert!(in_progress.is_pending());
    }

    #[test]
    fn text_falls_back_to_the_other_language() {
        let a = read(r#"{"text": {"es": "Compartir protocolos"}}"#);
        assert_eq!(a.text.get(crate::Lang::En), Some("Compartir protocolos"));
        assert_eq!(
            read(r#"{"text": {"es": "  "}}"#).text.get(crate::Lang::Es),
            None
        );
        assert_eq!(read("{}").text.get(crate::Lang::Es), None);
    }
}
