//! Evaluation of a checked tree against one record.
//!
//! The evaluator is dynamic on purpose: it matches on the values it meets, so a tree that
//! was never checked, or data that does not have the declared types, gives
//! `type_mismatch`, never a panic. Every node visited costs a step (inside `all`/`exists`
//! too), and building a list or a text costs in proportion to its size.

use super::Limits;
use super::ast::{BinaryOp, Expr, ExprKind, Quantifier, UnaryOp};
use super::types::compile_pattern;
use super::value::{Value, parse_duration};
use crate::Error;
use crate::args::parse_iso_date;
use chrono::{Days, NaiveDate};
use regex_lite::Regex;
use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::sync::Arc;

/// The values bound to the names of an expression for one evaluation: the fields of the
/// record and `as_of`. A declared name that is not bound is `null`.
#[derive(Debug, Clone, PartialEq)]
pub struct Activation {
    vars: BTreeMap<String, Value>,
}

impl Activation {
    /// Binds `as_of`, the report date (the library never reads the clock).
    pub fn new(as_of: NaiveDate) -> Self {
        let mut vars = BTreeMap::new();
        vars.insert("as_of".to_owned(), Value::Date(as_of));
        Activation { vars }
    }

    /// Binds `name` to `value` (replacing any earlier value).
    pub fn set(&mut self, name: &str, value: Value) -> &mut Self {
        self.vars.insert(name.to_owned(), value);
        self
    }

    /// [`Activation::set`], by value.
    #[must_use]
    pub fn with(mut self, name: &str, value: Value) -> Self {
        self.set(name, value);
        self
    }

    /// The value bound to `name`.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.vars.get(name)
    }
}

/// What an evaluation gave.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// A value (never `null`).
    Value(Value),
    /// No value, because data was missing: a `null` reached an operator or function that
    /// needs a value, or the whole expression is `null`. Holds the empty fields that were
    /// used, as written in the expression (`women`, `activity.end`), in order, without
    /// repeats; a field only tested (`has`, `== null`, an argument of `coalesce` that another
    /// one replaced) is not listed. The rule's missing-value policy decides what this means.
    Missing(Vec<String>),
}

impl Outcome {
    /// The value when it is `true` or `false`.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Outcome::Value(Value::Bool(b)) => Some(*b),
            _ => None,
        }
    }
}

/// Why an evaluation failed. Each has a stable [`EvalError::code`] and the 1-based column of
/// the operator or function inside the expression.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum EvalError {
    /// Whole-number arithmetic overflowed 64 bits (never wraps).
    #[error("whole number out of range at column {column}")]
    IntegerOverflow {
        /// Where.
        column: usize,
    },
    /// Arithmetic on doubles gave an infinite number.
    #[error("number out of range at column {column}")]
    DoubleOverflow {
        /// Where.
        column: usize,
    },
    /// `/` or `%` by zero (whole numbers and doubles alike).
    #[error("division by zero at column {column}")]
    DivisionByZero {
        /// Where.
        column: usize,
    },
    /// `xs[i]` with `i` negative or not less than the list's size.
    #[error("index {index} out of range for a list of {len} items at column {column}")]
    IndexOutOfRange {
        /// Where.
        column: usize,
        /// The index.
        index: i64,
        /// The list's size.
        len: usize,
    },
    /// Date arithmetic left chrono's range of dates.
    #[error("date out of range at column {column}")]
    DateOutOfRange {
        /// Where.
        column: usize,
    },
    /// `date(s)` of a text that is not `YYYY-MM-DD`.
    #[error("{value:?} is not a date written YYYY-MM-DD (column {column})")]
    InvalidDate {
        /// Where.
        column: usize,
        /// The text.
        value: String,
    },
    /// `duration(s)` of a text that is not a number of days such as `"30d"`.
    #[error("{value:?} is not a number of days such as \"30d\" (column {column})")]
    InvalidDuration {
        /// Where.
        column: usize,
        /// The text.
        value: String,
    },
    /// A value of the wrong type: data that does not have the declared types (or a tree
    /// that was not checked).
    #[error("a {found} where {expected} was expected (column {column})")]
    TypeMismatch {
        /// Where.
        column: usize,
        /// What the operator or function takes.
        expected: &'static str,
        /// The type found.
        found: &'static str,
    },
    /// A limit of evaluation was reached (`expression_steps`, `expression_list_len`):
    /// always [`Error::LimitExceeded`].
    #[error(transparent)]
    Limit(Error),
}

