/**
 * Never lose a character: every quick fix edits only inside its own cell, label or documented
 * insertion point; applying one fix leaves the rest of the document (and its findings) as it
 * was; "fix all" (fixText) reaches a fixed point within its three passes; fixing a consistent
 * report changes nothing.
 *
 * Where each rule may edit (server/src/engine/rules/*.ts):
 * - row-total, column-total, balance, appeal-total, cross-year, empty-cell (one cell): inside the
 *   finding's range (the cell; for a relation, the span of its cells), or — for a cell missing
 *   altogether from a short row — an insertion on a line of that row, or, in a row laid out in
 *   columns, a replacement within the spaces under the missing cell's column;
 * - empty-cell "fill all blank cells of this table": each edit inside a blank or placeholder cell
 *   of the model, or an insertion on a line of a row with a missing cell, or within the spaces
 *   under a missing cell's column;
 * - invalid-number, decimals, label, period, narrative, outdated-reference: inside the finding's range;
 * - unit: inside the finding's range (the cell: number, or number + unit), or inside the header
 *   cell of the cell's column (（万元）/（元） added there);
 * - missing-row: insertions at a line boundary (start or end of a line) within the table that
 *   holds the anchor row (or up to two lines above it: the blank label cells that open an
 *   indented-cells row), plus, in a Markdown table, the removal of exactly the `|---|` line that
 *   the same fix re-inserts under the new header row;
 * - missing-table: an insertion at the end of the heading's line, or the replacement (and
 *   removal) of exactly the whole lines of fragment tables;
 * - missing-section: inside the finding's range (renumbering the heading; appending after the
 *   last line), or an insertion at the start of the finding's line (a heading inserted before it);
 * - template-version, deadline: no fix at all.
 *
 * After applying one fix, outside the lines it edited: every non-blank cell is read with the same
 * text at the same place (line shifts aside), and no finding appears that was not there before —
 * except findings that depend on values elsewhere (the arithmetic rules, narrative, cross-year:
 * changing a number legitimately breaks or mends a relation through it), and missing-row/-section
 * /-table findings that moved to another neighbour (an inserted row can become the anchor).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { checkReport } from '../../server/src/engine/check';
import { applyEdits, fixText, preferredEdits } from '../../server/src/engine/fixes/apply';
import type { ReportModel, TableInstance } from '../../server/src/engine/model';
import { parseReport } from '../../server/src/engine/parse/parser';
import { ruleInfo } from '../../server/src/engine/rules/registry';
import { lineOfOffset, rangeOf } from '../../server/src/engine/text/positions';
import type { Finding, Fix, Range, TextEdit } from '../../server/src/engine/types';
import { layoutFixtures, setCell } from '../helpers';
import { comparePos, corpus, damagedArb, guarded, params, show, Tally, valueMutationArb, within } from './support';

const DOCS = corpus();
/** Last year's reports: the 2019-format layout fixtures (2020 reports of the agency whose 2021 reports use the 2021 format). */
const PREVIOUS = new Map(layoutFixtures().filter((f) => f.name.startsWith('2019-')).map((f) => [f.name, parseReport(f.text)]));
const CELL_RULES = new Set(['row-total', 'column-total', 'balance', 'appeal-total', 'cross-year', 'empty-cell']);
const IN_PLACE_RULES = new Set(['invalid-number', 'decimals', 'label', 'period', 'narrative', 'outdated-reference']);
const MD_SEPARATOR = /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/;

interface Doc {
  text: string;
  model: ReportModel;
  lines: string[];
}

function docOf(text: string): Doc {
  return { text, model: parseReport(text), lines: text.split(/\r\n|\r|\n/) };
}

const zeroWidth = (r: Range) => comparePos(r.start, r.end) === 0;
const lineLength = (doc: Doc, line: number) => doc.lines[line]?.length ?? 0;
const lineOf = (doc: Doc, offset: number) => lineOfOffset(doc.model.lineStarts, offset);
/** The lines of a table instance: its span and the spans of its rows (blank cells do not extend the span). */
function tableLines(doc: Doc, t: TableInstance): { first: number; last: number } {
  let first = lineOf(doc, t.span.start);
  let last = lineOf(doc, Math.max(t.span.start, t.span.end - 1));
  for (const s of t.sections) {
    for (const r of s.rows) {
      first = Math.min(first, lineOf(doc, r.span.start));
      last = Math.max(last, lineOf(doc, Math.max(r.span.start, r.span.end - 1)));
    }
  }
  return { first, last };
}

