/**
 * Settings, resolved per document and cached until the configuration changes.
 *
 * Layers, later ones winning:
 *   1. the engine's defaults;
 *   2. the `.gkreportrc.json` found upward from the document's folder (the same file the CLI uses);
 *   3. the editor's `gkreport.*` settings (workspace/configuration with the document as scope).
 * An editor setting only overrides the file when it says something: `format`, `agencyLevel` and
 * `moneyUnit` at `auto` and rules that are not listed leave the file's values in force (the
 * editor always sends its defaults, so a default cannot be told from an explicit choice).
 * `run`, `debounce`, `languages`, `maxFileSize` and `docsBaseUrl` exist only as editor settings.
 */
import { fileURLToPath } from 'node:url';
import type { Connection } from 'vscode-languageserver/node';
import { mergeOptions, RULE_CODES, SEVERITY_SETTINGS } from '../engine/config';
import type { EngineOptions, FormatId, Locale, RuleCode, SeveritySetting } from '../engine/types';
import { clearConfigCache, configForFile, type LoadedConfig } from '../node/config-files';
import { DOCS_BASE_URL, docsUrl as ruleDocsUrl } from '../engine/rules/registry';

/** The `gkreport.*` editor settings. */
export interface GkreportSettings {
  rules: Partial<Record<RuleCode, SeveritySetting>>;
  format: 'auto' | FormatId;
  agencyLevel: 'auto' | 'department' | 'government';
  moneyUnit: 'auto' | '万元' | '元';
  /** `onType`: check while typing (debounced); `onSave`: check on open and save only. */
  run: 'onType' | 'onSave';
  /** Delay (ms) between the last keystroke and a check while typing; 0 checks at once (benchmarks). */
  debounce: number;
  /** Languages checked besides `gkreport` (markdown and plaintext only when the text looks like a report). */
  languages: string[];
  /** Above this size (bytes, UTF-8) a document is checked on open and save only. */
  maxFileSize: number;
  /** Base URL of the rule documentation; `<base>/<code>.md`. */
  docsBaseUrl: string;
}

export const DEFAULT_DOCS_BASE_URL = DOCS_BASE_URL;

export const DEFAULT_SETTINGS: GkreportSettings = {
  rules: {},
  format: 'auto',
  agencyLevel: 'auto',
  moneyUnit: 'auto',
  run: 'onType',
  debounce: 200,
  languages: ['gkreport', 'markdown', 'plaintext'],
  maxFileSize: 2_000_000,
  docsBaseUrl: DEFAULT_DOCS_BASE_URL,
};

/** Everything the server needs to check one document. */
export interface ResolvedSettings {
  settings: GkreportSettings;
  /** Engine options: config file, editor settings, locale. */
  options: EngineOptions;
  /** The `.gkreportrc.json` that applies, if any. */
  configFile?: LoadedConfig;
}

const oneOf = <T extends string>(value: unknown, allowed: readonly T[], fallback: T): T =>
  typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;

/** Reads the `gkreport` settings object as a client sends it, ignoring what is not valid. */
export function normalizeSettings(raw: unknown): GkreportSettings {
  const s = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const rules: Partial<Record<RuleCode, SeveritySetting>> = {};
  if (s.rules && typeof s.rules === 'object') {
    for (const [code, severity] of Object.entries(s.rules as Record<string, unknown>)) {
      if (RULE_CODES.includes(code as RuleCode) && SEVERITY_SETTINGS.includes(severity as SeveritySetting)) {
        rules[code as RuleCode] = severity as SeveritySetting;
      }
    }
  }
  const languages = Array.isArray(s.languages) ? s.languages.filter((l): l is string => typeof l === 'string') : DEFAULT_SETTINGS.languages;
  const maxFileSize = typeof s.maxFileSize === 'number' && s.maxFileSize > 0 ? s.maxFileSize : DEFAULT_SETTINGS.maxFileSize;
  const debounce = typeof s.debounce === 'number' && Number.isFinite(s.debounce) && s.debounce >= 0 ? Math.min(s.debounce, 10_000) : DEFAULT_SETTINGS.debounce;
  const docsBaseUrl = typeof s.docsBaseUrl === 'string' && s.docsBaseUrl.trim() !== '' ? s.docsBaseUrl.trim() : DEFAULT_DOCS_BASE_URL;
  return {
    rules,
    format: oneOf(s.format, ['auto', '2019', '2021'] as const, 'auto'),
    agencyLevel: oneOf(s.agencyLevel, ['auto', 'department', 'government'] as const, 'auto'),
    moneyUnit: oneOf(s.moneyUnit, ['auto', '万元', '元'] as const, 'auto'),
    run: oneOf(s.run, ['onType', 'onSave'] as const, 'onType'),
    debounce,
    languages,
    maxFileSize,
    docsBaseUrl,
  };
}

