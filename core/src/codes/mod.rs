//! Fixed code lists of the domain (entry types, statuses, stages, kinds), with es/en labels.
//!
//! Each list serialises as its snake_case code (`"good_practice"`). [`parse`](EntryType::parse)
//! also accepts the Spanish or English label and a few usual synonyms, ignoring case, accents,
//! spaces and punctuation, which is how partners write them in spreadsheets.
//!
//! Code lists that an agency may extend (countries, organisations, GCM objectives, SDGs, axes,
//! guideline items) live in the [`crate::Catalog`] instead.

use crate::i18n::{Lang, Text};
use crate::text::{nearest, normalize_key};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Which code list a code belongs to (used in errors and diagnostics).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum CodeKind {
    /// A country (ISO 3166-1).
    Country,
    /// An observer organisation.
    Organization,
    /// A country or an organisation (plan participants and leads).
    Participant,
    /// A GCM objective (1-23).
    GcmObjective,
    /// A GCM guiding principle (a-j).
    GcmPrinciple,
    /// A Sustainable Development Goal (1-17).
    Sdg,
    /// A thematic axis of a guideline set.
    Axis,
    /// A guideline item.
    Guideline,
    /// A guideline-set version.
    GuidelineSet,
    /// A congress edition.
    Congress,
    /// An entry type of the tracking matrix.
    EntryType,
    /// An entry status.
    Status,
    /// A migration-cycle stage.
    Stage,
    /// A congress session kind.
    SessionKind,
    /// A work-plan activity kind.
    ActivityKind,
    /// An emerging challenge.
    EmergingChallenge,
    /// A language.
    Language,
    /// Whether a record is an agreement or a recommendation.
    AgreementKind,
    /// The status of an agreement.
    AgreementStatus,
    /// Where an agreement was made.
    AgreementSource,
    /// The kind of an organisation (observer, partner, regional body, ...).
    OrganizationKind,
    /// The sector of a national institution (women, migration, ...).
    Sector,
    /// A national institution (women's mechanism, migration authority, ...).
    Institution,
}

impl CodeKind {
    /// Every kind, in declaration order.
    pub const ALL: &'static [CodeKind] = &[
        CodeKind::Country,
        CodeKind::Organization,
        CodeKind::Participant,
        CodeKind::GcmObjective,
        CodeKind::GcmPrinciple,
        CodeKind::Sdg,
        CodeKind::Axis,
        CodeKind::Guideline,
        CodeKind::GuidelineSet,
        CodeKind::Congress,
        CodeKind::EntryType,
        CodeKind::Status,
        CodeKind::Stage,
        CodeKind::SessionKind,
        CodeKind::ActivityKind,
        CodeKind::EmergingChallenge,
        CodeKind::Language,
        CodeKind::AgreementKind,
        CodeKind::AgreementStatus,
        CodeKind::AgreementSource,
        CodeKind::OrganizationKind,
        CodeKind::Sector,
        CodeKind::Institution,
    ];

    /// The kind whose [`code`](Self::code) is exactly `code`, if any.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|k| k.code() == code)
    }

    /// The name of the code list in `lang`, lower case, for use inside a sentence
    /// (`país`, `objetivo del Pacto Mundial`, `SDG`).
    pub fn label(self, lang: Lang) -> &'static str {
        let (es, en) = match self {
            CodeKind::Country => ("país", "country"),
            CodeKind::Organization => ("organización", "organization"),
            CodeKind::Participant => ("participante", "participant"),
            CodeKind::GcmObjective => ("objetivo del Pacto Mundial", "GCM objective"),
            CodeKind::GcmPrinciple => (
                "principio rector del Pacto Mundial",
                "GCM guiding principle",
            ),
            CodeKind::Sdg => ("ODS", "SDG"),
            CodeKind::Axis => ("eje temático", "thematic axis"),
            CodeKind::Guideline => ("lineamiento", "guideline"),
            CodeKind::GuidelineSet => ("versión de lineamientos", "guideline-set version"),
            CodeKind::Congress => ("congreso", "congress"),
            CodeKind::EntryType => ("tipo de registro", "entry type"),
            CodeKind::Status => ("estado", "status"),
            CodeKind::Stage => ("etapa del ciclo migratorio", "migration-cycle stage"),
            CodeKind::SessionKind => ("tipo de sesión", "session kind"),
            CodeKind::ActivityKind => ("tipo de actividad", "activity kind"),
            CodeKind::EmergingChallenge => ("desafío emergente", "emerging challenge"),
            CodeKind::Language => ("idioma", "language"),
            CodeKind::AgreementKind => ("tipo de acuerdo", "agreement kind"),
            CodeKind::AgreementStatus => ("estado del acuerdo", "agreement status"),
            CodeKind::AgreementSource => ("origen del acuerdo", "agreement source"),
            CodeKind::OrganizationKind => ("tipo de organización", "organization kind"),
            CodeKind::Sector => ("sector", "sector"),
            CodeKind::Institution => ("institución", "institution"),
        };
        match lang {
            Lang::Es => es,
            Lang::En => en,
        }
    }

    /// The snake_case code of this kind.
    pub fn code(self) -> &'static str {
        match self {
            CodeKind::Country => "country",
            CodeKind::Organization => "organization",
            CodeKind::Participant => "participant",
            CodeKind::GcmObjective => "gcm_objective",
            CodeKind::GcmPrinciple => "gcm_principle",
            CodeKind::Sdg => "sdg",
            CodeKind::Axis => "axis",
            CodeKind::Guideline => "guideline",
            CodeKind::GuidelineSet => "guideline_set",
            CodeKind::Congress => "congress",
            CodeKind::EntryType => "entry_type",
            CodeKind::Status => "status",
            CodeKind::Stage => "stage",
            CodeKind::SessionKind => "session_kind",
            CodeKind::ActivityKind => "activity_kind",
            CodeKind::EmergingChallenge => "emerging_challenge",
            CodeKind::Language => "language",
            CodeKind::AgreementKind => "agreement_kind",
            CodeKind::AgreementStatus => "agreement_status",
            CodeKind::AgreementSource => "agreement_source",
            CodeKind::OrganizationKind => "organization_kind",
            CodeKind::Sector => "sector",
            CodeKind::Institution => "institution",
        }
    }
}

