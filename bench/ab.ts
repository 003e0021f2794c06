/**
 * `npm run bench:ab -- <revision>`: this work tree's build against another git revision's, in one
 * run, the two builds' runs interleaved (see `interleaved`), so that on a shared machine a change
 * is measured against the same load rather than against figures of another day. Figures:
 *
 * - the CLI on the benchmark's report files: wall time, CPU time of all threads, peak memory, and
 *   whether both builds print the same output;
 * - the engine on the 1 MB document: median after warm-up, first (cold) check, peak memory;
 * - edit → diagnostics through each build's language server, p50 and p95, and the server's own
 *   validation time.
 *
 * The revision is exported with `git archive` into the temporary folder and built there with its
 * own esbuild.mjs and bench/build.mjs, against this work tree's node_modules. The engine and edit
 * figures need a revision that has the benchmark and the server's status notification; for an
 * older one they are skipped, and the output says why.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { comparisonTable, firstDifference, interleaved, MIN_ROUNDS, type ComparedFigure, type Side } from './compare';
import { bigDocument, loadSources, longReport, reportFiles } from './corpus';
import type { DocTiming } from './engine';
import { edits } from './lsp';
import { log as logAs, MB, numberOption, paths, repoRoot, round, runNode, snapshotBundles, tempDir, type RunResult } from './util';

/** A build measured by the comparison: its folder (dist/ and out/bench/run.js) and its name. */
interface Build {
  label: string;
  root: string;
  dist: string;
  /** out/bench/run.js of the build, when it has a benchmark. */
  bench?: string;
}

const log = (message: string) => logAs(message, 'bench:ab');

