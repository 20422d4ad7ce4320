//! Consistency checks of a catalogue's data: duplicate codes and dangling references.

use super::CatalogData;
use crate::diagnostic::Diagnostic;
use crate::rules::Rule;
use crate::text::normalize_key;
use std::collections::{HashMap, HashSet};

/// Every problem of `data`, each with the JSON Pointer of the offending value.
pub(super) fn check(data: &CatalogData) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if data.version.trim().is_empty() {
        out.push(
            Rule::MissingField
                .finding("/version")
                .with_param("field", "version"),
        );
    }
    duplicates(
        &mut out,
        "countries",
        data.countries.iter().map(|c| c.iso3.as_str()),
        "iso3",
    );
    duplicates(
        &mut out,
        "countries",
        data.countries.iter().map(|c| c.iso2.as_str()),
        "iso2",
    );
    // Two countries must not share a spelling, or parsing would be ambiguous.
    let mut spellings: HashMap<String, usize> = HashMap::new();
    for (i, c) in data.countries.iter().enumerate() {
        for (j, s) in c.aliases.iter().enumerate() {
            if let Some(&other) = spellings.get(&normalize_key(s)) {
                if other != i {
                    out.push(dup(&format!("/countries/{i}/aliases/{j}"), s, "countries"));
                }
            }
        }
        for s in [&c.iso3, &c.iso2, &c.name.es, &c.name.en]
            .into_iter()
            .chain(c.aliases.iter())
        {
            spellings.entry(normalize_key(s)).or_insert(i);
        }
    }
    duplicates(
        &mut out,
        "organizations",
        data.organizations.iter().map(|o| o.code.as_str()),
        "code",
    );
    institutions(data, &mut out);
    duplicates(
        &mut out,
        "gcm_objectives",
        data.gcm_objectives.iter().map(|o| o.number.to_string()),
        "number",
    );
    duplicates(
        &mut out,
        "sdgs",
        data.sdgs.iter().map(|o| o.number.to_string()),
        "number",
    );
    duplicates(
        &mut out,
        "congresses",
        data.congresses.iter().map(|c| c.edition.to_string()),
        "edition",
    );
    duplicates(
        &mut out,
        "guideline_sets",
        data.guideline_sets.iter().map(|s| s.version.as_str()),
        "version",
    );

    congress_dates(data, &mut out);

    let gcm: HashSet<u8> = data.gcm_objectives.iter().map(|o| o.number).collect();
    let sdg: HashSet<u8> = data.sdgs.iter().map(|o| o.number).collect();
    for (si, set) in data.guideline_sets.iter().enumerate() {
        let base = format!("/guideline_sets/{si}");
        duplicates(
            &mut out,
            &format!("guideline_sets/{si}/axes"),
            set.axes.iter().map(|a| a.code.as_str()),
            "code",
        );
        duplicates(
            &mut out,
            &format!("guideline_sets/{si}/guidelines"),
            set.guidelines.iter().map(|g| g.code.as_str()),
            "code",
        );
        let axes: HashSet<&str> = set.axes.iter().map(|a| a.code.as_str()).collect();
        let codes: HashSet<&str> = set.guidelines.iter().map(|g| g.code.as_str()).collect();
        for (ai, a) in set.axes.iter().enumerate() {
            refs(
                &mut out,
                &format!("{base}/axes/{ai}/gcm_objectives"),
                &a.gcm_objectives,
                &gcm,
                "gcm_objective",
            );
            refs(
                &mut out,
                &format!("{base}/axes/{ai}/sdgs"),
                &a.sdgs,
                &sdg,
                "sdg",
            );
        }
        for (gi, g) in set.guidelines.iter().enumerate() {
            let p = format!("{base}/guidelines/{gi}");
            if !axes.contains(g.axis.as_str()) {
                out.push(dangling(&format!("{p}/axis"), &g.axis, "axis"));
            }
            for (ri, r) in g.replaced_by.iter().enumerate() {
                if !codes.contains(r.as_str()) {
                    out.push(dangling(&format!("{p}/replaced_by/{ri}"), r, "guideline"));
                }
            }
            refs(
                &mut out,
                &format!("{p}/gcm_objectives"),
                &g.gcm_objectives,
                &gcm,
                "gcm_objective",
            );
            refs(&mut out, &format!("{p}/sdgs"), &g.sdgs, &sdg, "sdg");
        }
    }
    let versions: HashSet<&str> = data
        .guideline_sets
        .iter()
        .map(|s| s.version.as_str())
        .collect();
    for (ci, cw) in data.crosswalks.iter().enumerate() {
        for (field, v) in [("from", &cw.from), ("to", &cw.to)] {
            if !versions.contains(v.as_str()) {
                out.push(dangling(
                    &format!("/crosswalks/{ci}/{field}"),
                    v,
                    "guideline_set",
                ));
            }
        }
    }
    if data.conflicts.iter().any(|c| c.path.is_some()) {
        // Through the JSON text (the writer of the content hash and the reader of options):
        // a value serialiser of every catalogue type would cost the WebAssembly module more.
        let doc = serde_json::to_string(data)
            .ok()
            .and_then(|text| serde_json::from_str::<serde_json::Value>(&text).ok());
        if let Some(doc) = doc {
            super::conflicts::check(&data.conflicts, &doc, &mut out);
        }
    }
    out
}

