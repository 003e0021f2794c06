/**
 * Diagnostics from the bundled language server: pushed (no pull capability) and pulled, for the
 * five seed reports; what each diagnostic carries; UTF-16 positions on Chinese text; which
 * documents are checked at all; the status notification and request.
 */
import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import {
  createMessageConnection,
  type Diagnostic,
  type DocumentDiagnosticReport,
  IPCMessageReader,
  IPCMessageWriter,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { checkReport } from '../../server/src/engine/check';
import { readFixture, SEEDS } from '../helpers';
import { docUri, serverPath, TestClient } from './lsp-client';

const SEVERITY = { error: 1, warning: 2, info: 3 } as const;

let client: TestClient | undefined;
afterEach(async () => {
  await client?.stop();
  client = undefined;
});

const codes = (ds: Diagnostic[], maxSeverity = 3) => new Set(ds.filter((d) => (d.severity ?? 1) <= maxSeverity).map((d) => String(d.code)));

/** What the seeds must and must not report (spec/rules.md, "What the five seed reports must produce"). */
function checkSeedExpectations(seed: string, ds: Diagnostic[]): void {
  const all = codes(ds);
  const serious = codes(ds, 2);
  const errors = codes(ds, 1);
  const arithmetic = ['row-total', 'column-total', 'balance', 'appeal-total'];
  switch (seed) {
    case '000':
      assert.ok(all.has('empty-cell'), 'seed 000: empty-cell');
      assert.ok(all.has('unit'), 'seed 000: unit (采购总金额 4902000)');
      for (const c of arithmetic) assert.ok(!all.has(c), `seed 000 must not report ${c}`);
      break;
    case '001':
      assert.deepEqual([...serious], ['period'], 'seed 001: period only at error/warning level');
      break;
    case '002':
      assert.ok(all.has('empty-cell'), 'seed 002: empty-cell');
      for (const c of [...arithmetic, 'missing-row', 'missing-table', 'missing-section']) assert.ok(!all.has(c), `seed 002 must not report ${c}`);
      break;
    case '003':
      assert.ok(all.has('unit'), 'seed 003: unit (采购总金额 2034.38)');
      assert.equal(errors.size, 0, `seed 003: nothing at error level, got ${[...errors].join(', ')}`);
      break;
    case '004':
      for (const c of ['empty-cell', 'label', 'decimals']) assert.ok(all.has(c), `seed 004: ${c}`);
      for (const c of arithmetic) assert.ok(!all.has(c), `seed 004 must not report ${c}`);
      break;
  }
}

/** The server's diagnostics are the engine's findings, with everything an editor needs. */
function assertMatchesEngine(uri: string, text: string, ds: Diagnostic[], version: number, locale: 'en' | 'zh-cn' = 'en'): void {
  const { findings } = checkReport({ text, options: { locale } });
  assert.equal(ds.length, findings.length, 'one diagnostic per finding');
  ds.forEach((d, i) => {
    const f = findings[i];
    assert.equal(d.code, f.code);
    assert.equal(d.severity, SEVERITY[f.severity]);
    assert.equal(d.message, f.message);
    assert.deepEqual(d.range, f.range);
    assert.equal(d.source, 'gkreport');
    assert.equal(d.codeDescription?.href, `https://github.com/gkreport/gkreport/blob/main/docs/rules/${f.code}.md`);
    const data = d.data as { version: number; index: number; fingerprint: string };
    assert.equal(data.version, version);
    assert.equal(data.index, i);
    assert.match(data.fingerprint, /^[0-9a-f]{8}$/);
    assert.equal(d.relatedInformation?.length ?? 0, f.related.length);
    for (const r of d.relatedInformation ?? []) assert.equal(r.location.uri, uri);
    assert.ok(d.range.end.line > d.range.start.line || d.range.end.character > d.range.start.character, 'never zero-width');
  });
}

describe('pushed diagnostics (client without textDocument.diagnostic)', () => {
  it('declares no pull provider and publishes each seed\'s expected diagnostics', async () => {
    client = await TestClient.start({ pull: false });
    assert.equal(client.initializeResult.capabilities.diagnosticProvider, undefined);
    assert.equal(client.initializeResult.serverInfo?.name, 'gkreport');
    const sync = client.initializeResult.capabilities.textDocumentSync as { change: number };
    assert.equal(sync.change, 2, 'incremental sync');
    for (const [seed, file] of Object.entries(SEEDS)) {
      const uri = docUri(file);
      const text = readFixture(file);
      await client.open(uri, text);
      const ds = await client.diagnosticsFor(uri, 1);
      assertMatchesEngine(uri, text, ds, 1);
      checkSeedExpectations(seed, ds);
    }
  });

  it('puts ranges on the right UTF-16 columns of Chinese text', async () => {
    client = await TestClient.start();
    const text = readFixture(SEEDS['004']);
    const uri = docUri('004.txt');
    await client.open(uri, text);
    const ds = await client.diagnosticsFor(uri, 1);
    const lines = text.split(/\r?\n/);
    const first = ds.find((d) => d.code === 'empty-cell')!;
    // 三、本年度办理结果\t(一) 予以公开\t\t0… : the blank 自然人 cell is the tab after the label.
    assert.equal(lines[first.range.start.line].slice(0, first.range.start.character), '三、本年度办理结果\t(一) 予以公开');
    assert.deepEqual(first.range, { start: { line: 54, character: 18 }, end: { line: 54, character: 19 } });
    const label = ds.find((d) => d.code === 'label');
    assert.ok(label, 'a label finding');
    assert.equal(label.range.start.line, 57);
    assert.match(lines[57].slice(label.range.start.character, label.range.end.character), /其他法律法规禁止公开/);
    const decimals = ds.find((d) => d.code === 'decimals');
    assert.ok(decimals, 'a decimals finding');
    assert.equal(decimals.range.start.line, 43);
    assert.equal(lines[43].slice(decimals.range.start.character, decimals.range.end.character), '1075.178');
  });

  it('sends messages in the client\'s language', async () => {
    client = await TestClient.start({ locale: 'zh-CN' });
    const text = readFixture(SEEDS['004']);
    const uri = docUri('004-zh.txt');
    await client.open(uri, text);
    const ds = await client.diagnosticsFor(uri, 1);
    assertMatchesEngine(uri, text, ds, 1, 'zh-cn');
    assert.match(ds.find((d) => d.code === 'empty-cell')!.message as string, /为空/);
  });
});

describe('pulled diagnostics (client with textDocument.diagnostic)', () => {
  it('answers textDocument/diagnostic, then "unchanged" for the same version', async () => {
    const c = (client = await TestClient.start({ pull: true }));
    const provider = client.initializeResult.capabilities.diagnosticProvider as { workspaceDiagnostics: boolean; interFileDependencies: boolean };
    assert.ok(provider, 'pull provider declared');
    assert.equal(provider.workspaceDiagnostics, true);
    for (const [seed, file] of Object.entries(SEEDS)) {
      const uri = docUri(file);
      const text = readFixture(file);
      await c.open(uri, text);
      const report: DocumentDiagnosticReport = await c.request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri } });
      assert.equal(report.kind, 'full');
      if (report.kind !== 'full') continue;
      assertMatchesEngine(uri, text, report.items, 1);
      checkSeedExpectations(seed, report.items);
      const again: DocumentDiagnosticReport = await c.request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri }, previousResultId: report.resultId });
      assert.deepEqual(again, { kind: 'unchanged', resultId: report.resultId });
    }
    assert.equal(c.published.length, 0, 'nothing is pushed to a pull client');
  });

  it('sends a status after validating and answers the gkreport/status request', async () => {
    client = await TestClient.start({ pull: true });
    const uri = docUri(SEEDS['004']);
    await client.open(uri, readFixture(SEEDS['004']));
    await client.request('textDocument/diagnostic', { textDocument: { uri } });
    const status = await client.statusFor(uri, 1);
    assert.equal(status.isReport, true);
    assert.equal(status.format, '2019');
    assert.equal(status.year, 2020);
    assert.equal(status.largeFileGuard, false);
    assert.equal(status.run, 'onType');
    assert.ok(status.counts.error > 0);
    assert.ok(typeof status.timeMs === 'number' && status.timeMs >= 0);
    const asked = await client.request<typeof status>('gkreport/status', { uri });
    assert.deepEqual(asked, status);
    assert.equal(await client.request('gkreport/status', { uri: docUri('unknown.txt') }), null);
  });
});

