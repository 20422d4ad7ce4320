//! Near-duplicate activities across plans: same kind (or none), same guideline refs,
//! overlapping dates and similar titles (see [`NEAR_DUPLICATE_TITLE_SIMILARITY`]).

use super::NEAR_DUPLICATE_TITLE_SIMILARITY;
use crate::codes::ActivityKind;
use crate::plan::{CheckedPlan, WorkPlan};
use crate::text::distance::{
    AlnumTable, WideAlnumTable, alnum_codes, alnum_table, bit_parallel_codes,
    bit_parallel_levenshtein, bit_parallel_wide_codes, bit_parallel_wide_with, bit_parallel_with,
    levenshtein_within, wide_alnum_table,
};
use crate::text::normalize_key;
use chrono::NaiveDate;
use std::collections::HashMap;

/// A candidate of the near-duplicate check.
struct Candidate {
    start: NaiveDate,
    end: NaiveDate,
    plan: usize,
    activity: usize,
    title: Vec<char>,
    /// Counts of the title's character bigrams, hashed into 128 buckets.
    bigrams: [u8; 128],
    /// For a title of at most 64 folded characters, all in `a-z0-9` (the usual case): the
    /// pattern table of the bit-parallel distance, built once instead of once per compared
    /// pair.
    peq: Option<Box<AlnumTable>>,
    /// The same for a title of 65 to 128 folded characters in `a-z0-9` (long titles such as
    /// `Diagnóstico sobre salud sexual y reproductiva para trabajadoras domésticas en ...`).
    wide: Option<Box<WideAlnumTable>>,
    /// The title as indices into those tables, when it is all `a-z0-9`.
    codes: Option<Vec<u8>>,
}

impl Candidate {
    fn new(
        plan: usize,
        activity: usize,
        (start, end): (NaiveDate, NaiveDate),
        title: &str,
    ) -> Self {
        let title: Vec<char> = normalize_key(title).chars().collect();
        let mut bigrams = [0u8; 128];
        for pair in title.windows(2) {
            if let [a, b] = pair {
                let h = (*a as usize).wrapping_mul(31).wrapping_add(*b as usize) % 128;
                if let Some(x) = bigrams.get_mut(h) {
                    *x = x.saturating_add(1);
                }
            }
        }
        let peq = alnum_table(&title);
        let wide = wide_alnum_table(&title);
        let codes = alnum_codes(&title);
        Candidate {
            start,
            end,
            plan,
            activity,
            title,
            bigrams,
            peq,
            wide,
            codes,
        }
    }

    /// Normalised Levenshtein similarity >= [`NEAR_DUPLICATE_TITLE_SIMILARITY`], i.e. an
    /// edit distance of at most 20 % of the longer folded title. Two cheap lower bounds of the
    /// distance rule out most pairs: the length difference, and a quarter of the L1 distance
    /// of the bigram counts (one edit changes at most four bigram counts; hashing buckets
    /// only lowers the L1 distance, so the bound stays valid). The distance itself stops as
    /// soon as it exceeds the bound.
    fn similar(&self, other: &Candidate) -> bool {
        let longest = self.title.len().max(other.title.len());
        if longest == 0 {
            return false;
        }
        // Largest distance allowed; the epsilon keeps 0.2 * 5 from rounding down to 0.
        let allowed = ((1.0 - NEAR_DUPLICATE_TITLE_SIMILARITY) * longest as f64 + 1e-9) as usize;
        if self.title.len().abs_diff(other.title.len()) > allowed {
            return false;
        }
        // u32 (at most 128 * 255) lets the sum vectorise.
        let l1: u32 = self
            .bigrams
            .iter()
            .zip(other.bigrams.iter())
            .map(|(a, b)| u32::from(a.abs_diff(*b)))
            .sum();
        if (l1 / 4) as usize > allowed {
            return false;
        }
        if self.title == other.title {
            return true;
        }
        let (long, short) = if self.title.len() >= other.title.len() {
            (self, other)
        } else {
            (other, self)
        };
        let m = short.title.len();
        let d = match (&short.peq, &short.wide, &long.codes) {
            (Some(peq), _, Some(codes)) => bit_parallel_codes(peq, m, codes),
            (Some(peq), _, None) => bit_parallel_with(peq, m, &long.title),
            (None, Some(wide), Some(codes)) => bit_parallel_wide_codes(wide, m, codes),
            (None, Some(wide), None) => bit_parallel_wide_with(wide, m, &long.title),
            (None, None, _) => None,
        };
        if let Some(d) = d {
            return d <= allowed;
        }
        let (long, short) = (&long.title, &short.title);
        if short.len() <= 64 {
            return bit_parallel_levenshtein(short, long) <= allowed;
        }
        levenshtein_within(&self.title, &other.title, allowed).is_some()
    }
}

