/**
 * The tolerant report parser: one linear pass over the lines that recognises part headings,
 * tables 2–4 in any of the supported layouts (mixed freely), and the report's metadata.
 */
import type { DateMention, PartInstance, PeriodStatement, ReportModel, Span, TableInstance, TextCell } from '../model';
import { formatForYear } from '../template';
import type { TableId } from '../template/types';
import { hasCjk, labelCore, splitOrdinal, toHalfWidth } from '../text/normalize';
import { computeLineStarts, lineOfOffset } from '../text/positions';
import type { FormatId } from '../types';
import { isLabel, isLabelPrefix, matchHeading, matchLabel, mayBeNearLabel, type HeadingMatch, type Match } from './labels';
import { asText, cellIsLabel, cellIsLabelPrefix, cellLabels, cellValue, emptied, firstFilled, joinedCell, makeCell, tokenize, undecorate, type Line } from './lines';
import { joinGroupFragments } from './group-fragments';
import { findClosingDate, findPeriod, findSignature, findSuppressions, findTitle } from './meta';
import { isDataLike, TableBuilder } from './tables';

/** Options of the parser. */
export interface ParseOptions {
  /** Force the expected format instead of deriving it from the report year. */
  template?: 'auto' | FormatId;
}

/** The most pieces a label is joined from: a long row label wrapped in a narrow cell of a PDF takes seven lines. */
const MAX_JOIN = 8;

/** Parses a report draft into its model. Never throws on any input. */
export function parseReport(text: string, options: ParseOptions = {}): ReportModel {
  const lineStarts = computeLineStarts(text);
  const lines = tokenize(text, lineStarts);
  const groupLabels = joinGroupFragments(text, lines);
  joinSplitLabels(text, lines);
  retypeTabbedText(lines);
  const title = findTitle(text, lines);
  const closingDate = findClosingDate(text, lines);
  const expected: FormatId = options.template && options.template !== 'auto' ? options.template : formatForYear(title.year);

  const parts: PartInstance[] = [];
  const tables: TableInstance[] = [];
  let builder: TableBuilder | undefined;
  const close = (): void => {
    if (builder) tables.push(builder.finish(expected, text, lineStarts));
    builder = undefined;
  };
  const open = (id: TableId, line: Line, at: number): TableBuilder => {
    close();
    builder = new TableBuilder(id, line.layout, at);
    return builder;
  };

  let headerFragments = new Map<number, TextCell>();
  for (const line of lines) {
    const group = groupLabels.size > 0 ? groupLabels.get(line.index) : undefined;
    if (group && builder?.id === 'table3') {
      const all = matchLabel(group.text);
      const match = resolve(all, builder, group.text);
      if (match) builder.label(group, match, all);
    }
    if (line.kind === 'blank') {
      builder?.blankLine();
      continue;
    }
    if (line.kind === 'separator' || line.cells.length === 0) continue;
    const isRow = line.kind === 'row';
    // A line of text or a cell on its own line has one cell, read without its Markdown marks.
    let single: TextCell | undefined;
    if (!isRow) {
      const cell = (single = undecorate(line.cells[0]));
      if (cell.text.startsWith('<!--')) continue;
      // A number, blank or placeholder is never a label; only text is looked up.
      if (isDataLike(cellValue(cell)) || !cellIsLabel(cell)) {
        const heading = matchHeading(cell.text);
        if (heading && !(heading.part !== heading.ordinal && isRowOf(builder, cell.text)) && !isCaptionOrSubheading(heading, parts)) {
          close();
          parts.push({ index: heading.part, ordinal: heading.ordinal === undefined ? undefined : String(heading.ordinal), heading: cell, span: { start: line.start, end: text.length } });
          continue;
        }
      }
    }
    let labelled: Labelled[] | undefined;
    let allData = true;
    for (let index = 0; index < line.cells.length; index++) {
      const raw = line.cells[index];
      if (!isDataLike(cellValue(raw))) allData = false;
      const cell = single ?? raw;
      if (cell.text === '' || isDataLike(cellValue(cell))) continue;
      const all = cellLabels(cell);
      const match = resolve(all, builder, cell.text);
      if (match) (labelled ??= []).push({ cell, match, all, index });
    }
    if (isRow && builder?.id === 'table3' && !builder.hasRows) {
      headerFragments = joinHeaderFragments(line, (labelled ??= []), headerFragments, builder);
    }
    if (labelled !== undefined && labelled.length > 0 && builder?.id === 'table3' && isHeaderAgain(line, labelled, builder)) {
      const cells: TextCell[] = [];
      for (const l of labelled) cells.push(l.cell);
      builder.headerRepeated(cells);
      continue;
    }
    if (labelled !== undefined && labelled.length > 0) {
      const lastTable = labelled[labelled.length - 1].match.entry.table;
      let first = labelled[0];
      for (const l of labelled) {
        if (l.match.entry.table === lastTable) {
          first = l;
          break;
        }
      }
      if (!builder || builder.id !== lastTable || startsNewCopy(builder, first.match)) {
        const copy = builder?.id === lastTable;
        open(lastTable, line, first.cell.start);
        // The line's labels were read as continuing the old copy: read them again for the new one.
        if (copy) for (const l of labelled) l.match = resolve(l.all, builder, l.cell.text) ?? l.match;
        else if (isRow) addHeaderTypos(line, labelled, builder!);
      }
      builder!.lineLayout(line.layout);
      for (const l of labelled) if (l.match.entry.table === lastTable) builder!.label(l.cell, l.match, l.all);
      const after = labelled[labelled.length - 1].index + 1;
      if (isRow && !isHeaderLineOfTable4(builder!, line.cells, after)) builder!.data(line.cells, true, true, after, after);
      continue;
    }
    if (allData) {
      if (builder) {
        builder.lineLayout(line.layout);
        // A line that is no row has one cell.
        builder.data(line.cells, isRow, false);
      }
      continue;
    }
    if (!builder) continue;
    if (isNarrative(line)) {
      close();
      continue;
    }
    if (isRow && builder.id === 'table4' && isValueRow(line)) {
      builder.data(line.cells, true, false);
      continue;
    }
    if (!isRow && isWordedValue(line.cells[0].text) && builder.expectsValue()) {
      builder.data(line.cells, false, false);
      continue;
    }
    for (const c of line.cells) {
      if (c.text !== '' && cellValue(c).kind === 'text') builder.text(isRow ? c : undecorate(c));
    }
    let lastText = line.cells.length - 1;
    while (lastText >= 0 && cellValue(line.cells[lastText]).kind !== 'text') lastText--;
    if (isRow && lastText >= 0) builder.data(line.cells, true, true, lastText + 1, lastText + 1);
  }
  close();
  return assemble(text, lineStarts, lines, parts, tables, title, closingDate);
}

