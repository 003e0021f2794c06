/**
 * Text edits in the document's own layout: setting a cell's value, filling a blank, inserting a
 * missing cell. Every edit stays inside its cell or at its insertion point.
 */
import type { TextEdit } from 'vscode-languageserver-types';
import type { DataCell, ReportModel, Span, TableInstance, TableLayout } from '../model';
import { rangeOf } from '../text/positions';

/** The span a cell's new value replaces (or the empty span where it is inserted). */
function valueSpan(cell: DataCell, layout: TableLayout): { span: Span; pad: (v: string) => string } {
  const src = cell.source;
  if (!src) {
    const at = cell.insertAt ?? 0;
    const pad = layout === 'tab' ? (v: string) => `\t${v}` : layout === 'markdown' || layout === 'pipe-rows' ? (v: string) => `| ${v} ` : layout === 'pipe-cells' ? (v: string) => `\n${v} |` : (v: string) => `\n\t${v}`;
    return { span: { start: at, end: at }, pad };
  }
  if (src.text === '') {
    const pad = layout === 'markdown' || layout === 'pipe-rows' ? (v: string) => ` ${v} ` : layout === 'pipe-cells' ? (v: string) => `${v} ` : (v: string) => v;
    return { span: src.raw, pad };
  }
  if (cell.value.kind === 'number') {
    return { span: { start: src.start + cell.value.numberStart, end: src.start + cell.value.numberEnd }, pad: (v) => v };
  }
  return { span: { start: src.start, end: src.end }, pad: (v) => v };
}

/** An edit that sets a cell to `value`, keeping its unit, note and surrounding layout. */
export function setCellEdit(model: ReportModel, table: TableInstance, cell: DataCell, value: string): TextEdit {
  const { span, pad } = valueSpan(cell, table.layout);
  let at = span;
  if (!cell.source && table.layout !== 'tab' && table.layout !== 'markdown' && table.layout !== 'pipe-rows') {
    const end = lineEnd(model, span.start);
    at = { start: end, end };
  }
  return { range: rangeOf(model.lineStarts, at), newText: pad(value) };
}

/** Offset of the end of the line holding `offset` (before its line break). */
export function lineEnd(model: ReportModel, offset: number): number {
  let i = offset;
  while (i < model.text.length && model.text[i] !== '\n' && model.text[i] !== '\r') i++;
  return i;
}

/** The line break the document uses. */
export function eolOf(text: string): string {
  const i = text.indexOf('\n');
  return i > 0 && text[i - 1] === '\r' ? '\r\n' : '\n';
}

/** A visible (never zero-width) span for a cell: its text, its whitespace, or a separator beside it. */
export function visibleSpan(cell: DataCell, fallback: Span): Span {
  const src = cell.source;
  if (!src) return fallback;
  if (src.end > src.start) return { start: src.start, end: src.end };
  const raw = src.raw;
  if (raw.end > raw.start) return raw;
  return src.before ?? src.after ?? fallback;
}
