//! The expression language of rule files: a small, typed subset of CEL (Common Expression
//! Language) syntax, with no loops and no clock, evaluated the same in Rust, Python and
//! JavaScript. `docs/rules.md` describes it for rule writers.
//!
//! A [`Program`] is compiled once when a rule file loads: parsed (with limits on length and
//! nesting), then checked against an [`Env`] that declares every name and its type, so an
//! unknown field, an unknown function or `women > "3"` is refused there with
//! `invalid_rule`, the column and the nearest valid name. Evaluation takes an
//! [`Activation`] (the record's values and `as_of`) and gives an [`Outcome`].
//!
//! ```
//! use lineamientos::ruleset::expr::{Activation, Env, Outcome, Program, Type, Value};
//! use chrono::NaiveDate;
//! let env = Env::new().var("participants", Type::Int).nullable("women", Type::Int);
//! let rule = Program::compile("women <= participants", &env)?;
//! let as_of = NaiveDate::from_ymd_opt(2024, 6, 1).unwrap();
//! let row = Activation::new(as_of).with("participants", Value::Int(20)).with("women", Value::Int(12));
//! assert_eq!(rule.eval(&row)?, Outcome::Value(Value::Bool(true)));
//! // A missing value is not a failure: the rule's policy decides.
//! let row = Activation::new(as_of).with("participants", Value::Int(20));
//! assert_eq!(rule.eval(&row)?, Outcome::Missing(vec!["women".to_owned()]));
//! // Mistakes are found when the rule is loaded.
//! let err = Program::compile("womem <= participants", &env).unwrap_err();
//! assert_eq!((err.code(), err.details()["suggestion"].as_str()), ("invalid_rule", Some("women")));
//! let err = Program::compile("women > \"3\"", &env).unwrap_err();
//! assert_eq!(err.details()["column"], 7);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Semantics, where CEL leaves a choice or where this subset differs:
//!
//! - **No implicit conversion.** Numbers never compare with or add to texts, booleans are
//!   not numbers. Whole numbers (`int`) and doubles compare by value (`1 == 1.0`, `2 < 2.5`,
//!   as CEL's heterogeneous comparison), but arithmetic needs one type: `int(x)`,
//!   `double(x)` convert.
//! - **Errors are errors.** Whole-number overflow, division by zero (doubles too: never an
//!   infinity), an index out of range, a date out of range: [`EvalError`], with a stable
//!   code and the column.
//! - **Missing data.** A field may be `null`. `has(f)`, `f == null`, `f != null` and
//!   `coalesce(f, g, ...)` test or replace it; any other operator or function that meets a
//!   `null` makes the outcome [`Outcome::Missing`], listing the fields read as `null`.
//!   `&&` and `||` evaluate left to right and stop when the result is known; missing data
//!   on one side is absorbed when the other side decides (`false && x` and `x && false` are
//!   false whether `x` is missing or not), errors are not (CEL's commutative absorption of
//!   errors is not implemented). `all`/`exists` likewise: a decisive item decides, else a
//!   missing item makes the result missing.
//! - **Dates** are calendar days (`date("2024-01-31")`), **durations** whole days
//!   (`days(30)`, `duration("30d")`), not CEL's timestamps and seconds. `as_of` is the report
//!   date given by the caller.
//! - **One regex dialect**: `regex-lite`'s (RE2-like syntax; `\d`, `\w` are ASCII), a search
//!   anywhere in the text (anchor with `^...$`). Patterns are literal texts, compiled at
//!   load time.
//! - **Limits** ([`Limits`]): source length, nesting depth, evaluation steps, list sizes;
//!   beyond one, [`crate::Error::LimitExceeded`] (`expression_chars`, `expression_depth`,
//!   `expression_steps`, `expression_list_len`).

mod ast;
mod eval;
mod lexer;
mod parser;
mod types;
mod value;

#[cfg(test)]
mod tests;

pub use eval::{Activation, EvalError, Outcome};
pub use types::{Env, FieldType, Schema, Type};
pub use value::Value;

use crate::{Error, Result};
use ast::Expr;
use regex_lite::Regex;
use std::collections::BTreeMap;
use std::fmt;

