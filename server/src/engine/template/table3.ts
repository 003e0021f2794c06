/**
 * Table 3 (收到和处理政府信息公开申请情况), shared by both formats except for row （六）.
 */
import type { ColumnDecl, RowDecl } from './types';

/** The seven data columns: six applicant kinds and 总计. */
export const TABLE3_COLUMNS: ColumnDecl[] = [
  { id: 'natural', label: '自然人', kind: 'count' },
  { id: 'business', label: '商业企业', kind: 'count' },
  { id: 'research', label: '科研机构', kind: 'count' },
  { id: 'ngo', label: '社会公益组织', kind: 'count' },
  { id: 'legal', label: '法律服务机构', kind: 'count' },
  { id: 'otherOrg', label: '其他', kind: 'count' },
  { id: 'total', label: '总计', kind: 'count' },
];

/** Header labels of table 3 that are not data columns. */
export const TABLE3_HEADER_LABELS = [
  '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）',
  '本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和',
  '申请人情况',
  '法人或其他组织',
];

const leadRows: RowDecl[] = [
  {
    id: 'new', label: '一、本年新收政府信息公开申请数量', data: true,
    variants: ['本年新收政府信息公开申请数'],
    explain: { zh: '本年度新收到的政府信息公开申请件数。', en: 'Applications for government information received this year.' },
  },
  {
    id: 'carried', label: '二、上年结转政府信息公开申请数量', data: true,
    explain: { zh: '上一年度未办结、结转到本年度继续办理的申请件数（应等于上年报告的“四、结转下年度继续办理”）。', en: 'Applications carried over from last year (should equal last year\'s “四、结转下年度继续办理”).' },
  },
  {
    id: 'results', label: '三、本年度办理结果', data: false,
    explain: { zh: '本年度办结申请的办理结果，分（一）至（六）项，（七）为总计。', en: 'Outcomes of the applications handled this year, items （一）–（六） and their total （七）.' },
  },
  {
    id: 'public', label: '（一）予以公开', group: 'results', data: true,
    explain: { zh: '全部予以公开的申请件数。', en: 'Applications answered with full disclosure.' },
  },
  {
    id: 'partial', label: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）', group: 'results', data: true,
    variants: ['部分公开'],
    explain: { zh: '区分处理、部分公开的申请件数（只计这一情形，不计其他情形）。', en: 'Applications partly disclosed (counted here only, not under any other outcome).' },
  },
  {
    id: 'withheld', label: '（三）不予公开', group: 'results', data: false,
    explain: { zh: '不予公开的申请，按理由分 1–8 项。', en: 'Applications refused, by reason (items 1–8).' },
  },
  { id: 'withheld.secret', label: '1.属于国家秘密', group: 'withheld', data: true, explain: { zh: '因属于国家秘密而不予公开。', en: 'Refused: state secret.' } },
  { id: 'withheld.law', label: '2.其他法律行政法规禁止公开', group: 'withheld', data: true, explain: { zh: '因其他法律、行政法规禁止公开而不予公开。', en: 'Refused: disclosure prohibited by other laws or administrative regulations.' } },
  { id: 'withheld.safety', label: '3.危及“三安全一稳定”', group: 'withheld', data: true, variants: ['危及三安全一稳定'], explain: { zh: '因公开后可能危及国家安全、公共安全、经济安全、社会稳定而不予公开。', en: 'Refused: would endanger national, public or economic security or social stability.' } },
  { id: 'withheld.third', label: '4.保护第三方合法权益', group: 'withheld', data: true, explain: { zh: '为保护第三方合法权益而不予公开。', en: 'Refused: protecting a third party\'s lawful rights.' } },
  { id: 'withheld.internal', label: '5.属于三类内部事务信息', group: 'withheld', data: true, explain: { zh: '因属于人事管理、后勤管理、内部工作流程等内部事务信息而不予公开。', en: 'Refused: internal affairs information (three kinds).' } },
  { id: 'withheld.process', label: '6.属于四类过程性信息', group: 'withheld', data: true, explain: { zh: '因属于讨论记录、过程稿、磋商信函、请示报告等过程性信息而不予公开。', en: 'Refused: process information (four kinds).' } },
  { id: 'withheld.enforcement', label: '7.属于行政执法案卷', group: 'withheld', data: true, explain: { zh: '因属于行政执法案卷信息而不予公开。', en: 'Refused: administrative enforcement case files.' } },
  { id: 'withheld.query', label: '8.属于行政查询事项', group: 'withheld', data: true, explain: { zh: '因属于行政查询事项而不予公开。', en: 'Refused: a matter for administrative enquiry.' } },
  {
    id: 'unable', label: '（四）无法提供', group: 'results', data: false,
    explain: { zh: '无法提供信息的申请，按原因分 1–3 项。', en: 'Applications that could not be answered with information, by cause (items 1–3).' },
  },
  { id: 'unable.none', label: '1.本机关不掌握相关政府信息', group: 'unable', data: true, explain: { zh: '本机关不掌握所申请的政府信息。', en: 'Unable: this body does not hold the information.' } },
  { id: 'unable.create', label: '2.没有现成信息需要另行制作', group: 'unable', data: true, explain: { zh: '没有现成信息、需要另行制作。', en: 'Unable: the information does not exist and would have to be created.' } },
  { id: 'unable.unclear', label: '3.补正后申请内容仍不明确', group: 'unable', data: true, explain: { zh: '申请人补正后申请内容仍不明确。', en: 'Unable: the request remained unclear after correction.' } },
  {
    id: 'rejected', label: '（五）不予处理', group: 'results', data: false,
    explain: { zh: '不予处理的申请，按情形分 1–5 项。', en: 'Applications not processed, by case (items 1–5).' },
  },
  { id: 'rejected.petition', label: '1.信访举报投诉类申请', group: 'rejected', data: true, explain: { zh: '属于信访、举报、投诉类申请。', en: 'Not processed: petitions, reports or complaints.' } },
  { id: 'rejected.repeat', label: '2.重复申请', group: 'rejected', data: true, explain: { zh: '重复申请。', en: 'Not processed: repeated application.' } },
  { id: 'rejected.publication', label: '3.要求提供公开出版物', group: 'rejected', data: true, explain: { zh: '要求提供公开出版物。', en: 'Not processed: request for a published work.' } },
  { id: 'rejected.massive', label: '4.无正当理由大量反复申请', group: 'rejected', data: true, explain: { zh: '无正当理由大量、反复申请。', en: 'Not processed: large or repeated applications without good reason.' } },
  { id: 'rejected.confirm', label: '5.要求行政机关确认或重新出具已获取信息', group: 'rejected', data: true, explain: { zh: '要求行政机关确认或重新出具已获取的信息。', en: 'Not processed: request to confirm or reissue information already obtained.' } },
];

