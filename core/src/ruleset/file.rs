//! The rule file as partner agencies write it (JSON; the Python and JS bindings also read
//! YAML and hand core the same JSON). [`super::RuleSet::from_json`] reads and compiles it.

use crate::diagnostic::Severity;
use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A rule file: an agency's own checks, with their tests.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RuleSetFile {
    /// Identifier of the ruleset and namespace of its rule codes: lowercase letters, digits
    /// and `_`, starting with a letter (`oim_mesoamerica`).
    pub ruleset: String,
    /// The ruleset's own version (`1.2.0`), written into every report it checks.
    pub version: String,
    /// What the ruleset needs.
    #[serde(default)]
    pub requires: Requires,
    /// Named constants the rules read as `params.<name>` (numbers, texts, yes/no, lists).
    #[serde(default)]
    pub parameters: BTreeMap<String, serde_json::Value>,
    /// The rules, in the order their findings are listed.
    pub rules: Vec<RuleDef>,
}

/// What a ruleset needs to run as its authors meant.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Requires {
    /// The lowest library version (`0.1`, `0.1.0`): an older library refuses the file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lineamientos: Option<String>,
    /// The guideline-set version the rules' codes refer to (`2023`): the catalogue must have
    /// it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guidelines: Option<String>,
}

/// One rule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RuleDef {
    /// The finding's code: `<ruleset>.<name>` (`oim_mesoamerica.training_by_sex`). The
    /// namespace keeps it apart from the built-in codes, which have none.
    pub code: String,
    /// What the rule checks: `assert` (an expression that must hold for each record).
    pub kind: String,
    /// Which records: `entry` (each entry of a tracking matrix) or `activity` (each activity
    /// of a work plan).
    pub scope: String,
    /// The severity of its findings (default `warning`).
    #[serde(default = "warning")]
    pub severity: Severity,
    /// A free grouping for reports (`completeness`, `consistency`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    /// Where the rule is explained (a URL).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
    /// The finding's message in Spanish and English; `{name}` is replaced by the record's
    /// field (`{id}`, `{participants.women}`) or a parameter (`{params.max_share}`).
    pub message: Messages,
    /// The rule applies to a record only when this condition holds (an expression).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<String>,
    /// `assert`: the condition each record must meet (an expression).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub check: Option<String>,
    /// What an empty field that the check reads means (default `skip_if_any`).
    #[serde(default)]
    pub missing: MissingPolicy,
    /// First day the rule is in force (`as_of` before it: not applicable).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_from: Option<NaiveDate>,
    /// Last day the rule is in force.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_until: Option<NaiveDate>,
    /// Examples with their expected outcome, run when the file loads.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tests: Vec<RuleTest>,
}

fn warning() -> Severity {
    Severity::Warning
}

/// A message in both languages of the library.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Messages {
    /// Spanish.
    pub es: String,
    /// English.
    pub en: String,
}

/// What an empty field read by the check means (the policies of DHIS2's validation rules).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum MissingPolicy {
    /// Any empty field: the rule does not apply to the record.
    #[default]
    SkipIfAny,
    /// Every field the check reads empty: the rule does not apply; otherwise the empty
    /// numbers count as zero.
    SkipIfAll,
    /// Empty numbers count as zero (an empty text, date or list still makes the rule not
    /// apply).
    Zero,
    /// Any empty field: the record fails the rule.
    Fail,
}

/// An example record and the outcome the rule must give it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RuleTest {
    /// A name for the example (shown when it fails).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The record, in the JSON shape of its scope (an entry, an activity); fields left out
    /// are empty.
    pub record: serde_json::Value,
    /// The report date of the example (default: the rule's `valid_from`, else 2000-01-01).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<NaiveDate>,
    /// The outcome the rule must give.
    pub expect: Outcome,
}

/// What a rule gives a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// The record meets the rule.
    Pass,
    /// The record does not: a finding.
    Fail,
    /// The rule does not apply to the record (`when` false, empty data, out of force).
    NotApplicable,
}
