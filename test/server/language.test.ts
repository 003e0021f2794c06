/**
 * Hover, document symbols, folding ranges and completion from the bundled server.
 */
import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { CompletionList, DocumentSymbol, FoldingRange, Hover, MarkupContent } from 'vscode-languageserver-protocol/node';
import { applyEdits } from '../../server/src/engine/fixes/apply';
import { readFixture, SEEDS } from '../helpers';
import { docUri, TestClient } from './lsp-client';

let client: TestClient | undefined;
afterEach(async () => {
  await client?.stop();
  client = undefined;
});

const TAB_REPORT = 'layouts/2019-tab.txt';
/** Row 一 of table 3 with its 总计 mistyped: 36 instead of 34. */
const ROW1 = '一、本年新收政府信息公开申请数量\t\t24\t7\t0\t1\t1\t1\t';

function faultyReport(): string {
  const text = readFixture(TAB_REPORT);
  assert.ok(text.includes(`${ROW1}34`));
  return text.replace(`${ROW1}34`, `${ROW1}36`);
}

function lineOf(text: string, prefix: string): number {
  const i = text.split(/\r?\n/).findIndex((l) => l.startsWith(prefix));
  assert.ok(i >= 0, prefix);
  return i;
}

const hoverText = (h: Hover | null) => (h ? (h.contents as MarkupContent).value : '');

describe('hover', () => {
  it('shows every relation through a total with its arithmetic and ✓/✗', async () => {
    client = await TestClient.start({ locale: 'zh-cn' });
    const text = faultyReport();
    const uri = docUri('hover.txt');
    await client.open(uri, text);
    const line = lineOf(text, '一、本年新收');
    const character = text.split('\n')[line].lastIndexOf('36') + 1;
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line, character } });
    const md = hoverText(hover);
    assert.equal((hover.contents as MarkupContent).kind, 'markdown');
    assert.match(md, /一、本年新收政府信息公开申请数量 · 总计/);
    assert.ok(md.includes('✗ 行合计（`row-total`）：总计 **36** ≠ 24 + 7 + 0 + 1 + 1 + 1 = 34'), md);
    assert.match(md, /✗ 勾稽关系 · 总计（`balance`）：\*\*36\*\* \+ 1 = 37 ≠ 32 \+ 3 = 35/);
    // The range is the cell, in UTF-16 columns: the label (16 chars) + 8 tabs + 5 one-digit cells … 
    const lineText = text.split('\n')[line];
    assert.deepEqual(hover.range, { start: { line, character: lineText.lastIndexOf('36') }, end: { line, character: lineText.lastIndexOf('36') + 2 } });
    // A correct cell: every relation holds.
    const t7 = lineOf(text, '\t(七) 总计');
    const t7Text = text.split('\n')[t7];
    const ok = hoverText(await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: t7, character: t7Text.indexOf('23') } }));
    assert.match(ok, /✓ 列合计 · 自然人（`column-total`）：（七）总计 \*\*23\*\* = 9 \+ 2 \+ 0/);
    assert.ok(!ok.includes('✗'));
  });

  it('explains a row label with its standard wording, and a part heading', async () => {
    client = await TestClient.start({ locale: 'en' });
    const text = readFixture(SEEDS['004']);
    const uri = docUri('hover-004.txt');
    await client.open(uri, text);
    const line = lineOf(text, '\t\t2.其他法律法规禁止公开');
    const md = hoverText(await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line, character: 5 } }));
    assert.match(md, /\*\*2\.其他法律行政法规禁止公开\*\*/);
    assert.match(md, /Standard wording: 2\.其他法律行政法规禁止公开 \(written here as “2\.其他法律法规禁止公开”\)/);
    const heading = lineOf(text, '## 三、');
    const part = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: heading, character: 6 } });
    assert.match(hoverText(part), /\*\*三、收到和处理政府信息公开申请情况\*\*\n\nApplications received and handled \(table 3\)\./);
    assert.deepEqual(part.range, { start: { line: heading, character: 3 }, end: { line: heading, character: 3 + '三、收到和处理政府信息公开申请情况'.length } });
    // Narrative text: nothing to say.
    assert.equal(await client.request('textDocument/hover', { textDocument: { uri }, position: { line: lineOf(text, '2020年，根据'), character: 4 } }), null);
  });
});

