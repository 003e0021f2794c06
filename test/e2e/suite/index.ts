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
  await logActivationTimes();
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

/**
 * Logs the activation times VS Code measured, from its Startup Performance view, as one JSON line
 * (`activation: {…}`, recorded by run.mjs for `npm run bench`): for this extension, loading its
 * code (with its storage), the activate() call and until its promise resolved, plus the require
 * of dist/client.js alone from the performance marks; and the same totals of every extension
 * activated in this start, for comparison.
 */
async function logActivationTimes(): Promise<void> {
  try {
    await vscode.commands.executeCommand('perfview.show');
    const doc = await until('the Startup Performance view', () => vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'perf'), 10_000);
    // | id | eager | load code | call activate | finish activate | event | by |
    const rowsOf = (text: string) =>
      text
        .split('\n')
        .map((l) => l.split('|').map((c) => c.trim()))
        .filter((c) => c.length >= 8 && /^(true|false)$/.test(c[2]) && /^\d+$/.test(c[3]));
    // The extension host reports activation times to the window on its own schedule; the view
    // shows them as they come.
    const text = await until('an activation row for the extension', () => {
      const t = doc.getText();
      return rowsOf(t).some((c) => c[1] === extension().id) && t;
    }, 15_000);
    const rows = rowsOf(text);
    const own = rows.find((c) => c[1] === extension().id)!;
    const mark = (name: string) => Number(new RegExp(`code/extHost/${name}/${extension().id.replace('.', '\\.')}\\t(\\d+)`).exec(text)?.[1]);
    const times = {
      loadMs: Number(own[3]),
      callMs: Number(own[4]),
      resolvedMs: Number(own[5]),
      requireMs: mark('didLoadExtensionCode') - mark('willLoadExtensionCode'),
      event: own[6],
      others: Object.fromEntries(rows.filter((c) => c !== own).map((c) => [c[1], Number(c[3]) + Number(c[4]) + Number(c[5])])),
    };
    log(`activation: ${JSON.stringify(times)}`);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  } catch (error) {
    log(`activation: not reported (${error instanceof Error ? error.message : String(error)})`);
  }
}
