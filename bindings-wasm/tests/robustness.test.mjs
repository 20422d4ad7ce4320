// No input reaches a panic: odd, hostile and malformed inputs either give a result or throw a
// LineamientosError (never a WebAssembly trap such as "unreachable"), and the instance keeps
// working after every failure.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as lm from "lineamientos-wasm";

const cat = lm.Catalog.embedded();
const asOf = "2024-06-01";

const deep = (n) => {
  let v = [];
  for (let i = 0; i < n; i++) v = [v];
  return v;
};

const ODD_VALUES = [
  undefined, null, true, 0, -1, 1e308, -0, NaN, Infinity, 2 ** 53 + 1, "", " ", "null", "[]", "{}",
  "\u0000", "\ud800", "💥".repeat(1000), "{".repeat(10000), "[".repeat(10000) + "]".repeat(10000),
  [], [null], [[[]]], {}, { activities: null }, { activities: [null] }, { activities: [[]] },
  { activities: [{ lead: [[]] }] }, { activities: [{ lead: 5 }] }, { period: { start: "0000-01-01", end: "9999-12-31" } },
  { period: { start: "2024-01-01", end: "2024-01-01" }, activities: [{ start: "-262143-01-01", end: "+262142-12-31", kind: "meeting" }] },
  { activities: [{ indicators: [{ target: 1e308 }, { baseline: -1e308 }] }] },
  { activities: Array.from({ length: 300 }, (_, i) => ({ id: "a", kind: "webinar", start: "2024-03-05", end: "2024-03-05", lead: "MEX", participants: ["GTM"], guidelines: [`VCM-${i}`] })) },
  { guideline_version: "", axis: "", activities: [{ guidelines: ["", " ", "-", "VCM-"] }] },
  deep(200), new Uint8Array([1, 2, 3]), new Map([["id", "x"]]), () => 1, Symbol("s"),
];

function call(name, fn) {
  try {
    return fn();
  } catch (e) {
    assert.ok(e instanceof Error, `${name}: threw a non-Error ${String(e)}`);
    assert.equal(e.name, "LineamientosError", `${name}: ${e.name}: ${e.message}`);
    assert.equal(typeof e.code, "string", `${name}: no code`);
    return e;
  }
}

test("every plan function survives odd input and stays usable", () => {
  for (const [i, v] of ODD_VALUES.entries()) {
    call(`validatePlan #${i}`, () => cat.validatePlan(v, { asOf }));
    call(`validatePlan options #${i}`, () => cat.validatePlan({}, v));
    call(`validatePlan asOf #${i}`, () => cat.validatePlan({}, { asOf: v }));
    call(`validatePlan rules #${i}`, () => cat.validatePlan({}, { asOf, rules: v, maxEventDays: v }));
    call(`validatePlans #${i}`, () => cat.validatePlans(v, { asOf }));
    call(`mergePlans #${i}`, () => cat.mergePlans([v, v], { asOf }));
    call(`crosswalkPlan #${i}`, () => cat.crosswalkPlan(v, "2023"));
    call(`transition #${i}`, () => cat.transition(v, "submit", v, v));
    call(`newApproval #${i}`, () => lm.newApproval(v));
    call(`parsePlan #${i}`, () => lm.parsePlan(v));
    call(`fromJson #${i}`, () => lm.Catalog.fromJson(v));
  }
  assert.equal(cat.validatePlan({ id: "x" }, { asOf }).diagnostics.length > 0, true);
  assert.equal(cat.members().length, 11);
});

test("lookups survive odd strings", () => {
  const strings = ["", " ", "\u0000", "\ud800", "💥".repeat(5000), "a".repeat(100000), "ÀÉÎÕÜ", "-", "--", "0", "-1", "99999999999999999999"];
  for (const s of strings) {
    call("parseCountry", () => cat.parseCountry(s));
    call("parseOrganization", () => cat.parseOrganization(s));
    call("parseParticipant", () => cat.parseParticipant(s));
    call("parseAxis", () => cat.parseAxis(s, s));
    call("parseGuideline", () => cat.parseGuideline("2023", s));
    call("parseGcmObjective", () => cat.parseGcmObjective(s));
    call("parseSdg", () => cat.parseSdg(s));
    call("parseGcmPrinciple", () => cat.parseGcmPrinciple(s));
    call("reviewGuidelines", () => cat.reviewGuidelines(s, { asOf }));
    call("mapGuideline", () => cat.mapGuideline(s, s, s));
    call("unaddressedChallenges", () => cat.unaddressedChallenges(s));
    call("parseCode", () => lm.parseCode("status", s));
    call("codeList", () => lm.codeList(s));
  }
  for (const n of [-1, 0, 65535, 2 ** 31, -(2 ** 31)]) {
    call("congress", () => cat.congress(n));
    call("presidency", () => cat.presidency(n));
  }
  assert.equal(cat.parseCountry("MX").iso3, "MEX");
});
