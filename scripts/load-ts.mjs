// Loads a TypeScript module of this repository in Node: bundles it with esbuild (in memory, as
// CommonJS) and evaluates it. Used by the generator scripts, which run without a build step.
import * as esbuild from 'esbuild';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';

export async function loadTs(path) {
  const file = resolve(path);
  const result = await esbuild.build({ entryPoints: [file], bundle: true, platform: 'node', format: 'cjs', write: false, logLevel: 'warning' });
  const module = { exports: {} };
  const fn = new Function('module', 'exports', 'require', '__filename', '__dirname', result.outputFiles[0].text);
  fn(module, module.exports, createRequire(file), file, resolve(file, '..'));
  return module.exports;
}
