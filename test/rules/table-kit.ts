/**
 * Test kit for the table rules (unit, decimals, label, invalid-number, missing-row,
 * missing-table): checking a text, picking findings, applying a fix and re-checking, and building
 * whole reports whose tables are rendered in any layout.
 */
import assert from 'node:assert/strict';
import { checkReport } from '../../server/src/engine/check';
import { applyEdits } from '../../server/src/engine/fixes/apply';
import type { TableLayout } from '../../server/src/engine/model';
import { renderTable, type CellValues } from '../../server/src/engine/render';
import { cellKey, PARTS, tableDecl } from '../../server/src/engine/template';
import type { CellRef, TableId } from '../../server/src/engine/template/types';
import type { EngineOptions, Finding, FormatId, Range, RuleCode } from '../../server/src/engine/types';

export const LAYOUTS: TableLayout[] = ['tab', 'pipe-cells', 'indented-cells', 'markdown', 'pipe-rows', 'spaces'];

/** Every finding of a text. */
export function findings(text: string, options: EngineOptions = {}): Finding[] {
  return checkReport({ text, options }).findings;
}

/** The findings of one rule. */
export function findingsOf(text: string, code: RuleCode, options: EngineOptions = {}): Finding[] {
  return findings(text, options).filter((f) => f.code === code);
}

/** A range as `line:char-line:char` (0-based, UTF-16), for compact assertions. */
export function at(range: Range): string {
  return `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;
}

/** The range of the `nth` occurrence of `needle` in `text`, as `at` writes it. */
export function rangeOfText(text: string, needle: string, nth = 0): string {
  let offset = -1;
  for (let i = 0; i <= nth; i++) {
    offset = text.indexOf(needle, offset + 1);
    assert.ok(offset >= 0, `“${needle}” (#${nth}) not in the text`);
  }
  const pos = (o: number) => {
    const before = text.slice(0, o);
    const line = before.split(/\r\n|\r|\n/).length - 1;
    const lineStart = Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r')) + 1;
    return `${line}:${o - lineStart}`;
  };
  return `${pos(offset)}-${pos(offset + needle.length)}`;
}

/** Asserts the range is visible: not zero-width. */
export function assertVisible(f: Finding): void {
  const r = f.range;
  assert.ok(r.end.line > r.start.line || r.end.character > r.start.character, `zero-width range for ${f.code}: ${at(r)}`);
}

const key = (f: Finding): string => `${f.code}|${f.message}`;

/**
 * Applies fix `fixIndex` of `finding`, re-checks, and asserts that the finding is gone (no finding
 * of its code with the same message) and that no new finding appeared. Returns the fixed text.
 */
export function applyFixAndRecheck(text: string, finding: Finding, fixIndex = 0, options: EngineOptions = {}): string {
  const before = findings(text, options);
  const fix = finding.fixes[fixIndex];
  assert.ok(fix, `${finding.code} has no fix #${fixIndex}`);
  const fixed = applyEdits(text, fix.edits);
  assert.notEqual(fixed, text, 'the fix changes nothing');
  const after = findings(fixed, options);
  assert.ok(!after.some((f) => key(f) === key(finding)), `${finding.code} still reported after its fix:\n${finding.message}\n---\n${fixed}`);
  const remaining = new Map<string, number>();
  for (const f of before) if (f !== finding && key(f) !== key(finding)) remaining.set(key(f), (remaining.get(key(f)) ?? 0) + 1);
  const added: string[] = [];
  for (const f of after) {
    const n = remaining.get(key(f)) ?? 0;
    if (n > 0) remaining.set(key(f), n - 1);
    else added.push(`${f.code} ${at(f.range)} ${f.message}`);
  }
  assert.deepEqual(added, [], `new findings after the ${finding.code} fix:\n${fixed}`);
  return fixed;
}

export interface ReportSpec {
  year?: number;
  layout?: TableLayout;
  /** A table's text, or a values function for a rendered table, or null to leave it out. */
  tables?: Partial<Record<TableId, string | CellValues | null>>;
  /** Markdown `##` headings (default: when the layout is markdown). */
  markdownHeadings?: boolean;
  eol?: string;
}

