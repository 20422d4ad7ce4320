"""The exceptions of ``lineamientos``.

Every error raised by the library derives from :class:`LineamientosError` and carries a
stable machine ``code`` (the core's ``Error::code()``) and ``diagnostics`` (a list of
:class:`lineamientos.Diagnostic`, empty unless relevant). Each subclass also derives the
fitting built-in, so ``except ValueError`` and ``except OSError`` keep working.

>>> import lineamientos as lm
>>> try:
...     lm.Catalog.embedded().parse_country("Atlantis")
... except lm.LineamientosError as e:
...     print(type(e).__name__, e.code, isinstance(e, ValueError))
UnknownCodeError unknown_code True
"""

from __future__ import annotations

from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple, Type

__all__ = [
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
    "ERROR_CLASSES",
    "ERROR_CODES",
]


class LineamientosError(Exception):
    """Base class of every error of the library.

    ``code`` is stable (snake_case) and is what programs should test; the message is for
    people. ``diagnostics`` lists findings attached to the error (e.g. every problem of an
    invalid catalogue).
    """

    code: str
    diagnostics: List[Any]
    details: Dict[str, Any]

    def __init__(
        self,
        message: str = "",
        *,
        code: Optional[str] = None,
        diagnostics: Sequence[Any] = (),
        details: Optional[Mapping[str, Any]] = None,
    ) -> None:
        super().__init__(message)
        self.code = code if code is not None else _default_code(type(self))
        self.diagnostics = list(diagnostics)
        self.details = dict(details or {})
        for name, value in self.details.items():
            setattr(self, name, value)

    def __reduce__(self) -> Tuple[Any, ...]:
        # Keyword-only arguments: pickle (multiprocessing) needs help to rebuild.
        return (_rebuild, (type(self), str(self), self.code, self.diagnostics, self.details))


def _rebuild(
    cls: Type[LineamientosError],
    message: str,
    code: str,
    diagnostics: List[Any],
    details: Dict[str, Any],
) -> LineamientosError:
    return cls(message, code=code, diagnostics=diagnostics, details=details)


class InvalidJsonError(LineamientosError, ValueError):
    """A document (plan, catalogue, entries, approval record) that is not JSON or does not
    have the documented shape (``invalid_json``).

    ``path`` is the JSON Pointer of the offending value (``"/activities/0/start"``; ``""``
    for the document itself); ``line`` and ``column`` are 1-based when the document was
    text (0 when it was a dict). Options and arguments are never ``invalid_json``: see
    :class:`InvalidValueError`.
    """

    line: int = 0
    column: int = 0
    path: str = ""


class UnknownCodeError(LineamientosError, ValueError):
    """A code (country, organisation, axis, guideline, ...) that is not in the catalogue
    (``unknown_code``). ``kind`` names the code list, ``value`` is the value as given and
    ``suggestion`` the nearest valid code (or ``None``)."""

    kind: str = ""
    value: str = ""
    suggestion: Optional[str] = None


class InvalidCatalogError(LineamientosError, ValueError):
    """A catalogue that is well-formed JSON but inconsistent (``invalid_catalog``); every
    problem is in ``diagnostics`` with its JSON Pointer path."""


class LimitExceededError(LineamientosError, ValueError):
    """An input larger than the library's limit (``limit_exceeded``): ``what`` names the
    limit (``input_bytes``, ``data_rows``, ``cell_chars``, ``columns``,
    ``xlsx_uncompressed_bytes``, ``xlsx_compression_ratio``, ``json_depth``; a phrase for
    fixed document sizes), ``limit`` its value and ``option`` the import option that raises
    it (``None`` for a fixed limit): ``max_rows=None`` lifts the row limit."""

    what: str = ""
    limit: int = 0
    option: Optional[str] = None


class InvalidValueError(LineamientosError, ValueError):
    """An argument or option that is not acceptable (``invalid_value``): a date not written
    ``YYYY-MM-DD``, a measure or unit that does not exist, a limit out of range, an unknown
    option. ``field`` names the argument or top-level option, ``path`` the JSON Pointer of
    the value inside the options (``"/rules/no_indicator"``; ``""`` for a plain argument),
    ``value`` the value as given (``None`` when a required one is missing), ``expected``
    what is accepted and ``suggestion`` the nearest accepted value (or ``None``). The same
    names, values and codes as the JavaScript error's properties.

    >>> import lineamientos as lm
    >>> m = lm.Matrix.from_records([])
    >>> try:
    ...     m.pivot(rows="country", measure="median")
    ... except lm.InvalidValueError as e:
    ...     print(e.field, e.path, e.value)
    measure /measure median
    """

    field: str = ""
    path: str = ""
    value: Optional[str] = None
    expected: str = ""
    suggestion: Optional[str] = None


class NoCrosswalkError(LineamientosError, ValueError):
    """No chain of crosswalks leads from guideline version ``source`` to ``target``
    (``no_crosswalk``)."""

    source: str = ""
    target: str = ""


class InvalidTransitionError(LineamientosError, ValueError):
    """An approval action that is not allowed in the plan's current ``state``
    (``invalid_transition``); ``action`` is the refused action."""

    state: str = ""
    action: str = ""


class ReportHasErrorsError(LineamientosError, ValueError):
    """A plan cannot be validated in the approval workflow while its report has errors
    (``report_has_errors``); ``diagnostics`` holds every finding."""


class ContentChangedError(LineamientosError, ValueError):
    """The plan changed since the step an action relies on (``content_changed``): ``since``
    names the step, ``expected`` and ``actual`` are the content hashes."""

    since: str = ""
    expected: str = ""
    actual: str = ""


class InvalidFileError(LineamientosError, ValueError):
    """A file that is not of the expected ``format`` (e.g. not an XLSX workbook)
    (``invalid_file``)."""

    format: str = ""


class IoError(LineamientosError, OSError):
    """Reading or writing failed (``io_error``)."""


class InvalidRuleError(LineamientosError, ValueError):
    """A rule of a rule file that cannot be loaded (``invalid_rule``): an expression that
    does not parse, uses an unknown field or function, or mixes types (``women > "3"``).
    ``path`` is the JSON Pointer of the rule in the rule file, ``column`` the 1-based
    character column inside the expression and ``suggestion`` the nearest valid name (or
    ``None``)."""

    path: str = ""
    column: int = 0
    suggestion: Optional[str] = None


#: The exception class of each error code of the core, in the core's order.
ERROR_CLASSES: Dict[str, Type[LineamientosError]] = {
    "invalid_json": InvalidJsonError,
    "unknown_code": UnknownCodeError,
    "invalid_catalog": InvalidCatalogError,
    "limit_exceeded": LimitExceededError,
    "invalid_value": InvalidValueError,
    "no_crosswalk": NoCrosswalkError,
    "invalid_transition": InvalidTransitionError,
    "report_has_errors": ReportHasErrorsError,
    "content_changed": ContentChangedError,
    "invalid_file": InvalidFileError,
    "io_error": IoError,
    "invalid_rule": InvalidRuleError,
}

#: Every error code the core can raise (a test checks it equals ``_core.ERROR_CODES``).
ERROR_CODES: Tuple[str, ...] = tuple(ERROR_CLASSES)


def _default_code(cls: Type[LineamientosError]) -> str:
    for code, c in ERROR_CLASSES.items():
        if c is cls:
            return code
    return "lineamientos_error"
