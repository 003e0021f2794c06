import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkReport } from '../../server/src/engine/check';
import type { CheckCache } from '../../server/src/engine/rules/rule';
import { parseCount } from '../../server/src/engine/rules/narrative';
import { applyEdits } from '../../server/src/engine/fixes/apply';
import type { EngineOptions, Finding, Range } from '../../server/src/engine/types';
import { readFixture, SEEDS } from '../helpers';
import { draft } from './report-draft';

const check = (text: string, options: EngineOptions = {}): Finding[] => checkReport({ text, options }).findings;
const only = (text: string, options: EngineOptions = {}): Finding[] => check(text, options).filter((f) => f.code === 'narrative');

/** Line and UTF-16 character of the first occurrence of `needle` (after `from`). */
function pos(text: string, needle: string, from = 0): { line: number; character: number } {
  const at = text.indexOf(needle, from);
  assert.ok(at >= 0, `${needle} not in text`);
  const before = text.slice(0, at).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

/**
 * Range of the trimmed content of the `n`th cell (1-based) of the Markdown table row on the line
 * `below` lines under the first line that starts with `row`.
 */
function cell(text: string, row: string, n: number, below = 0): Range {
  const lines = text.split('\n');
  const at = lines.findIndex((l) => l.startsWith(row));
  assert.ok(at >= 0, `${row} not in text`);
  const line = at + below;
  const bars = [...lines[line].matchAll(/\|/g)].map((m) => m.index!);
  const raw = lines[line].slice(bars[n - 1] + 1, bars[n]);
  const start = bars[n - 1] + 1 + (raw.length - raw.trimStart().length);
  return { start: { line, character: start }, end: { line, character: start + raw.trim().length } };
}

type Counted = 'received' | 'handled' | 'carried' | 'carryover' | 'review' | 'litigation';

/** The table cells a finding points to, by what the count in the text is a count of. */
const CELLS: Record<Counted, (text: string) => Range[]> = {
  /** 表三 一、本年新收 · 总计. */
  received: (text: string) => [cell(text, '| 一、本年新收政府信息公开申请数量 |', 10)],
  /** 表三 （七）总计 · 总计. */
  handled: (text: string) => [cell(text, '|  | （七）总计 |', 10)],
  /** 表三 二、上年结转 · 总计. */
  carried: (text: string) => [cell(text, '| 二、上年结转政府信息公开申请数量 |', 10)],
  /** 表三 四、结转下年度继续办理 · 总计. */
  carryover: (text: string) => [cell(text, '| 四、结转下年度继续办理 |', 10)],
  /** 表四 行政复议 · 总计. */
  review: (text: string) => [cell(text, '| 结果维持 | 结果纠正 |', 5, 1)],
  /** 表四 未经复议直接起诉 · 总计, 复议后起诉 · 总计. */
  litigation: (text: string) => [cell(text, '| 结果维持 | 结果纠正 |', 10, 1), cell(text, '| 结果维持 | 结果纠正 |', 15, 1)],
};

/** The range of `number` written right after `prefix` (first occurrence). */
function rangeAfter(text: string, prefix: string, number: string): Range {
  const start = pos(text, prefix + number);
  start.character += prefix.length;
  return { start, end: { line: start.line, character: start.character + number.length } };
}

/**
 * Asserts one narrative finding on `number` written right after `prefix`, pointing to the table
 * cells of `what` (the related ranges, in order), and that its fix clears every finding.
 */
function expectOne(text: string, prefix: string, number: string, replacement: string, what: Counted): void {
  const found = only(text);
  assert.equal(found.length, 1, found.map((f) => f.message).join('\n'));
  const f = found[0];
  assert.equal(f.severity, 'warning');
  assert.deepEqual(f.range, rangeAfter(text, prefix, number));
  assert.deepEqual(f.related.map((r) => r.range), CELLS[what](text));
  assert.equal(f.fixes.length, 1);
  assert.equal(f.fixes[0].preferred, false);
  assert.deepEqual(f.fixes[0].edits, [{ range: f.range, newText: replacement }]);
  const fixed = applyEdits(text, f.fixes[0].edits);
  assert.ok(fixed.includes(prefix + replacement));
  assert.deepEqual(check(fixed), []);
}

describe('narrative', () => {
  it('is silent when the text agrees with the tables', () => {
    assert.deepEqual(check(draft()), []);
    assert.deepEqual(check(draft({ year: 2021 })), []);
  });

  it('reports applications received ↔ row 一 总计', () => {
    expectOne(draft({ overview: '2020年，我局共收到政府信息公开申请35件。' }), '共收到政府信息公开申请', '35', '34', 'received');
  });

  it('reports applications handled ↔ （七）总计', () => {
    expectOne(draft({ overview: '2020年，我局共收到政府信息公开申请34件，办结30件。' }), '办结', '30', '32', 'handled');
  });

  it('reports applications carried over ↔ 四 and 二', () => {
    expectOne(draft({ overview: '共收到政府信息公开申请34件，结转下年度继续办理5件。' }), '结转下年度继续办理', '5', '3', 'carryover');
    expectOne(draft({ overview: '共收到政府信息公开申请34件，上年结转2件。' }), '上年结转', '2', '1', 'carried');
  });

  it('reports 行政复议 and 行政诉讼 counts ↔ table 4', () => {
    expectOne(draft({ appeals: '2020年，我局因政府信息公开工作被申请行政复议3件，被提起行政诉讼1件。' }), '行政复议', '3', '2', 'review');
    expectOne(
      draft({ t4: { review: 2, direct: 1, after: 1 }, appeals: '2020年，我局因政府信息公开工作被申请行政复议2件，被提起行政诉讼1件。' }),
      '行政诉讼', '1', '2', 'litigation',
    );
  });

  it('understands Chinese numerals and answers in them', () => {
    expectOne(draft({ appeals: '本年度因政府信息公开工作被申请行政复议三件。' }), '行政复议', '三', '两', 'review');
    assert.deepEqual(only(draft({ appeals: '本年度因政府信息公开工作被申请行政复议两件。' })), []);
  });

  it('reads Chinese numerals with 零 and units (一百零五, 一千零五十)', () => {
    const cases: [string, number | undefined][] = [
      ['两', 2], ['十', 10], ['十二', 12], ['二十', 20], ['一百', 100], ['一百零五', 105], ['一百一十五', 115],
      ['三百二十一', 321], ['一千零一', 1001], ['一千零五十', 1050], ['两千三百', 2300], ['零', 0], ['一二', undefined], ['五零', undefined],
    ];
    for (const [written, value] of cases) assert.equal(parseCount(written), value, written);
    assert.equal(only(draft({ appeals: '本年度因政府信息公开工作被申请行政复议一百零五件。' })).length, 1);
  });

  it('reads financial numerals (叁拾捌, 壹佰零伍)', () => {
    const cases: [string, number | undefined][] = [
      ['叁', 3], ['贰', 2], ['貳', 2], ['拾', 10], ['壹拾贰', 12], ['叁拾捌', 38], ['壹佰零伍', 105], ['壹仟零伍拾', 1050], ['叁捌', undefined],
    ];
    for (const [written, value] of cases) assert.equal(parseCount(written), value, written);
    expectOne(draft({ appeals: '本年度因政府信息公开工作被申请行政复议叁件。' }), '行政复议', '叁', '贰', 'review');
    assert.deepEqual(only(draft({ appeals: '本年度因政府信息公开工作被申请行政复议贰件。' })), []);
  });

  it('reads a count with thousands separators whole (1,235件), and never the last group of a spaced one (1 234件)', () => {
    const t3 = { received: 1234, carried: 0, handled: 1234 };
    assert.equal(parseCount('1,234'), 1234);
    assert.deepEqual(only(draft({ t3, overview: '本年度共收到政府信息公开申请1,234件，均已按时答复。' })), []);
    expectOne(draft({ t3, overview: '本年度共收到政府信息公开申请1,235件。' }), '申请', '1,235', '1,234', 'received');
    assert.deepEqual(only(draft({ t3, overview: '本年度共收到政府信息公开申请1 234件。' })), []);
  });

  it('answers in the text\'s numerals at any size (一百零六, 壹拾贰, 一千零五)', () => {
    const t4 = (review: number) => ({ review, direct: 1, after: 1 });
    const cases: [number, string, string][] = [
      [106, '一百零五', '一百零六'], [12, '壹拾叁', '壹拾贰'], [1005, '一千', '一千零五'], [110, '一百', '一百一十'], [20, '壹佰', '贰拾'], [10, '九', '十'],
    ];
    for (const [value, written, expected] of cases) {
      expectOne(draft({ t4: t4(value), appeals: `本年度因政府信息公开工作被申请行政复议${written}件。` }), '行政复议', written, expected, 'review');
    }
  });

  it('reads 收到并办结 as both counts', () => {
    const consistent = draft({ t3: { received: 2, carried: 0, handled: 2 }, overview: '本年度共收到并办结政府信息公开申请 2 件，与往年相比数量基本持平。' });
    assert.deepEqual(only(consistent), []);
    const text = draft({ t3: { received: 2, carried: 0, handled: 1 }, overview: '本年度共收到并办结政府信息公开申请 2 件。' });
    const found = only(text);
    assert.equal(found.length, 1);
    assert.deepEqual(found[0].range, rangeAfter(text, '申请 ', '2'));
    assert.deepEqual(found[0].related.map((r) => r.range), CELLS.handled(text));
    // Only the received side wrong: the finding is about 一、本年新收, not （七）总计.
    const received = draft({ t3: { received: 3, carried: 0, handled: 2 }, overview: '本年度共收到并办结政府信息公开申请2件。' });
    const [f, ...more] = only(received);
    assert.deepEqual(more, []);
    assert.deepEqual(f.range, rangeAfter(received, '收到并办结政府信息公开申请', '2'));
    assert.deepEqual(f.related.map((r) => r.range), CELLS.received(received));
    assert.deepEqual(f.fixes[0].edits, [{ range: f.range, newText: '3' }]);
    // 收到、办结 and 受理并答复 read the same way.
    for (const overview of ['本年度共收到、办结政府信息公开申请2件。', '本年度共受理并答复政府信息公开申请2件。']) {
      const other = draft({ t3: { received: 3, carried: 0, handled: 2 }, overview });
      assert.deepEqual(only(other).map((g) => g.related.map((r) => r.range)), [CELLS.received(other)], overview);
    }
  });

  it('accepts 一 + 二 for 受理 when the sentence mentions 上年结转', () => {
    assert.deepEqual(only(draft({ overview: '2020年，我局共受理政府信息公开申请35件（含上年结转1件）。' })), []);
    expectOne(draft({ overview: '2020年，我局共受理政府信息公开申请35件。' }), '受理政府信息公开申请', '35', '34', 'received');
    assert.deepEqual(only(draft({ overview: '2020年，我局共收到政府信息公开申请35件（含上年结转1件）。' })), []);
    expectOne(draft({ overview: '2020年，我局共收到政府信息公开申请35件，上年结转1件。' }), '收到政府信息公开申请', '35', '34', 'received');
  });

  it('names the count with the carried-over applications when it accepts one', () => {
    // 36 is neither 一 (34) nor 一 + 二 (35): the finding for a 受理 count that may include 上年结转 says so.
    for (const locale of ['zh-cn', 'en'] as const) {
      const plainText = draft({ overview: '2020年，我局共受理政府信息公开申请36件。' });
      const plain = only(plainText, { locale });
      const withCarried = [
        draft({ overview: '2020年，我局共受理政府信息公开申请36件，其中上年结转1件。' }),
        draft({ overview: '2020年，我局共受理政府信息公开申请36件（含上年结转1件）。' }),
        draft({ overview: '2020年，我局共收到政府信息公开申请36件（含上年结转1件）。' }),
      ];
      assert.equal(plain.length, 1);
      for (const text of withCarried) {
        const found = only(text, { locale });
        assert.equal(found.length, 1, text);
        assert.deepEqual(found[0].related, plain[0].related);
        assert.deepEqual(found[0].fixes[0].edits.map((e) => e.newText), ['34']);
        // The same message, followed by the count with the carried-over applications (34 + 1).
        assert.ok(found[0].message.startsWith(plain[0].message), found[0].message);
        const suffix = found[0].message.slice(plain[0].message.length);
        assert.match(suffix, /\b35\b/);
        assert.doesNotMatch(suffix, /\b3[46]\b/);
      }
    }
  });

  it('skips sentences about another population or another subject', () => {
    assert.deepEqual(only(draft({ overview: '2020年，全市共收到政府信息公开申请1200件，办结1190件。' })), []);
    assert.deepEqual(only(draft({ overview: '2020年，12345热线受理市民诉求500件，办结498件。' })), []);
    assert.deepEqual(only(draft({ overview: '我局修订《依申请公开办结制度》等5件制度，共收到政府信息公开申请34件。' })), []);
    assert.deepEqual(only(draft({ overview: '共收到政府信息公开申请34件，较上年增加5件。' })), []);
  });

  it('reads only part 一 and the text of parts 三 and 四', () => {
    const sentence = '本年度共收到政府信息公开申请35件。';
    const at = (heading: string, text: string) => text.replace(`## ${heading}\n\n`, `## ${heading}\n\n${sentence}\n\n`);
    for (const heading of ['二、主动公开政府信息情况', '五、存在的主要问题及改进情况', '六、其他需要报告的事项']) {
      const text = at(heading, draft());
      assert.ok(text.includes(sentence), heading);
      assert.deepEqual(only(text), [], heading);
    }
    const inPart3 = at('三、收到和处理政府信息公开申请情况', draft());
    assert.deepEqual(only(inPart3).map((f) => f.range), [rangeAfter(inPart3, '申请', '35')]);
    // Other count wordings (办结, 行政复议) in parts 五 and 六.
    const text = draft().replace('下一步将丰富解读形式，建立信息发布时限台账。', '下一步将丰富解读形式。依申请公开方面，办结政府信息公开申请10件以上的科室将建立台账。')
      .replace('无其他需要报告的事项。', '无其他需要报告的事项。本年度被申请行政复议5件。');
    assert.deepEqual(only(text), []);
  });

  it('does not read an ordinal (第N件) as a count', () => {
    assert.deepEqual(only(draft({ overview: '2020年，我局共收到政府信息公开申请34件，办结的第2件申请涉及房屋征收信息。' })), []);
    assert.deepEqual(only(draft({ appeals: '2020年，我局因政府信息公开工作被申请行政复议2件，其中行政复议第1件已审结。' })), []);
    // Without 第, the same count is read.
    const text = draft({ overview: '2020年，我局共收到政府信息公开申请34件，办结的2件申请涉及房屋征收信息。' });
    assert.deepEqual(only(text).map((f) => f.range), [rangeAfter(text, '办结的', '2')]);
  });

  it('reads 行政复议 and 行政诉讼 counts of one clause each on its own, and skips a count of both', () => {
    // Table 4: 行政复议 2, 行政诉讼 1 + 0.
    assert.deepEqual(only(draft({ appeals: '本年度因政府信息公开工作被申请行政复议2件和行政诉讼1件。' })), []);
    const wrongReview = draft({ appeals: '本年度因政府信息公开工作被申请行政复议3件和行政诉讼1件。' });
    assert.deepEqual(only(wrongReview).map((f) => [f.range, f.related.map((r) => r.range)]), [[rangeAfter(wrongReview, '行政复议', '3'), CELLS.review(wrongReview)]]);
    const wrongLitigation = draft({ appeals: '本年度因政府信息公开工作被申请行政复议2件和行政诉讼3件。' });
    assert.deepEqual(only(wrongLitigation).map((f) => [f.range, f.related.map((r) => r.range)]), [[rangeAfter(wrongLitigation, '行政诉讼', '3'), CELLS.litigation(wrongLitigation)]]);
    // One count of both (neither the 行政复议 nor the 行政诉讼 total): not compared.
    for (const appeals of ['本年度因政府信息公开工作被申请行政复议和行政诉讼共3件。', '本年度因政府信息公开工作被申请行政复议、被提起诉讼共3件。']) {
      assert.deepEqual(only(draft({ appeals })), [], appeals);
    }
  });

  it('reads full-width digits and answers in them', () => {
    expectOne(draft({ overview: '2020年，我局共收到政府信息公开申请３５件。' }), '共收到政府信息公开申请', '３５', '３４', 'received');
    assert.deepEqual(only(draft({ overview: '2020年，我局共收到政府信息公开申请３４件。' })), []);
  });

  it('reads 受理 as applications received only in a clause that says 申请', () => {
    // The sentence is about applications (政府信息公开申请), but the 受理 clause counts something else.
    assert.deepEqual(only(draft({ overview: '政府信息公开申请办理方面，本年度共受理群众咨询35件。' })), []);
    assert.deepEqual(only(draft({ overview: '依申请公开方面，本年度共受理35件。' })), []);
    // With 申请 in the clause, the count is read.
    const text = draft({ overview: '依申请公开方面，本年度共受理申请35件。' });
    assert.deepEqual(only(text).map((f) => [f.range, f.related.map((r) => r.range)]), [[rangeAfter(text, '受理申请', '35'), CELLS.received(text)]]);
  });

  it('skips a count whose table cell is blank or a placeholder', () => {
    const text = draft({ overview: '共收到政府信息公开申请40件。' })
      .replace('| 一、本年新收政府信息公开申请数量 |  |  | 34 | 0 | 0 | 0 | 0 | 0 | 34 |', '| 一、本年新收政府信息公开申请数量 |  |  | 34 | 0 | 0 | 0 | 0 | 0 | / |');
    assert.ok(check(text).some((f) => f.code === 'empty-cell'));
    assert.deepEqual(only(text), []);
  });

  it('joins a sentence wrapped over lines', () => {
    const text = draft({ overview: '（二）依申请公开。紧盯线上线下两个渠道，规范办理流程，本年度共收到政府信息公开\n\n申请35件，均已按时答复。' });
    const [f] = only(text);
    assert.ok(f);
    assert.deepEqual(f.range.start, pos(text, '35件'));
  });

  it('gives a message in both locales', () => {
    const text = draft({ overview: '2020年，我局共收到政府信息公开申请35件。' });
    const zh = only(text, { locale: 'zh-cn' })[0].message;
    const en = only(text, { locale: 'en' })[0].message;
    assert.ok(zh.includes('35') && zh.includes('34'));
    assert.ok(en.includes('35') && en.includes('34'));
    assert.notEqual(zh, en);
  });

  it('with a cache kept between checks, finds exactly what a fresh check finds', () => {
    const cache: CheckCache = {};
    const overview = '2020年，我局共收到政府信息公开申请35件，办结30件。\n\n全年行政复议3件。';
    const versions = [
      draft({ overview }),
      draft({ overview: '新增的一段说明文字，与申请无关。\n\n' + overview }),
      draft({ overview, t3: { received: 35, carried: 0, handled: 30 } }),
      draft({ overview: overview.replace('35件', '34件') }),
    ];
    for (const text of versions) {
      const cached = checkReport({ text, cache }).findings.filter((f) => f.code === 'narrative');
      assert.deepEqual(cached, only(text));
      const fresh: CheckCache = {};
      checkReport({ text, cache: fresh });
      assert.equal(cache.narrative?.size, fresh.narrative?.size);
    }
    assert.ok(only(versions[1]).length > 0);
  });

  it('reads a paragraph kept in the cache from the cache', () => {
    const text = draft({ overview: '2020年，我局共收到政府信息公开申请35件。' });
    const cache: CheckCache = {};
    assert.equal(checkReport({ text, cache }).findings.filter((f) => f.code === 'narrative').length, 1);
    for (const key of cache.narrative!.keys()) cache.narrative!.set(key, []);
    assert.equal(checkReport({ text, cache }).findings.filter((f) => f.code === 'narrative').length, 0);
  });

  it('the seeds give no narrative finding', () => {
    for (const seed of Object.keys(SEEDS)) assert.deepEqual(only(readFixture(SEEDS[seed])), [], seed);
  });
});

describe('narrative: the parts of table 3\'s totals', () => {
  /** Sets the seven counts of the table-3 row whose line starts with `prefix`. */
  const setRow = (text: string, prefix: string, counts: number[]): string => {
    const lines = text.split('\n');
    const at = lines.findIndex((l) => l.startsWith(prefix));
    assert.ok(at >= 0, prefix);
    lines[at] = `${prefix} ${counts.join(' | ')} |`;
    return lines.join('\n');
  };
  /** Row 一: 9 individuals, 1 business; outcomes: 予以公开 6, 属于国家秘密 1, 危及“三安全一稳定” 2, 本机关不掌握 1. */
  const report = (year: number, overview: string): string => {
    let text = draft({ year, overview, t3: { received: 10, carried: 0, handled: 10 } });
    text = setRow(text, '| 一、本年新收政府信息公开申请数量 |  |  |', [9, 1, 0, 0, 0, 0, 10]);
    text = setRow(text, '| 三、本年度办理结果 | （一）予以公开 |  |', [6, 0, 0, 0, 0, 0, 6]);
    text = setRow(text, '|  | （三）不予公开 | 1.属于国家秘密 |', [1, 0, 0, 0, 0, 0, 1]);
    text = setRow(text, '|  |  | 3.危及“三安全一稳定” |', [1, 1, 0, 0, 0, 0, 2]);
    text = setRow(text, '|  | （四）无法提供 | 1.本机关不掌握相关政府信息 |', [1, 0, 0, 0, 0, 0, 1]);
    return setRow(text, '|  | （七）总计 |  |', [9, 1, 0, 0, 0, 0, 10]);
  };
  const parts = (n: Record<string, number>) =>
    `共收到政府信息公开申请10件，其中自然人申请${n.natural}件，法人或其他组织申请${n.organisations}件。` +
    `共办结政府信息公开申请10件，其中予以公开${n.public}件，部分公开${n.partial}件，不予公开${n.withheld}件，无法提供${n.unable}件，不予处理${n.rejected}件，其他处理${n.other}件。`;
  const right = { natural: 9, organisations: 1, public: 6, partial: 0, withheld: 3, unable: 1, rejected: 0, other: 0 };

  it('is silent when the text\'s parts agree with the table, in both formats', () => {
    for (const year of [2020, 2021]) assert.deepEqual(check(report(year, parts(right))), [], String(year));
  });

  it('reports each part that disagrees on its number, related to the cells it sums, with a fix', () => {
    // [part, a wrong count, the number of cells it sums (2019 format, 2021 format)]
    const wrong: [keyof typeof right, number, number, number][] = [
      ['natural', 10, 1, 1], ['organisations', 0, 5, 5], ['public', 7, 1, 1], ['partial', 1, 1, 1],
      ['withheld', 2, 8, 8], ['unable', 0, 3, 3], ['rejected', 2, 5, 5], ['other', 1, 1, 3],
    ];
    for (const year of [2020, 2021]) {
      for (const [part, count, cells2019, cells2021] of wrong) {
        const text = report(year, parts({ ...right, [part]: count }));
        const found = only(text);
        assert.equal(found.length, 1, `${year} ${part}: ${found.map((f) => f.message).join(' | ')}`);
        const sentence = parts({ ...right, [part]: count });
        const keyword = { natural: '自然人申请', organisations: '法人或其他组织申请', public: '予以公开', partial: '部分公开', withheld: '不予公开', unable: '无法提供', rejected: '不予处理', other: '其他处理' }[part];
        const at = pos(text, sentence);
        const column = at.character + sentence.indexOf(`${keyword}${count}件`) + keyword.length;
        assert.deepEqual(found[0].range, { start: { line: at.line, character: column }, end: { line: at.line, character: column + String(count).length } }, `${year} ${part}`);
        assert.equal(found[0].related.length, year === 2020 ? cells2019 : cells2021, `${year} ${part}`);
        const fixed = applyEdits(text, found[0].fixes[0].edits);
        assert.equal(fixed, report(year, parts(right)), `${year} ${part} fixed`);
      }
    }
  });

  it('leaves alone a part named for one reason (因属于国家秘密不予公开1件) or far from its number', () => {
    for (const overview of ['依申请公开方面，因属于国家秘密不予公开1件。', '依申请公开方面，不予公开的申请中，涉及国家秘密的1件。', '本年度政府信息公开申请中予以公开的信息主要涉及规划，共5件。']) {
      assert.deepEqual(only(report(2020, overview)), [], overview);
    }
  });

  it('accepts row 一 + 二 for the applicants when the sentence counts 上年结转 too', () => {
    let text = report(2020, '共受理政府信息公开申请11件（含上年结转1件），其中自然人申请10件，法人或其他组织申请1件。');
    text = setRow(text, '| 二、上年结转政府信息公开申请数量 |  |  |', [1, 0, 0, 0, 0, 0, 1]);
    assert.deepEqual(only(text), []);
  });
});

describe('narrative: the outcomes of table 4\'s cases', () => {
  /** 行政复议 3 = 维持 1 + 纠正 1 + 尚未审结 1; 未经复议直接起诉 2 = 维持 1 + 其他结果 1; 复议后起诉 1 = 维持 1. */
  const report = (appeals: string): string =>
    draft({ t4: { review: 3, direct: 2, after: 1 }, appeals }).replace(
      /^\| 3 \| 0 \| 0 \| 0 \| 3 \| 2 \| 0 \| 0 \| 0 \| 2 \| 1 \| 0 \| 0 \| 0 \| 1 \|$/m,
      '| 1 | 1 | 0 | 1 | 3 | 1 | 0 | 1 | 0 | 2 | 1 | 0 | 0 | 0 | 1 |',
    );
  const t4Cells = (text: string, ...columns: number[]) => columns.map((n) => cell(text, '| 结果维持 | 结果纠正 |', n, 1));
  const right = '本年度因政府信息公开工作被申请行政复议3件，其中结果维持1件、结果纠正1件、尚未审结1件；被提起行政诉讼3件，其中维持原行政行为2件、其他结果1件。';

  it('is silent when the text\'s outcomes agree with the table', () => {
    const text = report(right);
    assert.notEqual(text, draft({ t4: { review: 3, direct: 2, after: 1 }, appeals: right }), 'the table row was set');
    assert.deepEqual(check(text), []);
  });

  it('reports an outcome that disagrees, related to its column (行政复议) or its two columns (行政诉讼), with a fix', () => {
    // [wrong sentence, the words before the wrong number, the number, its fix, the columns of table 4 it sums]
    const cases: [string, string, string, string, number[]][] = [
      [right.replace('结果维持1件', '结果维持2件'), '其中结果维持', '2', '1', [1]],
      [right.replace('结果纠正1件', '结果纠正两件'), '结果纠正', '两', '一', [2]],
      [right.replace('尚未审结1件', '尚未审结0件'), '尚未审结', '0', '1', [4]],
      [right.replace('维持原行政行为2件', '维持原行政行为1件'), '维持原行政行为', '1', '2', [6, 11]],
      [right.replace('其他结果1件', '其他结果3件'), '其他结果', '3', '1', [8, 13]],
    ];
    for (const [sentence, prefix, number, replacement, columns] of cases) {
      const text = report(sentence);
      const found = only(text);
      assert.equal(found.length, 1, `${sentence}: ${found.map((f) => f.message).join(' | ')}`);
      assert.deepEqual(found[0].range, rangeAfter(text, prefix, number), sentence);
      assert.deepEqual(found[0].related.map((r) => r.range), t4Cells(text, ...columns), sentence);
      const fixed = applyEdits(text, found[0].fixes[0].edits);
      assert.equal(fixed, report(sentence.replace(prefix + number, prefix + replacement)), sentence);
      assert.deepEqual(check(fixed), [], `${sentence} fixed`);
    }
  });

  it('takes the outcome for the cases the sentence named last, and leaves it alone when none is named', () => {
    const text = report('本年度被提起行政诉讼3件，其中结果维持3件；被申请行政复议3件，其中结果维持1件。');
    assert.deepEqual(only(text).map((f) => f.related.map((r) => r.range)), [t4Cells(text, 6, 11)]);
    for (const appeals of ['本年度依申请公开工作中，结果维持3件。', '本年度被申请行政复议3件，均维持原行政行为。', '本年度被申请行政复议3件，其中1件维持。']) {
      assert.deepEqual(only(report(appeals)), [], appeals);
    }
  });

  it('does not let the text\'s outcomes change what fixes do to the table', () => {
    const text = report(right.replace('结果维持1件', '结果维持2件'));
    assert.deepEqual(check(text).filter((f) => f.code !== 'narrative'), []);
  });
});
