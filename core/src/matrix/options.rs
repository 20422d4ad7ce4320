//! [`ImportOptions`]: how to read a partner's file.

use crate::Result;
use crate::args::{ArgPath, Delimiter, FromArg, Options};
use schemars::JsonSchema;
use serde::Serialize;
use serde_json::Value;

/// Options of [`Matrix::read_csv`](crate::Matrix::read_csv) and
/// [`Matrix::read_xlsx`](crate::Matrix::read_xlsx).
///
/// JSON shape (every field optional):
///
/// ```
/// use lineamientos::ImportOptions;
/// let o = ImportOptions::from_json(r#"{"strict": true, "delimiter": ";", "max_rows": 1000}"#).unwrap();
/// assert!(o.strict);
/// assert_eq!(o.delimiter, Some(';'));
/// assert_eq!(o.max_diagnostics, Some(ImportOptions::DEFAULT_MAX_DIAGNOSTICS));
/// let o = ImportOptions::from_json(r#"{"max_diagnostics": null}"#).unwrap();
/// assert_eq!(o.max_diagnostics, None);
/// // an unknown option is refused, with the nearest one as suggestion
/// let err = ImportOptions::from_json(r#"{"strikt": true}"#).unwrap_err();
/// assert_eq!((err.code(), err.details()["suggestion"].as_str()), ("invalid_value", Some("strict")));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
#[schemars(
    description = "How to read a partner's tracking-matrix file (CSV or XLSX). Every option is optional; an unknown option is refused."
)]
pub struct ImportOptions {
    /// Reject a row with a bad optional value (instead of leaving the value out with a
    /// warning), and turn every row-level warning into a rejection of the row.
    pub strict: bool,
    /// The guideline-set version that axis and guideline codes refer to (default: the
    /// catalogue's current set).
    pub guideline_version: Option<String>,
    /// Field delimiter of a CSV file (default: detected among `,`, `;` and tab).
    #[schemars(regex(pattern = r#"^[\x00-\x09\x0B\x0C\x0E-\x21\x23-\x7F]$"#))]
    pub delimiter: Option<char>,
    /// Worksheet of an XLSX file (default: the first sheet).
    pub sheet: Option<String>,
    /// Maximum number of data rows; more is the error `limit_exceeded` (default: no limit).
    pub max_rows: Option<u64>,
    /// Maximum file size in bytes; more is the error `limit_exceeded` (default: no limit).
    pub max_bytes: Option<u64>,
    /// Maximum number of findings kept in the report (default:
    /// [`DEFAULT_MAX_DIAGNOSTICS`](Self::DEFAULT_MAX_DIAGNOSTICS); JSON `null` or `None`: no
    /// limit). Findings beyond it are counted (summary, `diagnostics_truncated`) but not
    /// stored; rows are still accepted or rejected exactly. File-level findings (without a
    /// row) are always kept.
    pub max_diagnostics: Option<u64>,
}

impl Default for ImportOptions {
    fn default() -> Self {
        ImportOptions {
            strict: false,
            guideline_version: None,
            delimiter: None,
            sheet: None,
            max_rows: None,
            max_bytes: None,
            max_diagnostics: Some(Self::DEFAULT_MAX_DIAGNOSTICS),
        }
    }
}

impl ImportOptions {
    /// The default cap on stored findings: enough for any file a person will read through,
    /// small enough that a million bad rows do not hold a million findings in memory.
    pub const DEFAULT_MAX_DIAGNOSTICS: u64 = 10_000;

    /// Default options: tolerant mode, detected delimiter, first sheet, no row or size
    /// limit, at most [`DEFAULT_MAX_DIAGNOSTICS`](Self::DEFAULT_MAX_DIAGNOSTICS) findings
    /// stored.
    pub fn new() -> Self {
        Self::default()
    }

    /// The options, as [`crate::args`] names them.
    pub const OPTIONS: &'static [&'static str] = &[
        "strict",
        "guideline_version",
        "delimiter",
        "sheet",
        "max_rows",
        "max_bytes",
        "max_diagnostics",
    ];

    /// Options from their JSON shape: text that is not JSON is `invalid_json`; an unknown
    /// option or a bad value (a delimiter that is not one ASCII character, a negative
    /// limit) is `invalid_value` naming it.
    pub fn from_json(text: &str) -> Result<Self> {
        let value = crate::args::json_options(text, 1 << 20, "import options JSON bytes")?;
        crate::args::arg("options", &value)
    }

    /// Checks options built in Rust (the delimiter must be one ASCII character other than
    /// `"` and a line break); options read by [`crate::args`] are checked already.
    pub fn check(&self) -> Result<()> {
        if let Some(d) = self.delimiter {
            let at = ArgPath::arg("options").key("delimiter");
            Delimiter::from_arg(&Value::from(d.to_string()), &at)?;
        }
        Ok(())
    }

    /// Sets strict mode.
    pub fn strict(mut self, strict: bool) -> Self {
        self.strict = strict;
        self
    }

    /// Sets the guideline-set version.
    pub fn guideline_version(mut self, version: impl Into<String>) -> Self {
        self.guideline_version = Some(version.into());
        self
    }

    /// Sets the CSV delimiter.
    pub fn delimiter(mut self, delimiter: char) -> Self {
        self.delimiter = Some(delimiter);
        self
    }

    /// Sets the worksheet name.
    pub fn sheet(mut self, sheet: impl Into<String>) -> Self {
        self.sheet = Some(sheet.into());
        self
    }

    /// Sets the maximum number of data rows.
    pub fn max_rows(mut self, max_rows: u64) -> Self {
        self.max_rows = Some(max_rows);
        self
    }

    /// Sets the maximum number of stored findings (`None`: keep them all).
    pub fn max_diagnostics(mut self, max_diagnostics: Option<u64>) -> Self {
        self.max_diagnostics = max_diagnostics;
        self
    }

    /// Sets the maximum file size in bytes.
    pub fn max_bytes(mut self, max_bytes: u64) -> Self {
        self.max_bytes = Some(max_bytes);
        self
    }
}

impl FromArg for ImportOptions {
    fn expected() -> String {
        format!(
            "import options (an object with {})",
            Self::OPTIONS.join(", ")
        )
    }

    fn from_arg(value: &Value, at: &ArgPath) -> Result<Self> {
        let o = Options::new(value, at, Self::OPTIONS)?;
        let defaults = ImportOptions::default();
        Ok(ImportOptions {
            strict: o.get("strict")?.unwrap_or(defaults.strict),
            guideline_version: o.get("guideline_version")?,
            delimiter: o.get::<Delimiter>("delimiter")?.map(|d| d.0),
            sheet: o.get("sheet")?,
            max_rows: o.get("max_rows")?,
            max_bytes: o.get("max_bytes")?,
            // Absent: the default cap; null: no cap.
            max_diagnostics: o
                .get_nullable("max_diagnostics")?
                .unwrap_or(defaults.max_diagnostics),
        })
    }
}

crate::args::deserialize_with_args!(ImportOptions, "options");
