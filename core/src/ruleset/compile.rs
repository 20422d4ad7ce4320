//! Compiling a rule file: every rule's fields checked, every expression parsed and
//! type-checked against its scope, every message placeholder known; `for_each` templates
//! repeated for each value of their list.

use super::dates::{Bound, DateChecks};
use super::expr::{Env, Program, Schema, Type, Value};
use super::file::{Presence, RuleDef, RuleSetFile};
use super::group::{Aggregate, GroupKey, group_schema, measures_schema};
use super::lists::{Source, compile_source};
use super::rule::{Check, FieldConstraints, Rule, display, type_at};
use super::scope::{self, Scope};
use crate::{Error, Result};

/// The kinds of rule this version reads.
pub(crate) const KINDS: &[&str] = &[
    "assert",
    "field",
    "presence",
    "unique",
    "reference",
    "foreign_key",
    "dates",
    "aggregate",
    "completeness",
    "change",
    "no_overlap",
    "for_each",
];

pub(crate) fn invalid(
    path: String,
    message: impl Into<String>,
    suggestion: Option<String>,
) -> Error {
    Error::InvalidRule {
        path,
        column: 0,
        message: message.into(),
        suggestion,
    }
}

/// An expression's `invalid_rule` (or limit) error, placed at `path` in the file.
pub(crate) fn at_path(e: Error, path: &str) -> Error {
    match e {
        Error::InvalidRule {
            column,
            message,
            suggestion,
            ..
        } => Error::InvalidRule {
            path: path.to_owned(),
            column,
            message,
            suggestion,
        },
        other => other,
    }
}

pub(crate) fn check_id(id: &str) -> Result<()> {
    let ok = id.chars().next().is_some_and(|c| c.is_ascii_lowercase())
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if ok {
        Ok(())
    } else {
        Err(invalid(
            "/ruleset".into(),
            format!(
                "{id:?} is not a ruleset id: lowercase letters, digits and _, starting with a letter"
            ),
            None,
        ))
    }
}

pub(crate) fn check_requires(file: &RuleSetFile) -> Result<()> {
    let Some(wanted) = &file.requires.lineamientos else {
        return Ok(());
    };
    let parse = |v: &str| -> Option<Vec<u64>> { v.split('.').map(|p| p.parse().ok()).collect() };
    let (Some(w), Some(have)) = (parse(wanted), parse(env!("CARGO_PKG_VERSION"))) else {
        return Err(invalid(
            "/requires/lineamientos".into(),
            format!("{wanted:?} is not a version (numbers separated by dots: 0.1.0)"),
            None,
        ));
    };
    if have < w {
        return Err(invalid(
            "/requires/lineamientos".into(),
            format!(
                "the ruleset needs lineamientos {wanted} or later; this is {}",
                env!("CARGO_PKG_VERSION")
            ),
            None,
        ));
    }
    Ok(())
}

/// The parameters' schema (as the `params` variable's type) and value.
pub(crate) fn parameters(file: &RuleSetFile) -> Result<(Type, Value)> {
    let mut schema = Schema::new();
    for (name, v) in &file.parameters {
        let ty = json_type(v).ok_or_else(|| {
            invalid(
                format!("/parameters/{}", crate::args::escape_pointer(name)),
                "a parameter is a number, a text, true/false or a list of one of those",
                None,
            )
        })?;
        schema = schema.field(name, ty);
    }
    let map: serde_json::Map<String, serde_json::Value> = file
        .parameters
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let value = scope::record(&map, &schema, "/parameters")
        .map_err(|(at, message)| invalid(at, message, None))?;
    Ok((Type::object(schema), value))
}

fn json_type(v: &serde_json::Value) -> Option<Type> {
    use serde_json::Value as J;
    match v {
        J::Bool(_) => Some(Type::Bool),
        J::Number(n) if n.is_i64() => Some(Type::Int),
        J::Number(_) => Some(Type::Double),
        J::String(_) => Some(Type::String),
        J::Array(items) => {
            let first = json_type(items.first()?)?;
            items
                .iter()
                .all(|i| json_type(i).as_ref() == Some(&first))
                .then(|| Type::list(first))
        }
        _ => None,
    }
}

