//! The [`Catalog`]: all reference data in one value (code lists, guideline sets, congresses,
//! presidencies), with a version and a content hash that every report pins.

mod check;
mod conflicts;
mod embedded;
mod institutions;
mod reference;

pub use conflicts::{Claim, Conflict};
pub use institutions::{Institution, InstitutionLookup, LookupStatus, UNKNOWN_INSTITUTION};
pub use reference::{
    Country, CountryRole, GcmObjective, GcmPrinciple, Organization, Presidency, Sdg,
};

use crate::codes::CodeKind;
use crate::congress::Congress;
use crate::diagnostic::Pins;
use crate::guidelines::{Axis, Crosswalk, Guideline, GuidelineSet, Provenance};
use crate::i18n::Text;
use crate::text::{nearest, normalize_key};
use crate::{Error, Result};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

/// The serialisable content of a catalogue: the JSON shape of [`Catalog::from_json`] and
/// [`Catalog::to_json`] (see `schema/catalog.schema.json`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct CatalogData {
    /// The catalogue's version (an agency's own label, e.g. `"2025.1-oficial"`).
    pub version: String,
    /// Title.
    pub title: Text,
    /// Countries (members, observers, others).
    #[serde(default)]
    pub countries: Vec<Country>,
    /// Organisations: observers, partners, regional and treaty bodies, civil society.
    #[serde(default)]
    pub organizations: Vec<Organization>,
    /// National institutions of the countries (women's mechanisms, migration authorities).
    #[serde(default)]
    pub institutions: Vec<Institution>,
    /// GCM objectives.
    #[serde(default)]
    pub gcm_objectives: Vec<GcmObjective>,
    /// GCM guiding principles.
    #[serde(default)]
    pub gcm_principles: Vec<GcmPrinciple>,
    /// Sustainable Development Goals.
    #[serde(default)]
    pub sdgs: Vec<Sdg>,
    /// Pro-Tempore Presidencies by year.
    #[serde(default)]
    pub presidencies: Vec<Presidency>,
    /// Congress editions.
    #[serde(default)]
    pub congresses: Vec<Congress>,
    /// Guideline sets, one per version.
    #[serde(default)]
    pub guideline_sets: Vec<GuidelineSet>,
    /// Crosswalks between guideline versions.
    #[serde(default)]
    pub crosswalks: Vec<Crosswalk>,
    /// Where the sources disagree, what each says, and the value used and why.
    #[serde(default)]
    pub conflicts: Vec<Conflict>,
}

/// Reference data with lookup indexes. Cheap to clone (shared).
#[derive(Debug, Clone)]
pub struct Catalog {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    data: CatalogData,
    hash: String,
    /// normalised spelling -> index in `data.countries`
    country_keys: HashMap<String, usize>,
    /// normalised spelling -> index in `data.organizations`
    organization_keys: HashMap<String, usize>,
    /// country and normalised spelling -> index in `data.institutions`
    institution_keys: HashMap<String, usize>,
}

/// Refuses inputs larger than `limit` bytes.
pub(crate) fn check_size(len: usize, limit: usize, what: &str) -> Result<()> {
    if len > limit {
        return Err(Error::limit(what, limit as u64, None));
    }
    Ok(())
}

impl Catalog {
    /// Maximum size of a catalogue document accepted by [`Catalog::from_json`] (32 MiB).
    pub const MAX_JSON_BYTES: usize = 32 * 1024 * 1024;

    /// The default reference data embedded in the library: the CRM's 11 members and 5
    /// observer countries, 13 observer organisations, GCM objectives and principles, SDGs,
    /// congresses I-VI as far as confirmed, Pro-Tempore Presidencies, and the *illustrative*
    /// guideline sets 2017 and 2023 (see `core/data/SOURCES.md`).
    ///
    /// ```
    /// let cat = lineamientos::Catalog::embedded();
    /// assert_eq!(cat.members().count(), 11);
    /// assert_eq!(cat.parse_country("México").unwrap().iso3, "MEX");
    /// ```
    pub fn embedded() -> Catalog {
        static EMBEDDED: OnceLock<Catalog> = OnceLock::new();
        EMBEDDED
            .get_or_init(|| {
                // The shipped data is checked by the test suite; an empty catalogue is only a
                // last resort that keeps this function infallible.
                Self::try_embedded().unwrap_or_else(|_| Self::empty())
            })
            .clone()
    }

    /// Like [`Catalog::embedded`], but reports a problem with the shipped data files.
    pub fn try_embedded() -> Result<Catalog> {
        Self::from_data(embedded::load()?)
    }

