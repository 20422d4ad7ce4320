use super::*;
use crate::{Dim, ImportOptions, Measure, PeriodUnit, PivotSpec, Rule, RuleConfig, Severity};
use chrono::NaiveDate;
use serde_json::json;

/// (code, field, path, value) of an error, for compact assertions.
fn parts(e: &Error) -> (&'static str, String, String, serde_json::Value) {
    let d = e.details();
    (
        e.code(),
        d.get("field")
            .and_then(|v| v.as_str())
            .unwrap_or_default()
            .to_owned(),
        d.get("path")
            .and_then(|v| v.as_str())
            .unwrap_or_default()
            .to_owned(),
        d.get("value").cloned().unwrap_or_default(),
    )
}

#[test]
fn dates_are_exactly_yyyy_mm_dd() {
    assert_eq!(
        arg::<NaiveDate>("as_of", &json!(" 2024-06-01 ")).unwrap(),
        NaiveDate::from_ymd_opt(2024, 6, 1).unwrap()
    );
    for bad in [
        json!("2024-13-01"),
        json!("1 June 2024"),
        json!("2024-6-1"),
        json!("2024-06-1"),
        json!("+2024-6-01"),
        json!("+2024-06-01"),
        json!("02024-06-01"),
        json!("2024/06/01"),
        json!("2024-02-30"),
        json!("2024-06-01T00:00:00"),
        json!(20240601),
        json!(null),
    ] {
        let e = arg::<NaiveDate>("as_of", &bad).unwrap_err();
        assert_eq!(parts(&e).0, "invalid_value", "{bad}");
        assert_eq!(parts(&e).1, "as_of");
        assert_eq!(parts(&e).2, "");
        assert_eq!(e.details()["expected"], "a date written YYYY-MM-DD");
    }
    assert_eq!(
        parse_iso_date("2024-02-29"),
        NaiveDate::from_ymd_opt(2024, 2, 29)
    );
    assert_eq!(parse_iso_date("2023-02-29"), None);
}

#[test]
fn whole_numbers_take_integral_floats_and_refuse_the_rest() {
    assert_eq!(arg::<u64>("n", &json!(5)).unwrap(), 5);
    assert_eq!(arg::<u64>("n", &json!(5.0)).unwrap(), 5);
    assert_eq!(arg::<u64>("n", &json!(0)).unwrap(), 0);
    for bad in [json!(5.5), json!(-1), json!("5"), json!(true), json!(1e300)] {
        assert_eq!(
            arg::<u64>("n", &bad).unwrap_err().code(),
            "invalid_value",
            "{bad}"
        );
    }
    assert_eq!(arg::<u32>("n", &json!(u32::MAX)).unwrap(), u32::MAX);
    assert!(arg::<u32>("n", &json!(u64::from(u32::MAX) + 1)).is_err());
    assert_eq!(arg::<Days>("d", &json!(1)).unwrap(), Days(1));
    let e = arg::<Days>("d", &json!(0)).unwrap_err();
    assert_eq!(e.details()["value"], "0");
}

#[test]
fn choices_ignore_case_and_separators_and_suggest() {
    assert_eq!(
        arg::<Measure>("m", &json!("Distinct countries")).unwrap(),
        Measure::DistinctCountries
    );
    assert_eq!(
        arg::<PeriodUnit>("unit", &json!("QUARTER")).unwrap(),
        PeriodUnit::Quarter
    );
    assert_eq!(
        arg::<Severity>("s", &json!("warn")).unwrap(),
        Severity::Warning
    );
    assert_eq!(
        arg::<crate::Lang>("lang", &json!("es-MX")).unwrap(),
        crate::Lang::Es
    );
    let e = arg::<PeriodUnit>("unit", &json!("fortnight")).unwrap_err();
    assert_eq!(
        parts(&e),
        (
            "invalid_value",
            "unit".into(),
            String::new(),
            json!("fortnight")
        )
    );
    assert_eq!(
        e.details()["expected"],
        "a period unit (one of month, quarter, semester, year)"
    );
    assert_eq!(e.details()["suggestion"], serde_json::Value::Null);
    let e = arg::<Dim>("d", &json!("contry")).unwrap_err();
    assert_eq!(e.details()["suggestion"], "country");
    let e = arg::<Dim>("d", &json!(3)).unwrap_err();
    assert_eq!(e.details()["value"], "3");
}

