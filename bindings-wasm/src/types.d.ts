
// ---- Shapes of the data that crosses the boundary (lineamientos-wasm) ----
// Data objects use the core's JSON field names (snake_case), exactly as files, the Python
// package and the golden vectors write them. Options and methods are camelCase.
// An optional field (`x?:`) is absent when the value is unknown; dates are "YYYY-MM-DD".

/** An ISO date, `"YYYY-MM-DD"`. */
export type IsoDate = string;

/** A language of labels and messages. */
export type LangCode = "es" | "en";

/** A text in Spanish and English (French where available). */
export interface Text {
  es: string;
  en: string;
  fr?: string;
}

export type Severity = "error" | "warning" | "info";

/** Every diagnostic code the library emits (see `messageTemplates()`). Codes are API. */
export type DiagnosticCode =
  | "missing_field"
  | "end_before_start"
  | "outside_plan_period"
  | "duplicate_id"
  | "unknown_guideline"
  | "retired_guideline"
  | "unknown_code"
  | "lead_count"
  | "unbounded_event"
  | "schedule_overlap"
  | "no_indicator"
  | "axis_mismatch"
  | "axis_not_covered"
  | "review_due"
  | "near_duplicate"
  | "challenge_not_addressed"
  | "unmapped_guideline"
  | "table_without_axis"
  | "plan_not_approved"
  | "unknown_activity"
  | "unknown_reference"
  | "behind_target"
  | "not_reported"
  | "agreement_overdue"
  | "agreement_without_owner"
  | "agreement_without_follow_up"
  | "focal_point_not_trained"
  | "country_without_focal_point"
  | "sector_without_focal_point"
  | "unknown_institution"
  | "conflict_value_mismatch"
  | "congress_date_mismatch"
  | "duplicate_code"
  | "dangling_reference"
  | "no_active_focal_point"
  | "contact_unconfirmed"
  | "missing_column"
  | "unknown_column"
  | "duplicate_column"
  | "invalid_date"
  | "invalid_number"
  | "out_of_range"
  | "invalid_value"
  | "value_normalized"
  | "ambiguous_percentage"
  | "progress_as_fraction"
  | "encoding_fallback"
  | "preamble_skipped"
  | "unbalanced_quote"
  | "limit_exceeded";

/** Every `code` of a thrown `LineamientosError`. */
export type ErrorCode =
  | "invalid_json"
  | "unknown_code"
  | "invalid_catalog"
  | "limit_exceeded"
  | "invalid_value"
  | "no_crosswalk"
  | "invalid_transition"
  | "report_has_errors"
  | "content_changed"
  | "invalid_file"
  | "io_error"
  | "invalid_rule"
  | "internal_error";

/** Which code list a code belongs to. */
export type CodeKind =
  | "country"
  | "organization"
  | "participant"
  | "gcm_objective"
  | "gcm_principle"
  | "sdg"
  | "axis"
  | "guideline"
  | "guideline_set"
  | "congress"
  | "institution"
  | FixedCodeKind;

/** The code lists fixed by the library (see `codeList`). */
export type FixedCodeKind =
  | "entry_type"
  | "status"
  | "stage"
  | "session_kind"
  | "activity_kind"
  | "emerging_challenge"
  | "language"
  | "agreement_kind"
  | "agreement_status"
  | "agreement_source"
  | "organization_kind"
  | "sector";

/** One value of a fixed code list and its labels. */
export interface CodeLabel {
  code: string;
  label: Text;
}

/** One diagnostic code with its default severity and message templates. */
export interface MessageTemplate {
  code: DiagnosticCode;
  severity: Severity;
  es: string;
  en: string;
}

/**
 * What every thrown error of this package is: a JS `Error` with `name`
 * `"LineamientosError"` and a stable `code`. Other fields depend on the code.
 */
export interface LineamientosError extends Error {
  name: "LineamientosError";
  code: ErrorCode;
  /** invalid_json: 1-based position when the document was a string (0 when an object);
   * invalid_rule: `column` is the 1-based character column inside the expression. */
  line?: number;
  column?: number;
  /** invalid_json: JSON Pointer of the offending value in the document; invalid_value: JSON
   * Pointer of the value inside the options (`"/rules/no_indicator"`; `""` for a plain
   * argument such as `since`); invalid_rule: JSON Pointer of the rule in the rule file. */
  path?: string;
  /** unknown_code: the code list. */
  kind?: CodeKind;
  /** unknown_code, invalid_value: the value as given (invalid_value: `null` when a required
   * value is missing; non-strings as JSON text). */
  value?: string | null;
  /** unknown_code, invalid_value: the nearest accepted value, or `null`; invalid_rule: the
   * nearest valid field or function name, or `null`. */
  suggestion?: string | null;
  /** invalid_value: the argument or top-level option, as JS callers write it (`maxEventDays`). */
  field?: string;
  /** limit_exceeded: the limit exceeded (`input_bytes`, `data_rows`, `cell_chars`, `columns`,
   * `xlsx_uncompressed_bytes`, `xlsx_compression_ratio`, `json_depth`; a phrase for fixed
   * document sizes), its value, and the import option that raises it as JS callers write it
   * (`maxRows`; `null` for a fixed limit). */
  what?: string;
  limit?: number;
  option?: string | null;
  /** no_crosswalk: the versions without a chain of crosswalks (the same names as Python's). */
  source?: string;
  target?: string;
  /** invalid_transition: the record's state and the refused action. */
  state?: ApprovalState;
  action?: ApprovalAction;
  /** invalid_value: what is accepted; content_changed: the content hash at the step relied on. */
  expected?: string;
  /** content_changed: the step relied on, and the content hash now. */
  since?: string;
  actual?: string;
  /** invalid_file: the expected format ("xlsx"). */
  format?: string;
  /** invalid_catalog, report_has_errors: every finding. */
  diagnostics?: Diagnostic[];
}

