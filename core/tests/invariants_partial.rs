//! Mergeable pivots under proptest (issue 15): generated entries split into random
//! partitions (some empty), a partial per partition (some sent through JSON), merged in a
//! random order: `finish` gives exactly the table of `Matrix::pivot` over all the entries,
//! for every measure, with multi-valued dimensions, periods and disclosure control
//! (`suppress_below` or `protection`, applied once after the merge).
//!
//! `PROPTEST_CASES` raises the number of cases for a long run.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // test code

use chrono::NaiveDate;
use lineamientos::pivot::Protection;
use lineamientos::{
    Catalog, Dim, Entry, EntryType, Matrix, Measure, Participants, PeriodUnit, PivotPartial,
    PivotSpec, Stage, Status,
};
use proptest::option;
use proptest::prelude::*;

fn entry() -> impl Strategy<Value = Entry> {
    let count = || option::weighted(0.6, prop_oneof![0u32..40, Just(4_000_000_000u32)]);
    (
        (
            prop::sample::select(vec!["MEX", "GTM", "HND", "SLV"]),
            prop::sample::select(vec!["SEPREM", "ONU Mujeres", "Instituto local"]),
            // few dates: same-day reports of one activity are frequent
            (0u64..12).prop_map(|d| {
                NaiveDate::from_ymd_opt(2018, 11, 1).unwrap() + chrono::Days::new(d * 47)
            }),
            prop::sample::select(EntryType::ALL.to_vec()),
            prop::sample::select(Status::ALL.to_vec()),
        ),
        (
            option::of(prop::sample::select(vec!["VCM", "EMP", "CUI"])),
            prop::sample::subsequence(vec!["VCM-1", "VCM-2", "EMP-1", "CUI-2"], 0..=3),
            prop::sample::subsequence(Stage::ALL.to_vec(), 0..=3),
            option::of(prop::sample::select(vec!["a1", "a2", "a3"])),
            // progress with decimals that are not exact in binary (33.3, 0.1): float sums
            // would depend on the order
            option::of(prop_oneof![
                (0u32..=100).prop_map(f64::from),
                (0u32..=1000).prop_map(|t| f64::from(t) / 10.0),
                Just(33.3),
                Just(0.1),
            ]),
        ),
        (count(), count(), count(), count(), count(), any::<bool>()),
    )
        .prop_map(
            |(
                (country, institution, reported_on, entry_type, status),
                (axis, guidelines, stages, activity, progress),
                (women, men, girls, boys, unspecified, approved),
            )| Entry {
                id: String::new(),
                country: country.to_owned(),
                institution: institution.to_owned(),
                reported_on,
                entry_type,
                title: "t".to_owned(),
                description: None,
                axis: axis.map(str::to_owned),
                guidelines: guidelines.into_iter().map(str::to_owned).collect(),
                activity: activity.map(str::to_owned),
                stages,
                status,
                progress,
                start: None,
                end: None,
                participants: Participants {
                    women,
                    men,
                    girls,
                    boys,
                    unspecified,
                },
                evidence_url: None,
                replicable: None,
                approved,
            },
        )
}

/// Row dimensions (one or two), column dimensions (none to two), all distinct; the
/// multi-valued guideline and stage often among them.
fn dims() -> impl Strategy<Value = (Vec<Dim>, Vec<Dim>)> {
    Just(Dim::ALL.to_vec())
        .prop_shuffle()
        .prop_flat_map(|all| (Just(all), 1usize..=2, 0usize..=2))
        .prop_map(|(all, r, c)| (all[..r].to_vec(), all[r..r + c].to_vec()))
}

