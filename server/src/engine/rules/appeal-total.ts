/**
 * `appeal-total` — Table 4: in each block 结果维持 + 结果纠正 + 其他结果 + 尚未审结 = 总计.
 * Example: 行政复议 `1 0 1 0 3` → 总计 should be 2.
 * Fix: set 总计 to the sum (never automatic: any of the five cells may be the wrong one).
 * A single wrong cell that breaks several relations is reported once, on that cell.
 */
import { reportArithmetic } from './arithmetic';
import type { Rule } from './rule';

export const appealTotalRule: Rule = {
  code: 'appeal-total',
  check: (ctx) => reportArithmetic(ctx, 'appeal-total'),
};
