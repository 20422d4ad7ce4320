//! `Matrix`: the tracking matrix. Import from CSV, XLSX or entries (with the import report),
//! pivot tables with disclosure control, analyses, and export.

use crate::catalog::Catalog;
use crate::convert::{self, CoreOptions};
use crate::errors;
use chrono::NaiveDate;
use lineamientos::pivot::PeriodUnit;
use lineamientos::{Entry, Error, ImportOptions, ImportReport, Lang, PivotSpec};
use wasm_bindgen::prelude::*;

type JsResult<T = JsValue> = Result<T, JsValue>;

/// The tracking matrix (matriz de seguimiento): the accepted entries and the report of the
/// import that produced them.
#[wasm_bindgen]
pub struct Matrix {
    pub(crate) inner: lineamientos::Matrix,
    pub(crate) report: ImportReport,
    pub(crate) lang: Lang,
}

/// The bytes of a file given as text, `Uint8Array` or `ArrayBuffer`.
fn file_bytes(input: &JsValue) -> JsResult<Vec<u8>> {
    if let Some(text) = input.as_string() {
        return Ok(text.into_bytes());
    }
    if input.is_instance_of::<js_sys::Uint8Array>() {
        return Ok(js_sys::Uint8Array::new(input).to_vec());
    }
    if input.is_instance_of::<js_sys::ArrayBuffer>() {
        return Ok(js_sys::Uint8Array::new(input).to_vec());
    }
    Err(errors::js(Error::invalid_value(
        "input",
        None,
        "the file as a string, a Uint8Array or an ArrayBuffer",
    )))
}

pub(crate) fn import_options(options: &CoreOptions) -> JsResult<ImportOptions> {
    options.read("options")
}

fn entries_doc(text: &str) -> Result<Vec<Entry>, Error> {
    convert::json_text(text)
}

impl Matrix {
    fn read(
        cat: &lineamientos::Catalog,
        input: &JsValue,
        options: JsValue,
        xlsx: bool,
    ) -> JsResult<Matrix> {
        let options = convert::core_options(options)?;
        let opts = import_options(&options)?;
        let bytes = file_bytes(input)?;
        #[cfg(feature = "xlsx-read")]
        let read = if xlsx {
            lineamientos::Matrix::read_xlsx(std::io::Cursor::new(bytes), cat, &opts)
        } else {
            lineamientos::Matrix::read_csv(bytes.as_slice(), cat, &opts)
        };
        #[cfg(not(feature = "xlsx-read"))]
        let read = {
            let _ = xlsx;
            lineamientos::Matrix::read_csv(bytes.as_slice(), cat, &opts)
        };
        let (inner, report) = read.map_err(|e| errors::js(convert::camel_error(e)))?;
        Ok(Matrix {
            inner,
            report,
            lang: options.lang,
        })
    }

    fn from_entries_in(
        cat: &lineamientos::Catalog,
        entries: JsValue,
        options: JsValue,
    ) -> JsResult<Matrix> {
        let options = convert::core_options(options)?;
        let opts = import_options(&options)?;
        let entries: Vec<Entry> = convert::document(entries, entries_doc, "")?;
        let (inner, report) = lineamientos::Matrix::from_entries_with(entries, cat, &opts)
            .map_err(|e| errors::js(convert::camel_error(e)))?;
        Ok(Matrix {
            inner,
            report,
            lang: options.lang,
        })
    }
}

#[wasm_bindgen]
impl Matrix {
    /// Imports a CSV file (text, `Uint8Array` or `ArrayBuffer`) against the embedded
    /// catalogue, as partners send them: `,`/`;`/tab, UTF-8 with or without BOM or Latin-1,
    /// Spanish or English headers. Row problems never throw: see `importReport`. Options:
    /// `strict`, `guidelineVersion`, `delimiter`, `maxRows`, `maxBytes`, `maxCellChars`,
    /// `maxColumns`, `maxUncompressedBytes`, `maxCompressionRatio` (XLSX), `maxDiagnostics`,
    /// `lang`: each limit has a safe default and `null` lifts it.
    #[wasm_bindgen(js_name = fromCsv)]
    pub fn from_csv(
        #[wasm_bindgen(unchecked_param_type = "string | Uint8Array | ArrayBuffer")] input: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "ImportOptions")] options: JsValue,
    ) -> JsResult<Matrix> {
        Matrix::read(&lineamientos::Catalog::embedded(), &input, options, false)
    }

