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

/// A data file's rows, read column by column by name. One reader, not one serde row type per
/// file: each monomorphised CSV deserializer cost about 2 KB gzipped in the WASM module.
struct Table {
    file: &'static str,
    header: csv::StringRecord,
    rows: Vec<csv::StringRecord>,
}

impl Table {
    fn read(file: &'static str, text: &str) -> Result<Table> {
        let bad = |e: csv::Error| Error::InvalidFile {
            format: format!("csv ({file})"),
            message: e.to_string(),
        };
        let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
        let header = reader.headers().map_err(bad)?.clone();
        let rows = reader
            .records()
            .collect::<std::result::Result<Vec<_>, _>>()
            .map_err(bad)?;
        Ok(Table { file, header, rows })
    }

    /// Each row as a [`Row`] (to read its cells by column name).
    fn rows(&self) -> impl Iterator<Item = Row<'_>> {
        self.rows.iter().enumerate().map(|(i, record)| Row {
            table: self,
            line: i + 2,
            record,
        })
    }
}

struct Row<'a> {
    table: &'a Table,
    /// Line in the file (the header is line 1).
    line: usize,
    record: &'a csv::StringRecord,
}

impl Row<'_> {
    fn invalid(&self, column: &str, message: &str) -> Error {
        Error::InvalidFile {
            format: format!("csv ({})", self.table.file),
            message: format!("line {}, column {column}: {message}", self.line),
        }
    }

    fn text(&self, column: &str) -> Result<String> {
        let at = self.table.header.iter().position(|h| h == column);
        at.and_then(|i| self.record.get(i))
            .map(str::to_owned)
            .ok_or_else(|| self.invalid(column, "missing"))
    }

    fn opt(&self, column: &str) -> Result<Option<String>> {
        Ok(opt(self.text(column)?))
    }

    fn list(&self, column: &str) -> Result<Vec<String>> {
        Ok(list(&self.text(column)?))
    }

    fn number<T: std::str::FromStr>(&self, column: &str) -> Result<T> {
        self.text(column)?
            .trim()
            .parse()
            .map_err(|_| self.invalid(column, "not a number"))
    }

    fn flag(&self, column: &str) -> Result<bool> {
        match self.text(column)?.as_str() {
            "true" => Ok(true),
            "false" => Ok(false),
            _ => Err(self.invalid(column, "not true or false")),
        }
    }

    fn text2(&self, es: &str, en: &str) -> Result<Text> {
        Ok(Text::new(self.text(es)?, self.text(en)?))
    }
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

