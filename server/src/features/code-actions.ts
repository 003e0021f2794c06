/**
 * Code actions: the engine's fixes of each diagnostic as quick fixes, "fix all <code> in this
 * document", a disable comment above the line, and `source.fixAll.gkreport` (every preferred fix,
 * as `fixText` applies them, handed over as the few edits that turn the text into the fixed text).
 */
import {
  type CodeAction,
  CodeActionKind,
  type CodeActionParams,
  type Diagnostic,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import { fixText } from '../engine/fixes/apply';
import { diffEdits } from '../engine/fixes/diff';
import { eolOf } from '../engine/fixes/edits';
import { computeLineStarts, offsetAt } from '../engine/text/positions';
import type { Finding, Fix, Locale } from '../engine/types';
import type { ServerContext } from './context';
import { fingerprint, type DiagnosticData, type Validation } from './diagnostics';

/** Kind of the fix-all source action. */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.gkreport`;

/** Whether an action of `kind` was asked for by `only` (kinds are hierarchical: `source` covers `source.fixAll.gkreport`). */
function requested(only: string[] | undefined, kind: string): boolean {
  if (!only || only.length === 0) return kind === CodeActionKind.QuickFix;
  return only.some((k) => kind === k || kind.startsWith(`${k}.`));
}

/** The finding a diagnostic shows, when the diagnostic belongs to the validated version. */
export function findingFor(v: Validation, diagnostic: Diagnostic): Finding | undefined {
  const findings = v.result?.findings ?? [];
  const data = diagnostic.data as Partial<DiagnosticData> | undefined;
  if (data && typeof data.version === 'number') {
    if (data.version !== v.version) return undefined;
    const at = typeof data.index === 'number' ? findings[data.index] : undefined;
    if (at && fingerprint(at) === data.fingerprint) return at;
    return findings.find((f) => fingerprint(f) === data.fingerprint);
  }
  // A client that drops `data`: match what the diagnostic shows.
  const fp = fingerprint({ code: String(diagnostic.code) as Finding['code'], range: diagnostic.range, message: typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value });
  return findings.find((f) => fingerprint(f) === fp);
}

/** An edit of the validated version (a versioned edit is refused by the client if the document moved on). */
function workspaceEdit(ctx: ServerContext, v: Validation, edits: TextEdit[]): WorkspaceEdit {
  if (ctx.client.documentChanges) return { documentChanges: [{ textDocument: { uri: v.uri, version: v.version }, edits }] };
  return { changes: { [v.uri]: edits } };
}

/** The first fix of each finding, skipping any fix that would overlap one already taken. */
export function nonOverlappingFixes(text: string, fixes: Fix[]): { edits: TextEdit[]; count: number } {
  const lineStarts = computeLineStarts(text);
  const taken: { start: number; end: number }[] = [];
  const edits: TextEdit[] = [];
  let count = 0;
  const overlaps = (s: { start: number; end: number }) =>
    taken.some((t) => s.start < t.end && t.start < s.end || (s.start === s.end && s.start === t.start) || (t.start === t.end && t.start === s.start));
  for (const fix of fixes) {
    const spans = fix.edits.map((e) => ({ start: offsetAt(lineStarts, text.length, e.range.start), end: offsetAt(lineStarts, text.length, e.range.end) }));
    if (spans.some(overlaps)) continue;
    taken.push(...spans);
    edits.push(...fix.edits);
    count++;
  }
  return { edits, count };
}

function titles(locale: Locale) {
  const zh = locale === 'zh-cn';
  return {
    fixAllCode: (code: string, n: number) => (zh ? `修复本文件中全部 ${n} 处 ${code} 问题` : `Fix all ${n} ${code} problems in this document`),
    disable: (code: string) => (zh ? `在下一行禁用 ${code}（插入注释）` : `Disable ${code} for this line (insert a comment)`),
    fixAll: (n: number) => (zh ? `gkreport：应用全部 ${n} 处可自动修复的问题` : `gkreport: apply all ${n} safe fixes`),
  };
}

/** The disable-comment edit for a diagnostic: a comment line above, or the code added to one already there. */
function disableEdit(text: string, line: number, code: string): TextEdit {
  const lineStarts = computeLineStarts(text);
  const lineText = (n: number) => text.slice(lineStarts[n], n + 1 < lineStarts.length ? lineStarts[n + 1] : text.length).replace(/\r?\n$|\r$/, '');
  if (line > 0) {
    const above = lineText(line - 1);
    const m = /<!--\s*gkreport-disable-next-line\b([^>]*?)\s*-->/.exec(above);
    if (m) {
      const codes = m[1].split(/[\s,，]+/).filter(Boolean);
      if (codes.length > 0 && !codes.includes(code)) {
        const at = m.index + m[0].indexOf('-->');
        const before = above.slice(0, at).replace(/\s+$/, '');
        return { range: { start: { line: line - 1, character: before.length }, end: { line: line - 1, character: at } }, newText: ` ${code} ` };
      }
    }
  }
  const indent = /^[ \t\u3000]*/.exec(lineText(line))![0];
  return { range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${indent}<!-- gkreport-disable-next-line ${code} -->${eolOf(text)}` };
}

export class CodeActionsFeature {
  constructor(private readonly ctx: ServerContext) {}

  register(): void {
    this.ctx.connection.onCodeAction((params) => this.provide(params));
  }

  async provide(params: CodeActionParams): Promise<CodeAction[]> {
    const doc = this.ctx.documents.get(params.textDocument.uri);
    if (!doc) return [];
    const v = await this.ctx.diagnostics.validate(doc);
    if (!v?.result) return [];
    const only = params.context.only;
    const t = titles(this.ctx.locale);
    const actions: CodeAction[] = [];
    const text = v.text;
    if (requested(only, CodeActionKind.QuickFix)) {
      const fixAllDone = new Set<string>();
      for (const diagnostic of params.context.diagnostics) {
        if (diagnostic.source !== 'gkreport') continue;
        const finding = findingFor(v, diagnostic);
        if (!finding) continue;
        for (const fix of finding.fixes) {
          actions.push({
            title: fix.title,
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            isPreferred: fix.preferred,
            edit: workspaceEdit(this.ctx, v, fix.edits),
          });
        }
        if (!fixAllDone.has(finding.code)) {
          fixAllDone.add(finding.code);
          const same = v.result.findings.filter((f) => f.code === finding.code && f.fixes.length > 0);
          if (same.length > 1) {
            const { edits, count } = nonOverlappingFixes(text, same.map((f) => f.fixes[0]));
            if (count > 1) {
              actions.push({
                title: t.fixAllCode(finding.code, count),
                kind: CodeActionKind.QuickFix,
                diagnostics: v.diagnostics.filter((d) => d.code === finding.code),
                edit: workspaceEdit(this.ctx, v, edits),
              });
            }
          }
        }
        actions.push({
          title: t.disable(finding.code),
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          edit: workspaceEdit(this.ctx, v, [disableEdit(text, diagnostic.range.start.line, finding.code)]),
        });
      }
    }
    if (only && requested(only, FIX_ALL_KIND)) {
      const fixed = fixText(text, v.resolved.options, v.previous?.model);
      const edits = diffEdits(text, fixed.text);
      if (edits.length > 0) {
        actions.push({
          title: t.fixAll(fixed.applied),
          kind: FIX_ALL_KIND,
          diagnostics: v.diagnostics.filter((d) => v.result!.findings[(d.data as DiagnosticData).index]?.fixes.some((f) => f.preferred)),
          edit: workspaceEdit(this.ctx, v, edits),
        });
      }
    }
    return actions;
  }
}
