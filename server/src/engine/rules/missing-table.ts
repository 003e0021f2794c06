/**
 * `missing-table` — part 二, 三 or 四 is present but the document has no table 2, 3 or 4; or the
 * table holds only fragments (fewer than a third of its format's data rows, counting the pieces
 * of a table the parser saw in pieces; for table 4, no data row).
 * Example: `三、收到和处理政府信息公开申请情况` followed only by narrative → the finding sits on the
 * heading.
 * Fix (not preferred): insert the whole standard table of the report's format (zeros) right after
 * the heading line, in the document's dominant table layout (that of its other tables, else
 * Markdown when it has `#` headings, else tab); for fragments, replace them with the whole table,
 * keeping the values they hold. A document with neither part headings nor tables is reported
 * once, on its first line, without a fix.
 */
import { eolOf, lineEnd } from '../fixes/edits';
import type { ReportModel, Span, TableInstance, TableLayout } from '../model';
import { renderTable } from '../render';
import { cellAt, cellKey, tableDecl } from '../template';
import type { CellRef, TableId } from '../template/types';
import { lineOfOffset, rangeOf } from '../text/positions';
import type { Fix, TextEdit } from '../types';
import type { Rule } from './rule';
import { isFragment, presentRows } from './table-support';

const PART_TABLES: [number, TableId][] = [[2, 'table2'], [3, 'table3'], [4, 'table4']];
const TABLE_NAMES = { table2: { zh: '表二（主动公开政府信息情况）', en: 'Table 2 (proactive disclosure)' }, table3: { zh: '表三（收到和处理政府信息公开申请情况）', en: 'Table 3 (applications received and handled)' }, table4: { zh: '表四（行政复议、行政诉讼情况）', en: 'Table 4 (administrative reviews and lawsuits)' } };

/** The layout most tables of the document use; else Markdown for `#` headings; else tab. */
export function dominantLayout(model: ReportModel, exclude: TableInstance[] = []): TableLayout {
  const counts = new Map<TableLayout, number>();
  for (const t of model.tables) if (!exclude.includes(t)) counts.set(t.layout, (counts.get(t.layout) ?? 0) + 1);
  let best: TableLayout | undefined;
  for (const [layout, n] of counts) if (best === undefined || n > counts.get(best)!) best = layout;
  if (best) return best;
  return /^#{1,6}\s/m.test(model.text) ? 'markdown' : 'tab';
}

/** The span of whole lines from the line of `start` to the end of the line of `end`. */
function lineSpan(model: ReportModel, start: number, end: number): Span {
  const line = lineOfOffset(model.lineStarts, start);
  return { start: model.lineStarts[line], end: lineEnd(model, end) };
}

/** Whether the line after the one holding `offset` is blank (or there is none). */
function nextLineBlank(model: ReportModel, offset: number): boolean {
  const line = lineOfOffset(model.lineStarts, offset);
  if (line + 1 >= model.lineStarts.length) return true;
  const start = model.lineStarts[line + 1];
  return model.text.slice(start, lineEnd(model, start)).trim() === '';
}

function withoutFinalEol(text: string, eol: string): string {
  return text.endsWith(eol) ? text.slice(0, text.length - eol.length) : text;
}

/** Inserts a table after the line holding `offset`, with a blank line on each side. */
function insertAfterLine(model: ReportModel, offset: number, table: string, eol: string): TextEdit {
  const at = lineEnd(model, offset);
  const newText = eol + eol + withoutFinalEol(table, eol) + (nextLineBlank(model, offset) ? '' : eol);
  return { range: rangeOf(model.lineStarts, { start: at, end: at }), newText };
}

function firstLine(model: ReportModel): Span {
  for (let i = 0; i < model.lineStarts.length; i++) {
    const start = model.lineStarts[i];
    const end = lineEnd(model, start);
    const text = model.text.slice(start, end);
    if (text.trim() !== '') {
      const lead = text.length - text.trimStart().length;
      return { start: start + lead, end };
    }
  }
  // Only blank lines (or nothing): like `missing-section`, nothing to report.
  return { start: 0, end: 0 };
}