impl EvalError {
    /// The stable code: `integer_overflow`, `double_overflow`, `division_by_zero`,
    /// `index_out_of_range`, `date_out_of_range`, `invalid_date`, `invalid_duration`,
    /// `type_mismatch`, or `limit_exceeded`.
    pub fn code(&self) -> &'static str {
        match self {
            EvalError::IntegerOverflow { .. } => "integer_overflow",
            EvalError::DoubleOverflow { .. } => "double_overflow",
            EvalError::DivisionByZero { .. } => "division_by_zero",
            EvalError::IndexOutOfRange { .. } => "index_out_of_range",
            EvalError::DateOutOfRange { .. } => "date_out_of_range",
            EvalError::InvalidDate { .. } => "invalid_date",
            EvalError::InvalidDuration { .. } => "invalid_duration",
            EvalError::TypeMismatch { .. } => "type_mismatch",
            EvalError::Limit(e) => e.code(),
        }
    }

    /// The 1-based column inside the expression (0 for a limit).
    pub fn column(&self) -> usize {
        match self {
            EvalError::IntegerOverflow { column }
            | EvalError::DoubleOverflow { column }
            | EvalError::DivisionByZero { column }
            | EvalError::IndexOutOfRange { column, .. }
            | EvalError::DateOutOfRange { column }
            | EvalError::InvalidDate { column, .. }
            | EvalError::InvalidDuration { column, .. }
            | EvalError::TypeMismatch { column, .. } => *column,
            EvalError::Limit(_) => 0,
        }
    }
}

/// Why evaluation of a node stopped without a value.
pub(crate) enum Stop {
    Missing,
    Fail(EvalError),
}

impl From<EvalError> for Stop {
    fn from(e: EvalError) -> Self {
        Stop::Fail(e)
    }
}

type R = Result<Value, Stop>;

pub(crate) struct Evaluator<'a> {
    act: &'a Activation,
    regexes: &'a BTreeMap<String, Regex>,
    limits: &'a Limits,
    steps: u64,
    /// `all`/`exists` names in scope, innermost last.
    locals: Vec<(&'a str, Value)>,
    /// Fields read as null, as written.
    pub missing: Vec<String>,
}

fn mismatch(e: &Expr, expected: &'static str, found: &Value) -> Stop {
    Stop::Fail(EvalError::TypeMismatch {
        column: e.column(),
        expected,
        found: found.type_name(),
    })
}

impl<'a> Evaluator<'a> {
    pub(crate) fn new(
        act: &'a Activation,
        regexes: &'a BTreeMap<String, Regex>,
        limits: &'a Limits,
    ) -> Self {
        Evaluator {
            act,
            regexes,
            limits,
            steps: 0,
            locals: Vec::new(),
            missing: Vec::new(),
        }
    }

    /// The value of a whole tree; `Ok(Value::Null)` and `Err(Stop::Missing)` both mean
    /// missing data. A tree higher than the depth limit is refused before recursing.
    pub(crate) fn eval_root(&mut self, e: &'a Expr) -> R {
        if e.height() > self.limits.max_depth {
            return Err(Stop::Fail(EvalError::Limit(super::parser::depth_error(
                self.limits,
            ))));
        }
        self.eval(e)
    }

