/**
 * Turning command-line arguments into report files: plain files as given, directories searched
 * recursively for `.txt` and `.md`, and globs with `*`, `**` and `?`.
 */
import { readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { join, resolve } from 'node:path';
import type { FileProblem } from './messages';

/** A file to check, or an argument that yielded none (with the reason). */
export interface Target {
  /** The path as given, or as found below a directory or by a glob. */
  path: string;
  problem?: FileProblem;
}

const REPORT_EXTENSIONS = /\.(txt|md)$/i;

/** Whether an argument contains glob characters. */
export function isGlob(arg: string): boolean {
  return /[*?]/.test(arg);
}

/** A regular expression for one path segment of a glob: `*` any run of characters, `?` one. */
export function segmentRegExp(segment: string): RegExp {
  let source = '';
  for (const c of segment) {
    if (c === '*') source += '.*';
    else if (c === '?') source += '.';
    else source += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 's');
}

/** Orders paths the way a sorted depth-first walk visits them. */
export function comparePaths(a: string, b: string): number {
  const x = a.split(/[\\/]/);
  const y = b.split(/[\\/]/);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] !== y[i]) return x[i] < y[i] ? -1 : 1;
  }
  return x.length - y.length;
}

function kind(path: string): 'file' | 'dir' | 'missing' | 'other' {
  try {
    const stat = statSync(path);
    return stat.isFile() ? 'file' : stat.isDirectory() ? 'dir' : 'other';
  } catch {
    return 'missing';
  }
}

function entries(dir: string): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch {
    return [];
  }
}

function entryKind(dir: string, entry: Dirent): 'file' | 'dir' | 'other' {
  if (entry.isFile()) return 'file';
  if (entry.isDirectory()) return 'dir';
  if (entry.isSymbolicLink()) {
    const k = kind(join(dir, entry.name));
    return k === 'missing' ? 'other' : k;
  }
  return 'other';
}

function skipped(name: string): boolean {
  return name.startsWith('.') || name === 'node_modules';
}

/** The canonical path of a file, to name each file once (the system's realpath: one call, not one per path component). */
function realpath(path: string): string {
  try {
    return realpathSync.native(path);
  } catch {
    return resolve(path);
  }
}

/** The `.txt` and `.md` files below a directory, sorted, skipping `node_modules` and dot-folders. */
export function findReports(dir: string): string[] {
  const out: string[] = [];
  const visited = new Set<string>();
  const walk = (path: string) => {
    const real = realpath(path);
    if (visited.has(real)) return;
    visited.add(real);
    for (const entry of entries(path)) {
      const child = join(path, entry.name);
      const k = entryKind(path, entry);
      if (k === 'dir' && !skipped(entry.name)) walk(child);
      else if (k === 'file' && REPORT_EXTENSIONS.test(entry.name) && !entry.name.startsWith('.')) out.push(child);
    }
  };
  walk(dir);
  return out.sort(comparePaths);
}

/** The files matching a glob, sorted. Wildcards do not match names starting with a dot. */
export function expandGlob(pattern: string): string[] {
  const segments = pattern.split(process.platform === 'win32' ? /[\\/]/ : '/').filter((s, i) => s !== '' || i === 0);
  const first = segments.findIndex(isGlob);
  const base = first === 0 ? '' : segments.slice(0, first).join('/') || '/';
  const found = new Set<string>();
  const visited = new Set<string>();
  const walk = (path: string, i: number) => {
    if (i === segments.length) {
      if (kind(path || '.') === 'file') found.add(path);
      return;
    }
    const segment = segments[i];
    if (segment === '**') {
      const key = `${realpath(path || '.')}\0${i}`;
      if (visited.has(key)) return;
      visited.add(key);
      walk(path, i + 1);
      for (const entry of entries(path || '.')) {
        const k = entryKind(path || '.', entry);
        if ((k === 'dir' && !skipped(entry.name)) || (k === 'file' && !entry.name.startsWith('.'))) {
          walk(join(path, entry.name), i);
        }
      }
      return;
    }
    if (!isGlob(segment)) {
      walk(join(path, segment), i + 1);
      return;
    }
    const re = segmentRegExp(segment);
    for (const entry of entries(path || '.')) {
      if (entry.name.startsWith('.') && !segment.startsWith('.')) continue;
      if (re.test(entry.name)) walk(join(path, entry.name), i + 1);
    }
  };
  if (first < 0) return kind(pattern) === 'file' ? [pattern] : [];
  walk(base, first);
  return [...found].sort(comparePaths);
}

/** Expands the arguments of `check`/`fix` into targets, in argument order, each file once. */
export function expandArguments(args: string[]): Target[] {
  const targets: Target[] = [];
  const seen = new Set<string>();
  const add = (path: string) => {
    const key = realpath(path);
    if (seen.has(key)) return;
    seen.add(key);
    targets.push({ path });
  };
  for (const arg of args) {
    const k = kind(arg);
    if (k === 'file' || k === 'other') add(arg);
    else if (k === 'dir') {
      const files = findReports(arg);
      if (files.length === 0) targets.push({ path: arg, problem: { id: 'no-reports' } });
      files.forEach(add);
    } else if (isGlob(arg)) {
      const files = expandGlob(arg);
      if (files.length === 0) targets.push({ path: arg, problem: { id: 'no-match' } });
      files.forEach(add);
    } else {
      targets.push({ path: arg, problem: { id: 'not-found' } });
    }
  }
  return targets;
}
