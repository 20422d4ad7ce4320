//! Findings of validation and import: [`Diagnostic`], [`Severity`], [`Report`].
//!
//! A diagnostic is data: a stable `code`, a `severity`, a JSON Pointer `path` into the input
//! (`/activities/3/end`), for tabular input the `row` (as the spreadsheet shows it) and
//! `column`, the offending `value`, named `params`, and a `suggestion`. Its human message is
//! rendered from those parameters in Spanish or English by [`Diagnostic::message`]; programs
//! test codes and paths, never messages.

mod columns;
mod messages;
mod provenance;

pub use columns::{FINDINGS_COLUMNS, findings_columns, findings_columns_of_json};

pub(crate) use messages::render;
pub use messages::{MESSAGES, MessageTemplate, template};

use crate::i18n::Lang;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Worth knowing; nothing to fix.
    Info,
    /// Should be looked at; the input is still usable.
    Warning,
    /// Must be fixed; the input (or row) is not acceptable.
    Error,
}

impl Severity {
    /// The snake_case code (`"error"`, `"warning"`, `"info"`).
    pub fn code(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// Parses `error`, `warning` or `info` (any case).
    pub fn parse(s: &str) -> crate::Result<Self> {
        match crate::text::normalize_key(s).as_str() {
            "error" => Ok(Severity::Error),
            "warning" | "warn" => Ok(Severity::Warning),
            "info" => Ok(Severity::Info),
            _ => Err(crate::Error::invalid_value(
                "severity",
                Some(s.to_owned()),
                "a severity (one of error, warning, info)",
            )),
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Diagnostic {
    /// Stable machine code (e.g. `end_before_start`). Codes are API.
    pub code: String,
    /// How serious it is.
    pub severity: Severity,
    /// JSON Pointer (RFC 6901) into the input: `""` is the whole document.
    pub path: String,
    /// For tabular input: the row as the spreadsheet shows it (header = row 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub row: Option<u64>,
    /// For tabular input: the column name as written in the file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    /// The offending value, as given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// Named parameters from which the message is rendered.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub params: BTreeMap<String, String>,
    /// A fix to try: the nearest valid code, the crosswalk target of a retired item, ...
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suggestion: Option<String>,
}

impl Diagnostic {
    /// A finding with `code`, its default severity (from [`MESSAGES`]; `Error` for a code
    /// that has no template) and `path`.
    pub fn new(code: &str, path: impl Into<String>) -> Self {
        let severity = template(code).map_or(Severity::Error, |t| t.severity);
        Diagnostic {
            code: code.to_owned(),
            severity,
            path: path.into(),
            row: None,
            column: None,
            value: None,
            params: BTreeMap::new(),
            suggestion: None,
        }
    }

    /// Sets the severity.
    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    /// Sets the offending value.
    pub fn with_value(mut self, value: impl Into<String>) -> Self {
        self.value = Some(value.into());
        self
    }

    /// Adds a message parameter.
    pub fn with_param(mut self, name: &str, value: impl Into<String>) -> Self {
        self.params.insert(name.to_owned(), value.into());
        self
    }

    /// Sets the suggestion (ignored when `None`).
    pub fn with_suggestion(mut self, suggestion: Option<String>) -> Self {
        self.suggestion = suggestion;
        self
    }

    /// Sets row and column for tabular input.
    pub fn at_cell(mut self, row: u64, column: impl Into<String>) -> Self {
        self.row = Some(row);
        self.column = Some(column.into());
        self
    }

    /// The message in `lang`, rendered from the template of [`Self::code`] and the
    /// parameters. `{value}`, `{path}`, `{row}`, `{column}` and `{suggestion}` are available
    /// to every template besides the named parameters.
    pub fn message(&self, lang: Lang) -> String {
        let Some(t) = template(&self.code) else {
            // A rule file's finding carries its message, rendered in both languages.
            let own = match lang {
                Lang::Es => self.params.get("message_es"),
                Lang::En => self.params.get("message_en"),
            };
            if let Some(text) = own {
                return text.clone();
            }
            let params: Vec<String> = self
                .params
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect();
            return format!("{} {}", self.code, params.join(" "))
                .trim_end()
                .to_owned();
        };
        let mut out = messages::render(t.text(lang), |name| match name {
            "value" => self.value.clone(),
            "path" => Some(self.path.clone()),
            "row" => self.row.map(|r| r.to_string()),
            "column" => self.column.clone(),
            "suggestion" => self.suggestion.clone(),
            other => self
                .params
                .get(other)
                .map(|v| self.localized_param(other, v, lang)),
        });
        if let Some(s) = &self.suggestion {
            if !t.text(lang).contains("{suggestion}") {
                out.push_str(match lang {
                    Lang::Es => " ¿Quiso decir «",
                    Lang::En => " Did you mean \"",
                });
                out.push_str(s);
                out.push_str(match lang {
                    Lang::Es => "»?",
                    Lang::En => "\"?",
                });
            }
        }
        if self.params.get("dropped").is_some_and(|v| v == "true") {
            // The import kept the row without this value (see `docs/matrix.md`).
            out.push_str(match lang {
                Lang::Es => " Se conserva la fila sin este valor.",
                Lang::En => " The row is kept without this value.",
            });
        }
        out
    }
}

impl Diagnostic {
    /// A parameter as it reads in a sentence in `lang`. Params are codes (data); the ones
    /// that name a code list, an emerging challenge, a matrix column, a reading rule or a
    /// limit render as their label. Anything else (and an unknown code) renders as given.
    fn localized_param(&self, name: &str, value: &str, lang: Lang) -> String {
        use crate::codes::{CodeKind, EmergingChallenge};
        use crate::matrix::import::headers::Field;
        let field = || {
            Field::ALL
                .iter()
                .find(|f| f.code() == value)
                .map(|f| f.label(lang))
        };
        let label = match name {
            "kind" => CodeKind::from_code(value).map(|k| k.label(lang)),
            "challenge" => EmergingChallenge::ALL
                .iter()
                .find(|c| c.code() == value)
                .map(|c| c.label(lang)),
            // In a JSON document the field is the key the user wrote; in a table it is a
            // column, known by its header.
            "field" if self.row.is_some() || self.code == "duplicate_column" => field(),
            "rule" => match (value, lang) {
                ("month_first_date", Lang::Es) => Some("fecha con el mes primero, mm/dd/aaaa"),
                ("month_first_date", Lang::En) => Some("month-first date, mm/dd/yyyy"),
                ("percent_column", Lang::Es) => Some("columna en porcentajes: un 1 sin «%» es 1 %"),
                ("percent_column", Lang::En) => Some("percent column: a bare 1 is 1%"),
                _ => None,
            },
            "sector" => crate::codes::Sector::ALL
                .iter()
                .find(|c| c.code() == value)
                .map(|c| c.label(lang)),
            "what" => match (value, lang) {
                ("distinct_keys", Lang::Es) => Some("instituciones o actividades distintas"),
                ("distinct_keys", Lang::En) => Some("distinct institutions or activities"),
                _ => None,
            },
            "reference" => reference_label(value, lang),
            "status" if self.code.starts_with("agreement_") => crate::codes::AgreementStatus::ALL
                .iter()
                .find(|s| s.code() == value)
                .map(|s| s.label(lang)),
            "state" if self.code == "plan_not_approved" => plan_state_label(value, lang),
            _ => None,
        };
        label.map_or_else(|| value.to_owned(), str::to_owned)
    }
}

/// What a cycle reference names (`unknown_reference`'s `reference` parameter), as it reads
/// in a sentence.
fn reference_label(code: &str, lang: Lang) -> Option<&'static str> {
    let (es, en) = match code {
        "table" => ("mesa de trabajo", "working table"),
        "plan" => ("plan", "plan"),
        "agreement" => ("acuerdo", "agreement"),
        "entry" => ("registro de la matriz", "matrix entry"),
        "activity" => ("actividad", "activity"),
        "congress" => ("congreso", "congress"),
        _ => return None,
    };
    Some(match lang {
        Lang::Es => es,
        Lang::En => en,
    })
}

/// Why a plan stayed out of an approved-only general plan (`plan_not_approved`'s `state`).
fn plan_state_label(code: &str, lang: Lang) -> Option<&'static str> {
    let (es, en) = match code {
        "no approval record" => ("no tiene registro de aprobación", "no approval record"),
        "conflicting approval records" => (
            "tiene registros de aprobación que se contradicen",
            "conflicting approval records",
        ),
        "changed since approval" => ("cambió después de su aprobación", "changed since approval"),
        "draft" => ("está en borrador", "still a draft"),
        "submitted" => ("está presentado, sin validar", "submitted, not validated"),
        "validated" => ("está validado, sin aprobar", "validated, not approved"),
        "returned_for_changes" => ("fue devuelto para cambios", "returned for changes"),
        "withdrawn" => ("fue retirado", "withdrawn"),
        _ => return None,
    };
    Some(match lang {
        Lang::Es => es,
        Lang::En => en,
    })
}

/// Counts of findings by severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Summary {
    /// Number of errors.
    pub errors: usize,
    /// Number of warnings.
    pub warnings: usize,
    /// Number of infos.
    pub infos: usize,
}

/// What a result was computed from, so that it can be reproduced later.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Pins {
    /// The catalogue's version.
    pub catalog_version: String,
    /// The catalogue's content hash (`sha256:` + hex).
    pub catalog_hash: String,
    /// The version of this library.
    pub library_version: String,
    /// The guideline-set version the result refers to, when it refers to one (a matrix's
    /// version and its pivots).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guideline_version: Option<String>,
    /// Whether the guidelines behind the result are the official text or an illustrative set
    /// (of that version; without a version, `illustrative` when any set of the catalogue is).
    /// Rendered outputs say so: [`Pins::note`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provenance: Option<crate::guidelines::Provenance>,
    /// The rule files the result was checked against (id, version, content hash), in the
    /// order given; absent when none was.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rulesets: Vec<crate::ruleset::RuleSetPin>,
}

