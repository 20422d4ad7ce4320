"""Error mapping: one exception tree with stable codes, the code list equal to the core's,
and no input of any kind reaching a PanicException."""

from __future__ import annotations

import datetime
import json
import pickle

import pytest

import lineamientos as lm
from lineamientos import _core, errors

from conftest import good_plan


def test_python_error_codes_equal_the_cores() -> None:
    assert list(errors.ERROR_CODES) == list(_core.ERROR_CODES)
    assert set(lm.ERROR_CODES) == set(_core.ERROR_CODES)


def test_every_class_derives_the_base_and_a_builtin() -> None:
    for code, cls in errors.ERROR_CLASSES.items():
        assert issubclass(cls, lm.LineamientosError)
        builtin = OSError if code == "io_error" else ValueError
        assert issubclass(cls, builtin), code
        e = cls("boom")
        assert e.code == code and e.diagnostics == [] and str(e) == "boom"


def test_errors_pickle() -> None:
    e = errors.UnknownCodeError(
        "unknown", code="unknown_code", details={"kind": "country", "value": "X", "suggestion": None}
    )
    again = pickle.loads(pickle.dumps(e))
    assert type(again) is errors.UnknownCodeError
    assert (again.code, again.kind, again.value) == ("unknown_code", "country", "X")


def test_invalid_json_has_line_and_column() -> None:
    with pytest.raises(lm.InvalidJsonError) as info:
        lm.WorkPlan.from_json('{\n  "id": 3,\n}')
    e = info.value
    assert (e.code, e.line) == ("invalid_json", 2) and e.column > 0
    assert isinstance(e, ValueError)


def test_io_error_is_an_oserror(tmp_path) -> None:
    missing = tmp_path / "no-such-plan.json"
    with pytest.raises(lm.IoError) as info:
        lm.WorkPlan.read_json(missing)
    assert info.value.code == "io_error" and isinstance(info.value, OSError)
    with pytest.raises(OSError):
        lm.Catalog.read_json(tmp_path)  # a directory


def test_limit_exceeded() -> None:
    big = '{"version": "x", "title": {"es": "' + "a" * (33 * 1024 * 1024) + '", "en": ""}}'
    with pytest.raises(lm.LimitExceededError) as info:
        lm.Catalog.from_json(big)
    assert info.value.code == "limit_exceeded" and info.value.limit == 32 * 1024 * 1024


class Weird:
    def __str__(self) -> str:
        raise RuntimeError("no str")


GARBAGE = [
    None,
    b"\xff\xfe\x00garbage",
    b"",
    "",
    "null",
    "[]",
    "{" * 10_000,
    "[" * 200 + "]" * 200,
    '{"activities": "many"}',
    '{"activities": [{"start": "2024-13-45"}]}',
    '{"activities": [{"gcm_objectives": [99999999999]}]}',
    '{"activities": [{"indicators": [{"target": 1e999}]}]}',
    "\x00\x01\x02",
    "\ud800".encode("utf-8", "surrogatepass"),
    12,
    3.5,
    [],
    {},
    {"id": 3},
    {"activities": [None]},
    {"period": {"start": datetime.date(2024, 1, 1), "end": object()}},
    {"activities": float("nan")},
    {1: 2},
    {"id": 10**40},
    Weird(),
    object(),
]


_MATRIX = lm.Matrix.read_csv(
    "País;Institución;Fecha;Tipo;Título;Estado;Eje;Mujeres\nMX;A;2024-01-02;Evento;t;En curso;VCM;3\n".encode()
)


def _nested(depth: int) -> dict:
    d: dict = {}
    for _ in range(depth):
        d = {"x": d}
    return d


@pytest.mark.parametrize("bad", GARBAGE + [_nested(5_000)], ids=lambda v: type(v).__name__)
def test_no_input_panics(cat: lm.Catalog, bad: object, tmp_path, monkeypatch) -> None:
    """Every call with a bad input raises an ordinary exception (a PanicException derives
    from BaseException, so ``except Exception`` would not catch it)."""
    monkeypatch.chdir(tmp_path)  # a garbage string taken as a path must not land in the tree
    calls = [
        lambda: lm.WorkPlan.from_json(bad),
        lambda: lm.WorkPlan.from_dict(bad),
        lambda: lm.Catalog.from_json(bad),
        lambda: lm.Report.from_json(bad),
        lambda: lm.Approval.from_json(bad),
        lambda: lm.FocalDirectory.from_json(bad),
        lambda: cat.validate_plan(bad, as_of="2024-06-01"),
        lambda: cat.validate_plan(good_plan(), as_of=bad),
        lambda: cat.validate_plan(good_plan(), as_of="2024-06-01", rules=bad),
        lambda: cat.validate_plan(good_plan(), as_of="2024-06-01", max_event_days=bad),
        lambda: cat.merge_plans(bad, as_of="2024-06-01"),
        lambda: cat.merge_plans([bad], as_of="2024-06-01"),
        lambda: cat.parse_country(bad),
        lambda: cat.parse_gcm_objective(bad),
        lambda: cat.parse_guideline(bad),
        lambda: cat.guideline_set(bad),
        lambda: cat.crosswalk_plan(bad, "2023"),
        lambda: lm.Approval(bad),
        lambda: lm.Status.parse(bad),  # type: ignore[arg-type]
        lambda: lm.Diagnostic("x", "", severity=bad),
        lambda: lm.roman_numeral(bad),
        lambda: lm.message_template("unknown_code", bad),
        lambda: lm.Matrix.read_csv(bad),
        lambda: lm.Matrix.read_excel(bad),
        lambda: lm.Matrix.from_records(bad),
        lambda: lm.Matrix.from_records([bad]),
        lambda: lm.Matrix.from_pandas(bad),
        lambda: lm.Matrix.read_csv(b"a;b\n1;2\n", strict=bad),
        lambda: _MATRIX.pivot(rows=bad),
        lambda: _MATRIX.pivot(rows="country", measure=bad),
        lambda: _MATRIX.pivot(rows="country", suppress_below=bad),
        lambda: _MATRIX.gaps(bad),
        lambda: _MATRIX.time_series(bad),
        lambda: _MATRIX.pivot(rows="country").cell(bad, bad),
    ]
    for call in calls:
        try:
            call()
        except Exception:
            pass
        except BaseException as e:  # pragma: no cover - the failure we guard against
            pytest.fail(f"{type(e).__name__}: {e}")


