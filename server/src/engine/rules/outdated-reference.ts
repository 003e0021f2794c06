/**
 * `outdated-reference` — the text cites a document that no longer applies to the report:
 * - the Regulations by the decree of their 2007 version (国务院令第492号), replaced in 2019 by
 *   国务院令第711号 — in a report for 2019 or later, or of unknown year;
 * - the annual-report format notice of the other national format (国办公开办函〔2019〕60号 in a
 *   report that must follow the 2021 format, 国办公开办函〔2021〕30号 in one that must follow the
 *   2019 format), judged by the format the report year (or `format`) requires. Both notices are
 *   declared with the formats in the template.
 *
 * Example: a 2021 report copied from last year's, `按照…年度报告格式（国办公开办函〔2019〕60号）` →
 * 国办公开办函〔2021〕30号.
 *
 * Fix (preferred): rewrite the decree number, or the notice's year and number, in the citation's
 * own brackets and digits (full-width digits stay full-width).
 */
import { FORMATS, REGULATIONS } from '../template';
import { toHalfWidth } from '../text/normalize';
import type { FormatId, TextEdit } from '../types';
import { writeLike } from './period';
import type { Rule, RuleContext } from './rule';

const DECREE = /^国务院令\s*第?\s*(\d+)\s*号/d;
const NOTICE = /^国办公开办函\s*[〔[（(【]\s*(\d{4})\s*[〕\]）)】]\s*(\d+)\s*号/d;

/** A citation found in the text: its span and the document offsets of its number groups. */
interface Citation {
  start: number;
  end: number;
  groups: { start: number; end: number; value: number }[];
}

/** Every match of `pattern` (anchored, with indices) at an occurrence of `keyword`, read in half-width digits. */
function citations(text: string, keyword: string, pattern: RegExp): Citation[] {
  const out: Citation[] = [];
  for (let at = text.indexOf(keyword); at >= 0; at = text.indexOf(keyword, at + keyword.length)) {
    const m = pattern.exec(toHalfWidth(text.slice(at, at + keyword.length + 24)));
    if (!m) continue;
    const groups = m.indices!.slice(1).map(([s, e]) => ({ start: at + s, end: at + e, value: Number(m[0].slice(s, e)) }));
    out.push({ start: at, end: at + m[0].length, groups });
  }
  return out;
}

/** An edit writing `value` over a number of a citation, in its own digits. */
function numberEdit(ctx: RuleContext, group: Citation['groups'][number], value: number): TextEdit {
  return { range: ctx.range(group), newText: writeLike(ctx.model.text.slice(group.start, group.end), value, false) };
}

export const outdatedReferenceRule: Rule = {
  code: 'outdated-reference',
  check(ctx) {
    const text = ctx.model.text;
    const year = ctx.model.year;
    if (year === undefined || year >= REGULATIONS.revisedIn) {
      for (const c of citations(text, '国务院令', DECREE)) {
        if (c.groups[0].value !== REGULATIONS.superseded) continue;
        ctx.report({
          range: ctx.range(c),
          message: ctx.t(
            { zh: '《政府信息公开条例》已于{year}年修订，国务院令第{old}号是修订前的版本，应引用国务院令第{current}号', en: 'The Regulations were revised in {year}: 国务院令第{old}号 is the version before, cite 国务院令第{current}号' },
            { year: REGULATIONS.revisedIn, old: REGULATIONS.superseded, current: REGULATIONS.current },
          ),
          fixes: [{
            title: ctx.t({ zh: '改为国务院令第{current}号', en: 'Cite 国务院令第{current}号' }, { current: REGULATIONS.current }),
            edits: [numberEdit(ctx, c.groups[0], REGULATIONS.current)],
            preferred: true,
          }],
        });
      }
    }
    if (year === undefined) return;
    const required = ctx.expectedFormat;
    const other: FormatId = required === '2019' ? '2021' : '2019';
    const want = FORMATS[required].notice;
    const stale = FORMATS[other].notice;
    for (const c of citations(text, '国办公开办函', NOTICE)) {
      const [y, n] = c.groups;
      if (y.value !== stale.year || n.value !== stale.number) continue;
      ctx.report({
        range: ctx.range(c),
        message: ctx.t(
          { zh: '{year}年度报告应采用{format}年版年报格式，其印发通知为{want}，而非{cited}', en: 'A {year} report follows the {format} format, issued by {want}, not {cited}' },
          { year, format: required, want: want.text, cited: stale.text },
        ),
        fixes: [{
          title: ctx.t({ zh: '改为{want}', en: 'Cite {want}' }, { want: want.text }),
          edits: [numberEdit(ctx, y, want.year), numberEdit(ctx, n, want.number)],
          preferred: true,
        }],
      });
    }
  },
};
