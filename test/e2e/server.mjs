// Starting and stopping the VS Code server of code-server (lib/vscode/out/server-main.js) on
// 127.0.0.1, and the workbench URL that loads an extension from a folder. Shared by the
// end-to-end runner (test/e2e/run.mjs) and `npm start` (scripts/start.mjs).
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { dirname } from 'node:path';

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

function get(url) {
  return new Promise((resolve) => {
    const req = request(url, { method: 'GET', timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', () => resolve(0));
    req.on('timeout', () => {
      req.destroy();
      resolve(0);
    });
    req.end();
  });
}

/** The server's environment: its own Node.js first on PATH (for the processes it forks). */
function serverEnv(tools, extra = {}) {
  return { ...process.env, PATH: `${dirname(tools.node)}:${process.env.PATH ?? ''}`, ...extra };
}

const running = new Set();
/** Stops every server this process started (their whole process groups). */
export function stopAllServers() {
  for (const s of [...running]) s.stop();
}

/**
 * Starts the VS Code server; resolves once it answers HTTP. `smokeTestDriver` makes the workbench
 * honour the `payload` of its URL (extensionDevelopmentPath, extensionTestsPath) and report through
 * `codeAutomationLog`/`codeAutomationExit`.
 */
export async function startServer(tools, { dataDir, extensionsDir, logFile, port, env = {}, smokeTestDriver = true }) {
  port ??= await freePort();
  mkdirSync(dataDir, { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  const args = [
    tools.serverMain,
    '--host', '127.0.0.1',
    '--port', String(port),
    '--without-connection-token',
    '--accept-server-license-terms',
    '--disable-telemetry',
    '--disable-workspace-trust',
    '--server-data-dir', dataDir,
    '--extensions-dir', extensionsDir,
  ];
  if (smokeTestDriver) args.push('--enable-smoke-test-driver');
  const out = logFile ? openSync(logFile, 'w') : 'ignore';
  // Its own process group, so that stopping it also stops the extension hosts and language servers.
  const child = spawn(tools.node, args, { detached: true, stdio: ['ignore', out, out], env: serverEnv(tools, env) });
  if (typeof out === 'number') closeSync(out);
  let exited = false;
  const exitedPromise = new Promise((resolve) => child.once('exit', (code, signal) => {
    exited = true;
    running.delete(server);
    resolve({ code, signal });
  }));
  const server = {
    port,
    pid: child.pid,
    url: `http://127.0.0.1:${port}`,
    exited: exitedPromise,
    stop() {
      running.delete(server);
      if (exited) return;
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // gone already
      }
      const force = setTimeout(() => {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // gone
        }
      }, 3000);
      force.unref();
    },
    /** Stops the server and waits until it is gone. */
    async close() {
      server.stop();
      await Promise.race([exitedPromise, new Promise((r) => setTimeout(r, 5000))]);
    },
  };
  running.add(server);
  const end = Date.now() + 60_000;
  for (;;) {
    if (exited) throw new Error(`the VS Code server exited at start${logFile ? `; see ${logFile}` : ''}`);
    if ((await get(`${server.url}/version`)) === 200 || (await get(server.url)) === 200) break;
    if (Date.now() > end) {
      server.stop();
      throw new Error(`the VS Code server did not answer on ${server.url} within 60 s`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return server;
}

/** Installs a .vsix into an extensions folder with the server's own CLI (`--install-extension`). */
export function installExtension(tools, { vsix, extensionsDir, dataDir }) {
  const result = spawnSync(
    tools.node,
    [tools.serverMain, '--accept-server-license-terms', '--server-data-dir', dataDir, '--extensions-dir', extensionsDir, '--install-extension', vsix, '--force'],
    { encoding: 'utf8', env: serverEnv(tools), timeout: 120_000 },
  );
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (result.status !== 0 || !/successfully installed/i.test(output)) {
    throw new Error(`installing ${vsix} failed (status ${result.status}):\n${output}`);
  }
  return output;
}

/**
 * The workbench URL for a folder, with an extension loaded from `extensionDevelopmentPath` and
 * optionally tests run from `extensionTestsPath` (both paths on the server's machine).
 */
export function workbenchUrl(server, { folder, extensionDevelopmentPath, extensionTestsPath }) {
  const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${p}`;
  const payload = [];
  if (extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(extensionDevelopmentPath)]);
  if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
  let url = `${server.url}/?folder=${encodeURIComponent(folder)}`;
  if (payload.length) url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return url;
}
