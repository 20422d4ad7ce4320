// The bad-input corpus (tests/bad-inputs/, see its README) through the XLSX-capable build:
// every entry of manifest.json gives the outcome the manifest expects (the same as in Rust and
// Python): a LineamientosError with the code (and the limit named, for limit_exceeded), never
// a WebAssembly trap, or the import's counts and findings; the module keeps working after
// each. No entry is skipped: an unknown reader fails. Nothing is timed: the library's limits
// keep each entry short and its memory bounded.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import init, { Catalog, Cycle, Matrix, parsePlan } from "lineamientos-wasm/xlsx";
import { repoDir } from "./helpers.mjs";

await init();
const corpus = new URL("tests/bad-inputs/", `file://${repoDir}`);
const manifest = JSON.parse(readFileSync(new URL("manifest.json", corpus), "utf8"));
const BASE_CSV = manifest.base_csv;
// Keeps a BOM as a character, as Rust and Python read the same bytes.
const utf8 = new TextDecoder("utf-8", { ignoreBOM: true, fatal: true });

/** The committed file, or the recipe's parts concatenated. */
function bytesOf(entry) {
  if (!entry.recipe) return new Uint8Array(readFileSync(new URL(entry.file, corpus)));
  const text = entry.recipe.map((p) => ("text" in p ? p.text : p.repeat.repeat(p.times))).join("");
  return new TextEncoder().encode(text);
}

/** `max_cell_chars` -> `maxCellChars`: options are named in camelCase in JS errors. */
const camel = (s) => s.replace(/_([a-z])/g, (_, c) => c.toUpperCase());

function errorOutcome(e) {
  assert.ok(e instanceof Error, `threw a non-Error: ${String(e)}`);
  assert.equal(e.name, "LineamientosError", `a trap or foreign error: ${e.name}: ${e.message}`);
  const out = { error: e.code };
  if (e.code === "limit_exceeded") Object.assign(out, { what: e.what, limit: e.limit, option: e.option });
  return out;
}

function importOutcome(m) {
  const r = m.importReport;
  // Nothing lost: every row read is accepted or rejected, every rejection listed.
  assert.equal(r.rows_read, r.accepted + r.rejected);
  assert.equal(r.rejected_rows.length, r.rejected);
  assert.equal(m.length, r.accepted);
  const codes = {};
  for (const d of r.diagnostics) codes[d.code] = (codes[d.code] ?? 0) + 1;
  const sorted = Object.fromEntries(Object.entries(codes).sort(([a], [b]) => (a < b ? -1 : 1)));
  return { rows_read: r.rows_read, accepted: r.accepted, rejected: r.rejected, diagnostics: sorted };
}

/** Pivot specs and import options are JS objects: text that JSON.parse refuses never reaches
 * the library (core says invalid_json for it, which the manifest must expect). */
function hostObject(entry, bytes) {
  let value;
  try {
    value = JSON.parse(utf8.decode(bytes));
  } catch (e) {
    assert.ok(e instanceof SyntaxError, `${entry.file}: ${e}`);
    assert.equal(entry.expect.error, "invalid_json", entry.file);
    return entry.expect;
  }
  if (entry.reader === "options") Matrix.fromCsv(BASE_CSV, value);
  else Matrix.fromCsv(BASE_CSV).pivot(value);
  return { ok: true };
}

function outcome(entry) {
  const bytes = bytesOf(entry);
  const options = entry.options ?? {};
  try {
    switch (entry.reader) {
      case "csv":
        return importOutcome(Matrix.fromCsv(bytes, options));
      case "xlsx":
        return importOutcome(Matrix.fromXlsx(bytes, options));
      case "plan":
        parsePlan(utf8.decode(bytes));
        return { ok: true };
      case "catalog":
        Catalog.fromJson(utf8.decode(bytes));
        return { ok: true };
      case "cycle":
        new Cycle(utf8.decode(bytes)).free();
        return { ok: true };
      case "pivot_spec":
      case "options":
        return hostObject(entry, bytes);
      default:
        assert.fail(`unknown reader ${entry.reader}: this runner must learn it`);
    }
  } catch (e) {
    if (e instanceof assert.AssertionError) throw e;
    return errorOutcome(e);
  }
}

test("the corpus has at least 40 entries", () => {
  assert.ok(manifest.entries.length >= 40);
});

for (const entry of manifest.entries) {
  test(`bad input ${entry.file}`, () => {
    assert.ok(entry.expect, `${entry.file}: no expectation (run BLESS=1 cargo test)`);
    const expected = { ...entry.expect };
    if (typeof expected.option === "string") expected.option = camel(expected.option);
    assert.deepEqual(outcome(entry), expected);
    // The module keeps working after every bad input.
    assert.equal(Matrix.fromCsv(BASE_CSV).length, 1);
  });
}
