/**
 * Arithmetic analysis of a table: every relation of its format evaluated, broken relations
 * localised to the one cell whose correction repairs them all ("one wrong cell, one diagnostic"),
 * and blank cells whose value the relations determine.
 */
import type { DataCell, TableInstance } from '../model';
import { cellCount, FORMATS } from '../template';
import type { RelationDecl, TableId } from '../template/types';
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
  return cell?.count;
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
  const set = relationsOf(format, table.id);
  const relations: Relation[] = [];
  const sides = new Array<DataCell[] | undefined>(set.decls.length * 2).fill(undefined);
  for (let r = 0; r < set.decls.length; r++) relations.push(new Relation(set.decls[r], r, table.byIndex, sides));
  return new TableAnalysis(relations, set);
}

/**
 * A relation evaluated on the cells of a table (by `cellIndex`). Its status and sums are computed at
 * once; the cells themselves only when asked for, as most relations of a report hold and nobody
 * asks. They are kept in an array the table's relations share, not in fields of their own: V8
 * compiles against a field that was never written again as a constant, and a memo written late in
 * a run would discard that code.
 */
class Relation implements RelationState {
  // Declared only and set in the constructor (see `SourceCell`): some forty relations a report.
  declare readonly decl: RelationDecl;
  /** The relation's place among its table's relations. */
  declare readonly position: number;
  declare private readonly cells: (DataCell | undefined)[];
  /** The cells of each relation of the table, lhs at `2 × position`, rhs after it, once asked for. */
  declare private readonly sides: (DataCell[] | undefined)[];
  declare readonly status: RelationState['status'];
  declare readonly lhsSum: number;
  declare readonly rhsSum: number;

  constructor(decl: RelationDecl, position: number, cells: (DataCell | undefined)[], sides: (DataCell[] | undefined)[]) {
    this.decl = decl;
    this.position = position;
    this.cells = cells;
    this.sides = sides;
    const lhs = sumOf(decl.lhsIndexes, cells);
    const rhs = sumOf(decl.rhsIndexes, cells);
    this.status = lhs === ABSENT || rhs === ABSENT ? 'absent' : Number.isNaN(lhs) || Number.isNaN(rhs) ? 'unknown' : lhs === rhs ? 'holds' : 'broken';
    const known = this.status === 'holds' || this.status === 'broken';
    this.lhsSum = known ? lhs : 0;
    this.rhsSum = known ? rhs : 0;
  }

  get lhs(): DataCell[] {
    return (this.sides[2 * this.position] ??= present(this.decl.lhsIndexes, this.cells));
  }

  get rhs(): DataCell[] {
    return (this.sides[2 * this.position + 1] ??= present(this.decl.rhsIndexes, this.cells));
  }
}

/** What `sumOf` gives when a cell of the relation is missing from the table. */
const ABSENT = -1;

/** The sum of the counts at `indexes`: `ABSENT` when a cell is missing, NaN when one holds no valid count. */
function sumOf(indexes: number[], cells: (DataCell | undefined)[]): number {
  let sum = 0;
  for (let k = 0; k < indexes.length; k++) {
    const i = indexes[k];
    const c = i >= 0 ? cells[i] : undefined;
    if (c === undefined) return ABSENT;
    const n = countOf(c);
    sum = n === undefined ? NaN : sum + n;
  }
  return sum;
}

/** The cells present at `indexes`, in their order. */
function present(indexes: number[], cells: (DataCell | undefined)[]): DataCell[] {
  const out: DataCell[] = [];
  for (let k = 0; k < indexes.length; k++) {
    const c = indexes[k] >= 0 ? cells[indexes[k]] : undefined;
    if (c !== undefined) out.push(c);
  }
  return out;
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
  private index?: Map<string, RelationState[]> = undefined;

  constructor(
    readonly relations: Relation[],
    private readonly set: TableRelations,
  ) {
    this.explanations = localise(relations, set);
    this.derived = deriveBlanks(relations, this.uncertain);
  }

  get byCell(): Map<string, RelationState[]> {
    if (!this.index) {
      this.index = new Map();
      for (const relation of this.relations) {
        for (const cell of [...relation.lhs, ...relation.rhs]) {
          if (!this.index.has(cell.key)) this.index.set(cell.key, this.set.through[cell.index].map((r) => this.relations[r]));
        }
      }
    }
    return this.index;
  }
}

/** The relations of a format whose cells lie in one table, and the ones passing through each of its cells. */
interface TableRelations {
  decls: RelationDecl[];
  /** By `cellIndex`: the places in `decls` of the relations passing through that cell, in order. */
  through: number[][];
}

