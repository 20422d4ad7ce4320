// The shared golden vectors of tests/vectors/ (format: tests/vectors/README.md), run through
// the package's public API exactly as cargo test and pytest run them. Every file is picked up;
// a kind this build does not know yet is skipped with a message saying so.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join, relative } from "node:path";
import * as lm from "lineamientos-wasm";
import { repoDir } from "./helpers.mjs";

await lm.default();
const vectorsDir = join(repoDir, "tests", "vectors");

function vectorFiles(dir) {
  const out = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...vectorFiles(p));
    else if (e.name.endsWith(".json")) out.push(p);
  }
  return out.sort();
}

/** snake_case option keys of the vectors to the camelCase options of the JS API. */
function camelOptions(options = {}) {
  const out = {};
  for (const [k, v] of Object.entries(options)) {
    out[k.replace(/_([a-z])/g, (_, c) => c.toUpperCase())] = v;
  }
  return out;
}

function catalogOf(vector) {
  const c = vector.catalog ?? "embedded";
  return c === "embedded" ? lm.Catalog.embedded() : lm.Catalog.fromJson(c);
}

/** The file content as bytes in the vector's `input_encoding` (utf-8 or latin-1). */
function encodeInput(text, encoding = "utf-8") {
  if (encoding === "latin-1") {
    const bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      assert.ok(c < 256, `character ${text[i]} is not Latin-1`);
      bytes[i] = c;
    }
    return bytes;
  }
  return new TextEncoder().encode(text);
}

const key = (d) => JSON.stringify([d.path ?? "", d.row ?? 0, d.column ?? "", d.code]);

/**
 * `expected` is the exact multiset of findings projected on `base` fields; fields an expected
 * finding adds (suggestion, value, ...) must match too.
 */
function assertDiagnostics(actual, expected, base) {
  const project = (d) => Object.fromEntries(base.map((k) => [k, d[k] ?? null]));
  const a = [...actual].sort((x, y) => key(x).localeCompare(key(y)));
  const e = [...expected].sort((x, y) => key(x).localeCompare(key(y)));
  assert.deepEqual(a.map(project), e.map(project), "diagnostics (sorted by path, row, column, code)");
  e.forEach((exp, i) => {
    for (const [k, v] of Object.entries(exp)) {
      assert.deepEqual(a[i][k] ?? null, v, `diagnostic ${i} (${exp.code}) field ${k}`);
    }
  });
}

function assertReport(report, expected) {
  if ("ok" in expected) assert.equal(report.ok, expected.ok, "ok");
  if (expected.summary) assert.deepEqual(report.summary, expected.summary, "summary");
  if (expected.diagnostics) assertDiagnostics(report.diagnostics, expected.diagnostics, ["code", "severity", "path"]);
}

function readMatrix(vector) {
  const cat = catalogOf(vector);
  const bytes = encodeInput(vector.input_csv, vector.input_encoding);
  return cat.readCsv(bytes, camelOptions(vector.options));
}

/** kind -> [the API it needs, or null when present; runner] */
const KINDS = {
  validate_plan: [
    () => (typeof lm.Catalog.prototype.validatePlan === "function" ? null : "Catalog.validatePlan"),
    (v) => {
      const report = catalogOf(v).validatePlan(v.input, camelOptions(v.options));
      assertReport(report, v.expected);
    },
  ],
  merge_plans: [
    () => (typeof lm.Catalog.prototype.mergePlans === "function" ? null : "Catalog.mergePlans"),
    (v) => {
      const { general, report } = catalogOf(v).mergePlans(v.inputs, camelOptions(v.options));
      assertReport(report, v.expected);
      for (const [axis, count] of Object.entries(v.expected.coverage ?? {})) {
        const cov = general.coverage.find((c) => c.axis === axis);
        assert.equal(cov?.activities.length ?? 0, count, `coverage of ${axis}`);
      }
    },
  ],
  review_guidelines: [
    () => (typeof lm.Catalog.prototype.reviewGuidelines === "function" ? null : "Catalog.reviewGuidelines"),
    (v) => assertReport(catalogOf(v).reviewGuidelines(v.version, camelOptions(v.options)), v.expected),
  ],
  import_csv: [
    () => (typeof lm.Catalog.prototype.readCsv === "function" ? null : "Catalog.readCsv"),
    (v) => {
      const m = readMatrix(v);
      const r = m.importReport;
      const exp = v.expected;
      for (const k of ["rows_read", "accepted", "rejected"]) {
        if (k in exp) assert.equal(r[k], exp[k], k);
      }
      assert.equal(r.rows_read, r.accepted + r.rejected, "counts add up");
      if (exp.diagnostics) assertDiagnostics(r.diagnostics, exp.diagnostics, ["code", "severity", "row", "column"]);
      if (exp.entries) {
        const entries = m.entries();
        for (const want of exp.entries) {
          const got = entries.find((e) => e.id === want.id);
          assert.ok(got, `entry ${want.id} accepted`);
          for (const [k, val] of Object.entries(want)) assert.deepEqual(got[k], val, `entry ${want.id} field ${k}`);
        }
      }
    },
  ],
  pivot: [
    () => (typeof lm.Matrix?.prototype.pivot === "function" ? null : "Matrix.pivot"),
    (v) => {
      const m = readMatrix(v);
      const t = m.pivot(camelOptions(v.pivot));
      const exp = v.expected;
      const cellKey = (c) => JSON.stringify([c.row, c.col]);
      const got = new Map(t.cells.map((c) => [cellKey(c), c]));
      for (const want of exp.cells ?? []) {
        const c = got.get(cellKey(want));
        assert.ok(c, `cell ${cellKey(want)} present`);
        for (const [k, val] of Object.entries(want)) assert.deepEqual(c[k], val, `cell ${cellKey(want)} ${k}`);
      }
      const listed = new Set((exp.cells ?? []).map(cellKey));
      for (const c of t.cells) {
        if (!listed.has(cellKey(c))) assert.ok(c.value === null || c.value === 0, `unexpected cell ${cellKey(c)}: ${c.value}`);
      }
      for (const k of ["row_totals", "col_totals", "grand_total"]) {
        if (k in exp) assert.deepEqual(t[k], exp[k], k);
      }
    },
  ],
};

test("the shared vectors directory exists", () => {
  assert.ok(existsSync(join(vectorsDir, "README.md")));
});

for (const file of vectorFiles(vectorsDir)) {
  const name = relative(vectorsDir, file);
  const vector = JSON.parse(readFileSync(file, "utf8"));
  const kind = KINDS[vector.kind];
  if (!kind) {
    test(`vector ${name}`, { skip: `kind "${vector.kind}" is not known to the JavaScript runner yet` }, () => {});
    continue;
  }
  const missing = kind[0]();
  if (missing) {
    test(`vector ${name}`, { skip: `${missing} is not in this build yet` }, () => {});
    continue;
  }
  test(`vector ${name}`, () => {
    assert.equal(vector.name, name.replace(/^.*\//, "").replace(/\.json$/, ""), "name equals file name");
    kind[1](vector);
  });
}
