/**
 * The workspace: last year's report of the same agency found in the folder (cross-year), open or
 * on disk (also in GB18030); workspace/diagnostic for the unopened reports; the
 * gkreport.validateWorkspace command.
 */
import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic, WorkspaceDiagnosticReport } from 'vscode-languageserver-protocol/node';
import { encodeText } from '../../server/src/node/decode';
import { readFixture, SEEDS } from '../helpers';
import { TestClient } from './lsp-client';

let client: TestClient | undefined;
afterEach(async () => {
  await client?.stop();
  client = undefined;
});

const CARRY_2019 = '四、结转下年度继续办理\t\t2\t1\t0\t0\t0\t0\t3';
const THIS_YEAR = readFixture('layouts/2019-tab.txt');
const LAST_YEAR = THIS_YEAR.replace(/2020年/g, '2019年').replace('2021年1月15日', '2020年1月15日');

let dir: string;
let path2019: string;
let path2020: string;
let pathSeed: string;
const uri = (p: string) => pathToFileURL(p).href;

before(() => {
  assert.ok(LAST_YEAR.includes(CARRY_2019));
  dir = mkdtempSync(join(tmpdir(), 'gkreport-ws-'));
  mkdirSync(join(dir, '2019'));
  mkdirSync(join(dir, '2020'));
  mkdirSync(join(dir, 'node_modules', 'x'), { recursive: true });
  path2019 = join(dir, '2019', '住建局2019年报.txt');
  path2020 = join(dir, '2020', '住建局2020年报.txt');
  pathSeed = join(dir, '2020', 'seed004.md');
  // Last year's report as many agencies still save it: GB18030.
  writeFileSync(path2019, encodeText(LAST_YEAR, 'gb18030'));
  writeFileSync(path2020, THIS_YEAR);
  writeFileSync(pathSeed, readFixture(SEEDS['004']));
  writeFileSync(join(dir, 'notes.md'), '# Notes\n\nNothing to check here.\n');
  writeFileSync(join(dir, 'node_modules', 'x', 'readme.txt'), readFixture(SEEDS['004']));
});
after(() => rmSync(dir, { recursive: true, force: true }));

const crossYear = (ds: Diagnostic[]) => ds.filter((d) => d.code === 'cross-year');

describe('cross-year', () => {
  it('compares with last year\'s report of the same agency found in the workspace folder', async () => {
    const c = (client = await TestClient.start({ workspaceFolders: [uri(dir)] }));
    await c.open(uri(path2020), THIS_YEAR);
    const ds = await c.diagnosticsFor(uri(path2020), 1);
    assert.equal(crossYear(ds).length, 3, ds.map((d) => d.message).join('\n'));
    const status = await c.statusFor(uri(path2020), 1);
    assert.equal(status.previousReport, uri(path2019));
    assert.equal(status.year, 2020);
    assert.equal(status.agency, '明湖市住房和城乡建设局');

    // Last year's report opened and corrected in the editor: this year's is checked again against it.
    const corrected = LAST_YEAR.replace(CARRY_2019, '四、结转下年度继续办理\t\t1\t0\t0\t0\t0\t0\t1');
    await c.open(uri(path2019), LAST_YEAR);
    await c.diagnosticsFor(uri(path2019), 1);
    const from = c.published.length;
    await c.change(uri(path2019), 2, [{ text: corrected }]);
    await c.until(() => c.published.slice(from).find((p) => p.uri === uri(path2020) && crossYear(p.diagnostics).length === 0), 'cross-year gone');
  });

  it('stays silent when the cross-year rule is off', async () => {
    const c = (client = await TestClient.start({ workspaceFolders: [uri(dir)], settings: { rules: { 'cross-year': 'off' } } }));
    await c.open(uri(path2020), THIS_YEAR);
    assert.deepEqual(crossYear(await c.diagnosticsFor(uri(path2020), 1)), []);
    assert.equal((await c.statusFor(uri(path2020), 1)).previousReport, undefined);
  });

  it('stays silent when no previous report exists in the workspace', async () => {
    const alone = mkdtempSync(join(tmpdir(), 'gkreport-ws-alone-'));
    try {
      const path = join(alone, '住建局2020年报.txt');
      writeFileSync(path, THIS_YEAR);
      const c = (client = await TestClient.start({ workspaceFolders: [uri(alone)] }));
      await c.open(uri(path), THIS_YEAR);
      assert.deepEqual(crossYear(await c.diagnosticsFor(uri(path), 1)), []);
      const status = await c.statusFor(uri(path), 1);
      assert.equal(status.year, 2020);
      assert.equal(status.previousReport, undefined);
    } finally {
      rmSync(alone, { recursive: true, force: true });
    }
  });
});