    /// A catalogue with no data (useful to build one programmatically with [`Catalog::from_data`]).
    pub fn empty() -> Catalog {
        Self::build(CatalogData {
            version: "empty".into(),
            title: Text::new("Catálogo vacío", "Empty catalogue"),
            countries: Vec::new(),
            organizations: Vec::new(),
            institutions: Vec::new(),
            gcm_objectives: Vec::new(),
            gcm_principles: Vec::new(),
            sdgs: Vec::new(),
            presidencies: Vec::new(),
            congresses: Vec::new(),
            guideline_sets: Vec::new(),
            crosswalks: Vec::new(),
            conflicts: Vec::new(),
        })
    }

    /// Loads an agency's catalogue from JSON (the shape of [`CatalogData`]).
    ///
    /// Malformed JSON is [`Error::Json`] with line and column; an inconsistent catalogue
    /// (duplicate codes, an item on an axis that does not exist, ...) is
    /// [`Error::InvalidCatalog`] with every problem and its JSON Pointer path.
    ///
    /// ```
    /// let err = lineamientos::Catalog::from_json("{\"version\": \"x\",\n \"title\": 3}").unwrap_err();
    /// assert_eq!(err.code(), "invalid_json");
    /// ```
    pub fn from_json(text: &str) -> Result<Catalog> {
        check_size(text.len(), Self::MAX_JSON_BYTES, "catalogue JSON bytes")?;
        Self::from_data(crate::document::from_text(text)?)
    }

    /// [`Catalog::from_json`] from a JSON-shaped value (a Python `dict`, a JS object).
    pub fn from_value(value: serde_json::Value) -> Result<Catalog> {
        Self::from_data(crate::document::from_value(value)?)
    }

    /// Builds a catalogue from its data, after checking its consistency.
    pub fn from_data(data: CatalogData) -> Result<Catalog> {
        let problems = check::check(&data);
        if !problems.is_empty() {
            return Err(Error::InvalidCatalog {
                diagnostics: problems,
            });
        }
        Ok(Self::build(data))
    }

    fn build(data: CatalogData) -> Catalog {
        let mut country_keys = HashMap::new();
        for (i, c) in data.countries.iter().enumerate() {
            for key in country_spellings(c) {
                country_keys.entry(normalize_key(key)).or_insert(i);
            }
        }
        let mut organization_keys = HashMap::new();
        for (i, o) in data.organizations.iter().enumerate() {
            for key in organization_spellings(o) {
                organization_keys.entry(normalize_key(key)).or_insert(i);
            }
        }
        let institution_keys = institutions::index(&data.institutions);
        let hash = content_hash(&data);
        Catalog {
            inner: Arc::new(Inner {
                data,
                hash,
                country_keys,
                organization_keys,
                institution_keys,
            }),
        }
    }

    /// The catalogue's content.
    pub fn data(&self) -> &CatalogData {
        &self.inner.data
    }

    /// The catalogue as pretty-printed JSON (loadable with [`Catalog::from_json`]).
    pub fn to_json(&self) -> Result<String> {
        serde_json::to_string_pretty(&self.inner.data).map_err(|e| Error::from_serde_json(&e))
    }

    /// The catalogue's version.
    pub fn version(&self) -> &str {
        &self.inner.data.version
    }

    /// The content hash: `sha256:` and the hex SHA-256 of the compact JSON serialisation.
    /// Two catalogues with the same content have the same hash.
    pub fn hash(&self) -> &str {
        &self.inner.hash
    }

    /// Version, hash and library version, for reports, with the provenance of the
    /// catalogue's guidelines: `illustrative` when any guideline set is (the embedded
    /// default), `official` when all are, none without guideline sets.
    pub fn pins(&self) -> Pins {
        let sets = self.guideline_sets();
        let provenance = if sets.is_empty() {
            None
        } else if sets
            .iter()
            .any(|s| s.provenance == Provenance::Illustrative)
        {
            Some(Provenance::Illustrative)
        } else {
            Some(Provenance::Official)
        };
        Pins {
            catalog_version: self.version().to_owned(),
            catalog_hash: self.hash().to_owned(),
            library_version: crate::LIBRARY_VERSION.to_owned(),
            guideline_version: None,
            provenance,
            rulesets: Vec::new(),
        }
    }

