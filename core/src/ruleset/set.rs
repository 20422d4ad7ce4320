//! A rule file, read and compiled: every expression parsed and type-checked against its
//! scope, every message placeholder known, every embedded test run. A file that loads is a
//! file whose rules do what their tests say.

use super::compile::{FileCtx, check_id, check_requires, compile_rules, invalid, parameters};
use super::data::{Records, RuleData};
use super::expr::Value;
use super::file::{Expect, ExpectCounts, Outcome, RuleDef, RuleSetFile};
use super::lists::{CatalogList, ListValues, catalog_list};
use super::rule::{Check, Ctx, Rule, Unit};
use super::scope::Scope;
use crate::diagnostic::{Diagnostic, Severity};
use crate::{Error, Result, RuleConfig};
use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A compiled rule file ([`RuleSet::from_json`]).
#[derive(Debug, Clone)]
pub struct RuleSet {
    file: RuleSetFile,
    hash: String,
    rules: Vec<Rule>,
    /// The catalogue lists the rules read.
    lists: Vec<CatalogList>,
}

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

    /// Compiles a rule file already read. Catalogue lists (`reference`, `completeness`,
    /// `for_each`) are those of the bundled catalogue while the file loads (its `for_each`
    /// repetitions and its tests), and those of the data's catalogue when it checks data.
    pub fn from_file(file: RuleSetFile) -> Result<RuleSet> {
        check_id(&file.ruleset)?;
        check_requires(&file)?;
        let params = parameters(&file)?;
        // The bundled catalogue (loaded once per process) only when a rule names a list.
        let wanted = file_lists(&file);
        let lists = if wanted.is_empty() {
            ListValues::default()
        } else {
            ListValues::new(
                &crate::Catalog::embedded(),
                file.requires.guidelines.as_deref(),
                &wanted,
            )
        };
        let fc = FileCtx {
            ruleset: &file.ruleset,
            params: &params,
            lists: &lists,
        };
        let mut rules = Vec::with_capacity(file.rules.len());
        let mut seen = std::collections::HashSet::new();
        for (i, def) in file.rules.iter().enumerate() {
            let compiled = compile_rules(def, i, &fc)?;
            for rule in &compiled {
                if !seen.insert(rule.code.clone()) {
                    return Err(invalid(
                        format!("/rules/{i}/code"),
                        format!("the code {:?} is used by an earlier rule", rule.code),
                        None,
                    ));
                }
            }
            run_tests(&compiled, def, i, &params.1, &lists)?;
            rules.extend(compiled);
        }
        let mut canonical = String::new();
        crate::plan::write_canonical(
            &serde_json::to_value(&file).unwrap_or_default(),
            &mut canonical,
        );
        // `sha256:` + 64 hex digits, as catalogue hashes are written.
        let hash = crate::catalog::sha256_hex(canonical.as_bytes());
        let mut used: Vec<CatalogList> = Vec::new();
        for rule in &rules {
            for list in rule_lists(rule) {
                if !used.contains(&list) {
                    used.push(list);
                }
            }
        }
        Ok(RuleSet {
            file,
            hash,
            rules,
            lists: used,
        })
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

    /// The rule codes, in file order (a `for_each` rule's repetitions, `<code>_<value>`,
    /// in its list's order).
    pub fn codes(&self) -> impl Iterator<Item = &str> {
        self.rules.iter().map(|r| r.code.as_str())
    }

    /// Checks `data` against the rules: each rule over the records of its scope found in
    /// `data` (rules of a scope with no data there, or a `foreign_key` whose target scope
    /// has none, are left out), with the configuration's `as_of` as the report date and its
    /// severities (`"rules": {"<ruleset>.<name>": "off" | "error" | "warning" | "info"}`; a
    /// `for_each` rule's code sets all its repetitions). Findings come rule by rule in file
    /// order, records in data order; paths are `/entries/{i}` (import order),
    /// `/plans/{p}/activities/{a}` (or `/activities/{a}` for [`RuleData::with_plan`]),
    /// `/agreements/{i}`, `/events/{i}`; a group's finding is at its first record, a missing
    /// combination's at the collection (`/entries`). A configured code of this ruleset's
    /// namespace that the ruleset does not have is `invalid_value` (a misspelt setting would
    /// otherwise go unnoticed).
    pub fn check(&self, data: &RuleData<'_>, config: &RuleConfig) -> Result<RuleSetCheck> {
        self.check_settings(config)?;
        Ok(self.run(data, config))
    }

    /// [`RuleSet::check`] with the settings already checked (a configuration the ruleset is
    /// attached to was checked when it was attached).
    pub(crate) fn run(&self, data: &RuleData<'_>, config: &RuleConfig) -> RuleSetCheck {
        let params = parameters(&self.file).map(|p| p.1).unwrap_or(Value::Null);
        let records = Records::of(data, self.rules.iter().flat_map(|r| r.scopes()));
        let bundled;
        let catalog = match data.catalog() {
            Some(c) => c,
            None => {
                bundled = crate::Catalog::embedded();
                &bundled
            }
        };
        let lists = ListValues::new(
            catalog,
            self.file.requires.guidelines.as_deref(),
            &self.lists,
        );
        let ctx = Ctx {
            records: &records,
            params: &params,
            as_of: config.as_of,
            lists: &lists,
        };
        let mut outcomes = Vec::new();
        let mut diagnostics = Vec::new();
        for rule in &self.rules {
            if !rule.runs_on(&records) {
                continue;
            }
            let Some(severity) = self.severity(rule, config) else {
                continue;
            };
            let units = rule.evaluate(records.get(rule.scope), &ctx);
            let mut counts = RuleOutcomes {
                code: rule.code.clone(),
                ..RuleOutcomes::default()
            };
            for unit in &units {
                match unit.outcome {
                    Outcome::Pass => counts.pass += 1,
                    Outcome::NotApplicable => counts.not_applicable += 1,
                    Outcome::Fail => {
                        counts.fail += 1;
                        diagnostics.push(rule.finding(unit, &params).with_severity(severity));
                    }
                }
            }
            outcomes.push(counts);
        }
        RuleSetCheck {
            ruleset: self.pin(),
            diagnostics,
            outcomes,
        }
    }

    /// A rule's configured severity (`None`: off): its own code's setting, else its
    /// `for_each` rule's, else the file's.
    fn severity(&self, rule: &Rule, config: &RuleConfig) -> Option<Severity> {
        let setting = |code: &str| {
            config
                .rule_file_settings()
                .find(|(c, _)| *c == code)
                .map(|(_, s)| s)
        };
        setting(&rule.code)
            .or_else(|| rule.template.as_deref().and_then(setting))
            .unwrap_or(Some(rule.severity))
    }

    /// [`RuleSet::check`] of a tracking matrix alone (scope `entry`).
    pub fn check_entries(
        &self,
        matrix: &crate::matrix::Matrix,
        config: &RuleConfig,
    ) -> Result<RuleSetCheck> {
        self.check(&RuleData::new().with_matrix(matrix), config)
    }

    /// [`RuleSet::check`] of work plans alone (scopes `plan`, `activity`, `indicator`;
    /// paths `/plans/{p}/...`).
    pub fn check_activities(
        &self,
        plans: &[crate::plan::WorkPlan],
        config: &RuleConfig,
    ) -> Result<RuleSetCheck> {
        self.check(&RuleData::new().with_plans(plans), config)
    }

    /// Every configured code of this ruleset's namespace is one of its rules (or a
    /// `for_each` rule's code).
    pub(crate) fn check_settings(&self, config: &RuleConfig) -> Result<()> {
        let prefix = format!("{}.", self.file.ruleset);
        let known = |code: &str| {
            self.rules
                .iter()
                .any(|r| r.code == code || r.template.as_deref() == Some(code))
        };
        for (code, _) in config.rule_file_settings() {
            if code.starts_with(&prefix) && !known(code) {
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

/// The catalogue lists a file's rules name (before compiling: `for_each` needs them to
/// repeat, tests to run).
fn file_lists(file: &RuleSetFile) -> Vec<CatalogList> {
    let mut names: Vec<String> = Vec::new();
    for def in &file.rules {
        let sources = def
            .reference
            .iter()
            .chain(def.over.iter())
            .chain(def.expected.values());
        names.extend(sources.filter_map(|s| s.catalog.clone()));
        // A `for_each` template's lists.
        if let Some(t) = &def.rule {
            let catalog = |v: &serde_json::Value| {
                v.get("catalog").and_then(|c| c.as_str()).map(str::to_owned)
            };
            names.extend(t.get("reference").and_then(catalog));
            if let Some(serde_json::Value::Object(e)) = t.get("expected") {
                names.extend(e.values().filter_map(catalog));
            }
        }
    }
    let mut out = Vec::new();
    for name in names {
        if let Some(l) = CatalogList::parse(&name) {
            if !out.contains(&l) {
                out.push(l);
            }
        }
    }
    out
}

/// The catalogue lists a compiled rule reads when it checks data.
fn rule_lists(rule: &Rule) -> Vec<CatalogList> {
    match &rule.check {
        Check::Reference { source, .. } => catalog_list(source).into_iter().collect(),
        Check::Completeness { expected, .. } => expected.iter().filter_map(catalog_list).collect(),
        _ => Vec::new(),
    }
}

/// Runs a rule's embedded tests (a `for_each` rule's on the repetition each names).
fn run_tests(
    rules: &[Rule],
    def: &RuleDef,
    i: usize,
    params: &Value,
    lists: &ListValues,
) -> Result<()> {
    // `unique`, `no_overlap`: each test's `record` is judged with those of the tests before.
    let mut earlier: Vec<serde_json::Value> = Vec::new();
    for (j, test) in def.tests.iter().enumerate() {
        let at = format!("/rules/{i}/tests/{j}");
        let rule = match (&test.item, def.kind == "for_each") {
            (None, false) => rules.first(),
            (Some(item), true) => {
                let key = super::lists::key_of(&Value::from_json(item));
                let found = rules.iter().find(|r| {
                    r.binding
                        .as_ref()
                        .is_some_and(|(_, v)| super::lists::key_of(v) == key)
                });
                if found.is_none() {
                    return Err(invalid(
                        format!("{at}/item"),
                        format!("{item} is not a value of the list the rule repeats over"),
                        None,
                    ));
                }
                found
            }
            (None, true) => {
                return Err(invalid(
                    format!("{at}/item"),
                    "a test of a for_each rule names the item it is for",
                    None,
                ));
            }
            (Some(_), false) => {
                return Err(invalid(
                    format!("{at}/item"),
                    "item is for the tests of for_each rules",
                    None,
                ));
            }
        };
        let Some(rule) = rule else { continue };
        let mut records = Records::default();
        let placed = |e: (String, String)| invalid(e.0, e.1, None);
        let (own, judged) = match (&test.record, test.records.is_empty()) {
            (Some(record), true) => {
                let prior = if matches!(rule.check, Check::Unique { .. } | Check::NoOverlap { .. })
                {
                    earlier.clone()
                } else {
                    Vec::new()
                };
                earlier.push(record.clone());
                let mut recs = Records::from_test(rule.scope, &prior, &format!("{at}/earlier"))
                    .map_err(placed)?;
                recs.push(
                    Records::one(rule.scope, record, &format!("{at}/record")).map_err(placed)?,
                );
                (recs, Some(format!("{at}/record")))
            }
            (None, false) => (
                Records::from_test(rule.scope, &test.records, &format!("{at}/records"))
                    .map_err(placed)?,
                None,
            ),
            _ => return Err(invalid(at, "a test gives either record or records", None)),
        };
        records.insert(rule.scope, format!("{at}/records"), own);
        for (name, recs) in &test.data {
            let Some(scope) = Scope::parse(name) else {
                return Err(invalid(
                    format!("{at}/data/{}", crate::args::escape_pointer(name)),
                    format!("unknown scope {name:?}"),
                    None,
                ));
            };
            let here = format!("{at}/data/{name}");
            let recs = Records::from_test(scope, recs, &here).map_err(placed)?;
            if scope != rule.scope {
                records.insert(scope, here, recs);
            }
        }
        let as_of = test
            .as_of
            .or(rule.valid_from)
            .or_else(|| NaiveDate::from_ymd_opt(2000, 1, 1))
            .unwrap_or_default();
        if !rule.runs_on(&records) {
            let missing: Vec<&str> = rule
                .scopes()
                .into_iter()
                .filter(|s| !records.has(*s))
                .map(Scope::name)
                .collect();
            return Err(invalid(
                format!("{at}/data"),
                format!(
                    "the rule reads records of {}: give some in data",
                    missing.join(", ")
                ),
                None,
            ));
        }
        let ctx = Ctx {
            records: &records,
            params,
            as_of,
            lists,
        };
        let units = rule.evaluate(records.get(rule.scope), &ctx);
        let units: Vec<&Unit> = match &judged {
            // A record test judges its record; a group kind's, every group it makes.
            Some(path) if units.iter().any(|u| &u.path == path) => {
                units.iter().filter(|u| &u.path == path).collect()
            }
            Some(path) if !rule.judges_groups() => {
                units.iter().filter(|u| &u.path == path).collect()
            }
            _ => units.iter().collect(),
        };
        let got = ExpectCounts {
            pass: units.iter().filter(|u| u.outcome == Outcome::Pass).count() as u64,
            fail: units.iter().filter(|u| u.outcome == Outcome::Fail).count() as u64,
            not_applicable: units
                .iter()
                .filter(|u| u.outcome == Outcome::NotApplicable)
                .count() as u64,
        };
        let total = got.pass + got.fail + got.not_applicable;
        let ok = match test.expect {
            Expect::Outcome(o) => total > 0 && units.iter().all(|u| u.outcome == o),
            Expect::Counts(c) => c == got,
        };
        if !ok {
            let name = test
                .name
                .as_deref()
                .map(|n| format!(" ({n})"))
                .unwrap_or_default();
            let why: Vec<String> = units
                .iter()
                .flat_map(|u| u.notes.iter())
                .filter(|(k, _)| *k == "error")
                .map(|(k, v)| format!(" ({k}: {v})"))
                .collect();
            let gave = if total == 1 {
                units.first().map_or("", |u| code(u.outcome)).to_owned()
            } else {
                format!(
                    "pass {}, fail {}, not_applicable {}",
                    got.pass, got.fail, got.not_applicable
                )
            };
            let wanted = match test.expect {
                Expect::Outcome(o) => code(o).to_owned(),
                Expect::Counts(c) => format!(
                    "pass {}, fail {}, not_applicable {}",
                    c.pass, c.fail, c.not_applicable
                ),
            };
            return Err(invalid(
                at,
                format!(
                    "test{name} expects {wanted}, the rule gives {gave}{}",
                    why.first().map(String::as_str).unwrap_or("")
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
