/**
 * The "2019 format" (格式（试行）, 国办公开办函〔2019〕60号), used for report years 2019 and 2020.
 */
import { TABLE3_COLUMNS, TABLE3_HEADER_LABELS, TABLE3_ROWS_2019 } from './table3';
import { TABLE4_COLUMNS, TABLE4_HEADER_LABELS, TABLE4_ROWS } from './table4';
import type { ColumnDecl, TableDecl } from './types';

const lastYear: ColumnDecl = { id: 'lastYear', label: '上一年项目数量', kind: 'count' };
const change: ColumnDecl = { id: 'change', label: '本年增/减', variants: ['本年增减', '本年增加/减少'], kind: 'signed' };
const decisions: ColumnDecl = { id: 'decisions', label: '处理决定数量', kind: 'count' };

/** Tables 2, 3 and 4 of the 2019 format. */
export const TABLES_2019: TableDecl[] = [
  {
    id: 'table2', part: 2,
    title: { zh: '主动公开政府信息情况', en: 'Proactive disclosure' },
    headerLabels: ['信息内容'],
    sections: [
      {
        id: 'item1', caption: '第二十条第（一）项',
        columns: [
          { id: 'made', label: '本年新制作数量', kind: 'count' },
          { id: 'published', label: '本年新公开数量', kind: 'count' },
          { id: 'inForce', label: '对外公开总数量', kind: 'count' },
        ],
        rows: [
          { id: 'rules', label: '规章', data: true, explain: { zh: '规章的制作、公开和对外公开总数。', en: 'Rules (规章) made, published and in the public total.' } },
          { id: 'normative', label: '规范性文件', variants: ['行政规范性文件'], data: true, explain: { zh: '规范性文件的制作、公开和对外公开总数。', en: 'Normative documents made, published and in the public total.' } },
        ],
      },
      {
        id: 'item5', caption: '第二十条第（五）项',
        columns: [lastYear, change, decisions],
        rows: [
          { id: 'licensing', label: '行政许可', data: true, explain: { zh: '行政许可事项数量及本年处理决定数量。', en: 'Administrative licensing items and decisions.' } },
          { id: 'otherServices', label: '其他对外管理服务事项', data: true, explain: { zh: '其他对外管理服务事项数量及处理决定数量。', en: 'Other external management and service items and decisions.' } },
        ],
      },
      {
        id: 'item6', caption: '第二十条第（六）项',
        columns: [lastYear, change, decisions],
        rows: [
          { id: 'penalty', label: '行政处罚', data: true, explain: { zh: '行政处罚事项数量及处理决定数量。', en: 'Administrative penalty items and decisions.' } },
          { id: 'coercion', label: '行政强制', data: true, explain: { zh: '行政强制事项数量及处理决定数量。', en: 'Administrative coercion items and decisions.' } },
        ],
      },
      {
        id: 'item8', caption: '第二十条第（八）项',
        columns: [lastYear, change],
        rows: [
          { id: 'fees', label: '行政事业性收费', data: true, explain: { zh: '行政事业性收费项目数量（项目数，不是金额）。', en: 'Administrative fee items (a count of items, not money).' } },
        ],
      },
      {
        id: 'item9', caption: '第二十条第（九）项',
        columns: [
          { id: 'purchases', label: '采购项目数量', kind: 'count' },
          { id: 'amount', label: '采购总金额', kind: 'money' },
        ],
        rows: [
          { id: 'procurement', label: '政府集中采购', data: true, explain: { zh: '政府集中采购项目数量和采购总金额。', en: 'Centralised government procurement: projects and total amount.' } },
        ],
      },
    ],
  },
  {
    id: 'table3', part: 3,
    title: { zh: '收到和处理政府信息公开申请情况', en: 'Applications received and handled' },
    headerLabels: TABLE3_HEADER_LABELS,
    sections: [{ id: 'main', columns: TABLE3_COLUMNS, rows: TABLE3_ROWS_2019 }],
  },
  {
    id: 'table4', part: 4,
    title: { zh: '政府信息公开行政复议、行政诉讼情况', en: 'Administrative reviews and lawsuits' },
    headerLabels: TABLE4_HEADER_LABELS,
    sections: [{ id: 'main', columns: TABLE4_COLUMNS, rows: TABLE4_ROWS }],
  },
];
