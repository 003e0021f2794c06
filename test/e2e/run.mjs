// The end-to-end tests in a real VS Code, as `npm test` runs them here and in CI: the VS Code
// server of the npm package code-server (installed by test/e2e/tools.mjs), opened in Debian's
// Chromium through playwright-core, with the extension under test loaded from the working tree.
//
//   1. suite  test/e2e/suite/ (built to out/e2e/suite/index.js) runs inside the extension host;
//             its result arrives through codeAutomationExit, its output through codeAutomationLog.
//   2. ui     the workbench itself: a squiggle, the Problems panel, the quick-fix menu; screenshot.
//   3. vsix   the extension packaged with vsce, installed into the server (--install-extension),
//             activated on a seed.
//
// usage: node test/e2e/run.mjs [suite] [ui] [vsix] [--update-screenshot] [--keep]
//   (default: all three; --update-screenshot also writes docs/screenshot.png; --keep keeps the
//   temporary workspaces and logs). GKREPORT_E2E_GREP selects scenarios of the suite by name.
// With CI set the tests always run and missing tools fail them; without CI they are skipped with
// a message when the tools are not installed (node test/e2e/tools.mjs install) or GKREPORT_E2E=skip.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installExtension, startServer, stopAllServers, workbenchUrl } from './server.mjs';
import { loadPlaywright, root, tools as findTools } from './tools.mjs';
import { prepareSamplesWorkspace, prepareWorkspace } from './workspace.mjs';

const argv = process.argv.slice(2);
const phases = argv.filter((a) => !a.startsWith('--'));
const wanted = (p) => phases.length === 0 || phases.includes(p);
const keep = argv.includes('--keep');
const updateScreenshot = argv.includes('--update-screenshot');
const ci = !!process.env.CI && process.env.CI !== 'false';
const started = Date.now();

const say = (...a) => console.log('[e2e]', ...a);

// ── prerequisites ────────────────────────────────────────────────────────────────────────────
const tools = findTools();
const missing = [];
if (!tools.ready) missing.push(`code-server, Node.js 24 and playwright-core in ${tools.dir} (node test/e2e/tools.mjs install)`);
if (!tools.chromium) missing.push('Chromium (apt-get install -y chromium, or CHROMIUM_PATH)');
for (const f of ['dist/client.js', 'dist/server.js', 'out/e2e/suite/index.js']) if (!existsSync(join(root, f))) missing.push(`${f} (npm run build)`);
if (!ci && process.env.GKREPORT_E2E === 'skip') {
  say('skipped: GKREPORT_E2E=skip');
  process.exit(0);
}
if (missing.length) {
  const text = `the end-to-end tests need:\n  - ${missing.join('\n  - ')}\n  With a desktop VS Code instead: VSCODE_EXECUTABLE=/path/to/code npm run test:e2e:electron`;
  if (ci) {
    console.error(`[e2e] FAILED: CI is set, so the end-to-end tests must run, but ${text}`);
    process.exit(1);
  }
  say(`skipped: ${text}`);
  process.exit(0);
}

const artifacts = join(root, '.e2e', 'artifacts');
mkdirSync(artifacts, { recursive: true });
const tmp = mkdtempSync(join(tmpdir(), 'gkreport-e2e-'));
let browser;
let failed = false;
let passes = 0;
let failures = 0;

async function cleanup() {
  stopAllServers();
  if (browser) await browser.close().catch(() => undefined);
  browser = undefined;
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    say(`${signal}: stopping`);
    void cleanup().finally(() => process.exit(130));
  });
}
process.on('exit', stopAllServers);

function fail(message) {
  failed = true;
  failures++;
  console.error(`[e2e] FAILED: ${message}`);
}

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--no-first-run',
  '--no-default-browser-check',
];

/**
 * Opens the workbench with a test payload and waits for the extension host's verdict
 * (codeAutomationExit). Prints the suite's own lines; everything goes to a log file.
 */
