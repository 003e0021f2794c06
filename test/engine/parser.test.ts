/**
 * Parser tests: every layout of both formats, the five seeds, and the irregularities of real drafts
 * (split labels, numbering styles, full-width punctuation, typos, mixed layouts).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ReportModel, TableInstance } from '../../server/src/engine/model';
import { checkReport } from '../../server/src/engine/check';
import { tokenize } from '../../server/src/engine/parse/lines';
import { parseReport } from '../../server/src/engine/parse/parser';
import { computeLineStarts } from '../../server/src/engine/text/positions';
import { findCell, layoutFixtures, readFixture, SEEDS } from '../helpers';

function table(model: ReportModel, id: string): TableInstance {
  const t = model.tables.find((x) => x.id === id);
  assert.ok(t, `table ${id} found`);
  return t;
}

function values(t: TableInstance, row: string): (number | string)[] {
  for (const s of t.sections) {
    const r = s.rows.find((x) => x.id === row);
    if (r) return r.cells.map((c) => (c.value.kind === 'number' ? c.value.value : c.value.kind));
  }
  throw new Error(`row ${row} missing`);
}

const DATA_ROWS = { '2019': 23, '2021': 25 } as const;

for (const { name, text } of layoutFixtures()) {
  test(`layout fixture ${name}: three tables, every row and cell`, () => {
    const format = name.slice(0, 4) as '2019' | '2021';
    const layout = name.slice(5).replace(/\.txt$/, '').replace(/-columns$/, '');
    const model = parseReport(text);
    assert.deepEqual(model.tables.map((t) => t.id), ['table2', 'table3', 'table4']);
    for (const t of model.tables) assert.equal(t.layout, layout, `${t.id} layout`);
    assert.equal(table(model, 'table3').format, format);
    assert.equal(table(model, 'table2').format, format);
    const t3 = table(model, 'table3');
    const dataRows = t3.sections[0].rows.filter((r) => r.cells.length > 0);
    assert.equal(dataRows.length, DATA_ROWS[format]);
    for (const r of dataRows) {
      assert.equal(r.cells.length, 7);
      for (const c of r.cells) assert.equal(c.value.kind, 'number', `${r.id}/${c.ref.column}`);
    }
    const t4 = table(model, 'table4');
    assert.equal(t4.sections[0].rows[0].cells.length, 15);
    assert.ok(t4.sections[0].rows[0].cells.every((c) => c.value.kind === 'number'));
    assert.deepEqual(model.parts.map((p) => p.index), [1, 2, 3, 4, 5, 6]);
    assert.ok(model.year && model.period && model.closingDate && model.agency);
  });
}

test('seed 000: tab rows with blank cells and trailing tabs', () => {
  const m = parseReport(readFixture(SEEDS['000']));
  assert.equal(m.year, 2020);
  assert.equal(m.agency, '宝鸡市大数据发展服务局');
  assert.deepEqual([m.closingDate?.year, m.closingDate?.month, m.closingDate?.day], [2021, 1, 27]);
  assert.deepEqual([m.period?.from.year, m.period?.to.month, m.period?.to.day], [2020, 12, 31]);
  const t3 = table(m, 'table3');
  assert.deepEqual(values(t3, 'new'), ['blank', 'blank', 'blank', 'blank', 'blank', 'blank', 0]);
  assert.deepEqual(values(t3, 'total7'), ['blank', 'blank', 'blank', 'blank', 'blank', 'blank', 0]);
  assert.deepEqual(values(t3, 'withheld.internal'), Array(7).fill('blank'));
  assert.deepEqual(values(table(m, 'table4'), 'cases'), [0, 1, 2, 3, 5, 6, 7, 8, 10, 11, 12, 13].reduce((a, i) => { a[i] = 'blank'; return a; }, Array(15).fill(0)));
  assert.deepEqual(values(table(m, 'table2'), 'procurement'), [4, 4902000]);
  assert.deepEqual(m.parts.map((p) => p.index), [1, 2, 3, 4, 6, 5]);
});

test('seed 001: one cell a line ending in " |"', () => {
  const m = parseReport(readFixture(SEEDS['001']));
  assert.equal(m.agency, '贵阳市大数据发展管理局');
  const t3 = table(m, 'table3');
  assert.equal(t3.layout, 'pipe-cells');
  assert.deepEqual(values(t3, 'new'), [1, 0, 0, 0, 0, 0, 1]);
  assert.deepEqual(values(t3, 'public'), [1, 0, 0, 0, 0, 0, 1]);
  assert.deepEqual(values(table(m, 'table2'), 'normative'), [3, 3, 3]);
  const item9 = table(m, 'table2').sections.find((s) => s.id === 'item9')!;
  assert.equal(item9.headers.find((h) => h.column === 'amount')?.unit, '万元');
  assert.deepEqual([m.period?.to.year], [2021]);
});

test('seed 002: tab-indented cells, labels split over lines', () => {
  const m = parseReport(readFixture(SEEDS['002']));
  const t2 = table(m, 'table2');
  const item1 = t2.sections.find((s) => s.id === 'item1')!;
  assert.deepEqual(item1.headers.map((h) => h.column), ['made', 'published', 'inForce']);
  assert.deepEqual(values(t2, 'licensing'), [26, 6, 41]);
  assert.deepEqual(values(t2, 'penalty'), [12, -1, 23]);
  const t3 = table(m, 'table3');
  assert.deepEqual(values(t3, 'new'), [1, 'blank', 'blank', 'blank', 'blank', 'blank', 1]);
  assert.deepEqual(values(t3, 'carryover'), [0, 0, 0, 0, 0, 0, 0]);
  assert.deepEqual(values(t3, 'rejected.petition'), [1, 'blank', 'blank', 'blank', 'blank', 'blank', 1]);
  assert.equal(t3.sections[0].rows.filter((r) => r.id === undefined).length, 0, 'no unknown rows');
});

test('seed 003: tab rows with a merged label column', () => {
  const m = parseReport(readFixture(SEEDS['003']));
  const t3 = table(m, 'table3');
  assert.deepEqual(values(t3, 'new'), [2, 0, 0, 0, 0, 0, 2]);
  assert.deepEqual(values(t3, 'withheld.internal'), [1, 0, 0, 0, 0, 0, 1]);
  assert.deepEqual(values(table(m, 'table2'), 'procurement'), [5, 2034.38]);
  assert.equal(m.closingDate, undefined);
});

test('seed 004: blank 自然人 cells, split header cells, typo label', () => {
  const m = parseReport(readFixture(SEEDS['004']));
  const t3 = table(m, 'table3');
  assert.deepEqual(values(t3, 'public'), ['blank', 0, 0, 0, 0, 0, 0]);
  assert.deepEqual(values(t3, 'rejected.confirm'), ['blank', 0, 0, 0, 0, 0, 0]);
  assert.deepEqual(values(t3, 'other'), [0, 0, 0, 0, 0, 0, 0]);
  const law = t3.sections[0].rows.find((r) => r.id === 'withheld.law')!;
  assert.equal(law.match?.quality, 'fuzzy');
  const item9 = table(m, 'table2').sections.find((s) => s.id === 'item9')!;
  assert.deepEqual([item9.headers[1].unit, item9.headers[1].decimals], ['万元', 4]);
  const ngo = t3.sections[0].headers.find((h) => h.column === 'ngo');
  assert.ok(ngo, '社会公益 / 组织 split over two header rows is recognised');
  assert.equal(ngo.cell.parts?.length, 2);
  assert.ok(t3.sections[0].headers.some((h) => h.column === 'legal'), '法律服务 / 机构 too');
});

const T3_TAB = (rows: string) => `二〇二〇年度政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n${rows}`;

test('numbering styles, full-width punctuation, spaces inside labels', () => {
  const text = T3_TAB([
    '一、本年新收政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t1',
    '（三）不予公开\t1、属于国家秘密\t0\t0\t0\t0\t0\t0\t0',
    '\t2．其他法律 行政法规禁止公开\t0\t0\t0\t0\t0\t0\t0',
    '\t3. 危及"三安全一稳定"\t０\t0\t0\t0\t0\t0\t0',
  ].join('\n'));
  const m = parseReport(text);
  const t3 = table(m, 'table3');
  const ids = t3.sections[0].rows.map((r) => r.id);
  assert.deepEqual(ids, ['new', 'withheld', 'withheld.secret', 'withheld.law', 'withheld.safety']);
  assert.ok(t3.sections[0].rows.every((r) => !r.match || r.match.quality !== 'fuzzy'));
});

test('a label broken over two lines before its tab row', () => {
  const text = T3_TAB([
    '（六）其他处理',
    '1.申请人无正当理由逾期不补正、行政机关不',
    '再处理其政府信息公开申请\t0\t0\t0\t0\t0\t0\t0',
  ].join('\n'));
  const t3 = table(parseReport(text), 'table3');
  const row = t3.sections[0].rows.find((r) => r.id === 'other.noCorrection');
  assert.ok(row, 'split label recognised');
  assert.equal(row.cells.length, 7);
  assert.equal(t3.format, '2021');
});

test('near-miss typos are recognised as the standard row', () => {
  const text = T3_TAB('\t5.属于三类内容事务信息\t0\t0\t0\t0\t0\t0\t0\n\t2.其他法律法规禁止公开\t0\t0\t0\t0\t0\t0\t0');
  const rows = table(parseReport(text), 'table3').sections[0].rows;
  assert.deepEqual(rows.map((r) => [r.id, r.match?.quality]), [['withheld.internal', 'fuzzy'], ['withheld.law', 'fuzzy']]);
});

test('layouts mixed in one document', () => {
  const text = [
    '2021年度政府信息公开工作年度报告',
    '二、主动公开政府信息情况',
    '| 第二十条第（五）项 | |',
    '|---|---|',
    '| 信息内容 | 本年处理决定数量 |',
    '| 行政许可 | 12 |',
    '三、收到和处理政府信息公开申请情况',
    '一、本年新收政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |',
    '四、政府信息公开行政复议、行政诉讼情况',
    '行政复议\t\t\t\t\t行政诉讼',
    '结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计',
    '1\t0\t0\t0\t1\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0',
  ].join('\n');
  const m = parseReport(text);
  assert.deepEqual(m.tables.map((t) => [t.id, t.layout]), [['table2', 'markdown'], ['table3', 'pipe-rows'], ['table4', 'tab']]);
  assert.equal(findCell(m, 'table2', 'licensing', 'decisions').cell.value.kind, 'number');
  assert.deepEqual(values(table(m, 'table3'), 'new'), [1, 0, 0, 0, 0, 0, 1]);
  assert.equal(values(table(m, 'table4'), 'cases')[4], 1);
});

test('CRLF line endings and a BOM do not shift positions', () => {
  const text = '\ufeff2020年度政府信息公开工作年度报告\r\n一、本年新收政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t1\r\n';
  const m = parseReport(text);
  const { cell } = findCell(m, 'table3', 'new', 'total');
  assert.equal(text.slice(cell.source!.start, cell.source!.end), '1');
  assert.equal(m.lineStarts.length, 3);
});

test('never throws on arbitrary input', () => {
  for (const s of ['', '\n\n\t\t|', '|||', '一、', '（七）总计', '\t\t0\t\t', 'x'.repeat(5000), '第二十条第（一）项\n信息内容']) {
    assert.doesNotThrow(() => parseReport(s));
  }
});

test('a row whose last cells were deleted keeps its values in their columns (tab, Markdown)', () => {
  for (const { name, text } of layoutFixtures().filter((f) => /tab|markdown/.test(f.name))) {
    const line = text.split('\n').find((l) => l.includes('本年新收政府信息公开申请数量'))!;
    const cells = line.split(name.includes('tab') ? '\t' : '|');
    const values = cells.filter((c) => /^\s*\d+\s*$/.test(c)).map((c) => c.trim());
    assert.equal(values.length, 7, name);
    // Cut after the fourth value: the label's padding cells stay, the last three values go.
    const fourth = cells.findIndex((c, i) => cells.slice(0, i + 1).filter((x) => /^\s*\d+\s*$/.test(x)).length === 4);
    const short = cells.slice(0, fourth + 1).join(name.includes('tab') ? '\t' : '|') + (name.includes('tab') ? '' : '|');
    const model = parseReport(text.replace(line, short));
    const row = ['natural', 'business', 'research', 'ngo', 'legal', 'otherOrg', 'total'].map((column) => {
      const { cell } = findCell(model, 'table3', 'new', column);
      return cell.source ? cell.source.text : 'missing';
    });
    assert.deepEqual(row, [...values.slice(0, 4), 'missing', 'missing', 'missing'], name);
  }
});

test('a tab row padded after its label and closed by a tab keeps its values in their columns when one is deleted', () => {
  const columns = ['natural', 'business', 'research', 'ngo', 'legal', 'otherOrg', 'total'];
  for (const { name, text } of layoutFixtures().filter((f) => f.name.includes('tab'))) {
    for (const row of ['new', 'carried', 'carryover']) {
      const { cell: total } = findCell(parseReport(text), 'table3', row, 'total');
      const line = text.split('\n')[total.source!.line];
      assert.match(line, /^[^\t]+\t\t(\d+\t){7}$/, `${name} ${row}`);
      const cells = line.split('\t');
      for (let k = 0; k < 7; k++) {
        const damaged = cells.map((c, i) => (i === k + 2 ? '' : c)).join('\t');
        const model = parseReport(text.replace(line, damaged));
        const read = columns.map((column) => {
          const { cell } = findCell(model, 'table3', row, column);
          return cell.value.kind === 'number' ? cell.source!.text : cell.value.kind;
        });
        assert.deepEqual(read, cells.slice(2, 9).map((c, i) => (i === k ? 'blank' : c)), `${name} ${row}, value ${k + 1} deleted`);
      }
    }
  }
});

test('invisible differences change nothing: a trailing tab after a heading, a sentence, a label, a pipe row or every line, a form feed, zero-width spaces in labels', () => {
  const transforms: Record<string, (text: string) => string> = {
    // Word copies a tab after a paragraph: headings and sentences (lines without cells) get one.
    'tab after text': (t) => t.split('\n').map((l) => (/[\t|]/.test(l) || !/[。；]|^#*\s*[一二三四五六]、/.test(l) ? l : `${l}\t`)).join('\n'),
    'tab after a pipe row': (t) => t.split('\n').map((l) => (/\|\s*$/.test(l) ? `${l}\t` : l)).join('\n'),
    // A label above values written one a line, tab-indented: `规章⇥` over `⇥0`.
    'tab after a label': (t) => {
      const lines = t.split('\n');
      const next = (i: number) => lines.slice(i + 1).find((l) => l.trim() !== '') ?? '';
      return lines.map((l, i) => (l.trim() !== '' && !/[\t|]/.test(l) && /^\t[^\t]*$/.test(next(i)) ? `${l}\t` : l)).join('\n');
    },
    // Some exports close every line with a tab, the values of one-cell-a-line tables too (`⇥0⇥`).
    'tab after every line': (t) => t.replace(/\n/g, '\t\n'),
    // A PDF conversion opens each page with a form feed, before whatever line comes first.
    'form feed before a line': (t) => t.split('\n').map((l, i) => (i % 3 === 0 ? `\f${l}` : l)).join('\n'),
    'zero-width spaces in labels': (t) => t.replace(/总计/g, '总\u200b计').replace(/行政许可/g, '行政\u200b许可').replace(/自然人/g, '自\u200d然人'),
  };
  const shape = (text: string) => {
    const m = parseReport(text);
    return {
      parts: m.parts.map((p) => p.index),
      period: m.period && text.slice(m.period.start, m.period.end),
      cells: m.tables.map((t) => [t.id, t.layout, [...t.cells.values()].map((c) => (c.value.kind === 'number' ? c.value.value : c.value.kind))]),
    };
  };
  let changed = 0;
  for (const { name, text } of [...layoutFixtures(), { name: 'seed 002', text: readFixture(SEEDS['002']) }]) {
    const expected = shape(text);
    for (const [what, transform] of Object.entries(transforms)) {
      const altered = transform(text);
      if (altered === text) continue;
      changed++;
      assert.deepEqual(shape(altered), expected, `${name}: ${what}`);
    }
  }
  assert.ok(changed >= 20, `${changed} altered documents`);
});

test('a page number or the title a page header repeats, left inside a table by a conversion, changes no cell, in every layout', () => {
  const cells = (text: string) => parseReport(text).tables.map((t) => [t.id, [...t.cells.values()].map((c) => (c.value.kind === 'number' ? c.value.value : c.value.kind))]);
  let tried = 0;
  for (const { name, text } of [...layoutFixtures(), { name: 'seed 002', text: readFixture(SEEDS['002']) }]) {
    const expected = cells(text);
    const model = parseReport(text);
    const lines = text.split('\n');
    let offset = 0;
    for (let i = 0; i < lines.length; offset += lines[i].length + 1, i++) {
      if (i % 4 !== 0 || !model.tables.some((t) => t.id !== 'table2' && offset > t.span.start && offset < t.span.end)) continue;
      for (const page of ['- 3 -', '第 3 页 共 8 页', '明湖市生态环境局2020年政府信息公开工作年度报告']) {
        tried++;
        const altered = [...lines.slice(0, i), page, ...lines.slice(i)].join('\n');
        assert.deepEqual(cells(altered), expected, `${name}: ${page} before line ${i + 1}`);
      }
    }
  }
  assert.ok(tried >= 300, `${tried} page numbers and titles inserted`);
});

test('table 3\'s header repeated among its rows (at the top of a page) changes no cell, in every layout; after its last row it opens a second copy', () => {
  const cells = (text: string) => parseReport(text).tables.map((t) => [t.id, [...t.cells.values()].map((c) => (c.value.kind === 'number' ? c.value.value : c.value.kind))]);
  let tried = 0;
  for (const { name, text } of [...layoutFixtures(), ...['000', '002', '004'].map((k) => ({ name: `seed ${k}`, text: readFixture(SEEDS[k]) }))]) {
    const expected = cells(text);
    const lines = text.split('\n');
    const after = (re: RegExp, from: number) => lines.findIndex((l, i) => i > from && re.test(l));
    const applicants = after(/申请人情况/, -1);
    const headerStart = after(/勾稽关系/, applicants - 3) === applicants - 1 ? applicants - 1 : applicants;
    const firstRow = after(/本年新收/, applicants);
    const lastRow = after(/结转下年度继续办理/, firstRow);
    assert.ok(headerStart > 0 && headerStart < firstRow && firstRow < lastRow, name);
    const header = lines.slice(headerStart, firstRow);
    // Before each later row label that opens its line (the page may break before any row).
    for (let i = firstRow + 1; i <= lastRow; i++) {
      if (!/^\s*(\|\s*)?(?:[（(][一二三四五六七]|[一二三四]、|\d\.)/.test(lines[i])) continue;
      tried++;
      const altered = [...lines.slice(0, i), ...header, ...lines.slice(i)].join('\n');
      assert.deepEqual(cells(altered), expected, `${name}: header again before line ${i + 1}`);
    }
    const twice = cells(`${text}\n\n${text}`);
    assert.deepEqual(twice.filter(([id]) => id === 'table3'), [...expected, ...expected].filter(([id]) => id === 'table3'), `${name}: two copies`);
  }
  assert.ok(tried >= 250, `${tried} headers inserted`);
});

test('a label broken over two or three lines inside a tab or pipe row (a line break typed in a Word cell) keeps its row\'s cells, in every layout', () => {
  const shape = (text: string) => {
    const { model, findings } = checkReport({ text });
    return [model.tables.map((t) => [t.id, [...t.cells.values()].map((c) => (c.value.kind === 'number' ? c.value.value : c.value.kind))]), findings.map((f) => f.code).sort()];
  };
  let tried = 0;
  const docs = [...layoutFixtures().filter((f) => /tab|pipe-rows/.test(f.name)), ...['000', '003'].map((k) => ({ name: `seed ${k}`, text: readFixture(SEEDS[k]) }))];
  for (const { name, text } of docs) {
    const expected = shape(text);
    const sep = name.includes('pipe') ? '|' : '\t';
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const cells = lines[i].split(sep);
      const k = cells.findIndex((c) => c.trim().length >= 5 && /[\u4e00-\u9fff]/.test(c));
      if (k < 0 || !cells.slice(k + 1).some((c) => /^\s*\d/.test(c))) continue;
      // Broken after the ordinal's closing bracket, in the middle, or before a remark (（二）部分公开 / （区分处理的…）).
      const label = cells[k];
      const remark = label.search(/[（(][^（(]*$/);
      for (const at of new Set([label.search(/[）)]/) + 1, Math.floor(label.length / 2), remark > 2 ? remark : 0])) {
        if (at < 2 || at > label.length - 2 || /^\s*[\d.、]+$/.test(label.slice(0, at))) continue;
        tried++;
        const broken = `${[...cells.slice(0, k), label.slice(0, at)].join(sep)}\n${[label.slice(at), ...cells.slice(k + 1)].join(sep)}`;
        assert.deepEqual(shape([...lines.slice(0, i), broken, ...lines.slice(i + 1)].join('\n')), expected, `${name}: ${JSON.stringify(broken)}`);
      }
      // Broken twice, as a narrow cell of a PDF or Word table breaks a long label.
      const third = Math.floor(label.trim().length / 3);
      if (third >= 3 && !/^\s*[\d.、]+$/.test(label.slice(0, third))) {
        tried++;
        const twice = `${[...cells.slice(0, k), label.slice(0, third)].join(sep)}\n${label.slice(third, 2 * third)}\n${[label.slice(2 * third), ...cells.slice(k + 1)].join(sep)}`;
        assert.deepEqual(shape([...lines.slice(0, i), twice, ...lines.slice(i + 1)].join('\n')), expected, `${name}: ${JSON.stringify(twice)}`);
      }
    }
  }
  assert.ok(tried >= 150, `${tried} labels broken`);
});

test('a label in a cell that Excel quoted because it holds a line break keeps its row\'s cells, in tab rows', () => {
  const shape = (text: string) => {
    const { model, findings } = checkReport({ text });
    return [model.tables.map((t) => [t.id, [...t.cells.values()].map((c) => (c.value.kind === 'number' ? c.value.value : c.value.kind))]), findings.map((f) => f.code).sort()];
  };
  let tried = 0;
  const docs = [...layoutFixtures().filter((f) => f.name.endsWith('-tab')), ...['000', '003'].map((k) => ({ name: `seed ${k}`, text: readFixture(SEEDS[k]) }))];
  for (const { name, text } of docs) {
    const expected = shape(text);
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const cells = lines[i].split('\t');
      const k = cells.findIndex((c) => c.trim().length >= 5 && /[\u4e00-\u9fff]/.test(c));
      if (k < 0 || !cells.slice(k + 1).some((c) => /^\s*\d/.test(c))) continue;
      const label = cells[k];
      const at = Math.floor(label.length / 2);
      if (/^\s*[\d.、]+$/.test(label.slice(0, at))) continue;
      tried++;
      const quoted = `${[...cells.slice(0, k), `"${label.slice(0, at)}`].join('\t')}\n${[`${label.slice(at)}"`, ...cells.slice(k + 1)].join('\t')}`;
      assert.deepEqual(shape([...lines.slice(0, i), quoted, ...lines.slice(i + 1)].join('\n')), expected, `${name}: ${JSON.stringify(quoted)}`);
      if (label.length >= 9) {
        tried++;
        const third = Math.floor(label.length / 3);
        const three = `${[...cells.slice(0, k), `"${label.slice(0, third)}`].join('\t')}\n${label.slice(third, 2 * third)}\n${[`${label.slice(2 * third)}"`, ...cells.slice(k + 1)].join('\t')}`;
        assert.deepEqual(shape([...lines.slice(0, i), three, ...lines.slice(i + 1)].join('\n')), expected, `${name}: ${JSON.stringify(three)}`);
      }
      tried++;
      const whole = [...cells.slice(0, k), `"${label}"`, ...cells.slice(k + 1)].join('\t');
      assert.deepEqual(shape([...lines.slice(0, i), whole, ...lines.slice(i + 1)].join('\n')), expected, `${name}: ${JSON.stringify(whole)}`);
    }
  }
  assert.ok(tried >= 90, `${tried} labels quoted`);
  const cellsOf = (text: string) => tokenize(text, computeLineStarts(text)).map((l) => l.cells.map((c) => c.text));
  assert.deepEqual(cellsOf('3. 危及"三安全一稳定"\t1\t""\t"2"'), [['3. 危及"三安全一稳定"', '1', '', '2']]);
});

test('a <br> where a Markdown cell\'s line broke is no part of its label or header', () => {
  const shape = (text: string) => {
    const { model, findings } = checkReport({ text });
    return [model.tables.map((t) => [t.id, [...t.cells.values()].map((c) => (c.value.kind === 'number' ? c.value.value : c.value.kind))]), findings.map((f) => f.code).sort()];
  };
  let tried = 0;
  for (const { name, text } of layoutFixtures().filter((f) => f.name.includes('markdown'))) {
    const expected = shape(text);
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      if (!lines[i].startsWith('|')) continue;
      const cells = lines[i].split('|');
      for (let k = 0; k < cells.length; k++) {
        const label = cells[k].trim();
        if (label.length < 4 || !/[\u4e00-\u9fff]/.test(label)) continue;
        const at = Math.floor(label.length / 2);
        for (const tag of ['<br>', '<br/>', '<br />']) {
          tried++;
          const broken = [...cells.slice(0, k), ` ${label.slice(0, at)}${tag}${label.slice(at)} `, ...cells.slice(k + 1)].join('|');
          assert.deepEqual(shape([...lines.slice(0, i), broken, ...lines.slice(i + 1)].join('\n')), expected, `${name}: ${broken}`);
        }
      }
    }
  }
  assert.ok(tried >= 150, `${tried} cells broken`);
});

test('part headings in the spellings drafts use: 一．, 一. , 一、 , bold, a closing colon, 第一部分, spaced out, no ordinal', () => {
  const heading = /^(#*\s*)([一二三四五六])、(总体情况|主动公开政府信息情况|收到和处理政府信息公开申请情况|政府信息公开行政复议、行政诉讼情况|存在的主要问题及改进情况|其他需要报告的事项)$/gm;
  const spellings: [string, string | ((m: string, p: string, n: string, x: string) => string)][] = [
    ['一．', '$1$2．$3'],
    ['一. ', '$1$2. $3'],
    ['一、 ', '$1$2、 $3'],
    ['bold', '$1**$2、$3**'],
    ['colon', '$1$2、$3：'],
    ['第一部分', (_m, p, n, x) => `${p}第${n}部分 ${x}`],
    ['spaced out', (_m, p, n, x) => `${p}${n}、${[...x].join(' ')}`],
    ['spaced out with ideographic spaces', (_m, p, n, x) => `${p}${n}、${[...x].join('\u3000')}`],
    ['no ordinal', '$1$3'],
    ['no ordinal, bold', '$1**$3**'],
    ['no ordinal, colon', '$1$3：'],
  ];
  const tables = (text: string) => parseReport(text).tables.map((t) => [t.id, t.cells.size]);
  for (const { name, text } of layoutFixtures()) {
    for (const [what, replacement] of spellings) {
      const altered = text.replace(heading, replacement as string);
      assert.notEqual(altered, text, `${name}: ${what}`);
      const model = parseReport(altered);
      assert.deepEqual(model.parts.map((p) => p.index), [1, 2, 3, 4, 5, 6], `${name}: ${what}`);
      assert.deepEqual(model.parts.map((p) => p.ordinal === undefined), Array(6).fill(what.startsWith('no ordinal')), `${name}: ${what}`);
      assert.deepEqual(tables(altered), tables(text), `${name}: ${what}`);
    }
  }
});

test('a line with the words of its own or an earlier part and no ordinal is a caption or sub-heading, not a part', () => {
  for (const { name, text } of layoutFixtures()) {
    for (const [after, line] of [['二、主动公开政府信息情况', '主动公开政府信息情况'], ['三、收到和处理政府信息公开申请情况', '总体情况']]) {
      const altered = text.replace(new RegExp(`^(#*\\s*)${after}$`, 'm'), `$&\n\n${line}`);
      assert.notEqual(altered, text, name);
      assert.deepEqual(parseReport(altered).parts.map((p) => p.index), [1, 2, 3, 4, 5, 6], `${name}: ${line}`);
    }
  }
});

/** Every table cell's value, to compare two readings of one document. */
const cellValues = (model: ReportModel): string =>
  JSON.stringify(model.tables.map((t) => [t.id, [...t.cells.values()].map((c) => (c.value.kind === 'number' ? c.value.value : c.value.kind))]));