/// The limits of compilation and evaluation. The defaults suit rules written by hand.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Limits {
    /// Characters of an expression's source (`expression_chars`).
    pub max_chars: usize,
    /// Nesting: parentheses, brackets and arguments, and the height of the tree
    /// (`expression_depth`). Also the nesting limit of patterns.
    pub max_depth: u32,
    /// Nodes visited in one evaluation, items of `all`/`exists` included
    /// (`expression_steps`).
    pub max_steps: u64,
    /// Items of a list written in the expression or built by `+` (`expression_list_len`).
    pub max_list_len: usize,
    /// Size of a compiled pattern, in bytes (a larger one is `invalid_rule`).
    pub max_pattern_size: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_chars: 4096,
            max_depth: 64,
            max_steps: 100_000,
            max_list_len: 10_000,
            max_pattern_size: 64 * 1024,
        }
    }
}

/// `invalid_rule` at `column` of the expression (the rule's path is filled in by the rule
/// file's loader).
pub(crate) fn invalid(
    column: usize,
    message: impl Into<String>,
    suggestion: Option<String>,
) -> Error {
    Error::InvalidRule {
        path: String::new(),
        column,
        message: message.into(),
        suggestion,
    }
}

/// A compiled expression: parsed, type-checked, its patterns compiled.
#[derive(Debug, Clone)]
pub struct Program {
    expr: Expr,
    ty: Type,
    nullable: bool,
    regexes: BTreeMap<String, Regex>,
    fields: Vec<String>,
    limits: Limits,
}

impl Program {
    /// Compiles `source` against `env` with the default [`Limits`].
    pub fn compile(source: &str, env: &Env) -> Result<Self> {
        Self::compile_with(source, env, Limits::default())
    }

    /// Compiles `source` against `env` with `limits`.
    pub fn compile_with(source: &str, env: &Env, limits: Limits) -> Result<Self> {
        let expr = parser::parse(source, &limits)?;
        Self::from_tree(expr, env, limits)
    }

    /// Compiles a condition: an expression whose value is `true` or `false`.
    ///
    /// ```
    /// use lineamientos::ruleset::expr::{Env, Program, Type};
    /// let env = Env::new().var("women", Type::Int);
    /// assert!(Program::compile_condition("women > 0", &env).is_ok());
    /// assert_eq!(Program::compile_condition("women + 1", &env).unwrap_err().code(), "invalid_rule");
    /// ```
    pub fn compile_condition(source: &str, env: &Env) -> Result<Self> {
        let p = Self::compile(source, env)?;
        if p.ty != Type::Bool {
            return Err(invalid(
                p.expr.column(),
                format!(
                    "a condition is true or false, this expression is a {}",
                    p.ty
                ),
                None,
            ));
        }
        Ok(p)
    }

    pub(crate) fn from_tree(expr: Expr, env: &Env, limits: Limits) -> Result<Self> {
        let mut checker = types::Checker::new(env, &limits);
        let checked = checker.check_root(&expr)?;
        let regexes = std::mem::take(&mut checker.regexes);
        let all = std::mem::take(&mut checker.fields);
        drop(checker);
        // Keep the longest selections: `activity.end`, not also `activity`.
        let fields = all
            .iter()
            .filter(|f| {
                !all.iter().any(|g| {
                    g.len() > f.len()
                        && g.starts_with(f.as_str())
                        && g.as_bytes().get(f.len()) == Some(&b'.')
                })
            })
            .cloned()
            .collect();
        Ok(Program {
            expr,
            ty: checked.ty,
            nullable: checked.nullable,
            regexes,
            fields,
            limits,
        })
    }

    /// The type of the expression's value.
    pub fn result_type(&self) -> &Type {
        &self.ty
    }

    /// Whether an evaluation may give [`Outcome::Missing`] (some field it reads may be
    /// `null`).
    pub fn may_be_missing(&self) -> bool {
        self.nullable
    }

    /// The declared fields the expression reads, as written (`women`, `activity.end`),
    /// sorted: what a rule's missing-value policy looks at. `as_of` and the names of
    /// `all`/`exists` are not listed.
    pub fn fields(&self) -> &[String] {
        &self.fields
    }

    /// Evaluates the expression on one record.
    pub fn eval(&self, act: &Activation) -> std::result::Result<Outcome, EvalError> {
        let mut ev = eval::Evaluator::new(act, &self.regexes, &self.limits);
        match ev.eval_root(&self.expr) {
            Ok(Value::Null) | Err(eval::Stop::Missing) => Ok(Outcome::Missing(ev.missing)),
            Ok(v) => Ok(Outcome::Value(v)),
            Err(eval::Stop::Fail(e)) => Err(e),
        }
    }
}

/// The canonical text of the expression: fully parenthesised; it compiles to the same
/// program.
impl fmt::Display for Program {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.expr, f)
    }
}
