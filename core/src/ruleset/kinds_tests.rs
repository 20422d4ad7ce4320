//! The kinds over several records or other scopes (`foreign_key`, `aggregate`,
//! `completeness`, `change`, `no_overlap`, `reference`, `dates`, `for_each`) and the scopes of
//! a congress cycle: outcomes, paths, notes, and the files they refuse.

use super::*;
use crate::matrix::{ImportOptions, Matrix};
use crate::{Catalog, Cycle, Error, RuleConfig, WorkPlan};

fn rules(rules: &str) -> RuleSet {
    RuleSet::from_json(&format!(
        r#"{{"ruleset": "oim", "version": "1", "parameters": {{"countries": ["GTM", "MEX"]}}, "rules": [{rules}]}}"#
    ))
    .unwrap_or_else(|e| panic!("{e}: {:?}", e.details()))
}

fn refused(rules: &str) -> (String, String, String) {
    match RuleSet::from_json(&format!(
        r#"{{"ruleset": "oim", "version": "1", "parameters": {{"countries": ["GTM", "MEX"]}}, "rules": [{rules}]}}"#
    )) {
        Ok(_) => panic!("loaded: {rules}"),
        Err(Error::InvalidRule { path, message, .. }) => ("invalid_rule".into(), path, message),
        Err(e) => (e.code().into(), String::new(), e.to_string()),
    }
}

fn cfg(as_of: &str) -> RuleConfig {
    RuleConfig::from_json(&format!(r#"{{"as_of": "{as_of}"}}"#)).unwrap()
}

fn matrix(csv: &str) -> Matrix {
    Matrix::read_csv(
        csv.as_bytes(),
        &Catalog::embedded(),
        &ImportOptions::default(),
    )
    .unwrap()
    .0
}

const MSG: &str = r#""message": {"es": "x {id}", "en": "x {id}"}"#;
/// A message for the kinds over groups (whose findings have no `id`).
const MSG_G: &str = r#""message": {"es": "x", "en": "x"}"#;

fn counts(check: &RuleSetCheck) -> Vec<(String, u64, u64, u64)> {
    check
        .outcomes
        .iter()
        .map(|o| (o.code.clone(), o.pass, o.fail, o.not_applicable))
        .collect()
}

#[test]
fn a_foreign_key_finds_entries_whose_activity_is_in_no_plan_or_a_filtered_out_one() {
    let rs = rules(&format!(
        r#"{{"code": "oim.activity_planned", "kind": "foreign_key", "scope": "entry",
            "field": "activity", "references": {{"scope": "activity", "field": "id", "when": "!has(kind) || kind != 'research'"}}, {MSG},
            "tests": [{{"record": {{"activity": "A1"}}, "data": {{"activity": [{{"id": "a1"}}]}}, "expect": "pass"}},
                      {{"record": {{"activity": "A9"}}, "data": {{"activity": [{{"id": "A1"}}]}}, "expect": "fail"}},
                      {{"record": {{}}, "data": {{"activity": []}}, "expect": "not_applicable"}}]}}"#
    ));
    let m = matrix(
        "ID;País;Institución;Fecha de reporte;Tipo de registro;Título;Estado;Actividad del plan\n\
         E1;GTM;SEPREM;2024-05-02;Avance;Taller;En curso;a1\n\
         E2;GTM;SEPREM;2024-05-03;Avance;Curso;En curso;a2\n\
         E3;GTM;SEPREM;2024-05-04;Avance;Informe;En curso;\n",
    );
    let plan: WorkPlan = WorkPlan::from_json(
        r#"{"id": "p", "activities": [{"id": "a1"}, {"id": "a2", "kind": "research"}]}"#,
    )
    .unwrap();
    let plans = [plan];
    let data = RuleData::new().with_matrix(&m).with_plans(&plans);
    let check = rs.check(&data, &cfg("2024-06-01")).unwrap();
    assert_eq!(counts(&check), [("oim.activity_planned".into(), 1, 1, 1)]);
    assert_eq!(check.diagnostics[0].path, "/entries/1");
    assert_eq!(check.diagnostics[0].params["value"], "a2");
    // Without plans the rule has nothing to look up: it is left out, not passed.
    let alone = rs.check_entries(&m, &cfg("2024-06-01")).unwrap();
    assert!(alone.outcomes.is_empty() && alone.diagnostics.is_empty());
    // A test of a foreign key must give the records it refers to.
    let (code, path, message) = refused(&format!(
        r#"{{"code": "oim.k", "kind": "foreign_key", "scope": "entry", "field": "activity",
            "references": {{"scope": "activity", "field": "id"}}, {MSG},
            "tests": [{{"record": {{"activity": "A1"}}, "expect": "pass"}}]}}"#
    ));
    assert_eq!(
        (code.as_str(), path.as_str()),
        ("invalid_rule", "/rules/0/tests/0/data")
    );
    assert!(message.contains("activity"), "{message}");
}

