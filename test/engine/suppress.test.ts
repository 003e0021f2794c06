/**
 * Inline suppression: disable-next-line, disable … enable, disable-file, with and without codes.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkReport } from '../../server/src/engine/check';
import { setCell } from '../helpers';
import { LINE, relevant, SMALL_REPORT } from '../rules/arithmetic-fixture';

const bad = setCell(SMALL_REPORT, 'table3', 'public', 'total', '5');
const codes = (text: string) => relevant(checkReport({ text }).findings).map((f) => f.code);
const insertBefore = (text: string, line: number, comment: string) => {
  const lines = text.split('\n');
  lines.splice(line, 0, comment);
  return lines.join('\n');
};

test('the unsuppressed report has one row-total finding', () => {
  assert.deepEqual(codes(bad), ['row-total']);
});

test('disable-next-line with the code, and without codes', () => {
  assert.deepEqual(codes(insertBefore(bad, LINE.public, '<!-- gkreport-disable-next-line row-total -->')), []);
  assert.deepEqual(codes(insertBefore(bad, LINE.public, '<!-- gkreport-disable-next-line -->')), []);
});

test('disable-next-line with another code leaves the finding', () => {
  assert.deepEqual(codes(insertBefore(bad, LINE.public, '<!-- gkreport-disable-next-line balance -->')), ['row-total']);
});

test('disable … enable covers the lines between them only', () => {
  let text = insertBefore(bad, LINE.public + 1, '<!-- gkreport-enable -->');
  text = insertBefore(text, LINE.public, '<!-- gkreport-disable row-total -->');
  assert.deepEqual(codes(text), []);
  const after = insertBefore(insertBefore(bad, LINE.public, '<!-- gkreport-enable -->'), LINE.new, '<!-- gkreport-disable row-total -->');
  assert.deepEqual(codes(after), ['row-total']);
});

test('disable-file anywhere in the document', () => {
  assert.deepEqual(codes(`${bad}\n<!-- gkreport-disable-file -->\n`), []);
  assert.deepEqual(codes(`<!-- gkreport-disable-file empty-cell -->\n${bad}`), ['row-total']);
});
