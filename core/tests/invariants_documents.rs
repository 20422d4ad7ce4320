//! Documents under proptest (issue 12): serde round trips and validation that never panics.
//!
//! Documents are generated two ways: by mutating the real example documents (plans, the
//! congress cycle, the embedded and an agency's catalogue, focal points: values replaced by
//! any JSON value, members removed, duplicated or added), which keeps most of them
//! well-typed so that they reach validation; and as arbitrary JSON trees over the
//! documents' vocabulary, which exercises the readers' error paths.
//!
//! - reading never panics: a document of any shape is read or refused with a coded error
//!   (`invalid_json`, or `invalid_value` / `unknown_code` for a catalogue whose content is
//!   inconsistent);
//! - validation never panics on whatever is read (plans alone, several, merged; the cycle's
//!   review and its systematization report), and its reports are consistent;
//! - every public document read survives `to_json` -> `from_json` unchanged: plans,
//!   approvals, the cycle, catalogues, focal points, options (rules, merge, review,
//!   systematization, import, pivot spec, protection), reports (validation, import, cycle
//!   review, general plan, pivot tables without their publisher-only fields) and matrix
//!   entries. (`roundtrip.rs` covers the hand-built models: plans, entries, focal points,
//!   diagnostics, congresses.)
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
use lineamientos::cycle::ReviewOptions;
use lineamientos::general::MergeOptions;
use lineamientos::pivot::Protection;
use lineamientos::*;
use proptest::prelude::*;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::sync::OnceLock;

const PLANS: [&str; 7] = [
    include_str!("../../examples/plans/mesa_cui_2024_fechas.json"),
    include_str!("../../examples/plans/mesa_dat_2024_version.json"),
    include_str!("../../examples/plans/mesa_emp_2024.json"),
    include_str!("../../examples/plans/mesa_for_2024_eje.json"),
    include_str!("../../examples/plans/mesa_pro_2024_codigos.json"),
    include_str!("../../examples/plans/mesa_tra_2024_incompleto.json"),
    include_str!("../../examples/plans/mesa_vcm_2024.json"),
];
const CYCLE: &str = include_str!("../../examples/cycle/cycle.json");
const FOCAL: &str = include_str!("../../examples/cycle/focal_points.json");
const AGENCY_CATALOG: &str = include_str!("../../examples/json/agency_catalog.json");
const MATRIX: &str = include_str!("../../examples/cycle/matrix.csv");

fn example_matrix() -> &'static Matrix {
    static M: OnceLock<Matrix> = OnceLock::new();
    M.get_or_init(|| {
        Matrix::read_csv(
            MATRIX.as_bytes(),
            &Catalog::embedded(),
            &ImportOptions::default(),
        )
        .unwrap()
        .0
    })
}

fn embedded_json() -> &'static Value {
    static J: OnceLock<Value> = OnceLock::new();
    J.get_or_init(|| serde_json::from_str(&Catalog::embedded().to_json().unwrap()).unwrap())
}

/// The JSON value of `text`, round-tripped through `T` unchanged (and through its text).
fn round_trip<T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug>(value: &T) {
    let text = serde_json::to_string(value).unwrap();
    let back: T = serde_json::from_str(&text).unwrap();
    assert_eq!(&back, value, "{text}");
    let again: T = document::from_value(serde_json::to_value(value).unwrap()).unwrap();
    assert_eq!(&again, value);
}

// ---- generated JSON -------------------------------------------------------------------

/// Field names of the documents, and a few strangers.
const KEYS: &[&str] = &[
    "id",
    "title",
    "working_group",
    "congress",
    "axis",
    "period",
    "start",
    "end",
    "guideline_version",
    "activities",
    "kind",
    "lead",
    "participants",
    "guidelines",
    "gcm_objectives",
    "sdgs",
    "indicators",
    "name",
    "unit",
    "baseline",
    "target",
    "deliverables",
    "tables",
    "plans",
    "approvals",
    "events",
    "agreements",
    "plan_id",
    "state",
    "trail",
    "action",
    "from",
    "to",
    "by",
    "at",
    "content_hash",
    "approved_hash",
    "validated_hash",
    "text",
    "es",
    "en",
    "agreed_on",
    "due",
    "status",
    "attendance",
    "provenance",
    "version",
    "countries",
    "iso3",
    "guideline_sets",
    "axes",
    "code",
    "crosswalks",
    "mappings",
    "retired",
    "edition",
    "sessions",
    "country",
    "institution",
    "role",
    "email",
    "since",
    "until",
    "sector",
    "",
    "\u{1F30E}",
    "x",
];

