/**
 * An extension host in a plain Node process, for the benchmark and the client tests: `vscode`
 * answered by a stub (the few values the extension reads are real, everything else is a
 * permissive proxy) and the language server's process replaced by an in-process fake that answers
 * `initialize` with empty capabilities and every other request with null. It covers loading
 * dist/client.js, activate(), the client's handshake and deactivate(), but no real editor.
 */
import { EventEmitter as NodeEventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import Module from 'node:module';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';

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

const output: string[] = [];

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

function stubVscode(root: string): unknown {
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
    const dts = readFileSync(join(root, 'node_modules', '@types', 'vscode', 'index.d.ts'), 'utf8');
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

/** The extension as loaded into the stubbed host. */
export interface LoadedExtension {
  extension: { activate: (ctx: unknown) => Promise<void>; deactivate?: () => unknown };
  context: { subscriptions: { dispose?: () => void }[] };
  /** How many times the language server's process was started so far. */
  forks: () => number;
  /** Resolves when a server got the client's `initialized` notification (the handshake is done). */
  handshake: Promise<void>;
  /** What the extension wrote to its output channel. */
  output: string[];
}

/** Loads `client.js` of `dist` afresh into this process's stubbed host, the extension living in `root`. */
export function loadExtension(root: string, dist = join(root, 'dist')): LoadedExtension {
  const vscode = stubVscode(root);
  const mod = Module as unknown as { _load: (request: string, parent: unknown, isMain: boolean) => unknown };
  const load = mod._load;
  mod._load = function (request: string, parent: unknown, isMain: boolean) {
    if (request === 'vscode') return vscode;
    return load.call(this, request, parent, isMain);
  };
  let forks = 0;
  const handshake = new Promise<void>((resolve) => {
    // The same module object the bundle's `require("child_process")` gets: its fork is replaced.
    const childProcess = require('node:child_process') as { fork: AnyFn };
    childProcess.fork = () => {
      forks++;
      const server = new FakeServer();
      server.once('handshake', () => resolve());
      return server;
    };
  });
  const file = join(dist, 'client.js');
  delete require.cache[require.resolve(file)];
  const extension = require(file) as LoadedExtension['extension'];
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
  return { extension, context, forks: () => forks, handshake, output };
}
