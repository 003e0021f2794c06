/**
 * Arithmetic analysis of a table: every relation of its format evaluated, broken relations
 * localised to the one cell whose correction repairs them all ("one wrong cell, one diagnostic"),
 * and blank cells whose value the relations determine.
 */
import type { DataCell, TableInstance } from '../model';
import { FORMATS } from '../template';
import type { RelationDecl } from '../template/types';
import type { FormatId } from '../types';

/** A relation evaluated on the document. */
export interface RelationState {
  decl: RelationDecl;
  lhs: DataCell[];
  rhs: DataCell[];
  /** `unknown`: an operand is blank, a placeholder or not a valid count; `absent`: a row is missing. */
  status: 'holds' | 'broken' | 'unknown' | 'absent';
  lhsSum: number;
  rhsSum: number;
}

/** A single wrong cell that explains one or more broken relations. */
export interface CellExplanation {
  kind: 'cell';
  cell: DataCell;
  expected: number;
  relations: RelationState[];
}

/** A broken relation that no single cell explains. */
export interface RelationExplanation {
  kind: 'relation';
  relation: RelationState;
  /** The value the relation's result cell would need, when it is non-negative. */
  expected?: number;
}

export type Explanation = CellExplanation | RelationExplanation;

export interface RelationAnalysis {
  relations: RelationState[];
  explanations: Explanation[];
  /** Values that the relations determine for blank cells, by cell key. */
  derived: Map<string, number>;
  /** Keys of `derived` values read from a row that lacks cells (see `DataCell.rowIncomplete`): not certain. */
  uncertain: Set<string>;
  /** Relations passing through a cell, by cell key (indexed when first asked for). */
  readonly byCell: Map<string, RelationState[]>;
}

/** The value of a cell when it is a valid non-negative integer count. */
export function countOf(cell: DataCell | undefined): number | undefined {
  const v = cell?.value;
  if (!v || v.kind !== 'number') return undefined;
  if (v.decimals > 0 || v.value < 0 || (v.signed && v.value !== 0) || !Number.isSafeInteger(v.value)) return undefined;
  return v.value;
}

/** The cell a relation computes (its result), if the table has it. */
export function resultOf(rel: RelationState): DataCell | undefined {
  const key = rel.decl.resultKey;
  for (const c of rel.lhs) if (c.key === key) return c;
  for (const c of rel.rhs) if (c.key === key) return c;
  return undefined;
}

/** Whether the cell is blank or a placeholder (or missing altogether). */
export function isMissing(cell: DataCell | undefined): boolean {
  return !cell || cell.value.kind === 'blank' || cell.value.kind === 'placeholder';
}

/** Analyses the relations of a table instance under the given format. */
export function analyzeTable(table: TableInstance, format: FormatId): RelationAnalysis {
  const decls = relationsOf(format, table.id);
  const relations: RelationState[] = [];
  for (let r = 0; r < decls.length; r++) relations.push(evaluate(decls[r], table.byIndex));
  return new TableAnalysis(relations, table.byIndex.length);
}

/** One relation on the cells of a table (by `cellIndex`). */
function evaluate(decl: RelationDecl, cells: (DataCell | undefined)[]): RelationState {
  const lhs: DataCell[] = [];
  const rhs: DataCell[] = [];
  const lhsRead = readInto(decl.lhsIndexes, cells, lhs);
  const rhsRead = readInto(decl.rhsIndexes, cells, rhs);
  const absent = lhs.length < decl.lhsIndexes.length || rhs.length < decl.rhsIndexes.length;
  const unknown = Number.isNaN(lhsRead) || Number.isNaN(rhsRead);
  const status: RelationState['status'] = absent ? 'absent' : unknown ? 'unknown' : lhsRead === rhsRead ? 'holds' : 'broken';
  const known = status === 'holds' || status === 'broken';
  return { decl, lhs, rhs, status, lhsSum: known ? lhsRead : 0, rhsSum: known ? rhsRead : 0 };
}

