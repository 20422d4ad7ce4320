#!/usr/bin/env python3
"""Writes the seed inputs of the fuzz targets into fuzz/seeds/<target>/ (not committed: the
committed corpus, fuzz/corpus/, is what long runs grew from these seeds, minimised).

Seeds come from examples/, tests/vectors/ and a few hand-written files. Targets whose first
byte chooses what the input is (pivot_spec, options, cycle_json) get that byte in front.

    python3 fuzz/seeds.py && cargo fuzz run csv_import fuzz/corpus-work/csv_import fuzz/seeds/csv_import
"""

import glob
import hashlib
import io
import json
import os
import shutil
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "fuzz", "seeds")

# The selector bytes of the targets (see fuzz/fuzz_targets/*.rs).
PIVOT, PROTECTION, PUBLISHED = 0, 1, 2
CYCLE, FOCAL = 0, 1
OPT = {
    "import_json": 0, "rules_json": 1, "import": 2, "rules": 3, "review": 4, "systematize": 5,
    "merge": 6, "spec": 7, "protection": 8, "privacy": 9, "as_of": 10, "days": 11,
    "percent": 12, "delimiter": 13, "unit": 14, "code_kind": 15, "when_lang": 16,
    "tables_dims": 17, "scalars": 18, "choices": 19,
}


def write(target, data, prefix=None):
    if isinstance(data, str):
        data = data.encode("utf-8")
    if prefix is not None:
        data = bytes([prefix]) + data
    d = os.path.join(OUT, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, hashlib.sha1(data).hexdigest()), "wb") as f:
        f.write(data)


def read(path):
    with open(os.path.join(ROOT, path), "rb") as f:
        return f.read()


def vectors(pattern):
    for path in sorted(glob.glob(os.path.join(ROOT, "tests", "vectors", pattern))):
        with open(path, encoding="utf-8") as f:
            yield json.load(f)


def dumps(value):
    return json.dumps(value, ensure_ascii=False)


def sheet_xml(rows, dimension=None):
    """A worksheet with inline strings and numbers; rows are lists of str/float/None."""
    out = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
           '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">']
    if dimension:
        out.append(f'<dimension ref="{dimension}"/>')
    out.append("<sheetData>")
    for r, row in enumerate(rows, start=1):
        out.append(f'<row r="{r}">')
        for c, v in enumerate(row):
            ref = f"{chr(65 + c)}{r}"
            if v is None:
                continue
            if isinstance(v, tuple):  # (value, style, type)
                val, style, typ = v
                t = f' t="{typ}"' if typ else ""
                s = f' s="{style}"' if style is not None else ""
                out.append(f'<c r="{ref}"{s}{t}><v>{val}</v></c>')
            elif isinstance(v, (int, float)):
                out.append(f'<c r="{ref}"><v>{v}</v></c>')
            else:
                out.append(f'<c r="{ref}" t="inlineStr"><is><t>{v}</t></is></c>')
        out.append("</row>")
    out.append("</sheetData></worksheet>")
    return "".join(out)


