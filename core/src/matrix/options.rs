//! [`ImportOptions`]: how to read a partner's file.

use crate::{Error, Result};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

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
/// assert_eq!(ImportOptions::from_json(r#"{"strikt": true}"#).unwrap_err().code(), "invalid_json");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct ImportOptions {
    /// Turn every row-level warning into a rejection of the row.
    pub strict: bool,
    /// The guideline-set version that axis and guideline codes refer to (default: the
    /// catalogue's current set).
    pub guideline_version: Option<String>,
    /// Field delimiter of a CSV file (default: detected among `,`, `;` and tab).
    pub delimiter: Option<char>,
    /// Worksheet of an XLSX file (default: the first sheet).
    pub sheet: Option<String>,
    /// Maximum number of data rows; more is the error `limit_exceeded` (default: no limit).
    pub max_rows: Option<u64>,
    /// Maximum file size in bytes; more is the error `limit_exceeded` (default: no limit).
    pub max_bytes: Option<u64>,
}

impl ImportOptions {
    /// Default options: tolerant mode, detected delimiter, first sheet, no limits.
    pub fn new() -> Self {
        Self::default()
    }

    /// Options from their JSON shape; unknown fields are refused (`invalid_json`), a
    /// delimiter that is not one ASCII character is `invalid_value`.
    pub fn from_json(text: &str) -> Result<Self> {
        crate::catalog::check_size(text.len(), 1 << 20, "import options JSON bytes")?;
        let o: ImportOptions =
            serde_json::from_str(text).map_err(|e| Error::from_serde_json(&e))?;
        o.check()?;
        Ok(o)
    }

    /// Checks the options (the delimiter must be one ASCII character other than `"`).
    pub fn check(&self) -> Result<()> {
        if let Some(d) = self.delimiter {
            if !d.is_ascii() || d == '"' || d == '\n' || d == '\r' {
                return Err(Error::InvalidValue {
                    field: "delimiter".into(),
                    reason: format!("{d:?} is not a usable ASCII delimiter"),
                });
            }
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

    /// Sets the maximum file size in bytes.
    pub fn max_bytes(mut self, max_bytes: u64) -> Self {
        self.max_bytes = Some(max_bytes);
        self
    }
}