/** Lines of the rows that lack a cell altogether (a value is inserted on one of them). */
/** Whether a range lies in the spaces under the column of a cell missing from a row laid out in columns. */
function inSlot(doc: Doc, range: Range): boolean {
  return doc.model.tables.some((t) => [...t.cells.values()].some((c) => !c.source && c.slot && within(rangeOf(doc.model.lineStarts, c.slot), range)));
}

function missingCellLines(doc: Doc, table?: TableInstance): Set<number> {
  const out = new Set<number>();
  for (const t of table ? [table] : doc.model.tables) {
    for (const s of t.sections) {
      for (const r of s.rows) {
        if (r.cells.every((c) => c.source)) continue;
        for (let l = lineOf(doc, r.span.start); l <= lineOf(doc, r.span.end); l++) out.add(l);
      }
    }
  }
  return out;
}

/** The table instances whose lines hold a range's start. */
function tablesAt(doc: Doc, r: Range): TableInstance[] {
  return doc.model.tables.filter((t) => {
    const { first, last } = tableLines(doc, t);
    return first <= r.start.line && r.start.line <= last;
  });
}

/** The ranges of the header cells of the column of the data cell shown by `r` (for `unit`). */
function headerRangesFor(doc: Doc, r: Range): Range[] {
  const out: Range[] = [];
  for (const t of doc.model.tables) {
    for (const s of t.sections) {
      for (const row of s.rows) {
        for (const c of row.cells) {
          if (!c.source) continue;
          const cr = rangeOf(doc.model.lineStarts, { start: c.source.start, end: c.source.end });
          if (comparePos(cr.start, r.start) !== 0 || comparePos(cr.end, r.end) !== 0) continue;
          for (const h of s.headers) if (h.column === c.ref.column) out.push(rangeOf(doc.model.lineStarts, h.cell));
        }
      }
    }
  }
  return out;
}

