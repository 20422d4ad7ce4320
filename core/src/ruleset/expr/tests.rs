use super::ast::{BinaryOp, Expr, ExprKind, Quantifier, UnaryOp};
use super::eval::Evaluator;
use super::*;
use chrono::NaiveDate;
use std::collections::BTreeMap;

fn day(s: &str) -> NaiveDate {
    crate::args::parse_iso_date(s).unwrap()
}

fn indicator(name: &str, target: Option<i64>) -> Value {
    Value::object([
        ("name", Value::string(name)),
        ("target", target.map_or(Value::Null, Value::Int)),
    ])
}

fn env() -> Env {
    let indicator = Schema::new()
        .field("name", Type::String)
        .nullable("target", Type::Int);
    let activity = Schema::new()
        .field("kind", Type::String)
        .nullable("end", Type::Date);
    Env::new()
        .var("participants", Type::Int)
        .nullable("women", Type::Int)
        .nullable("men", Type::Int)
        .var("title", Type::String)
        .var("start", Type::Date)
        .nullable("end", Type::Date)
        .var("share", Type::Double)
        .var("tags", Type::list(Type::String))
        .var("indicators", Type::list(Type::object(indicator)))
        .nullable("activity", Type::object(activity))
}

/// A record: women 12, men null, end null, activity.end null.
fn record() -> Activation {
    Activation::new(day("2024-06-01"))
        .with("participants", Value::Int(20))
        .with("women", Value::Int(12))
        .with("men", Value::Null)
        .with("title", Value::string("Taller regional 2024"))
        .with("start", Value::Date(day("2024-05-02")))
        .with("share", Value::Double(0.6))
        .with(
            "tags",
            Value::list([Value::string("vcm"), Value::string("salud")]),
        )
        .with(
            "indicators",
            Value::list([
                indicator("personas", Some(30)),
                indicator("talleres", Some(2)),
            ]),
        )
        .with(
            "activity",
            Value::object([("kind", Value::string("training")), ("end", Value::Null)]),
        )
}

fn outcome_in(src: &str, act: &Activation) -> Outcome {
    let p = Program::compile(src, &env()).unwrap_or_else(|e| panic!("{src}: {e}"));
    p.eval(act).unwrap_or_else(|e| panic!("{src}: {e}"))
}

fn outcome(src: &str) -> Outcome {
    outcome_in(src, &record())
}

fn value(src: &str) -> Value {
    match outcome(src) {
        Outcome::Value(v) => v,
        Outcome::Missing(m) => panic!("{src}: missing {m:?}"),
    }
}

fn truth(src: &str) -> bool {
    match value(src) {
        Value::Bool(b) => b,
        other => panic!("{src}: {other:?}"),
    }
}

fn load_error(src: &str) -> Error {
    match Program::compile(src, &env()) {
        Ok(p) => panic!("{src} compiled to {p}"),
        Err(e) => e,
    }
}

/// (code, column, suggestion) of a load error.
fn refused(src: &str) -> (String, u64, Option<String>) {
    let e = load_error(src);
    let d = e.details();
    (
        e.code().to_owned(),
        d.get("column")
            .and_then(serde_json::Value::as_u64)
            .unwrap_or(0),
        d.get("suggestion")
            .and_then(serde_json::Value::as_str)
            .map(str::to_owned),
    )
}

fn eval_error(src: &str) -> EvalError {
    let p = Program::compile(src, &env()).unwrap_or_else(|e| panic!("{src}: {e}"));
    match p.eval(&record()) {
        Ok(o) => panic!("{src} gave {o:?}"),
        Err(e) => e,
    }
}

fn limit_what(e: &Error) -> String {
    assert_eq!(e.code(), "limit_exceeded", "{e}");
    e.details()["what"].as_str().unwrap().to_owned()
}

