//! The kinds over groups of records: `aggregate` (measures of each group), `completeness`
//! (expected combinations with no record) and `change` (each period against the ones
//! before). Groups are formed by keys: a field, or a date field's period
//! (`reported_on:semester`); a list field puts a record in the group of each of its values.

use super::data::Rec;
use super::dates::Period;
use super::expr::{Program, Schema, Type, Value};
use super::file::{AggregateDef, Outcome};
use super::lists::{Source, key_of};
use super::rule::{Check, Ctx, Rule, Unit, compare, display, lookup, type_at};
use std::collections::{BTreeMap, HashMap};

/// The most expected combinations a `completeness` rule may list.
const MAX_COMBINATIONS: usize = 100_000;

/// A group key.
#[derive(Debug, Clone)]
pub(crate) struct GroupKey {
    /// As written: `country`, `reported_on:semester`.
    pub written: String,
    pub field: String,
    pub period: Option<Period>,
    /// Its name in the group's fields: the field (`.` as `_`), `_` and the period.
    pub name: String,
    /// The type of its values.
    pub ty: Type,
}

impl GroupKey {
    /// Reads a key of `schema` (`Err`: the message and the nearest field, if any).
    pub fn parse(written: &str, schema: &Schema) -> Result<GroupKey, (String, Option<String>)> {
        let (field, period) = match written.split_once(':') {
            Some((f, p)) => {
                let period = Period::parse(p).ok_or_else(|| {
                    let names: Vec<&str> = Period::ALL.iter().map(|(n, _)| *n).collect();
                    (
                        format!("unknown period {p:?}; periods: {}", names.join(", ")),
                        crate::text::nearest(p, names.iter().map(|n| (*n, *n))),
                    )
                })?;
                (f, Some(period))
            }
            None => (written, None),
        };
        // The pivot's dimension names for list fields name one value each: `guideline`
        // groups by each item of `guidelines`, `stage` by each of `stages`.
        let written_field = field;
        let field = match field {
            "guideline" if schema.get("guidelines").is_some() => "guidelines",
            "stage" if schema.get("stages").is_some() => "stages",
            other => other,
        };
        let ty = type_at(schema, field).ok_or_else(|| {
            (
                format!("no field {field:?} in this scope"),
                super::compile::nearest_field(schema, field),
            )
        })?;
        let item = match ty {
            Type::List(item) => item.as_ref().clone(),
            other => other.clone(),
        };
        let ty = match (period, &item) {
            (Some(_), Type::Date) => Type::String,
            (Some(_), other) => {
                return Err((
                    format!("a period groups a date field; {field} is a {other}"),
                    None,
                ));
            }
            (None, Type::String | Type::Int | Type::Bool | Type::Date) => item,
            (None, other) => {
                return Err((
                    format!(
                        "records are grouped by texts, numbers, yes/no or dates; {field} is a {other}"
                    ),
                    None,
                ));
            }
        };
        let base = written_field.replace('.', "_");
        let name = match period {
            Some(p) => format!(
                "{base}_{}",
                Period::ALL
                    .iter()
                    .find(|(_, q)| *q == p)
                    .map_or("", |(n, _)| n)
            ),
            None => base,
        };
        Ok(GroupKey {
            written: written.to_owned(),
            field: field.to_owned(),
            period,
            name,
            ty,
        })
    }

    /// The record's values of this key: none when empty, one per item of a list.
    fn values(&self, record: &Value) -> Vec<Value> {
        let one = |v: &Value| -> Option<Value> {
            match (v, self.period) {
                (Value::Null, _) => None,
                (Value::String(s), _) if s.trim().is_empty() => None,
                (Value::Date(d), Some(p)) => Some(Value::string(&p.label(*d))),
                (v, None) => Some(v.clone()),
                _ => None,
            }
        };
        match lookup(record, &self.field) {
            Some(Value::List(items)) => items.iter().filter_map(one).collect(),
            Some(v) => one(v).into_iter().collect(),
            None => Vec::new(),
        }
    }
}

