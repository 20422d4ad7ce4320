//! Source text to tokens, each with its 1-based character column.

use super::{Limits, invalid};
use crate::{Error, Result};

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Tok {
    /// The magnitude only: `-9223372036854775808` is `-` and 2^63, folded by the parser.
    Int(u64),
    Double(f64),
    Str(String),
    Ident(String),
    True,
    False,
    Null,
    In,
    LParen,
    RParen,
    LBracket,
    RBracket,
    Dot,
    Comma,
    Question,
    Colon,
    Plus,
    Minus,
    Star,
    Slash,
    Percent,
    Bang,
    EqEq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    AndAnd,
    OrOr,
    Eof,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Token {
    pub tok: Tok,
    pub column: u32,
}

/// The tokens of `src`, ending with [`Tok::Eof`]. Longer than the limit is
/// `limit_exceeded` (`expression_chars`) before anything is read.
pub(crate) fn lex(src: &str, limits: &Limits) -> Result<Vec<Token>> {
    // A char is at most 4 bytes: the byte test spares counting a huge text.
    if src.len() / 4 > limits.max_chars || src.chars().count() > limits.max_chars {
        return Err(Error::limit(
            "expression_chars",
            limits.max_chars as u64,
            None,
        ));
    }
    let chars: Vec<char> = src.chars().collect();
    Lexer { chars, i: 0 }.run()
}

struct Lexer {
    chars: Vec<char>,
    i: usize,
}

fn col(i: usize) -> u32 {
    u32::try_from(i.saturating_add(1)).unwrap_or(u32::MAX)
}

impl Lexer {
    fn at(&self, i: usize) -> Option<char> {
        self.chars.get(i).copied()
    }

    fn run(mut self) -> Result<Vec<Token>> {
        let mut out = Vec::new();
        while let Some(c) = self.at(self.i) {
            let start = self.i;
            let next = self.at(start + 1);
            if c.is_whitespace() {
                self.i += 1;
                continue;
            }
            if c == '/' && next == Some('/') {
                while self.at(self.i).is_some_and(|c| c != '\n') {
                    self.i += 1;
                }
                continue;
            }
            let tok = if c.is_ascii_digit() {
                self.number()?
            } else if c == '"' || c == '\'' {
                self.string(false)?
            } else if (c == 'r' || c == 'R') && matches!(next, Some('"' | '\'')) {
                self.i += 1;
                self.string(true)?
            } else if c.is_ascii_alphabetic() || c == '_' {
                self.word()
            } else {
                self.symbol(c, next)?
            };
            out.push(Token {
                tok,
                column: col(start),
            });
        }
        out.push(Token {
            tok: Tok::Eof,
            column: col(self.i),
        });
        Ok(out)
    }

    fn symbol(&mut self, c: char, next: Option<char>) -> Result<Tok> {
        let here = self.i + 1;
        let two = |t| (t, 2);
        let (tok, len) = match (c, next) {
            ('=', Some('=')) => two(Tok::EqEq),
            ('!', Some('=')) => two(Tok::Ne),
            ('<', Some('=')) => two(Tok::Le),
            ('>', Some('=')) => two(Tok::Ge),
            ('&', Some('&')) => two(Tok::AndAnd),
            ('|', Some('|')) => two(Tok::OrOr),
            ('=', _) => {
                return Err(invalid(
                    here,
                    "'=' alone is not an operator: compare with '=='",
                    Some("==".into()),
                ));
            }
            ('&', _) => {
                return Err(invalid(
                    here,
                    "'&' alone is not an operator: 'and' is '&&'",
                    Some("&&".into()),
                ));
            }
            ('|', _) => {
                return Err(invalid(
                    here,
                    "'|' alone is not an operator: 'or' is '||'",
                    Some("||".into()),
                ));
            }
            ('(', _) => (Tok::LParen, 1),
            (')', _) => (Tok::RParen, 1),
            ('[', _) => (Tok::LBracket, 1),
            (']', _) => (Tok::RBracket, 1),
            ('.', _) => (Tok::Dot, 1),
            (',', _) => (Tok::Comma, 1),
            ('?', _) => (Tok::Question, 1),
            (':', _) => (Tok::Colon, 1),
            ('+', _) => (Tok::Plus, 1),
            ('-', _) => (Tok::Minus, 1),
            ('*', _) => (Tok::Star, 1),
            ('/', _) => (Tok::Slash, 1),
            ('%', _) => (Tok::Percent, 1),
            ('!', _) => (Tok::Bang, 1),
            ('<', _) => (Tok::Lt, 1),
            ('>', _) => (Tok::Gt, 1),
            ('\u{201c}' | '\u{201d}' | '\u{2018}' | '\u{2019}', _) => {
                // Word processors turn quotes into typographic ones.
                return Err(invalid(
                    here,
                    "typographic quotes do not delimit text: use straight quotes",
                    Some("\"".into()),
                ));
            }
            (c, _) => return Err(invalid(here, format!("unexpected character {c:?}"), None)),
        };
        self.i += len;
        Ok(tok)
    }

    fn word(&mut self) -> Tok {
        let start = self.i;
        while self
            .at(self.i)
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
        {
            self.i += 1;
        }
        let word: String = self
            .chars
            .get(start..self.i)
            .unwrap_or_default()
            .iter()
            .collect();
        match word.as_str() {
            "true" => Tok::True,
            "false" => Tok::False,
            "null" => Tok::Null,
            "in" => Tok::In,
            _ => Tok::Ident(word),
        }
    }

    fn digits(&mut self) {
        while self.at(self.i).is_some_and(|c| c.is_ascii_digit()) {
            self.i += 1;
        }
    }

    fn number(&mut self) -> Result<Tok> {
        let start = self.i;
        self.digits();
        let mut double = false;
        if self.at(self.i) == Some('.') && self.at(self.i + 1).is_some_and(|c| c.is_ascii_digit()) {
            double = true;
            self.i += 1;
            self.digits();
        }
        if matches!(self.at(self.i), Some('e' | 'E')) {
            let sign = usize::from(matches!(self.at(self.i + 1), Some('+' | '-')));
            if self
                .at(self.i + 1 + sign)
                .is_some_and(|c| c.is_ascii_digit())
            {
                double = true;
                self.i += 1 + sign;
                self.digits();
            }
        }
        if self
            .at(self.i)
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
        {
            return Err(invalid(
                col(self.i) as usize,
                "a number is written with digits only (no hexadecimal, no suffix)",
                None,
            ));
        }
        let text: String = self
            .chars
            .get(start..self.i)
            .unwrap_or_default()
            .iter()
            .collect();
        let at = col(start) as usize;
        if double {
            match text.parse::<f64>() {
                Ok(d) if d.is_finite() => Ok(Tok::Double(d)),
                _ => Err(invalid(at, "number too large", None)),
            }
        } else {
            text.parse::<u64>().map(Tok::Int).map_err(|_| {
                invalid(
                    at,
                    "whole number too large (the largest is 9223372036854775807)",
                    None,
                )
            })
        }
    }

    /// A quoted string from the quote at `self.i`; `raw`: no escapes (`r"\d+"`).
    fn string(&mut self, raw: bool) -> Result<Tok> {
        let start = self.i;
        let quote = self.at(start);
        self.i += 1;
        let mut out = String::new();
        loop {
            let Some(c) = self.at(self.i) else {
                return Err(invalid(
                    col(start) as usize,
                    "this text has no closing quote",
                    None,
                ));
            };
            self.i += 1;
            match c {
                c if Some(c) == quote => return Ok(Tok::Str(out)),
                '\n' | '\r' => {
                    return Err(invalid(
                        col(start) as usize,
                        "this text has no closing quote on its line",
                        None,
                    ));
                }
                '\\' if !raw => out.push(self.escape()?),
                c => out.push(c),
            }
        }
    }

    /// The character of the escape after a backslash (CEL's escapes).
    fn escape(&mut self) -> Result<char> {
        let at = self.i.saturating_sub(1); // the backslash
        let Some(c) = self.at(self.i) else {
            return Err(invalid(
                col(at) as usize,
                "this text has no closing quote",
                None,
            ));
        };
        self.i += 1;
        let simple = match c {
            'a' => Some('\u{7}'),
            'b' => Some('\u{8}'),
            'f' => Some('\u{c}'),
            'n' => Some('\n'),
            'r' => Some('\r'),
            't' => Some('\t'),
            'v' => Some('\u{b}'),
            '\\' | '\'' | '"' | '`' | '?' => Some(c),
            _ => None,
        };
        if let Some(s) = simple {
            return Ok(s);
        }
        let (len, radix) = match c {
            'x' | 'X' => (2, 16),
            'u' => (4, 16),
            'U' => (8, 16),
            '0'..='3' => {
                self.i -= 1;
                (3, 8)
            }
            _ => {
                return Err(invalid(
                    col(at) as usize,
                    format!(
                        "unknown escape \\{c}: write \\\\ for a backslash, or a raw text r\"...\""
                    ),
                    None,
                ));
            }
        };
        let digits: String = self
            .chars
            .get(self.i..self.i + len)
            .unwrap_or_default()
            .iter()
            .collect();
        let code = if digits.chars().count() == len && digits.chars().all(|d| d.is_digit(radix)) {
            u32::from_str_radix(&digits, radix).ok()
        } else {
            None
        };
        match code.and_then(char::from_u32) {
            Some(ch) => {
                self.i += len;
                Ok(ch)
            }
            None => Err(invalid(col(at) as usize, "invalid character escape", None)),
        }
    }
}