// ---- Findings ----

/** One finding, with its message rendered in the report's language. */
export interface Diagnostic {
  code: DiagnosticCode;
  severity: Severity;
  /** JSON Pointer into the input (`"/activities/3/end"`); `""` is the whole document. */
  path: string;
  /** Tabular input: the row as the spreadsheet shows it (header = row 1). */
  row?: number;
  /** Tabular input: the column name as written in the file. */
  column?: string;
  /** The offending value, as given. */
  value?: string;
  /** Named parameters of the message. */
  params?: Record<string, string>;
  /** A fix to try (nearest valid code, crosswalk target). */
  suggestion?: string;
  /** The human message (never parse it: compare `code` and `path`). */
  message: string;
}

export interface Summary {
  errors: number;
  warnings: number;
  infos: number;
}

/** What produced a result, so it can be reproduced later. */
/** Whether guidelines are the official text or an illustrative set. */
export type Provenance = "official" | "illustrative";

export interface Pins {
  catalog_version: string;
  catalog_hash: string;
  library_version: string;
  /** The guideline-set version the result refers to (a matrix's and its pivots'). */
  guideline_version?: string;
  /** Whether the guidelines behind the result are official or illustrative. */
  provenance?: Provenance;
  /** The rule files the result was checked against, in the order given. */
  rulesets?: RuleSetPin[];
}

/** The result of a validation: every finding, not only the first. */
export interface Report {
  /** `true` when no finding has severity `error`. */
  ok: boolean;
  summary: Summary;
  diagnostics: Diagnostic[];
  pins: Pins;
  /** Per rule-file rule that ran: pass, fail and not-applicable counts (absent without rule files). */
  outcomes?: RuleOutcomes[];
  /** The language of the messages. */
  lang: LangCode;
}

// ---- Rule files (docs/rules.md) ----

/** A rule file's identity in reports: id, version and the hash of its canonical JSON. */
/** What a `RuleSet` (full build) is to the options that take one: its file. */
export interface RuleSetLike {
  toJSON(): RuleSetFile;
}

export interface RuleSetPin {
  id: string;
  version: string;
  /** `sha256:` + hex. */
  hash: string;
}

/** How many records passed, failed or were out of one rule's reach. */
export interface RuleOutcomes {
  code: string;
  pass: number;
  fail: number;
  not_applicable: number;
}

/** What a rule gives a record. */
export type RuleOutcome = "pass" | "fail" | "not_applicable";

/** A rule file as agencies write it (`schema/ruleset.schema.json`). */
export interface RuleSetFile {
  /** Id and namespace of the codes: lowercase letters, digits, `_`. */
  ruleset: string;
  version: string;
  requires?: {
    /** Lowest library version. */
    lineamientos?: string | null;
    /** Guideline-set version the codes refer to. */
    guidelines?: string | null;
  };
  /** Constants read as `params.<name>`. */
  parameters?: { [name: string]: unknown };
  rules: RuleDef[];
}

/** One rule of a rule file (the fields each kind reads are in docs/rules.md). */
export interface RuleDef {
  /** `<ruleset>.<name>`. */
  code: string;
  kind: string;
  scope: string;
  severity?: Severity;
  category?: string | null;
  link?: string | null;
  message: { es: string; en: string };
  when?: string | null;
  check?: string | null;
  missing?: "skip_if_any" | "skip_if_all" | "zero" | "fail";
  field?: string | null;
  constraints?: FieldConstraints | null;
  fields?: string[];
  presence?: "all_or_none" | "exactly_one" | "at_most_one" | "at_least" | null;
  count?: number | null;
  /** `reference`: where the accepted codes come from. */
  reference?: ListSource | null;
  /** `foreign_key`: the records the field's value must name. */
  references?: { scope: string; field: string; when?: string | null } | null;
  /** `dates`: earliest and latest accepted day (`YYYY-MM-DD` or `as_of`). */
  within?: { from?: string | null; until?: string | null } | null;
  /** `dates`: whether the dates of `fields` come in that order (default true). */
  order?: boolean | null;
  /** `dates`: the most days from the first date to the last. */
  max_days?: number | null;
  /** `dates`: days after the last date before the record is overdue at `as_of`. */
  due_days?: number | null;
  /** `aggregate`, `completeness`, `change`, `no_overlap`: keys (`country`, `reported_on:semester`). */
  group_by?: string[];
  /** `aggregate`, `change`: named measures, each exactly one of count/sum/mean/min/max/share. */
  aggregates?: {
    [name: string]: {
      count?: string | null;
      sum?: string | null;
      mean?: string | null;
      min?: string | null;
      max?: string | null;
      share?: string | null;
    };
  };
  /** `completeness`: the expected values of each key of `group_by`. */
  expected?: { [key: string]: ListSource };
  /** `change`: the period key (`reported_on:year`). */
  period?: string | null;
  /** `change`: how many earlier periods `window` averages. */
  window?: number | null;
  /** `for_each`: the values the template is repeated for. */
  over?: ListSource | null;
  /** `for_each`: the name the value is read by (default `item`). */
  as?: string | null;
  /** `for_each`: the template's keys (`kind` and what that kind needs). */
  rule?: { [key: string]: unknown } | null;
  valid_from?: IsoDate | null;
  valid_until?: IsoDate | null;
  tests?: RuleTest[];
}

