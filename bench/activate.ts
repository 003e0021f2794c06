/**
 * `child-activate`: client module load + activate with a stubbed `vscode` (no VS Code here).
 *
 * - `require('vscode')` is answered through a Module._load hook with a stub: the few values the
 *   extension reads (env.language, configuration, output channel, Disposable, EventEmitter, Uri,
 *   version) are real, everything else is a permissive proxy.
 * - The LanguageClient's start is stubbed at its transport: `child_process.fork` (the IPC
 *   transport the extension uses) returns an in-process fake server that answers `initialize`
 *   with empty capabilities and every other request with null. So the figure covers loading
 *   dist/client.js and activate(), but no server process and no real extension host; the real
 *   activation time awaits the end-to-end harness. The client's handshake follows activation
 *   (activate does not wait for the server) and is timed on its own (`handshakeMs`, from load).
 *
 * Prints one JSON object: { loadMs, activateMs, totalMs, handshakeMs, outcome, output }.
 */
import { EventEmitter as NodeEventEmitter } from 'node:events';
import Module from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { PassThrough } from 'node:stream';
import { paths, repoRoot } from './util';

type AnyFn = (...args: unknown[]) => unknown;

/** A value that tolerates any use: property access, calls, `new`, iteration. */
function permissive(name: string): unknown {
  const cache = new Map<PropertyKey, unknown>();
  const target = function () {
    /* stub */
  };
  return new Proxy(target, {
    get(t, p) {
      if (p === 'then') return undefined;
      if (p === Symbol.iterator) return function* () {};
      if (p === Symbol.toPrimitive) return () => '';
      if (p === 'toString' || p === 'toJSON') return () => name;
      if (p === 'dispose') return () => undefined;
      if (Object.prototype.hasOwnProperty.call(t, p)) return (t as unknown as Record<PropertyKey, unknown>)[p];
      if (!cache.has(p)) cache.set(p, permissive(`${name}.${String(p)}`));
      return cache.get(p);
    },
    apply: () => permissive(`${name}()`),
    construct: () => permissive(`new ${name}`) as object,
  });
}

class Disposable {
  constructor(private readonly fn?: () => void) {}
  static from(...items: { dispose?: () => void }[]): Disposable {
    return new Disposable(() => items.forEach((i) => i?.dispose?.()));
  }
  dispose(): void {
    this.fn?.();
  }
}

class EventEmitter<T> {
  private listeners = new Set<(e: T) => void>();
  event = (listener: (e: T) => void) => {
    this.listeners.add(listener);
    return new Disposable(() => this.listeners.delete(listener));
  };
  fire(e: T): void {
    for (const l of this.listeners) l(e);
  }
  dispose(): void {
    this.listeners.clear();
  }
}

const noEvent = () => new Disposable();

function uri(path: string, scheme = 'file'): Record<string, unknown> {
  const u: Record<string, unknown> = {
    scheme,
    authority: '',
    path,
    query: '',
    fragment: '',
    fsPath: path,
    toString: () => `${scheme}://${path}`,
    toJSON: () => ({ scheme, path }),
    with: (c: { path?: string; scheme?: string }) => uri(c.path ?? path, c.scheme ?? scheme),
  };
  return u;
}

export const output: string[] = [];

function outputChannel(name: string) {
  return {
    name,
    append: (s: string) => output.push(s),
    appendLine: (s: string) => output.push(s),
    replace: () => undefined,
    clear: () => undefined,
    show: () => undefined,
    hide: () => undefined,
    dispose: () => undefined,
  };
}

