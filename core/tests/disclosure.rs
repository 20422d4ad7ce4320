//! Disclosure control: the issue-16 example (the old pattern gives a primary cell away; the
//! new protection does not), linked tables, controlled rounding, property tests, and the
//! JSON vectors that `bindings-python/tests/test_disclosure_lp.py` re-checks with an
//! independent LP solver.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    missing_docs
)]

use lineamientos::pivot::{
    Audit, AuditMethod, KeyPart, Protection, Total, audit_linked, protect_linked,
};
use lineamientos::{Dim, Measure, PeriodUnit, PivotTable, Suppression};
use proptest::prelude::*;

fn part(code: &str) -> KeyPart {
    KeyPart {
        code: Some(code.into()),
        es: code.into(),
        en: code.into(),
    }
}

fn total(v: u64) -> Total {
    Total {
        value: Some(v as f64),
        entries: 1,
        suppressed: false,
    }
}

/// A table of counts: `grid[r][c]` (`None` = empty cell), totals as sums; keys are codes
/// for `row_dims` x `col_dims` (one code list per row / column).
fn table_with(
    row_dims: Vec<Dim>,
    col_dims: Vec<Dim>,
    rows: Vec<Vec<String>>,
    cols: Vec<Vec<String>>,
    grid: &[Vec<Option<u64>>],
) -> PivotTable {
    let mut cells = Vec::new();
    let mut rt = vec![0u64; rows.len()];
    let mut ct = vec![0u64; cols.len()];
    for (r, line) in grid.iter().enumerate() {
        for (c, v) in line.iter().enumerate() {
            if let Some(v) = v {
                rt[r] += v;
                ct[c] += v;
                cells.push(lineamientos::pivot::Cell {
                    row: r,
                    col: c,
                    value: Some(*v as f64),
                    entries: 1,
                    suppressed: false,
                    reason: None,
                });
            }
        }
    }
    PivotTable {
        measure: Measure::ParticipantsWomen,
        row_dims,
        col_dims,
        period: PeriodUnit::Quarter,
        rows: rows
            .iter()
            .map(|k| k.iter().map(|c| part(c)).collect())
            .collect(),
        cols: cols
            .iter()
            .map(|k| k.iter().map(|c| part(c)).collect())
            .collect(),
        cells,
        row_totals: rt.iter().map(|v| total(*v)).collect(),
        col_totals: ct.iter().map(|v| total(*v)).collect(),
        grand_total: total(rt.iter().sum()),
        suppress_below: None,
        exposed: Vec::new(),
        audit: None,
        approved_only: false,
        pins: lineamientos::Pins {
            catalog_version: "test".into(),
            catalog_hash: "test".into(),
            library_version: "test".into(),
            ..Default::default()
        },
    }
}

fn table(grid: &[Vec<Option<u64>>]) -> PivotTable {
    let rows = (0..grid.len()).map(|r| vec![format!("R{r}")]).collect();
    let width = grid.first().map_or(0, Vec::len);
    let cols = (0..width).map(|c| vec![format!("C{c}")]).collect();
    table_with(vec![Dim::Country], vec![Dim::Axis], rows, cols, grid)
}

/// Withholds the cells flagged `true` (a published table as an attacker sees it).
fn publish(mut t: PivotTable, hidden: &[Vec<bool>]) -> PivotTable {
    for c in &mut t.cells {
        if hidden[c.row][c.col] {
            c.suppressed = true;
            c.value = None;
            c.reason = Some(Suppression::Secondary);
        }
    }
    t
}

const COUNTRIES: [&str; 6] = ["CRI", "GTM", "HND", "MEX", "PAN", "SLV"];
const AXES: [&str; 5] = ["CUI", "EMP", "PRO", "SER", "VCM"];

/// The table of issue 16: participant women by country x axis. The issue publishes the
/// visible cells and the totals; the values behind its stars are one choice consistent with
/// them (primaries: CRI x PRO 4, HND x EMP 1, MEX x CUI 1, PAN x PRO 4), which the old rule
/// turns into exactly the issue's pattern.
fn issue_table() -> PivotTable {
    let grid: Vec<Vec<Option<u64>>> = [
        [19, 37, 4, 5, 28],
        [28, 31, 18, 48, 20],
        [13, 1, 16, 45, 10],
        [1, 17, 17, 14, 11],
        [21, 22, 4, 18, 8],
        [37, 17, 7, 9, 9],
    ]
    .iter()
    .map(|r| r.iter().map(|v| Some(*v)).collect())
    .collect();
    table_with(
        vec![Dim::Country],
        vec![Dim::Axis],
        COUNTRIES.iter().map(|c| vec![c.to_string()]).collect(),
        AXES.iter().map(|c| vec![c.to_string()]).collect(),
        &grid,
    )
}

