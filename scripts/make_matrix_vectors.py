#!/usr/bin/env python3
"""Writes the golden vectors of tests/vectors/matrix/ (one JSON file per case).

The expected values are written by hand here (reasoned from docs/matrix.md), not produced by
the library: edit this file and re-run it to change a case."""
import json, os

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "vectors", "matrix")
cases = []

def case(name, description, kind, expected, input_csv, **kw):
    c = {"name": name, "description": description, "kind": kind, "catalog": "embedded",
         "input_csv": input_csv}
    c.update(kw)
    c["expected"] = expected
    cases.append(c)

def d(code, severity, row, column, dropped=False, **kw):
    # dropped: a warning that the value was left out of its kept row (params.dropped)
    x = {"code": code, "severity": severity, "row": row, "column": column}
    if dropped:
        x["dropped"] = True
    x.update(kw)
    return x

H7 = "ID;País;Institución;Fecha;Tipo;Título;Estado"

case("import-es-semicolon-basic",
     "Spanish headers, semicolons, names and labels instead of codes: every row accepted.",
     "import_csv",
     {"rows_read": 3, "accepted": 3, "rejected": 0, "delimiter": ";", "encoding": "utf-8",
      "diagnostics": [],
      "entries": [
        {"id": "GT-001", "country": "GTM", "institution": "GTM-SEPREM", "reported_on": "2024-05-02",
         "entry_type": "good_practice", "axis": "VCM", "guidelines": ["VCM-1"], "status": "ongoing",
         "progress": 45, "participants": {"women": 120, "girls": 14}},
        {"id": "MX-001", "country": "MEX", "institution": "MEX-INMUJERES", "reported_on": "2024-05-03", "entry_type": "progress",
         "status": "completed", "progress": 100, "participants": {"women": 30}},
        {"id": "HN-001", "country": "HND", "institution": "SEDH", "reported_on": "2024-06-15", "entry_type": "training",
         "status": "planned", "progress": 0, "participants": {}}]},
     "ID;País;Institución informante;Fecha de reporte;Tipo de registro;Título;Eje temático;Lineamientos;Estado;Avance (%);Mujeres;Niñas\n"
     "GT-001;Guatemala;SEPREM;02/05/2024;Buena práctica;Ruta de atención;VCM;VCM-1;En curso;45;120;14\n"
     "MX-001;México;INMUJERES;2024-05-03;Avance;Diplomado;EMP;EMP-1;Completado;100;30;\n"
     "HN-001;honduras;SEDH;15/06/2024;Capacitación;Taller;VCM;VCM-2;Planificada;0;;\n")

case("import-en-bom-comma",
     "English headers after a UTF-8 BOM, commas, country aliases and a quoted multi-valued cell.",
     "import_csv",
     {"rows_read": 3, "accepted": 3, "rejected": 0, "delimiter": ",", "diagnostics": [],
      "entries": [
        {"id": "DO-1", "country": "DOM", "institution": "MMujer", "entry_type": "good_practice", "status": "ongoing",
         "progress": 30, "participants": {"women": 50, "girls": 5}},
        {"id": "US-1", "country": "USA", "entry_type": "research", "status": "completed", "progress": 1},
        {"id": "RD-2", "country": "DOM", "entry_type": "campaign", "guidelines": ["VCM-1", "VCM-2"],
         "progress": 100}]},
     "\ufeffID,Country,Reporting institution,Reported on,Entry type,Title,Axis,Guidelines,Status,Progress (%),Women,Girls\n"
     "DO-1,Dominican Republic,MMujer,2024-03-01,Good practice,Shelter network,VCM,VCM-1,In progress,30%,50,5\n"
     "US-1,EE.UU.,DOS,2024-03-02,Research,Study,DAT,DAT-1,Done,1%,,\n"
     "RD-2,RD,MMujer,2024-03-04,Campaign,Campaign X,VCM,\"VCM-1, VCM-2\",Completed,100,,\n")

case("import-latin1",
     "A Latin-1 (Windows-1252) file with accented headers and values: read with a fallback, noted once.",
     "import_csv",
     {"rows_read": 2, "accepted": 2, "rejected": 0, "encoding": "latin-1",
      "diagnostics": [d("encoding_fallback", "info", 1, None)],
      "entries": [
        {"id": "R2", "country": "MEX", "institution": "Secretaría", "entry_type": "campaign",
         "title": "Campaña de información", "status": "ongoing", "participants": {"girls": 12}},
        {"id": "R3", "country": "PAN", "institution": "PAN-INAMU", "entry_type": "event", "status": "completed"}]},
     "País;Institución;Fecha;Tipo;Título;Estado;Niñas\n"
     "México;Secretaría;01/02/2024;Campaña;Campaña de información;En ejecución;12\n"
     "Panamá;INAMU;01/03/2024;Evento;Jornada;Concluida;\n",
     input_encoding="latin-1")