async function runInExtensionHost(label, server, url, timeoutMs) {
  const logFile = join(artifacts, `${label}.log`);
  const lines = [];
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  let resolveExit;
  const exit = new Promise((r) => (resolveExit = r));
  await page.exposeFunction('codeAutomationExit', (code) => resolveExit(code));
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    const text = (Array.isArray(args) ? args : [args]).map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ');
    lines.push(`[${type}] ${text}`);
    if (text.includes('[e2e]')) console.log(text.replace(/^.*?\[e2e\]/s, `[e2e:${label}]`));
    const activation = /\[e2e\] activation: (\{.*\})/.exec(text);
    if (activation) recordActivation(JSON.parse(activation[1]));
    else if (/AssertionError|\[gkreport\]/.test(text) && !text.includes('spdlog')) console.log(`[e2e:${label}] ${text.slice(0, 2000)}`);
  });
  page.on('pageerror', (e) => lines.push(`[pageerror] ${e.message}`));
  page.on('console', (m) => lines.push(`[console.${m.type()}] ${m.text()}`));
  await page.goto(url);
  let timer;
  const code = await Promise.race([exit, new Promise((r) => (timer = setTimeout(() => r('timeout'), timeoutMs)))]);
  clearTimeout(timer);
  writeFileSync(logFile, lines.join('\n') + '\n');
  if (code !== 0) await page.screenshot({ path: join(artifacts, `${label}-failure.png`) }).catch(() => undefined);
  await context.close();
  if (code === 'timeout') fail(`${label}: no result within ${timeoutMs / 1000} s (log: ${logFile})`);
  else if (code !== 0) fail(`${label}: the extension host reported exit code ${code} (log: ${logFile})`);
  else {
    passes++;
    say(`${label}: passed`);
  }
  return code;
}

/**
 * Keeps the activation times VS Code reported to the suite, for `npm run bench`, with what they
 * were measured on: the VS Code version and the client bundle's hash.
 */
function recordActivation(times) {
  const record = {
    ...times,
    vscode: tools.vscodeVersion,
    measuredAt: new Date().toISOString(),
    clientSha256: createHash('sha256').update(readFileSync(join(root, 'dist', 'client.js'))).digest('hex'),
  };
  writeFileSync(join(artifacts, 'activation.json'), JSON.stringify(record, null, 2) + '\n');
}

// ── 1 + 2: the suite and the UI, against the working tree ───────────────────────────────────
async function suiteAndUi() {
  const workspace = prepareWorkspace(join(tmp, 'workspace'));
  // One faulty report in the Problems panel (the other is left out so the picture stays readable).
  const uiWorkspace = prepareSamplesWorkspace(join(tmp, 'samples'), { exclude: ['2020-faulty-pipe.txt'] });
  const server = await startServer(tools, {
    dataDir: join(tmp, 'server-data'),
    extensionsDir: join(tmp, 'extensions'),
    logFile: join(artifacts, 'server.log'),
    env: process.env.GKREPORT_E2E_GREP ? { GKREPORT_E2E_GREP: process.env.GKREPORT_E2E_GREP } : {},
  });
  say(`VS Code ${tools.vscodeVersion} server on ${server.url}`);
  try {
    if (wanted('suite')) {
      const url = workbenchUrl(server, {
        folder: workspace,
        extensionDevelopmentPath: root,
        extensionTestsPath: join(root, 'out/e2e/suite/index.js'),
      });
      await runInExtensionHost('suite', server, url, 12 * 60_000);
    }
    if (wanted('ui')) await ui(server, uiWorkspace);
  } finally {
    await server.close();
  }
}

