/**
 * Offsets and LSP positions: line starts after \n, \r\n and a lone \r; ranges in UTF-16 code
 * units, on one line or across lines.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { computeLineStarts, rangeOf } from '../../server/src/engine/text/positions';

test('line starts after LF, CRLF and a lone CR', () => {
  assert.deepEqual(computeLineStarts('a\nbb\n'), [0, 2, 5]);
  assert.deepEqual(computeLineStarts('a\r\nbb\rc'), [0, 3, 6]);
  assert.deepEqual(computeLineStarts(''), [0]);
  assert.deepEqual(computeLineStarts('\n\n'), [0, 1, 2]);
});

test('ranges on one line, across lines and ending at a line start', () => {
  const text = '表三\t34\n𠀀总计\t35\n';
  const starts = computeLineStarts(text);
  const at = (needle: string) => text.indexOf(needle);
  assert.deepEqual(rangeOf(starts, { start: at('34'), end: at('34') + 2 }), { start: { line: 0, character: 3 }, end: { line: 0, character: 5 } });
  assert.deepEqual(rangeOf(starts, { start: at('35'), end: at('35') + 2 }), { start: { line: 1, character: 5 }, end: { line: 1, character: 7 } });
  assert.deepEqual(rangeOf(starts, { start: at('34'), end: at('35') }), { start: { line: 0, character: 3 }, end: { line: 1, character: 5 } });
  assert.deepEqual(rangeOf(starts, { start: 0, end: starts[1] }), { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } });
  assert.deepEqual(rangeOf(starts, { start: text.length, end: text.length }), { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } });
});
