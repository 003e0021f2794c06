/**
 * Tables written with spaces between their cells, as text copied from a PDF viewer or converted
 * with `pdftotext -layout` gives them: the tokenizer's rows, and whole reports read as in tabs.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkReport } from '../../server/src/engine/check';
import { applyEdits } from '../../server/src/engine/fixes/apply';
import { tokenize } from '../../server/src/engine/parse/lines';
import { parseReport } from '../../server/src/engine/parse/parser';
import { computeLineStarts } from '../../server/src/engine/text/positions';
import { readFixture, SEEDS } from '../helpers';

const lines = (text: string) => tokenize(text, computeLineStarts(text));
const kinds = (text: string) => lines(text).map((l) => [l.kind, l.layout ?? '', l.cells.map((c) => c.text)]);
const spaced = (text: string) => kinds(text).map(([kind, layout, cells]) => (kind === 'row' && layout === 'spaces' ? cells : kind));

test('a label and its values, values alone, and a line of header words are rows', () => {
  assert.deepEqual(spaced('（一）予以公开 17 0 0 0 0 0 17'), [['（一）予以公开', '17', '0', '0', '0', '0', '0', '17']]);
  assert.deepEqual(spaced('0 0 0 0 0 0 0 0 0 0 0 0 0 0 1'), [[...'000000000000001']]);
  assert.deepEqual(spaced('行政复议 行政诉讼'), [['行政复议', '行政诉讼']]);
  assert.deepEqual(spaced('结果 维持 结果 纠正 其他 结果 尚未 审结 总计'), [['结果 维持', '结果 纠正', '其他 结果', '尚未 审结', '总计']]);
  assert.deepEqual(spaced('信息内容 采购项目数量 采购总金额（单位：万元，保留4位小数）'), [['信息内容', '采购项目数量', '采购总金额（单位：万元，保留4位小数）']]);
  assert.deepEqual(spaced('行政许可 12'), [['行政许可', '12']]);
  // A row whose cells are all blank leaves its labels alone on the line (pdftotext -layout).
  assert.deepEqual(spaced('(三) 不予公开     1. 属于国家秘密'), [['(三) 不予公开', '1. 属于国家秘密']]);
  assert.deepEqual(spaced('三、本年度办理结果   (一) 予以公开'), [['三、本年度办理结果', '(一) 予以公开']]);
  assert.deepEqual(spaced('行政事业性收费\u30001\u30000'), [['行政事业性收费', '1', '0']]);
});

test('the words before the values are cut at a wide gap, before a numbered label, and after a whole label', () => {
  assert.deepEqual(spaced('三、本年度办理结果 (一) 予以公开 0 0 0 0 0 0 0'), [['三、本年度办理结果', '(一) 予以公开', ...'0000000']]);
  assert.deepEqual(spaced('（三）不予公开 1.属于国家秘密 0 0 0 0 0 0 0'), [['（三）不予公开', '1.属于国家秘密', ...'0000000']]);
  assert.deepEqual(spaced('(二) 部分公开(区分处理的, 只计这一情形, 不计其他情形) 3 0 0 0 1 0 4'), [['(二) 部分公开(区分处理的, 只计这一情形, 不计其他情形)', '3', '0', '0', '0', '1', '0', '4']]);
  assert.deepEqual(spaced('申请人情况    总计  3 4 7'), [['申请人情况', '总计', '3', '4', '7']]);
  assert.deepEqual(spaced('规章 若干 0 0'), [['规章', '若干', '0', '0']]);
  // A label whose last words hold a typo stays one cell: its first words are a label, but what follows is no value.
  assert.deepEqual(spaced('(二) 部分公开(区分处理的, 只计这一情形, 不计其他情形)甲 3 0 0 0 1 0 4'), [['(二) 部分公开(区分处理的, 只计这一情形, 不计其他情形)甲', ...'3000104']]);
  assert.deepEqual(spaced('政府集中采购 4 不详'), [['政府集中采购', '4', '不详']]);
  assert.deepEqual(spaced('行政许可 若干'), [['行政许可', '若干']]);
  assert.deepEqual(spaced('1 1 0 0 2 1 0 0 0 1 0 0 0 0 约3'), [[...'11002100010000', '约3']]);
});

test('a unit spaced from its number stays with it, and a number in brackets is a value, not a remark', () => {
  assert.deepEqual(spaced('规章 3 件 0 0'), [['规章', '3 件', '0', '0']]);
  assert.deepEqual(spaced('政府集中采购 4 25.1 万元'), [['政府集中采购', '4', '25.1 万元']]);
  assert.deepEqual(spaced('行政许可 (3)'), [['行政许可', '(3)']]);
  assert.deepEqual(spaced('规章 (3) 0 0'), [['规章', '(3)', '0', '0']]);
  assert.deepEqual(spaced('(二) 部分公开 (区分处理的，只计这一情形，不计其他情形) 3 0 0 0 1 0 4'), [['(二) 部分公开 (区分处理的，只计这一情形，不计其他情形)', ...'3000104']]);
});

test('cells keep their offsets in the line (UTF-16), and a tab after the row is no cell', () => {
  const [row] = lines('（一）予以公开  17 0');
  assert.deepEqual(row.cells.map((c) => [c.start, c.end]), [[0, 7], [9, 11], [12, 13]]);
  assert.deepEqual(spaced('（一）予以公开 17 0 0\t'), [['（一）予以公开', '17', '0', '0']]);
  assert.deepEqual(spaced('（一）予以公开 17\t0'), ['row']);
  assert.equal(lines('（一）予以公开 17\t0')[0].layout, 'tab');
});

test('prose, headings and page furniture with spaces stay what they were', () => {
  for (const text of [
    '2020 年，我局共收到政府信息公开申请 3 件。',
    '联系电话 0917 3261234',
    '截至 2020 年 12 月 31 日',
    '## 一、总体情况',
    '行政复议 事项说明',
    '同比增长 12.5% 8.3%',
    '一、总体情况 2',
    '（二）部分公开的申请共计受理人民网书记信箱信件 1 个、市长信箱信件 4 个，回复率 100%。',
    '2.重复申请应办结 156093 件，办结 155479 件，总体办结率 99.61%',
  ]) {
    assert.deepEqual(spaced(text), ['text'], text);
  }
  assert.deepEqual(spaced('第 3 页 共 8 页'), []);
});

/**
 * The report with every line holding a tab written anew by `write`, from the line's label cells
 * and its value cells (each with its column in its row; a blank value's text is '').
 */
