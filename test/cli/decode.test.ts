import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decodeBuffer, encodeText, isDecodeError, type DecodedText, type TextEncoding } from '../../server/src/node/decode';
import { SEEDS, readFixture } from '../helpers';

const SAMPLE = '二、主动公开政府信息情况\r\n第二十条第（一）项\t本年新制作数量\n规章\t0\r（七）总计 — “三安全一稳定” ①·× 2020年\n';

function decoded(buf: Uint8Array): DecodedText {
  const result = decodeBuffer(buf);
  if (isDecodeError(result)) assert.fail(`unexpected decode error: ${result.error}`);
  return result;
}

const bytes = (...parts: (number[] | Buffer)[]) => Buffer.concat(parts.map((p) => (Buffer.isBuffer(p) ? p : Buffer.from(p))));

describe('decodeBuffer', () => {
  const cases: [TextEncoding, Buffer][] = [
    ['utf8', Buffer.from(SAMPLE, 'utf8')],
    ['utf8-bom', bytes([0xef, 0xbb, 0xbf], Buffer.from(SAMPLE, 'utf8'))],
    ['utf16le', bytes([0xff, 0xfe], Buffer.from(SAMPLE, 'utf16le'))],
    ['utf16be', bytes([0xfe, 0xff], Buffer.from(SAMPLE, 'utf16le').swap16())],
    ['gb18030', encodeText(SAMPLE, 'gb18030')],
  ];
  for (const [encoding, buf] of cases) {
    it(`reads ${encoding}, keeping line endings`, () => {
      const result = decoded(buf);
      assert.equal(result.encoding, encoding);
      assert.equal(result.bom, encoding === 'utf8-bom' || encoding.startsWith('utf16'));
      assert.equal(result.text, SAMPLE);
    });
  }

  it('reads a whole seed report in GB18030', () => {
    const text = readFixture(SEEDS['003']);
    const result = decoded(encodeText(text, 'gb18030'));
    assert.equal(result.encoding, 'gb18030');
    assert.equal(result.text, text);
  });

  it('reads GBK bytes', () => {
    const gbk = bytes([0xd5, 0xfe, 0xb8, 0xae, 0xd0, 0xc5, 0xcf, 0xa2, 0xb9, 0xab, 0xbf, 0xaa, 0x0d, 0x0a, 0x31, 0xa1, 0xa2]);
    assert.deepEqual(decodeBuffer(gbk), { text: '政府信息公开\r\n1、', encoding: 'gb18030', bom: false });
  });

  it('reads plain ASCII and empty files as UTF-8', () => {
    assert.deepEqual(decodeBuffer(Buffer.from('abc\n')), { text: 'abc\n', encoding: 'utf8', bom: false });
    assert.deepEqual(decodeBuffer(Buffer.alloc(0)), { text: '', encoding: 'utf8', bom: false });
  });

  it('keeps a second BOM inside the text', () => {
    assert.equal(decoded(bytes([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf, 0x61])).text, '\uFEFFa');
  });

  it('rejects binary files', () => {
    const png = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    const controls = Buffer.from('a\x01b\x02c\x03d\x04e\x05f\x06g\x07h\x08', 'latin1');
    const utf8WithNul = Buffer.from('政府信息\u0000公开', 'utf8');
    for (const buf of [png, controls, utf8WithNul, bytes([0xff, 0xfe], Buffer.from('a\u0000b', 'utf16le'))]) {
      const result = decodeBuffer(buf);
      assert.ok(isDecodeError(result), `accepted ${buf.toString('hex')}`);
      assert.equal(result.reason, 'binary');
      assert.ok(result.error.length > 0);
    }
  });

  it('counts exactly the C0 and C1 controls but tab, line feed, form feed and carriage return', () => {
    for (let c = 0; c < 0x100; c++) {
      const control = (c < 0x20 && ![0x09, 0x0a, 0x0c, 0x0d].includes(c)) || (c >= 0x7f && c < 0xa0);
      const result = decodeBuffer(Buffer.from(`政府${String.fromCharCode(c).repeat(3)}公开`, 'utf8'));
      assert.equal(isDecodeError(result) && result.reason === 'binary', control, `U+${c.toString(16).padStart(4, '0')}`);
    }
  });

  it('rejects text in other encodings', () => {
    const latin1 = Buffer.from('Caf\u00e9 cr\u00e8me br\u00fbl\u00e9e.', 'latin1');
    let seed = 1;
    const random = Buffer.alloc(4096, 0).map(() => ((seed = (seed * 1103515245 + 12345) % 2147483648) >> 8) % 255 + 1);
    for (const buf of [latin1, random]) {
      const result = decodeBuffer(buf);
      assert.ok(isDecodeError(result), `accepted ${buf.subarray(0, 16).toString('hex')}`);
      assert.ok(['unknown-encoding', 'binary'].includes(result.reason));
    }
  });

  it('rejects a BOM followed by invalid content', () => {
    const badUtf8 = decodeBuffer(bytes([0xef, 0xbb, 0xbf, 0x61, 0xff, 0x62]));
    assert.ok(isDecodeError(badUtf8));
    assert.equal(badUtf8.reason, 'invalid-utf8');
    const oddUtf16 = decodeBuffer(bytes([0xff, 0xfe, 0x61, 0x00, 0x62]));
    assert.ok(isDecodeError(oddUtf16));
    assert.equal(oddUtf16.reason, 'invalid-utf16');
    const loneSurrogate = decodeBuffer(bytes([0xfe, 0xff, 0xd8, 0x00, 0x00, 0x61]));
    assert.ok(isDecodeError(loneSurrogate));
    assert.equal(loneSurrogate.reason, 'invalid-utf16');
  });
});

