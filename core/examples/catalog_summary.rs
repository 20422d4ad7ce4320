//! Prints a bilingual summary of the embedded default catalogue (members, congresses with
//! dates and places, thematic axes) and can write the whole catalogue as JSON.
//!
//! ```text
//! cargo run -p lineamientos --example catalog_summary                  # Spanish and English
//! cargo run -p lineamientos --example catalog_summary -- --lang en     # English only
//! cargo run -p lineamientos --example catalog_summary -- --json out/catalog.json
//! ```

use lineamientos::{Catalog, DatePrecision, Lang, OrganizationKind, Provenance};
use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut langs = vec![Lang::Es, Lang::En];
    let mut json_path = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--lang" => match args.next().map(|l| Lang::parse(&l)) {
                Some(Ok(lang)) => langs = vec![lang],
                _ => return usage("--lang takes es or en"),
            },
            "--json" => match args.next() {
                Some(p) => json_path = Some(p),
                None => return usage("--json takes a file path"),
            },
            "-h" | "--help" => return usage(""),
            other => return usage(&format!("unknown argument {other:?}")),
        }
    }

    let cat = Catalog::embedded();
    let mut stdout = std::io::stdout().lock();
    for lang in langs {
        // A closed pipe (`| head`) is not an error worth a panic: stop quietly.
        if stdout.write_all(summary(&cat, lang).as_bytes()).is_err() {
            return ExitCode::SUCCESS;
        }
    }
    if let Some(path) = json_path {
        if let Some(dir) = std::path::Path::new(&path)
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
        {
            if let Err(e) = std::fs::create_dir_all(dir) {
                eprintln!("error: cannot create {}: {e}", dir.display());
                return ExitCode::FAILURE;
            }
        }
        let json = match cat.to_json() {
            Ok(json) => json,
            Err(e) => {
                eprintln!("error: cannot serialise the catalogue: {e}");
                return ExitCode::FAILURE;
            }
        };
        if let Err(e) = std::fs::write(&path, json) {
            eprintln!("error: cannot write {path}: {e}");
            return ExitCode::FAILURE;
        }
        eprintln!("catalogue written to {path}");
    }
    ExitCode::SUCCESS
}

fn summary(cat: &Catalog, lang: Lang) -> String {
    let es = lang == Lang::Es;
    let t = |a: &'static str, b: &'static str| if es { a } else { b };
    let unknown = t("sin confirmar", "unconfirmed");
    let mut out = String::new();
    out.push_str(&format!("== {} ==\n", cat.data().title.get(lang)));
    out.push_str(&format!(
        "{}: {}  ({})\n\n",
        t("Versión", "Version"),
        cat.version(),
        cat.hash()
    ));

    let members: Vec<String> = cat
        .members()
        .map(|c| format!("{} ({})", c.name.get(lang), c.iso3))
        .collect();
    out.push_str(&format!(
        "{} ({}): {}\n",
        t("Países Miembros", "Member states"),
        members.len(),
        members.join(", ")
    ));
    let observers: Vec<String> = cat
        .observer_countries()
        .map(|c| c.name.get(lang).to_owned())
        .collect();
    out.push_str(&format!(
        "{} ({}): {}\n",
        t("Países observadores", "Observer countries"),
        observers.len(),
        observers.join(", ")
    ));
    for kind in OrganizationKind::ALL {
        let orgs: Vec<&str> = cat
            .organizations()
            .iter()
            .filter(|o| o.kind == *kind)
            .map(|o| o.code.as_str())
            .collect();
        if !orgs.is_empty() {
            out.push_str(&format!(
                "{} ({}): {}\n",
                kind.label(lang),
                orgs.len(),
                orgs.join(", ")
            ));
        }
    }
    let institutions: Vec<String> = cat
        .institutions()
        .iter()
        .map(|i| {
            format!(
                "{} ({})",
                i.acronym.as_deref().unwrap_or(&i.code),
                i.country
            )
        })
        .collect();
    out.push_str(&format!(
        "{} ({}): {}\n",
        t(
            "Instituciones nacionales (mecanismos de la mujer, autoridades migratorias)",
            "National institutions (women's mechanisms, migration authorities)"
        ),
        institutions.len(),
        institutions.join(", ")
    ));
    out.push_str(&format!(
        "{}: {} · {}: {} · {}: {}\n\n",
        t("Objetivos del Pacto Mundial", "GCM objectives"),
        cat.gcm_objectives().len(),
        t("Principios rectores del Pacto", "GCM guiding principles"),
        cat.gcm_principles().len(),
        t("ODS", "SDGs"),
        cat.sdgs().len()
    ));

    out.push_str(&format!(
        "{}\n",
        t(
            "Congresos regionales sobre mujeres en contextos migratorios",
            "Regional congresses on women in the context of migration"
        )
    ));
    for c in cat.congresses() {
        let dates = match (c.start, c.end, c.held_on()) {
            (Some(s), Some(e), _) => format!("{s} – {e}"),
            (_, _, Some(held)) => {
                let only = match held.precision {
                    DatePrecision::Month => t("solo el mes", "month only"),
                    _ => t("solo el año", "year only"),
                };
                format!("{} ({only})", held.label())
            }
            _ => unknown.to_owned(),
        };
        let place = match (
            &c.city,
            c.country.as_deref().and_then(|iso| cat.country(iso)),
        ) {
            (Some(city), Some(country)) => format!("{city}, {}", country.name.get(lang)),
            _ => unknown.to_owned(),
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
    }

    if let Some(set) = cat.current_guideline_set() {
        out.push_str(&format!(
            "\n{} {} ({})\n",
            t(
                "Ejes temáticos de los lineamientos, versión",
                "Thematic axes of the guidelines, version"
            ),
            set.version,
            match set.provenance {
                Provenance::Official => t("texto oficial", "official text"),
                Provenance::Illustrative => t(
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
                t("lineamientos", "items")
            ));
        }
    }
    if !cat.conflicts().is_empty() {
        out.push_str(&format!(
            "\n{}\n",
            t(
                "Fuentes en conflicto (valor usado y por qué)",
                "Conflicting sources (value used and why)"
            )
        ));
        for c in cat.conflicts() {
            let claims: Vec<String> = c
                .claims
                .iter()
                .map(|k| format!("{} ({})", k.value, k.source))
                .collect();
            out.push_str(&format!(
                "  {}: {} = {}. {}\n    {}\n",
                c.title.get(lang),
                t("se usa", "used"),
                c.used,
                c.reason.get(lang),
                claims.join("; ")
            ));
        }
    }
    out.push('\n');
    out
}

fn usage(problem: &str) -> ExitCode {
    if !problem.is_empty() {
        eprintln!("error: {problem}");
    }
    eprintln!("usage: catalog_summary [--lang es|en] [--json PATH]");
    if problem.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    }
}
