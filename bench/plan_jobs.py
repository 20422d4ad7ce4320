"""Plan validation two ways: the library's `Catalog.validate_plans`, and the obvious pandas
implementation of a subset of its rules (docs/plans.md, core/src/plan/validate), on work
plans stored as JSON Lines (one plan per line, bench/generate.py).

Both return the number of findings per rule for that subset:

- `missing_field:title`, `missing_field:start`, `missing_field:end`: an activity field
  missing or blank;
- `end_before_start`: an activity that ends before it starts;
- `unknown_guideline`: a ref that is not an item of the plan's guideline version (case and
  separators ignored);
- `unknown_code:participant`: a lead or participant that is neither a country nor an
  organisation of the catalogue;
- `schedule_overlap`: two events (meeting, webinar, training, with both dates, end >= start)
  of different working groups that overlap in time (inclusive days) and share a participant
  (the lead included, after normalisation; a misspelt one by its folded spelling): reported
  in both plans, so two findings per pair.
"""

from __future__ import annotations

import collections
import json

from reference import normalize_key

AS_OF = "2024-06-01"
EVENT_KINDS = {"meeting", "webinar", "training"}
RULES = ["missing_field:title", "missing_field:start", "missing_field:end", "end_before_start",
         "unknown_guideline", "unknown_code:participant", "schedule_overlap"]


def lineamientos_job(path, ref=None):
    import lineamientos as lm

    with open(path, "rb") as f:
        plans = f.read().splitlines()
    reports = lm.Catalog.embedded().validate_plans(plans, as_of=AS_OF)
    counts = collections.Counter()
    for r in reports:
        for d in r.diagnostics:
            if d.code == "missing_field":
                counts["missing_field:" + d.path.rsplit("/", 1)[-1]] += 1
            elif d.code == "unknown_code":
                counts["unknown_code:" + d.params.get("kind", "")] += 1
            else:
                counts[d.code] += 1
    return {rule: counts.get(rule, 0) for rule in RULES}


def pandas_job(path, ref):
    import numpy as np
    import pandas as pd

    with open(path, encoding="utf-8") as f:
        plans = [json.loads(line) for line in f]
    # One row per activity (json_normalize would deep-copy every record: 20 times slower).
    acts = pd.DataFrame([a for p in plans for a in p["activities"]])
    acts["group"] = np.repeat([p.get("working_group") for p in plans],
                              [len(p["activities"]) for p in plans])
    out = {}
    for field in ("title", "start", "end"):
        col = acts[field] if field in acts else pd.Series(np.nan, index=acts.index)
        out[f"missing_field:{field}"] = int((col.isna() | (col.astype("string").str.strip() == "")).sum())
    start = pd.to_datetime(acts["start"], format="%Y-%m-%d", errors="coerce")
    end = pd.to_datetime(acts["end"], format="%Y-%m-%d", errors="coerce")
    out["end_before_start"] = int((end < start).sum())

    def per_distinct(s, fn):
        """`fn` applied once per distinct value of `s`."""
        codes, uniques = pd.factorize(s)
        return pd.Series(pd.array([fn(v) for v in uniques], dtype=object)[codes], index=s.index)

    guidelines = ref["guideline"]
    refs = acts["guidelines"].explode().dropna()
    known = per_distinct(refs, lambda g: normalize_key(g) in guidelines)
    out["unknown_guideline"] = int((~known.astype(bool)).sum())

    # People: the lead and each participant, resolved through the lookup table; an unknown
    # one is compared by its folded spelling.
    participants = ref["participant"]
    people = pd.concat([acts["lead"], acts["participants"].explode()]).dropna()
    people = people[people.str.strip() != ""]
    keys = per_distinct(people, normalize_key)
    resolved = keys.map(participants)
    out["unknown_code:participant"] = int(resolved.isna().sum())

    # Schedule overlaps: a self-join of the events on each shared person (integer codes,
    # so that the join moves numbers rather than strings).
    person = pd.factorize(resolved.fillna("?" + keys))[0]
    ev = (acts["kind"].isin(EVENT_KINDS) & start.notna() & end.notna() & (end >= start)).to_numpy()
    event = people.index.to_numpy()
    inc = pd.DataFrame({"event": event, "person": person})[ev[event]].drop_duplicates()
    group = pd.factorize(acts["group"])[0]
    day = lambda d: d.to_numpy().astype("datetime64[D]").astype("int64")  # noqa: E731
    inc["group"] = group[inc["event"]]
    inc["start"] = day(start)[inc["event"]]
    inc["end"] = day(end)[inc["event"]]
    pairs = inc.merge(inc, on="person", suffixes=("_a", "_b"))
    pairs = pairs[
        (pairs["event_a"] < pairs["event_b"])
        & (pairs["group_a"] != pairs["group_b"])
        & (pairs["start_a"] <= pairs["end_b"])
        & (pairs["start_b"] <= pairs["end_a"])
    ]
    out["schedule_overlap"] = 2 * len(pairs[["event_a", "event_b"]].drop_duplicates())
    return {rule: out.get(rule, 0) for rule in RULES}


JOBS = {"lineamientos": lineamientos_job, "pandas": pandas_job}
