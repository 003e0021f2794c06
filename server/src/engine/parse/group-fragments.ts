/**
 * Table 3's group labels wrapped in their narrow column, as `pdftotext -layout` writes a PDF's
 * table: `三、本年度办理结果` spans the rows of its group and comes out in pieces at the start of
 * their lines, `三、本年 （一）予以公开 11 …` / `度办理结 （二）部分公开（区分处理的，只计这一情` /
 * `果 3 0 …`. Left there, the pieces hide the group's label and cut into the rows' own labels and
 * values.
 */
import { FORMATS } from '../template';
import { hasCjk, isWhitespace, splitOrdinal, toHalfWidth } from '../text/normalize';
import { parseValue } from '../text/numbers';
import { isLabel, isLabelPrefix, matchLabel } from './labels';
import { emptied, joinedCell, makeCell, type Line } from './lines';
import type { TextCell } from '../model';

/** The longest piece of a group label wrapped in its column (`三、本年`, `度办理结`, `（三）不`). */
const MAX_PIECE = 5;
/** How many lines a wrapped group label may span, its rows' lines between its pieces included. */
const MAX_SPAN = 4;
/** How near (in lines) a row written with spaces must be to the pieces: they belong to such a table (a table of blank rows has few). */
const NEAR = 16;

interface Piece {
  line: number;
  cell: TextCell;
  /** The rest of a line of text after the piece and a space (`（二）部分公开…` after `度办理结`). */
  rest?: TextCell;
}

/**
 * Takes the pieces of each group label of table 3 wrapped at the start of lines of a table written
 * with spaces (`（六）其` … `他处理`, other lines between) out of their lines, when together they
 * name a group's row exactly, so that the rows' labels and values read as if the group's column
 * were not there. The joined labels are returned by the line of their first piece, for the parser
 * to read before that line: a group's row holds no values.
 */
export function joinGroupFragments(text: string, lines: Line[]): Map<number, TextCell> {
  const groups = new Map<number, TextCell>();
  // Pieces are joined only near a row written with spaces (`inSpacedTable`): without one, none is.
  if (!lines.some(isSpacedRow)) return groups;
  for (let i = 0; i < lines.length; i++) {
    const first = pieceOf(text, lines[i]);
    if (!first || !(isLabelPrefix(first.cell.text) || isOrdinalAlone(first.cell.text))) continue;
    const pieces = [first];
    let joined = first.cell.text;
    for (let j = i + 1; j < lines.length && j <= i + MAX_SPAN && !isGroupLabel(joined); j++) {
      const piece = pieceOf(text, lines[j]);
      if (!piece) continue;
      // Another row's piece between them (`8.属于行政` / `三、本 0 0 …` / `查询事项` / `年度办`) is passed over.
      if (!isLabelPrefix(joined + piece.cell.text) && !isGroupLabel(joined + piece.cell.text)) continue;
      pieces.push(piece);
      joined += piece.cell.text;
    }
    const last = pieces[pieces.length - 1].line;
    if (pieces.length < 2 || !isGroupLabel(joined) || !inSpacedTable(lines, i, last)) continue;
    groups.set(i, joinedCell(pieces.map((p) => p.cell), joined));
    for (const p of pieces) {
      const line = lines[p.line];
      if (p.rest) line.cells[0] = p.rest;
      else if (line.kind === 'row') line.cells.shift();
      else lines[p.line] = emptied(line);
    }
    i = last;
  }
  return groups;
}

/**
 * The short words a line starts with, set apart from the rest by spaces: a possible piece of a
 * wrapped group label, the first cell of a row written with spaces or the start of a line of text
 * (`理结果 理的，只计这一情形，不 3 0 …`: the row's own label follows after one space).
 */
function pieceOf(text: string, line: Line): Piece | undefined {
  const cell = line.cells[0];
  if (!cell || !(line.kind === 'text' || (line.kind === 'row' && line.layout === 'spaces'))) return undefined;
  let end = 0;
  while (end < cell.text.length && end <= MAX_PIECE && !isWhitespace(cell.text.charCodeAt(end))) end++;
  if (end > MAX_PIECE) return undefined;
  if (end === cell.text.length) return isPiece(cell.text) ? { line: line.index, cell } : undefined;
  const piece = makeCell(text, cell.start, cell.start + end, line.index);
  if (!isPiece(piece.text)) return undefined;
  return { line: line.index, cell: piece, rest: makeCell(text, cell.start + end, cell.end, line.index) };
}

/** Whether a text is an ordinal alone (`（三）`): the first piece of `（三）` / `不予公` / `开`. */
function isOrdinalAlone(t: string): boolean {
  const half = toHalfWidth(t);
  const { value, rest } = splitOrdinal(half);
  return value !== undefined && half.slice(rest).trim() === '';
}

function isPiece(t: string): boolean {
  return t.length > 0 && t.length <= MAX_PIECE && hasCjk(t) && parseValue(t).kind === 'text' && !isLabel(t);
}

function isSpacedRow(line: Line): boolean {
  return line.kind === 'row' && line.layout === 'spaces';
}

/**
 * Whether lines `first` … `last` lie in a table written with spaces: such a row stands near them,
 * and nothing among them is a cell or a row of another layout (in one-cell-a-line tables, a label
 * broken over lines is joined where its last piece stands, and a line emptied here would end a row).
 */
function inSpacedTable(lines: Line[], first: number, last: number): boolean {
  for (let k = first; k <= last; k++) if (lines[k].kind === 'cell' || (lines[k].kind === 'row' && lines[k].layout !== 'spaces')) return false;
  return lines.slice(Math.max(0, first - NEAR), last + NEAR + 1).some(isSpacedRow);
}

/** Whether a text is, exactly, the label of a row of table 3 that groups other rows in either format (`（三）不予公开`; `（六）其他处理` in 2021). */
function isGroupLabel(t: string): boolean {
  return matchLabel(t).some((m) => m.quality !== 'fuzzy' && m.entry.table === 'table3' && m.entry.kind === 'row' && GROUPS.has(m.entry.id ?? ''));
}

const GROUPS = new Set(Object.values(FORMATS).flatMap((f) => f.tables.filter((t) => t.id === 'table3').flatMap((t) => t.sections.flatMap((s) => s.rows.filter((r) => !r.data).map((r) => r.id)))));
