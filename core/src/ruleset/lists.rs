//! Lists of accepted values (`reference`, `completeness`, `for_each`): from the catalogue,
//! written in the file, or a list parameter; and the keys a `foreign_key` looks up.

use super::data::Rec;
use super::expr::{Program, Type, Value};
use super::file::{ListSource, Outcome};
use super::rule::{Ctx, Notes, Rule, Unit, display, is_blank, lookup};
use super::scope;
use crate::Catalog;
use crate::text::normalize_key;
use chrono::NaiveDate;
use std::collections::{HashMap, HashSet};

/// A list of the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum CatalogList {
    Countries,
    Members,
    Organizations,
    Axes,
    Guidelines,
    GcmObjectives,
    Sdgs,
}

impl CatalogList {
    const ALL: &'static [(&'static str, CatalogList)] = &[
        ("countries", CatalogList::Countries),
        ("members", CatalogList::Members),
        ("organizations", CatalogList::Organizations),
        ("axes", CatalogList::Axes),
        ("guidelines", CatalogList::Guidelines),
        ("gcm_objectives", CatalogList::GcmObjectives),
        ("sdgs", CatalogList::Sdgs),
    ];

    /// The list named `name` in a rule file.
    pub fn parse(name: &str) -> Option<CatalogList> {
        Self::ALL.iter().find(|(n, _)| *n == name).map(|(_, l)| *l)
    }

    /// The type of its values: numbers for objectives and goals, codes otherwise.
    pub fn item_type(self) -> Type {
        match self {
            CatalogList::GcmObjectives | CatalogList::Sdgs => Type::Int,
            _ => Type::String,
        }
    }
}

/// One accepted value: the value, its comparison key and, for a retired guideline item, the
/// version that retired it and the items that replace it.
#[derive(Debug, Clone)]
pub(crate) struct Item {
    pub value: Value,
    pub key: String,
    pub retired: Option<(String, Vec<String>)>,
}

impl Item {
    pub fn new(value: Value) -> Item {
        Item {
            key: key_of(&value),
            value,
            retired: None,
        }
    }
}

/// How values are compared: texts as codes are (case, accents, spaces and punctuation do
/// not count), numbers by value.
pub(crate) fn key_of(v: &Value) -> String {
    match v {
        Value::Double(d) if d.fract() == 0.0 && d.abs() < 9e15 => format!("{}", *d as i64),
        other => normalize_key(&display(other)),
    }
}

/// A list source, compiled.
#[derive(Debug, Clone)]
pub(crate) enum Source {
    Catalog(CatalogList),
    Values(Vec<Item>),
    /// Every period between two days (`None`: the report date).
    Periods {
        from: NaiveDate,
        until: Option<NaiveDate>,
    },
}

