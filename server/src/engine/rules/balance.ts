/**
 * `balance` — Table 3: 一 + 二 = （七）总计 + 四, per column (the printed 勾稽关系).
 * Example: 一 = 10, 二 = 2, （七） = 9, 四 = 2 → 四 should be 3.
 * Fix: set 四 to 一 + 二 − （七） when that is ≥ 0.
 * A single wrong cell that breaks several relations is reported once, on that cell.
 */
import { reportArithmetic } from './arithmetic';
import type { Rule } from './rule';

export const balanceRule: Rule = {
  code: 'balance',
  check: (ctx) => reportArithmetic(ctx, 'balance'),
};
