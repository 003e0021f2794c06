/**
 * Table assembly: label cells open tables, sections and rows; the data cells that follow a label
 * (on its line, or on the next lines in one-cell-a-line layouts) are aligned to the template's
 * columns. Blank cells, trailing tabs and merged label columns of Word exports are absorbed here.
 */
import type { CellSlot, ColumnHeader, DataCell, LabelMatch, RowInstance, SectionInstance, Span, TableInstance, TableLayout, TextCell } from '../model';
import { cellCount, cellIndex, cellKey, rowOf, sectionDecl, tableDecl } from '../template';
import type { CellRef, RowDecl, SectionDecl, TableId } from '../template/types';
import { hasCjk, isWhitespace, toHalfWidth } from '../text/normalize';
import { BLANK, countValue, type ParsedValue } from '../text/numbers';
import { cellValue, firstFilled, rawEndOf } from './lines';
import type { FormatId } from '../types';
import type { Match } from './labels';

/** A data-like cell: a number, blank or placeholder. */
export function isDataLike(v: ParsedValue): boolean {
  return v.kind !== 'text';
}

interface PendingRow {
  id?: string;
  section: string;
  label?: TextCell;
  matches: Match[];
  pending: TextCell[];
  closed: boolean;
  closedByRow?: boolean;
  startLine: number;
  /** The column of the first pending cell in its line, when they came on the label's row line. */
  column?: number;
  /** The row's width when both formats give it the same (-1: they differ), once asked for. */
  sameWidth?: number;
  /** `tabShape` of the row, once asked for (the row is complete by then). */
  shape?: string;
}

const EMPTY_CELLS: Record<TableId, (DataCell | undefined)[]> = {
  table2: new Array<DataCell | undefined>(cellCount('table2')).fill(undefined),
  table3: new Array<DataCell | undefined>(cellCount('table3')).fill(undefined),
  table4: new Array<DataCell | undefined>(cellCount('table4')).fill(undefined),
};

/** A table's array of cells by number (`cellIndex`), all empty: a copy of one made once. */
function emptyCells(table: TableId): (DataCell | undefined)[] {
  return EMPTY_CELLS[table].slice();
}

/** A row begun, with no cells yet; every field set, so that every pending row has one shape. */
function pendingRow(id: string | undefined, section: string, label: TextCell | undefined, matches: Match[], startLine: number): PendingRow {
  return { id, section, label, matches, pending: [], closed: false, closedByRow: undefined, startLine, column: undefined, sameWidth: undefined, shape: undefined };
}

const T4_WIDTH = 15;

/** Builds one table instance from the labels and data cells fed to it in document order. */
export class TableBuilder {
  readonly id: TableId;
  /** The layout of the first of its lines that has one (a table may open with a caption, a line of text). */
  private layout?: TableLayout;
  private rows: PendingRow[] = [];
  /** The ids of `rows`, for `hasRow`. */
  private readonly seenIds = new Set<string>();
  private current?: PendingRow;
  private sectionId: string;
  private headers = new Map<string, ColumnHeader[]>();
  private captions = new Map<string, TextCell>();
  /** Captions recognised only as a near miss of one section's (`第二十条第（一）顷`), for `label` to report. */
  private captionMatches = new Map<string, LabelMatch>();
  private unknown: TextCell[] = [];
  /** Labels only the 2019 format has, and only the 2021 format (a record keyed '2019' would keep sparse elements). */
  private evidence2019 = 0;
  private evidence2021 = 0;
  private rowsStarted = false;
  /** Whether table 3's header is being read again among its rows (repeated at the top of a page). */
  private headerAgain = false;
  private t4Totals = 0;
  private t4Done = false;
  private start: number;
  private end: number;

  constructor(id: TableId, layout: TableLayout | undefined, start: number) {
    this.id = id;
    this.layout = layout;
    this.sectionId = id === 'table2' ? 'item1' : 'main';
    this.start = start;
    this.end = start;
  }

  /** Takes the layout of a line of the table, unless an earlier line gave one. */
  lineLayout(layout: TableLayout | undefined): void {
    this.layout ??= layout;
  }

  /** Whether a row label has been seen (so 总计 or 其他 without ordinal now name rows, not columns). */
  get hasRows(): boolean {
    return this.rowsStarted;
  }

  /** The section being read (table 2's 第二十条 item; `main` for tables 3 and 4). */
  get section(): string {
    return this.sectionId;
  }

