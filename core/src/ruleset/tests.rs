//! Rule files: loading (and every way it refuses a file), the outcome of each rule on each
//! record, the missing-value policies, and checking a matrix and plans.

use super::*;
use crate::matrix::{ImportOptions, Matrix};
use crate::{Catalog, Error, RuleConfig};
use chrono::NaiveDate;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// A ruleset of one rule (its JSON object given as text).
fn one(rule: &str) -> String {
    format!(r#"{{"ruleset": "oim", "version": "1.0", "rules": [{rule}]}}"#)
}

fn err(text: &str) -> (String, String, usize, String, Option<String>) {
    match RuleSet::from_json(text) {
        Ok(_) => panic!("loaded: {text}"),
        Err(Error::InvalidRule {
            path,
            column,
            message,
            suggestion,
        }) => ("invalid_rule".into(), path, column, message, suggestion),
        Err(e) => (e.code().into(), String::new(), 0, e.to_string(), None),
    }
}

/// `text` is refused with `invalid_rule` at `at`, a message containing `fragment` and the
/// nearest name `suggestion`.
fn refused_at(text: &str, at: &str, fragment: &str, suggestion: Option<&str>) {
    let (code, path, _, message, got) = err(text);
    assert_eq!(
        (code.as_str(), path.as_str()),
        ("invalid_rule", at),
        "{message}"
    );
    assert!(message.contains(fragment), "{at}: {message}");
    assert_eq!(got.as_deref(), suggestion, "{at}");
}

const TRAINING: &str = r#"{"code": "oim.training_by_sex", "kind": "assert", "scope": "entry",
  "severity": "error", "when": "entry_type == 'training'",
  "check": "has(participants.women) && has(participants.men)",
  "message": {"es": "La capacitación {id} no desagrega por sexo", "en": "Training {id} is not disaggregated by sex"},
  "tests": [
    {"record": {"entry_type": "training", "participants": {"women": 3, "men": 0}}, "expect": "pass"},
    {"record": {"entry_type": "training", "participants": {"women": 3}}, "expect": "fail"},
    {"record": {"entry_type": "progress"}, "expect": "not_applicable"}]}"#;

const WOMEN_SHARE: &str = r#"{"code": "oim.women_within_total", "kind": "assert", "scope": "entry",
  "check": "participants.women <= participants.women + participants.men + params.slack",
  "missing": "zero",
  "message": {"es": "{id}: {participants.women} mujeres", "en": "{id}: {participants.women} women"}}"#;

fn matrix() -> Matrix {
    let csv = "ID;País;Institución;Fecha de reporte;Tipo de registro;Título;Estado;Mujeres;Hombres\n\
               E1;GTM;SEPREM;2024-05-02;Capacitación;Taller;En curso;12;3\n\
               E2;MEX;INMUJERES;2024-05-03;Capacitación;Taller 2;En curso;;4\n\
               E3;HND;SEMUJER;2024-05-04;Avance;Informe;En curso;;\n";
    Matrix::read_csv(
        csv.as_bytes(),
        &Catalog::embedded(),
        &ImportOptions::default(),
    )
    .unwrap()
    .0
}

#[test]
fn a_matrix_is_checked_rule_by_rule_with_counts_and_messages() {
    let text = format!(
        r#"{{"ruleset": "oim", "version": "1.0", "parameters": {{"slack": 0}}, "rules": [{TRAINING}, {WOMEN_SHARE}]}}"#
    );
    let rs = RuleSet::from_json(&text).unwrap();
    assert_eq!(
        rs.codes().collect::<Vec<_>>(),
        ["oim.training_by_sex", "oim.women_within_total"]
    );
    let check = rs
        .check_entries(&matrix(), &RuleConfig::new(day(2024, 6, 1)))
        .unwrap();
    // E2 is a training without women: the only failure.
    assert_eq!(check.diagnostics.len(), 1);
    let d = &check.diagnostics[0];
    assert_eq!(
        (d.code.as_str(), d.path.as_str(), d.severity),
        ("oim.training_by_sex", "/entries/1", crate::Severity::Error)
    );
    assert_eq!(d.value.as_deref(), Some("E2"));
    assert_eq!(
        d.message(crate::Lang::Es),
        "La capacitación E2 no desagrega por sexo"
    );
    assert_eq!(
        d.message(crate::Lang::En),
        "Training E2 is not disaggregated by sex"
    );
    let counts: Vec<(&str, (u64, u64, u64))> = check
        .outcomes
        .iter()
        .map(|n| (n.code.as_str(), (n.pass, n.fail, n.not_applicable)))
        .collect();
    // E3 is not a training; E2 and E3 have empty counts, which `zero` reads as 0.
    assert_eq!(
        counts,
        [
            ("oim.training_by_sex", (1, 1, 1)),
            ("oim.women_within_total", (3, 0, 0))
        ]
    );
    assert_eq!(check.ruleset.id, "oim");
    // `sha256:` once, then 64 hex digits.
    let hex = check.ruleset.hash.strip_prefix("sha256:").unwrap();
    assert!(
        hex.len() == 64 && hex.chars().all(|c| c.is_ascii_hexdigit()),
        "{}",
        check.ruleset.hash
    );
}

