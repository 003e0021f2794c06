/**
 * Rendering the standard tables as text, in any of the five layouts the parser reads: the
 * `missing-row` and `missing-table` fixes and the editor snippets insert what these functions
 * produce. Every rendered table parses back (parseReport) to the same table. Pure: no editor imports.
 *
 * Layouts:
 * - `tab`: tab-separated cells, one row a line, every line padded to the table's width (a row of
 *   blank values only would be a blank line, so table 4 needs at least one value);
 * - `pipe-cells`: one cell a line, each ending in ` |` (blank header cells omitted);
 * - `indented-cells`: one tab-indented cell a line, a blank line between rows;
 * - `markdown`: a pipe table with a `|---|` separator under its first line;
 * - `pipe-rows`: pipe-separated rows without a leading pipe, each ending in ` |` (a row cannot
 *   open with a blank cell, which would read as Markdown, so table 4's first value must not be blank).
 */
import type { TableLayout } from './model';
import { sectionDecl, tableDecl } from './template';
import type { CellRef, ColumnDecl, RowDecl, SectionDecl, TableId } from './template/types';
import type { FormatId } from './types';

/** A blank cell in a row written with spaces, where nothing would leave no cell: a placeholder. */
export const BLANK_IN_SPACES = '-';

/** How a rendered row places its label (tab, markdown and pipe-rows layouts). */
export interface RowShape {
  /** Cells before the values that hold labels (Markdown table 3 uses three: 三、 / （一） / 1.). */
  labelColumns?: number;
  /** The column of the label among `labelColumns` (default: the row's depth, capped). */
  labelColumn?: number;
  /** Blank cells after the values. */
  trailing?: number;
}

export interface RenderOptions {
  /** Unit written into a money header that the national format leaves without one (default 万元). */
  moneyUnit?: '万元' | '元' | false;
  /**
   * Label columns of table 3 in the tab and Markdown layouts: Markdown defaults to 3 (三、 / （一） /
   * 1., as printed in the national format); tab to 1, since a Word-style row whose label is followed
   * by blank label cells cannot be told from one whose last value is blank.
   */
  labelColumns?: number;
}

/** A value for every data cell; the default fills 0. */
export type CellValues = (ref: CellRef) => string;

const zero: CellValues = () => '0';

/** A row of the rendering grid, before it is laid out. */
interface GridRow {
  kind: 'caption' | 'header' | 'data' | 'group';
  cells: string[];
  /** Data and group rows: how many leading cells are label columns. */
  labelColumns?: number;
  /** Data rows: how many cells after the label columns are values. */
  valueCount?: number;
}

/** Label columns of a table in the row layouts (tab, markdown). */
function defaultLabelColumns(table: TableId, layout: TableLayout, options: RenderOptions = {}): number {
  if (table === 'table4') return 0;
  if (table === 'table3' && (layout === 'tab' || layout === 'markdown')) return Math.max(1, options.labelColumns ?? (layout === 'markdown' ? 3 : 1));
  return 1;
}

/** Width in cells of a table in the row layouts: label columns and the widest section. */
export function tableWidth(format: FormatId, table: TableId, layout: TableLayout = 'tab', options: RenderOptions = {}): number {
  const decl = tableDecl(format, table);
  return defaultLabelColumns(table, layout, options) + Math.max(...decl.sections.map((s) => s.columns.length));
}

/** Depth of a row below its group labels (一、 → 0, （一） → 1, 1. → 2). */
function depthOf(section: SectionDecl, row: RowDecl): number {
  let depth = 0;
  for (let cur = row.group; cur; cur = section.rows.find((r) => r.id === cur)?.group) depth++;
  return depth;
}

/** The header text of a column: its standard label, with the unit of a money column. */
function headerLabel(col: ColumnDecl, options: RenderOptions): string {
  if (col.kind !== 'money') return col.label;
  if (col.unit) return `${col.label}（单位：${col.unit}）`;
  const unit = options.moneyUnit ?? '万元';
  return unit ? `${col.label}（${unit}）` : col.label;
}

function rowGrid(table: TableId, section: SectionDecl, row: RowDecl, values: CellValues, shape: RowShape, layout: TableLayout): GridRow {
  const labelColumns = shape.labelColumns ?? defaultLabelColumns(table, layout);
  const labelCells: string[] = new Array<string>(labelColumns).fill('');
  if (labelColumns > 0) labelCells[Math.min(shape.labelColumn ?? depthOf(section, row), labelColumns - 1)] = row.label;
  if (!row.data) return { kind: 'group', cells: labelCells, labelColumns };
  const cells = section.columns.map((col) => values({ table, section: section.id, row: row.id, column: col.id }));
  return { kind: 'data', cells: [...labelCells, ...cells, ...new Array<string>(shape.trailing ?? 0).fill('')], labelColumns, valueCount: cells.length };
}

function sectionGrid(table: TableId, section: SectionDecl, values: CellValues, options: RenderOptions, layout: TableLayout): GridRow[] {
  const out: GridRow[] = [];
  if (section.caption) out.push({ kind: 'caption', cells: [section.caption] });
  if (table === 'table2') out.push({ kind: 'header', cells: ['信息内容', ...section.columns.map((c) => headerLabel(c, options))] });
  const shape = { labelColumns: defaultLabelColumns(table, layout, options) };
  for (const row of section.rows) out.push(rowGrid(table, section, row, values, shape, layout));
  return out;
}

