//! Reading the inputs: files, and options gathered from flags and files into the JSON
//! options object that the library reads (the library parses and checks every value).

use crate::fail::Failure;
use crate::{Ctx, ImportFlags};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use lineamientos::{Catalog, Error, ImportOptions, ImportReport, Lang, Matrix, args};
use serde_json::{Map, Value};
use std::path::Path;

/// The path as the user wrote it, for messages.
pub fn name(path: &Path) -> String {
    path.display().to_string()
}

/// The language given with `--lang`, read by the library; the library's default without it.
pub fn lang(given: Option<&str>) -> Result<Lang, Failure> {
    match given {
        None => Ok(Lang::default()),
        Some(s) => args::arg("lang", &Value::from(s)).map_err(|e| flag_failure(e, "--lang")),
    }
}

/// A library error about the value of a command-line option.
fn flag_failure(error: Error, flag: &str) -> Failure {
    Failure::Core {
        error: Box::new(error),
        file: None,
        flag: Some(flag.to_owned()),
    }
}

/// The text of a file. A file that is not UTF-8 is `invalid_json` at the first bad byte
/// (documents are JSON text, which is UTF-8).
pub fn read_text(path: &Path) -> Result<String, Failure> {
    let bytes = std::fs::read(path).map_err(|error| Failure::Io {
        file: name(path),
        write: false,
        error,
    })?;
    match String::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(e) => {
            let bytes = e.into_bytes();
            let error = match serde_json::from_slice::<serde::de::IgnoredAny>(&bytes) {
                Err(j) => Error::Json {
                    line: j.line(),
                    column: j.column(),
                    path: String::new(),
                    message: "the file is not UTF-8 text".into(),
                },
                Ok(_) => Error::Json {
                    line: 0,
                    column: 0,
                    path: String::new(),
                    message: "the file is not UTF-8 text".into(),
                },
            };
            Err(Failure::in_file(error, &name(path)))
        }
    }
}

/// The catalogue: an agency's (`--catalog FILE`) or the embedded one.
pub fn catalog(path: Option<&Path>) -> Result<Catalog, Failure> {
    match path {
        None => Catalog::try_embedded().map_err(Failure::core),
        Some(path) => {
            Catalog::from_json(&read_text(path)?).map_err(|e| Failure::in_file(e, &name(path)))
        }
    }
}

/// A value typed on the command line where the option takes a number: the JSON number (or
/// `null`) it reads as, otherwise the text as given, for the library to accept or refuse.
pub fn number(text: &str) -> Value {
    match serde_json::from_str::<Value>(text.trim()) {
        Ok(v @ (Value::Number(_) | Value::Null)) => v,
        _ => Value::from(text),
    }
}

/// An options object being gathered: the contents of an options file (if any), then the
/// command-line flags on top. Remembers where each value came from, to say so in errors.
pub struct OptionsBuilder {
    /// The file's object (or its non-object value, which the library will refuse).
    base: Value,
    /// The options file.
    file: Option<String>,
    /// Option name -> the flag that set it.
    flags: Vec<(String, String)>,
    /// Option name -> the flag that can set it (given or not).
    declared: Vec<(String, String)>,
}

impl OptionsBuilder {
    /// An empty options object.
    pub fn new() -> Self {
        OptionsBuilder {
            base: Value::Object(Map::new()),
            file: None,
            flags: Vec::new(),
            declared: Vec::new(),
        }
    }

    /// The options of a JSON file (`--rules FILE`), at most `limit` bytes.
    pub fn from_file(path: Option<&Path>, limit: usize, what: &str) -> Result<Self, Failure> {
        let mut b = Self::new();
        if let Some(path) = path {
            let text = read_text(path)?;
            b.base = args::json_options(&text, limit, what)
                .map_err(|e| Failure::in_file(e, &name(path)))?;
            b.file = Some(name(path));
        }
        Ok(b)
    }

    /// Whether the options (so far) have `key`.
    pub fn has(&self, key: &str) -> bool {
        self.base.get(key).is_some()
    }

