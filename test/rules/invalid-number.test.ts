import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkReport } from '../../server/src/engine/check';
import { layoutFixtures, readFixture, SEEDS } from '../helpers';
import { applyFixAndRecheck, at, findingsOf, LAYOUTS, rangeOfText, report } from './table-kit';

/** A 2019 table 2 in pipe rows with one odd spelling or invalid value after another. */
const pipeRows = `明湖市测试局2020年政府信息公开工作年度报告

第二十条第（一）项 |
信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |
规章 | １２ | 1,234 | 2件 |
规范性文件 | +3 | 5.0 | 22（其中修订16件） |
第二十条第（五）项 |
信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量 |
行政许可 | 8 | ＋1 | 352 |
其他对外管理服务事项 | 1.5 | 2.5 | -2 |
第二十条第（六）项 |
信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量 |
行政处罚 | 两 | 100% | 无 |
行政强制 | 3 | −2 | 5 |
第二十条第（八）项 |
信息内容 | 上一年项目数量 | 本年增/减 |
行政事业性收费 | 0 | -1 |
第二十条第（九）项 |
信息内容 | 采购项目数量 | 采购总金额（万元） |
政府集中采购 | 4 | -5 |
`;

describe('invalid-number', () => {
  const found = findingsOf(pipeRows, 'invalid-number');
  const byText = (text: string) => {
    const f = found.find((x) => at(x.range) === rangeOfText(pipeRows, text));
    assert.ok(f, `no finding on ${text}`);
    return f;
  };

  it('reports exactly the invalid or irregular cells, as errors', () => {
    assert.equal(found.length, 13);
    assert.ok(found.every((f) => f.severity === 'error'));
  });

  it('normalises full-width digits, thousands separators, an attached 件, a plus sign and .0 (preferred)', () => {
    for (const [written, canonical] of [['１２', '12'], ['1,234', '1234'], ['2件', '2'], ['+3', '3'], ['5.0', '5'], ['＋1', '+1'], ['−2', '-2']]) {
      const f = byText(written);
      assert.equal(f.fixes.length, 1, written);
      assert.equal(f.fixes[0].preferred, true, written);
      assert.equal(f.fixes[0].edits[0].newText, canonical, written);
      assert.ok(applyFixAndRecheck(pipeRows, f).includes(` ${canonical} |`));
    }
  });

  it('reports 1.5, -2, 两, 100%, a decimal change and a negative amount without a fix', () => {
    for (const written of ['1.5', '2.5', '-2', '两', '100%', '-5']) {
      const f = byText(written);
      assert.deepEqual(f.fixes, [], written);
      assert.match(f.message, new RegExp(written.replace(/[.+%]/g, '\\$&')));
    }
  });

  it('accepts signed changes, notes after a number, placeholders (empty-cell’s business) and decimals in money', () => {
    for (const ok of ['-1', '22（其中修订16件）', '无', '352']) {
      assert.ok(!found.some((f) => at(f.range) === rangeOfText(pipeRows, ok)), ok);
    }
    const money = report({ year: 2020, layout: 'tab', tables: { table2: (ref) => (ref.column === 'amount' ? '218.6' : ref.column === 'change' ? '-3' : '0') } });
    assert.deepEqual(findingsOf(money, 'invalid-number'), []);
  });

  it('table 3 (Markdown): a full-width zero is normalised and the table stays consistent', () => {
    const text = report({ year: 2021, layout: 'markdown' }).replace('| | （一）予以公开 | | 0 |', '| | （一）予以公开 | | ０ |');
    const [f, ...rest] = findingsOf(text, 'invalid-number');
    assert.equal(rest.length, 0);
    assert.equal(at(f.range), rangeOfText(text, '０'));
    assert.ok(applyFixAndRecheck(text, f).includes('| | （一）予以公开 | | 0 |'));
  });

  it('table 4 (one cell a line): a negative count is an error without a fix', () => {
    const base = report({ year: 2021, layout: 'pipe-cells' });
    const lines = base.split('\n');
    const i = lines.lastIndexOf('0 |');
    lines[i] = '-1 |';
    const text = lines.join('\n');
    const [f, ...rest] = findingsOf(text, 'invalid-number');
    assert.equal(rest.length, 0);
    assert.equal(at(f.range), `${i}:0-${i}:2`);
    assert.deepEqual(f.fixes, []);
  });

  it('a count written as a word or a malformed number (若干, 不详, 约3, 2,5) stays in its own cell, in every table and layout', () => {
    let tried = 0;
    for (const { name, text } of layoutFixtures()) {
      const original = checkReport({ text }).model;
      original.tables.forEach((table, t) => {
        const cells = [...table.cells.values()];
        cells.forEach((cell, i) => {
          if (!cell.source || cell.value.kind !== 'number' || i % 3 !== t % 3) return;
          const word = ['若干', '不详', '约3', '2,5'][i % 4];
          const bad = text.slice(0, cell.source.start) + word + text.slice(cell.source.end);
          const result = checkReport({ text: bad });
          const read = [...result.model.tables[t].cells.values()].map((c) => c.source?.text);
          assert.deepEqual(read, cells.map((c) => (c === cell ? word : c.source?.text)), `${name} ${cell.key} = ${word}`);
          const errors = result.findings.filter((f) => f.severity === 'error');
          assert.deepEqual(errors.map((f) => f.code), ['invalid-number'], `${name} ${cell.key}`);
          assert.equal(errors[0].range.start.line, cell.source.line, `${name} ${cell.key}`);
          tried++;
        });
      });
    }
    assert.ok(tried > 600, `${tried} cells`);
  });

  it('gives none on standard reports and on the seeds', () => {
    for (const layout of LAYOUTS) assert.deepEqual(findingsOf(report({ year: 2020, layout }), 'invalid-number'), [], layout);
    for (const seed of Object.keys(SEEDS)) assert.deepEqual(findingsOf(readFixture(SEEDS[seed]), 'invalid-number'), [], seed);
  });

  it('messages come in English too', () => {
    const [f] = findingsOf(pipeRows, 'invalid-number', { locale: 'en' });
    assert.match(f.message, /plain number|whole number|count|amount/);
  });
});
