//! Types, the typed environment, and the checker that runs when a rule is loaded: every
//! name, field, function and operator is resolved here, so that `women > "3"` or a misspelt
//! field is refused before any data is seen.

use super::ast::{BinaryOp, Expr, ExprKind, Quantifier, UnaryOp};
use super::parser::depth_error;
use super::value::parse_duration;
use super::{Limits, invalid};
use crate::Result;
use crate::args::parse_iso_date;
use crate::text::{nearest, normalize_key};
use regex_lite::Regex;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::sync::Arc;

/// The type of a value.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Type {
    /// The type of the literal `null` only.
    Null,
    /// `true` / `false`.
    Bool,
    /// Whole number (64 bits).
    Int,
    /// Number with a fraction.
    Double,
    /// Text.
    String,
    /// Calendar day.
    Date,
    /// Number of days.
    Duration,
    /// List of one element type.
    List(Box<Type>),
    /// A record with named fields.
    Object(Arc<Schema>),
    /// The element type of the empty list `[]`: goes with any type.
    Any,
}

impl Type {
    /// `list(item)`.
    pub fn list(item: Type) -> Self {
        Type::List(Box::new(item))
    }

    /// A record type.
    pub fn object(schema: Schema) -> Self {
        Type::Object(Arc::new(schema))
    }

    fn is_number(&self) -> bool {
        matches!(self, Type::Int | Type::Double)
    }
}

impl fmt::Display for Type {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Type::Null => f.write_str("null"),
            Type::Bool => f.write_str("bool"),
            Type::Int => f.write_str("int"),
            Type::Double => f.write_str("double"),
            Type::String => f.write_str("string"),
            Type::Date => f.write_str("date"),
            Type::Duration => f.write_str("duration"),
            Type::List(t) => write!(f, "list({t})"),
            Type::Object(_) => f.write_str("record"),
            Type::Any => f.write_str("any"),
        }
    }
}

/// A field's type, and whether it may be empty (`null`) in the data.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldType {
    /// The type of the value when there is one.
    pub ty: Type,
    /// Whether the field may be `null`.
    pub nullable: bool,
}

/// The fields of a record type.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Schema {
    fields: BTreeMap<String, FieldType>,
}

impl Schema {
    /// No fields.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a field that always has a value.
    #[must_use]
    pub fn field(mut self, name: &str, ty: Type) -> Self {
        self.fields.insert(
            name.to_owned(),
            FieldType {
                ty,
                nullable: false,
            },
        );
        self
    }

    /// Adds a field that may be `null`.
    #[must_use]
    pub fn nullable(mut self, name: &str, ty: Type) -> Self {
        self.fields
            .insert(name.to_owned(), FieldType { ty, nullable: true });
        self
    }

    /// The field called `name`.
    pub fn get(&self, name: &str) -> Option<&FieldType> {
        self.fields.get(name)
    }

    /// The field names, sorted.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.fields.keys().map(String::as_str)
    }
}

/// The names an expression may use, with their types: the record under check (its fields
/// are plain names: `women`, `start`) and `as_of`, the report date, always a date, always
/// bound (the library has no clock).
#[derive(Debug, Clone, PartialEq)]
pub struct Env {
    vars: Schema,
}

impl Default for Env {
    fn default() -> Self {
        Self::new()
    }
}

impl Env {
    /// Only `as_of`.
    pub fn new() -> Self {
        Env {
            vars: Schema::new().field("as_of", Type::Date),
        }
    }

    /// Declares a name that always has a value.
    #[must_use]
    pub fn var(mut self, name: &str, ty: Type) -> Self {
        self.vars = self.vars.field(name, ty);
        self
    }

    /// Declares a name that may be `null`.
    #[must_use]
    pub fn nullable(mut self, name: &str, ty: Type) -> Self {
        self.vars = self.vars.nullable(name, ty);
        self
    }

    /// The declared names and types.
    pub fn vars(&self) -> &Schema {
        &self.vars
    }
}

/// The functions, for suggestions (the macros `all`, `exists` and `has` included).
pub(crate) const FUNCTIONS: &[&str] = &[
    "has",
    "coalesce",
    "size",
    "matches",
    "startsWith",
    "endsWith",
    "contains",
    "lower",
    "upper",
    "date",
    "duration",
    "days",
    "days_between",
    "int",
    "double",
    "all",
    "exists",
];

