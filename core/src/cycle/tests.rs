use super::*;
use crate::codes::AgreementStatus;
use crate::cycle::{ActivityState, Progress};
use crate::{FocalDirectory, ImportOptions, Matrix, RuleConfig};
use chrono::NaiveDate;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// A cycle with one finding of each kind (see the comments of `review_finds_every_gap`).
const CYCLE: &str = r#"{
  "congress": "V",
  "period": {"start": "2024-11-01", "end": "2025-10-31"},
  "tables": [
    {"id": "mesa-vcm", "axis": "VCM"},
    {"id": "mesa-emp", "axis": "trabajo, empoderamiento economico y medios de vida"},
    {"id": "mesa-x"}
  ],
  "plans": [
    {"id": "plan-vcm", "working_group": "mesa-vcm", "congress": 5, "axis": "VCM",
     "period": {"start": "2025-01-01", "end": "2025-12-31"}, "guideline_version": "2023",
     "activities": [
       {"id": "vcm-1", "title": "Estudio regional de rutas de atención", "kind": "research",
        "start": "2025-01-01", "end": "2025-12-31", "lead": "MEX", "guidelines": ["VCM-1"],
        "indicators": [{"name": "Informe", "unit": "documentos", "target": 1}]},
       {"id": "vcm-2", "title": "Webinar de protocolos", "kind": "webinar",
        "start": "2025-03-05", "end": "2025-03-05", "lead": "GTM", "guidelines": ["VCM-1"],
        "indicators": [{"name": "Personas", "unit": "personas", "baseline": 0, "target": 50}]},
       {"id": "vcm-3", "title": "Campaña informativa", "kind": "campaign",
        "start": "2025-02-01", "end": "2025-04-30", "lead": "HND", "guidelines": ["VCM-1"],
        "indicators": [{"name": "Piezas", "target": 10}]},
       {"id": "vcm-4", "title": "Capacitación a personal consular", "kind": "training",
        "start": "2025-05-01", "end": "2025-05-03", "lead": "CRI", "guidelines": ["VCM-1"],
        "indicators": [{"name": "Mujeres capacitadas", "unit": "mujeres", "baseline": 0, "target": 40}]}
     ]},
    {"id": "plan-emp", "working_group": "mesa-emp", "congress": "IV", "axis": "EMP",
     "period": {"start": "2025-01-01", "end": "2025-12-31"}, "guideline_version": "2023",
     "activities": [
       {"id": "emp-1", "title": "Mapeo de programas de empleo", "kind": "research",
        "start": "2025-01-01", "end": "2025-03-31", "lead": "SLV", "guidelines": ["EMP-1"],
        "indicators": [{"name": "Mapeo", "target": 1}]}
     ]}
  ],
  "approvals": [
    {"plan_id": "plan-vcm", "state": "approved"},
    {"plan_id": "plan-emp", "state": "submitted"},
    {"plan_id": "plan-zzz", "state": "draft"}
  ],
  "events": [
    {"id": "prep", "kind": "preparatory_webinar", "start": "2024-10-01", "modality": "virtual",
     "priority_areas": ["VCM", "EMP", "VCM"],
     "attendance": [{"country": "GTM", "institution": "Instituto Ficticio de la Mujer", "women": 3, "men": 1, "new_staff": 2},
                    {"country": "Honduras", "institution": "Oficina Ficticia", "women": 2}]},
    {"id": "seg-1", "kind": "follow_up_webinar", "start": "2025-03-10", "table": "mesa-vcm",
     "agreements": ["ac-1", "ac-9"]},
    {"id": "cap-1", "kind": "training", "start": "2025-04-02", "end": "2025-04-01",
     "attendance": [{"country": "MEX", "institution": "Instituto Ficticio Mexicano", "women": 5}]},
    {"id": "x", "start": "2025-02-01", "table": "mesa-zzz"}
  ],
  "agreements": [
    {"id": "ac-1", "text": {"es": "Compartir protocolos"}, "responsible": ["GTM"],
     "agreed_on": "2024-11-20", "due": "2025-03-31"},
    {"id": "ac-2", "text": {"en": "Map employment programmes"}, "responsible": [],
     "agreed_on": "2024-11-20", "due": "2025-12-31"},
    {"id": "ac-3", "text": {"es": "Informe regional"}, "responsible": ["IOM"],
     "agreed_on": "2024-11-20", "due": "2025-01-31",
     "history": [{"status": "done", "date": "2025-01-15"}], "evidence": [{"entry": "E-3"}, {"activity": "vcm-9"}]},
    {"id": "ac-4", "responsible": ["MEX"], "agreed_on": "2024-11-20"}
  ]
}"#;