#[test]
fn precedence_and_associativity() {
    assert_eq!(value("1 + 2 * 3"), Value::Int(7));
    assert_eq!(value("(1 + 2) * 3"), Value::Int(9));
    assert_eq!(value("10 - 4 - 3"), Value::Int(3));
    assert_eq!(value("100 / 10 / 5"), Value::Int(2));
    assert_eq!(value("-2 * 3"), Value::Int(-6));
    assert_eq!(value("- 2 - -3"), Value::Int(1));
    assert_eq!(value("7 % 4 + 1"), Value::Int(4));
    // Division truncates toward zero; the remainder has the dividend's sign (as CEL).
    assert_eq!(value("-7 / 2"), Value::Int(-3));
    assert_eq!(value("-7 % 4"), Value::Int(-3));
    assert!(truth("true || false && false"));
    assert!(!truth("(true || false) && false"));
    assert!(truth("!false && !!true"));
    assert!(truth("1 + 2 in [3]"));
    assert_eq!(value("true ? 1 : 0 + 5"), Value::Int(1));
    assert_eq!(value("false ? 1 : true ? 2 : 3"), Value::Int(2));
    assert_eq!(
        value("participants - women * 2 > 0 ? \"más\" : \"menos\""),
        Value::string("menos")
    );
    let p = Program::compile("1 + 2 * 3 < 4 || !has(women) && women in [1]", &env()).unwrap();
    assert_eq!(
        p.to_string(),
        "(((1 + (2 * 3)) < 4) || (!(has(women)) && (women in [1])))"
    );
}

#[test]
fn canonical_text_compiles_to_the_same_tree() {
    for src in [
        "-5.0 * -(3) - -9223372036854775808",
        "(-women)[0]",
        "tags.all(t, t.size() > 2 && t.matches(r\"^[a-z]+$\")) ? 'x\\n\"' : \"\\u00e9\"",
        "indicators.exists(i, has(i.target) && i.target >= 30)",
        "coalesce(women, men, 0) + size(tags) % 2",
        "date(\"2024-01-31\") + days(30) - duration(\"2d\") <= as_of",
        "1e300 > 0.5 && 1.0 != 2",
        "[[1], [], [2, 3]][0][0] == 1",
    ] {
        let first = parser::parse(src, &Limits::default()).unwrap();
        let text = first.to_string();
        let again = parser::parse(&text, &Limits::default()).unwrap();
        assert_eq!(first, again, "{src} -> {text}");
        assert_eq!(again.to_string(), text);
    }
}

#[test]
fn logic_short_circuits_left_to_right() {
    assert!(!truth("false && 1 / 0 == 1"));
    assert!(truth("true || 1 / 0 == 1"));
    assert_eq!(value("true ? 1 : 1 / 0"), Value::Int(1));
    assert!(truth("tags.exists(t, t == \"vcm\") || tags[9] == \"x\""));
    // Errors are not absorbed, even when the other side would decide.
    assert_eq!(eval_error("1 / 0 == 1 && false").code(), "division_by_zero");
    assert_eq!(eval_error("1 / 0 == 1 || true").code(), "division_by_zero");
    // Missing data is, on either side.
    assert!(truth("men > 0 || participants > 0"));
    assert!(!truth("men > 0 && participants > 100"));
    assert!(!truth("participants > 100 && men > 0"));
    assert_eq!(
        outcome("men > 0 && participants > 0"),
        Outcome::Missing(vec!["men".into()])
    );
    assert_eq!(
        outcome("men > 0 || participants > 100"),
        Outcome::Missing(vec!["men".into()])
    );
}

#[test]
fn integer_overflow_is_an_error_not_a_wrap() {
    let e = eval_error("9223372036854775807 + 1 > 0");
    assert_eq!((e.code(), e.column()), ("integer_overflow", 21));
    assert_eq!(value("-9223372036854775808"), Value::Int(i64::MIN));
    assert_eq!(
        eval_error("-9223372036854775808 - 1 < 0").code(),
        "integer_overflow"
    );
    assert_eq!(eval_error("-(-9223372036854775808) > 0").column(), 1);
    assert_eq!(
        eval_error("-9223372036854775808 / -1 > 0").code(),
        "integer_overflow"
    );
    assert_eq!(
        eval_error("-9223372036854775808 % -1 > 0").code(),
        "integer_overflow"
    );
    assert_eq!(
        eval_error("participants * 9223372036854775807 > 0").code(),
        "integer_overflow"
    );
    assert_eq!(eval_error("int(1e19) > 0").code(), "integer_overflow");
    assert_eq!(
        eval_error("days(9223372036854775807) + days(1) > days(0)").code(),
        "integer_overflow"
    );
    let (code, column, _) = refused("9223372036854775808 > 0");
    assert_eq!((code.as_str(), column), ("invalid_rule", 1));
}

