/**
 * Table 4 (行政复议、行政诉讼), identical in both formats: one data row of fifteen cells in three
 * blocks of five.
 */
import type { ColumnDecl, RowDecl } from './types';

/** The three blocks of table 4, in order. */
export const TABLE4_BLOCKS = [
  { id: 'review', label: '行政复议' },
  { id: 'direct', label: '未经复议直接起诉' },
  { id: 'after', label: '复议后起诉' },
] as const;

const OUTCOMES = [
  { id: 'upheld', label: '结果维持' },
  { id: 'corrected', label: '结果纠正' },
  { id: 'other', label: '其他结果' },
  { id: 'pending', label: '尚未审结' },
  { id: 'total', label: '总计' },
] as const;

/** Column ids of one block's four outcomes (the operands of its total). */
export const TABLE4_OUTCOME_IDS = ['upheld', 'corrected', 'other', 'pending'] as const;

/** The header label of each outcome column, by id. */
export const TABLE4_OUTCOME_LABELS = Object.fromEntries(OUTCOMES.map((o) => [o.id, o.label])) as Record<(typeof OUTCOMES)[number]['id'], string>;

/** The fifteen data columns, `<block>.<outcome>`. */
export const TABLE4_COLUMNS: ColumnDecl[] = TABLE4_BLOCKS.flatMap((b) =>
  OUTCOMES.map((o) => ({ id: `${b.id}.${o.id}`, label: o.label, kind: 'count' as const })),
);

/** Header labels of table 4 besides the outcome labels. */
export const TABLE4_HEADER_LABELS = ['行政复议', '行政诉讼', '未经复议直接起诉', '复议后起诉'];

/** Table 4 has a single data row without a label. */
export const TABLE4_ROWS: RowDecl[] = [
  {
    id: 'cases', label: '', data: true,
    explain: { zh: '因政府信息公开工作被申请行政复议、提起行政诉讼的案件数。', en: 'Administrative reviews and lawsuits about information disclosure.' },
  },
];
