/**
 * The pure pieces written for the language server: report detection, the diff that hands
 * `fixText`'s result to an editor, hover texts, outline and completion on every seed and layout.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { checkReport } from '../../server/src/engine/check';
import { completionsAt } from '../../server/src/engine/completion';
import { looksLikeReport } from '../../server/src/engine/detect';
import { applyEdits, fixText } from '../../server/src/engine/fixes/apply';
import { diffEdits } from '../../server/src/engine/fixes/diff';
import { hoverAt } from '../../server/src/engine/hover';
import { documentOutline, foldingRegions } from '../../server/src/engine/outline';
import { fixturePath, readFixture, SEEDS } from '../helpers';

const ALL = [
  ...Object.values(SEEDS),
  ...readdirSync(fixturePath('layouts')).map((f) => join('layouts', f)),
];

describe('looksLikeReport', () => {
  it('recognises every seed and layout fixture', () => {
    for (const f of ALL) assert.ok(looksLikeReport(readFixture(f)), f);
  });

  it('recognises titles broken over lines and with Markdown marks', () => {
    assert.ok(looksLikeReport('# **某某局**\n\n## 2021年政府信息公开\n工作年度报告\n'));
    assert.ok(looksLikeReport('\uFEFF某县人民政府2022年度信息公开工作报告'));
    assert.ok(looksLikeReport('XX市2023年政务公开工作年度报告'));
  });

  it('leaves other documents alone', () => {
    assert.ok(!looksLikeReport('# README\n\nThis project checks reports.\n'));
    assert.ok(!looksLikeReport('会议纪要\n\n关于政府信息公开工作的讨论。\n'));
    const late = `${'正文。\n'.repeat(40)}2020年政府信息公开工作年度报告`;
    assert.ok(!looksLikeReport(late), 'only the first lines count');
  });
});

describe('diffEdits', () => {
  const roundTrip = (a: string, b: string) => {
    const edits = diffEdits(a, b);
    assert.equal(applyEdits(a, edits), b);
    return edits;
  };

  it('turns one text into another with small edits', () => {
    assert.deepEqual(roundTrip('same', 'same'), []);
    const edits = roundTrip('a\nb\t\tc\nd\n', 'a\nb\t0\tc\nd\n');
    assert.deepEqual(edits, [{ range: { start: { line: 1, character: 2 }, end: { line: 1, character: 2 } }, newText: '0' }]);
    roundTrip('x\r\ny\r\n', 'x\r\nnew\r\ny\r\n');
    roundTrip('一\n二\n三\n', '一\n三\n');
    roundTrip('', '全新的文本\n');
    roundTrip('😀a\n', '😁a\n');
    roundTrip('line\r\n', 'line\n');
  });

  it('reproduces fixText on every seed and layout', () => {
    for (const f of ALL) {
      const text = readFixture(f);
      const fixed = fixText(text).text;
      const edits = roundTrip(text, fixed);
      for (const e of edits) assert.ok(e.range.end.line - e.range.start.line <= 2, `${f}: small edits`);
    }
  });

  it('survives random edits', () => {
    let seed = 42;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff), seed % n);
    const base = readFixture(SEEDS['004']);
    for (let k = 0; k < 50; k++) {
      let t = base;
      for (let j = 0; j < 1 + rnd(6); j++) {
        const at = rnd(t.length);
        const len = rnd(30);
        t = t.slice(0, at) + ['', '0', '\n', '表三\t', '\r\n'][rnd(5)] + t.slice(at + len);
      }
      roundTrip(base, t);
    }
  });
});

describe('hover, outline and completion on every fixture', () => {
  it('never throws and keeps ranges consistent', () => {
    for (const f of ALL) {
      const text = readFixture(f);
      const result = checkReport({ text });
      const lines = text.split(/\r\n|\r|\n/);
      for (let line = 0; line < lines.length; line += 3) {
        for (const character of [0, 3, 10, 25]) {
          const h = hoverAt(result, { line, character }, 'zh-cn');
          if (h) assert.ok(h.range.start.line <= line && line <= h.range.end.line, `${f}:${line}: hover range covers the position`);
          for (const c of completionsAt(result.model, { line, character: Math.min(character, lines[line].length) }, 'en', result.format)) {
            assert.equal(c.range.end.line, line);
          }
        }
      }
      const outline = documentOutline(result.model, 'en', result.format);
      assert.ok(outline.length > 0, `${f}: an outline`);
      for (const r of foldingRegions(result.model)) assert.ok(r.endLine > r.startLine);
    }
  });
});
