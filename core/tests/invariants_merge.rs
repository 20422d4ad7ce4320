//! The merge into the general plan does not depend on the order of its inputs (issue 12).
//!
//! `Catalog::merge_plans_with` of any permutation of the plans and of the approval records
//! gives the same general plan and the same findings, once each is put in the documented
//! order: plans, sources and activity references in input order (so they are compared by
//! the plan's position in the original list), findings by plan then activity, a pair
//! finding (`schedule_overlap`, `near_duplicate`) at the first of its two activities, and a
//! repeated id reported at every occurrence after the first (so the set of occurrences and
//! the number of findings per id are what stays). Every `/plans/{i}` a finding names, in its
//! path, value or parameters, is a plan of the list given, and an activity of it.
//!
//! `PROPTEST_CASES` raises the number of cases for a long run.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // test code

mod invariants;

use chrono::NaiveDate;
use invariants::cases;
use lineamientos::general::MergeOptions;
use lineamientos::{
    Activity, ActivityKind, Approval, ApprovalState, Catalog, Diagnostic, GeneralPlan, Period,
    Report, RuleConfig, WorkPlan,
};
use proptest::option;
use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

fn day() -> impl Strategy<Value = NaiveDate> {
    (0u64..60).prop_map(|d| NaiveDate::from_ymd_opt(2024, 3, 1).unwrap() + chrono::Days::new(d))
}

fn activity() -> impl Strategy<Value = Activity> {
    (
        option::weighted(
            0.8,
            prop::sample::select(vec!["x1", "x2", "x3", "x4", "x5", " x1 "]),
        ),
        option::of(prop::sample::select(vec![
            "Taller regional de rutas",
            "Taller regional de ruta",
            "Webinar de seguimiento",
        ])),
        option::of(prop::sample::select(vec![
            ActivityKind::Training,
            ActivityKind::Webinar,
        ])),
        (option::weighted(0.9, day()), 0u64..6),
        prop::sample::subsequence(vec!["MEX", "GTM", "HND", "OIM"], 0..=3),
        prop::sample::subsequence(vec!["MEX", "GTM", "SLV"], 0..=2),
        prop::sample::subsequence(vec!["VCM-1", "EMP-2", "DAT-3", "ZZZ-1"], 0..=2),
    )
        .prop_map(
            |(id, title, kind, (start, len), lead, participants, guidelines)| Activity {
                id: id.map(str::to_owned),
                title: title.map(str::to_owned),
                kind,
                start,
                end: start.map(|s| s + chrono::Days::new(len)),
                lead: lead.into_iter().map(str::to_owned).collect(),
                participants: participants.into_iter().map(str::to_owned).collect(),
                guidelines: guidelines.into_iter().map(str::to_owned).collect(),
                gcm_objectives: Vec::new(),
                sdgs: Vec::new(),
                indicators: Vec::new(),
                deliverables: Vec::new(),
            },
        )
}

fn plan() -> impl Strategy<Value = WorkPlan> {
    (
        option::weighted(
            0.9,
            prop::sample::select(vec!["p1", "p2", "p3", "p4", "p5", "p1 "]),
        ),
        option::of(prop::sample::select(vec!["mesa-a", "mesa-b", "mesa-c"])),
        option::of(prop::sample::select(vec!["VCM", "EMP", "DAT", "ZZZ"])),
        option::of(prop::sample::select(vec!["2017", "2023"])),
        proptest::collection::vec(activity(), 0..4),
    )
        .prop_map(|(id, group, axis, version, activities)| WorkPlan {
            id: id.map(str::to_owned),
            title: Some("Plan".to_owned()),
            working_group: group.map(str::to_owned),
            congress: Some(5),
            axis: axis.map(str::to_owned),
            period: Period {
                start: NaiveDate::from_ymd_opt(2024, 1, 1),
                end: NaiveDate::from_ymd_opt(2024, 12, 31),
            },
            guideline_version: version.map(str::to_owned),
            activities,
        })
}