function stubVscode(): unknown {
  const explicit = {
    version: '1.95.0',
    env: { language: 'en', appName: 'stub', appRoot: '/', uriScheme: 'vscode', machineId: 'bench', sessionId: 'bench', remoteName: undefined, uiKind: 1 },
    Disposable,
    EventEmitter,
    Uri: { parse: (s: string) => uri(s.replace(/^file:\/\//, '')), file: (p: string) => uri(p), joinPath: (b: { path: string }, ...p: string[]) => uri([b.path, ...p].join('/')) },
    workspace: {
      getConfiguration: () => ({ get: (_k: string, d?: unknown) => d, has: () => false, inspect: () => undefined, update: async () => undefined }),
      workspaceFolders: undefined,
      textDocuments: [],
      onDidChangeConfiguration: noEvent,
      onDidOpenTextDocument: noEvent,
      onDidCloseTextDocument: noEvent,
      onDidChangeTextDocument: noEvent,
      onDidSaveTextDocument: noEvent,
      onWillSaveTextDocument: noEvent,
      onDidChangeWorkspaceFolders: noEvent,
      createFileSystemWatcher: () => ({ onDidCreate: noEvent, onDidChange: noEvent, onDidDelete: noEvent, dispose: () => undefined }),
    },
    window: {
      createOutputChannel: (name: string) => outputChannel(name),
      showInformationMessage: async () => undefined,
      showWarningMessage: async () => undefined,
      showErrorMessage: async () => undefined,
      activeTextEditor: undefined,
      visibleTextEditors: [],
      onDidChangeActiveTextEditor: noEvent,
      onDidChangeVisibleTextEditors: noEvent,
      tabGroups: { all: [], onDidChangeTabs: noEvent, onDidChangeTabGroups: noEvent },
    },
    commands: { registerCommand: () => new Disposable(), executeCommand: async () => undefined, getCommands: async () => [] },
    languages: {
      createDiagnosticCollection: () => permissive('DiagnosticCollection'),
      createLanguageStatusItem: (id: string) => ({ id, text: '', detail: '', severity: 0, busy: false, dispose: () => undefined }),
      onDidChangeDiagnostics: noEvent,
      getDiagnostics: () => [],
    },
  };
  // A bundle reads `import * as vscode` through a copy of the module's own properties: every
  // name the API declares must be there (from @types/vscode), the unknown ones as proxies.
  const api: Record<string, unknown> = { ...explicit };
  try {
    const dts = readFileSync(join(repoRoot(), 'node_modules', '@types', 'vscode', 'index.d.ts'), 'utf8');
    for (const m of dts.matchAll(/^\t?(?: {4})?export (?:class|enum|namespace|const|let|function) (\w+)/gm)) {
      if (!(m[1] in api)) api[m[1]] = permissive(m[1]);
    }
  } catch {
    /* without @types/vscode only the explicit part */
  }
  return api;
}

/** An in-process stand-in for the forked server: answers over the IPC message interface. */
class FakeServer extends NodeEventEmitter {
  readonly pid = 2 ** 22 + 1;
  readonly stdin = new PassThrough();
  readonly stdout = new PassThrough();
  readonly stderr = new PassThrough();
  connected = true;
  exitCode: number | null = null;
  signalCode: string | null = null;

  send(message: { id?: number | string; method?: string }, ...rest: unknown[]): boolean {
    const callback = rest.find((r) => typeof r === 'function') as AnyFn | undefined;
    setImmediate(() => {
      callback?.(null);
      if (message.method === 'initialized') this.emit('handshake');
      if (message.method === 'exit') return this.kill();
      if (message.id === undefined || message.method === undefined) return;
      const result = message.method === 'initialize' ? { capabilities: {}, serverInfo: { name: 'gkreport (bench stub)' } } : null;
      this.emit('message', { jsonrpc: '2.0', id: message.id, result });
    });
    return true;
  }

  kill(): boolean {
    if (this.exitCode !== null) return true;
    this.exitCode = 0;
    this.connected = false;
    setImmediate(() => {
      this.emit('exit', 0, null);
      this.emit('close', 0, null);
    });
    return true;
  }

  disconnect(): void {
    this.connected = false;
  }

  unref(): void {}
  ref(): void {}
}

export async function childActivate(): Promise<void> {
  const root = repoRoot();
  const vscode = stubVscode();
  const started = performance.now();
  const mod = Module as unknown as { _load: (request: string, parent: unknown, isMain: boolean) => unknown };
  const load = mod._load;
  mod._load = function (request: string, parent: unknown, isMain: boolean) {
    if (request === 'vscode') return vscode;
    return load.call(this, request, parent, isMain);
  };
  let forks = 0;
  let handshakeAt: number | undefined;
  const handshake = new Promise<void>((resolve) => {
    // The same module object the bundle's `require("child_process")` gets: its fork is replaced.
    const childProcess = require('node:child_process') as { fork: AnyFn };
    childProcess.fork = () => {
      forks++;
      const server = new FakeServer();
      server.once('handshake', () => {
        handshakeAt = performance.now();
        resolve();
      });
      return server;
    };
  });
  const extension = require(join(paths.dist, 'client.js')) as { activate: (ctx: unknown) => Promise<void>; deactivate?: () => unknown };
  const loaded = performance.now();
  const context = {
    subscriptions: [] as { dispose?: () => void }[],
    extensionPath: root,
    extensionUri: uri(root),
    asAbsolutePath: (p: string) => join(root, p),
    storagePath: undefined,
    globalStoragePath: join(root, '.bench-storage'),
    logPath: join(root, '.bench-log'),
    extensionMode: 1,
    globalState: { get: () => undefined, update: async () => undefined, keys: () => [], setKeysForSync: () => undefined },
    workspaceState: { get: () => undefined, update: async () => undefined, keys: () => [] },
    secrets: permissive('secrets'),
    environmentVariableCollection: permissive('environmentVariableCollection'),
    extension: { id: 'gkreport.gkreport', extensionPath: root, packageJSON: {} },
  };
  let error: string | undefined;
  const timeout = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 10_000).unref());
  const outcome = await Promise.race([extension.activate(context).then(() => 'ok' as const, (e: unknown) => ((error = String(e)), 'error' as const)), timeout]);
  const activated = performance.now();
  await Promise.race([handshake, new Promise((r) => setTimeout(r, 5000).unref())]);
  try {
    await Promise.race([extension.deactivate?.(), new Promise((r) => setTimeout(r, 2000).unref())]);
  } catch {
    /* ignore */
  }
  process.stdout.write(
    JSON.stringify({
      loadMs: loaded - started,
      activateMs: activated - loaded,
      totalMs: activated - started,
      handshakeMs: handshakeAt === undefined ? undefined : handshakeAt - loaded,
      outcome,
      error,
      forks,
      subscriptions: context.subscriptions.length,
      output: output.slice(0, 20),
    }),
  );
  process.exit(0);
}
