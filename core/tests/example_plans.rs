//! The plans under `examples/plans/`, written as working tables write them (valid ones and
//! ones with each kind of mistake), give exactly the findings the rule table of `docs/plans.md` calls for,
//! in order,
//! and every message renders in Spanish and English.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // test code

mod common;

use chrono::NaiveDate;
use common::assert_renders;
use lineamientos::{
    Approval, ApprovalState, Catalog, Lang, Report, Rule, RuleConfig, Severity, Step, WorkPlan,
};

fn load(name: &str) -> WorkPlan {
    let path = format!("{}/../examples/plans/{name}", env!("CARGO_MANIFEST_DIR"));
    WorkPlan::from_json(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

fn config() -> RuleConfig {
    RuleConfig::new(NaiveDate::from_ymd_opt(2024, 6, 1).unwrap())
}

fn found(report: &Report) -> Vec<(&str, &str)> {
    report
        .diagnostics
        .iter()
        .map(|d| (d.code.as_str(), d.path.as_str()))
        .collect()
}

fn check(name: &str, expected: &[(&str, &str)]) -> Report {
    let report = Catalog::embedded().validate_plan(&load(name), &config());
    assert_eq!(found(&report), expected, "{name}");
    for d in &report.diagnostics {
        assert_renders(d);
    }
    report
}

#[test]
fn every_example_file_is_covered_here() {
    let dir = format!("{}/../examples/plans", env!("CARGO_MANIFEST_DIR"));
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "mesa_cui_2024_fechas.json",
            "mesa_dat_2024_version.json",
            "mesa_emp_2024.json",
            "mesa_for_2024_eje.json",
            "mesa_pro_2024_codigos.json",
            "mesa_tra_2024_incompleto.json",
            "mesa_vcm_2024.json",
        ]
    );
}

#[test]
fn valid_plans_have_no_finding() {
    let r = check("mesa_vcm_2024.json", &[]);
    assert!(r.ok());
    assert_eq!(r.pins, Catalog::embedded().pins());
    assert!(check("mesa_emp_2024.json", &[]).ok());
}

#[test]
fn date_mistakes() {
    let r = check(
        "mesa_cui_2024_fechas.json",
        &[
            ("unbounded_event", "/activities/0/end"),
            ("end_before_start", "/activities/1/end"),
            ("outside_plan_period", "/activities/2/end"),
        ],
    );
    let long = &r.diagnostics[0];
    assert_eq!(long.params["days"], "12");
    assert_eq!(long.params["max_days"], "5");
    assert_eq!(long.severity, Severity::Warning);
    assert_eq!(
        long.message(Lang::Es),
        "El evento dura 12 días, más que el máximo de 5: la planificación debe ser puntual y acotada."
    );
    assert_eq!(
        r.diagnostics[2].message(Lang::En),
        "The activity (2024-06-28 to 2024-07-02) runs outside the plan period (2024-02-01 to 2024-06-30)."
    );
}

#[test]
fn code_mistakes_with_suggestions() {
    let r = check(
        "mesa_pro_2024_codigos.json",
        &[
            ("unknown_code", "/activities/0/participants/0"),
            ("unknown_code", "/activities/0/participants/2"),
            ("unknown_guideline", "/activities/0/guidelines/1"),
            ("unknown_code", "/activities/0/gcm_objectives/1"),
            ("retired_guideline", "/activities/1/guidelines/1"),
        ],
    );
    let d = &r.diagnostics;
    assert_eq!(d[0].value.as_deref(), Some("Guatemla"));
    assert_eq!(d[0].suggestion.as_deref(), Some("GTM"));
    assert_eq!(d[2].params["version"], "2023");
    assert_eq!(d[3].value.as_deref(), Some("25"));
    assert_eq!(d[4].suggestion.as_deref(), Some("DAT-4"));
    assert_eq!(d[4].severity, Severity::Warning);
    assert!(
        d[4].message(Lang::En).contains("DAT-4"),
        "{}",
        d[4].message(Lang::En)
    );
    assert!(d[0].message(Lang::Es).contains("«GTM»"));
}