#[test]
fn division_by_zero_and_infinite_doubles_are_errors() {
    let e = eval_error("participants / 0 > 1");
    assert_eq!((e.code(), e.column()), ("division_by_zero", 14));
    assert_eq!(
        eval_error("participants % (women - 12) > 1").code(),
        "division_by_zero"
    );
    assert_eq!(eval_error("share / 0.0 > 1.0").code(), "division_by_zero");
    assert_eq!(eval_error("1e308 * 10.0 > 0.0").code(), "double_overflow");
    assert_eq!(value("7.0 / 2.0"), Value::Double(3.5));
}

#[test]
fn numbers_compare_by_value_but_never_mix_in_arithmetic() {
    assert!(truth("1 == 1.0"));
    assert!(truth("2 < 2.5 && 3.0 > 2"));
    assert!(truth("share > 0 && share < 1"));
    assert!(truth("2 in [1.0, 2.0]"));
    // Exact: 2^53 + 1 is not rounded to a double.
    assert!(truth("9007199254740993 > 9007199254740992.0"));
    assert!(truth("9223372036854775807 < 9223372036854775808.0"));
    assert_eq!(value("int(2.9) + int(-2.9)"), Value::Int(0));
    assert_eq!(
        value("double(women) / double(participants)"),
        Value::Double(0.6)
    );
    let e = load_error("women / 2.0");
    assert!(e.to_string().contains("double(x)"), "{e}");
}

#[test]
fn no_implicit_coercion() {
    let e = load_error("women > \"3\"");
    assert_eq!(e.details()["column"], 7);
    assert!(
        e.to_string().contains("a number in quotes is a text"),
        "{e}"
    );
    for src in [
        "title == 3",
        "true + 1 > 0",
        "women && true",
        "!women",
        "start > \"2024-01-01\"",
        "title + 1",
        "[1, \"a\"]",
        "[1, 2.0]",
        "true ? 1 : \"a\"",
        "1 in tags",
        "tags < tags",
        "coalesce(women, \"0\")",
        "null < 1",
        "size(3)",
        "title.startsWith(1)",
        "date(2024)",
        "women ? 1 : 0",
        "tags.all(t, t)",
        "tags.all(t, 1)",
    ] {
        assert_eq!(load_error(src).code(), "invalid_rule", "{src}");
    }
}

#[test]
fn dates_and_durations() {
    assert!(truth(
        "date(\"2024-01-31\") + days(30) == date(\"2024-03-01\")"
    ));
    assert!(truth(
        "days(30) + date(\"2024-01-31\") == date(\"2024-03-01\")"
    ));
    assert!(truth(
        "date(\"2024-03-01\") - duration(\"1d\") == date(\"2024-02-29\")"
    ));
    assert!(truth(
        "date(\"2024-03-01\") - date(\"2024-02-01\") == days(29)"
    ));
    assert_eq!(
        value("days_between(date(\"2024-01-01\"), date(\"2024-12-31\"))"),
        Value::Int(365)
    );
    assert_eq!(value("days_between(as_of, start)"), Value::Int(-30));
    assert!(truth("start < as_of && as_of - start <= duration(\"30d\")"));
    assert!(truth("-days(2) < duration(\"-1d\")"));
    assert_eq!(value("as_of"), Value::Date(day("2024-06-01")));
    let (code, column, _) = refused("start < date(\"2024-02-30\")");
    assert_eq!((code.as_str(), column), ("invalid_rule", 9));
    assert_eq!(refused("days(1) == duration(\"1 day\")").0, "invalid_rule");
    let e = eval_error("date(title) < as_of");
    assert_eq!((e.code(), e.column()), ("invalid_date", 1));
    assert_eq!(
        eval_error("date(\"9999-12-31\") + days(1000000000) > as_of").code(),
        "date_out_of_range"
    );
    assert_eq!(
        outcome("end - start > days(5)"),
        Outcome::Missing(vec!["end".into()])
    );
}

