/**
 * The edits that turn one text into another: used to hand an editor the result of `fixText` as a
 * few small edits (lines matched by longest common subsequence, each changed run trimmed to the
 * characters that differ) instead of a whole-document replacement, so cursors, folds and undo
 * stay where they were.
 */
import type { TextEdit } from 'vscode-languageserver-types';
import { computeLineStarts, rangeOf } from '../text/positions';

/** Above this many line pairs the line matching is skipped and one edit spans the change. */
const MAX_CELLS = 4_000_000;

/** Lines of a text, each with its line break. */
function splitLines(text: string): string[] {
  return text.match(/[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$/g) ?? [];
}

/** Edits (in `before`'s coordinates, sorted, non-overlapping) that turn `before` into `after`. */
export function diffEdits(before: string, after: string): TextEdit[] {
  if (before === after) return [];
  const lineStarts = computeLineStarts(before);
  const edit = (start: number, end: number, newText: string): TextEdit => ({ range: rangeOf(lineStarts, { start, end }), newText });
  const a = splitLines(before);
  const b = splitLines(after);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const n = a.length - head - tail;
  const m = b.length - head - tail;
  const startOffset = a.slice(0, head).reduce((s, l) => s + l.length, 0);
  if (n * m > MAX_CELLS) {
    const endOffset = before.length - a.slice(a.length - tail).reduce((s, l) => s + l.length, 0);
    const newText = b.slice(head, b.length - tail).join('');
    return [trimmedEdit(before, startOffset, endOffset, newText, edit)];
  }
  // LCS over the middle lines.
  const lcs: Uint32Array[] = [];
  for (let i = 0; i <= n; i++) lcs.push(new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i][j] = a[head + i] === b[head + j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const edits: TextEdit[] = [];
  let i = 0;
  let j = 0;
  let offset = startOffset;
  while (i < n || j < m) {
    if (i < n && j < m && a[head + i] === b[head + j]) {
      offset += a[head + i].length;
      i++;
      j++;
      continue;
    }
    // A run of changed lines: removed lines of `before`, inserted lines of `after`.
    const runStart = offset;
    const removed: string[] = [];
    const inserted: string[] = [];
    while ((i < n || j < m) && !(i < n && j < m && a[head + i] === b[head + j])) {
      if (j >= m || (i < n && lcs[i + 1][j] >= lcs[i][j + 1])) {
        removed.push(a[head + i]);
        offset += a[head + i].length;
        i++;
      } else {
        inserted.push(b[head + j]);
        j++;
      }
    }
    if (removed.length === inserted.length) {
      // Line for line (cells filled, numbers changed): one small edit per line.
      let at = runStart;
      removed.forEach((line, k) => {
        if (line !== inserted[k]) edits.push(trimmedEdit(before, at, at + line.length, inserted[k], edit));
        at += line.length;
      });
    } else {
      edits.push(trimmedEdit(before, runStart, offset, inserted.join(''), edit));
    }
  }
  return edits;
}

/** One edit replacing before[start, end) with newText, narrowed to the characters that differ. */
function trimmedEdit(before: string, start: number, end: number, newText: string, edit: (s: number, e: number, t: string) => TextEdit): TextEdit {
  const old = before.slice(start, end);
  let p = 0;
  while (p < old.length && p < newText.length && old[p] === newText[p]) p++;
  let s = 0;
  while (s < old.length - p && s < newText.length - p && old[old.length - 1 - s] === newText[newText.length - 1 - s]) s++;
  // Never split a surrogate pair or a \r\n.
  while (p > 0 && (isLowSurrogate(old.charCodeAt(p)) || (old[p - 1] === '\r' && old[p] === '\n'))) p--;
  while (s > 0 && (isLowSurrogate(old.charCodeAt(old.length - s)) || (old[old.length - s - 1] === '\r' && old[old.length - s] === '\n'))) s--;
  return edit(start + p, end - s, newText.slice(p, newText.length - s));
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