/** The engine options of the editor settings: only what differs from "auto"/unset. */
export function settingsOptions(settings: GkreportSettings): EngineOptions {
  const options: EngineOptions = {};
  if (settings.format !== 'auto') options.template = settings.format;
  if (settings.agencyLevel !== 'auto') options.agencyLevel = settings.agencyLevel;
  if (settings.moneyUnit !== 'auto') options.moneyUnit = settings.moneyUnit;
  if (Object.keys(settings.rules).length > 0) options.rules = { ...settings.rules };
  return options;
}

/** The file system path of a `file:` URI, else undefined. */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** The documentation link of a rule. */
export function docsUrl(settings: GkreportSettings, code: RuleCode): string {
  return ruleDocsUrl(code, settings.docsBaseUrl);
}

/** Settings per document, fetched from the client and cached until the configuration changes. */
export class SettingsManager {
  /** Bumped whenever settings or configuration files change; cached results of older generations are stale. */
  generation = 0;
  private cache = new Map<string, Promise<ResolvedSettings>>();
  /** The last settings resolved per document, kept across invalidations (see `peek`). */
  private last = new Map<string, ResolvedSettings>();
  /** Settings pushed with workspace/didChangeConfiguration, for clients without workspace/configuration. */
  private pushed: GkreportSettings = DEFAULT_SETTINGS;
  private readonly reportedConfigErrors = new Set<string>();

  constructor(
    private readonly connection: Connection,
    private readonly locale: Locale,
    private readonly pullConfiguration: boolean,
  ) {}

  /** The resolved settings of a document. */
  get(uri: string): Promise<ResolvedSettings> {
    let entry = this.cache.get(uri);
    if (!entry) {
      const promise = this.resolve(uri);
      entry = promise;
      this.cache.set(uri, promise);
      void promise.then((resolved) => {
        if (this.cache.get(uri) === promise) this.last.set(uri, resolved);
      });
    }
    return entry;
  }

  /**
   * The settings last resolved for a document, synchronously (possibly of an older generation);
   * undefined before the first resolution. For decisions that cannot wait, like the debounce.
   */
  peek(uri: string): ResolvedSettings | undefined {
    return this.last.get(uri);
  }

  /** Forgets cached settings (and configuration files) after a change. */
  invalidate(): void {
    this.generation++;
    this.cache.clear();
    this.reportedConfigErrors.clear();
    clearConfigCache();
  }

  /** Drops the cache entry of a closed document. */
  forget(uri: string): void {
    this.cache.delete(uri);
    this.last.delete(uri);
  }

  /** workspace/didChangeConfiguration: with pull configuration the payload is ignored. */
  changed(settings: unknown): void {
    if (!this.pullConfiguration) {
      const section = settings && typeof settings === 'object' ? (settings as Record<string, unknown>).gkreport : undefined;
      this.pushed = normalizeSettings(section);
    }
    this.invalidate();
  }

  private async resolve(uri: string): Promise<ResolvedSettings> {
    let settings = this.pushed;
    if (this.pullConfiguration) {
      try {
        settings = normalizeSettings(await this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'gkreport' }));
      } catch (error) {
        this.connection.console.warn(`gkreport: cannot read the settings: ${String(error)}`);
        settings = DEFAULT_SETTINGS;
      }
    }
    const path = uriToPath(uri);
    let configFile: LoadedConfig | undefined;
    if (path) {
      try {
        configFile = configForFile(path);
      } catch {
        configFile = undefined;
      }
    }
    if (configFile && configFile.errors.length > 0 && !this.reportedConfigErrors.has(configFile.path)) {
      this.reportedConfigErrors.add(configFile.path);
      for (const error of configFile.errors) this.connection.console.warn(`gkreport: ${configFile.path}: ${error}`);
    }
    const options = mergeOptions(configFile?.options ?? {}, settingsOptions(settings), { locale: this.locale, docsBaseUrl: settings.docsBaseUrl });
    return { settings, options, configFile };
  }
}