/// The pattern the old rule published (`*` in the issue).
fn issue_old_pattern() -> Vec<Vec<bool>> {
    let stars = [
        "..**.", //
        ".....", //
        "**...", //
        "**..*", //
        "..*.*", //
        "..**.",
    ];
    stars
        .iter()
        .map(|l| l.chars().map(|c| c == '*').collect())
        .collect()
}

#[test]
fn the_issue_table_matches_its_published_totals() {
    let t = issue_table();
    let rows: Vec<f64> = t.row_totals.iter().map(|x| x.value.unwrap()).collect();
    let cols: Vec<f64> = t.col_totals.iter().map(|x| x.value.unwrap()).collect();
    assert_eq!(rows, [93.0, 145.0, 85.0, 60.0, 73.0, 79.0]);
    assert_eq!(cols, [119.0, 125.0, 66.0, 139.0, 86.0]);
    assert_eq!(t.grand_total.value, Some(535.0));
}

#[test]
fn the_old_pattern_gives_pan_pro_away() {
    let published = publish(issue_table(), &issue_old_pattern());
    let audit = published.audit().unwrap();
    assert_eq!(audit.method, AuditMethod::NetworkFlow);
    let pan_pro = audit.cell(4, 2).unwrap();
    assert_eq!(
        (pan_pro.lo, pan_pro.hi),
        (4, Some(4)),
        "PAN x PRO recovered exactly"
    );
    // the chain of the issue: MEX x VCM = 11, PAN x VCM = 8
    assert_eq!(
        (audit.cell(3, 4).unwrap().lo, audit.cell(3, 4).unwrap().hi),
        (11, Some(11))
    );
    assert_eq!(
        (audit.cell(4, 4).unwrap().lo, audit.cell(4, 4).unwrap().hi),
        (8, Some(8))
    );
}

fn assert_protected(t: &PivotTable, truth: &PivotTable, p: &Protection) {
    let stored = t.audit.as_ref().unwrap();
    assert_eq!(stored.unprotected, Some(0));
    let published = t.audit().unwrap();
    let bounds = |a: &Audit| -> Vec<_> {
        a.entries
            .iter()
            .map(|e| (e.row, e.col, e.lo, e.hi))
            .collect()
    };
    assert_eq!(bounds(&published), bounds(stored));
    for c in &t.cells {
        let v = truth.cell(c.row, c.col).unwrap().value.unwrap() as u64;
        if !c.suppressed {
            assert_eq!(c.value, Some(v as f64));
            assert!(v == 0 || v >= p.k, "visible {v} below k");
            continue;
        }
        let e = published.cell(c.row, c.col).unwrap();
        assert!(
            e.lo <= v && e.hi.is_none_or(|h| h >= v),
            "{e:?} does not contain {v}"
        );
        if c.reason == Some(Suppression::Primary) {
            assert!(v > 0 && v < p.k);
            assert!(e.lo <= v.saturating_sub(p.lower_level()), "{e:?} value {v}");
            assert!(
                e.hi.is_none_or(|h| h >= v + p.upper_level()),
                "{e:?} value {v}"
            );
            assert_eq!(stored.cell(c.row, c.col).unwrap().protected, Some(true));
        }
    }
}

#[test]
fn the_new_protection_holds_on_the_issue_table() {
    let truth = issue_table();
    let mut t = truth.clone();
    let p = Protection::new(5);
    t.protect(&p).unwrap();
    assert_protected(&t, &truth, &p);
    let primaries: Vec<(usize, usize)> = t
        .cells
        .iter()
        .filter(|c| c.reason == Some(Suppression::Primary))
        .map(|c| (c.row, c.col))
        .collect();
    assert_eq!(primaries, [(0, 2), (2, 1), (3, 0), (4, 2)]);
    // deterministic: the same pattern again
    let mut again = truth.clone();
    again.protect(&p).unwrap();
    assert_eq!(again, t);
    let json = serde_json::to_value(&t).unwrap();
    assert_eq!(json["audit"]["method"], "network_flow");
    assert!(
        json["audit"]["entries"][0].get("value").is_none(),
        "true values never serialised"
    );
}

