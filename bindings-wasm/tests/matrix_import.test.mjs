// The streaming import (core's MatrixImport): rows pushed in any number of calls read as
// Matrix.fromCsv reads the same table written as CSV (findings, rows, columns, counts,
// entries, limits); JS values become cells as documented (numbers as their text).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as full from "lineamientos-wasm/full";

// The streaming import is in the full build (the default module has no room for it).
await full.default();
const { Matrix, MatrixImport } = full;
import { repoDir, throwsCode } from "./helpers.mjs";

/** A CSV text as rows of strings (quotes handled; no embedded line breaks in these files). */
function rows(text) {
  const clean = text.replace(/^\ufeff/, "");
  const first = clean.split("\n")[0];
  const delim = [";", "\t", ","].reduce((a, d) => (first.split(d).length > first.split(a).length ? d : a), ",");
  return clean
    .split(/\r?\n/)
    .slice(0, clean.endsWith("\n") ? -1 : undefined)
    .map((line) => {
      const out = [];
      let cell = "";
      let quoted = false;
      for (let i = 0; i < line.length; i++) {
        const c = line[i];
        if (quoted) {
          if (c === '"' && line[i + 1] === '"') { cell += '"'; i++; }
          else if (c === '"') quoted = false;
          else cell += c;
        } else if (c === '"') quoted = true;
        else if (c === delim) { out.push(cell); cell = ""; }
        else cell += c;
      }
      out.push(cell);
      return out;
    });
}

/** The rows written as CSV (comma, every cell quoted). */
const toCsv = (rs) => rs.map((r) => r.map((c) => `"${String(c ?? "").replaceAll('"', '""')}"`).join(",")).join("\n") + "\n";

function streamed(rs, options, chunk = 3) {
  const imp = new MatrixImport(options);
  imp.header(rs[0]);
  for (let i = 1; i < rs.length; i += chunk) imp.pushRows(rs.slice(i, i + chunk));
  return imp.finish();
}

function same(name, a, b) {
  const ra = a.importReport;
  const rb = b.importReport;
  assert.deepEqual([ra.rows_read, ra.accepted, ra.rejected], [rb.rows_read, rb.accepted, rb.rejected], name);
  assert.equal(ra.rows_read, ra.accepted + ra.rejected, name);
  assert.deepEqual(ra.rejected_rows, rb.rejected_rows, name);
  assert.deepEqual(ra.diagnostics, rb.diagnostics, name);
  assert.deepEqual(a.entries(), b.entries(), name);
}

test("the example matrix streams as fromCsv reads it, in chunks of any size", () => {
  const text = readFileSync(`${repoDir}examples/data/matriz_seguimiento.csv`, "utf8");
  const rs = rows(text);
  const csv = Matrix.fromCsv(toCsv(rs));
  assert.ok(csv.importReport.rows_read > 10);
  for (const chunk of [1, 7, 1000]) same(`chunk ${chunk}`, streamed(rs, {}, chunk), csv);
  same("strict", streamed(rs, { strict: true }), Matrix.fromCsv(toCsv(rs), { strict: true }));
  // The file itself reads the same.
  same("file", streamed(rs, {}), Matrix.fromCsv(text));
});

test("numbers, booleans and null read as their text", () => {
  const header = ["País", "Institución", "Fecha de reporte", "Tipo de registro", "Título", "Estado", "Avance (%)", "Mujeres", "Replicable"];
  const typed = [
    ["MEX", "INMUJERES", "2024-05-02", "Evento", "Foro", "En curso", 45, 120, true],
    ["MEX", "INMUJERES", "2024-05-03", "Evento", "Foro 2", "En curso", 50.5, 12.5, false],
    ["MEX", "INMUJERES", "2024-05-04", "Evento", "Foro 3", "En curso", null, NaN, undefined],
  ];
  const m = streamed([header, ...typed], {});
  const text = typed.map((r) => r.map((c) => (c === null || c === undefined || Number.isNaN(c) ? "" : String(c))));
  same("typed", m, Matrix.fromCsv(toCsv([header, ...text])));
  assert.equal(m.entry(0).participants.women, 120);
  assert.equal(m.entry(0).replicable, true);
  const bad = m.importReport.diagnostics.find((d) => d.code === "invalid_number");
  assert.deepEqual([bad.row, bad.value], [3, "12.5"]);
});

test("errors: unsupported cells, limits, header after rows, finished import", () => {
  const imp = new MatrixImport();
  imp.header(["País", "Estado"]);
  const e = throwsCode(() => imp.pushRows([["MEX", { a: 1 }]]), "invalid_value");
  assert.equal(e.path, "/0/1");
  throwsCode(() => imp.pushRows("MEX"), "invalid_value");
  throwsCode(() => imp.header(["ID"]), "invalid_value");
  imp.finish();
  throwsCode(() => imp.finish(), "invalid_value");
  throwsCode(() => imp.pushRows([]), "invalid_value");

  const limited = new MatrixImport({ maxRows: 1 });
  limited.header(["País", "Estado"]);
  limited.pushRows([["MEX", "En curso"]]);
  const l = throwsCode(() => limited.pushRows([["MEX", "En curso"]]), "limit_exceeded");
  assert.equal(l.what, "data_rows");
  // The import is over: finish says so again.
  throwsCode(() => limited.finish(), "limit_exceeded");
  throwsCode(() => new MatrixImport({ maxRowz: 1 }), "invalid_value");
});
