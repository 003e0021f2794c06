/**
 * `run.js profile [--mb N | --lines N]`: the engine on an N MB document (default 1), or on the
 * N-line report of the edit benchmark, under `node --cpu-prof`,
 * then the functions with the most self time, mapped back to the TypeScript sources through
 * out/bench/run.js.map (file:line of the function, and its hottest lines).
 */
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { documentsOfSizes, loadSources, longReport } from './corpus';
import { MB, paths, repoRoot, round, runNode, tempDir } from './util';

// ---------------------------------------------------------------------------------------------
// Source maps (version 3, as esbuild writes them).

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

interface Segment {
  col: number;
  source: number;
  line: number;
}

export class SourceMap {
  readonly lines: Segment[][] = [];
  readonly sources: string[];

  /** `sourcesDir`: the folder the map's relative source paths start from (default: the map's own). */
  constructor(mapFile: string, root: string, sourcesDir = dirname(mapFile)) {
    const map = JSON.parse(readFileSync(mapFile, 'utf8')) as { sources: string[]; mappings: string };
    this.sources = map.sources.map((s) => relative(root, resolve(sourcesDir, s)));
    const values: number[] = [];
    let source = 0;
    let line = 0;
    let col = 0;
    for (const text of map.mappings.split(';')) {
      let genCol = 0;
      const segments: Segment[] = [];
      for (const seg of text.split(',')) {
        if (seg === '') continue;
        values.length = 0;
        let shift = 0;
        let value = 0;
        for (const ch of seg) {
          const digit = B64.indexOf(ch);
          value += (digit & 31) << shift;
          if (digit & 32) shift += 5;
          else {
            values.push(value & 1 ? -(value >>> 1) : value >>> 1);
            value = 0;
            shift = 0;
          }
        }
        genCol += values[0];
        if (values.length >= 4) {
          source += values[1];
          line += values[2];
          col += values[3];
          segments.push({ col: genCol, source, line });
        }
      }
      this.lines.push(segments);
    }
  }

  /** Original file and 1-based line of a 0-based generated position. */
  at(line: number, col: number): { file: string; line: number } | undefined {
    const segs = this.lines[line];
    if (!segs || segs.length === 0) return undefined;
    let best = segs[0];
    for (const s of segs) if (s.col <= col) best = s;
    return { file: this.sources[best.source], line: best.line + 1 };
  }
}

// ---------------------------------------------------------------------------------------------
// CPU profiles.

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  hitCount?: number;
  children?: number[];
  positionTicks?: { line: number; ticks: number }[];
}

interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface HotFunction {
  name: string;
  where: string;
  selfMs: number;
  selfPercent: number;
  hotLines: string[];
}

