/**
 * Settings: workspace/didChangeConfiguration with the server asking workspace/configuration,
 * settings pushed in the notification (clients without workspace/configuration), the
 * `.gkreportrc.json` found upward and its precedence, watched-file changes, `gkreport.run` and
 * `gkreport.maxFileSize`.
 */
import { afterEach, before, after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic, DocumentDiagnosticReport } from 'vscode-languageserver-protocol/node';
import { readFixture, SEEDS } from '../helpers';
import { docUri, sleep, TestClient } from './lsp-client';

let client: TestClient | undefined;
afterEach(async () => {
  await client?.stop();
  client = undefined;
});

const codes = (ds: Diagnostic[]) => new Set(ds.map((d) => String(d.code)));

/** Waits for diagnostics of `uri` published after index `from` that satisfy `ok`. */
function publishedAfter(c: TestClient, from: number, uri: string, ok: (ds: Diagnostic[]) => boolean, what: string) {
  return c.until(() => c.published.slice(from).filter((p) => p.uri === uri).map((p) => p.diagnostics).reverse().find(ok), what);
}

describe('settings from the client', () => {
  it('turns a rule off on didChangeConfiguration (push): the server asks workspace/configuration again', async () => {
    const c = (client = await TestClient.start());
    const uri = docUri('settings-push.txt');
    await c.open(uri, readFixture(SEEDS['004']));
    assert.ok(codes(await c.diagnosticsFor(uri, 1)).has('empty-cell'));
    assert.deepEqual(c.configurationRequests.at(-1), { scopeUri: uri, section: 'gkreport' });
    await c.until(() => c.registrations.some((r) => r.method === 'workspace/didChangeConfiguration'), 'configuration registration');
    const asked = c.configurationRequests.length;
    const from = c.published.length;
    await c.configure({ rules: { 'empty-cell': 'off' } });
    const ds = await publishedAfter(c, from, uri, (d) => !codes(d).has('empty-cell'), 'empty-cell gone');
    assert.ok(codes(ds).has('label'), 'other rules still run');
    assert.ok(c.configurationRequests.length > asked, 'settings fetched again');
    // And severities can be changed, not only switched off.
    const from2 = c.published.length;
    await c.configure({ rules: { label: 'error' } });
    const ds2 = await publishedAfter(c, from2, uri, (d) => d.some((x) => x.code === 'label' && x.severity === 1), 'label as error');
    assert.ok(codes(ds2).has('empty-cell'));
  });

  it('turns a rule off on didChangeConfiguration (pull): asks the client to refresh', async () => {
    const c = (client = await TestClient.start({ pull: true }));
    const uri = docUri('settings-pull.txt');
    await c.open(uri, readFixture(SEEDS['004']));
    const first = await c.request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri } });
    assert.ok(first.kind === 'full' && codes(first.items).has('empty-cell'));
    await c.configure({ rules: { 'empty-cell': 'off' } });
    await c.until(() => c.refreshRequests > 0, 'workspace/diagnostic/refresh');
    const second = await c.request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri }, previousResultId: first.resultId });
    assert.equal(second.kind, 'full', 'a new result, not "unchanged"');
    assert.ok(second.kind === 'full' && !codes(second.items).has('empty-cell') && codes(second.items).has('label'));
  });

  it('reads settings from the notification when the client has no workspace/configuration', async () => {
    const c = (client = await TestClient.start({ configuration: false }));
    const uri = docUri('settings-payload.txt');
    await c.open(uri, readFixture(SEEDS['004']));
    assert.ok(codes(await c.diagnosticsFor(uri, 1)).has('decimals'));
    const from = c.published.length;
    await c.configure({ rules: { decimals: 'off' } });
    await publishedAfter(c, from, uri, (d) => !codes(d).has('decimals') && codes(d).has('label'), 'decimals gone');
    assert.equal(c.configurationRequests.length, 0);
  });
});

