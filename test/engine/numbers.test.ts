/**
 * Number parsing: integers, signed changes, decimals, full-width digits, thousands separators,
 * attached units, notes, placeholders and blanks told apart.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { moneyPower, parseValue } from '../../server/src/engine/text/numbers';

test('integers, signs and decimals', () => {
  assert.deepEqual(pick(parseValue('36')), { kind: 'number', value: 36, decimals: 0, signed: false, canonical: '36' });
  assert.deepEqual(pick(parseValue('+6')), { kind: 'number', value: 6, decimals: 0, signed: true, canonical: '+6' });
  assert.deepEqual(pick(parseValue('-1')), { kind: 'number', value: -1, decimals: 0, signed: true, canonical: '-1' });
  assert.deepEqual(pick(parseValue(' 1075.178 ')), { kind: 'number', value: 1075.178, decimals: 3, signed: false, canonical: '1075.178' });
  assert.deepEqual(pick(parseValue('0')), { kind: 'number', value: 0, decimals: 0, signed: false, canonical: '0' });
});

test('full-width digits and thousands separators are read and flagged', () => {
  const fw = parseValue('１２３');
  assert.equal(fw.kind, 'number');
  assert.equal(fw.kind === 'number' && fw.value, 123);
  assert.deepEqual(fw.kind === 'number' && fw.irregular, ['fullwidth']);
  const th = parseValue('1,234,567');
  assert.equal(th.kind === 'number' && th.value, 1234567);
  assert.deepEqual(th.kind === 'number' && th.irregular, ['thousands']);
  const fwth = parseValue('１，２３４');
  assert.equal(fwth.kind === 'number' && fwth.value, 1234);
});

test('attached units and notes', () => {
  const yuan = parseValue('251000元');
  assert.equal(yuan.kind === 'number' && yuan.unit, '元');
  assert.equal(yuan.kind === 'number' && yuan.value, 251000);
  assert.equal(yuan.kind === 'number' && yuan.numberEnd, 6);
  const wan = parseValue('25.1万元');
  assert.equal(wan.kind === 'number' && wan.unit, '万元');
  const note = parseValue('22（其中修订16件）');
  assert.equal(note.kind === 'number' && note.value, 22);
  assert.equal(note.kind === 'number' && note.note, '其中修订16件');
  assert.equal(parseValue('2件').kind, 'number');
});

test('money spellings: a currency sign, 万 and 亿, 元整 and a unit in brackets', () => {
  const cases: [string, { value: number; unit: string; number: [number, number]; amount: [number, number]; note?: string }][] = [
    ['￥251000', { value: 251000, unit: '元', number: [1, 7], amount: [0, 7] }],
    ['¥ 251,000', { value: 251000, unit: '元', number: [2, 9], amount: [0, 9] }],
    ['人民币251000元', { value: 251000, unit: '元', number: [3, 9], amount: [0, 10] }],
    ['￥25.1万元', { value: 25.1, unit: '万元', number: [1, 5], amount: [0, 7] }],
    ['251000元整', { value: 251000, unit: '元', number: [0, 6], amount: [0, 8] }],
    ['25.1万', { value: 25.1, unit: '万元', number: [0, 4], amount: [0, 5] }],
    ['2.51亿元', { value: 2.51, unit: '亿元', number: [0, 4], amount: [0, 6] }],
    ['3亿', { value: 3, unit: '亿元', number: [0, 1], amount: [0, 2] }],
    ['251000（元）', { value: 251000, unit: '元', number: [0, 6], amount: [0, 9] }],
    [' 25.1 (单位：万元) ', { value: 25.1, unit: '万元', number: [1, 5], amount: [1, 13] }],
    ['251000元（含税）', { value: 251000, unit: '元', number: [0, 6], amount: [0, 7], note: '含税' }],
  ];
  for (const [text, want] of cases) {
    const v = parseValue(text);
    assert.ok(v.kind === 'number', text);
    assert.deepEqual(
      { value: v.value, unit: v.unit, number: [v.numberStart, v.numberEnd], amount: [v.amountStart, v.amountEnd], ...(v.note ? { note: v.note } : {}) },
      want,
      text,
    );
  }
  const counted = parseValue('22（件）');
  assert.ok(counted.kind === 'number');
  assert.deepEqual([counted.unit, counted.note, counted.amountEnd], [undefined, '件', 2]);
  assert.deepEqual([moneyPower('元'), moneyPower('万元'), moneyPower('亿元'), moneyPower('件'), moneyPower(undefined)], [0, 4, 8, undefined, undefined]);
});

test('placeholders, blanks and text are told apart', () => {
  for (const p of ['/', '-', '—', '——', '无', '不适用', '／']) assert.equal(parseValue(p).kind, 'placeholder', p);
  for (const b of ['', '  ', '\u3000']) assert.equal(parseValue(b).kind, 'blank', JSON.stringify(b));
  for (const t of ['两', '三件', '100%', 'abc', '1.2.3']) assert.equal(parseValue(t).kind, 'text', t);
});

function pick(v: ReturnType<typeof parseValue>) {
  if (v.kind !== 'number') return v;
  return { kind: v.kind, value: v.value, decimals: v.decimals, signed: v.signed, canonical: v.canonical };
}

test('short plain counts read like any other number, leading zeros kept apart', () => {
  for (const text of ['0', '7', '42', '1234', '9999']) {
    assert.deepEqual(parseValue(text), { ...parseValue(`${text} `), numberStart: 0, numberEnd: text.length }, text);
  }
  assert.equal((parseValue('007') as { canonical: string }).canonical, '007');
  assert.equal((parseValue('7') as { canonical: string }).canonical, '7');
  assert.equal(parseValue('12345').kind, 'number');
  assert.equal(parseValue('7a').kind, 'text');
});
