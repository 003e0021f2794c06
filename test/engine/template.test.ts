/**
 * What the relation analysis assumes of the declared relations of both formats: each names a cell
 * at most once, all its cells lie in one table, and its result cell is one of them.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cellKey, FORMATS } from '../../server/src/engine/template';

for (const [format, { relations }] of Object.entries(FORMATS)) {
  test(`format ${format}: every relation names distinct cells of one table, its result among them`, () => {
    assert.ok(relations.length > 0);
    for (const r of relations) {
      const cells = [...r.lhs, ...r.rhs];
      const keys = cells.map((c) => cellKey(c));
      assert.equal(new Set(keys).size, keys.length, `${r.rule}: ${keys.join(' ')}`);
      assert.equal(new Set(cells.map((c) => c.table)).size, 1, `${r.rule}: ${keys.join(' ')}`);
      assert.ok(keys.includes(r.resultKey), `${r.rule}: result ${r.resultKey}`);
    }
  });
}
