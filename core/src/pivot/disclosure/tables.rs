//! Pivot tables as systems of published quantities, and the public entry points.

use super::audit::{Withheld, point};
use super::network::Flow;
use super::protect::{Plan, protect};
use super::rounding::round;
use super::system::{Net, Quantity, network};
use super::{Audit, AuditEntry, AuditMethod, Method, Protection};
use crate::pivot::Dim;
use crate::pivot::table::{Exposure, PivotTable, Suppression, Total};
use crate::{Error, Result};
use std::collections::BTreeMap;

/// Where a quantity is published.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    /// Cell `i` of `PivotTable::cells`.
    Cell(usize),
    /// Row total.
    Row(usize),
    /// Column total.
    Col(usize),
    /// Grand total.
    Grand,
}

impl Place {
    /// The total of `t` at this place (`None` for a cell).
    fn total_mut(self, t: &mut PivotTable) -> Option<&mut Total> {
        match self {
            Place::Row(i) => t.row_totals.get_mut(i),
            Place::Col(i) => t.col_totals.get_mut(i),
            Place::Grand => Some(&mut t.grand_total),
            Place::Cell(_) => None,
        }
    }
}

/// Every quantity of a set of tables.
#[derive(Clone)]
struct Layout {
    atoms: usize,
    quantities: Vec<Quantity>,
    /// `(table, place)` of each quantity.
    places: Vec<(usize, Place)>,
    /// Whether every total is a sum of cells (no multi-valued dimension).
    additive: bool,
}

fn invalid(field: &str, reason: impl Into<String>) -> Error {
    Error::invalid_value(field, None, reason)
}

/// A published count as an integer: finite, non-negative, whole, at most 2^53.
fn count(v: f64) -> Result<Flow> {
    if v.is_finite() && v >= 0.0 && v.fract() == 0.0 && v <= 9_007_199_254_740_992.0 {
        #[allow(clippy::cast_possible_truncation)]
        Ok(v as i128)
    } else {
        Err(invalid("table", format!("{v} is not a count of people")))
    }
}

/// The value of a published number: `None` when withheld; a visible number without a
/// value is a published zero.
fn published(v: Option<f64>, hidden: bool) -> Result<Option<Flow>> {
    match v {
        Some(v) => count(v).map(Some),
        None if hidden => Ok(None),
        None => Ok(Some(0)),
    }
}

#[allow(clippy::cast_precision_loss)]
fn float(v: Flow) -> f64 {
    v as f64
}

fn unsigned(v: Flow) -> u64 {
    u64::try_from(v.max(0)).unwrap_or(u64::MAX)
}

fn dims(t: &PivotTable) -> Vec<Dim> {
    t.row_dims.iter().chain(&t.col_dims).copied().collect()
}

fn codes(key: &[crate::pivot::KeyPart]) -> Vec<Option<String>> {
    key.iter().map(|p| p.code.clone()).collect()
}

