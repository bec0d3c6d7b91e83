/** Shapes of the runtime's HTTP API (docs/api.md) as the studio reads them. */
import type { CountyConfig, Decision, Explanation, I18nText, Issue, TestResult, Unit } from '../../../engine/index';
import type { ApiSlaPlan } from './sla-plan';

export interface Me {
  county: string;
  /** `platform_admin`: the platform administrator, bound to no county (`county` is then null). */
  role: 'county_admin' | 'dispatcher' | 'handler' | 'grid_worker' | 'policy_designer' | 'platform_admin';
  unit: string | null;
  /** The unit's name in the active config (null without a unit or an active config). */
  unitName?: I18nText | null;
  id: string;
  /** The account's name, or the API token's label. */
  name?: string | null;
  /** A password session on its temporary password: only the password change works. */
  passwordChangeRequired?: boolean;
}

/** What the report page needs from the active config (GET …/report-kit). */
export interface ReportKit {
  version: number;
  categories: Array<{ code: string; name: I18nText; children: Array<{ code: string; name: I18nText; form: string; platform: string }> }>;
  forms: Record<string, { schema: Record<string, unknown>; uiSchema: Record<string, unknown> }>;
  units: Unit[];
  levels: Array<{ level: number; name: I18nText }>;
}

export type VersionStatus = 'draft' | 'published' | string;

export interface ConfigVersionSummary {
  version: number;
  status: VersionStatus;
  active: boolean;
  hash?: string;
  createdAt?: string;
  createdBy?: string;
  /** The name of who made it (an account's name, an API token's label). */
  createdByName?: string | null;
  publishedAt?: string | null;
  summary?: unknown;
  /** The config's own name (its document's `name`). */
  name?: I18nText | null;
}

/** A catalog a draft can start from. */
export interface CatalogSummary {
  id: string;
  name: I18nText | null;
  description: string | I18nText | null;
}

export interface ConfigVersionDetail {
  version: number;
  status: VersionStatus;
  active: boolean;
  document: CountyConfig;
  issues: Issue[];
}

export interface TestRun {
  passed: number;
  failed: number;
  results: TestResult[];
}

export interface EventRecord {
  id: string;
  county: string;
  configVersion: number;
  category: string;
  level: number;
  state: string;
  closed?: boolean;
  handlingUnit: string | null;
  dispatcher: string;
  assist: string[];
  reporterId: string;
  source?: string;
  grid: string | null;
  township: string | null;
  red: boolean;
  data: Record<string, unknown>;
  decision: Decision | null;
  explanation?: Explanation | null;
  /** Its times ISO 8601 with the county's offset; `slaPlanFromApi` reads it into the engine's plan. */
  sla: ApiSlaPlan | null;
  version: number;
  reportedAt: string;
  updatedAt: string;
  /** Worklist items only (they carry no SLA plan): the running clocks' deadlines, ISO, or null. */
  acceptDue?: string | null;
  resolveDue?: string | null;
}

/** One audit entry. The runtime's field names are read leniently (see event-history.tsx). */
export interface HistoryEntry {
  seq?: number;
  at: string;
  action: string;
  actor?: { id?: string; role?: string; name?: string };
  actorId?: string;
  actorRole?: string;
  fromState?: string | null;
  toState?: string | null;
  from?: string | null;
  to?: string | null;
  ruleId?: string | null;
  detail?: Record<string, unknown> | null;
  text?: string;
}

export type ActionRequirement = 'reason' | 'unit' | 'feedback' | 'duplicateOf';

export interface EventAction {
  action: string;
  name: I18nText;
  to: string;
  requires?: ActionRequirement[];
}

/** How the caller sees the reporter's name and phone: in clear, masked, or masked with the right to reveal them. */
export type ReporterAccess = 'clear' | 'masked' | 'revealable';

export interface EventDetail {
  event: EventRecord;
  reporterAccess?: ReporterAccess;
  history: HistoryEntry[];
  actions: EventAction[];
  tickets?: Array<{ id: string; unit?: string; issuedAt?: string; reason?: unknown }>;
}

export interface ActionInput {
  version: number;
  reason?: string;
  unit?: string;
  feedback?: string;
  duplicateOf?: string;
  /** With `confirm`: the reporter's rating (a value of the county's satisfaction scale). */
  satisfaction?: string;
}