function rewriteTabLines(text: string, write: (labels: string[], values: { column: number; text: string }[]) => string): string {
  const columnAt = new Map<number, number>();
  for (const t of parseReport(text).tables) {
    for (const s of t.sections) for (const r of s.rows) r.cells.forEach((c, k) => c.source && columnAt.set(c.source.start, k));
  }
  let offset = 0;
  return text
    .split('\n')
    .map((line) => {
      let at = offset;
      offset += line.length + 1;
      if (!line.includes('\t')) return line;
      const labels: string[] = [];
      const values: { column: number; text: string }[] = [];
      for (const raw of line.split('\t')) {
        const cell = raw.trim();
        const column = columnAt.get(cell === '' ? at : at + raw.length - raw.trimStart().length);
        at += raw.length + 1;
        if (column !== undefined) values.push({ column, text: cell });
        else if (cell !== '') labels.push(cell);
      }
      return write(labels, values);
    })
    .join('\n');
}

/**
 * The report with every tab row retyped with spaces (`gap` between cells), as a PDF copy gives
 * it: the labels, then the values, a blank value written `-`; the padding cells of label columns go.
 */
function retypedWithSpaces(text: string, gap: string): string {
  return rewriteTabLines(text, (labels, values) => [...labels, ...values.map((v) => v.text || '-')].join(gap));
}

