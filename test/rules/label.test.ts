import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkReport } from '../../server/src/engine/check';
import { applyEdits } from '../../server/src/engine/fixes/apply';
import { parseReport } from '../../server/src/engine/parse/parser';
import { findCell, layoutFixtures, readFixture, SEEDS } from '../helpers';
import { applyFixAndRecheck, at, findingsOf, LAYOUTS, rangeOfText, report } from './table-kit';

const zeros = (n: number, sep: string) => new Array(n).fill('0').join(sep);

const tabTable3 = `明湖市测试局2020年政府信息公开工作年度报告

三、本年度办理结果\t(一) 予以公开\t${zeros(7, '\t')}
\t(三) 不予公开\t1. 属于国家秘密\t${zeros(7, '\t')}
\t\t5. 属于三类内容事务信息\t${zeros(7, '\t')}
`;

const markdownTable3 = `# 明湖市测试局2021年政府信息公开工作年度报告

| 一、本年新收政府信息公开申请数量 | ${zeros(7, ' | ')} |
|---|---|---|---|---|---|---|---|
| 二、上年结转政府信息公开申请数量 | ${zeros(7, ' | ')} |
| （三）不予公开 | | | | | | | |
| 2、其他法律法规禁止公开 | ${zeros(7, ' | ')} |
`;

const pipeCells2021 = `明湖市测试局2021年政府信息公开工作年度报告

第二十条第（一）项 |
信息内容 |
本年制发件数 |
本年废止件数 |
现行有效件数 |
规章 |
0 |
0 |
0 |
规范性文件 |
3 |
1 |
13 |
`;

