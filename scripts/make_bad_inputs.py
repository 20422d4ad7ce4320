#!/usr/bin/env python3
"""Writes the bad-input corpus: tests/bad-inputs/ and its manifest.json.

Deterministic (no clock, no randomness but a seeded generator): running it twice gives the
same bytes. Small files are written and committed; big ones (a 10 MB cell, a header of
100,000 columns, JSON nested 10,000 deep) are only described by a recipe in the manifest,
which the runners (core/tests/bad_inputs.rs, bindings-python/tests/test_bad_inputs.py,
bindings-wasm/tests/bad_inputs.test.mjs) build in memory at test time.

The expected outcome of each entry (`expect`) is not written here: it is kept from the
existing manifest, and `BLESS=1 cargo test -p lineamientos --test bad_inputs` fills in or
rewrites it from what the library does; review the diff before committing.

Usage: python3 scripts/make_bad_inputs.py
"""

from __future__ import annotations

import json
import random
import struct
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "bad-inputs"

# ----------------------------------------------------------------------------- CSV

HEADER = [
    "ID", "País", "Institución informante", "Fecha de reporte", "Tipo de registro", "Título",
    "Descripción", "Eje temático", "Lineamientos", "Estado", "Avance (%)", "Mujeres",
    "Fecha de inicio", "Fecha de fin",
]
GOOD = {
    "ID": "GT-1", "País": "Guatemala", "Institución informante": "SEPREM",
    "Fecha de reporte": "02/05/2024", "Tipo de registro": "Buena práctica",
    "Título": "Ruta de atención", "Descripción": "", "Eje temático": "VCM",
    "Lineamientos": "VCM-1", "Estado": "En curso", "Avance (%)": "45%", "Mujeres": "120",
    "Fecha de inicio": "", "Fecha de fin": "",
}


def row(i: int, **changes: str) -> str:
    cells = dict(GOOD, **{"ID": f"GT-{i}"})
    for key, value in changes.items():
        cells[{"pais": "País", "fecha": "Fecha de reporte", "tipo": "Tipo de registro",
               "titulo": "Título", "descripcion": "Descripción", "eje": "Eje temático",
               "lineamientos": "Lineamientos", "estado": "Estado", "avance": "Avance (%)",
               "mujeres": "Mujeres", "inicio": "Fecha de inicio", "fin": "Fecha de fin",
               "institucion": "Institución informante", "id": "ID"}[key]] = value
    return ";".join(cells[h] for h in HEADER)


def csv(*rows: str, header: str | None = None, end: str = "\n") -> bytes:
    lines = [header if header is not None else ";".join(HEADER), *rows]
    return (end.join(lines) + end).encode("utf-8")


# The one-row file that `options` and `pivot_spec` entries are applied to.
BASE_CSV = csv(row(1)).decode("utf-8")

# ----------------------------------------------------------------------------- zip / XLSX


def deflate(data: bytes) -> bytes:
    c = zlib.compressobj(6, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush()


def zip_bytes(parts: list[dict]) -> bytes:
    """A zip written by hand, so that sizes and offsets can lie. Each part: name, data
    (uncompressed), and optionally `declared` (uncompressed size written in the headers),
    `stored` (no compression), `same_as` (index of an earlier part whose local entry this
    directory record points at: overlapping entries, the non-recursive zip bomb)."""
    out = bytearray()
    records = []
    for p in parts:
        name = p["name"].encode()
        data = p.get("data", b"")
        if "same_as" in p:
            ref = records[p["same_as"]]
            records.append(dict(ref, name=name))
            continue
        method = 0 if p.get("stored") else 8
        body = data if method == 0 else deflate(data)
        crc = zlib.crc32(data)
        usize = p.get("declared", len(data))
        offset = len(out)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, method, 0, 0x21, crc,
                           len(body), usize, len(name), 0)
        out += name + body
        records.append(dict(name=name, method=method, crc=crc, csize=len(body), usize=usize,
                            offset=offset))
    cd_start = len(out)
    for r in records:
        out += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, r["method"], 0, 0x21,
                           r["crc"], r["csize"], r["usize"], len(r["name"]), 0, 0, 0, 0, 0,
                           r["offset"])
        out += r["name"]
    cd_size = len(out) - cd_start
    out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(records), len(records), cd_size,
                       cd_start, 0)
    return bytes(out)


NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"


def col_name(c: int) -> str:
    s = ""
    c += 1
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s


def esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def cell_xml(r: int, c: int, v) -> str:
    ref = f"{col_name(c)}{r}"
    if v is None or v == "":
        return ""
    if isinstance(v, tuple):
        kind = v[0]
        if kind == "date":  # a number shown as a date (style 1: numFmtId 14)
            return f'<c r="{ref}" s="1"><v>{v[1]}</v></c>'
        if kind == "formula":  # a formula with its cached value
            return f'<c r="{ref}"><f>{esc(v[1])}</f><v>{v[2]}</v></c>'
        if kind == "error":
            return f'<c r="{ref}" t="e"><v>{esc(v[1])}</v></c>'
        if kind == "raw":  # the cell element as given (its own r attribute)
            return v[1]
        if kind == "num":  # a number cell with a value written as is
            return f'<c r="{ref}"><v>{v[1]}</v></c>'
        raise ValueError(kind)
    if isinstance(v, (int, float)):
        return f'<c r="{ref}"><v>{v}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{esc(v)}</t></is></c>'


def sheet_xml(rows: list[tuple[int, list]], dimension: str | None = None) -> bytes:
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    body = "".join(
        f'<row r="{r}">' + "".join(cell_xml(r, c, v) for c, v in enumerate(cells)) + "</row>"
        for r, cells in rows
    )
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{NS}">'
            f"{dim}<sheetData>{body}</sheetData></worksheet>").encode()


def xlsx(sheet: bytes, *, sheets: int = 1, extra: list[dict] | None = None,
         sheet_part: dict | None = None) -> bytes:
    types = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
             '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
             '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
             '<Default Extension="xml" ContentType="application/xml"/>'
             '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
             '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
             '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
             "</Types>")
    rels = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{PKG}">'
            f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>")
    sheet_list = "".join(
        f'<sheet name="Matriz{i or ""}" sheetId="{i + 1}" r:id="rId{i + 1}"/>' for i in range(sheets)
    )
    workbook = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                f'<workbook xmlns="{NS}" xmlns:r="{REL}"><sheets>{sheet_list}</sheets></workbook>')
    wb_rels = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{PKG}">'
               + "".join(f'<Relationship Id="rId{i + 1}" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>'
                         for i in range(sheets))
               + f'<Relationship Id="rId{sheets + 1}" Type="{REL}/styles" Target="styles.xml"/>'
               "</Relationships>")
    styles = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="{NS}">'
              '<fonts count="1"><font/></fonts><fills count="1"><fill/></fills>'
              '<borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs>'
              '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs>'
              "</styleSheet>")
    parts = [
        {"name": "[Content_Types].xml", "data": types.encode()},
        {"name": "_rels/.rels", "data": rels.encode()},
        {"name": "xl/workbook.xml", "data": workbook.encode()},
        {"name": "xl/_rels/workbook.xml.rels", "data": wb_rels.encode()},
        {"name": "xl/styles.xml", "data": styles.encode()},
        dict({"name": "xl/worksheets/sheet1.xml", "data": sheet}, **(sheet_part or {})),
    ]
    return zip_bytes(parts + (extra or []))


def xrow(i: int, **changes) -> list:
    """A data row of the XLSX files: the CSV row's cells, with a real date cell, a number
    progress (a fraction, as Excel stores 45 %) and a number count unless changed."""
    keys = {"fecha": "Fecha de reporte", "avance": "Avance (%)", "mujeres": "Mujeres",
            "titulo": "Título", "inicio": "Fecha de inicio", "fin": "Fecha de fin",
            "descripcion": "Descripción"}
    out: list = row(i).split(";")
    defaults = {"fecha": ("date", 45414), "avance": 0.45, "mujeres": 120}  # 2024-05-02
    for k, v in dict(defaults, **changes).items():
        out[HEADER.index(keys[k])] = v
    return out


def good_sheet(*data: list) -> bytes:
    return sheet_xml([(1, list(HEADER))] + [(i + 2, r) for i, r in enumerate(data)])


# ----------------------------------------------------------------------------- XLS, ODS

