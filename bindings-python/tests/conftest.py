"""Shared fixtures: the repository layout and the embedded catalogue."""

from __future__ import annotations

import pathlib

import pytest

import lineamientos as lm

REPO = pathlib.Path(__file__).resolve().parents[2]
VECTORS = REPO / "tests" / "vectors"


@pytest.fixture(scope="session")
def cat() -> lm.Catalog:
    return lm.Catalog.embedded()


def good_plan(**changes: object) -> dict:
    """A plan with no finding (as of 2024-06-01); ``changes`` replace top-level fields."""
    plan: dict = {
        "id": "plan-vcm-2024",
        "working_group": "mesa-vcm",
        "axis": "VCM",
        "guideline_version": "2023",
        "period": {"start": "2024-01-01", "end": "2024-12-31"},
        "activities": [
            {
                "id": "a1",
                "title": "Webinar regional",
                "kind": "webinar",
                "start": "2024-03-05",
                "end": "2024-03-05",
                "lead": "MEX",
                "participants": ["GTM", "IOM"],
                "guidelines": ["VCM-1"],
                "gcm_objectives": [7],
                "indicators": [{"name": "Personas", "unit": "personas", "target": 120}],
            }
        ],
    }
    plan.update(changes)
    return plan
