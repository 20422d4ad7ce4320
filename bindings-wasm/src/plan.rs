//! Work plans on the `Catalog`: validation, merging into the general plan, guideline review,
//! crosswalks, and the approval workflow (JSON in, JSON out: the web app stores the records).

use crate::catalog::Catalog;
use crate::convert::{self, CoreOptions};
use crate::errors;
use lineamientos::diagnostic::LocalizedReport;
use lineamientos::{
    Approval, ApprovalAction, ApprovalState, Error, GeneralPlan, Report, RuleConfig, Step, WorkPlan,
};
use serde::Serialize;
use wasm_bindgen::prelude::*;

type JsResult<T = JsValue> = Result<T, JsValue>;

fn plan(value: JsValue) -> JsResult<WorkPlan> {
    convert::document(value, WorkPlan::from_json, "")
}

fn plans(value: JsValue) -> JsResult<Vec<WorkPlan>> {
    convert::documents(value, WorkPlan::from_json, "plans")
}

/// The rule configuration of `options`, read by core (`asOf` is required: the library
/// never reads the clock), with the rule files of `options.rulesets` attached.
pub(crate) fn rule_config(options: &mut CoreOptions) -> JsResult<RuleConfig> {
    let rulesets = crate::ruleset::take(options);
    crate::ruleset::attach(options.read("options")?, rulesets)
}

fn report(r: &Report, options: &CoreOptions) -> JsResult {
    convert::to_js(&r.localized(options.lang))
}

#[derive(Serialize)]
struct MergeResult<'a> {
    general: &'a GeneralPlan,
    report: LocalizedReport,
}

#[derive(Serialize)]
struct CrosswalkResult<'a> {
    plan: &'a WorkPlan,
    report: LocalizedReport,
}

#[derive(Serialize)]
struct TransitionResult<'a> {
    approval: &'a Approval,
    #[serde(skip_serializing_if = "Option::is_none")]
    report: Option<LocalizedReport>,
}

#[derive(Serialize)]
struct ApprovalStatus {
    state: ApprovalState,
    changed_since_approval: bool,
    approved: bool,
    content_hash: String,
}

#[wasm_bindgen]
impl Catalog {
    /// Validates a work plan (object or JSON text) and returns every finding:
    /// `{ok, summary, diagnostics, pins, lang}`. Options: `asOf` (required, `"YYYY-MM-DD"`),
    /// `rules` (`{no_indicator: "off", schedule_overlap: "error"}`), `maxEventDays`,
    /// `reviewIntervalDays`, `lang` (`"es"` default, `"en"`). Bad options are
    /// `invalid_value`; a plan that is not JSON is `invalid_json`.
    #[wasm_bindgen(js_name = validatePlan, unchecked_return_type = "Report")]
    pub fn validate_plan(
        &self,
        #[wasm_bindgen(unchecked_param_type = "WorkPlan | string")] plan_doc: JsValue,
        #[wasm_bindgen(unchecked_param_type = "PlanValidateOptions")] options: JsValue,
    ) -> JsResult {
        let mut options = convert::core_options(options)?;
        let config = rule_config(&mut options)?;
        let plan = plan(plan_doc)?;
        report(&self.inner.validate_plan(&plan, &config), &options)
    }

    /// Validates several plans together: one report per plan, in input order, including the
    /// `schedule_overlap`s between plans of different working groups.
    #[wasm_bindgen(js_name = validatePlans, unchecked_return_type = "Report[]")]
    pub fn validate_plans(
        &self,
        #[wasm_bindgen(unchecked_param_type = "(WorkPlan | string)[]")] plan_docs: JsValue,
        #[wasm_bindgen(unchecked_param_type = "PlanValidateOptions")] options: JsValue,
    ) -> JsResult {
        let mut options = convert::core_options(options)?;
        let config = rule_config(&mut options)?;
        let plans = plans(plan_docs)?;
        let reports: Vec<LocalizedReport> = self
            .inner
            .validate_plans(&plans, &config)
            .iter()
            .map(|r| r.localized(options.lang))
            .collect();
        convert::to_js(&reports)
    }

