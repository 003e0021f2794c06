/**
 * Text edits in the document's own layout: setting a cell's value, filling a blank, inserting a
 * missing cell. Every edit stays inside its cell or at its insertion point.
 */
import type { TextEdit } from 'vscode-languageserver-types';
import type { CellSlot, DataCell, ReportModel, Span, TableInstance, TableLayout, TextCell } from '../model';
import { BLANK_IN_SPACES } from '../render';
import { rangeOf } from '../text/positions';

/** A cell as inserted after the last cell of a row in `layout` (`value` '' for a blank cell). */
function insertedCell(layout: TableLayout, value: string, eol: string): string {
  switch (layout) {
    case 'tab':
      return `\t${value}`;
    case 'markdown':
    case 'pipe-rows':
      return `| ${value} `;
    case 'pipe-cells':
      return `${eol}${value} |`;
    case 'indented-cells':
      return `${eol}\t${value}`;
    case 'spaces':
      return ` ${value === '' ? BLANK_IN_SPACES : value}`;
  }
}

/** The span of a cell's source that its new value replaces, and the text that goes there for a value. */
function valueSpan(cell: DataCell, src: TextCell, layout: TableLayout): { span: Span; pad: (v: string) => string } {
  if (src.text === '') {
    const pad = layout === 'markdown' || layout === 'pipe-rows' ? (v: string) => ` ${v} ` : layout === 'pipe-cells' ? (v: string) => `${v} ` : (v: string) => v;
    return { span: src.raw, pad };
  }
  if (cell.value.kind === 'number') {
    return { span: { start: src.start + cell.value.numberStart, end: src.start + cell.value.numberEnd }, pad: (v) => v };
  }
  return { span: { start: src.start, end: src.end }, pad: (v) => v };
}

/** Options of `setCellEdit`. */
export interface CellEditOptions {
  /**
   * The edit goes with the edits of the row's other missing cells, in column order: a missing
   * cell is inserted on its own, without blanks for the missing cells before it.
   */
  withRow?: boolean;
}

/**
 * An edit that sets a cell to `value`, keeping its unit, note and surrounding layout. A cell
 * missing altogether is inserted at the end of its row, in the table's layout, after a blank
 * cell for each missing cell before it (unless `withRow`).
 * Example: `规章 | 5 |` in pipe cells, 现行有效件数 set to 0 → `5 |`, ` |`, `0 |` on three lines.
 */
export function setCellEdit(model: ReportModel, table: TableInstance, cell: DataCell, value: string, options: CellEditOptions = {}): TextEdit {
  if (!cell.source && cell.slot) return slotEdit(model, cell.slot, value);
  if (!cell.source) {
    const layout = table.layout;
    const eol = eolOf(model.text);
    const at = cell.insertAt ?? 0;
    const where = layout === 'tab' || layout === 'markdown' || layout === 'pipe-rows' || layout === 'spaces' ? at : lineEnd(model, at);
    const blanks = options.withRow ? 0 : (cell.missingBefore ?? 0);
    const newText = insertedCell(layout, '', eol).repeat(blanks) + insertedCell(layout, value, eol);
    return { range: rangeOf(model.lineStarts, { start: where, end: where }), newText };
  }
  const { span, pad } = valueSpan(cell, cell.source, table.layout);
  return { range: rangeOf(model.lineStarts, span), newText: pad(value) };
}

/**
 * A value put under its column in a row laid out with spaces: it takes the place of as many spaces
 * around the column's middle, or continues the line to the column after its last value.
 */
function slotEdit(model: ReportModel, slot: CellSlot, value: string): TextEdit {
  const start = Math.max(slot.start, Math.round(slot.middle - value.length / 2));
  const end = Math.min(slot.end, start + value.length);
  if (start <= end) return { range: rangeOf(model.lineStarts, { start, end }), newText: value };
  return { range: rangeOf(model.lineStarts, { start: slot.end, end: slot.end }), newText: ' '.repeat(start - slot.end) + value };
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
