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

/** What identifies a finding across a re-check: its rule and its message (which names the cell). */
function findingKey(f: Finding): string {
  return `${f.code}\u0000${f.message}`;
}

/**
 * The preferred fixes that can be applied together: whole fixes in document order, a fix left
 * out when one of its edits overlaps an edit already taken (never half of a fix). Insertions at
 * one point conflict: the order of insertions at one point is not known (a blank cell filled, and
 * the cells missing after it appended, both at the end of its line); the next pass takes the others.
 */
function compatibleFixes(text: string, findings: Finding[]): { finding: Finding; edits: TextEdit[] }[] {
  const lineStarts = computeLineStarts(text);
  const candidates = findings.flatMap((finding) => {
    const fix = finding.fixes.find((x) => x.preferred);
    if (!fix || fix.edits.length === 0) return [];
    const spans = fix.edits.map((e) => ({ start: offsetAt(lineStarts, text.length, e.range.start), end: offsetAt(lineStarts, text.length, e.range.end) }));
    return [{ finding, edits: fix.edits, spans, first: Math.min(...spans.map((x) => x.start)) }];
  });
  candidates.sort((a, b) => a.first - b.first);
  // Taken spans, disjoint and sorted by start (hence by end); the insertion points taken.
  const taken: { start: number; end: number }[] = [];
  const points = new Set<number>();
  const overlaps = (s: { start: number; end: number }): boolean => {
    if (s.start === s.end && points.has(s.start)) return true;
    let lo = 0;
    let hi = taken.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (taken[mid].end <= s.start) lo = mid + 1;
      else hi = mid;
    }
    // As applyEdits sees it: an insertion at a span's edge does not overlap it.
    for (let i = lo; i < taken.length && taken[i].start < s.end; i++) {
      if (s.start < taken[i].end) return true;
    }
    return false;
  };
  const out: { finding: Finding; edits: TextEdit[] }[] = [];
  for (const c of candidates) {
    if (c.spans.some(overlaps)) continue;
    for (const span of c.spans) {
      if (span.start === span.end) points.add(span.start);
      let at = taken.length;
      while (at > 0 && (taken[at - 1].start > span.start || (taken[at - 1].start === span.start && taken[at - 1].end > span.end))) at--;
      taken.splice(at, 0, span);
    }
    out.push({ finding: c.finding, edits: c.edits });
  }
  return out;
}

/**
 * Applies every preferred fix, re-checking between passes, until none is left (≤ 3 passes).
 * A preferred fix whose finding survives it unchanged did not work (e.g. a value inserted where
 * the parser does not read it back): its pass is redone without it, so that "fix all" never
 * keeps inserting text that changes nothing.
 */
export function fixText(text: string, options?: EngineOptions, previous?: ReportModel): FixTextResult {
  let current = text;
  let applied = 0;
  let result = checkReport({ text: current, options, previous });
  const ineffective = new Set<string>();
  for (let pass = 0, redo = 0; pass < 3; pass++) {
    const fixes = compatibleFixes(current, result.findings.filter((f) => !ineffective.has(findingKey(f))));
    if (fixes.length === 0) break;
    const next = applyEdits(current, fixes.flatMap((f) => f.edits));
    if (next === current) break;
    const checked = checkReport({ text: next, options, previous });
    // Counted, not just seen: two copies of a table have findings with the same message.
    const count = (keys: string[]) => keys.reduce((m, k) => m.set(k, (m.get(k) ?? 0) + 1), new Map<string, number>());
    const before = count(result.findings.map(findingKey));
    const fixed = count(fixes.map((f) => findingKey(f.finding)));
    const left = count(checked.findings.map(findingKey));
    const failed = fixes.filter((f) => {
      const k = findingKey(f.finding);
      return (left.get(k) ?? 0) > before.get(k)! - fixed.get(k)!;
    });
    if (failed.length > 0) {
      if (++redo > 3) break;
      for (const f of failed) ineffective.add(findingKey(f.finding));
      pass--;
      continue;
    }
    current = next;
    applied += fixes.length;
    result = checked;
  }
  return { text: current, applied, remaining: result.findings };
}