#[test]
fn the_old_three_by_three_vector_was_safe_but_costly() {
    // tests/vectors/matrix/pivot-suppression-3x3.json: the old rule withheld 7 of 9 cells
    // (safe: MEX x event in [0, 21]); the audited protection withholds 4.
    let grid = vec![
        vec![Some(9), Some(8), Some(30)],
        vec![Some(40), Some(10), Some(6)],
        vec![Some(25), Some(3), Some(20)],
    ];
    let hidden = vec![
        vec![true, true, false],
        vec![false, true, true],
        vec![true, true, true],
    ];
    let a = publish(table(&grid), &hidden).audit().unwrap();
    let e = a.cell(2, 1).unwrap();
    assert_eq!((e.lo, e.hi), (0, Some(21)));
    let mut t = table(&grid);
    t.protect(&Protection::new(5)).unwrap();
    assert_eq!(t.cells.iter().filter(|c| c.suppressed).count(), 4);
    let e = t.audit.as_ref().unwrap().cell(2, 1).unwrap();
    assert_eq!((e.lo, e.hi), (0, Some(13)));
}

fn grid_strategy() -> impl Strategy<Value = Vec<Vec<Option<u64>>>> {
    (1usize..6, 1usize..6).prop_flat_map(|(r, c)| {
        proptest::collection::vec(
            proptest::collection::vec(
                prop_oneof![
                    1 => Just(None),
                    1 => Just(Some(0u64)),
                    3 => (1u64..8).prop_map(Some),
                    3 => (8u64..60).prop_map(Some),
                ],
                c,
            ),
            r,
        )
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, .. ProptestConfig::default() })]

    /// No primary cell's audited interval is narrower than its protection levels, and every
    /// interval contains the true value; the audit of the published table agrees with the
    /// stored one.
    #[test]
    fn protection_passes_the_audit(
        grid in grid_strategy(),
        k in 1u64..9,
        lower in proptest::option::of(0u64..12),
        upper in proptest::option::of(0u64..12),
    ) {
        let truth = table(&grid);
        let mut p = Protection::new(k);
        if let Some(l) = lower { p = p.lower(l); }
        if let Some(u) = upper { p = p.upper(u); }
        let mut t = truth.clone();
        t.protect(&p).unwrap();
        assert_protected(&t, &truth, &p);
        for (i, x) in t.row_totals.iter().enumerate() {
            prop_assert!(x.suppressed || x.value == truth.row_totals[i].value);
        }
    }

    /// Any suppression pattern: the audit's interval contains the true value, and setting a
    /// withheld cell to its `lo` or `hi` stays consistent (checked by auditing again with
    /// that cell published at the bound: still feasible).
    #[test]
    fn audit_contains_the_truth_for_any_pattern(
        grid in grid_strategy(),
        mask in proptest::collection::vec(any::<bool>(), 36),
    ) {
        let truth = table(&grid);
        let width = grid[0].len();
        let hidden: Vec<Vec<bool>> = (0..grid.len())
            .map(|r| (0..width).map(|c| mask[(r * 6 + c) % 36]).collect())
            .collect();
        let published = publish(truth.clone(), &hidden);
        let audit = published.audit().unwrap();
        for e in &audit.entries {
            let (r, c) = (e.row.unwrap(), e.col.unwrap());
            let v = truth.cell(r, c).unwrap().value.unwrap() as u64;
            prop_assert!(e.lo <= v && e.hi.is_none_or(|h| h >= v));
            for bound in [Some(e.lo), e.hi] {
                let Some(b) = bound else { continue };
                let mut probe = published.clone();
                let i = probe.cells.iter().position(|x| x.row == r && x.col == c).unwrap();
                probe.cells[i].suppressed = false;
                probe.cells[i].value = Some(b as f64);
                prop_assert!(probe.audit().is_ok(), "bound {} of ({}, {}) infeasible", b, r, c);
            }
        }
    }

    /// Controlled rounding: multiples of the base, within one base of the truth, zeros and
    /// multiples kept, and every row and column still adds up to its (rounded) total.
    #[test]
    fn controlled_rounding_is_additive(grid in grid_strategy(), base in prop_oneof![Just(3u64), Just(5u64)]) {
        let truth = table(&grid);
        let mut t = truth.clone();
        t.protect(&Protection::new(5).rounding(base)).unwrap();
        let b = base as f64;
        let near = |x: f64, y: f64| (x % b == 0.0) && (x - y).abs() < b && (y % b != 0.0 || x == y);
        for (c, o) in t.cells.iter().zip(&truth.cells) {
            prop_assert!(!c.suppressed && near(c.value.unwrap(), o.value.unwrap()));
        }
        for r in 0..t.rows.len() {
            let s: f64 = t.cells.iter().filter(|c| c.row == r).map(|c| c.value.unwrap()).sum();
            prop_assert_eq!(Some(s), t.row_totals[r].value);
            prop_assert!(near(s, truth.row_totals[r].value.unwrap()));
        }
        for c in 0..t.cols.len() {
            let s: f64 = t.cells.iter().filter(|x| x.col == c).map(|x| x.value.unwrap()).sum();
            prop_assert_eq!(Some(s), t.col_totals[c].value);
        }
        let s: f64 = t.cells.iter().map(|c| c.value.unwrap()).sum();
        prop_assert_eq!(Some(s), t.grand_total.value);
        prop_assert_eq!(t.audit.as_ref().unwrap().method, AuditMethod::ControlledRounding);
    }

    /// Linked tables (country x (axis, quarter) and its country x axis margin) protected
    /// together: no primary cell of either table can be narrowed using both.
    #[test]
    fn linked_tables_are_protected_together(
        values in proptest::collection::vec(prop_oneof![1 => Just(None), 2 => (0u64..6).prop_map(Some), 2 => (6u64..40).prop_map(Some)], 3 * 2 * 3),
        k in 2u64..7,
    ) {
        let (fine, heat) = linked_pair(&values, 3, 2, 3);
        let truth = [fine.clone(), heat.clone()];
        let mut tables = [fine, heat];
        let p = Protection::new(k);
        protect_linked(&mut tables, &p).unwrap();
        let audits = audit_linked(&tables).unwrap();
        for (ti, (t, a)) in tables.iter().zip(&audits).enumerate() {
            prop_assert_eq!(a.method, AuditMethod::NetworkFlowLinked);
            prop_assert_eq!(t.audit.as_ref().unwrap().unprotected, Some(0));
            for c in t.cells.iter().filter(|c| c.suppressed) {
                let v = truth[ti].cell(c.row, c.col).unwrap().value.unwrap() as u64;
                let e = a.cell(c.row, c.col).unwrap();
                prop_assert!(e.lo <= v && e.hi.is_none_or(|h| h >= v));
                if v > 0 && v < k {
                    prop_assert_eq!(c.reason, Some(Suppression::Primary));
                    prop_assert!(e.lo <= v.saturating_sub(k) && e.hi.is_none_or(|h| h >= v + k),
                        "table {} cell ({}, {}) = {}: {:?}", ti, c.row, c.col, v, e);
                }
            }
            // the audit of each table alone is never narrower than the joint one
            let alone = t.audit().unwrap();
            for e in &alone.entries {
                let j = a.entries.iter().find(|x| x.row == e.row && x.col == e.col).unwrap();
                prop_assert!(e.lo <= j.lo && e.hi.is_none_or(|h| j.hi.is_some_and(|x| x <= h)));
            }
        }
    }
}

