//! Column headers: the fields of an [`Entry`](crate::Entry) and every spelling partners use
//! for them, in Spanish and English. Case, accents, spaces and punctuation are ignored, so
//! `"País"`, `"pais"`, `"PAIS "` and `"Country"` name the same column.

use crate::i18n::Lang;
use crate::text::normalize_key;
use serde::{Deserialize, Serialize};

/// A field of a tracking-matrix entry, i.e. a column the importer understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// Entry id.
    Id,
    /// Reporting country.
    Country,
    /// Reporting institution.
    Institution,
    /// Date of the report.
    ReportedOn,
    /// Entry type.
    EntryType,
    /// Title.
    Title,
    /// Description.
    Description,
    /// Thematic axis.
    Axis,
    /// Guideline items (multi-valued).
    Guidelines,
    /// Plan activity id.
    Activity,
    /// Migration-cycle stages (multi-valued).
    Stages,
    /// Status.
    Status,
    /// Progress in percent.
    Progress,
    /// Start date.
    Start,
    /// End date.
    End,
    /// Women participants.
    Women,
    /// Men participants.
    Men,
    /// Girls participants.
    Girls,
    /// Boys participants.
    Boys,
    /// Participants not disaggregated.
    Unspecified,
    /// Evidence URL.
    EvidenceUrl,
    /// Replicable flag.
    Replicable,
    /// Approved by the CRM.
    Approved,
}

/// Number of fields.
pub(crate) const FIELD_COUNT: usize = 23;

impl Field {
    /// Every field, in export order.
    pub const ALL: [Field; FIELD_COUNT] = [
        Field::Id,
        Field::Country,
        Field::Institution,
        Field::ReportedOn,
        Field::EntryType,
        Field::Title,
        Field::Description,
        Field::Axis,
        Field::Guidelines,
        Field::Activity,
        Field::Stages,
        Field::Status,
        Field::Progress,
        Field::Start,
        Field::End,
        Field::Women,
        Field::Men,
        Field::Girls,
        Field::Boys,
        Field::Unspecified,
        Field::EvidenceUrl,
        Field::Replicable,
        Field::Approved,
    ];

