//! Which validation rules run, how severe their findings are, and the thresholds they use:
//! [`RuleConfig`] and the list of [`Rule`]s.
//!
//! The core never reads the clock: "today" is [`RuleConfig::as_of`]. The JSON shape (what the
//! bindings and the golden vectors pass through) is
//!
//! ```json
//! {"as_of": "2024-06-01", "rules": {"no_indicator": "off", "schedule_overlap": "error"},
//!  "max_event_days": 5, "review_interval_days": 730}
//! ```
//!
//! Every field but `as_of` is optional. A rule is set to `"off"`, `"error"`, `"warning"` or
//! `"info"`; an unknown rule code or severity is an [`Error::InvalidValue`] (`invalid_value`).
//! The rules of rule files (`<ruleset>.<name>`, [`crate::ruleset`]) are set the same way; their
//! codes are checked against the ruleset when it is applied.
//!
//! ```
//! use lineamientos::{Rule, RuleConfig, Severity};
//! let cfg = RuleConfig::from_json(r#"{"as_of": "2024-06-01", "rules": {"no_indicator": "off"}}"#)?;
//! assert_eq!(cfg.severity(Rule::NoIndicator), None);
//! assert_eq!(cfg.severity(Rule::ScheduleOverlap), Some(Severity::Warning));
//! assert_eq!(cfg.max_event_days, 5);
//! let err = RuleConfig::from_json(r#"{"as_of": "2024-06-01", "rules": {"no_such_rule": "off"}}"#).unwrap_err();
//! assert_eq!(err.code(), "invalid_value");
//! # Ok::<(), lineamientos::Error>(())
//! ```

use crate::args::{ArgPath, Days, FromArg, Options, Percent};
use crate::diagnostic::{Diagnostic, Severity, template};
use crate::{Error, Result};
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt;

