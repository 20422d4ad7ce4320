//! Options objects: a reader that takes each documented option once, refuses unknown ones,
//! and tells an absent option from an explicit `null`.

use super::{ArgPath, FromArg};
use crate::text::{nearest, normalize_key};
use crate::{Error, Result};
use serde_json::{Map, Value};

/// An options object being read (`{"measure": "count", "rows": ["country"]}`).
///
/// ```
/// use lineamientos::args::{ArgPath, Options};
/// use serde_json::json;
/// let v = json!({"strict": true, "max_diagnostics": null});
/// let mut o = Options::new(&v, &ArgPath::arg("options"), &["strict", "max_diagnostics", "sheet"])?;
/// assert_eq!(o.get::<bool>("strict")?, Some(true));
/// assert_eq!(o.get_nullable::<u64>("max_diagnostics")?, Some(None)); // given as null
/// assert_eq!(o.get::<String>("sheet")?, None);                       // absent
/// let err = Options::new(&json!({"strikt": true}), &ArgPath::arg("options"), &["strict"]).unwrap_err();
/// assert_eq!(err.details()["suggestion"], "strict");
/// # Ok::<(), lineamientos::Error>(())
/// ```
#[derive(Debug)]
pub struct Options<'a> {
    at: ArgPath,
    map: Option<&'a Map<String, Value>>,
}

impl<'a> Options<'a> {
    /// Starts reading `value` (an object, or `null` for "no options") found at `at`, whose
    /// documented options are `known`. An unknown option is `invalid_value` naming it, with
    /// the nearest known one as suggestion: a misspelt option never passes silently.
    pub fn new(value: &'a Value, at: &ArgPath, known: &[&str]) -> Result<Self> {
        let map = match value {
            Value::Null => None,
            Value::Object(map) => Some(map),
            other => {
                return Err(at.invalid(
                    other,
                    format!("an object with the options {}", known.join(", ")),
                ));
            }
        };
        if let Some(map) = map {
            // Sorted keys: the first unknown one reported is the same in every language.
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            if let Some(unknown) = keys.into_iter().find(|k| !known.contains(&k.as_str())) {
                let normalised: Vec<(String, &str)> =
                    known.iter().map(|k| (normalize_key(k), *k)).collect();
                let suggestion = nearest(unknown, normalised.iter().map(|(n, k)| (n.as_str(), *k)));
                return Err(Error::InvalidValue {
                    field: at.key(unknown).field().to_owned(),
                    path: at.key(unknown).pointer().to_owned(),
                    value: None,
                    expected: format!("one of the options {}", known.join(", ")),
                    suggestion,
                });
            }
        }
        Ok(Options {
            at: at.clone(),
            map,
        })
    }

    /// The raw value of `key` (`None` when absent).
    pub fn raw(&self, key: &str) -> Option<&'a Value> {
        self.map.and_then(|m| m.get(key))
    }

    /// The place of option `key`, for errors.
    pub fn path(&self, key: &str) -> ArgPath {
        self.at.key(key)
    }

    /// Option `key`: `None` when absent or `null`.
    pub fn get<T: FromArg>(&self, key: &str) -> Result<Option<T>> {
        match self.raw(key) {
            None | Some(Value::Null) => Ok(None),
            Some(v) => T::from_arg(v, &self.at.key(key)).map(Some),
        }
    }

    /// Option `key` where `null` means something of its own: `None` when absent,
    /// `Some(None)` when `null`, `Some(Some(value))` otherwise.
    pub fn get_nullable<T: FromArg>(&self, key: &str) -> Result<Option<Option<T>>> {
        match self.raw(key) {
            None => Ok(None),
            Some(Value::Null) => Ok(Some(None)),
            Some(v) => T::from_arg(v, &self.at.key(key)).map(|x| Some(Some(x))),
        }
    }

    /// A required option: absent or `null` is `invalid_value` with no value.
    pub fn require<T: FromArg>(&self, key: &str) -> Result<T> {
        self.get(key)?
            .ok_or_else(|| self.at.key(key).missing(T::expected()))
    }
}
