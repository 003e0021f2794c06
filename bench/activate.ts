/**
 * `child-activate`: client module load + activate in a stubbed extension host (no VS Code here;
 * see test/support/extension-host.ts): the time to require dist/client.js, then activate(); the
 * client's handshake with the in-process fake server follows activation (activate does not wait
 * for the server) and is timed on its own (`handshakeMs`, from load). The real activation time
 * comes from the end-to-end harness (`activationInVsCode` in run.ts).
 *
 * Prints one JSON object: { loadMs, activateMs, totalMs, handshakeMs, outcome, output }.
 */
import { performance } from 'node:perf_hooks';
import { loadExtension } from '../test/support/extension-host';
import { paths, repoRoot } from './util';

export async function childActivate(): Promise<void> {
  const started = performance.now();
  const host = loadExtension(repoRoot(), paths.dist);
  const loaded = performance.now();
  let handshakeAt: number | undefined;
  void host.handshake.then(() => (handshakeAt = performance.now()));
  let error: string | undefined;
  const timeout = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 10_000).unref());
  const outcome = await Promise.race([host.extension.activate(host.context).then(() => 'ok' as const, (e: unknown) => ((error = String(e)), 'error' as const)), timeout]);
  const activated = performance.now();
  await Promise.race([host.handshake, new Promise((r) => setTimeout(r, 5000).unref())]);
  try {
    await Promise.race([host.extension.deactivate?.(), new Promise((r) => setTimeout(r, 2000).unref())]);
  } catch {
    /* ignore */
  }
  process.stdout.write(
    JSON.stringify({
      loadMs: loaded - started,
      activateMs: activated - loaded,
      totalMs: activated - started,
      handshakeMs: handshakeAt === undefined ? undefined : handshakeAt - loaded,
      outcome,
      error,
      forks: host.forks(),
      subscriptions: host.context.subscriptions.length,
      output: host.output.slice(0, 20),
    }),
  );
  process.exit(0);
}
