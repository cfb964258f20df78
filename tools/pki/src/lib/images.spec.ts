import { inflateSync } from 'node:zlib';

import { PDFDocument } from 'pdf-lib';

import { demoSealImage, demoSignatureImage } from './images';

/** Decodes a PNG with pdf-lib's own decoder: an independent reader of what we wrote. */
async function decode(png: Buffer): Promise<{ width: number; height: number }> {
  const doc = await PDFDocument.create();
  const image = await doc.embedPng(png);
  return { width: image.width, height: image.height };
}

/** The RGBA pixels of our PNGs (filter 0, one IDAT), read back with zlib. */
function pixels(png: Buffer): { width: number; height: number; rgba: Buffer } {
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const idatAt = png.indexOf('IDAT');
  const data = inflateSync(png.subarray(idatAt + 4, idatAt + 4 + png.readUInt32BE(idatAt - 4)));
  const rgba = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) data.copy(rgba, y * width * 4, y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1));
  return { width, height, rgba };
}

describe('demo images', () => {
  it('draws a signature as a valid PNG with a transparent background and blue ink', async () => {
    const png = demoSignatureImage({ seed: 'Nguyễn Văn Hùng' });
    expect(await decode(png)).toEqual({ width: 480, height: 200 });
    const { rgba } = pixels(png);
    expect(rgba[3]).toBe(0);
    let inked = 0;
    let partial = 0;
    for (let i = 0; i < rgba.length; i += 4) {
      if (rgba[i + 3] === 0) continue;
      inked++;
      if (rgba[i + 3] < 255) partial++;
      expect(rgba[i + 2]).toBeGreaterThan(rgba[i] + 100);
    }
    expect(inked).toBeGreaterThan(2000);
    // Anti-aliased edges: some pixels are only partly covered.
    expect(partial).toBeGreaterThan(500);
  });

  it('draws the same signature for the same seed and another for another seed', () => {
    expect(demoSignatureImage({ seed: 'a' }).equals(demoSignatureImage({ seed: 'a' }))).toBe(true);
    expect(demoSignatureImage({ seed: 'a' }).equals(demoSignatureImage({ seed: 'b' }))).toBe(false);
  });

  it('draws a round red seal with a transparent outside', async () => {
    const png = demoSealImage({ organisation: 'Ủy ban nhân dân huyện Tuy Đức' });
    expect(await decode(png)).toEqual({ width: 400, height: 400 });
    const { width, rgba } = pixels(png);
    const at = (x: number, y: number) => rgba.subarray((y * width + x) * 4, (y * width + x) * 4 + 4);
    expect(at(2, 2)[3]).toBe(0);
    // On the outer ring, at the top: red.
    const ring = at(200, 10);
    expect(ring[3]).toBeGreaterThan(200);
    expect(ring[0]).toBeGreaterThan(200);
    expect(ring[1]).toBeLessThan(60);
    // The star in the middle is filled.
    expect(at(200, 200)[3]).toBeGreaterThan(200);
  });
});
