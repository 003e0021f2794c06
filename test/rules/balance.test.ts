import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkReport } from '../../server/src/engine/check';
import { applyEdits } from '../../server/src/engine/fixes/apply';
import { layoutFixtures, setCell } from '../helpers';
import { LINE, relevant, SMALL_REPORT } from './arithmetic-fixture';

test('a wrong 四 (carry-over) breaks its row and the balance: reported once on 四', () => {
  const text = setCell(SMALL_REPORT, 'table3', 'carryover', 'natural', '3');
  const findings = relevant(checkReport({ text, options: { rules: { 'row-total': 'off' } } }).findings);
  assert.deepEqual(findings.map((f) => f.code), ['balance']);
  assert.equal(findings[0].range.start.line, LINE.carryover);
  assert.equal(findings[0].fixes[0].edits[0].newText, '1');
  assert.equal(findings[0].fixes[0].preferred, true);
});

test('a wrong 一 cell breaks its row and the balance: reported on 一', () => {
  const text = setCell(SMALL_REPORT, 'table3', 'new', 'research', '2');
  const findings = relevant(checkReport({ text, options: { rules: { 'row-total': 'off' } } }).findings);
  assert.deepEqual(findings.map((f) => f.code), ['balance']);
  assert.equal(findings[0].range.start.line, LINE.new);
  assert.equal(findings[0].fixes[0].edits[0].newText, '0');
});

test('balance with 四 blank in the row: per-relation diagnostic on 四', () => {
  let text = setCell(SMALL_REPORT, 'table3', 'carryover', 'total', ' ');
  text = setCell(text, 'table3', 'carryover', 'natural', '5');
  const findings = relevant(checkReport({ text }).findings).filter((f) => f.code === 'balance');
  assert.equal(findings.length, 1);
  assert.equal(findings[0].range.start.line, LINE.carryover);
});

for (const { name, text } of layoutFixtures()) {
  test(`fires on a wrong 二 in layout ${name}; fix restores it`, () => {
    const bad = setCell(text, 'table3', 'carried', 'otherOrg', '50');
    const r = relevant(checkReport({ text: bad, options: { rules: { 'row-total': 'off' } } }).findings).filter((f) => f.severity === 'error');
    assert.deepEqual(r.map((f) => f.code), ['balance']);
    assert.equal(applyEdits(bad, r[0].fixes[0].edits), text);
  });
}
