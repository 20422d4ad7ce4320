//! Schedule overlaps between events of different working groups: [`find_overlaps`].
//!
//! # Semantics
//!
//! - Dates are whole days and both ends are inclusive: an event that ends on day D and one
//!   that starts on D overlap; one that ends on D and one that starts on D + 1 do not.
//! - Two events clash when they overlap in time, belong to **different** groups, and share at
//!   least one participant. Events of the same group never clash (a working group plans its
//!   own calendar).
//! - An event whose end is before its start takes part in nothing (validation reports it as
//!   `end_before_start`).
//!
//! # Cost
//!
//! A sweep line per participant: each participant's events are sorted by start, and a
//! min-heap by end per group holds the events still running. An arriving event is reported
//! against the running events of the other groups after the finished ones are dropped. With
//! `m` (event, participant) incidences and `k` reported (pair, shared participant)
//! incidences, the cost is O(m log m + k), not the O(n²) of comparing every pair.
//!
//! ```
//! use chrono::NaiveDate;
//! use lineamientos::{ScheduledEvent, find_overlaps};
//! let d = |m, d| NaiveDate::from_ymd_opt(2024, m, d).unwrap();
//! let events = vec![
//!     ScheduledEvent::new(d(3, 4), d(3, 6), "mesa-vcm", vec!["MEX", "GTM"]),
//!     ScheduledEvent::new(d(3, 6), d(3, 6), "mesa-emp", vec!["GTM"]),   // touches day 6
//!     ScheduledEvent::new(d(3, 7), d(3, 8), "mesa-cui", vec!["MEX"]),   // starts the day after
//!     ScheduledEvent::new(d(3, 5), d(3, 6), "mesa-vcm", vec!["GTM"]),   // same group as 0
//! ];
//! let found = find_overlaps(&events);
//! assert_eq!(found.len(), 2);
//! assert_eq!((found[0].first, found[0].second), (0, 1));
//! assert_eq!(found[0].shared, vec!["GTM"]);
//! assert_eq!((found[1].first, found[1].second), (1, 3)); // emp vs the other vcm event
//! ```

use chrono::NaiveDate;
use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};
use std::hash::Hash;

/// One event on the calendar: its days (inclusive), its group and its participants.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScheduledEvent<G, P> {
    /// First day.
    pub start: NaiveDate,
    /// Last day (inclusive).
    pub end: NaiveDate,
    /// The working group that owns the event.
    pub group: G,
    /// Its participants (the lead included), already normalised; repeats are ignored.
    pub participants: Vec<P>,
}

impl<G, P> ScheduledEvent<G, P> {
    /// An event from its parts.
    pub fn new(start: NaiveDate, end: NaiveDate, group: G, participants: Vec<P>) -> Self {
        ScheduledEvent {
            start,
            end,
            group,
            participants,
        }
    }
}

/// Two clashing events, by their index in the input (`first < second`), and the
/// participants they share (sorted).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Overlap<P> {
    /// Index of the first event.
    pub first: usize,
    /// Index of the second event.
    pub second: usize,
    /// The participants both events have.
    pub shared: Vec<P>,
}

/// Every pair of events of different groups that overlap in time and share a participant,
/// sorted by `(first, second)`. See the [module docs](self) for the semantics and the cost.
pub fn find_overlaps<G, P>(events: &[ScheduledEvent<G, P>]) -> Vec<Overlap<P>>
where
    G: Eq + Hash,
    P: Eq + Hash + Ord + Clone,
{
    // participant -> the events it takes part in
    let mut by_participant: HashMap<&P, Vec<usize>> = HashMap::new();
    for (i, e) in events.iter().enumerate() {
        if e.end < e.start {
            continue;
        }
        for (j, p) in e.participants.iter().enumerate() {
            // Skip repeats within one event (the lead is often listed as participant too).
            if e.participants
                .get(..j)
                .is_some_and(|before| before.contains(p))
            {
                continue;
            }
            by_participant.entry(p).or_default().push(i);
        }
    }
    // (first, second, shared participant), one per clash and participant
    let mut found: Vec<(usize, usize, &P)> = Vec::new();
    for (p, mut list) in by_participant {
        if list.len() < 2 {
            continue;
        }
        list.sort_unstable_by_key(|&i| (events.get(i).map(|e| e.start), i));
        sweep(events, &list, |a, b| found.push((a.min(b), a.max(b), p)));
    }
    found.sort_unstable();
    let mut out: Vec<Overlap<P>> = Vec::new();
    for (first, second, p) in found {
        match out.last_mut() {
            Some(o) if o.first == first && o.second == second => o.shared.push(p.clone()),
            _ => out.push(Overlap {
                first,
                second,
                shared: vec![p.clone()],
            }),
        }
    }
    out
}

