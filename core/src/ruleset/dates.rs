//! Dates in rules: calendar periods (group keys such as `reported_on:semester`), the
//! `dates` kind and `no_overlap`.

use super::data::Rec;
use super::expr::Value;
use super::file::Outcome;
use super::group::GroupKey;
use super::rule::{Notes, Unit, lookup};
use chrono::{Datelike, Duration, NaiveDate};
use std::collections::HashMap;

/// A calendar period a date falls in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Period {
    Year,
    Semester,
    Quarter,
    Month,
    /// ISO 8601 week (Monday to Sunday).
    Week,
}

impl Period {
    pub const ALL: &'static [(&'static str, Period)] = &[
        ("year", Period::Year),
        ("semester", Period::Semester),
        ("quarter", Period::Quarter),
        ("month", Period::Month),
        ("week", Period::Week),
    ];

    pub fn parse(name: &str) -> Option<Period> {
        Self::ALL.iter().find(|(n, _)| *n == name).map(|(_, p)| *p)
    }

    /// The period's label: `2024`, `2024-S1`, `2024-Q2`, `2024-05`, `2024-W07`. Labels of
    /// one kind sort in calendar order.
    pub fn label(self, d: NaiveDate) -> String {
        match self {
            Period::Year => format!("{:04}", d.year()),
            Period::Semester => format!("{:04}-S{}", d.year(), if d.month() <= 6 { 1 } else { 2 }),
            Period::Quarter => format!("{:04}-Q{}", d.year(), (d.month() - 1) / 3 + 1),
            Period::Month => format!("{:04}-{:02}", d.year(), d.month()),
            Period::Week => {
                let w = d.iso_week();
                format!("{:04}-W{:02}", w.year(), w.week())
            }
        }
    }

    /// The first day of the period `d` falls in.
    pub fn start(self, d: NaiveDate) -> NaiveDate {
        let ymd = |m: u32| NaiveDate::from_ymd_opt(d.year(), m, 1).unwrap_or(d);
        match self {
            Period::Year => ymd(1),
            Period::Semester => ymd(if d.month() <= 6 { 1 } else { 7 }),
            Period::Quarter => ymd((d.month() - 1) / 3 * 3 + 1),
            Period::Month => ymd(d.month()),
            Period::Week => d - Duration::days(i64::from(d.weekday().num_days_from_monday())),
        }
    }

    /// The period before the one `d` falls in, as one of its days.
    pub fn previous(self, d: NaiveDate) -> Option<NaiveDate> {
        self.start(d).pred_opt()
    }

    /// The labels of the periods from `from` to `until` (both included), at most `max`
    /// (`None` when there would be more).
    pub fn between(self, from: NaiveDate, until: NaiveDate, max: usize) -> Option<Vec<String>> {
        let mut out: Vec<String> = Vec::new();
        let mut day = self.start(from);
        while day <= until {
            if out.len() == max {
                return None;
            }
            out.push(self.label(day));
            // The first day of the next period: past the last day of this one.
            let next = match self {
                Period::Week => day + Duration::days(7),
                Period::Month => day.checked_add_months(chrono::Months::new(1))?,
                Period::Quarter => day.checked_add_months(chrono::Months::new(3))?,
                Period::Semester => day.checked_add_months(chrono::Months::new(6))?,
                Period::Year => day.checked_add_months(chrono::Months::new(12))?,
            };
            day = next;
        }
        Some(out)
    }
}

/// A bound of `within`: a day, or the report date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Bound {
    Day(NaiveDate),
    AsOf,
}

impl Bound {
    pub fn parse(text: &str) -> Option<Bound> {
        if text == "as_of" {
            return Some(Bound::AsOf);
        }
        crate::args::parse_iso_date(text).map(Bound::Day)
    }

    fn day(self, as_of: NaiveDate) -> NaiveDate {
        match self {
            Bound::Day(d) => d,
            Bound::AsOf => as_of,
        }
    }
}

/// The checks of a `dates` rule, on its date fields in order.
#[derive(Debug, Clone)]
pub(crate) struct DateChecks {
    pub fields: Vec<String>,
    pub order: bool,
    pub from: Option<Bound>,
    pub until: Option<Bound>,
    pub max_days: Option<u32>,
    pub due_days: Option<i64>,
}

