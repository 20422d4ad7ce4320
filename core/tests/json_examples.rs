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
    // Invented items are marked illustrative: an example never passes for the official text.
    assert_eq!(set.provenance, Provenance::Illustrative);
    assert!(cat.pins().is_illustrative());
    assert_eq!(
        cat.lookup_institution("Seprem", Some("GT"))
            .unwrap()
            .code
            .as_deref(),
        Some("GTM-SEPREM")
    );
    assert_eq!(cat.conflicts()[0].used, "2023-07-07");
    assert_eq!(
        cat.organization("IOM").unwrap().kind,
        lineamientos::OrganizationKind::Observer
    );
    assert_eq!(set.guideline("VCM-1").unwrap().stages.len(), 2);
    assert_eq!(cat.congress(5).unwrap().label(), "V");
}

#[test]
fn focal_points_example_loads() {
    let cat = Catalog::embedded();
    let (dir, report) = FocalDirectory::from_json(&example("focal_points.json"), &cat).unwrap();
    assert!(report.diagnostics.is_empty(), "{report:?}");
    let countries: Vec<&str> = dir.points().iter().map(|p| p.country.as_str()).collect();
    assert_eq!(countries, ["HND", "GTM"]);
    // "Secretaría de la Mujer" (Honduras) and "SEPREM" are catalogue institutions.
    let institutions: Vec<&str> = dir
        .points()
        .iter()
        .map(|p| p.institution.as_str())
        .collect();
    assert_eq!(institutions, ["HND-SEMUJER", "GTM-SEPREM"]);
}