/** The first and last character of each word (of `minLength` Chinese characters or more) inside the tables of a model. */
function wordEnds(text: string, model: ReportModel, minLength: number): { word: string; k: number; at: number }[] {
  const out: { word: string; k: number; at: number }[] = [];
  for (const table of model.tables) {
    const words = new RegExp(`[\\u4e00-\\u9fff]{${minLength},}`, 'g');
    const span = text.slice(table.span.start, table.span.end);
    for (let m: RegExpExecArray | null = words.exec(span); m; m = words.exec(span)) {
      for (const k of [0, m[0].length - 1]) out.push({ word: m[0], k, at: table.span.start + m.index + k });
    }
  }
  return out;
}

test('one character wrong at either end of any word of a table keeps every cell of every table, in every layout', () => {
  let tried = 0;
  for (const { name, text } of layoutFixtures()) {
    const model = parseReport(text);
    const expected = cellValues(model);
    for (const { word, k, at } of wordEnds(text, model, 2)) {
      tried++;
      const altered = text.slice(0, at) + (text[at] === '甲' ? '乙' : '甲') + text.slice(at + 1);
      assert.equal(cellValues(parseReport(altered)), expected, `${name}: ${word} with its character ${k + 1} wrong`);
    }
  }
  assert.ok(tried > 1000, `${tried} typos tried`);
});

