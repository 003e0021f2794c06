import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFixture, SEEDS } from '../helpers';
import { applyFixAndRecheck, at, findingsOf, rangeOfText } from './table-kit';

const TITLE = '明湖市测试局2020年政府信息公开工作年度报告\n\n';
const HEADER = '采购总金额（单位：万元，保留4位小数）';

const tab = (amount: string, header = HEADER) =>
  `${TITLE}第二十条第（九）项\t\t\n信息内容\t采购项目数量\t${header}\n政府集中采购\t4\t${amount}\n`;

const pipeCells = (amount: string, header = HEADER) => `${TITLE}第二十条第（九）项 |
信息内容 |
采购项目数量 |
${header} |
政府集中采购 |
5 |
${amount} |
`;

const markdown = (amount: string, header = HEADER) => `# ${TITLE}| 第二十条第（九）项 | | |
|---|---|---|
| 信息内容 | 采购项目数量 | ${header} |
| 政府集中采购 | 4 | ${amount} |
`;

describe('decimals', () => {
  it('pads too few decimals with zeros (preferred)', () => {
    const text = tab('1075.178');
    const [f, ...rest] = findingsOf(text, 'decimals');
    assert.equal(rest.length, 0);
    assert.equal(f.severity, 'warning');
    assert.equal(at(f.range), rangeOfText(text, '1075.178'));
    assert.match(f.message, /1075\.178/);
    assert.match(f.message, /1075\.1780/);
    assert.equal(f.fixes[0].preferred, true);
    assert.ok(applyFixAndRecheck(text, f).includes('政府集中采购\t4\t1075.1780\n'));
  });

  it('pads an integer', () => {
    const text = pipeCells('218');
    const [f] = findingsOf(text, 'decimals');
    assert.equal(at(f.range), rangeOfText(text, '218'));
    assert.ok(applyFixAndRecheck(text, f).includes('\n218.0000 |\n'));
  });

  it('rounds too many decimals; preferred only when no digit is lost', () => {
    const lossy = markdown('12.345678');
    const [f] = findingsOf(lossy, 'decimals');
    assert.equal(at(f.range), rangeOfText(lossy, '12.345678'));
    assert.equal(f.fixes[0].preferred, false);
    assert.ok(applyFixAndRecheck(lossy, f).includes('| 政府集中采购 | 4 | 12.3457 |'));

    const zeros = markdown('12.345600');
    const [g] = findingsOf(zeros, 'decimals');
    assert.equal(g.fixes[0].preferred, true);
    assert.ok(applyFixAndRecheck(zeros, g).includes('| 12.3456 |'));

    const carry = tab('9.99999');
    const [h] = findingsOf(carry, 'decimals');
    assert.ok(applyFixAndRecheck(carry, h).includes('\t10.0000\n'));
  });

  it('keeps the unit written in the cell', () => {
    const text = tab('25.1万元');
    const [f] = findingsOf(text, 'decimals');
    assert.ok(applyFixAndRecheck(text, f).includes('\t25.1000万元\n'));
  });

  it('reads 保留两位小数 and stays silent when the count matches or no decimals are declared', () => {
    const two = tab('3.5', '采购总金额（万元，保留两位小数）');
    const [f] = findingsOf(two, 'decimals');
    assert.ok(applyFixAndRecheck(two, f).includes('\t3.50\n'));
    assert.deepEqual(findingsOf(tab('1075.1780'), 'decimals'), []);
    assert.deepEqual(findingsOf(pipeCells('1075.178', '采购总金额（万元）'), 'decimals'), []);
    assert.deepEqual(findingsOf(markdown('', HEADER), 'decimals'), []);
  });

  it('leaves a cell whose unit conflicts with the column to `unit`', () => {
    assert.deepEqual(findingsOf(tab('251000元'), 'decimals'), []);
  });

  it('seed 004: 1075.178 under 保留4位小数 → 1075.1780', () => {
    const text = readFixture(SEEDS['004']);
    const found = findingsOf(text, 'decimals');
    assert.equal(found.length, 1);
    assert.equal(at(found[0].range), rangeOfText(text, '1075.178'));
    const fixed = applyFixAndRecheck(text, found[0]);
    assert.ok(fixed.includes('\t1075.1780'));
  });

  it('no other seed declares decimals', () => {
    for (const seed of ['000', '001', '002', '003']) assert.deepEqual(findingsOf(readFixture(SEEDS[seed]), 'decimals'), [], seed);
  });
});