/**
 * A whole report: title, statistics period, the six part headings, a sentence per part and the
 * three tables (rendered in `layout` with zeros unless given).
 */
export function report(spec: ReportSpec = {}): string {
  const year = spec.year ?? 2021;
  const format: FormatId = year <= 2020 ? '2019' : '2021';
  const layout = spec.layout ?? 'tab';
  const eol = spec.eol ?? '\n';
  const md = spec.markdownHeadings ?? layout === 'markdown';
  const lines: string[] = [];
  lines.push(`${md ? '# ' : ''}明湖市测试局${year}年政府信息公开工作年度报告`, '');
  lines.push(`本报告中所列数据的统计期限自${year}年1月1日起至${year}年12月31日止。`, '');
  for (const part of PARTS) {
    lines.push(`${md ? '## ' : ''}${part.heading}`, '');
    const id = part.index >= 2 && part.index <= 4 ? (`table${part.index}` as TableId) : undefined;
    const given = id ? spec.tables?.[id] : undefined;
    if (id && given !== null) {
      const text = typeof given === 'string' ? given : renderTable(format, id, layout, eol, given ?? undefined);
      lines.push(text.replace(/(\r\n|\r|\n)$/, ''), '');
    } else if (!id) {
      lines.push('本部分内容从略，无其他需要说明的事项。', '');
    }
  }
  lines.push('明湖市测试局', `${year + 1}年1月15日`);
  return lines.join(eol) + eol;
}

/** Non-zero values that satisfy every relation of the format, distinct enough to catch misalignment. */
export function consistentValues(format: FormatId, table: TableId): CellValues {
  const decl = tableDecl(format, table);
  const values = new Map<string, string>();
  const set = (ref: CellRef, v: number | string) => values.set(cellKey(ref), String(v));
  if (table === 'table2') {
    decl.sections.forEach((s, si) => s.rows.forEach((r, ri) => s.columns.forEach((c, ci) => {
      const ref = { table, section: s.id, row: r.id, column: c.id };
      const n = si * 7 + ri * 3 + ci + 1;
      set(ref, c.kind === 'signed' ? (n % 2 ? `+${n}` : `-${n}`) : c.kind === 'money' ? `${n}.25` : n);
    })));
  } else if (table === 'table4') {
    const s = decl.sections[0];
    for (const [b, block] of ['review', 'direct', 'after'].entries()) {
      const outcomes = [b + 1, 0, 2, b];
      ['upheld', 'corrected', 'other', 'pending'].forEach((o, i) => set({ table, section: s.id, row: 'cases', column: `${block}.${o}` }, outcomes[i]));
      set({ table, section: s.id, row: 'cases', column: `${block}.total` }, outcomes.reduce((a, x) => a + x, 0));
    }
  } else {
    const s = decl.sections[0];
    const applicant = s.columns.filter((c) => c.id !== 'total');
    const details = s.rows.filter((r) => r.data && r.group && r.id !== 'total7');
    const colSum = new Map<string, number>();
    const put = (row: string, perColumn: (c: number) => number) => {
      let total = 0;
      applicant.forEach((c, ci) => {
        const v = perColumn(ci);
        total += v;
        set({ table, section: s.id, row, column: c.id }, v);
      });
      set({ table, section: s.id, row, column: 'total' }, total);
    };
    details.forEach((r, ri) => {
      put(r.id, (ci) => {
        const v = (ri + ci) % 3;
        colSum.set(applicant[ci].id, (colSum.get(applicant[ci].id) ?? 0) + v);
        return v;
      });
    });
    put('total7', (ci) => colSum.get(applicant[ci].id)!);
    put('carried', (ci) => ci % 2);
    put('carryover', () => 1);
    put('new', (ci) => colSum.get(applicant[ci].id)! + 1 - (ci % 2));
  }
  return (ref) => {
    const v = values.get(cellKey(ref));
    assert.ok(v !== undefined, `no value for ${cellKey(ref)}`);
    return v;
  };
}
