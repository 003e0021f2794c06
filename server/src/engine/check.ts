/**
 * Runs the rule catalogue over a parsed report: severities resolved from options, disable
 * comments applied, findings sorted by position.
 */
import type { DataCell, ReportModel, Span, TableInstance } from './model';
import { analyzeTable, type RelationAnalysis } from './analysis/relations';
import { resolveSeverity } from './config';
import { parseReport } from './parse/parser';
import { ALL_RULES } from './rules/all';
import { narrativeMentions, statedCounts, type ParagraphMentions, type StatedCount } from './rules/narrative';
import { ruleInfo } from './rules/registry';
import type { CheckCache, Localized, Report, RuleContext } from './rules/rule';
import { formatForYear, rowDecl, sectionDecl } from './template';
import { visibleSpan } from './fixes/edits';
import { rangeOf } from './text/positions';
import type { EngineOptions, Finding, FormatId, Locale, RuleCode } from './types';
import { applySuppressions } from './suppress';

export interface CheckInput {
  text: string;
  options?: EngineOptions;
  /** Last year's report of the same agency, for `cross-year`. */
  previous?: ReportModel;
  /** An already parsed model of `text` (saves a parse). */
  model?: ReportModel;
  /** Kept between checks of one document: unchanged paragraphs are not read again. */
  cache?: CheckCache;
  /** Runs only these rules (default: the whole catalogue), e.g. `cross-year` once last year's report is known. */
  rules?: readonly RuleCode[];
}

export interface CheckResult {
  model: ReportModel;
  format: FormatId;
  year?: number;
  agency?: string;
  findings: Finding[];
}

/** Fills `{name}` placeholders of a localised message. */
export function localize(locale: Locale, message: Localized, params: Record<string, string | number> = {}): string {
  const text = locale === 'zh-cn' ? message.zh : message.en;
  let parts = templates.get(text);
  if (!parts) {
    parts = text.split(/\{(\w+)\}/);
    if (templates.size > 5000) templates.clear();
    templates.set(text, parts);
  }
  let out = parts[0];
  for (let i = 1; i < parts.length; i += 2) {
    const k = parts[i];
    out += (k in params ? String(params[k]) : `{${k}}`) + parts[i + 1];
  }
  return out;
}

const templates = new Map<string, string[]>();

/** Checks a report draft and returns its model and findings. */
export function checkReport(input: CheckInput): CheckResult {
  const options = input.options ?? {};
  const model = input.model ?? parseReport(input.text, { template: options.template });
  const locale: Locale = options.locale ?? 'zh-cn';
  const expectedFormat: FormatId = options.template && options.template !== 'auto' ? options.template : formatForYear(model.year);
  const findings: Finding[] = [];
  const analyses = new Map<TableInstance, RelationAnalysis>();
  const severityOf = (code: RuleCode) => resolveSeverity(code, ruleInfo(code).defaultSeverity, options);
  let mentions: ParagraphMentions[] | undefined;
  let stated: Map<DataCell, StatedCount[]> | undefined;
  let current: RuleCode = 'row-total';
  const ctx: RuleContext = {
    model,
    cache: input.cache,
    expectedFormat,
    options,
    locale,
    previous: input.previous,
    t: (message, params) => localize(locale, message, params),
    range: (span) => rangeOf(model.lineStarts, span),
    cellRange: (cell, table) => rangeOf(model.lineStarts, visibleSpan(cell, rowSpanOf(cell, table))),
    cellName: (cell, table) => cellName(cell, table, locale),
    analysis: (table) => {
      let a = analyses.get(table);
      if (!a) analyses.set(table, (a = analyzeTable(table, table.format ?? expectedFormat)));
      return a;
    },
    narrativeMentions: () => (mentions ??= narrativeMentions(model, input.cache?.narrative)),
    statedInText: (cell) => (stated ??= statedCounts(model, ctx.narrativeMentions())).get(cell) ?? [],
    enabled: (code) => severityOf(code) !== 'off',
    report: (r: Report) => {
      const code = r.code ?? current;
      const severity = severityOf(code);
      if (severity === 'off') return;
      findings.push({ code, severity, message: r.message, range: r.range, fixes: r.fixes ?? [], related: r.related ?? [] });
    },
  };
  for (const rule of ALL_RULES) {
    if (severityOf(rule.code) === 'off' || (input.rules && !input.rules.includes(rule.code))) continue;
    current = rule.code;
    rule.check(ctx);
  }
  const kept = applySuppressions(findings, model);
  kept.sort(compareFindings);
  return { model, format: expectedFormat, year: model.year, agency: model.agency, findings: kept };
}

/** Document order: by start position, then by rule code. */
export function compareFindings(a: Finding, b: Finding): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}

function rowSpanOf(cell: DataCell, table: TableInstance): Span {
  return cell.rowSpan ?? table.span;
}

const names: Record<string, Map<string, string>> = {};

/** Human-readable name of a cell: row label and column label, e.g. （一）予以公开 · 自然人. */
export function cellName(cell: DataCell, table: TableInstance, locale: Locale): string {
  const byKey = (names[table.format ?? ''] ??= new Map());
  let name = byKey.get(cell.key);
  if (name === undefined) {
    name = computeCellName(cell, table, locale);
    byKey.set(cell.key, name);
  }
  return name;
}

function computeCellName(cell: DataCell, table: TableInstance, locale: Locale): string {
  const format = table.format ?? '2019';
  const section = sectionDecl(format, table.id, cell.ref.section) ?? sectionDecl(format === '2019' ? '2021' : '2019', table.id, cell.ref.section);
  const row = rowDecl(format, cell.ref) ?? rowDecl(format === '2019' ? '2021' : '2019', cell.ref);
  const col = section?.columns.find((c) => c.id === cell.ref.column);
  if (table.id === 'table4') {
    const block = cell.ref.column.split('.')[0];
    const blockName = { review: '行政复议', direct: '行政诉讼·未经复议直接起诉', after: '行政诉讼·复议后起诉' }[block] ?? block;
    return `${blockName} · ${col?.label ?? cell.ref.column}`;
  }
  const rowLabel = (row?.label ?? cell.ref.row).replace(/（区分处理的.*?）/, '');
  void locale;
  return `${rowLabel} · ${col?.label ?? cell.ref.column}`;
}
