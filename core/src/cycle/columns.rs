//! The review's tables as typed columns (what Python's DataFrames and Arrow tables, and
//! JavaScript's column objects, are made of): one function, so every binding gets the same
//! columns in the same order.

use super::review::{ActivityCounts, CycleReview};
use crate::args::{ArgPath, FromArg};
use crate::pivot::{Column, Columns};

/// The tables of a [`CycleReview`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewTable {
    /// One row per planned activity.
    Activities,
    /// One row per working table.
    Tables,
    /// One row per axis.
    Axes,
    /// One row per agreement.
    Agreements,
    /// One row per event.
    Events,
}

impl ReviewTable {
    /// Every table, in order.
    pub const ALL: &'static [ReviewTable] = &[
        ReviewTable::Activities,
        ReviewTable::Tables,
        ReviewTable::Axes,
        ReviewTable::Agreements,
        ReviewTable::Events,
    ];

    /// The table's name.
    pub fn code(self) -> &'static str {
        match self {
            ReviewTable::Activities => "activities",
            ReviewTable::Tables => "tables",
            ReviewTable::Axes => "axes",
            ReviewTable::Agreements => "agreements",
            ReviewTable::Events => "events",
        }
    }
}

impl FromArg for ReviewTable {
    fn expected() -> String {
        let names: Vec<&str> = Self::ALL.iter().map(|t| t.code()).collect();
        format!("one of {}", names.join(", "))
    }

    fn from_arg(value: &serde_json::Value, at: &ArgPath) -> crate::Result<Self> {
        value
            .as_str()
            .map(str::trim)
            .and_then(|s| Self::ALL.iter().copied().find(|t| t.code() == s))
            .ok_or_else(|| at.invalid(value, Self::expected()))
    }
}

fn text<T>(rows: &[T], f: impl Fn(&T) -> Option<String>) -> Column {
    Column::Str(rows.iter().map(f).collect())
}

fn count<T>(rows: &[T], f: impl Fn(&T) -> u64) -> Column {
    Column::U64(rows.iter().map(f).collect())
}

/// The six activity counts of a roll-up, as columns.
fn counts<T>(rows: &[T], f: impl Fn(&T) -> ActivityCounts, out: &mut Columns) {
    type Pick = fn(&ActivityCounts) -> usize;
    let picks: [(&str, Pick); 6] = [
        ("planned", |c| c.planned),
        ("approved", |c| c.approved),
        ("reported", |c| c.reported),
        ("behind", |c| c.behind),
        ("done", |c| c.done),
        ("not_reported", |c| c.not_reported),
    ];
    for (name, pick) in picks {
        out.names.push(name.into());
        out.columns.push(count(rows, |r| pick(&f(r)) as u64));
    }
}

fn columns(pairs: Vec<(&str, Column)>) -> Columns {
    let (names, columns) = pairs.into_iter().map(|(n, c)| (n.to_owned(), c)).unzip();
    Columns { names, columns }
}

