import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkReport } from '../../server/src/engine/check';
import { applyEdits } from '../../server/src/engine/fixes/apply';
import { layoutFixtures, setCell } from '../helpers';
import { LINE, relevant, SMALL_REPORT } from './arithmetic-fixture';

const codes = (text: string) => relevant(checkReport({ text }).findings).filter((f) => f.severity === 'error').map((f) => f.code);

test('silent on a consistent report', () => {
  assert.deepEqual(codes(SMALL_REPORT), []);
});

test('a wrong 总计 is reported once, on the 总计 cell, with a preferred fix', () => {
  const text = setCell(SMALL_REPORT, 'table3', 'public', 'total', '5');
  const findings = relevant(checkReport({ text }).findings);
  assert.deepEqual(findings.map((f) => f.code), ['row-total']);
  const f = findings[0];
  assert.equal(f.severity, 'error');
  const lineText = text.split('\n')[LINE.public];
  assert.deepEqual(f.range, { start: { line: LINE.public, character: lineText.lastIndexOf('5') }, end: { line: LINE.public, character: lineText.lastIndexOf('5') + 1 } });
  assert.equal(f.fixes[0].preferred, true);
  assert.equal(f.fixes[0].edits[0].newText, '4');
  assert.equal(f.related.length, 2, 'row and column relations listed');
  assert.deepEqual(codes(applyEdits(text, f.fixes[0].edits)), []);
});

test('a 总计 the running text states otherwise than the fix would write is not corrected unasked', () => {
  const text = setCell(SMALL_REPORT, 'table3', 'new', 'total', '9');
  const fixOf = (doc: string) => relevant(checkReport({ text: doc }).findings).find((f) => f.code === 'row-total')!;
  assert.equal(fixOf(text).fixes[0].preferred, true);
  // The text says 9, as the table does: the applicant cells may be the wrong ones.
  const saysNine = `${text}本年度共收到政府信息公开申请9件。\n`;
  const f = fixOf(saysNine);
  assert.deepEqual([f.fixes[0].edits[0].newText, f.fixes[0].preferred], ['8', false]);
  const nine = saysNine.lastIndexOf('9件');
  const line = saysNine.slice(0, nine).split('\n').length - 1;
  const character = nine - saysNine.lastIndexOf('\n', nine) - 1;
  assert.deepEqual(f.related.map((r) => r.range).at(-1), { start: { line, character }, end: { line, character: character + 1 } });
  assert.equal(f.related.length, 3);
  // The text says 8, the value the fix writes: still preferred; 7, neither value: not.
  assert.equal(fixOf(`${text}本年度共收到政府信息公开申请8件。\n`).fixes[0].preferred, true);
  assert.equal(fixOf(`${text}本年度共收到政府信息公开申请7件。\n`).fixes[0].preferred, false);
});

test('a wrong detail cell is reported on that cell, not on the totals', () => {
  const text = setCell(SMALL_REPORT, 'table3', 'unable.none', 'business', '3');
  const findings = relevant(checkReport({ text }).findings);
  assert.equal(findings.length, 1);
  assert.equal(findings[0].code, 'row-total');
  const lineText = text.split('\n')[LINE.unableNone];
  const at = lineText.indexOf('\t3\t') + 1;
  assert.deepEqual(findings[0].range.start, { line: LINE.unableNone, character: at });
  assert.equal(findings[0].fixes[0].edits[0].newText, '1');
  assert.equal(findings[0].fixes[0].preferred, false, 'a detail cell is not fixed automatically');
});

test('two independent errors in one row and elsewhere: one diagnostic per relation when no cell explains them', () => {
  // 予以公开: 自然人 3 → 4 and 商业企业 1 → 2. The row no longer adds up (6 ≠ 4) and neither do the
  // 自然人 and 商业企业 columns; no single cell explains all three, so each relation is reported once.
  let text = setCell(SMALL_REPORT, 'table3', 'public', 'natural', '4');
  text = setCell(text, 'table3', 'public', 'business', '2');
  const findings = relevant(checkReport({ text }).findings);
  assert.deepEqual(findings.map((f) => f.code), ['row-total', 'column-total', 'column-total']);
  assert.ok(findings.every((f) => f.severity === 'error'));
  const row = text.split('\n')[LINE.public];
  const first = row.indexOf('\t4\t2\t') + 1;
  const total = row.length - 1;
  const totals = text.split('\n')[LINE.total7];
  const natural = totals.indexOf('\t5\t2\t') + 1;
  const business = natural + 2;
  const cell = (line: number, start: number, end = start + 1) => ({ start: { line, character: start }, end: { line, character: end } });
  assert.deepEqual(findings.map((f) => f.range), [cell(LINE.public, first, row.length), cell(LINE.total7, natural), cell(LINE.total7, business)]);
  assert.deepEqual(
    findings.map((f) => f.fixes.map((x) => ({ preferred: x.preferred, edits: x.edits.map((e) => [e.range, e.newText]) }))),
    [
      [{ preferred: false, edits: [[cell(LINE.public, total), '6']] }],
      [{ preferred: false, edits: [[cell(LINE.total7, natural), '6']] }],
      [{ preferred: false, edits: [[cell(LINE.total7, business), '3']] }],
    ],
  );
});

test('rule can be turned off', () => {
  const text = setCell(SMALL_REPORT, 'table3', 'public', 'total', '5');
  const r = checkReport({ text, options: { rules: { 'row-total': 'off' } } });
  assert.deepEqual(relevant(r.findings).map((f) => f.code), ['column-total'], 'the same cell is then reported by the next relation through it');
});

for (const { name, text } of layoutFixtures()) {
  test(`fires on a wrong row total in layout ${name}, fix removes it`, () => {
    const bad = setCell(text, 'table3', 'public', 'total', '999');
    const f = relevant(checkReport({ text: bad }).findings).filter((x) => x.severity === 'error');
    assert.deepEqual(f.map((x) => x.code), ['row-total']);
    assert.deepEqual(codes(applyEdits(bad, f[0].fixes[0].edits)), []);
  });
}