  /**
   * Whether the template puts row `rowId` next in the section being read, in either format: its
   * first row when none was read there yet, else the row after the last one read.
   */
  expectsRow(rowId: string | undefined): boolean {
    if (rowId === undefined) return false;
    let last: string | undefined;
    for (const r of this.rows) if (r.section === this.sectionId && r.id !== undefined) last = r.id;
    for (const format of ['2019', '2021'] as const) {
      const rows = sectionDecl(format, this.id, this.sectionId)?.rows;
      if (!rows) continue;
      const at = last === undefined ? -1 : rows.findIndex((r) => r.id === last);
      if (rows[at + 1]?.id === rowId) return true;
    }
    return false;
  }

  /** Whether this row id was already seen (a second copy of the table begins). */
  hasRow(id: string): boolean {
    return this.seenIds.has(id);
  }

  /** Whether table 4's data row has begun. */
  get hasTable4Values(): boolean {
    return this.id === 'table4' && this.rows.length > 0;
  }

  /** Whether table 4's data row is complete. */
  get complete(): boolean {
    return this.t4Done;
  }

  private touch(cell: TextCell): void {
    this.start = Math.min(this.start, cell.start);
    this.end = Math.max(this.end, cell.end);
  }

  private addEvidence(m: Match): void {
    if (m.quality !== 'exact' && m.quality !== 'variant') return;
    const kinds = m.entry.kind === 'column' || m.entry.kind === 'caption';
    if (!kinds || m.entry.formats.size !== 1) return;
    if (m.entry.formats.has('2019')) this.evidence2019++;
    else this.evidence2021++;
  }

  /** Feeds a recognised label cell. */
  label(cell: TextCell, match: Match, all: Match[]): void {
    this.touch(cell);
    const e = match.entry;
    if (e.kind === 'caption') {
      this.closeRow();
      this.sectionId = e.section!;
      this.captions.set(e.section!, cell);
      if (match.quality === 'fuzzy') this.captionMatches.set(e.section!, { standard: e.standard, quality: match.quality });
      this.addEvidence(match);
      return;
    }
    // Headers over several columns (申请人情况, 行政复议) and table 4's (read by position) are kept
    // only when mistyped, for `label` to report.
    if ((e.kind === 'header' || this.id === 'table4') && match.quality === 'fuzzy') this.addHeader(cell, match);
    if (e.kind === 'header') return;
    if (e.kind === 'column') {
      this.addEvidence(match);
      if (this.id === 'table4' && e.standard === '总计') this.t4Totals++;
      if (this.id === 'table3' && !this.rowsStarted) this.addHeader(cell, match);
      if (this.id === 'table2') {
        const inSection = all.find((m) => m.entry.kind === 'column' && m.entry.section === this.sectionId);
        const chosen = inSection ?? match;
        if (!inSection) this.sectionId = chosen.entry.section!;
        this.addHeader(cell, chosen);
      }
      return;
    }
    if (this.id === 'table2' && e.section && e.section !== this.sectionId) this.sectionId = e.section;
    this.rowsStarted = true;
    this.headerAgain = false;
    this.closeRow();
    const matches: Match[] = [];
    for (const m of all) if (m.entry.id === e.id && m.entry.table === this.id) matches.push(m);
    this.current = pendingRow(e.id, this.sectionId, cell, matches, cell.line);
    this.addRow(this.current);
  }

