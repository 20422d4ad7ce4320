//! JSON Schemas (draft 2020-12) of the documents users write: work plans, entries,
//! catalogues. `cargo run -p lineamientos --example export_schemas` writes them to `schema/`.

use schemars::schema_for;

/// JSON Schema of [`crate::WorkPlan`].
pub fn work_plan() -> serde_json::Value {
    serde_json::to_value(schema_for!(crate::WorkPlan)).unwrap_or_default()
}

/// JSON Schema of [`crate::Entry`].
pub fn entry() -> serde_json::Value {
    serde_json::to_value(schema_for!(crate::Entry)).unwrap_or_default()
}

/// JSON Schema of [`crate::CatalogData`] (what [`crate::Catalog::from_json`] reads).
pub fn catalog() -> serde_json::Value {
    serde_json::to_value(schema_for!(crate::CatalogData)).unwrap_or_default()
}

/// JSON Schema of [`crate::Report`].
pub fn report() -> serde_json::Value {
    serde_json::to_value(schema_for!(crate::Report)).unwrap_or_default()
}

/// Every schema as `(file name, schema)`.
pub fn all() -> Vec<(&'static str, serde_json::Value)> {
    vec![
        ("work_plan.schema.json", work_plan()),
        ("entry.schema.json", entry()),
        ("catalog.schema.json", catalog()),
        ("report.schema.json", report()),
    ]
}
