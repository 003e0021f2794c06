/**
 * The `gkreport` command line: `check`, `fix` and `rules` (contract: spec/cli.md).
 */
import { chmodSync, closeSync, fsyncSync, openSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { version } from '../../../package.json';
import { checkReport, compareFindings, type CheckResult } from '../engine/check';
import { mergeOptions } from '../engine/config';
import { fixText } from '../engine/fixes/apply';
import type { ReportModel } from '../engine/model';
import { parseReport } from '../engine/parse/parser';
import { RULES } from '../engine/rules/registry';
import type { EngineOptions } from '../engine/types';
import { configForFile, loadConfigFile, type LoadedConfig } from '../node/config-files';
import { decodeBuffer, encodeText, isDecodeError, type DecodedText } from '../node/decode';
import { parseArgs } from './args';
import { expandArguments } from './files';
import { messages, type FileProblem } from './messages';
import { formatJson, formatRules, formatSarif, formatText, sortFindings, type FileReport } from './output';

/** Where the CLI writes and what environment it reads. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
}

/** A check result without its model: models are large and most are not needed after the check. */
type Checked = Omit<CheckResult, 'model'>;

interface Job {
  path: string;
  options: EngineOptions;
  decoded?: DecodedText;
  /** The result without last year's report, used to pair reports across years. */
  first?: Checked;
  result?: Checked;
  /** The text of the last check (after fixing). */
  text?: string;
  /** The model of `text`, made again when another report needs this one as last year's. */
  model?: ReportModel;
  applied?: number;
  problem?: FileProblem;
}

/** Keeps a result without its model (hundreds of reports' models would fill the heap). */
function withoutModel(result: CheckResult): Checked {
  const { model: _model, ...rest } = result;
  return rest;
}

/** Runs the CLI with the arguments after `gkreport`; returns the exit status (0, 1 or 2). */
export function run(argv: string[], io: CliIo): number {
  const parsed = parseArgs(argv, io.env);
  if (parsed.kind === 'help') {
    io.stdout(messages(parsed.locale).help(version));
    return 0;
  }
  if (parsed.kind === 'version') {
    io.stdout(version + '\n');
    return 0;
  }
  if (parsed.kind === 'error') {
    const m = messages(parsed.locale);
    io.stderr(`gkreport: ${m.usage(parsed.problem)}\n${m.seeHelp}\n`);
    return 2;
  }
  const { command, options, paths } = parsed;
  const m = messages(options.locale);
  if (command === 'rules') {
    if (options.format === 'json') io.stdout(JSON.stringify(RULES, null, 2) + '\n');
    else if (options.format === 'sarif') io.stdout(formatSarif([], RULES, options.locale, version));
    else io.stdout(formatRules(RULES, options.locale, m));
    return 0;
  }

  let failed = false;
  let explicit: LoadedConfig | undefined;
  if (options.config) {
    if (!isFile(options.config)) {
      io.stderr(`gkreport: ${m.config(options.config, m.file({ id: 'not-found' }))}\n${m.seeHelp}\n`);
      return 2;
    }
    explicit = loadConfigFile(options.config);
  }
  const configErrorsShown = new Set<string>();
  const cliLayer: EngineOptions = { locale: options.locale, ...(options.template ? { template: options.template } : {}) };
  // Reports of one folder share their configuration file: looked up once per folder.
  const configs = new Map<string, LoadedConfig | undefined>();
  const configFor = (path: string): LoadedConfig | undefined => {
    const dir = dirname(resolve(path));
    if (!configs.has(dir)) configs.set(dir, configForFile(path));
    return configs.get(dir);
  };
  const optionsFor = (path: string): EngineOptions => {
    const config = explicit ?? configFor(path);
    if (config && config.errors.length > 0) {
      failed = true;
      if (!configErrorsShown.has(config.path)) {
        configErrorsShown.add(config.path);
        for (const error of config.errors) io.stderr(`gkreport: ${m.config(config.path, error)}\n`);
      }
    }
    return mergeOptions(config?.options ?? {}, cliLayer);
  };

  const jobs: Job[] = expandArguments(paths).map((target) => {
    const loaded = target.problem ? { problem: target.problem } : load(target.path);
    if ('problem' in loaded) return { path: target.path, options: {}, problem: loaded.problem };
    const job: Job = { path: target.path, options: optionsFor(target.path), decoded: loaded };
    try {
      job.first = withoutModel(checkReport({ text: loaded.text, options: job.options }));
    } catch (error) {
      job.problem = internal(error);
    }
    return job;
  });
  processInYearOrder(jobs, command === 'fix');

  let warnings = 0;
  const reports: FileReport[] = jobs.map((job) => {
    if (job.problem || !job.result) {
      return { file: job.path, error: m.file(job.problem ?? { id: 'internal', detail: 'no result' }), findings: [] };
    }
    warnings += job.result.findings.filter((f) => f.severity === 'warning').length;
    return {
      file: job.path,
      format: job.result.format,
      year: job.result.year,
      findings: sortFindings(job.result.findings).filter((f) => !options.quiet || f.severity === 'error'),
      ...(command === 'fix' ? { applied: job.applied ?? 0 } : {}),
    };
  });

  for (const report of reports) if (report.error !== undefined) io.stderr(`${report.file}: ${report.error}\n`);
  if (options.format === 'json') io.stdout(formatJson(reports));
  else if (options.format === 'sarif') io.stdout(formatSarif(reports, RULES, options.locale, version));
  else io.stdout(formatText(reports, m, command === 'fix'));

  const tooMany = options.maxWarnings !== undefined && warnings > options.maxWarnings;
  if (tooMany) io.stderr(`gkreport: ${m.tooManyWarnings(warnings, options.maxWarnings!)}\n`);
  if (failed || reports.some((r) => r.error !== undefined)) return 2;
  if (tooMany || reports.some((r) => r.findings.some((f) => f.severity === 'error'))) return 1;
  return 0;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function load(path: string): DecodedText | { problem: FileProblem } {
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

function internal(error: unknown): FileProblem {
  return { id: 'internal', detail: error instanceof Error ? error.message : String(error) };
}

function agencyKey(agency: string | undefined, year: number | undefined): string | undefined {
  const name = agency?.replace(/\s+/g, '');
  return name && year !== undefined ? `${name}\u0000${year}` : undefined;
}

/**
 * Checks (and with `fixing`, fixes) the decoded files, earlier years first, so that each report
 * is compared with last year's report of the same agency when that is among the files.
 */
function processInYearOrder(jobs: Job[], fixing: boolean): void {
  const live = jobs.filter((j) => j.first && j.decoded && !j.problem) as (Job & { first: Checked; decoded: DecodedText })[];
  const byKey = new Map<string, Job>();
  for (const job of live) {
    const key = agencyKey(job.first.agency, job.first.year);
    if (key && !byKey.has(key)) byKey.set(key, job);
  }
  const order = [...live].sort((a, b) => (a.first.year ?? 0) - (b.first.year ?? 0));
  for (const job of order) {
    const { agency, year } = job.first;
    const lastYear = year === undefined ? undefined : byKey.get(agencyKey(agency, year - 1) ?? '');
    const previous = lastYear ? modelOf(lastYear) : undefined;
    let text = job.decoded.text;
    try {
      if (fixing) {
        const fixed = fixText(text, job.options, previous);
        job.applied = fixed.applied;
        text = fixed.text;
      }
    } catch (error) {
      job.problem = internal(error);
      continue;
    }
    if (text !== job.decoded.text) {
      try {
        writeAtomically(job.path, encodeText(text, job.decoded.encoding));
      } catch (error) {
        job.problem = { id: 'write-failed', detail: error instanceof Error ? error.message : String(error) };
        continue;
      }
    }
    job.text = text;
    try {
      if (text !== job.decoded.text) job.result = withoutModel(checkReport({ text, options: job.options, previous }));
      else if (previous) job.result = withCrossYear(job.first, checkReport({ text, options: job.options, previous, rules: ['cross-year'] }));
      else job.result = job.first;
    } catch (error) {
      job.problem = internal(error);
    }
  }
}

/** A check without last year's report, completed by the one rule that needs it. */
function withCrossYear(first: Checked, crossYear: CheckResult): Checked {
  if (crossYear.findings.length === 0) return first;
  return { ...first, findings: [...first.findings, ...crossYear.findings].sort(compareFindings) };
}

/** The model of a report's last checked text (the same model its check made), kept for reuse. */
function modelOf(job: Job): ReportModel | undefined {
  const text = job.text ?? job.decoded?.text;
  if (job.model || text === undefined) return job.model;
  try {
    job.model = parseReport(text, { template: job.options.template });
  } catch {
    job.model = undefined;
  }
  return job.model;
}

/** Replaces a file's content through a temporary file in the same folder, keeping its mode. */
function writeAtomically(path: string, data: Buffer): void {
  const target = realpathSync(path);
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}-${Date.now().toString(36)}.tmp`);
  const mode = statSync(target).mode & 0o7777;
  try {
    const fd = openSync(temp, 'wx', mode);
    try {
      writeFileSync(fd, data);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    chmodSync(temp, mode);
    renameSync(temp, target);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

/** Entry point of the `gkreport` binary. */
export function main(): void {
  process.exitCode = run(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
  });
}

if (require.main === module) main();
