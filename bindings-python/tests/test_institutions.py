"""Actors through the Python API: organisations with their kind, national institutions and
their lookup, conflicts between sources, congress dates as precise as known, provenance in
pins and outputs, focal-point coverage. Every value comes from core (the same as JS)."""

from __future__ import annotations

import pytest

import lineamientos as lm


@pytest.fixture(scope="module")
def cat() -> lm.Catalog:
    return lm.Catalog.embedded()


def test_organisations_have_a_kind(cat: lm.Catalog) -> None:
    kinds = {o["code"]: o["kind"] for o in cat.organizations()}
    assert kinds["IOM"] == "observer" and kinds["UN-WOMEN"] == "partner"
    assert (kinds["OAS"], kinds["OCAM"], kinds["CEDAW"]) == ("regional_body", "regional_body", "treaty_body")
    assert sum(k == "observer" for k in kinds.values()) == 13
    assert cat.organization("UN-WOMEN")["aliases"] == ["ONU Mujeres", "UN Women"]
    assert cat.organization("nope") is None
    assert lm.OrganizationKind.label("treaty_body", "es") == "Órgano de tratado"
    assert list(lm.Sector) == ["women", "migration", "foreign_affairs", "other"]
    for written in ("ONU Mujeres", "ONU-Mujeres", "UN Women"):
        assert cat.parse_participant(written) == "UN-WOMEN"


def test_institutions_and_lookup(cat: lm.Catalog) -> None:
    seprem = cat.institution("GTM-SEPREM")
    assert seprem is not None
    assert (seprem["country"], seprem["sector"], seprem["acronym"]) == ("GTM", "women", "SEPREM")
    assert all(i["source"] for i in cat.institutions())
    for written in ("SEPREM", "Secretaría Presidencial de la Mujer", "seprem"):
        assert cat.lookup_institution(written, "GT") == {
            "value": written, "status": "institution", "code": "GTM-SEPREM",
            "candidates": [], "suggestion": None,
        }
    assert cat.lookup_institution("INAMU", country="Panamá")["code"] == "PAN-INAMU"
    typo = cat.lookup_institution("SEPREN", "GTM")
    assert (typo["status"], typo["code"], typo["suggestion"]) == ("unknown", None, "GTM-SEPREM")
    with pytest.raises(lm.UnknownCodeError) as info:
        cat.lookup_institution("SEPREM", "Atlantida")
    assert (info.value.kind, info.value.value) == ("country", "Atlantida")


def test_conflicts_and_congress_dates(cat: lm.Catalog) -> None:
    subjects = [c["subject"] for c in cat.conflicts()]
    assert subjects == ["guidelines_approval_year", "congress_1_date", "congress_1_presidency",
                        "presidency_year_meaning", "congress_3_date"]
    month = cat.conflicts()[1]
    assert month["path"] == "/congresses/0/start" and month["used"] == "2018-12-18"
    assert "2018-11" in [k["value"] for k in month["claims"]]
    iii = cat.congress(3)
    assert (iii["year"], iii["date_precision"], iii["held"]) == (2021, "year", "2021")
    assert cat.congress(4)["date_precision"] is None
    assert cat.congress(5)["date_precision"] == "day"


def test_matrix_canonical_institutions_and_provenance(cat: lm.Catalog) -> None:
    m = lm.Matrix.read_csv(
        "País;Institución;Fecha;Tipo;Título;Estado\n"
        "GT;SEPREM;2024-01-01;Evento;t;En curso\n"
        "GT;Secretaría Presidencial de la Mujer;2024-01-02;Evento;t;En curso\n"
        "GT;Inventada (ejemplo);2024-01-03;Evento;t;En curso\n".encode()
    )
    assert [e["institution"] for e in m.entries()] == ["GTM-SEPREM", "GTM-SEPREM", "Inventada (ejemplo)"]
    [w] = m.import_report.diagnostics
    assert (w.code, w.severity, w.row) == ("unknown_institution", "warning", 4)
    assert "Inventada (ejemplo)" in w.message("es")
    t = m.pivot(rows="institution", measure="count")
    assert t.rows == [["GTM-SEPREM"], ["Inventada (ejemplo)"]]
    assert t.pins["provenance"] == "illustrative" and t.pins["guideline_version"] == "2023"
    assert t.to_csv(lang="en").splitlines()[-1].startswith('"Source: catalogue ')


def test_focal_coverage(cat: lm.Catalog) -> None:
    d = lm.FocalDirectory.from_json(
        '[{"country": "GT", "institution": "SEPREM", "role": "enlace", "name": "Nombre Ficticio"},'
        ' {"country": "MX", "institution": "Dirección ficticia", "sector": "migration", "role": "enlace", "name": "N"}]'
    )
    csv = d.to_csv(lang="en")
    assert "GTM,GTM-SEPREM,enlace" in csv and "MEX,Dirección ficticia,enlace" in csv
    assert [x.code for x in d.report.diagnostics] == ["unknown_institution"]
    report = d.follow_up("2024-06-01")
    coverage = ("country_without_focal_point", "sector_without_focal_point")
    gaps = [(x.code, x.params["country"], x.params.get("sector")) for x in report.diagnostics if x.code in coverage]
    assert ("sector_without_focal_point", "GTM", "migration") in gaps
    assert ("sector_without_focal_point", "MEX", "women") in gaps
    assert ("country_without_focal_point", "PAN", None) in gaps
    assert len(gaps) == 11
