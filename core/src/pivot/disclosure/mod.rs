//! Disclosure control that holds against an attacker who does the arithmetic.
//!
//! A published table gives away more than its visible cells: every row, column and grand
//! total (and every subtotal, and every cell of a table published with it) is a linear
//! equation on the hidden cells, and counts are never negative. The **audit**
//! ([`PivotTable::audit`](crate::PivotTable::audit), [`audit_linked`]) computes, for every withheld number, the exact
//! interval `[lo, hi]` those equations allow: the minimum and the maximum of two linear
//! programs. For the tables the pivot publishes (rows and columns, each possibly with nested
//! subtotals, and tables linked through shared totals) the equations are those of a network
//! flow, whose constraint matrix is totally unimodular: the bounds are integers, computed
//! exactly in integer arithmetic by maximum flows (no floating point, no tolerance).
//!
//! **Protection** ([`Protection`], [`PivotTable::protect`](crate::PivotTable::protect), [`protect_linked`]) withholds
//! every cell with `0 < value < k` (primary) and then, for each primary cell in turn, the
//! cheapest set of further numbers (secondary) that lets its value move `upper` above and
//! `min(lower, value)` below without contradicting anything published: a minimum-cost flow
//! whose cost is `1 + value` per cell (few cells, small cells) and more than all cells
//! together for a total, so that a total is withheld only when nothing else works. The flow
//! found is itself a table consistent with everything published in which the primary cell
//! has the shifted value, so each primary cell is protected by construction. A last pass
//! publishes again the secondary numbers that no primary needs any more (checked by the same
//! flows); the final pattern is audited again and the result stored in the table's `audit`
//! field.
//!
//! **Controlled rounding** ([`Method::Rounding`]) is the alternative: every cell and total
//! is moved to one of the two nearest multiples of the base so that rows and columns still
//! add up; multiples of the base (zeros included) are kept.
//!
//! See `docs/disclosure.md` for what this guarantees and what it does not.

mod audit;
mod network;
mod protect;
mod published;
mod rounding;
mod system;
mod tables;

pub use published::{PublishedCell, PublishedTable};
pub use tables::{audit_linked, protect_linked};

use crate::{Error, Result};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// How a table is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Method {
    /// Cell suppression audited by linear programming (the default).
    #[default]
    Suppression,
    /// Controlled rounding of every cell and total to a multiple of `base`, additive.
    Rounding {
        /// The rounding base (usually 3 or 5; at least 2).
        base: u64,
    },
}

fn yes() -> bool {
    true
}

/// Disclosure-control settings for counts of people.
///
/// `k`: cells with `0 < value < k` are withheld. `upper` and `lower` are the protection
/// levels (both `k` unless set, as statistical offices usually do): a withheld primary cell
/// of value `v` is protected when what is published allows any value from `v - lower` to
/// `v + upper`. Counts are never negative, so the lower requirement is `min(lower, v)`: the
/// attacker must not be able to exclude zero.
///
/// ```
/// use lineamientos::pivot::{Method, Protection};
/// let p = Protection::new(5).upper(8).rounding(3);
/// assert_eq!(p.upper_level(), 8);
/// assert_eq!(p.lower_level(), 5);
/// assert_eq!(p.method, Method::Rounding { base: 3 });
/// let q = Protection::from_json(r#"{"k": 5, "upper": 8, "method": {"kind": "rounding", "base": 3}}"#).unwrap();
/// assert_eq!(p, q);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Protection {
    /// The threshold: values `0 < v < k` are primary.
    pub k: u64,
    /// Lower protection level (default `k`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lower: Option<u64>,
    /// Upper protection level (default `k`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub upper: Option<u64>,
    /// Suppression (default) or controlled rounding.
    #[serde(default)]
    pub method: Method,
    /// Whether totals may be withheld when nothing else protects a cell (default `true`).
    /// With `false`, such cells stay unprotected and are counted in
    /// [`Audit::unprotected`].
    #[serde(default = "yes")]
    pub suppress_totals: bool,
}

impl Protection {
    /// Suppression with threshold `k` and both protection levels `k`.
    pub fn new(k: u64) -> Protection {
        Protection {
            k,
            lower: None,
            upper: None,
            method: Method::Suppression,
            suppress_totals: true,
        }
    }

    /// Sets the lower protection level.
    pub fn lower(mut self, level: u64) -> Self {
        self.lower = Some(level);
        self
    }

    /// Sets the upper protection level.
    pub fn upper(mut self, level: u64) -> Self {
        self.upper = Some(level);
        self
    }

    /// Uses controlled rounding to multiples of `base` instead of suppression.
    pub fn rounding(mut self, base: u64) -> Self {
        self.method = Method::Rounding { base };
        self
    }

    /// Uses cell suppression (the default).
    pub fn suppression(mut self) -> Self {
        self.method = Method::Suppression;
        self
    }

