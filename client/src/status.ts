/**
 * The language status item of report documents: detected format and year, number of findings,
 * time of the last check, and the large-file guard. Fed by the server's `gkreport/status`
 * notification; asks for a document's status with the `gkreport/status` request when the
 * notification has not arrived (e.g. after a restart).
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { message } from './messages';
import { STATUS_METHOD, type ReportStatus as DocumentStatus, type StatusParams } from './protocol';
import { statusSummary } from './status-text';

export class ReportStatus implements vscode.Disposable {
  private readonly item: vscode.LanguageStatusItem;
  private readonly statuses = new Map<string, DocumentStatus>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly locale = vscode.env.language;
  private client: LanguageClient | undefined;
  private subscription: vscode.Disposable | undefined;

  constructor() {
    this.item = vscode.languages.createLanguageStatusItem('gkreport.status', this.selector());
    this.item.name = message(this.locale, 'statusName');
    this.item.command = { title: message(this.locale, 'showProblems'), command: 'workbench.actions.view.problems' };
    this.disposables.push(
      this.item,
      vscode.window.onDidChangeActiveTextEditor(() => {
        this.render();
        void this.request();
      }),
      vscode.workspace.onDidCloseTextDocument((doc) => this.forget(doc.uri.toString())),
    );
    this.render();
  }

  /** Listens to a (re)started client. */
  attach(client: LanguageClient): void {
    this.subscription?.dispose();
    this.client = client;
    this.subscription = client.onNotification(STATUS_METHOD, (status: DocumentStatus) => this.update(status));
  }

  /** Records the status a server sent. */
  update(status: DocumentStatus): void {
    const key = this.key(status.uri);
    if (!status.isReport) return this.forget(key);
    const known = this.statuses.has(key);
    this.statuses.set(key, status);
    if (!known) this.item.selector = this.selector();
    this.render();
  }

  /** Asks the server for the active document's status when none has arrived yet. */
  async request(): Promise<void> {
    const doc = vscode.window.activeTextEditor?.document;
    const client = this.client;
    if (!doc || !client?.isRunning() || this.statuses.has(doc.uri.toString())) return;
    try {
      const params: StatusParams = { uri: client.code2ProtocolConverter.asUri(doc.uri) };
      const result = await client.sendRequest<DocumentStatus | null>(STATUS_METHOD, params);
      if (result) this.update(result);
    } catch {
      // An older server without the request: the notification will come with the next check.
    }
  }

  /** Marks the active document as being checked. */
  busy(uri: vscode.Uri, busy: boolean): void {
    if (vscode.window.activeTextEditor?.document.uri.toString() === uri.toString()) this.item.busy = busy;
  }

  /** The latest status of a document, if the server sent one. */
  get(uri: vscode.Uri): DocumentStatus | undefined {
    return this.statuses.get(uri.toString());
  }

  /** The status map's key for a URI the server sent (its encoding may differ from VS Code's). */
  private key(uri: string): string {
    try {
      return vscode.Uri.parse(uri).toString();
    } catch {
      return uri;
    }
  }

  private forget(key: string): void {
    if (this.statuses.delete(key)) {
      this.item.selector = this.selector();
      this.render();
    }
  }

  /** The `gkreport` language, plus every other document the server reported on as a report. */
  private selector(): vscode.DocumentSelector {
    const filters: vscode.DocumentFilter[] = [{ language: 'gkreport' }];
    for (const key of this.statuses.keys()) {
      const uri = vscode.Uri.parse(key);
      if (uri.scheme === 'file' || uri.scheme === 'untitled') filters.push({ scheme: uri.scheme, pattern: escapeGlob(uri.fsPath) });
    }
    return filters;
  }

  private render(): void {
    const doc = vscode.window.activeTextEditor?.document;
    const status = doc && this.statuses.get(doc.uri.toString());
    this.item.busy = false;
    if (!status) {
      this.item.text = message(this.locale, 'statusWaiting');
      this.item.detail = undefined;
      this.item.severity = vscode.LanguageStatusSeverity.Information;
      return;
    }
    const summary = statusSummary(status, this.locale);
    this.item.text = summary.text;
    this.item.detail = summary.detail;
    this.item.severity =
      summary.level === 'error'
        ? vscode.LanguageStatusSeverity.Error
        : summary.level === 'warning'
          ? vscode.LanguageStatusSeverity.Warning
          : vscode.LanguageStatusSeverity.Information;
  }

  dispose(): void {
    this.subscription?.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

/** A file path as a glob that matches exactly that path. */
function escapeGlob(path: string): string {
  return path.replace(/[*?[\]{}]/g, (c) => `[${c}]`);
}
