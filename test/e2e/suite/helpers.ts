/**
 * Helpers of the end-to-end scenarios: they run inside a real VS Code extension host and see
 * only what VS Code itself reports (diagnostics, code actions, hovers, symbols, document text).
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'gkreport.gkreport';
export const SOURCE = 'gkreport';
/** Rules whose findings are arithmetic errors (rules.md: "arithmetic errors"). */
export const ARITHMETIC = ['row-total', 'column-total', 'balance', 'appeal-total'];

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function log(...args: unknown[]): void {
  console.log('[e2e]', ...args);
}

/**
 * Polls `fn` until it returns something truthy, at most `ms` milliseconds (a bound, not a timing
 * assumption: the answer is usually there after a few hundred milliseconds).
 */
export async function until<T>(what: string, fn: () => T | undefined | null | false | Promise<T | undefined | null | false>, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await fn();
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > end) {
      const reason = lastError instanceof Error ? `: ${lastError.message}` : '';
      throw new Error(`timed out after ${ms} ms waiting for ${what}${reason}`);
    }
    await sleep(150);
  }
}

/** Polls until `check` stops throwing; on timeout rethrows its last assertion error (with its diff). */
export async function eventually(what: string, check: () => void | Promise<void>, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > end) {
        if (error instanceof Error) error.message = `${what} (after ${ms} ms): ${error.message}`;
        throw error;
      }
    }
    await sleep(150);
  }
}

export function folder(): vscode.Uri {
  const f = vscode.workspace.workspaceFolders?.[0];
  assert.ok(f, 'a workspace folder is open');
  return f.uri;
}

export function file(relative: string): vscode.Uri {
  return vscode.Uri.joinPath(folder(), ...relative.split('/'));
}

/** The diagnostics of gkreport that VS Code holds for a document. */
export function diagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

export function codeOf(d: vscode.Diagnostic): string {
  return String(typeof d.code === 'object' && d.code ? d.code.value : d.code);
}

export function codes(uri: vscode.Uri): string[] {
  return diagnostics(uri).map(codeOf).sort();
}

/** Number of diagnostics per code, e.g. `{ 'empty-cell': 18, label: 1 }`. */
export function countByCode(list: vscode.Diagnostic[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const d of list) out[codeOf(d)] = (out[codeOf(d)] ?? 0) + 1;
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}

export const SEVERITY_NAMES = ['error', 'warning', 'info', 'hint'] as const;

export function severityName(d: vscode.Diagnostic): string {
  return SEVERITY_NAMES[d.severity];
}

export function rangeText(r: vscode.Range): string {
  return `${r.start.line + 1}:${r.start.character + 1}-${r.end.line + 1}:${r.end.character + 1}`;
}

/** A diagnostic as comparable text: `code severity range message`. */
export function describe(d: vscode.Diagnostic): string {
  return `${codeOf(d)} ${severityName(d)} ${rangeText(d.range)} ${d.message}`;
}

export async function open(relativeOrUri: string | vscode.Uri): Promise<vscode.TextEditor> {
  const uri = typeof relativeOrUri === 'string' ? file(relativeOrUri) : relativeOrUri;
  const doc = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(doc, { preview: false });
}

export async function closeAll(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

const EXTENSION_OF: Record<string, string> = { gkreport: 'gkreport', markdown: 'md', plaintext: 'txt' };
let scratchCount = 0;

/**
 * A new file of `language` (by its extension) under scratch/ with `content`, shown in an editor.
 * Every call makes a file of its own: untitled documents would reuse the name Untitled-1, and the
 * diagnostics of a closed one may still show for a moment under that name.
 */
export async function scratch(language: string, content = ''): Promise<vscode.TextEditor> {
  const uri = file(`scratch/${String(++scratchCount).padStart(3, '0')}.${EXTENSION_OF[language]}`);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(content));
  const editor = await open(uri);
  assert.equal(editor.document.languageId, language, `${uri.fsPath} opens as ${language}`);
  return editor;
}

