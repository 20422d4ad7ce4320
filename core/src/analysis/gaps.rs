//! Gaps: items nobody reports on, countries silent since a date.

use super::{active_items, countries};
use crate::matrix::Matrix;
use crate::matrix::store::{day_number, from_day_number};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, HashMap};

/// A country without any report on or after the date given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SilentCountry {
    /// ISO alpha-3.
    pub country: String,
    /// Its latest report date, if it ever reported.
    pub last_report: Option<NaiveDate>,
}

/// What is missing from the matrix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Gaps {
    /// Items in force with no entry at all (any country, any status), in catalogue order.
    pub items_without_reports: Vec<String>,
    /// The date given by the caller.
    pub silent_since: NaiveDate,
    /// Member states (and reporting countries) with no report on or after `silent_since`.
    pub silent_countries: Vec<SilentCountry>,
}

impl Matrix {
    /// Items with nothing reported, and countries silent since `since` (the caller chooses
    /// the date: the core never reads the clock).
    ///
    /// ```
    /// use lineamientos::{Catalog, ImportOptions, Matrix};
    /// let csv = "País,Institución,Fecha,Tipo,Título,Estado,Lineamientos\n\
    ///            MX,A,2024-01-02,Avance,t,En curso,VCM-1\n";
    /// let (m, _) = Matrix::read_csv(csv.as_bytes(), &Catalog::embedded(), &ImportOptions::default()).unwrap();
    /// let g = m.gaps("2024-01-01".parse().unwrap());
    /// assert!(!g.items_without_reports.contains(&"VCM-1".to_string()));
    /// assert!(g.items_without_reports.contains(&"VCM-2".to_string()));
    /// assert!(g.silent_countries.iter().any(|c| c.country == "GTM" && c.last_report.is_none()));
    /// assert!(!g.silent_countries.iter().any(|c| c.country == "MEX"));
    /// ```
    pub fn gaps(&self, since: NaiveDate) -> Gaps {
        let s = &self.store;
        let mut cited: BTreeSet<u16> = BTreeSet::new();
        let mut last: HashMap<u16, i32> = HashMap::new();
        for i in 0..s.len() {
            cited.extend(s.guidelines_of(i).iter().copied());
            let c = s.country.get(i).copied().unwrap_or(0);
            let d = s.reported_on.get(i).copied().unwrap_or(i32::MIN);
            let e = last.entry(c).or_insert(d);
            *e = (*e).max(d);
        }
        let cited: BTreeSet<&str> = cited
            .iter()
            .map(|g| s.guideline_codes.name(u32::from(*g)))
            .collect();
        let items_without_reports = active_items(&self.catalog, self.guideline_version())
            .into_iter()
            .filter(|it| !cited.contains(it.as_str()))
            .collect();
        let since_day = day_number(since);
        let silent_countries = countries(&self.catalog, s)
            .into_iter()
            .filter_map(|country| {
                let last_day = s
                    .countries
                    .get(&country)
                    .and_then(|i| u16::try_from(i).ok())
                    .and_then(|id| last.get(&id).copied());
                match last_day {
                    Some(d) if d >= since_day => None,
                    other => Some(SilentCountry {
                        country,
                        last_report: other.and_then(from_day_number),
                    }),
                }
            })
            .collect();
        Gaps {
            items_without_reports,
            silent_since: since,
            silent_countries,
        }
    }
}
