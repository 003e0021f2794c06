/**
 * The client's side of the messages beyond LSP. The server's own additions (status notification
 * and request, the `validateFiles` request, the workspace command) are declared in
 * server/src/protocol.ts and re-exported here; this file adds only what the client itself sends
 * or relies on. Pure: no `vscode` import.
 */
import type { ReportStatus } from '../../server/src/protocol';

export {
  DOCUMENT_FACTS_METHOD,
  RENDER_TABLE_METHOD,
  STATUS_METHOD,
  VALIDATE_FILES_METHOD,
  VALIDATE_WORKSPACE_COMMAND,
  type DocumentFacts,
  type DocumentFactsParams,
  type RenderTableParams,
  type ReportStatus,
  type StatusParams,
  type ValidatedFile,
  type ValidateFilesParams,
  type ValidateFilesResult,
  type WorkspaceValidationSummary,
} from '../../server/src/protocol';

/** What the client passes in `initializationOptions`. */
export interface InitializationOptions {
  /** The UI language, `vscode.env.language` (e.g. `zh-cn`, `en`). */
  locale: string;
}

/** The code-action kind of the server's "fix all" action. */
export const FIX_ALL_KIND = 'source.fixAll.gkreport';

/** The diagnostic `source` the server sets. */
export const DIAGNOSTIC_SOURCE = 'gkreport';

/** Findings per severity, as the server counts them (`ReportStatus.counts`, `ValidatedFile.counts`, …). */
export type SeverityCounts = ReportStatus['counts'];

/** Findings per severity, named as the client's messages name them (`{errors}`, `{warnings}`, `{infos}`). */
export interface Counts {
  errors: number;
  warnings: number;
  infos: number;
}

/** The server's counts as the parameters of the client's messages. */
export function messageCounts(counts: SeverityCounts): Counts {
  return { errors: counts.error, warnings: counts.warning, infos: counts.info };
}
