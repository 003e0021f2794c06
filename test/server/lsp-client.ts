/**
 * A minimal LSP client for the server tests: spawns the bundled server (dist/server.js --stdio),
 * speaks JSON-RPC to it over the child's streams, answers the server's requests
 * (workspace/configuration, client/registerCapability, workspace/diagnostic/refresh) and records
 * what the server sends (published diagnostics, status notifications, messages).
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  type ClientCapabilities,
  createMessageConnection,
  type Diagnostic,
  type InitializeResult,
  type MessageConnection,
  type PublishDiagnosticsParams,
  StreamMessageReader,
  StreamMessageWriter,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';
import { repoRoot } from '../helpers';

export interface StatusNotification {
  uri: string;
  version: number;
  isReport: boolean;
  format?: string;
  year?: number;
  agency?: string;
  counts: { error: number; warning: number; info: number };
  timeMs: number;
  largeFileGuard: boolean;
  run: string;
  previousReport?: string;
  configFile?: string;
}

export interface ClientOptions {
  /** Declare textDocument.diagnostic (pull diagnostics). */
  pull?: boolean;
  /** initialize params `locale`. */
  locale?: string;
  /** The `gkreport` settings answered to workspace/configuration (mutable: tests change it). */
  settings?: Record<string, unknown>;
  /** Declare workspace/configuration support (default true). */
  configuration?: boolean;
  /** Workspace folder URIs. */
  workspaceFolders?: string[];
  /** Declare versioned documentChanges in workspace edits (default true). */
  documentChanges?: boolean;
  /** Send exactly these capabilities instead (e.g. `{}` for a client that declares nothing). */
  capabilities?: ClientCapabilities;
}