/** Why an edit of a fix of a finding is outside the places its rule may edit, or undefined. */
function misplaced(doc: Doc, f: Finding, fix: Fix, e: TextEdit): string | undefined {
  const inRange = within(f.range, e.range);
  const atLineBoundary = zeroWidth(e.range) && (e.range.start.character === 0 || e.range.start.character === lineLength(doc, e.range.start.line));
  const code = f.code;
  if (code === 'template-version' || code === 'deadline') return `${code} offers no fix`;
  if (IN_PLACE_RULES.has(code)) return inRange ? undefined : 'outside the finding';
  if (code === 'empty-cell' && fix.edits.length > 1) {
    // "Fill all blank cells of this table".
    const blank = doc.model.tables.some((t) =>
      t.sections.some((s) => s.rows.some((row) => row.cells.some((c) => c.source && (c.value.kind === 'blank' || c.value.kind === 'placeholder') && within(rangeOf(doc.model.lineStarts, c.source.raw), e.range)))),
    );
    if (blank || inRange || inSlot(doc, e.range)) return undefined;
    return zeroWidth(e.range) && missingCellLines(doc).has(e.range.start.line) ? undefined : 'not a blank cell of the table';
  }
  if (CELL_RULES.has(code)) {
    if (inRange) return undefined;
    if ((zeroWidth(e.range) || inSlot(doc, e.range)) && missingCellLines(doc).has(e.range.start.line)) {
      // A missing cell's value goes on its row: the row must be the one the finding is about.
      const rows = doc.model.tables.flatMap((t) => t.sections.flatMap((s) => s.rows)).filter((r) => {
        const first = lineOf(doc, r.span.start);
        const last = lineOf(doc, r.span.end);
        return first <= e.range.start.line && e.range.start.line <= last && r.cells.some((c) => !c.source);
      });
      const onFindingRow = rows.some((r) => lineOf(doc, r.span.start) <= f.range.end.line && f.range.start.line <= lineOf(doc, r.span.end));
      return onFindingRow ? undefined : 'missing-cell insertion on another row';
    }
    return 'outside the cell';
  }
  if (code === 'unit') {
    if (inRange) return undefined;
    return headerRangesFor(doc, f.range).some((h) => within(h, e.range)) ? undefined : 'neither the cell nor its column header';
  }
  if (code === 'missing-row') {
    if (atLineBoundary) {
      const ok = tablesAt(doc, f.range).some((t) => {
        const { first, last } = tableLines(doc, t);
        // Indented cells: before the blank label cells (at most two lines) that open the row's block.
        return first - 2 <= e.range.start.line && e.range.start.line <= last + 1;
      });
      return ok ? undefined : 'insertion outside the table';
    }
    // The Markdown separator moved under the new first row.
    const line = e.range.start.line;
    const whole = e.range.start.character === 0 && e.newText === '' && (comparePos(e.range.end, { line: line + 1, character: 0 }) === 0 || e.range.end.character === lineLength(doc, line));
    const moved = whole && MD_SEPARATOR.test(doc.lines[line]) && fix.edits.some((o) => o !== e && o.newText.includes(doc.lines[line]));
    return moved ? undefined : 'neither an insertion at a line boundary nor the Markdown separator';
  }
  if (code === 'missing-table') {
    if (zeroWidth(e.range) && e.range.start.line === f.range.end.line && e.range.start.character === lineLength(doc, f.range.end.line)) return undefined;
    // Fragments replaced by the whole table: exactly their lines.
    const endLine = e.range.end.character === 0 && e.range.end.line > e.range.start.line ? e.range.end.line - 1 : e.range.end.line;
    const wholeLines = e.range.start.character === 0 && (e.range.end.character === 0 || e.range.end.character === lineLength(doc, e.range.end.line));
    const fragment = doc.model.tables.some((t) => {
      const { first, last } = tableLines(doc, t);
      return first === e.range.start.line && last === endLine;
    });
    return wholeLines && fragment ? undefined : 'neither after the heading nor exactly a fragment table';
  }
  if (code === 'missing-section') {
    if (inRange) return undefined;
    return zeroWidth(e.range) && e.range.start.character === 0 && e.range.start.line === f.range.start.line ? undefined : 'neither the heading nor the start of its line';
  }
  return `no allowed region known for ${code}`;
}

/** The lines an edit list touches (old document), and where each old line goes afterwards. */
function lineMap(edits: TextEdit[]): { edited: (line: number) => boolean; map: (line: number) => number; newEdited: (line: number) => boolean } {
  const sorted = [...edits].sort((a, b) => comparePos(a.range.start, b.range.start));
  const spans = sorted.map((e) => ({ first: e.range.start.line, last: e.range.end.line, delta: (e.newText.match(/\r\n|\r|\n/g)?.length ?? 0) - (e.range.end.line - e.range.start.line) }));
  const edited = (line: number) => spans.some((s) => s.first <= line && line <= s.last);
  const map = (line: number) => line + spans.filter((s) => s.last < line).reduce((sum, s) => sum + s.delta, 0);
  const newSpans = spans.map((s) => ({ first: map(s.first), last: map(s.first) + (s.last - s.first) + s.delta }));
  const newEdited = (line: number) => newSpans.some((s) => s.first <= line && line <= s.last);
  return { edited, map, newEdited };
}

const key = (f: Finding, line: (l: number) => number = (l) => l) =>
  `${f.code}@${line(f.range.start.line)}:${f.range.start.character}-${line(f.range.end.line)}:${f.range.end.character}`;

/**
 * Findings whose presence depends on values elsewhere in the document: a fix that changes a
 * number legitimately makes them appear or go on other lines (a relation through the changed
 * cell; the text's count compared with a total; the value a blank is derived to).
 */
const CONSEQUENTIAL = new Set(['row-total', 'column-total', 'balance', 'appeal-total', 'narrative', 'cross-year']);
/** Findings about something absent, shown on the nearest row or heading present. */
const ANCHORED = new Set(['missing-row', 'missing-section', 'missing-table']);

