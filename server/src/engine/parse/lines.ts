/**
 * First pass of the parser: the document split into lines, and each line into cells according to
 * the layout it shows (tab-separated row, pipe row, Markdown row, row written with spaces, one
 * cell a line, plain text).
 */
import type { Span, TableLayout, TextCell } from '../model';
import { isWhitespace } from '../text/normalize';
import { parseValue, type ParsedValue } from '../text/numbers';
import { isLabelPrefix, lookupLabel, matchesOf, prefixOf, type LabelLookup } from './labels';
import type { Match } from './labels';
import { spacedRowCells } from './spaced';

export type LineKind =
  /** empty or whitespace only */
  | 'blank'
  /** several cells: a table row */
  | 'row'
  /** one table cell on its own line (` |`-terminated or tab-indented) */
  | 'cell'
  /** a Markdown table separator (`|---|---|`) */
  | 'separator'
  /** plain text: a heading, a sentence, or a label or value of a one-cell-a-line table */
  | 'text';

export interface Line extends Span {
  index: number;
  kind: LineKind;
  layout?: TableLayout;
  cells: TextCell[];
}

const MD_SEPARATOR = /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/;
const TAB = 9;
const FORM_FEED = 12;
const PIPE = 124;
/**
 * A page number that a conversion from PDF or Word left between the lines (`- 3 -`, `— 3 —`,
 * `第3页`, `第 3 页 共 8 页`, `共8页 第3页`): page furniture, which may fall inside a table.
 */
const PAGE_NUMBER = /^\s*(?:[-—–－─~～·•]+\s*\d{1,4}\s*[-—–－─~～·•]+|第\s*(?:\d{1,4}|[一二三四五六七八九十]{1,3})\s*页(?:\s*[,，/、]?\s*共\s*\d{1,4}\s*页)?|共\s*\d{1,4}\s*页\s*[,，/、]?\s*第\s*\d{1,4}\s*页)\s*$/;
/** The characters a page number opens with, after its indent: dashes, dots, 第 and 共. */
const PAGE_NUMBER_OPENERS = new Set([...'-—–－─~～·•第共'].map((c) => c.charCodeAt(0)));
const MAX_PAGE_NUMBER = 24;

/** Whether `[start, end)` holds a page number and nothing else. */
function isPageNumber(text: string, start: number, end: number): boolean {
  if (end - start > MAX_PAGE_NUMBER) return false;
  let i = start;
  while (i < end && isWhitespace(text.charCodeAt(i))) i++;
  return i < end && PAGE_NUMBER_OPENERS.has(text.charCodeAt(i)) && PAGE_NUMBER.test(text.slice(start, end));
}

/** The lines with content, from the top, among which the report's title stands. */
export const TITLE_LINES = 8;

/** A line that names the report as its title does (`…2020年政府信息公开工作年度报告`), with or without its year. */
const TITLE_LIKE = /(?:信息公开|政务公开)(?:工作)?(?:年度)?报告$/;
const MAX_TITLE = 60;
const ASTERISK = 42;
/** 告, the last character of 报告. */
const BAO_GAO_END = 0x544a;

/**
 * Whether `[start, end)` names the report as its title does: a short line ending in
 * 政府信息公开工作年度报告 (or a near wording), Markdown marks and spaces aside.
 */
