import { test } from "node:test";
import assert from "node:assert/strict";
import { Catalog, Matrix } from "lineamientos-wasm";
import { throwsCode } from "./helpers.mjs";

const CSV =
  "\ufeffID;País;Institución informante;Fecha de reporte;Tipo de registro;Título;Eje temático;Lineamientos;Estado;Avance (%);Mujeres\n" +
  "GT-1;Guatemala;SEPREM;02/05/2024;Buena práctica;Ruta de atención;VCM;VCM-1;En curso;45%;120\n" +
  "GT-2;Guatemla;SEPREM;2024-05-03;Avance;Diplomado;VCM;;Completado;100;30\n" +
  "MX-1;México;INMUJERES;2024-04-15;Campaña;Viajar seguras;VCM;VCM-2;En curso;60;3\n" +
  "MX-2;Mexico;COMAR;2024-04-20;Avance;Protocolo;PRO;;En curso;50;\n" +
  "HN-1;Honduras;SEMUJER;2024-05-10;Evento;Foro;EMP;;Completado;100;45\n";

const cat = Catalog.embedded();
const cells = (t) =>
  t.cells.map((c) => [t.rows[c.row].map((p) => p.code).join("|"), t.cols[c.col].map((p) => p.code).join("|"), c.value]);

test("import: every row accepted or rejected with row and column; counts add up", () => {
  const m = Matrix.fromCsv(CSV);
  const r = m.importReport;
  assert.deepEqual([r.rows_read, r.accepted, r.rejected], [5, 4, 1]);
  assert.deepEqual(r.rejected_rows, [3]);
  const bad = r.diagnostics.find((d) => d.code === "unknown_code");
  assert.deepEqual([bad.severity, bad.row, bad.column, bad.value, bad.suggestion], ["error", 3, "País", "Guatemla", "GTM"]);
  assert.equal(r.delimiter, ";");
  assert.equal(r.lang, "es");
  assert.equal(m.length, 4);
  // a matrix also pins the guideline version its codes refer to
  assert.deepEqual(r.pins, { ...cat.pins, guideline_version: "2023" });
});

test("import report messages in es and en", () => {
  const m = Matrix.fromCsv(CSV, { lang: "en" });
  assert.equal(m.importReport.lang, "en");
  const es = m.importReportIn("es").diagnostics.find((d) => d.code === "unknown_code").message;
  const en = m.importReport.diagnostics.find((d) => d.code === "unknown_code").message;
  assert.notEqual(es, en);
  assert.match(en, /GTM/);
});

test("text, Uint8Array and ArrayBuffer give the same matrix; Latin-1 bytes are read", () => {
  const bytes = new TextEncoder().encode(CSV);
  const a = Matrix.fromCsv(CSV).entries();
  assert.deepEqual(Matrix.fromCsv(bytes).entries(), a);
  assert.deepEqual(Matrix.fromCsv(bytes.buffer).entries(), a);
  const latin1 = Uint8Array.from("País;Institución;Fecha;Tipo;Título;Estado\nMéxico;Secretaría;2024-01-02;Evento;Reunión;En curso\n", (c) => c.charCodeAt(0));
  const m = Matrix.fromCsv(latin1);
  assert.equal(m.importReport.encoding, "latin-1");
  assert.equal(m.entry(0).institution, "Secretaría");
  assert.equal(m.entry(0).country, "MEX");
  assert.equal(m.entry(5), undefined);
});

test("entries are the documented JSON shape", () => {
  const e = Matrix.fromCsv(CSV).entry(0);
  assert.equal(e.id, "GT-1");
  assert.equal(e.country, "GTM");
  assert.equal(e.reported_on, "2024-05-02");
  assert.equal(e.entry_type, "good_practice");
  assert.equal(e.status, "ongoing");
  assert.equal(e.progress, 45);
  assert.deepEqual(e.participants, { women: 120 });
  assert.deepEqual(e.guidelines, ["VCM-1"]);
});

test("pivot country x axis: keys with labels, sparse cells, totals", () => {
  const t = Matrix.fromCsv(CSV).pivot({ rows: ["country"], cols: ["axis"], measure: "count" });
  assert.deepEqual(t.rows.map((k) => k[0].code), ["GTM", "HND", "MEX"]);
  assert.equal(t.rows[0][0].es, "Guatemala");
  assert.deepEqual(cells(t), [
    ["GTM", "VCM", 1],
    ["HND", "EMP", 1],
    ["MEX", "PRO", 1],
    ["MEX", "VCM", 1],
  ]);
  assert.deepEqual(t.row_totals.map((x) => x.value), [1, 1, 2]);
  assert.equal(t.grand_total.value, 4);
  assert.equal(t.measure, "count");
});

