/**
 * The outline of a report: its six parts, the three tables inside them and table 2's sections
 * (第二十条第（一）项 …); and the regions an editor may fold. Pure: the language server adapts these
 * to document symbols and folding ranges.
 */
import type { Range } from 'vscode-languageserver-types';
import type { ReportModel, Span } from './model';
import { PARTS, tableDecl } from './template';
import { lineOfOffset, rangeOf } from './text/positions';
import type { FormatId, Locale } from './types';

export interface OutlineNode {
  name: string;
  detail?: string;
  kind: 'part' | 'table' | 'section';
  /** The whole element. */
  range: Range;
  /** The part of it to reveal (heading, caption, first line); always inside `range`. */
  selectionRange: Range;
  children: OutlineNode[];
}

/** A foldable line range (0-based, inclusive). */
export interface FoldingRegion {
  startLine: number;
  endLine: number;
  kind: 'part' | 'table' | 'section';
}

const TABLE_NUMBER: Record<string, string> = { table2: '二', table3: '三', table4: '四' };

/** A span without the line breaks and blank lines at its end. */
function trimEnd(model: ReportModel, span: Span): Span {
  let end = span.end;
  while (end > span.start && /\s/.test(model.text[end - 1])) end--;
  return { start: span.start, end: Math.max(end, span.start) };
}

function union(first: Span, ...rest: Span[]): Span {
  return rest.reduce((u, s) => ({ start: Math.min(u.start, s.start), end: Math.max(u.end, s.end) }), first);
}

/** The outline of a report, parts at the top level (tables outside every part stand beside them). */
export function documentOutline(model: ReportModel, locale: Locale, format?: FormatId): OutlineNode[] {
  const zh = locale === 'zh-cn';
  const range = (span: Span): Range => rangeOf(model.lineStarts, span);
  const top: { span: Span; node: OutlineNode }[] = [];
  for (const part of model.parts) {
    const span = trimEnd(model, part.span);
    const heading = { start: part.heading.start, end: Math.min(part.heading.end, span.end) };
    const decl = PARTS.find((p) => p.index === part.index);
    top.push({
      span,
      node: {
        name: part.heading.text,
        detail: decl ? (zh ? `第${decl.ordinal}部分` : `Part ${part.index}`) : undefined,
        kind: 'part',
        range: range(span),
        selectionRange: range(heading),
        children: [],
      },
    });
  }
  for (const table of model.tables) {
    const f = table.format ?? format ?? '2019';
    const title = tableDecl(f, table.id).title;
    // A table covers its sections too (a trailing blank cell may reach past its last number).
    const sections = table.id === 'table2' ? table.sections.filter((s) => s.caption && s.span.end > s.span.start) : [];
    const span = union(table.span, ...sections.map((s) => s.span));
    const firstLineEnd = Math.min(span.end, lineEndOf(model, span.start));
    const node: OutlineNode = {
      name: zh ? `表${TABLE_NUMBER[table.id]} ${title.zh}` : `Table ${table.id.slice(5)}: ${title.en}`,
      detail: `${table.format ?? f}${zh ? ' 年格式' : ' format'} · ${table.layout}`,
      kind: 'table',
      range: range(span),
      selectionRange: range({ start: span.start, end: Math.max(firstLineEnd, span.start) }),
      children: sections.map((s) => ({
        name: s.caption!.text,
        kind: 'section' as const,
        range: range(s.span),
        selectionRange: range({ start: s.caption!.start, end: Math.min(s.caption!.end, s.span.end) }),
        children: [],
      })),
    };
    const parent = top.find((p) => p.node.kind === 'part' && p.span.start <= span.start && span.start < p.span.end);
    if (parent) {
      parent.node.children.push(node);
      if (span.end > parent.span.end) {
        parent.span = union(parent.span, span);
        parent.node.range = range(parent.span);
      }
    } else {
      top.push({ span, node });
    }
  }
  top.sort((a, b) => a.span.start - b.span.start);
  return top.map((t) => t.node);
}

function lineEndOf(model: ReportModel, offset: number): number {
  let i = offset;
  while (i < model.text.length && model.text[i] !== '\n' && model.text[i] !== '\r') i++;
  return i;
}

/** Foldable regions: each part (heading to its last line), each table and each table-2 section. */
export function foldingRegions(model: ReportModel): FoldingRegion[] {
  const out: FoldingRegion[] = [];
  const lineOf = (offset: number): number => lineOfOffset(model.lineStarts, offset);
  const add = (span: Span, kind: FoldingRegion['kind']): void => {
    const trimmed = trimEnd(model, span);
    const startLine = lineOf(trimmed.start);
    const endLine = lineOf(Math.max(trimmed.start, trimmed.end - 1));
    if (endLine > startLine) out.push({ startLine, endLine, kind });
  };
  for (const part of model.parts) add(part.span, 'part');
  for (const table of model.tables) {
    add(table.span, 'table');
    if (table.id === 'table2') for (const s of table.sections) if (s.caption && s.span.end > s.span.start) add(s.span, 'section');
  }
  out.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
  // The same lines folded twice (a part that is only its table) would be one region for the editor.
  return out.filter((r, i) => i === 0 || r.startLine !== out[i - 1].startLine || r.endLine !== out[i - 1].endLine);
}
