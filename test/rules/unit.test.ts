import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFixture, SEEDS } from '../helpers';
import { applyFixAndRecheck, assertVisible, at, findingsOf, rangeOfText, report } from './table-kit';

const TITLE = '明湖市测试局2020年政府信息公开工作年度报告\n\n';

const tab = (header: string, amount: string) =>
  `${TITLE}第二十条第（九）项\t\t\n信息内容\t采购项目数量\t${header}\n政府集中采购\t4\t${amount}\n`;

const pipeCells = (header: string, amount: string) => `${TITLE}第二十条第（九）项 |
信息内容 |
采购项目数量 |
${header} |
政府集中采购 |
5 |
${amount} |
`;

/** The table with no header cell over the amount column: the header row stops after 采购项目数量. */
const noAmountHeader = (amount: string) => `${TITLE}第二十条第（九）项\t\t\n信息内容\t采购项目数量\n政府集中采购\t4\t${amount}\n`;

/** A zero-width range at the end of `needle`, as `at` writes it (where an insertion goes). */
const endOfText = (text: string, needle: string): string => {
  const end = rangeOfText(text, needle).split('-')[1];
  return `${end}-${end}`;
};

/** A fix's edits as `[range, newText]` pairs, for exact assertions. */
const editsOf = (f: { fixes: { edits: { range: Parameters<typeof at>[0]; newText: string }[] }[] }, i: number) =>
  f.fixes[i].edits.map((e) => [at(e.range), e.newText]);

const markdown = (header: string, amount: string) => `# ${TITLE}| 第二十条第（九）项 | | |
|---|---|---|
| 信息内容 | 采购项目数量 | ${header} |
| 政府集中采购 | 4 | ${amount} |
`;