test("pivot with disclosure control on counts of people", () => {
  const t = Matrix.fromCsv(CSV).pivot({ rows: "country", cols: "axis", measure: "participants_women", suppressBelow: 5 });
  const mexVcm = t.cells.find((c) => t.rows[c.row][0].code === "MEX" && t.cols[c.col][0].code === "VCM");
  assert.equal(mexVcm.suppressed, true);
  assert.equal(mexVcm.value, null);
  // whether a withheld cell is primary is never published (it would say 0 < value < k)
  assert.equal(mexVcm.reason, undefined);
  assert.equal(t.suppress_below, 5);
});

test("bad pivot options are invalid_value; the matrix stays usable", () => {
  const m = Matrix.fromCsv(CSV);
  const pais = throwsCode(() => m.pivot({ rows: ["pais"] }), "invalid_value");
  assert.deepEqual([pais.field, pais.path, pais.value], ["rows", "/rows/0", "pais"]);
  const bogus = throwsCode(() => m.pivot({ rows: ["country"], bogus: true }), "invalid_value");
  assert.deepEqual([bogus.field, bogus.path, bogus.value], ["bogus", "/bogus", null]);
  // camelCase options keep their JS names in errors, and null reaches core (= default)
  const typo = throwsCode(() => m.pivot({ rows: "country", approvedOnli: true }), "invalid_value");
  assert.deepEqual([typo.field, typo.suggestion], ["approvedOnli", "approvedOnly"]);
  assert.equal(m.pivot({ rows: "country", measure: null }).measure, "count");
  throwsCode(() => m.pivot("country"), "invalid_value");
  assert.equal(m.pivot({ rows: ["country"] }).grand_total.value, 4);
});

test("bad import options and inputs", () => {
  const strikt = throwsCode(() => Matrix.fromCsv(CSV, { strikt: true }), "invalid_value");
  assert.deepEqual([strikt.field, strikt.suggestion], ["strikt", "strict"]);
  // maxDiagnostics: null is "no cap" (core's meaning), not dropped
  assert.equal(Matrix.fromCsv(CSV, { maxDiagnostics: null }).importReport.diagnostics_truncated ?? 0, 0);
  assert.equal(throwsCode(() => Matrix.fromCsv(CSV, { delimiter: "ñ" }), "invalid_value").field, "delimiter");
  assert.equal(throwsCode(() => Matrix.fromCsv(CSV, { maxRows: 2 }), "limit_exceeded").code, "limit_exceeded");
  assert.equal(throwsCode(() => Matrix.fromCsv(42), "invalid_value").field, "input");
  assert.equal(throwsCode(() => Matrix.fromCsv(CSV, { guidelineVersion: "1999" }), "unknown_code").kind, "guideline_set");
  assert.equal(Matrix.fromCsv(CSV, { strict: true }).importReport.rows_read, 5);
});

test("export to CSV; the default build has no XLSX (see the lineamientos-wasm/xlsx entry)", () => {
  const m = Matrix.fromCsv(CSV);
  const csv = m.toCsv("en");
  assert.match(csv, /^ID,Country,Reporting institution/);
  assert.deepEqual(Matrix.fromCsv(m.toCsv("es")).entries(), m.entries());
  const table = m.pivotCsv({ rows: ["country"], cols: ["axis"] }, "en");
  assert.match(table, /Mexico/);
  assert.equal(typeof Matrix.fromXlsx, "undefined");
  assert.equal(typeof m.toXlsx, "undefined");
});

test("fromEntries validates entries like rows", () => {
  const entries = Matrix.fromCsv(CSV).entries();
  assert.deepEqual(Matrix.fromEntries(entries).entries(), entries);
  const bad = structuredClone(entries);
  bad[1].country = "Narnia";
  const m = cat.matrixFromEntries(bad);
  assert.equal(m.importReport.rejected, 1);
  const d = m.importReport.diagnostics.find((x) => x.code === "unknown_code");
  assert.equal(d.row, 1);
  assert.equal(throwsCode(() => Matrix.fromEntries([{ id: 5 }]), "invalid_json").path, "/0/id");
});

test("analyses: coverage, gaps, replication candidates, time series", () => {
  const m = Matrix.fromCsv(CSV);
  const cov = m.coverage();
  assert.ok(cov.items.includes("VCM-1"));
  const gtm = cov.countries.find((c) => c.country === "GTM");
  assert.deepEqual(gtm.covered, ["VCM-1"]);
  assert.ok(gtm.ratio > 0 && gtm.ratio < 1);
  const gaps = m.gaps("2024-05-01");
  assert.equal(gaps.silent_since, "2024-05-01");
  assert.ok(gaps.silent_countries.some((c) => c.country === "MEX"));
  assert.equal(throwsCode(() => m.gaps("mayo"), "invalid_value").field, "since");
  const reps = m.replicationCandidates();
  assert.ok(reps.some((r) => r.entry_id === "GT-1" && r.guideline === "VCM-1"));
  const ts = m.timeSeries("quarter");
  // no unit, or null: core's default (quarter), the same as Python's time_series()
  assert.deepEqual(m.timeSeries(), ts);
  assert.deepEqual(m.timeSeries(null), ts);
  assert.equal(ts.unit, "quarter");
  assert.ok(ts.periods.length > 0);
  assert.equal(throwsCode(() => m.timeSeries("week"), "invalid_value").field, "unit");
});

