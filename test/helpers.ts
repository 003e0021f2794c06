/**
 * Shared test helpers: locating fixtures from the compiled test files.
 */
import { existsSync, readFileSync } from 'node:fs';
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
