import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONFIG_SCHEMA, RULE_CODES, SEVERITY_SETTINGS, mergeOptions, parseConfig, resolveSeverity } from '../../server/src/engine/config';
import { RULES } from '../../server/src/engine/rules/registry';
import { CONFIG_FILE_NAME, configForFile, findConfigFile, loadConfigFile } from '../../server/src/node/config-files';
import { repoRoot } from '../helpers';

describe('parseConfig', () => {
  it('maps every key of a valid file to engine options', () => {
    const { options, errors } = parseConfig(
      JSON.stringify({
        $schema: './schemas/gkreportrc.schema.json',
        rules: { 'row-total': 'warning', deadline: 'off', unit: 'error' },
        format: '2021',
        agencyLevel: 'government',
        moneyUnit: '万元',
      }),
    );
    assert.deepEqual(errors, []);
    assert.deepEqual(options, {
      template: '2021',
      agencyLevel: 'government',
      moneyUnit: '万元',
      rules: { 'row-total': 'warning', deadline: 'off', unit: 'error' },
    });
  });

  it('accepts an empty object', () => {
    assert.deepEqual(parseConfig('{}'), { options: {}, errors: [] });
  });

  it('tolerates a BOM and comments, but not comment markers inside strings', () => {
    const text = '\uFEFF// project settings\n{\n  "$schema": "https://example.org//x", /* inline */\n  "rules": { "period": "off" } // trailing\n}\n';
    assert.deepEqual(parseConfig(text), { options: { rules: { period: 'off' } }, errors: [] });
  });

  it('reports unknown keys and rule codes, with a suggestion', () => {
    const { options, errors } = parseConfig('{"fromat": "2019", "rules": {"row-totl": "off", "unit": "off"}}');
    assert.equal(errors.length, 2);
    assert.match(errors.join('\n'), /fromat[\s\S]*format/);
    assert.match(errors.join('\n'), /row-totl[\s\S]*row-total/);
    assert.deepEqual(options, { rules: { unit: 'off' } });
  });

  it('reports bad values and keeps the valid parts', () => {
    const { options, errors } = parseConfig(
      '{"format": 2019, "agencyLevel": "city", "moneyUnit": "亿元", "rules": {"balance": "warn", "label": "info"}}',
    );
    assert.equal(errors.length, 4);
    for (const key of ['format', 'agencyLevel', 'moneyUnit', 'rules.balance']) {
      assert.ok(errors.some((e) => e.startsWith(key + ':')), `no error for ${key}: ${errors.join(' | ')}`);
    }
    assert.deepEqual(options, { rules: { label: 'info' } });
  });

  it('rejects a file that is not an object', () => {
    for (const text of ['[]', '"x"', '42', 'null', '{"rules": []}', '{"rules": "off"}']) {
      const { errors } = parseConfig(text);
      assert.equal(errors.length, 1, text);
    }
  });

  it('reports JSON syntax errors with line and column', () => {
    const cases: [string, number, number][] = [
      ['{\n  "format": "2019",\n}', 3, 1],
      ['{\n  "format" "2019"\n}', 2, 12],
      ['{"format": }', 1, 12],
      ['{"a": 1} x', 1, 10],
      ['', 1, 1],
      ['/* open', 1, 1],
    ];
    for (const [text, line, column] of cases) {
      const { options, errors } = parseConfig(text);
      assert.deepEqual(options, {});
      assert.equal(errors.length, 1, text);
      assert.match(errors[0], new RegExp(`line ${line}, column ${column}\\b`), `${JSON.stringify(text)}: ${errors[0]}`);
    }
  });

  it('never throws, whatever the input', () => {
    const valid = '{"rules": {"row-total": "warning", "unit": "off"}, "format": "auto", "moneyUnit": "元"}';
    const inputs = ['{', '}', '{"', '"\\', '[[[[', '['.repeat(100000), '{"a":{"b":{"c":', '\u0000', '{"rules":{"x":[1,{}]}}', '{"__proto__": 1}'];
    for (let i = 0; i <= valid.length; i++) inputs.push(valid.slice(0, i), valid.slice(i));
    let seed = 7;
    for (let n = 0; n < 200; n++) {
      let s = '';
      for (let k = 0; k < 20; k++) s += '{}[]":,/*\\ \n0123tfn-e.'[(seed = (seed * 1103515245 + 12345) % 2147483648) % 24];
      inputs.push(s);
    }
    for (const text of inputs) {
      const result = parseConfig(text);
      assert.ok(Array.isArray(result.errors) && typeof result.options === 'object', text);
    }
  });

  it('does not let __proto__ or inherited names through', () => {
    const { options, errors } = parseConfig('{"__proto__": {"template": "2019"}, "rules": {"constructor": "off", "toString": "off"}}');
    assert.equal(errors.length, 3);
    assert.equal((options as Record<string, unknown>).template, undefined);
    assert.deepEqual(options.rules, {});
  });

  it('accepts every value the schema allows', () => {
    for (const code of RULE_CODES) {
      for (const severity of SEVERITY_SETTINGS) {
        assert.deepEqual(parseConfig(JSON.stringify({ rules: { [code]: severity } })), { options: { rules: { [code]: severity } }, errors: [] });
      }
    }
    const props = CONFIG_SCHEMA.properties;
    for (const format of props.format.enum) assert.deepEqual(parseConfig(JSON.stringify({ format })).options, { template: format });
    for (const agencyLevel of props.agencyLevel.enum) assert.deepEqual(parseConfig(JSON.stringify({ agencyLevel })).options, { agencyLevel });
    for (const moneyUnit of props.moneyUnit.enum) assert.deepEqual(parseConfig(JSON.stringify({ moneyUnit })).options, { moneyUnit });
  });
});

