//! Columnar storage of accepted entries: codes are interned (u16/u32 ids into small tables),
//! dates are day numbers, free text lives in one buffer per column. Aggregating a million rows
//! then touches a few dense arrays instead of a million heap objects.

pub(crate) use crate::calendar::{NO_DATE, day_number, from_day_number};
use crate::codes::{EntryType, Stage, Status};
use crate::matrix::{Entry, Participants};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A small, fast, non-cryptographic hasher (FxHash) for interning tables: the keys are the
/// file's own values, and a hash-flooding attack only slows an import down.
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher {
    hash: u64,
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut buf = [0u8; 8];
            buf.copy_from_slice(chunk);
            self.hash = (self.hash.rotate_left(5) ^ u64::from_le_bytes(buf)).wrapping_mul(K);
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut buf = [0u8; 8];
            for (d, s) in buf.iter_mut().zip(rest) {
                *d = *s;
            }
            self.hash = (self.hash.rotate_left(5) ^ u64::from_le_bytes(buf)).wrapping_mul(K);
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.write(&[i]);
    }
    fn write_u64(&mut self, i: u64) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        self.hash = (self.hash.rotate_left(5) ^ i).wrapping_mul(K);
    }
    fn write_usize(&mut self, i: usize) {
        self.write_u64(i as u64);
    }
    fn finish(&self) -> u64 {
        // A final avalanche (murmur3 fmix64): the multiply-rotate rounds leave the low bits
        // depending only on the first bytes, and ids like "E0000123" differ in their last.
        let mut h = self.hash;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        h ^ (h >> 33)
    }
}

/// HashMap with [`FxHasher`].
pub(crate) type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// Marker for "no value" in u16 id columns.
pub(crate) const NONE16: u16 = u16::MAX;
/// Marker for "no value" in u32 id and count columns.
pub(crate) const NONE32: u32 = u32::MAX;

/// Distinct strings, each with a dense id in first-seen order.
#[derive(Debug, Clone, Default)]
pub(crate) struct Interner {
    names: Vec<String>,
    index: FxMap<String, u32>,
}

impl Interner {
    /// The id of `s`, adding it when new; `None` when the table is full (`limit` ids).
    pub(crate) fn intern(&mut self, s: &str, limit: u32) -> Option<u32> {
        if let Some(&i) = self.index.get(s) {
            return Some(i);
        }
        let i = u32::try_from(self.names.len())
            .ok()
            .filter(|i| *i < limit)?;
        self.names.push(s.to_owned());
        self.index.insert(s.to_owned(), i);
        Some(i)
    }

    pub(crate) fn name(&self, id: u32) -> &str {
        usize::try_from(id)
            .ok()
            .and_then(|i| self.names.get(i))
            .map_or("", String::as_str)
    }

    pub(crate) fn len(&self) -> usize {
        self.names.len()
    }

    /// Interns every name of `other` in its id order; returns, for each id of `other`, its
    /// id here (`None` when this table would hold more than `limit` ids).
    #[cfg_attr(target_arch = "wasm32", allow(dead_code))] // used by the parallel import only
    fn absorb(&mut self, other: &Interner, limit: u32) -> Option<Vec<u32>> {
        other
            .names
            .iter()
            .map(|name| self.intern(name, limit))
            .collect()
    }

    pub(crate) fn get(&self, s: &str) -> Option<u32> {
        self.index.get(s).copied()
    }
}

/// Strings of one column in one buffer.
#[derive(Debug, Clone, Default)]
pub(crate) struct StrCol {
    buf: String,
    ends: Vec<usize>,
}

impl StrCol {
    pub(crate) fn push(&mut self, s: &str) {
        self.buf.push_str(s);
        self.ends.push(self.buf.len());
    }

    #[cfg_attr(target_arch = "wasm32", allow(dead_code))] // used by the parallel import only
    fn append(&mut self, other: &StrCol) {
        let before = self.buf.len();
        self.buf.push_str(&other.buf);
        self.ends.extend(other.ends.iter().map(|e| e + before));
    }

    pub(crate) fn get(&self, i: usize) -> &str {
        let start = match i.checked_sub(1) {
            Some(p) => self.ends.get(p).copied().unwrap_or(0),
            None => 0,
        };
        let end = self.ends.get(i).copied().unwrap_or(start);
        self.buf.get(start..end).unwrap_or("")
    }

    fn opt(&self, i: usize) -> Option<String> {
        let s = self.get(i);
        (!s.is_empty()).then(|| s.to_owned())
    }
}

