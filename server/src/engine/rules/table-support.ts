/**
 * Helpers shared by the cell and structure rules (unit, decimals, invalid-number, label,
 * missing-row, missing-table): column declarations of a table instance, spans of the number and
 * unit inside a cell, exact decimal-string arithmetic, and which table instances are fragments.
 */
import type { DataCell, RowInstance, Span, TableInstance } from '../model';
import { FORMATS, sectionDecl } from '../template';
import type { CellRef, ColumnDecl, SectionDecl, TableId } from '../template/types';
import type { FormatId } from '../types';

/** The format a table instance follows: its labels' evidence, else the expected one. */
export function formatOf(table: TableInstance, expected: FormatId): FormatId {
  return table.format ?? expected;
}

/** The declaration of a section of an instance, in its format or (failing that) the other one. */
export function sectionOf(table: TableInstance, section: string, expected: FormatId): SectionDecl | undefined {
  const f = formatOf(table, expected);
  return sectionDecl(f, table.id, section) ?? sectionDecl(f === '2019' ? '2021' : '2019', table.id, section);
}

/** The column declaration of a cell. */
export function columnOf(table: TableInstance, ref: CellRef, expected: FormatId): ColumnDecl | undefined {
  return sectionOf(table, ref.section, expected)?.columns.find((c) => c.id === ref.column);
}

/** Document offsets of a number cell's number (sign, digits, separators), or undefined. */
export function numberSpan(cell: DataCell): Span | undefined {
  const src = cell.source;
  if (!src || cell.value.kind !== 'number') return undefined;
  return { start: src.start + cell.value.numberStart, end: src.start + cell.value.numberEnd };
}

/** Document offsets of a number cell's amount: its number with the currency sign and unit written with it (`￥251000`, `251000元`). */
export function numberWithUnitSpan(cell: DataCell): Span | undefined {
  const src = cell.source;
  if (!src || cell.value.kind !== 'number') return undefined;
  return { start: src.start + cell.value.amountStart, end: src.start + cell.value.amountEnd };
}

/** Splits an unsigned decimal string into integer and fraction digits. */
function parts(text: string): { int: string; frac: string } {
  const [int, frac = ''] = text.split('.');
  return { int: int.replace(/^0+(?=\d)/, '') || '0', frac };
}

/** Removes trailing fraction zeros: `25.1000` → `25.1`, `3.0` → `3`. */
export function trimDecimal(text: string): string {
  const neg = text.startsWith('-');
  const { int, frac } = parts(neg || text.startsWith('+') ? text.slice(1) : text);
  const f = frac.replace(/0+$/, '');
  return `${neg ? '-' : ''}${int}${f ? `.${f}` : ''}`;
}

/** Moves the decimal point of an unsigned decimal string: `shiftDecimal('251000', -4)` → `25.1`. */
export function shiftDecimal(text: string, places: number): string {
  const { int, frac } = parts(text);
  let digits = int + frac;
  let point = int.length + places;
  if (point < 0) {
    digits = '0'.repeat(-point) + digits;
    point = 0;
  }
  if (point > digits.length) digits += '0'.repeat(point - digits.length);
  return trimDecimal(`${digits.slice(0, point) || '0'}.${digits.slice(point)}`);
}

/**
 * Writes an unsigned decimal string with exactly `places` decimals: pads with zeros, or rounds
 * half up; `lost` says whether a non-zero digit was dropped.
 */
export function toDecimals(text: string, places: number): { text: string; lost: boolean } {
  const { int, frac } = parts(text);
  if (frac.length <= places) return { text: places === 0 ? int : `${int}.${frac.padEnd(places, '0')}`, lost: false };
  const dropped = frac.slice(places);
  const lost = /[1-9]/.test(dropped);
  let kept = int + frac.slice(0, places);
  if (dropped.charCodeAt(0) >= 53 /* '5' */) {
    const digits = kept.split('').map(Number);
    let i = digits.length - 1;
    while (i >= 0 && digits[i] === 9) digits[i--] = 0;
    if (i < 0) digits.unshift(1);
    else digits[i]++;
    kept = digits.join('');
  }
  const intLen = kept.length - places;
  return { text: places === 0 ? kept : `${kept.slice(0, intLen)}.${kept.slice(intLen)}`, lost };
}

/** Whether two sets of row ids share one (stops at the first: copies of a table share at once). */
export function sharesRow(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  for (const id of a) if (b.has(id)) return true;
  return false;
}

/**
 * The instances of one table seen in pieces, in document order: `table` and its neighbours of the
 * same id that share no row with it (a table the parser saw in pieces, not a second copy).
 */
export function piecesOf(table: TableInstance, all: TableInstance[]): TableInstance[] {
  const i = all.indexOf(table);
  const own = table.rowIds;
  const out = [table];
  if (i < 0) return out;
  for (let j = i - 1; j >= 0 && all[j].id === table.id && !sharesRow(all[j].rowIds, own); j--) out.unshift(all[j]);
  for (let j = i + 1; j < all.length && all[j].id === table.id && !sharesRow(all[j].rowIds, own); j++) out.push(all[j]);
  return out;
}

/** The rows a table instance has, counting the rows of the other pieces of the same table. */
export function presentRows(table: TableInstance, all: TableInstance[]): ReadonlySet<string> {
  const pieces = piecesOf(table, all);
  if (pieces.length === 1) return table.rowIds;
  const out = new Set<string>();
  for (const t of pieces) for (const id of t.rowIds) out.add(id);
  return out;
}

const dataRows2019 = new Map<TableId, string[]>();
const dataRows2021 = new Map<TableId, string[]>();

/** Data rows of a table in a format (computed once; do not modify). */
export function dataRows(format: FormatId, table: TableId): string[] {
  const byTable = format === '2019' ? dataRows2019 : dataRows2021;
  let rows = byTable.get(table);
  if (!rows) {
    rows = FORMATS[format].tables.find((t) => t.id === table)!.sections.flatMap((s) => s.rows.filter((r) => r.data).map((r) => r.id));
    byTable.set(table, rows);
  }
  return rows;
}

/** Whether a table instance holds only fragments: fewer than a third of its format's data rows. */
export function isFragment(table: TableInstance, all: TableInstance[], expected: FormatId): boolean {
  const rows = dataRows(formatOf(table, expected), table.id);
  const present = presentRows(table, all);
  let found = 0;
  for (const id of rows) if (present.has(id)) found++;
  return found * 3 < rows.length;
}

/** The row instances of a table in document order, with their section ids. */
export function rowsOf(table: TableInstance): { section: string; row: RowInstance }[] {
  return table.sections.flatMap((s) => s.rows.map((row) => ({ section: s.id, row }))).sort((a, b) => a.row.span.start - b.row.span.start);
}