#[test]
fn all_and_exists() {
    assert!(truth("indicators.all(i, i.target > 0)"));
    assert!(truth("indicators.exists(i, i.name == \"talleres\")"));
    assert!(!truth("indicators.exists(i, i.name.startsWith(\"x\"))"));
    assert!(truth("[].all(x, x > 0)"));
    assert!(!truth("[].exists(x, x > 0)"));
    assert!(truth("[1, 2].all(x, [3, 4].exists(y, y > x))"));
    // The name shadows a field of the record while it is in scope.
    assert!(truth("[1, 2].all(women, women < 3) && women == 12"));
    let act = record().with(
        "indicators",
        Value::list([indicator("a", Some(5)), indicator("b", None)]),
    );
    assert_eq!(
        outcome_in("indicators.all(i, i.target > 0)", &act),
        Outcome::Missing(vec!["i.target".into()])
    );
    assert_eq!(
        outcome_in("indicators.exists(i, i.target > 3)", &act),
        Outcome::Value(Value::Bool(true))
    );
    let act = record().with(
        "indicators",
        Value::list([indicator("b", None), indicator("a", Some(0))]),
    );
    assert_eq!(
        outcome_in("indicators.all(i, i.target > 0)", &act),
        Outcome::Value(Value::Bool(false))
    );
    assert_eq!(load_error("indicators.all(1, true)").code(), "invalid_rule");
    assert_eq!(load_error("all(indicators, true)").code(), "invalid_rule");
    assert_eq!(
        refused("indicators.all(i, i.targt > 0)").2.as_deref(),
        Some("target")
    );
}

#[test]
fn missing_fields_are_reported() {
    assert_eq!(
        outcome("men + women > 0"),
        Outcome::Missing(vec!["men".into()])
    );
    let act = record().with("women", Value::Null);
    assert_eq!(
        outcome_in("coalesce(women, 0) + coalesce(men, 0) > 0", &act),
        Outcome::Value(Value::Bool(false))
    );
    assert_eq!(
        outcome_in("women + 1 > 0 || men > 0", &act),
        Outcome::Missing(vec!["women".into(), "men".into()])
    );
    assert!(!truth("has(men)"));
    assert!(truth("has(women) && men == null && women != null"));
    assert!(truth("has(activity.kind) && !has(activity.end)"));
    assert!(truth("activity.end == null"));
    // Only the fields whose emptiness stopped the evaluation are reported.
    let act = record().with("women", Value::Null);
    assert_eq!(
        outcome_in("men == null && women > 0", &act),
        Outcome::Missing(vec!["women".into()])
    );
    assert_eq!(
        outcome_in("coalesce(men, 0) + women > 0", &act),
        Outcome::Missing(vec!["women".into()])
    );
    assert_eq!(
        outcome("activity.end < as_of"),
        Outcome::Missing(vec!["activity.end".into()])
    );
    assert_eq!(outcome("men"), Outcome::Missing(vec!["men".into()]));
    assert_eq!(value("coalesce(men, women)"), Value::Int(12));
    assert_eq!(
        outcome("coalesce(men, null)"),
        Outcome::Missing(vec!["men".into()])
    );
    // A record that is itself missing: the first null along the chain is named.
    let act = record().with("activity", Value::Null);
    assert_eq!(
        outcome_in("activity.end < as_of", &act),
        Outcome::Missing(vec!["activity".into()])
    );
    assert_eq!(
        outcome_in("has(activity.end)", &act),
        Outcome::Value(Value::Bool(false))
    );
    // A declared name that is not bound is null.
    let act = Activation::new(day("2024-06-01"));
    assert_eq!(
        outcome_in("women <= participants", &act),
        Outcome::Missing(vec!["women".into()])
    );
    // What a missing-value policy looks at, before any data.
    let p = Program::compile(
        "activity.end < as_of && women > 0 && indicators.all(i, i.target > 0) && has(activity.kind)",
        &env(),
    )
    .unwrap();
    assert_eq!(
        p.fields(),
        ["activity.end", "activity.kind", "indicators", "women"]
    );
    assert!(p.may_be_missing());
    let p = Program::compile("coalesce(women, 0) > 0 && has(men)", &env()).unwrap();
    assert!(!p.may_be_missing());
    assert_eq!(p.result_type(), &Type::Bool);
}