@pytest.mark.parametrize("value", [0, -1, 2**31, 2**63, 2**64, 10**30])
def test_huge_and_negative_numbers(cat: lm.Catalog, value: int) -> None:
    for call in [
        lambda: cat.gcm_objective(value),
        lambda: cat.sdg(value),
        lambda: cat.congress(value),
        lambda: cat.presidency(value),
        lambda: lm.roman_numeral(value),
        lambda: _MATRIX.pivot(rows="country", suppress_below=value),
        lambda: lm.Matrix.read_csv(b"a\n", max_rows=value),
        lambda: _MATRIX.entry(value),
        lambda: cat.validate_plan(good_plan(), as_of="2024-06-01", max_event_days=value),
        lambda: cat.validate_plan(good_plan(), as_of="2024-06-01", review_interval_days=value),
    ]:
        try:
            call()
        except (ValueError, OverflowError, TypeError):
            pass


def test_huge_plan_does_not_panic(cat: lm.Catalog) -> None:
    acts = [
        {"id": f"a{i}", "title": "x", "kind": "meeting", "start": "2024-03-05", "end": "2024-03-05",
         "lead": "MEX", "participants": ["GTM"], "guidelines": ["VCM-1"]}
        for i in range(3_000)
    ]
    report = cat.validate_plan(good_plan(activities=acts), as_of="2024-06-01")
    assert len(report.with_code("no_indicator")) == 3_000


def test_wrong_types_are_type_errors(cat: lm.Catalog) -> None:
    with pytest.raises(TypeError):
        lm.WorkPlan.from_json(12)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        lm.WorkPlan.from_dict("{}")  # type: ignore[arg-type]
    # options are arguments, not documents: a wrong type is a bad value, named by its place
    with pytest.raises(lm.InvalidValueError) as info:
        cat.validate_plan(good_plan(), as_of=datetime.date(2024, 6, 1), rules=[1, 2])  # type: ignore[arg-type]
    assert (info.value.field, info.value.path, info.value.value) == ("rules", "/rules", "[1,2]")
    with pytest.raises(lm.InvalidValueError):
        cat.validate_plan(good_plan(), as_of="2024-06-01", rules={"no_indicator": object()})


def test_bad_documents_name_the_value_by_its_path() -> None:
    # from a dict: the JSON Pointer of the bad value (line and column 0: no text was given)
    with pytest.raises(lm.InvalidJsonError) as info:
        lm.WorkPlan.from_dict({"activities": [{"id": "a1"}, {"start": "2024-02-30"}]})
    assert (info.value.path, info.value.line) == ("/activities/1/start", 0)
    # from text: the same path, with the line
    with pytest.raises(lm.InvalidJsonError) as info:
        lm.WorkPlan.from_json('{\n "activities": [{"start": 3}]}')
    assert (info.value.path, info.value.line) == ("/activities/0/start", 2)
    assert info.value.details == {"line": 2, "column": info.value.column, "path": "/activities/0/start"}


def test_error_details_have_the_same_names_as_in_javascript() -> None:
    with pytest.raises(lm.NoCrosswalkError) as info:
        lm.Catalog.embedded().crosswalk_plan({"guideline_version": "2023", "activities": []}, "2017")
    # source / target, as the JS error's properties (not from / to: `from` is a Python keyword)
    assert (info.value.source, info.value.target) == ("2023", "2017")
    assert info.value.details == {"source": "2023", "target": "2017"}
    with pytest.raises(lm.InvalidValueError) as bad:
        lm.Matrix.from_records([], max_diagnostics=-1)
    assert set(bad.value.details) == {"field", "path", "value", "expected", "suggestion"}
    assert (bad.value.field, bad.value.path, bad.value.value) == ("max_diagnostics", "/max_diagnostics", "-1")