#[test]
fn the_agreements_and_events_of_a_cycle_are_scopes() {
    let cycle = Cycle::from_json(
        r#"{"congress": 5,
            "agreements": [{"id": "AC-1", "agreed_on": "2024-01-10", "due": "2024-03-01"},
                           {"id": "AC-2", "agreed_on": "2024-01-10", "due": "2024-12-01"}],
            "events": [{"id": "W1", "start": "2024-02-01", "attendance": [{"country": "GTM", "women": 30, "men": 2}]},
                       {"id": "W2", "start": "2024-02-03", "attendance": [{"country": "GTM", "women": 1, "men": 9}]},
                       {"id": "W3", "start": "2024-02-20"}]}"#,
    )
    .unwrap();
    let rs = rules(&format!(
        r#"{{"code": "oim.agreement_due", "kind": "dates", "scope": "agreement",
             "when": "status != 'done'", "fields": ["due"], "due_days": 0, {MSG}}},
           {{"code": "oim.events_have_women", "kind": "assert", "scope": "event",
             "check": "women * 2 >= women + men", "missing": "fail", {MSG}}},
           {{"code": "oim.one_event_a_week", "kind": "aggregate", "scope": "event",
             "group_by": ["start:week"], "aggregates": {{"n": {{"count": "true"}}}}, "check": "n <= 1",
             "message": {{"es": "{{n}} eventos en {{start_week}}", "en": "{{n}} events in {{start_week}}"}}}}"#
    ));
    let check = rs
        .check(&RuleData::new().with_cycle(&cycle), &cfg("2024-06-01"))
        .unwrap();
    assert_eq!(
        counts(&check),
        [
            ("oim.agreement_due".into(), 1, 1, 0),
            ("oim.events_have_women".into(), 2, 1, 0),
            ("oim.one_event_a_week".into(), 1, 1, 0),
        ]
    );
    let paths: Vec<&str> = check.diagnostics.iter().map(|d| d.path.as_str()).collect();
    assert_eq!(paths, ["/agreements/0", "/events/1", "/events/0"]);
    assert_eq!(check.diagnostics[0].params["overdue_days"], "92");
    assert_eq!(check.diagnostics[2].params["group"], "start:week=2024-W05");
    assert_eq!(
        check.diagnostics[2].message(crate::Lang::En),
        "2 events in 2024-W05"
    );
}

#[test]
fn a_change_rule_compares_with_the_previous_period_and_a_window() {
    let rs = rules(&format!(
        r#"{{"code": "oim.steady", "kind": "change", "scope": "entry", "group_by": ["country"],
            "period": "reported_on:quarter", "window": 2,
            "aggregates": {{"women": {{"sum": "participants.women"}}}},
            "check": "women >= window.women / 2.0", {MSG_G},
            "tests": [{{"records": [
                {{"country": "GTM", "reported_on": "2024-01-10", "participants": {{"women": 10}}}},
                {{"country": "GTM", "reported_on": "2024-04-10", "participants": {{"women": 30}}}},
                {{"country": "GTM", "reported_on": "2024-07-10", "participants": {{"women": 9}}}}],
               "expect": {{"pass": 1, "fail": 1, "not_applicable": 1}}}}]}}"#
    ));
    // Q1: no earlier quarter (not applicable); Q2: 30 >= 10/2; Q3: 9 < (10 + 30) / 2 / 2.
    let m = matrix(
        "ID;País;Institución;Fecha de reporte;Tipo de registro;Título;Estado;Mujeres\n\
         E1;GTM;SEPREM;2024-01-10;Avance;a;En curso;10\n\
         E2;GTM;SEPREM;2024-04-10;Avance;b;En curso;30\n\
         E3;GTM;SEPREM;2024-07-10;Avance;c;En curso;9\n",
    );
    let check = rs.check_entries(&m, &cfg("2024-12-31")).unwrap();
    assert_eq!(counts(&check), [("oim.steady".into(), 1, 1, 1)]);
    assert_eq!(check.diagnostics[0].path, "/entries/2");
    assert_eq!(
        check.diagnostics[0].params["group"],
        "country=GTM, reported_on:quarter=2024-Q3"
    );
}