pub(crate) fn env_of(schema: &Schema, params: &Type) -> Env {
    let mut env = Env::new();
    for name in schema.names() {
        if let Some(ft) = schema.get(name) {
            env = if ft.nullable {
                env.nullable(name, ft.ty.clone())
            } else {
                env.var(name, ft.ty.clone())
            };
        }
    }
    env.var("params", params.clone())
}

/// What compiling a rule needs from the file: its namespace, parameters (type and value),
/// the guideline version its catalogue lists refer to, and the catalogue `for_each`
/// expands catalogue lists with.
pub(crate) struct FileCtx<'a> {
    pub ruleset: &'a str,
    pub params: &'a (Type, Value),
    pub lists: &'a super::lists::ListValues,
}

/// The text of a compile error (for errors placed by the caller).
pub(crate) fn error_text(e: &Error) -> String {
    match e {
        Error::InvalidRule {
            column, message, ..
        } if *column > 0 => format!("column {column}: {message}"),
        Error::InvalidRule { message, .. } => message.clone(),
        other => other.to_string(),
    }
}

/// The nearest field of `schema` to `field`, for suggestions.
pub(crate) fn nearest_field(schema: &Schema, field: &str) -> Option<String> {
    let names = field_names(schema);
    crate::text::nearest(field, names.iter().map(|n| (n.as_str(), n.as_str())))
}

/// The rules of `def` (several for `for_each`), compiled.
pub(crate) fn compile_rules(def: &RuleDef, i: usize, fc: &FileCtx<'_>) -> Result<Vec<Rule>> {
    if def.kind != "for_each" {
        return compile(def, i, fc, None, None).map(|r| vec![r]);
    }
    super::template::expand(def, i, fc)
}

