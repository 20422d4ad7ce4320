//! Priority actions: each derived by a named rule from figures of the report, and carrying
//! those figures, so that a reader can check why it is there.
//!
//! | rule | when | figures |
//! |---|---|---|
//! | `complete_plan_approval` | a working table's plan is not in the approved general plan | table, plan, approval, errors |
//! | `follow_up_overdue_agreement` | an agreement is past its due date, still pending | agreement, due, days_overdue, responsible |
//! | `assign_agreement_owner` | an agreement names nobody responsible | agreement |
//! | `support_activity_behind` | an activity's reported progress trails the time elapsed | activity, progress, elapsed |
//! | `request_missing_reports` | activities of approved plans ended without any report (one action per axis) | activities, count |
//! | `contact_silent_members` | member states with no entry in the period | countries, count |
//! | `plan_uncovered_priority` | a priority area agreed at a preparatory webinar has no activity in the general plan | axis |
//! | `share_replicable_practice` | a good practice or success case on an item other countries report nothing on (the first five) | entry, country, item, countries |
//! | `review_guideline_items` | guideline items are due for review | items, count |
//! | `renew_focal_points` | focal-point findings (no active contact, unconfirmed, untrained) | no_active, unconfirmed, untrained |
//!
//! Actions come in this table's order; within a rule, in the order of the cycle document.

use super::{AxisSection, CycleFigures};
use crate::analysis::ReplicationCandidate;
use crate::cycle::{ActivityState, CycleReview};
use crate::diagnostic::Report;
use crate::i18n::Text;
use serde::Serialize;
use std::collections::BTreeMap;

/// One priority action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PriorityAction {
    /// The rule that derived it.
    pub rule: &'static str,
    /// The axis it concerns, if one.
    pub axis: Option<String>,
    /// What to do, in Spanish and English.
    pub text: Text,
    /// The figures it rests on.
    pub figures: BTreeMap<String, String>,
}

fn action(
    rule: &'static str,
    axis: Option<&str>,
    es: String,
    en: String,
    figures: &[(&str, String)],
) -> PriorityAction {
    PriorityAction {
        rule,
        axis: axis.map(str::to_owned),
        text: Text::new(es, en),
        figures: figures
            .iter()
            .map(|(k, v)| ((*k).to_owned(), v.clone()))
            .collect(),
    }
}