/**
 * The model of a parsed report: the parts' spans, the narrative, and the metadata read from it.
 * A function of its own, apart from the parser's loop: which of the metadata's paths a report
 * takes is learned late in a batch (a statistics period stated as a whole year, say), and V8
 * then compiles this function again, not the whole parser.
 */
function assemble(text: string, lineStarts: number[], lines: Line[], parts: PartInstance[], tables: TableInstance[], title: ReturnType<typeof findTitle>, closingDate: DateMention | undefined): ReportModel {
  for (let i = 0; i < parts.length; i++) {
    parts[i].span = { start: parts[i].heading.start, end: i + 1 < parts.length ? lineStartBefore(lineStarts, parts[i + 1].heading.start) : text.length };
  }
  const narrative = narrativeSpans(text, lines, tables);
  const period = findPeriod(text, narrative);
  const lineOf = (o: number): number => lineOfOffset(lineStarts, o);
  return {
    text,
    lineStarts,
    title: title.span,
    year: title.year ?? yearFromPeriodOrDate(period, closingDate?.year),
    agency: title.agency ?? findSignature(text, lines, closingDate),
    period,
    closingDate,
    parts,
    tables,
    labelFormat: majorityFormat(tables),
    suppressions: findSuppressions(text, lineOf),
    narrative,
  };
}

/** The format most tables' labels follow (more than half of them), else the first table's; undefined without labelled tables. */
function majorityFormat(tables: TableInstance[]): FormatId | undefined {
  let first: FormatId | undefined;
  let labelled = 0;
  let of2021 = 0;
  let of2019 = 0;
  for (const table of tables) {
    const format = table.format;
    if (!format) continue;
    first ??= format;
    labelled++;
    if (format === '2021') of2021++;
    else if (format === '2019') of2019++;
  }
  if (of2021 * 2 > labelled) return '2021';
  if (of2019 * 2 > labelled) return '2019';
  return first;
}

