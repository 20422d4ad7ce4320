#!/usr/bin/env python3
"""Writes tests/vectors/errors/*.json: bad arguments and bad documents, with the error every
language must give (code, details, path). The expected values are written by hand here, from
the contract in docs/json.md ("Arguments and options"), not produced by running the library.

Usage: python3 scripts/make_error_vectors.py
"""

import json
import pathlib

OUT = pathlib.Path(__file__).resolve().parent.parent / "tests" / "vectors" / "errors"

PLAN = {
    "id": "plan-vcm", "working_group": "mesa-vcm", "axis": "VCM", "guideline_version": "2023",
    "period": {"start": "2024-01-01", "end": "2024-12-31"},
    "activities": [{"id": "a1", "title": "Taller", "kind": "training", "start": "2024-05-02",
                    "end": "2024-05-03", "lead": "MEX", "guidelines": ["VCM-1"],
                    "indicators": [{"name": "personas", "target": 30}]}],
}
CSV = ("País;Institución;Fecha;Tipo;Título;Estado;Eje;Mujeres\n"
       "MX;INMUJERES;2024-05-02;Evento;Taller;En curso;VCM;12\n")

CASES = []


def case(name, description, call, args, expected, kind="bad_argument", **extra):
    c = {"name": name, "description": description, "kind": kind, "call": call, "args": args}
    c.update(extra)
    c["expected"] = expected
    CASES.append(c)


def invalid(field, path, value, suggestion=None):
    return {"code": "invalid_value", "field": field, "path": path, "value": value,
            "suggestion": suggestion}


# The table of issue 9: one code per row, the same in every language.
case("validate-as-of-month-13", "a date with month 13 is a bad value, not bad JSON",
     "validate_plan", {"as_of": "2024-13-01"}, invalid("as_of", "/as_of", "2024-13-01"),
     input=PLAN)
case("validate-as-of-words", "a date written in words is refused: dates are YYYY-MM-DD",
     "validate_plan", {"as_of": "1 June 2024"}, invalid("as_of", "/as_of", "1 June 2024"),
     input=PLAN)
case("validate-as-of-missing", "as_of is required: the library never reads the clock",
     "validate_plan", {}, invalid("as_of", "/as_of", None), input=PLAN)
case("validate-unknown-rule", "an unknown rule code is named by its place, with the nearest code",
     "validate_plan", {"as_of": "2024-06-01", "rules": {"no_indicatr": "off"}},
     invalid("rules", "/rules/no_indicatr", "no_indicatr", "no_indicator"), input=PLAN)
case("validate-bad-severity", "a rule set to something other than off/error/warning/info",
     "validate_plan", {"as_of": "2024-06-01", "rules": {"no_indicator": "fatal"}},
     invalid("rules", "/rules/no_indicator", "fatal"), input=PLAN)
case("validate-rule-file-bad-severity", "a rule file's rule (<ruleset>.<name>) is set like a built-in one",
     "validate_plan", {"as_of": "2024-06-01", "rules": {"oim_mesoamerica.short_events": "fatal"}},
     invalid("rules", "/rules/oim_mesoamerica.short_events", "fatal"), input=PLAN)
case("validate-max-event-days-zero", "an event lasts at least one day",
     "validate_plan", {"as_of": "2024-06-01", "max_event_days": 0},
     invalid("max_event_days", "/max_event_days", "0"), input=PLAN)
case("validate-review-interval-zero", "the review interval is at least one day (as the schema says)",
     "validate_plan", {"as_of": "2024-06-01", "review_interval_days": 0},
     invalid("review_interval_days", "/review_interval_days", "0"), input=PLAN)
case("validate-unknown-option", "a misspelt option is refused, never ignored",
     "validate_plan", {"as_of": "2024-06-01", "max_event_dayz": 3},
     invalid("max_event_dayz", "/max_event_dayz", None, "max_event_days"), input=PLAN)
case("pivot-measure-median", "a measure that does not exist", "pivot", {"measure": "median"},
     invalid("measure", "/measure", "median"), input=CSV)
