/**
 * Engine measurements, each run in a child process of its own (`run.js child-seeds`,
 * `run.js child-engine --file <doc>`) so that its peak memory belongs to that measurement alone.
 * The child prints one JSON object on stdout.
 */
import { readFileSync, statSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';
import { checkReport } from '../server/src/engine/check';
import { parseReport } from '../server/src/engine/parse/parser';
import { loadSources } from './corpus';
import { median, numberOption, percentile, repoRoot, round } from './util';

export interface SeedTiming {
  name: string;
  bytes: number;
  lines: number;
  runs: number;
  /** parse + all rules (checkReport), ms. */
  medianMs: number;
  p95Ms: number;
  minMs: number;
  /** parseReport alone, ms. */
  parseMedianMs: number;
  findings: number;
}

export interface DocTiming {
  file: string;
  bytes: number;
  lines: number;
  findings: number;
  /** First check in a fresh process (cold JIT), ms. */
  coldMs: number;
  /** Untimed checks after the cold one. */
  warmup: number;
  /** Later checks. */
  runs: number;
  medianMs: number;
  minMs: number;
  times: number[];
  /** parseReport alone (warm), ms. */
  parseMs: number;
  memory: {
    /** RSS of the process before the document was read. */
    baselineRss: number;
    /** process.resourceUsage().maxRSS after the first check (bytes). */
    maxRssFirst: number;
    /** process.resourceUsage().maxRSS after all checks (bytes). */
    maxRssAll: number;
    /** V8 heap used by the text + model + findings, still referenced after the first check (after a GC). */
    retainedHeap: number;
    /** V8 committed heap after the first check. */
    heapTotalFirst: number;
  };
}

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

/** `child-seeds`: median engine time per seed report, many runs each. */
export function childSeeds(): void {
  const sources = loadSources(repoRoot()).filter((s) => /^00\d_/.test(s.name));
  const out: SeedTiming[] = [];
  for (const { name, text } of sources) {
    let findings = 0;
    for (let i = 0; i < 40; i++) findings = checkReport({ text }).findings.length;
    const times: number[] = [];
    const started = performance.now();
    while (times.length < 600 && (times.length < 50 || performance.now() - started < 1500)) {
      const t = performance.now();
      checkReport({ text });
      times.push(performance.now() - t);
    }
    const parse: number[] = [];
    for (let i = 0; i < 100; i++) {
      const t = performance.now();
      parseReport(text);
      parse.push(performance.now() - t);
    }
    out.push({
      name,
      bytes: Buffer.byteLength(text, 'utf8'),
      lines: text.split('\n').length,
      runs: times.length,
      medianMs: round(median(times), 3),
      p95Ms: round(percentile(times, 95), 3),
      minMs: round(Math.min(...times), 3),
      parseMedianMs: round(median(parse), 3),
      findings,
    });
  }
  process.stdout.write(JSON.stringify(out));
}

/**
 * `child-engine --file F [--runs N] [--warmup N] [--budget ms]`: timing and peak memory on one
 * document. The first check is timed on its own (cold); `--warmup` untimed checks follow, as for
 * the seeds, so that the median is the engine's steady state rather than its JIT warm-up.
 */
export function childEngine(args: string[]): void {
  const file = args[args.indexOf('--file') + 1];
  const runs = numberOption(args, '--runs', 10);
  const warmup = numberOption(args, '--warmup', 0);
  const budget = numberOption(args, '--budget', 15_000);
  gc();
  const baselineRss = process.memoryUsage().rss;
  const heapBefore = getHeapStatistics().used_heap_size;
  let text: string | undefined = readFileSync(file, 'utf8');
  const bytes = statSync(file).size;
  const lines = text.split('\n').length;
  let t = performance.now();
  let result: ReturnType<typeof checkReport> | undefined = checkReport({ text });
  const coldMs = performance.now() - t;
  const maxRssFirst = process.resourceUsage().maxRSS * 1024;
  const heapTotalFirst = getHeapStatistics().total_heap_size;
  gc();
  const retainedHeap = getHeapStatistics().used_heap_size - heapBefore;
  const findings = result.findings.length;
  result = undefined;
  for (let i = 0; i < warmup; i++) checkReport({ text });
  const times: number[] = [];
  const started = performance.now();
  while (times.length < runs && (times.length < 1 || performance.now() - started < budget)) {
    t = performance.now();
    checkReport({ text });
    times.push(performance.now() - t);
  }
  t = performance.now();
  parseReport(text);
  const parseMs = performance.now() - t;
  text = undefined;
  const timing: DocTiming = {
    file,
    bytes,
    lines,
    findings,
    coldMs: round(coldMs, 2),
    warmup,
    runs: times.length,
    medianMs: round(median(times), 2),
    minMs: round(Math.min(...times), 2),
    times: times.map((x) => round(x, 2)),
    parseMs: round(parseMs, 2),
    memory: { baselineRss, maxRssFirst, maxRssAll: process.resourceUsage().maxRSS * 1024, retainedHeap, heapTotalFirst },
  };
  process.stdout.write(JSON.stringify(timing));
}
