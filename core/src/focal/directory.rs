//! The directory of focal points and its follow-up reports.

use super::FocalPoint;
use crate::catalog::Catalog;
use crate::diagnostic::{Diagnostic, Report};
use crate::i18n::Lang;
use crate::rules::Rule;
use crate::{Error, Result};
use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Whether an export may contain names and emails.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Privacy {
    /// Leave names and emails out (the default).
    #[default]
    Redacted,
    /// The caller asks explicitly for personal data.
    IncludePersonalData,
}

impl Privacy {
    /// The export options a [`Privacy`] is read from.
    pub const OPTIONS: &'static [&'static str] = &["include_personal_data"];
}

/// Read from the export options `{"include_personal_data": true}`: only an explicit `true`
/// includes names and emails; anything but a boolean (or `null`) is `invalid_value`, so a
/// `"yes"` never passes as "no" silently.
impl crate::args::FromArg for Privacy {
    fn expected() -> String {
        "export options (an object with include_personal_data: true or false)".into()
    }

    fn from_arg(value: &serde_json::Value, at: &crate::args::ArgPath) -> Result<Self> {
        let o = crate::args::Options::new(value, at, Self::OPTIONS)?;
        Ok(match o.get::<bool>("include_personal_data")? {
            Some(true) => Privacy::IncludePersonalData,
            _ => Privacy::Redacted,
        })
    }
}

/// A (country, institution) pair.
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
pub struct InstitutionRef {
    /// Country (ISO alpha-3).
    pub country: String,
    /// Institution as written in the directory.
    pub institution: String,
}

/// A contact whose confirmation is overdue. Carries no personal data: `index` points at the
/// record in the directory for callers allowed to see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ContactDue {
    /// Index of the record in the directory.
    pub index: usize,
    /// Country (ISO alpha-3).
    pub country: String,
    /// Institution.
    pub institution: String,
    /// Role.
    pub role: String,
    /// Last confirmation (`None`: never confirmed).
    pub last_confirmed: Option<NaiveDate>,
    /// Days since the last confirmation (`None`: never confirmed).
    pub days_since: Option<i64>,
}

/// The directory of focal points.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct FocalDirectory {
    points: Vec<FocalPoint>,
}

impl FocalDirectory {
    /// Maximum size of a directory document accepted by [`FocalDirectory::from_json`] (16 MiB).
    pub const MAX_JSON_BYTES: usize = 16 * 1024 * 1024;

    /// Builds a directory, resolving countries through the catalogue (`"Honduras"` gives
    /// `HND`) and institutions through its national institutions (`"SEPREM"` and
    /// `"Secretaría Presidencial de la Mujer"` both give `GTM-SEPREM`; `"ONU Mujeres"` gives
    /// the organisation `UN-WOMEN`). Every record is kept; problems are reported
    /// (`unknown_code`, `missing_field`, `end_before_start`, and the warning
    /// `unknown_institution` for an institution the catalogue does not know, kept as written)
    /// with the record's path, never with its name or email.
    pub fn new(points: Vec<FocalPoint>, catalog: &Catalog) -> (FocalDirectory, Report) {
        let mut report = Report::new(catalog.pins());
        let mut points = points;
        for (i, p) in points.iter_mut().enumerate() {
            match catalog.parse_country(&p.country) {
                Ok(c) => {
                    p.country = c.iso3.clone();
                    if !p.institution.trim().is_empty() {
                        let found = catalog.resolve_institution(&p.institution, Some(&c.iso3));
                        match &found.code {
                            Some(code) => p.institution = code.clone(),
                            None => {
                                report.extend(found.finding(format!("/{i}/institution"), &c.iso3))
                            }
                        }
                    }
                }
                Err(Error::UnknownCode { suggestion, .. }) => report.push(
                    Rule::UnknownCode
                        .finding(format!("/{i}/country"))
                        .with_value(p.country.clone())
                        .with_param("kind", "country")
                        .with_suggestion(suggestion),
                ),
                Err(_) => {}
            }
            for (field, value) in [
                ("institution", &p.institution),
                ("role", &p.role),
                ("name", &p.name),
            ] {
                if value.trim().is_empty() {
                    report.push(
                        Rule::MissingField
                            .finding(format!("/{i}/{field}"))
                            .with_param("field", field),
                    );
                }
            }
            if let (Some(since), Some(until)) = (p.since, p.until) {
                if until < since {
                    report.push(
                        Rule::EndBeforeStart
                            .finding(format!("/{i}/until"))
                            .with_value(until.to_string())
                            .with_param("start", since.to_string())
                            .with_param("end", until.to_string()),
                    );
                }
            }
        }
        // What was written in a wrong field may be a name or an email: never quoted.
        super::scrub(&mut report.diagnostics, &super::personal_of(&points));
        (FocalDirectory { points }, report)
    }