#[test]
fn group_measures_count_sum_mean_min_max_and_share() {
    let rs = rules(&format!(
        r#"{{"code": "oim.m", "kind": "aggregate", "scope": "entry", "group_by": ["country"],
            "aggregates": {{"n": {{"count": "true"}}, "s": {{"sum": "participants.women"}},
              "avg": {{"mean": "participants.women"}}, "lo": {{"min": "participants.women"}},
              "hi": {{"max": "reported_on"}}, "share": {{"share": "has(participants.women)"}}}},
            "check": "s == 6 && n == 3 && avg == 3.0 && lo == 2 && hi == date('2024-05-04') && share > 0.66 && share < 0.67",
            {MSG_G}, "tests": [{{"records": [
              {{"country": "GTM", "reported_on": "2024-05-02", "participants": {{"women": 2}}}},
              {{"country": "GTM", "reported_on": "2024-05-04", "participants": {{"women": 4}}}},
              {{"country": "GTM", "reported_on": "2024-05-03"}}], "expect": "pass"}},
              {{"records": [{{"country": "GTM", "reported_on": "2024-05-02"}}], "expect": "fail"}}]}},
           {{"code": "oim.empty_sum", "kind": "aggregate", "scope": "entry",
            "aggregates": {{"s": {{"sum": "participants.women"}}}}, "check": "s > 0", {MSG_G},
            "tests": [{{"records": [{{"country": "GTM"}}, {{"country": "MEX"}}], "expect": "not_applicable"}},
                      {{"records": [{{"participants": {{"women": 0}}}}], "expect": "fail"}}]}}"#
    ));
    // In the second test of oim.m the sum is empty, but `n == 3` is false, which decides
    // `&&` whatever the other side (CEL's logic); a sum of no value is empty (oim.empty_sum).
    assert_eq!(rs.codes().collect::<Vec<_>>(), ["oim.m", "oim.empty_sum"]);
}

#[test]
fn completeness_lists_each_missing_combination_at_the_collection() {
    let rs = rules(
        r#"{"code": "oim.every_axis", "kind": "completeness", "scope": "entry",
            "group_by": ["country", "axis"],
            "expected": {"country": {"param": "countries"}, "axis": {"values": ["VCM", "EMP"]}},
            "message": {"es": "{country} sin {axis}", "en": "{country} without {axis}"}}"#,
    );
    let m = matrix(
        "ID;País;Institución;Fecha de reporte;Tipo de registro;Título;Estado;Eje temático\n\
         E1;GTM;SEPREM;2024-05-02;Avance;a;En curso;VCM\n\
         E2;MEX;INMUJERES;2024-05-02;Avance;b;En curso;vcm\n\
         E3;HND;SEMUJER;2024-05-02;Avance;c;En curso;EMP\n",
    );
    let check = rs.check_entries(&m, &cfg("2024-12-31")).unwrap();
    assert_eq!(counts(&check), [("oim.every_axis".into(), 2, 2, 0)]);
    let found: Vec<(&str, String)> = check
        .diagnostics
        .iter()
        .map(|d| (d.path.as_str(), d.message(crate::Lang::En)))
        .collect();
    assert_eq!(
        found,
        [
            ("/entries", "GTM without EMP".to_owned()),
            ("/entries", "MEX without EMP".to_owned())
        ]
    );
    // Too many combinations is a failure that says so, not a hang.
    let huge = rules(&format!(
        r#"{{"code": "oim.days", "kind": "completeness", "scope": "entry",
            "group_by": ["country", "reported_on:week"],
            "expected": {{"country": {{"catalog": "countries"}}, "reported_on:week": {{"from": "1000-01-01", "until": "as_of"}}}}, {MSG_G}}}"#
    ));
    let check = huge.check_entries(&m, &cfg("2024-12-31")).unwrap();
    assert_eq!(counts(&check), [("oim.days".into(), 0, 1, 0)]);
    assert!(check.diagnostics[0].params["error"].contains("limit_exceeded"));
}

