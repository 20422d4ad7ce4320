//! A compiled rule and how it judges data: the units it gives outcomes to (records, groups,
//! expected combinations), for every kind.

use super::data::{Rec, Records};
use super::expr::{Activation, Outcome as Eval, Program, Schema, Type, Value};
use super::file::{MissingPolicy, Outcome, Presence};
use super::group::{Aggregate, GroupKey};
use super::lists::{ListValues, Source};
use super::scope::Scope;
use crate::diagnostic::{Diagnostic, Severity};
use chrono::NaiveDate;
use std::collections::HashMap;

/// What the check expression gave one record.
enum Decided {
    Outcome(Outcome),
    Missing,
    Error(String),
}

/// A rule of a file, compiled.
#[derive(Debug, Clone)]
pub(crate) struct Rule {
    pub code: String,
    /// The `for_each` rule this one was made from, if any (its code).
    pub template: Option<String>,
    pub scope: Scope,
    /// The fields a message reads: the record's, or a group's keys and measures.
    pub schema: Schema,
    pub severity: Severity,
    pub when: Option<Program>,
    pub check: Check,
    pub valid_from: Option<NaiveDate>,
    pub valid_until: Option<NaiveDate>,
    pub es: String,
    pub en: String,
    /// `for_each`: the name and value of the current item, read by the expressions.
    pub binding: Option<(String, Value)>,
}

/// What a rule checks, by kind.
#[derive(Debug, Clone)]
pub(crate) enum Check {
    Assert {
        check: Program,
        missing: MissingPolicy,
    },
    Field {
        field: String,
        constraints: FieldConstraints,
    },
    Presence {
        fields: Vec<String>,
        presence: Presence,
        count: u32,
    },
    Unique {
        fields: Vec<String>,
    },
    Reference {
        field: String,
        source: Source,
    },
    ForeignKey {
        field: String,
        target: Scope,
        target_field: String,
        target_when: Option<Program>,
    },
    Dates(super::dates::DateChecks),
    NoOverlap {
        keys: Vec<GroupKey>,
        start: String,
        end: Option<String>,
    },
    Aggregate {
        keys: Vec<GroupKey>,
        measures: Vec<(String, Aggregate)>,
        check: Program,
        missing: MissingPolicy,
    },
    Completeness {
        keys: Vec<GroupKey>,
        expected: Vec<Source>,
    },
    Change {
        keys: Vec<GroupKey>,
        period: GroupKey,
        measures: Vec<(String, Aggregate)>,
        window: Option<u32>,
        check: Program,
        missing: MissingPolicy,
    },
}

/// A field's constraints, typed for the field at load time.
#[derive(Debug, Clone, Default)]
pub(crate) struct FieldConstraints {
    pub required: bool,
    /// (constraint name, bound, whether the bound itself is allowed, whether it is a lower one)
    pub bounds: Vec<(&'static str, Value, bool, bool)>,
    pub min_length: Option<u64>,
    pub max_length: Option<u64>,
    pub pattern: Option<regex_lite::Regex>,
    pub one_of: Option<Vec<Value>>,
}

/// What a finding says besides the rule's message: (parameter, value).
pub(crate) type Notes = Vec<(&'static str, String)>;

/// One outcome of a rule: for a record, a group or an expected combination.
#[derive(Debug, Clone)]
pub(crate) struct Unit {
    pub path: String,
    pub outcome: Outcome,
    pub notes: Notes,
    /// What the message's `{name}`s read: the record, or the group's keys and measures.
    pub fields: Value,
}

impl Unit {
    pub fn new(path: &str, outcome: Outcome, notes: Notes, fields: &Value) -> Unit {
        Unit {
            path: path.to_owned(),
            outcome,
            notes,
            fields: fields.clone(),
        }
    }
}

/// What rules run with besides their records.
pub(crate) struct Ctx<'a> {
    pub records: &'a Records,
    pub params: &'a Value,
    pub as_of: NaiveDate,
    pub lists: &'a ListValues,
}

impl Rule {
    /// The scopes whose records the rule reads: its own, and the one a foreign key names.
    pub fn scopes(&self) -> Vec<Scope> {
        match &self.check {
            Check::ForeignKey { target, .. } => vec![self.scope, *target],
            _ => vec![self.scope],
        }
    }

    /// Whether the rule's units are groups or combinations rather than records.
    pub fn judges_groups(&self) -> bool {
        matches!(
            self.check,
            Check::Aggregate { .. } | Check::Completeness { .. } | Check::Change { .. }
        )
    }

