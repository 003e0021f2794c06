/**
 * Applying fixes: text edits to a string, and `fixText`, which applies every preferred fix until
 * nothing fixable is left (at most three passes).
 */
import type { TextEdit } from 'vscode-languageserver-types';
import { checkReport } from '../check';
import type { ReportModel } from '../model';
import { computeLineStarts, offsetAt } from '../text/positions';
import type { EngineOptions, Finding } from '../types';

/** Applies non-overlapping edits to a text (overlapping later edits are skipped). */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const lineStarts = computeLineStarts(text);
  const spans = edits
    .map((e, i) => ({ start: offsetAt(lineStarts, text.length, e.range.start), end: offsetAt(lineStarts, text.length, e.range.end), newText: e.newText, i }))
    .sort((a, b) => a.start - b.start || a.end - b.end || a.i - b.i);
  let out = '';
  let pos = 0;
  for (const s of spans) {
    if (s.start < pos) continue;
    out += text.slice(pos, s.start) + s.newText;
    pos = s.end;
  }
  return out + text.slice(pos);
}

export interface FixTextResult {
  text: string;
  /** Number of fixes applied. */
  applied: number;
  /** Findings left after fixing. */
  remaining: Finding[];
}

/** The preferred fixes of a set of findings, first fix of each, as one edit list without overlaps. */
export function preferredEdits(findings: Finding[]): { edits: TextEdit[]; count: number } {
  const edits: TextEdit[] = [];
  let count = 0;
  for (const f of findings) {
    const fix = f.fixes.find((x) => x.preferred);
    if (!fix) continue;
    edits.push(...fix.edits);
    count++;
  }
  return { edits, count };
}

/** Applies every preferred fix, re-checking between passes, until none is left (≤ 3 passes). */
export function fixText(text: string, options?: EngineOptions, previous?: ReportModel): FixTextResult {
  let current = text;
  let applied = 0;
  let result = checkReport({ text: current, options, previous });
  for (let pass = 0; pass < 3; pass++) {
    const { edits, count } = preferredEdits(result.findings);
    if (count === 0) break;
    const next = applyEdits(current, edits);
    if (next === current) break;
    current = next;
    applied += count;
    result = checkReport({ text: current, options, previous });
  }
  return { text: current, applied, remaining: result.findings };
}
