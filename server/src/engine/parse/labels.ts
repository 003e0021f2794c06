/**
 * The label dictionary built from the template declaration, and matching of cell text against it:
 * exact (up to punctuation, spacing, width and numbering), accepted variants, old wordings, and
 * near-miss typos.
 */
import { FORMATS, PARTS } from '../template';
import type { TableId } from '../template/types';
import {
  editDistance,
  fuzzyLimit,
  hasCjk,
  isWhitespace,
  labelCore,
  labelCoreWithoutRemarks,
  splitOrdinal,
  toHalfWidth,
} from '../text/normalize';
import type { FormatId } from '../types';
import type { LabelMatch } from '../model';
import { TextCache } from '../text/cache';

export type EntryKind = 'row' | 'caption' | 'column' | 'header';

/** One recognisable label. */
export interface LabelEntry {
  kind: EntryKind;
  table: TableId;
  section?: string;
  /** Row id for rows, column id for columns. */
  id?: string;
  /** Formats in which this wording is standard (or accepted). */
  formats: Set<FormatId>;
  standard: string;
  core: string;
  quality: LabelMatch['quality'];
  /** Ordinal value of the standard label (（七）总计 → 7), for telling 总计 rows from 总计 columns. */
  ordinal?: number;
  data?: boolean;
}

/** A match of a text against the dictionary. */
export interface Match {
  entry: LabelEntry;
  quality: LabelMatch['quality'];
  distance: number;
  ordinal?: number;
}

const byCore = new Map<string, LabelEntry[]>();
const allEntries: LabelEntry[] = [];
let maxCoreLength = 0;

function add(entry: Omit<LabelEntry, 'core' | 'formats'> & { formats: FormatId[]; text: string }): void {
  const core = entry.kind === 'column' ? labelCoreWithoutRemarks(entry.text) : labelCore(entry.text);
  const existing = (byCore.get(core) ?? []).find(
    (e) => e.kind === entry.kind && e.table === entry.table && e.section === entry.section && e.id === entry.id && e.quality === entry.quality,
  );
  if (existing) {
    for (const f of entry.formats) existing.formats.add(f);
    return;
  }
  const full: LabelEntry = {
    kind: entry.kind, table: entry.table, section: entry.section, id: entry.id, standard: entry.standard,
    quality: entry.quality, ordinal: entry.ordinal, data: entry.data, core, formats: new Set(entry.formats),
  };
  byCore.set(core, [...(byCore.get(core) ?? []), full]);
  allEntries.push(full);
  maxCoreLength = Math.max(maxCoreLength, core.length);
}

for (const format of Object.values(FORMATS)) {
  for (const table of format.tables) {
    for (const h of table.headerLabels) {
      add({ kind: 'header', table: table.id, formats: [format.id], text: h, standard: h, quality: 'exact' });
    }
    for (const section of table.sections) {
      if (section.caption) {
        add({ kind: 'caption', table: table.id, section: section.id, id: section.id, formats: [format.id], text: section.caption, standard: section.caption, quality: 'exact' });
      }
      for (const col of section.columns) {
        const texts: [string, LabelMatch['quality']][] = [[col.label, 'exact'], ...(col.variants ?? []).map((v): [string, LabelMatch['quality']] => [v, 'variant'])];
        for (const [text, quality] of texts) {
          add({ kind: 'column', table: table.id, section: section.id, id: col.id, formats: [format.id], text, standard: col.label, quality });
        }
      }
      for (const row of section.rows) {
        if (!row.label) continue;
        const ordinal = splitOrdinal(toHalfWidth(row.label)).value;
        const texts: [string, LabelMatch['quality']][] = [[row.label, 'exact'], ...(row.variants ?? []).map((v): [string, LabelMatch['quality']] => [v, 'variant'])];
        for (const [text, quality] of texts) {
          add({ kind: 'row', table: table.id, section: section.id, id: row.id, formats: [format.id], text, standard: row.label, quality, ordinal, data: row.data });
        }
        const withoutRemark = labelCoreWithoutRemarks(row.label);
        if (withoutRemark !== labelCore(row.label)) {
          add({ kind: 'row', table: table.id, section: section.id, id: row.id, formats: [format.id], text: withoutRemark, standard: row.label, quality: 'variant', ordinal, data: row.data });
        }
      }
    }
  }
}

