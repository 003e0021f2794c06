/**
 * Output formats of the CLI: compiler-style text, the JSON array of cli.md, and SARIF 2.1.0.
 */
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { RuleInfo } from '../engine/rules/registry';
import type { Finding, FormatId, Locale, Range, Severity } from '../engine/types';
import type { OutputFormat } from './args';
import { messages, type Messages, type Totals } from './messages';
import { docsUrl } from '../engine/rules/registry';

/** What the CLI has to say about one file. */
export interface FileReport {
  /** The path as given on the command line (or found below a directory or by a glob). */
  file: string;
  /** Why the file could not be checked, in the user's language. */
  error?: string;
  format?: FormatId;
  year?: number;
  findings: Finding[];
  /** Number of fixes applied (`fix` only). */
  applied?: number;
}

/** Counts files and findings by severity over all reports. */
export function totals(reports: RenderedReport[]): Totals {
  const t: Totals = { files: 0, errors: 0, warnings: 0, infos: 0, unreadable: 0 };
  for (const report of reports) {
    if (report.error) t.unreadable++;
    else t.files++;
    t.errors += report.errors;
    t.warnings += report.warnings;
    t.infos += report.infos;
  }
  return t;
}

/** One file's part of the output, ready to be put together with the others'. */
export interface RenderedReport {
  file: string;
  error?: string;
  /** Its text lines, its JSON array entry or its SARIF results, as in the whole output ('' for none). */
  text: string;
  /** Counts of the findings shown. */
  errors: number;
  warnings: number;
  infos: number;
  applied?: number;
}

const LEVELS: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'note' };

/** A path as a SARIF artifact URI: relative paths stay relative, absolute ones become file URLs. */
export function artifactUri(path: string): string {
  if (isAbsolute(path)) return pathToFileURL(path).href;
  return path.split(/[\\/]/).map(encodeURIComponent).join('/');
}

function region(range: Range) {
  return {
    startLine: range.start.line + 1,
    startColumn: range.start.character + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.character + 1,
  };
}

/** `JSON.stringify(value, null, 2)` as it reads nested `depth` levels deep in a larger document. */
function nestedJson(value: unknown, depth: number): string {
  let wrapped = value;
  for (let i = 0; i < depth; i++) wrapped = [wrapped];
  const text = JSON.stringify(wrapped, null, 2);
  const margin = depth * (depth + 1);
  return text.slice(margin, text.length - margin);
}

const ruleIndexes = new WeakMap<RuleInfo[], Map<string, number>>();

function sarifResults(report: FileReport, rules: RuleInfo[]): string {
  if (report.error !== undefined) return '';
  let index = ruleIndexes.get(rules);
  if (!index) ruleIndexes.set(rules, (index = new Map(rules.map((r, i) => [r.code as string, i]))));
  const uri = artifactUri(report.file);
  return report.findings
    .map((f) =>
      nestedJson(
        {
          ruleId: f.code,
          ...(index.has(f.code) ? { ruleIndex: index.get(f.code) } : {}),
          level: LEVELS[f.severity],
          message: { text: f.message },
          locations: [{ physicalLocation: { artifactLocation: { uri }, region: region(f.range) } }],
          ...(f.related.length > 0
            ? {
                relatedLocations: f.related.map((r, id) => ({
                  id,
                  message: { text: r.message },
                  physicalLocation: { artifactLocation: { uri }, region: region(r.range) },
                })),
              }
            : {}),
          ...(f.fixes.length > 0
            ? {
                fixes: f.fixes.map((x) => ({
                  description: { text: x.title },
                  artifactChanges: [
                    {
                      artifactLocation: { uri },
                      replacements: x.edits.map((e) => ({
                        deletedRegion: region(e.range),
                        insertedContent: { text: e.newText },
                      })),
                    },
                  ],
                })),
              }
            : {}),
        },
        4,
      ),
    )
    .join(',\n');
}

function jsonEntry(r: FileReport): string {
  if (r.error !== undefined) return nestedJson({ file: r.file, error: r.error, diagnostics: [] }, 1);
  return nestedJson(
    {
      file: r.file,
      format: r.format,
      year: r.year,
      diagnostics: r.findings.map((f) => ({
        code: f.code,
        severity: f.severity,
        message: f.message,
        range: f.range,
        fixes: f.fixes.map((x) => ({ title: x.title, edits: x.edits, preferred: x.preferred })),
        ...(f.related.length > 0 ? { related: f.related } : {}),
      })),
      ...(r.applied !== undefined ? { applied: r.applied } : {}),
    },
    1,
  );
}

/** A file's part of the output in `format` (`rules` gives SARIF rule indexes). */
export function renderReport(report: FileReport, format: OutputFormat, rules: RuleInfo[]): RenderedReport {
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const f of report.findings) {
    if (f.severity === 'error') errors++;
    else if (f.severity === 'warning') warnings++;
    else infos++;
  }
  const text =
    format === 'json'
      ? jsonEntry(report)
      : format === 'sarif'
        ? sarifResults(report, rules)
        : textLines(report);
  return {
    file: report.file,
    ...(report.error !== undefined ? { error: report.error } : {}),
    text,
    errors,
    warnings,
    infos,
    ...(report.applied !== undefined ? { applied: report.applied } : {}),
  };
}

