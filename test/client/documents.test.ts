/**
 * The client's pure helpers: where an inserted table goes, and the words of the language status
 * item.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { blockInsertion } from '../../client/src/documents';
import { message } from '../../client/src/messages';
import { messageCounts, type ReportStatus } from '../../client/src/protocol';
import { statusSummary } from '../../client/src/status-text';

describe('document insertion', () => {
  it('puts an inserted block on lines of its own', () => {
    assert.equal(blockInsertion('a\nb\n', '\n', ''), 'a\nb\n');
    assert.equal(blockInsertion('a\nb', '\n', ''), 'a\nb\n');
    assert.equal(blockInsertion('a\r\nb\r\n', '\r\n', '正文'), '\r\na\r\nb\r\n');
    assert.equal(blockInsertion('a\n', '\n', '   '), 'a\n');
  });
});

describe('language status', () => {
  const server: ReportStatus = {
    uri: 'file:///r.txt',
    version: 3,
    isReport: true,
    format: '2021',
    year: 2021,
    counts: { error: 2, warning: 1, info: 0 },
    timeMs: 12.4,
    largeFileGuard: false,
    run: 'onType',
  };

  it('shows format, year, findings and time, in Chinese and English', () => {
    const zh = statusSummary(server, 'zh-cn');
    assert.equal(zh.text, '2021 格式 · 2021 年度');
    assert.equal(zh.detail, '2 个错误 · 1 个警告 · 0 条提示 · 校验用时 12 毫秒');
    assert.equal(zh.level, 'error');
    const en = statusSummary({ ...server, counts: { error: 0, warning: 0, info: 0 } }, 'en');
    assert.equal(en.text, '2021 format · year 2021');
    assert.equal(en.detail, 'no problems · checked in 12 ms');
    assert.equal(en.level, 'info');
    assert.equal(statusSummary(server, 'en').detail, '2 errors · 1 warning · 0 infos · checked in 12 ms');
  });

  it('words counts in English with singular and plural', () => {
    assert.equal(message('en', 'validateResult', { name: 'a.txt', errors: 1, warnings: 2, infos: 0 }), 'a.txt: 1 error, 2 warnings, 0 infos.');
    assert.equal(message('en', 'workspaceCancelled', { reports: 1 }), 'Cancelled; 1 report was checked.');
    assert.equal(message('zh-cn', 'validateResult', { name: 'a.txt', errors: 1, warnings: 2, infos: 0 }), 'a.txt：1 个错误，2 个警告，0 条提示。');
  });

  it('says when the large-file guard is active, and names the configuration file', () => {
    const s = statusSummary({ ...server, largeFileGuard: true, configFile: '/w/a/.gkreportrc.json', configErrors: ['x'] }, 'zh-cn');
    assert.equal(s.text, '大文件：仅在保存时校验');
    assert.match(s.detail, /^2021 格式 · 2021 年度 · /);
    assert.match(s.detail, /配置：\.gkreportrc\.json/);
    assert.match(statusSummary({ ...server, largeFileGuard: true }, 'en').text, /^Large file: checked on save only$/);
    assert.equal(statusSummary({ ...server, year: undefined }, 'en').text, '2021 format · no report year');
  });

  it('names the server counts as the messages do', () => {
    assert.deepEqual(messageCounts({ error: 1, warning: 2, info: 0 }), { errors: 1, warnings: 2, infos: 0 });
  });

  it('warns about configuration errors even without findings', () => {
    const s = statusSummary({ ...server, counts: { error: 0, warning: 0, info: 0 }, configErrors: ['x'] }, 'en');
    assert.equal(s.level, 'warning');
  });
});
