import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits } from '../../server/src/engine/fixes/apply';
import { readFixture, SEEDS } from '../helpers';
import { at, findingsOf, rangeOfText } from './table-kit';
import { draft } from './report-draft';

/** A report of `year` whose introduction cites `citation`. */
const citing = (year: number, citation: string) =>
  draft({ year, period: `根据《中华人民共和国政府信息公开条例》（${citation}）和年度报告格式，本报告中所列数据的统计期限自${year}年1月1日起至${year}年12月31日止。` });

describe('outdated-reference', () => {
  it('reports the Regulations cited by their 2007 decree, with a preferred fix to 第711号', () => {
    const text = citing(2020, '国务院令第492号');
    const [f, ...rest] = findingsOf(text, 'outdated-reference');
    assert.equal(rest.length, 0);
    assert.equal(f.severity, 'warning');
    assert.equal(at(f.range), rangeOfText(text, '国务院令第492号'));
    assert.deepEqual(f.fixes[0].edits.map((e) => [at(e.range), e.newText]), [[rangeOfText(text, '492'), '711']]);
    assert.equal(f.fixes[0].preferred, true);
    const fixed = applyEdits(text, f.fixes[0].edits);
    assert.ok(fixed.includes('（国务院令第711号）'));
    assert.deepEqual(findingsOf(fixed, 'outdated-reference'), []);
  });

  it('keeps the citation\'s own digits and spacing', () => {
    const text = citing(2021, '国务院令 第４９２号');
    const [f] = findingsOf(text, 'outdated-reference');
    assert.ok(applyEdits(text, f.fixes[0].edits).includes('国务院令 第７１１号'));
  });

  it('reports the format notice of the other format, judged by the report year', () => {
    const late = citing(2021, '国办公开办函〔2019〕60号');
    const [f] = findingsOf(late, 'outdated-reference');
    assert.equal(at(f.range), rangeOfText(late, '国办公开办函〔2019〕60号'));
    assert.deepEqual(f.fixes[0].edits.map((e) => e.newText), ['2021', '30']);
    assert.ok(applyEdits(late, f.fixes[0].edits).includes('国办公开办函〔2021〕30号'));
    const early = citing(2020, '国办公开办函[2021]30号');
    const [g] = findingsOf(early, 'outdated-reference');
    assert.ok(applyEdits(early, g.fixes[0].edits).includes('国办公开办函[2019]60号'));
  });

  it('is silent on current citations, other documents and a year it cannot know', () => {
    assert.deepEqual(findingsOf(citing(2020, '国务院令第711号'), 'outdated-reference'), []);
    assert.deepEqual(findingsOf(citing(2020, '国办公开办函〔2019〕60号'), 'outdated-reference'), []);
    assert.deepEqual(findingsOf(citing(2022, '国办公开办函〔2021〕30号'), 'outdated-reference'), []);
    assert.deepEqual(findingsOf(citing(2021, '国办公开办函〔2020〕5号'), 'outdated-reference'), []);
    assert.deepEqual(findingsOf(citing(2021, '国务院令第588号'), 'outdated-reference'), []);
    assert.deepEqual(findingsOf('根据《条例》（国办公开办函〔2019〕60号）。\n', 'outdated-reference'), [], 'no report year: the format is unknown');
  });

  it('follows the `format` option when it demands a format', () => {
    const text = citing(2020, '国办公开办函〔2019〕60号');
    assert.equal(findingsOf(text, 'outdated-reference', { template: '2021' }).length, 1);
  });

  it('the seeds give none', () => {
    for (const seed of Object.keys(SEEDS)) assert.deepEqual(findingsOf(readFixture(SEEDS[seed]), 'outdated-reference'), [], seed);
  });
});
