//! `Catalog`: the reference data (codes, guideline sets, congresses) and lookups.

use crate::{convert, errors};
use lineamientos::{CatalogData, CodeKind};
use wasm_bindgen::prelude::*;

type JsResult<T = JsValue> = Result<T, JsValue>;

/// All reference data in one value: countries, organisations, GCM objectives and
/// principles, SDGs, Pro-Tempore Presidencies, congresses and guideline sets. Every
/// report pins its `version` and `hash`.
#[wasm_bindgen]
pub struct Catalog {
    pub(crate) inner: lineamientos::Catalog,
}

#[wasm_bindgen]
impl Catalog {
    /// The default reference data embedded in the library (with an *illustrative*
    /// guideline set: load an agency's official one with `Catalog.fromJson`).
    pub fn embedded() -> Catalog {
        Catalog {
            inner: lineamientos::Catalog::embedded(),
        }
    }

    /// Loads an agency's catalogue: a JSON string or an object of the `CatalogData` shape.
    /// Throws `invalid_json` (bad JSON or shape) or `invalid_catalog` (with `diagnostics`).
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(
        #[wasm_bindgen(unchecked_param_type = "string | CatalogData")] doc: JsValue,
    ) -> JsResult<Catalog> {
        let inner = if let Some(text) = doc.as_string() {
            lineamientos::Catalog::from_json(&text)
        } else {
            lineamientos::Catalog::from_data(convert::document::<CatalogData>(
                doc,
                convert::json_text,
                "",
            )?)
        }
        .map_err(errors::js)?;
        Ok(Catalog { inner })
    }

    /// The catalogue's version label.
    #[wasm_bindgen(getter)]
    pub fn version(&self) -> String {
        self.inner.version().to_owned()
    }

    /// The content hash (`sha256:` + hex).
    #[wasm_bindgen(getter)]
    pub fn hash(&self) -> String {
        self.inner.hash().to_owned()
    }

    /// Version, hash and library version, as every report carries them.
    #[wasm_bindgen(getter, unchecked_return_type = "Pins")]
    pub fn pins(&self) -> JsResult {
        convert::to_js(&self.inner.pins())
    }

    /// The catalogue as pretty JSON (loadable with `Catalog.fromJson`).
    #[wasm_bindgen(js_name = toJson)]
    pub fn to_json(&self) -> JsResult<String> {
        self.inner.to_json().map_err(errors::js)
    }

    /// The whole content as a plain object.
    #[wasm_bindgen(js_name = toObject, unchecked_return_type = "CatalogData")]
    pub fn to_object(&self) -> JsResult {
        convert::to_js(self.inner.data())
    }

    /// Every country.
    #[wasm_bindgen(unchecked_return_type = "Country[]")]
    pub fn countries(&self) -> JsResult {
        convert::to_js(self.inner.countries())
    }

    /// The member states.
    #[wasm_bindgen(unchecked_return_type = "Country[]")]
    pub fn members(&self) -> JsResult {
        convert::to_js(&self.inner.members().collect::<Vec<_>>())
    }

    /// The observer countries.
    #[wasm_bindgen(js_name = observerCountries, unchecked_return_type = "Country[]")]
    pub fn observer_countries(&self) -> JsResult {
        convert::to_js(&self.inner.observer_countries().collect::<Vec<_>>())
    }

    /// The organisations (observers, partners, regional and treaty bodies, civil society).
    #[wasm_bindgen(unchecked_return_type = "Organization[]")]
    pub fn organizations(&self) -> JsResult {
        convert::to_js(self.inner.organizations())
    }

    /// The GCM objectives.
    #[wasm_bindgen(js_name = gcmObjectives, unchecked_return_type = "GcmObjective[]")]
    pub fn gcm_objectives(&self) -> JsResult {
        convert::to_js(self.inner.gcm_objectives())
    }

    /// The GCM guiding principles.
    #[wasm_bindgen(js_name = gcmPrinciples, unchecked_return_type = "GcmPrinciple[]")]
    pub fn gcm_principles(&self) -> JsResult {
        convert::to_js(self.inner.gcm_principles())
    }

    /// The Sustainable Development Goals.
    #[wasm_bindgen(unchecked_return_type = "Sdg[]")]
    pub fn sdgs(&self) -> JsResult {
        convert::to_js(self.inner.sdgs())
    }

    /// The congress editions (I, II, ...). Unknown facts are absent, never guessed.
    #[wasm_bindgen(unchecked_return_type = "Congress[]")]
    pub fn congresses(&self) -> JsResult {
        let views: Vec<_> = self.inner.congresses().iter().map(|c| c.view()).collect();
        convert::to_js(&views)
    }

    /// Congress `edition` (1 = I), or `undefined`.
    #[wasm_bindgen(unchecked_return_type = "Congress | undefined")]
    pub fn congress(&self, edition: u16) -> JsResult {
        optional(self.inner.congress(edition).map(|c| c.view()).as_ref())
    }

    /// The Pro-Tempore Presidencies.
    #[wasm_bindgen(unchecked_return_type = "Presidency[]")]
    pub fn presidencies(&self) -> JsResult {
        convert::to_js(self.inner.presidencies())
    }

    /// The Pro-Tempore Presidency of `year`, or `undefined`.
    #[wasm_bindgen(unchecked_return_type = "Presidency | undefined")]
    pub fn presidency(&self, year: i32) -> JsResult {
        optional(self.inner.presidency(year))
    }

    /// The guideline sets, oldest first.
    #[wasm_bindgen(js_name = guidelineSets, unchecked_return_type = "GuidelineSet[]")]
    pub fn guideline_sets(&self) -> JsResult {
        convert::to_js(self.inner.guideline_sets())
    }

