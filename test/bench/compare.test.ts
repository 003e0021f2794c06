import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { comparisonTable, firstDifference, interleaved, middle, MIN_ROUNDS, ratio, verdict, type ComparedFigure } from '../../bench/compare';

const time = (base: number[], head: number[]): ComparedFigure => ({ figure: 'CLI', base, head, unit: 'ms', lowerIsBetter: true });
const rate = (base: number[], head: number[]): ComparedFigure => ({ figure: 'CLI', base, head, unit: 'reports/s', lowerIsBetter: false });

describe('interleaved', () => {
  it('reverses the order every round, so each build runs first as often', () => {
    assert.deepEqual(interleaved(3), ['base', 'head', 'head', 'base', 'base', 'head']);
    const four = interleaved(4);
    assert.equal(four.filter((s) => s === 'base').length, 4);
    assert.equal([0, 2, 4, 6].filter((i) => four[i] === 'base').length, 2);
  });

  it('is empty for no rounds', () => {
    assert.deepEqual(interleaved(0), []);
  });
});

describe('middle and ratio', () => {
  it('takes the median of the finite values', () => {
    assert.equal(middle([3, 1, 2]), 2);
    assert.equal(middle([4, 1, 3, 2]), 2.5);
    assert.equal(middle([NaN, 5]), 5);
    assert.equal(middle([NaN]), undefined);
  });

  it('divides the median of head by the median of base', () => {
    assert.equal(ratio(time([1500, 1400, 1600], [1200, 1100, 1300])), 0.8);
    assert.equal(ratio(time([0], [10])), undefined);
    assert.equal(ratio(time([], [10])), undefined);
  });
});

describe('verdict', () => {
  it('marks a change only when the rounds of the two builds do not overlap', () => {
    assert.equal(verdict(time([1500, 1520, 1490, 1510], [1200, 1250, 1230, 1240])), 'better');
    assert.equal(verdict(time([1200, 1250, 1230, 1240], [1500, 1520, 1490, 1510])), 'worse');
    assert.equal(verdict(time([1500, 1200, 1490, 1510], [1250, 1230, 1480, 1240])), 'same');
  });

  it('reads a lower throughput as worse', () => {
    assert.equal(verdict(rate([1300, 1310, 1320, 1305], [1000, 1010, 1020, 1005])), 'worse');
    assert.equal(verdict(rate([1000, 1010, 1020, 1005], [1300, 1310, 1320, 1305])), 'better');
  });

  it(`has nothing to say with fewer than ${MIN_ROUNDS} rounds on either side`, () => {
    assert.equal(verdict(time([1500, 1520, 1490], [1200, 1250, 1230])), 'n/a');
    assert.equal(verdict(time([1500, 1520, 1490, NaN], [1200, 1250, 1230, 1240])), 'n/a');
    assert.equal(verdict(time([], [1, 2, 3, 4])), 'n/a');
  });
});

describe('comparisonTable', () => {
  it('aligns both medians, the ratio and the verdict in columns', () => {
    const table = comparisonTable(
      [time([1532.2, 1540, 1530, 1535], [1201, 1190, 1210, 1195]), { figure: 'edit p95', base: [20.14, 19], head: [20.3, 18], unit: 'ms', lowerIsBetter: true }],
      'main',
      'this tree',
    );
    const lines = table.split('\n');
    assert.equal(lines.length, 4);
    assert.match(lines[2], /^CLI\s+1534 ms\s+1198 ms\s+0\.78×\s+better$/);
    assert.match(lines[3], /^edit p95\s+19\.6 ms\s+19\.1 ms\s+0\.98×$/);
    const column = lines[0].indexOf('this tree');
    assert.equal(lines[2].indexOf('1198 ms'), column);
    assert.equal(lines[3].indexOf('19.1 ms'), column);
  });

  it('shows a figure missing on one side as n/a', () => {
    const table = comparisonTable([time([], [5])], 'v0', 'this tree');
    assert.match(table.split('\n')[2], /^CLI\s+n\/a\s+5\.00 ms\s+n\/a$/);
  });
});

describe('firstDifference', () => {
  it('finds the first line that differs', () => {
    assert.equal(firstDifference('a\nb\n', 'a\nb\n'), undefined);
    assert.deepEqual(firstDifference('a\nb\nc', 'a\nB\nc'), { line: 2, base: 'b', head: 'B' });
    assert.deepEqual(firstDifference('a\nb', 'a\nb\nc'), { line: 3, base: '(end of output)', head: 'c' });
  });
});