describe('which documents are checked', () => {
  it('checks gkreport documents always, markdown/plaintext only when they look like a report', async () => {
    client = await TestClient.start();
    const report = readFixture(SEEDS['004']);
    const notes = '# Meeting notes\n\n| a | b |\n|---|---|\n| 1 |  |\n';
    await client.open(docUri('notes.md'), notes, 'markdown');
    await client.open(docUri('report.md'), report, 'markdown');
    await client.open(docUri('other.js'), report, 'javascript');
    const blank = '\t\t\n';
    await client.open(docUri('fragment.gkreport'), `三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量\t1${blank}`, 'gkreport');
    assert.ok((await client.diagnosticsFor(docUri('report.md'), 1)).length > 0);
    const fragment = await client.statusFor(docUri('fragment.gkreport'), 1);
    assert.equal(fragment.isReport, true);
    const notesStatus = await client.statusFor(docUri('notes.md'), 1);
    assert.equal(notesStatus.isReport, false);
    assert.deepEqual(await client.diagnosticsFor(docUri('notes.md'), 1), []);
    assert.deepEqual(await client.diagnosticsFor(docUri('other.js'), 1), []);
  });

  it('leaves plaintext alone when gkreport.languages does not list it', async () => {
    client = await TestClient.start({ settings: { languages: ['gkreport', 'markdown'] } });
    await client.open(docUri('004.txt'), readFixture(SEEDS['004']), 'plaintext');
    assert.deepEqual(await client.diagnosticsFor(docUri('004.txt'), 1), []);
    await client.open(docUri('004.md'), readFixture(SEEDS['004']), 'markdown');
    assert.ok((await client.diagnosticsFor(docUri('004.md'), 1)).length > 0);
  });

  it('clears the diagnostics of a closed document', async () => {
    client = await TestClient.start();
    const uri = docUri('closing.txt');
    await client.open(uri, readFixture(SEEDS['004']));
    assert.ok((await client.diagnosticsFor(uri, 1)).length > 0);
    const before = client.published.length;
    await client.close(uri);
    await client.until(() => client!.published.slice(before).find((p) => p.uri === uri && p.diagnostics.length === 0), 'cleared diagnostics');
  });
});

