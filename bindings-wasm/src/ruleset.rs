//! `RuleSet`: a partner agency's rule file, compiled by core, and how rule files reach a call
//! (`options.rulesets` of `validatePlan`, `validatePlans`, `mergePlans`; `Matrix.check`).

use crate::convert;
use crate::errors;
use lineamientos::{Error, RuleConfig};
use serde_json::Value;
#[cfg(feature = "rules")]
use std::cell::RefCell;
#[cfg(feature = "rules")]
use std::sync::Arc;
use wasm_bindgen::prelude::*;

type JsResult<T = JsValue> = Result<T, JsValue>;

#[cfg(feature = "rules")]
/// A rule file: an agency's own checks, read, type-checked and its embedded tests run.
/// `RuleSet.fromJson(text | object)`; pass it as `rulesets: [rs]` in the options of
/// `validatePlan` or to `matrix.check(rs, {asOf})`. `JSON.stringify(rs)` gives the file back.
#[wasm_bindgen]
pub struct RuleSet {
    inner: Arc<lineamientos::ruleset::RuleSet>,
    /// The file's JSON text, as `toJSON` gives it and as calls receive it back.
    text: String,
}

#[cfg(feature = "rules")]
thread_local! {
    /// Rule files compiled recently, by their JSON text: a `RuleSet` crosses into calls as
    /// its JSON (options are JSON), and compiling again would run its tests again.
    static COMPILED: RefCell<Vec<(String, Arc<lineamientos::ruleset::RuleSet>)>> =
        const { RefCell::new(Vec::new()) };
}

#[cfg(feature = "rules")]
const CACHED: usize = 8;

/// Compiles the rule file `text`, or takes it from the cache.
#[cfg(feature = "rules")]
fn compiled(text: &str) -> Result<Arc<lineamientos::ruleset::RuleSet>, Error> {
    if let Some(rs) = COMPILED.with(|c| {
        c.borrow()
            .iter()
            .find(|(t, _)| t == text)
            .map(|(_, rs)| rs.clone())
    }) {
        return Ok(rs);
    }
    let rs = Arc::new(lineamientos::ruleset::RuleSet::from_json(text)?);
    COMPILED.with(|c| {
        let mut c = c.borrow_mut();
        if c.len() >= CACHED {
            c.remove(0);
        }
        c.push((text.to_owned(), rs.clone()));
    });
    Ok(rs)
}

#[cfg(feature = "rules")]
/// Attaches the rule files of `rulesets` (a `RuleSet`, a rule file object, or an array of
/// them, as JSON) to `config`.
pub(crate) fn attach(config: RuleConfig, rulesets: Option<Value>) -> JsResult<RuleConfig> {
    let list = match rulesets {
        None | Some(Value::Null) => return Ok(config),
        Some(Value::Array(list)) => list,
        Some(one) => vec![one],
    };
    let mut config = config;
    for (i, file) in list.into_iter().enumerate() {
        if !file.is_object() {
            return Err(errors::js(Error::InvalidValue {
                field: "rulesets".into(),
                path: format!("/rulesets/{i}"),
                value: Some(file.to_string()),
                expected: "a RuleSet (RuleSet.fromJson) or a rule file object".into(),
                suggestion: None,
            }));
        }
        let rs = compiled(&file.to_string()).map_err(errors::js)?;
        config = config.with_ruleset(rs).map_err(errors::js)?;
    }
    Ok(config)
}

/// Without the rule engine (the default module): rule files given are refused, never ignored.
#[cfg(not(feature = "rules"))]
pub(crate) fn attach(config: RuleConfig, rulesets: Option<Value>) -> JsResult<RuleConfig> {
    match rulesets {
        None | Some(Value::Null) => Ok(config),
        Some(_) => Err(errors::js(Error::InvalidValue {
            field: "rulesets".into(),
            path: "/rulesets".into(),
            value: None,
            expected: "no rule files in this build: rule files run in the full build \
                       (import from \"lineamientos-wasm/full\")"
                .into(),
            suggestion: None,
        })),
    }
}

/// Takes `rulesets` out of call options (core reads the rest).
pub(crate) fn take(options: &mut convert::CoreOptions) -> Option<Value> {
    options.value.as_object_mut()?.remove("rulesets")
}

#[cfg(feature = "rules")]
#[wasm_bindgen]
impl RuleSet {
    /// Reads a rule file (JSON text or an object). A mistake throws `invalid_rule` with
    /// `path` (JSON Pointer of the rule field) and `column` (inside an expression), or
    /// `invalid_json` for the file's shape.
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(
        #[wasm_bindgen(unchecked_param_type = "RuleSetFile | string")] doc: JsValue,
    ) -> JsResult<RuleSet> {
        let inner = convert::document(doc, compiled, "")?;
        let text = serde_json::to_string(inner.file())
            .map_err(|e| errors::new_error(errors::INTERNAL_ERROR, &e.to_string()))?;
        Ok(RuleSet { inner, text })
    }

    /// The ruleset id (the namespace of its codes).
    #[wasm_bindgen(getter)]
    pub fn id(&self) -> String {
        self.inner.pin().id
    }

    /// The ruleset's own version.
    #[wasm_bindgen(getter)]
    pub fn version(&self) -> String {
        self.inner.pin().version
    }

    /// `sha256:` + hex of the file's canonical JSON: what reports pin.
    #[wasm_bindgen(getter)]
    pub fn hash(&self) -> String {
        self.inner.pin().hash
    }

    /// The rule codes, in file order.
    #[wasm_bindgen(getter)]
    pub fn codes(&self) -> Vec<String> {
        self.inner.codes().map(str::to_owned).collect()
    }

    /// `{id, version, hash}`, as `report.pins.rulesets` lists it.
    #[wasm_bindgen(getter, unchecked_return_type = "RuleSetPin")]
    pub fn pin(&self) -> JsResult {
        convert::to_js(&self.inner.pin())
    }

    /// The rule file as read (what `JSON.stringify(ruleSet)` writes).
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "RuleSetFile")]
    pub fn to_json(&self) -> JsResult {
        js_sys::JSON::parse(&self.text)
    }
}
