//! An exact sum of `f64` values: the sum does not depend on the order of the additions, so
//! that a pivot computed in one pass and one merged from partials (added in any order) give
//! the same numbers to the last bit.
//!
//! Every finite `f64` is an integer multiple of 2^-1074, the smallest subnormal: the sum is
//! kept as a big unsigned integer in those units (one for the positive values, one for the
//! negative ones), with 77 bits of headroom above the largest `f64`, and rounded once, to
//! nearest with ties to even, when read. Infinities and NaN (never produced by the import)
//! are kept aside and make the result infinite or NaN, whatever the order.

use serde::{Deserialize, Serialize};

/// Number of 64-bit words: 2^-1074 up to 2^1024 is 2098 bits, plus headroom.
pub(super) const WORDS: usize = 34;

/// A big unsigned integer, least significant word first.
type Big = [u64; WORDS];

/// An exact sum of `f64` values (see the module doc).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ExactSum {
    pos: Big,
    neg: Option<Box<Big>>,
    /// The sum of the non-finite values (0 when none).
    special: f64,
    /// Set when a carry left the top word (only for sums of more than 2^77 maximal values).
    overflow: bool,
}

impl Default for ExactSum {
    fn default() -> Self {
        ExactSum {
            pos: [0; WORDS],
            neg: None,
            special: 0.0,
            overflow: false,
        }
    }
}

/// Adds `m << shift` (`m` below 2^53) to `big`; `false` when a carry leaves the top word.
fn add_shifted(big: &mut Big, m: u64, shift: u32) -> bool {
    let word = (shift / 64) as usize;
    let wide = u128::from(m) << (shift % 64);
    let parts = [wide as u64, (wide >> 64) as u64];
    let mut carry = 0u128;
    let mut i = 0usize;
    loop {
        let add = parts.get(i).copied().unwrap_or(0);
        if add == 0 && carry == 0 && i >= 2 {
            return true;
        }
        let Some(w) = big.get_mut(word + i) else {
            return add == 0 && carry == 0 && parts.get(i + 1).is_none_or(|x| *x == 0);
        };
        let s = u128::from(*w) + u128::from(add) + carry;
        *w = s as u64;
        carry = s >> 64;
        i += 1;
    }
}

/// `a += b`; `false` on a carry out of the top word.
fn add_big(a: &mut Big, b: &Big) -> bool {
    let mut carry = 0u128;
    for (x, y) in a.iter_mut().zip(b) {
        let s = u128::from(*x) + u128::from(*y) + carry;
        *x = s as u64;
        carry = s >> 64;
    }
    carry == 0
}

/// `a - b` for `a >= b`.
fn sub_big(a: &Big, b: &Big) -> Big {
    let mut out = [0u64; WORDS];
    let mut borrow = 0u64;
    for ((o, x), y) in out.iter_mut().zip(a).zip(b) {
        let (d1, b1) = x.overflowing_sub(*y);
        let (d2, b2) = d1.overflowing_sub(borrow);
        *o = d2;
        borrow = u64::from(b1 || b2);
    }
    out
}

/// `a` compared with `b`.
fn cmp_big(a: &Big, b: &Big) -> std::cmp::Ordering {
    a.iter().rev().cmp(b.iter().rev())
}

/// Bit `i` of `big` (0 beyond it).
fn bit(big: &Big, i: u64) -> bool {
    let w = usize::try_from(i / 64).unwrap_or(usize::MAX);
    big.get(w).is_some_and(|x| x >> (i % 64) & 1 == 1)
}

/// Whether some bit below `i` is set.
fn any_below(big: &Big, i: u64) -> bool {
    let full = usize::try_from(i / 64).unwrap_or(usize::MAX);
    if big.iter().take(full).any(|w| *w != 0) {
        return true;
    }
    let rest = i % 64;
    rest > 0 && big.get(full).is_some_and(|w| w & ((1u64 << rest) - 1) != 0)
}

/// Bits `lo..lo + 53` of `big` (fewer beyond its top).
fn bits53(big: &Big, lo: u64) -> u64 {
    let w = usize::try_from(lo / 64).unwrap_or(usize::MAX);
    let off = lo % 64;
    let a = u128::from(big.get(w).copied().unwrap_or(0));
    let b = u128::from(big.get(w + 1).copied().unwrap_or(0));
    let both = (a | (b << 64)) >> off;
    (both as u64) & ((1u64 << 53) - 1)
}

