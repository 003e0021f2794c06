/**
 * Hover: adapts the engine's `hoverAt` (relations through a cell with their arithmetic, row and
 * part explanations) to an LSP hover.
 */
import { type Hover, MarkupKind } from 'vscode-languageserver/node';
import { hoverAt } from '../engine/hover';
import type { ServerContext } from './context';

export function registerHover(ctx: ServerContext): void {
  ctx.connection.onHover(async (params): Promise<Hover | null> => {
    const doc = ctx.documents.get(params.textDocument.uri);
    if (!doc) return null;
    const snap = await ctx.diagnostics.snapshot(doc);
    if (!snap) return null;
    const info = hoverAt(snap, params.position, ctx.locale);
    if (!info) return null;
    const value = ctx.client.markdownHover ? info.markdown : info.markdown.replace(/\*\*|`/g, '');
    return { contents: { kind: ctx.client.markdownHover ? MarkupKind.Markdown : MarkupKind.PlainText, value }, range: info.range };
  });
}