function lineStartBefore(lineStarts: number[], offset: number): number {
  const line = lineOfOffset(lineStarts, offset);
  return line > 0 ? lineStarts[line] - 1 >= 0 ? lineStarts[line] : 0 : 0;
}

function yearFromPeriodOrDate(period: PeriodStatement | undefined, closingYear: number | undefined): number | undefined {
  if (period) return period.from.year;
  return closingYear !== undefined ? closingYear - 1 : undefined;
}

/** Chooses among a text's dictionary matches using what the open table expects. */
function resolve(all: Match[], builder: TableBuilder | undefined, text: string): Match | undefined {
  if (all.length === 0) return undefined;
  const hasOrdinal = all[0].ordinal !== undefined;
  let best = all[0];
  let bestScore = scoreOf(best, builder, hasOrdinal);
  for (let i = 1; i < all.length; i++) {
    const sc = scoreOf(all[i], builder, hasOrdinal);
    if (sc < bestScore) {
      best = all[i];
      bestScore = sc;
    }
  }
  if (best.quality === 'fuzzy' && (best.entry.kind === 'column' || best.entry.kind === 'header')) return isHeaderTypo(all, best, builder) ? best : undefined;
  if (best.quality === 'fuzzy' && best.entry.kind === 'caption') return isCaptionTypo(all, best) ? best : undefined;
  if (best.quality === 'fuzzy' && (best.entry.kind !== 'row' || (labelCore(text).length < 5 && !isShortTypo(all, best, builder)))) return undefined;
  return best;
}

/** How far a match is from what the open table expects (lower is better); `hasOrdinal`: the text is numbered. */
function scoreOf(m: Match, builder: TableBuilder | undefined, hasOrdinal: boolean): number {
  let s = m.distance * 10;
  if (m.quality === 'fuzzy' && m.entry.kind !== 'row' && !(builder?.id === m.entry.table && expectsHeaders(builder))) s += 100;
  if (builder && m.entry.table !== builder.id) s += 3;
  if (m.entry.kind === 'row' && m.entry.ordinal !== undefined) {
    if (hasOrdinal && m.ordinal !== m.entry.ordinal) s += 4;
    if (!hasOrdinal && !(builder?.hasRows && builder.id === m.entry.table)) s += 2;
  }
  if (m.entry.kind !== 'row' && hasOrdinal) s += 2;
  if (m.entry.kind === 'column' && builder?.hasRows && builder.id === m.entry.table && builder.id !== 'table2') s += 2;
  return s;
}

/**
 * Whether a near miss of a caption of table 2 names that caption: one character off
 * (`第二十条第（一）顷`, `第二十一条第（六）项`) and nearer no other caption (`第二十条第（二）项` is as
 * near to four).
 */
function isCaptionTypo(all: Match[], best: Match): boolean {
  return best.distance <= 1 && all.filter((m) => m.entry.kind === 'caption').length === 1;
}

/**
 * Whether a near miss of a column header (`自然仁`, `本年制发件教`, `结果维特`, `行政复义`) names that
 * header: only where the open table expects its headers (table 3 before its rows, table 2 in an
 * item that has that header, table 4 before its values), for a header of two characters or more
 * (`总记`), and when no other label of the table is as near.
 */
function isHeaderTypo(all: Match[], best: Match, builder: TableBuilder | undefined): boolean {
  if (!builder || best.entry.table !== builder.id || best.entry.core.length < 2) return false;
  // Table 2's headers repeat from item to item (处理决定数量): the one of the item being read counts.
  const expected = builder.id === 'table2' ? all.some((m) => m.entry.kind === 'column' && m.entry.standard === best.entry.standard && m.entry.section === builder.section) : expectsHeaders(builder);
  // Before table 3's rows, its rows are no rival (总记 is the header 总计, not the row （七）总计).
  const rival = (m: Match): boolean => m.entry.table === builder.id && m.entry.standard !== best.entry.standard && m.distance <= best.distance && !(builder.id === 'table3' && m.entry.kind === 'row');
  return expected && !all.some(rival);
}

/** Whether table 3 or 4 is still at its headers: table 3 before its rows, table 4 before its values. */
function expectsHeaders(builder: TableBuilder): boolean {
  return builder.id === 'table3' ? !builder.hasRows : builder.id === 'table4' && !builder.hasTable4Values;
}

/**
 * Whether a near miss of a short row label (（一）予以公甲, 行政许甲, 规甲) names that row: only inside
 * its own table, when the numbering agrees and no other row of the table is as near, unless the
 * numbering rules that row out (`（三）予公开` is as near to （一）予以公开 as to （三）不予公开).
 */
