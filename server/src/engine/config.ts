/**
 * Configuration: the `.gkreportrc.json` file, its JSON Schema, a hand-written validator for it and
 * the merging of option layers (config file, editor settings, CLI flags). Pure: no file system.
 */
import type { EngineOptions, FormatId, RuleCode, Severity, SeveritySetting } from './types';

/** The content of a `.gkreportrc.json` file. */
export interface GkreportConfig {
  $schema?: string;
  rules?: Partial<Record<RuleCode, SeveritySetting>>;
  format?: 'auto' | FormatId;
  agencyLevel?: 'auto' | 'department' | 'government';
  moneyUnit?: 'auto' | '万元' | '元';
}

const RULE_DESCRIPTIONS: Record<RuleCode, string> = {
  'row-total': "Table 3: a row's 总计 differs from the sum of its six applicant cells.",
  'column-total': 'Table 3: （七）总计 differs from the sum of the result rows, per column.',
  balance: 'Table 3: 一 + 二 differs from （七）总计 + 四, per column.',
  'appeal-total': "Table 4: a block's 总计 differs from 结果维持 + 结果纠正 + 其他结果 + 尚未审结.",
  'empty-cell': 'A cell of a standard table is blank or holds a placeholder.',
  'missing-row': 'A row of a standard table is absent.',
  'missing-table': 'Part 二, 三 or 四 has no table.',
  'missing-section': 'One of the six parts is absent, repeated or out of order, or its heading has no ordinal.',
  'invalid-number': 'A count cell is not a non-negative integer.',
  unit: "A money value's unit conflicts with its column, is not stated, or is implausible.",
  decimals: 'A value has another number of decimals than its header declares.',
  label: 'A row or column label deviates from the standard wording.',
  'template-version': 'The tables follow the other national format than the report year requires.',
  period: 'The stated statistics period is not 1月1日–12月31日 of the report year.',
  narrative: 'A number in the text contradicts the table.',
  deadline: 'The closing date is after the legal publication deadline.',
  'cross-year': "二、上年结转 differs from last year's 四、结转下年度继续办理.",
  'outdated-reference': 'The text cites a superseded document: the 2007 Regulations or the other format\'s notice.',
};

/** Every rule code of the catalogue, in catalogue order. */
export const RULE_CODES = Object.keys(RULE_DESCRIPTIONS) as RuleCode[];

/** The values a rule's severity can be set to. */
export const SEVERITY_SETTINGS: readonly SeveritySetting[] = ['error', 'warning', 'info', 'off'];

/** JSON Schema (draft-07) of `.gkreportrc.json`; `schemas/gkreportrc.schema.json` is this object. */
export const CONFIG_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'gkreport configuration',
  description:
    'Configuration of gkreport, the checker of government information-disclosure annual reports. Applies to the reports in this folder and below.',
  type: 'object',
  additionalProperties: false,
  properties: {
    $schema: {
      type: 'string',
      description: 'The JSON Schema this file follows.',
    },
    rules: {
      type: 'object',
      description: 'Severity per rule code: error, warning, info, or off to disable the rule.',
      additionalProperties: false,
      propertyNames: { enum: [...RULE_CODES] },
      properties: Object.fromEntries(
        RULE_CODES.map((code) => [
          code,
          { type: 'string', enum: [...SEVERITY_SETTINGS], description: RULE_DESCRIPTIONS[code] },
        ]),
      ),
    },
    format: {
      type: 'string',
      enum: ['auto', '2019', '2021'],
      default: 'auto',
      description:
        'National table format to expect: auto chooses from the report year (2019 format up to 2020, 2021 format from 2021).',
    },
    agencyLevel: {
      type: 'string',
      enum: ['auto', 'department', 'government'],
      default: 'auto',
      description:
        "Kind of agency, for the publication deadline: a department's report is due on 31 January, a government's aggregated report on 31 March.",
    },
    moneyUnit: {
      type: 'string',
      enum: ['auto', '万元', '元'],
      default: 'auto',
      description: 'Money unit expected in money columns when the document states none.',
    },
  },
} as const;

interface SchemaNode {
  type?: string;
  enum?: readonly string[];
  properties?: Record<string, SchemaNode>;
  additionalProperties?: boolean;
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? text.slice(0, 39) + '…' : text;
}

function validate(value: unknown, schema: SchemaNode, path: string, errors: string[]): void {
  const where = path || 'the configuration';
  if (schema.type && typeOf(value) !== schema.type) {
    errors.push(`${where}: expected ${schema.type === 'object' ? 'an object' : `a ${schema.type}`}, found ${show(value)}`);
  } else if (schema.enum && !schema.enum.includes(value as string)) {
    errors.push(`${where}: ${show(value)} is not one of ${schema.enum.join(', ')}`);
  } else if (schema.type === 'object') {
    const properties = schema.properties ?? {};
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      if (Object.hasOwn(properties, key)) {
        validate(child, properties[key], path ? `${path}.${key}` : key, errors);
      } else if (schema.additionalProperties === false) {
        const what = path === 'rules' ? 'rules: unknown rule code' : path ? `${path}: unknown key` : 'unknown key';
        errors.push(`${what} "${key}"${suggest(key, Object.keys(properties))}`);
      }
    }
  }
}

function suggest(word: string, candidates: string[]): string {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const candidate of candidates) {
    const d = distance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best ? ` (did you mean "${best}"?)` : '';
}

function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    row = next;
  }
  return row[b.length];
}

