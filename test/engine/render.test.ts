import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeTable } from '../../server/src/engine/analysis/relations';
import { parseReport } from '../../server/src/engine/parse/parser';
import { renderRow, renderSection, renderTable, tableWidth } from '../../server/src/engine/render';
import { cellKey, FORMATS, tableDecl } from '../../server/src/engine/template';
import type { TableId } from '../../server/src/engine/template/types';
import type { FormatId, RuleCode } from '../../server/src/engine/types';
import { consistentValues, findings, LAYOUTS, report } from '../rules/table-kit';

const FORMAT_IDS: FormatId[] = ['2019', '2021'];
const TABLE_IDS: TableId[] = ['table2', 'table3', 'table4'];

describe('renderTable', () => {
  for (const format of FORMAT_IDS) {
    for (const id of TABLE_IDS) {
      for (const layout of LAYOUTS) {
        it(`${format} ${id} ${layout}: parses back to the same table with every relation holding`, () => {
          const values = consistentValues(format, id);
          const text = renderTable(format, id, layout, '\n', values);
          assert.ok(text.endsWith('\n'));
          const model = parseReport(text, { template: format });
          assert.deepEqual(model.tables.map((t) => t.id), [id]);
          const table = model.tables[0];
          assert.equal(table.layout, layout);
          if (id !== 'table4') assert.equal(table.format, format);
          const decl = tableDecl(format, id);
          const rows = table.sections.flatMap((s) => s.rows);
          for (const s of decl.sections) {
            for (const r of s.rows) {
              const inst = rows.find((x) => x.id === r.id);
              assert.ok(inst, `row ${r.id} missing`);
              assert.deepEqual(inst.extra, []);
              if (id !== 'table4') assert.ok(inst.match && ['exact', 'variant'].includes(inst.match.quality), `${r.id}: ${inst.match?.quality}`);
              if (!r.data) continue;
              for (const c of s.columns) {
                const ref = { table: id, section: s.id, row: r.id, column: c.id };
                const cell = table.cells.get(cellKey(ref));
                assert.ok(cell?.source, `cell ${cellKey(ref)} missing`);
                assert.equal(cell.source.text, values(ref), cellKey(ref));
              }
            }
          }
          for (const s of table.sections) for (const h of s.headers) assert.ok(['exact', 'variant'].includes(h.match.quality), h.cell.text);
          const analysis = analyzeTable(table, format);
          assert.ok(analysis.relations.length > 0 || id === 'table2');
          assert.deepEqual(analysis.relations.filter((r) => r.status !== 'holds').map((r) => r.decl.id), []);
        });
      }
    }
  }

  it('blank values parse back as blank cells in every layout', () => {
    for (const format of FORMAT_IDS) {
      for (const id of TABLE_IDS) {
        for (const layout of LAYOUTS) {
          let i = 0;
          const value = () => (i++ % 2 ? '' : '7');
          const table = parseReport(renderTable(format, id, layout, '\n', value), { template: format }).tables[0];
          i = 0;
          for (const s of tableDecl(format, id).sections) {
            for (const r of s.rows.filter((x) => x.data)) {
              for (const c of s.columns) {
                const cell = table.cells.get(cellKey({ table: id, section: s.id, row: r.id, column: c.id }))!;
                const want = value();
                // Written with spaces, a blank cell is a placeholder (nothing would leave no cell).
                const blank = cell.value.kind === 'blank' || (layout === 'spaces' && cell.value.kind === 'placeholder');
                assert.equal(cell.value.kind === 'number' ? String(cell.value.value) : blank ? '' : '?', want, `${format} ${id} ${layout} ${r.id}/${c.id}`);
              }
            }
          }
        }
      }
    }
  });

  it('fills zeros by default and ends every line with the given eol', () => {
    const text = renderTable('2021', 'table4', 'tab', '\r\n');
    assert.equal(text.split('\r\n').length, 5);
    assert.ok(!/\r\n?(?!\n)/.test(text.replace(/\r\n/g, '')));
    assert.equal(text.split('\r\n')[3], new Array(15).fill('0').join('\t'));
    const model = parseReport(text);
    assert.equal(model.tables[0].cells.size, 15);
  });

  it('writes the money unit in the header: 2019 采购总金额（万元）, 2021 本年收费金额（单位：万元）', () => {
    assert.match(renderTable('2019', 'table2', 'markdown', '\n'), /\| 采购总金额（万元） \|/);
    assert.doesNotMatch(renderTable('2019', 'table2', 'markdown', '\n', undefined, { moneyUnit: false }), /采购总金额（/);
    assert.match(renderTable('2021', 'table2', 'pipe-rows', '\n'), /本年收费金额（单位：万元） \|/);
    const model = parseReport(renderTable('2019', 'table2', 'tab', '\n', undefined, { moneyUnit: '元' }));
    assert.equal(model.tables[0].sections.find((s) => s.id === 'item9')!.headers.find((h) => h.column === 'amount')!.unit, '元');
  });

  it('lays Markdown out with a separator under the first row and equal widths', () => {
    const lines = renderTable('2021', 'table3', 'markdown', '\n').trimEnd().split('\n');
    assert.equal(lines[1], `|${'---|'.repeat(tableWidth('2021', 'table3', 'markdown'))}`);
    const widths = new Set(lines.map((l) => l.split('|').length));
    assert.equal(widths.size, 1);
    assert.equal(lines.filter((l) => /^\|-/.test(l)).length, 1);
  });

  it('separates rows by a blank line in indented-cells, and writes one cell a line', () => {
    const text = renderTable('2019', 'table2', 'indented-cells', '\n');
    assert.ok(text.startsWith('\t第二十条第（一）项\n\n\t信息内容\n\t本年新制作数量\n'));
    assert.ok(text.includes('\n\n\t规章\n\t0\n\t0\n\t0\n\n'));
    assert.ok(text.split('\n').every((l) => l === '' || /^\t[^\t]+$/.test(l)));
  });

  it('writes pipe rows without a leading pipe or leading blank cells', () => {
    const text = renderTable('2019', 'table3', 'pipe-rows', '\n');
    assert.ok(text.split('\n').filter((l) => l).every((l) => !/^\s*\|/.test(l) && l.endsWith(' |')));
  });

  it('whole reports in every layout and format give no finding of the table rules', () => {
    const codes: RuleCode[] = ['row-total', 'column-total', 'balance', 'appeal-total', 'empty-cell', 'missing-row', 'missing-table', 'invalid-number', 'unit', 'decimals', 'label'];
    for (const year of [2020, 2021]) {
      for (const layout of LAYOUTS) {
        const format: FormatId = year <= 2020 ? '2019' : '2021';
        const text = report({ year, layout, tables: { table2: consistentValues(format, 'table2'), table3: consistentValues(format, 'table3'), table4: consistentValues(format, 'table4') } });
        const found = findings(text).filter((f) => codes.includes(f.code));
        assert.deepEqual(found.map((f) => `${f.code}: ${f.message}`), [], `${year} ${layout}`);
        assert.equal(parseReport(text).tables.length, 3);
      }
    }
  });
});

