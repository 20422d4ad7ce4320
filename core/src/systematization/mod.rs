//! The systematization report of a congress cycle ([`Systematization`], from
//! [`Cycle::systematize`]): for the cycle and each thematic axis, the working table and its
//! plan, the matrix figures, the agreements, the focal points, the guideline items due for
//! review, and the priority actions, each derived by a named rule from figures the reader can
//! check. Rendered as Markdown and as one self-contained HTML page (`render`), in es or en.
//!
//! Every count of people it publishes goes through disclosure control (the participants
//! table is protected as a pivot is; attendance totals below `k` are withheld). Everything is
//! pinned: catalogue version and hash, library version, the rules, the hashes of the cycle
//! document and of the matrix. When the guideline set or the data is illustrative, the
//! report says so (`illustrative`, and a banner on every rendering).

mod actions;
mod render;

pub use actions::PriorityAction;

use crate::analysis::ReplicationCandidate;
use crate::args::{ArgPath, FromArg, Options};
use crate::catalog::Catalog;
use crate::codes::{AgreementStatus, EntryType};
use crate::cycle::{
    ActivityCounts, ActivityFollowUp, AgreementFollowUp, Cycle, CycleReview, ReviewOptions,
    TableFollowUp,
};
use crate::diagnostic::Report;
use crate::focal::FocalDirectory;
use crate::guidelines::Provenance;
use crate::i18n::Text;
use crate::matrix::{ImportOptions, Matrix};
use crate::pivot::{Dim, Measure, PivotSpec, PivotTable, Protection};
use crate::plan::Period;
use crate::rules::RuleConfig;
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::BTreeMap;

/// Options of [`Cycle::systematize`]: the review options and the disclosure threshold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SystematizeOptions {
    /// The review options (`as_of`, rules, thresholds, focal-point options).
    pub review: ReviewOptions,
    /// Counts of people below this are protected (default 5; at least 1).
    pub suppress_below: u64,
}

impl SystematizeOptions {
    /// The default threshold `k` of the counts of people.
    pub const DEFAULT_SUPPRESS_BELOW: u64 = 5;

    /// Default options with `as_of` as today.
    pub fn new(as_of: NaiveDate) -> Self {
        SystematizeOptions {
            review: ReviewOptions::new(as_of),
            suppress_below: Self::DEFAULT_SUPPRESS_BELOW,
        }
    }

    /// The options read from a JSON-shaped value: the review options plus `suppress_below`.
    pub fn from_value(value: &serde_json::Value) -> crate::Result<Self> {
        Self::from_arg(value, &ArgPath::arg("options"))
    }

    /// The options' names.
    pub fn options() -> Vec<&'static str> {
        let mut all = ReviewOptions::options();
        all.push("suppress_below");
        all
    }
}

impl FromArg for SystematizeOptions {
    fn expected() -> String {
        format!(
            "report options (an object with {})",
            Self::options().join(", ")
        )
    }

    fn from_arg(value: &serde_json::Value, at: &ArgPath) -> crate::Result<Self> {
        let known = Self::options();
        let review = ReviewOptions::read_among(value, at, &known)?;
        let o = Options::new(value, at, &known)?;
        let k = match o.get::<u64>("suppress_below")? {
            Some(0) => {
                return Err(o
                    .path("suppress_below")
                    .invalid(&serde_json::Value::from(0), "a whole number of at least 1"));
            }
            Some(k) => k,
            None => Self::DEFAULT_SUPPRESS_BELOW,
        };
        Ok(SystematizeOptions {
            review,
            suppress_below: k,
        })
    }
}

/// What a report was computed from, so that every figure can be traced and reproduced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReportPins {
    /// The catalogue's version.
    pub catalog_version: String,
    /// The catalogue's content hash.
    pub catalog_hash: String,
    /// The guideline set the figures use, and whether it is official or illustrative.
    pub guideline_version: Option<String>,
    /// The guideline set's provenance.
    pub guideline_provenance: Option<Provenance>,
    /// The version of this library.
    pub library_version: String,
    /// The rule configuration, as JSON.
    pub rules: String,
    /// `sha256:` of the cycle document's canonical JSON.
    pub cycle_hash: String,
    /// `sha256:` of the matrix entries of the period (`None` without a matrix).
    pub matrix_hash: Option<String>,
}