/// Approval records for some of the plans: any state, approving the plan as it is, another
/// content, or nothing; sometimes two records for one plan, sometimes one for no plan.
fn approvals(plans: &[WorkPlan]) -> impl Strategy<Value = Vec<Approval>> + use<> {
    let ids: Vec<Option<String>> = plans
        .iter()
        .map(|p| p.id.clone())
        .chain([Some("p9".to_owned()), None])
        .collect();
    let hashes: Vec<Option<String>> = plans
        .iter()
        .map(|p| p.content_hash().ok())
        .chain([Some("sha256:0".to_owned()), None])
        .collect();
    let state = prop::sample::select(vec![
        ApprovalState::Draft,
        ApprovalState::Approved,
        ApprovalState::Approved,
        ApprovalState::Validated,
        ApprovalState::ReturnedForChanges,
    ]);
    proptest::collection::vec(
        (
            prop::sample::select(ids),
            state,
            prop::sample::select(hashes),
        )
            .prop_map(|(plan_id, state, approved_hash)| Approval {
                plan_id,
                state,
                validated_hash: None,
                approved_hash,
                trail: Vec::new(),
            }),
        0..6,
    )
}

/// Plans, approvals, and a permutation of each.
fn inputs() -> impl Strategy<Value = (Vec<WorkPlan>, Vec<Approval>, Vec<usize>, Vec<usize>)> {
    proptest::collection::vec(plan(), 0..5)
        .prop_flat_map(|plans| {
            let a = approvals(&plans);
            (Just(plans), a)
        })
        .prop_flat_map(|(plans, approvals)| {
            let pp = Just((0..plans.len()).collect::<Vec<_>>()).prop_shuffle();
            let ap = Just((0..approvals.len()).collect::<Vec<_>>()).prop_shuffle();
            (Just(plans), Just(approvals), pp, ap)
        })
}

/// `/plans/{i}...` (and `#{i}`, how a plan without id is named) with `i` mapped through
/// `to`; other text unchanged.
fn remap(text: &str, to: &[usize]) -> String {
    if let Some(i) = text.strip_prefix('#').and_then(|n| n.parse::<usize>().ok()) {
        return format!("#{}", to.get(i).copied().unwrap_or(i));
    }
    let Some(rest) = text.strip_prefix("/plans/") else {
        return text.to_owned();
    };
    let end = rest.find('/').unwrap_or(rest.len());
    match rest[..end].parse::<usize>() {
        Ok(i) if i < to.len() => format!("/plans/{}{}", to[i], &rest[end..]),
        _ => text.to_owned(),
    }
}

/// The (plan, activity) indices of a `/plans/{i}[/activities/{a}...]` reference.
fn reference(text: &str) -> Option<(usize, Option<usize>)> {
    let rest = text.strip_prefix("/plans/")?;
    let mut parts = rest.split('/');
    let plan = parts.next()?.parse().ok()?;
    let act = match (parts.next(), parts.next()) {
        (Some("activities"), Some(a)) => a.parse().ok(),
        _ => None,
    };
    Some((plan, act))
}

/// A finding in the documented order's terms: what does not depend on which activity of a
/// pair came first.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Finding {
    /// Any finding about one place.
    One(
        String,
        String,
        String,
        Option<String>,
        BTreeMap<String, String>,
    ),
    /// A pair finding: code, the two sides (path, activity, group), shared participants.
    Pair(String, BTreeSet<(String, String, String)>, Option<String>),
    /// Repeated ids: code, value, every occurrence.
    Repeat(String, String, BTreeSet<String>),
}

