// Writes snippets/gkreport.json from scripts/snippets.ts (tables rendered by the engine).
import { writeFileSync } from 'node:fs';
import { loadTs } from './load-ts.mjs';

const { snippetsJson } = await loadTs('scripts/snippets.ts');
writeFileSync('snippets/gkreport.json', snippetsJson());
console.log('wrote snippets/gkreport.json');
