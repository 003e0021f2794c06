/**
 * `narrative` — a number in the running text contradicts tables 3 and 4.
 *
 * Read in part 一 and in the text (not the tables) of parts 三 and 四 — the whole narrative when
 * the document has no part headings — sentence by sentence (split at 。；; and similar, lines
 * wrapped inside a paragraph joined). A sentence counts only when it is about information-
 * disclosure applications (政府信息公开申请, 依申请, 公开申请, 行政复议, 行政诉讼) and names no other
 * population (全市, 全区, 全县, 全省, 备案 …). In such a sentence, a count (`34件`, `两件`) is
 * compared according to the keyword nearest before it in its clause:
 *
 * | text                                   | table cell                                   |
 * |----------------------------------------|----------------------------------------------|
 * | 收到 / 新收 / 受理 / 接收 … 申请 N 件     | 表三 一、本年新收 · 总计 (一 + 二 accepted too when the sentence says 受理 and mentions 上年结转, or says 含上年结转) |
 * | 办结 / 答复 N 件                         | 表三 （七）总计 · 总计                          |
 * | 收到并办结 … N 件                         | both of the above                             |
 * | 上年结转 N 件                             | 表三 二、上年结转 · 总计                        |
 * | 结转下年度 N 件                           | 表三 四、结转下年度继续办理 · 总计               |
 * | 行政复议 N 件                             | 表四 行政复议 · 总计                            |
 * | 行政诉讼 N 件                             | 表四 未经复议直接起诉 · 总计 + 复议后起诉 · 总计  |
 *
 * The parts the text breaks table 3's totals into are compared when their keyword stands right
 * before the count (`其中自然人申请31件`, `予以公开17件、部分公开4件`): 自然人 and 法人或其他组织 with
 * row 一's columns, 予以公开 … 其他处理 with the outcome's 总计 or the sum of its items'. A part
 * named for one reason (`因属于国家秘密不予公开1件`) is left alone. So are the outcomes of table 4's
 * cases (`其中结果维持1件`, `维持原行政行为2件`, `尚未审结1件`): with the 行政复议 column, or the sum
 * of the two 行政诉讼 columns, of the cases the sentence named last before the count.
 *
 * Comparisons (增加, 同比, 较上年 …) are not counts and are skipped; so is any table cell that is
 * blank or not a valid count.
 *
 * Example: `共收到政府信息公开申请35件` while table 3 row 一 总计 is 34.
 * Fix (not preferred — the table may be the wrong one): replace the number in the text with the
 * table's value, in the text's numerals (Arabic, full-width, Chinese or financial).
 */
import { countOf } from '../analysis/relations';
import { toChineseNumeral } from '../text/normalize';
import type { DataCell, ReportModel, Span, TableInstance } from '../model';
import { cellAt, cellKey, tableDecl } from '../template';
import { TABLE4_OUTCOME_IDS, TABLE4_OUTCOME_LABELS } from '../template/table4';
import type { RelatedInfo } from '../types';
import type { Localized, Rule, RuleContext } from './rule';

/** What a count of the text counts: a total of tables 3 and 4, a part of table 3's (`PARTS`) or an outcome of table 4's cases. */
export type Category = 'received' | 'handled' | 'carried' | 'carryover' | 'review' | 'litigation' | Part | CasePart;

/** A part of table 3's totals the text may break them into: applicants, then outcomes. */
export type Part = 'natural' | 'organisations' | 'public' | 'partial' | 'withheld' | 'unable' | 'rejected' | 'otherHandling';

/** Keywords announcing what a following count means; the one nearest the number wins. */
const KEYWORDS: [Category, RegExp][] = [
  ['carryover', /结转(?:至|到|入)?下一?年度?|转入下一?年度?/g],
  ['carried', /上一?年度?结转|结转上一?年度?|上年度?遗留/g],
  ['review', /行政复议/g],
  ['litigation', /行政诉讼|提起诉讼|被诉/g],
  ['handled', /办结|答复|办理完毕|处理完毕|已办理|已处理/g],
  ['received', /收到|新收|受理|接收|接到|收悉/g],
];
/**
 * Keywords of a part of table 3's totals (`其中自然人申请31件`, `予以公开17件、部分公开4件`), with the
 * row of table 3 it counts (its 总计, or the sum of its items' 总计) or, for applicants, the columns
 * of row 一. They count only right before their number.
 */
