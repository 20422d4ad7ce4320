//! A rule file, read and compiled: every expression parsed and type-checked against its
//! scope, every message placeholder known, every embedded test run. A file that loads is a
//! file whose rules do what their tests say.

use super::expr::{Activation, Env, Outcome as Eval, Program, Schema, Type, Value};
use super::file::{MissingPolicy, Outcome, Presence, RuleDef, RuleSetFile};
use super::scope::{self, Scope};
use crate::diagnostic::{Diagnostic, Severity};
use crate::{Error, Result, RuleConfig};
use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// The kinds of rule this version reads.
const KINDS: &[&str] = &["assert", "field", "presence", "unique"];

/// What the check expression gave one record.
enum Decided {
    Outcome(Outcome),
    Missing,
    Error(String),
}

/// A compiled rule file ([`RuleSet::from_json`]).
#[derive(Debug, Clone)]
pub struct RuleSet {
    file: RuleSetFile,
    hash: String,
    rules: Vec<Rule>,
}

#[derive(Debug, Clone)]
struct Rule {
    code: String,
    scope: Scope,
    schema: Schema,
    severity: Severity,
    when: Option<Program>,
    check: Check,
    valid_from: Option<NaiveDate>,
    valid_until: Option<NaiveDate>,
    es: String,
    en: String,
}

/// What a rule checks, by kind.
#[derive(Debug, Clone)]
enum Check {
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
}

/// A field's constraints, typed for the field at load time.
#[derive(Debug, Clone, Default)]
struct FieldConstraints {
    required: bool,
    /// (constraint name, bound, whether the bound itself is allowed, whether it is a lower one)
    bounds: Vec<(&'static str, Value, bool, bool)>,
    min_length: Option<u64>,
    max_length: Option<u64>,
    pattern: Option<regex_lite::Regex>,
    one_of: Option<Vec<Value>>,
}

/// What a finding says besides the rule's message: (parameter, value).
type Note = Option<(&'static str, String)>;

/// How many records passed, failed or were out of one rule's reach.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct RuleOutcomes {
    /// The rule's code.
    pub code: String,
    /// Records that meet the rule.
    pub pass: u64,
    /// Records that do not (each has a finding).
    pub fail: u64,
    /// Records the rule does not apply to.
    pub not_applicable: u64,
}

/// The identity of a ruleset, for reports: id, version and the SHA-256 of its canonical JSON.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct RuleSetPin {
    /// `ruleset`.
    pub id: String,
    /// `version`.
    pub version: String,
    /// `sha256:` + hex of the file's canonical JSON (keys sorted, no spaces).
    pub hash: String,
}

/// What checking records against a ruleset gave: the findings (one per failing record and
/// rule) and, per rule code, the count of each outcome.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RuleSetCheck {
    /// The ruleset checked against.
    pub ruleset: RuleSetPin,
    /// One finding per failing record and rule, rule by rule in file order, records in order.
    pub diagnostics: Vec<Diagnostic>,
    /// Per rule (file order): pass, fail, not applicable.
    pub outcomes: Vec<RuleOutcomes>,
}

/// The data a ruleset is checked against ([`RuleSet::check`]). Each rule runs over the
/// records of its scope found here; a scope with no data here (no matrix, no plan) is left
/// out, and its rules get no outcome counts.
///
/// ```
/// use lineamientos::ruleset::RuleData;
/// use lineamientos::WorkPlan;
/// let plan = WorkPlan::default();
/// let data = RuleData::new().with_plan(&plan);
/// assert_eq!(data.plans().len(), 1);
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct RuleData<'a> {
    matrix: Option<&'a crate::matrix::Matrix>,
    plans: &'a [crate::plan::WorkPlan],
    /// One plan checked on its own: paths as [`crate::Catalog::validate_plan`] gives them
    /// (`/activities/{a}`), not `/plans/{p}/activities/{a}`.
    single_plan: bool,
    catalog: Option<&'a crate::Catalog>,
}

impl<'a> RuleData<'a> {
    /// No data: every scope left out.
    pub fn new() -> Self {
        Self::default()
    }

    /// With a tracking matrix (scope `entry`; its catalogue is the one codes are looked up
    /// in, unless [`RuleData::with_catalog`] gives another).
    pub fn with_matrix(mut self, matrix: &'a crate::matrix::Matrix) -> Self {
        self.matrix = Some(matrix);
        self
    }

