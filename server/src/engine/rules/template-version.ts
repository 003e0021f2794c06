import type { Rule } from './rule';

export const templateVersionRule: Rule = { code: 'template-version', check: () => undefined };
