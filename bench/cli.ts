/**
 * The CLI on 2,000 report files against markdownlint-cli2 on the same files, both timed as whole
 * processes (spawn → exit), output discarded.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { reportFiles, type Source } from './corpus';
import { median, paths, round, runNode, type RunResult } from './util';

export interface ProcessTiming {
  runs: number[];
  medianMs: number;
  exitCodes: (number | null)[];
  peakRss?: number;
  error?: string;
}

export interface CliResult {
  files: number;
  bytes: number;
  gkreport: ProcessTiming & { reportsPerSecond: number };
  markdownlint: ProcessTiming & { version: string; filesPerSecond: number };
  /** markdownlint-cli2 time ÷ gkreport time. */
  ratio: number;
}

function markdownlintBin(root: string): { bin: string; version: string } {
  const dir = join(root, 'node_modules', 'markdownlint-cli2');
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string; bin: string | Record<string, string> };
  const bin = typeof pkg.bin === 'string' ? pkg.bin : pkg.bin['markdownlint-cli2'];
  return { bin: join(dir, bin), version: pkg.version };
}

function summarize(results: RunResult[], ok: (code: number | null) => boolean): ProcessTiming {
  const bad = results.find((r) => r.timedOut || !ok(r.code));
  return {
    runs: results.map((r) => round(r.ms)),
    medianMs: round(median(results.map((r) => r.ms))),
    exitCodes: results.map((r) => r.code),
    peakRss: Math.max(...results.map((r) => r.memory?.maxRSS ?? 0)) || undefined,
    error: bad ? `${bad.timedOut ? 'timed out' : `exit ${bad.code}`}: ${bad.stderr.slice(0, 500)}` : undefined,
  };
}

/** Writes the files under `dir` and runs both tools `runs` times each, alternating. */
export async function cliVsMarkdownlint(root: string, sources: Source[], dir: string, count: number, runs: number): Promise<CliResult> {
  const files = reportFiles(sources, count);
  let bytes = 0;
  for (const f of files) {
    const path = join(dir, f.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, f.text);
    bytes += Buffer.byteLength(f.text, 'utf8');
  }
  // Every default rule of markdownlint, but no glob from a config file and no non-zero exit for
  // violations (the reports are not Markdown-clean: exit 1 is expected and accepted).
  writeFileSync(join(dir, '.markdownlint-cli2.jsonc'), JSON.stringify({ config: { default: true }, noProgress: true, gitignore: false }, null, 2));
  const cli = join(paths.dist, 'cli.js');
  const mdl = markdownlintBin(root);
  const gk: RunResult[] = [];
  const md: RunResult[] = [];
  for (let i = 0; i < runs; i++) {
    gk.push(await runNode([cli, 'check', '--locale', 'en', '.'], { cwd: dir, collect: false, timeoutMs: 120_000 }));
    md.push(await runNode([mdl.bin, '**/*.md'], { cwd: dir, collect: false, timeoutMs: 120_000 }));
  }
  const g = summarize(gk, (c) => c === 0 || c === 1);
  const m = summarize(md, (c) => c === 0 || c === 1);
  return {
    files: count,
    bytes,
    gkreport: { ...g, reportsPerSecond: round(count / (g.medianMs / 1000), 0) },
    markdownlint: { ...m, version: mdl.version, filesPerSecond: round(count / (m.medianMs / 1000), 0) },
    ratio: round(m.medianMs / g.medianMs, 2),
  };
}