/// Every combination of the keys' values of a record (none when a key is empty).
pub(crate) fn combinations(keys: &[GroupKey], record: &Value) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = vec![Vec::new()];
    for key in keys {
        let values = key.values(record);
        out = out
            .iter()
            .flat_map(|prefix| {
                values.iter().map(move |v| {
                    let mut k = prefix.clone();
                    k.push(key_of(v));
                    k
                })
            })
            .collect();
    }
    out
}

/// The same, with the values themselves.
fn value_combinations(keys: &[GroupKey], record: &Value) -> Vec<Vec<Value>> {
    let mut out: Vec<Vec<Value>> = vec![Vec::new()];
    for key in keys {
        let values = key.values(record);
        out = out
            .iter()
            .flat_map(|prefix| {
                values.iter().map(move |v| {
                    let mut k = prefix.clone();
                    k.push(v.clone());
                    k
                })
            })
            .collect();
    }
    out
}

/// What a measure computes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AggKind {
    Count,
    Sum,
    Mean,
    Min,
    Max,
    Share,
}

/// A measure of a group.
#[derive(Debug, Clone)]
pub(crate) struct Aggregate {
    pub kind: AggKind,
    pub expr: Program,
    pub ty: Type,
}

impl Aggregate {
    /// Compiles a measure over records of `env`: exactly one of its six forms.
    pub fn compile(
        def: &AggregateDef,
        env: &super::expr::Env,
    ) -> Result<Aggregate, (String, String)> {
        let forms = [
            ("count", AggKind::Count, &def.count),
            ("sum", AggKind::Sum, &def.sum),
            ("mean", AggKind::Mean, &def.mean),
            ("min", AggKind::Min, &def.min),
            ("max", AggKind::Max, &def.max),
            ("share", AggKind::Share, &def.share),
        ];
        let given: Vec<_> = forms.iter().filter(|f| f.2.is_some()).collect();
        let [(name, kind, Some(source))] = given.as_slice() else {
            return Err((
                String::new(),
                "a measure is exactly one of count, sum, mean, min, max, share".into(),
            ));
        };
        let key = (*name).to_owned();
        let expr = match kind {
            AggKind::Count | AggKind::Share => Program::compile_condition(source, env),
            _ => Program::compile(source, env),
        }
        .map_err(|e| (key.clone(), super::compile::error_text(&e)))?;
        let result = expr.result_type().clone();
        let ty = match kind {
            AggKind::Count => Type::Int,
            AggKind::Share | AggKind::Mean => Type::Double,
            AggKind::Sum if result == Type::Int => Type::Int,
            _ if matches!(result, Type::Int | Type::Double) => result.clone(),
            AggKind::Min | AggKind::Max if result == Type::Date => Type::Date,
            _ => {
                return Err((
                    key,
                    format!(
                        "{name} needs a number{}, this expression is a {result}",
                        if matches!(kind, AggKind::Min | AggKind::Max) {
                            " or a date"
                        } else {
                            ""
                        }
                    ),
                ));
            }
        };
        if *kind == AggKind::Mean && !matches!(result, Type::Int | Type::Double) {
            return Err((
                key,
                format!("mean needs a number, this expression is a {result}"),
            ));
        }
        Ok(Aggregate {
            kind: *kind,
            expr,
            ty,
        })
    }

