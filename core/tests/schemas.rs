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

#[test]
fn option_schemas_describe_what_from_json_reads() {
    let rc = schema::rule_config();
    assert_eq!(rc["title"], "RuleConfig");
    assert_eq!(rc["required"], serde_json::json!(["as_of"]));
    assert_eq!(rc["additionalProperties"], false);
    let rules = &rc["properties"]["rules"];
    // A built-in code, or a rule file's `<ruleset>.<name>`.
    let names = rules["propertyNames"]["anyOf"][0]["enum"]
        .as_array()
        .unwrap();
    assert!(names.contains(&serde_json::json!("no_indicator")));
    assert!(names.contains(&serde_json::json!("schedule_overlap")));
    assert_eq!(
        rules["propertyNames"]["anyOf"][1]["pattern"],
        "^[a-z][a-z0-9_]*\\.[a-z][a-z0-9_]*$"
    );
    assert_eq!(
        rules["additionalProperties"]["enum"],
        serde_json::json!(["off", "error", "warning", "info"])
    );

    let io = schema::import_options();
    assert_eq!(io["additionalProperties"], false);
    let props = io["properties"].as_object().unwrap();
    for f in [
        "strict",
        "guideline_version",
        "delimiter",
        "sheet",
        "max_rows",
        "max_bytes",
        "max_diagnostics",
    ] {
        assert!(props.contains_key(f), "import options schema lacks {f}");
    }
    assert_eq!(io["properties"]["max_diagnostics"]["default"], 10_000);

    let ps = schema::pivot_spec();
    let rows = ps["properties"]["rows"]["anyOf"].as_array().unwrap();
    assert_eq!(rows.len(), 3, "{rows:?}");
    assert_eq!(rows[1]["type"], "array");
    assert_eq!(rows[2]["type"], "null");
    assert!(
        ps["properties"]
            .as_object()
            .unwrap()
            .contains_key("suppress_below")
    );

    let gp = schema::general_plan();
    assert!(
        gp["properties"]
            .as_object()
            .unwrap()
            .contains_key("coverage")
    );
    let ap = schema::approval();
    assert!(ap["properties"].as_object().unwrap().contains_key("trail"));
}