/** A list of accepted values: one of `catalog`, `values`, `param`, or `from`/`until` (periods). */
export interface ListSource {
  catalog?: "countries" | "members" | "organizations" | "axes" | "guidelines" | "gcm_objectives" | "sdgs" | null;
  values?: unknown[] | null;
  param?: string | null;
  from?: string | null;
  until?: string | null;
}

/** Frictionless Table Schema constraints on one field. */
export interface FieldConstraints {
  required?: boolean;
  minimum?: unknown;
  maximum?: unknown;
  exclusiveMinimum?: unknown;
  exclusiveMaximum?: unknown;
  minLength?: number | null;
  maxLength?: number | null;
  pattern?: string | null;
  enum?: unknown[] | null;
}

/** An example record and the outcome the rule must give it (run when the file loads). */
export interface RuleTest {
  name?: string | null;
  /** One record (record kinds). */
  record?: unknown;
  /** Several records (any kind; the kinds over groups need them). */
  records?: unknown[];
  /** `for_each`: the value of its list the test is for. */
  item?: unknown;
  /** Records of other scopes, by scope name (for `foreign_key`). */
  data?: { [scope: string]: unknown[] };
  as_of?: IsoDate | null;
  /** One outcome (of the record, or of every unit), or the count of each. */
  expect: RuleOutcome | { pass?: number; fail?: number; not_applicable?: number };
}

/** Options of `Matrix.check`: the report date, rule settings and language. */
export interface CheckOptions {
  /** "Today" for date rules (`"YYYY-MM-DD"`): required. */
  asOf: IsoDate;
  /** Per-rule severity or "off", keyed by rule-file code: `{ "oim.training_by_sex": "off" }`. */
  rules?: { [code: string]: RuleSetting };
  /** Language of the messages (default "es"). */
  lang?: LangCode;
}

// ---- Catalogue ----

export interface Country {
  iso3: string;
  iso2: string;
  name: Text;
  role: "member" | "observer" | "other";
  aliases?: string[];
  source?: string;
}

/** What an organisation is to the CRM. */
export type OrganizationKind = "observer" | "partner" | "regional_body" | "treaty_body" | "civil_society";

export interface Organization {
  code: string;
  /** Absent in a catalogue written before kinds existed: read as "observer". */
  kind: OrganizationKind;
  name: Text;
  aliases?: string[];
  source?: string;
}

/** The sector of a national institution. */
export type Sector = "women" | "migration" | "foreign_affairs" | "other";

/** A national institution of a country (women's mechanism, migration authority, ...). */
export interface Institution {
  /** The catalogue's code: ISO3, "-", acronym or short name ("GTM-SEPREM"). */
  code: string;
  /** ISO alpha-3. */
  country: string;
  sector: Sector;
  name: Text;
  acronym?: string;
  aliases?: string[];
  notes?: string;
  source?: string;
}

/** What `Catalog.lookupInstitution` resolved a written institution to. */
export interface InstitutionLookup {
  /** The text looked up, as written. */
  value: string;
  status: "institution" | "organization" | "ambiguous" | "unknown";
  /** The institution's or organisation's code, when it resolved to one. */
  code: string | null;
  /** When ambiguous: the institutions it may be. */
  candidates: string[];
  /** When unknown: the nearest code, if close. */
  suggestion: string | null;
}

/** What one source says. */
export interface Claim {
  source: string;
  value: string;
}

/** Sources that disagree on a fact, the value the catalogue uses and why. */
export interface Conflict {
  subject: string;
  title: Text;
  /** The catalogue value concerned, as a JSON Pointer ("/congresses/0/start"). */
  path?: string;
  claims: Claim[];
  used: string;
  reason: Text;
}

export interface GcmObjective {
  number: number;
  short: Text;
  title: Text;
  title_es_verified: boolean;
  source?: string;
}

export interface GcmPrinciple {
  key: string;
  name: Text;
  source?: string;
}

export interface Sdg {
  number: number;
  name: Text;
  source?: string;
}

export interface Presidency {
  year: number;
  country: string;
  vice_ministerial_meeting?: string;
  notes?: string;
  source?: string;
}

export type SessionKind =
  | "colloquium"
  | "panel"
  | "working_table"
  | "preparatory_webinar"
  | "follow_up_webinar"
  | "training";

export interface Session {
  kind: SessionKind;
  title: Text;
  date?: IsoDate;
  axis?: string;
}

export interface Congress {
  /** 1 = I Congress. */
  edition: number;
  start?: IsoDate;
  end?: IsoDate;
  /** The year it was held, when the day is not known (congress III: 2021). */
  year?: number;
  /** The month it was held (1-12), when the day is not known. */
  month?: number;
  city?: string;
  country?: string;
  format?: "in_person" | "virtual" | "hybrid";
  presidency_year?: number;
  presidency?: string;
  theme?: Text;
  sessions: Session[];
  notes?: string;
  source?: string;
  /** The edition as a Roman numeral ("V"): core's, as in Python. */
  label: string;
  /** The edition's name ("V Congreso Regional sobre Mujeres en Contextos Migratorios"). */
  title_es: string;
  /** "V Regional Congress on Women in Migration Contexts". */
  title_en: string;
  /** How precisely the date is known; null when nothing is known. */
  date_precision: "day" | "month" | "year" | null;
  /** The date as far as it is known ("2023-07-06", "2021"), or null. */
  held: string | null;
}

export type Stage = "origin" | "transit" | "destination" | "return";

export type EmergingChallenge =
  | "health_emergency"
  | "climate_displacement"
  | "rising_mobility"
  | "forced_displacement";