/// One row's resolved values, as the importer hands them to the store.
#[derive(Debug, Clone, Default)]
pub(crate) struct RowValues<'a> {
    pub id: &'a str,
    pub country: u16,
    pub institution: &'a str,
    pub reported_on: i32,
    pub entry_type: u8,
    pub title: &'a str,
    pub description: &'a str,
    pub axis: u16,
    pub guidelines: Vec<u16>,
    pub activity: &'a str,
    pub stages: u8,
    pub status: u8,
    pub progress: f64,
    pub start: i32,
    pub end: i32,
    pub participants: [u32; 5],
    pub evidence_url: &'a str,
    pub replicable: u8,
    pub approved: bool,
}

/// The columnar store.
#[derive(Debug, Clone, Default)]
pub(crate) struct Store {
    /// Country codes (ISO3), by id.
    pub countries: Interner,
    pub country: Vec<u16>,
    pub institutions: Interner,
    pub institution: Vec<u32>,
    pub reported_on: Vec<i32>,
    pub entry_type: Vec<u8>,
    pub status: Vec<u8>,
    /// Axis codes, by id.
    pub axes: Interner,
    pub axis: Vec<u16>,
    /// Guideline codes, by id.
    pub guideline_codes: Interner,
    pub guideline_ends: Vec<u32>,
    pub guideline_ids: Vec<u16>,
    pub activities: Interner,
    pub activity: Vec<u32>,
    /// Bit `i` = `Stage::ALL[i]`.
    pub stages: Vec<u8>,
    /// NaN = not reported.
    pub progress: Vec<f64>,
    pub start: Vec<i32>,
    pub end: Vec<i32>,
    /// women, men, girls, boys, unspecified; [`NONE32`] = not reported.
    pub participants: [Vec<u32>; 5],
    /// 0 = no, 1 = yes, 2 = not said.
    pub replicable: Vec<u8>,
    pub approved: Vec<bool>,
    pub id: StrCol,
    pub title: StrCol,
    pub description: StrCol,
    pub evidence_url: StrCol,
}

fn enum_index<T: PartialEq + Copy>(all: &[T], v: T) -> u8 {
    all.iter()
        .position(|x| *x == v)
        .and_then(|i| u8::try_from(i).ok())
        .unwrap_or(0)
}

pub(crate) fn entry_type_id(t: EntryType) -> u8 {
    enum_index(EntryType::ALL, t)
}

pub(crate) fn status_id(s: Status) -> u8 {
    enum_index(Status::ALL, s)
}

pub(crate) fn stage_bit(s: Stage) -> u8 {
    1u8 << enum_index(Stage::ALL, s)
}

impl Store {
    /// Number of entries.
    pub(crate) fn len(&self) -> usize {
        self.country.len()
    }

    /// Appends a row. Fails (returns `false`, nothing appended) when an intern table is full.
    pub(crate) fn push(&mut self, r: &RowValues<'_>) -> bool {
        let Some(inst) = self.institutions.intern(r.institution, NONE32) else {
            return false;
        };
        let activity = if r.activity.is_empty() {
            NONE32
        } else {
            match self.activities.intern(r.activity, NONE32) {
                Some(a) => a,
                None => return false,
            }
        };
        let Ok(end) = u32::try_from(self.guideline_ids.len() + r.guidelines.len()) else {
            return false;
        };
        self.country.push(r.country);
        self.institution.push(inst);
        self.reported_on.push(r.reported_on);
        self.entry_type.push(r.entry_type);
        self.status.push(r.status);
        self.axis.push(r.axis);
        self.guideline_ids.extend_from_slice(&r.guidelines);
        self.guideline_ends.push(end);
        self.activity.push(activity);
        self.stages.push(r.stages);
        self.progress.push(r.progress);
        self.start.push(r.start);
        self.end.push(r.end);
        for (col, v) in self.participants.iter_mut().zip(r.participants) {
            col.push(v);
        }
        self.replicable.push(r.replicable);
        self.approved.push(r.approved);
        self.id.push(r.id);
        self.title.push(r.title);
        self.description.push(r.description);
        self.evidence_url.push(r.evidence_url);
        true
    }

    /// The guideline ids of entry `i`.
    pub(crate) fn guidelines_of(&self, i: usize) -> &[u16] {
        let start = match i.checked_sub(1) {
            Some(p) => self.guideline_ends.get(p).copied().unwrap_or(0),
            None => 0,
        } as usize;
        let end = self.guideline_ends.get(i).map_or(start, |e| *e as usize);
        self.guideline_ids.get(start..end).unwrap_or(&[])
    }