impl CycleReview {
    /// One of the review's tables as typed columns: codes as text, dates as dates, counts
    /// as integers. Counts of people are as reported (apply disclosure control before
    /// publishing them).
    ///
    /// ```
    /// use lineamientos::{Catalog, Cycle, ReviewOptions};
    /// use lineamientos::cycle::ReviewTable;
    /// let cycle = Cycle::from_json(r#"{"congress": 5, "tables": [{"id": "mesa-vcm", "axis": "VCM"}]}"#)?;
    /// let day = chrono::NaiveDate::from_ymd_opt(2025, 6, 1).unwrap();
    /// let review = cycle.review(&Catalog::embedded(), None, None, &ReviewOptions::new(day));
    /// let t = review.columns(ReviewTable::Tables);
    /// assert_eq!(&t.names[..3], ["table", "axis", "plans"]);
    /// # Ok::<(), lineamientos::Error>(())
    /// ```
    pub fn columns(&self, table: ReviewTable) -> Columns {
        match table {
            ReviewTable::Activities => {
                let r = &self.activities;
                columns(vec![
                    ("plan_id", text(r, |a| a.plan_id.clone())),
                    ("table", text(r, |a| a.table.clone())),
                    ("axis", text(r, |a| a.axis.clone())),
                    ("activity_id", text(r, |a| a.activity_id.clone())),
                    ("title", text(r, |a| a.title.clone())),
                    ("start", Column::Date(r.iter().map(|a| a.start).collect())),
                    ("end", Column::Date(r.iter().map(|a| a.end).collect())),
                    (
                        "approved",
                        Column::Bool(r.iter().map(|a| a.approved).collect()),
                    ),
                    ("entries", count(r, |a| a.entries as u64)),
                    ("countries", count(r, |a| a.countries as u64)),
                    ("participants", count(r, |a| a.participants)),
                    (
                        "progress",
                        Column::F64(r.iter().map(|a| a.progress.map(|p| p.percent())).collect()),
                    ),
                    (
                        "progress_source",
                        text(r, |a| a.progress.map(|p| p.source().to_owned())),
                    ),
                    (
                        "elapsed",
                        Column::F64(r.iter().map(|a| a.elapsed).collect()),
                    ),
                    ("state", text(r, |a| Some(a.state.code().to_owned()))),
                    ("path", text(r, |a| Some(a.path.clone()))),
                ])
            }
            ReviewTable::Tables => {
                let r = &self.tables;
                let mut out = columns(vec![
                    ("table", text(r, |t| t.table.clone())),
                    ("axis", text(r, |t| t.axis.clone())),
                    (
                        "plans",
                        Column::StrList(r.iter().map(|t| t.plans.clone()).collect()),
                    ),
                    (
                        "approval",
                        text(r, |t| t.approval.map(|s| s.code().to_owned())),
                    ),
                    (
                        "approved",
                        Column::Bool(r.iter().map(|t| t.approved).collect()),
                    ),
                    ("errors", count(r, |t| t.errors as u64)),
                    ("warnings", count(r, |t| t.warnings as u64)),
                    ("events", count(r, |t| t.events as u64)),
                ]);
                counts(r, |t| t.activities, &mut out);
                out
            }
            ReviewTable::Axes => {
                let r = &self.axes;
                let mut out = columns(vec![
                    ("axis", text(r, |a| Some(a.axis.clone()))),
                    ("tables", count(r, |a| a.tables as u64)),
                ]);
                counts(r, |a| a.activities, &mut out);
                out
            }
            ReviewTable::Agreements => {
                let r = &self.agreements;
                columns(vec![
                    ("id", text(r, |a| a.id.clone())),
                    ("kind", text(r, |a| Some(a.kind.code().to_owned()))),
                    ("axis", text(r, |a| a.axis.clone())),
                    ("status", text(r, |a| Some(a.status.code().to_owned()))),
                    (
                        "responsible",
                        Column::StrList(r.iter().map(|a| a.responsible.clone()).collect()),
                    ),
                    ("due", Column::Date(r.iter().map(|a| a.due).collect())),
                    (
                        "days_overdue",
                        Column::OptU64(
                            r.iter()
                                .map(|a| a.days_overdue.and_then(|d| u64::try_from(d).ok()))
                                .collect(),
                        ),
                    ),
                    (
                        "last_follow_up",
                        Column::Date(r.iter().map(|a| a.last_follow_up).collect()),
                    ),
                    ("evidence", count(r, |a| a.evidence as u64)),
                ])
            }
            ReviewTable::Events => {
                let r = &self.events;
                columns(vec![
                    ("id", text(r, |e| e.id.clone())),
                    ("kind", text(r, |e| e.kind.map(|k| k.code().to_owned()))),
                    ("start", Column::Date(r.iter().map(|e| e.start).collect())),
                    (
                        "modality",
                        text(r, |e| {
                            e.modality.and_then(|m| {
                                serde_json::to_value(m)
                                    .ok()
                                    .and_then(|v| v.as_str().map(str::to_owned))
                            })
                        }),
                    ),
                    ("axis", text(r, |e| e.axis.clone())),
                    ("table", text(r, |e| e.table.clone())),
                    ("women", count(r, |e| e.attendance.women)),
                    ("men", count(r, |e| e.attendance.men)),
                    ("new_staff", count(r, |e| e.attendance.new_staff)),
                    ("countries", count(r, |e| e.countries as u64)),
                    ("institutions", count(r, |e| e.institutions as u64)),
                ])
            }
        }
    }
}
