/**
 * Cell keys: the string that names a template cell in maps of the model and the analysis.
 */
import type { CellRef, TableDecl, TableId } from './types';

const keys = new Map<string, string>();

/**
 * A stable string key for a cell reference, e.g. `table3/main/new/total`. Keys are interned:
 * equal keys are one string, so the maps keyed by them compare by identity.
 */
export function cellKey(ref: CellRef): string {
  const key = `${ref.table}/${ref.section}/${ref.row}/${ref.column}`;
  const known = keys.get(key);
  if (known !== undefined) return known;
  if (keys.size < 20000) keys.set(key, key);
  return key;
}

/** The template cells of each table numbered 0, 1, … (see `numberCells`). */
export interface CellNumbering {
  /** The number of a cell key among its table's cells, by key. */
  indexes: Map<string, number>;
  /** How many cells each table has in all the formats numbered. */
  counts: Record<TableId, number>;
}

/**
 * Numbers the data cells of each table across the formats given, a cell that two formats share
 * once: a table instance keeps its cells in an array by these numbers, and relations read them
 * there instead of looking keys up.
 */
export function numberCells(formats: TableDecl[][]): CellNumbering {
  const indexes = new Map<string, number>();
  const counts: Record<TableId, number> = { table2: 0, table3: 0, table4: 0 };
  for (const tables of formats) {
    for (const table of tables) {
      for (const section of table.sections) {
        for (const row of section.rows) {
          if (!row.data) continue;
          for (const column of section.columns) {
            const key = cellKey({ table: table.id, section: section.id, row: row.id, column: column.id });
            if (!indexes.has(key)) indexes.set(key, counts[table.id]++);
          }
        }
      }
    }
  }
  return { indexes, counts };
}