#[test]
fn load_errors_point_into_the_expression() {
    assert_eq!(
        refused("womem > 0"),
        ("invalid_rule".into(), 1, Some("women".into()))
    );
    assert_eq!(
        refused("activity.knd == \"x\""),
        ("invalid_rule".into(), 10, Some("kind".into()))
    );
    assert_eq!(
        refused("sise(tags) > 0"),
        ("invalid_rule".into(), 1, Some("size".into()))
    );
    assert_eq!(
        refused("title.startswith(\"T\")"),
        ("invalid_rule".into(), 7, Some("startsWith".into()))
    );
    assert_eq!(
        refused("women = 3"),
        ("invalid_rule".into(), 7, Some("==".into()))
    );
    assert_eq!(
        refused("women > 0 and men > 0"),
        ("invalid_rule".into(), 11, Some("&&".into()))
    );
    assert_eq!(refused("women > 0 &").2.as_deref(), Some("&&"));
    assert_eq!(refused("title == “x”").1, 10);
    assert_eq!(refused("(women > 0").1, 11);
    assert_eq!(refused("women >").1, 8);
    assert_eq!(refused("\"abc").1, 1);
    assert_eq!(refused("'\\d'").1, 2);
    assert_eq!(refused("0x1F == 31").1, 2);
    assert_eq!(refused("title.matches(title)").1, 15);
    assert_eq!(refused("matches(title, \"(\")").1, 16);
    assert_eq!(refused("has(1)").1, 1);
    assert_eq!(refused("size"), ("invalid_rule".into(), 1, None));
    assert_eq!(refused("days_between(start)").1, 1);
    assert_eq!(refused("size(tags, tags)").1, 1);
    assert_eq!(refused("women.count > 0").1, 7);
    // The error's text and details.
    let e = load_error("womem > 0");
    assert_eq!(
        e.to_string(),
        "invalid rule: unknown field womem (column 1) (did you mean \"women\"?)"
    );
    assert_eq!(e.details()["path"], "");
    let e = Program::compile_condition("women + 1", &env()).unwrap_err();
    assert_eq!(e.code(), "invalid_rule");
}

#[test]
fn texts_lists_and_patterns() {
    assert!(truth(
        "\"a\\tb\" == 'a\\u0009b' && \"\\x41\\101\" == \"AA\""
    ));
    assert!(truth("r\"\\d+\" == \"\\\\d+\""));
    assert_eq!(value("size(\"ñandú\") + \"ab\".size()"), Value::Int(7));
    assert!(truth("\"abc\" < \"abd\" && \"Z\" < \"a\""));
    assert_eq!(value("\"a\" + 'b'"), Value::string("ab"));
    assert!(truth(
        "title.matches(\"^Taller\") && matches(title, r\"\\d{4}$\")"
    ));
    assert!(!truth("title.matches(\"^taller\")"));
    assert!(truth("title.matches(\"(?i)^taller\")"));
    assert!(truth(
        "title.startsWith(\"Taller\") && title.endsWith(\"2024\") && title.contains(\"regional\")"
    ));
    assert!(truth(
        "\"ÁRBOL\".lower() == \"árbol\" && \"niña\".upper() == \"NIÑA\""
    ));
    assert!(truth("\"vcm\" in tags && !(\"x\" in tags)"));
    assert_eq!(value("tags[1]"), Value::string("salud"));
    assert_eq!(value("size(tags + [\"x\"])"), Value::Int(3));
    assert!(truth("[1, 2] == [1.0, 2.0] && [[1]] != [[2]]"));
    let e = eval_error("tags[2] == \"\"");
    assert_eq!((e.code(), e.column()), ("index_out_of_range", 5));
    assert_eq!(eval_error("tags[-1] == \"\"").code(), "index_out_of_range");
    // Comments run to the end of the line.
    assert!(truth("women > 0 // at least one woman\n && men == null"));
}

