//! Tokens to a tree, by recursive descent with CEL's precedence (lowest first):
//! `? :`, `||`, `&&`, relations (`== != < <= > >= in`), `+ -`, `* / %`, unary `! -`,
//! member access (`.f`, `.f(..)`, `[i]`).
//!
//! Recursion happens only through a nested expression (parentheses, brackets, arguments,
//! the branches of `? :`), and each one is counted: `((((...` 100,000 deep is refused at the
//! limit, long before the stack is in danger. Operator chains are loops, and every node
//! built is checked against the same depth limit.

use super::ast::{BinaryOp, Expr, ExprKind, Quantifier, UnaryOp};
use super::lexer::{Tok, Token, lex};
use super::{Limits, invalid};
use crate::{Error, Result};

/// The tree of `src`.
pub(crate) fn parse(src: &str, limits: &Limits) -> Result<Expr> {
    let toks = lex(src, limits)?;
    let mut p = Parser {
        toks: &toks,
        pos: 0,
        depth: 0,
        limits,
    };
    let e = p.expr()?;
    match p.peek() {
        Tok::Eof => Ok(e),
        _ => Err(p.unexpected("an operator or the end of the expression")),
    }
}

/// `limit_exceeded` for an expression nested deeper than the limit.
pub(crate) fn depth_error(limits: &Limits) -> Error {
    Error::limit("expression_depth", u64::from(limits.max_depth), None)
}

struct Parser<'a> {
    toks: &'a [Token],
    pos: usize,
    depth: u32,
    limits: &'a Limits,
}

