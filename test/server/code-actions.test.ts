/**
 * Code actions of the bundled server, applied the way an editor applies them: each WorkspaceEdit
 * is applied to the text with the engine's `applyEdits` and sent back as incremental didChange
 * events; the next diagnostics show the problem gone.
 */
import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { CodeAction, Diagnostic, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol/node';
import { checkReport } from '../../server/src/engine/check';
import { applyEdits, fixText } from '../../server/src/engine/fixes/apply';
import { readFixture, SEEDS } from '../helpers';
import { docUri, TestClient } from './lsp-client';

let client: TestClient | undefined;
afterEach(async () => {
  await client?.stop();
  client = undefined;
});

/** The edits of a workspace edit for one document (documentChanges or changes). */
export function editsOf(edit: WorkspaceEdit | undefined, uri: string, version?: number): TextEdit[] {
  assert.ok(edit, 'the action has an edit');
  if (edit.documentChanges) {
    const change = edit.documentChanges.find((c) => 'textDocument' in c && c.textDocument.uri === uri) as { textDocument: { version: number | null }; edits: TextEdit[] } | undefined;
    assert.ok(change, 'a change for the document');
    if (version !== undefined) assert.equal(change.textDocument.version, version, 'the edit is for the current version');
    return change.edits;
  }
  return edit.changes?.[uri] ?? [];
}

/** An open document and its history as the test client sees it. */
class Doc {
  version = 1;
  constructor(
    readonly client: TestClient,
    readonly uri: string,
    public text: string,
  ) {}

  static async open(client: TestClient, name: string, text: string): Promise<Doc> {
    const doc = new Doc(client, docUri(name), text);
    await client.open(doc.uri, text);
    return doc;
  }

  diagnostics(): Promise<Diagnostic[]> {
    return this.client.diagnosticsFor(this.uri, this.version);
  }

  /** Applies edits like an editor: new text via applyEdits, sent as incremental changes, last edit first. */
  async apply(edits: TextEdit[]): Promise<void> {
    const next = applyEdits(this.text, edits);
    const sorted = [...edits].sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character);
    this.version++;
    this.text = next;
    await this.client.change(
      this.uri,
      this.version,
      sorted.map((e) => ({ range: e.range, text: e.newText })),
    );
  }

  actions(diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
    const range = diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    return this.client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: this.uri },
      range,
      context: { diagnostics, ...(only ? { only } : {}) },
    });
  }
}

/** The engine's findings for a text, as the server would show them (English, defaults). */
const engine = (text: string) => checkReport({ text, options: { locale: 'en' } }).findings;

describe('quick fixes', () => {
  it('offers the engine\'s fixes for a diagnostic; applying the preferred one removes it', async () => {
    client = await TestClient.start();
    const doc = await Doc.open(client, '004.txt', readFixture(SEEDS['004']));
    const ds = await doc.diagnostics();
    const target = ds.find((d) => d.code === 'empty-cell')!;
    const actions = await doc.actions([target]);
    const finding = engine(doc.text).find((f) => f.code === 'empty-cell')!;
    const fixes = actions.filter((a) => a.kind === 'quickfix' && finding.fixes.some((f) => f.title === a.title));
    assert.equal(fixes.length, finding.fixes.length, 'one quick fix per engine fix');
    const preferred = fixes.find((a) => a.isPreferred);
    assert.ok(preferred, 'the derived value is the preferred fix');
    assert.deepEqual(preferred.diagnostics, [target]);
    await doc.apply(editsOf(preferred.edit, doc.uri, 1));
    const after = await doc.diagnostics();
    assert.equal(after.filter((d) => d.code === 'empty-cell').length, ds.filter((d) => d.code === 'empty-cell').length - 1);
    assert.ok(!after.some((d) => d.code === 'empty-cell' && d.range.start.line === target.range.start.line && d.range.start.character === target.range.start.character));
    assert.deepEqual(after.map((d) => d.message), engine(doc.text).map((f) => f.message), 'the server sees the same text');
  });

  it('fixes every finding of a code in the document at once', async () => {
    client = await TestClient.start();
    const doc = await Doc.open(client, '004-all.txt', readFixture(SEEDS['004']));
    const ds = await doc.diagnostics();
    const blanks = ds.filter((d) => d.code === 'empty-cell');
    assert.ok(blanks.length > 1);
    const actions = await doc.actions([blanks[3]]);
    const all = actions.find((a) => /^Fix all \d+ empty-cell problems/.test(a.title));
    assert.ok(all, `a fix-all-empty-cell action among ${actions.map((a) => a.title).join(' | ')}`);
    assert.equal(all.diagnostics?.length, blanks.length);
    await doc.apply(editsOf(all.edit, doc.uri));
    const after = await doc.diagnostics();
    assert.equal(after.filter((d) => d.code === 'empty-cell').length, 0);
    assert.deepEqual(after.map((d) => d.code), engine(doc.text).map((f) => f.code));
  });

  it('inserts a disable comment above the line, with its indentation and the document\'s line breaks', async () => {
    client = await TestClient.start();
    const crlf = readFixture(SEEDS['004']).replace(/\r?\n/g, '\r\n');
    const doc = await Doc.open(client, '004-crlf.txt', crlf);
    const ds = await doc.diagnostics();
    const target = ds.find((d) => d.code === 'empty-cell' && d.range.start.line === 55)!;
    assert.ok(target, 'a blank cell on line 56');
    const lineText = crlf.split('\r\n')[target.range.start.line];
    const indent = /^[ \t]*/.exec(lineText)![0];
    const actions = await doc.actions([target]);
    const disable = actions.find((a) => a.title.startsWith('Disable empty-cell'));
    assert.ok(disable);
    const edits = editsOf(disable.edit, doc.uri);
    assert.deepEqual(edits, [{ range: { start: { line: 55, character: 0 }, end: { line: 55, character: 0 } }, newText: `${indent}<!-- gkreport-disable-next-line empty-cell -->\r\n` }]);
    await doc.apply(edits);
    const after = await doc.diagnostics();
    assert.equal(after.length, ds.length - 1, 'exactly that diagnostic is gone');
    assert.ok(!after.some((d) => d.code === 'empty-cell' && d.range.start.line === 56), 'the line moved down by one and is silenced');
  });
});