const PARTS: [Part, RegExp, { row: string } | { columns: 'natural' | 'organisations' }][] = [
  ['natural', /自然人/g, { columns: 'natural' }],
  ['organisations', /法人(?:或|和|及)其他组织/g, { columns: 'organisations' }],
  ['public', /予以公开/g, { row: 'public' }],
  ['partial', /部分公开/g, { row: 'partial' }],
  ['withheld', /不予公开/g, { row: 'withheld' }],
  ['unable', /无法提供/g, { row: 'unable' }],
  ['rejected', /不予处理/g, { row: 'rejected' }],
  ['otherHandling', /其他处理/g, { row: 'other' }],
];
/** An outcome of table 4's cases: its columns 结果维持, 结果纠正, 其他结果 and 尚未审结. */
export type CaseOutcome = (typeof TABLE4_OUTCOME_IDS)[number];

/** An outcome of the 行政复议 cases (`review.upheld`) or of the 行政诉讼 cases (`litigation.pending`). */
export type CasePart = `${'review' | 'litigation'}.${CaseOutcome}`;

/**
 * Keywords of an outcome of table 4's cases (`其中结果维持2件`, `维持原行政行为1件`, `尚未审结1件`).
 * Like a part's, they count only right before their number; the case is the one the sentence
 * named last before it (行政复议 or 行政诉讼).
 */
const CASE_OUTCOMES: [CaseOutcome, RegExp][] = [
  ['upheld', /(?:结果)?维持(?:原(?:具体)?行政行为|原(?:处理)?决定|原答复)?/g],
  ['corrected', /(?:结果)?纠正/g],
  ['other', /其他结果/g],
  ['pending', /尚未审结|未审结|尚在审理中?|正在审理中?|审理中/g],
];
/** The cases a sentence speaks of, the last named before a count: 行政复议 or 行政诉讼. */
const CASE_GROUP = /行政复议|行政诉讼|提起诉讼|被诉|起诉/g;

/** What may stand between a part's keyword and its count: `自然人申请31件`, `不予公开的2件`. */
const PART_GAP = /^[\s的了为是有共计:：申请]{0,4}$/;
/** A reason before a part's keyword makes its count one item's (`因属于国家秘密不予公开1件`). */
const PART_REASON = /因|由于|属于|系/;
const BOTH = /(?:收到|受理|新收|接收)[^，,]{0,2}(?:并|且|和|及|、)已?(?:办结|答复|处理完毕)/;
const RELEVANT = /政府信息公开申请|依申请|公开申请|行政复议|行政诉讼/;
const SCOPE = /全市|全区|全县|全省|全州|全旗|全盟|全镇|备案/;
const COMPARISON = /增加|减少|增长|下降|上升|同比|环比|较上年|比上年|较去年|比去年|较\d{4}年|比\d{4}年/;
const SENTENCE_END = /[。；;！!？?]/;
/** A comma inside a number (`1,234件`) ends no clause. */
const CLAUSE_END = /[，：:（(）)]|,(?!\d{3}(?!\d))/;
const COUNT_WORD = /[件宗起个]/;
/** Chinese numerals of counts, plain and financial. */
const CN_NUMERALS = '零〇一二两三四五六七八九十百千壹贰貳叁參肆伍陆陸柒捌玖拾佰仟';
/**
 * A count and its measure word. Each number is tried from its first digit only (a digit preceded by
 * a digit starts no number), so a long run of digits is not scanned again from each of its digits;
 * each branch opens with its character class, so the text is still skipped fast up to the next
 * numeral.
 */
const NUMBER_RE = new RegExp(
  `(\\d(?<![\\d,]\\d)(?:\\d{0,2}(?:,\\d{3})+|\\d*)|[\\uff10-\\uff19](?<![\\uff10-\\uff19][\\uff10-\\uff19])[\\uff10-\\uff19]*|[${CN_NUMERALS}](?<![${CN_NUMERALS}][${CN_NUMERALS}])[${CN_NUMERALS}]*)\\s*(?:件|宗|起|个)`,
  'g',
);

const CN_DIGITS: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
  壹: 1, 贰: 2, 貳: 2, 叁: 3, 參: 3, 肆: 4, 伍: 5, 陆: 6, 陸: 6, 柒: 7, 捌: 8, 玖: 9,
};
const CN_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000, 拾: 10, 佰: 100, 仟: 1000 };
const FINANCIAL = /[壹贰貳叁參肆伍陆陸柒捌玖拾佰仟]/;

/**
 * The value of a count written in Arabic (with or without thousands separators), full-width or
 * Chinese numerals, plain or financial (1,234, 两, 十二, 一百零五, 一千零五十, 叁拾捌).
 */
