//! The JSON examples in `examples/json/` (referenced by docs/json.md) load as documented.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // test code

use lineamientos::{Catalog, FocalDirectory, Provenance};

fn example(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/../examples/json/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

#[test]
fn agency_catalogue_example_loads() {
    let cat = Catalog::from_json(&example("agency_catalog.json")).unwrap();
    assert_eq!(cat.version(), "agencia-2025.1");
    assert_eq!(cat.members().count(), 2);
    assert_eq!(cat.parse_organization("OIM").unwrap().code, "IOM");
    let set = cat.guideline_set("2025").unwrap();
    assert_eq!(set.provenance, Provenance::Official);
    assert_eq!(set.guideline("VCM-1").unwrap().stages.len(), 2);
    assert_eq!(cat.congress(5).unwrap().label(), "V");
}

#[test]
fn focal_points_example_loads() {
    let cat = Catalog::embedded();
    let (dir, report) = FocalDirectory::from_json(&example("focal_points.json"), &cat).unwrap();
    assert!(report.ok(), "{report:?}");
    let countries: Vec<&str> = dir.points().iter().map(|p| p.country.as_str()).collect();
    assert_eq!(countries, ["HND", "GTM"]);
}
