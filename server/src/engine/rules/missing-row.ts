/**
 * `missing-row` — a row of the table's format (its labels' format, else the one the report year
 * requires) is absent from a table instance that exists. Group labels (三、本年度办理结果,
 * （三）不予公开 …) count as rows too but carry no numbers. A table the parser saw in pieces counts
 * the rows of all its pieces; a table with only fragments is `missing-table`'s business.
 * Example: table 3 without `（七）总计` → the finding sits on `四、结转下年度继续办理` (the following
 * row's label, else the preceding one).
 * Fix (not preferred): insert the row at its place in the table's own layout, with the values the
 * relations determine (（七）总计 = the sum of the result rows) where they can, else 0. A table-2
 * section missing altogether (caption, header and rows) is reported once and inserted whole.
 */
import { countOf } from '../analysis/relations';
import { eolOf, lineEnd } from '../fixes/edits';
import type { ReportModel, RowInstance, Span, TableInstance, TableLayout } from '../model';
import { renderRow, renderSection, type RowShape } from '../render';
import { cellAt, cellKey, FORMATS, tableDecl } from '../template';
import type { CellRef, RowDecl, SectionDecl } from '../template/types';
import { lineOfOffset, rangeOf } from '../text/positions';
import type { FormatId, TextEdit } from '../types';
import type { Rule, RuleContext } from './rule';
import { formatOf, isFragment, piecesOf, presentRows } from './table-support';

const TABLE_NAMES = { table2: { zh: '表二', en: 'Table 2' }, table3: { zh: '表三', en: 'Table 3' }, table4: { zh: '表四', en: 'Table 4' } };


/** Start of the first element of a row (its label, else its span). */
function rowStart(row: RowInstance): number {
  return row.label?.start ?? row.span.start;
}

/** The visible span of a row for a diagnostic: its label, else its span. */
function rowVisible(row: RowInstance): Span {
  const s = row.label ?? row.span;
  return { start: s.start, end: Math.max(s.end, s.start + 1) };
}

/**
 * The label columns and trailing blank cells of a row written one row a line (tab, Markdown,
 * pipe rows), read from its line, so an inserted row lines up with it.
 */
function shapeOf(model: ReportModel, layout: TableLayout, row: RowInstance): RowShape | undefined {
  if (layout !== 'tab' && layout !== 'markdown' && layout !== 'pipe-rows') return undefined;
  const label = row.label;
  const sources = row.cells.map((c) => c.source).filter((s) => !!s);
  if (!label || sources.length === 0) return undefined;
  const line = lineOfOffset(model.lineStarts, label.start);
  if (sources.some((s) => s!.line !== line)) return undefined;
  const start = model.lineStarts[line];
  const text = model.text.slice(start, lineEnd(model, start));
  const sep = layout === 'tab' ? '\t' : '|';
  const lead = layout === 'markdown' ? 1 : 0;
  const index = (offset: number): number => (text.slice(0, offset - start).split(sep).length - 1) - lead;
  const first = index(sources[0]!.start);
  const last = index(sources[sources.length - 1]!.start);
  let total = text.split(sep).length - lead;
  if (layout !== 'tab' && /\|\s*$/.test(text)) total--;
  return { labelColumns: Math.max(1, first), trailing: Math.max(0, total - last - 1) };
}

/**
 * Values the relations determine for the cells of a missing row: a relation whose only unknown
 * cell is in that row gives it; propagated until nothing changes. Undetermined cells are 0.
 */
function derivedValues(table: TableInstance, format: FormatId, section: SectionDecl, row: RowDecl): Map<string, number> {
  const known = new Map<string, number>();
  const relations = FORMATS[format].relations.filter((r) => r.lhs[0].table === table.id);
  const valueOf = (ref: CellRef): number | undefined => known.get(cellKey(ref)) ?? countOf(cellAt(table.byIndex, cellKey(ref)));
  for (let changed = true, pass = 0; changed && pass < 20; pass++) {
    changed = false;
    for (const rel of relations) {
      const refs = [...rel.lhs, ...rel.rhs];
      const unknown = refs.filter((r) => valueOf(r) === undefined);
      if (unknown.length !== 1 || unknown[0].row !== row.id || unknown[0].section !== section.id) continue;
      const u = unknown[0];
      const sum = (list: CellRef[]) => list.reduce((s, r) => s + (r === u ? 0 : valueOf(r)!), 0);
      const onLeft = rel.lhs.includes(u);
      const v = onLeft ? sum(rel.rhs) - sum(rel.lhs) : sum(rel.lhs) - sum(rel.rhs);
      if (v < 0 || !Number.isSafeInteger(v)) continue;
      known.set(cellKey(u), v);
      changed = true;
    }
  }
  return known;
}

const MD_SEPARATOR = /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/;

/**
 * Edits inserting rendered rows (every line ending with `eol`) before the line of `offset`. Before
 * the header row of a Markdown table, the `|---|` separator moves up under the new first row.
 */