export function parseCount(s: string): number | undefined {
  if (/^\d+$/.test(s)) return Number(s);
  if (/^\d{1,3}(?:,\d{3})+$/.test(s)) return Number(s.replace(/,/g, ''));
  if (/^[\uff10-\uff19]+$/.test(s)) return Number([...s].map((c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).join(''));
  let total = 0;
  let digit: number | undefined;
  for (const c of s) {
    if (c in CN_DIGITS) {
      if (digit !== undefined) return undefined;
      // 零 stands for the empty places between units (一百零五), adding nothing.
      if (CN_DIGITS[c] !== 0) digit = CN_DIGITS[c];
    } else if (c in CN_UNITS) {
      total += (digit ?? (total === 0 ? 1 : NaN)) * CN_UNITS[c];
      digit = undefined;
    } else {
      return undefined;
    }
  }
  const value = total + (digit ?? 0);
  return Number.isFinite(value) ? value : undefined;
}

/** Writes a count in the numerals of `sample`: Arabic (1,235), full-width, or Chinese below 10000 (一百零五, 叁拾捌). */
function writeLike(sample: string, value: number): string {
  if (/^\d+$/.test(sample)) return String(value);
  if (/^[\d,]+$/.test(sample)) return String(value).replace(/\B(?=(?:\d{3})+$)/g, ',');
  if (/^[\uff10-\uff19]+$/.test(sample)) return [...String(value)].map((d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)).join('');
  if (value >= 10000) return String(value);
  const financial = FINANCIAL.test(sample);
  return value === 2 && !financial ? '两' : toChineseNumeral(value, financial);
}

/** A stretch of narrative text joined from wrapped lines, with the document offset of each char. */
export interface Paragraph {
  text: string;
  /** Where each joined line starts: in the paragraph text and in the document. */
  at: number[];
  doc: number[];
}

/** The document offset of a paragraph offset. */
function docOffset(para: Paragraph, i: number): number {
  let lo = 0;
  let hi = para.at.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (para.at[mid] <= i) lo = mid;
    else hi = mid - 1;
  }
  return para.doc[lo] + (i - para.at[lo]);
}

/** The narrative spans to read: part 一 and parts 三, 四 when parts are known, else everything. */
function readableSpans(model: ReportModel): Span[] {
  if (model.parts.length === 0) return model.narrative;
  const regions: Span[] = [];
  let hasFirst = false;
  let first = Infinity;
  for (const p of model.parts) {
    if (p.index === 1 || p.index === 3 || p.index === 4) regions.push(p.span);
    if (p.index === 1) hasFirst = true;
    first = Math.min(first, p.heading.start);
  }
  if (!hasFirst) regions.push({ start: 0, end: first });
  if (regions.length > 1) regions.sort(byStart);
  const out: Span[] = [];
  let r = 0;
  for (const s of model.narrative) {
    while (r < regions.length && Math.max(regions[r].end, regions[r].start + 1) <= s.start) r++;
    if (r < regions.length && regions[r].start <= s.start) out.push(s);
  }
  return out;
}

function byStart(a: Span, b: Span): number {
  return a.start - b.start;
}

const CLOSING_PUNCTUATION = '。；;！!？?：:';

/** The last character of `text` that is no closing `*` or `_` (NUL when there is none, so that it matches no punctuation). */
function lastCharBeforeEmphasis(text: string): string {
  let i = text.length - 1;
  while (i >= 0 && (text[i] === '*' || text[i] === '_')) i--;
  return i >= 0 ? text[i] : '\u0000';
}

function paragraphs(model: ReportModel, spans: Span[]): Paragraph[] {
  const out: Paragraph[] = [];
  let current: Paragraph | undefined;
  let previous: Span | undefined;
  let h = 0;
  const headingStarts: number[] = [];
  for (const p of model.parts) headingStarts.push(p.heading.start);
  if (headingStarts.length > 1) headingStarts.sort((a, b) => a - b);
  for (const span of spans) {
    const text = model.text.slice(span.start, span.end);
    let wrapped = false;
    if (current && previous) {
      while (h < headingStarts.length && headingStarts[h] <= previous.start) h++;
      const prevText = model.text.slice(previous.start, previous.end).trim();
      wrapped = prevText.length >= 20
        && !CLOSING_PUNCTUATION.includes(lastCharBeforeEmphasis(prevText))
        && /^\s*$/.test(model.text.slice(previous.end, span.start))
        && !(h < headingStarts.length && headingStarts[h] <= span.start);
    }
    if (!wrapped || !current) {
      current = { text: '', at: [], doc: [] };
      out.push(current);
    }
    current.at.push(current.text.length);
    current.doc.push(span.start);
    current.text += text;
    previous = span;
  }
  return out;
}

