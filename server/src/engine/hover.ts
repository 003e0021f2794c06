/**
 * What to say when the user points at a place in a report: on a number cell of tables 3 and 4,
 * every relation through that cell with its arithmetic (`✗ 总计 36 ≠ 1 + 0 + 34 + 0 + 0 + 0 = 35`);
 * on a row label, the row's plain-words explanation and its standard wording; on a part heading,
 * what the part holds. Pure: the language server adapts the result to an LSP hover.
 */
import type { Position, Range } from 'vscode-languageserver-types';
import { analyzeTable, countOf, resultOf, type RelationState } from './analysis/relations';
import { cellName } from './check';
import { visibleSpan } from './fixes/edits';
import type { DataCell, ReportModel, RowInstance, SectionInstance, Span, TableInstance } from './model';
import { ruleInfo } from './rules/registry';
import { PARTS, rowDecl, sectionDecl, tableDecl } from './template';
import type { RowDecl } from './template/types';
import { offsetAt, rangeOf } from './text/positions';
import type { FormatId, Locale } from './types';

/** A hover: Markdown text and the range of the element it describes. */
export interface HoverInfo {
  markdown: string;
  range: Range;
}

/** What `hoverAt` needs of a check result. */
export interface HoverSource {
  model: ReportModel;
  /** The format the report year requires (tables without label evidence are read in it). */
  format: FormatId;
}

const TABLE_NUMBER: Record<string, string> = { table2: '二', table3: '三', table4: '四' };

/** The hover for a position of the document, or undefined where there is nothing to say. */
export function hoverAt(source: HoverSource, position: Position, locale: Locale): HoverInfo | undefined {
  const { model } = source;
  const offset = clampToLine(model, offsetAt(model.lineStarts, model.text.length, position), position.line);
  const zh = locale === 'zh-cn';
  for (const table of model.tables) {
    const format = table.format ?? source.format;
    for (const section of table.sections) {
      for (const row of section.rows) {
        for (const cell of row.cells) {
          if (!cell.source) continue;
          const span = visibleSpan(cell, row.label ?? row.span);
          if (!contains(span, offset)) continue;
          return { markdown: cellHover(table, format, row, cell, locale), range: rangeOf(model.lineStarts, span) };
        }
        if (row.label && contains(row.label, offset)) {
          const md = rowHover(table, format, section, row, locale);
          if (md) return { markdown: md, range: rangeOf(model.lineStarts, row.label) };
        }
      }
      if (section.caption && contains(section.caption, offset)) {
        const decl = sectionDecl(format, table.id, section.id);
        const title = tableDecl(format, table.id).title;
        const lines = [`**${decl?.caption ?? section.caption.text}**`, '', zh ? `表${TABLE_NUMBER[table.id]}（${title.zh}）的一节。` : `A section of table ${table.id.slice(5)} (${title.en}).`];
        if (decl) lines.push('', (zh ? '栏目：' : 'Columns: ') + decl.columns.map((c) => c.label).join(zh ? '、' : ', '));
        return { markdown: lines.join('\n'), range: rangeOf(model.lineStarts, section.caption) };
      }
      for (const header of section.headers) {
        if (!contains(header.cell, offset)) continue;
        const lines = [`**${header.match.standard}**`];
        if (header.unit) lines.push('', (zh ? '单位：' : 'Unit: ') + header.unit);
        if (header.decimals !== undefined) lines.push('', zh ? `保留 ${header.decimals} 位小数` : `${header.decimals} decimal places`);
        return { markdown: lines.join('\n'), range: rangeOf(model.lineStarts, header.cell) };
      }
    }
  }
  for (const part of model.parts) {
    if (!contains(part.heading, offset)) continue;
    const decl = PARTS.find((p) => p.index === part.index);
    if (!decl) continue;
    const lines = [`**${decl.heading}**`, '', zh ? decl.explain.zh : decl.explain.en];
    if (part.ordinal !== undefined && Number(part.ordinal) !== part.index) {
      lines.push('', zh ? `注意：标题序号与第${decl.ordinal}部分不一致。` : `Note: the heading's ordinal is not that of part ${decl.ordinal}.`);
    }
    return { markdown: lines.join('\n'), range: rangeOf(model.lineStarts, part.heading) };
  }
  return undefined;
}

/** A position past the end of its line stays on that line (before its line break). */
function clampToLine(model: ReportModel, offset: number, line: number): number {
  if (line < 0 || line >= model.lineStarts.length) return offset;
  let end = line + 1 < model.lineStarts.length ? model.lineStarts[line + 1] : model.text.length;
  while (end > model.lineStarts[line] && (model.text[end - 1] === '\n' || model.text[end - 1] === '\r')) end--;
  return Math.min(offset, end);
}

function contains(span: Span, offset: number): boolean {
  return span.start <= offset && offset <= span.end && span.end > span.start;
}

/** The declaration of a row in the table's format, else in the other format. */
function findRowDecl(format: FormatId, table: TableInstance, section: string, row: string): RowDecl | undefined {
  const other: FormatId = format === '2019' ? '2021' : '2019';
  return rowDecl(format, { table: table.id, section, row }) ?? rowDecl(other, { table: table.id, section, row });
}

