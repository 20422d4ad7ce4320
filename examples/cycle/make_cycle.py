#!/usr/bin/env python3
"""Writes the bundled ILLUSTRATIVE congress cycle of examples/cycle/ (fictitious data).

Everything here is invented for demonstrations and training: the institutions ("Instituto
Ficticio ..."), the people, the plans, the agreements and every figure of the matrix. Real
countries and axes are used so that the data can be read against the embedded catalogue; no
figure is attributed to a real institution. The cycle is marked `"provenance":
"illustrative"`, so every report built on it carries a banner saying so.

The output is deterministic (a seeded generator): run from anywhere
    python3 examples/cycle/make_cycle.py
and commit the three files it writes: cycle.json, matrix.csv, focal_points.json.
"""
import csv, datetime, io, json, os, random

HERE = os.path.dirname(os.path.abspath(__file__))
rng = random.Random(20231106)

MEMBERS = ["BLZ", "CAN", "CRI", "SLV", "USA", "GTM", "HND", "MEX", "NIC", "PAN", "DOM"]
# Countries that report in this fictitious cycle (two stay silent: a gap the report shows).
REPORTING = ["CRI", "SLV", "GTM", "HND", "MEX", "PAN", "DOM", "BLZ", "CAN"]
START, END = datetime.date(2023, 7, 10), datetime.date(2024, 6, 28)
AS_OF = "2024-06-30"


def d(y, m, day):
    return datetime.date(y, m, day).isoformat()


def institution(country, sector):
    return f"Instituto Ficticio de {'la Mujer' if sector == 'women' else 'Migración'} ({country})"


def activity(aid, title, kind, start, end, lead, guidelines, indicator, participants=()):
    return {"id": aid, "title": title, "kind": kind, "start": start, "end": end, "lead": lead,
            "participants": list(participants), "guidelines": guidelines, "indicators": [indicator]}


people = lambda name, target: {"name": name, "unit": "personas", "baseline": 0, "target": target}
docs = lambda name, target: {"name": name, "unit": "documentos", "baseline": 0, "target": target}

plans = [
    {"id": "plan-vcm-v", "title": "Plan de trabajo de la mesa VCM (ficticio)", "working_group": "mesa-vcm",
     "congress": 5, "axis": "VCM", "period": {"start": d(2023, 8, 1), "end": d(2024, 7, 31)},
     "guideline_version": "2023", "activities": [
        activity("vcm-01", "Webinar regional sobre rutas de atención", "webinar", d(2023, 9, 12), d(2023, 9, 12),
                 "MEX", ["VCM-1"], people("Personas capacitadas", 120), ["GTM", "HND", "SLV", "IOM"]),
        activity("vcm-02", "Protocolo regional de atención a sobrevivientes", "research", d(2023, 8, 1), d(2024, 7, 31),
                 "CRI", ["VCM-2"], docs("Protocolo publicado", 1)),
        activity("vcm-03", "Campaña de información en puntos fronterizos", "campaign", d(2023, 10, 1), d(2024, 3, 31),
                 "GTM", ["VCM-1", "VCM-3"], people("Mujeres informadas", 2000)),
        activity("vcm-04", "Curso para personal consular", "training", d(2024, 2, 5), d(2024, 2, 9),
                 "PAN", ["VCM-3"], people("Funcionarias y funcionarios capacitados", 80), ["CRI", "DOM"]),
     ]},
    {"id": "plan-emp-v", "title": "Plan de trabajo de la mesa EMP (ficticio)", "working_group": "mesa-emp",
     "congress": 5, "axis": "EMP", "period": {"start": d(2023, 8, 1), "end": d(2024, 7, 31)},
     "guideline_version": "2023", "activities": [
        activity("emp-01", "Mapeo de programas de empleo para mujeres migrantes", "research", d(2023, 8, 15), d(2024, 1, 31),
                 "SLV", ["EMP-1"], docs("Mapeo regional", 1)),
        activity("emp-02", "Feria regional de emprendimiento", "meeting", d(2024, 4, 10), d(2024, 4, 20),
                 "HND", ["EMP-2"], people("Emprendedoras participantes", 300), ["GTM", "SLV"]),
        # A realistic mistake: no lead and a guideline of another version.
        activity("emp-03", "Guía de certificación de competencias", "research", d(2023, 11, 1), d(2024, 5, 31),
                 "", ["EMP-9"], docs("Guía publicada", 1)),
     ]},
    {"id": "plan-dat-v", "title": "Plan de trabajo de la mesa DAT (ficticio, en revisión)", "working_group": "mesa-dat",
     "congress": 5, "axis": "DAT", "period": {"start": d(2023, 8, 1), "end": d(2024, 7, 31)},
     "guideline_version": "2023", "activities": [
        activity("dat-01", "Armonización de variables de sexo y género en registros migratorios", "research",
                 d(2023, 9, 1), d(2024, 6, 30), "CAN", ["DAT-1", "DAT-4"], docs("Guía de variables", 1)),
        # A realistic mistake: an indicator without target.
        activity("dat-02", "Taller de análisis de datos con enfoque de género", "training", d(2024, 5, 6), d(2024, 5, 8),
                 "DOM", ["DAT-2"], {"name": "Personas capacitadas", "unit": "personas"}),
     ]},
]

