import { test } from "node:test";
import assert from "node:assert/strict";
import { Catalog } from "lineamientos-wasm";
import { throwsCode } from "./helpers.mjs";

const cat = Catalog.embedded();
const POINTS = [
  { country: "Honduras", institution: "Secretaría de la Mujer", role: "enlace técnico", name: "Nombre Ficticio Uno",
    email: "enlace1@example.org", since: "2022-01-10", last_confirmed: "2024-02-01" },
  { country: "GT", institution: "SEPREM", role: "punto focal", name: "Nombre Ficticio Dos",
    since: "2019-05-01", until: "2023-12-31", last_confirmed: "2023-06-01" },
  { country: "Narnia", institution: "X", role: "enlace", name: "Nombre Ficticio Tres" },
];

test("directory: countries resolved, problems reported without personal data", () => {
  const dir = cat.focalDirectory(POINTS);
  assert.equal(dir.length, 3);
  const r = dir.report;
  const unknown = r.diagnostics.find((d) => d.code === "unknown_code");
  assert.equal(unknown.path, "/2/country");
  assert.doesNotMatch(JSON.stringify(r), /Ficticio|example\.org/);
});

test("follow-up: institutions without an active contact, overdue confirmations", () => {
  const dir = cat.focalDirectory(JSON.stringify(POINTS.slice(0, 2)));
  // institutions are recorded by their catalogue code
  assert.deepEqual(dir.institutionsWithoutActive("2024-06-01"), [{ country: "GTM", institution: "GTM-SEPREM" }]);
  const due = dir.unconfirmed("2024-06-01", 90);
  assert.deepEqual(due.map((d) => [d.index, d.country, d.days_since]), [[0, "HND", 121]]);
  const report = dir.followUp("2024-06-01", 90, "en");
  const codes = report.diagnostics.map((d) => d.code);
  assert.deepEqual(codes.slice(0, 2).sort(), ["contact_unconfirmed", "no_active_focal_point"]);
  // then the member states' coverage: Honduras has a women's contact only, the others none
  const coverage = report.diagnostics.slice(2).map((d) => [d.code, d.params.country, d.params.sector ?? null]);
  assert.equal(coverage.length, 11);
  assert.deepEqual(coverage.find((c) => c[1] === "HND"), ["sector_without_focal_point", "HND", "migration"]);
  assert.deepEqual(coverage.find((c) => c[1] === "GTM"), ["country_without_focal_point", "GTM", null]);
  assert.doesNotMatch(JSON.stringify(report), /Ficticio|example\.org/);
  assert.equal(throwsCode(() => dir.unconfirmed("junio", 90), "invalid_value").field, "asOf");
});

test("CSV export leaves names and emails out unless asked", () => {
  const dir = cat.focalDirectory(POINTS.slice(0, 2));
  const redacted = dir.toCsv({ lang: "en" });
  assert.doesNotMatch(redacted, /Ficticio|example\.org/);
  assert.match(redacted, /HND/);
  const full = dir.toCsv({ lang: "es", includePersonalData: true });
  assert.match(full, /Nombre Ficticio Uno/);
  assert.match(full, /enlace1@example\.org/);
});