    /// Imports one worksheet of an XLSX workbook (`sheet` option, default the first) against
    /// the embedded catalogue. Throws `invalid_file` when the bytes are not a workbook.
    #[cfg(feature = "xlsx-read")]
    #[wasm_bindgen(js_name = fromXlsx)]
    pub fn from_xlsx(
        #[wasm_bindgen(unchecked_param_type = "Uint8Array | ArrayBuffer")] input: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "ImportOptions")] options: JsValue,
    ) -> JsResult<Matrix> {
        Matrix::read(&lineamientos::Catalog::embedded(), &input, options, true)
    }

    /// Builds a matrix from entries (objects of the `Entry` shape, or their JSON text),
    /// validated like imported rows: row `i` of a finding is the entry's position.
    #[wasm_bindgen(js_name = fromEntries)]
    pub fn from_entries(
        #[wasm_bindgen(unchecked_param_type = "EntryInput[] | string")] entries: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "ImportOptions")] options: JsValue,
    ) -> JsResult<Matrix> {
        Matrix::from_entries_in(&lineamientos::Catalog::embedded(), entries, options)
    }

    /// The import report: `{rows_read, accepted, rejected, rows_with_dropped_values, summary, diagnostics (with row and
    /// column), rejected_rows, columns, delimiter, encoding, guideline_version, pins, lang}`,
    /// messages in the import's `lang`.
    #[wasm_bindgen(getter, js_name = importReport, unchecked_return_type = "ImportReport")]
    pub fn import_report(&self) -> JsResult {
        convert::to_js(&self.report.localized(self.lang))
    }

    /// The import report with its messages in `lang`.
    #[wasm_bindgen(js_name = importReportIn, unchecked_return_type = "ImportReport")]
    pub fn import_report_in(
        &self,
        #[wasm_bindgen(unchecked_param_type = "LangCode")] lang: &str,
    ) -> JsResult {
        let lang = convert::lang_or(Some(lang.to_owned()), Lang::default())?;
        convert::to_js(&self.report.localized(lang))
    }

    /// Number of accepted entries.
    #[wasm_bindgen(getter)]
    pub fn length(&self) -> usize {
        self.inner.len()
    }

    /// The accepted entries, in import order.
    #[wasm_bindgen(unchecked_return_type = "Entry[]")]
    pub fn entries(&self) -> JsResult {
        convert::to_js(&self.inner.entries().collect::<Vec<_>>())
    }

    /// Entry `index` (import order), or `undefined`.
    #[wasm_bindgen(unchecked_return_type = "Entry | undefined")]
    pub fn entry(&self, index: usize) -> JsResult {
        self.inner
            .entry(index)
            .map_or(Ok(JsValue::UNDEFINED), |e| convert::to_js(&e))
    }

    /// The guideline-set version that axis and guideline codes refer to.
    #[wasm_bindgen(getter, js_name = guidelineVersion)]
    pub fn guideline_version(&self) -> String {
        self.inner.guideline_version().to_owned()
    }

    /// The catalogue and library the matrix was validated with.
    #[wasm_bindgen(getter, unchecked_return_type = "Pins")]
    pub fn pins(&self) -> JsResult {
        convert::to_js(self.inner.pins())
    }

    /// Aggregates the entries: `{rows: ["country"], cols: ["axis"], measure: "count",
    /// period, suppressBelow, approvedOnly}` gives a `PivotTable` with keys, sparse cells,
    /// row and column totals (computed from the entries) and suppression flags.
    #[wasm_bindgen(unchecked_return_type = "PivotTable")]
    pub fn pivot(
        &self,
        #[wasm_bindgen(unchecked_param_type = "PivotOptions")] spec: JsValue,
    ) -> JsResult {
        let spec = pivot_spec(spec)?;
        convert::to_js(&self.inner.pivot(&spec).map_err(errors::js)?)
    }

    /// The pivot table as an HTML cross table (labels in `lang`, default Spanish; suppressed
    /// cells `*`): core's rendering, the same as Python's `PivotTable.to_html()`.
    #[wasm_bindgen(js_name = pivotHtml)]
    pub fn pivot_html(
        &self,
        #[wasm_bindgen(unchecked_param_type = "PivotOptions")] spec: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "LangCode")] lang: Option<String>,
    ) -> JsResult<String> {
        let lang = lang_of(lang)?;
        let table = self.inner.pivot(&pivot_spec(spec)?).map_err(errors::js)?;
        Ok(table.to_html(lang))
    }