/// The sweep over one participant's events (`list`: indices sorted by start).
fn sweep<G: Eq + Hash, P>(
    events: &[ScheduledEvent<G, P>],
    list: &[usize],
    mut report: impl FnMut(usize, usize),
) {
    // group -> running events as a min-heap of (end, index)
    let mut running: HashMap<&G, BinaryHeap<Reverse<(NaiveDate, usize)>>> = HashMap::new();
    for &i in list {
        let Some(e) = events.get(i) else { continue };
        running.retain(|g, heap| {
            while heap.peek().is_some_and(|Reverse((end, _))| *end < e.start) {
                heap.pop();
            }
            if *g != &e.group {
                for Reverse((_, j)) in heap.iter() {
                    report(*j, i);
                }
            }
            !heap.is_empty()
        });
        running
            .entry(&e.group)
            .or_default()
            .push(Reverse((e.end, i)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::collection::vec;
    use proptest::prelude::*;

    /// Compares every pair: the O(n²) oracle that [`find_overlaps`] is tested against.
    fn find_overlaps_naive<G, P>(events: &[ScheduledEvent<G, P>]) -> Vec<Overlap<P>>
    where
        G: Eq,
        P: Eq + Ord + Clone,
    {
        let mut out = Vec::new();
        for (i, a) in events.iter().enumerate() {
            for (j, b) in events.iter().enumerate().skip(i + 1) {
                if a.group == b.group || a.end < a.start || b.end < b.start {
                    continue;
                }
                if a.start <= b.end && b.start <= a.end {
                    let mut shared: Vec<P> = a
                        .participants
                        .iter()
                        .filter(|p| b.participants.contains(p))
                        .cloned()
                        .collect();
                    shared.sort_unstable();
                    shared.dedup();
                    if !shared.is_empty() {
                        out.push(Overlap {
                            first: i,
                            second: j,
                            shared,
                        });
                    }
                }
            }
        }
        out
    }

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, m, day).unwrap()
    }

    #[test]
    fn touching_days_overlap_and_next_day_does_not() {
        let ev = vec![
            ScheduledEvent::new(d(2, 27), d(2, 29), "a", vec!["MEX"]),
            ScheduledEvent::new(d(2, 29), d(3, 1), "b", vec!["MEX"]),
            ScheduledEvent::new(d(3, 2), d(3, 2), "c", vec!["MEX"]),
        ];
        let o = find_overlaps(&ev);
        assert_eq!(o.len(), 1);
        assert_eq!((o[0].first, o[0].second), (0, 1));
        assert_eq!(o, find_overlaps_naive(&ev));
    }

    #[test]
    fn same_group_or_no_shared_participant_is_no_clash() {
        let ev = vec![
            ScheduledEvent::new(d(5, 1), d(5, 3), "a", vec!["MEX", "GTM"]),
            ScheduledEvent::new(d(5, 2), d(5, 2), "a", vec!["MEX"]),
            ScheduledEvent::new(d(5, 2), d(5, 2), "b", vec!["HND"]),
            ScheduledEvent::new(d(5, 3), d(5, 1), "c", vec!["MEX"]), // end before start
        ];
        assert!(find_overlaps(&ev).is_empty());
    }

    #[test]
    fn shared_lists_every_common_participant_once() {
        let ev = vec![
            ScheduledEvent::new(d(5, 1), d(5, 1), "a", vec!["MEX", "GTM", "MEX"]),
            ScheduledEvent::new(d(5, 1), d(5, 1), "b", vec!["GTM", "MEX", "IOM"]),
        ];
        let o = find_overlaps(&ev);
        assert_eq!(o.len(), 1);
        assert_eq!(o[0].shared, vec!["GTM", "MEX"]);
        assert_eq!(o, find_overlaps_naive(&ev));
    }

    #[test]
    fn sweep_equals_naive_on_a_dense_calendar() {
        let mut ev = Vec::new();
        let ps = ["MEX", "GTM", "HND", "SLV", "IOM"];
        for i in 0u32..300 {
            let start = d(1, 1) + chrono::Days::new(u64::from((i * 7) % 90));
            let end = start + chrono::Days::new(u64::from(i % 4));
            let g = i % 5;
            let p = vec![ps[(i % 5) as usize], ps[((i / 5) % 5) as usize]];
            ev.push(ScheduledEvent::new(start, end, g, p));
        }
        let fast = find_overlaps(&ev);
        assert!(!fast.is_empty());
        assert_eq!(fast, find_overlaps_naive(&ev));
    }

    proptest! {
        #[test]
        fn sweep_equals_pairwise(
            events in vec((0u32..60, 0u32..6, 0u8..4, vec(0u8..6, 0..4)), 0..60)
        ) {
            let base = NaiveDate::from_ymd_opt(2024, 2, 1).unwrap();
            let evs: Vec<ScheduledEvent<u8, u8>> = events
                .into_iter()
                .map(|(s, len, g, ps)| {
                    let start = base + chrono::Days::new(u64::from(s));
                    // Some events end before they start: both sides must ignore them.
                    let end = if len == 5 {
                        start - chrono::Days::new(1)
                    } else {
                        start + chrono::Days::new(u64::from(len))
                    };
                    ScheduledEvent::new(start, end, g, ps)
                })
                .collect();
            prop_assert_eq!(find_overlaps(&evs), find_overlaps_naive(&evs));
        }
    }
}
