#!/usr/bin/env node
// Draws Signet's icon — a gold signet seal with an "S" on an ink-blue rounded square — at every
// size the installers use, and writes it into assets/ (electron-builder's buildResources):
//   assets/icon.png               1024×1024 (electron-builder's fallback, the About panel)
//   assets/icons/<N>x<N>.png      16…1024 (Linux: AppImage, deb, the desktop entry)
//   assets/icon.icns              macOS (PNG entries, 16…1024)
//   assets/icon.ico               Windows (PNG entries, 16…256)
// Each size is drawn from the shape itself (4×4 supersampled), not scaled down from a big one, so
// small sizes stay sharp. Run `node scripts/make-icons.mjs` after changing the drawing and commit
// the result: packaging reads the committed files and never runs this.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Jimp } from 'jimp';

const root = path.resolve(import.meta.dirname, '..');
const assets = path.join(root, 'assets');

export const SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];

const INK = [32, 42, 92];
const INK_EDGE = [22, 28, 64];
const GOLD = [226, 178, 74];
const GOLD_DARK = [171, 123, 37];
const PAPER = [250, 243, 224];

/** Signed distance to a rounded square of half-size h and corner radius r (centred at 0). */
function roundedSquare(x, y, h, r) {
  const qx = Math.abs(x) - h + r;
  const qy = Math.abs(y) - h + r;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}

/**
 * Distance to the "S": two arcs of radius r stacked vertically (y points down), the upper one open
 * towards its lower right, the lower one towards its upper left.
 */
function sDistance(x, y, r) {
  const arc = (cx, cy, from, to) => {
    const angle = Math.atan2(y - cy, x - cx);
    const inGap = from < to ? angle > from && angle < to : angle > from || angle < to;
    if (!inGap) return Math.abs(Math.hypot(x - cx, y - cy) - r);
    // Inside the gap: distance to the nearer end of the arc.
    const ends = [from, to].map((a) => [cx + r * Math.cos(a), cy + r * Math.sin(a)]);
    return Math.min(...ends.map(([ex, ey]) => Math.hypot(x - ex, y - ey)));
  };
  const gapStart = -Math.PI / 5; // upper right
  const upper = arc(0, -r, gapStart, Math.PI / 2);
  const lower = arc(0, r, gapStart + Math.PI, -Math.PI / 2);
  return Math.min(upper, lower);
}

/** The colour at (x, y) in [-1, 1]², or null outside the icon. `size` thickens strokes when tiny. */
function shade(x, y, size) {
  const tiny = size <= 32;
  const square = roundedSquare(x, y, 0.92, 0.22);
  if (square > 0) return null;
  const seal = Math.hypot(x, y) - 0.68;
  if (seal > 0) return square > -0.035 ? INK_EDGE : INK;
  const stroke = tiny ? 0.15 : 0.11;
  if (sDistance(x, y, 0.2) < stroke / 2) return PAPER;
  if (!tiny && Math.abs(seal + 0.08) < 0.018) return GOLD_DARK; // the seal's inner rim
  // A little light from the upper left.
  const light = 0.5 - 0.25 * (x + y);
  return GOLD.map((c, i) => Math.round(c * (0.9 + 0.2 * light) * 0.5 + GOLD[i] * 0.5));
}

/** RGBA pixels of the icon at one size. */
export function drawIcon(size) {
  const samples = 4;
  const data = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const x = ((px + (sx + 0.5) / samples) / size) * 2 - 1;
          const y = ((py + (sy + 0.5) / samples) / size) * 2 - 1;
          const colour = shade(x, y, size);
          if (!colour) continue;
          r += colour[0];
          g += colour[1];
          b += colour[2];
          a += 1;
        }
      }
      const o = (py * size + px) * 4;
      if (a > 0) {
        data[o] = Math.round(r / a);
        data[o + 1] = Math.round(g / a);
        data[o + 2] = Math.round(b / a);
      }
      data[o + 3] = Math.round((a / (samples * samples)) * 255);
    }
  }
  return data;
}

async function png(size) {
  const image = new Jimp({ width: size, height: size, color: 0x00000000 });
  drawIcon(size).copy(image.bitmap.data);
  return image.getBuffer('image/png');
}

/** An .icns file whose entries are PNGs (macOS 10.7+ reads PNG in every entry type below). */
function icns(pngs) {
  const types = { 16: 'icp4', 32: 'icp5', 64: 'icp6', 128: 'ic07', 256: 'ic08', 512: 'ic09', 1024: 'ic10' };
  const entries = Object.entries(types).map(([size, type]) => {
    const body = pngs.get(Number(size));
    const header = Buffer.alloc(8);
    header.write(type, 0, 'ascii');
    header.writeUInt32BE(body.length + 8, 4);
    return Buffer.concat([header, body]);
  });
  const header = Buffer.alloc(8);
  header.write('icns', 0, 'ascii');
  header.writeUInt32BE(8 + entries.reduce((n, e) => n + e.length, 0), 4);
  return Buffer.concat([header, ...entries]);
}

/** An .ico file whose images are PNGs (Windows Vista+), 16…256. */
function ico(pngs) {
  const sizes = [16, 24, 32, 48, 64, 128, 256];
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // icon
  header.writeUInt16LE(sizes.length, 4);
  const directory = Buffer.alloc(16 * sizes.length);
  let offset = header.length + directory.length;
  sizes.forEach((size, i) => {
    const body = pngs.get(size);
    const at = i * 16;
    directory.writeUInt8(size === 256 ? 0 : size, at); // 0 means 256
    directory.writeUInt8(size === 256 ? 0 : size, at + 1);
    directory.writeUInt8(0, at + 2); // no palette
    directory.writeUInt8(0, at + 3);
    directory.writeUInt16LE(1, at + 4); // colour planes
    directory.writeUInt16LE(32, at + 6); // bits per pixel
    directory.writeUInt32LE(body.length, at + 8);
    directory.writeUInt32LE(offset, at + 12);
    offset += body.length;
  });
  return Buffer.concat([header, directory, ...sizes.map((s) => pngs.get(s))]);
}

async function main() {
  await mkdir(path.join(assets, 'icons'), { recursive: true });
  const pngs = new Map();
  for (const size of SIZES) {
    const body = await png(size);
    pngs.set(size, body);
    await writeFile(path.join(assets, 'icons', `${size}x${size}.png`), body);
  }
  await writeFile(path.join(assets, 'icon.png'), pngs.get(1024));
  await writeFile(path.join(assets, 'icon.icns'), icns(pngs));
  await writeFile(path.join(assets, 'icon.ico'), ico(pngs));
  console.log(
    `Icons written to ${path.relative(root, assets)}/: icon.png, icon.icns, icon.ico, icons/{${SIZES.join(',')}}.`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
