/**
 * The server's part of inserting a table: `gkreport/documentFacts` and `gkreport/renderTable`
 * from the bundled server over JSON-RPC, as the VS Code client asks them.
 */
import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { documentFacts } from '../../server/src/engine/facts';
import { renderTable } from '../../server/src/engine/render';
import { readFixture } from '../helpers';
import { TestClient } from './lsp-client';

/** A value as it arrives over JSON-RPC (properties left undefined are not sent). */
const overJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

let client: TestClient | undefined;
afterEach(async () => {
  await client?.stop();
  client = undefined;
});

describe('insert table requests', () => {
  it('answers a document\'s facts from its text, unopened, following the format setting', async () => {
    client = await TestClient.start();
    const text = readFixture('layouts/2021-pipe-cells.txt');
    const facts = await client.request('gkreport/documentFacts', { text, languageId: 'plaintext', format: 'auto' });
    assert.deepEqual(facts, overJson(documentFacts(text, 'plaintext')));
    assert.deepEqual([(facts as { format: string }).format, (facts as { layout: string }).layout], ['2021', 'pipe-cells']);
    const forced = await client.request('gkreport/documentFacts', { text, languageId: 'plaintext', format: '2019' });
    assert.equal((forced as { format: string }).format, '2019');
    assert.deepEqual(await client.request('gkreport/documentFacts', { text: '', languageId: 'markdown' }), overJson(documentFacts('', 'markdown')));
  });

  it('renders a table in a format, layout, line ending and money unit; null for what it does not know', async () => {
    client = await TestClient.start();
    const params = { format: '2019', table: 'table2', layout: 'tab', eol: '\r\n', moneyUnit: '元' } as const;
    const text = await client.request('gkreport/renderTable', params);
    assert.equal(text, renderTable('2019', 'table2', 'tab', '\r\n', undefined, { moneyUnit: '元' }));
    assert.ok(typeof text === 'string' && text.includes('\r\n') && text.includes('（元）'));
    assert.equal(await client.request('gkreport/renderTable', { ...params, layout: 'columns' }), null);
    assert.equal(await client.request('gkreport/renderTable', { ...params, table: 'table5' }), null);
  });
});
