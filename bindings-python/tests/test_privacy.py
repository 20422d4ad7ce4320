"""Focal points' names and emails stay out of every output unless asked for; spreadsheet
exports neutralise text that would run as a formula."""

from __future__ import annotations

import csv
import io
import json
import pathlib

import pytest

import lineamientos as lm

BUNDLED = pathlib.Path(__file__).resolve().parents[2] / "examples" / "cycle"
NAME = "ZZPRIVATENAME"
MARKERS = ("zzprivatename", "zz.private")
AS_OF = "2024-06-30"


def assert_clean(what: str, text: str) -> None:
    lower = text.lower()
    for m in MARKERS:
        assert m not in lower, f"{what} quotes personal data: {text[:2000]}"


def marked_points() -> list:
    points = json.loads((BUNDLED / "focal_points.json").read_text(encoding="utf-8"))
    for i, p in enumerate(points):
        p["name"] = f"{NAME} {i}"
        p["email"] = f"zz.private+{i}@example.org"
    return points


def check_report(what: str, report: lm.Report) -> None:
    assert_clean(what, repr(report) + str(report))
    for lang in ("es", "en"):
        assert_clean(what, json.dumps(report.to_dict(lang)))
    for d in report:
        assert_clean(what, repr(d) + str(d) + d.message("es") + d.message("en") + json.dumps(d.params))


@pytest.fixture(scope="module")
def directory() -> lm.FocalDirectory:
    return lm.FocalDirectory.from_json(json.dumps(marked_points()))


def test_directory_repr_reports_and_export(directory: lm.FocalDirectory) -> None:
    assert len(directory) == len(marked_points())
    assert_clean("repr", repr(directory) + str(directory))
    check_report("the load report", directory.report)
    check_report("the follow-up", directory.follow_up(AS_OF, 180))
    lists = json.dumps(
        [directory.unconfirmed(AS_OF, 30), directory.institutions_without_active(AS_OF)], default=str
    )
    assert len(lists) > 100
    assert_clean("the follow-up lists", lists)
    for lang in ("es", "en"):
        assert_clean("the CSV", directory.to_csv(lang=lang))
        full = directory.to_csv(lang=lang, include_personal_data=True)
        assert NAME in full and "zz.private" in full


def test_review_and_report_carry_no_personal_data(directory: lm.FocalDirectory, tmp_path: pathlib.Path) -> None:
    cat = lm.Catalog.embedded()
    cycle = lm.Cycle.read_json(BUNDLED / "cycle.json")
    matrix = lm.Matrix.read_csv(BUNDLED / "matrix.csv")
    review = cycle.review(cat, matrix, directory, as_of=AS_OF, confirm_focal_points=True)
    assert any(d.path.startswith("/focal_points/") for d in review.report)
    check_report("the review", review.report)
    assert_clean("the review", repr(review) + review.to_json() + json.dumps(review.to_dict(), default=str))
    assert_clean("confirmed", json.dumps(review.confirmed))
    for name in ("activities", "tables", "axes", "agreements", "events"):
        assert_clean(name, json.dumps(review.table(name).to_records(), default=str))
    report = cycle.systematize(cat, matrix, directory, as_of=AS_OF, confirm_focal_points=True)
    assert_clean("the report", repr(report) + json.dumps(report.to_dict(), default=str))
    for lang in ("es", "en"):
        assert_clean("the report's HTML", report.to_html(lang))
        assert_clean("the report's Markdown", report.to_markdown(lang))
    for table in (report.heatmap, report.participants):
        assert_clean("a pivot CSV", table.to_csv() or "")


@pytest.mark.parametrize(
    ("field", "value", "path"),
    [
        ("since", "zz.private@example.org", "/0/since"),
        ("last_confirmed", f"{NAME} 2024", "/0/last_confirmed"),
        ("sector", NAME, "/0/sector"),
    ],
)
def test_a_marker_in_a_wrong_field_is_not_quoted_by_the_error(field: str, value: str, path: str) -> None:
    record = {"country": "HND", "institution": "SEMUJER", "role": "enlace", "name": NAME, field: value}
    with pytest.raises(lm.InvalidJsonError) as info:
        lm.FocalDirectory.from_json(json.dumps([record]))
    err = info.value
    assert err.code == "invalid_json" and err.path == path
    text = str(err) + repr(err) + json.dumps(err.details) + repr(err.args)
    assert "<redacted>" in text
    assert_clean("the error", text)


def test_markers_in_wrong_fields_are_redacted_from_findings() -> None:
    d = lm.FocalDirectory.from_json(
        json.dumps([{"country": "zz.private@example.org", "institution": "SEMUJER", "role": "r", "name": NAME}])
    )
    [finding] = d.report.with_code("unknown_code")
    assert finding.path == "/0/country" and finding.value == "<redacted>"
    check_report("the load report", d.report)
    assert_clean("the CSV", d.to_csv())


def cells(text: str) -> list:
    return [c for row in csv.reader(io.StringIO(text)) for c in row]


def test_csv_exports_neutralise_formulas_and_read_back() -> None:
    text = (
        "País,Institución,Fecha de reporte,Tipo de registro,Título,Estado,Eje,Mujeres\n"
        "MEX,INMUJERES,2024-05-02,Evento,=HYPERLINK(\"http://x\"),En curso,VCM,12\n"
        "GTM,=1+1 Instituto,2024-05-03,Evento,-5 mujeres,En curso,VCM,8\n"
    )
    m = lm.Matrix.read_csv(text.encode())
    assert m.import_report.accepted == 2
    out = m.to_csv()
    assert out is not None
    written = cells(out)
    assert "'=HYPERLINK(\"http://x\")" in written and "'-5 mujeres" in written
    assert not [c for c in written if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    back = lm.Matrix.read_csv(out.encode())
    assert [e["title"] for e in back.entries()] == ['=HYPERLINK("http://x")', "-5 mujeres"]
    pivot = m.pivot(rows=["institution"], measure="participants_women").to_csv()
    assert pivot is not None and "'=1+1 Instituto" in cells(pivot)