#[test]
fn each_missing_value_policy_decides_as_documented() {
    let rule = |policy: &str, tests: &str| {
        one(&format!(
            r#"{{"code": "oim.r", "kind": "assert", "scope": "entry", "missing": "{policy}",
              "check": "participants.women >= participants.girls",
              "message": {{"es": "x", "en": "x"}}, "tests": [{tests}]}}"#
        ))
    };
    let both_empty = r#"{"record": {}, "expect": "EXPECT"}"#;
    let one_empty = r#"{"record": {"participants": {"girls": 2}}, "expect": "EXPECT"}"#;
    let full = r#"{"record": {"participants": {"women": 1, "girls": 2}}, "expect": "fail"}"#;
    for (policy, both, one_side) in [
        ("skip_if_any", "not_applicable", "not_applicable"),
        ("skip_if_all", "not_applicable", "fail"), // 0 >= 2 is false
        ("zero", "pass", "fail"),                  // 0 >= 0, 0 >= 2
        ("fail", "fail", "fail"),
    ] {
        let tests = format!(
            "{}, {}, {full}",
            both_empty.replace("EXPECT", both),
            one_empty.replace("EXPECT", one_side)
        );
        assert!(
            RuleSet::from_json(&rule(policy, &tests)).is_ok(),
            "{policy}"
        );
        // The same tests with another expectation make the file fail to load.
        let wrong = tests.replacen(
            &format!("\"expect\": \"{both}\""),
            "\"expect\": \"pass\"",
            1,
        );
        if both != "pass" {
            let (code, path, _, message, _) = err(&rule(policy, &wrong));
            assert_eq!(
                (code.as_str(), path.as_str()),
                ("invalid_rule", "/rules/0/tests/0"),
                "{policy}"
            );
            assert!(
                message.contains(&format!("the rule gives {both}")),
                "{message}"
            );
        }
    }
}

#[test]
fn rules_outside_their_dates_do_not_apply() {
    let text = one(
        r#"{"code": "oim.r", "kind": "assert", "scope": "entry", "check": "false",
        "valid_from": "2025-01-01", "valid_until": "2025-12-31", "message": {"es": "x", "en": "x"},
        "tests": [{"record": {}, "as_of": "2024-12-31", "expect": "not_applicable"},
                  {"record": {}, "as_of": "2025-01-01", "expect": "fail"},
                  {"record": {}, "as_of": "2025-12-31", "expect": "fail"},
                  {"record": {}, "as_of": "2026-01-01", "expect": "not_applicable"}]}"#,
    );
    let rs = RuleSet::from_json(&text).unwrap();
    let m = matrix();
    assert_eq!(
        rs.check_entries(&m, &RuleConfig::new(day(2024, 6, 1)))
            .unwrap()
            .outcomes[0]
            .not_applicable,
        3
    );
    assert_eq!(
        rs.check_entries(&m, &RuleConfig::new(day(2025, 6, 1)))
            .unwrap()
            .outcomes[0]
            .fail,
        3
    );
}

