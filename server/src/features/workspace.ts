/**
 * The workspace: report files of the workspace folders (scanned lazily, cached until files change),
 * last year's report of the same agency for `cross-year`, workspace diagnostics
 * (workspace/diagnostic) and the `gkreport.validateWorkspace` command.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import type {
  CancellationToken,
  WorkspaceDiagnosticReport,
  WorkspaceDocumentDiagnosticReport,
  WorkspaceFolder,
} from 'vscode-languageserver/node';
import { checkReport } from '../engine/check';
import { resolveSeverity } from '../engine/config';
import type { ReportModel } from '../engine/model';
import { parseReport } from '../engine/parse/parser';
import { isPreviousReport } from '../engine/rules/cross-year';
import { ruleInfo } from '../engine/rules/registry';
import type { EngineOptions, Finding } from '../engine/types';
import { decodeBuffer, isDecodeError } from '../node/decode';
import { VALIDATE_FILES_METHOD, type ValidatedFile, type ValidateFilesParams, type ValidateFilesResult, type WorkspaceValidationSummary } from '../protocol';
import { isReportDocument, languageOfPath, type ServerContext } from './context';
import { toDiagnostic } from './diagnostics';
import { uriToPath } from './settings';

/** Files larger than this are not read for the workspace (bytes). */
const MAX_READ_BYTES = 8 * 1024 * 1024;
/** At most this many report candidates per folder. */
const MAX_FILES = 2000;
const MAX_DEPTH = 10;
/** A folder listing is reused for this long when no file events arrive (ms). */
const LIST_TTL_MS = 10_000;
const SKIPPED_DIRS = new Set(['node_modules', 'out', 'dist', '__pycache__']);

interface FileEntry {
  stamp: string;
  text?: string;
  model?: ReportModel;
  /** Parse options the model was made with. */
  template?: string;
}