const globalCache = new Map<RegExp, RegExp>();

/** Splits a string after each character matched by `re` (kept with the piece before it). */
function pieces(text: string, re: RegExp): { text: string; start: number }[] {
  let g = globalCache.get(re);
  if (!g) globalCache.set(re, (g = new RegExp(re.source, 'g')));
  const out: { text: string; start: number }[] = [];
  let start = 0;
  g.lastIndex = 0;
  for (let m = g.exec(text); m; m = g.exec(text)) {
    const end = m.index + m[0].length;
    if (end > start) out.push({ text: text.slice(start, end), start });
    start = end;
    if (m[0].length === 0) g.lastIndex++;
  }
  if (start < text.length) out.push({ text: text.slice(start), start });
  return out;
}

export interface Mention {
  category: Category;
  value: number;
  written: string;
  /** Offsets in the paragraph. */
  start: number;
  end: number;
  /** 受理 in a sentence that mentions 上年结转, or 含上年结转: 一 + 二 is accepted too. */
  withCarried: boolean;
}

/** The keyword of `keywords` that ends last in `context` (nearest the number after it), and where it ends (-1: none). */
function nearestKeyword<C extends string>(context: string, keywords: readonly (readonly [C, RegExp, ...unknown[]])[]): [C | undefined, number] {
  let best: C | undefined;
  let bestEnd = -1;
  for (const [category, re] of keywords) {
    const end = lastEnd(context, re);
    if (end > bestEnd) {
      best = category;
      bestEnd = end;
    }
  }
  return [best, bestEnd];
}

function lastEnd(context: string, re: RegExp): number {
  // `test` walks the matches as `exec` would, without making an array for each.
  let end = -1;
  re.lastIndex = 0;
  while (re.test(context)) end = re.lastIndex;
  return end;
}

/** The cases `before` (a sentence up to a count) named last: 行政复议 (`review`), 行政诉讼 (`litigation`), or none. */
function caseGroup(before: string): 'review' | 'litigation' | undefined {
  let last: string | undefined;
  CASE_GROUP.lastIndex = 0;
  for (let m = CASE_GROUP.exec(before); m; m = CASE_GROUP.exec(before)) last = m[0];
  return last === undefined ? undefined : last === '行政复议' ? 'review' : 'litigation';
}

/** The counts of a sentence and what they are counts of. */
export function mentionsIn(text: string): Mention[] {
  if (!COUNT_WORD.test(text) || !RELEVANT.test(text)) return [];
  // Titles of documents (《…限时办结制度》) name no counts: blank them out, keeping offsets.
  const sentence = text.includes('《') ? text.replace(/《[^》]*》/g, (t) => '＿'.repeat(t.length)) : text;
  if (!RELEVANT.test(sentence) || SCOPE.test(sentence)) return [];
  const out: Mention[] = [];
  const mentionsCarried = /上一?年度?结转|结转上一?年/.test(sentence);
  const includesCarried = /(?:含|包括)上一?年度?结转/.test(sentence);
  for (const clause of pieces(sentence, CLAUSE_END)) {
    let from = 0;
    NUMBER_RE.lastIndex = 0;
    for (let m = NUMBER_RE.exec(clause.text); m; m = NUMBER_RE.exec(clause.text)) {
      const at = m.index!;
      const written = m[1];
      const context = clause.text.slice(from, at);
      from = at + m[0].length;
      let k = at - 1;
      while (k >= 0 && (clause.text[k] === ' ' || clause.text[k] === '\u3000')) k--;
      const before = clause.text[k];
      if (before === '第' || before === '.' || (before !== undefined && /\d/.test(before))) continue;
      const value = parseCount(written);
      if (value === undefined || COMPARISON.test(context)) continue;
      let categories: Category[];
      if (BOTH.test(context)) {
        categories = ['received', 'handled'];
      } else {
        const [total, totalEnd] = nearestKeyword(context, KEYWORDS);
        // A part's keyword nearer the number decides, right before it and for no single reason; else the count is left alone.
        const [part, partEnd] = nearestKeyword(context, PARTS);
        const [outcome, outcomeEnd] = nearestKeyword(context, CASE_OUTCOMES);
        const nearerPart = part !== undefined && partEnd > totalEnd && partEnd > outcomeEnd;
        const nearerOutcome = outcome !== undefined && outcomeEnd > totalEnd && outcomeEnd > partEnd;
        const keywordEnd = nearerPart ? partEnd : outcomeEnd;
        if ((nearerPart || nearerOutcome) && (!PART_GAP.test(context.slice(keywordEnd)) || PART_REASON.test(context.slice(0, keywordEnd)))) continue;
        let best: Category | undefined = nearerPart ? part : total;
        if (nearerOutcome) {
          const group = caseGroup(sentence.slice(0, clause.start + at));
          if (!group) continue;
          best = `${group}.${outcome!}`;
        }
        if (!best) continue;
        categories = [best];
      }
      if (/行政复议/.test(context) && /行政诉讼|提起诉讼/.test(context)) continue;
      if (categories.includes('received') && !/申请/.test(clause.text)) continue;
      for (const category of categories) {
        out.push({
          category, value, written, start: clause.start + at, end: clause.start + at + written.length,
          withCarried: (category === 'received' && ((/受理/.test(context) && mentionsCarried) || includesCarried))
            || ((category === 'natural' || category === 'organisations') && (mentionsCarried || includesCarried)),
        });
      }
    }
  }
  return out;
}