impl Parser<'_> {
    fn peek(&self) -> &Tok {
        self.toks.get(self.pos).map_or(&Tok::Eof, |t| &t.tok)
    }

    fn column(&self) -> u32 {
        self.toks
            .get(self.pos)
            .or(self.toks.last())
            .map_or(1, |t| t.column)
    }

    fn advance(&mut self) {
        self.pos += 1;
    }

    fn eat(&mut self, tok: &Tok) -> bool {
        if self.peek() == tok {
            self.advance();
            true
        } else {
            false
        }
    }

    fn expect(&mut self, tok: &Tok, what: &str) -> Result<()> {
        if self.eat(tok) {
            Ok(())
        } else {
            Err(self.unexpected(what))
        }
    }

    fn unexpected(&self, expected: &str) -> Error {
        let (found, suggestion) = match self.peek() {
            Tok::Eof => ("the end of the expression".to_owned(), None),
            Tok::Ident(w) => {
                let s = match w.as_str() {
                    "and" | "AND" | "y" => Some("&&"),
                    "or" | "OR" | "o" => Some("||"),
                    "not" | "NOT" => Some("!"),
                    _ => None,
                };
                (format!("the name {w}"), s.map(str::to_owned))
            }
            Tok::Int(_) | Tok::Double(_) => ("a number".to_owned(), None),
            Tok::Str(_) => ("a text".to_owned(), None),
            other => (format!("'{}'", symbol(other)), None),
        };
        invalid(
            self.column() as usize,
            format!("expected {expected}, found {found}"),
            suggestion,
        )
    }

    fn node(&self, kind: ExprKind, column: u32) -> Result<Expr> {
        let e = Expr::new(kind, column);
        if e.height() > self.limits.max_depth {
            return Err(depth_error(self.limits));
        }
        Ok(e)
    }

    /// A whole (nested) expression: the one place where the nesting is counted.
    fn expr(&mut self) -> Result<Expr> {
        self.depth += 1;
        if self.depth > self.limits.max_depth {
            return Err(depth_error(self.limits));
        }
        let r = self.ternary();
        self.depth -= 1;
        r
    }

    fn ternary(&mut self) -> Result<Expr> {
        let cond = self.or()?;
        if *self.peek() != Tok::Question {
            return Ok(cond);
        }
        let column = self.column();
        self.advance();
        let yes = self.or()?;
        self.expect(&Tok::Colon, "':' of '? :'")?;
        let no = self.expr()?;
        self.node(
            ExprKind::Cond(Box::new(cond), Box::new(yes), Box::new(no)),
            column,
        )
    }

    /// A left-associative chain of the operators `ops` over `next`.
    fn chain(
        &mut self,
        next: fn(&mut Self) -> Result<Expr>,
        ops: fn(&Tok) -> Option<BinaryOp>,
    ) -> Result<Expr> {
        let mut left = next(self)?;
        while let Some(op) = ops(self.peek()) {
            let column = self.column();
            self.advance();
            let right = next(self)?;
            left = self.node(
                ExprKind::Binary(op, Box::new(left), Box::new(right)),
                column,
            )?;
        }
        Ok(left)
    }

    fn or(&mut self) -> Result<Expr> {
        self.chain(Self::and, |t| (*t == Tok::OrOr).then_some(BinaryOp::Or))
    }

    fn and(&mut self) -> Result<Expr> {
        self.chain(Self::relation, |t| {
            (*t == Tok::AndAnd).then_some(BinaryOp::And)
        })
    }

    fn relation(&mut self) -> Result<Expr> {
        self.chain(Self::additive, |t| match t {
            Tok::EqEq => Some(BinaryOp::Eq),
            Tok::Ne => Some(BinaryOp::Ne),
            Tok::Lt => Some(BinaryOp::Lt),
            Tok::Le => Some(BinaryOp::Le),
            Tok::Gt => Some(BinaryOp::Gt),
            Tok::Ge => Some(BinaryOp::Ge),
            Tok::In => Some(BinaryOp::In),
            _ => None,
        })
    }

    fn additive(&mut self) -> Result<Expr> {
        self.chain(Self::multiplicative, |t| match t {
            Tok::Plus => Some(BinaryOp::Add),
            Tok::Minus => Some(BinaryOp::Sub),
            _ => None,
        })
    }

    fn multiplicative(&mut self) -> Result<Expr> {
        self.chain(Self::unary, |t| match t {
            Tok::Star => Some(BinaryOp::Mul),
            Tok::Slash => Some(BinaryOp::Div),
            Tok::Percent => Some(BinaryOp::Rem),
            _ => None,
        })
    }

    fn unary(&mut self) -> Result<Expr> {
        let mut ops = Vec::new();
        loop {
            let op = match self.peek() {
                Tok::Bang => UnaryOp::Not,
                Tok::Minus => UnaryOp::Neg,
                _ => break,
            };
            ops.push((op, self.column()));
            self.advance();
        }
        // `-` right before a number is part of the literal (as in CEL), so that
        // -9223372036854775808 is a whole number and `-5.size()` applies to -5.
        let literal = match (ops.last(), self.peek()) {
            (Some(&(UnaryOp::Neg, column)), Tok::Int(magnitude)) => {
                let v = i64::try_from(-i128::from(*magnitude))
                    .map_err(|_| invalid(column as usize, "whole number too small", None))?;
                Some((ExprKind::Int(v), column))
            }
            (Some(&(UnaryOp::Neg, column)), Tok::Double(d)) => Some((ExprKind::Double(-d), column)),
            _ => None,
        };
        let primary = match literal {
            Some((kind, column)) => {
                ops.pop();
                self.advance();
                self.node(kind, column)?
            }
            None => self.primary()?,
        };
        let mut e = self.postfix(primary)?;
        while let Some((op, column)) = ops.pop() {
            e = self.node(ExprKind::Unary(op, Box::new(e)), column)?;
        }
        Ok(e)
    }

    fn postfix(&mut self, mut e: Expr) -> Result<Expr> {
        loop {
            match self.peek() {
                Tok::Dot => {
                    self.advance();
                    let column = self.column();
                    let Tok::Ident(name) = self.peek().clone() else {
                        return Err(self.unexpected("a field or function name after '.'"));
                    };
                    self.advance();
                    e = if *self.peek() == Tok::LParen {
                        let args = self.args()?;
                        self.method(e, name, args, column)?
                    } else {
                        self.node(ExprKind::Field(Box::new(e), name), column)?
                    };
                }
                Tok::LBracket => {
                    let column = self.column();
                    self.advance();
                    let index = self.expr()?;
                    self.expect(&Tok::RBracket, "']'")?;
                    e = self.node(ExprKind::Index(Box::new(e), Box::new(index)), column)?;
                }
                _ => return Ok(e),
            }
        }
    }

    /// `target.name(args)`: a method call, or the macros `all` and `exists`.
    fn method(&mut self, target: Expr, name: String, args: Vec<Expr>, column: u32) -> Result<Expr> {
        let q = match name.as_str() {
            "all" => Quantifier::All,
            "exists" => Quantifier::Exists,
            _ => return self.node(ExprKind::Call(Some(Box::new(target)), name, args), column),
        };
        let mut args = args.into_iter();
        match (args.next(), args.next(), args.next()) {
            (Some(var), Some(pred), None) => match var.kind() {
                ExprKind::Ident(v) => {
                    let v = v.clone();
                    self.node(
                        ExprKind::Quant(q, Box::new(target), v, Box::new(pred)),
                        column,
                    )
                }
                _ => Err(invalid(
                    var.column(),
                    format!(
                        "the first argument of {name}() is a name for each item, e.g. xs.{name}(x, x > 0)"
                    ),
                    None,
                )),
            },
            _ => Err(invalid(
                column as usize,
                format!("{name}() takes a name and a condition, e.g. xs.{name}(x, x > 0)"),
                None,
            )),
        }
    }

    /// `( expr, ... )`, at the opening parenthesis.
    fn args(&mut self) -> Result<Vec<Expr>> {
        self.expect(&Tok::LParen, "'('")?;
        self.items(&Tok::RParen, "',' or ')'")
    }

    /// Comma-separated expressions up to `close` (the opening one already read).
    fn items(&mut self, close: &Tok, what: &str) -> Result<Vec<Expr>> {
        let mut items = Vec::new();
        if self.eat(close) {
            return Ok(items);
        }
        loop {
            if items.len() >= self.limits.max_list_len {
                return Err(Error::limit(
                    "expression_list_len",
                    self.limits.max_list_len as u64,
                    None,
                ));
            }
            items.push(self.expr()?);
            if self.eat(close) {
                return Ok(items);
            }
            self.expect(&Tok::Comma, what)?;
        }
    }

    fn primary(&mut self) -> Result<Expr> {
        let column = self.column();
        let kind = match self.peek().clone() {
            Tok::Int(magnitude) => match i64::try_from(magnitude) {
                Ok(v) => ExprKind::Int(v),
                Err(_) => {
                    return Err(invalid(
                        column as usize,
                        "whole number too large (the largest is 9223372036854775807)",
                        None,
                    ));
                }
            },
            Tok::Double(d) => ExprKind::Double(d),
            Tok::Str(s) => ExprKind::Str(s.into()),
            Tok::True => ExprKind::Bool(true),
            Tok::False => ExprKind::Bool(false),
            Tok::Null => ExprKind::Null,
            Tok::Ident(name) => {
                self.advance();
                if *self.peek() != Tok::LParen {
                    return self.node(ExprKind::Ident(name), column);
                }
                let args = self.args()?;
                return self.call(name, args, column);
            }
            Tok::LParen => {
                self.advance();
                let e = self.expr()?;
                self.expect(&Tok::RParen, "')'")?;
                return Ok(e);
            }
            Tok::LBracket => {
                self.advance();
                let items = self.items(&Tok::RBracket, "',' or ']'")?;
                return self.node(ExprKind::List(items), column);
            }
            _ => return Err(self.unexpected("a value, a name or '('")),
        };
        self.advance();
        self.node(kind, column)
    }

    /// `name(args)`: a function call, or the macro `has`.
    fn call(&mut self, name: String, args: Vec<Expr>, column: u32) -> Result<Expr> {
        match name.as_str() {
            "has" => {
                let mut args = args.into_iter();
                match (args.next(), args.next()) {
                    (Some(arg), None)
                        if matches!(arg.kind(), ExprKind::Field(..) | ExprKind::Ident(_)) =>
                    {
                        self.node(ExprKind::Has(Box::new(arg)), column)
                    }
                    _ => Err(invalid(
                        column as usize,
                        "has() takes one field, e.g. has(activity.end)",
                        None,
                    )),
                }
            }
            "all" | "exists" => Err(invalid(
                column as usize,
                format!("{name}() is written after a list: xs.{name}(x, x > 0)"),
                None,
            )),
            _ => self.node(ExprKind::Call(None, name, args), column),
        }
    }
}

/// How a punctuation token is written, for messages.
fn symbol(tok: &Tok) -> &'static str {
    match tok {
        Tok::LParen => "(",
        Tok::RParen => ")",
        Tok::LBracket => "[",
        Tok::RBracket => "]",
        Tok::Dot => ".",
        Tok::Comma => ",",
        Tok::Question => "?",
        Tok::Colon => ":",
        Tok::Plus => "+",
        Tok::Minus => "-",
        Tok::Star => "*",
        Tok::Slash => "/",
        Tok::Percent => "%",
        Tok::Bang => "!",
        Tok::EqEq => "==",
        Tok::Ne => "!=",
        Tok::Lt => "<",
        Tok::Le => "<=",
        Tok::Gt => ">",
        Tok::Ge => ">=",
        Tok::AndAnd => "&&",
        Tok::OrOr => "||",
        Tok::True => "true",
        Tok::False => "false",
        Tok::Null => "null",
        Tok::In => "in",
        Tok::Int(_) | Tok::Double(_) | Tok::Str(_) | Tok::Ident(_) | Tok::Eof => "?",
    }
}