/** Closes the active editor without saving (untitled documents and scratch edits). */
export async function discardActive(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
}

export function extension(): vscode.Extension<unknown> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is installed`);
  return ext;
}

export interface CliDiagnostic {
  code: string;
  severity: string;
  message: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

/**
 * What the CLI (dist/cli.js of the extension under test, same engine) reports for files: the
 * reference the editor's diagnostics are compared with. Runs on the extension host's own runtime
 * (Node, or Electron as Node).
 */
export function cliCheck(paths: string[], locale: string): Map<string, CliDiagnostic[]> {
  const cli = join(extension().extensionPath, 'dist', 'cli.js');
  const result = spawnSync(process.execPath, [cli, 'check', '--format', 'json', '--locale', locale, ...paths], {
    encoding: 'utf8',
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  const files = JSON.parse(result.stdout) as { file: string; diagnostics: CliDiagnostic[] }[];
  return new Map(files.map((f) => [f.file, f.diagnostics]));
}

export function describeCli(d: CliDiagnostic): string {
  const r = new vscode.Range(d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character);
  return `${d.code} ${d.severity} ${rangeText(r)} ${d.message}`;
}

/** The display language as the CLI's `--locale` names it. */
export function cliLocale(): string {
  return vscode.env.language.toLowerCase().startsWith('zh') ? 'zh-cn' : 'en';
}

/** Runs `gkreport.validate` on the active editor: the server's own counts for the current text. */
export async function validateActive(): Promise<{ report: boolean; errors: number; warnings: number; infos: number }> {
  const result = await vscode.commands.executeCommand<{ report: boolean; errors: number; warnings: number; infos: number }>('gkreport.validate');
  assert.ok(result, 'gkreport.validate returns a summary');
  return result;
}

/** Sets a setting in the workspace (.vscode/settings.json of the test folder); undefined removes it. */
export async function setSetting(section: string, value: unknown, language?: string): Promise<void> {
  const dot = section.lastIndexOf('.');
  const config = vscode.workspace.getConfiguration(section.slice(0, dot), language ? { languageId: language } : undefined);
  await config.update(section.slice(dot + 1), value, vscode.ConfigurationTarget.Workspace, language ? true : undefined);
}

/** The code actions VS Code collects for a range (all providers, as the lightbulb would show them). */
export async function codeActions(uri: vscode.Uri, range: vscode.Range, kind?: string): Promise<vscode.CodeAction[]> {
  const all = (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', uri, range, kind)) ?? [];
  return all.filter((a): a is vscode.CodeAction => 'title' in a && !('command' in a && typeof (a as vscode.Command).command === 'string'));
}

/** Offset arithmetic on plain text, independent of any document. */
export function offsetAt(text: string, pos: vscode.Position): number {
  let offset = 0;
  for (let line = 0; line < pos.line; line++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  return offset + pos.character;
}

/** `text` with `edits` (non-overlapping, positions in `text`) applied. */
export function applyEdits(text: string, edits: readonly vscode.TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => offsetAt(text, b.range.start) - offsetAt(text, a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, offsetAt(text, e.range.start)) + e.newText + out.slice(offsetAt(text, e.range.end));
  return out;
}

/** Where a position that lies outside every edit ends up after the edits. */
export function mapPosition(pos: vscode.Position, edits: readonly vscode.TextEdit[]): vscode.Position {
  let line = pos.line;
  let character = pos.character;
  for (const e of [...edits].sort((a, b) => b.range.start.compareTo(a.range.start))) {
    if (e.range.end.isAfter(pos)) continue;
    const newLines = e.newText.split('\n');
    const lineDelta = newLines.length - 1 - (e.range.end.line - e.range.start.line);
    if (line === e.range.end.line) {
      const endColumn = (newLines.length === 1 ? e.range.start.character : 0) + newLines[newLines.length - 1].length;
      character = endColumn + (character - e.range.end.character);
    }
    line += lineDelta;
  }
  return new vscode.Position(line, character);
}