/// Compiles one rule. `binding`: a `for_each` item (name and value) its expressions read;
/// `template`: the `for_each` code it was made from.
pub(crate) fn compile(
    def: &RuleDef,
    i: usize,
    fc: &FileCtx<'_>,
    binding: Option<(String, Value, Type)>,
    template: Option<String>,
) -> Result<Rule> {
    let at = |field: &str| format!("/rules/{i}/{field}");
    let ruleset = fc.ruleset;
    let params = fc.params;
    let name = def
        .code
        .strip_prefix(ruleset)
        .and_then(|r| r.strip_prefix('.'));
    let name_ok = name.is_some_and(|n| {
        n.chars().next().is_some_and(|c| c.is_ascii_lowercase())
            && n.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    });
    if !name_ok {
        return Err(invalid(
            at("code"),
            format!(
                "{:?} is not a code of this ruleset: write {ruleset}.<name>, the name in lowercase letters, digits and _",
                def.code
            ),
            None,
        ));
    }
    if !KINDS.contains(&def.kind.as_str()) || (def.kind == "for_each" && binding.is_some()) {
        let nested = def.kind == "for_each";
        return Err(invalid(
            at("kind"),
            if nested {
                "a for_each template cannot be a for_each itself".to_owned()
            } else {
                format!(
                    "unknown kind {:?}; this version reads: {}",
                    def.kind,
                    KINDS.join(", ")
                )
            },
            (!nested)
                .then(|| crate::text::nearest(&def.kind, KINDS.iter().map(|k| (*k, *k))))
                .flatten(),
        ));
    }
    let scope = Scope::parse(&def.scope).ok_or_else(|| {
        let names: Vec<&str> = Scope::ALL.iter().map(|(n, _)| *n).collect();
        invalid(
            at("scope"),
            format!(
                "unknown scope {:?}; scopes: {}",
                def.scope,
                names.join(", ")
            ),
            crate::text::nearest(&def.scope, names.iter().map(|n| (*n, *n))),
        )
    })?;
    let record_schema = scope.schema();
    let mut env = env_of(&record_schema, &params.0);
    if let Some((name, _, ty)) = &binding {
        env = env.var(name, ty.clone());
    }
    let when = def
        .when
        .as_deref()
        .map(|w| Program::compile_condition(w, &env).map_err(|e| at_path(e, &at("when"))))
        .transpose()?;
    let need = |what: bool, key: &str, message: &str| -> Result<()> {
        if what {
            Ok(())
        } else {
            Err(invalid(at(key), message, None))
        }
    };
    let keys = |list: &[String], key: &str| -> Result<Vec<GroupKey>> {
        list.iter()
            .enumerate()
            .map(|(j, k)| {
                GroupKey::parse(k, &record_schema)
                    .map_err(|(m, s)| invalid(format!("{}/{j}", at(key)), m, s))
            })
            .collect()
    };
    let measures = |env: &Env| -> Result<Vec<(String, Aggregate)>> {
        let mut out = Vec::new();
        for (name, m) in &def.aggregates {
            let here = format!("{}/{}", at("aggregates"), crate::args::escape_pointer(name));
            if !is_identifier(name) || record_schema.get(name).is_some() {
                return Err(invalid(
                    here,
                    format!(
                        "{name:?} cannot name a measure: use lowercase letters, digits and _, and not a field's name"
                    ),
                    None,
                ));
            }
            let agg = Aggregate::compile(m, env).map_err(|(key, message)| {
                let path = if key.is_empty() {
                    here.clone()
                } else {
                    format!("{here}/{key}")
                };
                invalid(path, message, None)
            })?;
            out.push((name.clone(), agg));
        }
        Ok(out)
    };
    let source_at = |src: &super::file::ListSource, item: &Type, periods: bool, path: String| {
        compile_source(src, item, &params.1, periods, &path)
            .map_err(|(at, message)| invalid(at, message, None))
    };
    // The fields a group's `check` and messages read, when not the record's.
    let mut schema = record_schema.clone();
    let check = match def.kind.as_str() {
        "assert" => {
            let Some(check) = def.check.as_deref() else {
                return Err(invalid(
                    at("check"),
                    "an assert rule needs a check (an expression)",
                    None,
                ));
            };
            Check::Assert {
                check: Program::compile_condition(check, &env)
                    .map_err(|e| at_path(e, &at("check")))?,
                missing: def.missing,
            }
        }
        "field" => {
            let Some(field) = def.field.clone() else {
                return Err(invalid(at("field"), "a field rule names its field", None));
            };
            let ty = known_field(&record_schema, &field, &at("field"))?.clone();
            let Some(c) = &def.constraints else {
                return Err(invalid(
                    at("constraints"),
                    "a field rule needs constraints",
                    None,
                ));
            };
            Check::Field {
                field,
                constraints: constraints(c, &ty, &at("constraints"))?,
            }
        }
        "presence" | "unique" => {
            need(
                !def.fields.is_empty(),
                "fields",
                &format!("a {} rule lists its fields", def.kind),
            )?;
            for (j, f) in def.fields.iter().enumerate() {
                known_field(&record_schema, f, &format!("{}/{j}", at("fields")))?;
            }
            if def.kind == "unique" {
                Check::Unique {
                    fields: def.fields.clone(),
                }
            } else {
                let Some(presence) = def.presence else {
                    return Err(invalid(
                        at("presence"),
                        "a presence rule says which: all_or_none, exactly_one, at_most_one or at_least",
                        None,
                    ));
                };
                let count = match (presence, def.count) {
                    (Presence::AtLeast, Some(n)) if n >= 1 => n,
                    (Presence::AtLeast, _) => {
                        return Err(invalid(
                            at("count"),
                            "at_least needs a count of 1 or more",
                            None,
                        ));
                    }
                    _ => 0,
                };
                Check::Presence {
                    fields: def.fields.clone(),
                    presence,
                    count,
                }
            }
        }
        "reference" => {
            let Some(field) = def.field.clone() else {
                return Err(invalid(
                    at("field"),
                    "a reference rule names its field",
                    None,
                ));
            };
            let ty = known_field(&record_schema, &field, &at("field"))?;
            let item = match ty {
                Type::List(item) => (**item).clone(),
                other => other.clone(),
            };
            if !matches!(item, Type::String | Type::Int) {
                return Err(invalid(
                    at("field"),
                    format!("a reference field holds codes or numbers; {field} is a {ty}"),
                    None,
                ));
            }
            let Some(src) = &def.reference else {
                return Err(invalid(
                    at("reference"),
                    "a reference rule says where its codes come from: catalog, values or param",
                    None,
                ));
            };
            Check::Reference {
                field,
                source: source_at(src, &item, false, at("reference"))?,
            }
        }
        "foreign_key" => {
            let Some(field) = def.field.clone() else {
                return Err(invalid(
                    at("field"),
                    "a foreign_key rule names its field",
                    None,
                ));
            };
            known_field(&record_schema, &field, &at("field"))?;
            let Some(r) = &def.references else {
                return Err(invalid(
                    at("references"),
                    "a foreign_key rule names the records it refers to: scope and field",
                    None,
                ));
            };
            let target = Scope::parse(&r.scope).ok_or_else(|| {
                invalid(
                    format!("{}/scope", at("references")),
                    format!("unknown scope {:?}", r.scope),
                    crate::text::nearest(&r.scope, Scope::ALL.iter().map(|(n, _)| (*n, *n))),
                )
            })?;
            let target_schema = target.schema();
            known_field(
                &target_schema,
                &r.field,
                &format!("{}/field", at("references")),
            )?;
            let target_env = env_of(&target_schema, &params.0);
            let target_when = r
                .when
                .as_deref()
                .map(|w| {
                    Program::compile_condition(w, &target_env)
                        .map_err(|e| at_path(e, &format!("{}/when", at("references"))))
                })
                .transpose()?;
            Check::ForeignKey {
                field,
                target,
                target_field: r.field.clone(),
                target_when,
            }
        }
        "dates" => {
            need(
                !def.fields.is_empty(),
                "fields",
                "a dates rule lists its date fields, in order",
            )?;
            for (j, f) in def.fields.iter().enumerate() {
                let here = format!("{}/{j}", at("fields"));
                let ty = known_field(&record_schema, f, &here)?;
                if *ty != Type::Date {
                    return Err(invalid(here, format!("{f} is a {ty}, not a date"), None));
                }
            }
            let bound = |v: &Option<String>, key: &str| -> Result<Option<Bound>> {
                v.as_deref()
                    .map(|t| {
                        Bound::parse(t).ok_or_else(|| {
                            invalid(
                                format!("{}/{key}", at("within")),
                                format!("{t:?} is not a day YYYY-MM-DD nor as_of"),
                                None,
                            )
                        })
                    })
                    .transpose()
            };
            let within = def.within.clone().unwrap_or_default();
            let checks = DateChecks {
                fields: def.fields.clone(),
                order: def.order.unwrap_or(true),
                from: bound(&within.from, "from")?,
                until: bound(&within.until, "until")?,
                max_days: def.max_days,
                due_days: def.due_days,
            };
            let checks_something = (checks.order && checks.fields.len() > 1)
                || checks.from.is_some()
                || checks.until.is_some()
                || checks.max_days.is_some()
                || checks.due_days.is_some();
            need(
                checks_something,
                "fields",
                "a dates rule checks something: the order of two or more dates, within, max_days or due_days",
            )?;
            Check::Dates(checks)
        }
        "no_overlap" => {
            need(
                matches!(def.fields.len(), 1 | 2),
                "fields",
                "a no_overlap rule names its start date field and, optionally, its end date field",
            )?;
            for (j, f) in def.fields.iter().enumerate() {
                let here = format!("{}/{j}", at("fields"));
                let ty = known_field(&record_schema, f, &here)?;
                if *ty != Type::Date {
                    return Err(invalid(here, format!("{f} is a {ty}, not a date"), None));
                }
            }
            Check::NoOverlap {
                keys: keys(&def.group_by, "group_by")?,
                start: def.fields.first().cloned().unwrap_or_default(),
                end: def.fields.get(1).cloned(),
            }
        }
        "aggregate" | "change" => {
            need(
                !def.aggregates.is_empty(),
                "aggregates",
                &format!("an {} rule names its measures in aggregates", def.kind),
            )?;
            let group_keys = keys(&def.group_by, "group_by")?;
            let measures = measures(&env)?;
            let mut period_key = None;
            schema = group_schema(&group_keys, &measures);
            if def.kind == "change" {
                let Some(p) = def.period.as_deref() else {
                    return Err(invalid(
                        at("period"),
                        "a change rule names its period key (reported_on:year)",
                        None,
                    ));
                };
                let key = GroupKey::parse(p, &record_schema)
                    .map_err(|(m, s)| invalid(at("period"), m, s))?;
                need(
                    key.period.is_some(),
                    "period",
                    "the period key is a date field and a period: reported_on:year",
                )?;
                schema = schema
                    .field(&key.name, Type::String)
                    .nullable("previous", Type::object(measures_schema(&measures, false)));
                if def.window.is_some() {
                    need(
                        def.window.is_some_and(|w| w >= 1),
                        "window",
                        "window is 1 or more periods",
                    )?;
                    schema =
                        schema.nullable("window", Type::object(measures_schema(&measures, true)));
                }
                period_key = Some(key);
            }
            let mut group_env = env_of(&schema, &params.0);
            if let Some((name, _, ty)) = &binding {
                group_env = group_env.var(name, ty.clone());
            }
            let Some(check) = def.check.as_deref() else {
                return Err(invalid(
                    at("check"),
                    format!("an {} rule needs a check over its measures", def.kind),
                    None,
                ));
            };
            let check = Program::compile_condition(check, &group_env)
                .map_err(|e| at_path(e, &at("check")))?;
            match period_key {
                Some(period) => Check::Change {
                    keys: group_keys,
                    period,
                    measures,
                    window: def.window,
                    check,
                    missing: def.missing,
                },
                None => Check::Aggregate {
                    keys: group_keys,
                    measures,
                    check,
                    missing: def.missing,
                },
            }
        }
        "completeness" => {
            need(
                !def.group_by.is_empty(),
                "group_by",
                "a completeness rule lists its keys in group_by",
            )?;
            let group_keys = keys(&def.group_by, "group_by")?;
            let mut expected = Vec::new();
            for key in &group_keys {
                let here = format!(
                    "{}/{}",
                    at("expected"),
                    crate::args::escape_pointer(&key.written)
                );
                let Some(src) = def.expected.get(&key.written) else {
                    return Err(invalid(
                        at("expected"),
                        format!("expected gives no values for the key {}", key.written),
                        None,
                    ));
                };
                let source = source_at(src, &key.ty, key.period.is_some(), here.clone())?;
                if key.period.is_some() && !matches!(source, Source::Periods { .. }) {
                    return Err(invalid(here, "a period key expects from and until", None));
                }
                expected.push(source);
            }
            if let Some(extra) = def.expected.keys().find(|k| !def.group_by.contains(k)) {
                return Err(invalid(
                    format!("{}/{}", at("expected"), crate::args::escape_pointer(extra)),
                    format!("{extra} is not a key of group_by"),
                    None,
                ));
            }
            schema = group_schema(&group_keys, &[]);
            Check::Completeness {
                keys: group_keys,
                expected,
            }
        }
        // KINDS was checked above.
        _ => return Err(invalid(at("kind"), "unknown kind", None)),
    };
    if let (Some(from), Some(until)) = (def.valid_from, def.valid_until) {
        if until < from {
            return Err(invalid(
                at("valid_until"),
                "the rule ends before it starts",
                None,
            ));
        }
    }
    let bound_name = binding.as_ref().map(|(n, _, _)| n.as_str());
    for (lang, text) in [("es", &def.message.es), ("en", &def.message.en)] {
        check_placeholders(
            text,
            &schema,
            &params.0,
            bound_name,
            &format!("{}/{lang}", at("message")),
        )?;
    }
    Ok(Rule {
        code: def.code.clone(),
        template,
        scope,
        schema,
        severity: def.severity,
        when,
        check,
        valid_from: def.valid_from,
        valid_until: def.valid_until,
        es: def.message.es.clone(),
        en: def.message.en.clone(),
        binding: binding.map(|(n, v, _)| (n, v)),
    })
}