    /// Empties the columns, keeping their allocations (for another block of an import).
    #[cfg_attr(target_arch = "wasm32", allow(dead_code))] // used by the parallel import only
    pub(crate) fn clear_rows(&mut self) {
        let Store {
            countries: _,
            institutions: _,
            axes: _,
            guideline_codes: _,
            activities,
            country,
            institution,
            reported_on,
            entry_type,
            status,
            axis,
            guideline_ends,
            guideline_ids,
            activity,
            stages,
            progress,
            start,
            end,
            participants,
            replicable,
            approved,
            id,
            title,
            description,
            evidence_url,
        } = self;
        *activities = Interner::default();
        country.clear();
        institution.clear();
        reported_on.clear();
        entry_type.clear();
        status.clear();
        axis.clear();
        guideline_ends.clear();
        guideline_ids.clear();
        activity.clear();
        stages.clear();
        progress.clear();
        start.clear();
        end.clear();
        participants.iter_mut().for_each(Vec::clear);
        replicable.clear();
        approved.clear();
        for col in [id, title, description, evidence_url] {
            col.buf.clear();
            col.ends.clear();
        }
    }

    /// This store's intern tables with the (empty) columns of `spare`, whose allocations
    /// are reused.
    #[cfg_attr(target_arch = "wasm32", allow(dead_code))] // used by the parallel import only
    pub(crate) fn with_columns_of(self, spare: Store) -> Store {
        Store {
            countries: self.countries,
            institutions: self.institutions,
            axes: self.axes,
            guideline_codes: self.guideline_codes,
            activities: self.activities,
            ..spare
        }
    }

    /// An empty store with this store's intern tables of codes (countries, axes, guideline
    /// items, institutions): ids a block's caches hold stay valid in it.
    #[cfg_attr(target_arch = "wasm32", allow(dead_code))] // used by the parallel import only
    pub(crate) fn tables(&self) -> Store {
        Store {
            countries: self.countries.clone(),
            axes: self.axes.clone(),
            guideline_codes: self.guideline_codes.clone(),
            institutions: self.institutions.clone(),
            ..Store::default()
        }
    }

    /// Appends the rows of `other` (the next block of the same import), mapping its interned
    /// ids to this store's: the names `other` interned, in its first-seen order, come after
    /// this store's, as if both blocks had been read into one store. Fails (returns `false`,
    /// nothing appended) when an intern table would be full.
    #[cfg_attr(target_arch = "wasm32", allow(dead_code))] // used by the parallel import only
    pub(crate) fn append(&mut self, other: &Store) -> bool {
        let Some(countries) = self.countries.absorb(&other.countries, u32::from(NONE16)) else {
            return false;
        };
        let Some(axes) = self.axes.absorb(&other.axes, u32::from(NONE16)) else {
            return false;
        };
        let Some(guidelines) = self
            .guideline_codes
            .absorb(&other.guideline_codes, u32::from(NONE16))
        else {
            return false;
        };
        let Some(institutions) = self.institutions.absorb(&other.institutions, NONE32) else {
            return false;
        };
        let Some(activities) = self.activities.absorb(&other.activities, NONE32) else {
            return false;
        };
        let Ok(ids_before) = u32::try_from(self.guideline_ids.len()) else {
            return false;
        };
        if u32::try_from(self.guideline_ids.len() + other.guideline_ids.len()).is_err() {
            return false;
        }
        let map16 = |map: &[u32], id: u16| -> u16 {
            if id == NONE16 {
                return NONE16;
            }
            map.get(usize::from(id))
                .and_then(|g| u16::try_from(*g).ok())
                .unwrap_or(NONE16)
        };
        let map32 = |map: &[u32], id: u32| -> u32 {
            if id == NONE32 {
                return NONE32;
            }
            usize::try_from(id)
                .ok()
                .and_then(|i| map.get(i))
                .copied()
                .unwrap_or(NONE32)
        };
        self.country
            .extend(other.country.iter().map(|c| map16(&countries, *c)));
        self.institution
            .extend(other.institution.iter().map(|i| map32(&institutions, *i)));
        self.axis
            .extend(other.axis.iter().map(|a| map16(&axes, *a)));
        self.guideline_ids
            .extend(other.guideline_ids.iter().map(|g| map16(&guidelines, *g)));
        self.guideline_ends
            .extend(other.guideline_ends.iter().map(|e| e + ids_before));
        self.activity
            .extend(other.activity.iter().map(|a| map32(&activities, *a)));
        self.reported_on.extend_from_slice(&other.reported_on);
        self.entry_type.extend_from_slice(&other.entry_type);
        self.status.extend_from_slice(&other.status);
        self.stages.extend_from_slice(&other.stages);
        self.progress.extend_from_slice(&other.progress);
        self.start.extend_from_slice(&other.start);
        self.end.extend_from_slice(&other.end);
        for (mine, theirs) in self.participants.iter_mut().zip(&other.participants) {
            mine.extend_from_slice(theirs);
        }
        self.replicable.extend_from_slice(&other.replicable);
        self.approved.extend_from_slice(&other.approved);
        self.id.append(&other.id);
        self.title.append(&other.title);
        self.description.append(&other.description);
        self.evidence_url.append(&other.evidence_url);
        true
    }

