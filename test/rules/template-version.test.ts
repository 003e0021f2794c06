import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkReport } from '../../server/src/engine/check';
import type { EngineOptions, Finding } from '../../server/src/engine/types';
import { readFixture, SEEDS } from '../helpers';
import { draft } from './report-draft';

const check = (text: string, options: EngineOptions = {}): Finding[] => checkReport({ text, options }).findings;
const only = (text: string, options: EngineOptions = {}): Finding[] => check(text, options).filter((f) => f.code === 'template-version');

/** Line and UTF-16 character of the first occurrence of `needle`. */
function pos(text: string, needle: string): { line: number; character: number } {
  const at = text.indexOf(needle);
  assert.ok(at >= 0, `${needle} not in text`);
  const before = text.slice(0, at).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

function rangeOf(text: string, needle: string) {
  const start = pos(text, needle);
  return { start, end: { line: start.line, character: start.character + needle.length } };
}

describe('template-version', () => {
  it('is silent when the tables follow the report year\'s format', () => {
    assert.deepEqual(only(draft({ year: 2020 })), []);
    assert.deepEqual(only(draft({ year: 2021 })), []);
  });

  it('reports 2019-format tables in a 2021 report, once per table, on its first label', () => {
    const text = draft({ year: 2021, format: '2019' });
    const found = only(text);
    assert.equal(found.length, 2, 'table 2 and table 3; table 4 is the same in both formats');
    assert.deepEqual(found.map((f) => f.severity), ['warning', 'warning']);
    assert.deepEqual(found[0].range, rangeOf(text, '第二十条第（一）项'));
    assert.deepEqual(found[1].range, rangeOf(text, '自然人'), 'table 3 starts at its first column header');
    for (const f of found) {
      assert.deepEqual(f.fixes, []);
      assert.ok(f.related.length > 0, 'the labels of the other format are listed');
      assert.ok(f.message.includes('国办公开办函〔2019〕60号') && f.message.includes('国办公开办函〔2021〕30号'));
    }
    assert.ok(found[1].related.some((r) => r.range.start.line === pos(text, '（六）其他处理').line));
  });

  it('reports 2021-format tables in a 2020 report', () => {
    const text = draft({ year: 2020, format: '2021' });
    const found = only(text);
    assert.equal(found.length, 2);
    assert.deepEqual(found[0].range, rangeOf(text, '第二十条第（一）项'));
    assert.ok(found[0].related.some((r) => r.range.start.line === pos(text, '本年制发件数').line));
  });

  it('follows the template option', () => {
    assert.equal(only(draft({ year: 2020 }), { template: '2021' }).length, 2);
    assert.deepEqual(only(draft({ year: 2021, format: '2019' }), { template: '2019' }), []);
  });

  it('gives a message in both locales', () => {
    const text = draft({ year: 2021, format: '2019' });
    const zh = only(text, { locale: 'zh-cn' })[0].message;
    const en = only(text, { locale: 'en' })[0].message;
    assert.ok(zh.length > 0 && en.length > 0);
    assert.notEqual(zh, en);
  });

  it('the seeds (2020 reports in the 2019 format) give no finding', () => {
    for (const seed of Object.keys(SEEDS)) assert.deepEqual(only(readFixture(SEEDS[seed])), [], seed);
  });
});
