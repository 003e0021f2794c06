/**
 * The work done for each report file, the same on the main thread and in the worker threads of
 * `check`: reading and decoding, the check, the comparison with last year's report, rendering.
 */
import { readFileSync } from 'node:fs';
import { checkReport, compareFindings, type CheckResult } from '../engine/check';
import type { ReportModel } from '../engine/model';
import { parseReport } from '../engine/parse/parser';
import { RULES } from '../engine/rules/registry';
import type { EngineOptions } from '../engine/types';
import { decodeBuffer, isDecodeError, type DecodedText } from '../node/decode';
import type { CliOptions } from './args';
import type { FileProblem, Messages } from './messages';
import { renderReport, type RenderedReport } from './output';

/** A check result without its model: models are large and most are not needed after the check. */
export type Checked = Omit<CheckResult, 'model'>;

/** What the output needs of one file named on the command line. */
export interface Outcome {
  /** Whether the file was read and decoded (so that its configuration file was used). */
  loaded: boolean;
  report: RenderedReport;
  /** Warnings found, shown or not (`--quiet`), for `--max-warnings`. */
  warnings: number;
}

/** Keeps a result without its model (hundreds of reports' models would fill the heap). */
export function withoutModel(result: CheckResult): Checked {
  const { model: _model, ...rest } = result;
  return rest;
}

/** Reads and decodes a report file, or says why it cannot be. */
export function load(path: string): DecodedText | { problem: FileProblem } {
  let buffer: Buffer;
  try {
    buffer = readFileSync(path);
  } catch (error) {
    return { problem: ioProblem(error) };
  }
  const decoded = decodeBuffer(buffer);
  return isDecodeError(decoded) ? { problem: { id: 'decode', reason: decoded.reason } } : decoded;
}

function ioProblem(error: unknown): FileProblem {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return { id: 'not-found' };
  if (code === 'EACCES' || code === 'EPERM') return { id: 'permission' };
  if (code === 'EISDIR') return { id: 'is-directory' };
  return { id: 'read-failed', detail: error instanceof Error ? error.message : String(error) };
}

/** An unexpected exception as the problem of the file being checked. */
export function internal(error: unknown): FileProblem {
  return { id: 'internal', detail: error instanceof Error ? error.message : String(error) };
}

/** The key pairing reports of one agency and year (undefined when either is unknown). */
export function agencyKey(agency: string | undefined, year: number | undefined): string | undefined {
  const name = agency?.replace(/\s+/g, '');
  return name && year !== undefined ? `${name}\u0000${year}` : undefined;
}

/** Checks a report on its own: the whole catalogue without last year's report. */
export function firstCheck(text: string, options: EngineOptions): Checked | { problem: FileProblem } {
  return checkAgainst(text, options, () => undefined);
}

/**
 * Checks a report with the whole catalogue, against last year's report when `lastYearOf` finds it
 * for the report's agency and year: one parse, whichever way.
 */
export function checkAgainst(
  text: string,
  options: EngineOptions,
  lastYearOf: (agency: string | undefined, year: number | undefined) => ReportModel | undefined,
): Checked | { problem: FileProblem } {
  try {
    const model = parseReport(text, { template: options.template });
    return withoutModel(checkReport({ text, options, model, previous: lastYearOf(model.agency, model.year) }));
  } catch (error) {
    return { problem: internal(error) };
  }
}

/** The model of last year's report, parsed as its own check parsed it (undefined if that fails). */
export function previousModel(text: string, template: EngineOptions['template']): ReportModel | undefined {
  try {
    return parseReport(text, { template });
  } catch {
    return undefined;
  }
}

/** Completes a first check with `cross-year` against last year's report (throws what the engine throws). */
export function withPrevious(first: Checked, text: string, options: EngineOptions, previous: ReportModel): Checked {
  return withCrossYear(first, checkReport({ text, options, previous, rules: ['cross-year'] }));
}

/** A check without last year's report, completed by the one rule that needs it. */
export function withCrossYear(first: Checked, crossYear: CheckResult): Checked {
  if (crossYear.findings.length === 0) return first;
  return { ...first, findings: [...first.findings, ...crossYear.findings].sort(compareFindings) };
}

/** The outcome of a checked file, rendered for the output asked for. */
export function checkedOutcome(path: string, result: Checked, cli: Pick<CliOptions, 'format' | 'quiet'>, applied?: number): Outcome {
  // Findings come in document order (checkReport and withCrossYear sort them).
  const findings = cli.quiet ? result.findings.filter((f) => f.severity === 'error') : result.findings;
  const report = renderReport(
    { file: path, format: result.format, year: result.year, findings, ...(applied !== undefined ? { applied } : {}) },
    cli.format,
    RULES,
  );
  return { loaded: true, report, warnings: result.findings.filter((f) => f.severity === 'warning').length };
}

/** The outcome of a file that could not be checked. */
export function problemOutcome(path: string, problem: FileProblem, loaded: boolean, cli: Pick<CliOptions, 'format'>, m: Messages): Outcome {
  return { loaded, report: renderReport({ file: path, error: m.file(problem), findings: [] }, cli.format, RULES), warnings: 0 };
}
