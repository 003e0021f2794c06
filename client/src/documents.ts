/**
 * Text the client inserts into a document, placed as the document needs it. Pure (no `vscode`
 * import) so that the tests run it without an editor.
 */
/**
 * Text to insert at a position so that a block of lines stands on lines of its own: a line break
 * first when text precedes the position on its line; the block always ends with a line break, so
 * text after the position moves to the next line.
 */
export function blockInsertion(block: string, eol: string, textBefore: string): string {
  const text = block.endsWith('\n') ? block : block + eol;
  return textBefore.trim() !== '' ? eol + text : text;
}
