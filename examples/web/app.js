// Demo of lineamientos-wasm as a partner's web team would use it: plain ES modules, no
// framework. The package's browser build is served next to this page in ./pkg/.
import init, { Catalog, Cycle, Matrix } from "./pkg/lineamientos_wasm.js";

const UI = {
  es: {
    title: "Seguimiento de los lineamientos", language: "Idioma", catalog: "Catálogo",
    members: "Estados miembros", name: "Nombre", axes: "Ejes temáticos", code: "Código",
    items: "Lineamientos", congresses: "Congresos", matrix: "Matriz de seguimiento",
    loadFile: "Cargar la matriz (CSV o XLSX)", row: "Fila", column: "Columna",
    severity: "Gravedad", message: "Mensaje", heatmap: "Registros por país y eje",
    plan: "Validar un plan de trabajo", pastePlan: "Pegue el plan (JSON)",
    asOf: "Fecha de referencia", validate: "Validar", path: "Ruta", ready: "Listo",
    counts: (r) => `${r.rows_read} filas leídas: ${r.accepted} aceptadas, ${r.rejected} rechazadas.`,
    planOk: (s) => `Sin errores (${s.warnings} advertencias, ${s.infos} avisos).`,
    planKo: (s) => `${s.errors} errores, ${s.warnings} advertencias, ${s.infos} avisos.`,
    notYet: (what) => `Esta versión del paquete aún no incluye ${what}.`,
    version: (c) => `Versión ${c.version} · ${c.hash.slice(0, 19)}…`,
    set: (s) => `Lineamientos ${s.version} (${s.provenance === "illustrative" ? "ilustrativos" : "oficiales"})`,
    total: "Total",
    report: "Informe de sistematización",
    reportIntro: "El informe del ciclo ilustrativo (datos ficticios), calculado en el navegador con los mismos archivos que la herramienta de línea de comandos.",
    makeReport: "Generar el informe",
    reportSummary: (d) => `${d.figures.entries} registros, ${d.figures.members_reporting.length} de 11 Estados Miembros reportaron, ${d.actions.length} acciones prioritarias.`,
  },
  en: {
    title: "Following the guidelines", language: "Language", catalog: "Catalogue",
    members: "Member states", name: "Name", axes: "Thematic axes", code: "Code",
    items: "Guidelines", congresses: "Congresses", matrix: "Tracking matrix",
    loadFile: "Load the matrix (CSV or XLSX)", row: "Row", column: "Column",
    severity: "Severity", message: "Message", heatmap: "Entries by country and axis",
    plan: "Validate a work plan", pastePlan: "Paste the plan (JSON)",
    asOf: "Reference date", validate: "Validate", path: "Path", ready: "Ready",
    counts: (r) => `${r.rows_read} rows read: ${r.accepted} accepted, ${r.rejected} rejected.`,
    planOk: (s) => `No errors (${s.warnings} warnings, ${s.infos} notes).`,
    planKo: (s) => `${s.errors} errors, ${s.warnings} warnings, ${s.infos} notes.`,
    notYet: (what) => `This build of the package does not include ${what} yet.`,
    version: (c) => `Version ${c.version} · ${c.hash.slice(0, 19)}…`,
    set: (s) => `Guidelines ${s.version} (${s.provenance})`,
    total: "Total",
    report: "Systematization report",
    reportIntro: "The report of the illustrative cycle (fictitious data), computed in the browser from the same files as the command-line tool.",
    makeReport: "Build the report",
    reportSummary: (d) => `${d.figures.entries} entries, ${d.figures.members_reporting.length} of 11 member states reported, ${d.actions.length} priority actions.`,
  },
};

const $ = (sel) => document.querySelector(sel);
const state = { lang: "es", cat: null, matrix: null, report: null };
const t = () => UI[state.lang];

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") e.className = v;
    else if (k.startsWith("data-")) e.setAttribute(k, v);
    else e[k] = v;
  }
  for (const c of children) e.append(c instanceof Node ? c : String(c ?? ""));
  return e;
}

