//! `FocalDirectory`: the national focal points and the follow-up of staff turnover. Names and
//! emails are personal data: no report or export carries them unless asked for explicitly.

use crate::catalog::Catalog;
use crate::{convert, errors};
use chrono::NaiveDate;
use lineamientos::{Lang, Privacy, Report, args};
use wasm_bindgen::prelude::*;

type JsResult<T = JsValue> = Result<T, JsValue>;

/// The directory of focal points, with the report of loading it.
#[wasm_bindgen]
pub struct FocalDirectory {
    pub(crate) inner: lineamientos::FocalDirectory,
    catalog: lineamientos::Catalog,
    report: Report,
    lang: Lang,
}

fn lang_of(lang: Option<String>, default: Lang) -> JsResult<Lang> {
    convert::lang_or(lang, default)
}

/// The confirmation interval in days, read by core; `undefined`/`null` is core's default.
fn interval(value: &JsValue) -> JsResult<u32> {
    let default = args::Days(lineamientos::FocalDirectory::DEFAULT_CONFIRM_INTERVAL_DAYS);
    args::arg_or(
        "interval_days",
        &convert::to_value(value, "intervalDays")?,
        default,
    )
    .map(|d| d.0)
    .map_err(|e| errors::js(convert::camel_error(e)))
}

#[wasm_bindgen]
impl Catalog {
    /// Loads a directory of focal points (an array of `FocalPoint` objects or its JSON text),
    /// resolving countries through this catalogue. Every record is kept; problems are in
    /// `report` (with paths, never names or emails). Option: `lang` of the messages.
    #[wasm_bindgen(js_name = focalDirectory)]
    pub fn focal_directory(
        &self,
        #[wasm_bindgen(unchecked_param_type = "FocalPoint[] | string")] points: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "{ lang?: LangCode }")] options: JsValue,
    ) -> JsResult<FocalDirectory> {
        let options = convert::core_options(options)?;
        // Core's reader: its errors never quote a value of the document (personal data).
        let (inner, report) = convert::document(
            points,
            |text| lineamientos::FocalDirectory::from_json(text, &self.inner),
            "",
        )?;
        Ok(FocalDirectory {
            inner,
            catalog: self.inner.clone(),
            report,
            lang: options.lang,
        })
    }
}

#[wasm_bindgen]
impl FocalDirectory {
    /// The report of loading the directory (`unknown_code`, `missing_field`, ...).
    #[wasm_bindgen(getter, unchecked_return_type = "Report")]
    pub fn report(&self) -> JsResult {
        convert::to_js(&self.report.localized(self.lang))
    }

    /// Number of records.
    #[wasm_bindgen(getter)]
    pub fn length(&self) -> usize {
        self.inner.points().len()
    }

    /// Institutions without a focal point active on `asOf` (`"YYYY-MM-DD"`).
    #[wasm_bindgen(js_name = institutionsWithoutActive, unchecked_return_type = "InstitutionRef[]")]
    pub fn institutions_without_active(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] as_of: JsValue,
    ) -> JsResult {
        let as_of: NaiveDate = convert::arg(&as_of, "as_of")?;
        convert::to_js(&self.inner.institutions_without_active(as_of))
    }

    /// Active contacts not confirmed within `intervalDays` before `asOf` (or never).
    #[wasm_bindgen(unchecked_return_type = "ContactDue[]")]
    pub fn unconfirmed(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] as_of: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "number | null")] interval_days: JsValue,
    ) -> JsResult {
        let as_of: NaiveDate = convert::arg(&as_of, "as_of")?;
        convert::to_js(&self.inner.unconfirmed(as_of, interval(&interval_days)?))
    }

    /// The follow-up as a report: `no_active_focal_point`, `contact_unconfirmed`, then the
    /// member states' coverage (`country_without_focal_point`, `sector_without_focal_point`).
    #[wasm_bindgen(js_name = followUp, unchecked_return_type = "Report")]
    pub fn follow_up(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] as_of: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "number | null")] interval_days: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "LangCode")] lang: Option<String>,
    ) -> JsResult {
        let lang = lang_of(lang, self.lang)?;
        let as_of: NaiveDate = convert::arg(&as_of, "as_of")?;
        let r = self
            .inner
            .follow_up(&self.catalog, as_of, interval(&interval_days)?);
        convert::to_js(&r.localized(lang))
    }

    /// The directory as CSV with headers in `lang`. Names and emails are left out unless
    /// `includePersonalData: true` is asked for explicitly.
    #[wasm_bindgen(js_name = toCsv)]
    pub fn to_csv(
        &self,
        #[wasm_bindgen(
            unchecked_param_type = "{ lang?: LangCode; includePersonalData?: boolean }"
        )]
        options: JsValue,
    ) -> JsResult<String> {
        let options = convert::core_options(options)?;
        let privacy: Privacy = options.read("options")?;
        let mut out = Vec::new();
        self.inner
            .write_csv(&mut out, options.lang, privacy)
            .map_err(errors::js)?;
        Ok(String::from_utf8_lossy(&out).into_owned())
    }
}
