//! Validation rules as data (issue 14): rule files that partner agencies write, evaluated
//! identically in Rust, Python and JavaScript.
//!
//! This first part is the [`expr`] module, the expression language the rules are written
//! in. The rule-file format, its scopes and rule kinds build on it.

pub mod expr;
