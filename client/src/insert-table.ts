/**
 * `gkreport.insertTable`: inserts a standard table (2, 3 or 4) at the cursor, in the format and
 * layout the document calls for. The language server reads the document and renders the table
 * (`gkreport/documentFacts`, `gkreport/renderTable`). Each choice is a quick pick whose first item
 * is the default; arguments `{ table, format, layout }` skip them.
 */
import * as vscode from 'vscode';
import type { TableLayout } from '../../server/src/engine/model';
import type { TableId } from '../../server/src/engine/template/types';
import type { FormatId } from '../../server/src/engine/types';
import { runningClient, type CommandContext } from './commands';
import { blockInsertion } from './documents';
import { message, type MessageKey } from './messages';
import { DOCUMENT_FACTS_METHOD, RENDER_TABLE_METHOD, type DocumentFacts, type DocumentFactsParams, type RenderTableParams } from './protocol';

export interface InsertTableArgs {
  table?: TableId;
  format?: FormatId;
  layout?: TableLayout;
}

const TABLES: { id: TableId; label: MessageKey }[] = [
  { id: 'table2', label: 'table2' },
  { id: 'table3', label: 'table3' },
  { id: 'table4', label: 'table4' },
];
const LAYOUTS: { id: TableLayout; label: MessageKey }[] = [
  { id: 'markdown', label: 'layoutMarkdown' },
  { id: 'tab', label: 'layoutTab' },
  { id: 'pipe-rows', label: 'layoutPipe-rows' },
  { id: 'pipe-cells', label: 'layoutPipe-cells' },
  { id: 'indented-cells', label: 'layoutIndented-cells' },
  { id: 'spaces', label: 'layoutSpaces' },
];

const t = (key: MessageKey, params?: object) => message(vscode.env.language, key, params);

interface Item<T> extends vscode.QuickPickItem {
  value: T;
}

/** Shows a quick pick whose default item comes first and is preselected. */
async function pick<T>(placeHolder: string, items: Item<T>[], byDefault: T): Promise<T | undefined> {
  const ordered = [...items.filter((i) => i.value === byDefault), ...items.filter((i) => i.value !== byDefault)];
  const chosen = await vscode.window.showQuickPick(ordered, { placeHolder, matchOnDescription: true });
  return chosen?.value;
}

export function registerInsertTable(ctx: CommandContext): vscode.Disposable {
  return vscode.commands.registerCommand('gkreport.insertTable', (args?: InsertTableArgs) => insertTable(ctx, args ?? {}));
}

async function insertTable(ctx: CommandContext, args: InsertTableArgs): Promise<boolean> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage(t('noReport'));
    return false;
  }
  const client = runningClient(ctx);
  if (!client) return false;
  const doc = editor.document;
  const config = vscode.workspace.getConfiguration('gkreport', doc.uri);
  const facts = await client.sendRequest<DocumentFacts>(DOCUMENT_FACTS_METHOD, { text: doc.getText(), languageId: doc.languageId, format: config.get<string>('format', 'auto') } satisfies DocumentFactsParams);

  const table =
    args.table ??
    (await pick(
      t('pickTable'),
      TABLES.map((x) => ({ label: t(x.label), value: x.id })),
      facts.table,
    ));
  if (!table) return false;

  const formatReason = ['2019', '2021'].includes(config.get<string>('format', 'auto'))
    ? t('configured')
    : facts.year !== undefined
      ? t('forYear', { year: facts.year })
      : facts.labelFormat
        ? t('usedByTables')
        : undefined;
  const format =
    args.format ??
    (await pick(
      t('pickFormat'),
      (['2021', '2019'] as FormatId[]).map((f) => ({
        label: t(f === '2019' ? 'format2019' : 'format2021'),
        description: f === facts.format ? formatReason : undefined,
        value: f,
      })),
      facts.format,
    ));
  if (!format) return false;

  const layout =
    args.layout ??
    (await pick(
      t('pickLayout'),
      LAYOUTS.map((l) => ({ label: t(l.label), description: l.id === facts.layout ? t('usedByDocument') : undefined, value: l.id })),
      facts.layout,
    ));
  if (!layout) return false;

  const eol = doc.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
  const moneyUnit = config.get<string>('moneyUnit', 'auto') === '元' ? '元' : '万元';
  const block = await client.sendRequest<string | null>(RENDER_TABLE_METHOD, { format, table, layout, eol, moneyUnit } satisfies RenderTableParams);
  if (block === null) return false;
  const selection = editor.selection;
  const before = doc.lineAt(selection.start.line).text.slice(0, selection.start.character);
  const text = blockInsertion(block, eol, before);
  const ok = await editor.edit((edit) => edit.replace(selection, text));
  if (ok) editor.revealRange(new vscode.Range(selection.start, selection.start), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return ok;
}