/// Reads a list source: exactly one of its forms; values typed as `item` (the type of the
/// values compared with it). `periods`: whether `from`/`until` are allowed here.
pub(crate) fn compile_source(
    src: &ListSource,
    item: &Type,
    params: &Value,
    periods: bool,
    at: &str,
) -> Result<Source, (String, String)> {
    let forms = [
        src.catalog.is_some(),
        src.values.is_some(),
        src.param.is_some(),
        src.from.is_some() || src.until.is_some(),
    ];
    if forms.iter().filter(|f| **f).count() != 1 {
        let what = if periods {
            "catalog, values, param, or from and until"
        } else {
            "catalog, values or param"
        };
        return Err((at.to_owned(), format!("a list gives exactly one of {what}")));
    }
    if let Some(name) = &src.catalog {
        let list = CatalogList::ALL
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, l)| *l)
            .ok_or_else(|| {
                let names: Vec<&str> = CatalogList::ALL.iter().map(|(n, _)| *n).collect();
                (
                    format!("{at}/catalog"),
                    format!(
                        "unknown catalogue list {name:?}; lists: {}",
                        names.join(", ")
                    ),
                )
            })?;
        if list.item_type() != *item {
            return Err((
                format!("{at}/catalog"),
                format!(
                    "the {name} are {}, the values compared with them are {item}",
                    list.item_type()
                ),
            ));
        }
        return Ok(Source::Catalog(list));
    }
    if let Some(values) = &src.values {
        let items = values
            .iter()
            .enumerate()
            .map(|(i, v)| scope::typed(v, item, &format!("{at}/values/{i}")).map(Item::new))
            .collect::<Result<Vec<_>, _>>()?;
        return Ok(Source::Values(items));
    }
    if let Some(name) = &src.param {
        return match lookup(params, name) {
            Some(Value::List(values)) => {
                let items: Vec<Item> = values.iter().cloned().map(Item::new).collect();
                match items.first().map(|i| &i.value) {
                    Some(v) if !fits(v, item) => Err((
                        format!("{at}/param"),
                        format!(
                            "the parameter {name} holds {} values, the values compared with it are {item}",
                            v.type_name()
                        ),
                    )),
                    _ => Ok(Source::Values(items)),
                }
            }
            _ => Err((format!("{at}/param"), format!("no list parameter {name:?}"))),
        };
    }
    if !periods {
        return Err((
            at.to_owned(),
            "from and until give periods, for a period key of completeness".into(),
        ));
    }
    let day = |text: &Option<String>, key: &str| -> Result<Option<NaiveDate>, (String, String)> {
        match text.as_deref() {
            None => Err((format!("{at}/{key}"), format!("periods need {key}"))),
            Some("as_of") => Ok(None),
            Some(t) => crate::args::parse_iso_date(t).map(Some).ok_or_else(|| {
                (
                    format!("{at}/{key}"),
                    format!("{t:?} is not a day YYYY-MM-DD nor as_of"),
                )
            }),
        }
    };
    let from = day(&src.from, "from")?.ok_or_else(|| {
        (
            format!("{at}/from"),
            "from is a day YYYY-MM-DD (as_of is for until)".to_owned(),
        )
    })?;
    let until = day(&src.until, "until")?;
    if until.is_some_and(|u| u < from) {
        return Err((format!("{at}/until"), "until is before from".into()));
    }
    Ok(Source::Periods { from, until })
}

fn fits(v: &Value, ty: &Type) -> bool {
    matches!(
        (v, ty),
        (Value::String(_), Type::String)
            | (Value::Int(_), Type::Int | Type::Double)
            | (Value::Double(_), Type::Double)
            | (Value::Bool(_), Type::Bool)
    )
}

/// The catalogue's lists a ruleset reads, worked out once per check.
#[derive(Debug, Default)]
pub(crate) struct ListValues {
    lists: HashMap<CatalogList, Result<Vec<Item>, String>>,
}

impl ListValues {
    /// The `wanted` lists of `catalog`, guideline lists of `version` (else the current set).
    pub fn new(catalog: &Catalog, version: Option<&str>, wanted: &[CatalogList]) -> ListValues {
        let mut lists = HashMap::new();
        for list in wanted {
            lists
                .entry(*list)
                .or_insert_with(|| catalog_items(catalog, version, *list));
        }
        ListValues { lists }
    }

    /// The items of a source (`Err`: why the catalogue does not have them).
    pub fn items<'s>(&'s self, source: &'s Source) -> Result<&'s [Item], String> {
        match source {
            Source::Values(items) => Ok(items),
            Source::Catalog(list) => match self.lists.get(list) {
                Some(Ok(items)) => Ok(items),
                Some(Err(e)) => Err(e.clone()),
                None => Err("the catalogue list was not loaded".into()),
            },
            Source::Periods { .. } => Err("periods are not a list of codes".into()),
        }
    }
}

fn catalog_items(
    catalog: &Catalog,
    version: Option<&str>,
    list: CatalogList,
) -> Result<Vec<Item>, String> {
    let text = |s: &str| Item::new(Value::string(s));
    let number = |n: u8| Item::new(Value::Int(i64::from(n)));
    let set = || -> Result<&crate::guidelines::GuidelineSet, String> {
        match version {
            Some(v) => catalog
                .guideline_set(v)
                .map_err(|_| format!("the catalogue has no guideline version {v}")),
            None => catalog
                .current_guideline_set()
                .ok_or_else(|| "the catalogue has no guideline set".to_owned()),
        }
    };
    Ok(match list {
        CatalogList::Countries => catalog.countries().iter().map(|c| text(&c.iso3)).collect(),
        CatalogList::Members => catalog.members().map(|c| text(&c.iso3)).collect(),
        CatalogList::Organizations => catalog
            .organizations()
            .iter()
            .map(|o| text(&o.code))
            .collect(),
        CatalogList::Axes => set()?.axes.iter().map(|a| text(&a.code)).collect(),
        CatalogList::Guidelines => set()?
            .guidelines
            .iter()
            .map(|g| Item {
                retired: g.retired.clone().map(|r| (r, g.replaced_by.clone())),
                ..text(&g.code)
            })
            .collect(),
        CatalogList::GcmObjectives => catalog
            .gcm_objectives()
            .iter()
            .map(|o| number(o.number))
            .collect(),
        CatalogList::Sdgs => catalog.sdgs().iter().map(|s| number(s.number)).collect(),
    })
}