/** Self time per function (summed over call sites), most first. */
export function analyze(profile: Profile, bundle: string, map: SourceMap | undefined): { totalMs: number; functions: HotFunction[] } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = profile.timeDeltas[i + 1] ?? 0;
    self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + dt);
  }
  const totalUs = profile.timeDeltas.reduce((a, b) => a + b, 0);
  const groups = new Map<string, { name: string; where: string; us: number; ticks: Map<string, number> }>();
  for (const [id, us] of self) {
    const node = byId.get(id)!;
    const f = node.callFrame;
    let where = f.url ? f.url.replace(/^file:\/\//, '') : '';
    let mapped: { file: string; line: number } | undefined;
    if (map && where === bundle) mapped = map.at(f.lineNumber, f.columnNumber);
    if (mapped) where = `${mapped.file}:${mapped.line}`;
    else if (where) where = `${where}:${f.lineNumber + 1}`;
    const name = f.functionName || (where ? '(anonymous)' : f.url === '' ? f.functionName || '(native)' : '(anonymous)');
    const key = `${name}@${where}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { name: name || '(program)', where, us: 0, ticks: new Map() }));
    g.us += us;
    if (map && f.url.replace(/^file:\/\//, '') === bundle) {
      for (const t of node.positionTicks ?? []) {
        const m = map.at(t.line - 1, 0);
        if (!m) continue;
        const k = `${m.file}:${m.line}`;
        g.ticks.set(k, (g.ticks.get(k) ?? 0) + t.ticks);
      }
    }
  }
  const functions = [...groups.values()]
    .sort((a, b) => b.us - a.us)
    .map((g) => {
      const tickTotal = [...g.ticks.values()].reduce((a, b) => a + b, 0);
      const hotLines = [...g.ticks.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 3)
        .map(([k, t]) => `${k} (${Math.round((100 * t) / tickTotal)}%)`);
      return { name: g.name, where: g.where, selfMs: round(g.us / 1000, 1), selfPercent: round((100 * g.us) / totalUs, 1), hotLines };
    });
  return { totalMs: round(totalUs / 1000), functions };
}

/**
 * Profiles the engine on an `mb` MB document (or, with `lines`, on the long report of the edit
 * benchmark); prints and returns the top functions.
 */
export async function profileEngine(mb: number, lines?: number, top = 30): Promise<{ totalMs: number; functions: HotFunction[] }> {
  const root = repoRoot();
  const dir = tempDir();
  // A copy of this script and its map: a build elsewhere in the work tree may empty out/ meanwhile.
  const bundle = join(dir, 'run.js');
  copyFileSync(paths.bench, bundle);
  copyFileSync(paths.bench + '.map', bundle + '.map');
  const doc = join(dir, 'profiled.txt');
  const sources = loadSources(root);
  if (lines) {
    const seeds = sources.filter((s) => /^00\d_/.test(s.name));
    writeFileSync(doc, longReport(sources, seeds[1] ?? seeds[0], lines));
  } else {
    writeFileSync(doc, documentsOfSizes(sources, [mb * MB]).get(mb * MB)!);
  }
  const profDir = join(dir, 'cpuprofile');
  const result = await runNode([bundle, 'child-engine', '--file', doc, '--runs', lines ? '30' : '8', '--budget', '60000'], {
    execArgv: ['--cpu-prof', `--cpu-prof-dir=${profDir}`, '--cpu-prof-interval=200', '--expose-gc'],
    timeoutMs: 300_000,
  });
  if (result.code !== 0) throw new Error(`profiled child failed (${result.code}): ${result.stderr}`);
  const timing = JSON.parse(result.stdout) as { bytes: number; lines: number; medianMs: number; runs: number };
  const file = readdirSync(profDir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) throw new Error('no .cpuprofile written');
  const profile = JSON.parse(readFileSync(join(profDir, file), 'utf8')) as Profile;
  let map: SourceMap | undefined;
  try {
    map = new SourceMap(bundle + '.map', root, dirname(paths.bench));
  } catch (error) {
    process.stderr.write(`no source map (${String(error)}): positions are in ${bundle}\n`);
    map = undefined;
  }
  const analysis = analyze(profile, bundle, map);
  const engineOnly = analysis.functions.filter((f) => f.where.startsWith('server/src/engine/'));
  const engineMs = engineOnly.reduce((a, f) => a + f.selfMs, 0);
  const out: string[] = [];
  out.push(`engine on ${(timing.bytes / MB).toFixed(2)} MB (${timing.lines} lines): median ${timing.medianMs} ms over ${timing.runs} warm runs (+1 cold); profile ${analysis.totalMs} ms, of which server/src/engine self time ${round(engineMs)} ms`);
  out.push('');
  out.push('top self time (all):');
  for (const f of analysis.functions.slice(0, 12)) out.push(`  ${String(f.selfPercent).padStart(5)}%  ${String(f.selfMs).padStart(8)} ms  ${f.name}  ${f.where}`);
  out.push('');
  out.push('top self time in server/src/engine (function at file:line; hottest lines):');
  for (const f of engineOnly.slice(0, top)) {
    out.push(`  ${String(f.selfPercent).padStart(5)}%  ${String(f.selfMs).padStart(8)} ms  ${f.name}  ${f.where}${f.hotLines.length ? `   [${f.hotLines.join(', ')}]` : ''}`);
  }
  process.stdout.write(out.join('\n') + '\n');
  return analysis;
}
