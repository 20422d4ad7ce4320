//! Keeping names and emails out of messages: the parser's errors about a focal-point
//! document and the findings about its records quote what was written, and what was written
//! may be a name or an email address (a column shifted by one, an email typed in the date
//! field). Those quotes are replaced with [`REDACTED`]; paths, codes and expectations stay.

use super::FocalPoint;
use crate::Error;
use crate::diagnostic::Diagnostic;

/// What stands in for a value that may be personal data.
pub(crate) const REDACTED: &str = "<redacted>";

/// The parser's message without the values it quotes: every `"..."` string (serde and the
/// date reader quote values so) and the value of `unknown variant `...``.
fn redact_message(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    if let Some(after) = rest.strip_prefix("unknown variant `") {
        // serde: "unknown variant `VALUE`, expected ..." (VALUE is not escaped: the last
        // "`, expected" ends it).
        rest = match after.rfind("`, expected") {
            Some(end) => {
                out.push_str("unknown variant ");
                out.push_str(REDACTED);
                after.get(end + 1..).unwrap_or_default()
            }
            None => {
                out.push_str("unknown variant ");
                out.push_str(REDACTED);
                ""
            }
        };
    }
    let mut chars = rest.chars();
    while let Some(c) = chars.next() {
        if c != '"' {
            out.push(c);
            continue;
        }
        // A quoted value, Rust- or JSON-escaped: skip to its closing quote.
        out.push('"');
        out.push_str(REDACTED);
        out.push('"');
        while let Some(q) = chars.next() {
            match q {
                '\\' => {
                    chars.next();
                }
                '"' => break,
                _ => {}
            }
        }
    }
    out
}

/// `e` with its parser message redacted (an `invalid_json` error about a focal-point
/// document); other errors carry no value of the document.
pub(crate) fn error(e: Error) -> Error {
    match e {
        Error::Json {
            line,
            column,
            path,
            message,
        } => Error::Json {
            line,
            column,
            path,
            message: redact_message(&message),
        },
        Error::UnknownCode {
            kind, suggestion, ..
        } => Error::UnknownCode {
            kind,
            value: REDACTED.into(),
            suggestion,
        },
        other => other,
    }
}

/// Whether `text` holds an email address: an `@` with something on both sides.
fn has_email(text: &str) -> bool {
    text.split_whitespace().any(|w| {
        w.split_once('@')
            .is_some_and(|(a, b)| !a.is_empty() && !b.is_empty())
    })
}

/// The personal data of `points` to search messages for: names and emails, lower-cased,
/// those of at least 3 characters (shorter is an initial, found in too many words).
pub(crate) fn personal_of(points: &[FocalPoint]) -> Vec<String> {
    let mut out: Vec<String> = points
        .iter()
        .flat_map(|p| std::iter::once(p.name.as_str()).chain(p.email.as_deref()))
        .map(|s| s.trim().to_lowercase())
        .filter(|s| s.chars().count() >= 3)
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Whether `text` quotes personal data: one of `personal` (see [`personal_of`]) or any
/// email address.
fn is_personal(text: &str, personal: &[String]) -> bool {
    if has_email(text) {
        return true;
    }
    let lower = text.to_lowercase();
    personal.iter().any(|p| lower.contains(p.as_str()))
}

/// `text`, or [`REDACTED`] when it quotes personal data (see [`is_personal`]).
pub(crate) fn text<'a>(text: &'a str, personal: &[String]) -> &'a str {
    if is_personal(text, personal) {
        REDACTED
    } else {
        text
    }
}

/// Replaces every value, parameter and suggestion of the findings that quotes personal data
/// (see [`is_personal`]) with [`REDACTED`].
pub(crate) fn scrub(findings: &mut [Diagnostic], personal: &[String]) {
    let redact = |s: &mut String| {
        if is_personal(s, personal) {
            *s = REDACTED.into();
        }
    };
    for d in findings {
        if let Some(v) = d.value.as_mut() {
            redact(v);
        }
        if let Some(v) = d.suggestion.as_mut() {
            redact(v);
        }
        for v in d.params.values_mut() {
            redact(v);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_values_leave_the_message_and_the_rest_stays() {
        assert_eq!(
            redact_message(r#""zz.private@example.org" is not a date written YYYY-MM-DD"#),
            r#""<redacted>" is not a date written YYYY-MM-DD"#
        );
        assert_eq!(
            redact_message(r#"invalid type: string "a \"b\" c", expected a sequence"#),
            r#"invalid type: string "<redacted>", expected a sequence"#
        );
        assert_eq!(
            redact_message("unknown variant `Ana `x`, expected one of `women`, `migration`"),
            "unknown variant <redacted>, expected one of `women`, `migration`"
        );
        assert_eq!(
            redact_message("unknown variant `Ana"),
            "unknown variant <redacted>"
        );
        assert_eq!(
            redact_message("missing field `name`"),
            "missing field `name`"
        );
        assert_eq!(redact_message("EOF while parsing"), "EOF while parsing");
        // an unclosed quote swallows the rest
        assert_eq!(redact_message(r#"x "abc"#), r#"x "<redacted>""#);
    }

    #[test]
    fn personal_values_are_found_by_name_email_or_shape() {
        let point = |name: &str, email: Option<&str>| FocalPoint {
            country: "HND".into(),
            institution: "SEMUJER".into(),
            sector: None,
            role: "enlace".into(),
            name: name.into(),
            email: email.map(Into::into),
            since: None,
            until: None,
            last_confirmed: None,
        };
        let p = personal_of(&[
            point("Ana Pérez", Some("ana@example.org")),
            point("An", None),
        ]);
        assert_eq!(p, ["ana pérez", "ana@example.org"]);
        assert!(is_personal("ana pérez", &p));
        assert!(is_personal("Sra. ANA PÉREZ (SEMUJER)", &p));
        assert!(is_personal("someone@else.org", &p));
        assert!(!is_personal("SEMUJER", &p));
        assert!(!is_personal("@", &p) && !is_personal("a @ b", &p));
        // an initial is not searched for
        assert!(!is_personal("Banco", &p));
        let mut d = [Diagnostic::new("unknown_code", "/0/country")
            .with_value("ana@example.org")
            .with_param("kind", "country")
            .with_suggestion(Some("Ana Pérez".to_owned()))];
        scrub(&mut d, &p);
        assert_eq!(d[0].value.as_deref(), Some(REDACTED));
        assert_eq!(d[0].suggestion.as_deref(), Some(REDACTED));
        assert_eq!(d[0].params["kind"], "country");
    }
}