#[test]
fn a_reference_names_the_replacement_of_a_retired_item_and_the_nearest_code() {
    let rs = rules(&format!(
        r#"{{"code": "oim.countries", "kind": "reference", "scope": "activity", "field": "lead",
            "reference": {{"catalog": "members"}}, {MSG}}}"#
    ));
    let plan = WorkPlan::from_json(
        r#"{"activities": [{"id": "a", "lead": "GTM"}, {"id": "b", "lead": "GTN"}, {"id": "c"}]}"#,
    )
    .unwrap();
    let check = rs
        .check(&RuleData::new().with_plan(&plan), &cfg("2024-06-01"))
        .unwrap();
    assert_eq!(counts(&check), [("oim.countries".into(), 1, 1, 1)]);
    assert_eq!(check.diagnostics[0].params["value"], "GTN");
    assert_eq!(check.diagnostics[0].params["suggestion"], "GTM");
    // A list that does not suit the field is refused when the file loads.
    let (_, path, message) = refused(&format!(
        r#"{{"code": "oim.x", "kind": "reference", "scope": "activity", "field": "sdgs",
            "reference": {{"catalog": "members"}}, {MSG}}}"#
    ));
    assert_eq!(path, "/rules/0/reference/catalog");
    assert!(message.contains("int"), "{message}");
}

#[test]
fn for_each_repeats_a_rule_per_value_with_its_own_code_and_severity() {
    let rs = rules(
        r#"{"code": "oim.reports", "kind": "for_each", "scope": "entry",
            "over": {"param": "countries"}, "as": "pais",
            "rule": {"kind": "aggregate", "when": "country == pais",
                     "aggregates": {"n": {"count": "true"}}, "check": "n >= 2"},
            "message": {"es": "{pais}: {n}", "en": "{pais}: {n}"},
            "tests": [{"item": "GTM", "records": [{"country": "GTM"}], "expect": "fail"}]}"#,
    );
    assert_eq!(
        rs.codes().collect::<Vec<_>>(),
        ["oim.reports_gtm", "oim.reports_mex"]
    );
    let m = matrix(
        "ID;País;Institución;Fecha de reporte;Tipo de registro;Título;Estado\n\
         E1;GTM;SEPREM;2024-05-02;Avance;a;En curso\n\
         E2;MEX;INMUJERES;2024-05-02;Avance;b;En curso\n\
         E3;MEX;INMUJERES;2024-05-03;Avance;c;En curso\n",
    );
    let config = cfg("2024-12-31")
        .with_rule_file_severity("oim.reports", Some(crate::Severity::Error))
        .unwrap()
        .with_rule_file_severity("oim.reports_mex", None)
        .unwrap();
    let check = rs.check_entries(&m, &config).unwrap();
    assert_eq!(counts(&check), [("oim.reports_gtm".into(), 0, 1, 0)]);
    assert_eq!(check.diagnostics[0].severity, crate::Severity::Error);
    assert_eq!(check.diagnostics[0].message(crate::Lang::En), "GTM: 1");
    // The template's own mistakes are placed in the template.
    let (_, path, _) = refused(&format!(
        r#"{{"code": "oim.x", "kind": "for_each", "scope": "entry", "over": {{"values": ["a"]}},
            "rule": {{"kind": "assert", "check": "contry == item"}}, {MSG}}}"#
    ));
    assert_eq!(path, "/rules/0/rule/check");
}

#[test]
fn the_new_kinds_refuse_what_they_cannot_do() {
    let cases = [
        (
            r#""kind": "dates", "fields": ["title"]"#,
            "/rules/0/fields/0",
            "not a date",
        ),
        (
            r#""kind": "dates", "fields": ["start"]"#,
            "/rules/0/fields",
            "checks something",
        ),
        (
            r#""kind": "no_overlap", "fields": ["start", "end", "reported_on"]"#,
            "/rules/0/fields",
            "start date",
        ),
        (
            r#""kind": "aggregate", "group_by": ["participants"], "aggregates": {"n": {"count": "true"}}, "check": "n > 0""#,
            "/rules/0/group_by/0",
            "grouped by",
        ),
        (
            r#""kind": "aggregate", "aggregates": {"n": {"count": "true", "sum": "1"}}, "check": "n > 0""#,
            "/rules/0/aggregates/n",
            "exactly one",
        ),
        (
            r#""kind": "completeness", "group_by": ["country"], "expected": {"axis": {"values": ["VCM"]}}"#,
            "/rules/0/expected",
            "no values for the key country",
        ),
        (
            r#""kind": "completeness", "group_by": ["reported_on:year"], "expected": {"reported_on:year": {"values": ["2024"]}}"#,
            "/rules/0/expected/reported_on:year",
            "from and until",
        ),
        (
            r#""kind": "change", "group_by": ["country"], "aggregates": {"n": {"count": "true"}}, "check": "n > 0""#,
            "/rules/0/period",
            "period key",
        ),
        (
            r#""kind": "reference", "field": "country", "reference": {"catalog": "members", "values": ["GTM"]}"#,
            "/rules/0/reference",
            "exactly one",
        ),
        (
            r#""kind": "foreign_key", "field": "activity", "references": {"scope": "activty", "field": "id"}"#,
            "/rules/0/references/scope",
            "unknown scope",
        ),
    ];
    for (body, at, fragment) in cases {
        let (code, path, message) = refused(&format!(
            r#"{{"code": "oim.r", "scope": "entry", {body}, {MSG}}}"#
        ));
        assert_eq!(
            (code.as_str(), path.as_str()),
            ("invalid_rule", at),
            "{body}: {message}"
        );
        assert!(message.contains(fragment), "{body}: {message}");
    }
}

