// A TypeScript consumer of lineamientos-wasm: `tsc --noEmit` compiles it against the
// package's declarations (bundler resolution: the browser build; nodenext: the Node build).
// If a declaration drifts from the API, this file stops compiling.
import init, {
  Catalog,
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
} from "lineamientos-wasm";

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

  try {
    cat.parseCountry("Mexco");
  } catch (e) {
    const err = e as LineamientosError;
    const code: ErrorCode = err.code;
    const suggestion: string | undefined = err.suggestion;
    const found: Diagnostic[] = err.diagnostics ?? [];
    console.log(code, suggestion, found.length);
  }
  console.log(names, hash, axes, retired, edition, statuses, firstCode, label, version, plan);
}