/// Pairs `(plan a, activity a, plan b, activity b)` of titled activities of different plans
/// with the same kind (or both without one), the same non-empty guideline refs, overlapping
/// dates and similar titles. Bucketed by kind and refs and swept by start date, so only
/// date-overlapping candidates have their titles compared.
pub(super) fn near_duplicates(
    plans: &[WorkPlan],
    checked: &[CheckedPlan<'_>],
) -> Vec<(usize, usize, usize, usize)> {
    // (kind, sorted refs) -> (plan, activity)
    type Bucket<'a> = (Option<ActivityKind>, Vec<&'a str>);
    let mut buckets: HashMap<Bucket<'_>, Vec<(usize, usize)>> = HashMap::new();
    for (pi, c) in checked.iter().enumerate() {
        for (ai, a) in c.activities.iter().enumerate() {
            if a.refs.is_empty() || !a.has_title || a.dates.is_none() {
                continue;
            }
            let kind = plans
                .get(pi)
                .and_then(|p| p.activities.get(ai))
                .and_then(|x| x.kind);
            let mut key: Vec<&str> = a.refs.clone();
            key.sort_unstable();
            buckets.entry((kind, key)).or_default().push((pi, ai));
        }
    }
    // The buckets are independent and the pairs are sorted at the end, so the buckets can
    // be shared out over two threads (by size, largest first, to the less loaded half) and
    // the result is the same. WebAssembly has one thread: all buckets, in one go.
    let all: Vec<&Vec<(usize, usize)>> = buckets.values().collect();
    #[cfg(target_arch = "wasm32")]
    let mut out = bucket_pairs(&all, plans, checked);
    #[cfg(not(target_arch = "wasm32"))]
    let mut out = two_halves(all, plans, checked);
    out.sort_unstable();
    out
}

