//! Edit distances on folded titles: a bounded dynamic-programming Levenshtein and the
//! bit-parallel one (Myers 1999, as formulated by Hyyrö 2003) for patterns of up to 64
//! characters, with an optional pattern table prepared once and reused for many texts.

/// The pattern table of a folded text of at most 64 characters, all in `a-z0-9` (the usual
/// case for titles): the positions of each of those 36 characters as bits.
pub(crate) type AlnumTable = [u64; 36];

/// The index of `c` in an [`AlnumTable`].
fn alnum_index(c: char) -> Option<usize> {
    match c {
        'a'..='z' => Some(c as usize - 'a' as usize),
        '0'..='9' => Some(c as usize - '0' as usize + 26),
        _ => None,
    }
}

/// The [`AlnumTable`] of `pattern`; `None` when it is longer than 64 characters or has a
/// character outside `a-z0-9`.
pub(crate) fn alnum_table(pattern: &[char]) -> Option<Box<AlnumTable>> {
    if pattern.len() > 64 {
        return None;
    }
    let mut t = [0u64; 36];
    for (i, c) in pattern.iter().enumerate() {
        *t.get_mut(alnum_index(*c)?)? |= 1u64 << i;
    }
    Some(Box::new(t))
}

/// [`AlnumTable`] of a pattern of 65 to 128 characters: one 128-bit word per character.
pub(crate) type WideAlnumTable = [u128; 36];

/// The [`WideAlnumTable`] of `pattern`; `None` unless it has 65 to 128 characters, all in
/// `a-z0-9` (shorter patterns take the [`AlnumTable`]).
pub(crate) fn wide_alnum_table(pattern: &[char]) -> Option<Box<WideAlnumTable>> {
    if pattern.len() <= 64 || pattern.len() > 128 {
        return None;
    }
    let mut t = [0u128; 36];
    for (i, c) in pattern.iter().enumerate() {
        *t.get_mut(alnum_index(*c)?)? |= 1u128 << i;
    }
    Some(Box::new(t))
}

/// [`bit_parallel_with`] for a [`WideAlnumTable`] (a pattern of `m` characters, 65 to 128):
/// the same recurrence on 128-bit words, instead of the dynamic programme.
pub(crate) fn bit_parallel_wide_with(
    table: &WideAlnumTable,
    m: usize,
    text: &[char],
) -> Option<usize> {
    myers_wide(m, text, |c| table.get(alnum_index(c)?).copied())
}

/// [`bit_parallel_wide_with`] of a text given by its [`alnum_codes`].
pub(crate) fn bit_parallel_wide_codes(
    table: &WideAlnumTable,
    m: usize,
    codes: &[u8],
) -> Option<usize> {
    myers_wide(m, codes, |c| table.get(usize::from(c)).copied())
}

/// The text's characters as indices into an [`AlnumTable`] (looked up once per title
/// instead of once per compared pair); `None` when one is outside `a-z0-9`.
pub(crate) fn alnum_codes(text: &[char]) -> Option<Vec<u8>> {
    text.iter()
        .map(|c| alnum_index(*c).and_then(|i| u8::try_from(i).ok()))
        .collect()
}

/// [`bit_parallel_with`] of a text given by its [`alnum_codes`].
pub(crate) fn bit_parallel_codes(table: &AlnumTable, m: usize, codes: &[u8]) -> Option<usize> {
    myers(m, codes, |c| table.get(usize::from(c)).copied())
}

/// [`bit_parallel_levenshtein`] with a prepared table (of a pattern of `m` characters, 1 to
/// 64); `None` when `text` has a character outside `a-z0-9`.
pub(crate) fn bit_parallel_with(table: &AlnumTable, m: usize, text: &[char]) -> Option<usize> {
    myers(m, text, |c| table.get(alnum_index(c)?).copied())
}

