/**
 * `decimals` — a column header declares decimal places (采购总金额（单位：万元，保留4位小数）) and a
 * value has another number of decimals.
 * Example: `1075.178` under 保留4位小数 → should be `1075.1780`.
 * Fix: pad with zeros (preferred), or round half up (preferred only when no non-zero digit is
 * dropped). Cells whose unit conflicts with the column's are left to `unit`, whose conversion
 * already writes the declared decimals.
 */
import type { DataCell, TableInstance } from '../model';
import { moneyPower } from '../text/numbers';
import { rangeOf } from '../text/positions';
import type { Rule, RuleContext } from './rule';
import { numberSpan, sectionOf, toDecimals } from './table-support';

function checkCell(ctx: RuleContext, table: TableInstance, cell: DataCell, places: number, columnUnit: string | undefined): void {
  const v = cell.value;
  if (v.kind !== 'number' || !cell.source) return;
  if (v.decimals === places) return;
  if (moneyPower(v.unit) !== undefined && columnUnit && moneyPower(v.unit) !== moneyPower(columnUnit)) return;
  const sign = v.canonical.startsWith('-') ? '-' : v.canonical.startsWith('+') ? '+' : '';
  const fixed = toDecimals(v.canonical.slice(sign.length), places);
  const text = sign + fixed.text;
  ctx.report({
    range: ctx.cellRange(cell, table),
    message: ctx.t(
      { zh: '{name} 为 {value}，有 {found} 位小数，而表头规定保留 {places} 位小数：应为 {fixed}', en: '{name} is {value} with {found} decimals, but the header says {places} decimals: {fixed}' },
      { name: ctx.cellName(cell, table), value: v.canonical, found: v.decimals, places, fixed: text },
    ),
    fixes: [{
      title: fixed.lost
        ? ctx.t({ zh: '四舍五入为 {v}', en: 'Round to {v}' }, { v: text })
        : ctx.t({ zh: '改为 {v}', en: 'Write {v}' }, { v: text }),
      edits: [{ range: rangeOf(ctx.model.lineStarts, numberSpan(cell)!), newText: text }],
      preferred: !fixed.lost,
    }],
  });
}

export const decimalsRule: Rule = {
  code: 'decimals',
  check(ctx) {
    for (const table of ctx.model.tables) {
      for (const section of table.sections) {
        for (const header of section.headers) {
          if (header.decimals === undefined) continue;
          const declUnit = sectionOf(table, section.id, ctx.expectedFormat)?.columns.find((c) => c.id === header.column)?.unit;
          const option = ctx.options.moneyUnit && ctx.options.moneyUnit !== 'auto' ? ctx.options.moneyUnit : undefined;
          const columnUnit = header.unit ?? option ?? declUnit;
          for (const row of section.rows) {
            const cell = row.cells.find((c) => c.ref.column === header.column);
            if (cell) checkCell(ctx, table, cell, header.decimals, columnUnit);
          }
        }
      }
    }
  },
};
