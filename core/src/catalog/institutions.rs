//! National institutions of the member states (women's mechanisms, migration authorities)
//! and the lookup that turns what partners write ("SEPREM", "Secretaría Presidencial de la
//! Mujer", "seprem") into one institution, so that spellings do not split counts.

use super::{Catalog, Organization, sorted};
use crate::codes::{CodeKind, Sector};
use crate::diagnostic::Diagnostic;
use crate::i18n::{Lang, Text};
use crate::text::{nearest, normalize_key};
use crate::{Error, Result};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// A national institution of a country: a women's mechanism, a migration authority, ...
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Institution {
    /// The catalogue's code: the country's ISO alpha-3, `-`, and the acronym where there is
    /// one (`"GTM-SEPREM"`), else a short name (`"DOM-MUJER"`). A code, not an acronym: the
    /// acronym is [`Institution::acronym`].
    pub code: String,
    /// Country (ISO 3166-1 alpha-3).
    pub country: String,
    /// Sector.
    pub sector: Sector,
    /// Official name (Spanish) and its English rendering, or the reverse for English-speaking
    /// countries.
    pub name: Text,
    /// The official acronym, if any (`"SEPREM"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acronym: Option<String>,
    /// Other spellings in use.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// Remarks: a successor, a change of name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// Where the record comes from (the institution's site or founding law).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

impl Institution {
    /// The name in `lang`, with the acronym: `"Secretaría Presidencial de la Mujer (SEPREM)"`.
    pub fn display_name(&self, lang: Lang) -> String {
        match &self.acronym {
            Some(a) => format!("{} ({a})", self.name.get(lang)),
            None => self.name.get(lang).to_owned(),
        }
    }

    /// Every spelling that resolves to this institution: code, acronym, names, aliases.
    pub(super) fn spellings(&self) -> impl Iterator<Item = &str> {
        [
            self.code.as_str(),
            self.name.es.as_str(),
            self.name.en.as_str(),
        ]
        .into_iter()
        .chain(self.acronym.as_deref())
        .chain(self.name.fr.as_deref())
        .chain(self.aliases.iter().map(String::as_str))
    }
}

/// What a written institution resolved to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum LookupStatus {
    /// A national institution of the catalogue (`code` is its code).
    Institution,
    /// An organisation of the catalogue (`"ONU Mujeres"`: `code` is `UN-WOMEN`).
    Organization,
    /// Several institutions of different countries (`"INAMU"` without a country):
    /// `candidates` lists them.
    Ambiguous,
    /// Not in the catalogue: kept as written, with the nearest code as `suggestion` when
    /// one is close.
    Unknown,
}

/// The result of [`Catalog::lookup_institution`]: the same JSON in Rust, Python and JS.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct InstitutionLookup {
    /// The text looked up, as written.
    pub value: String,
    /// What it resolved to.
    pub status: LookupStatus,
    /// The code of the institution or organisation, when it resolved to one.
    pub code: Option<String>,
    /// When ambiguous, the codes of the institutions it may be (sorted).
    pub candidates: Vec<String>,
    /// When unknown, the nearest code if one is close.
    pub suggestion: Option<String>,
}

impl InstitutionLookup {
    /// The code to record: the resolved code, or the text as written (trimmed) when it did
    /// not resolve to exactly one institution or organisation.
    pub fn canonical(&self) -> &str {
        self.code.as_deref().unwrap_or_else(|| self.value.trim())
    }

    /// Whether it resolved to exactly one institution or organisation.
    pub fn is_resolved(&self) -> bool {
        self.code.is_some()
    }

    /// The `unknown_institution` warning at `path` for a text of `country` that did not
    /// resolve (with the suggestion, if any); `None` when it resolved. The one place this
    /// finding is written, for the matrix and the focal points alike.
    pub fn finding(&self, path: impl Into<String>, country: &str) -> Option<Diagnostic> {
        if self.is_resolved() {
            return None;
        }
        Some(
            Diagnostic::new(UNKNOWN_INSTITUTION, path)
                .with_value(self.value.clone())
                .with_param("country", country)
                .with_suggestion(self.suggestion.clone()),
        )
    }
}

/// The code of the warning about an institution that is not in the catalogue.
pub const UNKNOWN_INSTITUTION: &str = "unknown_institution";

