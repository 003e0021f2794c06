/**
 * `unit` — money cells (columns of kind `money`: 2019 采购总金额, 2021 本年收费金额):
 * - the cell's unit conflicts with the column's (`251000元` under 采购总金额（万元）) → fix: convert
 *   (÷ 10000 for 元 → 万元, × 10000 for 万元 → 元 or 亿元 → 万元), keeping the header's declared
 *   decimals (`251000元` → `25.1`, or `25.1000` under 保留4位小数); preferred unless digits are lost;
 * - no unit stated anywhere (neither header nor cell, option `moneyUnit` auto) → fixes: add
 *   （万元） or （元） to the header (not preferred: the amount might be in either); when the
 *   amount is implausible in 万元 (4902000 万元 = 490.2 亿元), the first fix converts it to 万元
 *   and marks the header （万元）;
 * - a magnitude implausible for the unit (≥ 1,000,000 万元 = 100 亿元 for a single body) → the
 *   message says it is probably in 元; fix: convert ÷ 10000 (not preferred).
 * Zero amounts need no unit, nor a converted one (`0元` under 万元 is fine). A cell's unit may be
 * written 元, 万元, 亿元, 万, 亿, 元整, with a currency sign (￥251000) or in brackets (251000（元））;
 * a conversion replaces the whole amount.
 */
import type { DataCell, SectionInstance, TableInstance } from '../model';
import { moneyPower } from '../text/numbers';
import { rangeOf } from '../text/positions';
import type { Fix, TextEdit } from '../types';
import type { Rule, RuleContext } from './rule';
import { numberSpan, numberWithUnitSpan, sectionOf, shiftDecimal, toDecimals, trimDecimal } from './table-support';

/** The units a header or the `moneyUnit` option can give a money column (a header may also say 亿元). */
type MoneyUnit = '万元' | '元';
type ColumnUnit = MoneyUnit | '亿元';

/** Amounts at or above this many 万元 (100 亿元) are implausible for one body's table. */
export const IMPLAUSIBLE_WAN = 1_000_000;

/** 万元 as 亿元, for messages: 4902000 → `490.2`. */
function yi(wan: number): string {
  return trimDecimal((wan / 10000).toFixed(2));
}

/** A converted amount written with the header's declared decimals, if any. */
function converted(canonical: string, places: number, decimals: number | undefined): { text: string; lost: boolean } {
  const shifted = shiftDecimal(canonical.replace(/^[+-]/, ''), places);
  return decimals === undefined ? { text: shifted, lost: false } : toDecimals(shifted, decimals);
}

