import { test } from "node:test";
import assert from "node:assert/strict";
import init, { Catalog, codeList, parseCode, libraryVersion } from "lineamientos-wasm";
import { throwsCode } from "./helpers.mjs";

await init();
const cat = Catalog.embedded();

test("embedded catalogue: members, observers, organisations, frameworks", () => {
  const members = cat.members();
  assert.equal(members.length, 11);
  assert.ok(members.every((c) => c.role === "member"));
  const mex = members.find((c) => c.iso3 === "MEX");
  assert.deepEqual([mex.iso2, mex.name.es, mex.name.en], ["MX", "México", "Mexico"]);
  assert.equal(cat.observerCountries().length, 5);
  // The 13 CRM observer organisations and the 4 partners the practice names.
  assert.equal(cat.organizations().length, 17);
  assert.equal(cat.gcmObjectives().length, 23);
  assert.equal(cat.gcmPrinciples().length, 10);
  assert.equal(cat.sdgs().length, 17);
  assert.equal(cat.countries().length, 16);
});

test("pins: version, hash and library version", () => {
  assert.match(cat.hash, /^sha256:[0-9a-f]{64}$/);
  assert.deepEqual(cat.pins, {
    catalog_version: cat.version,
    catalog_hash: cat.hash,
    library_version: libraryVersion(),
    // the embedded guideline sets are illustrative, and every result says so
    provenance: "illustrative",
  });
});

test("congresses and presidencies keep unknown facts absent", () => {
  const congresses = cat.congresses();
  assert.deepEqual(
    congresses.map((c) => c.edition),
    [1, 2, 3, 4, 5, 6],
  );
  const iii = cat.congress(3);
  assert.equal(iii.edition, 3);
  assert.ok(Array.isArray(iii.sessions));
  assert.equal(cat.congress(99), undefined);
  assert.equal(cat.presidency(1800), undefined);
  const p = cat.presidencies()[0];
  assert.equal(typeof p.year, "number");
  assert.match(p.country, /^[A-Z]{3}$/);
});

test("guideline sets with es/en labels, crosswalk, lookups", () => {
  const sets = cat.guidelineSets();
  assert.deepEqual(
    sets.map((s) => s.version),
    ["2017", "2023"],
  );
  const current = cat.currentGuidelineSet();
  assert.equal(current.version, "2023");
  assert.equal(current.provenance, "illustrative");
  assert.ok(current.axes.length >= 8 && current.axes.length <= 12);
  const vcm = cat.parseAxis("2017", "vcm");
  assert.equal(vcm.code, "VCM");
  assert.ok(vcm.name.es.length > 0 && vcm.name.en.length > 0);
  assert.equal(cat.parseGuideline("2017", "vcm 2").code, "VCM-2");
  assert.deepEqual(cat.guidelineSet("2017").version, "2017");
  const cw = cat.crosswalk("2017", "2023");
  assert.equal(cw.from, "2017");
  assert.ok(cw.mappings.length > 0);
  assert.equal(cat.crosswalk("2023", "1999"), undefined);
});

test("parse countries, organisations, participants, frameworks", () => {
  assert.equal(cat.parseCountry("Rep. Dominicana").iso3, "DOM");
  assert.equal(cat.parseCountry("mexico").iso3, "MEX");
  assert.equal(cat.parseOrganization("OIM").code, "IOM");
  assert.equal(cat.parseParticipant("Guatemala"), "GTM");
  assert.equal(cat.parseParticipant("OIM"), "IOM");
  assert.equal(cat.parseGcmObjective("Objetivo 7").number, 7);
  assert.equal(cat.parseSdg("ODS 5").number, 5);
  assert.equal(cat.parseGcmPrinciple("g").key, "g");
});

test("unknown codes throw LineamientosError with code, kind, value and suggestion", () => {
  const e = throwsCode(() => cat.parseCountry("Mexco"), "unknown_code");
  assert.equal(e.kind, "country");
  assert.equal(e.value, "Mexco");
  assert.equal(e.suggestion, "MEX");
  const g = throwsCode(() => cat.parseGuideline("2017", "VCM-99"), "unknown_code");
  assert.equal(g.kind, "guideline");
  const s = throwsCode(() => cat.guidelineSet("1999"), "unknown_code");
  assert.equal(s.kind, "guideline_set");
  // The instance is still usable after a failed call.
  assert.equal(cat.parseCountry("MX").iso3, "MEX");
});

test("fromJson: round trip from text and from an object gives the same hash", () => {
  assert.equal(Catalog.fromJson(cat.toJson()).hash, cat.hash);
  const data = cat.toObject();
  assert.equal(data.version, cat.version);
  assert.equal(Catalog.fromJson(data).hash, cat.hash);
  assert.ok(!(data.countries instanceof Map), "plain objects, not Maps");
});

test("fromJson: malformed JSON gives line and column", () => {
  const e = throwsCode(() => Catalog.fromJson('{"version": "x",\n "title": 3}'), "invalid_json");
  assert.equal(e.line, 2);
  assert.ok(e.column > 0);
});

test("fromJson: an object of the wrong shape names the field", () => {
  const e = throwsCode(() => Catalog.fromJson({ version: 1 }), "invalid_json");
  assert.equal(e.path, "/version");
});

test("fromJson: an inconsistent catalogue lists every problem with its path", () => {
  const country = { iso3: "MEX", iso2: "MX", name: { es: "México", en: "Mexico" }, role: "member" };
  const e = throwsCode(
    () => Catalog.fromJson({ version: "x", title: { es: "a", en: "b" }, countries: [country, country] }),
    "invalid_catalog",
  );
  assert.deepEqual(
    e.diagnostics.map((d) => [d.code, d.severity, d.path]),
    [
      ["duplicate_code", "error", "/countries/1/iso3"],
      ["duplicate_code", "error", "/countries/1/iso2"],
    ],
  );
  assert.equal(typeof e.diagnostics[0].message, "string");
  // A good call after a bad one.
  assert.equal(Catalog.fromJson(cat.toJson()).version, cat.version);
});

test("code lists for pick lists, with es/en labels", () => {
  const statuses = codeList("status");
  assert.deepEqual(
    statuses.map((s) => s.code),
    ["planned", "ongoing", "completed", "cancelled"],
  );
  assert.deepEqual(statuses[1].label, { es: "En curso", en: "Ongoing" });
  assert.equal(codeList("entry_type").length, 9);
  assert.deepEqual(parseCode("entry_type", "Buena práctica"), {
    code: "good_practice",
    label: { es: "Buena práctica", en: "Good practice" },
  });
  const e = throwsCode(() => parseCode("status", "complted"), "unknown_code");
  assert.equal(e.suggestion, "completed");
  assert.equal(throwsCode(() => codeList("country"), "unknown_code").kind, "country");
  assert.equal(throwsCode(() => codeList("nope"), "invalid_value").field, "kind");
});

test("congresses carry core's label and titles, the same fields as in Python", () => {
  const v = Catalog.embedded().congress(5);
  assert.equal(v.label, "V");
  assert.ok(v.title_es.startsWith("V Congreso Regional"));
  assert.ok(v.title_en.startsWith("V Regional Congress"));
  assert.deepEqual(Catalog.embedded().congresses().map((c) => c.label), ["I", "II", "III", "IV", "V", "VI"]);
});
