/**
 * Folding ranges for the parts, the tables and table 2's sections (engine: `foldingRegions`).
 */
import { type FoldingRange, FoldingRangeKind } from 'vscode-languageserver/node';
import { foldingRegions } from '../engine/outline';
import type { ServerContext } from './context';

export function registerFolding(ctx: ServerContext): void {
  ctx.connection.onFoldingRanges(async (params): Promise<FoldingRange[]> => {
    const doc = ctx.documents.get(params.textDocument.uri);
    if (!doc) return [];
    const snap = await ctx.diagnostics.snapshot(doc);
    if (!snap) return [];
    return foldingRegions(snap.model).map((r) => ({ startLine: r.startLine, endLine: r.endLine, kind: FoldingRangeKind.Region }));
  });
}
