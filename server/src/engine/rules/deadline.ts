/**
 * `deadline` — the closing date (落款) is after the legal deadline of Article 49 of the
 * Regulations: a department publishes its report by 1月31日 of the next year, a county-or-higher
 * government publishes its aggregated report by 3月31日.
 *
 * Whether the agency is a government comes from `options.agencyLevel` (`department` |
 * `government` | `auto`); `auto` treats an agency whose name ends in 人民政府 or 政府 as a
 * government (政府办公室 / 政府办公厅 are departments) and anything else as a department.
 *
 * Example: a bureau's 2020 report signed `2021年2月5日` → after 2021年1月31日.
 *
 * No fix: the date records when the report was actually signed.
 */
import type { Rule, RuleContext } from './rule';

/** Whether the report is a government's aggregated report (due 3月31日) rather than a department's. */
export function isGovernmentReport(ctx: Pick<RuleContext, 'options' | 'model'>): boolean {
  const level = ctx.options.agencyLevel ?? 'auto';
  if (level !== 'auto') return level === 'government';
  const agency = ctx.model.agency?.replace(/\s+/g, '') ?? '';
  return /政府$/.test(agency);
}

export const deadlineRule: Rule = {
  code: 'deadline',
  check(ctx) {
    const closing = ctx.model.closingDate;
    const year = ctx.model.year;
    if (!closing || year === undefined) return;
    const government = isGovernmentReport(ctx);
    const due = { year: year + 1, month: government ? 3 : 1, day: 31 };
    const late = closing.year !== due.year ? closing.year > due.year : closing.month !== due.month ? closing.month > due.month : closing.day > due.day;
    if (!late) return;
    ctx.report({
      range: ctx.range(closing),
      message: ctx.t(
        government
          ? {
              zh: '落款日期 {date} 晚于法定发布时限 {due}（县级以上人民政府的年度报告应于每年3月31日前公布）',
              en: 'The closing date {date} is after the legal deadline {due} (a government\'s aggregated report is due by 31 March)',
            }
          : {
              zh: '落款日期 {date} 晚于法定发布时限 {due}（政府部门的年度报告应于每年1月31日前公布）',
              en: 'The closing date {date} is after the legal deadline {due} (a department\'s report is due by 31 January)',
            },
        { date: `${closing.year}年${closing.month}月${closing.day}日`, due: `${due.year}年${due.month}月${due.day}日` },
      ),
    });
  },
};
