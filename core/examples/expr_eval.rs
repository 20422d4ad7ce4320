//! Evaluates expressions of the rule language, one per line of standard input, for tools
//! that compare this implementation with others (`scripts/cel_crosscheck.py`).
//!
//! Each input line is a JSON object `{"expr": "...", "vars": {...}, "as_of": "YYYY-MM-DD"}`
//! (`vars` and `as_of` optional). The type of each variable is taken from its JSON value
//! (whole numbers are `int`, other numbers `double`, lists take the type of their first
//! item). Each output line is one of
//!
//! ```text
//! {"value": ...}                      the value (dates "YYYY-MM-DD", durations "30d")
//! {"missing": ["field", ...]}         missing data
//! {"error": "code", "column": n}      a load error (invalid_rule, limit_exceeded) or an
//!                                     evaluation error (division_by_zero, ...)
//! ```
//!
//! ```sh
//! echo '{"expr": "a + 1 > 2", "vars": {"a": 2}}' | cargo run -q -p lineamientos --example expr_eval
//! ```

use lineamientos::ruleset::expr::{Activation, Env, Outcome, Program, Schema, Type, Value};
use serde_json::{Value as Json, json};
use std::io::{BufRead, Write};

/// The declared type of a value, and whether it is null.
fn type_of(v: &Value) -> (Type, bool) {
    let ty = match v {
        Value::Null => return (Type::Null, true),
        Value::Bool(_) => Type::Bool,
        Value::Int(_) => Type::Int,
        Value::Double(_) => Type::Double,
        Value::String(_) => Type::String,
        Value::Date(_) => Type::Date,
        Value::Duration(_) => Type::Duration,
        Value::List(items) => Type::list(items.first().map_or(Type::Any, |i| type_of(i).0)),
        Value::Object(fields) => {
            let mut schema = Schema::new();
            for (name, value) in fields.iter() {
                schema = match type_of(value) {
                    (ty, false) => schema.field(name, ty),
                    (ty, true) => schema.nullable(name, ty),
                };
            }
            Type::object(schema)
        }
        _ => Type::Any,
    };
    (ty, false)
}

fn run(line: &str) -> Json {
    let input: Json = match serde_json::from_str(line) {
        Ok(v) => v,
        Err(e) => return json!({"error": "bad_input", "message": e.to_string()}),
    };
    let expr = input.get("expr").and_then(Json::as_str).unwrap_or_default();
    let as_of = input
        .get("as_of")
        .and_then(Json::as_str)
        .and_then(lineamientos::args::parse_iso_date)
        .or_else(|| chrono::NaiveDate::from_ymd_opt(2024, 6, 1))
        .unwrap_or_default();
    let mut env = Env::new();
    let mut act = Activation::new(as_of);
    if let Some(vars) = input.get("vars").and_then(Json::as_object) {
        for (name, json) in vars {
            let value = Value::from_json(json);
            env = match type_of(&value) {
                (ty, false) => env.var(name, ty),
                (ty, true) => env.nullable(name, ty),
            };
            act.set(name, value);
        }
    }
    let program = match Program::compile(expr, &env) {
        Ok(p) => p,
        Err(e) => {
            let column = e.details().get("column").cloned().unwrap_or(json!(0));
            return json!({"error": e.code(), "column": column, "message": e.to_string()});
        }
    };
    match program.eval(&act) {
        Ok(Outcome::Value(v)) => json!({"value": v.to_json()}),
        Ok(Outcome::Missing(fields)) => json!({"missing": fields}),
        Err(e) => json!({"error": e.code(), "column": e.column(), "message": e.to_string()}),
    }
}

fn main() -> std::io::Result<()> {
    let stdin = std::io::stdin();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for line in stdin.lock().lines() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        writeln!(out, "{}", run(&line))?;
    }
    out.flush()
}