describe('disable comments', () => {
  it('adds a second code to the comment already above the line', async () => {
    client = await TestClient.start();
    const doc = await Doc.open(client, '004-two-codes.txt', readFixture(SEEDS['004']));
    const ds = await doc.diagnostics();
    const label = ds.find((d) => d.code === 'label')!;
    const blank = ds.find((d) => d.code === 'empty-cell' && d.range.start.line === label.range.start.line)!;
    assert.ok(blank, 'a blank cell on the label\'s line');
    const first = (await doc.actions([blank])).find((a) => a.title.startsWith('Disable empty-cell'))!;
    await doc.apply(editsOf(first.edit, doc.uri));
    const mid = await doc.diagnostics();
    const moved = mid.find((d) => d.code === 'label')!;
    assert.equal(moved.range.start.line, label.range.start.line + 1);
    const second = (await doc.actions([moved])).find((a) => a.title.startsWith('Disable label'))!;
    await doc.apply(editsOf(second.edit, doc.uri));
    assert.equal(doc.text.split('\n')[label.range.start.line], '\t\t<!-- gkreport-disable-next-line empty-cell label -->');
    const after = await doc.diagnostics();
    assert.equal(after.length, ds.length - 2);
    assert.ok(!after.some((d) => d.code === 'label'));
  });
});

describe('source.fixAll.gkreport', () => {
  it('turns the text into fixText\'s result, as a few small edits', async () => {
    client = await TestClient.start();
    const original = readFixture(SEEDS['004']);
    const doc = await Doc.open(client, '004-fixall.txt', original);
    const ds = await doc.diagnostics();
    const actions = await doc.actions(ds, ['source.fixAll']);
    assert.equal(actions.length, 1);
    const [fixAll] = actions;
    assert.equal(fixAll.kind, 'source.fixAll.gkreport');
    const edits = editsOf(fixAll.edit, doc.uri, 1);
    const expected = fixText(original, { locale: 'en' });
    assert.equal(applyEdits(original, edits), expected.text);
    assert.ok(edits.every((e) => e.range.end.line - e.range.start.line <= 1), 'small edits, not a whole-document replacement');
    await doc.apply(edits);
    const after = await doc.diagnostics();
    assert.deepEqual(after.map((d) => `${d.code} ${d.message}`), expected.remaining.map((f) => `${f.code} ${f.message}`));
    // Nothing left to fix: no action.
    assert.deepEqual(await doc.actions(after, ['source.fixAll.gkreport']), []);
  });

  it('is only offered when asked for', async () => {
    client = await TestClient.start();
    const doc = await Doc.open(client, '004-only.txt', readFixture(SEEDS['004']));
    const ds = await doc.diagnostics();
    const quick = await doc.actions(ds.slice(0, 1));
    assert.ok(quick.length > 0 && quick.every((a) => a.kind === 'quickfix'));
    const source = await doc.actions(ds.slice(0, 1), ['source']);
    assert.deepEqual(source.map((a) => a.kind), ['source.fixAll.gkreport']);
  });
});

describe('stale diagnostics', () => {
  it('offers nothing for a diagnostic of an older version', async () => {
    client = await TestClient.start();
    const doc = await Doc.open(client, '004-stale.txt', readFixture(SEEDS['004']));
    const old = await doc.diagnostics();
    await doc.apply([{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: '\n' }]);
    await doc.diagnostics();
    const actions = await doc.actions(old.slice(0, 3));
    assert.deepEqual(actions, []);
  });
});
