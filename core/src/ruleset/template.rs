//! `for_each`: one rule written once and repeated for each value of a list (the axes of
//! the catalogue, a list parameter), the value read by the rule's expressions and messages
//! under the name given in `as`.

use super::compile::{FileCtx, compile, invalid, is_identifier, slug};
use super::expr::{Type, Value};
use super::file::RuleDef;
use super::lists::{Source, compile_source};
use super::rule::Rule;
use crate::Result;

/// The keys of the outer rule that belong to `for_each` and are not copied to its instances.
const OWN_KEYS: &[&str] = &["over", "as", "rule", "tests"];

/// The instances of a `for_each` rule: code `<code>_<value>` each.
pub(crate) fn expand(def: &RuleDef, i: usize, fc: &FileCtx<'_>) -> Result<Vec<Rule>> {
    let at = |key: &str| format!("/rules/{i}/{key}");
    let Some(over) = &def.over else {
        return Err(invalid(
            at("over"),
            "a for_each rule says what it repeats over: catalog, values or param",
            None,
        ));
    };
    let name = def.bind_as.clone().unwrap_or_else(|| "item".to_owned());
    let scope = super::scope::Scope::parse(&def.scope);
    let clashes = name == "params" || scope.is_some_and(|s| s.schema().get(&name).is_some());
    if !is_identifier(&name) || clashes {
        return Err(invalid(
            at("as"),
            format!(
                "{name:?} cannot name the item: use lowercase letters, digits and _, and not a field's name"
            ),
            None,
        ));
    }
    let Some(template) = &def.rule else {
        return Err(invalid(
            at("rule"),
            "a for_each rule gives its template in rule (kind and what that kind needs)",
            None,
        ));
    };
    if let Some(key) = ["code", "scope", "over", "as", "rule"]
        .iter()
        .find(|k| template.contains_key(**k))
    {
        return Err(invalid(
            format!("{}/{key}", at("rule")),
            format!("{key} belongs to the for_each rule, not to its template"),
            None,
        ));
    }
    // The values: their type from the list (a catalogue list's, or the first value's).
    let item_type = over_type(over, fc);
    let source = compile_source(over, &item_type, &fc.params.1, false, &at("over"))
        .map_err(|(at, message)| invalid(at, message, None))?;
    let values: Vec<Value> = match &source {
        Source::Periods { .. } => Vec::new(),
        other => fc
            .lists
            .items(other)
            .map_err(|e| invalid(at("over"), e, None))?
            .iter()
            .map(|item| item.value.clone())
            .collect(),
    };
    // The outer rule's keys, completed by the template's.
    let mut base = match serde_json::to_value(def) {
        Ok(serde_json::Value::Object(map)) => map,
        _ => serde_json::Map::new(),
    };
    for key in OWN_KEYS {
        base.remove(*key);
    }
    base.extend(template.clone());
    let mut rules = Vec::with_capacity(values.len());
    for value in values {
        let mut instance = base.clone();
        let code = format!("{}_{}", def.code, slug(&value));
        instance.insert("code".into(), serde_json::Value::String(code));
        let instance: RuleDef = serde_json::from_value(serde_json::Value::Object(instance))
            .map_err(|e| invalid(at("rule"), format!("the template is not a rule: {e}"), None))?;
        let rule = compile(
            &instance,
            i,
            fc,
            Some((name.clone(), value.clone(), item_type.clone())),
            Some(def.code.clone()),
        )
        .map_err(|e| in_template(e, i, template))?;
        rules.push(rule);
    }
    Ok(rules)
}

/// The type of the values of a `for_each` list.
fn over_type(over: &super::file::ListSource, fc: &FileCtx<'_>) -> Type {
    let of_json = |v: &serde_json::Value| match v {
        serde_json::Value::Number(n) if n.is_i64() => Type::Int,
        serde_json::Value::Number(_) => Type::Double,
        serde_json::Value::Bool(_) => Type::Bool,
        _ => Type::String,
    };
    if let Some(name) = &over.catalog {
        if name == "gcm_objectives" || name == "sdgs" {
            return Type::Int;
        }
    }
    if let Some(first) = over.values.as_ref().and_then(|v| v.first()) {
        return of_json(first);
    }
    if let Some(name) = &over.param {
        if let Some(Value::List(items)) = super::rule::lookup(&fc.params.1, name) {
            return match items.first() {
                Some(Value::Int(_)) => Type::Int,
                Some(Value::Double(_)) => Type::Double,
                Some(Value::Bool(_)) => Type::Bool,
                _ => Type::String,
            };
        }
    }
    Type::String
}

/// An error in an instance, placed in the template when the key is the template's.
fn in_template(
    e: crate::Error,
    i: usize,
    template: &serde_json::Map<String, serde_json::Value>,
) -> crate::Error {
    match e {
        crate::Error::InvalidRule {
            path,
            column,
            message,
            suggestion,
        } => {
            let prefix = format!("/rules/{i}/");
            let key = path
                .strip_prefix(&prefix)
                .and_then(|rest| rest.split('/').next())
                .unwrap_or("");
            let path = if template.contains_key(key) {
                format!("{prefix}rule/{}", path.get(prefix.len()..).unwrap_or(""))
            } else {
                path
            };
            crate::Error::InvalidRule {
                path,
                column,
                message,
                suggestion,
            }
        }
        other => other,
    }
}
