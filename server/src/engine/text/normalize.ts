/**
 * Text normalisation for label matching: full-width to half-width, punctuation and spacing
 * removed, ordinals split off. Every function keeps Chinese characters untouched.
 */

/** Maps full-width ASCII variants (Ａ, １, （, ，, ．) and the ideographic space to ASCII, one char for one. */
export function toHalfWidth(s: string): string {
  let i = 0;
  while (i < s.length && !isFullWidth(s.charCodeAt(i))) i++;
  if (i === s.length) return s;
  // The characters between two full-width ones are copied as slices, not one by one.
  let out = '';
  let from = 0;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!isFullWidth(c)) continue;
    out += s.slice(from, i) + (c === 0x3000 ? ' ' : String.fromCharCode(c - 0xfee0));
    from = i + 1;
  }
  return out + s.slice(from);
}

/**
 * Whether a UTF-16 code unit is whitespace as `\s` and `String.prototype.trim` understand it,
 * asked of a char code so that no one-character string is made.
 */
export function isWhitespace(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** Whether a UTF-16 code unit is a full-width ASCII variant or the ideographic space. */
function isFullWidth(c: number): boolean {
  return (c >= 0xff01 && c <= 0xff5e) || c === 0x3000;
}


/** Punctuation, spacing and the invisible zero-width characters of text copied from web pages. */
const PUNCT = /[\s\u200b-\u200d\u2060()[\]{}<>《》〈〉【】,，、。.．;；:：“”"'‘’「」『』!！?？/\\\-—–_·•*#|~～]/g;
const CN_ORDINAL = '一二三四五六七八九十';

/** Ordinal written before a label, e.g. 三、 / (三) / 3. — and the label text after it. */
export interface OrdinalSplit {
  /** `cn` for 三、, `paren` for (三), `num` for 3. or (3) */
  style?: 'cn' | 'paren' | 'num';
  /** The ordinal as a number (三 → 3). */
  value?: number;
  /** Offset in the (half-width) input where the label text starts. */
  rest: number;
}

/** Value of a Chinese numeral from 一 to 九十九. */
export function chineseNumeral(s: string): number | undefined {
  if (!s || [...s].some((ch) => !CN_ORDINAL.includes(ch))) return undefined;
  if (s === '十') return 10;
  const i = s.indexOf('十');
  if (i < 0) return s.length === 1 ? CN_ORDINAL.indexOf(s) + 1 : undefined;
  const tens = i === 0 ? 1 : CN_ORDINAL.indexOf(s[0]) + 1;
  const ones = i === s.length - 1 ? 0 : CN_ORDINAL.indexOf(s[i + 1]) + 1;
  return tens * 10 + ones;
}

/** Writes a number from 0 to 9999 in Chinese numerals, plain (十二, 一百零五) or financial (壹拾贰, 壹佰零伍). */
export function toChineseNumeral(value: number, financial = false): string {
  const digits = financial ? '零壹贰叁肆伍陆柒捌玖' : '零一二三四五六七八九';
  const units = financial ? ['仟', '佰', '拾', ''] : ['千', '百', '十', ''];
  if (value === 0) return digits[0];
  let out = '';
  let gap = false;
  [1000, 100, 10, 1].forEach((place, i) => {
    const d = Math.floor(value / place) % 10;
    if (d === 0) {
      gap = out !== '';
      return;
    }
    if (gap) out += digits[0];
    gap = false;
    out += (d === 1 && place === 10 && out === '' && !financial ? '' : digits[d]) + units[i];
  });
  return out;
}

const ORDINAL_RE = /^\s*(?:\(\s*([一二三四五六七八九十]{1,3}|\d{1,2})\s*(?:\)|(?=[\u4e00-\u9fff](?<![一二三四五六七八九十])))|([一二三四五六七八九十]{1,3})\s*[、.,]|(\d{1,2})\s*[、.,)](?!\d))\s*/;

/**
 * Splits a leading ordinal (三、 / (三) / 3. / 3、 / (3)) off a half-width string; a bracket left
 * unclosed before the label's words, `(七总计`, still opens an ordinal.
 */
export function splitOrdinal(half: string): OrdinalSplit {
  const m = ORDINAL_RE.exec(half);
  if (!m) return { rest: 0 };
  if (m[1] !== undefined) {
    const n = /^\d/.test(m[1]) ? Number(m[1]) : chineseNumeral(m[1]);
    return { style: /^\d/.test(m[1]) ? 'num' : 'paren', value: n, rest: m[0].length };
  }
  if (m[2] !== undefined) return { style: 'cn', value: chineseNumeral(m[2]), rest: m[0].length };
  return { style: 'num', value: Number(m[3]), rest: m[0].length };
}

/** The comparable core of a label: half-width, without ordinal, punctuation, quotes and spaces. */
export function labelCore(s: string): string {
  const half = withoutLineBreakTags(toHalfWidth(s));
  const { rest } = splitOrdinal(half);
  return half.slice(rest).replace(PUNCT, '').toLowerCase();
}

const LINE_BREAK_TAG = /<br\s*\/?>/gi;

/** A text without the `<br>` tags that Markdown written from Word puts where a cell's line broke (`2.<br>其他…`). */
function withoutLineBreakTags(s: string): string {
  return s.includes('<') ? s.replace(LINE_BREAK_TAG, '') : s;
}

/** The core without any parenthesised remark: 采购总金额（单位：万元） → 采购总金额. */
export function labelCoreWithoutRemarks(s: string): string {
  const half = withoutLineBreakTags(toHalfWidth(s));
  const { rest } = splitOrdinal(half);
  return half.slice(rest).replace(/\([^()]*\)?/g, '').replace(PUNCT, '').toLowerCase();
}

/** Whether a string holds at least one CJK ideograph. */
export function hasCjk(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x4e00 && c <= 0x9fff) return true;
  }
  return false;
}

/**
 * Levenshtein distance between a and b, or `limit + 1` as soon as it is certain to exceed `limit`.
 */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev = new Array<number>(b.length + 1);
  let cur = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (cur[j] < rowMin) rowMin = cur[j];
    }
    if (rowMin > limit) return limit + 1;
    const swap = prev;
    prev = cur;
    cur = swap;
  }
  return prev[b.length];
}

/** How many edits a label core of this length may be off and still be recognised. */
export function fuzzyLimit(length: number): number {
  if (length <= 1) return 0;
  if (length <= 8) return 1;
  return Math.min(4, Math.floor(length / 5));
}