/// What the checker says of a node: its type, and whether it may yield no value.
#[derive(Debug, Clone)]
pub(crate) struct Checked {
    pub ty: Type,
    pub nullable: bool,
}

fn checked(ty: Type, nullable: bool) -> Result<Checked> {
    Ok(Checked { ty, nullable })
}

/// Resolves the names, fields, functions and operators of a tree against an [`Env`].
pub(crate) struct Checker<'a> {
    env: &'a Env,
    limits: &'a Limits,
    locals: Vec<(String, Type)>,
    /// Each distinct pattern of `matches`, compiled once.
    pub regexes: BTreeMap<String, Regex>,
    /// Every selection of a declared name, as written (`women`, `activity.start`).
    pub fields: BTreeSet<String>,
}

/// The one regex dialect: `regex-lite`'s (RE2-like syntax, no look-around, no back
/// references, ASCII classes), linear time on any input, with a size limit on the
/// compiled program.
pub(crate) fn compile_pattern(
    pattern: &str,
    limits: &Limits,
) -> std::result::Result<Regex, String> {
    regex_lite::RegexBuilder::new(pattern)
        .size_limit(limits.max_pattern_size)
        .nest_limit(limits.max_depth)
        .build()
        .map_err(|e| e.to_string())
}

impl<'a> Checker<'a> {
    pub(crate) fn new(env: &'a Env, limits: &'a Limits) -> Self {
        Checker {
            env,
            limits,
            locals: Vec::new(),
            regexes: BTreeMap::new(),
            fields: BTreeSet::new(),
        }
    }

    /// Checks a whole tree (refusing one higher than the depth limit before recursing).
    pub(crate) fn check_root(&mut self, e: &Expr) -> Result<Checked> {
        if e.height() > self.limits.max_depth {
            return Err(depth_error(self.limits));
        }
        self.check(e)
    }

    fn check(&mut self, e: &Expr) -> Result<Checked> {
        let at = e.column();
        match e.kind() {
            ExprKind::Null => checked(Type::Null, true),
            ExprKind::Bool(_) => checked(Type::Bool, false),
            ExprKind::Int(_) => checked(Type::Int, false),
            ExprKind::Double(_) => checked(Type::Double, false),
            ExprKind::Str(_) => checked(Type::String, false),
            ExprKind::List(items) => {
                let mut item_ty = Type::Any;
                for item in items {
                    let c = self.check(item)?;
                    if c.ty == Type::Null {
                        return Err(invalid(item.column(), "a list cannot hold null", None));
                    }
                    item_ty = unify(&item_ty, &c.ty).ok_or_else(|| {
                        invalid(
                            item.column(),
                            format!(
                                "the items of a list have one type: found {item_ty} and {}",
                                c.ty
                            ),
                            None,
                        )
                    })?;
                }
                checked(Type::list(item_ty), false)
            }
            ExprKind::Ident(name) => self.name(name, at),
            ExprKind::Field(target, name) => {
                let t = self.check(target)?;
                let Type::Object(schema) = &t.ty else {
                    return Err(invalid(
                        at,
                        format!("a value of type {} has no field {name}", t.ty),
                        None,
                    ));
                };
                let Some(field) = schema.get(name) else {
                    let suggestion = suggest(name, schema.names());
                    let message = match target.selection_path() {
                        Some(p) => format!("{p} has no field {name}"),
                        None => format!("unknown field {name}"),
                    };
                    return Err(invalid(at, message, suggestion));
                };
                self.note_field(e);
                checked(field.ty.clone(), t.nullable || field.nullable)
            }
            ExprKind::Index(list, index) => {
                let l = self.check(list)?;
                let i = self.check(index)?;
                let Type::List(item) = &l.ty else {
                    return Err(invalid(
                        at,
                        format!("only a list can be indexed, not a {}", l.ty),
                        None,
                    ));
                };
                if i.ty != Type::Int {
                    return Err(invalid(
                        index.column(),
                        format!("a list index is a whole number, not a {}", i.ty),
                        None,
                    ));
                }
                checked((**item).clone(), l.nullable || i.nullable)
            }
            ExprKind::Unary(op, operand) => {
                let c = self.check(operand)?;
                let ok = match op {
                    UnaryOp::Not => matches!(c.ty, Type::Bool | Type::Any),
                    UnaryOp::Neg => {
                        matches!(c.ty, Type::Int | Type::Double | Type::Duration | Type::Any)
                    }
                };
                if !ok {
                    let sym = if *op == UnaryOp::Not { "!" } else { "-" };
                    return Err(invalid(
                        at,
                        format!("'{sym}' does not apply to a {}", c.ty),
                        None,
                    ));
                }
                checked(c.ty, c.nullable)
            }
            ExprKind::Binary(op, l, r) => self.binary(*op, l, r, at),
            ExprKind::Cond(c, yes, no) => {
                let cc = self.check(c)?;
                expect_bool(&cc, c, "the condition of '? :'")?;
                let a = self.check(yes)?;
                let b = self.check(no)?;
                let ty = unify(&a.ty, &b.ty).ok_or_else(|| {
                    invalid(
                        at,
                        format!(
                            "both branches of '? :' have one type: found {} and {}{}",
                            a.ty,
                            b.ty,
                            numbers_hint(&a.ty, &b.ty)
                        ),
                        None,
                    )
                })?;
                checked(ty, cc.nullable || a.nullable || b.nullable)
            }
            ExprKind::Has(field) => {
                self.check(field)?;
                checked(Type::Bool, false)
            }
            ExprKind::Call(target, name, args) => self.call(e, target.as_deref(), name, args),
            ExprKind::Quant(q, range, var, pred) => {
                let r = self.check(range)?;
                let Type::List(item) = &r.ty else {
                    return Err(invalid(
                        at,
                        format!("{}() applies to a list, not a {}", q.name(), r.ty),
                        None,
                    ));
                };
                self.locals.push((var.clone(), (**item).clone()));
                let p = self.check(pred);
                self.locals.pop();
                let p = p?;
                expect_bool(
                    &p,
                    pred,
                    match q {
                        Quantifier::All => "the condition of all()",
                        Quantifier::Exists => "the condition of exists()",
                    },
                )?;
                checked(Type::Bool, r.nullable || p.nullable)
            }
        }
    }