export const missingTableRule: Rule = {
  code: 'missing-table',
  check(ctx) {
    const { model } = ctx;
    const eol = eolOf(model.text);
    const format = ctx.expectedFormat;
    if (model.parts.length === 0 && model.tables.length === 0) {
      const span = firstLine(model);
      if (span.end <= span.start) return;
      ctx.report({
        range: ctx.range(span),
        message: ctx.t({
          zh: '未找到年度报告的各部分标题和表二、表三、表四',
          en: 'No part headings and none of tables 2, 3 and 4 were found',
        }),
      });
      return;
    }
    const fragments = new Set(model.tables.filter((t) => isFragment(t, model.tables, format)));
    for (const [index, id] of PART_TABLES) {
      const part = model.parts.find((p) => p.index === index);
      const tables = model.tables.filter((t) => t.id === id);
      const name = ctx.t(TABLE_NAMES[id]);
      const decl = tableDecl(format, id);
      if (tables.length === 0) {
        if (!part) continue;
        const text = renderTable(format, id, dominantLayout(model), eol);
        ctx.report({
          range: ctx.range({ start: part.heading.start, end: Math.max(part.heading.end, part.heading.start + 1) }),
          message: ctx.t({ zh: '“{heading}”下没有{table}', en: '“{heading}” has no {table}' }, { heading: part.heading.text, table: name }),
          fixes: [{
            title: ctx.t({ zh: '插入{format}年格式的标准表格（填 0）', en: 'Insert the standard table of the {format} format (zeros)' }, { format }),
            edits: [insertAfterLine(model, part.heading.end, text, eol)],
            preferred: false,
          }],
        });
        continue;
      }
      const own = tables.filter((t) => fragments.has(t));
      if (own.length < tables.length || own.length === 0) continue;
      // Only fragments of this table: reported once, on the part heading or the first fragment.
      const first = own[0];
      const present = presentRows(first, model.tables);
      const dataRows = decl.sections.flatMap((s) => s.rows.filter((r) => r.data));
      const found = dataRows.filter((r) => present.has(r.id)).length;
      const layout = dominantLayout(model, own);
      const values = (ref: CellRef): string => {
        for (const t of own) {
          const cell = cellAt(t.byIndex, cellKey(ref));
          if (cell?.source && cell.source.text !== '') return cell.source.text;
          if (cell?.source) return '';
        }
        return '0';
      };
      const text = renderTable(format, id, layout, eol, values);
      const span = lineSpan(model, first.span.start, first.span.end);
      // The other pieces go, with their line breaks: the new table holds their values.
      const removals: TextEdit[] = own.slice(1).map((t) => {
        const piece = lineSpan(model, t.span.start, t.span.end);
        const end = model.text.startsWith(eol, piece.end) ? piece.end + eol.length : piece.end;
        return { range: rangeOf(model.lineStarts, { start: piece.start, end }), newText: '' };
      });
      const fix: Fix = {
        title: ctx.t({ zh: '以{format}年格式的完整表格替换残缺表格（保留已填数值）', en: 'Replace the fragments with the whole table of the {format} format (keeping their values)' }, { format }),
        edits: [{ range: rangeOf(model.lineStarts, span), newText: withoutFinalEol(text, eol) }, ...removals],
        preferred: false,
      };
      const fragmentStart = { start: first.span.start, end: Math.max(first.span.start + 1, Math.min(first.span.end, lineEnd(model, first.span.start))) };
      ctx.report({
        range: ctx.range(part ? { start: part.heading.start, end: Math.max(part.heading.end, part.heading.start + 1) } : fragmentStart),
        message: ctx.t(
          { zh: '{table}残缺：只有 {found} 行数据（标准表格有 {total} 行）', en: '{table} is only fragments: {found} of its {total} data rows' },
          { table: name, found, total: dataRows.length },
        ),
        fixes: [fix],
      });
    }
  },
};
