// Focal points' names and emails stay out of every output unless asked for (reports,
// review, systematization, errors, toString/JSON of the objects); spreadsheet exports
// neutralise text that would run as a formula.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as lm from "lineamientos-wasm";
import { repoDir, throwsCode } from "./helpers.mjs";

await lm.default();
const NAME = "ZZPRIVATENAME";
const MARKERS = /zzprivatename|zz\.private/i;
const bundled = (f) => readFileSync(join(repoDir, "examples", "cycle", f), "utf8");

function markedPoints() {
  return JSON.parse(bundled("focal_points.json")).map((p, i) => ({
    ...p,
    name: `${NAME} ${i}`,
    email: `zz.private+${i}@example.org`,
  }));
}

function assertClean(what, text) {
  assert.doesNotMatch(String(text), MARKERS, `${what} quotes personal data`);
}

test("directory: report, follow-up, lists, toString/JSON and CSV without personal data", () => {
  const cat = lm.Catalog.embedded();
  for (const input of [markedPoints(), JSON.stringify(markedPoints())]) {
    const dir = cat.focalDirectory(input, { lang: "en" });
    assertClean("toString", `${dir} ${String(dir)} ${JSON.stringify(dir)}`);
    assertClean("the load report", JSON.stringify(dir.report));
    assertClean("the follow-up", JSON.stringify(dir.followUp("2024-06-30", 180)));
    const lists = JSON.stringify([dir.unconfirmed("2024-06-30", 30), dir.institutionsWithoutActive("2024-06-30")]);
    assert.ok(lists.length > 100);
    assertClean("the lists", lists);
    for (const lang of ["es", "en"]) {
      assertClean("the CSV", dir.toCsv({ lang }));
      const full = dir.toCsv({ lang, includePersonalData: true });
      assert.ok(full.includes(NAME) && full.includes("zz.private"));
    }
  }
});

test("review and systematization carry no personal data", async () => {
  const cat = lm.Catalog.embedded();
  const cycle = new lm.Cycle(bundled("cycle.json"));
  cycle.setMatrix(lm.Matrix.fromCsv(bundled("matrix.csv")));
  cycle.setFocalPoints(cat.focalDirectory(markedPoints()));
  assertClean("the cycle", `${cycle} ${JSON.stringify(cycle)}`);
  const review = cycle.review(cat, { asOf: "2024-06-30", confirmFocalPoints: true });
  assert.ok(review.report.diagnostics.some((d) => d.path.startsWith("/focal_points/")));
  assertClean("the review", JSON.stringify(review));

  const full = await import("lineamientos-wasm/full");
  await full.default();
  const fcat = full.Catalog.embedded();
  const fcycle = new full.Cycle(bundled("cycle.json"));
  fcycle.setMatrix(full.Matrix.fromCsv(bundled("matrix.csv")));
  fcycle.setFocalPoints(fcat.focalDirectory(markedPoints()));
  const report = fcycle.systematize(fcat, { asOf: "2024-06-30", confirmFocalPoints: true });
  assertClean("the report", `${report} ${JSON.stringify(report.toJSON())}`);
  for (const lang of ["es", "en"]) {
    assertClean("the HTML", report.toHtml(lang));
    assertClean("the Markdown", report.toMarkdown(lang));
  }
});

test("a marker in a wrong field is not quoted by the error", () => {
  const cat = lm.Catalog.embedded();
  for (const [field, value] of [
    ["since", "zz.private@example.org"],
    ["last_confirmed", `${NAME} 2024`],
    ["sector", NAME],
  ]) {
    const record = { country: "HND", institution: "SEMUJER", role: "r", name: NAME, [field]: value };
    for (const input of [[record], JSON.stringify([record])]) {
      const e = throwsCode(() => cat.focalDirectory(input), "invalid_json");
      assert.equal(e.path, `/0/${field}`);
      assert.match(e.message, /<redacted>/);
      assertClean("the error", `${e} ${e.message} ${e.stack} ${JSON.stringify(e)} ${JSON.stringify(e.details ?? {})}`);
    }
  }
  const dir = cat.focalDirectory([{ country: "zz.private@example.org", institution: "X", role: "r", name: NAME }]);
  const d = dir.report.diagnostics.find((x) => x.code === "unknown_code");
  assert.equal(d.value, "<redacted>");
  assertClean("the finding", JSON.stringify(dir.report));
});

test("CSV exports neutralise formulas and read back to the same text", () => {
  const csv =
    "País,Institución,Fecha de reporte,Tipo de registro,Título,Estado,Eje,Mujeres\n" +
    'MEX,INMUJERES,2024-05-02,Evento,"=HYPERLINK(""http://x"")",En curso,VCM,12\n' +
    "GTM,=1+1 Instituto,2024-05-03,Evento,-5 mujeres,En curso,VCM,8\n";
  const m = lm.Matrix.fromCsv(csv);
  assert.equal(m.entries().length, 2);
  const out = m.toCsv("es");
  assert.ok(out.includes('"\'=HYPERLINK(""http://x"")"') && out.includes("'-5 mujeres"), out);
  assert.deepEqual(
    lm.Matrix.fromCsv(out).entries().map((e) => e.title),
    ['=HYPERLINK("http://x")', "-5 mujeres"],
  );
  const pivot = m.pivotCsv({ rows: ["institution"], measure: "participants_women" }, "es");
  assert.ok(pivot.includes("'=1+1 Instituto"), pivot);
});