fn layout(tables: &[&PivotTable]) -> Result<Layout> {
    let Some(first) = tables.first() else {
        return Ok(Layout {
            atoms: 0,
            quantities: Vec::new(),
            places: Vec::new(),
            additive: true,
        });
    };
    let linked = tables.len() > 1;
    for t in tables {
        let periods = |t: &PivotTable| dims(t).contains(&Dim::Period);
        if t.measure != first.measure
            || t.approved_only != first.approved_only
            || (periods(t) && periods(first) && t.period != first.period)
        {
            return Err(invalid(
                "tables",
                "linked tables must share the measure, the period unit and approved_only",
            ));
        }
        if t.rows.len() != t.row_totals.len() || t.cols.len() != t.col_totals.len() {
            return Err(invalid(
                "table",
                "one total per row and per column is needed",
            ));
        }
        if t.cells.windows(2).any(|w| match w {
            [a, b] => (a.row, a.col) >= (b.row, b.col),
            _ => false,
        }) || t
            .cells
            .iter()
            .any(|c| c.row >= t.rows.len() || c.col >= t.cols.len())
        {
            return Err(invalid(
                "table",
                "cells must be row-major and inside the table",
            ));
        }
    }
    if !(first.measure.counts_people() || first.measure == crate::pivot::Measure::Count) {
        return Err(invalid(
            "measure",
            "disclosure control applies to counts (participants, entries)",
        ));
    }
    let mut all: Vec<Dim> = Vec::new();
    for t in tables {
        for d in dims(t) {
            if !all.contains(&d) {
                all.push(d);
            }
        }
    }
    let multi = all.iter().any(|d| d.multi_valued());
    if linked && multi {
        return Err(invalid(
            "tables",
            "linked tables cannot have a multi-valued dimension (guideline, stage)",
        ));
    }
    let Some((fi, finest)) = tables
        .iter()
        .enumerate()
        .find(|(_, t)| all.iter().all(|d| dims(t).contains(d)))
    else {
        return Err(invalid(
            "tables",
            "one of the linked tables must have every dimension of the others",
        ));
    };
    let fd = dims(finest);
    // atoms: the finest table's cells, with their codes in the finest table's order
    let atom_codes: Vec<Vec<Option<String>>> = finest
        .cells
        .iter()
        .map(|c| {
            let mut k = finest.rows.get(c.row).map(|k| codes(k)).unwrap_or_default();
            k.extend(finest.cols.get(c.col).map(|k| codes(k)).unwrap_or_default());
            k
        })
        .collect();
    let atoms = atom_codes.len();
    let mut quantities = Vec::new();
    let mut places = Vec::new();
    for (ti, t) in tables.iter().enumerate() {
        let project = |key_dims: &[Dim], a: &[Option<String>]| -> Vec<Option<String>> {
            key_dims
                .iter()
                .map(|d| {
                    fd.iter()
                        .position(|x| x == d)
                        .and_then(|i| a.get(i).cloned())
                        .flatten()
                })
                .collect()
        };
        let row_of: BTreeMap<Vec<Option<String>>, usize> = t
            .rows
            .iter()
            .enumerate()
            .map(|(i, k)| (codes(k), i))
            .collect();
        let col_of: BTreeMap<Vec<Option<String>>, usize> = t
            .cols
            .iter()
            .enumerate()
            .map(|(i, k)| (codes(k), i))
            .collect();
        let mut by_cell: BTreeMap<(usize, usize), Vec<usize>> = BTreeMap::new();
        let mut by_row: Vec<Vec<usize>> = vec![Vec::new(); t.rows.len()];
        let mut by_col: Vec<Vec<usize>> = vec![Vec::new(); t.cols.len()];
        for (a, ac) in atom_codes.iter().enumerate() {
            let direct = (ti == fi)
                .then(|| finest.cells.get(a).map(|c| (c.row, c.col)))
                .flatten();
            let found = match direct {
                Some((r, c)) => Some((r, c)),
                None => row_of
                    .get(&project(&t.row_dims, ac))
                    .zip(col_of.get(&project(&t.col_dims, ac)))
                    .map(|(r, c)| (*r, *c)),
            };
            let Some((r, c)) = found else {
                return Err(invalid(
                    "tables",
                    "the linked tables do not come from the same entries",
                ));
            };
            by_cell.entry((r, c)).or_default().push(a);
            if let Some(v) = by_row.get_mut(r) {
                v.push(a);
            }
            if let Some(v) = by_col.get_mut(c) {
                v.push(a);
            }
        }
        for (i, c) in t.cells.iter().enumerate() {
            let Some(set) = by_cell.get(&(c.row, c.col)) else {
                return Err(invalid(
                    "tables",
                    "a cell of a linked table has no counterpart in the finest table",
                ));
            };
            quantities.push(Quantity {
                atoms: set.clone(),
                value: published(c.value, c.suppressed)?,
                hidden: c.suppressed,
                cell: true,
            });
            places.push((ti, Place::Cell(i)));
        }
        // A total is an equation only when it is the sum of its cells: not along a
        // multi-valued dimension (an entry counts in several of its columns, or rows).
        let multi_rows = t.row_dims.iter().any(|d| d.multi_valued());
        let multi_cols = t.col_dims.iter().any(|d| d.multi_valued());
        let every_atom: Vec<usize> = (0..atoms).collect();
        let mut totals: Vec<(&[usize], &Total, Place)> = Vec::new();
        if !multi_cols {
            totals.extend(
                by_row
                    .iter()
                    .zip(&t.row_totals)
                    .enumerate()
                    .map(|(r, (set, total))| (set.as_slice(), total, Place::Row(r))),
            );
        }
        if !multi_rows {
            totals.extend(
                by_col
                    .iter()
                    .zip(&t.col_totals)
                    .enumerate()
                    .map(|(c, (set, total))| (set.as_slice(), total, Place::Col(c))),
            );
        }
        if !multi_rows && !multi_cols {
            totals.push((every_atom.as_slice(), &t.grand_total, Place::Grand));
        }
        for (set, total, place) in totals {
            if !set.is_empty() {
                quantities.push(Quantity {
                    atoms: set.to_vec(),
                    value: published(total.value, total.suppressed)?,
                    hidden: total.suppressed,
                    cell: false,
                });
                places.push((ti, place));
            }
        }
    }
    Ok(Layout {
        atoms,
        quantities,
        places,
        additive: !multi,
    })
}

