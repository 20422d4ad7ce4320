//! Implementation coverage: which guideline items each country implements.

use super::{active_items, countries};
use crate::codes::Status;
use crate::matrix::Matrix;
use crate::matrix::store::status_id;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// Coverage of one country.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CountryCoverage {
    /// ISO alpha-3.
    pub country: String,
    /// Items with at least one ongoing or completed entry of the country, in catalogue order.
    pub covered: Vec<String>,
    /// `covered.len() / items.len()` (0 when the set has no item).
    pub ratio: f64,
}

/// Country x guideline-item coverage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Coverage {
    /// The guideline-set version.
    pub guideline_version: String,
    /// The items in force of that version (the columns).
    pub items: Vec<String>,
    /// One line per country: the catalogue's member states and every reporting country.
    pub countries: Vec<CountryCoverage>,
}

impl Coverage {
    /// Whether `country` covers `item`.
    pub fn covers(&self, country: &str, item: &str) -> bool {
        self.countries
            .iter()
            .any(|c| c.country == country && c.covered.iter().any(|i| i == item))
    }
}

impl Matrix {
    /// Implementation coverage: for each country, the guideline items (in force) with an
    /// ongoing or completed entry, and the ratio to all items.
    ///
    /// ```
    /// use lineamientos::{Catalog, ImportOptions, Matrix};
    /// let csv = "País,Institución,Fecha,Tipo,Título,Estado,Lineamientos\n\
    ///            MX,A,2024-01-02,Avance,t,En curso,VCM-1\n\
    ///            MX,A,2024-01-02,Avance,t,Planificada,VCM-2\n";
    /// let (m, _) = Matrix::read_csv(csv.as_bytes(), &Catalog::embedded(), &ImportOptions::default()).unwrap();
    /// let c = m.coverage();
    /// assert!(c.covers("MEX", "VCM-1"));
    /// assert!(!c.covers("MEX", "VCM-2")); // planned only
    /// ```
    pub fn coverage(&self) -> Coverage {
        let s = &self.store;
        let items = active_items(&self.catalog, self.guideline_version());
        let ongoing = status_id(Status::Ongoing);
        let completed = status_id(Status::Completed);
        let mut done: BTreeSet<(String, String)> = BTreeSet::new();
        for i in 0..s.len() {
            let st = s.status.get(i).copied().unwrap_or(0);
            if st != ongoing && st != completed {
                continue;
            }
            let country = s
                .countries
                .name(u32::from(s.country.get(i).copied().unwrap_or(0)));
            for g in s.guidelines_of(i) {
                done.insert((
                    country.to_owned(),
                    s.guideline_codes.name(u32::from(*g)).to_owned(),
                ));
            }
        }
        let countries = countries(&self.catalog, s)
            .into_iter()
            .map(|country| {
                let covered: Vec<String> = items
                    .iter()
                    .filter(|it| done.contains(&(country.clone(), (*it).clone())))
                    .cloned()
                    .collect();
                #[allow(clippy::cast_precision_loss)]
                let ratio = if items.is_empty() {
                    0.0
                } else {
                    covered.len() as f64 / items.len() as f64
                };
                CountryCoverage {
                    country,
                    covered,
                    ratio,
                }
            })
            .collect();
        Coverage {
            guideline_version: self.guideline_version().to_owned(),
            items,
            countries,
        }
    }
}