function insertBefore(model: ReportModel, layout: TableLayout, offset: number, text: string, eol: string): TextEdit[] {
  let line = lineOfOffset(model.lineStarts, offset);
  const lineText = (l: number) => model.text.slice(model.lineStarts[l], lineEnd(model, model.lineStarts[l]));
  if (layout === 'indented-cells') {
    // The blank label cells that open the row's block (at most two, for 三、 and （一） columns),
    // not the blank last cells of the row before.
    const cellLines = sourceLines(model);
    for (let k = 0; k < 2 && line > 0 && /^\t[ \u3000\u00a0]*$/.test(lineText(line - 1)) && !cellLines.has(line - 1); k++) line--;
  }
  const at = model.lineStarts[line];
  const insert = (newText: string): TextEdit => ({ range: rangeOf(model.lineStarts, { start: at, end: at }), newText });
  if (layout === 'markdown' && line + 1 < model.lineStarts.length && MD_SEPARATOR.test(lineText(line + 1))) {
    const separator = lineText(line + 1);
    const first = text.indexOf(eol);
    const sepStart = model.lineStarts[line + 1];
    const sepEnd = line + 2 < model.lineStarts.length ? model.lineStarts[line + 2] : lineEnd(model, sepStart);
    return [
      insert(text.slice(0, first + eol.length) + separator + eol + text.slice(first + eol.length)),
      { range: rangeOf(model.lineStarts, { start: sepStart, end: sepEnd }), newText: '' },
    ];
  }
  return [insert(layout === 'indented-cells' ? text + eol : text)];
}

/** The lines on which a cell of a table stands. */
function sourceLines(model: ReportModel): Set<number> {
  const lines = new Set<number>();
  for (const table of model.tables) for (const cell of table.byIndex) if (cell?.source) lines.add(cell.source.line);
  return lines;
}

/** An edit inserting rendered rows after the line holding `offset`. */
function insertAfter(model: ReportModel, layout: TableLayout, offset: number, text: string, eol: string): TextEdit {
  const at = lineEnd(model, offset);
  const body = text.endsWith(eol) ? text.slice(0, text.length - eol.length) : text;
  return { range: rangeOf(model.lineStarts, { start: at, end: at }), newText: (layout === 'indented-cells' ? eol + eol : eol) + body };
}

interface Present {
  id: string;
  row: RowInstance;
}

function checkTable(ctx: RuleContext, table: TableInstance): void {
  const { model } = ctx;
  const format = formatOf(table, ctx.expectedFormat);
  const decl = tableDecl(format, table.id);
  const present = presentRows(table, model.tables);
  if (decl.sections.every((s) => s.rows.every((r) => present.has(r.id)))) return;
  const pieces = piecesOf(table, model.tables);
  const eol = eolOf(model.text);
  const name = ctx.t(TABLE_NAMES[table.id]);
  const instances: Present[] = pieces
    .flatMap((t) => t.sections.flatMap((s) => s.rows))
    .filter((r): r is RowInstance & { id: string } => !!r.id)
    .sort((a, b) => a.span.start - b.span.start)
    .map((row) => ({ id: row.id, row }));
  const find = (id: string): RowInstance | undefined => instances.find((p) => p.id === id)?.row;

  for (const sdecl of decl.sections) {
    const missing = sdecl.rows.filter((r) => !present.has(r.id));
    if (missing.length === 0) continue;
    const sectionInstances = pieces.map((t) => t.sections.find((s) => s.id === sdecl.id)).filter((s) => !!s);
    const hasFrame = sectionInstances.some((s) => s!.caption || s!.headers.length > 0);
    // Table 2 (sections per 第二十条 item): anchors stay within the section.
    const scope: RowDecl[] = table.id === 'table2' ? sdecl.rows : decl.sections.flatMap((s) => s.rows);

    if (table.id === 'table2' && missing.length === sdecl.rows.length && !hasFrame) {
      reportSection(ctx, table, format, decl.sections, sdecl, find, eol, name);
      continue;
    }
    for (const row of missing) {
      const i = scope.indexOf(row);
      const following = scope.slice(i + 1).map((r) => find(r.id)).find((r) => !!r);
      const preceding = scope.slice(0, i).reverse().map((r) => find(r.id)).find((r) => !!r);
      const frame = sectionInstances.flatMap((s) => [s!.caption, ...s!.headers.map((h) => h.cell)]).filter((c) => !!c).sort((a, b) => b!.end - a!.end)[0];
      const dataNeighbours = [following, preceding, ...instances.map((p) => p.row)].filter((r) => r && r.cells.length > 0);
      const shape = dataNeighbours.map((r) => shapeOf(model, table.layout, r!)).find((s) => !!s) ?? {};
      let derived = new Map<string, number>();
      if (row.data && table.id !== 'table2') derived = derivedValues(table, format, sdecl, row);
      const text = renderRow(format, table.id, sdecl.id, row.id, table.layout, eol, (ref) => String(derived.get(cellKey(ref)) ?? 0), shape);
      let edits: TextEdit[];
      let anchor: Span;
      if (following) {
        edits = insertBefore(model, table.layout, rowStart(following), text, eol);
        anchor = rowVisible(following);
      } else if (preceding) {
        edits = [insertAfter(model, table.layout, preceding.span.end, text, eol)];
        anchor = rowVisible(preceding);
      } else if (frame) {
        edits = [insertAfter(model, table.layout, frame.end, text, eol)];
        anchor = { start: frame.start, end: Math.max(frame.end, frame.start + 1) };
      } else {
        edits = [insertAfter(model, table.layout, table.span.end, text, eol)];
        anchor = { start: table.span.start, end: Math.max(table.span.end, table.span.start + 1) };
      }
      const values = row.data ? sdecl.columns.map((c) => derived.get(cellKey({ table: table.id, section: sdecl.id, row: row.id, column: c.id })) ?? 0) : [];
      const anyDerived = derived.size > 0;
      ctx.report({
        range: ctx.range(anchor),
        message: ctx.t({ zh: '{table}缺少“{label}”行', en: '{table} lacks the row “{label}”' }, { table: name, label: row.label }),
        fixes: [{
          title: row.data
            ? anyDerived
              ? ctx.t({ zh: '插入“{label}”行（{values}，由勾稽关系确定）', en: 'Insert the row “{label}” ({values}, from the relations)' }, { label: row.label, values: values.join(' ') })
              : ctx.t({ zh: '插入“{label}”行（填 0）', en: 'Insert the row “{label}” (filled with 0)' }, { label: row.label })
            : ctx.t({ zh: '插入“{label}”行', en: 'Insert the row “{label}”' }, { label: row.label }),
          edits,
          preferred: false,
        }],
      });
    }
  }
}

