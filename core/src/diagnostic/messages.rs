//! Message templates: one per diagnostic code, in Spanish and English, with the code's
//! default severity. Placeholders are `{name}`; a missing parameter renders as `?`.

use super::Severity;
use crate::i18n::Lang;

/// The template of one diagnostic code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MessageTemplate {
    /// The diagnostic code.
    pub code: &'static str,
    /// Its default severity.
    pub severity: Severity,
    /// Spanish template.
    pub es: &'static str,
    /// English template.
    pub en: &'static str,
}

impl MessageTemplate {
    /// The template in `lang`.
    pub fn text(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Es => self.es,
            Lang::En => self.en,
        }
    }
}

use Severity::{Error, Info, Warning};

/// Every diagnostic code the library emits. Codes are API; this list is what bindings
/// compare their own lists against.
pub const MESSAGES: &[MessageTemplate] = &[
    MessageTemplate {
        code: "missing_field",
        severity: Error,
        es: "Falta el campo obligatorio «{field}».",
        en: "The required field \"{field}\" is missing.",
    },
    MessageTemplate {
        code: "end_before_start",
        severity: Error,
        es: "La fecha de fin ({end}) es anterior a la de inicio ({start}).",
        en: "The end date ({end}) is before the start date ({start}).",
    },
    MessageTemplate {
        code: "outside_plan_period",
        severity: Error,
        es: "La actividad ({start} a {end}) queda fuera del periodo del plan ({plan_start} a {plan_end}).",
        en: "The activity ({start} to {end}) runs outside the plan period ({plan_start} to {plan_end}).",
    },
    MessageTemplate {
        code: "duplicate_id",
        severity: Error,
        es: "El identificador «{value}» ya se usó en {first}.",
        en: "The id \"{value}\" is already used at {first}.",
    },
    MessageTemplate {
        code: "unknown_guideline",
        severity: Error,
        es: "El lineamiento «{value}» no existe en la versión {version}.",
        en: "Guideline \"{value}\" does not exist in version {version}.",
    },
    MessageTemplate {
        code: "retired_guideline",
        severity: Warning,
        es: "El lineamiento «{value}» fue retirado en la versión {retired}.",
        en: "Guideline \"{value}\" was retired in version {retired}.",
    },
    MessageTemplate {
        code: "unknown_code",
        severity: Error,
        es: "Código desconocido ({kind}): «{value}».",
        en: "Unknown {kind} code: \"{value}\".",
    },
    MessageTemplate {
        code: "lead_count",
        severity: Error,
        es: "Una actividad debe tener exactamente una institución líder; tiene {count}.",
        en: "An activity must have exactly one lead; it has {count}.",
    },
    MessageTemplate {
        code: "unbounded_event",
        severity: Warning,
        es: "El evento dura {days} días, más que el máximo de {max_days}: la planificación debe ser puntual y acotada.",
        en: "The event lasts {days} days, more than the maximum of {max_days}: events should be bounded.",
    },
    MessageTemplate {
        code: "schedule_overlap",
        severity: Warning,
        es: "«{activity}» ({group}) se traslapa con «{other_activity}» ({other_group}) y comparten {shared}.",
        en: "\"{activity}\" ({group}) overlaps \"{other_activity}\" ({other_group}) and they share {shared}.",
    },
    MessageTemplate {
        code: "no_indicator",
        severity: Warning,
        es: "La actividad no tiene ningún indicador con meta.",
        en: "The activity has no indicator with a target.",
    },
    MessageTemplate {
        code: "axis_mismatch",
        severity: Warning,
        es: "Ningún lineamiento referido pertenece al eje {axis} del plan.",
        en: "None of the referenced guidelines belongs to the plan's axis {axis}.",
    },
    MessageTemplate {
        code: "axis_not_covered",
        severity: Info,
        es: "El eje {axis} no tiene ninguna actividad.",
        en: "Axis {axis} has no activity.",
    },
    MessageTemplate {
        code: "review_due",
        severity: Warning,
        es: "El lineamiento «{value}» debe revisarse: última revisión {last_reviewed}, intervalo de {interval_days} días.",
        en: "Guideline \"{value}\" is due for review: last reviewed {last_reviewed}, interval {interval_days} days.",
    },
    MessageTemplate {
        code: "near_duplicate",
        severity: Info,
        es: "«{activity}» ({group}) parece la misma actividad que «{other_activity}» ({other_group}): mismos lineamientos, fechas que se traslapan y títulos similares.",
        en: "\"{activity}\" ({group}) looks like the same activity as \"{other_activity}\" ({other_group}): same guidelines, overlapping dates and similar titles.",
    },
    MessageTemplate {
        code: "challenge_not_addressed",
        severity: Info,
        es: "Ningún lineamiento vigente de la versión {version} aborda el desafío emergente «{challenge}».",
        en: "No active guideline of version {version} addresses the emerging challenge \"{challenge}\".",
    },
    MessageTemplate {
        code: "unmapped_guideline",
        severity: Warning,
        es: "El lineamiento «{value}» de la versión {from} no tiene correspondencia en la versión {to}.",
        en: "Guideline \"{value}\" of version {from} has no counterpart in version {to}.",
    },
    MessageTemplate {
        code: "table_without_axis",
        severity: Warning,
        es: "La mesa de trabajo «{table}» no tiene eje temático.",
        en: "Working table \"{table}\" has no thematic axis.",
    },
    MessageTemplate {
        code: "plan_not_approved",
        severity: Info,
        es: "El plan «{plan}» quedó fuera del plan general: {state}.",
        en: "Plan \"{plan}\" was left out of the general plan: {state}.",
    },
    MessageTemplate {
        code: "unknown_activity",
        severity: Warning,
        es: "El registro «{entry}» menciona la actividad «{value}», que no está en ningún plan del ciclo.",
        en: "Entry \"{entry}\" names activity \"{value}\", which is in no plan of the cycle.",
    },
    MessageTemplate {
        code: "unknown_reference",
        severity: Warning,
        es: "«{value}» no corresponde a ningún(a) {reference} del ciclo.",
        en: "\"{value}\" is no {reference} of the cycle.",
    },
    MessageTemplate {
        code: "behind_target",
        severity: Warning,
        es: "La actividad «{activity}» reporta {reported} % de avance con {elapsed} % de su periodo transcurrido (margen {margin} puntos).",
        en: "Activity \"{activity}\" reports {reported} % progress with {elapsed} % of its period elapsed (margin {margin} points).",
    },
    MessageTemplate {
        code: "not_reported",
        severity: Warning,
        es: "La actividad aprobada «{activity}» terminó el {end} y ningún país la ha reportado.",
        en: "Approved activity \"{activity}\" ended on {end} and no country has reported on it.",
    },
    MessageTemplate {
        code: "agreement_overdue",
        severity: Warning,
        es: "El acuerdo «{agreement}» venció el {due} ({days} días de retraso) y sigue {status}.",
        en: "Agreement \"{agreement}\" was due on {due} ({days} days ago) and is still {status}.",
    },
    MessageTemplate {
        code: "agreement_without_owner",
        severity: Warning,
        es: "El acuerdo «{agreement}» no tiene responsable.",
        en: "Agreement \"{agreement}\" has nobody responsible.",
    },
    MessageTemplate {
        code: "agreement_without_follow_up",
        severity: Warning,
        es: "El acuerdo «{agreement}» no tiene seguimiento desde el {since} ({days} días).",
        en: "Agreement \"{agreement}\" has had no follow-up since {since} ({days} days).",
    },
    MessageTemplate {
        code: "focal_point_not_trained",
        severity: Info,
        es: "El punto focal de {institution} ({country}), en funciones desde el {since}, no ha asistido a ninguna capacitación desde entonces.",
        en: "The focal point of {institution} ({country}), in office since {since}, has attended no training since.",
    },
    MessageTemplate {
        code: "duplicate_code",
        severity: Error,
        es: "El código «{value}» está repetido en {list}.",
        en: "The code \"{value}\" is repeated in {list}.",
    },
    MessageTemplate {
        code: "dangling_reference",
        severity: Error,
        es: "«{value}» se refiere a un código que no existe ({kind}).",
        en: "\"{value}\" refers to a {kind} that does not exist.",
    },
    MessageTemplate {
        code: "no_active_focal_point",
        severity: Warning,
        es: "{institution} ({country}) no tiene ningún punto focal activo.",
        en: "{institution} ({country}) has no active focal point.",
    },
    MessageTemplate {
        code: "contact_unconfirmed",
        severity: Warning,
        es: "Un contacto de {institution} ({country}) no se confirma desde {last_confirmed} (intervalo: {interval_days} días).",
        en: "A contact at {institution} ({country}) has not been confirmed since {last_confirmed} (interval: {interval_days} days).",
    },
    MessageTemplate {
        code: "country_without_focal_point",
        severity: Warning,
        es: "{country} no tiene ningún punto focal activo.",
        en: "{country} has no active focal point.",
    },
    MessageTemplate {
        code: "sector_without_focal_point",
        severity: Warning,
        es: "{country} no tiene ningún punto focal activo en el sector «{sector}».",
        en: "{country} has no active focal point in the sector \"{sector}\".",
    },
    MessageTemplate {
        code: "unknown_institution",
        severity: Warning,
        es: "La institución «{value}» ({country}) no está en el catálogo de instituciones nacionales: se conserva como está escrita.",
        en: "Institution \"{value}\" ({country}) is not in the catalogue of national institutions: it is kept as written.",
    },
    MessageTemplate {
        code: "conflict_value_mismatch",
        severity: Error,
        es: "El conflicto «{subject}» dice que se usa «{value}», pero {path} vale «{actual}».",
        en: "Conflict \"{subject}\" says \"{value}\" is used, but {path} holds \"{actual}\".",
    },
    MessageTemplate {
        code: "congress_date_mismatch",
        severity: Error,
        es: "El congreso {edition} empieza el {start}, pero su {field} es {value}.",
        en: "Congress {edition} starts on {start}, but its {field} is {value}.",
    },
    MessageTemplate {
        code: "missing_column",
        severity: Error,
        es: "Falta la columna obligatoria «{es}»: ninguna fila del archivo puede aceptarse.",
        en: "The required column \"{en}\" is missing: no row of the file can be accepted.",
    },
    MessageTemplate {
        code: "unknown_column",
        severity: Warning,
        es: "La columna «{value}» no se reconoce y se ignora.",
        en: "Column \"{value}\" is not recognised and is ignored.",
    },
    MessageTemplate {
        code: "duplicate_column",
        severity: Warning,
        es: "La columna «{value}» repite el campo {field}; se usa la primera.",
        en: "Column \"{value}\" repeats field {field}; the first one is used.",
    },
    MessageTemplate {
        code: "invalid_date",
        severity: Error,
        es: "«{value}» (columna {column}) no es una fecha (se aceptan aaaa-mm-dd, dd/mm/aaaa y números de serie de Excel).",
        en: "\"{value}\" (column {column}) is not a date (accepted: yyyy-mm-dd, dd/mm/yyyy, Excel serial numbers).",
    },
    MessageTemplate {
        code: "invalid_number",
        severity: Error,
        es: "«{value}» (columna {column}) no es un número válido.",
        en: "\"{value}\" (column {column}) is not a valid number.",
    },
    MessageTemplate {
        code: "out_of_range",
        severity: Error,
        es: "«{value}» (columna {column}) está fuera del rango {min} a {max}.",
        en: "\"{value}\" (column {column}) is outside the range {min} to {max}.",
    },
    MessageTemplate {
        code: "invalid_value",
        severity: Error,
        es: "«{value}» (columna {column}) no es un valor válido (sí/no).",
        en: "\"{value}\" (column {column}) is not a valid value (yes/no).",
    },
    MessageTemplate {
        code: "value_normalized",
        severity: Warning,
        es: "«{value}» (columna {column}) se interpretó como {read_as} (regla: {rule}).",
        en: "\"{value}\" (column {column}) was read as {read_as} (rule: {rule}).",
    },
    MessageTemplate {
        code: "ambiguous_percentage",
        severity: Error,
        es: "El avance «{value}» es ambiguo: sin «%», un número entre 0 y 1 puede ser una fracción (0,45 = 45 %) o un porcentaje, y la columna no permite decidir. Escriba «{value}%» o el porcentaje.",
        en: "Progress \"{value}\" is ambiguous: without \"%\", a number between 0 and 1 may be a fraction (0.45 = 45%) or a percentage, and the column does not tell which. Write \"{value}%\" or the percentage.",
    },
    MessageTemplate {
        code: "progress_as_fraction",
        severity: Info,
        es: "Todos los valores de avance (columna {column}) están entre 0 y 1: se leen como fracciones (0,45 = 45 %).",
        en: "Every progress value (column {column}) lies between 0 and 1: they are read as fractions (0.45 = 45%).",
    },
    MessageTemplate {
        code: "encoding_fallback",
        severity: Info,
        es: "El archivo no está en UTF-8: las celdas se leyeron como {encoding} (Latin-1), desde la fila {row}.",
        en: "The file is not UTF-8: cells were read as {encoding} (Latin-1), from row {row}.",
    },
    MessageTemplate {
        code: "preamble_skipped",
        severity: Info,
        es: "La fila {row} está antes del encabezado y se omitió: «{value}».",
        en: "Row {row} comes before the header and was skipped: \"{value}\".",
    },
    MessageTemplate {
        code: "unbalanced_quote",
        severity: Error,
        es: "La celda de la columna {column} abre comillas que no se cierran: absorbió {lines} líneas del archivo. Corrija las comillas y vuelva a importar.",
        en: "The cell in column {column} opens a quote that is never closed: it swallowed {lines} lines of the file. Fix the quotes and import again.",
    },
    MessageTemplate {
        code: "limit_exceeded",
        severity: Error,
        es: "Se superó el límite de {what}.",
        en: "The limit of {what} was exceeded.",
    },
];

/// The template of `code`, if it has one.
pub fn template(code: &str) -> Option<&'static MessageTemplate> {
    MESSAGES.iter().find(|t| t.code == code)
}

/// Substitutes `{name}` placeholders with `lookup(name)`; a missing value renders as `?`.
pub(crate) fn render(template: &str, lookup: impl Fn(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let (before, after) = rest.split_at(open);
        out.push_str(before);
        let after = after.get(1..).unwrap_or("");
        match after.find('}') {
            Some(close) => {
                let name = after.get(..close).unwrap_or("");
                out.push_str(&lookup(name).unwrap_or_else(|| "?".to_owned()));
                rest = after.get(close + 1..).unwrap_or("");
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_is_unique_and_snake_case() {
        let mut seen = std::collections::HashSet::new();
        for t in MESSAGES {
            assert!(seen.insert(t.code), "duplicate {}", t.code);
            assert!(
                t.code.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
                "{}",
                t.code
            );
        }
    }

    #[test]
    fn render_substitutes_and_marks_missing() {
        assert_eq!(
            render("a {x} b {y}", |n| (n == "x").then(|| "1".to_owned())),
            "a 1 b ?"
        );
        assert_eq!(render("open { brace", |_| None), "open { brace");
    }
}