/// The cycle in figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CycleFigures {
    /// Working tables that met.
    pub tables: usize,
    /// Plans presented.
    pub plans: usize,
    /// Of those, in the approved general plan.
    pub plans_approved: usize,
    /// Activities, over every plan.
    pub activities: ActivityCounts,
    /// Agreements still open or in progress.
    pub agreements_pending: usize,
    /// Of those, past their due date.
    pub agreements_overdue: usize,
    /// Agreements done.
    pub agreements_done: usize,
    /// Matrix entries of the period.
    pub entries: usize,
    /// Member states that reported in the period.
    pub members_reporting: Vec<String>,
    /// Member states that did not.
    pub members_silent: Vec<String>,
    /// Entries by type (code, count), in the code list's order, types with entries only.
    pub entries_by_type: Vec<(String, u64)>,
    /// Findings of the review by severity.
    pub findings: crate::diagnostic::Summary,
}

/// One thematic axis of the report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AxisSection {
    /// The axis code.
    pub axis: String,
    /// Its name.
    pub name: Text,
    /// Its working table, if one met.
    pub table: Option<TableFollowUp>,
    /// Its planned activities.
    pub activities: Vec<ActivityFollowUp>,
    /// Its agreements.
    pub agreements: Vec<AgreementFollowUp>,
    /// Matrix entries of the period on the axis.
    pub entries: u64,
    /// Countries that reported on it.
    pub countries: usize,
    /// Women reported as participants (the protected table's column total; `None` when
    /// withheld or nothing reported).
    pub participants_women: Option<f64>,
    /// Guideline items of the axis.
    pub items: Vec<String>,
    /// Of those, items no entry of the period refers to.
    pub items_without_reports: Vec<String>,
}

/// The systematization report of a cycle. See the [module docs](self).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Systematization {
    /// The cycle's title.
    pub title: Option<String>,
    /// The congress edition.
    pub congress: Option<u32>,
    /// The reporting period.
    pub period: Period,
    /// The date the figures are as of.
    pub as_of: NaiveDate,
    /// Whether anything it rests on is illustrative (`guidelines`, `data`): then every
    /// rendering carries a banner.
    pub illustrative: Vec<String>,
    /// What it was computed from.
    pub pins: ReportPins,
    /// The cycle in figures.
    pub figures: CycleFigures,
    /// One section per axis with a table, a plan, an agreement or entries.
    pub axes: Vec<AxisSection>,
    /// Entries by country and axis (counts of reports, not of people).
    pub heatmap: PivotTable,
    /// Women participants by country and axis, with disclosure control.
    pub participants: PivotTable,
    /// Priority actions, each from a named rule.
    pub actions: Vec<PriorityAction>,
    /// Guideline items due for review and emerging challenges no item addresses.
    pub guideline_review: Report,
    /// Good practices and success cases other countries could replicate.
    pub replication: Vec<ReplicationCandidate>,
    /// Event attendance totals (women, men, new staff), `None` where below `k`.
    pub attendance: Vec<EventAttendance>,
    /// The threshold `k` of counts of people.
    pub suppress_below: u64,
    /// The full review (findings and follow-up tables).
    pub review: CycleReview,
}

/// An event and its attendance, with disclosure control.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EventAttendance {
    /// Event id.
    pub id: Option<String>,
    /// Kind code.
    pub kind: Option<String>,
    /// First day.
    pub start: Option<NaiveDate>,
    /// Women, `None` when below `k`.
    pub women: Option<u64>,
    /// Men, `None` when below `k`.
    pub men: Option<u64>,
    /// New staff, `None` when below `k`.
    pub new_staff: Option<u64>,
    /// Countries that attended.
    pub countries: usize,
}

/// `sha256:` of the entries' JSON, one per line.
fn matrix_hash(matrix: &Matrix) -> String {
    let mut text = String::new();
    for e in matrix.entries() {
        text.push_str(&serde_json::to_string(&e).unwrap_or_default());
        text.push('\n');
    }
    crate::catalog::sha256_hex(text.as_bytes())
}

