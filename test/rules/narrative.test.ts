import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkReport } from '../../server/src/engine/check';
import type { CheckCache } from '../../server/src/engine/rules/rule';
import { applyEdits } from '../../server/src/engine/fixes/apply';
import type { EngineOptions, Finding } from '../../server/src/engine/types';
import { readFixture, SEEDS } from '../helpers';
import { draft } from './report-draft';

const check = (text: string, options: EngineOptions = {}): Finding[] => checkReport({ text, options }).findings;
const only = (text: string, options: EngineOptions = {}): Finding[] => check(text, options).filter((f) => f.code === 'narrative');

/** Line and UTF-16 character of the first occurrence of `needle` (after `from`). */
function pos(text: string, needle: string, from = 0): { line: number; character: number } {
  const at = text.indexOf(needle, from);
  assert.ok(at >= 0, `${needle} not in text`);
  const before = text.slice(0, at).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

/** Asserts one narrative finding on `number` written right after `prefix`, and that its fix clears every finding. */
function expectOne(text: string, prefix: string, number: string, replacement: string): void {
  const found = only(text);
  assert.equal(found.length, 1, found.map((f) => f.message).join('\n'));
  const f = found[0];
  assert.equal(f.severity, 'warning');
  const start = pos(text, prefix + number);
  start.character += prefix.length;
  assert.deepEqual(f.range, { start, end: { line: start.line, character: start.character + number.length } });
  assert.equal(f.fixes.length, 1);
  assert.equal(f.fixes[0].preferred, false);
  assert.equal(f.fixes[0].edits[0].newText, replacement);
  const fixed = applyEdits(text, f.fixes[0].edits);
  assert.ok(fixed.includes(prefix + replacement));
  assert.deepEqual(check(fixed), []);
}

describe('narrative', () => {
  it('is silent when the text agrees with the tables', () => {
    assert.deepEqual(check(draft()), []);
    assert.deepEqual(check(draft({ year: 2021 })), []);
  });

  it('reports applications received ↔ row 一 总计', () => {
    expectOne(draft({ overview: '2020年，我局共收到政府信息公开申请35件。' }), '共收到政府信息公开申请', '35', '34');
  });

  it('reports applications handled ↔ （七）总计', () => {
    expectOne(draft({ overview: '2020年，我局共收到政府信息公开申请34件，办结30件。' }), '办结', '30', '32');
  });

  it('reports applications carried over ↔ 四 and 二', () => {
    expectOne(draft({ overview: '共收到政府信息公开申请34件，结转下年度继续办理5件。' }), '结转下年度继续办理', '5', '3');
    expectOne(draft({ overview: '共收到政府信息公开申请34件，上年结转2件。' }), '上年结转', '2', '1');
  });

  it('reports 行政复议 and 行政诉讼 counts ↔ table 4', () => {
    expectOne(draft({ appeals: '2020年，我局因政府信息公开工作被申请行政复议3件，被提起行政诉讼1件。' }), '行政复议', '3', '2');
    expectOne(
      draft({ t4: { review: 2, direct: 1, after: 1 }, appeals: '2020年，我局因政府信息公开工作被申请行政复议2件，被提起行政诉讼1件。' }),
      '行政诉讼', '1', '2',
    );
  });

  it('understands Chinese numerals and answers in them', () => {
    expectOne(draft({ appeals: '本年度因政府信息公开工作被申请行政复议三件。' }), '行政复议', '三', '两');
    assert.deepEqual(only(draft({ appeals: '本年度因政府信息公开工作被申请行政复议两件。' })), []);
  });

  it('reads 收到并办结 as both counts', () => {
    const consistent = draft({ t3: { received: 2, carried: 0, handled: 2 }, overview: '本年度共收到并办结政府信息公开申请 2 件，与往年相比数量基本持平。' });
    assert.deepEqual(only(consistent), []);
    const text = draft({ t3: { received: 2, carried: 0, handled: 1 }, overview: '本年度共收到并办结政府信息公开申请 2 件。' });
    const found = only(text);
    assert.equal(found.length, 1);
    assert.ok(found[0].message.includes('（七）总计'));
  });

  it('accepts 一 + 二 for 受理 when the sentence mentions 上年结转', () => {
    assert.deepEqual(only(draft({ overview: '2020年，我局共受理政府信息公开申请35件（含上年结转1件）。' })), []);
    expectOne(draft({ overview: '2020年，我局共受理政府信息公开申请35件。' }), '受理政府信息公开申请', '35', '34');
    assert.deepEqual(only(draft({ overview: '2020年，我局共收到政府信息公开申请35件（含上年结转1件）。' })), []);
    expectOne(draft({ overview: '2020年，我局共收到政府信息公开申请35件，上年结转1件。' }), '收到政府信息公开申请', '35', '34');
  });

  it('skips sentences about another population or another subject', () => {
    assert.deepEqual(only(draft({ overview: '2020年，全市共收到政府信息公开申请1200件，办结1190件。' })), []);
    assert.deepEqual(only(draft({ overview: '2020年，12345热线受理市民诉求500件，办结498件。' })), []);
    assert.deepEqual(only(draft({ overview: '我局修订《依申请公开办结制度》等5件制度，共收到政府信息公开申请34件。' })), []);
    assert.deepEqual(only(draft({ overview: '共收到政府信息公开申请34件，较上年增加5件。' })), []);
  });

  it('skips a count whose table cell is blank or a placeholder', () => {
    const text = draft({ overview: '共收到政府信息公开申请40件。' })
      .replace('| 一、本年新收政府信息公开申请数量 |  |  | 34 | 0 | 0 | 0 | 0 | 0 | 34 |', '| 一、本年新收政府信息公开申请数量 |  |  | 34 | 0 | 0 | 0 | 0 | 0 | / |');
    assert.ok(check(text).some((f) => f.code === 'empty-cell'));
    assert.deepEqual(only(text), []);
  });

  it('joins a sentence wrapped over lines', () => {
    const text = draft({ overview: '（二）依申请公开。紧盯线上线下两个渠道，规范办理流程，本年度共收到政府信息公开\n\n申请35件，均已按时答复。' });
    const [f] = only(text);
    assert.ok(f);
    assert.deepEqual(f.range.start, pos(text, '35件'));
  });

  it('gives a message in both locales', () => {
    const text = draft({ overview: '2020年，我局共收到政府信息公开申请35件。' });
    const zh = only(text, { locale: 'zh-cn' })[0].message;
    const en = only(text, { locale: 'en' })[0].message;
    assert.ok(zh.includes('35') && zh.includes('34'));
    assert.ok(en.includes('35') && en.includes('34'));
    assert.notEqual(zh, en);
  });

  it('with a cache kept between checks, finds exactly what a fresh check finds', () => {
    const cache: CheckCache = {};
    const overview = '2020年，我局共收到政府信息公开申请35件，办结30件。\n\n全年行政复议3件。';
    const versions = [
      draft({ overview }),
      draft({ overview: '新增的一段说明文字，与申请无关。\n\n' + overview }),
      draft({ overview, t3: { received: 35, carried: 0, handled: 30 } }),
      draft({ overview: overview.replace('35件', '34件') }),
    ];
    for (const text of versions) {
      const cached = checkReport({ text, cache }).findings.filter((f) => f.code === 'narrative');
      assert.deepEqual(cached, only(text));
      const fresh: CheckCache = {};
      checkReport({ text, cache: fresh });
      assert.equal(cache.narrative?.size, fresh.narrative?.size);
    }
    assert.ok(only(versions[1]).length > 0);
  });

  it('reads a paragraph kept in the cache from the cache', () => {
    const text = draft({ overview: '2020年，我局共收到政府信息公开申请35件。' });
    const cache: CheckCache = {};
    assert.equal(checkReport({ text, cache }).findings.filter((f) => f.code === 'narrative').length, 1);
    for (const key of cache.narrative!.keys()) cache.narrative!.set(key, []);
    assert.equal(checkReport({ text, cache }).findings.filter((f) => f.code === 'narrative').length, 0);
  });

  it('the seeds give no narrative finding', () => {
    for (const seed of Object.keys(SEEDS)) assert.deepEqual(only(readFixture(SEEDS[seed])), [], seed);
  });
});
