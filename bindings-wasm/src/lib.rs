//! WebAssembly bindings of [`lineamientos`] for web teams: the npm package
//! `lineamientos-wasm`. Conversion (`convert`) and error mapping (`errors`) only; every
//! domain rule lives in the core crate.
//!
//! Data objects cross as plain JSON-shaped objects with the core's documented snake_case
//! field names (the same JSON as files, Python and the golden vectors); option objects and
//! method names are camelCase. The TypeScript declarations of those shapes are in
//! `types.d.ts`, appended to the generated `.d.ts`.

mod catalog;
mod convert;
mod cycle;
mod errors;
mod focal;
mod institutions;
mod matrix;
#[cfg(feature = "partial")]
mod partial;
mod plan;
mod ruleset;
#[cfg(feature = "stream")]
mod stream;

pub use catalog::{Catalog, code_list, parse_code};
pub use focal::FocalDirectory;
pub use matrix::Matrix;
#[cfg(feature = "partial")]
pub use partial::PivotPartial;
pub use plan::{approval_status, new_approval, parse_plan};
#[cfg(feature = "rules")]
pub use ruleset::RuleSet;
#[cfg(feature = "stream")]
pub use stream::MatrixImport;

use lineamientos::Severity;
use lineamientos::diagnostic::MESSAGES;
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = include_str!("types.d.ts");

/// The version of the Rust library inside this package (also in every report's `pins`).
#[wasm_bindgen(js_name = libraryVersion)]
pub fn library_version() -> String {
    lineamientos::LIBRARY_VERSION.to_owned()
}

/// One diagnostic code the library can emit, with its default severity and message
/// templates (placeholders `{name}`).
#[derive(Serialize)]
struct Template {
    code: &'static str,
    severity: Severity,
    es: &'static str,
    en: &'static str,
}

/// Every diagnostic code the library can emit, with default severity and es/en message
/// templates. Codes are API: programs compare codes, never messages.
#[wasm_bindgen(js_name = messageTemplates, unchecked_return_type = "MessageTemplate[]")]
pub fn message_templates() -> Result<JsValue, JsValue> {
    let all: Vec<Template> = MESSAGES
        .iter()
        .map(|t| Template {
            code: t.code,
            severity: t.severity,
            es: t.es,
            en: t.en,
        })
        .collect();
    convert::to_js(&all)
}