    /// What the pivot table publishes, in the compact form `auditPublished` reads (withheld
    /// numbers `null`): core's `PublishedTable::of`, the same as Python's `t.published()`.
    #[wasm_bindgen(js_name = pivotPublished, unchecked_return_type = "PublishedTable")]
    pub fn pivot_published(
        &self,
        #[wasm_bindgen(unchecked_param_type = "PivotOptions")] spec: JsValue,
    ) -> JsResult {
        let table = self.inner.pivot(&pivot_spec(spec)?).map_err(errors::js)?;
        convert::to_js(&lineamientos::pivot::PublishedTable::of(&table))
    }

    /// The pivot table as CSV text (labels in `lang`, default Spanish).
    #[wasm_bindgen(js_name = pivotCsv)]
    pub fn pivot_csv(
        &self,
        #[wasm_bindgen(unchecked_param_type = "PivotOptions")] spec: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "LangCode")] lang: Option<String>,
    ) -> JsResult<String> {
        let lang = lang_of(lang)?;
        let table = self.inner.pivot(&pivot_spec(spec)?).map_err(errors::js)?;
        let mut out = Vec::new();
        table.write_csv(&mut out, lang).map_err(errors::js)?;
        Ok(String::from_utf8_lossy(&out).into_owned())
    }

    /// The pivot table as an XLSX workbook (bytes).
    ///
    /// Only in builds with the `xlsx-write` feature (not in the default package).
    #[cfg(feature = "xlsx-write")]
    #[wasm_bindgen(js_name = pivotXlsx)]
    pub fn pivot_xlsx(
        &self,
        #[wasm_bindgen(unchecked_param_type = "PivotOptions")] spec: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "LangCode")] lang: Option<String>,
    ) -> JsResult<Vec<u8>> {
        let lang = lang_of(lang)?;
        let table = self.inner.pivot(&pivot_spec(spec)?).map_err(errors::js)?;
        let mut out = Vec::new();
        table.write_xlsx(&mut out, lang).map_err(errors::js)?;
        Ok(out)
    }

    /// The entries as CSV text with headers in `lang` (default Spanish).
    #[wasm_bindgen(js_name = toCsv)]
    pub fn to_csv(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "LangCode")] lang: Option<String>,
    ) -> JsResult<String> {
        let mut out = Vec::new();
        self.inner
            .write_csv(&mut out, lang_of(lang)?)
            .map_err(errors::js)?;
        Ok(String::from_utf8_lossy(&out).into_owned())
    }

    /// The entries as an XLSX workbook (bytes), headers in `lang`.
    ///
    /// Only in builds with the `xlsx-write` feature (not in the default package).
    #[cfg(feature = "xlsx-write")]
    #[wasm_bindgen(js_name = toXlsx)]
    pub fn to_xlsx(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "LangCode")] lang: Option<String>,
    ) -> JsResult<Vec<u8>> {
        let mut out = Vec::new();
        self.inner
            .write_xlsx(&mut out, lang_of(lang)?)
            .map_err(errors::js)?;
        Ok(out)
    }

    /// Implementation coverage: for each country, the items with an ongoing or completed
    /// entry, and its coverage ratio.
    #[wasm_bindgen(unchecked_return_type = "Coverage")]
    pub fn coverage(&self) -> JsResult {
        convert::to_js(&self.inner.coverage())
    }

    /// Gaps: items nobody reports on, and countries silent since `since` (`"YYYY-MM-DD"`).
    #[wasm_bindgen(unchecked_return_type = "Gaps")]
    pub fn gaps(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] since: JsValue,
    ) -> JsResult {
        let since: NaiveDate = convert::arg(&since, "since")?;
        convert::to_js(&self.inner.gaps(since))
    }

    /// Replication candidates: good practices and success cases on items that other
    /// countries report nothing on.
    #[wasm_bindgen(js_name = replicationCandidates, unchecked_return_type = "ReplicationCandidate[]")]
    pub fn replication_candidates(&self) -> JsResult {
        convert::to_js(&self.inner.replication_candidates())
    }

    /// Entries, participants and mean progress per axis and period (`"month"`, `"quarter"`,
    /// `"semester"`, `"year"`; omitted or `null`: core's default, quarter).
    #[wasm_bindgen(js_name = timeSeries, unchecked_return_type = "TimeSeries")]
    pub fn time_series(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "PeriodUnit | null")] unit: JsValue,
    ) -> JsResult {
        // null / undefined: core's default unit, decided in core.
        let unit = lineamientos::args::arg_or(
            "unit",
            &convert::to_value(&unit, "unit")?,
            PeriodUnit::DEFAULT_SERIES,
        )
        .map_err(errors::js)?;
        convert::to_js(&self.inner.time_series(unit))
    }
}