const MATRIX: &str = "\
ID,País,Institución,Fecha,Tipo,Título,Estado,Avance,Actividad,Mujeres
E-1,MEX,Inst A,2025-05-01,Avance,Estudio en curso,En curso,10,vcm-1,
E-2,HND,Inst B,2025-04-30,Campaña,Campaña,Completada,,vcm-3,
E-3,GTM,Inst C,2025-02-01,Avance,Otro,En curso,,vcm-33,
E-4,CRI,Inst D,2025-05-04,Capacitación,Curso,Completada,,vcm-4,
E-5,CRI,Inst D,2023-05-04,Capacitación,Fuera del ciclo,Completada,,nada,
";

const FOCAL: &str = r#"[
  {"country": "GTM", "institution": "Instituto Ficticio de la Mujer", "role": "enlace", "name": "Persona Ficticia Uno",
   "since": "2024-01-01", "last_confirmed": "2024-02-01"},
  {"country": "MEX", "institution": "Instituto Ficticio Mexicano", "role": "enlace", "name": "Persona Ficticia Dos",
   "since": "2025-01-01", "last_confirmed": "2025-06-01"}
]"#;

fn review(options: ReviewOptions) -> CycleReview {
    let cat = Catalog::embedded();
    let cycle = Cycle::from_json(CYCLE).unwrap();
    let (matrix, report) =
        Matrix::read_csv(MATRIX.as_bytes(), &cat, &ImportOptions::default()).unwrap();
    assert_eq!(report.accepted, 5, "{:?}", report.diagnostics);
    let (dir, _) = FocalDirectory::from_json(FOCAL, &cat).unwrap();
    cycle.review(&cat, Some(&matrix), Some(&dir), &options)
}

fn found(r: &CycleReview) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = r
        .report
        .diagnostics
        .iter()
        .map(|d| (d.code.clone(), d.path.clone()))
        .collect();
    v.sort();
    v
}

fn has(r: &CycleReview, code: &str, path: &str) -> bool {
    r.report
        .diagnostics
        .iter()
        .any(|d| d.code == code && d.path == path)
}

