/**
 * `cross-year` — this year's report must continue last year's report of the same agency (when it
 * is known: `CheckInput.previous`, paired with `isPreviousReport`).
 *
 * - Table 3: 二、上年结转政府信息公开申请数量 must equal last year's 四、结转下年度继续办理, column by
 *   column. Example: last year 四 · 自然人 = 2, this year 二 · 自然人 = 0 → one finding on this
 *   year's cell; fix (not preferred, either year may be wrong): set it to 2.
 * - Table 2, when both years use the 2021 format: 现行有效件数 = last year's 现行有效件数 + 本年制发件数
 *   − 本年废止件数, row by row (规章, 行政规范性文件). Fix (not preferred): set 现行有效件数 to that
 *   value when it is not negative.
 *
 * Silent without last year's report, when the two reports are not consecutive years, or when a
 * cell involved is blank or not a valid count.
 */
import { countOf } from '../analysis/relations';
import { setCellEdit } from '../fixes/edits';
import type { DataCell, ReportModel, TableInstance } from '../model';
import { cellAt, cellKey, formatForYear } from '../template';
import type { CellRef, TableId } from '../template/types';
import type { FormatId } from '../types';
import type { Rule, RuleContext } from './rule';

/** Whether `candidate` is last year's report of the agency that wrote `current`. */
export function isPreviousReport(current: ReportModel, candidate: ReportModel): boolean {
  const a = current.agency?.replace(/\s+/g, '');
  const b = candidate.agency?.replace(/\s+/g, '');
  return !!a && a === b && current.year !== undefined && candidate.year === current.year - 1;
}

const TABLE3_COLUMNS = ['natural', 'business', 'research', 'ngo', 'legal', 'otherOrg', 'total'];
const TABLE2_ROWS = ['rules', 'normative'];

function tableOf(model: ReportModel, id: TableId): TableInstance | undefined {
  return model.tables.find((t) => t.id === id);
}

function cellOf(table: TableInstance | undefined, ref: Omit<CellRef, 'table'>): DataCell | undefined {
  return table && cellAt(table.byIndex, cellKey({ table: table.id, ...ref }));
}

function formatOf(model: ReportModel, table: TableInstance): FormatId {
  return table.format ?? formatForYear(model.year);
}

function checkCarried(ctx: RuleContext, previous: ReportModel, lastYear: number | string): void {
  const table = tableOf(ctx.model, 'table3');
  const prevTable = tableOf(previous, 'table3');
  if (!table || !prevTable) return;
  for (const column of TABLE3_COLUMNS) {
    const cell = cellOf(table, { section: 'main', row: 'carried', column });
    const prevCell = cellOf(prevTable, { section: 'main', row: 'carryover', column });
    const value = countOf(cell);
    const prev = countOf(prevCell);
    if (!cell || value === undefined || prev === undefined || value === prev) continue;
    const name = ctx.cellName(cell, table);
    ctx.report({
      range: ctx.cellRange(cell, table),
      message: ctx.t(
        {
          zh: '{name} 为 {value}，但上年（{year}年）报告的“四、结转下年度继续办理”为 {prev}',
          en: '{name} is {value}, but last year\'s ({year}) report carried {prev} over (四、结转下年度继续办理)',
        },
        { name, value, prev, year: lastYear },
      ),
      fixes: [{
        title: ctx.t({ zh: '改为上年结转下年度的 {prev}', en: 'Change to last year\'s {prev}' }, { prev }),
        edits: [setCellEdit(ctx.model, table, cell, String(prev))],
        preferred: false,
      }],
    });
  }
}

function checkInForce(ctx: RuleContext, previous: ReportModel, lastYear: number | string): void {
  const table = tableOf(ctx.model, 'table2');
  const prevTable = tableOf(previous, 'table2');
  if (!table || !prevTable) return;
  if (formatOf(ctx.model, table) !== '2021' || formatOf(previous, prevTable) !== '2021') return;
  for (const row of TABLE2_ROWS) {
    const at = (column: string) => cellOf(table, { section: 'item1', row, column });
    const inForce = at('inForce');
    const issued = countOf(at('issued'));
    const repealed = countOf(at('repealed'));
    const value = countOf(inForce);
    const prev = countOf(cellOf(prevTable, { section: 'item1', row, column: 'inForce' }));
    if (!inForce || value === undefined || issued === undefined || repealed === undefined || prev === undefined) continue;
    const expected = prev + issued - repealed;
    if (expected === value) continue;
    ctx.report({
      range: ctx.cellRange(inForce, table),
      message: ctx.t(
        {
          zh: '{name} 为 {value}，按上年（{year}年）现行有效件数推算应为 {expected}（{prev} + {issued} − {repealed}）',
          en: '{name} is {value}; from last year\'s ({year}) count it should be {expected} ({prev} + {issued} − {repealed})',
        },
        { name: ctx.cellName(inForce, table), value, expected, prev, issued, repealed, year: lastYear },
      ),
      fixes: expected < 0 ? [] : [{
        title: ctx.t({ zh: '改为 {v}', en: 'Change to {v}' }, { v: expected }),
        edits: [setCellEdit(ctx.model, table, inForce, String(expected))],
        preferred: false,
      }],
    });
  }
}

export const crossYearRule: Rule = {
  code: 'cross-year',
  check(ctx) {
    const previous = ctx.previous;
    if (!previous) return;
    const year = ctx.model.year;
    if (year !== undefined && previous.year !== undefined && previous.year !== year - 1) return;
    const lastYear = previous.year ?? (year !== undefined ? year - 1 : '?');
    checkCarried(ctx, previous, lastYear);
    checkInForce(ctx, previous, lastYear);
  },
};