approvals = [
    {"plan_id": "plan-vcm-v", "state": "approved", "trail": []},
    {"plan_id": "plan-emp-v", "state": "approved", "trail": []},
    {"plan_id": "plan-dat-v", "state": "returned_for_changes", "trail": []},
]

events = [
    {"id": "prep-v", "kind": "preparatory_webinar", "start": d(2023, 5, 16), "modality": "virtual",
     "topic": "Temas prioritarios del V Congreso (ficticio)", "organiser": "IOM", "priority_areas": ["VCM", "EMP", "DAT"],
     "attendance": [{"country": c, "institution": institution(c, "women"), "women": rng.randint(1, 4),
                     "men": rng.randint(0, 2), "new_staff": rng.randint(0, 1)} for c in MEMBERS[:8]]},
    {"id": "mesa-vcm-sesion", "kind": "working_table", "start": d(2023, 7, 6), "table": "mesa-vcm", "axis": "VCM",
     "modality": "in_person",
     "attendance": [{"country": c, "institution": institution(c, "women"), "women": rng.randint(2, 5), "men": rng.randint(0, 2)}
                    for c in ["CRI", "GTM", "MEX", "PAN", "HND"]]},
    {"id": "mesa-emp-sesion", "kind": "working_table", "start": d(2023, 7, 6), "table": "mesa-emp", "axis": "EMP",
     "modality": "in_person",
     "attendance": [{"country": c, "institution": institution(c, "women"), "women": rng.randint(2, 5), "men": rng.randint(0, 2)}
                    for c in ["SLV", "HND", "GTM", "DOM"]]},
    {"id": "mesa-dat-sesion", "kind": "working_table", "start": d(2023, 7, 7), "table": "mesa-dat", "axis": "DAT",
     "modality": "hybrid",
     "attendance": [{"country": c, "institution": institution(c, "migration"), "women": rng.randint(1, 3), "men": rng.randint(1, 3)}
                    for c in ["CAN", "USA", "MEX", "DOM"]]},
    {"id": "seg-1", "kind": "follow_up_webinar", "start": d(2023, 11, 14), "modality": "virtual",
     "topic": "Primer seguimiento de acuerdos (ficticio)", "organiser": "IOM", "agreements": ["ac-01", "ac-02", "ac-03"],
     "attendance": [{"country": c, "institution": institution(c, "women"), "women": rng.randint(1, 3), "men": rng.randint(0, 1)}
                    for c in REPORTING[:6]]},
    {"id": "seg-2", "kind": "follow_up_webinar", "start": d(2024, 3, 19), "modality": "virtual",
     "topic": "Segundo seguimiento de acuerdos (ficticio)", "organiser": "IOM", "agreements": ["ac-01", "ac-04"],
     "attendance": [{"country": c, "institution": institution(c, "women"), "women": rng.randint(1, 3), "men": rng.randint(0, 1)}
                    for c in REPORTING[:5]]},
    {"id": "cap-1", "kind": "training", "start": d(2024, 2, 5), "end": d(2024, 2, 9), "modality": "virtual",
     "topic": "Inducción para puntos focales nuevos (ficticio)", "organiser": "IOM",
     "attendance": [{"country": c, "institution": institution(c, "women"), "women": rng.randint(1, 3), "men": 0,
                     "new_staff": 1} for c in ["GTM", "HND", "SLV", "MEX"]]},
]

