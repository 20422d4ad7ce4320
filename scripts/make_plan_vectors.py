#!/usr/bin/env python3
"""Writes the work-plan golden vectors of tests/vectors/plans/ (format: tests/vectors/README.md).

The expectations below are written by hand from the rules in docs/plans.md (review_due ones are
computed here independently of the Rust code). Run from anywhere:
    python3 scripts/make_plan_vectors.py
then `cargo test -p lineamientos --test vectors_plans`.
"""
import json, copy, os, sys
ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "tests", "vectors", "plans")
os.makedirs(OUT, exist_ok=True)
AS_OF = "2024-06-01"
def opts(**kw):
    o = {"as_of": AS_OF}
    o.update(kw)
    return o

def act(**kw):
    a = {"id": "vcm-a1", "title": "Webinar regional sobre rutas de atención", "kind": "webinar",
         "start": "2024-03-05", "end": "2024-03-05", "lead": "MEX", "participants": ["GTM", "HND", "IOM"],
         "guidelines": ["VCM-1"], "gcm_objectives": [7], "sdgs": [5],
         "indicators": [{"name": "Personas capacitadas", "unit": "personas", "baseline": 0, "target": 120}]}
    for k, v in kw.items():
        if v is None:
            a.pop(k, None)
        else:
            a[k] = v
    return a

def plan(activities=None, **kw):
    p = {"id": "plan-vcm-2024", "title": "Plan de trabajo 2024 de la mesa VCM", "working_group": "mesa-vcm",
         "axis": "VCM", "period": {"start": "2024-01-01", "end": "2024-12-31"}, "guideline_version": "2023",
         "activities": [act()] if activities is None else activities}
    for k, v in kw.items():
        if v is None:
            p.pop(k, None)
        else:
            p[k] = v
    return p

def D(code, sev, path, suggestion=None):
    d = {"code": code, "severity": sev, "path": path}
    if suggestion is not None:
        d["suggestion"] = suggestion
    return d

def summary(diags):
    s = {"errors": 0, "warnings": 0, "infos": 0}
    for d in diags:
        s[{"error": "errors", "warning": "warnings", "info": "infos"}[d["severity"]]] += 1
    return s

n = 0
def case(name, desc, kind, diags, coverage=None, **fields):
    global n
    n += 1
    c = {"name": name, "description": desc, "kind": kind, "catalog": "embedded"}
    c.update(fields)
    if "options" not in c:
        c["options"] = opts()
    exp = {"ok": not any(d["severity"] == "error" for d in diags), "summary": summary(diags), "diagnostics": diags}
    if coverage is not None:
        exp["coverage"] = coverage
    c["expected"] = exp
    with open(os.path.join(OUT, name + ".json"), "w", encoding="utf-8") as f:
        json.dump(c, f, ensure_ascii=False, indent=2)
        f.write("\n")

V = "validate_plan"
M = "merge_plans"
R = "review_guidelines"

# ---- validate_plan ----
case("valid-plan", "A complete plan with one bounded webinar: no finding.", V, [], input=plan())
case("empty-plan", "An empty object: every required plan field is missing, in field order.", V, [
    D("missing_field", "error", "/id"), D("missing_field", "error", "/working_group"),
    D("missing_field", "error", "/axis"), D("missing_field", "error", "/period/start"),
    D("missing_field", "error", "/period/end"), D("missing_field", "error", "/guideline_version")], input={})
case("no-activities", "A plan header without activities is valid.", V, [], input=plan([]))
case("activity-missing-fields", "An empty activity: every required field, no lead, no indicator.", V, [
    D("missing_field", "error", "/activities/0/id"), D("missing_field", "error", "/activities/0/title"),
    D("missing_field", "error", "/activities/0/kind"), D("missing_field", "error", "/activities/0/start"),
    D("missing_field", "error", "/activities/0/end"), D("lead_count", "error", "/activities/0/lead"),
    D("no_indicator", "warning", "/activities/0/indicators")], input=plan([{}]))
