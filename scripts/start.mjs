// `npm start` (after `npm run build`): opens samples/ in VS Code with the extension of this working
// tree loaded.
//   - desktop VS Code when `code` is on PATH:  code --extensionDevelopmentPath=<repo> samples
//   - otherwise the browser VS Code: the VS Code server of code-server on 127.0.0.1 (installed into
//     .e2e/tools on first use, see test/e2e/tools.mjs), until Ctrl-C.
// GKREPORT_START=browser|desktop forces a route; GKREPORT_PORT sets the port (default 8080, or a
// free one when 8080 is taken).
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { freePort, startServer, stopAllServers, workbenchUrl } from '../test/e2e/server.mjs';
import { install, root } from '../test/e2e/tools.mjs';

const samples = join(root, 'samples');
const route = process.env.GKREPORT_START ?? (hasCode() ? 'desktop' : 'browser');

function hasCode() {
  const found = spawnSync(process.platform === 'win32' ? 'where' : 'which', ['code'], { stdio: 'ignore' });
  return found.status === 0;
}

async function portToUse() {
  const wanted = Number(process.env.GKREPORT_PORT ?? 8080);
  const { createServer } = await import('node:net');
  const free = await new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(wanted, '127.0.0.1', () => s.close(() => resolve(true)));
  });
  return free ? wanted : freePort();
}

if (route === 'desktop') {
  console.log(`Opening ${samples} in VS Code with the extension from ${root} …`);
  const child = spawn('code', ['--new-window', `--extensionDevelopmentPath=${root}`, samples], { stdio: 'inherit', shell: process.platform === 'win32' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  const tools = install({ quiet: true });
  const state = join(root, '.e2e', 'start');
  const server = await startServer(tools, {
    port: await portToUse(),
    dataDir: join(state, 'server-data'),
    extensionsDir: join(state, 'extensions'),
    logFile: join(state, 'server.log'),
  });
  const url = workbenchUrl(server, { folder: samples, extensionDevelopmentPath: root });
  console.log(`\nVS Code ${tools.vscodeVersion} (browser) with the gkreport extension of this working tree, on samples/:\n\n  ${url}\n`);
  console.log(`Open that address in a browser on this machine (it listens on 127.0.0.1 only). The server's log: ${join(state, 'server.log')}`);
  console.log('After changing the extension: npm run build, then reload the browser tab. Ctrl-C stops the server.');
  let stopping = false;
  const stop = async (signal) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the VS Code server …`);
    await server.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('exit', stopAllServers);
  const { code, signal } = await server.exited;
  if (!stopping) {
    console.error(`The VS Code server stopped (${signal ?? `exit ${code}`}); see ${join(state, 'server.log')}`);
    process.exit(1);
  }
}