export interface GuidelinePrinciple {
  number: number;
  name: Text;
  source?: string;
}

export interface Approach {
  code: string;
  name: Text;
  source?: string;
}

export interface Axis {
  code: string;
  name: Text;
  gcm_objectives: number[];
  sdgs: number[];
}

export interface Guideline {
  code: string;
  axis: string;
  text: Text;
  since?: string;
  /** The version that retired it; absent while in force. */
  retired?: string;
  replaced_by?: string[];
  last_reviewed?: IsoDate;
  gcm_objectives: number[];
  sdgs: number[];
  stages: Stage[];
  challenges: EmergingChallenge[];
}

export interface GuidelineSet {
  version: string;
  title: Text;
  provenance: Provenance;
  note?: string;
  approved_year?: number;
  principles: GuidelinePrinciple[];
  approaches: Approach[];
  axes: Axis[];
  guidelines: Guideline[];
}

export interface CrosswalkMapping {
  from: string;
  to: string[];
}

export interface Crosswalk {
  from: string;
  to: string;
  mappings: CrosswalkMapping[];
}

/** The JSON shape of a catalogue (`Catalog.fromJson`, `cat.toObject()`). */
export interface CatalogData {
  version: string;
  title: Text;
  countries?: Country[];
  organizations?: Organization[];
  institutions?: Institution[];
  gcm_objectives?: GcmObjective[];
  gcm_principles?: GcmPrinciple[];
  sdgs?: Sdg[];
  presidencies?: Presidency[];
  congresses?: Congress[];
  guideline_sets?: GuidelineSet[];
  crosswalks?: Crosswalk[];
  conflicts?: Conflict[];
}

// ---- Work plans ----

export type ActivityKind =
  | "meeting"
  | "webinar"
  | "training"
  | "research"
  | "campaign"
  | "regulatory"
  | "other";

export interface Indicator {
  name?: string | null;
  unit?: string | null;
  baseline?: number | null;
  target?: number | null;
}

/** An activity as written: every field may be missing (validation reports it). */
export interface Activity {
  id?: string | null;
  title?: string | null;
  kind?: ActivityKind | null;
  start?: IsoDate | null;
  end?: IsoDate | null;
  /** Exactly one lead; a list is accepted so that two leads can be reported. */
  lead?: string | string[] | null;
  participants?: string[];
  guidelines?: string[];
  gcm_objectives?: number[];
  sdgs?: number[];
  indicators?: Indicator[];
  deliverables?: string[];
}

/** A working table's work plan (input of `validatePlan`). */
export interface WorkPlan {
  id?: string | null;
  title?: string | null;
  working_group?: string | null;
  /** The congress edition whose working table made the plan: a number or a Roman numeral. */
  congress?: number | string | null;
  axis?: string | null;
  period?: { start?: IsoDate | null; end?: IsoDate | null };
  guideline_version?: string | null;
  activities?: Activity[];
}

// ---- Validation options and results ----

/** A rule setting: its severity, or "off". */
export type RuleSetting = "off" | Severity;

/** The diagnostic codes of plan rules: the keys `rules` accepts (others are `invalid_value`). */
export type RuleCode =
  | "missing_field"
  | "end_before_start"
  | "outside_plan_period"
  | "duplicate_id"
  | "unknown_guideline"
  | "retired_guideline"
  | "unknown_code"
  | "lead_count"
  | "unbounded_event"
  | "schedule_overlap"
  | "no_indicator"
  | "axis_mismatch"
  | "axis_not_covered"
  | "review_due"
  | "near_duplicate"
  | "challenge_not_addressed"
  | "unmapped_guideline"
  | "table_without_axis"
  | "plan_not_approved"
  | "unknown_activity"
  | "unknown_reference"
  | "behind_target"
  | "not_reported"
  | "agreement_overdue"
  | "agreement_without_owner"
  | "agreement_without_follow_up"
  | "focal_point_not_trained";

/** Options of `validatePlan`, `validatePlans`, `mergePlans`, `reviewGuidelines`, `transition`. */
export interface ValidateOptions {
  /** "Today" for date rules (`"YYYY-MM-DD"`): required, the library never reads the clock. */
  asOf: IsoDate;
  /** Per-rule severity or "off", keyed by rule code: `{ no_indicator: "off" }`. A rule file's
   *  rules, `<ruleset>.<name>`, are accepted too (`{ "oim.training_by_sex": "off" } as ValidateOptions["rules"]`). */
  rules?: Partial<Record<RuleCode, RuleSetting>>;
  /** Longest meeting/webinar/training in days, counted inclusively (default 5; `null`: default). */
  maxEventDays?: number | null;
  /** Review interval of guideline items in days (default 730; `null`: default). */
  reviewIntervalDays?: number | null;
  /** (cycle) Points reported progress may trail the time elapsed before `behind_target` (default 20). */
  behindTargetMargin?: number | null;
  /** (cycle) Days an open agreement may go without follow-up (default 180). */
  followUpIntervalDays?: number | null;
  /** Language of the messages (default "es"). */
  lang?: LangCode;
}

/** Options of `mergePlans`: the validation options and `approvedOnly`. */
/** Options of `validatePlan` and `validatePlans`: the validation options and rule files. */
export interface PlanValidateOptions extends ValidateOptions {
  /**
   * Rule files whose rules run beside the built-in ones (`RuleSet.fromJson`, or the files'
   * objects). Full build only (`lineamientos-wasm/full`): the default module refuses them
   * with `invalid_value`.
   */
  rulesets?: (RuleSetLike | RuleSetFile)[] | RuleSetLike | RuleSetFile;
}