    /// Sets `key` to `value`, from `flag` (`--as-of`). A flag overrides the file.
    pub fn set(&mut self, key: &str, flag: &str, value: Value) {
        if let Value::Object(map) = &mut self.base {
            map.insert(key.to_owned(), value);
            self.flags.push((key.to_owned(), flag.to_owned()));
        }
    }

    /// Records that `flag` sets `key`: a missing `key` is then reported as a missing flag.
    fn declare(&mut self, key: &str, flag: &str) {
        self.declared.push((key.to_owned(), flag.to_owned()));
    }

    /// Sets `key` to the text of `flag`, if given.
    pub fn text(&mut self, key: &str, flag: &str, value: Option<&str>) {
        self.declare(key, flag);
        if let Some(v) = value {
            self.set(key, flag, Value::from(v));
        }
    }

    /// Sets `key` to the number typed for `flag`, if given (see [`number`]).
    pub fn number(&mut self, key: &str, flag: &str, value: Option<&str>) {
        self.declare(key, flag);
        if let Some(v) = value {
            self.set(key, flag, number(v));
        }
    }

    /// Sets `key` to `true` when the switch `flag` is on.
    pub fn switch(&mut self, key: &str, flag: &str, on: bool) {
        self.declare(key, flag);
        if on {
            self.set(key, flag, Value::Bool(true));
        }
    }

    /// Sets `key` to the texts given: one as a text, several as a list (as a Python or
    /// JavaScript caller writes them, so errors have the same paths: `/rows`, `/rows/1`).
    pub fn list(&mut self, key: &str, flag: &str, values: &[String]) {
        self.declare(key, flag);
        match values {
            [] => {}
            [one] => self.set(key, flag, Value::from(one.as_str())),
            many => {
                let list = many.iter().map(|v| Value::from(v.as_str())).collect();
                self.set(key, flag, Value::Array(list));
            }
        }
    }

    /// Reads the options with `read` (a library reader); its error says where the bad value
    /// came from: the flag that set it, the options file that has it, or (a missing value)
    /// the flag that sets it.
    pub fn read<T>(
        &self,
        read: impl FnOnce(&Value) -> lineamientos::Result<T>,
    ) -> Result<T, Failure> {
        read(&self.base).map_err(|error| {
            let field = match &error {
                Error::InvalidValue { field, .. } => Some(field.clone()),
                _ => None,
            };
            let flag_of = |list: &[(String, String)], f: &str| {
                list.iter()
                    .rev()
                    .find(|(k, _)| k == f)
                    .map(|(_, flag)| flag.clone())
            };
            let (file, flag) = match field {
                None => (self.file.clone(), None),
                Some(f) => match flag_of(&self.flags, &f) {
                    Some(flag) => (None, Some(flag)),
                    None if self.has(&f) => (self.file.clone(), None),
                    None => (None, flag_of(&self.declared, &f)),
                },
            };
            Failure::Core {
                error: Box::new(error),
                file,
                flag,
            }
        })
    }
}

/// The import options of the flags, read by the library.
pub fn import_options(flags: &ImportFlags) -> Result<ImportOptions, Failure> {
    let mut o = OptionsBuilder::new();
    o.switch("strict", "--strict", flags.strict);
    o.number(
        "max_diagnostics",
        "--max-diagnostics",
        flags.max_diagnostics.as_deref(),
    );
    o.number("max_rows", "--max-rows", flags.max_rows.as_deref());
    o.number("max_bytes", "--max-bytes", flags.max_bytes.as_deref());
    o.text("delimiter", "--delimiter", flags.delimiter.as_deref());
    o.text("sheet", "--sheet", flags.sheet.as_deref());
    o.text(
        "guideline_version",
        "--guideline-version",
        flags.guideline_version.as_deref(),
    );
    o.read(|v| args::arg("options", v))
}

/// The extensions of the spreadsheet formats the import reads.
const WORKBOOK_EXTENSIONS: [&str; 5] = ["xlsx", "xlsm", "xlsb", "xls", "ods"];

