//! The embedded catalogue holds the confirmed facts, and catalogues from JSON load or fail
//! with coded errors.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // test code

use chrono::NaiveDate;
use lineamientos::{Catalog, CodeKind, CountryRole, Error, Lang, OrganizationKind, Provenance};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn embedded_catalogue_loads_and_is_consistent() {
    let cat = Catalog::try_embedded().expect("embedded data files are valid");
    assert!(!cat.version().is_empty());
    assert!(cat.hash().starts_with("sha256:") && cat.hash().len() == 7 + 64);
}

#[test]
fn members_and_observer_countries() {
    let cat = Catalog::embedded();
    let mut members: Vec<&str> = cat.members().map(|c| c.iso3.as_str()).collect();
    members.sort_unstable();
    assert_eq!(
        members,
        [
            "BLZ", "CAN", "CRI", "DOM", "GTM", "HND", "MEX", "NIC", "PAN", "SLV", "USA"
        ]
    );
    let mut observers: Vec<&str> = cat.observer_countries().map(|c| c.iso3.as_str()).collect();
    observers.sort_unstable();
    assert_eq!(observers, ["ARG", "COL", "ECU", "JAM", "PER"]);
    let dom = cat.country("DOM").unwrap();
    assert_eq!(dom.iso2, "DO");
    assert_eq!(dom.name.es, "República Dominicana");
    assert_eq!(dom.name.en, "Dominican Republic");
    assert_eq!(dom.role, CountryRole::Member);
    assert!(cat.countries().iter().all(|c| c.source.is_some()));
}

#[test]
fn observer_organisations() {
    let cat = Catalog::embedded();
    let codes: Vec<&str> = cat
        .organizations()
        .iter()
        .map(|o| o.code.as_str())
        .collect();
    assert_eq!(
        codes,
        [
            "IOM",
            "ECLAC-CELADE",
            "UNHCR",
            "IACHR",
            "UNSR-MIGRANTS",
            "SICA",
            "UNFPA",
            "SEGIB",
            "ICRC",
            "UNICEF",
            "ILO",
            "UNDP",
            "UNODC",
            "UN-WOMEN",
            "OAS",
            "OCAM",
            "CEDAW"
        ]
    );
    // The 13 CRM observers, and the partners and bodies the practice entry names.
    let observers = cat
        .organizations()
        .iter()
        .filter(|o| o.kind == OrganizationKind::Observer)
        .count();
    assert_eq!(observers, 13);
    let kinds: Vec<(&str, &str)> = cat.organizations()[13..]
        .iter()
        .map(|o| (o.code.as_str(), o.kind.code()))
        .collect();
    assert_eq!(
        kinds,
        [
            ("UN-WOMEN", "partner"),
            ("OAS", "regional_body"),
            ("OCAM", "regional_body"),
            ("CEDAW", "treaty_body")
        ]
    );
    assert!(cat.organizations().iter().all(|o| o.source.is_some()));
    assert_eq!(
        OrganizationKind::TreatyBody.label(Lang::Es),
        "Órgano de tratado"
    );
    assert_eq!(cat.parse_organization("OEA").unwrap().code, "OAS");
    assert_eq!(
        cat.parse_organization("Organización de los Estados Americanos")
            .unwrap()
            .code,
        "OAS"
    );
    assert_eq!(
        cat.parse_organization("Comisión Centroamericana de Directoras y Directores de Migración")
            .unwrap()
            .code,
        "OCAM"
    );
    assert_eq!(
        cat.parse_organization("Comité CEDAW").unwrap().code,
        "CEDAW"
    );
    assert_eq!(cat.parse_organization("OIM").unwrap().code, "IOM");
    assert_eq!(cat.parse_organization("acnur").unwrap().code, "UNHCR");
    assert_eq!(cat.parse_participant("PNUD").unwrap(), "UNDP");
    assert_eq!(cat.parse_participant("Guatemala").unwrap(), "GTM");
}