#[test]
fn incomplete_plan_reports_everything() {
    let r = check(
        "mesa_tra_2024_incompleto.json",
        &[
            ("missing_field", "/id"),
            ("missing_field", "/period/end"),
            ("lead_count", "/activities/0/lead"),
            ("no_indicator", "/activities/0/indicators"),
            ("duplicate_id", "/activities/1/id"),
            ("missing_field", "/activities/1/title"),
            ("lead_count", "/activities/1/lead"),
            ("no_indicator", "/activities/1/indicators"),
        ],
    );
    assert_eq!(r.summary().errors, 6);
    assert_eq!(r.summary().warnings, 2);
    assert_eq!(r.diagnostics[2].params["count"], "2");
    assert_eq!(r.diagnostics[4].params["first"], "/activities/0/id");
    assert_eq!(
        r.diagnostics[6].message(Lang::En),
        "An activity must have exactly one lead; it has 0."
    );
}

#[test]
fn axis_mistakes() {
    let r = check(
        "mesa_for_2024_eje.json",
        &[
            ("axis_mismatch", "/activities/0/guidelines"),
            ("unknown_code", "/activities/1/lead"),
        ],
    );
    assert_eq!(r.diagnostics[0].params["axis"], "FOR");
}

#[test]
fn unknown_version_suggests_and_skips_refs() {
    let r = check(
        "mesa_dat_2024_version.json",
        &[("unknown_code", "/guideline_version")],
    );
    assert_eq!(r.diagnostics[0].suggestion.as_deref(), Some("2017"));
    assert_eq!(r.diagnostics[0].params["kind"], "guideline_set");
}

#[test]
fn switching_rules_off_and_raising_them() {
    let cat = Catalog::embedded();
    let plan = load("mesa_tra_2024_incompleto.json");
    let cfg = config()
        .off(Rule::NoIndicator)
        .off(Rule::LeadCount)
        .with_severity(Rule::DuplicateId, Severity::Warning);
    let r = cat.validate_plan(&plan, &cfg);
    assert_eq!(
        found(&r),
        [
            ("missing_field", "/id"),
            ("missing_field", "/period/end"),
            ("duplicate_id", "/activities/1/id"),
            ("missing_field", "/activities/1/title"),
        ]
    );
    assert_eq!(r.diagnostics[2].severity, Severity::Warning);
}

#[test]
fn merging_the_tables_plans() {
    let cat = Catalog::embedded();
    let plans = [
        load("mesa_vcm_2024.json"),
        load("mesa_emp_2024.json"),
        load("mesa_for_2024_eje.json"),
    ];
    let (general, report) = cat.merge_plans(&plans, &config());
    let codes: Vec<(&str, &str)> = found(&report);
    assert_eq!(
        codes,
        [
            ("schedule_overlap", "/plans/0/activities/1"),
            ("schedule_overlap", "/plans/0/activities/1"),
            ("schedule_overlap", "/plans/1/activities/0"),
            ("axis_mismatch", "/plans/2/activities/0/guidelines"),
            ("unknown_code", "/plans/2/activities/1/lead"),
            ("axis_not_covered", ""),
            ("axis_not_covered", ""),
            ("axis_not_covered", ""),
            ("axis_not_covered", ""),
            ("axis_not_covered", ""),
        ]
    );
    let overlap = &report.diagnostics[0];
    assert_eq!(overlap.params["activity"], "VCM-2024-02");
    assert_eq!(overlap.params["group"], "Mesa VCM");
    assert_eq!(overlap.params["other_activity"], "EMP-2024-01");
    assert_eq!(overlap.params["other_group"], "Mesa EMP");
    assert_eq!(overlap.params["shared"], "CRI, HND");
    assert_eq!(overlap.params["other_path"], "/plans/1/activities/0");
    assert_eq!(report.diagnostics[1].params["shared"], "GTM, HND, SLV");
    assert_eq!(
        overlap.message(Lang::En),
        "\"VCM-2024-02\" (Mesa VCM) overlaps \"EMP-2024-01\" (Mesa EMP) and they share CRI, HND."
    );
    let gaps: Vec<&str> = report
        .with_code("axis_not_covered")
        .map(|d| d.value.as_deref().unwrap())
        .collect();
    assert_eq!(gaps, ["CUI", "PRO", "TRA", "NNA", "RET"]);
    assert_eq!(general.uncovered_axes, gaps);
    assert_eq!(general.guideline_version.as_deref(), Some("2023"));
    let count = |axis: &str| general.axis_coverage(axis).unwrap().activities.len();
    assert_eq!(
        (
            count("VCM"),
            count("EMP"),
            count("FOR"),
            count("SER"),
            count("DAT")
        ),
        (3, 2, 2, 1, 1)
    );
    let vcm1 = &general.axis_coverage("VCM").unwrap().guidelines[0];
    assert_eq!(vcm1.code, "VCM-1");
    let ids: Vec<&str> = vcm1
        .activities
        .iter()
        .map(|a| a.activity_id.as_deref().unwrap())
        .collect();
    assert_eq!(ids, ["VCM-2024-01", "VCM-2024-03"]);
    // The general plan crosses into bindings as JSON and back.
    let back: lineamientos::GeneralPlan =
        serde_json::from_str(&general.to_json().unwrap()).unwrap();
    assert_eq!(back, general);
    for d in &report.diagnostics {
        assert_renders(d);
    }
}