    /// Merges plans into the general work plan: `{general, report}`. The report has every
    /// plan's findings (paths `/plans/{i}/...`), cross-plan duplicates and overlaps, and the
    /// axes without activity (`axis_not_covered`); `general.coverage` has one row per axis.
    /// `approvals` (records, matched to plans by `plan_id`) are recorded in
    /// `general.sources`; with `approvedOnly: true` only plans approved and unchanged since
    /// are merged, the others get `plan_not_approved`.
    #[wasm_bindgen(js_name = mergePlans, unchecked_return_type = "MergeResult")]
    pub fn merge_plans(
        &self,
        #[wasm_bindgen(unchecked_param_type = "(WorkPlan | string)[]")] plan_docs: JsValue,
        #[wasm_bindgen(unchecked_param_type = "MergeOptions")] options: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "(Approval | string)[]")] approvals: JsValue,
    ) -> JsResult {
        let mut options = convert::core_options(options)?;
        let rulesets = crate::ruleset::take(&mut options);
        let mut merge: lineamientos::MergeOptions = options.read("options")?;
        merge.rules = crate::ruleset::attach(merge.rules, rulesets)?;
        let plans = plans(plan_docs)?;
        let approvals: Vec<Approval> = if approvals.is_undefined() || approvals.is_null() {
            Vec::new()
        } else {
            convert::documents(approvals, Approval::from_json, "approvals")?
        };
        let (general, r) = self.inner.merge_plans_with(&plans, &approvals, &merge);
        convert::to_js(&MergeResult {
            general: &general,
            report: r.localized(options.lang),
        })
    }

    /// Reviews guideline set `version` as of `asOf`: `review_due` for items not reviewed
    /// within `reviewIntervalDays`, `challenge_not_addressed` for emerging challenges no item
    /// addresses. Throws `unknown_code` for an unknown version.
    #[wasm_bindgen(js_name = reviewGuidelines, unchecked_return_type = "Report")]
    pub fn review_guidelines(
        &self,
        version: &str,
        #[wasm_bindgen(unchecked_param_type = "ValidateOptions")] options: JsValue,
    ) -> JsResult {
        let options = convert::core_options(options)?;
        let config: RuleConfig = options.read("options")?;
        let r = self
            .inner
            .review_guidelines(version, &config)
            .map_err(errors::js)?;
        report(&r, &options)
    }

    /// The emerging challenges that no item in force of `version` addresses.
    #[wasm_bindgen(js_name = unaddressedChallenges, unchecked_return_type = "EmergingChallenge[]")]
    pub fn unaddressed_challenges(&self, version: &str) -> JsResult {
        convert::to_js(
            &self
                .inner
                .unaddressed_challenges(version)
                .map_err(errors::js)?,
        )
    }

    /// The codes of version `to` that item `code` of version `from` maps to through the
    /// crosswalks; `undefined` when no chain of crosswalks maps it, `[]` when it was dropped.
    #[wasm_bindgen(js_name = mapGuideline, unchecked_return_type = "string[] | undefined")]
    pub fn map_guideline(&self, from: &str, to: &str, code: &str) -> JsResult {
        match self.inner.map_guideline(from, to, code) {
            Some(codes) => convert::to_js(&codes),
            None => Ok(JsValue::UNDEFINED),
        }
    }

    /// Moves a plan's guideline refs to version `to` through the crosswalks: `{plan, report}`
    /// (`unmapped_guideline` for refs that cannot be mapped). Throws `no_crosswalk`.
    #[wasm_bindgen(js_name = crosswalkPlan, unchecked_return_type = "CrosswalkResult")]
    pub fn crosswalk_plan(
        &self,
        #[wasm_bindgen(unchecked_param_type = "WorkPlan | string")] plan_doc: JsValue,
        to: &str,
        #[wasm_bindgen(unchecked_optional_param_type = "{ lang?: LangCode }")] options: JsValue,
    ) -> JsResult {
        let options = convert::core_options(options)?;
        let plan = plan(plan_doc)?;
        let (moved, r) = self.inner.crosswalk_plan(&plan, to).map_err(errors::js)?;
        convert::to_js(&CrosswalkResult {
            plan: &moved,
            report: r.localized(options.lang),
        })
    }