/// `big` x 2^-1074, rounded to nearest with ties to even.
fn to_f64(big: &Big) -> f64 {
    let Some((top, w)) = big.iter().enumerate().rev().find(|(_, w)| **w != 0) else {
        return 0.0;
    };
    // Number of significant bits.
    let len = top as u64 * 64 + u64::from(64 - w.leading_zeros());
    if len <= 53 {
        // N x 2^-1074 with N < 2^53: its bit pattern is N (subnormal, or the smallest
        // exponent of the normal numbers).
        return f64::from_bits(bits53(big, 0));
    }
    let mut shift = len - 53;
    let mut m = bits53(big, shift);
    let half = bit(big, shift - 1);
    let round_up = half && (any_below(big, shift - 1) || m & 1 == 1);
    if round_up {
        m += 1;
        if m == 1 << 53 {
            m >>= 1;
            shift += 1;
        }
    }
    // value = m x 2^(shift - 1074) with 2^52 <= m < 2^53: biased exponent shift + 1.
    let exp = shift + 1;
    if exp >= 2047 {
        return f64::INFINITY;
    }
    f64::from_bits((exp << 52) | (m & ((1u64 << 52) - 1)))
}

impl ExactSum {
    /// Adds `v`.
    pub fn add(&mut self, v: f64) {
        if !v.is_finite() {
            self.special += v;
            return;
        }
        let bits = v.to_bits();
        let exp = (bits >> 52) & 0x7ff;
        let frac = bits & ((1u64 << 52) - 1);
        let (m, shift) = if exp == 0 {
            (frac, 0)
        } else {
            (frac | (1u64 << 52), (exp - 1) as u32)
        };
        if m == 0 {
            return;
        }
        let big = if v.is_sign_negative() {
            self.neg.get_or_insert_with(|| Box::new([0; WORDS]))
        } else {
            &mut self.pos
        };
        if !add_shifted(big, m, shift) {
            self.overflow = true;
        }
    }

    /// Adds every value of `other`.
    pub fn merge(&mut self, other: &ExactSum) {
        self.special += other.special;
        self.overflow |= other.overflow;
        if !add_big(&mut self.pos, &other.pos) {
            self.overflow = true;
        }
        if let Some(o) = &other.neg {
            let n = self.neg.get_or_insert_with(|| Box::new([0; WORDS]));
            if !add_big(n, o) {
                self.overflow = true;
            }
        }
    }

    /// The sum, rounded once to the nearest `f64` (ties to even).
    pub fn value(&self) -> f64 {
        if self.special != 0.0 || self.special.is_nan() {
            return self.special;
        }
        let neg = self.neg.as_deref();
        if self.overflow {
            let pos_zero = self.pos.iter().all(|w| *w == 0);
            return if pos_zero {
                f64::NEG_INFINITY
            } else if neg.is_none_or(|n| n.iter().all(|w| *w == 0)) {
                f64::INFINITY
            } else {
                f64::NAN
            };
        }
        match neg {
            None => to_f64(&self.pos),
            Some(n) => match cmp_big(&self.pos, n) {
                std::cmp::Ordering::Less => -to_f64(&sub_big(n, &self.pos)),
                _ => to_f64(&sub_big(&self.pos, n)),
            },
        }
    }

    /// The serialised form: the non-zero words of each part with their index.
    pub fn repr(&self) -> ExactRepr {
        let words = |b: &Big| -> Vec<(u8, u64)> {
            b.iter()
                .enumerate()
                .filter(|(_, w)| **w != 0)
                .map(|(i, w)| (i as u8, *w))
                .collect()
        };
        ExactRepr {
            pos: words(&self.pos),
            neg: self.neg.as_deref().map(words).unwrap_or_default(),
            special: (self.special != 0.0 || self.special.is_nan())
                .then(|| self.special.to_string()),
            overflow: self.overflow,
        }
    }