function isShortTypo(all: Match[], best: Match, builder: TableBuilder | undefined): boolean {
  if (!builder || best.entry.table !== builder.id) return false;
  if (best.entry.ordinal !== undefined && best.ordinal !== best.entry.ordinal) return false;
  // Two characters, one of them wrong (（七）合计, 3.其它): only with the row's own numbering, or
  // where the template puts that row next (规甲 as table 2's first row).
  if (best.entry.core.length <= 2 && (best.entry.ordinal === undefined || best.ordinal === undefined) && !builder.expectsRow(best.entry.id)) return false;
  const ruledOut = (m: Match): boolean => best.ordinal !== undefined && m.entry.ordinal !== undefined && m.entry.ordinal !== best.ordinal;
  return !all.some((m) => m.entry.kind === 'row' && m.entry.table === best.entry.table && m.entry.id !== best.entry.id && m.distance <= best.distance && !ruledOut(m));
}

/** A cell of a line recognised as a label: its text, the match chosen, every match, and its column. */
interface Labelled {
  cell: TextCell;
  match: Match;
  all: Match[];
  index: number;
}

/**
 * Adds to a row line's labels the mistyped headers that only the table the line opened expects
 * (`行政复议 ⇥ 行政诉松` opening table 4), in their place among the others.
 */
function addHeaderTypos(line: Line, labelled: Labelled[], builder: TableBuilder): void {
  const taken = new Set(labelled.map((l) => l.index));
  for (let index = 0; index < line.cells.length; index++) {
    const cell = line.cells[index];
    if (taken.has(index) || cell.text === '' || isDataLike(cellValue(cell))) continue;
    const all = cellLabels(cell);
    const match = all.length > 0 && all[0].quality === 'fuzzy' ? resolve(all, builder, cell.text) : undefined;
    if (match) labelled.push({ cell, match, all, index });
  }
  labelled.sort((a, b) => a.index - b.index);
}

/**
 * Whether the cells after the last label of a table-4 line hold more words (a header mistyped, such
 * as `复议后起拆`), so the line is a header line and none of them is a value.
 */
function isHeaderLineOfTable4(builder: TableBuilder, cells: Line['cells'], from: number): boolean {
  if (builder.id !== 'table4') return false;
  for (let i = from; i < cells.length; i++) if (cells[i].text !== '' && !isDataLike(cellValue(cells[i]))) return true;
  return false;
}

/**
 * Whether a heading without ordinal names the part it stands in or an earlier one, so it is a
 * caption or a sub-heading rather than a part: under `二、主动公开政府信息情况`, a line
 * `主动公开政府信息情况` is the table's caption, and `总体情况` in part 三 names no part.
 */
function isCaptionOrSubheading(heading: HeadingMatch, parts: PartInstance[]): boolean {
  return heading.ordinal === undefined && parts.length > 0 && heading.part <= parts[parts.length - 1].index;
}

/**
 * Whether a text is a row label of the open table, mistyped: `一、本年新收政府信息公开申请数量甲`
 * inside table 3 names its first row, not a misnumbered part 三 (it says 公开申请).
 */
function isRowOf(builder: TableBuilder | undefined, text: string): boolean {
  const match = builder && resolve(matchLabel(text), builder, text);
  return match !== undefined && match.entry.kind === 'row' && match.entry.table === builder!.id;
}

/** Whether a label starts a second copy of the table that is being built. */
function startsNewCopy(builder: TableBuilder, match: Match): boolean {
  const e = match.entry;
  if (builder.id === 'table4') return builder.complete && e.kind === 'header' && e.standard === '行政复议';
  // Table 3's header after its last row: the header of a second copy.
  if (builder.id === 'table3' && (e.kind === 'header' || e.kind === 'column') && builder.hasRow('carryover')) return true;
  if (e.kind !== 'row' && e.kind !== 'caption') return false;
  const first = builder.id === 'table3' ? 'new' : builder.id === 'table2' ? 'rules' : undefined;
  return first !== undefined && e.id === first && builder.hasRow(first);
}

/**
 * Whether a line among table 3's rows is its header again, as a table spanning pages repeats it
 * at the top of each (申请人情况 … 总计 after （一）予以公开): header words only, unnumbered, no
 * number on the line; a word that is also a row (总计) only once the header has begun again.
 * After the last row (结转下年度继续办理) a header opens a second copy instead.
 */
