/**
 * The `gkreport` command line: `check`, `fix` and `rules` (contract: spec/cli.md).
 */
import { chmodSync, closeSync, fsyncSync, openSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { version } from '../../../package.json';
import { checkReport } from '../engine/check';
import { mergeOptions } from '../engine/config';
import { fixText } from '../engine/fixes/apply';
import type { ReportModel } from '../engine/model';
import { RULES } from '../engine/rules/registry';
import type { EngineOptions } from '../engine/types';
import { configForFile, loadConfigFile, type LoadedConfig } from '../node/config-files';
import { encodeText, type DecodedText } from '../node/decode';
import { parseArgs, type CliOptions } from './args';
import { expandArguments, type Target } from './files';
import { agencyKey, checkAgainst, checkedOutcome, firstCheck, internal, load, previousModel, problemOutcome, withoutModel, withPrevious, type Checked, type Outcome } from './jobs';
import { messages, type FileProblem, type Messages } from './messages';
import { formatRules, formatSarif, writeOutput } from './output';
import { checkInWorkers, Prefetcher, runWorker, threadCount } from './parallel';

/** Where the CLI writes and what environment it reads. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
}

/** How `check` or `fix` is to run: the command line understood, the files found, their settings. */
export interface Setup {
  command: 'check' | 'fix';
  cli: CliOptions;
  messages: Messages;
  targets: Target[];
  /** The engine options for a report file and the configuration file they come from. */
  settingsFor: (path: string) => Settings;
}

/** The engine options of one report file. */
export interface Settings {
  options: EngineOptions;
  config?: LoadedConfig;
}

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

/** Runs the CLI with the arguments after `gkreport` on this thread; returns the exit status (0, 1 or 2). */
export function run(argv: string[], io: CliIo): number {
  const setup = prepare(argv, io);
  return typeof setup === 'number' ? setup : finish(setup, checkHere(setup), io);
}

/**
 * Runs the CLI like `run`, but `check` of many files is spread over worker threads running
 * `workerScript` (this bundle), as many as `threadCount` says; without a script it runs on this
 * thread. The output is the same either way.
 */
export async function runAsync(argv: string[], io: CliIo, workerScript?: string): Promise<number> {
  const setup = prepare(argv, io);
  if (typeof setup === 'number') return setup;
  const files = setup.targets.filter((t) => !t.problem).length;
  const threads = setup.command === 'check' && workerScript ? threadCount(io.env, files) : 1;
  const outcomes = threads > 1 ? await checkInWorkers(setup, threads, workerScript!) : undefined;
  if (outcomes) return finish(setup, outcomes, io);
  // On this thread, a worker thread may read the files ahead of the checks.
  const reader = setup.command === 'check' && workerScript ? Prefetcher.start(workerScript, setup.targets.map((t) => (t.problem ? null : t.path)), io.env) : undefined;
  try {
    return finish(setup, checkHere(setup, reader), io);
  } finally {
    await reader?.close();
  }
}

/** Understands the command line and answers what needs no report; otherwise says what to check. */
function prepare(argv: string[], io: CliIo): Setup | number {
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

  let explicit: LoadedConfig | undefined;
  if (options.config) {
    if (!isFile(options.config)) {
      io.stderr(`gkreport: ${m.config(options.config, m.file({ id: 'not-found' }))}\n${m.seeHelp}\n`);
      return 2;
    }
    explicit = loadConfigFile(options.config);
  }
  const cliLayer: EngineOptions = { locale: options.locale, ...(options.template ? { template: options.template } : {}) };
  const byFolder = new Map<string, Settings>();
  // By the folder as written too: resolving every one of thousands of paths took longer than their settings.
  const byWrittenFolder = new Map<string, Settings>();
  const settingsFor = (path: string): Settings => {
    const written = dirname(path);
    const known = byWrittenFolder.get(written);
    if (known) return known;
    const key = explicit ? '' : dirname(resolve(path));
    let settings = byFolder.get(key);
    if (!settings) {
      const config = explicit ?? configForFile(path);
      byFolder.set(key, (settings = { options: mergeOptions(config?.options ?? {}, cliLayer), config }));
    }
    byWrittenFolder.set(written, settings);
    return settings;
  };
  return { command, cli: options, messages: m, targets: expandArguments(paths), settingsFor };
}

/** Prints the configuration problems, the files that could not be checked and the output; returns the exit status. */
function finish(setup: Setup, outcomes: Outcome[], io: CliIo): number {
  const { cli, messages: m } = setup;
  let failed = false;
  const configErrorsShown = new Set<string>();
  setup.targets.forEach((target, i) => {
    const config = outcomes[i].loaded ? setup.settingsFor(target.path).config : undefined;
    if (!config || config.errors.length === 0) return;
    failed = true;
    if (configErrorsShown.has(config.path)) return;
    configErrorsShown.add(config.path);
    for (const error of config.errors) io.stderr(`gkreport: ${m.config(config.path, error)}\n`);
  });
  const reports = outcomes.map((o) => o.report);
  for (const report of reports) if (report.error !== undefined) io.stderr(`${report.file}: ${report.error}\n`);
  writeOutput(reports, cli.format, { messages: m, fixing: setup.command === 'fix', rules: RULES, locale: cli.locale, version }, io.stdout);

  const warnings = outcomes.reduce((n, o) => n + o.warnings, 0);
  const tooMany = cli.maxWarnings !== undefined && warnings > cli.maxWarnings;
  if (tooMany) io.stderr(`gkreport: ${m.tooManyWarnings(warnings, cli.maxWarnings!, cli.quiet)}\n`);
  if (failed || reports.some((r) => r.error !== undefined)) return 2;
  if (tooMany || reports.some((r) => r.errors > 0)) return 1;
  return 0;
}

/** Checks (or fixes) every file on this thread. */
function checkHere(setup: Setup, reader?: Prefetcher): Outcome[] {
  return setup.command === 'fix' ? fixHere(setup) : checkInOrder(setup, reader);
}

/** A checked report kept as a possible last year's report of others: its text, parsed again when needed. */
interface Kept {
  text: string;
  options: EngineOptions;
  model?: ReportModel;
  parsed?: boolean;
}

/** A checked report whose last year's report may still come, with what it takes to check it again. */
interface Waiting {
  index: number;
  path: string;
  text: string;
  options: EngineOptions;
}

/**
 * Checks the files in order and renders each one at once, so that only texts and output are kept,
 * not findings. A report is compared with last year's report of its agency, the first such file:
 * at once when that file came earlier, else checked again with it when it comes.
 */
function checkInOrder(setup: Setup, reader?: Prefetcher): Outcome[] {
  const { cli, messages: m } = setup;
  const outcomes: Outcome[] = new Array(setup.targets.length);
  const firstOfKey = new Map<string, Kept>();
  const waiting = new Map<string, Waiting[]>();
  const lastKeyOf = (agency: string | undefined, year: number | undefined) => (year === undefined ? undefined : agencyKey(agency, year - 1));
  const lastYearOf = (agency: string | undefined, year: number | undefined) => {
    const key = lastKeyOf(agency, year);
    const kept = key === undefined ? undefined : firstOfKey.get(key);
    return kept && keptModel(kept);
  };
  setup.targets.forEach((target, index) => {
    const path = target.path;
    const loaded = target.problem ? { problem: target.problem } : reader ? reader.take(index, path) : load(path);
    if ('problem' in loaded) {
      outcomes[index] = problemOutcome(path, loaded.problem, false, cli, m);
      return;
    }
    const { text } = loaded;
    const options = setup.settingsFor(path).options;
    const checked = checkAgainst(text, options, lastYearOf);
    if ('problem' in checked) {
      outcomes[index] = problemOutcome(path, checked.problem, true, cli, m);
      return;
    }
    outcomes[index] = checkedOutcome(path, checked, cli);
    const lastKey = lastKeyOf(checked.agency, checked.year);
    if (lastKey !== undefined && !firstOfKey.has(lastKey)) {
      const list = waiting.get(lastKey);
      if (list) list.push({ index, path, text, options });
      else waiting.set(lastKey, [{ index, path, text, options }]);
    }
    const key = agencyKey(checked.agency, checked.year);
    if (key === undefined || firstOfKey.has(key)) return;
    const kept: Kept = { text, options };
    firstOfKey.set(key, kept);
    for (const later of waiting.get(key) ?? []) outcomes[later.index] = checkAgainWith(later, kept, setup) ?? outcomes[later.index];
    waiting.delete(key);
  });
  return outcomes;
}

/** The model of a kept report, parsed once (undefined if that fails). */
function keptModel(kept: Kept): ReportModel | undefined {
  if (!kept.parsed) {
    kept.model = previousModel(kept.text, kept.options.template);
    kept.parsed = true;
  }
  return kept.model;
}

/** The outcome of a report checked again now that last year's report has come (undefined: nothing to compare). */
function checkAgainWith(later: Waiting, lastYear: Kept, setup: Setup): Outcome | undefined {
  const { cli, messages: m } = setup;
  const previous = keptModel(lastYear);
  if (!previous) return undefined;
  try {
    const result = withoutModel(checkReport({ text: later.text, options: later.options, previous }));
    return checkedOutcome(later.path, result, cli);
  } catch (error) {
    return problemOutcome(later.path, internal(error), true, cli, m);
  }
}

/** Fixes every file on this thread, earlier years first (see `processInYearOrder`). */
function fixHere(setup: Setup): Outcome[] {
  const jobs: Job[] = setup.targets.map((target) => {
    const loaded = target.problem ? { problem: target.problem } : load(target.path);
    if ('problem' in loaded) return { path: target.path, options: {}, problem: loaded.problem };
    const job: Job = { path: target.path, options: setup.settingsFor(target.path).options, decoded: loaded };
    const first = firstCheck(loaded.text, job.options);
    if ('problem' in first) job.problem = first.problem;
    else job.first = first;
    return job;
  });
  processInYearOrder(jobs);
  return jobs.map((job) => {
    const { problem, result } = job;
    job.first = job.result = undefined;
    if (problem || !result) {
      return problemOutcome(job.path, problem ?? { id: 'internal', detail: 'no result' }, job.decoded !== undefined, setup.cli, setup.messages);
    }
    return checkedOutcome(job.path, result, setup.cli, job.applied ?? 0);
  });
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * Fixes the decoded files, earlier years first, so that each report is fixed and compared against
 * last year's report of the same agency, as fixed, when that is among the files.
 */
function processInYearOrder(jobs: Job[]): void {
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
      const fixed = fixText(text, job.options, previous);
      job.applied = fixed.applied;
      text = fixed.text;
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
      else if (previous) job.result = withPrevious(job.first, text, job.options, previous);
      else job.result = job.first;
    } catch (error) {
      job.problem = internal(error);
    }
  }
}

/** The model of a report's last checked text (the same model its check made), kept for reuse. */
function modelOf(job: Job): ReportModel | undefined {
  const text = job.text ?? job.decoded?.text;
  if (job.model || text === undefined) return job.model;
  job.model = previousModel(text, job.options.template);
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

/**
 * V8's optimising compiler inlines up to 920 bytes of callees' bytecode into each function it
 * compiles, and peels the first iteration off every loop. A batch of reports is over in a second
 * or two, before such large compilations pay off: they were a third of the processor time of a
 * run over 2,000 reports (counted with callgrind), on the second core that the checks themselves
 * wait for. An inlining budget of 200 bytes and no loop peeling compile about a third less,
 * sooner, for code that runs about as fast. Flags are process-wide: worker threads share them.
 */
function tuneCompilerForBatch(): void {
  setFlagsFromString('--max-inlined-bytecode-size-cumulative=200 --no-turbo-loop-peeling');
}

/** Entry point of the `gkreport` binary. */
export function main(): void {
  tuneCompilerForBatch();
  void runAsync(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
  }, __filename).then((status) => {
    process.exitCode = status;
  });
}

if (!runWorker() && require.main === module) main();