/// `values[c][a][q]` (flattened): the country x (axis, quarter) table and its country x
/// axis margin (the heatmap).
fn linked_pair(
    values: &[Option<u64>],
    nc: usize,
    na: usize,
    nq: usize,
) -> (PivotTable, PivotTable) {
    let at = |c: usize, a: usize, q: usize| values[(c * na + a) * nq + q];
    let rows: Vec<Vec<String>> = (0..nc).map(|c| vec![format!("C{c}")]).collect();
    let fine_cols: Vec<Vec<String>> = (0..na)
        .flat_map(|a| (0..nq).map(move |q| vec![format!("A{a}"), format!("2024-Q{}", q + 1)]))
        .collect();
    let fine: Vec<Vec<Option<u64>>> = (0..nc)
        .map(|c| {
            (0..na)
                .flat_map(|a| (0..nq).map(move |q| (a, q)))
                .map(|(a, q)| at(c, a, q))
                .collect()
        })
        .collect();
    let heat: Vec<Vec<Option<u64>>> = (0..nc)
        .map(|c| {
            (0..na)
                .map(|a| {
                    let vs: Vec<u64> = (0..nq).filter_map(|q| at(c, a, q)).collect();
                    (!vs.is_empty()).then(|| vs.iter().sum())
                })
                .collect()
        })
        .collect();
    let heat_cols = (0..na).map(|a| vec![format!("A{a}")]).collect();
    (
        table_with(
            vec![Dim::Country],
            vec![Dim::Axis, Dim::Period],
            rows.clone(),
            fine_cols,
            &fine,
        ),
        table_with(vec![Dim::Country], vec![Dim::Axis], rows, heat_cols, &heat),
    )
}

