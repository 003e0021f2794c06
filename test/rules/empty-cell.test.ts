import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkReport } from '../../server/src/engine/check';
import { applyEdits, fixText } from '../../server/src/engine/fixes/apply';
import { rangeOf } from '../../server/src/engine/text/positions';
import type { ReportModel, RowInstance, TableInstance } from '../../server/src/engine/model';
import { findCell, layoutFixtures, readFixture, SEEDS, setCell } from '../helpers';
import { LINE, relevant, SMALL_REPORT } from './arithmetic-fixture';
import { at } from './table-kit';

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
    assert.ok(f[0].message.includes(p), `the message names the placeholder ${p}`);
    assert.equal(applyEdits(text, f[0].fixes[0].edits), SMALL_REPORT);
  }
});

test('a placeholder in any spelling stays in its own cell, in every table and layout', () => {
  const placeholders = ['—', '/', '无', '-', '--', '——', '不适用'];
  let tried = 0;
  for (const { name, text } of layoutFixtures()) {
    checkReport({ text }).model.tables.forEach((table, t) => {
      const cells = [...table.cells.values()];
      cells.forEach((cell, i) => {
        if (!cell.source || cell.value.kind !== 'number' || i % 5 !== t % 5) return;
        const p = placeholders[i % placeholders.length];
        const result = checkReport({ text: text.slice(0, cell.source.start) + p + text.slice(cell.source.end) });
        const read = [...result.model.tables[t].cells.values()].map((c) => c.source?.text.trim());
        assert.deepEqual(read, cells.map((c) => (c === cell ? p : c.source?.text.trim())), `${name} ${cell.key} = ${p}`);
        const own = result.findings.filter((f) => f.code === 'empty-cell' && f.range.start.line === cell.source!.line);
        assert.ok(own.length > 0, `${name} ${cell.key} = ${p}: reported`);
        tried++;
      });
    });
  }
  assert.ok(tried > 300, `${tried} cells`);
});

test('a blank the relations leave open but the text states: fill the text\'s count, not preferred, fill 0 beside it', () => {
  const open = setCell(setCell(SMALL_REPORT, 'table4', 'cases', 'review.total', ''), 'table4', 'cases', 'review.upheld', '');
  const fixesOf = (text: string) => {
    const result = checkReport({ text });
    const at = rangeOf(result.model.lineStarts, findCell(result.model, 'table4', 'cases', 'review.total').cell.source!).start;
    const f = result.findings.find((x) => x.code === 'empty-cell' && x.fixes[0].edits[0].range.start.line === at.line && x.fixes[0].edits[0].range.start.character === at.character);
    assert.ok(f, 'the blank 总计 is reported');
    return f.fixes.filter((x) => x.edits.length === 1).map((x) => [x.edits[0].newText, x.preferred]);
  };
  assert.deepEqual(fixesOf(open), [['0', false]]);
  assert.deepEqual(fixesOf(`${open}本年度被申请行政复议2件。\n`), [['2', false], ['0', false]]);
  // Two different counts in the text: neither is taken.
  assert.deepEqual(fixesOf(`${open}本年度被申请行政复议2件。行政复议3件。\n`), [['0', false]]);
});

test('a blank that the relations do not determine: fill 0, not preferred', () => {
  // Two unknowns in every relation through them: 予以公开 and 部分公开 × 自然人 and 商业企业.
  const cells = [['public', 'natural'], ['public', 'business'], ['partial', 'natural'], ['partial', 'business']];
  const text = cells.reduce((t, [row, column]) => setCell(t, 'table3', row, column, ''), SMALL_REPORT);
  const f = relevant(checkReport({ text }).findings).filter((x) => x.code === 'empty-cell');
  assert.equal(f.length, 4);
  const filled = f.map((blank) => {
    assert.equal(blank.fixes[0].preferred, false);
    assert.equal(blank.fixes[0].edits[0].newText, '0');
    const model = checkReport({ text: applyEdits(text, blank.fixes[0].edits) }).model;
    return cells.filter(([row, column]) => findCell(model, 'table3', row, column).cell.source?.text === '0').map((c) => c.join('.'));
  });
  assert.deepEqual(filled, cells.map((c) => [c.join('.')]));
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
    // Written with spaces, a blank cell is a placeholder: deleting a value leaves no cell at all,
    // unless the table is laid out in columns, where a blank is the spaces under its column.
    const bad = setCell(text, 'table3', 'carryover', 'legal', name.includes('spaces') && !name.includes('columns') ? '-' : '');
    const f = relevant(checkReport({ text: bad }).findings);
    assert.deepEqual(f.filter((x) => x.severity === 'error').map((x) => x.code), ['empty-cell']);
    assert.equal(f[0].fixes[0].preferred, true);
    assert.deepEqual(relevant(checkReport({ text: applyEdits(bad, f[0].fixes[0].edits) }).findings).filter((x) => x.severity === 'error'), []);
  });
}

