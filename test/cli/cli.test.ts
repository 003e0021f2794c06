import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeText } from '../../server/src/node/decode';
import { SEEDS, readFixture, repoRoot } from '../helpers';
import { permissionsApply, skipWithout, type Credentials } from '../support/unprivileged';

const CLI = join(repoRoot(), 'dist', 'cli.js');
/** Who runs the CLI in tests of unreadable and unwritable files (as root, permissions do not apply). */
const unprivileged = permissionsApply([CLI]);
const RULE_COUNT = 18;

interface Position {
  line: number;
  character: number;
}
interface Range {
  start: Position;
  end: Position;
}
interface Diagnostic {
  code: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  range: Range;
  fixes: { title: string; edits: { range: Range; newText: string }[]; preferred?: boolean }[];
}
interface Entry {
  file: string;
  format?: string;
  year?: number;
  error?: string;
  diagnostics: Diagnostic[];
}

let dir: string;

function gk(args: string[], env: Record<string, string> = {}, credentials: Credentials = {}) {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    ...credentials,
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, LC_ALL: '', LC_MESSAGES: '', LANG: 'C', ...env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function gkJson(args: string[], env: Record<string, string> = {}, credentials: Credentials = {}) {
  const result = gk([...args, '--format', 'json'], env, credentials);
  let json: Entry[];
  try {
    json = JSON.parse(result.stdout);
  } catch {
    assert.fail(`stdout is not JSON (status ${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
  return { ...result, json };
}

function write(name: string, content: string | Buffer): string {
  mkdirSync(join(dir, name, '..'), { recursive: true });
  writeFileSync(join(dir, name), content);
  return name;
}

/** Replaces 1-based line `n` of a text (whose lines are known from the seed). */
function setLine(text: string, n: number, line: string): string {
  const lines = text.split('\n');
  lines[n - 1] = line;
  return lines.join('\n');
}

const seed001 = () => readFixture(SEEDS['001']);
/** Seed 001 with its wrong statistics period corrected: no errors or warnings. */
const clean001 = () => seed001().replace('至2021年12月31日', '至2020年12月31日');
/** Clean 001 with table 3's 自然人 applications moved from row （一） to row （二）: two wrong row totals. */
const rowTotals001 = () => setLine(setLine(clean001(), 97, '0 |'), 105, '1 |');
/** Clean 001 with the 总计 of row （一） mistyped as 2 (the other cells say 1). */
const mistyped001 = () => setLine(clean001(), 103, '2 | |');
/** Clean 001 turned into last year's report, with 1 application carried over to this year. */
const lastYear001 = () =>
  setLine(setLine(clean001().replace(/2020/g, '2019').replace(/2021/g, '2020'), 260, '1 |'), 266, '1 |');

const codes = (entry: Entry) => entry.diagnostics.map((d) => d.code);
const errorsOf = (entry: Entry) => entry.diagnostics.filter((d) => d.severity === 'error');

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'gkreport-cli-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('gkreport: command line', () => {
  it('prints its version and help', () => {
    const version = gk(['--version']);
    assert.equal(version.status, 0);
    assert.equal(version.stdout.trim(), JSON.parse(readFileSync(join(repoRoot(), 'package.json'), 'utf8')).version);
    const help = gk(['--help']);
    assert.equal(help.status, 0);
    for (const word of ['check', 'fix', 'rules', '--format', '--template', '--config', '--locale', '--max-warnings', '--quiet']) {
      assert.ok(help.stdout.includes(word), word);
    }
    assert.equal(gk(['--help'], { LANG: 'zh_CN.UTF-8' }).status, 0);
  });

  it('exits 2 on usage errors, explaining on stderr', () => {
    for (const args of [[], ['lint', 'x.txt'], ['check'], ['check', '--nope', 'x.txt'], ['check', '--format', 'xml', 'x.txt'], ['check', '--max-warnings', 'x', 'x.txt']]) {
      const result = gk(args);
      assert.equal(result.status, 2, args.join(' '));
      assert.equal(result.stdout, '');
      assert.ok(result.stderr.length > 0);
    }
  });

  it('lists the rules', () => {
    const text = gk(['rules']);
    assert.equal(text.status, 0);
    const lines = text.stdout.trim().split('\n');
    assert.equal(lines.length, RULE_COUNT);
    assert.ok(lines.some((l) => /^row-total\s+error\s+docs\/rules\/row-total\.md/.test(l)));
    assert.ok(lines.some((l) => /^deadline\s+info\s/.test(l)));
    const json = JSON.parse(gk(['rules', '--format', 'json']).stdout);
    assert.equal(json.length, RULE_COUNT);
    assert.deepEqual(Object.keys(json[0]).sort(), ['code', 'defaultSeverity', 'description', 'docs', 'fixable', 'title']);
    assert.equal(gk(['rules', 'x.txt']).status, 2);
  });
});

describe('gkreport: files that cannot be checked', () => {
  it('names unreadable and undecodable files, checks the others, exits 2', () => {
    write('reports/a.txt', clean001());
    write('reports/binary.txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x01, 0x02]));
    write('reports/latin1.txt', Buffer.from('Caf\u00e9 cr\u00e8me', 'latin1'));
    const result = gkJson(['check', 'missing.txt', 'reports', 'no/*.txt']);
    assert.equal(result.status, 2);
    assert.deepEqual(
      result.json.map((e) => e.file),
      ['missing.txt', 'reports/a.txt', 'reports/binary.txt', 'reports/latin1.txt', 'no/*.txt'],
    );
    for (const i of [0, 2, 3, 4]) {
      assert.equal(typeof result.json[i].error, 'string');
      assert.ok(result.json[i].error!.length > 0);
      assert.deepEqual(result.json[i].diagnostics, []);
    }
    assert.equal(result.json[1].error, undefined);
    assert.ok(Array.isArray(result.json[1].diagnostics));
    for (const name of ['missing.txt', 'reports/binary.txt', 'reports/latin1.txt', 'no/*.txt']) {
      assert.ok(result.stderr.includes(name), `${name} not named on stderr:\n${result.stderr}`);
    }
    assert.ok(!result.stderr.includes('reports/a.txt'));
  });

  it('reports a file without read permission', { skip: skipWithout(unprivileged) }, () => {
    write('locked.txt', clean001());
    write('open.txt', clean001());
    chmodSync(join(dir, 'locked.txt'), 0o000);
    chmodSync(dir, 0o755);
    const both = gkJson(['check', 'locked.txt', 'open.txt'], {}, unprivileged as Credentials);
    assert.equal(both.status, 2);
    assert.match(both.json[0].error ?? '', /permission/i);
    assert.equal(both.json[1].error, undefined);
    const result = gk(['check', 'locked.txt'], {}, unprivileged as Credentials);
    assert.equal(result.status, 2);
    assert.ok(result.stderr.includes('locked.txt'));
  });

  it('gives the reasons in Chinese under a Chinese locale', () => {
    const result = gk(['check', 'missing.txt'], { LANG: 'zh_CN.UTF-8' });
    assert.equal(result.status, 2);
    assert.match(result.stderr, /missing\.txt.*[\u4e00-\u9fff]/);
  });

  it('exits 2 when --config names no file', () => {
    write('a.txt', clean001());
    assert.equal(gk(['check', '--config', 'nope.json', 'a.txt']).status, 2);
  });
});

describe('gkreport check: findings (engine contract)', () => {
  it('reports the wrong period of seed 001 and exits 1', () => {
    write('001.txt', seed001());
    const { status, json } = gkJson(['check', '001.txt']);
    assert.equal(status, 1);
    assert.equal(json.length, 1);
    assert.equal(json[0].file, '001.txt');
    assert.equal(json[0].format, '2019');
    assert.equal(json[0].year, 2020);
    assert.ok(codes(json[0]).includes('period'));
    assert.deepEqual(errorsOf(json[0]).map((d) => d.code), ['period']);
  });

  it('exits 0 on a clean report', () => {
    write('001.txt', clean001());
    const result = gkJson(['check', '001.txt', '--max-warnings', '0']);
    assert.equal(result.status, 0, JSON.stringify(result.json));
    assert.deepEqual(result.json[0].diagnostics.filter((d) => d.severity !== 'info'), []);
  });

  it('reports wrong row totals as row-total, on the rows concerned', () => {
    write('001.txt', rowTotals001());
    const { status, json } = gkJson(['check', '001.txt']);
    assert.equal(status, 1);
    const errors = errorsOf(json[0]);
    assert.deepEqual(errors.map((d) => [d.code, d.range.start.line]), [['row-total', 96], ['row-total', 104]]);
  });

  it('gives JSON ranges as 0-based UTF-16 positions that are never empty', () => {
    write('001.txt', mistyped001());
    const { json } = gkJson(['check', '001.txt']);
    const lines = mistyped001().split('\n');
    const [d] = errorsOf(json[0]);
    assert.ok(d, 'no error reported');
    assert.equal(d.range.start.line, 102);
    assert.equal(lines[102].slice(d.range.start.character, d.range.end.character), '2');
    for (const diagnostic of json[0].diagnostics) {
      const { start, end } = diagnostic.range;
      assert.ok(end.line > start.line || end.character > start.character, diagnostic.code);
      assert.ok(['error', 'warning', 'info'].includes(diagnostic.severity));
      assert.ok(Array.isArray(diagnostic.fixes));
    }
    assert.ok(d.fixes.some((f) => f.edits.some((e) => e.newText === '1')));
  });

  it('prints compiler-style text with 1-based positions and a summary line', () => {
    write('001.txt', seed001());
    const { json } = gkJson(['check', '001.txt']);
    const text = gk(['check', '001.txt']);
    assert.equal(text.status, 1);
    const lines = text.stdout.trim().split('\n');
    assert.equal(lines.length, json[0].diagnostics.length + 1);
    json[0].diagnostics.forEach((d, i) => {
      const { line, character } = d.range.start;
      assert.ok(lines[i].startsWith(`001.txt:${line + 1}:${character + 1} ${d.severity} ${d.code} `), lines[i]);
    });
    assert.match(lines[lines.length - 1], /\d/);
  });

  it('--quiet drops warnings and infos, --max-warnings counts warnings', () => {
    write('003.txt', readFixture(SEEDS['003']));
    const normal = gkJson(['check', '003.txt']);
    assert.equal(normal.status, 0);
    assert.ok(codes(normal.json[0]).includes('unit'));
    assert.deepEqual(errorsOf(normal.json[0]), []);
    const quiet = gkJson(['check', '003.txt', '--quiet']);
    assert.equal(quiet.status, 0);
    assert.deepEqual(quiet.json[0].diagnostics, []);
    const warnings = normal.json[0].diagnostics.filter((d) => d.severity === 'warning').length;
    assert.equal(gk(['check', '003.txt', '--max-warnings', String(warnings)]).status, 0);
    const over = gk(['check', '003.txt', '--max-warnings', String(warnings - 1)]);
    assert.equal(over.status, 1);
    assert.doesNotMatch(over.stderr, /--quiet/);
    // Hidden by --quiet, the warnings still count, and the message says so.
    const hidden = gk(['check', '003.txt', '--quiet', '--max-warnings', String(warnings - 1)]);
    assert.equal(hidden.status, 1);
    assert.match(hidden.stderr, new RegExp(`too many warnings: ${warnings} .*--quiet`));
  });

  it('reads GB18030 and UTF-16 files like UTF-8 ones', () => {
    const text = rowTotals001().replace(/\n/g, '\r\n');
    write('utf8.txt', text);
    write('gb.txt', encodeText(text, 'gb18030'));
    write('le.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    write('be.txt', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]));
    write('bom.txt', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]));
    const { status, json } = gkJson(['check', 'utf8.txt', 'gb.txt', 'le.txt', 'be.txt', 'bom.txt']);
    assert.equal(status, 1);
    assert.ok(codes(json[0]).includes('row-total'));
    const shape = (e: Entry) => e.diagnostics.map((d) => [d.code, d.severity, d.range]);
    for (const entry of json.slice(1)) assert.deepEqual(shape(entry), shape(json[0]), entry.file);
  });

  it('compares a report with last year\'s report of the same agency', () => {
    write('2019.txt', lastYear001());
    write('2020.txt', clean001());
    const alone = gkJson(['check', '2020.txt']);
    assert.ok(!codes(alone.json[0]).includes('cross-year'));
    const together = gkJson(['check', '2020.txt', '2019.txt']);
    assert.deepEqual(together.json.map((e) => e.file), ['2020.txt', '2019.txt']);
    assert.equal(together.json[0].year, 2020);
    assert.equal(together.json[1].year, 2019);
    assert.ok(codes(together.json[0]).includes('cross-year'));
    assert.ok(!codes(together.json[1]).includes('cross-year'));
  });

  it('compares the same way whether last year\'s report comes before or after', () => {
    write('2019.txt', lastYear001());
    write('2020.txt', clean001());
    write('copy-2020.txt', clean001());
    const later = gkJson(['check', '2020.txt', 'copy-2020.txt', '2019.txt']);
    const earlier = gkJson(['check', '2019.txt', '2020.txt', 'copy-2020.txt']);
    const byFile = (json: Entry[]) => Object.fromEntries(json.map((e) => [e.file, e.diagnostics]));
    assert.deepEqual(byFile(later.json), byFile(earlier.json));
    assert.ok(codes(later.json[0]).includes('cross-year'));
    assert.ok(codes(later.json[1]).includes('cross-year'));
    const text = (args: string[]) => gk(args).stdout.split('\n').filter((l) => l.startsWith('2020.txt:')).join('\n');
    assert.equal(text(['check', '2020.txt', '2019.txt']), text(['check', '2019.txt', '2020.txt']));
  });
});

describe('gkreport check: configuration', () => {
  it('uses the .gkreportrc.json found upward', () => {
    write('.gkreportrc.json', '// turn the period check off\n{ "rules": { "period": "off" } }\n');
    write('reports/2020/001.txt', seed001());
    const { status, json } = gkJson(['check', 'reports']);
    assert.equal(status, 0);
    assert.ok(!codes(json[0]).includes('period'));
  });

  it('--config replaces the upward search', () => {
    write('.gkreportrc.json', '{ "rules": { "period": "off" } }');
    write('other/settings.json', '{ "rules": { "period": "warning" } }');
    write('001.txt', seed001());
    const { status, json } = gkJson(['check', '001.txt', '--config', 'other/settings.json']);
    assert.equal(status, 0);
    assert.equal(json[0].diagnostics.find((d) => d.code === 'period')?.severity, 'warning');
  });

  it('lets --template override the configured format', () => {
    write('.gkreportrc.json', '{ "format": "2021" }');
    write('001.txt', clean001());
    const configured = gkJson(['check', '001.txt']);
    const overridden = gkJson(['check', '001.txt', '--template', 'auto']);
    assert.deepEqual(overridden.json[0].diagnostics.filter((d) => d.severity !== 'info'), []);
    assert.notDeepEqual(configured.json[0].diagnostics, overridden.json[0].diagnostics);
  });

  it('reports an invalid configuration file and exits 2', () => {
    write('.gkreportrc.json', '{ "rules": { "row-totl": "off" } }');
    write('001.txt', clean001());
    const result = gk(['check', '001.txt']);
    assert.equal(result.status, 2);
    assert.ok(result.stderr.includes('.gkreportrc.json'));
    assert.ok(result.stderr.includes('row-totl'));
  });
});

describe('gkreport check --format sarif', () => {
  it('writes SARIF 2.1.0 with the rule catalogue and 1-based regions', () => {
    write('001.txt', mistyped001());
    const { json } = gkJson(['check', '001.txt']);
    const result = gk(['check', '001.txt', '--format', 'sarif']);
    assert.equal(result.status, 1);
    const sarif = JSON.parse(result.stdout);
    assert.equal(sarif.version, '2.1.0');
    assert.equal(sarif.runs.length, 1);
    const run = sarif.runs[0];
    assert.equal(run.tool.driver.name, 'gkreport');
    assert.equal(run.columnKind, 'utf16CodeUnits');
    assert.equal(run.tool.driver.rules.length, RULE_COUNT);
    const levels = Object.fromEntries(run.tool.driver.rules.map((r: { id: string; defaultConfiguration: { level: string } }) => [r.id, r.defaultConfiguration.level]));
    assert.equal(levels['row-total'], 'error');
    assert.equal(levels['unit'], 'warning');
    assert.equal(levels['deadline'], 'note');
    for (const rule of run.tool.driver.rules) {
      assert.ok(rule.shortDescription.text && rule.fullDescription.text && rule.helpUri, rule.id);
    }
    assert.equal(run.results.length, json[0].diagnostics.length);
    run.results.forEach((r: any, i: number) => {
      const d = json[0].diagnostics[i];
      assert.equal(r.ruleId, d.code);
      assert.equal(r.level, { error: 'error', warning: 'warning', info: 'note' }[d.severity]);
      assert.equal(typeof r.message.text, 'string');
      const location = r.locations[0].physicalLocation;
      assert.equal(location.artifactLocation.uri, '001.txt');
      assert.deepEqual(location.region, {
        startLine: d.range.start.line + 1,
        startColumn: d.range.start.character + 1,
        endLine: d.range.end.line + 1,
        endColumn: d.range.end.character + 1,
      });
      assert.equal(r.fixes?.length ?? 0, d.fixes.length);
      for (const fix of r.fixes ?? []) {
        assert.equal(fix.artifactChanges[0].artifactLocation.uri, '001.txt');
        for (const replacement of fix.artifactChanges[0].replacements) {
          assert.ok(replacement.deletedRegion.startLine >= 1 && replacement.deletedRegion.startColumn >= 1);
          assert.equal(typeof replacement.insertedContent.text, 'string');
        }
      }
    });
  });

  it('reports unreadable files as tool notifications', () => {
    const result = gk(['check', 'missing.txt', '--format', 'sarif']);
    assert.equal(result.status, 2);
    const run = JSON.parse(result.stdout).runs[0];
    assert.deepEqual(run.results, []);
    assert.equal(run.invocations[0].executionSuccessful, false);
    assert.equal(run.invocations[0].toolExecutionNotifications[0].locations[0].physicalLocation.artifactLocation.uri, 'missing.txt');
  });
});

describe('gkreport fix', () => {
  const encodings: [string, (text: string) => Buffer][] = [
    ['UTF-8 with BOM and CRLF', (t) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(t.replace(/\n/g, '\r\n'), 'utf8')])],
    ['GB18030 with CRLF', (t) => encodeText(t.replace(/\n/g, '\r\n'), 'gb18030')],
    ['UTF-16LE', (t) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, 'utf16le')])],
    ['UTF-16BE with CRLF', (t) => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(t.replace(/\n/g, '\r\n'), 'utf16le').swap16()])],
  ];
  for (const [name, encode] of encodings) {
    it(`repairs a mistyped total in place, keeping ${name}`, () => {
      write('001.txt', encode(mistyped001()));
      chmodSync(join(dir, '001.txt'), 0o640);
      const before = statSync(join(dir, '001.txt'));
      const { status, json } = gkJson(['fix', '001.txt']);
      assert.equal(status, 0, JSON.stringify(json));
      assert.deepEqual(errorsOf(json[0]), []);
      assert.deepEqual(readFileSync(join(dir, '001.txt')), encode(clean001()));
      const after = statSync(join(dir, '001.txt'));
      assert.equal(after.mode & 0o777, 0o640);
      assert.notEqual(after.ino, before.ino, 'not replaced by rename');
    });
  }

  it('leaves a file alone when there is nothing to fix', () => {
    write('001.txt', clean001());
    const before = statSync(join(dir, '001.txt'));
    const result = gk(['fix', '001.txt']);
    assert.equal(result.status, 0);
    const after = statSync(join(dir, '001.txt'));
    assert.equal(after.ino, before.ino);
    assert.equal(after.mtimeMs, before.mtimeMs);
  });

  it('prints what remains and exits like check', () => {
    write('001.txt', seed001());
    const check = gkJson(['check', '001.txt']);
    const fixed = gkJson(['fix', '001.txt']);
    const after = gkJson(['check', '001.txt']);
    assert.deepEqual(fixed.json[0].diagnostics, after.json[0].diagnostics);
    assert.equal(fixed.status, after.status);
    assert.ok(after.json[0].diagnostics.length <= check.json[0].diagnostics.length);
  });

  it('reports a file it cannot write back, exits 2', { skip: skipWithout(unprivileged) }, () => {
    write('ro/001.txt', mistyped001());
    chmodSync(join(dir, 'ro'), 0o555);
    chmodSync(dir, 0o755);
    try {
      const result = gkJson(['fix', 'ro/001.txt'], {}, unprivileged as Credentials);
      assert.equal(result.status, 2);
      assert.equal(typeof result.json[0].error, 'string');
      assert.ok(result.stderr.includes('ro/001.txt'));
      assert.equal(readFileSync(join(dir, 'ro/001.txt'), 'utf8'), mistyped001());
    } finally {
      chmodSync(join(dir, 'ro'), 0o755);
    }
  });

  it('leaves no temporary files behind', () => {
    write('001.txt', mistyped001());
    gk(['fix', '001.txt']);
    assert.deepEqual(readdirSync(dir), ['001.txt']);
  });
});
