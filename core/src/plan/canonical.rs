//! Canonical JSON written straight from serde: compact, object keys sorted. The same text as
//! [`super::write_canonical`] of `serde_json::to_value`, without building the `Value` tree
//! (for 100,000 activities the tree and its drop took most of the content hash's time).
//!
//! serde_json's serializer writes each object's entries in field order; a [`Formatter`]
//! leaves out the commas between entries, remembers where each entry starts, and when the
//! object closes rewrites its entries sorted by key, with the commas. Inner objects are
//! sorted before the outer one moves them around.

use serde::Serialize;
use serde_json::ser::Formatter;
use std::cell::RefCell;
use std::io;
use std::rc::Rc;

/// The text of `value` with object keys sorted, or `None` when a key needs escaping (its
/// escaped form may sort differently; the caller then takes the `Value` path).
pub(super) fn to_canonical<T: Serialize + ?Sized>(value: &T) -> Option<String> {
    let buf = Rc::new(RefCell::new(Vec::with_capacity(4096)));
    let mut f = Sorting {
        buf: Rc::clone(&buf),
        objects: Vec::new(),
        tmp: Vec::new(),
    };
    let mut ser = serde_json::Serializer::with_formatter(Shared(Rc::clone(&buf)), &mut f);
    value.serialize(&mut ser).ok()?;
    drop(ser);
    drop(f);
    let bytes = Rc::into_inner(buf)?.into_inner();
    String::from_utf8(bytes).ok()
}

/// The output buffer, shared by the writer and the formatter.
struct Shared(Rc<RefCell<Vec<u8>>>);

