//! The sink of validation findings: each finding is built by its [`Rule`] and kept only when
//! the configuration switches the rule on, with the configured severity.

use crate::codes::CodeKind;
use crate::diagnostic::Diagnostic;
use crate::rules::{Rule, RuleConfig};

/// Findings of configurable rules, in the order they were pushed.
pub(crate) struct Findings<'a> {
    cfg: &'a RuleConfig,
    /// The findings kept so far.
    pub list: Vec<Diagnostic>,
}

impl<'a> Findings<'a> {
    /// An empty list under `cfg`.
    pub(crate) fn new(cfg: &'a RuleConfig) -> Self {
        Findings {
            cfg,
            list: Vec::new(),
        }
    }

    /// Adds the finding of `rule` at `path`, completed by `build`, if the rule is on.
    pub(crate) fn push(
        &mut self,
        rule: Rule,
        path: impl Into<String>,
        build: impl FnOnce(Diagnostic) -> Diagnostic,
    ) {
        if self.cfg.is_on(rule) {
            self.add(rule, build(rule.finding(path)));
        }
    }

    /// Adds `d`, a finding of `rule` built elsewhere, if the rule is on.
    pub(crate) fn add(&mut self, rule: Rule, d: Diagnostic) {
        self.list.extend(self.cfg.apply(rule, d));
    }

    /// `missing_field` at `path` for `field`.
    pub(crate) fn missing(&mut self, path: impl Into<String>, field: &str) {
        self.push(Rule::MissingField, path, |d| d.with_param("field", field));
    }

    /// `unknown_code` at `path`: `value` is not a code of `kind`.
    pub(crate) fn unknown_code(
        &mut self,
        path: impl Into<String>,
        kind: CodeKind,
        value: &str,
        suggestion: Option<String>,
    ) {
        self.push(Rule::UnknownCode, path, |d| {
            d.with_value(value)
                .with_param("kind", kind.code())
                .with_suggestion(suggestion)
        });
    }

    /// `unknown_reference` at `path`: `value` names a `reference` (a table, plan, agreement,
    /// ...) that the document does not have.
    pub(crate) fn unknown_reference(
        &mut self,
        path: impl Into<String>,
        reference: &str,
        value: &str,
    ) {
        self.push(Rule::UnknownReference, path, |d| {
            d.with_value(value).with_param("reference", reference)
        });
    }

    /// `duplicate_id` at `path`: `value` was first used at `first`.
    pub(crate) fn duplicate(&mut self, path: impl Into<String>, value: &str, first: String) {
        self.push(Rule::DuplicateId, path, |d| {
            d.with_value(value).with_param("first", first)
        });
    }

    /// Moves the findings of `other` to the end of this list.
    pub(crate) fn append(&mut self, other: &mut Findings<'_>) {
        self.list.append(&mut other.list);
    }
}
