/**
 * What an editor needs to know about a report document before inserting a standard table into
 * it: the report year, the format it calls for, the table layout it already uses and the tables
 * it lacks. The language server answers it for the VS Code client (`gkreport/documentFacts`).
 */
import type { TableLayout } from './model';
import { parseReport } from './parse/parser';
import { dominantLayout } from './rules/missing-table';
import { formatForYear } from './template';
import type { TableId } from './template/types';
import type { FormatId } from './types';

export interface DocumentFacts {
  /** The report year stated in the title (or the statistics period), if any. */
  year?: number;
  /** The format the tables already follow according to their labels, if any. */
  labelFormat?: FormatId;
  /** The format to propose: the configured one, else the report year's, else the tables'. */
  format: FormatId;
  /** The layout to propose. */
  layout: TableLayout;
  /** The end-of-line sequence the document uses. */
  eol: '\n' | '\r\n';
  /** The standard tables the document holds. */
  tables: TableId[];
  /** The table to propose: the first of tables 2–4 the document lacks, else table 3. */
  table: TableId;
}

/** Facts about a document, from its text, language and the `gkreport.format` setting. */
export function documentFacts(text: string, languageId: string, configuredFormat: string = 'auto'): DocumentFacts {
  const model = parseReport(text);
  const year = model.year ?? model.period?.from.year;
  let format: FormatId;
  if (configuredFormat === '2019' || configuredFormat === '2021') format = configuredFormat;
  else if (year !== undefined) format = formatForYear(year);
  else format = model.labelFormat ?? formatForYear(undefined);
  return {
    year,
    labelFormat: model.labelFormat,
    format,
    // The layout of the tables the parser recognised (as the missing-table fix does), else a guess.
    layout: model.tables.length > 0 ? dominantLayout(model) : guessLayout(text, languageId),
    eol: /\r\n/.test(text) ? '\r\n' : '\n',
    tables: [...new Set(model.tables.map((t) => t.id))],
    table: (['table2', 'table3', 'table4'] as TableId[]).find((id) => !model.tables.some((t) => t.id === id)) ?? 'table3',
  };
}

const MARKDOWN_SEPARATOR = /^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/;

/**
 * The layout a document's table-looking lines use when the parser recognised no table: Markdown
 * when a `|---|` separator appears, tab when lines hold several tab-separated cells, one cell a
 * line ending in ` |` for HTML conversions, pipe rows when cells are separated by pipes; else
 * Markdown for Markdown documents or `#` headings, and tab for the rest (the layout of Word exports).
 */
export function guessLayout(text: string, languageId: string): TableLayout {
  let tab = 0;
  let pipeRows = 0;
  let pipeCells = 0;
  for (const line of text.split(/\r?\n/)) {
    if (MARKDOWN_SEPARATOR.test(line) && line.includes('|')) return 'markdown';
    const trimmed = line.trim();
    if (!trimmed) continue;
    if (/\S\t+\S/.test(line) && line.split('\t').filter((c) => c.trim()).length >= 2) tab++;
    else if (/^[^|]+\s\|$/.test(trimmed)) pipeCells++;
    else if (!trimmed.startsWith('|') && trimmed.split('|').length >= 3) pipeRows++;
  }
  const best = Math.max(tab, pipeRows, pipeCells);
  if (best >= 2) {
    if (best === tab) return 'tab';
    if (best === pipeRows) return 'pipe-rows';
    return 'pipe-cells';
  }
  return languageId === 'markdown' || /^#{1,6}\s/m.test(text) ? 'markdown' : 'tab';
}
