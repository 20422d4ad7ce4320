//! What a rule runs over, and what its expressions can read there: the fields of each record
//! in its JSON shape (the names the docs and the entry and plan schemas use), typed.

use super::expr::{Schema, Type, Value};
use crate::args::parse_iso_date;
use crate::matrix::Entry;
use crate::plan::Activity;
use serde_json::Value as Json;

/// The records a rule runs over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Scope {
    /// Each entry of a tracking matrix.
    Entry,
    /// Each activity of a work plan.
    Activity,
    /// Each indicator of an activity.
    Indicator,
    /// Each work plan.
    Plan,
    /// Each agreement of a congress cycle.
    Agreement,
    /// Each event of a congress cycle.
    Event,
}

impl Scope {
    /// The scopes and their names in rule files.
    pub const ALL: &'static [(&'static str, Scope)] = &[
        ("entry", Scope::Entry),
        ("activity", Scope::Activity),
        ("indicator", Scope::Indicator),
        ("plan", Scope::Plan),
        ("agreement", Scope::Agreement),
        ("event", Scope::Event),
    ];

    /// The scope named `name` in a rule file.
    pub fn parse(name: &str) -> Option<Scope> {
        Self::ALL.iter().find(|(n, _)| *n == name).map(|(_, s)| *s)
    }

    /// Its name in rule files.
    pub fn name(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(_, s)| *s == self)
            .map_or("", |(n, _)| n)
    }

    /// The fields of a record, with their types (`nullable`: may be empty).
    pub fn schema(self) -> Schema {
        let text = || Type::String;
        let texts = || Type::list(Type::String);
        match self {
            Scope::Entry => Schema::new()
                .field("id", text())
                .field("country", text())
                .field("institution", text())
                .field("reported_on", Type::Date)
                .field("entry_type", text())
                .field("title", text())
                .nullable("description", text())
                .nullable("axis", text())
                .field("guidelines", texts())
                .nullable("activity", text())
                .field("stages", texts())
                .field("status", text())
                .nullable("progress", Type::Double)
                .nullable("start", Type::Date)
                .nullable("end", Type::Date)
                .field(
                    "participants",
                    Type::object(
                        Schema::new()
                            .nullable("women", Type::Int)
                            .nullable("men", Type::Int)
                            .nullable("girls", Type::Int)
                            .nullable("boys", Type::Int)
                            .nullable("unspecified", Type::Int),
                    ),
                )
                .nullable("evidence_url", text())
                .nullable("replicable", Type::Bool)
                .field("approved", Type::Bool),
            Scope::Activity => Schema::new()
                .nullable("id", text())
                .nullable("title", text())
                .nullable("kind", text())
                .nullable("start", Type::Date)
                .nullable("end", Type::Date)
                .field("lead", texts())
                .field("participants", texts())
                .field("guidelines", texts())
                .field("gcm_objectives", Type::list(Type::Int))
                .field("sdgs", Type::list(Type::Int))
                .field(
                    "indicators",
                    Type::list(Type::object(
                        Schema::new()
                            .nullable("name", text())
                            .nullable("unit", text())
                            .nullable("baseline", Type::Double)
                            .nullable("target", Type::Double),
                    )),
                )
                .field("deliverables", texts()),
            Scope::Indicator => Schema::new()
                .nullable("name", text())
                .nullable("unit", text())
                .nullable("baseline", Type::Double)
                .nullable("target", Type::Double)
                .nullable("activity_id", text())
                .nullable("activity_title", text())
                .nullable("plan_id", text()),
            Scope::Plan => Schema::new()
                .nullable("id", text())
                .nullable("title", text())
                .nullable("working_group", text())
                .nullable("congress", Type::Int)
                .nullable("axis", text())
                .nullable("start", Type::Date)
                .nullable("end", Type::Date)
                .nullable("guideline_version", text())
                .field(
                    "activities",
                    Type::list(Type::object(Scope::Activity.schema())),
                ),
            Scope::Agreement => Schema::new()
                .nullable("id", text())
                .field("kind", text())
                .field("status", text())
                .nullable("text_es", text())
                .nullable("text_en", text())
                .nullable("axis", text())
                .field("guidelines", texts())
                .field("responsible", texts())
                .nullable("agreed_on", Type::Date)
                .nullable("due", Type::Date)
                .nullable("last_change", Type::Date)
                .field("evidence_count", Type::Int),
            Scope::Event => Schema::new()
                .nullable("id", text())
                .nullable("kind", text())
                .nullable("start", Type::Date)
                .nullable("end", Type::Date)
                .nullable("modality", text())
                .nullable("topic", text())
                .nullable("axis", text())
                .nullable("table", text())
                .nullable("organiser", text())
                .field("women", Type::Int)
                .field("men", Type::Int)
                .field("new_staff", Type::Int)
                .field("countries", texts())
                .field("priority_areas", texts())
                .field("agreements", texts()),
        }
    }
}

