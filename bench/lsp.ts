/**
 * The bundled language server over JSON-RPC (`node dist/server.js --stdio`, spoken to with
 * vscode-languageserver-protocol's node connection), as a push-diagnostics client:
 * start → first diagnostics, one-character edits in a 5,000-line report → their diagnostics,
 * and a 10 MB document (the `gkreport.maxFileSize` guard).
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  createMessageConnection,
  type Diagnostic,
  type MessageConnection,
  type PublishDiagnosticsParams,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import { random } from './corpus';
import { median, paths, peakRss, percentile, round, sleep, track } from './util';

export interface Status {
  uri: string;
  version: number;
  timeMs: number;
  largeFileGuard: boolean;
  counts: { error: number; warning: number; info: number };
}

interface Event<T> {
  at: number;
  value: T;
}

/** A push-diagnostics LSP client of the bundled server. */
export class BenchClient {
  readonly published: Event<PublishDiagnosticsParams>[] = [];
  readonly statuses: Event<Status>[] = [];
  readonly messages: Event<{ type: number; message: string }>[] = [];
  private waiters: (() => void)[] = [];
  stderr = '';

  private constructor(
    readonly proc: ChildProcessWithoutNullStreams,
    readonly conn: MessageConnection,
    public settings: Record<string, unknown>,
  ) {}

  /** Spawns the server; `spawnedAt` is the time just before the spawn. */
  static async start(root: string, settings: Record<string, unknown>): Promise<{ client: BenchClient; spawnedAt: number; initializedAt: number }> {
    const spawnedAt = performance.now();
    const proc = track(spawn(process.execPath, [join(paths.dist, 'server.js'), '--stdio'], { stdio: 'pipe' })) as ChildProcessWithoutNullStreams;
    const conn = createMessageConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
    const client = new BenchClient(proc, conn, settings);
    proc.stderr.setEncoding('utf8').on('data', (d: string) => (client.stderr += d));
    conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => client.record(client.published, p));
    conn.onNotification('gkreport/status', (p: Status) => client.record(client.statuses, p));
    conn.onNotification('window/showMessage', (p: { type: number; message: string }) => client.record(client.messages, p));
    conn.onNotification('window/logMessage', () => undefined);
    conn.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) =>
      p.items.map((item) => (item.section === 'gkreport' ? client.settings : null)),
    );
    conn.onRequest('client/registerCapability', () => null);
    conn.onRequest('window/workDoneProgress/create', () => null);
    conn.onRequest('window/showMessageRequest', () => null);
    conn.listen();
    await conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      workspaceFolders: null,
      locale: 'en',
      capabilities: {
        textDocument: {
          synchronization: { didSave: true, dynamicRegistration: false },
          publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
        },
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, workspaceFolders: false },
      },
    });
    const initializedAt = performance.now();
    await conn.sendNotification('initialized', {});
    return { client, spawnedAt, initializedAt };
  }

  private record<T>(list: Event<T>[], value: T): void {
    list.push({ at: performance.now(), value });
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  /** Waits until `check` gives a value (checked whenever the server sends something). */
  async until<T>(check: () => T | undefined, what: string, timeoutMs: number): Promise<T> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const v = check();
      if (v !== undefined) return v;
      const left = deadline - performance.now();
      if (left <= 0) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; server stderr: ${this.stderr.slice(-2000)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 1000));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** The first diagnostics of `uri` (at `version`, if given) published after event index `from`. */
  diagnostics(uri: string, version: number | undefined, from: number, timeoutMs: number): Promise<Event<PublishDiagnosticsParams>> {
    return this.until(
      () => this.published.slice(from).find((e) => e.value.uri === uri && (version === undefined || e.value.version === version)),
      `diagnostics of ${uri}${version === undefined ? '' : ` v${version}`}`,
      timeoutMs,
    );
  }

  open(uri: string, text: string, languageId = 'gkreport'): Promise<void> {
    return this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  }

  /** A one-character insertion (or replacement of one character, when `replace`). */
  edit(uri: string, version: number, line: number, character: number, text: string, replace: boolean): Promise<void> {
    const range = { start: { line, character }, end: { line, character: character + (replace ? 1 : 0) } };
    return this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text }] });
  }

  close(uri: string): Promise<void> {
    return this.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** Peak resident memory of the server so far (bytes, Linux). */
  peakRss(): number | undefined {
    return peakRss(this.proc.pid);
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.conn.sendRequest('shutdown'), sleep(2000)]);
      await this.conn.sendNotification('exit');
    } catch {
      /* already gone */
    }
    await Promise.race([new Promise((r) => this.proc.once('exit', r)), sleep(2000)]);
    this.conn.dispose();
    if (this.proc.exitCode === null && this.proc.signalCode === null) this.proc.kill('SIGKILL');
  }
}