    /// [`Catalog::pins`] for a result that refers to guideline-set `version`: its version and
    /// provenance (the catalogue's pins when it has no such set).
    ///
    /// ```
    /// use lineamientos::{Catalog, Provenance};
    /// let pins = Catalog::embedded().pins_for("2023");
    /// assert_eq!((pins.guideline_version.as_deref(), pins.provenance), (Some("2023"), Some(Provenance::Illustrative)));
    /// ```
    pub fn pins_for(&self, version: &str) -> Pins {
        let mut pins = self.pins();
        if let Some(set) = self.guideline_sets().iter().find(|s| s.version == version) {
            pins.guideline_version = Some(set.version.clone());
            pins.provenance = Some(set.provenance);
        }
        pins
    }

    // ---- countries and organisations ----

    /// Every country.
    pub fn countries(&self) -> &[Country] {
        &self.inner.data.countries
    }

    /// The member states.
    pub fn members(&self) -> impl Iterator<Item = &Country> {
        self.countries()
            .iter()
            .filter(|c| c.role == CountryRole::Member)
    }

    /// The observer countries.
    pub fn observer_countries(&self) -> impl Iterator<Item = &Country> {
        self.countries()
            .iter()
            .filter(|c| c.role == CountryRole::Observer)
    }

    /// The country with this ISO alpha-3 code (exact, upper case).
    pub fn country(&self, iso3: &str) -> Option<&Country> {
        self.countries().iter().find(|c| c.iso3 == iso3)
    }

    /// Resolves a country written as ISO2, ISO3, Spanish or English name or a known short form,
    /// ignoring case, accents and punctuation (`"mexico"`, `"MX"`, `"Rep. Dominicana"`).
    pub fn parse_country(&self, value: &str) -> Result<&Country> {
        let key = normalize_key(value);
        if let Some(c) = self
            .inner
            .country_keys
            .get(&key)
            .and_then(|&i| self.countries().get(i))
        {
            return Ok(c);
        }
        Err(Error::UnknownCode {
            kind: CodeKind::Country,
            value: value.to_owned(),
            suggestion: self.suggest_country(value),
        })
    }

    fn suggest_country(&self, value: &str) -> Option<String> {
        let keys = self.inner.country_keys.iter().filter_map(|(k, &i)| {
            self.countries()
                .get(i)
                .map(|c| (k.as_str(), c.iso3.as_str()))
        });
        nearest(value, sorted(keys))
    }

    /// Every organisation (observers, partners, regional and treaty bodies, civil society).
    pub fn organizations(&self) -> &[Organization] {
        &self.inner.data.organizations
    }

    /// Resolves an organisation by code, name or alias (`"OIM"` gives IOM).
    pub fn parse_organization(&self, value: &str) -> Result<&Organization> {
        let key = normalize_key(value);
        if let Some(o) = self
            .inner
            .organization_keys
            .get(&key)
            .and_then(|&i| self.organizations().get(i))
        {
            return Ok(o);
        }
        let keys = self.inner.organization_keys.iter().filter_map(|(k, &i)| {
            self.organizations()
                .get(i)
                .map(|o| (k.as_str(), o.code.as_str()))
        });
        Err(Error::UnknownCode {
            kind: CodeKind::Organization,
            value: value.to_owned(),
            suggestion: nearest(value, sorted(keys)),
        })
    }

    /// Resolves a plan participant or lead: a country (to its ISO3 code) or an organisation
    /// (to its code).
    pub fn parse_participant(&self, value: &str) -> Result<String> {
        if let Ok(c) = self.parse_country(value) {
            return Ok(c.iso3.clone());
        }
        if let Ok(o) = self.parse_organization(value) {
            return Ok(o.code.clone());
        }
        let countries = self.inner.country_keys.iter().filter_map(|(k, &i)| {
            self.countries()
                .get(i)
                .map(|c| (k.as_str(), c.iso3.as_str()))
        });
        let orgs = self.inner.organization_keys.iter().filter_map(|(k, &i)| {
            self.organizations()
                .get(i)
                .map(|o| (k.as_str(), o.code.as_str()))
        });
        Err(Error::UnknownCode {
            kind: CodeKind::Participant,
            value: value.to_owned(),
            suggestion: nearest(value, sorted(countries.chain(orgs))),
        })
    }

    // ---- frameworks ----

    /// The GCM objectives.
    pub fn gcm_objectives(&self) -> &[GcmObjective] {
        &self.inner.data.gcm_objectives
    }

    /// GCM objective `number`.
    pub fn gcm_objective(&self, number: u8) -> Option<&GcmObjective> {
        self.gcm_objectives().iter().find(|o| o.number == number)
    }

    /// The GCM guiding principles.
    pub fn gcm_principles(&self) -> &[GcmPrinciple] {
        &self.inner.data.gcm_principles
    }