/** Errors of the package are `Error`s with a stable `code`; show both. */
function showError(target, err) {
  target.replaceChildren(el("span", { class: "error-box", "data-code": err.code ?? "" }, `${err.code ?? "error"}: ${err.message}`));
}

function renderStatic() {
  document.documentElement.lang = state.lang;
  for (const node of document.querySelectorAll("[data-i18n]")) {
    const v = t()[node.dataset.i18n];
    if (typeof v === "string") node.textContent = v;
  }
}

function renderCatalog() {
  const cat = state.cat;
  $("#catalog-pins").textContent = t().version(cat);
  $("#members tbody").replaceChildren(
    ...cat.members().map((c) => el("tr", { "data-iso3": c.iso3 }, el("td", {}, c.iso3), el("td", {}, c.name[state.lang]))),
  );
  const set = cat.currentGuidelineSet();
  if (set) {
    $("#guideline-set").textContent = t().set(set);
    $("#axes tbody").replaceChildren(
      ...set.axes.map((a) =>
        el("tr", {}, el("td", {}, a.code), el("td", {}, a.name[state.lang]),
          el("td", {}, set.guidelines.filter((g) => g.axis === a.code && !g.retired).map((g) => g.code).join(", "))),
      ),
    );
  }
  $("#congresses").replaceChildren(
    ...cat.congresses().map((c) => {
      const when = c.start ? ` · ${c.start}` : "";
      const where = c.city ? ` · ${c.city}` : "";
      const theme = c.theme ? ` · ${c.theme[state.lang]}` : "";
      return el("li", {}, `${c.edition}${when}${where}${theme}`);
    }),
  );
}

// ---- tracking matrix ----

async function loadMatrixFile(file) {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const isXlsx = file.name.toLowerCase().endsWith(".xlsx");
  try {
    if (typeof state.cat.readCsv !== "function") throw Object.assign(new Error(t().notYet("Matrix")), { code: "not_available" });
    state.matrix?.free();
    state.matrix = isXlsx ? state.cat.readXlsx(bytes, { lang: state.lang }) : state.cat.readCsv(bytes, { lang: state.lang });
    renderMatrix();
  } catch (err) {
    $("#import-report").hidden = false;
    showError($("#import-counts"), err);
  }
}

function renderMatrix() {
  const m = state.matrix;
  if (!m) return;
  const r = m.importReportIn(state.lang);
  $("#import-report").hidden = false;
  $("#import-counts").textContent = t().counts(r);
  $("#import-diagnostics tbody").replaceChildren(
    ...r.diagnostics.map((d) =>
      el("tr", { "data-code": d.code, "data-row": d.row ?? "" },
        el("td", {}, d.row ?? ""), el("td", {}, d.column ?? ""),
        el("td", { class: `severity-${d.severity}` }, d.severity), el("td", {}, d.code), el("td", {}, d.message)),
    ),
  );
  renderHeatmap(m.pivot({ rows: ["country"], cols: ["axis"], measure: "count" }));
}

/** The pivot as a table: keys are lists of {code, es, en}; cells are sparse (row, col). */
function renderHeatmap(table) {
  const label = (key) => key.map((p) => p[state.lang] || p.code || "—").join(" · ");
  const code = (key) => key.map((p) => p.code ?? "").join("|");
  const cells = new Map(table.cells.map((c) => [`${c.row},${c.col}`, c]));
  const max = Math.max(1, ...table.cells.map((c) => c.value ?? 0));
  const head = el("tr", {}, el("th", {}, ""), ...table.cols.map((k) => el("th", { title: code(k) }, label(k))), el("th", {}, t().total));
  const body = table.rows.map((rk, i) =>
    el("tr", {},
      el("th", { title: code(rk) }, label(rk)),
      ...table.cols.map((ck, j) => {
        const c = cells.get(`${i},${j}`);
        const v = c?.value ?? null;
        const alpha = v === null ? 0 : 0.15 + 0.85 * (v / max);
        return el("td", {
          "data-row": code(rk), "data-col": code(ck),
          class: c?.suppressed ? "suppressed" : "",
          style: `background: rgba(0, 102, 170, ${alpha.toFixed(2)}); color: ${alpha > 0.55 ? "#fff" : "#000"}`,
        }, c?.suppressed ? "·" : (v ?? ""));
      }),
      el("td", { "data-total": code(rk) }, table.row_totals[i]?.value ?? ""),
    ),
  );
  const foot = el("tr", {}, el("th", {}, t().total),
    ...table.col_totals.map((tot, j) => el("td", { "data-total": code(table.cols[j]) }, tot.value ?? "")),
    el("td", { "data-total": "grand" }, table.grand_total.value ?? ""));
  $("#heatmap").replaceChildren(el("thead", {}, head), el("tbody", {}, ...body), el("tfoot", {}, foot));
}

