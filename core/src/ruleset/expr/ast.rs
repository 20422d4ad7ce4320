//! The syntax tree of an expression, and its canonical (fully parenthesised) text.
//!
//! Every node knows its height, computed when it is built: the checker and the evaluator
//! recurse on the tree, so a tree higher than the depth limit is refused before either runs
//! (a long chain `1 + 1 + ... + 1` is as deep as it is long).

use std::fmt::{self, Write as _};
use std::sync::Arc;

/// A unary operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum UnaryOp {
    /// `!`
    Not,
    /// `-`
    Neg,
}

/// A binary operator. `&&` and `||` are here too: the evaluator short-circuits them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BinaryOp {
    Or,
    And,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    In,
    Add,
    Sub,
    Mul,
    Div,
    Rem,
}

impl BinaryOp {
    pub(crate) fn symbol(self) -> &'static str {
        match self {
            BinaryOp::Or => "||",
            BinaryOp::And => "&&",
            BinaryOp::Eq => "==",
            BinaryOp::Ne => "!=",
            BinaryOp::Lt => "<",
            BinaryOp::Le => "<=",
            BinaryOp::Gt => ">",
            BinaryOp::Ge => ">=",
            BinaryOp::In => "in",
            BinaryOp::Add => "+",
            BinaryOp::Sub => "-",
            BinaryOp::Mul => "*",
            BinaryOp::Div => "/",
            BinaryOp::Rem => "%",
        }
    }
}

/// `xs.all(x, pred)` or `xs.exists(x, pred)` (CEL macros).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Quantifier {
    All,
    Exists,
}

impl Quantifier {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Quantifier::All => "all",
            Quantifier::Exists => "exists",
        }
    }
}

/// What a node is.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum ExprKind {
    Null,
    Bool(bool),
    Int(i64),
    /// Always finite: the lexer refuses literals that overflow.
    Double(f64),
    /// Shared: evaluating the literal clones a pointer, not the text.
    Str(Arc<str>),
    List(Vec<Expr>),
    Ident(String),
    /// `a.b`
    Field(Box<Expr>, String),
    /// `xs[i]`
    Index(Box<Expr>, Box<Expr>),
    Unary(UnaryOp, Box<Expr>),
    Binary(BinaryOp, Box<Expr>, Box<Expr>),
    /// `c ? a : b`
    Cond(Box<Expr>, Box<Expr>, Box<Expr>),
    /// `has(a.b)`: a field selection (or a plain name), never evaluated for its value.
    Has(Box<Expr>),
    /// `f(args)` (target `None`) or `target.f(args)`.
    Call(Option<Box<Expr>>, String, Vec<Expr>),
    /// `range.all(var, pred)` / `range.exists(var, pred)`.
    Quant(Quantifier, Box<Expr>, String, Box<Expr>),
}

/// One node: what it is, where it was written (1-based character column; 0 for a node that
/// was built, not parsed) and the height of its subtree.
#[derive(Debug, Clone)]
pub(crate) struct Expr {
    kind: ExprKind,
    column: u32,
    height: u32,
}

/// Two trees are equal when they have the same shape and literals: where they were written
/// does not matter (the canonical text of a tree parses back to an equal tree).
impl PartialEq for Expr {
    fn eq(&self, other: &Self) -> bool {
        self.kind == other.kind
    }
}

impl Expr {
    pub(crate) fn new(kind: ExprKind, column: u32) -> Self {
        let child = match &kind {
            ExprKind::Null
            | ExprKind::Bool(_)
            | ExprKind::Int(_)
            | ExprKind::Double(_)
            | ExprKind::Str(_)
            | ExprKind::Ident(_) => 0,
            ExprKind::List(items) => items.iter().map(|e| e.height).max().unwrap_or(0),
            ExprKind::Field(e, _) | ExprKind::Unary(_, e) | ExprKind::Has(e) => e.height,
            ExprKind::Index(a, b) | ExprKind::Binary(_, a, b) | ExprKind::Quant(_, a, _, b) => {
                a.height.max(b.height)
            }
            ExprKind::Cond(a, b, c) => a.height.max(b.height).max(c.height),
            ExprKind::Call(target, _, args) => args
                .iter()
                .map(|e| e.height)
                .chain(target.iter().map(|t| t.height))
                .max()
                .unwrap_or(0),
        };
        Expr {
            kind,
            column,
            height: child.saturating_add(1),
        }
    }

