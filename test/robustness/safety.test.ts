/**
 * Safety: no network, no eval, nothing from the workspace executed.
 * - The built bundles (dist/server.js, dist/cli.js, dist/client.js) contain no `eval(`, no
 *   `new Function`, no child_process, http(s), net, tls, dgram, vm or worker_threads, except in
 *   the dependency code listed below with the reason it is harmless, and the CLI's own worker
 *   threads (server/src/cli/parallel.ts), which run dist/cli.js itself; our own sources
 *   (server/src, client/src) import none of them otherwise and load no code dynamically (an
 *   `import()` of a literal module path only defers a module compiled into the bundle).
 * - `.gkreportrc.json` is data: hostile files give a clear message (CLI exit 2 naming the file),
 *   never a crash; a `.gkreportrc.js` beside it is never run.
 * - The manifest declares untrusted and virtual workspace support as the code justifies it.
 * - README's "Production dependencies" table lists exactly package.json's dependencies.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, it } from 'node:test';
import { readFixture, repoRoot, SEEDS } from '../helpers';
import { TestClient } from '../server/lsp-client';
import { Tally } from './support';

const root = repoRoot();

/** What may not appear in a bundle: code evaluation, processes, network. */
const FORBIDDEN: { name: string; re: RegExp }[] = [
  { name: 'eval(', re: /(?<![\w$.])eval\s*\(/g },
  { name: 'new Function', re: /new\s+Function\s*\(/g },
  { name: 'child_process', re: /require\(["'](?:node:)?child_process["']\)/g },
  { name: 'http/https/http2', re: /require\(["'](?:node:)?https?2?["']\)/g },
  { name: 'http.request/https.get', re: /\bhttps?\.(?:request|get)\s*\(/g },
  { name: 'net', re: /require\(["'](?:node:)?net["']\)/g },
  { name: 'net.connect', re: /\bnet\.connect\s*\(/g },
  { name: 'tls/dgram', re: /require\(["'](?:node:)?(?:tls|dgram)["']\)/g },
  { name: 'vm/worker_threads', re: /require\(["'](?:node:)?(?:vm|worker_threads)["']\)/g },
  { name: 'fetch(', re: /(?<![\w$.])fetch\s*\(/g },
];

/**
 * Occurrences known to be harmless: the bundle, the forbidden pattern, a string found within
 * 3,000 characters of the occurrence that identifies the dependency module, and why.
 */
const ALLOWED: { bundle: string; name: string; marker: string; reason: string }[] = [
  {
    bundle: 'server.js',
    name: 'child_process',
    marker: 'resolveGlobalNodePath',
    reason: 'vscode-languageserver/lib/node/files.js: the Files.resolve* helpers (npm/yarn global paths) for servers that load modules from a workspace; bundled because the package is CommonJS, never called by gkreport (its sources do not use Files)',
  },
  {
    bundle: 'server.js',
    name: 'net',
    marker: 'createServerSocketTransport',
    reason: 'vscode-jsonrpc/lib/node/main.js: the --socket and --pipe transports an editor may ask for; they connect to 127.0.0.1 or a local pipe the editor names, never elsewhere',
  },
  {
    bundle: 'client.js',
    name: 'child_process',
    marker: 'TransportKind',
    reason: 'vscode-languageclient/lib/node/main.js: starts the extension\'s own bundled dist/server.js (node IPC); no workspace file is run',
  },
  {
    bundle: 'client.js',
    name: 'child_process',
    marker: 'terminate',
    reason: 'vscode-languageclient/lib/node/processes.js: stops the server process it started (taskkill on Windows)',
  },
  {
    bundle: 'client.js',
    name: 'net',
    marker: 'createClientSocketTransport',
    reason: 'vscode-jsonrpc/lib/node/main.js: socket and pipe transports on 127.0.0.1 (gkreport uses IPC)',
  },
  {
    bundle: 'cli.js',
    name: 'vm/worker_threads',
    marker: 'GKREPORT_JOBS',
    reason: 'server/src/cli/parallel.ts: `check` of many files on worker threads that run dist/cli.js itself (new Worker(__filename)); no other script',
  },
];

function bundles(): { name: string; text: string }[] {
  const out = ['server.js', 'cli.js', 'client.js']
    .filter((name) => name !== 'client.js' || existsSync(join(root, 'dist', name)))
    .map((name) => {
      const path = join(root, 'dist', name);
      assert.ok(existsSync(path), `${path} is missing: run \`node esbuild.mjs\``);
      return { name, text: readFileSync(path, 'utf8') };
    });
  return out;
}

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? sourceFiles(p) : /\.(ts|js|mjs)$/.test(name) ? [p] : [];
  });
}

describe('robustness: safety of the built bundles and the sources', () => {
  it('no eval, new Function, processes or network in the bundles, but for listed harmless dependency code', (t) => {
    const used = new Set<(typeof ALLOWED)[number]>();
    const seen: string[] = [];
    for (const { name, text } of bundles()) {
      for (const f of FORBIDDEN) {
        for (const m of text.matchAll(f.re)) {
          const around = text.slice(Math.max(0, m.index! - 3000), m.index! + 3000);
          const allowed = ALLOWED.find((a) => a.bundle === name && a.name === f.name && around.includes(a.marker));
          assert.ok(allowed, `dist/${name}: ${f.name} at ${m.index}: …${text.slice(Math.max(0, m.index! - 120), m.index! + 80)}…`);
          used.add(allowed);
          seen.push(`${name}: ${f.name} (${allowed.marker})`);
        }
      }
    }
    // Deferred modules are compiled into the bundles: none is left to load at run time.
    for (const { name, text } of bundles()) assert.doesNotMatch(text, /(?<![\w$.])import\s*\(/, `dist/${name}: a dynamic import()`);
    // cli.js is all ours: node:fs, node:path, node:url, node:os and its own worker threads.
    assert.deepEqual(seen.filter((s) => s.startsWith('cli.js')), ['cli.js: vm/worker_threads (GKREPORT_JOBS)'], 'dist/cli.js: only its worker threads');
    t.diagnostic(`robustness: bundle scan: ${seen.length} listed occurrences (${[...new Set(seen)].join('; ')})`);
  });

  it('our sources import no process, network or evaluation module and load no code dynamically', () => {
    const files = [...sourceFiles(join(root, 'server', 'src')), ...sourceFiles(join(root, 'client', 'src'))];
    assert.ok(files.length > 20);
    // `import('./module')` with a literal specifier only defers a module of the bundle (esbuild
    // compiles it in); any other import() or require() would load code at run time.
    const bad = /from\s+['"](?:node:)?(?:child_process|http|https|http2|net|tls|dgram|vm|worker_threads)['"]|require\s*\(|import\s*\((?!\s*['"](?:\.{1,2}\/[\w./-]+|vscode-languageclient\/node)['"]\s*\))|(?<![\w$.])eval\s*\(|new\s+Function\s*\(|(?<![\w$.])fetch\s*\(/;
    for (const file of files) {
      let text = readFileSync(file, 'utf8').replace(/^\s*(\/\/|\*).*$/gm, '');
      // The CLI's worker threads run the CLI's own bundle (new Worker(__filename)).
      if (relative(root, file) === join('server', 'src', 'cli', 'parallel.ts')) {
        assert.match(text, /new Worker\(script, /);
        assert.match(readFileSync(join(root, 'server', 'src', 'cli', 'main.ts'), 'utf8'), /runAsync\([^;]*__filename\)/s);
        text = text.replace("from 'node:worker_threads'", '');
      }
      const m = bad.exec(text);
      assert.equal(m, null, `${relative(root, file)}: ${m?.[0]}`);
    }
    // The helpers that spawn processes are never used.
    for (const file of files) assert.doesNotMatch(readFileSync(file, 'utf8'), /\bFiles\.(resolve|resolveGlobalNodePath|resolveGlobalYarnPath|resolveModulePath)/, relative(root, file));
  });
});

describe('robustness: .gkreportrc.json is data only', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gkreport-robust-rc-cli-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('a hostile configuration file gives a clear message (exit 2, naming the file), never a crash', (t) => {
    const tally = new Tally('CLI on hostile .gkreportrc.json files');
    const cases: [string, string | Buffer][] = [
      ['syntax', '{ "rules": { "row-total": "off" '],
      ['javascript', 'module.exports = { rules: { "row-total": "off" } }; require("fs").writeFileSync("pwned", "1");'],
      ['proto', '{ "__proto__": { "polluted": true }, "constructor": { "prototype": { "polluted": true } }, "rules": { "__proto__": { "x": 1 } } }'],
      ['types', '{ "rules": [], "format": null, "agencyLevel": {}, "moneyUnit": 10000 }'],
      ['unknown codes', '{ "rules": { "row-totals": "error", "balance": "fatal" } }'],
      ['deep', '{"a":'.repeat(50_000)],
      ['huge string', `{ "format": "${'x'.repeat(2_000_000)}" }`],
      ['binary', Buffer.from([0x00, 0x01, 0xff, 0xfe, 0x7b, 0x7d])],
      ['utf16', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{ "rules": {} }', 'utf16le')])],
      ['empty', ''],
    ];
    for (const [name, content] of cases) {
      tally.inputs++;
      const folder = join(dir, name.replace(/ /g, '-'));
      mkdirSync(folder);
      writeFileSync(join(folder, '.gkreportrc.json'), content);
      writeFileSync(join(folder, 'report.txt'), readFixture(SEEDS['001']));
      const r = spawnSync(process.execPath, [join(root, 'dist', 'cli.js'), 'check', 'report.txt', '--format', 'json'], { cwd: folder, encoding: 'utf8', env: { ...process.env, LANG: 'C', LC_ALL: '' } });
      assert.equal(r.status, 2, `${name}: exit status ${r.status}\n${r.stderr}`);
      assert.match(r.stderr, /gkreport: .*\.gkreportrc\.json/, `${name}: the message names the file`);
      assert.doesNotMatch(r.stderr, /^\s+at /m, `${name}: a stack trace`);
      assert.ok(r.stderr.length < 2000, `${name}: a short message (${r.stderr.length} characters)`);
      if (name === 'deep') assert.match(r.stderr, /nested more than 64 levels deep/);
      if (name === 'javascript') assert.match(r.stderr, /invalid JSON at line 1, column 1/);
      const json = JSON.parse(r.stdout);
      assert.ok(json[0].diagnostics.some((d: { code: string }) => d.code === 'period'), `${name}: the report is still checked`);
      assert.ok(!existsSync(join(folder, 'pwned')), `${name}: code in the configuration ran`);
    }
    assert.equal(({} as Record<string, unknown>).polluted, undefined, 'no prototype pollution');
    tally.print(t);
  });

  it('a .gkreportrc.js or other code beside the report is never run, by the CLI or the server', async () => {
    const folder = join(dir, 'code');
    mkdirSync(folder);
    const marker = join(folder, 'ran');
    const code = `require('fs').writeFileSync(${JSON.stringify(marker)}, 'yes');`;
    for (const name of ['.gkreportrc.js', '.gkreportrc.cjs', '.gkreportrc', 'gkreport.config.js', 'package.json']) {
      writeFileSync(join(folder, name), name === 'package.json' ? JSON.stringify({ name: 'x', gkreport: { rules: {} }, scripts: { preinstall: code } }) : code);
    }
    writeFileSync(join(folder, 'report.txt'), readFixture(SEEDS['001']));
    for (const command of ['check', 'fix']) spawnSync(process.execPath, [join(root, 'dist', 'cli.js'), command, '.'], { cwd: folder });
    const client = await TestClient.start({ workspaceFolders: [pathToFileURL(folder).href] });
    try {
      const uri = pathToFileURL(join(folder, 'report.txt')).href;
      await client.open(uri, readFixture(SEEDS['001']), 'plaintext', 1);
      await client.diagnosticsFor(uri, 1);
      await client.request('workspace/executeCommand', { command: 'gkreport.validateWorkspace', arguments: [] }).catch(() => undefined);
    } finally {
      await client.stop();
    }
    assert.ok(!existsSync(marker), 'code from the workspace ran');
  });
});

describe('robustness: the manifest declares trust and virtual workspaces honestly', () => {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const clientSource = () => sourceFiles(join(root, 'client', 'src')).map((f) => readFileSync(f, 'utf8')).join('\n');

  it('untrusted workspaces: supported, since nothing from the workspace is executed', () => {
    assert.ok(pkg.capabilities, 'package.json has capabilities');
    assert.deepEqual(pkg.capabilities.untrustedWorkspaces, { supported: true });
    // Justified by the bundle scan and the data-only configuration above, and by settings that
    // only choose rules, formats and a documentation link (no path to run, nothing to load).
    const settings = Object.keys(pkg.contributes.configuration.properties);
    for (const key of settings) assert.doesNotMatch(key, /path|command|executable|script|plugin/i, `${key} would need restrictedConfigurations`);
  });

  it('virtual workspaces: "limited" with a description, and open documents of any scheme are checked', async () => {
    const v = pkg.capabilities?.virtualWorkspaces;
    assert.ok(v, 'package.json declares virtualWorkspaces');
    assert.equal(v.supported, 'limited');
    assert.match(v.description, /^%.+%$/);
    const nls = JSON.parse(readFileSync(join(root, 'package.nls.json'), 'utf8'));
    assert.ok(nls[v.description.slice(1, -1)], 'the description is localised');
    // The server checks a document whatever its URI scheme (no file system needed for it) ...
    const client = await TestClient.start();
    try {
      const uri = 'vscode-vfs://github/gkreport/sample/2020-report.txt';
      await client.open(uri, readFixture(SEEDS['001']), 'plaintext', 1);
      const ds = await client.diagnosticsFor(uri, 1);
      assert.ok(ds.some((d) => d.code === 'period'), 'a virtual document is checked');
    } finally {
      await client.stop();
    }
    // ... and the client hands it documents of any scheme: its selector names languages only.
    const selector = /const documentSelector = ([^;]*);/.exec(clientSource());
    assert.ok(selector, 'client/src/extension.ts declares documentSelector');
    assert.match(selector[1], /\(\{\s*language\s*\}\)/);
    assert.doesNotMatch(selector[1], /scheme/);
  });
});

describe('robustness: production dependencies are few and justified', () => {
  it('README\'s table lists exactly package.json\'s dependencies', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const section = /### Production dependencies\n([\s\S]*?)(?:\n#|$)/.exec(readme);
    assert.ok(section, 'README has a "Production dependencies" section');
    const listed = [...section[1].matchAll(/^\|\s*`([^`]+)`\s*\|\s*(.+?)\s*\|$/gm)].map((m) => ({ name: m[1], why: m[2] }));
    assert.deepEqual(listed.map((l) => l.name).sort(), Object.keys(pkg.dependencies ?? {}).sort());
    for (const l of listed) assert.ok(l.why.length >= 10, `${l.name}: a reason`);
    assert.ok(listed.length <= 6, 'few production dependencies');
    assert.ok(!('fast-check' in (pkg.dependencies ?? {})), 'fast-check is a development dependency');
  });
});
