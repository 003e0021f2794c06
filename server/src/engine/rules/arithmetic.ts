/**
 * Shared reporting for the four arithmetic rules (row-total, column-total, balance,
 * appeal-total): one diagnostic per wrong cell when a single cell explains the broken relations,
 * otherwise one per broken relation.
 */
import type { CellExplanation, RelationExplanation, RelationState } from '../analysis/relations';
import { countOf, resultOf } from '../analysis/relations';
import { setCellEdit } from '../fixes/edits';
import type { DataCell, TableInstance } from '../model';
import type { Position, Range } from 'vscode-languageserver-types';
import type { RelatedInfo, RuleCode } from '../types';
import { countForCell, type StatedCount } from './narrative';
import type { RuleContext } from './rule';

const ORDER: RuleCode[] = ['row-total', 'column-total', 'balance', 'appeal-total'];

/** The rule that owns a wrong cell: the relation it is the result of, else the first in catalogue order. */
function ownerOf(ctx: RuleContext, exp: CellExplanation): RuleCode | undefined {
  const key = exp.cell.key;
  const enabled = exp.relations.filter((r) => ctx.enabled(r.decl.rule));
  const asResult = enabled.filter((r) => r.decl.resultKey === key);
  const pick = (list: RelationState[]) => [...list].sort((a, b) => ORDER.indexOf(a.decl.rule) - ORDER.indexOf(b.decl.rule))[0];
  return (pick(asResult) ?? pick(enabled))?.decl.rule;
}

/** The arithmetic of a relation as text: `1 + 0 + 34 = 35`. */
export function arithmetic(rel: RelationState): string {
  return `${sideText(rel.lhs)} = ${sideText(rel.rhs)}`;
}

function sideText(cells: DataCell[]): string {
  let text = '';
  for (let i = 0; i < cells.length; i++) text += (i > 0 ? ' + ' : '') + String(countOf(cells[i]) ?? '?');
  return text;
}

function relationText(ctx: RuleContext, rel: RelationState): string {
  return ctx.t({ zh: '{rule}：{lhs} = {l}，{rhs} = {r}', en: '{rule}: {lhs} = {l}, {rhs} = {r}' }, { rule: rel.decl.rule, lhs: sideText(rel.lhs), l: rel.lhsSum, rhs: sideText(rel.rhs), r: rel.rhsSum });
}

function related(ctx: RuleContext, table: TableInstance, rels: RelationState[]): RelatedInfo[] {
  return rels.map((rel) => ({ range: ctx.cellRange(resultOf(rel) ?? rel.rhs[0], table), message: relationText(ctx, rel) }));
}

/** The range from the first to the last of a relation's cells, for relations written as one block. */
function blockRange(ctx: RuleContext, table: TableInstance, rel: RelationState): Range {
  let start: Position | undefined;
  let end: Position | undefined;
  for (const cells of [rel.lhs, rel.rhs]) {
    for (const c of cells) {
      const r = ctx.cellRange(c, table);
      if (!start || before(r.start, start)) start = r.start;
      if (!end || before(end, r.end)) end = r.end;
    }
  }
  return { start: start!, end: end! };
}

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

function reportCell(ctx: RuleContext, table: TableInstance, exp: CellExplanation, code: RuleCode): void {
  const actual = countOf(exp.cell)!;
  const isResult = exp.relations.some((r) => r.decl.resultKey === exp.cell.key && r.decl.rule === code);
  const rel = exp.relations.find((r) => r.decl.rule === code) ?? exp.relations[0];
  const others = [...rel.lhs, ...rel.rhs].filter((c) => c !== exp.cell);
  const message = isResult && rel.rhs.length === 1
    ? ctx.t({ zh: '{name} 应为 {expected}（{sum}），实际为 {actual}', en: '{name} should be {expected} ({sum}), found {actual}' }, { name: ctx.cellName(exp.cell, table), expected: exp.expected, sum: sideText(others), actual })
    : ctx.t(
        { zh: '{name} 应为 {expected}，实际为 {actual}：改为 {expected} 可使 {count} 处勾稽关系同时成立', en: '{name} should be {expected}, found {actual}: {expected} makes all {count} broken relations through this cell hold' },
        { name: ctx.cellName(exp.cell, table), expected: exp.expected, actual, count: exp.relations.length },
      );
  // In a row that lacks cells, the values may stand in the wrong columns.
  const certain = isResult && exp.relations.every((r) => !r.lhs.some((c) => c.rowIncomplete) && !r.rhs.some((c) => c.rowIncomplete));
  const disputing = certain ? textDisputing(ctx, exp.cell, exp.expected) : [];
  ctx.report({
    code,
    range: ctx.cellRange(exp.cell, table),
    message,
    fixes: [{
      title: ctx.t({ zh: '改为 {v}', en: 'Change to {v}' }, { v: exp.expected }),
      edits: [setCellEdit(ctx.model, table, exp.cell, String(exp.expected))],
      preferred: certain && disputing.length === 0,
    }],
    related: [
      ...related(ctx, table, exp.relations),
      ...disputing.map((s) => ({ range: ctx.range(s.span), message: ctx.t({ zh: '正文称 {n} 件', en: 'The text says {n}' }, { n: s.value }) })),
    ],
  });
}

/**
 * The statements of the report's text that dispute a correction: they count the cell (alone or
 * with others) and none of them agrees with the corrected value. The text stating the value as
 * written (`被申请行政复议3件` beside a 总计 of 3 whose outcomes add up to 49), or another value
 * still, makes the correction doubtful: a detail cell, or the text, may be the slip.
 */
function textDisputing(ctx: RuleContext, cell: DataCell, expected: number): StatedCount[] {
  const stated = ctx.statedInText(cell).filter((s) => countForCell(s) !== undefined);
  return stated.some((s) => countForCell(s) === expected) ? [] : stated;
}

function reportRelation(ctx: RuleContext, table: TableInstance, exp: RelationExplanation): void {
  const rel = exp.relation;
  const result = resultOf(rel)!;
  const range = rel.decl.contiguous ? blockRange(ctx, table, rel) : ctx.cellRange(result, table);
  const sum = rel.rhs.length === 1 ? sideText([...rel.lhs, ...rel.rhs].filter((c) => c !== result)) : arithmetic(rel);
  const message = ctx.t(
    { zh: '{name} 应为 {expected}（{sum}），实际为 {actual}', en: '{name} should be {expected} ({sum}), found {actual}' },
    { name: ctx.cellName(result, table), expected: exp.expected ?? '?', sum, actual: countOf(result)! },
  );
  ctx.report({
    range,
    message,
    fixes: exp.expected === undefined ? [] : [{
      title: ctx.t({ zh: '将{name}改为 {v}', en: 'Set {name} to {v}' }, { name: ctx.cellName(result, table), v: exp.expected }),
      edits: [setCellEdit(ctx.model, table, result, String(exp.expected))],
      preferred: false,
    }],
    related: related(ctx, table, [rel]),
  });
}

/** Reports the broken relations of `code` in every table, localised as `rules.md` describes. */
export function reportArithmetic(ctx: RuleContext, code: RuleCode): void {
  for (const table of ctx.model.tables) {
    const analysis = ctx.analysis(table);
    for (const exp of analysis.explanations) {
      if (exp.kind === 'cell') {
        if (ownerOf(ctx, exp) === code) reportCell(ctx, table, exp, code);
      } else if (exp.relation.decl.rule === code) {
        reportRelation(ctx, table, exp);
      }
    }
  }
}
