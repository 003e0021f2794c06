/**
 * A small Markdown report draft for rule tests: the six parts, tables 2–4 in either format, all
 * numbers consistent unless a test changes them. Tests edit the returned text with plain string
 * replacements to introduce the defect they are about.
 */
import type { FormatId } from '../../server/src/engine/types';

export interface DraftOptions {
  year?: number;
  agency?: string;
  /** Table format; defaults to the one the year requires. */
  format?: FormatId;
  /** The statistics-period sentence (a default one when undefined; none when empty). */
  period?: string;
  /** Narrative of part 一. */
  overview?: string;
  /** Narrative of part 四, before its table. */
  appeals?: string;
  /** Table 3 totals (all applicants are 自然人): new, carried over from last year, handled. */
  t3?: { received: number; carried: number; handled: number };
  /** Table 4 totals: 行政复议, 未经复议直接起诉, 复议后起诉 (each counted as 结果维持). */
  t4?: { review: number; direct: number; after: number };
  /** 2021 format table 2, item 1: [本年制发件数, 本年废止件数, 现行有效件数] for 规章 and 行政规范性文件. */
  t2?: { rules: [number, number, number]; normative: [number, number, number] };
  /** Closing date line (落款). */
  closing?: string;
  /** Markdown heading marks of the part headings (`## ` by default, `` for plain). */
  hashes?: string;
  /** Order of the parts (1–6); a part left out is absent. */
  parts?: number[];
}