describe('label', () => {
  it('a typo in a row label (tab): replaced by the standard wording, the ordinal kept as written', () => {
    const [f, ...rest] = findingsOf(tabTable3, 'label');
    assert.equal(rest.length, 0);
    assert.equal(f.severity, 'warning');
    assert.equal(at(f.range), rangeOfText(tabTable3, '5. 属于三类内容事务信息'));
    assert.match(f.message, /属于三类内容事务信息/);
    assert.match(f.message, /属于三类内部事务信息/);
    assert.equal(f.fixes[0].preferred, true);
    const fixed = applyFixAndRecheck(tabTable3, f);
    assert.ok(fixed.includes('\t\t5. 属于三类内部事务信息\t0'));
  });

  it('a typo in a Markdown table, numbered 2、', () => {
    const [f] = findingsOf(markdownTable3, 'label');
    assert.equal(at(f.range), rangeOfText(markdownTable3, '2、其他法律法规禁止公开'));
    const fixed = applyFixAndRecheck(markdownTable3, f);
    assert.ok(fixed.includes('| 2、其他法律行政法规禁止公开 | 0 |'));
  });

  it('an old wording: 规范性文件 in a 2021-format table 2 (one cell a line)', () => {
    const [f] = findingsOf(pipeCells2021, 'label');
    assert.equal(at(f.range), rangeOfText(pipeCells2021, '规范性文件'));
    assert.match(f.message, /行政规范性文件/);
    assert.equal(f.fixes[0].preferred, true);
    assert.ok(applyFixAndRecheck(pipeCells2021, f).includes('\n行政规范性文件 |\n3 |\n'));
  });

  it('accepts 行政规范性文件 in a 2019-format table and 规范性文件 in a 2019 report', () => {
    const t2019 = report({ year: 2020, layout: 'pipe-rows' });
    assert.deepEqual(findingsOf(t2019, 'label'), []);
    assert.deepEqual(findingsOf(t2019.replace('规范性文件 |', '行政规范性文件 |'), 'label'), []);
  });

  it('spacing, full/half-width punctuation, numbering styles, quotes and line breaks are not deviations', () => {
    const text = `明湖市测试局2020年政府信息公开工作年度报告

\t（三）不予公开
\t1、属于 国家秘密
${'\t0\n'.repeat(7)}
\t2. 其他法律行政
法规禁止公开
${'\t0\n'.repeat(7)}
\t3.危及"三安全一稳定"
${'\t0\n'.repeat(7)}
\t(四)无法提供
\t1．本机关不掌握相关政府信息
${'\t0\n'.repeat(7)}`;
    const rows = parseReport(text).tables[0].sections[0].rows;
    assert.deepEqual(rows.map((r) => r.id), ['withheld', 'withheld.secret', 'withheld.law', 'withheld.safety', 'unable', 'unable.none']);
    assert.deepEqual(findingsOf(text, 'label'), []);
  });

  it('a mistyped row label that reads like a part heading (公开申请) stays a row of its table, in every layout', () => {
    for (const { name, text } of layoutFixtures()) {
      for (const [label, row] of [['一、本年新收政府信息公开申请数量', 'new'], ['二、上年结转政府信息公开申请数量', 'carried']]) {
        for (const typo of ['甲', '𠀀']) {
          const bad = text.replace(label, label + typo);
          const result = checkReport({ text: bad });
          assert.deepEqual(result.findings.map((f) => f.code), ['label'], `${name} ${label}${typo}`);
          assert.equal(result.model.parts.length, 6, `${name}: no extra part`);
          const original = checkReport({ text }).model.tables.find((t) => t.id === 'table3')!;
          const table3 = result.model.tables.filter((t) => t.id === 'table3');
          assert.equal(table3.length, 1, `${name}: one table 3`);
          assert.deepEqual([...table3[0].cells.values()].map((c) => c.source?.text), [...original.cells.values()].map((c) => c.source?.text));
          const f = result.findings[0];
          const line = bad.split('\n')[f.range.start.line];
          assert.equal(line.slice(f.range.start.character, f.range.end.character), label + typo, `${name}: the range counts UTF-16 units`);
          assert.equal(findCell(result.model, 'table3', row, 'total').cell.value.kind, 'number');
        }
      }
    }
  });

  it('a typo in a short row label (four characters) is still that row, in every layout', () => {
    for (const { name, text } of layoutFixtures()) {
      const original = checkReport({ text }).model;
      const values = (model: typeof original) => model.tables.map((t) => [...t.cells.values()].map((c) => c.source?.text));
      for (const [label, typo] of [['行政许可', '行政许甲'], ['予以公开', '予以公甲'], ['重复申请', '重复申甲'], ['无法提供', '无提供']]) {
        assert.ok(text.includes(label), `${name}: ${label}`);
        const bad = text.replace(label, typo);
        const result = checkReport({ text: bad });
        assert.deepEqual(result.findings.map((f) => f.code), ['label'], `${name}: ${typo}`);
        assert.deepEqual(values(result.model), values(original), `${name}: ${typo} keeps every cell`);
        assert.equal(applyEdits(bad, result.findings[0].fixes[0].edits), text, `${name}: ${typo} fixed`);
      }
    }
  });

  it('a two-character label with one character wrong (（七）合计, 3.其它) names its row only with its numbering', () => {
    for (const { name, text } of layoutFixtures()) {
      const original = checkReport({ text }).model;
      const values = (model: typeof original) => model.tables.map((t) => [...t.cells.values()].map((c) => c.source?.text));
      const total = /[（(]七[)）]\s*总计/.exec(text)!;
      const bad = text.replace(total[0], total[0].replace('总计', '合计'));
      const result = checkReport({ text: bad });
      assert.deepEqual(result.findings.map((f) => f.code), ['label'], `${name}: （七）合计`);
      assert.deepEqual(values(result.model), values(original), `${name}: （七）合计 keeps every cell`);
      assert.equal(applyEdits(bad, result.findings[0].fixes[0].edits), text);
      // Without its numbering, 合计 is a word, not the row （七）总计.
      const bare = checkReport({ text: text.replace(total[0], '合计') });
      assert.ok(bare.findings.some((f) => f.code === 'missing-row'), `${name}: 合计 alone`);
    }
  });

  it('a bracket left open (（七总计, （七甲总计) is numbering, and a word dropped that the numbering decides (（三）予公开) still names its row', () => {
    for (const { name, text } of layoutFixtures()) {
      const original = checkReport({ text }).model;
      const values = (model: typeof original) => model.tables.map((t) => [...t.cells.values()].map((c) => c.source?.text));
      const cases = [
        [/([（(]七)[)）](\s*总计)/, '$1$2', []],
        [/([（(]七)[)）](\s*总计)/, '$1甲$2', ['label']],
        [/([（(]三[)）]\s*)不(予公开)/, '$1$2', ['label']],
      ] as const;
      for (const [label, typo, codes] of cases) {
        const bad = text.replace(label, typo);
        assert.notEqual(bad, text, `${name}: ${label}`);
        const result = checkReport({ text: bad });
        assert.deepEqual(result.findings.map((f) => f.code), codes, `${name}: ${label}`);
        assert.deepEqual(values(result.model), values(original), `${name}: ${label} keeps every cell`);
        if (codes.length === 0) continue;
        const fixed = applyEdits(bad, result.findings[0].fixes[0].edits);
        assert.equal(fixed.replace(/ /g, ''), text.replace(/ /g, ''), `${name}: ${label} fixed, its bracket closed`);
        assert.deepEqual(checkReport({ text: fixed }).findings, [], `${name}: ${label} fixed`);
      }
    }
  });

  it('a numbered two-character label left with one character (（七）计, 3.他) is still its row, and fixed', () => {
    let tried = 0;
    for (const { name, text } of layoutFixtures()) {
      const total = /[（(]七[)）]\s*总计/.exec(text)![0];
      const cases = [[total, total.replace('总', '')], ...(text.includes('3.其他') ? [['3.其他', '3.他']] : [])];
      for (const [label, short] of cases) {
        tried++;
        const bad = text.replace(label, short);
        const result = checkReport({ text: bad });
        assert.deepEqual(result.findings.map((f) => f.code), ['label'], `${name}: ${short}`);
        assert.equal(applyEdits(bad, result.findings[0].fixes[0].edits), text, `${name}: ${short}`);
      }
    }
    assert.ok(tried >= 14, `${tried} labels tried`);
  });

  it('table 2\'s first row 规章 with one character wrong is still that row, and fixed, in every layout', () => {
    for (const { name, text } of layoutFixtures()) {
      const bad = text.replace('规章', '规甲');
      const result = checkReport({ text: bad });
      assert.deepEqual(result.findings.map((f) => f.code), ['label'], name);
      assert.equal(applyEdits(bad, result.findings[0].fixes[0].edits), text, name);
    }
  });

  it('a long label broken over two lines with one character wrong in either piece is joined, reported and fixed', () => {
    const text = layoutFixtures().find((f) => f.name === '2019-indented-cells.txt')!.text;
    assert.ok(text.includes('\t5.要求行政机关确认或重新出具\n已获取信息\n'));
    for (const typo of ['\t5.甲求行政机关确认或重新出具\n已获取信息\n', '\t5.要求行政机关确认或重新出具\n已获取信甲\n']) {
      const bad = text.replace('\t5.要求行政机关确认或重新出具\n已获取信息\n', typo);
      const result = checkReport({ text: bad });
      assert.deepEqual(result.findings.map((f) => f.code), ['label'], typo);
      const fixed = applyEdits(bad, result.findings[0].fixes[0].edits);
      assert.ok(fixed.includes('5.要求行政机关确认或重新出具已获取信息'), typo);
      assert.deepEqual(checkReport({ text: fixed }).findings, [], typo);
    }
  });

  it('a short near miss that two rows are as near to, or whose numbering disagrees, names no row', () => {
    const text = layoutFixtures().find((f) => f.name === '2021-tab.txt')!.text;
    // 行政处可: one edit from 行政许可 and from 行政处罚.
    assert.ok(!checkReport({ text: text.replace('行政许可', '行政处可') }).findings.some((f) => f.code === 'label'));
    // （二）予以公甲: one edit from （一）予以公开, but numbered （二）.
    const misnumbered = checkReport({ text: text.replace(/[（(]一[）)]\s*予以公开/, '（二）予以公甲') });
    assert.ok(!misnumbered.findings.some((f) => f.code === 'label' && /予以公甲/.test(misnumbered.model.text.split('\n')[f.range.start.line])));
  });

  it('whole standard reports in every layout give none', () => {
    for (const layout of LAYOUTS) for (const year of [2020, 2021]) assert.deepEqual(findingsOf(report({ year, layout }), 'label'), [], `${year} ${layout}`);
  });

  it('a one-character typo in a header of a table is reported and fixed, its cells kept, in every layout', () => {
    // [header, typo, which occurrence: the first, or the last (table 4 and table 2's later items)]
    const typos = [
      ['自然人', '自然仁', 'first'], ['商业企业', '商业企叶', 'first'], ['社会公益组织', '社会公益组识', 'first'], ['申请人情况', '申请人情甲', 'first'],
      ['本年制发件数', '本年制发件教', 'first'], ['本年新制作数量', '本年新制做数量', 'first'], ['处理决定数量', '处理决定数里', 'last'],
      ['采购总金额（万元）', '采购甲金额（万元）', 'first'], ['本年收费金额（单位：万元）', '本年收甲金额（单位：万元）', 'first'],
      ['结果维持', '结果维特', 'last'], ['尚未审结', '尚未审洁', 'last'], ['复议后起诉', '复议后起拆', 'last'], ['行政诉讼', '行政诉松', 'last'],
    ];
    let tried = 0;
    for (const { name, text } of layoutFixtures()) {
      const original = checkReport({ text }).model;
      const values = (model: typeof original) => model.tables.map((t) => [...t.cells.values()].map((c) => c.source?.text));
      for (const [header, typo, which] of typos) {
        if (!text.includes(header)) continue;
        tried++;
        const at = which === 'first' ? text.indexOf(header) : text.lastIndexOf(header);
        const bad = text.slice(0, at) + typo + text.slice(at + header.length);
        const result = checkReport({ text: bad });
        assert.deepEqual(result.findings.map((f) => f.code), ['label'], `${name}: ${typo}`);
        const { start, end } = result.findings[0].range;
        assert.equal(start.line, end.line);
        assert.ok(bad.split('\n')[start.line].slice(start.character, end.character).includes(typo), `${name}: ${typo} is in the range`);
        assert.deepEqual(values(result.model), values(original), `${name}: ${typo} keeps every cell`);
        assert.equal(applyEdits(bad, result.findings[0].fixes[0].edits), text, `${name}: ${typo} fixed`);
      }
    }
    assert.ok(tried >= 100, `${tried} typos tried`);
  });

  it('a one-character typo in a two-character header (总计, 其他) is reported and fixed, its cells kept, in every layout', () => {
    // [header, typo, where: after the header it follows in table 3 (where a layout has it), or the last (table 4's)]
    const typos: [string, string, RegExp | 'last'][] = [['总计', '总记', /法人或其他组织[\s|]*(总计)/d], ['其他', '其池', /机构[\s|]*(其他)/d], ['总计', '总汁', 'last']];
    let tried = 0;
    for (const { name, text } of layoutFixtures()) {
      const original = checkReport({ text }).model;
      const values = (model: typeof original) => model.tables.map((t) => [...t.cells.values()].map((c) => c.source?.text));
      for (const [header, typo, after] of typos) {
        const at = after === 'last' ? text.lastIndexOf(header) : after.exec(text)?.indices?.[1][0];
        if (at === undefined) continue;
        tried++;
        const bad = text.slice(0, at) + typo + text.slice(at + header.length);
        const result = checkReport({ text: bad });
        assert.deepEqual(result.findings.map((f) => f.code), ['label'], `${name}: ${typo}`);
        const { start, end } = result.findings[0].range;
        const line = bad.split('\n')[start.line];
        assert.deepEqual([end.line, line.slice(start.character, end.character)], [start.line, typo], `${name}: ${typo} is the range`);
        assert.deepEqual(values(result.model), values(original), `${name}: ${typo} keeps every cell`);
        assert.equal(applyEdits(bad, result.findings[0].fixes[0].edits), text, `${name}: ${typo} fixed`);
      }
    }
    assert.ok(tried >= 20, `${tried} typos tried`);
  });

  it('a caption of table 2 one character off is reported and fixed, its cells kept, in every layout', () => {
    let tried = 0;
    for (const { name, text } of layoutFixtures()) {
      const values = (t: string) => checkReport({ text: t }).model.tables.map((x) => [...x.cells.values()].map((c) => c.source?.text));
      for (const caption of text.match(/第二十条第[（(][一二三四五六七八九十]+[)）]项/g) ?? []) {
        for (const typo of [caption.replace(/项$/, '顷'), caption.replace('第二十条', '第二十一条'), caption.replace('第二十条第', '第二十条')]) {
          tried++;
          const bad = text.replace(caption, typo);
          const result = checkReport({ text: bad });
          assert.deepEqual(result.findings.map((f) => f.code), ['label'], `${name}: ${typo}`);
          assert.equal(at(result.findings[0].range), rangeOfText(bad, typo), `${name}: ${typo}`);
          assert.deepEqual(values(bad), values(text), `${name}: ${typo} keeps every cell`);
          const fixed = applyEdits(bad, result.findings[0].fixes[0].edits);
          assert.deepEqual(checkReport({ text: fixed }).findings, [], `${name}: ${typo} fixed`);
        }
      }
    }
    assert.ok(tried >= 100, `${tried} captions mistyped`);
    // As near to four captions as to one: no caption, and nothing to report.
    const text = readFixture('layouts/2021-tab.txt').replace('第二十条第（一）项', '第二十条第（二）项');
    assert.deepEqual(findingsOf(text, 'label'), []);
  });

  it('a near miss of a column header outside its table\'s header names nothing', () => {
    const text = layoutFixtures().find((f) => f.name === '2021-tab.txt')!.text;
    const altered = text.replace('一、总体情况\n', '一、总体情况\n自然仁\n');
    assert.notEqual(altered, text);
    assert.deepEqual(checkReport({ text: altered }).findings, []);
  });

  it('a column header matched only loosely keeps its remark when fixed', () => {
    const text = `明湖市测试局2020年政府信息公开工作年度报告\n\n第二十条第（九）项\t\t\n信息内容\t采购项目数量\t采购总金额（万元）\n政府集中采购\t4\t218.6\n`;
    const model = parseReport(text);
    const header = model.tables[0].sections.find((s) => s.id === 'item9')!.headers.find((h) => h.column === 'amount')!;
    header.match = { standard: '采购金额总计', quality: 'fuzzy' };
    const [f] = checkReport({ text, model }).findings.filter((x) => x.code === 'label');
    assert.equal(at(f.range), rangeOfText(text, '采购总金额（万元）'));
    assert.equal(applyEdits(text, f.fixes[0].edits).split('\n')[3], '信息内容\t采购项目数量\t采购金额总计（万元）');
  });

  describe('seeds', () => {
    it('004: 2.其他法律法规禁止公开 → 2.其他法律行政法规禁止公开', () => {
      const text = readFixture(SEEDS['004']);
      const found = findingsOf(text, 'label');
      assert.equal(found.length, 1);
      assert.equal(at(found[0].range), rangeOfText(text, '2.其他法律法规禁止公开'));
      assert.ok(applyFixAndRecheck(text, found[0]).includes('\t\t2.其他法律行政法规禁止公开\t'));
    });
    it('001 and 003 give none', () => {
      assert.deepEqual(findingsOf(readFixture(SEEDS['001']), 'label'), []);
      assert.deepEqual(findingsOf(readFixture(SEEDS['003']), 'label'), []);
    });
  });
});