export interface MergeOptions extends PlanValidateOptions {
  /** Merge only plans whose approval record is `approved` and unchanged since (default false). */
  approvedOnly?: boolean | null;
}

/**
 * Options of `Cycle.review`: the validation options, the focal-point options and rule files
 * (`rulesets`: run once over every scope of the cycle and over the matrix's entries at
 * `/matrix/{i}`; full build only).
 */
export interface ReviewOptions extends PlanValidateOptions {
  /** Let attendance confirm focal points before their follow-up (default false). */
  confirmFocalPoints?: boolean | null;
  /** How often a focal point must be confirmed, in days (default 365). */
  confirmIntervalDays?: number | null;
}

/** Options of `transition`: `asOf` defaults to the day of the step. */
export type TransitionOptions = Omit<ValidateOptions, "asOf"> & { asOf?: IsoDate };

/** An activity of the general plan, by position and id. */
export interface ActivityRef {
  plan: number;
  activity: number;
  plan_id?: string;
  activity_id?: string;
  /** `/plans/{plan}/activities/{activity}`. */
  path: string;
}

export interface GuidelineCoverage {
  code: string;
  /** Present (true) only for retired items. */
  retired?: boolean;
  activities: ActivityRef[];
}

export interface AxisCoverage {
  axis: string;
  name: Text;
  activities: ActivityRef[];
  /** Every item of the axis; an empty `activities` is a gap. */
  guidelines: GuidelineCoverage[];
}

/** The merged general work plan and the coverage of the guidelines. */
export interface GeneralPlan {
  guideline_version?: string;
  plans: WorkPlan[];
  coverage: AxisCoverage[];
  /** The axes without any activity: the gender-mainstreaming gap. */
  uncovered_axes: string[];
  /** Which plans it was built from, and the approval each was merged under. */
  sources: PlanSource[];
  pins: Pins;
}

/** One plan of a general plan (its position in the list given to the merge). */
export interface PlanSource {
  index: number;
  plan_id?: string;
  content_hash?: string;
  approval?: ApprovalSource;
}

/** The approval a plan was merged under. */
export interface ApprovalSource {
  state: ApprovalState;
  approved_hash?: string;
  approved_at?: IsoDate | string;
  approved_by?: string;
}

export interface MergeResult {
  general: GeneralPlan;
  report: Report;
}

export interface CrosswalkResult {
  plan: WorkPlan;
  report: Report;
}

// ---- Approval workflow ----

export type ApprovalState =
  | "draft"
  | "submitted"
  | "validated"
  | "approved"
  | "returned_for_changes"
  | "withdrawn";

export type ApprovalAction =
  | "submit"
  | "validate"
  | "approve"
  | "return_for_changes"
  | "withdraw"
  | "reopen";

/** Who acts (a role, not a person's name), when (date or date-time) and why. */
export interface ApprovalStep {
  by: string;
  at: IsoDate | string;
  comment?: string;
}

export interface Transition {
  action: ApprovalAction;
  from: ApprovalState;
  to: ApprovalState;
  by: string;
  at: string;
  comment: string;
  /** The plan's content hash at that moment. */
  content_hash: string;
}

/** The approval record of one plan (store it as JSON; pass it back to `transition`). */
export interface Approval {
  plan_id?: string;
  state: ApprovalState;
  validated_hash?: string;
  approved_hash?: string;
  trail: Transition[];
}

export interface TransitionResult {
  approval: Approval;
  /** The validation report, for the `validate` action. */
  report?: Report;
}

export interface ApprovalStatus {
  state: ApprovalState;
  changed_since_approval: boolean;
  /** Approved, and unchanged since. */
  approved: boolean;
  content_hash: string;
}

// ---- Focal points (personal data: names and emails never appear in reports) ----

/** A person who is a national contact for the guidelines. `name` and `email` are personal data. */
export interface FocalPoint {
  /** ISO alpha-3, or a name the catalogue resolves ("Honduras"). */
  country: string;
  /** A code, acronym or name of the catalogue's institutions (recorded as its code), or any text. */
  institution: string;
  /** The sector, for an institution the catalogue does not know. */
  sector?: Sector | null;
  role: string;
  name: string;
  email?: string | null;
  since?: IsoDate | null;
  /** Absent: still in the role. */
  until?: IsoDate | null;
  last_confirmed?: IsoDate | null;
}

export interface InstitutionRef {
  country: string;
  institution: string;
}

/** An overdue confirmation; `index` points at the record (no personal data here). */
export interface ContactDue {
  index: number;
  country: string;
  institution: string;
  role: string;
  last_confirmed: IsoDate | null;
  days_since: number | null;
}

// ---- Tracking matrix ----

export type EntryType =
  | "regulatory_change"
  | "progress"
  | "good_practice"
  | "success_case"
  | "research"
  | "campaign"
  | "event"
  | "training"
  | "other";

export type Status = "planned" | "ongoing" | "completed" | "cancelled";

/** Participant counts; an absent count is "not reported", not zero. */
export interface Participants {
  women?: number;
  men?: number;
  girls?: number;
  boys?: number;
  unspecified?: number;
}

/** One accepted row of the matrix (codes resolved, dates parsed). */
export interface Entry {
  id: string;
  /** ISO 3166-1 alpha-3. */
  country: string;
  institution: string;
  reported_on: IsoDate;
  entry_type: EntryType;
  title: string;
  description?: string;
  axis?: string;
  guidelines: string[];
  activity?: string;
  stages: Stage[];
  status: Status;
  /** Percent, 0-100. */
  progress?: number;
  start?: IsoDate;
  end?: IsoDate;
  participants: Participants;
  evidence_url?: string;
  replicable?: boolean;
  approved: boolean;
}

