/**
 * `gkreport.debounce`: the delay between the last keystroke and a check (default 200 ms; 0 checks
 * at once, which the benchmark uses to measure edit → diagnostics without the delay).
 */
import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_SETTINGS, normalizeSettings } from '../../server/src/features/settings';
import { readFixture, SEEDS } from '../helpers';
import { docUri, TestClient } from './lsp-client';

let client: TestClient | undefined;
afterEach(async () => {
  await client?.stop();
  client = undefined;
});

describe('gkreport.debounce', () => {
  it('is read from the settings: a number of milliseconds from 0 to 10,000, else 200', () => {
    assert.equal(DEFAULT_SETTINGS.debounce, 200);
    assert.equal(normalizeSettings({}).debounce, 200);
    assert.equal(normalizeSettings({ debounce: 0 }).debounce, 0);
    assert.equal(normalizeSettings({ debounce: 50 }).debounce, 50);
    assert.equal(normalizeSettings({ debounce: 1e9 }).debounce, 10_000);
    for (const bad of [-1, Number.NaN, Number.POSITIVE_INFINITY, '0', null, true]) assert.equal(normalizeSettings({ debounce: bad }).debounce, 200, String(bad));
  });

  it('at 0, every version typed is checked and published (push)', async () => {
    const c = (client = await TestClient.start({ settings: { debounce: 0 } }));
    const uri = docUri('debounce-zero.txt');
    const text = readFixture(SEEDS['004']);
    await c.open(uri, text);
    const labels = (ds: { code?: unknown }[]) => ds.filter((d) => d.code === 'label').length;
    const before = await c.diagnosticsFor(uri, 1);
    assert.ok(labels(before) > 0);
    const fixed = text.replace('2.其他法律法规禁止公开', '2.其他法律行政法规禁止公开');
    assert.notEqual(fixed, text);
    await c.change(uri, 2, [{ text: fixed }]);
    const ds = await c.diagnosticsFor(uri, 2);
    assert.equal(labels(ds), labels(before) - 1, 'the corrected label is no longer reported');
    await c.change(uri, 3, [{ text }]);
    assert.equal(labels(await c.diagnosticsFor(uri, 3)), labels(before));
  });
});