function isTitleLike(text: string, start: number, end: number): boolean {
  if (end - start > MAX_TITLE * 2) return false;
  let last = end;
  while (last > start && (isWhitespace(text.charCodeAt(last - 1)) || text.charCodeAt(last - 1) === ASTERISK)) last--;
  if (last === start || text.charCodeAt(last - 1) !== BAO_GAO_END) return false;
  const t = text.slice(start, last).replace(/[#*\s]/g, '');
  return t.length <= MAX_TITLE && TITLE_LIKE.test(t);
}

/** Whether the lines read so far hold the title's place: `TITLE_LINES` lines with content. */
function pastTitle(lines: Line[]): boolean {
  let n = 0;
  for (const line of lines) if (line.kind !== 'blank' && ++n >= TITLE_LINES) return true;
  return false;
}

/**
 * A suppression comment closing a line with other content (`… 1 <!-- gkreport-disable-line
 * row-total -->`): it is read by the suppression pass, and is no part of the line's cells.
 */
const TRAILING_SUPPRESSION = /[ \t\u3000]*<!--\s*gkreport-[a-z-]+\b[^>]*?-->[ \t\u3000]*$/;

/**
 * A cell as found in the text. Its whitespace and separators are kept as offsets and made into
 * spans only when asked for (by fixes, and diagnostics on blank cells), so that each of the tens of
 * thousands of cells of a large document is one object besides its text.
 */
export class SourceCell implements TextCell {
  // Fields are declared only (`declare`) and set in the constructor: one hidden class for every
  // cell, and no field initializer to call per cell while the parser still runs in the interpreter.
  declare start: number;
  declare end: number;
  declare text: string;
  declare line: number;
  /** Span including the whitespace between the separators. */
  declare readonly rawStart: number;
  declare readonly rawEnd: number;
  /** Offset of the one-character separator before the cell (a tab or a pipe), -1 for none. */
  declare readonly separatorBefore: number;
  /** Offset of the separator after the cell, -1 for none. */
  declare readonly separatorAfter: number;
  declare parts?: TextCell[];
  /** The parsed value of `text`, once asked for (`cellValue`). */
  declare parsed?: ParsedValue;
  /** The dictionary's entry for `text`, once asked for (`cellLabels`). */
  declare labels?: LabelLookup;

  constructor(start: number, end: number, text: string, line: number, rawStart: number, rawEnd: number, separatorBefore: number, separatorAfter: number) {
    this.start = start;
    this.end = end;
    this.text = text;
    this.line = line;
    this.rawStart = rawStart;
    this.rawEnd = rawEnd;
    this.separatorBefore = separatorBefore;
    this.separatorAfter = separatorAfter;
    this.parts = undefined;
    this.parsed = undefined;
    this.labels = undefined;
  }

  get raw(): Span {
    return { start: this.rawStart, end: this.rawEnd };
  }

  get before(): Span | undefined {
    return this.separatorBefore < 0 ? undefined : { start: this.separatorBefore, end: this.separatorBefore + 1 };
  }

  get after(): Span | undefined {
    return this.separatorAfter < 0 ? undefined : { start: this.separatorAfter, end: this.separatorAfter + 1 };
  }
}

// A `SourceCell` makes its `raw`, `before` and `after` spans when asked for; the parser reads the
// offsets they are made of instead.

/** Where a cell's span with its surrounding whitespace starts (`raw.start`). */
export function rawStartOf(cell: TextCell): number {
  return cell instanceof SourceCell ? cell.rawStart : cell.raw.start;
}

/** Where a cell's span with its surrounding whitespace ends (`raw.end`). */
export function rawEndOf(cell: TextCell): number {
  return cell instanceof SourceCell ? cell.rawEnd : cell.raw.end;
}

/** The offset of the separator before a cell (`before.start`), -1 for none. */
function separatorBeforeOf(cell: TextCell): number {
  return cell instanceof SourceCell ? cell.separatorBefore : (cell.before?.start ?? -1);
}

/** The offset of the separator after a cell (`after.start`), -1 for none. */
function separatorAfterOf(cell: TextCell): number {
  return cell instanceof SourceCell ? cell.separatorAfter : (cell.after?.start ?? -1);
}

/** The parsed value of a cell's text, parsed once per cell however often the parser asks. */
export function cellValue(cell: TextCell): ParsedValue {
  if (cell instanceof SourceCell) return (cell.parsed ??= parseValue(cell.text));
  return parseValue(cell.text);
}

/** The dictionary matches of a cell's text (`matchLabel`), looked up once per cell however often the parser asks. */
export function cellLabels(cell: TextCell): Match[] {
  if (cell instanceof SourceCell) return matchesOf((cell.labels ??= lookupLabel(cell.text)));
  return matchesOf(lookupLabel(cell.text));
}

/** Whether a label of the dictionary starts with a cell's text (`isLabelPrefix`), looked up once per cell. */
export function cellIsLabelPrefix(cell: TextCell): boolean {
  if (cell instanceof SourceCell) return prefixOf(cell.text, (cell.labels ??= lookupLabel(cell.text)));
  return isLabelPrefix(cell.text);
}

/** Whether a cell's text is a label on its own, exactly or in a known variant (`isLabel`), looked up once per cell. */
export function cellIsLabel(cell: TextCell): boolean {
  return cellLabels(cell).some((m) => m.quality !== 'fuzzy');
}

/** The index of the first cell from `from` on that holds text, -1 for none. */
export function firstFilled(cells: readonly TextCell[], from: number): number {
  for (let k = from; k < cells.length; k++) if (cells[k].text !== '') return k;
  return -1;
}

/** Builds a text cell from a raw span of the text, trimming whitespace; `before`/`after` are separator offsets (-1: none). */
export function makeCell(text: string, start: number, end: number, line: number, before = -1, after = -1, rawStart = start, rawEnd = end): SourceCell {
  let s = start;
  let e = end;
  while (s < e && isSpace(text.charCodeAt(s))) s++;
  while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
  return new SourceCell(s, e, text.slice(s, e), line, rawStart, rawEnd, before, after);
}

/** One cell made of `parts` (a label broken over lines or cells), from the first part's start to the last one's end. */
export function joinedCell(parts: TextCell[], text: string): SourceCell {
  const first = parts[0];
  const last = parts[parts.length - 1];
  return spanning(first, last, first.start, last.end, text, parts);
}

/** A cell with text `text` at [start, end), its whitespace and separators from `first` (before) to `last` (after). */
function spanning(first: TextCell, last: TextCell, start: number, end: number, text: string, parts: TextCell[] | undefined): SourceCell {
  const cell = new SourceCell(start, end, text, first.line, rawStartOf(first), rawEndOf(last), separatorBeforeOf(first), separatorAfterOf(last));
  cell.parts = parts;
  return cell;
}

const QUOTE = 34;

/**
 * A cell of a tab row without the quotes Excel puts around a cell that holds a line break when it
 * copies a range as text: `\t"2. 其他法律行政法规` on one line and `禁止公开"\t0\t0` on the next
 * are the cells `2. 其他法律行政法规` and `禁止公开`, which the parser then joins as it joins any
 * label broken over lines. A quote is taken off only where the cell's quotes do not pair up
 * (`"…` opens, `…"` closes), or when the quotes enclose the whole cell (`"…"`); quotes inside
 * the text (`危及"三安全一稳定"`) stay.
 */
function unquotedCell(text: string, start: number, end: number, line: number, before: number, after: number): SourceCell {
  const cell = makeCell(text, start, end, line, before, after);
  const opens = cell.text.length > 0 && cell.text.charCodeAt(0) === QUOTE;
  const closes = cell.text.length > (opens ? 1 : 0) && cell.text.charCodeAt(cell.text.length - 1) === QUOTE;
  if (!opens && !closes) return cell;
  const paired = (cell.text.split('"').length - 1) % 2 === 0;
  const s = cell.start + (opens && (!paired || closes) ? 1 : 0);
  const e = cell.end - (closes && (!paired || opens) ? 1 : 0);
  return makeCell(text, s, e, line, before, after, start, end);
}

/** Whether a tab row's first cell ends a quoted cell opened on a line before (`禁止公开"`). */
function closesQuote(text: string, cell: TextCell): boolean {
  let e = cell.end;
  while (e < text.length && isSpace(text.charCodeAt(e)) && text.charCodeAt(e) !== TAB && text.charCodeAt(e) !== 10) e++;
  return text.charCodeAt(e) === QUOTE && cell.text.charCodeAt(0) !== QUOTE;
}

/** The lines a quoted cell may take before the line that closes it. */
const MAX_QUOTED_LINES = 3;

/**
 * The line that opened the quoted cell a tab row's first cell closes, when no tab came before the
 * quote on that line (`"一、本年新收政府` / `信息公开申请数量"\t29…`): its cell loses the opening quote.
 */
function unquoteOpening(text: string, lines: Line[]): void {
  for (let back = 1; back <= MAX_QUOTED_LINES && back <= lines.length; back++) {
    const line = lines[lines.length - back];
    if ((line.kind !== 'text' && line.kind !== 'cell') || line.cells.length !== 1) return;
    const cell = line.cells[0] as SourceCell;
    if (cell.text.charCodeAt(0) === QUOTE) {
      line.cells[0] = unquotedCell(text, cell.rawStart, cell.rawEnd, cell.line, cell.separatorBefore, cell.separatorAfter);
      return;
    }
  }
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 0x3000 || c === 0xa0 || c === 13 || c === 10 || c === 0xfeff;
}

/** Strips Markdown heading marks and bold/italic wrappers from a cell, adjusting its span. */
export function undecorate(cell: TextCell): TextCell {
  const text0 = cell.text;
  if (text0 === '' || (!isOpeningMark(text0.charCodeAt(0)) && !isClosingMark(text0.charCodeAt(text0.length - 1)))) return cell;
  let { start, text } = cell;
  const lead = /^(#{1,6}\s+|\*\*|__|\*|>\s*)+/.exec(text);
  if (lead) {
    start += lead[0].length;
    text = text.slice(lead[0].length);
  }
  const cut = trailingMarks(text);
  if (cut > 0 && cut < text.length) text = text.slice(0, cut);
  const inner = text.trim();
  const lead2 = inner === '' ? 0 : text.length - text.trimStart().length;
  return spanning(cell, cell, start + lead2, start + lead2 + inner.length, inner, cell.parts);
}

/** `#`, `*`, `_` or `>`: a character that may open Markdown decoration. */
function isOpeningMark(c: number): boolean {
  return c === 35 || c === 42 || c === 95 || c === 62;
}

/** `*`, `_` or `#`: a character that may close Markdown decoration. */
function isClosingMark(c: number): boolean {
  return c === 42 || c === 95 || c === 35;
}

/** Where a run of closing marks (`**`, `__`, `*`, ` ##`) at the end of `text` begins; `text.length` if none. */
function trailingMarks(text: string): number {
  let end = text.length;
  for (;;) {
    if (text.endsWith('**', end) || text.endsWith('__', end)) end -= 2;
    else if (text[end - 1] === '*') end -= 1;
    else if (text[end - 1] === '#') {
      let j = end - 1;
      while (j > 0 && text[j - 1] === '#') j--;
      let k = j;
      while (k > 0 && isWhitespace(text.charCodeAt(k - 1))) k--;
      if (k === j) return end;
      end = k;
    } else return end;
  }
}

/** Splits `[start, end)` of `text` at every occurrence of the character `sep` (a char code), returning cells. */
function splitCells(text: string, start: number, end: number, sep: number, line: number): TextCell[] {
  const cells: TextCell[] = [];
  let cellStart = start;
  let before = -1;
  for (let i = start; i <= end; i++) {
    if (i === end || text.charCodeAt(i) === sep) {
      const after = i < end ? i : -1;
      cells.push(sep === TAB ? unquotedCell(text, cellStart, i, line, before, after) : makeCell(text, cellStart, i, line, before, after));
      before = after;
      cellStart = i + 1;
    }
  }
  return cells;
}

/**
 * Splits a document into classified lines. `pipeCells` says whether `X |` lines are one cell a
 * line (HTML conversions) rather than rows whose other cells are blank.
 */
export function tokenize(text: string, lineStarts: number[]): Line[] {
  const lines: Line[] = [];
  const ends = lineEnds(text, lineStarts);
  const pipeCells = detectPipeCells(text, lineStarts, ends);
  const tabEnded = endsInTabs(text, lineStarts, ends);
  let markdown: boolean | undefined;
  let nextTab = text.indexOf('\t');
  let nextPipe = text.indexOf('|');
  let nextComment = text.indexOf('<!--');
  const spaces = new SpaceFinder(text);
  for (let index = 0; index < lineStarts.length; index++) {
    const lineStart = lineStarts[index];
    const lineEnd = ends[index];
    // A page break (form feed) that a PDF conversion put before a line is no part of its cells.
    let start = lineStart;
    while (start < lineEnd && text.charCodeAt(start) === FORM_FEED) start++;
    while (nextTab >= 0 && nextTab < start) nextTab = text.indexOf('\t', start);
    while (nextPipe >= 0 && nextPipe < start) nextPipe = text.indexOf('|', start);
    while (nextComment >= 0 && nextComment < start) nextComment = text.indexOf('<!--', start);
    // The line's cells end before a trailing suppression comment (the Line keeps its whole span).
    let end = tabEnded && lineEnd > start && text.charCodeAt(lineEnd - 1) === TAB ? lineEnd - 1 : lineEnd;
    if (nextComment >= 0 && nextComment < lineEnd) {
      const trailing = TRAILING_SUPPRESSION.exec(text.slice(start, lineEnd));
      if (trailing && text.slice(start, start + trailing.index).trim() !== '') end = start + trailing.index;
    }
    const hasPipe = nextPipe >= 0 && nextPipe < end;
    // Tabs after the last pipe and nothing else are trailing whitespace, not a tab row's blank cells.
    const hasTab = nextTab >= 0 && nextTab < end && !(hasPipe && nextTab > nextPipe && !hasContent(text, nextTab, end));
    let first = start;
    while (first < end && isWhitespace(text.charCodeAt(first))) first++;
    const content = first < end;
    // Page furniture is left out, so that a table it falls inside reads on across it: a page
    // number, and the title a page header repeats (where the title stands, it stays). Both are
    // short lines; the lengths are tested here first, as every line of the document passes.
    if (!hasTab && !hasPipe && content) {
      const length = end - start;
      if ((length <= MAX_PAGE_NUMBER && isPageNumber(text, start, end)) || (length <= MAX_TITLE * 2 && isTitleLike(text, start, end) && pastTitle(lines))) continue;
    }
    // A row written with spaces; a tab after it (as Word copies after a paragraph) is no cell.
    const spacedEnd = hasTab ? nextTab : end;
    if (content && !hasPipe && spaces.mayBeBetween(spacedEnd) && (!hasTab || !hasContent(text, nextTab, end)) && spaces.between(start, spacedEnd)) {
      const spaced = spacedRowCells(text, start, spacedEnd);
      if (spaced) {
        lines.push(makeLine(index, lineStart, lineEnd, 'row', spacedCells(text, spaced, index), 'spaces'));
        continue;
      }
    }
    if (!hasTab && !hasPipe) {
      lines.push(content ? makeLine(index, lineStart, lineEnd, 'text', [makeCell(text, start, end, index)]) : makeLine(index, lineStart, lineEnd, 'blank', []));
      continue;
    }
    const indented = nextTab === start;
    if (indented && onlyIndentAfter(text, start + 1, end)) {
      lines.push(makeLine(index, lineStart, lineEnd, 'cell', [makeCell(text, start + 1, end, index, start)], 'indented-cells'));
    } else if (!content) {
      lines.push(makeLine(index, lineStart, lineEnd, 'blank', []));
    } else if (hasTab) {
      const secondTab = indented ? text.indexOf('\t', start + 1) : nextTab;
      if (indented && (secondTab < 0 || secondTab >= end)) {
        lines.push(makeLine(index, lineStart, lineEnd, 'cell', [makeCell(text, start + 1, end, index, start)], 'indented-cells'));
      } else {
        const row = makeLine(index, lineStart, lineEnd, 'row', splitCells(text, start, end, TAB, index), 'tab');
        if (closesQuote(text, row.cells[0])) unquoteOpening(text, lines);
        lines.push(row);
      }
    } else if (pipeCells && afterFirstPipe(text, nextPipe + 1, end) >= 0 && !(startsWithPipe(text, start, nextPipe) && isSeparatorLine(text, start, end))) {
      // `-- |` is a placeholder cell here, not a Markdown separator: those open with a pipe.
      lines.push(makeLine(index, lineStart, lineEnd, 'cell', [makeCell(text, start, nextPipe, index, -1, nextPipe)], 'pipe-cells'));
    } else if (isSeparatorLine(text, start, end)) {
      lines.push(makeLine(index, lineStart, lineEnd, 'separator', []));
    } else if (startsWithPipe(text, start, nextPipe) && (nextPipe === start || ((markdown ??= hasSeparatorLine(text, lineStarts, ends)) && inMarkdownTable(text, lines, lineStarts, ends, index)))) {
      const cells = splitCells(text, start, end, PIPE, index);
      cells.shift();
      if (cells.length > 1 && cells[cells.length - 1].text === '' && endsWithPipe(text, start, end)) cells.pop();
      lines.push(makeLine(index, lineStart, lineEnd, 'row', cells, 'markdown'));
    } else {
      const cells = splitCells(text, start, end, PIPE, index);
      if (cells.length > 1 && cells[cells.length - 1].text === '') cells.pop();
      lines.push(makeLine(index, lineStart, lineEnd, 'row', cells, 'pipe-rows'));
    }
  }
  return lines;
}

/**
 * Finds spaces between words (a space, an ideographic space or a no-break space with text on both
 * sides) line after line: one search through the text, from line to line.
 */
class SpaceFinder {
  /** The offset of the next space at or after the last line asked about, -1 for none; -2 before the first search. */
  private next = -2;
  private readonly search = /[ \u3000\u00a0]/g;

  constructor(private readonly text: string) {}

  /**
   * False when `between` is sure to say no for a line ending at `end`: no space is left in the
   * text, or the next one lies beyond the line (every line without a space, most of them, is told
   * so without a call into the search).
   */
  mayBeBetween(end: number): boolean {
    return this.next !== -1 && !(this.next >= end);
  }

  /** Whether `[start, end)` has a space between two characters that are not whitespace; lines are asked in order. */
  between(start: number, end: number): boolean {
    const text = this.text;
    let first = start;
    while (first < end && isWhitespace(text.charCodeAt(first))) first++;
    if (this.next === -2 || (this.next >= 0 && this.next < first)) {
      this.search.lastIndex = first;
      this.next = this.search.exec(text)?.index ?? -1;
    }
    return this.next >= 0 && this.next < end && hasContent(text, this.next, end);
  }
}

/** The cells of a row written with spaces, from their `[start, end)` offset pairs. */
function spacedCells(text: string, spans: number[], line: number): TextCell[] {
  const cells: TextCell[] = [];
  for (let i = 0; i < spans.length; i += 2) cells.push(makeCell(text, spans[i], spans[i + 1], line));
  return cells;
}

/**
 * Whether the document has a Markdown table at all (a `|---|` line). Without one, or outside its
 * tables, a line that opens with a space and then a pipe is a pipe row whose first cell is blank
 * (table 4's values with no 结果维持 under 行政复议), not a Markdown row.
 */
function hasSeparatorLine(text: string, lineStarts: number[], ends: number[]): boolean {
  for (let i = 0; i < lineStarts.length; i++) if (isSeparatorLine(text, lineStarts[i], ends[i])) return true;
  return false;
}

/**
 * Whether line `index` continues a Markdown table (the line before is one of its rows or its
 * separator) or opens one (the line after is a separator). A table written in pipe rows elsewhere
 * in the same document keeps its ` | 0 | 1 |` rows.
 */
function inMarkdownTable(text: string, lines: Line[], lineStarts: number[], ends: number[], index: number): boolean {
  const before = lines[index - 1];
  if (before && (before.kind === 'separator' || (before.kind === 'row' && before.layout === 'markdown'))) return true;
  return index + 1 < lineStarts.length && isSeparatorLine(text, lineStarts[index + 1], ends[index + 1]);
}

function makeLine(index: number, start: number, end: number, kind: LineKind, cells: TextCell[], layout?: TableLayout): Line {
  return { index, start, end, kind, layout, cells };
}

/** The line as a line of text: its first cell alone. */
export function asText(line: Line): Line {
  return makeLine(line.index, line.start, line.end, 'text', [line.cells[0]]);
}

/** The line emptied: its cells were joined into a label on another line. */
export function emptied(line: Line): Line {
  return makeLine(line.index, line.start, line.end, 'blank', [], line.layout);
}

/** Where each line ends, before its line break. */
function lineEnds(text: string, lineStarts: number[]): number[] {
  const ends = new Array<number>(lineStarts.length);
  for (let i = 0; i < lineStarts.length; i++) {
    const start = lineStarts[i];
    let end = i + 1 < lineStarts.length ? lineStarts[i + 1] : text.length;
    while (end > start && (text.charCodeAt(end - 1) === 10 || text.charCodeAt(end - 1) === 13)) end--;
    ends[i] = end;
  }
  return ends;
}

/**
 * Whether nine in ten lines with content end in a tab, prose and headings too: a tab closing every
 * line is then how the text was exported, not a blank cell after the line's last one.
 */
function endsInTabs(text: string, starts: number[], ends: number[]): boolean {
  if (text.indexOf('\t') < 0) return false;
  let content = 0;
  let tabbed = 0;
  for (let i = 0; i < starts.length; i++) {
    if (!hasContent(text, starts[i], ends[i])) continue;
    content++;
    if (text.charCodeAt(ends[i] - 1) === TAB) tabbed++;
  }
  return content >= 5 && tabbed * 10 >= content * 9;
}

/** Whether `[start, end)` holds anything but whitespace (the characters `String.prototype.trim` removes). */
function hasContent(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (!isWhitespace(c)) return true;
  }
  return false;
}

/** Whether the document writes tables one cell a line, each ending in ` |`. */
function detectPipeCells(text: string, starts: number[], ends: number[]): boolean {
  let single = 0;
  let multi = 0;
  let bar = text.indexOf('|');
  let tab = text.indexOf('\t');
  for (let i = 0; i < starts.length && bar >= 0; i++) {
    const start = starts[i];
    const end = ends[i];
    if (bar >= end) continue;
    const first = bar >= start ? bar : text.indexOf('|', start);
    bar = text.indexOf('|', end);
    if (first < 0 || first >= end) continue;
    while (tab >= 0 && tab < start) tab = text.indexOf('\t', start);
    if ((tab >= 0 && tab < end && (tab < first || hasContent(text, tab, end))) || startsWithPipe(text, start, first)) continue;
    const shape = afterFirstPipe(text, first + 1, end);
    if (shape < 0) multi++;
    else if (shape + 1 <= 4) single++;
  }
  return single >= 3 && single > multi * 2;
}

/** Whether `[from, end)` holds only the blanks of an empty indented cell: spaces, U+3000, U+00A0. */
function onlyIndentAfter(text: string, from: number, end: number): boolean {
  for (let i = from; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 0x3000 && c !== 0xa0) return false;
  }
  return true;
}

/** Whether the line `[start, end)` is a Markdown table separator (`|---|:--:|`); only `|`, `-`, `:` and whitespace qualify. */
function isSeparatorLine(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c !== PIPE && c !== 45 && c !== 58 && !isWhitespace(c)) return false;
  }
  return MD_SEPARATOR.test(text.slice(start, end));
}

/** Whether only whitespace follows the last pipe of `[start, end)`, which has one. */
function endsWithPipe(text: string, start: number, end: number): boolean {
  let i = end;
  while (i > start && isWhitespace(text.charCodeAt(i - 1))) i--;
  return i > start && text.charCodeAt(i - 1) === PIPE;
}

/** Whether only whitespace stands before the pipe at `pipe` on its line. */
function startsWithPipe(text: string, start: number, pipe: number): boolean {
  for (let i = start; i < pipe; i++) if (!isWhitespace(text.charCodeAt(i))) return false;
  return true;
}

/** After a line's first pipe: -1 if anything but pipes and whitespace follows, else how many more pipes. */
function afterFirstPipe(text: string, from: number, end: number): number {
  let pipes = 0;
  for (let i = from; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === PIPE) pipes++;
    else if (!isWhitespace(c)) return -1;
  }
  return pipes;
}
