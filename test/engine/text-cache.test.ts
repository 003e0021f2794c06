/**
 * The text-keyed caches (cell values, label matches, label prefixes) keep no document alive: an
 * entry made from a cell of one version of a draft must not hold that version's whole text.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { checkReport } from '../../server/src/engine/check';
import { isLabelPrefix, matchLabel } from '../../server/src/engine/parse/labels';
import { ownCopy, TextCache } from '../../server/src/engine/text/cache';
import { parseValue } from '../../server/src/engine/text/numbers';
import { readFixture, SEEDS } from '../helpers';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Heap growth, after full collections, from running `work` (which keeps nothing itself). */
function retainedBy(work: () => void): number {
  const before = settledHeap();
  work();
  return settledHeap() - before;
}

/**
 * Heap used after full collections: the least of six, as one collection can leave a previous
 * check's objects for the next one to free.
 */
function settledHeap(): number {
  let least = Infinity;
  for (let i = 0; i < 6; i++) {
    gc();
    least = Math.min(least, process.memoryUsage().heapUsed);
  }
  return least;
}

const MB = 1024 * 1024;

/** A 2 MB two-byte string ending with `tail`, and `tail` cut from it (a view of the whole in V8). */
function cutFromLarge(tail: string): string {
  const whole = '公'.repeat(MB) + tail;
  return whole.slice(MB);
}

test('ownCopy gives an equal string', () => {
  for (const s of ['', '短', 'a'.repeat(12), 'a'.repeat(13), '一、本年新收政府信息公开申请数量', cutFromLarge('（七）总计 · 自然人')]) {
    assert.equal(ownCopy(s), s);
  }
});

test('TextCache computes once per text and stays within its limit', () => {
  const cache = new TextCache<number>(3);
  let computed = 0;
  const length = (s: string) => (computed++, s.length);
  assert.equal(cache.get('一二三四五六七八九十一二三', length), 13);
  assert.equal(cache.get('一二三四五六七八九十一二三', length), 13);
  assert.equal(computed, 1);
  for (const s of ['a', 'bb', 'ccc', 'dddd']) cache.get(s, length);
  assert.equal(computed, 5);
  cache.get('a', length);
  assert.equal(computed, 6, 'the cache was cleared on reaching its limit, so `a` is computed again');
});

test('cached cell values, label matches and prefixes do not keep the text they were cut from', () => {
  const versions = 20;
  const grown = retainedBy(() => {
    for (let i = 0; i < versions; i++) {
      parseValue(cutFromLarge(`其他说明第${i}项：见附件`));
      matchLabel(cutFromLarge(`本年新收政府信息公开申请数量${i}`));
      isLabelPrefix(cutFromLarge(`本年新收政府信息公开申${i}`));
    }
  });
  // Kept as given, each key would hold its 2 MB string: 3 × 20 × 2 MB.
  assert.ok(grown < 8 * MB, `the caches kept ${(grown / MB).toFixed(1)} MB`);
});

test('checking edited versions of a draft keeps none of them', () => {
  const text = readFixture(SEEDS['000']).repeat(100);
  const label = '本年新收政府信息公开申请数量';
  assert.ok(text.includes(label));
  checkReport({ text });
  const versions = 20;
  const grown = retainedBy(() => {
    for (let i = 0; i < versions; i++) checkReport({ text: text.replace(label, `${label}${i}号`) });
  });
  const size = text.length * 2;
  assert.ok(grown < 3 * size, `${versions} versions of ${(size / MB).toFixed(1)} MB kept ${(grown / MB).toFixed(1)} MB`);
});