const STRINGS: &[&str] = &[
    "2024-02-29",
    "2023-02-29",
    "2024-13-01",
    "2024-06-01T10:00:00",
    "9999-12-31",
    "-0001-01-01",
    "V",
    "XIV",
    "MMMMM",
    "0",
    "approved",
    "draft",
    "submit",
    "webinar",
    "training",
    "VCM",
    "VCM-1",
    "DAT-3",
    "2017",
    "2023",
    "MEX",
    "GTM",
    "OIM",
    "illustrative",
    "official",
    "follow_up_webinar",
    "ongoing",
    "",
    " ",
    "sha256:00",
    "\u{0}",
    "é\u{301}",
];

fn leaf() -> BoxedStrategy<Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        (-3i64..40).prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        prop::sample::select(STRINGS).prop_map(Value::from),
        ".{0,10}".prop_map(Value::from),
    ]
    .boxed()
}

fn key() -> BoxedStrategy<String> {
    prop_oneof![
        4 => prop::sample::select(KEYS).prop_map(str::to_owned),
        1 => "[a-z_]{0,8}",
    ]
    .boxed()
}

/// Any JSON tree over the documents' vocabulary.
fn json() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(5, 96, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            proptest::collection::vec((key(), inner), 0..8)
                .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

/// A change to a document at its `n`-th node (pre-order, taken modulo the node count).
#[derive(Debug, Clone)]
enum Mutation {
    Replace(prop::sample::Index, Value),
    Remove(prop::sample::Index, prop::sample::Index),
    Duplicate(prop::sample::Index, prop::sample::Index),
    Insert(prop::sample::Index, String, Value),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let small = prop_oneof![3 => leaf(), 1 => json()];
    prop_oneof![
        3 => (any::<prop::sample::Index>(), small.clone()).prop_map(|(i, v)| Mutation::Replace(i, v)),
        2 => (any::<prop::sample::Index>(), any::<prop::sample::Index>()).prop_map(|(i, j)| Mutation::Remove(i, j)),
        1 => (any::<prop::sample::Index>(), any::<prop::sample::Index>()).prop_map(|(i, j)| Mutation::Duplicate(i, j)),
        1 => (any::<prop::sample::Index>(), key(), small).prop_map(|(i, k, v)| Mutation::Insert(i, k, v)),
    ]
}

fn count(v: &Value) -> usize {
    1 + match v {
        Value::Array(a) => a.iter().map(count).sum(),
        Value::Object(o) => o.values().map(count).sum(),
        _ => 0,
    }
}

fn nth<'a>(v: &'a mut Value, n: &mut usize) -> Option<&'a mut Value> {
    if *n == 0 {
        return Some(v);
    }
    *n -= 1;
    match v {
        Value::Array(a) => {
            for x in a.iter_mut() {
                if let Some(found) = nth(x, n) {
                    return Some(found);
                }
            }
        }
        Value::Object(o) => {
            for x in o.values_mut() {
                if let Some(found) = nth(x, n) {
                    return Some(found);
                }
            }
        }
        _ => {}
    }
    None
}

fn apply(doc: &mut Value, m: &Mutation) {
    let at = match m {
        Mutation::Replace(i, _)
        | Mutation::Remove(i, _)
        | Mutation::Duplicate(i, _)
        | Mutation::Insert(i, ..) => i,
    };
    let mut n = at.index(count(doc));
    let Some(node) = nth(doc, &mut n) else { return };
    match (m, node) {
        (Mutation::Replace(_, v), node) => *node = v.clone(),
        (Mutation::Remove(_, j), Value::Array(a)) if !a.is_empty() => {
            a.remove(j.index(a.len()));
        }
        (Mutation::Remove(_, j), Value::Object(o)) if !o.is_empty() => {
            let k = o.keys().nth(j.index(o.len())).unwrap().clone();
            o.remove(&k);
        }
        (Mutation::Duplicate(_, j), Value::Array(a)) if !a.is_empty() => {
            let x = a[j.index(a.len())].clone();
            a.push(x);
        }
        (Mutation::Insert(_, k, v), Value::Object(o)) => {
            o.insert(k.clone(), v.clone());
        }
        _ => {}
    }
}

/// `base` with a few mutations.
fn mutated(base: Value) -> impl Strategy<Value = Value> {
    proptest::collection::vec(mutation(), 0..4).prop_map(move |ms| {
        let mut doc = base.clone();
        for m in &ms {
            apply(&mut doc, m);
        }
        doc
    })
}

