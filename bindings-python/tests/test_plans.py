"""Work plans: loading, validation options, merge, guideline review, crosswalks, approval."""

from __future__ import annotations

import datetime
import json

import pytest

import lineamientos as lm

from conftest import good_plan

AS_OF = datetime.date(2024, 6, 1)


def test_load_from_json_dict_file_and_bytes(tmp_path) -> None:
    d = good_plan()
    a = lm.WorkPlan.from_dict(d)
    b = lm.WorkPlan.from_json(json.dumps(d))
    c = lm.WorkPlan.from_json(json.dumps(d).encode("utf-8"))
    p = tmp_path / "plan.json"
    p.write_text(json.dumps(d), encoding="utf-8")
    e = lm.WorkPlan.read_json(p)
    assert a == b == c == e
    assert a.content_hash == e.content_hash and a.content_hash.startswith("sha256:")
    assert (a.id, a.working_group, a.axis, a.guideline_version) == (
        "plan-vcm-2024",
        "mesa-vcm",
        "VCM",
        "2023",
    )
    assert a.period == (datetime.date(2024, 1, 1), datetime.date(2024, 12, 31))
    assert len(a) == 1 and a.activities[0]["participants"] == ["GTM", "IOM"]
    assert lm.WorkPlan.from_json(a.to_json()) == a
    assert a.to_dict()["id"] == "plan-vcm-2024"
    assert "plan-vcm-2024" in repr(a)


def test_from_dict_accepts_dates() -> None:
    d = good_plan(period={"start": datetime.date(2024, 1, 1), "end": datetime.date(2024, 12, 31)})
    assert lm.WorkPlan.from_dict(d).period[0] == datetime.date(2024, 1, 1)


def test_good_plan_is_ok(cat: lm.Catalog) -> None:
    report = cat.validate_plan(good_plan(), as_of=AS_OF)
    assert report.ok and len(report) == 0
    assert report.summary == {"errors": 0, "warnings": 0, "infos": 0}
    assert report.pins["catalog_hash"] == cat.hash


def test_findings_have_codes_paths_and_messages(cat: lm.Catalog) -> None:
    plan = good_plan()
    act = plan["activities"][0]
    act.update(end="2024-03-01", lead=["MEX", "GTM"], participants=["Mexco"], indicators=[])
    report = cat.validate_plan(plan, as_of=AS_OF)
    assert not report.ok
    found = {(d.code, d.path) for d in report.diagnostics}
    assert ("end_before_start", "/activities/0/end") in found
    assert ("lead_count", "/activities/0/lead") in found
    assert ("no_indicator", "/activities/0/indicators") in found
    unknown = report.with_code("unknown_code")
    assert [d.path for d in unknown] == ["/activities/0/participants/0"]
    assert unknown[0].value == "Mexco" and unknown[0].suggestion == "MEX"
    assert unknown[0].severity == "error"
    assert "Mexco" in unknown[0].message("es") and "Mexco" in unknown[0].message("en")
    assert unknown[0].message("es") != unknown[0].message("en")
    assert report.codes() == sorted({d.code for d in report})
    assert report.summary["errors"] == sum(1 for d in report if d.severity == "error")


def test_rules_and_thresholds_are_options(cat: lm.Catalog) -> None:
    plan = good_plan()
    plan["activities"][0].update(indicators=[], end="2024-03-20")
    base = cat.validate_plan(plan, as_of=AS_OF)
    assert set(base.codes()) == {"no_indicator", "unbounded_event"}
    off = cat.validate_plan(plan, as_of="2024-06-01", rules={"no_indicator": "off"})
    assert off.codes() == ["unbounded_event"]
    strict = cat.validate_plan(plan, as_of=AS_OF, rules={"unbounded_event": "error"})
    assert not strict.ok
    longer = cat.validate_plan(plan, as_of=AS_OF, max_event_days=30)
    assert longer.codes() == ["no_indicator"]
    with pytest.raises(lm.InvalidValueError) as info:
        cat.validate_plan(plan, as_of=AS_OF, rules={"no_such_rule": "off"})
    assert info.value.code == "invalid_value"
    with pytest.raises(lm.InvalidValueError):
        cat.validate_plan(plan, as_of=AS_OF, max_event_days=0)
    with pytest.raises(lm.InvalidValueError):
        cat.validate_plan(plan, as_of=AS_OF, max_event_days=-3)
    # a date that is not YYYY-MM-DD is a bad value (the same code as in JavaScript)
    for bad in ["1 June 2024", "2024-13-01", "2024-6-1"]:
        with pytest.raises(lm.InvalidValueError) as info:
            cat.validate_plan(plan, as_of=bad)
        assert (info.value.field, info.value.path, info.value.value) == ("as_of", "/as_of", bad)
    with pytest.raises(lm.InvalidValueError) as info:
        cat.validate_plan(plan)
    assert (info.value.field, info.value.value) == ("as_of", None)
    with pytest.raises(lm.InvalidValueError):
        cat.validate_plan(plan, as_of=None)  # type: ignore[arg-type]


