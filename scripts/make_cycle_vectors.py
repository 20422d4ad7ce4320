#!/usr/bin/env python3
"""Writes the congress-cycle golden vectors of tests/vectors/cycle/ (format: tests/vectors/README.md).

The inputs are below. The cycle-level expectations (activity states, table counts, agreements,
the approved general plan) are written by hand from docs/cycle.md; the exact list of findings
of each case is then checked with `BLESS=1 cargo test -p lineamientos --test vectors_cycle`,
which fills in `expected.diagnostics` only when a case has none. Run from anywhere:
    python3 scripts/make_cycle_vectors.py
"""
import copy, json, os, sys

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
OUT = os.path.join(ROOT, "tests", "vectors", "cycle")
os.makedirs(OUT, exist_ok=True)

# Fictitious data: institutions and people are invented.
CYCLE = {
 "congress": "V",
 "period": {
  "start": "2024-11-01",
  "end": "2025-10-31"
 },
 "tables": [
  {
   "id": "mesa-vcm",
   "axis": "VCM"
  },
  {
   "id": "mesa-emp",
   "axis": "trabajo, empoderamiento economico y medios de vida"
  },
  {
   "id": "mesa-x"
  }
 ],
 "plans": [
  {
   "id": "plan-vcm",
   "working_group": "mesa-vcm",
   "congress": 5,
   "axis": "VCM",
   "period": {
    "start": "2025-01-01",
    "end": "2025-12-31"
   },
   "guideline_version": "2023",
   "activities": [
    {
     "id": "vcm-1",
     "title": "Estudio regional de rutas de atención",
     "kind": "research",
     "start": "2025-01-01",
     "end": "2025-12-31",
     "lead": "MEX",
     "guidelines": [
      "VCM-1"
     ],
     "indicators": [
      {
       "name": "Informe",
       "unit": "documentos",
       "target": 1
      }
     ]
    },
    {
     "id": "vcm-2",
     "title": "Webinar de protocolos",
     "kind": "webinar",
     "start": "2025-03-05",
     "end": "2025-03-05",
     "lead": "GTM",
     "guidelines": [
      "VCM-1"
     ],
     "indicators": [
      {
       "name": "Personas",
       "unit": "personas",
       "baseline": 0,
       "target": 50
      }
     ]
    },
    {
     "id": "vcm-3",
     "title": "Campaña informativa",
     "kind": "campaign",
     "start": "2025-02-01",
     "end": "2025-04-30",
     "lead": "HND",
     "guidelines": [
      "VCM-1"
     ],
     "indicators": [
      {
       "name": "Piezas",
       "target": 10
      }
     ]
    },
    {
     "id": "vcm-4",
     "title": "Capacitación a personal consular",
     "kind": "training",
     "start": "2025-05-01",
     "end": "2025-05-03",
     "lead": "CRI",
     "guidelines": [
      "VCM-1"
     ],
     "indicators": [
      {
       "name": "Mujeres capacitadas",
       "unit": "mujeres",
       "baseline": 0,
       "target": 40
      }
     ]
    }
   ]
  },
  {
   "id": "plan-emp",
   "working_group": "mesa-emp",
   "congress": "IV",
   "axis": "EMP",
   "period": {
    "start": "2025-01-01",
    "end": "2025-12-31"
   },
   "guideline_version": "2023",
   "activities": [
    {
     "id": "emp-1",
     "title": "Mapeo de programas de empleo",
     "kind": "research",
     "start": "2025-01-01",
     "end": "2025-03-31",
     "lead": "SLV",
     "guidelines": [
      "EMP-1"
     ],
     "indicators": [
      {
       "name": "Mapeo",
       "target": 1
      }
     ]
    }
   ]
  }
 ],
 "approvals": [
  {
   "plan_id": "plan-vcm",
   "state": "approved"
  },
  {
   "plan_id": "plan-emp",
   "state": "submitted"
  },
  {
   "plan_id": "plan-zzz",
   "state": "draft"
  }
 ],
 "events": [
  {
   "id": "prep",
   "kind": "preparatory_webinar",
   "start": "2024-10-01",
   "modality": "virtual",
   "priority_areas": [
    "VCM",
    "EMP",
    "VCM"
   ],
   "attendance": [
    {
     "country": "GTM",
     "institution": "Instituto Ficticio de la Mujer",
     "women": 3,
     "men": 1,
     "new_staff": 2
    },
    {
     "country": "Honduras",
     "institution": "Oficina Ficticia",
     "women": 2
    }
   ]
  },
  {
   "id": "seg-1",
   "kind": "follow_up_webinar",
   "start": "2025-03-10",
   "table": "mesa-vcm",
   "agreements": [
    "ac-1",
    "ac-9"
   ]
  },
  {
   "id": "cap-1",
   "kind": "training",
   "start": "2025-04-02",
   "end": "2025-04-01",
   "attendance": [
    {
     "country": "MEX",
     "institution": "Instituto Ficticio Mexicano",
     "women": 5
    }
   ]
  },
  {
   "id": "x",
   "start": "2025-02-01",
   "table": "mesa-zzz"
  }
 ],
 "agreements": [
  {
   "id": "ac-1",
   "text": {
    "es": "Compartir protocolos"
   },
   "responsible": [
    "GTM"
   ],
   "agreed_on": "2024-11-20",
   "due": "2025-03-31"
  },
  {
   "id": "ac-2",
   "text": {
    "en": "Map employment programmes"
   },
   "responsible": [],
   "agreed_on": "2024-11-20",
   "due": "2025-12-31"
  },
  {
   "id": "ac-3",
   "text": {
    "es": "Informe regional"
   },
   "responsible": [
    "IOM"
   ],
   "agreed_on": "2024-11-20",
   "due": "2025-01-31",
   "history": [
    {
     "status": "done",
     "date": "2025-01-15"
    }
   ],
   "evidence": [
    {
     "entry": "E-3"
    },
    {
     "activity": "vcm-9"
    }
   ]
  },
  {
   "id": "ac-4",
   "responsible": [
    "MEX"
   ],
   "agreed_on": "2024-11-20"
  }
 ]
}
MATRIX = "ID,País,Institución,Fecha,Tipo,Título,Estado,Avance,Actividad,Mujeres\nE-1,MEX,Inst A,2025-05-01,Avance,Estudio en curso,En curso,10,vcm-1,\nE-2,HND,Inst B,2025-04-30,Campaña,Campaña,Completada,,vcm-3,\nE-3,GTM,Inst C,2025-02-01,Avance,Otro,En curso,,vcm-33,\nE-4,CRI,Inst D,2025-05-04,Capacitación,Curso,Completada,,vcm-4,\nE-5,CRI,Inst D,2023-05-04,Capacitación,Fuera del ciclo,Completada,,nada,\n"
FOCAL = [
 {
  "country": "GTM",
  "institution": "Instituto Ficticio de la Mujer",
  "role": "enlace",
  "name": "Persona Ficticia Uno",
  "since": "2024-01-01",
  "last_confirmed": "2024-02-01"
 },
 {
  "country": "MEX",
  "institution": "Instituto Ficticio Mexicano",
  "role": "enlace",
  "name": "Persona Ficticia Dos",
  "since": "2025-01-01",
  "last_confirmed": "2025-06-01"
 }
]

