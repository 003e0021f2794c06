// Writes syntaxes/gkreport.tmLanguage.json from scripts/grammar.ts.
import { writeFileSync } from 'node:fs';
import { loadTs } from './load-ts.mjs';

const { grammarJson } = await loadTs('scripts/grammar.ts');
writeFileSync('syntaxes/gkreport.tmLanguage.json', grammarJson());
console.log('wrote syntaxes/gkreport.tmLanguage.json');