/// A work plan as a rule reads it: its fields, its period's days and its activities.
pub(crate) fn plan_json(p: &crate::plan::WorkPlan) -> Json {
    serde_json::json!({
        "id": p.id, "title": p.title, "working_group": p.working_group, "congress": p.congress,
        "axis": p.axis, "start": p.period.start.map(|d| d.to_string()),
        "end": p.period.end.map(|d| d.to_string()), "guideline_version": p.guideline_version,
        "activities": p.activities.iter().map(activity_json).collect::<Vec<_>>(),
    })
}

/// An indicator as a rule reads it, with the activity and plan it belongs to.
pub(crate) fn indicator_json(
    i: &crate::plan::Indicator,
    a: &Activity,
    plan: &crate::plan::WorkPlan,
) -> Json {
    let mut v = serde_json::to_value(i).unwrap_or(Json::Null);
    if let Some(obj) = v.as_object_mut() {
        obj.insert("activity_id".into(), serde_json::json!(a.id));
        obj.insert("activity_title".into(), serde_json::json!(a.title));
        obj.insert("plan_id".into(), serde_json::json!(plan.id));
    }
    v
}

/// A cycle's agreement as a rule reads it: its status and last change worked out.
pub(crate) fn agreement_json(a: &crate::agreement::Agreement) -> Json {
    serde_json::json!({
        "id": a.id, "kind": a.kind, "status": a.status(), "text_es": a.text.es,
        "text_en": a.text.en, "axis": a.axis, "guidelines": a.guidelines,
        "responsible": a.responsible, "agreed_on": a.agreed_on.map(|d| d.to_string()),
        "due": a.due.map(|d| d.to_string()),
        "last_change": a.last_change().map(|d| d.to_string()),
        "evidence_count": a.evidence.len(),
    })
}

/// A cycle's event as a rule reads it: attendance as totals and the countries present
/// (never the names of the people who attended).
pub(crate) fn event_json(e: &crate::event::Event) -> Json {
    let totals = e.totals();
    let mut countries: Vec<&str> = e
        .attendance
        .iter()
        .filter_map(|a| a.country.as_deref())
        .collect();
    countries.sort_unstable();
    countries.dedup();
    serde_json::json!({
        "id": e.id, "kind": e.kind, "start": e.start.map(|d| d.to_string()),
        "end": e.end.map(|d| d.to_string()), "modality": e.modality, "topic": e.topic,
        "axis": e.axis, "table": e.table, "organiser": e.organiser, "women": totals.women,
        "men": totals.men, "new_staff": totals.new_staff, "countries": countries,
        "priority_areas": e.priority_areas, "agreements": e.agreements,
    })
}

/// An entry as a rule reads it (its JSON shape).
pub(crate) fn entry_json(e: &Entry) -> Json {
    serde_json::to_value(e).unwrap_or(Json::Null)
}

/// An activity as a rule reads it (its JSON shape, `lead` always a list).
pub(crate) fn activity_json(a: &Activity) -> Json {
    let mut v = serde_json::to_value(a).unwrap_or(Json::Null);
    if let Some(obj) = v.as_object_mut() {
        obj.insert(
            "lead".into(),
            Json::Array(a.lead.iter().map(|l| Json::String(l.clone())).collect()),
        );
    }
    v
}

/// A JSON value as a value of type `ty`: texts that are dates become dates, whole numbers
/// doubles where a double is expected, records and lists field by field. `Err` names what
/// does not fit, with the JSON Pointer below `at` (for a rule file's own test records).
pub(crate) fn typed(json: &Json, ty: &Type, at: &str) -> Result<Value, (String, String)> {
    let wrong = |what: &str| Err((at.to_owned(), format!("expected {what}, got {json}")));
    match (ty, json) {
        (_, Json::Null) => Ok(Value::Null),
        (Type::Bool, Json::Bool(b)) => Ok(Value::Bool(*b)),
        (Type::Int, Json::Number(n)) => match n.as_i64() {
            Some(i) => Ok(Value::Int(i)),
            None => wrong("a whole number"),
        },
        (Type::Double, Json::Number(n)) => match n.as_f64() {
            Some(d) if d.is_finite() => Ok(Value::Double(d)),
            _ => wrong("a number"),
        },
        (Type::String, Json::String(s)) => Ok(Value::string(s)),
        (Type::Date, Json::String(s)) => match parse_iso_date(s) {
            Some(d) => Ok(Value::Date(d)),
            None => wrong("a date written YYYY-MM-DD"),
        },
        (Type::List(item), Json::Array(items)) => items
            .iter()
            .enumerate()
            .map(|(i, v)| typed(v, item, &format!("{at}/{i}")))
            .collect::<Result<Vec<_>, _>>()
            .map(Value::list),
        (Type::Object(schema), Json::Object(map)) => record(map, schema, at),
        (Type::Any, other) => Ok(Value::from_json(other)),
        (ty, _) => wrong(&format!("{ty}")),
    }
}