/// One value of a fixed code list with its labels: what a form's pick list shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct CodeLabel {
    /// The stable snake_case code.
    pub code: String,
    /// Its label.
    pub label: Text,
}

impl CodeLabel {
    fn of(code: &str, es: &str, en: &str) -> Self {
        CodeLabel {
            code: code.to_owned(),
            label: Text::new(es, en),
        }
    }
}

impl CodeKind {
    /// The values of a fixed code list (entry types, statuses, stages, session kinds, activity
    /// kinds, emerging challenges, languages) with their labels. `None` for the lists that
    /// live in the [`crate::Catalog`] (countries, organisations, axes, ...).
    pub fn fixed_values(self) -> Option<Vec<CodeLabel>> {
        match self {
            CodeKind::EntryType => Some(EntryType::values()),
            CodeKind::Status => Some(Status::values()),
            CodeKind::Stage => Some(Stage::values()),
            CodeKind::SessionKind => Some(SessionKind::values()),
            CodeKind::ActivityKind => Some(ActivityKind::values()),
            CodeKind::EmergingChallenge => Some(EmergingChallenge::values()),
            CodeKind::AgreementKind => Some(AgreementKind::values()),
            CodeKind::AgreementStatus => Some(AgreementStatus::values()),
            CodeKind::AgreementSource => Some(AgreementSourceKind::values()),
            CodeKind::OrganizationKind => Some(OrganizationKind::values()),
            CodeKind::Sector => Some(Sector::values()),
            CodeKind::Language => Some(vec![
                CodeLabel::of("es", "Español", "Spanish"),
                CodeLabel::of("en", "Inglés", "English"),
            ]),
            CodeKind::Country
            | CodeKind::Organization
            | CodeKind::Participant
            | CodeKind::GcmObjective
            | CodeKind::GcmPrinciple
            | CodeKind::Sdg
            | CodeKind::Axis
            | CodeKind::Guideline
            | CodeKind::GuidelineSet
            | CodeKind::Congress
            | CodeKind::Institution => None,
        }
    }

    /// The code lists with fixed values, in [`CodeKind::ALL`]'s order (the others live in
    /// the [`crate::Catalog`]): derived from [`CodeKind::fixed_values`], so the two cannot
    /// disagree.
    pub fn fixed() -> Vec<CodeKind> {
        Self::ALL
            .iter()
            .copied()
            .filter(|k| k.fixed_values().is_some())
            .collect()
    }

