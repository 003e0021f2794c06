/**
 * Shared pieces of the robustness suite: the corpus (seeds and layout fixtures), fast-check
 * arbitraries that damage it (lines and cells deleted, duplicated, shuffled, characters typed),
 * range helpers, and the one-line summary every property prints.
 */
import type { TestContext } from 'node:test';
import fc from 'fast-check';
import type { Position, Range } from '../../server/src/engine/types';
import { computeLineStarts, offsetAt } from '../../server/src/engine/text/positions';
import { layoutFixtures, readFixture, SEEDS } from '../helpers';

/** The corpus: the five seeds and the ten layout fixtures, by name. */
export function corpus(): { name: string; text: string }[] {
  return [
    ...Object.entries(SEEDS).map(([seed, file]) => ({ name: `seed ${seed}`, text: readFixture(file) })),
    ...layoutFixtures().map(({ name, text }) => ({ name, text })),
  ];
}

/** The seed given to fast-check: fixed (reproducible) unless GKREPORT_FUZZ_SEED says otherwise. */
export const FUZZ_SEED = process.env.GKREPORT_FUZZ_SEED ? Number(process.env.GKREPORT_FUZZ_SEED) : 20240601;

/** Number of runs of a property, scaled by GKREPORT_FUZZ_SCALE (e.g. 10 for a long local run). */
export function runs(n: number): number {
  const scale = Number(process.env.GKREPORT_FUZZ_SCALE ?? '1');
  return Math.max(1, Math.round(n * (Number.isFinite(scale) && scale > 0 ? scale : 1)));
}

/** fast-check parameters shared by every property. */
export function params(numRuns: number): fc.Parameters<unknown> {
  return { numRuns: runs(numRuns), seed: FUZZ_SEED, endOnFailure: true, includeErrorInReport: true };
}

/** Counters of one property, printed as one summary line. */
export class Tally {
  inputs = 0;
  crashes = 0;
  hangs = 0;
  fixesVerified = 0;
  extra: Record<string, number | string> = {};

  constructor(readonly name: string) {}

  add(key: string, n = 1): void {
    this.extra[key] = (Number(this.extra[key]) || 0) + n;
  }

  /** A measurement shown as is (e.g. a time ratio). */
  note(key: string, text: string): void {
    this.extra[key] = text;
  }

  line(): string {
    const extra = Object.entries(this.extra).map(([k, v]) => `, ${k} ${v}`).join('');
    return `robustness: ${this.name}: inputs tried ${this.inputs}, crashes ${this.crashes}, hangs ${this.hangs}, fixes verified ${this.fixesVerified}${extra}`;
  }

  /** Prints the summary as a diagnostic of the test (console.log without one). */
  print(t?: TestContext): void {
    const text = this.line();
    if (t) t.diagnostic(text);
    else console.log(text);
  }
}