agreements = [
    {"id": "ac-01", "text": {"es": "Compartir los protocolos nacionales de atención a sobrevivientes",
                             "en": "Share the national care protocols for survivors"},
     "source": {"kind": "table", "id": "mesa-vcm"}, "axis": "VCM", "guidelines": ["VCM-2"], "responsible": ["CRI", "GTM"],
     "agreed_on": d(2023, 7, 7), "due": d(2023, 12, 15),
     "history": [{"status": "in_progress", "date": d(2023, 11, 14), "note": "dos protocolos recibidos"}]},
    {"id": "ac-02", "text": {"es": "Publicar el mapeo regional de programas de empleo", "en": "Publish the regional mapping of employment programmes"},
     "source": {"kind": "table", "id": "mesa-emp"}, "axis": "EMP", "guidelines": ["EMP-1"], "responsible": ["SLV"],
     "agreed_on": d(2023, 7, 7), "due": d(2024, 2, 29),
     "history": [{"status": "in_progress", "date": d(2023, 11, 14)}, {"status": "done", "date": d(2024, 2, 20)}],
     "evidence": [{"activity": "emp-01"}]},
    {"id": "ac-03", "text": {"es": "Proponer variables comunes de sexo y género para los registros"},
     "source": {"kind": "table", "id": "mesa-dat"}, "axis": "DAT", "guidelines": ["DAT-4"], "responsible": [],
     "agreed_on": d(2023, 7, 7), "due": d(2024, 3, 31)},
    {"id": "ac-04", "kind": "recommendation", "text": {"es": "Incluir a personal nuevo de los mecanismos de la mujer en las capacitaciones",
                                                         "en": "Include new staff of women's mechanisms in the trainings"},
     "source": {"kind": "congress"}, "axis": "FOR", "responsible": ["IOM"], "agreed_on": d(2023, 7, 7), "due": d(2024, 6, 30)},
    {"id": "ac-05", "text": {"es": "Elaborar una hoja de ruta de retorno seguro", "en": "Draft a safe-return roadmap"},
     "source": {"kind": "congress"}, "axis": "RET", "responsible": ["MEX"], "agreed_on": d(2023, 7, 7), "due": d(2024, 5, 31)},
]

cycle = {
    "congress": 5,
    "title": "Ciclo ilustrativo del V Congreso: datos ficticios",
    "provenance": "illustrative",
    "period": {"start": d(2023, 7, 6), "end": d(2024, 6, 30)},
    "tables": [{"id": "mesa-vcm", "axis": "VCM", "title": "Violencia contra las mujeres"},
               {"id": "mesa-emp", "axis": "EMP", "title": "Trabajo y empoderamiento económico"},
               {"id": "mesa-dat", "axis": "DAT", "title": "Datos con enfoque de género"}],
    "plans": plans, "approvals": approvals, "events": events, "agreements": agreements,
}

# ---- the tracking matrix: a few hundred rows ----
TYPES = ["Avance", "Buena práctica", "Cambio normativo", "Caso de éxito", "Investigación", "Campaña", "Evento", "Capacitación"]
AXES = {"VCM": ["VCM-1", "VCM-2", "VCM-3"], "EMP": ["EMP-1", "EMP-2", "EMP-3"], "DAT": ["DAT-1", "DAT-2", "DAT-4"],
        "CUI": ["CUI-1", "CUI-2"], "SER": ["SER-1", "SER-2"], "PRO": ["PRO-1", "PRO-2"], "NNA": ["NNA-1"]}
