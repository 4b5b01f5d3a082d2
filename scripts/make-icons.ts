/**
 * Writes the app icons (public/icons/*.png) from public/favicon.svg with sharp (Astro's image library).
 * Run once after changing the SVG: node scripts/make-icons.ts
 */
import { readFile } from 'node:fs/promises';
import sharp from 'sharp';

const svg = await readFile(new URL('../public/favicon.svg', import.meta.url));
for (const size of [192, 512]) {
  await sharp(svg, { density: 300 })
    .resize(size, size)
    .png()
    .toFile(new URL(`../public/icons/icon-${size}.png`, import.meta.url).pathname);
}
// Maskable: the symbol inside the safe zone (80%) on a full-bleed background.
const inner = await sharp(svg, { density: 300 }).resize(400, 400).png().toBuffer();
await sharp({ create: { width: 512, height: 512, channels: 4, background: '#9b1c1c' } })
  .composite([{ input: inner, top: 56, left: 56 }])
  .png()
  .toFile(new URL('../public/icons/maskable-512.png', import.meta.url).pathname);
console.log('wrote public/icons/icon-192.png, icon-512.png, maskable-512.png');