    fn name(&mut self, name: &str, at: usize) -> Result<Checked> {
        if let Some((_, ty)) = self.locals.iter().rev().find(|(n, _)| n == name) {
            return checked(ty.clone(), false);
        }
        if let Some(f) = self.env.vars.get(name) {
            if name != "as_of" {
                self.fields.insert(name.to_owned());
            }
            return checked(f.ty.clone(), f.nullable);
        }
        if FUNCTIONS.contains(&name) {
            return Err(invalid(
                at,
                format!("{name} is a function: write {name}(...)"),
                None,
            ));
        }
        let names = self
            .env
            .vars
            .names()
            .chain(self.locals.iter().map(|(n, _)| n.as_str()));
        Err(invalid(
            at,
            format!("unknown field {name}"),
            suggest(name, names),
        ))
    }

    /// Remembers a selection rooted at a declared name (not at an `all`/`exists` name).
    fn note_field(&mut self, e: &Expr) {
        if let Some(path) = e.selection_path() {
            let root = path.split('.').next().unwrap_or_default();
            if !self.locals.iter().any(|(n, _)| n == root) && root != "as_of" {
                self.fields.insert(path);
            }
        }
    }

    fn binary(&mut self, op: BinaryOp, l: &Expr, r: &Expr, at: usize) -> Result<Checked> {
        let a = self.check(l)?;
        let b = self.check(r)?;
        let nullable = a.nullable || b.nullable;
        let sym = op.symbol();
        let mismatch = |what: &str| {
            invalid(
                at,
                format!(
                    "'{sym}' {what}: found {} and {}{}",
                    a.ty,
                    b.ty,
                    numbers_hint(&a.ty, &b.ty)
                ),
                None,
            )
        };
        match op {
            BinaryOp::And | BinaryOp::Or => {
                expect_bool(&a, l, "each side of '&&' and '||'")?;
                expect_bool(&b, r, "each side of '&&' and '||'")?;
                checked(Type::Bool, nullable)
            }
            BinaryOp::Eq | BinaryOp::Ne => {
                if !comparable(&a.ty, &b.ty) {
                    return Err(mismatch(
                        "compares values of one type (numbers never equal texts)",
                    ));
                }
                // `x == null` is a presence test: it always has a value.
                let presence = a.ty == Type::Null || b.ty == Type::Null;
                checked(Type::Bool, nullable && !presence)
            }
            BinaryOp::Lt | BinaryOp::Le | BinaryOp::Gt | BinaryOp::Ge => {
                if a.ty == Type::Null || b.ty == Type::Null {
                    return Err(invalid(
                        at,
                        format!(
                            "null has no order: test a field with has() or '== null', not '{sym}'"
                        ),
                        None,
                    ));
                }
                let ordered = a.ty == Type::Any
                    || b.ty == Type::Any
                    || (a.ty.is_number() && b.ty.is_number())
                    || (a.ty == b.ty && matches!(a.ty, Type::String | Type::Date | Type::Duration));
                if !ordered {
                    return Err(mismatch("orders two numbers, texts, dates or durations"));
                }
                checked(Type::Bool, nullable)
            }
            BinaryOp::In => {
                let Type::List(item) = &b.ty else {
                    return Err(invalid(
                        at,
                        format!("'in' looks for a value in a list, not in a {}", b.ty),
                        None,
                    ));
                };
                if !comparable(&a.ty, item) {
                    return Err(mismatch("looks for a value of the list's item type"));
                }
                checked(Type::Bool, nullable)
            }
            BinaryOp::Add | BinaryOp::Sub | BinaryOp::Mul | BinaryOp::Div | BinaryOp::Rem => {
                let ty = arithmetic(op, &a.ty, &b.ty)
                    .ok_or_else(|| mismatch("does not apply to these types"))?;
                checked(ty, nullable)
            }
        }
    }

