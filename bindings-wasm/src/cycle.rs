//! The congress cycle: `Cycle` and its `review` (JSON in, JSON out). Conversion only: core
//! reads the cycle document and the options, reviews, and lays out the result.

use crate::catalog::Catalog;
use crate::convert;
use crate::focal::FocalDirectory;
use crate::matrix::Matrix;
use lineamientos::ReviewOptions;
use wasm_bindgen::prelude::*;

type JsResult<T = JsValue> = Result<T, JsValue>;

/// One congress cycle: its working tables, their plans and approval records, the events and
/// the agreements (the JSON shape of `Cycle`). Attach the tracking matrix and the focal-point
/// directory with `setMatrix` / `setFocalPoints` (the cycle keeps its own copy), then
/// `review(catalog, options)`.
#[wasm_bindgen]
pub struct Cycle {
    inner: lineamientos::Cycle,
    matrix: Option<lineamientos::Matrix>,
    focal_points: Option<lineamientos::FocalDirectory>,
}

#[wasm_bindgen]
impl Cycle {
    /// Reads a cycle from its JSON text or a plain object. Throws `invalid_json` (with
    /// `path`) for a wrong type.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "CycleDocument | string")] document: JsValue,
    ) -> JsResult<Cycle> {
        Ok(Cycle {
            inner: convert::document(document, lineamientos::Cycle::from_json, "")?,
            matrix: None,
            focal_points: None,
        })
    }

    /// The congress edition (`undefined` when missing).
    #[wasm_bindgen(getter)]
    pub fn congress(&self) -> Option<u32> {
        self.inner.congress
    }

    /// The cycle document (its JSON shape).
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "CycleDocument")]
    pub fn to_json(&self) -> JsResult {
        convert::to_js(&self.inner)
    }

    /// Uses (a copy of) `matrix` as the cycle's tracking matrix in reviews.
    #[wasm_bindgen(js_name = setMatrix)]
    pub fn set_matrix(&mut self, matrix: &Matrix) {
        self.matrix = Some(matrix.inner.clone());
    }

    /// Uses (a copy of) `directory` as the cycle's focal points in reviews.
    #[wasm_bindgen(js_name = setFocalPoints)]
    pub fn set_focal_points(&mut self, directory: &FocalDirectory) {
        self.focal_points = Some(directory.inner.clone());
    }

    /// Reviews the cycle against its matrix (entries reported in the cycle's period) and
    /// focal points, when set. Options: `asOf` (required), `rules`, `behindTargetMargin`
    /// (20 points), `followUpIntervalDays` (180), `confirmFocalPoints` (false),
    /// `confirmIntervalDays` (365), the other validation options, `rulesets` (rule files, full
    /// build: run once over every scope of the cycle and over the matrix's entries at
    /// `/matrix/{i}`, counted in `report.outcomes`) and `lang` (messages).
    /// Returns `report`, `general_plan` (approved plans only), `general_report`, and the rows
    /// of `activities`, `tables`, `axes`, `agreements` and `events`.
    #[wasm_bindgen(unchecked_return_type = "CycleReview")]
    pub fn review(
        &self,
        catalog: &Catalog,
        #[wasm_bindgen(unchecked_param_type = "ReviewOptions")] options: JsValue,
    ) -> JsResult {
        let mut options = convert::core_options(options)?;
        let rulesets = crate::ruleset::take(&mut options);
        let mut review_options: ReviewOptions = options.read("options")?;
        review_options.rules = crate::ruleset::attach(review_options.rules, rulesets)?;
        let review = self.inner.review(
            &catalog.inner,
            self.matrix.as_ref(),
            self.focal_points.as_ref(),
            &review_options,
        );
        convert::to_js(&review.localized(options.lang))
    }
}

#[cfg(feature = "report")]
#[wasm_bindgen]
impl Cycle {
    /// The systematization report of the cycle (see `Systematization`): options as
    /// `review`'s plus `suppressBelow` (the threshold of counts of people, default 5).
    pub fn systematize(
        &self,
        catalog: &Catalog,
        #[wasm_bindgen(unchecked_param_type = "SystematizeOptions")] options: JsValue,
    ) -> JsResult<Systematization> {
        let mut options = convert::core_options(options)?;
        let rulesets = crate::ruleset::take(&mut options);
        let mut report_options: lineamientos::SystematizeOptions = options.read("options")?;
        report_options.review.rules =
            crate::ruleset::attach(report_options.review.rules, rulesets)?;
        let inner = self
            .inner
            .systematize(
                &catalog.inner,
                self.matrix.as_ref(),
                self.focal_points.as_ref(),
                &report_options,
            )
            .map_err(crate::errors::js)?;
        Ok(Systematization { inner })
    }
}

/// The systematization report of a congress cycle: `toHtml(lang)` (one self-contained page),
/// `toMarkdown(lang)`, and every figure with `toJSON()`. In the full build only
/// (`lineamientos-wasm/full`).
#[cfg(feature = "report")]
#[wasm_bindgen]
pub struct Systematization {
    inner: lineamientos::Systematization,
}

#[cfg(feature = "report")]
#[wasm_bindgen]
impl Systematization {
    /// What is illustrative: "guidelines" and/or "data" (empty: nothing).
    #[wasm_bindgen(getter)]
    pub fn illustrative(&self) -> Vec<String> {
        self.inner.illustrative.clone()
    }

    /// The report as one self-contained HTML page (`lang`: "es" by default).
    #[wasm_bindgen(js_name = toHtml)]
    pub fn to_html(&self, lang: Option<String>) -> JsResult<String> {
        Ok(self
            .inner
            .to_html(convert::lang_or(lang, lineamientos::Lang::Es)?))
    }

    /// The report as Markdown (`lang`: "es" by default).
    #[wasm_bindgen(js_name = toMarkdown)]
    pub fn to_markdown(&self, lang: Option<String>) -> JsResult<String> {
        Ok(self
            .inner
            .to_markdown(convert::lang_or(lang, lineamientos::Lang::Es)?))
    }

    /// Every figure of the report (its JSON shape).
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "SystematizationData")]
    pub fn to_json(&self) -> JsResult {
        convert::to_js(&self.inner)
    }
}
