/**
 * Reports converted from PDF with `pdftotext -layout`: a table's cells wrap within their width, so
 * a group label of table 3 comes out in pieces down its narrow column, a long row label over
 * several lines with its values on the middle one, and table 4's header words over two lines.
 * The fixtures are the tab layout fixtures printed as PDF (the national tables with their merged
 * cells, centred or set at the top of their cells, at full width or narrow) and converted back.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkReport } from '../../server/src/engine/check';
import { applyEdits } from '../../server/src/engine/fixes/apply';
import type { ReportModel } from '../../server/src/engine/model';
import { joinGroupFragments } from '../../server/src/engine/parse/group-fragments';
import { tokenize } from '../../server/src/engine/parse/lines';
import { parseReport } from '../../server/src/engine/parse/parser';
import { computeLineStarts } from '../../server/src/engine/text/positions';
import { readFixture, SEEDS } from '../helpers';

/** Every cell of every table, by key, as written (blank: ''). */
function cells(model: ReportModel): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of model.tables) for (const [key, cell] of t.cells) out[key] ??= cell.source?.text ?? '';
  return out;
}

function rowTexts(model: ReportModel, table: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const t of model.tables.filter((x) => x.id === table)) {
    for (const s of t.sections) for (const r of s.rows) if (r.id) out[r.id] = r.cells.map((c) => c.source?.text ?? '');
  }
  return out;
}

const REPORT = '明湖市测试局2021年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n';

/** A report whose table 3 is `lines`: its text, model, and the cells of each row by id. */
function table3Of(lines: string[]): { text: string; model: ReportModel; rows: Record<string, string[]> } {
  const text = `${REPORT}${lines.join('\n')}\n`;
  const model = parseReport(text);
  return { text, model, rows: rowTexts(model, 'table3') };
}

// Cells centred or set at the top, and a narrow table where a long label takes seven lines.
for (const name of ['2019-centered', '2019-top', '2021-centered', '2021-top', '2021-narrow']) {
  const format = name.slice(0, 4);
  test(`a ${format} report converted with pdftotext -layout (${name.slice(5)}) reads every cell as its tab copy, and finds nothing more`, () => {
    const pdf = checkReport({ text: readFixture(`pdftotext/${name}.txt`) });
    const tab = checkReport({ text: readFixture(`layouts/${format}-tab.txt`) });
    assert.ok(pdf.model.tables.every((t) => t.layout === 'spaces'));
    assert.deepEqual(cells(pdf.model), cells(tab.model));
    assert.deepEqual(pdf.findings.map((f) => f.code), tab.findings.map((f) => f.code));
    assert.equal(pdf.format, format);
  });
}

// The five seeds, their tables printed as the national form (many of their cells blank) and the
// reports converted back: every row is found, and a value is read in a column other than the
// seed's only where the conversion leaves no way to tell (one value in a row, or evenly spaced
// zeros): in a row read as lacking cells, whose fills and derived values are never preferred.
for (const seed of Object.keys(SEEDS) as (keyof typeof SEEDS)[]) {
  test(`seed ${seed} printed to PDF and converted with pdftotext -layout: every row found, no value placed by a guess that a fix would apply`, () => {
    const original = checkReport({ text: readFixture(SEEDS[seed]) });
    const pdf = checkReport({ text: readFixture(`pdftotext/seed-${seed}.txt`) });
    // (The tables were printed with the standard labels: seed 004's mistyped one is not among them.)
    const structural = (r: typeof pdf) => r.findings.filter((f) => ['missing-row', 'missing-table', 'invalid-number'].includes(f.code)).map((f) => f.code);
    assert.deepEqual(structural(pdf), structural(original));
    const rowIds = (r: typeof pdf) => r.model.tables.flatMap((t) => t.sections.flatMap((s) => s.rows.map((x) => x.id))).filter((id) => id !== undefined).sort();
    assert.deepEqual(rowIds(pdf), rowIds(original));
    const read = cells(pdf.model);
    const want = cells(original.model);
    // Where each row with a blank has complete rows beside it, or the whole table's columns are known, every cell is read as the seed's.
    if (['001', '003', '004'].includes(seed)) assert.deepEqual(read, want);
    for (const t of pdf.model.tables) {
      for (const [key, cell] of t.cells) {
        if (read[key] !== want[key]) assert.ok(cell.rowIncomplete, `${key}: ${read[key]} for ${want[key]}`);
      }
    }
  });
}

// The cells left blank in the `-blanks` fixtures: the rest hold the tab copy's values.
const BLANKS = ['table3/main/public/business', 'table3/main/public/ngo', 'table3/main/withheld.secret/natural', 'table3/main/new/total', 'table3/main/carryover/natural', 'table3/main/rejected.petition/legal'];
const TABLE2_BLANKS = { '2019': ['table2/item1/rules/published', 'table2/item6/coercion/lastYear'], '2021': ['table2/item1/rules/repealed', 'table2/item6/coercion/decisions'] };

for (const format of ['2019', '2021'] as const) {
  test(`${format}: blank cells of a pdftotext -layout conversion are read in their columns, from the rows beside them; their fills are offered and write there`, () => {
    const text = readFixture(`pdftotext/${format}-blanks.txt`);
    const pdf = checkReport({ text });
    const tab = cells(parseReport(readFixture(`layouts/${format}-tab.txt`)));
    const blanks = [...BLANKS, ...TABLE2_BLANKS[format]];
    assert.deepEqual(cells(pdf.model), { ...tab, ...Object.fromEntries(blanks.map((k) => [k, ''])) });
    const fills = pdf.findings.filter((f) => f.code === 'empty-cell');
    assert.equal(fills.length, blanks.length);
    // The columns come from the rows beside, not from the whole table: a guess, never applied unasked.
    assert.ok(fills.every((f) => f.fixes.every((x) => !x.preferred)));
    const part3 = text.split('\n').findIndex((l) => l.startsWith('三、收到和处理'));
    const table3 = fills.filter((f) => f.range.start.line > part3).flatMap((f) => f.fixes[0].edits);
    const fixed = cells(parseReport(applyEdits(text, table3)));
    for (const key of Object.keys(tab).filter((k) => k.startsWith('table3/'))) assert.equal(fixed[key], tab[key], key);
  });
}

