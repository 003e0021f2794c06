/**
 * The tokenizer: each line classified (blank, text, row, cell, separator) with the layout it shows.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tokenize } from '../../server/src/engine/parse/lines';
import { isWhitespace } from '../../server/src/engine/text/normalize';
import { computeLineStarts } from '../../server/src/engine/text/positions';

const kinds = (text: string) => tokenize(text, computeLineStarts(text)).map((l) => [l.kind, l.layout ?? '', l.cells.map((c) => c.text)]);

test('blank lines are whitespace only, including the ideographic space and a BOM', () => {
  assert.deepEqual(kinds(' \u3000\n\ufeff\n\u00a0 '), [['blank', '', []], ['blank', '', []], ['blank', '', []]]);
  assert.deepEqual(kinds('\u0001'), [['text', '', ['\u0001']]]);
  assert.deepEqual(kinds('\u200b'), [['text', '', ['\u200b']]]);
});

test('whitespace is what a regular expression\'s \\s matches, for every UTF-16 code unit', () => {
  for (let c = 0; c <= 0xffff; c++) assert.equal(isWhitespace(c), /\s/.test(String.fromCharCode(c)), `U+${c.toString(16).padStart(4, '0')}`);
});

test('rows, cells and separators of every layout', () => {
  assert.deepEqual(kinds('总计\t1\t2'), [['row', 'tab', ['总计', '1', '2']]]);
  assert.deepEqual(kinds('\t3'), [['cell', 'indented-cells', ['3']]]);
  assert.deepEqual(kinds('\t '), [['cell', 'indented-cells', ['']]]);
  assert.deepEqual(kinds('| 总计 | 1 |\n|---|---|'), [['row', 'markdown', ['总计', '1']], ['separator', '', []]]);
  assert.deepEqual(kinds('总计|1|2'), [['row', 'pipe-rows', ['总计', '1', '2']]]);
  assert.deepEqual(kinds('a |\nb |\nc |\nd |'), [['cell', 'pipe-cells', ['a']], ['cell', 'pipe-cells', ['b']], ['cell', 'pipe-cells', ['c']], ['cell', 'pipe-cells', ['d']]]);
});

test('a page number a conversion left between the lines is no line at all; what only looks like one stays', () => {
  for (const page of ['- 3 -', '— 12 —', ' －3－ ', '-3-', '第3页', '第 3 页 共 8 页', '第三页', '共8页 第3页', '\f- 3 -']) {
    const lines = tokenize(`\t1\n${page}\n\t2`, computeLineStarts(`\t1\n${page}\n\t2`));
    assert.deepEqual(lines.map((l) => [l.index, l.cells.map((c) => c.text)]), [[0, ['1']], [2, ['2']]], JSON.stringify(page));
  }
  for (const kept of ['-', '—', '3', '-3', '3/8', '- 3', '第3页内容', '第12345页', '- 3 - 4 -']) {
    assert.deepEqual(kinds(`\t1\n${kept}`).length, 2, JSON.stringify(kept));
  }
});

test('the title a page header repeats is left out below the title\'s place; the title itself stays', () => {
  const title = '明湖市生态环境局2020年政府信息公开工作年度报告';
  const body = ['一、总体情况', '正文。', '二、主动公开政府信息情况', '正文。', '三、收到和处理政府信息公开申请情况', '\t1', '\t2', '\t3'];
  const text = [title, ...body, title, '\t4', `## **${title}**`, '现将《2020年政府信息公开工作年度报告》公布如下。', '政府信息公开工作年度报告'].join('\n');
  const kept = tokenize(text, computeLineStarts(text)).map((l) => l.index);
  assert.deepEqual(kept, [0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 12]);
  // Among the first lines with content (where the parser looks for the title), a title-like line stays.
  assert.equal(kinds(`前言\n${title}\n${title}`).length, 3);
});

test('a form feed (a page break) opening a line is no part of its cells; the line keeps its whole span', () => {
  assert.deepEqual(kinds('\f\t3\n\f总计\t1\t2\n\f\f三、收到和处理政府信息公开申请情况'), [
    ['cell', 'indented-cells', ['3']],
    ['row', 'tab', ['总计', '1', '2']],
    ['text', '', ['三、收到和处理政府信息公开申请情况']],
  ]);
  const [line] = tokenize('\f\t3', computeLineStarts('\f\t3'));
  assert.deepEqual([line.start, line.end, line.cells[0].start], [0, 3, 2]);
});

test('a trailing disable comment is no cell, and the line keeps its whole span', () => {
  const text = '总计\t1 <!-- gkreport-disable-line row-total -->';
  const [line] = tokenize(text, computeLineStarts(text));
  assert.deepEqual(line.cells.map((c) => c.text), ['总计', '1']);
  assert.equal(line.end, text.length);
});

/**
 * The rule for one-cell-a-line documents, written plainly on each line's text: among lines with a
 * pipe, no tab (but trailing ones after the pipe) and not starting with a pipe, "X |" lines (at
 * most four pipes, nothing but pipes and spaces after the first) must be at least three and more
 * than twice the other ones.
 */
