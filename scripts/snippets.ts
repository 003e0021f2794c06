/**
 * Builds snippets/gkreport.json: the six-part report skeleton, tables 2, 3 and 4 of both national
 * formats in the Markdown and tab layouts (rendered by the engine's table renderer and filled with
 * zeros, so that an inserted table checks clean), and the disable comments.
 * `npm run generate-snippets` writes the file; test/client/snippets.test.ts checks it is current.
 */
import { RULES } from '../server/src/engine/rules/registry';
import { renderTable } from '../server/src/engine/render';
import type { TableId } from '../server/src/engine/template/types';
import type { TableLayout } from '../server/src/engine/model';
import type { FormatId } from '../server/src/engine/types';

export interface Snippet {
  prefix: string[];
  description: string;
  body: string[];
}

/** Escapes text for a snippet body: `$`, `\` and `}` are syntax there. */
export function escapeSnippet(text: string): string {
  return text.replace(/[\\$}]/g, (c) => '\\' + c);
}

const TABLE_NAMES: Record<TableId, { zh: string; en: string; title: string }> = {
  table2: { zh: '表二', en: 'Table 2', title: '主动公开政府信息情况' },
  table3: { zh: '表三', en: 'Table 3', title: '收到和处理政府信息公开申请情况' },
  table4: { zh: '表四', en: 'Table 4', title: '政府信息公开行政复议、行政诉讼情况' },
};
const LAYOUT_NAMES: Record<'markdown' | 'tab', { zh: string; en: string; prefix: string }> = {
  markdown: { zh: 'Markdown 表格', en: 'Markdown table', prefix: 'markdown' },
  tab: { zh: '制表符分隔', en: 'tab-separated', prefix: 'tab' },
};
const PART_HEADINGS = [
  '一、总体情况',
  '二、主动公开政府信息情况',
  '三、收到和处理政府信息公开申请情况',
  '四、政府信息公开行政复议、行政诉讼情况',
  '五、存在的主要问题及改进情况',
  '六、其他需要报告的事项',
];
/** Default report year of a skeleton, per format. */
const SKELETON_YEAR: Record<FormatId, number> = { '2019': 2020, '2021': 2024 };

/** The lines of a snippet body for a block of text (the last line break dropped). */
function lines(text: string): string[] {
  return text.replace(/\r?\n$/, '').split('\n');
}

function table(format: FormatId, id: TableId, layout: 'markdown' | 'tab'): string {
  return escapeSnippet(renderTable(format, id, layout as TableLayout, '\n'));
}

function skeleton(format: FormatId, layout: 'markdown' | 'tab'): string[] {
  const h = layout === 'markdown' ? '## ' : '';
  const year = SKELETON_YEAR[format];
  const body: string[] = [
    `${layout === 'markdown' ? '# ' : ''}\${1:XX市XX局}\${2:${year}}年政府信息公开工作年度报告`,
    '',
    '本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）要求编制。本报告中所列数据的统计期限自$2年1月1日起至$2年12月31日止。',
    '',
  ];
  const narrative: Record<number, string> = {
    1: '${3:（主动公开、依申请公开、政府信息管理、平台建设、监督保障等情况。）}',
    5: '${4:（存在的主要问题及改进情况。）}',
    6: '${5:（其他需要报告的事项，如收取信息处理费的情况。）}',
  };
  const tables: Record<number, TableId> = { 2: 'table2', 3: 'table3', 4: 'table4' };
  PART_HEADINGS.forEach((heading, i) => {
    const part = i + 1;
    body.push(h + heading, '');
    if (tables[part]) body.push(...lines(table(format, tables[part], layout)), '');
    else body.push(narrative[part], '');
  });
  body.push('$1', `\${6:${year + 1}年1月20日}`, '$0');
  return body;
}

/** Every snippet, keyed by its name. */
export function buildSnippets(): Record<string, Snippet> {
  const out: Record<string, Snippet> = {};
  for (const format of ['2021', '2019'] as FormatId[]) {
    for (const layout of ['markdown', 'tab'] as const) {
      const ln = LAYOUT_NAMES[layout];
      out[`年报框架（${format} 格式，${ln.zh}） / Report skeleton (${format} format, ${ln.en})`] = {
        prefix: [`gkreport-skeleton-${format}-${ln.prefix}`, `年报框架-${format}-${ln.prefix}`],
        description: `政府信息公开工作年度报告六部分框架，含 ${format} 格式表二、表三、表四（全部填 0）。Six-part report skeleton with tables 2–4 of the ${format} format, filled with zeros.`,
        body: skeleton(format, layout),
      };
      for (const id of ['table2', 'table3', 'table4'] as TableId[]) {
        const tn = TABLE_NAMES[id];
        const n = id.slice(-1);
        out[`${tn.zh}（${format} 格式，${ln.zh}） / ${tn.en} (${format} format, ${ln.en})`] = {
          prefix: [`gkreport-table${n}-${format}-${ln.prefix}`, `${tn.zh}-${format}-${ln.prefix}`],
          description: `${format} 格式${tn.zh}（${tn.title}），${ln.zh}，全部填 0。${tn.en} of the ${format} format, ${ln.en}, filled with zeros.`,
          body: [...lines(table(format, id, layout)), '$0'],
        };
      }
    }
  }
  const codes = RULES.map((r) => r.code).join(',');
  out['停用下一行的检查 / Disable checks on the next line'] = {
    prefix: ['gkreport-disable-next-line', '停用下一行检查'],
    description: '下一行不报告所选规则。The next line does not report the chosen rule.',
    body: [`<!-- gkreport-disable-next-line \${1|${codes}|} -->`, '$0'],
  };
  out['停用本行的检查 / Disable checks on this line'] = {
    prefix: ['gkreport-disable-line', '停用本行检查'],
    description: '所在行不报告所选规则。The line of the comment does not report the chosen rule.',
    body: [`<!-- gkreport-disable-line \${1|${codes}|} -->$0`],
  };
  out['停用一段的检查 / Disable checks in a block'] = {
    prefix: ['gkreport-disable', '停用检查'],
    description: '在 disable 与 enable 注释之间不报告所选规则。The chosen rule is not reported between the two comments.',
    body: [`<!-- gkreport-disable \${1|${codes}|} -->`, '${TM_SELECTED_TEXT}$0', '<!-- gkreport-enable -->'],
  };
  out['停用整个文件的检查 / Disable checks in the whole file'] = {
    prefix: ['gkreport-disable-file', '停用文件检查'],
    description: '整个文件不报告任何规则。No rule reports anything in this file.',
    body: ['<!-- gkreport-disable-file -->', '$0'],
  };
  return out;
}

/** The text of snippets/gkreport.json. */
export function snippetsJson(): string {
  return JSON.stringify(buildSnippets(), null, 2) + '\n';
}
