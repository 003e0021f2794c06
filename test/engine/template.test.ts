/**
 * What the engine assumes of the declarations of both formats: ids are unique where they are looked
 * up (tables in a format, sections in a table, rows in a section); each relation names a cell at
 * most once, all its cells lie in one table, and its result cell is one of them.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cellKey, FORMATS } from '../../server/src/engine/template';

for (const [format, { tables, relations }] of Object.entries(FORMATS)) {
  test(`format ${format}: table, section and row ids are unique where they are looked up`, () => {
    const unique = (ids: string[], where: string) => assert.equal(new Set(ids).size, ids.length, `${where}: ${ids.join(' ')}`);
    unique(tables.map((t) => t.id), format);
    for (const t of tables) {
      unique(t.sections.map((s) => s.id), t.id);
      for (const s of t.sections) unique(s.rows.map((r) => r.id), `${t.id}/${s.id}`);
    }
  });

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