// One map per format: a record keyed '2019' and '2021' would hold them as sparse elements.
const relations2019 = new Map<string, TableRelations>();
const relations2021 = new Map<string, TableRelations>();

/** The relations of a format whose cells lie in one table (computed once per format and table). */
function relationsOf(format: FormatId, tableId: TableId): TableRelations {
  const byTable = format === '2019' ? relations2019 : relations2021;
  let set = byTable.get(tableId);
  if (!set) {
    const decls = FORMATS[format].relations.filter((r) => r.lhs[0].table === tableId);
    const through = Array.from({ length: cellCount(tableId) }, (): number[] => []);
    decls.forEach((decl, r) => {
      for (const i of [...decl.lhsIndexes, ...decl.rhsIndexes]) if (i >= 0 && through[i][through[i].length - 1] !== r) through[i].push(r);
    });
    byTable.set(tableId, (set = { decls, through }));
  }
  return set;
}

function coefficient(rel: RelationState, cell: DataCell): number {
  return (rel.decl.lhsIndexes.includes(cell.index) ? 1 : 0) - (rel.decl.rhsIndexes.includes(cell.index) ? 1 : 0);
}

/** A cell whose correction would repair the broken relations it `explains`. */
interface Candidate {
  cell: DataCell;
  expected: number;
  explains: Relation[];
}

// The functions below loop by hand rather than with `map`/`filter`/`some`: the arrays they walk
// hold cells, relations or numbers as the report has them, and V8's optimised code for an array
// method is bound to the kind of array it first saw, so each new kind cost a deoptimisation.

/** Broken relations grouped under the single cells that explain them. */
function localise(relations: Relation[], set: TableRelations): Explanation[] {
  const broken: Relation[] = [];
  for (let r = 0; r < relations.length; r++) if (relations[r].status === 'broken') broken.push(relations[r]);
  if (broken.length === 0) return [];
  const candidates: Candidate[] = [];
  const seen = new Set<DataCell>();
  for (let b = 0; b < broken.length; b++) {
    addCandidates(broken[b].lhs, relations, set, seen, candidates);
    addCandidates(broken[b].rhs, relations, set, seen, candidates);
  }
  candidates.sort(byExplained);
  // Candidates explaining exactly the same relations are rivals: none of them is the wrong cell.
  const signatures: string[] = [];
  const sharing = new Map<string, number>();
  for (let i = 0; i < candidates.length; i++) {
    const sig = signature(candidates[i]);
    signatures.push(sig);
    sharing.set(sig, (sharing.get(sig) ?? 0) + 1);
  }
  const explained = new Set<RelationState>();
  const out: Explanation[] = [];
  for (let i = 0; i < candidates.length; i++) {
    const c = candidates[i];
    if (anyIn(c.explains, explained) || sharing.get(signatures[i])! > 1) continue;
    for (let k = 0; k < c.explains.length; k++) explained.add(c.explains[k]);
    out.push({ kind: 'cell', cell: c.cell, expected: c.expected, relations: c.explains });
  }
  for (let b = 0; b < broken.length; b++) {
    const rel = broken[b];
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
 * Adds to `candidates` each cell of `cells` not seen yet whose one new value would repair every
 * broken relation through it, when no relation through it holds.
 */
function addCandidates(cells: DataCell[], relations: Relation[], set: TableRelations, seen: Set<DataCell>, candidates: Candidate[]): void {
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i];
    if (seen.has(cell)) continue;
    seen.add(cell);
    const through = set.through[cell.index];
    const evaluated: Relation[] = [];
    let holds = false;
    for (let k = 0; k < through.length; k++) {
      const r = relations[through[k]];
      if (r.status === 'holds') holds = true;
      else if (r.status === 'broken') evaluated.push(r);
    }
    if (holds) continue;
    let delta: number | undefined;
    let ok = true;
    for (let k = 0; k < evaluated.length && ok; k++) {
      const r = evaluated[k];
      const coef = coefficient(r, cell);
      if (coef === 0) ok = false;
      else {
        const d = -(r.lhsSum - r.rhsSum) / coef;
        if (delta === undefined) delta = d;
        else if (delta !== d) ok = false;
      }
    }
    const value = countOf(cell)!;
    if (!ok || delta === undefined || value + delta < 0) continue;
    candidates.push({ cell, expected: value + delta, explains: evaluated });
  }
}

/** Candidates explaining more relations first (a stable sort keeps document order among equals). */
function byExplained(a: Candidate, b: Candidate): number {
  return b.explains.length - a.explains.length;
}