/** A count mentioned in a paragraph, with the offset of its sentence in the paragraph. */
export interface SentenceMention {
  sentenceStart: number;
  mention: Mention;
}

/** Every count a paragraph mentions, sentence by sentence. */
function mentionsInParagraph(text: string): SentenceMention[] {
  const out: SentenceMention[] = [];
  for (const sentence of pieces(text, SENTENCE_END)) {
    for (const mention of mentionsIn(sentence.text)) out.push({ sentenceStart: sentence.start, mention });
  }
  return out;
}

interface Expectation {
  value: number;
  alternative?: number;
  cells: { cell: DataCell; table: TableInstance }[];
  what: Localized;
}

/**
 * The cells a mention counts, which it states the sum of: one 总计, the two litigation 总计, or a
 * part of table 3's (undefined when the table lacks them).
 */
function cellsFor(model: ReportModel, m: Mention, row = 'new'): { cell: DataCell; table: TableInstance }[] | undefined {
  const table = model.tables.find((t) => t.id === (isCaseCount(m.category) ? 'table4' : 'table3'));
  if (!table) return undefined;
  const keys = isPart(m.category) ? partKeys(table, m.category, row) : isCasePart(m.category) ? casePartKeys(m.category) : CELLS[m.category];
  if (keys.length === 0) return undefined;
  const cells: { cell: DataCell; table: TableInstance }[] = [];
  for (const key of keys) {
    const cell = cellAt(table.byIndex, key);
    if (cell === undefined) return undefined;
    cells.push({ cell, table });
  }
  return cells;
}

function isPart(category: Category): category is Part {
  return PARTS.some(([part]) => part === category);
}

function isCasePart(category: Category): category is CasePart {
  return category.includes('.');
}

/** The cases and the outcome an outcome category names: `litigation.pending` → litigation, pending. */
function splitCasePart(category: CasePart): ['review' | 'litigation', CaseOutcome] {
  return category.split('.') as ['review' | 'litigation', CaseOutcome];
}

/** Whether a category counts cases of table 4: its totals or their outcomes. */
function isCaseCount(category: Category): boolean {
  return category === 'review' || category === 'litigation' || isCasePart(category);
}

/** The cells of table 4 an outcome sums: its 行政复议 column, or its two 行政诉讼 columns. */
function casePartKeys(category: CasePart): string[] {
  const [group, outcome] = splitCasePart(category);
  return group === 'review' ? [t4(`review.${outcome}`)] : [t4(`direct.${outcome}`), t4(`after.${outcome}`)];
}

/**
 * The cells of table 3 a part of its totals sums, as the template declares them: an outcome's
 * 总计, or its items' when it has items (（三）不予公开; （六）其他处理 in the 2021 format); an
 * applicants' column (自然人) or columns (法人或其他组织: every column but 自然人 and 总计) of `row`.
 */