case("import-date-formats",
     "ISO, dd/mm/yyyy, d/m/yyyy, dd.mm.yyyy, Excel serial and ISO with time; mm/dd/yyyy is read with a warning.",
     "import_csv",
     {"rows_read": 5, "accepted": 5, "rejected": 0,
      "diagnostics": [d("value_normalized", "warning", 5, "Fecha de reporte")],
      "entries": [
        {"id": "a", "reported_on": "2024-05-02"},
        {"id": "b", "reported_on": "2024-05-02", "start": "2024-03-01", "end": "2024-03-15"},
        {"id": "c", "reported_on": "2024-05-02"},
        {"id": "d", "reported_on": "2024-05-25"},
        {"id": "e", "reported_on": "2024-05-02"}]},
     "ID,País,Institución,Fecha de reporte,Tipo,Título,Estado,Fecha de inicio,Fecha de fin\n"
     "a,MX,X,2024-05-02,Evento,t,En curso,,\n"
     "b,MX,X,02/05/2024,Evento,t,En curso,1/3/2024,15.03.2024\n"
     "c,MX,X,45414,Evento,t,En curso,,\n"
     "d,MX,X,05/25/2024,Evento,t,En curso,,\n"
     "e,MX,X,2024-05-02 10:30:00,Evento,t,En curso,,\n")

case("import-bad-dates",
     "Impossible and unreadable report dates and a missing one reject their rows (a required field); an end before the start keeps the row without its end date.",
     "import_csv",
     {"rows_read": 5, "accepted": 2, "rejected": 3, "rejected_rows": [2, 3, 6],
      "rows_with_dropped_values": 1,
      "diagnostics": [
        d("invalid_date", "error", 2, "Fecha de reporte"),
        d("invalid_date", "error", 3, "Fecha de reporte"),
        d("end_before_start", "warning", 4, "Fecha de fin", dropped=True),
        d("missing_field", "error", 6, "Fecha de reporte")],
      "entries": [{"id": "c", "start": "2024-06-01", "end": None}, {"id": "d"}]},
     "ID;País;Institución;Fecha de reporte;Tipo;Título;Estado;Fecha de inicio;Fecha de fin\n"
     "a;MX;X;31/02/2024;Evento;t;En curso;;\n"
     "b;MX;X;ayer;Evento;t;En curso;;\n"
     "c;MX;X;2024-05-02;Evento;t;En curso;2024-06-01;2024-05-01\n"
     "d;MX;X;2024-05-02;Evento;t;En curso;;\n"
     "e;MX;X;;Evento;t;En curso;;\n")

case("import-percentages-in-percent",
     "45, 45%, 12,5 %, 1% and 0 are percentages; in such a column a bare 1 is 1 % (value_normalized) and a bare 0.45 is ambiguous: left out, like an out-of-range or unreadable value, and the rows are kept.",
     "import_csv",
     {"rows_read": 9, "accepted": 9, "rejected": 0, "rejected_rows": [],
      "rows_with_dropped_values": 3,
      "diagnostics": [
        d("ambiguous_percentage", "warning", 5, "Avance (%)", dropped=True),
        d("out_of_range", "warning", 6, "Avance (%)", dropped=True),
        d("invalid_number", "warning", 7, "Avance (%)", dropped=True),
        d("value_normalized", "warning", 10, "Avance (%)")],
      "entries": [{"id": "a", "progress": 45}, {"id": "b", "progress": 45}, {"id": "c", "progress": 12.5},
                  {"id": "d", "progress": None}, {"id": "e", "progress": None}, {"id": "f", "progress": None},
                  {"id": "g", "progress": 1}, {"id": "h", "progress": 0}, {"id": "i", "progress": 1}]},
     "ID;País;Institución;Fecha;Tipo;Título;Estado;Avance (%)\n"
     "a;MX;X;2024-01-01;Avance;t;En curso;45\n"
     "b;MX;X;2024-01-01;Avance;t;En curso;45%\n"
     "c;MX;X;2024-01-01;Avance;t;En curso;12,5 %\n"
     "d;MX;X;2024-01-01;Avance;t;En curso;0.45\n"
     "e;MX;X;2024-01-01;Avance;t;En curso;150\n"
     "f;MX;X;2024-01-01;Avance;t;En curso;mucho\n"
     "g;MX;X;2024-01-01;Avance;t;En curso;1%\n"
     "h;MX;X;2024-01-01;Avance;t;En curso;0\n"
     "i;MX;X;2024-01-01;Avance;t;En curso;1\n")

case("import-fraction-column",
     "When every progress value is a bare number in [0, 1] the column holds fractions: 0.45 is 45%.",
     "import_csv",
     {"rows_read": 5, "accepted": 5, "rejected": 0,
      "diagnostics": [d("progress_as_fraction", "info", None, "Avance (%)")],
      "entries": [{"id": "a", "progress": 45}, {"id": "b", "progress": 100}, {"id": "c", "progress": 30},
                  {"id": "d", "progress": None}, {"id": "e", "progress": 0}]},
     "ID;País;Institución;Fecha;Tipo;Título;Estado;Avance (%)\n"
     "a;MX;X;2024-01-01;Avance;t;En curso;0.45\n"
     "b;MX;X;2024-01-01;Avance;t;En curso;1\n"
     "c;MX;X;2024-01-01;Avance;t;En curso;0,3\n"
     "d;MX;X;2024-01-01;Avance;t;En curso;\n"
     "e;MX;X;2024-01-01;Avance;t;En curso;0\n")

case("import-bad-country",
     "A misspelt country (with a suggestion), an unknown one and a blank one are rejected; an alias is accepted.",
     "import_csv",
     {"rows_read": 4, "accepted": 1, "rejected": 3, "rejected_rows": [2, 3, 5],
      "diagnostics": [
        d("unknown_code", "error", 2, "País", suggestion="MEX"),
        d("unknown_code", "error", 3, "País"),
        d("missing_field", "error", 5, "País")],
      "entries": [{"id": "c", "country": "DOM"}]},
     H7 + "\n"
     "a;Mexco;X;2024-01-01;Evento;t;En curso\n"
     "b;Atlantis;X;2024-01-01;Evento;t;En curso\n"
     "c;Rep. Dominicana;X;2024-01-01;Evento;t;En curso\n"
     "d;;X;2024-01-01;Evento;t;En curso\n")