test('a report whose tab tables are retyped with spaces reads the same cells and gets the same findings', () => {
  const shape = (text: string) => {
    const { model, findings } = checkReport({ text });
    return {
      tables: model.tables.map((t) => [t.id, [...t.cells.values()].map((c) => (c.value.kind === 'number' ? c.value.value : c.value.kind === 'placeholder' ? 'blank' : c.value.kind))]),
      findings: findings.map((f) => `${f.code} ${f.range.start.line}`),
    };
  };
  const reports = [SEEDS['000'], SEEDS['003'], SEEDS['004'], 'layouts/2019-tab.txt', 'layouts/2021-tab.txt'];
  for (const name of reports) {
    const text = readFixture(name);
    const expected = shape(text);
    for (const gap of [' ', '   ', '\u3000']) {
      const retyped = retypedWithSpaces(text, gap);
      assert.notEqual(retyped, text);
      assert.ok(!/\t\S/.test(retyped.split('\n').filter((l) => /\d$/.test(l)).join('\n')), `${name}: rows still hold tabs`);
      assert.deepEqual(shape(retyped), expected, `${name}, cells ${JSON.stringify(gap)} apart`);
      assert.ok(parseReport(retyped).tables.every((t) => t.layout === 'spaces'), name);
    }
  }
});

test('a label whose end wrapped onto the line after its values is joined when together they name the row exactly', () => {
  const text = readFixture('layouts/2019-spaces.txt');
  const row = '5.要求行政机关确认或重新出具已获取信息 0 0 0 0 0 0 0';
  assert.ok(text.includes(row));
  const wrapped = text.replace(row, '5.要求行政机关确认或重新出具 0 0 0 0 0 0 0\n已获取信息');
  const shape = (t: string) => parseReport(t).tables.map((x) => [x.id, [...x.cells.values()].map((c) => c.source?.text)]);
  assert.deepEqual(shape(wrapped), shape(text));
  assert.deepEqual(checkReport({ text: wrapped }).findings.map((f) => f.code), []);
  const label = parseReport(wrapped).tables[1].sections[0].rows.find((r) => r.id === 'rejected.confirm')!.label!;
  assert.equal(label.text, '5.要求行政机关确认或重新出具已获取信息');
  // A near miss is not joined: a fix of the label would span the values between its pieces.
  const nearMiss = text.replace(row, '5.要求行政机关确认或重新出具 0 0 0 0 0 0 0\n已获甲信息');
  assert.ok(checkReport({ text: nearMiss }).findings.some((f) => f.code === 'missing-row'));
  assert.ok(!checkReport({ text: nearMiss }).findings.some((f) => f.code === 'label'));
});

test('a row written with spaces that lacks values reads them from the left; the fills of the rest are offered, not applied', () => {
  const text = readFixture('layouts/2019-spaces.txt').replace('（一）予以公开 9 3 0 0 1 1 14', '（一）予以公开 9 3 0 0 1');
  const fills = checkReport({ text }).findings.filter((f) => f.code === 'empty-cell');
  assert.equal(fills.length, 2);
  assert.ok(fills.every((f) => f.fixes[0].preferred === false));
  assert.deepEqual(fills.map((f) => f.fixes[0].edits.map((e) => e.newText)), [[' 1'], [' - 14']]);
});

/**
 * The report with every tab row laid out as `pdftotext -layout` writes a table: the labels from
 * the left, each value right-aligned in its column (a column every 8 characters from character 64),
 * a blank cell left as spaces.
 */
function laidOutInColumns(text: string): string {
  return rewriteTabLines(text, (labels, values) => {
    let right = '';
    for (const { column, text: v } of values) if (v !== '') right = right.padEnd(Math.max(right.length + 1, 8 * (column + 1) - v.length)) + v;
    const left = labels.join('   ');
    return right === '' ? left : `${left.padEnd(64)}${right}`;
  });
}