    /// The measure over a group's records (`Err`: why it cannot be computed). Empty values
    /// are left out; a sum, mean, min or max of none is empty.
    fn compute(&self, rule: &Rule, recs: &[&Rec], ctx: &Ctx<'_>) -> Result<Value, String> {
        let mut values = Vec::with_capacity(recs.len());
        for r in recs {
            match self.expr.eval(&rule.activation(&r.value, ctx)) {
                Ok(super::expr::Outcome::Value(Value::Null))
                | Ok(super::expr::Outcome::Missing(_)) => {}
                Ok(super::expr::Outcome::Value(v)) => values.push(v),
                Err(e) => return Err(format!("{e} ({})", e.code())),
            }
        }
        let trues = values.iter().filter(|v| **v == Value::Bool(true)).count();
        Ok(match self.kind {
            AggKind::Count => Value::Int(trues as i64),
            AggKind::Share if recs.is_empty() => Value::Null,
            AggKind::Share => Value::Double(trues as f64 / recs.len() as f64),
            AggKind::Sum | AggKind::Mean if values.is_empty() => Value::Null,
            AggKind::Sum if self.ty == Type::Int => {
                let mut total: i64 = 0;
                for v in &values {
                    if let Value::Int(i) = v {
                        total = total.checked_add(*i).ok_or(
                            "the sum is beyond the range of whole numbers (limit_exceeded)",
                        )?;
                    }
                }
                Value::Int(total)
            }
            AggKind::Sum | AggKind::Mean => {
                let total: f64 = values.iter().map(number).sum();
                if self.kind == AggKind::Mean {
                    Value::Double(total / values.len() as f64)
                } else {
                    Value::Double(total)
                }
            }
            AggKind::Min | AggKind::Max => {
                let want = if self.kind == AggKind::Min {
                    std::cmp::Ordering::Less
                } else {
                    std::cmp::Ordering::Greater
                };
                let mut best: Option<&Value> = None;
                for v in &values {
                    if best.is_none_or(|b| compare(v, b) == Some(want)) {
                        best = Some(v);
                    }
                }
                best.cloned().unwrap_or(Value::Null)
            }
        })
    }
}

fn number(v: &Value) -> f64 {
    match v {
        Value::Int(i) => *i as f64,
        Value::Double(d) => *d,
        _ => 0.0,
    }
}

/// The fields of a group as `check` and messages read them: the keys, then the measures.
pub(crate) fn group_schema(keys: &[GroupKey], measures: &[(String, Aggregate)]) -> Schema {
    let mut schema = Schema::new();
    for k in keys {
        schema = schema.field(&k.name, k.ty.clone());
    }
    for (name, m) in measures {
        schema = match m.kind {
            AggKind::Count => schema.field(name, m.ty.clone()),
            _ => schema.nullable(name, m.ty.clone()),
        };
    }
    schema
}

/// The measures' schema, for `previous` and `window` (every measure nullable; `window`
/// averages, so its measures are numbers with a fraction).
pub(crate) fn measures_schema(measures: &[(String, Aggregate)], averaged: bool) -> Schema {
    let mut schema = Schema::new();
    for (name, m) in measures {
        let ty = if averaged && m.ty != Type::Date {
            Type::Double
        } else {
            m.ty.clone()
        };
        schema = schema.nullable(name, ty);
    }
    schema
}

/// Groups in order of their first record: key values and records.
fn group<'r>(keys: &[GroupKey], recs: &[&'r Rec]) -> Vec<(Vec<Value>, Vec<&'r Rec>)> {
    let mut order: HashMap<Vec<String>, usize> = HashMap::new();
    let mut groups: Vec<(Vec<Value>, Vec<&Rec>)> = Vec::new();
    for r in recs {
        for values in value_combinations(keys, &r.value) {
            let key: Vec<String> = values.iter().map(key_of).collect();
            let i = *order.entry(key).or_insert_with(|| {
                groups.push((values.clone(), Vec::new()));
                groups.len() - 1
            });
            if let Some(g) = groups.get_mut(i) {
                g.1.push(r);
            }
        }
    }
    groups
}

/// `country=GTM, reported_on:semester=2024-S1`
fn describe(keys: &[GroupKey], values: &[Value]) -> String {
    keys.iter()
        .zip(values)
        .map(|(k, v)| format!("{}={}", k.written, display(v)))
        .collect::<Vec<_>>()
        .join(", ")
}

fn key_fields(keys: &[GroupKey], values: &[Value]) -> BTreeMap<String, Value> {
    keys.iter()
        .zip(values)
        .map(|(k, v)| (k.name.clone(), v.clone()))
        .collect()
}

/// The measures of a group (`Err`: the first that cannot be computed).
fn measure_all(
    rule: &Rule,
    measures: &[(String, Aggregate)],
    recs: &[&Rec],
    ctx: &Ctx<'_>,
) -> Result<BTreeMap<String, Value>, String> {
    measures
        .iter()
        .map(|(name, m)| {
            m.compute(rule, recs, ctx)
                .map(|v| (name.clone(), v))
                .map_err(|e| format!("{name}: {e}"))
        })
        .collect()
}