/** An entry as given to `Matrix.fromEntries`: codes may be written as in a spreadsheet. */
export interface EntryInput {
  id: string;
  country: string;
  institution: string;
  reported_on: IsoDate;
  entry_type: EntryType;
  title: string;
  description?: string | null;
  axis?: string | null;
  guidelines?: string[];
  activity?: string | null;
  stages?: Stage[];
  status: Status;
  progress?: number | null;
  start?: IsoDate | null;
  end?: IsoDate | null;
  participants?: Participants;
  evidence_url?: string | null;
  replicable?: boolean | null;
  approved?: boolean;
}

/** A field of an entry: a column the importer understands. */
export type Field =
  | "id" | "country" | "institution" | "reported_on" | "entry_type" | "title" | "description"
  | "axis" | "guidelines" | "activity" | "stages" | "status" | "progress" | "start" | "end"
  | "women" | "men" | "girls" | "boys" | "unspecified" | "evidence_url" | "replicable" | "approved";

/** A cell of a row given to `MatrixImport.pushRows`: a string as is, a number as the text
 * the CSV import reads back to it (`120`, `0.45`; NaN empty), a boolean as yes/no, `null` or
 * `undefined` empty. Anything else throws `invalid_value` (path `/{row}/{cell}`). */
export type CellValue = string | number | boolean | null | undefined;

/** Options of `Matrix.fromCsv`, `fromXlsx`, `fromEntries` and `Catalog.readCsv`/`readXlsx`. */
export interface ImportOptions {
  /** Reject a row with a bad optional value (instead of leaving the value out with a warning), and turn every row-level warning into a rejection of the row. */
  strict?: boolean;
  /** The guideline-set version codes refer to (default: the catalogue's current set). */
  guidelineVersion?: string | null;
  /** CSV delimiter: one ASCII character, not `"` (default: detected among `,`, `;` and tab). */
  delimiter?: string | null;
  /** XLSX worksheet (default: the first). */
  sheet?: string | null;
  /** More data rows is the error `limit_exceeded`, `what: "data_rows"` (default 2000000;
   * `null`: no limit). */
  maxRows?: number | null;
  /** A larger file is the error `limit_exceeded`, `what: "input_bytes"` (default 512 MiB;
   * `null`: no limit). */
  maxBytes?: number | null;
  /** A longer cell is the error `limit_exceeded`, `what: "cell_chars"` (default 32767,
   * Excel's own cap; `null`: no limit). */
  maxCellChars?: number | null;
  /** A row of more cells is the error `limit_exceeded`, `what: "columns"` (default 16384,
   * Excel's own cap; `null`: no limit). */
  maxColumns?: number | null;
  /** XLSX: a workbook whose zip directory declares more decompressed bytes is the error
   * `limit_exceeded`, `what: "xlsx_uncompressed_bytes"`, before anything is decompressed
   * (default 1 GiB; `null`: no limit). */
  maxUncompressedBytes?: number | null;
  /** XLSX: a part above 1 MiB compressed more than this many times is the error
   * `limit_exceeded`, `what: "xlsx_compression_ratio"` (a zip bomb; default 500; `null`: no
   * limit). */
  maxCompressionRatio?: number | null;
  /** Findings stored in the report (default 10000; `null`: no cap). Beyond it findings are
   * still counted in `summary` and in `diagnostics_truncated`; the accounting stays exact. */
  maxDiagnostics?: number | null;
  /** Threads of a CSV import (1 to 1024; `null`: one per core). Accepted for the same
   * options to work in every language; WebAssembly has one thread, so the import is serial
   * (the result is the same whatever the number). */
  threads?: number | null;
  /** Language of the report's messages (default "es"). */
  lang?: LangCode;
}

/** How a column of the file was understood (`field` absent: unknown column, ignored). */
export interface ColumnMapping {
  column: string;
  field: Field | null;
}

/** The accounting of an import: `rows_read === accepted + rejected`, always. */
export interface ImportReport {
  rows_read: number;
  accepted: number;
  rejected: number;
  /** Accepted rows that had a bad optional value left out (a warning with `params.dropped === "true"` each); 0 in strict mode. */
  rows_with_dropped_values: number;
  summary: Summary;
  /** Every finding; rows as the spreadsheet shows them (header = row 1), columns as written. */
  diagnostics: Diagnostic[];
  /** Findings counted in `summary` but not stored, past the `maxDiagnostics` cap. */
  diagnostics_truncated: number;
  rejected_rows: number[];
  columns: ColumnMapping[];
  /** The CSV delimiter used (absent for XLSX and entries). */
  delimiter?: string;
  /** "utf-8", or "latin-1" when cells were read as Windows-1252. */
  encoding?: string;
  guideline_version: string;
  pins: Pins;
  lang: LangCode;
}

export type Dim =
  | "country" | "axis" | "guideline" | "entry_type" | "status" | "stage" | "institution"
  | "period" | "congress_cycle";

export type Measure =
  | "count" | "distinct_countries" | "distinct_institutions" | "participants"
  | "participants_women" | "participants_men" | "participants_girls" | "participants_boys"
  | "participants_unspecified" | "mean_progress" | "last_progress" | "min_progress" | "max_progress";

export type PeriodUnit = "month" | "quarter" | "semester" | "year";

