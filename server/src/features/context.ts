/**
 * What every feature of the language server shares: the connection, the open documents, the
 * client's capabilities, settings, the workspace index and the validator.
 */
import type { ClientCapabilities, Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { looksLikeReport } from '../engine/detect';
import type { Locale } from '../engine/types';
import type { DiagnosticsFeature } from './diagnostics';
import type { SettingsManager } from './settings';
import type { WorkspaceIndex } from './workspace';

/** What the client said it supports, read once from the initialize request. */
export interface ClientSupport {
  /** textDocument/diagnostic (pull); otherwise diagnostics are pushed. */
  pullDiagnostics: boolean;
  /** workspace/diagnostic/refresh. */
  diagnosticRefresh: boolean;
  /** workspace/configuration. */
  configuration: boolean;
  /** Dynamic registration of workspace/didChangeConfiguration. */
  configurationRegistration: boolean;
  /** Dynamic registration of workspace/didChangeWatchedFiles. */
  watchedFilesRegistration: boolean;
  /** Versioned `documentChanges` in workspace edits. */
  documentChanges: boolean;
  /** Hierarchical document symbols. */
  hierarchicalSymbols: boolean;
  /** Markdown in hovers. */
  markdownHover: boolean;
  /** relatedInformation in diagnostics. */
  relatedInformation: boolean;
}

/** Reads the capabilities the server cares about. */
export function clientSupport(caps: ClientCapabilities): ClientSupport {
  return {
    pullDiagnostics: !!caps.textDocument?.diagnostic,
    diagnosticRefresh: !!caps.workspace?.diagnostics?.refreshSupport,
    configuration: !!caps.workspace?.configuration,
    configurationRegistration: !!caps.workspace?.didChangeConfiguration?.dynamicRegistration,
    watchedFilesRegistration: !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration,
    documentChanges: !!caps.workspace?.workspaceEdit?.documentChanges,
    hierarchicalSymbols: !!caps.textDocument?.documentSymbol?.hierarchicalDocumentSymbolSupport,
    markdownHover: (caps.textDocument?.hover?.contentFormat ?? ['markdown']).includes('markdown'),
    relatedInformation: caps.textDocument?.publishDiagnostics?.relatedInformation !== false,
  };
}

export interface ServerContext {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  /** Message language: `zh-cn` when the client's locale starts with `zh`, else `en`. */
  locale: Locale;
  client: ClientSupport;
  settings: SettingsManager;
  workspace: WorkspaceIndex;
  diagnostics: DiagnosticsFeature;
}

/** The message language of a client locale (initialize params `locale`). */
export function localeOf(clientLocale: string | undefined): Locale {
  return clientLocale && /^zh/i.test(clientLocale) ? 'zh-cn' : 'en';
}

/** The language id an unopened file would get from its extension. */
export function languageOfPath(path: string): string | undefined {
  const lower = path.toLowerCase();
  if (lower.endsWith('.gkreport')) return 'gkreport';
  if (lower.endsWith('.md') || lower.endsWith('.markdown')) return 'markdown';
  if (lower.endsWith('.txt')) return 'plaintext';
  return undefined;
}

/**
 * Whether a document is checked: `gkreport` documents always; documents of the other languages
 * listed in `gkreport.languages` (markdown, plaintext) when their first lines name a report.
 */
export function isReportDocument(languageId: string, text: string, languages: readonly string[]): boolean {
  if (languageId === 'gkreport') return true;
  // Vim and Neovim call plain text `text`.
  const id = languageId === 'text' ? 'plaintext' : languageId;
  return languages.includes(id) && looksLikeReport(text);
}