/** The text with the last `k` cells of a row deleted, as a writer who stopped early leaves it. */
function withoutLastCells(text: string, row: RowInstance, k: number, layout: string): string {
  const keep = row.cells[row.cells.length - k - 1].source!;
  let end = row.cells[row.cells.length - 1].source!.raw.end;
  if (layout === 'tab') while (text[end] === '\t') end++;
  return text.slice(0, keep.raw.end) + text.slice(end);
}

/** Each cell's value as text ('' for a blank, placeholder or missing cell), by key. */
function valuesOf(table: TableInstance): Map<string, string> {
  return new Map([...table.cells].map(([key, cell]) => [key, cell.source && cell.value.kind !== 'placeholder' ? cell.source.text.trim() : '']));
}

/** The first row of each table whose cells all hold numbers, with at least `min` of them. */
function fullRows(model: ReportModel, min: number): { table: TableInstance; row: RowInstance }[] {
  return model.tables.flatMap((table) => {
    for (const section of table.sections) {
      for (const row of section.rows) {
        if (row.cells.length >= min && row.cells.every((c) => c.value.kind === 'number')) return [{ table, row }];
      }
    }
    return [];
  });
}

for (const { name, text } of layoutFixtures()) {
  test(`cells missing at the end of a row in layout ${name}: each fill alone lands in its own column, none is applied unasked unless the columns are known`, () => {
    const rows = fullRows(checkReport({ text }).model, 3);
    assert.deepEqual(rows.map((r) => r.table.id), ['table2', 'table3', 'table4']);
    for (const { table, row } of rows) {
      const k = Math.min(3, row.cells.length - 1);
      const bad = withoutLastCells(text, row, k, table.layout);
      const before = checkReport({ text: bad });
      const badTable = before.model.tables.find((t) => t.id === table.id)!;
      const missing = row.cells.slice(-k).map((c) => c.key);
      assert.deepEqual(missing.map((key) => badTable.cells.get(key)!.source), new Array(k).fill(undefined), `${table.id}: ${k} cells missing`);
      const blanksBefore = valuesOf(badTable);
      const rowRange = rangeOf(before.model.lineStarts, badTable.cells.get(missing[0])!.rowSpan!);
      const fills = before.findings.filter((f) => f.code === 'empty-cell' && JSON.stringify(f.range) === JSON.stringify(rowRange));
      assert.equal(fills.length, k, table.id);
      const filled = new Map<string, boolean>();
      for (const f of fills) {
        const after = valuesOf(checkReport({ text: applyEdits(bad, f.fixes[0].edits) }).model.tables.find((t) => t.id === table.id)!);
        const changed = [...after].filter(([key, v]) => v !== blanksBefore.get(key));
        assert.equal(changed.length, 1, `${table.id}: one fill changes one cell, not ${JSON.stringify(changed)}`);
        const [key, value] = changed[0];
        assert.ok(missing.includes(key), `${table.id}: ${key} was not missing`);
        assert.match(value, /^\d+(\.\d+)?$/);
        filled.set(key, f.fixes[0].preferred);
      }
      assert.equal(filled.size, k, `${table.id}: every missing cell has its own fill`);
      const fillAll = before.findings.find((f) => f.code === 'empty-cell' && f.fixes.length > 1)!;
      const all = valuesOf(checkReport({ text: applyEdits(bad, fillAll.fixes[1].edits) }).model.tables.find((t) => t.id === table.id)!);
      assert.deepEqual([...all].filter(([key, v]) => v !== blanksBefore.get(key)).map(([key]) => key), missing, `${table.id}: fill all fills exactly the missing cells`);
      for (const key of missing) assert.match(all.get(key)!, /^\d+(\.\d+)?$/);
      const restored = valuesOf(checkReport({ text: fixText(bad).text }).model.tables.find((t) => t.id === table.id)!);
      if (name.includes('columns') && table.id === 'table3') {
        // Laid out in columns, the blanks stand under columns its other rows show (table 4 has one row, table 2
        // no relations): the values the relations determine are filled.
        assert.deepEqual([...filled.values()], new Array(k).fill(true), `${table.id}: the fills of a row laid out in columns are preferred`);
        for (const key of missing) assert.equal(restored.get(key), valuesOf(table).get(key), `${table.id}: fix all restores ${key}`);
        continue;
      }
      // Which cells of a short row are missing is a guess: none of its fills is applied unasked.
      assert.deepEqual([...filled.values()], new Array(k).fill(false), `${table.id}: no fill of a short row is preferred`);
      for (const key of missing) assert.equal(restored.get(key), '', `${table.id}: fix all leaves ${key} to the drafter`);
    }
  });
}

