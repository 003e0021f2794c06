/**
 * Never crash: the engine (parse, check, fix, hover, outline, completion) returns on arbitrary
 * strings, on random bytes as the CLI decodes them, on the seeds and layout fixtures damaged at
 * random (lines and cells deleted, duplicated, shuffled; characters typed and deleted), and on
 * large inputs (a 1 MB line, 1,000 tables, a 10,000-row table) within a bound proportional to
 * the input: time per KB on the large input ≤ 20 × time per KB on a seed, measured in the same
 * process.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { checkReport, type CheckResult } from '../../server/src/engine/check';
import { completionsAt } from '../../server/src/engine/completion';
import { applyEdits, fixText } from '../../server/src/engine/fixes/apply';
import { diffEdits } from '../../server/src/engine/fixes/diff';
import { hoverAt } from '../../server/src/engine/hover';
import { documentOutline, foldingRegions } from '../../server/src/engine/outline';
import { parseReport } from '../../server/src/engine/parse/parser';
import { renderTable } from '../../server/src/engine/render';
import { computeLineStarts } from '../../server/src/engine/text/positions';
import { decodeBuffer, isDecodeError } from '../../server/src/node/decode';
import { layoutFixtures, readFixture, SEEDS } from '../helpers';
import { corpus, damagedArb, guarded, params, show, Tally, validRange } from './support';

const DOCS = corpus();

let seedMsPerKb = 0;
/** Milliseconds per KB of checking seed 001 in this process (best of 15, measured once). */
function seedRate(): number {
  if (!seedMsPerKb) seedMsPerKb = Math.max(msPerKb(readFixture(SEEDS['001']), 15), 0.01);
  return seedMsPerKb;
}

/**
 * A hang: a check taking more than 100 × the seed's time for the input's size (at least 8 KB's
 * worth, so that tiny inputs are not judged by a timer's resolution), in the best of four runs.
 */
function hangBound(text: string): number {
  return 100 * seedRate() * Math.max(Buffer.byteLength(text, 'utf8') / 1024, 8);
}

/** Everything the engine offers on one text; asserts the results are well-formed. */
function exercise(text: string, tally: Tally, opts: { fix?: boolean; positions?: number } = {}): CheckResult {
  const bound = hangBound(text);
  return guarded(tally, () => {
    tally.inputs++;
    const started = performance.now();
    const result = checkReport({ text, options: { locale: tally.inputs % 2 ? 'en' : 'zh-cn' } });
    let took = performance.now() - started;
    // A slow run may be the machine (another process, a GC): a hang is slow every time.
    for (let retry = 0; retry < 3 && took > bound; retry++) {
      const again = performance.now();
      checkReport({ text });
      took = Math.min(took, performance.now() - again);
    }
    if (took > bound) {
      tally.hangs++;
      assert.fail(`checking took ${took.toFixed(0)} ms, more than 100 × the seed's time for its size (${bound.toFixed(0)} ms): ${show(text)}`);
    }
    const lineStarts = result.model.lineStarts;
    assert.equal(result.model.text, text);
    for (const f of result.findings) {
      assert.ok(validRange(text, lineStarts, f.range), `${f.code}: range ${JSON.stringify(f.range)} outside the text ${show(text)}`);
      assert.ok(f.message.length > 0);
      for (const r of f.related) assert.ok(validRange(text, lineStarts, r.range), `${f.code}: related range outside the text`);
      for (const fix of f.fixes) {
        for (const e of fix.edits) assert.ok(validRange(text, lineStarts, e.range), `${f.code}: fix “${fix.title}” edits outside the text: ${JSON.stringify(e.range)}`);
        applyEdits(text, fix.edits);
      }
    }
    const format = result.format;
    const outline = documentOutline(result.model, 'en', format);
    assert.ok(Array.isArray(outline));
    for (const r of foldingRegions(result.model)) assert.ok(r.startLine <= r.endLine && r.endLine < lineStarts.length);
    const n = opts.positions ?? 3;
    for (let k = 0; k < n && lineStarts.length > 0; k++) {
      const line = (tally.inputs * 7 + k * 13) % lineStarts.length;
      const character = (tally.inputs + k * 5) % 40;
      hoverAt({ model: result.model, format }, { line, character }, 'zh-cn');
      completionsAt(result.model, { line, character }, 'en', format);
    }
    if (opts.fix) {
      const fixed = fixText(text);
      assert.equal(applyEdits(text, diffEdits(text, fixed.text)), fixed.text, 'diffEdits reproduces fixText');
    }
    return result;
  });
}