function partKeys(table: TableInstance, part: Part, row: string): string[] {
  const target = PARTS.find(([p]) => p === part)![2];
  const key = (r: string, column: string) => cellKey({ table: 'table3', section: 'main', row: r, column });
  for (const format of table.format ? [table.format] : (['2021', '2019'] as const)) {
    const main = tableDecl(format, 'table3').sections[0];
    let keys: string[];
    if ('columns' in target) {
      keys = main.columns.filter((c) => (target.columns === 'natural' ? c.id === 'natural' : c.id !== 'natural' && c.id !== 'total')).map((c) => key(row, c.id));
    } else {
      const decl = main.rows.find((r) => r.id === target.row);
      if (!decl) continue;
      const rows = decl.data === false ? main.rows.filter((r) => r.group === target.row && r.data !== false) : [decl];
      keys = rows.map((r) => key(r.id, 'total'));
    }
    if (keys.every((k) => cellAt(table.byIndex, k) !== undefined)) return keys;
  }
  return [];
}

const t3 = (row: string) => cellKey({ table: 'table3', section: 'main', row, column: 'total' });
const t4 = (column: string) => cellKey({ table: 'table4', section: 'main', row: 'cases', column });

/** The keys of the cells each category of mention counts. */
const CELLS: Record<Exclude<Category, Part | CasePart>, string[]> = {
  received: [t3('new')],
  handled: [t3('total7')],
  carried: [t3('carried')],
  carryover: [t3('carryover')],
  review: [t4('review.total')],
  litigation: [t4('direct.total'), t4('after.total')],
};

const WHAT: Record<Exclude<Category, 'litigation' | Part | CasePart>, Localized> = {
  received: { zh: '表三“一、本年新收政府信息公开申请数量”的总计', en: 'table 3 一、本年新收政府信息公开申请数量 · 总计' },
  handled: { zh: '表三“（七）总计”的总计', en: 'table 3 （七）总计 · 总计' },
  carried: { zh: '表三“二、上年结转政府信息公开申请数量”的总计', en: 'table 3 二、上年结转政府信息公开申请数量 · 总计' },
  carryover: { zh: '表三“四、结转下年度继续办理”的总计', en: 'table 3 四、结转下年度继续办理 · 总计' },
  review: { zh: '表四“行政复议”的总计', en: 'table 4 行政复议 · 总计' },
};

function expectationFor(model: ReportModel, m: Mention): Expectation | undefined {
  const cells = cellsFor(model, m);
  const values = cells && countsOf(cells);
  if (!cells || !values) return undefined;
  const [group, outcome] = isCasePart(m.category) ? splitCasePart(m.category) : [m.category, undefined];
  if (group === 'litigation') {
    const va = values[0];
    const vb = values[1];
    const label = outcome && TABLE4_OUTCOME_LABELS[outcome];
    return {
      value: va + vb,
      cells,
      what: label === undefined
        ? { zh: `表四行政诉讼两栏（未经复议直接起诉、复议后起诉）总计之和（${va} + ${vb}）`, en: `the two litigation totals of table 4 (未经复议直接起诉, 复议后起诉: ${va} + ${vb})` }
        : { zh: `表四行政诉讼两栏（未经复议直接起诉、复议后起诉）“${label}”之和（${va} + ${vb}）`, en: `the sum of the two litigation ${label} cells of table 4 (未经复议直接起诉, 复议后起诉: ${va} + ${vb})` },
    };
  }
  const e: Expectation = { value: sum(values), cells, what: isPart(m.category) ? PART_WHAT[m.category] : outcome ? reviewWhat(outcome) : WHAT[m.category as keyof typeof WHAT] };
  if (m.withCarried) {
    // The same cells of row 二: a sentence counting 上年结转 too may state 一 + 二.
    const carriedCells = isPart(m.category) ? cellsFor(model, m, 'carried') : cellsFor(model, { ...m, category: 'carried' });
    const carried = carriedCells && countsOf(carriedCells);
    if (carried) e.alternative = e.value + sum(carried);
  }
  return e;
}

function sum(xs: number[]): number {
  let total = 0;
  for (let i = 0; i < xs.length; i++) total += xs[i];
  return total;
}

/** The counts of the cells, undefined when one holds no valid count. */
function countsOf(cells: { cell: DataCell }[]): number[] | undefined {
  const out: number[] = [];
  for (let i = 0; i < cells.length; i++) {
    const n = countOf(cells[i].cell);
    if (n === undefined) return undefined;
    out.push(n);
  }
  return out;
}

/** How the English messages say what became of the cases of an outcome. */
const OUTCOME_VERBS: Record<CaseOutcome, string> = {
  upheld: 'were upheld',
  corrected: 'ended in a correction',
  other: 'ended otherwise',
  pending: 'are still pending',
};

