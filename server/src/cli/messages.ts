/**
 * Every user-facing text of the CLI, in Chinese and English.
 */
import type { DecodeFailure } from '../node/decode';
import type { Locale } from '../engine/types';

/** Why a command line could not be understood. */
export type UsageProblem =
  | { id: 'missing-command' }
  | { id: 'unknown-command'; arg: string }
  | { id: 'unknown-option'; arg: string }
  | { id: 'missing-value'; arg: string }
  | { id: 'bad-value'; arg: string; value: string; allowed: string }
  | { id: 'no-files'; arg: string }
  | { id: 'extra-arguments'; arg: string };

/** Why a file named on the command line could not be checked. */
export type FileProblem =
  | { id: 'not-found' }
  | { id: 'no-match' }
  | { id: 'no-reports' }
  | { id: 'permission' }
  | { id: 'is-directory' }
  | { id: 'read-failed'; detail: string }
  | { id: 'decode'; reason: DecodeFailure }
  | { id: 'write-failed'; detail: string }
  | { id: 'internal'; detail: string };

/** Counts shown in the summary line. */
export interface Totals {
  files: number;
  errors: number;
  warnings: number;
  infos: number;
  unreadable: number;
  fixed?: { problems: number; files: number };
}

/** The CLI's texts in one language. */
export interface Messages {
  help(version: string): string;
  usage(problem: UsageProblem): string;
  seeHelp: string;
  file(problem: FileProblem): string;
  config(path: string, detail: string): string;
  summary(t: Totals): string;
  /** `hidden`: the warnings were counted but not shown (`--quiet`). */
  tooManyWarnings(count: number, max: number, hidden: boolean): string;
  fixable: string;
}

const zh: Messages = {
  help: (version) => `gkreport ${version} — 政府信息公开工作年度报告校验

用法
  gkreport check [选项] <文件|目录|通配符>...   检查报告并列出问题
  gkreport fix   [选项] <文件|目录|通配符>...   就地应用所有安全的快速修复
  gkreport rules                                列出规则代码、默认级别和文档

选项
  --format text|json|sarif     输出格式，默认 text（文件:行:列 级别 代码 说明）
  --template auto|2019|2021    表格格式，默认 auto（按报告年度）
  --config <文件>              使用指定的 .gkreportrc.json，不再向上查找
  --locale zh-cn|en            提示语言（默认取自 LANG）
  --max-warnings <n>           警告多于 n 个时退出码为 1
  --quiet                      只报告错误
  --help, --version

目录中只查找 .txt 和 .md 文件。退出码：0 无错误，1 有错误（或警告过多），2 用法错误或文件无法读取。
`,
  usage: (p) => {
    switch (p.id) {
      case 'missing-command':
        return '缺少命令（check、fix 或 rules）';
      case 'unknown-command':
        return `未知命令“${p.arg}”（可用：check、fix、rules）`;
      case 'unknown-option':
        return `未知选项“${p.arg}”`;
      case 'missing-value':
        return `选项 ${p.arg} 缺少取值`;
      case 'bad-value':
        return `选项 ${p.arg} 的取值“${p.value}”无效（可用：${p.allowed}）`;
      case 'no-files':
        return `${p.arg} 命令需要至少一个文件、目录或通配符`;
      case 'extra-arguments':
        return `多余的参数“${p.arg}”`;
    }
  },
  seeHelp: '运行 gkreport --help 查看用法',
  file: (p) => {
    switch (p.id) {
      case 'not-found':
        return '文件或目录不存在';
      case 'no-match':
        return '没有与通配符匹配的文件';
      case 'no-reports':
        return '目录中没有 .txt 或 .md 文件';
      case 'permission':
        return '无法读取：没有权限';
      case 'is-directory':
        return '无法读取：这是一个目录';
      case 'read-failed':
        return `无法读取：${p.detail}`;
      case 'decode':
        return {
          binary: '无法读取：这是二进制文件，不是文本',
          'invalid-utf8': '无法解码：文件以 UTF-8 BOM 开头，但内容不是有效的 UTF-8',
          'invalid-utf16': '无法解码：文件以 UTF-16 BOM 开头，但内容不是有效的 UTF-16',
          'unknown-encoding': '无法解码：不是 UTF-8、带 BOM 的 UTF-16 或 GB18030 编码的文本',
        }[p.reason];
      case 'write-failed':
        return `无法写回修复结果：${p.detail}`;
      case 'internal':
        return `检查时发生内部错误：${p.detail}`;
    }
  },
  config: (path, detail) => `配置文件 ${path} 有误：${detail}`,
  summary: (t) =>
    (t.fixed ? `已修复 ${t.fixed.files} 个文件中的 ${t.fixed.problems} 处问题；` : '') +
    `检查了 ${t.files} 个文件：${t.errors} 个错误，${t.warnings} 个警告，${t.infos} 个提示` +
    (t.unreadable ? `，${t.unreadable} 个文件无法读取` : ''),
  tooManyWarnings: (count, max, hidden) => `警告过多：${count} 个，上限为 ${max} 个` + (hidden ? '（--quiet 未显示警告，但仍计数）' : ''),
  fixable: '（可自动修复）',
};

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