#[test]
fn pivot_spec_errors_name_the_option_and_its_place() {
    let cases = [
        (json!({"measure": "median"}), "measure", "/measure"),
        (json!({"rows": "planet"}), "rows", "/rows"),
        (json!({"rows": ["country", "planet"]}), "rows", "/rows/1"),
        (json!({"period": "fortnight"}), "period", "/period"),
        (
            json!({"suppress_below": -1, "measure": "participants"}),
            "suppress_below",
            "/suppress_below",
        ),
        (
            json!({"approved_only": "yes"}),
            "approved_only",
            "/approved_only",
        ),
        (
            json!({"rows": "country", "cols": ["axis", "country"]}),
            "cols",
            "/cols/1",
        ),
        (
            json!({"suppress_below": 5}),
            "suppress_below",
            "/suppress_below",
        ),
        (json!({"measures": "count"}), "measures", "/measures"),
    ];
    for (v, field, path) in cases {
        let e = arg::<PivotSpec>("spec", &v).unwrap_err();
        let (code, f, p, _) = parts(&e);
        assert_eq!(
            (code, f.as_str(), p.as_str()),
            ("invalid_value", field, path),
            "{v}"
        );
    }
    let e = arg::<PivotSpec>("spec", &json!({"measures": "count"})).unwrap_err();
    assert_eq!(e.details()["suggestion"], "measure");
    let e = arg::<PivotSpec>("spec", &json!(["country"])).unwrap_err();
    assert_eq!(parts(&e).1, "spec");
    // null options and null members are the defaults
    assert_eq!(
        arg::<PivotSpec>("spec", &json!(null)).unwrap(),
        PivotSpec::default()
    );
    assert_eq!(
        arg::<PivotSpec>(
            "spec",
            &json!({"rows": null, "period": null, "measure": null})
        )
        .unwrap(),
        PivotSpec::default()
    );
}

#[test]
fn rule_config_errors_name_the_option_and_its_place() {
    let ok =
        RuleConfig::from_value(&json!({"as_of": "2024-06-01", "rules": {"no_indicator": "OFF"}}))
            .unwrap();
    assert_eq!(ok.severity(Rule::NoIndicator), None);
    let cases = [
        (json!({}), "as_of", "/as_of", json!(null)),
        (json!({"as_of": null}), "as_of", "/as_of", json!(null)),
        (
            json!({"as_of": "2024-13-01"}),
            "as_of",
            "/as_of",
            json!("2024-13-01"),
        ),
        (
            json!({"as_of": "2024-06-01", "rules": {"no_indicatr": "off"}}),
            "rules",
            "/rules/no_indicatr",
            json!("no_indicatr"),
        ),
        (
            json!({"as_of": "2024-06-01", "rules": {"no_indicator": "fatal"}}),
            "rules",
            "/rules/no_indicator",
            json!("fatal"),
        ),
        (
            json!({"as_of": "2024-06-01", "rules": ["no_indicator"]}),
            "rules",
            "/rules",
            json!("[\"no_indicator\"]"),
        ),
        (
            json!({"as_of": "2024-06-01", "max_event_days": 0}),
            "max_event_days",
            "/max_event_days",
            json!("0"),
        ),
        (
            json!({"as_of": "2024-06-01", "review_interval_days": 0}),
            "review_interval_days",
            "/review_interval_days",
            json!("0"),
        ),
        (
            json!({"as_of": "2024-06-01", "max_event_dayz": 3}),
            "max_event_dayz",
            "/max_event_dayz",
            json!(null),
        ),
    ];
    for (v, field, path, value) in cases {
        let e = RuleConfig::from_value(&v).unwrap_err();
        assert_eq!(
            parts(&e),
            ("invalid_value", field.into(), path.into(), value),
            "{v}"
        );
    }
    let e =
        RuleConfig::from_value(&json!({"as_of": "2024-06-01", "rules": {"no_indicatr": "off"}}))
            .unwrap_err();
    assert_eq!(e.details()["suggestion"], "no_indicator");
    // the first bad rule in code order, whatever the host's key order
    let e = RuleConfig::from_value(
        &json!({"as_of": "2024-06-01", "rules": {"zzz": "off", "aaa": "off"}}),
    )
    .unwrap_err();
    assert_eq!(parts(&e).2, "/rules/aaa");
}