/** Pushes the cells present at `indexes` into `into`; the sum of their counts, NaN when one is no valid count. */
function readInto(indexes: number[], cells: (DataCell | undefined)[], into: DataCell[]): number {
  let sum = 0;
  for (let k = 0; k < indexes.length; k++) {
    const i = indexes[k];
    const c = i >= 0 ? cells[i] : undefined;
    if (c === undefined) continue;
    into.push(c);
    const n = countOf(c);
    sum = n === undefined ? NaN : sum + n;
  }
  return sum;
}

/**
 * An analysis whose index by cell is built when first asked for. A class, not an object literal
 * with a getter: V8 gives each such literal a hidden class of its own that holds the getter's
 * closure, so every analysis (and the model it points into) would outlive its check until the next
 * full garbage collection.
 */
class TableAnalysis implements RelationAnalysis {
  readonly explanations: Explanation[];
  readonly derived: Map<string, number>;
  readonly uncertain = new Set<string>();
  private index?: Map<string, RelationState[]>;

  constructor(
    readonly relations: RelationState[],
    private readonly cellCount: number,
  ) {
    this.explanations = localise(relations, cellCount);
    this.derived = deriveBlanks(relations, this.uncertain);
  }

  get byCell(): Map<string, RelationState[]> {
    if (!this.index) {
      this.index = new Map();
      for (const list of indexByCell(this.relations, this.cellCount)) if (list) this.index.set(list.cell.key, list.relations);
    }
    return this.index;
  }
}

/** The relations passing through one cell. */
interface CellRelations {
  cell: DataCell;
  relations: RelationState[];
}

/** The relations passing through each cell, by `cellIndex` (`cellCount` sizes the array). */
function indexByCell(relations: RelationState[], cellCount: number): (CellRelations | undefined)[] {
  const byCell = new Array<CellRelations | undefined>(cellCount).fill(undefined);
  const add = (c: DataCell, state: RelationState) => {
    const known = byCell[c.index];
    if (known) known.relations.push(state);
    else byCell[c.index] = { cell: c, relations: [state] };
  };
  for (const state of relations) {
    for (const c of state.lhs) add(c, state);
    for (const c of state.rhs) add(c, state);
  }
  return byCell;
}

const relationsByTable: Record<FormatId, Map<string, RelationDecl[]>> = { '2019': new Map(), '2021': new Map() };

/** The relations of a format whose cells lie in one table (computed once per format and table). */
function relationsOf(format: FormatId, tableId: string): RelationDecl[] {
  const byTable = relationsByTable[format];
  let list = byTable.get(tableId);
  if (!list) byTable.set(tableId, (list = FORMATS[format].relations.filter((r) => r.lhs[0].table === tableId)));
  return list;
}

function coefficient(rel: RelationState, cell: DataCell): number {
  return (rel.lhs.includes(cell) ? 1 : 0) - (rel.rhs.includes(cell) ? 1 : 0);
}

