import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkReport } from '../../server/src/engine/check';
import { applyEdits } from '../../server/src/engine/fixes/apply';
import type { ReportModel } from '../../server/src/engine/model';
import { parseReport } from '../../server/src/engine/parse/parser';
import { isPreviousReport } from '../../server/src/engine/rules/cross-year';
import type { EngineOptions, Finding } from '../../server/src/engine/types';
import { draft } from './report-draft';

const check = (text: string, previous?: ReportModel, options: EngineOptions = {}): Finding[] => checkReport({ text, previous, options }).findings;
const only = (text: string, previous?: ReportModel, options: EngineOptions = {}): Finding[] => check(text, previous, options).filter((f) => f.code === 'cross-year');

/** Last year's report: 四、结转下年度继续办理 is 3 (all 自然人); 2020 reports use the 2019 format. */
const last2020 = parseReport(draft({ year: 2020, t3: { received: 34, carried: 1, handled: 32 } }));

const CARRIED_3 = '| 二、上年结转政府信息公开申请数量 |  |  | 3 | 0 | 0 | 0 | 0 | 0 | 3 |';
const CARRIED_2 = '| 二、上年结转政府信息公开申请数量 |  |  | 2 | 0 | 0 | 0 | 0 | 0 | 2 |';

describe('cross-year', () => {
  it('is silent when 二 continues last year\'s 四', () => {
    const text = draft({ year: 2021, t3: { received: 38, carried: 3, handled: 38 } });
    assert.deepEqual(check(text, last2020), []);
  });

  it('is silent without last year\'s report, or when it is not last year\'s', () => {
    const text = draft({ year: 2021, t3: { received: 38, carried: 2, handled: 38 } });
    assert.deepEqual(only(text), []);
    const older = parseReport(draft({ year: 2019, t3: { received: 34, carried: 1, handled: 32 } }));
    assert.deepEqual(only(text, older), []);
  });

  it('reports each differing 二 cell, with a fix to last year\'s value', () => {
    // 一 + 二 = （七） + 四 only holds with 二 = 3: the carried-over row was mistyped.
    const text = draft({ year: 2021, t3: { received: 38, carried: 3, handled: 38 } }).replace(CARRIED_3, CARRIED_2);
    const found = only(text, last2020);
    assert.equal(found.length, 2);
    const lines = text.split('\n');
    const line = lines.indexOf(CARRIED_2);
    const natural = CARRIED_2.indexOf('| 2 |') + 2;
    const total = CARRIED_2.lastIndexOf('2');
    assert.deepEqual(found.map((f) => f.range), [
      { start: { line, character: natural }, end: { line, character: natural + 1 } },
      { start: { line, character: total }, end: { line, character: total + 1 } },
    ]);
    for (const f of found) {
      assert.equal(f.severity, 'warning');
      assert.equal(f.fixes.length, 1);
      assert.equal(f.fixes[0].preferred, false);
      assert.equal(f.fixes[0].edits[0].newText, '3');
    }
    const one = applyEdits(text, found[0].fixes[0].edits);
    assert.deepEqual(only(one, last2020).map((f) => f.range), [found[1].range]);
    const both = applyEdits(text, found.flatMap((f) => f.fixes[0].edits));
    assert.equal(both, draft({ year: 2021, t3: { received: 38, carried: 3, handled: 38 } }));
    assert.deepEqual(check(both, last2020), []);
  });

  it('is silent when last year\'s cell is blank', () => {
    const blankLast = draft({ year: 2020, t3: { received: 34, carried: 1, handled: 32 } })
      .replace('| 四、结转下年度继续办理 |  |  | 3 | 0 | 0 | 0 | 0 | 0 | 3 |', '| 四、结转下年度继续办理 |  |  | / | / | / | / | / | / | / |');
    const text = draft({ year: 2021, t3: { received: 38, carried: 2, handled: 38 } });
    assert.deepEqual(only(text, parseReport(blankLast)), []);
  });

  it('2021 format: 现行有效件数 = last year\'s + 本年制发件数 − 本年废止件数', () => {
    const last2021 = parseReport(draft({ year: 2021, t2: { rules: [0, 0, 2], normative: [3, 1, 13] } }));
    const t3 = { received: 34, carried: 3, handled: 34 };
    assert.deepEqual(check(draft({ year: 2022, t3, t2: { rules: [1, 0, 3], normative: [2, 1, 14] } }), last2021), []);
    const text = draft({ year: 2022, t3, t2: { rules: [1, 0, 3], normative: [2, 1, 15] } });
    const found = only(text, last2021);
    assert.equal(found.length, 1);
    const row = '| 行政规范性文件 | 2 | 1 | 15 |';
    const line = text.split('\n').indexOf(row);
    assert.deepEqual(found[0].range, { start: { line, character: row.indexOf('15') }, end: { line, character: row.indexOf('15') + 2 } });
    assert.equal(found[0].fixes[0].edits[0].newText, '14');
    assert.deepEqual(check(applyEdits(text, found[0].fixes[0].edits), last2021), []);
  });

  it('does not compare 现行有效件数 with a 2019-format report', () => {
    const text = draft({ year: 2021, t3: { received: 38, carried: 3, handled: 38 }, t2: { rules: [0, 0, 99], normative: [0, 0, 99] } });
    assert.deepEqual(only(text, last2020), []);
  });

  it('gives a message in both locales', () => {
    const text = draft({ year: 2021, t3: { received: 38, carried: 3, handled: 38 } }).replace(CARRIED_3, CARRIED_2);
    const zh = only(text, last2020, { locale: 'zh-cn' })[0].message;
    const en = only(text, last2020, { locale: 'en' })[0].message;
    assert.ok(zh.includes('2') && zh.includes('3') && en.includes('3'));
    assert.notEqual(zh, en);
  });
});

describe('isPreviousReport', () => {
  const current = parseReport(draft({ year: 2021 }));
  it('pairs last year\'s report of the same agency', () => {
    assert.equal(isPreviousReport(current, last2020), true);
    assert.equal(isPreviousReport(current, parseReport(draft({ year: 2020, agency: '明湖市 住房和城乡建设局' }))), true);
  });
  it('rejects another agency or another year', () => {
    assert.equal(isPreviousReport(current, parseReport(draft({ year: 2020, agency: '明湖市交通运输局' }))), false);
    assert.equal(isPreviousReport(current, parseReport(draft({ year: 2019 }))), false);
    assert.equal(isPreviousReport(last2020, current), false);
  });
});
