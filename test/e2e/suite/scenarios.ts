/**
 * The end-to-end scenarios: the extension in a real VS Code, checked through what VS Code reports.
 * The workspace is prepared by test/e2e/workspace.mjs.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  ARITHMETIC,
  applyEdits,
  cliCheck,
  cliLocale,
  closeAll,
  codeActions,
  codeOf,
  countByCode,
  describe,
  describeCli,
  diagnostics,
  discardActive,
  eventually,
  extension,
  file,
  log,
  mapPosition,
  open,
  setSetting,
  severityName,
  until,
  scratch,
  validateActive,
} from './helpers';

export interface Scenario {
  name: string;
  run(): Promise<void>;
}

/** Waits until the editor shows exactly what the CLI reports for the file (same engine, same options). */
async function settledLikeCli(uri: vscode.Uri, ms = 30_000): Promise<vscode.Diagnostic[]> {
  const expected = (cliCheck([uri.fsPath], cliLocale()).get(uri.fsPath) ?? []).map(describeCli).sort();
  await eventually(`the diagnostics of ${vscode.workspace.asRelativePath(uri)}`, () => {
    assert.deepEqual(diagnostics(uri).map(describe).sort(), expected);
  }, ms);
  return diagnostics(uri);
}

function textAt(doc: vscode.TextDocument, d: vscode.Diagnostic): string {
  return doc.getText(d.range);
}

// 1 ───────────────────────────────────────────────────────────────────────────────────────────
const SEED_NAMES = ['000_667c5a54eca75dc6.txt', '001_efe2eca494f81be5.txt', '002_3e9d78ad42ed105e.txt', '003_9eb6a65c53a7db1b.txt', '004_13c26623e78398c9.txt'];

/** What rules.md's table asks of each seed, on VS Code's diagnostics. */
const SEED_RULES: Record<string, (doc: vscode.TextDocument, list: vscode.Diagnostic[]) => void> = {
  '000': (doc, list) => {
    const count = countByCode(list);
    assert.ok(count['empty-cell'] > 0, 'empty-cell for the blank cells of tables 3 and 4');
    const unit = list.filter((d) => codeOf(d) === 'unit');
    assert.equal(unit.length, 1, 'one unit finding');
    assert.match(textAt(doc, unit[0]), /4902000/);
    assert.deepEqual(list.filter((d) => ARITHMETIC.includes(codeOf(d))).map(describe), [], 'no arithmetic errors');
    const blank = list.filter((d) => codeOf(d) === 'empty-cell').map((d) => d.range.start.line);
    const table4 = doc.getText().split('\n').findIndex((l) => /^#*\s*四、/.test(l));
    assert.ok(blank.some((l) => doc.lineAt(l).text.includes('本年新收')), 'blank cells of table 3');
    assert.ok(table4 > 0 && blank.some((l) => l > table4), 'blank cells of table 4');
  },
  '001': (_doc, list) => {
    assert.ok(list.some((d) => codeOf(d) === 'period'), 'period');
    const serious = list.filter((d) => d.severity <= vscode.DiagnosticSeverity.Warning && codeOf(d) !== 'period');
    assert.deepEqual(serious.map(describe), [], 'nothing else at error or warning level');
  },
  '002': (_doc, list) => {
    assert.ok(list.some((d) => codeOf(d) === 'empty-cell'), 'empty-cell for the blank cells of table 3');
    assert.deepEqual(list.filter((d) => ARITHMETIC.includes(codeOf(d)) || codeOf(d).startsWith('missing-')).map(describe), [], 'no arithmetic or missing-* findings');
  },
  '003': (doc, list) => {
    const unit = list.filter((d) => codeOf(d) === 'unit');
    assert.equal(unit.length, 1, 'unit');
    assert.match(textAt(doc, unit[0]), /2034\.38/);
    assert.deepEqual(list.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).map(describe), [], 'nothing at error level');
  },
  '004': (doc, list) => {
    const count = countByCode(list);
    assert.equal(count['empty-cell'], 18, 'empty-cell for the blank 自然人 cells of rows （一）…（五）5');
    assert.equal(count.label, 1, 'label');
    assert.equal(count.decimals, 1, 'decimals');
    assert.deepEqual(Object.keys(count), ['decimals', 'empty-cell', 'label']);
    const label = list.find((d) => codeOf(d) === 'label')!;
    assert.match(doc.lineAt(label.range.start.line).text, /2\.其他法律法规禁止公开/);
    assert.match(textAt(doc, list.find((d) => codeOf(d) === 'decimals')!), /1075\.178/);
  },
};