#[test]
fn linked_tables_catch_what_one_table_gives_away() {
    // country C0 has axis A0 in two quarters: 3 (primary) and 40. The heatmap publishes
    // C0 x A0 = 43 unless protected together.
    let values = [
        Some(3),
        Some(40),
        Some(30),
        Some(20),
        Some(25),
        Some(35),
        Some(50),
        Some(45),
    ];
    let (fine, heat) = linked_pair(&values, 2, 2, 2);
    let mut alone = [fine.clone(), heat.clone()];
    alone[0].protect(&Protection::new(5)).unwrap();
    alone[1].protect(&Protection::new(5)).unwrap();
    // protected separately: the heatmap shows C0 x A0 and the pair recovers less than k
    let joint = audit_linked(&alone).unwrap();
    let e = joint[0].cell(0, 0).unwrap();
    let separately_safe = e.hi.is_none_or(|h| h >= 8) && e.lo == 0;
    let mut tables = [fine, heat];
    protect_linked(&mut tables, &Protection::new(5)).unwrap();
    let joint = audit_linked(&tables).unwrap();
    let e = joint[0].cell(0, 0).unwrap();
    assert!(e.lo == 0 && e.hi.is_none_or(|h| h >= 8), "{e:?}");
    assert!(
        !separately_safe,
        "the example should show the linking problem"
    );
}

