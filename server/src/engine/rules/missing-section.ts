/**
 * `missing-section` — each of the six parts (一、总体情况 … 六、其他需要报告的事项) must appear
 * exactly once and in order.
 *
 * - Absent part: reported on the heading of the next part present (or the last non-blank line when
 *   no later part is present). Fix (not preferred): insert the canonical heading as its own line
 *   before that heading (or at the end), in the document's heading style (the neighbouring
 *   headings' Markdown `#` level and bold marks, or plain).
 * - Repeated part: reported on the second (and any later) heading. No fix.
 * - Part out of order: reported on the misplaced heading (the parts kept in place are the longest
 *   run in order), saying which part it is and where it belongs. No fix. Example: seed 000 writes
 *   `五、其他情况` (part 六's content) before `六、存在的主要问题及改进情况`.
 * - A heading whose written ordinal disagrees both with its content and with its position (a typo
 *   such as a second `三、` for the 行政复议 part): reported on the heading; fix (not preferred):
 *   renumber it. Otherwise a disagreeing ordinal is mentioned in the finding on that heading.
 * - A heading in its place without ordinal (`总体情况`, as left when Word's automatic numbering is
 *   copied as text): reported on the heading; fix (preferred): add the ordinal, in the form the
 *   other headings use (`一、` or `第一部分 `).
 * - No part heading at all in a document with text: one finding on the first non-blank line.
 */
import { eolOf } from '../fixes/edits';
import type { PartInstance, ReportModel, Span } from '../model';
import { PARTS } from '../template';
import { lineOfOffset } from '../text/positions';
import type { Fix } from '../types';
import type { Rule, RuleContext } from './rule';

const CN = '一二三四五六七八九十';
const cn = (n: number): string => (n >= 1 && n <= 10 ? CN[n - 1] : String(n));

function lineSpan(model: ReportModel, line: number): Span {
  const start = model.lineStarts[line];
  let end = line + 1 < model.lineStarts.length ? model.lineStarts[line + 1] : model.text.length;
  while (end > start && /\s/.test(model.text[end - 1])) end--;
  let s = start;
  while (s < end && /\s/.test(model.text[s])) s++;
  return { start: s, end };
}

/** The last (or first) line holding something other than whitespace. */
function nonBlankLine(model: ReportModel, last: boolean): number | undefined {
  const n = model.lineStarts.length;
  for (let k = 0; k < n; k++) {
    const line = last ? n - 1 - k : k;
    const span = lineSpan(model, line);
    if (span.end > span.start) return line;
  }
  return undefined;
}

function lineOf(model: ReportModel, offset: number): number {
  return lineOfOffset(model.lineStarts, offset);
}

/** The longest run of parts already in order; among equally long runs, the one with the smallest indices. */
function keptInOrder(seq: PartInstance[]): Set<PartInstance> {
  // Parts in order, as nearly every report has them, are all kept: the search below is for the rest.
  let ordered = true;
  for (let i = 1; i < seq.length && ordered; i++) ordered = seq[i].index > seq[i - 1].index;
  if (ordered) return new Set(seq);
  const best: PartInstance[][] = [];
  const better = (a: PartInstance[], b: PartInstance[] | undefined): boolean => {
    if (!b) return true;
    if (a.length !== b.length) return a.length > b.length;
    for (let i = 0; i < a.length; i++) if (a[i].index !== b[i].index) return a[i].index < b[i].index;
    return false;
  };
  for (let i = seq.length - 1; i >= 0; i--) {
    let tail: PartInstance[] = [];
    for (let j = i + 1; j < seq.length; j++) {
      if (seq[j].index > seq[i].index && better(best[j], tail.length ? tail : undefined)) tail = best[j];
    }
    best[i] = [seq[i], ...tail];
  }
  let overall: PartInstance[] | undefined;
  for (const b of best) if (better(b, overall)) overall = b;
  return new Set(overall ?? []);
}

