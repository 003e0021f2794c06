/**
 * Benchmark helpers: statistics, the repository root, child processes that are always reaped,
 * one temporary folder removed at exit, and the peak memory of Node child processes.
 */
import { type ChildProcess, spawn, type SpawnOptions } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';

/** 1 MB = 1,000,000 bytes and 1 KB = 1,000 bytes throughout the benchmark. */
export const MB = 1_000_000;
export const KB = 1_000;

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
}

export const median = (values: number[]) => percentile(values, 50);

export const round = (x: number, digits = 1) => (Number.isFinite(x) ? Math.round(x * 10 ** digits) / 10 ** digits : x);

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** A progress line on stderr (stdout carries the results), tagged with the mode that writes it. */
export function log(message: string, tag = 'bench'): void {
  process.stderr.write(`[${tag}] ${message}\n`);
}

/** The number after `name` in a command line (`--runs 5`), else `fallback`. */
export function numberOption<T extends number | undefined>(args: string[], name: string, fallback: T): number | T {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
}

/** The repository root (the folder above out/bench or bench holding package.json; GKBENCH_ROOT in children). */
export function repoRoot(): string {
  if (process.env.GKBENCH_ROOT) return process.env.GKBENCH_ROOT;
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('package.json not found above ' + __dirname);
    dir = up;
  }
  return dir;
}

/**
 * Where the measured bundles are: dist/ and this script, or a snapshot of them in the temporary
 * folder (so that a `npm run build` elsewhere in the work tree during the run changes nothing).
 */
export const paths = {
  dist: process.env.GKBENCH_DIST ?? join(repoRoot(), 'dist'),
  bench: __filename,
};

/** Copies dist/*.js and this script into the temporary folder and measures those from now on. */
export function snapshotBundles(): void {
  const root = repoRoot();
  const dist = join(tempDir(), 'snapshot', 'dist');
  mkdirSync(dist, { recursive: true });
  for (const name of readdirSync(join(root, 'dist'))) {
    if (name.endsWith('.js')) copyFileSync(join(root, 'dist', name), join(dist, name));
  }
  const bench = join(tempDir(), 'snapshot', 'bench', 'run.js');
  mkdirSync(dirname(bench), { recursive: true });
  copyFileSync(__filename, bench);
  paths.dist = dist;
  paths.bench = bench;
}

// ---------------------------------------------------------------------------------------------
// Processes and temporary files that do not outlive the benchmark.

const children = new Set<ChildProcess>();
let temp: string | undefined;

function cleanup(): void {
  for (const c of children) {
    if (c.exitCode === null && c.signalCode === null) {
      try {
        c.kill('SIGKILL');
      } catch {
        /* gone */
      }
    }
  }
  children.clear();
  if (temp) rmSync(temp, { recursive: true, force: true });
  temp = undefined;
}

process.on('exit', cleanup);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    cleanup();
    process.exit(130);
  });
}

/** The benchmark's temporary folder (created once, removed at exit). */
export function tempDir(): string {
  temp ??= mkdtempSync(join(tmpdir(), 'gkreport-bench-'));
  return temp;
}

/** Removes the temporary folder now (also done at exit). */
export function removeTempDir(): void {
  if (temp) rmSync(temp, { recursive: true, force: true });
  temp = undefined;
}

/** Spawns a process that is killed if the benchmark ends first. */
export function track(proc: ChildProcess): ChildProcess {
  children.add(proc);
  proc.once('exit', () => children.delete(proc));
  return proc;
}

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  ms: number;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  /** Peak memory and CPU time, read at the child's exit by the preload (Node children only). */
  memory?: ProcessUsage;
}

export interface ProcessUsage {
  /** process.resourceUsage().maxRSS, in bytes. */
  maxRSS: number;
  /** CPU time of all the process's threads (user + system), in ms. */
  cpuMs?: number;
  /** v8 heap: committed total and used, at exit, in bytes. */
  heapTotal: number;
  heapUsed: number;
}

/** A `--require` preload that writes the process's peak memory and CPU time to `<dir>/<pid>.json` at exit. */
function preloadPath(): string {
  const p = join(tempDir(), 'memory-preload.cjs');
  if (!existsSync(p)) {
    writeFileSync(
      p,
      `const { writeFileSync } = require('node:fs');
const { join } = require('node:path');
process.on('exit', () => {
  try {
    const h = require('node:v8').getHeapStatistics();
    const u = process.resourceUsage();
    writeFileSync(join(process.env.GKBENCH_MEMORY_DIR, process.pid + '.json'), JSON.stringify({
      maxRSS: u.maxRSS * 1024, cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000, heapTotal: h.total_heap_size, heapUsed: h.used_heap_size }));
  } catch {}
});
`,
    );
  }
  return p;
}

/**
 * Runs a Node script as a whole process (wall time from spawn to exit), with its output
 * collected (or discarded) and its peak memory and CPU time read at exit. `env` may replace the
 * benchmark's own variables (GKBENCH_ROOT, GKBENCH_DIST), to measure another build.
 */
export function runNode(
  args: string[],
  options: { cwd?: string; timeoutMs?: number; collect?: boolean; env?: Record<string, string>; execArgv?: string[] } = {},
): Promise<RunResult> {
  const env = { ...process.env, GKBENCH_ROOT: repoRoot(), GKBENCH_DIST: paths.dist, NODE_PATH: join(repoRoot(), 'node_modules'), ...options.env, GKBENCH_MEMORY_DIR: tempDir(), NODE_OPTIONS: `--require ${JSON.stringify(preloadPath())}` };
  const collect = options.collect ?? true;
  const spawnOptions: SpawnOptions = { cwd: options.cwd, env, stdio: ['ignore', collect ? 'pipe' : 'ignore', collect ? 'pipe' : 'ignore'] };
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const proc = track(spawn(process.execPath, [...(options.execArgv ?? []), ...args], spawnOptions));
    let stdout = '';
    let stderr = '';
    proc.stdout?.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    proc.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      proc.kill('SIGKILL');
    }, options.timeoutMs ?? 120_000);
    proc.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    proc.once('close', (code, signal) => {
      const ms = performance.now() - started;
      clearTimeout(timer);
      let memory: ProcessUsage | undefined;
      const file = join(tempDir(), `${proc.pid}.json`);
      try {
        memory = JSON.parse(readFileSync(file, 'utf8')) as ProcessUsage;
        rmSync(file, { force: true });
      } catch {
        memory = undefined;
      }
      resolve({ code, signal, ms, stdout, stderr, timedOut, memory });
    });
  });
}

/** Peak resident memory (VmHWM) of a running process, in bytes (Linux; undefined elsewhere). */
export function peakRss(pid: number | undefined): number | undefined {
  if (!pid) return undefined;
  try {
    const m = /VmHWM:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** A path for display: relative to the repository root when inside it. */
export function shortPath(p: string, root: string): string {
  return p.startsWith(root + '/') ? p.slice(root.length + 1) : p;
}