/// The index key of a spelling in a country: the country's code, a separator, the
/// normalised spelling (countries may share an acronym, such as `INAMU` in Costa Rica and
/// Panama; within a country a spelling names one institution).
pub(super) fn scoped_key(country: &str, key: &str) -> String {
    format!("{country}\u{1f}{key}")
}

/// The country and the normalised spelling of an index key.
fn split_key(k: &str) -> (&str, &str) {
    k.split_once('\u{1f}').unwrap_or(("", k))
}

/// Country-scoped spelling key -> index of the institution.
pub(super) fn index(institutions: &[Institution]) -> HashMap<String, usize> {
    let mut keys: HashMap<String, usize> = HashMap::new();
    for (i, inst) in institutions.iter().enumerate() {
        for s in inst.spellings() {
            keys.entry(scoped_key(&inst.country, &normalize_key(s)))
                .or_insert(i);
        }
    }
    keys
}

impl Catalog {
    /// Every national institution.
    pub fn institutions(&self) -> &[Institution] {
        &self.inner.data.institutions
    }

    /// The institution with this code (exact).
    pub fn institution(&self, code: &str) -> Option<&Institution> {
        self.institutions().iter().find(|i| i.code == code)
    }

    /// The organisation with this code (exact).
    pub fn organization(&self, code: &str) -> Option<&Organization> {
        self.organizations().iter().find(|o| o.code == code)
    }

    /// Resolves an institution as partners write it: code, acronym, name or alias, ignoring
    /// case, accents and punctuation. With a `country` (ISO2, ISO3 or name) only that
    /// country's institutions are candidates, so `"INAMU"` is Costa Rica's or Panama's by
    /// the country; without one, a spelling shared by two countries is `ambiguous`. A text
    /// that is no institution may be an organisation (`"ONU Mujeres"`). Nothing is guessed:
    /// an unknown text stays unknown, with the nearest code as `suggestion` when close. An
    /// unknown `country` is `unknown_code`.
    ///
    /// ```
    /// use lineamientos::catalog::LookupStatus;
    /// let cat = lineamientos::Catalog::embedded();
    /// for written in ["SEPREM", "Secretaría Presidencial de la Mujer", "seprem"] {
    ///     assert_eq!(cat.lookup_institution(written, Some("Guatemala"))?.code.as_deref(), Some("GTM-SEPREM"));
    /// }
    /// let inamu = cat.lookup_institution("INAMU", None)?;
    /// assert_eq!((inamu.status, inamu.candidates.len()), (LookupStatus::Ambiguous, 2));
    /// assert_eq!(cat.lookup_institution("INAMU", Some("PA"))?.code.as_deref(), Some("PAN-INAMU"));
    /// assert_eq!(cat.lookup_institution("ONU-Mujeres", Some("GTM"))?.code.as_deref(), Some("UN-WOMEN"));
    /// let typo = cat.lookup_institution("SEPREN", Some("GTM"))?;
    /// assert_eq!((typo.status, typo.suggestion.as_deref()), (LookupStatus::Unknown, Some("GTM-SEPREM")));
    /// # Ok::<(), lineamientos::Error>(())
    /// ```
    pub fn lookup_institution(
        &self,
        value: &str,
        country: Option<&str>,
    ) -> Result<InstitutionLookup> {
        let iso3 = match country.map(str::trim).filter(|c| !c.is_empty()) {
            Some(c) => Some(self.parse_country(c)?.iso3.as_str()),
            None => None,
        };
        Ok(self.resolve_institution(value, iso3))
    }

    /// Like [`Catalog::lookup_institution`], but only a text that resolves to exactly one
    /// institution or organisation is `Ok` (its code); anything else is
    /// [`Error::UnknownCode`] of kind `institution`, with the suggestion when there is one.
    pub fn parse_institution(&self, value: &str, country: Option<&str>) -> Result<String> {
        let found = self.lookup_institution(value, country)?;
        match found.code {
            Some(code) => Ok(code),
            None => Err(Error::UnknownCode {
                kind: CodeKind::Institution,
                value: value.to_owned(),
                suggestion: found.suggestion,
            }),
        }
    }

