/**
 * Report metadata read from the narrative: title, report year, agency, statistics period, closing
 * date (落款), and inline suppression comments.
 */
import type { DateMention, PeriodStatement, Span, Suppression } from '../model';
import { toHalfWidth } from '../text/normalize';
import { TITLE_LINES, type Line } from './lines';

const CN_DIGITS: Record<string, string> = { 〇: '0', 零: '0', O: '0', o: '0', 一: '1', 二: '2', 三: '3', 四: '4', 五: '5', 六: '6', 七: '7', 八: '8', 九: '9' };

/** Converts 二〇二一 → 2021 and 二十七 → 27 so that Chinese-numeral dates read like Arabic ones. */
function cnToArabic(s: string, isYear: boolean): number | undefined {
  if (/^\d+$/.test(s)) return Number(s);
  if (isYear) {
    const digits = [...s].map((c) => CN_DIGITS[c]);
    return digits.every((d) => d !== undefined) ? Number(digits.join('')) : undefined;
  }
  const m = /^([一二三]?)(十?)([一二三四五六七八九]?)$/.exec(s);
  if (!m || s === '') return undefined;
  const tens = m[2] ? (m[1] ? Number(CN_DIGITS[m[1]]) : 1) : 0;
  if (!m[2] && m[1]) return Number(CN_DIGITS[m[1]]);
  return tens * 10 + (m[3] ? Number(CN_DIGITS[m[3]]) : 0);
}

/** The year of a written date: 2020, 二〇二〇 (one capture group). */
export const YEAR_SRC = '(\\d{4}|[二〇零一三四五六七八九O]{4})';
/** The month of a written date: 12, 十二 (one capture group). */
export const MONTH_SRC = '(\\d{1,2}|[一二三十]{1,3})';
/** The day of a written date with its 日 or 号: 31日, 三十一日 (one capture group). */
export const DAY_SRC = '(\\d{1,2}|[一二三十]{1,3}[一二三四五六七八九]?)\\s*[日号]';
/** A month that names no day after it: 12月, 12月份. */
export const MONTH_ALONE_SRC = '月份?(?!\\s*(?:\\d|[一二三十]))';

const DATE_SRC = `${YEAR_SRC}\\s*年\\s*${MONTH_SRC}\\s*月\\s*${DAY_SRC}`;
const DATE_RE = new RegExp(DATE_SRC, 'g');

/** Every date (YYYY年M月D日, Arabic or Chinese numerals) in `text`, with offsets shifted by `base`. */
export function findDates(text: string, base = 0): DateMention[] {
  const half = toHalfWidth(text);
  const out: DateMention[] = [];
  DATE_RE.lastIndex = 0;
  for (let m = DATE_RE.exec(half); m; m = DATE_RE.exec(half)) {
    const year = cnToArabic(m[1], true);
    const month = cnToArabic(m[2], false);
    const day = cnToArabic(m[3], false);
    if (year === undefined || month === undefined || day === undefined) continue;
    out.push({ start: base + m.index!, end: base + m.index! + m[0].length, year, month, day, spaced: /\d\s+年|年\s+\d/.test(m[0]), yearless: false });
  }
  return out;
}

const PERIOD_CONTEXT = /(统计|数据|时限|期限|时间|期间)/;
const PERIOD_WORDING = /期限|时限|统计时间|统计期间|所列数据/;
const RANGE_JOINER = /^\s*起?\s*[,，]?\s*(至|到|~|～|-|－|—|–|——)\s*$/;
/** A joiner and an end date without its year: `至12月31日`, or `至12月` after a month. */
const YEARLESS_END = new RegExp(`^\\s*起?\\s*[,，]?\\s*(?:至|到|~|～|-|－|—|–|——)\\s*(${MONTH_SRC}\\s*(?:月\\s*${DAY_SRC}|${MONTH_ALONE_SRC}))`);

/** The date after `from` that leaves out its year (`2020年1月1日至12月31日`, `2020年1月至12月`), if any. */
function yearlessEnd(text: string, from: DateMention, limit: number): DateMention | undefined {
  const after = toHalfWidth(text.slice(from.end, Math.min(limit, from.end + 30)));
  const m = YEARLESS_END.exec(after);
  if (!m) return undefined;
  const month = cnToArabic(m[2], false);
  const day = m[3] === undefined ? 1 : cnToArabic(m[3], false);
  if (month === undefined || day === undefined || month < 1 || month > 12) return undefined;
  const start = from.end + m[0].length - m[1].length;
  return { start, end: start + m[1].length, year: from.year, month, day, spaced: from.spaced, yearless: true, monthOnly: m[3] === undefined };
}

