"""Browsing the catalogue: countries, organisations, frameworks, congresses, guideline sets,
code lists."""

from __future__ import annotations

import json

import pytest

import lineamientos as lm


def test_version_hash_and_pins(cat: lm.Catalog) -> None:
    assert cat.hash.startswith("sha256:") and len(cat.hash) == 7 + 64
    assert cat.pins == {
        "catalog_version": cat.version,
        "catalog_hash": cat.hash,
        "library_version": lm.__version__,
        # the embedded guideline sets are illustrative, and every result says so
        "provenance": "illustrative",
    }
    assert "Catalog" in repr(cat)
    assert cat.title("es") != cat.title("en")


def test_round_trip_through_json_keeps_the_hash(cat: lm.Catalog) -> None:
    again = lm.Catalog.from_json(cat.to_json())
    assert again.hash == cat.hash
    assert lm.Catalog.from_json(cat.to_json().encode("utf-8")).hash == cat.hash
    assert cat.to_dict()["version"] == cat.version


def test_read_json_from_a_file(cat: lm.Catalog, tmp_path) -> None:
    p = tmp_path / "catalogo.json"
    p.write_text(cat.to_json(), encoding="utf-8")
    assert lm.Catalog.read_json(p).hash == cat.hash
    assert lm.Catalog.read_json(str(p)).version == cat.version


def test_members_observers_and_countries(cat: lm.Catalog) -> None:
    members = cat.members()
    assert len(members) == 11
    assert {"MEX", "GTM", "HND", "SLV", "CAN", "USA", "PAN", "DOM"} <= {c["iso3"] for c in members}
    assert len(cat.observer_countries()) == 5
    assert len(cat.countries()) == 16
    assert cat.country("MEX")["name"]["es"] == "México"
    assert cat.country("mex") is None  # exact ISO3 only


@pytest.mark.parametrize("written", ["México", "mexico", "MX", "MEX", " méxico "])
def test_parse_country_spellings(cat: lm.Catalog, written: str) -> None:
    assert cat.parse_country(written)["iso3"] == "MEX"


def test_parse_country_unknown_has_suggestion(cat: lm.Catalog) -> None:
    with pytest.raises(lm.UnknownCodeError) as info:
        cat.parse_country("Guatemla")
    e = info.value
    assert (e.code, e.kind, e.value, e.suggestion) == ("unknown_code", "country", "Guatemla", "GTM")
    assert isinstance(e, ValueError) and isinstance(e, lm.LineamientosError)


def test_organizations_and_participants(cat: lm.Catalog) -> None:
    # the 13 CRM observers, then the partners and bodies the practice entry names
    assert len(cat.organizations()) == 17
    assert sum(o["kind"] == "observer" for o in cat.organizations()) == 13
    assert cat.parse_organization("OIM")["code"] == "IOM"
    assert cat.parse_participant("Guatemala") == "GTM"
    assert cat.parse_participant("OIM") == "IOM"
    with pytest.raises(lm.UnknownCodeError) as info:
        cat.parse_participant("Narnia")
    assert info.value.kind == "participant"


def test_frameworks(cat: lm.Catalog) -> None:
    assert len(cat.gcm_objectives()) == 23
    assert len(cat.gcm_principles()) == 10
    assert len(cat.sdgs()) == 17
    assert cat.gcm_objective(7)["number"] == 7
    assert cat.gcm_objective(99) is None
    assert cat.parse_gcm_objective("Objetivo 7")["number"] == 7
    assert cat.parse_gcm_objective(7)["number"] == 7
    assert cat.sdg(5)["number"] == 5
    assert cat.parse_sdg("ODS 5")["number"] == 5
    with pytest.raises(lm.UnknownCodeError):
        cat.parse_sdg("ODS 18")


def test_congresses_with_roman_labels_and_titles(cat: lm.Catalog) -> None:
    congresses = cat.congresses()
    assert [c["label"] for c in congresses] == ["I", "II", "III", "IV", "V", "VI"]
    v = cat.congress(5)
    assert v is not None
    assert (v["label"], v["city"]) == ("V", "Panama City")
    assert v["title_es"].startswith("V Congreso Regional")
    assert v["title_en"].startswith("V Regional Congress")
    assert cat.congress(42) is None
    assert lm.roman_numeral(4) == "IV" and lm.parse_roman("xxviii") == 28
    assert lm.parse_roman("IIII") is None