/// A name a rule file may give (a measure, a `for_each` item): lowercase letters, digits
/// and `_`, starting with a letter.
pub(crate) fn is_identifier(name: &str) -> bool {
    name.chars().next().is_some_and(|c| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// `VCM-1` as a part of a rule code: `vcm_1`.
pub(crate) fn slug(v: &Value) -> String {
    let mut out = String::new();
    for c in display(v).chars().map(crate::text::fold_accent) {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('_') {
            out.push('_');
        }
    }
    out.trim_matches('_').to_owned()
}

/// The type of a field named in a rule (`participants.women`), or `invalid_rule` with the
/// nearest field.
fn known_field<'a>(schema: &'a Schema, field: &str, at: &str) -> Result<&'a Type> {
    type_at(schema, field).ok_or_else(|| {
        let names = field_names(schema);
        invalid(
            at.to_owned(),
            format!("no field {field:?} in this scope"),
            crate::text::nearest(field, names.iter().map(|n| (n.as_str(), n.as_str()))),
        )
    })
}

/// Every field of a schema, records' fields as `record.field`.
fn field_names(schema: &Schema) -> Vec<String> {
    let mut out = Vec::new();
    for name in schema.names() {
        out.push(name.to_owned());
        if let Some(Type::Object(inner)) = schema.get(name).map(|f| &f.ty) {
            out.extend(inner.names().map(|n| format!("{name}.{n}")));
        }
    }
    out
}

