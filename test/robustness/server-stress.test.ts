/**
 * The language server under stress (dist/server.js --stdio): a burst of 1,000 edits, edits with
 * positions beyond the document, unknown and malformed requests (including raw malformed
 * JSON-RPC frames on stdin), a document closed while it is being checked, a 10 MB document, and
 * a bad `.gkreportrc.json` next to an open report. Afterwards it still answers requests, its
 * memory (asked with `gkreport/memory`) stays bounded, and it published diagnostics only for the
 * latest version of each document.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, it } from 'node:test';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, PublishDiagnosticsParams, TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol/node';
import { checkReport } from '../../server/src/engine/check';
import { renderTable } from '../../server/src/engine/render';
import { findCell, layoutFixtures, readFixture, SEEDS } from '../helpers';
import { docUri, sleep, TestClient } from '../server/lsp-client';
import { FUZZ_SEED, Tally } from './support';

const MEMORY = 'gkreport/memory';
type Memory = { rss: number; heapUsed: number; heapTotal: number; external: number };

let client: TestClient | undefined;
afterEach(async () => {
  await client?.stop();
  client = undefined;
});

const clean = () => layoutFixtures().find((f) => f.name === '2021-tab.txt')!.text;
const MB = 1024 * 1024;

/** The server answers a request within a few seconds (it is up and its loop is free). */
async function answers(c: TestClient, what: string): Promise<Memory> {
  const memory = await Promise.race([
    c.request<Memory>(MEMORY, null),
    sleep(15_000).then(() => assert.fail(`the server no longer answers (after ${what})`)),
  ]);
  assert.equal(c.proc.exitCode, null, `the server exited (after ${what})`);
  assert.ok(memory.rss > 0 && memory.heapUsed > 0);
  return memory;
}

/** The versions of a document's published diagnostics, in order. */
const publishedVersions = (c: TestClient, uri: string) => c.published.filter((p) => p.uri === uri).map((p) => p.version);

/** What the engine reports for a text, as the server shows it (code and range). */
function expected(text: string): string[] {
  return checkReport({ text, options: { locale: 'en' } }).findings.map((f) => `${f.code}@${JSON.stringify(f.range)}`);
}
const shown = (ds: Diagnostic[]) => ds.map((d) => `${d.code}@${JSON.stringify(d.range)}`);

/** Random incremental changes of a document, some with positions beyond its end. */
function randomChanges(original: TextDocument, count: number, seed: number): TextDocumentContentChangeEvent[] {
  // TextDocument.update changes the document in place: work on a copy.
  let doc = TextDocument.create(original.uri, original.languageId, original.version, original.getText());
  const pieces = ['', '', '0', '7', '12', '\t', '\n', '\r\n', '总计', '自然人', '（七）', ' | ', '１２', '/', '😀', '三、'];
  const picks = fc.sample(
    fc.record({ a: fc.nat(), b: fc.nat({ max: 12 }), text: fc.constantFrom(...pieces), wild: fc.nat({ max: 19 }) }),
    { numRuns: count, seed },
  );
  const out: TextDocumentContentChangeEvent[] = [];
  let version = doc.version;
  for (const p of picks) {
    const length = doc.getText().length;
    let change: TextDocumentContentChangeEvent;
    if (p.wild === 0) {
      // Beyond the document: lines and characters past the end, and a reversed range.
      change = { range: { start: { line: 1_000_000, character: 5 }, end: { line: 1_000_000 + p.b, character: 1_000_000 } }, text: p.text };
    } else if (p.wild === 1) {
      const line = p.a % doc.lineCount;
      change = { range: { start: { line, character: 100_000 }, end: { line: Math.max(0, line - 1), character: 0 } }, text: p.text };
    } else {
      const start = p.a % (length + 1);
      const end = Math.min(length, start + p.b);
      change = { range: { start: doc.positionAt(start), end: doc.positionAt(end) }, text: p.text };
    }
    out.push(change);
    doc = TextDocument.update(doc, [change], ++version);
  }
  return out;
}

