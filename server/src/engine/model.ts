/**
 * The report model: what the parser makes of a draft. Every element keeps its exact source span
 * as UTF-16 offsets into the document text.
 */
import type { CellRef, TableId } from './template/types';
import type { FormatId } from './types';
import type { ParsedValue } from './text/numbers';

/** A half-open span [start, end) of UTF-16 offsets into the document text. */
export interface Span {
  start: number;
  end: number;
}

/** How a table is laid out in the text; fixes that insert text follow it. */
export type TableLayout =
  /** tab-separated cells, one row a line (Word exports) */
  | 'tab'
  /** one cell a line ending in ` |` (HTML conversions) */
  | 'pipe-cells'
  /** one cell a line, tab-indented, blank line between rows */
  | 'indented-cells'
  /** Markdown pipe table with a `|---|` separator */
  | 'markdown'
  /** pipe-separated rows without a leading pipe */
  | 'pipe-rows'
  /** cells separated by spaces, one row a line (text copied from a PDF) */
  | 'spaces';

/** A piece of text recognised as one table cell. */
export interface TextCell extends Span {
  /** The cell's text without surrounding whitespace. */
  text: string;
  /** Span including the whitespace between the separators. */
  raw: Span;
  /** 0-based line of the cell's start. */
  line: number;
  /** Span of the separator before the cell (a tab or pipe) when there is one. */
  before?: Span;
  /** Span of the separator after the cell when there is one. */
  after?: Span;
  /** Text cells joined into this one when a label was broken over lines or cells. */
  parts?: TextCell[];
}

/**
 * Where a missing cell's column stands in a row laid out with spaces: `[start, end)` is the run of
 * spaces it may take (a space kept on either side; `end` is the line's end after the row's last
 * value), `middle` the offset of the column's middle.
 */
export interface CellSlot extends Span {
  middle: number;
}

/** A data cell bound to the template. */
export interface DataCell {
  ref: CellRef;
  /** `cellKey(ref)`, computed once. */
  key: string;
  /** `cellIndex(key)`: the cell's place in `TableInstance.byIndex`. */
  index: number;
  /** The source cell, absent when the row was too short and the cell is missing altogether. */
  source?: TextCell;
  /** Where a value would be inserted when the cell is missing altogether. */
  insertAt?: number;
  /**
   * For a cell missing altogether: how many cells of its row before it are missing too. Its value
   * inserted alone goes after as many blank cells, so that it lands in its own column.
   */
  missingBefore?: number;
  /**
   * For a cell missing from a row laid out in columns with spaces (`pdftotext -layout`): the
   * spaces where its column stands, so that a value goes under its column, not after the value before.
   */
  slot?: CellSlot;
  /**
   * Set on every cell of a row that lacks cells altogether: which of its cells are missing is a
   * guess (the last ones), so the values read in it may stand in the wrong columns.
   */
  rowIncomplete?: boolean;
  value: ParsedValue;
  /** `value` as a valid count, a non-negative integer (`countValue`); undefined for anything else. */
  count: number | undefined;
  /** What to show for the cell's row when the cell itself has no width: the row's label, else the row. */
  rowSpan?: Span;
}

/** A row of a table as found in the text. */
export interface RowInstance {
  /** Template row id, or undefined for an extra row that the template does not know. */
  id?: string;
  label?: TextCell;
  /** The standard label the text was matched to, and how closely. */
  match?: LabelMatch;
  cells: DataCell[];
  /** The raw data cells before alignment (for diagnostics on extra cells). */
  extra: TextCell[];
  /** Span of the whole row in the text. */
  span: Span;
}

export interface LabelMatch {
  /** The standard label. */
  standard: string;
  /** `exact`: same wording up to punctuation, spacing and numbering; `variant`: an accepted wording;
   *  `deprecated`: recognised old wording; `fuzzy`: a near miss. */
  quality: 'exact' | 'variant' | 'deprecated' | 'fuzzy';
}

/** Header information of a column as the document states it. */
export interface ColumnHeader {
  /** The column's id; empty for a header over several columns (table 4's 行政复议). */
  column: string;
  cell: TextCell;
  unit?: '万元' | '元' | '亿元';
  decimals?: number;
  match: LabelMatch;
}

export interface SectionInstance {
  id: string;
  caption?: TextCell;
  /** How the caption matched its standard wording, when it is a near miss that names this section alone. */
  captionMatch?: LabelMatch;
  headers: ColumnHeader[];
  rows: RowInstance[];
  span: Span;
}

export interface TableInstance {
  id: TableId;
  /** The format the table's labels follow (undefined when they give no evidence). */
  format?: FormatId;
  layout: TableLayout;
  sections: SectionInstance[];
  span: Span;
  /** Text cells inside the table that matched no label. */
  unknown: TextCell[];
  /** Cell lookup by `cellKey`. */
  cells: Map<string, DataCell>;
  /** The same cells by their number among the table's template cells (`cellIndex`), for lookups on hot paths. */
  byIndex: (DataCell | undefined)[];
  /** Ids of the template rows the instance has. */
  rowIds: ReadonlySet<string>;
}

export interface PartInstance {
  index: number;
  heading: TextCell;
  /** Span from the heading to the next part's heading. */
  span: Span;
  /** The heading's ordinal as written (may disagree with `index`). */
  ordinal?: string;
}

/** A date written in the text, e.g. 2020年12月31日. */
export interface DateMention extends Span {
  year: number;
  month: number;
  day: number;
  /** Whether the numbers were written with spaces (2020 年 1 月 1 日). */
  spaced: boolean;
  /** Whether the year is left out (`2020年1月1日至12月31日`): it is the year of the date before. */
  yearless: boolean;
  /**
   * Whether the date names a month only (`2020年1月至12月`, in a statistics period): `day` is then
   * the month's first day for the start of a period and its last day for the end.
   */
  monthOnly?: boolean;
  /**
   * Whether the date names a year only (`2020年度`, in a statistics period of a whole year): `month`
   * and `day` are then 1月1日 for the start of the period and 12月31日 for its end, both at this span.
   */
  yearOnly?: boolean;
}

export interface PeriodStatement extends Span {
  from: DateMention;
  to: DateMention;
}

export interface ReportModel {
  text: string;
  /** Offsets of line starts. */
  lineStarts: number[];
  title?: Span & { text: string };
  year?: number;
  agency?: string;
  period?: PeriodStatement;
  closingDate?: DateMention;
  parts: PartInstance[];
  tables: TableInstance[];
  /** The format the tables follow according to their labels. */
  labelFormat?: FormatId;
  /** Inline suppression comments. */
  suppressions: Suppression[];
  /** Spans of text that are not tables (narrative), in order. */
  narrative: Span[];
}

/** A disable comment (`<!-- gkreport-disable-next-line row-total -->` …). */
export interface Suppression {
  kind: 'next-line' | 'line' | 'disable' | 'enable' | 'file';
  /** Rule codes; empty means every rule. */
  codes: string[];
  line: number;
  span: Span;
}
