import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultLocale, parseArgs } from '../../server/src/cli/args';
import { comparePaths, expandArguments, expandGlob, findReports, segmentRegExp } from '../../server/src/cli/files';

describe('parseArgs', () => {
  it('parses a command, its options and paths', () => {
    const parsed = parseArgs(
      ['check', '--format', 'json', '--template=2021', '--config', 'x/.gkreportrc.json', '--locale', 'zh-cn', '--max-warnings', '3', '--quiet', 'a.txt', 'dir'],
      { LANG: 'en_US.UTF-8' },
    );
    assert.deepEqual(parsed, {
      kind: 'run',
      command: 'check',
      paths: ['a.txt', 'dir'],
      options: { format: 'json', template: '2021', config: 'x/.gkreportrc.json', locale: 'zh-cn', maxWarnings: 3, quiet: true },
    });
  });

  it('has defaults', () => {
    assert.deepEqual(parseArgs(['fix', 'a.md'], {}), {
      kind: 'run',
      command: 'fix',
      paths: ['a.md'],
      options: { format: 'text', locale: 'en', quiet: false },
    });
    assert.deepEqual(parseArgs(['rules', '--format', 'json'], {}), {
      kind: 'run',
      command: 'rules',
      paths: [],
      options: { format: 'json', locale: 'en', quiet: false },
    });
  });

  it('accepts options before the command and paths after --', () => {
    const parsed = parseArgs(['--quiet', 'check', '--', '--strange-name.txt'], {});
    assert.equal(parsed.kind, 'run');
    assert.deepEqual(parsed.kind === 'run' && parsed.paths, ['--strange-name.txt']);
  });

  it('answers --help and --version anywhere', () => {
    assert.deepEqual(parseArgs(['check', '--help'], { LANG: 'zh_CN.UTF-8' }), { kind: 'help', locale: 'zh-cn' });
    assert.deepEqual(parseArgs(['-h'], {}), { kind: 'help', locale: 'en' });
    assert.deepEqual(parseArgs(['--version', '--bogus'], {}), { kind: 'version', locale: 'en' });
  });

  it('reports usage errors', () => {
    const problem = (argv: string[]) => {
      const parsed = parseArgs(argv, {});
      assert.equal(parsed.kind, 'error', argv.join(' '));
      return parsed.kind === 'error' ? parsed.problem.id : undefined;
    };
    assert.equal(problem([]), 'missing-command');
    assert.equal(problem(['lint', 'a.txt']), 'unknown-command');
    assert.equal(problem(['check']), 'no-files');
    assert.equal(problem(['fix', '--quiet']), 'no-files');
    assert.equal(problem(['rules', 'a.txt']), 'extra-arguments');
    assert.equal(problem(['check', '--bogus', 'a.txt']), 'unknown-option');
    assert.equal(problem(['check', 'a.txt', '--format']), 'missing-value');
    assert.equal(problem(['check', 'a.txt', '--format=']), 'missing-value');
    assert.equal(problem(['check', 'a.txt', '--format', 'xml']), 'bad-value');
    assert.equal(problem(['check', 'a.txt', '--template', '2020']), 'bad-value');
    assert.equal(problem(['check', 'a.txt', '--locale', 'fr']), 'bad-value');
    assert.equal(problem(['check', 'a.txt', '--max-warnings', '-1']), 'bad-value');
    assert.equal(problem(['check', 'a.txt', '--max-warnings', 'many']), 'bad-value');
  });

  it('reports a usage error in the language asked for, even after the error', () => {
    const parsed = parseArgs(['check', '--bogus', 'a.txt', '--locale', 'zh-cn'], { LANG: 'C' });
    assert.equal(parsed.kind === 'error' && parsed.locale, 'zh-cn');
  });
});

describe('defaultLocale', () => {
  it('reads LC_ALL, then LC_MESSAGES, then LANG', () => {
    assert.equal(defaultLocale({}), 'en');
    assert.equal(defaultLocale({ LANG: 'zh_CN.UTF-8' }), 'zh-cn');
    assert.equal(defaultLocale({ LANG: 'zh_TW.UTF-8' }), 'zh-cn');
    assert.equal(defaultLocale({ LANG: 'de_DE.UTF-8' }), 'en');
    assert.equal(defaultLocale({ LANG: 'C' }), 'en');
    assert.equal(defaultLocale({ LANG: 'zh_CN.UTF-8', LC_MESSAGES: 'en_US.UTF-8' }), 'en');
    assert.equal(defaultLocale({ LANG: 'en_US.UTF-8', LC_MESSAGES: 'en_US.UTF-8', LC_ALL: 'zh_CN.GB18030' }), 'zh-cn');
    assert.equal(defaultLocale({ LANG: 'zh_CN.UTF-8', LC_ALL: '' }), 'zh-cn');
  });
});

