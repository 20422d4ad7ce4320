//! The embedded default catalogue, read from the data files under `core/data/`.

use super::CatalogData;
use super::conflicts::Conflict;
use super::institutions::Institution;
use super::reference::{
    Country, CountryRole, GcmObjective, GcmPrinciple, Organization, Presidency, Sdg,
};
use crate::codes::OrganizationKind;
use crate::congress::Congress;
use crate::guidelines::{Crosswalk, GuidelineSet};
use crate::i18n::Text;
use crate::{Error, Result};
use serde::Deserialize;

const COUNTRIES: &str = include_str!("../../data/countries.csv");
const ORGANIZATIONS: &str = include_str!("../../data/organizations.csv");
const INSTITUTIONS: &str = include_str!("../../data/institutions.json");
const CONFLICTS: &str = include_str!("../../data/conflicts.json");
const GCM_OBJECTIVES: &str = include_str!("../../data/gcm_objectives.csv");
const GCM_PRINCIPLES: &str = include_str!("../../data/gcm_principles.csv");
const SDGS: &str = include_str!("../../data/sdgs.csv");
const PRESIDENCIES: &str = include_str!("../../data/presidencies.csv");
const CONGRESSES: &str = include_str!("../../data/congresses.json");
const GUIDELINES: &str = include_str!("../../data/guidelines.json");

/// The version of the embedded catalogue. Bump it whenever a data file changes.
pub(super) const EMBEDDED_VERSION: &str = "2026.12.0";

fn rows<T: for<'de> Deserialize<'de>>(file: &str, text: &str) -> Result<Vec<T>> {
    let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    reader
        .deserialize()
        .collect::<std::result::Result<Vec<T>, _>>()
        .map_err(|e| Error::InvalidFile {
            format: format!("csv ({file})"),
            message: e.to_string(),
        })
}

fn opt(s: String) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

fn list(s: &str) -> Vec<String> {
    s.split('|')
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .map(str::to_owned)
        .collect()
}

#[derive(Deserialize)]
struct CountryRow {
    iso3: String,
    iso2: String,
    name_es: String,
    name_en: String,
    role: CountryRole,
    aliases: String,
    source: String,
}

#[derive(Deserialize)]
struct OrganizationRow {
    code: String,
    // Read as text and parsed by the code list: no second enum reader in the binary.
    kind: String,
    name_es: String,
    name_en: String,
    aliases: String,
    source: String,
}

#[derive(Deserialize)]
struct GcmObjectiveRow {
    number: u8,
    short_es: String,
    short_en: String,
    title_es: String,
    title_en: String,
    title_es_verified: bool,
    source: String,
}

#[derive(Deserialize)]
struct NamedRow<K> {
    #[serde(alias = "number")]
    key: K,
    name_es: String,
    name_en: String,
    source: String,
}

#[derive(Deserialize)]
struct PresidencyRow {
    year: i32,
    country: String,
    vice_ministerial_meeting: String,
    notes: String,
    source: String,
}

#[derive(Deserialize)]
struct CongressFile {
    congresses: Vec<Congress>,
}

#[derive(Deserialize)]
struct GuidelineFile {
    guideline_sets: Vec<GuidelineSet>,
    crosswalks: Vec<Crosswalk>,
}

pub(super) fn load() -> Result<CatalogData> {
    let countries = rows::<CountryRow>("countries.csv", COUNTRIES)?
        .into_iter()
        .map(|r| Country {
            iso3: r.iso3,
            iso2: r.iso2,
            name: Text::new(r.name_es, r.name_en),
            role: r.role,
            aliases: list(&r.aliases),
            source: opt(r.source),
        })
        .collect();
    let organizations = rows::<OrganizationRow>("organizations.csv", ORGANIZATIONS)?
        .into_iter()
        .map(|r| {
            Ok(Organization {
                kind: OrganizationKind::parse(&r.kind)?,
                code: r.code,
                name: Text::new(r.name_es, r.name_en),
                aliases: list(&r.aliases),
                source: opt(r.source),
            })
        })
        .collect::<Result<Vec<_>>>()?;
    // Institutions and conflicts are JSON arrays read by the same readers as an agency's
    // catalogue (no CSV row reader of their own in the binary).
    let institutions: Vec<Institution> = crate::document::from_text(INSTITUTIONS)?;
    let gcm_objectives = rows::<GcmObjectiveRow>("gcm_objectives.csv", GCM_OBJECTIVES)?
        .into_iter()
        .map(|r| GcmObjective {
            number: r.number,
            short: Text::new(r.short_es, r.short_en),
            title: Text::new(r.title_es, r.title_en),
            title_es_verified: r.title_es_verified,
            source: opt(r.source),
        })
        .collect();
    let gcm_principles = rows::<NamedRow<String>>("gcm_principles.csv", GCM_PRINCIPLES)?
        .into_iter()
        .map(|r| GcmPrinciple {
            key: r.key,
            name: Text::new(r.name_es, r.name_en),
            source: opt(r.source),
        })
        .collect();
    let sdgs = rows::<NamedRow<u8>>("sdgs.csv", SDGS)?
        .into_iter()
        .map(|r| Sdg {
            number: r.key,
            name: Text::new(r.name_es, r.name_en),
            source: opt(r.source),
        })
        .collect();
    let presidencies = rows::<PresidencyRow>("presidencies.csv", PRESIDENCIES)?
        .into_iter()
        .map(|r| Presidency {
            year: r.year,
            country: r.country,
            vice_ministerial_meeting: opt(r.vice_ministerial_meeting),
            notes: opt(r.notes),
            source: opt(r.source),
        })
        .collect();
    // The same reader as agencies' catalogues: one deserializer per type in the binary.
    let congresses: CongressFile = crate::document::from_text(CONGRESSES)?;
    let guidelines: GuidelineFile = crate::document::from_text(GUIDELINES)?;
    let conflicts: Vec<Conflict> = crate::document::from_text(CONFLICTS)?;
    Ok(CatalogData {
        version: EMBEDDED_VERSION.to_owned(),
        title: Text::new(
            "Catálogo de referencia predeterminado de lineamientos (lineamientos ilustrativos)",
            "lineamientos default reference catalogue (illustrative guidelines)",
        ),
        countries,
        organizations,
        institutions,
        gcm_objectives,
        gcm_principles,
        sdgs,
        presidencies,
        congresses: congresses.congresses,
        guideline_sets: guidelines.guideline_sets,
        crosswalks: guidelines.crosswalks,
        conflicts,
    })
}
