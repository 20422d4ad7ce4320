"""lineamientos: follow the implementation of the Regional Conference on Migration's
guidelines on the care and protection of migrant women.

The catalogue (countries, organisations, GCM objectives, SDGs, congresses, guideline sets),
work plans and their validation, the tracking matrix and its pivot tables, focal points.
All logic lives in the Rust core; this package converts values and errors.

>>> import lineamientos as lm
>>> cat = lm.Catalog.embedded()
>>> len(cat.members()), cat.congress(3)["label"]
(11, 'III')
>>> lm.Status.parse("En curso")
'ongoing'
"""

from __future__ import annotations

from . import _core
from ._core import (
    Approval,
    Catalog,
    Cycle,
    CycleReview,
    Diagnostic,
    FocalDirectory,
    GeneralPlan,
    ImportReport,
    Matrix,
    PivotPartial,
    PivotTable,
    Report,
    RuleSet,
    Systematization,
    Table,
    WorkPlan,
    audit_published,
    yaml_to_json,
    diagnostic_codes,
    json_schemas,
    message_template,
    parse_roman,
    roman_numeral,
)
from .codes import (
    ActivityKind,
    AgreementKind,
    AgreementSource,
    AgreementStatus,
    CodeList,
    EmergingChallenge,
    EntryType,
    Language,
    OrganizationKind,
    Sector,
    SessionKind,
    Stage,
    Status,
)
from .errors import (
    ERROR_CODES,
    ContentChangedError,
    InvalidCatalogError,
    InvalidFileError,
    InvalidJsonError,
    InvalidRuleError,
    InvalidTransitionError,
    InvalidValueError,
    IoError,
    LimitExceededError,
    LineamientosError,
    NoCrosswalkError,
    ReportHasErrorsError,
    UnknownCodeError,
)

__version__: str = _core.__version__

__all__ = [
    "Catalog",
    "WorkPlan",
    "GeneralPlan",
    "Approval",
    "Cycle",
    "CycleReview",
    "Systematization",
    "Matrix",
    "ImportReport",
    "PivotTable",
    "PivotPartial",
    "Report",
    "RuleSet",
    "Diagnostic",
    "Table",
    "FocalDirectory",
    "CodeList",
    "EntryType",
    "Status",
    "Stage",
    "SessionKind",
    "Language",
    "ActivityKind",
    "EmergingChallenge",
    "AgreementKind",
    "AgreementStatus",
    "AgreementSource",
    "OrganizationKind",
    "Sector",
    "LineamientosError",
    "InvalidJsonError",
    "UnknownCodeError",
    "InvalidCatalogError",
    "LimitExceededError",
    "InvalidValueError",
    "NoCrosswalkError",
    "InvalidTransitionError",
    "ReportHasErrorsError",
    "ContentChangedError",
    "InvalidFileError",
    "IoError",
    "InvalidRuleError",
    "ERROR_CODES",
    "roman_numeral",
    "audit_published",
    "yaml_to_json",
    "parse_roman",
    "message_template",
    "diagnostic_codes",
    "json_schemas",
    "__version__",
]
