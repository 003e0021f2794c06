/**
 * The client's side of the messages beyond LSP. The server's own additions (status notification
 * and request, the workspace command) are declared in server/src/protocol.ts; this file adds what
 * the client sends and tolerates both shapes of the status notification. Pure: no `vscode` import.
 */
import type { ReportStatus, WorkspaceValidationSummary } from '../../server/src/protocol';

export { STATUS_METHOD, VALIDATE_WORKSPACE_COMMAND, type ReportStatus, type WorkspaceValidationSummary } from '../../server/src/protocol';

/**
 * Request client → server: check files (open or not), deliver their diagnostics (published, or
 * refreshed for pull clients) and return per-file counts. The client sends the workspace in
 * batches so that it can show progress and cancel between them.
 */
export const VALIDATE_FILES_REQUEST = 'gkreport/validateFiles';

export interface ValidateFilesParams {
  /** URIs of the files to check; open documents are checked with their editor text. */
  uris: string[];
}

export interface ValidatedFile {
  uri: string;
  /** False when the file does not look like a report and was skipped. */
  report?: boolean;
  isReport?: boolean;
  errors?: number;
  warnings?: number;
  infos?: number;
  counts?: { error: number; warning: number; info: number };
  /** Set when the file could not be read or checked. */
  error?: string;
}

export interface ValidateFilesResult {
  /** One entry per requested URI. */
  files: ValidatedFile[];
}

/** What the client passes in `initializationOptions`. */
export interface InitializationOptions {
  /** The UI language, `vscode.env.language` (e.g. `zh-cn`, `en`). */
  locale: string;
}

/** The code-action kind of the server's "fix all" action. */
export const FIX_ALL_KIND = 'source.fixAll.gkreport';

/** The diagnostic `source` the server sets. */
export const DIAGNOSTIC_SOURCE = 'gkreport';

/** Counts of findings by severity. */
export interface Counts {
  errors: number;
  warnings: number;
  infos: number;
}

/** A document's status as the client uses it, whatever shape the server sent. */
export interface DocumentStatus extends Counts {
  uri: string;
  isReport: boolean;
  format?: '2019' | '2021';
  year?: number;
  ms: number;
  largeFileGuard: boolean;
  configFile?: string;
  configErrors?: string[];
  previousReport?: string;
}

type Loose = Record<string, unknown>;

const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

/** Counts from `{ counts: { error, warning, info } }` or `{ errors, warnings, infos }`. */
export function countsOf(raw: Loose): Counts {
  const counts = (raw.counts ?? {}) as Loose;
  return {
    errors: num(counts.error ?? raw.errors),
    warnings: num(counts.warning ?? raw.warnings),
    infos: num(counts.info ?? raw.infos),
  };
}

/** Whether a status or file result says the document is a report (`isReport` or `report`). */
export function isReportOf(raw: Loose): boolean {
  return (raw.isReport ?? raw.report) !== false;
}

/**
 * Normalises a `gkreport/status` payload: the server's `ReportStatus`
 * (`counts`, `timeMs`, `isReport`) or the flat shape (`errors`, `ms`, `report`).
 */
export function normalizeStatus(payload: ReportStatus | Loose | null | undefined): DocumentStatus | undefined {
  if (!payload || typeof payload !== 'object') return undefined;
  const raw = payload as Loose;
  if (typeof raw.uri !== 'string') return undefined;
  const format = raw.format === '2019' || raw.format === '2021' ? raw.format : undefined;
  return {
    uri: raw.uri,
    isReport: isReportOf(raw),
    format,
    year: typeof raw.year === 'number' ? raw.year : undefined,
    ...countsOf(raw),
    ms: num(raw.timeMs ?? raw.ms),
    largeFileGuard: raw.largeFileGuard === true,
    configFile: typeof raw.configFile === 'string' ? raw.configFile : undefined,
    configErrors: Array.isArray(raw.configErrors) ? raw.configErrors.map(String) : undefined,
    previousReport: typeof raw.previousReport === 'string' ? raw.previousReport : undefined,
  };
}

/** Totals of the server's `gkreport.validateWorkspace` command result. */
export function summaryOf(result: WorkspaceValidationSummary | Loose | null | undefined): (Counts & { reports: number }) | undefined {
  if (!result || typeof result !== 'object') return undefined;
  const raw = result as Loose;
  return { reports: num(raw.files ?? raw.reports), ...countsOf(raw) };
}
