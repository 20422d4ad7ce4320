//! Property tests: every model survives a JSON round trip unchanged, and code parsing ignores
//! case, accents and surrounding spaces.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // test code

use chrono::NaiveDate;
use lineamientos::*;
use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;
use serde::Serialize;
use serde::de::DeserializeOwned;

fn round_trip<T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug>(value: &T) {
    let json = serde_json::to_string(value).unwrap();
    let back: T = serde_json::from_str(&json).unwrap();
    assert_eq!(&back, value, "{json}");
}

fn date() -> impl Strategy<Value = NaiveDate> {
    (1990i32..2100, 1u32..=366).prop_map(|(y, d)| {
        NaiveDate::from_yo_opt(y, d).unwrap_or(NaiveDate::from_yo_opt(y, 1).unwrap())
    })
}

fn text() -> impl Strategy<Value = Text> {
    (".{0,12}", ".{0,12}", option::of(".{0,8}")).prop_map(|(es, en, fr)| Text { es, en, fr })
}

fn small_f64() -> impl Strategy<Value = f64> {
    // Finite values only: JSON has no NaN or infinity.
    (-1_000_000i64..1_000_000).prop_map(|n| n as f64 / 100.0)
}

fn indicator() -> impl Strategy<Value = Indicator> {
    (
        option::of(".{0,10}"),
        option::of("[a-z%]{0,6}"),
        option::of(small_f64()),
        option::of(small_f64()),
    )
        .prop_map(|(name, unit, baseline, target)| Indicator {
            name,
            unit,
            baseline,
            target,
        })
}

fn activity() -> impl Strategy<Value = Activity> {
    (
        (
            option::of("[a-z0-9-]{1,8}"),
            option::of(".{0,20}"),
            option::of(prop::sample::select(ActivityKind::ALL.to_vec())),
        ),
        (option::of(date()), option::of(date())),
        (
            vec("[A-Z]{3}", 0..3),
            vec("[A-Z]{3}", 0..4),
            vec("[A-Z]{3}-[0-9]", 0..4),
        ),
        (
            vec(1u8..=23, 0..3),
            vec(1u8..=17, 0..3),
            vec(indicator(), 0..3),
            vec(".{0,10}", 0..2),
        ),
    )
        .prop_map(
            |(
                (id, title, kind),
                (start, end),
                (lead, participants, guidelines),
                (gcm_objectives, sdgs, indicators, deliverables),
            )| Activity {
                id,
                title,
                kind,
                start,
                end,
                lead,
                participants,
                guidelines,
                gcm_objectives,
                sdgs,
                indicators,
                deliverables,
            },
        )
}

fn plan() -> impl Strategy<Value = WorkPlan> {
    (
        option::of("[a-z0-9-]{1,10}"),
        option::of(".{0,20}"),
        option::of("[a-z-]{1,10}"),
        option::of("[A-Z]{3}"),
        option::of(date()),
        option::of(date()),
        option::of("20[0-9]{2}"),
        vec(activity(), 0..4),
        option::of(1u32..40),
    )
        .prop_map(
            |(
                id,
                title,
                working_group,
                axis,
                start,
                end,
                guideline_version,
                activities,
                congress,
            )| {
                WorkPlan {
                    id,
                    title,
                    working_group,
                    congress,
                    axis,
                    period: Period { start, end },
                    guideline_version,
                    activities,
                }
            },
        )
}

fn participants() -> impl Strategy<Value = Participants> {
    (
        option::of(any::<u32>()),
        option::of(any::<u32>()),
        option::of(any::<u32>()),
        option::of(any::<u32>()),
        option::of(any::<u32>()),
    )
        .prop_map(|(women, men, girls, boys, unspecified)| Participants {
            women,
            men,
            girls,
            boys,
            unspecified,
        })
}

fn entry() -> impl Strategy<Value = Entry> {
    (
        (
            "[A-Z0-9-]{1,12}",
            "[A-Z]{3}",
            ".{0,20}",
            date(),
            prop::sample::select(EntryType::ALL.to_vec()),
            ".{0,30}",
        ),
        (
            option::of(".{0,30}"),
            option::of("[A-Z]{3}"),
            vec("[A-Z]{3}-[0-9]", 0..3),
            option::of("[a-z0-9]{1,6}"),
        ),
        (
            prop::sample::subsequence(Stage::ALL.to_vec(), 0..=4),
            prop::sample::select(Status::ALL.to_vec()),
            option::of((0u32..=1000).prop_map(|p| f64::from(p) / 10.0)),
        ),
        (
            option::of(date()),
            option::of(date()),
            participants(),
            option::of("https://[a-z]{1,8}\\.org/[a-z]{0,6}"),
            option::of(any::<bool>()),
            any::<bool>(),
        ),
    )
        .prop_map(
            |(
                (id, country, institution, reported_on, entry_type, title),
                (description, axis, guidelines, activity),
                (stages, status, progress),
                (start, end, participants, evidence_url, replicable, approved),
            )| Entry {
                id,
                country,
                institution,
                reported_on,
                entry_type,
                title,
                description,
                axis,
                guidelines,
                activity,
                stages,
                status,
                progress,
                start,
                end,
                participants,
                evidence_url,
                replicable,
                approved,
            },
        )
}