/// A JSON object as a record of `schema`: every field of the schema (absent ones empty);
/// a field the schema does not have is refused (a misspelt field in a test record would
/// otherwise pass unnoticed).
pub(crate) fn record(
    map: &serde_json::Map<String, Json>,
    schema: &Schema,
    at: &str,
) -> Result<Value, (String, String)> {
    if let Some(unknown) = map.keys().find(|k| schema.get(k).is_none()) {
        let names: Vec<&str> = schema.names().collect();
        return Err((
            format!("{at}/{}", crate::args::escape_pointer(unknown)),
            format!("no field {unknown:?} here; fields: {}", names.join(", ")),
        ));
    }
    let mut fields = Vec::new();
    for name in schema.names() {
        let Some(ft) = schema.get(name) else { continue };
        let value = match map.get(name) {
            Some(v) => typed(v, &ft.ty, &format!("{at}/{name}"))?,
            None => empty(&ft.ty),
        };
        fields.push((name.to_owned(), value));
    }
    Ok(Value::object(fields))
}

/// An absent field: an empty list for lists (as the JSON shapes default them), else null.
fn empty(ty: &Type) -> Value {
    match ty {
        Type::List(_) => Value::list([]),
        Type::Object(schema) => record(&serde_json::Map::new(), schema, "").unwrap_or(Value::Null),
        _ => Value::Null,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(v: &Json) -> Vec<String> {
        v.as_object()
            .map(|m| m.keys().cloned().collect())
            .unwrap_or_default()
    }

    #[test]
    fn the_scopes_know_every_field_of_the_records_json() {
        // A full entry and a full activity: a field added to either must be added here.
        let entry: Entry = serde_json::from_str(
            r#"{"id": "E1", "country": "GTM", "institution": "SEPREM", "reported_on": "2024-05-02",
            "entry_type": "good_practice", "title": "t", "description": "d", "axis": "VCM",
            "guidelines": ["VCM-1"], "activity": "A1", "stages": ["origin"], "status": "ongoing",
            "progress": 40.0, "start": "2024-01-01", "end": "2024-02-01",
            "participants": {"women": 1, "men": 2, "girls": 3, "boys": 4, "unspecified": 5},
            "evidence_url": "https://x", "replicable": true, "approved": true}"#,
        )
        .unwrap();
        let json = entry_json(&entry);
        let schema = Scope::Entry.schema();
        assert_eq!(
            keys(&json),
            schema
                .names()
                .map(str::to_owned)
                .collect::<Vec<_>>()
                .iter()
                .filter(|n| keys(&json).contains(n))
                .cloned()
                .collect::<Vec<_>>()
        );
        let rec = record(json.as_object().unwrap(), &schema, "").unwrap();
        let Value::Object(fields) = &rec else {
            panic!("{rec:?}")
        };
        assert_eq!(fields.len(), 19);
        assert_eq!(
            fields["reported_on"],
            Value::Date(chrono::NaiveDate::from_ymd_opt(2024, 5, 2).unwrap())
        );
        assert_eq!(fields["progress"], Value::Double(40.0));
        let Value::Object(p) = &fields["participants"] else {
            panic!()
        };
        assert_eq!(p["unspecified"], Value::Int(5));

        let activity: Activity = serde_json::from_str(
            r#"{"id": "a", "title": "t", "kind": "training", "start": "2024-01-01", "end": "2024-01-02",
            "lead": "MEX", "participants": ["GTM"], "guidelines": ["VCM-1"], "gcm_objectives": [7],
            "sdgs": [5], "indicators": [{"name": "n", "unit": "u", "baseline": 0, "target": 10}],
            "deliverables": ["informe"]}"#,
        )
        .unwrap();
        let json = activity_json(&activity);
        let schema = Scope::Activity.schema();
        let rec = record(json.as_object().unwrap(), &schema, "").unwrap();
        let Value::Object(fields) = &rec else {
            panic!()
        };
        assert_eq!(fields["lead"], Value::list([Value::string("MEX")]));
        assert_eq!(fields.len(), keys(&json).len());
    }

    #[test]
    fn a_record_that_does_not_fit_its_schema_says_where() {
        let schema = Scope::Entry.schema();
        let bad = serde_json::json!({"participants": {"women": "3"}});
        let (at, message) =
            record(bad.as_object().unwrap(), &schema, "/rules/0/tests/1/record").unwrap_err();
        assert_eq!(at, "/rules/0/tests/1/record/participants/women");
        assert!(message.contains("expected int"), "{message}");
        let bad = serde_json::json!({"womn": 3});
        let (at, message) = record(bad.as_object().unwrap(), &schema, "").unwrap_err();
        assert_eq!(at, "/womn");
        assert!(message.contains("no field \"womn\""), "{message}");
        let bad = serde_json::json!({"reported_on": "2024-02-30"});
        assert!(record(bad.as_object().unwrap(), &schema, "").is_err());
    }
}