describe('encodeText', () => {
  const encodings: TextEncoding[] = ['utf8', 'utf8-bom', 'utf16le', 'utf16be', 'gb18030'];
  for (const encoding of encodings) {
    it(`round-trips ${encoding} byte for byte`, () => {
      for (const text of [SAMPLE, readFixture(SEEDS['001']).replace(/\n/g, '\r\n')]) {
        const buf = encodeText(text, encoding);
        const back = decoded(buf);
        assert.equal(back.encoding, encoding);
        assert.equal(back.text, text);
        assert.deepEqual(encodeText(back.text, encoding), buf);
      }
    });
  }

  it('encodes GB18030 with known byte sequences', () => {
    const hex = (text: string) => encodeText(text, 'gb18030').toString('hex');
    assert.equal(hex('中'), 'd6d0');
    assert.equal(hex('政府信息公开'), 'd5feb8aed0c5cfa2b9abbfaa');
    assert.equal(hex('€'), 'a2e3');
    assert.equal(hex('\u00e9'), 'a8a6');
    assert.equal(hex('\u0080'), '81308130');
    assert.equal(hex('\ufffd'), '8431a437');
    assert.equal(hex('\u{10000}'), '90308130');
    assert.equal(hex('\u{20000}'), '95328236');
    assert.equal(hex('a\r\nb'), '610d0a62');
    assert.equal(hex('\ud800x'), '3f78');
    assert.equal(hex('\u3000'), 'a1a1', 'A3A0 also decodes to U+3000; A1A1 is the canonical form');
  });

  it('writes back every two-byte GB18030 sequence unchanged', () => {
    const pairs: number[] = [];
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail !== 0x7f && !(lead === 0xa3 && trail === 0xa0)) pairs.push(lead, trail);
      }
    }
    const buf = Buffer.from(pairs);
    const text = new TextDecoder('gb18030', { fatal: true }).decode(buf);
    assert.deepEqual(encodeText(text, 'gb18030'), buf);
  });

  it('encodes every character the GB18030 decoder can produce', () => {
    let chars = '';
    for (let c = 0x80; c < 0x10000; c++) if (c < 0xd800 || c > 0xdfff) chars += String.fromCharCode(c);
    const back = new TextDecoder('gb18030').decode(encodeText(chars, 'gb18030'));
    const lost = [...chars].filter((c, i) => back[i] !== c);
    assert.equal(back.length, chars.length);
    assert.ok(lost.every((c) => c.charCodeAt(0) >= 0xe000 && c.charCodeAt(0) <= 0xf8ff), 'only private-use characters may be lost');
    assert.ok(lost.length < 32, `${lost.length} characters lost`);
  });

  it('writes the byte order marks', () => {
    assert.deepEqual([...encodeText('a', 'utf8-bom')], [0xef, 0xbb, 0xbf, 0x61]);
    assert.deepEqual([...encodeText('a', 'utf16le')], [0xff, 0xfe, 0x61, 0x00]);
    assert.deepEqual([...encodeText('a', 'utf16be')], [0xfe, 0xff, 0x00, 0x61]);
    assert.deepEqual([...encodeText('a', 'utf8')], [0x61]);
    assert.deepEqual([...encodeText('中', 'gb18030')], [0xd6, 0xd0]);
    assert.deepEqual([...encodeText('', 'utf16le')], [0xff, 0xfe]);
  });
});