    fn call(
        &mut self,
        e: &Expr,
        target: Option<&Expr>,
        name: &str,
        args: &[Expr],
    ) -> Result<Checked> {
        let at = e.column();
        let method_only = matches!(
            name,
            "startsWith" | "endsWith" | "contains" | "lower" | "upper"
        );
        let global_only = !method_only && !matches!(name, "size" | "matches");
        if !FUNCTIONS.contains(&name) {
            return Err(invalid(
                at,
                format!("unknown function {name}"),
                suggest(name, FUNCTIONS.iter().copied()),
            ));
        }
        if target.is_some() && global_only {
            return Err(invalid(
                at,
                format!("{name}() is not written after a value: write {name}(...)"),
                None,
            ));
        }
        if target.is_none() && method_only {
            return Err(invalid(
                at,
                format!("{name}() is written after a text: s.{name}(...)"),
                None,
            ));
        }
        // The receiver is the first argument from here on.
        let all: Vec<&Expr> = target.into_iter().chain(args).collect();
        let mut cs = Vec::with_capacity(all.len());
        for a in &all {
            cs.push(self.check(a)?);
        }
        let nullable = cs.iter().any(|c| c.nullable);
        let tys: Vec<&Type> = cs.iter().map(|c| &c.ty).collect();
        let wrong = || {
            let found: Vec<String> = tys.iter().map(ToString::to_string).collect();
            invalid(
                at,
                format!(
                    "{name}() does not take ({}): {}",
                    found.join(", "),
                    usage(name)
                ),
                None,
            )
        };
        let ty = match (name, tys.as_slice()) {
            ("coalesce", [first, rest @ ..]) => {
                let mut ty = (*first).clone();
                for t in rest {
                    ty = unify(&ty, t).ok_or_else(wrong)?;
                }
                let all_nullable = cs.iter().all(|c| c.nullable);
                return checked(ty, all_nullable);
            }
            ("size", [Type::String | Type::List(_)]) => Type::Int,
            ("matches", [Type::String, Type::String]) => {
                self.pattern(all.get(1).copied())?;
                Type::Bool
            }
            ("startsWith" | "endsWith" | "contains", [Type::String, Type::String]) => Type::Bool,
            ("lower" | "upper", [Type::String]) => Type::String,
            ("date", [Type::String]) => {
                if let Some(ExprKind::Str(s)) = all.first().map(|a| a.kind()) {
                    if parse_iso_date(s).is_none() {
                        return Err(invalid(
                            at,
                            format!("{s:?} is not a date written YYYY-MM-DD"),
                            None,
                        ));
                    }
                }
                Type::Date
            }
            ("duration", [Type::String]) => {
                if let Some(ExprKind::Str(s)) = all.first().map(|a| a.kind()) {
                    if parse_duration(s).is_none() {
                        return Err(invalid(
                            at,
                            format!("{s:?} is not a number of days such as \"30d\""),
                            None,
                        ));
                    }
                }
                Type::Duration
            }
            ("days", [Type::Int]) => Type::Duration,
            ("days_between", [Type::Date, Type::Date]) => Type::Int,
            ("int", [Type::Int | Type::Double]) => Type::Int,
            ("double", [Type::Int | Type::Double]) => Type::Double,
            _ => return Err(wrong()),
        };
        checked(ty, nullable)
    }