case("import-blank-lines",
     "Blank lines, lines of bare delimiters and whitespace-only lines are skipped and not counted; row numbers stay those of the sheet.",
     "import_csv",
     {"rows_read": 3, "accepted": 2, "rejected": 1, "rejected_rows": [6],
      "diagnostics": [d("unknown_code", "error", 6, "Estado")],
      "entries": [{"id": "a"}, {"id": "c"}]},
     H7 + "\n\n"
     "a;MX;X;2024-01-01;Evento;t;En curso\n"
     ";;;;;;\n"
     "\n"
     "b;GT;X;2024-01-01;Evento;t;Mal\n"
     "   \n"
     "c;HN;X;2024-01-01;Evento;t;En curso\n")

case("import-extra-columns",
     "An unknown column is reported once as a warning and ignored; cells beyond the header are ignored.",
     "import_csv",
     {"rows_read": 2, "accepted": 2, "rejected": 0,
      "diagnostics": [d("unknown_column", "warning", 1, "Observaciones")],
      "entries": [{"id": "a", "country": "MEX"}, {"id": "b", "country": "GTM"}]},
     "ID,País,Institución,Fecha,Tipo,Título,Estado,Observaciones,\n"
     "a,MX,X,2024-01-01,Evento,t,En curso,nota,\n"
     "b,GT,X,2024-01-01,Evento,t,En curso,,,extra\n")

case("import-duplicate-ids",
     "A repeated id is rejected with duplicate_id; an id whose first row was rejected is free to use.",
     "import_csv",
     {"rows_read": 5, "accepted": 3, "rejected": 2, "rejected_rows": [4, 5],
      "diagnostics": [d("duplicate_id", "error", 4, "ID"), d("unknown_code", "error", 5, "País")],
      "entries": [{"id": "X-1", "country": "MEX"}, {"id": "X-2"}, {"id": "X-3", "country": "MEX"}]},
     H7 + "\n"
     "X-1;MX;A;2024-01-01;Evento;t;En curso\n"
     "X-2;MX;A;2024-01-01;Evento;t;En curso\n"
     "X-1;GT;B;2024-01-02;Evento;t2;En curso\n"
     "X-3;Mexco;A;2024-01-01;Evento;t;En curso\n"
     "X-3;MX;A;2024-01-01;Evento;t;En curso\n")

STRICT_CSV = ("ID,País,Institución,Fecha,Tipo,Título,Estado,Lineamientos,Observaciones\n"
              "a,MX,X,05/25/2024,Evento,t,En curso,,n\n"
              "b,MX,X,2024-01-01,Evento,t,En curso,DAT-3,\n"
              "c,MX,X,2024-01-01,Evento,t,En curso,VCM-1,\n")

case("import-warnings-keep-rows",
     "A month-first date and a retired guideline (with its replacement suggested) are warnings: the rows are kept.",
     "import_csv",
     {"rows_read": 3, "accepted": 3, "rejected": 0,
      "diagnostics": [d("unknown_column", "warning", 1, "Observaciones"),
                      d("value_normalized", "warning", 2, "Fecha"),
                      d("retired_guideline", "warning", 3, "Lineamientos", suggestion="DAT-4")],
      "entries": [{"id": "a", "reported_on": "2024-05-25"}, {"id": "b", "guidelines": ["DAT-3"]}, {"id": "c"}]},
     STRICT_CSV)

case("import-strict-mode",
     "Strict mode turns row warnings into rejections (file-level warnings stay warnings).",
     "import_csv",
     {"rows_read": 3, "accepted": 1, "rejected": 2, "rejected_rows": [2, 3],
      "diagnostics": [d("unknown_column", "warning", 1, "Observaciones"),
                      d("value_normalized", "error", 2, "Fecha"),
                      d("retired_guideline", "error", 3, "Lineamientos", suggestion="DAT-4")],
      "entries": [{"id": "c"}]},
     STRICT_CSV, options={"strict": True})

case("import-missing-column",
     "Without a required column no row can be accepted: one missing_column finding, every row counted as rejected.",
     "import_csv",
     {"rows_read": 2, "accepted": 0, "rejected": 2, "rejected_rows": [2, 3],
      "diagnostics": [d("missing_column", "error", 1, "Estado")], "entries": []},
     "ID;País;Institución;Fecha;Tipo;Título\n"
     "a;MX;X;2024-01-01;Evento;t\n"
     "b;GT;X;2024-01-01;Evento;t\n")

case("import-title-row-before-header",
     "A title row above the header is skipped (reported as info); data rows keep their sheet numbers.",
     "import_csv",
     {"rows_read": 1, "accepted": 1, "rejected": 0,
      "diagnostics": [d("preamble_skipped", "info", 1, None)],
      "entries": [{"id": "R3", "country": "MEX", "progress": 50}]},
     "Matriz de seguimiento 2024;;;;;;\n"
     "País;Institución;Fecha;Tipo;Título;Estado;Avance\n"
     "México;X;2024-01-01;Evento;t;En curso;50\n")