def workbook(sheet, shared=None, styles=None, stored=True):
    """A minimal XLSX package. Stored (not deflated) by default, so that the fuzzer mutates
    the XML itself rather than compressed bytes."""
    method = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as z:
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="xml" ContentType="application/xml"/></Types>')
        z.writestr("_rels/.rels",
                   '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        z.writestr("xl/workbook.xml",
                   '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                   'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr date1904="false"/>'
                   '<sheets><sheet name="Matriz" sheetId="1" r:id="rId1"/></sheets></workbook>')
        rels = ['<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>']
        if shared is not None:
            rels.append('<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>')
        if styles is not None:
            rels.append('<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>')
        z.writestr("xl/_rels/workbook.xml.rels",
                   '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   + "".join(rels) + "</Relationships>")
        z.writestr("xl/worksheets/sheet1.xml", sheet)
        if shared is not None:
            items = "".join(f"<si><t>{s}</t></si>" for s in shared)
            z.writestr("xl/sharedStrings.xml",
                       '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                       f'count="{len(shared)}" uniqueCount="{len(shared)}">{items}</sst>')
        if styles is not None:
            z.writestr("xl/styles.xml", styles)
    return buf.getvalue()


STYLES = ('<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
          '<numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts>'
          '<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/>'
          '<xf numFmtId="9" applyNumberFormat="1"/><xf numFmtId="164" applyNumberFormat="1"/></cellXfs></styleSheet>')

HEADER = ["País", "Institución", "Fecha de reporte", "Tipo", "Título", "Estado", "Eje", "Avance (%)", "Mujeres"]


def xlsx_seeds():
    write("xlsx_import", read("examples/data/matriz_seguimiento.xlsx"))
    # The other spreadsheet formats (the same import, told apart by the bytes): the example
    # workbooks of each format and the bad-input ones.
    for pattern in ["examples/data/formats/*.xls*", "examples/data/formats/*.ods",
                    "examples/data/formats/calamine/*.xls*", "examples/data/formats/calamine/*.ods",
                    "tests/bad-inputs/xls/*", "tests/bad-inputs/ods/*", "tests/bad-inputs/xlsb/*"]:
        for p in sorted(glob.glob(os.path.join(ROOT, pattern))):
            if os.path.getsize(p) <= 400_000:
                write("xlsx_import", read(p))
    rows = [HEADER,
            ["México", "INMUJERES", "2024-03-05", "Buena práctica", "Ruta", "En curso", "VCM", 45, 40],
            ["Guatemala", "SEPREM", (45383, 1, None), "Evento", "Foro", "Completada", "VCM", (0.5, 2, None), 12]]
    write("xlsx_import", workbook(sheet_xml(rows, "A1:I3"), styles=STYLES))
    write("xlsx_import", workbook(sheet_xml(rows), styles=STYLES, stored=False))
    # Shared strings, booleans, errors, a date in a custom format, a title row before the header.
    shared = ["Matriz de seguimiento 2024", "Honduras", "SEMUJER", "Avance"]
    rows = [[(0, None, "s")], HEADER,
            [(1, None, "s"), (2, None, "s"), (45400.5, 3, None), (3, None, "s"), "Taller",
             "En curso", "PRO", ("#N/A", None, "e"), (1, None, "b")]]
    write("xlsx_import", workbook(sheet_xml(rows, "A1:I3"), shared=shared, styles=STYLES))
    # A sheet whose cells have no `r` attribute, and one that starts far from A1.
    plain = sheet_xml([HEADER, ["Panamá", "INAMU", "2024-01-02", "Avance", "X", "En curso", "VCM", 10, 3]])
    write("xlsx_import", workbook(plain.replace(' r="', ' x="')))
    write("xlsx_import", workbook(sheet_xml([HEADER]).replace('r="A1"', 'r="XFD1048576"')))


def keys(value, out):
    if isinstance(value, dict):
        for k, v in value.items():
            out.add(k)
            keys(v, out)
    elif isinstance(value, list):
        for v in value:
            keys(v, out)
    elif isinstance(value, str) and len(value) <= 24 and value.isascii():
        out.add(value)


def dictionaries():
    """fuzz/dicts/json.dict: every key (and short value) of the JSON seeds, plus JSON tokens;
    fuzz/dicts/xlsx.dict: the XML names calamine looks for. libFuzzer splices these whole."""
    words = set()
    for target in ["plan_json", "catalog_json", "pivot_spec", "options", "cycle_json"]:
        for name in os.listdir(os.path.join(OUT, target)):
            with open(os.path.join(OUT, target, name), "rb") as f:
                data = f.read()
            for text in (data, data[1:]):
                try:
                    keys(json.loads(text), words)
                    break
                except ValueError:
                    continue
    tokens = ["{", "}", "[", "]", ":", ",", "null", "true", "false", "-0", "1e400", "-1",
              "18446744073709551616", "\\u0000", "\\ud800"]
    lines = [dict_entry(t) for t in tokens]
    lines += [dict_entry(json.dumps(w, ensure_ascii=False)) for w in sorted(words)]
    d = os.path.join(ROOT, "fuzz", "dicts")
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "json.dict"), "w", encoding="ascii") as f:
        f.write("# Written by fuzz/seeds.py: keys and short values of the JSON seeds.\n")
        f.write("\n".join(lines) + "\n")
    xml = ["<c ", "</c>", "<v>", "</v>", "<row ", "</row>", "<is><t>", "</t></is>", "<f>",
           "<sheetData>", "</sheetData>", "<dimension ref=", ' r="', ' s="', ' t="s"',
           ' t="str"', ' t="inlineStr"', ' t="b"', ' t="e"', ' t="d"', ' t="n"', "<si><t>",
           "<sst ", "<xf numFmtId=", "<numFmt numFmtId=", 'formatCode="', "<sheet name=",
           "r:id=", "Target=", "Relationship ", "date1904", "XFD1048576", "A1:", "&amp;",
           "&#", "PK\x03\x04", "PK\x01\x02", "PK\x05\x06"]
    with open(os.path.join(d, "xlsx.dict"), "w", encoding="ascii") as f:
        f.write("# Written by fuzz/seeds.py: the XML and ZIP tokens calamine looks for.\n")
        f.write("\n".join(dict_entry(x) for x in xml) + "\n")


def dict_entry(text):
    """A libFuzzer dictionary line: printable ASCII as is, every other byte as \\xNN."""
    out = []
    for b in text.encode("utf-8"):
        c = chr(b)
        if c in '\\"' or not 32 <= b < 127:
            out.append(f"\\x{b:02x}")
        else:
            out.append(c)
    return '"' + "".join(out) + '"'


