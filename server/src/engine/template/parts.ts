/**
 * The six parts of an annual report, with accepted heading wordings and identifying keywords.
 */
import type { PartDecl } from './types';

export const PARTS: PartDecl[] = [
  {
    index: 1, ordinal: '一', heading: '一、总体情况', variants: [], keywords: ['总体情况', '总体', '概述', '基本情况'],
    explain: { zh: '总体情况：主动公开、依申请公开、政府信息管理、平台建设、监督保障。', en: 'Overview: proactive disclosure, applications, information management, platforms, oversight.' },
  },
  {
    index: 2, ordinal: '二', heading: '二、主动公开政府信息情况', variants: ['二、行政机关主动公开政府信息情况'], keywords: ['主动公开'],
    explain: { zh: '主动公开政府信息情况（表二）。', en: 'Proactive disclosure (table 2).' },
  },
  {
    index: 3, ordinal: '三', heading: '三、收到和处理政府信息公开申请情况', variants: ['三、行政机关收到和处理政府信息公开申请情况'],
    keywords: ['收到和处理', '依申请', '公开申请', '申请情况'],
    explain: { zh: '收到和处理政府信息公开申请情况（表三）。', en: 'Applications received and handled (table 3).' },
  },
  {
    index: 4, ordinal: '四', heading: '四、政府信息公开行政复议、行政诉讼情况',
    variants: ['四、因政府信息公开工作被申请行政复议、提起行政诉讼情况', '四、政府信息公开行政复议和行政诉讼情况'],
    keywords: ['行政复议', '行政诉讼', '复议', '诉讼'],
    explain: { zh: '政府信息公开行政复议、行政诉讼情况（表四）。', en: 'Administrative reviews and lawsuits (table 4).' },
  },
  {
    index: 5, ordinal: '五', heading: '五、存在的主要问题及改进情况',
    variants: ['五、存在的主要问题和改进情况', '五、政府信息公开工作存在的主要问题及改进情况'],
    keywords: ['存在的主要问题', '主要问题', '问题', '改进', '不足'],
    explain: { zh: '存在的主要问题及改进情况。', en: 'Main problems and improvements.' },
  },
  {
    index: 6, ordinal: '六', heading: '六、其他需要报告的事项', variants: [], keywords: ['其他需要报告', '其他事项', '其他'],
    explain: { zh: '其他需要报告的事项（如信息处理费收取情况）。', en: 'Other matters to report (e.g. information processing fees).' },
  },
];
