/**
 * Run against the packaged extension: the .vsix installed into the VS Code server (not the working
 * tree). It activates and checks seeds as rules.md asks.
 */
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { countByCode, codeOf, diagnostics, eventually, extension, log, open, until } from './helpers';

export async function run(): Promise<void> {
  const ext = extension();
  const repository = resolve(__dirname, '../../..');
  log(`installed extension ${ext.packageJSON.version} at ${ext.extensionPath}`);
  assert.ok(!resolve(ext.extensionPath).startsWith(repository), 'the extension comes from the installed .vsix, not the working tree');
  assert.ok(existsSync(join(ext.extensionPath, 'dist', 'server.js')), 'the server bundle is installed');
  assert.ok(!existsSync(join(ext.extensionPath, 'node_modules')), 'no node_modules');
  assert.ok(!existsSync(join(ext.extensionPath, 'server')), 'no sources');

  const seed001 = await open('seeds/001_efe2eca494f81be5.txt');
  await until('the extension to activate', () => ext.isActive, 60_000);
  await eventually('seed 001: period', () => assert.deepEqual(diagnostics(seed001.document.uri).map(codeOf), ['period']));
  const seed004 = await open('seeds/004_13c26623e78398c9.txt');
  await eventually('seed 004: empty-cell ×18, label, decimals', () =>
    assert.deepEqual(countByCode(diagnostics(seed004.document.uri)), { decimals: 1, 'empty-cell': 18, label: 1 }),
  );
  log('ok the installed .vsix activates and checks seeds 001 and 004');
}