describe('robustness: the engine never throws', () => {
  it('on arbitrary strings', (t) => {
    const tally = new Tally('engine on arbitrary strings');
    const reportish = fc.constantFrom(
      '\t', '|', '\n', '\r\n', '\r', ' ', '　', '0', '7', '-1', '１２', '1.5', '元', '万元', '件', '总计', '自然人', '（七）总计',
      '一、', '二、', '三、收到和处理政府信息公开申请情况', '四、', '（一）予以公开', '2020年', '年度报告', '|---|', '<!--', '-->',
      'gkreport-disable-line', '\ufeff', '\ud83d', '\ude00', '（其中修订16件）', '/', '—',
    );
    const text = fc.oneof(
      { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 300 }) },
      { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 300 }) },
      { weight: 3, arbitrary: fc.array(reportish, { maxLength: 200 }).map((a) => a.join('')) },
    );
    fc.assert(fc.property(text, (s) => void exercise(s, tally, { fix: true })), params(400));
    tally.print(t);
  });

  it('on random bytes as the CLI decodes them', (t) => {
    const tally = new Tally('engine on decoded random bytes');
    let refused = 0;
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 600 }),
      // Text-like bytes: mostly printable ASCII, CJK in UTF-8 and GB18030, BOMs and line breaks.
      fc.array(fc.oneof(
        fc.integer({ min: 0x20, max: 0x7e }).map((b) => [b]),
        fc.constantFrom([0x0a], [0x0d, 0x0a], [0x09], [0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xe6, 0x80, 0xbb], [0xe8, 0xae, 0xa1], [0xd7, 0xdc], [0xbc, 0xc6], [0xb6, 0xfe], [0x80], [0xc3]),
      ), { maxLength: 400 }).map((chunks) => Uint8Array.from(chunks.flat())),
    );
    let decodedCount = 0;
    fc.assert(
      fc.property(bytes, (b) => {
        const decoded = guarded(tally, () => decodeBuffer(b));
        if (isDecodeError(decoded)) {
          tally.inputs++;
          refused++;
          assert.match(decoded.error, /binary|invalid|not UTF-8/);
          return;
        }
        decodedCount++;
        exercise(decoded.text, tally, { fix: true });
      }),
      params(400),
    );
    tally.add('decoded and checked', decodedCount);
    tally.add('refused as binary/undecodable', refused);
    tally.print(t);
  });

  it('on seeds and layout fixtures with lines and cells deleted, duplicated and shuffled', (t) => {
    const tally = new Tally('engine on damaged seeds and layouts');
    let findings = 0;
    fc.assert(
      fc.property(damagedArb(DOCS, 8), ({ text }) => {
        findings += exercise(text, tally, { fix: true, positions: 4 }).findings.length;
      }),
      params(600),
    );
    tally.add('findings checked', findings);
    tally.print(t);
  });
});

// ---------------------------------------------------------------------------------------------
// Large inputs, bounded relative to the time the same process takes on a seed

/** Milliseconds per KB of checking `text` (best of `repeat`, after a warm-up). */
function msPerKb(text: string, repeat: number): number {
  checkReport({ text });
  let best = Infinity;
  for (let i = 0; i < repeat; i++) {
    const t0 = performance.now();
    checkReport({ text });
    best = Math.min(best, performance.now() - t0);
  }
  return best / (Buffer.byteLength(text, 'utf8') / 1024);
}

