/**
 * Completion of standard wording where the user types a label: part headings at the start of a
 * line, and the row labels (and table-2 section captions) of the table the cursor is in, in the
 * report's format, filtered by what has been typed. Pure: the language server adapts the result.
 */
import type { Position, Range } from 'vscode-languageserver-types';
import type { ReportModel, TableInstance } from './model';
import { FORMATS, formatForYear, PARTS } from './template';
import type { RowDecl, TableId } from './template/types';
import { labelCore, splitOrdinal, toHalfWidth } from './text/normalize';
import { lineOfOffset, offsetAt, positionAt } from './text/positions';
import type { FormatId, Locale } from './types';

export interface LabelCompletion {
  /** The standard wording, shown in the list and inserted. */
  label: string;
  insertText: string;
  /** The typed text the label replaces (may be empty). */
  range: Range;
  /** Text the editor filters on: starts with what was typed, so its own filter keeps the item. */
  filterText: string;
  /** Where the label belongs, e.g. `表三 · （三）不予公开`. */
  detail: string;
  /** Plain-words explanation. */
  documentation: string;
  kind: 'heading' | 'row' | 'caption';
  sortText: string;
}

interface Candidate {
  label: string;
  kind: LabelCompletion['kind'];
  detail: string;
  documentation: string;
  /** Already present in the document (listed after the missing ones). */
  present: boolean;
}

const TABLE_NUMBER: Record<string, string> = { table2: '二', table3: '三', table4: '四' };

