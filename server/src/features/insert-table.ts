/**
 * Inserting a standard table, the server's part: request `gkreport/documentFacts` reads a
 * document's year, format, layout and tables with the engine's parser, and `gkreport/renderTable`
 * renders a table in a format and layout. The VS Code client asks them in its `Insert table`
 * command, so that it carries no parser or template of its own.
 */
import type { Connection } from 'vscode-languageserver/node';
import { documentFacts, type DocumentFacts } from '../engine/facts';
import { renderTable } from '../engine/render';
import { DOCUMENT_FACTS_METHOD, RENDER_TABLE_METHOD, type DocumentFactsParams, type RenderTableParams } from '../protocol';

const FORMATS = new Set(['2019', '2021']);
const TABLES = new Set(['table2', 'table3', 'table4']);
const LAYOUTS = new Set(['tab', 'pipe-cells', 'indented-cells', 'markdown', 'pipe-rows', 'spaces']);

/** Registers both requests. */
export function registerInsertTable(connection: Connection): void {
  connection.onRequest(DOCUMENT_FACTS_METHOD, (params: DocumentFactsParams): DocumentFacts =>
    documentFacts(String(params?.text ?? ''), String(params?.languageId ?? ''), params?.format),
  );
  connection.onRequest(RENDER_TABLE_METHOD, (params: RenderTableParams): string | null => {
    if (!params || !FORMATS.has(params.format) || !TABLES.has(params.table) || !LAYOUTS.has(params.layout)) return null;
    const eol = params.eol === '\r\n' ? '\r\n' : '\n';
    return renderTable(params.format, params.table, params.layout, eol, undefined, { moneyUnit: params.moneyUnit === '元' ? '元' : '万元' });
  });
}
