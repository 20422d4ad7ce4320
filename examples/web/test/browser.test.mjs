// Headless Chromium test of the demo page: loads it from a local server, checks the
// catalogue, feeds the sample matrix file, checks the import report and heatmap cells,
// validates the sample plan in es and en, and saves a screenshot (examples/web/screenshot.png,
// not committed). Chromium is Debian's (/usr/bin/chromium), driven by playwright-core.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { mkdtempSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRequire } from "node:module";
import { serve } from "../serve.mjs";

// playwright-core is a dev dependency of bindings-wasm (installed by scripts/setup-wasm).
const require = createRequire(new URL("../../../bindings-wasm/package.json", import.meta.url));
const { chromium } = require("playwright-core");

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

test("no errors in the page", () => {
  assert.deepEqual(pageErrors, []);
});

test("screenshot", async () => {
  await page.screenshot({ path: join(here, "screenshot.png"), fullPage: true });
  assert.ok(existsSync(join(here, "screenshot.png")));
});