#[test]
fn gcm_objectives_principles_and_sdgs() {
    let cat = Catalog::embedded();
    let numbers: Vec<u8> = cat.gcm_objectives().iter().map(|o| o.number).collect();
    assert_eq!(numbers, (1..=23).collect::<Vec<u8>>());
    assert_eq!(
        cat.gcm_objective(10).unwrap().short.en,
        "Eradicate trafficking"
    );
    assert_eq!(
        cat.gcm_objective(23).unwrap().short.es,
        "Cooperación internacional"
    );
    assert!(
        cat.gcm_objectives().iter().all(|o| !o.title_es_verified),
        "Spanish full titles are unverified"
    );
    let keys: Vec<&str> = cat
        .gcm_principles()
        .iter()
        .map(|p| p.key.as_str())
        .collect();
    assert_eq!(keys, ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"]);
    assert_eq!(cat.gcm_principles()[6].name.en, "Gender-responsive");
    let sdgs: Vec<u8> = cat.sdgs().iter().map(|s| s.number).collect();
    assert_eq!(sdgs, (1..=17).collect::<Vec<u8>>());
    assert_eq!(cat.sdg(5).unwrap().name.es, "Igualdad de género");
    for written in ["5", "ODS 5", "sdg5", "Objetivo 5", " ods-5 "] {
        assert_eq!(cat.parse_sdg(written).unwrap().number, 5, "{written}");
    }
    for written in ["7", "Objetivo 7", "GCM 7", "obj7"] {
        assert_eq!(
            cat.parse_gcm_objective(written).unwrap().number,
            7,
            "{written}"
        );
    }
    for bad in ["24", "0", "ODS", "ODS 5b", "x7", "999999"] {
        assert_eq!(
            cat.parse_gcm_objective(bad).unwrap_err().code(),
            "unknown_code",
            "{bad}"
        );
    }
    assert_eq!(cat.parse_sdg("18").unwrap_err().code(), "unknown_code");
    assert_eq!(
        cat.parse_gcm_principle("Perspectiva de género")
            .unwrap()
            .key,
        "g"
    );
    assert_eq!(cat.parse_gcm_principle("human rights").unwrap().key, "f");
    match cat.parse_gcm_principle("Gender responsiv") {
        Err(Error::UnknownCode {
            kind: CodeKind::GcmPrinciple,
            suggestion,
            ..
        }) => assert_eq!(suggestion.as_deref(), Some("g")),
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn congresses_i_to_vi_with_confirmed_facts_only() {
    let cat = Catalog::embedded();
    let editions: Vec<String> = cat.congresses().iter().map(|c| c.label()).collect();
    assert_eq!(editions, ["I", "II", "III", "IV", "V", "VI"]);

    let i = cat.congress(1).unwrap();
    assert_eq!(
        (i.start, i.end),
        (Some(date(2018, 12, 18)), Some(date(2018, 12, 20)))
    );
    assert_eq!(i.city.as_deref(), Some("San Salvador"));
    assert_eq!(i.country.as_deref(), Some("SLV"));

    let ii = cat.congress(2).unwrap();
    assert_eq!(
        (ii.start, ii.end),
        (Some(date(2019, 12, 3)), Some(date(2019, 12, 5)))
    );
    assert_eq!(ii.city.as_deref(), Some("San José"));
    assert_eq!(ii.country.as_deref(), Some("CRI"));

    let v = cat.congress(5).unwrap();
    assert_eq!(
        (v.start, v.end),
        (Some(date(2023, 7, 6)), Some(date(2023, 7, 7)))
    );
    assert_eq!(v.city.as_deref(), Some("Panama City"));
    assert_eq!(v.working_tables().count(), 3);

    // Unknown stays unknown: no invented dates or places.
    for edition in [3, 4, 6] {
        let c = cat.congress(edition).unwrap();
        assert_eq!(
            (c.start, c.end, c.city.as_deref()),
            (None, None, None),
            "edition {edition}"
        );
    }
    assert_eq!(cat.congress(3).unwrap().presidency.as_deref(), Some("MEX"));
    assert!(cat.congress(6).unwrap().presidency.is_none());
    assert!(cat.congress(7).is_none());
}

#[test]
fn presidencies_by_year() {
    let cat = Catalog::embedded();
    assert_eq!(cat.presidency(2017).unwrap().country, "SLV");
    assert_eq!(cat.presidency(2021).unwrap().country, "MEX");
    assert_eq!(
        cat.presidency(2023)
            .unwrap()
            .vice_ministerial_meeting
            .as_deref(),
        Some("XXVIII")
    );
    assert!(cat.presidency(2015).is_none());
}

#[test]
fn illustrative_guideline_sets_principles_and_approaches() {
    let cat = Catalog::embedded();
    let versions: Vec<&str> = cat
        .guideline_sets()
        .iter()
        .map(|s| s.version.as_str())
        .collect();
    assert_eq!(versions, ["2017", "2023"]);
    for set in cat.guideline_sets() {
        assert_eq!(set.provenance, Provenance::Illustrative);
        assert!(
            (8..=12).contains(&set.axes.len()),
            "{} axes",
            set.axes.len()
        );
        assert_eq!(set.principles.len(), 10);
        assert_eq!(set.principles[3].name.es, "No devolución");
        assert_eq!(set.approaches.len(), 9);
        for axis in &set.axes {
            assert!(
                !axis.gcm_objectives.is_empty() && !axis.sdgs.is_empty(),
                "{}",
                axis.code
            );
            assert!(set.active_in_axis(&axis.code).count() >= 2, "{}", axis.code);
        }
    }
    let v2023 = cat.guideline_set("2023").unwrap();
    let retired = v2023.guideline("DAT-3").unwrap();
    assert_eq!(retired.retired.as_deref(), Some("2023"));
    assert_eq!(retired.replaced_by, ["DAT-4"]);
    assert_eq!(
        cat.crosswalk("2017", "2023").unwrap().targets("DAT-3"),
        ["DAT-4"]
    );
    assert_eq!(
        cat.crosswalk("2017", "2023").unwrap().targets("VCM-1"),
        ["VCM-1"]
    );
    assert_eq!(cat.current_guideline_set().unwrap().version, "2023");
    assert_eq!(
        cat.parse_axis("2017", "violencia contra las mujeres y las niñas")
            .unwrap()
            .code,
        "VCM"
    );
    assert_eq!(cat.parse_guideline("2017", "vcm 2").unwrap().code, "VCM-2");
    assert_eq!(
        cat.guideline_set("1999").unwrap_err().code(),
        "unknown_code"
    );
}

#[test]
fn countries_parse_from_any_spelling() {
    let cat = Catalog::embedded();
    for s in [
        "México",
        "mexico",
        "MX",
        "MEX",
        "mex",
        "MÉXICO",
        " Mexico ",
        "Estados Unidos Mexicanos",
    ] {
        assert_eq!(cat.parse_country(s).unwrap().iso3, "MEX", "{s}");
    }
    for s in [
        "Rep. Dominicana",
        "República Dominicana",
        "Dominican Republic",
        "DO",
        "dom",
    ] {
        assert_eq!(cat.parse_country(s).unwrap().iso3, "DOM", "{s}");
    }
    for s in [
        "EE.UU.",
        "USA",
        "US",
        "Estados Unidos",
        "United States of America",
        "EEUU",
    ] {
        assert_eq!(cat.parse_country(s).unwrap().iso3, "USA", "{s}");
    }
    assert_eq!(cat.parse_country("Panamá").unwrap().iso3, "PAN");
    assert_eq!(cat.parse_country("peru").unwrap().iso3, "PER");
}

#[test]
fn unknown_country_suggests_nearest() {
    let cat = Catalog::embedded();
    match cat.parse_country("Guatemla") {
        Err(Error::UnknownCode {
            kind,
            value,
            suggestion,
        }) => {
            assert_eq!(kind, CodeKind::Country);
            assert_eq!(value, "Guatemla");
            assert_eq!(suggestion.as_deref(), Some("GTM"));
        }
        other => panic!("unexpected {other:?}"),
    }
    let err = cat.parse_country("Atlantis").unwrap_err();
    assert_eq!(err.code(), "unknown_code");
    assert!(matches!(
        err,
        Error::UnknownCode {
            suggestion: None,
            ..
        }
    ));
    assert_eq!(cat.parse_country("").unwrap_err().code(), "unknown_code");
}

#[test]
fn json_round_trip_keeps_content_and_hash() {
    let cat = Catalog::embedded();
    let json = cat.to_json().unwrap();
    let again = Catalog::from_json(&json).unwrap();
    assert_eq!(again.hash(), cat.hash());
    assert_eq!(again.data(), cat.data());
    assert_eq!(again.pins().catalog_version, cat.version());
}

#[test]
fn content_hash_changes_with_content() {
    let cat = Catalog::embedded();
    let mut data = cat.data().clone();
    data.countries[0].name.en.push('!');
    let changed = Catalog::from_data(data).unwrap();
    assert_ne!(changed.hash(), cat.hash());
}

#[test]
fn malformed_catalogue_json_gives_position() {
    let text = "{\n  \"version\": \"agency-1\",\n  \"title\": {\"es\": \"x\", \"en\": \"y\"},\n  \"countries\": [ {\"iso3\": \"MEX\",, } ]\n}";
    match Catalog::from_json(text) {
        Err(Error::Json { line, column, .. }) => {
            assert_eq!(line, 4);
            assert!(column > 0);
        }
        other => panic!("unexpected {other:?}"),
    }
    let wrong_type =
        Catalog::from_json(r#"{"version": 7, "title": {"es": "", "en": ""}}"#).unwrap_err();
    assert_eq!(wrong_type.code(), "invalid_json");
    assert!(matches!(wrong_type, Error::Json { line: 1, .. }));
    assert_eq!(Catalog::from_json("").unwrap_err().code(), "invalid_json");
    assert_eq!(
        Catalog::from_json("\u{feff}{}").unwrap_err().code(),
        "invalid_json"
    );
}

#[test]
fn oversized_catalogue_is_refused() {
    let text = " ".repeat(Catalog::MAX_JSON_BYTES + 1);
    assert_eq!(
        Catalog::from_json(&text).unwrap_err().code(),
        "limit_exceeded"
    );
}

#[test]
fn inconsistent_catalogue_lists_every_problem_with_paths() {
    let mut data = Catalog::embedded().data().clone();
    let dup = data.countries[0].clone();
    data.countries.push(dup); // duplicate BLZ at /countries/16
    data.guideline_sets[0].guidelines[1].axis = "NOPE".into();
    data.crosswalks[0].to = "2099".into();
    let text = serde_json::to_string(&data).unwrap();
    let err = Catalog::from_json(&text).unwrap_err();
    assert_eq!(err.code(), "invalid_catalog");
    let found: Vec<(&str, &str)> = err
        .diagnostics()
        .iter()
        .map(|d| (d.code.as_str(), d.path.as_str()))
        .collect();
    assert!(
        found.contains(&("duplicate_code", "/countries/16/iso3")),
        "{found:?}"
    );
    assert!(
        found.contains(&("dangling_reference", "/guideline_sets/0/guidelines/1/axis")),
        "{found:?}"
    );
    assert!(
        found.contains(&("dangling_reference", "/crosswalks/0/to")),
        "{found:?}"
    );
    assert!(
        err.diagnostics()
            .iter()
            .all(|d| !d.message(Lang::Es).is_empty())
    );
}

#[test]
fn an_agency_catalogue_can_be_minimal() {
    let text = r#"{
      "version": "agencia-2025.1",
      "title": {"es": "Catálogo oficial", "en": "Official catalogue"},
      "countries": [{"iso3": "HND", "iso2": "HN", "name": {"es": "Honduras", "en": "Honduras"}, "role": "member"}],
      "guideline_sets": [{"version": "2025", "title": {"es": "L", "en": "G"}, "provenance": "official",
         "axes": [{"code": "A1", "name": {"es": "Eje uno", "en": "Axis one"}}],
         "guidelines": [{"code": "A1-1", "axis": "A1", "text": {"es": "t", "en": "t"}}]}]
    }"#;
    let cat = Catalog::from_json(text).unwrap();
    assert_eq!(cat.version(), "agencia-2025.1");
    assert_eq!(cat.parse_country("honduras").unwrap().iso3, "HND");
    assert_eq!(
        cat.guideline_set("2025").unwrap().provenance,
        Provenance::Official
    );
    assert!(cat.parse_country("MEX").is_err());
}