    /// The records, to update in place (the cycle review confirms them from attendance).
    pub(crate) fn points_mut(&mut self) -> &mut [FocalPoint] {
        &mut self.points
    }

    /// Parses a JSON array of focal points and builds the directory (see [`Self::new`]).
    pub fn from_json(text: &str, catalog: &Catalog) -> Result<(FocalDirectory, Report)> {
        crate::catalog::check_size(text.len(), Self::MAX_JSON_BYTES, "focal point JSON bytes")?;
        Ok(Self::new(Self::parse(text)?, catalog))
    }

    /// [`Self::from_json`] from a JSON-shaped value (a Python `list` of `dict`s, a JS array).
    pub fn from_value(
        value: serde_json::Value,
        catalog: &Catalog,
    ) -> Result<(FocalDirectory, Report)> {
        let points: Vec<FocalPoint> =
            crate::document::from_value(value).map_err(super::redact::error)?;
        Ok(Self::new(points, catalog))
    }

    /// The records of a JSON array, the parser's error without the values it would quote
    /// (`invalid_json` keeps its path, line and column: `"<redacted>" is not a date ...`).
    fn parse(text: &str) -> Result<Vec<FocalPoint>> {
        crate::document::from_text(text).map_err(super::redact::error)
    }

    /// The records.
    pub fn points(&self) -> &[FocalPoint] {
        &self.points
    }

    /// Institutions of the directory that have no focal point active on `as_of`, sorted.
    pub fn institutions_without_active(&self, as_of: NaiveDate) -> Vec<InstitutionRef> {
        let mut active: BTreeMap<InstitutionRef, bool> = BTreeMap::new();
        for p in &self.points {
            let key = InstitutionRef {
                country: p.country.clone(),
                institution: p.institution.trim().to_owned(),
            };
            *active.entry(key).or_insert(false) |= p.is_active(as_of);
        }
        active
            .into_iter()
            .filter(|(_, a)| !a)
            .map(|(k, _)| k)
            .collect()
    }

    /// How often a contact must be confirmed, in days, when the caller names no interval
    /// (the bindings' `unconfirmed` / `follow_up` without `interval_days`).
    pub const DEFAULT_CONFIRM_INTERVAL_DAYS: u32 = 365;

    /// Active contacts not confirmed within `interval_days` before `as_of` (or never).
    pub fn unconfirmed(&self, as_of: NaiveDate, interval_days: u32) -> Vec<ContactDue> {
        self.points
            .iter()
            .enumerate()
            .filter(|(_, p)| p.is_active(as_of))
            .filter_map(|(index, p)| {
                let days_since = p.last_confirmed.map(|d| (as_of - d).num_days());
                let due = days_since.is_none_or(|d| d > i64::from(interval_days));
                due.then(|| ContactDue {
                    index,
                    country: p.country.clone(),
                    institution: p.institution.clone(),
                    role: p.role.clone(),
                    last_confirmed: p.last_confirmed,
                    days_since,
                })
            })
            .collect()
    }

