// The workbooks that crashed the XLSX fuzz target (fuzz/regressions/xlsx_import/, see
// docs/fuzzing.md), through the XLSX build: in WebAssembly every panic aborts the module, so
// each must give a result or a LineamientosError with a code, and the module keeps working.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import init, { Catalog, Matrix } from "lineamientos-wasm/xlsx";
import { repoDir, throwsCode } from "./helpers.mjs";

await init();
const dir = join(repoDir, "fuzz", "regressions", "xlsx_import");
const CSV =
  "País;Institución;Fecha de reporte;Tipo;Título;Estado;Eje;Mujeres\n" +
  "México;INMUJERES;05/03/2024;Buena práctica;Ruta;En curso;VCM;40\n";

// What each file gives now: an error code, or the accounting of the import.
const EXPECTED = {
  "cell-reference-beyond-row-1048576.xlsx": { code: "invalid_file", says: "A1048577" },
  "cell-reference-beyond-xfd.xlsx": { code: "invalid_file", says: "XFE2" },
  "cell-reference-eight-letters.xlsx": { code: "invalid_file", says: "ZZZZZZZZ2" },
  "cell-reference-eleven-digits.xlsx": { code: "invalid_file", says: "A99999999999" },
  "dimension-ends-before-start.xlsx": { code: "invalid_file", says: "B2:A1" },
  "dense-range-a1-to-xfd1048576.xlsx": { rows: [1, 0, 1], columns: 16384 },
  // An .xls cut inside a sector chain: calamine sliced past its buffer (an abort here).
  "xls-truncated-sector-beyond-buffer.xls": { code: "invalid_file", says: "compound file is damaged" },
};

test("every crash input of the XLSX target has an expected outcome", () => {
  const files = readdirSync(dir).filter((f) => !f.startsWith(".")).sort();
  assert.deepEqual(files, Object.keys(EXPECTED).sort());
});

for (const [file, want] of Object.entries(EXPECTED)) {
  test(`${file}: ${want.code ?? "imported"}, and the module keeps working`, () => {
    const bytes = new Uint8Array(readFileSync(join(dir, file)));
    if (want.code) {
      const err = throwsCode(() => Matrix.fromXlsx(bytes), want.code);
      assert.match(err.message, new RegExp(want.says.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));
      // The same through the catalogue's reader.
      throwsCode(() => Catalog.embedded().readXlsx(bytes), want.code);
    } else {
      const r = Matrix.fromXlsx(bytes).importReport;
      assert.deepEqual([r.rows_read, r.accepted, r.rejected], want.rows);
      assert.equal(r.columns.length, want.columns);
    }
    assert.equal(Matrix.fromCsv(CSV).length, 1);
  });
}
