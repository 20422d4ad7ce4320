// Headless Chromium test of the demo page: loads it from a local server, checks the
// catalogue, feeds the sample matrix file, checks the import report and heatmap cells,
// validates the sample plan in es and en, and saves a screenshot (examples/web/screenshot.png,
// not committed). Chromium is Debian's (/usr/bin/chromium), driven by playwright-core.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { mkdtempSync, rmSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRequire } from "node:module";
import { serve } from "../serve.mjs";

// playwright-core is a dev dependency of bindings-wasm (installed by scripts/setup-wasm).
const require = createRequire(new URL("../../../bindings-wasm/package.json", import.meta.url));
const { chromium } = require("playwright-core");
// The XLSX-capable Node build writes the workbook the page is fed.
const lm = require("lineamientos-wasm/xlsx");

const here = fileURLToPath(new URL("..", import.meta.url));
const executablePath = process.env.CHROMIUM ?? "/usr/bin/chromium";
let server, url, context, page, profile;
const pageErrors = [];

before(async () => {
  assert.ok(existsSync(join(here, "pkg", "lineamientos_wasm.js")), "run scripts/build-wasm first (examples/web/pkg)");
  ({ server, url } = await serve(0));
  profile = mkdtempSync(join(tmpdir(), "lineamientos-chromium-"));
  // A fresh profile directory per run (playwright passes it as --user-data-dir).
  context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    viewport: { width: 1280, height: 1800 },
    args: [
      "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync",
    ],
  });
  page = await context.newPage();
  page.on("pageerror", (e) => pageErrors.push(e.message));
  page.on("console", (m) => m.type() === "error" && pageErrors.push(m.text()));
  await page.goto(url);
  await page.waitForSelector("body[data-ready]", { timeout: 30000 });
});

