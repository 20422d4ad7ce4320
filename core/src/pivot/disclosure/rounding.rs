//! Controlled rounding: every published number moved to one of the two multiples of the
//! base around it, keeping every equation of the network (rows, columns, subtotals, linked
//! tables add up). A table divided by the base is a fractional circulation inside the
//! integer bounds `[floor(x / b), ceil(x / b)]`; a circulation inside integer bounds has an
//! integral one (total unimodularity), found by a feasible-circulation max flow. Multiples
//! of the base, zero included, have equal bounds and are kept.

use super::network::{Flow, INF, feasible_circulation};
use super::system::Net;

/// The rounded value of every arc (`None`: impossible, which cannot happen for a
/// consistent table; reported as an error by the caller).
pub(crate) fn round(net: &Net, x: &[Flow], base: Flow) -> Option<Vec<Flow>> {
    if base <= 0 {
        return None;
    }
    let mut lo = Vec::with_capacity(x.len());
    let mut hi = Vec::with_capacity(x.len());
    for (v, published) in x.iter().zip(&net.published) {
        if published.is_empty() {
            lo.push(0);
            hi.push(INF);
        } else {
            lo.push(v.div_euclid(base));
            hi.push(v.div_euclid(base) + Flow::from(v.rem_euclid(base) != 0));
        }
    }
    let g = feasible_circulation(net.nodes, &net.ends, &lo, &hi)?;
    Some(g.iter().map(|v| v * base).collect())
}
