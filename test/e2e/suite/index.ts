/**
 * The end-to-end suite, in the shape @vscode/test-electron runs: a module whose `run()` executes
 * inside a real VS Code extension host (desktop VS Code through test/e2e/electron.mjs, or the VS
 * Code server of code-server in Chromium through test/e2e/run.mjs) and rejects when a scenario fails.
 * GKREPORT_E2E_GREP (a regular expression on scenario names) runs a subset.
 */
import * as vscode from 'vscode';
import { closeAll, extension, log, open, until } from './helpers';
import { SCENARIOS } from './scenarios';

export async function run(): Promise<void> {
  const started = Date.now();
  log(`VS Code ${vscode.version}, ${vscode.env.appName}, UI language ${vscode.env.language}, extension at ${extension().extensionPath}`);
  // Activation: opening a report is what activates the extension.
  await open('seeds/001_efe2eca494f81be5.txt');
  await until('the extension to activate', () => extension().isActive, 60_000);
  const commands = await vscode.commands.getCommands(true);
  for (const c of ['gkreport.validate', 'gkreport.validateWorkspace', 'gkreport.insertTable', 'gkreport.fixAll', 'gkreport.showOutput']) {
    if (!commands.includes(c)) throw new Error(`command ${c} is not registered`);
  }
  await closeAll();

  const grep = process.env.GKREPORT_E2E_GREP ? new RegExp(process.env.GKREPORT_E2E_GREP) : undefined;
  const failures: string[] = [];
  let ran = 0;
  for (const scenario of SCENARIOS) {
    if (grep && !grep.test(scenario.name)) continue;
    ran++;
    const t0 = Date.now();
    try {
      await scenario.run();
      log(`ok ${scenario.name} (${Date.now() - t0} ms)`);
    } catch (error) {
      failures.push(scenario.name);
      log(`not ok ${scenario.name}`);
      // The message first (an assertion's diff is in it, not always in its stack).
      const stack = error instanceof Error ? (error.stack ?? '').split('\n').filter((l) => /^\s+at /.test(l)).slice(0, 6).join('\n') : '';
      log(`${error instanceof Error ? error.message : String(error)}\n${stack}`);
      await closeAll().catch(() => undefined);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor').then(undefined, () => undefined);
    }
  }
  log(`${ran - failures.length} of ${ran} scenarios passed in ${Math.round((Date.now() - started) / 1000)} s`);
  if (failures.length) throw new Error(`${failures.length} scenario(s) failed: ${failures.join('; ')}`);
}