function headerGrid(table: TableId, layout: TableLayout, options: RenderOptions): GridRow[] {
  if (table === 'table3') {
    const lead = new Array<string>(defaultLabelColumns(table, layout, options) - 1).fill('');
    return [
      { kind: 'header', cells: ['（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', ...lead, '申请人情况'] },
      { kind: 'header', cells: ['', ...lead, '自然人', '法人或其他组织', '', '', '', '', '总计'] },
      { kind: 'header', cells: ['', ...lead, '', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', ''] },
    ];
  }
  if (table === 'table4') {
    const outcomes = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];
    return [
      { kind: 'header', cells: ['行政复议', '', '', '', '', '行政诉讼'] },
      { kind: 'header', cells: ['', '', '', '', '', '未经复议直接起诉', '', '', '', '', '复议后起诉'] },
      { kind: 'header', cells: [...outcomes, ...outcomes, ...outcomes] },
    ];
  }
  return [];
}

/** A Markdown row: `| a | b |`, a blank cell as `| |`. */
function markdownRow(cells: string[]): string {
  return `|${cells.map((c) => (c === '' ? ' ' : ` ${c} `)).join('|')}|`;
}

/**
 * Lays grid rows out, one block of lines (without line breaks) per row. Tab and Markdown rows are
 * padded to `width` cells; `first` says the rows open the table (Markdown separator).
 */
function layOut(rows: GridRow[], layout: TableLayout, width: number, first: boolean): string[][] {
  const pad = (cells: string[]): string[] => (cells.length >= width ? cells : [...cells, ...new Array<string>(width - cells.length).fill('')]);
  return rows.map((row, i) => {
    const labels = row.cells.slice(0, row.labelColumns ?? 0).filter((c) => c !== '');
    const values = row.kind === 'data' ? row.cells.slice(row.labelColumns, (row.labelColumns ?? 0) + (row.valueCount ?? 0)) : [];
    switch (layout) {
      case 'pipe-cells':
      case 'indented-cells': {
        const cells = row.kind === 'data' || row.kind === 'group' ? [...labels, ...values] : row.cells.filter((c) => c !== '');
        return cells.map((c) => (layout === 'pipe-cells' ? `${c} |` : `\t${c}`));
      }
      case 'tab':
        return [pad(row.cells).join('\t')];
      case 'markdown':
        return first && i === 0 ? [markdownRow(pad(row.cells)), `|${'---|'.repeat(Math.max(width, row.cells.length))}`] : [markdownRow(pad(row.cells))];
      case 'pipe-rows': {
        const cells = row.kind === 'data' ? [...labels, ...row.cells.slice(row.labelColumns)] : row.kind === 'group' ? labels : row.cells.filter((c) => c !== '');
        return [`${cells.join(' | ')} |`];
      }
      case 'spaces': {
        const cells = row.kind === 'data' ? [...labels, ...values.map((v) => v || BLANK_IN_SPACES)] : row.kind === 'group' ? labels : row.cells.filter((c) => c !== '');
        return [cells.join(' ')];
      }
    }
  });
}

/** Joins laid-out blocks: one line per row, a blank line between rows in `indented-cells`. */
function join(blocks: string[][], layout: TableLayout, eol: string): string {
  const parts = blocks.filter((b) => b.length > 0).map((b) => b.join(eol) + eol);
  return layout === 'indented-cells' ? parts.join(eol) : parts.join('');
}

/**
 * Renders a standard table of a format: caption and header rows, then every row with its
 * standard label; data cells hold `values(ref)` (0 by default). Every line ends with `eol`.
 */
export function renderTable(format: FormatId, table: TableId, layout: TableLayout, eol: string, values: CellValues = zero, options: RenderOptions = {}): string {
  const decl = tableDecl(format, table);
  const rows: GridRow[] = [...headerGrid(table, layout, options)];
  for (const section of decl.sections) rows.push(...sectionGrid(table, section, values, options, layout));
  return join(layOut(rows, layout, tableWidth(format, table, layout, options), true), layout, eol);
}

/**
 * Renders one section of a table (table 2: caption, header and rows of one 第二十条 item), as it
 * stands inside an existing table. Every line ends with `eol`.
 */
export function renderSection(format: FormatId, table: TableId, section: string, layout: TableLayout, eol: string, values: CellValues = zero, options: RenderOptions = {}): string {
  const decl = sectionDecl(format, table, section);
  if (!decl) return '';
  const rows = sectionGrid(table, decl, values, options, layout);
  return join(layOut(rows, layout, tableWidth(format, table, layout, options), false), layout, eol);
}

/**
 * Renders a single row of a table (its label, and its values unless it is a group label) as it
 * stands inside an existing table: no separator, no header. `shape` places the label among the
 * label columns of a row layout. Every line ends with `eol`; in `indented-cells` the caller adds
 * the blank lines between rows.
 */
export function renderRow(
  format: FormatId,
  table: TableId,
  section: string,
  row: string,
  layout: TableLayout,
  eol: string,
  values: CellValues = zero,
  shape: RowShape = {},
): string {
  const sdecl = sectionDecl(format, table, section);
  const rdecl = sdecl?.rows.find((r) => r.id === row);
  if (!sdecl || !rdecl) return '';
  const grid = rowGrid(table, sdecl, rdecl, values, shape, layout);
  const width = (shape.labelColumns ?? defaultLabelColumns(table, layout)) + sdecl.columns.length + (shape.trailing ?? 0);
  return layOut([grid], layout, width, false)[0].map((l) => l + eol).join('');
}