describe('robustness: large inputs stay proportional to their size', () => {
  const baselineMsPerKb = seedRate;
  const tally = new Tally('engine on large inputs (≤ 20 × a seed\'s time per KB)');

  const large: { name: string; make: () => string }[] = [
    { name: 'a 1 MB single line of report-like text', make: () => '三、收到和处理政府信息公开申请情况 自然人 12\t总计 34 | '.repeat(Math.ceil((1 << 20) / 60)).slice(0, 1 << 20) },
    { name: 'a 1 MB single line of digits and tabs', make: () => '1\t'.repeat(1 << 19) },
    {
      name: '1,000 tables in one file',
      make: () => {
        const table3 = renderTable('2019', 'table3', 'tab', '\n');
        const head = readFixture(SEEDS['001']).split('\n').slice(0, 8).join('\n') + '\n';
        return head + Array.from({ length: 1000 }, () => '三、收到和处理政府信息公开申请情况\n' + table3 + '\n').join('');
      },
    },
    {
      name: 'a table 3 with 10,000 rows',
      make: () => {
        const lines = renderTable('2019', 'table3', 'tab', '\n').split('\n');
        const row = lines.find((l) => l.includes('1.属于国家秘密')) ?? lines[lines.length - 2];
        const at = lines.indexOf(row);
        const extra = Array.from({ length: 10_000 }, (_, i) => row.replace('1.属于国家秘密', `${i % 9}.本地增加的统计项目${i}`));
        return [...lines.slice(0, at), ...extra, ...lines.slice(at)].join('\n');
      },
    },
    ...([['tab', '2021-tab.txt', '行政许可\t389', '\t0'], ['pipe', '2021-pipe-rows.txt', '行政许可 | 389 |', ' 0 |']] as const).map(([what, fixture, row, cell]) => ({
      name: `a ${what} table row of 256 K cells`,
      make: () => layoutFixtures().find((f) => f.name === fixture)!.text.replace(row, row + cell.repeat(1 << 18)),
    })),
    ...([['digits', '1'], ['digit groups', ',111'], ['Chinese numerals', '〇'], ['full-width digits', '１']] as const).map(([what, unit]) => ({
      name: `a count sentence with a run of 64 K ${what} and no measure word after it`,
      make: () => readFixture(SEEDS['003']).replace('一、总体情况\n', `一、总体情况\n本年度共收到政府信息公开申请3件，1${unit.repeat((1 << 16) / unit.length)}。\n`),
    })),
    {
      name: 'a 10,000-row tab table of repeated standard rows',
      make: () => {
        const lines = renderTable('2021', 'table3', 'tab', '\n').split('\n');
        return lines.slice(0, 4).join('\n') + '\n' + Array.from({ length: 10_000 }, (_, i) => lines[4 + (i % (lines.length - 5))]).join('\n');
      },
    },
  ];

  for (const { name, make } of large) {
    it(`checks ${name}`, (t) => {
      const text = make();
      const result = exercise(text, tally, { positions: 2 });
      assert.ok(result.findings.length < text.length + 10, 'findings bounded by the input');
      const per = msPerKb(text, 3);
      const ratio = per / baselineMsPerKb();
      tally.note(name, `×${ratio.toFixed(2)} the seed's time per KB`);
      t.diagnostic(`${name}: ${Math.round(text.length / 1024)} K chars, ${per.toFixed(3)} ms/KB vs seed ${baselineMsPerKb().toFixed(3)} ms/KB (×${ratio.toFixed(2)})`);
      assert.ok(ratio <= 20, `${name}: ${per.toFixed(3)} ms/KB is more than 20 × the seed's ${baselineMsPerKb().toFixed(3)} ms/KB`);
    });
  }

  it('prints its summary', (t) => tally.print(t));
});

describe('robustness: parse of a large input is linear in lines', () => {
  it('parses 20 copies of a seed in at most 100 × the time of one (linear: 20 ×, quadratic: 400 ×)', (t) => {
    const unit = readFixture(SEEDS['002']);
    const small = unit;
    const big = unit.repeat(20);
    const time = (text: string) => {
      parseReport(text);
      let best = Infinity;
      for (let i = 0; i < 5; i++) {
        const t0 = performance.now();
        parseReport(text);
        best = Math.min(best, performance.now() - t0);
      }
      return best;
    };
    const a = Math.max(time(small), 0.05);
    const b = time(big);
    t.diagnostic(`parse: ${a.toFixed(2)} ms for 1 copy, ${b.toFixed(2)} ms for 20 copies`);
    // A ratio within one run, with 5 × headroom over linear for a busy machine; quadratic is 4 × over the bound.
    assert.ok(b <= 100 * a, `20 copies took ${b.toFixed(1)} ms, 1 copy ${a.toFixed(1)} ms`);
    assert.ok(computeLineStarts(big).length > 20 * computeLineStarts(small).length - 20);
  });
});
