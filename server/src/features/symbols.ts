/**
 * Document symbols: the six parts, the tables inside them and table 2's sections, from the
 * engine's `documentOutline`. Flat symbol information for clients without hierarchy support.
 */
import { type DocumentSymbol, type SymbolInformation, SymbolKind } from 'vscode-languageserver/node';
import { documentOutline, type OutlineNode } from '../engine/outline';
import type { ServerContext } from './context';

const KIND: Record<OutlineNode['kind'], SymbolKind> = {
  part: SymbolKind.Namespace,
  table: SymbolKind.Struct,
  section: SymbolKind.Field,
};

function toSymbol(node: OutlineNode): DocumentSymbol {
  return {
    name: node.name,
    detail: node.detail,
    kind: KIND[node.kind],
    range: node.range,
    selectionRange: node.selectionRange,
    children: node.children.map(toSymbol),
  };
}

function flatten(uri: string, nodes: OutlineNode[], container: string | undefined, out: SymbolInformation[]): SymbolInformation[] {
  for (const n of nodes) {
    out.push({ name: n.name, kind: KIND[n.kind], location: { uri, range: n.range }, containerName: container });
    flatten(uri, n.children, n.name, out);
  }
  return out;
}

export function registerSymbols(ctx: ServerContext): void {
  ctx.connection.onDocumentSymbol(async (params): Promise<DocumentSymbol[] | SymbolInformation[]> => {
    const doc = ctx.documents.get(params.textDocument.uri);
    if (!doc) return [];
    const snap = await ctx.diagnostics.snapshot(doc);
    if (!snap) return [];
    const outline = documentOutline(snap.model, ctx.locale, snap.format);
    return ctx.client.hierarchicalSymbols ? outline.map(toSymbol) : flatten(doc.uri, outline, undefined, []);
  });
}
