import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseReport } from '../../server/src/engine/parse/parser';
import { renderTable } from '../../server/src/engine/render';
import { readFixture, SEEDS } from '../helpers';
import { applyFixAndRecheck, at, findings, findingsOf, LAYOUTS, rangeOfText, report } from './table-kit';

describe('missing-table', () => {
  it('tab: part 三 without table 3 → reported on the heading; the fix inserts the tab table after it', () => {
    const text = report({ year: 2021, layout: 'tab', tables: { table3: null } });
    const [f, ...rest] = findingsOf(text, 'missing-table');
    assert.equal(rest.length, 0);
    assert.equal(f.severity, 'error');
    assert.equal(at(f.range), rangeOfText(text, '三、收到和处理政府信息公开申请情况'));
    assert.equal(f.fixes[0].preferred, false);
    assert.equal(applyFixAndRecheck(text, f), report({ year: 2021, layout: 'tab' }));
  });

  it('Markdown headings and no table at all: each part reported, each fix inserts a Markdown table', () => {
    let text = report({ year: 2020, layout: 'markdown', tables: { table2: null, table3: null, table4: null } });
    const found = findingsOf(text, 'missing-table');
    assert.deepEqual(found.map((f) => at(f.range)), [
      rangeOfText(text, '二、主动公开政府信息情况'),
      rangeOfText(text, '三、收到和处理政府信息公开申请情况'),
      rangeOfText(text, '四、政府信息公开行政复议、行政诉讼情况'),
    ]);
    while (findingsOf(text, 'missing-table').length > 0) text = applyFixAndRecheck(text, findingsOf(text, 'missing-table')[0]);
    assert.equal(text, report({ year: 2020, layout: 'markdown' }));
  });

  it('follows the layout of the other tables (one cell a line), in the format the year requires', () => {
    for (const layout of ['pipe-cells', 'indented-cells', 'pipe-rows'] as const) {
      const text = report({ year: 2021, layout, tables: { table4: null } });
      const [f] = findingsOf(text, 'missing-table');
      assert.equal(at(f.range), rangeOfText(text, '四、政府信息公开行政复议、行政诉讼情况'), layout);
      const fixed = applyFixAndRecheck(text, f);
      assert.equal(fixed, report({ year: 2021, layout }), layout);
      assert.equal(parseReport(fixed).tables.find((t) => t.id === 'table4')!.layout, layout);
    }
  });

  it('inserts a blank line after the table when the heading is followed directly by text', () => {
    const text = report({ year: 2021, layout: 'tab', tables: { table2: null } }).replace('二、主动公开政府信息情况\n\n', '二、主动公开政府信息情况\n');
    const [f] = findingsOf(text, 'missing-table');
    const fixed = applyFixAndRecheck(text, f);
    assert.ok(fixed.includes(`二、主动公开政府信息情况\n\n${renderTable('2021', 'table2', 'tab', '\n')}\n三、`));
  });

  it('a table of fragments: reported on the heading, replaced by the whole table keeping its values', () => {
    const fragment = '一、本年新收政府信息公开申请数量\t\t\t2\t0\t0\t0\t0\t0\t2\n二、上年结转政府信息公开申请数量\t\t\t0\t0\t0\t0\t0\t0\t0\n四、结转下年度继续办理\t\t\t2\t0\t0\t0\t0\t0\t2\n';
    const text = report({ year: 2021, layout: 'tab', tables: { table3: fragment } });
    assert.deepEqual(findingsOf(text, 'missing-row'), []);
    const [f] = findingsOf(text, 'missing-table');
    assert.equal(at(f.range), rangeOfText(text, '三、收到和处理政府信息公开申请情况'));
    assert.match(f.message, /3/);
    const fixed = applyFixAndRecheck(text, f);
    const table3 = parseReport(fixed).tables.find((t) => t.id === 'table3')!;
    assert.equal(table3.sections[0].rows.filter((r) => r.id).length, 30);
    assert.equal(table3.cells.get('table3/main/new/natural')!.source!.text, '2');
  });

  it('fragments in pieces are replaced together', () => {
    const pieces = '一、本年新收政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t1\n本表数据来源于申请登记台账，仅列出部分行次。\n四、结转下年度继续办理\t1\t0\t0\t0\t0\t0\t1\n';
    const text = report({ year: 2021, layout: 'tab', tables: { table3: pieces } });
    assert.equal(parseReport(text).tables.filter((t) => t.id === 'table3').length, 2);
    const [f, ...rest] = findingsOf(text, 'missing-table');
    assert.equal(rest.length, 0);
    const fixed = applyFixAndRecheck(text, f);
    const tables = parseReport(fixed).tables.filter((t) => t.id === 'table3');
    assert.equal(tables.length, 1);
    assert.equal(tables[0].cells.get('table3/main/carryover/total')!.source!.text, '1');
    assert.ok(fixed.includes('仅列出部分行次。'));
  });

  it('table 4 with its headers but no data row is a fragment', () => {
    const headersOnly = renderTable('2021', 'table4', 'markdown', '\n').split('\n').slice(0, 4).join('\n');
    const text = report({ year: 2021, layout: 'markdown', tables: { table4: headersOnly } });
    const [f] = findingsOf(text, 'missing-table');
    assert.equal(at(f.range), rangeOfText(text, '四、政府信息公开行政复议、行政诉讼情况'));
    assert.equal(applyFixAndRecheck(text, f), report({ year: 2021, layout: 'markdown' }));
  });

  it('a document with neither part headings nor tables: reported once on its first line, without a fix', () => {
    const text = '\n  关于某某工作的说明\n\n今年一切正常。\n';
    const [f, ...rest] = findingsOf(text, 'missing-table');
    assert.equal(rest.length, 0);
    assert.equal(at(f.range), '1:2-1:11');
    assert.deepEqual(f.fixes, []);
    assert.deepEqual(findingsOf('', 'missing-table'), []);
  });

  it('tables without part headings, or parts 二–四 absent, are not its business', () => {
    assert.deepEqual(findingsOf(`明湖市测试局2021年政府信息公开工作年度报告\n\n${renderTable('2021', 'table3', 'tab', '\n')}`, 'missing-table'), []);
    assert.deepEqual(findingsOf('一、总体情况\n\n今年一切正常。\n', 'missing-table'), []);
  });

  it('is silent on complete reports in every layout and on the seeds', () => {
    for (const layout of LAYOUTS) for (const year of [2020, 2021]) assert.deepEqual(findingsOf(report({ year, layout }), 'missing-table'), [], `${year} ${layout}`);
    for (const seed of Object.keys(SEEDS)) assert.deepEqual(findingsOf(readFixture(SEEDS[seed]), 'missing-table'), [], seed);
  });

  it('keeps CRLF line breaks', () => {
    const text = report({ year: 2021, layout: 'tab', tables: { table4: null }, eol: '\r\n' });
    const [f] = findings(text).filter((x) => x.code === 'missing-table');
    const fixed = applyFixAndRecheck(text, f);
    assert.equal(fixed, report({ year: 2021, layout: 'tab', eol: '\r\n' }));
    assert.ok(!/[^\r]\n/.test(fixed));
  });
});