    /// The follow-up as a report (warnings; no personal data): `no_active_focal_point` per
    /// institution, `contact_unconfirmed` per overdue record, then the coverage of the
    /// member states ([`FocalDirectory::coverage_gaps`]): `country_without_focal_point` for a
    /// member state with no active focal point, `sector_without_focal_point` for a member
    /// state without one in its women's mechanism or its migration authority.
    pub fn follow_up(&self, catalog: &Catalog, as_of: NaiveDate, interval_days: u32) -> Report {
        let mut report = Report::new(catalog.pins());
        for inst in self.institutions_without_active(as_of) {
            report.push(
                Diagnostic::new("no_active_focal_point", "")
                    .with_value(inst.institution.clone())
                    .with_param("country", inst.country)
                    .with_param("institution", inst.institution),
            );
        }
        for due in self.unconfirmed(as_of, interval_days) {
            let mut d = Diagnostic::new(
                "contact_unconfirmed",
                format!("/{}/last_confirmed", due.index),
            )
            .with_param("country", due.country)
            .with_param("institution", due.institution)
            .with_param("interval_days", interval_days.to_string());
            d = match due.last_confirmed {
                Some(date) => d
                    .with_value(date.to_string())
                    .with_param("last_confirmed", date.to_string()),
                None => d.with_param("last_confirmed", "-"),
            };
            report.push(d);
        }
        for gap in self.coverage_gaps(catalog, as_of) {
            report.push(gap.finding());
        }
        // Institutions are kept as written: one written as a person's name is not quoted.
        super::scrub(&mut report.diagnostics, &super::personal_of(&self.points));
        report
    }