/// Institutions: unique codes, a known country, and no spelling shared by two institutions
/// of the same country (two countries may share an acronym: the lookup asks for the
/// country).
fn institutions(data: &CatalogData, out: &mut Vec<Diagnostic>) {
    duplicates(
        out,
        "institutions",
        data.institutions.iter().map(|i| i.code.as_str()),
        "code",
    );
    let countries: HashSet<&str> = data.countries.iter().map(|c| c.iso3.as_str()).collect();
    let mut spellings: HashMap<String, usize> = HashMap::new();
    for (i, inst) in data.institutions.iter().enumerate() {
        if !countries.is_empty() && !countries.contains(inst.country.as_str()) {
            out.push(dangling(
                &format!("/institutions/{i}/country"),
                &inst.country,
                "country",
            ));
        }
        for s in inst.spellings() {
            let key = super::institutions::scoped_key(&inst.country, &normalize_key(s));
            match spellings.get(&key) {
                Some(&other) if other != i => {
                    out.push(dup(&format!("/institutions/{i}"), s, "institutions"));
                }
                Some(_) => {}
                None => {
                    spellings.insert(key, i);
                }
            }
        }
    }
}

/// A congress's `year` and `month` agree with its `start`; a month is 1-12 and, without a
/// start, comes with a year.
fn congress_dates(data: &CatalogData, out: &mut Vec<Diagnostic>) {
    use chrono::Datelike;
    for (i, c) in data.congresses.iter().enumerate() {
        let base = format!("/congresses/{i}");
        if let Some(m) = c.month {
            if !(1..=12).contains(&m) {
                out.push(
                    Diagnostic::new("out_of_range", format!("{base}/month"))
                        .with_value(m.to_string())
                        .with_param("column", "month")
                        .with_param("min", "1")
                        .with_param("max", "12"),
                );
            }
            if c.year.is_none() && c.start.is_none() {
                out.push(
                    Rule::MissingField
                        .finding(format!("{base}/year"))
                        .with_param("field", "year"),
                );
            }
        }
        let Some(start) = c.start else { continue };
        let given = [
            (
                "year",
                c.year.map(|y| y.to_string()),
                start.year().to_string(),
            ),
            (
                "month",
                c.month.map(|m| m.to_string()),
                start.month().to_string(),
            ),
        ];
        for (field, value, from_start) in given {
            if let Some(value) = value.filter(|v| *v != from_start) {
                out.push(
                    Diagnostic::new("congress_date_mismatch", format!("{base}/{field}"))
                        .with_value(value)
                        .with_param("edition", c.edition.to_string())
                        .with_param("field", field)
                        .with_param("start", start.to_string()),
                );
            }
        }
    }
}

fn duplicates<S: AsRef<str>>(
    out: &mut Vec<Diagnostic>,
    list: &str,
    values: impl Iterator<Item = S>,
    field: &str,
) {
    let mut seen = HashSet::new();
    for (i, v) in values.enumerate() {
        if !seen.insert(v.as_ref().to_owned()) {
            out.push(dup(&format!("/{list}/{i}/{field}"), v.as_ref(), list));
        }
    }
}

fn dup(path: &str, value: &str, list: &str) -> Diagnostic {
    Diagnostic::new("duplicate_code", path)
        .with_value(value)
        .with_param("list", list)
}

fn dangling(path: &str, value: &str, kind: &str) -> Diagnostic {
    Diagnostic::new("dangling_reference", path)
        .with_value(value)
        .with_param("kind", kind)
}

fn refs(out: &mut Vec<Diagnostic>, path: &str, values: &[u8], known: &HashSet<u8>, kind: &str) {
    // An agency catalogue without GCM/SDG lists does not constrain the tags.
    if known.is_empty() {
        return;
    }
    for (i, v) in values.iter().enumerate() {
        if !known.contains(v) {
            out.push(dangling(&format!("{path}/{i}"), &v.to_string(), kind));
        }
    }
}