case("blank-strings-are-missing", "Whitespace-only id and title count as missing.", V, [
    D("missing_field", "error", "/id"), D("missing_field", "error", "/activities/0/title")],
    input=plan([act(title="   ")], id=" "))
case("end-before-start", "An activity ending the day before it starts.", V, [
    D("end_before_start", "error", "/activities/0/end")], input=plan([act(start="2024-03-05", end="2024-03-04")]))
case("plan-end-before-start", "A plan period that ends before it starts; activities are then not checked against it.", V, [
    D("end_before_start", "error", "/period/end")],
    input=plan(period={"start": "2024-12-31", "end": "2024-01-01"}))
case("outside-period-start", "An activity starting before the plan period.", V, [
    D("outside_plan_period", "error", "/activities/0/start")], input=plan([act(start="2023-12-31", end="2024-01-01")]))
case("outside-period-end", "A research activity ending after the plan period.", V, [
    D("outside_plan_period", "error", "/activities/0/end")],
    input=plan([act(kind="research", start="2024-10-01", end="2025-01-01")]))
case("outside-open-ended-period", "A period without end (reported) still bounds activities by its start.", V, [
    D("missing_field", "error", "/period/end"), D("outside_plan_period", "error", "/activities/1/start")],
    input=plan([act(id="a1", start="2024-03-01", end="2024-03-01"), act(id="a2", start="2023-11-30", end="2023-11-30")],
               period={"start": "2024-01-01"}))
case("inside-period-boundaries", "Activities on the first and on the last day of the period are inside.", V, [],
    input=plan([act(id="a1", start="2024-01-01", end="2024-01-01"), act(id="a2", start="2024-12-31", end="2024-12-31")]))
case("duplicate-activity-id", "Two activities share an id: the second is reported.", V, [
    D("duplicate_id", "error", "/activities/1/id")],
    input=plan([act(id="vcm-a1"), act(id="vcm-a1", start="2024-04-02", end="2024-04-02")]))
case("unknown-guideline", "A typo in a guideline code, with the nearest code as suggestion.", V, [
    D("unknown_guideline", "error", "/activities/0/guidelines/1", "VCM-2")],
    input=plan([act(guidelines=["VCM-1", "VCN-2"])]))
case("guideline-spelling-variants", "Guideline codes written with another case or separator resolve.", V, [],
    input=plan([act(guidelines=["vcm 1", "VCM_2", "vcm3"])]))
case("retired-guideline", "A ref retired in 2023, with its replacement as suggestion.", V, [
    D("retired_guideline", "warning", "/activities/0/guidelines/0", "DAT-4")],
    input=plan([act(guidelines=["DAT-3"])], axis="DAT", working_group="mesa-dat", id="plan-dat-2024"))
case("unknown-participant", "A misspelt country among the participants.", V, [
    D("unknown_code", "error", "/activities/0/participants/1", "GTM")],
    input=plan([act(participants=["HND", "Guatemla"])]))
case("participants-by-name-and-alias", "Participants written as names, ISO2 and aliases resolve.", V, [],
    input=plan([act(lead="México", participants=["Rep. Dominicana", "gt", "OIM", "ACNUR"])]))
case("unknown-lead", "An unknown lead organisation.", V, [
    D("unknown_code", "error", "/activities/0/lead")], input=plan([act(lead="Ministerio X")]))
case("unknown-gcm-objective-and-sdg", "GCM objective 24 and SDG 18 do not exist.", V, [
    D("unknown_code", "error", "/activities/0/gcm_objectives/1"), D("unknown_code", "error", "/activities/0/sdgs/0")],
    input=plan([act(gcm_objectives=[7, 24], sdgs=[18])]))
case("two-leads", "An activity with two leads.", V, [D("lead_count", "error", "/activities/0/lead")],
    input=plan([act(lead=["MEX", "GTM"])]))
case("no-lead", "An activity without lead.", V, [D("lead_count", "error", "/activities/0/lead")],
    input=plan([act(lead=None)]))
case("unbounded-event", "A six-day training is longer than the default five days.", V, [
    D("unbounded_event", "warning", "/activities/0/end")],
    input=plan([act(kind="training", start="2024-03-01", end="2024-03-06")]))