impl DateChecks {
    /// The outcome for a record: not applicable when none of the dates is there; else the
    /// first check broken (`params.check`: `order`, `within`, `max_days` or `due`).
    pub fn outcome(&self, record: &Value, as_of: NaiveDate) -> (Outcome, Notes) {
        let dates: Vec<(&str, NaiveDate)> = self
            .fields
            .iter()
            .filter_map(|f| match lookup(record, f) {
                Some(Value::Date(d)) => Some((f.as_str(), *d)),
                _ => None,
            })
            .collect();
        let (Some(first), Some(last)) = (dates.first(), dates.last()) else {
            return (Outcome::NotApplicable, Vec::new());
        };
        let fail = |check: &str, notes: &[(&'static str, String)]| {
            let mut all = vec![("check", check.to_owned())];
            all.extend(notes.iter().cloned());
            (Outcome::Fail, all)
        };
        if self.order {
            if let Some([a, b]) = dates.windows(2).find(|w| matches!(w, [a, b] if b.1 < a.1)) {
                return fail(
                    "order",
                    &[("field", b.0.to_owned()), ("before", a.0.to_owned())],
                );
            }
        }
        for (name, d) in &dates {
            let early = self.from.is_some_and(|b| *d < b.day(as_of));
            let late = self.until.is_some_and(|b| *d > b.day(as_of));
            if early || late {
                return fail("within", &[("field", (*name).to_owned())]);
            }
        }
        let span = (last.1 - first.1).num_days();
        if self.max_days.is_some_and(|m| span > i64::from(m)) {
            return fail("max_days", &[("days", span.to_string())]);
        }
        if let Some(due) = self.due_days {
            let overdue = (as_of - last.1).num_days().saturating_sub(due);
            if overdue > 0 {
                return fail("due", &[("overdue_days", overdue.to_string())]);
            }
        }
        (Outcome::Pass, Vec::new())
    }
}

/// `no_overlap`: within each key, no two records' days (`start` to `end`, both included;
/// `end` empty or before `start`: the start day alone) overlap. A record that overlaps an
/// earlier-starting one of a key it has fails, naming it; one without `start` is not
/// applicable.
pub(crate) fn no_overlap(
    keys: &[GroupKey],
    start: &str,
    end: Option<&str>,
    recs: &[&Rec],
) -> Vec<Unit> {
    let date = |r: &Rec, f: &str| match lookup(&r.value, f) {
        Some(Value::Date(d)) => Some(*d),
        _ => None,
    };
    // (key, start, end, index) of every record with a start.
    let mut spans: Vec<(String, NaiveDate, NaiveDate, usize)> = Vec::new();
    let mut units: Vec<Unit> = Vec::with_capacity(recs.len());
    for (i, r) in recs.iter().enumerate() {
        let Some(s) = date(r, start) else {
            units.push(Unit::new(
                &r.path,
                Outcome::NotApplicable,
                Vec::new(),
                &r.value,
            ));
            continue;
        };
        let e = end
            .and_then(|f| date(r, f))
            .filter(|e| *e >= s)
            .unwrap_or(s);
        for key in super::group::combinations(keys, &r.value) {
            spans.push((key.join("\u{1f}"), s, e, i));
        }
        units.push(Unit::new(&r.path, Outcome::Pass, Vec::new(), &r.value));
    }
    spans.sort_by(|a, b| (&a.0, a.1, a.3).cmp(&(&b.0, b.1, b.3)));
    // The first overlap of each record, by record index.
    let mut overlaps: HashMap<usize, usize> = HashMap::new();
    let mut open: Option<(&str, NaiveDate, usize)> = None; // key, latest end, its record
    for (key, s, e, i) in &spans {
        match open {
            Some((k, last_end, j)) if k == key && *s <= last_end => {
                overlaps.entry(*i).or_insert(j);
                if *e > last_end {
                    open = Some((key, *e, *i));
                }
            }
            _ => open = Some((key, *e, *i)),
        }
    }
    // One unit per record, in record order.
    for (i, u) in units.iter_mut().enumerate() {
        if let Some(other) = overlaps.get(&i).and_then(|j| recs.get(*j)) {
            u.outcome = Outcome::Fail;
            u.notes = vec![("overlaps", other.path.clone())];
        }
    }
    units
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        crate::args::parse_iso_date(text).unwrap()
    }

    #[test]
    fn periods_have_labels_first_days_and_predecessors() {
        // (period, a day, its label, the period's first day, a day of the period before)
        let cases = [
            (
                Period::Year,
                "2024-07-15",
                "2024",
                "2024-01-01",
                "2023-12-31",
            ),
            (
                Period::Semester,
                "2024-06-30",
                "2024-S1",
                "2024-01-01",
                "2023-12-31",
            ),
            (
                Period::Semester,
                "2024-07-01",
                "2024-S2",
                "2024-07-01",
                "2024-06-30",
            ),
            (
                Period::Quarter,
                "2024-03-31",
                "2024-Q1",
                "2024-01-01",
                "2023-12-31",
            ),
            (
                Period::Quarter,
                "2024-04-01",
                "2024-Q2",
                "2024-04-01",
                "2024-03-31",
            ),
            (
                Period::Quarter,
                "2024-12-31",
                "2024-Q4",
                "2024-10-01",
                "2024-09-30",
            ),
            (
                Period::Month,
                "2024-02-29",
                "2024-02",
                "2024-02-01",
                "2024-01-31",
            ),
            (
                Period::Week,
                "2024-02-04",
                "2024-W05",
                "2024-01-29",
                "2024-01-28",
            ),
            // ISO weeks: 2024-12-30 is in week 1 of 2025.
            (
                Period::Week,
                "2024-12-30",
                "2025-W01",
                "2024-12-30",
                "2024-12-29",
            ),
        ];
        for (p, d, label, start, previous) in cases {
            assert_eq!(p.label(day(d)), label, "{p:?} {d}");
            assert_eq!(p.start(day(d)), day(start), "{p:?} {d}");
            assert_eq!(p.previous(day(d)), Some(day(previous)), "{p:?} {d}");
        }
    }