#[test]
fn data_of_the_wrong_type_is_an_error_not_a_panic() {
    let act = record().with("women", Value::string("12"));
    let p = Program::compile("women > 3", &env()).unwrap();
    let e = p.eval(&act).unwrap_err();
    assert_eq!((e.code(), e.column()), ("type_mismatch", 7));
    let act = record().with("indicators", Value::Int(3));
    let p = Program::compile("indicators.all(i, i.target > 0)", &env()).unwrap();
    assert_eq!(p.eval(&act).unwrap_err().code(), "type_mismatch");
}

#[test]
fn limits() {
    let e = load_error(&format!("{} == 1", "1".repeat(4096)));
    assert_eq!(limit_what(&e), "expression_chars");
    assert_eq!(e.details()["limit"], 4096);
    // Deep nesting is refused at the limit, without exhausting the stack (even with a
    // length limit that lets 100,000 parentheses through).
    let long = Limits {
        max_chars: 1_000_000,
        ..Limits::default()
    };
    for deep in [
        "(".repeat(100_000),
        format!("{}1{}", "(".repeat(64), ")".repeat(64)),
        format!("{}1{}", "[".repeat(100), "]".repeat(100)),
        format!("{}true", "!".repeat(2000)),
        format!("1{}", " + 1".repeat(100)),
        format!("{}1", "true ? 1 : ".repeat(100)),
        format!("{}(1){}", "size(".repeat(100), ")".repeat(100)),
    ] {
        let e = Program::compile_with(&deep, &env(), long.clone()).unwrap_err();
        assert_eq!(limit_what(&e), "expression_depth", "{}", &deep[..20]);
    }
    let ok = format!("{}1{} == 1", "(".repeat(63), ")".repeat(63));
    assert!(truth(&ok));
    // Steps are counted inside all/exists.
    let hundred = format!("[{}]", ["1"; 100].join(", "));
    let src = format!("{hundred}.all(x, {hundred}.all(y, {hundred}.all(z, x == y)))");
    let p = Program::compile(&src, &env()).unwrap();
    let e = p.eval(&record()).unwrap_err();
    assert_eq!(e.code(), "limit_exceeded");
    let EvalError::Limit(inner) = e else { panic!() };
    assert_eq!(limit_what(&inner), "expression_steps");
    // Lists: written, and built by `+`.
    let small = Limits {
        max_list_len: 3,
        ..Limits::default()
    };
    let e = Program::compile_with("[1, 2, 3, 4] == []", &env(), small.clone()).unwrap_err();
    assert_eq!(limit_what(&e), "expression_list_len");
    let p = Program::compile_with("size(tags + tags) > 0", &env(), small.clone()).unwrap();
    let EvalError::Limit(inner) = p.eval(&record()).unwrap_err() else {
        panic!()
    };
    assert_eq!(limit_what(&inner), "expression_list_len");
    // A pattern that compiles too large.
    let tiny = Limits {
        max_pattern_size: 100,
        ..Limits::default()
    };
    let e = Program::compile_with("title.matches(\"a{1000}\")", &env(), tiny).unwrap_err();
    assert_eq!(e.code(), "invalid_rule");
}

#[test]
fn error_codes_include_invalid_rule() {
    assert!(Error::CODES.contains(&"invalid_rule"));
}

