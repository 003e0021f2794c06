/**
 * The gkreport engine: parse a report draft, run the rule catalogue, compute fixes.
 * Pure: no editor imports. The language server, the CLI and the tests call these functions.
 */
export * from './types';
export { parseReport } from './parse/parser';
export type { ReportModel } from './model';
export { checkReport, type CheckResult, type CheckInput } from './check';
export type { CheckCache } from './rules/rule';
export { applyEdits, fixText, type FixTextResult } from './fixes/apply';
export { RULES, ruleInfo, type RuleInfo } from './rules/registry';
export { resolveSeverity } from './config';
export { looksLikeReport } from './detect';
export { hoverAt, type HoverInfo, type HoverSource } from './hover';
export { documentOutline, foldingRegions, type OutlineNode, type FoldingRegion } from './outline';
export { completionsAt, type LabelCompletion } from './completion';
export { diffEdits } from './fixes/diff';
