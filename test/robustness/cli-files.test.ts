/**
 * The CLI and the files it touches: `gkreport fix` replaces a file atomically (a temporary file
 * renamed over it: a reader never sees a partial file, the inode changes, no temporary file is
 * left), keeps its encoding, byte order mark and line endings byte for byte (LF, CRLF, lone CR,
 * and mixed), and never touches a file it cannot read. Inputs that must work (CRLF, BOM, GB18030,
 * UTF-16, an empty file, a file that is only a table, two copies of table 3, local extra rows,
 * notes inside cells, numbers with units) are checked; binary and undecodable files are refused
 * with exit status 2 and a message naming the file.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, watch, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { checkReport } from '../../server/src/engine/check';
import { fixText } from '../../server/src/engine/fixes/apply';
import { renderTable } from '../../server/src/engine/render';
import { encodeText, type TextEncoding } from '../../server/src/node/decode';
import { findCell, layoutFixtures, readFixture, repoRoot, SEEDS, setCell } from '../helpers';
import { params, Tally } from './support';
import { permissionsApply, skipWithout, type Credentials } from '../support/unprivileged';

const CLI = join(repoRoot(), 'dist', 'cli.js');
/** Who runs the CLI in tests of unreadable files (as root, permissions do not apply). */
const unprivileged = permissionsApply([CLI]);
let dir: string;

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'gkreport-robust-cli-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

interface Entry {
  file: string;
  error?: string;
  applied?: number;
  diagnostics: { code: string; severity: string; message: string }[];
}