fn role(row: &Row<'_>) -> Result<CountryRole> {
    match row.text("role")?.as_str() {
        "member" => Ok(CountryRole::Member),
        "observer" => Ok(CountryRole::Observer),
        "other" => Ok(CountryRole::Other),
        _ => Err(row.invalid("role", "not member, observer or other")),
    }
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
    let countries = Table::read("countries.csv", COUNTRIES)?
        .rows()
        .map(|r| {
            Ok(Country {
                iso3: r.text("iso3")?,
                iso2: r.text("iso2")?,
                name: r.text2("name_es", "name_en")?,
                role: role(&r)?,
                aliases: r.list("aliases")?,
                source: r.opt("source")?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let organizations = Table::read("organizations.csv", ORGANIZATIONS)?
        .rows()
        .map(|r| {
            Ok(Organization {
                kind: OrganizationKind::parse(&r.text("kind")?)?,
                code: r.text("code")?,
                name: r.text2("name_es", "name_en")?,
                aliases: r.list("aliases")?,
                source: r.opt("source")?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    // Institutions and conflicts are JSON arrays read by the same readers as an agency's
    // catalogue (no CSV row reader of their own in the binary).
    let institutions: Vec<Institution> = crate::document::from_text(INSTITUTIONS)?;
    let gcm_objectives = Table::read("gcm_objectives.csv", GCM_OBJECTIVES)?
        .rows()
        .map(|r| {
            Ok(GcmObjective {
                number: r.number("number")?,
                short: r.text2("short_es", "short_en")?,
                title: r.text2("title_es", "title_en")?,
                title_es_verified: r.flag("title_es_verified")?,
                source: r.opt("source")?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let gcm_principles = Table::read("gcm_principles.csv", GCM_PRINCIPLES)?
        .rows()
        .map(|r| {
            Ok(GcmPrinciple {
                key: r.text("key")?,
                name: r.text2("name_es", "name_en")?,
                source: r.opt("source")?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let sdgs = Table::read("sdgs.csv", SDGS)?
        .rows()
        .map(|r| {
            Ok(Sdg {
                number: r.number("number")?,
                name: r.text2("name_es", "name_en")?,
                source: r.opt("source")?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let presidencies = Table::read("presidencies.csv", PRESIDENCIES)?
        .rows()
        .map(|r| {
            Ok(Presidency {
                year: r.number("year")?,
                country: r.text("country")?,
                vice_ministerial_meeting: r.opt("vice_ministerial_meeting")?,
                notes: r.opt("notes")?,
                source: r.opt("source")?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
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

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    fn message(e: Error) -> String {
        match e {
            Error::InvalidFile { format, message } => format!("{format}: {message}"),
            other => panic!("not invalid_file: {other:?}"),
        }
    }

    #[test]
    fn cells_are_read_by_column_name_with_the_line_in_errors() {
        let t = Table::read("x.csv", "b,a,n\n q ,1| y |,7\nz,,x\n").unwrap();
        let rows: Vec<Row<'_>> = t.rows().collect();
        assert_eq!(rows[0].text("b").unwrap(), " q ");
        assert_eq!(rows[0].opt("b").unwrap().as_deref(), Some("q"));
        assert_eq!(rows[1].opt("a").unwrap(), None);
        assert_eq!(rows[0].list("a").unwrap(), ["1", "y"]);
        assert_eq!(rows[0].number::<u8>("n").unwrap(), 7);
        assert_eq!(
            message(rows[1].number::<u8>("n").unwrap_err()),
            "csv (x.csv): line 3, column n: not a number"
        );
        assert_eq!(
            message(rows[0].text("missing").unwrap_err()),
            "csv (x.csv): line 2, column missing: missing"
        );
    }

    #[test]
    fn a_country_role_outside_the_three_is_refused() {
        let t = Table::read("countries.csv", "role\nmember\nobserver\nother\nboss\n").unwrap();
        let rows: Vec<Row<'_>> = t.rows().collect();
        assert_eq!(role(&rows[0]).unwrap(), CountryRole::Member);
        assert_eq!(role(&rows[1]).unwrap(), CountryRole::Observer);
        assert_eq!(role(&rows[2]).unwrap(), CountryRole::Other);
        assert!(message(role(&rows[3]).unwrap_err()).contains("line 5, column role"));
    }

    #[test]
    fn flags_are_true_or_false_and_nothing_else() {
        let t = Table::read("x.csv", "f,t2\ntrue,a\nfalse,b\nyes,c\n").unwrap();
        let rows: Vec<Row<'_>> = t.rows().collect();
        assert!(rows[0].flag("f").unwrap());
        assert!(!rows[1].flag("f").unwrap());
        assert!(
            message(rows[2].flag("f").unwrap_err()).contains("line 4, column f: not true or false")
        );
        let text = rows[0].text2("f", "t2").unwrap();
        assert_eq!((text.es.as_str(), text.en.as_str()), ("true", "a"));
    }

    #[test]
    fn the_embedded_files_load_completely() {
        let data = load().unwrap();
        let count = |text: &str| text.lines().count() - 1;
        assert_eq!(data.countries.len(), count(COUNTRIES));
        assert_eq!(data.organizations.len(), count(ORGANIZATIONS));
        assert_eq!(data.gcm_objectives.len(), 23);
        assert_eq!(data.sdgs.len(), 17);
        assert_eq!(data.presidencies.len(), count(PRESIDENCIES));
        // No Spanish title is verified yet (the file says "false" on every line).
        let verified = GCM_OBJECTIVES
            .lines()
            .filter(|l| l.contains(",true,"))
            .count();
        let read = data
            .gcm_objectives
            .iter()
            .filter(|o| o.title_es_verified)
            .count();
        assert_eq!(read, verified);
    }
}