fn parse(text: &str) -> Value {
    serde_json::from_str(text).unwrap()
}

fn plan_doc() -> impl Strategy<Value = Value> {
    prop_oneof![
        4 => prop::sample::select(PLANS.to_vec()).prop_flat_map(|p| mutated(parse(p))),
        1 => json(),
    ]
}

fn date() -> impl Strategy<Value = NaiveDate> {
    (2015i32..2030, 1u32..=366).prop_map(|(y, d)| {
        NaiveDate::from_yo_opt(y, d).unwrap_or(NaiveDate::from_yo_opt(y, 1).unwrap())
    })
}

fn rules() -> impl Strategy<Value = RuleConfig> {
    (
        date(),
        1u32..30,
        1u32..400,
        0u32..50,
        1u32..200,
        prop::sample::subsequence(Rule::ALL.to_vec(), 0..3),
        prop::sample::subsequence(Rule::ALL.to_vec(), 0..3),
    )
        .prop_map(|(as_of, max, interval, margin, follow, off, warn)| {
            let mut c = RuleConfig::new(as_of)
                .with_max_event_days(max)
                .unwrap()
                .with_review_interval_days(interval)
                .unwrap()
                .with_behind_target_margin(margin)
                .unwrap()
                .with_follow_up_interval_days(follow)
                .unwrap();
            for r in warn {
                c = c.with_severity(r, Severity::Warning);
            }
            for r in off {
                c = c.off(r);
            }
            c
        })
}

/// Findings are well-formed: codes with a message template, pointer paths, consistent
/// summary.
fn consistent(r: &Report) {
    let errors = r
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    assert_eq!(r.summary().errors, errors);
    for d in &r.diagnostics {
        assert!(d.path.is_empty() || d.path.starts_with('/'), "{d:?}");
        assert!(diagnostic::template(&d.code).is_some(), "{}", d.code);
        assert!(!d.message(Lang::Es).is_empty() && !d.message(Lang::En).is_empty());
    }
}