    fn charge(&mut self, n: u64) -> Result<(), Stop> {
        self.steps = self.steps.saturating_add(n);
        if self.steps > self.limits.max_steps {
            return Err(Stop::Fail(EvalError::Limit(Error::limit(
                "expression_steps",
                self.limits.max_steps,
                None,
            ))));
        }
        Ok(())
    }

    fn note_missing(&mut self, e: &Expr) {
        let path = e.selection_path().unwrap_or_else(|| e.to_string());
        if !self.missing.contains(&path) {
            self.missing.push(path);
        }
    }

    /// The value of `e`, `null` being missing data.
    fn strict(&mut self, e: &'a Expr) -> R {
        match self.eval(e)? {
            Value::Null => Err(Stop::Missing),
            v => Ok(v),
        }
    }

    fn eval(&mut self, e: &'a Expr) -> R {
        self.charge(1)?;
        match e.kind() {
            ExprKind::Null => Ok(Value::Null),
            ExprKind::Bool(b) => Ok(Value::Bool(*b)),
            ExprKind::Int(i) => Ok(Value::Int(*i)),
            ExprKind::Double(d) => Ok(Value::Double(*d)),
            ExprKind::Str(s) => Ok(Value::String(Arc::clone(s))),
            ExprKind::List(items) => {
                self.charge(items.len() as u64)?;
                let mut out = Vec::with_capacity(items.len());
                for item in items {
                    out.push(self.strict(item)?);
                }
                Ok(Value::List(out.into()))
            }
            ExprKind::Ident(_) | ExprKind::Field(..) => {
                let v = self.select(e)?;
                if v == Value::Null && self.selects_non_null_parent(e)? {
                    self.note_missing(e);
                }
                Ok(v)
            }
            ExprKind::Index(list, index) => {
                let l = self.strict(list)?;
                let i = self.strict(index)?;
                match (&l, &i) {
                    (Value::List(items), Value::Int(n)) => usize::try_from(*n)
                        .ok()
                        .and_then(|k| items.get(k))
                        .cloned()
                        .ok_or(Stop::Fail(EvalError::IndexOutOfRange {
                            column: e.column(),
                            index: *n,
                            len: items.len(),
                        })),
                    (Value::List(_), other) => Err(mismatch(index, "an int", other)),
                    (other, _) => Err(mismatch(e, "a list", other)),
                }
            }
            ExprKind::Unary(op, operand) => {
                let v = self.strict(operand)?;
                match (op, &v) {
                    (UnaryOp::Not, Value::Bool(b)) => Ok(Value::Bool(!b)),
                    (UnaryOp::Neg, Value::Int(i)) => i.checked_neg().map(Value::Int).ok_or(
                        Stop::Fail(EvalError::IntegerOverflow { column: e.column() }),
                    ),
                    (UnaryOp::Neg, Value::Double(d)) => Ok(Value::Double(-d)),
                    (UnaryOp::Neg, Value::Duration(n)) => {
                        n.checked_neg().map(Value::Duration).ok_or(Stop::Fail(
                            EvalError::IntegerOverflow { column: e.column() },
                        ))
                    }
                    (UnaryOp::Not, other) => Err(mismatch(e, "a bool", other)),
                    (UnaryOp::Neg, other) => Err(mismatch(e, "a number", other)),
                }
            }
            ExprKind::Binary(op, l, r) => self.binary(e, *op, l, r),
            ExprKind::Cond(c, yes, no) => match self.strict(c)? {
                Value::Bool(true) => self.eval(yes),
                Value::Bool(false) => self.eval(no),
                other => Err(mismatch(c, "a bool", &other)),
            },
            ExprKind::Has(field) => Ok(Value::Bool(self.select(field)? != Value::Null)),
            ExprKind::Call(target, name, args) => self.call(e, target.as_deref(), name, args),
            ExprKind::Quant(q, range, var, pred) => self.quantify(*q, range, var, pred),
        }
    }

