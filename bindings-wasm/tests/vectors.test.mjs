// The shared golden vectors of tests/vectors/ (format: tests/vectors/README.md), run through
// the package's public API exactly as cargo test and pytest run them. Every file is picked up;
// a kind or an API this runner does not know fails: a vector is never skipped.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join, relative } from "node:path";
import * as lm from "lineamientos-wasm";
import { repoDir } from "./helpers.mjs";
import { yamlToJson } from "lineamientos-wasm/yaml";

await lm.default();
// The full build (XLSX and the systematization report) for the kinds that need it.
const full = await import("lineamientos-wasm/full");
await full.default();
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

/**
 * `expected` is the exact multiset of findings on the `base` fields; a finding's suggestion is
 * compared only where the vector gives one (as the cargo and pytest runners do).
 */
function assertDiagnostics(actual, expected, base) {
  const sameSpot = (a, b) => base.every((k) => k === "severity" || (a[k] ?? null) === (b[k] ?? null));
  const keyOf = (d, withSuggestion) => {
    const o = Object.fromEntries(base.map((k) => [k, d[k] ?? null]));
    // whether the value was left out of a kept row: "dropped": true in a vector,
    // params.dropped === "true" in a report
    if (base.includes("row")) o.dropped = "dropped" in d ? d.dropped : d.params?.dropped === "true";
    if (withSuggestion) o.suggestion = d.suggestion ?? null;
    return JSON.stringify(o);
  };
  const want = expected.map((d) => keyOf(d, "suggestion" in d)).sort();
  const got = actual.map((d) => keyOf(d, expected.some((w) => "suggestion" in w && sameSpot(w, d)))).sort();
  assert.deepEqual(got, want, "diagnostics");
}

const numEq = (want, got) =>
  typeof want === "number" && typeof got === "number" ? Math.abs(want - got) < 1e-9 : want === (got ?? null);

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

/** `max_event_days` -> `maxEventDays`: option names as JS callers write them. */
const camel = (name) => name.replace(/_([a-z])/g, (_, c) => c.toUpperCase());

/** The call of an error vector, through the public JS API (options in camelCase). */
function errorCall(v) {
  const a = v.args;
  const matrix = () => lm.Matrix.fromCsv(v.input);
  switch (v.call) {
    case "validate_plan":
      return lm.Catalog.embedded().validatePlan(v.input, camelOptions(a));
    case "pivot":
      return matrix().pivot(camelOptions(a));
    case "import_csv":
      return lm.Matrix.fromCsv(v.input, camelOptions(a));
    case "time_series":
      return matrix().timeSeries(a.unit);
    case "gaps":
      return matrix().gaps(a.since);
    case "follow_up":
      return lm.Catalog.embedded().focalDirectory([]).followUp(a.as_of, a.interval_days);
    case "code_list":
      return lm.codeList(a.kind);
    default:
      assert.fail(`${v.name}: unknown call ${v.call}`);
  }
}

/**
 * The call throws the expected code, and every expected detail is a property of the error
 * with the same value (the Python exception's attributes). Option names (field, the first
 * segment of path, an unknown option's suggestion) are compared as JS callers write them.
 */
function runError(v) {
  let err;
  try {
    errorCall(v);
  } catch (e) {
    err = e;
  }
  assert.ok(err, `${v.name}: the call succeeded`);
  assert.equal(err.code, v.expected.code, `${v.name}: ${err.message}`);
  for (const [k, want] of Object.entries(v.expected)) {
    if (k === "code") continue;
    let expected = want;
    if (v.expected.code === "invalid_value" && k === "field") expected = camel(want);
    if (v.expected.code === "invalid_value" && k === "path") {
      expected = want.replace(/^\/([^/]+)/, (_, top) => `/${camel(top)}`);
    }
    if (v.expected.code === "invalid_value" && k === "suggestion" && v.expected.value === null && want !== null) {
      expected = camel(want);
    }
    assert.deepEqual(err[k] ?? null, expected, `${v.name}: ${k}`);
  }
}

/** The vector's rule file, from JSON text, as an object and (when given) from YAML: all three
 * must be the same file (same pin). */
function ruleSetsOf(v) {
  const forms = [full.RuleSet.fromJson(JSON.stringify(v.ruleset)), full.RuleSet.fromJson(v.ruleset)];
  if (v.ruleset_yaml) forms.push(full.RuleSet.fromJson(yamlToJson(v.ruleset_yaml)));
  return forms;
}

