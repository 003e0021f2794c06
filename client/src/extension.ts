/**
 * The VS Code extension: starts the language server (dist/server.js) over IPC and adds the
 * commands, the language status item and the table insertion.
 */
import * as vscode from 'vscode';
import type { LanguageClient, LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';
import { registerCommands, registerWorkspaceCommand, serverProvidesWorkspaceCommand, workspaceCommandMiddleware, type CommandContext } from './commands';
import { registerInsertTable } from './insert-table';
import { languageClientModule } from './language-client';
import { message } from './messages';
import type { InitializationOptions } from './protocol';
import { ReportStatus } from './status';

/** Languages checked when `gkreport.languages` is unset. */
export const DEFAULT_LANGUAGES = ['gkreport', 'markdown', 'plaintext'];

let client: LanguageClient | undefined;
/** The client's start in progress (or done), awaited before the client is stopped or replaced. */
let starting: Promise<void> | undefined;
/** False once the extension is deactivated: a start still pending then does not go ahead. */
let active = false;
let languages: string[] = DEFAULT_LANGUAGES;
/** The client's own `gkreport.validateWorkspace`, while the server does not provide the command. */
let workspaceCommand: vscode.Disposable | undefined;

/** The languages the server is asked to look at: `gkreport` always, plus the configured ones. */
function configuredLanguages(): string[] {
  const setting = vscode.workspace.getConfiguration('gkreport').get<unknown>('languages');
  const list = Array.isArray(setting) ? setting.filter((l): l is string => typeof l === 'string' && l !== '') : DEFAULT_LANGUAGES;
  return [...new Set(['gkreport', ...list])];
}

async function createClient(context: vscode.ExtensionContext, output: vscode.OutputChannel): Promise<LanguageClient> {
  const { LanguageClient, TransportKind } = await languageClientModule();
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  // Markdown and plain text are cheap to include: the server checks only documents that look
  // like a report (`gkreport.languages`). Any scheme: reports in virtual workspaces (vscode-vfs:)
  // are checked from their text; only the workspace scan and .gkreportrc.json need files.
  const documentSelector = languages.map((language) => ({ language }));
  const initializationOptions: InitializationOptions = { locale: vscode.env.language };
  const clientOptions: LanguageClientOptions = {
    documentSelector,
    initializationOptions,
    outputChannel: output,
    middleware: workspaceCommandMiddleware(() => client),
    // No `synchronize`: the server registers its configuration section and file watchers
    // (.gkreportrc.json, report files) dynamically.
  };
  return new LanguageClient('gkreport', message(vscode.env.language, 'statusName'), serverOptions, clientOptions);
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('gkreport');
  const status = new ReportStatus();
  languages = configuredLanguages();
  const commands: CommandContext = { client: () => client, languages: () => languages, output, status };
  context.subscriptions.push(
    output,
    status,
    ...registerCommands(commands),
    registerInsertTable(commands),
    { dispose: () => workspaceCommand?.dispose() },
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (!e.affectsConfiguration('gkreport.languages')) return;
      const next = configuredLanguages();
      if (next.join() === languages.join()) return;
      languages = next;
      output.appendLine(message(vscode.env.language, 'restartForLanguages'));
      await starting;
      await stopClient();
      await (starting = startClient(context, commands));
    }),
  );
  // The language client is loaded and the server started right after activation, not during
  // it: activating stays quick and holds up no other extension; diagnostics and the status item
  // follow as soon as the server is up.
  active = true;
  starting = new Promise<void>((resolve) => setImmediate(resolve)).then(() => startClient(context, commands));
}

async function startClient(context: vscode.ExtensionContext, commands: CommandContext): Promise<void> {
  try {
    const created = await createClient(context, commands.output);
    if (!active) return;
    client = created;
    commands.status.attach(client);
    await client.start();
    void commands.status.request();
  } catch (error) {
    commands.output.appendLine(`[client] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
  // The server may register `gkreport.validateWorkspace` itself (workspace/executeCommand);
  // otherwise the client's implementation (batched `gkreport/validateFiles`) stands in.
  if (!serverProvidesWorkspaceCommand(client)) workspaceCommand = registerWorkspaceCommand(commands);
}

async function stopClient(): Promise<void> {
  const running = client;
  client = undefined;
  workspaceCommand?.dispose();
  workspaceCommand = undefined;
  if (running) await running.dispose();
}

export function deactivate(): Promise<void> | undefined {
  active = false;
  if (!starting && !client) return undefined;
  return Promise.resolve(starting).then(stopClient);
}
