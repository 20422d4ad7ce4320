//! Serde for congress editions in documents: a number (`5`) or a Roman numeral (`"V"`), as
//! the congresses are named. Zero, negative numbers and malformed numerals are refused.

use serde::Deserializer;
use serde::de::{Error, Visitor};
use std::fmt;

struct EditionVisitor;

use crate::congress::EDITION_EXPECTED as EXPECTED;

impl<'de> Visitor<'de> for EditionVisitor {
    type Value = Option<u32>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(EXPECTED)
    }

    fn visit_none<E: Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }

    fn visit_u64<E: Error>(self, n: u64) -> Result<Self::Value, E> {
        u32::try_from(n)
            .ok()
            .filter(|n| *n >= 1)
            .map(Some)
            .ok_or_else(|| E::custom(format!("{n} is not {EXPECTED}")))
    }

    fn visit_i64<E: Error>(self, n: i64) -> Result<Self::Value, E> {
        u64::try_from(n)
            .map_err(|_| E::custom(format!("{n} is not {EXPECTED}")))
            .and_then(|n| self.visit_u64(n))
    }

    fn visit_str<E: Error>(self, text: &str) -> Result<Self::Value, E> {
        crate::congress::parse_edition(text)
            .map(Some)
            .map_err(|_| E::custom(format!("{text:?} is not {EXPECTED}")))
    }
}

/// An optional edition (`null` or absent is `None`).
pub(crate) fn option<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
    d.deserialize_option(EditionVisitor)
}

#[cfg(test)]
mod tests {
    #[derive(serde::Deserialize)]
    struct Doc {
        #[serde(default, deserialize_with = "super::option")]
        congress: Option<u32>,
    }

    fn read(text: &str) -> Result<Option<u32>, serde_json::Error> {
        serde_json::from_str::<Doc>(text).map(|d| d.congress)
    }

    #[test]
    fn numbers_and_numerals() {
        assert_eq!(read(r#"{"congress": 5}"#).unwrap(), Some(5));
        assert_eq!(read(r#"{"congress": "V"}"#).unwrap(), Some(5));
        assert_eq!(read(r#"{"congress": " iv "}"#).unwrap(), Some(4));
        assert_eq!(read(r#"{"congress": "12"}"#).unwrap(), Some(12));
        assert_eq!(read(r#"{"congress": 1}"#).unwrap(), Some(1));
        assert_eq!(read(r#"{"congress": null}"#).unwrap(), None);
        assert_eq!(read("{}").unwrap(), None);
        for bad in [
            r#"{"congress": 0}"#,
            r#"{"congress": -1}"#,
            r#"{"congress": "0"}"#,
            r#"{"congress": "IIII"}"#,
            r#"{"congress": 2.5}"#,
            r#"{"congress": 4294967296}"#,
        ] {
            assert!(read(bad).is_err(), "{bad}");
        }
    }
}
