/**
 * `period` — the statistics period the report states (本报告中所列数据的统计期限自…至…) must be
 * 1月1日 to 12月31日 of the report year.
 *
 * Example: in a 2020 report, `所列数据统计时限为2020年1月1日至2021年12月31日` → the period ends in
 * the wrong year.
 *
 * A period written in months (`2020年1月至11月`) is checked the same way, month by month; one
 * stated as a whole year (`统计期限为2019年度` in a 2020 report) by its year alone.
 *
 * Fix (preferred): rewrite only the wrong parts of the wrong date(s), in the writer's own style
 * (spaces between the numbers, full-width or Chinese numerals, zero padding, a period in months
 * or a year are kept), e.g. `2021年12月31日` → `2020年12月31日`, `11月` → `12月`, `2019年度` →
 * `2020年度`. No finding when the document states no period.
 */
import type { DateMention, PeriodStatement } from '../model';
import { DAY_SRC, MONTH_SRC, YEAR_SRC } from '../parse/meta';
import { toChineseNumeral, toHalfWidth } from '../text/normalize';
import type { TextEdit } from '../types';
import type { Rule, RuleContext } from './rule';

const CN_DIGIT = '〇一二三四五六七八九';

/** The year, month and day fields of a written date, as offsets relative to the date's start. */
const DATE_FIELDS = new RegExp(`^${YEAR_SRC}\\s*年\\s*${MONTH_SRC}\\s*月\\s*${DAY_SRC}$`, 'd');

/** The year and month fields of a month written without its day (`2020年12月`), numbered as in DATE_FIELDS; no group 3. */
const MONTH_FIELDS = new RegExp(`^${YEAR_SRC}\\s*年\\s*${MONTH_SRC}\\s*月份?$`, 'd');

/** The month field of a month written without its year and day (`12月` in `2020年1月至12月`). */
const MONTH_ONLY_FIELDS = new RegExp(`^()${MONTH_SRC}\\s*月份?$`, 'd');

/** Writes a number in the style of `sample` (ASCII, full-width or Chinese numerals; zero padding). */
export function writeLike(sample: string, value: number, isYear: boolean): string {
  const half = toHalfWidth(sample);
  if (/^\d+$/.test(half)) {
    let digits = String(value);
    if (half.length > digits.length && half.startsWith('0')) digits = digits.padStart(half.length, '0');
    return half === sample ? digits : [...digits].map((d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)).join('');
  }
  if (isYear) {
    const zero = sample.includes('零') ? '零' : sample.includes('O') ? 'O' : '〇';
    return [...String(value)].map((d) => (d === '0' ? zero : CN_DIGIT[Number(d)])).join('');
  }
  return toChineseNumeral(value);
}

/** The fields of a date written in numbers only (`2020.12.31`, `2020/1/1`), numbered as in DATE_FIELDS. */
const NUMERIC_FIELDS = /^(\d{4})[./-](\d{1,2})[./-](\d{1,2})$/d;

/** The month and day fields of a date written without its year (`12月31日`), numbered as in DATE_FIELDS: group 1, the year, is empty. */
const MONTH_DAY_FIELDS = new RegExp(`^()${MONTH_SRC}\\s*月\\s*${DAY_SRC}$`, 'd');

/** The year field of a year written alone (`2020年度`), numbered as in DATE_FIELDS. */
const YEAR_ONLY_FIELDS = new RegExp(`^${YEAR_SRC}\\s*年`, 'd');

/** The regular expression that finds the fields of a written date of this kind. */
function fieldsOf(date: DateMention, half: string): RegExpExecArray | null {
  if (date.yearOnly) return YEAR_ONLY_FIELDS.exec(half);
  if (date.monthOnly) return (date.yearless ? MONTH_ONLY_FIELDS : MONTH_FIELDS).exec(half);
  return date.yearless ? MONTH_DAY_FIELDS.exec(half) : (DATE_FIELDS.exec(half) ?? NUMERIC_FIELDS.exec(half));
}