/** Runs `fn`, counting a throw as a crash (and re-throwing it so the property fails). */
export function guarded<T>(tally: Tally, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    tally.crashes++;
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// Damage: line and cell mutations

/** A document split into lines, each keeping its own line break. */
export function splitKeepingBreaks(text: string): string[] {
  return text.match(/[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$/g) ?? [];
}

export type Mutation =
  | { kind: 'delete-line'; at: number }
  | { kind: 'delete-lines'; at: number; length: number }
  | { kind: 'duplicate-line'; at: number }
  | { kind: 'swap-lines'; at: number; other: number }
  | { kind: 'move-line'; at: number; to: number }
  | { kind: 'shuffle-lines'; at: number; length: number; seed: number }
  | { kind: 'delete-cell'; at: number; cell: number }
  | { kind: 'duplicate-cell'; at: number; cell: number }
  | { kind: 'swap-cells'; at: number; cell: number; other: number }
  | { kind: 'shuffle-cells'; at: number; seed: number }
  | { kind: 'insert-text'; at: number; text: string }
  | { kind: 'delete-chars'; at: number; length: number }
  | { kind: 'retype-number'; at: number; text: string };

/** What a number in a table may be retyped as: other values, blanks, placeholders, odd spellings, units, notes. */
export const NUMBER_VARIANTS: fc.Arbitrary<string> = fc.oneof(
  fc.nat({ max: 400 }).map(String),
  fc.constantFrom('', ' ', '/', '-', '无', '不适用', '１２', '1,234', '2件', '+3', '-2', '5.0', '1.5', '251000元', '25.1万元', '4902000', '1075.178', '两', '22（其中修订16件）', '7(含转办3件)', '0.0000'),
);

/** fast-check arbitrary of one mutation (indices are taken modulo the actual sizes). */
export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete-line' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('delete-lines' as const), at: fc.nat(), length: fc.integer({ min: 2, max: 120 }) }),
  fc.record({ kind: fc.constant('duplicate-line' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('swap-lines' as const), at: fc.nat(), other: fc.nat() }),
  fc.record({ kind: fc.constant('move-line' as const), at: fc.nat(), to: fc.nat() }),
  fc.record({ kind: fc.constant('shuffle-lines' as const), at: fc.nat(), length: fc.integer({ min: 2, max: 12 }), seed: fc.nat() }),
  fc.record({ kind: fc.constant('delete-cell' as const), at: fc.nat(), cell: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate-cell' as const), at: fc.nat(), cell: fc.nat() }),
  fc.record({ kind: fc.constant('swap-cells' as const), at: fc.nat(), cell: fc.nat(), other: fc.nat() }),
  fc.record({ kind: fc.constant('shuffle-cells' as const), at: fc.nat(), seed: fc.nat() }),
  fc.record({
    kind: fc.constant('insert-text' as const),
    at: fc.nat(),
    text: fc.oneof(
      fc.constantFrom('\t', '|', ' | ', '\n', '\r\n', '\r', '0', '12', '-3', '１２', '1.5', '元', '万元', '（其中修订16件）', '/', '无', '总计', '三、', '（七）', '---', '<!-- gkreport-disable-line -->', '\u3000', '\ufeff', '\ud83d\ude00', '\ud800'),
      fc.string({ maxLength: 6 }),
    ),
  }),
  fc.record({ kind: fc.constant('delete-chars' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('retype-number' as const), at: fc.nat(), text: NUMBER_VARIANTS }),
);

/** Mutations that mostly retype numbers (to provoke the value rules' fixes), sometimes damage lines and cells. */
export const valueMutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('retype-number' as const), at: fc.nat(), text: NUMBER_VARIANTS }) },
  { weight: 1, arbitrary: mutationArb },
);

/** A deterministic shuffle (xorshift), so a failing case replays exactly. */
function shuffle<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let s = (seed >>> 0) || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    const j = (s >>> 0) % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** The cells of a line split on tabs (or pipes when it has no tab), separators kept apart. */
function lineCells(line: string): { body: string[]; sep: string; eol: string } | undefined {
  const eol = /\r\n$|\r$|\n$/.exec(line)?.[0] ?? '';
  const content = line.slice(0, line.length - eol.length);
  const sep = content.includes('\t') ? '\t' : content.includes('|') ? '|' : undefined;
  if (!sep) return undefined;
  return { body: content.split(sep), sep, eol };
}

/** Applies one mutation to a text. */
export function mutate(text: string, m: Mutation): string {
  const lines = splitKeepingBreaks(text);
  const n = lines.length;
  if (m.kind === 'insert-text') {
    const at = text.length === 0 ? 0 : m.at % (text.length + 1);
    return text.slice(0, at) + m.text + text.slice(at);
  }
  if (m.kind === 'retype-number') {
    const numbers = [...text.matchAll(/\d+(?:\.\d+)?/g)];
    if (numbers.length === 0) return text;
    const hit = numbers[m.at % numbers.length];
    return text.slice(0, hit.index) + m.text + text.slice(hit.index! + hit[0].length);
  }
  if (m.kind === 'delete-chars') {
    if (text.length === 0) return text;
    const at = m.at % text.length;
    return text.slice(0, at) + text.slice(at + m.length);
  }
  if (n === 0) return text;
  const i = m.at % n;
  const withBreak = (line: string) => (/[\r\n]$/.test(line) ? line : line + '\n');
  switch (m.kind) {
    case 'delete-line':
      lines.splice(i, 1);
      break;
    case 'delete-lines':
      lines.splice(i, m.length);
      break;
    case 'duplicate-line':
      lines.splice(i, 0, withBreak(lines[i]));
      break;
    case 'swap-lines': {
      const j = m.other % n;
      const a = withBreak(lines[i]);
      const b = withBreak(lines[j]);
      lines[i] = b;
      lines[j] = a;
      break;
    }
    case 'move-line': {
      const [line] = lines.splice(i, 1);
      lines.splice(m.to % (lines.length + 1), 0, withBreak(line));
      break;
    }
    case 'shuffle-lines': {
      const run = lines.slice(i, i + m.length).map(withBreak);
      lines.splice(i, run.length, ...shuffle(run, m.seed));
      break;
    }
    default: {
      // Cell mutations act on the first line at or after `i` that has cells.
      for (let k = 0; k < n; k++) {
        const li = (i + k) % n;
        const cells = lineCells(lines[li]);
        if (!cells || cells.body.length < 2) continue;
        const c = 'cell' in m ? m.cell : 0;
        const body = cells.body;
        const ci = c % body.length;
        if (m.kind === 'delete-cell') body.splice(ci, 1);
        else if (m.kind === 'duplicate-cell') body.splice(ci, 0, body[ci]);
        else if (m.kind === 'swap-cells') {
          const cj = m.other % body.length;
          [body[ci], body[cj]] = [body[cj], body[ci]];
        } else if (m.kind === 'shuffle-cells') {
          lines[li] = shuffle(body, m.seed).join(cells.sep) + cells.eol;
          break;
        }
        lines[li] = body.join(cells.sep) + cells.eol;
        break;
      }
    }
  }
  return lines.join('');
}

/** A damaged corpus document: a fixture and 1–`maxMutations` mutations, with a description for failures. */
export function damagedArb(
  docs: { name: string; text: string }[],
  maxMutations = 6,
  mutation: fc.Arbitrary<Mutation> = mutationArb,
): fc.Arbitrary<{ name: string; text: string; mutations: Mutation[] }> {
  return fc
    .record({ doc: fc.constantFrom(...docs), mutations: fc.array(mutation, { minLength: 1, maxLength: maxMutations }) })
    .map(({ doc, mutations }) => ({
      name: doc.name,
      text: mutations.reduce(mutate, doc.text),
      mutations,
      // A failing case prints as its recipe, not as the whole document.
      [fc.toStringMethod]: () => `${doc.name} with ${JSON.stringify(mutations)}`,
    }));
}

// ---------------------------------------------------------------------------------------------
// Ranges

export function comparePos(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

/** Whether `inner` lies within `outer` (boundaries included). */
export function within(outer: Range, inner: Range): boolean {
  return comparePos(outer.start, inner.start) <= 0 && comparePos(inner.end, outer.end) <= 0;
}

/** Whether a range is a valid range of `text`: lines exist, characters stop at the line's end. */
export function validRange(text: string, lineStarts: number[], r: Range): boolean {
  const ok = (p: Position) => {
    if (!Number.isInteger(p.line) || !Number.isInteger(p.character)) return false;
    if (p.line < 0 || p.line >= lineStarts.length || p.character < 0) return false;
    const start = lineStarts[p.line];
    let end = p.line + 1 < lineStarts.length ? lineStarts[p.line + 1] : text.length;
    while (end > start && (text[end - 1] === '\n' || text[end - 1] === '\r')) end--;
    return start + p.character <= end;
  };
  return ok(r.start) && ok(r.end) && comparePos(r.start, r.end) <= 0;
}

/** Offsets of a range in a text. */
export function offsets(text: string, r: Range, lineStarts = computeLineStarts(text)): { start: number; end: number } {
  return { start: offsetAt(lineStarts, text.length, r.start), end: offsetAt(lineStarts, text.length, r.end) };
}

/** A short printable form of a text for failure messages. */
export function show(text: string, max = 200): string {
  return JSON.stringify(text.length > max ? text.slice(0, max) + '…' : text);
}