    /// The value of a name or field chain, `null` when absent, without noting anything.
    fn select(&mut self, e: &'a Expr) -> R {
        match e.kind() {
            ExprKind::Ident(name) => {
                let local = self.locals.iter().rev().find(|(n, _)| n == name);
                Ok(match local {
                    Some((_, v)) => v.clone(),
                    None => self.act.get(name).cloned().unwrap_or(Value::Null),
                })
            }
            ExprKind::Field(target, name) => {
                let t = match target.kind() {
                    ExprKind::Ident(_) | ExprKind::Field(..) => self.select(target)?,
                    _ => self.eval(target)?,
                };
                match t {
                    Value::Object(fields) => Ok(fields.get(name).cloned().unwrap_or(Value::Null)),
                    Value::Null => Ok(Value::Null),
                    other => Err(mismatch(e, "a record", &other)),
                }
            }
            _ => self.eval(e),
        }
    }

    /// The value of `e` where `null` is expected (`== null`, `coalesce`): a field read there
    /// is not reported as missing.
    fn quiet(&mut self, e: &'a Expr) -> R {
        match e.kind() {
            ExprKind::Ident(_) | ExprKind::Field(..) => {
                self.charge(1)?;
                self.select(e)
            }
            _ => self.eval(e),
        }
    }

    /// Whether the null read at `e` is this field's own (its record exists): `a.b` with `a`
    /// null notes `a`, not `a.b` too.
    fn selects_non_null_parent(&mut self, e: &'a Expr) -> Result<bool, Stop> {
        match e.kind() {
            ExprKind::Field(target, _) => {
                let parent = self.select(target)?;
                if parent == Value::Null {
                    // Note the first null along the chain instead.
                    if self.selects_non_null_parent(target)? {
                        self.note_missing(target);
                    }
                    return Ok(false);
                }
                Ok(true)
            }
            _ => Ok(true),
        }
    }

    fn binary(&mut self, e: &'a Expr, op: BinaryOp, l: &'a Expr, r: &'a Expr) -> R {
        match op {
            BinaryOp::And | BinaryOp::Or => return self.logic(op, l, r),
            BinaryOp::Eq | BinaryOp::Ne => {
                // `x == null` tests presence (missing data is null here).
                let other = match (l.kind(), r.kind()) {
                    (_, ExprKind::Null) => Some(l),
                    (ExprKind::Null, _) => Some(r),
                    _ => None,
                };
                if let Some(x) = other {
                    let is_null = match self.quiet(x) {
                        Ok(v) => v == Value::Null,
                        Err(Stop::Missing) => true,
                        Err(fail) => return Err(fail),
                    };
                    return Ok(Value::Bool(is_null == (op == BinaryOp::Eq)));
                }
            }
            _ => {}
        }
        let a = self.strict(l)?;
        let b = self.strict(r)?;
        let col = e.column();
        let cmp = |o: Option<Ordering>, f: fn(Ordering) -> bool| match o {
            Some(o) => Ok(Value::Bool(f(o))),
            None => Err(mismatch(e, "a value comparable with the left side", &b)),
        };
        match op {
            BinaryOp::Eq | BinaryOp::Ne => match equal(&a, &b) {
                Some(eq) => Ok(Value::Bool(eq == (op == BinaryOp::Eq))),
                None => Err(mismatch(e, "a value of the left side's type", &b)),
            },
            BinaryOp::Lt => cmp(order(&a, &b), Ordering::is_lt),
            BinaryOp::Le => cmp(order(&a, &b), Ordering::is_le),
            BinaryOp::Gt => cmp(order(&a, &b), Ordering::is_gt),
            BinaryOp::Ge => cmp(order(&a, &b), Ordering::is_ge),
            BinaryOp::In => match &b {
                Value::List(items) => {
                    self.charge(items.len() as u64)?;
                    for item in items.iter() {
                        match equal(&a, item) {
                            Some(true) => return Ok(Value::Bool(true)),
                            Some(false) => {}
                            None => return Err(mismatch(l, "a value of the list's item type", &a)),
                        }
                    }
                    Ok(Value::Bool(false))
                }
                other => Err(mismatch(r, "a list", other)),
            },
            _ => self.arithmetic(op, a, b, col, r),
        }
    }

