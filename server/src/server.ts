/**
 * The gkreport language server: wiring only. The transport (`--stdio`, `--node-ipc`,
 * `--socket=<port>`) is whatever the client passes on the command line; every editor feature lives
 * in its own file under `features/`, and all checking is done by the engine.
 */
import {
  CodeActionKind,
  createConnection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  type InitializeParams,
  type InitializeResult,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { version } from '../../package.json';
import { CodeActionsFeature, FIX_ALL_KIND } from './features/code-actions';
import { registerCompletion, TRIGGER_CHARACTERS } from './features/completion';
import { clientSupport, localeOf, type ServerContext } from './features/context';
import { DiagnosticsFeature } from './features/diagnostics';
import { registerFolding } from './features/folding';
import { registerHover } from './features/hover';
import { registerInsertTable } from './features/insert-table';
import { registerMemory } from './features/memory';
import { SettingsManager, uriToPath } from './features/settings';
import { registerSymbols } from './features/symbols';
import { WorkspaceDiagnostics, WorkspaceIndex } from './features/workspace';
import { VALIDATE_WORKSPACE_COMMAND } from './protocol';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
let ctx: ServerContext | undefined;
let workspaceDiagnostics: WorkspaceDiagnostics | undefined;
let workspaceFolderEvents = false;

connection.onInitialize((params: InitializeParams): InitializeResult => {
  const client = clientSupport(params.capabilities);
  workspaceFolderEvents = !!params.capabilities.workspace?.workspaceFolders;
  // The locale the client states (VS Code: its UI language), else one passed in initializationOptions.
  const fromOptions = (params.initializationOptions as { locale?: unknown } | undefined)?.locale;
  const locale = localeOf(params.locale ?? (typeof fromOptions === 'string' ? fromOptions : undefined));
  const partial = { connection, documents, locale, client } as ServerContext;
  partial.settings = new SettingsManager(connection, locale, client.configuration);
  partial.workspace = new WorkspaceIndex(partial);
  partial.diagnostics = new DiagnosticsFeature(partial);
  ctx = partial;
  const folders = params.workspaceFolders ?? (params.rootUri ? [params.rootUri] : []);
  ctx.workspace.setFolders(folders);

  ctx.diagnostics.register();
  workspaceDiagnostics = new WorkspaceDiagnostics(ctx);
  workspaceDiagnostics.register();
  new CodeActionsFeature(ctx).register();
  registerHover(ctx);
  registerSymbols(ctx);
  registerFolding(ctx);
  registerCompletion(ctx);
  registerMemory(connection);
  registerInsertTable(connection);

  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      // Pull diagnostics when the client can pull them; pushed otherwise (e.g. Neovim 0.7).
      diagnosticProvider: client.pullDiagnostics
        ? { identifier: 'gkreport', interFileDependencies: true, workspaceDiagnostics: true }
        : undefined,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
      hoverProvider: true,
      documentSymbolProvider: { label: 'gkreport' },
      foldingRangeProvider: true,
      completionProvider: { triggerCharacters: TRIGGER_CHARACTERS, resolveProvider: false },
      executeCommandProvider: { commands: [VALIDATE_WORKSPACE_COMMAND] },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'gkreport', version },
  };
});

connection.onInitialized(() => {
  if (!ctx) return;
  const caps = ctx.client;
  if (caps.configurationRegistration) {
    void connection.client.register(DidChangeConfigurationNotification.type, { section: 'gkreport' });
  }
  if (caps.watchedFilesRegistration) {
    void connection.client.register(DidChangeWatchedFilesNotification.type, {
      watchers: [{ globPattern: '**/.gkreportrc.json' }, { globPattern: '**/*.{txt,md,gkreport}' }],
    });
  }
  if (workspaceFolderEvents) {
    connection.workspace.onDidChangeWorkspaceFolders((e) => {
      ctx?.workspace.addFolders(e.added, e.removed);
      ctx?.diagnostics.invalidate();
      ctx?.diagnostics.revalidateAll();
    });
  }
});

connection.onDidChangeConfiguration((params) => {
  if (!ctx) return;
  ctx.settings.changed(params.settings);
  ctx.diagnostics.revalidateAll();
});

connection.onDidChangeWatchedFiles((params) => {
  if (!ctx) return;
  const openPaths = new Set(documents.all().map((d) => uriToPath(d.uri)));
  let config = false;
  const reports: string[] = [];
  for (const change of params.changes) {
    const path = uriToPath(change.uri);
    if (!path) continue;
    if (path.endsWith('.gkreportrc.json')) config = true;
    else if (!openPaths.has(path)) reports.push(path);
  }
  if (config) ctx.settings.invalidate();
  if (reports.length > 0) ctx.workspace.invalidate(reports);
  if (config || reports.length > 0) {
    // Last year's report may have changed: the cached checks of open documents are stale.
    ctx.diagnostics.invalidate();
    ctx.diagnostics.revalidateAll();
  }
});

connection.onExecuteCommand(async (params) => {
  if (!ctx || !workspaceDiagnostics) return null;
  if (params.command === VALIDATE_WORKSPACE_COMMAND) return workspaceDiagnostics.validateAll();
  return null;
});

documents.listen(connection);
connection.listen();
