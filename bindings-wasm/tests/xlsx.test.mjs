// The XLSX-capable build, `lineamientos-wasm/xlsx`: the same API plus XLSX import and export.
import { test } from "node:test";
import assert from "node:assert/strict";
import init, { Catalog, Matrix } from "lineamientos-wasm/xlsx";
import * as small from "lineamientos-wasm";
import { throwsCode } from "./helpers.mjs";

await init();
const CSV =
  "ID;País;Institución informante;Fecha de reporte;Tipo de registro;Título;Eje temático;Estado;Avance (%);Mujeres\n" +
  "GT-1;Guatemala;SEPREM;02/05/2024;Buena práctica;Ruta de atención;VCM;En curso;45%;120\n" +
  "MX-1;México;INMUJERES;2024-04-15;Campaña;Viajar seguras;VCM;En curso;60;3\n" +
  "HN-1;Honduras;SEMUJER;2024-05-10;Evento;Foro;EMP;Completado;100;45\n";

test("export to XLSX and import it back: same entries", () => {
  const m = Matrix.fromCsv(CSV);
  const xlsx = m.toXlsx("es");
  assert.ok(xlsx instanceof Uint8Array);
  assert.deepEqual([...xlsx.slice(0, 2)], [0x50, 0x4b], "a zip container");
  const back = Catalog.embedded().readXlsx(xlsx, { lang: "en" });
  const r = back.importReport;
  assert.deepEqual([r.rows_read, r.accepted, r.rejected], [3, 3, 0]);
  assert.equal(r.delimiter, undefined);
  const pick = (e) => [e.id, e.country, e.axis, e.progress, e.participants.women];
  assert.deepEqual(back.entries().map(pick), m.entries().map(pick));
  assert.deepEqual([...Matrix.fromXlsx(xlsx.buffer).entries().map((e) => e.id)], ["GT-1", "MX-1", "HN-1"]);
  assert.deepEqual([...m.pivotXlsx({ rows: ["country"] }, "en").slice(0, 2)], [0x50, 0x4b]);
});

test("bytes that are not a workbook are invalid_file; the module stays usable", () => {
  throwsCode(() => Matrix.fromXlsx(new TextEncoder().encode("not a workbook")), "invalid_file");
  throwsCode(() => Matrix.fromXlsx(new Uint8Array([0x50, 0x4b, 3, 4, 0, 0])), "invalid_file");
  assert.equal(Matrix.fromCsv(CSV).length, 3);
});

test("both builds give the same results for the same input", () => {
  const a = Matrix.fromCsv(CSV);
  const b = small.Matrix.fromCsv(CSV);
  assert.deepEqual(a.importReport, b.importReport);
  const spec = { rows: ["country"], cols: ["axis"], measure: "participants_women", suppressBelow: 5 };
  assert.deepEqual(a.pivot(spec), b.pivot(spec));
});
