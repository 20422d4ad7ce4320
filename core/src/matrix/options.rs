//! [`ImportOptions`]: how to read a partner's file.

use crate::Result;
use crate::args::{ArgPath, Delimiter, FromArg, Options, Threads};
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
/// // every size limit has a safe default; `null` lifts it
/// assert_eq!(o.max_cell_chars, Some(32_767));
/// let o = ImportOptions::from_json(r#"{"max_rows": null}"#).unwrap();
/// assert_eq!(o.max_rows, None);
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
    /// Maximum number of data rows; more is the error `limit_exceeded` (`what`:
    /// `data_rows`). Default [`DEFAULT_MAX_ROWS`](Self::DEFAULT_MAX_ROWS); JSON `null` or
    /// `None`: no limit.
    pub max_rows: Option<u64>,
    /// Maximum file size in bytes; more is the error `limit_exceeded` (`what`:
    /// `input_bytes`). Default [`DEFAULT_MAX_BYTES`](Self::DEFAULT_MAX_BYTES); JSON `null`
    /// or `None`: no limit.
    pub max_bytes: Option<u64>,
    /// Maximum characters in one cell; a longer cell is the error `limit_exceeded` (`what`:
    /// `cell_chars`). Default [`DEFAULT_MAX_CELL_CHARS`](Self::DEFAULT_MAX_CELL_CHARS);
    /// JSON `null` or `None`: no limit.
    pub max_cell_chars: Option<u64>,
    /// Maximum cells in one row (the header's width included); a wider row is the error
    /// `limit_exceeded` (`what`: `columns`). Default
    /// [`DEFAULT_MAX_COLUMNS`](Self::DEFAULT_MAX_COLUMNS); JSON `null` or `None`: no limit.
    pub max_columns: Option<u64>,
    /// Maximum decompressed size of an XLSX workbook (all its parts, as its zip directory
    /// declares them, checked before anything is decompressed); more is the error
    /// `limit_exceeded` (`what`: `xlsx_uncompressed_bytes`). Default
    /// [`DEFAULT_MAX_UNCOMPRESSED_BYTES`](Self::DEFAULT_MAX_UNCOMPRESSED_BYTES); JSON `null`
    /// or `None`: no limit.
    pub max_uncompressed_bytes: Option<u64>,
    /// Maximum compression ratio of one part of an XLSX workbook (decompressed / compressed
    /// size, for parts above 1 MiB decompressed); more is the error `limit_exceeded`
    /// (`what`: `xlsx_compression_ratio`): the mark of a zip bomb. Default
    /// [`DEFAULT_MAX_COMPRESSION_RATIO`](Self::DEFAULT_MAX_COMPRESSION_RATIO); JSON `null`
    /// or `None`: no limit.
    pub max_compression_ratio: Option<u64>,
    /// Maximum number of findings kept in the report (default:
    /// [`DEFAULT_MAX_DIAGNOSTICS`](Self::DEFAULT_MAX_DIAGNOSTICS); JSON `null` or `None`: no
    /// limit). Findings beyond it are counted (summary, `diagnostics_truncated`) but not
    /// stored; rows are still accepted or rejected exactly. File-level findings (without a
    /// row) are always kept.
    pub max_diagnostics: Option<u64>,
    /// Threads a CSV import runs on (default, JSON `null` or `None`: one per core; `1`:
    /// serially). The result is the same whatever the number. WebAssembly has one thread.
    pub threads: Option<u64>,
}

impl Default for ImportOptions {
    fn default() -> Self {
        ImportOptions {
            strict: false,
            guideline_version: None,
            delimiter: None,
            sheet: None,
            max_rows: Some(Self::DEFAULT_MAX_ROWS),
            max_bytes: Some(Self::DEFAULT_MAX_BYTES),
            max_cell_chars: Some(Self::DEFAULT_MAX_CELL_CHARS),
            max_columns: Some(Self::DEFAULT_MAX_COLUMNS),
            max_uncompressed_bytes: Some(Self::DEFAULT_MAX_UNCOMPRESSED_BYTES),
            max_compression_ratio: Some(Self::DEFAULT_MAX_COMPRESSION_RATIO),
            max_diagnostics: Some(Self::DEFAULT_MAX_DIAGNOSTICS),
            threads: None,
        }
    }
}

impl ImportOptions {
    /// The default cap on stored findings: enough for any file a person will read through,
    /// small enough that a million bad rows do not hold a million findings in memory.
    pub const DEFAULT_MAX_DIAGNOSTICS: u64 = 10_000;

    /// Default cap on data rows: twice Excel's own sheet maximum (1,048,576 rows) and twice
    /// the million-row benchmark, while the matrix of a whole congress cycle has thousands.
    /// The store takes about 150 bytes a row: 2 million rows stay near 300 MB.
    pub const DEFAULT_MAX_ROWS: u64 = 2_000_000;