#[test]
fn import_options_tell_null_from_absent() {
    let absent = arg::<ImportOptions>("options", &json!({})).unwrap();
    assert_eq!(
        absent.max_diagnostics,
        Some(ImportOptions::DEFAULT_MAX_DIAGNOSTICS)
    );
    let null = arg::<ImportOptions>("options", &json!({"max_diagnostics": null})).unwrap();
    assert_eq!(null.max_diagnostics, None);
    // threads: absent and null are one per core; 1 to 1024 a cap.
    assert_eq!(absent.threads, None);
    let null = arg::<ImportOptions>("options", &json!({"threads": null})).unwrap();
    assert_eq!(null.threads, None);
    for n in [1u64, 2, 1024] {
        let given = arg::<ImportOptions>("options", &json!({ "threads": n })).unwrap();
        assert_eq!((given.threads, given.thread_count()), (Some(n), n as usize));
    }
    assert!(absent.thread_count() >= 1);
    for bad in [json!(0), json!(1025), json!(-1), json!(1.5), json!("2")] {
        let e = arg::<ImportOptions>("options", &json!({ "threads": bad })).unwrap_err();
        assert_eq!(
            (e.code(), parts(&e).2.as_str()),
            ("invalid_value", "/threads")
        );
    }
    let given = arg::<ImportOptions>(
        "options",
        &json!({"max_diagnostics": 3, "delimiter": ";", "strict": true}),
    )
    .unwrap();
    assert_eq!(
        (given.max_diagnostics, given.delimiter, given.strict),
        (Some(3), Some(';'), true)
    );
    for (v, path) in [
        (json!({"delimiter": ";;"}), "/delimiter"),
        (json!({"delimiter": "\""}), "/delimiter"),
        (json!({"delimiter": "\n"}), "/delimiter"),
        (json!({"delimiter": "é"}), "/delimiter"),
        (json!({"max_rows": -5}), "/max_rows"),
        (json!({"strict": 1}), "/strict"),
        (json!({"sheet": 1}), "/sheet"),
    ] {
        let e = arg::<ImportOptions>("options", &v).unwrap_err();
        assert_eq!(
            (parts(&e).0, parts(&e).2.as_str()),
            ("invalid_value", path),
            "{v}"
        );
    }
}

#[test]
fn json_text_that_is_not_json_is_invalid_json() {
    for text in ["{", "", "{\"measure\": }"] {
        assert_eq!(
            PivotSpec::from_json(text).unwrap_err().code(),
            "invalid_json",
            "{text:?}"
        );
        assert_eq!(
            RuleConfig::from_json(text).unwrap_err().code(),
            "invalid_json"
        );
        assert_eq!(
            ImportOptions::from_json(text).unwrap_err().code(),
            "invalid_json"
        );
    }
    // well-formed JSON with a bad value is a bad value
    assert_eq!(
        PivotSpec::from_json(r#"{"measure": "median"}"#)
            .unwrap_err()
            .code(),
        "invalid_value"
    );
}

#[test]
fn arg_paths_escape_and_nest() {
    let at = ArgPath::arg("options").key("rules").key("a/b~c");
    assert_eq!((at.field(), at.pointer()), ("rules", "/rules/a~1b~0c"));
    assert_eq!(ArgPath::arg("x").index(2).pointer(), "/2");
    let e = at.missing("a thing");
    assert_eq!(e.details()["value"], serde_json::Value::Null);
    assert_eq!(e.details()["expected"], "a thing (required)");
}

#[test]
fn lists_say_what_they_accept() {
    let e = arg::<PivotSpec>("spec", &json!({"rows": "planet"})).unwrap_err();
    assert_eq!(
        e.details()["expected"],
        "a pivot dimension (one of country, axis, guideline, entry_type, status, stage, institution, period, congress_cycle) or a list of them"
    );
    let e = arg::<Vec<Dim>>("dims", &json!("country")).unwrap_err();
    assert!(
        e.details()["expected"]
            .as_str()
            .unwrap()
            .starts_with("a list of a pivot dimension")
    );
    // nothing but the codes (and their documented aliases) is a choice
    for bad in ["", " ", "xyzzy", "-"] {
        assert!(arg::<Dim>("d", &json!(bad)).is_err(), "{bad:?}");
        assert!(arg::<Measure>("m", &json!(bad)).is_err(), "{bad:?}");
    }
    let e = arg::<ImportOptions>("options", &json!({"delimiter": "\r"})).unwrap_err();
    assert_eq!(e.details()["path"], "/delimiter");
}

#[test]
fn languages_are_es_or_en_and_nothing_else() {
    assert_eq!(
        arg::<crate::Lang>("lang", &json!("English")).unwrap(),
        crate::Lang::En
    );
    let e = arg::<crate::Lang>("lang", &json!("fr")).unwrap_err();
    assert_eq!(
        (e.code(), e.details()["field"].as_str()),
        ("invalid_value", Some("lang"))
    );
    assert_eq!(e.details()["expected"], "a language (one of es, en)");
}

#[test]
fn scalars_say_what_they_accept() {
    let expected = |e: Error| {
        e.details()["expected"]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    };
    assert_eq!(
        expected(arg::<bool>("b", &json!("yes")).unwrap_err()),
        "true or false"
    );
    assert_eq!(
        expected(arg::<String>("s", &json!(3)).unwrap_err()),
        "a text"
    );
    assert_eq!(
        expected(arg::<u64>("n", &json!(-1)).unwrap_err()),
        "a whole number of at least 0"
    );
    assert_eq!(
        expected(arg::<u32>("n", &json!(-1)).unwrap_err()),
        format!("a whole number from 0 to {}", u32::MAX)
    );
}