function gk(args: string[], cwd = dir, credentials: Credentials = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], { ...credentials, cwd, encoding: 'utf8', env: { ...process.env, LC_ALL: '', LC_MESSAGES: '', LANG: 'C' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function gkJson(args: string[], cwd = dir) {
  const r = gk([...args, '--format', 'json'], cwd);
  let json: Entry[];
  try {
    json = JSON.parse(r.stdout);
  } catch {
    assert.fail(`not JSON (status ${r.status}):\n${r.stdout}\n${r.stderr}`);
  }
  return { ...r, json };
}

/** A fresh empty folder inside the test folder. */
function folder(name: string): string {
  const d = join(dir, name);
  rmSync(d, { recursive: true, force: true });
  mkdirSync(d, { recursive: true });
  return d;
}

/** A consistent report (layout fixture 2019-tab) and the same with one row total mistyped. */
const clean = () => layoutFixtures().find((f) => f.name === '2019-tab.txt')!.text;
function mistyped(text = clean()): string {
  const { cell } = findCell(checkReport({ text }).model, 'table3', 'public', 'total');
  const value = cell.value.kind === 'number' ? cell.value.value : 0;
  return setCell(text, 'table3', 'public', 'total', String(value + 7));
}

const ENCODINGS: TextEncoding[] = ['utf8', 'utf8-bom', 'utf16le', 'utf16be', 'gb18030'];

/** The text with each line break replaced by the one `pick` chooses for that line. */
function withBreaks(text: string, pick: (i: number) => string): string {
  let i = 0;
  return text.replace(/\n/g, () => pick(i++));
}

describe('robustness: gkreport fix writes atomically', () => {
  it('a reader never sees a partial file; the inode changes; no temporary file is left', async (t) => {
    const d = folder('atomic');
    // A large report, so that the fix takes a while and the reader gets many looks.
    const original = mistyped(clean() + '\n' + '附注：本报告数据为初步统计。\n'.repeat(40_000));
    const path = join(d, 'report.txt');
    writeFileSync(path, original);
    const expected = Buffer.from(clean() + '\n' + '附注：本报告数据为初步统计。\n'.repeat(40_000));
    const before = statSync(path);
    const seen = new Set<string>();
    const watcher = watch(d, (_event, name) => name && seen.add(String(name)));
    const child = spawn(process.execPath, [CLI, 'fix', 'report.txt', '--format', 'json'], { cwd: d, stdio: ['ignore', 'pipe', 'pipe'] });
    let exited = false;
    let stdout = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    const done = new Promise<number | null>((resolve) => child.on('exit', (code) => ((exited = true), resolve(code))));
    let reads = 0;
    let oldSeen = 0;
    let newSeen = 0;
    const originalBytes = Buffer.from(original);
    while (!exited) {
      let bytes: Buffer;
      try {
        bytes = readFileSync(path);
      } catch (error) {
        assert.fail(`the file was missing while being fixed: ${String(error)}`);
      }
      reads++;
      if (bytes.equals(originalBytes)) oldSeen++;
      else if (bytes.equals(expected)) newSeen++;
      else assert.fail(`a reader saw a partial or other file (${bytes.length} bytes, expected ${originalBytes.length} or ${expected.length})`);
      await new Promise((r) => setImmediate(r));
    }
    const code = await done;
    await new Promise((r) => setTimeout(r, 50));
    watcher.close();
    assert.equal(code, 0, stdout);
    assert.ok(readFileSync(path).equals(expected), 'the fixed file is the clean report');
    assert.notEqual(statSync(path).ino, before.ino, 'the file was replaced (rename), not rewritten in place');
    assert.deepEqual(readdirSync(d), ['report.txt'], 'no temporary file left behind');
    const temps = [...seen].filter((n) => n !== 'report.txt');
    assert.ok(temps.some((n) => /^\.report\.txt\..*\.tmp$/.test(n)), `a temporary file was written next to it and renamed (saw ${[...seen].join(', ')})`);
    t.diagnostic(`robustness: atomic fix: ${reads} reads while fixing (${oldSeen} old, ${newSeen} new, 0 partial), temporary files seen: ${temps.join(', ')}`);
  });
});

describe('robustness: gkreport fix keeps encoding, BOM and line endings', () => {
  it('byte for byte, for every encoding and LF, CRLF, lone CR and mixed line breaks', (t) => {
    const tally = new Tally('fix keeps encoding, BOM and line endings');
    const styles: [string, (i: number) => string][] = [
      ['lf', () => '\n'],
      ['crlf', () => '\r\n'],
      ['cr', () => '\r'],
      ['mixed', (i) => ['\n', '\r\n', '\r\n', '\n', '\r'][i % 5]],
    ];
    const run = (cases: { name: string; bytes: Buffer; expected: Buffer }[]) => {
      const d = folder('encodings');
      for (const c of cases) writeFileSync(join(d, c.name), c.bytes);
      const inodes = new Map(cases.map((c) => [c.name, statSync(join(d, c.name)).ino]));
      const r = gkJson(['fix', '.'], d);
      assert.notEqual(r.status, 2, r.stderr);
      for (const c of cases) {
        tally.inputs++;
        const entry = r.json.find((e) => e.file.endsWith(c.name))!;
        assert.equal(entry.error, undefined, `${c.name}: ${entry.error}`);
        assert.equal(entry.applied, 1, `${c.name}: one fix applied`);
        const got = readFileSync(join(d, c.name));
        assert.ok(got.equals(c.expected), `${c.name}: bytes differ from the original with only the total corrected`);
        assert.notEqual(statSync(join(d, c.name)).ino, inodes.get(c.name));
        tally.fixesVerified++;
      }
      assert.deepEqual(readdirSync(d).sort(), cases.map((c) => c.name).sort(), 'no temporary file left');
    };
    run(
      ENCODINGS.flatMap((encoding) =>
        styles.map(([style, pick]) => ({
          name: `${encoding}-${style}.txt`,
          bytes: encodeText(withBreaks(mistyped(), pick), encoding),
          expected: encodeText(withBreaks(clean(), pick), encoding),
        })),
      ),
    );
    // Random mixtures of line breaks, each written in every encoding.
    fc.assert(
      fc.property(fc.array(fc.constantFrom('\n', '\r\n', '\r'), { minLength: 1, maxLength: 40 }), (breaks) => {
        const pick = (i: number) => breaks[i % breaks.length];
        run(ENCODINGS.map((encoding) => ({ name: `${encoding}.txt`, bytes: encodeText(withBreaks(mistyped(), pick), encoding), expected: encodeText(withBreaks(clean(), pick), encoding) })));
      }),
      params(6),
    );
    tally.print(t);
  });
});

describe('robustness: files the CLI cannot read', () => {
  const unreadable: [string, Buffer][] = [
    ['png.txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52])],
    ['zip.txt', Buffer.from('PK\u0003\u0004\u0014\u0000\u0000\u0000\u0008\u0000', 'latin1')],
    ['nul-in-text.txt', Buffer.concat([Buffer.from(mistyped().slice(0, 200)), Buffer.from([0]), Buffer.from('x')])],
    ['latin1.txt', Buffer.from('Caf\u00e9 cr\u00e8me br\u00fbl\u00e9e, d\u00e9j\u00e0 vu', 'latin1')],
    ['bom-then-invalid-utf8.txt', Buffer.from([0xef, 0xbb, 0xbf, 0x41, 0xff, 0xfe, 0x42])],
    ['utf16-odd-length.txt', Buffer.from([0xff, 0xfe, 0x41, 0x00, 0x42])],
    ['utf16-lone-surrogate.txt', Buffer.from([0xff, 0xfe, 0x3d, 0xd8, 0x41, 0x00])],
    ['controls.txt', Buffer.from(Array.from({ length: 64 }, (_, i) => (i % 3 === 0 ? 0x01 : 0x41)))],
  ];

  it('refuses binary and undecodable files with exit status 2, naming each, and leaves their bytes alone', (t) => {
    const tally = new Tally('CLI refuses unreadable files');
    const d = folder('unreadable');
    const extra: [string, Buffer][] = fc
      .sample(fc.uint8Array({ minLength: 8, maxLength: 400 }).filter((b) => b.includes(0)), { numRuns: 20, seed: 7 })
      .map((b, i) => [`random-${i}.txt`, Buffer.from(b)]);
    const files = [...unreadable, ...extra];
    for (const [name, bytes] of files) writeFileSync(join(d, name), bytes);
    const stats = new Map(files.map(([name]) => [name, statSync(join(d, name))]));
    for (const command of ['check', 'fix']) {
      const r = gkJson([command, ...files.map(([name]) => name)], d);
      assert.equal(r.status, 2, `${command}: exit status`);
      for (const [name, bytes] of files) {
        tally.inputs++;
        const entry = r.json.find((e) => e.file === name)!;
        assert.match(entry.error ?? '', /binary|decode|UTF|GB18030/i, `${command} ${name}: ${entry.error}`);
        assert.ok(r.stderr.includes(`${name}: `), `${command}: ${name} not named on stderr:\n${r.stderr}`);
        assert.ok(readFileSync(join(d, name)).equals(bytes), `${command} ${name}: bytes changed`);
        const s = statSync(join(d, name));
        assert.equal(s.ino, stats.get(name)!.ino, `${command} ${name}: replaced`);
        assert.equal(s.mtimeMs, stats.get(name)!.mtimeMs, `${command} ${name}: rewritten`);
      }
    }
    assert.deepEqual(readdirSync(d).sort(), files.map(([n]) => n).sort(), 'nothing written next to them');
    // Text output, Chinese locale: the message names the file too.
    const zh = spawnSync(process.execPath, [CLI, 'fix', 'latin1.txt'], { cwd: d, encoding: 'utf8', env: { ...process.env, LC_ALL: 'zh_CN.UTF-8' } });
    assert.equal(zh.status, 2);
    assert.match(zh.stderr, /latin1\.txt: 无法解码/);
    tally.print(t);
  });

  it('leaves a file without read permission untouched', { skip: skipWithout(unprivileged) }, () => {
    const d = folder('locked');
    writeFileSync(join(d, 'locked.txt'), mistyped());
    chmodSync(join(d, 'locked.txt'), 0o000);
    chmodSync(dir, 0o755);
    chmodSync(d, 0o777);
    const r = gk(['fix', 'locked.txt'], d, unprivileged as Credentials);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /locked\.txt/);
    chmodSync(join(d, 'locked.txt'), 0o644);
    assert.equal(readFileSync(join(d, 'locked.txt'), 'utf8'), mistyped());
  });
});

/** A report with a local row (not in the template) added before （七）总计, in the row's own layout. */
function withLocalRow(text: string): string {
  const m = /^.*[（(]七[)）]\s*总计.*$/m.exec(text);
  assert.ok(m, 'a （七）总计 row line');
  const line = m[0].replace(/[（(]七[)）]\s*总计/, '本地增设：转办其他机关件');
  return text.slice(0, m.index) + line + '\n' + text.slice(m.index);
}

/** A report with the value of a cell rewritten (`v` is its current value). */
function rewriteCell(text: string, row: string, column: string, write: (v: number) => string): string {
  const { cell } = findCell(checkReport({ text }).model, 'table3', row, column);
  return setCell(text, 'table3', row, column, write(cell.value.kind === 'number' ? cell.value.value : 0));
}

describe('robustness: inputs that must work', () => {
  it('in every layout: two copies of table 3, a local extra row, notes inside cells, counts with units', (t) => {
    const tally = new Tally('inputs that must work (engine, every layout)');
    const errors = (text: string) => checkReport({ text }).findings.filter((f) => f.severity === 'error');
    for (const { name, text } of layoutFixtures()) {
      const lines = text.split('\n');
      const p3 = lines.findIndex((l) => l.includes('三、收到和处理政府信息公开申请情况'));
      const p4 = lines.findIndex((l) => l.includes('四、政府信息公开行政复议'));
      const copy = lines.slice(p3, p4).map((l, i) => (i === 0 ? l.replace('三、收到和处理政府信息公开申请情况', '（续表）') : l));
      const twoCopies = [...lines.slice(0, p4), ...copy, ...lines.slice(p4)].join('\n');
      const model = checkReport({ text: twoCopies }).model;
      assert.equal(model.tables.filter((x) => x.id === 'table3').length, 2, `${name}: two copies of table 3`);
      assert.deepEqual(errors(twoCopies).map((f) => f.message), [], `${name}: two copies of table 3`);
      tally.inputs++;
      if (/^[^\n]*[（(]七[)）]\s*总计[^\n]*\d/m.test(text)) {
        // One row a line (tab, Markdown, pipe rows): a local row is copied from （七）总计.
        assert.deepEqual(errors(withLocalRow(text)).map((f) => f.message), [], `${name}: a local extra row`);
        tally.inputs++;
      }
      const note = rewriteCell(text, 'public', 'natural', (v) => `${v}（其中修订16件）`);
      assert.deepEqual(checkReport({ text: note }).findings.map((f) => f.message), [], `${name}: a note inside a cell`);
      tally.inputs++;
      const unit = rewriteCell(text, 'public', 'natural', (v) => `${v}件`);
      const found = checkReport({ text: unit }).findings;
      assert.deepEqual(found.map((f) => f.code), ['invalid-number'], `${name}: a count with a unit`);
      const fixed = fixText(unit);
      assert.equal(fixed.text, text, `${name}: fixing 件 restores the plain number`);
      tally.inputs++;
      tally.fixesVerified += fixed.applied;
    }
    tally.print(t);
  });

  const seed = readFixture(SEEDS['001']);
  const table3 = renderTable('2021', 'table3', 'tab', '\n');
  const twoCopies = (() => {
    const text = clean();
    const start = text.indexOf('三、收到和处理政府信息公开申请情况');
    const end = text.indexOf('四、政府信息公开行政复议');
    const part3 = text.slice(start, end);
    return text.slice(0, end) + part3.replace('三、收到和处理政府信息公开申请情况', '（续）') + text.slice(end);
  })();
  const localRows = withLocalRow(clean());
  const noteInCell = (() => {
    const text = clean();
    const { cell } = findCell(checkReport({ text }).model, 'table3', 'public', 'natural');
    const v = cell.value.kind === 'number' ? cell.value.value : 0;
    return setCell(text, 'table3', 'public', 'natural', `${v}（其中修订16件）`);
  })();
  const units = (() => {
    const text = clean();
    const { cell } = findCell(checkReport({ text }).model, 'table3', 'public', 'natural');
    const v = cell.value.kind === 'number' ? cell.value.value : 0;
    return setCell(text, 'table3', 'public', 'natural', `${v}件`);
  })();

  const inputs: { name: string; bytes: Buffer; expect?: (e: Entry) => void }[] = [
    { name: 'crlf.txt', bytes: Buffer.from(clean().replace(/\n/g, '\r\n')), expect: (e) => assert.ok(!e.diagnostics.some((d) => d.severity === 'error')) },
    { name: 'bom.txt', bytes: encodeText(clean(), 'utf8-bom'), expect: (e) => assert.ok(!e.diagnostics.some((d) => d.severity === 'error')) },
    { name: 'gb18030.txt', bytes: encodeText(seed, 'gb18030'), expect: (e) => assert.ok(e.diagnostics.some((d) => d.code === 'period')) },
    { name: 'utf16le.txt', bytes: encodeText(seed, 'utf16le'), expect: (e) => assert.ok(e.diagnostics.some((d) => d.code === 'period')) },
    { name: 'utf16be.txt', bytes: encodeText(seed, 'utf16be'), expect: (e) => assert.ok(e.diagnostics.some((d) => d.code === 'period')) },
    { name: 'empty.txt', bytes: Buffer.alloc(0), expect: (e) => assert.deepEqual(e.diagnostics, []) },
    { name: 'blank-lines.txt', bytes: Buffer.from('\r\n\n  \r\n'), expect: (e) => assert.deepEqual(e.diagnostics, []) },
    { name: 'only-a-table.txt', bytes: Buffer.from(table3), expect: (e) => assert.ok(!e.diagnostics.some((d) => ['row-total', 'column-total', 'balance', 'empty-cell', 'missing-row'].includes(d.code)), JSON.stringify(e.diagnostics)) },
    { name: 'two-copies-of-table-3.txt', bytes: Buffer.from(twoCopies), expect: (e) => assert.ok(!e.diagnostics.some((d) => d.severity === 'error'), JSON.stringify(e.diagnostics)) },
    { name: 'local-extra-rows.txt', bytes: Buffer.from(localRows), expect: (e) => assert.ok(!e.diagnostics.some((d) => d.severity === 'error'), JSON.stringify(e.diagnostics)) },
    { name: 'note-in-cell.txt', bytes: Buffer.from(noteInCell), expect: (e) => assert.ok(!e.diagnostics.some((d) => d.severity === 'error'), JSON.stringify(e.diagnostics)) },
    { name: 'numbers-with-units.txt', bytes: Buffer.from(units), expect: (e) => assert.ok(e.diagnostics.some((d) => d.code === 'invalid-number') && !e.diagnostics.some((d) => ['row-total', 'column-total', 'balance'].includes(d.code)), JSON.stringify(e.diagnostics)) },
  ];

  it('checks each of them (exit 0 or 1, never 2) with the expected findings, and fixes them without harm', (t) => {
    const tally = new Tally('inputs that must work (CLI check and fix)');
    const d = folder('must-work');
    for (const i of inputs) writeFileSync(join(d, i.name), i.bytes);
    const r = gkJson(['check', ...inputs.map((i) => i.name)], d);
    assert.notEqual(r.status, 2, r.stderr);
    assert.equal(r.stderr, '');
    for (const i of inputs) {
      tally.inputs++;
      const entry = r.json.find((e) => e.file === i.name)!;
      assert.equal(entry.error, undefined, `${i.name}: ${entry.error}`);
      i.expect?.(entry);
    }
    // Fixing them: still readable, nothing refused, and a second fix applies nothing.
    const fixed = gkJson(['fix', ...inputs.map((i) => i.name)], d);
    assert.notEqual(fixed.status, 2, fixed.stderr);
    const again = gkJson(['fix', ...inputs.map((i) => i.name)], d);
    for (const e of again.json) assert.equal(e.applied, 0, `${e.file}: a second fix still applies ${e.applied}`);
    for (const e of fixed.json) tally.fixesVerified += e.applied ?? 0;
    // The unit is dropped from the count, the note is kept.
    assert.equal(readFileSync(join(d, 'numbers-with-units.txt'), 'utf8'), clean(), 'the count unit is removed, nothing else changes');
    assert.equal(readFileSync(join(d, 'note-in-cell.txt'), 'utf8'), noteInCell, 'the note stays');
    assert.ok(readFileSync(join(d, 'gb18030.txt')).equals(encodeText(seed.replace('至2021年12月31日', '至2020年12月31日'), 'gb18030')), 'GB18030: only the period fixed');
    tally.print(t);
  });
});