case("import-multivalued-cells",
     "Guidelines and stages separated by ;, , or |; the axis is taken from the first guideline when blank; unknown items are left out (the known ones of the cell are kept) and the row is kept.",
     "import_csv",
     {"rows_read": 4, "accepted": 4, "rejected": 0, "rejected_rows": [],
      "rows_with_dropped_values": 2,
      "diagnostics": [d("unknown_guideline", "warning", 4, "Lineamientos", dropped=True),
                      d("unknown_code", "warning", 4, "Etapas", dropped=True),
                      d("unknown_guideline", "warning", 5, "Lineamientos", dropped=True)],
      "entries": [{"id": "a", "axis": "VCM", "guidelines": ["VCM-1", "VCM-2"], "stages": ["origin", "transit"]},
                  {"id": "b", "axis": "EMP", "guidelines": ["EMP-1"], "stages": ["destination", "return"]},
                  {"id": "c", "axis": None, "guidelines": [], "stages": []},
                  {"id": "e", "axis": "VCM", "guidelines": ["VCM-2"], "stages": ["origin"]}]},
     "ID,País,Institución,Fecha,Tipo,Título,Estado,Eje,Lineamientos,Etapas\n"
     "a,MX,X,2024-01-01,Evento,t,En curso,,\"VCM-1; VCM-2\",Origen|Tránsito\n"
     "b,MX,X,2024-01-01,Evento,t,En curso,EMP,emp 1,destino; retorno\n"
     "c,MX,X,2024-01-01,Evento,t,En curso,,VCM-9,Luna\n"
     "e,MX,X,2024-01-01,Evento,t,En curso,,\"VCM-99; VCM-2\",origen\n")

case("import-participants",
     "Counts with thousands spaces and spreadsheet decimals are read; a negative or non-numeric count is left out and the row kept (the other counts of the row stay).",
     "import_csv",
     {"rows_read": 4, "accepted": 4, "rejected": 0, "rejected_rows": [],
      "rows_with_dropped_values": 2,
      "diagnostics": [d("out_of_range", "warning", 3, "Mujeres", dropped=True),
                      d("invalid_number", "warning", 4, "Mujeres", dropped=True)],
      "entries": [{"id": "a", "participants": {"women": 120, "men": 80, "girls": 1200, "boys": 0}},
                  {"id": "b", "participants": {"men": 5}},
                  {"id": "c", "participants": {}},
                  {"id": "d", "participants": {"women": 12, "unspecified": 7}}]},
     "ID;País;Institución;Fecha;Tipo;Título;Estado;Mujeres;Hombres;Niñas;Niños;Sin desagregar\n"
     "a;MX;X;2024-01-01;Evento;t;En curso;120;80;1 200;0;\n"
     "b;MX;X;2024-01-01;Evento;t;En curso;-3;5;;;\n"
     "c;MX;X;2024-01-01;Evento;t;En curso;muchas;;;;\n"
     "d;MX;X;2024-01-01;Evento;t;En curso;12.0;;;;7\n")

BAD_OPTIONALS_CSV = (
    "ID;País;Institución;Fecha;Tipo;Título;Estado;Lineamientos;Avance (%);Mujeres;Fecha de inicio;Replicable\n"
    "a;GT;X;2024-01-01;Avance;t;En curso;VCM-1;45;10;2024-01-01;sí\n"
    "b;GT;X;2024-01-01;Avance;t;En curso;VCM-1;45%;12;;no\n"
    "c;GT;X;2024-01-01;Avance;t;En curso;VCM-1;1;8;;\n"
    "d;GT;X;2024-01-01;Avance;t;En curso;VCM-1;30;-4;;\n"
    "e;GT;X;2024-01-01;Avance;t;En curso;XYZ-7;60;3;;\n"
    "f;GT;X;2024-01-01;Avance;t;En curso;VCM-2;70;5;30/02/2024;quizás\n"
    "g;XX;X;2024-01-01;Avance;t;En curso;VCM-2;70;5;;\n")

case("import-bad-optional-values",
     "A partner file with bad optional values keeps every row that has its required fields: a bare 1 in a percent column is 1 %, a negative count, an unknown guideline, an impossible start date and a bad yes/no are left out with a warning each; only the row with an unknown country (required) is rejected.",
     "import_csv",
     {"rows_read": 7, "accepted": 6, "rejected": 1, "rejected_rows": [8],
      "rows_with_dropped_values": 3,
      "diagnostics": [d("value_normalized", "warning", 4, "Avance (%)"),
                      d("out_of_range", "warning", 5, "Mujeres", dropped=True),
                      d("unknown_guideline", "warning", 6, "Lineamientos", dropped=True),
                      d("invalid_date", "warning", 7, "Fecha de inicio", dropped=True),
                      d("invalid_value", "warning", 7, "Replicable", dropped=True),
                      d("unknown_code", "error", 8, "País")],
      "entries": [{"id": "a", "progress": 45, "participants": {"women": 10}, "replicable": True},
                  {"id": "b", "progress": 45, "replicable": False},
                  {"id": "c", "progress": 1, "participants": {"women": 8}},
                  {"id": "d", "progress": 30, "participants": {}},
                  {"id": "e", "guidelines": [], "participants": {"women": 3}},
                  {"id": "f", "start": None, "replicable": None, "guidelines": ["VCM-2"]}]},
     BAD_OPTIONALS_CSV)