describe('glob segments', () => {
  it('matches *, ? and literal characters', () => {
    assert.ok(segmentRegExp('*.txt').test('2020年报.txt'));
    assert.ok(!segmentRegExp('*.txt').test('a.txt.bak'));
    assert.ok(segmentRegExp('20??.md').test('2021.md'));
    assert.ok(!segmentRegExp('20??.md').test('201.md'));
    assert.ok(segmentRegExp('a+b(1).txt').test('a+b(1).txt'));
    assert.ok(!segmentRegExp('a.txt').test('abtxt'));
    assert.ok(segmentRegExp('*').test(''));
  });

  it('orders paths like a sorted depth-first walk', () => {
    const paths = ['b.txt', 'a/z.txt', 'a/b/c.txt', 'a.txt', 'a/a.txt'];
    assert.deepEqual(paths.sort(comparePaths), ['a/a.txt', 'a/b/c.txt', 'a/z.txt', 'a.txt', 'b.txt']);
  });
});

describe('file discovery', () => {
  let root: string;
  const cwd = process.cwd();
  const file = (path: string, text = '报告\n') => {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  };

  before(() => {
    root = mkdtempSync(join(tmpdir(), 'gkreport-files-'));
    for (const path of [
      'reports/2021.txt',
      'reports/2020.md',
      'reports/README.MD',
      'reports/notes.docx',
      'reports/.hidden.txt',
      'reports/b/2019.txt',
      'reports/a/2018.txt',
      'reports/a/deep/x.txt',
      'reports/node_modules/pkg/readme.md',
      'reports/.git/info.txt',
      'empty/image.png',
      'top.txt',
    ]) {
      file(path);
    }
    symlinkSync(join(root, 'reports', 'a'), join(root, 'reports', 'a', 'deep', 'loop'));
    process.chdir(root);
  });

  after(() => {
    process.chdir(cwd);
    rmSync(root, { recursive: true, force: true });
  });

  it('finds .txt and .md files below a directory, sorted, skipping node_modules and dot-folders', () => {
    assert.deepEqual(findReports('reports'), [
      'reports/2020.md',
      'reports/2021.txt',
      'reports/README.MD',
      'reports/a/2018.txt',
      'reports/a/deep/x.txt',
      'reports/b/2019.txt',
    ]);
  });

  it('expands * and ? within one folder', () => {
    assert.deepEqual(expandGlob('reports/*.txt'), ['reports/2021.txt']);
    assert.deepEqual(expandGlob('reports/20?1.*'), ['reports/2021.txt']);
    assert.deepEqual(expandGlob('reports/*/20*.txt'), ['reports/a/2018.txt', 'reports/b/2019.txt']);
    assert.deepEqual(expandGlob('*.txt'), ['top.txt']);
    assert.deepEqual(expandGlob('reports/.*.txt'), ['reports/.hidden.txt']);
    assert.deepEqual(expandGlob('reports/*.pdf'), []);
    assert.deepEqual(expandGlob('nowhere/*.txt'), []);
  });

  it('expands ** over any number of folders', () => {
    assert.deepEqual(expandGlob('reports/**/*.txt'), ['reports/2021.txt', 'reports/a/2018.txt', 'reports/a/deep/x.txt', 'reports/b/2019.txt']);
    assert.deepEqual(expandGlob('**/2019.txt'), ['reports/b/2019.txt']);
    assert.deepEqual(expandGlob('reports/**'), [
      'reports/2020.md',
      'reports/2021.txt',
      'reports/README.MD',
      'reports/a/2018.txt',
      'reports/a/deep/x.txt',
      'reports/b/2019.txt',
      'reports/notes.docx',
    ]);
  });

  it('expands absolute patterns', () => {
    assert.deepEqual(expandGlob(join(root, 'reports', 'b', '*.txt')), [join(root, 'reports', 'b', '2019.txt')]);
  });

  it('expands arguments in order, each file once, naming arguments that yield nothing', () => {
    const targets = expandArguments(['top.txt', 'reports/b', 'reports/**/2019.txt', './top.txt', 'missing.txt', 'empty', 'reports/*.pdf', 'reports/notes.docx']);
    assert.deepEqual(targets, [
      { path: 'top.txt' },
      { path: 'reports/b/2019.txt' },
      { path: 'missing.txt', problem: { id: 'not-found' } },
      { path: 'empty', problem: { id: 'no-reports' } },
      { path: 'reports/*.pdf', problem: { id: 'no-match' } },
      { path: 'reports/notes.docx' },
    ]);
  });

  it('keeps a file argument exactly as given', () => {
    assert.deepEqual(expandArguments(['./reports//2021.txt']), [{ path: './reports//2021.txt' }]);
  });
});
