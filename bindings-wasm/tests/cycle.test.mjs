// The congress cycle from JavaScript: load, review, errors from core (same vectors as Rust
// and Python in vectors.test.mjs; here the API around them).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as lm from "lineamientos-wasm";
import { repoDir } from "./helpers.mjs";

await lm.default();
const vector = JSON.parse(
  readFileSync(join(repoDir, "tests", "vectors", "cycle", "cycle-congress-v.json"), "utf8"),
);

function reviewed(options = { asOf: "2025-06-01" }) {
  const cat = lm.Catalog.embedded();
  const cycle = new lm.Cycle(JSON.stringify(vector.input));
  const m = lm.Matrix.fromCsv(vector.matrix_csv);
  cycle.setMatrix(m);
  cycle.setFocalPoints(cat.focalDirectory(vector.focal_points));
  // The cycle keeps a copy: the caller's matrix is still usable.
  assert.equal(m.length, 5);
  return cycle.review(cat, options);
}

test("a cycle loads from text or object and reviews", () => {
  const cycle = new lm.Cycle(vector.input);
  assert.equal(cycle.congress, 5);
  assert.deepEqual(cycle.toJSON().tables.map((t) => t.id), ["mesa-vcm", "mesa-emp", "mesa-x"]);
  const r = reviewed({ asOf: "2025-06-01", lang: "en" });
  assert.deepEqual(r.general_plan.plans.map((p) => p.id), ["plan-vcm"]);
  assert.equal(r.general_plan.sources[0].approval.state, "approved");
  const unknown = r.report.diagnostics.find((d) => d.code === "unknown_activity");
  assert.equal(unknown.suggestion, "vcm-3");
  assert.match(unknown.message, /names activity "vcm-33"/);
  assert.equal(r.report.lang, "en");
  const overdue = r.agreements.filter((a) => a.days_overdue !== undefined);
  assert.deepEqual(overdue.map((a) => [a.id, a.days_overdue]), [["ac-1", 62]]);
  assert.equal(r.activities[0].progress.source, "reported");
  assert.ok(!JSON.stringify(r).includes("Persona Ficticia"), "no focal point's name in the review");
});

test("bad documents and options are named by core", () => {
  assert.throws(
    () => new lm.Cycle({ congress: "V", events: [{ start: "2024-02-30" }] }),
    (e) => e.code === "invalid_json" && e.path === "/events/0/start",
  );
  const cycle = new lm.Cycle(vector.input);
  const cat = lm.Catalog.embedded();
  assert.throws(
    () => cycle.review(cat, { asOf: "2025-06-01", confirmFocalPoint: true }),
    (e) => e.code === "invalid_value" && e.field === "confirmFocalPoint" && e.suggestion === "confirmFocalPoints",
  );
  assert.throws(
    () => cycle.review(cat, { asOf: "2025-06-01", behindTargetMargin: 101 }),
    (e) => e.code === "invalid_value" && e.field === "behindTargetMargin",
  );
  assert.throws(() => cycle.review(cat, {}), (e) => e.code === "invalid_value" && e.field === "asOf");
});

test("mergePlans takes approved plans only when asked", () => {
  const cat = lm.Catalog.embedded();
  const { plans, approvals } = vector.input;
  const { general, report } = cat.mergePlans(plans, { asOf: "2025-06-01", approvedOnly: true }, approvals.slice(0, 2));
  assert.deepEqual(general.plans.map((p) => p.id), ["plan-vcm"]);
  assert.deepEqual(report.diagnostics.filter((d) => d.code === "plan_not_approved").map((d) => d.path), ["/plans/1"]);
  const all = cat.mergePlans(plans, { asOf: "2025-06-01" }, approvals.slice(0, 2));
  assert.deepEqual(all.general.sources.map((s) => s.approval.state), ["approved", "submitted"]);
  assert.deepEqual(cat.mergePlans(plans, { asOf: "2025-06-01" }).general.sources.map((s) => s.index), [0, 1]);
});

test("agreement code lists", () => {
  assert.deepEqual(lm.codeList("agreement_status").map((c) => c.code), ["open", "in_progress", "done", "dropped"]);
});

test("the systematization report is in the full build, with the same figures", async () => {
  assert.equal(typeof lm.Cycle.prototype.systematize, "undefined", "not in the default module");
  const full = await import("lineamientos-wasm/full");
  await full.default();
  const dir = join(repoDir, "examples", "cycle");
  const cat = full.Catalog.embedded();
  const cycle = new full.Cycle(readFileSync(join(dir, "cycle.json"), "utf8"));
  cycle.setMatrix(full.Matrix.fromCsv(readFileSync(join(dir, "matrix.csv"), "utf8")));
  cycle.setFocalPoints(cat.focalDirectory(readFileSync(join(dir, "focal_points.json"), "utf8")));
  const report = cycle.systematize(cat, { asOf: "2024-06-30" });
  assert.deepEqual(report.illustrative, ["guidelines", "data"]);
  const data = report.toJSON();
  assert.deepEqual(data.figures.members_silent, ["USA", "NIC"]);
  const behind = data.actions.find((a) => a.rule === "support_activity_behind");
  assert.equal(behind.figures.activity, "vcm-02");
  const html = report.toHtml("en");
  assert.ok(html.startsWith("<!DOCTYPE html>") && html.includes("Illustrative") && html.includes("<svg"));
  assert.ok(!html.includes("Persona Ficticia"));
  assert.match(report.toMarkdown(), /## Acciones prioritarias/);
  assert.throws(
    () => cycle.systematize(cat, { asOf: "2024-06-30", suppressBelow: 0 }),
    (e) => e.code === "invalid_value" && e.field === "suppressBelow",
  );
  // The same figures as Rust and Python: the pins hash the same cycle and matrix.
  assert.match(data.pins.cycle_hash, /^sha256:[0-9a-f]{64}$/);
});