    /// `&&` and `||`, left to right, stopping as soon as the result is known. Missing data
    /// on one side is absorbed when the other side decides (`false && missing` is false,
    /// `missing || true` is true); errors are not.
    fn logic(&mut self, op: BinaryOp, l: &'a Expr, r: &'a Expr) -> R {
        let decisive = op == BinaryOp::Or;
        let left = match self.strict(l) {
            Ok(Value::Bool(b)) if b == decisive => return Ok(Value::Bool(b)),
            Ok(Value::Bool(_)) => false,
            Ok(other) => return Err(mismatch(l, "a bool", &other)),
            Err(Stop::Missing) => true,
            Err(fail) => return Err(fail),
        };
        match self.strict(r)? {
            Value::Bool(b) if b == decisive => Ok(Value::Bool(b)),
            Value::Bool(b) if !left => Ok(Value::Bool(b)),
            Value::Bool(_) => Err(Stop::Missing),
            other => Err(mismatch(r, "a bool", &other)),
        }
    }

    fn arithmetic(&mut self, op: BinaryOp, a: Value, b: Value, col: usize, r: &Expr) -> R {
        use BinaryOp::{Add, Div, Mul, Rem, Sub};
        let overflow = || Stop::Fail(EvalError::IntegerOverflow { column: col });
        let zero = || Stop::Fail(EvalError::DivisionByZero { column: col });
        let dates = || Stop::Fail(EvalError::DateOutOfRange { column: col });
        match (op, a, b) {
            (_, Value::Int(x), Value::Int(y)) => {
                let v = match op {
                    Add => x.checked_add(y),
                    Sub => x.checked_sub(y),
                    Mul => x.checked_mul(y),
                    Div | Rem if y == 0 => return Err(zero()),
                    Div => x.checked_div(y),
                    _ => x.checked_rem(y),
                };
                v.map(Value::Int).ok_or_else(overflow)
            }
            (Add | Sub | Mul | Div, Value::Double(x), Value::Double(y)) => {
                let v = match op {
                    Add => x + y,
                    Sub => x - y,
                    Mul => x * y,
                    _ if y == 0.0 => return Err(zero()),
                    _ => x / y,
                };
                if v.is_finite() {
                    Ok(Value::Double(v))
                } else {
                    Err(Stop::Fail(EvalError::DoubleOverflow { column: col }))
                }
            }
            (Add, Value::String(x), Value::String(y)) => {
                self.charge(((x.len() + y.len()) / 64) as u64)?;
                let mut s = String::with_capacity(x.len() + y.len());
                s.push_str(&x);
                s.push_str(&y);
                Ok(Value::String(s.into()))
            }
            (Add, Value::List(x), Value::List(y)) => {
                let len = x.len().saturating_add(y.len());
                if len > self.limits.max_list_len {
                    return Err(Stop::Fail(EvalError::Limit(Error::limit(
                        "expression_list_len",
                        self.limits.max_list_len as u64,
                        None,
                    ))));
                }
                self.charge(len as u64)?;
                Ok(Value::List(x.iter().chain(y.iter()).cloned().collect()))
            }
            (Add, Value::Date(d), Value::Duration(n))
            | (Add, Value::Duration(n), Value::Date(d)) => {
                add_days(d, n).map(Value::Date).ok_or_else(dates)
            }
            (Sub, Value::Date(d), Value::Duration(n)) => n
                .checked_neg()
                .and_then(|n| add_days(d, n))
                .map(Value::Date)
                .ok_or_else(dates),
            (Sub, Value::Date(x), Value::Date(y)) => {
                Ok(Value::Duration(x.signed_duration_since(y).num_days()))
            }
            (Add, Value::Duration(x), Value::Duration(y)) => {
                x.checked_add(y).map(Value::Duration).ok_or_else(overflow)
            }
            (Sub, Value::Duration(x), Value::Duration(y)) => {
                x.checked_sub(y).map(Value::Duration).ok_or_else(overflow)
            }
            (_, _, b) => Err(mismatch(r, "an operand of the left side's type", &b)),
        }
    }