const tailRows: RowDecl[] = [
  {
    id: 'total7', label: '（七）总计', group: 'results', data: true,
    explain: { zh: '本年度办结的申请总数，等于（一）至（六）各项之和。', en: 'All applications handled this year: the sum of items （一）–（六）.' },
  },
  {
    id: 'carryover', label: '四、结转下年度继续办理', data: true,
    explain: { zh: '本年度未办结、结转到下一年度继续办理的申请件数；一 + 二 = （七）总计 + 四。', en: 'Applications carried over to next year; 一 + 二 = （七） + 四.' },
  },
];

/** Table-3 rows of the 2019 format: （六）其他处理 is one data row. */
export const TABLE3_ROWS_2019: RowDecl[] = [
  ...leadRows,
  {
    id: 'other', label: '（六）其他处理', group: 'results', data: true,
    explain: { zh: '其他处理方式办结的申请件数。', en: 'Applications handled in other ways.' },
  },
  ...tailRows,
];

/** Table-3 rows of the 2021 format: （六）其他处理 is a group of three rows. */
export const TABLE3_ROWS_2021: RowDecl[] = [
  ...leadRows,
  {
    id: 'other', label: '（六）其他处理', group: 'results', data: false,
    explain: { zh: '其他处理，分 1–3 项。', en: 'Handled in other ways, items 1–3.' },
  },
  { id: 'other.noCorrection', label: '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', group: 'other', data: true, explain: { zh: '申请人无正当理由逾期不补正，行政机关不再处理。', en: 'The applicant did not supply the requested correction in time; no longer processed.' } },
  { id: 'other.noFee', label: '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请', group: 'other', data: true, explain: { zh: '申请人逾期未按收费通知缴纳费用，行政机关不再处理。', en: 'The applicant did not pay the notified fee in time; no longer processed.' } },
  { id: 'other.other', label: '3.其他', group: 'other', data: true, explain: { zh: '其他情形。', en: 'Other cases.' } },
  ...tailRows,
];