// ---- work plan ----

function validatePlan() {
  const out = $("#findings tbody");
  out.replaceChildren();
  if (typeof state.cat.validatePlan !== "function") {
    $("#plan-summary").textContent = t().notYet("validatePlan");
    return;
  }
  try {
    // The text goes in as is: a JSON syntax error comes back with line and column.
    const report = state.cat.validatePlan($("#plan-text").value, { asOf: $("#as-of").value, lang: state.lang });
    $("#plan-summary").textContent = report.ok ? t().planOk(report.summary) : t().planKo(report.summary);
    out.replaceChildren(
      ...report.diagnostics.map((d) =>
        el("tr", { "data-code": d.code, "data-path": d.path },
          el("td", { class: `severity-${d.severity}` }, d.severity), el("td", {}, d.code),
          el("td", {}, d.path), el("td", {}, d.message)),
      ),
    );
  } catch (err) {
    showError($("#plan-summary"), err);
  }
}

// ---- systematization report ----

/** The bundled illustrative cycle's report, built here from the files the CLI reads. */
async function makeReport() {
  const out = $("#report-summary");
  try {
    if (typeof Cycle?.prototype?.systematize !== "function") {
      throw Object.assign(new Error(t().notYet("Cycle.systematize")), { code: "not_available" });
    }
    const [cycleText, csv, focal] = await Promise.all(
      ["cycle/cycle.json", "cycle/matrix.csv", "cycle/focal_points.json"].map(async (p) => (await fetch(p)).text()),
    );
    const cycle = new Cycle(cycleText);
    const matrix = Matrix.fromCsv(csv);
    cycle.setMatrix(matrix);
    matrix.free();
    cycle.setFocalPoints(state.cat.focalDirectory(focal));
    state.report?.free();
    state.report = cycle.systematize(state.cat, { asOf: "2024-06-30" });
    cycle.free();
    renderReport();
  } catch (err) {
    showError(out, err);
  }
}

function renderReport() {
  const report = state.report;
  if (!report) return;
  const data = report.toJSON();
  // The figures the page shows, for whoever checks them against the CLI's.
  window.lineamientosReport = data;
  $("#report-summary").textContent = t().reportSummary(data);
  const frame = $("#report-frame");
  frame.srcdoc = report.toHtml(state.lang);
  frame.hidden = false;
}

async function main() {
  await init();
  state.cat = Catalog.embedded();
  $("#plan-text").value = await (await fetch("samples/plan.json")).text();
  $("#lang").addEventListener("change", (e) => {
    state.lang = e.target.value;
    renderStatic();
    renderCatalog();
    renderMatrix();
    renderReport();
    if ($("#findings tbody").children.length || $("#plan-summary").textContent) validatePlan();
  });
  $("#matrix-file").addEventListener("change", (e) => {
    const f = e.target.files?.[0];
    if (f) loadMatrixFile(f);
  });
  $("#validate").addEventListener("click", validatePlan);
  $("#make-report").addEventListener("click", makeReport);
  renderStatic();
  renderCatalog();
  $("#status").textContent = t().ready;
  document.body.dataset.ready = "true";
}

main().catch((err) => {
  showError($("#status"), err);
  document.body.dataset.ready = "error";
});
