//! Suppression safety under proptest (issue 12), checked by an independent solver.
//!
//! Small random matrices are pivoted (participant women by country x axis, with row,
//! column and grand totals; and that table linked with its country x (axis, quarter)
//! detail) and protected by the library. Then, playing the attacker, this test writes the
//! linear program of everything published (the atoms are the finest table's non-empty
//! cells, each a non-negative unknown; every published cell, total and linked number is an
//! equation on them) and solves it with `microlp`, a general simplex solver that shares
//! nothing with the library's network-flow audit. For every withheld number it finds the
//! smallest and largest value consistent with the publication and asserts:
//!
//! - each primary cell of value `v` can be anything from `max(0, v - lower)` to
//!   `v + upper` (the guarantee of `docs/disclosure.md`), unless the library itself reports
//!   it unprotected (only possible with `suppress_totals: false`), and the number it
//!   reports unprotected is exactly the number the solver finds;
//! - the interval contains the true value, and equals the library's audit (stored with the
//!   table and recomputed from the published table);
//! - nothing published is a primary value (`0 < v < k`), and published numbers are true.
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
use lineamientos::pivot::{Audit, Protection, audit_linked, protect_linked};
use lineamientos::{
    Catalog, Dim, Entry, EntryType, Matrix, Measure, Participants, PeriodUnit, PivotSpec,
    PivotTable, Status, Suppression,
};
use microlp::{ComparisonOp, OptimizationDirection, Problem};
use proptest::prelude::*;
use std::collections::BTreeMap;

const COUNTRIES: [&str; 5] = ["CRI", "GTM", "HND", "MEX", "PAN"];
const AXES: [&str; 5] = ["CUI", "EMP", "PRO", "SER", "VCM"];

/// Women by (country, axis, quarter), `None` = no entry there.
type Cube = Vec<Vec<Vec<Option<u32>>>>;

fn cube(max_quarters: usize) -> impl Strategy<Value = Cube> {
    (2usize..=4, 2usize..=4, 1usize..=max_quarters).prop_flat_map(|(r, c, q)| {
        proptest::collection::vec(
            proptest::collection::vec(
                proptest::collection::vec(
                    prop_oneof![
                        2 => Just(None),
                        1 => Just(Some(0u32)),
                        3 => (1u32..6).prop_map(Some),
                        3 => (6u32..40).prop_map(Some),
                    ],
                    q,
                ),
                c,
            ),
            r,
        )
    })
}

/// The matrix behind a cube: one entry per non-empty (country, axis, quarter), sometimes
/// split in two entries (the table adds them up again).
fn matrix(cube: &Cube) -> Matrix {
    let mut entries = Vec::new();
    for (r, line) in cube.iter().enumerate() {
        for (c, quarters) in line.iter().enumerate() {
            for (q, v) in quarters.iter().enumerate() {
                let Some(v) = *v else { continue };
                let parts = if v > 3 && (r + c + q) % 2 == 0 {
                    vec![v / 2, v - v / 2]
                } else {
                    vec![v]
                };
                for women in parts {
                    entries.push(Entry {
                        id: format!("e{}", entries.len()),
                        country: COUNTRIES[r].to_owned(),
                        institution: "Instituto".to_owned(),
                        reported_on: NaiveDate::from_ymd_opt(2024, 3 * q as u32 + 1, 15).unwrap(),
                        entry_type: EntryType::Event,
                        title: "t".to_owned(),
                        description: None,
                        axis: Some(AXES[c].to_owned()),
                        guidelines: Vec::new(),
                        activity: None,
                        stages: Vec::new(),
                        status: Status::Ongoing,
                        progress: None,
                        start: None,
                        end: None,
                        participants: Participants {
                            women: Some(women),
                            ..Participants::default()
                        },
                        evidence_url: None,
                        replicable: None,
                        approved: true,
                    });
                }
            }
        }
    }
    let (m, report) = Matrix::from_entries(entries, &Catalog::embedded()).unwrap();
    assert_eq!(report.rejected, 0, "{:?}", report.diagnostics);
    m
}

fn protection() -> impl Strategy<Value = Protection> {
    (
        1u64..8,
        proptest::option::of(0u64..12),
        proptest::option::of(0u64..12),
        prop::bool::weighted(0.85),
    )
        .prop_map(|(k, lower, upper, totals)| {
            let mut p = Protection::new(k).suppress_totals(totals);
            if let Some(l) = lower {
                p = p.lower(l);
            }
            if let Some(u) = upper {
                p = p.upper(u);
            }
            p
        })
}

