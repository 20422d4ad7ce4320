import { test } from "node:test";
import assert from "node:assert/strict";
import { Catalog, newApproval, approvalStatus, parsePlan } from "lineamientos-wasm";
import { throwsCode } from "./helpers.mjs";

const cat = Catalog.embedded();
const asOf = "2024-06-01";

/** A valid plan of the VCM working table (a fresh copy each call). */
function validPlan() {
  return {
    id: "plan-vcm-2024",
    title: "Plan de trabajo 2024 de la mesa VCM",
    working_group: "mesa-vcm",
    axis: "VCM",
    period: { start: "2024-01-01", end: "2024-12-31" },
    guideline_version: "2023",
    activities: [
      {
        id: "vcm-a1",
        title: "Webinar regional sobre rutas de atención",
        kind: "webinar",
        start: "2024-03-05",
        end: "2024-03-05",
        lead: "MEX",
        participants: ["GTM", "HND", "IOM"],
        guidelines: ["VCM-1"],
        gcm_objectives: [7],
        sdgs: [5],
        indicators: [{ name: "Personas capacitadas", unit: "personas", baseline: 0, target: 120 }],
      },
    ],
  };
}

/** The valid plan with three mistakes in its activity. */
function badPlan() {
  const p = validPlan();
  Object.assign(p.activities[0], { end: "2024-03-01", participants: ["Mexco"], indicators: [] });
  return p;
}

const findings = (r) => r.diagnostics.map((d) => [d.code, d.severity, d.path]);

test("a valid plan has no finding, and the report is pinned", () => {
  const r = cat.validatePlan(validPlan(), { asOf });
  assert.equal(r.ok, true);
  assert.deepEqual(r.summary, { errors: 0, warnings: 0, infos: 0 });
  assert.deepEqual(r.diagnostics, []);
  assert.deepEqual(r.pins, cat.pins);
  assert.equal(r.lang, "es");
});

test("every finding with code, severity, path, value, suggestion and message", () => {
  const r = cat.validatePlan(badPlan(), { asOf });
  assert.equal(r.ok, false);
  assert.deepEqual(findings(r), [
    ["end_before_start", "error", "/activities/0/end"],
    ["unknown_code", "error", "/activities/0/participants/0"],
    ["no_indicator", "warning", "/activities/0/indicators"],
  ]);
  const unknown = r.diagnostics[1];
  assert.equal(unknown.value, "Mexco");
  assert.equal(unknown.suggestion, "MEX");
  assert.equal(unknown.row, undefined, "no row for a JSON document");
  assert.deepEqual(r.summary, { errors: 2, warnings: 1, infos: 0 });
});

test("messages in es (default) and en; codes and paths do not change", () => {
  const es = cat.validatePlan(badPlan(), { asOf });
  const en = cat.validatePlan(badPlan(), { asOf, lang: "en" });
  assert.equal(en.lang, "en");
  assert.deepEqual(findings(es), findings(en));
  assert.notEqual(es.diagnostics[0].message, en.diagnostics[0].message);
  assert.match(en.diagnostics[0].message, /end date/);
  assert.match(es.diagnostics[0].message, /fecha de fin/);
});

test("options: rules off or re-graded, thresholds", () => {
  const r = cat.validatePlan(badPlan(), { asOf, rules: { no_indicator: "off", end_before_start: "warning" } });
  assert.deepEqual(findings(r), [
    ["end_before_start", "warning", "/activities/0/end"],
    ["unknown_code", "error", "/activities/0/participants/0"],
  ]);
  const long = validPlan();
  Object.assign(long.activities[0], { start: "2024-03-05", end: "2024-03-08" });
  assert.deepEqual(findings(cat.validatePlan(long, { asOf })), []);
  assert.deepEqual(findings(cat.validatePlan(long, { asOf, maxEventDays: 3 })), [
    ["unbounded_event", "warning", "/activities/0/end"],
  ]);
});

test("a plan as JSON text gives the same report; malformed text gives line and column", () => {
  const text = JSON.stringify(badPlan(), null, 2);
  assert.deepEqual(cat.validatePlan(text, { asOf }), cat.validatePlan(badPlan(), { asOf }));
  const e = throwsCode(() => cat.validatePlan('{\n  "id": "x",\n  "activities": [,]\n}', { asOf }), "invalid_json");
  assert.equal(e.line, 3);
  assert.ok(e.column > 0);
});

test("a plan object of the wrong shape names the field", () => {
  const p = validPlan();
  p.activities[0].start = "2024-02-30";
  assert.equal(throwsCode(() => cat.validatePlan(p, { asOf }), "invalid_json").path, "/activities/0/start");
  const q = validPlan();
  q.activities[0].gcm_objectives = [7, "siete"];
  assert.equal(throwsCode(() => cat.validatePlan(q, { asOf }), "invalid_json").path, "/activities/0/gcm_objectives/1");
  // Missing fields are findings, not errors: validation reports them all.
  const r = cat.validatePlan({ activities: [{}] }, { asOf });
  assert.ok(r.diagnostics.some((d) => d.code === "missing_field" && d.path === "/activities/0/title"));
});

