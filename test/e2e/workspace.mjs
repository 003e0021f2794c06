// The workspaces the end-to-end tests open: fresh copies of the seeds and samples in a temporary
// folder, so that the edits, saves and settings of the scenarios never touch the repository.
import { cpSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './tools.mjs';

/** Settings of the test workspace: nothing that pops up, nothing saved behind the tests' back. */
const SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'files.autoSave': 'off',
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'editor.formatOnSave': false,
  'git.enabled': false,
  'chat.disableAIFeatures': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'files.exclude': { '**/.vscode': true },
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

function copy(from, to) {
  mkdirSync(join(to, '..'), { recursive: true });
  cpSync(from, to);
}

function write(path, text) {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
}

/**
 * The scenario workspace (what test/e2e/suite/ expects):
 *   seeds/       the five seed reports (test/fixtures/00*.txt)
 *   edit/        copies that quick fixes, fix-on-save and fix-all change
 *   features/    a faulty and a correct report for hover and outline
 *   unopened/    reports no scenario opens before "validate every report in the workspace"
 *   markdown/    a Markdown report with a wrong period, and an ordinary Markdown file
 */
export function prepareWorkspace(folder) {
  mkdirSync(folder, { recursive: true });
  write(join(folder, '.vscode', 'settings.json'), JSON.stringify(SETTINGS, null, 2) + '\n');
  const fixtures = join(root, 'test', 'fixtures');
  for (const name of readdirSync(fixtures).filter((n) => /^00\d_.*\.txt$/.test(n)).sort()) {
    copy(join(fixtures, name), join(folder, 'seeds', name));
  }
  const samples = join(root, 'samples');
  copy(join(samples, '2021-faulty-tab.txt'), join(folder, 'edit', 'quick-fix.txt'));
  copy(join(fixtures, '004_13c26623e78398c9.txt'), join(folder, 'edit', 'quick-fix-004.txt'));
  copy(join(samples, '2021-faulty-tab.txt'), join(folder, 'edit', 'fix-on-save.txt'));
  copy(join(samples, '2021-faulty-tab.txt'), join(folder, 'edit', 'fix-all.txt'));
  copy(join(samples, '2021-faulty-tab.txt'), join(folder, 'features', '2021-faulty-tab.txt'));
  copy(join(samples, '2021-correct-cells.txt'), join(folder, 'features', '2021-correct-cells.txt'));
  copy(join(samples, '2020-faulty-pipe.txt'), join(folder, 'unopened', '2020-faulty-pipe.txt'));
  copy(join(samples, '2021-faulty-tab.txt'), join(folder, 'unopened', '2021-faulty-tab.txt'));
  copy(join(samples, '2021-correct-cells.txt'), join(folder, 'unopened', '2021-correct-cells.txt'));
  write(join(folder, 'unopened', 'readme.md'), '# Notes\n\nNot a report: 1 + 1 = 3.\n');

  // A Markdown report whose statistics period runs into the next year.
  const markdown = readFileSync(join(samples, '2022-correct-markdown.md'), 'utf8');
  const faulty = markdown.replace('至2022年12月31日', '至2023年12月31日');
  if (faulty === markdown) throw new Error('samples/2022-correct-markdown.md no longer states its period as expected');
  write(join(folder, 'markdown', 'report.md'), faulty);
  // Ordinary Markdown, with a table whose "total" is wrong: nothing to check here.
  write(
    join(folder, 'markdown', 'notes.md'),
    '# Meeting notes\n\nNothing to check here: 1 + 1 = 3.\n\n| item | count |\n|---|---|\n| a | 1 |\n| b | 2 |\n| 总计 | 5 |\n',
  );
  return folder;
}

/** The workspace of the UI test: copies of the samples (but `exclude`). */
export function prepareSamplesWorkspace(folder, { exclude = [] } = {}) {
  mkdirSync(folder, { recursive: true });
  write(join(folder, '.vscode', 'settings.json'), JSON.stringify(SETTINGS, null, 2) + '\n');
  for (const name of readdirSync(join(root, 'samples'))) {
    if (!exclude.includes(name)) copy(join(root, 'samples', name), join(folder, name));
  }
  return folder;
}