describe('renderRow and renderSection', () => {
  it('renders a group label without values and a data row with them', () => {
    assert.equal(renderRow('2021', 'table3', 'main', 'withheld', 'pipe-cells', '\n'), '（三）不予公开 |\n');
    assert.equal(renderRow('2021', 'table3', 'main', 'withheld.law', 'pipe-cells', '\n', () => '1'), `2.其他法律行政法规禁止公开 |\n${'1 |\n'.repeat(7)}`);
    assert.equal(renderRow('2021', 'table3', 'main', 'withheld.law', 'indented-cells', '\n'), `\t2.其他法律行政法规禁止公开\n${'\t0\n'.repeat(7)}`);
    assert.equal(renderRow('2019', 'table2', 'item5', 'licensing', 'pipe-rows', '\n'), '行政许可 | 0 | 0 | 0 |\n');
  });

  it('places the label in the label column of its depth, and follows a given shape', () => {
    assert.equal(renderRow('2021', 'table3', 'main', 'public', 'tab', '\n'), `（一）予以公开\t${new Array(7).fill('0').join('\t')}\n`);
    assert.equal(renderRow('2021', 'table3', 'main', 'public', 'markdown', '\n'), `| | （一）予以公开 | | ${new Array(7).fill('0').join(' | ')} |\n`);
    assert.equal(renderRow('2021', 'table3', 'main', 'withheld.law', 'markdown', '\n'), `| | | 2.其他法律行政法规禁止公开 | ${new Array(7).fill('0').join(' | ')} |\n`);
    assert.equal(renderRow('2021', 'table3', 'main', 'withheld.law', 'tab', '\n', undefined, { labelColumns: 2, trailing: 1 }), `\t2.其他法律行政法规禁止公开\t${new Array(7).fill('0').join('\t')}\t\n`);
    assert.equal(renderRow('2021', 'table3', 'main', 'results', 'tab', '\n', undefined, { labelColumns: 1 }), `三、本年度办理结果${'\t'.repeat(7)}\n`);
    assert.equal(renderRow('2021', 'table3', 'main', 'nope', 'tab', '\n'), '');
  });

  it('renders a table-2 section: caption, header and rows', () => {
    assert.equal(renderSection('2021', 'table2', 'item8', 'pipe-rows', '\n'), '第二十条第（八）项 |\n信息内容 | 本年收费金额（单位：万元） |\n行政事业性收费 | 0 |\n');
    assert.equal(renderSection('2021', 'table2', 'item9', 'tab', '\n'), '');
  });

  it('covers every row of both formats', () => {
    for (const format of FORMAT_IDS) {
      for (const t of FORMATS[format].tables) {
        for (const s of t.sections) for (const r of s.rows) assert.ok(renderRow(format, t.id, s.id, r.id, 'tab', '\n').length > 0, `${format} ${r.id}`);
      }
    }
  });
});