/** Broken relations grouped under the single cells that explain them. */
function localise(relations: RelationState[], cellCount: number): Explanation[] {
  const broken = relations.filter((r) => r.status === 'broken');
  if (broken.length === 0) return [];
  const byCell = indexByCell(relations, cellCount);
  interface Candidate { cell: DataCell; expected: number; explains: RelationState[] }
  const candidates: Candidate[] = [];
  const seen = new Set<DataCell>();
  for (const rel of broken) {
    for (let i = 0; i < rel.lhs.length + rel.rhs.length; i++) {
      const cell = i < rel.lhs.length ? rel.lhs[i] : rel.rhs[i - rel.lhs.length];
      if (seen.has(cell)) continue;
      seen.add(cell);
      const rels = byCell[cell.index]?.relations ?? [];
      if (rels.some((r) => r.status === 'holds')) continue;
      const evaluated = rels.filter((r) => r.status === 'broken');
      let delta: number | undefined;
      let ok = true;
      for (const r of evaluated) {
        const coef = coefficient(r, cell);
        if (coef === 0) { ok = false; break; }
        const d = -(r.lhsSum - r.rhsSum) / coef;
        if (delta === undefined) delta = d;
        else if (delta !== d) { ok = false; break; }
      }
      const value = countOf(cell)!;
      if (!ok || delta === undefined || value + delta < 0) continue;
      candidates.push({ cell, expected: value + delta, explains: evaluated });
    }
  }
  candidates.sort((a, b) => b.explains.length - a.explains.length);
  const explained = new Set<RelationState>();
  const out: Explanation[] = [];
  // Candidates explaining exactly the same relations are rivals: none of them is the wrong cell.
  const position = new Map(relations.map((r, i) => [r, i]));
  const signature = (c: Candidate) => c.explains.map((r) => position.get(r)!).sort((a, b) => a - b).join(',');
  const sharing = new Map<string, number>();
  const signatures = candidates.map((c) => {
    const sig = signature(c);
    sharing.set(sig, (sharing.get(sig) ?? 0) + 1);
    return sig;
  });
  for (let i = 0; i < candidates.length; i++) {
    const c = candidates[i];
    if (c.explains.some((r) => explained.has(r))) continue;
    if (sharing.get(signatures[i])! > 1) continue;
    for (const r of c.explains) explained.add(r);
    out.push({ kind: 'cell', cell: c.cell, expected: c.expected, relations: c.explains });
  }
  for (const rel of broken) {
    if (explained.has(rel)) continue;
    const result = resultOf(rel);
    let expected: number | undefined;
    if (result) {
      const own = countOf(result)!;
      const coef = coefficient(rel, result);
      const v = own - (rel.lhsSum - rel.rhsSum) / coef;
      if (v >= 0) expected = v;
    }
    out.push({ kind: 'relation', relation: rel, expected });
  }
  return out;
}

/**
 * Values the relations force on blank cells: the only unknown of a relation, or several unknowns
 * on one side that must all be 0 because the known cells already balance. Propagated to a fixed
 * point. The keys of values that rest on a row lacking cells go into `uncertain`.
 */
function deriveBlanks(relations: RelationState[], uncertain: Set<string>): Map<string, number> {
  const derived = new Map<string, number>();
  const found = new Map<DataCell, number>();
  const valueOf = (c: DataCell): number | undefined => countOf(c) ?? found.get(c);
  let from: RelationState | undefined;
  const set = (c: DataCell, v: number): void => {
    found.set(c, v);
    derived.set(c.key, v);
    const doubtful = (x: DataCell) => x.rowIncomplete || uncertain.has(x.key);
    if (from && (from.lhs.some(doubtful) || from.rhs.some(doubtful))) uncertain.add(c.key);
  };
  const candidates = relations.filter((r) => r.status === 'unknown' && [...r.lhs, ...r.rhs].every((c) => isMissing(c) || countOf(c) !== undefined));
  let changed = true;
  for (let pass = 0; changed && pass < 50; pass++) {
    changed = false;
    for (const r of candidates) {
      from = r;
      const unknownL = r.lhs.filter((c) => valueOf(c) === undefined);
      const unknownR = r.rhs.filter((c) => valueOf(c) === undefined);
      const n = unknownL.length + unknownR.length;
      if (n === 0) continue;
      const diff = r.lhs.reduce((s, c) => s + (valueOf(c) ?? 0), 0) - r.rhs.reduce((s, c) => s + (valueOf(c) ?? 0), 0);
      if (n === 1) {
        const v = unknownL.length === 1 ? -diff : diff;
        if (v < 0) continue;
        set(unknownL[0] ?? unknownR[0], v);
        changed = true;
      } else if (diff === 0 && (unknownL.length === 0 || unknownR.length === 0)) {
        for (const c of [...unknownL, ...unknownR]) set(c, 0);
        changed = true;
      }
    }
  }
  // Filled in, the values must make every relation hold; when one breaks, the relations disagree
  // (a wrong number elsewhere) and determine nothing.
  const sum = (cells: DataCell[]) => cells.reduce((s, c) => s + (valueOf(c) ?? NaN), 0);
  if (derived.size > 0 && candidates.some((r) => sum(r.lhs) !== sum(r.rhs) && !Number.isNaN(sum(r.lhs) - sum(r.rhs)))) {
    uncertain.clear();
    return new Map();
  }
  return derived;
}