test('a group label wrapped down its column is read as its row, its pieces taken out of the rows beside it', () => {
  const { text, model, rows } = table3Of([
    '     一、本年新收政府信息公开申请数量             29    6  1    0   1   1   38',
    '三、本年         （一）予以公开              11    4  1    0   0   1   17',
    '度办理结  （二）部分公开（区分处理的，只计这一情',
    '  果                               3    0   0   0   1    0   4',
    '           形，不计其他情形）',
    // Pieces on lines of their own, a row's label between them; one space before a row's label.
    '          （六）其',
    '               2.申请人逾期未按收费通知要求缴',
    '           他处理',
    '               纳费用、行政机关不再处理其政府        0        0    0    0   0   0   0',
    '                       信息公开申请',
    '（四）无法 2.没有现成信息需要另行',
    '                                   1     0       0    0   0   0   1',
    '提供         制作',
  ]);
  assert.deepEqual(rows.public, ['11', '4', '1', '0', '0', '1', '17']);
  assert.deepEqual(rows.partial, ['3', '0', '0', '0', '1', '0', '4']);
  assert.deepEqual(rows['other.noFee'], Array(7).fill('0'));
  assert.deepEqual(rows['unable.create'], ['1', '0', '0', '0', '0', '0', '1']);
  const groups = model.tables.flatMap((t) => t.sections.flatMap((s) => s.rows)).filter((r) => ['results', 'other', 'unable'].includes(r.id ?? ''));
  assert.deepEqual(groups.map((r) => [r.id, r.label?.text]), [['results', '三、本年度办理结果'], ['other', '（六）其他处理'], ['unable', '（四）无法提供']]);
  // The group's label spans its pieces, first to last.
  const results = groups[0].label!;
  assert.equal(text.slice(results.start, results.start + 4), '三、本年');
  assert.equal(text.slice(results.end - 1, results.end), '果');
  assert.ok(!checkReport({ text }).findings.some((f) => f.code === 'label' || f.code === 'invalid-number'));
});

test('a row label wrapped around the line of its values is joined onto that line', () => {
  const { model, rows } = table3Of([
    '     一、本年新收政府信息公开申请数量             29    6  1    0   1   1   38',
    '               5.要求行政机关确认或重新出具已',
    '                                      0        0    0    0   0   0   0',
    '                        获取信息',
    '               1.申请人无正当理由逾期不补正、',
    '               行政机关不再处理其政府信息公开        1        0    0    0   0   0   1',
    '                          申请',
  ]);
  assert.deepEqual(rows['rejected.confirm'], Array(7).fill('0'));
  assert.deepEqual(rows['other.noCorrection'], ['1', '0', '0', '0', '0', '0', '1']);
  const row = model.tables[0].sections[0].rows.find((r) => r.id === 'other.noCorrection')!;
  assert.equal(row.label?.parts?.length, 3);
  assert.equal(row.cells[0].source!.line, 7);
});

test('cells set at the top: the pieces of a group label before the rows\' labels, an ordinal alone as the first, a row label ending over two lines', () => {
  const { model, rows } = table3Of([
    '     一、本年新收政府信息公开申请数量             29    6  1    0   1   1   38',
    '      （三）   4.保护第三',
    '                     1    1   0   0   0   0   2',
    '      不予公   方合法权益',
    '       开    5.属于三类',
    '            内部事务信    0    0   0   0   0   0   0',
    '               息',
    '         （六）其 1.申请人无正当理由逾期不补正、      1        0    0    0   0   0   1',
    '          他处理 行政机关不再处理其政府信息公开',
    '                         申请',
  ]);
  assert.deepEqual(rows['withheld.third'], ['1', '1', '0', '0', '0', '0', '2']);
  assert.deepEqual(rows['withheld.internal'], Array(7).fill('0'));
  assert.deepEqual(rows['other.noCorrection'], ['1', '0', '0', '0', '0', '0', '1']);
  const labels = model.tables.flatMap((t) => t.sections.flatMap((s) => s.rows)).map((r) => r.label?.text);
  assert.ok(labels.includes('（三）不予公开') && labels.includes('（六）其他处理'), labels.join(' / '));
});

test('short words at the start of lines stay where they are unless they make a group label, in a table written with spaces', () => {
  const pieces = (text: string) => {
    const lines = tokenize(text, computeLineStarts(text));
    const groups = joinGroupFragments(text, lines);
    return { groups: [...groups.values()].map((c) => c.text), lines: lines.map((l) => l.cells.map((c) => c.text)) };
  };
  const spaced = ['三、本年         （一）予以公开              11    4  1    0   0   1   17', '度办理  （二）部分公开   3    0   0   0   1    0   4'].join('\n');
  const before = tokenize(spaced, computeLineStarts(spaced)).map((l) => l.cells.map((c) => c.text));
  assert.deepEqual(pieces(spaced), { groups: [], lines: before });
  // A whole group label, but no table written with spaces beside it: one cell a line, as Word exports give.
  const cellsALine = ['三、本年', '度办理结', '果', '（一）予以公开', '11'].join('\n');
  assert.deepEqual(pieces(cellsALine).groups, []);
});