/** What `m.pivot` aggregates. */
export interface PivotOptions {
  /** Row dimensions, outer first (default, or `null`: none). */
  rows?: Dim | Dim[] | null;
  /** Column dimensions, outer first (default, or `null`: none). */
  cols?: Dim | Dim[] | null;
  measure?: Measure;
  /** Bucket of the `period` dimension (default "year"). */
  period?: PeriodUnit | null;
  /** Disclosure control on counts of people: cells with 0 < value < k are withheld, with
   * secondary suppression checked by the audit (protection levels k on each side). */
  suppressBelow?: number | null;
  /** Every disclosure-control setting (takes precedence over `suppressBelow`); its keys
   * keep core's names (`suppress_totals`). See docs/disclosure.md. */
  protection?: Protection | null;
  /** Only entries approved by the CRM. */
  approvedOnly?: boolean;
}

/** One dimension value of a key: its code (null: not given) and labels. */
export interface KeyPart {
  code: string | null;
  es: string;
  en: string;
}

/** A row or column key: one part per dimension. */
export type Key = KeyPart[];

/** A non-empty cell; `row` and `col` index `PivotTable.rows` and `.cols`. */
export interface PivotCell {
  row: number;
  col: number;
  /** null when suppressed or when no entry reports the measured quantity. */
  value: number | null;
  entries: number;
  suppressed: boolean;
}

/** A row or column total, computed from the entries (not by adding cells). */
export interface PivotTotal {
  value: number | null;
  entries: number;
  /** Withheld (only when nothing else could protect a cell). */
  suppressed?: boolean;
}

/** Disclosure-control settings (core's `Protection`). */
export interface Protection {
  /** Values 0 < v < k are primary. */
  k: number;
  /** Lower protection level (default k). */
  lower?: number | null;
  /** Upper protection level (default k). */
  upper?: number | null;
  /** Suppression (default) or controlled rounding to a base. */
  method?: { kind: "suppression" } | { kind: "rounding"; base: number };
  /** Whether totals may be withheld when nothing else protects a cell (default true). */
  suppress_totals?: boolean;
}

/** The interval an attacker can derive for one withheld number. */
export interface AuditEntry {
  /** Row index; null for a column total or the grand total. */
  row: number | null;
  /** Column index; null for a row total or the grand total. */
  col: number | null;
  lo: number;
  /** null: unbounded. */
  hi: number | null;
}

/** The audit of a table: how it was computed and the interval of every withheld number. */
export interface Audit {
  method: "network_flow" | "network_flow_linked" | "network_flow_partial" | "controlled_rounding";
  protection?: Protection;
  /** Primary cells left unprotected (0 unless totals may not be withheld). */
  unprotected?: number;
  entries: AuditEntry[];
}

/** A table as published (withheld numbers null): what `auditPublished` reads. */
export interface PublishedTable {
  rows: number;
  cols: number;
  cells: { row: number; col: number; value: number | null }[];
  row_totals: (number | null)[];
  col_totals: (number | null)[];
  grand_total: number | null;
}

/** The spec of a `PivotPartial` (full build): the JSON shape of `PivotOptions`, snake_case. */
export interface PivotPartialSpec {
  rows: Dim[];
  cols: Dim[];
  measure: Measure;
  period: PeriodUnit | null;
  suppress_below: number | null;
  protection?: Protection;
  approved_only: boolean;
}

export interface PivotTable {
  measure: Measure;
  row_dims: Dim[];
  col_dims: Dim[];
  period: PeriodUnit;
  rows: Key[];
  cols: Key[];
  /** Non-empty cells only, row-major. */
  cells: PivotCell[];
  row_totals: PivotTotal[];
  col_totals: PivotTotal[];
  grand_total: PivotTotal;
  suppress_below?: number;
  /** Lines where suppression could not protect a value. */
  exposed?: { line: "row" | "col"; index: number }[];
  /** The audit of the published pattern, for a protected table. */
  audit?: Audit;
  approved_only: boolean;
  pins: Pins;
}

export interface CountryCoverage {
  country: string;
  covered: string[];
  ratio: number;
}

export interface Coverage {
  guideline_version: string;
  items: string[];
  countries: CountryCoverage[];
}

export interface SilentCountry {
  country: string;
  last_report: IsoDate | null;
}

export interface Gaps {
  items_without_reports: string[];
  silent_since: IsoDate;
  silent_countries: SilentCountry[];
}

export interface ReplicationCandidate {
  guideline: string;
  country: string;
  entry_id: string;
  entry_type: EntryType;
  title: string;
  replicable: boolean | null;
  target_countries: string[];
}

export interface AxisSeries {
  axis: string | null;
  entries: number[];
  participants: number[];
  mean_progress: (number | null)[];
}

export interface TimeSeries {
  unit: PeriodUnit;
  periods: string[];
  series: AxisSeries[];
}

/** A table as named, typed columns of equal length (core's `Columns`): what
 * `findingsColumns` returns. */
export interface Columns {
  names: string[];
  columns: Array<
    | { type: "str"; values: Array<string | null> }
    | { type: "f64"; values: Array<number | null> }
    | { type: "u64"; values: number[] }
    | { type: "bool"; values: boolean[] }
    | { type: "opt_u64"; values: Array<number | null> }
    | { type: "opt_bool"; values: Array<boolean | null> }
    | { type: "date"; values: Array<string | null> }
    | { type: "str_list"; values: string[][] }
  >;
}

// ---- Congress cycle ----

export type AgreementKind = "agreement" | "recommendation";
export type AgreementStatus = "open" | "in_progress" | "done" | "dropped";
export type AgreementSourceKind = "congress" | "session" | "webinar" | "table";
export type Modality = "in_person" | "virtual" | "hybrid";