/// The result of a validation: every finding, not only the first.
///
/// Whether it is `ok` and its `summary` are computed from the findings ([`Report::ok`],
/// [`Report::summary`]), so they cannot disagree with them. The JSON shape still carries
/// both keys, for readers that only look at those:
///
/// ```json
/// {"ok": false, "summary": {"errors": 1, "warnings": 0, "infos": 0},
///  "diagnostics": [...], "pins": {...}}
/// ```
///
/// Reading a report back requires both keys (as the schema says) but ignores their values:
/// they are recomputed from the findings.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(into = "ReportShape", from = "ReportShape")]
pub struct Report {
    /// Every finding, in the order the input was read.
    pub diagnostics: Vec<Diagnostic>,
    /// What produced this report.
    pub pins: Pins,
    /// Per rule-file rule that ran: how many records passed, failed or were out of its
    /// reach (empty when no rule file was given).
    pub outcomes: Vec<crate::ruleset::RuleOutcomes>,
}

// The serde shape of [`Report`], also the source of its JSON Schema (whose description is
// the doc comment below).
/// The result of a validation: every finding, not only the first.
#[derive(Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "Report")]
struct ReportShape {
    /// `true` when there is no finding of severity `error`.
    ok: bool,
    /// Counts by severity.
    summary: Summary,
    /// Every finding, in the order the input was read.
    diagnostics: Vec<Diagnostic>,
    /// What produced this report.
    pins: Pins,
    /// Per rule-file rule that ran: pass, fail and not-applicable counts (absent when no
    /// rule file was given).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    outcomes: Vec<crate::ruleset::RuleOutcomes>,
}