    /// The values of this fixed code list, for a form's pick list; a list that lives in
    /// the catalogue (countries, axes, ...) is `unknown_code` (use the catalogue's methods).
    /// The bindings' `code_list(kind)` / `codeList(kind)`.
    ///
    /// ```
    /// use lineamientos::CodeKind;
    /// let statuses = CodeKind::Status.code_list()?;
    /// assert_eq!((statuses[0].code.as_str(), statuses[0].label.en.as_str()), ("planned", "Planned"));
    /// assert_eq!(CodeKind::Country.code_list().unwrap_err().code(), "unknown_code");
    /// # Ok::<(), lineamientos::Error>(())
    /// ```
    pub fn code_list(self) -> crate::Result<Vec<CodeLabel>> {
        self.fixed_values()
            .ok_or_else(|| crate::Error::UnknownCode {
                kind: self,
                value: self.code().to_owned(),
                suggestion: None,
            })
    }

    /// Resolves `value` in a fixed code list (code, es/en label or synonym, ignoring case and
    /// accents) to its code and labels. Unknown values and catalogue lists are
    /// [`Error::UnknownCode`](crate::Error::UnknownCode), with the nearest code when close.
    pub fn parse_fixed(self, value: &str) -> crate::Result<CodeLabel> {
        let code = match self {
            CodeKind::EntryType => EntryType::parse(value)?.code(),
            CodeKind::Status => Status::parse(value)?.code(),
            CodeKind::Stage => Stage::parse(value)?.code(),
            CodeKind::SessionKind => SessionKind::parse(value)?.code(),
            CodeKind::ActivityKind => ActivityKind::parse(value)?.code(),
            CodeKind::EmergingChallenge => EmergingChallenge::parse(value)?.code(),
            CodeKind::AgreementKind => AgreementKind::parse(value)?.code(),
            CodeKind::AgreementStatus => AgreementStatus::parse(value)?.code(),
            CodeKind::AgreementSource => AgreementSourceKind::parse(value)?.code(),
            CodeKind::OrganizationKind => OrganizationKind::parse(value)?.code(),
            CodeKind::Sector => Sector::parse(value)?.code(),
            CodeKind::Language => Lang::from_tag(value)
                .ok_or_else(|| crate::Error::UnknownCode {
                    kind: CodeKind::Language,
                    value: value.to_owned(),
                    suggestion: None,
                })?
                .code(),
            _ => {
                return Err(crate::Error::UnknownCode {
                    kind: self,
                    value: value.to_owned(),
                    suggestion: None,
                });
            }
        };
        self.fixed_values()
            .and_then(|v| v.into_iter().find(|c| c.code == code))
            .ok_or_else(|| crate::Error::UnknownCode {
                kind: self,
                value: value.to_owned(),
                suggestion: None,
            })
    }
}

impl fmt::Display for CodeKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

