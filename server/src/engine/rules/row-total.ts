/**
 * `row-total` — Table 3: each row's 总计 equals the sum of its six applicant cells.
 * Example: `（一）予以公开 1 0 0 0 0 0 2` → 总计 should be 1.
 * Fix: set 总计 to the sum (preferred when the localisation shows 总计 is the wrong cell and no row
 * of the relations lacks cells).
 * A single wrong cell that breaks several relations is reported once, on that cell.
 */
import { reportArithmetic } from './arithmetic';
import type { Rule } from './rule';

export const rowTotalRule: Rule = {
  code: 'row-total',
  check: (ctx) => reportArithmetic(ctx, 'row-total'),
};