/// A key part: (dimension, code).
type Coord = Vec<(Dim, Option<String>)>;

fn coord(dims: &[Dim], key: &[lineamientos::pivot::KeyPart]) -> Coord {
    dims.iter()
        .zip(key)
        .map(|(d, p)| (*d, p.code.clone()))
        .collect()
}

/// Which number of which table: (table, row, col), `None` for a total.
type Place = (usize, Option<usize>, Option<usize>);

/// The attacker's view of tables published together: the atoms (the finest table's
/// non-empty cells) and, for every number of every table, the atoms it adds up and its
/// published value (`None` when withheld).
struct System {
    atoms: Vec<Coord>,
    numbers: Vec<(Place, Vec<usize>, Option<f64>)>,
}

impl System {
    fn of(tables: &[PivotTable]) -> System {
        // the finest table: the one with the most dimensions
        let finest = tables
            .iter()
            .max_by_key(|t| t.row_dims.len() + t.col_dims.len())
            .unwrap();
        let atoms: Vec<Coord> = finest
            .cells
            .iter()
            .map(|c| {
                let mut k = coord(&finest.row_dims, &finest.rows[c.row]);
                k.extend(coord(&finest.col_dims, &finest.cols[c.col]));
                k
            })
            .collect();
        let within = |atom: &Coord, key: &Coord| key.iter().all(|part| atom.contains(part));
        let members = |key: &Coord| -> Vec<usize> {
            (0..atoms.len())
                .filter(|a| within(&atoms[*a], key))
                .collect()
        };
        let mut numbers = Vec::new();
        for (ti, t) in tables.iter().enumerate() {
            let rk = |r: usize| coord(&t.row_dims, &t.rows[r]);
            let ck = |c: usize| coord(&t.col_dims, &t.cols[c]);
            for c in &t.cells {
                let mut key = rk(c.row);
                key.extend(ck(c.col));
                let v = (!c.suppressed).then(|| c.value.unwrap());
                numbers.push(((ti, Some(c.row), Some(c.col)), members(&key), v));
            }
            // A published total of nothing (the grand total of an empty table) is 0.
            let published =
                |x: &lineamientos::pivot::Total| (!x.suppressed).then(|| x.value.unwrap_or(0.0));
            for (r, x) in t.row_totals.iter().enumerate() {
                let v = published(x);
                numbers.push(((ti, Some(r), None), members(&rk(r)), v));
            }
            for (c, x) in t.col_totals.iter().enumerate() {
                let v = published(x);
                numbers.push(((ti, None, Some(c)), members(&ck(c)), v));
            }
            let v = published(&t.grand_total);
            numbers.push(((ti, None, None), (0..atoms.len()).collect(), v));
        }
        System { atoms, numbers }
    }

    /// The smallest or largest value of the sum of `target`'s atoms given everything
    /// published; `None` for an unbounded maximum.
    fn bound(&self, target: &[usize], direction: OptimizationDirection) -> Option<u64> {
        let mut lp = Problem::new(direction);
        let vars: Vec<_> = (0..self.atoms.len())
            .map(|a| {
                let cost = if target.contains(&a) { 1.0 } else { 0.0 };
                lp.add_var(cost, (0.0, f64::INFINITY))
            })
            .collect();
        for (_, atoms, value) in &self.numbers {
            if let Some(v) = value {
                let terms: Vec<_> = atoms.iter().map(|a| (vars[*a], 1.0)).collect();
                lp.add_constraint(terms.as_slice(), ComparisonOp::Eq, *v);
            }
        }
        match lp.solve() {
            Ok(outcome) => {
                let x = outcome.into_solution().unwrap().objective();
                // these systems are totally unimodular: the optimum is an integer
                assert!((x - x.round()).abs() < 1e-6, "non-integral bound {x}");
                Some(x.round() as u64)
            }
            Err(microlp::Error::Unbounded) if direction == OptimizationDirection::Maximize => None,
            Err(e) => panic!("the published numbers are inconsistent: {e}"),
        }
    }

    /// The attacker's interval of every withheld number.
    fn intervals(&self) -> BTreeMap<Place, (u64, Option<u64>)> {
        self.numbers
            .iter()
            .filter(|(_, atoms, v)| v.is_none() && !atoms.is_empty())
            .map(|(place, atoms, _)| {
                let lo = self.bound(atoms, OptimizationDirection::Minimize).unwrap();
                let hi = self.bound(atoms, OptimizationDirection::Maximize);
                (*place, (lo, hi))
            })
            .collect()
    }
}