test('one character missing at either end of a word of three or more, or of a numbered two-character label (（七）计, 3.他), keeps every cell', () => {
  let tried = 0;
  for (const { name, text } of layoutFixtures()) {
    const model = parseReport(text);
    const expected = cellValues(model);
    const check = (altered: string, what: string) => {
      tried++;
      assert.equal(cellValues(parseReport(altered)), expected, `${name}: ${what}`);
    };
    for (const { word, k, at } of wordEnds(text, model, 3)) check(text.slice(0, at) + text.slice(at + 1), `${word} without its character ${k + 1}`);
    check(text.replace(/([（(]七[)）]\s*)总(计)/, '$1$2'), '（七）计');
    check(text.replace(/([（(]七[)）]\s*总)计/, '$1'), '（七）总');
    if (text.includes('3.其他')) check(text.replace('3.其他', '3.他'), '3.他');
  }
  assert.ok(tried > 1000, `${tried} deletions tried`);
});

test('a placeholder value above a label is not joined to it (无 / 其他对外管理服务事项)', () => {
  for (const name of ['2019-indented-cells.txt', '2019-pipe-cells.txt']) {
    const text = layoutFixtures().find((f) => f.name === name)!.text;
    const model = parseReport(text);
    const cell = findCell(model, 'table2', 'licensing', 'decisions').cell;
    const altered = text.slice(0, cell.source!.start) + '无' + text.slice(cell.source!.end);
    const read = parseReport(altered);
    assert.equal(findCell(read, 'table2', 'licensing', 'decisions').cell.value.kind, 'placeholder', name);
    assert.equal(cellValues(read), cellValues(model).replace('352', '"placeholder"'), name);
  }
});