/// The audit of a published table (`{rows, cols, cells: [{row, col, value}], row_totals,
/// col_totals, grand_total}`, withheld numbers `null`): the interval an attacker can derive
/// for every withheld number, `{method, entries: [{row, col, lo, hi}]}` (core's
/// `PublishedTable::audit`, the same as Python's `audit_published`). A protected pivot table
/// carries the audit of its own pattern in `table.audit`.
#[wasm_bindgen(js_name = auditPublished, unchecked_return_type = "Audit")]
pub fn audit_published(
    #[wasm_bindgen(unchecked_param_type = "PublishedTable | string")] published: JsValue,
) -> JsResult {
    let table: lineamientos::pivot::PublishedTable =
        convert::document(published, convert::json_text, "")?;
    convert::to_js(&table.audit().map_err(errors::js)?)
}

pub(crate) fn pivot_spec(spec: JsValue) -> JsResult<PivotSpec> {
    let options = convert::core_options(spec)?;
    options.read::<PivotSpec>("spec")
}

fn lang_of(lang: Option<String>) -> JsResult<Lang> {
    convert::lang_or(lang, Lang::default())
}

#[wasm_bindgen]
impl Catalog {
    /// Imports a CSV file against this catalogue (see `Matrix.fromCsv`).
    #[wasm_bindgen(js_name = readCsv)]
    pub fn read_csv(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string | Uint8Array | ArrayBuffer")] input: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "ImportOptions")] options: JsValue,
    ) -> JsResult<Matrix> {
        Matrix::read(&self.inner, &input, options, false)
    }

    /// Imports an XLSX workbook against this catalogue (see `Matrix.fromXlsx`).
    #[cfg(feature = "xlsx-read")]
    #[wasm_bindgen(js_name = readXlsx)]
    pub fn read_xlsx(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Uint8Array | ArrayBuffer")] input: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "ImportOptions")] options: JsValue,
    ) -> JsResult<Matrix> {
        Matrix::read(&self.inner, &input, options, true)
    }

    /// Builds a matrix from entries against this catalogue (see `Matrix.fromEntries`).
    #[wasm_bindgen(js_name = matrixFromEntries)]
    pub fn matrix_from_entries(
        &self,
        #[wasm_bindgen(unchecked_param_type = "EntryInput[] | string")] entries: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "ImportOptions")] options: JsValue,
    ) -> JsResult<Matrix> {
        Matrix::from_entries_in(&self.inner, entries, options)
    }
}

/// `Matrix.check` (rule files): in the full build only, with the rule engine.
#[cfg(feature = "rules")]
#[wasm_bindgen]
impl Matrix {
    /// Checks the entries against rule files (a `RuleSet`, a rule file object or an array
    /// of them): a `Report` with their findings (paths `/entries/{i}`), the matrix's pins
    /// plus each file's (`pins.rulesets`) and each rule's counts (`outcomes`: pass, fail,
    /// not_applicable). Options: `asOf` (required), `rules`
    /// (`{"<ruleset>.<name>": "off" | "error" | ...}`), `lang`.
    #[wasm_bindgen(unchecked_return_type = "Report")]
    pub fn check(
        &self,
        #[wasm_bindgen(unchecked_param_type = "RuleSet | RuleSetFile | (RuleSet | RuleSetFile)[]")]
        rulesets: JsValue,
        #[wasm_bindgen(unchecked_param_type = "CheckOptions")] options: JsValue,
    ) -> JsResult {
        let rulesets = convert::to_value(&rulesets, "rulesets")?;
        let mut options = convert::core_options(options)?;
        if crate::ruleset::take(&mut options).is_some() {
            return Err(errors::js(Error::invalid_value(
                "options",
                None,
                "the rule files as the first argument, not in options.rulesets",
            )));
        }
        let config = crate::ruleset::attach(options.read("options")?, Some(rulesets))?;
        convert::to_js(&self.inner.check(&config).localized(options.lang))
    }
}