macro_rules! code_enum {
    (
        $(#[$meta:meta])*
        $name:ident, $kind:expr;
        $( $(#[$vmeta:meta])* $var:ident = $code:literal, $es:literal, $en:literal, [$($alias:literal),*]; )+
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
        #[serde(rename_all = "snake_case")]
        pub enum $name {
            $( $(#[$vmeta])* $var, )+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$var),+];

            /// The stable snake_case code.
            pub fn code(self) -> &'static str {
                match self { $($name::$var => $code),+ }
            }

            /// The label in `lang`.
            pub fn label(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $( ($name::$var, Lang::Es) => $es, ($name::$var, Lang::En) => $en, )+
                }
            }

            /// Parses a code, a Spanish or English label or a usual synonym, ignoring case,
            /// accents, spaces and punctuation. An unknown value is an
            /// [`Error::UnknownCode`](crate::Error::UnknownCode) with the nearest code.
            pub fn parse(value: &str) -> crate::Result<Self> {
                let key = normalize_key(value);
                for v in Self::ALL {
                    if Self::keys(*v).iter().any(|k| normalize_key(k) == key) {
                        return Ok(*v);
                    }
                }
                let keyed: Vec<(String, &'static str)> = Self::ALL
                    .iter()
                    .flat_map(|v| Self::keys(*v).iter().map(move |k| (normalize_key(k), v.code())))
                    .collect();
                Err(crate::Error::UnknownCode {
                    kind: $kind,
                    value: value.to_owned(),
                    suggestion: nearest(value, keyed.iter().map(|(k, c)| (k.as_str(), *c))),
                })
            }

            /// Every value with its es/en labels, in declaration order (for pick lists).
            pub fn values() -> Vec<CodeLabel> {
                Self::ALL.iter().map(|v| CodeLabel::of(v.code(), v.label(Lang::Es), v.label(Lang::En))).collect()
            }

            fn keys(self) -> &'static [&'static str] {
                match self { $($name::$var => &[$code, $es, $en $(, $alias)*]),+ }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.code())
            }
        }

        impl std::str::FromStr for $name {
            type Err = crate::Error;
            fn from_str(s: &str) -> crate::Result<Self> {
                Self::parse(s)
            }
        }
    };
}

code_enum! {
    /// The type of a tracking-matrix entry: what a country reports.
    EntryType, CodeKind::EntryType;
    /// A change in laws, regulations or policies.
    RegulatoryChange = "regulatory_change", "Cambio normativo", "Regulatory change", ["normativa", "marco normativo", "novedad normativa", "regulatory", "policy change"];
    /// Progress on an activity or commitment.
    Progress = "progress", "Avance", "Progress", ["avances"];
    /// A good practice.
    GoodPractice = "good_practice", "Buena práctica", "Good practice", ["buenas practicas", "best practice"];
    /// A success case.
    SuccessCase = "success_case", "Caso de éxito", "Success case", ["casos de exito", "success story"];
    /// A research study.
    Research = "research", "Investigación", "Research", ["investigaciones", "estudio", "study"];
    /// An awareness or information campaign.
    Campaign = "campaign", "Campaña", "Campaign", ["campanas"];
    /// An event (jornada, forum, fair).
    Event = "event", "Evento", "Event", ["jornada", "jornadas", "eventos"];
    /// A training.
    Training = "training", "Capacitación", "Training", ["formacion", "capacitaciones", "curso", "diplomado"];
    /// Anything else.
    Other = "other", "Otro", "Other", ["otros", "otra"];
}

code_enum! {
    /// The status of a reported entry.
    Status, CodeKind::Status;
    /// Planned, not started.
    Planned = "planned", "Planificada", "Planned", ["planificado", "planeado", "planeada", "programado", "programada", "por iniciar"];
    /// Under way.
    Ongoing = "ongoing", "En curso", "Ongoing", ["en proceso", "en ejecucion", "in progress", "en marcha"];
    /// Finished.
    Completed = "completed", "Completada", "Completed", ["completado", "finalizado", "finalizada", "concluido", "concluida", "done", "finished"];
    /// Cancelled.
    Cancelled = "cancelled", "Cancelada", "Cancelled", ["cancelado", "canceled", "suspendido", "suspendida"];
}

code_enum! {
    /// A stage of the migration cycle.
    Stage, CodeKind::Stage;
    /// Country of origin.
    Origin = "origin", "Origen", "Origin", [];
    /// Country of transit.
    Transit = "transit", "Tránsito", "Transit", [];
    /// Country of destination.
    Destination = "destination", "Destino", "Destination", [];
    /// Return and reintegration.
    Return = "return", "Retorno", "Return", ["reintegracion"];
}

code_enum! {
    /// The kind of a congress session.
    SessionKind, CodeKind::SessionKind;
    /// A thematic colloquium.
    Colloquium = "colloquium", "Coloquio", "Colloquium", ["coloquio tematico"];
    /// A panel.
    Panel = "panel", "Panel", "Panel", [];
    /// A working table (mesa de trabajo).
    WorkingTable = "working_table", "Mesa de trabajo", "Working table", ["mesa"];
    /// A preparatory webinar or meeting before a congress.
    PreparatoryWebinar = "preparatory_webinar", "Webinar preparatorio", "Preparatory webinar", ["reunion preparatoria"];
    /// A follow-up webinar after a congress.
    FollowUpWebinar = "follow_up_webinar", "Webinar de seguimiento", "Follow-up webinar", ["seguimiento"];
    /// A training session.
    Training = "training", "Capacitación", "Training", ["formacion"];
}

code_enum! {
    /// Whether a cycle record is an agreement (*acuerdo*) or a recommendation.
    #[derive(Default)]
    AgreementKind, CodeKind::AgreementKind;
    /// An agreement (acuerdo): a commitment with somebody responsible.
    #[default]
    Agreement = "agreement", "Acuerdo", "Agreement", ["acuerdos", "compromiso"];
    /// A recommendation.
    Recommendation = "recommendation", "Recomendación", "Recommendation", ["recomendaciones"];
}

code_enum! {
    /// The status of an agreement.
    AgreementStatus, CodeKind::AgreementStatus;
    /// Agreed, not started.
    Open = "open", "Abierto", "Open", ["abierta", "pendiente", "pending"];
    /// Under way.
    InProgress = "in_progress", "En curso", "In progress", ["en proceso", "ongoing"];
    /// Done.
    Done = "done", "Cumplido", "Done", ["cumplida", "completado", "completed"];
    /// Dropped (no longer pursued).
    Dropped = "dropped", "Descartado", "Dropped", ["descartada", "cancelado", "cancelled"];
}

code_enum! {
    /// Where an agreement was made.
    AgreementSourceKind, CodeKind::AgreementSource;
    /// The congress itself (plenary).
    Congress = "congress", "Congreso", "Congress", ["plenaria", "plenary"];
    /// A congress session (colloquium, panel).
    Session = "session", "Sesión", "Session", [];
    /// A webinar.
    Webinar = "webinar", "Webinar", "Webinar", ["seminario web"];
    /// A working table.
    Table = "table", "Mesa de trabajo", "Working table", ["mesa", "working_table"];
}

code_enum! {
    /// The kind of a work-plan activity.
    ActivityKind, CodeKind::ActivityKind;
    /// A meeting.
    Meeting = "meeting", "Reunión", "Meeting", ["reunion de trabajo"];
    /// A webinar.
    Webinar = "webinar", "Webinar", "Webinar", ["seminario web"];
    /// A training.
    Training = "training", "Capacitación", "Training", ["formacion", "curso", "taller"];
    /// A research study.
    Research = "research", "Investigación", "Research", ["estudio"];
    /// A campaign.
    Campaign = "campaign", "Campaña", "Campaign", [];
    /// Regulatory or policy work.
    Regulatory = "regulatory", "Normativa", "Regulatory", ["regulatorio", "politica publica"];
    /// Anything else.
    Other = "other", "Otra", "Other", ["otro"];
}

impl ActivityKind {
    /// Whether this kind is an event in time (meeting, webinar, training), the kinds that the
    /// `unbounded_event` and `schedule_overlap` rules look at.
    pub fn is_event(self) -> bool {
        matches!(
            self,
            ActivityKind::Meeting | ActivityKind::Webinar | ActivityKind::Training
        )
    }
}

code_enum! {
    /// An emerging challenge against which the guidelines are periodically reviewed.
    EmergingChallenge, CodeKind::EmergingChallenge;
    /// Migration resulting from health emergencies.
    HealthEmergency = "health_emergency", "Emergencias sanitarias", "Health emergencies", ["pandemia", "pandemic"];
    /// Migration driven by climate change and disasters.
    ClimateDisplacement = "climate_displacement", "Migración por cambio climático", "Climate-driven migration", ["cambio climatico", "climate change", "climate"];
    /// Rising human mobility in the region.
    RisingMobility = "rising_mobility", "Incremento de la movilidad humana", "Rising human mobility", ["movilidad humana"];
    /// Forced displacement of women in need of international protection.
    ForcedDisplacement = "forced_displacement", "Desplazamiento forzado", "Forced displacement", ["desplazamiento"];
}

code_enum! {
    /// What an organisation is to the CRM: the role in which the sources name it.
    OrganizationKind, CodeKind::OrganizationKind;
    /// An observer organisation of the CRM.
    Observer = "observer", "Organismo observador", "Observer", ["observador", "observer organization"];
    /// A partner of a practice that is not a CRM observer (e.g. UN Women in the practice entry).
    Partner = "partner", "Socio", "Partner", ["socia", "aliado"];
    /// A regional body or mechanism (OAS, OCAM, ...).
    RegionalBody = "regional_body", "Instancia regional", "Regional body", ["mecanismo regional", "organismo regional"];
    /// A treaty body of the United Nations (e.g. the CEDAW Committee).
    TreatyBody = "treaty_body", "Órgano de tratado", "Treaty body", ["comite de tratado"];
    /// A civil-society organisation or network.
    CivilSociety = "civil_society", "Sociedad civil", "Civil society", ["osc", "ong", "ngo", "cso"];
}

code_enum! {
    /// The sector of a national institution: what the focal-point follow-up checks each
    /// member state has a contact in.
    Sector, CodeKind::Sector;
    /// A national mechanism for women (ministry, secretariat or institute of women).
    Women = "women", "Mecanismo de la mujer", "Women's mechanism", ["mujer", "mujeres", "genero", "gender"];
    /// A migration authority.
    Migration = "migration", "Autoridad migratoria", "Migration authority", ["migracion", "inmigracion", "immigration"];
    /// A ministry of foreign affairs.
    ForeignAffairs = "foreign_affairs", "Relaciones exteriores", "Foreign affairs", ["cancilleria", "relaciones exteriores", "foreign ministry"];
    /// Any other sector.
    Other = "other", "Otro", "Other", ["otra", "otros"];
}

impl Sector {
    /// The sectors in which every member state should have a focal point (women's
    /// mechanism and migration authority: the seed's "mecanismos de la mujer y sobre
    /// migración").
    pub const COVERED: [Sector; 2] = [Sector::Women, Sector::Migration];
}

impl crate::args::Choice for CodeKind {
    const WHAT: &'static str = "a code list";
    fn all() -> &'static [Self] {
        CodeKind::ALL
    }
    fn code(self) -> &'static str {
        CodeKind::code(self)
    }
}

