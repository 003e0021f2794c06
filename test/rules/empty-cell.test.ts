import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkReport } from '../../server/src/engine/check';
import { applyEdits } from '../../server/src/engine/fixes/apply';
import { layoutFixtures, readFixture, SEEDS, setCell } from '../helpers';
import { LINE, relevant, SMALL_REPORT } from './arithmetic-fixture';

test('a blank cell: visible range on the tab before it, derived fill preferred', () => {
  const text = setCell(SMALL_REPORT, 'table3', 'public', 'business', '');
  const findings = relevant(checkReport({ text }).findings);
  assert.deepEqual(findings.map((f) => f.code), ['empty-cell']);
  const f = findings[0];
  const lineText = text.split('\n')[LINE.public];
  const tab = lineText.indexOf('\t\t', lineText.indexOf('予以公开'));
  assert.deepEqual(f.range, { start: { line: LINE.public, character: tab }, end: { line: LINE.public, character: tab + 1 } });
  assert.equal(f.fixes[0].preferred, true);
  assert.equal(f.fixes[0].edits[0].newText, '1');
  assert.equal(applyEdits(text, f.fixes[0].edits), SMALL_REPORT);
});

test('placeholders count as empty', () => {
  for (const p of ['/', '—', '无', '不适用']) {
    const text = setCell(SMALL_REPORT, 'table3', 'partial', 'legal', p);
    const f = relevant(checkReport({ text }).findings);
    assert.deepEqual(f.map((x) => x.code), ['empty-cell'], p);
    assert.equal(applyEdits(text, f[0].fixes[0].edits), SMALL_REPORT);
  }
});

test('a blank that the relations do not determine: fill 0, not preferred', () => {
  let text = setCell(SMALL_REPORT, 'table3', 'public', 'business', '');
  text = setCell(text, 'table3', 'public', 'total', '');
  const f = relevant(checkReport({ text }).findings).filter((x) => x.code === 'empty-cell');
  assert.equal(f.length, 2);
  const business = f.find((x) => x.message.includes('商业企业'))!;
  assert.ok(business);
});

test('the first blank of a table offers to fill every blank of it', () => {
  const text = readFixture(SEEDS['004']);
  const f = relevant(checkReport({ text }).findings).filter((x) => x.code === 'empty-cell');
  assert.equal(f.length, 18);
  assert.equal(f[0].fixes.length, 2);
  const all = applyEdits(text, f[0].fixes[1].edits);
  assert.deepEqual(relevant(checkReport({ text: all }).findings).filter((x) => x.code === 'empty-cell'), []);
});

test('seeds: blanks of tables 3 and 4 are each reported once and never as arithmetic errors', () => {
  const expected: Record<string, number> = { '000': 169, '001': 0, '002': 141, '003': 0, '004': 18 };
  for (const [seed, n] of Object.entries(expected)) {
    const f = checkReport({ text: readFixture(SEEDS[seed]) }).findings;
    assert.equal(f.filter((x) => x.code === 'empty-cell').length, n, seed);
    assert.deepEqual(f.filter((x) => ['row-total', 'column-total', 'balance', 'appeal-total'].includes(x.code)), [], seed);
    for (const x of f) assert.ok(x.range.end.line > x.range.start.line || x.range.end.character > x.range.start.character, 'never zero-width');
  }
});

for (const { name, text } of layoutFixtures()) {
  test(`blank cell in layout ${name}: fill restores a clean report`, () => {
    const bad = setCell(text, 'table3', 'carryover', 'legal', '');
    const f = relevant(checkReport({ text: bad }).findings);
    assert.deepEqual(f.filter((x) => x.severity === 'error').map((x) => x.code), ['empty-cell']);
    assert.equal(f[0].fixes[0].preferred, true);
    assert.deepEqual(relevant(checkReport({ text: applyEdits(bad, f[0].fixes[0].edits) }).findings).filter((x) => x.severity === 'error'), []);
  });
}
