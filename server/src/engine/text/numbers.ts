/**
 * Reading the content of a table cell: numbers (integers, signed changes, decimals, full-width
 * digits, thousands separators, attached units, notes), placeholders and blanks told apart.
 */
import { TextCache } from './cache';
import { isWhitespace, toHalfWidth } from './normalize';

/** A cell that holds a number. */
export interface NumberValue {
  kind: 'number';
  /** The numeric value (units not applied). */
  value: number;
  /** Digits after the decimal point. */
  decimals: number;
  /** Whether a sign (+ or −) was written. */
  signed: boolean;
  /**
   * Unit written in the cell (元, 万元, 亿元, 件, …): 万 alone is read as 万元 and 亿 as 亿元, 元整 and
   * a currency sign (¥, ￥, 人民币) as 元, a unit in brackets (`251000（元）`) as a unit.
   */
  unit?: string;
  /** Note written after the number, e.g. 其中修订16件. */
  note?: string;
  /** Offsets of the number itself (sign, digits, separators) within the cell text. */
  numberStart: number;
  numberEnd: number;
  /** Offsets of the amount as written: currency sign, number and unit (`￥251000`, `251000（元）`). */
  amountStart: number;
  amountEnd: number;
  /** The number as written, in canonical ASCII form without separators (e.g. `1234.50`, `+6`). */
  canonical: string;
  /** Non-canonical spellings found: full-width digits, thousands separators. */
  irregular: ('fullwidth' | 'thousands')[];
}

export type ParsedValue =
  | { kind: 'blank' }
  | { kind: 'placeholder'; text: string }
  | NumberValue
  | { kind: 'text'; text: string };

const PLACEHOLDERS = new Set(['/', '-', '--', '—', '——', '–', '─', '无', '不适用', 'n/a', 'na', '/ ', '\\', '×', '-/-', '—/—', '空']);

const NUMBER_RE =
  /^(\s*)(?:(¥|￥|人民币)\s*)?([+\-−–﹢﹣]?)\s*((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)(\s*)(万元|亿元|元整?|万|亿|件|个|项|次|条|宗|家|人次|人)?\s*(?:\(([^()]*)\)?)?\s*$/;

/** A unit in brackets after the number: `（元）`, `（单位：万元）`. */
const BRACKETED_UNIT = /^(?:单位\s*[:：]\s*)?(万元|亿元|元)$/;

const UNIT_SPELLINGS: Record<string, string> = { 万: '万元', 亿: '亿元', 元整: '元' };

/** Money units by their power of ten in 元. */
const MONEY_POWERS: Record<string, number> = { 元: 0, 万元: 4, 亿元: 8 };

/** The power of ten in 元 of a money unit written in a cell (元 0, 万元 4, 亿元 8), else undefined. */
export function moneyPower(unit: string | undefined): number | undefined {
  return unit === undefined ? undefined : MONEY_POWERS[unit];
}

const cache = new TextCache<ParsedValue>();

/** The value of an empty cell (shared: values are never mutated). */
export const BLANK: ParsedValue = { kind: 'blank' };

/** Longer texts are paragraphs, not cells: not worth a cache entry. */
const MAX_CACHED_LENGTH = 64;

/** Parses the text of one cell. Results are shared between equal texts and must not be mutated. */
export function parseValue(text: string): ParsedValue {
  if (text === '') return BLANK;
  const small = smallCount(text);
  if (small >= 0) return (smallCounts[small] ??= computeValue(text));
  if (opensWords(text.charCodeAt(0))) return { kind: 'text', text: isWhitespace(text.charCodeAt(text.length - 1)) ? text.trim() : text };
  if (text.length > MAX_CACHED_LENGTH) return computeValue(text);
  return cache.get(text, computeValue);
}

/**
 * Whether a text opening with this character is words whatever follows: a CJK ideograph opens no
 * number (`NUMBER_RE` opens with a space, ¥, 人民币, a sign or a digit) and no placeholder but 无,
 * 不适用 and 空; nor does a bracket (`（一）予以公开`). Labels and sentences, the other half of a
 * report's cells, so skip the cache.
 */
function opensWords(c: number): boolean {
  if (c === 0xff08 || c === 0x28) return true;
  return c >= 0x4e00 && c <= 0x9fff && c !== 0x4eba && c !== 0x65e0 && c !== 0x4e0d && c !== 0x7a7a;
}

/** The values of the counts 0–9999, made when first met (a dense array: a sparse one would fall back to a dictionary). */
const smallCounts = new Array<ParsedValue | undefined>(10000).fill(undefined);

/** The value of a plain count of 1–4 ASCII digits without a leading zero (`0`, `7`, `1234`), else -1. */
function smallCount(text: string): number {
  const n = text.length;
  if (n === 0 || n > 4) return -1;
  let value = 0;
  for (let i = 0; i < n; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9 || (d === 0 && i === 0 && n > 1)) return -1;
    value = value * 10 + d;
  }
  return value;
}