def test_validate_plans_and_merge(cat: lm.Catalog) -> None:
    vcm = good_plan()
    emp = good_plan(id="plan-emp", working_group="mesa-emp", axis="EMP")
    emp["activities"][0].update(id="e1", guidelines=["EMP-1"])
    reports = cat.validate_plans([vcm, emp], as_of=AS_OF)
    assert [r.ok for r in reports] == [True, True]
    general, report = cat.merge_plans([vcm, emp], as_of=AS_OF)
    overlap = report.with_code("schedule_overlap")
    assert [d.path for d in overlap] == ["/plans/0/activities/0"]
    assert overlap[0].params["other_path"] == "/plans/1/activities/0"
    assert general.activity_count() == 2
    assert len(general.plans) == 2 and general.plans[1].id == "plan-emp"
    assert len(general.axis_coverage("VCM")["activities"]) == 1
    assert "CUI" in general.uncovered_axes
    assert {d.value for d in report.with_code("axis_not_covered")} == set(general.uncovered_axes)
    assert general.to_dict()["uncovered_axes"] == general.uncovered_axes
    with pytest.raises(TypeError):
        cat.merge_plans(vcm, as_of=AS_OF)  # a single dict is not a list of plans


def test_review_and_challenges(cat: lm.Catalog) -> None:
    report = cat.review_guidelines("2023", as_of=AS_OF)
    due = {d.value for d in report.with_code("review_due")}
    assert "VCM-3" in due and "VCM-1" not in due
    assert cat.unaddressed_challenges("2023") == []
    assert "health_emergency" in cat.unaddressed_challenges("2017")


def test_crosswalk_plan(cat: lm.Catalog) -> None:
    plan = {"guideline_version": "2017", "activities": [{"guidelines": ["DAT-3", "VCM-1", "ZZZ-9"]}]}
    moved, report = cat.crosswalk_plan(plan, "2023")
    assert moved.guideline_version == "2023"
    assert moved.activities[0]["guidelines"] == ["DAT-4", "VCM-1", "ZZZ-9"]
    assert report.diagnostics[0].path == "/activities/0/guidelines/2"


def test_approval_workflow_with_audit_trail(cat: lm.Catalog) -> None:
    plan = lm.WorkPlan.from_dict(good_plan())
    approval = lm.Approval(plan)
    assert approval.state == "draft" and approval.plan_id == "plan-vcm-2024"
    with pytest.raises(lm.InvalidTransitionError) as info:
        approval.approve(plan, by="secretaria_tecnica", at="2024-05-02")
    assert (info.value.code, info.value.state, info.value.action) == (
        "invalid_transition",
        "draft",
        "approve",
    )
    approval.submit(plan, by="mesa_vcm", at=datetime.date(2024, 5, 2), comment="v1")
    report = approval.validate(plan, cat, by="secretaria_tecnica", at="2024-05-03T10:30:00")
    assert report.ok and approval.state == "validated"
    approval.approve(plan, by="presidencia_pro_tempore", at=datetime.datetime(2024, 5, 4, 9, 0))
    assert approval.is_approved(plan) and not approval.changed_since_approval(plan)
    trail = approval.trail
    assert [(t["action"], t["from"], t["to"], t["by"]) for t in trail] == [
        ("submit", "draft", "submitted", "mesa_vcm"),
        ("validate", "submitted", "validated", "secretaria_tecnica"),
        ("approve", "validated", "approved", "presidencia_pro_tempore"),
    ]
    assert trail[0]["comment"] == "v1" and trail[0]["content_hash"] == plan.content_hash
    # Edited after approval: changed since approval, and can be submitted again.
    d = plan.to_dict()
    d["activities"][0]["title"] = "Webinar regional (2)"
    edited = lm.WorkPlan.from_dict(d)
    assert approval.changed_since_approval(edited) and not approval.is_approved(edited)
    approval.perform("submit", edited, by="mesa_vcm", at="2024-05-10")
    assert approval.state == "submitted"
    again = lm.Approval.from_json(approval.to_json())
    assert again.state == "submitted" and len(again.trail) == 4


def test_validate_refuses_a_plan_with_errors(cat: lm.Catalog) -> None:
    d = good_plan()
    d["activities"][0]["end"] = "2024-03-01"
    approval = lm.Approval(d)
    approval.submit(d, by="mesa_vcm", at="2024-05-02")
    with pytest.raises(lm.ReportHasErrorsError) as info:
        approval.validate(d, by="secretaria_tecnica", at="2024-05-03")
    e = info.value
    assert e.code == "report_has_errors"
    assert [x.code for x in e.diagnostics if x.severity == "error"] == ["end_before_start"]
    assert approval.state == "submitted"  # unchanged


def test_approve_refuses_a_plan_changed_since_validation(cat: lm.Catalog) -> None:
    d = good_plan()
    approval = lm.Approval(d)
    approval.submit(d, by="mesa_vcm", at="2024-05-02")
    approval.validate(d, cat, by="st", at="2024-05-03", as_of=AS_OF)
    d2 = json.loads(json.dumps(d))
    d2["activities"][0]["title"] = "Otro título"
    with pytest.raises(lm.ContentChangedError) as info:
        approval.approve(d2, by="ppt", at="2024-05-04")
    assert info.value.code == "content_changed" and info.value.since == "validated"
    with pytest.raises(lm.InvalidValueError):
        approval.perform("dance", d, by="ppt", at="2024-05-04")
    with pytest.raises(lm.InvalidValueError):
        approval.approve(d, by="ppt", at="yesterday")
