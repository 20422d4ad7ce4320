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
    /// What the rule checks: `assert` (an expression that must hold for each record),
    /// `field` (Table Schema constraints on one field), `presence` (which of several fields
    /// are filled in) or `unique` (no two records with the same values of `fields`).
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
    /// `assert`: what an empty field that the check reads means (default `skip_if_any`).
    #[serde(default)]
    pub missing: MissingPolicy,
    /// `field`: the field checked (`participants.women`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// `field`: its constraints, as Frictionless Table Schema writes them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub constraints: Option<Constraints>,
    /// `presence` and `unique`: the fields considered together.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<String>,
    /// `presence`: `all_or_none`, `exactly_one`, `at_most_one` or `at_least` (with `count`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub presence: Option<Presence>,
    /// `presence` `at_least`: how many of `fields` must be filled in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<u32>,
    /// First day the rule is in force (`as_of` before it: not applicable).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::args::iso_date::option"
    )]
    pub valid_from: Option<NaiveDate>,
    /// Last day the rule is in force.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::args::iso_date::option"
    )]
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
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::args::iso_date::option"
    )]
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

/// Constraints on one field, with the names and meaning of Frictionless Table Schema's field
/// constraints (so a partner's Table Schema carries over). Except `required`, they apply to a
/// value that is there: an empty field meets them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Constraints {
    /// The field must not be empty.
    #[serde(default)]
    pub required: bool,
    /// Smallest value (a number, or a date `YYYY-MM-DD` for a date field).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minimum: Option<serde_json::Value>,
    /// Largest value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub maximum: Option<serde_json::Value>,
    /// The value must be above this.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exclusive_minimum: Option<serde_json::Value>,
    /// The value must be below this.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exclusive_maximum: Option<serde_json::Value>,
    /// Fewest characters of a text, items of a list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_length: Option<u64>,
    /// Most characters of a text, items of a list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_length: Option<u64>,
    /// A pattern the whole text must match (`regex-lite` syntax, anchored at both ends).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pattern: Option<String>,
    /// The accepted values.
    #[serde(default, rename = "enum", skip_serializing_if = "Option::is_none")]
    pub one_of: Option<Vec<serde_json::Value>>,
}

/// Which of several fields must be filled in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Presence {
    /// All of them or none.
    AllOrNone,
    /// Exactly one.
    ExactlyOne,
    /// One or none.
    AtMostOne,
    /// At least `count`.
    AtLeast,
}
