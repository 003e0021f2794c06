/**
 * `template-version` — a table follows the other national format than the one the report year
 * requires (2019 format, 国办公开办函〔2019〕60号, for 2019–2020 reports; 2021 format,
 * 国办公开办函〔2021〕30号, from 2021), or than `--template` / `format` demands.
 *
 * The format a table follows is what its labels show (`TableInstance.format`): table 2's column
 * headers and sections (本年新制作数量 / 第二十条第（九）项 are 2019, 本年制发件数 is 2021), table 3's
 * （六）其他处理 (one data row in 2019, three sub-rows in 2021). A table whose labels give no evidence
 * (table 4 is identical in both) is never reported.
 *
 * Example: a 2021 report whose table 2 still has 本年新制作数量 | 本年新公开数量 | 对外公开总数量.
 *
 * One finding per table, on its first label; the labels that show the other format are listed as
 * related information. No fix: converting a table between formats needs data the old one lacks.
 */
import type { TableInstance, TextCell } from '../model';
import { FORMATS, tableDecl } from '../template';
import { labelCore } from '../text/normalize';
import type { FormatId, RelatedInfo } from '../types';
import type { Rule, RuleContext } from './rule';

const TABLE_NAMES: Record<TableInstance['id'], { zh: string; en: string }> = {
  table2: { zh: '表二（主动公开政府信息情况）', en: 'Table 2 (主动公开政府信息情况)' },
  table3: { zh: '表三（收到和处理政府信息公开申请情况）', en: 'Table 3 (收到和处理政府信息公开申请情况)' },
  table4: { zh: '表四（行政复议、行政诉讼情况）', en: 'Table 4 (行政复议、行政诉讼情况)' },
};

/** The labels of a table in document order. */
function labelsOf(table: TableInstance): TextCell[] {
  const cells: TextCell[] = [];
  for (const s of table.sections) {
    if (s.caption) cells.push(s.caption);
    for (const h of s.headers) cells.push(h.cell);
    for (const r of s.rows) if (r.label) cells.push(r.label);
  }
  return cells.filter((c) => c.end > c.start).sort((a, b) => a.start - b.start);
}

/** The labels of a table that belong to `format` and not to the other one. */
function evidenceOf(table: TableInstance, format: FormatId): TextCell[] {
  const other: FormatId = format === '2019' ? '2021' : '2019';
  const out: TextCell[] = [];
  if (table.id === 'table2') {
    const otherDecl = tableDecl(other, 'table2');
    for (const s of table.sections) {
      const otherSection = otherDecl.sections.find((d) => d.id === s.id);
      if (!otherSection) {
        if (s.caption) out.push(s.caption);
        continue;
      }
      const known = new Set(otherSection.columns.flatMap((c) => [c.label, ...(c.variants ?? [])]).map(labelCore));
      for (const h of s.headers) if (!known.has(labelCore(h.match.standard))) out.push(h.cell);
    }
  } else if (table.id === 'table3') {
    for (const s of table.sections) {
      for (const r of s.rows) {
        if (!r.label) continue;
        if (format === '2021' ? r.id?.startsWith('other.') : r.id === 'other') out.push(r.label);
      }
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

export const templateVersionRule: Rule = {
  code: 'template-version',
  check(ctx: RuleContext) {
    const expected = ctx.expectedFormat;
    for (const table of ctx.model.tables) {
      const found = table.format;
      if (!found || found === expected) continue;
      const labels = labelsOf(table);
      const evidence = evidenceOf(table, found);
      const anchor = labels[0] ?? evidence[0];
      const span = anchor ?? (table.span.end > table.span.start ? table.span : undefined);
      if (!span) continue;
      const params = {
        table: ctx.t(TABLE_NAMES[table.id]),
        found,
        foundNotice: FORMATS[found].notice.text,
        expected,
        expectedNotice: FORMATS[expected].notice.text,
        year: ctx.model.year ?? '',
      };
      const message = ctx.model.year !== undefined && (ctx.options.template ?? 'auto') === 'auto'
        ? ctx.t(
            {
              zh: '{table}采用的是{found}年格式（{foundNotice}），{year}年度报告应采用{expected}年格式（{expectedNotice}）',
              en: '{table} follows the {found} format ({foundNotice}); a {year} report must use the {expected} format ({expectedNotice})',
            },
            params,
          )
        : ctx.t(
            {
              zh: '{table}采用的是{found}年格式（{foundNotice}），本报告应采用{expected}年格式（{expectedNotice}）',
              en: '{table} follows the {found} format ({foundNotice}); this report must use the {expected} format ({expectedNotice})',
            },
            params,
          );
      const related: RelatedInfo[] = evidence.map((cell) => ({
        range: ctx.range(cell),
        message: ctx.t({ zh: '“{label}”属于{found}年格式', en: '“{label}” belongs to the {found} format' }, { label: cell.text, found }),
      }));
      ctx.report({ range: ctx.range(span), message, related });
    }
  },
};
