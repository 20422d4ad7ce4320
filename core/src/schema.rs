//! JSON Schemas (draft 2020-12) of the documents users write (work plans, entries,
//! catalogues, rule configurations, import options, pivot specs) and of the records they
//! keep (general plans, approval records, reports). `cargo run -p lineamientos --example export_schemas` writes them to `schema/`.

use schemars::schema_for;

/// JSON Schema of [`crate::WorkPlan`].
pub fn work_plan() -> serde_json::Value {
    schema_for!(crate::WorkPlan).to_value()
}

/// JSON Schema of [`crate::Entry`].
pub fn entry() -> serde_json::Value {
    schema_for!(crate::Entry).to_value()
}

/// JSON Schema of [`crate::CatalogData`] (what [`crate::Catalog::from_json`] reads).
pub fn catalog() -> serde_json::Value {
    schema_for!(crate::CatalogData).to_value()
}

/// JSON Schema of [`crate::Report`].
pub fn report() -> serde_json::Value {
    schema_for!(crate::Report).to_value()
}

/// JSON Schema of [`crate::RuleConfig`] (what [`crate::RuleConfig::from_json`] reads).
pub fn rule_config() -> serde_json::Value {
    schema_for!(crate::RuleConfig).to_value()
}

/// JSON Schema of [`crate::ImportOptions`] (what [`crate::ImportOptions::from_json`] reads).
pub fn import_options() -> serde_json::Value {
    schema_for!(crate::ImportOptions).to_value()
}

/// JSON Schema of [`crate::PivotSpec`] (what [`crate::PivotSpec::from_json`] reads).
pub fn pivot_spec() -> serde_json::Value {
    schema_for!(crate::PivotSpec).to_value()
}

/// JSON Schema of [`crate::GeneralPlan`].
pub fn general_plan() -> serde_json::Value {
    schema_for!(crate::GeneralPlan).to_value()
}

/// JSON Schema of [`crate::Approval`] (an approval record with its audit trail).
pub fn approval() -> serde_json::Value {
    schema_for!(crate::Approval).to_value()
}

/// JSON Schema of [`crate::Cycle`] (a congress cycle document).
pub fn cycle() -> serde_json::Value {
    schema_for!(crate::Cycle).to_value()
}

/// JSON Schema of [`crate::CycleReview`] (the review of a cycle).
pub fn cycle_review() -> serde_json::Value {
    schema_for!(crate::CycleReview).to_value()
}

/// JSON Schema of [`crate::ruleset::RuleSetFile`] (a partner's rule file).
pub fn ruleset() -> serde_json::Value {
    schema_for!(crate::ruleset::RuleSetFile).to_value()
}

/// Every schema as `(file name, schema)`.
pub fn all() -> Vec<(&'static str, serde_json::Value)> {
    vec![
        ("work_plan.schema.json", work_plan()),
        ("entry.schema.json", entry()),
        ("catalog.schema.json", catalog()),
        ("report.schema.json", report()),
        ("rule_config.schema.json", rule_config()),
        ("import_options.schema.json", import_options()),
        ("pivot_spec.schema.json", pivot_spec()),
        ("general_plan.schema.json", general_plan()),
        ("approval.schema.json", approval()),
        ("cycle.schema.json", cycle()),
        ("cycle_review.schema.json", cycle_review()),
        ("ruleset.schema.json", ruleset()),
    ]
}
