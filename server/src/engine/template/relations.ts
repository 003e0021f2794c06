/**
 * Relation schemes of the national formats, expanded into concrete cell relations from the table
 * declarations. A scheme names rows and columns by id; nothing here knows the labels.
 */
import type { RuleCode } from '../types';
import { cellKey } from './keys';
import { TABLE4_BLOCKS, TABLE4_OUTCOME_IDS } from './table4';
import type { CellRef, RelationDecl, TableDecl, TableId } from './types';

/** Σ of `operands` equals `result`, once for every data row (or every column) of a section. */
interface SumScheme {
  rule: RuleCode;
  table: TableId;
  /** `row`: the sum runs across columns, once per data row; `column`: down rows, once per column. */
  along: 'row' | 'column';
  operands: string[] | 'result-rows';
  result: string;
}

/** Σ lhs rows = Σ rhs rows, once for every column; `result` is the row its fix recomputes. */
interface BalanceScheme {
  rule: RuleCode;
  table: TableId;
  lhs: string[];
  rhs: string[];
  result: string;
}

/** Relations shared by both national formats (template.md, "Relations that hold"). */
export const SUM_SCHEMES: SumScheme[] = [
  {
    rule: 'row-total', table: 'table3', along: 'row',
    operands: ['natural', 'business', 'research', 'ngo', 'legal', 'otherOrg'], result: 'total',
  },
  { rule: 'column-total', table: 'table3', along: 'column', operands: 'result-rows', result: 'total7' },
  ...TABLE4_BLOCKS.map((b): SumScheme => ({
    rule: 'appeal-total', table: 'table4', along: 'row',
    operands: TABLE4_OUTCOME_IDS.map((o) => `${b.id}.${o}`), result: `${b.id}.total`,
  })),
];

export const BALANCE_SCHEMES: BalanceScheme[] = [
  { rule: 'balance', table: 'table3', lhs: ['new', 'carried'], rhs: ['total7', 'carryover'], result: 'carryover' },
];

/** Data rows below the `results` group (（一）…（六）), excluding the total itself. */
function resultRows(table: TableDecl, totalRow: string): string[] {
  const rows = table.sections[0].rows;
  const inResults = (id: string | undefined): boolean => {
    for (let cur = id; cur; cur = rows.find((r) => r.id === cur)?.group) {
      if (cur === 'results') return true;
    }
    return false;
  };
  return rows.filter((r) => r.data && r.id !== totalRow && inResults(r.group)).map((r) => r.id);
}


type Unkeyed = Omit<RelationDecl, 'lhsKeys' | 'rhsKeys' | 'resultKey' | 'lhsIndexes' | 'rhsIndexes' | 'resultIndex'>;

/** Expands the relation schemes over the tables of one format; `indexOf` numbers their cells (`cellIndex`). */
export function expandRelations(tables: TableDecl[], indexOf: (key: string) => number): RelationDecl[] {
  return expandUnkeyed(tables).map((r) => {
    const lhsKeys = r.lhs.map(cellKey);
    const rhsKeys = r.rhs.map(cellKey);
    const resultKey = cellKey(r.result);
    return { ...r, lhsKeys, rhsKeys, resultKey, lhsIndexes: lhsKeys.map(indexOf), rhsIndexes: rhsKeys.map(indexOf), resultIndex: indexOf(resultKey) };
  });
}

function expandUnkeyed(tables: TableDecl[]): Unkeyed[] {
  const out: Unkeyed[] = [];
  const byId = new Map(tables.map((t) => [t.id, t]));
  for (const s of SUM_SCHEMES) {
    const table = byId.get(s.table);
    if (!table) continue;
    const section = table.sections[0];
    const ref = (row: string, column: string): CellRef => ({ table: table.id, section: section.id, row, column });
    if (s.along === 'row') {
      const operands = s.operands as string[];
      for (const row of section.rows.filter((r) => r.data)) {
        out.push({
          id: `${s.rule}:${row.id}:${s.result}`, rule: s.rule,
          lhs: operands.map((c) => ref(row.id, c)), rhs: [ref(row.id, s.result)],
          result: ref(row.id, s.result), contiguous: true,
        });
      }
    } else {
      const operands = s.operands === 'result-rows' ? resultRows(table, s.result) : s.operands;
      for (const col of section.columns) {
        out.push({
          id: `${s.rule}:${col.id}`, rule: s.rule,
          lhs: operands.map((r) => ref(r, col.id)), rhs: [ref(s.result, col.id)],
          result: ref(s.result, col.id), contiguous: false,
        });
      }
    }
  }
  for (const s of BALANCE_SCHEMES) {
    const table = byId.get(s.table);
    if (!table) continue;
    const section = table.sections[0];
    const ref = (row: string, column: string): CellRef => ({ table: table.id, section: section.id, row, column });
    for (const col of section.columns) {
      out.push({
        id: `${s.rule}:${col.id}`, rule: s.rule,
        lhs: s.lhs.map((r) => ref(r, col.id)), rhs: s.rhs.map((r) => ref(r, col.id)),
        result: ref(s.result, col.id), contiguous: false,
      });
    }
  }
  return out;
}
