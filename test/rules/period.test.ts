import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkReport } from '../../server/src/engine/check';
import { applyEdits } from '../../server/src/engine/fixes/apply';
import type { EngineOptions, Finding } from '../../server/src/engine/types';
import { readFixture, SEEDS } from '../helpers';
import { draft } from './report-draft';

const check = (text: string, options: EngineOptions = {}): Finding[] => checkReport({ text, options }).findings;
const only = (text: string, options: EngineOptions = {}): Finding[] => check(text, options).filter((f) => f.code === 'period');

/** Line and UTF-16 character of the first occurrence of `needle`. */
function pos(text: string, needle: string): { line: number; character: number } {
  const at = text.indexOf(needle);
  assert.ok(at >= 0, `${needle} not in text`);
  const before = text.slice(0, at).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

function fixOnce(text: string, finding: Finding): string {
  assert.ok(finding.fixes.length > 0);
  return applyEdits(text, finding.fixes[0].edits);
}

describe('period', () => {
  it('is silent when the period is the report year', () => {
    assert.deepEqual(only(draft()), []);
    assert.deepEqual(only(draft({ year: 2021 })), []);
  });

  it('is silent when the document states no period', () => {
    assert.deepEqual(only(draft({ period: '' })), []);
  });

  it('reports a period ending in the next year, on the period, with a preferred fix', () => {
    const period = '本报告中所列数据的统计期限自2020年1月1日起至2021年12月31日止。';
    const text = draft({ period });
    const found = only(text);
    assert.equal(found.length, 1);
    const f = found[0];
    assert.equal(f.severity, 'error');
    const start = pos(text, '2020年1月1日起至2021');
    assert.deepEqual(f.range.start, start);
    assert.deepEqual(f.range.end, { line: start.line, character: start.character + '2020年1月1日起至2021年12月31日'.length });
    assert.equal(f.fixes.length, 1);
    assert.equal(f.fixes[0].preferred, true);
    assert.equal(f.fixes[0].edits.length, 1, 'only the wrong year is rewritten');
    const fixed = fixOnce(text, f);
    assert.ok(fixed.includes('自2020年1月1日起至2020年12月31日止'));
    assert.deepEqual(check(fixed), []);
  });

  it('rewrites both dates of last year\'s period', () => {
    const text = draft({ period: '本报告所列数据统计期限为2019年1月1日至2019年12月31日。' });
    const [f] = only(text);
    assert.ok(f);
    assert.equal(f.fixes[0].edits.length, 2);
    const fixed = fixOnce(text, f);
    assert.ok(fixed.includes('统计期限为2020年1月1日至2020年12月31日。'));
    assert.deepEqual(check(fixed), []);
  });

  it('reads an end date without its year (至12月31日), dates in numbers only (2020.1.1), in months (2020年1月至12月) or with 号, and fixes them in their form', () => {
    const forms = [
      // [right period, last year's, its edits, a wrong day (or month), that fixed]
      ['2020年1月1日至12月31日', '2019年1月1日至12月31日', ['2020'], '2020年1月1日至十二月三十日', '2020年1月1日至十二月三十一日'],
      ['2020.1.1-2020.12.31', '2019.1.1-2019.12.31', ['2020', '2020'], '2020-01-01至2020-11-30', '2020-01-01至2020-12-31'],
      ['2020年1月至12月', '2019年1月至12月', ['2020'], '2020年1月至11月', '2020年1月至12月'],
      ['2020年1月份至2020年12月份', '2019年1月份至2019年12月份', ['2020', '2020'], '2020年2月份至2020年12月份', '2020年1月份至2020年12月份'],
      ['二〇二〇年一月至十二月', '二〇一九年一月至十二月', ['二〇二〇'], '二〇二〇年一月至十一月', '二〇二〇年一月至十二月'],
      ['2020年1月1日至2020年12月31号', '2019年1月1日至2019年12月31号', ['2020', '2020'], '2020年1月1日至2020年12月30号', '2020年1月1日至2020年12月31号'],
    ];
    for (const [right, lastYear, edits, wrongDay, dayFixed] of forms) {
      const withPeriod = (p: string) => draft({ period: `本报告所列数据统计期限为${p}。` });
      assert.deepEqual(only(withPeriod(right as string)), [], right as string);
      const old = withPeriod(lastYear as string);
      const [f] = only(old);
      assert.ok(f, lastYear as string);
      const end = pos(old, `${lastYear}。`);
      assert.deepEqual([f.range.start, f.range.end], [end, { line: end.line, character: end.character + (lastYear as string).length }]);
      assert.deepEqual(f.fixes[0].edits.map((e) => e.newText), edits);
      assert.ok(fixOnce(old, f).includes(`统计期限为${right}。`), lastYear as string);
      const day = withPeriod(wrongDay as string);
      const [g] = only(day);
      assert.ok(g, wrongDay as string);
      const fixed = fixOnce(day, g);
      assert.ok(fixed.includes(`统计期限为${dayFixed}。`), fixed);
      assert.deepEqual(only(fixed), []);
    }
  });

  it('takes months in the text for no period unless the sentence words one (统计期限, 所列数据)', () => {
    const text = draft({ overview: '数据显示，2020年1月至10月，我局共受理政府信息公开申请2件。' });
    assert.deepEqual(only(text), []);
    assert.equal(checkReport({ text }).model.period?.to.month, 12);
  });

  it('reads a period stated as a whole year (统计期限为2020年度) and fixes only its year, in its numerals', () => {
    const forms = [
      // [as written in a 2020 report, last year's, its edit]
      ['本报告所列数据统计期限为2020年度。', '本报告所列数据统计期限为2019年度。', '2019', '2020'],
      ['本报告中所列数据的统计时限为 2020 年全年。', '本报告中所列数据的统计时限为 2019 年全年。', '2019', '2020'],
      ['本报告所列数据均为2020年数据。', '本报告所列数据均为2019年数据。', '2019', '2020'],
      ['数据统计期间：二〇二〇年度。', '数据统计期间：二〇一九年度。', '二〇一九', '二〇二〇'],
    ];
    for (const [right, lastYear, wrongYear, edit] of forms) {
      assert.deepEqual(only(draft({ period: right })), [], right);
      const text = draft({ period: lastYear });
      const found = only(text);
      assert.equal(found.length, 1, lastYear);
      const f = found[0];
      const start = pos(text, wrongYear);
      const written = lastYear.slice(lastYear.indexOf(wrongYear)).replace(/(年度|年全年|年).*$/, '$1');
      assert.deepEqual([f.range.start, f.range.end], [start, { line: start.line, character: start.character + written.length }], lastYear);
      assert.equal(f.fixes[0].preferred, true);
      assert.deepEqual(f.fixes[0].edits.map((e) => [e.range.start, e.range.end, e.newText]), [[start, { line: start.line, character: start.character + wrongYear.length }, edit]], lastYear);
      const fixed = fixOnce(text, f);
      assert.ok(fixed.includes(right), fixed.split('\n')[2]);
      assert.deepEqual(only(fixed), []);
    }
  });

  it('takes no deadline, point in a year or month for a whole-year period, and prefers a period in dates', () => {
    for (const sentence of ['整改期限为2019年。', '本报告所列数据统计截至2019年底。', '数据统计时间为2019年底。', '本报告所列数据统计时间为2019年6月。', '本报告所列数据统计期限为2019年1月。']) {
      const text = draft({ period: sentence });
      assert.deepEqual(only(text), [], sentence);
      assert.equal(checkReport({ text }).model.period, undefined, sentence);
    }
    const both = draft({ period: '本报告所列数据统计期限为2019年度。本报告所列数据统计期限为2020年1月1日至2020年12月31日。' });
    assert.deepEqual(only(both), []);
    assert.equal(checkReport({ text: both }).model.period?.from.yearOnly, undefined);
  });

  it('keeps the writer\'s spacing when fixing month and day', () => {
    const text = draft({ period: '本报告中所列数据的统计期限为 2020 年 1 月 1 日至 2020 年 11 月 30 日。' });
    const [f] = only(text);
    assert.ok(f);
    const fixed = fixOnce(text, f);
    assert.ok(fixed.includes('统计期限为 2020 年 1 月 1 日至 2020 年 12 月 31 日。'), fixed.split('\n')[2]);
    assert.deepEqual(check(fixed), []);
  });

  it('keeps Chinese numerals', () => {
    const text = draft({ period: '本报告中所列数据的统计期限为二〇二〇年一月一日至二〇二〇年十二月三十日。' });
    const [f] = only(text);
    assert.ok(f);
    const fixed = fixOnce(text, f);
    assert.ok(fixed.includes('二〇二〇年一月一日至二〇二〇年十二月三十一日'), fixed.split('\n')[2]);
    assert.deepEqual(check(fixed), []);
  });

  it('gives a message in both locales', () => {
    const text = draft({ period: '本报告中所列数据的统计期限自2020年1月1日起至2021年12月31日止。' });
    const zh = only(text, { locale: 'zh-cn' })[0].message;
    const en = only(text, { locale: 'en' })[0].message;
    assert.ok(zh.length > 0 && en.length > 0);
    assert.notEqual(zh, en);
    assert.ok(zh.includes('2021年12月31日') && en.includes('2021年12月31日'));
  });

  it('seed 001 reports the period and nothing else at error or warning level', () => {
    const text = readFixture(SEEDS['001']);
    const serious = check(text).filter((f) => f.severity !== 'info');
    assert.deepEqual(serious.map((f) => f.code), ['period']);
    assert.equal(serious[0].range.start.line, 1);
    const fixed = fixOnce(text, serious[0]);
    assert.ok(fixed.includes('2020年1月1日至2020年12月31日'));
    assert.deepEqual(check(fixed).filter((f) => f.severity !== 'info'), []);
  });

  it('seeds 000, 003 and 004 give no period finding', () => {
    for (const seed of ['000', '003', '004']) assert.deepEqual(only(readFixture(SEEDS[seed])), [], seed);
  });
});
