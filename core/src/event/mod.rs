//! The events of a congress cycle: preparatory and follow-up webinars, trainings and
//! congress sessions, with attendance as counts ([`Event`], [`Attendance`]).
//!
//! Attendance is counted per country and institution (women, men, and how many of them are
//! new staff): an event never needs anybody's name. JSON shape:
//!
//! ```json
//! {"id": "prep-2024", "kind": "preparatory_webinar", "start": "2024-08-20",
//!  "modality": "virtual", "topic": "Temas prioritarios del V Congreso", "organiser": "IOM",
//!  "priority_areas": ["VCM", "EMP"],
//!  "attendance": [{"country": "GTM", "institution": "Instituto ficticio", "women": 3, "men": 1, "new_staff": 2}]}
//! ```

use crate::codes::SessionKind;
use crate::congress::CongressFormat;
use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// One event of the cycle. Required fields are `Option` so that an incomplete record still
/// loads and the review reports every gap with its path (`missing_field`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct Event {
    /// Identifier, unique in the cycle (required).
    #[serde(default)]
    pub id: Option<String>,
    /// What kind of event: `preparatory_webinar`, `follow_up_webinar`, `training`,
    /// `working_table`, `colloquium` or `panel` (required).
    #[serde(default)]
    pub kind: Option<SessionKind>,
    /// First day (required).
    #[serde(default, deserialize_with = "crate::args::iso_date::option")]
    pub start: Option<NaiveDate>,
    /// Last day (inclusive); absent for a one-day event.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::args::iso_date::option"
    )]
    pub end: Option<NaiveDate>,
    /// In person, virtual or hybrid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modality: Option<CongressFormat>,
    /// What it was about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub topic: Option<String>,
    /// The thematic axis, when the event is on one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub axis: Option<String>,
    /// The working table that met, for a `working_table` session or a table's own event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub table: Option<String>,
    /// Who organised it (an organisation, country or body code, or a name as written).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organiser: Option<String>,
    /// Attendance, per country and institution.
    #[serde(default)]
    pub attendance: Vec<Attendance>,
    /// (preparatory webinar) The priority thematic areas agreed for the next congress.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub priority_areas: Vec<String>,
    /// (follow-up webinar) The agreements followed up at this event, by id.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub agreements: Vec<String>,
}

impl Event {
    /// The last day: `end`, or `start` for a one-day event.
    pub fn last_day(&self) -> Option<NaiveDate> {
        self.end.or(self.start)
    }

    /// Total attendance over all rows.
    pub fn totals(&self) -> AttendanceTotals {
        let mut t = AttendanceTotals::default();
        for a in &self.attendance {
            t.women += u64::from(a.women);
            t.men += u64::from(a.men);
            t.new_staff += u64::from(a.new_staff);
        }
        t
    }
}

/// How many people of one country and institution attended an event.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct Attendance {
    /// The country (ISO code or name).
    #[serde(default)]
    pub country: Option<String>,
    /// The institution, as written or as its code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub institution: Option<String>,
    /// Women who attended.
    #[serde(default)]
    pub women: u32,
    /// Men who attended.
    #[serde(default)]
    pub men: u32,
    /// Of those, how many are new in their post (the turnover the trainings answer).
    #[serde(default)]
    pub new_staff: u32,
}

/// Attendance summed over an event's rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct AttendanceTotals {
    /// Women.
    pub women: u64,
    /// Men.
    pub men: u64,
    /// New staff among them.
    pub new_staff: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_documented_shape_and_sums_attendance() {
        let e: Event = serde_json::from_str(
            r#"{"id": "prep-2024", "kind": "preparatory_webinar", "start": "2024-08-20",
                "modality": "virtual", "priority_areas": ["VCM", "EMP"],
                "attendance": [{"country": "GTM", "women": 3, "men": 1, "new_staff": 2},
                               {"country": "MEX", "institution": "X", "women": 4}]}"#,
        )
        .unwrap();
        assert_eq!(e.kind, Some(SessionKind::PreparatoryWebinar));
        assert_eq!(e.last_day(), e.start);
        assert_eq!(
            e.totals(),
            AttendanceTotals {
                women: 7,
                men: 1,
                new_staff: 2
            }
        );
        let bad = serde_json::from_str::<Event>(r#"{"attendance": [{"women": -1}]}"#);
        assert!(bad.is_err());
    }
}
