/**
 * `gkreport check` on many files spreads them over worker threads: the output, stderr and exit
 * status are exactly those of a check on one thread (GKREPORT_JOBS=1), in every format, with
 * unreadable files, configuration errors and reports compared with last year's.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { threadCount } from '../../server/src/cli/parallel';
import { encodeText } from '../../server/src/node/decode';
import { layoutFixtures, readFixture, repoRoot, SEEDS } from '../helpers';

const CLI = join(repoRoot(), 'dist', 'cli.js');

let dir: string;

function gk(args: string[], env: Record<string, string> = {}) {
  const base = { ...process.env };
  delete base.NODE_DEBUG;
  delete base.GKREPORT_JOBS;
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd: dir,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { ...base, LC_ALL: '', LC_MESSAGES: '', LANG: 'C', ...env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function write(name: string, content: string | Buffer): void {
  mkdirSync(join(dir, name, '..'), { recursive: true });
  writeFileSync(join(dir, name), content);
}

function setLine(text: string, n: number, line: string): string {
  const lines = text.split('\n');
  lines[n - 1] = line;
  return lines.join('\n');
}

/** Seed 001 with its statistics period corrected, and the same agency's report of the year before (1 application carried over). */
function yearPair(): [string, string] {
  const clean = readFixture(SEEDS['001']).replace('至2021年12月31日', '至2020年12月31日');
  const lastYear = setLine(setLine(clean.replace(/2020/g, '2019').replace(/2021/g, '2020'), 260, '1 |'), 266, '1 |');
  return [lastYear, clean];
}

/** The same report in five forms: as it is, CRLF, GB18030, UTF-16LE with BOM, and with a wrong period. */
const VARIANTS: [string, (text: string) => string | Buffer][] = [
  ['utf8', (t) => t],
  ['crlf', (t) => t.replace(/\n/g, '\r\n')],
  ['gb18030', (t) => encodeText(t, 'gb18030')],
  ['utf16', (t) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, 'utf16le')])],
  ['period', (t) => t.replace('12月31日', '11月30日')],
];

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'gkreport-parallel-'));
  const sources = [
    ...Object.entries(SEEDS).map(([seed, file]) => ({ name: `seed-${seed}`, text: readFixture(file) })),
    ...layoutFixtures().map((f) => ({ name: f.name.replace(/\.txt$/, ''), text: f.text })),
  ];
  VARIANTS.forEach(([variant, make], i) => {
    for (const source of sources) {
      write(`${'abc'[i % 3]}/${variant}/${source.name}.txt`, make(source.text));
      write(`fixme/${variant}/${source.name}.txt`, make(source.text));
    }
  });
  write('b/.gkreportrc.json', '{ "rules": { "unit": "error", "period": "warning" } }');
  const [lastYear, thisYear] = yearPair();
  write('a/pair/2019.txt', lastYear);
  write('pair/2020.txt', thisYear);
  write('bad/binary.txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x01, 0x02]));
  write('bad/latin1.txt', Buffer.from('Caf\u00e9 cr\u00e8me', 'latin1'));
  write('bad/empty.md', '');
  write('d/.gkreportrc.json', '{ "rules": { "row-totl": "off" } }');
  write('d/report.txt', readFixture(SEEDS['004']));
  write('few/a.txt', thisYear);
  write('few/b.txt', lastYear);
});

after(() => rmSync(dir, { recursive: true, force: true }));

const CLEAN = ['a', 'b', 'c', 'pair'];
const MIXED = ['a', 'missing.txt', 'b', 'bad', 'c', 'd', 'nothing/*.txt', 'pair'];

/** Runs a command line with one thread and with two, and asserts the same result. */
function same(args: string[]) {
  const one = gk(args, { GKREPORT_JOBS: '1' });
  const two = gk(args, { GKREPORT_JOBS: '2' });
  assert.equal(two.stderr, one.stderr, `stderr of ${args.join(' ')}`);
  assert.equal(two.status, one.status, `exit status of ${args.join(' ')}`);
  assert.ok(two.stdout === one.stdout, `stdout of ${args.join(' ')} differs (${two.stdout.length} and ${one.stdout.length} characters)`);
  return one;
}

