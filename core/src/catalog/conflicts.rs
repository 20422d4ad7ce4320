//! Where sources disagree: every conflict between the sources of the catalogue, what each
//! says, the value the catalogue uses and why, so that a user sees it instead of a silent
//! choice.

use crate::diagnostic::Diagnostic;
use crate::i18n::Text;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// What one source says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Claim {
    /// The source (and the place in it).
    pub source: String,
    /// What it says, as a value (`"2018"`, `"2018-11"`, `"SLV"`).
    pub value: String,
}

/// Sources that disagree on a fact, and what the catalogue does about it.
///
/// ```
/// let cat = lineamientos::Catalog::embedded();
/// let c = cat.conflict("guidelines_approval_year").unwrap();
/// assert_eq!(c.used, "2017");
/// assert!(c.claims.iter().any(|claim| claim.value == "2018"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Conflict {
    /// A stable identifier (`"congress_1_date"`).
    pub subject: String,
    /// What it is about.
    pub title: Text,
    /// The catalogue value concerned, as a JSON Pointer into the catalogue document
    /// (`"/congresses/0/start"`): when given, that value must be [`Conflict::used`] (the
    /// catalogue check makes sure the data and its conflicts never drift apart).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// What each source says.
    pub claims: Vec<Claim>,
    /// The value the catalogue uses.
    pub used: String,
    /// Why.
    pub reason: Text,
}

/// The value at a JSON Pointer as a conflict writes it: strings as they are, anything else
/// as compact JSON.
fn written(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Checks every conflict with a `path` against the catalogue document `doc`: the path must
/// exist (`dangling_reference`) and hold the value the conflict says is used
/// (`conflict_value_mismatch`).
pub(super) fn check(conflicts: &[Conflict], doc: &serde_json::Value, out: &mut Vec<Diagnostic>) {
    for (i, c) in conflicts.iter().enumerate() {
        let Some(path) = &c.path else { continue };
        match doc.pointer(path) {
            None => out.push(
                Diagnostic::new("dangling_reference", format!("/conflicts/{i}/path"))
                    .with_value(path.clone())
                    .with_param("kind", "path"),
            ),
            Some(v) if written(v) != c.used => out.push(
                Diagnostic::new("conflict_value_mismatch", format!("/conflicts/{i}/used"))
                    .with_value(c.used.clone())
                    .with_param("subject", c.subject.clone())
                    .with_param("path", path.clone())
                    .with_param("actual", written(v)),
            ),
            Some(_) => {}
        }
    }
}

impl super::Catalog {
    /// Every recorded conflict between sources.
    pub fn conflicts(&self) -> &[Conflict] {
        &self.inner.data.conflicts
    }

    /// The conflict about `subject`, if recorded.
    pub fn conflict(&self, subject: &str) -> Option<&Conflict> {
        self.conflicts().iter().find(|c| c.subject == subject)
    }
}

#[cfg(test)]
mod tests {
    use crate::Catalog;

    #[test]
    fn the_embedded_conflicts_name_what_each_source_says() {
        let cat = Catalog::embedded();
        let subjects: Vec<&str> = cat.conflicts().iter().map(|c| c.subject.as_str()).collect();
        assert_eq!(
            subjects,
            [
                "guidelines_approval_year",
                "congress_1_date",
                "congress_1_presidency",
                "presidency_year_meaning",
                "congress_3_date"
            ]
        );
        let year = cat.conflict("guidelines_approval_year").unwrap();
        let values: Vec<&str> = year.claims.iter().map(|c| c.value.as_str()).collect();
        assert_eq!(values, ["2017", "2017", "2018"]);
        assert_eq!(cat.guideline_sets()[0].approved_year, Some(2017));
        let month = cat.conflict("congress_1_date").unwrap();
        assert!(month.claims.iter().any(|c| c.value == "2018-11"));
        assert_eq!(month.used, "2018-12-18");
        let presidency = cat.conflict("congress_1_presidency").unwrap();
        assert_eq!(presidency.used, "PAN");
        assert_eq!(cat.congress(1).unwrap().presidency.as_deref(), Some("PAN"));
        let ii = cat.conflict("presidency_year_meaning").unwrap();
        assert_eq!(ii.used, "CRI");
        assert_eq!(cat.congress(2).unwrap().presidency_year, Some(2020));
        assert_eq!(cat.presidency(2019).unwrap().country, "GTM");
        assert_eq!(cat.congress(3).unwrap().year, Some(2021));
        for c in cat.conflicts() {
            assert!(c.claims.len() >= 2, "{}", c.subject);
            assert!(!c.reason.es.is_empty() && !c.reason.en.is_empty());
        }
        assert!(cat.conflict("nope").is_none());
    }

    #[test]
    fn a_conflict_must_match_the_data() {
        let cat = Catalog::embedded();
        let mut data = cat.data().clone();
        if let Some(c) = data.conflicts.get_mut(0) {
            c.used = "2018".into();
        }
        if let Some(c) = data.conflicts.get_mut(1) {
            c.path = Some("/congresses/99/start".into());
        }
        let err = Catalog::from_data(data).unwrap_err();
        let found: Vec<(String, String)> = match &err {
            crate::Error::InvalidCatalog { diagnostics } => diagnostics
                .iter()
                .map(|d| (d.code.clone(), d.path.clone()))
                .collect(),
            other => panic!("{other:?}"),
        };
        assert_eq!(
            found,
            [
                (
                    "conflict_value_mismatch".to_string(),
                    "/conflicts/0/used".to_string()
                ),
                (
                    "dangling_reference".to_string(),
                    "/conflicts/1/path".to_string()
                )
            ]
        );
    }
}
