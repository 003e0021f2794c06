/**
 * The language server's own protocol additions, shared with the VS Code client (types and method
 * names only: importing this file pulls in no server code).
 *
 * - Notification `gkreport/status` (server → client) after every validation of an open document.
 * - Request `gkreport/status` (client → server) with `{ uri }`: the last status of that document
 *   (null when the server has none, e.g. the document is not a report).
 * - Request `gkreport/validateFiles` (client → server) with `{ uris }`: checks those files (open
 *   documents with their editor text, others from disk), delivers their diagnostics (pushed, or a
 *   diagnostic refresh for pull clients) and returns one `ValidatedFile` per URI.
 * - Request `gkreport/documentFacts` (client → server) with a document's text: its year, format,
 *   table layout and the tables it holds (`DocumentFacts`), for inserting a standard table.
 * - Request `gkreport/renderTable` (client → server): the text of a standard table in a format and
 *   layout, zeros in its cells.
 * - Command `gkreport.validateWorkspace` (workspace/executeCommand): checks every report file of
 *   the workspace folders; pushes their diagnostics (push clients) or asks the client to pull them
 *   again (pull clients). Returns a `WorkspaceValidationSummary`. The language client registers the
 *   command itself from the server's capabilities: the extension must not register the same id.
 */

import type { TableLayout } from './engine/model';
import type { TableId } from './engine/template/types';
import type { FormatId } from './engine/types';

/** Method of the status notification and request. */
export const STATUS_METHOD = 'gkreport/status';

/** Id of the "validate every report in the workspace" command. */
export const VALIDATE_WORKSPACE_COMMAND = 'gkreport.validateWorkspace';

/** What the server knows about one open document after validating it. */
export interface ReportStatus {
  uri: string;
  /** Document version the status describes. */
  version: number;
  /** False when the document is not checked (not a report, or its language is not enabled). */
  isReport: boolean;
  /** The national format the tables are checked against (`2019` or `2021`). */
  format?: '2019' | '2021';
  /** The format the table labels follow, when they show one. */
  labelFormat?: '2019' | '2021';
  /** Report year read from the title, period or closing date. */
  year?: number;
  agency?: string;
  /** Number of findings per severity. */
  counts: { error: number; warning: number; info: number };
  /** Time the check took, in milliseconds. */
  timeMs: number;
  /** True when the file is larger than `gkreport.maxFileSize`: it is checked on open and save only. */
  largeFileGuard: boolean;
  /** `onType` or `onSave` (the effective `gkreport.run`). */
  run: 'onType' | 'onSave';
  /** URI of last year's report of the same agency used for `cross-year`, when one was found. */
  previousReport?: string;
  /** Path of the `.gkreportrc.json` that applies, when there is one. */
  configFile?: string;
  /** Problems of that configuration file. */
  configErrors?: string[];
}

/** Parameters of the `gkreport/status` request. */
export interface StatusParams {
  uri: string;
}

/** Result of `gkreport.validateWorkspace`. */
export interface WorkspaceValidationSummary {
  /** Report files checked. */
  files: number;
  counts: { error: number; warning: number; info: number };
  timeMs: number;
}

/** Method of the request that checks a list of files. */
export const VALIDATE_FILES_METHOD = 'gkreport/validateFiles';

export interface ValidateFilesParams {
  uris: string[];
}

export interface ValidatedFile {
  uri: string;
  /** False when the file is not checked (not a report, or its language is not enabled). */
  isReport: boolean;
  counts: { error: number; warning: number; info: number };
  /** Set when the file could not be read or checked. */
  error?: string;
}

export interface ValidateFilesResult {
  files: ValidatedFile[];
}

/** Method of the request for what a document holds before a table is inserted into it. */
export const DOCUMENT_FACTS_METHOD = 'gkreport/documentFacts';

export interface DocumentFactsParams {
  /** The document's text (the server need not have the document open). */
  text: string;
  languageId: string;
  /** The `gkreport.format` setting: `auto`, `2019` or `2021`. */
  format?: string;
}

/** The answer to `gkreport/documentFacts`. */
export type { DocumentFacts } from './engine/facts';

/** Method of the request for the text of a standard table. */
export const RENDER_TABLE_METHOD = 'gkreport/renderTable';

export interface RenderTableParams {
  format: FormatId;
  table: TableId;
  layout: TableLayout;
  eol: '\n' | '\r\n';
  /** The unit of money headers that the national format leaves without one. */
  moneyUnit?: '万元' | '元';
}