/** A working table of the congress. */
export interface WorkingTable {
  id?: string | null;
  axis?: string | null;
  title?: string | null;
}

/** Attendance of one country and institution at an event (counts, never names). */
export interface Attendance {
  country?: string | null;
  institution?: string | null;
  women?: number;
  men?: number;
  new_staff?: number;
}

/** A webinar, training or congress session of the cycle. */
export interface CycleEvent {
  id?: string | null;
  kind?: SessionKind | null;
  start?: IsoDate | null;
  end?: IsoDate | null;
  modality?: Modality | null;
  topic?: string | null;
  axis?: string | null;
  table?: string | null;
  organiser?: string | null;
  attendance?: Attendance[];
  /** (preparatory webinar) Priority thematic areas agreed for the next congress. */
  priority_areas?: string[];
  /** (follow-up webinar) Agreements followed up, by id. */
  agreements?: string[];
}

/** An agreement (acuerdo) or recommendation; its status is the last of `history`. */
export interface Agreement {
  id?: string | null;
  kind?: AgreementKind;
  text?: { es?: string | null; en?: string | null };
  source?: { kind: AgreementSourceKind; id?: string | null } | null;
  axis?: string | null;
  guidelines?: string[];
  responsible?: string[];
  agreed_on?: IsoDate | null;
  due?: IsoDate | null;
  history?: { status?: AgreementStatus | null; date?: IsoDate | null; note?: string | null }[];
  evidence?: { entry?: string | null; activity?: string | null }[];
}

/** One congress cycle (the JSON shape of `Cycle`). */
export interface CycleDocument {
  /** The congress edition: a number, or a Roman numeral such as "V". */
  congress?: number | string | null;
  /** A title for reports. */
  title?: string | null;
  /** `illustrative` for invented data: outputs built on it say so. */
  provenance?: "official" | "illustrative" | null;
  period?: { start?: IsoDate | null; end?: IsoDate | null };
  tables?: WorkingTable[];
  plans?: WorkPlan[];
  approvals?: Approval[];
  events?: CycleEvent[];
  agreements?: Agreement[];
}

export type ActivityState = "done" | "behind" | "reported" | "not_reported" | "planned";

/** One planned activity and what was reported against it. */
export interface ActivityFollowUp {
  plan: number;
  activity: number;
  path: string;
  plan_id?: string;
  table?: string;
  axis?: string;
  activity_id?: string;
  title?: string;
  start?: IsoDate;
  end?: IsoDate;
  approved: boolean;
  entries: number;
  countries: number;
  participants: number;
  /** The reported share in percent, and how it was measured. */
  progress?: { source: "reported" | "participants"; percent: number };
  /** Share of the activity's period elapsed at `asOf`, in percent. */
  elapsed?: number;
  state: ActivityState;
}

export interface ActivityCounts {
  planned: number;
  approved: number;
  reported: number;
  behind: number;
  done: number;
  not_reported: number;
}

export interface TableFollowUp {
  table?: string;
  axis?: string;
  plans: string[];
  approval?: ApprovalState;
  approved: boolean;
  errors: number;
  warnings: number;
  events: number;
  activities: ActivityCounts;
}

export interface AxisFollowUp {
  axis: string;
  tables: number;
  activities: ActivityCounts;
}

export interface AgreementFollowUp {
  index: number;
  id?: string;
  kind: AgreementKind;
  axis?: string;
  status: AgreementStatus;
  responsible: string[];
  due?: IsoDate;
  days_overdue?: number;
  last_follow_up?: IsoDate;
  evidence: number;
}

export interface EventSummary {
  index: number;
  id?: string;
  kind?: SessionKind;
  start?: IsoDate;
  modality?: Modality;
  axis?: string;
  table?: string;
  attendance: { women: number; men: number; new_staff: number };
  countries: number;
  institutions: number;
}

/** The review of a cycle (`Cycle.review`). */
export interface CycleReview {
  congress?: number;
  period: { start?: IsoDate | null; end?: IsoDate | null };
  as_of: IsoDate;
  report: Report;
  general_plan: GeneralPlan;
  general_report: Report;
  tables: TableFollowUp[];
  activities: ActivityFollowUp[];
  axes: AxisFollowUp[];
  agreements: AgreementFollowUp[];
  events: EventSummary[];
  priority_areas: string[];
  entries: number;
  confirmed: InstitutionRef[];
  pins: Pins;
}

/** Options of `Cycle.systematize`: the review options and the threshold of counts of people. */
export interface SystematizeOptions extends ReviewOptions {
  /** Counts of people below this are protected (default 5). */
  suppressBelow?: number | null;
}

/** A priority action of the systematization report. */
export interface PriorityAction {
  /** The named rule that derived it (`support_activity_behind`, ...). */
  rule: string;
  axis: string | null;
  text: Text;
  /** The figures it rests on. */
  figures: Record<string, string>;
}

/** Every figure of the systematization report (`Systematization.toJSON()`). */
export interface SystematizationData {
  title: string | null;
  congress: number | null;
  period: { start?: IsoDate | null; end?: IsoDate | null };
  as_of: IsoDate;
  illustrative: ("guidelines" | "data")[];
  pins: Record<string, string | null>;
  figures: Record<string, unknown>;
  axes: Record<string, unknown>[];
  heatmap: PivotTable;
  participants: PivotTable;
  actions: PriorityAction[];
  guideline_review: Report;
  replication: Record<string, unknown>[];
  attendance: Record<string, unknown>[];
  suppress_below: number;
  review: CycleReview;
}