/** The workbench as a user sees it: a squiggle, the Problems panel, the quick-fix menu. */
async function ui(server, folder) {
  const label = 'ui';
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const shot = join(artifacts, 'vscode-ui.png');
  try {
    await page.goto(workbenchUrl(server, { folder, extensionDevelopmentPath: root }));
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    // An empty secondary side bar (chat) may open at start: close it, it only takes room.
    const auxiliary = page.locator('.part.auxiliarybar');
    await page.waitForTimeout(1000);
    if (await auxiliary.isVisible()) {
      await page.keyboard.press('Control+Alt+B');
      await auxiliary.waitFor({ state: 'hidden', timeout: 5000 }).catch(() => undefined);
    }
    // Open the faulty sample from the Explorer.
    const item = page.locator('.explorer-folders-view .monaco-list-row', { hasText: '2021-faulty-tab.txt' });
    await item.waitFor({ timeout: 60_000 });
    await item.click();
    await page.locator('.editor-instance .monaco-editor .squiggly-error').first().waitFor({ timeout: 60_000 });
    say(`${label}: squiggles in the editor`);
    // The language status item names the report's format.
    const status = page.locator('[id="status.languageStatus"] a').first();
    let statusLabel = '';
    const statusEnd = Date.now() + 30_000;
    while (!/2021 (format|格式)/.test(statusLabel) && Date.now() < statusEnd) {
      statusLabel = (await status.getAttribute('aria-label').catch(() => '')) ?? '';
      if (!/2021 (format|格式)/.test(statusLabel)) await page.waitForTimeout(250);
    }
    if (!/2021 (format|格式)/.test(statusLabel)) throw new Error(`the language status item shows no format: "${statusLabel}"`);
    say(`${label}: language status: ${statusLabel.replace(/\s+/g, ' ').slice(0, 120)}`);
    // The Problems panel lists the findings.
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+Shift+M');
    const rows = page.locator('.markers-panel .monaco-list-row');
    const rowTotal = rows.filter({ hasText: 'row-total' }).first();
    await rowTotal.waitFor({ timeout: 30_000 });
    const listed = await rows.allInnerTexts();
    say(`${label}: Problems panel: ${listed.length} rows, e.g. ${listed.find((t) => t.includes('row-total'))?.replace(/\s+/g, ' ').slice(0, 120)}`);
    for (const code of ['period', 'label', 'row-total', 'empty-cell', 'deadline']) {
      if (!listed.some((t) => t.includes(code))) throw new Error(`the Problems panel does not list ${code}: ${listed.join(' | ')}`);
    }
    // Go to the row-total finding and open the quick-fix menu there.
    await rowTotal.dblclick();
    await page.waitForTimeout(500);
    // The cursor at the start of the finding, its squiggle visible (not hidden by a selection).
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Control+.');
    const menuRows = page.locator('.action-widget .monaco-list-row');
    await menuRows.first().waitFor({ state: 'visible', timeout: 30_000 });
    const items = (await menuRows.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
    say(`${label}: quick-fix menu: ${items.join(' | ')}`);
    if (!items.some((t) => /\b3\b/.test(t))) throw new Error(`the quick-fix menu offers no fix to 3: ${items.join(' | ')}`);
    // Let the hover of the squiggle and the lightbulb settle, then take the picture.
    await page.waitForTimeout(800);
    await page.screenshot({ path: shot });
    say(`${label}: screenshot ${shot}`);
    if (updateScreenshot) {
      copyFileSync(shot, join(root, 'docs', 'screenshot.png'));
      say(`${label}: docs/screenshot.png updated`);
    }
    passes++;
    say(`${label}: passed`);
  } catch (error) {
    await page.screenshot({ path: join(artifacts, `${label}-failure.png`) }).catch(() => undefined);
    fail(`${label}: ${error instanceof Error ? error.message : String(error)} (screenshot: ${join(artifacts, `${label}-failure.png`)})`);
  } finally {
    await context.close();
  }
}

// ── 3: the packaged extension ────────────────────────────────────────────────────────────────
/** File names in a zip archive (its central directory). */
function zipEntries(file) {
  const buf = readFileSync(file);
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error(`${file} is not a zip archive`);
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const names = [];
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(at) !== 0x02014b50) throw new Error(`${file}: bad central directory`);
    const nameLength = buf.readUInt16LE(at + 28);
    const extraLength = buf.readUInt16LE(at + 30);
    const commentLength = buf.readUInt16LE(at + 32);
    names.push(buf.toString('utf8', at + 46, at + 46 + nameLength));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

/** Packages the extension with vsce into the temporary folder and checks what is inside. */
function packageVsix() {
  const vsix = join(tmp, 'gkreport.vsix');
  const vsce = createRequire(join(root, 'package.json')).resolve('@vscode/vsce/vsce');
  const result = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--out', vsix], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (result.status !== 0) throw new Error(`vsce package failed:\n${result.stdout}${result.stderr}`);
  const size = statSync(vsix).size;
  const entries = zipEntries(vsix);
  const problems = [];
  if (size >= 1024 * 1024) problems.push(`it is ${size} bytes, not under 1 MB`);
  for (const need of ['extension/package.json', 'extension/dist/client.js', 'extension/dist/server.js', 'extension/images/icon.png', 'extension/readme.md', 'extension/changelog.md', 'extension/snippets/gkreport.json', 'extension/syntaxes/gkreport.tmLanguage.json']) {
    if (!entries.includes(need)) problems.push(`${need} is missing`);
  }
  const unwanted = entries.filter((e) => /^extension\/(node_modules|server|client|test|out|scripts|bench|samples|\.e2e|\.ci)\//.test(e) || /\.(ts|map|mjs)$/.test(e) || /\.vsix$/.test(e));
  if (unwanted.length) problems.push(`it holds files it should not: ${unwanted.slice(0, 10).join(', ')}`);
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  if (!manifest.icon || !manifest.categories?.length) problems.push('package.json has no icon or categories');
  if (problems.length) throw new Error(`the .vsix: ${problems.join('; ')}`);
  say(`vsix: ${entries.length} files, ${Math.round(size / 1024)} KB: ${vsix}`);
  return vsix;
}

async function vsixPhase() {
  let vsix;
  try {
    vsix = packageVsix();
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
    return;
  }
  const extensionsDir = join(tmp, 'vsix-extensions');
  const dataDir = join(tmp, 'vsix-server-data');
  try {
    installExtension(tools, { vsix, extensionsDir, dataDir });
    say('vsix: installed into the VS Code server with --install-extension');
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
    return;
  }
  const workspace = prepareWorkspace(join(tmp, 'vsix-workspace'));
  const server = await startServer(tools, { dataDir, extensionsDir, logFile: join(artifacts, 'vsix-server.log') });
  try {
    // A test run needs an extension under development: an empty one, so that the extension that
    // runs is the installed one.
    const host = join(tmp, 'vsix-test-host');
    mkdirSync(host, { recursive: true });
    writeFileSync(join(host, 'package.json'), JSON.stringify({ name: 'e2e-test-host', publisher: 'gkreport-e2e', version: '0.0.0', engines: { vscode: '*' } }));
    const url = workbenchUrl(server, { folder: workspace, extensionDevelopmentPath: host, extensionTestsPath: join(root, 'out/e2e/suite/vsix.js') });
    await runInExtensionHost('vsix', server, url, 4 * 60_000);
  } finally {
    await server.close();
  }
}

// ── main ─────────────────────────────────────────────────────────────────────────────────────
try {
  const { chromium } = await loadPlaywright(tools);
  browser = await chromium.launch({ executablePath: tools.chromium, args: CHROMIUM_ARGS });
  // Packaging runs vscode:prepublish (a fresh build of dist/ and out/), so it goes first.
  if (wanted('vsix')) await vsixPhase();
  if (wanted('suite') || wanted('ui')) await suiteAndUi();
} catch (error) {
  fail(error instanceof Error ? (error.stack ?? error.message) : String(error));
} finally {
  await cleanup();
}
if (!keep && !failed) rmSync(tmp, { recursive: true, force: true });
else say(`temporary files kept in ${tmp}`);
say(`${failed ? 'FAILED' : 'passed'} in ${Math.round((Date.now() - started) / 1000)} s (logs and screenshots in ${artifacts})`);
console.log(`e2e: ${passes} passed, ${failures} failed`);
process.exit(failed ? 1 : 0);
