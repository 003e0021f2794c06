/**
 * Offsets ↔ LSP positions. Offsets and characters are UTF-16 code units, as in JavaScript strings.
 */
import type { Position, Range } from 'vscode-languageserver-types';
import type { Span } from '../model';

/** Offsets where each line starts (after \n, \r\n or a lone \r). */
export function computeLineStarts(text: string): number[] {
  const starts = [0];
  if (text.indexOf('\r') < 0) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    return starts;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (c === 10) {
      starts.push(i + 1);
    }
  }
  return starts;
}

/** The line holding an offset (binary search over line starts). */
export function lineOfOffset(lineStarts: number[], offset: number): number {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The LSP position of an offset. */
export function positionAt(lineStarts: number[], offset: number): Position {
  const line = lineOfOffset(lineStarts, offset);
  return { line, character: offset - lineStarts[line] };
}

/** The LSP range of a span (the end is looked for on the start's line first). */
export function rangeOf(lineStarts: number[], span: Span): Range {
  const line = lineOfOffset(lineStarts, span.start);
  const start = { line, character: span.start - lineStarts[line] };
  const next = line + 1 < lineStarts.length ? lineStarts[line + 1] : Infinity;
  const end = span.end >= lineStarts[line] && span.end < next ? { line, character: span.end - lineStarts[line] } : positionAt(lineStarts, span.end);
  return { start, end };
}

/** The offset of an LSP position, clamped to the text. */
export function offsetAt(lineStarts: number[], textLength: number, pos: Position): number {
  if (pos.line < 0) return 0;
  if (pos.line >= lineStarts.length) return textLength;
  const start = lineStarts[pos.line];
  const next = pos.line + 1 < lineStarts.length ? lineStarts[pos.line + 1] : textLength;
  return Math.max(start, Math.min(start + Math.max(0, pos.character), next));
}