/** What a 行政复议 outcome is compared with: its column of table 4. */
function reviewWhat(outcome: CaseOutcome): Localized {
  const label = TABLE4_OUTCOME_LABELS[outcome];
  return { zh: `表四“行政复议”的“${label}”`, en: `table 4 行政复议 · ${label}` };
}

const PART_WHAT: Record<Part, Localized> = {
  natural: { zh: '表三“一、本年新收政府信息公开申请数量”的自然人一栏', en: 'table 3 一、本年新收政府信息公开申请数量 · 自然人' },
  organisations: { zh: '表三“一、本年新收政府信息公开申请数量”的法人或其他组织各栏之和', en: 'the sum of the 法人或其他组织 columns of table 3 一、本年新收政府信息公开申请数量' },
  public: { zh: '表三“（一）予以公开”的总计', en: 'table 3 （一）予以公开 · 总计' },
  partial: { zh: '表三“（二）部分公开”的总计', en: 'table 3 （二）部分公开 · 总计' },
  withheld: { zh: '表三“（三）不予公开”各项总计之和', en: 'the sum of the totals of table 3 （三）不予公开' },
  unable: { zh: '表三“（四）无法提供”各项总计之和', en: 'the sum of the totals of table 3 （四）无法提供' },
  rejected: { zh: '表三“（五）不予处理”各项总计之和', en: 'the sum of the totals of table 3 （五）不予处理' },
  otherHandling: { zh: '表三“（六）其他处理”的总计（或各项总计之和）', en: 'table 3 （六）其他处理 · 总计 (or the sum of its items)' },
};

/** A count the running text states for a table cell, alone or added to others, and where. */
export interface StatedCount {
  /** The count stated for the cell plus `others`. */
  value: number;
  /** The cells the text counts together with this one (行政诉讼: the other litigation 总计). */
  others: DataCell[];
  span: Span;
}

/** A paragraph of the narrative that concerns applications, with the counts it mentions. */
export interface ParagraphMentions {
  para: Paragraph;
  found: SentenceMention[];
}

/**
 * The paragraphs of the narrative to read (part 一 and the text of parts 三 and 四) that concern
 * applications, with their counts. `known` is the narrative cache of the last check: mentions by
 * paragraph text.
 */
export function narrativeMentions(model: ReportModel, known?: Map<string, SentenceMention[]>): ParagraphMentions[] {
  const out: ParagraphMentions[] = [];
  const read = new Map<string, SentenceMention[]>();
  for (const para of paragraphs(model, readableSpans(model))) {
    if (!RELEVANT.test(para.text)) continue;
    let found = known?.get(para.text) ?? read.get(para.text);
    if (!found) read.set(para.text, (found = mentionsInParagraph(para.text)));
    out.push({ para, found });
  }
  return out;
}

/** The count a statement gives the cell alone: its value less the cells counted with it (undefined when one of those holds no count). */
export function countForCell(s: StatedCount): number | undefined {
  let rest = 0;
  for (const c of s.others) {
    const n = countOf(c);
    if (n === undefined) return undefined;
    rest += n;
  }
  return s.value - rest;
}

/**
 * The counts the running text states for cells of tables 3 and 4 (the 总计 of rows 一, 二, 四 and
 * （七）, 行政复议 · 总计, the two litigation 总计 together), by cell: `被申请行政复议3件` states 3 for
 * 行政复议 · 总计.
 */
export function statedCounts(model: ReportModel, mentions: ParagraphMentions[]): Map<DataCell, StatedCount[]> {
  const out = new Map<DataCell, StatedCount[]>();
  for (const { para, found } of mentions) {
    for (const { sentenceStart, mention: m } of found) {
      // The parts of table 3's totals are compared by \`narrative\` alone; what fixes may do rests on the totals.
      const cells = m.withCarried || isPart(m.category) || isCasePart(m.category) ? undefined : cellsFor(model, m);
      if (!cells) continue;
      const span = { start: docOffset(para, sentenceStart + m.start), end: docOffset(para, sentenceStart + m.end - 1) + 1 };
      for (const { cell } of cells) {
        const others: DataCell[] = [];
        for (const c of cells) if (c.cell !== cell) others.push(c.cell);
        const stated = { value: m.value, others, span };
        const list = out.get(cell);
        if (list) list.push(stated);
        else out.set(cell, [stated]);
      }
    }
  }
  return out;
}

