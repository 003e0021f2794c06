/**
 * `empty-cell` — a cell of a standard table is blank or holds a placeholder (/ - — 无 不适用).
 * A blank is an unfilled cell, not a zero, so the relations through it cannot be checked.
 * Example: `一、本年新收政府信息公开申请数量 1 (blank) … 1` → the blank 商业企业 cell.
 * Fixes: fill the value the relations determine (preferred, unless it rests on a row lacking cells,
 * whose values may be shifted), else the value the report's text states (`收到政府信息公开申请9件`
 * for a blank 一 · 总计; not preferred, with fill 0 beside it), else fill 0; on the first blank of a
 * table, also fill every blank cell of that table.
 */
import { isMissing } from '../analysis/relations';
import { setCellEdit } from '../fixes/edits';
import type { DataCell, TableInstance } from '../model';
import type { Fix, TextEdit } from '../types';
import { countForCell } from './narrative';
import type { Rule, RuleContext } from './rule';

function blanksOf(table: TableInstance): DataCell[] {
  const blanks: DataCell[] = [];
  for (const section of table.sections) {
    for (const row of section.rows) {
      for (const cell of row.cells) if (isMissing(cell)) blanks.push(cell);
    }
  }
  return blanks;
}

interface FillValue {
  value: number;
  /** Where the value comes from: the relations, the report's text, or nowhere (0). */
  source: 'relations' | 'text' | 'none';
  /** Whether it may be filled unasked: determined by the relations through complete rows. */
  certain: boolean;
}

/** The value to fill: determined by the relations, else the one the report's text states, else 0. */
function valueFor(ctx: RuleContext, table: TableInstance, cell: DataCell): FillValue {
  const analysis = table.id === 'table2' ? undefined : ctx.analysis(table);
  const derived = analysis?.derived.get(cell.key);
  if (derived !== undefined) return { value: derived, source: 'relations', certain: !analysis!.uncertain.has(cell.key) };
  const stated = new Set<number>();
  for (const s of ctx.statedInText(cell)) {
    const count = countForCell(s);
    if (count !== undefined && count >= 0) stated.add(count);
  }
  if (stated.size === 1) return { value: [...stated][0], source: 'text', certain: false };
  return { value: 0, source: 'none', certain: false };
}

export const emptyCellRule: Rule = {
  code: 'empty-cell',
  check(ctx) {
    for (const table of ctx.model.tables) {
      const blanks = blanksOf(table);
      if (blanks.length === 0) continue;
      const values: FillValue[] = [];
      const edits: TextEdit[] = [];
      const together: TextEdit[] = [];
      for (const cell of blanks) {
        const fill = valueFor(ctx, table, cell);
        const edit = setCellEdit(ctx.model, table, cell, String(fill.value));
        values.push(fill);
        edits.push(edit);
        together.push(cell.source ? edit : setCellEdit(ctx.model, table, cell, String(fill.value), { withRow: true }));
      }
      for (let i = 0; i < blanks.length; i++) {
        const cell = blanks[i];
        const { value, source, certain } = values[i];
        const name = ctx.cellName(cell, table);
        const message = cell.value.kind === 'placeholder'
          ? ctx.t({ zh: '{name} 填写了占位符“{p}”，应填写数字', en: '{name} holds the placeholder “{p}” instead of a number' }, { name, p: cell.value.text })
          : ctx.t({ zh: '{name} 为空', en: '{name} is blank' }, { name });
        const fixes: Fix[] = [{
          title: source === 'relations'
            ? ctx.t({ zh: '填入 {v}（由勾稽关系确定）', en: 'Fill {v} (determined by the relations)' }, { v: value })
            : source === 'text'
              ? ctx.t({ zh: '填入 {v}（正文所述）', en: 'Fill {v} (as the text says)' }, { v: value })
              : ctx.t({ zh: '填入 0', en: 'Fill 0' }),
          edits: [edits[i]],
          preferred: certain,
        }];
        if (source === 'text') fixes.push({ title: ctx.t({ zh: '填入 0', en: 'Fill 0' }), edits: [setCellEdit(ctx.model, table, cell, '0')], preferred: false });
        if (i === 0 && blanks.length > 1) {
          fixes.push({ title: ctx.t({ zh: '填写本表全部 {n} 个空白单元格', en: 'Fill all {n} blank cells of this table' }, { n: blanks.length }), edits: together, preferred: false });
        }
        ctx.report({
          range: ctx.cellRange(cell, table),
          message: source === 'relations'
            ? `${message}${ctx.t({ zh: '；由勾稽关系可知应为 {v}', en: '; the relations say it is {v}' }, { v: value })}`
            : source === 'text'
              ? `${message}${ctx.t({ zh: '；正文所述为 {v}', en: '; the text says {v}' }, { v: value })}`
              : message,
          fixes,
        });
      }
    }
  },
};
