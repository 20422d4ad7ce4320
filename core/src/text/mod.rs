//! Normalisation of user-written codes and names, nearest-match suggestions, and (in
//! [`distance`]) the edit distances used to compare titles.

pub(crate) mod distance;

/// Folds a user-written label to a lookup key: accents removed, lower case, and everything
/// but letters and digits dropped, so `"Rep. Dominicana"`, `"REP DOMINICANA"` and
/// `"rep-dominicana"` all give `"repdominicana"`.
pub(crate) fn normalize_key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        // ASCII (most of the text): the same as below without the Unicode tables.
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                out.push(c.to_ascii_lowercase());
            }
            continue;
        }
        let base = fold_accent(c);
        for l in base.to_lowercase() {
            if l.is_alphanumeric() {
                out.push(l);
            }
        }
    }
    out
}

/// The unaccented base letter of the Latin letters used in the region's languages.
pub(crate) fn fold_accent(c: char) -> char {
    match c {
        'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' => 'a',
        'Á' | 'À' | 'Â' | 'Ä' | 'Ã' | 'Å' => 'A',
        'é' | 'è' | 'ê' | 'ë' => 'e',
        'É' | 'È' | 'Ê' | 'Ë' => 'E',
        'í' | 'ì' | 'î' | 'ï' => 'i',
        'Í' | 'Ì' | 'Î' | 'Ï' => 'I',
        'ó' | 'ò' | 'ô' | 'ö' | 'õ' => 'o',
        'Ó' | 'Ò' | 'Ô' | 'Ö' | 'Õ' => 'O',
        'ú' | 'ù' | 'û' | 'ü' => 'u',
        'Ú' | 'Ù' | 'Û' | 'Ü' => 'U',
        'ñ' => 'n',
        'Ñ' => 'N',
        'ç' => 'c',
        'Ç' => 'C',
        other => other,
    }
}

/// The candidate closest to `value` (by edit distance on normalised keys), if it is close
/// enough to be a plausible typo (at most a third of the longer key, and at least 1 edit)
/// and unique: when two different codes are equally close, guessing one would mislead
/// (`PRO-5` is as near `PRO-1` as `PRO-2`), so there is no suggestion. Several spellings of
/// the same code at the best distance are fine.
pub(crate) fn nearest<'a, I>(value: &str, candidates: I) -> Option<String>
where
    I: IntoIterator<Item = (&'a str, &'a str)>,
{
    // candidates: (lookup key, code to suggest)
    let key = normalize_key(value);
    if key.is_empty() {
        return None;
    }
    let key_len = key.chars().count();
    // (distance, code, another code at the same distance)
    let mut best: Option<(usize, &str, bool)> = None;
    for (cand_key, code) in candidates {
        let cand_len = cand_key.chars().count();
        let limit = (key_len.max(cand_len) / 3).max(1);
        // The distance is at least the difference in length: most candidates are ruled out
        // without computing it (an import asks this of every unknown institution it meets).
        if key_len.abs_diff(cand_len) > limit {
            continue;
        }
        let d = strsim::levenshtein(&key, cand_key);
        if d > limit {
            continue;
        }
        best = match best {
            Some((bd, bc, tied)) if d > bd => Some((bd, bc, tied)),
            Some((bd, bc, tied)) if d == bd => Some((bd, bc, tied || bc != code)),
            _ => Some((d, code, false)),
        };
    }
    match best {
        Some((_, code, false)) => Some(code.to_owned()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_accents_case_and_punctuation() {
        assert_eq!(normalize_key("México"), "mexico");
        assert_eq!(normalize_key("Rep. Dominicana"), "repdominicana");
        assert_eq!(normalize_key("EE.UU."), "eeuu");
        assert_eq!(normalize_key("  PANAMÁ "), "panama");
        assert_eq!(normalize_key("Niñas"), "ninas");
    }

    #[test]
    fn ascii_shortcut_folds_as_the_unicode_path() {
        for b in 0u8..128 {
            let c = char::from(b);
            let slow: String = fold_accent(c)
                .to_lowercase()
                .filter(|l| l.is_alphanumeric())
                .collect();
            assert_eq!(normalize_key(&c.to_string()), slow, "{b}");
        }
    }

    #[test]
    fn nearest_finds_typos_and_refuses_far_values() {
        let cands = [("guatemala", "GTM"), ("honduras", "HND")];
        assert_eq!(nearest("Guatemla", cands), Some("GTM".to_owned()));
        assert_eq!(nearest("zzzzzz", cands), None);
        assert_eq!(nearest("", cands), None);
    }

    #[test]
    fn nearest_refuses_ties_between_different_codes() {
        let cands = [("pro1", "PRO-1"), ("pro2", "PRO-2"), ("pro3", "PRO-3")];
        assert_eq!(nearest("PRO-5", cands), None);
        // A strictly closer candidate still wins over farther ones.
        let cands = [("pro12", "PRO-12"), ("pro2", "PRO-2"), ("pro3", "PRO-3")];
        assert_eq!(nearest("PRO-12x", cands), Some("PRO-12".to_owned()));
    }

    #[test]
    fn nearest_accepts_ties_between_spellings_of_one_code() {
        // "guatemalx" is one edit from both spellings of GTM.
        let cands = [
            ("guatemala", "GTM"),
            ("guatemal", "GTM"),
            ("honduras", "HND"),
        ];
        assert_eq!(nearest("Guatemalx", cands), Some("GTM".to_owned()));
        let cands = [("panama", "PAN"), ("panamá", "PAN"), ("ghana", "GHA")];
        assert_eq!(nearest("Panamx", cands), Some("PAN".to_owned()));
    }
}