    fn call(&mut self, e: &'a Expr, target: Option<&'a Expr>, name: &str, args: &'a [Expr]) -> R {
        let col = e.column();
        if name == "coalesce" {
            for a in args {
                match self.quiet(a) {
                    Ok(Value::Null) | Err(Stop::Missing) => {}
                    other => return other,
                }
            }
            // Nothing had a value: now the empty fields are what is missing.
            for a in args {
                if a.selection_path().is_some() {
                    self.note_missing(a);
                }
            }
            return Ok(Value::Null);
        }
        let mut vals = Vec::with_capacity(args.len() + 1);
        for a in target.into_iter().chain(args) {
            vals.push(self.strict(a)?);
        }
        Ok(match (name, vals.as_slice()) {
            ("size", [Value::String(s)]) => {
                self.charge((s.len() / 64) as u64)?;
                Value::Int(i64::try_from(s.chars().count()).unwrap_or(i64::MAX))
            }
            ("size", [Value::List(l)]) => Value::Int(i64::try_from(l.len()).unwrap_or(i64::MAX)),
            ("matches", [Value::String(s), Value::String(p)]) => {
                self.charge((s.len() / 16) as u64)?;
                let hit = match self.regexes.get(&**p) {
                    Some(re) => re.is_match(s),
                    // Not checked (the checker compiles every literal pattern).
                    None => compile_pattern(p, self.limits)
                        .map_err(|_| mismatch(e, "a valid pattern", &Value::String(Arc::clone(p))))?
                        .is_match(s),
                };
                Value::Bool(hit)
            }
            ("startsWith", [Value::String(s), Value::String(x)]) => {
                Value::Bool(s.starts_with(&**x))
            }
            ("endsWith", [Value::String(s), Value::String(x)]) => Value::Bool(s.ends_with(&**x)),
            ("contains", [Value::String(s), Value::String(x)]) => Value::Bool(s.contains(&**x)),
            ("lower", [Value::String(s)]) => Value::String(s.to_lowercase().into()),
            ("upper", [Value::String(s)]) => Value::String(s.to_uppercase().into()),
            ("date", [Value::String(s)]) => match parse_iso_date(s) {
                Some(d) => Value::Date(d),
                None => {
                    return Err(Stop::Fail(EvalError::InvalidDate {
                        column: col,
                        value: s.to_string(),
                    }));
                }
            },
            ("duration", [Value::String(s)]) => match parse_duration(s) {
                Some(n) => Value::Duration(n),
                None => {
                    return Err(Stop::Fail(EvalError::InvalidDuration {
                        column: col,
                        value: s.to_string(),
                    }));
                }
            },
            ("days", [Value::Int(n)]) => Value::Duration(*n),
            ("days_between", [Value::Date(a), Value::Date(b)]) => {
                Value::Int(b.signed_duration_since(*a).num_days())
            }
            ("int", [Value::Int(i)]) => Value::Int(*i),
            ("int", [Value::Double(d)]) => Value::Int(
                double_to_int(*d).ok_or(Stop::Fail(EvalError::IntegerOverflow { column: col }))?,
            ),
            ("double", [Value::Int(i)]) => Value::Double(*i as f64),
            ("double", [Value::Double(d)]) => Value::Double(*d),
            (_, [first, ..]) => return Err(mismatch(e, "an argument this function takes", first)),
            (_, []) => return Err(mismatch(e, "an argument", &Value::Null)),
        })
    }