describe('unit', () => {
  it('元 in a 万元 column: converts ÷ 10000 (preferred)', () => {
    const text = tab('采购总金额（万元）', '251000元');
    const [f, ...rest] = findingsOf(text, 'unit');
    assert.equal(rest.length, 0);
    assert.equal(f.severity, 'warning');
    assert.equal(at(f.range), rangeOfText(text, '251000元'));
    assert.match(f.message, /251000元/);
    assert.match(f.message, /25\.1/);
    assert.equal(f.fixes.length, 1);
    assert.equal(f.fixes[0].preferred, true);
    const fixed = applyFixAndRecheck(text, f);
    assert.ok(fixed.includes('政府集中采购\t4\t25.1\n'));
  });

  it('元 in a 万元 column that keeps 4 decimals: 251000元 → 25.1000, and decimals stays silent', () => {
    const text = pipeCells('采购总金额（单位：万元，保留4位小数）', '251000元');
    assert.deepEqual(findingsOf(text, 'decimals'), []);
    const [f] = findingsOf(text, 'unit');
    assert.equal(at(f.range), rangeOfText(text, '251000元'));
    const fixed = applyFixAndRecheck(text, f);
    assert.ok(fixed.includes('\n25.1000 |\n'));
  });

  it('元 in a 万元 column with 2 declared decimals: a conversion that drops digits is not preferred, a lossless one is', () => {
    const lossy = tab('采购总金额（万元，保留2位小数）', '251234元');
    const [f, ...rest] = findingsOf(lossy, 'unit');
    assert.equal(rest.length, 0);
    assert.equal(at(f.range), rangeOfText(lossy, '251234元'));
    assert.equal(f.fixes.length, 1);
    assert.deepEqual(editsOf(f, 0), [[rangeOfText(lossy, '251234元'), '25.12']]);
    assert.equal(f.fixes[0].preferred, false, '25.1234 → 25.12 loses digits');

    const exact = tab('采购总金额（万元，保留2位小数）', '251200元');
    const [g] = findingsOf(exact, 'unit');
    assert.deepEqual(editsOf(g, 0), [[rangeOfText(exact, '251200元'), '25.12']]);
    assert.equal(g.fixes[0].preferred, true, '25.12 loses nothing');
  });

  it('万元 in a 元 column: converts × 10000', () => {
    const text = markdown('采购总金额（元）', '25.1万元');
    const [f] = findingsOf(text, 'unit');
    assert.equal(at(f.range), rangeOfText(text, '25.1万元'));
    const fixed = applyFixAndRecheck(text, f);
    assert.ok(fixed.includes('| 政府集中采购 | 4 | 251000 |'));
  });

  it('money as drafts write it (￥, 人民币, 元整, 万, 亿元, a unit in brackets): converted whole, in every layout', () => {
    const cases: [header: string, amount: string, fixed: string][] = [
      ['采购总金额（万元）', '￥251000', '25.1'],
      ['采购总金额（万元）', '人民币251000元', '25.1'],
      ['采购总金额（万元）', '251000元整', '25.1'],
      ['采购总金额（万元）', '251000（元）', '25.1'],
      ['采购总金额（万元）', '2.51亿元', '25100'],
      ['采购总金额（元）', '25.1万', '251000'],
      ['采购总金额（元）', '0.0251亿元', '2510000'],
    ];
    for (const layout of [tab, pipeCells, markdown]) {
      for (const [header, amount, converted] of cases) {
        const text = layout(header, amount);
        const found = findingsOf(text, 'unit');
        assert.equal(found.length, 1, `${amount} under ${header}:\n${text}`);
        assert.equal(at(found[0].range), rangeOfText(text, amount));
        assert.equal(found[0].fixes[0].preferred, true);
        assert.deepEqual(editsOf(found[0], 0), [[rangeOfText(text, amount), converted]]);
        applyFixAndRecheck(text, found[0]);
        assert.deepEqual(findingsOf(text, 'invalid-number'), [], amount);
      }
    }
    for (const layout of [tab, pipeCells, markdown]) {
      assert.deepEqual(findingsOf(layout('采购总金额（亿元）', '12.5'), 'unit'), [], 'a header in 亿元 states a unit');
      const yi = layout('采购总金额（亿元）', '2500万元');
      assert.deepEqual(editsOf(findingsOf(yi, 'unit')[0], 0), [[rangeOfText(yi, '2500万元'), '0.25']]);
      assert.deepEqual(findingsOf(layout('采购总金额（万元）', '25.1万'), 'unit'), []);
      assert.deepEqual(findingsOf(layout('采购总金额（万元）', '0元'), 'unit'), [], 'zero in any unit is zero');
      assert.deepEqual(findingsOf(layout('采购总金额（元）', '￥251000'), 'unit'), []);
      assert.deepEqual(findingsOf(layout('采购总金额', '25.1（万元）'), 'unit'), []);
    }
  });

  it('no unit anywhere: reports the cell, offers （万元） or （元） in the header, neither preferred', () => {
    const text = pipeCells('采购总金额', '2034.38');
    const [f, ...rest] = findingsOf(text, 'unit');
    assert.equal(rest.length, 0);
    assert.equal(at(f.range), rangeOfText(text, '2034.38'));
    assert.match(f.message, /2034\.38/);
    assert.equal(f.fixes.length, 2);
    assert.ok(f.fixes.every((x) => !x.preferred));
    assert.ok(applyFixAndRecheck(text, f, 0).includes('采购总金额（万元） |'));
    assert.ok(applyFixAndRecheck(text, f, 1).includes('采购总金额（元） |'));
  });

  it('no unit, but a remark in the header: the unit goes into the remark', () => {
    const text = tab('采购总金额（保留2位小数）', '2034.38');
    const [f] = findingsOf(text, 'unit');
    assert.ok(applyFixAndRecheck(text, f, 0).includes('\t采购总金额（单位：万元，保留2位小数）\n'));
  });

  it('no unit and implausible as 万元: says it is probably 元; converting or stating 元 both clear it', () => {
    const text = markdown('采购总金额', '4902000');
    const [f] = findingsOf(text, 'unit');
    assert.equal(at(f.range), rangeOfText(text, '4902000'));
    assert.match(f.message, /490\.2/);
    assert.ok(f.fixes.every((x) => !x.preferred));
    const converted = applyFixAndRecheck(text, f, 0);
    assert.ok(converted.includes('| 信息内容 | 采购项目数量 | 采购总金额（万元） |\n| 政府集中采购 | 4 | 490.2 |'));
    assert.ok(applyFixAndRecheck(text, f, 1).includes('| 采购总金额（元） |'));
  });

  it('a 万元 amount of implausible magnitude: converting ÷ 10000 (not preferred)', () => {
    const text = tab('采购总金额（万元）', '1,500,000');
    const [f] = findingsOf(text, 'unit');
    assert.equal(at(f.range), rangeOfText(text, '1,500,000'));
    assert.match(f.message, /150/);
    assert.equal(f.fixes[0].preferred, false);
    assert.ok(applyFixAndRecheck(text, f).includes('政府集中采购\t4\t150\n'));
  });

  // No header cell over the amount column: the unit goes into the cell, after the amount.
  for (const { amount, what, first } of [
    { amount: '2034.38', what: 'the unit goes after the amount itself', first: { at: 'end', newText: '万元', line: '2034.38万元' } },
    { amount: '4902000', what: 'implausible as 万元, the conversion writes 万元 after the amount, or 元 is stated there', first: { at: 'number', newText: '490.2万元', line: '490.2万元' } },
  ]) {
    it(`no header cell over the amount (${amount}): ${what}`, () => {
      const text = noAmountHeader(amount);
      const [f, ...rest] = findingsOf(text, 'unit');
      assert.equal(rest.length, 0);
      assert.equal(at(f.range), rangeOfText(text, amount));
      assert.equal(f.fixes.length, 2);
      assert.deepEqual(editsOf(f, 0), [[first.at === 'end' ? endOfText(text, amount) : rangeOfText(text, amount), first.newText]]);
      assert.deepEqual(editsOf(f, 1), [[endOfText(text, amount), '元']]);
      assert.ok(f.fixes.every((x) => !x.preferred));
      assert.ok(applyFixAndRecheck(text, f, 0).includes(`政府集中采购\t4\t${first.line}\n`));
      assert.ok(applyFixAndRecheck(text, f, 1).includes(`政府集中采购\t4\t${amount}元\n`));
    });
  }

  it('the implausible magnitude starts at exactly 1,000,000 万元 (100 亿元)', () => {
    const at1m = tab('采购总金额（万元）', '1000000');
    const [f, ...rest] = findingsOf(at1m, 'unit');
    assert.equal(rest.length, 0);
    assert.equal(at(f.range), rangeOfText(at1m, '1000000'));
    assert.deepEqual(editsOf(f, 0), [[rangeOfText(at1m, '1000000'), '100']]);
    assert.equal(f.fixes[0].preferred, false);
    assert.deepEqual(findingsOf(tab('采购总金额（万元）', '999999.99'), 'unit'), [], 'just below: plausible');

    // No unit anywhere: at the threshold the first fix converts and marks the header （万元）; just below it only marks the header.
    const bare = tab('采购总金额', '1000000');
    const [g] = findingsOf(bare, 'unit');
    assert.deepEqual(editsOf(g, 0), [[rangeOfText(bare, '1000000'), '100'], [endOfText(bare, '采购总金额'), '（万元）']]);
    const below = tab('采购总金额', '999999.99');
    const [h] = findingsOf(below, 'unit');
    assert.deepEqual(editsOf(h, 0), [[endOfText(below, '采购总金额'), '（万元）']]);
  });

  it('stays silent on stated units, zero amounts, the moneyUnit option and the 2021 fee column', () => {
    assert.deepEqual(findingsOf(tab('采购总金额（万元）', '1224.58'), 'unit'), []);
    assert.deepEqual(findingsOf(pipeCells('采购总金额', '251000元'), 'unit'), []);
    assert.deepEqual(findingsOf(markdown('采购总金额', '0'), 'unit'), []);
    assert.deepEqual(findingsOf(tab('采购总金额', '2034.38'), 'unit', { moneyUnit: '万元' }), []);
    assert.equal(findingsOf(tab('采购总金额', '4902000'), 'unit', { moneyUnit: '元' }).length, 0);
    assert.equal(findingsOf(tab('采购总金额', '4902000'), 'unit', { moneyUnit: '万元' }).length, 1);
    const fee2021 = `明湖市测试局2021年政府信息公开工作年度报告\n\n第二十条第（八）项\t\n信息内容\t本年收费金额\n行政事业性收费\t4.5\n`;
    assert.deepEqual(findingsOf(fee2021, 'unit'), []);
    assert.deepEqual(findingsOf(report({ year: 2020, layout: 'markdown' }), 'unit'), []);
  });

  it('checks the 2021 fee amount against its unit', () => {
    const text = `明湖市测试局2021年政府信息公开工作年度报告\n\n第二十条第（八）项 |\n信息内容 | 本年收费金额（单位：万元） |\n行政事业性收费 | 45000元 |\n`;
    const [f] = findingsOf(text, 'unit');
    assert.equal(at(f.range), rangeOfText(text, '45000元'));
    assertVisible(f);
    assert.ok(applyFixAndRecheck(text, f).includes('行政事业性收费 | 4.5 |'));
  });

  it('messages come in English too', () => {
    const [f] = findingsOf(markdown('采购总金额', '4902000'), 'unit', { locale: 'en' });
    assert.match(f.message, /probably in 元/);
  });

  describe('seeds', () => {
    it('000: 采购总金额 4902000 with no unit anywhere (490.2 亿元 as 万元)', () => {
      const text = readFixture(SEEDS['000']);
      const found = findingsOf(text, 'unit');
      assert.equal(found.length, 1);
      assert.equal(at(found[0].range), rangeOfText(text, '4902000'));
      assert.match(found[0].message, /490\.2/);
    });
    it('003: 采购总金额 2034.38 states no unit', () => {
      const text = readFixture(SEEDS['003']);
      const found = findingsOf(text, 'unit');
      assert.equal(found.length, 1);
      assert.equal(at(found[0].range), rangeOfText(text, '2034.38'));
    });
    it('001 (header 采购总金额(万元)) and 004 (header 万元) give none', () => {
      assert.deepEqual(findingsOf(readFixture(SEEDS['001']), 'unit'), []);
      assert.deepEqual(findingsOf(readFixture(SEEDS['004']), 'unit'), []);
    });
  });
});