const seeds: Scenario = {
  name: '1. every seed shows the diagnostics rules.md asks for',
  async run() {
    for (const name of SEED_NAMES) {
      const editor = await open(`seeds/${name}`);
      const list = await settledLikeCli(editor.document.uri);
      SEED_RULES[name.slice(0, 3)](editor.document, list);
      log(`seed ${name.slice(0, 3)}:`, JSON.stringify(countByCode(list)));
    }
    assert.ok(extension().isActive, 'the extension is active');
    await closeAll();
  },
};

/**
 * The quick fixes VS Code offers for one diagnostic: asked for its range, which no other
 * diagnostic touches, so that the context holds that diagnostic alone. (The API command returns
 * actions without their `diagnostics`.)
 */
async function actionsFor(uri: vscode.Uri, all: vscode.Diagnostic[], target: vscode.Diagnostic): Promise<vscode.CodeAction[]> {
  const { start, end } = target.range;
  const probe = end.line === start.line && end.character > start.character + 1 ? new vscode.Range(start, start.translate(0, 1)) : target.range;
  // VS Code passes every diagnostic that touches the range, so none may even touch the probe.
  const others = all.filter((d) => d !== target && d.range.intersection(probe));
  assert.deepEqual(others.map(describe), [], `no other diagnostic at ${describe(target)}`);
  return codeActions(uri, probe, vscode.CodeActionKind.QuickFix.value);
}

// 2 ───────────────────────────────────────────────────────────────────────────────────────────
/** Applies the quick fix of one diagnostic and checks that only that diagnostic and its text change. */
async function quickFix(relative: string, pick: (d: vscode.Diagnostic) => boolean): Promise<void> {
  const editor = await open(relative);
  const doc = editor.document;
  const before = await settledLikeCli(doc.uri);
  const target = before.find(pick);
  assert.ok(target, `${relative} has the diagnostic to fix`);
  const actions = await actionsFor(doc.uri, before, target);
  // What the lightbulb puts first: the preferred fix, else the first one.
  const action = actions.find((a) => a.isPreferred) ?? actions[0];
  assert.ok(action?.edit, `a quick fix for ${describe(target)} (offered: ${actions.map((a) => a.title).join(' | ')})`);
  const edits = action.edit.get(doc.uri);
  assert.ok(edits.length > 0, 'the quick fix edits the document');
  const textBefore = doc.getText();
  assert.ok(await vscode.workspace.applyEdit(action.edit), 'VS Code applies the edit');
  if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
  log(`quick fix "${action.title}" on ${describe(target).split(' ').slice(0, 3).join(' ')}`);

  // The text changed exactly where the fix said, nowhere else.
  assert.equal(doc.getText(), applyEdits(textBefore, edits));
  // The fixed diagnostic is gone; every other one is still there, unchanged (moved with the text).
  const expected = before
    .filter((d) => d !== target)
    .map((d) => {
      const range = new vscode.Range(mapPosition(d.range.start, edits), mapPosition(d.range.end, edits));
      const moved = new vscode.Diagnostic(range, d.message, d.severity);
      moved.code = d.code;
      return describe(moved);
    })
    .sort();
  await eventually(`the diagnostics after "${action.title}"`, () => {
    assert.deepEqual(diagnostics(doc.uri).map(describe).sort(), expected);
  });
  await discardActive();
}

const quickFixes: Scenario = {
  name: '2. a quick fix removes its diagnostic and changes nothing else',
  async run() {
    // A wrong detail cell (a same-length replacement) …
    await quickFix('edit/quick-fix.txt', (d) => codeOf(d) === 'row-total');
    // … and a row label (the text after it on the same line moves, with its diagnostic).
    await quickFix('edit/quick-fix-004.txt', (d) => codeOf(d) === 'label');
  },
};