    /// Whether `records` has what the rule reads (else it is left out).
    pub fn runs_on(&self, records: &Records) -> bool {
        self.scopes().iter().all(|s| records.has(*s))
    }

    /// The variables an expression of this rule sees for `fields`.
    pub fn activation(&self, fields: &Value, ctx: &Ctx<'_>) -> Activation {
        let mut act = activation(fields, ctx.params, ctx.as_of);
        if let Some((name, v)) = &self.binding {
            act.set(name, v.clone());
        }
        act
    }

    /// Every unit's outcome over `recs` (the records of the rule's scope).
    pub fn evaluate(&self, recs: &[Rec], ctx: &Ctx<'_>) -> Vec<Unit> {
        let in_force = !(self.valid_from.is_some_and(|d| ctx.as_of < d)
            || self.valid_until.is_some_and(|d| ctx.as_of > d));
        if !in_force {
            return recs
                .iter()
                .map(|r| Unit::new(&r.path, Outcome::NotApplicable, Vec::new(), &r.value))
                .collect();
        }
        // The records the rule applies to; the others are not applicable, or fail when
        // `when` cannot be computed on them.
        let mut units = Vec::new();
        let mut applies: Vec<&Rec> = Vec::with_capacity(recs.len());
        for r in recs {
            match self.applies(&r.value, ctx) {
                Ok(true) => applies.push(r),
                Ok(false) => units.push(Unit::new(
                    &r.path,
                    Outcome::NotApplicable,
                    Vec::new(),
                    &r.value,
                )),
                Err(e) => units.push(Unit::new(
                    &r.path,
                    Outcome::Fail,
                    vec![("error", e)],
                    &r.value,
                )),
            }
        }
        let judged = match &self.check {
            Check::Aggregate { .. } | Check::Completeness { .. } | Check::Change { .. } => {
                return super::group::evaluate(self, &applies, ctx, units);
            }
            Check::Unique { fields } => unique(fields, &applies),
            Check::NoOverlap { keys, start, end } => {
                super::dates::no_overlap(keys, start, end.as_deref(), &applies)
            }
            Check::ForeignKey {
                field,
                target,
                target_field,
                target_when,
            } => {
                let keys = super::lists::target_keys(
                    self,
                    ctx.records.get(*target),
                    target_field,
                    target_when.as_ref(),
                    ctx,
                );
                applies
                    .iter()
                    .map(|r| super::lists::foreign_key(r, field, &keys))
                    .collect()
            }
            _ => applies
                .iter()
                .map(|r| {
                    let (outcome, notes) = self.record_outcome(&r.value, ctx);
                    Unit::new(&r.path, outcome, notes, &r.value)
                })
                .collect(),
        };
        // Back in data order.
        units.extend(judged);
        let order: HashMap<&str, usize> = recs
            .iter()
            .enumerate()
            .map(|(i, r)| (r.path.as_str(), i))
            .collect();
        units.sort_by_key(|u| order.get(u.path.as_str()).copied().unwrap_or(usize::MAX));
        units
    }

    /// Whether `when` holds for a record (`Err`: why it cannot be computed).
    pub fn applies(&self, fields: &Value, ctx: &Ctx<'_>) -> Result<bool, String> {
        let Some(when) = &self.when else {
            return Ok(true);
        };
        match when.eval(&self.activation(fields, ctx)) {
            Ok(Eval::Value(Value::Bool(true))) => Ok(true),
            Ok(_) => Ok(false),
            Err(e) => Err(format!("{e} ({})", e.code())),
        }
    }

    /// The outcome of a rule judged record by record, without state across records.
    fn record_outcome(&self, record: &Value, ctx: &Ctx<'_>) -> (Outcome, Notes) {
        match &self.check {
            Check::Assert { check, missing } => {
                self.decide(check, *missing, record, &self.schema, ctx)
            }
            Check::Field { field, constraints } => {
                field_outcome(constraints, lookup(record, field))
            }
            Check::Presence {
                fields,
                presence,
                count,
            } => {
                let filled = fields
                    .iter()
                    .filter(|f| !is_blank(lookup(record, f)))
                    .count();
                let ok = match presence {
                    Presence::AllOrNone => filled == 0 || filled == fields.len(),
                    Presence::ExactlyOne => filled == 1,
                    Presence::AtMostOne => filled <= 1,
                    Presence::AtLeast => filled >= *count as usize,
                };
                let outcome = if ok { Outcome::Pass } else { Outcome::Fail };
                (outcome, vec![("filled", filled.to_string())])
            }
            Check::Reference { field, source } => {
                super::lists::reference(lookup(record, field), source, ctx)
            }
            Check::Dates(checks) => checks.outcome(record, ctx.as_of),
            // The kinds judged over several records are handled by `evaluate`.
            _ => (Outcome::NotApplicable, Vec::new()),
        }
    }

