//! Serde for the dates of documents (plans, focal points, catalogues, entries): the same
//! `YYYY-MM-DD` reader as arguments ([`super::parse_iso_date`]), so that a date means the same
//! in a plan, in an option and in every language. `#[serde(deserialize_with = "...")]` on an
//! `Option<NaiveDate>` field with `#[serde(default)]`.

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer};

/// An optional `YYYY-MM-DD` date (`null` is `None`).
pub(crate) fn option<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
    match Option::<String>::deserialize(d)? {
        None => Ok(None),
        Some(text) => super::parse_iso_date(&text).map(Some).ok_or_else(|| {
            serde::de::Error::custom(format!("{text:?} is not a date written YYYY-MM-DD"))
        }),
    }
}

/// A required `YYYY-MM-DD` date.
pub(crate) fn required<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
    let text = String::deserialize(d)?;
    super::parse_iso_date(&text).ok_or_else(|| {
        serde::de::Error::custom(format!("{text:?} is not a date written YYYY-MM-DD"))
    })
}