after(async () => {
  await context?.close();
  server?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

test("the page loads the package and shows the catalogue", async () => {
  assert.equal(await page.getAttribute("body", "data-ready"), "true", pageErrors.join("\n"));
  assert.equal(await page.locator("#members tbody tr").count(), 11);
  assert.equal(await page.textContent('#members tr[data-iso3="DOM"] td:nth-child(2)'), "República Dominicana");
  assert.ok((await page.locator("#axes tbody tr").count()) >= 8);
  assert.match(await page.textContent("#catalog-pins"), /sha256:/);
});

test("switching to English relabels the catalogue", async () => {
  await page.selectOption("#lang", "en");
  assert.equal(await page.textContent('#members tr[data-iso3="DOM"] td:nth-child(2)'), "Dominican Republic");
  assert.equal(await page.textContent("h1"), "Following the guidelines");
  await page.selectOption("#lang", "es");
});

test("the pasted work plan's findings, in es then en", async () => {
  await page.click("#validate");
  const rows = page.locator("#findings tbody tr");
  await rows.first().waitFor();
  const found = await rows.evaluateAll((trs) => trs.map((tr) => [tr.dataset.code, tr.dataset.path]));
  assert.deepEqual(found, [
    ["end_before_start", "/activities/1/end"],
    ["lead_count", "/activities/1/lead"],
    ["unknown_code", "/activities/1/participants/0"],
    ["unknown_guideline", "/activities/1/guidelines/0"],
    ["no_indicator", "/activities/1/indicators"],
  ]);
  assert.match(await page.textContent("#plan-summary"), /^4 errores, 1 advertencias/);
  assert.match(await page.textContent('#findings tr[data-code="unknown_code"] td:last-child'), /¿Quiso decir «MEX»\?/);
  await page.selectOption("#lang", "en");
  assert.match(await page.textContent('#findings tr[data-code="unknown_code"] td:last-child'), /Did you mean "MEX"\?/);
  assert.match(await page.textContent("#plan-summary"), /^4 errors, 1 warnings/);
  await page.selectOption("#lang", "es");
});

test("a plan that is not JSON shows the error code and position", async () => {
  const good = await page.inputValue("#plan-text");
  await page.fill("#plan-text", '{"id": "x",');
  await page.click("#validate");
  assert.equal(await page.getAttribute("#plan-summary span", "data-code"), "invalid_json");
  assert.match(await page.textContent("#plan-summary"), /line 1/);
  await page.fill("#plan-text", good);
  await page.click("#validate");
  assert.equal(await page.locator("#findings tbody tr").count(), 5);
});

/** The heatmap as [row code, col code, text] for non-empty cells, and the grand total. */
async function heatmap() {
  return page.evaluate(() => ({
    cells: [...document.querySelectorAll("#heatmap td[data-row]")]
      .filter((td) => td.textContent !== "")
      .map((td) => [td.dataset.row, td.dataset.col, td.textContent]),
    total: document.querySelector('#heatmap td[data-total="grand"]')?.textContent,
  }));
}

test("a CSV matrix: import report with the rejected rows, and the country x axis heatmap", async () => {
  await page.setInputFiles("#matrix-file", join(here, "samples", "matriz.csv"));
  await page.waitForSelector("#import-report:not([hidden]) #import-diagnostics tbody tr");
  assert.equal(await page.textContent("#import-counts"), "9 filas leídas: 7 aceptadas, 2 rechazadas.");
  const rows = await page.locator("#import-diagnostics tbody tr").evaluateAll((trs) =>
    trs.map((tr) => [tr.dataset.code, Number(tr.dataset.row), tr.children[1].textContent]));
  // The sample's institutions are fictitious: each is named once, at its first row.
  assert.deepEqual(rows, [
    ["unknown_institution", 2, "Institución informante"],
    ["unknown_institution", 4, "Institución informante"],
    ["unknown_institution", 5, "Institución informante"],
    ["ambiguous_percentage", 5, "Avance (%)"],
    ["unknown_code", 6, "País"],
    ["unknown_institution", 7, "Institución informante"],
    ["missing_field", 8, "Institución informante"],
    ["unknown_code", 8, "Eje temático"],
    ["unknown_institution", 9, "Institución informante"],
    ["unknown_institution", 10, "Institución informante"],
  ]);
  assert.match(await page.textContent('#import-diagnostics tr[data-row="6"] td:last-child'), /HND/);
  const h = await heatmap();
  // MX-2024-002 keeps its row: its ambiguous progress (a bare 0.5 in a percent column) is
  // left out with a warning, so it counts under MEX x PRO.
  assert.deepEqual(h.cells, [
    ["CRI", "CUI", "1"],
    ["GTM", "FOR", "1"],
    ["GTM", "VCM", "1"],
    ["MEX", "PRO", "1"],
    ["MEX", "VCM", "2"],
    ["SLV", "FOR", "1"],
  ]);
  assert.equal(h.total, "7");
  assert.equal(await page.textContent('#heatmap tbody th[title="MEX"]'), "México");
});

test("an XLSX matrix gives the same report and heatmap", async () => {
  const csv = readFileSync(join(here, "samples", "matriz.csv"));
  const xlsx = lm.Matrix.fromCsv(csv).toXlsx("es");
  const file = join(profile, "matriz.xlsx");
  writeFileSync(file, xlsx);
  await page.setInputFiles("#matrix-file", file);
  await page.waitForFunction(() => document.querySelector("#import-counts")?.textContent.startsWith("7 filas"));
  assert.equal(await page.textContent("#import-counts"), "7 filas leídas: 7 aceptadas, 0 rechazadas.");
  const h = await heatmap();
  assert.deepEqual(h.cells.map((c) => c.join(" ")), ["CRI CUI 1", "GTM FOR 1", "GTM VCM 1", "MEX PRO 1", "MEX VCM 2", "SLV FOR 1"]);
  await page.selectOption("#lang", "en");
  assert.equal(await page.textContent('#heatmap tbody th[title="MEX"]'), "Mexico");
  assert.equal(await page.textContent("#import-counts"), "7 rows read: 7 accepted, 0 rejected.");
  await page.selectOption("#lang", "es");
});

test("the systematization report, built in the page, has the CLI's figures", async () => {
  await page.click("#make-report");
  await page.waitForFunction(() => window.lineamientosReport !== undefined, null, { timeout: 30000 });
  const data = await page.evaluate(() => window.lineamientosReport);
  // The shared report vector holds what Rust, Python and the command-line tool compute from
  // the same files (cli/tests/cli.rs checks the CLI's JSON against it).
  const vector = JSON.parse(readFileSync(join(here, "..", "..", "tests", "vectors", "report", "report-bundled-cycle.json"), "utf8"));
  assert.deepEqual(data.figures, vector.expected.figures);
  assert.deepEqual(data.actions.map((a) => ({ rule: a.rule, axis: a.axis, figures: a.figures })), vector.expected.actions);
  assert.equal(data.pins.cycle_hash, vector.expected.pins.cycle_hash);
  assert.equal(data.pins.matrix_hash, vector.expected.pins.matrix_hash);
  // And, when the tool is built, its own output for the same cycle.
  const cli = join(here, "..", "..", "target", "release", "lineamientos");
  if (existsSync(cli)) {
    const { execFileSync } = await import("node:child_process");
    const out = execFileSync(cli, ["report", "--format", "json", "--quiet", "--out", join(profile, "cli-report")], { encoding: "utf8" });
    assert.deepEqual(JSON.parse(out).figures, data.figures);
  }
  const frame = page.frameLocator("#report-frame");
  assert.match(await frame.locator(".banner").textContent(), /Ilustrativo/);
  assert.equal(await frame.locator("svg").count() >= 2, true);
  assert.match(await page.textContent("#report-summary"), /320 registros, 9 de 11/);
});

test("no errors in the page", () => {
  assert.deepEqual(pageErrors, []);
});

test("screenshot", async () => {
  await page.screenshot({ path: join(here, "screenshot.png"), fullPage: true });
  assert.ok(existsSync(join(here, "screenshot.png")));
});