    /// The snake_case code (the [`Entry`](crate::Entry) JSON field name).
    pub fn code(self) -> &'static str {
        match self {
            Field::Id => "id",
            Field::Country => "country",
            Field::Institution => "institution",
            Field::ReportedOn => "reported_on",
            Field::EntryType => "entry_type",
            Field::Title => "title",
            Field::Description => "description",
            Field::Axis => "axis",
            Field::Guidelines => "guidelines",
            Field::Activity => "activity",
            Field::Stages => "stages",
            Field::Status => "status",
            Field::Progress => "progress",
            Field::Start => "start",
            Field::End => "end",
            Field::Women => "women",
            Field::Men => "men",
            Field::Girls => "girls",
            Field::Boys => "boys",
            Field::Unspecified => "unspecified",
            Field::EvidenceUrl => "evidence_url",
            Field::Replicable => "replicable",
            Field::Approved => "approved",
        }
    }

    /// The header written on export in `lang` (and accepted on import).
    pub fn label(self, lang: Lang) -> &'static str {
        let (es, en) = self.labels();
        match lang {
            Lang::Es => es,
            Lang::En => en,
        }
    }

    fn labels(self) -> (&'static str, &'static str) {
        match self {
            Field::Id => ("ID", "ID"),
            Field::Country => ("País", "Country"),
            Field::Institution => ("Institución informante", "Reporting institution"),
            Field::ReportedOn => ("Fecha de reporte", "Reported on"),
            Field::EntryType => ("Tipo de registro", "Entry type"),
            Field::Title => ("Título", "Title"),
            Field::Description => ("Descripción", "Description"),
            Field::Axis => ("Eje temático", "Axis"),
            Field::Guidelines => ("Lineamientos", "Guidelines"),
            Field::Activity => ("Actividad del plan", "Plan activity"),
            Field::Stages => ("Etapas del ciclo migratorio", "Migration stages"),
            Field::Status => ("Estado", "Status"),
            Field::Progress => ("Avance (%)", "Progress (%)"),
            Field::Start => ("Fecha de inicio", "Start date"),
            Field::End => ("Fecha de fin", "End date"),
            Field::Women => ("Mujeres", "Women"),
            Field::Men => ("Hombres", "Men"),
            Field::Girls => ("Niñas", "Girls"),
            Field::Boys => ("Niños", "Boys"),
            Field::Unspecified => ("Sin desagregar", "Unspecified"),
            Field::EvidenceUrl => ("Enlace de evidencia", "Evidence URL"),
            Field::Replicable => ("Replicable", "Replicable"),
            Field::Approved => ("Aprobado", "Approved"),
        }
    }

    /// Other spellings accepted on import, besides the code and the two labels.
    pub fn aliases(self) -> &'static [&'static str] {
        match self {
            Field::Id => &[
                "Identificador",
                "Id registro",
                "Código de registro",
                "Entry id",
                "Record id",
                "N° de registro",
            ],
            Field::Country => &[
                "Estado miembro",
                "Member state",
                "País informante",
                "Reporting country",
            ],
            Field::Institution => &[
                "Institución",
                "Institution",
                "Entidad",
                "Entidad informante",
                "Organismo",
                "Reporting agency",
                "Agency",
            ],
            Field::ReportedOn => &[
                "Fecha",
                "Fecha del reporte",
                "Fecha de registro",
                "Fecha de informe",
                "Date",
                "Report date",
                "Reporting date",
            ],
            Field::EntryType => &["Tipo", "Tipo de información", "Type", "Record type"],
            Field::Title => &[
                "Nombre",
                "Nombre de la iniciativa",
                "Iniciativa",
                "Name",
                "Initiative",
            ],
            Field::Description => &["Detalle", "Descripción breve", "Details", "Summary"],
            Field::Axis => &["Eje", "Thematic axis", "Eje de trabajo"],
            Field::Guidelines => &[
                "Lineamiento",
                "Guideline",
                "Lineamientos vinculados",
                "Guideline items",
            ],
            Field::Activity => &[
                "Actividad",
                "Activity",
                "ID actividad",
                "Activity id",
                "Actividad vinculada",
            ],
            Field::Stages => &[
                "Etapa",
                "Etapas",
                "Ciclo migratorio",
                "Etapa del ciclo migratorio",
                "Stage",
                "Stages",
                "Migration cycle",
            ],
            Field::Status => &["Estatus", "Situación", "Estado de avance"],
            Field::Progress => &[
                "Avance",
                "Porcentaje de avance",
                "% de avance",
                "Progress",
                "Percent complete",
            ],
            Field::Start => &["Inicio", "Start", "Fecha inicio"],
            Field::End => &[
                "Fin",
                "End",
                "Fecha fin",
                "Fecha de término",
                "Fecha de finalización",
                "Fecha de cierre",
            ],
            Field::Women => &["Participantes mujeres", "Female"],
            Field::Men => &["Participantes hombres", "Male"],
            Field::Girls => &["Girls participants"],
            Field::Boys => &["Boys participants"],
            Field::Unspecified => &[
                "Participantes",
                "Participants",
                "Participantes sin desagregar",
                "Not disaggregated",
            ],
            Field::EvidenceUrl => &[
                "Evidencia",
                "Enlace",
                "URL",
                "Link",
                "Medio de verificación",
                "Evidence",
            ],
            Field::Replicable => &["Es replicable", "¿Replicable?", "Replicabilidad"],
            Field::Approved => &["Aprobado CRM", "Validado", "Aprobación", "Approved by CRM"],
        }
    }

    /// Whether a file must have this column (the importer reports `missing_column` otherwise).
    pub fn required(self) -> bool {
        matches!(
            self,
            Field::Country
                | Field::Institution
                | Field::ReportedOn
                | Field::EntryType
                | Field::Title
                | Field::Status
        )
    }

    /// The field a header names, if any (case, accents, spaces and punctuation ignored).
    pub fn from_header(header: &str) -> Option<Field> {
        let key = normalize_key(header);
        if key.is_empty() {
            return None;
        }
        Field::ALL.into_iter().find(|f| {
            let (es, en) = f.labels();
            normalize_key(f.code()) == key
                || normalize_key(es) == key
                || normalize_key(en) == key
                || f.aliases().iter().any(|a| normalize_key(a) == key)
        })
    }

    /// The position of this field in [`Field::ALL`].
    pub(crate) fn index(self) -> usize {
        self as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_in_both_languages_and_messy_spelling() {
        assert_eq!(Field::from_header("País"), Some(Field::Country));
        assert_eq!(Field::from_header(" pais "), Some(Field::Country));
        assert_eq!(Field::from_header("COUNTRY"), Some(Field::Country));
        assert_eq!(
            Field::from_header("Institución informante"),
            Some(Field::Institution)
        );
        assert_eq!(
            Field::from_header("Fecha de reporte"),
            Some(Field::ReportedOn)
        );
        assert_eq!(
            Field::from_header("Tipo de registro"),
            Some(Field::EntryType)
        );
        assert_eq!(Field::from_header("Eje temático"), Some(Field::Axis));
        assert_eq!(Field::from_header("Lineamientos"), Some(Field::Guidelines));
        assert_eq!(Field::from_header("Avance (%)"), Some(Field::Progress));
        assert_eq!(Field::from_header("Mujeres"), Some(Field::Women));
        assert_eq!(Field::from_header("Niñas"), Some(Field::Girls));
        assert_eq!(Field::from_header("NIÑOS"), Some(Field::Boys));
        assert_eq!(Field::from_header("Estado"), Some(Field::Status));
        assert_eq!(Field::from_header("Estado miembro"), Some(Field::Country));
        assert_eq!(Field::from_header("Observaciones"), None);
        assert_eq!(Field::from_header(""), None);
    }

    #[test]
    fn labels_and_aliases_do_not_collide() {
        let mut seen = std::collections::HashMap::new();
        for f in Field::ALL {
            let (es, en) = f.labels();
            for s in [f.code(), es, en]
                .into_iter()
                .chain(f.aliases().iter().copied())
            {
                let k = normalize_key(s);
                if let Some(prev) = seen.insert(k.clone(), f) {
                    assert_eq!(prev, f, "{k} names two fields");
                }
            }
        }
        for (i, f) in Field::ALL.into_iter().enumerate() {
            assert_eq!(f.index(), i);
        }
    }
}
