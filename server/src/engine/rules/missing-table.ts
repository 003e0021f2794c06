import type { Rule } from './rule';

export const missingTableRule: Rule = { code: 'missing-table', check: () => undefined };
