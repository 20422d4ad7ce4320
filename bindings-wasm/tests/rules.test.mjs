// Rule files from JavaScript: YAML as the Python package reads it (shared cases), rule files in
// the full build's validatePlan / mergePlans / Matrix.check, the default module refusing them,
// and the example rule files shipped with the project.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import * as lm from "lineamientos-wasm";
import * as full from "lineamientos-wasm/full";
import { yamlToJson } from "lineamientos-wasm/yaml";
import { repoDir } from "./helpers.mjs";

await lm.default();
await full.default();

const read = (...p) => JSON.parse(readFileSync(join(repoDir, ...p), "utf8"));
const yamlCases = read("tests", "yaml", "cases.json").cases;
const planVector = read("tests", "vectors", "rules", "rules-plan-activities.json");

function thrown(f) {
  try {
    f();
  } catch (e) {
    return e;
  }
  assert.fail("did not throw");
}

for (const c of yamlCases) {
  test(`yamlToJson: ${c.name}`, () => {
    if ("json" in c) {
      assert.equal(yamlToJson(c.yaml), c.json);
      return;
    }
    const err = thrown(() => yamlToJson(c.yaml));
    assert.equal(err.name, "LineamientosError");
    for (const [k, v] of Object.entries(c.error)) assert.deepEqual(err[k], v, k);
  });
}

test("yamlToJson takes text only", () => {
  assert.equal(thrown(() => yamlToJson(42)).code, "invalid_value");
});

test("a mistake in an expression points into it", () => {
  const bad = structuredClone(planVector.ruleset);
  bad.rules[1].check = "size(indicatorz) >= 1";
  const err = thrown(() => full.RuleSet.fromJson(bad));
  assert.equal(err.code, "invalid_rule");
  assert.equal(err.path, "/rules/1/check");
  assert.equal(err.column, 6);
  assert.equal(err.suggestion, "indicators");
});

test("a RuleSet gives its file back and its pin", () => {
  const rs = full.RuleSet.fromJson(planVector.ruleset);
  assert.equal(rs.id, "demo_plans");
  assert.deepEqual(rs.codes, planVector.ruleset.rules.map((r) => r.code));
  assert.deepEqual(rs.pin, { id: rs.id, version: rs.version, hash: rs.hash });
  assert.equal(full.RuleSet.fromJson(JSON.stringify(rs)).hash, rs.hash);
});

test("one rule set or a list gives the same report; the same file twice is refused", () => {
  const rs = full.RuleSet.fromJson(planVector.ruleset);
  const cat = full.Catalog.embedded();
  const one = cat.validatePlan(planVector.plan, { asOf: "2024-06-01", rulesets: rs });
  const listed = cat.validatePlan(planVector.plan, { asOf: "2024-06-01", rulesets: [rs] });
  assert.deepEqual(one, listed);
  assert.deepEqual(one.pins.rulesets, [rs.pin]);
  const err = thrown(() => cat.validatePlan(planVector.plan, { asOf: "2024-06-01", rulesets: [rs, rs] }));
  assert.equal(err.code, "invalid_value");
  assert.equal(err.path, "/rulesets/1");
  assert.equal(thrown(() => cat.validatePlan(planVector.plan, { asOf: "2024-06-01", rulesets: [3] })).code, "invalid_value");
});

test("mergePlans runs rule files over every plan", () => {
  const rs = full.RuleSet.fromJson(planVector.ruleset);
  const second = { ...planVector.plan, id: "q" };
  const { report } = full.Catalog.embedded().mergePlans([planVector.plan, second], { asOf: "2024-06-01", rulesets: [rs] });
  const paths = report.diagnostics.filter((d) => d.code === "demo_plans.has_indicator").map((d) => d.path).sort();
  assert.deepEqual(paths, ["/plans/0/activities/1", "/plans/1/activities/1"]);
  const counts = Object.fromEntries(report.outcomes.map((o) => [o.code, o]));
  assert.equal(counts["demo_plans.has_indicator"].fail, 2);
  assert.equal(counts["demo_plans.has_indicator"].pass, 4);
});

test("Matrix.check takes the rule files as its first argument only", () => {
  const rs = full.RuleSet.fromJson(planVector.ruleset);
  const m = full.Matrix.fromCsv(read("tests", "vectors", "rules", "rules-matrix-entries.json").matrix_csv);
  const err = thrown(() => m.check([], { asOf: "2024-06-01", rulesets: [rs] }));
  assert.equal(err.code, "invalid_value");
  const report = m.check([], { asOf: "2024-06-01" });
  assert.deepEqual(report.diagnostics, []);
});

test("the default module refuses rule files instead of ignoring them", () => {
  assert.equal(typeof lm.RuleSet, "undefined");
  const err = thrown(() =>
    lm.Catalog.embedded().validatePlan(planVector.plan, { asOf: "2024-06-01", rulesets: [planVector.ruleset] }),
  );
  assert.equal(err.code, "invalid_value");
  assert.equal(err.field, "rulesets");
  assert.match(err.expected, /lineamientos-wasm\/full/);
  // Without rule files the default module validates as before.
  assert.ok(lm.Catalog.embedded().validatePlan(planVector.plan, { asOf: "2024-06-01", rulesets: null }));
});

for (const name of readdirSync(join(repoDir, "examples", "rules")).filter((n) => n.endsWith(".json")).sort()) {
  test(`example rule file ${name} loads with its tests`, () => {
    const file = read("examples", "rules", name);
    const rs = full.RuleSet.fromJson(file);
    assert.equal(rs.id, file.ruleset);
    // A for_each rule gives one code per value of its list: <code>_<value>.
    const written = file.rules.map((r) => r.code);
    assert.ok(rs.codes.length >= written.length);
    for (const code of rs.codes) assert.ok(written.some((w) => code === w || code.startsWith(`${w}_`)), code);
    assert.match(rs.hash, /^sha256:[0-9a-f]{64}$/);
  });
}
