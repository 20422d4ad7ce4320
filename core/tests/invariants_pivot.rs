//! Pivot conservation under proptest (issue 12): for generated matrices and any spec (one
//! or two row dimensions, zero or one column dimension, every measure, every period unit,
//! approved only or not), every cell, row total, column total and the grand total equals
//! the value recomputed here from the entries alone, with keys built from the entries'
//! fields (not from the library's dimension code). With single-valued dimensions and an
//! additive measure, totals are also the sums of their cells.
//!
//! `PROPTEST_CASES` raises the number of cases for a long run.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // test code

mod invariants;

use chrono::{Datelike, NaiveDate};
use invariants::cases;
use lineamientos::{
    Catalog, Dim, Entry, EntryType, Matrix, Measure, Participants, PeriodUnit, PivotSpec, Stage,
    Status, roman_numeral,
};
use proptest::option;
use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap};

fn entry() -> impl Strategy<Value = Entry> {
    let count = || option::weighted(0.6, 0u32..40);
    (
        (
            prop::sample::select(vec!["MEX", "GTM", "HND", "SLV", "CRI", "PAN"]),
            prop::sample::select(vec![
                "SEPREM",
                "ONU Mujeres",
                "Instituto local",
                "Otra oficina",
            ]),
            (0i32..3300).prop_map(|d| {
                NaiveDate::from_ymd_opt(2017, 1, 1).unwrap() + chrono::Days::new(d as u64)
            }),
            prop::sample::select(EntryType::ALL.to_vec()),
            prop::sample::select(Status::ALL.to_vec()),
        ),
        (
            option::of(prop::sample::select(vec!["VCM", "EMP", "CUI", "SER"])),
            prop::sample::subsequence(vec!["VCM-1", "VCM-2", "EMP-1", "CUI-2", "SER-4"], 0..=3),
            prop::sample::subsequence(Stage::ALL.to_vec(), 0..=3),
            option::of(prop::sample::select(vec!["a1", "a2", "a3"])),
            // progress in quarters of a percent: sums of a few stay exact in f64
            option::of((0u32..=400).prop_map(|q| f64::from(q) / 4.0)),
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

fn entries() -> impl Strategy<Value = Vec<Entry>> {
    proptest::collection::vec(entry(), 0..40).prop_map(|mut v| {
        for (i, e) in v.iter_mut().enumerate() {
            e.id = format!("e{i}");
        }
        v
    })
}

/// Row dimensions (one or two), column dimensions (none or one), all distinct.
fn dims() -> impl Strategy<Value = (Vec<Dim>, Vec<Dim>)> {
    Just(Dim::ALL.to_vec())
        .prop_shuffle()
        .prop_flat_map(|all| (Just(all), 1usize..=2, 0usize..=1))
        .prop_map(|(all, r, c)| (all[..r].to_vec(), all[r..r + c].to_vec()))
}

/// Where congress cycles start (the day each dated edition opened) with their edition,
/// from the catalogue's data: a day, else the first of the month or year it is known by.
fn cycle_starts(cat: &Catalog) -> Vec<(NaiveDate, u16)> {
    let mut v: Vec<(NaiveDate, u16)> = cat
        .congresses()
        .iter()
        .filter_map(|c| {
            let day = c
                .start
                .or_else(|| NaiveDate::from_ymd_opt(c.year?, c.month.map_or(1, u32::from), 1))?;
            Some((day, c.edition))
        })
        .collect();
    v.sort();
    v
}

/// The codes of an entry in one dimension (several for a multi-valued one; `None` = not
/// given).
fn codes(e: &Entry, d: Dim, unit: PeriodUnit, starts: &[(NaiveDate, u16)]) -> Vec<Option<String>> {
    let date = e.reported_on;
    match d {
        Dim::Country => vec![Some(e.country.clone())],
        Dim::Axis => vec![e.axis.clone()],
        Dim::Guideline if e.guidelines.is_empty() => vec![None],
        Dim::Guideline => e.guidelines.iter().cloned().map(Some).collect(),
        Dim::EntryType => vec![Some(e.entry_type.code().to_owned())],
        Dim::Status => vec![Some(e.status.code().to_owned())],
        Dim::Stage if e.stages.is_empty() => vec![None],
        Dim::Stage => e.stages.iter().map(|s| Some(s.code().to_owned())).collect(),
        Dim::Institution => vec![Some(e.institution.clone())],
        Dim::Period => vec![Some(match unit {
            PeriodUnit::Month => format!("{}-{:02}", date.year(), date.month()),
            PeriodUnit::Quarter => format!("{}-Q{}", date.year(), (date.month() - 1) / 3 + 1),
            PeriodUnit::Semester => format!("{}-S{}", date.year(), (date.month() - 1) / 6 + 1),
            PeriodUnit::Year => date.year().to_string(),
        })],
        Dim::CongressCycle => vec![Some(
            starts
                .iter()
                .rev()
                .find(|(d, _)| *d <= date)
                .map_or("pre-I".to_owned(), |(_, ed)| roman_numeral(u32::from(*ed))),
        )],
    }
}

type KeyCodes = Vec<Option<String>>;

/// Every key of one side an entry falls in: the product of its codes per dimension.
fn keys(e: &Entry, dims: &[Dim], unit: PeriodUnit, starts: &[(NaiveDate, u16)]) -> Vec<KeyCodes> {
    let mut out: Vec<KeyCodes> = vec![Vec::new()];
    for d in dims {
        let cs = codes(e, *d, unit, starts);
        out = out
            .into_iter()
            .flat_map(|k| {
                cs.iter().map(move |c| {
                    let mut k = k.clone();
                    k.push(c.clone());
                    k
                })
            })
            .collect();
    }
    out.sort();
    out.dedup();
    out
}

/// The measure over a set of entries (given in matrix order), computed from the fields.
fn measure(m: Measure, es: &[(usize, &Entry)]) -> Option<f64> {
    let people = |e: &Entry| -> Option<u64> {
        let p = e.participants;
        let one = |v: Option<u32>| v.map(u64::from);
        match m {
            Measure::ParticipantsWomen => one(p.women),
            Measure::ParticipantsMen => one(p.men),
            Measure::ParticipantsGirls => one(p.girls),
            Measure::ParticipantsBoys => one(p.boys),
            Measure::ParticipantsUnspecified => one(p.unspecified),
            _ => {
                let all = [p.women, p.men, p.girls, p.boys, p.unspecified];
                all.iter().any(Option::is_some).then(|| p.total())
            }
        }
    };
    let progress: Vec<f64> = es.iter().filter_map(|(_, e)| e.progress).collect();
    match m {
        Measure::Count => Some(es.len() as f64),
        Measure::DistinctCountries => Some(
            es.iter()
                .map(|(_, e)| &e.country)
                .collect::<BTreeSet<_>>()
                .len() as f64,
        ),
        Measure::DistinctInstitutions => Some(
            es.iter()
                .map(|(_, e)| &e.institution)
                .collect::<BTreeSet<_>>()
                .len() as f64,
        ),
        Measure::MeanProgress => {
            (!progress.is_empty()).then(|| progress.iter().sum::<f64>() / progress.len() as f64)
        }
        Measure::MinProgress => progress.iter().copied().reduce(f64::min),
        Measure::MaxProgress => progress.iter().copied().reduce(f64::max),
        Measure::LastProgress => {
            // per activity (an entry without one is its own), the latest report with a
            // progress: by date, then (same date) the larger progress, whatever the order
            let mut latest: HashMap<Result<&str, usize>, (NaiveDate, f64)> = HashMap::new();
            for (i, e) in es {
                let Some(p) = e.progress else { continue };
                let act = e.activity.as_deref().ok_or(*i);
                let cand = (e.reported_on, p);
                let slot = latest.entry(act).or_insert(cand);
                if cand > *slot {
                    *slot = cand;
                }
            }
            (!latest.is_empty())
                .then(|| latest.values().map(|x| x.1).sum::<f64>() / latest.len() as f64)
        }
        _ => {
            let vals: Vec<u64> = es.iter().filter_map(|(_, e)| people(e)).collect();
            (!vals.is_empty()).then(|| vals.iter().sum::<u64>() as f64)
        }
    }
}

fn close(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(x), Some(y)) => (x - y).abs() <= 1e-9 * x.abs().max(y.abs()).max(1.0),
        _ => false,
    }
}

fn additive(m: Measure) -> bool {
    matches!(
        m,
        Measure::Count
            | Measure::Participants
            | Measure::ParticipantsWomen
            | Measure::ParticipantsMen
            | Measure::ParticipantsGirls
            | Measure::ParticipantsBoys
            | Measure::ParticipantsUnspecified
    )
}

fn sum(vals: impl Iterator<Item = Option<f64>>) -> Option<f64> {
    vals.flatten().reduce(|a, b| a + b)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(64), ..ProptestConfig::default() })]

    #[test]
    fn cells_and_totals_equal_the_entries(
        generated in entries(),
        (rows, cols) in dims(),
        m in prop::sample::select(Measure::ALL.to_vec()),
        unit in prop::sample::select(PeriodUnit::ALL.to_vec()),
        approved_only in any::<bool>(),
    ) {
        let cat = Catalog::embedded();
        let (matrix, report) = Matrix::from_entries(generated, &cat).unwrap();
        prop_assert_eq!(report.rejected, 0, "{:?}", report.diagnostics);
        let starts = cycle_starts(&cat);
        let kept: Vec<(usize, Entry)> = matrix
            .entries()
            .enumerate()
            .filter(|(_, e)| !approved_only || e.approved)
            .collect();
        let spec = PivotSpec::new().rows(rows.clone()).cols(cols.clone()).measure(m)
            .period(unit).approved_only(approved_only);
        let t = matrix.pivot(&spec).unwrap();

        // Which entries fall in each cell, row, column; recomputed from the fields.
        let mut cell: BTreeMap<(KeyCodes, KeyCodes), Vec<(usize, &Entry)>> = BTreeMap::new();
        let mut by_row: BTreeMap<KeyCodes, Vec<(usize, &Entry)>> = BTreeMap::new();
        let mut by_col: BTreeMap<KeyCodes, Vec<(usize, &Entry)>> = BTreeMap::new();
        for (i, e) in &kept {
            let rk = keys(e, &rows, unit, &starts);
            let ck = keys(e, &cols, unit, &starts);
            for r in &rk {
                for c in &ck {
                    cell.entry((r.clone(), c.clone())).or_default().push((*i, e));
                }
                by_row.entry(r.clone()).or_default().push((*i, e));
            }
            for c in &ck {
                by_col.entry(c.clone()).or_default().push((*i, e));
            }
        }
        let codes_of = |k: &[lineamientos::pivot::KeyPart]| -> KeyCodes {
            k.iter().map(|p| p.code.clone()).collect()
        };
        let row_keys: Vec<KeyCodes> = t.rows.iter().map(|k| codes_of(k)).collect();
        let col_keys: Vec<KeyCodes> = t.cols.iter().map(|k| codes_of(k)).collect();
        // The same rows and columns, each once.
        prop_assert_eq!(row_keys.iter().cloned().collect::<BTreeSet<_>>(), by_row.keys().cloned().collect::<BTreeSet<_>>());
        prop_assert_eq!(row_keys.len(), by_row.len());
        if kept.is_empty() {
            prop_assert!(t.cells.is_empty());
        } else {
            prop_assert_eq!(col_keys.iter().cloned().collect::<BTreeSet<_>>(), by_col.keys().cloned().collect::<BTreeSet<_>>());
            prop_assert_eq!(col_keys.len(), by_col.len());
        }
        // Every non-empty cell, and only those, with its entries and value.
        prop_assert_eq!(t.cells.len(), cell.len());
        for c in &t.cells {
            let key = (row_keys[c.row].clone(), col_keys[c.col].clone());
            let es = cell.get(&key).expect("a cell the entries do not make");
            prop_assert_eq!(c.entries, es.len() as u64);
            prop_assert!(!c.suppressed);
            prop_assert!(close(c.value, measure(m, es)), "cell {:?}: {:?} vs {:?}", key, c.value, measure(m, es));
        }
        for (i, k) in row_keys.iter().enumerate() {
            let es = &by_row[k];
            prop_assert_eq!(t.row_totals[i].entries, es.len() as u64);
            prop_assert!(close(t.row_totals[i].value, measure(m, es)), "row {:?}", k);
        }
        for (j, k) in col_keys.iter().enumerate() {
            if let Some(es) = by_col.get(k) {
                prop_assert_eq!(t.col_totals[j].entries, es.len() as u64);
                prop_assert!(close(t.col_totals[j].value, measure(m, es)), "col {:?}", k);
            }
        }
        let all: Vec<(usize, &Entry)> = kept.iter().map(|(i, e)| (*i, e)).collect();
        prop_assert_eq!(t.grand_total.entries, all.len() as u64);
        if !all.is_empty() {
            prop_assert!(close(t.grand_total.value, measure(m, &all)), "grand total");
        }

        // Single-valued dimensions and an additive measure: totals add up the cells.
        let multi = rows.iter().chain(&cols).any(|d| d.multi_valued());
        if additive(m) && !multi {
            for (i, total) in t.row_totals.iter().enumerate() {
                let cells = t.cells.iter().filter(|c| c.row == i).map(|c| c.value);
                prop_assert!(close(total.value, sum(cells)), "row {}", i);
            }
            for (j, total) in t.col_totals.iter().enumerate() {
                let cells = t.cells.iter().filter(|c| c.col == j).map(|c| c.value);
                prop_assert!(close(total.value, sum(cells)), "col {}", j);
            }
            if !all.is_empty() {
                prop_assert!(close(t.grand_total.value, sum(t.row_totals.iter().map(|x| x.value))));
                prop_assert!(close(t.grand_total.value, sum(t.col_totals.iter().map(|x| x.value))));
            }
        }
    }
}