class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERAL = /true|false|null/y;
/** Deeper nesting is not a configuration: it is refused before the parser's recursion could overflow. */
const MAX_DEPTH = 64;

function parseJsonc(text: string): unknown {
  let i = 0;
  const fail = (expected: string): never => {
    const found = i >= text.length ? 'end of file' : JSON.stringify(text[i]);
    throw new JsonSyntaxError(`expected ${expected}, found ${found}`, i);
  };
  const space = () => {
    for (;;) {
      while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
      if (text.startsWith('//', i)) {
        while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
      } else if (text.startsWith('/*', i)) {
        const end = text.indexOf('*/', i + 2);
        if (end < 0) throw new JsonSyntaxError('unterminated /* comment', i);
        i = end + 2;
      } else return;
    }
  };
  const token = (re: RegExp): string | undefined => {
    re.lastIndex = i;
    const match = re.exec(text);
    if (match) i += match[0].length;
    return match?.[0];
  };
  let depth = 0;
  const value = (): unknown => {
    space();
    const open = text[i] === '{' || text[i] === '[';
    if (open && ++depth > MAX_DEPTH) throw new JsonSyntaxError(`nested more than ${MAX_DEPTH} levels deep`, i);
    const result = nested();
    if (open) depth--;
    return result;
  };
  const nested = (): unknown => {
    if (text[i] === '{') {
      i++;
      const object: Record<string, unknown> = Object.create(null);
      space();
      if (text[i] === '}') return i++, object;
      for (;;) {
        space();
        const key = token(STRING) ?? fail('a property name in double quotes');
        space();
        if (text[i++] !== ':') i--, fail('":"');
        object[JSON.parse(key)] = value();
        space();
        if (text[i] === ',') i++;
        else if (text[i] === '}') return i++, object;
        else fail('"," or "}"');
      }
    }
    if (text[i] === '[') {
      i++;
      const array: unknown[] = [];
      space();
      if (text[i] === ']') return i++, array;
      for (;;) {
        array.push(value());
        space();
        if (text[i] === ',') i++;
        else if (text[i] === ']') return i++, array;
        else fail('"," or "]"');
      }
    }
    const scalar = token(STRING) ?? token(NUMBER) ?? token(LITERAL) ?? fail('a value');
    return JSON.parse(scalar);
  };
  const result = value();
  space();
  if (i < text.length) fail('the end of the file');
  return result;
}

function syntaxError(text: string, error: JsonSyntaxError): string {
  const lines = text.slice(0, error.offset).split(/\r\n|\r|\n/);
  return `invalid JSON at line ${lines.length}, column ${lines[lines.length - 1].length + 1}: ${error.message}`;
}

/**
 * Parses and validates the text of a `.gkreportrc.json` file. Tolerates a BOM and `//` or
 * `/* *\/` comments. Never throws: problems are returned as messages, and the options hold
 * whatever parts of the file are valid.
 */
export function parseConfig(jsonText: string): { options: EngineOptions; errors: string[] } {
  const text = jsonText.replace(/^\uFEFF/, '');
  let data: unknown;
  try {
    data = parseJsonc(text);
  } catch (error) {
    const message = error instanceof JsonSyntaxError ? syntaxError(text, error) : `invalid JSON: ${String(error)}`;
    return { options: {}, errors: [message] };
  }
  const errors: string[] = [];
  validate(data, CONFIG_SCHEMA as unknown as SchemaNode, '', errors);
  return { options: typeOf(data) === 'object' ? toOptions(data as Record<string, unknown>) : {}, errors };
}

function toOptions(data: Record<string, unknown>): EngineOptions {
  const schema = CONFIG_SCHEMA.properties;
  const valid = (value: unknown, allowed: readonly string[]) => typeof value === 'string' && allowed.includes(value);
  const options: EngineOptions = {};
  if (valid(data.format, schema.format.enum)) options.template = data.format as EngineOptions['template'];
  if (valid(data.agencyLevel, schema.agencyLevel.enum)) options.agencyLevel = data.agencyLevel as EngineOptions['agencyLevel'];
  if (valid(data.moneyUnit, schema.moneyUnit.enum)) options.moneyUnit = data.moneyUnit as EngineOptions['moneyUnit'];
  if (typeOf(data.rules) === 'object') {
    const rules: Partial<Record<RuleCode, SeveritySetting>> = {};
    for (const [code, severity] of Object.entries(data.rules as Record<string, unknown>)) {
      if (RULE_CODES.includes(code as RuleCode) && valid(severity, SEVERITY_SETTINGS)) {
        rules[code as RuleCode] = severity as SeveritySetting;
      }
    }
    options.rules = rules;
  }
  return options;
}

/** Merges option layers; later layers win, and rule severities are merged per code. */
export function mergeOptions(...layers: EngineOptions[]): EngineOptions {
  const merged: EngineOptions = {};
  for (const layer of layers) {
    for (const [key, value] of Object.entries(layer) as [keyof EngineOptions, unknown][]) {
      if (value === undefined) continue;
      if (key === 'rules') {
        const defined = Object.entries(value as object).filter(([, severity]) => severity !== undefined);
        merged.rules = { ...merged.rules, ...Object.fromEntries(defined) };
      } else (merged as Record<string, unknown>)[key] = value;
    }
  }
  return merged;
}

/** The severity a rule runs at: the configured one if any, else the rule's default. */
export function resolveSeverity(code: RuleCode, defaultSeverity: Severity, options?: EngineOptions): SeveritySetting {
  return options?.rules?.[code] ?? defaultSeverity;
}
