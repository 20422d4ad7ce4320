//! Mergeable pivots: `Matrix.pivotPartial` and `PivotPartial` (full build). Conversion only:
//! core computes, merges, checks and finishes the partials.

use crate::convert;
use crate::errors;
use crate::matrix::{Matrix, pivot_spec};
use wasm_bindgen::prelude::*;

type JsResult<T = JsValue> = Result<T, JsValue>;

/// A pivot over one partition of the entries (a file, a worker), to merge with the other
/// partitions' partials and `finish()` into the table `Matrix.pivot` gives over all the
/// entries (same cells, totals, key order and disclosure control, applied once by
/// `finish()`). Merging in any order gives the same table. Partials travel as their
/// versioned JSON text (`toJson` / `PivotPartial.fromJson`).
#[wasm_bindgen]
pub struct PivotPartial {
    inner: lineamientos::PivotPartial,
}

#[wasm_bindgen]
impl PivotPartial {
    /// The partial from its JSON text, checked: text that is not a partial throws
    /// `invalid_json`; another format version, keys or cells that do not match throw
    /// `invalid_value` with `path`.
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(text: &str) -> JsResult<PivotPartial> {
        lineamientos::PivotPartial::from_json(text)
            .map(|inner| PivotPartial { inner })
            .map_err(errors::js)
    }

    /// The partial as JSON text (what travels between workers).
    #[wasm_bindgen(js_name = toJson)]
    pub fn to_json(&self) -> JsResult<String> {
        self.inner.to_json().map_err(errors::js)
    }

    /// A new partial: this one merged with `other` (neither is changed). A partial of
    /// another spec or catalogue throws `invalid_value` with `path` `/spec` or `/pins`.
    pub fn merge(&self, other: &PivotPartial) -> JsResult<PivotPartial> {
        let mut inner = self.inner.clone();
        inner.merge(other.inner.clone()).map_err(errors::js)?;
        Ok(PivotPartial { inner })
    }

    /// The table: keys sorted, values from the merged partials, the spec's disclosure
    /// control applied once, to the whole table.
    #[wasm_bindgen(unchecked_return_type = "PivotTable")]
    pub fn finish(&self) -> JsResult {
        let table = self.inner.clone().finish().map_err(errors::js)?;
        convert::to_js(&table)
    }

    /// The spec (its JSON shape, snake_case keys).
    #[wasm_bindgen(getter, unchecked_return_type = "PivotPartialSpec")]
    pub fn spec(&self) -> JsResult {
        convert::to_js(self.inner.spec())
    }

    /// The catalogue, guideline version and library the partial was computed with.
    #[wasm_bindgen(getter, unchecked_return_type = "Pins")]
    pub fn pins(&self) -> JsResult {
        convert::to_js(self.inner.pins())
    }

    /// Entries counted.
    #[wasm_bindgen(getter)]
    pub fn entries(&self) -> f64 {
        self.inner.entries() as f64
    }
}

#[wasm_bindgen]
impl Matrix {
    /// A partial pivot of these entries (full build), to merge with other matrices'
    /// partials and finish into the table of all their entries: the same options as
    /// `pivot`, read and checked the same way; disclosure control is applied by `finish()`.
    #[wasm_bindgen(js_name = pivotPartial)]
    pub fn pivot_partial(
        &self,
        #[wasm_bindgen(unchecked_param_type = "PivotOptions")] spec: JsValue,
    ) -> JsResult<PivotPartial> {
        let spec = pivot_spec(spec)?;
        self.inner
            .pivot_partial(&spec)
            .map(|inner| PivotPartial { inner })
            .map_err(errors::js)
    }
}