    /// Resolves a GCM objective written as `7`, `"7"`, `"Objetivo 7"`, `"GCM 7"` or `"OBJ7"`.
    pub fn parse_gcm_objective(&self, value: &str) -> Result<&GcmObjective> {
        number_in(value)
            .and_then(|n| self.gcm_objective(n))
            .ok_or_else(|| Error::UnknownCode {
                kind: CodeKind::GcmObjective,
                value: value.to_owned(),
                suggestion: None,
            })
    }

    /// Resolves a GCM guiding principle by key (`"g"`) or es/en name (`"Perspectiva de género"`).
    pub fn parse_gcm_principle(&self, value: &str) -> Result<&GcmPrinciple> {
        let key = normalize_key(value);
        let spellings = |p: &GcmPrinciple| {
            [
                normalize_key(&p.key),
                normalize_key(&p.name.es),
                normalize_key(&p.name.en),
            ]
        };
        if let Some(p) = self
            .gcm_principles()
            .iter()
            .find(|p| spellings(p).contains(&key))
        {
            return Ok(p);
        }
        let keyed: Vec<(String, &str)> = self
            .gcm_principles()
            .iter()
            .flat_map(|p| spellings(p).into_iter().map(move |k| (k, p.key.as_str())))
            .collect();
        Err(Error::UnknownCode {
            kind: CodeKind::GcmPrinciple,
            value: value.to_owned(),
            suggestion: nearest(value, keyed.iter().map(|(k, c)| (k.as_str(), *c))),
        })
    }

    /// The SDGs.
    pub fn sdgs(&self) -> &[Sdg] {
        &self.inner.data.sdgs
    }

    /// SDG `number`.
    pub fn sdg(&self, number: u8) -> Option<&Sdg> {
        self.sdgs().iter().find(|s| s.number == number)
    }

    /// Resolves an SDG written as `5`, `"ODS 5"`, `"SDG5"` or `"Objetivo 5"`.
    pub fn parse_sdg(&self, value: &str) -> Result<&Sdg> {
        number_in(value)
            .and_then(|n| self.sdg(n))
            .ok_or_else(|| Error::UnknownCode {
                kind: CodeKind::Sdg,
                value: value.to_owned(),
                suggestion: None,
            })
    }

    // ---- congresses and presidencies ----

    /// The congress editions, in the order of the data (I, II, ...).
    pub fn congresses(&self) -> &[Congress] {
        &self.inner.data.congresses
    }

    /// Congress `edition` (1 = I).
    pub fn congress(&self, edition: u16) -> Option<&Congress> {
        self.congresses().iter().find(|c| c.edition == edition)
    }

    /// The Pro-Tempore Presidencies.
    pub fn presidencies(&self) -> &[Presidency] {
        &self.inner.data.presidencies
    }

    /// The Pro-Tempore Presidency of `year`.
    pub fn presidency(&self, year: i32) -> Option<&Presidency> {
        self.presidencies().iter().find(|p| p.year == year)
    }

    // ---- guidelines ----

    /// The guideline sets, oldest first as in the data.
    pub fn guideline_sets(&self) -> &[GuidelineSet] {
        &self.inner.data.guideline_sets
    }

    /// The guideline set of `version`; unknown versions are an error with the nearest version.
    pub fn guideline_set(&self, version: &str) -> Result<&GuidelineSet> {
        self.guideline_sets()
            .iter()
            .find(|s| s.version == version)
            .ok_or_else(|| {
                let keyed: Vec<(String, &str)> = self
                    .guideline_sets()
                    .iter()
                    .map(|s| (normalize_key(&s.version), s.version.as_str()))
                    .collect();
                Error::UnknownCode {
                    kind: CodeKind::GuidelineSet,
                    value: version.to_owned(),
                    suggestion: nearest(version, keyed.iter().map(|(k, v)| (k.as_str(), *v))),
                }
            })
    }

    /// The last guideline set of the data (the current version).
    pub fn current_guideline_set(&self) -> Option<&GuidelineSet> {
        self.guideline_sets().last()
    }

    /// The crosswalk from version `from` to version `to`, if the catalogue has one.
    pub fn crosswalk(&self, from: &str, to: &str) -> Option<&Crosswalk> {
        self.inner
            .data
            .crosswalks
            .iter()
            .find(|c| c.from == from && c.to == to)
    }