    /// Whether totals may be withheld.
    pub fn suppress_totals(mut self, allowed: bool) -> Self {
        self.suppress_totals = allowed;
        self
    }

    /// The lower protection level in force (`lower`, else `k`).
    pub fn lower_level(&self) -> u64 {
        self.lower.unwrap_or(self.k)
    }

    /// The upper protection level in force (`upper`, else `k`).
    pub fn upper_level(&self) -> u64 {
        self.upper.unwrap_or(self.k)
    }

    /// Reads settings from JSON (unknown fields refused); validated.
    pub fn from_json(text: &str) -> Result<Protection> {
        let p: Protection = crate::document::from_text(text)?;
        p.validate()?;
        Ok(p)
    }

    /// Checks the settings: `k >= 1`, a rounding base of at least 2, levels and base at
    /// most 2^53 (counts are exact integers up to there).
    pub fn validate(&self) -> Result<()> {
        const MAX: u64 = 1 << 53;
        // Errors name the place of the setting inside a pivot spec's `protection`.
        let bad = |field: &str, expected: &str| {
            let mut at = crate::args::ArgPath::arg("spec").key("protection");
            for part in field.split('.').skip(1) {
                at = at.key(part);
            }
            Err(Error::InvalidValue {
                field: "protection".into(),
                path: at.pointer().to_owned(),
                value: None,
                expected: expected.into(),
                suggestion: None,
            })
        };
        if self.k == 0 || self.k > MAX {
            return bad("protection.k", "must be between 1 and 2^53");
        }
        if self.lower.is_some_and(|l| l > MAX) {
            return bad("protection.lower", "must be at most 2^53");
        }
        if self.upper.is_some_and(|l| l > MAX) {
            return bad("protection.upper", "must be at most 2^53");
        }
        if let Method::Rounding { base } = self.method
            && !(2..=MAX).contains(&base)
        {
            return bad("protection.method.base", "must be between 2 and 2^53");
        }
        Ok(())
    }
}

impl crate::args::FromArg for Protection {
    fn expected() -> String {
        "protection settings (an object with k, lower, upper, method, suppress_totals)".into()
    }

    fn from_arg(value: &serde_json::Value, at: &crate::args::ArgPath) -> Result<Self> {
        let p: Protection = crate::args::via_serde(value, at)?;
        p.validate()?;
        Ok(p)
    }
}

/// How an [`Audit`] was computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AuditMethod {
    /// Exact bounds by maximum flow on the table's network (equal to the linear-programming
    /// bounds, which are integers for these tables).
    NetworkFlow,
    /// As `network_flow`, over several tables published together.
    NetworkFlowLinked,
    /// A table with a multi-valued dimension: its totals in that direction are not sums of
    /// cells and are left out of the equations, so the bounds are those of a weaker
    /// attacker; protection is not claimed.
    NetworkFlowPartial,
    /// Controlled rounding: nothing withheld, nothing to bound.
    ControlledRounding,
}

/// The interval an attacker can derive for one withheld number of a table.
///
/// `row` and `col` locate it: both set for a cell, only `row` for a row total, only `col`
/// for a column total, neither for the grand total. The true value and whether it is
/// protected are known to the publisher only: they are not serialised (they would disclose
/// what the table withholds, or which cells are primary).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct AuditEntry {
    /// Row index, `None` for a column total or the grand total.
    pub row: Option<usize>,
    /// Column index, `None` for a row total or the grand total.
    pub col: Option<usize>,
    /// The smallest value consistent with what is published.
    pub lo: u64,
    /// The largest value consistent with what is published; `None` = unbounded.
    pub hi: Option<u64>,
    /// The true value (publisher only; not serialised; `None` for an audit computed from a
    /// published table).
    #[serde(skip)]
    pub value: Option<u64>,
    /// For a primary cell: whether `[lo, hi]` covers its protection levels (publisher only;
    /// not serialised; `None` for other numbers and for an audit of a published table).
    #[serde(skip)]
    pub protected: Option<bool>,
}

/// The result of an audit: the interval of every withheld number of a table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Audit {
    /// How the intervals were computed.
    pub method: AuditMethod,
    /// The settings the table was protected with (`None` for an audit of a published
    /// table whose settings are unknown).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub protection: Option<Protection>,
    /// Number of primary cells whose interval does not cover the protection levels (0
    /// unless totals may not be withheld); `None` for an audit computed from a published
    /// table, which does not know the true values.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unprotected: Option<usize>,
    /// One entry per withheld cell (row-major), then per withheld row total, column total
    /// and grand total.
    pub entries: Vec<AuditEntry>,
}

impl Audit {
    /// The entry of the withheld cell at `row`, `col`.
    pub fn cell(&self, row: usize, col: usize) -> Option<&AuditEntry> {
        self.entries
            .iter()
            .find(|e| e.row == Some(row) && e.col == Some(col))
    }
}