/** Edits that turn a written date into year/month/day, touching only the fields that differ (a yearless date keeps leaving its year out). */
function dateEdits(ctx: RuleContext, date: DateMention, year: number, month: number, day: number): TextEdit[] {
  const text = ctx.model.text.slice(date.start, date.end);
  const half = toHalfWidth(text);
  const m = fieldsOf(date, half);
  if (!m || !m.indices) {
    const spaced = date.spaced ? ' ' : '';
    const written = date.yearOnly ? [year, '年度'] : date.monthOnly ? [year, '年', month, '月'] : [year, '年', month, '月', day, '日'];
    return [{ range: ctx.range(date), newText: written.join(spaced) }];
  }
  const edits: TextEdit[] = [];
  const fields: [number, number, number, boolean][] = [
    ...(date.yearless ? [] : [[1, date.year, year, true] as [number, number, number, boolean]]),
    ...(date.yearOnly ? [] : [[2, date.month, month, false] as [number, number, number, boolean]]),
    ...(date.monthOnly || date.yearOnly ? [] : [[3, date.day, day, false] as [number, number, number, boolean]]),
  ];
  for (const [group, actual, wanted, isYear] of fields) {
    if (actual === wanted) continue;
    const [s, e] = m.indices[group]!;
    edits.push({ range: ctx.range({ start: date.start + s, end: date.start + e }), newText: writeLike(text.slice(s, e), wanted, isYear) });
  }
  return edits;
}

/** A date as the report wrote it: to the day, or to the month. */
const show = (d: { year: number; month: number; day: number }, monthOnly = false): string => (monthOnly ? `${d.year}年${d.month}月` : `${d.year}年${d.month}月${d.day}日`);

export const periodRule: Rule = {
  code: 'period',
  check(ctx) {
    const period = ctx.model.period;
    if (!period) return;
    const year = ctx.model.year ?? period.from.year;
    if (period.from.yearOnly) {
      if (period.from.year !== year) reportYear(ctx, period, year);
      return;
    }
    const okFrom = period.from.year === year && period.from.month === 1 && period.from.day === 1;
    // A yearless end date takes the start's year, which the start's own fix corrects.
    const okTo = (period.to.yearless || period.to.year === year) && period.to.month === 12 && period.to.day === 31;
    if (okFrom && okTo) return;
    const edits = [
      ...(okFrom ? [] : dateEdits(ctx, period.from, year, 1, 1)),
      ...(okTo ? [] : dateEdits(ctx, period.to, year, 12, 31)),
    ];
    const efrom = show({ year, month: 1, day: 1 }, period.from.monthOnly);
    const eto = show({ year, month: 12, day: 31 }, period.to.monthOnly);
    ctx.report({
      range: ctx.range(period),
      message: ctx.t(
        {
          zh: '统计期限为 {from}至{to}，应为报告年度（{year}年）的 {efrom}至{eto}',
          en: 'The statistics period runs from {from} to {to}; for a {year} report it must run from {efrom} to {eto}',
        },
        { from: show(period.from, period.from.monthOnly), to: show(period.to, period.to.monthOnly), year, efrom, eto },
      ),
      fixes: [{ title: ctx.t({ zh: '将统计期限改为 {efrom}至{eto}', en: 'Change the period to {efrom} – {eto}' }, { efrom, eto }), edits, preferred: true }],
    });
  },
};

/** Reports a period stated as a whole year (`统计期限为2019年度`) that is not the report year. */
function reportYear(ctx: RuleContext, period: PeriodStatement, year: number): void {
  ctx.report({
    range: ctx.range(period),
    message: ctx.t(
      { zh: '统计期限为 {from}年，应为报告年度 {year}年', en: 'The statistics period is the year {from}; for a {year} report it must be {year}' },
      { from: period.from.year, year },
    ),
    fixes: [{ title: ctx.t({ zh: '将统计期限改为 {year}年', en: 'Change the period to {year}' }, { year }), edits: dateEdits(ctx, period.from, year, 1, 1), preferred: true }],
  });
}
