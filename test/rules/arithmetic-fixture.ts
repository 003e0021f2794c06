/**
 * A small consistent 2019-format report (tables 3 and 4, tab layout) shared by the arithmetic rule tests.
 */
export const SMALL_REPORT = `某某局2020年政府信息公开工作年度报告
本报告所列数据统计期限自2020年1月1日起至2020年12月31日止。
三、收到和处理政府信息公开申请情况
一、本年新收政府信息公开申请数量\t5\t2\t0\t0\t0\t1\t8
二、上年结转政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t1
三、本年度办理结果\t（一）予以公开\t3\t1\t0\t0\t0\t0\t4
\t（二）部分公开（区分处理的，只计这一情形，不计其他情形）\t1\t0\t0\t0\t0\t0\t1
\t（三）不予公开\t1.属于国家秘密\t0\t0\t0\t0\t0\t0\t0
\t\t2.其他法律行政法规禁止公开\t0\t0\t0\t0\t0\t0\t0
\t\t3.危及“三安全一稳定”\t0\t0\t0\t0\t0\t0\t0
\t\t4.保护第三方合法权益\t0\t0\t0\t0\t0\t0\t0
\t\t5.属于三类内部事务信息\t0\t0\t0\t0\t0\t0\t0
\t\t6.属于四类过程性信息\t0\t0\t0\t0\t0\t0\t0
\t\t7.属于行政执法案卷\t0\t0\t0\t0\t0\t0\t0
\t\t8.属于行政查询事项\t0\t0\t0\t0\t0\t0\t0
\t（四）无法提供\t1.本机关不掌握相关政府信息\t1\t1\t0\t0\t0\t0\t2
\t\t2.没有现成信息需要另行制作\t0\t0\t0\t0\t0\t0\t0
\t\t3.补正后申请内容仍不明确\t0\t0\t0\t0\t0\t0\t0
\t（五）不予处理\t1.信访举报投诉类申请\t0\t0\t0\t0\t0\t1\t1
\t\t2.重复申请\t0\t0\t0\t0\t0\t0\t0
\t\t3.要求提供公开出版物\t0\t0\t0\t0\t0\t0\t0
\t\t4.无正当理由大量反复申请\t0\t0\t0\t0\t0\t0\t0
\t\t5.要求行政机关确认或重新出具已获取信息\t0\t0\t0\t0\t0\t0\t0
\t（六）其他处理\t0\t0\t0\t0\t0\t0\t0
\t（七）总计\t5\t2\t0\t0\t0\t1\t8
四、结转下年度继续办理\t1\t0\t0\t0\t0\t0\t1
四、政府信息公开行政复议、行政诉讼情况
行政复议\t\t\t\t\t行政诉讼
结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t\t\t\t\t复议后起诉
\t\t\t\t\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计
1\t0\t1\t0\t2\t0\t0\t0\t1\t1\t0\t0\t0\t0\t0
`;

/** Line numbers (0-based) of rows in SMALL_REPORT. */
export const LINE = { new: 3, carried: 4, public: 5, partial: 6, unableNone: 15, total7: 24, carryover: 25, t4: 30 } as const;

const TABLE_RULES = new Set(['row-total', 'column-total', 'balance', 'appeal-total', 'empty-cell']);

/** Only the findings of the arithmetic and empty-cell rules (the small report has no narrative parts). */
export function relevant<T extends { code: string }>(findings: T[]): T[] {
  return findings.filter((f) => TABLE_RULES.has(f.code));
}