/** The text format's lines of a file's findings: `file:line:col severity code message`. */
function textLines(report: FileReport): string {
  // Joined at the end into one flat string, rather than a chain of concatenations to flatten later.
  const lines: string[] = [];
  for (let i = 0; i < report.findings.length; i++) {
    const f = report.findings[i];
    const message = f.message.includes('\n') ? f.message.replace(/\r?\n/g, ' ') : f.message;
    lines.push(`${report.file}:${f.range.start.line + 1}:${f.range.start.character + 1} ${f.severity} ${f.code} ${message}`);
  }
  return lines.join('\n');
}

/** What putting the output together needs besides the files' parts. */
export interface OutputContext {
  messages: Messages;
  fixing: boolean;
  rules: RuleInfo[];
  locale: Locale;
  version: string;
}

/** About how many characters `writeOutput` hands over at a time. */
const PIECE = 1 << 20;

/**
 * Writes the whole output in `format` from the files' parts, in their order, in pieces of about
 * a million characters (the output of thousands of reports need not be one string).
 */
export function writeOutput(reports: RenderedReport[], format: OutputFormat, context: OutputContext, write: (text: string) => void): void {
  let parts: string[] = [];
  let length = 0;
  const add = (text: string) => {
    parts.push(text);
    length += text.length;
    if (length < PIECE) return;
    write(parts.join(''));
    parts = [];
    length = 0;
  };
  if (format === 'json') {
    if (reports.length === 0) add('[]\n');
    else {
      add('[\n');
      reports.forEach((r, i) => add(i === 0 ? r.text : ',\n' + r.text));
      add('\n]\n');
    }
  } else if (format === 'sarif') {
    const log = sarifLog(reports, context);
    const at = log.lastIndexOf('"results": []') + '"results": '.length;
    const results = reports.filter((r) => r.text !== '');
    if (results.length === 0) add(log + '\n');
    else {
      add(log.slice(0, at) + '[\n');
      results.forEach((r, i) => add(i === 0 ? r.text : ',\n' + r.text));
      add(`\n      ]${log.slice(at + 2)}\n`);
    }
  } else {
    for (const r of reports) if (r.text !== '') add(r.text + '\n');
    const t = totals(reports);
    if (context.fixing) {
      const changed = reports.filter((r) => (r.applied ?? 0) > 0);
      t.fixed = { files: changed.length, problems: changed.reduce((n, r) => n + (r.applied ?? 0), 0) };
    }
    add(context.messages.summary(t) + '\n');
  }
  if (parts.length > 0) write(parts.join(''));
}

/** The SARIF log of the reports with no results yet (`"results": []` comes last). */
function sarifLog(reports: RenderedReport[], { rules, locale, version }: OutputContext): string {
  const lang = locale === 'zh-cn' ? 'zh' : 'en';
  const notifications = reports
    .filter((r) => r.error !== undefined)
    .map((r) => ({
      level: 'error',
      message: { text: `${r.file}: ${r.error}` },
      locations: [{ physicalLocation: { artifactLocation: { uri: artifactUri(r.file) } } }],
    }));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'gkreport',
            version,
            rules: rules.map((r) => ({
              id: r.code,
              shortDescription: { text: r.title[lang] },
              fullDescription: { text: r.description[lang] },
              helpUri: docsUrl(r.code),
              defaultConfiguration: { level: LEVELS[r.defaultSeverity] },
              properties: { fixable: r.fixable },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        invocations: [{ executionSuccessful: notifications.length === 0, toolExecutionNotifications: notifications }],
        results: [],
      },
    ],
  };
  return JSON.stringify(log, null, 2);
}

/** A SARIF 2.1.0 log of the reports with the rule catalogue in `tool.driver.rules`. */
export function formatSarif(reports: FileReport[], rules: RuleInfo[], locale: Locale, version: string): string {
  const pieces: string[] = [];
  const context = { messages: messages(locale), fixing: false, rules, locale, version };
  writeOutput(reports.map((r) => renderReport(r, 'sarif', rules)), 'sarif', context, (piece) => pieces.push(piece));
  return pieces.join('');
}

/** The rule catalogue as text: code, default severity, docs and title, one rule a line. */
export function formatRules(rules: RuleInfo[], locale: Locale, m: Messages): string {
  const lang = locale === 'zh-cn' ? 'zh' : 'en';
  const width = Math.max(...rules.map((r) => r.code.length));
  const docsWidth = Math.max(...rules.map((r) => r.docs.length));
  return (
    rules
      .map((r) =>
        [r.code.padEnd(width), r.defaultSeverity.padEnd(7), r.docs.padEnd(docsWidth), r.title[lang] + (r.fixable ? m.fixable : '')].join('  '),
      )
      .join('\n') + '\n'
  );
}