impl crate::args::FromArg for CodeKind {
    fn expected() -> String {
        <CodeKind as crate::args::Choice>::expected_codes()
    }

    fn from_arg(value: &serde_json::Value, at: &crate::args::ArgPath) -> crate::Result<Self> {
        crate::args::choice(value, at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fixed_lists_are_those_with_values() {
        let codes: Vec<&str> = CodeKind::fixed().iter().map(|k| k.code()).collect();
        assert_eq!(
            codes,
            [
                "entry_type",
                "status",
                "stage",
                "session_kind",
                "activity_kind",
                "emerging_challenge",
                "language",
                "agreement_kind",
                "agreement_status",
                "agreement_source",
                "organization_kind",
                "sector"
            ]
        );
    }

    #[test]
    fn parses_codes_labels_and_synonyms() {
        assert_eq!(
            EntryType::parse("good_practice").unwrap(),
            EntryType::GoodPractice
        );
        assert_eq!(
            EntryType::parse("Buena Práctica").unwrap(),
            EntryType::GoodPractice
        );
        assert_eq!(
            EntryType::parse("BUENA PRACTICA").unwrap(),
            EntryType::GoodPractice
        );
        assert_eq!(Status::parse("En curso").unwrap(), Status::Ongoing);
        assert_eq!(Status::parse("finalizado").unwrap(), Status::Completed);
        assert_eq!(Stage::parse("tránsito").unwrap(), Stage::Transit);
        assert_eq!(
            ActivityKind::parse("Reunión").unwrap(),
            ActivityKind::Meeting
        );
    }

    #[test]
    fn unknown_value_suggests_nearest() {
        let e = EntryType::parse("campana").unwrap();
        assert_eq!(e, EntryType::Campaign);
        let err = Status::parse("complted").unwrap_err();
        assert_eq!(err.code(), "unknown_code");
        match err {
            crate::Error::UnknownCode {
                kind, suggestion, ..
            } => {
                assert_eq!(kind, CodeKind::Status);
                assert_eq!(suggestion.as_deref(), Some("completed"));
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn fixed_lists_and_parse_fixed() {
        let statuses = CodeKind::Status.fixed_values().unwrap();
        assert_eq!(statuses.len(), 4);
        assert_eq!(statuses[1].code, "ongoing");
        assert_eq!(statuses[1].label.es, "En curso");
        assert!(CodeKind::Country.fixed_values().is_none());
        let c = CodeKind::EntryType.parse_fixed("Buena práctica").unwrap();
        assert_eq!(c.code, "good_practice");
        assert_eq!(c.label.en, "Good practice");
        assert_eq!(
            CodeKind::Language.parse_fixed("English").unwrap().code,
            "en"
        );
        let err = CodeKind::Status.parse_fixed("complted").unwrap_err();
        assert_eq!(err.code(), "unknown_code");
        assert_eq!(
            CodeKind::Country.parse_fixed("MEX").unwrap_err().code(),
            "unknown_code"
        );
    }

    #[test]
    fn labels_in_both_languages() {
        assert_eq!(EntryType::SuccessCase.label(Lang::Es), "Caso de éxito");
        assert_eq!(EntryType::SuccessCase.label(Lang::En), "Success case");
        assert_eq!(EntryType::ALL.len(), 9);
        assert_eq!(Status::ALL.len(), 4);
        assert_eq!(Stage::ALL.len(), 4);
    }
}