function isHeaderAgain(line: Line, labelled: Labelled[], builder: TableBuilder): boolean {
  if (!builder.hasRows || builder.hasRow('carryover')) return false;
  if (line.cells.some((c) => cellValue(c).kind === 'number')) return false;
  const headerWord = (l: Labelled): boolean =>
    l.all[0].ordinal === undefined && l.all.some((m) => m.entry.table === 'table3' && (m.entry.kind === 'header' || m.entry.kind === 'column') && m.quality !== 'fuzzy');
  return labelled.every(headerWord) && (builder.readingHeaderAgain || labelled.some((l) => l.match.entry.kind !== 'row'));
}

/**
 * Joins header cells that a Word export split over two rows (社会公益 / 组织): an unrecognised
 * cell is joined with the unrecognised cell above it (same column, or one off, as merged cells
 * shift Word's columns); a join that names a column
 * becomes a label of the line. Returns the fragments left for the next header row.
 */
function joinHeaderFragments(
  line: Line,
  labelled: { cell: TextCell; match: Match; all: Match[]; index: number }[],
  above: Map<number, TextCell>,
  builder: TableBuilder,
): Map<number, TextCell> {
  const next = new Map<number, TextCell>();
  line.cells.forEach((cell, index) => {
    if (cell.text === '' || labelled.some((l) => l.index === index) || cellValue(cell).kind !== 'text') return;
    for (const k of [index, index - 1, index + 1]) {
      const top = above.get(k);
      if (!top) continue;
      const text = top.text + cell.text;
      const all = matchLabel(text);
      const match = resolve(all, builder, text);
      if (match && match.quality !== 'fuzzy' && match.entry.kind === 'column') {
        const merged = joinedCell([top, cell], text);
        labelled.push({ cell: merged, match, all, index });
        above.delete(k);
        return;
      }
    }
    next.set(index, cell);
  });
  labelled.sort((a, b) => a.index - b.index);
  return next;
}

/**
 * Whether a row line of table 4 (which has no row labels) is its row of values with a word or two
 * typed in place of numbers (若干, 不详): values, at least eight, outnumber the texts four to one.
 */
function isValueRow(line: Line): boolean {
  let values = 0;
  let texts = 0;
  for (const c of line.cells) {
    if (c.text === '') continue;
    if (cellValue(c).kind === 'text') texts++;
    else values++;
  }
  return values >= 8 && texts * 4 <= values;
}

/**
 * A value that is not a plain number, on a line of its own: a word or two in place of a number
 * (若干, 不详, 暂无), or a short text with digits that is not a numbered label (`约25万元`, `25,1`);
 * no label or heading.
 */
function isWordedValue(text: string): boolean {
  if (text.length > 12) return false;
  const worded = /\d/.test(toHalfWidth(text)) ? !NUMBERED.test(toHalfWidth(text)) : text.length <= 6 && hasCjk(text) && !/[(（)）、.．:：]/.test(text);
  return worded && matchLabel(text).length === 0 && matchHeading(text) === undefined;
}

/** A numbered label: `3.其他`, `2、…`. */
const NUMBERED = /^\s*\d+\s*[、.:：]\s*\D/;

/** A line of running text that ends a table. */
function isNarrative(line: Line): boolean {
  if (line.kind === 'row') return false;
  return isSentence(line.cells[0]?.text ?? '');
}

const SENTENCE_LENGTH = 30;

/** The longest word of a line of header words set apart by spaces (`结果   结果    其他    尚未    总`). */
const HEADER_WORD_LENGTH = 4;

/**
 * Whether a line's text reads as a sentence: a sentence's end, or 30 characters or more between
 * two gaps of a layout in columns (runs of two spaces or more). Three words or more of four
 * characters at most, set apart by spaces, are a table's header words wrapped in narrow columns,
 * as `pdftotext -layout` writes table 4's (`维持   纠正    结果    审结    计   结果 …`): no
 * sentence; nor is a header remark cut by its cell's width before the next column's words
 * (`（本列数据的勾稽关系为：第一项加第二项之和，等        法人或其他组织`).
 */
function isSentence(text: string): boolean {
  if (/[。；;！!？?]/.test(text)) return true;
  if (text.length < SENTENCE_LENGTH) return false;
  const words = text.trim().split(/\s+/);
  if (words.length >= 3 && words.every((w) => w.length <= HEADER_WORD_LENGTH)) return false;
  if (!/\s\s/.test(text)) return true;
  return text.trim().split(/\s{2,}/).some((piece) => piece.replace(/\s+/g, ' ').length >= SENTENCE_LENGTH);
}