    /// A copy of the rows where `keep` is true (intern tables are kept as they are).
    pub(crate) fn retain(&self, keep: &[bool]) -> Store {
        let mut out = Store {
            countries: self.countries.clone(),
            axes: self.axes.clone(),
            guideline_codes: self.guideline_codes.clone(),
            ..Store::default()
        };
        for i in 0..self.len() {
            if keep.get(i).copied().unwrap_or(false) {
                let guidelines = self.guidelines_of(i).to_vec();
                let activity = self.activity.get(i).copied().unwrap_or(NONE32);
                let r = RowValues {
                    id: self.id.get(i),
                    country: self.country.get(i).copied().unwrap_or(NONE16),
                    institution: self
                        .institutions
                        .name(self.institution.get(i).copied().unwrap_or(NONE32)),
                    reported_on: self.reported_on.get(i).copied().unwrap_or(NO_DATE),
                    entry_type: self.entry_type.get(i).copied().unwrap_or(0),
                    title: self.title.get(i),
                    description: self.description.get(i),
                    axis: self.axis.get(i).copied().unwrap_or(NONE16),
                    guidelines,
                    activity: if activity == NONE32 {
                        ""
                    } else {
                        self.activities.name(activity)
                    },
                    stages: self.stages.get(i).copied().unwrap_or(0),
                    status: self.status.get(i).copied().unwrap_or(0),
                    progress: self.progress.get(i).copied().unwrap_or(f64::NAN),
                    start: self.start.get(i).copied().unwrap_or(NO_DATE),
                    end: self.end.get(i).copied().unwrap_or(NO_DATE),
                    participants: std::array::from_fn(|k| {
                        self.participants
                            .get(k)
                            .and_then(|c| c.get(i))
                            .copied()
                            .unwrap_or(NONE32)
                    }),
                    evidence_url: self.evidence_url.get(i),
                    replicable: self.replicable.get(i).copied().unwrap_or(2),
                    approved: self.approved.get(i).copied().unwrap_or(false),
                };
                out.push(&r);
            }
        }
        out
    }

    /// Entry `i` as a row object.
    pub(crate) fn entry(&self, i: usize) -> Option<Entry> {
        if i >= self.len() {
            return None;
        }
        let part = |k: usize| {
            self.participants
                .get(k)
                .and_then(|c| c.get(i))
                .copied()
                .filter(|v| *v != NONE32)
        };
        let stages_bits = self.stages.get(i).copied().unwrap_or(0);
        let activity = self.activity.get(i).copied().unwrap_or(NONE32);
        let axis = self.axis.get(i).copied().unwrap_or(NONE16);
        let progress = self.progress.get(i).copied().unwrap_or(f64::NAN);
        Some(Entry {
            id: self.id.get(i).to_owned(),
            country: self
                .countries
                .name(u32::from(self.country.get(i).copied().unwrap_or(NONE16)))
                .to_owned(),
            institution: self
                .institutions
                .name(self.institution.get(i).copied().unwrap_or(NONE32))
                .to_owned(),
            reported_on: from_day_number(self.reported_on.get(i).copied().unwrap_or(NO_DATE))
                .unwrap_or_default(),
            entry_type: EntryType::ALL
                .get(usize::from(self.entry_type.get(i).copied().unwrap_or(0)))
                .copied()
                .unwrap_or(EntryType::Other),
            title: self.title.get(i).to_owned(),
            description: self.description.opt(i),
            axis: (axis != NONE16).then(|| self.axes.name(u32::from(axis)).to_owned()),
            guidelines: self
                .guidelines_of(i)
                .iter()
                .map(|g| self.guideline_codes.name(u32::from(*g)).to_owned())
                .collect(),
            activity: (activity != NONE32).then(|| self.activities.name(activity).to_owned()),
            stages: Stage::ALL
                .iter()
                .filter(|s| stages_bits & stage_bit(**s) != 0)
                .copied()
                .collect(),
            status: Status::ALL
                .get(usize::from(self.status.get(i).copied().unwrap_or(0)))
                .copied()
                .unwrap_or(Status::Planned),
            progress: (!progress.is_nan()).then_some(progress),
            start: from_day_number(self.start.get(i).copied().unwrap_or(NO_DATE)),
            end: from_day_number(self.end.get(i).copied().unwrap_or(NO_DATE)),
            participants: Participants {
                women: part(0),
                men: part(1),
                girls: part(2),
                boys: part(3),
                unspecified: part(4),
            },
            evidence_url: self.evidence_url.opt(i),
            replicable: match self.replicable.get(i) {
                Some(0) => Some(false),
                Some(1) => Some(true),
                _ => None,
            },
            approved: self.approved.get(i).copied().unwrap_or(false),
        })
    }
}
