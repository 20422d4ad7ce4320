"""Rule files from Python: YAML as the JS package reads it, the `rulesets` argument, merge_plans,
reading files, and the example rule files shipped with the project."""

import json
from pathlib import Path
from typing import Any, Dict

import pytest

import lineamientos as lm

ROOT = Path(__file__).resolve().parents[2]
YAML_CASES = json.loads((ROOT / "tests" / "yaml" / "cases.json").read_text(encoding="utf-8"))["cases"]
PLAN_VECTOR = json.loads(
    (ROOT / "tests" / "vectors" / "rules" / "rules-plan-activities.json").read_text(encoding="utf-8")
)


@pytest.mark.parametrize("case", YAML_CASES, ids=[c["name"] for c in YAML_CASES])
def test_yaml_converts_as_the_js_package_converts_it(case: Dict[str, Any]) -> None:
    if "json" in case:
        assert lm.yaml_to_json(case["yaml"]) == case["json"]
        return
    with pytest.raises(lm.LineamientosError) as info:
        lm.yaml_to_json(case["yaml"])
    want = case["error"]
    assert info.value.code == want["code"]
    for k, v in want.items():
        if k != "code":
            assert info.value.details[k] == v, k


def test_a_yaml_rule_file_is_the_same_file_as_its_json() -> None:
    rs = lm.RuleSet.from_dict(PLAN_VECTOR["ruleset"])
    yaml = "\n".join(
        [
            "ruleset: demo_plans",
            "version: '2'",
            "parameters: {max_days: 5}",
            "rules:",
            *[
                line
                for rule in PLAN_VECTOR["ruleset"]["rules"]
                for line in ["  - " + json.dumps(rule, ensure_ascii=False)]
            ],
        ]
    )
    assert lm.RuleSet.from_yaml(yaml).pin == rs.pin


def test_read_takes_yaml_by_extension_and_json_otherwise(tmp_path: Path) -> None:
    rs = lm.RuleSet.from_dict(PLAN_VECTOR["ruleset"])
    (tmp_path / "rules.json").write_text(json.dumps(PLAN_VECTOR["ruleset"]), encoding="utf-8")
    (tmp_path / "rules.yml").write_text(json.dumps(PLAN_VECTOR["ruleset"]), encoding="utf-8")  # JSON is YAML
    assert lm.RuleSet.read(tmp_path / "rules.json").pin == rs.pin
    assert lm.RuleSet.read(str(tmp_path / "rules.yml")).pin == rs.pin
    (tmp_path / "bad.yaml").write_text("ruleset: demo\nruleset: again\n", encoding="utf-8")
    with pytest.raises(lm.LineamientosError) as info:
        lm.RuleSet.read(tmp_path / "bad.yaml")
    assert info.value.code == "invalid_file"
    assert info.value.details["format"] == "yaml"


def test_a_mistake_in_an_expression_points_into_it() -> None:
    bad = json.loads(json.dumps(PLAN_VECTOR["ruleset"]))
    bad["rules"][1]["check"] = "size(indicatorz) >= 1"
    with pytest.raises(lm.LineamientosError) as info:
        lm.RuleSet.from_dict(bad)
    err = info.value
    assert err.code == "invalid_rule"
    assert err.details["path"] == "/rules/1/check"
    assert err.details["column"] == 6
    assert err.details["suggestion"] == "indicators"


@pytest.mark.parametrize("bad", ["rules.json", {"ruleset": "x"}, [1], 3])
def test_rulesets_must_be_rule_sets(bad: Any) -> None:
    plan = PLAN_VECTOR["plan"]
    with pytest.raises(TypeError, match="rulesets must be a RuleSet"):
        lm.Catalog.embedded().validate_plan(plan, as_of="2024-06-01", rulesets=bad)


def test_one_rule_set_or_a_list_gives_the_same_report() -> None:
    rs = lm.RuleSet.from_dict(PLAN_VECTOR["ruleset"])
    cat = lm.Catalog.embedded()
    plan = PLAN_VECTOR["plan"]
    one = cat.validate_plan(plan, as_of="2024-06-01", rulesets=rs)
    listed = cat.validate_plan(plan, as_of="2024-06-01", rulesets=[rs])
    assert one.to_dict() == listed.to_dict()
    assert one.pins["rulesets"] == [rs.pin]
    codes = {d.code for d in one.diagnostics if d.code.startswith("demo_plans.")}
    assert codes == {"demo_plans.short_events", "demo_plans.has_indicator", "demo_plans.off_by_config"}


def test_the_same_file_twice_is_refused() -> None:
    rs = lm.RuleSet.from_dict(PLAN_VECTOR["ruleset"])
    with pytest.raises(lm.LineamientosError) as info:
        lm.Catalog.embedded().validate_plan(PLAN_VECTOR["plan"], as_of="2024-06-01", rulesets=[rs, rs])
    assert info.value.code == "invalid_value"
    assert info.value.details["path"] == "/rulesets/1"


def test_merge_plans_runs_rule_files_over_every_plan() -> None:
    rs = lm.RuleSet.from_dict(PLAN_VECTOR["ruleset"])
    plan = PLAN_VECTOR["plan"]
    second = dict(plan, id="q")
    _, report = lm.Catalog.embedded().merge_plans([plan, second], as_of="2024-06-01", rulesets=[rs])
    paths = sorted(d.path for d in report.diagnostics if d.code == "demo_plans.has_indicator")
    assert paths == ["/plans/0/activities/1", "/plans/1/activities/1"]
    counts = {o["code"]: o for o in report.outcomes}
    assert counts["demo_plans.has_indicator"]["fail"] == 2
    assert counts["demo_plans.has_indicator"]["pass"] == 4


@pytest.mark.parametrize("path", sorted((ROOT / "examples" / "rules").glob("*.json")), ids=lambda p: p.name)
def test_every_example_rule_file_loads_with_its_tests(path: Path) -> None:
    rs = lm.RuleSet.read(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert rs.id == data["ruleset"]
    # A for_each rule gives one code per value of its list: <code>_<value>.
    written = [r["code"] for r in data["rules"]]
    assert len(rs.codes) >= len(written)
    for code in rs.codes:
        assert any(code == w or code.startswith(w + "_") for w in written), code
    assert rs.hash.startswith("sha256:") and len(rs.hash) == len("sha256:") + 64
