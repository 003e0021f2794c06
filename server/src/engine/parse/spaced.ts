/**
 * Table rows whose cells are separated by spaces, as text copied from a PDF viewer or converted
 * with `pdftotext -layout` gives them: `（一）予以公开 17 0 0 0 0 0 17`, a row of values alone
 * (`0 0 0 … 0`, table 4), and a line of header words (`行政复议 行政诉讼`, `结果 维持 结果 纠正 …`).
 */
import { hasCjk, isWhitespace } from '../text/normalize';
import { parseValue } from '../text/numbers';
import { isLabel, isLabelPrefix, matchLabel } from './labels';

/** Table 4's header has 15 words, twice as many when each is broken in two (`结果 维持`). */
const MAX_HEADER_TOKENS = 32;

/** A token that opens a numbered label: `（一）`, `(一)`, `一、`, `1.`, `2、`, `3．`. */
const ORDINAL_START = /^(?:[(（]\s*[一二三四五六七八九十]{1,3}\s*[)）]|[一二三四五六七八九十]{1,3}[、.．]|\d{1,2}\s*[、.．](?!\d))/;

/**
 * The cells of the line `[start, end)` of `text` when it is a table row written with spaces between
 * its cells, as `[start, end)` offset pairs; undefined for any other line. A row is
 * - words and three values or more, one of them a number (`（一）予以公开 17 0 0 0 0 0 17`), or two
 *   after words that are a label or nearly (`行政事业性收费 1 0`, but not `联系电话 0917 3261234`);
 * - a row label or a near miss of one, then cells with a number among them (`行政许可 12`,
 *   `行政事业性收费 约3 0`, `政府集中采购 4 不详`), placeholders (`二、上年结转… - - - - - - -`) or
 *   values written as words (`行政许可 若干`);
 * - values alone, one of them a number (`0 0 0 … 0`), a word or two among them (`1 1 若干 … 0`);
 * - two words or more, each a label of the tables (`行政复议 行政诉讼`, `结果 维持 结果 纠正 …`);
 * - two whole labels or more, one of them a row's, and no value: a row of blank cells.
 * Each value is a cell; the words before the values are cut into cells as `leadingCells` says.
 * Example: `（五）不予处理 1.信访举报投诉类申请 0 0 0` → `（五）不予处理`, `1.信访举报投诉类申请`, `0`, `0`, `0`.
 */
export function spacedRowCells(text: string, start: number, end: number): number[] | undefined {
  if (hasSentenceEnd(text, start, end)) return undefined;
  const tokens = tokensOf(text, start, end);
  if (tokens === undefined) return undefined;
  let k = tokens.length;
  let trailingNumbers = 0;
  while (k > 0) {
    const value = parseValue(text.slice(tokens[k - 2], tokens[k - 1]));
    if (value.kind === 'text') break;
    if (value.kind === 'number') trailingNumbers++;
    k -= 2;
  }
  if (k === 0) return trailingNumbers > 0 ? tokens : undefined;
  // Words without a digit: a line of header words, a label and values written as words, or prose.
  if (k === tokens.length && !hasDigit(text, start, end)) {
    if (tokens.length > 16) return headerWords(text, tokens);
    const cells = leadingCells(text, tokens, k);
    return labelsAlone(text, cells) ?? headerWords(text, tokens) ?? wordedValues(text, cells);
  }
  const leading = leadingCells(text, tokens, k);
  if (isProse(text, leading)) return undefined;
  const cells = k < tokens.length ? [...leading, ...tokens.slice(k)] : leading;
  const values = (tokens.length - k) / 2;
  if (trailingNumbers > 0 && (values >= 3 || (values === 2 && isNearLabel(text.slice(tokens[0], tokens[k - 1]))))) return cells;
  const { numbers, words } = countCells(text, cells);
  if (numbers === 0) {
    if (k < tokens.length) return isRowLabel(text.slice(cells[0], cells[1])) ? cells : undefined;
    return labelsAlone(text, cells) ?? headerWords(text, tokens) ?? wordedValues(text, cells);
  }
  const first = parseValue(text.slice(cells[0], cells[1]));
  // Values with a word or two among them (`1 1 0 若干 … 0`), as table 4's row may have.
  if (first.kind !== 'text') return numbers >= 2 && words * 4 <= numbers ? cells : undefined;
  return isRowLabel(text.slice(cells[0], cells[1])) ? cells : undefined;
}

/** Whether a character ends a sentence (。；;！!？?): no cell holds one. */
function isSentenceEnd(c: number): boolean {
  return c < 128 ? c === 0x3b || c === 0x21 || c === 0x3f : c === 0x3002 || c === 0xff1b || c === 0xff01 || c === 0xff1f;
}

