"""The lookup tables an analyst writing the job in pandas or polars works with.

A competent analyst does not re-derive the catalogue: she keeps a table "spelling -> code"
for countries, entry types, statuses, axes and guideline items, keyed by a folded spelling
(accents removed, lower case, letters and digits only), which is how the library matches
them too. `build()` derives that table once from the embedded catalogue (and a few
synonyms partners use), checks every spelling against the library, and `bench/run` writes
it to a JSON file that the pandas and polars jobs load. The jobs themselves never import
`lineamientos`.
"""

from __future__ import annotations

import json
import pathlib
import unicodedata

# Accented letters of the region's languages folded to their base letter, as the library
# does (core/src/text: normalize_key).
_FOLD = str.maketrans(
    "áàâäãåÁÀÂÄÃÅéèêëÉÈÊËíìîïÍÌÎÏóòôöõÓÒÔÖÕúùûüÚÙÛÜñÑçÇ",
    "aaaaaaAAAAAAeeeeEEEEiiiiIIIIoooooOOOOOuuuuUUUUnNcC",
)


def normalize_key(s: str) -> str:
    """`"Rep. Dominicana"`, `"REP DOMINICANA"` -> `"repdominicana"`."""
    return "".join(c for c in s.translate(_FOLD).lower() if c.isalnum())


def strip_accents(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", s) if unicodedata.category(c) != "Mn")


# Synonyms partners write (each checked against the library below).
ENTRY_TYPE_SYNONYMS = {
    "good_practice": ["buenas practicas", "Best practice"],
    "training": ["Capacitaciones", "curso", "Diplomado"],
    "event": ["Jornada"],
    "research": ["Estudio"],
    "regulatory_change": ["Normativa"],
}
STATUS_SYNONYMS = {
    "completed": ["Finalizado", "finalizada", "Concluido"],
    "ongoing": ["En proceso", "en ejecución"],
    "planned": ["Programada", "por iniciar"],
    "cancelled": ["Suspendido"],
}

# Values the library must refuse (the generator's bad values).
BAD = {
    "country": ["Guatemla", "Atlantis", "Mexic0", "Brasil"],
    "entry_type": ["Reunión bilateral", "Informe anual"],
    "status": ["Pendiente", "En revisión"],
    "axis": ["Eje 11", "Salud mental"],
}


def _variants(*names: str) -> list[str]:
    """A name as partners write it: as is, without accents, upper and lower case."""
    out: list[str] = []
    for n in names:
        for v in (n, strip_accents(n), n.upper(), n.lower()):
            if v not in out:
                out.append(v)
    return out


def build() -> dict:
    """The tables (and the spellings the generator uses), checked against the library."""
    import lineamientos as lm

    cat = lm.Catalog.embedded()
    version = cat.guideline_set()["version"]
    ref: dict = {"guideline_version": version, "spellings": {}}

    # Countries: every accepted spelling of every country (members and observers), and the
    # spellings the generator writes for the 11 member states.
    country: dict[str, str] = {}
    member_spellings: dict[str, list[str]] = {}
    for c in cat.countries():
        names = [c["iso3"], c["iso2"], c["name"]["es"], c["name"]["en"], *c.get("aliases", [])]
        for n in names:
            country[normalize_key(n)] = c["iso3"]
        if c["role"] == "member":
            sp = [c["iso3"], c["iso3"].lower(), *_variants(c["name"]["es"]), c["name"]["en"],
                  c["name"]["en"].upper(), f" {c['name']['es']} ", *c.get("aliases", [])[:3]]
            member_spellings[c["iso3"]] = list(dict.fromkeys(sp))
    ref["country"] = country
    ref["spellings"]["country"] = member_spellings

    for kind, codes, synonyms in (("entry_type", lm.EntryType, ENTRY_TYPE_SYNONYMS),
                                  ("status", lm.Status, STATUS_SYNONYMS)):
        table: dict[str, str] = {}
        spellings: dict[str, list[str]] = {}
        for code in codes.codes:
            es, en = codes.label(code, "es"), codes.label(code, "en")
            sp = [*_variants(es), en, en.lower(), code, *synonyms.get(code, [])]
            spellings[code] = list(dict.fromkeys(sp))
            for s in sp:
                table[normalize_key(s)] = code
        ref[kind] = table
        ref["spellings"][kind] = spellings

    axis: dict[str, str] = {}
    axis_spellings: dict[str, list[str]] = {}
    for a in cat.axes(version):
        names = [a["code"], a["name"]["es"], a["name"]["en"]]
        for n in names:
            axis[normalize_key(n)] = a["code"]
        axis_spellings[a["code"]] = [a["code"], a["code"].lower(), a["name"]["es"],
                                     strip_accents(a["name"]["es"]), a["name"]["en"]]
    ref["axis"] = axis
    ref["spellings"]["axis"] = axis_spellings

    # Guideline items in force, by axis; the key folds case, spaces and the separator.
    guideline: dict[str, list[str]] = {}
    items: dict[str, list[str]] = {}
    for g in cat.guidelines(version):
        guideline[normalize_key(g["code"])] = [g["code"], g["axis"]]
        if not g.get("retired"):
            items.setdefault(g["axis"], []).append(g["code"])
    ref["guideline"] = guideline
    ref["spellings"]["guideline"] = items

    # Plan participants: countries and organisations by code, name or alias.
    participant = dict(country)
    for o in cat.organizations():
        for n in [o["code"], o["name"]["es"], o["name"]["en"], *o.get("aliases", [])]:
            participant.setdefault(normalize_key(n), o["code"])
    ref["participant"] = participant
    ref["bad"] = BAD
    _check(cat, ref)
    return ref


def _check(cat, ref: dict) -> None:
    """Every spelling the generator writes reads as the library reads it, and every bad value
    is refused, so the three jobs can only disagree through their own code."""
    import lineamientos as lm

    sp = ref["spellings"]
    for iso3, names in sp["country"].items():
        for n in names:
            got = cat.parse_country(n)["iso3"]
            assert got == iso3 and ref["country"][normalize_key(n)] == iso3, (n, got)
    lists = {"entry_type": lm.EntryType, "status": lm.Status}
    for kind, codes in lists.items():
        for code, names in sp[kind].items():
            for n in names:
                got = codes.parse(n)
                assert got == code and ref[kind][normalize_key(n)] == code, (kind, n, got)
    for code, names in sp["axis"].items():
        for n in names:
            assert cat.parse_axis(n, ref["guideline_version"])["code"] == code, n
    for kind, values in ref["bad"].items():
        for v in values:
            parse = {
                "country": cat.parse_country,
                "entry_type": lm.EntryType.parse,
                "status": lm.Status.parse,
                "axis": lambda v: cat.parse_axis(v, ref["guideline_version"]),
            }[kind]
            try:
                parse(v)
            except ValueError:
                assert normalize_key(v) not in ref[kind], v
                continue
            raise AssertionError(f"{kind} {v!r} should be refused")


def write(path: pathlib.Path) -> dict:
    ref = build()
    path.write_text(json.dumps(ref, ensure_ascii=False, indent=1), encoding="utf-8")
    return ref


def load(path) -> dict:
    return json.loads(pathlib.Path(path).read_text(encoding="utf-8"))
