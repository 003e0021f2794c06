/**
 * Deterministic benchmark documents, made from the five seed reports (test/fixtures/00*.txt) and
 * the layout fixtures (test/fixtures/layouts/*.txt): the same inputs give the same bytes on every
 * machine, so figures of different runs compare.
 *
 * - `variant`: one report with some table numbers changed (a pseudo-random generator per variant).
 * - `bigDocument`: many variants back to back, each with long narrative paragraphs (one line of
 *   1,500–4,500 characters) and a wide table (24 columns), until a byte size is reached; a smaller
 *   size is a prefix (same blocks) of a larger one.
 * - `longReport`: one report of a given number of lines (narrative paragraphs inserted in part 一).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tokenize } from '../server/src/engine/parse/lines';
import { computeLineStarts } from '../server/src/engine/text/positions';

export interface Source {
  name: string;
  text: string;
}

/** The seeds first, then the layout fixtures, in name order. */
export function loadSources(root: string): Source[] {
  const dir = join(root, 'test', 'fixtures');
  const seeds = readdirSync(dir).filter((n) => /^00\d_.*\.txt$/.test(n)).sort();
  const layouts = readdirSync(join(dir, 'layouts')).filter((n) => n.endsWith('.txt')).sort();
  return [
    ...seeds.map((n) => ({ name: n, text: readFileSync(join(dir, n), 'utf8') })),
    ...layouts.map((n) => ({ name: `layouts/${n}`, text: readFileSync(join(dir, 'layouts', n), 'utf8') })),
  ];
}

/** mulberry32: a small deterministic generator of numbers in [0, 1). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rnd: () => number, list: readonly T[]): T => list[Math.floor(rnd() * list.length)];

/** Integer cells of a tab or pipe row, and of a row written with spaces. */
const SEPARATED_INTEGER = /(^|[\t|]\s*)(\d{1,4})(?=\s*(?:[\t|]|$))/g;
const SPACED_INTEGER = /(^|\s)(\d{1,4})(?=\s|$)/g;

/** The lines of a text that the tokenizer reads as rows written with spaces, by index. */
function spacedRows(text: string): Set<number> {
  return new Set(tokenize(text, computeLineStarts(text)).filter((l) => l.layout === 'spaces').map((l) => l.index));
}

/** Each line of `text` with the integer cells of its table rows replaced by `replace`. */
function mapIntegerCells(text: string, replace: (match: string, before: string, digits: string) => string): string {
  const spaced = spacedRows(text);
  return text
    .split('\n')
    .map((line, i) => (spaced.has(i) ? line.replace(SPACED_INTEGER, replace) : !line.includes('\t') && !line.includes('|') ? line : line.replace(SEPARATED_INTEGER, replace)))
    .join('\n');
}

/** A report with about `share` of its integer table cells replaced by other numbers. */
export function variant(text: string, seed: number, share = 0.15): string {
  const rnd = random(seed);
  return mapIntegerCells(text, (m, before, digits) => {
    if (rnd() >= share) return m;
    return before + String(Math.floor(rnd() * (digits.length > 2 ? 5000 : 60)));
  });
}

/**
 * A report whose integer table cells are all multiplied by `factor`: the tables' sums stay
 * consistent (every relation of the standard tables is a linear sum), only the text's figures differ.
 */
export function scaled(text: string, factor: number): string {
  return mapIntegerCells(text, (_m, before, digits) => before + String(Number(digits) * factor));
}