case("import-bad-optional-values-strict",
     "The same file in strict mode: every row with a bad or doubtful value is rejected, as before the drop policy.",
     "import_csv",
     {"rows_read": 7, "accepted": 2, "rejected": 5, "rejected_rows": [4, 5, 6, 7, 8],
      "rows_with_dropped_values": 0,
      "diagnostics": [d("value_normalized", "error", 4, "Avance (%)"),
                      d("out_of_range", "error", 5, "Mujeres"),
                      d("unknown_guideline", "error", 6, "Lineamientos"),
                      d("invalid_date", "error", 7, "Fecha de inicio"),
                      d("invalid_value", "error", 7, "Replicable"),
                      d("unknown_code", "error", 8, "País")],
      "entries": [{"id": "a"}, {"id": "b"}]},
     BAD_OPTIONALS_CSV, options={"strict": True})

case("import-progress-ones-ambiguous",
     "A progress column of bare 0s and 1s gives no evidence either way (1 = 100 % or 1 %?): each 1 is ambiguous, left out with a warning; 0 is 0.",
     "import_csv",
     {"rows_read": 3, "accepted": 3, "rejected": 0, "rows_with_dropped_values": 2,
      "diagnostics": [d("ambiguous_percentage", "warning", 2, "Avance", dropped=True),
                      d("ambiguous_percentage", "warning", 4, "Avance", dropped=True)],
      "entries": [{"id": "a", "progress": None}, {"id": "b", "progress": 0}, {"id": "c", "progress": None}]},
     "ID;País;Institución;Fecha;Tipo;Título;Estado;Avance\n"
     "a;MX;X;2024-01-01;Avance;t;En curso;1\n"
     "b;MX;X;2024-01-01;Avance;t;En curso;0\n"
     "c;MX;X;2024-01-01;Avance;t;En curso;1\n")

case("import-unbalanced-quote",
     "An unclosed quote swallows the rest of the file: the row is rejected with unbalanced_quote instead of losing data silently.",
     "import_csv",
     {"rows_read": 1, "accepted": 0, "rejected": 1, "rejected_rows": [2],
      "diagnostics": [d("unbalanced_quote", "error", 2, "Título"), d("missing_field", "error", 2, "Estado")]},
     "ID,País,Institución,Fecha,Tipo,Título,Estado\n"
     "a,MX,X,2024-01-01,Evento,\"t sin cierre,En curso\n"
     "b,GT,X,2024-01-01,Evento,t,En curso\n")

case("import-english-aliases",
     "English header aliases and value synonyms (success story, best practice, finished).",
     "import_csv",
     {"rows_read": 3, "accepted": 3, "rejected": 0, "diagnostics": [],
      "entries": [{"id": "R2", "country": "DOM", "entry_type": "success_case", "status": "ongoing", "axis": "VCM"},
                  {"id": "R3", "country": "MEX", "entry_type": "good_practice", "status": "completed", "axis": "VCM"},
                  {"id": "R4", "country": "CAN", "entry_type": "training", "status": "cancelled", "axis": "EMP"}]},
     "Country,Institution,Date,Type,Title,Status,Axis\n"
     "Dominican Republic,A,2024-01-01,Success story,t,In progress,VCM\n"
     "mexico,B,2024-01-01,best practice,t,finished,vcm\n"
     "Canada,C,2024-01-01,Training,t,Cancelled,emp\n")

case("import-guideline-version-2017",
     "With guideline_version 2017, DAT-3 is in force: no retired_guideline warning.",
     "import_csv",
     {"rows_read": 1, "accepted": 1, "rejected": 0, "diagnostics": [],
      "entries": [{"guidelines": ["DAT-3"], "axis": "DAT"}]},
     "País,Institución,Fecha,Tipo,Título,Estado,Lineamientos\nMX,X,2024-01-01,Evento,t,En curso,DAT-3\n",
     options={"guideline_version": "2017"})

case("import-empty-file",
     "An empty file reads zero rows and names every missing required column.",
     "import_csv",
     {"rows_read": 0, "accepted": 0, "rejected": 0,
      "diagnostics": [d("missing_column", "error", 1, c) for c in
                      ["País", "Institución informante", "Fecha de reporte", "Tipo de registro", "Título", "Estado"]]},
     "")

P = ("ID;País;Institución;Fecha;Tipo;Título;Estado;Eje;Lineamientos;Avance;Mujeres;Niñas;Actividad;Aprobado\n"
     "1;MX;INMUJERES;2024-01-15;Avance;t;En curso;VCM;VCM-1;20;12;3;A1;sí\n"
     "2;MX;INMUJERES;2024-04-10;Avance;t;En curso;VCM;VCM-1;60;4;;A1;sí\n"
     "3;MX;SRE;2024-02-01;Evento;t;Completada;EMP;EMP-1;100;30;;;no\n"
     "4;GT;SEPREM;2024-05-20;Buena práctica;t;En curso;VCM;VCM-1|VCM-2;50;2;1;;sí\n"
     "5;GT;SEPREM;2024-08-01;Capacitación;t;Completada;EMP;EMP-2;100;40;;;sí\n"
     "6;HN;SEDH;2024-03-03;Avance;t;Planificada;VCM;VCM-3;0;;;;no\n")

def spec(rows, cols, measure, period=None, k=None, approved=False):
    return {"rows": rows, "cols": cols, "measure": measure, "period": period,
            "suppress_below": k, "approved_only": approved}

def cell(r, c, v, s=None, reason=None):
    x = {"row": r, "col": c, "value": v}
    if s is not None:
        x["suppressed"] = s
    # `reason` (primary / secondary) is known to the publisher only: not in any output, so
    # not in the vectors (a "primary" flag would tell that the count is between 1 and k - 1).
    return x