/// The findings of a merge of `perm`uted inputs, in terms of the original indices, as a
/// multiset; `/plans/{i}` references are first checked to name plans of the input.
fn findings(r: &Report, plans: &[WorkPlan], perm: &[usize]) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut repeats: BTreeMap<(String, String), (BTreeSet<String>, usize)> = BTreeMap::new();
    for d in &r.diagnostics {
        for text in [Some(&d.path), d.value.as_ref()]
            .into_iter()
            .flatten()
            .chain(d.params.values())
        {
            if let Some((p, a)) = reference(text) {
                assert!(p < plans.len(), "{text} names no plan of the input: {d:?}");
                if let Some(a) = a {
                    assert!(
                        a < plans[p].activities.len(),
                        "{text} names no activity: {d:?}"
                    );
                }
            }
        }
        let mut d: Diagnostic = d.clone();
        d.path = remap(&d.path, perm);
        d.value = d.value.map(|v| remap(&v, perm));
        for v in d.params.values_mut() {
            *v = remap(v, perm);
        }
        let side = |path: &str, act: &str, group: &str| {
            (path.to_owned(), act.to_owned(), group.to_owned())
        };
        match d.code.as_str() {
            "schedule_overlap" | "near_duplicate" => {
                let p = &d.params;
                let mut shared: Option<Vec<&str>> =
                    p.get("shared").map(|s| s.split(", ").collect());
                if let Some(s) = shared.as_mut() {
                    s.sort_unstable();
                }
                out.push(Finding::Pair(
                    d.code.clone(),
                    BTreeSet::from([
                        side(&d.path, &p["activity"], &p["group"]),
                        side(&p["other_path"], &p["other_activity"], &p["other_group"]),
                    ]),
                    shared.map(|s| s.join(", ")),
                ));
            }
            "duplicate_id" if d.params.contains_key("first") => {
                let e = repeats
                    .entry((d.code.clone(), d.value.clone().unwrap_or_default()))
                    .or_default();
                e.0.insert(d.path.clone());
                e.0.insert(d.params["first"].clone());
                e.1 += 1;
            }
            _ => out.push(Finding::One(
                d.code.clone(),
                d.severity.code().to_owned(),
                d.path.clone(),
                d.value.clone(),
                d.params.clone(),
            )),
        }
    }
    for ((code, value), (places, n)) in repeats {
        for _ in 0..n {
            out.push(Finding::Repeat(code.clone(), value.clone(), places.clone()));
        }
    }
    out.sort();
    out
}

type Coverage = Vec<(
    String,
    BTreeSet<(usize, usize)>,
    Vec<(String, bool, BTreeSet<(usize, usize)>)>,
)>;

/// The general plan in terms of the original indices: each merged plan with its source,
/// the coverage as sets of (plan, activity), the uncovered axes and the version.
fn general(
    g: &GeneralPlan,
    perm: &[usize],
) -> (
    BTreeMap<usize, String>,
    Coverage,
    Vec<String>,
    Option<String>,
) {
    assert_eq!(g.plans.len(), g.sources.len());
    let orig = |k: usize| perm[g.sources[k].index];
    let mut plans = BTreeMap::new();
    for (k, (p, s)) in g.plans.iter().zip(&g.sources).enumerate() {
        assert_eq!(s.plan_id, p.id);
        let mut s = s.clone();
        s.index = orig(k);
        let text = serde_json::to_string(&(p, &s)).unwrap();
        assert!(plans.insert(orig(k), text).is_none());
    }
    let refs = |v: &[lineamientos::ActivityRef]| -> BTreeSet<(usize, usize)> {
        v.iter()
            .map(|r| {
                assert_eq!(
                    r.path,
                    format!("/plans/{}/activities/{}", r.plan, r.activity)
                );
                assert_eq!(r.plan_id, g.plans[r.plan].id);
                assert_eq!(r.activity_id, g.plans[r.plan].activities[r.activity].id);
                (orig(r.plan), r.activity)
            })
            .collect()
    };
    let coverage = g
        .coverage
        .iter()
        .map(|c| {
            (
                c.axis.clone(),
                refs(&c.activities),
                c.guidelines
                    .iter()
                    .map(|x| (x.code.clone(), x.retired, refs(&x.activities)))
                    .collect(),
            )
        })
        .collect();
    (
        plans,
        coverage,
        g.uncovered_axes.clone(),
        g.guideline_version.clone(),
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(192), ..ProptestConfig::default() })]

    #[test]
    fn merge_is_independent_of_input_order(
        (plans, approvals, pp, ap) in inputs(),
        approved_only in any::<bool>(),
    ) {
        let cat = Catalog::embedded();
        let options = MergeOptions {
            rules: RuleConfig::new(NaiveDate::from_ymd_opt(2024, 6, 1).unwrap()),
            approved_only,
        };
        let identity: Vec<usize> = (0..plans.len()).collect();
        let (g0, r0) = cat.merge_plans_with(&plans, &approvals, &options);
        let shuffled: Vec<WorkPlan> = pp.iter().map(|i| plans[*i].clone()).collect();
        let shuffled_approvals: Vec<Approval> = ap.iter().map(|i| approvals[*i].clone()).collect();
        let (g1, r1) = cat.merge_plans_with(&shuffled, &shuffled_approvals, &options);
        prop_assert_eq!(general(&g0, &identity), general(&g1, &pp));
        prop_assert_eq!(findings(&r0, &plans, &identity), findings(&r1, &shuffled, &pp));
        prop_assert_eq!(r0.summary(), r1.summary());
        prop_assert_eq!(&g0.pins, &g1.pins);
        // the documented order: by plan, then activity, plan fields first
        let order: Vec<(usize, usize)> = r1.diagnostics.iter().filter_map(|d| {
            reference(&d.path).map(|(p, a)| (p, a.map_or(0, |a| a + 1)))
        }).collect();
        prop_assert!(order.windows(2).all(|w| w[0] <= w[1]), "{:?}", order);
        // sources in input order
        prop_assert!(g1.sources.windows(2).all(|w| w[0].index < w[1].index));
    }
}