function pipeCellsByRule(text: string): boolean {
  let single = 0;
  let multi = 0;
  for (const line of text.split(/\r?\n/)) {
    const tab = line.indexOf('\t');
    const tabbed = tab >= 0 && (tab < line.indexOf('|') || line.slice(tab).trim() !== '');
    if (!line.includes('|') || tabbed || /^\s*\|/.test(line)) continue;
    if (/^[^|]*\|[\s|]*$/.test(line)) {
      if ((line.slice(line.indexOf('|')).match(/\|/g) ?? []).length <= 4) single++;
    } else multi++;
  }
  return single >= 3 && single > multi * 2;
}

test('one cell a line is recognised by the document-wide rule, whatever the mix of lines', () => {
  const pieces = ['a |', 'b | ', '甲 ||', '乙 | | | |', 'c | | | | |', 'x|y', '| m | n |', '\tq |', ' p |', '说明', '', '  ', 'r |\t'];
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let round = 0; round < 400; round++) {
    const lines = Array.from({ length: 1 + Math.floor(next() * 12) }, () => pieces[Math.floor(next() * pieces.length)]);
    const text = lines.join(next() < 0.5 ? '\n' : '\r\n');
    const found = tokenize(text, computeLineStarts(text)).some((l) => l.layout === 'pipe-cells');
    const rows = tokenize(text, computeLineStarts(text)).some((l) => l.kind !== 'blank' && /^[^|\t]*\|[\s|]*$/.test(text.slice(l.start, l.end)) && !/^\s*\|/.test(text.slice(l.start, l.end)));
    if (rows) assert.equal(found, pipeCellsByRule(text), JSON.stringify(text));
    else assert.equal(found, false, `no line ends in a pipe: ${JSON.stringify(text)}`);
  }
});

test('a line opening with a space and a pipe is a pipe row with a blank first cell, unless it is part of a Markdown table', () => {
  const cellsOf = (text: string, line: number) => {
    const l = tokenize(text, computeLineStarts(text))[line];
    return { layout: l.layout, cells: l.cells.map((c) => c.text) };
  };
  const pipeRows = '结果维持 | 结果纠正 | 总计 |\n | 0 | 1 |\n';
  assert.deepEqual(cellsOf(pipeRows, 1), { layout: 'pipe-rows', cells: ['', '0', '1'] });
  const markdown = '| 结果维持 | 结果纠正 |\n|---|---|\n | 0 | 1 |\n';
  assert.deepEqual(cellsOf(markdown, 2), { layout: 'markdown', cells: ['0', '1'] });
  assert.deepEqual(cellsOf(' | 结果维持 | 结果纠正 |\n|---|---|\n', 0), { layout: 'markdown', cells: ['结果维持', '结果纠正'] });
  // A Markdown table elsewhere in the document does not make a pipe-row table Markdown.
  const both = `${markdown}\n${pipeRows}`;
  assert.deepEqual(cellsOf(both, 5), { layout: 'pipe-rows', cells: ['', '0', '1'] });
  assert.deepEqual(cellsOf(`${pipeRows}${markdown}`, 4), { layout: 'markdown', cells: ['0', '1'] });
  // No leading space: a leading pipe, as in Markdown, with or without a separator line.
  assert.deepEqual(cellsOf('| 0 | 1 |\n', 0), { layout: 'markdown', cells: ['0', '1'] });
});

test('in a document written one cell a line with pipes, `-- |` is a placeholder cell, not a Markdown separator', () => {
  const text = '信息内容 |\n本年新制作数量 |\n规章 |\n-- |\n0 |\n|---|\n';
  assert.deepEqual(kinds(text).slice(2, 6), [['cell', 'pipe-cells', ['规章']], ['cell', 'pipe-cells', ['--']], ['cell', 'pipe-cells', ['0']], ['separator', '', []]]);
});