case("event-at-limit", "A five-day training (inclusive days) is bounded.", V, [],
    input=plan([act(kind="training", start="2024-03-01", end="2024-03-05")]))
case("long-research-is-not-an-event", "Research may run for months.", V, [],
    input=plan([act(kind="research", start="2024-02-01", end="2024-09-30")]))
case("max-event-days-option", "With max_event_days 1, a two-day meeting is unbounded.", V, [
    D("unbounded_event", "warning", "/activities/0/end")],
    input=plan([act(kind="meeting", start="2024-03-05", end="2024-03-06")]), options=opts(max_event_days=1))
case("leap-day-event-length", "26 Feb to 1 Mar 2024 is five days (29 Feb counts); 25 Feb to 1 Mar is six.", V, [
    D("unbounded_event", "warning", "/activities/1/end")],
    input=plan([act(id="a1", kind="training", start="2024-02-26", end="2024-03-01"),
                act(id="a2", kind="training", start="2024-02-25", end="2024-03-01")]))
case("leap-day-period-end", "A plan ending on 29 Feb 2024: an activity that day is inside, one ending 1 Mar is not.", V, [
    D("outside_plan_period", "error", "/activities/1/end")],
    input=plan([act(id="a1", start="2024-02-29", end="2024-02-29"),
                act(id="a2", start="2024-02-28", end="2024-03-01")],
               period={"start": "2024-01-01", "end": "2024-02-29"}))
case("no-indicator", "Indicators without target (and one without name).", V, [
    D("missing_field", "error", "/activities/0/indicators/1/name"), D("no_indicator", "warning", "/activities/0/indicators")],
    input=plan([act(indicators=[{"name": "Talleres", "unit": "talleres"}, {"baseline": 2}])]))
case("no-indicator-switched-off", "The same plan without indicators, with no_indicator off.", V, [],
    input=plan([act(indicators=[])]), options=opts(rules={"no_indicator": "off"}))
case("severity-override", "unbounded_event raised to error makes the report not ok.", V, [
    D("unbounded_event", "error", "/activities/0/end")],
    input=plan([act(kind="meeting", start="2024-03-01", end="2024-03-08")]), options=opts(rules={"unbounded_event": "error"}))
case("axis-mismatch", "Every ref of the activity lies on another axis than the plan's.", V, [
    D("axis_mismatch", "warning", "/activities/0/guidelines")], input=plan([act(guidelines=["EMP-1", "CUI-2"])]))
case("axis-mixed-refs", "One ref on the plan's axis is enough.", V, [], input=plan([act(guidelines=["EMP-1", "VCM-2"])]))
case("axis-by-name", "The plan's axis written as its Spanish name resolves.", V, [],
    input=plan(axis="Violencia contra las mujeres y las niñas"))
case("unknown-axis", "A misspelt axis code, with suggestion.", V, [D("unknown_code", "error", "/axis", "CUI")],
    input=plan([act(guidelines=["CUI-1"])], axis="CUII"))
case("unknown-guideline-version", "An unknown version: suggested, and the axis and refs cannot be checked.", V, [
    D("unknown_code", "error", "/guideline_version", "2023")],
    input=plan([act(guidelines=["ZZZ-9"])], guideline_version="v2023", axis="ZZZ"))
case("version-2017-refs", "A plan on the 2017 guidelines: DAT-3 is in force there.", V, [],
    input=plan([act(guidelines=["DAT-3"])], guideline_version="2017", axis="DAT"))
case("unicode-titles", "Titles in Spanish, with emoji and non-Latin scripts, are fine.", V, [],
    input=plan([act(id="a-ñandú", title="Capacitación «Mujeres y movilidad» — 女性と移住 🌎"),
                act(id="a-2", title="Ωmega: diálogo ✊🏽", start="2024-05-07", end="2024-05-07")],
               title="Plan de acción — niñas y adolescentes"))
