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
    /// are filled in), `unique` (no two records with the same values of `fields`),
    /// `reference` (codes from a list), `foreign_key` (a key naming records of another
    /// scope), `dates` (order, bounds, duration, due dates), `aggregate` (measures of groups
    /// of records), `completeness` (expected combinations with no record), `change`
    /// (against the previous period), `no_overlap` (intervals within a key) or `for_each`
    /// (a template repeated for each value of a list).
    pub kind: String,
    /// Which records: `entry` (each entry of a tracking matrix), `activity` (each activity of
    /// a work plan), `indicator` (each indicator of an activity), `plan` (each work plan),
    /// `agreement` or `event` (a congress cycle's agreements and events).
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
    /// `presence`, `unique`, `dates` (date fields in their order),
    /// `no_overlap` (start and end): the fields considered together.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<String>,
    /// `presence`: `all_or_none`, `exactly_one`, `at_most_one` or `at_least` (with `count`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub presence: Option<Presence>,
    /// `presence` `at_least`: how many of `fields` must be filled in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<u32>,
    /// `reference`: where the accepted codes come from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<ListSource>,
    /// `foreign_key`: the records the field's value must name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub references: Option<ForeignRef>,
    /// `dates`: the earliest and latest accepted day of every date in `fields` (a date
    /// `YYYY-MM-DD` or `as_of`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub within: Option<Within>,
    /// `dates`: whether the dates of `fields` must come in that order (default: yes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order: Option<bool>,
    /// `dates`: the most days from the first to the last date of `fields`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_days: Option<u32>,
    /// `dates`: the last date of `fields` plus this many days must not be before `as_of`
    /// (otherwise the record is overdue).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due_days: Option<i64>,
    /// `aggregate`, `completeness`, `change`, `no_overlap`: the keys records are grouped by
    /// (a field, or a date field and a period: `reported_on:semester`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub group_by: Vec<String>,
    /// `aggregate`, `change`: named measures of each group, read by `check`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub aggregates: BTreeMap<String, AggregateDef>,
    /// `completeness`: the values each key of `group_by` is expected to take; every
    /// combination must have at least one record.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub expected: BTreeMap<String, ListSource>,
    /// `change`: the period key (`reported_on:year`) whose successive values are compared.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
    /// `change`: how many earlier periods `window` averages (none: no `window`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub window: Option<u32>,
    /// `for_each`: the values the template is repeated for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub over: Option<ListSource>,
    /// `for_each`: the name the current value is read by in the template (default `item`).
    #[serde(default, rename = "as", skip_serializing_if = "Option::is_none")]
    pub bind_as: Option<String>,
    /// `for_each`: the template: the rule's keys (`kind` and what that kind needs) that
    /// complete this rule for each value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<serde_json::Map<String, serde_json::Value>>,
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

/// An example and the outcome the rule must give it: one `record` (record kinds), or
/// several `records` (any kind; the kinds over groups need them), with the records of other
/// scopes a rule reads in `data`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RuleTest {
    /// A name for the example (shown when it fails).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// One record, in the JSON shape of the rule's scope (an entry, an activity); fields
    /// left out are empty. `expect` is its outcome.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record: Option<serde_json::Value>,
    /// Several records of the rule's scope. `expect` is the outcome of every record (or
    /// group, or expected combination), or the count of each outcome.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub records: Vec<serde_json::Value>,
    /// `for_each`: the value of its list the example is for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<serde_json::Value>,
    /// Records of other scopes, by scope name (`{"activity": [{"id": "A1"}]}`), for
    /// `foreign_key`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub data: BTreeMap<String, Vec<serde_json::Value>>,
    /// The report date of the example (default: the rule's `valid_from`, else 2000-01-01).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::args::iso_date::option"
    )]
    pub as_of: Option<NaiveDate>,
    /// The outcome the rule must give, or how many of each.
    pub expect: Expect,
}

/// What a test expects: one outcome (of the record; with `records`, of every unit the rule
/// judges, and at least one), or the count of each outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Expect {
    /// `"pass"`, `"fail"` or `"not_applicable"`.
    Outcome(Outcome),
    /// `{"pass": 2, "fail": 1}` (absent counts are 0).
    Counts(ExpectCounts),
}

/// The count of each outcome a test expects.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExpectCounts {
    /// Units that pass.
    #[serde(default)]
    pub pass: u64,
    /// Units that fail.
    #[serde(default)]
    pub fail: u64,
    /// Units the rule does not apply to.
    #[serde(default)]
    pub not_applicable: u64,
}

/// A list of accepted values: exactly one of `catalog` (a list of the catalogue),
/// `values` (written here), `param` (a list parameter), or, for a period key of
/// `completeness`, `from` and `until` (every period between the two days).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ListSource {
    /// `countries`, `members`, `organizations`, `axes`, `guidelines`, `gcm_objectives` or
    /// `sdgs` (the guideline lists of the version in `requires.guidelines`, else the
    /// catalogue's current one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub catalog: Option<String>,
    /// The values themselves.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub values: Option<Vec<serde_json::Value>>,
    /// The name of a list parameter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub param: Option<String>,
    /// First day of the periods expected (`YYYY-MM-DD`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// Last day of the periods expected (`YYYY-MM-DD` or `as_of`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<String>,
}

/// The records a `foreign_key` field names.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ForeignRef {
    /// Their scope (`activity`).
    pub scope: String,
    /// Their field holding the key (`id`).
    pub field: String,
    /// Only the records of that scope for which this holds (an expression over them).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<String>,
}

/// The accepted days of a `dates` rule.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Within {
    /// Earliest day (`YYYY-MM-DD` or `as_of`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// Latest day (`YYYY-MM-DD` or `as_of`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<String>,
}

/// One measure of a group: exactly one of the six, each an expression over the group's
/// records (`count` and `share` a condition; `count` may be `"true"`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AggregateDef {
    /// How many records meet the condition.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<String>,
    /// The sum of a number (empty values left out).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sum: Option<String>,
    /// The mean of a number (empty values left out; empty when there is none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mean: Option<String>,
    /// The smallest number or date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<String>,
    /// The largest number or date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<String>,
    /// The share (0 to 1) of records that meet the condition.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub share: Option<String>,
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