/// The pairs of the buckets, half of them (by size) on another thread when there are enough.
#[cfg(not(target_arch = "wasm32"))]
fn two_halves(
    mut sizes: Vec<&Vec<(usize, usize)>>,
    plans: &[WorkPlan],
    checked: &[CheckedPlan<'_>],
) -> Vec<(usize, usize, usize, usize)> {
    sizes.sort_unstable_by_key(|m| std::cmp::Reverse(m.len()));
    let (mut first, mut second) = (Vec::new(), Vec::new());
    let (mut first_load, mut second_load) = (0, 0);
    for members in sizes {
        if first_load <= second_load {
            first_load += members.len();
            first.push(members);
        } else {
            second_load += members.len();
            second.push(members);
        }
    }
    let (mut out, mut more) = crate::join::join(
        first_load + second_load >= 2_000,
        || bucket_pairs(&first, plans, checked),
        || bucket_pairs(&second, plans, checked),
    );
    out.append(&mut more);
    out
}

/// The similar pairs of each bucket: swept by start date, so that only date-overlapping
/// candidates of different plans have their titles compared.
fn bucket_pairs(
    buckets: &[&Vec<(usize, usize)>],
    plans: &[WorkPlan],
    checked: &[CheckedPlan<'_>],
) -> Vec<(usize, usize, usize, usize)> {
    let mut out = Vec::new();
    for members in buckets {
        let Some(&(first_plan, _)) = members.first() else {
            continue;
        };
        if members.iter().all(|&(p, _)| p == first_plan) {
            continue;
        }
        let mut items: Vec<Candidate> = members
            .iter()
            .filter_map(|&(pi, ai)| {
                let dates = checked.get(pi)?.activities.get(ai)?.dates?;
                let title = plans.get(pi)?.activities.get(ai)?.title.as_deref()?;
                Some(Candidate::new(pi, ai, dates, title))
            })
            .collect();
        items.sort_unstable_by_key(|c| (c.start, c.plan, c.activity));
        let mut running: Vec<&Candidate> = Vec::new();
        for c in &items {
            running.retain(|r| r.end >= c.start);
            for &r in &running {
                if r.plan != c.plan && r.similar(c) {
                    let (a, b) = if (r.plan, r.activity) <= (c.plan, c.activity) {
                        (r, c)
                    } else {
                        (c, r)
                    };
                    out.push((a.plan, a.activity, b.plan, b.activity));
                }
            }
            running.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn similarity_threshold() {
        let day = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
        let c = |t: &str| Candidate::new(0, 0, (day, day), t);
        let base = c("Campaña regional contra la trata de niñas");
        assert!(base.similar(&c("Campaña regional contra la trata de niñas 2024")));
        assert!(base.similar(&c("CAMPAÑA REGIONAL CONTRA LA TRATA DE NIÑAS")));
        assert!(!base.similar(&c("Taller de inclusión financiera")));
        assert!(!c("").similar(&c("")));
    }

    #[test]
    fn buckets_shared_over_threads_find_every_pair_a_brute_force_finds() {
        // Three plans of 700 valid activities in two buckets (VCM-1 / VCM-2), enough
        // candidates for the two-thread path, titles from a small vocabulary so that many
        // are similar.
        let words = [
            "taller",
            "foro",
            "campaña",
            "regional",
            "de",
            "mujeres",
            "migrantes",
            "salud",
        ];
        let mut seed = 7u64;
        let mut next = move || {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            (seed >> 33) as usize
        };
        let plans: Vec<WorkPlan> = (0..3)
            .map(|p| {
                let activities = (0..700)
                    .map(|a| {
                        let title: Vec<&str> = (0..3).map(|_| words[next() % words.len()]).collect();
                        let day = 1 + next() % 27;
                        serde_json::json!({
                            "id": format!("a{a}"), "title": title.join(" "), "kind": "meeting",
                            "start": format!("2024-03-{day:02}"), "end": format!("2024-03-{:02}", day + 1),
                            "lead": "MEX", "guidelines": [if next() % 2 == 0 { "VCM-1" } else { "VCM-2" }],
                            "indicators": [{"name": "n", "target": 1}]
                        })
                    })
                    .collect::<Vec<_>>();
                WorkPlan::from_json(&serde_json::json!({
                    "id": format!("p{p}"), "working_group": "g", "axis": "VCM", "guideline_version": "2023",
                    "period": {"start": "2024-01-01", "end": "2024-12-31"}, "activities": activities
                }).to_string())
                .unwrap()
            })
            .collect();
        let cat = crate::Catalog::embedded();
        let cfg = crate::RuleConfig::new(NaiveDate::from_ymd_opt(2024, 6, 1).unwrap());
        let (_, report) = cat.merge_plans(&plans, &cfg);
        let found = report.with_code("near_duplicate").count();
        // Brute force over every pair of activities of different plans.
        let mut expected = 0;
        let acts: Vec<(usize, usize, &crate::plan::Activity)> = plans
            .iter()
            .enumerate()
            .flat_map(|(p, plan)| {
                plan.activities
                    .iter()
                    .enumerate()
                    .map(move |(a, x)| (p, a, x))
            })
            .collect();
        for (i, &(pa, aa, a)) in acts.iter().enumerate() {
            for &(pb, ab, b) in &acts[i + 1..] {
                let (sa, ea, sb, eb) = (
                    a.start.unwrap(),
                    a.end.unwrap(),
                    b.start.unwrap(),
                    b.end.unwrap(),
                );
                if pa != pb && a.guidelines == b.guidelines && sa <= eb && sb <= ea {
                    let ca = Candidate::new(pa, aa, (sa, ea), a.title.as_deref().unwrap());
                    let cb = Candidate::new(pb, ab, (sb, eb), b.title.as_deref().unwrap());
                    expected += usize::from(ca.similar(&cb));
                }
            }
        }
        assert!(expected > 100, "{expected}");
        // One finding per pair.
        assert_eq!(found, expected);
    }

    /// The rule's definition, computed the slow way: the oracle of the fast comparison.
    fn similar_by_definition(a: &str, b: &str) -> bool {
        let (ka, kb) = (normalize_key(a), normalize_key(b));
        !(ka.is_empty() && kb.is_empty())
            && strsim::levenshtein(&ka, &kb) as f64
                <= (1.0 - NEAR_DUPLICATE_TITLE_SIMILARITY)
                    * ka.chars().count().max(kb.chars().count()) as f64
                    + 1e-9
    }

    proptest! {
        #[test]
        fn filters_never_reject_a_similar_pair(a in "[a-dñ ]{0,30}", b in "[a-dñ ]{0,30}") {
            let day = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
            let (ca, cb) = (Candidate::new(0, 0, (day, day), &a), Candidate::new(1, 0, (day, day), &b));
            let expected = similar_by_definition(&a, &b);
            prop_assert_eq!(ca.similar(&cb), expected);
        }

        #[test]
        fn long_titles_compared_exactly(
            a in "[a-c ]{50,140}",
            cut in 0usize..40,
            extra in "[a-d]{0,20}",
            other in proptest::option::of("[a-c]{50,140}"),
        ) {
            // b: a with its start cut and letters added (often similar), or another title.
            let b = other.unwrap_or_else(|| format!("{extra}{}", a.get(cut.min(a.len())..).unwrap_or("")));
            let day = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
            let (ca, cb) = (Candidate::new(0, 0, (day, day), &a), Candidate::new(1, 0, (day, day), &b));
            let expected = similar_by_definition(&a, &b);
            prop_assert_eq!(ca.similar(&cb), expected);
            prop_assert_eq!(cb.similar(&ca), expected);
        }
    }
}
