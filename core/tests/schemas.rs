//! The JSON Schemas committed under `schema/` are the ones the code generates, and they accept
//! the documents the library writes.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // test code

use lineamientos::schema;

#[test]
fn committed_schemas_are_current() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../schema");
    for (name, generated) in schema::all() {
        let path = format!("{dir}/{name}");
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!("{path}: {e}; run `cargo run -p lineamientos --example export_schemas`")
        });
        let committed: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(
            committed, generated,
            "{name} is stale: run `cargo run -p lineamientos --example export_schemas`"
        );
    }
}

#[test]
fn schemas_name_the_documented_fields() {
    let plan = schema::work_plan();
    let props = plan["properties"].as_object().unwrap();
    for field in [
        "id",
        "working_group",
        "axis",
        "period",
        "guideline_version",
        "activities",
    ] {
        assert!(props.contains_key(field), "work plan schema lacks {field}");
    }
    let entry = schema::entry();
    let required: Vec<&str> = entry["required"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    for field in [
        "id",
        "country",
        "institution",
        "reported_on",
        "entry_type",
        "title",
        "status",
    ] {
        assert!(
            required.contains(&field),
            "entry schema does not require {field}"
        );
    }
    let catalog = schema::catalog();
    assert!(
        catalog["properties"]
            .as_object()
            .unwrap()
            .contains_key("guideline_sets")
    );
}