#[test]
fn review_finds_every_gap() {
    let r = review(ReviewOptions::new(day(2025, 6, 1)));
    let expected = [
        // a table without an axis
        ("table_without_axis", "/tables/2/axis"),
        // plan-emp was made at congress IV, not V
        ("unknown_reference", "/plans/1/congress"),
        // an approval of a plan the cycle does not have
        ("unknown_reference", "/approvals/2/plan_id"),
        // E-3 names vcm-33 (suggestion vcm-3); E-5 is outside the period and not checked
        ("unknown_activity", "/matrix/2/activity"),
        // vcm-1: 10 % reported with 41 % of the year gone
        ("behind_target", "/plans/0/activities/0"),
        // vcm-2 ended on 5 March with no report
        ("not_reported", "/plans/0/activities/1"),
        // events: an event without kind, an unknown table, an unknown agreement, end < start
        ("missing_field", "/events/3/kind"),
        ("unknown_reference", "/events/3/table"),
        ("unknown_reference", "/events/1/agreements/1"),
        ("end_before_start", "/events/2/end"),
        // agreements
        ("agreement_overdue", "/agreements/0/due"),
        ("agreement_without_owner", "/agreements/1/responsible"),
        ("missing_field", "/agreements/3/text"),
        ("agreement_without_follow_up", "/agreements/1"),
        ("agreement_without_follow_up", "/agreements/3"),
        ("unknown_reference", "/agreements/2/evidence/1/activity"),
        // focal points: GTM's contact is unconfirmed; no training reached GTM since 2024
        ("contact_unconfirmed", "/focal_points/0/last_confirmed"),
        ("focal_point_not_trained", "/focal_points/0"),
    ];
    for (code, path) in expected {
        assert!(has(&r, code, path), "{code} at {path}: {:#?}", found(&r));
    }
    // Nothing else of the cycle's own kinds.
    let cycle_codes = [
        "table_without_axis",
        "unknown_reference",
        "unknown_activity",
        "behind_target",
        "not_reported",
        "agreement_overdue",
        "agreement_without_owner",
        "agreement_without_follow_up",
        "focal_point_not_trained",
        "end_before_start",
    ];
    let extra: Vec<_> = found(&r)
        .into_iter()
        .filter(|(c, p)| {
            cycle_codes.contains(&c.as_str()) && !expected.contains(&(c.as_str(), p.as_str()))
        })
        .collect();
    assert!(extra.is_empty(), "{extra:#?}");
    let unknown = r
        .report
        .diagnostics
        .iter()
        .find(|d| d.code == "unknown_activity")
        .unwrap();
    assert_eq!(unknown.suggestion.as_deref(), Some("vcm-3"));
    assert_eq!(unknown.params["entry"], "E-3");
    // The evidence entry E-3 exists: no finding on it.
    assert!(!has(
        &r,
        "unknown_reference",
        "/agreements/2/evidence/0/entry"
    ));
    // The follow-up webinar of 10 March counts as ac-1's follow-up.
    assert!(!has(&r, "agreement_without_follow_up", "/agreements/0"));
    // The MEX focal point attended training cap-1 (2 April 2025) after taking office.
    assert!(!has(&r, "focal_point_not_trained", "/focal_points/1"));
}

#[test]
fn activities_are_followed_against_targets() {
    let r = review(ReviewOptions::new(day(2025, 6, 1)));
    let states: Vec<(&str, ActivityState)> = r
        .activities
        .iter()
        .map(|a| (a.activity_id.as_deref().unwrap(), a.state))
        .collect();
    assert_eq!(
        states,
        [
            ("vcm-1", ActivityState::Behind),
            ("vcm-2", ActivityState::NotReported),
            ("vcm-3", ActivityState::Done),
            ("vcm-4", ActivityState::Done),
            ("emp-1", ActivityState::NotReported),
        ]
    );
    let vcm1 = &r.activities[0];
    assert_eq!(vcm1.progress, Some(Progress::Reported(10.0)));
    assert_eq!(vcm1.progress.map(Progress::source), Some("reported"));
    // vcm-4 reports no progress: its share is the women reported (none here) over its target.
    let people = Progress::Participants(25.0);
    assert_eq!((people.source(), people.percent()), ("participants", 25.0));
    // 1 January to 1 June inclusive: 152 of 365 days.
    let elapsed = vcm1.elapsed.unwrap();
    assert!((elapsed - 100.0 * 152.0 / 365.0).abs() < 1e-9, "{elapsed}");
    assert_eq!((vcm1.entries, vcm1.countries), (1, 1));
    assert!(vcm1.approved && !r.activities[4].approved);
    // emp-1 ended unreported, but its plan is not approved: no finding.
    assert!(!has(&r, "not_reported", "/plans/1/activities/0"));

    // A wider margin: vcm-1 is reported, not behind.
    let wide = review(
        RuleConfig::new(day(2025, 6, 1))
            .with_behind_target_margin(35)
            .unwrap()
            .into(),
    );
    assert_eq!(wide.activities[0].state, ActivityState::Reported);
    assert!(!has(&wide, "behind_target", "/plans/0/activities/0"));
}

