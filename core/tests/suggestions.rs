//! Suggestions and localized messages of plan findings, through the public API.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // test code

use lineamientos::{Catalog, Lang, RuleConfig, WorkPlan};

fn plan(guidelines: &str, participant: &str) -> WorkPlan {
    WorkPlan::from_json(&format!(
        r#"{{"id": "p", "title": "Plan", "working_group": "mesa-pro", "axis": "PRO",
            "period": {{"start": "2024-01-01", "end": "2024-12-31"}}, "guideline_version": "2023",
            "activities": [{{"id": "a", "title": "Taller", "kind": "training",
              "start": "2024-03-05", "end": "2024-03-05", "lead": "MEX",
              "participants": ["{participant}"], "guidelines": ["{guidelines}"],
              "indicators": [{{"name": "n", "unit": "u", "baseline": 0, "target": 1}}]}}]}}"#
    ))
    .unwrap()
}

#[test]
fn equally_near_codes_give_no_suggestion() {
    let cat = Catalog::embedded();
    let cfg = RuleConfig::from_json(r#"{"as_of": "2024-06-01"}"#).unwrap();
    // PRO-5 is one edit from PRO-1, PRO-2, PRO-3 and PRO-4: no guess.
    let r = cat.validate_plan(&plan("PRO-5", "GTM"), &cfg);
    let d = r.with_code("unknown_guideline").next().unwrap();
    assert_eq!(d.path, "/activities/0/guidelines/0");
    assert_eq!(d.suggestion, None);
    // A unique nearest code is still suggested, and the message names the list in Spanish.
    let r = cat.validate_plan(&plan("PRO-1", "Guatemla"), &cfg);
    let d = r.with_code("unknown_code").next().unwrap();
    assert_eq!(d.path, "/activities/0/participants/0");
    assert_eq!(d.suggestion.as_deref(), Some("GTM"));
    assert_eq!(d.params["kind"], "participant");
    assert_eq!(
        d.message(Lang::Es),
        "Código desconocido (participante): «Guatemla». ¿Quiso decir «GTM»?"
    );
    assert_eq!(
        d.message(Lang::En),
        "Unknown participant code: \"Guatemla\". Did you mean \"GTM\"?"
    );
}