test("bad options are invalid_value naming the option; the catalogue stays usable", () => {
  assert.equal(throwsCode(() => cat.validatePlan(validPlan(), {}), "invalid_value").field, "asOf");
  assert.equal(throwsCode(() => cat.validatePlan(validPlan()), "invalid_value").field, "asOf");
  assert.equal(throwsCode(() => cat.validatePlan(validPlan(), { asOf: "2024-13-01" }), "invalid_value").field, "asOf");
  assert.equal(throwsCode(() => cat.validatePlan(validPlan(), { asOf, maxEventDays: -1 }), "invalid_value").field, "maxEventDays");
  assert.match(throwsCode(() => cat.validatePlan(validPlan(), { asOf, rules: { nope: "off" } }), "invalid_value").field, /^rules/);
  const loud = throwsCode(() => cat.validatePlan(validPlan(), { asOf, rules: { no_indicator: "loud" } }), "invalid_value");
  assert.deepEqual([loud.field, loud.path, loud.value], ["rules", "/rules/no_indicator", "loud"]);
  assert.equal(throwsCode(() => cat.validatePlan(validPlan(), { asOf, bogus: 1 }), "invalid_value").field, "bogus");
  assert.equal(throwsCode(() => cat.validatePlan(validPlan(), "2024-06-01"), "invalid_value").field, "options");
  // a language is an argument: core reads it, invalid_value as in Python
  assert.equal(throwsCode(() => cat.validatePlan(validPlan(), { asOf, lang: "fr" }), "invalid_value").field, "lang");
  // A good call after the bad ones.
  assert.equal(cat.validatePlan(validPlan(), { asOf }).ok, true);
});

test("validatePlans: one report per plan, with overlaps between working groups", () => {
  const a = validPlan();
  const b = validPlan();
  Object.assign(b, { id: "plan-emp-2024", working_group: "mesa-emp", axis: "EMP" });
  Object.assign(b.activities[0], { id: "emp-a1", lead: "GTM", participants: ["MEX"], guidelines: ["EMP-1"] });
  const reports = cat.validatePlans([a, b], { asOf });
  assert.equal(reports.length, 2);
  assert.deepEqual(findings(reports[0]), [["schedule_overlap", "warning", "/activities/0"]]);
  assert.deepEqual(findings(reports[1]), [["schedule_overlap", "warning", "/activities/0"]]);
  assert.equal(throwsCode(() => cat.validatePlans([a, { id: 5 }], { asOf }), "invalid_json").path, "/plans/1/id");
  assert.equal(throwsCode(() => cat.validatePlans(a, { asOf }), "invalid_value").field, "plans");
});

test("mergePlans: the general plan, coverage by axis and the gap", () => {
  const b = validPlan();
  Object.assign(b, { id: "plan-emp-2024", working_group: "mesa-emp", axis: "EMP" });
  Object.assign(b.activities[0], { id: "emp-a1", start: "2024-04-05", end: "2024-04-05", guidelines: ["EMP-1"] });
  const { general, report } = cat.mergePlans([validPlan(), b], { asOf, lang: "en" });
  assert.equal(general.plans.length, 2);
  assert.equal(general.guideline_version, "2023");
  const vcm = general.coverage.find((c) => c.axis === "VCM");
  assert.deepEqual(vcm.activities.map((a) => a.path), ["/plans/0/activities/0"]);
  assert.ok(vcm.guidelines.find((g) => g.code === "VCM-1").activities.length === 1);
  assert.ok(general.uncovered_axes.includes("CUI"));
  assert.ok(!general.uncovered_axes.includes("VCM"));
  assert.ok(report.diagnostics.some((d) => d.code === "axis_not_covered"));
  assert.equal(report.lang, "en");
});

test("guideline review, challenges, crosswalks", () => {
  const review = cat.reviewGuidelines("2023", { asOf });
  const due = review.diagnostics.filter((d) => d.code === "review_due").map((d) => d.value);
  assert.ok(due.includes("VCM-3"));
  assert.ok(!due.includes("VCM-1"));
  assert.equal(throwsCode(() => cat.reviewGuidelines("1999", { asOf }), "unknown_code").kind, "guideline_set");
  assert.deepEqual(cat.unaddressedChallenges("2023"), []);
  assert.ok(cat.unaddressedChallenges("2017").includes("health_emergency"));
  assert.deepEqual(cat.mapGuideline("2017", "2023", "dat 3"), ["DAT-4"]);
  assert.equal(cat.mapGuideline("2017", "2023", "XYZ-1"), undefined);
  const { plan, report } = cat.crosswalkPlan(
    { guideline_version: "2017", activities: [{ guidelines: ["DAT-3", "VCM-1", "ZZZ-9"] }] },
    "2023",
  );
  assert.equal(plan.guideline_version, "2023");
  assert.deepEqual(plan.activities[0].guidelines, ["DAT-4", "VCM-1", "ZZZ-9"]);
  assert.deepEqual(findings(report).map((f) => f[2]), ["/activities/0/guidelines/2"]);
  throwsCode(() => cat.crosswalkPlan({ guideline_version: "2023", activities: [] }, "2017"), "no_crosswalk");
});

