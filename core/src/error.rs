//! The library's error type. Every variant has a stable machine [`Error::code`].

use crate::codes::CodeKind;
use crate::diagnostic::Diagnostic;

/// Result with the library's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong in a call. Validation findings are not errors: they are
/// [`Diagnostic`]s in a [`crate::Report`]. An `Error` means the call could not produce its
/// result at all.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A document (plan, catalogue, entries, approval record) is not well-formed JSON or
    /// does not have the documented shape. Options and scalar arguments are never
    /// `invalid_json`: a bad one is [`Error::InvalidValue`].
    #[error("invalid JSON{}{}: {message}", if *line > 0 { format!(" at line {line}, column {column}") } else { String::new() }, if path.is_empty() { String::new() } else { format!(" at {path}") })]
    Json {
        /// 1-based line of the error (0 when unknown: a document given as a host object).
        line: usize,
        /// 1-based column of the error (0 when unknown).
        column: usize,
        /// JSON Pointer of the offending value inside the document (`""` for the document
        /// itself, or when the text is not JSON at all).
        path: String,
        /// What was wrong, from the parser.
        message: String,
    },
    /// A code (country, organisation, objective, ...) is not in the catalogue.
    #[error("unknown {kind} {value:?}{}", suggestion.as_ref().map(|s| format!(" (did you mean {s:?}?)")).unwrap_or_default())]
    UnknownCode {
        /// Which code list was searched.
        kind: CodeKind,
        /// The value as given.
        value: String,
        /// The nearest valid code, when one is close.
        suggestion: Option<String>,
    },
    /// A catalogue is well-formed JSON but inconsistent (duplicate codes, dangling references).
    #[error("invalid catalogue: {} problem(s), first: {}", diagnostics.len(), diagnostics.first().map(|d| d.message(crate::Lang::En)).unwrap_or_default())]
    InvalidCatalog {
        /// Every problem found.
        diagnostics: Vec<Diagnostic>,
    },
    /// An input is larger than the configured limit.
    #[error("{what} exceeds the limit of {limit}{}", option.as_ref().map(|o| format!(" (option {o} raises it)")).unwrap_or_default())]
    LimitExceeded {
        /// What was too large: a stable name for the limits of an import and of JSON
        /// (`input_bytes`, `data_rows`, `cell_chars`, `columns`, `xlsx_uncompressed_bytes`,
        /// `xlsx_compression_ratio`, `json_depth`), a phrase for older fixed limits
        /// (`"catalogue JSON bytes"`).
        what: String,
        /// The limit that applies.
        limit: u64,
        /// The option that raises (or, with `null`, lifts) the limit (`max_rows`); `None`
        /// for a fixed limit.
        option: Option<String>,
    },
    /// An argument or option is not acceptable: wrong type, out of range, not one of the
    /// accepted codes, an unknown option. Parsed by [`crate::args`], the same in every
    /// language.
    #[error("invalid value for {field}{}{}: expected {expected}{}", if path.is_empty() { String::new() } else { format!(" at {path}") }, value.as_ref().map(|v| format!(", got {v}")).unwrap_or_default(), suggestion.as_ref().map(|s| format!(" (did you mean {s:?}?)")).unwrap_or_default())]
    InvalidValue {
        /// The argument or option, as the API names it (`as_of`, `measure`, `rules`); for a
        /// nested value, the top-level option that holds it.
        field: String,
        /// JSON Pointer of the value inside the options (`/rules/no_indicator`); `""` for a
        /// plain argument.
        path: String,
        /// The offending value as given (a string as is, anything else as JSON); `None` when
        /// a required value is missing.
        value: Option<String>,
        /// What is accepted (a phrase such as `a date written YYYY-MM-DD` or
        /// `one of count, participants`).
        expected: String,
        /// The nearest accepted value, when one is close.
        suggestion: Option<String>,
    },
    /// No chain of crosswalks leads from one guideline version to the other.
    #[error("no crosswalk from guideline version {source_version:?} to {target_version:?}")]
    NoCrosswalk {
        /// Version the refs are written in.
        source_version: String,
        /// Version they were to be mapped to.
        target_version: String,
    },
    /// An approval-workflow action is not allowed in the plan's current state (e.g. approve
    /// a draft).
    #[error("cannot {action} a plan in state {state}")]
    InvalidTransition {
        /// The state the plan is in (snake_case code).
        state: String,
        /// The refused action (snake_case code).
        action: String,
    },
    /// A plan cannot be validated (approval workflow) while its validation report has errors.
    #[error("the validation report has {} error(s)", diagnostics.iter().filter(|d| d.severity == crate::Severity::Error).count())]
    ReportHasErrors {
        /// Every finding of the report.
        diagnostics: Vec<Diagnostic>,
    },
    /// The plan's content changed since the step that this action relies on (e.g. approving
    /// a plan edited after it was validated).
    #[error("the plan changed since it was {since}")]
    ContentChanged {
        /// The step whose content no longer matches (`validated`).
        since: String,
        /// The content hash recorded then.
        expected: String,
        /// The plan's content hash now.
        actual: String,
    },
    /// A file is not in the expected format (e.g. not an XLSX workbook).
    #[error("invalid {format} file: {message}")]
    InvalidFile {
        /// The expected format (`"xlsx"`).
        format: String,
        /// What the reader said.
        message: String,
    },
    /// Reading or writing failed.
    #[error("i/o error: {message}")]
    Io {
        /// The operating system's message.
        message: String,
    },
    /// A rule of a rule file cannot be loaded: an expression that does not parse, or that
    /// uses an unknown field or function, or values of the wrong types (`women > "3"`).
    #[error("invalid rule{}: {message} (column {column}){}", if path.is_empty() { String::new() } else { format!(" at {path}") }, suggestion.as_ref().map(|s| format!(" (did you mean {s:?}?)")).unwrap_or_default())]
    InvalidRule {
        /// JSON Pointer of the rule inside the rule file (`""` when the expression was given
        /// alone).
        path: String,
        /// 1-based character column inside the expression (0 when it is not about one
        /// place of it).
        column: usize,
        /// What is wrong.
        message: String,
        /// The nearest valid field or function name (or operator), when one is close.
        suggestion: Option<String>,
    },
}

