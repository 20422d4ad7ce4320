//! Serde for the dates of documents (plans, focal points, catalogues, entries): the same
//! `YYYY-MM-DD` reader as arguments ([`super::parse_iso_date`]), so that a date means the same
//! in a plan, in an option and in every language. `#[serde(deserialize_with = "...")]` on an
//! `Option<NaiveDate>` field with `#[serde(default)]`, or on a required `NaiveDate`.

use chrono::NaiveDate;
use serde::Deserializer;
use serde::de::{Error, Visitor};
use std::fmt;

/// Reads one date string. The error is raised while the string is read, so that the parser
/// reports the string's own position (and the document's path names the date field).
struct DateVisitor;

impl Visitor<'_> for DateVisitor {
    type Value = NaiveDate;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a date written YYYY-MM-DD")
    }

    fn visit_str<E: Error>(self, text: &str) -> Result<NaiveDate, E> {
        super::parse_iso_date(text)
            .ok_or_else(|| E::custom(format!("{text:?} is not a date written YYYY-MM-DD")))
    }
}

struct OptionVisitor;

impl<'de> Visitor<'de> for OptionVisitor {
    type Value = Option<NaiveDate>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a date written YYYY-MM-DD, or null")
    }

    fn visit_none<E: Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_str(DateVisitor).map(Some)
    }
}

/// An optional `YYYY-MM-DD` date (`null` is `None`).
pub(crate) fn option<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
    d.deserialize_option(OptionVisitor)
}

/// A required `YYYY-MM-DD` date.
pub(crate) fn required<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
    d.deserialize_str(DateVisitor)
}