#[test]
fn degenerate_tables_do_not_panic() {
    let p = Protection::new(5);
    // empty
    let mut t = table(&[]);
    t.protect(&p).unwrap();
    assert!(t.audit.as_ref().unwrap().entries.is_empty());
    assert!(t.audit().unwrap().entries.is_empty());
    // 1 x 1 below k: only hiding the totals too protects it
    let mut t = table(&[vec![Some(2)]]);
    t.protect(&p).unwrap();
    assert!(t.cells[0].suppressed && t.row_totals[0].suppressed && t.grand_total.suppressed);
    assert_eq!(t.audit.as_ref().unwrap().unprotected, Some(0));
    // a total equal to one cell is that cell: withheld with it, even when totals may not be
    let mut t = table(&[vec![Some(2)]]);
    t.protect(&p.suppress_totals(false)).unwrap();
    assert_eq!(t.audit.as_ref().unwrap().unprotected, Some(0));
    // a lone cell in its row whose column cannot hide it without a total: reported when
    // totals may not be withheld
    let grid = [vec![Some(2), None], vec![Some(30), Some(40)]];
    let mut t = table(&grid);
    t.protect(&p.suppress_totals(false)).unwrap();
    assert_eq!(t.audit.as_ref().unwrap().unprotected, Some(1));
    assert_eq!(t.exposed.len(), 2);
    assert!(
        t.col_totals
            .iter()
            .chain(&t.row_totals[1..])
            .all(|x| !x.suppressed)
    );
    let mut t = table(&grid);
    t.protect(&p).unwrap();
    assert_protected(&t, &table(&grid), &p);
    assert!(
        t.col_totals
            .iter()
            .chain(&t.row_totals)
            .any(|x| x.suppressed)
    );
    // all zeros and empties: nothing to do
    let mut t = table(&[vec![Some(0), None], vec![None, Some(0)]]);
    t.protect(&p).unwrap();
    assert!(t.cells.iter().all(|c| !c.suppressed));
    // huge values: exact up to 2^53 (totals included); beyond, refused
    let big = 1u64 << 51;
    let mut t = table(&[vec![Some(big), Some(1)], vec![Some(7), Some(big - 9)]]);
    t.protect(&p).unwrap();
    let truth = table(&[vec![Some(big), Some(1)], vec![Some(7), Some(big - 9)]]);
    assert_protected(&t, &truth, &p);
    let t = table(&[vec![Some(1 << 53), Some(1)]]);
    assert_eq!(t.audit().unwrap_err().code(), "invalid_value");
    // not counts: refused with a code
    let mut t = table(&[vec![Some(3), Some(4)]]);
    t.cells[0].value = Some(1.5);
    assert_eq!(t.clone().protect(&p).unwrap_err().code(), "invalid_value");
    t.cells[0].value = Some(f64::INFINITY);
    assert_eq!(t.audit().unwrap_err().code(), "invalid_value");
    t.cells[0].value = Some(1e300);
    assert_eq!(t.audit().unwrap_err().code(), "invalid_value");
    // inconsistent totals
    let mut t = table(&[vec![Some(3), Some(4)]]);
    t.row_totals[0].value = Some(8.0);
    assert_eq!(t.audit().unwrap_err().code(), "invalid_value");
    // already protected
    let mut t = table(&[vec![Some(3), Some(40)], vec![Some(30), Some(20)]]);
    t.protect(&p).unwrap();
    assert_eq!(t.protect(&p).unwrap_err().code(), "invalid_value");
    // bad settings
    assert_eq!(
        table(&[]).protect(&Protection::new(0)).unwrap_err().code(),
        "invalid_value"
    );
    assert_eq!(
        table(&[]).protect(&p.rounding(1)).unwrap_err().code(),
        "invalid_value"
    );
    assert_eq!(
        Protection::from_json(r#"{"k": 5, "x": 1}"#)
            .unwrap_err()
            .code(),
        "invalid_json"
    );
    assert_eq!(
        Protection::from_json(r#"{"k": 0}"#).unwrap_err().code(),
        "invalid_value"
    );
    // a mean cannot be protected
    let mut t = table(&[vec![Some(3)]]);
    t.measure = Measure::MeanProgress;
    assert_eq!(t.protect(&p).unwrap_err().code(), "invalid_value");
}

// ---- shared vectors: tests/vectors/disclosure/*.json ---------------------------------
//
// Each vector is a published table (withheld numbers are null) and the audit's intervals.
// `bindings-python/tests/test_disclosure_lp.py` recomputes every interval with SciPy's
// `linprog` from the published numbers only. `LINEAMIENTOS_WRITE_VECTORS=1 cargo test -p
// lineamientos --test disclosure` rewrites them.

fn vectors_dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors/disclosure")
}

fn published_json(t: &PivotTable) -> serde_json::Value {
    let v = |x: &Total| {
        if x.suppressed {
            serde_json::Value::Null
        } else {
            serde_json::json!(x.value.unwrap_or(0.0) as u64)
        }
    };
    serde_json::json!({
        "rows": t.rows.len(),
        "cols": t.cols.len(),
        "cells": t.cells.iter().map(|c| serde_json::json!({
            "row": c.row, "col": c.col,
            "value": if c.suppressed { serde_json::Value::Null } else { serde_json::json!(c.value.unwrap_or(0.0) as u64) },
        })).collect::<Vec<_>>(),
        "row_totals": t.row_totals.iter().map(v).collect::<Vec<_>>(),
        "col_totals": t.col_totals.iter().map(v).collect::<Vec<_>>(),
        "grand_total": v(&t.grand_total),
    })
}

fn table_from_json(j: &serde_json::Value) -> PivotTable {
    let rows = j["rows"].as_u64().unwrap() as usize;
    let cols = j["cols"].as_u64().unwrap() as usize;
    let mut grid = vec![vec![None; cols]; rows];
    for c in j["cells"].as_array().unwrap() {
        grid[c["row"].as_u64().unwrap() as usize][c["col"].as_u64().unwrap() as usize] = Some(0);
    }
    let mut t = table(&grid);
    for (cell, c) in t.cells.iter_mut().zip(j["cells"].as_array().unwrap()) {
        cell.value = c["value"].as_u64().map(|v| v as f64);
        cell.suppressed = cell.value.is_none();
    }
    let set = |x: &mut Total, v: &serde_json::Value| {
        x.value = v.as_u64().map(|v| v as f64);
        x.suppressed = x.value.is_none();
    };
    for (x, v) in t
        .row_totals
        .iter_mut()
        .zip(j["row_totals"].as_array().unwrap())
    {
        set(x, v);
    }
    for (x, v) in t
        .col_totals
        .iter_mut()
        .zip(j["col_totals"].as_array().unwrap())
    {
        set(x, v);
    }
    set(&mut t.grand_total, &j["grand_total"]);
    t
}

struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
}