macro_rules! rules {
    ($( $(#[$m:meta])* $var:ident = $code:literal, )+) => {
        /// A validation rule, named by the diagnostic code it emits. Codes are API.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum Rule {
            $( $(#[$m])* $var, )+
        }

        impl Rule {
            /// Every rule, in the order of the rule table in `docs/plans.md`.
            pub const ALL: &'static [Rule] = &[$(Rule::$var),+];

            /// The diagnostic code of this rule (snake_case).
            pub fn code(self) -> &'static str {
                match self { $(Rule::$var => $code),+ }
            }
        }
    };
}

rules! {
    /// A required field is empty.
    MissingField = "missing_field",
    /// An activity or plan ends before it starts.
    EndBeforeStart = "end_before_start",
    /// An activity runs outside its plan's period.
    OutsidePlanPeriod = "outside_plan_period",
    /// Two activities (or plans) share an id.
    DuplicateId = "duplicate_id",
    /// A guideline ref is not in the plan's guideline-set version.
    UnknownGuideline = "unknown_guideline",
    /// A guideline ref was retired in the plan's version.
    RetiredGuideline = "retired_guideline",
    /// A country, organisation, GCM objective, SDG, axis or version is not in the catalogue.
    UnknownCode = "unknown_code",
    /// An activity has no lead or more than one.
    LeadCount = "lead_count",
    /// An event (meeting, webinar, training) is longer than the configured maximum.
    UnboundedEvent = "unbounded_event",
    /// Two events of different working groups overlap in time and share a participant.
    ScheduleOverlap = "schedule_overlap",
    /// An activity has no indicator with a target.
    NoIndicator = "no_indicator",
    /// An activity's guideline refs all lie outside the plan's axis.
    AxisMismatch = "axis_mismatch",
    /// (general plan) An axis of the guidelines has no activity.
    AxisNotCovered = "axis_not_covered",
    /// (guideline set) An item was not reviewed within the configured interval.
    ReviewDue = "review_due",
    /// (general plan) Two activities of different plans look like the same activity.
    NearDuplicate = "near_duplicate",
    /// (guideline set) No active item addresses an emerging challenge.
    ChallengeNotAddressed = "challenge_not_addressed",
    /// (crosswalk) A guideline ref could not be mapped to the target version.
    UnmappedGuideline = "unmapped_guideline",
    /// (cycle) A working table of the cycle has no thematic axis.
    TableWithoutAxis = "table_without_axis",
    /// (general plan, approved only) A plan was left out because it is not approved, or
    /// changed since its approval.
    PlanNotApproved = "plan_not_approved",
    /// (cycle) A matrix entry names an activity that no plan of the cycle has.
    UnknownActivity = "unknown_activity",
    /// (cycle) An event or agreement names a table, agreement, entry or plan the cycle
    /// does not have.
    UnknownReference = "unknown_reference",
    /// (cycle) The progress reported on an activity trails the time elapsed in its period
    /// by more than the configured margin.
    BehindTarget = "behind_target",
    /// (cycle) An activity of an approved plan ended with no report in the matrix.
    NotReported = "not_reported",
    /// (cycle) An agreement is past its due date and neither done nor dropped.
    AgreementOverdue = "agreement_overdue",
    /// (cycle) An agreement names nobody responsible.
    AgreementWithoutOwner = "agreement_without_owner",
    /// (cycle) An open agreement has had no follow-up within the configured interval.
    AgreementWithoutFollowUp = "agreement_without_follow_up",
    /// (cycle) An institution's current focal point has had no training since taking office.
    FocalPointNotTrained = "focal_point_not_trained",
}

impl Rule {
    /// Parses a rule code (case, spaces, `-` and `_` ignored); anything else is
    /// `invalid_value` for the argument `rule`, with the nearest code as suggestion.
    pub fn parse(code: &str) -> Result<Rule> {
        crate::args::arg("rule", &serde_json::Value::from(code))
    }

    /// A finding of this rule at `path` (a JSON Pointer): the rule's code and default
    /// severity. Findings of a rule are built here, so that its code is written once.
    ///
    /// ```
    /// use lineamientos::{Rule, Severity};
    /// let d = Rule::NoIndicator.finding("/activities/0/indicators");
    /// assert_eq!((d.code.as_str(), d.severity), ("no_indicator", Severity::Warning));
    /// ```
    pub fn finding(self, path: impl Into<String>) -> Diagnostic {
        Diagnostic::new(self.code(), path)
    }

    /// The severity of this rule's findings when the configuration does not override it.
    pub fn default_severity(self) -> Severity {
        template(self.code()).map_or(Severity::Error, |t| t.severity)
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// Validation options: the reference date, per-rule severities (or off), and thresholds.
///
/// Build it with [`RuleConfig::new`] and the `with_*` methods, or read it from JSON with
/// [`RuleConfig::from_json`] (also `serde::Deserialize`, same shape).
///
/// ```
/// use chrono::NaiveDate;
/// use lineamientos::{Rule, RuleConfig, Severity};
/// let cfg = RuleConfig::new(NaiveDate::from_ymd_opt(2024, 6, 1).unwrap())
///     .off(Rule::NoIndicator)
///     .with_severity(Rule::ScheduleOverlap, Severity::Error)
///     .with_max_event_days(3)?;
/// assert_eq!(cfg.severity(Rule::ScheduleOverlap), Some(Severity::Error));
/// # Ok::<(), lineamientos::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(into = "RawRuleConfig")]
pub struct RuleConfig {
    /// "Today" for every date-dependent rule (the core never reads the clock).
    pub as_of: NaiveDate,
    /// Longest allowed event (meeting, webinar, training), in days counted inclusively
    /// (an event on one day lasts 1 day). Default 5.
    pub max_event_days: u32,
    /// How often each guideline item must be reviewed, in days. Default 730 (2 years).
    pub review_interval_days: u32,
    /// (cycle) How far, in percentage points, reported progress may trail the share of the
    /// activity's period elapsed before it is `behind_target`. Default 20.
    pub behind_target_margin: u32,
    /// (cycle) How long an open agreement may go without follow-up (a follow-up event that
    /// names it, or a status change), in days. Default 180.
    pub follow_up_interval_days: u32,
    /// Overrides: `None` switches a rule off.
    overrides: BTreeMap<Rule, Option<Severity>>,
    /// Overrides of rule-file rules (`<ruleset>.<name>`, see [`crate::ruleset`]), sorted by
    /// code (a few at most: a sorted list, not another map type in the WebAssembly module).
    custom: Vec<(String, Option<Severity>)>,
    /// Rule files whose rules run beside the built-in ones ([`RuleConfig::with_ruleset`]).
    rulesets: AttachedRuleSets,
}

/// Rule files attached to a configuration: shared, not copied, and compared by their pins
/// (id, version, content hash).
#[derive(Debug, Clone, Default)]
struct AttachedRuleSets(Vec<std::sync::Arc<crate::ruleset::RuleSet>>);

impl PartialEq for AttachedRuleSets {
    fn eq(&self, other: &Self) -> bool {
        self.0.len() == other.0.len()
            && self.0.iter().zip(&other.0).all(|(a, b)| a.pin() == b.pin())
    }
}

impl Eq for AttachedRuleSets {}

impl RuleConfig {
    /// Default maximum event length in days.
    pub const DEFAULT_MAX_EVENT_DAYS: u32 = 5;
    /// Default guideline review interval in days (2 years).
    pub const DEFAULT_REVIEW_INTERVAL_DAYS: u32 = 730;
    /// Default margin of `behind_target`, in percentage points.
    pub const DEFAULT_BEHIND_TARGET_MARGIN: u32 = 20;
    /// Default follow-up interval of agreements, in days (about six months).
    pub const DEFAULT_FOLLOW_UP_INTERVAL_DAYS: u32 = 180;
    /// Maximum size of a configuration document (64 KiB).
    pub const MAX_JSON_BYTES: usize = 64 * 1024;

    /// Every rule on at its default severity, default thresholds, with `as_of` as today.
    pub fn new(as_of: NaiveDate) -> Self {
        RuleConfig {
            as_of,
            max_event_days: Self::DEFAULT_MAX_EVENT_DAYS,
            review_interval_days: Self::DEFAULT_REVIEW_INTERVAL_DAYS,
            behind_target_margin: Self::DEFAULT_BEHIND_TARGET_MARGIN,
            follow_up_interval_days: Self::DEFAULT_FOLLOW_UP_INTERVAL_DAYS,
            overrides: BTreeMap::new(),
            custom: Vec::new(),
            rulesets: AttachedRuleSets::default(),
        }
    }

    /// The options a configuration is read from, as [`crate::args`] names them.
    pub const OPTIONS: &'static [&'static str] = &[
        "as_of",
        "rules",
        "max_event_days",
        "review_interval_days",
        "behind_target_margin",
        "follow_up_interval_days",
    ];

    /// Reads the JSON shape shown in the [module docs](self). Text that is not JSON is
    /// `invalid_json`; a missing or bad `as_of`, an unknown option, rule or severity, or a
    /// threshold out of range is `invalid_value` naming it (see [`crate::args`]).
    pub fn from_json(text: &str) -> Result<Self> {
        let value =
            crate::args::json_options(text, Self::MAX_JSON_BYTES, "rule config JSON bytes")?;
        crate::args::arg("options", &value)
    }

    /// Reads the configuration from a JSON-shaped value (what the bindings make of a Python
    /// `dict` of keyword arguments or a JS options object), `invalid_value` naming the bad
    /// option.
    pub fn from_value(value: &serde_json::Value) -> Result<Self> {
        Self::read(value, &ArgPath::arg("options"), None)
    }

    /// Like [`RuleConfig::from_value`], but an absent or `null` `as_of` is `default_as_of`.
    /// The approval workflow uses it with [`crate::Step::day`]: validating a plan in the
    /// workflow checks it as of the day of the step, unless the caller says otherwise.
    pub fn from_value_or(value: &serde_json::Value, default_as_of: NaiveDate) -> Result<Self> {
        Self::read(value, &ArgPath::arg("options"), Some(default_as_of))
    }

    /// [`RuleConfig::from_value_or`] from JSON text.
    pub fn from_json_or(text: &str, default_as_of: NaiveDate) -> Result<Self> {
        let value =
            crate::args::json_options(text, Self::MAX_JSON_BYTES, "rule config JSON bytes")?;
        Self::from_value_or(&value, default_as_of)
    }

    fn read(
        value: &serde_json::Value,
        at: &ArgPath,
        default_as_of: Option<NaiveDate>,
    ) -> Result<Self> {
        Self::read_among(value, at, default_as_of, Self::OPTIONS)
    }

    /// Reads the rule options of `value`, an options object whose documented keys are
    /// `known` (these options and those of a wider option set, such as the merge's or the
    /// cycle review's, which read their own keys).
    pub(crate) fn read_among(
        value: &serde_json::Value,
        at: &ArgPath,
        default_as_of: Option<NaiveDate>,
        known: &[&str],
    ) -> Result<Self> {
        let o = Options::new(value, at, known)?;
        let as_of = match default_as_of {
            Some(day) => o.get("as_of")?.unwrap_or(day),
            None => o.require("as_of").map_err(|e| match e {
                Error::InvalidValue {
                    field,
                    path,
                    value: None,
                    ..
                } => Error::InvalidValue {
                    field,
                    path,
                    value: None,
                    expected: "the date that counts as today, written YYYY-MM-DD (required: the library never reads the clock)".into(),
                    suggestion: None,
                },
                other => other,
            })?,
        };
        let mut cfg = RuleConfig::new(as_of);
        if let Some(serde_json::Value::Object(map)) = o.raw("rules") {
            // Sorted by code: the same first error in every language.
            let mut settings: Vec<(&String, &serde_json::Value)> = map.iter().collect();
            settings.sort_by(|a, b| a.0.cmp(b.0));
            let rules_at = o.path("rules");
            for (code, setting) in settings {
                let rule_at = rules_at.key(code);
                // A code with a dot is a rule file's (`<ruleset>.<name>`): checked against
                // the ruleset when it is applied.
                if is_rule_file_code(code) {
                    let setting = match RuleSetting::from_arg(setting, &rule_at)? {
                        RuleSetting::Off => None,
                        RuleSetting::On(sev) => Some(sev),
                    };
                    cfg.set_custom(code, setting);
                    continue;
                }
                let rule = Rule::from_arg(&serde_json::Value::from(code.as_str()), &rule_at)?;
                cfg = match RuleSetting::from_arg(setting, &rule_at)? {
                    RuleSetting::Off => cfg.off(rule),
                    RuleSetting::On(sev) => cfg.with_severity(rule, sev),
                };
            }
        } else if let Some(other) = o.raw("rules").filter(|v| !v.is_null()) {
            return Err(o.path("rules").invalid(
                other,
                "an object of rule code to off, error, warning or info",
            ));
        }
        if let Some(Days(d)) = o.get("max_event_days")? {
            cfg.max_event_days = d;
        }
        if let Some(Days(d)) = o.get("review_interval_days")? {
            cfg.review_interval_days = d;
        }
        if let Some(Percent(p)) = o.get("behind_target_margin")? {
            cfg.behind_target_margin = p;
        }
        if let Some(Days(d)) = o.get("follow_up_interval_days")? {
            cfg.follow_up_interval_days = d;
        }
        Ok(cfg)
    }

    /// This configuration as JSON (the shape [`RuleConfig::from_json`] reads).
    pub fn to_json(&self) -> Result<String> {
        serde_json::to_string(self).map_err(|e| Error::InvalidValue {
            field: "options".into(),
            path: String::new(),
            value: None,
            expected: format!("a configuration that serialises ({e})"),
            suggestion: None,
        })
    }

    /// Sets the severity of `rule` (and switches it on).
    pub fn with_severity(mut self, rule: Rule, severity: Severity) -> Self {
        self.overrides.insert(rule, Some(severity));
        self
    }

    /// Switches `rule` off: its findings are not reported.
    pub fn off(mut self, rule: Rule) -> Self {
        self.overrides.insert(rule, None);
        self
    }

    /// Sets the longest allowed event, in days (at least 1).
    pub fn with_max_event_days(mut self, days: u32) -> Result<Self> {
        self.max_event_days = crate::args::arg::<Days>("max_event_days", &days.into())?.0;
        Ok(self)
    }

    /// Sets the guideline review interval, in days (at least 1).
    pub fn with_review_interval_days(mut self, days: u32) -> Result<Self> {
        self.review_interval_days =
            crate::args::arg::<Days>("review_interval_days", &days.into())?.0;
        Ok(self)
    }

    /// Sets the `behind_target` margin, in percentage points (0 to 100).
    pub fn with_behind_target_margin(mut self, points: u32) -> Result<Self> {
        self.behind_target_margin =
            crate::args::arg::<Percent>("behind_target_margin", &points.into())?.0;
        Ok(self)
    }

    /// Sets the follow-up interval of agreements, in days (at least 1).
    pub fn with_follow_up_interval_days(mut self, days: u32) -> Result<Self> {
        self.follow_up_interval_days =
            crate::args::arg::<Days>("follow_up_interval_days", &days.into())?.0;
        Ok(self)
    }

    /// The severity findings of `rule` get, or `None` when the rule is off.
    pub fn severity(&self, rule: Rule) -> Option<Severity> {
        match self.overrides.get(&rule) {
            Some(setting) => *setting,
            None => Some(rule.default_severity()),
        }
    }

    /// The severity of a rule-file rule (`<ruleset>.<name>`) whose file says `default`, or
    /// `None` when the configuration switches it off.
    pub fn rule_file_severity(&self, code: &str, default: Severity) -> Option<Severity> {
        match self.custom.binary_search_by(|(c, _)| c.as_str().cmp(code)) {
            Ok(i) => self.custom.get(i).and_then(|(_, s)| *s),
            Err(_) => Some(default),
        }
    }

    /// The rule-file codes this configuration sets, with their setting.
    pub fn rule_file_settings(&self) -> impl Iterator<Item = (&str, Option<Severity>)> {
        self.custom.iter().map(|(c, s)| (c.as_str(), *s))
    }

    /// Sets the severity of a rule-file rule (`None`: off). `code` must be written
    /// `<ruleset>.<name>` (else `invalid_value`).
    pub fn with_rule_file_severity(
        mut self,
        code: &str,
        severity: Option<Severity>,
    ) -> Result<Self> {
        if !is_rule_file_code(code) {
            return Err(Error::InvalidValue {
                field: "rules".into(),
                path: format!("/rules/{}", crate::args::escape_pointer(code)),
                value: Some(code.to_owned()),
                expected: "a rule-file code written <ruleset>.<name>".into(),
                suggestion: None,
            });
        }
        self.set_custom(code, severity);
        for rs in &self.rulesets.0 {
            rs.check_settings(&self)?;
        }
        Ok(self)
    }

    /// Attaches a rule file: its rules then run beside the built-in ones wherever this
    /// configuration is used ([`crate::Catalog::validate_plan`], [`crate::Matrix::check`]),
    /// and reports carry its pin and its rules' outcome counts. A rule of this file that the
    /// configuration sets but the file does not have is `invalid_value` with the nearest
    /// code; so is a second file with the same ruleset id (their codes would clash).
    ///
    /// ```
    /// use lineamientos::{ruleset::RuleSet, RuleConfig};
    /// use chrono::NaiveDate;
    /// let rs = RuleSet::from_json(r#"{"ruleset": "demo", "version": "1", "rules": [
    ///   {"code": "demo.titled", "kind": "field", "scope": "activity", "field": "title",
    ///    "constraints": {"required": true}, "message": {"es": "sin título", "en": "no title"}}]}"#)?;
    /// let cfg = RuleConfig::new(NaiveDate::from_ymd_opt(2024, 6, 1).unwrap()).with_ruleset(rs)?;
    /// assert_eq!(cfg.rulesets().count(), 1);
    /// # Ok::<(), lineamientos::Error>(())
    /// ```
    pub fn with_ruleset(
        mut self,
        ruleset: impl Into<std::sync::Arc<crate::ruleset::RuleSet>>,
    ) -> Result<Self> {
        let ruleset = ruleset.into();
        let id = ruleset.pin().id;
        if !cfg!(feature = "rule-files") {
            return Err(Error::InvalidValue {
                field: "rulesets".into(),
                path: "/rulesets".into(),
                value: Some(id),
                expected: "no rule files: this build of the library leaves them out \
                           (cargo feature rule-files)"
                    .into(),
                suggestion: None,
            });
        }
        if self.rulesets.0.iter().any(|r| r.pin().id == id) {
            return Err(Error::InvalidValue {
                field: "rulesets".into(),
                path: format!("/rulesets/{}", self.rulesets.0.len()),
                value: Some(id),
                expected: "rule files with different ruleset ids".into(),
                suggestion: None,
            });
        }
        ruleset.check_settings(&self)?;
        self.rulesets.0.push(ruleset);
        Ok(self)
    }

    /// This configuration without its rule files (for parts of a workflow that run them
    /// once over all the data, not again per part).
    pub(crate) fn without_rulesets(&self) -> RuleConfig {
        RuleConfig {
            rulesets: AttachedRuleSets::default(),
            ..self.clone()
        }
    }

    /// The attached rule files, in the order attached.
    pub fn rulesets(&self) -> impl Iterator<Item = &crate::ruleset::RuleSet> {
        // Without the feature none can be attached, and saying so here lets the compiler
        // leave the rule engine out of builds that do not offer it (the default WASM module).
        let files: &[std::sync::Arc<crate::ruleset::RuleSet>] = if cfg!(feature = "rule-files") {
            &self.rulesets.0
        } else {
            &[]
        };
        files.iter().map(|r| &**r)
    }

    fn set_custom(&mut self, code: &str, setting: Option<Severity>) {
        match self.custom.binary_search_by(|(c, _)| c.as_str().cmp(code)) {
            Ok(i) => {
                if let Some(slot) = self.custom.get_mut(i) {
                    slot.1 = setting;
                }
            }
            Err(i) => self.custom.insert(i, (code.to_owned(), setting)),
        }
    }

    /// Whether `rule` runs.
    pub fn is_on(&self, rule: Rule) -> bool {
        self.severity(rule).is_some()
    }

    /// `d` with the configured severity, or `None` when the rule is off.
    pub(crate) fn apply(&self, rule: Rule, d: Diagnostic) -> Option<Diagnostic> {
        self.severity(rule).map(|s| d.with_severity(s))
    }
}

// The serde shape of [`RuleConfig`], also the source of its JSON Schema (whose
// description is the doc comment below).
/// Which validation rules run, how severe their findings are, and the thresholds they use.
#[derive(Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "RuleConfig")]
struct RawRuleConfig {
    /// "Today" for every date-dependent rule (`yyyy-mm-dd`).
    as_of: NaiveDate,
    /// Rule code to `off`, `error`, `warning` or `info` (rules not named keep their default).
    #[serde(default)]
    #[schemars(schema_with = "rules_schema")]
    rules: BTreeMap<String, String>,
    /// Longest allowed event in days, counted inclusively (default 5).
    #[serde(default)]
    #[schemars(range(min = 1))]
    max_event_days: Option<i64>,
    /// How often each guideline item must be reviewed, in days (default 730).
    #[serde(default)]
    #[schemars(range(min = 1))]
    review_interval_days: Option<i64>,
    /// How far reported progress may trail the time elapsed, in percentage points, before
    /// an activity is behind target (default 20).
    #[serde(default)]
    #[schemars(range(min = 0, max = 100))]
    behind_target_margin: Option<i64>,
    /// How long an open agreement may go without follow-up, in days (default 180).
    #[serde(default)]
    #[schemars(range(min = 1))]
    follow_up_interval_days: Option<i64>,
}

/// `<ruleset>.<name>`: lowercase letters, digits and `_` on both sides of one dot, each
/// starting with a letter (the codes of rule files; built-in codes have no dot).
pub(crate) fn is_rule_file_code(code: &str) -> bool {
    let part = |p: &str| {
        p.chars().next().is_some_and(|c| c.is_ascii_lowercase())
            && p.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    };
    matches!(code.split_once('.'), Some((a, b)) if part(a) && part(b))
}

fn rules_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    let codes: Vec<&str> = Rule::ALL.iter().map(|r| r.code()).collect();
    schemars::json_schema!({
        "type": "object",
        "propertyNames": {"anyOf": [{"enum": codes}, {"pattern": "^[a-z][a-z0-9_]*\\.[a-z][a-z0-9_]*$"}]},
        "additionalProperties": {"enum": ["off", "error", "warning", "info"]}
    })
}

impl schemars::JsonSchema for RuleConfig {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "RuleConfig".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        RawRuleConfig::json_schema(generator)
    }
}

impl FromArg for RuleConfig {
    fn expected() -> String {
        format!(
            "validation options (an object with {})",
            Self::OPTIONS.join(", ")
        )
    }

    fn from_arg(value: &serde_json::Value, at: &ArgPath) -> Result<Self> {
        Self::read(value, at, None)
    }
}

crate::args::deserialize_with_args!(RuleConfig, "options");

/// What a rule is set to in `rules`: off, or on at a severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RuleSetting {
    Off,
    On(Severity),
}

