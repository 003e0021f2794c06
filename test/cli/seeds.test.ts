/**
 * Acceptance: the five seed reports give exactly what the catalogue asks for, read through the
 * CLI's JSON output; and `gkreport fix` on each leaves no fixable finding and changes nothing else.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fixturePath, repoRoot, SEEDS } from '../helpers';

const CLI = join(repoRoot(), 'dist', 'cli.js');
const ARITHMETIC = ['row-total', 'column-total', 'balance', 'appeal-total'];

interface Diagnostic {
  code: string;
  severity: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  fixes: { preferred?: boolean }[];
}

function checkJson(files: string[]): { file: string; format: string; year: number; diagnostics: Diagnostic[] }[] {
  const r = spawnSync(process.execPath, [CLI, 'check', '--format', 'json', '--locale', 'en', ...files], { encoding: 'utf8' });
  assert.ok(r.status === 0 || r.status === 1, r.stderr);
  return JSON.parse(r.stdout);
}

const entries = checkJson(Object.values(SEEDS).map((f) => fixturePath(f)));
const bySeed = (seed: string) => entries.find((e) => e.file.endsWith(SEEDS[seed]))!.diagnostics;
const codes = (d: Diagnostic[], pred: (x: Diagnostic) => boolean = () => true) => [...new Set(d.filter(pred).map((x) => x.code))].sort();
const lines = (d: Diagnostic[], code: string) => d.filter((x) => x.code === code).map((x) => x.range.start.line);

test('every seed is read as a 2020 report in the 2019 format', () => {
  assert.equal(entries.length, 5);
  for (const e of entries) assert.deepEqual([e.year, e.format], [2020, '2019'], e.file);
});

test('seed 000: empty-cell for the blank cells of tables 3 and 4, unit for 4902000, no arithmetic errors', () => {
  const d = bySeed('000');
  const blanks = lines(d, 'empty-cell');
  assert.equal(blanks.length, 169);
  assert.ok(blanks.every((l) => (l >= 51 && l <= 74) || l === 81), 'only in tables 3 (lines 52–75) and 4 (line 82)');
  assert.deepEqual(lines(d, 'unit'), [44]);
  assert.deepEqual(codes(d, (x) => ARITHMETIC.includes(x.code)), []);
});

test('seed 001: period, and nothing else at error or warning level', () => {
  const d = bySeed('001');
  assert.deepEqual(codes(d, (x) => x.severity !== 'info'), ['period']);
  assert.deepEqual(lines(d, 'period'), [1]);
});

test('seed 002: empty-cell for the blank cells of table 3; no arithmetic errors, no missing-*', () => {
  const d = bySeed('002');
  const blanks = lines(d, 'empty-cell');
  assert.equal(blanks.length, 141);
  assert.ok(blanks.every((l) => l >= 110 && l <= 352), 'only in table 3');
  assert.deepEqual(codes(d, (x) => ARITHMETIC.includes(x.code) || x.code.startsWith('missing-')), []);
});

test('seed 003: unit for 2034.38, nothing at error level', () => {
  const d = bySeed('003');
  assert.deepEqual(lines(d, 'unit'), [47]);
  assert.deepEqual(codes(d, (x) => x.severity === 'error'), []);
});

test('seed 004: blank 自然人 cells of （一）…（五）5, label 2.其他法律法规禁止公开, decimals 1075.178', () => {
  const d = bySeed('004');
  const blanks = d.filter((x) => x.code === 'empty-cell');
  assert.equal(blanks.length, 18);
  assert.deepEqual(blanks.map((x) => x.range.start.line), [54, 55, 56, 57, 58, 59, 60, 61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 71]);
  assert.deepEqual(lines(d, 'label'), [57]);
  assert.deepEqual(lines(d, 'decimals'), [43]);
  assert.deepEqual(codes(d, (x) => ARITHMETIC.includes(x.code)), []);
});

const tmp = mkdtempSync(join(tmpdir(), 'gk-seeds-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

for (const [seed, name] of Object.entries(SEEDS)) {
  test(`gkreport fix on seed ${seed} leaves no fixable finding and changes only fixed lines`, () => {
    const file = join(tmp, name);
    copyFileSync(fixturePath(name), file);
    const before = readFileSync(file, 'utf8');
    const fixable = checkJson([file])[0].diagnostics.filter((x) => x.fixes.some((f) => f.preferred));
    const touched = new Set(fixable.flatMap((x) => [x.range.start.line, x.range.end.line]));
    spawnSync(process.execPath, [CLI, 'fix', file], { encoding: 'utf8' });
    const afterText = readFileSync(file, 'utf8');
    const remaining = checkJson([file])[0].diagnostics;
    assert.deepEqual(remaining.filter((x) => x.fixes.some((f) => f.preferred)).map((x) => x.code), []);
    const a = before.split('\n');
    const b = afterText.split('\n');
    assert.equal(b.length, a.length, 'no line added or removed');
    a.forEach((line, i) => {
      if (line !== b[i]) assert.ok(touched.has(i), `line ${i + 1} changed without a fixable finding on it`);
    });
    assert.equal(afterText !== before, fixable.length > 0);
  });
}