  private addHeader(cell: TextCell, match: Match): void {
    // Most headers name no unit and no decimals: every unit ends in 元, and decimals need 保留.
    const yuan = cell.text.includes('元');
    const half = yuan || cell.text.includes('保留') ? toHalfWidth(cell.text) : cell.text;
    const unit = !yuan ? undefined : /亿元/.test(half) ? '亿元' : /万元/.test(half) ? '万元' : /\(\s*(单位[:：]?\s*)?元/.test(half) || /[(（]元[)）]/.test(cell.text) ? '元' : undefined;
    const dec = half.includes('保留') ? /保留\s*(\d+|[一二两三四五六])\s*位小数/.exec(half) : null;
    const decimals = dec ? (/\d/.test(dec[1]) ? Number(dec[1]) : '一二三四五六'.indexOf(dec[1] === '两' ? '二' : dec[1]) + 1) : undefined;
    const section = match.entry.section ?? this.sectionId;
    const list = this.headers.get(section) ?? [];
    list.push({ column: match.entry.id ?? '', cell, unit, decimals, match: { standard: match.entry.standard, quality: match.quality } });
    this.headers.set(section, list);
  }

  /**
   * Whether the table is waiting for more values of its current row: a row of table 4 begun or
   * announced by its header, or a labelled row of values not yet as wide as its section. There a
   * word on a line of its own (若干, 不详) is a value written in words, not a new row's label.
   */
  expectsValue(): boolean {
    if (this.id === 'table4') return !this.t4Done && (this.rows.length > 0 || this.t4Totals >= 3);
    const row = this.current;
    return row !== undefined && row.id !== undefined && !row.closed && row.matches[0]?.entry.data !== false && row.pending.length < this.width(row);
  }

  /**
   * Table 3's header read again among its rows, as a table spanning pages repeats it at the top of
   * each: the row before it is complete, and nothing of the header is a row or a value.
   */
  headerRepeated(cells: TextCell[]): void {
    for (const c of cells) this.touch(c);
    this.closeRow();
    this.headerAgain = true;
  }

  /** Whether table 3's header is being read again (`headerRepeated`) and no row has followed yet. */
  get readingHeaderAgain(): boolean {
    return this.headerAgain;
  }

  /** Feeds an unrecognised text cell inside the table. */
  text(cell: TextCell): void {
    this.touch(cell);
    if (this.headerAgain) return;
    if (this.rowsStarted && this.id !== 'table4' && hasCjk(cell.text) && cell.text.length <= 40) {
      this.closeRow();
      this.current = pendingRow(undefined, this.sectionId, cell, [], cell.line);
      this.rows.push(this.current);
    } else {
      this.unknown.push(cell);
    }
  }

  /**
   * Feeds data cells, `cells` from index `from` on; `rowLine` says they came from a multi-cell row
   * line, where `column` is the first one's column.
   */
  data(cells: TextCell[], rowLine: boolean, afterLabel: boolean, column?: number, from = 0): void {
    if (cells.length <= from) return;
    for (let i = from; i < cells.length; i++) if (cells[i].text) this.touch(cells[i]);
    if (this.id === 'table4') {
      this.table4Data(cells, rowLine, from);
      return;
    }
    const row = this.current;
    if (!row) return;
    const full = row.pending.length >= this.width(row);
    if (rowLine) {
      if (!afterLabel && (row.closed || full)) return;
      if (afterLabel && row.pending.length === 0) row.column = column;
      for (let i = from; i < cells.length; i++) row.pending.push(cells[i]);
      row.closed = true;
      row.closedByRow = true;
      return;
    }
    if (row.closed && (full || firstFilled(cells, from) < 0 || row.closedByRow)) return;
    for (let i = from; i < cells.length; i++) row.pending.push(cells[i]);
  }

  private table4Data(cells: TextCell[], rowLine: boolean, from: number): void {
    if (this.t4Done) return;
    let row = this.rows[0];
    if (rowLine) {
      if (firstFilled(cells, from) < 0 && this.t4Totals < 3) return;
      if (!row) {
        row = pendingRow('cases', 'main', undefined, [], cells[from].line);
        this.addRow(row);
      }
      for (let i = from; i < cells.length; i++) row.pending.push(cells[i]);
      this.t4Done = row.pending.length >= T4_WIDTH;
      return;
    }
    const cell = cells[from];
    const started = row !== undefined;
    const isNumber = cellValue(cell).kind === 'number';
    if (!started && !(this.t4Totals >= 3 || (isNumber && this.t4Totals >= 1))) return;
    if (!row) {
      row = pendingRow('cases', 'main', undefined, [], cell.line);
      this.addRow(row);
    }
    row.pending.push(cell);
    this.t4Done = row.pending.length >= T4_WIDTH;
  }

  private addRow(row: PendingRow): void {
    this.rows.push(row);
    if (row.id !== undefined) this.seenIds.add(row.id);
  }

  /** A blank line: in one-cell-a-line layouts it ends the current row's cells. */
  blankLine(): void {
    if (this.current && this.current.pending.length > 0) this.current.closed = true;
  }

  private closeRow(): void {
    if (this.current) this.current.closed = true;
    this.current = undefined;
  }

  private width(row: PendingRow): number {
    if (this.id === 'table4') return T4_WIDTH;
    if (row.sameWidth === undefined) {
      const w2019 = this.columnCount('2019', row.section);
      row.sameWidth = w2019 === this.columnCount('2021', row.section) ? w2019 : -1;
    }
    // Asked for every data line: guessing the format scans the rows, so only when it matters.
    return row.sameWidth >= 0 ? row.sameWidth : this.columnCount(this.guessFormat() ?? '2019', row.section);
  }

  private columnCount(format: FormatId, section: string): number {
    return sectionDecl(format, this.id, section)?.columns.length ?? 7;
  }

  private guessFormat(): FormatId | undefined {
    if (this.id === 'table3') {
      if (this.rows.some((r) => r.id?.startsWith('other.'))) return '2021';
      const other = this.rows.find((r) => r.id === 'other');
      if (other && other.pending.some((c) => c.text !== '')) return '2019';
      return undefined;
    }
    if (this.evidence2019 === this.evidence2021) return undefined;
    return this.evidence2019 > this.evidence2021 ? '2019' : '2021';
  }

  /**
   * Finishes the table: the format its labels follow, rows aligned to that format's columns.
   * The document's `text` and `lineStarts` let a table written with spaces place a row's values by
   * where they stand.
   */
  finish(expected: FormatId, text?: string, lineStarts?: number[]): TableInstance {
    this.closeRow();
    const labelFormat = this.guessFormat();
    const format = labelFormat ?? expected;
    const decl = tableDecl(format, this.id);
    const byIndex = emptyCells(this.id);
    const rowsInOrder: RowInstance[] = [];
    const rowIds = new Set<string>();
    const sections: SectionInstance[] = [];
    const sectionOf = (id: string): SectionInstance => {
      let s: SectionInstance | undefined;
      for (const x of sections) {
        if (x.id === id) {
          s = x;
          break;
        }
      }
      if (!s) {
        s = { id, caption: this.captions.get(id), captionMatch: this.captionMatches.get(id), headers: this.headers.get(id) ?? [], rows: [], span: { start: Infinity, end: -Infinity } };
        sections.push(s);
      }
      return s;
    };
    const layout = this.layout ?? 'indented-cells';
    const widthOf = (id: string) => (sectionDecl(format, this.id, id) ?? decl.sections[0]).columns.length;
    const dataColumns = layout === 'tab' || layout === 'markdown' ? dataColumnsOf(this.rows, widthOf) : new Map<string, number>();
    const tabStarts = layout === 'tab' ? tabValueStartsOf(this.rows, widthOf) : undefined;
    const spacedColumns = layout === 'spaces' && text !== undefined && lineStarts ? spacedColumnsOf(this.rows, widthOf, lineStarts) : undefined;
    for (const id of this.captions.keys()) sectionOf(id);
    for (const id of this.headers.keys()) sectionOf(id);
    for (let r = 0; r < this.rows.length; r++) {
      const row = this.rows[r];
      const sdecl = sectionDecl(format, this.id, row.section) ?? decl.sections[0];
      const rdecl = row.id ? rowOf(sdecl, row.id) : undefined;
      const section = sectionOf(sdecl.id);
      const match = pickMatch(row.matches, format);
      const instance: RowInstance = {
        id: rdecl ? row.id : undefined,
        label: row.label,
        match,
        cells: [],
        extra: [],
        span: spanOf(row),
      };
      if (row.id && !rdecl && row.id !== 'other') instance.id = undefined;
      if (instance.id) rowIds.add(instance.id);
      if (rdecl?.data !== false || !rdecl) {
        const width = sdecl.columns.length;
        // Table 2's narrower sections are padded with trailing blanks in Markdown: align it from the left.
        const values = (tabStarts && byTabShape(row, width, tabStarts)) ?? withoutLabelPadding(row, width, dataColumns.get(sdecl.id), layout);
        const { kept, extra, missingAt } = align(values, width, row.label, this.id === 'table2' ? undefined : layout);
        instance.extra = extra;
        const rowSpan = instance.label ?? instance.span;
        if (rdecl) {
          const refs = sharedRefs(this.id, sdecl, rdecl);
          const lacking = kept.length < refs.length;
          const learned = spacedColumns && (spacedColumns.get(sdecl.id) ?? (this.id === 'table4' ? evenColumnsOf(kept, refs.length, lineStarts!) : undefined));
          const near = lacking && spacedColumns && !learned && this.id !== 'table4' ? neighbourColumnsOf(this.rows, r, kept, row.label, refs.length, text!, lineStarts!) : undefined;
          const columns = learned ?? near;
          const placed = lacking && columns ? placeByColumn(kept, row.label, columns, text!, lineStarts!) : undefined;
          // Values placed under columns learned from the whole table stand where they belong: the row
          // is no guess. Columns taken from the rows beside it place them, but stay a guess.
          const incomplete = lacking && (!placed || columns === near);
          let present = -1;
          for (let i = 0; i < refs.length; i++) {
            const { ref, key, index } = refs[i];
            const source = placed ? placed[i] : kept[i];
            const value = source ? cellValue(source) : BLANK;
            // One shape for every cell, read or missing: the rules that read cells see one hidden class.
            const cell: DataCell = {
              ref,
              key,
              index,
              source,
              insertAt: source ? undefined : placed ? rawEndOf(present < 0 ? row.label! : placed[present]!) : missingAt,
              missingBefore: source ? undefined : i - present - 1,
              slot: source || !placed ? undefined : slotOf(placed, i, present, row.label!, columns!, text!, lineStarts!),
              value,
              count: countValue(value),
              rowSpan,
              rowIncomplete: incomplete,
            };
            if (source) present = i;
            instance.cells.push(cell);
            if (byIndex[index] === undefined) byIndex[index] = cell;
          }
        }
      }
      section.rows.push(instance);
      rowsInOrder.push(instance);
      extend(section.span, instance.span);
    }
    for (const s of sections) {
      if (s.caption) extend(s.span, s.caption);
      for (let i = 0; i < s.headers.length; i++) extend(s.span, s.headers[i].cell);
      if (!Number.isFinite(s.span.start)) s.span = { start: this.start, end: this.start };
    }
    return new Table(this.id, labelFormat, layout, sections, { start: this.start, end: this.end }, this.unknown, byIndex, rowIds, rowsInOrder);
  }
}

/**
 * A table instance whose map of cells by key is made when first asked for: the engine reads cells
 * by number (`byIndex`), and most checks never need the map.
 */
class Table implements TableInstance {
  private map?: Map<string, DataCell> = undefined;