test("stored findings are capped by maxDiagnostics; counts stay exact", () => {
  let text = "Pais;Institucion;Fecha de reporte;Tipo;Titulo;Estado\n";
  for (let i = 0; i < 30; i++) text += `Atlantis;X;01/02/2024;Evento;t${i};En curso\n`;
  const r = Matrix.fromCsv(text, { maxDiagnostics: 5 }).importReport;
  assert.deepEqual([r.rows_read, r.accepted, r.rejected], [30, 0, 30]);
  assert.equal(r.diagnostics.length, 5);
  assert.equal(r.diagnostics_truncated, 25);
  assert.equal(r.summary.errors, 30);
  assert.deepEqual(r.diagnostics.map((d) => d.row), [2, 3, 4, 5, 6]);
  const all = Matrix.fromCsv(text, { maxDiagnostics: null }).importReport;
  assert.deepEqual([all.diagnostics.length, all.diagnostics_truncated], [30, 0]);
});

test("pivotHtml is core's cross table, labels in the language asked", () => {
  const m = Matrix.fromCsv(CSV);
  const html = m.pivotHtml({ rows: "country", cols: "axis" }, "en");
  // core's provenance caption first: the embedded guidelines are illustrative
  assert.ok(html.startsWith('<table class="lineamientos-pivot"><caption class="lineamientos-provenance illustrative">Source: catalogue '), html);
  assert.ok(html.includes("guidelines version 2023: ILLUSTRATIVE, not the official text"), html);
  assert.ok(html.includes("</caption><thead><tr><th>Country</th>"), html);
  assert.ok(m.pivotHtml({ rows: "country" }).includes("<th>País</th>"));
  assert.equal(throwsCode(() => m.pivotHtml({ rows: "country" }, "fr"), "invalid_value").field, "lang");
});

test("pivotPublished + auditPublished give the audit stored with a protected table", async () => {
  const { auditPublished } = await import("lineamientos-wasm");
  const m = Matrix.fromCsv(CSV);
  const spec = { rows: "country", cols: "axis", measure: "participants_women", suppressBelow: 5 };
  const t = m.pivot(spec);
  const published = m.pivotPublished(spec);
  assert.equal(published.rows, t.rows.length);
  assert.deepEqual(published.cells.filter((c) => c.value === null).length, t.cells.filter((c) => c.suppressed).length);
  const audit = auditPublished(published);
  const bounds = (a) => a.entries.map((e) => [e.row, e.col, e.lo, e.hi]);
  assert.deepEqual(bounds(audit), bounds(t.audit));
});

test("threads is accepted and the import serial: the same result", () => {
  const one = Matrix.fromCsv(CSV, { threads: 1 });
  const many = Matrix.fromCsv(CSV, { threads: 8 });
  assert.deepEqual(many.importReport, one.importReport);
  assert.deepEqual(many.entries(), one.entries());
  throwsCode(() => Matrix.fromCsv(CSV, { threads: 0 }), "invalid_value");
});

test("mergeable pivots (full build): partials merged in any order finish into the pivot; bad input is coded", async () => {
  const full = await import("lineamientos-wasm/full");
  await full.default();
  const [head, ...lines] = CSV.split("\n").filter((l) => l);
  const spec = { rows: ["country"], cols: ["axis"], measure: "participants_women", suppressBelow: 5 };
  const part = (idx) => full.Matrix.fromCsv([head, ...idx.map((i) => lines[i])].join("\n") + "\n").pivotPartial(spec);
  const parts = [part([0, 3]), part([2]), part([1, 4]), part([])];
  const whole = full.Matrix.fromCsv(CSV).pivot(spec);
  for (const order of [[0, 1, 2, 3], [3, 2, 1, 0], [2, 0, 3, 1]]) {
    const sent = order.map((i) => full.PivotPartial.fromJson(parts[i].toJson()));
    const merged = sent.slice(1).reduce((a, p) => a.merge(p), sent[0]);
    assert.deepEqual(merged.finish(), whole);
    assert.equal(merged.entries, 4);
  }
  assert.deepEqual(parts[0].spec.rows, ["country"]);
  assert.equal(parts[0].spec.suppress_below, 5);
  assert.equal(parts[0].pins.library_version, full.libraryVersion());
  // the options are read as pivot reads them; other specs do not merge; forged text is coded
  throwsCode(() => full.Matrix.fromCsv(CSV).pivotPartial({ rows: ["pais"] }), "invalid_value");
  throwsCode(() => parts[0].merge(full.Matrix.fromCsv(CSV).pivotPartial({ rows: ["axis"] })), "invalid_value");
  throwsCode(() => full.PivotPartial.fromJson("{"), "invalid_json");
  throwsCode(() => full.PivotPartial.fromJson(parts[0].toJson().replace("pivot_partial/1", "pivot_partial/9")), "invalid_value");
});