case("pivot-country-axis-count", "Entries by country and axis, with totals.", "pivot",
     {"rows": [["GTM"], ["HND"], ["MEX"]], "cols": [["EMP"], ["VCM"]],
      "cells": [cell(["GTM"], ["EMP"], 1), cell(["GTM"], ["VCM"], 1), cell(["HND"], ["VCM"], 1),
                cell(["MEX"], ["EMP"], 1), cell(["MEX"], ["VCM"], 2)],
      "row_totals": [{"row": ["GTM"], "value": 2}, {"row": ["HND"], "value": 1}, {"row": ["MEX"], "value": 3}],
      "col_totals": [{"col": ["EMP"], "value": 2}, {"col": ["VCM"], "value": 4}],
      "grand_total": 6},
     P, pivot=spec(["country"], ["axis"], "count"))

case("pivot-women-suppression", "Women by country and axis with k=5: one primary cell, secondary cells until no line has a single suppressed cell; totals exact.", "pivot",
     {"cells": [cell(["GTM"], ["EMP"], None, True, "secondary"), cell(["GTM"], ["VCM"], None, True, "primary"),
                cell(["HND"], ["VCM"], None, False), cell(["MEX"], ["EMP"], None, True, "secondary"),
                cell(["MEX"], ["VCM"], None, True, "secondary")],
      "row_totals": [{"row": ["GTM"], "value": 42}, {"row": ["HND"], "value": None}, {"row": ["MEX"], "value": 46}],
      "col_totals": [{"col": ["EMP"], "value": 70}, {"col": ["VCM"], "value": 18}],
      "grand_total": 88},
     P, pivot=spec(["country"], ["axis"], "participants_women", k=5))

Q = ("País;Institución;Fecha;Tipo;Título;Estado;Mujeres\n"
     "MX;A;2024-01-01;Evento;t;En curso;3\nMX;A;2024-01-01;Capacitación;t;En curso;20\nMX;A;2024-01-01;Campaña;t;En curso;25\n"
     "GT;A;2024-01-01;Evento;t;En curso;8\nGT;A;2024-01-01;Capacitación;t;En curso;30\nGT;A;2024-01-01;Campaña;t;En curso;9\n"
     "HN;A;2024-01-01;Evento;t;En curso;10\nHN;A;2024-01-01;Capacitación;t;En curso;6\nHN;A;2024-01-01;Campaña;t;En curso;40\n")

case("pivot-suppression-3x3", "Secondary suppression chosen by the audit: the primary MEX x event (3) can be anything from 0 to 13 given what is published (k = 5 above, down to 0 below), with three secondary cells.", "pivot",
     {"cols": [["campaign"], ["event"], ["training"]],
      "cells": [cell(["GTM"], ["campaign"], 9, False), cell(["GTM"], ["event"], 8, False),
                cell(["GTM"], ["training"], 30, False),
                cell(["HND"], ["campaign"], 40, False), cell(["HND"], ["event"], None, True, "secondary"),
                cell(["HND"], ["training"], None, True, "secondary"),
                cell(["MEX"], ["campaign"], 25, False), cell(["MEX"], ["event"], None, True, "primary"),
                cell(["MEX"], ["training"], None, True, "secondary")],
      "row_totals": [{"row": ["GTM"], "value": 47}, {"row": ["HND"], "value": 56}, {"row": ["MEX"], "value": 48}],
      "col_totals": [{"col": ["campaign"], "value": 74}, {"col": ["event"], "value": 21}, {"col": ["training"], "value": 56}],
      "grand_total": 151},
     Q, pivot=spec(["country"], ["entry_type"], "participants_women", k=5))

case("pivot-no-suppression-needed", "With k=3 no cell is below the threshold (3 is not below 3): nothing is suppressed.", "pivot",
     {"cells": [cell(["GTM"], [], 47, False), cell(["HND"], [], 56, False), cell(["MEX"], [], 48, False)],
      "grand_total": 151},
     Q, pivot=spec(["country"], [], "participants_women", k=3))

case("pivot-guideline-multivalued", "An entry citing two guidelines counts in both rows but once in the column total and the grand total.", "pivot",
     {"rows": [["EMP-1"], ["EMP-2"], ["VCM-1"], ["VCM-2"], ["VCM-3"]],
      "cells": [cell(["EMP-1"], [], 1), cell(["EMP-2"], [], 1), cell(["VCM-1"], [], 3),
                cell(["VCM-2"], [], 1), cell(["VCM-3"], [], 1)],
      "col_totals": [{"col": [], "value": 6}], "grand_total": 6},
     P, pivot=spec(["guideline"], [], "count"))

case("pivot-approved-only", "Only entries approved by the CRM are counted.", "pivot",
     {"cells": [cell(["GTM"], [], 2), cell(["MEX"], [], 2)], "grand_total": 4},
     P, pivot=spec(["country"], [], "count", approved=True))

case("pivot-axis-quarter-mean-progress", "Mean progress by axis and quarter; totals are means over the entries, not means of cells.", "pivot",
     {"cols": [["2024-Q1"], ["2024-Q2"], ["2024-Q3"]],
      "cells": [cell(["EMP"], ["2024-Q1"], 100), cell(["EMP"], ["2024-Q3"], 100),
                cell(["VCM"], ["2024-Q1"], 10), cell(["VCM"], ["2024-Q2"], 55)],
      "row_totals": [{"row": ["EMP"], "value": 100}, {"row": ["VCM"], "value": 32.5}],
      "col_totals": [{"col": ["2024-Q1"], "value": 40}, {"col": ["2024-Q2"], "value": 55}, {"col": ["2024-Q3"], "value": 100}],
      "grand_total": 55},
     P, pivot=spec(["axis"], ["period"], "mean_progress", period="quarter"))