    /// The sum from its serialised form; `Err` with what is wrong.
    pub fn from_repr(r: &ExactRepr) -> Result<ExactSum, String> {
        let big = |words: &[(u8, u64)]| -> Result<Big, String> {
            let mut b = [0u64; WORDS];
            let mut last: Option<u8> = None;
            for (i, w) in words {
                if last.is_some_and(|l| l >= *i) {
                    return Err("word indices in increasing order".into());
                }
                last = Some(*i);
                let slot = b
                    .get_mut(usize::from(*i))
                    .ok_or_else(|| format!("word indices below {WORDS}"))?;
                *slot = *w;
            }
            Ok(b)
        };
        let special = match &r.special {
            None => 0.0,
            Some(s) => match s.as_str() {
                "inf" => f64::INFINITY,
                "-inf" => f64::NEG_INFINITY,
                "NaN" => f64::NAN,
                _ => return Err("special \"inf\", \"-inf\" or \"NaN\"".into()),
            },
        };
        Ok(ExactSum {
            pos: big(&r.pos)?,
            neg: if r.neg.is_empty() {
                None
            } else {
                Some(Box::new(big(&r.neg)?))
            },
            special,
            overflow: r.overflow,
        })
    }
}

/// The JSON shape of an [`ExactSum`]: the sum is the integer whose 64-bit words are listed
/// (`[index, word]`, least significant first) times 2^-1074, positive part minus negative part.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ExactRepr {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pos: Vec<(u8, u64)>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    neg: Vec<(u8, u64)>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    special: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    overflow: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn sum(vs: &[f64]) -> f64 {
        let mut s = ExactSum::default();
        vs.iter().for_each(|v| s.add(*v));
        s.value()
    }

    #[test]
    fn small_cases() {
        assert_eq!(sum(&[]), 0.0);
        assert_eq!(sum(&[45.5, 20.0]), 65.5);
        assert_eq!(sum(&[0.1, 0.2]), 0.30000000000000004);
        // 0.1 + 0.2 - 0.3 in exact arithmetic is 2^-55 and a bit, not 0 nor 5.5e-17
        let exact = sum(&[0.1, 0.2, -0.3]);
        assert_eq!(exact, 2.7755575615628914e-17);
        assert_eq!(sum(&[1e308, 1e308, -1e308]), 1e308);
        assert_eq!(sum(&[f64::MAX, f64::MAX]), f64::INFINITY);
        assert_eq!(sum(&[5e-324, 5e-324]), 1e-323);
        assert_eq!(sum(&[-3.0, 1.0]), -2.0);
        assert!(sum(&[f64::INFINITY, f64::NEG_INFINITY]).is_nan());
        // ties to even: 2^53 + 1 rounds down to 2^53, 2^53 + 3 up to 2^53 + 4
        assert_eq!(sum(&[9007199254740992.0, 1.0]), 9007199254740992.0);
        assert_eq!(sum(&[9007199254740992.0, 1.0, 2.0]), 9007199254740996.0);
        assert_eq!(sum(&[9007199254740992.0, 1.0, 1e-300]), 9007199254740994.0);
    }

    proptest! {
        /// Integers sum exactly as `i128` does; any order gives the same bits; the
        /// serialised form reads back the same sum.
        #[test]
        fn order_free_and_exact(
            ints in proptest::collection::vec(-1_000_000_000i64..1_000_000_000, 0..40),
            fl in proptest::collection::vec(-100.0f64..100.0, 0..40),
            split in 0usize..40,
        ) {
            let exact: i128 = ints.iter().map(|x| i128::from(*x)).sum();
            let as_f: Vec<f64> = ints.iter().map(|x| *x as f64).collect();
            prop_assert_eq!(sum(&as_f), exact as f64);
            let mut rev = fl.clone();
            rev.reverse();
            prop_assert_eq!(sum(&fl).to_bits(), sum(&rev).to_bits());
            let (a, b) = fl.split_at(split.min(fl.len()));
            let (mut x, mut y) = (ExactSum::default(), ExactSum::default());
            a.iter().for_each(|v| x.add(*v));
            b.iter().for_each(|v| y.add(*v));
            y.merge(&x);
            prop_assert_eq!(y.value().to_bits(), sum(&fl).to_bits());
            let back = ExactSum::from_repr(&y.repr()).unwrap();
            prop_assert_eq!(back.value().to_bits(), y.value().to_bits());
        }
    }
}
