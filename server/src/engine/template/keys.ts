/**
 * Cell keys: the string that names a template cell in maps of the model and the analysis.
 */
import type { CellRef } from './types';

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
