//! Focal points and the cycle's events: attendance confirms contacts (when the caller asks),
//! and trainings reach the people new in their post.
//!
//! Attendance is counted per country and institution, never per person: an institution's
//! attendance at an event stands for its active focal points.

use crate::catalog::Catalog;
use crate::codes::SessionKind;
use crate::diagnostic::Diagnostic;
use crate::event::{Attendance, Event};
use crate::focal::{FocalPoint, InstitutionRef};
use crate::rules::{Rule, RuleConfig};
use crate::text::normalize_key;
use chrono::NaiveDate;

/// Whether attendance row `a` is focal point `p`'s institution (country resolved through
/// the catalogue, institution compared without case, accents or punctuation).
fn attended(cat: &Catalog, a: &Attendance, p: &FocalPoint) -> bool {
    let country = a
        .country
        .as_deref()
        .and_then(|c| cat.parse_country(c).ok())
        .map(|c| c.iso3.as_str());
    country == Some(p.country.as_str())
        && a.institution
            .as_deref()
            .is_some_and(|i| normalize_key(i) == normalize_key(&p.institution))
}

/// The last day up to `as_of` on which `p`'s institution attended an event of `kinds`
/// (all kinds when empty) while `p` held the post.
fn last_attendance(
    cat: &Catalog,
    p: &FocalPoint,
    events: &[Event],
    kinds: &[SessionKind],
    as_of: NaiveDate,
) -> Option<NaiveDate> {
    events
        .iter()
        .filter(|e| kinds.is_empty() || e.kind.is_some_and(|k| kinds.contains(&k)))
        .filter(|e| e.attendance.iter().any(|a| attended(cat, a, p)))
        .filter_map(Event::last_day)
        .filter(|d| *d <= as_of && p.is_active(*d))
        .max()
}

/// Sets `last_confirmed` of every focal point whose institution attended an event while it
/// held the post (up to `as_of`), when that is later than its last confirmation. Returns the
/// institutions confirmed, sorted, once each.
pub(super) fn confirm(
    cat: &Catalog,
    points: &mut [FocalPoint],
    events: &[Event],
    as_of: NaiveDate,
) -> Vec<InstitutionRef> {
    let mut confirmed = Vec::new();
    for p in points.iter_mut() {
        let Some(day) = last_attendance(cat, p, events, &[], as_of) else {
            continue;
        };
        if p.last_confirmed.is_none_or(|c| c < day) {
            p.last_confirmed = Some(day);
            confirmed.push(InstitutionRef {
                country: p.country.clone(),
                institution: p.institution.clone(),
            });
        }
    }
    confirmed.sort();
    confirmed.dedup();
    confirmed
}

/// `focal_point_not_trained` for each focal point active at `as_of`, with a known start in
/// the post, whose institution attended no training since that start. Paths point into the
/// focal-point list (`/focal_points/{i}`); no name or email is written.
pub(super) fn untrained(
    cat: &Catalog,
    points: &[FocalPoint],
    events: &[Event],
    cfg: &RuleConfig,
    out: &mut Vec<Diagnostic>,
) {
    let first = out.len();
    for (i, p) in points.iter().enumerate() {
        let Some(since) = p.since.filter(|_| p.is_active(cfg.as_of)) else {
            continue;
        };
        if last_attendance(cat, p, events, &[SessionKind::Training], cfg.as_of).is_none() {
            let d = Rule::FocalPointNotTrained
                .finding(format!("/focal_points/{i}"))
                .with_value(p.institution.clone())
                .with_param("country", p.country.clone())
                .with_param("institution", p.institution.clone())
                .with_param("since", since.to_string());
            out.extend(cfg.apply(Rule::FocalPointNotTrained, d));
        }
    }
    // Institutions are kept as written: one written as a person's name is not quoted.
    if let Some(added) = out.get_mut(first..) {
        crate::focal::scrub(added, &crate::focal::personal_of(points));
    }
}