case("many-findings-one-activity", "Every finding of one activity is reported, not the first.", V, [
    D("duplicate_id", "error", "/activities/1/id"), D("outside_plan_period", "error", "/activities/1/start"),
    D("end_before_start", "error", "/activities/1/end"), D("lead_count", "error", "/activities/1/lead"),
    D("unknown_code", "error", "/activities/1/lead/1", "DOM"),
    D("unknown_code", "error", "/activities/1/participants/0", "PAN"),
    D("unknown_guideline", "error", "/activities/1/guidelines/0"),
    D("no_indicator", "warning", "/activities/1/indicators")],
    input=plan([act(id="x"), act(id="x", start="2025-02-01", end="2025-01-31", lead=["MEX", "Rep Dominicanaa"],
                                 participants=["Panamaa"], guidelines=["QQQ-99"], indicators=[])]))

# ---- merge_plans ----
def mplan(pid, group, axis, acts, version="2023"):
    return plan(acts, id=pid, working_group=group, axis=axis, guideline_version=version, title=None)
def ev(aid, start, end, lead, parts, g, kind="meeting", title=None):
    return act(id=aid, start=start, end=end, lead=lead, participants=parts, guidelines=g, kind=kind,
               title=title or f"Reunión {aid}")
quiet = opts(rules={"axis_not_covered": "off"})
case("merge-overlap-touching-day", "Events of two groups share Guatemala; one ends on the day the other starts.", M, [
    D("schedule_overlap", "warning", "/plans/0/activities/0")],
    inputs=[mplan("p-vcm", "mesa-vcm", "VCM", [ev("vcm-1", "2024-03-04", "2024-03-06", "MEX", ["GTM"], ["VCM-1"])]),
            mplan("p-emp", "mesa-emp", "EMP", [ev("emp-1", "2024-03-06", "2024-03-07", "GTM", ["HND"], ["EMP-1"])])],
    options=quiet)
case("merge-adjacent-days-no-overlap", "One event ends the day before the other starts: no overlap.", M, [],
    inputs=[mplan("p-vcm", "mesa-vcm", "VCM", [ev("vcm-1", "2024-03-04", "2024-03-06", "MEX", ["GTM"], ["VCM-1"])]),
            mplan("p-emp", "mesa-emp", "EMP", [ev("emp-1", "2024-03-07", "2024-03-08", "GTM", ["HND"], ["EMP-1"])])],
    options=quiet)
case("merge-same-day-no-shared-participant", "Same-day events of two groups with different participants.", M, [],
    inputs=[mplan("p-vcm", "mesa-vcm", "VCM", [ev("vcm-1", "2024-03-05", "2024-03-05", "MEX", ["GTM"], ["VCM-1"])]),
            mplan("p-emp", "mesa-emp", "EMP", [ev("emp-1", "2024-03-05", "2024-03-05", "CRI", ["PAN"], ["EMP-1"])])],
    options=quiet)
case("merge-same-day-shared-lead", "Same-day webinars of two groups led by the same country (the lead counts).", M, [
    D("schedule_overlap", "warning", "/plans/0/activities/0")],
    inputs=[mplan("p-vcm", "mesa-vcm", "VCM", [ev("vcm-1", "2024-03-05", "2024-03-05", "México", [], ["VCM-1"], kind="webinar")]),
            mplan("p-emp", "mesa-emp", "EMP", [ev("emp-1", "2024-03-05", "2024-03-05", "CRI", ["MEX"], ["EMP-1"], kind="webinar")])],
    options=quiet)
case("merge-same-group-no-overlap", "Two plans of the same working group may overlap.", M, [],
    inputs=[mplan("p-vcm-a", "mesa-vcm", "VCM", [ev("vcm-1", "2024-03-05", "2024-03-06", "MEX", ["GTM"], ["VCM-1"])]),
            mplan("p-vcm-b", "mesa-vcm", "VCM", [ev("vcm-2", "2024-03-05", "2024-03-06", "MEX", ["GTM"], ["VCM-2"])])],
    options=quiet)