/** An edit that adds a unit to a header cell: into its remark `（单位：万元，…）`, else `（万元）` at its end. */
function headerUnitEdit(ctx: RuleContext, section: SectionInstance, column: string, unit: MoneyUnit): TextEdit | undefined {
  const header = section.headers.find((h) => h.column === column);
  if (!header) return undefined;
  const cell = header.cell;
  const paren = cell.text.search(/[（(]/);
  if (paren >= 0) {
    const at = cell.start + paren + 1;
    return { range: rangeOf(ctx.model.lineStarts, { start: at, end: at }), newText: `单位：${unit}，` };
  }
  return { range: rangeOf(ctx.model.lineStarts, { start: cell.end, end: cell.end }), newText: `（${unit}）` };
}

function replaceEdit(ctx: RuleContext, span: { start: number; end: number }, text: string): TextEdit {
  return { range: rangeOf(ctx.model.lineStarts, span), newText: text };
}

function checkCell(ctx: RuleContext, table: TableInstance, section: SectionInstance, cell: DataCell, declUnit: MoneyUnit | undefined): void {
  const v = cell.value;
  if (v.kind !== 'number' || !cell.source) return;
  const header = section.headers.find((h) => h.column === cell.ref.column);
  const option = ctx.options.moneyUnit && ctx.options.moneyUnit !== 'auto' ? ctx.options.moneyUnit : undefined;
  const columnUnit: ColumnUnit | undefined = header?.unit ?? option ?? declUnit;
  const cellPower = moneyPower(v.unit);
  const cellUnit = cellPower === undefined ? undefined : v.unit;
  const decimals = header?.decimals;
  const name = ctx.cellName(cell, table);
  const written = cell.source.text;
  const range = ctx.cellRange(cell, table);

  if (cellPower !== undefined && columnUnit && cellPower !== moneyPower(columnUnit) && v.value !== 0) {
    const places = cellPower - moneyPower(columnUnit)!;
    const c = converted(v.canonical, places, decimals);
    const span = numberWithUnitSpan(cell)!;
    ctx.report({
      range,
      message: ctx.t(
        { zh: '{name} 写作“{written}”，而本列单位为{unit}：应为 {value}（{unit}）', en: '{name} is written “{written}” but the column is in {unit}: it should be {value} ({unit})' },
        { name, written, unit: columnUnit, value: c.text },
      ),
      fixes: [{
        title: ctx.t({ zh: '换算为 {value}（{unit}）', en: 'Convert to {value} ({unit})' }, { value: c.text, unit: columnUnit }),
        edits: [replaceEdit(ctx, span, c.text)],
        preferred: !c.lost,
      }],
    });
    return;
  }

  const unit = cellUnit ?? columnUnit;
  const tooLarge = v.value >= IMPLAUSIBLE_WAN;
  if (!unit) {
    if (v.value === 0) return;
    const fixes: Fix[] = [];
    const wanHeader = headerUnitEdit(ctx, section, cell.ref.column, '万元');
    const yuanHeader = headerUnitEdit(ctx, section, cell.ref.column, '元');
    const span = numberSpan(cell)!;
    const asWan = converted(v.canonical, -4, decimals);
    if (tooLarge) {
      const edits = [replaceEdit(ctx, span, asWan.text), ...(wanHeader ? [wanHeader] : [])];
      if (!wanHeader) edits[0] = replaceEdit(ctx, span, `${asWan.text}万元`);
      fixes.push({ title: ctx.t({ zh: '按元换算为 {value} 万元', en: 'Read it as 元: convert to {value} 万元' }, { value: asWan.text }), edits, preferred: false });
      fixes.push({
        title: ctx.t({ zh: '注明单位为元', en: 'State the unit 元' }),
        edits: [yuanHeader ?? replaceEdit(ctx, { start: span.end, end: span.end }, '元')],
        preferred: false,
      });
    } else {
      fixes.push({
        title: ctx.t({ zh: '在表头注明单位（万元）', en: 'State the unit in the header (万元)' }),
        edits: [wanHeader ?? replaceEdit(ctx, { start: span.end, end: span.end }, '万元')],
        preferred: false,
      });
      fixes.push({
        title: ctx.t({ zh: '在表头注明单位（元）', en: 'State the unit in the header (元)' }),
        edits: [yuanHeader ?? replaceEdit(ctx, { start: span.end, end: span.end }, '元')],
        preferred: false,
      });
    }
    const message = tooLarge
      ? ctx.t(
          { zh: '{name} 为 {value}，表头和单元格均未注明单位；若按万元计为 {yi} 亿元，数额不合理，很可能以元为单位（即 {wan} 万元）', en: '{name} is {value} with no unit in the header or the cell; as 万元 that would be {yi} 亿元, implausible: it is probably in 元 ({wan} 万元)' },
          { name, value: v.canonical, yi: yi(v.value), wan: asWan.text },
        )
      : ctx.t(
          { zh: '{name} 为 {value}，表头和单元格均未注明单位（元或万元）', en: '{name} is {value} with no unit (元 or 万元) in the header or the cell' },
          { name, value: v.canonical },
        );
    ctx.report({ range, message, fixes });
    return;
  }

  if (unit === '万元' && tooLarge) {
    const c = converted(v.canonical, -4, decimals);
    ctx.report({
      range,
      message: ctx.t(
        { zh: '{name} 为 {value} 万元，即 {yi} 亿元，数额不合理，很可能以元为单位（即 {wan} 万元）', en: '{name} is {value} 万元, that is {yi} 亿元, implausible: it is probably in 元 ({wan} 万元)' },
        { name, value: v.canonical, yi: yi(v.value), wan: c.text },
      ),
      fixes: [{
        title: ctx.t({ zh: '按元换算为 {value} 万元', en: 'Read it as 元: convert to {value} 万元' }, { value: c.text }),
        edits: [replaceEdit(ctx, numberSpan(cell)!, c.text)],
        preferred: false,
      }],
    });
  }
}

export const unitRule: Rule = {
  code: 'unit',
  check(ctx) {
    for (const table of ctx.model.tables) {
      for (const section of table.sections) {
        const decl = sectionOf(table, section.id, ctx.expectedFormat);
        for (const col of decl?.columns ?? []) {
          if (col.kind !== 'money') continue;
          for (const row of section.rows) {
            const cell = row.cells.find((c) => c.ref.column === col.id);
            if (cell) checkCell(ctx, table, section, cell, col.unit);
          }
        }
      }
    }
  },
};