fn audit_of(ti: usize, a: &Audit) -> BTreeMap<Place, (u64, Option<u64>)> {
    a.entries
        .iter()
        .map(|e| ((ti, e.row, e.col), (e.lo, e.hi)))
        .collect()
}

/// The checks of the module doc on tables protected together, against their true values.
fn check(tables: &[PivotTable], truth: &[PivotTable], p: &Protection) -> Result<(), TestCaseError> {
    let solved = System::of(tables).intervals();
    let mut unprotected = 0usize;
    let mut claimed = 0usize;
    let mut library = BTreeMap::new();
    for (ti, (t, plain)) in tables.iter().zip(truth).enumerate() {
        let stored = t
            .audit
            .as_ref()
            .expect("a protected table carries its audit");
        claimed += stored.unprotected.unwrap_or(0);
        library.extend(audit_of(ti, stored));
        for (c, o) in t.cells.iter().zip(&plain.cells) {
            prop_assert_eq!((c.row, c.col), (o.row, o.col));
            let v = o.value.unwrap() as u64;
            if !c.suppressed {
                prop_assert_eq!(c.value, o.value);
                prop_assert!(v == 0 || v >= p.k, "published {} below k = {}", v, p.k);
                continue;
            }
            let (lo, hi) = solved[&(ti, Some(c.row), Some(c.col))];
            prop_assert!(
                lo <= v && hi.is_none_or(|h| h >= v),
                "[{}, {:?}] misses {}",
                lo,
                hi,
                v
            );
            if c.reason == Some(Suppression::Primary) {
                prop_assert!(v > 0 && v < p.k);
                let safe = lo <= v.saturating_sub(p.lower_level())
                    && hi.is_none_or(|h| h >= v + p.upper_level());
                if !safe {
                    unprotected += 1;
                    prop_assert!(
                        !p.suppress_totals,
                        "table {} cell ({}, {}) = {} narrowed to [{}, {:?}] (levels {}, {})",
                        ti,
                        c.row,
                        c.col,
                        v,
                        lo,
                        hi,
                        p.lower_level(),
                        p.upper_level()
                    );
                }
            }
        }
        for (x, o) in t
            .row_totals
            .iter()
            .chain(&t.col_totals)
            .chain([&t.grand_total])
            .zip(
                plain
                    .row_totals
                    .iter()
                    .chain(&plain.col_totals)
                    .chain([&plain.grand_total]),
            )
        {
            prop_assert!(x.suppressed || x.value == o.value);
        }
    }
    prop_assert_eq!(
        unprotected,
        claimed,
        "primary cells the library says are unprotected"
    );
    // The library's audit finds exactly the attacker's intervals (withheld numbers that
    // add up no atom, e.g. a total of an empty line, have nothing to bound).
    prop_assert_eq!(&library, &solved);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(64), ..ProptestConfig::default() })]

    #[test]
    fn no_withheld_value_of_a_table_can_be_recomputed(c in cube(2), p in protection()) {
        let m = matrix(&c);
        let spec = PivotSpec::new().rows([Dim::Country]).cols([Dim::Axis]).measure(Measure::ParticipantsWomen);
        let truth = m.pivot(&spec).unwrap();
        let t = m.pivot(&spec.clone().protection(p)).unwrap();
        check(std::slice::from_ref(&t), std::slice::from_ref(&truth), &p)?;
        // what the table publishes audits to the same intervals
        let published = t.audit().unwrap();
        prop_assert_eq!(audit_of(0, &published), audit_of(0, t.audit.as_ref().unwrap()));
    }

    #[test]
    fn no_withheld_value_of_linked_tables_can_be_recomputed(c in cube(3), p in protection()) {
        let m = matrix(&c);
        let fine = PivotSpec::new().rows([Dim::Country]).cols([Dim::Axis, Dim::Period])
            .period(PeriodUnit::Quarter).measure(Measure::ParticipantsWomen);
        let heat = PivotSpec::new().rows([Dim::Country]).cols([Dim::Axis]).measure(Measure::ParticipantsWomen);
        let truth = [m.pivot(&fine).unwrap(), m.pivot(&heat).unwrap()];
        let mut tables = truth.clone();
        protect_linked(&mut tables, &p).unwrap();
        check(&tables, &truth, &p)?;
        let published = audit_linked(&tables).unwrap();
        for (ti, (t, a)) in tables.iter().zip(&published).enumerate() {
            prop_assert_eq!(audit_of(ti, a), audit_of(ti, t.audit.as_ref().unwrap()));
        }
    }
}
