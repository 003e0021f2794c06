/**
 * Telling a report draft from any other Markdown or plain-text file: the language server checks
 * `markdown` and `plaintext` documents only when this says they are reports, and the VS Code
 * client uses it to offer the `gkreport` language. Pure: looks at the text only.
 */

/** How many non-blank lines at the top of a document may hold the title. */
const HEAD_LINES = 20;
/** How many characters at the top of a document are looked at. */
const HEAD_CHARS = 4000;

/**
 * Title wordings: 政府信息公开工作年度报告, 政府信息公开年度报告, 2020年度信息公开工作报告,
 * 政务公开工作年度报告 … (spaces, Markdown marks and line breaks inside are ignored).
 */
const TITLE = /政府信息公开.{0,8}?年度报告|信息公开工作(?:年度)?报告|政务公开.{0,6}?年度报告|政府信息公开.{0,4}?年报/;

/**
 * Whether the first lines of `text` name a 政府信息公开工作年度报告 (or 信息公开工作报告): the title,
 * a line above it, or the opening sentence.
 */
export function looksLikeReport(text: string): boolean {
  const head = text.slice(0, HEAD_CHARS).replace(/^\uFEFF/, '');
  const lines: string[] = [];
  for (const line of head.split(/\r\n|\r|\n/)) {
    const squeezed = line.replace(/[\s\u3000#*_>|`]+/g, '');
    if (squeezed === '') continue;
    lines.push(squeezed);
    if (lines.length >= HEAD_LINES) break;
  }
  // Joined without separators, so that a title broken over two lines still matches.
  return TITLE.test(lines.join(''));
}