    /// The lookup with the country already resolved to its ISO alpha-3 code (or none).
    pub(crate) fn resolve_institution(
        &self,
        value: &str,
        country: Option<&str>,
    ) -> InstitutionLookup {
        let key = normalize_key(value);
        // (spelling, institution) of the country, or of every country without one
        let candidates = || {
            self.inner.institution_keys.iter().filter_map(|(k, &i)| {
                let (c, spelling) = split_key(k);
                let inst = self.institutions().get(i)?;
                country
                    .is_none_or(|want| want == c)
                    .then_some((spelling, inst))
            })
        };
        let mut found: Vec<String> = candidates()
            .filter(|(spelling, _)| *spelling == key)
            .map(|(_, inst)| inst.code.clone())
            .collect();
        found.sort_unstable();
        found.dedup();
        let mut out = InstitutionLookup {
            value: value.to_owned(),
            status: LookupStatus::Unknown,
            code: None,
            candidates: Vec::new(),
            suggestion: None,
        };
        match found.len() {
            1 => {
                out.status = LookupStatus::Institution;
                out.code = found.pop();
            }
            2.. => {
                out.status = LookupStatus::Ambiguous;
                out.candidates = found;
            }
            0 => {
                if let Ok(o) = self.parse_organization(value) {
                    out.status = LookupStatus::Organization;
                    out.code = Some(o.code.clone());
                } else {
                    let institutions =
                        candidates().map(|(spelling, inst)| (spelling, inst.code.as_str()));
                    let organizations =
                        self.inner.organization_keys.iter().filter_map(|(k, &i)| {
                            self.organizations()
                                .get(i)
                                .map(|o| (k.as_str(), o.code.as_str()))
                        });
                    out.suggestion = nearest(value, sorted(institutions.chain(organizations)));
                }
            }
        }
        out
    }

