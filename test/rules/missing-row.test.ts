import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { TableLayout } from '../../server/src/engine/model';
import { parseReport } from '../../server/src/engine/parse/parser';
import { renderSection, renderTable } from '../../server/src/engine/render';
import { applyEdits } from '../../server/src/engine/fixes/apply';
import { findCell, readFixture, SEEDS } from '../helpers';
import { applyFixAndRecheck, at, consistentValues, findingsOf, LAYOUTS, rangeOfText, report } from './table-kit';

/** A 2021 report whose tables hold consistent non-zero values. */
const full = (layout: TableLayout, year = 2021) => {
  const format = year <= 2020 ? '2019' : '2021';
  return report({ year, layout, tables: { table2: consistentValues(format, 'table2'), table3: consistentValues(format, 'table3'), table4: consistentValues(format, 'table4') } });
};

/** Removes the line holding `label` and the `after` lines that follow it. */
function dropLines(text: string, label: string, after = 0): string {
  const lines = text.split('\n');
  const i = lines.findIndex((l) => l.includes(label));
  assert.ok(i >= 0, label);
  lines.splice(i, 1 + after);
  return lines.join('\n');
}

describe('missing-row', () => {
  it('tab: （七）总计 absent → reported on the following row, inserted with the values the relations give', () => {
    const complete = full('tab');
    const totalLine = complete.split('\n').find((l) => l.includes('（七）总计'))!;
    const text = dropLines(complete, '（七）总计');
    const [f, ...rest] = findingsOf(text, 'missing-row');
    assert.equal(rest.length, 0);
    assert.equal(f.severity, 'error');
    assert.equal(at(f.range), rangeOfText(text, '四、结转下年度继续办理'));
    assert.match(f.message, /（七）总计/);
    assert.equal(f.fixes[0].preferred, false);
    const fixed = applyFixAndRecheck(text, f);
    assert.equal(fixed, complete);
    assert.ok(fixed.includes(totalLine));
  });

  it('Markdown: a group label absent → reported on its first child, inserted without numbers', () => {
    const complete = full('markdown');
    const text = dropLines(complete, '（三）不予公开');
    const [f] = findingsOf(text, 'missing-row');
    assert.equal(at(f.range), rangeOfText(text, '1.属于国家秘密'));
    assert.equal(applyFixAndRecheck(text, f), complete);
  });

  it('one cell a line (pipe-cells): a detail row absent → inserted before the following row', () => {
    const complete = full('pipe-cells');
    const text = dropLines(complete, '2.其他法律行政法规禁止公开', 7);
    const [f] = findingsOf(text, 'missing-row');
    assert.equal(at(f.range), rangeOfText(text, '3.危及“三安全一稳定”'));
    const fixed = applyFixAndRecheck(text, f);
    const row = fixed.split('\n').slice(fixed.split('\n').indexOf('2.其他法律行政法规禁止公开 |'), fixed.split('\n').indexOf('3.危及“三安全一稳定” |'));
    assert.equal(row.length, 8);
  });

  it('indented cells: the last row absent → reported on the preceding row; 四 = 一 + 二 − （七）', () => {
    const complete = full('indented-cells', 2020);
    const lines = complete.split('\n');
    const i = lines.indexOf('\t四、结转下年度继续办理');
    const text = [...lines.slice(0, i - 1), ...lines.slice(i + 8)].join('\n');
    const [f] = findingsOf(text, 'missing-row');
    assert.equal(at(f.range), rangeOfText(text, '（七）总计'));
    assert.match(f.fixes[0].title, /1 1 1 1 1 1 6/);
    assert.equal(applyFixAndRecheck(text, f), complete);
  });

  it('indented cells: a row inserted after a row whose last cells are blank leaves those cells to it', () => {
    const lines = full('indented-cells', 2020).split('\n');
    const first = lines.indexOf('\t1.属于国家秘密');
    const next = lines.indexOf('\t3.危及“三安全一稳定”');
    // 1.属于国家秘密 ends in two blank cells, and 2.其他… is gone with the empty lines around it.
    const text = [...lines.slice(0, first + 6), '\t', '\t', ...lines.slice(next)].join('\n');
    const [f] = findingsOf(text, 'missing-row');
    assert.match(f.message, /2\.其他法律行政法规禁止公开/);
    const fixed = applyEdits(text, f.fixes[0].edits);
    assert.deepEqual(fixed.split('\n').slice(first + 6, first + 9), ['\t', '\t', '\t2.其他法律行政法规禁止公开']);
    const model = parseReport(fixed);
    for (const column of ['otherOrg', 'total']) {
      const { cell } = findCell(model, 'table3', 'withheld.secret', column);
      assert.equal(cell.source?.text, '', `1.属于国家秘密 keeps its blank ${column} cell`);
    }
    assert.equal(findCell(model, 'table3', 'withheld.law', 'total').cell.source?.line, first + 15);
  });

  it('pipe rows, table 2: the last row of a section → inserted after the preceding row of that section', () => {
    const complete = full('pipe-rows', 2020);
    const text = dropLines(complete, '其他对外管理服务事项');
    const [f] = findingsOf(text, 'missing-row');
    assert.equal(at(f.range), rangeOfText(text, '行政许可'));
    const fixed = applyFixAndRecheck(text, f).split('\n');
    assert.equal(fixed[fixed.findIndex((l) => l.startsWith('行政许可 |')) + 1], '其他对外管理服务事项 | 0 | 0 | 0 |');
  });

  it('table 2: a whole 第二十条 section absent → one finding, the section inserted', () => {
    const complete = report({ year: 2021, layout: 'tab' });
    const text = dropLines(complete, '第二十条第（八）项', 2);
    const [f, ...rest] = findingsOf(text, 'missing-row');
    assert.equal(rest.length, 0);
    assert.match(f.message, /第二十条第（八）项/);
    assert.equal(applyFixAndRecheck(text, f), complete);
  });

  it('table 2: a missing section is inserted whole in every layout, first, in the middle or last', () => {
    const separator = '|---|---|---|---|\n';
    for (const layout of LAYOUTS) {
      for (const [year, section] of [[2021, 'item6'], [2021, 'item8'], [2020, 'item9'], [2020, 'item1']] as const) {
        const complete = report({ year, layout });
        let part = renderSection(year <= 2020 ? '2019' : '2021', 'table2', section, layout, '\n');
        let text: string;
        if (layout === 'markdown' && section === 'item1') {
          // The first section's caption is the Markdown header row: the separator moves to the next caption.
          part = part.replace('\n', `\n${separator}`);
          text = complete.replace(part, '').replace('| 第二十条第（五）项 | | | |\n', `| 第二十条第（五）项 | | | |\n${separator}`);
        } else {
          const cut = layout === 'indented-cells' && complete.includes(`\n\n${part}`) ? `\n${part}` : part;
          text = complete.replace(cut, '');
        }
        assert.notEqual(text, complete, `${layout} ${section}`);
        const found = findingsOf(text, 'missing-row');
        assert.equal(found.length, 1, `${layout} ${section}`);
        assert.match(found[0].message, /第二十条/);
        assert.equal(applyFixAndRecheck(text, found[0]), complete, `${layout} ${section}`);
      }
    }
  });

  it('the table is checked in its own format: a 2019-format table 3 in a 2021 report needs no （六） sub-rows', () => {
    const text = report({ year: 2021, layout: 'tab', tables: { table3: renderTable('2019', 'table3', 'tab', '\n', consistentValues('2019', 'table3')) } });
    const table3 = parseReport(text).tables.find((t) => t.id === 'table3')!;
    assert.equal(table3.format, '2019');
    assert.deepEqual(findingsOf(text, 'missing-row'), []);
  });

  it('a table seen in pieces counts the rows of every piece', () => {
    const complete = report({ year: 2021, layout: 'tab' });
    const text = complete.replace(/(\n[^\n]*（四）无法提供)/, '\n以下为续表。\n$1');
    assert.equal(parseReport(text).tables.filter((t) => t.id === 'table3').length, 2);
    assert.deepEqual(findingsOf(text, 'missing-row'), []);
  });

  it('lines an inserted row up with its neighbours: a Word-style tab table 3 with three label columns', () => {
    const table3 = renderTable('2019', 'table3', 'tab', '\n', consistentValues('2019', 'table3'), { labelColumns: 3 });
    const complete = report({ year: 2020, layout: 'tab', tables: { table3 } });
    const text = dropLines(complete, '（二）部分公开');
    const [f] = findingsOf(text, 'missing-row');
    assert.equal(at(f.range), rangeOfText(text, '（三）不予公开'));
    const line = complete.split('\n').find((l) => l.includes('（二）部分公开'))!;
    assert.equal(f.fixes[0].edits[0].newText, `${line}\n`);
    assert.equal(applyFixAndRecheck(text, f), complete);
  });

  it('is silent on complete tables in every layout and on the seeds (labels split over lines in 002)', () => {
    for (const layout of LAYOUTS) for (const year of [2020, 2021]) assert.deepEqual(findingsOf(full(layout, year), 'missing-row'), [], `${year} ${layout}`);
    for (const seed of Object.keys(SEEDS)) assert.deepEqual(findingsOf(readFixture(SEEDS[seed]), 'missing-row'), [], seed);
  });
});