const docUri = (name: string) => `file:///gkreport-bench/${name}`;

/** The settings of the benchmark: VS Code's default maxFileSize, no debounce. */
export const BENCH_SETTINGS = { debounce: 0, maxFileSize: 2_000_000 };

export interface StartupResult {
  runs: number;
  /** Spawn → initialize result, ms (median). */
  initializeMs: number;
  /** Spawn → first publishDiagnostics of a seed opened right after `initialized`, ms (median). */
  firstDiagnosticsMs: number;
  all: number[];
  /** Peak RSS of a server that checked one seed (bytes). */
  peakRss?: number;
}

/** Server start → first diagnostics, in fresh servers. */
export async function startup(root: string, seeds: { name: string; text: string }[], runs: number): Promise<StartupResult> {
  const first: number[] = [];
  const init: number[] = [];
  let rss: number | undefined;
  for (let i = 0; i < runs; i++) {
    const seed = seeds[i % seeds.length];
    const { client, spawnedAt, initializedAt } = await BenchClient.start(root, BENCH_SETTINGS);
    try {
      const uri = docUri(`startup-${i}.txt`);
      await client.open(uri, seed.text);
      const e = await client.diagnostics(uri, 1, 0, 30_000);
      first.push(e.at - spawnedAt);
      init.push(initializedAt - spawnedAt);
      rss = client.peakRss();
    } finally {
      await client.stop();
    }
  }
  return { runs, initializeMs: round(median(init)), firstDiagnosticsMs: round(median(first)), all: first.map((x) => round(x)), peakRss: rss };
}

export interface EditResult {
  lines: number;
  bytes: number;
  edits: number;
  /** didChange sent → its publishDiagnostics received, ms. */
  p50: number;
  p95: number;
  max: number;
  /** The server's own validation time (gkreport/status timeMs) of the same versions. */
  serverP50: number;
  serverP95: number;
  /** Time to the diagnostics of the opened document. */
  openMs: number;
  diagnostics: number;
  largeFileGuard: boolean;
  peakRss?: number;
  latencies: number[];
}

/**
 * One-character edits in a long report (`gkreport.debounce` 0, so no debounce is included): half
 * of them insert a character in a narrative line, half replace a digit of a table cell.
 */
