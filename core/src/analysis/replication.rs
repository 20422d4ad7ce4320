//! Replication candidates: a good practice or success case in one country on an item where
//! other countries report nothing.

use super::countries;
use crate::codes::EntryType;
use crate::matrix::Matrix;
use crate::matrix::store::entry_type_id;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// One practice that others could replicate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReplicationCandidate {
    /// The guideline item.
    pub guideline: String,
    /// The country that reported the practice.
    pub country: String,
    /// The entry id.
    pub entry_id: String,
    /// `good_practice` or `success_case`.
    pub entry_type: EntryType,
    /// The entry's title.
    pub title: String,
    /// Whether the reporting country considers it replicable.
    pub replicable: Option<bool>,
    /// Countries (members and reporting countries) with no entry at all on the item.
    pub target_countries: Vec<String>,
}

impl Matrix {
    /// Good practices and success cases on items where other countries report nothing, in
    /// entry order. Entries marked not replicable (`replicable = false`) are left out.
    ///
    /// ```
    /// use lineamientos::{Catalog, ImportOptions, Matrix};
    /// let csv = "País,Institución,Fecha,Tipo,Título,Estado,Lineamientos\n\
    ///            MX,A,2024-01-02,Buena práctica,Ruta,Completada,VCM-1\n\
    ///            GT,B,2024-01-02,Avance,t,En curso,VCM-2\n";
    /// let (m, _) = Matrix::read_csv(csv.as_bytes(), &Catalog::embedded(), &ImportOptions::default()).unwrap();
    /// let c = m.replication_candidates();
    /// assert_eq!(c.len(), 1);
    /// assert_eq!((c[0].country.as_str(), c[0].guideline.as_str()), ("MEX", "VCM-1"));
    /// assert!(c[0].target_countries.contains(&"GTM".to_string()));
    /// ```
    pub fn replication_candidates(&self) -> Vec<ReplicationCandidate> {
        let s = &self.store;
        let mut reporters: BTreeMap<u16, BTreeSet<u16>> = BTreeMap::new();
        for i in 0..s.len() {
            let c = s.country.get(i).copied().unwrap_or(0);
            for g in s.guidelines_of(i) {
                reporters.entry(*g).or_default().insert(c);
            }
        }
        let all = countries(&self.catalog, s);
        let (gp, sc) = (
            entry_type_id(EntryType::GoodPractice),
            entry_type_id(EntryType::SuccessCase),
        );
        let mut out = Vec::new();
        for i in 0..s.len() {
            let t = s.entry_type.get(i).copied().unwrap_or(0);
            if (t != gp && t != sc) || s.replicable.get(i) == Some(&0) {
                continue;
            }
            let Some(entry) = s.entry(i) else { continue };
            for g in s.guidelines_of(i) {
                let who: BTreeSet<&str> = reporters
                    .get(g)
                    .map(|set| {
                        set.iter()
                            .map(|c| s.countries.name(u32::from(*c)))
                            .collect()
                    })
                    .unwrap_or_default();
                let targets: Vec<String> = all
                    .iter()
                    .filter(|c| !who.contains(c.as_str()))
                    .cloned()
                    .collect();
                if targets.is_empty() {
                    continue;
                }
                out.push(ReplicationCandidate {
                    guideline: s.guideline_codes.name(u32::from(*g)).to_owned(),
                    country: entry.country.clone(),
                    entry_id: entry.id.clone(),
                    entry_type: entry.entry_type,
                    title: entry.title.clone(),
                    replicable: entry.replicable,
                    target_countries: targets,
                });
            }
        }
        out
    }
}
