/**
 * What an editor reads from a document before inserting a standard table (year, format, layout,
 * the tables it lacks), and the table rendered there checking clean.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkReport, parseReport } from '../../server/src/engine';
import { documentFacts, guessLayout } from '../../server/src/engine/facts';
import { renderTable } from '../../server/src/engine/render';
import { blockInsertion } from '../../client/src/documents';
import { readFixture } from '../helpers';

const LAYOUTS = ['tab', 'markdown', 'pipe-cells', 'pipe-rows', 'indented-cells', 'spaces'] as const;

/** A fixture without its part 四 table: from the heading of part 四 to the heading of part 五. */
function withoutTable4(text: string): { text: string; offset: number } {
  const start = text.search(/^#*[ \t]*四、政府信息公开/m);
  const end = text.search(/^#*[ \t]*五、存在/m);
  const heading = text.indexOf('\n', start) + 1;
  return { text: text.slice(0, heading) + '\n' + text.slice(end), offset: heading + 1 };
}

describe('document facts', () => {
  for (const format of ['2019', '2021'] as const) {
    for (const layout of LAYOUTS) {
      it(`reads year, format and layout of the ${format} ${layout} fixture`, () => {
        const facts = documentFacts(readFixture(`layouts/${format}-${layout}.txt`), 'plaintext');
        assert.equal(facts.format, format);
        assert.equal(facts.year, format === '2019' ? 2020 : 2021);
        assert.equal(facts.layout, layout);
        assert.deepEqual(facts.tables, ['table2', 'table3', 'table4']);
      });

      it(`inserts a missing table 4 into the ${format} ${layout} fixture in its layout, without findings`, () => {
        const { text, offset } = withoutTable4(readFixture(`layouts/${format}-${layout}.txt`));
        const facts = documentFacts(text, 'plaintext');
        assert.equal(facts.table, 'table4');
        assert.ok(checkReport({ text }).findings.some((f) => f.code === 'missing-table'));
        const block = renderTable(facts.format, facts.table, facts.layout, facts.eol);
        const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
        const insertion = blockInsertion(block, facts.eol, text.slice(lineStart, offset));
        const inserted = text.slice(0, offset) + insertion + text.slice(offset);
        const model = parseReport(inserted);
        const table4 = model.tables.find((t) => t.id === 'table4');
        assert.equal(table4?.layout, layout);
        const first = inserted.slice(0, offset).split('\n').length - 1;
        const last = first + insertion.split('\n').length - 1;
        const findings = checkReport({ text: inserted, model }).findings;
        assert.deepEqual(
          findings.filter((f) => f.code === 'missing-table' || (f.range.start.line >= first && f.range.start.line < last)).map((f) => `${f.code}: ${f.message}`),
          [],
        );
      });
    }
  }

  it('follows gkreport.format, else the report year, else the tables', () => {
    const text = readFixture('layouts/2021-markdown.txt');
    assert.equal(documentFacts(text, 'markdown', '2019').format, '2019');
    assert.equal(documentFacts(text.replace(/2021年/g, '2020年'), 'markdown').format, '2019');
    assert.equal(documentFacts('', 'markdown').format, '2021');
    assert.equal(documentFacts('', 'markdown').table, 'table2');
  });

  it('guesses the layout of a document without a recognised table', () => {
    assert.equal(guessLayout('', 'markdown'), 'markdown');
    assert.equal(guessLayout('', 'plaintext'), 'tab');
    assert.equal(guessLayout('# 标题\n\n## 一、总体情况', 'plaintext'), 'markdown');
    assert.equal(guessLayout('| a | b |\n|---|---|\n| 1 | 2 |', 'plaintext'), 'markdown');
    assert.equal(guessLayout('名称\t数量\t备注\n甲\t1\t2\n乙\t3\t4', 'markdown'), 'tab');
    assert.equal(guessLayout('名称 | 数量 | 备注 |\n甲 | 1 | 2 |\n乙 | 3 | 4 |', 'plaintext'), 'pipe-rows');
    assert.equal(guessLayout('名称 |\n数量 |\n甲 |\n1 |', 'plaintext'), 'pipe-cells');
    assert.equal(documentFacts('a\r\nb', 'plaintext').eol, '\r\n');
  });
});
