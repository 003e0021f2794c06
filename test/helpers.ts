/**
 * Shared test helpers: locating fixtures from the compiled test files.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from 'node:path';

/** The repository root (the folder holding package.json). */
export function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('package.json not found above ' + __dirname);
    dir = up;
  }
  return dir;
}

/** Absolute path of a file in test/fixtures. */
export function fixturePath(name: string): string {
  return join(repoRoot(), 'test', 'fixtures', name);
}

/** Text of a file in test/fixtures. */
export function readFixture(name: string): string {
  return readFileSync(fixturePath(name), 'utf8');
}

/** The five seed reports, by their three-digit number. */
export const SEEDS: Record<string, string> = {
  '000': '000_667c5a54eca75dc6.txt',
  '001': '001_efe2eca494f81be5.txt',
  '002': '002_3e9d78ad42ed105e.txt',
  '003': '003_9eb6a65c53a7db1b.txt',
  '004': '004_13c26623e78398c9.txt',
};

import { readdirSync } from 'node:fs';
import { parseReport } from '../server/src/engine/parse/parser';
import type { DataCell, ReportModel, TableInstance } from '../server/src/engine/model';
import { cellKey } from '../server/src/engine/template';
import type { Range } from '../server/src/engine/types';

/** The consistent layout fixtures (test/fixtures/layouts), by file name. */
export function layoutFixtures(): { name: string; text: string }[] {
  const dir = join(repoRoot(), 'test', 'fixtures', 'layouts');
  return readdirSync(dir).sort().map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') }));
}

/** A data cell of the first instance of a table, by row and column id. */
export function findCell(model: ReportModel, table: string, row: string, column: string): { table: TableInstance; cell: DataCell } {
  const t = model.tables.find((x) => x.id === table);
  if (!t) throw new Error(`no ${table}`);
  for (const [key, cell] of t.cells) {
    if (key === cellKey({ table: t.id, section: cell.ref.section, row, column })) return { table: t, cell };
  }
  throw new Error(`no cell ${table}/${row}/${column}`);
}

/** Replaces the number of a cell (located by parsing) with `value`. */
export function setCell(text: string, table: string, row: string, column: string, value: string): string {
  const { cell } = findCell(parseReport(text), table, row, column);
  const src = cell.source!;
  return text.slice(0, src.start) + value + text.slice(src.end);
}

/** Whether range `outer` contains range `inner`. */
export function contains(outer: Range, inner: Range): boolean {
  const le = (a: Range['start'], b: Range['start']) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return le(outer.start, inner.start) && le(inner.end, outer.end);
}

/** The LSP range of a cell's text. */
export function cellRange(model: ReportModel, cell: DataCell): Range {
  const src = cell.source!;
  const pos = (o: number) => {
    let line = 0;
    while (line + 1 < model.lineStarts.length && model.lineStarts[line + 1] <= o) line++;
    return { line, character: o - model.lineStarts[line] };
  };
  return { start: pos(src.start), end: pos(src.end) };
}