case("pivot-last-progress", "Last progress takes the latest report per activity (A1: 60, not 20 and 60), entries without activity count alone.", "pivot",
     {"cells": [cell(["GTM"], [], 75), cell(["HND"], [], 0), cell(["MEX"], [], 80)], "grand_total": 62},
     P, pivot=spec(["country"], [], "last_progress"))

case("pivot-distinct-institutions", "Distinct institutions per axis; the grand total counts each institution once.", "pivot",
     {"cells": [cell(["EMP"], [], 2), cell(["VCM"], [], 3)], "grand_total": 4},
     P, pivot=spec(["axis"], [], "distinct_institutions"))

case("pivot-participants-by-year", "Sum of all participants by country and year; a country that reports no counts has an empty value.", "pivot",
     {"cells": [cell(["GTM"], ["2024"], 43), cell(["HND"], ["2024"], None), cell(["MEX"], ["2024"], 49)],
      "col_totals": [{"col": ["2024"], "value": 92}], "grand_total": 92},
     P, pivot=spec(["country"], ["period"], "participants", period="year"))

C = ("País;Institución;Fecha;Tipo;Título;Estado\n"
     "MX;A;2018-06-01;Evento;t;En curso\nMX;A;2019-01-10;Evento;t;En curso\nMX;A;2020-05-05;Evento;t;En curso\n"
     "MX;A;2022-01-01;Evento;t;En curso\nMX;A;2024-01-01;Evento;t;En curso\n")

case("pivot-congress-cycle", "Congress cycles start at each edition whose date is known: I 2018-12-18, II 2019-12-03, III known only by its year (2021, from 1 January), V 2023-07-06; IV and VI have no known date and are skipped.", "pivot",
     {"rows": [["pre-I"], ["I"], ["II"], ["III"], ["V"]],
      "cells": [cell(["pre-I"], [], 1), cell(["I"], [], 1), cell(["II"], [], 1), cell(["III"], [], 1),
                cell(["V"], [], 1)],
      "grand_total": 5},
     C, pivot=spec(["congress_cycle"], [], "count"))

# A catalogue whose congresses are known to the day, the month or the year only: III and IV
# are separate cycles (an agency that knows IV's year records it; the embedded catalogue
# does not, the sources do not confirm it).
CYCLE_CATALOG = {
    "version": "vector-congress-years",
    "title": {"es": "Catálogo de prueba (ficticio)", "en": "Test catalogue (fictitious)"},
    "countries": [{"iso3": "MEX", "iso2": "MX", "name": {"es": "México", "en": "Mexico"}, "role": "member"}],
    "congresses": [
        {"edition": 2, "start": "2019-12-03", "end": "2019-12-05"},
        {"edition": 3, "year": 2021},
        {"edition": 4, "year": 2022, "month": 9},
        {"edition": 5, "start": "2023-07-06"},
    ],
}
CY = ("País;Institución;Fecha;Tipo;Título;Estado\n"
      "MX;A;2019-06-01;Evento;t;En curso\nMX;A;2020-12-31;Evento;t;En curso\nMX;A;2021-01-01;Evento;t;En curso\n"
      "MX;A;2022-08-31;Evento;t;En curso\nMX;A;2022-09-01;Evento;t;En curso\nMX;A;2023-07-05;Evento;t;En curso\n"
      "MX;A;2023-07-06;Evento;t;En curso\n")

case("pivot-congress-cycle-year-and-month", "Congress III known by its year opens its cycle on 2021-01-01, IV known by its month on 2022-09-01: III and IV are separate cycles, and each cycle ends the day before the next begins.", "pivot",
     {"rows": [["pre-II"], ["II"], ["III"], ["IV"], ["V"]],
      "cells": [cell(["pre-II"], [], 1), cell(["II"], [], 1), cell(["III"], [], 2), cell(["IV"], [], 2),
                cell(["V"], [], 1)],
      "grand_total": 7},
     CY, pivot=spec(["congress_cycle"], [], "count"), catalog=CYCLE_CATALOG)

I = ("País;Institución;Fecha;Tipo;Título;Estado\n"
     "GT;SEPREM;2024-01-01;Evento;t;En curso\n"
     "Guatemala;Secretaría Presidencial de la Mujer;2024-01-02;Evento;t;En curso\n"
     "GT;seprem;2024-01-03;Evento;t;En curso\n"
     "CR;INAMU;2024-01-04;Evento;t;En curso\n"
     "PA;Inamu;2024-01-05;Evento;t;En curso\n"
     "GT;ONU Mujeres;2024-01-06;Evento;t;En curso\n"
     "HN;UN-Women;2024-01-07;Evento;t;En curso\n"
     "GT;Secretaría ficticia (ejemplo);2024-01-08;Evento;t;En curso\n"
     "GT;Secretaría ficticia (ejemplo);2024-01-09;Evento;t;En curso\n")

