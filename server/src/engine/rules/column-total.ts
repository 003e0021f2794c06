/**
 * `column-total` — Table 3: （七）总计 equals （一）+（二）+ the rows of （三）（四）（五） + （六）, per column.
 * Example: 自然人 column sums to 5 while （七）总计 says 6.
 * Fix: set （七） to the sum (preferred when the localisation shows （七） is the wrong cell and no row
 * of the relations lacks cells).
 * A single wrong cell that breaks several relations is reported once, on that cell.
 */
import { reportArithmetic } from './arithmetic';
import type { Rule } from './rule';

export const columnTotalRule: Rule = {
  code: 'column-total',
  check: (ctx) => reportArithmetic(ctx, 'column-total'),
};
