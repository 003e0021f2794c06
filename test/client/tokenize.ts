/**
 * Test helper: tokenizes text with the extension's TextMate grammar (vscode-textmate with the
 * Oniguruma WebAssembly build, the engine VS Code itself uses).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';
import { repoRoot } from '../helpers';

export interface Token {
  text: string;
  scopes: string[];
}

let grammar: Promise<textmate.IGrammar> | undefined;

function loadGrammar(): Promise<textmate.IGrammar> {
  grammar ??= (async () => {
    const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer);
    const registry = new textmate.Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
        createOnigString: (s) => new oniguruma.OnigString(s),
      }),
      loadGrammar: async (scopeName) => {
        if (scopeName !== 'text.gkreport') return null;
        const path = join(repoRoot(), 'syntaxes', 'gkreport.tmLanguage.json');
        return textmate.parseRawGrammar(readFileSync(path, 'utf8'), path);
      },
    });
    const g = await registry.loadGrammar('text.gkreport');
    if (!g) throw new Error('grammar text.gkreport not found');
    return g;
  })();
  return grammar;
}

/** The tokens of every line of `text`. */
export async function tokenize(text: string): Promise<Token[][]> {
  const g = await loadGrammar();
  let state = textmate.INITIAL;
  const out: Token[][] = [];
  for (const line of text.split(/\r?\n/)) {
    const r = g.tokenizeLine(line, state);
    out.push(r.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes })));
    state = r.ruleStack;
  }
  return out;
}

/** The texts of the tokens whose innermost scopes include one starting with `scope`. */
export function textsWithScope(lines: Token[][], scope: string): string[] {
  return lines.flat().filter((t) => t.scopes.some((s) => s.startsWith(scope))).map((t) => t.text);
}