    /// With one work plan checked on its own (scope `activity`; paths `/activities/{a}`).
    pub fn with_plan(mut self, plan: &'a crate::plan::WorkPlan) -> Self {
        self.plans = std::slice::from_ref(plan);
        self.single_plan = true;
        self
    }

    /// With several work plans (scope `activity`; paths `/plans/{p}/activities/{a}`).
    pub fn with_plans(mut self, plans: &'a [crate::plan::WorkPlan]) -> Self {
        self.plans = plans;
        self.single_plan = false;
        self
    }

    /// With the catalogue that codes are looked up in.
    pub fn with_catalog(mut self, catalog: &'a crate::Catalog) -> Self {
        self.catalog = Some(catalog);
        self
    }

    /// The matrix, if any.
    pub fn matrix(&self) -> Option<&'a crate::matrix::Matrix> {
        self.matrix
    }

    /// The work plans (none when not given).
    pub fn plans(&self) -> &'a [crate::plan::WorkPlan] {
        self.plans
    }

    /// The catalogue codes are looked up in: the one given, else the matrix's.
    pub fn catalog(&self) -> Option<&'a crate::Catalog> {
        self.catalog.or_else(|| self.matrix.map(|m| &m.catalog))
    }

    /// Whether a rule of `scope` has records to run over here.
    pub(crate) fn has(&self, scope: Scope) -> bool {
        match scope {
            Scope::Entry => self.matrix.is_some(),
            Scope::Activity => !self.plans.is_empty() || self.single_plan,
        }
    }

    /// The path of plan `p` (empty for a plan checked on its own).
    pub(crate) fn plan_path(&self, p: usize) -> String {
        if self.single_plan {
            String::new()
        } else {
            format!("/plans/{p}")
        }
    }

    /// Calls `each` with the path and JSON shape of every record of `scope`.
    pub(crate) fn each_record(
        &self,
        scope: Scope,
        each: &mut dyn FnMut(String, serde_json::Value),
    ) {
        match scope {
            Scope::Entry => {
                if let Some(m) = self.matrix {
                    for (i, e) in m.entries().enumerate() {
                        each(format!("/entries/{i}"), scope::entry_json(&e));
                    }
                }
            }
            Scope::Activity => {
                for (p, plan) in self.plans.iter().enumerate() {
                    let at = self.plan_path(p);
                    for (a, act) in plan.activities.iter().enumerate() {
                        each(format!("{at}/activities/{a}"), scope::activity_json(act));
                    }
                }
            }
        }
    }
}

fn invalid(path: String, message: impl Into<String>, suggestion: Option<String>) -> Error {
    Error::InvalidRule {
        path,
        column: 0,
        message: message.into(),
        suggestion,
    }
}

