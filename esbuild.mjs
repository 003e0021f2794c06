// Builds the bundles in dist/ and compiles the tests to out/ (one bundle per test file).
import * as esbuild from 'esbuild';
import { existsSync, readdirSync, statSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const production = !process.argv.includes('--dev');
const watch = process.argv.includes('--watch');

/** Every file below `dir` whose name ends with `suffix`. */
function findFiles(dir, suffix) {
  let out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out = out.concat(findFiles(p, suffix));
    else if (p.endsWith(suffix)) out.push(p);
  }
  return out;
}

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // Chinese messages and labels as UTF-8 (3 bytes a character), not \uXXXX escapes (6).
  charset: 'utf8',
  sourcemap: false,
  logLevel: 'warning',
};

const bundles = [
  {
    ...common,
    entryPoints: { cli: 'server/src/cli/main.ts' },
    outdir: 'dist',
    minify: production,
    banner: { js: '#!/usr/bin/env node' },
  },
  {
    ...common,
    entryPoints: { server: 'server/src/server.ts' },
    outdir: 'dist',
    minify: production,
  },
  {
    ...common,
    entryPoints: { client: 'client/src/extension.ts' },
    outdir: 'dist',
    minify: production,
    external: ['vscode'],
  },
].filter((b) => Object.values(b.entryPoints).every((p) => existsSync(p)));

const tests = {
  ...common,
  entryPoints: findFiles('test', '.test.ts').concat(findFiles('test', '.bench.ts')),
  outdir: 'out/test',
  outbase: 'test',
  packages: 'external',
  sourcemap: 'inline',
};

// The end-to-end suite (test/e2e/suite/), run inside a VS Code extension host: out/e2e/suite/*.js.
const e2e = {
  ...common,
  entryPoints: ['test/e2e/suite/index.ts', 'test/e2e/suite/vsix.ts'].filter((p) => existsSync(p)),
  outdir: 'out/e2e/suite',
  external: ['vscode'],
  sourcemap: 'inline',
};

rmSync('out', { recursive: true, force: true });
if (watch) {
  for (const options of [...bundles, tests, e2e]) await (await esbuild.context(options)).watch();
} else {
  await Promise.all([...bundles, tests, e2e].map((options) => esbuild.build(options)));
}
