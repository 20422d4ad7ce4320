//! Property tests of work-plan validation: nothing panics on any plan or any JSON text, and
//! reports are consistent. (The sweep against the naive pairwise check is a unit test of
//! `schedule`.)
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // test code

use chrono::NaiveDate;
use lineamientos::*;
use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;

/// Any date chrono can represent, with a bias towards 2024 (leap year) so that dates meet.
fn date() -> impl Strategy<Value = NaiveDate> {
    prop_oneof![
        3 => (0u32..366).prop_map(|d| NaiveDate::from_yo_opt(2024, d + 1).unwrap()),
        1 => any::<i32>().prop_map(|n| NaiveDate::from_num_days_from_ce_opt(n).unwrap_or(NaiveDate::MIN)),
        1 => Just(NaiveDate::MIN),
        1 => Just(NaiveDate::MAX),
    ]
}

fn code_like() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "MEX",
            "GTM",
            "Guatemla",
            "OIM",
            "méxico",
            "",
            " ",
            "VCM-1",
            "DAT-3",
            "vcm 2",
            "ZZZ-9",
            "Rep. Dominicana",
            "ACNUR",
            "🌎",
            "2023",
            "2017",
        ])
        .prop_map(str::to_owned),
        ".{0,12}",
    ]
}

fn indicator() -> impl Strategy<Value = Indicator> {
    (
        option::of(".{0,8}"),
        option::of(-1e6f64..1e6),
        option::of(-1e6f64..1e6),
    )
        .prop_map(|(name, baseline, target)| Indicator {
            name,
            unit: None,
            baseline,
            target,
        })
}

fn activity() -> impl Strategy<Value = Activity> {
    (
        (
            option::of(prop_oneof![
                Just("a1".to_owned()),
                Just("a2".to_owned()),
                ".{0,6}"
            ]),
            option::of(".{0,20}"),
            option::of(prop::sample::select(ActivityKind::ALL.to_vec())),
            option::of(date()),
            option::of(date()),
        ),
        (
            vec(code_like(), 0..3),
            vec(code_like(), 0..4),
            vec(code_like(), 0..4),
            vec(any::<u8>(), 0..3),
            vec(any::<u8>(), 0..3),
            vec(indicator(), 0..3),
        ),
    )
        .prop_map(
            |(
                (id, title, kind, start, end),
                (lead, participants, guidelines, gcm, sdgs, indicators),
            )| {
                Activity {
                    id,
                    title,
                    kind,
                    start,
                    end,
                    lead,
                    participants,
                    guidelines,
                    gcm_objectives: gcm,
                    sdgs,
                    indicators,
                    deliverables: Vec::new(),
                }
            },
        )
}

fn plan() -> impl Strategy<Value = WorkPlan> {
    (
        option::of(prop_oneof![Just("p1".to_owned()), ".{0,6}"]),
        option::of(
            prop::sample::select(vec!["mesa-a", "mesa-b", "mesa-c", ""]).prop_map(str::to_owned),
        ),
        option::of(prop_oneof![
            prop::sample::select(vec!["VCM", "EMP", "Cuidados", "ZZZ"]).prop_map(str::to_owned),
            ".{0,8}"
        ]),
        option::of(date()),
        option::of(date()),
        option::of(prop::sample::select(vec!["2017", "2023", "2018", ""]).prop_map(str::to_owned)),
        vec(activity(), 0..6),
    )
        .prop_map(|(id, wg, axis, s, e, version, activities)| WorkPlan {
            id,
            title: None,
            working_group: wg,
            congress: None,
            axis,
            period: Period { start: s, end: e },
            guideline_version: version,
            activities,
        })
}

fn config() -> impl Strategy<Value = RuleConfig> {
    (
        date(),
        1u32..10,
        1u32..,
        prop::sample::subsequence(Rule::ALL.to_vec(), 0..4),
    )
        .prop_map(|(as_of, max, interval, off)| {
            let mut c = RuleConfig::new(as_of)
                .with_max_event_days(max)
                .unwrap()
                .with_review_interval_days(interval)
                .unwrap();
            for r in off {
                c = c.off(r);
            }
            c
        })
}