    #[test]
    fn the_periods_between_two_days_include_both_ends_and_stop_at_the_limit() {
        let labels = Period::Semester.between(day("2023-05-01"), day("2024-07-01"), 10);
        assert_eq!(
            labels.unwrap(),
            ["2023-S1", "2023-S2", "2024-S1", "2024-S2"]
        );
        let q = Period::Quarter.between(day("2024-03-31"), day("2024-04-01"), 10);
        assert_eq!(q.unwrap(), ["2024-Q1", "2024-Q2"]);
        let m = Period::Month.between(day("2024-01-31"), day("2024-01-31"), 10);
        assert_eq!(m.unwrap(), ["2024-01"]);
        let y = Period::Year.between(day("2020-06-01"), day("2022-01-01"), 3);
        assert_eq!(y.unwrap(), ["2020", "2021", "2022"]);
        assert_eq!(
            Period::Year.between(day("2020-06-01"), day("2023-01-01"), 3),
            None
        );
        let w = Period::Week.between(day("2024-01-01"), day("2024-01-15"), 10);
        assert_eq!(w.unwrap(), ["2024-W01", "2024-W02", "2024-W03"]);
        assert_eq!(
            Period::Week.between(day("2024-01-15"), day("2024-01-01"), 10),
            Some(Vec::new())
        );
    }

    fn record(fields: &[(&str, &str)]) -> Value {
        Value::object(
            fields
                .iter()
                .map(|(k, v)| (k.to_string(), Value::Date(day(v)))),
        )
    }

    fn checks() -> DateChecks {
        DateChecks {
            fields: vec!["start".into(), "end".into()],
            order: true,
            from: None,
            until: None,
            max_days: None,
            due_days: None,
        }
    }

    fn outcome(c: &DateChecks, r: &Value, as_of: &str) -> (Outcome, Vec<(&'static str, String)>) {
        c.outcome(r, day(as_of))
    }

    #[test]
    fn date_checks_decide_at_their_boundaries() {
        let same = record(&[("start", "2024-01-10"), ("end", "2024-01-10")]);
        let reversed = record(&[("start", "2024-01-11"), ("end", "2024-01-10")]);
        let c = checks();
        assert_eq!(outcome(&c, &same, "2024-02-01").0, Outcome::Pass);
        let (o, notes) = outcome(&c, &reversed, "2024-02-01");
        assert_eq!(o, Outcome::Fail);
        assert_eq!(
            notes,
            [
                ("check", "order".to_owned()),
                ("field", "end".to_owned()),
                ("before", "start".to_owned())
            ]
        );
        let unordered = DateChecks {
            order: false,
            ..checks()
        };
        assert_eq!(
            outcome(&unordered, &reversed, "2024-02-01").0,
            Outcome::Pass
        );
        assert_eq!(
            outcome(&c, &Value::object([("start", Value::Null)]), "2024-02-01").0,
            Outcome::NotApplicable
        );
        // within: both bounds included; as_of as a bound.
        let within = DateChecks {
            from: Some(Bound::Day(day("2024-01-10"))),
            until: Some(Bound::AsOf),
            ..checks()
        };
        assert_eq!(outcome(&within, &same, "2024-01-10").0, Outcome::Pass);
        assert_eq!(outcome(&within, &same, "2024-01-09").1[0].1, "within");
        let early = record(&[("start", "2024-01-09")]);
        assert_eq!(outcome(&within, &early, "2024-02-01").0, Outcome::Fail);
        // max_days: the days from the first date to the last.
        let span = record(&[("start", "2024-01-01"), ("end", "2024-01-31")]);
        let max30 = DateChecks {
            max_days: Some(30),
            ..checks()
        };
        let max29 = DateChecks {
            max_days: Some(29),
            ..checks()
        };
        assert_eq!(outcome(&max30, &span, "2024-02-01").0, Outcome::Pass);
        assert_eq!(
            outcome(&max29, &span, "2024-02-01").1,
            [("check", "max_days".to_owned()), ("days", "30".to_owned())]
        );
        // due_days: the last date plus the days, not before as_of.
        let due = DateChecks {
            due_days: Some(10),
            ..checks()
        };
        assert_eq!(outcome(&due, &span, "2024-02-10").0, Outcome::Pass);
        assert_eq!(
            outcome(&due, &span, "2024-02-12").1,
            [
                ("check", "due".to_owned()),
                ("overdue_days", "2".to_owned())
            ]
        );
        assert_eq!(Bound::parse("as_of"), Some(Bound::AsOf));
        assert_eq!(Bound::parse("2024-02-30"), None);
    }
}
