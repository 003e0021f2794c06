/**
 * The commands that talk to the server: validate the current report, validate the workspace,
 * fix all, show the output.
 */
import * as vscode from 'vscode';
import type { LanguageClient, Middleware } from 'vscode-languageclient/node';
import { languageClientModule } from './language-client';
import { message, type MessageKey } from './messages';
import {
  DIAGNOSTIC_SOURCE,
  FIX_ALL_KIND,
  messageCounts,
  STATUS_METHOD,
  VALIDATE_FILES_METHOD,
  VALIDATE_WORKSPACE_COMMAND,
  type Counts,
  type ReportStatus as DocumentStatus,
  type StatusParams,
  type ValidateFilesParams,
  type ValidateFilesResult,
  type WorkspaceValidationSummary,
} from './protocol';
import type { ReportStatus } from './status';

/** What the commands need from the extension. */
export interface CommandContext {
  /** The running client, if any (it is replaced when the server restarts). */
  client(): LanguageClient | undefined;
  /** Languages whose documents the server checks. */
  languages(): string[];
  output: vscode.OutputChannel;
  status: ReportStatus;
}

/** The glob of the files `gkreport.validateWorkspace` checks. */
export const WORKSPACE_GLOB = '**/*.{txt,md,gkreport}';
const WORKSPACE_EXCLUDE = '**/{node_modules,.git}/**';
/** URIs per `gkreport/validateFiles` request: small enough for a responsive progress bar. */
const BATCH = 16;

const t = (key: MessageKey, params?: object) => message(vscode.env.language, key, params);

/**
 * Registers the commands the extension implements. `gkreport.validateWorkspace` is registered
 * separately (`registerWorkspaceCommand`): the server may provide it as an LSP command instead.
 */
export function registerCommands(ctx: CommandContext): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('gkreport.validate', () => validateCurrent(ctx)),
    vscode.commands.registerCommand('gkreport.fixAll', () => fixAll(ctx)),
    vscode.commands.registerCommand('gkreport.showOutput', () => ctx.output.show(true)),
  ];
}

/** The client's own `gkreport.validateWorkspace`, for servers that do not register the command. */
export function registerWorkspaceCommand(ctx: CommandContext): vscode.Disposable {
  return vscode.commands.registerCommand(VALIDATE_WORKSPACE_COMMAND, () => validateWorkspace(ctx));
}

/** Whether a started client's server registers `gkreport.validateWorkspace` as an LSP command. */
export function serverProvidesWorkspaceCommand(client: LanguageClient | undefined): boolean {
  return client?.initializeResult?.capabilities.executeCommandProvider?.commands.includes(VALIDATE_WORKSPACE_COMMAND) ?? false;
}

/**
 * Middleware for the server's `gkreport.validateWorkspace` command: the same cancellable progress
 * notification and summary as the client's own implementation. The request is sent here rather
 * than through `next` so that cancelling the notification cancels the request ($/cancelRequest).
 */
export function workspaceCommandMiddleware(client: () => LanguageClient | undefined): Pick<Middleware, 'executeCommand'> {
  return {
    executeCommand: async (command, args, next) => {
      const running = client();
      if (command !== VALIDATE_WORKSPACE_COMMAND || !running) return next(command, args);
      return vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: t('workspaceProgress'), cancellable: true },
        async (_progress, token) => {
          let result: WorkspaceValidationSummary | null;
          try {
            const { ExecuteCommandRequest } = await languageClientModule();
            result = (await running.sendRequest(ExecuteCommandRequest.type, { command, arguments: args }, token)) as WorkspaceValidationSummary | null;
          } catch (error) {
            if (token.isCancellationRequested) return undefined;
            throw error;
          }
          if (result) {
            const totals = { reports: result.files, ...messageCounts(result.counts) };
            void showSummary(levelOf(totals), t('workspaceResultShort', totals));
          }
          return result;
        },
      );
    },
  };
}

/** The active document when the server checks its language. */
function activeReport(ctx: CommandContext): vscode.TextDocument | undefined {
  const doc = vscode.window.activeTextEditor?.document;
  if (!doc || !ctx.languages().includes(doc.languageId)) {
    void vscode.window.showInformationMessage(t('noReport'));
    return undefined;
  }
  return doc;
}

