//! Validation rules as data (issue 14): rule files that partner agencies write, evaluated
//! identically in Rust, Python and JavaScript.
//!
//! - [`expr`]: the expression language the rules are written in;
//! - [`RuleSetFile`]: the rule file as agencies write it (`schema/ruleset.schema.json`);
//! - [`RuleSet`]: a rule file compiled, its embedded tests run, ready to check records
//!   ([`RuleSet::check_entries`], [`RuleSet::check_activities`]).
//!
//! This version reads rules of kind `assert`, `field`, `presence` and `unique` over the
//! scopes `entry` and `activity`; the other kinds and scopes build on the same pieces.

pub mod expr;
mod file;
mod scope;
mod set;

pub use file::{
    Constraints, Messages, MissingPolicy, Outcome, Presence, Requires, RuleDef, RuleSetFile,
    RuleTest,
};
pub use scope::Scope;
pub use set::{RuleData, RuleOutcomes, RuleSet, RuleSetCheck, RuleSetPin};

#[cfg(test)]
mod tests;
