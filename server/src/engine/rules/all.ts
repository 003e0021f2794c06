/**
 * Every rule of the catalogue, in catalogue order.
 */
import { rowTotalRule } from './row-total';
import { columnTotalRule } from './column-total';
import { balanceRule } from './balance';
import { appealTotalRule } from './appeal-total';
import { emptyCellRule } from './empty-cell';
import { missingRowRule } from './missing-row';
import { missingTableRule } from './missing-table';
import { missingSectionRule } from './missing-section';
import { invalidNumberRule } from './invalid-number';
import { unitRule } from './unit';
import { decimalsRule } from './decimals';
import { labelRule } from './label';
import { templateVersionRule } from './template-version';
import { periodRule } from './period';
import { narrativeRule } from './narrative';
import { deadlineRule } from './deadline';
import { crossYearRule } from './cross-year';
import { outdatedReferenceRule } from './outdated-reference';
import type { Rule } from './rule';

export const ALL_RULES: Rule[] = [
  rowTotalRule,
  columnTotalRule,
  balanceRule,
  appealTotalRule,
  emptyCellRule,
  missingRowRule,
  missingTableRule,
  missingSectionRule,
  invalidNumberRule,
  unitRule,
  decimalsRule,
  labelRule,
  templateVersionRule,
  periodRule,
  narrativeRule,
  deadlineRule,
  crossYearRule,
  outdatedReferenceRule,
];
