/**
 * The extension manifest (package.json): localised strings, commands, activation, settings for
 * every rule, the files it points at, and the bundle size of the client.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CONFIG_SCHEMA } from '../../server/src/engine/config';
import { RULES } from '../../server/src/engine/rules/registry';
import { repoRoot } from '../helpers';

const root = repoRoot();
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const pkg = JSON.parse(read('package.json'));
const nls: Record<string, Record<string, string>> = {
  en: JSON.parse(read('package.nls.json')),
  'zh-cn': JSON.parse(read('package.nls.zh-cn.json')),
};
const contributes = pkg.contributes;
const settings: Record<string, any> = contributes.configuration.properties;

/** Every `%key%` placeholder in a JSON value. */
function placeholders(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') {
    const m = /^%([^%\s]+)%$/.exec(value);
    if (m) out.push(m[1]);
  } else if (Array.isArray(value)) value.forEach((v) => placeholders(v, out));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => placeholders(v, out));
  return out;
}

/** The source of the client, every file. */
function clientSource(): string {
  const dir = join(root, 'client', 'src');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => readFileSync(join(dir, f), 'utf8'))
    .join('\n');
}

describe('extension manifest', () => {
  it('has every %key% of package.json in both nls files, and no stale keys', () => {
    const keys = new Set(placeholders(pkg));
    assert.ok(keys.size > 30);
    for (const [lang, table] of Object.entries(nls)) {
      for (const key of keys) assert.ok(typeof table[key] === 'string' && table[key].trim() !== '', `${key} missing in ${lang}`);
      for (const key of Object.keys(table)) assert.ok(keys.has(key), `${key} in ${lang} is not used by package.json`);
    }
    assert.deepEqual(Object.keys(nls.en).sort(), Object.keys(nls['zh-cn']).sort());
    assert.match(nls['zh-cn'].category, /政府信息公开年报/);
    assert.equal(nls.en.category, 'Gov Report');
  });

  it('localises every contributed string shown to users', () => {
    for (const command of contributes.commands) {
      assert.match(command.title, /^%.+%$/, `${command.command} title`);
      assert.match(command.category, /^%.+%$/, `${command.command} category`);
    }
    for (const [name, setting] of Object.entries(settings)) {
      assert.match(setting.markdownDescription, /^%.+%$/, name);
      for (const d of setting.markdownEnumDescriptions ?? []) assert.match(d, /^%.+%$/, name);
      for (const [code, rule] of Object.entries<any>(setting.properties ?? {})) assert.match(rule.markdownDescription, /^%.+%$/, `${name}.${code}`);
    }
    assert.match(contributes.configuration.title, /^%.+%$/);
    assert.match(pkg.description, /^%.+%$/);
    assert.match(pkg.capabilities.virtualWorkspaces.description, /^%.+%$/);
    for (const language of contributes.languages) for (const alias of language.aliases ?? []) if (/[^\x00-\x7f]|\s/.test(alias)) assert.fail(`alias ${alias} should be a %key%`);
  });

  it('gives every command a title and registers it in the client', () => {
    const source = clientSource();
    const ids = contributes.commands.map((c: { command: string }) => c.command);
    assert.deepEqual(ids.sort(), ['gkreport.fixAll', 'gkreport.insertTable', 'gkreport.showOutput', 'gkreport.validate', 'gkreport.validateWorkspace']);
    for (const command of contributes.commands) {
      assert.ok(command.title, command.command);
      for (const table of Object.values(nls)) assert.ok(table[command.title.slice(1, -1)], command.command);
      const registered = source.includes(`'${command.command}'`) || (command.command === 'gkreport.validateWorkspace' && source.includes('VALIDATE_WORKSPACE_COMMAND'));
      assert.ok(registered, `${command.command} is not registered in client/src`);
    }
    for (const entry of contributes.menus.commandPalette) assert.ok(ids.includes(entry.command));
  });

  it('activates on the report languages and its commands only, never on *', () => {
    const events: string[] = pkg.activationEvents;
    assert.ok(!events.includes('*'));
    assert.ok(!events.some((e) => e === 'onStartupFinished' || e.startsWith('workspaceContains')));
    for (const language of ['gkreport', 'markdown', 'plaintext']) assert.ok(events.includes(`onLanguage:${language}`));
    for (const command of contributes.commands) assert.ok(events.includes(`onCommand:${command.command}`), command.command);
    assert.equal(pkg.main, './dist/client.js');
  });

  it('lists every rule code of the registry under gkreport.rules, with its default severity', () => {
    const rules = settings['gkreport.rules'];
    assert.deepEqual(Object.keys(rules.properties), RULES.map((r) => r.code));
    for (const rule of RULES) {
      assert.deepEqual(rules.properties[rule.code].enum, ['error', 'warning', 'info', 'off']);
      assert.equal(rules.properties[rule.code].default, rule.defaultSeverity, rule.code);
    }
    assert.equal(rules.additionalProperties, false);
  });

  it('offers the options of .gkreportrc.json with the same values', () => {
    const schema = CONFIG_SCHEMA.properties;
    assert.deepEqual(settings['gkreport.format'].enum, [...schema.format.enum]);
    assert.deepEqual(settings['gkreport.agencyLevel'].enum, [...schema.agencyLevel.enum]);
    assert.deepEqual(settings['gkreport.moneyUnit'].enum, [...schema.moneyUnit.enum]);
    for (const name of ['gkreport.format', 'gkreport.agencyLevel', 'gkreport.moneyUnit']) assert.equal(settings[name].markdownEnumDescriptions.length, settings[name].enum.length);
    assert.deepEqual(settings['gkreport.run'].enum, ['onType', 'onSave']);
    assert.deepEqual(settings['gkreport.languages'].default, ['gkreport', 'markdown', 'plaintext']);
    assert.equal(settings['gkreport.maxFileSize'].default, 2000000);
    assert.deepEqual(settings['gkreport.trace.server'].enum, ['off', 'messages', 'verbose']);
    assert.deepEqual(
      Object.keys(settings).sort(),
      [
        'gkreport.agencyLevel',
        'gkreport.debounce',
        'gkreport.docsBaseUrl',
        'gkreport.format',
        'gkreport.languages',
        'gkreport.maxFileSize',
        'gkreport.moneyUnit',
        'gkreport.rules',
        'gkreport.run',
        'gkreport.trace.server',
      ],
    );
  });

  it('points at files that exist', () => {
    const files = [
      pkg.icon,
      ...contributes.languages.filter((l: any) => l.configuration).map((l: any) => l.configuration),
      ...contributes.languages.filter((l: any) => l.icon).flatMap((l: any) => [l.icon.light, l.icon.dark]),
      ...contributes.grammars.map((g: any) => g.path),
      ...contributes.snippets.map((s: any) => s.path),
      ...contributes.jsonValidation.map((j: any) => j.url),
    ];
    for (const file of files) assert.ok(existsSync(join(root, file)), file);
    assert.deepEqual(contributes.jsonValidation, [{ fileMatch: '.gkreportrc.json', url: './schemas/gkreportrc.schema.json' }]);
    assert.deepEqual(contributes.snippets.map((s: any) => s.language).sort(), ['gkreport', 'markdown', 'plaintext']);
    assert.equal(contributes.grammars[0].scopeName, JSON.parse(read(contributes.grammars[0].path)).scopeName);
    const gk = contributes.languages.find((l: any) => l.id === 'gkreport');
    assert.deepEqual(gk.extensions, ['.gkreport']);
    const config = JSON.parse(read(gk.configuration));
    assert.deepEqual(config.comments.blockComment, ['<!--', '-->']);
    for (const pair of [['（', '）'], ['(', ')'], ['《', '》']]) assert.ok(config.brackets.some((b: string[]) => b.join() === pair.join()), pair.join());
  });

  it('keeps tab characters and Chinese text plain in .gkreport editors', () => {
    const defaults = contributes.configurationDefaults['[gkreport]'];
    assert.equal(defaults['editor.insertSpaces'], false);
    assert.equal(defaults['editor.unicodeHighlight.nonBasicASCII'], false);
    assert.equal(defaults['editor.unicodeHighlight.ambiguousCharacters'], false);
  });

  it('has a 128×128 PNG icon', () => {
    const png = readFileSync(join(root, pkg.icon));
    assert.equal(png.subarray(1, 4).toString('ascii'), 'PNG');
    assert.equal(png.readUInt32BE(16), 128);
    assert.equal(png.readUInt32BE(20), 128);
  });

  it('declares its trust and virtual-workspace support', () => {
    assert.deepEqual(pkg.capabilities.untrustedWorkspaces, { supported: true });
    assert.equal(pkg.capabilities.virtualWorkspaces.supported, 'limited');
  });

  it('keeps engines.vscode and @types/vscode on the same VS Code version', () => {
    const minor = (range: string) => /(\d+)\.(\d+)/.exec(range)!.slice(1, 3).join('.');
    assert.equal(minor(pkg.engines.vscode), minor(pkg.devDependencies['@types/vscode']));
    assert.match(pkg.dependencies['vscode-languageclient'], /^\^9\./);
  });

  it('bundles the client within 450 KB (minified build)', (t) => {
    const bundle = join(root, 'dist', 'client.js');
    if (!existsSync(bundle)) return t.skip('dist/client.js is not built');
    const source = readFileSync(bundle, 'utf8');
    // A development build (node esbuild.mjs --dev) keeps esbuild's source path comments.
    if (/^\/\/ client\/src\//m.test(source)) return t.skip('dist/client.js is a development build');
    assert.ok(statSync(bundle).size <= 450_000, `dist/client.js is ${statSync(bundle).size} bytes`);
  });
});
