import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkReport } from '../../server/src/engine/check';
import { applyEdits } from '../../server/src/engine/fixes/apply';
import type { EngineOptions, Finding } from '../../server/src/engine/types';
import { readFixture, SEEDS } from '../helpers';
import { draft } from './report-draft';

const check = (text: string, options: EngineOptions = {}): Finding[] => checkReport({ text, options }).findings;
const only = (text: string, options: EngineOptions = {}): Finding[] => check(text, options).filter((f) => f.code === 'missing-section');

/** The range of the `n`-th (0-based) occurrence of `needle`. */
function rangeOf(text: string, needle: string, n = 0) {
  let at = -1;
  for (let i = 0; i <= n; i++) at = text.indexOf(needle, at + 1);
  assert.ok(at >= 0, `${needle} not in text`);
  const before = text.slice(0, at).split('\n');
  const start = { line: before.length - 1, character: before[before.length - 1].length };
  return { start, end: { line: start.line, character: start.character + needle.length } };
}

describe('missing-section', () => {
  it('is silent when the six parts appear once, in order', () => {
    assert.deepEqual(only(draft()), []);
    assert.deepEqual(only(draft({ hashes: '' })), []);
  });

  it('reports an absent part on the next heading and inserts it in the headings\' style', () => {
    const text = draft({ parts: [1, 2, 3, 4, 6] });
    const found = only(text);
    assert.equal(found.length, 1);
    const f = found[0];
    assert.equal(f.severity, 'warning');
    assert.deepEqual(f.range, rangeOf(text, '六、其他需要报告的事项'));
    assert.equal(f.fixes.length, 1);
    assert.equal(f.fixes[0].preferred, false);
    const fixed = applyEdits(text, f.fixes[0].edits);
    assert.ok(fixed.includes('## 五、存在的主要问题及改进情况\n\n## 六、其他需要报告的事项'));
    assert.deepEqual(check(fixed), []);
  });

  it('inserts a plain heading when the headings are plain', () => {
    const text = draft({ parts: [1, 2, 3, 4, 6], hashes: '' });
    const [f] = only(text);
    assert.ok(f);
    const fixed = applyEdits(text, f.fixes[0].edits);
    assert.ok(fixed.includes('\n\n五、存在的主要问题及改进情况\n\n六、其他需要报告的事项'));
    assert.deepEqual(check(fixed), []);
  });

  it('reports an absent last part on the last line and appends it', () => {
    const text = draft({ parts: [1, 2, 3, 4, 5] });
    const [f, ...rest] = only(text);
    assert.ok(f);
    assert.deepEqual(rest, []);
    assert.deepEqual(f.range, rangeOf(text, '2021年1月15日'));
    const fixed = applyEdits(text, f.fixes[0].edits);
    assert.ok(fixed.endsWith('2021年1月15日\n\n## 六、其他需要报告的事项\n'));
    assert.deepEqual(only(fixed), []);
  });

  it('reports a repeated part on its second heading, without fix', () => {
    const text = draft({ parts: [1, 2, 3, 4, 5, 6, 6] });
    const found = only(text);
    assert.equal(found.length, 1);
    assert.deepEqual(found[0].range, rangeOf(text, '六、其他需要报告的事项', 1));
    assert.deepEqual(found[0].fixes, []);
  });

  it('reports a part out of order on the misplaced heading, without fix', () => {
    const text = draft({ parts: [1, 2, 3, 4, 6, 5] });
    const found = only(text);
    assert.equal(found.length, 1);
    assert.deepEqual(found[0].range, rangeOf(text, '六、其他需要报告的事项'));
    assert.deepEqual(found[0].fixes, []);
    assert.ok(found[0].message.includes('五、存在的主要问题及改进情况'), 'says where it belongs');
  });

  it('seed 000: 五、其他情况 (part 六) before 六、存在的主要问题及改进情况', () => {
    const text = readFixture(SEEDS['000']);
    const found = only(text);
    assert.equal(found.length, 1);
    assert.deepEqual(found[0].range, { start: { line: 83, character: 5 }, end: { line: 83, character: 11 } });
    const en = only(text, { locale: 'en' })[0].message;
    assert.ok(en.includes('六') && en.includes('五'));
  });

  it('reports a heading numbered wrongly for its place and content, with a renumbering fix', () => {
    const text = draft().replace('## 四、政府信息公开行政复议、行政诉讼情况', '## 三、政府信息公开行政复议、行政诉讼情况');
    const found = only(text);
    assert.equal(found.length, 1);
    assert.deepEqual(found[0].range, rangeOf(text, '三、政府信息公开行政复议、行政诉讼情况'));
    const fixed = applyEdits(text, found[0].fixes[0].edits);
    assert.equal(fixed, draft());
  });

  it('reports each heading without ordinal, with a preferred fix that adds it', () => {
    const numbered = draft();
    const text = numbered.replace(/^## [一二三四五六]、/gm, '## ');
    const found = only(text);
    assert.deepEqual(found.map((f) => f.range), ['总体情况', '主动公开政府信息情况', '收到和处理政府信息公开申请情况', '政府信息公开行政复议、行政诉讼情况', '存在的主要问题及改进情况', '其他需要报告的事项'].map((h) => rangeOf(text, h)));
    assert.ok(found.every((f) => f.fixes.length === 1 && f.fixes[0].preferred));
    assert.deepEqual(found.map((f) => f.fixes[0].edits.map((e) => e.newText)), ['一、', '二、', '三、', '四、', '五、', '六、'].map((o) => [o]));
    assert.equal(applyEdits(text, found.flatMap((f) => f.fixes[0].edits)), numbered);
    assert.deepEqual(check(text).filter((f) => f.code !== 'missing-section'), [], 'the tables are read as before');
  });

  it('numbers a heading without ordinal as the other headings are numbered (第五部分)', () => {
    const numbered = draft().replace(/^## ([一二三四五六])、/gm, '## 第$1部分 ');
    const text = numbered.replace('## 第五部分 存在', '## 存在');
    const [f, ...rest] = only(text);
    assert.ok(f);
    assert.deepEqual(rest, []);
    assert.deepEqual(f.range, rangeOf(text, '存在的主要问题及改进情况'));
    assert.equal(applyEdits(text, f.fixes[0].edits), numbered);
    assert.deepEqual(only(numbered), []);
  });

  it('does not take a caption that repeats its part\'s heading for the part again', () => {
    const text = draft().replace('## 二、主动公开政府信息情况\n', '## 二、主动公开政府信息情况\n\n主动公开政府信息情况\n');
    assert.notEqual(text, draft());
    assert.deepEqual(only(text), []);
  });

  it('does not take a wording that is not standard for a heading when it has no ordinal', () => {
    const text = draft().replace('## 六、其他需要报告的事项', '## 其他情况');
    const found = only(text);
    assert.equal(found.length, 1);
    assert.equal(found[0].fixes[0].edits[0].newText.trim(), '## 六、其他需要报告的事项');
  });

  it('reports once when a document with text has no part heading at all', () => {
    const text = '\n明湖市住房和城乡建设局2020年政府信息公开工作年度报告\n\n2020年，我局认真贯彻落实《条例》，主动公开政府信息742条。\n';
    const found = only(text);
    assert.equal(found.length, 1);
    assert.deepEqual(found[0].range, rangeOf(text, '明湖市住房和城乡建设局2020年政府信息公开工作年度报告'));
    assert.deepEqual(found[0].fixes, []);
    assert.deepEqual(only(''), []);
    assert.deepEqual(only('\n  \n'), []);
  });

  it('gives a message in both locales', () => {
    const text = draft({ parts: [1, 2, 3, 4, 6] });
    const zh = only(text, { locale: 'zh-cn' })[0].message;
    const en = only(text, { locale: 'en' })[0].message;
    assert.ok(zh.length > 0 && en.length > 0);
    assert.notEqual(zh, en);
  });

  it('seeds 001–004 have their six parts in order', () => {
    for (const seed of ['001', '002', '003', '004']) assert.deepEqual(only(readFixture(SEEDS[seed])), [], seed);
  });
});