/** Rule-file findings in both languages, as the rule vectors write them (every field the
 * expected side gives is compared, in order). */
function assertRuleFindings(name, run, want) {
  const es = run("es").diagnostics.filter((d) => d.code.includes("."));
  const en = run("en").diagnostics.filter((d) => d.code.includes("."));
  assert.equal(es.length, want.length, `${name}: ${JSON.stringify(es)}`);
  want.forEach((w, i) => {
    const d = es[i];
    const params = Object.fromEntries(Object.entries(d.params ?? {}).filter(([k]) => !k.startsWith("message_")));
    const have = {
      code: d.code,
      severity: d.severity,
      path: d.path,
      value: d.value ?? null,
      message_es: d.message,
      message_en: en[i].message,
      params,
    };
    for (const [k, val] of Object.entries(w)) assert.deepEqual(have[k], val, `${name}: ${k} of ${JSON.stringify(have)}`);
  });
}

/** kind -> [the API it needs, or null when present; runner] */
const KINDS = {
  check_rules: [
    () => (typeof full.RuleSet?.fromJson === "function" ? null : "RuleSet.fromJson"),
    (v) => {
      const exp = v.expected;
      let ran = 0;
      for (const rs of ruleSetsOf(v)) {
        assert.deepEqual(rs.pin, exp.pin, `${v.name}: pin`);
        const options = camelOptions(v.options);
        if (v.matrix_csv) {
          const m = full.Matrix.fromCsv(v.matrix_csv);
          const run = (lang) => m.check(rs, { ...options, lang });
          assertRuleFindings(v.name, run, exp.matrix.diagnostics);
          const report = run("es");
          assert.deepEqual(report.outcomes ?? [], exp.matrix.outcomes, `${v.name}: outcomes`);
          assert.deepEqual(report.pins.rulesets, [exp.pin], `${v.name}: pins`);
          ran++;
        }
        if (v.plan) {
          const run = (lang) => full.Catalog.embedded().validatePlan(v.plan, { ...options, rulesets: [rs], lang });
          assertRuleFindings(v.name, run, exp.plan.rule_diagnostics);
          assert.deepEqual(run("es").outcomes ?? [], exp.plan.outcomes, `${v.name}: outcomes`);
          ran++;
        }
        if (v.cycle) {
          const cycle = new full.Cycle(v.cycle);
          if (v.matrix_csv) cycle.setMatrix(full.Matrix.fromCsv(v.matrix_csv));
          const run = (lang) => cycle.review(full.Catalog.embedded(), { ...options, rulesets: [rs], lang }).report;
          assertRuleFindings(v.name, run, exp.cycle.rule_diagnostics);
          assert.deepEqual(run("es").outcomes ?? [], exp.cycle.outcomes, `${v.name}: outcomes`);
          ran++;
        }
      }
      assert.ok(ran, `${v.name}: neither matrix_csv, plan nor cycle`);
    },
  ],
  bad_ruleset: [
    () => (typeof full.RuleSet?.fromJson === "function" ? null : "RuleSet.fromJson"),
    (v) => {
      let err = null;
      try {
        const rs = full.RuleSet.fromJson(JSON.stringify(v.ruleset));
        assert.ok(v.options, `${v.name}: the rule file loaded`);
        full.Catalog.embedded().validatePlan({}, { ...camelOptions(v.options), rulesets: [rs] });
      } catch (e) {
        err = e;
      }
      assert.ok(err, `${v.name}: should throw`);
      assert.equal(err.name, "LineamientosError", `${v.name}: ${err}`);
      for (const [k, want] of Object.entries(v.expected)) assert.deepEqual(err[k] ?? null, want, `${v.name}: ${k}`);
    },
  ],
  lookup_institution: [
    () => (typeof lm.Catalog.prototype.lookupInstitution === "function" ? null : "Catalog.lookupInstitution"),
    (v) => {
      const cat = catalogOf(v);
      for (const l of v.lookups) {
        const where = `${JSON.stringify(l.value)} in ${JSON.stringify(l.country)}`;
        if (l.expected.error) {
          let err = null;
          try {
            cat.lookupInstitution(l.value, l.country ?? undefined);
          } catch (e) {
            err = e;
          }
          assert.ok(err, `${where} should throw`);
          for (const [k, want] of Object.entries(l.expected.error)) assert.deepEqual(err[k], want, `${where}: ${k}`);
          continue;
        }
        assert.deepEqual(cat.lookupInstitution(l.value, l.country ?? undefined), { value: l.value, ...l.expected }, where);
      }
    },
  ],
  bad_argument: [() => null, runError],
  audit: [
    () => (typeof lm.auditPublished === "function" ? null : "auditPublished"),
    (v) => {
      const audit = lm.auditPublished(v.published);
      const got = audit.entries.map((e) => ({ row: e.row ?? null, col: e.col ?? null, lo: e.lo, hi: e.hi ?? null }));
      assert.deepEqual(got, v.expected);
    },
  ],
  bad_document: [() => null, runError],
  systematize: [
    () => (full && typeof full.Cycle.prototype.systematize === "function" ? null : "Cycle.systematize (full build)"),
    (v) => {
      const read = (k) => readFileSync(join(repoDir, v.files[k]), "utf8");
      const cat = full.Catalog.embedded();
      const cycle = new full.Cycle(read("cycle"));
      cycle.setMatrix(full.Matrix.fromCsv(read("matrix_csv")));
      cycle.setFocalPoints(cat.focalDirectory(read("focal_points")));
      const s = cycle.systematize(cat, camelOptions(v.options)).toJSON();
      const code = (key) => (key.length ? key[0].code ?? null : null);
      const got = {
        illustrative: s.illustrative,
        figures: s.figures,
        actions: s.actions.map((a) => ({ rule: a.rule, axis: a.axis, figures: a.figures })),
        withheld: s.participants.cells.filter((c) => c.suppressed).map((c) => [code(s.participants.rows[c.row]), code(s.participants.cols[c.col])]),
        pins: { cycle_hash: s.pins.cycle_hash, matrix_hash: s.pins.matrix_hash },
      };
      for (const [key, want] of Object.entries(v.expected)) {
        assert.deepEqual(got[key], want, `${v.name}: ${key}`);
      }
    },
  ],
  review_cycle: [
    () => (typeof lm.Cycle === "function" ? null : "Cycle"),
    (v) => {
      const cat = catalogOf(v);
      const cycle = new lm.Cycle(v.input);
      if (v.matrix_csv) cycle.setMatrix(lm.Matrix.fromCsv(v.matrix_csv));
      if (v.focal_points) cycle.setFocalPoints(cat.focalDirectory(v.focal_points));
      const r = cycle.review(cat, camelOptions(v.options));
      const byPath = (a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
      const got = {
        activities: r.activities.map((a) => ({ activity_id: a.activity_id, state: a.state, approved: a.approved, entries: a.entries })),
        tables: r.tables.map((t) => ({
          table: t.table ?? null, axis: t.axis ?? null, approval: t.approval ?? null, approved: t.approved,
          planned: t.activities.planned, reported: t.activities.reported, behind: t.activities.behind,
          done: t.activities.done, not_reported: t.activities.not_reported,
        })),
        agreements: r.agreements.map((a) => ({ id: a.id ?? null, status: a.status, days_overdue: a.days_overdue ?? null })),
        general_plan: r.general_plan.plans.map((p) => p.id),
        priority_areas: r.priority_areas,
        entries: r.entries,
        confirmed: r.confirmed,
        diagnostics: r.report.diagnostics.map((d) => ({ code: d.code, severity: d.severity, path: d.path })).sort(byPath),
      };
      for (const [key, want] of Object.entries(v.expected)) {
        const w = key === "diagnostics" ? [...want].sort(byPath) : want;
        assert.deepEqual(got[key], w, `${v.name}: ${key}`);
      }
    },
  ],
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
      assert.equal(r.rows_read, r.accepted + r.rejected, "counts add up");
      for (const k of ["rows_read", "accepted", "rejected", "rejected_rows", "rows_with_dropped_values", "encoding", "delimiter"]) {
        if (k in exp) assert.deepEqual(r[k] ?? null, exp[k], k);
      }
      if (exp.diagnostics) assertDiagnostics(r.diagnostics, exp.diagnostics, ["code", "severity", "row", "column"]);
      if (exp.entries) {
        const entries = m.entries();
        assert.equal(entries.length, exp.entries.length, "number of entries");
        exp.entries.forEach((want, i) => {
          for (const [k, val] of Object.entries(want)) {
            const got = entries[i][k];
            if (typeof val === "number") assert.ok(numEq(val, got), `entry ${i} field ${k}: got ${got}, want ${val}`);
            else assert.deepEqual(got ?? null, val, `entry ${i} field ${k}`);
          }
        });
      }
    },
  ],
  pivot: [
    () => (typeof lm.Matrix?.prototype.pivot === "function" ? null : "Matrix.pivot"),
    (v) => checkTable(v, readMatrix(v).pivot(camelOptions(v.pivot))),
  ],
  // Partitions of the file, a partial each (through its JSON, as between workers), merged in
  // `merge_order`, finished: the expected table and the whole file's pivot (full build).
  pivot_partial: [
    () => (typeof full.Matrix?.prototype.pivotPartial === "function" ? null : "Matrix.pivotPartial (full build)"),
    (v) => {
      const [header, ...lines] = v.input_csv.split("\n");
      const data = lines.filter((l) => l);
      const spec = camelOptions(v.pivot);
      const parts = v.partitions.map((p) => {
        const csv = [header, ...p.map((i) => data[i])].map((l) => l + "\n").join("");
        const sent = full.Matrix.fromCsv(csv).pivotPartial(spec).toJson();
        return full.PivotPartial.fromJson(sent);
      });
      const [first, ...rest] = v.merge_order.map((i) => parts[i]);
      const merged = rest.reduce((acc, p) => acc.merge(p), first);
      const t = merged.finish();
      checkTable(v, t);
      assert.deepEqual(t, full.Matrix.fromCsv(v.input_csv).pivot(spec), "merged = whole");
    },
  ],
};

