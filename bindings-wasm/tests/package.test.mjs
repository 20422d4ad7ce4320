// The npm package as consumers use it: exports for Node (ESM and CommonJS) and browsers,
// declarations that describe the real shapes, and the code lists shared with Rust.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { readFileSync, existsSync } from "node:fs";
import * as esm from "lineamientos-wasm";
import { messageTemplates } from "lineamientos-wasm";
import { dts, pkgDir, unionMembers } from "./helpers.mjs";

const require = createRequire(import.meta.url);

test("package.json: name, version and exports point at existing files", () => {
  const pkg = JSON.parse(readFileSync(`${pkgDir}package.json`, "utf8"));
  assert.equal(pkg.name, "lineamientos-wasm");
  assert.match(pkg.version, /^\d+\.\d+\.\d+/);
  const targets = [];
  const walk = (v) => (typeof v === "string" ? targets.push(v) : Object.values(v).forEach(walk));
  walk(pkg.exports);
  for (const t of [...targets, pkg.main, pkg.module, pkg.types]) {
    assert.ok(existsSync(`${pkgDir}${t}`), `missing ${t}`);
  }
  assert.ok(existsSync(`${pkgDir}README.md`));
});

test("Node: ESM import and require() give the same API", () => {
  const cjs = require("lineamientos-wasm");
  for (const name of ["Catalog", "codeList", "parseCode", "messageTemplates", "libraryVersion"]) {
    assert.equal(typeof esm[name], "function", `ESM ${name}`);
    assert.equal(typeof cjs[name], "function", `CJS ${name}`);
  }
  assert.equal(typeof esm.default, "function", "default export init()");
  assert.equal(cjs.Catalog.embedded().hash, esm.Catalog.embedded().hash);
});

test("the browser build: ES module with init() and the .wasm next to it", () => {
  const js = readFileSync(`${pkgDir}web/lineamientos_wasm.js`, "utf8");
  assert.match(js, /__wbg_init as default/);
  assert.match(js, /lineamientos_wasm_bg\.wasm/);
  assert.ok(existsSync(`${pkgDir}web/lineamientos_wasm_bg.wasm`));
});

test("the .d.ts types reports and data without `any`", () => {
  // The public part: wasm-bindgen's own InitOutput (raw exports of the module) follows it.
  const text = dts().split("export type InitInput")[0];
  for (const name of ["Report", "Diagnostic", "Pins", "Summary", "Country", "GuidelineSet", "CatalogData", "LineamientosError"]) {
    assert.match(text, new RegExp(`export interface ${name}\\b`), name);
  }
  assert.doesNotMatch(text, /:\s*any\b/, "no `any` in the declarations");
  assert.match(text, /members\(\): Country\[\]/);
});

test("DiagnosticCode in the .d.ts equals the codes the library emits", () => {
  const rust = messageTemplates().map((t) => t.code).sort();
  assert.deepEqual(unionMembers("DiagnosticCode").sort(), rust);
  for (const t of messageTemplates()) {
    assert.ok(["error", "warning", "info"].includes(t.severity), t.code);
    assert.ok(t.es.length > 0 && t.en.length > 0, t.code);
  }
});