fn consistent(r: &Report) {
    let errors = r
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    assert_eq!(r.summary().errors, errors);
    assert_eq!(r.ok(), errors == 0);
    for d in &r.diagnostics {
        assert!(d.path.is_empty() || d.path.starts_with('/'), "{}", d.path);
        assert!(diagnostic::template(&d.code).is_some(), "{}", d.code);
        let _ = d.message(Lang::Es);
        let _ = d.message(Lang::En);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn validate_plan_never_panics(p in plan(), cfg in config()) {
        let cat = Catalog::embedded();
        let r = cat.validate_plan(&p, &cfg);
        consistent(&r);
        // Deterministic: the same input gives the same report.
        prop_assert_eq!(&r, &cat.validate_plan(&p, &cfg));
        // Rules switched off never appear.
        for d in &r.diagnostics {
            prop_assert!(cfg.is_on(Rule::parse(&d.code).unwrap()));
        }
    }

    #[test]
    fn several_plans_never_panic(plans in vec(plan(), 0..4), cfg in config()) {
        let cat = Catalog::embedded();
        let reports = cat.validate_plans(&plans, &cfg);
        prop_assert_eq!(reports.len(), plans.len());
        for (p, r) in plans.iter().zip(&reports) {
            consistent(r);
            // Each plan's own findings are all there; only overlaps come on top.
            let alone = cat.validate_plan(p, &cfg);
            let extra: Vec<_> = r.diagnostics.iter().filter(|d| d.code == "schedule_overlap").collect();
            prop_assert_eq!(r.diagnostics.len(), alone.diagnostics.len() + extra.len());
        }
        let (general, merged) = cat.merge_plans(&plans, &cfg);
        consistent(&merged);
        prop_assert_eq!(general.plans.len(), plans.len());
        for (i, p) in plans.iter().enumerate() {
            for d in cat.validate_plan(p, &cfg).diagnostics {
                let path = format!("/plans/{i}{}", d.path);
                prop_assert!(merged.diagnostics.iter().any(|m| m.code == d.code && m.path == path),
                    "{} {} missing from merge", d.code, path);
            }
        }
        assert!(general.to_json().is_ok());
    }

    #[test]
    fn plan_from_any_text_never_panics(text in ".{0,200}") {
        let _ = WorkPlan::from_json(&text);
        let _ = RuleConfig::from_json(&text);
        let _ = Approval::from_json(&text);
    }

    #[test]
    fn plan_from_json_like_text_never_panics(
        parts in vec(prop::sample::select(vec![
            "{", "}", "[", "]", ",", ":", "\"id\"", "\"activities\"", "\"start\"", "\"end\"",
            "\"2024-02-29\"", "\"2023-02-29\"", "\"lead\"", "null", "1e400", "-1", "\"kind\"",
            "\"webinar\"", "\"period\"", "\"guidelines\"", "\"indicators\"", "\"target\"", "\"\\u00e9\"",
        ]), 0..40),
        cfg in config(),
    ) {
        let text: String = parts.concat();
        if let Ok(p) = WorkPlan::from_json(&text) {
            consistent(&Catalog::embedded().validate_plan(&p, &cfg));
        }
    }

    #[test]
    fn serialised_plans_validate_the_same_after_a_round_trip(p in plan(), cfg in config()) {
        let cat = Catalog::embedded();
        let text = p.to_json().unwrap();
        // Document dates are YYYY-MM-DD: a plan built in Rust with a year outside 0..=9999
        // serialises, but reads back as invalid_json naming the date, never as another plan.
        let back = match WorkPlan::from_json(&text) {
            Ok(back) => back,
            Err(e) => {
                prop_assert_eq!(e.code(), "invalid_json");
                let path = e.details()["path"].as_str().unwrap_or_default().to_owned();
                prop_assert!(path.ends_with("/start") || path.ends_with("/end"), "{}", path);
                prop_assert!(text.contains("\"-") || text.contains("\"+"), "{}", e);
                return Ok(());
            }
        };
        prop_assert_eq!(cat.validate_plan(&back, &cfg), cat.validate_plan(&p, &cfg));
        prop_assert_eq!(back.content_hash().unwrap(), p.content_hash().unwrap());
    }

    #[test]
    fn approval_never_panics_and_trail_tracks_state(
        actions in vec((0usize..6, 0u32..5, any::<bool>()), 0..12),
        p in plan(),
    ) {
        let cat = Catalog::embedded();
        let cfg = RuleConfig::new(NaiveDate::from_ymd_opt(2024, 6, 1).unwrap());
        let all = ["submit", "validate", "approve", "return_for_changes", "withdraw", "reopen"];
        let mut a = Approval::new(&p);
        let mut edited = p.clone();
        let base = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
        for (k, (i, day, edit)) in actions.into_iter().enumerate() {
            if edit {
                edited.title = Some(format!("v{k}"));
            }
            let before = a.clone();
            let step = Step::new("rol", base + chrono::Days::new(u64::from(day) + k as u64));
            let action = ApprovalAction::parse(all[i]).unwrap();
            match a.perform(action, &edited, &cat, &cfg, step) {
                Ok(()) => prop_assert_eq!(a.trail.last().map(|t| t.to), Some(a.state)),
                Err(e) => {
                    prop_assert_eq!(&a, &before);
                    prop_assert!(["invalid_transition", "report_has_errors", "content_changed", "invalid_value"]
                        .contains(&e.code()), "{}", e.code());
                }
            }
        }
        prop_assert_eq!(Approval::from_json(&a.to_json().unwrap()).unwrap(), a);
    }
}
