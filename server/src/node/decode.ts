/**
 * Decoding report files: UTF-8 (with or without BOM), UTF-16 with BOM and GB18030/GBK, with
 * binary files rejected; and encoding text back in the file's own encoding, byte for byte where
 * the text is unchanged. Line endings are left untouched.
 */
/** An encoding a report file can be read in and written back in. */
export type TextEncoding = 'utf8' | 'utf8-bom' | 'utf16le' | 'utf16be' | 'gb18030';

/** Why a file could not be decoded. */
export type DecodeFailure = 'binary' | 'invalid-utf8' | 'invalid-utf16' | 'unknown-encoding';

/** A decoded file. */
export interface DecodedText {
  text: string;
  encoding: TextEncoding;
  bom: boolean;
}

/** A file that could not be decoded: `error` explains it in English, `reason` classifies it. */
export interface DecodeError {
  error: string;
  reason: DecodeFailure;
}

const REASONS: Record<DecodeFailure, string> = {
  binary: 'binary file, not text',
  'invalid-utf8': 'invalid UTF-8 after a UTF-8 byte order mark',
  'invalid-utf16': 'invalid UTF-16 after a UTF-16 byte order mark',
  'unknown-encoding': 'not UTF-8, UTF-16 with BOM or GB18030 text',
};

function fail(reason: DecodeFailure): DecodeError {
  return { error: REASONS[reason], reason };
}

function decode(encoding: string, bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

function isControl(code: number): boolean {
  return (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d && code !== 0x0c) || (code >= 0x7f && code < 0xa0);
}

/** The characters `isControl` counts (NUL among them), for a quick search before counting. */
const CONTROL = /[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]/;

function looksBinary(text: string): boolean {
  if (!CONTROL.test(text)) return false;
  let controls = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0) return true;
    if (isControl(code)) controls++;
  }
  return controls > 1 && controls * 100 > text.length;
}

function isCommonNonAscii(code: number): boolean {
  return (
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0x3000 && code <= 0x303f) ||
    (code >= 0xff00 && code <= 0xffef) ||
    (code >= 0x2000 && code <= 0x206f) ||
    (code >= 0x2150 && code <= 0x218f) ||
    (code >= 0x2460 && code <= 0x24ff) ||
    (code >= 0x2500 && code <= 0x257f) ||
    (code >= 0x25a0 && code <= 0x26ff) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    code === 0x00b7 ||
    code === 0x00d7 ||
    code === 0x00f7 ||
    code === 0x00b0 ||
    code === 0x00a7 ||
    code === 0x2103 ||
    code === 0x20ac
  );
}

function plausibleChinese(text: string): boolean {
  let nonAscii = 0;
  let common = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) continue;
    nonAscii++;
    if (isCommonNonAscii(code)) common++;
  }
  return nonAscii > 0 && common >= nonAscii * 0.9;
}

/** Decodes the bytes of a report file, or says why they are not readable text. */
export function decodeBuffer(buf: Uint8Array): DecodedText | DecodeError {
  const b = buf;
  let decoded: DecodedText | undefined;
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) {
    const text = decode('utf-8', b.subarray(3));
    if (text === undefined) return fail('invalid-utf8');
    decoded = { text, encoding: 'utf8-bom', bom: true };
  } else if ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff)) {
    const encoding = b[0] === 0xff ? 'utf16le' : 'utf16be';
    const text = decode(encoding === 'utf16le' ? 'utf-16le' : 'utf-16be', b.subarray(2));
    if (text === undefined) return fail('invalid-utf16');
    decoded = { text, encoding, bom: true };
  } else {
    if (b.includes(0)) return fail('binary');
    const utf8 = decode('utf-8', b);
    if (utf8 !== undefined) {
      decoded = { text: utf8, encoding: 'utf8', bom: false };
    } else {
      const gb = decode('gb18030', b);
      if (gb === undefined || looksBinary(gb)) return fail(gb === undefined ? 'unknown-encoding' : 'binary');
      if (!plausibleChinese(gb)) return fail('unknown-encoding');
      decoded = { text: gb, encoding: 'gb18030', bom: false };
    }
  }
  return looksBinary(decoded.text) ? fail('binary') : decoded;
}

/** Encodes text in the given encoding, with the byte order mark the encoding implies. */
export function encodeText(text: string, encoding: TextEncoding): Buffer {
  switch (encoding) {
    case 'utf8':
      return Buffer.from(text, 'utf8');
    case 'utf8-bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 'utf16le':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    case 'utf16be':
      return Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
    case 'gb18030':
      return encodeGb18030(text);
  }
}

let gbTable: Uint32Array | undefined;

function gb18030Table(): Uint32Array {
  if (gbTable) return gbTable;
  const table = new Uint32Array(0x10000);
  const add = (sequences: number[][]) => {
    const bytes = new Uint8Array(sequences.length * sequences[0].length);
    sequences.forEach((sequence, k) => bytes.set(sequence, k * sequence.length));
    const text = new TextDecoder('gb18030').decode(bytes);
    const aligned = text.length === sequences.length;
    sequences.forEach((sequence, k) => {
      const char = aligned ? text[k] : new TextDecoder('gb18030').decode(new Uint8Array(sequence));
      const code = char.length === 1 ? char.charCodeAt(0) : 0xfffd;
      if (code !== 0xfffd && !table[code]) table[code] = pack(sequence);
    });
  };
  const twoBytes: number[][] = [];
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) if (trail !== 0x7f) twoBytes.push([lead, trail]);
  }
  add(twoBytes);
  const fourBytes: number[][] = [];
  for (let pointer = 0; pointer <= 39419; pointer++) fourBytes.push(fourByteSequence(pointer));
  add(fourBytes);
  table[0xfffd] = 0x8431a437;
  return (gbTable = table);
}

function pack(bytes: number[]): number {
  return bytes.reduce((packed, byte) => packed * 256 + byte, 0);
}

function fourByteSequence(pointer: number): number[] {
  return [
    0x81 + Math.floor(pointer / 12600),
    0x30 + (Math.floor(pointer / 1260) % 10),
    0x81 + (Math.floor(pointer / 10) % 126),
    0x30 + (pointer % 10),
  ];
}

/**
 * GB18030 encoding as the exact inverse of the platform's decoder (so text read from a file is
 * written back byte for byte); characters GB18030 cannot represent become `?`.
 */
function encodeGb18030(text: string): Buffer {
  const table = gb18030Table();
  const out = Buffer.alloc(text.length * 4);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const next = text.charCodeAt(i + 1);
    let packed: number;
    if (code < 0x80) {
      out[n++] = code;
      continue;
    } else if (code >= 0xd800 && code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      const point = 0x10000 + ((code - 0xd800) << 10) + (next - 0xdc00);
      packed = pack(fourByteSequence(189000 + point - 0x10000));
      i++;
    } else {
      packed = table[code];
    }
    if (packed > 0xffff) {
      out.writeUInt32BE(packed, n);
      n += 4;
    } else if (packed > 0) {
      out.writeUInt16BE(packed, n);
      n += 2;
    } else {
      out[n++] = 0x3f;
    }
  }
  return Buffer.from(out.subarray(0, n));
}

/** Whether a decode result is a failure. */
export function isDecodeError(result: DecodedText | DecodeError): result is DecodeError {
  return 'error' in result;
}
