/**
 * `invalid-number` — a data cell that does not hold a valid number for its column:
 * - counts (table 3, table 4, table-2 counts) must be non-negative integers: `1.5`, `-2`, `两`,
 *   `100%`, `2万元` or any text are invalid;
 * - 本年增/减 (kind `signed`) is a signed integer: `+6`, `-1`, `0`;
 * - money may have decimals but not a sign.
 * Blank cells and placeholders (/ - — 无 不适用) are `empty-cell`'s business; a note after the
 * number (`22（其中修订16件）`) is fine; an attached 元/万元 on money is `unit`'s business.
 * Example: `１２` (full-width digits), `1,234`, `2件`, `+3` in a count column, `5.0`.
 * Fix (preferred) where the intent is clear: write the canonical number (`12`, `1234`, `2`, `3`,
 * `5`) in place; otherwise (`1.5`, `-2`, `两`, text) no fix.
 */
import type { DataCell, TableInstance } from '../model';
import type { ValueKind } from '../template/types';
import { moneyPower, type NumberValue } from '../text/numbers';
import { rangeOf } from '../text/positions';
import type { Fix } from '../types';
import type { Rule, RuleContext } from './rule';
import { columnOf, numberSpan, numberWithUnitSpan, trimDecimal } from './table-support';

const COUNT_UNITS = new Set(['件', '个', '项', '次', '条', '宗', '家', '人次', '人']);
const ASCII_SIGN = /^[+-]?$/;

interface Verdict {
  /** Why the value is invalid (localised later); undefined when only its spelling is irregular. */
  problem?: 'decimal' | 'negative' | 'signed' | 'unit';
  /** The canonical spelling when the intent is clear. */
  canonical?: string;
  /** Whether the attached unit is to be removed with the fix. */
  dropUnit: boolean;
}

function judge(v: NumberValue, kind: ValueKind, written: string): Verdict | undefined {
  const sign = v.canonical.startsWith('-') ? '-' : v.canonical.startsWith('+') ? '+' : '';
  const digits = v.canonical.slice(sign.length);
  const integral = v.decimals === 0 || /^\d+\.0+$/.test(digits);
  const unitIsMoney = moneyPower(v.unit) !== undefined;
  const countUnit = v.unit !== undefined && COUNT_UNITS.has(v.unit);
  const writtenSign = written.slice(v.numberStart, v.numberStart + 1);
  const oddSign = sign !== '' && !ASCII_SIGN.test(writtenSign);
  const irregular = v.irregular.length > 0 || oddSign;

  if (kind === 'money') {
    if (sign === '-' && v.value !== 0) return { problem: 'negative', dropUnit: false };
    if (countUnit) return { problem: 'unit', dropUnit: false };
    if (sign === '+' || irregular) return { canonical: digits, dropUnit: false };
    return undefined;
  }
  if (unitIsMoney) return { problem: 'unit', dropUnit: false };
  if (!integral) return { problem: 'decimal', dropUnit: false };
  const intDigits = trimDecimal(digits);
  if (kind === 'signed') {
    const canonical = (sign === '-' && v.value !== 0 ? '-' : sign === '+' ? '+' : '') + intDigits;
    if (irregular || countUnit || v.decimals > 0) return { canonical, dropUnit: countUnit };
    return undefined;
  }
  if (sign === '-' && v.value !== 0) return { problem: 'negative', dropUnit: false };
  if (sign !== '' || irregular || countUnit || v.decimals > 0) {
    return { problem: sign === '+' ? 'signed' : undefined, canonical: intDigits, dropUnit: countUnit };
  }
  return undefined;
}

function checkCell(ctx: RuleContext, table: TableInstance, cell: DataCell): void {
  const src = cell.source;
  const v = cell.value;
  if (!src || (v.kind !== 'text' && v.kind !== 'number')) return;
  if (v.kind === 'number' && v.irregular.length === 0 && !v.signed && v.decimals === 0 && v.unit === undefined && v.value >= 0) return;
  const kind = columnOf(table, cell.ref, ctx.expectedFormat)?.kind ?? 'count';
  const name = ctx.cellName(cell, table);
  const range = ctx.cellRange(cell, table);
  if (v.kind === 'text') {
    const message = kind === 'money'
      ? ctx.t({ zh: '{name} 填写了“{text}”，不是金额', en: '{name} holds “{text}”, not an amount' }, { name, text: v.text })
      : kind === 'signed'
        ? ctx.t({ zh: '{name} 填写了“{text}”，应为带符号的整数（如 +6、-1、0）', en: '{name} holds “{text}”, not a signed whole number (+6, -1, 0)' }, { name, text: v.text })
        : ctx.t({ zh: '{name} 填写了“{text}”，应为非负整数', en: '{name} holds “{text}”, not a non-negative whole number' }, { name, text: v.text });
    ctx.report({ range, message });
    return;
  }
  if (v.kind !== 'number') return;
  const verdict = judge(v, kind, src.text);
  if (!verdict) return;
  const written = src.text;
  const params = { name, text: written, value: verdict.canonical ?? '' };
  let message: string;
  switch (verdict.problem) {
    case 'decimal':
      message = ctx.t({ zh: '{name} 为 {text}，件数应为整数', en: '{name} is {text}; a count is a whole number' }, params);
      break;
    case 'negative':
      message = kind === 'money'
        ? ctx.t({ zh: '{name} 为 {text}，金额不能为负数', en: '{name} is {text}; an amount cannot be negative' }, params)
        : ctx.t({ zh: '{name} 为 {text}，件数不能为负数', en: '{name} is {text}; a count cannot be negative' }, params);
      break;
    case 'unit':
      message = ctx.t({ zh: '{name} 为“{text}”，单位与本列不符', en: '{name} is “{text}”, a unit that does not belong in this column' }, params);
      break;
    case 'signed':
      message = ctx.t({ zh: '{name} 为 {text}，件数不应带正负号：应写作 {value}', en: '{name} is {text}; a count takes no sign: write {value}' }, params);
      break;
    default:
      message = ctx.t({ zh: '{name} 写作“{text}”，不是规范的数字写法：应写作 {value}', en: '{name} is written “{text}”, not a plain number: write {value}' }, params);
  }
  const fixes: Fix[] = [];
  if (verdict.canonical !== undefined) {
    const span = verdict.dropUnit ? numberWithUnitSpan(cell)! : numberSpan(cell)!;
    fixes.push({
      title: ctx.t({ zh: '改为 {value}', en: 'Write {value}' }, params),
      edits: [{ range: rangeOf(ctx.model.lineStarts, span), newText: verdict.canonical }],
      preferred: true,
    });
  }
  ctx.report({ range, message, fixes });
}

export const invalidNumberRule: Rule = {
  code: 'invalid-number',
  check(ctx) {
    for (const table of ctx.model.tables) {
      for (const section of table.sections) {
        for (const row of section.rows) for (const cell of row.cells) checkCell(ctx, table, cell);
      }
    }
  },
};
