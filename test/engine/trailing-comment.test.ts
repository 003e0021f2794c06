/**
 * A suppression comment at the end of a line (`<!-- gkreport-disable-line code -->`, as the
 * snippet inserts it) covers the line and is no part of its cells, in every row layout.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkReport } from '../../server/src/engine/check';
import { layoutFixtures, setCell } from '../helpers';

const COMMENT = '<!-- gkreport-disable-line row-total -->';

function withComment(text: string, line: number, glue: string): string {
  const lines = text.split('\n');
  lines[line] = lines[line].replace(/\s+$/, '') + glue + COMMENT;
  return lines.join('\n');
}

for (const { name, text } of layoutFixtures().filter((f) => /tab|markdown|pipe-rows/.test(f.name))) {
  test(`${name}: a wrong total silenced by a trailing disable-line comment, glued or spaced`, () => {
    const wrong = setCell(text, 'table3', 'public', 'total', '999');
    const finding = checkReport({ text: wrong }).findings.find((f) => f.code === 'row-total');
    assert.ok(finding, 'the wrong total is found');
    for (const glue of ['', ' ', '\t']) {
      const silenced = withComment(wrong, finding.range.start.line, glue);
      const left = checkReport({ text: silenced }).findings.filter((f) => f.severity === 'error');
      assert.deepEqual(left.map((f) => `${f.code} ${f.message}`), [], `glue ${JSON.stringify(glue)}`);
    }
  });
}

test('a part heading followed by a disable-line comment is still a heading', () => {
  const { text } = layoutFixtures().find((f) => f.name.includes('tab'))!;
  const lines = text.split('\n');
  const at = lines.findIndex((l) => l.trim() === '五、存在的主要问题及改进情况');
  assert.ok(at > 0);
  lines[at] = `${lines[at]} <!-- gkreport-disable-line narrative -->`;
  assert.deepEqual(checkReport({ text: lines.join('\n') }).findings.filter((f) => f.code === 'missing-section').map((f) => f.message), []);
});
