"""Conversion of data frames to plain records for ``Matrix.from_pandas`` (private)."""

from __future__ import annotations

import datetime
import math
from typing import Any, Dict, List


def _plain(value: Any) -> Any:
    """A pandas / numpy cell as a plain JSON-able value; ``_MISSING`` for NaN, NaT, None."""
    if value is None:
        return _MISSING
    if isinstance(value, float):
        if math.isnan(value):
            return _MISSING
        # A count column with a missing value becomes float in pandas (120 -> 120.0).
        return int(value) if value.is_integer() else value
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value if _plain(v) is not _MISSING]
    tolist = getattr(value, "tolist", None)
    if tolist is not None and not isinstance(value, (str, bytes)):
        return _plain(tolist())  # numpy scalars and arrays
    if type(value).__name__ in ("NaTType", "NAType"):
        return _MISSING
    if isinstance(value, datetime.datetime):
        if (value.hour, value.minute, value.second, value.microsecond) == (0, 0, 0, 0):
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


_MISSING = object()

#: The flat participant columns of ``Matrix.to_pandas()``, nested as in the entry JSON shape.
_PARTICIPANTS = ("women", "men", "girls", "boys", "unspecified")


def records_from_frame(df: Any) -> List[Dict[str, Any]]:
    """``df`` (a pandas or polars DataFrame, or anything with ``to_dict("records")`` /
    ``to_dicts()``) as a list of dicts, missing values left out."""
    if hasattr(df, "to_dicts"):  # polars
        rows = df.to_dicts()
    elif hasattr(df, "to_dict"):
        rows = df.to_dict(orient="records")
    else:
        raise TypeError(f"from_pandas() needs a DataFrame, not {type(df).__name__}")
    out: List[Dict[str, Any]] = []
    for row in rows:
        rec: Dict[str, Any] = {}
        for key, value in row.items():
            v = _plain(value)
            if v is _MISSING:
                continue
            if key in _PARTICIPANTS:
                rec.setdefault("participants", {})[key] = v
            else:
                rec[str(key)] = v
        out.append(rec)
    return out
