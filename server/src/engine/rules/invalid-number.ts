import type { Rule } from './rule';

export const invalidNumberRule: Rule = { code: 'invalid-number', check: () => undefined };
