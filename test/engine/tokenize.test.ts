/**
 * The tokenizer: each line classified (blank, text, row, cell, separator) with the layout it shows.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tokenize } from '../../server/src/engine/parse/lines';
import { computeLineStarts } from '../../server/src/engine/text/positions';

const kinds = (text: string) => tokenize(text, computeLineStarts(text)).map((l) => [l.kind, l.layout ?? '', l.cells.map((c) => c.text)]);

test('blank lines are whitespace only, including the ideographic space and a BOM', () => {
  assert.deepEqual(kinds(' \u3000\n\ufeff\n\u00a0 '), [['blank', '', []], ['blank', '', []], ['blank', '', []]]);
  assert.deepEqual(kinds('\u0001'), [['text', '', ['\u0001']]]);
  assert.deepEqual(kinds('\u200b'), [['text', '', ['\u200b']]]);
});

test('rows, cells and separators of every layout', () => {
  assert.deepEqual(kinds('总计\t1\t2'), [['row', 'tab', ['总计', '1', '2']]]);
  assert.deepEqual(kinds('\t3'), [['cell', 'indented-cells', ['3']]]);
  assert.deepEqual(kinds('\t '), [['cell', 'indented-cells', ['']]]);
  assert.deepEqual(kinds('| 总计 | 1 |\n|---|---|'), [['row', 'markdown', ['总计', '1']], ['separator', '', []]]);
  assert.deepEqual(kinds('总计|1|2'), [['row', 'pipe-rows', ['总计', '1', '2']]]);
  assert.deepEqual(kinds('a |\nb |\nc |\nd |'), [['cell', 'pipe-cells', ['a']], ['cell', 'pipe-cells', ['b']], ['cell', 'pipe-cells', ['c']], ['cell', 'pipe-cells', ['d']]]);
});

test('a trailing disable comment is no cell, and the line keeps its whole span', () => {
  const text = '总计\t1 <!-- gkreport-disable-line row-total -->';
  const [line] = tokenize(text, computeLineStarts(text));
  assert.deepEqual(line.cells.map((c) => c.text), ['总计', '1']);
  assert.equal(line.end, text.length);
});