impl FromArg for RuleSetting {
    fn expected() -> String {
        "off, error, warning or info".into()
    }

    fn from_arg(value: &serde_json::Value, at: &ArgPath) -> Result<Self> {
        if value
            .as_str()
            .is_some_and(|s| s.trim().eq_ignore_ascii_case("off"))
        {
            return Ok(RuleSetting::Off);
        }
        Severity::from_arg(value, at)
            .map(RuleSetting::On)
            .map_err(|_| at.invalid(value, Self::expected()))
    }
}

impl From<RuleConfig> for RawRuleConfig {
    fn from(cfg: RuleConfig) -> Self {
        RawRuleConfig {
            as_of: cfg.as_of,
            rules: cfg
                .overrides
                .iter()
                .map(|(r, s)| {
                    (
                        r.code().to_owned(),
                        s.map_or("off", Severity::code).to_owned(),
                    )
                })
                .chain(
                    cfg.custom
                        .iter()
                        .map(|(c, s)| (c.clone(), s.map_or("off", Severity::code).to_owned())),
                )
                .collect(),
            max_event_days: Some(i64::from(cfg.max_event_days)),
            review_interval_days: Some(i64::from(cfg.review_interval_days)),
            behind_target_margin: Some(i64::from(cfg.behind_target_margin)),
            follow_up_interval_days: Some(i64::from(cfg.follow_up_interval_days)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, 6, 1).unwrap()
    }

    #[test]
    fn from_json_or_fills_only_a_missing_as_of() {
        let day = NaiveDate::from_ymd_opt(2024, 6, 1).unwrap();
        let given = RuleConfig::from_json_or(r#"{"as_of": "2023-01-02"}"#, day).unwrap();
        assert_eq!(given.as_of.to_string(), "2023-01-02");
        let missing = RuleConfig::from_json_or(r#"{"max_event_days": 3}"#, day).unwrap();
        assert_eq!(missing.as_of, day);
        let null = RuleConfig::from_json_or(r#"{"as_of": null}"#, day).unwrap();
        assert_eq!(null.as_of, day);
        assert_eq!(
            RuleConfig::from_json_or("[", day).unwrap_err().code(),
            "invalid_json"
        );
        // a bad date is a bad value, not bad JSON
        let err = RuleConfig::from_json_or(r#"{"as_of": "2024-13-01"}"#, day).unwrap_err();
        assert_eq!(err.code(), "invalid_value");
        assert_eq!(err.details()["path"], "/as_of");
    }

    #[test]
    fn reads_the_documented_shape() {
        let cfg = RuleConfig::from_json(
            r#"{"as_of": "2024-06-01", "rules": {"no_indicator": "off", "schedule_overlap": "error"},
                "max_event_days": 3, "review_interval_days": 365}"#,
        )
        .unwrap();
        assert_eq!(cfg.as_of, day());
        assert_eq!(cfg.severity(Rule::NoIndicator), None);
        assert_eq!(cfg.severity(Rule::ScheduleOverlap), Some(Severity::Error));
        assert_eq!(cfg.severity(Rule::AxisNotCovered), Some(Severity::Info));
        assert_eq!(cfg.max_event_days, 3);
        assert_eq!(cfg.review_interval_days, 365);
        let back = RuleConfig::from_json(&cfg.to_json().unwrap()).unwrap();
        assert_eq!(back, cfg);
    }

    #[test]
    fn only_as_of_is_required() {
        let cfg = RuleConfig::from_json(r#"{"as_of": "2024-06-01"}"#).unwrap();
        assert_eq!(cfg, RuleConfig::new(day()));
        let err = RuleConfig::from_json("{}").unwrap_err();
        assert_eq!(
            (err.code(), err.details()["field"].as_str()),
            ("invalid_value", Some("as_of"))
        );
    }

    #[test]
    fn bad_rule_severity_or_threshold_is_invalid_value() {
        for text in [
            r#"{"as_of": "2024-06-01", "rules": {"no_indicatr": "off"}}"#,
            r#"{"as_of": "2024-06-01", "rules": {"no_indicator": "fatal"}}"#,
            r#"{"as_of": "2024-06-01", "max_event_days": 0}"#,
            r#"{"as_of": "2024-06-01", "max_event_days": -3}"#,
            r#"{"as_of": "2024-06-01", "review_interval_days": -1}"#,
        ] {
            assert_eq!(
                RuleConfig::from_json(text).unwrap_err().code(),
                "invalid_value",
                "{text}"
            );
        }
    }

    #[test]
    fn every_rule_has_a_message_template() {
        for r in Rule::ALL {
            assert!(template(r.code()).is_some(), "{r}");
            assert_eq!(Rule::parse(r.code()).unwrap(), *r);
        }
    }
}