    /// The code and the es/en display names of an institution or organisation code, for
    /// labels (pivot keys); `None` for a code of neither.
    pub(crate) fn institution_label(&self, code: &str) -> Option<(String, String)> {
        if let Some(i) = self.institution(code) {
            return Some((i.display_name(Lang::Es), i.display_name(Lang::En)));
        }
        self.organization(code)
            .map(|o| (o.name.es.clone(), o.name.en.clone()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lookup(value: &str, country: Option<&str>) -> InstitutionLookup {
        Catalog::embedded()
            .lookup_institution(value, country)
            .unwrap()
    }

    #[test]
    fn every_spelling_of_an_institution_is_one_code() {
        for written in [
            "SEPREM",
            "seprem",
            "Seprem",
            "Secretaría Presidencial de la Mujer",
            "SECRETARIA PRESIDENCIAL DE LA MUJER",
            "secretaria presidencial de la mujer",
            "Presidential Secretariat for Women",
            "GTM-SEPREM",
            "gtm seprem",
        ] {
            let l = lookup(written, Some("GTM"));
            assert_eq!(
                (l.status, l.code.as_deref(), l.candidates.len()),
                (LookupStatus::Institution, Some("GTM-SEPREM"), 0),
                "{written}"
            );
            // Unique in the catalogue: found without a country too.
            assert_eq!(lookup(written, None).code.as_deref(), Some("GTM-SEPREM"));
        }
        assert_eq!(
            lookup("Instituto Nacional de Migración", Some("México"))
                .code
                .as_deref(),
            Some("MEX-INM")
        );
        assert_eq!(lookup("inm", Some("HN")).code.as_deref(), Some("HND-INM"));
        assert_eq!(
            lookup("FEGC", Some("CAN")).code.as_deref(),
            Some("CAN-WAGE")
        );
    }

    #[test]
    fn a_spelling_of_two_countries_needs_the_country() {
        let l = lookup("INAMU", None);
        assert_eq!(l.status, LookupStatus::Ambiguous);
        assert_eq!(l.code, None);
        assert_eq!(l.candidates, ["CRI-INAMU", "PAN-INAMU"]);
        assert_eq!(l.canonical(), "INAMU");
        assert_eq!(
            lookup("inamu", Some("CRI")).code.as_deref(),
            Some("CRI-INAMU")
        );
        assert_eq!(
            lookup("Inamu", Some("Panamá")).code.as_deref(),
            Some("PAN-INAMU")
        );
        let inm = lookup("INM", None);
        assert_eq!(inm.candidates, ["HND-INM", "MEX-INM"]);
    }

    #[test]
    fn organisations_resolve_as_organisations() {
        for written in [
            "ONU Mujeres",
            "ONU-Mujeres",
            "UN Women",
            "onu mujeres",
            "UN-WOMEN",
        ] {
            let l = lookup(written, Some("GTM"));
            assert_eq!(
                (l.status, l.code.as_deref()),
                (LookupStatus::Organization, Some("UN-WOMEN")),
                "{written}"
            );
        }
        assert_eq!(lookup("OIM", None).code.as_deref(), Some("IOM"));
    }

    #[test]
    fn unknown_stays_as_written_with_a_close_suggestion_only() {
        let l = lookup("  SEPREN ", Some("GTM"));
        assert_eq!(
            (
                l.status,
                l.code.as_deref(),
                l.suggestion.as_deref(),
                l.canonical()
            ),
            (LookupStatus::Unknown, None, Some("GTM-SEPREM"), "SEPREN")
        );
        assert!(!l.is_resolved());
        let d = l.finding("/3/institution", "GTM").unwrap();
        assert_eq!(
            (
                d.code.as_str(),
                d.path.as_str(),
                d.value.as_deref(),
                d.suggestion.as_deref()
            ),
            (
                "unknown_institution",
                "/3/institution",
                Some("  SEPREN "),
                Some("GTM-SEPREM")
            )
        );
        assert_eq!(d.params.get("country").map(String::as_str), Some("GTM"));
        assert_eq!(d.severity, crate::Severity::Warning);
        assert!(lookup("SEPREM", Some("GTM")).finding("", "GTM").is_none());
        // Another country's institution is not guessed.
        let other = lookup("SEPREM", Some("MEX"));
        assert_eq!((other.status, other.code), (LookupStatus::Unknown, None));
        let far = lookup("Ministerio de Planificación Nacional", Some("CRI"));
        assert_eq!((far.status, far.suggestion), (LookupStatus::Unknown, None));
        assert_eq!(lookup("", None).status, LookupStatus::Unknown);
        assert_eq!(lookup("", None).suggestion, None);
    }

    #[test]
    fn a_bad_country_is_an_error_and_parse_is_strict() {
        let cat = Catalog::embedded();
        let err = cat
            .lookup_institution("SEPREM", Some("Atlantida"))
            .unwrap_err();
        assert_eq!(err.code(), "unknown_code");
        assert_eq!(err.details()["kind"], "country");
        // an empty country is no country
        assert_eq!(
            cat.lookup_institution("SEPREM", Some(" "))
                .unwrap()
                .code
                .as_deref(),
            Some("GTM-SEPREM")
        );
        assert_eq!(cat.parse_institution("seprem", None).unwrap(), "GTM-SEPREM");
        let err = cat.parse_institution("INAMU", None).unwrap_err();
        assert_eq!(
            (err.code(), err.details()["kind"].as_str()),
            ("unknown_code", Some("institution"))
        );
        let err = cat.parse_institution("SEPREN", Some("GT")).unwrap_err();
        assert_eq!(err.details()["suggestion"], "GTM-SEPREM");
    }

    #[test]
    fn labels_and_exact_lookups() {
        let cat = Catalog::embedded();
        let i = cat.institution("GTM-SEPREM").unwrap();
        assert_eq!(i.sector, Sector::Women);
        assert_eq!(
            i.display_name(Lang::Es),
            "Secretaría Presidencial de la Mujer (SEPREM)"
        );
        assert_eq!(
            cat.institution_label("DOM-MUJER"),
            Some((
                "Ministerio de la Mujer".to_string(),
                "Ministry of Women".to_string()
            ))
        );
        assert_eq!(
            cat.institution_label("UN-WOMEN").unwrap().1,
            "United Nations Entity for Gender Equality and the Empowerment of Women (UN Women)"
        );
        assert_eq!(cat.institution_label("X"), None);
        assert!(cat.institution("gtm-seprem").is_none());
        assert_eq!(
            cat.organization("OAS").unwrap().name.es,
            "Organización de los Estados Americanos (OEA)"
        );
    }
}
