//! The expression language through its public API only, as the rule-file loader and the
//! bindings will use it.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code

use chrono::NaiveDate;
use lineamientos::ruleset::expr::{
    Activation, Env, EvalError, Limits, Outcome, Program, Schema, Type, Value,
};

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 6, 30).unwrap()
}

#[test]
fn a_rule_over_json_data() {
    let env = Env::new()
        .var("country", Type::String)
        .var("start", Type::Date)
        .nullable("end", Type::Date)
        .nullable("women", Type::Int)
        .var("participants", Type::Int);
    let rule = Program::compile_condition(
        "country in [\"MEX\", \"GTM\"] && coalesce(women, 0) <= participants && (!has(end) || end - start <= days(5))",
        &env,
    )
    .unwrap();
    assert_eq!(
        rule.fields(),
        ["country", "end", "participants", "start", "women"]
    );
    let row: serde_json::Value =
        serde_json::json!({"country": "MEX", "women": 12, "participants": 20});
    let mut act = Activation::new(as_of());
    for (k, v) in row.as_object().unwrap() {
        act.set(k, Value::from_json(v));
    }
    act.set(
        "start",
        Value::Date(NaiveDate::from_ymd_opt(2024, 5, 2).unwrap()),
    );
    assert_eq!(rule.eval(&act).unwrap().as_bool(), Some(true));
    act.set(
        "end",
        Value::Date(NaiveDate::from_ymd_opt(2024, 5, 9).unwrap()),
    );
    assert_eq!(rule.eval(&act).unwrap().as_bool(), Some(false));
    // The canonical text compiles to a program that says the same.
    let again = Program::compile(&rule.to_string(), &env).unwrap();
    assert_eq!(again.to_string(), rule.to_string());
    assert_eq!(again.eval(&act).unwrap(), rule.eval(&act).unwrap());
}

#[test]
fn records_and_lists_of_records() {
    let indicator = Schema::new()
        .field("name", Type::String)
        .nullable("target", Type::Int);
    let env = Env::new().var("indicators", Type::list(Type::object(indicator)));
    let rule =
        Program::compile("indicators.exists(i, has(i.target) && i.target > 0)", &env).unwrap();
    let act = Activation::new(as_of()).with(
        "indicators",
        Value::from_json(
            &serde_json::json!([{"name": "a", "target": null}, {"name": "b", "target": 3}]),
        ),
    );
    assert_eq!(rule.eval(&act).unwrap(), Outcome::Value(Value::Bool(true)));
}

#[test]
fn limits_are_options_and_errors_have_codes() {
    let mut limits = Limits::default();
    limits.max_steps = 10;
    let env = Env::new();
    let p = Program::compile_with("[1, 2, 3, 4, 5].all(x, x > 0)", &env, limits).unwrap();
    let e = p.eval(&Activation::new(as_of())).unwrap_err();
    assert_eq!(e.code(), "limit_exceeded");
    let EvalError::Limit(inner) = e else { panic!() };
    assert_eq!(inner.details()["what"], "expression_steps");
    let p = Program::compile("as_of + days(1) > as_of", &env).unwrap();
    assert_eq!(
        p.eval(&Activation::new(NaiveDate::MAX)).unwrap_err().code(),
        "date_out_of_range"
    );
    let e = Program::compile("as_of > \"2024-01-01\"", &env).unwrap_err();
    assert_eq!(e.code(), "invalid_rule");
    assert_eq!(e.details()["column"], 7);
    assert!(lineamientos::Error::CODES.contains(&e.code()));
}