/**
 * A line whose only content is followed by nothing but tabs (as copied from Word) is a line of
 * text, not a table row with blank cells, when it is a part heading or a sentence (`一、总体情况⇥`
 * opens part 一), or a label whose values follow one a line, tab-indented (`规章⇥` above `⇥0`).
 */
function retypeTabbedText(lines: Line[]): void {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.kind !== 'row' || line.layout !== 'tab') continue;
    if (line.cells[0].text === '' || line.cells.some((c, k) => k > 0 && c.text !== '')) continue;
    if (valuesFollowOneALine(lines, i)) {
      lines[i] = asText(line);
      continue;
    }
    const first = undecorate(line.cells[0]).text;
    if (!isSentence(first) && matchHeading(first) === undefined) continue;
    if (matchLabel(first).some((m) => m.quality !== 'fuzzy')) continue;
    lines[i] = asText(line);
  }
}

/** Whether the next line that is not blank holds one tab-indented cell. */
function valuesFollowOneALine(lines: Line[], index: number): boolean {
  for (let j = index + 1; j < lines.length; j++) {
    if (lines[j].kind === 'blank') continue;
    return lines[j].kind === 'cell' && lines[j].layout === 'indented-cells';
  }
  return false;
}

/**
 * Joins a label broken over lines (本年新 / 制作数量, 自 / 然 / 人) into one cell placed where the
 * last piece stood, so the data that follows it belongs to the whole label. A long row label broken
 * in two with one character wrong in either piece (`5.甲求行政机关确认或重新出具` / `已获取信息`)
 * is joined too.
 */
function joinSplitLabels(text: string, lines: Line[]): void {
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].kind === 'blank' || lines[i].kind === 'separator') continue;
    // In a row, the one cell with text: a label of a tab row may stand after its padding cells.
    const at = lines[i].kind === 'row' ? firstFilled(lines[i].cells, 0) : 0;
    const first = lines[i].cells[at];
    if (!first) continue;
    if (lines[i].kind === 'row' && firstFilled(lines[i].cells, at + 1) >= 0) {
      joinWrappedEnd(lines, i);
      continue;
    }
    const t = first.text;
    if (!t || !hasCjk(t) || t.length > 60 || cellValue(first).kind !== 'text') continue;
    const prefix = cellIsLabelPrefix(first);
    // A mistyped piece is looked for only where labels wrap: in a one-cell-a-line table.
    if (!prefix && !(lines[i].kind === 'cell' && mayBeNearLabel(t) && textFollows(lines, i))) continue;
    const open = (t.includes('（') || t.includes('(')) && unbalanced(t);
    if (!open && cellIsLabel(first)) {
      joinLongerLabel(text, lines, i, at);
      continue;
    }
    if (!prefix && !open && !isNumbered(t)) continue;
    const pieces: Piece[] = [{ line: i, cell: first, idx: at }];
    let joined = t;
    let blanks = 0;
    // The line of the row's values, when they stand between the pieces rather than after the last.
    let values: number | undefined;
    let merged = false;
    for (let j = i + 1; j < lines.length && pieces.length < MAX_JOIN; j++) {
      if (lines[j].kind === 'blank') {
        if (++blanks > 1) break;
        continue;
      }
      const idx = firstFilled(lines[j].cells, 0);
      if (idx < 0) break;
      const cell = lines[j].cells[idx];
      if (prefix && values === undefined && pieces.length > 0 && isValuesAlone(lines[j])) {
        values = j;
        continue;
      }
      if (!hasCjk(cell.text) || cellValue(cell).kind !== 'text') break;
      if (!prefix && (!mayBeNearLabel(joined + cell.text) || cellIsLabel(cell))) break;
      joined += cell.text;
      pieces.push({ line: j, cell, idx });
      const stillPrefix = prefix && isLabelPrefix(joined);
      const found = matchLabel(joined).some((m) => m.quality !== 'fuzzy') || (!stillPrefix && mayBeNearLabel(joined) && !cellIsLabel(cell) && isNearLongRow(joined));
      if (found && !(pieces.length < MAX_JOIN && closedByNext(lines, j, joined))) {
        i = mergePieces(text, lines, pieces, joined, values, at);
        merged = true;
        break;
      }
      if (!stillPrefix) break;
      blanks = 0;
    }
    // The pieces end one character short of a long label (已获取信 for 已获取信息).
    if (!merged && prefix && pieces.length > 1 && mayBeNearLabel(joined) && !cellIsLabel(pieces[pieces.length - 1].cell) && isNearLongRow(joined)) i = mergePieces(text, lines, pieces, joined, values, at);
  }
}

