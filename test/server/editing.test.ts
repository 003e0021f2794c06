/**
 * Editing: incremental didChange events, debouncing while typing, and never delivering results
 * for a version older than the document's current one (pushed or pulled).
 */
import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { DocumentDiagnosticReport } from 'vscode-languageserver-protocol/node';
import { checkReport } from '../../server/src/engine/check';
import { applyEdits } from '../../server/src/engine/fixes/apply';
import { readFixture, SEEDS } from '../helpers';
import { docUri, sleep, TestClient } from './lsp-client';

let client: TestClient | undefined;
afterEach(async () => {
  await client?.stop();
  client = undefined;
});

const engine = (text: string) => checkReport({ text, options: { locale: 'en' } }).findings;

/** Position of the first occurrence of `needle` in a text (UTF-16). */
function positionOf(text: string, needle: string, from = 0) {
  const offset = text.indexOf(needle, from);
  assert.ok(offset >= 0, `${needle} in the text`);
  const before = text.slice(0, offset).split(/\r\n|\r|\n/);
  return { line: before.length - 1, character: before[before.length - 1].length };
}

describe('incremental changes', () => {
  it('applies ranged edits on Chinese text and checks the result', async () => {
    client = await TestClient.start();
    const uri = docUri('inc.txt');
    let text = readFixture(SEEDS['004']);
    await client.open(uri, text);
    const v1 = await client.diagnosticsFor(uri, 1);
    assert.ok(v1.some((d) => d.code === 'label'));
    // Fix the label by hand: 2.其他法律法规禁止公开 → 2.其他法律行政法规禁止公开 (insert 行政 after 法律).
    const at = positionOf(text, '法规禁止公开');
    const edit = { range: { start: at, end: at }, newText: '行政' };
    text = applyEdits(text, [edit]);
    await client.change(uri, 2, [{ range: edit.range, text: edit.newText }]);
    const v2 = await client.diagnosticsFor(uri, 2);
    assert.ok(!v2.some((d) => d.code === 'label'), 'the label warning is gone');
    assert.deepEqual(v2.map((d) => [d.code, d.range]), engine(text).map((f) => [f.code, f.range]));
    // Fill two blank cells of one line in one event with two changes (the later one first).
    const line = v2.find((d) => d.code === 'empty-cell')!.range.start.line;
    const blanks = v2.filter((d) => d.code === 'empty-cell' && d.range.start.line === line);
    const changes = blanks.map((d) => ({ range: { start: d.range.start, end: d.range.start }, text: '0' })).reverse();
    text = applyEdits(text, changes.map((c) => ({ range: c.range, newText: c.text })));
    await client.change(uri, 3, changes);
    const v3 = await client.diagnosticsFor(uri, 3);
    assert.deepEqual(v3.map((d) => [d.code, d.range, d.message]), engine(text).map((f) => [f.code, f.range, f.message]));
  });
});

describe('stale versions', () => {
  it('publishes only the last of two quick changes', async () => {
    client = await TestClient.start();
    const uri = docUri('quick.txt');
    const text = readFixture(SEEDS['004']);
    await client.open(uri, text);
    await client.diagnosticsFor(uri, 1);
    const start = client.published.length;
    const v2 = text.replace('1075.178', '1075.1780');
    const v3 = v2.replace('2.其他法律法规禁止公开', '2.其他法律行政法规禁止公开');
    await client.change(uri, 2, [{ text: v2 }]);
    await client.change(uri, 3, [{ text: v3 }]);
    const ds = await client.diagnosticsFor(uri, 3);
    await sleep(400);
    const after = client.published.slice(start).filter((p) => p.uri === uri);
    assert.deepEqual(after.map((p) => p.version), [3], 'only version 3 is published');
    assert.deepEqual(ds.map((d) => d.message), engine(v3).map((f) => f.message));
  });

  it('debounces typing: a burst of changes yields one check', async () => {
    client = await TestClient.start();
    const uri = docUri('burst.txt');
    let text = readFixture(SEEDS['004']);
    await client.open(uri, text);
    await client.diagnosticsFor(uri, 1);
    const start = client.published.length;
    const at = positionOf(text, '一、总体情况');
    for (let i = 0; i < 6; i++) {
      const pos = { line: at.line - 1, character: i };
      text = applyEdits(text, [{ range: { start: pos, end: pos }, newText: 'x' }]);
      await client.change(uri, 2 + i, [{ range: { start: pos, end: pos }, text: 'x' }]);
      await sleep(10);
    }
    await client.diagnosticsFor(uri, 7);
    await sleep(400);
    const versions = client.published.slice(start).filter((p) => p.uri === uri).map((p) => p.version);
    assert.deepEqual(versions, [7]);
    const statuses = client.statuses.filter((s) => s.uri === uri && s.version > 1).map((s) => s.version);
    assert.deepEqual(statuses, [7]);
  });

  it('cancels a pull whose document changes meanwhile (retrigger), then answers for the new version', async () => {
    client = await TestClient.start({ pull: true });
    const uri = docUri('pull-stale.txt');
    const text = readFixture(SEEDS['004']);
    await client.open(uri, text);
    await client.change(uri, 2, [{ text: text.replace('1075.178', '1075.1780') }]);
    const pending = client.request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri } });
    await sleep(20);
    const v3 = text.replace('2.其他法律法规禁止公开', '2.其他法律行政法规禁止公开');
    await client.change(uri, 3, [{ text: v3 }]);
    await assert.rejects(pending, (e: { code: number; data?: { retriggerRequest: boolean } }) => {
      assert.equal(e.code, -32802, 'ServerCancelled');
      assert.equal(e.data?.retriggerRequest, true);
      return true;
    });
    const report = await client.request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri } });
    assert.equal(report.kind, 'full');
    if (report.kind === 'full') assert.deepEqual(report.items.map((d) => d.message), engine(v3).map((f) => f.message));
    assert.ok(report.resultId?.startsWith('3:'), 'the result is for version 3');
  });
});