/** The running language client, or undefined after telling the user that it has not started. */
export function runningClient(ctx: CommandContext): LanguageClient | undefined {
  const client = ctx.client();
  if (!client?.isRunning()) {
    void vscode.window.showWarningMessage(t('notStarted'));
    return undefined;
  }
  return client;
}

async function isMethodNotFound(error: unknown): Promise<boolean> {
  const { ErrorCodes, ResponseError } = await languageClientModule();
  return error instanceof ResponseError && error.code === ErrorCodes.MethodNotFound;
}

function levelOf(counts: Counts): 'error' | 'warning' | 'info' {
  return counts.errors ? 'error' : counts.warnings ? 'warning' : 'info';
}

async function showSummary(level: 'info' | 'warning' | 'error', text: string): Promise<void> {
  const show =
    level === 'error' ? vscode.window.showErrorMessage : level === 'warning' ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
  const action = await show(text, t('showProblems'));
  if (action) await vscode.commands.executeCommand('workbench.actions.view.problems');
}

/** Counts of the server's diagnostics that VS Code holds for a document. */
function countDiagnostics(uri: vscode.Uri): Counts {
  const counts = { errors: 0, warnings: 0, infos: 0 };
  for (const d of vscode.languages.getDiagnostics(uri)) {
    if (d.source !== DIAGNOSTIC_SOURCE) continue;
    if (d.severity === vscode.DiagnosticSeverity.Error) counts.errors++;
    else if (d.severity === vscode.DiagnosticSeverity.Warning) counts.warnings++;
    else counts.infos++;
  }
  return counts;
}

/** Resolves when VS Code's diagnostics of a document change, or after `ms`. */
function diagnosticsChanged(uri: vscode.Uri, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      sub.dispose();
      resolve();
    };
    const timer = setTimeout(done, ms);
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) done();
    });
  });
}

/**
 * Checks one open document again: re-pulls its diagnostics (pull model) and asks the server for
 * its counts (`gkreport/validateFiles`; else the status request; else the diagnostics VS Code holds).
 */
async function recheck(client: LanguageClient, doc: vscode.TextDocument): Promise<{ report: boolean; counts: Counts; error?: string }> {
  const { DocumentDiagnosticRequest } = await languageClientModule();
  const provider = client.getFeature(DocumentDiagnosticRequest.method)?.getProvider(doc);
  const changed = provider ? diagnosticsChanged(doc.uri, 3000) : Promise.resolve();
  provider?.onDidChangeDiagnosticsEmitter.fire();
  const uri = client.code2ProtocolConverter.asUri(doc.uri);
  try {
    const result = await client.sendRequest<ValidateFilesResult>(VALIDATE_FILES_METHOD, { uris: [uri] } satisfies ValidateFilesParams);
    const file = result?.files?.[0];
    if (file) return { report: file.isReport, counts: messageCounts(file.counts), error: file.error };
  } catch (error) {
    if (!(await isMethodNotFound(error))) throw error;
  }
  await changed;
  try {
    const status = await client.sendRequest<DocumentStatus | null>(STATUS_METHOD, { uri } satisfies StatusParams);
    if (status) return { report: status.isReport, counts: messageCounts(status.counts) };
  } catch (error) {
    if (!(await isMethodNotFound(error))) throw error;
  }
  return { report: true, counts: countDiagnostics(doc.uri) };
}

/**
 * `gkreport.validate`: checks the active document again and summarises the result (also returned,
 * for callers such as tests and keybinding macros).
 */