def main():
    shutil.rmtree(OUT, ignore_errors=True)

    # CSV import.
    for p in ["examples/data/matriz_seguimiento.csv", "examples/data/tracking_matrix_en.csv",
              "examples/web/samples/matriz.csv"]:
        write("csv_import", read(p))
    write("csv_import", read("examples/cycle/matrix.csv")[:4000])
    for v in vectors("matrix/*.json"):
        enc = "latin-1" if v.get("input_encoding") == "latin-1" else "utf-8"
        write("csv_import", v["input_csv"].encode(enc))
    for v in vectors("errors/*.json"):
        if v.get("call") in ("import_csv", "pivot") and isinstance(v.get("input"), str):
            write("csv_import", v["input"])
    write("csv_import", "\ufeffPaís\tInstitución\tFecha\n\"México\";\"x\"\n")
    write("csv_import", "País;Institución;Fecha de reporte\r\nMéxico;INMUJERES;31/02/2024\r\n".encode("utf-16"))

    xlsx_seeds()

    # Plans.
    for p in sorted(glob.glob(os.path.join(ROOT, "examples", "plans", "*.json"))):
        write("plan_json", read(p))
    for v in vectors("plans/*.json"):
        for plan in ([v["input"]] if "input" in v else v.get("inputs", [])):
            write("plan_json", dumps(plan))
    for v in vectors("errors/*.json"):
        if v.get("call") == "validate_plan":
            write("plan_json", v["input"] if isinstance(v["input"], str) else dumps(v["input"]))

    # Catalogues.
    write("catalog_json", read("examples/json/agency_catalog.json"))
    for v in vectors("*/*.json"):
        if isinstance(v.get("catalog"), dict):
            write("catalog_json", dumps(v["catalog"]))

    # Pivot specs, protections, published tables.
    for v in vectors("matrix/*.json"):
        if v.get("kind") == "pivot":
            write("pivot_spec", dumps(v["pivot"]), PIVOT)
            if isinstance(v["pivot"].get("protection"), dict):
                write("pivot_spec", dumps(v["pivot"]["protection"]), PROTECTION)
    for v in vectors("errors/*.json"):
        if v.get("call") == "pivot":
            write("pivot_spec", dumps(v["args"]), PIVOT)
    for p in [{"k": 5}, {"k": 3, "lower": 2, "upper": 10, "method": {"kind": "rounding", "base": 5}},
              {"k": 5, "method": {"kind": "suppression"}, "suppress_totals": False}]:
        write("pivot_spec", dumps(p), PROTECTION)
    for v in vectors("disclosure/*.json"):
        write("pivot_spec", dumps(v["published"]), PUBLISHED)

    # Options.
    for v in vectors("matrix/*.json"):
        if v.get("options"):
            write("options", dumps(v["options"]), OPT["import_json"])
            write("options", dumps(v["options"]), OPT["import"])
    for v in vectors("plans/*.json"):
        write("options", dumps(v["options"]), OPT["rules_json"])
        write("options", dumps(v["options"]), OPT["rules"])
        write("options", dumps(dict(v["options"], approved_only=True)), OPT["merge"])
    for v in vectors("cycle/*.json"):
        write("options", dumps(v["options"]), OPT["review"])
        write("options", dumps(dict(v["options"], suppress_below=3)), OPT["systematize"])
    for v in vectors("report/*.json"):
        write("options", dumps(v["options"]), OPT["systematize"])
    calls = {"import_csv": ["import", "import_json"], "validate_plan": ["rules", "rules_json"],
             "pivot": ["spec"], "time_series": ["unit"], "gaps": ["as_of"],
             "follow_up": ["as_of", "days"], "code_list": ["code_kind"]}
    for v in vectors("errors/*.json"):
        for sel in calls.get(v.get("call"), []):
            args = v.get("args")
            if sel in ("unit", "as_of", "days", "code_kind") and isinstance(args, dict):
                for a in args.values():
                    write("options", dumps(a), OPT[sel])
            else:
                write("options", dumps(args), OPT[sel])
    for sel, value in [("protection", {"k": 5, "lower": 3}), ("privacy", {"include_personal_data": True}),
                       ("as_of", "2024-02-29"), ("days", 365), ("percent", 10), ("delimiter", ";"),
                       ("unit", "quarter"), ("code_kind", "country"), ("when_lang", "2024-05-01T10:00:00Z"),
                       ("when_lang", "es"), ("tables_dims", ["activities", "agreements"]),
                       ("tables_dims", ["country", "axis"]), ("scalars", 18446744073709551615),
                       ("scalars", -1.5), ("choices", "participants_women"), ("choices", "warn"),
                       ("spec", {"rows": "country", "cols": ["axis"], "measure": "participants",
                                 "period": "month", "protection": {"k": 3}, "approved_only": True}),
                       ("import", {"strict": True, "delimiter": ";", "sheet": "Matriz", "max_rows": 3,
                                   "max_bytes": 100000, "max_diagnostics": None, "guideline_version": "2017"})]:
        write("options", dumps(value), OPT[sel])

    # Cycles and focal points.
    write("cycle_json", read("examples/cycle/cycle.json"), CYCLE)
    write("cycle_json", read("examples/cycle/focal_points.json"), FOCAL)
    write("cycle_json", read("examples/json/focal_points.json"), FOCAL)
    for v in vectors("cycle/*.json"):
        write("cycle_json", dumps(v["input"]), CYCLE)
        if v.get("focal_points") is not None:
            write("cycle_json", dumps(v["focal_points"]), FOCAL)

    dictionaries()
    for t in sorted(os.listdir(OUT)):
        print(t, len(os.listdir(os.path.join(OUT, t))))


if __name__ == "__main__":
    main()