case("merge-research-does-not-clash", "Only events clash: a research activity overlapping a meeting does not.", M, [],
    inputs=[mplan("p-vcm", "mesa-vcm", "VCM", [ev("vcm-1", "2024-03-01", "2024-05-31", "MEX", ["GTM"], ["VCM-1"], kind="research")]),
            mplan("p-emp", "mesa-emp", "EMP", [ev("emp-1", "2024-03-05", "2024-03-05", "MEX", ["GTM"], ["EMP-1"])])],
    options=quiet)
case("merge-overlap-as-error", "schedule_overlap configured as error; three groups around 29 Feb sharing Guatemala: three clashes, one finding per pair.", M, [
    D("schedule_overlap", "error", "/plans/0/activities/0"), D("schedule_overlap", "error", "/plans/0/activities/0"),
    D("schedule_overlap", "error", "/plans/1/activities/0")],
    inputs=[mplan("p-vcm", "mesa-vcm", "VCM", [ev("vcm-1", "2024-02-28", "2024-03-01", "MEX", ["GTM"], ["VCM-1"])]),
            mplan("p-emp", "mesa-emp", "EMP", [ev("emp-1", "2024-02-29", "2024-02-29", "GTM", [], ["EMP-1"])]),
            mplan("p-cui", "mesa-cui", "CUI", [ev("cui-1", "2024-02-29", "2024-03-02", "HND", ["GTM"], ["CUI-1"])])],
    options=opts(rules={"axis_not_covered": "off", "schedule_overlap": "error"}))
case("merge-duplicate-ids", "A plan id and an activity id reused across plans.", M, [
    D("duplicate_id", "error", "/plans/1/id"), D("duplicate_id", "error", "/plans/1/activities/0/id")],
    inputs=[mplan("p-1", "mesa-vcm", "VCM", [ev("a-1", "2024-03-05", "2024-03-05", "MEX", [], ["VCM-1"])]),
            mplan("p-1", "mesa-emp", "EMP", [ev("a-1", "2024-04-05", "2024-04-05", "MEX", [], ["EMP-1"])])],
    options=quiet)
case("merge-own-findings-prefixed", "Each plan's own findings carry the /plans/{i} prefix.", M, [
    D("end_before_start", "error", "/plans/1/activities/0/end"), D("no_indicator", "warning", "/plans/1/activities/0/indicators")],
    inputs=[mplan("p-vcm", "mesa-vcm", "VCM", [ev("vcm-1", "2024-03-05", "2024-03-05", "MEX", [], ["VCM-1"])]),
            mplan("p-emp", "mesa-emp", "EMP", [act(id="emp-1", start="2024-04-05", end="2024-04-01", lead="CRI",
                                                  participants=[], guidelines=["EMP-1"], indicators=[])])],
    options=quiet)
case("merge-near-duplicate", "Two tables plan the same campaign: same refs, overlapping dates, similar titles.", M, [
    D("near_duplicate", "info", "/plans/0/activities/0")],
    inputs=[mplan("p-tra", "mesa-tra", "TRA", [ev("tra-1", "2024-07-01", "2024-07-31", "PAN", [], ["TRA-1", "NNA-1"],
                                                  kind="campaign", title="Campaña regional contra la trata de niñas")]),
            mplan("p-nna", "mesa-nna", "NNA", [ev("nna-1", "2024-07-15", "2024-08-15", "CRI", [], ["NNA-1", "TRA-1"],
                                                  kind="campaign", title="Campaña regional contra la trata de niñas 2024")])],
    options=quiet)
case("merge-near-duplicate-other-kind", "Same refs, dates and title, but a campaign and a training are not the same activity.", M, [],
    inputs=[mplan("p-tra", "mesa-tra", "TRA", [ev("tra-1", "2024-07-01", "2024-07-31", "PAN", [], ["TRA-1", "NNA-1"],
                                                  kind="campaign", title="Trata de niñas: prevención")]),
            mplan("p-nna", "mesa-nna", "NNA", [ev("nna-1", "2024-07-15", "2024-07-16", "CRI", [], ["NNA-1", "TRA-1"],
                                                  kind="training", title="Trata de niñas: prevención")])],
    options=quiet)