  constructor(
    readonly id: TableId,
    readonly format: FormatId | undefined,
    readonly layout: TableLayout,
    readonly sections: SectionInstance[],
    readonly span: Span,
    readonly unknown: TextCell[],
    readonly byIndex: (DataCell | undefined)[],
    readonly rowIds: ReadonlySet<string>,
    /** The rows in the order they were read (the map lists their cells so). */
    private readonly rowsInOrder: RowInstance[],
  ) {}

  get cells(): Map<string, DataCell> {
    if (!this.map) {
      this.map = new Map();
      // In the order the cells were read, each key once: the first of a row read twice.
      for (const row of this.rowsInOrder) for (const cell of row.cells) if (this.byIndex[cell.index] === cell) this.map.set(cell.key, cell);
    }
    return this.map;
  }
}

/** The fewest rows with every value on one line from which the columns of a table written with spaces are learned. */
const MIN_COLUMN_ROWS = 2;
/** How far apart (in characters) the values of one column may stand on different lines. */
const COLUMN_SPREAD = 2;
/** The narrowest gap between two columns' middles for a table to count as laid out in columns. */
const MIN_COLUMN_GAP = 4;

/**
 * Where each value column of each section stands in a table written with spaces, when its lines
 * keep their columns in place as `pdftotext -layout` writes them: the character column of each
 * value's middle, the same within `COLUMN_SPREAD` on every row that has all its values on one line,
 * columns at least `MIN_COLUMN_GAP` apart, and two spaces or more between values. A copy with one
 * space between cells has no such columns, even where its rows happen to line up.
 */
function spacedColumnsOf(rows: PendingRow[], widthOf: (section: string) => number, lineStarts: number[]): Map<string, number[]> {
  const samples = new Map<string, number[][]>();
  for (const row of rows) {
    const width = widthOf(row.section);
    if (row.pending.length !== width || !onOneLine(row.pending) || !spacedApart(row.pending)) continue;
    const list = samples.get(row.section) ?? [];
    samples.set(row.section, list);
    const middles: number[] = [];
    for (const c of row.pending) middles.push(middle(c, lineStarts));
    list.push(middles);
  }
  const out = new Map<string, number[]>();
  for (const [section, list] of samples) {
    if (list.length < MIN_COLUMN_ROWS) continue;
    const columns: number[] = [];
    let apart = true;
    for (let k = 0; k < list[0].length && apart; k++) {
      const xs: number[] = [];
      for (const m of list) xs.push(m[k]);
      xs.sort(ascending);
      const x = xs[xs.length - 1] - xs[0] <= COLUMN_SPREAD ? xs[xs.length >> 1] : NaN;
      apart = !Number.isNaN(x) && (k === 0 || x - columns[k - 1] >= MIN_COLUMN_GAP);
      columns.push(x);
    }
    if (apart) out.set(section, columns);
  }
  return out;
}

function ascending(a: number, b: number): number {
  return a - b;
}

/**
 * Where the columns of a one-row table written with spaces stand (table 4), when its columns are
 * evenly spaced as `pdftotext -layout` writes the national form: the values on one line, two
 * spaces apart or more, each gap between two of them a whole number of one pitch (the narrowest
 * gap, at least `MIN_COLUMN_GAP`), and the blank columns these gaps leave make the row `width`
 * wide. A blank first or last column cannot be told from the gaps, and gives undefined.
 * `2   0       0   3` (pitch 4) has a blank third column; its middle lies halfway between.
 */
function evenColumnsOf(kept: TextCell[], width: number, lineStarts: number[]): number[] | undefined {
  if (kept.length < 2 || kept.length >= width || !onOneLine(kept) || !spacedApart(kept)) return undefined;
  const middles = kept.map((c) => middle(c, lineStarts));
  let pitch = Infinity;
  for (let k = 1; k < middles.length; k++) pitch = Math.min(pitch, middles[k] - middles[k - 1]);
  if (pitch < MIN_COLUMN_GAP) return undefined;
  const columns = [middles[0]];
  for (let k = 1; k < middles.length; k++) {
    const gap = middles[k] - middles[k - 1];
    const steps = Math.round(gap / pitch);
    if (Math.abs(gap - steps * pitch) > Math.max(COLUMN_SPREAD, pitch / 4)) return undefined;
    for (let j = 1; j <= steps; j++) columns.push(middles[k - 1] + (gap * j) / steps);
  }
  return columns.length === width ? columns : undefined;
}

/** How far (in characters) a value may stand from where the row beside it puts its column, relative to the first value. */
const PATTERN_TOLERANCE = 0.5;

/**
 * Where the columns of a row that lacks values stand, from the complete rows nearest above and
 * below it in its section, for a table written with spaces whose columns drift from one block of
 * rows to the next, as in `pdftotext -layout` of a PDF (its lines count a Chinese character as
 * one, whatever its width). The gaps between a row's values repeat within a block: each value
 * must stand where one column of the row beside it stands, measured from the first value, in one
 * way only, and both rows beside it must agree. `（一）予以公开 11        1        0   1   17` under
 * `二、上年结转… 2    1  0    0   0   0    3` reads 11, blank, 1, blank, 0, 1, 17.
 */
function neighbourColumnsOf(rows: PendingRow[], index: number, kept: TextCell[], label: TextCell | undefined, width: number, text: string, lineStarts: number[]): number[] | undefined {
  if (kept.length < 2 || !onOneLine(kept) || !spacedApart(kept)) return undefined;
  const section = rows[index].section;
  const complete = (row: PendingRow) => row.section === section && row.pending.length === width && onOneLine(row.pending) && spacedApart(row.pending);
  const beside: PendingRow[] = [];
  for (let k = index - 1; k >= 0; k--) if (complete(rows[k])) { beside.push(rows[k]); break; }
  for (let k = index + 1; k < rows.length; k++) if (complete(rows[k])) { beside.push(rows[k]); break; }
  const middles = kept.map((c) => middle(c, lineStarts));
  let found: number[] | undefined;
  let where: string | undefined;
  for (const row of beside) {
    const columns = alignedTo(middles, row.pending.map((c) => middle(c, lineStarts)));
    const placed = columns && placeByColumn(kept, label, columns, text, lineStarts);
    if (!columns || !placed) return undefined;
    const shape = placed.map((c) => (c ? 1 : 0)).join('');
    if (where !== undefined && shape !== where) return undefined;
    where = shape;
    found ??= columns;
  }
  return found;
}

/**
 * The columns of `reference` (middles of a complete row's values) moved onto a row whose values
 * stand at `middles`, when these match the reference's columns, measured from the first value,
 * in exactly one way; undefined when none or several do.
 */
function alignedTo(middles: number[], reference: number[]): number[] | undefined {
  let result: number[] | undefined;
  for (let anchor = 0; anchor + middles.length <= reference.length; anchor++) {
    let j = anchor;
    let ok = true;
    for (let k = 1; k < middles.length && ok; k++) {
      const offset = middles[k] - middles[0];
      j++;
      while (j < reference.length && reference[j] - reference[anchor] < offset - PATTERN_TOLERANCE) j++;
      ok = j < reference.length && Math.abs(reference[j] - reference[anchor] - offset) <= PATTERN_TOLERANCE;
    }
    if (!ok) continue;
    if (result) return undefined;
    result = reference.map((x) => middles[0] + x - reference[anchor]);
  }
  return result;
}

/** Whether the values stand apart as columns do, each with two spaces or more before the next: no copy with one space between cells. */
function spacedApart(cells: TextCell[]): boolean {
  for (let k = 1; k < cells.length; k++) if (cells[k].start - cells[k - 1].end < 2) return false;
  return true;
}

function onOneLine(cells: TextCell[]): boolean {
  return cells.length > 0 && cells.every((c) => c.line === cells[0].line);
}

/** The character column of the middle of a cell's text in its line. */
function middle(cell: TextCell, lineStarts: number[]): number {
  return (cell.start + cell.end) / 2 - lineStarts[cell.line];
}

/**
 * The values of a row that lacks some, each in the column it stands under (`columns`, from
 * `spacedColumnsOf`), the blank columns left undefined; undefined when a value stands under no
 * column, two under one, the values lie on more than one line, or the first column is blank and a
 * fill would have nowhere to go: no label before the values on their line, and no spaces opening
 * the line under that column (a label wrapped around its values stands on the lines about them).
 */
function placeByColumn(kept: TextCell[], label: TextCell | undefined, columns: number[], text: string, lineStarts: number[]): (TextCell | undefined)[] | undefined {
  if (!onOneLine(kept)) return undefined;
  const placed = new Array<TextCell | undefined>(columns.length).fill(undefined);
  let last = -1;
  for (const cell of kept) {
    const x = middle(cell, lineStarts);
    let best = -1;
    for (let k = 0; k < columns.length; k++) if (best < 0 || Math.abs(columns[k] - x) < Math.abs(columns[best] - x)) best = k;
    const gap = Math.min(best > 0 ? columns[best] - columns[best - 1] : Infinity, best < columns.length - 1 ? columns[best + 1] - columns[best] : Infinity);
    if (best <= last || Math.abs(columns[best] - x) > gap / 3) return undefined;
    placed[best] = cell;
    last = best;
  }
  if (placed[0]) return placed;
  const line = kept[0].line;
  if (label && label.line === line) return label.end <= kept[0].start ? placed : undefined;
  const opening = text.slice(lineStarts[line], kept[0].start);
  return columns[0] >= 1 && columns[0] < opening.length - 1 && opening.trim() === '' ? placed : undefined;
}

/**
 * The spaces where column `i` of a placed row stands: after the value (or label) before it, or from
 * the line's start when the label stands on other lines; before the value after it or the line's end.
 */
function slotOf(placed: (TextCell | undefined)[], i: number, present: number, label: TextCell, columns: number[], text: string, lineStarts: number[]): CellSlot {
  const line = placed.find((c) => c !== undefined)!.line;
  const before = present >= 0 ? placed[present] : label.line === line ? label : undefined;
  const after = placed.slice(i + 1).find((c) => c !== undefined);
  const start = before ? before.end + 1 : lineStarts[line];
  let end = after ? after.start - 1 : lineStarts[line + 1] ?? text.length;
  const floor = before ? before.end : start;
  if (!after) while (end > floor && isWhitespace(text.charCodeAt(end - 1))) end--;
  return { start, end, middle: lineStarts[line] + columns[i] };
}

/** A template cell of a row: its reference, its key (`cellKey`) and its number (`cellIndex`). */
interface SharedRef {
  ref: CellRef;
  key: string;
  index: number;
}

const refs = new Map<SectionDecl, Map<RowDecl, SharedRef[]>>();

/** One shared, immutable reference (and its key and number) per template cell of a row, in column order. */
function sharedRefs(table: TableId, section: SectionDecl, row: RowDecl): SharedRef[] {
  let byRow = refs.get(section);
  if (!byRow) refs.set(section, (byRow = new Map()));
  let found = byRow.get(row);
  if (!found) {
    found = section.columns.map((column) => {
      const ref: CellRef = Object.freeze({ table, section: section.id, row: row.id, column: column.id });
      const key = cellKey(ref);
      return { ref, key, index: cellIndex(key) };
    });
    byRow.set(row, found);
  }
  return found;
}

/** Widens `span` to cover `other`. */
function extend(span: Span, other: Span): void {
  span.start = Math.min(span.start, other.start);
  span.end = Math.max(span.end, other.end);
}

function pickMatch(matches: Match[], format: FormatId): LabelMatch | undefined {
  let best = matches[0];
  for (const m of matches) {
    if (m.entry.formats.has(format)) {
      best = m;
      break;
    }
  }
  return best ? { standard: best.entry.standard, quality: best.quality } : undefined;
}

function spanOf(row: PendingRow): { start: number; end: number } {
  let start = row.label ? row.label.start : Infinity;
  let end = row.label ? row.label.end : -Infinity;
  for (const c of row.pending) {
    if (c.start < start) start = c.start;
    if (c.end > end) end = c.end;
  }
  return { start: Number.isFinite(start) ? start : 0, end: Number.isFinite(end) ? end : 0 };
}

/**
 * The column where the values of each section start in a table laid out in columns (tab,
 * Markdown): the most common one among its rows with blank cells to spare after their label.
 */
function dataColumnsOf(rows: PendingRow[], widthOf: (section: string) => number): Map<string, number> {
  const votes = new Map<string, Map<number, number>>();
  for (const row of rows) {
    if (row.column === undefined || row.pending.length <= widthOf(row.section)) continue;
    const width = widthOf(row.section);
    let end = row.pending.length;
    while (end > width && row.pending[end - 1].text === '') end--;
    let start = 0;
    while (end - start > width && row.pending[start].text === '') start++;
    const bySection = votes.get(row.section) ?? new Map<number, number>();
    votes.set(row.section, bySection);
    bySection.set(row.column + start, (bySection.get(row.column + start) ?? 0) + 1);
  }
  const out = new Map<string, number>();
  for (const [section, bySection] of votes) {
    let best: [number, number] | undefined;
    for (const entry of bySection) if (!best || entry[1] > best[1]) best = entry;
    out.set(section, best![0]);
  }
  return out;
}

/**
 * A tab row's shape: its section, the column of the first cell after its label, how many cells
 * follow, whether the line ends with a tab (a blank last cell). Word exports give rows of one
 * table different paddings, and the last of these tells rows apart that the others do not.
 */
function tabShape(row: PendingRow): string {
  if (row.shape === undefined) {
    const closed = row.pending[row.pending.length - 1]?.text === '';
    row.shape = `${row.section}\u0000${row.column}\u0000${row.pending.length}\u0000${closed}`;
  }
  return row.shape;
}

/**
 * Where the values start among the cells after a label, for each shape of tab row that has more
 * cells than values (`tabShape`): learned from the rows of that shape whose values are all filled,
 * which show it unambiguously, when they agree (-1 when they do not).
 */
function tabValueStartsOf(rows: PendingRow[], widthOf: (section: string) => number): Map<string, number> {
  const starts = new Map<string, number>();
  for (const row of rows) {
    const width = widthOf(row.section);
    if (row.column === undefined || row.pending.length <= width) continue;
    const first = firstFilled(row.pending, 0);
    if (first < 0 || first + width > row.pending.length || !row.pending.every((c, i) => (c.text !== '') === (i >= first && i < first + width))) continue;
    const key = tabShape(row);
    const seen = starts.get(key);
    starts.set(key, seen === undefined || seen === first ? first : -1);
  }
  return starts;
}

/**
 * The values of a tab row with blank cells, where the complete rows of its shape have theirs
 * (`tabValueStartsOf`), when every cell outside them is blank. Word pads a label with blank cells
 * and ends each line with a tab: in `一、本年新收… ⇥ ⇥ 29 ⇥ … ⇥ 1 ⇥ ⇥` (its total deleted) the
 * values start after the padding, as in the rows around it, and the total is the blank.
 */
function byTabShape(row: PendingRow, width: number, starts: Map<string, number>): TextCell[] | undefined {
  if (row.pending.length <= width) return undefined;
  const start = starts.get(tabShape(row));
  if (start === undefined || start < 0) return undefined;
  for (let i = 0; i < row.pending.length; i++) if ((i < start || i >= start + width) && row.pending[i].text !== '') return undefined;
  return row.pending.slice(start, start + width);
}

/**
 * The cells after a row's label without the blank cells that pad its label to the column where
 * the section's values start, so that a row whose last cells were deleted keeps its values in
 * their columns: `label ⇥ ⇥ 29 ⇥ 6` has 29 in the first value column when the other rows say so.
 * Markdown columns are explicit; in tab exports merged cells shift a row's columns, so there only
 * a row too short to be read otherwise is realigned.
 */
function withoutLabelPadding(row: PendingRow, width: number, dataColumn: number | undefined, layout: TableLayout): TextCell[] {
  if (dataColumn === undefined || row.column === undefined) return row.pending;
  if (layout === 'tab' && row.pending.length > width) return row.pending;
  const skip = dataColumn - row.column;
  if (skip <= 0 || skip >= row.pending.length) return row.pending;
  for (let i = 0; i < skip; i++) if (row.pending[i].text !== '') return row.pending;
  return row.pending.slice(skip);
}

/**
 * Aligns the cells that followed a label to `width` columns. Markdown and pipe rows keep every
 * column, so the data are the last `width` cells; in Word exports trailing then leading blanks
 * added for merged cells are dropped. Surplus filled cells are returned as extra.
 */
export function align(pending: TextCell[], width: number, label?: TextCell, layout?: TableLayout): { kept: TextCell[]; extra: TextCell[]; missingAt: number } {
  if (pending.length <= width) {
    const last = pending.length > 0 ? pending[pending.length - 1] : label;
    return { kept: pending, extra: [], missingAt: last ? rawEndOf(last) : 0 };
  }
  const cells = [...pending];
  let extra: TextCell[] = [];
  if ((layout === 'markdown' || layout === 'pipe-rows') && cells.length > width) {
    extra = cells.splice(0, cells.length - width).filter((c) => c.text !== '');
  } else {
    while (cells.length > width && cells[cells.length - 1].text === '') cells.pop();
    while (cells.length > width && cells[0].text === '') cells.shift();
    extra = cells.length > width ? cells.splice(width) : [];
  }
  const last = cells[cells.length - 1] ?? label;
  return { kept: cells, extra, missingAt: last ? rawEndOf(last) : 0 };
}
