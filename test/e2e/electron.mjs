// The end-to-end suite in desktop VS Code through @vscode/test-electron: the same
// out/e2e/suite/index.js that test/e2e/run.mjs runs in the VS Code server, on a machine that can
// download VS Code, or with an installed one:
//
//   npm run build && VSCODE_EXECUTABLE=/usr/share/code/code node test/e2e/electron.mjs
//   npm run build && node test/e2e/electron.mjs          (downloads VS Code into .vscode-test/)
//
// VSCODE_VERSION picks the version to download (default: stable). GKREPORT_E2E_GREP runs the
// scenarios whose names match. On Linux without a display, run it under xvfb-run.
import { runTests } from '@vscode/test-electron';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from './tools.mjs';
import { prepareWorkspace } from './workspace.mjs';

const tmp = mkdtempSync(join(tmpdir(), 'gkreport-e2e-electron-'));
const workspace = prepareWorkspace(join(tmp, 'workspace'));
let code = 1;
try {
  code = await runTests({
    ...(process.env.VSCODE_EXECUTABLE ? { vscodeExecutablePath: process.env.VSCODE_EXECUTABLE } : { version: process.env.VSCODE_VERSION ?? 'stable' }),
    extensionDevelopmentPath: root,
    extensionTestsPath: join(root, 'out', 'e2e', 'suite', 'index.js'),
    extensionTestsEnv: process.env.GKREPORT_E2E_GREP ? { GKREPORT_E2E_GREP: process.env.GKREPORT_E2E_GREP } : {},
    // (runTests adds --disable-workspace-trust, --skip-welcome, --disable-updates … itself.)
    launchArgs: [
      workspace,
      '--user-data-dir', join(tmp, 'user-data'),
      '--extensions-dir', join(tmp, 'extensions'),
      '--disable-telemetry',
      '--locale', 'en',
    ],
  });
} catch (error) {
  console.error(`[e2e] the suite failed in desktop VS Code: ${error instanceof Error ? error.message : String(error)}`);
  code = 1;
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
process.exit(code);