#[test]
fn tables_and_axes_roll_up() {
    let r = review(ReviewOptions::new(day(2025, 6, 1)));
    let vcm = &r.tables[0];
    assert_eq!(vcm.table.as_deref(), Some("mesa-vcm"));
    assert_eq!(vcm.approval, Some(crate::ApprovalState::Approved));
    assert!(vcm.approved);
    assert_eq!(vcm.events, 1);
    let c = vcm.activities;
    assert_eq!(
        (
            c.planned,
            c.approved,
            c.reported,
            c.behind,
            c.done,
            c.not_reported
        ),
        (4, 4, 3, 1, 2, 1)
    );
    let emp = &r.tables[1];
    assert_eq!(emp.axis.as_deref(), Some("EMP"));
    assert_eq!(emp.approval, Some(crate::ApprovalState::Submitted));
    assert!(!emp.approved);
    assert_eq!(r.tables[2].axis, None);
    let axes: Vec<(&str, usize, usize)> = r
        .axes
        .iter()
        .map(|a| (a.axis.as_str(), a.tables, a.activities.planned))
        .collect();
    let mut sorted = axes.clone();
    sorted.sort();
    assert_eq!(sorted, [("EMP", 1, 1), ("VCM", 1, 4)]);
    // Only the approved plan is in the general plan, and it records its approval.
    assert_eq!(r.general_plan.plans.len(), 1);
    let source = &r.general_plan.sources[0];
    assert_eq!(
        (source.index, source.plan_id.as_deref()),
        (0, Some("plan-vcm"))
    );
    assert_eq!(
        source.approval.as_ref().map(|a| a.state),
        Some(crate::ApprovalState::Approved)
    );
    let left_out: Vec<&str> = r
        .general_report
        .with_code("plan_not_approved")
        .map(|d| d.path.as_str())
        .collect();
    assert_eq!(left_out, ["/plans/1"]);
    assert_eq!(r.priority_areas, ["VCM", "EMP"]);
    assert_eq!(r.entries, 4);
    assert_eq!(r.congress, Some(5));
}

#[test]
fn agreements_and_events_are_summarised() {
    let r = review(ReviewOptions::new(day(2025, 6, 1)));
    let rows: Vec<(&str, AgreementStatus, Option<i64>)> = r
        .agreements
        .iter()
        .map(|a| (a.id.as_deref().unwrap(), a.status, a.days_overdue))
        .collect();
    assert_eq!(
        rows,
        [
            ("ac-1", AgreementStatus::Open, Some(62)),
            ("ac-2", AgreementStatus::Open, None),
            ("ac-3", AgreementStatus::Done, None),
            ("ac-4", AgreementStatus::Open, None),
        ]
    );
    assert_eq!(r.agreements[0].last_follow_up, Some(day(2025, 3, 10)));
    let prep = &r.events[0];
    assert_eq!(
        (
            prep.attendance.women,
            prep.attendance.men,
            prep.attendance.new_staff
        ),
        (5, 1, 2)
    );
    assert_eq!((prep.countries, prep.institutions), (2, 2));
}

#[test]
fn attendance_confirms_focal_points_when_asked() {
    let mut options = ReviewOptions::new(day(2025, 6, 1));
    let before = review(options.clone());
    assert!(before.confirmed.is_empty());
    options.confirm_focal_points = true;
    let after = review(options);
    // GTM attended the preparatory webinar (1 October 2024) while in office.
    assert_eq!(after.confirmed.len(), 1);
    assert_eq!(after.confirmed[0].country, "GTM");
    assert!(!has(
        &after,
        "contact_unconfirmed",
        "/focal_points/0/last_confirmed"
    ));
}