/// Found by `merge_is_independent_of_input_order`: with two different records for one plan,
/// the first one in the list decided. Records that differ now leave the plan out, in any
/// order; equal copies count as one.
#[test]
fn conflicting_approval_records_leave_the_plan_out_in_any_order() {
    let cat = Catalog::embedded();
    let plan = WorkPlan::from_json(r#"{"id": "p1", "axis": "VCM"}"#).unwrap();
    let approved = Approval {
        plan_id: Some("p1".into()),
        state: ApprovalState::Approved,
        validated_hash: None,
        approved_hash: plan.content_hash().ok(),
        trail: Vec::new(),
    };
    let returned = Approval {
        state: ApprovalState::ReturnedForChanges,
        ..approved.clone()
    };
    let options = MergeOptions {
        rules: RuleConfig::new(NaiveDate::from_ymd_opt(2024, 6, 1).unwrap()),
        approved_only: true,
    };
    let plans = [plan];
    for records in [
        [approved.clone(), returned.clone()],
        [returned, approved.clone()],
    ] {
        let (general, report) = cat.merge_plans_with(&plans, &records, &options);
        assert!(general.plans.is_empty());
        let d = report.with_code("plan_not_approved").next().unwrap();
        assert_eq!(d.params["state"], "conflicting approval records");
        assert_eq!(
            d.message(lineamientos::Lang::En),
            "Plan \"p1\" was left out of the general plan: conflicting approval records."
        );
    }
    let (general, _) = cat.merge_plans_with(&plans, &[approved.clone(), approved], &options);
    assert_eq!(general.plans.len(), 1);
    assert_eq!(
        general.sources[0].approval.as_ref().map(|a| a.state),
        Some(ApprovalState::Approved)
    );
}

/// An activity without id is named by its path in pair findings (`value`, `activity`,
/// `other_activity`); with plans left out, that path refers to the list given too.
#[test]
fn activities_without_id_are_named_by_their_path_in_the_list_given() {
    let cat = Catalog::embedded();
    let plan = |id: &str, group: &str| {
        WorkPlan::from_json(&format!(
            r#"{{"id": "{id}", "working_group": "{group}", "axis": "VCM", "guideline_version": "2023",
            "activities": [{{"title": "Taller", "kind": "training", "start": "2024-04-10",
            "end": "2024-04-11", "lead": "MEX", "guidelines": ["VCM-1"]}}]}}"#
        ))
        .unwrap()
    };
    let plans = [
        plan("left-out", "mesa-x"),
        plan("a", "mesa-a"),
        plan("b", "mesa-b"),
    ];
    let approve = |p: &WorkPlan| Approval {
        plan_id: p.id.clone(),
        state: ApprovalState::Approved,
        validated_hash: None,
        approved_hash: p.content_hash().ok(),
        trail: Vec::new(),
    };
    let options = MergeOptions {
        rules: RuleConfig::new(NaiveDate::from_ymd_opt(2024, 6, 1).unwrap()),
        approved_only: true,
    };
    let (general, report) =
        cat.merge_plans_with(&plans, &[approve(&plans[1]), approve(&plans[2])], &options);
    assert_eq!(general.plans.len(), 2);
    let d = report
        .with_code("schedule_overlap")
        .next()
        .expect("the two tables clash");
    assert_eq!(d.path, "/plans/1/activities/0");
    assert_eq!(d.value.as_deref(), Some("/plans/1/activities/0"));
    assert_eq!(d.params["activity"], "/plans/1/activities/0");
    assert_eq!(d.params["other_activity"], "/plans/2/activities/0");
    assert_eq!(d.params["other_path"], "/plans/2/activities/0");
}