#[test]
fn activities_of_plans_are_checked_with_their_paths() {
    let rs = RuleSet::from_json(
        &one(
            r#"{"code": "oim.short_events", "kind": "assert", "scope": "activity",
        "when": "has(start) && has(end)", "check": "days_between(start, end) <= params.max_days",
        "message": {"es": "{title} dura demasiado", "en": "{title} is too long"}}"#,
        )
        .replace(r#""rules""#, r#""parameters": {"max_days": 5}, "rules""#),
    )
    .unwrap();
    let plan = crate::plan::WorkPlan::from_json(
        r#"{"id": "p", "activities": [
          {"id": "a1", "title": "Taller", "start": "2024-03-01", "end": "2024-03-03"},
          {"id": "a2", "title": "Curso", "start": "2024-03-01", "end": "2024-04-03"},
          {"id": "a3", "title": "Sin fechas"}]}"#,
    )
    .unwrap();
    let check = rs
        .check_activities(&[plan.clone(), plan], &RuleConfig::new(day(2024, 6, 1)))
        .unwrap();
    let paths: Vec<&str> = check.diagnostics.iter().map(|d| d.path.as_str()).collect();
    assert_eq!(paths, ["/plans/0/activities/1", "/plans/1/activities/1"]);
    assert_eq!(
        check.diagnostics[0].message(crate::Lang::En),
        "Curso is too long"
    );
    let n = &check.outcomes[0];
    assert_eq!((n.pass, n.fail, n.not_applicable), (2, 2, 2));
    // A rule of another scope is not run on activities.
    let entries_only = RuleSet::from_json(&one(TRAINING)).unwrap();
    assert!(
        entries_only
            .check_activities(&[], &RuleConfig::new(day(2024, 6, 1)))
            .unwrap()
            .outcomes
            .is_empty()
    );
}