def test_presidencies(cat: lm.Catalog) -> None:
    assert cat.presidencies()
    year = cat.presidencies()[0]["year"]
    assert cat.presidency(year)["year"] == year
    assert cat.presidency(1500) is None


def test_guideline_sets_axes_and_items(cat: lm.Catalog) -> None:
    assert cat.guideline_versions() == ["2017", "2023"]
    current = cat.guideline_set()
    assert current["version"] == "2023"
    assert current["provenance"] == "illustrative"
    assert cat.guideline_set("2017")["version"] == "2017"
    with pytest.raises(lm.UnknownCodeError) as info:
        cat.guideline_set("1999")
    assert info.value.kind == "guideline_set"
    axes = cat.axes()
    assert 8 <= len(axes) <= 12
    assert "VCM" in {a["code"] for a in axes}
    vcm = cat.guidelines(axis="VCM")
    assert vcm and all(g["axis"] == "VCM" and "retired" not in g for g in vcm)
    assert cat.parse_axis("vcm")["code"] == "VCM"
    assert cat.parse_guideline("vcm 2")["code"] == "VCM-2"
    assert cat.parse_guideline("VCM-1", version="2017")["code"] == "VCM-1"
    with pytest.raises(lm.UnknownCodeError) as info:
        cat.parse_axis("Zzzzz")
    assert info.value.kind == "axis"


def test_crosswalk_and_mapping(cat: lm.Catalog) -> None:
    cw = cat.crosswalk("2017", "2023")
    assert cw is not None and cw["from"] == "2017" and cw["mappings"]
    assert cat.crosswalk("2023", "2017") is None
    assert cat.map_guideline("2017", "2023", "DAT-3") == ["DAT-4"]
    assert cat.map_guideline("2017", "2023", "XYZ-1") is None


def test_code_lists() -> None:
    assert list(lm.EntryType)[:2] == ["regulatory_change", "progress"]
    assert len(lm.EntryType) == 9 and len(lm.Status) == 4 and len(lm.Stage) == 4
    assert lm.EntryType.parse("BUENA PRACTICA") == "good_practice"
    assert lm.Status.parse("finalizado") == "completed"
    assert lm.Stage.label("transit", "es") == "Tránsito"
    assert lm.ActivityKind.parse("Reunión") == "meeting"
    assert lm.SessionKind.label("working_table", "en") == "Working table"
    assert "health_emergency" in lm.EmergingChallenge
    with pytest.raises(lm.UnknownCodeError) as info:
        lm.Status.parse("complted")
    assert (info.value.kind, info.value.suggestion) == ("status", "completed")
    with pytest.raises(lm.InvalidValueError) as bad:
        lm._core.parse_code("no_such_list", "x")
    assert (bad.value.field, bad.value.value) == ("kind", "no_such_list")
    # catalogue lists are not fixed lists: the same error as JavaScript's codeList
    with pytest.raises(lm.UnknownCodeError):
        lm._core.code_list("country")
    # the same shape as JavaScript's codeList / parseCode, languages included
    assert lm._core.code_list("status")[0] == {"code": "planned", "label": {"es": "Planificada", "en": "Planned"}}
    assert lm.Language.parse("English") == "en" and list(lm.Language) == ["es", "en"]
    assert "language" in lm._core.CODE_LISTS
    df = lm.Status.to_pandas()
    assert list(df.columns) == ["code", "es", "en"] and len(df) == 4


def test_message_templates_and_schemas() -> None:
    codes = lm.diagnostic_codes()
    assert "end_before_start" in codes and codes == sorted(codes)
    assert "{" in (lm.message_template("unknown_code", "en") or "")
    assert lm.message_template("no_such_code") is None
    schemas = lm.json_schemas()
    assert {"work_plan.schema.json", "catalog.schema.json"} <= set(schemas)
    json.dumps(schemas)  # plain JSON values


def test_invalid_catalog_lists_every_problem(cat: lm.Catalog) -> None:
    data = cat.to_dict()
    data["countries"].append(dict(data["countries"][0]))  # duplicate code
    with pytest.raises(lm.InvalidCatalogError) as info:
        lm.Catalog.from_json(json.dumps(data))
    e = info.value
    assert e.code == "invalid_catalog"
    assert e.diagnostics and all(isinstance(d, lm.Diagnostic) for d in e.diagnostics)
    assert any(d.path.startswith("/countries/") for d in e.diagnostics)
