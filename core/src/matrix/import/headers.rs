//! Column headers: the fields of an [`Entry`](crate::Entry) and every spelling partners use
//! for them, in Spanish and English. Case, accents, spaces and punctuation are ignored, so
//! `"País"`, `"pais"`, `"PAIS "` and `"Country"` name the same column.

use crate::i18n::Lang;
use crate::text::normalize_key;
use serde::{Deserialize, Serialize};

/// What a column holds, which decides how it is read, exported and typed in a data frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ColumnType {
    /// Free text.
    Text,
    /// A code of a code list (read from a code or a label).
    Code,
    /// Several codes in one cell.
    Codes,
    /// A date.
    Date,
    /// A percentage.
    Percent,
    /// A participant count: slot `k` of the participants (women, men, girls, boys,
    /// unspecified).
    Count(usize),
    /// Yes or no.
    Flag,
}

/// Whether a file must have the column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Presence {
    Required,
    Optional,
}

macro_rules! fields {
    ($( $(#[$m:meta])* $var:ident = $code:literal, ($es:literal, $en:literal), $ty:expr,
        $presence:ident, [$($alias:literal),* $(,)?]; )+) => {
        /// A field of a tracking-matrix entry, i.e. a column the importer understands.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum Field {
            $( $(#[$m])* $var, )+
        }

        impl Field {
            /// Every field, in export order.
            pub const ALL: [Field; FIELD_COUNT] = [$(Field::$var),+];

            /// The snake_case code (the [`Entry`](crate::Entry) JSON field name).
            pub fn code(self) -> &'static str {
                match self { $(Field::$var => $code),+ }
            }

            fn labels(self) -> (&'static str, &'static str) {
                match self { $(Field::$var => ($es, $en)),+ }
            }

            /// Other spellings accepted on import, besides the code and the two labels.
            pub fn aliases(self) -> &'static [&'static str] {
                match self { $(Field::$var => &[$($alias),*]),+ }
            }

            /// What the column holds.
            pub(crate) fn column_type(self) -> ColumnType {
                use ColumnType::*;
                match self { $(Field::$var => $ty),+ }
            }

            fn presence(self) -> Presence {
                match self { $(Field::$var => fields!(@presence $presence)),+ }
            }
        }
    };
    (@presence required) => { Presence::Required };
    (@presence optional) => { Presence::Optional };
}

/// Number of fields.
pub(crate) const FIELD_COUNT: usize = 23;

// The one table of the entry's fields: code, Spanish and English headers (written on
// export, accepted on import), column type, whether a file must have it, other spellings.
fields! {
    /// Entry id.
    Id = "id", ("ID", "ID"), Text, optional, [
        "Identificador", "Id registro", "Código de registro", "Entry id", "Record id",
        "N° de registro"
    ];
    /// Reporting country.
    Country = "country", ("País", "Country"), Code, required, [
        "Estado miembro", "Member state", "País informante", "Reporting country"
    ];
    /// Reporting institution.
    Institution = "institution", ("Institución informante", "Reporting institution"), Text, required, [
        "Institución", "Institution", "Entidad", "Entidad informante", "Organismo",
        "Reporting agency", "Agency"
    ];
    /// Date of the report.
    ReportedOn = "reported_on", ("Fecha de reporte", "Reported on"), Date, required, [
        "Fecha", "Fecha del reporte", "Fecha de registro", "Fecha de informe", "Date",
        "Report date", "Reporting date"
    ];
    /// Entry type.
    EntryType = "entry_type", ("Tipo de registro", "Entry type"), Code, required, [
        "Tipo", "Tipo de información", "Type", "Record type"
    ];
    /// Title.
    Title = "title", ("Título", "Title"), Text, required, [
        "Nombre", "Nombre de la iniciativa", "Iniciativa", "Name", "Initiative"
    ];
    /// Description.
    Description = "description", ("Descripción", "Description"), Text, optional, [
        "Detalle", "Descripción breve", "Details", "Summary"
    ];
    /// Thematic axis.
    Axis = "axis", ("Eje temático", "Axis"), Code, optional, [
        "Eje", "Thematic axis", "Eje de trabajo"
    ];
    /// Guideline items (multi-valued).
    Guidelines = "guidelines", ("Lineamientos", "Guidelines"), Codes, optional, [
        "Lineamiento", "Guideline", "Lineamientos vinculados", "Guideline items"
    ];
    /// Plan activity id.
    Activity = "activity", ("Actividad del plan", "Plan activity"), Text, optional, [
        "Actividad", "Activity", "ID actividad", "Activity id", "Actividad vinculada"
    ];
    /// Migration-cycle stages (multi-valued).
    Stages = "stages", ("Etapas del ciclo migratorio", "Migration stages"), Codes, optional, [
        "Etapa", "Etapas", "Ciclo migratorio", "Etapa del ciclo migratorio", "Stage", "Stages",
        "Migration cycle"
    ];
    /// Status.
    Status = "status", ("Estado", "Status"), Code, required, [
        "Estatus", "Situación", "Estado de avance"
    ];
    /// Progress in percent.
    Progress = "progress", ("Avance (%)", "Progress (%)"), Percent, optional, [
        "Avance", "Porcentaje de avance", "% de avance", "Progress", "Percent complete"
    ];
    /// Start date.
    Start = "start", ("Fecha de inicio", "Start date"), Date, optional, [
        "Inicio", "Start", "Fecha inicio"
    ];
    /// End date.
    End = "end", ("Fecha de fin", "End date"), Date, optional, [
        "Fin", "End", "Fecha fin", "Fecha de término", "Fecha de finalización", "Fecha de cierre"
    ];
    /// Women participants.
    Women = "women", ("Mujeres", "Women"), Count(0), optional, ["Participantes mujeres", "Female"];
    /// Men participants.
    Men = "men", ("Hombres", "Men"), Count(1), optional, ["Participantes hombres", "Male"];
    /// Girls participants.
    Girls = "girls", ("Niñas", "Girls"), Count(2), optional, ["Girls participants"];
    /// Boys participants.
    Boys = "boys", ("Niños", "Boys"), Count(3), optional, ["Boys participants"];
    /// Participants not disaggregated.
    Unspecified = "unspecified", ("Sin desagregar", "Unspecified"), Count(4), optional, [
        "Participantes", "Participants", "Participantes sin desagregar", "Not disaggregated"
    ];
    /// Evidence URL.
    EvidenceUrl = "evidence_url", ("Enlace de evidencia", "Evidence URL"), Text, optional, [
        "Evidencia", "Enlace", "URL", "Link", "Medio de verificación", "Evidence"
    ];
    /// Replicable flag.
    Replicable = "replicable", ("Replicable", "Replicable"), Flag, optional, [
        "Es replicable", "¿Replicable?", "Replicabilidad"
    ];
    /// Approved by the CRM.
    Approved = "approved", ("Aprobado", "Approved"), Flag, optional, [
        "Aprobado CRM", "Validado", "Aprobación", "Approved by CRM"
    ];
}

impl Field {
    /// The header written on export in `lang` (and accepted on import).
    pub fn label(self, lang: Lang) -> &'static str {
        let (es, en) = self.labels();
        match lang {
            Lang::Es => es,
            Lang::En => en,
        }
    }

    /// Whether a file must have this column (the importer reports `missing_column` otherwise).
    pub fn required(self) -> bool {
        self.presence() == Presence::Required
    }

    /// For a participant count, its slot (women, men, girls, boys, unspecified).
    pub(crate) fn participant_slot(self) -> Option<usize> {
        match self.column_type() {
            ColumnType::Count(k) => Some(k),
            _ => None,
        }
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