describe('transports and minimal clients', () => {
  it('serves a client that declares no capabilities at all', async () => {
    client = await TestClient.start({ capabilities: {} });
    const uri = docUri('minimal.txt');
    const text = readFixture(SEEDS['004']);
    await client.open(uri, text);
    assertMatchesEngine(uri, text, await client.diagnosticsFor(uri, 1), 1);
    const symbols = await client.request<{ name: string; location?: unknown }[]>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.ok(symbols.length > 0 && symbols.every((s) => s.location), 'flat symbol information');
  });

  it('talks over node IPC (--node-ipc), as the VS Code client starts it', async () => {
    const child = fork(serverPath(), ['--node-ipc'], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    const conn = createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    try {
      const published: PublishDiagnosticsParams[] = [];
      const arrived = new Promise<void>((resolve) =>
        conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
          published.push(p);
          if (p.diagnostics.length > 0) resolve();
        }),
      );
      conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => null));
      conn.listen();
      await conn.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {}, locale: 'zh-cn' });
      await conn.sendNotification('initialized', {});
      const uri = docUri('ipc.txt');
      await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text: readFixture(SEEDS['004']) } });
      await arrived;
      assert.match(published[0].diagnostics[0].message as string, /[\u4e00-\u9fff]/, 'Chinese messages for a zh-cn client');
      await conn.sendRequest('shutdown');
      await conn.sendNotification('exit');
    } finally {
      conn.dispose();
      await new Promise((r) => (child.exitCode !== null ? r(null) : (child.once('exit', r), setTimeout(() => child.kill('SIGKILL'), 2000))));
    }
  });
});