/** Whether `[start, end)` holds the end of a sentence; the line's last character (prose's usual end) is looked at first. */
function hasSentenceEnd(text: string, start: number, end: number): boolean {
  let last = end;
  while (last > start && isWhitespace(text.charCodeAt(last - 1))) last--;
  if (last > start && isSentenceEnd(text.charCodeAt(last - 1))) return true;
  for (let i = start; i < last; i++) if (isSentenceEnd(text.charCodeAt(i))) return true;
  return false;
}
/** Punctuation inside a sentence, which a value written as words never holds. */
const CLAUSE = /[，,、：:%％]/;
const MAX_LABELS = 80;

/**
 * Whether the cells before the values read as a sentence (`…受理信件 1 个、市长信箱信件 4 个，回复率
 * 100%，…`): more words than labels have, or after the first cell a word
 * that is neither a label, the numbered start of one, nor a short value written as words (`若干`,
 * `约3`, `2,5`).
 */
function isProse(text: string, cells: number[]): boolean {
  let length = 0;
  for (let i = 0; i < cells.length; i += 2) {
    const word = text.slice(cells[i], cells[i + 1]);
    length += word.length;
    if (length > MAX_LABELS) return true;
    if (i === 0) continue;
    if (parseValue(word).kind !== 'text' || BRACKETED_NUMBER.test(word)) continue;
    if (!mayBeWordedValue(word) && !isNearLabel(word) && !isNumberedLabelStart(word)) return true;
  }
  return false;
}

/** Whether a word opens a numbered row label whose end wrapped onto the next lines (`1.申请人无正当理由逾期不补正、`). */
function isNumberedLabelStart(word: string): boolean {
  return ORDINAL_START.test(word) && isLabelPrefix(word);
}

/**
 * A whole row label and a value or two written as words after it (`行政许可 若干`, `行政许可 约3`):
 * two CJK characters at most, or six with a digit.
 */
function wordedValues(text: string, cells: number[]): number[] | undefined {
  if (cells.length < 4 || cells.length > 8 || !isLabel(text.slice(cells[0], cells[1])) || !isRowLabel(text.slice(cells[0], cells[1]))) return undefined;
  for (let i = 2; i < cells.length; i += 2) if (!isWordedValue(text.slice(cells[i], cells[i + 1]))) return undefined;
  return cells;
}

/**
 * Two labels or more and nothing else, each a whole label and one of them a row's
 * (`（三）不予公开   1.属于国家秘密`): a row whose cells are all blank, as `pdftotext -layout` leaves it.
 */
function labelsAlone(text: string, cells: number[]): number[] | undefined {
  if (cells.length < 4) return undefined;
  let row = false;
  for (let i = 0; i < cells.length; i += 2) {
    const word = text.slice(cells[i], cells[i + 1]);
    if (!isLabel(word)) return undefined;
    row ||= isRowLabel(word);
  }
  return row ? cells : undefined;
}

/** How many cells hold a number, and how many words (the first cell aside). */
function countCells(text: string, cells: number[]): { numbers: number; words: number } {
  let numbers = 0;
  let words = 0;
  for (let i = 2; i < cells.length; i += 2) {
    const kind = parseValue(text.slice(cells[i], cells[i + 1])).kind;
    if (kind === 'number') numbers++;
    else if (kind === 'text') words++;
  }
  if (cells.length > 0 && parseValue(text.slice(cells[0], cells[1])).kind === 'number') numbers++;
  return { numbers, words };
}

/** A row has a few words and at most table 4's fifteen values: a line with many more tokens is prose. */
const MAX_TOKENS = 40;

/**
 * The whitespace-separated tokens of a line with two to `MAX_TOKENS`, as offset pairs; a unit
 * after a number (`3 件`, `25.1 万元`, as a PDF spaces them) belongs to the number.
 */
function tokensOf(text: string, start: number, end: number): number[] | undefined {
  const tokens: number[] = [];
  let i = start;
  while (i < end) {
    if (tokens.length > MAX_TOKENS * 2) return undefined;
    while (i < end && isWhitespace(text.charCodeAt(i))) i++;
    if (i === end) break;
    const s = i;
    while (i < end && !isWhitespace(text.charCodeAt(i))) i++;
    const n = tokens.length;
    if (n > 0 && i - s <= 2 && UNIT_STARTS.has(text.charCodeAt(s)) && isDigit(text.charCodeAt(tokens[n - 1] - 1)) && UNITS.has(text.slice(s, i))) tokens[n - 1] = i;
    else tokens.push(s, i);
  }
  return tokens.length >= 4 ? tokens : undefined;
}

/** The units a cell may write after its number (those `parseValue` reads). */
const UNITS = new Set(['元', '元整', '万元', '亿元', '万', '亿', '件', '个', '项', '次', '条', '宗', '家', '人次', '人']);
/** The first characters of `UNITS`, looked at before a token is cut out to be looked up. */
const UNIT_STARTS = new Set([...UNITS].map((u) => u.charCodeAt(0)));

function isDigit(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 0xff10 && c <= 0xff19);
}

function hasDigit(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (isDigit(text.charCodeAt(i))) return true;
  return false;
}