/// A refusal names its code, one of `allowed`.
fn refused(e: &Error, allowed: &[&str]) {
    assert!(allowed.contains(&e.code()), "{} {e}", e.code());
    assert!(!e.to_string().is_empty());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(96), ..ProptestConfig::default() })]

    #[test]
    fn plans_of_any_shape_are_read_validated_and_round_trip(
        docs in proptest::collection::vec(plan_doc(), 1..4),
        cfg in rules(),
    ) {
        let cat = Catalog::embedded();
        let mut plans = Vec::new();
        for doc in docs {
            // the same outcome from a host value and from its text
            let from_text = WorkPlan::from_json(&doc.to_string());
            match WorkPlan::from_value(doc) {
                Ok(p) => {
                    prop_assert_eq!(from_text.as_ref().ok(), Some(&p));
                    consistent(&cat.validate_plan(&p, &cfg));
                    prop_assert_eq!(&WorkPlan::from_json(&p.to_json().unwrap()).unwrap(), &p);
                    round_trip(&p);
                    prop_assert!(p.content_hash().is_ok());
                    plans.push(p);
                }
                Err(e) => {
                    refused(&e, &["invalid_json"]);
                    prop_assert_eq!(from_text.unwrap_err().code(), "invalid_json");
                }
            }
        }
        for r in cat.validate_plans(&plans, &cfg) {
            consistent(&r);
            round_trip(&r);
        }
        let approvals: Vec<Approval> = plans.iter().map(Approval::new).collect();
        let options = MergeOptions { rules: cfg.clone(), approved_only: plans.len() % 2 == 0 };
        let (general, report) = cat.merge_plans_with(&plans, &approvals, &options);
        consistent(&report);
        round_trip(&report);
        round_trip(&general);
        for a in &approvals {
            prop_assert_eq!(&Approval::from_json(&a.to_json().unwrap()).unwrap(), a);
        }
    }

    #[test]
    fn catalogues_of_any_shape_are_read_and_round_trip(
        doc in prop_oneof![
            3 => mutated(embedded_json().clone()),
            2 => mutated(parse(AGENCY_CATALOG)),
            1 => json(),
        ],
        code in prop::sample::select(vec!["MX", "Guatemla", "VCM-1", "OIM", ""]),
    ) {
        match Catalog::from_json(&doc.to_string()) {
            Ok(cat) => {
                let back = Catalog::from_json(&cat.to_json().unwrap()).unwrap();
                prop_assert_eq!(back.data(), cat.data());
                round_trip(cat.data());
                let _ = cat.parse_country(code);
                let _ = cat.pins();
                let plan = WorkPlan::from_json(PLANS[6]).unwrap();
                consistent(&cat.validate_plan(&plan, &RuleConfig::new(NaiveDate::from_ymd_opt(2024, 6, 1).unwrap())));
            }
            Err(e) => refused(&e, &["invalid_json", "invalid_catalog"]),
        }
    }

    #[test]
    fn options_round_trip(
        cfg in rules(),
        flags in (any::<bool>(), any::<bool>(), 1u32..400, 1u64..50),
        import in (any::<bool>(), prop::option::of(prop::sample::select(vec![',', ';', '\t', '|'])),
                   prop::option::of(1u64..1000), prop::option::of(prop::option::of(0u64..100)),
                   prop::option::of(prop::sample::select(vec!["2017", "2023"])),
                   prop::option::of("[A-Za-z ]{1,8}")),
        spec in (prop::sample::subsequence(Dim::ALL.to_vec(), 0..=2), prop::sample::subsequence(Dim::ALL.to_vec(), 0..=1),
                 prop::sample::select(Measure::ALL.to_vec()), prop::option::of(prop::sample::select(PeriodUnit::ALL.to_vec())),
                 any::<bool>()),
        p in (1u64..20, prop::option::of(0u64..30), prop::option::of(0u64..30), prop::option::of(2u64..6), any::<bool>()),
    ) {
        prop_assert_eq!(&RuleConfig::from_json(&cfg.to_json().unwrap()).unwrap(), &cfg);
        let rules_json = serde_json::to_value(&cfg).unwrap();
        let with = |extra: &[(&str, Value)]| {
            let mut v = rules_json.clone();
            for (k, x) in extra {
                v[*k] = x.clone();
            }
            v
        };
        let (approved_only, confirm, interval, k) = flags;
        let merge = MergeOptions { rules: cfg.clone(), approved_only };
        prop_assert_eq!(MergeOptions::from_value(&with(&[("approved_only", approved_only.into())])).unwrap(), merge);
        let review = ReviewOptions { rules: cfg.clone(), confirm_focal_points: confirm, confirm_interval_days: interval };
        let review_json = with(&[("confirm_focal_points", confirm.into()), ("confirm_interval_days", interval.into())]);
        prop_assert_eq!(&ReviewOptions::from_value(&review_json).unwrap(), &review);
        let mut sys_json = review_json.clone();
        sys_json["suppress_below"] = k.into();
        prop_assert_eq!(SystematizeOptions::from_value(&sys_json).unwrap(),
            SystematizeOptions { review, suppress_below: k });

        let (strict, delimiter, max_rows, max_diagnostics, version, sheet) = import;
        let mut o = ImportOptions::default().strict(strict);
        o.delimiter = delimiter;
        o.max_rows = max_rows;
        if let Some(m) = max_diagnostics {
            o.max_diagnostics = m;
        }
        o.guideline_version = version.map(str::to_owned);
        o.sheet = sheet;
        prop_assert_eq!(&ImportOptions::from_json(&serde_json::to_string(&o).unwrap()).unwrap(), &o);

        let (rows, cols, measure, period, approved) = spec;
        let cols: Vec<Dim> = cols.into_iter().filter(|d| !rows.contains(d)).collect();
        let mut s = PivotSpec::new().rows(rows).cols(cols).measure(measure).approved_only(approved);
        if let Some(u) = period {
            s = s.period(u);
        }
        let (pk, lower, upper, base, totals) = p;
        let mut prot = Protection::new(pk).suppress_totals(totals);
        if let Some(l) = lower { prot = prot.lower(l); }
        if let Some(u) = upper { prot = prot.upper(u); }
        if let Some(b) = base { prot = prot.rounding(b); }
        prop_assert_eq!(Protection::from_json(&serde_json::to_string(&prot).unwrap()).unwrap(), prot);
        if measure.counts_people() {
            s = s.protection(prot);
        }
        prop_assert_eq!(PivotSpec::from_json(&serde_json::to_string(&s).unwrap()).unwrap(), s);
    }

    #[test]
    fn option_and_spec_readers_never_panic(doc in json()) {
        let text = doc.to_string();
        for r in [
            RuleConfig::from_json(&text).map(|_| ()),
            RuleConfig::from_value(&doc).map(|_| ()),
            MergeOptions::from_value(&doc).map(|_| ()),
            ReviewOptions::from_value(&doc).map(|_| ()),
            SystematizeOptions::from_value(&doc).map(|_| ()),
            ImportOptions::from_json(&text).map(|_| ()),
            PivotSpec::from_json(&text).map(|_| ()),
            Protection::from_json(&text).map(|_| ()),
            Approval::from_value(doc.clone()).map(|_| ()),
            lineamientos::pivot::PublishedTable::from_json(&text).map(|_| ()),
        ] {
            if let Err(e) = r {
                refused(&e, &["invalid_json", "invalid_value", "unknown_code", "limit_exceeded"]);
            }
        }
    }

    #[test]
    fn pivot_tables_round_trip_without_their_publisher_only_fields(
        rows in prop::sample::select(vec![Dim::Country, Dim::Axis, Dim::Period, Dim::Guideline]),
        measure in prop::sample::select(Measure::ALL.to_vec()),
        k in prop::option::of(1u64..12),
    ) {
        let m = example_matrix();
        let mut spec = PivotSpec::new().rows([rows]).cols([Dim::EntryType]).measure(measure);
        if let Some(k) = k.filter(|_| measure.counts_people()) {
            spec = spec.suppress_below(k);
        }
        let t = m.pivot(&spec).unwrap();
        // what only the publisher knows is not serialised: the reason a cell is withheld,
        // and the true values behind the audit
        let mut public = t.clone();
        for c in &mut public.cells {
            c.reason = None;
        }
        if let Some(a) = public.audit.as_mut() {
            for e in &mut a.entries {
                e.value = None;
                e.protected = None;
            }
        }
        round_trip(&public);
        let text = serde_json::to_string(&t).unwrap();
        prop_assert_eq!(serde_json::from_str::<PivotTable>(&text).unwrap(), public);
    }
}

