/**
 * Builds syntaxes/gkreport.tmLanguage.json (scope `text.gkreport`): part headings, table-2
 * captions, table-3 row labels, column labels, numbers, units, placeholders, the statistics-period
 * sentence and disable comments. The regular expressions are Oniguruma (VS Code's engine).
 * `npm run generate-grammar` writes the file; test/client/grammar.test.ts checks it is current and
 * tokenizes the layout fixtures with it.
 */
import { RULES } from '../server/src/engine/rules/registry';

const R = String.raw;
const D = R`[0-9０-９]`;
// Start of a cell: start of line (after optional indentation), or right after a tab or pipe.
const CELL = R`(?:^|(?<=[\t|]))[ \t\u3000]*`;
const CELL_END = R`(?=[ \t\u3000]*(?:[\t|]|$))`;
const DATE = R`${D}{4}\s*年\s*${D}{1,2}\s*月\s*${D}{1,2}\s*日`;
const NUM = R`(?:${D}{1,3}(?:[,，]${D}{3})+|${D}+)(?:[.．]${D}+)?`;

const row3 = [
  R`[一二三四]\s*[、.．]\s*(?:本年新收政府信息公开申请数量?|上年结转政府信息公开申请数量?|本年度办理结果|结转下年度继续办理)`,
  R`[（(]\s*[一二三四五六七]\s*[）)]\s*(?:予以公开|部分公开(?:\s*[（(][^）)\t|]*[）)])?|不予公开|无法提供|不予处理|其他处理|总计)`,
  R`[1-8１-８]\s*[.、．]\s*(?:属于国家秘密|其他法律(?:行政)?法规禁止公开|危及\s*[“"”]?三安全一稳定[”"“]?|保护第三方合法权益|属于三类内[部容]事务信息|属于四类过程性信息|属于行政执法案卷|属于行政查询事项|本机关不掌握相关政府信息|没有现成信息需要另行制作|补正后申请内容仍不明确|信访举报投诉类申请|重复申请|要求提供公开出版物|无正当理由大量反复申请|要求行政机关确认或重新出具已获取信息|申请人无正当理由逾期不补正[^\t|]*|申请人逾期未按收费通知要求缴纳费用[^\t|]*|其他${CELL_END})`,
];
const row2 = R`规章|行政规范性文件|规范性文件|行政许可|其他对外管理服务事项|行政处罚|行政强制|行政事业性收费|政府集中采购`;
const columns = R`自然人|商业企业|科研机构|社会公益组织|法律服务机构|其他|总计|申请人情况|法人或其他组织|信息内容|本年制发件数|本年废止件数|现行有效件数|本年新制作数量|本年新公开数量|对外公开总数量|上一年项目数量|本年增\s*[/／]\s*减|本年增减|本年增加\s*[/／]\s*减少|本年处理决定数量|处理决定数量|本年收费金额|采购项目数量|采购总金额|行政复议|行政诉讼|未经复议直接起诉|复议后起诉|结果维持|结果纠正|其他结果|尚未审结`;
const parts = R`总体情况|概述|基本情况|主动公开|收到和处理|申请情况|行政复议|行政诉讼|问题|改进|其他需要报告|其他事项`;
const codes = RULES.map((r) => r.code).join('|');