/// The edit distance of `pattern` and `text`, bit-parallel for a pattern of at most 64
/// characters: one column of the distance matrix per 64-bit word, so a pair of titles costs
/// one pass over `text` instead of `len(a) * len(b)` cells. Longer patterns fall back to the
/// dynamic programming of [`levenshtein_within`].
pub(crate) fn bit_parallel_levenshtein(pattern: &[char], text: &[char]) -> usize {
    let m = pattern.len();
    if m == 0 {
        return text.len();
    }
    if m > 64 {
        return levenshtein_within(pattern, text, usize::MAX - 1).unwrap_or(usize::MAX);
    }
    // Positions of each character in the pattern: a table for ASCII, a list for the rest.
    let mut ascii = [0u64; 128];
    let mut other: Vec<(char, u64)> = Vec::new();
    for (i, &c) in pattern.iter().enumerate() {
        let bit = 1u64 << i;
        match ascii.get_mut(c as usize) {
            Some(x) => *x |= bit,
            None => match other.iter_mut().find(|(k, _)| *k == c) {
                Some((_, x)) => *x |= bit,
                None => other.push((c, bit)),
            },
        }
    }
    let eq = |c: char| {
        Some(match ascii.get(c as usize) {
            Some(x) => *x,
            None => other.iter().find(|(k, _)| *k == c).map_or(0, |(_, x)| *x),
        })
    };
    myers(m, text, eq).unwrap_or(usize::MAX)
}

/// The Myers/Hyyrö column recurrence shared by the bit-parallel distances, on one machine
/// word of pattern bits: `eq(c)` gives the pattern positions of `c` as bits (`None` stops
/// with `None`); `m` is 1 to the word's width.
macro_rules! myers_on {
    ($name:ident, $word:ty) => {
        fn $name<T: Copy>(m: usize, text: &[T], eq: impl Fn(T) -> Option<$word>) -> Option<usize> {
            let bits = <$word>::BITS as usize;
            if m == 0 || m > bits {
                return None;
            }
            let last: $word = 1 << (m - 1);
            let mut pv: $word = if m == bits {
                <$word>::MAX
            } else {
                (1 << m) - 1
            };
            let mut mv: $word = 0;
            let mut score = m;
            for &c in text {
                let eq = eq(c)?;
                let xv = eq | mv;
                let xh = ((eq & pv).wrapping_add(pv) ^ pv) | eq;
                let mut ph = mv | !(xh | pv);
                let mut mh = pv & xh;
                if ph & last != 0 {
                    score += 1;
                } else if mh & last != 0 {
                    score = score.saturating_sub(1);
                }
                ph = (ph << 1) | 1;
                mh <<= 1;
                pv = mh | !(xv | ph);
                mv = ph & xv;
            }
            Some(score)
        }
    };
}

myers_on!(myers, u64);
// Titles of 65 to 128 characters.
myers_on!(myers_wide, u128);