// 3 ───────────────────────────────────────────────────────────────────────────────────────────
const fixOnSave: Scenario = {
  name: '3. editor.codeActionsOnSave with source.fixAll.gkreport fixes every fixable finding on save',
  async run() {
    await setSetting('editor.codeActionsOnSave', { 'source.fixAll.gkreport': 'explicit' });
    try {
      const editor = await open('edit/fix-on-save.txt');
      const doc = editor.document;
      const before = await settledLikeCli(doc.uri);
      // Fixable: the finding has a preferred quick fix (the fixes fix-all applies).
      const fixable: vscode.Diagnostic[] = [];
      for (const d of before) if ((await actionsFor(doc.uri, before, d)).some((a) => a.isPreferred)) fixable.push(d);
      const rest = before.filter((d) => !fixable.includes(d));
      log('fixable:', fixable.map(codeOf).join(' '), '| not fixable:', rest.map(codeOf).join(' '));
      assert.ok(fixable.length >= 2 && rest.length >= 1, 'the report has fixable and unfixable findings');
      const textBefore = doc.getText();
      await vscode.commands.executeCommand('workbench.action.files.save');
      await eventually('the fixes of the save', () => {
        assert.notEqual(doc.getText(), textBefore, 'the save changed the text');
        assert.equal(doc.isDirty, false, 'the fixed text is saved');
        assert.deepEqual(diagnostics(doc.uri).map((d) => `${codeOf(d)} ${severityName(d)} ${d.message}`).sort(), rest.map((d) => `${codeOf(d)} ${severityName(d)} ${d.message}`).sort());
      });
      const onDisk = new TextDecoder().decode(await vscode.workspace.fs.readFile(doc.uri));
      assert.equal(onDisk, doc.getText(), 'the file on disk holds the fixes');
      await closeAll();
    } finally {
      await setSetting('editor.codeActionsOnSave', undefined);
    }
  },
};

// 4 ───────────────────────────────────────────────────────────────────────────────────────────
interface SnippetEntry {
  prefix: string[];
  body: string[];
}

async function readSnippets(): Promise<[string, SnippetEntry][]> {
  const ext = extension();
  const contributed = ext.packageJSON.contributes.snippets as { language: string; path: string }[];
  const languages = contributed.map((c) => c.language).sort();
  assert.deepEqual(languages, ['gkreport', 'markdown', 'plaintext']);
  const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(ext.extensionUri, contributed[0].path));
  return Object.entries(JSON.parse(new TextDecoder().decode(bytes)) as Record<string, SnippetEntry>);
}

async function insertSnippet(editor: vscode.TextEditor, name: string): Promise<void> {
  const before = editor.document.version;
  await vscode.commands.executeCommand('editor.action.insertSnippet', { langId: editor.document.languageId, name });
  await until(`the snippet "${name}"`, () => editor.document.version !== before);
  await vscode.commands.executeCommand('leaveSnippet');
}

/** Waits until a document that had findings has none, and the server agrees it is a clean report. */
async function checksClean(editor: vscode.TextEditor, what: string): Promise<void> {
  await eventually(`${what}: no diagnostics`, () => assert.deepEqual(diagnostics(editor.document.uri).map(describe), []));
  await vscode.window.showTextDocument(editor.document);
  assert.deepEqual(await validateActive(), { report: true, errors: 0, warnings: 0, infos: 0 }, `${what}: gkreport.validate`);
}

async function hasFindings(editor: vscode.TextEditor, what: string, code?: string): Promise<vscode.Diagnostic> {
  return until(`${what}: a finding${code ? ` ${code}` : ''}`, () => diagnostics(editor.document.uri).find((d) => !code || codeOf(d) === code));
}

