/**
 * Output formats of the CLI: compiler-style text, the JSON array of cli.md, and SARIF 2.1.0.
 */
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { RuleInfo } from '../engine/rules/registry';
import type { Finding, FormatId, Locale, Range, Severity } from '../engine/types';
import type { Messages, Totals } from './messages';
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

/** Counts findings by severity over all reports. */
export function totals(reports: FileReport[]): Totals {
  const t: Totals = { files: 0, errors: 0, warnings: 0, infos: 0, unreadable: 0 };
  for (const report of reports) {
    if (report.error) t.unreadable++;
    else t.files++;
    for (const f of report.findings) {
      if (f.severity === 'error') t.errors++;
      else if (f.severity === 'warning') t.warnings++;
      else t.infos++;
    }
  }
  return t;
}

/** Findings in document order. */
export function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
  );
}

/** One `file:line:col severity code message` line per finding (1-based), then a summary line. */
export function formatText(reports: FileReport[], m: Messages, fixing: boolean): string {
  const lines: string[] = [];
  for (const report of reports) {
    for (const f of report.findings) {
      const { line, character } = f.range.start;
      lines.push(`${report.file}:${line + 1}:${character + 1} ${f.severity} ${f.code} ${f.message.replace(/\r?\n/g, ' ')}`);
    }
  }
  const t = totals(reports);
  if (fixing) {
    const changed = reports.filter((r) => (r.applied ?? 0) > 0);
    t.fixed = { files: changed.length, problems: changed.reduce((n, r) => n + (r.applied ?? 0), 0) };
  }
  lines.push(m.summary(t));
  return lines.join('\n') + '\n';
}

/** The JSON array of cli.md: one entry per file, ranges 0-based in UTF-16 code units. */
export function formatJson(reports: FileReport[]): string {
  const entries = reports.map((r) => {
    if (r.error !== undefined) return { file: r.file, error: r.error, diagnostics: [] };
    return {
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
    };
  });
  return JSON.stringify(entries, null, 2) + '\n';
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

/** A SARIF 2.1.0 log with the rule catalogue in `tool.driver.rules`. */
export function formatSarif(reports: FileReport[], rules: RuleInfo[], locale: Locale, version: string): string {
  const lang = locale === 'zh-cn' ? 'zh' : 'en';
  const index = new Map(rules.map((r, i) => [r.code as string, i]));
  const results = [];
  const notifications = [];
  for (const report of reports) {
    const uri = artifactUri(report.file);
    if (report.error !== undefined) {
      notifications.push({
        level: 'error',
        message: { text: `${report.file}: ${report.error}` },
        locations: [{ physicalLocation: { artifactLocation: { uri } } }],
      });
      continue;
    }
    for (const f of report.findings) {
      results.push({
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
      });
    }
  }
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
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
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