/// The catalogue lists a source needs.
pub(crate) fn catalog_list(source: &Source) -> Option<CatalogList> {
    match source {
        Source::Catalog(l) => Some(*l),
        _ => None,
    }
}

/// `reference`: every value of the field (one, or each of a list) is in the list and not
/// retired. A failure names the value and the nearest accepted one, or the items that
/// replace a retired one.
pub(crate) fn reference(value: Option<&Value>, source: &Source, ctx: &Ctx<'_>) -> (Outcome, Notes) {
    if is_blank(value) {
        return (Outcome::NotApplicable, Vec::new());
    }
    let items = match ctx.lists.items(source) {
        Ok(items) => items,
        Err(e) => return (Outcome::Fail, vec![("error", e)]),
    };
    let values: Vec<&Value> = match value {
        Some(Value::List(vs)) => vs.iter().collect(),
        Some(v) => vec![v],
        None => Vec::new(),
    };
    for v in values {
        let key = key_of(v);
        match items.iter().find(|i| i.key == key) {
            Some(Item {
                retired: Some((version, replaced_by)),
                ..
            }) => {
                let mut notes = vec![("value", display(v)), ("retired", version.clone())];
                if !replaced_by.is_empty() {
                    notes.push(("replaced_by", replaced_by.join(", ")));
                }
                return (Outcome::Fail, notes);
            }
            Some(_) => {}
            None => {
                let mut notes = vec![("value", display(v))];
                let shown: Vec<(String, String)> = items
                    .iter()
                    .map(|i| (i.key.clone(), display(&i.value)))
                    .collect();
                if let Some(s) = crate::text::nearest(
                    &display(v),
                    shown.iter().map(|(k, s)| (k.as_str(), s.as_str())),
                ) {
                    notes.push(("suggestion", s));
                }
                return (Outcome::Fail, notes);
            }
        }
    }
    (Outcome::Pass, Vec::new())
}

/// The keys of the records a foreign key may name: the field's values (one, or each of a
/// list) of the target records that meet `when`.
pub(crate) fn target_keys(
    rule: &Rule,
    targets: &[Rec],
    field: &str,
    when: Option<&Program>,
    ctx: &Ctx<'_>,
) -> HashSet<String> {
    let mut keys = HashSet::new();
    for t in targets {
        if let Some(when) = when {
            let ok = matches!(
                when.eval(&rule.activation(&t.value, ctx)),
                Ok(super::expr::Outcome::Value(Value::Bool(true)))
            );
            if !ok {
                continue;
            }
        }
        match lookup(&t.value, field) {
            Some(Value::List(vs)) => keys.extend(vs.iter().map(key_of)),
            Some(v) if !is_blank(Some(v)) => {
                keys.insert(key_of(v));
            }
            _ => {}
        }
    }
    keys
}

/// `foreign_key`: every value of the record's field names a target record.
pub(crate) fn foreign_key(r: &Rec, field: &str, keys: &HashSet<String>) -> Unit {
    let value = lookup(&r.value, field);
    if is_blank(value) {
        return Unit::new(&r.path, Outcome::NotApplicable, Vec::new(), &r.value);
    }
    let values: Vec<&Value> = match value {
        Some(Value::List(vs)) => vs.iter().collect(),
        Some(v) => vec![v],
        None => Vec::new(),
    };
    match values.into_iter().find(|v| !keys.contains(&key_of(v))) {
        Some(missing) => Unit::new(
            &r.path,
            Outcome::Fail,
            vec![("value", display(missing))],
            &r.value,
        ),
        None => Unit::new(&r.path, Outcome::Pass, Vec::new(), &r.value),
    }
}