/** A month without its day, `2020年12月` or `2020年12月份`, as a statistics period may be written. */
const MONTH_DATE = new RegExp(`${YEAR_SRC}\\s*年\\s*${MONTH_SRC}\\s*${MONTH_ALONE_SRC}`, 'g');

/** Every month named without its day in `text` (day 1 for now), with offsets shifted by `base`. */
function findMonths(text: string, base: number): DateMention[] {
  const out: DateMention[] = [];
  const half = toHalfWidth(text);
  MONTH_DATE.lastIndex = 0;
  for (let m = MONTH_DATE.exec(half); m; m = MONTH_DATE.exec(half)) {
    const year = cnToArabic(m[1], true);
    const month = cnToArabic(m[2], false);
    if (year === undefined || month === undefined || month < 1 || month > 12) continue;
    out.push({ start: base + m.index, end: base + m.index + m[0].length, year, month, day: 1, spaced: /\d\s+年|年\s+\d/.test(m[0]), yearless: false, monthOnly: true });
  }
  return out;
}

/** The last day of a month. */
function lastDay(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** A date written in numbers only: `2020.1.1`, `2020/12/31`, `2020-01-01` (the separator used twice). */
const NUMERIC_DATE = /(?<![\d.])(\d{4})([./-])(\d{1,2})\2(\d{1,2})(?![\d.])/g;

/** Every date of `text` written in numbers only, with offsets shifted by `base` (for the statistics period). */
function findNumericDates(text: string, base: number): DateMention[] {
  const out: DateMention[] = [];
  const half = toHalfWidth(text);
  NUMERIC_DATE.lastIndex = 0;
  for (let m = NUMERIC_DATE.exec(half); m; m = NUMERIC_DATE.exec(half)) {
    const month = Number(m[3]);
    const day = Number(m[4]);
    if (month < 1 || month > 12 || day < 1 || day > 31) continue;
    out.push({ start: base + m.index, end: base + m.index + m[0].length, year: Number(m[1]), month, day, spaced: false, yearless: false });
  }
  return out;
}

/**
 * A period of a whole year (`统计期限为2020年度`, `所列数据均为2020年全年数据`): the period's wording
 * after 统计 or 数据 (an 整改期限 is no period), 为/是/:, then a year with no month after it and not
 * a point in it (`2020年底`).
 */
const YEAR_PERIOD = new RegExp(`(?:(?:统计|数据)[^。；;，,]{0,4}?(?:期限|时限|时间|期间|区间|周期)|所列数据均?)\\s*(?:为|是|:)\\s*${YEAR_SRC}\\s*年(?!\\s*(?:\\d|[一二三十])+\\s*月)(?:度|全年|整年)?(?![底末初])`, 'd');

/** The first period of a whole year stated in `spans` (the year's span, from 1月1日 to 12月31日). */
function findYearPeriod(text: string, spans: Span[]): PeriodStatement | undefined {
  for (const span of spans) {
    const chunk = text.slice(span.start, span.end);
    if (!PERIOD_CONTEXT.test(chunk)) continue;
    const m = YEAR_PERIOD.exec(toHalfWidth(chunk));
    const year = m ? cnToArabic(m[1], true) : undefined;
    if (!m?.indices || year === undefined) continue;
    const start = span.start + m.indices[1]![0];
    const end = span.start + m.index + m[0].length;
    const from: DateMention = { start, end, year, month: 1, day: 1, spaced: /\d\s+年/.test(m[0]), yearless: false, yearOnly: true };
    return { start, end, from, to: { ...from, month: 12, day: 31 } };
  }
  return undefined;
}

/**
 * The statistics-period sentence: two dates joined by 至 after 统计期限/数据时限…; failing that, a
 * whole year stated as the period (`统计期限为2020年度`).
 */
export function findPeriod(text: string, spans: Span[]): PeriodStatement | undefined {
  return findDatePeriod(text, spans) ?? findYearPeriod(text, spans);
}

function findDatePeriod(text: string, spans: Span[]): PeriodStatement | undefined {
  for (const span of spans) {
    const chunk = text.slice(span.start, span.end);
    if (!PERIOD_CONTEXT.test(chunk)) continue;
    const dates = findDates(chunk, span.start);
    if (/\d[./．／-]\d/.test(chunk)) for (const d of findNumericDates(chunk, span.start)) dates.push(d);
    if (PERIOD_WORDING.test(chunk)) for (const d of findMonths(chunk, span.start)) dates.push(d);
    dates.sort((a, b) => a.start - b.start);
    for (let i = 0; i < dates.length; i++) {
      const next = i + 1 < dates.length && RANGE_JOINER.test(toHalfWidth(text.slice(dates[i].end, dates[i + 1].start))) ? dates[i + 1] : undefined;
      const to = next ?? yearlessEnd(text, dates[i], span.end);
      if (!to) continue;
      const before = text.slice(Math.max(span.start, dates[i].start - 40), dates[i].start);
      const sentence = before.split(/[。；;!?！？]/).pop() ?? '';
      if (!PERIOD_CONTEXT.test(sentence)) continue;
      // Months alone (2020年1月至10月) are common in the text; only the period's own wording makes them the period.
      if ((dates[i].monthOnly || to.monthOnly) && !PERIOD_WORDING.test(sentence)) continue;
      return { start: dates[i].start, end: to.end, from: dates[i], to: to.monthOnly ? { ...to, day: lastDay(to.year, to.month) } : to };
    }
  }
  return undefined;
}

/** The closing date: the last line near the end that holds nothing but a date. */
export function findClosingDate(text: string, lines: Line[]): DateMention | undefined {
  let seen = 0;
  for (let i = lines.length - 1; i >= 0 && seen < 12; i--) {
    const line = lines[i];
    if (line.kind === 'blank') continue;
    seen++;
    const raw = text.slice(line.start, line.end);
    const dates = findDates(raw, line.start);
    if (dates.length === 1 && raw.replace(/[#*\s]/g, '').length <= dates[0].end - dates[0].start + 2) return dates[0];
  }
  return undefined;
}

const TITLE_RE = /((?:19|20)\d{2})\s*年度?\s*(?:政府)?(?:信息公开|政务公开)(?:工作)?(?:年度)?报告/;

/** The title line, the report year, and the agency named before the year or on the line above. */
export function findTitle(text: string, lines: Line[]): { span?: Span & { text: string }; year?: number; agency?: string } {
  const candidates: Line[] = [];
  for (const l of lines) {
    if (l.kind === 'blank') continue;
    candidates.push(l);
    if (candidates.length === TITLE_LINES) break;
  }
  for (const [n, line] of candidates.entries()) {
    const raw = toHalfWidth(text.slice(line.start, line.end));
    const m = TITLE_RE.exec(raw);
    if (!m) continue;
    const year = Number(m[1]);
    const short = raw.replace(/[#*]/g, '').trim().length <= 60;
    let agency = short ? raw.slice(0, m.index).replace(/[#*\s]/g, '') : undefined;
    if (!short) {
      const lead = /(?:公布|发布)([^，。,、《》]{2,30}?)$/.exec(raw.slice(0, m.index));
      agency = lead?.[1];
    }
    if (!agency && n > 0) {
      const prev = candidates[n - 1];
      const prevText = text.slice(prev.start, prev.end).replace(/[#*\s]/g, '');
      if (prevText.length >= 2 && prevText.length <= 30 && !/[。，,；;：:]/.test(prevText)) agency = prevText;
    }
    return {
      span: short ? { start: line.start, end: line.end, text: text.slice(line.start, line.end).trim() } : undefined,
      year,
      agency: agency || undefined,
    };
  }
  return {};
}

/** The signature (落款) line just above the closing date, used as agency when no title names one. */
export function findSignature(text: string, lines: Line[], closing: DateMention | undefined): string | undefined {
  if (!closing) return undefined;
  const idx = lines.findIndex((l) => l.start <= closing.start && closing.start <= l.end);
  for (let i = idx - 1; i >= 0 && i >= idx - 3; i--) {
    const raw = text.slice(lines[i].start, lines[i].end).replace(/[#*\s]/g, '');
    if (raw === '') continue;
    return raw.length <= 30 && !/[。，,；;：:]/.test(raw) ? raw : undefined;
  }
  return undefined;
}

const SUPPRESS_RE = /<!--\s*gkreport-(disable-next-line|disable-line|disable-file|disable|enable)\b([^>]*?)-->/g;

/** Inline suppression comments, e.g. `<!-- gkreport-disable-next-line row-total -->`. */
export function findSuppressions(text: string, lineOf: (offset: number) => number): Suppression[] {
  if (!text.includes('gkreport-')) return [];
  const out: Suppression[] = [];
  for (const m of text.matchAll(SUPPRESS_RE)) {
    const kind = ({ 'disable-next-line': 'next-line', 'disable-line': 'line', 'disable-file': 'file', disable: 'disable', enable: 'enable' } as const)[
      m[1] as 'disable-next-line'
    ];
    const codes = m[2].split(/[\s,，]+/).filter((c) => /^[a-z][a-z-]*$/.test(c));
    out.push({ kind, codes, line: lineOf(m.index!), span: { start: m.index!, end: m.index! + m[0].length } });
  }
  return out;
}