impl Cycle {
    /// The systematization report of the cycle at `options.review.rules.as_of`, from the
    /// tracking `matrix` (its entries of the cycle's period) and the focal-point `directory`.
    ///
    /// ```
    /// use lineamientos::{Catalog, Cycle};
    /// use lineamientos::systematization::SystematizeOptions;
    /// let cycle = Cycle::from_json(r#"{"congress": 5, "provenance": "illustrative",
    ///   "tables": [{"id": "mesa-vcm", "axis": "VCM"}]}"#)?;
    /// let day = chrono::NaiveDate::from_ymd_opt(2024, 6, 30).unwrap();
    /// let report = cycle.systematize(&Catalog::embedded(), None, None, &SystematizeOptions::new(day))?;
    /// assert_eq!(report.illustrative, ["guidelines", "data"]);
    /// assert!(report.to_markdown(lineamientos::Lang::En).contains("Illustrative"));
    /// # Ok::<(), lineamientos::Error>(())
    /// ```
    pub fn systematize(
        &self,
        catalog: &Catalog,
        matrix: Option<&Matrix>,
        directory: Option<&FocalDirectory>,
        options: &SystematizeOptions,
    ) -> crate::Result<Systematization> {
        let cfg: &RuleConfig = &options.review.rules;
        let review = self.review(catalog, matrix, directory, &options.review);
        let period = review.period;
        let set = catalog.current_guideline_set();
        let k = options.suppress_below;

        // The matrix of the period (every figure below counts these entries only).
        let entries: Vec<crate::Entry> = matrix
            .map(|m| {
                m.entries()
                    .filter(|e| crate::cycle::in_period(&period, e.reported_on))
                    .collect()
            })
            .unwrap_or_default();
        let (period_matrix, _) = Matrix::from_entries_with(
            entries,
            catalog,
            &ImportOptions {
                max_diagnostics: Some(0),
                ..ImportOptions::default()
            },
        )?;
        let heatmap = period_matrix.pivot(
            &PivotSpec::new()
                .rows([Dim::Country])
                .cols([Dim::Axis])
                .measure(Measure::Count),
        )?;
        let participants = period_matrix.pivot(
            &PivotSpec::new()
                .rows([Dim::Country])
                .cols([Dim::Axis])
                .measure(Measure::ParticipantsWomen)
                .protection(Protection::new(k)),
        )?;
        let gaps = period_matrix.gaps(period.start.unwrap_or(cfg.as_of));
        let replication = period_matrix.replication_candidates();

        // Figures of the cycle.
        let mut activities = ActivityCounts::default();
        for t in &review.tables {
            for (sum, add) in [
                (&mut activities.planned, t.activities.planned),
                (&mut activities.approved, t.activities.approved),
                (&mut activities.reported, t.activities.reported),
                (&mut activities.behind, t.activities.behind),
                (&mut activities.done, t.activities.done),
                (&mut activities.not_reported, t.activities.not_reported),
            ] {
                *sum += add;
            }
        }
        let mut by_type: BTreeMap<EntryType, u64> = BTreeMap::new();
        let mut reporting: Vec<String> = Vec::new();
        for e in period_matrix.entries() {
            *by_type.entry(e.entry_type).or_default() += 1;
            if !reporting.contains(&e.country) {
                reporting.push(e.country.clone());
            }
        }
        let members: Vec<String> = catalog.members().map(|c| c.iso3.clone()).collect();
        let members_reporting: Vec<String> = members
            .iter()
            .filter(|m| reporting.contains(m))
            .cloned()
            .collect();
        let members_silent: Vec<String> = members
            .iter()
            .filter(|m| !reporting.contains(m))
            .cloned()
            .collect();
        let pending = |a: &&AgreementFollowUp| {
            matches!(
                a.status,
                AgreementStatus::Open | AgreementStatus::InProgress
            )
        };
        let figures = CycleFigures {
            tables: review.tables.len(),
            plans: self.plans.len(),
            plans_approved: review.general_plan.plans.len(),
            activities,
            agreements_pending: review.agreements.iter().filter(pending).count(),
            agreements_overdue: review
                .agreements
                .iter()
                .filter(|a| a.days_overdue.is_some())
                .count(),
            agreements_done: review
                .agreements
                .iter()
                .filter(|a| a.status == AgreementStatus::Done)
                .count(),
            entries: period_matrix.len(),
            members_reporting,
            members_silent,
            entries_by_type: EntryType::ALL
                .iter()
                .filter_map(|t| by_type.get(t).map(|n| (t.code().to_owned(), *n)))
                .collect(),
            findings: review.report.summary(),
        };

        // One section per axis that has anything.
        let col_of = |table: &PivotTable, axis: &str| {
            table
                .cols
                .iter()
                .position(|key| key.first().and_then(|p| p.code.as_deref()) == Some(axis))
        };
        let mut axes = Vec::new();
        for a in set.map(|s| s.axes.as_slice()).unwrap_or_default() {
            let code = a.code.as_str();
            let table = review
                .tables
                .iter()
                .find(|t| t.axis.as_deref() == Some(code))
                .cloned();
            let acts: Vec<ActivityFollowUp> = review
                .activities
                .iter()
                .filter(|x| x.axis.as_deref() == Some(code))
                .cloned()
                .collect();
            let agreements: Vec<AgreementFollowUp> = review
                .agreements
                .iter()
                .filter(|x| x.axis.as_deref() == Some(code))
                .cloned()
                .collect();
            let hc = col_of(&heatmap, code);
            let entries_on = hc
                .and_then(|c| heatmap.col_totals.get(c))
                .map_or(0, |t| t.entries);
            let countries = hc.map_or(0, |c| {
                heatmap
                    .cells
                    .iter()
                    .filter(|cell| cell.col == c && cell.entries > 0)
                    .count()
            });
            let women = col_of(&participants, code)
                .and_then(|c| participants.col_totals.get(c))
                .and_then(|t| if t.suppressed { None } else { t.value });
            let items: Vec<String> = set
                .map(|s| {
                    s.guidelines
                        .iter()
                        .filter(|g| g.axis == a.code && g.retired.is_none())
                        .map(|g| g.code.clone())
                        .collect()
                })
                .unwrap_or_default();
            let without: Vec<String> = items
                .iter()
                .filter(|i| gaps.items_without_reports.contains(i))
                .cloned()
                .collect();
            if table.is_none() && acts.is_empty() && agreements.is_empty() && entries_on == 0 {
                continue;
            }
            axes.push(AxisSection {
                axis: a.code.clone(),
                name: a.name.clone(),
                table,
                activities: acts,
                agreements,
                entries: entries_on,
                countries,
                participants_women: women,
                items,
                items_without_reports: without,
            });
        }

        let guideline_review = match set {
            Some(s) => catalog.review_guidelines(&s.version, cfg)?,
            None => Report::new(catalog.pins()),
        };
        let attendance = review
            .events
            .iter()
            .map(|e| {
                let shown = |n: u64| (n >= k).then_some(n);
                EventAttendance {
                    id: e.id.clone(),
                    kind: e.kind.map(|x| x.code().to_owned()),
                    start: e.start,
                    women: shown(e.attendance.women),
                    men: shown(e.attendance.men),
                    new_staff: shown(e.attendance.new_staff),
                    countries: e.countries,
                }
            })
            .collect();

        let mut illustrative = Vec::new();
        if set.is_some_and(|s| s.provenance == Provenance::Illustrative) {
            illustrative.push("guidelines".to_owned());
        }
        if self.provenance == Some(Provenance::Illustrative) {
            illustrative.push("data".to_owned());
        }
        let cycle_json = serde_json::to_value(self)
            .map(|v| {
                let mut out = String::new();
                crate::plan::write_canonical(&v, &mut out);
                out
            })
            .unwrap_or_default();
        let pins = ReportPins {
            catalog_version: catalog.version().to_owned(),
            catalog_hash: catalog.hash().to_owned(),
            guideline_version: set.map(|s| s.version.clone()),
            guideline_provenance: set.map(|s| s.provenance),
            library_version: crate::LIBRARY_VERSION.to_owned(),
            rules: cfg.to_json()?,
            cycle_hash: crate::catalog::sha256_hex(cycle_json.as_bytes()),
            matrix_hash: matrix.map(|_| matrix_hash(&period_matrix)),
        };
        let actions = actions::derive(&review, &figures, &axes, &replication, &guideline_review);
        Ok(Systematization {
            title: self.title.clone(),
            congress: self.congress,
            period,
            as_of: cfg.as_of,
            illustrative,
            pins,
            figures,
            axes,
            heatmap,
            participants,
            actions,
            guideline_review,
            replication,
            attendance,
            suppress_below: k,
            review,
        })
    }
}

#[cfg(test)]
mod tests;