impl From<Report> for ReportShape {
    fn from(r: Report) -> Self {
        ReportShape {
            ok: r.ok(),
            summary: r.summary(),
            diagnostics: r.diagnostics,
            pins: r.pins,
            outcomes: r.outcomes,
        }
    }
}

impl From<ReportShape> for Report {
    fn from(r: ReportShape) -> Self {
        Report {
            diagnostics: r.diagnostics,
            pins: r.pins,
            outcomes: r.outcomes,
        }
    }
}

impl JsonSchema for Report {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Report".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        ReportShape::json_schema(generator)
    }
}

/// Counts of `diagnostics` by severity.
fn summarize<'a>(diagnostics: impl IntoIterator<Item = &'a Diagnostic>) -> Summary {
    let mut s = Summary::default();
    for d in diagnostics {
        match d.severity {
            Severity::Error => s.errors += 1,
            Severity::Warning => s.warnings += 1,
            Severity::Info => s.infos += 1,
        }
    }
    s
}

impl Report {
    /// An empty (ok) report with these pins.
    pub fn new(pins: Pins) -> Self {
        Report {
            diagnostics: Vec::new(),
            pins,
            outcomes: Vec::new(),
        }
    }

    /// `true` when there is no finding of severity `error`.
    pub fn ok(&self) -> bool {
        !self.has_errors()
    }