/// Every priority action of the report (see the module docs).
pub(super) fn derive(
    review: &CycleReview,
    figures: &CycleFigures,
    axes: &[AxisSection],
    replication: &[ReplicationCandidate],
    guideline_review: &Report,
) -> Vec<PriorityAction> {
    let mut out = Vec::new();
    for t in review.tables.iter().filter(|t| !t.approved) {
        let table = t.table.clone().unwrap_or_else(|| "?".into());
        let plan = t.plans.first().cloned().unwrap_or_else(|| "-".into());
        let state = t.approval.map_or("-", |s| s.code());
        out.push(action(
            "complete_plan_approval",
            t.axis.as_deref(),
            format!("Completar la validación y aprobación del plan de la mesa {table} (plan {plan}, estado {state}, {} errores).", t.errors),
            format!("Complete the validation and approval of table {table}'s plan (plan {plan}, state {state}, {} errors).", t.errors),
            &[("table", table.clone()), ("plan", plan.clone()), ("approval", state.to_owned()), ("errors", t.errors.to_string())],
        ));
    }
    for a in &review.agreements {
        let (Some(days), Some(due)) = (a.days_overdue, a.due) else {
            continue;
        };
        let id = a.id.clone().unwrap_or_else(|| format!("#{}", a.index));
        let who = if a.responsible.is_empty() {
            "-".to_owned()
        } else {
            a.responsible.join(", ")
        };
        out.push(action(
            "follow_up_overdue_agreement",
            a.axis.as_deref(),
            format!("Dar seguimiento al acuerdo {id} con {who}: venció el {due} ({days} días)."),
            format!("Follow up agreement {id} with {who}: due on {due} ({days} days ago)."),
            &[
                ("agreement", id.clone()),
                ("due", due.to_string()),
                ("days_overdue", days.to_string()),
                ("responsible", who.clone()),
            ],
        ));
    }
    for a in review
        .agreements
        .iter()
        .filter(|a| a.responsible.is_empty())
    {
        let id = a.id.clone().unwrap_or_else(|| format!("#{}", a.index));
        out.push(action(
            "assign_agreement_owner",
            a.axis.as_deref(),
            format!("Designar un responsable para el acuerdo {id}."),
            format!("Name somebody responsible for agreement {id}."),
            &[("agreement", id.clone())],
        ));
    }
    for a in review
        .activities
        .iter()
        .filter(|a| a.state == ActivityState::Behind)
    {
        let id = a.activity_id.clone().unwrap_or_else(|| a.path.clone());
        let progress = a.progress.map_or(0.0, |p| p.percent());
        let elapsed = a.elapsed.unwrap_or(0.0);
        out.push(action(
            "support_activity_behind",
            a.axis.as_deref(),
            format!("Apoyar la actividad {id}: {progress:.0} % de avance con {elapsed:.0} % del periodo transcurrido."),
            format!("Support activity {id}: {progress:.0} % progress with {elapsed:.0} % of its period elapsed."),
            &[("activity", id.clone()), ("progress", format!("{progress:.0}")), ("elapsed", format!("{elapsed:.0}"))],
        ));
    }
    for s in axes {
        let missing: Vec<String> = s
            .activities
            .iter()
            .filter(|a| a.approved && a.state == ActivityState::NotReported)
            .map(|a| a.activity_id.clone().unwrap_or_else(|| a.path.clone()))
            .collect();
        if !missing.is_empty() {
            let list = missing.join(", ");
            out.push(action(
                "request_missing_reports",
                Some(&s.axis),
                format!("Solicitar a los países el reporte de {} actividad(es) terminada(s) del eje {}: {list}.", missing.len(), s.axis),
                format!("Ask countries to report on {} ended activit(ies) of axis {}: {list}.", missing.len(), s.axis),
                &[("activities", list.clone()), ("count", missing.len().to_string())],
            ));
        }
    }
    if !figures.members_silent.is_empty() {
        let list = figures.members_silent.join(", ");
        let n = figures.members_silent.len();
        out.push(action(
            "contact_silent_members",
            None,
            format!("Contactar a los puntos focales de {n} Estado(s) Miembro(s) sin reportes en el periodo: {list}."),
            format!("Contact the focal points of {n} member state(s) with no report in the period: {list}."),
            &[("countries", list.clone()), ("count", n.to_string())],
        ));
    }
    for area in &review.priority_areas {
        if review.general_plan.uncovered_axes.contains(area) {
            out.push(action(
                "plan_uncovered_priority",
                Some(area),
                format!("Planificar actividades en el eje prioritario {area}: el plan general aprobado no tiene ninguna."),
                format!("Plan activities on priority axis {area}: the approved general plan has none."),
                &[("axis", area.clone())],
            ));
        }
    }
    for c in replication.iter().take(5) {
        let n = c.target_countries.len();
        out.push(action(
            "share_replicable_practice",
            None,
            format!(
                "Difundir «{}» ({}, {}) entre {n} país(es) sin reportes sobre ese lineamiento.",
                c.title, c.country, c.guideline
            ),
            format!(
                "Share \"{}\" ({}, {}) with {n} countr(ies) reporting nothing on that item.",
                c.title, c.country, c.guideline
            ),
            &[
                ("entry", c.entry_id.clone()),
                ("country", c.country.clone()),
                ("item", c.guideline.clone()),
                ("countries", n.to_string()),
            ],
        ));
    }
    let due: Vec<String> = guideline_review
        .with_code("review_due")
        .filter_map(|d| d.value.clone())
        .collect();
    if !due.is_empty() {
        let list = due.join(", ");
        out.push(action(
            "review_guideline_items",
            None,
            format!(
                "Revisar {} lineamiento(s) con la revisión vencida: {list}.",
                due.len()
            ),
            format!(
                "Review {} guideline item(s) due for review: {list}.",
                due.len()
            ),
            &[("items", list.clone()), ("count", due.len().to_string())],
        ));
    }
    let count = |code: &str| review.report.with_code(code).count();
    let (no_active, unconfirmed, untrained) = (
        count("no_active_focal_point"),
        count("contact_unconfirmed"),
        count("focal_point_not_trained"),
    );
    if no_active + unconfirmed + untrained > 0 {
        out.push(action(
            "renew_focal_points",
            None,
            format!("Actualizar la red de puntos focales: {no_active} institución(es) sin punto focal activo, {unconfirmed} contacto(s) sin confirmar, {untrained} sin capacitación desde que asumieron."),
            format!("Renew the focal-point network: {no_active} institution(s) without an active focal point, {unconfirmed} unconfirmed contact(s), {untrained} untrained since taking office."),
            &[("no_active", no_active.to_string()), ("unconfirmed", unconfirmed.to_string()), ("untrained", untrained.to_string())],
        ));
    }
    out
}