describe('document symbols and folding', () => {
  it('lists the six parts with the tables and table 2\'s sections inside', async () => {
    client = await TestClient.start({ locale: 'zh-cn' });
    const text = readFixture(TAB_REPORT);
    const uri = docUri('symbols.txt');
    await client.open(uri, text);
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.deepEqual(symbols.map((s) => s.name), [
      '一、总体情况', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况',
      '四、政府信息公开行政复议、行政诉讼情况', '五、存在的主要问题及改进情况', '六、其他需要报告的事项',
    ]);
    assert.deepEqual(symbols.map((s) => (s.children ?? []).map((c) => c.name)), [
      [], ['表二 主动公开政府信息情况'], ['表三 收到和处理政府信息公开申请情况'], ['表四 政府信息公开行政复议、行政诉讼情况'], [], [],
    ]);
    assert.deepEqual(symbols[1].children![0].children!.map((c) => c.name), [
      '第二十条第（一）项', '第二十条第（五）项', '第二十条第（六）项', '第二十条第（八）项', '第二十条第（九）项',
    ]);
    const inside = (outer: DocumentSymbol['range'], inner: DocumentSymbol['range']) =>
      (outer.start.line < inner.start.line || (outer.start.line === inner.start.line && outer.start.character <= inner.start.character)) &&
      (inner.end.line < outer.end.line || (inner.end.line === outer.end.line && inner.end.character <= outer.end.character));
    const walk = (s: DocumentSymbol): void => {
      assert.ok(inside(s.range, s.selectionRange), `${s.name}: selection inside range`);
      for (const c of s.children ?? []) {
        assert.ok(inside(s.range, c.range), `${c.name} inside ${s.name}`);
        walk(c);
      }
    };
    symbols.forEach(walk);
    assert.equal(symbols[2].selectionRange.start.line, lineOf(text, '三、收到'));
  });

  it('folds parts, tables and table-2 sections', async () => {
    client = await TestClient.start();
    const text = readFixture(TAB_REPORT);
    const uri = docUri('folding.txt');
    await client.open(uri, text);
    const ranges = await client.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri } });
    const starts = ranges.map((r) => r.startLine);
    for (const heading of ['二、主动公开', '三、收到', '四、政府信息公开行政复议', '第二十条第（一）项', '（本列数据']) {
      assert.ok(starts.includes(lineOf(text, heading)), `a fold starts at ${heading}`);
    }
    const table3 = ranges.find((r) => r.startLine === lineOf(text, '（本列数据'))!;
    assert.equal(table3.endLine, lineOf(text, '四、结转下年度继续办理'));
    assert.ok(ranges.every((r) => r.endLine > r.startLine));
  });
});

describe('completion', () => {
  it('offers the table-3 rows where a table-3 label is being typed, filtered by what is typed', async () => {
    client = await TestClient.start({ locale: 'zh-cn' });
    const original = readFixture(TAB_REPORT);
    const line = lineOf(original, '\t\t2. 其他法律行政法规禁止公开');
    // The user retypes the label cell: `\t\t2.其他法律`.
    const lineText = original.split('\n')[line];
    const labelEnd = lineText.indexOf('\t', 2);
    const text = applyEdits(original, [{ range: { start: { line, character: 2 }, end: { line, character: labelEnd } }, newText: '2.其他法律' }]);
    const uri = docUri('completion.txt');
    await client.open(uri, text);
    const position = { line, character: 2 + '2.其他法律'.length };
    const list = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position });
    assert.equal(list.isIncomplete, true);
    const labels = list.items.map((i) => i.label);
    assert.ok(labels.includes('2.其他法律行政法规禁止公开'), labels.join(' | '));
    assert.ok(!labels.includes('（一）予以公开'), 'filtered by what is typed');
    const item = list.items.find((i) => i.label === '2.其他法律行政法规禁止公开')!;
    assert.deepEqual(item.textEdit, { range: { start: { line, character: 2 }, end: position }, newText: '2.其他法律行政法规禁止公开' });
    assert.ok(item.filterText?.startsWith('2.其他法律'));
    assert.match(String(item.detail), /表三 · （三）不予公开/);
  });

  it('offers part headings at the start of a line outside the tables', async () => {
    client = await TestClient.start({ locale: 'zh-cn' });
    const original = readFixture(SEEDS['004']);
    const heading = lineOf(original, '#### 五、');
    const lines = original.split('\n');
    lines[heading] = '#### 五、存在';
    const text = lines.join('\n');
    const uri = docUri('completion-heading.md');
    await client.open(uri, text, 'markdown');
    const list = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: { line: heading, character: '#### 五、存在'.length } });
    const item = list.items.find((i) => i.label === '五、存在的主要问题及改进情况');
    assert.ok(item, list.items.map((i) => i.label).join(' | '));
    assert.deepEqual(item.textEdit, { range: { start: { line: heading, character: 5 }, end: { line: heading, character: '#### 五、存在'.length } }, newText: '五、存在的主要问题及改进情况' });
    // In a data cell there is nothing to complete.
    const row = lineOf(text, '政府集中采购');
    const none = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: { line: row, character: text.split('\n')[row].length } });
    assert.deepEqual(none.items, []);
  });
});