describe('robustness: the language server under stress', () => {
  it('a burst of 1,000 edits (some beyond the document): one check of the last version, memory bounded', async (t) => {
    const tally = new Tally('server: burst of 1,000 edits');
    client = await TestClient.start();
    const uri = docUri('burst.gkreport');
    let mirror = TextDocument.create(uri, 'gkreport', 1, clean());
    await client.open(uri, mirror.getText(), 'gkreport', 1);
    await client.diagnosticsFor(uri, 1);
    const before = await answers(client, 'opening');
    const changes = randomChanges(mirror, 1000, FUZZ_SEED);
    // One write of 1,000 didChange frames: the server reads them back to back.
    const frames = changes.map((change, i) => {
      mirror = TextDocument.update(mirror, [change], mirror.version + 1);
      const body = JSON.stringify({ jsonrpc: '2.0', method: 'textDocument/didChange', params: { textDocument: { uri, version: i + 2 }, contentChanges: [change] } });
      return `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
    });
    const started = Date.now();
    await new Promise<void>((resolve, reject) => client!.proc.stdin.write(frames.join(''), (e) => (e ? reject(e) : resolve())));
    const burstMs = Date.now() - started;
    tally.inputs += changes.length;
    const last = mirror.version;
    assert.equal(last, 1001);
    const ds = await client.diagnosticsFor(uri, last, 60_000);
    assert.deepEqual(shown(ds), expected(mirror.getText()), 'the diagnostics are those of the text after every edit');
    const after = await answers(client, 'the burst');
    const status = await client.request<{ version: number } | null>('gkreport/status', { uri });
    assert.equal(status?.version, last);
    await sleep(400);
    const versions = publishedVersions(client, uri);
    assert.deepEqual([...versions].sort((a, b) => (a ?? 0) - (b ?? 0)), versions, 'published in version order');
    const during = versions.filter((v) => v !== 1);
    // The edits arrive back to back, well within the 200 ms debounce: one check, of the last version.
    // (On a starved machine the write itself may take longer than the debounce: then earlier
    // versions may be checked as they become the latest, in order, the last one last.)
    if (burstMs < 150) assert.deepEqual(during, [last], 'only the latest version was published');
    else assert.ok(during[during.length - 1] === last, `published versions ${during.join(', ')}`);
    const growth = after.heapUsed - before.heapUsed;
    assert.ok(growth < 64 * MB, `heap grew by ${(growth / MB).toFixed(1)} MB over the burst`);
    t.diagnostic(`robustness: server burst: 1,000 edits written in ${burstMs} ms, versions published ${during.join(', ')}, heap ${(before.heapUsed / MB).toFixed(1)} → ${(after.heapUsed / MB).toFixed(1)} MB, rss ${(after.rss / MB).toFixed(0)} MB`);
    tally.print(t);
  });

  it('survives unknown methods, invalid params and malformed JSON-RPC frames', async (t) => {
    const tally = new Tally('server: unknown and malformed requests');
    client = await TestClient.start();
    const uri = docUri('malformed.gkreport');
    await client.open(uri, clean(), 'gkreport', 1);
    await client.diagnosticsFor(uri, 1);
    // Unknown request: MethodNotFound; unknown notification: ignored.
    await assert.rejects(client.request('gkreport/noSuchMethod', { x: 1 }), (e: { code?: number }) => e.code === -32601);
    await client.conn.sendNotification('gkreport/noSuchNotification', { x: 1 });
    await client.conn.sendNotification('$/noSuchNotification', null);
    tally.inputs += 3;
    // Invalid params for real methods: an error answer or an empty one, never a crash.
    const bad: [string, unknown][] = [
      ['textDocument/hover', null],
      ['textDocument/hover', {}],
      ['textDocument/hover', { textDocument: { uri: 5 }, position: 'here' }],
      ['textDocument/hover', { textDocument: { uri }, position: { line: -5, character: 1e12 } }],
      ['textDocument/hover', { textDocument: { uri: 'file:///not/open.txt' }, position: { line: 0, character: 0 } }],
      ['textDocument/documentSymbol', { textDocument: {} }],
      ['textDocument/foldingRange', { textDocument: { uri: null } }],
      ['textDocument/completion', { textDocument: { uri }, position: { line: 1e9, character: 1e9 } }],
      ['textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }],
      ['textDocument/codeAction', { textDocument: { uri }, range: null, context: { diagnostics: [{ data: { version: 'x', index: -1 } }] } }],
      ['textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, message: 'x', data: { version: 1, index: 99999, fingerprint: 'zz' } }] } }],
      ['workspace/executeCommand', { command: 'gkreport.noSuchCommand', arguments: [1, 2] }],
      ['workspace/executeCommand', null],
      ['gkreport/status', null],
      ['gkreport/status', { uri: 42 }],
      ['gkreport/validateFiles', { uris: 'not an array' }],
      ['gkreport/validateFiles', { uris: [null, 3, 'file:///nowhere/x.txt', 'untitled:Untitled-1', 'https://example.invalid/x.txt'] }],
      ['initialize', { processId: null, capabilities: {} }],
    ];
    for (const [method, params] of bad) {
      tally.inputs++;
      await Promise.race([client.request(method, params).catch(() => undefined), sleep(10_000).then(() => assert.fail(`${method} got no answer`))]);
    }
    // Notifications with bad params: changes to unknown documents, a second open, a change without a range.
    await client.conn.sendNotification('textDocument/didChange', { textDocument: { uri: docUri('never-opened.txt'), version: 2 }, contentChanges: [{ text: 'x' }] });
    await client.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: null });
    await client.conn.sendNotification('textDocument/didClose', { textDocument: { uri: docUri('never-opened.txt') } });
    await client.conn.sendNotification('textDocument/didOpen', null);
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: { gkreport: { maxFileSize: 'big', languages: 7, rules: { 'row-total': 'fatal' } } } });
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: 'file:///x/.gkreportrc.json', type: 2 }, { uri: 'not a uri', type: 9 }] });
    tally.inputs += 6;
    await answers(client, 'invalid params');
    // Raw frames straight onto stdin: bad JSON, JSON that is not JSON-RPC, a response to nothing.
    const frames = [
      '{not json!!}',
      '{"jsonrpc":"2.0","id":77,"method":',
      '{"foo":1}',
      '[1,2,3]',
      '{"jsonrpc":"2.0","id":78}',
      '{"jsonrpc":"2.0","id":"zz","result":{}}',
      '{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"x"},"contentChanges":[{"range":{"start":{"line":"a"}},"text":5}]}}',
      '{"jsonrpc":"1.0","id":79,"method":"gkreport/status","params":{}}',
    ];
    for (const body of frames) {
      tally.inputs++;
      client.proc.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
      await answers(client, `the frame ${body}`);
    }
    // The document is still checked, and only its latest version is published.
    await client.change(uri, 3, [{ text: clean().replace('明湖市', '湖明市') }]);
    const ds = await client.diagnosticsFor(uri, 3);
    assert.deepEqual(shown(ds), expected(clean().replace('明湖市', '湖明市')));
    tally.print(t);
  });

  it('closing a document while it is checked: no diagnostics after the close, the server stays up', async (t) => {
    const tally = new Tally('server: close while checking');
    client = await TestClient.start();
    const head = clean().split('\n').slice(0, 6).join('\n') + '\n';
    const big = head + Array.from({ length: 600 }, () => '三、收到和处理政府信息公开申请情况\n' + renderTable('2021', 'table3', 'tab', '\n') + '\n').join('');
    for (let round = 0; round < 5; round++) {
      const uri = docUri(`closing-${round}.gkreport`);
      await client.open(uri, big, 'gkreport', 1);
      if (round % 2) await client.change(uri, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '1' }]);
      await sleep(round * 40);
      await client.close(uri);
      tally.inputs++;
    }
    await answers(client, 'closing documents mid-check');
    await sleep(1500);
    for (let round = 0; round < 5; round++) {
      const uri = docUri(`closing-${round}.gkreport`);
      const list: PublishDiagnosticsParams[] = client.published.filter((p) => p.uri === uri);
      assert.ok(list.length > 0, 'the close clears the diagnostics');
      assert.deepEqual(list[list.length - 1].diagnostics, [], `${uri}: diagnostics published after the close`);
    }
    tally.print(t);
  });

  it('a 10 MB document: checked, edits answered, memory proportional to its size', async (t) => {
    const tally = new Tally('server: 10 MB document');
    client = await TestClient.start();
    const base = await answers(client, 'starting');
    const seed = readFixture(SEEDS['002']);
    const copies = Math.ceil((10 * MB) / Buffer.byteLength(seed));
    const text = Array.from({ length: copies }, () => seed).join('\n');
    const uri = docUri('ten-megabytes.gkreport');
    const started = Date.now();
    await client.open(uri, text, 'gkreport', 1);
    const ds = await client.diagnosticsFor(uri, 1, 90_000);
    const checkMs = Date.now() - started;
    tally.inputs++;
    assert.ok(ds.length > 0);
    const loaded = await answers(client, 'the 10 MB document');
    // Edits to a document over gkreport.maxFileSize are not re-checked while typing, but applied.
    for (let v = 2; v <= 21; v++) await client.change(uri, v, [{ range: { start: { line: v, character: 0 }, end: { line: v, character: 0 } }, text: '1' }]);
    tally.inputs += 20;
    // Still answered from the last check: the hover of a table 3 cell of the first copy (lines 22+ moved by the edits' digits only).
    const total = findCell(checkReport({ text: seed }).model, 'table3', 'new', 'total').cell.source!;
    const position = { line: total.line, character: total.start - checkReport({ text: seed }).model.lineStarts[total.line] };
    assert.ok(position.line > 21, 'the cell lies below the edited lines');
    const hover = await client.request<{ contents: unknown } | null>('textDocument/hover', { textDocument: { uri }, position });
    assert.ok(hover && JSON.stringify(hover.contents).length > 10, 'the hover of a cell has contents');
    const status = await client.request<{ version: number; largeFileGuard: boolean } | null>('gkreport/status', { uri });
    assert.ok(status?.largeFileGuard, 'the large-file guard is on');
    // Saved, it is checked: the version with every edit applied.
    await client.save(uri);
    await client.diagnosticsFor(uri, 21, 90_000);
    assert.equal((await client.statusFor(uri, 21)).version, 21);
    const memory = await answers(client, 'editing the 10 MB document');
    const size = Buffer.byteLength(text);
    assert.deepEqual([...new Set(publishedVersions(client, uri))].sort((a, b) => (a ?? 0) - (b ?? 0)), [1, 21], 'no publication for the versions typed but not saved');
    await client.close(uri);
    await answers(client, 'closing the 10 MB document');
    // A second 10 MB document after the first is closed: memory does not keep growing.
    const uri2 = docUri('ten-megabytes-again.gkreport');
    await client.open(uri2, text.replace(/年/, '年 '), 'gkreport', 1);
    await client.diagnosticsFor(uri2, 1, 90_000);
    const second = await answers(client, 'a second 10 MB document');
    await client.close(uri2);
    tally.inputs++;
    // Proportional to the size: the text, its model and its diagnostics (~75× the size in this
    // worst case, a table every few lines: 170,000 diagnostics); no growth from one document to the next.
    const peak = Math.max(loaded.rss, memory.rss);
    assert.ok(peak - base.rss < 100 * size, `rss grew ${((peak - base.rss) / MB).toFixed(0)} MB for a ${(size / MB).toFixed(1)} MB document`);
    assert.ok(second.rss < peak * 1.5 + 64 * MB, `rss ${(second.rss / MB).toFixed(0)} MB with the second document, ${(peak / MB).toFixed(0)} MB with the first`);
    t.diagnostic(`robustness: server 10 MB: ${(size / MB).toFixed(1)} MB checked in ${checkMs} ms, ${ds.length} diagnostics, rss ${(base.rss / MB).toFixed(0)} → ${(peak / MB).toFixed(0)} MB, ${(second.rss / MB).toFixed(0)} MB with a second one`);
    tally.print(t);
  });

  it('a bad .gkreportrc.json next to an open report: reported, and the report is still checked', async (t) => {
    const tally = new Tally('server: bad .gkreportrc.json');
    const dir = mkdtempSync(join(tmpdir(), 'gkreport-robust-rc-'));
    try {
      const bad: [string, string | Buffer][] = [
        ['syntax', '{ "rules": { "row-total": "error" }, "format": 2021,'],
        ['schema', '{ "rules": { "row-totl": "fatal" }, "format": "2022", "moneyUnit": 3, "extra": true }'],
        ['not an object', '[1, 2, 3]'],
        ['binary', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff, 0xfe])],
        ['deep', '['.repeat(200_000)],
      ];
      for (const [name, content] of bad) {
        const folder = join(dir, name.replace(/ /g, '-'));
        mkdirSync(folder);
        writeFileSync(join(folder, '.gkreportrc.json'), content);
        writeFileSync(join(folder, 'report.txt'), readFixture(SEEDS['001']));
      }
      client = await TestClient.start({ workspaceFolders: [pathToFileURL(dir).href] });
      const logs: string[] = [];
      client.conn.onNotification('window/logMessage', (p: { message: string }) => void logs.push(p.message));
      for (const [name] of bad) {
        tally.inputs++;
        const folder = join(dir, name.replace(/ /g, '-'));
        const uri = pathToFileURL(join(folder, 'report.txt')).href;
        await client.open(uri, readFixture(SEEDS['001']), 'plaintext', 1);
        const ds = await client.diagnosticsFor(uri, 1, 20_000);
        assert.ok(ds.some((d) => d.code === 'period'), `${name}: the report is still checked`);
        const status = await client.statusFor(uri, 1);
        assert.equal(status.configFile, join(folder, '.gkreportrc.json'), `${name}: the status names the file`);
        await client.until(() => logs.some((m) => m.includes(join(folder, '.gkreportrc.json'))) || client!.messages.some((m) => m.message.includes('.gkreportrc.json')), `${name}: a message about the file`);
        await answers(client, `${name} rc file`);
      }
      t.diagnostic(`robustness: bad rc messages: ${logs.filter((m) => m.includes('.gkreportrc.json')).map((m) => m.split(dir).join('…')).join(' | ')}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    tally.print(t);
  });
});
