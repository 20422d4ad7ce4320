//! Validation rules as data (issue 14): rule files that partner agencies write, evaluated
//! identically in Rust, Python and JavaScript.
//!
//! - [`expr`]: the expression language the rules are written in;
//! - [`RuleSetFile`]: the rule file as agencies write it (`schema/ruleset.schema.json`);
//! - [`RuleSet`]: a rule file compiled, its embedded tests run, ready to check records
//!   ([`RuleSet::check_entries`], [`RuleSet::check_activities`]).
//!
//! Kinds: `assert`, `field`, `presence`, `unique`, `reference`, `foreign_key`, `dates`,
//! `aggregate`, `completeness`, `change`, `no_overlap`, `for_each`; scopes: `entry`,
//! `activity`, `indicator`, `plan`, `agreement`, `event` (groups of records through
//! `group_by`).

mod compile;
mod data;
mod dates;
pub mod expr;
mod file;
mod group;
mod lists;
mod rule;
mod scope;
mod set;
mod template;

pub use data::RuleData;
pub use file::{
    AggregateDef, Constraints, Expect, ExpectCounts, ForeignRef, ListSource, Messages,
    MissingPolicy, Outcome, Presence, Requires, RuleDef, RuleSetFile, RuleTest, Within,
};
pub use scope::Scope;
pub use set::{RuleOutcomes, RuleSet, RuleSetCheck, RuleSetPin};

#[cfg(test)]
mod kinds_tests;
#[cfg(test)]
mod tests;