/// The units of a group kind over the records `when` selected; `units` holds the records
/// `when` could not be computed on (failures), kept.
pub(crate) fn evaluate(rule: &Rule, recs: &[&Rec], ctx: &Ctx<'_>, units: Vec<Unit>) -> Vec<Unit> {
    let mut out: Vec<Unit> = units
        .into_iter()
        .filter(|u| u.outcome == Outcome::Fail)
        .collect();
    match &rule.check {
        Check::Aggregate {
            keys,
            measures,
            check,
            missing,
        } => {
            for (values, members) in group(keys, recs) {
                let path = members.first().map_or("", |r| r.path.as_str()).to_owned();
                let mut fields = key_fields(keys, &values);
                let notes = vec![("group", describe(keys, &values))];
                match measure_all(rule, measures, &members, ctx) {
                    Ok(m) => fields.extend(m),
                    Err(e) => {
                        let mut notes = notes;
                        notes.push(("error", e));
                        out.push(Unit::new(
                            &path,
                            Outcome::Fail,
                            notes,
                            &Value::Object(fields.into()),
                        ));
                        continue;
                    }
                }
                let fields = Value::Object(fields.into());
                let (outcome, mut more) = rule.decide(check, *missing, &fields, &rule.schema, ctx);
                more.splice(0..0, notes);
                out.push(Unit::new(&path, outcome, more, &fields));
            }
        }
        Check::Completeness { keys, expected } => {
            completeness(rule, keys, expected, recs, ctx, &mut out);
        }
        Check::Change {
            keys,
            period,
            measures,
            window,
            check,
            missing,
        } => {
            let Some(p) = period.period else {
                return out;
            };
            for (values, members) in group(keys, recs) {
                // The group's records by period, with the period's first day.
                let mut by_period: BTreeMap<String, (chrono::NaiveDate, Vec<&Rec>)> =
                    BTreeMap::new();
                for r in members {
                    if let Some(Value::Date(d)) = lookup(&r.value, &period.field) {
                        by_period
                            .entry(p.label(*d))
                            .or_insert_with(|| (p.start(*d), Vec::new()))
                            .1
                            .push(r);
                    }
                }
                let mut computed: BTreeMap<String, Result<BTreeMap<String, Value>, String>> =
                    BTreeMap::new();
                for (label, (_, rs)) in &by_period {
                    computed.insert(label.clone(), measure_all(rule, measures, rs, ctx));
                }
                for (label, (start, rs)) in &by_period {
                    let path = rs.first().map_or("", |r| r.path.as_str()).to_owned();
                    let mut fields = key_fields(keys, &values);
                    fields.insert(period.name.clone(), Value::string(label));
                    let mut notes = vec![(
                        "group",
                        format!("{}, {}={label}", describe(keys, &values), period.written)
                            .trim_start_matches(", ")
                            .to_owned(),
                    )];
                    match computed.get(label) {
                        Some(Ok(m)) => fields.extend(m.clone()),
                        Some(Err(e)) => {
                            notes.push(("error", e.clone()));
                            out.push(Unit::new(
                                &path,
                                Outcome::Fail,
                                notes,
                                &Value::Object(fields.into()),
                            ));
                            continue;
                        }
                        None => {}
                    }
                    // The periods before, most recent first.
                    let mut earlier: Vec<Option<&BTreeMap<String, Value>>> = Vec::new();
                    let mut day = *start;
                    for _ in 0..window.unwrap_or(0).max(1) {
                        let Some(prev) = p.previous(day) else { break };
                        earlier.push(computed.get(&p.label(prev)).and_then(|r| r.as_ref().ok()));
                        day = p.start(prev);
                    }
                    let previous = earlier
                        .first()
                        .copied()
                        .flatten()
                        .map_or(Value::Null, |m| Value::Object(m.clone().into()));
                    fields.insert("previous".into(), previous);
                    if window.is_some() {
                        fields.insert("window".into(), average(measures, &earlier));
                    }
                    let fields = Value::Object(fields.into());
                    let (outcome, mut more) =
                        rule.decide(check, *missing, &fields, &rule.schema, ctx);
                    more.splice(0..0, notes);
                    out.push(Unit::new(&path, outcome, more, &fields));
                }
            }
        }
        _ => {}
    }
    out
}