case("import-institutions-canonical", "Spellings of one institution give its catalogue code; INAMU is Costa Rica's or Panama's by the row's country; ONU Mujeres is the organisation UN-WOMEN; an institution the catalogue does not know is kept as written with one warning, at its first row.", "import_csv",
     {"rows_read": 9, "accepted": 9, "rejected": 0,
      "diagnostics": [d("unknown_institution", "warning", 9, "Institución")],
      "entries": [{"institution": "GTM-SEPREM"}, {"institution": "GTM-SEPREM"}, {"institution": "GTM-SEPREM"},
                  {"institution": "CRI-INAMU"}, {"institution": "PAN-INAMU"}, {"institution": "UN-WOMEN"},
                  {"institution": "UN-WOMEN"}, {"institution": "Secretaría ficticia (ejemplo)"},
                  {"institution": "Secretaría ficticia (ejemplo)"}]},
     I)

case("pivot-institution-canonical", "The institution dimension counts an institution once whatever its spelling.", "pivot",
     {"rows": [["CRI-INAMU"], ["GTM-SEPREM"], ["PAN-INAMU"], ["Secretaría ficticia (ejemplo)"], ["UN-WOMEN"]],
      "cells": [cell(["CRI-INAMU"], [], 1), cell(["GTM-SEPREM"], [], 3), cell(["PAN-INAMU"], [], 1),
                cell(["Secretaría ficticia (ejemplo)"], [], 2), cell(["UN-WOMEN"], [], 2)],
      "grand_total": 9},
     I, pivot=spec(["institution"], [], "count"))

# Institutions that are not in the catalogue of national institutions are kept as written and
# reported once per (country, text), at their first row: a warning (never escalated by strict
# mode: the catalogue is deliberately partial). Added to the import vectors written before the
# catalogue existed; "MMujer" is close to the Dominican Ministerio de la Mujer.
# kind = pivot_partial: the data lines of input_csv split into partitions (0-based data line
# numbers; each partition a CSV of the header and its lines), a partial pivot per partition,
# merged in merge_order, finished: the same table as the pivot of the whole file (the
# expected values are those of the pivot case named).
def partial_case(name, description, of, partitions, merge_order):
    base = next(c for c in cases if c["name"] == of)
    case(name, description, "pivot_partial", base["expected"], base["input_csv"],
         pivot=base["pivot"], partitions=partitions, merge_order=merge_order)

partial_case("pivot-partial-last-progress",
             "Last progress merged from three partitions: activity A1's two reports are in different partitions, the later (60) wins.",
             "pivot-last-progress", [[0, 3], [1, 5], [2, 4]], [2, 1, 0])
partial_case("pivot-partial-guideline-multivalued",
             "Counts by guideline merged: the entry citing two guidelines counts in both rows, once in the grand total.",
             "pivot-guideline-multivalued", [[3], [0, 1, 2], [4, 5]], [1, 2, 0])
partial_case("pivot-partial-women-suppression",
             "Women by country and axis with k=5 merged from partitions whose own cells would all be suppressed or not: disclosure control is applied once, after the merge.",
             "pivot-women-suppression", [[0, 4], [1], [2, 3, 5]], [0, 2, 1])
partial_case("pivot-partial-distinct-institutions",
             "Distinct institutions merged as sets of codes: SEPREM in two partitions counts once; an empty partition changes nothing.",
             "pivot-distinct-institutions", [[3], [4, 0], [], [1, 2, 5]], [3, 2, 0, 1])
partial_case("pivot-partial-mean-progress",
             "Mean progress by axis and quarter merged as sums and counts: totals are means over all entries.",
             "pivot-axis-quarter-mean-progress", [[5, 1], [0, 2, 3, 4]], [1, 0])
partial_case("pivot-partial-approved-only",
             "Approved-only counts merged: the filter applies in every partition.",
             "pivot-approved-only", [[0, 1, 2], [3, 4, 5]], [0, 1])

UNKNOWN_INSTITUTIONS = {
    "import-es-semicolon-basic": [(4, "Institución informante")],
    "import-en-bom-comma": [(2, "Reporting institution", "DOM-MUJER"), (3, "Reporting institution")],
    "import-latin1": [(2, "Institución")],
    "import-date-formats": [(2, "Institución")],
    "import-bad-dates": [(2, "Institución")],
    "import-percentages-in-percent": [(2, "Institución")],
    "import-fraction-column": [(2, "Institución")],
    "import-bad-country": [(4, "Institución")],
    "import-blank-lines": [(3, "Institución"), (6, "Institución"), (8, "Institución")],
    "import-extra-columns": [(2, "Institución"), (3, "Institución")],
    "import-duplicate-ids": [(2, "Institución"), (4, "Institución")],
    "import-warnings-keep-rows": [(2, "Institución")],
    "import-strict-mode": [(2, "Institución")],
    "import-title-row-before-header": [(3, "Institución")],
    "import-multivalued-cells": [(2, "Institución")],
    "import-participants": [(2, "Institución")],
    "import-bad-optional-values": [(2, "Institución")],
    "import-bad-optional-values-strict": [(2, "Institución")],
    "import-progress-ones-ambiguous": [(2, "Institución")],
    "import-unbalanced-quote": [(2, "Institución")],
    "import-english-aliases": [(2, "Institution"), (3, "Institution"), (4, "Institution")],
    "import-guideline-version-2017": [(2, "Institución")],
}
for c in cases:
    for u in UNKNOWN_INSTITUTIONS.get(c["name"], []):
        extra = {"suggestion": u[2]} if len(u) > 2 else {}
        c["expected"]["diagnostics"].append(d("unknown_institution", "warning", u[0], u[1], **extra))

for c in cases:
    with open(os.path.join(HERE, c["name"] + ".json"), "w", encoding="utf-8") as f:
        json.dump(c, f, ensure_ascii=False, indent=1)
        f.write("\n")
print(len(cases), "vectors written")
