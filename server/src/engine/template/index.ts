/**
 * The template registry: both national formats, declared once, and lookups over them.
 */
import type { FormatId } from '../types';
import { TABLES_2019 } from './format2019';
import { TABLES_2021 } from './format2021';
import { PARTS } from './parts';
import { expandRelations } from './relations';
import type { CellRef, FormatDecl, RowDecl, SectionDecl, TableDecl, TableId } from './types';

export * from './types';
export { cellKey } from './keys';
export { PARTS } from './parts';

export const FORMATS: Record<FormatId, FormatDecl> = {
  '2019': { id: '2019', notice: '国办公开办函〔2019〕60号', tables: TABLES_2019, relations: expandRelations(TABLES_2019) },
  '2021': { id: '2021', notice: '国办公开办函〔2021〕30号', tables: TABLES_2021, relations: expandRelations(TABLES_2021) },
};

/** The format a report year requires: 2019 format up to 2020, 2021 format from 2021. */
export function formatForYear(year: number | undefined): FormatId {
  return year !== undefined && year <= 2020 ? '2019' : '2021';
}

/** The declaration of a table in a format. */
export function tableDecl(format: FormatId, table: TableId): TableDecl {
  return FORMATS[format].tables.find((t) => t.id === table)!;
}

/** The declaration of a section of a table. */
export function sectionDecl(format: FormatId, table: TableId, section: string): SectionDecl | undefined {
  return tableDecl(format, table).sections.find((s) => s.id === section);
}

/** The declaration of a row. */
export function rowDecl(format: FormatId, ref: Pick<CellRef, 'table' | 'section' | 'row'>): RowDecl | undefined {
  return sectionDecl(format, ref.table, ref.section)?.rows.find((r) => r.id === ref.row);
}