/** A table-2 section missing altogether: one finding, the fix inserts caption, header and rows. */
function reportSection(
  ctx: RuleContext,
  table: TableInstance,
  format: FormatId,
  sections: SectionDecl[],
  sdecl: SectionDecl,
  find: (id: string) => RowInstance | undefined,
  eol: string,
  name: string,
): void {
  const { model } = ctx;
  const i = sections.indexOf(sdecl);
  const firstOf = (s: SectionDecl): number | undefined => {
    const inst = table.sections.find((x) => x.id === s.id);
    const offsets = [inst?.caption?.start, ...(inst?.headers.map((h) => h.cell.start) ?? []), ...s.rows.map((r) => find(r.id)).filter((r) => !!r).map((r) => rowStart(r!))]
      .filter((o): o is number => o !== undefined);
    return offsets.length ? offsets.reduce((a, b) => Math.min(a, b)) : undefined;
  };
  const lastOf = (s: SectionDecl): number | undefined => {
    const inst = table.sections.find((x) => x.id === s.id);
    const offsets = [inst?.caption?.end, ...(inst?.headers.map((h) => h.cell.end) ?? []), ...s.rows.map((r) => find(r.id)).filter((r) => !!r).map((r) => r!.span.end)]
      .filter((o): o is number => o !== undefined);
    return offsets.length ? offsets.reduce((a, b) => Math.max(a, b)) : undefined;
  };
  const next = sections.slice(i + 1).map(firstOf).find((o) => o !== undefined);
  const prev = sections.slice(0, i).reverse().map(lastOf).find((o) => o !== undefined);
  const text = renderSection(format, table.id, sdecl.id, table.layout, eol);
  const edits = next !== undefined ? insertBefore(model, table.layout, next, text, eol) : [insertAfter(model, table.layout, prev ?? table.span.end, text, eol)];
  const at = next ?? prev ?? table.span.start;
  const line = lineOfOffset(model.lineStarts, at);
  const lineSpan = { start: model.lineStarts[line], end: Math.max(lineEnd(model, model.lineStarts[line]), model.lineStarts[line] + 1) };
  const anchor = next !== undefined ? { start: next, end: Math.max(next + 1, Math.min(lineSpan.end, lineEnd(model, next))) } : lineSpan;
  const rows = sdecl.rows.map((r) => r.label).join('、');
  ctx.report({
    range: ctx.range(anchor),
    message: ctx.t({ zh: '{table}缺少“{caption}”（{rows}）', en: '{table} lacks “{caption}” ({rows})' }, { table: name, caption: sdecl.caption ?? sdecl.id, rows }),
    fixes: [{
      title: ctx.t({ zh: '插入“{caption}”（填 0）', en: 'Insert “{caption}” (filled with 0)' }, { caption: sdecl.caption ?? sdecl.id }),
      edits,
      preferred: false,
    }],
  });
}

export const missingRowRule: Rule = {
  code: 'missing-row',
  check(ctx) {
    const all = ctx.model.tables;
    all.forEach((table) => {
      if (table.id === 'table4') return;
      if (isFragment(table, all, ctx.expectedFormat)) return;
      // A table seen in pieces is checked once, from its first piece.
      if (piecesOf(table, all)[0] !== table) return;
      checkTable(ctx, table);
    });
  },
};