function computeValue(text: string): ParsedValue {
  const trimmed = text.trim();
  if (trimmed === '') return { kind: 'blank' };
  if (trimmed.length > 40 || !/[0-9\uff01-\uff5e/\-—–─无不nN×空\\]/.test(trimmed)) return { kind: 'text', text: trimmed };
  const half = toHalfWidth(text);
  if (PLACEHOLDERS.has(half.trim().toLowerCase())) return { kind: 'placeholder', text: trimmed };
  const m = NUMBER_RE.exec(half);
  if (!m) return { kind: 'text', text: trimmed };
  const [, lead, currency, sign, digits, space, written, bracketed] = m;
  const amountStart = lead.length;
  let numberStart = currency ? amountStart + currency.length : amountStart;
  while (isWhitespace(half.charCodeAt(numberStart))) numberStart++;
  const signEnd = half.indexOf(digits, numberStart + sign.length);
  const numberEnd = signEnd + digits.length;
  const noteText = bracketed?.trim() || undefined;
  const noteUnit = written === undefined && noteText !== undefined ? BRACKETED_UNIT.exec(noteText)?.[1] : undefined;
  const unit = noteUnit ?? (written === undefined ? (currency ? '元' : undefined) : (UNIT_SPELLINGS[written] ?? written));
  const note = noteUnit ? undefined : noteText;
  const amountEnd = noteUnit ? half.trimEnd().length : numberEnd + (written ? space.length + written.length : 0);
  const plain = digits.replace(/,/g, '');
  const dot = plain.indexOf('.');
  const negative = sign !== '' && sign !== '+' && sign !== '﹢';
  const value = Number(plain) * (negative ? -1 : 1);
  const irregular: NumberValue['irregular'] = [];
  if (/[\uff10-\uff19\uff0c\uff0e]/.test(text.slice(numberStart, numberEnd))) irregular.push('fullwidth');
  if (digits.includes(',')) irregular.push('thousands');
  return {
    kind: 'number',
    value: Object.is(value, -0) ? 0 : value,
    decimals: dot < 0 ? 0 : plain.length - dot - 1,
    signed: sign !== '',
    unit,
    note,
    numberStart,
    numberEnd,
    amountStart,
    amountEnd,
    canonical: (sign === '' ? '' : negative ? '-' : '+') + plain,
    irregular,
  };
}

/** Formats a number with a fixed count of decimals, without exponent notation. */
export function formatNumber(value: number, decimals = 0): string {
  return value.toFixed(decimals);
}

/** The value as a count: a non-negative integer written without decimals or sign (`+0` aside), else undefined. */
export function countValue(v: ParsedValue): number | undefined {
  if (v.kind !== 'number') return undefined;
  if (v.decimals > 0 || v.value < 0 || (v.signed && v.value !== 0) || !Number.isSafeInteger(v.value)) return undefined;
  return v.value;
}

/** Whether a parsed value is a number. */
export function isNumber(v: ParsedValue): v is NumberValue {
  return v.kind === 'number';
}