    fn quantify(&mut self, q: Quantifier, range: &'a Expr, var: &'a str, pred: &'a Expr) -> R {
        let items = match self.strict(range)? {
            Value::List(items) => items,
            other => return Err(mismatch(range, "a list", &other)),
        };
        // all: stop at the first false; exists: at the first true. A missing item result
        // is remembered and decides only if no item does.
        let decisive = q == Quantifier::Exists;
        let mut missing = false;
        for item in items.iter() {
            self.locals.push((var, item.clone()));
            let r = self.strict(pred);
            self.locals.pop();
            match r {
                Ok(Value::Bool(b)) if b == decisive => return Ok(Value::Bool(b)),
                Ok(Value::Bool(_)) => {}
                Ok(other) => return Err(mismatch(pred, "a bool", &other)),
                Err(Stop::Missing) => missing = true,
                Err(fail) => return Err(fail),
            }
        }
        if missing {
            Err(Stop::Missing)
        } else {
            Ok(Value::Bool(!decisive))
        }
    }
}

fn add_days(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    if n >= 0 {
        d.checked_add_days(Days::new(n.unsigned_abs()))
    } else {
        d.checked_sub_days(Days::new(n.unsigned_abs()))
    }
}

const TWO_63: f64 = 9_223_372_036_854_775_808.0;

/// Truncation toward zero, `None` outside the 64-bit range.
fn double_to_int(d: f64) -> Option<i64> {
    if (-TWO_63..TWO_63).contains(&d) {
        Some(d.trunc() as i64)
    } else {
        None
    }
}

/// An int against a double, exactly (no rounding of the int to a double).
fn cmp_int_double(i: i64, d: f64) -> Option<Ordering> {
    if d.is_nan() {
        return None;
    }
    if d >= TWO_63 {
        return Some(Ordering::Less);
    }
    if d < -TWO_63 {
        return Some(Ordering::Greater);
    }
    // Equal whole parts: the fraction decides (i is t, against d).
    let t = d.trunc();
    Some(i.cmp(&(t as i64)).then(t.partial_cmp(&d)?))
}

/// The order of two values, `None` when they have none.
pub(crate) fn order(a: &Value, b: &Value) -> Option<Ordering> {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => Some(x.cmp(y)),
        (Value::Double(x), Value::Double(y)) => x.partial_cmp(y),
        (Value::Int(x), Value::Double(y)) => cmp_int_double(*x, *y),
        (Value::Double(x), Value::Int(y)) => cmp_int_double(*y, *x).map(Ordering::reverse),
        (Value::String(x), Value::String(y)) => Some(x.cmp(y)),
        (Value::Date(x), Value::Date(y)) => Some(x.cmp(y)),
        (Value::Duration(x), Value::Duration(y)) => Some(x.cmp(y)),
        _ => None,
    }
}

/// The language's equality: numbers by value, lists and records item by item; `None` for
/// values of types that are never compared.
pub(crate) fn equal(a: &Value, b: &Value) -> Option<bool> {
    match (a, b) {
        (Value::Null, Value::Null) => Some(true),
        (Value::Null, _) | (_, Value::Null) => Some(false),
        (Value::Bool(x), Value::Bool(y)) => Some(x == y),
        (Value::List(x), Value::List(y)) => {
            if x.len() != y.len() {
                return Some(false);
            }
            let mut all = true;
            for (p, q) in x.iter().zip(y.iter()) {
                all &= equal(p, q)?;
            }
            Some(all)
        }
        (Value::Object(x), Value::Object(y)) => {
            if x.len() != y.len() {
                return Some(false);
            }
            let mut all = true;
            for ((k, p), (l, q)) in x.iter().zip(y.iter()) {
                if k != l {
                    return Some(false);
                }
                all &= equal(p, q)?;
            }
            Some(all)
        }
        _ => order(a, b).map(Ordering::is_eq),
    }
}
