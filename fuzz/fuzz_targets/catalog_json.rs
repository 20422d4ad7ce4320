//! Catalogue JSON: an agency's own catalogue, then everything that leans on it: guideline
//! review, plan validation, a CSV import and its pivots, lookups.
#![no_main]

use libfuzzer_sys::fuzz_target;
use lineamientos::{Catalog, ImportOptions, Matrix, RuleConfig};
use lineamientos_fuzz::{PLAN, SMALL_CSV, as_of, exercise_matrix, text};

fuzz_target!(|data: &[u8]| {
    let Some(text) = text(data) else { return };
    let Ok(cat) = Catalog::from_json(text) else {
        return;
    };
    let config = RuleConfig::new(as_of());
    let versions: Vec<String> = cat
        .guideline_sets()
        .iter()
        .map(|s| s.version.clone())
        .collect();
    for v in &versions {
        let _ = cat.review_guidelines(v, &config);
    }
    let _ = cat.validate_plan(&PLAN, &config);
    let _ = cat.pins();
    let _ = cat.parse_country("MX");
    let _ = cat.lookup_institution("INMUJERES", Some("MEX"));
    if let Ok((m, _)) = Matrix::read_csv(SMALL_CSV, &cat, &ImportOptions::default()) {
        exercise_matrix(&m);
    }
    if let Ok(json) = cat.to_json() {
        if let Err(e) = Catalog::from_json(&json) {
            panic!("a catalogue written by to_json does not read again: {e}");
        }
    }
});
