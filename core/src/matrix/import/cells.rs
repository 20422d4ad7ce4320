//! The cells that hold plain values: dates, percentages, counts and yes/no flags.

use super::values::{self, Count, DateRead, Percent};
use super::{Importer, headers::Field};
use crate::matrix::store::{NO_DATE, NONE32, day_number};

impl Importer {
    pub(super) fn date(&mut self, cells: &[&str], row: u64, f: Field) -> i32 {
        let raw = self.cell(cells, f);
        if raw.is_empty() {
            return NO_DATE;
        }
        match values::parse_date(raw) {
            Some(DateRead::Exact(d)) => day_number(d),
            Some(DateRead::MonthFirst(d)) => {
                let dg = self
                    .diag("value_normalized", row, f)
                    .with_value(raw)
                    .with_param("read_as", d.to_string())
                    .with_param("rule", "month_first_date");
                self.diags.push(dg);
                day_number(d)
            }
            None => {
                let dg = self.diag("invalid_date", row, f).with_value(raw);
                self.diags.push(dg);
                NO_DATE
            }
        }
    }

    pub(super) fn progress(&mut self, cells: &[&str], row: u64) -> (f64, bool) {
        let raw = self.cell(cells, Field::Progress);
        if raw.is_empty() {
            return (f64::NAN, false);
        }
        match values::parse_percent(raw) {
            Some(Percent::Exact(v)) if (0.0..=100.0).contains(&v) => {
                if raw.ends_with('%') || v > 1.0 {
                    self.progress_in_percent = true;
                }
                (v, false)
            }
            Some(Percent::Ambiguous(v)) => {
                if v < 1.0 {
                    self.progress_fraction_seen = true;
                }
                (v, true)
            }
            Some(Percent::Exact(_)) => {
                let d = self
                    .diag("out_of_range", row, Field::Progress)
                    .with_value(raw)
                    .with_param("min", "0")
                    .with_param("max", "100");
                self.diags.push(d);
                (f64::NAN, false)
            }
            None => {
                let d = self
                    .diag("invalid_number", row, Field::Progress)
                    .with_value(raw);
                self.diags.push(d);
                (f64::NAN, false)
            }
        }
    }

    pub(super) fn count(&mut self, cells: &[&str], row: u64, f: Field) -> u32 {
        let raw = self.cell(cells, f);
        if raw.is_empty() {
            return NONE32;
        }
        match values::parse_count(raw) {
            Count::Ok(v) => v,
            Count::Invalid => {
                let d = self.diag("invalid_number", row, f).with_value(raw);
                self.diags.push(d);
                NONE32
            }
            Count::OutOfRange => {
                let d = self
                    .diag("out_of_range", row, f)
                    .with_value(raw)
                    .with_param("min", "0")
                    .with_param("max", values::MAX_COUNT.to_string());
                self.diags.push(d);
                NONE32
            }
        }
    }

    pub(super) fn flag(&mut self, cells: &[&str], row: u64, f: Field) -> Option<bool> {
        let raw = self.cell(cells, f);
        if raw.is_empty() {
            return None;
        }
        let v = values::parse_bool(raw);
        if v.is_none() {
            let d = self.diag("invalid_value", row, f).with_value(raw);
            self.diags.push(d);
        }
        v
    }
}
