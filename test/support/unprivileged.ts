/**
 * File permissions do not bind root, and CI runs the tests as root: a test of an unreadable or
 * unwritable file runs its child process as an unprivileged user instead.
 */
import { spawnSync } from 'node:child_process';

/** The user and group `nobody` has on Debian and most Linux systems. */
const NOBODY = 65534;

/** Spawn options (`uid`, `gid`) under which file permissions apply. */
export interface Credentials {
  uid?: number;
  gid?: number;
}

/**
 * The credentials to run a child with so that file permissions apply to it: none when the tests
 * do not run as root, `nobody` when they do. A string (the reason to skip) when `nobody` cannot
 * run Node.js on `paths` here, e.g. a checkout inside a folder only root may enter.
 */
export function permissionsApply(paths: string[]): Credentials | string {
  if (process.getuid?.() !== 0) return {};
  if (process.platform === 'win32') return 'running as an administrator on Windows';
  const credentials = { uid: NOBODY, gid: NOBODY };
  const probe = spawnSync(process.execPath, ['-e', 'for (const p of process.argv.slice(1)) require("node:fs").accessSync(p, require("node:fs").constants.R_OK)', ...paths], {
    ...credentials,
    encoding: 'utf8',
  });
  if (probe.status !== 0) return `running as root, and user ${NOBODY} cannot read ${paths.join(', ')}: ${probe.error?.message ?? probe.stderr.trim().split('\n').pop()}`;
  return credentials;
}

/** The `skip` option of a test that needs `credentials` (false: run it). */
export function skipWithout(credentials: Credentials | string): false | string {
  return typeof credentials === 'string' ? credentials : false;
}
