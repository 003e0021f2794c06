import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkReport } from '../../server/src/engine/check';
import { applyEdits } from '../../server/src/engine/fixes/apply';
import { layoutFixtures, setCell } from '../helpers';
import { LINE, relevant, SMALL_REPORT } from './arithmetic-fixture';

test('a block whose 总计 disagrees: one diagnostic spanning the block, fix sets 总计', () => {
  const text = setCell(SMALL_REPORT, 'table4', 'cases', 'review.total', '5');
  const findings = relevant(checkReport({ text }).findings);
  assert.deepEqual(findings.map((f) => f.code), ['appeal-total']);
  const f = findings[0];
  assert.equal(f.range.start.line, LINE.t4);
  assert.equal(f.range.start.character, 0);
  assert.equal(f.range.end.character, '1\t0\t1\t0\t5'.length);
  assert.equal(f.fixes[0].edits[0].newText, '2');
  assert.equal(f.fixes[0].preferred, false, 'any of the five cells may be wrong');
  assert.deepEqual(relevant(checkReport({ text: applyEdits(text, f.fixes[0].edits) }).findings), []);
});

test('a 总计 below every detail is the only single-cell fix, but not unasked when the text states it', () => {
  const zeroReviews = setCell(SMALL_REPORT, 'table4', 'cases', 'review.total', '0');
  const fixOf = (doc: string) => relevant(checkReport({ text: doc }).findings).find((f) => f.code === 'appeal-total')!.fixes[0];
  assert.deepEqual([fixOf(zeroReviews).edits[0].newText, fixOf(zeroReviews).preferred], ['2', true]);
  assert.equal(fixOf(`${zeroReviews}本年度未发生政府信息公开行政复议，行政复议0件。\n`).preferred, false);
  // Litigation: the text states the two litigation 总计 together.
  let lawsuits = setCell(SMALL_REPORT, 'table4', 'cases', 'direct.upheld', '1');
  lawsuits = setCell(lawsuits, 'table4', 'cases', 'direct.other', '1');
  lawsuits = setCell(lawsuits, 'table4', 'cases', 'direct.pending', '0');
  lawsuits = setCell(lawsuits, 'table4', 'cases', 'direct.total', '0');
  assert.deepEqual([fixOf(lawsuits).edits[0].newText, fixOf(lawsuits).preferred], ['2', true]);
  assert.equal(fixOf(`${lawsuits}被提起行政诉讼0件。\n`).preferred, false);
  assert.equal(fixOf(`${lawsuits}被提起行政诉讼2件。\n`).preferred, true);
  // 尚未审结 and 总计 swapped (2 and 0): the only single-cell fix writes 4 in 总计, which the text's 2 disputes.
  const swapped = setCell(setCell(SMALL_REPORT, 'table4', 'cases', 'review.pending', '2'), 'table4', 'cases', 'review.total', '0');
  assert.deepEqual([fixOf(swapped).edits[0].newText, fixOf(swapped).preferred], ['4', true]);
  assert.equal(fixOf(`${swapped}本年度被申请行政复议2件。\n`).preferred, false);
});

test('each block is checked on its own', () => {
  const text = setCell(SMALL_REPORT, 'table4', 'cases', 'direct.pending', '3');
  const findings = relevant(checkReport({ text }).findings);
  assert.deepEqual(findings.map((f) => f.code), ['appeal-total']);
  assert.ok(findings[0].range.start.character > '1\t0\t1\t0\t2\t'.length - 1);
});

test('silent when the block holds a blank (empty-cell reports it instead)', () => {
  const text = setCell(SMALL_REPORT, 'table4', 'cases', 'review.other', '');
  assert.deepEqual(relevant(checkReport({ text }).findings).map((f) => f.code), ['empty-cell']);
});

for (const { name, text } of layoutFixtures()) {
  test(`fires in layout ${name}`, () => {
    const bad = setCell(text, 'table4', 'cases', 'after.total', '77');
    const r = relevant(checkReport({ text: bad }).findings).filter((f) => f.severity === 'error');
    assert.deepEqual(r.map((f) => f.code), ['appeal-total']);
    assert.deepEqual(relevant(checkReport({ text: applyEdits(bad, r[0].fixes[0].edits) }).findings).filter((f) => f.severity === 'error'), []);
  });
}

test('a row that lacks a cell: its values may be shifted, so no fix is applied unasked', () => {
  for (const { name, text } of layoutFixtures()) {
    const model = checkReport({ text }).model;
    const row = model.tables.find((t) => t.id === 'table4')!.sections[0].rows[0];
    // 行政复议 · 结果纠正 deleted: the values after it move one column left.
    const gone = row.cells.find((c) => c.ref.column === 'review.corrected')!.source!;
    const next = row.cells[row.cells.indexOf(row.cells.find((c) => c.ref.column === 'review.corrected')!) + 1].source!;
    const short = text.slice(0, gone.start) + text.slice(next.start);
    const findings = checkReport({ text: short }).findings.filter((f) => ['appeal-total', 'empty-cell'].includes(f.code));
    assert.ok(findings.length > 0, `${name}: the short row is reported`);
    for (const f of findings) assert.ok(f.fixes.every((x) => !x.preferred), `${name}: ${f.code} ${f.message}`);
  }
});
