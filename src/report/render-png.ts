import { Resvg } from '@resvg/resvg-js';

/**
 * Rasterises an SVG in-process (resvg, a prebuilt native module from the npm registry). System fonts are loaded
 * so text renders; DejaVu Sans is the default family (Debian's fonts-dejavu, see scripts/system-deps.mjs).
 *
 * @example renderPng('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>').subarray(1, 4).toString() // 'PNG'
 */
export function renderPng(svg: string): Buffer {
  const resvg = new Resvg(svg, {
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
    background: '#ffffff',
  });
  return resvg.render().asPng();
}

/**
 * Width and height from a PNG's IHDR chunk (the first chunk after the 8-byte signature), or undefined if the
 * bytes are not a PNG.
 */
export function pngSize(png: Uint8Array): { width: number; height: number } | undefined {
  const b = Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  const signature = '89504e470d0a1a0a';
  if (b.length < 24 || b.subarray(0, 8).toString('hex') !== signature || b.subarray(12, 16).toString() !== 'IHDR')
    return undefined;
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}
