// Runs test/vscode/suite.js in a real VS Code: the VS Code server of the npm package `code-server`
// (lib/vscode/out/server-main.js) driven by Debian's Chromium through playwright-core, then reads
// the language status item from the workbench. Not part of `npm test`: it needs ~600 MB of tools
// that CI does not install. One-time setup (E2E_TOOLS, default /tmp/e2e):
//   apt-get install -y chromium libkrb5-dev
//   cd $E2E_TOOLS && npm init -y && npm install node@24 playwright-core
//   PATH=$E2E_TOOLS/node_modules/node/bin:$PATH npm install --ignore-scripts code-server@4.139.1
//   cd node_modules/code-server/lib/vscode && PATH=$E2E_TOOLS/node_modules/node/bin:$PATH \
//     npm install --omit=dev --ignore-scripts && npm rebuild @vscode/spdlog
// Then, after `npm run build`:  node test/vscode/run.mjs   (exit 0 when every check passed)
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const tools = process.env.E2E_TOOLS ?? '/tmp/e2e';
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const { chromium } = createRequire(join(tools, 'package.json'))('playwright-core');
const node24 = join(tools, 'node_modules/node/bin/node');
const port = 39000 + Math.floor(Math.random() * 900);

// A fresh workspace and server state for every run.
const tmp = mkdtempSync(join(tmpdir(), 'gkreport-e2e-'));
const ws = join(tmp, 'ws');
mkdirSync(ws);
cpSync(join(root, 'samples/2021-faulty-tab.txt'), join(ws, 'faulty.txt'));
cpSync(join(root, 'samples/2022-correct-markdown.md'), join(ws, 'report.gkreport'));
writeFileSync(join(ws, 'notes.md'), '# Notes\n\nNothing to check here: 1 + 1 = 3.\n');
writeFileSync(join(ws, 'empty.gkreport'), '');

const server = spawn(node24, [
  join(tools, 'node_modules/code-server/lib/vscode/out/server-main.js'),
  '--host', '127.0.0.1', '--port', String(port), '--without-connection-token', '--accept-server-license-terms',
  '--enable-smoke-test-driver', '--disable-telemetry',
  '--server-data-dir', join(tmp, 'data'), '--extensions-dir', join(tmp, 'extensions'),
], { stdio: 'ignore', detached: true });
/** Stops the server and the processes it forked (its own process group). */
const stopServer = () => {
  try {
    process.kill(-server.pid, 'SIGTERM');
  } catch {
    // already gone
  }
};
process.on('exit', stopServer);
await new Promise((r) => setTimeout(r, 4000));

const payload = JSON.stringify([
  ['extensionDevelopmentPath', `vscode-remote://127.0.0.1:${port}${root}`],
  ['extensionTestsPath', `vscode-remote://127.0.0.1:${port}${join(root, 'test/vscode/suite.js')}`],
]);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const page = await browser.newPage();
let exitCode;
let failure = '';
let snapshot;
const snapshotTaken = new Promise((r) => (snapshot = r));
const finished = new Promise((resolveExit) => {
  void page.exposeFunction('codeAutomationExit', (code) => {
    exitCode = code;
    resolveExit();
  });
});
await page.exposeFunction('codeAutomationLog', (_type, args) => {
  const text = (Array.isArray(args) ? args : [args]).join(' ');
  if (text.includes('[e2e]') || text.includes('AssertionError')) console.log(text);
  if (text.includes('SNAPSHOT')) snapshot();
});
void (async () => {
  await snapshotTaken;
  const item = page.locator('[id="status.languageStatus"]').first();
  const label = (await item.locator('a').first().getAttribute('aria-label')) ?? '';
  console.log('[e2e] language status:', label);
  if (!/2021 (format|格式)/.test(label)) failure = 'the language status item shows no format: ' + label;
  await page.screenshot({ path: join(tmp, 'vscode.png') });
})();
await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(ws)}&payload=${encodeURIComponent(payload)}`);
const timeout = setTimeout(() => (exitCode ??= 'timeout'), 150_000);
await Promise.race([finished, new Promise((r) => setTimeout(r, 151_000))]);
clearTimeout(timeout);
await browser.close();
stopServer();
if (failure) console.log('[e2e] ' + failure);
console.log(`[e2e] exit ${exitCode}; screenshot ${join(tmp, 'vscode.png')}`);
if (exitCode === 0 && !failure) rmSync(join(tmp, 'data'), { recursive: true, force: true });
process.exit(exitCode === 0 && !failure ? 0 : 1);
