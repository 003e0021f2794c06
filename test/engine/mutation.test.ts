/**
 * Mutation test: in consistent reports of every layout and both formats, changing any single
 * number of tables 3 and 4 yields a diagnostic on that cell, and where the relations determine it,
 * a fix back to the original value.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkReport } from '../../server/src/engine/check';
import { applyEdits } from '../../server/src/engine/fixes/apply';
import { parseReport } from '../../server/src/engine/parse/parser';
import { cellRange, contains, layoutFixtures } from '../helpers';

const ARITHMETIC = new Set(['row-total', 'column-total', 'balance', 'appeal-total']);

for (const { name, text } of layoutFixtures()) {
  test(`every single-number change is caught on its cell: ${name}`, () => {
    assert.deepEqual(checkReport({ text }).findings.filter((f) => f.severity === 'error').map((f) => f.code), [], 'fixture is consistent');
    const model = parseReport(text);
    let mutated = 0;
    for (const table of model.tables.filter((t) => t.id === 'table3' || t.id === 'table4')) {
      for (const cell of table.cells.values()) {
        if (cell.value.kind !== 'number' || !cell.source) continue;
        const original = cell.value.canonical;
        const replacement = String(cell.value.value + 7);
        const src = cell.source;
        const changed = text.slice(0, src.start) + replacement + text.slice(src.end);
        const findings = checkReport({ text: changed }).findings.filter((f) => ARITHMETIC.has(f.code));
        const where = cellRange(parseReport(changed), parseReport(changed).tables.find((t) => t.id === table.id)!.cells.get([...table.cells.entries()].find(([, c]) => c === cell)![0])!);
        const onCell = findings.filter((f) => contains(f.range, where));
        assert.ok(onCell.length >= 1, `${name} ${table.id} ${cell.ref.row}/${cell.ref.column}: no diagnostic on the cell (got ${findings.map((f) => f.code).join(',')})`);
        assert.equal(findings.length, 1, `${name} ${cell.ref.row}/${cell.ref.column}: one wrong cell, one diagnostic`);
        if (table.id === 'table3') {
          const fix = onCell[0].fixes[0];
          assert.ok(fix, 'a fix is offered');
          assert.equal(fix.edits.length, 1);
          assert.equal(fix.edits[0].newText, original, `${cell.ref.row}/${cell.ref.column}: fix restores the original`);
          assert.equal(applyEdits(changed, fix.edits), text, 'the fix restores the text exactly');
        }
        mutated++;
      }
    }
    assert.ok(mutated >= 150, `mutated ${mutated} cells`);
  });
}