def cfb_file(name: str, stream: bytes) -> bytes:
    """A version 3 compound file holding one stream (at least 4,096 bytes, so that it lives
    in regular sectors, not the mini stream)."""
    assert len(stream) >= 4096
    stream += b"\x00" * (-len(stream) % 512)
    n = len(stream) // 512
    # sectors: 0 = FAT, 1 = directory, 2.. = the stream
    fat = [0xFFFFFFFD, 0xFFFFFFFE] + [3 + i for i in range(n - 1)] + [0xFFFFFFFE]
    fat += [0xFFFFFFFF] * (128 - len(fat))
    header = bytearray(512)
    header[0:8] = bytes([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
    struct.pack_into("<HHHHH", header, 0x18, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIII", header, 0x2C, 1, 1, 0, 4096, 0xFFFFFFFE, 0, 0xFFFFFFFE, 0)
    struct.pack_into("<I", header, 0x4C, 0)
    for i in range(1, 109):
        struct.pack_into("<I", header, 0x4C + 4 * i, 0xFFFFFFFF)

    def entry(ename: str, kind: int, start: int, size: int, child: int = 0xFFFFFFFF) -> bytes:
        e = bytearray(128)
        raw = ename.encode("utf-16-le") + b"\x00\x00"
        e[0:len(raw)] = raw
        struct.pack_into("<HBB", e, 0x40, len(raw), kind, 1)
        struct.pack_into("<III", e, 0x44, 0xFFFFFFFF, 0xFFFFFFFF, child)
        struct.pack_into("<IQ", e, 0x74, start, size)
        return bytes(e)

    directory = (entry("Root Entry", 5, 0xFFFFFFFE, 0, child=1) + entry(name, 2, 2, len(stream))
                 + b"\x00" * 256)
    return bytes(header) + struct.pack("<128I", *fat) + directory + stream


def biff(typ: int, body: bytes) -> bytes:
    return struct.pack("<HH", typ, len(body)) + body


def biff_number(row: int, col: int, value: float) -> bytes:
    return biff(0x0203, struct.pack("<HHHd", row, col, 0, value))


def xls_workbook(cells: list[bytes], dimensions: tuple | None = None) -> bytes:
    """A BIFF8 workbook of one sheet named Matriz holding `cells`."""
    bof_globals = biff(0x0809, struct.pack("<HHHHII", 0x0600, 0x0005, 0, 0, 0, 0))
    bof_sheet = biff(0x0809, struct.pack("<HHHHII", 0x0600, 0x0010, 0, 0, 0, 0))
    eof = biff(0x000A, b"")
    name = b"Matriz"

    def boundsheet(pos: int) -> bytes:
        return biff(0x0085, struct.pack("<IBBBB", pos, 0, 0, len(name), 0) + name)

    globals_len = len(bof_globals) + len(boundsheet(0)) + len(eof)
    sheet = bof_sheet
    if dimensions is not None:
        sheet += biff(0x0200, struct.pack("<IIHHH", *dimensions, 0))
    sheet += b"".join(cells) + eof
    stream = bof_globals + boundsheet(globals_len) + eof + sheet
    stream += b"\x00" * max(0, 4096 - len(stream))
    return cfb_file("Workbook", stream)


def ods_file(rows: str) -> bytes:
    """An OpenDocument spreadsheet with one table of `rows` (table:table-row elements)."""
    content = ('<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content '
               'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
               '<office:body><office:spreadsheet><table:table table:name="Matriz">'
               f"{rows}</table:table></office:spreadsheet></office:body></office:document-content>")
    return zip_bytes([
        {"name": "mimetype", "data": b"application/vnd.oasis.opendocument.spreadsheet"},
        {"name": "content.xml", "data": content.encode()},
    ])


# ----------------------------------------------------------------------------- the corpus

ENTRIES: list[dict] = []


def add(file: str, reader: str, exercises: str, data: bytes | None = None, *,
        options: dict | None = None, recipe: list | None = None) -> None:
    entry: dict = {"file": file, "reader": reader, "exercises": exercises}
    if options is not None:
        entry["options"] = options
    if recipe is not None:
        entry["recipe"] = recipe
    else:
        assert data is not None
        path = OUT / file
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    ENTRIES.append(entry)


def text(s: str) -> dict:
    return {"text": s}


def repeat(s: str, times: int) -> dict:
    return {"repeat": s, "times": times}


def corpus() -> None:
    h = ";".join(HEADER)
    # -- CSV: encodings and bytes
    add("csv/empty.csv", "csv", "an empty file (0 bytes)", b"")
    add("csv/whitespace-only.csv", "csv", "spaces, tabs and blank lines only", b"  \n\t\n\r\n   \n")
    add("csv/header-only.csv", "csv", "a header and no data row", csv())
    add("csv/duplicate-headers.csv", "csv", "the same column twice (País), the second ignored",
        csv("GT-1;Guatemala;SEPREM;02/05/2024;Evento;t;;VCM;VCM-1;En curso;45%;1;;;México",
            header=h + ";País"))
    add("csv/no-known-headers.csv", "csv", "a header of unknown columns: every required column missing",
        b"foo;bar;baz\n1;2;3\n4;5;6\n")
    add("csv/latin1.csv", "csv", "Windows-1252 bytes (not UTF-8): read with a fallback, reported once",
        csv(row(1, institucion="Secretaría", titulo="Capacitación niñas")).decode().encode("cp1252"))
    add("csv/invalid-utf8.csv", "csv", "bytes that are neither UTF-8 nor meaningful Windows-1252 (C3 28, FF FE inside cells)",
        csv(row(1)) .replace(b"Ruta de atenci", b"Ruta \xc3\x28 \xff\xfe de atenci"))
    add("csv/utf16le-bom.csv", "csv", "UTF-16 LE with BOM: refused with a hint to save as CSV UTF-8",
        b"\xff\xfe" + csv(row(1)).decode().encode("utf-16-le"))
    add("csv/utf16be-bom.csv", "csv", "UTF-16 BE with BOM: refused with a hint to save as CSV UTF-8",
        b"\xfe\xff" + csv(row(1)).decode().encode("utf-16-be"))
    add("csv/utf16le-no-bom.csv", "csv", "UTF-16 LE without BOM: NUL bytes between the letters",
        csv(row(1)).decode().encode("utf-16-le"))
    add("csv/bom-in-middle.csv", "csv", "a UTF-8 BOM at the start of the second data row and inside a cell",
        b"\xef\xbb\xbf" + csv(row(1), "\ufeff" + row(2), row(3, titulo="a\ufeffb")))
    add("csv/nul-bytes.csv", "csv", "NUL bytes inside cells and a row of NULs",
        csv(row(1, titulo="Ruta\x00de\x00atención"), row(2, pais="Guate\x00mala"), "\x00\x00\x00"))
    add("csv/control-chars.csv", "csv", "terminal escapes, DEL and a right-to-left override in cells",
        csv(row(1, titulo="\x1b[31mrojo\x1b[0m"), row(2, descripcion="\u202egnp.exe"), row(3, titulo="a\x7fb")))
    add("csv/cr-only.csv", "csv", "old Mac line ends (CR only)", csv(row(1), row(2), row(3), end="\r"))
    add("csv/mixed-line-ends.csv", "csv", "CRLF, LF and CR line ends in one file",
        (h + "\r\n" + row(1) + "\n" + row(2) + "\r" + row(3) + "\r\n").encode())
    add("csv/binary-garbage.csv", "csv", "4 KiB of seeded random bytes",
        bytes(random.Random(12).randrange(256) for _ in range(4096)))
    add("csv/xlsx-as-csv.csv", "csv", "a workbook (zip bytes) given to the CSV reader",
        xlsx(good_sheet(xrow(1))))
    # -- CSV: structure
    add("csv/only-delimiters.csv", "csv", "rows of delimiters only", b";;;;\n;;;;\n;;;;\n")
    add("csv/ragged-rows.csv", "csv", "rows shorter and longer than the header",
        csv("GT-1;Guatemala;SEPREM", row(2) + ";extra;cells;here", row(3)))
    add("csv/unterminated-quote.csv", "csv", "a quote that is never closed swallows the next rows",
        csv(row(1), row(2, titulo='"Ruta sin cerrar'), row(3), row(4)))
    add("csv/stray-quotes.csv", "csv", "quotes in the middle of unquoted cells",
        csv(row(1, titulo='Ruta "de" atención'), row(2, titulo='a"b"c"'), row(3)))
    add("csv/unterminated-quote-big.csv", "csv",
        "an unclosed quote followed by 64 KiB of rows: the swallowing cell is longer than a cell may be",
        recipe=[text(h + "\n" + row(1, titulo='"abierta') + "\n"), repeat(row(2) + "\n", 600)])
    # -- CSV: values
    add("csv/nan-infinity.csv", "csv", "NaN and Infinity as progress and counts",
        csv(row(1, avance="NaN"), row(2, avance="Infinity"), row(3, mujeres="NaN"),
            row(4, mujeres="-Infinity"), row(5, avance="inf%"), row(6)))
    add("csv/impossible-dates.csv", "csv", "31/02, year 20244, 00/00/0000, 2024-13-01 and a start date of 29/02/2023",
        csv(row(1, fecha="31/02/2024"), row(2, fecha="02/05/20244"), row(3, fecha="00/00/0000"),
            row(4, fecha="2024-13-01"), row(5, inicio="29/02/2023"), row(6, fin="31/04/2024"), row(7)))
    add("csv/negative-counts.csv", "csv", "negative participant counts and progress",
        csv(row(1, mujeres="-5"), row(2, avance="-10%"), row(3, mujeres="-0"), row(4)))
    add("csv/huge-numbers.csv", "csv", "counts beyond 64 bits, 1e400, progress of 1e30 %",
        csv(row(1, mujeres="99999999999999999999999"), row(2, mujeres="1e400"),
            row(3, avance="1e30%"), row(4)))
    add("csv/formulas.csv", "csv", "formulas in cells: =1+1, @SUM(A1), +cmd, -2+3, =HYPERLINK(...)",
        csv(row(1, titulo="=1+1"), row(2, titulo="@SUM(A1)"), row(3, mujeres="=1+1"),
            row(4, titulo='=HYPERLINK("http://x","y")'), row(5, descripcion="+cmd|' /C calc'!A0"),
            row(6, mujeres="-2+3")))
    add("csv/unknown-codes.csv", "csv", "unknown guideline, axis, country, entry type and status",
        csv(row(1, lineamientos="ZZZ-99"), row(2, eje="NOPE"), row(3, pais="Atlantis"),
            row(4, tipo="Fiesta"), row(5, estado="Quizás"), row(6)))
    add("csv/duplicate-ids.csv", "csv", "the same id on three rows", csv(row(1), row(1), row(1), row(2)))
    # -- CSV: limits
    add("csv/cell-10mb.csv", "csv", "one cell of 10 MiB (default max_cell_chars 32,767)",
        recipe=[text(h + "\n" + "GT-1;Guatemala;SEPREM;02/05/2024;Evento;"), repeat("a", 10 * 1024 * 1024),
                text(";;VCM;VCM-1;En curso;45%;1;;\n")])
    add("csv/header-100k-columns.csv", "csv", "a header of 100,000 columns (default max_columns 16,384)",
        recipe=[text(h), repeat(";col", 100_000 - len(HEADER)), text("\n" + row(1) + "\n")])
    add("csv/cell-40k-lifted.csv", "csv", "a cell of 40,000 characters accepted once max_cell_chars is null",
        options={"max_cell_chars": None},
        recipe=[text(h + "\nGT-1;Guatemala;SEPREM;02/05/2024;Evento;t;"), repeat("é", 40_000),
                text(";VCM;VCM-1;En curso;45%;1;;\n")])
    add("csv/max-rows.csv", "csv", "five rows with max_rows 3", csv(*(row(i) for i in range(1, 6))),
        options={"max_rows": 3})
    add("csv/max-bytes.csv", "csv", "a file longer than max_bytes 100", csv(row(1), row(2)),
        options={"max_bytes": 100})
    add("csv/max-columns.csv", "csv", "a row wider than max_columns 10 (the header)", csv(row(1)),
        options={"max_columns": 10})
    # -- XLSX
    add("xlsx/empty.xlsx", "xlsx", "an empty file named .xlsx", b"")
    add("xlsx/not-a-zip.xlsx", "xlsx", "a CSV file named .xlsx", csv(row(1)))
    add("xlsx/zip-header-only.xlsx", "xlsx", "the 4-byte zip signature and nothing else", b"PK\x03\x04")
    good = xlsx(good_sheet(xrow(1), xrow(2)))
    add("xlsx/good.xlsx", "xlsx", "a well-formed workbook (the baseline the corrupt ones derive from)", good)
    add("xlsx/truncated-half.xlsx", "xlsx", "the first half of a workbook", good[: len(good) // 2])
    add("xlsx/truncated-directory.xlsx", "xlsx", "a workbook cut inside its central directory", good[:-30])
    corrupt = bytearray(good)
    sheet_at = good.index(b"xl/worksheets/sheet1.xml") + len("xl/worksheets/sheet1.xml")
    for k in range(sheet_at + 10, sheet_at + 40):
        corrupt[k] ^= 0x5A
    add("xlsx/corrupt-deflate.xlsx", "xlsx", "the sheet's compressed bytes scrambled (bad deflate data or checksum)", bytes(corrupt))
    add("xlsx/no-sheets.xlsx", "xlsx", "a workbook without worksheets", xlsx(good_sheet(), sheets=0))
    add("xlsx/bad-xml.xlsx", "xlsx", "a sheet whose XML is not well-formed",
        xlsx(b'<?xml version="1.0"?><worksheet xmlns="' + NS.encode() + b'"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>ID</t></row>'))
    add("xlsx/huge-column-ref.xlsx", "xlsx", "a cell in column ZZZZZZ, beyond Excel's 16,384 columns (refused as outside the grid)",
        xlsx(sheet_xml([(1, list(HEADER)), (2, xrow(1) + [("raw", '<c r="ZZZZZZ2"><v>1</v></c>')])])))
    add("xlsx/huge-row-ref.xlsx", "xlsx", "a cell in row 4294967296 (beyond 32 bits)",
        xlsx(sheet_xml([(1, list(HEADER)), (2, xrow(1)),
                        (3, [("raw", '<c r="A4294967296"><v>1</v></c>')])])))
    add("xlsx/zero-row-ref.xlsx", "xlsx", "cells in row 0 and a reference without a row (A)",
        xlsx(sheet_xml([(1, list(HEADER)), (2, xrow(1)),
                        (3, [("raw", '<c r="A0"><v>1</v></c><c r="B"><v>2</v></c>')])])))
    add("xlsx/missing-shared-string.xlsx", "xlsx", "a cell pointing at shared string 99 of a workbook with none",
        xlsx(sheet_xml([(1, list(HEADER)), (2, xrow(1)[:5] + [("raw", '<c r="F2" t="s"><v>99</v></c>')])])))
    add("xlsx/declared-1048576-rows.xlsx", "xlsx",
        "a sheet declaring A1:XFD1048576 with cells at A1048576 and XFD1048576 (a dense grid would be 17 billion cells)",
        xlsx(sheet_xml([(1, list(HEADER)), (2, xrow(1)), (3, xrow(2)),
                        (1048576, [("raw", '<c r="A1048576" t="inlineStr"><is><t>x</t></is></c>'
                                           '<c r="XFD1048576"><v>1</v></c>')])],
                       dimension="A1:XFD1048576")))
    add("xlsx/formulas.xlsx", "xlsx", "formula cells (=1+1 with cached 2) and strings =1+1, @SUM(A1)",
        xlsx(good_sheet(xrow(1, mujeres=("formula", "1+1", 2)), xrow(2, titulo="=1+1"),
                        xrow(3, titulo="@SUM(A1)"), xrow(4, mujeres=("formula", "SUM(A1:A2)", "")))))
    add("xlsx/nan-inf-errors.xlsx", "xlsx", "NaN and INF number cells and #DIV/0!, #NUM!, #N/A error cells",
        xlsx(good_sheet(xrow(1, avance=("num", "NaN")), xrow(2, mujeres=("num", "INF")),
                        xrow(3, mujeres=("error", "#DIV/0!")), xrow(4, avance=("error", "#NUM!")),
                        xrow(5, fecha=("error", "#N/A")), xrow(6))))
    add("xlsx/impossible-dates.xlsx", "xlsx", "date cells of serial -1, 1e10 and 2958466 (year 10000), text 31/02/2024 and 02/05/20244",
        xlsx(good_sheet(xrow(1, fecha=("date", -1)), xrow(2, fecha=("date", 1e10)),
                        xrow(3, fecha=("date", 2958466)), xrow(4, fecha="31/02/2024"),
                        xrow(5, fecha="02/05/20244"), xrow(6))))
    add("xlsx/negative-counts.xlsx", "xlsx", "negative counts and progress as numbers",
        xlsx(good_sheet(xrow(1, mujeres=-5), xrow(2, avance=-0.1), xrow(3))))
    add("xlsx/cell-40k.xlsx", "xlsx", "an inline string of 40,000 characters (default max_cell_chars 32,767)",
        xlsx(good_sheet(xrow(1, descripcion="ñ" * 40_000))))
    add("xlsx/max-columns.xlsx", "xlsx", "a cell in column T with max_columns 10",
        xlsx(good_sheet(xrow(1) + ["", "", "", "", "", "z"])), options={"max_columns": 10})
    add("xlsx/max-rows.xlsx", "xlsx", "four rows with max_rows 2",
        xlsx(good_sheet(*(xrow(i) for i in range(1, 5)))), options={"max_rows": 2})
    add("xlsx/max-bytes.xlsx", "xlsx", "a workbook larger than max_bytes 1000", good, options={"max_bytes": 1000})
    # zip bombs: small files, huge decompressed sizes
    zeros = b"\x00" * (16 * 1024 * 1024)
    blob = {"name": "xl/media/blob.bin", "data": zeros}
    overlapping = [blob] + [{"name": f"xl/media/copy{i}.bin", "same_as": 6} for i in range(79)]
    add("xlsx/zip-bomb.xlsx", "xlsx",
        "a non-recursive zip bomb: 80 directory entries share one 16 MiB part (1.25 GiB declared, file about 22 KB)",
        xlsx(good_sheet(xrow(1)), extra=overlapping))
    add("xlsx/zip-bomb-ratio.xlsx", "xlsx",
        "one part of 16 MiB of zeros compressed about 1,000 times (within the size cap, above the ratio cap)",
        xlsx(good_sheet(xrow(1)), extra=[blob]))
    add("xlsx/zip-bomb-ratio-lifted.xlsx", "xlsx",
        "the same part with max_compression_ratio null: read (the part is never decompressed: calamine does not open it)",
        xlsx(good_sheet(xrow(1)), extra=[blob]), options={"max_compression_ratio": None})
    add("xlsx/zip-lying-size.xlsx", "xlsx",
        "a sheet that declares 100 bytes and inflates to 140 KB: the zip reader stops at the declared size",
        xlsx(good_sheet(xrow(1), *([xrow(2)] * 200)), sheet_part={"declared": 100}))
    # -- XLS (Excel 97-2003), ODS and XLSB: the same reader, told apart by the bytes
    far = xls_workbook([biff_number(0, 0, 1.0), biff_number(65_535, 255, 2.0)])
    add("xls/cells-far-apart.xls", "xlsx",
        "two cells 65,535 rows and 255 columns apart (a 16.7 million-cell grid from 5 KB), "
        "with max_uncompressed_bytes 100 MB", far, options={"max_uncompressed_bytes": 100_000_000})
    add("xls/dimensions-wrap.xls", "xlsx",
        "a DIMENSIONS record whose last row comes before its first (calamine's u32 subtraction "
        "wraps to four billion rows to reserve)",
        xls_workbook([biff_number(0, 0, 1.0)], dimensions=(10, 5, 0, 4)))
    add("xls/no-workbook-stream.xls", "xlsx", "a compound file without a Workbook stream",
        cfb_file("Other", b"\x00" * 4096))
    add("xls/truncated.xls", "xlsx", "the first 1,000 bytes of an .xls", far[:1000])
    add("xls/encrypted-package.xls", "xlsx",
        "a compound file holding an EncryptedPackage (a password-protected XLSX)",
        cfb_file("EncryptedPackage", b"\x00" * 4096))
    add("xls/good-named-xlsx.xlsx", "xlsx",
        "an Excel 97-2003 workbook named .xlsx: read by its bytes, not its name",
        (ROOT / "examples" / "data" / "formats" / "celdas.xls").read_bytes())
    add("ods/repeated-columns.ods", "xlsx",
        "5,000 rows each with one value repeated across 16,384 columns (82 million cells from "
        "a few kilobytes)", ods_file("<table:table-row><table:table-cell office:value-type=\"float\" "
                                     "office:value=\"1\" table:number-columns-repeated=\"16384\"/>"
                                     "</table:table-row>" * 5_000))
    add("ods/repeated-rows.ods", "xlsx",
        "one value repeated across a million rows and 16,384 columns",
        ods_file("<table:table-row table:number-rows-repeated=\"1048576\"><table:table-cell "
                 "office:value-type=\"float\" office:value=\"1\" "
                 "table:number-columns-repeated=\"16384\"/></table:table-row>"))
    add("ods/not-a-number.ods", "xlsx", "a float cell whose value is not a number",
        ods_file("<table:table-row><table:table-cell office:value-type=\"float\" "
                 "office:value=\"abc\"/></table:table-row>"))
    add("ods/good-named-xlsx.xlsx", "xlsx",
        "an OpenDocument spreadsheet named .xlsx: read by its bytes, not its name",
        (ROOT / "examples" / "data" / "formats" / "celdas.ods").read_bytes())
    add("xlsb/truncated-workbook-bin.xlsb", "xlsx", "an .xlsb whose workbook.bin is cut short",
        zip_bytes([{"name": "xl/workbook.bin", "data": b"\x83\x01\x00\x9c"}]))
    # -- JSON documents and arguments
    deep = [repeat("[", 10_000), repeat("]", 10_000)]
    for reader, wrap in [("plan", '{"id": "p", "activities": '), ("catalog", '{"version": "1", "countries": '),
                         ("cycle", '{"congress": 5, "tables": '), ("pivot_spec", '{"rows": '),
                         ("options", '{"sheet": ')]:
        add(f"{reader}/nested-10000.json", reader, "arrays nested 10,000 deep (JSON depth limit 64)",
            recipe=[text(wrap), *deep, text("}")])
    add("plan/truncated.json", "plan", "a work plan cut in the middle of a string",
        b'{"id": "mesa-vcm-2024", "table": "VCM", "activities": [{"id": "A1", "title": "Foro reg')
    add("plan/wrong-type.json", "plan", "a list where the plan object belongs", b'[{"id": "p"}]')
    add("plan/nan.json", "plan", "NaN and Infinity as numbers (not JSON)",
        b'{"id": "p", "activities": [{"id": "A1", "budget": NaN, "target": Infinity}]}')
    add("plan/bom.json", "plan", "a UTF-8 byte order mark before the JSON", b'\xef\xbb\xbf{"id": "p"}')
    add("plan/activities-string.json", "plan", "activities given as a string", b'{"id": "p", "activities": "A1, A2"}')
    add("catalog/truncated.json", "catalog", "a catalogue cut after its first key", b'{"version": "2024-1", "countries": [')
    add("catalog/wrong-type.json", "catalog", "countries given as an object", '{"version": "1", "countries": {"MEX": "México"}}'.encode())
    add("catalog/empty.json", "catalog", "an empty file", b"")
    add("cycle/truncated.json", "cycle", "a cycle cut in the middle", b'{"congress": 5, "tables": [{"code": "VCM", ')
    add("cycle/wrong-type.json", "cycle", "the congress as a list", b'{"congress": [5]}')
    add("cycle/null.json", "cycle", "the JSON null", b"null")
    add("pivot_spec/truncated.json", "pivot_spec", "a pivot spec cut in the middle", b'{"rows": ["country", ')
    add("pivot_spec/wrong-type.json", "pivot_spec", "the measure as a number", b'{"rows": "country", "measure": 5}')
    add("pivot_spec/infinity.json", "pivot_spec", "Infinity as the disclosure threshold (not JSON)",
        b'{"rows": "country", "suppress_below": Infinity}')
    add("pivot_spec/list.json", "pivot_spec", "a list where the spec object belongs", b'["country", "axis"]')
    add("options/negative-count.json", "options", "a negative max_rows", b'{"max_rows": -1}')
    add("options/wrong-type.json", "options", "a list where the options object belongs", b"[1, 2]")
    add("options/unknown-option.json", "options", "a misspelt option (max_row)", b'{"max_row": 5}')
    add("options/beyond-u64.json", "options", "a limit beyond 64 bits", b'{"max_bytes": 18446744073709551616}')
    add("options/truncated.json", "options", "options cut in the middle", b'{"strict": tr')
    add("options/limits-null.json", "options", "every limit lifted with null (accepted)",
        b'{"max_rows": null, "max_bytes": null, "max_cell_chars": null, "max_columns": null, '
        b'"max_uncompressed_bytes": null, "max_compression_ratio": null, "max_diagnostics": null}')


def fuzz_crashes() -> None:
    """Inputs that crashed a reader while fuzzing (copied from /tmp/fuzz-crashes/ into
    tests/bad-inputs/fuzz/ by hand, then listed here by their name's reader)."""
    for path in sorted((OUT / "fuzz").glob("fuzz-*")):
        reader = {".xlsx": "xlsx", ".csv": "csv"}.get(path.suffix)
        if reader is None:
            reader = path.stem.split("-")[1]
        ENTRIES.append({"file": f"fuzz/{path.name}", "reader": reader,
                        "exercises": "an input that crashed a reader while fuzzing"})


def calamine_files() -> None:
    """Hostile and protected workbooks from calamine's own test suite (MIT, see
    tests/bad-inputs/CALAMINE-LICENSE.md), committed as they are and listed here."""
    what = {
        "OOM_alloc": "an .xls that made calamine allocate without bound (calamine's regression file)",
        "issue_594_dos": "an .ods that made calamine loop or allocate without bound (calamine's regression file)",
        "pass_protected": "a password-protected workbook (calamine's test file)",
    }
    for folder in ["xls", "ods", "xlsb"]:
        for path in sorted((OUT / folder).glob("calamine-*")):
            key = next(k for k in what if path.stem.removeprefix("calamine-").startswith(k))
            ENTRIES.append({"file": f"{folder}/{path.name}", "reader": "xlsx", "exercises": what[key]})


def main() -> None:
    manifest_path = OUT / "manifest.json"
    old = {}
    if manifest_path.exists():
        old = {e["file"]: e for e in json.loads(manifest_path.read_text("utf-8"))["entries"]}
    corpus()
    calamine_files()
    fuzz_crashes()
    for e in ENTRIES:
        if "expect" in old.get(e["file"], {}):
            e["expect"] = old[e["file"]]["expect"]
    manifest = {
        "about": "The bad-input corpus: see README.md. `expect` is written by "
                 "`BLESS=1 cargo test -p lineamientos --test bad_inputs`; files with a `recipe` "
                 "are built at test time (concatenate the parts; `repeat` is `times` copies).",
        "base_csv": BASE_CSV,
        "entries": ENTRIES,
    }
    manifest_path.write_text(json.dumps(manifest, indent=2, ensure_ascii=False, sort_keys=True) + "\n", "utf-8")
    print(f"{len(ENTRIES)} entries, {sum(1 for e in ENTRIES if 'recipe' not in e)} files written to {OUT}")


if __name__ == "__main__":
    main()
