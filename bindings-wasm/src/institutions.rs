//! The catalogue's actors for JavaScript: national institutions and their lookup,
//! organisations by code (each with its `kind`), and the conflicts between sources. The same
//! names as Python in camelCase; conversion only, every rule is core's.

use crate::catalog::Catalog;
use crate::{convert, errors};
use wasm_bindgen::prelude::*;

type JsResult<T = JsValue> = Result<T, JsValue>;

fn optional<T: serde::Serialize>(value: Option<&T>) -> JsResult {
    value.map_or(Ok(JsValue::UNDEFINED), convert::to_js)
}

#[wasm_bindgen]
impl Catalog {
    /// Every national institution (women's mechanisms, migration authorities).
    #[wasm_bindgen(unchecked_return_type = "Institution[]")]
    pub fn institutions(&self) -> JsResult {
        convert::to_js(self.inner.institutions())
    }

    /// The national institution with this code (exact, e.g. `"GTM-SEPREM"`), or `undefined`.
    #[wasm_bindgen(unchecked_return_type = "Institution | undefined")]
    pub fn institution(&self, code: &str) -> JsResult {
        optional(self.inner.institution(code))
    }

    /// The organisation with this code (exact), or `undefined`.
    #[wasm_bindgen(unchecked_return_type = "Organization | undefined")]
    pub fn organization(&self, code: &str) -> JsResult {
        optional(self.inner.organization(code))
    }

    /// Resolves an institution as partners write it (code, acronym, name or alias; case and
    /// accents ignored), within `country` (ISO2, ISO3 or name) when given: `status` is
    /// `institution`, `organization` (`"ONU Mujeres"`), `ambiguous` (a spelling of several
    /// countries, with `candidates`) or `unknown` (never guessed; `suggestion` when close).
    /// Throws `unknown_code` for an unknown country.
    #[wasm_bindgen(js_name = lookupInstitution, unchecked_return_type = "InstitutionLookup")]
    pub fn lookup_institution(&self, value: &str, country: Option<String>) -> JsResult {
        let found = self
            .inner
            .lookup_institution(value, country.as_deref())
            .map_err(errors::js)?;
        convert::to_js(&found)
    }

    /// Where the sources of the catalogue disagree: what each says, the value used and why.
    #[wasm_bindgen(unchecked_return_type = "Conflict[]")]
    pub fn conflicts(&self) -> JsResult {
        convert::to_js(self.inner.conflicts())
    }
}