const CLAIMS: Record<Exclude<Category, CasePart>, Localized> = {
  received: { zh: '正文称收到政府信息公开申请 {n} 件', en: 'The text says {n} applications were received' },
  handled: { zh: '正文称办结（答复）{n} 件', en: 'The text says {n} applications were handled' },
  carried: { zh: '正文称上年结转 {n} 件', en: 'The text says {n} applications were carried over from last year' },
  carryover: { zh: '正文称结转下年度 {n} 件', en: 'The text says {n} applications are carried over to next year' },
  review: { zh: '正文称行政复议 {n} 件', en: 'The text says {n} administrative reviews' },
  litigation: { zh: '正文称行政诉讼 {n} 件', en: 'The text says {n} lawsuits' },
  natural: { zh: '正文称自然人申请 {n} 件', en: 'The text says {n} applications came from individuals' },
  organisations: { zh: '正文称法人或其他组织申请 {n} 件', en: 'The text says {n} applications came from legal persons or other organisations' },
  public: { zh: '正文称予以公开 {n} 件', en: 'The text says {n} applications were granted' },
  partial: { zh: '正文称部分公开 {n} 件', en: 'The text says {n} applications were partly granted' },
  withheld: { zh: '正文称不予公开 {n} 件', en: 'The text says {n} applications were refused' },
  unable: { zh: '正文称无法提供 {n} 件', en: 'The text says the information could not be provided for {n} applications' },
  rejected: { zh: '正文称不予处理 {n} 件', en: 'The text says {n} applications were not processed' },
  otherHandling: { zh: '正文称其他处理 {n} 件', en: 'The text says {n} applications were handled otherwise' },
};

/** What the text says of an outcome of table 4's cases. */
function caseClaim(category: CasePart): Localized {
  const [group, outcome] = splitCasePart(category);
  const label = TABLE4_OUTCOME_LABELS[outcome];
  const cases = group === 'review' ? { zh: '行政复议', en: 'administrative reviews' } : { zh: '行政诉讼', en: 'lawsuits' };
  return { zh: `正文称${cases.zh}${label} {n} 件`, en: `The text says {n} ${cases.en} ${OUTCOME_VERBS[outcome]} (${label})` };
}

export const narrativeRule: Rule = {
  code: 'narrative',
  check(ctx: RuleContext) {
    const model = ctx.model;
    if (!model.tables.some((t) => t.id === 'table3' || t.id === 'table4')) return;
    const expectations = new Map<string, Expectation | undefined>();
    const relatedOf = new Map<Expectation, RelatedInfo[]>();
    const expectation = (m: Mention): Expectation | undefined => {
      const key = m.category + (m.withCarried ? '+' : '');
      if (!expectations.has(key)) expectations.set(key, expectationFor(model, m));
      return expectations.get(key);
    };
    const kept = ctx.cache ? new Map<string, SentenceMention[]>() : undefined;
    for (const { para, found } of ctx.narrativeMentions()) {
      kept?.set(para.text, found);
      for (const { sentenceStart, mention: m } of found) {
        const exp = expectation(m);
        if (!exp || exp.value === m.value || exp.alternative === m.value) continue;
        const start = docOffset(para, sentenceStart + m.start);
        const end = docOffset(para, sentenceStart + m.end - 1) + 1;
        const claim = ctx.t(isCasePart(m.category) ? caseClaim(m.category) : CLAIMS[m.category], { n: m.value });
        const message = ctx.t(
          { zh: '{claim}，但{what}为 {v}', en: '{claim}, but {what} is {v}' },
          { claim, what: ctx.t(exp.what), v: exp.value },
        ) + (exp.alternative !== undefined
          ? ctx.t({ zh: '（含上年结转为 {alt}）', en: ' ({alt} with the applications carried over)' }, { alt: exp.alternative })
          : '');
        let related = relatedOf.get(exp);
        if (!related) {
          related = [];
          for (const { cell, table } of exp.cells) {
            related.push({
              range: ctx.cellRange(cell, table),
              message: ctx.t({ zh: '{name}：{v}', en: '{name}: {v}' }, { name: ctx.cellName(cell, table), v: countOf(cell)! }),
            });
          }
          relatedOf.set(exp, related);
        }
        const replacement = writeLike(m.written, exp.value);
        const range = ctx.range({ start, end });
        ctx.report({
          range,
          message,
          related,
          fixes: [{
            title: ctx.t({ zh: '将正文中的 {n} 改为 {v}', en: 'Change {n} in the text to {v}' }, { n: m.written, v: replacement }),
            edits: [{ range, newText: replacement }],
            preferred: false,
          }],
        });
      }
    }
    if (ctx.cache) ctx.cache.narrative = kept;
  },
};