#[test]
fn validate_plans_reports_overlaps_in_both_plans() {
    let cat = Catalog::embedded();
    let plans = [load("mesa_vcm_2024.json"), load("mesa_emp_2024.json")];
    let reports = cat.validate_plans(&plans, &config());
    assert_eq!(found(&reports[0]), [("schedule_overlap", "/activities/1")]);
    assert_eq!(found(&reports[1]), [("schedule_overlap", "/activities/0")]);
    assert_eq!(
        reports[1].diagnostics[0].params["other_plan"],
        "PT-VCM-2024"
    );
    assert_eq!(
        reports[1].diagnostics[0].params["other_path"],
        "/activities/1"
    );
    let off = cat.validate_plans(&plans, &config().off(Rule::ScheduleOverlap));
    assert!(off.iter().all(|r| r.diagnostics.is_empty()));
    // Alone, each plan is clean: overlaps arise across working groups.
    assert!(
        cat.validate_plan(&plans[0], &config())
            .diagnostics
            .is_empty()
    );
}

#[test]
fn approval_of_a_partner_plan() {
    let cat = Catalog::embedded();
    let cfg = config();
    let day = |d| NaiveDate::from_ymd_opt(2024, 2, d).unwrap();
    let bad = load("mesa_cui_2024_fechas.json");
    let mut a = Approval::new(&bad);
    a.submit(&bad, Step::new("mesa_cui", day(1))).unwrap();
    let err = a
        .validate(&bad, &cat, &cfg, Step::new("secretaria_tecnica", day(2)))
        .unwrap_err();
    assert_eq!(err.code(), "report_has_errors");
    assert_eq!(err.diagnostics().len(), 3);
    a.return_for_changes(
        &bad,
        Step::new("secretaria_tecnica", day(2)).comment("Corregir fechas"),
    )
    .unwrap();
    assert_eq!(a.state, ApprovalState::ReturnedForChanges);
    assert_eq!(a.trail[1].comment, "Corregir fechas");

    let good = load("mesa_vcm_2024.json");
    let mut a = Approval::new(&good);
    a.submit(&good, Step::new("mesa_vcm", day(1))).unwrap();
    let report = a
        .validate(&good, &cat, &cfg, Step::new("secretaria_tecnica", day(2)))
        .unwrap();
    assert!(report.ok());
    a.approve(&good, Step::new("presidencia_pro_tempore", day(3)))
        .unwrap();
    assert!(a.is_approved(&good));
    assert_eq!(
        a.approved_hash.as_deref(),
        Some(good.content_hash().unwrap().as_str())
    );
    // Re-reading the same file (other whitespace would not matter) keeps the approval.
    assert!(!a.changed_since_approval(&load("mesa_vcm_2024.json")));
}

#[test]
fn crosswalk_of_an_old_plan() {
    let cat = Catalog::embedded();
    let mut plan = load("mesa_dat_2024_version.json");
    plan.guideline_version = Some("2017".into());
    assert!(cat.validate_plan(&plan, &config()).diagnostics.is_empty());
    let (moved, report) = cat.crosswalk_plan(&plan, "2023").unwrap();
    assert!(report.diagnostics.is_empty());
    assert_eq!(moved.activities[0].guidelines, ["DAT-1", "DAT-4"]);
    assert!(cat.validate_plan(&moved, &config()).diagnostics.is_empty());
    // Validated as 2023 without the crosswalk, DAT-3 is retired.
    plan.guideline_version = Some("2023".into());
    let r = cat.validate_plan(&plan, &config());
    assert_eq!(
        found(&r),
        [("retired_guideline", "/activities/0/guidelines/1")]
    );
}