mod props {
    use super::*;
    use proptest::prelude::*;

    const NAMES: &[&str] = &[
        "women",
        "men",
        "participants",
        "title",
        "start",
        "end",
        "tags",
        "indicators",
        "activity",
        "as_of",
        "share",
        "x",
        "i",
        "target",
        "name",
        "kind",
        "zz",
    ];
    const FUNCS: &[&str] = &[
        "size",
        "matches",
        "startsWith",
        "endsWith",
        "contains",
        "lower",
        "upper",
        "coalesce",
        "date",
        "duration",
        "days",
        "days_between",
        "int",
        "double",
        "nope",
    ];
    const TOKENS: &[&str] = &[
        "women",
        "men",
        "participants",
        "title",
        "tags",
        "indicators",
        "activity",
        "end",
        "start",
        "as_of",
        "share",
        "i",
        "x",
        ".",
        ",",
        "(",
        ")",
        "[",
        "]",
        "?",
        ":",
        "+",
        "-",
        "*",
        "/",
        "%",
        "!",
        "==",
        "!=",
        "<",
        "<=",
        ">",
        ">=",
        "&&",
        "||",
        "in",
        "=",
        "&",
        "|",
        "0",
        "1",
        "-1",
        "9223372036854775807",
        "9223372036854775808",
        "2.5",
        "1e308",
        "0.0",
        "\"a\"",
        "'b'",
        "r\"\\d\"",
        "\"\\u00e9\"",
        "\"\\q\"",
        "\"",
        "true",
        "false",
        "null",
        "has",
        "coalesce",
        "size",
        "matches",
        "startsWith",
        "all",
        "exists",
        "date",
        "days",
        "duration",
        "days_between",
        "int",
        "double",
        "lower",
        "target",
        "name",
        "kind",
        "\"2024-01-31\"",
        "\"30d\"",
        "\"(\"",
        "@",
        "“",
        "é",
        "//",
        "\n",
        " ",
    ];

    fn name() -> impl Strategy<Value = String> {
        prop::sample::select(NAMES).prop_map(str::to_owned)
    }

    fn leaf() -> impl Strategy<Value = Expr> {
        prop_oneof![
            Just(ExprKind::Null),
            any::<bool>().prop_map(ExprKind::Bool),
            prop_oneof![-3i64..30, any::<i64>(), Just(i64::MIN), Just(i64::MAX)]
                .prop_map(ExprKind::Int),
            prop_oneof![
                prop::sample::select(vec![0.0, -0.0, 0.5, -2.5, 1e300, 1e-7, 3.0]),
                any::<f64>().prop_filter("finite", |d| d.is_finite()),
            ]
            .prop_map(ExprKind::Double),
            prop_oneof![
                "[a-z0-9 ]{0,4}",
                prop::sample::select(vec!["2024-01-31", "30d", "\n\"\\\t\u{1}é", "^T", "("])
                    .prop_map(str::to_owned),
                any::<String>(),
            ]
            .prop_map(|s| ExprKind::Str(s.into())),
            name().prop_map(ExprKind::Ident),
        ]
        .prop_map(|k| Expr::new(k, 0))
    }