fn generated_vectors() -> Vec<(String, String, PivotTable)> {
    let mut out = Vec::new();
    out.push((
        "issue-16-old-pattern".to_owned(),
        "The table of issue 16 with the old rule's pattern: PAN x PRO (row 4, col 2) is pinned to 4.".to_owned(),
        publish(issue_table(), &issue_old_pattern()),
    ));
    let mut t = issue_table();
    t.protect(&Protection::new(5)).unwrap();
    out.push((
        "issue-16-protected".to_owned(),
        "The same table protected with k = 5.".to_owned(),
        t,
    ));
    let mut rng = Lcg(16);
    for i in 0..14 {
        let (r, c) = (2 + rng.next() as usize % 5, 2 + rng.next() as usize % 5);
        let grid: Vec<Vec<Option<u64>>> = (0..r)
            .map(|_| {
                (0..c)
                    .map(|_| match rng.next() % 8 {
                        0 => None,
                        1 => Some(0),
                        2 | 3 => Some(1 + rng.next() % 4),
                        _ => Some(5 + rng.next() % 45),
                    })
                    .collect()
            })
            .collect();
        let truth = table(&grid);
        if i % 2 == 0 {
            let mut t = truth;
            t.protect(&Protection::new(5)).unwrap();
            out.push((
                format!("random-{i:02}-protected"),
                format!("Random {r} x {c} table protected with k = 5."),
                t,
            ));
        } else {
            let hidden: Vec<Vec<bool>> = (0..r)
                .map(|_| (0..c).map(|_| rng.next() % 3 == 0).collect())
                .collect();
            out.push((
                format!("random-{i:02}-any-pattern"),
                format!("Random {r} x {c} table, random cells withheld."),
                publish(truth, &hidden),
            ));
        }
    }
    out
}

#[test]
fn disclosure_vectors() {
    let dir = vectors_dir();
    if std::env::var_os("LINEAMIENTOS_WRITE_VECTORS").is_some() {
        std::fs::create_dir_all(&dir).unwrap();
        for (name, description, t) in generated_vectors() {
            let audit = t.audit().unwrap();
            let v = serde_json::json!({
                "name": name,
                "description": description,
                "kind": "audit",
                "published": published_json(&t),
                "expected": audit.entries.iter().map(|e| serde_json::json!({"row": e.row, "col": e.col, "lo": e.lo, "hi": e.hi})).collect::<Vec<_>>(),
            });
            std::fs::write(
                dir.join(format!("{name}.json")),
                serde_json::to_string_pretty(&v).unwrap() + "\n",
            )
            .unwrap();
        }
    }
    let mut n = 0;
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    for path in files
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
    {
        let v: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        assert_eq!(v["kind"], "audit", "{}", path.display());
        let t = table_from_json(&v["published"]);
        // The public entry point the bindings call gives the same audit.
        let published: lineamientos::pivot::PublishedTable =
            serde_json::from_value(v["published"].clone()).unwrap();
        assert_eq!(
            published.audit().unwrap().entries,
            t.audit().unwrap().entries
        );
        assert_eq!(lineamientos::pivot::PublishedTable::of(&t), published);
        let got: Vec<serde_json::Value> = t
            .audit()
            .unwrap()
            .entries
            .iter()
            .map(|e| serde_json::json!({"row": e.row, "col": e.col, "lo": e.lo, "hi": e.hi}))
            .collect();
        assert_eq!(
            serde_json::Value::from(got),
            v["expected"],
            "{}",
            path.display()
        );
        n += 1;
    }
    assert!(n >= 16, "{n} vectors");
}
