#!/usr/bin/env python3
"""Writes the golden vectors of tests/vectors/catalog/ (kind lookup_institution): what the
catalogue's institution lookup gives for what partners write. The expected values are
written by hand here (from core/data/institutions.json and organizations.csv), not produced
by the library: edit this file and re-run it to change a case."""
import json, os

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "vectors", "catalog")
cases = []


def case(name, description, lookups):
    cases.append({"name": name, "description": description, "kind": "lookup_institution",
                  "catalog": "embedded", "lookups": lookups})


def found(value, country, code, status="institution"):
    return {"value": value, "country": country,
            "expected": {"status": status, "code": code, "candidates": [], "suggestion": None}}


def unknown(value, country, suggestion=None):
    return {"value": value, "country": country,
            "expected": {"status": "unknown", "code": None, "candidates": [], "suggestion": suggestion}}


case("institution-spellings",
     "Code, acronym, Spanish and English names, any case or accents: one institution.",
     [found("SEPREM", "GT", "GTM-SEPREM"),
      found("Secretaría Presidencial de la Mujer", "Guatemala", "GTM-SEPREM"),
      found("secretaria presidencial de la mujer", "GTM", "GTM-SEPREM"),
      found("Presidential Secretariat for Women", None, "GTM-SEPREM"),
      found("gtm-seprem", None, "GTM-SEPREM"),
      found("Instituto Nacional de Migración", "México", "MEX-INM"),
      found("inmujeres", "MX", "MEX-INMUJERES"),
      found("Dirección General de Migración y Extranjería", "Costa Rica", "CRI-DGME"),
      found("FEGC", "CAN", "CAN-WAGE"),
      found("Ministerio de la Mujer", "República Dominicana", "DOM-MUJER")])

case("institution-by-country",
     "A spelling two countries share resolves by the country; without one it is ambiguous, with the candidates.",
     [found("INAMU", "CR", "CRI-INAMU"),
      found("INAMU", "Panamá", "PAN-INAMU"),
      {"value": "INAMU", "country": None,
       "expected": {"status": "ambiguous", "code": None, "candidates": ["CRI-INAMU", "PAN-INAMU"],
                    "suggestion": None}},
      {"value": "INM", "country": None,
       "expected": {"status": "ambiguous", "code": None, "candidates": ["HND-INM", "MEX-INM"],
                    "suggestion": None}},
      found("INM", "HN", "HND-INM"),
      found("Dirección General de Migración y Extranjería", "SV", "SLV-DGME")])

case("institution-organizations",
     "Organisations resolve wherever institutions are written: ONU Mujeres, UN Women and ONU-Mujeres are UN-WOMEN.",
     [found("ONU Mujeres", "GT", "UN-WOMEN", "organization"),
      found("ONU-Mujeres", None, "UN-WOMEN", "organization"),
      found("UN Women", "MEX", "UN-WOMEN", "organization"),
      found("OEA", None, "OAS", "organization"),
      found("Comité CEDAW", None, "CEDAW", "organization"),
      found("OIM", "HN", "IOM", "organization")])

case("institution-unknown",
     "Not in the catalogue: unknown, kept as written, with the nearest code only when close; another country's institution is not guessed; an unknown country is an error.",
     [unknown("SEPREN", "GT", "GTM-SEPREM"),
      unknown("SEPREM", "MX"),
      unknown("Secretaría ficticia de la mujer (ejemplo)", "HN"),
      unknown("", None),
      {"value": "SEPREM", "country": "Atlantida",
       "expected": {"error": {"code": "unknown_code", "kind": "country", "value": "Atlantida"}}}])

os.makedirs(HERE, exist_ok=True)
for c in cases:
    with open(os.path.join(HERE, c["name"] + ".json"), "w", encoding="utf-8") as f:
        json.dump(c, f, ensure_ascii=False, indent=1)
        f.write("\n")
print(len(cases), "vectors written")
