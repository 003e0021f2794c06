/**
 * Shapes of the declarative template: the two national formats are described once with these
 * types (see `format2019.ts`, `format2021.ts`) and every parser step and rule reads them.
 */
import type { FormatId, RuleCode } from '../types';

/** What a cell may hold. */
export type ValueKind =
  /** non-negative integer */
  | 'count'
  /** signed net change (+6, -1, 0) */
  | 'signed'
  /** amount of money, decimals allowed, unit 元 or 万元 */
  | 'money';

/** Plain-words explanation in both UI languages. */
export interface Explained {
  zh: string;
  en: string;
}

export interface ColumnDecl {
  id: string;
  /** Standard label as printed in the national format. */
  label: string;
  /** Other wordings that must still be recognised without a warning. */
  variants?: string[];
  kind: ValueKind;
  /** Unit implied by the standard label (e.g. 本年收费金额（单位：万元）). */
  unit?: '万元' | '元';
}

export interface RowDecl {
  id: string;
  /** Standard label including its ordinal, e.g. `（一）予以公开`. */
  label: string;
  /** Accepted wordings (without ordinal) that do not deserve a `label` warning. */
  variants?: string[];
  /** Group row id when this row sits under a group label (（三）不予公开 …). */
  group?: string;
  /** False for spanning or group labels that carry no numbers of their own. */
  data: boolean;
  explain: Explained;
}

/** A section of a table: table 2 has one per 第二十条 item; tables 3 and 4 have one each. */
export interface SectionDecl {
  id: string;
  /** Section caption such as `第二十条第（一）项`; absent for tables 3 and 4. */
  caption?: string;
  columns: ColumnDecl[];
  rows: RowDecl[];
}

export type TableId = 'table2' | 'table3' | 'table4';

export interface TableDecl {
  id: TableId;
  /** Part (1–6) whose body holds the table. */
  part: number;
  title: Explained;
  sections: SectionDecl[];
  /** Header labels that belong to the table but are not columns of any section. */
  headerLabels: string[];
}

/** A reference to one cell of the template. */
export interface CellRef {
  table: TableId;
  section: string;
  row: string;
  column: string;
}

/**
 * A linear relation Σ lhs = Σ rhs between cells. `result` is the cell that the rule's quick fix
 * recomputes (a total, or 四 for the balance).
 */
export interface RelationDecl {
  id: string;
  rule: RuleCode;
  lhs: CellRef[];
  rhs: CellRef[];
  result: CellRef;
  /** Precomputed cell keys (see `cellKey`) of lhs, rhs and result. */
  lhsKeys: string[];
  rhsKeys: string[];
  resultKey: string;
  /** The cells' numbers among their table's cells (`cellIndex`), in the order of the keys. */
  lhsIndexes: number[];
  rhsIndexes: number[];
  resultIndex: number;
  /** Whether the operands stand next to each other in a row (the diagnostic may then span them). */
  contiguous: boolean;
}

/** One national format: its tables and the relations that hold in a correct report. */
/** The notice that issued a national format: `国办公开办函〔2019〕60号` is 2019, number 60. */
export interface NoticeDecl {
  text: string;
  year: number;
  number: number;
}

export interface FormatDecl {
  id: FormatId;
  notice: NoticeDecl;
  tables: TableDecl[];
  relations: RelationDecl[];
}

/** A part of the report (一 … 六). */
export interface PartDecl {
  index: number;
  ordinal: string;
  heading: string;
  /** Accepted wordings of the heading (with ordinal). */
  variants: string[];
  /** Words that identify the part's heading when its wording differs. */
  keywords: string[];
  explain: Explained;
}