/** Agency name as compared across years: without spaces and Markdown marks. */
function agencyKey(agency: string | undefined): string | undefined {
  const key = agency?.replace(/[\s#*]+/g, '');
  return key ? key : undefined;
}

export class WorkspaceIndex {
  private folders: string[] = [];
  /** Bumped whenever report files change: workspace results of an older epoch are stale. */
  epoch = 0;
  private readonly lists = new Map<string, { time: number; files: string[] }>();
  private readonly files = new Map<string, FileEntry>();

  constructor(private readonly ctx: Pick<ServerContext, 'documents'>) {}

  /** Sets the workspace folders (from initialize, or workspace/didChangeWorkspaceFolders). */
  setFolders(folders: (WorkspaceFolder | string)[]): void {
    this.folders = folders
      .map((f) => uriToPath(typeof f === 'string' ? f : f.uri))
      .filter((p): p is string => !!p);
    this.lists.clear();
  }

  addFolders(added: WorkspaceFolder[], removed: WorkspaceFolder[]): void {
    const gone = new Set(removed.map((f) => uriToPath(f.uri)));
    this.setFolders([...this.folders.filter((p) => !gone.has(p)).map((p) => pathToFileURL(p).href), ...added]);
  }

  /** The workspace folders, as paths. */
  folderPaths(): string[] {
    return [...this.folders];
  }

  /** Forgets what is known about changed files (or everything). */
  invalidate(paths?: string[]): void {
    this.epoch++;
    this.lists.clear();
    if (!paths) this.files.clear();
    else for (const p of paths) this.files.delete(p);
  }

  /** The workspace folder holding a path (the innermost), else undefined. */
  folderOf(path: string): string | undefined {
    let best: string | undefined;
    for (const f of this.folders) {
      const rel = relative(f, path);
      if (rel !== '' && !rel.startsWith('..') && !rel.startsWith(sep) && (!best || f.length > best.length)) best = f;
    }
    return best;
  }

  /** Report candidates (.txt, .md, .gkreport) below a folder, sorted. */
  reportFiles(folder: string): string[] {
    const cached = this.lists.get(folder);
    if (cached && Date.now() - cached.time < LIST_TTL_MS) return cached.files;
    const files: string[] = [];
    const walk = (dir: string, depth: number): void => {
      if (depth > MAX_DEPTH || files.length >= MAX_FILES) return;
      let entries;
      try {
        entries = readdirSync(dir, { withFileTypes: true });
      } catch {
        return;
      }
      entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      for (const e of entries) {
        if (files.length >= MAX_FILES) return;
        if (e.name.startsWith('.')) continue;
        const p = join(dir, e.name);
        if (e.isDirectory()) {
          if (!SKIPPED_DIRS.has(e.name)) walk(p, depth + 1);
        } else if (e.isFile() && languageOfPath(p)) {
          files.push(p);
        }
      }
    };
    walk(folder, 0);
    this.lists.set(folder, { time: Date.now(), files });
    return files;
  }

  /** Path → open document, for files the editor has open (their text wins over the disk). */
  private openDocuments(): Map<string, { uri: string; text: string; version: number; languageId: string }> {
    const out = new Map<string, { uri: string; text: string; version: number; languageId: string }>();
    for (const doc of this.ctx.documents.all()) {
      const p = uriToPath(doc.uri);
      if (p) out.set(p, { uri: doc.uri, text: doc.getText(), version: doc.version, languageId: doc.languageId });
    }
    return out;
  }

  private stampOf(path: string): { stamp: string; size: number } | undefined {
    try {
      const st = statSync(path);
      return st.isFile() ? { stamp: `${st.mtimeMs}:${st.size}`, size: st.size } : undefined;
    } catch {
      return undefined;
    }
  }

  /** The text of a file on disk (decoded: UTF-8, UTF-16, GB18030), cached by modification time. */
  readText(path: string): { text: string; stamp: string } | undefined {
    const st = this.stampOf(path);
    if (!st || st.size > MAX_READ_BYTES) return undefined;
    let entry = this.files.get(path);
    if (!entry || entry.stamp !== st.stamp) {
      entry = { stamp: st.stamp };
      this.files.set(path, entry);
    }
    if (entry.text === undefined) {
      try {
        const decoded = decodeBuffer(readFileSync(path));
        entry.text = isDecodeError(decoded) ? '' : decoded.text;
      } catch {
        entry.text = '';
      }
    }
    return { text: entry.text, stamp: entry.stamp };
  }

  private modelOf(path: string, text: string, stamp: string, options: EngineOptions): ReportModel {
    const template = options.template ?? 'auto';
    const entry = this.files.get(path);
    if (entry && entry.stamp === stamp && entry.model && entry.template === template) return entry.model;
    const model = parseReport(text, { template: options.template });
    if (entry && entry.stamp === stamp) {
      entry.model = model;
      entry.template = template;
    }
    return model;
  }

  /**
   * Last year's report of the same agency in the document's workspace folder (or its own folder
   * when it is in none): open documents first, then the files on disk.
   */
  previousFor(uri: string, model: ReportModel, options: EngineOptions): { uri: string; model: ReportModel } | undefined {
    const path = uriToPath(uri);
    if (!path || model.year === undefined || !agencyKey(model.agency)) return undefined;
    const folder = this.folderOf(path) ?? dirname(path);
    const lastYear = String(model.year - 1);
    const open = this.openDocuments();
    const candidates = new Set<string>([...[...open.keys()].filter((p) => p !== path && (this.folderOf(p) ?? dirname(p)) === folder), ...this.reportFiles(folder)]);
    for (const p of candidates) {
      if (p === path) continue;
      const doc = open.get(p);
      const text = doc ? doc.text : this.readText(p)?.text;
      if (!text || !text.slice(0, 4000).includes(lastYear)) continue;
      const language = doc?.languageId ?? languageOfPath(p) ?? 'plaintext';
      if (!isReportDocument(language, text, ['markdown', 'plaintext'])) continue;
      const candidate = doc ? parseReport(text, { template: options.template }) : this.modelOf(p, text, this.readText(p)!.stamp, options);
      if (isPreviousReport(model, candidate)) return { uri: doc?.uri ?? pathToFileURL(p).href, model: candidate };
    }
    return undefined;
  }
}

/** workspace/diagnostic and gkreport.validateWorkspace. */
/** The check of a file that is not open. */
interface FileCheck {
  diagnostics: ReturnType<typeof toDiagnostic>[];
  findings: Finding[];
}

export class WorkspaceDiagnostics {
  constructor(private readonly ctx: ServerContext) {}

  register(): void {
    if (this.ctx.client.pullDiagnostics) {
      this.ctx.connection.languages.diagnostics.onWorkspace((params, token) =>
        this.report(new Map(params.previousResultIds.map((p) => [p.uri, p.value])), token),
      );
    }
    this.ctx.connection.onRequest(VALIDATE_FILES_METHOD, (params: ValidateFilesParams, token: CancellationToken) => this.validateFiles(params?.uris ?? [], token));
  }

  /** gkreport/validateFiles: checks the given files and delivers their diagnostics. */
  async validateFiles(uris: string[], token?: CancellationToken): Promise<ValidateFilesResult> {
    const files: ValidatedFile[] = [];
    const zero = () => ({ error: 0, warning: 0, info: 0 });
    for (const uri of uris) {
      if (token?.isCancellationRequested) break;
      const doc = this.ctx.documents.get(uri);
      if (doc) {
        const v = await this.ctx.diagnostics.validate(doc);
        if (!v) {
          files.push({ uri, isReport: false, counts: zero(), error: 'the document changed while it was being checked' });
          continue;
        }
        if (!this.ctx.client.pullDiagnostics && this.ctx.documents.get(uri)?.version === v.version) {
          void this.ctx.connection.sendDiagnostics({ uri, version: v.version, diagnostics: v.diagnostics });
        }
        files.push({ uri, isReport: v.isReport, counts: v.status.counts });
        continue;
      }
      const path = uriToPath(uri);
      const read = path ? this.ctx.workspace.readText(path) : undefined;
      if (!path || !read) {
        files.push({ uri, isReport: false, counts: zero(), error: path ? 'cannot read the file' : 'not a file URI' });
        continue;
      }
      const found = await this.checkFile(uri, path, read.text);
      if (!found) {
        files.push({ uri, isReport: false, counts: zero() });
        continue;
      }
      const counts = zero();
      for (const f of found.findings) counts[f.severity]++;
      if (!this.ctx.client.pullDiagnostics) void this.ctx.connection.sendDiagnostics({ uri, diagnostics: found.diagnostics });
      files.push({ uri, isReport: true, counts });
    }
    if (this.ctx.client.pullDiagnostics && this.ctx.client.diagnosticRefresh && files.length > 0) {
      void this.ctx.connection.languages.diagnostics.refresh().catch(() => undefined);
    }
    return { files };
  }

  /** Checks a file that is not open; undefined when it is not a report. */
  private async checkFile(uri: string, path: string, text: string): Promise<FileCheck | undefined> {
    const resolved = await this.ctx.settings.get(uri);
    const language = languageOfPath(path) ?? 'plaintext';
    if (!isReportDocument(language, text, resolved.settings.languages)) return undefined;
    try {
      const options = resolved.options;
      const model = parseReport(text, { template: options.template });
      const previous = resolveSeverity('cross-year', ruleInfo('cross-year').defaultSeverity, options) !== 'off'
        ? this.ctx.workspace.previousFor(uri, model, options)
        : undefined;
      const result = checkReport({ text, options, model, previous: previous?.model });
      const diagnostics = result.findings.map((f, i) => toDiagnostic(f, i, uri, 0, resolved.settings, this.ctx.client.relatedInformation));
      return { diagnostics, findings: result.findings };
    } catch (error) {
      this.ctx.connection.console.error(`gkreport: checking ${path} failed: ${String(error)}`);
      return undefined;
    }
  }

  /** Reports of the workspace's report files that are not open (open ones are pulled one by one). */
  async report(previous: Map<string, string>, token?: CancellationToken): Promise<WorkspaceDiagnosticReport> {
    const items: WorkspaceDocumentDiagnosticReport[] = [];
    await this.forEachFile(token, async (uri, resultId, check) => {
      if (previous.get(uri) === resultId) {
        items.push({ kind: 'unchanged', uri, version: null, resultId });
        return;
      }
      const found = await check();
      if (found) items.push({ kind: 'full', uri, version: null, resultId, items: found.diagnostics });
      else if (previous.has(uri)) items.push({ kind: 'full', uri, version: null, resultId, items: [] });
    });
    return { items };
  }

  /** Checks every report file of the workspace; pushes the diagnostics of the unopened ones (push clients). */
  async validateAll(): Promise<WorkspaceValidationSummary> {
    const started = performance.now();
    const summary: WorkspaceValidationSummary = { files: 0, counts: { error: 0, warning: 0, info: 0 }, timeMs: 0 };
    await this.forEachFile(undefined, async (uri, _resultId, check) => {
      const found = await check();
      if (!found) return;
      summary.files++;
      for (const f of found.findings) summary.counts[f.severity]++;
      if (!this.ctx.client.pullDiagnostics) void this.ctx.connection.sendDiagnostics({ uri, diagnostics: found.diagnostics });
    });
    // Open documents count with their current text.
    for (const doc of this.ctx.documents.all()) {
      const v = await this.ctx.diagnostics.validate(doc);
      if (!v?.isReport || !v.result) continue;
      summary.files++;
      for (const f of v.result.findings) summary.counts[f.severity]++;
    }
    if (this.ctx.client.pullDiagnostics) this.ctx.diagnostics.revalidateAll();
    summary.timeMs = Math.round(performance.now() - started);
    return summary;
  }

  /** Walks the unopened report files of every workspace folder. */
  private async forEachFile(
    token: CancellationToken | undefined,
    visit: (uri: string, resultId: string, check: () => Promise<FileCheck | undefined>) => Promise<void>,
  ): Promise<void> {
    const index = this.ctx.workspace;
    const openPaths = new Set(this.ctx.documents.all().map((d) => uriToPath(d.uri)).filter(Boolean));
    for (const folder of index.folderPaths()) {
      for (const path of index.reportFiles(folder)) {
        if (token?.isCancellationRequested) return;
        if (openPaths.has(path)) continue;
        const uri = pathToFileURL(path).href;
        const read = index.readText(path);
        if (!read) continue;
        const resultId = `${read.stamp}:${this.ctx.settings.generation}:${index.epoch}`;
        await visit(uri, resultId, () => this.checkFile(uri, path, read.text));
      }
    }
  }
}