export async function edits(root: string, text: string, count: number, warmup: number): Promise<EditResult> {
  const lines = text.split('\n');
  const narrative = lines.map((l, i) => (l.length > 10 && !/[\t|]/.test(l) ? i : -1)).filter((i) => i >= 0);
  const digits: { line: number; character: number }[] = [];
  lines.forEach((l, line) => {
    if (!/[\t|]/.test(l)) return;
    for (const m of l.matchAll(/(?<=[\t|]\s*)\d(?=\s*(?:[\t|]|$))/g)) digits.push({ line, character: m.index! });
  });
  const rnd = random(2024);
  const { client } = await BenchClient.start(root, BENCH_SETTINGS);
  try {
    const uri = docUri('long-report.txt');
    const t0 = performance.now();
    await client.open(uri, text);
    const opened = await client.diagnostics(uri, 1, 0, 60_000);
    const openMs = opened.at - t0;
    const openStatus = await client.until(() => client.statuses.find((s) => s.value.uri === uri && s.value.version === 1), 'status v1', 10_000);
    const latencies: number[] = [];
    const server: number[] = [];
    let version = 1;
    for (let i = 0; i < warmup + count; i++) {
      version++;
      const from = client.published.length;
      const sentAt = performance.now();
      if (i % 2 === 0 || digits.length === 0) {
        const line = narrative[Math.floor(rnd() * narrative.length)];
        const character = Math.floor(rnd() * lines[line].length);
        lines[line] = lines[line].slice(0, character) + '的' + lines[line].slice(character);
        await client.edit(uri, version, line, character, '的', false);
      } else {
        const cell = digits[Math.floor(rnd() * digits.length)];
        const d = String((Number(lines[cell.line][cell.character]) + 1 + Math.floor(rnd() * 8)) % 10);
        lines[cell.line] = lines[cell.line].slice(0, cell.character) + d + lines[cell.line].slice(cell.character + 1);
        await client.edit(uri, version, cell.line, cell.character, d, true);
      }
      const e = await client.diagnostics(uri, version, from, 60_000);
      const v = version;
      const status = await client.until(() => client.statuses.find((s) => s.value.uri === uri && s.value.version === v), `status v${v}`, 10_000);
      if (i >= warmup) {
        latencies.push(e.at - sentAt);
        server.push(status.value.timeMs);
      }
      await sleep(5);
    }
    return {
      lines: text.split('\n').length,
      bytes: Buffer.byteLength(text, 'utf8'),
      edits: count,
      p50: round(median(latencies)),
      p95: round(percentile(latencies, 95)),
      max: round(Math.max(...latencies)),
      serverP50: round(median(server)),
      serverP95: round(percentile(server, 95)),
      openMs: round(openMs),
      diagnostics: opened.value.diagnostics.length,
      largeFileGuard: openStatus.value.largeFileGuard,
      peakRss: client.peakRss(),
      latencies: latencies.map((x) => round(x)),
    };
  } finally {
    await client.stop();
  }
}

export interface LargeFileResult {
  bytes: number;
  /** didOpen sent → first publishDiagnostics, ms (the check on open). */
  openMs: number;
  diagnostics: number;
  serverTimeMs?: number;
  /** The status of the opened document says the guard is on. */
  largeFileGuard: boolean;
  /** The user was told (window/showMessage naming maxFileSize). */
  messageShown: boolean;
  /** A one-character edit afterwards: no new check, just a status; edit → status, ms. */
  editStatusMs?: number;
  rechecked: boolean;
  peakRss?: number;
  error?: string;
}

/** Opens a document over `gkreport.maxFileSize` (10 MB): it is checked once on open, not on edits. */
export async function largeFile(root: string, text: string): Promise<LargeFileResult> {
  const { client } = await BenchClient.start(root, BENCH_SETTINGS);
  const bytes = Buffer.byteLength(text, 'utf8');
  try {
    const uri = docUri('ten-megabytes.txt');
    const t0 = performance.now();
    await client.open(uri, text);
    const opened = await client.diagnostics(uri, 1, 0, 180_000);
    const openMs = opened.at - t0;
    const status = await client.until(() => client.statuses.find((s) => s.value.uri === uri && s.value.version === 1), 'status v1', 10_000);
    const message = await client
      .until(() => client.messages.find((m) => /maxFileSize/.test(m.value.message)), 'the large-file message', 5_000)
      .catch(() => undefined);
    const from = client.published.length;
    const statusFrom = client.statuses.length;
    const sentAt = performance.now();
    await client.edit(uri, 2, 3, 0, '的', false);
    const after = await client
      .until(() => client.statuses.slice(statusFrom).find((s) => s.value.uri === uri), 'status after the edit', 30_000)
      .catch(() => undefined);
    await sleep(300);
    const rechecked = client.published.slice(from).some((e) => e.value.uri === uri && e.value.version === 2);
    return {
      bytes,
      openMs: round(openMs),
      diagnostics: opened.value.diagnostics.length,
      serverTimeMs: status.value.timeMs,
      largeFileGuard: status.value.largeFileGuard,
      messageShown: message !== undefined,
      editStatusMs: after ? round(after.at - sentAt) : undefined,
      rechecked,
      peakRss: client.peakRss(),
    };
  } catch (error) {
    return { bytes, openMs: NaN, diagnostics: 0, largeFileGuard: false, messageShown: false, rechecked: false, error: String(error) };
  } finally {
    await client.stop();
  }
}

export type { Diagnostic };
