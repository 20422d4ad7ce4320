//! Coverage of the member states by active focal points: each member state should have one,
//! and one in each of the sectors the practice keeps in contact ([`Sector::COVERED`]: the
//! women's mechanism and the migration authority).

use super::{FocalDirectory, FocalPoint};
use crate::catalog::Catalog;
use crate::codes::Sector;
use crate::diagnostic::Diagnostic;
use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A member state, or a member state's sector, without an active focal point.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct CoverageGap {
    /// The member state (ISO alpha-3).
    pub country: String,
    /// The sector without a focal point; `None`: the country has none at all.
    pub sector: Option<Sector>,
}

impl CoverageGap {
    /// The finding: `country_without_focal_point` or `sector_without_focal_point`.
    pub fn finding(&self) -> Diagnostic {
        match self.sector {
            None => Diagnostic::new("country_without_focal_point", "")
                .with_value(self.country.clone())
                .with_param("country", self.country.clone()),
            Some(sector) => Diagnostic::new("sector_without_focal_point", "")
                .with_value(self.country.clone())
                .with_param("country", self.country.clone())
                .with_param("sector", sector.code()),
        }
    }
}

impl FocalDirectory {
    /// The sector of a record: its institution's in the catalogue, else the one the record
    /// gives (for institutions the catalogue does not know).
    pub fn sector_of(&self, point: &FocalPoint, catalog: &Catalog) -> Option<Sector> {
        catalog
            .institution(&point.institution)
            .filter(|i| i.country == point.country)
            .map(|i| i.sector)
            .or(point.sector)
    }

    /// The member states of the catalogue (in its order) without an active focal point on
    /// `as_of`, and for the others each sector of [`Sector::COVERED`] without one. A
    /// country without any focal point is one gap, not three.
    ///
    /// ```
    /// use lineamientos::{Catalog, FocalDirectory, Sector};
    /// let cat = Catalog::embedded();
    /// let (dir, _) = FocalDirectory::from_json(
    ///     r#"[{"country": "GT", "institution": "SEPREM", "role": "enlace", "name": "N"}]"#, &cat)?;
    /// let gaps = dir.coverage_gaps(&cat, "2024-06-01".parse().unwrap());
    /// let gtm: Vec<_> = gaps.iter().filter(|g| g.country == "GTM").map(|g| g.sector).collect();
    /// assert_eq!(gtm, [Some(Sector::Migration)]);
    /// assert!(gaps.iter().any(|g| g.country == "MEX" && g.sector.is_none()));
    /// # Ok::<(), lineamientos::Error>(())
    /// ```
    pub fn coverage_gaps(&self, catalog: &Catalog, as_of: NaiveDate) -> Vec<CoverageGap> {
        let mut gaps = Vec::new();
        for member in catalog.members() {
            let active: Vec<&FocalPoint> = self
                .points()
                .iter()
                .filter(|p| p.country == member.iso3 && p.is_active(as_of))
                .collect();
            if active.is_empty() {
                gaps.push(CoverageGap {
                    country: member.iso3.clone(),
                    sector: None,
                });
                continue;
            }
            for sector in Sector::COVERED {
                if !active
                    .iter()
                    .any(|p| self.sector_of(p, catalog) == Some(sector))
                {
                    gaps.push(CoverageGap {
                        country: member.iso3.clone(),
                        sector: Some(sector),
                    });
                }
            }
        }
        gaps
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn point(
        country: &str,
        institution: &str,
        sector: Option<Sector>,
        until: Option<&str>,
    ) -> FocalPoint {
        FocalPoint {
            country: country.into(),
            institution: institution.into(),
            sector,
            role: "enlace".into(),
            name: "Nombre Ficticio".into(),
            email: None,
            since: None,
            until: until.map(d),
            last_confirmed: None,
        }
    }

    fn gaps_of(points: Vec<FocalPoint>) -> Vec<(String, Option<&'static str>)> {
        let cat = Catalog::embedded();
        let (dir, _) = FocalDirectory::new(points, &cat);
        dir.coverage_gaps(&cat, d("2024-06-01"))
            .into_iter()
            .map(|g| (g.country, g.sector.map(Sector::code)))
            .collect()
    }

    #[test]
    fn every_member_state_and_its_two_sectors() {
        let gaps = gaps_of(vec![
            // Guatemala: both sectors, by acronym and by name.
            point("GT", "SEPREM", None, None),
            point(
                "Guatemala",
                "Instituto Guatemalteco de Migración",
                None,
                None,
            ),
            // Mexico: women only; its migration contact left.
            point("MX", "Inmujeres", None, None),
            point("MX", "INM", None, Some("2024-01-31")),
            // Honduras: an institution the catalogue does not know, with its sector given,
            // and an organisation (no sector).
            point(
                "HN",
                "Dirección de Migración (ficticia)",
                Some(Sector::Migration),
                None,
            ),
            point("HN", "ONU Mujeres", None, None),
            // Costa Rica: the catalogue's sector wins over a wrong one given.
            point("CR", "INAMU", Some(Sector::Migration), None),
        ]);
        let mine: Vec<(&str, Option<&str>)> = gaps
            .iter()
            .filter(|(c, _)| ["GTM", "MEX", "HND", "CRI", "PAN"].contains(&c.as_str()))
            .map(|(c, s)| (c.as_str(), *s))
            .collect();
        assert_eq!(
            mine,
            [
                ("CRI", Some("migration")),
                ("HND", Some("women")),
                ("MEX", Some("migration")),
                ("PAN", None)
            ]
        );
        // The 11 members: 4 with a contact, 7 without any.
        assert_eq!(gaps.iter().filter(|(_, s)| s.is_none()).count(), 7);
    }

    #[test]
    fn an_empty_directory_misses_every_member_state() {
        let gaps = gaps_of(Vec::new());
        assert_eq!(gaps.len(), 11);
        assert_eq!(gaps[0], ("BLZ".to_string(), None));
        let g = CoverageGap {
            country: "MEX".into(),
            sector: Some(Sector::Migration),
        };
        let f = g.finding();
        assert_eq!(
            (f.code.as_str(), f.severity, f.value.as_deref()),
            (
                "sector_without_focal_point",
                crate::Severity::Warning,
                Some("MEX")
            )
        );
        assert_eq!(
            f.message(Lang::Es),
            "MEX no tiene ningún punto focal activo en el sector «Autoridad migratoria»."
        );
        assert_eq!(
            f.message(Lang::En),
            "MEX has no active focal point in the sector \"Migration authority\"."
        );
        let none = CoverageGap {
            country: "PAN".into(),
            sector: None,
        }
        .finding();
        assert_eq!(none.code, "country_without_focal_point");
        assert_eq!(none.message(Lang::En), "PAN has no active focal point.");
    }
}
