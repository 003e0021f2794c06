/**
 * The "2021 format" (国办公开办函〔2021〕30号), used for report years 2021 and later.
 */
import { TABLE3_COLUMNS, TABLE3_HEADER_LABELS, TABLE3_ROWS_2021 } from './table3';
import { TABLE4_COLUMNS, TABLE4_HEADER_LABELS, TABLE4_ROWS } from './table4';
import type { ColumnDecl, TableDecl } from './types';

const decisions: ColumnDecl = { id: 'decisions', label: '本年处理决定数量', kind: 'count' };

/** Tables 2, 3 and 4 of the 2021 format. */
export const TABLES_2021: TableDecl[] = [
  {
    id: 'table2', part: 2,
    title: { zh: '主动公开政府信息情况', en: 'Proactive disclosure' },
    headerLabels: ['信息内容'],
    sections: [
      {
        id: 'item1', caption: '第二十条第（一）项',
        columns: [
          { id: 'issued', label: '本年制发件数', kind: 'count' },
          { id: 'repealed', label: '本年废止件数', kind: 'count' },
          { id: 'inForce', label: '现行有效件数', kind: 'count' },
        ],
        rows: [
          { id: 'rules', label: '规章', data: true, explain: { zh: '规章的本年制发、废止和现行有效件数。', en: 'Rules (规章) issued, repealed and in force.' } },
          { id: 'normative', label: '行政规范性文件', data: true, explain: { zh: '行政规范性文件的本年制发、废止和现行有效件数。', en: 'Administrative normative documents issued, repealed and in force.' } },
        ],
      },
      {
        id: 'item5', caption: '第二十条第（五）项',
        columns: [decisions],
        rows: [
          { id: 'licensing', label: '行政许可', data: true, explain: { zh: '本年作出的行政许可处理决定数量。', en: 'Administrative licensing decisions this year.' } },
        ],
      },
      {
        id: 'item6', caption: '第二十条第（六）项',
        columns: [decisions],
        rows: [
          { id: 'penalty', label: '行政处罚', data: true, explain: { zh: '本年作出的行政处罚决定数量。', en: 'Administrative penalty decisions this year.' } },
          { id: 'coercion', label: '行政强制', data: true, explain: { zh: '本年作出的行政强制决定数量。', en: 'Administrative coercion decisions this year.' } },
        ],
      },
      {
        id: 'item8', caption: '第二十条第（八）项',
        columns: [{ id: 'feeAmount', label: '本年收费金额', variants: ['本年收费金额（单位：万元）'], kind: 'money', unit: '万元' }],
        rows: [
          { id: 'fees', label: '行政事业性收费', data: true, explain: { zh: '本年行政事业性收费金额（万元）。', en: 'Administrative fees collected this year, in 万元.' } },
        ],
      },
    ],
  },
  {
    id: 'table3', part: 3,
    title: { zh: '收到和处理政府信息公开申请情况', en: 'Applications received and handled' },
    headerLabels: TABLE3_HEADER_LABELS,
    sections: [{ id: 'main', columns: TABLE3_COLUMNS, rows: TABLE3_ROWS_2021 }],
  },
  {
    id: 'table4', part: 4,
    title: { zh: '政府信息公开行政复议、行政诉讼情况', en: 'Administrative reviews and lawsuits' },
    headerLabels: TABLE4_HEADER_LABELS,
    sections: [{ id: 'main', columns: TABLE4_COLUMNS, rows: TABLE4_ROWS }],
  },
];