    /// Performs an approval-workflow `action` (`submit`, `validate`, `approve`,
    /// `return_for_changes`, `withdraw`, `reopen`) on `approval` (a record from
    /// `newApproval` or a previous call; `null` starts a new one) for `plan`, by
    /// `step = {by, at, comment?}` (a role, and the date or date-time given by the caller).
    /// Returns `{approval, report?}` (a new record: the argument is not changed; `report`
    /// for `validate`). `validate` checks the plan with `options` (default `asOf`: the day of
    /// the step). Refusals throw `invalid_transition`, `report_has_errors` (with
    /// `diagnostics`), `content_changed` or `invalid_value`.
    #[wasm_bindgen(unchecked_return_type = "TransitionResult")]
    pub fn transition(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Approval | string | null")] approval: JsValue,
        #[wasm_bindgen(unchecked_param_type = "ApprovalAction")] action: &str,
        #[wasm_bindgen(unchecked_param_type = "WorkPlan | string")] plan_doc: JsValue,
        #[wasm_bindgen(unchecked_param_type = "ApprovalStep")] step: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "TransitionOptions")] options: JsValue,
    ) -> JsResult {
        let action = ApprovalAction::parse(action).map_err(errors::js)?;
        let plan = plan(plan_doc)?;
        let mut record = if approval.is_null() || approval.is_undefined() {
            Approval::new(&plan)
        } else {
            convert::document(approval, Approval::from_json, "")?
        };
        let step: Step = convert::document(step, convert::json_text, "")?;
        let options = convert::core_options(options)?;
        // Without asOf, core checks the plan as of the step's day.
        // Without asOf, core checks the plan as of the step's day.
        let config = RuleConfig::from_value_or(&options.value, step.day())
            .map_err(|e| errors::js(convert::camel_error(e)))?;
        let lang = options.lang;
        let refused = |e: Error| errors::to_js_in(&e, lang);
        let r = if action == ApprovalAction::Validate {
            Some(
                record
                    .validate(&plan, &self.inner, &config, step)
                    .map_err(refused)?,
            )
        } else {
            record
                .perform(action, &plan, &self.inner, &config, step)
                .map_err(refused)?;
            None
        };
        convert::to_js(&TransitionResult {
            approval: &record,
            report: r.map(|r| r.localized(options.lang)),
        })
    }
}

/// The findings of a report (as `validatePlan` and the others return it) as columns
/// `{names, columns: [{type, values}]}`: code, severity, path, row, column, value,
/// suggestion, message (in the report's language). Core's findings table, the same columns
/// as Python's `Report.to_table()`.
#[wasm_bindgen(js_name = findingsColumns, unchecked_return_type = "Columns")]
pub fn findings_columns(
    #[wasm_bindgen(unchecked_param_type = "Report")] report: JsValue,
) -> JsResult {
    let value = convert::to_value(&report, "report")?;
    let columns = lineamientos::diagnostic::findings_columns_of_json(&value).map_err(errors::js)?;
    convert::to_js(&columns)
}

/// A new approval record (state `draft`) for `plan`.
#[wasm_bindgen(js_name = newApproval, unchecked_return_type = "Approval")]
pub fn new_approval(
    #[wasm_bindgen(unchecked_param_type = "WorkPlan | string")] plan_doc: JsValue,
) -> JsResult {
    convert::to_js(&Approval::new(&plan(plan_doc)?))
}

/// Where `plan` stands in its approval `record`: `{state, changed_since_approval, approved,
/// content_hash}` (`approved`: approved and unchanged since).
#[wasm_bindgen(js_name = approvalStatus, unchecked_return_type = "ApprovalStatus")]
pub fn approval_status(
    #[wasm_bindgen(unchecked_param_type = "Approval | string")] record: JsValue,
    #[wasm_bindgen(unchecked_param_type = "WorkPlan | string")] plan_doc: JsValue,
) -> JsResult {
    let record: Approval = convert::document(record, Approval::from_json, "")?;
    let plan = plan(plan_doc)?;
    convert::to_js(&ApprovalStatus {
        state: record.state,
        changed_since_approval: record.changed_since_approval(&plan),
        approved: record.is_approved(&plan),
        content_hash: plan.content_hash().map_err(errors::js)?,
    })
}

/// A work plan (object or JSON text) as the library reads it: missing fields as `null`,
/// a single lead as a string. Throws `invalid_json` with line and column, or the path.
#[wasm_bindgen(js_name = parsePlan, unchecked_return_type = "WorkPlan")]
pub fn parse_plan(
    #[wasm_bindgen(unchecked_param_type = "WorkPlan | string")] plan_doc: JsValue,
) -> JsResult {
    convert::to_js(&plan(plan_doc)?)
}