/** A piece of a label broken over lines: its line, its cell and the cell's place in the line. */
interface Piece {
  line: number;
  cell: TextCell;
  idx: number;
}

/**
 * Puts the label joined from `pieces` where its row's values are (the line `values` when they
 * stand between the pieces, else the first piece's line with values after it, else the last
 * piece's) and empties the other pieces' lines; returns the last piece's line, where reading goes on.
 */
function mergePieces(text: string, lines: Line[], pieces: Piece[], joined: string, values: number | undefined, at: number): number {
  const last = pieces[pieces.length - 1];
  let host: { line: number; idx: number } = last;
  if (values !== undefined) host = { line: values, idx: 0 };
  else {
    for (const p of pieces) {
      if (p !== last && hasValuesAfter(lines[p.line], p.idx)) {
        host = p;
        break;
      }
    }
  }
  const parts: TextCell[] = [];
  for (const p of pieces) parts.push(p.cell);
  const cell = joinedCell(parts, joined);
  if (host.line === values) lines[values].cells.unshift(cell);
  else placeJoined(text, lines, host.line, host.idx, at, cell);
  for (const p of pieces) if (p.line !== host.line) lines[p.line] = emptied(lines[p.line]);
  return last.line;
}

/** Whether a row line has a value after cell `idx` (its label's values stand on that line). */
function hasValuesAfter(line: Line, idx: number): boolean {
  return line.kind === 'row' && line.cells.some((c, k) => k > idx && c.text !== '' && cellValue(c).kind !== 'text');
}

/**
 * Whether a line is a row of values alone written with spaces: where `pdftotext -layout` sets a
 * row's values when its label wraps over three lines (`5.要求行政机关确认或重新出具已` /
 * `0  0  0 …` / `获取信息`), between the label's pieces.
 */
function isValuesAlone(line: Line): boolean {
  return line.kind === 'row' && line.layout === 'spaces' && line.cells.length > 0 && line.cells.every((c) => c.text !== '' && cellValue(c).kind !== 'text');
}

/**
 * Puts a label joined from pieces in cell `idx` of line `j`, in the column of a tab row where its
 * first piece stood: the padding cells before it are kept, so its values keep their columns.
 */
function placeJoined(text: string, lines: Line[], j: number, idx: number, column: number, cell: TextCell): void {
  const line = lines[j];
  line.cells[idx] = cell;
  if (line.kind === 'row' && column > idx) line.cells.splice(idx, 0, ...Array.from({ length: column - idx }, () => makeCell(text, line.start, line.start, line.index)));
}

/** Whether the next line holding something (one blank line allowed between) starts with words, which may finish a label. */
function textFollows(lines: Line[], index: number): boolean {
  for (let j = index + 1; j < lines.length && j <= index + 2; j++) {
    if (lines[j].kind === 'blank') continue;
    const cell = lines[j].cells.find((c) => c.text !== '');
    return cell !== undefined && cellValue(cell).kind === 'text' && hasCjk(cell.text);
  }
  return false;
}

const ORDINAL_OPENERS = new Set([...'(（0123456789０１２３４５６７８９一二三四五六七八九十'].map((c) => c.charCodeAt(0)));

/** Whether a text starts with an ordinal (5., （二）): a mistyped long row label may begin so. */
function isNumbered(t: string): boolean {
  return ORDINAL_OPENERS.has(t.charCodeAt(0)) && splitOrdinal(toHalfWidth(t)).value !== undefined;
}

/**
 * Joins a whole label to the next lines' first words when together they make a longer label, as
 * a cell broken over lines leaves it (`（六）其他` / `处理`, `（二）部分公开` / `（区分处理的，…）`,
 * `2. 其他` / `法律行政法` / `规禁止公开`): the joined cell stands where the last words did.
 * Returns whether it joined.
 */