ACTS = {"VCM": ["vcm-01", "vcm-02", "vcm-03", "vcm-04"], "EMP": ["emp-01", "emp-02", "emp-03"], "DAT": ["dat-01"]}
# Reported progress per activity, in steps over the year (vcm-02 trails: behind target).
PROGRESS = {"vcm-02": [5, 10, 15, 20], "vcm-03": [20, 45, 70, 100], "emp-01": [30, 60, 100], "emp-03": [10, 30],
            "dat-01": [10, 25, 50, 70], "vcm-01": [100], "emp-02": [40], "vcm-04": [100]}
rows = []
days = (END - START).days
for i in range(320):
    country = rng.choice(REPORTING)
    axis = rng.choices(list(AXES), weights=[30, 22, 10, 8, 8, 6, 4])[0]
    when = START + datetime.timedelta(days=rng.randint(0, days))
    kind = rng.choice(TYPES)
    act = ""
    progress = ""
    status = rng.choice(["En curso", "En curso", "Completada", "Planificada"])
    if axis in ACTS and rng.random() < 0.35:
        act = rng.choice(ACTS[axis])
        kind = "Avance"
        steps = PROGRESS.get(act, [])
        if steps:
            frac = (when - START).days / days
            progress = str(steps[min(len(steps) - 1, int(frac * len(steps)))])
            status = "Completada" if progress == "100" else "En curso"
    women = rng.choice([0, 0, 1, 2, 3, 4, 6, 8, 12, 15, 25, 40])
    men = rng.choice([0, 0, 0, 1, 2, 3, 5])
    rows.append({
        "ID": f"F-{i + 1:04d}", "País": country, "Institución informante": institution(country, rng.choice(["women", "migration"])),
        "Fecha de reporte": when.strftime("%d/%m/%Y"), "Tipo de registro": kind,
        "Título": f"Registro ficticio {i + 1} ({axis})", "Eje temático": axis,
        "Lineamientos": ";".join(rng.sample(AXES[axis], k=1)), "Actividad del plan": act,
        "Estado": status, "Avance (%)": progress, "Mujeres": str(women) if women else "", "Hombres": str(men) if men else "",
        "Replicable": rng.choice(["Sí", "No", ""]),
    })
# A realistic mistake: a row naming an activity id with a typo.
rows[17]["Actividad del plan"] = "vcm-2"

with open(os.path.join(HERE, "cycle.json"), "w", encoding="utf-8") as f:
    json.dump(cycle, f, ensure_ascii=False, indent=1)
    f.write("\n")
buf = io.StringIO()
w = csv.DictWriter(buf, fieldnames=list(rows[0]), delimiter=";", lineterminator="\n")
w.writeheader()
w.writerows(rows)
with open(os.path.join(HERE, "matrix.csv"), "w", encoding="utf-8") as f:
    f.write(buf.getvalue())

focal = []
for n, c in enumerate(MEMBERS):
    for sector in ["women", "migration"]:
        if (c, sector) in [("NIC", "women"), ("NIC", "migration"), ("BLZ", "migration")]:
            continue  # no focal point: a coverage gap the report shows
        since = START + datetime.timedelta(days=rng.randint(-600, 200))
        confirmed = since + datetime.timedelta(days=rng.randint(0, 300))
        focal.append({"country": c, "institution": institution(c, sector), "sector": sector, "role": "enlace técnico",
                      "name": f"Persona Ficticia {n * 2 + (sector == 'migration') + 1}",
                      "email": f"persona{n * 2 + (sector == 'migration') + 1}@ejemplo.invalid",
                      "since": since.isoformat(), "last_confirmed": min(confirmed, END).isoformat()})
with open(os.path.join(HERE, "focal_points.json"), "w", encoding="utf-8") as f:
    json.dump(focal, f, ensure_ascii=False, indent=1)
    f.write("\n")
print(f"wrote cycle.json, matrix.csv ({len(rows)} rows), focal_points.json ({len(focal)} contacts); as of {AS_OF}")
