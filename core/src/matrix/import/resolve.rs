//! The cache of resolved cells: a column repeats the same few values (countries, axes,
//! statuses...), so each distinct value is parsed and interned once and its outcome (an id
//! and the findings about it) reused for every later row.

use crate::diagnostic::Diagnostic;
use crate::matrix::store::FxMap;

/// Cached outcomes are kept for at most this many distinct cell values per column, so that a
/// file of unique values cannot make the caches grow without bound.
pub(super) const CACHE_LIMIT: usize = 4096;

/// What a cell resolved to: the value to store, and the findings about it (unplaced: the
/// importer adds the row and column of each use).
pub(super) type Outcome<T> = (T, Vec<Diagnostic>);

/// Cell text -> its [`Outcome`], for at most `limit` distinct texts.
#[derive(Debug, Clone)]
pub(super) struct Resolver<T> {
    seen: FxMap<String, Outcome<T>>,
    limit: usize,
}

impl<T> Default for Resolver<T> {
    fn default() -> Self {
        Resolver {
            seen: FxMap::default(),
            limit: CACHE_LIMIT,
        }
    }
}

impl<T> Resolver<T> {
    /// A resolver without a limit: for a column whose distinct values the store keeps
    /// anyway (institutions), so that "reported once" holds for every value.
    pub(super) fn unbounded() -> Self {
        Resolver {
            seen: FxMap::default(),
            limit: usize::MAX,
        }
    }
}

impl<T: Clone> Resolver<T> {
    /// The outcome of `raw`: cached, or computed by `compute` (and cached while there is
    /// room; once full, later new texts are computed on every use).
    pub(super) fn resolve(
        &mut self,
        raw: &str,
        compute: impl FnOnce(&str) -> Outcome<T>,
    ) -> Outcome<T> {
        if let Some(hit) = self.seen.get(raw) {
            return hit.clone();
        }
        let outcome = compute(raw);
        if self.seen.len() < self.limit {
            self.seen.insert(raw.to_owned(), outcome.clone());
        }
        outcome
    }
}

impl<T: Clone> Resolver<T> {
    /// Like [`Resolver::resolve`], but the findings come only with the first use of a text
    /// (while the cache has room): a value that repeats on many rows is reported once, at
    /// its first row.
    pub(super) fn resolve_once(
        &mut self,
        raw: &str,
        compute: impl FnOnce(&str) -> Outcome<T>,
    ) -> Outcome<T> {
        if let Some((value, _)) = self.seen.get(raw) {
            return (value.clone(), Vec::new());
        }
        let (value, problems) = compute(raw);
        if self.seen.len() < self.limit {
            self.seen
                .insert(raw.to_owned(), (value.clone(), Vec::new()));
        }
        (value, problems)
    }
}

/// The outcome of a single-valued parse: the value, or `none` and the finding.
pub(super) fn single<T>(r: Result<T, Diagnostic>, none: T) -> Outcome<T> {
    match r {
        Ok(v) => (v, Vec::new()),
        Err(d) => (none, vec![d]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn computes_each_text_once_while_there_is_room() {
        let mut r: Resolver<u8> = Resolver {
            seen: FxMap::default(),
            limit: 2,
        };
        let calls = std::cell::Cell::new(0);
        let get = |r: &mut Resolver<u8>, raw: &str| {
            r.resolve(raw, |s| {
                calls.set(calls.get() + 1);
                (u8::try_from(s.len()).unwrap_or(0), Vec::new())
            })
        };
        assert_eq!(get(&mut r, "a").0, 1);
        assert_eq!(get(&mut r, "a").0, 1);
        assert_eq!(get(&mut r, "bb").0, 2);
        // Full: a third text is computed on every use, with the same outcome.
        assert_eq!(get(&mut r, "ccc").0, 3);
        assert_eq!(get(&mut r, "ccc").0, 3);
        assert_eq!(get(&mut r, "bb").0, 2);
        assert_eq!(calls.get(), 4);
        assert_eq!(r.seen.len(), 2);
    }

    #[test]
    fn resolve_once_reports_a_text_the_first_time_only() {
        let mut r: Resolver<u8> = Resolver {
            seen: FxMap::default(),
            limit: 1,
        };
        let warn = |s: &str| (1u8, vec![Diagnostic::new("unknown_institution", s)]);
        assert_eq!(r.resolve_once("a", warn).1.len(), 1);
        assert_eq!(r.resolve_once("a", warn), (1, Vec::new()));
        // Full: an uncached text is reported on every use.
        assert_eq!(r.resolve_once("b", warn).1.len(), 1);
        assert_eq!(r.resolve_once("b", warn).1.len(), 1);
    }

    #[test]
    fn findings_are_cached_with_the_value() {
        let mut r: Resolver<u16> = Resolver::default();
        let (v, problems) = r.resolve("x", |_| single(Err(Diagnostic::new("unknown_code", "")), 7));
        assert_eq!((v, problems.len()), (7, 1));
        let (v, problems) = r.resolve("x", |_| (0, Vec::new()));
        assert_eq!((v, problems.len()), (7, 1));
        assert_eq!(single::<u16>(Ok(3), 7), (3, Vec::new()));
    }
}
