/**
 * The template registry: both national formats, declared once, and lookups over them.
 */
import type { FormatId } from '../types';
import { TABLES_2019 } from './format2019';
import { TABLES_2021 } from './format2021';
import { numberCells } from './keys';
import { expandRelations } from './relations';
import type { CellRef, FormatDecl, RowDecl, SectionDecl, TableDecl, TableId } from './types';

export * from './types';
export { cellKey } from './keys';
export { PARTS } from './parts';

const CELLS = numberCells([TABLES_2019, TABLES_2021]);

/**
 * The number of a template cell among the data cells of its table in either format, by its key
 * (`cellKey`): its place in `TableInstance.byIndex`; -1 for a key of no template cell.
 */
export function cellIndex(key: string): number {
  return CELLS.indexes.get(key) ?? -1;
}

/** The cell at a key among cells kept by their number (`TableInstance.byIndex`), if there is one. */
export function cellAt<T>(cells: readonly (T | undefined)[], key: string): T | undefined {
  const index = cellIndex(key);
  return index < 0 ? undefined : cells[index];
}

/** How many template cells a table has in both formats together: the length of `TableInstance.byIndex`. */
export function cellCount(table: TableId): number {
  return CELLS.counts[table];
}

export const FORMATS: Record<FormatId, FormatDecl> = {
  '2019': { id: '2019', notice: { text: '国办公开办函〔2019〕60号', year: 2019, number: 60 }, tables: TABLES_2019, relations: expandRelations(TABLES_2019, cellIndex) },
  '2021': { id: '2021', notice: { text: '国办公开办函〔2021〕30号', year: 2021, number: 30 }, tables: TABLES_2021, relations: expandRelations(TABLES_2021, cellIndex) },
};

/**
 * The Regulations (《中华人民共和国政府信息公开条例》) by decree number: the revision of 2019
 * (国务院令第711号, in force from 2019年5月15日) replaced the version of 2007 (国务院令第492号).
 */
export const REGULATIONS = { current: 711, superseded: 492, revisedIn: 2019 } as const;

/** The format a report year requires: 2019 format up to 2020, 2021 format from 2021. */
export function formatForYear(year: number | undefined): FormatId {
  return year !== undefined && year <= 2020 ? '2019' : '2021';
}

// The parser and the rules ask for declarations hundreds of times a report: the lookups below
// compare a few interned ids instead of hashing them into maps.
const DECLS_2019 = byTableId(TABLES_2019);
const DECLS_2021 = byTableId(TABLES_2021);

function byTableId(tables: TableDecl[]): Record<TableId, TableDecl> {
  const find = (id: TableId): TableDecl => tables.find((t) => t.id === id)!;
  return { table2: find('table2'), table3: find('table3'), table4: find('table4') };
}

/** The declaration of a table in a format. */
export function tableDecl(format: FormatId, table: TableId): TableDecl {
  const tables = format === '2019' ? DECLS_2019 : DECLS_2021;
  return table === 'table3' ? tables.table3 : table === 'table2' ? tables.table2 : tables.table4;
}

/** The declaration of a section of a table. */
export function sectionDecl(format: FormatId, table: TableId, section: string): SectionDecl | undefined {
  const sections = tableDecl(format, table).sections;
  for (let i = 0; i < sections.length; i++) if (sections[i].id === section) return sections[i];
  return undefined;
}

/** The declaration of a row. */
export function rowDecl(format: FormatId, ref: Pick<CellRef, 'table' | 'section' | 'row'>): RowDecl | undefined {
  const section = sectionDecl(format, ref.table, ref.section);
  return section && rowOf(section, ref.row);
}

const rowsById = new Map<SectionDecl, Map<string, RowDecl>>();

/** The row of a section declaration with this id. */
export function rowOf(section: SectionDecl, id: string): RowDecl | undefined {
  let byId = rowsById.get(section);
  if (!byId) rowsById.set(section, (byId = new Map(section.rows.map((r) => [r.id, r]))));
  return byId.get(id);
}