impl Error {
    /// Every error code, in declaration order. Bindings check their own list against it
    /// (`_core.ERROR_CODES` in Python); a test keeps it in step with [`Error::code`].
    pub const CODES: &'static [&'static str] = &[
        "invalid_json",
        "unknown_code",
        "invalid_catalog",
        "limit_exceeded",
        "invalid_value",
        "no_crosswalk",
        "invalid_transition",
        "report_has_errors",
        "content_changed",
        "invalid_file",
        "io_error",
        "invalid_rule",
    ];

    /// The stable machine code of this error (snake_case). Codes are API: they never change
    /// meaning, and bindings expose them as `.code`.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Json { .. } => "invalid_json",
            Error::UnknownCode { .. } => "unknown_code",
            Error::InvalidCatalog { .. } => "invalid_catalog",
            Error::LimitExceeded { .. } => "limit_exceeded",
            Error::InvalidValue { .. } => "invalid_value",
            Error::NoCrosswalk { .. } => "no_crosswalk",
            Error::InvalidTransition { .. } => "invalid_transition",
            Error::ReportHasErrors { .. } => "report_has_errors",
            Error::ContentChanged { .. } => "content_changed",
            Error::InvalidFile { .. } => "invalid_file",
            Error::Io { .. } => "io_error",
            Error::InvalidRule { .. } => "invalid_rule",
        }
    }

    /// The findings attached to this error, if any (e.g. for an invalid catalogue).
    pub fn diagnostics(&self) -> &[Diagnostic] {
        match self {
            Error::InvalidCatalog { diagnostics } | Error::ReportHasErrors { diagnostics } => {
                diagnostics
            }
            _ => &[],
        }
    }

    /// The details of this error by name: the same names, values and types in every
    /// language (Python exception attributes, JS error properties, the CLI's JSON output).
    ///
    /// | code | details |
    /// |---|---|
    /// | `invalid_json` | `line`, `column` (0 when the document was a host object), `path` |
    /// | `unknown_code` | `kind`, `value`, `suggestion` |
    /// | `limit_exceeded` | `what`, `limit`, `option` (`null` for a fixed limit) |
    /// | `invalid_value` | `field`, `path`, `value`, `expected`, `suggestion` |
    /// | `no_crosswalk` | `source`, `target` |
    /// | `invalid_transition` | `state`, `action` |
    /// | `content_changed` | `since`, `expected`, `actual` |
    /// | `invalid_file` | `format` |
    /// | `invalid_rule` | `path`, `column`, `suggestion` |
    ///
    /// The findings of `invalid_catalog` and `report_has_errors` are in
    /// [`Error::diagnostics`].
    pub fn details(&self) -> serde_json::Map<String, serde_json::Value> {
        use serde_json::Value;
        let text = |s: &str| Value::String(s.to_owned());
        let opt = |s: &Option<String>| s.as_deref().map_or(Value::Null, text);
        let pairs: Vec<(&str, Value)> = match self {
            Error::Json {
                line, column, path, ..
            } => vec![
                ("line", Value::from(*line)),
                ("column", Value::from(*column)),
                ("path", text(path)),
            ],
            Error::UnknownCode {
                kind,
                value,
                suggestion,
            } => vec![
                ("kind", text(kind.code())),
                ("value", text(value)),
                ("suggestion", opt(suggestion)),
            ],
            Error::LimitExceeded {
                what,
                limit,
                option,
            } => vec![
                ("what", text(what)),
                ("limit", Value::from(*limit)),
                ("option", opt(option)),
            ],
            Error::InvalidValue {
                field,
                path,
                value,
                expected,
                suggestion,
            } => vec![
                ("field", text(field)),
                ("path", text(path)),
                ("value", opt(value)),
                ("expected", text(expected)),
                ("suggestion", opt(suggestion)),
            ],
            Error::NoCrosswalk {
                source_version,
                target_version,
            } => vec![
                ("source", text(source_version)),
                ("target", text(target_version)),
            ],
            Error::InvalidTransition { state, action } => {
                vec![("state", text(state)), ("action", text(action))]
            }
            Error::ContentChanged {
                since,
                expected,
                actual,
            } => vec![
                ("since", text(since)),
                ("expected", text(expected)),
                ("actual", text(actual)),
            ],
            Error::InvalidFile { format, .. } => vec![("format", text(format))],
            Error::InvalidRule {
                path,
                column,
                suggestion,
                ..
            } => vec![
                ("path", text(path)),
                ("column", Value::from(*column)),
                ("suggestion", opt(suggestion)),
            ],
            Error::InvalidCatalog { .. } | Error::ReportHasErrors { .. } | Error::Io { .. } => {
                Vec::new()
            }
        };
        pairs.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
    }

    /// `invalid_value` for a plain argument `field` (path `""`).
    pub fn invalid_value(
        field: impl Into<String>,
        value: Option<String>,
        expected: impl Into<String>,
    ) -> Self {
        Error::InvalidValue {
            field: field.into(),
            path: String::new(),
            value,
            expected: expected.into(),
            suggestion: None,
        }
    }

    /// `limit_exceeded` for the limit `what` (a stable name such as `data_rows`), raised by
    /// the option `option` (`None`: a fixed limit).
    pub fn limit(what: &str, limit: u64, option: Option<&str>) -> Self {
        Error::LimitExceeded {
            what: what.to_owned(),
            limit,
            option: option.map(str::to_owned),
        }
    }

    pub(crate) fn from_serde_json(e: &serde_json::Error) -> Self {
        let full = e.to_string();
        let suffix = format!(" at line {} column {}", e.line(), e.column());
        Error::Json {
            line: e.line(),
            column: e.column(),
            path: String::new(),
            message: full.strip_suffix(&suffix).unwrap_or(&full).to_owned(),
        }
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::Io {
            message: e.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_stable_snake_case() {
        let e = Error::UnknownCode {
            kind: CodeKind::Country,
            value: "Mexco".into(),
            suggestion: Some("MEX".into()),
        };
        assert_eq!(e.code(), "unknown_code");
        assert!(e.to_string().contains("did you mean \"MEX\""));
        let e = Error::Json {
            line: 3,
            column: 7,
            path: "/a".into(),
            message: "x".into(),
        };
        assert_eq!(e.details()["path"], "/a");
        assert_eq!(e.code(), "invalid_json");
    }

    /// One value of every variant. The match is exhaustive on purpose: a new variant does not
    /// compile here until it is added, and then `every_code_is_listed` checks `CODES`.
    fn one_of_each() -> Vec<Error> {
        let all = vec![
            Error::Json {
                line: 1,
                column: 1,
                path: String::new(),
                message: String::new(),
            },
            Error::UnknownCode {
                kind: CodeKind::Country,
                value: String::new(),
                suggestion: None,
            },
            Error::InvalidCatalog {
                diagnostics: Vec::new(),
            },
            Error::LimitExceeded {
                what: String::new(),
                limit: 0,
                option: None,
            },
            Error::InvalidValue {
                field: String::new(),
                path: String::new(),
                value: None,
                expected: String::new(),
                suggestion: None,
            },
            Error::NoCrosswalk {
                source_version: String::new(),
                target_version: String::new(),
            },
            Error::InvalidTransition {
                state: String::new(),
                action: String::new(),
            },
            Error::ReportHasErrors {
                diagnostics: Vec::new(),
            },
            Error::ContentChanged {
                since: String::new(),
                expected: String::new(),
                actual: String::new(),
            },
            Error::InvalidFile {
                format: String::new(),
                message: String::new(),
            },
            Error::Io {
                message: String::new(),
            },
            Error::InvalidRule {
                path: String::new(),
                column: 0,
                message: String::new(),
                suggestion: None,
            },
        ];
        for e in &all {
            match e {
                Error::Json { .. }
                | Error::UnknownCode { .. }
                | Error::InvalidCatalog { .. }
                | Error::LimitExceeded { .. }
                | Error::InvalidValue { .. }
                | Error::NoCrosswalk { .. }
                | Error::InvalidTransition { .. }
                | Error::ReportHasErrors { .. }
                | Error::ContentChanged { .. }
                | Error::InvalidFile { .. }
                | Error::Io { .. }
                | Error::InvalidRule { .. } => {}
            }
        }
        all
    }

    #[test]
    fn every_code_is_listed() {
        let codes: Vec<&str> = one_of_each().iter().map(Error::code).collect();
        assert_eq!(codes, Error::CODES);
    }
}
