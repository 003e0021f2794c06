import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkReport } from '../../server/src/engine/check';
import { applyEdits } from '../../server/src/engine/fixes/apply';
import { layoutFixtures, setCell } from '../helpers';
import { LINE, relevant, SMALL_REPORT } from './arithmetic-fixture';

test('a wrong （七）总计 detail column is reported on the （七） cell with a preferred fix', () => {
  const text = setCell(SMALL_REPORT, 'table3', 'total7', 'business', '3');
  const findings = relevant(checkReport({ text }).findings);
  assert.equal(findings.length, 1, 'row (七) and column 商业企业 both break: one diagnostic');
  const r = findings;
  assert.deepEqual(r.map((f) => f.code), ['column-total'], '（七）·商业企业 is the result of its column');
  assert.equal(r[0].range.start.line, LINE.total7);
  assert.equal(r[0].fixes[0].edits[0].newText, '2');
  assert.equal(r[0].fixes[0].preferred, true);
});

test('a detail cell whose row has a blank still is the only cell that explains its column', () => {
  let text = setCell(SMALL_REPORT, 'table3', 'public', 'research', ' ');
  text = setCell(text, 'table3', 'public', 'natural', '4');
  const findings = relevant(checkReport({ text }).findings).filter((f) => f.code === 'column-total');
  assert.equal(findings.length, 1);
  assert.equal(findings[0].range.start.line, LINE.public, 'every other cell of the column sits in a relation that holds');
  assert.equal(findings[0].fixes[0].edits[0].newText, '3');
  assert.equal(findings[0].fixes[0].preferred, false);
});

test('two wrong cells in one column are reported per relation on （七）', () => {
  let text = setCell(SMALL_REPORT, 'table3', 'public', 'research', ' ');
  text = setCell(text, 'table3', 'public', 'natural', '4');
  text = setCell(text, 'table3', 'partial', 'research', ' ');
  text = setCell(text, 'table3', 'partial', 'natural', '3');
  const findings = relevant(checkReport({ text }).findings).filter((f) => f.code === 'column-total');
  assert.equal(findings.length, 1);
  assert.equal(findings[0].range.start.line, LINE.total7);
  assert.equal(findings[0].fixes[0].preferred, false);
});

test('silent on consistent reports of every layout', () => {
  for (const { name, text } of layoutFixtures()) {
    assert.deepEqual(relevant(checkReport({ text }).findings).filter((f) => f.code === 'column-total').map((f) => f.code), [], name);
  }
});

for (const { name, text } of layoutFixtures()) {
  test(`fires when （七） is wrong in layout ${name}; the fix removes it`, () => {
    const bad = setCell(text, 'table3', 'total7', 'total', '999');
    const r = relevant(checkReport({ text: bad, options: { rules: { 'row-total': 'off' } } }).findings).filter((f) => f.severity === 'error');
    assert.deepEqual(r.map((f) => f.code), ['column-total']);
    const fixed = applyEdits(bad, r[0].fixes[0].edits);
    assert.equal(fixed, text);
  });
}