STATES = [("vcm-1", "behind", True, 1), ("vcm-2", "not_reported", True, 0), ("vcm-3", "done", True, 1),
          ("vcm-4", "done", True, 1), ("emp-1", "not_reported", False, 0)]
TABLES = [
    {"table": "mesa-vcm", "axis": "VCM", "approval": "approved", "approved": True,
     "planned": 4, "reported": 3, "behind": 1, "done": 2, "not_reported": 1},
    {"table": "mesa-emp", "axis": "EMP", "approval": "submitted", "approved": False,
     "planned": 1, "reported": 0, "behind": 0, "done": 0, "not_reported": 1},
    {"table": "mesa-x", "axis": None, "approval": None, "approved": False,
     "planned": 0, "reported": 0, "behind": 0, "done": 0, "not_reported": 0},
]
AGREEMENTS = [{"id": "ac-1", "status": "open", "days_overdue": 62},
              {"id": "ac-2", "status": "open", "days_overdue": None},
              {"id": "ac-3", "status": "done", "days_overdue": None},
              {"id": "ac-4", "status": "open", "days_overdue": None}]


def case(name, description, options, states=STATES, tables=TABLES, cycle=CYCLE, matrix=MATRIX,
         focal=FOCAL, confirmed=(), extra=None):
    path = os.path.join(OUT, name + ".json")
    old = {}
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            old = json.load(f).get("expected", {})
    expected = {
        "activities": [{"activity_id": a, "state": s, "approved": ap, "entries": n} for a, s, ap, n in states],
        "tables": tables,
        "agreements": AGREEMENTS if cycle is CYCLE else [],
        "general_plan": ["plan-vcm"] if cycle is CYCLE else [],
        "priority_areas": ["VCM", "EMP"] if cycle is CYCLE else [],
        "entries": 4 if matrix else 0,
        "confirmed": list(confirmed),
    }
    if extra:
        expected.update(extra)
    # The exact findings come from the blessed run (see the module docs); kept when present.
    if "diagnostics" in old:
        expected["diagnostics"] = old["diagnostics"]
    doc = {"name": name, "description": description, "kind": "review_cycle", "catalog": "embedded",
           "input": cycle, "matrix_csv": matrix, "focal_points": focal, "options": options,
           "expected": expected}
    with open(path, "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False, indent=1)
        f.write("\n")


AS_OF = "2025-06-01"
case("cycle-congress-v", "A fictitious congress V cycle with one finding of each kind.", {"as_of": AS_OF})
case("cycle-confirm-focal-points", "Attendance confirms the focal points of the institutions that attended.",
     {"as_of": AS_OF, "confirm_focal_points": True},
     confirmed=[{"country": "GTM", "institution": "Instituto Ficticio de la Mujer"}])
wide = [(a, "reported" if a == "vcm-1" else s, ap, n) for a, s, ap, n in STATES]
wide_tables = copy.deepcopy(TABLES)
wide_tables[0]["behind"] = 0
case("cycle-behind-margin", "With a 35-point margin, 10 % reported at 42 % of the period is on track.",
     {"as_of": AS_OF, "behind_target_margin": 35}, states=wide, tables=wide_tables)
case("cycle-rules-regraded", "Rules of the cycle switched off or re-graded like any validation rule.",
     {"as_of": AS_OF, "rules": {"not_reported": "off", "agreement_overdue": "error", "focal_point_not_trained": "off"}})
case("cycle-empty", "An empty cycle: the congress edition is required.", {"as_of": AS_OF},
     states=[], tables=[], cycle={}, matrix="", focal=[])
