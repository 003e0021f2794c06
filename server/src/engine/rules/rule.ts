/**
 * What a rule sees and how it reports: the shared context passed to every rule's `check`.
 */
import type { Range } from 'vscode-languageserver-types';
import type { DataCell, ReportModel, Span, TableInstance } from '../model';
import type { EngineOptions, Fix, FormatId, Locale, RelatedInfo, RuleCode } from '../types';
import type { RelationAnalysis } from '../analysis/relations';
import type { ParagraphMentions, SentenceMention, StatedCount } from './narrative';

/** A message in both UI languages; `{name}` placeholders are filled from params. */
export interface Localized {
  zh: string;
  en: string;
}

/** A finding as a rule reports it; severity is applied by the engine. */
export interface Report {
  code?: RuleCode;
  range: Range;
  message: string;
  fixes?: Fix[];
  related?: RelatedInfo[];
}

/**
 * Work kept from one check of a document to the next (the language server keeps one per open
 * document): a rule may reuse what it found in parts whose text did not change.
 */
export interface CheckCache {
  /** `narrative`: the counts mentioned in each paragraph of the last check, by paragraph text. */
  narrative?: Map<string, SentenceMention[]>;
}

export interface RuleContext {
  model: ReportModel;
  /** Results of the last check of the same document, when the caller keeps them. */
  cache?: CheckCache;
  /** The format the report year (or `--template`) requires. */
  expectedFormat: FormatId;
  options: EngineOptions;
  locale: Locale;
  /** Last year's report of the same agency, when known. */
  previous?: ReportModel;
  /** Localises a message and fills its placeholders. */
  t(message: Localized, params?: Record<string, string | number>): string;
  /** LSP range of a span. */
  range(span: Span): Range;
  /** A range the editor can show for a cell, never zero-width. */
  cellRange(cell: DataCell, table: TableInstance): Range;
  /** Human-readable name of a cell, e.g. （一）予以公开 · 自然人. */
  cellName(cell: DataCell, table: TableInstance): string;
  /** Arithmetic analysis of a table (relations, localisation, derived blanks), computed once. */
  analysis(table: TableInstance): RelationAnalysis;
  /** The narrative paragraphs about applications and the counts they mention, read once per check. */
  narrativeMentions(): ParagraphMentions[];
  /** The counts the running text states for a cell (`被申请行政复议3件` for 行政复议 · 总计), computed once. */
  statedInText(cell: DataCell): readonly StatedCount[];
  /** Whether a rule is enabled (its severity is not `off`). */
  enabled(code: RuleCode): boolean;
  report(report: Report): void;
}

/** A rule of the catalogue. Each lives in its own file named after its code. */
export interface Rule {
  code: RuleCode;
  check(ctx: RuleContext): void;
}