    /// Writes the directory as CSV with headers in `lang`. Names and emails are written only
    /// with [`Privacy::IncludePersonalData`]. Text cells are neutralised against formulas
    /// like every spreadsheet export (a `'` before `=`, `+`, `-`, `@`: see `docs/privacy.md`).
    pub fn write_csv<W: std::io::Write>(
        &self,
        writer: W,
        lang: Lang,
        privacy: Privacy,
    ) -> Result<()> {
        use crate::matrix::Out;
        let personal = privacy == Privacy::IncludePersonalData;
        let mut header: Vec<&str> = match lang {
            Lang::Es => vec![
                "país",
                "institución",
                "cargo",
                "desde",
                "hasta",
                "última confirmación",
            ],
            Lang::En => vec![
                "country",
                "institution",
                "role",
                "since",
                "until",
                "last confirmed",
            ],
        };
        if personal {
            header.extend(match lang {
                Lang::Es => ["nombre", "correo"],
                Lang::En => ["name", "email"],
            });
        }
        let text = |s: &str| Out::Str(s.to_owned());
        let date = |d: Option<NaiveDate>| d.map_or(Out::Empty, |d| Out::Str(d.to_string()));
        // Without personal data, a name or an email typed into another field is left out too.
        let found = if personal {
            Vec::new()
        } else {
            super::personal_of(&self.points)
        };
        let public = |s: &str| {
            if personal {
                text(s)
            } else {
                text(super::redact_text(s, &found))
            }
        };
        let rows = self.points.iter().map(|p| {
            let mut row = vec![
                public(&p.country),
                public(&p.institution),
                public(&p.role),
                date(p.since),
                date(p.until),
                date(p.last_confirmed),
            ];
            if personal {
                row.push(text(&p.name));
                row.push(p.email.as_deref().map_or(Out::Empty, text));
            }
            row
        });
        crate::matrix::write_csv_rows(
            writer,
            std::iter::once(header.into_iter().map(text).collect()).chain(rows),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn point(
        country: &str,
        institution: &str,
        name: &str,
        since: Option<&str>,
        until: Option<&str>,
        confirmed: Option<&str>,
    ) -> FocalPoint {
        FocalPoint {
            country: country.into(),
            institution: institution.into(),
            sector: None,
            role: "enlace técnico".into(),
            name: name.into(),
            email: Some(format!(
                "{}@example.org",
                name.to_lowercase().replace(' ', ".")
            )),
            since: since.map(d),
            until: until.map(d),
            last_confirmed: confirmed.map(d),
        }
    }

    fn directory() -> (FocalDirectory, Report) {
        let cat = Catalog::embedded();
        FocalDirectory::new(
            vec![
                point(
                    "Honduras",
                    "SEMUJER",
                    "Ana Pérez",
                    Some("2021-01-01"),
                    None,
                    Some("2024-05-01"),
                ),
                point(
                    "GT",
                    "SEPREM",
                    "Berta Ruiz",
                    Some("2020-01-01"),
                    Some("2023-12-31"),
                    Some("2023-06-01"),
                ),
                point(
                    "México",
                    "INMUJERES",
                    "Carla Díaz",
                    Some("2022-03-01"),
                    None,
                    Some("2022-03-01"),
                ),
                point("México", "INMUJERES", "Dora Gil", None, None, None),
                point("Atlantida", "X", "Eva Sol", None, Some("2020-01-01"), None),
            ],
            &cat,
        )
    }

    #[test]
    fn builds_resolving_countries_and_reports_problems_without_names() {
        let (dir, report) = directory();
        let countries: Vec<&str> = dir.points().iter().map(|p| p.country.as_str()).collect();
        assert_eq!(countries, ["HND", "GTM", "MEX", "MEX", "Atlantida"]);
        let found: Vec<(&str, &str)> = report
            .diagnostics
            .iter()
            .map(|d| (d.code.as_str(), d.path.as_str()))
            .collect();
        assert_eq!(found, [("unknown_code", "/4/country")]);
        let text = serde_json::to_string(&report.localized(Lang::Es)).unwrap();
        assert!(!text.contains("Eva") && !text.contains("example.org"));
    }

    #[test]
    fn institutions_without_active_focal_point() {
        let (dir, _) = directory();
        let missing = dir.institutions_without_active(d("2024-06-01"));
        let keys: Vec<(&str, &str)> = missing
            .iter()
            .map(|i| (i.country.as_str(), i.institution.as_str()))
            .collect();
        // Institutions are recorded by their catalogue code.
        assert_eq!(keys, [("Atlantida", "X"), ("GTM", "GTM-SEPREM")]);
        // On 2023-06-01 Berta was still in her role.
        assert!(
            !dir.institutions_without_active(d("2023-06-01"))
                .iter()
                .any(|i| i.institution == "GTM-SEPREM")
        );
    }

    #[test]
    fn spellings_of_one_institution_are_one_institution() {
        let cat = Catalog::embedded();
        let (dir, report) = FocalDirectory::new(
            vec![
                point("GT", "SEPREM", "A", None, Some("2023-12-31"), None),
                point(
                    "Guatemala",
                    "Secretaría Presidencial de la Mujer",
                    "B",
                    None,
                    None,
                    None,
                ),
                point(
                    "GTM",
                    "Secretaria de la Mujer Ficticia",
                    "C",
                    None,
                    None,
                    None,
                ),
            ],
            &cat,
        );
        let institutions: Vec<&str> = dir
            .points()
            .iter()
            .map(|p| p.institution.as_str())
            .collect();
        assert_eq!(
            institutions,
            [
                "GTM-SEPREM",
                "GTM-SEPREM",
                "Secretaria de la Mujer Ficticia"
            ]
        );
        // One institution, active through the second record.
        let missing = dir.institutions_without_active(d("2024-06-01"));
        assert_eq!(missing.len(), 0);
        let found: Vec<(&str, &str, Option<&str>)> = report
            .diagnostics
            .iter()
            .map(|d| {
                (
                    d.code.as_str(),
                    d.path.as_str(),
                    d.params.get("country").map(String::as_str),
                )
            })
            .collect();
        assert_eq!(
            found,
            [("unknown_institution", "/2/institution", Some("GTM"))]
        );
        assert_eq!(report.diagnostics[0].severity, crate::Severity::Warning);
        assert_eq!(
            report.diagnostics[0].message(Lang::En),
            "Institution \"Secretaria de la Mujer Ficticia\" (GTM) is not in the catalogue of national institutions: it is kept as written."
        );
    }

    #[test]
    fn unconfirmed_contacts_and_follow_up_report() {
        let (dir, _) = directory();
        let due = dir.unconfirmed(d("2024-06-01"), 365);
        let idx: Vec<(usize, Option<i64>)> = due.iter().map(|c| (c.index, c.days_since)).collect();
        assert_eq!(idx, [(2, Some(823)), (3, None)]);
        let report = dir.follow_up(&Catalog::embedded(), d("2024-06-01"), 365);
        let codes: Vec<(&str, &str)> = report
            .diagnostics
            .iter()
            .map(|d| (d.code.as_str(), d.path.as_str()))
            .collect();
        assert_eq!(
            codes[..4],
            [
                ("no_active_focal_point", ""),
                ("no_active_focal_point", ""),
                ("contact_unconfirmed", "/2/last_confirmed"),
                ("contact_unconfirmed", "/3/last_confirmed")
            ]
        );
        // Then the coverage of the 11 member states, in the catalogue's order: Honduras and
        // Mexico have a women's focal point only; Guatemala's left; the others have none.
        let coverage: Vec<(&str, Option<&str>)> = report.diagnostics[4..]
            .iter()
            .map(|d| {
                let sector = (d.code == "sector_without_focal_point")
                    .then(|| d.params.get("sector").map(String::as_str))
                    .flatten();
                (d.params.get("country").map_or("", String::as_str), sector)
            })
            .collect();
        assert_eq!(
            coverage,
            [
                ("BLZ", None),
                ("CAN", None),
                ("CRI", None),
                ("SLV", None),
                ("USA", None),
                ("GTM", None),
                ("HND", Some("migration")),
                ("MEX", Some("migration")),
                ("NIC", None),
                ("PAN", None),
                ("DOM", None)
            ]
        );
        assert!(
            report.diagnostics[4..]
                .iter()
                .all(|d| d.code == "country_without_focal_point"
                    || d.code == "sector_without_focal_point")
        );
        let all = format!(
            "{:?} {}",
            report,
            serde_json::to_string(&report.localized(Lang::En)).unwrap()
        );
        for secret in ["Ana", "Berta", "Carla", "Dora", "example.org"] {
            assert!(!all.contains(secret), "{secret} leaked");
        }
    }

    #[test]
    fn csv_export_redacts_unless_asked() {
        let (dir, _) = directory();
        let mut redacted = Vec::new();
        dir.write_csv(&mut redacted, Lang::Es, Privacy::Redacted)
            .unwrap();
        let redacted = String::from_utf8(redacted).unwrap();
        assert!(redacted.starts_with("país,institución,cargo,desde,hasta,última confirmación\n"));
        assert!(redacted.contains("HND,HND-SEMUJER,enlace técnico,2021-01-01,,2024-05-01"));
        assert!(!redacted.contains("Ana") && !redacted.contains("@"));
        let mut full = Vec::new();
        dir.write_csv(&mut full, Lang::En, Privacy::IncludePersonalData)
            .unwrap();
        let full = String::from_utf8(full).unwrap();
        assert!(full.contains("Ana Pérez,ana.pérez@example.org"));
    }

    #[test]
    fn bad_json_is_coded() {
        let cat = Catalog::embedded();
        assert_eq!(
            FocalDirectory::from_json("[{\"country\": 1}]", &cat)
                .unwrap_err()
                .code(),
            "invalid_json"
        );
        let (dir, report) = FocalDirectory::from_json("[]", &cat).unwrap();
        assert!(dir.points().is_empty() && report.ok());
    }
}
