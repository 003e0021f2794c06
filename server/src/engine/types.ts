/**
 * Public types of the gkreport engine. The engine is editor-agnostic: it takes the text of a
 * report draft and returns a model and findings with LSP-compatible ranges (UTF-16 code units).
 */
import type { Range, TextEdit } from 'vscode-languageserver-types';

export type { Range, TextEdit, Position } from 'vscode-languageserver-types';

/** Identifier of one of the two national formats. */
export type FormatId = '2019' | '2021';

/** Severity of a finding; `off` disables a rule. */
export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';

/** Message language. */
export type Locale = 'zh-cn' | 'en';

/** Every rule code of the catalogue (`rules.md`). */
export type RuleCode =
  | 'row-total'
  | 'column-total'
  | 'balance'
  | 'appeal-total'
  | 'empty-cell'
  | 'missing-row'
  | 'missing-table'
  | 'missing-section'
  | 'invalid-number'
  | 'unit'
  | 'decimals'
  | 'label'
  | 'template-version'
  | 'period'
  | 'narrative'
  | 'deadline'
  | 'cross-year'
  | 'outdated-reference';

/** A quick fix: a set of text edits in the document's own layout. */
export interface Fix {
  title: string;
  edits: TextEdit[];
  /** True only when the fix is unambiguous; `gkreport fix` applies only these. */
  preferred: boolean;
}

/** Secondary location that explains a finding (e.g. a relation broken by a wrong cell). */
export interface RelatedInfo {
  range: Range;
  message: string;
}

/** One diagnostic produced by a rule. */
export interface Finding {
  code: RuleCode;
  severity: Severity;
  message: string;
  range: Range;
  fixes: Fix[];
  related: RelatedInfo[];
}

/** Options understood by the engine (CLI flags, VS Code settings and `.gkreportrc.json`). */
export interface EngineOptions {
  /** Which national format to expect: `auto` chooses from the report year. */
  template?: 'auto' | FormatId;
  locale?: Locale;
  /** Per-rule severity overrides. */
  rules?: Partial<Record<RuleCode, SeveritySetting>>;
  /** Department reports are due 1月31日, a government's aggregated report 3月31日. */
  agencyLevel?: 'auto' | 'department' | 'government';
  /** Money unit expected in money columns when the document states none. */
  moneyUnit?: 'auto' | '万元' | '元';
  /** Base URL of the rule documentation (`<base>/<code>.md`). */
  docsBaseUrl?: string;
}
