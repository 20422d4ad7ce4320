//! The data a ruleset checks: what the caller gives ([`RuleData`]: a matrix, plans, a
//! congress cycle) and the same records typed for the rules, scope by scope ([`Records`],
//! built from that data or from a rule file's own test examples).

use super::expr::Value;
use super::scope::{self, Scope};
use std::collections::BTreeMap;

/// The data a ruleset is checked against ([`super::RuleSet::check`]). Each rule runs over
/// the records of its scope found here; a scope with no data here (no matrix, no plan, no
/// cycle) is left out, and its rules get no outcome counts.
///
/// ```
/// use lineamientos::ruleset::RuleData;
/// use lineamientos::WorkPlan;
/// let plan = WorkPlan::default();
/// let data = RuleData::new().with_plan(&plan);
/// assert_eq!(data.plans().len(), 1);
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct RuleData<'a> {
    matrix: Option<&'a crate::matrix::Matrix>,
    plans: &'a [crate::plan::WorkPlan],
    /// One plan checked on its own: paths as [`crate::Catalog::validate_plan`] gives them
    /// (`/activities/{a}`), not `/plans/{p}/activities/{a}`.
    single_plan: bool,
    cycle: Option<&'a crate::Cycle>,
    catalog: Option<&'a crate::Catalog>,
    /// Where the matrix's entries are (`/entries` unless set).
    entries_at: Option<&'a str>,
}

impl<'a> RuleData<'a> {
    /// No data: every scope left out.
    pub fn new() -> Self {
        Self::default()
    }

    /// With a tracking matrix (scope `entry`; its catalogue is the one codes are looked up
    /// in, unless [`RuleData::with_catalog`] gives another).
    pub fn with_matrix(mut self, matrix: &'a crate::matrix::Matrix) -> Self {
        self.matrix = Some(matrix);
        self
    }

    /// With one work plan checked on its own (scopes `plan`, `activity`, `indicator`;
    /// paths `/activities/{a}`).
    pub fn with_plan(mut self, plan: &'a crate::plan::WorkPlan) -> Self {
        self.plans = std::slice::from_ref(plan);
        self.single_plan = true;
        self
    }

    /// With several work plans (paths `/plans/{p}/activities/{a}`).
    pub fn with_plans(mut self, plans: &'a [crate::plan::WorkPlan]) -> Self {
        self.plans = plans;
        self.single_plan = false;
        self
    }

    /// With a congress cycle (scopes `agreement` and `event`, paths `/agreements/{i}` and
    /// `/events/{i}`; its plans too, at `/plans/{p}`, unless plans were given).
    pub fn with_cycle(mut self, cycle: &'a crate::Cycle) -> Self {
        self.cycle = Some(cycle);
        if self.plans.is_empty() && !self.single_plan {
            self.plans = &cycle.plans;
        }
        self
    }

    /// With the matrix's entries at `{at}/{i}` instead of `/entries/{i}` (a cycle review
    /// writes `/matrix/{i}`).
    pub fn with_entries_at(mut self, at: &'a str) -> Self {
        self.entries_at = Some(at);
        self
    }

    /// With the catalogue that codes are looked up in.
    pub fn with_catalog(mut self, catalog: &'a crate::Catalog) -> Self {
        self.catalog = Some(catalog);
        self
    }

