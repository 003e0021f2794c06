// End-to-end checks of the extension inside a real VS Code extension host (run by run.mjs; the
// `exports.run` shape is the one @vscode/test-electron uses). Not part of `npm test`.
const vscode = require('vscode');
const assert = require('assert');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function until(what, fn, ms = 20000) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error('timed out waiting for ' + what);
    await sleep(200);
  }
}
const file = (name) => vscode.Uri.joinPath(vscode.workspace.workspaceFolders[0].uri, name);
const gk = (uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'gkreport');
const codes = (uri) => gk(uri).map((d) => (d.code && typeof d.code === 'object' ? d.code.value : d.code));
const log = (...a) => console.log('[e2e]', ...a);

exports.run = async () => {
  const ext = vscode.extensions.getExtension('gkreport.gkreport');
  assert.ok(ext, 'the extension is installed');

  // A faulty plain-text report: the server checks it, diagnostics arrive.
  const faulty = await vscode.workspace.openTextDocument(file('faulty.txt'));
  await vscode.window.showTextDocument(faulty);
  assert.equal(faulty.languageId, 'plaintext');
  await until('activation', () => ext.isActive);
  await until('diagnostics of faulty.txt', () => gk(faulty.uri).length >= 5);
  assert.deepEqual(codes(faulty.uri).sort(), ['deadline', 'empty-cell', 'label', 'period', 'row-total']);
  log('faulty.txt:', codes(faulty.uri).join(' '));

  const all = await vscode.commands.getCommands(true);
  for (const c of ['gkreport.validate', 'gkreport.validateWorkspace', 'gkreport.insertTable', 'gkreport.fixAll', 'gkreport.showOutput']) assert.ok(all.includes(c), c);

  // A .gkreport file: language, grammar, a clean report.
  const report = await vscode.workspace.openTextDocument(file('report.gkreport'));
  assert.equal(report.languageId, 'gkreport');
  await vscode.window.showTextDocument(report);
  await sleep(1500);
  assert.deepEqual(codes(report.uri), []);

  // Markdown that is no report: nothing.
  const notes = await vscode.workspace.openTextDocument(file('notes.md'));
  await vscode.window.showTextDocument(notes);
  await sleep(1500);
  assert.deepEqual(codes(notes.uri), []);

  // Commands that talk to the server.
  await vscode.window.showTextDocument(faulty);
  const t0 = Date.now();
  assert.deepEqual(await vscode.commands.executeCommand('gkreport.validate'), { report: true, errors: 3, warnings: 1, infos: 1 });
  log('validate took', Date.now() - t0, 'ms');
  const summary = await vscode.commands.executeCommand('gkreport.validateWorkspace');
  log('validateWorkspace:', JSON.stringify(summary));
  assert.ok(summary, 'validateWorkspace returns a summary');

  // Table insertion with arguments (no quick pick).
  const empty = await vscode.workspace.openTextDocument(file('empty.gkreport'));
  const editor = await vscode.window.showTextDocument(empty);
  assert.equal(await vscode.commands.executeCommand('gkreport.insertTable', { table: 'table4', format: '2021', layout: 'tab' }), true);
  assert.match(editor.document.getText(), /^行政复议\t/);

  // The quick picks: Enter three times takes the defaults — the first table the document lacks,
  // the format of its report year, the layout its Markdown headings suggest.
  const draft = await vscode.workspace.openTextDocument({ language: 'gkreport', content: '# XX市XX局2020年政府信息公开工作年度报告\n\n' });
  const ed3 = await vscode.window.showTextDocument(draft);
  ed3.selection = new vscode.Selection(2, 0, 2, 0);
  const picked = vscode.commands.executeCommand('gkreport.insertTable');
  for (let i = 0; i < 3; i++) {
    await sleep(800);
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
  }
  assert.equal(await picked, true);
  assert.match(draft.getText(), /\n\| 第二十条第（一）项 \|/);
  assert.match(draft.getText(), /本年新制作数量/);

  // A snippet by name: VS Code re-indents its leading tabs; the table must still check clean.
  const untitled = await vscode.workspace.openTextDocument({ language: 'gkreport', content: '' });
  const ed2 = await vscode.window.showTextDocument(untitled);
  await vscode.commands.executeCommand('editor.action.insertSnippet', { langId: 'gkreport', name: '表三（2021 格式，制表符分隔） / Table 3 (2021 format, tab-separated)' });
  await until('the snippet', () => ed2.document.getText().includes('（七）总计'));
  await sleep(2000);
  const arithmetic = codes(untitled.uri).filter((c) => ['row-total', 'column-total', 'balance', 'empty-cell', 'missing-row', 'invalid-number'].includes(c));
  assert.deepEqual(arithmetic, []);

  // Fix all.
  await vscode.window.showTextDocument(faulty);
  const before = faulty.getText();
  await vscode.commands.executeCommand('gkreport.fixAll');
  await until('fixes', () => faulty.getText() !== before && gk(faulty.uri).length < 5, 10000);
  log('after fixAll:', codes(faulty.uri).join(' '));

  await vscode.commands.executeCommand('gkreport.showOutput');
  await vscode.window.showTextDocument(faulty);
  await sleep(1000);
  // The driver reads the language status item now, while the extension host still runs.
  log('SNAPSHOT');
  await sleep(6000);
  log('done');
};
