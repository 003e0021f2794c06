import type { Rule } from './rule';

export const missingSectionRule: Rule = { code: 'missing-section', check: () => undefined };