const en: Messages = {
  help: (version) => `gkreport ${version} — checks government information-disclosure annual reports

usage
  gkreport check [options] <file|dir|glob>...   check reports, print findings
  gkreport fix   [options] <file|dir|glob>...   apply every safe quick fix in place
  gkreport rules                                list rule codes, default severities, docs

options
  --format text|json|sarif     default text (file:line:col severity code message)
  --template auto|2019|2021    default auto (from the report year)
  --config <file>              .gkreportrc.json to use instead of the one found upward
  --locale zh-cn|en            message language (default from LANG)
  --max-warnings <n>           exit 1 when more warnings than n
  --quiet                      errors only
  --help, --version

Directories are searched for .txt and .md files. Exit status: 0 no errors, 1 errors found (or too
many warnings), 2 usage error or a file that cannot be read.
`,
  usage: (p) => {
    switch (p.id) {
      case 'missing-command':
        return 'missing command (check, fix or rules)';
      case 'unknown-command':
        return `unknown command "${p.arg}" (expected check, fix or rules)`;
      case 'unknown-option':
        return `unknown option "${p.arg}"`;
      case 'missing-value':
        return `option ${p.arg} needs a value`;
      case 'bad-value':
        return `invalid value "${p.value}" for ${p.arg} (expected ${p.allowed})`;
      case 'no-files':
        return `${p.arg} needs at least one file, directory or glob`;
      case 'extra-arguments':
        return `unexpected argument "${p.arg}"`;
    }
  },
  seeHelp: 'run gkreport --help for usage',
  file: (p) => {
    switch (p.id) {
      case 'not-found':
        return 'no such file or directory';
      case 'no-match':
        return 'no files match the pattern';
      case 'no-reports':
        return 'no .txt or .md files in the directory';
      case 'permission':
        return 'cannot read: permission denied';
      case 'is-directory':
        return 'cannot read: is a directory';
      case 'read-failed':
        return `cannot read: ${p.detail}`;
      case 'decode':
        return {
          binary: 'cannot read: binary file, not text',
          'invalid-utf8': 'cannot decode: UTF-8 byte order mark followed by invalid UTF-8',
          'invalid-utf16': 'cannot decode: UTF-16 byte order mark followed by invalid UTF-16',
          'unknown-encoding': 'cannot decode: not UTF-8, UTF-16 with BOM or GB18030 text',
        }[p.reason];
      case 'write-failed':
        return `cannot write the fixes back: ${p.detail}`;
      case 'internal':
        return `internal error while checking: ${p.detail}`;
    }
  },
  config: (path, detail) => `configuration ${path}: ${detail}`,
  summary: (t) =>
    (t.fixed ? `fixed ${plural(t.fixed.problems, 'problem')} in ${plural(t.fixed.files, 'file')}; ` : '') +
    `${plural(t.files, 'file')} checked: ${plural(t.errors, 'error')}, ${plural(t.warnings, 'warning')}, ${t.infos} info` +
    (t.unreadable ? `, ${plural(t.unreadable, 'file')} unreadable` : ''),
  tooManyWarnings: (count, max, hidden) => `too many warnings: ${count} (maximum ${max})` + (hidden ? '; --quiet hides them but they still count' : ''),
  fixable: ' (fixable)',
};

/** The CLI's texts for a locale. */
export function messages(locale: Locale): Messages {
  return locale === 'zh-cn' ? zh : en;
}
