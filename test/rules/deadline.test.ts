import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkReport } from '../../server/src/engine/check';
import type { EngineOptions, Finding } from '../../server/src/engine/types';
import { readFixture, SEEDS } from '../helpers';
import { draft } from './report-draft';

const only = (text: string, options: EngineOptions = {}): Finding[] => checkReport({ text, options }).findings.filter((f) => f.code === 'deadline');

describe('deadline', () => {
  it('is silent for a department report signed by 1月31日', () => {
    assert.deepEqual(only(draft({ closing: '2021年1月31日' })), []);
  });

  it('reports a department report signed after 1月31日, on the closing date, without fix', () => {
    const text = draft({ closing: '2021年2月5日' });
    const found = only(text);
    assert.equal(found.length, 1);
    const f = found[0];
    assert.equal(f.severity, 'info');
    const lines = text.split('\n');
    const line = lines.indexOf('2021年2月5日');
    assert.deepEqual(f.range, { start: { line, character: 0 }, end: { line, character: '2021年2月5日'.length } });
    assert.deepEqual(f.fixes, []);
  });

  it('gives a government until 3月31日 (auto: the agency ends in 人民政府)', () => {
    assert.deepEqual(only(draft({ agency: '明湖市人民政府', closing: '2021年3月31日' })), []);
    assert.equal(only(draft({ agency: '明湖市人民政府', closing: '2021年4月2日' })).length, 1);
    assert.deepEqual(only(draft({ agency: '明湖县政府', closing: '2021年2月20日' })), []);
  });

  it('treats 政府办公室 as a department', () => {
    assert.equal(only(draft({ agency: '明湖市人民政府办公室', closing: '2021年2月5日' })).length, 1);
  });

  it('follows options.agencyLevel', () => {
    const text = draft({ closing: '2021年2月5日' });
    assert.deepEqual(only(text, { agencyLevel: 'government' }), []);
    const gov = draft({ agency: '明湖市人民政府', closing: '2021年2月5日' });
    assert.equal(only(gov, { agencyLevel: 'department' }).length, 1);
    assert.deepEqual(only(gov, { agencyLevel: 'auto' }), []);
  });

  it('is silent for a 2021 report signed in the same January', () => {
    assert.deepEqual(only(draft({ year: 2021, closing: '2022年1月20日' })), []);
    assert.equal(only(draft({ year: 2021, closing: '2023年1月20日' })).length, 1);
  });

  it('gives a message in both locales', () => {
    const text = draft({ closing: '2021年2月5日' });
    const zh = only(text, { locale: 'zh-cn' })[0].message;
    const en = only(text, { locale: 'en' })[0].message;
    assert.ok(zh.includes('2021年2月5日') && zh.includes('2021年1月31日'));
    assert.ok(en.includes('2021年2月5日') && en.includes('2021年1月31日'));
    assert.notEqual(zh, en);
  });

  it('the seeds were published on time', () => {
    for (const seed of Object.keys(SEEDS)) assert.deepEqual(only(readFixture(SEEDS[seed])), [], seed);
  });
});