    /// The guideline set of `version`. Throws `unknown_code` (kind `guideline_set`).
    #[wasm_bindgen(js_name = guidelineSet, unchecked_return_type = "GuidelineSet")]
    pub fn guideline_set(&self, version: &str) -> JsResult {
        convert::to_js(self.inner.guideline_set(version).map_err(errors::js)?)
    }

    /// The current (last) guideline set, or `undefined` for an empty catalogue.
    #[wasm_bindgen(
        js_name = currentGuidelineSet,
        unchecked_return_type = "GuidelineSet | undefined"
    )]
    pub fn current_guideline_set(&self) -> JsResult {
        optional(self.inner.current_guideline_set())
    }

    /// The crosswalk from version `from` to version `to`, or `undefined`.
    #[wasm_bindgen(unchecked_return_type = "Crosswalk | undefined")]
    pub fn crosswalk(&self, from: &str, to: &str) -> JsResult {
        optional(self.inner.crosswalk(from, to))
    }

    /// Resolves a country written as ISO2, ISO3, Spanish or English name (case and accents
    /// ignored). Throws `unknown_code` with `suggestion` when a close code exists.
    #[wasm_bindgen(js_name = parseCountry, unchecked_return_type = "Country")]
    pub fn parse_country(&self, value: &str) -> JsResult {
        convert::to_js(self.inner.parse_country(value).map_err(errors::js)?)
    }

    /// Resolves an organisation by code, name or alias (`"OIM"` gives IOM).
    #[wasm_bindgen(js_name = parseOrganization, unchecked_return_type = "Organization")]
    pub fn parse_organization(&self, value: &str) -> JsResult {
        convert::to_js(self.inner.parse_organization(value).map_err(errors::js)?)
    }

    /// Resolves a plan lead or participant to a country's ISO3 or an organisation's code.
    #[wasm_bindgen(js_name = parseParticipant)]
    pub fn parse_participant(&self, value: &str) -> JsResult<String> {
        self.inner.parse_participant(value).map_err(errors::js)
    }

    /// Resolves a GCM objective by number (`"7"`, `"OBJ 7"`) or title.
    #[wasm_bindgen(js_name = parseGcmObjective, unchecked_return_type = "GcmObjective")]
    pub fn parse_gcm_objective(&self, value: &str) -> JsResult {
        convert::to_js(self.inner.parse_gcm_objective(value).map_err(errors::js)?)
    }

    /// Resolves a GCM guiding principle by key (`"a"`) or name.
    #[wasm_bindgen(js_name = parseGcmPrinciple, unchecked_return_type = "GcmPrinciple")]
    pub fn parse_gcm_principle(&self, value: &str) -> JsResult {
        convert::to_js(self.inner.parse_gcm_principle(value).map_err(errors::js)?)
    }

    /// Resolves a Sustainable Development Goal by number (`"5"`, `"ODS 5"`) or name.
    #[wasm_bindgen(js_name = parseSdg, unchecked_return_type = "Sdg")]
    pub fn parse_sdg(&self, value: &str) -> JsResult {
        convert::to_js(self.inner.parse_sdg(value).map_err(errors::js)?)
    }

    /// Resolves an axis of guideline-set `version` by code or es/en name.
    #[wasm_bindgen(js_name = parseAxis, unchecked_return_type = "Axis")]
    pub fn parse_axis(&self, version: &str, value: &str) -> JsResult {
        convert::to_js(self.inner.parse_axis(version, value).map_err(errors::js)?)
    }

    /// Resolves a guideline item of `version` (`"vcm 2"` gives `VCM-2`); retired items
    /// resolve too (see their `retired` field).
    #[wasm_bindgen(js_name = parseGuideline, unchecked_return_type = "Guideline")]
    pub fn parse_guideline(&self, version: &str, value: &str) -> JsResult {
        convert::to_js(
            self.inner
                .parse_guideline(version, value)
                .map_err(errors::js)?,
        )
    }
}

/// The values of a fixed code list with es/en labels (entry types, statuses, stages,
/// session kinds, activity kinds, emerging challenges, languages), for a form's pick list.
/// Throws `invalid_value` for a name that is not a code list and `unknown_code` for a list
/// that lives in the catalogue (countries, axes, ...: use the `Catalog` methods).
#[wasm_bindgen(js_name = codeList, unchecked_return_type = "CodeLabel[]")]
pub fn code_list(#[wasm_bindgen(unchecked_param_type = "FixedCodeKind")] kind: &str) -> JsResult {
    convert::to_js(&code_kind(kind)?.code_list().map_err(errors::js)?)
}

/// Resolves a value of a fixed code list (code, Spanish or English label, usual synonym;
/// case and accents ignored) to its code and labels. Throws `unknown_code` with `suggestion`.
#[wasm_bindgen(js_name = parseCode, unchecked_return_type = "CodeLabel")]
pub fn parse_code(
    #[wasm_bindgen(unchecked_param_type = "FixedCodeKind")] kind: &str,
    value: &str,
) -> JsResult {
    let label = code_kind(kind)?.parse_fixed(value).map_err(errors::js)?;
    convert::to_js(&label)
}

fn code_kind(kind: &str) -> JsResult<CodeKind> {
    lineamientos::args::arg("kind", &serde_json::Value::from(kind)).map_err(errors::js)
}

fn optional<T: serde::Serialize>(value: Option<&T>) -> JsResult {
    value.map_or(Ok(JsValue::UNDEFINED), convert::to_js)
}
