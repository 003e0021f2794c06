/**
 * Finding and loading `.gkreportrc.json` files: searched upward from a report's folder, parsed
 * with `parseConfig`, cached by path and modification time.
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseConfig } from '../engine/config';
import type { EngineOptions } from '../engine/types';

/** Name of the configuration file. */
export const CONFIG_FILE_NAME = '.gkreportrc.json';

/** A loaded configuration file. */
export interface LoadedConfig {
  /** Absolute path of the file. */
  path: string;
  options: EngineOptions;
  /** Problems found while reading or validating the file (empty when it is fine). */
  errors: string[];
}

const cache = new Map<string, { stamp: string; config: LoadedConfig }>();

function isFile(path: string): boolean {
  try {
    // No exception for a missing file: most folders searched upward have none (and exceptions are slow).
    return statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;
  } catch {
    return false;
  }
}

/** The nearest `.gkreportrc.json` in `startDir` or a folder above it, up to the filesystem root. */
export function findConfigFile(startDir: string): string | undefined {
  let dir = resolve(startDir);
  for (;;) {
    const candidate = join(dir, CONFIG_FILE_NAME);
    if (isFile(candidate)) return candidate;
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

/** Reads and validates a configuration file; repeated calls reuse the result until the file changes. */
export function loadConfigFile(path: string): LoadedConfig {
  const absolute = resolve(path);
  let stamp: string;
  try {
    const stat = statSync(absolute);
    stamp = `${stat.mtimeMs}:${stat.size}`;
  } catch (error) {
    cache.delete(absolute);
    return { path: absolute, options: {}, errors: [`cannot read the file: ${errorText(error)}`] };
  }
  const cached = cache.get(absolute);
  if (cached && cached.stamp === stamp) return cached.config;
  let config: LoadedConfig;
  try {
    const { options, errors } = parseConfig(readFileSync(absolute, 'utf8'));
    config = { path: absolute, options, errors };
  } catch (error) {
    config = { path: absolute, options: {}, errors: [`cannot read the file: ${errorText(error)}`] };
  }
  cache.set(absolute, { stamp, config });
  return config;
}

/** The configuration that applies to a report file (found upward from its folder), if any. */
export function configForFile(filePath: string): LoadedConfig | undefined {
  const found = findConfigFile(dirname(resolve(filePath)));
  return found ? loadConfigFile(found) : undefined;
}

/** Forgets every cached configuration. */
export function clearConfigCache(): void {
  cache.clear();
}

function errorText(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  if (e?.code === 'ENOENT') return 'no such file';
  if (e?.code === 'EACCES' || e?.code === 'EPERM') return 'permission denied';
  if (e?.code === 'EISDIR') return 'is a directory';
  return e instanceof Error ? e.message : String(error);
}