/** Applies one fix and checks that nothing outside its lines changed. Returns a problem or undefined. */
function checkOneFix(doc: Doc, before: Finding[], f: Finding, fix: Fix, previous?: ReportModel): string | undefined {
  const after = applyEdits(doc.text, fix.edits);
  if (after === doc.text) return undefined;
  const { edited, map, newEdited } = lineMap(fix.edits);
  const result = checkReport({ text: after, previous });
  // 1. Every data cell outside the edited lines is still read with the same text at the same place.
  const cellsOf = (model: ReportModel, keep: (line: number) => boolean, lineOfCell: (l: number) => number) => {
    const out = new Map<string, number>();
    for (const t of model.tables) {
      for (const [k, c] of t.cells) {
        // Blank cells hold no character: an insertion may turn whitespace lines into a row's blank label cells.
        if (!c.source || c.source.text === '' || !keep(c.source.line)) continue;
        const id = `${t.id}|${k}|${lineOfCell(c.source.line)}:${c.source.start - model.lineStarts[c.source.line]}|${c.source.text}`;
        out.set(id, (out.get(id) ?? 0) + 1);
      }
    }
    return out;
  };
  const oldCells = cellsOf(doc.model, (l) => !edited(l), map);
  const newCells = cellsOf(result.model, (l) => !newEdited(l), (l) => l);
  for (const [id, n] of oldCells) {
    if ((newCells.get(id) ?? 0) < n) return `cell ${id} outside the edited lines is no longer read the same`;
  }
  // 2. No new finding outside the edited lines (modulo line shifts), but for value-dependent ones.
  const old = new Set(before.filter((b) => !edited(b.range.start.line) && !edited(b.range.end.line)).map((b) => key(b, map)));
  const oldMessages = new Set(before.map((b) => `${b.code}|${b.message}`));
  for (const g of result.findings) {
    if (newEdited(g.range.start.line) || newEdited(g.range.end.line) || CONSEQUENTIAL.has(g.code)) continue;
    // A missing row, part or table is reported on a neighbour, which an inserted row can become.
    if (ANCHORED.has(g.code) && oldMessages.has(`${g.code}|${g.message}`)) continue;
    if (!old.has(key(g))) return `new finding ${key(g)} “${g.message}” outside the edited lines`;
  }
  return undefined;
}

/** Fixes verified per rule, for the summary. */
const perRule = new Map<string, number>();

/** Verifies every fix of every finding of a text; returns the number of fixes verified. */
function verifyFixes(text: string, tally: Tally, recheck: number, previous?: ReportModel): number {
  const doc = docOf(text);
  const { findings } = guarded(tally, () => checkReport({ text, model: doc.model, previous }));
  let verified = 0;
  let rechecked = 0;
  findings.forEach((f, i) => {
    if (!ruleInfo(f.code).fixable) assert.deepEqual(f.fixes, [], `${f.code} is documented as not fixable`);
    for (const fix of f.fixes) {
      assert.ok(fix.edits.length > 0, `${f.code}: fix “${fix.title}” has no edit`);
      for (const e of fix.edits) {
        const why = misplaced(doc, f, fix, e);
        assert.equal(why, undefined, `${f.code} at ${JSON.stringify(f.range)}: fix “${fix.title}” edits ${JSON.stringify(e.range)} → ${show(e.newText, 60)}: ${why}\nline: ${show(doc.lines[e.range.start.line] ?? '')}`);
      }
      // Re-check after applying: every preferred fix, and a sample of the others.
      if (fix.preferred || (i + rechecked) % 3 === 0) {
        if (rechecked < recheck) {
          rechecked++;
          const problem = guarded(tally, () => checkOneFix(doc, findings, f, fix, previous));
          assert.equal(problem, undefined, `${f.code} fix “${fix.title}”: ${problem}`);
        }
      }
      verified++;
      perRule.set(f.code, (perRule.get(f.code) ?? 0) + 1);
    }
  });
  tally.fixesVerified += verified;
  tally.add('fixes applied and re-checked', rechecked);
  return verified;
}