function checkTable(v, t) {
  const exp = v.expected;
  const codes = (key) => JSON.stringify(key.map((p) => p.code ?? null));
  const rowAt = (want) => t.rows.findIndex((k) => codes(k) === JSON.stringify(want));
  const colAt = (want) => t.cols.findIndex((k) => codes(k) === JSON.stringify(want));
  if (exp.cells) {
    for (const c of exp.cells) {
      const r = rowAt(c.row);
      const k = colAt(c.col);
      const cell = t.cells.find((x) => x.row === r && x.col === k);
      assert.ok(cell, `cell ${JSON.stringify(c.row)} x ${JSON.stringify(c.col)} present`);
      assert.ok(numEq(c.value, cell.value), `cell ${JSON.stringify(c)}: got ${cell.value}`);
      if ("suppressed" in c) assert.equal(cell.suppressed, c.suppressed, `suppressed ${JSON.stringify(c)}`);
      if ("reason" in c) assert.equal(cell.reason ?? null, c.reason, `reason ${JSON.stringify(c)}`);
    }
    assert.equal(t.cells.length, exp.cells.length, "non-empty cells");
  }
  for (const [name, keys, totals, field] of [
    ["row_totals", t.rows, t.row_totals, "row"],
    ["col_totals", t.cols, t.col_totals, "col"],
  ]) {
    if (!exp[name]) continue;
    assert.equal(exp[name].length, keys.length, `${name} count`);
    for (const w of exp[name]) {
      const i = keys.findIndex((k) => codes(k) === JSON.stringify(w[field]));
      assert.ok(i >= 0, `${name}: no line ${JSON.stringify(w[field])}`);
      assert.ok(numEq(w.value, totals[i].value), `${name} ${JSON.stringify(w[field])}: got ${totals[i].value}`);
    }
  }
  if ("grand_total" in exp) assert.ok(numEq(exp.grand_total, t.grand_total.value), `grand total ${t.grand_total.value}`);
  if (exp.rows) assert.deepEqual(t.rows.map(codes), exp.rows.map((r) => JSON.stringify(r)), "row order");
  if (exp.cols) assert.deepEqual(t.cols.map(codes), exp.cols.map((c) => JSON.stringify(c)), "col order");
}

test("the shared vectors directory exists", () => {
  assert.ok(existsSync(join(vectorsDir, "README.md")));
});

for (const file of vectorFiles(vectorsDir)) {
  const name = relative(vectorsDir, file);
  const vector = JSON.parse(readFileSync(file, "utf8"));
  const kind = KINDS[vector.kind];
  test(`vector ${name}`, () => {
    assert.ok(kind, `vector kind "${vector.kind}" has no JavaScript runner`);
    const missing = kind[0]();
    assert.equal(missing, null, `${missing} is not in this build`);
    assert.equal(vector.name, name.replace(/^.*\//, "").replace(/\.json$/, ""), "name equals file name");
    kind[1](vector);
  });
}