describe('gkreport check on worker threads', () => {
  it('prints the same text, stderr and exit status as on one thread', () => {
    const mixed = same(['check', ...MIXED]);
    assert.equal(mixed.status, 2);
    for (const name of ['missing.txt', 'bad/binary.txt', 'bad/latin1.txt', 'nothing/*.txt', 'row-totl']) {
      assert.ok(mixed.stderr.includes(name), `${name} not on stderr:\n${mixed.stderr}`);
    }
    assert.match(mixed.stdout, /pair\/2020\.txt:\d+:\d+ \w+ cross-year /);
    assert.equal(same(['check', ...CLEAN]).status, 1);
  });

  it('writes the same JSON and SARIF as on one thread', () => {
    const json = same(['check', '--format', 'json', ...MIXED]);
    const entries = JSON.parse(json.stdout) as { file: string; error?: string; diagnostics: { code: string }[] }[];
    assert.ok(entries.filter((e) => e.error === undefined).length >= 70, 'at least 70 reports checked');
    assert.ok(entries.find((e) => e.file === join('pair', '2020.txt'))!.diagnostics.some((d) => d.code === 'cross-year'));
    const sarif = same(['check', '--format', 'sarif', '--locale', 'zh-cn', ...MIXED]);
    assert.ok(JSON.parse(sarif.stdout).runs[0].results.length > 0);
  });

  it('counts warnings and drops them with --quiet as on one thread', () => {
    assert.equal(same(['check', '--quiet', ...CLEAN]).status, 1);
    same(['check', '--max-warnings', '0', '--format', 'json', ...CLEAN]);
    assert.equal(same(['check', '--max-warnings', '100000', '--format', 'sarif', ...CLEAN]).status, 1);
  });

  it('by default uses one thread per 1,000 files and per two CPUs; GKREPORT_JOBS overrides', () => {
    assert.equal(threadCount({}, 2000, 2), 1);
    assert.equal(threadCount({}, 2000, 3), 1);
    assert.equal(threadCount({}, 2000, 4), 2);
    assert.equal(threadCount({}, 2000, 16), 2);
    assert.equal(threadCount({}, 999, 16), 1);
    assert.equal(threadCount({}, 10_000, 16), 8);
    assert.equal(threadCount({ GKREPORT_JOBS: '3' }, 2000, 2), 3);
    assert.equal(threadCount({ GKREPORT_JOBS: '3' }, 40, 2), 1);
    assert.equal(threadCount({ GKREPORT_JOBS: '3' }, 64, 2), 3);
    assert.equal(threadCount({ GKREPORT_JOBS: 'many' }, 2000, 4), 2);
  });

  it('starts workers for many files only: not for a few, not with GKREPORT_JOBS=1, not for fix', () => {
    const workers = (args: string[], jobs: string) => /^WORKER \d+:/m.test(gk(args, { GKREPORT_JOBS: jobs, NODE_DEBUG: 'worker' }).stderr);
    assert.equal(workers(['check', ...CLEAN], '2'), true);
    assert.equal(workers(['check', ...CLEAN], '1'), false);
    assert.equal(workers(['check', 'few'], '2'), false);
    assert.equal(workers(['fix', 'fixme'], '2'), false);
  });
});

describe('gkreport check reading ahead on a worker thread', () => {
  it('prints the same as when the checking thread reads the files, unreadable ones among them', () => {
    for (const args of [['check', ...MIXED], ['check', '--format', 'json', '--locale', 'zh-cn', ...MIXED], ['check', '--quiet', ...CLEAN]]) {
      // Fewer than 1,000 files: one checking thread, and by default a thread reading ahead of it.
      const ahead = gk(args);
      const here = gk(args, { GKREPORT_JOBS: '1' });
      assert.equal(ahead.stderr, here.stderr, `stderr of ${args.join(' ')}`);
      assert.equal(ahead.status, here.status, `exit status of ${args.join(' ')}`);
      assert.ok(ahead.stdout === here.stdout, `stdout of ${args.join(' ')} differs (${ahead.stdout.length} and ${here.stdout.length} characters)`);
    }
  });

  it('starts its thread for 64 files or more only, not with GKREPORT_JOBS=1, not for fix', () => {
    const workers = (args: string[], env: Record<string, string>) => (gk(args, { ...env, NODE_DEBUG: 'worker' }).stderr.match(/^WORKER \d+:.*created/gm) ?? []).length;
    assert.equal(workers(['check', ...CLEAN], {}), 1);
    assert.equal(workers(['check', ...CLEAN], { GKREPORT_JOBS: '1' }), 0);
    assert.equal(workers(['check', 'few'], {}), 0);
    assert.equal(workers(['fix', 'fixme'], {}), 0);
  });
});