/** The bundled server; the tests fail with a clear message when it has not been built. */
export function serverPath(): string {
  const p = join(repoRoot(), 'dist', 'server.js');
  if (!existsSync(p)) throw new Error(`${p} is missing: run \`node esbuild.mjs\` first`);
  return p;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export class TestClient {
  readonly published: PublishDiagnosticsParams[] = [];
  readonly statuses: StatusNotification[] = [];
  readonly messages: { type: number; message: string }[] = [];
  readonly configurationRequests: { scopeUri?: string; section?: string }[] = [];
  readonly registrations: { method: string; registerOptions?: unknown }[] = [];
  refreshRequests = 0;
  initializeResult!: InitializeResult;
  settings: Record<string, unknown>;
  private waiters: (() => void)[] = [];
  private stderr = '';

  private constructor(
    readonly proc: ChildProcessWithoutNullStreams,
    readonly conn: MessageConnection,
    options: ClientOptions,
  ) {
    this.settings = options.settings ?? {};
  }

  static async start(options: ClientOptions = {}): Promise<TestClient> {
    const proc = spawn(process.execPath, [serverPath(), '--stdio'], { stdio: 'pipe' });
    const conn = createMessageConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
    const client = new TestClient(proc, conn, options);
    proc.stderr.on('data', (d: Buffer) => (client.stderr += d.toString()));
    conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      client.published.push(p);
      client.wake();
    });
    conn.onNotification('gkreport/status', (p: StatusNotification) => {
      client.statuses.push(p);
      client.wake();
    });
    conn.onNotification('window/showMessage', (p: { type: number; message: string }) => {
      client.messages.push(p);
      client.wake();
    });
    conn.onNotification('window/logMessage', () => undefined);
    conn.onRequest('workspace/configuration', (p: { items: { scopeUri?: string; section?: string }[] }) => {
      client.configurationRequests.push(...p.items);
      client.wake();
      return p.items.map((item) => (item.section === 'gkreport' ? client.settings : null));
    });
    conn.onRequest('client/registerCapability', (p: { registrations: { method: string; registerOptions?: unknown }[] }) => {
      client.registrations.push(...p.registrations);
      return null;
    });
    conn.onRequest('workspace/diagnostic/refresh', () => {
      client.refreshRequests++;
      client.wake();
      return null;
    });
    conn.onRequest('window/showMessageRequest', () => null);
    conn.onRequest('window/workDoneProgress/create', () => null);
    conn.listen();
    const capabilities: ClientCapabilities = {
      textDocument: {
        synchronization: { didSave: true, dynamicRegistration: false },
        publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
        hover: { contentFormat: ['markdown', 'plaintext'] },
        documentSymbol: { hierarchicalDocumentSymbolSupport: true },
        codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } }, isPreferredSupport: true },
        completion: { completionItem: { snippetSupport: false } },
        foldingRange: { lineFoldingOnly: true },
        ...(options.pull ? { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } } : {}),
      },
      workspace: {
        configuration: options.configuration ?? true,
        didChangeConfiguration: { dynamicRegistration: true },
        didChangeWatchedFiles: { dynamicRegistration: true },
        workspaceEdit: { documentChanges: options.documentChanges ?? true },
        workspaceFolders: true,
        ...(options.pull ? { diagnostics: { refreshSupport: true } } : {}),
      },
    };
    client.initializeResult = await conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: options.workspaceFolders?.[0] ?? null,
      workspaceFolders: options.workspaceFolders?.map((uri, i) => ({ uri, name: `folder${i}` })) ?? null,
      capabilities: options.capabilities ?? capabilities,
      locale: options.locale ?? 'en',
    });
    await conn.sendNotification('initialized', {});
    return client;
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  /** Waits until `check` returns a value (re-evaluated whenever the server sends something). */
  async until<T>(check: () => T | undefined | false, what: string, timeoutMs = 10_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = check();
      if (value !== undefined && value !== false) return value as T;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}; server stderr:\n${this.stderr}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 200));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** The diagnostics published for a document version (waits for them). */
  diagnosticsFor(uri: string, version?: number, timeoutMs?: number): Promise<Diagnostic[]> {
    return this.until(
      () => [...this.published].reverse().find((p) => p.uri === uri && (version === undefined || p.version === version))?.diagnostics,
      `diagnostics of ${uri}${version === undefined ? '' : ` v${version}`}`,
      timeoutMs,
    );
  }

  /** The last status notification of a document version (waits for it). */
  statusFor(uri: string, version?: number): Promise<StatusNotification> {
    return this.until(
      () => [...this.statuses].reverse().find((s) => s.uri === uri && (version === undefined || s.version === version)),
      `status of ${uri}`,
    );
  }

  open(uri: string, text: string, languageId = 'plaintext', version = 1): Promise<void> {
    return this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  change(uri: string, version: number, contentChanges: TextDocumentContentChangeEvent[]): Promise<void> {
    return this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
  }

  save(uri: string): Promise<void> {
    return this.conn.sendNotification('textDocument/didSave', { textDocument: { uri } });
  }

  close(uri: string): Promise<void> {
    return this.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.conn.sendRequest(method, params) as Promise<R>;
  }

  /** Changes the settings the client answers and tells the server. */
  async configure(settings: Record<string, unknown>): Promise<void> {
    this.settings = settings;
    await this.conn.sendNotification('workspace/didChangeConfiguration', { settings: { gkreport: settings } });
  }

  /** Shuts the server down and kills the child. */
  async stop(): Promise<void> {
    try {
      await Promise.race([this.conn.sendRequest('shutdown'), sleep(1000)]);
      await this.conn.sendNotification('exit');
    } catch {
      /* the server may already be gone */
    }
    await Promise.race([new Promise((r) => this.proc.once('exit', r)), sleep(1000)]);
    this.conn.dispose();
    if (this.proc.exitCode === null) this.proc.kill('SIGKILL');
  }
}

/** A fake `file:` URI for an in-memory document. */
export function docUri(name: string): string {
  return `file:///gkreport-test/${encodeURIComponent(name)}`;
}

export { sleep };