describe('mergeOptions', () => {
  it('lets later layers win and merges rules per code', () => {
    const merged = mergeOptions(
      { template: '2019', agencyLevel: 'department', rules: { unit: 'off', label: 'info' } },
      { template: '2021', rules: { label: 'error', period: 'warning' } },
      { locale: 'en' },
    );
    assert.deepEqual(merged, {
      template: '2021',
      agencyLevel: 'department',
      locale: 'en',
      rules: { unit: 'off', label: 'error', period: 'warning' },
    });
  });

  it('ignores undefined values', () => {
    const merged = mergeOptions({ template: '2019', rules: { unit: 'off' } }, { template: undefined, rules: { unit: undefined } });
    assert.deepEqual(merged, { template: '2019', rules: { unit: 'off' } });
  });

  it('does not modify its inputs', () => {
    const a = { rules: { unit: 'off' as const } };
    mergeOptions(a, { rules: { label: 'info' } });
    assert.deepEqual(a, { rules: { unit: 'off' } });
    assert.deepEqual(mergeOptions(), {});
  });
});

describe('resolveSeverity', () => {
  it('uses the configured severity, else the default', () => {
    assert.equal(resolveSeverity('unit', 'warning'), 'warning');
    assert.equal(resolveSeverity('unit', 'warning', {}), 'warning');
    assert.equal(resolveSeverity('unit', 'warning', { rules: { unit: 'off' } }), 'off');
    assert.equal(resolveSeverity('unit', 'warning', { rules: { label: 'off' } }), 'warning');
    assert.equal(resolveSeverity('row-total', 'error', { rules: { 'row-total': 'info' } }), 'info');
  });
});

describe('CONFIG_SCHEMA', () => {
  it('is exactly schemas/gkreportrc.schema.json', () => {
    const file = JSON.parse(readFileSync(join(repoRoot(), 'schemas', 'gkreportrc.schema.json'), 'utf8'));
    assert.deepEqual(file, JSON.parse(JSON.stringify(CONFIG_SCHEMA)), 'regenerate schemas/gkreportrc.schema.json from CONFIG_SCHEMA');
  });

  it('is a draft-07 schema listing all 18 rule codes of the registry', () => {
    assert.equal(CONFIG_SCHEMA.$schema, 'http://json-schema.org/draft-07/schema#');
    assert.equal(RULE_CODES.length, 18);
    assert.deepEqual([...RULE_CODES], RULES.map((r) => r.code));
    const rules = CONFIG_SCHEMA.properties.rules;
    assert.deepEqual([...rules.propertyNames.enum], RULE_CODES);
    assert.deepEqual(Object.keys(rules.properties), RULE_CODES);
    for (const code of RULE_CODES) {
      const entry = (rules.properties as Record<string, { enum: readonly string[]; description: string }>)[code];
      assert.deepEqual([...entry.enum], ['error', 'warning', 'info', 'off']);
      assert.ok(entry.description.length > 0);
    }
  });
});

describe('config files', () => {
  it('finds the nearest .gkreportrc.json upward and caches it by modification time', () => {
    const root = mkdtempSync(join(tmpdir(), 'gkreport-config-'));
    try {
      mkdirSync(join(root, 'a', 'b', 'c'), { recursive: true });
      const top = join(root, CONFIG_FILE_NAME);
      const mid = join(root, 'a', CONFIG_FILE_NAME);
      writeFileSync(top, '{"format": "2019"}');
      writeFileSync(mid, '{"rules": {"unit": "off"}}');
      assert.equal(findConfigFile(join(root, 'a', 'b', 'c')), mid);
      assert.equal(findConfigFile(root), top);
      assert.equal(configForFile(join(root, 'a', 'b', 'report.txt'))?.path, mid);
      assert.deepEqual(configForFile(join(root, 'report.txt'))?.options, { template: '2019' });

      const first = loadConfigFile(mid);
      assert.equal(loadConfigFile(mid), first);
      writeFileSync(mid, '{"rules": {"unit": "warn"}}');
      utimesSync(mid, new Date(), new Date(Date.now() + 5000));
      const second = loadConfigFile(mid);
      assert.deepEqual(second.options, { rules: {} });
      assert.equal(second.errors.length, 1);

      rmSync(mid);
      assert.deepEqual(loadConfigFile(mid).options, {});
      assert.equal(loadConfigFile(mid).errors.length, 1);
      assert.equal(findConfigFile(join(root, 'a', 'b')), top);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
