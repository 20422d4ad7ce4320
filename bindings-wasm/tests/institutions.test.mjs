// Actors through the JS API: organisations with their kind, national institutions and their
// lookup, conflicts between sources, congress dates as precise as known, provenance in pins
// and outputs. The same values as Python's (core's).
import { test } from "node:test";
import assert from "node:assert/strict";
import { Catalog, Matrix, codeList } from "lineamientos-wasm";
import { throwsCode } from "./helpers.mjs";

const cat = Catalog.embedded();

test("organisations have a kind; UN Women is one code however written", () => {
  const kinds = Object.fromEntries(cat.organizations().map((o) => [o.code, o.kind]));
  assert.equal(kinds.IOM, "observer");
  assert.deepEqual([kinds["UN-WOMEN"], kinds.OAS, kinds.OCAM, kinds.CEDAW], ["partner", "regional_body", "regional_body", "treaty_body"]);
  assert.equal(cat.organization("OAS").name.es, "Organización de los Estados Americanos (OEA)");
  assert.equal(cat.organization("nope"), undefined);
  for (const w of ["ONU Mujeres", "ONU-Mujeres", "UN Women"]) assert.equal(cat.parseParticipant(w), "UN-WOMEN");
  assert.deepEqual(codeList("sector").map((c) => c.code), ["women", "migration", "foreign_affairs", "other"]);
  assert.equal(codeList("organization_kind").length, 5);
});

test("national institutions and their lookup", () => {
  const seprem = cat.institution("GTM-SEPREM");
  assert.deepEqual([seprem.country, seprem.sector, seprem.acronym], ["GTM", "women", "SEPREM"]);
  assert.ok(cat.institutions().every((i) => i.source));
  for (const w of ["SEPREM", "Secretaría Presidencial de la Mujer", "seprem"]) {
    assert.deepEqual(cat.lookupInstitution(w, "GT"), { value: w, status: "institution", code: "GTM-SEPREM", candidates: [], suggestion: null });
  }
  assert.deepEqual(cat.lookupInstitution("INAMU").candidates, ["CRI-INAMU", "PAN-INAMU"]);
  assert.equal(cat.lookupInstitution("INAMU", "Panamá").code, "PAN-INAMU");
  assert.equal(cat.lookupInstitution("SEPREN", "GTM").suggestion, "GTM-SEPREM");
  assert.equal(throwsCode(() => cat.lookupInstitution("SEPREM", "Atlantida"), "unknown_code").kind, "country");
});

test("conflicts between sources and congress dates", () => {
  const subjects = cat.conflicts().map((c) => c.subject);
  assert.deepEqual(subjects, ["guidelines_approval_year", "congress_1_date", "congress_1_presidency", "presidency_year_meaning", "congress_3_date"]);
  const c = cat.conflicts()[0];
  assert.deepEqual([c.used, c.claims.map((k) => k.value)], ["2017", ["2017", "2017", "2018"]]);
  const iii = cat.congress(3);
  assert.deepEqual([iii.year, iii.date_precision, iii.held], [2021, "year", "2021"]);
  assert.equal(cat.congress(4).date_precision, null);
});

test("the matrix canonicalises institutions; outputs carry the provenance", () => {
  const m = Matrix.fromCsv(
    "País;Institución;Fecha;Tipo;Título;Estado\nGT;SEPREM;2024-01-01;Evento;t;En curso\n" +
      "GT;Secretaría Presidencial de la Mujer;2024-01-02;Evento;t;En curso\nGT;Inventada (ejemplo);2024-01-03;Evento;t;En curso\n",
  );
  assert.deepEqual(m.entries().map((e) => e.institution), ["GTM-SEPREM", "GTM-SEPREM", "Inventada (ejemplo)"]);
  const [w] = m.importReport.diagnostics;
  assert.deepEqual([w.code, w.severity, w.row], ["unknown_institution", "warning", 4]);
  const t = m.pivot({ rows: ["institution"] });
  assert.deepEqual(t.rows.map((k) => k[0].code), ["GTM-SEPREM", "Inventada (ejemplo)"]);
  assert.equal(t.rows[0][0].es, "Secretaría Presidencial de la Mujer (SEPREM)");
  assert.deepEqual([t.pins.provenance, t.pins.guideline_version], ["illustrative", "2023"]);
});
