/**
 * `label` — a row or column label that the parser recognised only as a near miss (a typo such as
 * `2.其他法律法规禁止公开` for 2.其他法律行政法规禁止公开, 5.属于三类内容事务信息, a table
 * header such as `自然仁` or `结果维特`, a caption of table 2 such as `第二十一条第（六）项`) or in
 * an old wording (`规范性文件` in a 2021-format table 2, where 行政规范性文件 is standard).
 * Spacing, full/half-width punctuation, 1./1、 numbering, quotes and line breaks are not
 * deviations (the matcher ignores them), nor are accepted variants.
 * Fix (preferred): replace the label's text with the standard wording, keeping the ordinal
 * prefix as written (`2.其他法律法规禁止公开` → `2.其他法律行政法规禁止公开`) but closing a bracket
 * left open (`（七甲总计` → `（七）总计`); a column header keeps its parenthesised remark (unit,
 * decimals).
 */
import type { LabelMatch, TextCell } from '../model';
import { splitOrdinal, toHalfWidth } from '../text/normalize';
import { rangeOf } from '../text/positions';
import type { Rule, RuleContext } from './rule';

function deviates(match: LabelMatch | undefined): match is LabelMatch {
  return !!match && (match.quality === 'fuzzy' || match.quality === 'deprecated');
}

/** The bracket that closes a written ordinal left open (`（七` → `）`), or nothing. */
function closingBracket(ordinal: string): string {
  const open = /^\s*([（(])[^)）]*$/.exec(ordinal);
  return open ? (open[1] === '（' ? '）' : ')') : '';
}

/** The standard wording without its ordinal: `2.其他法律行政法规禁止公开` → `其他法律行政法规禁止公开`. */
function withoutOrdinal(label: string): string {
  return label.slice(splitOrdinal(toHalfWidth(label)).rest);
}

function report(ctx: RuleContext, cell: TextCell, match: LabelMatch, start: number, end: number, newText: string, kind: 'row' | 'column' | 'caption'): void {
  const written = cell.text;
  const message = match.quality === 'deprecated'
    ? ctx.t(
        { zh: '“{written}”是旧格式的用语，本表格式的标准用语为“{standard}”', en: '“{written}” is the old format\'s wording; this table\'s format says “{standard}”' },
        { written, standard: match.standard },
      )
    : ctx.t(MESSAGES[kind], { written, standard: match.standard });
  const old = ctx.model.text.slice(start, end);
  ctx.report({
    range: ctx.range({ start: cell.start, end: Math.max(cell.end, cell.start + 1) }),
    message,
    fixes: old === newText ? [] : [{
      title: ctx.t({ zh: '改为标准用语“{standard}”', en: 'Use the standard wording “{standard}”' }, { standard: match.standard }),
      edits: [{ range: rangeOf(ctx.model.lineStarts, { start, end }), newText }],
      preferred: true,
    }],
  });
}

const MESSAGES = {
  row: { zh: '行标签“{written}”与标准用语“{standard}”不一致', en: 'Row label “{written}” differs from the standard wording “{standard}”' },
  column: { zh: '列标题“{written}”与标准用语“{standard}”不一致', en: 'Column header “{written}” differs from the standard wording “{standard}”' },
  caption: { zh: '小节标题“{written}”与标准用语“{standard}”不一致', en: 'Caption “{written}” differs from the standard wording “{standard}”' },
};

export const labelRule: Rule = {
  code: 'label',
  check(ctx) {
    for (const table of ctx.model.tables) {
      for (const section of table.sections) {
        if (section.caption && deviates(section.captionMatch)) {
          report(ctx, section.caption, section.captionMatch, section.caption.start, section.caption.end, section.captionMatch.standard, 'caption');
        }
        for (const row of section.rows) {
          const cell = row.label;
          if (!cell || !deviates(row.match)) continue;
          const prefix = splitOrdinal(toHalfWidth(cell.text)).rest;
          const standard = closingBracket(cell.text.slice(0, prefix)) + withoutOrdinal(row.match.standard);
          if (cell.parts && cell.parts.length > 1) {
            report(ctx, cell, row.match, cell.start, cell.end, cell.text.slice(0, prefix) + standard, 'row');
          } else {
            report(ctx, cell, row.match, cell.start + prefix, cell.end, standard, 'row');
          }
        }
        for (const header of section.headers) {
          if (!deviates(header.match)) continue;
          const cell = header.cell;
          const paren = cell.text.search(/[（(]/);
          const end = paren > 0 ? cell.start + paren : cell.end;
          report(ctx, cell, header.match, cell.start, end, withoutOrdinal(header.match.standard), 'column');
        }
      }
    }
  },
};
