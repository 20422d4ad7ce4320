//! `lineamientos catalog [--catalog FILE]`: the catalogue's summary, with sources.

use crate::fail::Failure;
use crate::input;
use crate::render::{self, t};
use crate::{CatalogArgs, Ctx, Format, Outcome};
use lineamientos::{Catalog, Lang, Provenance};
use serde_json::json;

/// The distinct sources of some records, in order of appearance.
fn sources<'a>(all: impl IntoIterator<Item = Option<&'a String>>) -> Vec<&'a str> {
    let mut out: Vec<&str> = Vec::new();
    for s in all.into_iter().flatten() {
        if !out.contains(&s.as_str()) {
            out.push(s);
        }
    }
    out
}

/// `  source: a; b` (nothing when there is no source).
fn source_line(out: &mut String, indent: &str, list: &[&str], lang: Lang) {
    if !list.is_empty() {
        out.push_str(&format!(
            "{indent}{}: {}\n",
            if list.len() == 1 {
                t(lang, "fuente", "source")
            } else {
                t(lang, "fuentes", "sources")
            },
            list.join("; ")
        ));
    }
}

/// The summary of `cat` in `lang`: members, observers, organisations, GCM and SDGs,
/// congresses with dates and places, the current guideline set's axes; each part with its
/// sources.
pub fn summary(cat: &Catalog, lang: Lang) -> String {
    let unknown = t(lang, "sin confirmar", "unconfirmed");
    let mut out = render::heading(cat.data().title.get(lang));
    out.push_str(&format!(
        "{}: {}  ({})\n\n",
        t(lang, "Versión", "Version"),
        cat.version(),
        cat.hash()
    ));

    let members: Vec<String> = cat
        .members()
        .map(|c| format!("{} ({})", c.name.get(lang), c.iso3))
        .collect();
    out.push_str(&format!(
        "{} ({}): {}\n",
        t(lang, "Países Miembros", "Member states"),
        members.len(),
        members.join(", ")
    ));
    source_line(
        &mut out,
        "  ",
        &sources(cat.members().map(|c| c.source.as_ref())),
        lang,
    );
    let observers: Vec<String> = cat
        .observer_countries()
        .map(|c| c.name.get(lang).to_owned())
        .collect();
    out.push_str(&format!(
        "{} ({}): {}\n",
        t(lang, "Países observadores", "Observer countries"),
        observers.len(),
        observers.join(", ")
    ));
    source_line(
        &mut out,
        "  ",
        &sources(cat.observer_countries().map(|c| c.source.as_ref())),
        lang,
    );
    let orgs: Vec<&str> = cat
        .organizations()
        .iter()
        .map(|o| o.code.as_str())
        .collect();
    out.push_str(&format!(
        "{} ({}): {}\n",
        t(lang, "Organismos observadores", "Observer organisations"),
        orgs.len(),
        orgs.join(", ")
    ));
    source_line(
        &mut out,
        "  ",
        &sources(cat.organizations().iter().map(|o| o.source.as_ref())),
        lang,
    );
    out.push_str(&format!(
        "{}: {} · {}: {} · {}: {}\n",
        t(lang, "Objetivos del Pacto Mundial", "GCM objectives"),
        cat.gcm_objectives().len(),
        t(
            lang,
            "Principios rectores del Pacto",
            "GCM guiding principles"
        ),
        cat.gcm_principles().len(),
        t(lang, "ODS", "SDGs"),
        cat.sdgs().len()
    ));
    let mut refs = sources(cat.gcm_objectives().iter().map(|o| o.source.as_ref()));
    for s in sources(cat.gcm_principles().iter().map(|p| p.source.as_ref()))
        .into_iter()
        .chain(sources(cat.sdgs().iter().map(|s| s.source.as_ref())))
    {
        if !refs.contains(&s) {
            refs.push(s);
        }
    }
    source_line(&mut out, "  ", &refs, lang);

    out.push_str(&format!(
        "\n{}\n",
        t(
            lang,
            "Congresos regionales sobre mujeres en contextos migratorios",
            "Regional congresses on women in the context of migration"
        )
    ));
    for c in cat.congresses() {
        let dates = match (c.start, c.end) {
            (Some(s), Some(e)) => format!("{s} – {e}"),
            (Some(s), None) => s.to_string(),
            _ => unknown.to_owned(),
        };
        let place = match (
            &c.city,
            c.country.as_deref().and_then(|iso| cat.country(iso)),
        ) {
            (Some(city), Some(country)) => format!("{city}, {}", country.name.get(lang)),
            (None, Some(country)) => country.name.get(lang).to_owned(),
            (Some(city), None) => city.clone(),
            (None, None) => unknown.to_owned(),
        };
        let theme = c
            .theme
            .as_ref()
            .map(|th| format!(" — {}", th.get(lang)))
            .unwrap_or_default();
        out.push_str(&format!(
            "  {:<4} {:<25} {}{}\n",
            c.label(),
            dates,
            place,
            theme
        ));
        source_line(&mut out, "       ", &sources([c.source.as_ref()]), lang);
    }
    let presidencies = sources(cat.presidencies().iter().map(|p| p.source.as_ref()));
    if !cat.presidencies().is_empty() {
        out.push_str(&format!(
            "{}: {}\n",
            t(lang, "Presidencias Pro Tempore", "Pro-Tempore Presidencies"),
            cat.presidencies()
                .iter()
                .map(|p| format!("{} {}", p.year, p.country))
                .collect::<Vec<_>>()
                .join(", ")
        ));
        source_line(&mut out, "  ", &presidencies, lang);
    }

    if let Some(set) = cat.current_guideline_set() {
        out.push_str(&format!(
            "\n{} {} ({})\n",
            t(
                lang,
                "Ejes temáticos de los lineamientos, versión",
                "Thematic axes of the guidelines, version"
            ),
            set.version,
            match set.provenance {
                Provenance::Official => t(lang, "texto oficial", "official text"),
                Provenance::Illustrative => t(
                    lang,
                    "conjunto ilustrativo, no es el texto oficial",
                    "illustrative set, not the official text"
                ),
            }
        ));
        for axis in &set.axes {
            out.push_str(&format!(
                "  {:<4} {} ({} {})\n",
                axis.code,
                axis.name.get(lang),
                set.active_in_axis(&axis.code).count(),
                t(lang, "lineamientos", "items")
            ));
        }
        let mut set_sources = sources(set.principles.iter().map(|p| p.source.as_ref()));
        for s in sources(set.approaches.iter().map(|a| a.source.as_ref())) {
            if !set_sources.contains(&s) {
                set_sources.push(s);
            }
        }
        out.push_str(&format!(
            "{}: {} · {}: {}\n",
            t(lang, "Principios rectores", "Guiding principles"),
            set.principles.len(),
            t(lang, "Enfoques", "Approaches"),
            set.approaches.len()
        ));
        source_line(&mut out, "  ", &set_sources, lang);
        if let Some(note) = &set.note {
            out.push_str(&format!("  {}: {note}\n", t(lang, "nota", "note")));
        }
    }
    out
}

/// Runs `catalog`.
pub fn run(a: &CatalogArgs, ctx: Ctx) -> Result<Outcome, Failure> {
    let cat = input::catalog(a.catalog.as_deref())?;
    match ctx.format {
        Format::Json => {
            let doc = json!({
                "command": "catalog",
                "ok": true,
                "version": cat.version(),
                "hash": cat.hash(),
                "pins": cat.pins(),
                "catalog": cat.data(),
            });
            render::write_stdout(&render::json_text(&doc));
        }
        Format::Text if ctx.quiet => {}
        Format::Text => render::write_stdout(&summary(&cat, ctx.lang)),
    }
    Ok(Outcome { errors: false })
}
