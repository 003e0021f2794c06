/**
 * The rule registry: code, default severity, title, description and documentation of every rule.
 * Codes are part of the product's interface (editor, CLI JSON/SARIF, config, disable comments).
 */
import type { RuleCode, Severity } from '../types';

export interface RuleInfo {
  code: RuleCode;
  defaultSeverity: Severity;
  title: { zh: string; en: string };
  description: { zh: string; en: string };
  /** Path of the rule's documentation, relative to the repository root. */
  docs: string;
  /** Whether the rule offers quick fixes. */
  fixable: boolean;
}

/** Where the rule documentation is published; `docsUrl` appends `<code>.md`. */
export const DOCS_BASE_URL = 'https://github.com/gkreport/gkreport/blob/main/docs/rules';

/** The documentation URL of a rule, under `base` (default: the published documentation). */
export function docsUrl(code: RuleCode, base: string = DOCS_BASE_URL): string {
  return `${base.replace(/\/+$/, '')}/${code}.md`;
}

const info = (code: RuleCode, defaultSeverity: Severity, fixable: boolean, zhTitle: string, enTitle: string, zh: string, en: string): RuleInfo => ({
  code, defaultSeverity, fixable, title: { zh: zhTitle, en: enTitle }, description: { zh, en }, docs: `docs/rules/${code}.md`,
});

/** Every rule of the catalogue, in catalogue order. */
export const RULES: RuleInfo[] = [
  info('row-total', 'error', true, '行合计', 'Row total', '表三：某行的“总计”不等于六类申请人之和。', 'Table 3: a row\'s 总计 differs from the sum of its six applicant cells.'),
  info('column-total', 'error', true, '列合计', 'Column total', '表三：“（七）总计”不等于各项办理结果之和（按列）。', 'Table 3: （七）总计 differs from the sum of the result rows, per column.'),
  info('balance', 'error', true, '勾稽关系', 'Balance', '表三：一 + 二 ≠ （七）总计 + 四（按列）。', 'Table 3: 一 + 二 ≠ （七）总计 + 四, per column.'),
  info('appeal-total', 'error', true, '复议诉讼合计', 'Appeal total', '表四：某一栏的“总计”不等于结果维持、结果纠正、其他结果、尚未审结之和。', 'Table 4: a block\'s 总计 differs from 结果维持 + 结果纠正 + 其他结果 + 尚未审结.'),
  info('empty-cell', 'error', true, '空白单元格', 'Empty cell', '标准表格的单元格为空或填写了占位符（/ - — 无 不适用）。', 'A cell of a standard table is blank or holds a placeholder (/ - — 无 不适用).'),
  info('missing-row', 'error', true, '缺少行', 'Missing row', '标准表格缺少某一行。', 'A row of the standard table is absent.'),
  info('missing-table', 'error', true, '缺少表格', 'Missing table', '第二、三、四部分没有表格（或只有残缺片段）。', 'Part 二, 三 or 四 has no table (or only fragments).'),
  info('missing-section', 'warning', true, '部分缺失或顺序错误', 'Missing section', '六个部分之一缺失、重复或顺序错误，或标题缺少序号。', 'One of the six parts is absent, repeated, or out of order, or its heading has no ordinal.'),
  info('invalid-number', 'error', true, '数字无效', 'Invalid number', '计数单元格不是非负整数（本年增/减可带符号，金额可有小数）。', 'A count cell is not a non-negative integer (本年增/减 may be signed; money may have decimals).'),
  info('unit', 'warning', true, '金额单位', 'Money unit', '金额的单位与表头冲突、未注明单位，或数值量级与单位不符。', 'Money: the cell\'s unit conflicts with the column\'s, no unit is stated, or the magnitude is implausible for the unit.'),
  info('decimals', 'warning', true, '小数位数', 'Decimal places', '表头规定了小数位数（如保留4位小数），但数值的小数位数不同。', 'A header declares decimal places (保留4位小数) and the value has another number of decimals.'),
  info('label', 'warning', true, '标签用语', 'Label wording', '行或列标签、表二小节标题与标准用语不符（错字、旧用语）。', 'A row or column label, or a caption of table 2, deviates from the standard wording (typo, obsolete wording).'),
  info('template-version', 'warning', false, '表格格式版本', 'Template version', '表格采用的全国格式与报告年度要求的不一致。', 'The tables follow the other national format than the report year requires.'),
  info('period', 'error', true, '统计期限', 'Statistics period', '所述统计期限不是报告年度的1月1日至12月31日。', 'The stated statistics period is not 1月1日–12月31日 of the report year.'),
  info('narrative', 'warning', true, '正文数字', 'Narrative numbers', '正文中的数字与表格不一致（收到、办结、结转的申请数及其按申请人、办理结果分列的件数，行政复议、行政诉讼数及其审理结果）。', 'A number in the text contradicts the table (applications received, handled, carried over, and their breakdown by applicant and outcome; reviews, lawsuits and their outcomes).'),
  info('deadline', 'info', false, '发布时限', 'Deadline', '落款日期晚于法定发布时限（部门为次年1月31日，政府为3月31日）。', 'The closing date is after the legal deadline (1月31日 of the next year for a department, 3月31日 for a government).'),
  info('cross-year', 'warning', true, '跨年度衔接', 'Across years', '“二、上年结转”与上年报告的“四、结转下年度继续办理”不一致（按列）。', '二、上年结转 differs from last year\'s 四、结转下年度继续办理, per column.'),
  info('outdated-reference', 'warning', true, '引用文件过时', 'Outdated reference', '正文引用了已不适用的文件：修订前的《政府信息公开条例》（国务院令第492号），或另一版年报格式的印发通知（国办公开办函〔2019〕60号、〔2021〕30号）。', 'The text cites a document that no longer applies: the Regulations before their 2019 revision (国务院令第492号), or the notice of the other annual-report format (国办公开办函〔2019〕60号, 〔2021〕30号).'),
];

const byCode = new Map(RULES.map((r) => [r.code, r]));

/** The registry entry of a rule code. */
export function ruleInfo(code: RuleCode): RuleInfo {
  return byCode.get(code)!;
}

/** Whether a string is a known rule code. */
export function isRuleCode(code: string): code is RuleCode {
  return byCode.has(code as RuleCode);
}