/** The part heading a table belongs under, and the next one. */
const HEADINGS = ['一、总体情况', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况', '五、存在的主要问题及改进情况', '六、其他需要报告的事项'];

/** A document holding the skeleton of `format` and `layout`, placeholders at their defaults. */
async function skeleton(all: [string, SnippetEntry][], format: string, layout: string, language: string): Promise<vscode.TextEditor> {
  const entry = all.find(([, s]) => s.prefix[0] === `gkreport-skeleton-${format}-${layout}`);
  assert.ok(entry, `a skeleton snippet for ${format} ${layout}`);
  const year = format === '2019' ? 2020 : 2024;
  // A title alone: a report with every part missing, so that the check visibly runs.
  const editor = await scratch(language, `${layout === 'markdown' ? '# ' : ''}XX市XX局${year}年政府信息公开工作年度报告\n`);
  await hasFindings(editor, `${format} ${layout} title only`);
  await editor.edit((b) => b.delete(new vscode.Range(0, 0, editor.document.lineCount, 0)));
  await insertSnippet(editor, entry[0]);
  return editor;
}

const snippets: Scenario = {
  name: '4. every contributed snippet, inserted into a skeleton, gives a report that checks clean',
  async run() {
    const all = await readSnippets();
    let count = 0;
    for (const [name, snippet] of all) {
      const prefix = snippet.prefix[0];
      let m: RegExpExecArray | null;
      if ((m = /^gkreport-skeleton-(\d{4})-(markdown|tab)$/.exec(prefix))) {
        const languages = m[2] === 'markdown' ? ['markdown'] : ['gkreport', 'plaintext'];
        for (const language of languages) {
          const editor = await skeleton(all, m[1], m[2], language);
          await checksClean(editor, `${prefix} in ${language}`);
          await discardActive();
        }
      } else if ((m = /^gkreport-table(\d)-(\d{4})-(markdown|tab)$/.exec(prefix))) {
        const [, table, format, layout] = m;
        const language = layout === 'markdown' ? 'markdown' : 'gkreport';
        const editor = await skeleton(all, format, layout, language);
        await checksClean(editor, `skeleton for ${prefix}`);
        // Take the table out of its part, then insert it again from its snippet.
        const doc = editor.document;
        const isHeading = (line: string, part: number) => line.replace(/^#+\s*/, '').trim() === HEADINGS[part - 1];
        const lines = doc.getText().split('\n');
        const from = lines.findIndex((l) => isHeading(l, Number(table)));
        const to = lines.findIndex((l) => isHeading(l, Number(table) + 1));
        assert.ok(from >= 0 && to > from, `the skeleton has the headings of parts ${table} and ${Number(table) + 1}`);
        await editor.edit((b) => b.replace(new vscode.Range(from + 1, 0, to, 0), '\n\n\n'));
        await hasFindings(editor, `${prefix}: skeleton without table ${table}`, 'missing-table');
        editor.selection = new vscode.Selection(from + 2, 0, from + 2, 0);
        await insertSnippet(editor, name);
        await checksClean(editor, `${prefix} in ${language}`);
        await discardActive();
      } else if ((m = /^gkreport-disable(-next-line|-line|-file)?$/.exec(prefix))) {
        const editor = await skeleton(all, '2021', 'tab', 'gkreport');
        await checksClean(editor, `skeleton for ${prefix}`);
        // One wrong total: （一）予以公开's 总计 is 1 instead of 0 (row-total, the first code the snippet offers).
        const doc = editor.document;
        const line = doc.getText().split('\n').findIndex((l) => l.startsWith('（一）予以公开\t'));
        assert.ok(line >= 0, 'the skeleton has row （一）予以公开');
        const text = doc.lineAt(line).text;
        await editor.edit((b) => b.replace(new vscode.Range(line, text.length - 1, line, text.length), '1'));
        await hasFindings(editor, `${prefix}: a wrong total`, 'row-total');
        const kind = m[1] ?? '';
        if (kind === '-next-line') editor.selection = new vscode.Selection(line, 0, line, 0);
        else if (kind === '-line') editor.selection = new vscode.Selection(line, text.length, line, text.length);
        else if (kind === '') editor.selection = new vscode.Selection(line, 0, line, text.length);
        else editor.selection = new vscode.Selection(0, 0, 0, 0);
        await insertSnippet(editor, name);
        await checksClean(editor, `${prefix} in gkreport`);
        await discardActive();
      } else {
        assert.fail(`a snippet this scenario does not know: ${prefix}`);
      }
      count++;
    }
    log(`${count} snippets checked`);
    assert.equal(count, all.length);
  },
};

// 5 ───────────────────────────────────────────────────────────────────────────────────────────
const validateWorkspace: Scenario = {
  name: '5. "validate every report in the workspace" reports files that were never opened',
  async run() {
    const faulty = ['unopened/2020-faulty-pipe.txt', 'unopened/2021-faulty-tab.txt'].map(file);
    const clean = ['unopened/2021-correct-cells.txt', 'unopened/readme.md'].map(file);
    const opened = () => vscode.workspace.textDocuments.map((d) => d.uri.toString());
    // (The client may have pulled workspace diagnostics already; the command must deliver them in any case.)
    for (const uri of [...faulty, ...clean]) assert.ok(!opened().includes(uri.toString()), `${uri.fsPath} is not open`);
    const summary = await vscode.commands.executeCommand('gkreport.validateWorkspace');
    log('gkreport.validateWorkspace:', JSON.stringify(summary));
    const expected = cliCheck(faulty.map((u) => u.fsPath), cliLocale());
    for (const uri of faulty) {
      const want = (expected.get(uri.fsPath) ?? []).map(describeCli).sort();
      assert.ok(want.length > 0);
      await eventually(`the diagnostics of ${vscode.workspace.asRelativePath(uri)}`, () => assert.deepEqual(diagnostics(uri).map(describe).sort(), want));
    }
    for (const uri of clean) assert.deepEqual(diagnostics(uri).map(describe), [], `${vscode.workspace.asRelativePath(uri)} has no findings`);
    for (const uri of [...faulty, ...clean]) assert.ok(!opened().includes(uri.toString()), `${uri.fsPath} was not opened`);
  },
};

// 6 ───────────────────────────────────────────────────────────────────────────────────────────
const ruleSetting: Scenario = {
  name: '6. gkreport.rules turns a rule off (and changes a severity)',
  async run() {
    const editor = await open('seeds/004_13c26623e78398c9.txt');
    const uri = editor.document.uri;
    await settledLikeCli(uri);
    try {
      await setSetting('gkreport.rules', { 'empty-cell': 'off', label: 'error' });
      await eventually('empty-cell off, label an error', () => {
        assert.deepEqual(countByCode(diagnostics(uri)), { decimals: 1, label: 1 });
        assert.equal(diagnostics(uri).find((d) => codeOf(d) === 'label')?.severity, vscode.DiagnosticSeverity.Error);
      });
    } finally {
      await setSetting('gkreport.rules', undefined);
    }
    await eventually('the defaults again', () => assert.deepEqual(countByCode(diagnostics(uri)), { decimals: 1, 'empty-cell': 18, label: 1 }));
    await closeAll();
  },
};

// 7 ───────────────────────────────────────────────────────────────────────────────────────────
function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}

const PARTS = ['一', '二', '三', '四', '五', '六'];

async function sixParts(uri: vscode.Uri): Promise<void> {
  const symbols = await until('document symbols', async () => {
    const s = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', uri);
    return s && s.length > 0 ? s : undefined;
  });
  const parts = symbols.filter((s) => /^[一二三四五六]、/.test(s.name));
  assert.deepEqual(parts.map((s) => s.name[0]), PARTS, `the six parts in order (${symbols.map((s) => s.name).join(' | ')})`);
  const tables = parts.flatMap((p) => (p.children ?? []).map((c) => c.name));
  assert.ok(tables.length >= 3, `the tables inside the parts (${tables.join(' | ')})`);
  log('outline of', vscode.workspace.asRelativePath(uri) + ':', parts.map((p) => p.name).join(' / '));
}

const hoverAndOutline: Scenario = {
  name: '7. hover over a total shows the arithmetic; the outline lists the six parts',
  async run() {
    const editor = await open('features/2021-faulty-tab.txt');
    const doc = editor.document;
    await settledLikeCli(doc.uri);
    // The 总计 cell of the row whose total does not add up (its last cell).
    const line = doc.getText().split('\n').findIndex((l) => l.includes('4.保护第三方合法权益'));
    assert.ok(line >= 0);
    const text = doc.lineAt(line).text.replace(/\s+$/, '');
    const total = new vscode.Position(line, text.lastIndexOf('\t') + 1);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, total);
    const shown = hoverText(hovers ?? []).replace(/\*\*|`/g, '');
    log('hover:', shown.replace(/\s+/g, ' ').slice(0, 200));
    assert.match(shown, /总计/);
    assert.match(shown, /\d+ ≠ \d+( \+ \d+){5} = \d+/, 'the broken row total with its arithmetic');
    assert.match(shown, /✓/, 'the relations that hold');
    await sixParts(doc.uri);
    await sixParts((await open('features/2021-correct-cells.txt')).document.uri);
    await closeAll();
  },
};

// 8 ───────────────────────────────────────────────────────────────────────────────────────────
const markdown: Scenario = {
  name: '8. a Markdown report is checked; ordinary Markdown is not',
  async run() {
    const notes = await open('markdown/notes.md');
    assert.equal(notes.document.languageId, 'markdown');
    const report = await open('markdown/report.md');
    assert.equal(report.document.languageId, 'markdown');
    const list = await settledLikeCli(report.document.uri);
    assert.deepEqual(list.map(codeOf), ['period']);
    assert.deepEqual((await validateActive()).report, true);
    await vscode.window.showTextDocument(notes.document);
    assert.deepEqual(await validateActive(), { report: false, errors: 0, warnings: 0, infos: 0 });
    assert.deepEqual(diagnostics(notes.document.uri).map(describe), [], 'no findings in ordinary Markdown');
    await closeAll();
  },
};

// 9 ───────────────────────────────────────────────────────────────────────────────────────────
const commands: Scenario = {
  name: '9. the commands: validate, insert a table (with arguments and through its quick picks), fix all',
  async run() {
    const faulty = await open('features/2021-faulty-tab.txt');
    await settledLikeCli(faulty.document.uri);
    assert.deepEqual(await validateActive(), { report: true, errors: 3, warnings: 1, infos: 1 });

    // With arguments, no quick pick.
    const empty = await scratch('gkreport');
    assert.equal(await vscode.commands.executeCommand('gkreport.insertTable', { table: 'table4', format: '2021', layout: 'tab' }), true);
    assert.match(empty.document.getText(), /^行政复议\t/);
    await discardActive();

    // Through the quick picks, each answered with its default (Enter): the first table the document
    // lacks, the format of its report year, the layout its Markdown headings suggest.
    const draft = await scratch('gkreport', '# XX市XX局2020年政府信息公开工作年度报告\n\n');
    draft.selection = new vscode.Selection(2, 0, 2, 0);
    let done = false;
    const picked = Promise.resolve(vscode.commands.executeCommand('gkreport.insertTable')).finally(() => (done = true));
    await until('the three quick picks to be answered', async () => {
      if (!done) await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      return done;
    });
    assert.equal(await picked, true);
    assert.match(draft.document.getText(), /\n\| 第二十条第（一）项 \|/, 'table 2 in Markdown');
    assert.match(draft.document.getText(), /本年新制作数量/, 'in the 2019 format of a 2020 report');
    await discardActive();

    // Fix all: every preferred fix, the others left.
    const editor = await open('edit/fix-all.txt');
    const before = await settledLikeCli(editor.document.uri);
    const text = editor.document.getText();
    await vscode.commands.executeCommand('gkreport.fixAll');
    await eventually('the fixes of gkreport.fixAll', () => {
      assert.notEqual(editor.document.getText(), text);
      assert.deepEqual(diagnostics(editor.document.uri).map(codeOf).sort(), ['deadline', 'row-total']);
    });
    log(`fix all: ${before.length} findings → ${diagnostics(editor.document.uri).length}`);
    await discardActive();
    await closeAll();
  },
};

export const SCENARIOS: Scenario[] = [seeds, quickFixes, fixOnSave, snippets, validateWorkspace, ruleSetting, hoverAndOutline, markdown, commands];