fn focal_point() -> impl Strategy<Value = FocalPoint> {
    (
        "[A-Z]{3}",
        ".{0,20}",
        ".{0,10}",
        ".{0,20}",
        option::of("[a-z]{1,8}@[a-z]{1,8}\\.org"),
        option::of(date()),
        option::of(date()),
        option::of(date()),
    )
        .prop_map(
            |(country, institution, role, name, email, since, until, last_confirmed)| FocalPoint {
                // a sector when the role's length is odd: both shapes round-trip
                sector: (role.len() % 2 == 1).then_some(lineamientos::Sector::Migration),
                country,
                institution,
                role,
                name,
                email,
                since,
                until,
                last_confirmed,
            },
        )
}

fn diagnostic() -> impl Strategy<Value = Diagnostic> {
    (
        prop::sample::select(
            diagnostic::MESSAGES
                .iter()
                .map(|t| t.code)
                .collect::<Vec<_>>(),
        ),
        prop::sample::select(vec![Severity::Error, Severity::Warning, Severity::Info]),
        "(/[a-z0-9_]{1,8}){0,3}",
        option::of(1u64..1_000_000),
        option::of(".{0,10}"),
        option::of(".{0,10}"),
        prop::collection::btree_map("[a-z_]{1,8}", ".{0,8}", 0..3),
        option::of("[A-Z]{3}"),
    )
        .prop_map(
            |(code, severity, path, row, column, value, params, suggestion)| Diagnostic {
                code: code.to_owned(),
                severity,
                path,
                row,
                column,
                value,
                params,
                suggestion,
            },
        )
}

fn congress() -> impl Strategy<Value = Congress> {
    (
        1u16..40,
        option::of(date()),
        option::of(date()),
        option::of(".{0,12}"),
        option::of("[A-Z]{3}"),
        option::of(prop::sample::select(vec![
            CongressFormat::InPerson,
            CongressFormat::Virtual,
            CongressFormat::Hybrid,
        ])),
        option::of(2000i32..2100),
        option::of(text()),
        vec(
            (
                prop::sample::select(SessionKind::ALL.to_vec()),
                text(),
                option::of(date()),
            ),
            0..3,
        ),
    )
        .prop_map(
            |(edition, start, end, city, country, format, presidency_year, theme, sessions)| {
                Congress {
                    edition,
                    start,
                    end,
                    year: presidency_year,
                    month: presidency_year.and_then(|y| u8::try_from(y % 12 + 1).ok()),
                    city,
                    country: country.clone(),
                    format,
                    presidency_year,
                    presidency: country,
                    theme,
                    sessions: sessions
                        .into_iter()
                        .map(|(kind, title, date)| Session {
                            kind,
                            title,
                            date,
                            axis: None,
                        })
                        .collect(),
                    notes: None,
                    source: None,
                }
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn work_plans_round_trip(p in plan()) {
        round_trip(&p);
        let back = WorkPlan::from_json(&p.to_json().unwrap()).unwrap();
        prop_assert_eq!(back, p);
    }

    #[test]
    fn entries_round_trip(e in entry()) { round_trip(&e); }

    #[test]
    fn focal_points_round_trip(f in focal_point()) { round_trip(&f); }

    #[test]
    fn diagnostics_round_trip(d in diagnostic()) {
        round_trip(&d);
        let mut r = Report::new(Pins::default());
        r.push(d);
        round_trip(&r);
        prop_assert!(!r.diagnostics[0].message(Lang::Es).is_empty());
        prop_assert!(!r.diagnostics[0].message(Lang::En).is_empty());
    }

    #[test]
    fn congresses_round_trip(c in congress()) {
        round_trip(&c);
        prop_assert_eq!(congress::parse_roman(&c.label()), Some(u32::from(c.edition)));
    }

    #[test]
    fn country_parsing_ignores_case_accents_and_spaces(idx in 0usize..16, which in 0usize..4, upper in any::<bool>(), pad in "[ ]{0,2}") {
        let cat = Catalog::embedded();
        let c = &cat.countries()[idx];
        let base = [&c.iso3, &c.iso2, &c.name.es, &c.name.en][which].clone();
        let cased = if upper { base.to_uppercase() } else { base.to_lowercase() };
        let unaccented: String = cased.chars().map(|ch| match ch { 'á' => 'a', 'é' => 'e', 'í' => 'i', 'ó' => 'o', 'ú' => 'u', 'Á' => 'A', 'É' => 'E', 'Í' => 'I', 'Ó' => 'O', 'Ú' => 'U', o => o }).collect();
        for written in [format!("{pad}{cased}{pad}"), unaccented] {
            prop_assert_eq!(&cat.parse_country(&written).unwrap().iso3, &c.iso3);
        }
    }

    #[test]
    fn fixed_codes_parse_from_code_and_labels_in_any_case(i in 0usize..9, lang_es in any::<bool>(), upper in any::<bool>()) {
        let t = EntryType::ALL[i];
        let lang = if lang_es { Lang::Es } else { Lang::En };
        let label = if upper { t.label(lang).to_uppercase() } else { t.label(lang).to_lowercase() };
        prop_assert_eq!(EntryType::parse(&label).unwrap(), t);
        prop_assert_eq!(EntryType::parse(t.code()).unwrap(), t);
    }

    #[test]
    fn parsing_arbitrary_text_never_panics(s in "\\PC{0,40}") {
        let cat = Catalog::embedded();
        let _ = cat.parse_country(&s);
        let _ = cat.parse_participant(&s);
        let _ = cat.parse_guideline("2017", &s);
        let _ = EntryType::parse(&s);
        let _ = Catalog::from_json(&s);
        let _ = WorkPlan::from_json(&s);
    }
}

#[test]
fn embedded_catalogue_data_round_trips() {
    round_trip(Catalog::embedded().data());
}