    /// A condition's outcome on `fields` under a missing-value policy (`assert`, and the
    /// `check` of groups).
    pub fn decide(
        &self,
        check: &Program,
        missing: MissingPolicy,
        fields: &Value,
        schema: &Schema,
        ctx: &Ctx<'_>,
    ) -> (Outcome, Notes) {
        let decide = |fields: &Value| match check.eval(&self.activation(fields, ctx)) {
            Ok(Eval::Value(v)) => Decided::Outcome(if v == Value::Bool(true) {
                Outcome::Pass
            } else {
                Outcome::Fail
            }),
            Ok(Eval::Missing(_)) => Decided::Missing,
            Err(e) => Decided::Error(format!("{e} ({})", e.code())),
        };
        let missing = match decide(fields) {
            Decided::Outcome(o) => return (o, Vec::new()),
            Decided::Error(e) => return (Outcome::Fail, vec![("error", e)]),
            Decided::Missing => missing,
        };
        match missing {
            MissingPolicy::SkipIfAny => (Outcome::NotApplicable, Vec::new()),
            MissingPolicy::Fail => (Outcome::Fail, Vec::new()),
            MissingPolicy::SkipIfAll if check.fields().iter().all(|f| is_empty(fields, f)) => {
                (Outcome::NotApplicable, Vec::new())
            }
            MissingPolicy::SkipIfAll | MissingPolicy::Zero => {
                let zeroed = zero_numbers(fields, schema, check.fields());
                match decide(&zeroed) {
                    Decided::Outcome(o) => (o, Vec::new()),
                    Decided::Error(e) => (Outcome::Fail, vec![("error", e)]),
                    // An empty text, date or list has no zero.
                    Decided::Missing => (Outcome::NotApplicable, Vec::new()),
                }
            }
        }
    }

    /// The finding of a failing unit.
    pub fn finding(&self, unit: &Unit, params: &Value) -> Diagnostic {
        let lookup = |name: &str| -> Option<String> {
            if let Some((bound, v)) = &self.binding {
                if name == bound {
                    return Some(display(v));
                }
            }
            let (root, rest) = match name.strip_prefix("params.") {
                Some(p) => (params, p),
                None => (&unit.fields, name),
            };
            lookup(root, rest).map(display)
        };
        let es = crate::diagnostic::render(&self.es, lookup);
        let en = crate::diagnostic::render(&self.en, lookup);
        let mut d = Diagnostic::new(&self.code, &unit.path)
            .with_severity(self.severity)
            .with_param("message_es", es)
            .with_param("message_en", en);
        if let Some(id) = lookup("id").filter(|s| !s.is_empty()) {
            d = d.with_value(id);
        }
        for (name, value) in &unit.notes {
            d = d.with_param(name, value.clone());
        }
        d
    }
}

/// `unique`: the first record of each key passes, later ones fail naming the first.
fn unique(fields: &[String], recs: &[&Rec]) -> Vec<Unit> {
    let mut seen: HashMap<String, &str> = HashMap::new();
    let mut out = Vec::with_capacity(recs.len());
    'records: for r in recs {
        let mut key = String::new();
        for f in fields {
            let v = lookup(&r.value, f);
            if is_blank(v) {
                out.push(Unit::new(
                    &r.path,
                    Outcome::NotApplicable,
                    Vec::new(),
                    &r.value,
                ));
                continue 'records;
            }
            key.push_str(&crate::text::normalize_key(
                &v.map(display).unwrap_or_default(),
            ));
            key.push('\u{1f}');
        }
        let (outcome, notes) = match seen.get(&key) {
            Some(first) => (Outcome::Fail, vec![("first", (*first).to_owned())]),
            None => {
                seen.insert(key, &r.path);
                (Outcome::Pass, Vec::new())
            }
        };
        out.push(Unit::new(&r.path, outcome, notes, &r.value));
    }
    out
}

