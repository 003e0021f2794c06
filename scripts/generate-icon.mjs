// Draws the extension icon (images/icon.png, 128×128) and the file icon of the gkreport language
// (images/file-icon.svg) from one list of shapes: a report page with a table, and a check mark.
// Pure Node (zlib for the PNG); run with `node scripts/generate-icon.mjs`. The outputs are committed.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const RED = [183, 28, 28];
const WHITE = [255, 255, 255];
const GRID = [176, 176, 176];
const INK = [120, 120, 120];
const GREEN = [46, 125, 50];

/** The icon's shapes on a 128×128 canvas, painted in order. */
const SHAPES = [
  { kind: 'roundRect', x: 0, y: 0, w: 128, h: 128, r: 22, color: RED },
  { kind: 'polygon', points: [[28, 14], [78, 14], [98, 34], [98, 114], [28, 114]], color: WHITE },
  { kind: 'polygon', points: [[78, 14], [78, 34], [98, 34]], color: [230, 200, 200] },
  // title line and the table grid
  { kind: 'line', from: [38, 28], to: [68, 28], width: 5, color: INK },
  ...[44, 58, 72, 86, 100].map((y) => ({ kind: 'line', from: [38, y], to: [88, y], width: 2.5, color: GRID })),
  ...[38, 58, 73, 88].map((x) => ({ kind: 'line', from: [x, 44], to: [x, 100], width: 2.5, color: GRID })),
  // the check badge
  { kind: 'circle', cx: 96, cy: 96, r: 26, color: WHITE },
  { kind: 'circle', cx: 96, cy: 96, r: 21, color: GREEN },
  { kind: 'line', from: [85, 96], to: [93, 104], width: 6, color: WHITE },
  { kind: 'line', from: [93, 104], to: [107, 88], width: 6, color: WHITE },
];

function inside(shape, x, y) {
  switch (shape.kind) {
    case 'roundRect': {
      const { x: sx, y: sy, w, h, r } = shape;
      if (x < sx || y < sy || x > sx + w || y > sy + h) return false;
      const cx = Math.min(Math.max(x, sx + r), sx + w - r);
      const cy = Math.min(Math.max(y, sy + r), sy + h - r);
      return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
    }
    case 'circle':
      return (x - shape.cx) ** 2 + (y - shape.cy) ** 2 <= shape.r ** 2;
    case 'polygon': {
      let odd = false;
      const p = shape.points;
      for (let i = 0, j = p.length - 1; i < p.length; j = i++) {
        if (p[i][1] > y !== p[j][1] > y && x < ((p[j][0] - p[i][0]) * (y - p[i][1])) / (p[j][1] - p[i][1]) + p[i][0]) odd = !odd;
      }
      return odd;
    }
    case 'line': {
      const [ax, ay] = shape.from;
      const [bx, by] = shape.to;
      const t = Math.max(0, Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
      return (x - ax - t * (bx - ax)) ** 2 + (y - ay - t * (by - ay)) ** 2 <= (shape.width / 2) ** 2;
    }
  }
  return false;
}

/** RGBA pixels, 4×4 supersampled. */
function rasterize(size) {
  const px = Buffer.alloc(size * size * 4);
  const scale = 128 / size;
  const S = 4;
  for (let py = 0; py < size; py++) {
    for (let pxl = 0; pxl < size; pxl++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < S; sy++) {
        for (let sx = 0; sx < S; sx++) {
          const x = (pxl + (sx + 0.5) / S) * scale;
          const y = (py + (sy + 0.5) / S) * scale;
          let color;
          for (const shape of SHAPES) if (inside(shape, x, y)) color = shape.color;
          if (color) {
            r += color[0];
            g += color[1];
            b += color[2];
            a++;
          }
        }
      }
      const o = (py * size + pxl) * 4;
      px[o] = a ? Math.round(r / a) : 0;
      px[o + 1] = a ? Math.round(g / a) : 0;
      px[o + 2] = a ? Math.round(b / a) : 0;
      px[o + 3] = Math.round((a / (S * S)) * 255);
    }
  }
  return px;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function png(size) {
  const px = rasterize(size);
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) px.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const hex = (c) => '#' + c.map((v) => v.toString(16).padStart(2, '0')).join('');

/** The file icon: the page, its table and the check, without the red background. */
function fileIconSvg() {
  const body = SHAPES.slice(1)
    .map((s) => {
      switch (s.kind) {
        case 'polygon':
          return `<polygon points="${s.points.map((p) => p.join(',')).join(' ')}" fill="${s.color === WHITE ? '#f5f5f5' : hex(s.color)}" stroke="${s.color === WHITE ? hex(INK) : 'none'}" stroke-width="4"/>`;
        case 'line':
          return `<line x1="${s.from[0]}" y1="${s.from[1]}" x2="${s.to[0]}" y2="${s.to[1]}" stroke="${hex(s.color)}" stroke-width="${s.width * 1.6}" stroke-linecap="round"/>`;
        case 'circle':
          return `<circle cx="${s.cx}" cy="${s.cy}" r="${s.r}" fill="${hex(s.color)}"/>`;
      }
      return '';
    })
    .join('\n  ');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 128 128" width="16" height="16">\n  ${body}\n</svg>\n`;
}

writeFileSync('images/icon.png', png(128));
writeFileSync('images/file-icon.svg', fileIconSvg());
console.log('wrote images/icon.png and images/file-icon.svg');