/// The mean of each measure over the earlier periods that have it (empty when none does).
fn average(
    measures: &[(String, Aggregate)],
    earlier: &[Option<&BTreeMap<String, Value>>],
) -> Value {
    if earlier.iter().all(Option::is_none) {
        return Value::Null;
    }
    let mut out = BTreeMap::new();
    for (name, _) in measures {
        let xs: Vec<f64> = earlier
            .iter()
            .flatten()
            .filter_map(|m| match m.get(name) {
                Some(Value::Int(i)) => Some(*i as f64),
                Some(Value::Double(d)) => Some(*d),
                _ => None,
            })
            .collect();
        let v = if xs.is_empty() {
            Value::Null
        } else {
            Value::Double(xs.iter().sum::<f64>() / xs.len() as f64)
        };
        out.insert(name.clone(), v);
    }
    Value::Object(out.into())
}

/// `completeness`: each expected combination with a record passes, each without fails.
fn completeness(
    rule: &Rule,
    keys: &[GroupKey],
    expected: &[Source],
    recs: &[&Rec],
    ctx: &Ctx<'_>,
    out: &mut Vec<Unit>,
) {
    let at = ctx.records.collection(rule.scope).to_owned();
    // The expected values of each key.
    let mut lists: Vec<Vec<Value>> = Vec::with_capacity(keys.len());
    for (key, source) in keys.iter().zip(expected) {
        let values = match source {
            Source::Periods { from, until } => {
                let until = until.unwrap_or(ctx.as_of);
                match key
                    .period
                    .map(|p| p.between(*from, until, MAX_COMBINATIONS))
                {
                    Some(Some(labels)) => labels.iter().map(|l| Value::string(l)).collect(),
                    _ => Vec::new(),
                }
            }
            other => match ctx.lists.items(other) {
                Ok(items) => items.iter().map(|i| i.value.clone()).collect(),
                Err(e) => {
                    out.push(Unit::new(
                        &at,
                        Outcome::Fail,
                        vec![("error", e)],
                        &Value::Null,
                    ));
                    return;
                }
            },
        };
        lists.push(values);
    }
    let total = lists.iter().try_fold(1usize, |n, l| n.checked_mul(l.len()));
    if total.is_none_or(|n| n > MAX_COMBINATIONS) {
        out.push(Unit::new(
            &at,
            Outcome::Fail,
            vec![(
                "error",
                format!("more than {MAX_COMBINATIONS} expected combinations (limit_exceeded)"),
            )],
            &Value::Null,
        ));
        return;
    }
    let present: std::collections::HashSet<Vec<String>> = recs
        .iter()
        .flat_map(|r| combinations(keys, &r.value))
        .collect();
    let mut combo: Vec<Value> = Vec::with_capacity(keys.len());
    walk(&lists, &mut combo, &mut |values| {
        let key: Vec<String> = values.iter().map(key_of).collect();
        let fields = Value::Object(key_fields(keys, values).into());
        let (outcome, notes) = if present.contains(&key) {
            (Outcome::Pass, Vec::new())
        } else {
            (Outcome::Fail, vec![("combination", describe(keys, values))])
        };
        out.push(Unit::new(&at, outcome, notes, &fields));
    });
}

/// Calls `each` with every combination of one value per list, in list order.
fn walk(lists: &[Vec<Value>], combo: &mut Vec<Value>, each: &mut dyn FnMut(&[Value])) {
    match lists.split_first() {
        None => each(combo),
        Some((first, rest)) => {
            for v in first {
                combo.push(v.clone());
                walk(rest, combo, each);
                combo.pop();
            }
        }
    }
}