describe('robustness: quick fixes edit only their own cell, label or insertion point', () => {
  it('on the seeds and layout fixtures as they are', (t) => {
    const tally = new Tally('fix regions on the corpus');
    for (const { text } of DOCS) {
      tally.inputs++;
      verifyFixes(text, tally, 1000);
    }
    tally.print(t);
  });

  it('on damaged seeds and layouts (numbers retyped, lines and cells moved)', (t) => {
    const tally = new Tally('fix regions and single-fix re-check on damaged documents');
    perRule.clear();
    fc.assert(
      fc.property(damagedArb(DOCS, 6, valueMutationArb), ({ name, text }) => {
        tally.inputs++;
        // A 2021 layout fixture is next year's report of its 2019 twin: cross-year is checked too.
        verifyFixes(text, tally, 12, name.startsWith('2021-') ? PREVIOUS.get(name.replace('2021-', '2019-')) : undefined);
      }),
      params(250),
    );
    // Fixes that random damage reaches only now and then, verified on every run: each 2021 layout
    // fixture with its 上年结转 total retyped, against its 2019 twin (cross-year).
    for (const { name, text } of layoutFixtures().filter((f) => f.name.startsWith('2021-'))) {
      tally.inputs++;
      verifyFixes(setCell(text, 'table3', 'carried', 'total', '99'), tally, 12, PREVIOUS.get(name.replace('2021-', '2019-')));
    }
    assert.ok(tally.fixesVerified > 1000, `only ${tally.fixesVerified} fixes verified`);
    tally.note('per rule', [...perRule].sort((a, b) => b[1] - a[1]).map(([code, n]) => `${code} ${n}`).join(', '));
    for (const code of ['row-total', 'column-total', 'balance', 'appeal-total', 'empty-cell', 'invalid-number', 'missing-row', 'missing-table', 'label', 'cross-year']) {
      assert.ok((perRule.get(code) ?? 0) > 0, `no fix of ${code} was verified`);
    }
    tally.print(t);
  });
});

describe('robustness: fix all reaches a fixed point', () => {
  it('a fourth pass applies nothing, and fixed text stays fixed', (t) => {
    const tally = new Tally('fixText fixed point within three passes');
    const check = (text: string) => {
      tally.inputs++;
      const fixed = guarded(tally, () => fixText(text));
      // One pass of every preferred fix: cells that no finding is about keep their values (on
      // whatever line they end up). Later passes act on findings the first one revealed.
      const before = checkReport({ text });
      const firstPass = applyEdits(text, preferredEdits(before.findings).edits);
      const untouched = (model: ReportModel, findings: Finding[]) => {
        const out = new Map<string, number>();
        for (const t of model.tables) {
          for (const [k, c] of t.cells) {
            if (!c.source || c.value.kind !== 'number') continue;
            const r = rangeOf(model.lineStarts, c.source);
            if (findings.some((f) => comparePos(f.range.start, r.end) <= 0 && comparePos(r.start, f.range.end) <= 0)) continue;
            const id = `${t.id}|${k}|${c.source.text}`;
            out.set(id, (out.get(id) ?? 0) + 1);
          }
        }
        return out;
      };
      const kept = untouched(parseReport(firstPass), []);
      for (const [id, n] of untouched(before.model, before.findings)) {
        assert.ok((kept.get(id) ?? 0) >= n, `fixing every finding changed or lost the cell ${id}, which no finding was about`);
      }
      const again = fixText(fixed.text);
      assert.equal(again.applied, 0, `a fourth pass still applies ${again.applied} fixes`);
      assert.equal(again.text, fixed.text, 'a fourth pass changes the text');
      tally.fixesVerified += fixed.applied;
      // Preferred fixes left are those fixText found to change nothing (their finding survives them).
      const { count } = preferredEdits(checkReport({ text: fixed.text }).findings);
      if (count > 0) tally.add('ineffective preferred fixes withheld', count);
    };
    for (const { text } of DOCS) check(text);
    fc.assert(fc.property(damagedArb(DOCS, 6, valueMutationArb), ({ text }) => check(text)), params(250));
    tally.print(t);
  });

  it('fixing a consistent report changes nothing', (t) => {
    const tally = new Tally('fixText on consistent reports');
    for (const { name, text } of layoutFixtures()) {
      tally.inputs++;
      const fixed = fixText(text);
      assert.equal(fixed.applied, 0, `${name}: ${fixed.applied} fixes applied`);
      assert.equal(fixed.text, text, `${name}: text changed`);
      for (const eol of ['\r\n', '\r']) {
        tally.inputs++;
        const other = text.replace(/\n/g, eol);
        assert.equal(fixText(other).text, other, `${name} with ${JSON.stringify(eol)}: text changed`);
      }
    }
    tally.print(t);
  });
});