/** The grammar as a JSON-ready object. */
export function buildGrammar(): object {
  return {
    $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
    name: 'gkreport',
    scopeName: 'text.gkreport',
    fileTypes: ['gkreport'],
    patterns: [
      { include: '#comment' },
      { include: '#part-heading' },
      { include: '#markdown-heading' },
      { include: '#table-separator' },
      { include: '#period' },
      { include: '#caption' },
      { include: '#note' },
      { include: '#row-label' },
      { include: '#column-label' },
      { include: '#unit-header' },
      { include: '#placeholder' },
      { include: '#date' },
      { include: '#number' },
      { include: '#pipe' },
    ],
    repository: {
      comment: {
        name: 'comment.block.gkreport',
        begin: '<!--',
        end: '-->',
        beginCaptures: { 0: { name: 'punctuation.definition.comment.begin.gkreport' } },
        endCaptures: { 0: { name: 'punctuation.definition.comment.end.gkreport' } },
        patterns: [
          { match: R`\bgkreport-(?:disable-next-line|disable-line|disable-file|disable|enable)\b`, name: 'keyword.control.directive.gkreport' },
          { match: R`(?<![\w-])(?:${codes})(?![\w-])`, name: 'constant.language.rule-code.gkreport' },
        ],
      },
      'part-heading': {
        name: 'markup.heading.part.gkreport',
        match: R`^[ \t\u3000]*(#{1,6}[ \t]*)?((?:\*\*|__)?)[ \t\u3000]*([一二三四五六])[ \t\u3000]*[、.．][ \t\u3000]*([^\t|。；]*?(?:${parts})[^\t|。；]*?)[ \t\u3000]*((?:\*\*|__)?)[ \t\u3000]*$`,
        captures: {
          1: { name: 'punctuation.definition.heading.gkreport' },
          2: { name: 'punctuation.definition.bold.gkreport' },
          3: { name: 'constant.numeric.ordinal.gkreport' },
          4: { name: 'entity.name.section.gkreport' },
          5: { name: 'punctuation.definition.bold.gkreport' },
        },
      },
      'markdown-heading': {
        name: 'markup.heading.gkreport',
        match: R`^[ \t]*(#{1,6})[ \t]+(.*)$`,
        captures: { 1: { name: 'punctuation.definition.heading.gkreport' }, 2: { name: 'entity.name.section.gkreport' } },
      },
      'table-separator': {
        name: 'punctuation.separator.table.gkreport',
        match: R`^[ \t]*\|?(?:[ \t]*:?-{3,}:?[ \t]*\|)+(?:[ \t]*:?-{3,}:?[ \t]*)?$`,
      },
      period: {
        name: 'meta.period.gkreport',
        match: R`(统计(?:期限|时限|时间|期间)|数据(?:时限|期限))([^。\n\t|]{0,20}?)(${DATE})(\s*起?\s*[,，]?\s*(?:至|到|~|～|-|－|—|–|——)\s*)(${DATE})(\s*止)?`,
        captures: {
          1: { name: 'keyword.other.period.gkreport' },
          3: { name: 'constant.numeric.date.gkreport' },
          4: { name: 'keyword.operator.range.gkreport' },
          5: { name: 'constant.numeric.date.gkreport' },
          6: { name: 'keyword.operator.range.gkreport' },
        },
      },
      caption: {
        name: 'entity.name.section.caption.gkreport',
        match: R`第二十条第\s*[（(]\s*[一二三四五六七八九十]\s*[）)]\s*项`,
      },
      note: {
        name: 'comment.line.note.gkreport',
        match: R`[（(]?本列数据的勾稽关系为[:：][^）)\t|]*[）)]?`,
      },
      'row-label': {
        patterns: [
          ...row3.map((r) => ({ name: 'entity.name.type.row-label.gkreport', match: r })),
          { match: R`${CELL}(${row2})${CELL_END}`, captures: { 1: { name: 'entity.name.type.row-label.gkreport' } } },
        ],
      },
      'column-label': {
        match: R`${CELL}(${columns})((?:[ \t]*[（(][^）)\t|]*[）)])?)${CELL_END}`,
        captures: {
          1: { name: 'entity.other.attribute-name.column-label.gkreport' },
          2: { patterns: [{ include: '#unit-header' }] },
        },
      },
      'unit-header': {
        name: 'meta.unit.gkreport',
        match: R`[（(]\s*(?:单位\s*[:：]\s*)?(万元|元)(?:\s*[,，、;；]?\s*(保留\s*${D}+\s*位小数))?\s*[）)]`,
        captures: { 1: { name: 'keyword.other.unit.gkreport' }, 2: { name: 'keyword.other.decimals.gkreport' } },
      },
      placeholder: {
        match: R`${CELL}(/|／|-|－|—|——|–|无|不适用)${CELL_END}`,
        captures: { 1: { name: 'constant.language.placeholder.gkreport' } },
      },
      number: {
        patterns: [
          {
            match: R`(?<![0-9０-９.．A-Za-z_])((?:(?<=^|[\t| \u3000])[+\-＋－])?${NUM})(?:[ \t]*(万元|元|件))?`,
            captures: { 1: { name: 'constant.numeric.gkreport' }, 2: { name: 'keyword.other.unit.gkreport' } },
          },
        ],
      },
      date: { name: 'constant.numeric.date.gkreport', match: DATE },
      pipe: { name: 'punctuation.separator.table.gkreport', match: R`\|` },
    },
  };
}

/** The text of syntaxes/gkreport.tmLanguage.json. */
export function grammarJson(): string {
  return JSON.stringify(buildGrammar(), null, 2) + '\n';
}