/** The label being typed on a line: its start offset, or undefined when the cursor is not in a label cell. */
function typedSegment(text: string, lineStart: number, offset: number): { start: number; atLineStart: boolean } | undefined {
  const before = text.slice(lineStart, offset);
  const sep = Math.max(before.lastIndexOf('\t'), before.lastIndexOf('|'));
  let start = sep + 1;
  // Leading spaces and Markdown marks (## , **, > ) are kept; the label starts after them.
  const lead = /^[ \u3000]*(?:#{1,6}[ \u3000]+|\*\*|__|>[ \u3000]*)*[ \u3000]*/.exec(before.slice(start));
  start += lead ? lead[0].length : 0;
  const cellsBefore = sep < 0 ? [] : before.slice(0, sep).split(/[\t|]/);
  // Only the label cells of a row: no number (or other data) in a cell before the cursor.
  if (cellsBefore.some((c) => /^\s*[-+]?\d[\d,.]*\s*$/.test(c))) return undefined;
  const typed = before.slice(start);
  if (/^[-+]?\d[\d,.]*$/.test(typed.trim()) && typed.trim() !== '') return undefined;
  const atLineStart = cellsBefore.every((c) => c.trim() === '') && !/[|]/.test(before.slice(0, start));
  return { start: lineStart + start, atLineStart };
}

/** The table the cursor is in or just below, else the table of the part it is in. */
function contextTable(model: ReportModel, offset: number): { id: TableId; table?: TableInstance } | undefined {
  const line = lineOfOffset(model.lineStarts, offset);
  for (const table of model.tables) {
    const first = lineOfOffset(model.lineStarts, table.span.start);
    const last = lineOfOffset(model.lineStarts, table.span.end);
    if (first <= line && line <= last + 2) return { id: table.id, table };
  }
  const part = [...model.parts].reverse().find((p) => p.span.start <= offset);
  const byPart: Record<number, TableId> = { 2: 'table2', 3: 'table3', 4: 'table4' };
  const id = part ? byPart[part.index] : undefined;
  return id ? { id, table: model.tables.find((t) => t.id === id) } : undefined;
}

/** Whether every character of `typed` occurs in `core`, in order. */
function subsequence(typed: string, core: string): boolean {
  let i = 0;
  for (const ch of core) if (i < typed.length && ch === typed[i]) i++;
  return i === typed.length;
}

function rowCandidates(id: TableId, format: FormatId, table: TableInstance | undefined, locale: Locale): Candidate[] {
  const zh = locale === 'zh-cn';
  const decl = FORMATS[format].tables.find((t) => t.id === id);
  if (!decl || id === 'table4') return [];
  const out: Candidate[] = [];
  const presentRows = new Set(table?.sections.flatMap((s) => s.rows.map((r) => `${s.id}/${r.id}`)) ?? []);
  const presentSections = new Set(table?.sections.filter((s) => s.caption).map((s) => s.id) ?? []);
  const where = zh ? `表${TABLE_NUMBER[id]}` : `Table ${id.slice(5)}`;
  for (const section of decl.sections) {
    if (section.caption) {
      out.push({
        label: section.caption, kind: 'caption', detail: `${where} · ${format}`,
        documentation: section.columns.map((c) => c.label).join(zh ? '、' : ', '),
        present: presentSections.has(section.id),
      });
    }
    const byId = new Map(section.rows.map((r) => [r.id, r]));
    for (const row of section.rows) {
      if (!row.label) continue;
      const group = row.group ? byId.get(row.group) : undefined;
      const path = [where, section.caption, group && groupLabel(group)].filter(Boolean).join(' · ');
      out.push({
        label: row.label, kind: 'row', detail: path,
        documentation: zh ? row.explain.zh : row.explain.en,
        present: presentRows.has(`${section.id}/${row.id}`),
      });
    }
  }
  return out;
}

function groupLabel(row: RowDecl): string {
  return row.label;
}

/**
 * Completions at a position: the standard labels that fit the place and what has been typed.
 * `format` is the format the report year requires (the table's own format wins when it shows one).
 */
export function completionsAt(model: ReportModel, position: Position, locale: Locale, format?: FormatId): LabelCompletion[] {
  const zh = locale === 'zh-cn';
  const text = model.text;
  let offset = offsetAt(model.lineStarts, text.length, position);
  if (position.line >= 0 && position.line < model.lineStarts.length) {
    // Past the end of the line: at its end, before the line break.
    let end = position.line + 1 < model.lineStarts.length ? model.lineStarts[position.line + 1] : text.length;
    while (end > model.lineStarts[position.line] && (text[end - 1] === '\n' || text[end - 1] === '\r')) end--;
    offset = Math.min(offset, end);
  }
  const line = lineOfOffset(model.lineStarts, offset);
  const segment = typedSegment(text, model.lineStarts[line], offset);
  if (!segment) return [];
  const typed = text.slice(segment.start, offset);
  const context = contextTable(model, offset);
  const candidates: Candidate[] = [];
  if (context) {
    const f = context.table?.format ?? format ?? model.labelFormat ?? formatForYear(model.year);
    candidates.push(...rowCandidates(context.id, f, context.table, locale));
  }
  // Headings on a line of their own: no cell separator on the line (a heading typed just below a
  // table is still read as part of it until it is complete).
  const lineEnd = line + 1 < model.lineStarts.length ? model.lineStarts[line + 1] : text.length;
  const ownLine = !/[\t|]/.test(text.slice(model.lineStarts[line], lineEnd));
  if (segment.atLineStart && ownLine) {
    const present = new Set(model.parts.map((p) => p.index));
    for (const p of PARTS) {
      candidates.push({ label: p.heading, kind: 'heading', detail: zh ? `第${p.ordinal}部分` : `Part ${p.index}`, documentation: zh ? p.explain.zh : p.explain.en, present: present.has(p.index) });
    }
  }
  const typedCore = labelCore(typed);
  const typedOrdinal = splitOrdinal(toHalfWidth(typed));
  const range: Range = { start: positionAt(model.lineStarts, segment.start), end: positionAt(model.lineStarts, offset) };
  const out: LabelCompletion[] = [];
  candidates.forEach((c, i) => {
    if (typed.trim() !== '') {
      const labelOrdinal = splitOrdinal(toHalfWidth(c.label));
      if (typedCore !== '' && !subsequence(typedCore, labelCore(c.label))) return;
      if (typedCore === '' && typedOrdinal.value === undefined) return;
      if (typedCore === '' && typedOrdinal.value !== labelOrdinal.value) return;
    }
    if (c.label === typed) return;
    const rank = (c.kind === 'heading' ? 2 : 0) + (c.present ? 1 : 0);
    out.push({
      label: c.label,
      insertText: c.label,
      range,
      filterText: typed + c.label,
      detail: c.detail,
      documentation: c.documentation,
      kind: c.kind,
      sortText: `${rank}${String(i).padStart(3, '0')}`,
    });
  });
  return out;
}
