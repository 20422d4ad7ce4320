//! Working tables and their work plans: [`WorkPlan`], [`Activity`], [`Indicator`].
//!
//! The types mirror what a working table writes. Required fields are `Option` so that a plan
//! with gaps still loads and validation can report *every* missing field with its path
//! (`missing_field`), instead of the parser stopping at the first.
//!
//! JSON shape (see `schema/work_plan.schema.json`):
//!
//! ```json
//! {"id": "plan-vcm-2024", "working_group": "mesa-vcm", "axis": "VCM",
//!  "period": {"start": "2024-01-01", "end": "2024-12-31"}, "guideline_version": "2017",
//!  "activities": [{"id": "a1", "title": "Webinar regional", "kind": "webinar",
//!    "start": "2024-03-05", "end": "2024-03-05", "lead": "MEX", "participants": ["GTM", "IOM"],
//!    "guidelines": ["VCM-1"], "gcm_objectives": [7], "indicators": [
//!      {"name": "Personas capacitadas", "unit": "personas", "baseline": 0, "target": 120}]}]}
//! ```

// The direct canonical writer is a speed-up of the `Value` path with the same text (a
// property test says so); the WebAssembly module leaves it out to stay within its size budget.
#[cfg(not(target_arch = "wasm32"))]
mod canonical;
mod validate;

pub(crate) use validate::{
    ActivityAt, CheckedPlan, Checker, Findings, activity_index, pair_finding, plan_overlaps,
};

use crate::codes::ActivityKind;
use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A date range, both days inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct Period {
    /// First day.
    #[serde(default, deserialize_with = "crate::args::iso_date::option")]
    pub start: Option<NaiveDate>,
    /// Last day (inclusive).
    #[serde(default, deserialize_with = "crate::args::iso_date::option")]
    pub end: Option<NaiveDate>,
}

/// A working table's work plan.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct WorkPlan {
    /// Identifier (required).
    #[serde(default)]
    pub id: Option<String>,
    /// Title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The working group (mesa) that owns the plan (required): the working table's id in
    /// a [`crate::Cycle`].
    #[serde(default)]
    pub working_group: Option<String>,
    /// The congress edition whose working table made the plan (a number, or a Roman
    /// numeral such as `"V"` in JSON).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::args::edition::option"
    )]
    #[schemars(with = "Option<Edition>")]
    pub congress: Option<u32>,
    /// The thematic axis (required).
    #[serde(default)]
    pub axis: Option<String>,
    /// The plan period (required).
    #[serde(default)]
    pub period: Period,
    /// The guideline-set version the plan refers to (required).
    #[serde(default)]
    pub guideline_version: Option<String>,
    /// Activities.
    #[serde(default)]
    pub activities: Vec<Activity>,
}

impl WorkPlan {
    /// Maximum size of a plan document accepted by [`WorkPlan::from_json`] (64 MiB).
    pub const MAX_JSON_BYTES: usize = 64 * 1024 * 1024;

    /// Parses a plan from JSON. Malformed JSON or a wrong type is an
    /// [`Error::Json`](crate::Error::Json) with line and column; missing required fields are
    /// not errors here (validation reports them).
    pub fn from_json(text: &str) -> crate::Result<Self> {
        crate::catalog::check_size(text.len(), Self::MAX_JSON_BYTES, "work plan JSON bytes")?;
        crate::document::from_text(text)
    }

    /// The plan from a JSON-shaped value (a Python `dict`, a JS object): a wrong type is
    /// `invalid_json` with the JSON Pointer `path` of the value, as from text.
    pub fn from_value(value: serde_json::Value) -> crate::Result<Self> {
        crate::document::from_value(value)
    }

    /// The plan as pretty JSON.
    pub fn to_json(&self) -> crate::Result<String> {
        serde_json::to_string_pretty(self).map_err(|e| crate::Error::from_serde_json(&e))
    }

    /// The plan's canonical JSON: compact, object keys sorted, fields at their defaults as
    /// serialised. Two plans with the same content have the same canonical JSON, whatever the
    /// key order or spacing of the file they were read from.
    pub fn canonical_json(&self) -> crate::Result<String> {
        // Straight from the serializer, except for a blank single lead (rare), which the
        // `Value` path below rewrites.
        #[cfg(not(target_arch = "wasm32"))]
        {
            let blank_lead = self
                .activities
                .iter()
                .any(|a| matches!(a.lead.as_slice(), [one] if one.trim().is_empty()));
            if !blank_lead {
                if let Some(text) = canonical::to_canonical(self) {
                    return Ok(text);
                }
            }
        }
        self.canonical_json_of_value()
    }

    /// [`WorkPlan::canonical_json`] through a `serde_json::Value` (the reference the direct
    /// writer is tested against).
    fn canonical_json_of_value(&self) -> crate::Result<String> {
        serde_json::to_value(self)
            .map_err(|e| crate::Error::from_serde_json(&e))
            .map(|mut v| {
                // A blank single lead reads back as no lead: hash what a reader would see.
                if let Some(acts) = v.get_mut("activities").and_then(|a| a.as_array_mut()) {
                    for a in acts {
                        if let Some(lead) = a.get_mut("lead") {
                            if lead.as_str().is_some_and(|s| s.trim().is_empty()) {
                                *lead = serde_json::Value::Array(Vec::new());
                            }
                        }
                    }
                }
                let mut out = String::new();
                write_canonical(&v, &mut out);
                out
            })
    }