const HEADINGS = ['一、总体情况', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况', '五、存在的主要问题及改进情况', '六、其他需要报告的事项'];

const row = (cells: (string | number)[]): string => `| ${cells.join(' | ')} |`;

function table2(format: FormatId, t2: NonNullable<DraftOptions['t2']>): string {
  if (format === '2021') {
    return [
      '| 第二十条第（一）项 | | | |', '|---|---|---|---|', '| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |',
      row(['规章', ...t2.rules]), row(['行政规范性文件', ...t2.normative]),
      '| 第二十条第（五）项 | | | |', '| 信息内容 | 本年处理决定数量 | | |', '| 行政许可 | 389 | | |',
      '| 第二十条第（六）项 | | | |', '| 信息内容 | 本年处理决定数量 | | |', '| 行政处罚 | 71 | | |', '| 行政强制 | 6 | | |',
      '| 第二十条第（八）项 | | | |', '| 信息内容 | 本年收费金额（单位：万元） | | |', '| 行政事业性收费 | 4.5 | | |',
    ].join('\n');
  }
  return [
    '| 第二十条第（一）项 | | | |', '|---|---|---|---|', '| 信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |',
    '| 规章 | 0 | 0 | 0 |', '| 规范性文件 | 2 | 2 | 11 |',
    '| 第二十条第（五）项 | | | |', '| 信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量 |', '| 行政许可 | 8 | +1 | 352 |', '| 其他对外管理服务事项 | 4 | 0 | 27 |',
    '| 第二十条第（六）项 | | | |', '| 信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量 |', '| 行政处罚 | 21 | -2 | 64 |', '| 行政强制 | 3 | 0 | 5 |',
    '| 第二十条第（八）项 | | | |', '| 信息内容 | 上一年项目数量 | 本年增/减 | |', '| 行政事业性收费 | 1 | 0 | |',
    '| 第二十条第（九）项 | | | |', '| 信息内容 | 采购项目数量 | 采购总金额（万元） | |', '| 政府集中采购 | 4 | 218.6 | |',
  ].join('\n');
}

function table3(format: FormatId, t3: NonNullable<DraftOptions['t3']>): string {
  const line = (a: string, b: string, c: string, n: number) => row([a, b, c, n, 0, 0, 0, 0, 0, n]);
  const zero = (a: string, b: string, c: string) => line(a, b, c, 0);
  const other = format === '2021'
    ? [
        zero('', '（六）其他处理', '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请'),
        zero('', '', '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请'),
        zero('', '', '3.其他'),
      ]
    : [zero('', '（六）其他处理', '')];
  return [
    '| （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | | | 申请人情况 | | | | | | |',
    '|---|---|---|---|---|---|---|---|---|---|',
    '| | | | 自然人 | 法人或其他组织 | | | | | 总计 |',
    '| | | | | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | |',
    line('一、本年新收政府信息公开申请数量', '', '', t3.received),
    line('二、上年结转政府信息公开申请数量', '', '', t3.carried),
    line('三、本年度办理结果', '（一）予以公开', '', t3.handled),
    zero('', '（二）部分公开（区分处理的，只计这一情形，不计其他情形）', ''),
    zero('', '（三）不予公开', '1.属于国家秘密'),
    zero('', '', '2.其他法律行政法规禁止公开'),
    zero('', '', '3.危及“三安全一稳定”'),
    zero('', '', '4.保护第三方合法权益'),
    zero('', '', '5.属于三类内部事务信息'),
    zero('', '', '6.属于四类过程性信息'),
    zero('', '', '7.属于行政执法案卷'),
    zero('', '', '8.属于行政查询事项'),
    zero('', '（四）无法提供', '1.本机关不掌握相关政府信息'),
    zero('', '', '2.没有现成信息需要另行制作'),
    zero('', '', '3.补正后申请内容仍不明确'),
    zero('', '（五）不予处理', '1.信访举报投诉类申请'),
    zero('', '', '2.重复申请'),
    zero('', '', '3.要求提供公开出版物'),
    zero('', '', '4.无正当理由大量反复申请'),
    zero('', '', '5.要求行政机关确认或重新出具已获取信息'),
    ...other,
    line('', '（七）总计', '', t3.handled),
    line('四、结转下年度继续办理', '', '', t3.received + t3.carried - t3.handled),
  ].join('\n');
}

function table4(t4: NonNullable<DraftOptions['t4']>): string {
  const block = (n: number) => [n, 0, 0, 0, n];
  return [
    '| 行政复议 | | | | | 行政诉讼 | | | | | | | | | |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
    '| | | | | | 未经复议直接起诉 | | | | | 复议后起诉 | | | | |',
    '| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |',
    row([...block(t4.review), ...block(t4.direct), ...block(t4.after)]),
  ].join('\n');
}

/** A complete, consistent report draft (Markdown), adjusted by the options. */
export function draft(o: DraftOptions = {}): string {
  const year = o.year ?? 2020;
  const format = o.format ?? (year <= 2020 ? '2019' : '2021');
  const agency = o.agency ?? '明湖市住房和城乡建设局';
  const t3 = o.t3 ?? { received: 34, carried: 1, handled: 32 };
  const t4 = o.t4 ?? { review: 2, direct: 1, after: 0 };
  const hashes = o.hashes ?? '## ';
  const period = o.period ?? `本报告中所列数据的统计期限自${year}年1月1日起至${year}年12月31日止。`;
  const bodies: Record<number, string> = {
    1: o.overview ?? `${year}年，我局通过门户网站主动公开政府信息742条；共收到政府信息公开申请${t3.received}件，上年结转${t3.carried}件，办结${t3.handled}件，结转下年度继续办理${t3.received + t3.carried - t3.handled}件。`,
    2: table2(format, o.t2 ?? { rules: [0, 0, 0], normative: [3, 1, 13] }),
    3: table3(format, t3),
    4: `${o.appeals ?? `${year}年，我局因政府信息公开工作被申请行政复议${t4.review}件，被提起行政诉讼${t4.direct + t4.after}件。`}\n\n${table4(t4)}`,
    5: '主要问题是政策解读形式比较单一、部分信息发布不够及时。下一步将丰富解读形式，建立信息发布时限台账。',
    6: '本年度未收取信息处理费，无其他需要报告的事项。',
  };
  const parts = (o.parts ?? [1, 2, 3, 4, 5, 6]).map((i) => `${hashes}${HEADINGS[i - 1]}\n\n${bodies[i]}\n`);
  return [
    `# ${agency}${year}年政府信息公开工作年度报告\n`,
    ...(period ? [`${period}\n`] : []),
    ...parts,
    `${agency}\n${o.closing ?? `${year + 1}年1月15日`}\n`,
  ].join('\n');
}