    /// Default cap on the file size, 512 MiB: 3.7 times the million-row benchmark file
    /// (139 MB); a partner's file is a few MB. An import takes about the file's size in
    /// memory (1.09 times, measured), so this bounds it near half a GiB, which also fits
    /// the 4 GiB address space of WebAssembly with the file's own copy.
    pub const DEFAULT_MAX_BYTES: u64 = 512 * 1024 * 1024;

    /// Default cap on one cell: Excel's own limit of 32,767 characters, so that no cell a
    /// spreadsheet can hold is refused; a longer cell in a CSV file is almost surely an
    /// unclosed quote that swallowed the rest of the file.
    pub const DEFAULT_MAX_CELL_CHARS: u64 = 32_767;

    /// Default cap on the cells of a row: Excel's own limit of 16,384 columns (`XFD`); the
    /// matrix has 25 known columns.
    pub const DEFAULT_MAX_COLUMNS: u64 = 16_384;

    /// Default cap on the decompressed size of a workbook, 1 GiB: a full Excel sheet
    /// (1,048,576 rows) of the matrix's columns is about 700 MB of XML, while a zip bomb
    /// declares gigabytes to petabytes. Checked on the zip directory before any part is
    /// decompressed; the zip reader then refuses a part that grows past its declared size.
    pub const DEFAULT_MAX_UNCOMPRESSED_BYTES: u64 = 1024 * 1024 * 1024;

    /// Default cap on the compression ratio of a workbook part above 1 MiB: the parts of
    /// real workbooks compress 6 to 20 times (measured on generated sheets: 6 for varied
    /// cells, 17 for a sheet of identical cells; 228 for a shared-string table repeating
    /// one text, which Excel never writes); deflate bombs are near its maximum of 1,032.
    pub const DEFAULT_MAX_COMPRESSION_RATIO: u64 = 500;

    /// Default options: tolerant mode, detected delimiter, first sheet, the default limits
    /// (`DEFAULT_MAX_*`), at most [`DEFAULT_MAX_DIAGNOSTICS`](Self::DEFAULT_MAX_DIAGNOSTICS)
    /// findings stored.
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
        "max_cell_chars",
        "max_columns",
        "max_uncompressed_bytes",
        "max_compression_ratio",
        "max_diagnostics",
        "threads",
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

    /// Sets the maximum characters of one cell (`None`: no limit).
    pub fn max_cell_chars(mut self, max_cell_chars: Option<u64>) -> Self {
        self.max_cell_chars = max_cell_chars;
        self
    }

    /// Sets the maximum cells of one row (`None`: no limit).
    pub fn max_columns(mut self, max_columns: Option<u64>) -> Self {
        self.max_columns = max_columns;
        self
    }

    /// Sets the maximum decompressed size of an XLSX workbook (`None`: no limit).
    pub fn max_uncompressed_bytes(mut self, max_uncompressed_bytes: Option<u64>) -> Self {
        self.max_uncompressed_bytes = max_uncompressed_bytes;
        self
    }

    /// Sets the maximum compression ratio of an XLSX part (`None`: no limit).
    pub fn max_compression_ratio(mut self, max_compression_ratio: Option<u64>) -> Self {
        self.max_compression_ratio = max_compression_ratio;
        self
    }

    /// Sets the number of threads of a CSV import (`None`: one per core; `Some(1)`:
    /// serially).
    pub fn threads(mut self, threads: Option<u64>) -> Self {
        self.threads = threads;
        self
    }

    /// The threads a CSV import runs on: `threads`, else one per core.
    pub(crate) fn thread_count(&self) -> usize {
        match self.threads {
            Some(n) => usize::try_from(n).unwrap_or(usize::MAX).max(1),
            None => std::thread::available_parallelism().map_or(1, std::num::NonZero::get),
        }
    }

    /// Lifts every size limit (rows, bytes, cells, columns, decompressed size, ratio): for
    /// trusted files larger than the defaults allow.
    pub fn unlimited(mut self) -> Self {
        self.max_rows = None;
        self.max_bytes = None;
        self.max_cell_chars = None;
        self.max_columns = None;
        self.max_uncompressed_bytes = None;
        self.max_compression_ratio = None;
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
            // Every limit: absent is the default cap; null is no cap.
            max_rows: o.get_nullable("max_rows")?.unwrap_or(defaults.max_rows),
            max_bytes: o.get_nullable("max_bytes")?.unwrap_or(defaults.max_bytes),
            max_cell_chars: o
                .get_nullable("max_cell_chars")?
                .unwrap_or(defaults.max_cell_chars),
            max_columns: o
                .get_nullable("max_columns")?
                .unwrap_or(defaults.max_columns),
            max_uncompressed_bytes: o
                .get_nullable("max_uncompressed_bytes")?
                .unwrap_or(defaults.max_uncompressed_bytes),
            max_compression_ratio: o
                .get_nullable("max_compression_ratio")?
                .unwrap_or(defaults.max_compression_ratio),
            max_diagnostics: o
                .get_nullable("max_diagnostics")?
                .unwrap_or(defaults.max_diagnostics),
            threads: o.get::<Threads>("threads")?.map(|t| t.0),
        })
    }
}

crate::args::deserialize_with_args!(ImportOptions, "options");