test('a tab table opened by a caption without tabs takes its rows\' layout: a missing cell is appended with a tab', () => {
  const text = ['二、主动公开政府信息情况', '', '第二十条第（一）项', '信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量', '规章\t1\t2', '规范性文件\t4\t5\t6', ''].join('\n');
  const { model, findings } = checkReport({ text });
  assert.deepEqual(model.tables.map((t) => t.layout), ['tab']);
  const fills = findings.filter((f) => f.code === 'empty-cell');
  assert.deepEqual(fills.map((f) => f.fixes[0].edits.map((e) => [at(e.range), e.newText])), [[['4:6-4:6', '\t0']]]);
});

test('a cell inserted into a CRLF document keeps its line breaks', () => {
  const text = ['二、主动公开政府信息情况', '第二十条第（一）项 |', '信息内容 |', '本年制发件数 |', '本年废止件数 |', '现行有效件数 |', '规章 |', '5 |', ''].join('\r\n');
  const fills = checkReport({ text }).findings.filter((f) => f.code === 'empty-cell');
  assert.equal(fills.length, 2);
  for (const f of fills) {
    const fixed = applyEdits(text, f.fixes[0].edits);
    assert.doesNotMatch(fixed, /[^\r]\n/);
    assert.equal(fixed.split('\r\n').length, text.split('\r\n').length + fills.indexOf(f) + 1);
  }
});

test('a value derived through a row that lacks cells is offered, not applied unasked', () => {
  // Two blanks in 部分公开: only the 自然人 and 商业企业 columns determine them.
  const blank = setCell(setCell(SMALL_REPORT, 'table3', 'partial', 'natural', ''), 'table3', 'partial', 'business', '');
  const fillsOf = (text: string) => {
    const line = findCell(checkReport({ text }).model, 'table3', 'partial', 'total').cell.source!.line;
    return checkReport({ text }).findings.filter((x) => x.code === 'empty-cell' && x.range.start.line === line).map((f) => [f.fixes[0].edits[0].newText, f.fixes[0].preferred]);
  };
  assert.deepEqual(fillsOf(blank), [['1', true], ['0', true]]);
  // 予以公开 without its 总计: the columns run through a row whose values may be shifted.
  const { source } = findCell(checkReport({ text: blank }).model, 'table3', 'public', 'total').cell;
  const short = blank.slice(0, source!.start - 1) + blank.slice(source!.end);
  assert.equal(findCell(checkReport({ text: short }).model, 'table3', 'public', 'total').cell.source, undefined);
  assert.deepEqual(fillsOf(short), [['1', false], ['0', false]]);
});

test('pipe rows: table 4 opening with a blank 结果维持 keeps every value in its column', () => {
  const table4Text = '结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | 复议后起诉 |\n | 0 | 1 | 0 | 3 | 0 | 1 | 0 | 1 | 2 | 1 | 0 | 0 | 0 | 1 |\n';
  // The same with table 2 written in Markdown above it.
  const markdownAbove = '| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n|---|---|---|---|\n| 规章 | 0 | 0 | 0 |\n\n';
  for (const [text, line] of [[table4Text, 1], [markdownAbove + table4Text, 5]] as const) {
    const result = checkReport({ text });
    const table4 = result.model.tables.find((t) => t.id === 'table4')!;
    assert.deepEqual([...table4.cells.values()].map((c) => c.source?.text), ['', '0', '1', '0', '3', '0', '1', '0', '1', '2', '1', '0', '0', '0', '1']);
    const blanks = result.findings.filter((f) => f.code === 'empty-cell' && f.range.start.line === line);
    assert.deepEqual(blanks.map((f) => [f.range.start.line, f.range.start.character]), [[line, 0]]);
    assert.deepEqual(result.findings.filter((f) => f.code === 'appeal-total'), []);
  }
});
