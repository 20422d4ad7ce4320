"""The fixed code lists of the domain: entry types, statuses, stages, session and activity
kinds, emerging challenges, languages, organisation kinds, institution sectors (core's registry, the same as JavaScript's ``codeList``). Codes are stable snake_case strings; labels come in Spanish and
English; ``parse`` accepts codes, labels and the usual synonyms partners write.

>>> from lineamientos import EntryType, Status
>>> EntryType.parse("Buena práctica")
'good_practice'
>>> EntryType.label("good_practice", "en")
'Good practice'
>>> "ongoing" in Status, len(Status)
(True, 4)
"""

from __future__ import annotations

from typing import Any, Dict, Iterator, List

from . import _core

__all__ = [
    "CodeList",
    "EntryType",
    "Status",
    "Stage",
    "SessionKind",
    "ActivityKind",
    "EmergingChallenge",
    "Language",
    "AgreementKind",
    "AgreementStatus",
    "AgreementSource",
    "OrganizationKind",
    "Sector",
]


class CodeList:
    """One code list of the core, by name (see ``lineamientos._core.CODE_LISTS``)."""

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        if name not in _core.CODE_LISTS:
            raise ValueError(f"unknown code list {name!r}; one of {_core.CODE_LISTS}")
        self.name = name

    @property
    def codes(self) -> List[str]:
        """Every code, in the core's order."""
        return [v["code"] for v in _core.code_list(self.name)]

    def values(self) -> List[Dict[str, Any]]:
        """Every value as ``{"code", "label": {"es", "en"}}``, as JavaScript's ``codeList``."""
        return _core.code_list(self.name)

    def parse(self, value: str) -> str:
        """The code of ``value`` (a code, a label in es/en or a synonym); unknown values raise
        :class:`lineamientos.UnknownCodeError` with a ``suggestion``."""
        code: str = _core.parse_code(self.name, value)["code"]
        return code

    def label(self, code: str, lang: str = "es") -> str:
        """The label of ``code`` in ``lang``."""
        return _core.code_label(self.name, code, lang)

    def to_pandas(self) -> Any:
        """The list as a ``pandas.DataFrame`` with columns code, es, en."""
        import pandas as pd  # type: ignore[import-untyped,unused-ignore]

        rows = [(v["code"], v["label"]["es"], v["label"]["en"]) for v in self.values()]
        return pd.DataFrame(rows, columns=["code", "es", "en"])

    def __iter__(self) -> Iterator[str]:
        return iter(self.codes)

    def __len__(self) -> int:
        return len(self.codes)

    def __contains__(self, code: object) -> bool:
        return code in self.codes

    def __repr__(self) -> str:
        return f"<CodeList {self.name}: {', '.join(self.codes)}>"


EntryType = CodeList("entry_type")
Status = CodeList("status")
Stage = CodeList("stage")
SessionKind = CodeList("session_kind")
ActivityKind = CodeList("activity_kind")
EmergingChallenge = CodeList("emerging_challenge")
Language = CodeList("language")
AgreementKind = CodeList("agreement_kind")
AgreementStatus = CodeList("agreement_status")
AgreementSource = CodeList("agreement_source")
OrganizationKind = CodeList("organization_kind")
Sector = CodeList("sector")