function run(command: string, args: string[], cwd: string, input?: Buffer): Buffer {
  const r = spawnSync(command, args, { cwd, input, maxBuffer: 1 << 30, stdio: [input ? 'pipe' : 'ignore', 'pipe', 'pipe'] });
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${r.status}): ${r.stderr?.toString().slice(0, 1000)}`);
  return r.stdout;
}

/** Exports `revision` into the temporary folder and builds its bundles and benchmark there. */
function buildRevision(root: string, revision: string): Build {
  const sha = run('git', ['rev-parse', '--verify', `${revision}^{commit}`], root).toString().trim();
  const dir = join(tempDir(), 'ab', sha.slice(0, 12));
  mkdirSync(dir, { recursive: true });
  run('tar', ['-x', '-C', dir], root, run('git', ['archive', '--format=tar', sha], root));
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  log(`building ${revision} (${sha.slice(0, 12)}) …`);
  run(process.execPath, ['esbuild.mjs'], dir);
  let bench: string | undefined;
  if (existsSync(join(dir, 'bench', 'build.mjs'))) {
    run(process.execPath, ['bench/build.mjs'], dir);
    bench = join(dir, 'out', 'bench', 'run.js');
  }
  for (const f of ['cli.js', 'server.js']) {
    if (!existsSync(join(dir, 'dist', f))) throw new Error(`${revision} builds no dist/${f}`);
  }
  return { label: revision, root: dir, dist: join(dir, 'dist'), bench };
}

const mbOf = (bytes: number | undefined) => (bytes === undefined ? NaN : round(bytes / 2 ** 20, 1));

/** Runs the comparison: `args` is `<revision> [--runs N] [--files N] [--edits N] [--json F]` (N rounds of every figure). */
export async function compareBuilds(args: string[]): Promise<void> {
  const revision = args.find((a, i) => !a.startsWith('--') && (i === 0 || !args[i - 1].startsWith('--')));
  if (!revision) throw new Error('usage: npm run bench:ab -- <revision> [--runs N] [--files N] [--edits N] [--json F]');
  const runs = Math.max(1, numberOption(args, '--runs', 5));
  const files = numberOption(args, '--files', 2000);
  const editCount = numberOption(args, '--edits', 60);
  const root = repoRoot();
  snapshotBundles();
  const head: Build = { label: 'this tree', root, dist: paths.dist, bench: paths.bench };
  const base = buildRevision(root, revision);
  const builds: Record<Side, Build> = { base, head };
  const sources = loadSources(root);
  const figures: ComparedFigure[] = [];
  const both = (figure: string, unit: ComparedFigure['unit'], lowerIsBetter: boolean, of: (side: Side) => number[]) =>
    figures.push({ figure, base: of('base'), head: of('head'), unit, lowerIsBetter });

  // The CLI on the report files.
  const cliDir = join(tempDir(), 'ab-cli');
  for (const f of reportFiles(sources, files)) {
    const path = join(cliDir, f.path);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, f.text);
  }
  const cliOf = (side: Side, collect: boolean) => runNode([join(builds[side].dist, 'cli.js'), 'check', '--locale', 'en', '.'], { cwd: cliDir, collect, timeoutMs: 300_000 });
  const checked = (side: Side, r: RunResult): RunResult => {
    if (r.timedOut || (r.code !== 0 && r.code !== 1)) throw new Error(`${builds[side].label}: CLI ${r.timedOut ? 'timed out' : `exit ${r.code}`}: ${r.stderr.slice(0, 500)}`);
    return r;
  };
  log(`CLI on ${files} files: output of both builds, then ${runs} timed rounds …`);
  const outputs: Record<Side, string> = { base: checked('base', await cliOf('base', true)).stdout, head: checked('head', await cliOf('head', true)).stdout };
  const cli: Record<Side, RunResult[]> = { base: [], head: [] };
  for (const side of interleaved(runs)) cli[side].push(checked(side, await cliOf(side, false)));
  both(`CLI, ${files} files: wall time`, 'ms', true, (s) => cli[s].map((r) => r.ms));
  both('CLI: CPU time, all threads', 'ms', true, (s) => cli[s].map((r) => r.memory?.cpuMs ?? NaN));
  both('CLI: throughput', 'reports/s', false, (s) => cli[s].map((r) => files / (r.ms / 1000)));
  both('CLI: peak RSS', 'MB', true, (s) => cli[s].map((r) => mbOf(r.memory?.maxRSS)));

  // The engine on the 1 MB document, in a process of its own per measurement.
  const skipped: string[] = [];
  const part = async (what: string, fn: () => Promise<void>) => {
    try {
      await fn();
    } catch (error) {
      skipped.push(`${what}: ${error instanceof Error ? error.message : String(error)}`);
      log(`${what} skipped: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  await part('engine, 1 MB', async () => {
    if (!base.bench) throw new Error(`${revision} has no benchmark`);
    const doc = join(tempDir(), 'ab-1mb.txt');
    writeFileSync(doc, bigDocument(sources, MB));
    log(`engine on 1 MB, ${runs} rounds …`);
    const engine: Record<Side, DocTiming[]> = { base: [], head: [] };
    for (const side of interleaved(runs)) {
      const b = builds[side];
      const r = await runNode([b.bench!, 'child-engine', '--file', doc, '--runs', '15', '--warmup', '5'], { execArgv: ['--expose-gc'], timeoutMs: 300_000, env: { GKBENCH_ROOT: b.root, GKBENCH_DIST: b.dist } });
      if (r.code !== 0 || r.timedOut) throw new Error(`${b.label}: engine child failed: ${r.stderr.slice(0, 500)}`);
      engine[side].push(JSON.parse(r.stdout) as DocTiming);
    }
    both('engine, 1 MB: median after warm-up', 'ms', true, (s) => engine[s].map((t) => t.medianMs));
    both('engine, 1 MB: first check (cold)', 'ms', true, (s) => engine[s].map((t) => t.coldMs));
    both('engine, 1 MB: peak RSS − RSS before reading', 'MB', true, (s) => engine[s].map((t) => mbOf(t.memory.maxRssFirst - t.memory.baselineRss)));
  });

  // Edit → diagnostics through each build's server, as `npm run bench` measures it, and the
  // server's own validation time (no pipe or client in it).
  await part('edits', async () => {
    log(`${editCount} edits in a 5,000-line report, ${runs} rounds …`);
    const seeds = sources.filter((s) => /^00\d_/.test(s.name));
    const text = longReport(sources, seeds[1] ?? seeds[0], 5000);
    const editRuns: Record<Side, number[][]> = { base: [], head: [] };
    for (const side of interleaved(runs)) {
      paths.dist = builds[side].dist;
      try {
        const e = await edits(builds[side].root, text, editCount, 5);
        editRuns[side].push([e.p50, e.p95, e.serverP95]);
      } finally {
        paths.dist = head.dist;
      }
    }
    const edit = (s: Side, i: number) => editRuns[s].map((x) => x[i]);
    both(`edit → diagnostics, 5,000 lines: p50 (${editCount} edits a round)`, 'ms', true, (s) => edit(s, 0));
    both('edit → diagnostics: p95', 'ms', true, (s) => edit(s, 1));
    both('edit: server validation time, p95', 'ms', true, (s) => edit(s, 2));
  });

  const difference = firstDifference(outputs.base, outputs.head);
  const report = [
    comparisonTable(figures, base.label, head.label),
    '',
    ...skipped.map((x) => `Skipped: ${x}`),
    `Medians of ${runs} round${runs === 1 ? '' : 's'}; a change is marked only when every round of one build beat every round of the other (${MIN_ROUNDS} rounds or more). CLI output of both builds: ${difference ? `differs from line ${difference.line}:\n  ${base.label}: ${difference.base}\n  ${head.label}: ${difference.head}` : 'identical'}.`,
  ].join('\n');
  process.stdout.write(`${report}\n`);
  const jsonAt = args.indexOf('--json');
  if (jsonAt >= 0) {
    writeFileSync(args[jsonAt + 1], JSON.stringify({ date: new Date().toISOString(), base: revision, runs, files, figures, skipped, outputIdentical: !difference }, null, 2));
  }
}