/// Whether the file is a workbook: by its extension (`.xlsx`, `.xlsm`, `.xlsb`, `.xls`,
/// `.ods`), or by its first bytes (a zip or a compound file, whatever its name). Anything
/// else is read as CSV. The library then tells the formats apart by their bytes.
pub fn is_workbook(path: &Path) -> bool {
    let by_name = path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        WORKBOOK_EXTENSIONS
            .iter()
            .any(|w| e.eq_ignore_ascii_case(w))
    });
    by_name || starts_like_a_workbook(path)
}

fn starts_like_a_workbook(path: &Path) -> bool {
    use std::io::Read;
    let mut head = Vec::with_capacity(8);
    let read = std::fs::File::open(path).and_then(|f| f.take(8).read_to_end(&mut head));
    read.is_ok()
        && (head.starts_with(b"PK\x03\x04")
            || head == [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
}

/// The lower-case extension of `path`.
pub fn extension(path: &Path) -> String {
    path.extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// Imports a tracking matrix, with a progress bar on a terminal (not with `--quiet`).
pub fn matrix(
    path: &Path,
    catalog: &Catalog,
    options: &ImportOptions,
    ctx: Ctx,
) -> Result<(Matrix, ImportReport), Failure> {
    let file = std::fs::File::open(path).map_err(|error| Failure::Io {
        file: name(path),
        write: false,
        error,
    })?;
    let len = file.metadata().map(|m| m.len()).ok();
    let bar = if ctx.quiet {
        ProgressBar::hidden()
    } else {
        // Hidden by indicatif itself when standard error is not a terminal.
        ProgressBar::with_draw_target(len, ProgressDrawTarget::stderr())
    };
    if let Ok(style) =
        ProgressStyle::with_template("{msg} [{bar:30}] {bytes}/{total_bytes} ({eta})")
    {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.set_message(name(path));
    let reader = bar.wrap_read(file);
    let result = if is_workbook(path) {
        Matrix::read_xlsx(reader, catalog, options)
    } else {
        Matrix::read_csv(reader, catalog, options)
    };
    bar.finish_and_clear();
    result.map_err(|e| Failure::in_file(e, &name(path)))
}

/// Creates the file `path` and writes it with `write` (a library writer).
pub fn write_file(
    path: &Path,
    write: impl FnOnce(&mut std::io::BufWriter<std::fs::File>) -> lineamientos::Result<()>,
) -> Result<(), Failure> {
    use std::io::Write;
    let io = |error| Failure::Io {
        file: name(path),
        write: true,
        error,
    };
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).map_err(io)?);
    write(&mut out).map_err(|e| Failure::in_file(e, &name(path)))?;
    out.flush().map_err(io)
}

/// `invalid_value` for an output file whose extension is not one of `accepted`.
pub fn bad_out(path: &Path, accepted: &str) -> Failure {
    Failure::Core {
        error: Box::new(Error::invalid_value(
            "out",
            Some(name(path)),
            format!("a file name ending in {accepted}"),
        )),
        file: None,
        flag: Some("--out".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_typed_on_the_command_line() {
        assert_eq!(number("12"), Value::from(12));
        assert_eq!(number(" -5 "), Value::from(-5));
        assert_eq!(number("null"), Value::Null);
        // Anything else goes to the library as typed, for it to refuse.
        assert_eq!(number("5x"), Value::from("5x"));
        assert_eq!(number("true"), Value::from("true"));
    }

    #[test]
    fn a_flag_overrides_the_file_and_errors_name_their_source() {
        let mut o = OptionsBuilder::new();
        o.text("as_of", "--as-of", Some("2024-13-01"));
        let e = o.read(lineamientos::RuleConfig::from_value).unwrap_err();
        assert_eq!(e.code(), "invalid_value");
        assert!(e.message().ends_with("(option --as-of)"), "{}", e.message());
        let mut o = OptionsBuilder::new();
        o.text("as_of", "--as-of", None);
        let e = o.read(lineamientos::RuleConfig::from_value).unwrap_err();
        assert!(e.message().ends_with("(option --as-of)"), "{}", e.message());
    }
}