/// Table Schema constraints typed for a field of type `ty`.
fn constraints(c: &super::file::Constraints, ty: &Type, at: &str) -> Result<FieldConstraints> {
    let ordered = matches!(ty, Type::Int | Type::Double | Type::Date);
    let bound = |name: &'static str, key: &str, v: &Option<serde_json::Value>, inclusive, lower| {
        let Some(json) = v else { return Ok(None) };
        if !ordered {
            return Err(invalid(
                format!("{at}/{key}"),
                format!("{key} applies to numbers and dates, this field is a {ty}"),
                None,
            ));
        }
        // A bound of a whole-number field may have a fraction.
        let bound_ty = if *ty == Type::Int {
            Type::Double
        } else {
            ty.clone()
        };
        scope::typed(json, &bound_ty, &format!("{at}/{key}"))
            .map(|b| Some((name, b, inclusive, lower)))
            .map_err(|(at, message)| invalid(at, message, None))
    };
    let mut bounds = Vec::new();
    for b in [
        bound("minimum", "minimum", &c.minimum, true, true)?,
        bound("maximum", "maximum", &c.maximum, true, false)?,
        bound(
            "exclusiveMinimum",
            "exclusiveMinimum",
            &c.exclusive_minimum,
            false,
            true,
        )?,
        bound(
            "exclusiveMaximum",
            "exclusiveMaximum",
            &c.exclusive_maximum,
            false,
            false,
        )?,
    ]
    .into_iter()
    .flatten()
    {
        bounds.push(b);
    }
    let sized = matches!(ty, Type::String | Type::List(_));
    for (key, v) in [("minLength", c.min_length), ("maxLength", c.max_length)] {
        if v.is_some() && !sized {
            return Err(invalid(
                format!("{at}/{key}"),
                format!("{key} applies to texts and lists, this field is a {ty}"),
                None,
            ));
        }
    }
    let pattern = match &c.pattern {
        None => None,
        Some(_) if *ty != Type::String => {
            return Err(invalid(
                format!("{at}/pattern"),
                format!("pattern applies to texts, this field is a {ty}"),
                None,
            ));
        }
        Some(p) => Some(
            regex_lite::RegexBuilder::new(&format!("^(?:{p})$"))
                .size_limit(64 * 1024)
                .build()
                .map_err(|e| {
                    invalid(format!("{at}/pattern"), format!("not a pattern: {e}"), None)
                })?,
        ),
    };
    let one_of = match &c.one_of {
        None => None,
        Some(values) => Some(
            values
                .iter()
                .enumerate()
                .map(|(i, v)| scope::typed(v, ty, &format!("{at}/enum/{i}")))
                .collect::<std::result::Result<Vec<_>, _>>()
                .map_err(|(at, message)| invalid(at, message, None))?,
        ),
    };
    Ok(FieldConstraints {
        required: c.required,
        bounds,
        min_length: c.min_length,
        max_length: c.max_length,
        pattern,
        one_of,
    })
}

/// Every `{name}` of a message is a field of the record or a parameter.
fn check_placeholders(
    text: &str,
    schema: &Schema,
    params: &Type,
    bound: Option<&str>,
    at: &str,
) -> Result<()> {
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = rest.get(open + 1..).unwrap_or("");
        let Some(close) = after.find('}') else { break };
        let name = after.get(..close).unwrap_or("");
        let known = match name.strip_prefix("params.") {
            Some(p) => matches!(params, Type::Object(s) if s.get(p).is_some()),
            None => type_at(schema, name).is_some() || bound == Some(name),
        };
        if !known {
            let mut names: Vec<String> = schema.names().map(str::to_owned).collect();
            if let Type::Object(s) = params {
                names.extend(s.names().map(|n| format!("params.{n}")));
            }
            return Err(invalid(
                at.to_owned(),
                format!(
                    "the message names {{{name}}}, which is not a field of the record nor a parameter"
                ),
                crate::text::nearest(name, names.iter().map(|n| (n.as_str(), n.as_str()))),
            ));
        }
        rest = after.get(close + 1..).unwrap_or("");
    }
    Ok(())
}