    /// The pattern of `matches` must be literal text: compiled here, once.
    fn pattern(&mut self, arg: Option<&Expr>) -> Result<()> {
        let Some(arg) = arg else { return Ok(()) };
        let ExprKind::Str(p) = arg.kind() else {
            return Err(invalid(
                arg.column(),
                "the pattern of matches() is written in quotes, as a literal text",
                None,
            ));
        };
        if !self.regexes.contains_key(&**p) {
            let re = compile_pattern(p, self.limits)
                .map_err(|m| invalid(arg.column(), format!("invalid pattern: {m}"), None))?;
            self.regexes.insert(p.to_string(), re);
        }
        Ok(())
    }
}

fn expect_bool(c: &Checked, e: &Expr, what: &str) -> Result<()> {
    if matches!(c.ty, Type::Bool | Type::Any) {
        Ok(())
    } else {
        Err(invalid(
            e.column(),
            format!("{what} must be true or false, not a {}", c.ty),
            None,
        ))
    }
}

/// A hint for the mistakes the no-coercion rule catches most.
fn numbers_hint(a: &Type, b: &Type) -> &'static str {
    match (a, b) {
        (Type::Int, Type::Double) | (Type::Double, Type::Int) => {
            " (no automatic conversion: write double(x) or int(x))"
        }
        (Type::String, t) | (t, Type::String) if t.is_number() => {
            " (a number in quotes is a text: write 3, not \"3\")"
        }
        _ => "",
    }
}

/// The one type two branches, list items or `coalesce` arguments share, if any.
fn unify(a: &Type, b: &Type) -> Option<Type> {
    match (a, b) {
        _ if a == b => Some(a.clone()),
        (Type::Any | Type::Null, t) | (t, Type::Any | Type::Null) => Some(t.clone()),
        (Type::List(x), Type::List(y)) => unify(x, y).map(Type::list),
        _ => None,
    }
}

/// Whether `==`, `!=` and `in` may compare the two: one type, two numbers (by value), or
/// `null` against anything (a presence test).
fn comparable(a: &Type, b: &Type) -> bool {
    match (a, b) {
        _ if a == b => true,
        (Type::Any | Type::Null, _) | (_, Type::Any | Type::Null) => true,
        (x, y) if x.is_number() && y.is_number() => true,
        (Type::List(x), Type::List(y)) => comparable(x, y),
        _ => false,
    }
}

fn arithmetic(op: BinaryOp, a: &Type, b: &Type) -> Option<Type> {
    use BinaryOp::{Add, Div, Mul, Rem, Sub};
    use Type::{Date, Double, Duration, Int};
    Some(match (op, a, b) {
        // The items of `[]`: nothing to check.
        (_, Type::Any, _) | (_, _, Type::Any) => Type::Any,
        (Add | Sub | Mul | Div | Rem, Int, Int) => Int,
        (Add | Sub | Mul | Div, Double, Double) => Double,
        (Add, Type::String, Type::String) => Type::String,
        (Add, Type::List(_), Type::List(_)) => unify(a, b)?,
        (Add | Sub, Date, Duration) | (Add, Duration, Date) => Date,
        (Sub, Date, Date) | (Add | Sub, Duration, Duration) => Duration,
        _ => return None,
    })
}

fn usage(name: &str) -> &'static str {
    match name {
        "coalesce" => "coalesce(a, b, ...) takes values of one type",
        "size" => "size(text) or size(list)",
        "matches" => "matches(text, \"pattern\") or text.matches(\"pattern\")",
        "startsWith" | "endsWith" | "contains" => "text.startsWith(\"x\") takes texts",
        "lower" | "upper" => "text.lower() takes a text",
        "date" => "date(\"2024-01-31\")",
        "duration" => "duration(\"30d\")",
        "days" => "days(30) takes a whole number",
        "days_between" => "days_between(start, end) takes two dates",
        "int" | "double" => "int(x) and double(x) take a number",
        _ => "see the documentation",
    }
}

/// The nearest of `names` to `name`, for "did you mean".
fn suggest<'n>(name: &str, names: impl Iterator<Item = &'n str>) -> Option<String> {
    let keyed: Vec<(String, &str)> = names.map(|n| (normalize_key(n), n)).collect();
    nearest(name, keyed.iter().map(|(k, n)| (k.as_str(), *n)))
}
