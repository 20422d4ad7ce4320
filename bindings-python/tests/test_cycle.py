"""The congress cycle from Python: load, review, tables as data frames, errors from core."""

from __future__ import annotations

import datetime
import json
import pathlib

import pytest

import lineamientos as lm

VECTOR = pathlib.Path(__file__).resolve().parents[2] / "tests" / "vectors" / "cycle" / "cycle-congress-v.json"


@pytest.fixture(scope="module")
def case():
    return json.loads(VECTOR.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def review(case):
    matrix = lm.Matrix.read_csv(case["matrix_csv"].encode())
    focal = lm.FocalDirectory.from_json(json.dumps(case["focal_points"]))
    cycle = lm.Cycle.from_dict(case["input"])
    return cycle.review(lm.Catalog.embedded(), matrix, focal, as_of=datetime.date(2025, 6, 1))


def test_cycle_loads_from_json_text_dict_and_file(case, tmp_path):
    text = json.dumps(case["input"])
    a = lm.Cycle.from_json(text)
    b = lm.Cycle.from_dict(case["input"])
    path = tmp_path / "cycle.json"
    path.write_text(text, encoding="utf-8")
    c = lm.Cycle.read_json(path)
    assert a.to_dict() == b.to_dict() == c.to_dict()
    assert a.congress == 5
    assert [t["id"] for t in a.tables] == ["mesa-vcm", "mesa-emp", "mesa-x"]
    assert [p.id for p in a.plans] == ["plan-vcm", "plan-emp"]
    assert "Cycle congress=V" in repr(a)


def test_bad_cycle_document_names_the_value():
    with pytest.raises(lm.InvalidJsonError) as info:
        lm.Cycle.from_json('{"congress": "V", "events": [{"start": "2024-02-30"}]}')
    assert info.value.path == "/events/0/start"
    with pytest.raises(lm.InvalidJsonError) as info:
        lm.Cycle.from_dict({"congress": 0})
    assert info.value.path == "/congress"


def test_review_follows_activities_tables_and_agreements(review):
    states = {a["activity_id"]: a["state"] for a in review.activities}
    assert states == {"vcm-1": "behind", "vcm-2": "not_reported", "vcm-3": "done",
                      "vcm-4": "done", "emp-1": "not_reported"}
    vcm = review.tables[0]
    assert (vcm["approval"], vcm["approved"], vcm["activities"]["planned"]) == ("approved", True, 4)
    overdue = [a for a in review.agreements if a.get("days_overdue")]
    assert [(a["id"], a["days_overdue"]) for a in overdue] == [("ac-1", 62)]
    assert [p.id for p in review.general_plan.plans] == ["plan-vcm"]
    assert [d.path for d in review.general_report.with_code("plan_not_approved")] == ["/plans/1"]
    assert review.priority_areas == ["VCM", "EMP"]
    d = review.report.with_code("unknown_activity")[0]
    assert (d.path, d.suggestion) == ("/matrix/2/activity", "vcm-3")
    assert "vcm-33" in d.message("es")
    # Personal data stays out of findings.
    for d in review.report.diagnostics:
        assert "Persona Ficticia" not in d.message("es") + json.dumps(d.params)


def test_review_tables_as_frames(review):
    pd = pytest.importorskip("pandas")
    df = review.to_pandas("activities")
    assert list(df["state"]) == ["behind", "not_reported", "done", "done", "not_reported"]
    assert df["start"].iloc[0] == datetime.date(2025, 1, 1) or str(df["start"].iloc[0]).startswith("2025-01-01")
    t = review.table("tables")
    assert t.column_names[:3] == ["table", "axis", "plans"]
    assert t.num_rows == 3
    pa = pytest.importorskip("pyarrow")
    arrow = pa.table(review.table("agreements"))
    assert arrow.column("days_overdue").to_pylist() == [62, None, None, None]
    assert isinstance(pd.DataFrame(review.to_pandas("events")), pd.DataFrame)


def test_review_options_are_read_by_core(case):
    cycle = lm.Cycle.from_dict(case["input"])
    cat = lm.Catalog.embedded()
    with pytest.raises(lm.InvalidValueError) as info:
        cycle.review(cat, as_of="2025-06-01", confirm_focal_point=True)
    assert (info.value.field, info.value.suggestion) == ("confirm_focal_point", "confirm_focal_points")
    with pytest.raises(lm.InvalidValueError) as info:
        cycle.review(cat, as_of="2025-06-01", behind_target_margin=101)
    assert info.value.field == "behind_target_margin"
    with pytest.raises(lm.InvalidValueError) as info:
        cycle.review(cat)
    assert info.value.field == "as_of"
    review = cycle.review(cat, as_of="2025-06-01")
    with pytest.raises(lm.InvalidValueError) as info:
        review.table("activity")
    assert info.value.field == "table"


def test_merge_plans_takes_approved_plans_only(case):
    cat = lm.Catalog.embedded()
    plans = case["input"]["plans"]
    approvals = case["input"]["approvals"][:2]
    general, report = cat.merge_plans(plans, approvals, as_of="2025-06-01", approved_only=True)
    assert [p.id for p in general.plans] == ["plan-vcm"]
    src = general.sources[0]
    assert (src["index"], src["plan_id"], src["approval"]["state"]) == (0, "plan-vcm", "approved")
    left_out = report.with_code("plan_not_approved")
    assert [d.path for d in left_out] == ["/plans/1"]
    assert "submitted" in left_out[0].message("en")
    # Without approved_only every plan is merged, and the sources say which were approved.
    general, report = cat.merge_plans(plans, [lm.Approval.from_json(json.dumps(a)) for a in approvals],
                                      as_of="2025-06-01")
    assert [s["approval"]["state"] for s in general.sources] == ["approved", "submitted"]
    assert not report.with_code("plan_not_approved")


def test_agreement_code_lists():
    assert list(lm.AgreementStatus) == ["open", "in_progress", "done", "dropped"]
    assert lm.AgreementStatus.parse("Cumplido") == "done"
    assert lm.AgreementSource.label("table", "en") == "Working table"
    assert "recommendation" in lm.AgreementKind


BUNDLED = pathlib.Path(__file__).resolve().parents[2] / "examples" / "cycle"


def test_systematization_of_the_bundled_cycle():
    cat = lm.Catalog.embedded()
    cycle = lm.Cycle.read_json(BUNDLED / "cycle.json")
    matrix = lm.Matrix.read_csv(BUNDLED / "matrix.csv")
    focal = lm.FocalDirectory.read_json(BUNDLED / "focal_points.json")
    report = cycle.systematize(cat, matrix, focal, as_of="2024-06-30")
    assert report.illustrative == ["guidelines", "data"]
    assert report.figures["members_silent"] == ["USA", "NIC"]
    rules = [a["rule"] for a in report.actions]
    assert "support_activity_behind" in rules and "complete_plan_approval" in rules
    behind = next(a for a in report.actions if a["rule"] == "support_activity_behind")
    assert behind["figures"]["activity"] == "vcm-02"
    html = report.to_html("en")
    assert html.startswith("<!DOCTYPE html>") and "Illustrative" in html and "<svg" in html
    assert report._repr_html_() == report.to_html("es")
    md = report.to_markdown("es")
    assert "## Acciones prioritarias" in md
    for text in (html, md):
        assert "Persona Ficticia" not in text and "@ejemplo" not in text
    assert report.pins["matrix_hash"].startswith("sha256:")
    assert report.participants.audit()["entries"], "the participants table is protected and audited"
    with pytest.raises(lm.InvalidValueError) as info:
        cycle.systematize(cat, as_of="2024-06-30", suppress_below=0)
    assert info.value.field == "suppress_below"