/// A spec for `measure`, with disclosure control on the participant measures.
fn spec() -> impl Strategy<Value = PivotSpec> {
    (
        dims(),
        prop::sample::select(Measure::ALL.to_vec()),
        prop::sample::select(PeriodUnit::ALL.to_vec()),
        any::<bool>(),
        0u8..4,
        2u64..12,
    )
        .prop_map(|((rows, cols), measure, unit, approved, control, k)| {
            let mut s = PivotSpec::new()
                .rows(rows)
                .cols(cols)
                .measure(measure)
                .period(unit)
                .approved_only(approved);
            if measure.counts_people() {
                s = match control {
                    1 => s.suppress_below(k),
                    2 => s.protection(Protection::new(k)),
                    3 => {
                        let mut p = Protection::new(k);
                        p.suppress_totals = true;
                        s.protection(p)
                    }
                    _ => s,
                };
            }
            s
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 192, ..ProptestConfig::default() })]

    /// The merged partials finish into the one-pass table, whatever the split and the order.
    #[test]
    fn merged_partials_are_the_pivot_of_all_entries(
        entries in proptest::collection::vec(entry(), 0..40),
        parts in 1usize..5,
        seeds in proptest::collection::vec(any::<u32>(), 40),
        order in Just((0usize..5).collect::<Vec<_>>()).prop_shuffle(),
        via_json in any::<u8>(),
        spec in spec(),
    ) {
        let cat = Catalog::embedded();
        let mut split: Vec<Vec<Entry>> = vec![Vec::new(); parts];
        for (i, e) in entries.iter().enumerate() {
            let mut e = e.clone();
            e.id = format!("e{i}");
            split[seeds[i] as usize % parts].push(e);
        }
        let all: Vec<Entry> = split.iter().flatten().cloned().collect();
        let (whole, _) = Matrix::from_entries(all, &cat).unwrap();
        let expected = whole.pivot(&spec).unwrap();
        let mut partials: Vec<PivotPartial> = Vec::new();
        for (i, part) in split.into_iter().enumerate() {
            let (m, _) = Matrix::from_entries(part, &cat).unwrap();
            let mut p = m.pivot_partial(&spec).unwrap();
            if via_json >> (i % 8) & 1 == 1 {
                p = PivotPartial::from_json(&p.to_json().unwrap()).unwrap();
            }
            partials.push(p);
        }
        let ordered: Vec<PivotPartial> = order
            .iter()
            .filter_map(|i| partials.get(*i).cloned())
            .collect();
        // one left fold in the shuffled order, and a tree of pairwise merges
        let folded = PivotPartial::merge_all(ordered.clone()).unwrap();
        let mut tree = ordered;
        while tree.len() > 1 {
            let mut next = Vec::new();
            let mut it = tree.into_iter();
            while let Some(a) = it.next() {
                match it.next() {
                    // the right one absorbs the left one (the fold goes the other way)
                    Some(mut b) => {
                        b.merge(a).unwrap();
                        next.push(b);
                    }
                    None => next.push(a),
                }
            }
            tree = next;
        }
        prop_assert_eq!(tree.len(), 1);
        let tree = tree.pop().unwrap();
        prop_assert_eq!(folded.entries(), tree.entries());
        let t1 = folded.finish().unwrap();
        prop_assert_eq!(&t1, &expected);
        let t2 = tree.finish().unwrap();
        prop_assert_eq!(&t2, &expected);
    }

    /// A partial survives its JSON unchanged, and merging with an empty partition's partial
    /// changes nothing.
    #[test]
    fn json_and_empty_partitions(
        entries in proptest::collection::vec(entry(), 0..30),
        spec in spec(),
    ) {
        let cat = Catalog::embedded();
        let (m, _) = Matrix::from_entries(entries, &cat).unwrap();
        let p = m.pivot_partial(&spec).unwrap();
        let back = PivotPartial::from_json(&p.to_json().unwrap()).unwrap();
        prop_assert_eq!(&back, &p);
        let (empty, _) = Matrix::from_entries(Vec::new(), &cat).unwrap();
        let mut q = empty.pivot_partial(&spec).unwrap();
        q.merge(p).unwrap();
        prop_assert_eq!(q.finish().unwrap(), m.pivot(&spec).unwrap());
    }
}

/// A forged partial is a coded error, never a panic: every truncation and many one-byte
/// changes of a real partial's JSON.
#[test]
fn forged_partials_are_coded_errors() {
    let cat = Catalog::embedded();
    let csv = "País;Institución;Fecha;Tipo;Título;Estado;Eje;Lineamientos;Avance;Mujeres;Actividad\n\
               MX;A;2024-01-02;Evento;t;En curso;VCM;VCM-1|VCM-2;33.3;12;a1\n\
               GT;B;2024-05-02;Evento;t;En curso;EMP;EMP-1;10;3;\n";
    let (m, _) = Matrix::read_csv(csv.as_bytes(), &cat, &Default::default()).unwrap();
    for measure in Measure::ALL {
        let spec = PivotSpec::new()
            .rows([Dim::Guideline])
            .cols([Dim::Period])
            .measure(*measure);
        let text = m.pivot_partial(&spec).unwrap().to_json().unwrap();
        for cut in 0..text.len() {
            if let Some(prefix) = text.get(..cut) {
                assert!(PivotPartial::from_json(prefix).is_err());
            }
        }
        let bytes = text.as_bytes();
        for i in 0..bytes.len() {
            for b in [b'0', b'9', b'-', b'"', b'1', b'x', b']'] {
                let mut forged = bytes.to_vec();
                forged[i] = b;
                let Ok(forged) = String::from_utf8(forged) else {
                    continue;
                };
                if let Ok(p) = PivotPartial::from_json(&forged) {
                    // what loads finishes or fails with a code, and merges with itself
                    let _ = p.clone().finish();
                    let mut q = p.clone();
                    let _ = q.merge(p);
                    let _ = q.finish();
                } else if let Err(e) = PivotPartial::from_json(&forged) {
                    assert!(!e.code().is_empty());
                }
            }
        }
    }
}

/// Partials of other specs or catalogues do not merge.
#[test]
fn other_specs_and_catalogues_are_refused() {
    let csv = "País;Institución;Fecha;Tipo;Título;Estado\nMX;A;2024-01-02;Evento;t;En curso\n";
    let cat = Catalog::embedded();
    let (m, _) = Matrix::read_csv(csv.as_bytes(), &cat, &Default::default()).unwrap();
    let a = PivotSpec::new().rows([Dim::Country]);
    let b = a.clone().approved_only(true);
    let err = m
        .pivot_partial(&a)
        .unwrap()
        .merge(m.pivot_partial(&b).unwrap())
        .unwrap_err();
    assert_eq!(err.code(), "invalid_value");
    assert_eq!(err.details()["path"], "/spec");
    // the same spec from a matrix of another guideline version
    let opts = lineamientos::ImportOptions {
        guideline_version: Some("2017".into()),
        ..Default::default()
    };
    let (old, _) = Matrix::read_csv(csv.as_bytes(), &cat, &opts).unwrap();
    let err = m
        .pivot_partial(&a)
        .unwrap()
        .merge(old.pivot_partial(&a).unwrap())
        .unwrap_err();
    assert_eq!(err.details()["path"], "/pins");
    // a tampered format tag
    let text = m.pivot_partial(&a).unwrap().to_json().unwrap();
    let err =
        PivotPartial::from_json(&text.replace("pivot_partial/1", "pivot_partial/2")).unwrap_err();
    assert_eq!(
        (err.code(), err.details()["path"].as_str()),
        ("invalid_value", Some("/format"))
    );
}