    fn tree() -> impl Strategy<Value = Expr> {
        leaf().prop_recursive(5, 48, 3, |inner| {
            let b = |e: Expr| Box::new(e);
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..3).prop_map(ExprKind::List),
                (inner.clone(), name()).prop_map(move |(e, n)| ExprKind::Field(b(e), n)),
                (inner.clone(), inner.clone()).prop_map(move |(e, i)| ExprKind::Index(b(e), b(i))),
                (
                    prop::sample::select(vec![UnaryOp::Not, UnaryOp::Neg]),
                    inner.clone()
                )
                    .prop_map(move |(op, e)| ExprKind::Unary(op, b(e))),
                (
                    prop::sample::select(vec![
                        BinaryOp::Or,
                        BinaryOp::And,
                        BinaryOp::Eq,
                        BinaryOp::Ne,
                        BinaryOp::Lt,
                        BinaryOp::Le,
                        BinaryOp::Gt,
                        BinaryOp::Ge,
                        BinaryOp::In,
                        BinaryOp::Add,
                        BinaryOp::Sub,
                        BinaryOp::Mul,
                        BinaryOp::Div,
                        BinaryOp::Rem,
                    ]),
                    inner.clone(),
                    inner.clone(),
                )
                    .prop_map(move |(op, l, r)| ExprKind::Binary(op, b(l), b(r))),
                (inner.clone(), inner.clone(), inner.clone())
                    .prop_map(move |(c, y, n)| ExprKind::Cond(b(c), b(y), b(n))),
                (inner.clone(), name()).prop_map(move |(e, n)| {
                    ExprKind::Has(b(Expr::new(ExprKind::Field(b(e), n), 0)))
                }),
                (
                    prop::option::of(inner.clone()),
                    prop::sample::select(FUNCS),
                    prop::collection::vec(inner.clone(), 0..3),
                )
                    .prop_map(move |(t, f, args)| ExprKind::Call(
                        t.map(b),
                        f.to_owned(),
                        args
                    )),
                (
                    prop::sample::select(vec![Quantifier::All, Quantifier::Exists]),
                    inner.clone(),
                    name(),
                    inner,
                )
                    .prop_map(move |(q, r, v, p)| ExprKind::Quant(
                        q,
                        b(r),
                        v,
                        b(p)
                    )),
            ]
            .prop_map(|k| Expr::new(k, 0))
        })
    }

    /// A record with values of the declared types, some null, some of the wrong type.
    fn activation() -> impl Strategy<Value = Activation> {
        let int = prop_oneof![
            Just(Value::Null),
            (-5i64..50).prop_map(Value::Int),
            any::<i64>().prop_map(Value::Int),
            Just(Value::string("12")),
        ];
        (int.clone(), int.clone(), int, any::<bool>(), 0usize..4).prop_map(
            |(women, men, participants, null_end, n)| {
                let items: Vec<Value> = (0..n)
                    .map(|k| indicator("i", if k == 2 { None } else { Some(k as i64 - 1) }))
                    .collect();
                record()
                    .with("women", women)
                    .with("men", men)
                    .with("participants", participants)
                    .with(
                        "end",
                        if null_end {
                            Value::Null
                        } else {
                            Value::Date(NaiveDate::MAX)
                        },
                    )
                    .with("indicators", Value::list(items))
            },
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        /// Canonical text parses back to the same tree.
        #[test]
        fn printing_then_parsing_gives_the_same_tree(e in tree()) {
            let text = e.to_string();
            let again = parser::parse(&text, &Limits::default());
            prop_assert!(again.is_ok(), "{text}: {again:?}");
            prop_assert_eq!(&again.unwrap(), &e, "{}", text);
        }

        /// Any tree: checking and evaluating (checked or not) return, never panic.
        #[test]
        fn random_trees_never_panic(e in tree(), act in activation()) {
            let limits = Limits::default();
            let regexes = BTreeMap::new();
            let _ = Evaluator::new(&act, &regexes, &limits).eval_root(&e);
            if let Ok(p) = Program::from_tree(e, &env(), limits) {
                let _ = p.eval(&act);
                let _ = p.to_string();
            }
        }

        /// Any soup of tokens: compile and evaluate return, never panic.
        #[test]
        fn token_soup_never_panics(
            toks in prop::collection::vec(prop::sample::select(TOKENS), 0..24),
            glue in prop::sample::select(vec!["", " "]),
            act in activation(),
        ) {
            let src = toks.join(glue);
            if let Ok(p) = Program::compile(&src, &env()) {
                let _ = p.eval(&act);
                let again = Program::compile(&p.to_string(), &env());
                prop_assert!(again.is_ok(), "{src} -> {p}");
            }
        }

        /// Any text at all.
        #[test]
        fn any_text_never_panics(src in any::<String>()) {
            let _ = Program::compile(&src, &env());
        }
    }
}