#[test]
fn options_are_read_in_core() {
    let o = ReviewOptions::from_value(&serde_json::json!({
        "as_of": "2025-06-01", "behind_target_margin": 30, "follow_up_interval_days": 90,
        "confirm_focal_points": true, "confirm_interval_days": 200, "rules": {"not_reported": "off"}
    }))
    .unwrap();
    assert_eq!(o.rules.behind_target_margin, 30);
    assert_eq!(o.rules.follow_up_interval_days, 90);
    assert!(o.confirm_focal_points);
    assert_eq!(o.confirm_interval_days, 200);
    assert_eq!(o.rules.severity(crate::Rule::NotReported), None);
    for (bad, field) in [
        (
            serde_json::json!({"as_of": "2025-06-01", "behind_target_margin": 101}),
            "behind_target_margin",
        ),
        (
            serde_json::json!({"as_of": "2025-06-01", "follow_up_interval_days": 0}),
            "follow_up_interval_days",
        ),
        (
            serde_json::json!({"as_of": "2025-06-01", "confirm_focal_point": true}),
            "confirm_focal_point",
        ),
        (
            serde_json::json!({"as_of": "2025-06-01", "approved_only": true}),
            "approved_only",
        ),
    ] {
        let err = ReviewOptions::from_value(&bad).unwrap_err();
        assert_eq!(
            (err.code(), err.details()["field"].as_str()),
            ("invalid_value", Some(field))
        );
    }
    let err = ReviewOptions::from_value(
        &serde_json::json!({"as_of": "2025-06-01", "confirm_focal_point": true}),
    )
    .unwrap_err();
    assert_eq!(err.details()["suggestion"], "confirm_focal_points");
}

#[test]
fn the_period_comes_from_the_catalogue_when_not_given() {
    let cat = Catalog::embedded();
    let cycle = Cycle::from_json(r#"{"congress": 1}"#).unwrap();
    let p = cycle.resolved_period(&cat);
    assert_eq!(p.start, cat.congress(1).and_then(|c| c.start));
    assert_eq!(
        p.end,
        cat.congress(2)
            .and_then(|c| c.start)
            .and_then(|d| d.pred_opt())
    );
    let given = Cycle::from_json(r#"{"congress": 1, "period": {"end": "2019-01-31"}}"#).unwrap();
    assert_eq!(given.resolved_period(&cat).end, Some(day(2019, 1, 31)));
    let none = Cycle::from_json("{}").unwrap();
    let r = none.review(&cat, None, None, &ReviewOptions::new(day(2025, 1, 1)));
    assert!(has(&r, "missing_field", "/congress"));
    assert_eq!(r.entries, 0);
}

#[test]
fn tables_come_as_typed_columns() {
    use crate::cycle::ReviewTable;
    use crate::pivot::Column;
    let r = review(ReviewOptions::new(day(2025, 6, 1)));
    for t in ReviewTable::ALL {
        let c = r.columns(*t);
        assert_eq!(c.names.len(), c.columns.len(), "{t:?}");
        let rows = c.columns.first().map(Column::len).unwrap();
        assert!(c.columns.iter().all(|col| col.len() == rows), "{t:?}");
        let parsed: ReviewTable =
            crate::args::arg("table", &serde_json::Value::from(t.code())).unwrap();
        assert_eq!(parsed, *t);
    }
    let a = r.columns(ReviewTable::Activities);
    let state = a.names.iter().position(|n| n == "state").unwrap();
    assert_eq!(
        a.columns[state],
        Column::Str(
            ["behind", "not_reported", "done", "done", "not_reported"]
                .map(|s| Some(s.to_owned()))
                .to_vec()
        )
    );
    let t = r.columns(ReviewTable::Tables);
    assert_eq!(
        t.names[8..],
        [
            "planned",
            "approved",
            "reported",
            "behind",
            "done",
            "not_reported"
        ]
    );
    assert_eq!(t.columns[8], Column::U64(vec![4, 1, 0]));
    assert_eq!(t.columns[10], Column::U64(vec![3, 0, 0]));
    let e = r.columns(ReviewTable::Events);
    assert_eq!(
        e.columns[3],
        Column::Str(vec![Some("virtual".into()), None, None, None])
    );
    let err = crate::args::arg::<ReviewTable>("table", &serde_json::json!("activity")).unwrap_err();
    assert_eq!(err.code(), "invalid_value");
}