test("approval workflow: submit, validate, approve; refusals have their own codes", () => {
  const plan = validPlan();
  let approval = newApproval(plan);
  assert.equal(approval.state, "draft");
  assert.equal(approval.plan_id, "plan-vcm-2024");

  const refused = throwsCode(
    () => cat.transition(approval, "approve", plan, { by: "secretaria_tecnica", at: "2024-05-02" }),
    "invalid_transition",
  );
  assert.equal(refused.state, "draft");
  assert.equal(refused.action, "approve");

  ({ approval } = cat.transition(approval, "submit", plan, { by: "mesa_vcm", at: "2024-05-02", comment: "primera versión" }));
  assert.equal(approval.state, "submitted");
  const validated = cat.transition(approval, "validate", plan, { by: "secretaria_tecnica", at: "2024-05-03" }, { asOf });
  assert.equal(validated.report.ok, true);
  approval = validated.approval;
  assert.equal(approval.state, "validated");
  const before = structuredClone(approval);
  ({ approval } = cat.transition(approval, "approve", plan, { by: "presidencia_pro_tempore", at: "2024-05-04T10:30:00" }));
  assert.equal(approval.state, "approved");
  assert.deepEqual(approval.trail.map((t) => [t.action, t.from, t.to, t.by]), [
    ["submit", "draft", "submitted", "mesa_vcm"],
    ["validate", "submitted", "validated", "secretaria_tecnica"],
    ["approve", "validated", "approved", "presidencia_pro_tempore"],
  ]);
  assert.equal(before.state, "validated", "the record passed in is not changed");

  assert.deepEqual(approvalStatus(approval, plan), {
    state: "approved",
    changed_since_approval: false,
    approved: true,
    content_hash: approval.trail[2].content_hash,
  });
  const edited = validPlan();
  edited.activities[0].title = "Webinar regional";
  const status = approvalStatus(JSON.stringify(approval), edited);
  assert.equal(status.changed_since_approval, true);
  assert.equal(status.approved, false);
});

test("validating a plan whose report has errors is refused with the diagnostics", () => {
  const plan = badPlan();
  const { approval } = cat.transition(null, "submit", plan, { by: "mesa_vcm", at: "2024-05-02" });
  const e = throwsCode(
    () => cat.transition(approval, "validate", plan, { by: "secretaria_tecnica", at: "2024-05-03" }, { asOf, lang: "en" }),
    "report_has_errors",
  );
  assert.deepEqual(e.diagnostics.map((d) => d.code), ["end_before_start", "unknown_code", "no_indicator"]);
  assert.match(e.diagnostics[0].message, /end date/);
  // Approving a plan edited after validation.
  const good = validPlan();
  let rec = cat.transition(null, "submit", good, { by: "mesa_vcm", at: "2024-05-02" }).approval;
  rec = cat.transition(rec, "validate", good, { by: "st", at: "2024-05-03" }).approval;
  good.activities[0].title = "Otro título";
  const changed = throwsCode(() => cat.transition(rec, "approve", good, { by: "ppt", at: "2024-05-04" }), "content_changed");
  assert.equal(changed.since, "validated");
  assert.equal(throwsCode(() => cat.transition(rec, "fly", good, { by: "ppt", at: "2024-05-04" }), "invalid_value").field, "action");
  assert.equal(throwsCode(() => cat.transition(rec, "approve", good, { by: "ppt" }), "invalid_json").path, "");
});

test("parsePlan gives the plan as the library reads it", () => {
  const p = parsePlan('{"id": "x", "activities": [{"lead": ["MEX"]}]}');
  assert.equal(p.id, "x");
  assert.equal(p.activities[0].lead, "MEX");
  assert.equal(p.working_group, null);
});

test("findingsColumns gives core's findings table, as Python's Report.to_table()", async () => {
  const { findingsColumns } = await import("lineamientos-wasm");
  const cat = Catalog.embedded();
  const report = cat.validatePlan({ activities: [{ id: "a1" }] }, { asOf: "2024-06-01" });
  const t = findingsColumns(report);
  assert.deepEqual(t.names, ["code", "severity", "path", "row", "column", "value", "suggestion", "message"]);
  assert.equal(t.columns[0].values.length, report.diagnostics.length);
  assert.deepEqual(t.columns[0].values, report.diagnostics.map((d) => d.code));
});

test("error details have the Python names: no_crosswalk has source and target", () => {
  const cat = Catalog.embedded();
  const e = throwsCode(() => cat.crosswalkPlan({ guideline_version: "2023", activities: [] }, "2017"), "no_crosswalk");
  assert.deepEqual([e.source, e.target], ["2023", "2017"]);
  const d = throwsCode(() => cat.validatePlan({ activities: [{ id: "a1" }, { start: "2024-02-30" }] }, { asOf: "2024-06-01" }), "invalid_json");
  assert.deepEqual([d.path, d.line, d.column], ["/activities/1/start", 0, 0]);
});