#[test]
fn a_cycle_review_runs_rule_files_once_over_every_scope() {
    let cycle = Cycle::from_json(
        r#"{"congress": 5, "period": {"start": "2024-01-01", "end": "2024-12-31"},
            "tables": [{"id": "mesa-vcm", "axis": "VCM"}],
            "plans": [{"id": "p", "working_group": "mesa-vcm", "congress": 5, "axis": "VCM",
                       "activities": [{"id": "a1", "title": "Taller"}, {"id": "a2"}]}],
            "agreements": [{"id": "AC-1", "text": {"es": "x"}, "agreed_on": "2024-01-10",
                            "due": "2024-03-01", "responsible": ["GTM"]}]}"#,
    )
    .unwrap();
    let m = matrix(
        "ID;País;Institución;Fecha de reporte;Tipo de registro;Título;Estado;Actividad del plan\n\
         E1;GTM;SEPREM;2024-05-02;Avance;Taller;En curso;a1\n\
         E2;GTM;SEPREM;2024-05-03;Avance;Curso;En curso;a9\n",
    );
    let rs = rules(&format!(
        r#"{{"code": "oim.activity_planned", "kind": "foreign_key", "scope": "entry",
             "field": "activity", "references": {{"scope": "activity", "field": "id"}}, {MSG}}},
           {{"code": "oim.titled", "kind": "field", "scope": "activity", "field": "title",
             "constraints": {{"required": true}}, {MSG}}},
           {{"code": "oim.due", "kind": "dates", "scope": "agreement", "fields": ["due"],
             "due_days": 0, {MSG}}}"#
    ));
    let mut options =
        crate::ReviewOptions::from_value(&serde_json::json!({"as_of": "2024-06-01"})).unwrap();
    options.rules = options.rules.with_ruleset(rs).unwrap();
    let review = cycle.review(&Catalog::embedded(), Some(&m), None, &options);
    let found: Vec<(&str, &str)> = review
        .report
        .diagnostics
        .iter()
        .filter(|d| d.code.starts_with("oim."))
        .map(|d| (d.code.as_str(), d.path.as_str()))
        .collect();
    // Each once: not again from the plans' own validation.
    assert_eq!(
        found,
        [
            ("oim.activity_planned", "/matrix/1"),
            ("oim.titled", "/plans/0/activities/1"),
            ("oim.due", "/agreements/0"),
        ]
    );
    let outcomes: Vec<(&str, u64, u64)> = review
        .report
        .outcomes
        .iter()
        .map(|o| (o.code.as_str(), o.pass, o.fail))
        .collect();
    assert_eq!(
        outcomes,
        [
            ("oim.activity_planned", 1, 1),
            ("oim.titled", 1, 1),
            ("oim.due", 0, 1)
        ]
    );
    assert_eq!(review.report.pins.rulesets[0].id, "oim");
}

#[test]
fn pivot_dimension_names_group_by_each_item_of_a_list_field() {
    let rs = rules(
        r#"{"code": "oim.per_guideline", "kind": "aggregate", "scope": "entry",
            "group_by": ["guideline"], "aggregates": {"n": {"count": "true"}}, "check": "n >= 2",
            "message": {"es": "{guideline}: {n}", "en": "{guideline}: {n}"}}"#,
    );
    let m = matrix(
        "ID;País;Institución;Fecha de reporte;Tipo de registro;Título;Estado;Lineamientos\n\
         E1;GTM;SEPREM;2024-05-02;Avance;a;En curso;VCM-1, VCM-2\n\
         E2;GTM;SEPREM;2024-05-03;Avance;b;En curso;VCM-1\n",
    );
    let check = rs.check_entries(&m, &cfg("2024-12-31")).unwrap();
    assert_eq!(counts(&check), [("oim.per_guideline".into(), 1, 1, 0)]);
    assert_eq!(check.diagnostics[0].message(crate::Lang::En), "VCM-2: 1");
    assert_eq!(check.diagnostics[0].path, "/entries/0");
}
