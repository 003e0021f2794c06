/**
 * Completion of standard headings and row labels (engine: `completionsAt`). The list is marked
 * incomplete so that the client asks again as the label grows (its own filter does not know the
 * label dictionary's notion of a match).
 */
import { type CompletionItem, CompletionItemKind, type CompletionList, MarkupKind } from 'vscode-languageserver/node';
import { completionsAt, type LabelCompletion } from '../engine/completion';
import type { ServerContext } from './context';

/** Characters after which the client asks for completions without being told to. */
export const TRIGGER_CHARACTERS = ['、', '（', '(', '.', '．'];

const KIND: Record<LabelCompletion['kind'], CompletionItemKind> = {
  heading: CompletionItemKind.Module,
  row: CompletionItemKind.EnumMember,
  caption: CompletionItemKind.Struct,
};

export function registerCompletion(ctx: ServerContext): void {
  ctx.connection.onCompletion(async (params): Promise<CompletionList> => {
    const doc = ctx.documents.get(params.textDocument.uri);
    const empty: CompletionList = { isIncomplete: false, items: [] };
    if (!doc) return empty;
    const snap = await ctx.diagnostics.snapshot(doc);
    if (!snap) return empty;
    const items: CompletionItem[] = completionsAt(snap.model, params.position, ctx.locale, snap.format).map((c) => ({
      label: c.label,
      kind: KIND[c.kind],
      detail: c.detail,
      documentation: { kind: MarkupKind.PlainText, value: c.documentation },
      filterText: c.filterText,
      sortText: c.sortText,
      textEdit: { range: c.range, newText: c.insertText },
    }));
    return { isIncomplete: true, items };
  });
}