/** The relations a candidate explains as text: their places, ascending as `through` lists them. */
function signature(c: Candidate): string {
  let sig = '';
  for (let k = 0; k < c.explains.length; k++) sig += (k > 0 ? ',' : '') + c.explains[k].position;
  return sig;
}

function anyIn(relations: Relation[], set: Set<RelationState>): boolean {
  for (let k = 0; k < relations.length; k++) if (set.has(relations[k])) return true;
  return false;
}

/**
 * Values the relations force on blank cells: the only unknown of a relation, or several unknowns
 * on one side that must all be 0 because the known cells already balance. Propagated to a fixed
 * point. The keys of values that rest on a row lacking cells go into `uncertain`.
 */
function deriveBlanks(relations: RelationState[], uncertain: Set<string>): Map<string, number> {
  const candidates: RelationState[] = [];
  for (let r = 0; r < relations.length; r++) {
    const rel = relations[r];
    if (rel.status === 'unknown' && allReadable(rel.lhs) && allReadable(rel.rhs)) candidates.push(rel);
  }
  const derived = new Map<string, number>();
  if (candidates.length === 0) return derived;
  const found = new Map<DataCell, number>();
  const unknownL: DataCell[] = [];
  const unknownR: DataCell[] = [];
  let changed = true;
  for (let pass = 0; changed && pass < 50; pass++) {
    changed = false;
    for (let k = 0; k < candidates.length; k++) {
      const r = candidates[k];
      const diff = knownSum(r.lhs, found, unknownL) - knownSum(r.rhs, found, unknownR);
      const n = unknownL.length + unknownR.length;
      if (n === 0) continue;
      if (n === 1) {
        const v = unknownL.length === 1 ? -diff : diff;
        if (v < 0) continue;
        setDerived(unknownL.length === 1 ? unknownL[0] : unknownR[0], v, r, found, derived, uncertain);
        changed = true;
      } else if (diff === 0 && (unknownL.length === 0 || unknownR.length === 0)) {
        for (let i = 0; i < unknownL.length; i++) setDerived(unknownL[i], 0, r, found, derived, uncertain);
        for (let i = 0; i < unknownR.length; i++) setDerived(unknownR[i], 0, r, found, derived, uncertain);
        changed = true;
      }
    }
  }
  // Filled in, the values must make every relation hold; when one breaks, the relations disagree
  // (a wrong number elsewhere) and determine nothing.
  if (derived.size > 0) {
    for (let k = 0; k < candidates.length; k++) {
      const lhs = filledSum(candidates[k].lhs, found);
      const rhs = filledSum(candidates[k].rhs, found);
      if (lhs !== rhs && !Number.isNaN(lhs - rhs)) {
        uncertain.clear();
        return new Map();
      }
    }
  }
  return derived;
}

/** Whether every cell is blank, a placeholder or a valid count: nothing a relation cannot read. */
function allReadable(cells: DataCell[]): boolean {
  for (let i = 0; i < cells.length; i++) if (!isMissing(cells[i]) && countOf(cells[i]) === undefined) return false;
  return true;
}

/** The sum of the cells' counts and values derived so far; the cells with neither go into `unknown` (emptied first). */
function knownSum(cells: DataCell[], found: Map<DataCell, number>, unknown: DataCell[]): number {
  unknown.length = 0;
  let sum = 0;
  for (let i = 0; i < cells.length; i++) {
    const v = cells[i].count ?? found.get(cells[i]);
    if (v === undefined) unknown.push(cells[i]);
    else sum += v;
  }
  return sum;
}

/** The sum of the cells' counts and derived values, NaN when one has neither. */
function filledSum(cells: DataCell[], found: Map<DataCell, number>): number {
  let sum = 0;
  for (let i = 0; i < cells.length; i++) sum += cells[i].count ?? found.get(cells[i]) ?? NaN;
  return sum;
}

/** Records a derived value; it is uncertain when a cell of the relation `from` lies in a row lacking cells or is itself uncertain. */
function setDerived(cell: DataCell, value: number, from: RelationState, found: Map<DataCell, number>, derived: Map<string, number>, uncertain: Set<string>): void {
  found.set(cell, value);
  derived.set(cell.key, value);
  if (anyDoubtful(from.lhs, uncertain) || anyDoubtful(from.rhs, uncertain)) uncertain.add(cell.key);
}

function anyDoubtful(cells: DataCell[], uncertain: Set<string>): boolean {
  for (let i = 0; i < cells.length; i++) if (cells[i].rowIncomplete || (uncertain.size > 0 && uncertain.has(cells[i].key))) return true;
  return false;
}