    /// The matrix, if any.
    pub fn matrix(&self) -> Option<&'a crate::matrix::Matrix> {
        self.matrix
    }

    /// The work plans (none when not given).
    pub fn plans(&self) -> &'a [crate::plan::WorkPlan] {
        self.plans
    }

    /// The cycle, if any.
    pub fn cycle(&self) -> Option<&'a crate::Cycle> {
        self.cycle
    }

    /// The catalogue codes are looked up in: the one given, else the matrix's.
    pub fn catalog(&self) -> Option<&'a crate::Catalog> {
        self.catalog.or_else(|| self.matrix.map(|m| &m.catalog))
    }

    /// Whether there are records of `scope` here.
    pub(crate) fn has(&self, scope: Scope) -> bool {
        match scope {
            Scope::Entry => self.matrix.is_some(),
            Scope::Activity | Scope::Indicator | Scope::Plan => {
                !self.plans.is_empty() || self.single_plan
            }
            Scope::Agreement | Scope::Event => self.cycle.is_some(),
        }
    }

    /// The path of plan `p` (empty for a plan checked on its own).
    fn plan_path(&self, p: usize) -> String {
        if self.single_plan {
            String::new()
        } else {
            format!("/plans/{p}")
        }
    }

    /// The records of `scope` in their JSON shape, with their paths.
    fn json_records(&self, scope: Scope) -> Vec<(String, serde_json::Value)> {
        let mut out = Vec::new();
        match scope {
            Scope::Entry => {
                if let Some(m) = self.matrix {
                    let at = self.entries_at.unwrap_or("/entries");
                    for (i, e) in m.entries().enumerate() {
                        out.push((format!("{at}/{i}"), scope::entry_json(&e)));
                    }
                }
            }
            Scope::Plan => {
                for (p, plan) in self.plans.iter().enumerate() {
                    out.push((self.plan_path(p), scope::plan_json(plan)));
                }
            }
            Scope::Activity | Scope::Indicator => {
                for (p, plan) in self.plans.iter().enumerate() {
                    let at = self.plan_path(p);
                    for (a, act) in plan.activities.iter().enumerate() {
                        if scope == Scope::Activity {
                            out.push((format!("{at}/activities/{a}"), scope::activity_json(act)));
                            continue;
                        }
                        for (k, ind) in act.indicators.iter().enumerate() {
                            out.push((
                                format!("{at}/activities/{a}/indicators/{k}"),
                                scope::indicator_json(ind, act, plan),
                            ));
                        }
                    }
                }
            }
            Scope::Agreement => {
                for (i, a) in self
                    .cycle
                    .iter()
                    .flat_map(|c| c.agreements.iter())
                    .enumerate()
                {
                    out.push((format!("/agreements/{i}"), scope::agreement_json(a)));
                }
            }
            Scope::Event => {
                for (i, e) in self.cycle.iter().flat_map(|c| c.events.iter()).enumerate() {
                    out.push((format!("/events/{i}"), scope::event_json(e)));
                }
            }
        }
        out
    }

    /// Where the records of `scope` are listed (findings about the collection, such as a
    /// combination with no record, point here).
    fn collection(&self, scope: Scope) -> String {
        let plans = if self.single_plan { "" } else { "/plans" };
        match scope {
            Scope::Entry => self.entries_at.unwrap_or("/entries").into(),
            Scope::Plan => plans.into(),
            Scope::Activity | Scope::Indicator if self.single_plan => "/activities".into(),
            Scope::Activity | Scope::Indicator => "/plans".into(),
            Scope::Agreement => "/agreements".into(),
            Scope::Event => "/events".into(),
        }
    }
}

/// One record a rule judges: where it is and its typed fields.
#[derive(Debug, Clone)]
pub(crate) struct Rec {
    pub path: String,
    pub value: Value,
}

/// The records of each scope present, typed by the scope's schema, in data order.
#[derive(Debug, Clone, Default)]
pub(crate) struct Records {
    scopes: BTreeMap<Scope, (String, Vec<Rec>)>,
}

impl Records {
    /// The records of every scope of `data` that `wanted` names.
    pub fn of(data: &RuleData<'_>, wanted: impl IntoIterator<Item = Scope>) -> Records {
        let mut out = Records::default();
        for scope in wanted {
            if !data.has(scope) || out.scopes.contains_key(&scope) {
                continue;
            }
            let schema = scope.schema();
            let recs = data
                .json_records(scope)
                .into_iter()
                .map(|(path, json)| {
                    // Records come from the library's own types: they always fit their schema.
                    let value = json
                        .as_object()
                        .and_then(|m| scope::record(m, &schema, "").ok())
                        .unwrap_or(Value::Null);
                    Rec { path, value }
                })
                .collect();
            out.scopes.insert(scope, (data.collection(scope), recs));
        }
        out
    }

    /// Records written in a rule file's test (fields left out are empty); `Err` is the
    /// pointer and message of a record that does not fit its scope.
    pub fn from_test(
        scope: Scope,
        records: &[serde_json::Value],
        at: &str,
    ) -> Result<Vec<Rec>, (String, String)> {
        let schema = scope.schema();
        records
            .iter()
            .enumerate()
            .map(|(i, json)| {
                let path = format!("{at}/{i}");
                let Some(map) = json.as_object() else {
                    return Err((path, "a test record is an object".to_owned()));
                };
                let value = scope::record(map, &schema, &path)?;
                Ok(Rec { path, value })
            })
            .collect()
    }

    /// One record written in a rule file's test, at `path`.
    pub fn one(
        scope: Scope,
        json: &serde_json::Value,
        path: &str,
    ) -> Result<Rec, (String, String)> {
        let Some(map) = json.as_object() else {
            return Err((path.to_owned(), "a test record is an object".to_owned()));
        };
        let value = scope::record(map, &scope.schema(), path)?;
        Ok(Rec {
            path: path.to_owned(),
            value,
        })
    }

    /// Adds the records of `scope`, listed at `collection`.
    pub fn insert(&mut self, scope: Scope, collection: String, recs: Vec<Rec>) {
        self.scopes.insert(scope, (collection, recs));
    }

    /// Whether records of `scope` are here (possibly none of them).
    pub fn has(&self, scope: Scope) -> bool {
        self.scopes.contains_key(&scope)
    }

    /// The records of `scope` (none when absent).
    pub fn get(&self, scope: Scope) -> &[Rec] {
        self.scopes.get(&scope).map_or(&[], |(_, r)| r.as_slice())
    }

    /// Where the records of `scope` are listed.
    pub fn collection(&self, scope: Scope) -> &str {
        self.scopes.get(&scope).map_or("", |(c, _)| c.as_str())
    }
}
