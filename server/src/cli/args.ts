/**
 * Command-line parsing of `gkreport check|fix|rules [options] <paths>`.
 */
import type { FormatId, Locale } from '../engine/types';
import type { UsageProblem } from './messages';

/** Output formats of `check`, `fix` and `rules`. */
export type OutputFormat = 'text' | 'json' | 'sarif';

/** The options of a command line. */
export interface CliOptions {
  format: OutputFormat;
  template?: 'auto' | FormatId;
  config?: string;
  locale: Locale;
  maxWarnings?: number;
  quiet: boolean;
}

/** What a command line asks for. */
export type ParsedArgs =
  | { kind: 'help'; locale: Locale }
  | { kind: 'version'; locale: Locale }
  | { kind: 'run'; command: 'check' | 'fix' | 'rules'; options: CliOptions; paths: string[] }
  | { kind: 'error'; locale: Locale; problem: UsageProblem };

const COMMANDS = ['check', 'fix', 'rules'] as const;
const CHOICES: Record<string, readonly string[]> = {
  '--format': ['text', 'json', 'sarif'],
  '--template': ['auto', '2019', '2021'],
  '--locale': ['zh-cn', 'en'],
};
const WITH_VALUE = ['--format', '--template', '--config', '--locale', '--max-warnings'];

/** The message language from the environment: LC_ALL, LC_MESSAGES, LANG; Chinese for `zh*`. */
export function defaultLocale(env: Record<string, string | undefined>): Locale {
  const tag = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^zh/i.test(tag) ? 'zh-cn' : 'en';
}

/** Parses the arguments after `gkreport`. Never throws; usage errors come back as `kind: 'error'`. */
export function parseArgs(argv: string[], env: Record<string, string | undefined> = {}): ParsedArgs {
  const options: CliOptions = { format: 'text', locale: defaultLocale(env), quiet: false };
  const positional: string[] = [];
  let problem: UsageProblem | undefined;
  let wants: 'help' | 'version' | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '--help' || arg === '-h') {
      wants ??= 'help';
      continue;
    }
    if (arg === '--version') {
      wants ??= 'version';
      continue;
    }
    if (arg === '--quiet') {
      options.quiet = true;
      continue;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (!WITH_VALUE.includes(name)) {
      problem ??= { id: 'unknown-option', arg };
      continue;
    }
    const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || value === '') {
      problem ??= { id: 'missing-value', arg: name };
      continue;
    }
    const bad = setOption(options, name, value);
    if (bad) problem ??= bad;
  }
  if (wants) return { kind: wants, locale: options.locale };
  const [command, ...paths] = positional;
  if (!problem) {
    if (command === undefined) problem = { id: 'missing-command' };
    else if (!(COMMANDS as readonly string[]).includes(command)) problem = { id: 'unknown-command', arg: command };
    else if (command === 'rules' && paths.length > 0) problem = { id: 'extra-arguments', arg: paths[0] };
    else if (command !== 'rules' && paths.length === 0) problem = { id: 'no-files', arg: command };
  }
  if (problem) return { kind: 'error', locale: options.locale, problem };
  return { kind: 'run', command: command as 'check' | 'fix' | 'rules', options, paths };
}

function setOption(options: CliOptions, name: string, value: string): UsageProblem | undefined {
  const choices = CHOICES[name];
  const choice = choices?.find((c) => c === value.toLowerCase());
  if (choices && !choice) return { id: 'bad-value', arg: name, value, allowed: choices.join(', ') };
  switch (name) {
    case '--format':
      options.format = choice as OutputFormat;
      break;
    case '--template':
      options.template = choice as CliOptions['template'];
      break;
    case '--locale':
      options.locale = choice as Locale;
      break;
    case '--config':
      options.config = value;
      break;
    case '--max-warnings':
      if (!/^\d+$/.test(value)) return { id: 'bad-value', arg: name, value, allowed: '0, 1, 2, …' };
      options.maxWarnings = Number(value);
      break;
  }
  return undefined;
}
