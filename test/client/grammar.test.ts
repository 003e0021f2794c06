/**
 * The TextMate grammar: current with scripts/grammar.ts, and tokenizing the report's structure —
 * every standard label of both formats, part headings, numbers, units, placeholders, the period
 * sentence and disable comments — with vscode-textmate and Oniguruma, as VS Code does.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { grammarJson } from '../../scripts/grammar';
import { FORMATS, PARTS } from '../../server/src/engine/template';
import { repoRoot } from '../helpers';
import { textsWithScope, tokenize } from './tokenize';

const ROW = 'entity.name.type.row-label';
const COLUMN = 'entity.other.attribute-name.column-label';
const HEADING = 'markup.heading.part';

async function scoped(line: string, scope: string): Promise<string> {
  return textsWithScope(await tokenize(line), scope).join('');
}

describe('grammar', () => {
  it('the committed syntaxes/gkreport.tmLanguage.json is what scripts/grammar.ts builds (npm run generate-grammar)', () => {
    assert.equal(readFileSync(join(repoRoot(), 'syntaxes', 'gkreport.tmLanguage.json'), 'utf8'), grammarJson());
  });

  it('marks every standard row label of both formats, in tab, Markdown and one-cell-a-line layouts', async () => {
    for (const format of Object.values(FORMATS)) {
      for (const table of format.tables) {
        for (const section of table.sections) {
          for (const row of section.rows) {
            if (!row.label) continue;
            for (const line of [`${row.label}\t0\t0`, `| | ${row.label} | 0 | 0 |`, `${row.label} |`, `\t${row.label}`]) {
              assert.equal((await scoped(line, ROW)).trim(), row.label, `${format.id} ${table.id} ${line}`);
            }
          }
        }
      }
    }
  });

  it('marks every standard column label of both formats', async () => {
    for (const format of Object.values(FORMATS)) {
      for (const table of format.tables) {
        const labels = [...table.sections.flatMap((s) => s.columns.map((c) => c.label)), ...table.headerLabels.filter((l) => !l.includes('勾稽'))];
        for (const label of new Set(labels)) {
          assert.equal(await scoped(`信息内容\t${label}\t`, COLUMN), `信息内容${label}`, `${format.id} ${table.id} ${label}`);
          assert.equal(await scoped(`| ${label} | |`, COLUMN), label);
        }
      }
    }
    assert.equal(await scoped('本年收费金额（单位：万元）\t', 'keyword.other.unit'), '万元');
    assert.equal(await scoped('采购总金额（单位：万元，保留4位小数）\t', 'keyword.other.decimals'), '保留4位小数');
    assert.match(await scoped('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t\t申请人情况', 'comment.line.note'), /勾稽关系/);
  });

  it('marks part headings with or without Markdown and bold marks, but not table-3 row labels', async () => {
    for (const part of PARTS) {
      for (const heading of [part.heading, ...part.variants]) {
        for (const line of [heading, `## ${heading}`, `**${heading}**`, `  ${heading}`]) {
          const tokens = await tokenize(line);
          assert.ok(textsWithScope(tokens, HEADING).join('').includes(heading.slice(2)), line);
        }
      }
    }
    for (const label of ['一、本年新收政府信息公开申请数量', '四、结转下年度继续办理', '三、本年度办理结果']) {
      assert.equal(await scoped(label, HEADING), '', label);
      assert.equal(await scoped(label, ROW), label);
    }
    assert.equal(await scoped('1.加强组织领导，完善工作机制。', ROW), '');
  });

  it('marks numbers (signed, decimal, grouped, full-width) and their units', async () => {
    assert.deepEqual(textsWithScope(await tokenize('行政许可\t8\t+6\t-1\t1,234.50\t１２３'), 'constant.numeric'), ['8', '+6', '-1', '1,234.50', '１２３']);
    assert.deepEqual(textsWithScope(await tokenize('共收到申请38件，采购251000元，收费4.5万元'), 'constant.numeric'), ['38', '251000', '4.5']);
    assert.deepEqual(textsWithScope(await tokenize('共收到申请38件，采购251000元，收费4.5万元'), 'keyword.other.unit'), ['件', '元', '万元']);
  });

  it('marks placeholders standing alone in a cell', async () => {
    assert.deepEqual(textsWithScope(await tokenize('规章\t/\t—\t无\t不适用\t-'), 'constant.language.placeholder'), ['/', '—', '无', '不适用', '-']);
    assert.deepEqual(textsWithScope(await tokenize('| 规章 | / | 0 | — |'), 'constant.language.placeholder'), ['/', '—']);
    assert.deepEqual(textsWithScope(await tokenize('无 |'), 'constant.language.placeholder'), ['无']);
    assert.deepEqual(textsWithScope(await tokenize('本机关无此类情况'), 'constant.language.placeholder'), []);
  });

  it('marks the statistics-period sentence and its dates', async () => {
    const tokens = await tokenize('本报告中所列数据的统计期限自2020年1月1日起至2020年12月31日止。');
    assert.deepEqual(textsWithScope(tokens, 'constant.numeric.date'), ['2020年1月1日', '2020年12月31日']);
    assert.match(textsWithScope(tokens, 'meta.period').join(''), /^统计期限自2020年1月1日起至2020年12月31日止$/);
    assert.deepEqual(textsWithScope(await tokenize('统计时限为2021 年 1 月 1 日至 2021 年 12 月 31 日'), 'constant.numeric.date'), ['2021 年 1 月 1 日', '2021 年 12 月 31 日']);
  });

  it('marks disable comments: directive and rule codes', async () => {
    const tokens = await tokenize('<!-- gkreport-disable-next-line row-total, empty-cell -->');
    assert.deepEqual(textsWithScope(tokens, 'keyword.control.directive'), ['gkreport-disable-next-line']);
    assert.deepEqual(textsWithScope(tokens, 'constant.language.rule-code'), ['row-total', 'empty-cell']);
    assert.equal(textsWithScope(tokens, 'comment.block').join(''), '<!-- gkreport-disable-next-line row-total, empty-cell -->');
    const multi = await tokenize('<!--\ngkreport-disable-file\n-->\n规章\t0');
    assert.deepEqual(textsWithScope(multi, 'keyword.control.directive'), ['gkreport-disable-file']);
    assert.deepEqual(textsWithScope(multi, ROW), ['规章']);
  });

  it('tokenizes every layout fixture with labels, numbers and headings', async () => {
    const dir = join(repoRoot(), 'test', 'fixtures', 'layouts');
    for (const name of ['2019-tab.txt', '2021-markdown.txt', '2019-pipe-cells.txt', '2021-indented-cells.txt', '2019-pipe-rows.txt']) {
      const tokens = await tokenize(readFileSync(join(dir, name), 'utf8'));
      const headingLines = tokens.filter((line) => line.some((t) => t.scopes.some((s) => s.startsWith(HEADING))));
      assert.equal(headingLines.length, 6, name);
      assert.ok(textsWithScope(tokens, ROW).length >= 25, name);
      assert.ok(textsWithScope(tokens, 'constant.numeric').length >= 100, name);
    }
  });
});
