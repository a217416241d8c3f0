#!/usr/bin/env node
// Draws Faxbot's icons into build/ (electron-builder's buildResources): a sheet of paper
// coming out of a fax machine, on a blue tile. Run `node scripts/make-icons.mjs` after
// changing the drawing; the outputs are committed, so packaging needs no drawing step.
//   build/icon.png                1024×1024 (macOS .icns and the Linux fallback are made from it)
//   build/icons/<n>x<n>.png       the Linux hicolor sizes
//   build/icon.ico                Windows: 16, 24, 32, 48, 64, 128, 256 in one file
//   build/tray/tray.png, tray@2x  the tray icon (16 and 32 px)
//   build/tray/trayTemplate.png, trayTemplate@2x  macOS menu bar: black on transparent, tinted by macOS
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCanvas } from '@napi-rs/canvas';
import { imagesToIco } from 'png-to-ico';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BUILD = join(ROOT, 'build');
export const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512];
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];

const BLUE_TOP = '#2f74d8';
const BLUE_BOTTOM = '#1a4d9e';
const MACHINE = '#0d2a5c';
const PAPER = '#ffffff';
const FOLD = '#c9d8f0';
const INK = '#7f9cc9';
const LIGHT = '#3ddc84';

function roundedRect(ctx, x, y, w, h, r) {
  ctx.beginPath();
  ctx.moveTo(x + r, y);
  ctx.arcTo(x + w, y, x + w, y + h, r);
  ctx.arcTo(x + w, y + h, x, y + h, r);
  ctx.arcTo(x, y + h, x, y, r);
  ctx.arcTo(x, y, x + w, y, r);
  ctx.closePath();
}

/** The sheet with its folded top-right corner, as a path. */
function sheet(ctx, x, y, w, h, fold) {
  ctx.beginPath();
  ctx.moveTo(x, y);
  ctx.lineTo(x + w - fold, y);
  ctx.lineTo(x + w, y + fold);
  ctx.lineTo(x + w, y + h);
  ctx.lineTo(x, y + h);
  ctx.closePath();
}

/**
 * The glyph on a size×size canvas. Small sizes drop the detail that would only blur
 * (keypad, light, more than two lines) and snap to whole pixels.
 * `template`: black shapes only, for the macOS menu bar.
 */
function drawGlyph(ctx, size, { tile, template }) {
  const s = (f) => Math.round(f * size);
  const small = size <= 32;
  if (tile) {
    const inset = size >= 128 ? s(0.04) : 0;
    const gradient = ctx.createLinearGradient(0, 0, 0, size);
    gradient.addColorStop(0, BLUE_TOP);
    gradient.addColorStop(1, BLUE_BOTTOM);
    ctx.fillStyle = gradient;
    roundedRect(ctx, inset, inset, size - 2 * inset, size - 2 * inset, s(0.2));
    ctx.fill();
  }
  // Paper rising out of the machine's slot.
  const paper = { x: s(0.27), y: s(small ? 0.1 : 0.13), w: s(0.46), h: s(0.52) };
  const fold = s(small ? 0.14 : 0.12);
  sheet(ctx, paper.x, paper.y, paper.w, paper.h, fold);
  ctx.fillStyle = template ? '#000000' : PAPER;
  ctx.fill();
  if (!template) {
    ctx.beginPath();
    ctx.moveTo(paper.x + paper.w - fold, paper.y);
    ctx.lineTo(paper.x + paper.w - fold, paper.y + fold);
    ctx.lineTo(paper.x + paper.w, paper.y + fold);
    ctx.closePath();
    ctx.fillStyle = FOLD;
    ctx.fill();
  }
  // Lines of text on the sheet (cut out of the template so the sheet still reads as paper).
  const lines = small ? 2 : 4;
  const lineHeight = Math.max(1, s(small ? 0.07 : 0.035));
  ctx.fillStyle = INK;
  if (template) ctx.globalCompositeOperation = 'destination-out';
  for (let i = 0; i < lines; i++) {
    const y = paper.y + fold + s(small ? 0.06 : 0.05) + i * s(small ? 0.13 : 0.075);
    const width = i === lines - 1 ? paper.w * 0.45 : paper.w * 0.7;
    ctx.fillRect(paper.x + s(0.06), y, Math.round(width), lineHeight);
  }
  ctx.globalCompositeOperation = 'source-over';
  // The machine, in front of the paper's lower edge.
  const machine = { x: s(0.14), y: s(0.55), w: s(0.72), h: s(small ? 0.35 : 0.3) };
  ctx.fillStyle = template ? '#000000' : MACHINE;
  roundedRect(ctx, machine.x, machine.y, machine.w, machine.h, s(0.07));
  ctx.fill();
  if (!small && !template) {
    // The slot the paper comes from, a ready light and a row of keys.
    ctx.fillStyle = '#061a3d';
    ctx.fillRect(paper.x - s(0.03), machine.y + s(0.04), paper.w + s(0.06), Math.max(1, s(0.025)));
    ctx.fillStyle = LIGHT;
    ctx.beginPath();
    ctx.arc(machine.x + s(0.09), machine.y + machine.h - s(0.1), s(0.03), 0, Math.PI * 2);
    ctx.fill();
    ctx.fillStyle = '#a9bfe3';
    for (let k = 0; k < 4; k++) {
      roundedRect(ctx, machine.x + s(0.2) + k * s(0.11), machine.y + machine.h - s(0.125), s(0.08), s(0.05), s(0.012));
      ctx.fill();
    }
  }
}

function draw(size, options) {
  const canvas = createCanvas(size, size);
  drawGlyph(canvas.getContext('2d'), size, options);
  return canvas;
}

const render = (size, options) => draw(size, options).toBuffer('image/png');

/** The RGBA pixels png-to-ico writes as one BMP entry of the .ico (which NSIS reads, unlike PNG entries). */
function pixels(size, options) {
  const image = draw(size, options).getContext('2d').getImageData(0, 0, size, size);
  return { width: size, height: size, data: Buffer.from(image.data) };
}

function write(path, bytes) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, bytes);
  console.log(`${path.slice(ROOT.length + 1)}  ${bytes.length} bytes`);
}

function main() {
  const app = { tile: true, template: false };
  write(join(BUILD, 'icon.png'), render(1024, app));
  for (const size of LINUX_SIZES) write(join(BUILD, 'icons', `${size}x${size}.png`), render(size, app));
  // Each size drawn at its own size (not scaled down from 256), so the small ones stay sharp.
  write(join(BUILD, 'icon.ico'), imagesToIco(ICO_SIZES.map((size) => pixels(size, app))));
  write(join(BUILD, 'tray', 'tray.png'), render(16, app));
  write(join(BUILD, 'tray', 'tray@2x.png'), render(32, app));
  const template = { tile: false, template: true };
  write(join(BUILD, 'tray', 'trayTemplate.png'), render(16, template));
  write(join(BUILD, 'tray', 'trayTemplate@2x.png'), render(32, template));
}

main();
