// Compiles the benchmark (bench/run.ts, with the engine sources it measures) to out/bench/run.js.
// Run after `npm run build` (which empties out/); `npm run bench` does both. `--outdir <dir>`
// builds elsewhere (outside the repository, run it with GKBENCH_ROOT=<repo> NODE_PATH=<repo>/node_modules).
import * as esbuild from 'esbuild';

const i = process.argv.indexOf('--outdir');
const outdir = i >= 0 ? process.argv[i + 1] : 'out/bench';

await esbuild.build({
  entryPoints: { run: 'bench/run.ts' },
  outdir,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // Dependencies (vscode-languageserver-protocol) are loaded from node_modules; the engine is
  // compiled in, unminified, with a source map for `npm run bench:profile`.
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
});