    /// Counts of the findings by severity.
    pub fn summary(&self) -> Summary {
        summarize(&self.diagnostics)
    }

    /// Adds a finding.
    pub fn push(&mut self, d: Diagnostic) {
        self.diagnostics.push(d);
    }

    /// Adds what checking against a rule file gave: its findings, its pin and its rules'
    /// outcome counts.
    pub fn add_ruleset_check(&mut self, check: crate::ruleset::RuleSetCheck) {
        self.diagnostics.extend(check.diagnostics);
        self.pins.rulesets.push(check.ruleset);
        self.outcomes.extend(check.outcomes);
    }

    /// Adds every finding of `other` (pins are kept).
    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.diagnostics.extend(other);
    }

    /// Whether any finding has severity `error`.
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }

    /// The findings with this code.
    pub fn with_code<'a>(&'a self, code: &'a str) -> impl Iterator<Item = &'a Diagnostic> + 'a {
        self.diagnostics.iter().filter(move |d| d.code == code)
    }

    /// This report with every message rendered in `lang`: the shape bindings hand to users.
    pub fn localized(&self, lang: Lang) -> LocalizedReport {
        LocalizedReport {
            ok: self.ok(),
            summary: self.summary(),
            diagnostics: self
                .diagnostics
                .iter()
                .map(|d| LocalizedDiagnostic::new(d, lang))
                .collect(),
            pins: self.pins.clone(),
            outcomes: self.outcomes.clone(),
            lang,
        }
    }
}

/// A [`Diagnostic`] with its message rendered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct LocalizedDiagnostic {
    /// The finding.
    #[serde(flatten)]
    pub diagnostic: Diagnostic,
    /// Its message in the report's language.
    pub message: String,
}

impl LocalizedDiagnostic {
    /// Renders `d` in `lang`.
    pub fn new(d: &Diagnostic, lang: Lang) -> Self {
        LocalizedDiagnostic {
            diagnostic: d.clone(),
            message: d.message(lang),
        }
    }
}