/** Old wordings recognised in a format where the other format's label is standard. */
for (const e of [...allEntries]) {
  if (e.kind !== 'row' || e.table !== 'table2') continue;
  for (const f of ['2019', '2021'] as FormatId[]) {
    if (e.formats.has(f)) continue;
    const std = FORMATS[f].tables.find((t) => t.id === 'table2')!.sections.find((s) => s.id === e.section)?.rows.find((r) => r.id === e.id);
    if (std && labelCore(std.label) !== e.core) {
      add({ kind: 'row', table: 'table2', section: e.section, id: e.id, formats: [f], text: e.standard, standard: std.label, quality: 'deprecated' });
    }
  }
}

/** Every dictionary entry (for completion and documentation). */
export function labelEntries(): readonly LabelEntry[] {
  return allEntries;
}

/** Whether a text is short enough to be one character off a label, spaces and punctuation aside. */
export function mayBeNearLabel(text: string): boolean {
  return text.length <= maxCoreLength + 12;
}

/**
 * What the dictionary says of one text, each answer worked out when first asked for: its matches
 * (`matchLabel`) and whether a longer label starts with it (`isLabelPrefix`). One cache entry
 * serves both, and a parsed cell keeps its entry (`cellLabels`), so that a cell asked both
 * questions is looked up once.
 */
export class LabelLookup {
  matches?: Match[] = undefined;
  prefix?: boolean = undefined;

  constructor(
    /** The text, a copy of its own (see `TextCache`). */
    readonly text: string,
  ) {}
}

const lookups = new TextCache<LabelLookup>();

/** The dictionary's entry for `text` (see `LabelLookup`), or undefined for a text too long to be a label. */
export function lookupLabel(text: string): LabelLookup | undefined {
  if (text === '' || text.length > maxCoreLength * 2 + 10) return undefined;
  return lookups.get(text, newLookup);
}

function newLookup(text: string): LabelLookup {
  return new LabelLookup(text);
}

/** The matches of a lookup (`matchLabel`); [] without one. */
export function matchesOf(lookup: LabelLookup | undefined): Match[] {
  return lookup === undefined ? NO_MATCHES : (lookup.matches ??= computeMatches(lookup.text));
}

/** Matches are shared between equal texts and must not be changed. */
const NO_MATCHES: Match[] = [];

/** Whether any label of the dictionary starts with the core of `text` (a label broken over lines). */
export function isLabelPrefix(text: string): boolean {
  return prefixOf(text, lookupLabel(text));
}

/** `isLabelPrefix` of a text whose lookup (`lookupLabel`) is at hand. */
export function prefixOf(text: string, lookup: LabelLookup | undefined): boolean {
  if (text.length > maxCoreLength * 2 || lookup === undefined) return false;
  return (lookup.prefix ??= computeIsPrefix(lookup.text));
}

function computeIsPrefix(text: string): boolean {
  const core = labelCore(text);
  return core.length > 0 && allEntries.some((e) => e.core.length > core.length && e.core.startsWith(core));
}

/**
 * All entries the text matches, best first. Exact and variant wordings are looked up directly;
 * near misses only for texts long enough to be distinctive.
 */
export function matchLabel(text: string): Match[] {
  return matchesOf(lookupLabel(text));
}

/** Whether a text is a label on its own, exactly or in a known variant (not a near miss of one). */
export function isLabel(text: string): boolean {
  return matchLabel(text).some((m) => m.quality !== 'fuzzy');
}

function computeMatches(text: string): Match[] {
  const half = toHalfWidth(text);
  const ord = splitOrdinal(half);
  const core = labelCore(text);
  if (core.length === 0 || core.length > maxCoreLength + 4) return [];
  const found: Match[] = [];
  const seen = new Set<LabelEntry>();
  const bare = labelCoreWithoutRemarks(text);
  for (const key of [core, bare]) {
    for (const entry of byCore.get(key) ?? []) {
      if (seen.has(entry)) continue;
      seen.add(entry);
      found.push({ entry, quality: entry.quality, distance: 0, ordinal: ord.value });
    }
  }
  if (found.length > 0 || !hasCjk(core)) return sortMatches(found, ord.value);
  // One character left of a numbered two-character label (（七）计): near the labels of that number only.
  const single = core.length === 1 && ord.value !== undefined;
  if ((single ? 1 : Math.max(fuzzyLimit(core.length), fuzzyLimit(bare.length))) === 0) return [];
  for (const entry of allEntries) {
    if ((entry.kind === 'header' && entry.table === 'table2') || entry.quality !== 'exact') continue;
    if (single && entry.ordinal !== ord.value) continue;
    // A column header is compared without its remark (采购总金额（万元）), as its entry is.
    const written = entry.kind === 'column' ? bare : core;
    const limit = Math.min(single ? 1 : fuzzyLimit(written.length), fuzzyLimit(entry.core.length));
    if (limit === 0) continue;
    const d = editDistance(written, entry.core, limit);
    if (d <= limit) {
      found.push({ entry, quality: 'fuzzy', distance: d, ordinal: ord.value });
    }
  }
  return sortMatches(found, ord.value);
}

