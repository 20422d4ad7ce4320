//! Analyses on top of the matrix: implementation [`coverage`](crate::Matrix::coverage),
//! [`gaps`](crate::Matrix::gaps), [`replication candidates`](crate::Matrix::replication_candidates)
//! and a [`time series`](crate::Matrix::time_series) per axis. Every result is serialisable.

mod coverage;
mod gaps;
mod replication;
mod series;

pub use coverage::{CountryCoverage, Coverage};
pub use gaps::{Gaps, SilentCountry};
pub use replication::ReplicationCandidate;
pub use series::{AxisSeries, TimeSeries};

use crate::catalog::Catalog;
use crate::matrix::store::Store;
use std::collections::BTreeSet;

/// The items in force of the matrix's guideline set, in catalogue order.
pub(crate) fn active_items(cat: &Catalog, version: &str) -> Vec<String> {
    cat.guideline_set(version)
        .map(|s| {
            s.guidelines
                .iter()
                .filter(|g| g.retired.is_none())
                .map(|g| g.code.clone())
                .collect()
        })
        .unwrap_or_default()
}

/// Member states of the catalogue plus every country that reported, sorted by code.
pub(crate) fn countries(cat: &Catalog, s: &Store) -> Vec<String> {
    let mut set: BTreeSet<String> = cat.members().map(|c| c.iso3.clone()).collect();
    for i in 0..s.countries.len() {
        set.insert(
            s.countries
                .name(u32::try_from(i).unwrap_or(u32::MAX))
                .to_owned(),
        );
    }
    set.into_iter().collect()
}