function rowHover(table: TableInstance, format: FormatId, section: SectionInstance, row: RowInstance, locale: Locale): string | undefined {
  const zh = locale === 'zh-cn';
  if (!row.id) return undefined;
  const decl = findRowDecl(format, table, section.id, row.id);
  if (!decl) return undefined;
  const lines = [`**${decl.label || (zh ? tableDecl(format, table.id).title.zh : tableDecl(format, table.id).title.en)}**`, '', zh ? decl.explain.zh : decl.explain.en];
  const written = row.label?.text ?? '';
  if (row.match && row.match.quality !== 'exact') {
    lines.push('', zh ? `标准用语：${decl.label}（此处写作“${written}”）` : `Standard wording: ${decl.label} (written here as “${written}”)`);
  } else {
    lines.push('', zh ? `标准用语：${decl.label}` : `Standard wording: ${decl.label}`);
  }
  lines.push('', zh ? `表${TABLE_NUMBER[table.id]} · ${format} 年格式` : `Table ${table.id.slice(5)} · ${format} format`);
  return lines.join('\n');
}

function valueText(cell: DataCell): string {
  const v = cell.value;
  if (v.kind === 'number') return v.canonical;
  if (v.kind === 'placeholder') return v.text;
  if (v.kind === 'text') return v.text;
  return '';
}

function cellHover(table: TableInstance, format: FormatId, row: RowInstance, cell: DataCell, locale: Locale): string {
  const zh = locale === 'zh-cn';
  const name = cellName(cell, table, locale);
  const shown = valueText(cell);
  const lines = [`**${name}**${shown === '' ? (zh ? '（空白）' : ' (blank)') : ` = ${shown}`}`];
  if (table.id === 'table2') {
    const decl = row.id ? findRowDecl(format, table, cell.ref.section, row.id) : undefined;
    if (decl) lines.push('', zh ? decl.explain.zh : decl.explain.en);
    return lines.join('\n');
  }
  const analysis = analyzeTable(table, format);
  const relations = analysis.byCell.get(cell.key) ?? [];
  if (relations.length === 0) return lines.join('\n');
  lines.push('', zh ? '经过此单元格的勾稽关系：' : 'Relations through this cell:', '');
  for (const rel of relations) lines.push(`- ${relationLine(rel, cell, table, locale)}`);
  const derived = analysis.derived.get(cell.key);
  if (derived !== undefined && (cell.value.kind === 'blank' || cell.value.kind === 'placeholder')) {
    lines.push('', zh ? `由勾稽关系可知此格应为 ${derived}。` : `The relations say this cell is ${derived}.`);
  }
  return lines.join('\n');
}

/** Short name of an operand within a relation: its column in a row sum, its row otherwise. */
function operandName(rel: RelationState, cell: DataCell, table: TableInstance): string {
  const format = table.format ?? '2019';
  const alongRow = rel.decl.contiguous;
  if (alongRow) {
    const col = sectionDecl(format, table.id, cell.ref.section)?.columns.find((c) => c.id === cell.ref.column);
    return col?.label ?? cell.ref.column;
  }
  const decl = findRowDecl(format, table, cell.ref.section, cell.ref.row);
  const label = decl?.label ?? cell.ref.row;
  // 一、本年新收政府信息公开申请数量 → 一; （七）总计 stays as it is.
  const ordinal = /^([一二三四五六七八九十]+)、/.exec(label);
  return ordinal ? ordinal[1] : label.replace(/（区分处理的.*?）/, '');
}

function relationLine(rel: RelationState, hovered: DataCell, table: TableInstance, locale: Locale): string {
  const zh = locale === 'zh-cn';
  const title = zh ? ruleInfo(rel.decl.rule).title.zh : ruleInfo(rel.decl.rule).title.en;
  const value = (c: DataCell): string => {
    const n = countOf(c);
    const text = n !== undefined ? String(n) : c.value.kind === 'number' ? c.value.canonical : '?';
    return c === hovered ? `**${text}**` : text;
  };
  const where = rel.decl.contiguous ? '' : ` · ${columnLabel(rel, table)}`;
  const head = zh ? `${title}${where}（\`${rel.decl.rule}\`）：` : `${title}${where} (\`${rel.decl.rule}\`): `;
  const result = resultOf(rel);
  if (rel.status === 'absent') {
    return `${head}${zh ? '有行缺失，无法核对' : 'a row is missing; cannot be checked'}`;
  }
  const known = rel.status === 'holds' || rel.status === 'broken';
  const mark = rel.status === 'holds' ? '✓' : rel.status === 'broken' ? '✗' : '?';
  const eq = rel.status === 'broken' ? '≠' : '=';
  let body: string;
  if (result && rel.rhs.length === 1 && rel.rhs[0] === result) {
    const operands = rel.lhs.map(value).join(' + ');
    body = `${operandName(rel, result, table)} ${value(result)} ${eq} ${operands}${known ? ` = ${rel.lhsSum}` : ''}`;
  } else {
    const names = `${rel.lhs.map((c) => operandName(rel, c, table)).join(' + ')} = ${rel.rhs.map((c) => operandName(rel, c, table)).join(' + ')}`;
    body = `${rel.lhs.map(value).join(' + ')}${known ? ` = ${rel.lhsSum}` : ''} ${eq} ${rel.rhs.map(value).join(' + ')}${known ? ` = ${rel.rhsSum}` : ''}${zh ? `（${names}）` : ` (${names})`}`;
  }
  const note = known ? '' : zh ? '（有空白或无效的数，无法核对）' : ' (a blank or invalid operand: cannot be checked)';
  return `${mark} ${head}${body}${note}`;
}

/** The column a column-wise relation runs down, e.g. 自然人. */
function columnLabel(rel: RelationState, table: TableInstance): string {
  const format = table.format ?? '2019';
  const ref = rel.decl.result;
  return sectionDecl(format, table.id, ref.section)?.columns.find((c) => c.id === ref.column)?.label ?? ref.column;
}