/// Checks that every value published on an arc equals the arc's value.
fn consistent(net: &Net, layout: &Layout) -> Result<()> {
    for (q, arc) in layout.quantities.iter().zip(&net.arc_of) {
        if let Some(v) = q.value
            && net.value.get(*arc).copied().flatten() != Some(v)
        {
            return Err(invalid(
                "tables",
                "a total is not the sum of its cells, or two tables disagree",
            ));
        }
    }
    Ok(())
}

/// Arcs withheld: every publication hidden, or none at all.
fn free_arcs(net: &Net, layout: &Layout) -> Vec<bool> {
    net.published
        .iter()
        .map(|qs| {
            qs.iter()
                .all(|q| layout.quantities.get(*q).is_none_or(|q| q.hidden))
        })
        .collect()
}

fn method(tables: usize, additive: bool) -> AuditMethod {
    match (tables > 1, additive) {
        (_, false) => AuditMethod::NetworkFlowPartial,
        (true, true) => AuditMethod::NetworkFlowLinked,
        (false, true) => AuditMethod::NetworkFlow,
    }
}

/// The audits of `tables` (one per table) from what they publish, and the intervals.
fn audits(
    tables: &[&PivotTable],
    layout: &Layout,
    net: &Net,
    free: &[bool],
    x: &[Flow],
    truth: Option<(&Protection, &[bool])>,
) -> Vec<Audit> {
    let withheld = Withheld::new(net, free, x);
    let mut memo: BTreeMap<usize, (Flow, Option<Flow>)> = BTreeMap::new();
    let mut out: Vec<Audit> = tables
        .iter()
        .map(|_| Audit {
            method: method(tables.len(), layout.additive),
            protection: truth.map(|(p, _)| *p),
            unprotected: truth.map(|_| 0),
            entries: Vec::new(),
        })
        .collect();
    for (qi, (q, (ti, place))) in layout.quantities.iter().zip(&layout.places).enumerate() {
        let Some(arc) = net.arc_of.get(qi).copied() else {
            continue;
        };
        if !free.get(arc).copied().unwrap_or(false) {
            continue;
        }
        let (lo, hi) = *memo.entry(arc).or_insert_with(|| withheld.interval(arc));
        let (row, col) = match place {
            Place::Cell(i) => {
                let c = tables.get(*ti).and_then(|t| t.cells.get(*i));
                (c.map(|c| c.row), c.map(|c| c.col))
            }
            Place::Row(r) => (Some(*r), None),
            Place::Col(c) => (None, Some(*c)),
            Place::Grand => (None, None),
        };
        let value = truth.and_then(|_| x.get(arc).copied());
        let protected = match (truth, value) {
            (Some((p, primary)), Some(v))
                if q.cell && primary.get(qi).copied().unwrap_or(false) =>
            {
                let down = Flow::from(p.lower_level()).min(v);
                let up = Flow::from(p.upper_level());
                Some(lo <= v - down && hi.is_none_or(|h| h >= v + up))
            }
            _ => None,
        };
        if let Some(a) = out.get_mut(*ti) {
            if protected == Some(false)
                && let Some(n) = a.unprotected.as_mut()
            {
                *n += 1;
            }
            a.entries.push(AuditEntry {
                row,
                col,
                lo: unsigned(lo),
                hi: hi.map(unsigned),
                value: value.map(unsigned),
                protected,
            });
        }
    }
    out
}

/// Audits linked tables from what they publish.
///
/// The tables are one system: a number withheld in one table but published (or derivable)
/// in another is bounded accordingly. One table must have every dimension of the others
/// (the finest: its cells are the atoms every other number adds up); the others are its
/// margins (e.g. the country x axis heatmap next to the country x (axis, quarter) table).
/// Returns one [`Audit`] per table, in order. Errors (`invalid_value`): tables that do not
/// share the measure or the entries, numbers that do not add up, or linkings that are not
/// two hierarchies of totals.
pub fn audit_linked(tables: &[PivotTable]) -> Result<Vec<Audit>> {
    let refs: Vec<&PivotTable> = tables.iter().collect();
    let layout = layout(&refs)?;
    let net = network(layout.atoms, &layout.quantities)?;
    consistent(&net, &layout)?;
    let free = free_arcs(&net, &layout);
    let x = point(&net, &free)?;
    Ok(audits(&refs, &layout, &net, &free, &x, None))
}