// Reviewing the example cycle (320 matrix rows) and reading focal points and entries take
// longer per case: fewer by default.
proptest! {
    #![proptest_config(ProptestConfig { cases: cases(12), ..ProptestConfig::default() })]

    #[test]
    fn cycles_of_any_shape_are_read_reviewed_and_round_trip(
        doc in prop_oneof![6 => mutated(parse(CYCLE)), 1 => json()],
        cfg in rules(),
        with_matrix in any::<bool>(),
    ) {
        let cat = Catalog::embedded();
        let cycle = match Cycle::from_value(doc.clone()) {
            Ok(c) => c,
            Err(e) => {
                refused(&e, &["invalid_json"]);
                prop_assert_eq!(Cycle::from_json(&doc.to_string()).unwrap_err().code(), "invalid_json");
                return Ok(());
            }
        };
        prop_assert_eq!(&Cycle::from_json(&cycle.to_json().unwrap()).unwrap(), &cycle);
        round_trip(&cycle);
        let (directory, _) = FocalDirectory::from_json(FOCAL, &cat).unwrap();
        let matrix = with_matrix.then(example_matrix);
        let review = cycle.review(&cat, matrix, Some(&directory), &ReviewOptions::from(cfg.clone()));
        round_trip(&review);
        let options = SystematizeOptions { review: ReviewOptions::from(cfg), suppress_below: 5 };
        if let Err(e) = cycle.systematize(&cat, matrix, Some(&directory), &options) {
            refused(&e, &["invalid_value", "limit_exceeded"]);
        }
    }

    #[test]
    fn focal_points_and_entries_of_any_shape_are_read_and_round_trip(
        focal in prop_oneof![3 => mutated(parse(FOCAL)), 1 => json()],
        entries in prop_oneof![3 => mutated(serde_json::to_value(example_matrix().entries().take(4).collect::<Vec<_>>()).unwrap()), 1 => json()],
    ) {
        let cat = Catalog::embedded();
        match FocalDirectory::from_value(focal, &cat) {
            Ok((directory, report)) => {
                consistent(&report);
                round_trip(&directory);
                round_trip(&report);
            }
            Err(e) => refused(&e, &["invalid_json"]),
        }
        match document::from_value::<Vec<Entry>>(entries) {
            Ok(list) => {
                round_trip(&list);
                let (m, r) = Matrix::from_entries(list, &cat).unwrap();
                prop_assert_eq!(r.rows_read, r.accepted + r.rejected);
                round_trip(&r);
                round_trip(&m.entries().collect::<Vec<_>>());
            }
            Err(e) => refused(&e, &["invalid_json"]),
        }
    }
}