/// A `field` rule's outcome for the field's value: the first constraint it breaks is noted.
fn field_outcome(c: &FieldConstraints, value: Option<&Value>) -> (Outcome, Notes) {
    let fail = |name: &'static str| (Outcome::Fail, vec![("constraint", name.to_owned())]);
    let Some(v) = value.filter(|v| !is_blank(Some(v))) else {
        return if c.required {
            fail("required")
        } else {
            (Outcome::NotApplicable, Vec::new())
        };
    };
    for (name, bound, inclusive, lower) in &c.bounds {
        let ok = match compare(v, bound) {
            Some(std::cmp::Ordering::Equal) => *inclusive,
            Some(std::cmp::Ordering::Greater) => *lower,
            Some(std::cmp::Ordering::Less) => !*lower,
            None => false,
        };
        if !ok {
            return fail(name);
        }
    }
    let len = match v {
        Value::String(s) => Some(s.chars().count() as u64),
        Value::List(items) => Some(items.len() as u64),
        _ => None,
    };
    if c.min_length.is_some_and(|m| len.is_some_and(|l| l < m)) {
        return fail("minLength");
    }
    if c.max_length.is_some_and(|m| len.is_some_and(|l| l > m)) {
        return fail("maxLength");
    }
    if let (Some(re), Value::String(s)) = (&c.pattern, v) {
        if !re.is_match(s) {
            return fail("pattern");
        }
    }
    if let Some(values) = &c.one_of {
        if !values
            .iter()
            .any(|x| compare(v, x) == Some(std::cmp::Ordering::Equal))
        {
            return fail("enum");
        }
    }
    (Outcome::Pass, Vec::new())
}

/// Numbers by value (a whole number and a double alike), dates, texts; `None` across types.
pub(crate) fn compare(a: &Value, b: &Value) -> Option<std::cmp::Ordering> {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => Some(x.cmp(y)),
        (Value::Int(x), Value::Double(y)) => (*x as f64).partial_cmp(y),
        (Value::Double(x), Value::Int(y)) => x.partial_cmp(&(*y as f64)),
        (Value::Double(x), Value::Double(y)) => x.partial_cmp(y),
        (Value::Date(x), Value::Date(y)) => Some(x.cmp(y)),
        (Value::String(x), Value::String(y)) => Some(x.cmp(y)),
        (Value::Bool(x), Value::Bool(y)) => Some(x.cmp(y)),
        _ => None,
    }
}

/// Empty: absent, `null`, an empty text or an empty list.
pub(crate) fn is_blank(v: Option<&Value>) -> bool {
    match v {
        None | Some(Value::Null) => true,
        Some(Value::String(s)) => s.trim().is_empty(),
        Some(Value::List(items)) => items.is_empty(),
        Some(_) => false,
    }
}

/// The record's fields and the parameters, for an expression.
pub(crate) fn activation(record: &Value, params: &Value, as_of: NaiveDate) -> Activation {
    let mut act = Activation::new(as_of);
    if let Value::Object(fields) = record {
        for (name, v) in fields.iter() {
            act.set(name, v.clone());
        }
    }
    act.set("params", params.clone());
    act
}

/// The value at a dotted path of a record.
pub(crate) fn lookup<'a>(root: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('.').try_fold(root, |v, key| match v {
        Value::Object(fields) => fields.get(key),
        _ => None,
    })
}

pub(crate) fn is_empty(record: &Value, path: &str) -> bool {
    matches!(lookup(record, path), None | Some(Value::Null))
}

/// A value as a message shows it.
pub(crate) fn display(v: &Value) -> String {
    match v {
        Value::String(s) => s.to_string(),
        Value::Null => String::new(),
        other => match other.to_json() {
            serde_json::Value::String(s) => s,
            json => json.to_string(),
        },
    }
}

/// The record with the empty numbers among `paths` set to zero.
pub(crate) fn zero_numbers(record: &Value, schema: &Schema, paths: &[String]) -> Value {
    let mut out = record.clone();
    for path in paths {
        if !is_empty(record, path) {
            continue;
        }
        let zero = match type_at(schema, path) {
            Some(Type::Int) => Value::Int(0),
            Some(Type::Double) => Value::Double(0.0),
            _ => continue,
        };
        out = set_at(&out, &path.split('.').collect::<Vec<_>>(), zero);
    }
    out
}

pub(crate) fn type_at<'a>(schema: &'a Schema, path: &str) -> Option<&'a Type> {
    let mut parts = path.split('.');
    let mut ty = &schema.get(parts.next()?)?.ty;
    for part in parts {
        match ty {
            Type::Object(s) => ty = &s.get(part)?.ty,
            _ => return None,
        }
    }
    Some(ty)
}

pub(crate) fn set_at(v: &Value, path: &[&str], new: Value) -> Value {
    match (v, path) {
        (Value::Object(fields), [key, rest @ ..]) => {
            let mut fields = (**fields).clone();
            let inner = match rest {
                [] => new,
                _ => set_at(fields.get(*key).unwrap_or(&Value::Null), rest, new),
            };
            fields.insert((*key).to_owned(), inner);
            Value::Object(std::sync::Arc::new(fields))
        }
        _ => v.clone(),
    }
}