function joinLongerLabel(text: string, lines: Line[], i: number, at: number): boolean {
  const first = lines[i].cells[at];
  const pieces: TextCell[] = [first];
  const pieceLines = [i];
  let joined = first.text;
  for (let j = i + 1; j < lines.length && j <= pieceLines[pieceLines.length - 1] + 2; j++) {
    if (lines[j].kind === 'blank') continue;
    const idx = firstFilled(lines[j].cells, 0);
    const cell = lines[j].cells[idx];
    if (!cell || !hasCjk(cell.text) || cellValue(cell).kind !== 'text' || cellIsLabel(cell)) return false;
    joined += cell.text;
    pieces.push(cell);
    pieceLines.push(j);
    if (isLabel(joined)) {
      placeJoined(text, lines, j, idx, at, joinedCell(pieces, joined));
      for (const k of pieceLines.slice(0, -1)) lines[k] = emptied(lines[k]);
      return true;
    }
    if (pieces.length >= MAX_JOIN || lines[j].kind === 'row' || !isLabelPrefix(joined)) return false;
  }
  return false;
}

/**
 * Joins the end of a row label that wrapped onto the next lines after the row's values, as a PDF
 * copy gives a cell of two or three lines whose values stand on the first
 * (`5.要求行政机关确认或重新出具 0 0 …` / `已获取信息`): the next one or two lines are words alone
 * that complete the label exactly (a near miss is not joined, so that no fix of the label spans
 * the values between its pieces).
 */
function joinWrappedEnd(lines: Line[], i: number): void {
  if (lines[i + 1]?.kind !== 'text') return;
  const cells = lines[i].cells;
  let at = -1;
  for (let k = 0; k < cells.length && (cells[k].text === '' || cellValue(cells[k]).kind === 'text'); k++) if (cells[k].text !== '') at = k;
  const first = cells[at];
  if (!first || !hasCjk(first.text) || cellIsLabel(first) || !cellIsLabelPrefix(first)) return;
  const pieces = [first];
  let joined = first.text;
  for (let j = i + 1; j <= i + 2 && lines[j]?.kind === 'text'; j++) {
    const cell = lines[j].cells[0];
    if (!hasCjk(cell.text) || cellIsLabel(cell)) return;
    pieces.push(cell);
    joined += cell.text;
    if (matchLabel(joined).some((m) => m.quality === 'exact' || m.quality === 'variant')) {
      cells[at] = joinedCell(pieces, joined);
      for (let k = i + 1; k <= j; k++) lines[k] = emptied(lines[k]);
      return;
    }
    if (!isLabelPrefix(joined)) return;
  }
}

/** Whether a text is one character off a long row label (eight characters or more). */
function isNearLongRow(text: string): boolean {
  return matchLabel(text).some((m) => m.quality === 'fuzzy' && m.entry.kind === 'row' && m.distance <= 1 && m.entry.core.length >= 8);
}

/**
 * Whether `joined` leaves a remark open (`（二）部分公开（区分处理的，只计这一`) that the next line's
 * first words close into a label: a label broken over three lines reads as a label after two.
 */
function closedByNext(lines: Line[], j: number, joined: string): boolean {
  if (!unbalanced(joined)) return false;
  const next = lines[j + 1];
  if (!next || (next.kind !== 'text' && next.kind !== 'cell' && next.kind !== 'row')) return false;
  const cell = next.cells.find((c) => c.text !== '');
  if (!cell || !hasCjk(cell.text) || cellValue(cell).kind !== 'text') return false;
  const whole = joined + cell.text;
  return !unbalanced(whole) && matchLabel(whole).some((m) => m.quality !== 'fuzzy');
}

/** Whether a text opens a bracket it does not close (a label cut in the middle of its remark). */
function unbalanced(t: string): boolean {
  let depth = 0;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c === 0x28 || c === 0xff08) depth++;
    else if (c === 0x29 || c === 0xff09) depth--;
  }
  return depth > 0;
}

/** Spans of the text outside tables, one per line group, for narrative rules. */
function narrativeSpans(text: string, lines: Line[], tables: TableInstance[]): Span[] {
  const out: Span[] = [];
  const sorted = [...tables].sort((a, b) => a.span.start - b.span.start);
  let t = 0;
  for (const line of lines) {
    if (line.kind !== 'text') continue;
    while (t < sorted.length && sorted[t].span.end < line.start) t++;
    if (t < sorted.length && sorted[t].span.start <= line.start && line.end <= sorted[t].span.end) continue;
    out.push({ start: line.start, end: line.end });
  }
  void text;
  return out;
}