/** The Markdown/bold decoration around a heading, reusable for an inserted heading. */
function styleOf(model: ReportModel, heading: PartInstance['heading']): { prefix: string; suffix: string; blankBefore: boolean } {
  const line = lineOf(model, heading.start);
  const lineStart = model.lineStarts[line];
  const lineEndAt = line + 1 < model.lineStarts.length ? model.lineStarts[line + 1] : model.text.length;
  const prefix = model.text.slice(lineStart, heading.start);
  const suffix = model.text.slice(heading.end, lineEndAt).replace(/\s+$/, '');
  const ok = /^[ \t\u3000#*_]*$/.test(prefix) && /^[ \t#*_]*$/.test(suffix);
  const blankBefore = line > 0 && lineSpan(model, line - 1).end === lineSpan(model, line - 1).start;
  return { prefix: ok ? prefix : '', suffix: ok ? suffix : '', blankBefore };
}

function ordinalNote(ctx: RuleContext, part: PartInstance): string {
  const written = Number(part.ordinal);
  if (!Number.isFinite(written) || written === part.index) return '';
  return ctx.t(
    { zh: '；标题序号“{written}”与内容（第{ord}部分）不一致', en: '; its ordinal {written} does not match its content (part {ord})' },
    { written: cn(written), ord: cn(part.index) },
  );
}

export const missingSectionRule: Rule = {
  code: 'missing-section',
  check(ctx) {
    const model = ctx.model;
    const parts = [...model.parts].sort((a, b) => a.heading.start - b.heading.start);
    if (parts.length === 0) {
      const first = nonBlankLine(model, false);
      if (first === undefined) return;
      ctx.report({
        range: ctx.range(lineSpan(model, first)),
        message: ctx.t({
          zh: '未找到报告六个部分的标题（一、总体情况 … 六、其他需要报告的事项）',
          en: 'None of the six part headings (一、总体情况 … 六、其他需要报告的事项) was found',
        }),
      });
      return;
    }

    const firsts: PartInstance[] = [];
    const reported = new Set<PartInstance>();
    for (const p of parts) {
      const first = firsts.find((f) => f.index === p.index);
      if (!first) {
        firsts.push(p);
        continue;
      }
      reported.add(p);
      ctx.report({
        range: ctx.range(p.heading),
        message: ctx.t(
          { zh: '第{ord}部分“{canonical}”重复出现（首次出现在第{line}行）', en: 'Part {ord} “{canonical}” appears again (first on line {line})' },
          { ord: cn(p.index), canonical: PARTS[p.index - 1].heading, line: lineOf(model, first.heading.start) + 1 },
        ) + ordinalNote(ctx, p),
      });
    }

    const kept = keptInOrder(firsts);
    const keptList = firsts.filter((p) => kept.has(p));
    for (const p of firsts) {
      if (kept.has(p)) continue;
      reported.add(p);
      const after = [...keptList].reverse().find((k) => k.index < p.index);
      const before = keptList.find((k) => k.index > p.index);
      const params = { text: p.heading.text, ord: cn(p.index), canonical: PARTS[p.index - 1].heading, anchor: (after ?? before)?.heading.text ?? '' };
      ctx.report({
        range: ctx.range(p.heading),
        message: ctx.t(
          after
            ? { zh: '“{text}”是第{ord}部分（{canonical}），顺序错误：应位于“{anchor}”之后', en: '“{text}” is part {ord} ({canonical}) and is out of order: it belongs after “{anchor}”' }
            : { zh: '“{text}”是第{ord}部分（{canonical}），顺序错误：应位于“{anchor}”之前', en: '“{text}” is part {ord} ({canonical}) and is out of order: it belongs before “{anchor}”' },
          params,
        ) + ordinalNote(ctx, p),
      });
    }

    const eol = eolOf(model.text);
    for (const decl of PARTS) {
      if (firsts.some((p) => p.index === decl.index)) continue;
      const next = keptList.find((k) => k.index > decl.index);
      const neighbour = next ?? [...keptList].reverse()[0] ?? firsts[0];
      const style = styleOf(model, neighbour.heading);
      const headingLine = `${style.prefix}${decl.heading}${style.suffix}`;
      let range;
      let fix: Fix;
      const title = ctx.t({ zh: '插入标题“{heading}”', en: 'Insert the heading “{heading}”' }, { heading: decl.heading });
      if (next) {
        reported.add(next);
        range = ctx.range(next.heading);
        const at = model.lineStarts[lineOf(model, next.heading.start)];
        fix = { title, edits: [{ range: ctx.range({ start: at, end: at }), newText: headingLine + eol + (style.blankBefore ? eol : '') }], preferred: false };
      } else {
        const last = nonBlankLine(model, true)!;
        const span = lineSpan(model, last);
        range = ctx.range(span);
        fix = { title, edits: [{ range: ctx.range({ start: span.end, end: span.end }), newText: eol + (style.blankBefore ? eol : '') + headingLine }], preferred: false };
      }
      const message = next
        ? ctx.t(
            { zh: '缺少第{ord}部分“{heading}”，应位于“{next}”之前', en: 'Part {ord} “{heading}” is missing; it belongs before “{next}”' },
            { ord: decl.ordinal, heading: decl.heading, next: next.heading.text },
          ) + ordinalNote(ctx, next)
        : ctx.t(
            { zh: '缺少第{ord}部分“{heading}”，应位于报告末尾', en: 'Part {ord} “{heading}” is missing; it belongs at the end of the report' },
            { ord: decl.ordinal, heading: decl.heading },
          );
      ctx.report({ range, message, fixes: [fix] });
    }

    const numbering = parts.some((p) => p.ordinal !== undefined && p.heading.text.startsWith('第'))
      ? (index: number) => `第${cn(index)}部分 `
      : (index: number) => `${cn(index)}、`;
    parts.forEach((p, position) => {
      if (reported.has(p)) return;
      if (p.ordinal === undefined) {
        const ordinal = numbering(p.index);
        ctx.report({
          range: ctx.range(p.heading),
          message: ctx.t(
            { zh: '标题“{text}”缺少序号，应为“{canonical}”', en: 'The heading “{text}” has no ordinal; it should read “{canonical}”' },
            { text: p.heading.text, canonical: PARTS[p.index - 1].heading },
          ),
          fixes: [{
            title: ctx.t({ zh: '加上序号“{ordinal}”', en: 'Add the ordinal “{ordinal}”' }, { ordinal: ordinal.trim() }),
            edits: [{ range: ctx.range({ start: p.heading.start, end: p.heading.start }), newText: ordinal }],
            preferred: true,
          }],
        });
        return;
      }
      // A heading in its place whose ordinal is wrong both for its content and for its position.
      const written = Number(p.ordinal);
      if (!Number.isFinite(written) || written === p.index || written === position + 1) return;
      const ordinalAt = model.text.slice(p.heading.start, p.heading.start + 1);
      const fixes: Fix[] = CN.includes(ordinalAt) && ordinalAt !== ''
        ? [{
            title: ctx.t({ zh: '将序号改为“{ord}”', en: 'Renumber it “{ord}”' }, { ord: cn(p.index) }),
            edits: [{ range: ctx.range({ start: p.heading.start, end: p.heading.start + 1 }), newText: cn(p.index) }],
            preferred: false,
          }]
        : [];
      ctx.report({
        range: ctx.range(p.heading),
        message: ctx.t(
          { zh: '标题序号“{written}”与内容不符：“{text}”是第{ord}部分（{canonical}）', en: 'The ordinal {written} does not match the heading: “{text}” is part {ord} ({canonical})' },
          { written: cn(written), text: p.heading.text, ord: cn(p.index), canonical: PARTS[p.index - 1].heading },
        ),
        fixes,
      });
    });
  },
};