/** Sentences of the narrative parts of all sources (lines that are no table row and no heading). */
export function narrativeSentences(sources: Source[]): string[] {
  const out: string[] = [];
  for (const { text } of sources) {
    const spaced = spacedRows(text);
    for (const [i, raw] of text.split('\n').entries()) {
      const line = raw.trim();
      if (line.length < 20 || spaced.has(i) || /[\t|]/.test(line) || /^#|^[一二三四五六七八九十]+、/.test(line)) continue;
      for (const s of line.split(/(?<=[。；！？])/)) if (s.length >= 8) out.push(s);
    }
  }
  return out;
}

/** One paragraph of about `chars` characters. */
function paragraph(rnd: () => number, sentences: string[], chars: number): string {
  let p = '';
  while (p.length < chars) p += pick(rnd, sentences);
  return p;
}

const MONTHS = Array.from({ length: 23 }, (_, i) => `${(i % 12) + 1}月${i >= 12 ? '（累计）' : ''}`);

/** A 24-column table (Markdown pipes or tabs) that is no standard table. */
function wideTable(rnd: () => number, rows: number, markdown: boolean): string {
  const header = ['栏目', ...MONTHS];
  const lines: string[] = [];
  const row = (cells: string[]) => (markdown ? `| ${cells.join(' | ')} |` : cells.join('\t'));
  lines.push(row(header));
  if (markdown) lines.push(row(header.map(() => '---')));
  const names = ['门户网站发布信息', '政务新媒体发布', '政策解读', '回应关切', '依申请公开受理', '信息公开指南更新', '网站留言办理', '新闻发布会', '公开栏更新', '培训人次'];
  for (let r = 0; r < rows; r++) {
    lines.push(row([names[r % names.length] + (r >= names.length ? String(r) : ''), ...MONTHS.map(() => String(Math.floor(rnd() * 900)))]));
  }
  return lines.join('\n');
}

/** Index of the first line matching `re`, else `fallback`. */
function lineIndex(lines: string[], re: RegExp, fallback: number): number {
  const i = lines.findIndex((l) => re.test(l));
  return i < 0 ? fallback : i;
}

/** One block of a big document: a report variant with long narratives and a wide table. */
export function block(sources: Source[], sentences: string[], index: number): string {
  const rnd = random(0x9e3779b9 ^ index);
  const source = sources[index % sources.length];
  const lines = variant(source.text, index + 1).split('\n');
  const overview = lineIndex(lines, /一、\s*总体情况/, Math.min(3, lines.length));
  const six = lineIndex(lines, /^\s*#*\s*六、/, lines.length - 1);
  // Later insertion first, so the earlier index stays valid.
  lines.splice(six, 0, paragraph(rnd, sentences, 1500 + Math.floor(rnd() * 3000)), '', wideTable(rnd, 10 + Math.floor(rnd() * 10), index % 2 === 0), '');
  lines.splice(overview + 1, 0, '', paragraph(rnd, sentences, 1500 + Math.floor(rnd() * 3000)), '', paragraph(rnd, sentences, 1500 + Math.floor(rnd() * 3000)));
  return lines.join('\n');
}

/** A document of many reports back to back, at least `bytes` bytes (UTF-8) long. */
export function bigDocument(sources: Source[], bytes: number): string {
  const sentences = narrativeSentences(sources);
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const b = block(sources, sentences, i) + '\n\n';
    parts.push(b);
    size += Buffer.byteLength(b, 'utf8');
  }
  return parts.join('');
}

/**
 * Documents of (at least) the given sizes, each a prefix of the next: made once from the blocks
 * of the largest.
 */
export function documentsOfSizes(sources: Source[], sizes: number[]): Map<number, string> {
  const sentences = narrativeSentences(sources);
  const sorted = [...sizes].sort((a, b) => a - b);
  const out = new Map<number, string>();
  const parts: string[] = [];
  let size = 0;
  let i = 0;
  for (const target of sorted) {
    while (size < target) {
      const b = block(sources, sentences, i++) + '\n\n';
      parts.push(b);
      size += Buffer.byteLength(b, 'utf8');
    }
    out.set(target, parts.join(''));
  }
  return out;
}

/** One report (seed `base`) grown to `lineCount` lines by narrative paragraphs in part 一. */
export function longReport(sources: Source[], base: Source, lineCount: number): string {
  const sentences = narrativeSentences(sources);
  const rnd = random(5000);
  const lines = base.text.split('\n');
  const overview = lineIndex(lines, /一、\s*总体情况/, Math.min(3, lines.length));
  const extra: string[] = [];
  while (lines.length + extra.length < lineCount - 1) {
    extra.push(paragraph(rnd, sentences, 30 + Math.floor(rnd() * 90)), '');
  }
  lines.splice(overview + 1, 0, ...extra);
  while (lines.length < lineCount) lines.push('');
  return lines.slice(0, Math.max(lineCount, lines.length)).join('\n');
}

/**
 * The files for the CLI benchmark: `count` reports made from the sources, in folders of 100; three
 * in four with their table figures scaled (sums consistent), one in four with 10 % of its table
 * figures changed at random (a faulty draft).
 */
export function reportFiles(sources: Source[], count: number): { path: string; text: string }[] {
  const out: { path: string; text: string }[] = [];
  for (let i = 0; i < count; i++) {
    const source = sources[i % sources.length];
    const dir = `batch${String(Math.floor(i / 100)).padStart(2, '0')}`;
    const text = i % 4 === 3 ? variant(source.text, 100_000 + i, 0.1) : scaled(source.text, 2 + (i % 9));
    out.push({ path: join(dir, `report-${String(i).padStart(4, '0')}.md`), text });
  }
  return out;
}