/// A [`Report`] with messages rendered in one language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct LocalizedReport {
    /// `true` when there is no error.
    pub ok: bool,
    /// Counts by severity.
    pub summary: Summary,
    /// Every finding with its message.
    pub diagnostics: Vec<LocalizedDiagnostic>,
    /// What produced the report.
    pub pins: Pins,
    /// Per rule-file rule that ran: pass, fail and not-applicable counts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub outcomes: Vec<crate::ruleset::RuleOutcomes>,
    /// The language of the messages.
    pub lang: Lang,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_counts_and_ok() {
        let mut r = Report::new(Pins::default());
        assert!(r.ok());
        r.push(Diagnostic::new("no_indicator", "/activities/0"));
        assert!(r.ok());
        r.push(Diagnostic::new("end_before_start", "/activities/0/end"));
        assert!(!r.ok());
        assert_eq!(
            r.summary(),
            Summary {
                errors: 1,
                warnings: 1,
                infos: 0
            }
        );
        assert_eq!(r.with_code("end_before_start").count(), 1);
    }

    #[test]
    fn ok_and_summary_follow_the_findings_and_serialise() {
        let mut r = Report::new(Pins::default());
        r.push(Diagnostic::new("end_before_start", "/end"));
        let v = serde_json::to_value(&r).unwrap();
        assert_eq!(v["ok"], false);
        assert_eq!(v["summary"]["errors"], 1);
        // Edited findings: ok and summary follow.
        r.diagnostics.clear();
        assert!(r.ok() && r.summary() == Summary::default());
        // Read back: ok and summary are recomputed, stale ones ignored.
        let back: Report = serde_json::from_value(v.clone()).unwrap();
        assert!(!back.ok() && back.summary().errors == 1);
        let mut stale = v;
        stale["ok"] = true.into();
        let back: Report = serde_json::from_value(stale).unwrap();
        assert!(!back.ok());
    }

    #[test]
    fn messages_render_in_both_languages() {
        let d = Diagnostic::new("unknown_code", "/activities/2/participants/0")
            .with_value("Mexco")
            .with_param("kind", "country")
            .with_suggestion(Some("MEX".into()));
        let es = d.message(Lang::Es);
        let en = d.message(Lang::En);
        assert!(es.contains("Mexco") && es.contains("MEX"), "{es}");
        assert!(en.contains("Mexco") && en.contains("MEX"), "{en}");
        assert_ne!(es, en);
    }

    #[test]
    fn code_list_names_render_in_the_message_language() {
        let d = Diagnostic::new("unknown_code", "/activities/2/participants/0")
            .with_value("PRO-9")
            .with_param("kind", "participant");
        assert_eq!(
            d.message(Lang::Es),
            "Código desconocido (participante): «PRO-9»."
        );
        assert_eq!(d.message(Lang::En), "Unknown participant code: \"PRO-9\".");
        // The param itself stays a code.
        assert_eq!(
            d.params.get("kind").map(String::as_str),
            Some("participant")
        );

        let d = Diagnostic::new("unknown_code", "/gcm_objectives/0")
            .with_value("31")
            .with_param("kind", "gcm_objective");
        assert_eq!(
            d.message(Lang::Es),
            "Código desconocido (objetivo del Pacto Mundial): «31»."
        );
        assert_eq!(d.message(Lang::En), "Unknown GCM objective code: \"31\".");

        let d = Diagnostic::new("dangling_reference", "/guideline_sets/0/guidelines/3/axis")
            .with_value("X")
            .with_param("kind", "axis");
        assert_eq!(
            d.message(Lang::Es),
            "«X» se refiere a un código que no existe (eje temático)."
        );
        assert_eq!(
            d.message(Lang::En),
            "\"X\" refers to a thematic axis that does not exist."
        );
    }

    #[test]
    fn columns_rules_challenges_and_limits_render_as_labels() {
        let d = Diagnostic::new("missing_field", "/rows/0/title")
            .at_cell(2, "Título")
            .with_param("field", "title");
        assert_eq!(d.message(Lang::Es), "Falta el campo obligatorio «Título».");
        assert_eq!(
            d.message(Lang::En),
            "The required field \"Title\" is missing."
        );
        // In a JSON document the key is shown as written.
        let d = Diagnostic::new("missing_field", "/title").with_param("field", "title");
        assert_eq!(d.message(Lang::Es), "Falta el campo obligatorio «title».");

        let d = Diagnostic::new("value_normalized", "/rows/0/start")
            .at_cell(2, "Inicio")
            .with_value("03/25/2024")
            .with_param("read_as", "2024-03-25")
            .with_param("rule", "month_first_date");
        assert_eq!(
            d.message(Lang::Es),
            "«03/25/2024» (columna Inicio) se interpretó como 2024-03-25 (regla: fecha con el mes primero, mm/dd/aaaa)."
        );

        let d = Diagnostic::new("limit_exceeded", "").with_param("what", "distinct_keys");
        assert_eq!(
            d.message(Lang::Es),
            "Se superó el límite de instituciones o actividades distintas."
        );

        let d = Diagnostic::new("challenge_not_addressed", "/guideline_sets/0/guidelines")
            .with_param("challenge", "climate_displacement")
            .with_param("version", "2023");
        assert_eq!(
            d.message(Lang::Es),
            "Ningún lineamiento vigente de la versión 2023 aborda el desafío emergente «Migración por cambio climático»."
        );
    }

    #[test]
    fn unknown_code_without_template_still_renders() {
        let d = Diagnostic::new("some_future_code", "").with_param("a", "1");
        assert_eq!(d.severity, Severity::Error);
        assert_eq!(d.message(Lang::En), "some_future_code a=1");
    }
}