test('a table laid out in columns (pdftotext -layout) reads a blank cell where its column is blank', () => {
  const shape = (text: string) => {
    const { model, findings } = checkReport({ text });
    return {
      tables: model.tables.map((t) => [t.id, [...t.cells.values()].map((c) => (c.value.kind === 'number' ? c.value.value : c.value.kind))]),
      findings: findings.map((f) => `${f.code} ${f.range.start.line}`),
    };
  };
  // Every third row of seven values or more has its second and fourth values left blank.
  const withBlanks = (text: string): string => {
    let rows = 0;
    return text.split('\n').map((line) => {
      const cells = line.split('\t');
      const first = cells.findIndex((c, k) => k > 0 && /^\d+$/.test(c.trim()) && cells.slice(k).filter((x) => /^\d+$/.test(x.trim())).length >= 7);
      if (first < 0 || rows++ % 3 !== 0) return line;
      cells[first + 1] = '';
      cells[first + 3] = '';
      return cells.join('\t');
    }).join('\n');
  };
  for (const name of [SEEDS['003'], 'layouts/2019-tab.txt', 'layouts/2021-tab.txt']) {
    const text = withBlanks(readFixture(name));
    assert.notEqual(text, readFixture(name), name);
    const laidOut = laidOutInColumns(text);
    assert.ok(parseReport(laidOut).tables.every((t) => t.layout === 'spaces'), name);
    assert.deepEqual(shape(laidOut), shape(text), name);
  }
  const row = '（一）予以公开'.padEnd(64) + [9, 3, '', '', 1, '', 14].map((v) => String(v).padStart(8)).join('');
  const full = (v: number[]) => '（二）部分公开'.padEnd(64) + v.map((x) => String(x).padStart(8)).join('');
  const table = ['三、收到和处理政府信息公开申请情况', '申请人情况', full([1, 0, 0, 0, 0, 0, 1]), row, full([0, 0, 0, 0, 0, 0, 0])].join('\n');
  const cells = parseReport(table).tables[0].sections[0].rows.find((r) => r.id === 'public')!.cells;
  assert.deepEqual(cells.map((c) => c.source?.text ?? ''), ['9', '3', '', '', '1', '', '14']);
  // A fill offered for a blank goes under its column, in the spaces there; the other values stay where they were.
  const fills = checkReport({ text: table }).findings.filter((f) => f.code === 'empty-cell' && f.range.start.line === 3);
  assert.equal(fills.length, 3);
  assert.ok(fills.every((f) => f.fixes[0].preferred === false));
  const fixed = applyEdits(table, fills.flatMap((f) => f.fixes[0].edits)).split('\n')[3];
  assert.equal(fixed, '（一）予以公开'.padEnd(64) + [9, 3, 0, 0, 1, 0, 14].map((v) => String(v).padStart(8)).join(''), fixed);
  const one = applyEdits(table, fills[0].fixes[0].edits);
  assert.deepEqual(parseReport(one).tables[0].sections[0].rows.find((r) => r.id === 'public')!.cells.map((c) => c.source?.text ?? ''), ['9', '3', '0', '', '1', '', '14']);
});

