// A TypeScript consumer of lineamientos-wasm: `tsc --noEmit` compiles it against the
// package's declarations (bundler resolution: the browser build; nodenext: the Node build).
// If a declaration drifts from the API, this file stops compiling.
import init, {
  Catalog,
  Cycle,
  type CycleReview,
  type ActivityState,
  Matrix,
  type CellValue,
  newApproval,
  approvalStatus,
  parsePlan,
  codeList,
  parseCode,
  messageTemplates,
  libraryVersion,
  type CodeLabel,
  type Country,
  type Diagnostic,
  type DiagnosticCode,
  type ErrorCode,
  type GuidelineSet,
  type LineamientosError,
  type MessageTemplate,
  type Pins,
  type WorkPlan,
  type Report,
  type ValidateOptions,
  type MergeResult,
  type Approval,
  type ApprovalState,
  type TransitionResult,
  type AxisCoverage,
  type ImportReport,
  type Entry,
  type PivotTable,
  type PivotOptions,
  type Coverage,
  type Gaps,
  type ReplicationCandidate,
  type TimeSeries,
} from "lineamientos-wasm";
import * as withXlsx from "lineamientos-wasm/xlsx";

export async function main(): Promise<void> {
  await init();
  const cat: Catalog = Catalog.embedded();
  const members: Country[] = cat.members();
  const names: string[] = members.map((c) => `${c.iso3}: ${c.name.es} / ${c.name.en}`);
  const pins: Pins = cat.pins;
  const hash: string = pins.catalog_hash;
  const set: GuidelineSet | undefined = cat.currentGuidelineSet();
  const axes: string[] = set ? set.axes.map((a) => a.code) : [];
  const retired: (string | undefined)[] = set ? set.guidelines.map((g) => g.retired) : [];
  const edition: number | undefined = cat.congress(3)?.edition;
  const statuses: CodeLabel[] = codeList("status");
  const templates: MessageTemplate[] = messageTemplates();
  const firstCode: DiagnosticCode | undefined = templates[0]?.code;
  const label: string = parseCode("entry_type", "Buena práctica").label.en;
  const version: string = libraryVersion();

  const plan: WorkPlan = {
    id: "plan-vcm-2024",
    working_group: "mesa-vcm",
    axis: "VCM",
    period: { start: "2024-01-01", end: "2024-12-31" },
    guideline_version: "2017",
    activities: [{ id: "a1", kind: "webinar", lead: "MEX", participants: ["GTM"], indicators: [{ name: "x", target: 10 }] }],
  };

  const options: ValidateOptions = { asOf: "2024-06-01", rules: { no_indicator: "off" }, maxEventDays: 3, lang: "en" };
  const report: Report = cat.validatePlan(plan, options);
  const fromText: Report = cat.validatePlan(JSON.stringify(plan), { asOf: "2024-06-01" });
  const ok: boolean = report.ok && fromText.ok;
  const paths: string[] = report.diagnostics.map((d) => `${d.code}@${d.path}:${d.severity}:${d.row ?? ""}:${d.message}`);
  const errors: number = report.summary.errors;
  const reports: Report[] = cat.validatePlans([plan, plan], options);
  const merged: MergeResult = cat.mergePlans([plan], options);
  const approvedOnly: MergeResult = cat.mergePlans([plan], { ...options, approvedOnly: true }, []);
  const cycle = new Cycle({ congress: "V", tables: [{ id: "mesa-vcm", axis: "VCM" }], plans: [plan] });
  cycle.setMatrix(Matrix.fromCsv(""));
  const cycleReview: CycleReview = cycle.review(cat, { asOf: "2025-06-01", behindTargetMargin: 25, confirmFocalPoints: false });
  const activityState: ActivityState | undefined = cycleReview.activities[0]?.state;
  console.log(approvedOnly.general.sources.length, cycleReview.tables[0]?.activities.planned, activityState);
  const gap: string[] = merged.general.uncovered_axes;
  const coverage: AxisCoverage | undefined = merged.general.coverage[0];
  const review: Report = cat.reviewGuidelines("2023", { asOf: "2024-06-01" });
  const mapped: string[] | undefined = cat.mapGuideline("2017", "2023", "DAT-3");
  const moved: WorkPlan = cat.crosswalkPlan(plan, "2023", { lang: "es" }).plan;
  let approval: Approval = newApproval(plan);
  const step: TransitionResult = cat.transition(approval, "submit", plan, { by: "mesa_vcm", at: "2024-05-02" }, options);
  approval = step.approval;
  const state: ApprovalState = approvalStatus(approval, plan).state;
  const parsed: WorkPlan = parsePlan("{}");
  console.log(ok, paths, errors, reports.length, gap, coverage?.axis, review.ok, mapped, moved.id, state, parsed.id);

  const m: Matrix = Matrix.fromCsv("País;Institución;Fecha;Tipo;Título;Estado\nMX;A;2024-01-02;Evento;t;En curso\n", { strict: false, lang: "en" });
  const imported: ImportReport = m.importReport;
  const streaming = new withXlsx.MatrixImport({ maxRows: 1000, lang: "en" });
  streaming.header(["País", "Institución", "Fecha", "Tipo", "Título", "Estado", "Mujeres"]);
  const row: CellValue[] = ["MX", "A", "2024-01-02", "Evento", "t", "En curso", 12];
  streaming.pushRows([row, ["MX", null, undefined, true, 1.5, "", NaN]]);
  const pushed: number = streaming.rowsPushed;
  const streamed: Matrix = streaming.finish();
  const streamedReport: ImportReport = streamed.importReport;
  const counts: number = imported.rows_read - imported.accepted - imported.rejected;
  const cells: string[] = imported.diagnostics.map((d) => `${d.row ?? ""}:${d.column ?? ""}:${d.code}`);
  const entries: Entry[] = m.entries();
  const spec: PivotOptions = { rows: ["country"], cols: "axis", measure: "count", suppressBelow: 5 };
  const table: PivotTable = m.pivot(spec);
  const firstCell: number | null = table.cells[0]?.value ?? null;
  const rowLabel: string = table.rows[0]?.[0]?.es ?? "";
  const total: number | null = table.grand_total.value;
  const csv: string = m.toCsv("en") + m.pivotCsv(spec, "es");
  const cov: Coverage = m.coverage();
  const gaps: Gaps = m.gaps("2024-01-01");
  const reps: ReplicationCandidate[] = m.replicationCandidates();
  const ts: TimeSeries = m.timeSeries("quarter");
  const fromCat: Matrix = cat.readCsv(new Uint8Array([]), {});
  const xlsx: Uint8Array = withXlsx.Matrix.fromCsv("").toXlsx("es");
  const back: withXlsx.ImportReport = withXlsx.Catalog.embedded().readXlsx(xlsx, { sheet: "Matriz" }).importReport;
  // Mergeable pivots (full build): partials travel as JSON text.
  const part: withXlsx.PivotPartial = withXlsx.Matrix.fromCsv("").pivotPartial({ rows: ["country"], suppressBelow: 5, measure: "participants" });
  const mergedPartial: withXlsx.PivotPartial = withXlsx.PivotPartial.fromJson(part.toJson()).merge(part);
  const finished: withXlsx.PivotTable = mergedPartial.finish();
  const partSpec: withXlsx.PivotPartialSpec = mergedPartial.spec;
  const partEntries: number = mergedPartial.entries;
  console.log(finished.grand_total.value, partSpec.suppress_below, partEntries, mergedPartial.pins.library_version);
  console.log(counts, cells, entries.length, firstCell, rowLabel, total, csv, cov.items, gaps.silent_since, reps.length, ts.periods, fromCat.length, back.accepted);

  try {
    cat.parseCountry("Mexco");
  } catch (e) {
    const err = e as LineamientosError;
    const code: ErrorCode = err.code;
    const suggestion: string | null | undefined = err.suggestion;
    const found: Diagnostic[] = err.diagnostics ?? [];
    console.log(code, suggestion, found.length);
  }
  console.log(names, hash, axes, retired, edition, statuses, firstCode, label, version, plan);
}
