/**
 * Diagnostics: validation of open documents, cached by URI + version, debounced while typing,
 * delivered by pull (textDocument/diagnostic) when the client supports it and pushed
 * (textDocument/publishDiagnostics) otherwise. A result is never delivered for a version older
 * than the document's current one.
 */
import { performance } from 'node:perf_hooks';
import {
  type CancellationToken,
  type Diagnostic,
  DiagnosticSeverity,
  type DocumentDiagnosticReport,
  LSPErrorCodes,
  MessageType,
  ResponseError,
  ShowMessageNotification,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { checkReport, type CheckResult } from '../engine/check';
import { resolveSeverity } from '../engine/config';
import type { ReportModel } from '../engine/model';
import type { CheckCache } from '../engine/rules/rule';
import { parseReport } from '../engine/parse/parser';
import { isPreviousReport } from '../engine/rules/cross-year';
import { ruleInfo } from '../engine/rules/registry';
import { formatForYear } from '../engine/template';
import type { Finding, FormatId, Severity } from '../engine/types';
import { STATUS_METHOD, type ReportStatus } from '../protocol';
import { isReportDocument, type ServerContext } from './context';
import { docsUrl, type GkreportSettings, type ResolvedSettings } from './settings';

/** Default delay between the last keystroke and a check, in milliseconds (`gkreport.debounce`). */
export const DEBOUNCE_MS = 200;

/** What a diagnostic carries for the code-action handler: which finding of which version it shows. */
export interface DiagnosticData {
  version: number;
  index: number;
  fingerprint: string;
}

/** The result of checking one version of one document. */
export interface Validation {
  uri: string;
  version: number;
  /** Settings generation the check used. */
  generation: number;
  /** Serial number of the check (a new one for every computation; part of the pull result id). */
  serial: number;
  isReport: boolean;
  text: string;
  resolved: ResolvedSettings;
  result?: CheckResult;
  previous?: { uri: string; model: ReportModel };
  diagnostics: Diagnostic[];
  status: ReportStatus;
  largeFileGuard: boolean;
}

/** A quick parse of a document for hover, symbols, folding and completion (no rules run). */
export interface Snapshot {
  model: ReportModel;
  format: FormatId;
  resolved: ResolvedSettings;
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/** A short stable hash of what identifies a finding within one version of a document. */
export function fingerprint(f: Pick<Finding, 'code' | 'range' | 'message'>): string {
  const s = `${f.code}|${f.range.start.line}:${f.range.start.character}-${f.range.end.line}:${f.range.end.character}|${f.message}`;
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/** The LSP diagnostic of a finding. */
export function toDiagnostic(f: Finding, index: number, uri: string, version: number, settings: GkreportSettings, withRelated = true): Diagnostic {
  const d: Diagnostic = {
    range: f.range,
    severity: SEVERITY[f.severity],
    code: f.code,
    codeDescription: { href: docsUrl(settings, f.code) },
    source: 'gkreport',
    message: f.message,
    data: { version, index, fingerprint: fingerprint(f) } satisfies DiagnosticData,
  };
  if (withRelated && f.related.length > 0) {
    d.relatedInformation = f.related.map((r) => ({ location: { uri, range: r.range }, message: r.message }));
  }
  return d;
}

function counts(findings: Finding[]): ReportStatus['counts'] {
  const c = { error: 0, warning: 0, info: 0 };
  for (const f of findings) c[f.severity]++;
  return c;
}

let measured: { text: string; bytes: number } | undefined;

/** Whether a document exceeds `gkreport.maxFileSize`; the byte count of the last text is kept, as one edit asks several times. */
function isLarge(text: string, settings: GkreportSettings): boolean {
  if (text.length <= settings.maxFileSize / 4) return false;
  if (measured?.text !== text) measured = { text, bytes: Buffer.byteLength(text, 'utf8') };
  return measured.bytes > settings.maxFileSize;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class DiagnosticsFeature {
  private readonly cache = new Map<string, Validation>();
  /** Per open document: what the engine keeps from one check to the next. */
  private readonly engineCaches = new Map<string, CheckCache>();
  private readonly pending = new Map<string, { version: number; generation: number; promise: Promise<Validation | undefined> }>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly lastChange = new Map<string, number>();
  /** Documents opened but not yet seen by onDidChangeContent (which also fires on open). */
  private readonly opening = new Set<string>();
  /** Documents whose next pull must re-check even if checking is on save only (they were just saved). */
  private readonly saved = new Set<string>();
  private readonly largeFileNoticeShown = new Set<string>();
  private serial = 0;

  constructor(private readonly ctx: ServerContext) {}

  /** Wires the document events and the pull handlers. */
  register(): void {
    const { documents, connection } = this.ctx;
    documents.onDidOpen((e) => {
      this.opening.add(e.document.uri);
      this.schedule(e.document.uri, 0, 'open');
    });
    documents.onDidChangeContent((e) => {
      const uri = e.document.uri;
      if (this.opening.delete(uri)) return;
      this.lastChange.set(uri, Date.now());
      this.schedule(uri, this.debounceFor(uri), 'change');
    });
    documents.onDidSave((e) => {
      this.saved.add(e.document.uri);
      this.schedule(e.document.uri, 0, 'save');
    });
    documents.onDidClose((e) => {
      const uri = e.document.uri;
      this.cancelTimer(uri);
      this.cache.delete(uri);
      this.engineCaches.delete(uri);
      this.pending.delete(uri);
      this.lastChange.delete(uri);
      this.opening.delete(uri);
      this.saved.delete(uri);
      this.ctx.settings.forget(uri);
      if (!this.ctx.client.pullDiagnostics) void connection.sendDiagnostics({ uri, diagnostics: [] });
    });
    if (this.ctx.client.pullDiagnostics) {
      connection.languages.diagnostics.on((params, token) => this.pull(params.textDocument.uri, params.previousResultId, token));
    }
    connection.onRequest(STATUS_METHOD, (params: { uri?: string }) => {
      const v = params?.uri ? this.cache.get(params.uri) : undefined;
      return v ? v.status : null;
    });
  }

  /** Forgets every cached check (e.g. last year's report changed on disk). */
  invalidate(): void {
    this.cache.clear();
    this.pending.clear();
  }

  /** After a settings or configuration file change: check every open document again. */
  revalidateAll(): void {
    if (this.ctx.client.pullDiagnostics) {
      if (this.ctx.client.diagnosticRefresh) void this.ctx.connection.languages.diagnostics.refresh().catch(() => undefined);
      // The status of documents the client does not pull again (hidden tabs) is refreshed here.
      for (const doc of this.ctx.documents.all()) this.schedule(doc.uri, this.debounceFor(doc.uri), 'refresh');
      return;
    }
    for (const doc of this.ctx.documents.all()) this.schedule(doc.uri, 0, 'refresh');
  }

  /**
   * The validation of a document at its current version: from the cache, else computed now.
   * Undefined when the document changed or closed while the settings were being fetched.
   */
  async validate(doc: TextDocument): Promise<Validation | undefined> {
    // TextDocuments updates documents in place: remember the version asked for.
    const uri = doc.uri;
    const version = doc.version;
    const generation = this.ctx.settings.generation;
    const cached = this.cache.get(uri);
    if (cached && cached.version === version && cached.generation === generation) return cached;
    const pending = this.pending.get(uri);
    if (pending && pending.version === version && pending.generation === generation) return pending.promise;
    const promise = (async (): Promise<Validation | undefined> => {
      const resolved = await this.ctx.settings.get(uri);
      const current = this.ctx.documents.get(uri);
      if (!current || current.version !== version || this.ctx.settings.generation !== generation) return undefined;
      const v = this.compute(current, resolved, generation);
      const old = this.cache.get(uri);
      if (!old || old.version <= v.version) this.cache.set(uri, v);
      this.dependents(v);
      return v;
    })().finally(() => {
      if (this.pending.get(uri)?.promise === promise) this.pending.delete(uri);
    });
    this.pending.set(uri, { version, generation, promise });
    return promise;
  }

  /** A model of the document's current text, for features that need no rules. */
  async snapshot(doc: TextDocument): Promise<Snapshot | undefined> {
    const resolved = await this.ctx.settings.get(doc.uri);
    const current = this.ctx.documents.get(doc.uri);
    if (!current) return undefined;
    const cached = this.cache.get(doc.uri);
    if (cached && cached.version === current.version) {
      return cached.result ? { model: cached.result.model, format: cached.result.format, resolved } : undefined;
    }
    const text = current.getText();
    if (!isReportDocument(current.languageId, text, resolved.settings.languages)) return undefined;
    const model = parseReport(text, { template: resolved.options.template });
    const template = resolved.options.template;
    return { model, format: template && template !== 'auto' ? template : formatForYear(model.year), resolved };
  }

  /** Runs the engine on one version of a document (synchronous). */
  private compute(doc: TextDocument, resolved: ResolvedSettings, generation: number): Validation {
    const started = performance.now();
    const text = doc.getText();
    const { settings, options } = resolved;
    const largeFileGuard = isLarge(text, settings);
    const base = {
      uri: doc.uri, version: doc.version, generation, serial: ++this.serial, text, resolved, largeFileGuard,
    };
    const status: ReportStatus = {
      uri: doc.uri, version: doc.version, isReport: false, counts: { error: 0, warning: 0, info: 0 },
      timeMs: 0, largeFileGuard, run: settings.run,
      configFile: resolved.configFile?.path,
      configErrors: resolved.configFile && resolved.configFile.errors.length > 0 ? resolved.configFile.errors : undefined,
    };
    if (!isReportDocument(doc.languageId, text, settings.languages)) {
      status.timeMs = round(performance.now() - started);
      return { ...base, isReport: false, diagnostics: [], status };
    }
    let result: CheckResult;
    let previous: Validation['previous'];
    try {
      const model = parseReport(text, { template: options.template });
      if (resolveSeverity('cross-year', ruleInfo('cross-year').defaultSeverity, options) !== 'off') {
        previous = this.ctx.workspace.previousFor(doc.uri, model, options);
      }
      let engineCache = this.engineCaches.get(doc.uri);
      if (!engineCache) this.engineCaches.set(doc.uri, (engineCache = {}));
      result = checkReport({ text, options, model, previous: previous?.model, cache: engineCache });
    } catch (error) {
      this.ctx.connection.console.error(`gkreport: checking ${doc.uri} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      status.isReport = true;
      status.timeMs = round(performance.now() - started);
      return { ...base, isReport: true, diagnostics: [], status };
    }
    const diagnostics = result.findings.map((f, i) => toDiagnostic(f, i, doc.uri, doc.version, settings, this.ctx.client.relatedInformation));
    Object.assign(status, {
      isReport: true,
      format: result.format,
      labelFormat: result.model.labelFormat,
      year: result.year,
      agency: result.agency,
      counts: counts(result.findings),
      timeMs: round(performance.now() - started),
      previousReport: previous?.uri,
    });
    return { ...base, isReport: true, result, previous, diagnostics, status };
  }

  /** The document's `gkreport.debounce` as last resolved (the default before its settings are known). */
  private debounceFor(uri: string): number {
    return this.ctx.settings.peek(uri)?.settings.debounce ?? DEBOUNCE_MS;
  }

  private cancelTimer(uri: string): void {
    const t = this.timers.get(uri);
    if (t) clearTimeout(t);
    this.timers.delete(uri);
  }

  /** Plans a check of a document; a newer plan replaces an older one. */
  private schedule(uri: string, delay: number, trigger: 'open' | 'change' | 'save' | 'refresh' | 'dependency'): void {
    this.cancelTimer(uri);
    const timer = setTimeout(() => {
      if (this.timers.get(uri) === timer) this.timers.delete(uri);
      this.run(uri, trigger).catch((error) => this.ctx.connection.console.error(`gkreport: ${String(error)}`));
    }, delay);
    this.timers.set(uri, timer);
  }

  /** A planned check: push mode publishes, pull mode only refreshes the status. */
  private async run(uri: string, trigger: 'open' | 'change' | 'save' | 'refresh' | 'dependency'): Promise<void> {
    const doc = this.ctx.documents.get(uri);
    if (!doc) return;
    const version = doc.version;
    const pull = this.ctx.client.pullDiagnostics;
    if (pull && trigger !== 'refresh' && trigger !== 'save') {
      // The client pulls; validation happens in the pull handler.
      return;
    }
    const resolved = await this.ctx.settings.get(uri);
    const current = this.ctx.documents.get(uri);
    if (!current || current.version !== version) return;
    const guarded = resolved.settings.run === 'onSave' || isLarge(current.getText(), resolved.settings);
    if (guarded && (trigger === 'change' || trigger === 'dependency')) {
      this.noticeLargeFile(current, resolved.settings);
      const last = this.cache.get(uri);
      if (last) this.sendStatus({ ...last.status, largeFileGuard: isLarge(current.getText(), resolved.settings) });
      return;
    }
    if (pull && trigger === 'save') {
      // A check on save for a document the client would otherwise keep showing stale results for.
      if (guarded && this.ctx.client.diagnosticRefresh) void this.ctx.connection.languages.diagnostics.refresh().catch(() => undefined);
      return;
    }
    const v = await this.validate(current);
    if (!v) return;
    if (this.ctx.documents.get(uri)?.version !== v.version) return;
    if (!pull) {
      void this.ctx.connection.sendDiagnostics({ uri, version: v.version, diagnostics: v.diagnostics });
    }
    if (v.largeFileGuard) this.noticeLargeFile(current, resolved.settings);
    this.sendStatus(v.status);
  }

  /**
   * After a check of `v`: the open reports that compare with it across years (next year's report
   * of the same agency, or a report that used it as last year's) are stale; they are checked
   * again (push) or the client is asked to pull again (pull).
   */
  private dependents(v: Validation): void {
    const model = v.result?.model;
    const stale = [...this.cache.values()].filter(
      (o) => o.uri !== v.uri && o.result && (o.previous?.uri === v.uri || (model !== undefined && isPreviousReport(o.result.model, model))),
    );
    if (stale.length === 0) return;
    for (const o of stale) this.cache.delete(o.uri);
    if (!this.ctx.client.pullDiagnostics) {
      for (const o of stale) this.schedule(o.uri, this.debounceFor(o.uri), 'dependency');
    } else if (this.ctx.client.diagnosticRefresh) {
      void this.ctx.connection.languages.diagnostics.refresh().catch(() => undefined);
    }
  }

  /** textDocument/diagnostic. */
  private async pull(uri: string, previousResultId: string | undefined, token: CancellationToken): Promise<DocumentDiagnosticReport> {
    const doc = this.ctx.documents.get(uri);
    if (!doc) return { kind: 'full', items: [] };
    const version = doc.version;
    const resolved = await this.ctx.settings.get(uri);
    let current = this.ctx.documents.get(uri);
    if (!current) return { kind: 'full', items: [] };
    const guarded = resolved.settings.run === 'onSave' || isLarge(current.getText(), resolved.settings);
    const last = this.cache.get(uri);
    let v: Validation | undefined;
    if (guarded && last && last.generation === this.ctx.settings.generation && !this.saved.has(uri)) {
      // Checked on open and save only: keep showing the last check until the next save.
      this.noticeLargeFile(current, resolved.settings);
      v = last;
    } else {
      const wait = resolved.settings.debounce - (Date.now() - (this.lastChange.get(uri) ?? 0));
      if (wait > 0 && !guarded) await sleep(wait);
      if (token.isCancellationRequested) throw cancelled(false);
      current = this.ctx.documents.get(uri);
      if (!current) return { kind: 'full', items: [] };
      if (current.version !== version) throw cancelled(true);
      v = await this.validate(current);
      if (!v || this.ctx.documents.get(uri)?.version !== v.version) throw cancelled(true);
      this.saved.delete(uri);
      if (v.largeFileGuard) this.noticeLargeFile(current, resolved.settings);
    }
    this.sendStatus(v.status);
    const resultId = `${v.version}:${v.serial}`;
    if (previousResultId === resultId) return { kind: 'unchanged', resultId };
    return { kind: 'full', resultId, items: v.diagnostics };
  }

  private sendStatus(status: ReportStatus): void {
    void this.ctx.connection.sendNotification(STATUS_METHOD, status);
  }

  /** Says once per document that it is only checked on open and save. */
  private noticeLargeFile(doc: TextDocument, settings: GkreportSettings): void {
    if (!isLarge(doc.getText(), settings) || this.largeFileNoticeShown.has(doc.uri)) return;
    this.largeFileNoticeShown.add(doc.uri);
    const size = Buffer.byteLength(doc.getText(), 'utf8');
    const message = this.ctx.locale === 'zh-cn'
      ? `gkreport：此文件（${size} 字节）超过 gkreport.maxFileSize（${settings.maxFileSize} 字节），只在打开和保存时检查。`
      : `gkreport: this file (${size} bytes) is larger than gkreport.maxFileSize (${settings.maxFileSize} bytes); it is checked on open and save only.`;
    void this.ctx.connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Info, message });
  }
}

function cancelled(retrigger: boolean): ResponseError<{ retriggerRequest: boolean }> {
  return new ResponseError(LSPErrorCodes.ServerCancelled, 'The document changed; diagnostics are out of date.', { retriggerRequest: retrigger });
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