test('a copy with one space between cells keeps reading a row that lacks values from the left', () => {
  const table = ['三、收到和处理政府信息公开申请情况', '（二）部分公开 1 0 0 0 0 0 1', '（一）予以公开 9 3 1 14', '（三）不予公开 0 0 0 0 0 0 0'].join('\n');
  const cells = parseReport(table).tables[0].sections[0].rows.find((r) => r.id === 'public')!.cells;
  assert.deepEqual(cells.map((c) => c.source?.text ?? ''), ['9', '3', '1', '14', '', '', '']);
  // Rows whose labels and values happen to line up are no columns either: which cells are missing stays a guess.
  const lined = ['明湖市测试局2020年政府信息公开工作年度报告', '三、收到和处理政府信息公开申请情况', '（一）予以公开 100 200 300 400 500 600 2100', '（二）部分公开 110 210 310 410 510 610 2160', '（六）其他处理 120 220 320'].join('\n');
  const other = parseReport(lined).tables[0].sections[0].rows.find((r) => r.label?.text === '（六）其他处理')!.cells;
  assert.deepEqual(other.map((c) => c.source?.text ?? ''), ['120', '220', '320', '', '', '', '']);
  assert.ok(other.every((c) => c.rowIncomplete));
});

test('table 4 laid out in columns reads a blank cell between its values where its column is blank', () => {
  for (const name of ['layouts/2019-spaces-columns.txt', 'layouts/2021-spaces-columns.txt']) {
    const text = readFixture(name);
    const line = text.split('\n').find((l) => /^ {20,}\d/.test(l))!;
    const values = line.trim().split(/ +/);
    assert.equal(values.length, 15, name);
    const read = (t: string) => [...parseReport(t).tables.find((x) => x.id === 'table4')!.cells.values()].map((c) => c.source?.text ?? '');
    for (let k = 1; k < 14; k++) {
      let seen = -1;
      const blanked = line.replace(/\d+/g, (v) => (++seen === k ? ' '.repeat(v.length) : v));
      assert.deepEqual(read(text.replace(line, blanked)), values.map((v, i) => (i === k ? '' : v)), `${name}, value ${k + 1} blank`);
    }
    // A blank first column cannot be told from the gaps: the values are read from the left, as before.
    const first = line.replace(/\d+/, (v) => ' '.repeat(v.length));
    assert.deepEqual(read(text.replace(line, first)), [...values.slice(1), '']);
    // One space between values is no layout in columns, even with a wider gap somewhere.
    const single = line.trim().split(/ +/).map((v, i) => (i === 2 ? ' ' : v)).join(' ');
    assert.deepEqual(read(text.replace(line, single)), [...values.slice(0, 2), ...values.slice(3), '']);
  }
  // The fill of the blank goes under its column and is applied with the others: the relations determine it.
  const text = readFixture('layouts/2021-spaces-columns.txt');
  const line = text.split('\n').find((l) => /^ {20,}\d/.test(l))!;
  let seen = -1;
  const damaged = text.replace(line, line.replace(/\d+/g, (v) => (++seen === 2 ? ' ' : v)));
  const fills = checkReport({ text: damaged }).findings.filter((f) => f.code === 'empty-cell');
  assert.equal(fills.length, 1);
  assert.equal(fills[0].fixes[0].preferred, true);
  assert.equal(applyEdits(damaged, fills[0].fixes[0].edits), text);
});

test('table 4 under header words wrapped in narrow columns (pdftotext -layout of a PDF) is read', () => {
  const table4 = [
    '四、政府信息公开行政复议、行政诉讼情况',
    '',
    '         行政复议                              行政诉讼',
    '                              未经复议直接起诉                    复议后起诉',
    '结果   结果    其他    尚未    总',
    '维持   纠正    结果    审结    计   结果 结果 其他 尚未     总       结果   结果 其他 尚未     总',
    '                           维持 纠正 结果 审结     计       维持   纠正 结果 审结     计',
    ' 2   0      1    0     3    0  1  0   1    2        1    0   0  0    1',
    '五、存在的主要问题及改进情况',
  ].join('\n');
  const t4 = parseReport(`明湖市测试局2021年政府信息公开工作年度报告\n${table4}`).tables.find((t) => t.id === 'table4');
  assert.deepEqual([...t4!.cells.values()].map((c) => c.source?.text ?? ''), ['2', '0', '1', '0', '3', '0', '1', '0', '1', '2', '1', '0', '0', '0', '1']);
});