    /// The content hash: `sha256:` and the hex SHA-256 of [`WorkPlan::canonical_json`]. The
    /// approval workflow compares it to tell "changed since approval".
    ///
    /// ```
    /// let a = lineamientos::WorkPlan::from_json(r#"{"id": "p", "axis": "VCM"}"#)?;
    /// let b = lineamientos::WorkPlan::from_json(r#"{ "axis":"VCM", "id":"p" }"#)?;
    /// assert_eq!(a.content_hash()?, b.content_hash()?);
    /// assert!(a.content_hash()?.starts_with("sha256:"));
    /// # Ok::<(), lineamientos::Error>(())
    /// ```
    pub fn content_hash(&self) -> crate::Result<String> {
        Ok(crate::catalog::sha256_hex(
            self.canonical_json()?.as_bytes(),
        ))
    }
}

/// An activity of a work plan.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct Activity {
    /// Identifier, unique in the plan (required).
    #[serde(default)]
    pub id: Option<String>,
    /// Title (required).
    #[serde(default)]
    pub title: Option<String>,
    /// Kind (required).
    #[serde(default)]
    pub kind: Option<ActivityKind>,
    /// First day (required).
    #[serde(default, deserialize_with = "crate::args::iso_date::option")]
    pub start: Option<NaiveDate>,
    /// Last day, inclusive (required).
    #[serde(default, deserialize_with = "crate::args::iso_date::option")]
    pub end: Option<NaiveDate>,
    /// The leading country or organisation: exactly one. Written as a string; a list is
    /// accepted so that a plan with two leads can be loaded and reported (`lead_count`).
    #[serde(
        default,
        serialize_with = "ser_one_or_many",
        deserialize_with = "de_one_or_many"
    )]
    #[schemars(with = "OneOrMany")]
    pub lead: Vec<String>,
    /// Participating countries (ISO codes or names) and organisations (codes).
    #[serde(default)]
    pub participants: Vec<String>,
    /// Guideline item codes.
    #[serde(default)]
    pub guidelines: Vec<String>,
    /// GCM objectives (1-23).
    #[serde(default)]
    pub gcm_objectives: Vec<u8>,
    /// SDGs (1-17).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sdgs: Vec<u8>,
    /// Indicators.
    #[serde(default)]
    pub indicators: Vec<Indicator>,
    /// Deliverables.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub deliverables: Vec<String>,
}

/// An indicator of an activity.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct Indicator {
    /// Name.
    #[serde(default)]
    pub name: Option<String>,
    /// Unit (people, documents, %...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// Baseline value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<f64>,
    /// Target value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<f64>,
}

/// Writes `v` as compact JSON with object keys sorted (independent of serde_json's map
/// ordering features).
pub(crate) fn write_canonical(v: &serde_json::Value, out: &mut String) {
    use serde_json::Value;
    match v {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort_unstable();
            out.push('{');
            for (n, k) in keys.into_iter().enumerate() {
                if n > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(k.clone()).to_string());
                out.push(':');
                if let Some(x) = map.get(k) {
                    write_canonical(x, out);
                }
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (n, x) in items.iter().enumerate() {
                if n > 0 {
                    out.push(',');
                }
                write_canonical(x, out);
            }
            out.push(']');
        }
        other => out.push_str(&other.to_string()),
    }
}

/// JSON Schema of a congress edition: a number from 1, or a Roman numeral (canonical
/// spelling, any case) or the number as text.
#[derive(JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)]
pub(crate) enum Edition {
    Number(#[schemars(range(min = 1))] u32),
    Numeral(
        #[schemars(regex(
            pattern = r"^\s*([1-9][0-9]*|[Mm]{0,3}([Cc][MmDd]|[Dd]?[Cc]{0,3})([Xx][CcLl]|[Ll]?[Xx]{0,3})([Ii][XxVv]|[Vv]?[Ii]{0,3}))\s*$"
        ))]
        String,
    ),
}

/// JSON Schema of the `lead` field: a string, or a list of strings.
#[derive(JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

fn ser_one_or_many<S: Serializer>(v: &[String], s: S) -> Result<S::Ok, S::Error> {
    match v {
        [one] => s.serialize_str(one),
        many => many.serialize(s),
    }
}

fn de_one_or_many<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Raw {
        One(String),
        Many(Vec<String>),
        Null(()),
    }
    Ok(match Raw::deserialize(d)? {
        Raw::One(s) if s.trim().is_empty() => Vec::new(),
        Raw::One(s) => vec![s],
        Raw::Many(v) => v,
        Raw::Null(()) => Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lead_accepts_string_list_or_null() {
        let a: Activity = serde_json::from_str(r#"{"lead": "MEX"}"#).unwrap();
        assert_eq!(a.lead, vec!["MEX"]);
        let a: Activity = serde_json::from_str(r#"{"lead": ["MEX", "GTM"]}"#).unwrap();
        assert_eq!(a.lead.len(), 2);
        let a: Activity = serde_json::from_str(r#"{"lead": null}"#).unwrap();
        assert!(a.lead.is_empty());
        let a: Activity = serde_json::from_str(r#"{}"#).unwrap();
        assert!(a.lead.is_empty());
        assert_eq!(
            serde_json::to_value(Activity {
                lead: vec!["MEX".into()],
                ..Default::default()
            })
            .unwrap()["lead"],
            "MEX"
        );
    }

    #[test]
    fn bad_plan_json_reports_position() {
        let err = WorkPlan::from_json("{\n  \"id\": 3,\n}").unwrap_err();
        match err {
            crate::Error::Json { line, .. } => assert_eq!(line, 2),
            other => panic!("{other:?}"),
        }
        let err = WorkPlan::from_json(r#"{"period": {"start": "2024-02-30"}}"#).unwrap_err();
        assert_eq!(err.code(), "invalid_json");
    }
}
