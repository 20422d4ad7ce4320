#!/usr/bin/env python3
"""Writes the messy sample CSV files of examples/data/ the way partners send them.

Every figure and every institution here is FICTITIOUS (ficticio): the institutions are named
"... ficticia/ficticio (ejemplo)" / "Fictitious ..." so that no invented figure is attributed
to a real institution. They are not in the catalogue of national institutions, so each import
warns once per institution (unknown_institution), which the tests expect.

matriz_seguimiento.csv : Spanish, ';', UTF-8 with BOM, CRLF, a title row above the header,
                         dd/mm/yyyy dates, '45%' percentages, an extra column, a blank row and
                         three bad rows (misspelt country, impossible date, repeated id) plus one
                         month-first date (a warning).
tracking_matrix_en.csv : English, ',', ISO dates, progress written as fractions (0.45), one row
                         with an unknown entry type.
The XLSX sample is written by `cargo run -p lineamientos --example make_sample_xlsx`.
Accounting expected by core/tests/matrix_samples.rs."""
import os
HERE = os.path.dirname(os.path.abspath(__file__))

countries = ["Guatemala", "México", "Honduras", "El Salvador", "Costa Rica", "Panamá",
             "República Dominicana", "Belice"]
inst = {c: f"Institución ficticia de la mujer ({c}, ejemplo)" for c in countries}
inst["Belice"] = "Fictitious Women's Department (example)"
types = ["Buena práctica", "Avance", "Capacitación", "Campaña", "Cambio normativo",
         "Caso de éxito", "Investigación", "Evento"]
axes = [("VCM", "VCM-1;VCM-2"), ("EMP", "EMP-1"), ("SER", "SER-2"), ("NNA", "NNA-1|NNA-2"),
        ("PRO", "PRO-1"), ("TRA", "TRA-2"), ("DAT", "DAT-1"), ("CUI", "CUI-1")]
status = ["En curso", "Completada", "Planificada", "en ejecución", "Finalizado"]
stages = ["Origen", "Tránsito", "Destino; Retorno", "Origen|Destino", ""]

header = ["ID", "País", "Institución informante", "Fecha de reporte", "Tipo de registro", "Título",
          "Descripción", "Eje temático", "Lineamientos", "Actividad del plan", "Etapas", "Estado",
          "Avance (%)", "Mujeres", "Hombres", "Niñas", "Niños", "Enlace de evidencia", "Replicable",
          "Aprobado", "Observaciones"]
rows = []
for i in range(24):
    c = countries[i % len(countries)]
    ax, gl = axes[(i * 3) % len(axes)]
    st = status[i % len(status)]
    prog = {"Completada": "100%", "Finalizado": "100%", "Planificada": "0%"}.get(st, f"{(i * 7) % 90 + 5}%")
    day, month = (i % 27) + 1, (i % 9) + 1
    rows.append([f"{c[:3].upper()}-2024-{i + 1:03d}", c, inst[c], f"{day:02d}/{month:02d}/2024",
                 types[i % len(types)], f"Iniciativa {i + 1}", "Descripción breve; con detalle",
                 ax, gl, f"ACT-{(i % 6) + 1}", stages[i % len(stages)], st, prog,
                 str(10 + i * 3), str(i % 4), str(i % 5 * 2), "" if i % 3 else "1",
                 f"https://example.org/evidencia/{i + 1}", "Sí" if i % 2 else "No",
                 "Sí" if i % 3 else "No", "" if i % 4 else "ver anexo"])
# the messy ones
rows[4][1] = "Guatemla"          # sheet row 7: misspelt country  -> rejected, suggestion GTM
rows[9][3] = "31/04/2024"        # sheet row 12: impossible date  -> rejected
rows[15][0] = rows[2][0]         # sheet row 19 (blank row 14 above): repeated id      -> rejected
rows[20][3] = "04/25/2024"       # sheet row 24: month-first date -> warning, kept
import csv
with open(os.path.join(HERE, "matriz_seguimiento.csv"), "w", encoding="utf-8-sig", newline="") as f:
    w = csv.writer(f, delimiter=";", lineterminator="\r\n")
    w.writerow(["Matriz de seguimiento de actividades y planificación - datos ficticios de ejemplo"] + [""] * (len(header) - 1))
    w.writerow(header)
    for i, r in enumerate(rows):
        w.writerow(r)
        if i == 10:
            w.writerow([""] * len(header))   # a blank row exported by Excel

en_header = ["Entry id", "Country", "Reporting institution", "Reported on", "Entry type", "Title",
             "Axis", "Guidelines", "Status", "Progress", "Women", "Girls", "Replicable"]
en_countries = ["Canada", "United States", "Mexico", "Guatemala", "Dominican Republic", "Panama"]
en_types = ["Good practice", "Progress", "Training", "Research", "Success story", "Campaign"]
en = []
for i in range(12):
    ax, gl = axes[i % len(axes)]
    en.append([f"EN-{i + 1}", en_countries[i % 6], f"Fictitious Agency {i % 4} (example)", f"2024-{(i % 12) + 1:02d}-15",
               en_types[i % 6], f"Initiative {i + 1}", ax, gl.replace(";", ",").replace("|", ","),
               ["Ongoing", "Completed", "Planned"][i % 3], ["0.45", "1", "0"][i % 3],
               str(5 + i), str(i % 3), "yes" if i % 2 else "no"])
en[7][4] = "Webinar"               # row 9: unknown entry type -> rejected
with open(os.path.join(HERE, "tracking_matrix_en.csv"), "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(en_header)
    w.writerows(en)
print("written")