case("merge-similar-titles-other-dates", "Same refs and titles but dates apart: not a near duplicate.", M, [],
    inputs=[mplan("p-tra", "mesa-tra", "TRA", [ev("tra-1", "2024-07-01", "2024-07-31", "PAN", [], ["TRA-1", "NNA-1"],
                                                  kind="campaign", title="Campaña regional contra la trata")]),
            mplan("p-nna", "mesa-nna", "NNA", [ev("nna-1", "2024-09-01", "2024-09-30", "CRI", [], ["NNA-1", "TRA-1"],
                                                  kind="campaign", title="Campaña regional contra la trata")])],
    options=quiet)
ALL_AXES = ["VCM", "EMP", "CUI", "SER", "PRO", "TRA", "DAT", "NNA", "RET", "FOR"]
case("merge-coverage", "Two plans cover VCM and EMP (and SER through a ref); the other axes are reported as not covered.", M,
    [D("axis_not_covered", "info", "") for a in ALL_AXES if a not in ("VCM", "EMP", "SER")],
    coverage={"VCM": 1, "EMP": 1, "SER": 1, "CUI": 0},
    inputs=[mplan("p-vcm", "mesa-vcm", "VCM", [ev("vcm-1", "2024-03-05", "2024-03-05", "MEX", [], ["VCM-1", "SER-2"])]),
            mplan("p-emp", "mesa-emp", "EMP", [ev("emp-1", "2024-04-05", "2024-04-05", "CRI", [], ["EMP-1"])])])
case("merge-no-plans", "Merging nothing: every axis of the current guidelines is a gap.", M,
    [D("axis_not_covered", "info", "") for a in ALL_AXES], coverage={a: 0 for a in ALL_AXES}, inputs=[])
case("merge-mixed-versions", "A 2017 plan and a 2023 plan: coverage uses 2023, the 2017 refs go through the crosswalk.", M,
    [D("axis_not_covered", "info", "") for a in ALL_AXES if a not in ("VCM", "DAT")],
    coverage={"VCM": 1, "DAT": 1},
    inputs=[mplan("p-dat", "mesa-dat", "DAT", [ev("dat-1", "2024-03-05", "2024-03-05", "MEX", [], ["DAT-3"], kind="research")], version="2017"),
            mplan("p-vcm", "mesa-vcm", "VCM", [ev("vcm-1", "2024-04-05", "2024-04-05", "CRI", [], ["VCM-1"])])])

# ---- review_guidelines ----
due_2023 = []
import json as _j
gl = _j.load(open(os.path.join(ROOT, "core", "data", "guidelines.json"), encoding="utf-8"))
for si, s in enumerate(gl["guideline_sets"]):
    pass
def review_expected(version, as_of, interval):
    import datetime
    s = [x for x in gl["guideline_sets"] if x["version"] == version][0]
    si = [x["version"] for x in gl["guideline_sets"]].index(version)
    a = datetime.date.fromisoformat(as_of)
    t = a - datetime.timedelta(days=interval)
    out = []
    for gi, g in enumerate(s["guidelines"]):
        if g.get("retired"):
            continue
        lr = g.get("last_reviewed")
        if lr is None or datetime.date.fromisoformat(lr) < t:
            out.append(D("review_due", "warning", f"/guideline_sets/{si}/guidelines/{gi}/last_reviewed"))
    return out, si
d, si = review_expected("2023", "2024-06-01", 730)
case("review-2023", "Items of 2023 last reviewed in 2017 are due; every emerging challenge is addressed.", R, d, version="2023")
d, si = review_expected("2017", "2024-06-01", 730)
d += [D("challenge_not_addressed", "info", f"/guideline_sets/{si}/guidelines")] * 3
case("review-2017", "Every 2017 item is due, and three emerging challenges are not addressed.", R, d, version="2017")
d, si = review_expected("2023", "2024-06-01", 3650)
case("review-long-interval", "With a ten-year interval nothing is due.", R, d, version="2023", options=opts(review_interval_days=3650))
print(n, "cases")
