/**
 * Comparing two builds measured in one run: the order of their runs, and the table of their
 * figures side by side. Pure functions (no process, no file), so that tests can run them.
 */

/** One of the two builds of a comparison: `base` (the other revision) or `head` (this work tree). */
export type Side = 'base' | 'head';

/**
 * The order of `runs` rounds of both builds: A B, B A, A B … (each round's order reversed from the
 * last), so that a machine getting busier or quieter during the run weighs on both alike.
 */
export function interleaved(runs: number): Side[] {
  const order: Side[] = [];
  for (let i = 0; i < runs; i++) order.push(...(i % 2 === 0 ? (['base', 'head'] as const) : (['head', 'base'] as const)));
  return order;
}

/**
 * A figure measured on both builds, one value per round (`base`, `head`), shown as the median.
 * `lowerIsBetter` (times, memory) gives a change its direction.
 */
export interface ComparedFigure {
  figure: string;
  base: number[];
  head: number[];
  unit: 'ms' | 'MB' | 'reports/s';
  lowerIsBetter: boolean;
}

/** The median of the finite values (undefined when there are none). */
export function middle(values: number[]): number | undefined {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return undefined;
  return v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
}

/** Median of head ÷ median of base, rounded to 2 digits; undefined when either is missing or base is 0. */
export function ratio(f: Pick<ComparedFigure, 'base' | 'head'>): number | undefined {
  const b = middle(f.base);
  const h = middle(f.head);
  if (b === undefined || h === undefined || b === 0) return undefined;
  return Math.round((h / b) * 100) / 100;
}

/** Rounds each build needs before a change is marked: with fewer, noise separates them too often. */
export const MIN_ROUNDS = 4;

/**
 * Whether the change is more than the machine's noise: `better` or `worse` only when every round
 * of one build beat every round of the other (the ranges do not overlap), else `same`; `n/a` with
 * fewer than `MIN_ROUNDS` rounds on either side. On a shared machine two runs of one build differ
 * by several per cent, so a fixed threshold would call noise a change. Two builds that do not
 * differ separate by chance in 2 orders of the 70 possible with 4 rounds each, 2 of 252 with 5.
 */
export function verdict(f: ComparedFigure): 'better' | 'worse' | 'same' | 'n/a' {
  const base = f.base.filter((x) => Number.isFinite(x));
  const head = f.head.filter((x) => Number.isFinite(x));
  if (base.length < MIN_ROUNDS || head.length < MIN_ROUNDS) return 'n/a';
  const headLower = Math.max(...head) < Math.min(...base);
  const headHigher = Math.min(...head) > Math.max(...base);
  if (!headLower && !headHigher) return 'same';
  return headLower === f.lowerIsBetter ? 'better' : 'worse';
}

function formatValue(value: number | undefined, unit: ComparedFigure['unit']): string {
  if (value === undefined || !Number.isFinite(value)) return 'n/a';
  const digits = unit === 'reports/s' || value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${value.toFixed(digits)} ${unit}`;
}

/** The figures as an aligned text table: figure, base, head (medians), head ÷ base, verdict. */
export function comparisonTable(figures: ComparedFigure[], baseLabel: string, headLabel: string): string {
  const head = ['figure', baseLabel, headLabel, `${headLabel} ÷ ${baseLabel}`, ''];
  const rows = figures.map((f) => {
    const r = ratio(f);
    const v = verdict(f);
    return [f.figure, formatValue(middle(f.base), f.unit), formatValue(middle(f.head), f.unit), r === undefined ? 'n/a' : `${r.toFixed(2)}×`, v === 'same' || v === 'n/a' ? '' : v];
  });
  const width = (i: number) => Math.max(head[i].length, ...rows.map((r) => r[i].length));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(width(i))).join('  ').trimEnd();
  return [line(head), head.map((_, i) => '-'.repeat(width(i))).join('  ').trimEnd(), ...rows.map(line)].join('\n');
}

/** Where two outputs first differ: undefined when equal, else the 1-based line and both lines. */
export function firstDifference(a: string, b: string): { line: number; base: string; head: string } | undefined {
  if (a === b) return undefined;
  const x = a.split('\n');
  const y = b.split('\n');
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    if (x[i] !== y[i]) return { line: i + 1, base: x[i] ?? '(end of output)', head: y[i] ?? '(end of output)' };
  }
  return undefined;
}
