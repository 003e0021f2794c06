/**
 * The committed snippets are what scripts/snippets.ts builds from the engine's table renderer, and
 * every snippet body, its placeholders resolved, parses back into the tables it promises without
 * an arithmetic, empty-cell or missing-row finding.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { checkReport, parseReport } from '../../server/src/engine';
import { buildSnippets, escapeSnippet, snippetsJson, type Snippet } from '../../scripts/snippets';
import { repoRoot } from '../helpers';

/**
 * The text VS Code inserts for a snippet body with every placeholder left at its default:
 * `${1:x}` → x, `${1|a,b|}` → a, `$1`/`${1}` → the default of tabstop 1, variables → '', and
 * the escapes `\$`, `\}`, `\\` undone.
 */
export function resolveSnippet(body: string): string {
  const defaults = new Map<string, string>();
  const tokenRe = /\\([\\$}])|\$\{(\d+):((?:[^}\\]|\\.)*)\}|\$\{(\d+)\|([^|]*)\|\}|\$\{?(\d+)\}?|\$\{?([A-Z_]+)\}?/g;
  for (const m of body.matchAll(tokenRe)) {
    if (m[2] && !defaults.has(m[2])) defaults.set(m[2], m[3].replace(/\\([\\$}])/g, '$1'));
    if (m[4] && !defaults.has(m[4])) defaults.set(m[4], m[5].split(',')[0]);
  }
  return body.replace(tokenRe, (_all, esc, n1, d1, n2, _choices, n3) => {
    if (esc) return esc;
    if (n1) return defaults.get(n1) ?? d1;
    if (n2) return defaults.get(n2) ?? '';
    if (n3) return defaults.get(n3) ?? '';
    return '';
  });
}

/**
 * What VS Code makes of a multi-line snippet when the editor indents with spaces: the leading
 * whitespace of every line after the first is normalised (a tab → 4 spaces).
 */
function withSpaceIndentation(text: string): string {
  return text
    .split('\n')
    .map((line, i) => (i === 0 ? line : line.replace(/^[\t ]+/, (ws) => ws.replace(/\t/g, '    '))))
    .join('\n');
}

const ARITHMETIC = new Set(['row-total', 'column-total', 'balance', 'appeal-total', 'empty-cell', 'missing-row', 'invalid-number']);

const snippets = Object.entries(buildSnippets());

function tableOf(snippet: Snippet): string | undefined {
  return /gkreport-table(\d)-/.exec(snippet.prefix[0])?.[1];
}

describe('snippets', () => {
  it('the committed snippets/gkreport.json is what the renderer produces now (npm run generate-snippets)', () => {
    const committed = readFileSync(join(repoRoot(), 'snippets', 'gkreport.json'), 'utf8');
    assert.equal(committed, snippetsJson());
  });

  it('offers a skeleton and tables 2, 3 and 4 of both formats in the Markdown and tab layouts', () => {
    const prefixes = new Set(snippets.map(([, s]) => s.prefix[0]));
    for (const format of ['2019', '2021']) {
      for (const layout of ['markdown', 'tab']) {
        assert.ok(prefixes.has(`gkreport-skeleton-${format}-${layout}`));
        for (const n of [2, 3, 4]) assert.ok(prefixes.has(`gkreport-table${n}-${format}-${layout}`), `table ${n} ${format} ${layout}`);
      }
    }
    for (const kind of ['disable-next-line', 'disable-line', 'disable', 'disable-file']) assert.ok(prefixes.has(`gkreport-${kind}`));
  });

  it('escapes $, } and \\ in literal text', () => {
    assert.equal(escapeSnippet('a$b}c\\d'), 'a\\$b\\}c\\\\d');
    assert.equal(resolveSnippet(escapeSnippet('a$1b}c\\d')), 'a$1b}c\\d');
    assert.equal(resolveSnippet('${1:甲}乙$1${2|x,y|}$0'), '甲乙甲x');
  });

  it('writes tab characters as \\t, never literally, in the JSON', () => {
    const json = readFileSync(join(repoRoot(), 'snippets', 'gkreport.json'), 'utf8');
    assert.ok(!json.includes('\t'));
    assert.ok(json.includes('\\t'));
  });

  for (const [name, snippet] of snippets) {
    const n = tableOf(snippet);
    const skeleton = snippet.prefix[0].startsWith('gkreport-skeleton-');
    if (!n && !skeleton) continue;
    const format = /-(2019|2021)-/.exec(snippet.prefix[0])![1];
    const text = resolveSnippet(snippet.body.join('\n'));
    const variants: [string, string][] = [['as written', text]];
    if (snippet.prefix[0].endsWith('-tab')) variants.push(['indented with spaces by the editor', withSpaceIndentation(text)]);
    for (const [how, body] of variants) {
      it(`${name} parses back clean (${how})`, () => {
        const model = parseReport(body, { template: format as '2019' | '2021' });
        const expected = n ? [`table${n}`] : ['table2', 'table3', 'table4'];
        assert.deepEqual(
          model.tables.map((t) => t.id),
          expected,
        );
        for (const table of model.tables) assert.equal(table.format ?? format, format, `${table.id} follows the ${format} format`);
        const { findings } = checkReport({ text: body, model, options: { template: format as '2019' | '2021' } });
        const bad = findings.filter((f) => ARITHMETIC.has(f.code) || (skeleton && f.severity !== 'info'));
        assert.deepEqual(
          bad.map((f) => `${f.code} ${f.range.start.line + 1}: ${f.message}`),
          [],
        );
      });
    }
  }
});
