use super::*;
use crate::Lang;

fn file(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/../examples/cycle/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn bundled() -> Systematization {
    let cat = Catalog::embedded();
    let cycle = Cycle::from_json(&file("cycle.json")).unwrap();
    let (matrix, _) = Matrix::read_csv(
        file("matrix.csv").as_bytes(),
        &cat,
        &ImportOptions::default(),
    )
    .unwrap();
    let (focal, _) = FocalDirectory::from_json(&file("focal_points.json"), &cat).unwrap();
    let day = NaiveDate::from_ymd_opt(2024, 6, 30).unwrap();
    cycle
        .systematize(
            &cat,
            Some(&matrix),
            Some(&focal),
            &SystematizeOptions::new(day),
        )
        .unwrap()
}

#[test]
fn figures_rest_on_the_review_and_the_matrix() {
    let s = bundled();
    assert_eq!(s.illustrative, ["guidelines", "data"]);
    let f = &s.figures;
    assert_eq!((f.tables, f.plans, f.plans_approved), (3, 3, 2));
    assert_eq!(f.entries, s.review.entries);
    assert_eq!(f.entries as f64, s.heatmap.grand_total.value.unwrap());
    // The generator leaves two members silent.
    assert_eq!(f.members_silent, ["USA", "NIC"]);
    assert_eq!(f.members_reporting.len() + f.members_silent.len(), 11);
    let by_type: u64 = f.entries_by_type.iter().map(|(_, n)| n).sum();
    assert_eq!(by_type as usize, f.entries);
    // One section per axis with something: the three tables' axes first among them.
    let axes: Vec<&str> = s.axes.iter().map(|a| a.axis.as_str()).collect();
    for a in ["VCM", "EMP", "DAT"] {
        assert!(axes.contains(&a), "{axes:?}");
    }
    let vcm = s.axes.iter().find(|a| a.axis == "VCM").unwrap();
    assert_eq!(vcm.activities.len(), 4);
    assert!(vcm.table.as_ref().unwrap().approved);
}

#[test]
fn counts_of_people_are_protected() {
    let s = bundled();
    let k = s.suppress_below as f64;
    assert!(s.participants.audit.is_some(), "the audit ran");
    // No published cell of the participants table is below k, and the audit ran.
    for c in &s.participants.cells {
        if !c.suppressed {
            if let Some(v) = c.value {
                assert!(v == 0.0 || v >= k, "{c:?}");
            }
        }
    }
    assert!(s.participants.cells.iter().any(|c| c.suppressed));
    for e in &s.attendance {
        for n in [e.women, e.men, e.new_staff].into_iter().flatten() {
            assert!(n >= s.suppress_below);
        }
    }
    // The audit of what is published (as an attacker sees it): every primary cell's
    // interval covers its value at least k on each side (never below 0).
    let audit = crate::pivot::PublishedTable::of(&s.participants)
        .audit()
        .unwrap();
    let mut primaries = 0;
    for c in s
        .participants
        .cells
        .iter()
        .filter(|c| c.reason == Some(crate::pivot::Suppression::Primary))
    {
        primaries += 1;
        let v = c.value.map_or(0, |v| v as u64);
        let e = audit.cell(c.row, c.col).unwrap();
        assert!(e.lo <= v.saturating_sub(s.suppress_below), "{c:?} {e:?}");
        assert!(
            e.hi.is_none_or(|hi| hi >= v + s.suppress_below),
            "{c:?} {e:?}"
        );
    }
    assert!(primaries > 0);
}

#[test]
fn actions_carry_their_rule_and_figures() {
    let s = bundled();
    let rules: Vec<&str> = s.actions.iter().map(|a| a.rule).collect();
    for r in [
        "complete_plan_approval",
        "follow_up_overdue_agreement",
        "assign_agreement_owner",
        "support_activity_behind",
        "contact_silent_members",
        "renew_focal_points",
    ] {
        assert!(rules.contains(&r), "{r}: {rules:?}");
    }
    let plan = s
        .actions
        .iter()
        .find(|a| a.rule == "complete_plan_approval")
        .unwrap();
    assert_eq!(plan.figures["plan"], "plan-dat-v");
    assert_eq!(plan.figures["approval"], "returned_for_changes");
    let behind = s
        .actions
        .iter()
        .find(|a| a.rule == "support_activity_behind")
        .unwrap();
    assert_eq!(behind.figures["activity"], "vcm-02");
    let reviewed = s
        .review
        .activities
        .iter()
        .find(|a| a.activity_id.as_deref() == Some("vcm-02"))
        .unwrap();
    assert_eq!(
        behind.figures["progress"],
        format!("{:.0}", reviewed.progress.unwrap().percent())
    );
}

#[test]
fn renderings_have_the_banner_the_sections_and_no_personal_data() {
    let s = bundled();
    for lang in [Lang::Es, Lang::En] {
        let md = s.to_markdown(lang);
        let html = s.to_html(lang);
        for text in [&md, &html] {
            assert!(text.contains(match lang {
                Lang::Es => "Ilustrativo",
                Lang::En => "Illustrative",
            }));
            assert!(!text.contains("Persona Ficticia") && !text.contains("@ejemplo"));
            assert!(text.contains(&s.pins.cycle_hash));
        }
        assert!(html.starts_with("<!DOCTYPE html>"));
        assert!(html.contains("<svg") && html.contains("</html>"));
        assert!(!html.contains("<script"));
        assert_eq!(
            html.matches("<table>").count(),
            html.matches("</table>").count()
        );
    }
    let md = s.to_markdown(Lang::En);
    assert!(md.contains("## Priority actions"));
    assert!(md.contains("### VCM · "));
}

#[test]
fn options_are_read_in_core() {
    let o = SystematizeOptions::from_value(&serde_json::json!({"as_of": "2024-06-30", "suppress_below": 10, "behind_target_margin": 30})).unwrap();
    assert_eq!(
        (o.suppress_below, o.review.rules.behind_target_margin),
        (10, 30)
    );
    for (bad, field) in [
        (
            serde_json::json!({"as_of": "2024-06-30", "suppress_below": 0}),
            "suppress_below",
        ),
        (
            serde_json::json!({"as_of": "2024-06-30", "suppress": 3}),
            "suppress",
        ),
        (serde_json::json!({}), "as_of"),
    ] {
        let err = SystematizeOptions::from_value(&bad).unwrap_err();
        assert_eq!(
            (err.code(), err.details()["field"].as_str()),
            ("invalid_value", Some(field))
        );
    }
}

#[test]
fn a_cycle_without_matrix_still_reports() {
    let cat = Catalog::embedded();
    let cycle = Cycle::from_json(r#"{"congress": 2, "tables": [{"id": "mesa"}]}"#).unwrap();
    let day = NaiveDate::from_ymd_opt(2020, 6, 30).unwrap();
    let s = cycle
        .systematize(&cat, None, None, &SystematizeOptions::new(day))
        .unwrap();
    assert_eq!(s.figures.entries, 0);
    assert_eq!(s.pins.matrix_hash, None);
    assert_eq!(s.illustrative, ["guidelines"]);
    assert!(s.to_html(Lang::Es).contains("Ilustrativo"));
}
