/**
 * Activation in a stubbed extension host (test/support/extension-host.ts): activate() registers
 * the commands and the status item and returns before the language client is loaded or the
 * server started; the server starts in the next turn and completes its handshake; a deactivation
 * before that start keeps the server from starting at all.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { repoRoot } from '../helpers';
import { loadExtension } from '../support/extension-host';

// A bound so that a broken start fails the test instead of hanging it, not a timing assertion.
const BOUND = { timeout: 60_000 };

test('activate returns before the server starts, and the server starts right after', BOUND, async () => {
  const host = loadExtension(repoRoot());
  await host.extension.activate(host.context);
  assert.equal(host.forks(), 0, 'no server process during activation');
  assert.ok(host.context.subscriptions.length >= 5, 'commands, status item and configuration listener registered');
  await host.handshake;
  assert.equal(host.forks(), 1);
  await host.extension.deactivate?.();
});

test('deactivating before the server started keeps it from starting', BOUND, async () => {
  const host = loadExtension(repoRoot());
  await host.extension.activate(host.context);
  await host.extension.deactivate?.();
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(host.forks(), 0);
});