/// An expression's `invalid_rule` (or limit) error, placed at `path` in the file.
fn at_path(e: Error, path: &str) -> Error {
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

impl RuleSet {
    /// Reads and compiles a rule file. A mistake anywhere is an error naming its place:
    /// `invalid_json` for the file's shape, `invalid_rule` with the JSON Pointer of the rule
    /// field (and the column inside an expression) for its content; a failing embedded test
    /// is `invalid_rule` at the test.
    ///
    /// ```
    /// use lineamientos::ruleset::RuleSet;
    /// let rs = RuleSet::from_json(r#"{"ruleset": "demo", "version": "1", "rules": [
    ///   {"code": "demo.women_within_total", "kind": "assert", "scope": "entry",
    ///    "check": "participants.women <= 500",
    ///    "message": {"es": "{id}: demasiadas mujeres", "en": "{id}: too many women"},
    ///    "tests": [{"record": {"participants": {"women": 20}}, "expect": "pass"},
    ///              {"record": {"participants": {"women": 900}}, "expect": "fail"},
    ///              {"record": {}, "expect": "not_applicable"}]}]}"#)?;
    /// assert_eq!(rs.pin().id, "demo");
    /// let err = RuleSet::from_json(r#"{"ruleset": "demo", "version": "1", "rules": [
    ///   {"code": "demo.x", "kind": "assert", "scope": "entry", "check": "participants.womn > 0",
    ///    "message": {"es": "x", "en": "x"}}]}"#).unwrap_err();
    /// assert_eq!(err.code(), "invalid_rule");
    /// assert_eq!(err.details()["path"], "/rules/0/check");
    /// assert_eq!(err.details()["suggestion"], "women");
    /// # Ok::<(), lineamientos::Error>(())
    /// ```
    pub fn from_json(text: &str) -> Result<RuleSet> {
        let file: RuleSetFile = crate::document::from_text(text)?;
        Self::from_file(file)
    }

    /// Reads and compiles a rule file given as a JSON-shaped value (what the bindings make of
    /// a host object or of YAML): the same reader and errors as [`RuleSet::from_json`], with
    /// line and column 0.
    pub fn from_value(value: serde_json::Value) -> Result<RuleSet> {
        let file: RuleSetFile = crate::document::from_value(value)?;
        Self::from_file(file)
    }

    /// Compiles a rule file already read.
    pub fn from_file(file: RuleSetFile) -> Result<RuleSet> {
        check_id(&file.ruleset)?;
        check_requires(&file)?;
        let params = parameters(&file)?;
        let mut rules = Vec::with_capacity(file.rules.len());
        let mut seen = std::collections::HashSet::new();
        for (i, def) in file.rules.iter().enumerate() {
            let rule = compile(def, i, &file.ruleset, &params)?;
            if !seen.insert(rule.code.clone()) {
                return Err(invalid(
                    format!("/rules/{i}/code"),
                    format!("the code {:?} is used by an earlier rule", rule.code),
                    None,
                ));
            }
            run_tests(&rule, def, i, &params.1)?;
            rules.push(rule);
        }
        let mut canonical = String::new();
        crate::plan::write_canonical(
            &serde_json::to_value(&file).unwrap_or_default(),
            &mut canonical,
        );
        // `sha256:` + 64 hex digits, as catalogue hashes are written.
        let hash = crate::catalog::sha256_hex(canonical.as_bytes());
        Ok(RuleSet { file, hash, rules })
    }

    /// The file as read.
    pub fn file(&self) -> &RuleSetFile {
        &self.file
    }

    /// Id, version and hash, as reports carry them.
    pub fn pin(&self) -> RuleSetPin {
        RuleSetPin {
            id: self.file.ruleset.clone(),
            version: self.file.version.clone(),
            hash: self.hash.clone(),
        }
    }

    /// The rule codes, in file order.
    pub fn codes(&self) -> impl Iterator<Item = &str> {
        self.rules.iter().map(|r| r.code.as_str())
    }

    /// Checks `data` against the rules: each rule over the records of its scope found in
    /// `data` (rules of a scope with no data there are left out), with the configuration's
    /// `as_of` as the report date and its severities (`"rules": {"<ruleset>.<name>": "off" |
    /// "error" | "warning" | "info"}`). Findings come rule by rule in file order, records in
    /// data order; paths are `/entries/{i}` (import order), `/plans/{p}/activities/{a}` (or
    /// `/activities/{a}` for [`RuleData::with_plan`]). A configured code of this ruleset's
    /// namespace that the ruleset does not have is `invalid_value` (a misspelt setting would
    /// otherwise go unnoticed).
    pub fn check(&self, data: &RuleData<'_>, config: &RuleConfig) -> Result<RuleSetCheck> {
        self.check_settings(config)?;
        Ok(self.run(data, config))
    }

    /// [`RuleSet::check`] with the settings already checked (a configuration the ruleset is
    /// attached to was checked when it was attached).
    pub(crate) fn run(&self, data: &RuleData<'_>, config: &RuleConfig) -> RuleSetCheck {
        let as_of = config.as_of;
        let params = parameters(&self.file).map(|p| p.1).unwrap_or(Value::Null);
        let mut outcomes = Vec::new();
        let mut diagnostics = Vec::new();
        for scope in Scope::ALL.iter().map(|(_, s)| *s) {
            if !data.has(scope) {
                continue;
            }
            // Each rule of the scope that is on, with its configured severity.
            let rules: Vec<(&Rule, Severity)> = self
                .rules
                .iter()
                .filter(|r| r.scope == scope)
                .filter_map(|r| {
                    config
                        .rule_file_severity(&r.code, r.severity)
                        .map(|s| (r, s))
                })
                .collect();
            if rules.is_empty() {
                continue;
            }
            let mut counts: Vec<RuleOutcomes> = rules
                .iter()
                .map(|(r, _)| RuleOutcomes {
                    code: r.code.clone(),
                    ..RuleOutcomes::default()
                })
                .collect();
            let mut found: Vec<Vec<Diagnostic>> = vec![Vec::new(); rules.len()];
            // `unique`: the first record of each key, per rule.
            let mut seen: Vec<HashMap<String, String>> = vec![HashMap::new(); rules.len()];
            let schema = scope.schema();
            data.each_record(scope, &mut |path, json| {
                // Records come from the library's own types: they always fit their schema.
                let record = json
                    .as_object()
                    .and_then(|m| scope::record(m, &schema, "").ok())
                    .unwrap_or(Value::Null);
                for (k, &(rule, severity)) in rules.iter().enumerate() {
                    let Some(seen) = seen.get_mut(k) else {
                        continue;
                    };
                    let (outcome, error) = rule.outcome(&record, &params, as_of, seen, &path);
                    let Some(c) = counts.get_mut(k) else { continue };
                    match outcome {
                        Outcome::Pass => c.pass += 1,
                        Outcome::NotApplicable => c.not_applicable += 1,
                        Outcome::Fail => {
                            c.fail += 1;
                            if let Some(list) = found.get_mut(k) {
                                let d = rule.finding(&path, &record, &params, error);
                                list.push(d.with_severity(severity));
                            }
                        }
                    }
                }
            });
            diagnostics.extend(found.into_iter().flatten());
            outcomes.extend(counts);
        }
        RuleSetCheck {
            ruleset: self.pin(),
            diagnostics,
            outcomes,
        }
    }

    /// [`RuleSet::check`] of a tracking matrix alone (scope `entry`).
    pub fn check_entries(
        &self,
        matrix: &crate::matrix::Matrix,
        config: &RuleConfig,
    ) -> Result<RuleSetCheck> {
        self.check(&RuleData::new().with_matrix(matrix), config)
    }

    /// [`RuleSet::check`] of work plans alone (scope `activity`; paths
    /// `/plans/{p}/activities/{a}`).
    pub fn check_activities(
        &self,
        plans: &[crate::plan::WorkPlan],
        config: &RuleConfig,
    ) -> Result<RuleSetCheck> {
        self.check(&RuleData::new().with_plans(plans), config)
    }

    /// Every configured code of this ruleset's namespace is one of its rules.
    pub(crate) fn check_settings(&self, config: &RuleConfig) -> Result<()> {
        let prefix = format!("{}.", self.file.ruleset);
        for (code, _) in config.rule_file_settings() {
            if code.starts_with(&prefix) && !self.rules.iter().any(|r| r.code == code) {
                return Err(Error::InvalidValue {
                    field: "rules".into(),
                    path: format!("/rules/{}", crate::args::escape_pointer(code)),
                    value: Some(code.to_owned()),
                    expected: format!(
                        "a rule of ruleset {} {}",
                        self.file.ruleset, self.file.version
                    ),
                    suggestion: crate::text::nearest(
                        code,
                        self.rules
                            .iter()
                            .map(|r| (r.code.as_str(), r.code.as_str())),
                    ),
                });
            }
        }
        Ok(())
    }
}

impl Rule {
    /// The outcome for one record, and what its finding says besides the message.
    fn outcome(
        &self,
        record: &Value,
        params: &Value,
        as_of: NaiveDate,
        seen: &mut HashMap<String, String>,
        path: &str,
    ) -> (Outcome, Note) {
        if self.valid_from.is_some_and(|d| as_of < d) || self.valid_until.is_some_and(|d| as_of > d)
        {
            return (Outcome::NotApplicable, None);
        }
        let act = activation(record, params, as_of);
        if let Some(when) = &self.when {
            match when.eval(&act) {
                Ok(Eval::Value(Value::Bool(true))) => {}
                Ok(_) => return (Outcome::NotApplicable, None),
                // An expression that cannot be evaluated on a record fails it, with the reason.
                Err(e) => {
                    return (
                        Outcome::Fail,
                        Some(("error", format!("{e} ({})", e.code()))),
                    );
                }
            }
        }
        match &self.check {
            Check::Assert { check, missing } => {
                self.assert_outcome(check, *missing, record, params, as_of, act)
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
                (outcome, Some(("filled", filled.to_string())))
            }
            Check::Unique { fields } => {
                let mut key = String::new();
                for f in fields {
                    let v = lookup(record, f);
                    if is_blank(v) {
                        return (Outcome::NotApplicable, None);
                    }
                    key.push_str(&crate::text::normalize_key(
                        &v.map(display).unwrap_or_default(),
                    ));
                    key.push('\u{1f}');
                }
                match seen.get(&key) {
                    Some(first) => (Outcome::Fail, Some(("first", first.clone()))),
                    None => {
                        seen.insert(key, path.to_owned());
                        (Outcome::Pass, None)
                    }
                }
            }
        }
    }

    fn assert_outcome(
        &self,
        check: &Program,
        missing: MissingPolicy,
        record: &Value,
        params: &Value,
        as_of: NaiveDate,
        act: Activation,
    ) -> (Outcome, Note) {
        let decide = |act: &Activation| match check.eval(act) {
            Ok(Eval::Value(v)) => Decided::Outcome(if v == Value::Bool(true) {
                Outcome::Pass
            } else {
                Outcome::Fail
            }),
            Ok(Eval::Missing(_)) => Decided::Missing,
            Err(e) => Decided::Error(format!("{e} ({})", e.code())),
        };
        let missing = match decide(&act) {
            Decided::Outcome(o) => return (o, None),
            Decided::Error(e) => return (Outcome::Fail, Some(("error", e))),
            Decided::Missing => missing,
        };
        match missing {
            MissingPolicy::SkipIfAny => (Outcome::NotApplicable, None),
            MissingPolicy::Fail => (Outcome::Fail, None),
            MissingPolicy::SkipIfAll if check.fields().iter().all(|f| is_empty(record, f)) => {
                (Outcome::NotApplicable, None)
            }
            MissingPolicy::SkipIfAll | MissingPolicy::Zero => {
                let zeroed = zero_numbers(record, &self.schema, check.fields());
                match decide(&activation(&zeroed, params, as_of)) {
                    Decided::Outcome(o) => (o, None),
                    Decided::Error(e) => (Outcome::Fail, Some(("error", e))),
                    // An empty text, date or list has no zero.
                    Decided::Missing => (Outcome::NotApplicable, None),
                }
            }
        }
    }

    fn finding(&self, path: &str, record: &Value, params: &Value, note: Note) -> Diagnostic {
        let lookup = |name: &str| -> Option<String> {
            let (root, rest) = match name.strip_prefix("params.") {
                Some(p) => (params, p),
                None => (record, name),
            };
            lookup(root, rest).map(display)
        };
        let es = crate::diagnostic::render(&self.es, lookup);
        let en = crate::diagnostic::render(&self.en, lookup);
        let mut d = Diagnostic::new(&self.code, path)
            .with_severity(self.severity)
            .with_param("message_es", es)
            .with_param("message_en", en);
        if let Some(id) = lookup("id") {
            d = d.with_value(id);
        }
        if let Some((name, value)) = note {
            d = d.with_param(name, value);
        }
        d
    }
}

/// A `field` rule's outcome for the field's value: the first constraint it breaks is noted.
fn field_outcome(c: &FieldConstraints, value: Option<&Value>) -> (Outcome, Note) {
    let fail = |name: &'static str| (Outcome::Fail, Some(("constraint", name.to_owned())));
    let Some(v) = value.filter(|v| !is_blank(Some(v))) else {
        return if c.required {
            fail("required")
        } else {
            (Outcome::NotApplicable, None)
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
    (Outcome::Pass, None)
}

/// Numbers by value (a whole number and a double alike), dates, texts; `None` across types.
fn compare(a: &Value, b: &Value) -> Option<std::cmp::Ordering> {
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
fn is_blank(v: Option<&Value>) -> bool {
    match v {
        None | Some(Value::Null) => true,
        Some(Value::String(s)) => s.trim().is_empty(),
        Some(Value::List(items)) => items.is_empty(),
        Some(_) => false,
    }
}

/// The record's fields and the parameters, for an expression.
fn activation(record: &Value, params: &Value, as_of: NaiveDate) -> Activation {
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
fn lookup<'a>(root: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('.').try_fold(root, |v, key| match v {
        Value::Object(fields) => fields.get(key),
        _ => None,
    })
}

fn is_empty(record: &Value, path: &str) -> bool {
    matches!(lookup(record, path), None | Some(Value::Null))
}

/// A value as a message shows it.
fn display(v: &Value) -> String {
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
fn zero_numbers(record: &Value, schema: &Schema, paths: &[String]) -> Value {
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

fn type_at<'a>(schema: &'a Schema, path: &str) -> Option<&'a Type> {
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

fn set_at(v: &Value, path: &[&str], new: Value) -> Value {
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

fn check_id(id: &str) -> Result<()> {
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

fn check_requires(file: &RuleSetFile) -> Result<()> {
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
fn parameters(file: &RuleSetFile) -> Result<(Type, Value)> {
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

fn env_of(schema: &Schema, params: &Type) -> Env {
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

fn compile(def: &RuleDef, i: usize, ruleset: &str, params: &(Type, Value)) -> Result<Rule> {
    let at = |field: &str| format!("/rules/{i}/{field}");
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
    if !KINDS.contains(&def.kind.as_str()) {
        return Err(invalid(
            at("kind"),
            format!(
                "unknown kind {:?}; this version reads: {}",
                def.kind,
                KINDS.join(", ")
            ),
            crate::text::nearest(&def.kind, KINDS.iter().map(|k| (*k, *k))),
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
    let schema = scope.schema();
    let env = env_of(&schema, &params.0);
    let when = def
        .when
        .as_deref()
        .map(|w| Program::compile_condition(w, &env).map_err(|e| at_path(e, &at("when"))))
        .transpose()?;
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
            let ty = known_field(&schema, &field, &at("field"))?.clone();
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
            if def.fields.is_empty() {
                return Err(invalid(
                    at("fields"),
                    format!("a {} rule lists its fields", def.kind),
                    None,
                ));
            }
            for (j, f) in def.fields.iter().enumerate() {
                known_field(&schema, f, &format!("{}/{j}", at("fields")))?;
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
    for (lang, text) in [("es", &def.message.es), ("en", &def.message.en)] {
        check_placeholders(
            text,
            &schema,
            &params.0,
            &format!("{}/{lang}", at("message")),
        )?;
    }
    Ok(Rule {
        code: def.code.clone(),
        scope,
        schema,
        severity: def.severity,
        when,
        check,
        valid_from: def.valid_from,
        valid_until: def.valid_until,
        es: def.message.es.clone(),
        en: def.message.en.clone(),
    })
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
fn check_placeholders(text: &str, schema: &Schema, params: &Type, at: &str) -> Result<()> {
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = rest.get(open + 1..).unwrap_or("");
        let Some(close) = after.find('}') else { break };
        let name = after.get(..close).unwrap_or("");
        let known = match name.strip_prefix("params.") {
            Some(p) => matches!(params, Type::Object(s) if s.get(p).is_some()),
            None => type_at(schema, name).is_some(),
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

/// Runs a rule's embedded tests.
fn run_tests(rule: &Rule, def: &RuleDef, i: usize, params: &Value) -> Result<()> {
    // `unique`: each test's record is compared with the records of the tests before it.
    let mut seen = HashMap::new();
    for (j, test) in def.tests.iter().enumerate() {
        let at = format!("/rules/{i}/tests/{j}");
        let Some(map) = test.record.as_object() else {
            return Err(invalid(
                format!("{at}/record"),
                "a test record is an object",
                None,
            ));
        };
        let record = scope::record(map, &rule.schema, &format!("{at}/record"))
            .map_err(|(at, message)| invalid(at, message, None))?;
        let as_of = test
            .as_of
            .or(rule.valid_from)
            .or_else(|| NaiveDate::from_ymd_opt(2000, 1, 1))
            .unwrap_or_default();
        let (got, error) = rule.outcome(&record, params, as_of, &mut seen, &at);
        if got != test.expect {
            let name = test
                .name
                .as_deref()
                .map(|n| format!(" ({n})"))
                .unwrap_or_default();
            let why = error
                .map(|(k, v)| format!(" ({k}: {v})"))
                .unwrap_or_default();
            return Err(invalid(
                at,
                format!(
                    "test{name} expects {}, the rule gives {}{why}",
                    code(test.expect),
                    code(got)
                ),
                None,
            ));
        }
    }
    Ok(())
}

fn code(o: Outcome) -> &'static str {
    match o {
        Outcome::Pass => "pass",
        Outcome::Fail => "fail",
        Outcome::NotApplicable => "not_applicable",
    }
}