/// Protects linked tables together (see [`audit_linked`] for what "linked" means):
/// primary cells in any table, secondary suppression chosen over all of them, so that no
/// table gives away what another withholds. The tables must be computed without
/// suppression (true values). Each table receives its audit.
pub fn protect_linked(tables: &mut [PivotTable], protection: &Protection) -> Result<()> {
    protection.validate()?;
    let refs: Vec<&PivotTable> = tables.iter().collect();
    if refs.iter().any(|t| {
        t.cells.iter().any(|c| c.suppressed)
            || t.row_totals
                .iter()
                .chain(&t.col_totals)
                .any(|x| x.suppressed)
            || t.grand_total.suppressed
    }) {
        return Err(invalid(
            "table",
            "already protected: protect a table computed without suppression",
        ));
    }
    let layout = layout(&refs)?;
    let net = network(layout.atoms, &layout.quantities)?;
    consistent(&net, &layout)?;
    let mut free = free_arcs(&net, &layout);
    let x = point(&net, &free)?;
    let k = Flow::from(protection.k);
    let primary: Vec<bool> = layout
        .quantities
        .iter()
        .map(|q| q.cell && q.value.is_some_and(|v| v > 0 && v < k))
        .collect();
    let mut out_audits;
    let mut rounded: Option<Vec<Flow>> = None;
    match protection.method {
        Method::Rounding { base } => {
            rounded =
                Some(round(&net, &x, Flow::from(base)).ok_or_else(|| {
                    invalid("table", "controlled rounding found no additive table")
                })?);
            out_audits = refs
                .iter()
                .map(|_| Audit {
                    method: AuditMethod::ControlledRounding,
                    protection: Some(*protection),
                    unprotected: Some(0),
                    entries: Vec::new(),
                })
                .collect();
        }
        Method::Suppression => {
            let mut primary_arc = vec![false; net.ends.len()];
            for (q, p) in net.arc_of.iter().zip(&primary) {
                if *p && let Some(a) = primary_arc.get_mut(*q) {
                    *a = true;
                }
            }
            let is_cell: Vec<bool> = net
                .published
                .iter()
                .map(|qs| {
                    qs.iter()
                        .any(|q| layout.quantities.get(*q).is_some_and(|q| q.cell))
                })
                .collect();
            let cell_cost: Flow = x
                .iter()
                .zip(&is_cell)
                .filter(|(_, c)| **c)
                .map(|(v, _)| 1 + v)
                .sum::<Flow>()
                + 1;
            let cost: Vec<Option<Flow>> = x
                .iter()
                .zip(&is_cell)
                .zip(&net.published)
                .map(|((v, cell), pubs)| {
                    if pubs.is_empty() {
                        None
                    } else if *cell {
                        Some(1 + v)
                    } else if protection.suppress_totals {
                        Some(cell_cost + v)
                    } else {
                        None
                    }
                })
                .collect();
            for (f, p) in free.iter_mut().zip(&primary_arc) {
                *f |= *p;
            }
            let plan = Plan {
                net: &net,
                x: &x,
                cost: &cost,
            };
            protect(
                &plan,
                &mut free,
                &primary_arc,
                Flow::from(protection.upper_level()),
                Flow::from(protection.lower_level()),
            );
            // publication state back into the quantities, then the final audit
            let mut layout_after = layout.clone();
            for (q, arc) in layout_after.quantities.iter_mut().zip(&net.arc_of) {
                q.hidden = free.get(*arc).copied().unwrap_or(false);
            }
            out_audits = audits(
                &refs,
                &layout_after,
                &net,
                &free,
                &x,
                Some((protection, &primary)),
            );
        }
    }
    // write back
    for (qi, (ti, place)) in layout.places.iter().enumerate() {
        let Some(t) = tables.get_mut(*ti) else {
            continue;
        };
        let arc = net.arc_of.get(qi).copied().unwrap_or(0);
        if let Some(r) = &rounded {
            // rounding: every published number gets its rounded value
            let v = Some(float(r.get(arc).copied().unwrap_or(0)));
            let slot = match *place {
                Place::Cell(i) => t.cells.get_mut(i).map(|c| &mut c.value),
                total => total.total_mut(t).map(|x| &mut x.value),
            };
            if let Some(value) = slot
                && value.is_some()
            {
                *value = v;
            }
            continue;
        }
        if !free.get(arc).copied().unwrap_or(false) {
            continue;
        }
        match *place {
            Place::Cell(i) => {
                if let Some(c) = t.cells.get_mut(i) {
                    c.suppressed = true;
                    c.reason = Some(if primary.get(qi).copied().unwrap_or(false) {
                        Suppression::Primary
                    } else {
                        Suppression::Secondary
                    });
                    c.value = None;
                }
            }
            total => {
                if let Some(x) = total.total_mut(t) {
                    x.suppressed = true;
                    x.value = None;
                }
            }
        }
    }
    if rounded.is_some() {
        // totals left out of the equations (multi-valued dimensions): conventional rounding
        for t in tables.iter_mut() {
            if let Method::Rounding { base } = protection.method {
                round_loose(t, &layout, base);
            }
        }
    }
    for (t, a) in tables.iter_mut().zip(out_audits.drain(..)) {
        t.exposed.clear();
        for e in &a.entries {
            if e.protected == Some(false)
                && let (Some(r), Some(c)) = (e.row, e.col)
            {
                for x in [
                    Exposure {
                        line: "row".into(),
                        index: r,
                    },
                    Exposure {
                        line: "col".into(),
                        index: c,
                    },
                ] {
                    if !t.exposed.contains(&x) {
                        t.exposed.push(x);
                    }
                }
            }
        }
        t.audit = Some(a);
    }
    Ok(())
}