    pub(crate) fn kind(&self) -> &ExprKind {
        &self.kind
    }

    /// 1-based character column where the node was written (its operator, name or literal).
    pub(crate) fn column(&self) -> usize {
        self.column as usize
    }

    /// 1 for a leaf.
    pub(crate) fn height(&self) -> u32 {
        self.height
    }

    /// The selection chain `a.b.c` as written, when the node is one (a name, or fields
    /// selected from one).
    pub(crate) fn selection_path(&self) -> Option<String> {
        match &self.kind {
            ExprKind::Ident(name) => Some(name.clone()),
            ExprKind::Field(e, f) => {
                let mut p = e.selection_path()?;
                p.push('.');
                p.push_str(f);
                Some(p)
            }
            _ => None,
        }
    }
}

/// The canonical text: every compound node in parentheses, doubles in their shortest
/// round-trip form, strings double-quoted with escapes. Parsing it gives back an equal tree.
impl fmt::Display for Expr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ExprKind::Null => f.write_str("null"),
            ExprKind::Bool(b) => write!(f, "{b}"),
            ExprKind::Int(i) => write!(f, "{i}"),
            // `{:?}` is the shortest text that reads back to the same f64, always with a `.`
            // or an exponent, so it lexes as a double again.
            ExprKind::Double(d) => write!(f, "{d:?}"),
            ExprKind::Str(s) => write_string(f, s),
            ExprKind::List(items) => {
                f.write_char('[')?;
                write_list(f, items)?;
                f.write_char(']')
            }
            ExprKind::Ident(name) => f.write_str(name),
            ExprKind::Field(e, name) => write!(f, "{}.{name}", Target(e)),
            ExprKind::Index(e, i) => write!(f, "{}[{i}]", Target(e)),
            ExprKind::Unary(UnaryOp::Not, e) => write!(f, "!({e})"),
            ExprKind::Unary(UnaryOp::Neg, e) => write!(f, "-({e})"),
            ExprKind::Binary(op, a, b) => write!(f, "({a} {} {b})", op.symbol()),
            ExprKind::Cond(c, a, b) => write!(f, "({c} ? {a} : {b})"),
            ExprKind::Has(e) => write!(f, "has({e})"),
            ExprKind::Call(target, name, args) => {
                if let Some(t) = target {
                    write!(f, "{}.", Target(t))?;
                }
                write!(f, "{name}(")?;
                write_list(f, args)?;
                f.write_char(')')
            }
            ExprKind::Quant(q, range, var, pred) => {
                write!(f, "{}.{}({var}, {pred})", Target(range), q.name())
            }
        }
    }
}

/// The target of `.f`, `[i]` or a method: a unary operation in parentheses, as `-x.f` is
/// `-(x.f)`.
struct Target<'a>(&'a Expr);

impl fmt::Display for Target<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0.kind {
            ExprKind::Unary(..) => write!(f, "({})", self.0),
            _ => fmt::Display::fmt(self.0, f),
        }
    }
}

fn write_list(f: &mut fmt::Formatter<'_>, items: &[Expr]) -> fmt::Result {
    for (i, e) in items.iter().enumerate() {
        if i > 0 {
            f.write_str(", ")?;
        }
        write!(f, "{e}")?;
    }
    Ok(())
}

/// A string literal in double quotes, escaped so that the lexer reads it back unchanged.
pub(crate) fn write_string(f: &mut impl fmt::Write, s: &str) -> fmt::Result {
    f.write_char('"')?;
    for c in s.chars() {
        match c {
            '"' => f.write_str("\\\"")?,
            '\\' => f.write_str("\\\\")?,
            '\n' => f.write_str("\\n")?,
            '\r' => f.write_str("\\r")?,
            '\t' => f.write_str("\\t")?,
            c if c.is_control() => write!(f, "\\u{:04x}", u32::from(c))?,
            c => f.write_char(c)?,
        }
    }
    f.write_char('"')
}