#[test]
fn a_file_with_a_mistake_is_refused_with_its_place() {
    let rule = |fields: &str| {
        one(&format!(
            r#"{{"code": "oim.r", "kind": "assert", "scope": "entry", "check": "true",
              "message": {{"es": "x", "en": "x"}}, {fields}}}"#
        ))
    };
    // The expression: column and nearest field.
    let (code, path, column, _, suggestion) = err(&one(
        r#"{"code": "oim.r", "kind": "assert", "scope": "entry", "check": "participants.womn > 0", "message": {"es": "x", "en": "x"}}"#,
    ));
    assert_eq!(
        (code.as_str(), path.as_str(), column, suggestion.as_deref()),
        ("invalid_rule", "/rules/0/check", 14, Some("women"))
    );
    let (_, path, _, message, _) = err(&rule(r#""when": "participants.women > '3'""#));
    assert_eq!(path, "/rules/0/when");
    assert!(message.contains("string"), "{message}");
    // The rule's fields.
    for (text, at, fragment, suggestion) in [
        (
            rule(r#""category": "x""#).replace("oim.r", "r"),
            "/rules/0/code",
            "oim.<name>",
            None,
        ),
        (
            rule(r#""category": "x""#).replace("oim.r", "other.r"),
            "/rules/0/code",
            "not a code",
            None,
        ),
        (
            rule(r#""category": "x""#).replace("oim.r", "oim.Bad"),
            "/rules/0/code",
            "lowercase",
            None,
        ),
        (
            rule(r#""category": "x""#).replace("\"assert\"", "\"asert\""),
            "/rules/0/kind",
            "unknown kind",
            Some("assert"),
        ),
        (
            rule(r#""category": "x""#).replace("\"entry\"", "\"entri\""),
            "/rules/0/scope",
            "unknown scope",
            Some("entry"),
        ),
        (
            rule(r#""valid_from": "2025-01-01", "valid_until": "2024-01-01""#),
            "/rules/0/valid_until",
            "ends before",
            None,
        ),
        (
            rule(r#""category": "x""#).replace(r#""es": "x""#, r#""es": "{womn}""#),
            "/rules/0/message/es",
            "{womn}",
            None,
        ),
        (
            rule(r#""tests": [{"record": {"participants": {"women": "3"}}, "expect": "pass"}]"#),
            "/rules/0/tests/0/record/participants/women",
            "expected int",
            None,
        ),
        (
            rule(r#""tests": [{"record": [], "expect": "pass"}]"#),
            "/rules/0/tests/0/record",
            "an object",
            None,
        ),
        (
            one(
                r#"{"code": "oim.r", "kind": "assert", "scope": "entry", "message": {"es": "x", "en": "x"}}"#,
            ),
            "/rules/0/check",
            "needs a check",
            None,
        ),
        (
            format!(r#"{{"ruleset": "oim", "version": "1", "rules": [{TRAINING}, {TRAINING}]}}"#),
            "/rules/1/code",
            "earlier rule",
            None,
        ),
        (
            one(TRAINING).replace("\"oim\"", "\"OIM\""),
            "/ruleset",
            "not a ruleset id",
            None,
        ),
        (
            one(TRAINING).replace(
                r#""rules""#,
                r#""requires": {"lineamientos": "99.0"}, "rules""#,
            ),
            "/requires/lineamientos",
            "99.0 or later",
            None,
        ),
        (
            one(TRAINING).replace(
                r#""rules""#,
                r#""requires": {"lineamientos": "uno"}, "rules""#,
            ),
            "/requires/lineamientos",
            "not a version",
            None,
        ),
        (
            one(TRAINING).replace(r#""rules""#, r#""parameters": {"p": {"a": 1}}, "rules""#),
            "/parameters/p",
            "a parameter is",
            None,
        ),
    ] {
        refused_at(&text, at, fragment, suggestion);
    }
    // The file's shape is `invalid_json`, with the pointer.
    let (code, _, _, message, _) = err(&one(TRAINING).replace(r#""version""#, r#""versoin""#));
    assert_eq!(code, "invalid_json", "{message}");
}

#[test]
fn the_hash_is_that_of_the_content() {
    let a = RuleSet::from_json(&one(TRAINING)).unwrap();
    let spaced = one(TRAINING).replace(": ", " :  ").replace('\n', "\n\n");
    let b = RuleSet::from_json(&spaced).unwrap();
    assert_eq!(a.pin(), b.pin());
    let c = RuleSet::from_json(&one(TRAINING).replace("\"1.0\"", "\"1.1\"")).unwrap();
    assert_ne!(a.pin().hash, c.pin().hash);
}

/// A rule of `kind` with extra keys (JSON text), its tests, over entries.
fn kind(kind: &str, extra: &str, tests: &str) -> String {
    one(&format!(
        r#"{{"code": "oim.r", "kind": "{kind}", "scope": "entry", {extra},
          "message": {{"es": "x", "en": "x"}}, "tests": [{tests}]}}"#
    ))
}

#[test]
fn field_rules_apply_table_schema_constraints() {
    let women = |c: &str, tests: &str| {
        kind(
            "field",
            &format!(r#""field": "participants.women", "constraints": {c}"#),
            tests,
        )
    };
    let rec = |women: &str, expect: &str| {
        format!(r#"{{"record": {{"participants": {{"women": {women}}}}}, "expect": "{expect}"}}"#)
    };
    let cases = [
        (
            r#"{"minimum": 0, "maximum": 1000}"#,
            vec![
                rec("0", "pass"),
                rec("1000", "pass"),
                rec("1001", "fail"),
                rec("null", "not_applicable"),
            ],
        ),
        (
            r#"{"exclusiveMinimum": 0, "exclusiveMaximum": 10.5}"#,
            vec![
                rec("0", "fail"),
                rec("1", "pass"),
                rec("10", "pass"),
                rec("11", "fail"),
            ],
        ),
        (
            r#"{"required": true}"#,
            vec![rec("null", "fail"), rec("0", "pass")],
        ),
        (
            r#"{"enum": [1, 2]}"#,
            vec![rec("2", "pass"), rec("3", "fail")],
        ),
    ];
    for (c, tests) in cases {
        let text = women(c, &tests.join(", "));
        RuleSet::from_json(&text).unwrap_or_else(|e| panic!("{c}: {e}"));
    }
    // Texts, lists and dates.
    let ok = |text: String| RuleSet::from_json(&text).unwrap_or_else(|e| panic!("{e}"));
    ok(kind(
        "field",
        r#""field": "id", "constraints": {"pattern": "E[0-9]+", "maxLength": 4}"#,
        r#"{"record": {"id": "E12"}, "expect": "pass"}, {"record": {"id": "xE12"}, "expect": "fail"},
           {"record": {"id": "E12345"}, "expect": "fail"}"#,
    ));
    ok(kind(
        "field",
        r#""field": "guidelines", "constraints": {"required": true, "minLength": 2}"#,
        r#"{"record": {"guidelines": ["VCM-1", "VCM-2"]}, "expect": "pass"}, {"record": {"guidelines": ["VCM-1"]}, "expect": "fail"},
           {"record": {}, "expect": "fail"}"#,
    ));
    ok(kind(
        "field",
        r#""field": "reported_on", "constraints": {"minimum": "2024-01-01"}"#,
        r#"{"record": {"reported_on": "2024-01-01"}, "expect": "pass"}, {"record": {"reported_on": "2023-12-31"}, "expect": "fail"}"#,
    ));
    ok(kind(
        "field",
        r#""field": "country", "constraints": {"enum": ["GTM", "MEX"]}"#,
        r#"{"record": {"country": "MEX"}, "expect": "pass"}, {"record": {"country": "HND"}, "expect": "fail"}"#,
    ));
    // The finding names the constraint broken.
    let rs = ok(women(r#"{"maximum": 10}"#, &rec("3", "pass")));
    let check = rs
        .check_entries(&matrix(), &RuleConfig::new(day(2024, 6, 1)))
        .unwrap();
    assert_eq!(check.diagnostics.len(), 1);
    assert_eq!(
        check.diagnostics[0]
            .params
            .get("constraint")
            .map(String::as_str),
        Some("maximum")
    );
    assert_eq!(check.diagnostics[0].value.as_deref(), Some("E1"));
    let n = &check.outcomes[0];
    assert_eq!((n.pass, n.fail, n.not_applicable), (0, 1, 2));
}

#[test]
fn presence_rules_count_the_fields_filled_in() {
    let rule = |presence: &str, tests: &str| {
        kind(
            "presence",
            &format!(
                r#""fields": ["participants.women", "participants.men", "description"], {presence}"#
            ),
            tests,
        )
    };
    let rec =
        |fields: &str, expect: &str| format!(r#"{{"record": {fields}, "expect": "{expect}"}}"#);
    let none = "{}";
    let one_ = r#"{"participants": {"women": 0}}"#;
    let two = r#"{"participants": {"women": 0, "men": 1}}"#;
    let blank_text = r#"{"participants": {"women": 0, "men": 1}, "description": " "}"#;
    let all = r#"{"participants": {"women": 0, "men": 1}, "description": "d"}"#;
    for (presence, expects) in [
        (
            r#""presence": "all_or_none""#,
            ["pass", "fail", "fail", "fail", "pass"],
        ),
        (
            r#""presence": "exactly_one""#,
            ["fail", "pass", "fail", "fail", "fail"],
        ),
        (
            r#""presence": "at_most_one""#,
            ["pass", "pass", "fail", "fail", "fail"],
        ),
        (
            r#""presence": "at_least", "count": 2"#,
            ["fail", "fail", "pass", "pass", "pass"],
        ),
    ] {
        let tests: Vec<String> = [none, one_, two, blank_text, all]
            .iter()
            .zip(expects)
            .map(|(r, e)| rec(r, e))
            .collect();
        RuleSet::from_json(&rule(presence, &tests.join(", ")))
            .unwrap_or_else(|e| panic!("{presence}: {e}"));
    }
}

#[test]
fn unique_rules_find_later_records_with_the_same_normalised_key() {
    let text = kind(
        "unique",
        r#""fields": ["country", "title"]"#,
        r#"{"record": {"country": "GTM", "title": "Taller de género"}, "expect": "pass"},
           {"record": {"country": "GTM", "title": " TALLER DE GENERO "}, "expect": "fail"},
           {"record": {"country": "MEX", "title": "Taller de género"}, "expect": "pass"},
           {"record": {"country": "MEX"}, "expect": "not_applicable"}"#,
    );
    let rs = RuleSet::from_json(&text).unwrap();
    let csv = "ID;País;Institución;Fecha de reporte;Tipo de registro;Título;Estado\n\
               E1;GTM;SEPREM;2024-05-02;Avance;Taller;En curso\n\
               E2;MEX;INMUJERES;2024-05-03;Avance;Taller;En curso\n\
               E3;Guatemala;SEPREM;2024-05-04;Avance;taller;En curso\n";
    let m = Matrix::read_csv(
        csv.as_bytes(),
        &Catalog::embedded(),
        &ImportOptions::default(),
    )
    .unwrap()
    .0;
    let check = rs
        .check_entries(&m, &RuleConfig::new(day(2024, 6, 1)))
        .unwrap();
    assert_eq!(check.diagnostics.len(), 1);
    let d = &check.diagnostics[0];
    assert_eq!(
        (d.path.as_str(), d.params.get("first").map(String::as_str)),
        ("/entries/2", Some("/entries/0"))
    );
}

#[test]
fn field_presence_and_unique_rules_with_a_mistake_are_refused() {
    for (text, at, fragment, suggestion) in [
        (
            kind(
                "field",
                r#""field": "participants.womn", "constraints": {"minimum": 0}"#,
                "",
            ),
            "/rules/0/field",
            "no field",
            Some("participants.women"),
        ),
        (
            kind(
                "field",
                r#""field": "title", "constraints": {"minimum": 0}"#,
                "",
            ),
            "/rules/0/constraints/minimum",
            "numbers and dates",
            None,
        ),
        (
            kind(
                "field",
                r#""field": "participants.women", "constraints": {"maxLength": 3}"#,
                "",
            ),
            "/rules/0/constraints/maxLength",
            "texts and lists",
            None,
        ),
        (
            kind(
                "field",
                r#""field": "participants.women", "constraints": {"pattern": "[0-9]"}"#,
                "",
            ),
            "/rules/0/constraints/pattern",
            "applies to texts",
            None,
        ),
        (
            kind(
                "field",
                r#""field": "title", "constraints": {"pattern": "(unclosed"}"#,
                "",
            ),
            "/rules/0/constraints/pattern",
            "not a pattern",
            None,
        ),
        (
            kind(
                "field",
                r#""field": "participants.women", "constraints": {"enum": [1, "dos"]}"#,
                "",
            ),
            "/rules/0/constraints/enum/1",
            "expected int",
            None,
        ),
        (
            kind(
                "field",
                r#""field": "reported_on", "constraints": {"minimum": "2024-13-01"}"#,
                "",
            ),
            "/rules/0/constraints/minimum",
            "a date",
            None,
        ),
        (
            kind("field", r#""field": "title""#, ""),
            "/rules/0/constraints",
            "needs constraints",
            None,
        ),
        (
            kind("presence", r#""fields": ["title"]"#, ""),
            "/rules/0/presence",
            "says which",
            None,
        ),
        (
            kind(
                "presence",
                r#""fields": ["title", "axis"], "presence": "at_least""#,
                "",
            ),
            "/rules/0/count",
            "count of 1",
            None,
        ),
        (
            kind(
                "presence",
                r#""fields": ["title", "axs"], "presence": "exactly_one""#,
                "",
            ),
            "/rules/0/fields/1",
            "no field",
            Some("axis"),
        ),
        (
            kind("unique", r#""category": "x""#, ""),
            "/rules/0/fields",
            "lists its fields",
            None,
        ),
    ] {
        refused_at(&text, at, fragment, suggestion);
    }
    // A Table Schema constraint this version does not know is the file's shape: invalid_json.
    let (code, _, _, _, _) = err(&kind(
        "field",
        r#""field": "title", "constraints": {"unique": true}"#,
        "",
    ));
    assert_eq!(code, "invalid_json");
}

#[test]
fn the_configuration_sets_rule_file_severities_and_refuses_unknown_codes() {
    let text = format!(
        r#"{{"ruleset": "oim", "version": "1.0", "parameters": {{"slack": 0}}, "rules": [{TRAINING}, {WOMEN_SHARE}]}}"#
    );
    let rs = RuleSet::from_json(&text).unwrap();
    let cfg = RuleConfig::from_json(
        r#"{"as_of": "2024-06-01", "rules": {"oim.training_by_sex": "info", "oim.women_within_total": "off", "no_indicator": "off"}}"#,
    )
    .unwrap();
    let check = rs.check_entries(&matrix(), &cfg).unwrap();
    assert_eq!(check.diagnostics.len(), 1);
    assert_eq!(check.diagnostics[0].severity, crate::Severity::Info);
    // A rule switched off does not run: no outcomes.
    let codes: Vec<&str> = check.outcomes.iter().map(|n| n.code.as_str()).collect();
    assert_eq!(codes, ["oim.training_by_sex"]);
    // The setting survives a round trip through JSON.
    let again = RuleConfig::from_json(&cfg.to_json().unwrap()).unwrap();
    assert_eq!(
        again.rule_file_severity("oim.women_within_total", crate::Severity::Error),
        None
    );
    assert_eq!(
        again.rule_file_severity("oim.training_by_sex", crate::Severity::Error),
        Some(crate::Severity::Info)
    );
    // A code of this ruleset that it does not have: invalid_value, with the nearest.
    let typo =
        RuleConfig::from_json(r#"{"as_of": "2024-06-01", "rules": {"oim.training_by_se": "off"}}"#)
            .unwrap();
    let e = rs.check_entries(&matrix(), &typo).unwrap_err();
    assert_eq!(e.code(), "invalid_value");
    assert_eq!(e.details()["path"], "/rules/oim.training_by_se");
    assert_eq!(e.details()["suggestion"], "oim.training_by_sex");
    // Another ruleset's codes are left to that ruleset.
    let other =
        RuleConfig::from_json(r#"{"as_of": "2024-06-01", "rules": {"unicef.x": "off"}}"#).unwrap();
    assert!(rs.check_entries(&matrix(), &other).is_ok());
    // A code that is neither built in nor written <ruleset>.<name>.
    for bad in ["oim.Training", "oim.", ".x", "oim.a.b"] {
        let e = RuleConfig::from_json(&format!(
            r#"{{"as_of": "2024-06-01", "rules": {{"{bad}": "off"}}}}"#
        ))
        .unwrap_err();
        assert_eq!(e.code(), "invalid_value", "{bad}");
    }
    assert!(
        RuleConfig::new(day(2024, 6, 1))
            .with_rule_file_severity("nodot", None)
            .is_err()
    );
}

#[test]
fn rule_files_attached_to_the_configuration_run_in_validate_plan_and_matrix_check() {
    let activity_rule = r#"{"code": "oim.titled", "kind": "field", "scope": "activity",
        "field": "title", "constraints": {"required": true},
        "message": {"es": "actividad sin título", "en": "activity without a title"}}"#;
    let rs = RuleSet::from_json(
        &format!(r#"{{"ruleset": "oim", "version": "1.0", "parameters": {{"slack": 0}}, "rules": [{TRAINING}, {WOMEN_SHARE}, {activity_rule}]}}"#),
    )
    .unwrap();
    let pin = rs.pin();
    let cfg = RuleConfig::new(day(2024, 6, 1))
        .with_ruleset(rs.clone())
        .unwrap();
    let cat = Catalog::embedded();
    let plan = crate::plan::WorkPlan::from_json(
        r#"{"id": "p", "activities": [{"id": "a1", "title": "Taller"}, {"id": "a2"}]}"#,
    )
    .unwrap();
    // validate_plan: the built-in findings, then the file's, with plan-relative paths.
    let plain = cat.validate_plan(&plan, &RuleConfig::new(day(2024, 6, 1)));
    let report = cat.validate_plan(&plan, &cfg);
    assert_eq!(
        report.diagnostics[..plain.diagnostics.len()],
        plain.diagnostics[..]
    );
    let added: Vec<(&str, &str)> = report.diagnostics[plain.diagnostics.len()..]
        .iter()
        .map(|d| (d.code.as_str(), d.path.as_str()))
        .collect();
    assert_eq!(added, [("oim.titled", "/activities/1")]);
    assert_eq!(report.pins.rulesets, std::slice::from_ref(&pin));
    // Only the rules of scopes with data count: the entry rules are not in a plan's report.
    assert_eq!(
        report.outcomes,
        [RuleOutcomes {
            code: "oim.titled".into(),
            pass: 1,
            fail: 1,
            not_applicable: 0
        }]
    );
    // validate_plans: each plan's report has its own plan's rule-file findings.
    let reports = cat.validate_plans(&[plan.clone(), crate::plan::WorkPlan::default()], &cfg);
    assert_eq!(reports[0].with_code("oim.titled").count(), 1);
    assert_eq!(reports[1].with_code("oim.titled").count(), 0);
    assert_eq!(reports[1].outcomes[0].pass + reports[1].outcomes[0].fail, 0);
    // merge_plans_with: the file over every plan, paths in the list given (the plan left out
    // for want of approval is not checked), counts and pins kept.
    let options = crate::MergeOptions {
        rules: cfg.clone(),
        approved_only: true,
    };
    let mut approved = crate::Approval::new(&plan);
    approved.state = crate::approval::ApprovalState::Approved;
    approved.approved_hash = plan.content_hash().ok();
    let unapproved =
        crate::plan::WorkPlan::from_json(r#"{"id": "q", "activities": [{"id": "b1"}]}"#).unwrap();
    let (_, merged) = cat.merge_plans_with(&[unapproved, plan.clone()], &[approved], &options);
    let paths: Vec<&str> = merged
        .with_code("oim.titled")
        .map(|d| d.path.as_str())
        .collect();
    assert_eq!(paths, ["/plans/1/activities/1"]);
    assert_eq!(merged.with_code("plan_not_approved").count(), 1);
    assert_eq!((merged.outcomes[0].pass, merged.outcomes[0].fail), (1, 1));
    assert_eq!(merged.pins.rulesets, std::slice::from_ref(&pin));
    // Matrix::check: the entry rules, the matrix's pins plus the file's.
    let m = matrix();
    let checked = m.check(&cfg);
    assert_eq!(
        checked.diagnostics,
        rs.check_entries(&m, &cfg).unwrap().diagnostics
    );
    assert_eq!(checked.pins.catalog_hash, m.pins().catalog_hash);
    assert_eq!(checked.pins.rulesets, [pin]);
    let codes: Vec<&str> = checked.outcomes.iter().map(|o| o.code.as_str()).collect();
    assert_eq!(codes, ["oim.training_by_sex", "oim.women_within_total"]);
    // Without rule files nothing changes.
    let bare = m.check(&RuleConfig::new(day(2024, 6, 1)));
    assert!(
        bare.diagnostics.is_empty() && bare.outcomes.is_empty() && bare.pins.rulesets.is_empty()
    );
    // The report's JSON carries the pins and counts, and reads back the same.
    let json = serde_json::to_value(&checked).unwrap();
    assert_eq!(json["pins"]["rulesets"][0]["id"], "oim");
    assert_eq!(json["outcomes"][1]["code"], "oim.women_within_total");
    let back: crate::Report = serde_json::from_value(json).unwrap();
    assert_eq!(back, checked);
    assert!(
        serde_json::to_value(&bare)
            .unwrap()
            .get("outcomes")
            .is_none()
    );
}

#[test]
fn attaching_a_rule_file_checks_the_configuration_against_it() {
    let rs = RuleSet::from_json(&one(TRAINING)).unwrap();
    // A second file with the same id would make its codes ambiguous.
    let cfg = RuleConfig::new(day(2024, 6, 1))
        .with_ruleset(rs.clone())
        .unwrap();
    let e = cfg.clone().with_ruleset(rs.clone()).unwrap_err();
    assert_eq!(
        (e.code(), e.details()["path"].as_str()),
        ("invalid_value", Some("/rulesets/1"))
    );
    // A misspelt code of the file, set before or after attaching it.
    let before = RuleConfig::new(day(2024, 6, 1))
        .with_rule_file_severity("oim.training_by_se", None)
        .unwrap();
    let e = before.with_ruleset(rs.clone()).unwrap_err();
    assert_eq!(e.details()["suggestion"], "oim.training_by_sex");
    let e = cfg
        .clone()
        .with_rule_file_severity("oim.training_by_se", None)
        .unwrap_err();
    assert_eq!(e.code(), "invalid_value");
    // A correct code switches the rule off in Matrix::check.
    let off = cfg
        .with_rule_file_severity("oim.training_by_sex", None)
        .unwrap();
    let r = matrix().check(&off);
    assert!(r.diagnostics.is_empty() && r.outcomes.is_empty());
    assert_eq!(r.pins.rulesets.len(), 1);
}