/// Rounds the totals that are not sums of cells (multi-valued dimensions) to the nearest
/// multiple of `base` (halves up): they are not part of the additive system.
fn round_loose(t: &mut PivotTable, layout: &Layout, base: u64) {
    if layout.additive {
        return;
    }
    let multi_rows = t.row_dims.iter().any(|d| d.multi_valued());
    let multi_cols = t.col_dims.iter().any(|d| d.multi_valued());
    #[allow(clippy::cast_precision_loss)]
    let b = base as f64;
    let near = |v: &mut Option<f64>| {
        if let Some(x) = v.as_mut() {
            *x = ((*x + b / 2.0) / b).floor() * b;
        }
    };
    if multi_cols {
        t.row_totals.iter_mut().for_each(|x| near(&mut x.value));
    }
    if multi_rows {
        t.col_totals.iter_mut().for_each(|x| near(&mut x.value));
    }
    near(&mut t.grand_total.value);
}

impl PivotTable {
    /// Applies disclosure control to a table computed without it (see [`Protection`]):
    /// suppression with an audit-checked secondary pattern, or controlled rounding. The
    /// audit is stored in [`PivotTable::audit`]. `Matrix::pivot` calls this when the spec
    /// asks for suppression.
    ///
    /// ```
    /// use lineamientos::{Catalog, Dim, ImportOptions, Matrix, Measure, PivotSpec};
    /// use lineamientos::pivot::Protection;
    /// let csv = "País;Institución;Fecha;Tipo;Título;Estado;Eje;Mujeres\n\
    ///            MX;A;2024-01-02;Evento;t1;En curso;VCM;12\n\
    ///            MX;B;2024-02-02;Evento;t2;En curso;EMP;3\n\
    ///            GT;C;2024-03-02;Evento;t3;En curso;VCM;40\n\
    ///            GT;C;2024-03-02;Evento;t4;En curso;EMP;30\n";
    /// let (m, _) = Matrix::read_csv(csv.as_bytes(), &Catalog::embedded(), &ImportOptions::default()).unwrap();
    /// let spec = PivotSpec::new().rows([Dim::Country]).cols([Dim::Axis]).measure(Measure::ParticipantsWomen);
    /// let mut t = m.pivot(&spec).unwrap();
    /// t.protect(&Protection::new(5)).unwrap();
    /// let audit = t.audit.as_ref().unwrap();
    /// assert_eq!(audit.unprotected, Some(0));
    /// // the audit of the published table alone finds the same intervals
    /// let bounds = |a: &lineamientos::pivot::Audit| -> Vec<_> {
    ///     a.entries.iter().map(|e| (e.row, e.col, e.lo, e.hi)).collect()
    /// };
    /// assert_eq!(bounds(&t.audit().unwrap()), bounds(audit));
    /// ```
    pub fn protect(&mut self, protection: &Protection) -> Result<()> {
        protect_linked(std::slice::from_mut(self), protection)
    }

    /// The interval an attacker can derive for every withheld number, computed from what
    /// the table publishes (not from its stored audit or true values): the check anyone can
    /// run on a table received. Errors (`invalid_value`) when the published numbers are
    /// inconsistent or the measure is not a count.
    pub fn audit(&self) -> Result<Audit> {
        let mut v = audit_linked(std::slice::from_ref(self))?;
        v.pop().ok_or_else(|| invalid("table", "no audit produced"))
    }
}