function sortMatches(found: Match[], ordinal: number | undefined): Match[] {
  const rank = (m: Match): number =>
    m.distance * 10 + (m.entry.ordinal !== undefined && ordinal !== undefined && m.entry.ordinal !== ordinal ? 5 : 0);
  return found.sort((a, b) => rank(a) - rank(b));
}

/** A part heading recognised in a line. */
export interface HeadingMatch {
  part: number;
  /** The ordinal as written (may disagree with the part); undefined when the heading has none. */
  ordinal?: number;
}

const CN_ORDINALS = '一二三四五六七八九十第';
const HEADING_RE = /^(?:([一二三四五六七八九十])\s*[、.,]|第([一二三四五六七八九十])部分\s*[、.,:]?)\s*(\S.{0,48})$/;
const ORDINAL_PREFIX_RE = /^[一二三四五六七八九十]、/;

/** The wordings of each part's heading without their ordinal (总体情况 → 1), spaces removed. */
const UNNUMBERED = new Map<string, number>(
  PARTS.flatMap((p) => [p.heading, ...p.variants].map((h) => [h.replace(ORDINAL_PREFIX_RE, ''), p.index] as [string, number])),
);

/** What may open a heading, by character code: `ORDINAL` (一 … 十, 第), `UNNUMBERED` (the first character of a wording without ordinal). */
const OPENERS = new Uint8Array(0x10000);
const ORDINAL = 1;
const UNNUMBERED_START = 2;
for (const c of CN_ORDINALS) OPENERS[c.charCodeAt(0)] |= ORDINAL;
for (const k of UNNUMBERED.keys()) OPENERS[k.charCodeAt(0)] |= UNNUMBERED_START;
const SENTENCE_MARKS = /[，。；,;]/;

/** A text without its whitespace (a heading spaced out as `总 体 情 况`); the text itself when it has none. */
function withoutSpaces(text: string): string {
  for (let i = 0; i < text.length; i++) if (isWhitespace(text.charCodeAt(i))) return text.replace(/\s+/g, '');
  return text;
}

/**
 * Recognises a part heading (一、总体情况, 第一部分 总体情况 …) in a line's text, with or without
 * Markdown marks. The part is identified by its keywords; the ordinal may disagree (parts out of
 * order). A heading whose ordinal was lost (Word's automatic numbering does not survive a copy as
 * text) is recognised only in a standard wording, whole: `总体情况`, `存在的主要问题及改进情况：`.
 */
export function matchHeading(text: string): HeadingMatch | undefined {
  let at = 0;
  while (at < text.length && isWhitespace(text.charCodeAt(at))) at++;
  const opens = at < text.length ? OPENERS[text.charCodeAt(at)] : 0;
  if ((opens & ORDINAL) === 0 && at < text.length) {
    if ((opens & UNNUMBERED_START) === 0 || text.length > 60 || SENTENCE_MARKS.test(text)) return undefined;
    const part = UNNUMBERED.get(withoutSpaces(toHalfWidth(text)).replace(/[:：]$/, ''));
    return part === undefined ? undefined : { part };
  }
  const half = toHalfWidth(text).trim();
  const m = HEADING_RE.exec(half);
  if (!m) return undefined;
  const ordinal = '一二三四五六七八九十'.indexOf(m[1] ?? m[2]) + 1;
  const rest = withoutSpaces(m[3]);
  if (/[。；;]./.test(rest)) return undefined;
  const sameOrdinal = PARTS.find((p) => p.index === ordinal);
  if (sameOrdinal && sameOrdinal.keywords.some((k) => rest.includes(k))) return { part: ordinal, ordinal };
  for (const p of PARTS) {
    if (p.keywords.some((k) => rest.includes(k))) return { part: p.index, ordinal };
  }
  return undefined;
}
