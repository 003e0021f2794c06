/**
 * Messages the extension shows at run time, in Chinese and English. (Contributed strings — titles,
 * settings — are in package.nls*.json.) Pure: the locale is passed in.
 */

const MESSAGES = {
  noReport: { zh: '请先打开一份年报草稿。', en: 'Open a report draft first.' },
  notStarted: { zh: '年报校验服务尚未启动。', en: 'The report checker is not running.' },
  validating: { zh: '正在校验年报…', en: 'Checking the report…' },
  validateResult: { zh: '{name}：{errors} 个错误，{warnings} 个警告，{infos} 条提示。', en: '{name}: {errors|error|errors}, {warnings|warning|warnings}, {infos|info|infos}.' },
  validateClean: { zh: '{name}：未发现问题。', en: '{name}: no problems found.' },
  notAReport: { zh: '{name} 看起来不是政府信息公开工作年度报告，未校验。', en: '{name} does not look like an annual report; not checked.' },
  showProblems: { zh: '查看问题', en: 'Show Problems' },
  workspaceNoFolder: { zh: '请先打开一个文件夹或工作区。', en: 'Open a folder or workspace first.' },
  workspaceNoFiles: { zh: '工作区中没有 .txt、.md 或 .gkreport 文件。', en: 'The workspace holds no .txt, .md or .gkreport files.' },
  workspaceProgress: { zh: '正在校验工作区中的年报', en: 'Checking the reports in the workspace' },
  workspaceCounting: { zh: '正在查找文件…', en: 'Finding files…' },
  workspaceStep: { zh: '{done}/{total} 个文件', en: '{done}/{total} files' },
  workspaceResult: {
    zh: '已校验 {reports} 份年报（共 {files} 个文件）：{errors} 个错误，{warnings} 个警告，{infos} 条提示。',
    en: 'Checked {reports|report|reports} ({files|file|files}): {errors|error|errors}, {warnings|warning|warnings}, {infos|info|infos}.',
  },
  workspaceResultShort: {
    zh: '已校验 {reports} 份年报：{errors} 个错误，{warnings} 个警告，{infos} 条提示。',
    en: 'Checked {reports|report|reports}: {errors|error|errors}, {warnings|warning|warnings}, {infos|info|infos}.',
  },
  workspaceCancelled: { zh: '已取消；已校验 {reports} 份年报。', en: 'Cancelled; {reports|report was|reports were} checked.' },
  workspaceFailures: { zh: '{count} 个文件无法校验，详见输出。', en: '{count|file|files} could not be checked; see the output.' },
  unsupported: { zh: '年报校验服务不支持此请求（{method}）。', en: 'The report checker does not support this request ({method}).' },
  fixAllNone: { zh: '没有可自动修复的问题。', en: 'There is nothing to fix automatically.' },
  fixAllDone: { zh: '已应用自动修复。', en: 'Automatic fixes applied.' },
  pickTable: { zh: '选择要插入的表格', en: 'Choose the table to insert' },
  pickFormat: { zh: '选择表格格式', en: 'Choose the table format' },
  pickLayout: { zh: '选择表格版式', en: 'Choose the table layout' },
  table2: { zh: '表二 主动公开政府信息情况', en: 'Table 2 — proactive disclosure' },
  table3: { zh: '表三 收到和处理政府信息公开申请情况', en: 'Table 3 — applications received and handled' },
  table4: { zh: '表四 政府信息公开行政复议、行政诉讼情况', en: 'Table 4 — administrative reviews and lawsuits' },
  format2019: { zh: '2019 格式（报告年度 2019、2020）', en: '2019 format (report years 2019, 2020)' },
  format2021: { zh: '2021 格式（报告年度 2021 起）', en: '2021 format (report years from 2021)' },
  forYear: { zh: '{year} 年度报告应使用此格式', en: 'required for a {year} report' },
  usedByTables: { zh: '文档中的表格使用此格式', en: 'used by the tables in the document' },
  configured: { zh: '设置 gkreport.format 指定', en: 'set by gkreport.format' },
  usedByDocument: { zh: '文档当前使用的版式', en: 'used by the document' },
  layoutMarkdown: { zh: 'Markdown 表格', en: 'Markdown table' },
  layoutTab: { zh: '制表符分隔（Word 导出）', en: 'Tab-separated (Word export)' },
  'layoutPipe-rows': { zh: '竖线分隔的行', en: 'Pipe-separated rows' },
  'layoutPipe-cells': { zh: '每行一个单元格，以 | 结尾', en: 'One cell a line ending in |' },
  'layoutIndented-cells': { zh: '每行一个单元格，缩进', en: 'One cell a line, indented' },
  layoutSpaces: { zh: '空格分隔的行（从 PDF 复制）', en: 'Space-separated rows (copied from a PDF)' },
  statusName: { zh: '政府信息公开年报', en: 'Government report' },
  statusChecking: { zh: '正在校验…', en: 'Checking…' },
  statusFormat: { zh: '{format} 格式', en: '{format} format' },
  statusYear: { zh: '{year} 年度', en: 'year {year}' },
  statusNoYear: { zh: '未识别年度', en: 'no report year' },
  statusCounts: { zh: '{errors} 个错误 · {warnings} 个警告 · {infos} 条提示', en: '{errors|error|errors} · {warnings|warning|warnings} · {infos|info|infos}' },
  statusTime: { zh: '校验用时 {ms} 毫秒', en: 'checked in {ms} ms' },
  statusClean: { zh: '未发现问题', en: 'no problems' },
  statusConfig: { zh: '配置：{file}', en: 'configuration: {file}' },
  statusConfigErrors: { zh: '配置文件有 {count} 处错误', en: '{count|problem|problems} in the configuration file' },
  statusPrevious: { zh: '上年报告：{file}', en: "last year's report: {file}" },
  statusLargeFile: { zh: '大文件：仅在保存时校验', en: 'Large file: checked on save only' },
  statusWaiting: { zh: '等待校验结果', en: 'waiting for the check' },
  restartForLanguages: { zh: '“gkreport.languages”已更改，正在重启年报校验服务。', en: '“gkreport.languages” changed; restarting the report checker.' },
} as const;

export type MessageKey = keyof typeof MESSAGES;

/** Whether a VS Code UI language (`vscode.env.language`) is Chinese. */
export function isChinese(locale: string): boolean {
  return locale.toLowerCase().startsWith('zh');
}

/**
 * A message in the UI language, `{name}` placeholders filled from `params`; `{name|one|other}`
 * writes the number and the singular or plural word (`1 error`, `2 errors`).
 */
export function message(locale: string, key: MessageKey, params: object = {}): string {
  const entry = MESSAGES[key];
  const text = isChinese(locale) ? entry.zh : entry.en;
  const values = params as Record<string, unknown>;
  return text.replace(/\{(\w+)(?:\|([^|}]*)\|([^}]*))?\}/g, (m, k: string, one?: string, other?: string) => {
    if (!(k in values)) return m;
    const value = values[k];
    return one === undefined ? String(value) : `${value} ${value === 1 ? one : other}`;
  });
}
