//! Fatal errors: an input that cannot be read or a bad option (exit status 2). Each is
//! printed on one line with the library's stable error code: `error[invalid_json]: ...`.

use crate::render::{self, Loc};
use lineamientos::{Error, Lang};
use serde_json::{Value, json};

/// Why a command could not produce its result.
#[derive(Debug)]
pub enum Failure {
    /// An error of the library, with where its input came from.
    Core {
        /// The error (boxed: it is large, and rare).
        error: Box<Error>,
        /// The file the bad document or option came from.
        file: Option<String>,
        /// The command-line option the bad value came from (`--as-of`).
        flag: Option<String>,
    },
    /// A file could not be read or written.
    Io {
        /// The file.
        file: String,
        /// `true` when writing.
        write: bool,
        /// The operating system's error.
        error: std::io::Error,
    },
}

impl Failure {
    /// A library error about the document or options in `file`.
    pub fn in_file(error: Error, file: &str) -> Self {
        Failure::Core {
            error: Box::new(error),
            file: Some(file.to_owned()),
            flag: None,
        }
    }

    /// A library error about a command-line value.
    pub fn core(error: Error) -> Self {
        Failure::Core {
            error: Box::new(error),
            file: None,
            flag: None,
        }
    }

    /// The stable error code: the library's (`invalid_json`, `invalid_value`, ...) or
    /// `io_error`.
    pub fn code(&self) -> &'static str {
        match self {
            Failure::Core { error, .. } => error.code(),
            Failure::Io { .. } => "io_error",
        }
    }

    /// The one-line message, without the code.
    pub fn message(&self) -> String {
        match self {
            Failure::Core { error, file, flag } => {
                let text = match error.as_ref() {
                    Error::Json {
                        line,
                        column,
                        path,
                        message,
                    } => {
                        let mut at = Vec::new();
                        if *line > 0 {
                            at.push(format!("line {line}, column {column}"));
                        }
                        if !path.is_empty() {
                            at.push(format!("path {path}"));
                        }
                        if at.is_empty() {
                            format!("invalid JSON: {message}")
                        } else {
                            format!("invalid JSON: {message} ({})", at.join(", "))
                        }
                    }
                    other => other.to_string(),
                };
                let text = match flag {
                    Some(flag) => format!("{text} (option {flag})"),
                    None => text,
                };
                match file {
                    Some(file) => format!("{file}: {text}"),
                    None => text,
                }
            }
            Failure::Io { file, write, error } => {
                let verb = if *write {
                    "cannot write"
                } else {
                    "cannot read"
                };
                format!("{verb} {file}: {error}")
            }
        }
    }

    /// The error as people read it: `error[code]: message`, then the findings it carries
    /// (an invalid catalogue's problems), each located in the file.
    pub fn render(&self, lang: Lang) -> String {
        let mut out = render::error_line(self.code(), &self.message());
        if let Failure::Core {
            error,
            file: Some(file),
            ..
        } = self
        {
            for d in error.diagnostics() {
                out.push('\n');
                out.push_str(&render::finding(d, &Loc::doc(file, &d.path), lang));
            }
        }
        out
    }

    /// The error for programs: `{"error": {code, message, file, option, details,
    /// diagnostics}}`.
    pub fn to_json(&self, lang: Lang) -> Value {
        match self {
            Failure::Core { error, file, flag } => {
                let diagnostics: Vec<Value> = error
                    .diagnostics()
                    .iter()
                    .map(|d| {
                        serde_json::to_value(lineamientos::diagnostic::LocalizedDiagnostic::new(
                            d, lang,
                        ))
                        .unwrap_or(Value::Null)
                    })
                    .collect();
                json!({"error": {
                    "code": self.code(),
                    "message": self.message(),
                    "file": file,
                    "option": flag,
                    "details": error.details(),
                    "diagnostics": diagnostics,
                }})
            }
            Failure::Io { file, .. } => json!({"error": {
                "code": self.code(),
                "message": self.message(),
                "file": file,
                "option": null,
                "details": {},
                "diagnostics": [],
            }}),
        }
    }
}
