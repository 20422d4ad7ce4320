//! Agreement follow-up: status, due dates, owners and the follow-up they had.

use super::given;
use crate::agreement::Agreement;
use crate::codes::{AgreementKind, AgreementStatus};
use crate::diagnostic::Diagnostic;
use crate::event::Event;
use crate::rules::{Rule, RuleConfig};
use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// One agreement and where it stands at `as_of`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct AgreementFollowUp {
    /// Index of the agreement in the cycle.
    pub index: usize,
    /// Its id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Agreement or recommendation.
    pub kind: AgreementKind,
    /// Its axis.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub axis: Option<String>,
    /// Current status.
    pub status: AgreementStatus,
    /// Who is responsible.
    pub responsible: Vec<String>,
    /// When it is due.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<NaiveDate>,
    /// Days past due, for a pending agreement past its due date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days_overdue: Option<i64>,
    /// The last follow-up: a status change, a follow-up event that named it, or the day it
    /// was agreed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_follow_up: Option<NaiveDate>,
    /// Pieces of evidence recorded.
    pub evidence: usize,
}

/// The last day an event named agreement `id` (any event kind: what counts is that the
/// agreement was looked at), up to `as_of`.
fn last_event_naming(events: &[Event], id: &str, as_of: NaiveDate) -> Option<NaiveDate> {
    events
        .iter()
        .filter(|e| e.agreements.iter().any(|a| a.trim() == id))
        .filter_map(Event::last_day)
        .filter(|d| *d <= as_of)
        .max()
}

/// The follow-up row of agreement `i`, and its findings (`agreement_overdue`,
/// `agreement_without_owner`, `agreement_without_follow_up`) into `out`.
pub(super) fn follow_up(
    i: usize,
    a: &Agreement,
    events: &[Event],
    cfg: &RuleConfig,
    out: &mut Vec<Diagnostic>,
) -> AgreementFollowUp {
    let as_of = cfg.as_of;
    let id = given(a.id.as_deref());
    let name = id.map_or_else(|| format!("#{i}"), str::to_owned);
    let status = a.status();
    let pending = a.is_pending();
    let last_follow_up = [
        a.last_change(),
        id.and_then(|id| last_event_naming(events, id, as_of)),
    ]
    .into_iter()
    .flatten()
    .max();
    let days_overdue = a
        .due
        .filter(|due| pending && *due < as_of)
        .map(|due| (as_of - due).num_days());
    let mut push = |rule: Rule, d: Diagnostic| {
        if let Some(d) = cfg.apply(rule, d) {
            out.push(d);
        }
    };
    if let (Some(days), Some(due)) = (days_overdue, a.due) {
        push(
            Rule::AgreementOverdue,
            Rule::AgreementOverdue
                .finding(format!("/agreements/{i}/due"))
                .with_value(due.to_string())
                .with_param("agreement", name.clone())
                .with_param("due", due.to_string())
                .with_param("days", days.to_string())
                .with_param("status", status.code()),
        );
    }
    if a.responsible.iter().all(|r| r.trim().is_empty()) {
        push(
            Rule::AgreementWithoutOwner,
            Rule::AgreementWithoutOwner
                .finding(format!("/agreements/{i}/responsible"))
                .with_param("agreement", name.clone()),
        );
    }
    if let Some(since) = last_follow_up.filter(|_| pending) {
        let days = (as_of - since).num_days();
        if days > i64::from(cfg.follow_up_interval_days) {
            push(
                Rule::AgreementWithoutFollowUp,
                Rule::AgreementWithoutFollowUp
                    .finding(format!("/agreements/{i}"))
                    .with_value(since.to_string())
                    .with_param("agreement", name)
                    .with_param("since", since.to_string())
                    .with_param("days", days.to_string())
                    .with_param("interval_days", cfg.follow_up_interval_days.to_string()),
            );
        }
    }
    AgreementFollowUp {
        index: i,
        id: id.map(str::to_owned),
        kind: a.kind,
        axis: given(a.axis.as_deref()).map(str::to_owned),
        status,
        responsible: a
            .responsible
            .iter()
            .filter_map(|r| given(Some(r)).map(str::to_owned))
            .collect(),
        due: a.due,
        days_overdue,
        last_follow_up,
        evidence: a.evidence.len(),
    }
}