    /// Resolves an axis of `version` by code or by its es/en name (ignoring case and accents).
    pub fn parse_axis(&self, version: &str, value: &str) -> Result<&Axis> {
        let set = self.guideline_set(version)?;
        let key = normalize_key(value);
        let spellings = |a: &'_ Axis| {
            [
                normalize_key(&a.code),
                normalize_key(&a.name.es),
                normalize_key(&a.name.en),
            ]
        };
        if let Some(a) = set.axes.iter().find(|a| spellings(a).contains(&key)) {
            return Ok(a);
        }
        let keyed: Vec<(String, &str)> = set
            .axes
            .iter()
            .flat_map(|a| spellings(a).into_iter().map(move |k| (k, a.code.as_str())))
            .collect();
        Err(Error::UnknownCode {
            kind: CodeKind::Axis,
            value: value.to_owned(),
            suggestion: nearest(value, keyed.iter().map(|(k, c)| (k.as_str(), *c))),
        })
    }

    /// Resolves a guideline item of `version` by code, ignoring case, spaces and the
    /// separator (`"vcm 2"`, `"VCM-2"`, `"vcm_2"`). Retired items resolve too: check
    /// [`Guideline::retired`].
    pub fn parse_guideline(&self, version: &str, value: &str) -> Result<&Guideline> {
        let set = self.guideline_set(version)?;
        let key = normalize_key(value);
        if let Some(g) = set
            .guidelines
            .iter()
            .find(|g| normalize_key(&g.code) == key)
        {
            return Ok(g);
        }
        let keyed: Vec<(String, &str)> = set
            .guidelines
            .iter()
            .map(|g| (normalize_key(&g.code), g.code.as_str()))
            .collect();
        Err(Error::UnknownCode {
            kind: CodeKind::Guideline,
            value: value.to_owned(),
            suggestion: nearest(value, keyed.iter().map(|(k, c)| (k.as_str(), *c))),
        })
    }
}

/// The number in labels such as `"ODS 5"`, `"Objetivo 7"`, `"GCM7"`: a known prefix (or
/// none) followed by digits.
fn number_in(value: &str) -> Option<u8> {
    let key = normalize_key(value);
    let digits_at = key.find(|c: char| c.is_ascii_digit())?;
    let (prefix, digits) = key.split_at(digits_at);
    const PREFIXES: [&str; 9] = [
        "",
        "ods",
        "sdg",
        "gcm",
        "pmm",
        "obj",
        "objetivo",
        "objective",
        "goal",
    ];
    if !PREFIXES.contains(&prefix) || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// Deterministic candidate order, so that ties in suggestions do not depend on hashing.
fn sorted<'a>(it: impl Iterator<Item = (&'a str, &'a str)>) -> Vec<(&'a str, &'a str)> {
    let mut v: Vec<_> = it.collect();
    v.sort_unstable();
    v
}

fn country_spellings(c: &Country) -> impl Iterator<Item = &str> {
    [
        c.iso3.as_str(),
        c.iso2.as_str(),
        c.name.es.as_str(),
        c.name.en.as_str(),
    ]
    .into_iter()
    .chain(c.name.fr.as_deref())
    .chain(c.aliases.iter().map(String::as_str))
}

fn organization_spellings(o: &Organization) -> impl Iterator<Item = &str> {
    [o.code.as_str(), o.name.es.as_str(), o.name.en.as_str()]
        .into_iter()
        .chain(
            [&o.name.es, &o.name.en]
                .into_iter()
                .filter_map(|n| without_acronym(n)),
        )
        .chain(o.aliases.iter().map(String::as_str))
}

/// A name without its trailing acronym in brackets: `"Organización de los Estados
/// Americanos"` for `"Organización de los Estados Americanos (OEA)"`, so that both parse.
fn without_acronym(name: &str) -> Option<&str> {
    let open = name.strip_suffix(')')?.rfind(" (")?;
    name.get(..open)
}

fn content_hash(data: &CatalogData) -> String {
    sha256_hex(&serde_json::to_vec(data).unwrap_or_default())
}

/// `sha256:` and the hex SHA-256 of `bytes`.
pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut out = String::with_capacity(7 + 64);
    out.push_str("sha256:");
    for b in digest {
        out.push_str(&format!("{b:02x}"));
    }
    out
}

#[cfg(test)]
mod embedded_tests {
    use super::*;

    #[test]
    fn embedded_is_never_the_empty_fallback() {
        let loaded = Catalog::try_embedded();
        assert!(
            loaded.is_ok(),
            "the embedded data files do not load: {loaded:?}"
        );
        let cat = Catalog::embedded();
        assert_ne!(cat.version(), Catalog::empty().version());
        assert!(cat.members().count() > 0 && !cat.guideline_sets().is_empty());
        assert_eq!(loaded.ok().map(|c| c.pins()), Some(cat.pins()));
    }
}