/// The edit distance of `a` and `b` if it is at most `max` (two-row dynamic programming that
/// stops once a whole row exceeds `max`).
pub(crate) fn levenshtein_within(a: &[char], b: &[char], max: usize) -> Option<usize> {
    let (long, short) = if a.len() >= b.len() { (a, b) } else { (b, a) };
    if long.len() - short.len() > max {
        return None;
    }
    let mut prev: Vec<usize> = (0..=short.len()).collect();
    let mut cur: Vec<usize> = Vec::with_capacity(short.len() + 1);
    for (i, ca) in long.iter().enumerate() {
        cur.clear();
        cur.push(i + 1);
        let mut left = i + 1;
        let mut row_min = left;
        for (j, cb) in short.iter().enumerate() {
            let diag = prev.get(j).copied().unwrap_or(usize::MAX - 1);
            let up = prev.get(j + 1).copied().unwrap_or(usize::MAX - 1);
            let v = (up + 1).min(left + 1).min(diag + usize::from(ca != cb));
            cur.push(v);
            left = v;
            row_min = row_min.min(v);
        }
        if row_min > max {
            return None;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev.last().copied().filter(|d| *d <= max)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn bounded_distance_matches_levenshtein() {
        for (a, b) in [
            ("", ""),
            ("abc", ""),
            ("kitten", "sitting"),
            ("campañaregional", "campanaregionales"),
            ("ñandú", "nandu"),
        ] {
            let d = strsim::levenshtein(a, b);
            assert_eq!(
                levenshtein_within(&chars(a), &chars(b), d),
                Some(d),
                "{a} {b}"
            );
            if d > 0 {
                assert_eq!(levenshtein_within(&chars(a), &chars(b), d - 1), None);
            }
        }
    }

    #[test]
    fn bit_parallel_distance_matches_levenshtein() {
        let long64: String = "abcdefghij".repeat(7).chars().take(64).collect();
        let long64b: String = long64.replacen('c', "x", 3);
        for (a, b) in [
            ("a", ""),
            ("kitten", "sitting"),
            ("sitting", "kitten"),
            ("campañaregional", "campanaregionales"),
            ("ñandú", "nandu"),
            ("abc", "abc"),
            (long64.as_str(), long64b.as_str()),
            (long64.as_str(), "abc"),
        ] {
            assert_eq!(
                bit_parallel_levenshtein(&chars(a), &chars(b)),
                strsim::levenshtein(a, b),
                "{a} {b}"
            );
        }
    }

    #[test]
    fn wide_table_only_for_long_alphanumeric_patterns() {
        assert!(wide_alnum_table(&chars(&"a".repeat(64))).is_none());
        assert!(wide_alnum_table(&chars(&"a".repeat(65))).is_some());
        assert!(wide_alnum_table(&chars(&"a".repeat(128))).is_some());
        assert!(wide_alnum_table(&chars(&"a".repeat(129))).is_none());
        assert!(wide_alnum_table(&chars(&format!("{}ñ", "a".repeat(70)))).is_none());
        let a = "ab".repeat(40);
        let t = wide_alnum_table(&chars(&a)).unwrap();
        assert_eq!(bit_parallel_wide_with(&t, 80, &chars(&a)), Some(0));
        assert_eq!(bit_parallel_wide_with(&t, 80, &chars("abñ")), None);
        assert_eq!(bit_parallel_wide_with(&t, 0, &chars("ab")), None);
        assert_eq!(bit_parallel_wide_with(&t, 129, &chars("ab")), None);
        assert_eq!(alnum_codes(&chars("az09")), Some(vec![0, 25, 26, 35]));
        assert_eq!(alnum_codes(&chars("añ")), None);
    }

    #[test]
    fn alnum_table_only_for_short_alphanumeric_patterns() {
        assert!(alnum_table(&chars("taller2024")).is_some());
        assert!(alnum_table(&chars("niñas")).is_none());
        assert!(alnum_table(&chars(&"a".repeat(65))).is_none());
        let t = alnum_table(&chars("abc")).unwrap();
        assert_eq!(bit_parallel_with(&t, 3, &chars("abd")), Some(1));
        assert_eq!(bit_parallel_with(&t, 3, &chars("abñ")), None);
    }

    proptest! {
        #[test]
        fn bit_parallel_matches_levenshtein(a in "[a-dñé]{1,70}", b in "[a-dñé]{0,90}") {
            prop_assert_eq!(
                bit_parallel_levenshtein(&chars(&a), &chars(&b)),
                strsim::levenshtein(&a, &b)
            );
        }

        #[test]
        fn wide_table_matches_levenshtein(a in "[a-e0-9]{65,128}", b in "[a-e0-9]{0,150}") {
            let table = wide_alnum_table(&chars(&a)).unwrap();
            prop_assert_eq!(
                bit_parallel_wide_with(&table, a.len(), &chars(&b)),
                Some(strsim::levenshtein(&a, &b))
            );
        }

        #[test]
        fn codes_match_chars(a in "[a-e0-9]{1,128}", b in "[a-e0-9]{0,150}") {
            let codes = alnum_codes(&chars(&b)).unwrap();
            if let Some(t) = alnum_table(&chars(&a)) {
                prop_assert_eq!(bit_parallel_codes(&t, a.len(), &codes), bit_parallel_with(&t, a.len(), &chars(&b)));
            }
            if let Some(t) = wide_alnum_table(&chars(&a)) {
                prop_assert_eq!(bit_parallel_wide_codes(&t, a.len(), &codes), bit_parallel_wide_with(&t, a.len(), &chars(&b)));
            }
        }

        #[test]
        fn prepared_table_matches_levenshtein(a in "[a-e0-9]{1,64}", b in "[a-e0-9]{0,90}") {
            let table = alnum_table(&chars(&a)).unwrap();
            prop_assert_eq!(
                bit_parallel_with(&table, a.len(), &chars(&b)),
                Some(strsim::levenshtein(&a, &b))
            );
        }
    }
}