async function validateCurrent(ctx: CommandContext): Promise<({ report: boolean } & Counts) | undefined> {
  const doc = activeReport(ctx);
  const client = doc && runningClient(ctx);
  if (!doc || !client) return undefined;
  const name = vscode.workspace.asRelativePath(doc.uri);
  ctx.status.busy(doc.uri, true);
  try {
    const { report, counts, error } = await recheck(client, doc);
    if (error) throw new Error(error);
    if (!report) void vscode.window.showInformationMessage(t('notAReport', { name }));
    else if (counts.errors + counts.warnings + counts.infos === 0) void vscode.window.showInformationMessage(t('validateClean', { name }));
    else void showSummary(levelOf(counts), t('validateResult', { name, ...counts }));
    return { report, errors: counts.errors, warnings: counts.warnings, infos: counts.infos };
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    ctx.output.appendLine(`[validate] ${name}: ${text}`);
    void vscode.window.showErrorMessage(text);
    return undefined;
  } finally {
    ctx.status.busy(doc.uri, false);
  }
}

/** `gkreport.validateWorkspace` (client side): sends the workspace's candidate files to the server in batches. */
async function validateWorkspace(ctx: CommandContext): Promise<void> {
  if (!vscode.workspace.workspaceFolders?.length) {
    void vscode.window.showInformationMessage(t('workspaceNoFolder'));
    return;
  }
  const client = runningClient(ctx);
  if (!client) return;
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: t('workspaceProgress'), cancellable: true },
    async (progress, token) => {
      progress.report({ message: t('workspaceCounting') });
      const found = await vscode.workspace.findFiles(WORKSPACE_GLOB, WORKSPACE_EXCLUDE, undefined, token);
      if (token.isCancellationRequested) return;
      if (found.length === 0) {
        void vscode.window.showInformationMessage(t('workspaceNoFiles'));
        return;
      }
      const uris = found.map((u) => client.code2ProtocolConverter.asUri(u)).sort();
      const totals = { reports: 0, files: 0, errors: 0, warnings: 0, infos: 0 };
      const failures: string[] = [];
      for (let i = 0; i < uris.length && !token.isCancellationRequested; i += BATCH) {
        const batch = uris.slice(i, i + BATCH);
        let result: ValidateFilesResult;
        try {
          result = await client.sendRequest<ValidateFilesResult>(VALIDATE_FILES_METHOD, { uris: batch } satisfies ValidateFilesParams, token);
        } catch (error) {
          if (token.isCancellationRequested) break;
          if (await isMethodNotFound(error)) {
            void vscode.window.showErrorMessage(t('unsupported', { method: VALIDATE_FILES_METHOD }));
            return;
          }
          throw error;
        }
        for (const file of result?.files ?? []) {
          totals.files++;
          if (file.error) failures.push(`${file.uri}: ${file.error}`);
          if (!file.isReport || file.error) continue;
          totals.reports++;
          totals.errors += file.counts.error;
          totals.warnings += file.counts.warning;
          totals.infos += file.counts.info;
        }
        progress.report({
          increment: (batch.length / uris.length) * 100,
          message: t('workspaceStep', { done: Math.min(i + BATCH, uris.length), total: uris.length }),
        });
      }
      for (const f of failures) ctx.output.appendLine(`[validateWorkspace] ${f}`);
      if (failures.length) void vscode.window.showWarningMessage(t('workspaceFailures', { count: failures.length }));
      if (token.isCancellationRequested) {
        void vscode.window.showInformationMessage(t('workspaceCancelled', totals));
        return;
      }
      void showSummary(levelOf(totals), t('workspaceResult', totals));
    },
  );
}

/** `gkreport.fixAll`: applies the server's `source.fixAll.gkreport` action to the active document. */
async function fixAll(ctx: CommandContext): Promise<void> {
  const doc = activeReport(ctx);
  if (!doc || !runningClient(ctx)) return;
  const whole = new vscode.Range(0, 0, doc.lineCount, 0);
  const actions =
    (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, whole, FIX_ALL_KIND, 1)) ?? [];
  const kind = vscode.CodeActionKind.SourceFixAll.append('gkreport');
  const action = actions.find((a) => a.kind && kind.contains(a.kind) && !a.disabled);
  if (!action || ((!action.edit || action.edit.size === 0) && !action.command)) {
    void vscode.window.showInformationMessage(t('fixAllNone'));
    return;
  }
  if (action.edit && !(await vscode.workspace.applyEdit(action.edit))) return;
  if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
}