impl io::Write for Shared {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        self.0
            .try_borrow_mut()
            .map_err(io::Error::other)?
            .extend_from_slice(data);
        Ok(data.len())
    }

    fn write_all(&mut self, data: &[u8]) -> io::Result<()> {
        self.write(data).map(|_| ())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// An open object: where its first entry starts, and where each entry starts and its key
/// ends (just after the key's closing quote).
struct Object {
    start: usize,
    entries: Vec<(usize, usize)>,
}

/// The formatter that sorts each object's entries when it closes.
struct Sorting {
    buf: Rc<RefCell<Vec<u8>>>,
    objects: Vec<Object>,
    /// Scratch copy of the object being sorted.
    tmp: Vec<u8>,
}

impl Sorting {
    fn len(&self) -> io::Result<usize> {
        Ok(self.buf.try_borrow().map_err(io::Error::other)?.len())
    }
}

/// The error of a key that needs escaping, or of a broken nesting.
fn unsorted() -> io::Error {
    io::Error::other("canonical JSON: key not sortable as written")
}

impl Formatter for &mut Sorting {
    fn begin_object<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        writer.write_all(b"{")?;
        let start = self.len()?;
        self.objects.push(Object {
            start,
            entries: Vec::new(),
        });
        Ok(())
    }

    fn begin_object_key<W: ?Sized + io::Write>(&mut self, _: &mut W, _: bool) -> io::Result<()> {
        // No comma: they are written when the object is sorted.
        let at = self.len()?;
        self.objects
            .last_mut()
            .ok_or_else(unsorted)?
            .entries
            .push((at, at));
        Ok(())
    }

    fn end_object_key<W: ?Sized + io::Write>(&mut self, _: &mut W) -> io::Result<()> {
        let at = self.len()?;
        let entry = self
            .objects
            .last_mut()
            .and_then(|o| o.entries.last_mut())
            .ok_or_else(unsorted)?;
        entry.1 = at;
        Ok(())
    }

    fn end_object<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        let obj = self.objects.pop().ok_or_else(unsorted)?;
        {
            let mut buf = self.buf.try_borrow_mut().map_err(io::Error::other)?;
            let region = buf.get(obj.start..).ok_or_else(unsorted)?;
            self.tmp.clear();
            self.tmp.extend_from_slice(region);
            // Entry `i` of the copy: bytes `spans[i]`, key `keys[i]` (inside the quotes).
            let base = obj.start;
            let ends = obj.entries.iter().skip(1).map(|e| e.0).chain([buf.len()]);
            let mut spans: Vec<(usize, usize, usize)> = obj
                .entries
                .iter()
                .zip(ends)
                .map(|(&(s, k), e)| (s - base, k - base, e - base))
                .collect();
            let key = |(s, k, _): &(usize, usize, usize)| {
                self.tmp.get(s + 1..k.saturating_sub(1)).unwrap_or_default()
            };
            if spans.iter().any(|sp| key(sp).contains(&b'\\')) {
                return Err(unsorted());
            }
            spans.sort_by(|a, b| key(a).cmp(key(b)));
            if spans.windows(2).any(|w| match w {
                [a, b] => key(a) == key(b),
                _ => false,
            }) {
                // A repeated key: the `Value` path keeps the last one only.
                return Err(unsorted());
            }
            buf.truncate(obj.start);
            for (n, &(s, _, e)) in spans.iter().enumerate() {
                if n > 0 {
                    buf.push(b',');
                }
                buf.extend_from_slice(self.tmp.get(s..e).ok_or_else(unsorted)?);
            }
        }
        writer.write_all(b"}")
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Activity, Indicator, Period, WorkPlan, write_canonical};
    use super::*;
    use crate::codes::ActivityKind;
    use chrono::NaiveDate;
    use proptest::prelude::*;
    use std::collections::BTreeMap;

    /// The reference: `to_value`, then keys sorted by `write_canonical`.
    fn of_value<T: Serialize>(v: &T) -> String {
        let mut out = String::new();
        write_canonical(&serde_json::to_value(v).unwrap(), &mut out);
        out
    }

    fn plan(text: &str, n: u32, lead: Vec<String>, target: Option<f64>) -> WorkPlan {
        let day = NaiveDate::from_ymd_opt(2024, 2, 29);
        WorkPlan {
            id: Some(text.to_owned()),
            title: (n % 2 == 0).then(|| format!("{text} \u{1}\"\\ é")),
            working_group: None,
            congress: (n % 3 == 0).then_some(n),
            axis: Some("VCM".into()),
            period: Period {
                start: day,
                end: None,
            },
            guideline_version: Some("2023".into()),
            activities: (0..n % 4)
                .map(|i| Activity {
                    id: Some(format!("a{i}")),
                    title: Some(text.to_owned()),
                    kind: (i % 2 == 0).then_some(ActivityKind::Webinar),
                    start: day,
                    end: day,
                    lead: lead.clone(),
                    participants: vec![text.to_owned(); i as usize],
                    guidelines: vec!["VCM-1".into()],
                    gcm_objectives: vec![7, 23],
                    sdgs: vec![5; i as usize],
                    indicators: vec![
                        Indicator {
                            name: Some(text.to_owned()),
                            unit: None,
                            baseline: Some(-0.0),
                            target,
                        };
                        i as usize
                    ],
                    deliverables: Vec::new(),
                })
                .collect(),
        }
    }

    proptest! {
        #[test]
        fn same_text_as_through_a_value(
            text in "\\PC{0,12}|[\"\\\\\u{0}-\u{1f}a]{0,5}",
            n in 0u32..12,
            lead in proptest::collection::vec("[ A-Z]{0,3}", 0..3),
            target in proptest::option::of(prop_oneof![any::<f64>(), Just(f64::NAN), Just(1e300)]),
        ) {
            let p = plan(&text, n, lead, target);
            prop_assert_eq!(to_canonical(&p), Some(of_value(&p)));
            prop_assert_eq!(p.canonical_json().unwrap(), p.canonical_json_of_value().unwrap());
        }
    }

    #[test]
    fn keys_sorted_at_every_level() {
        let mut inner = BTreeMap::new();
        inner.insert(
            "b",
            vec![serde_json::json!({"z": 1, "a": [{"y": 2, "x": {}}]})],
        );
        inner.insert("a", Vec::new());
        let v = serde_json::json!({"k": inner, "c": null, "ä": 1, "B": "x"});
        assert_eq!(
            to_canonical(&v).unwrap(),
            r#"{"B":"x","c":null,"k":{"a":[],"b":[{"a":[{"x":{},"y":2}],"z":1}]},"ä":1}"#
        );
        assert_eq!(to_canonical(&v), Some(of_value(&v)));
        assert_eq!(to_canonical(&3).as_deref(), Some("3"));
    }

    #[test]
    fn escaped_keys_go_the_value_way() {
        let mut m = BTreeMap::new();
        m.insert("a\"", 1);
        m.insert("a#", 2);
        assert_eq!(to_canonical(&m), None);
    }

    #[test]
    fn blank_single_lead_is_no_lead() {
        let p = plan("x", 5, vec![" ".into()], None);
        let none = plan("x", 5, Vec::new(), None);
        assert_eq!(p.canonical_json().unwrap(), none.canonical_json().unwrap());
    }
}