describe('workspace diagnostics', () => {
  it('reports the unopened report files on workspace/diagnostic, then "unchanged"', async () => {
    const c = (client = await TestClient.start({ pull: true, workspaceFolders: [uri(dir)] }));
    await c.open(uri(pathSeed), readFixture(SEEDS['004']), 'markdown');
    const first = await c.request<WorkspaceDiagnosticReport>('workspace/diagnostic', { previousResultIds: [] });
    const byUri = new Map(first.items.map((i) => [i.uri, i]));
    assert.deepEqual([...byUri.keys()].sort(), [uri(path2019), uri(path2020)].sort(), 'reports only; open documents, notes and node_modules left out');
    const r2020 = byUri.get(uri(path2020))!;
    assert.equal(r2020.kind, 'full');
    assert.equal(r2020.version, null);
    if (r2020.kind === 'full') assert.equal(crossYear(r2020.items).length, 3, 'paired with the GB18030 file on disk');
    const second = await c.request<WorkspaceDiagnosticReport>('workspace/diagnostic', {
      previousResultIds: first.items.map((i) => ({ uri: i.uri, value: i.resultId! })),
    });
    assert.deepEqual(second.items.map((i) => i.kind), ['unchanged', 'unchanged']);
  });

  it('gkreport.validateWorkspace checks every report and pushes the unopened ones\' diagnostics', async () => {
    const c = (client = await TestClient.start({ workspaceFolders: [uri(dir)] }));
    const commands = c.initializeResult.capabilities.executeCommandProvider?.commands ?? [];
    assert.ok(commands.includes('gkreport.validateWorkspace'));
    await c.open(uri(pathSeed), readFixture(SEEDS['004']), 'markdown');
    await c.diagnosticsFor(uri(pathSeed), 1);
    const summary = await c.request<{ files: number; counts: { error: number; warning: number; info: number }; timeMs: number }>(
      'workspace/executeCommand', { command: 'gkreport.validateWorkspace', arguments: [] },
    );
    assert.equal(summary.files, 3);
    assert.ok(summary.counts.error > 0 && summary.counts.warning > 0);
    const pushed = await c.diagnosticsFor(uri(path2020));
    assert.equal(crossYear(pushed).length, 3);
    await c.diagnosticsFor(uri(path2019));
  });

  it('gkreport/validateFiles checks the given files, open or not, and says which are reports', async () => {
    const c = (client = await TestClient.start({ workspaceFolders: [uri(dir)] }));
    await c.open(uri(pathSeed), readFixture(SEEDS['004']), 'markdown');
    await c.diagnosticsFor(uri(pathSeed), 1);
    const missing = uri(join(dir, 'missing.txt'));
    const result = await c.request<{ files: { uri: string; isReport: boolean; counts: { error: number; warning: number; info: number }; error?: string }[] }>(
      'gkreport/validateFiles', { uris: [uri(path2019), uri(pathSeed), uri(join(dir, 'notes.md')), missing] },
    );
    assert.deepEqual(result.files.map((f) => [f.uri, f.isReport, !!f.error]), [
      [uri(path2019), true, false], [uri(pathSeed), true, false], [uri(join(dir, 'notes.md')), false, false], [missing, false, true],
    ]);
    assert.ok(result.files[1].counts.error > 0);
    await c.diagnosticsFor(uri(path2019));
  });
});