case("pivot-rows-planet", "a dimension that does not exist", "pivot", {"rows": "planet"},
     invalid("rows", "/rows", "planet"), input=CSV)
case("pivot-rows-list-item", "a bad dimension inside a list is named by its index", "pivot",
     {"rows": ["country", "contry"]}, invalid("rows", "/rows/1", "contry", "country"), input=CSV)
case("pivot-period-fortnight", "a period unit that does not exist", "pivot",
     {"rows": "period", "period": "fortnight"}, invalid("period", "/period", "fortnight"),
     input=CSV)
case("pivot-dimension-twice", "a dimension used twice", "pivot",
     {"rows": "country", "cols": ["axis", "country"]}, invalid("cols", "/cols/1", "country"),
     input=CSV)
case("pivot-suppression-on-count", "disclosure control applies to counts of people only",
     "pivot", {"rows": "country", "suppress_below": 5},
     invalid("suppress_below", "/suppress_below", "5"), input=CSV)
case("pivot-unknown-option", "a misspelt option gets the nearest one", "pivot",
     {"rows": "country", "mesure": "count"}, invalid("mesure", "/mesure", None, "measure"),
     input=CSV)
case("import-delimiter-two-chars", "a delimiter is one ASCII character", "import_csv",
     {"delimiter": ";;"}, invalid("delimiter", "/delimiter", ";;"), input=CSV)
case("import-max-rows-negative", "a limit is a whole number", "import_csv",
     {"max_rows": -5}, invalid("max_rows", "/max_rows", "-5"), input=CSV)
case("import-threads-zero", "an import runs on at least one thread", "import_csv",
     {"threads": 0}, invalid("threads", "/threads", "0"), input=CSV)
case("import-threads-fraction", "threads are a whole number", "import_csv",
     {"threads": 1.5}, invalid("threads", "/threads", "1.5"), input=CSV)
case("import-unknown-option", "an unknown import option is refused with a suggestion",
     "import_csv", {"strikt": True}, invalid("strikt", "/strikt", None, "strict"), input=CSV)
case("time-series-weekly", "time series units are those of the pivot", "time_series",
     {"unit": "weekly"}, invalid("unit", "", "weekly"), input=CSV)
case("gaps-since-words", "a plain date argument has path \"\"", "gaps",
     {"since": "yesterday"}, invalid("since", "", "yesterday"), input=CSV)
case("follow-up-interval-zero", "the confirmation interval is at least one day", "follow_up",
     {"as_of": "2024-06-01", "interval_days": 0}, invalid("interval_days", "", "0"))
case("code-list-unknown", "a code list that does not exist", "code_list",
     {"kind": "planets"}, invalid("kind", "", "planets"))
case("code-list-catalogue-list", "countries live in the catalogue, not in a fixed list",
     "code_list", {"kind": "country"},
     {"code": "unknown_code", "kind": "country", "value": "country", "suggestion": None})

# Bad documents: invalid_json with the JSON Pointer of the value (line 0: given as an object).
bad_date = json.loads(json.dumps(PLAN))
bad_date["activities"][0]["start"] = "2024-02-30"
case("plan-document-bad-date", "a plan whose activity date does not exist: the path names it",
     "validate_plan", {"as_of": "2024-06-01"},
     {"code": "invalid_json", "path": "/activities/0/start", "line": 0, "column": 0},
     kind="bad_document", input=bad_date)
bad_type = json.loads(json.dumps(PLAN))
bad_type["activities"][0]["indicators"] = [{"name": "personas", "target": "thirty"}]
case("plan-document-bad-target", "an indicator target that is not a number",
     "validate_plan", {"as_of": "2024-06-01"},
     {"code": "invalid_json", "path": "/activities/0/indicators/0/target", "line": 0,
      "column": 0}, kind="bad_document", input=bad_type)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("*.json"):
        old.unlink()
    for c in CASES:
        (OUT / f"{c['name']}.json").write_text(json.dumps(c, ensure_ascii=False, indent=2) + "\n")
    print(f"wrote {len(CASES)} vectors to {OUT}")


if __name__ == "__main__":
    main()