/** A number in brackets (`(3)`), a value however written, not a remark of the label before it. */
const BRACKETED_NUMBER = /^[(（]\s*\d+\s*[)）]$/;

/**
 * The tokens before the trailing values, `[0, k)`, as cells: a value (`0`, `-`) is a cell of its
 * own, and so is a number in brackets (`(3)`); words make one cell up to a wide gap or a numbered
 * label (`三、本年度办理结果 （一）予以公开`); and the words after a whole label are cells of their
 * own, values written as words (`规章 若干 0 0`).
 */
function leadingCells(text: string, tokens: number[], k: number): number[] {
  const cells: number[] = [];
  let words: number[] = [];
  const flush = (): void => {
    if (words.length > 0) cells.push(...wordCells(text, tokens, words));
    words = [];
  };
  for (let t = 0; t < k; t += 2) {
    const token = text.slice(tokens[t], tokens[t + 1]);
    if (parseValue(token).kind !== 'text' || BRACKETED_NUMBER.test(token)) {
      flush();
      cells.push(tokens[t], tokens[t + 1]);
      continue;
    }
    if (words.length > 0 && (isWideGap(text, tokens[t - 1], tokens[t]) || ORDINAL_START.test(token))) flush();
    words.push(t);
  }
  flush();
  return cells;
}

/**
 * A group of words (token indexes) as one cell; or, when it is no label but its first words are
 * and the words after them may be values written as words (`规章 若干`), that label and each
 * word after it as cells. A label with a typo in its last words (`…不计其他情形)甲`) stays one cell.
 */
function wordCells(text: string, tokens: number[], words: number[]): number[] {
  const start = tokens[words[0]];
  const end = tokens[words[words.length - 1] + 1];
  if (words.length === 1 || isLabel(text.slice(start, end))) return [start, end];
  for (let n = words.length - 1; n >= 1; n--) {
    const labelEnd = tokens[words[n - 1] + 1];
    if (!isLabel(text.slice(start, labelEnd))) continue;
    const cells = [start, labelEnd];
    for (let j = n; j < words.length; j++) {
      if (!mayBeWordedValue(text.slice(tokens[words[j]], tokens[words[j] + 1]))) return [start, end];
      cells.push(tokens[words[j]], tokens[words[j] + 1]);
    }
    return cells;
  }
  return [start, end];
}

/** A word short enough to be a value written as words (`若干`, `约3`, `暂无数据`), with no punctuation of a clause. */
function mayBeWordedValue(word: string): boolean {
  return /\d/.test(word) ? word.length <= 6 : word.length <= 6 && !CLAUSE.test(word);
}

/** A value written as words: two CJK characters at most (`若干`, `不详`), or six with a digit (`约3`). */
function isWordedValue(word: string): boolean {
  return /\d/.test(word) ? word.length <= 6 : word.length <= 2 && hasCjk(word);
}

function isWideGap(text: string, from: number, to: number): boolean {
  return to - from >= 2 || text.charCodeAt(from) === 0x3000;
}

/** Whether a text names a row of the tables, or nearly does (`行政许甲`). */
function isRowLabel(text: string): boolean {
  return matchLabel(text).some((m) => m.entry.kind === 'row');
}

/** Whether a text is a label of the tables, or nearly is. */
function isNearLabel(text: string): boolean {
  return matchLabel(text).length > 0;
}

/**
 * A line of two words or more, every word a label of the tables or a near miss of one (a word
 * broken in two by a space, `结果 维持` or `其他 结果`, joined back first), near misses no more
 * than exact labels: its words as cells. Prose has words that are no label.
 */
function headerWords(text: string, tokens: number[]): number[] | undefined {
  if (tokens.length > MAX_HEADER_TOKENS * 2) return undefined;
  const cells: number[] = [];
  let exact = 0;
  let near = 0;
  for (let t = 0; t < tokens.length; t += 2) {
    const word = text.slice(tokens[t], tokens[t + 1]);
    if (!hasCjk(word)) return undefined;
    const next = t + 2 < tokens.length ? text.slice(tokens[t + 2], tokens[t + 3]) : '';
    const joined = hasCjk(next) ? word + next : undefined;
    const wordMatch = quality(word);
    const joinedMatch = joined === undefined ? 'none' : quality(joined);
    const join = joinedMatch === 'exact' || (wordMatch === 'none' && joinedMatch === 'near');
    const match = join ? joinedMatch : wordMatch;
    if (match === 'none') return undefined;
    if (match === 'exact') exact++;
    else near++;
    cells.push(tokens[t], tokens[join ? t + 3 : t + 1]);
    if (join) t += 2;
  }
  return cells.length >= 4 && exact > 0 && exact >= near ? cells : undefined;
}

/** How a word matches the labels of the tables: exactly (or as a variant), only nearly, or not at all. */
function quality(word: string): 'exact' | 'near' | 'none' {
  const matches = matchLabel(word);
  if (matches.length === 0) return 'none';
  return matches.some((m) => m.quality !== 'fuzzy') ? 'exact' : 'near';
}