describe('.gkreportrc.json', () => {
  let dir: string;
  let reportPath: string;
  let rcPath: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'gkreport-server-'));
    mkdirSync(join(dir, 'reports', '2020'), { recursive: true });
    reportPath = join(dir, 'reports', '2020', '004.txt');
    rcPath = join(dir, '.gkreportrc.json');
    writeFileSync(reportPath, readFixture(SEEDS['004']));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('applies the file found upward; explicit settings override it; file changes are picked up', async () => {
    writeFileSync(rcPath, JSON.stringify({ rules: { label: 'off', decimals: 'info' } }));
    const c = (client = await TestClient.start({ workspaceFolders: [pathToFileURL(dir).href] }));
    const watched = await c.until(() => c.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles'), 'file watchers registered');
    assert.deepEqual((watched.registerOptions as { watchers: { globPattern: string }[] }).watchers.map((w) => w.globPattern), ['**/.gkreportrc.json', '**/*.{txt,md,gkreport}']);
    const uri = pathToFileURL(reportPath).href;
    await c.open(uri, readFixture(SEEDS['004']));
    const ds = await c.diagnosticsFor(uri, 1);
    assert.ok(!codes(ds).has('label'), 'label off by the file');
    assert.equal(ds.find((d) => d.code === 'decimals')?.severity, 3, 'decimals at info by the file');
    const status = await c.statusFor(uri, 1);
    assert.equal(status.configFile, rcPath);

    // An explicit editor setting wins over the file; "auto"/unlisted ones leave the file in force.
    let from = c.published.length;
    await c.configure({ format: 'auto', rules: { label: 'warning' } });
    let now = await publishedAfter(c, from, uri, (d) => codes(d).has('label'), 'label back');
    assert.equal(now.find((d) => d.code === 'decimals')?.severity, 3);

    // The file changes on disk: didChangeWatchedFiles.
    await c.configure({});
    writeFileSync(rcPath, JSON.stringify({ rules: { 'empty-cell': 'off' } }));
    from = c.published.length;
    await c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(rcPath).href, type: 2 }] });
    now = await publishedAfter(c, from, uri, (d) => !codes(d).has('empty-cell') && codes(d).has('label'), 'empty-cell off by the new file');
    assert.equal(now.find((d) => d.code === 'decimals')?.severity, 2);
  });
});

describe('when to check', () => {
  it('gkreport.run = onSave: typing does not check, saving does', async () => {
    const c = (client = await TestClient.start({ settings: { run: 'onSave' } }));
    const uri = docUri('on-save.txt');
    const text = readFixture(SEEDS['004']);
    await c.open(uri, text);
    await c.diagnosticsFor(uri, 1);
    await c.change(uri, 2, [{ text: text.replace('2.其他法律法规禁止公开', '2.其他法律行政法规禁止公开') }]);
    await sleep(500);
    assert.ok(!c.published.some((p) => p.uri === uri && p.version === 2), 'no check while typing');
    await c.save(uri);
    const ds = await c.diagnosticsFor(uri, 2);
    assert.ok(!codes(ds).has('label'));
    assert.equal((await c.statusFor(uri, 2)).run, 'onSave');
  });

  it('gkreport.run = onSave with pull diagnostics: the last check stands until the save', async () => {
    const c = (client = await TestClient.start({ pull: true, settings: { run: 'onSave' } }));
    const uri = docUri('on-save-pull.txt');
    const text = readFixture(SEEDS['004']);
    await c.open(uri, text);
    const first = await c.request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri } });
    assert.ok(first.kind === 'full' && codes(first.items).has('label'));
    await c.change(uri, 2, [{ text: text.replace('2.其他法律法规禁止公开', '2.其他法律行政法规禁止公开') }]);
    const typing = await c.request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri }, previousResultId: first.resultId });
    assert.deepEqual(typing, { kind: 'unchanged', resultId: first.resultId });
    const refreshes = c.refreshRequests;
    await c.save(uri);
    await c.until(() => c.refreshRequests > refreshes, 'a refresh after the save');
    const saved = await c.request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri }, previousResultId: first.resultId });
    assert.equal(saved.kind, 'full');
    assert.ok(saved.kind === 'full' && !codes(saved.items).has('label') && saved.resultId?.startsWith('2:'));
  });

  it('gkreport.maxFileSize: a larger file is checked on open and save only, and the user is told', async () => {
    const c = (client = await TestClient.start({ settings: { maxFileSize: 2000 } }));
    const uri = docUri('large.txt');
    const text = readFixture(SEEDS['004']);
    await c.open(uri, text);
    assert.ok((await c.diagnosticsFor(uri, 1)).length > 0, 'checked on open');
    const status = await c.statusFor(uri, 1);
    assert.equal(status.largeFileGuard, true);
    const message = await c.until(() => c.messages.find((m) => /maxFileSize/.test(m.message)), 'a message about the size');
    assert.equal(message.type, 3, 'information');
    await c.change(uri, 2, [{ text: text.replace('2.其他法律法规禁止公开', '2.其他法律行政法规禁止公开') }]);
    await sleep(500);
    assert.ok(!c.published.some((p) => p.uri === uri && p.version === 2));
    await c.save(uri);
    assert.ok(!codes(await c.diagnosticsFor(uri, 2)).has('label'));
    assert.equal(c.messages.filter((m) => /maxFileSize/.test(m.message)).length, 1, 'told once');
  });

  it('gkreport.docsBaseUrl changes the rule links', async () => {
    const c = (client = await TestClient.start({ settings: { docsBaseUrl: 'https://example.org/rules/' } }));
    const uri = docUri('docs-url.txt');
    await c.open(uri, readFixture(SEEDS['004']));
    const ds = await c.diagnosticsFor(uri, 1);
    assert.equal(ds[0].codeDescription?.href, `https://example.org/rules/${ds[0].code}.md`);
  });
});
