import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';

import { InvalidOptionsError } from '../errors';
import { DEFAULT_INFLATE_LIMITS, inflateUpTo, InflateLimitError, outputLimit } from '../pdf/inflate';

/** An image ready to be a PDF image XObject: its colour samples and, when it has transparency, a soft mask. */
export interface PdfImageData {
  width: number;
  height: number;
  /** /ColorSpace and the Flate-encoded samples (8 bits per component). */
  colorSpace: 'DeviceRGB' | 'DeviceGray';
  color: Buffer;
  /** Flate-encoded 8-bit alpha, when the PNG has any transparency. */
  alpha: Buffer | null;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

const notPng = (why: string, whyVi = why) => new InvalidOptionsError({ vi: `ảnh chữ ký/con dấu không phải PNG hợp lệ (${whyVi}).`, en: `the signature/seal image is not a valid PNG (${why}).` });

/**
 * Decodes a PNG into PDF image data with Node's native zlib: colour in one stream, alpha in a
 * soft mask (PDF has no RGBA images). Handles every colour type, bit depths 1–16 and tRNS;
 * interlaced images are refused (signature and seal images are never interlaced in practice).
 */
function decode(png: Buffer): PdfImageData {
  if (png.length < 33 || !png.subarray(0, 8).equals(SIGNATURE)) throw notPng('signature');
  let width = 0;
  let height = 0;
  let bitDepth = 0;
  let colorType = 0;
  let interlace = 0;
  let palette: Buffer | null = null;
  let transparency: Buffer | null = null;
  const idat: Buffer[] = [];
  for (let at = 8; at + 8 <= png.length; ) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      bitDepth = data[8];
      colorType = data[9];
      interlace = data[12];
    } else if (type === 'PLTE') palette = data;
    else if (type === 'tRNS') transparency = data;
    else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    at += 12 + length;
  }
  if (!width || !height || !idat.length) throw notPng('no image data');
  if (width * height > 16_000_000) throw notPng('too large');
  if (interlace) throw notPng('interlaced');
  const channels = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 }[colorType];
  if (!channels) throw notPng(`colour type ${colorType}`);
  const bitsPerPixel = channels * bitDepth;
  const bytesPerPixel = Math.max(1, bitsPerPixel >> 3);
  const stride = Math.ceil((width * bitsPerPixel) / 8);
  // The header says how many bytes the image data holds once inflated: not one more is produced.
  // Nor more than PDF streams may expand to (DEFAULT_INFLATE_LIMITS: 4 MB freely, beyond that
  // 200 times the compressed data): a header may declare 16 million pixels over a few kilobytes.
  const compressed = Buffer.concat(idat);
  const declared = (stride + 1) * height;
  const bound = outputLimit(compressed.length, DEFAULT_INFLATE_LIMITS);
  let raw: Buffer;
  try {
    raw = inflateUpTo(compressed, Math.min(declared, bound));
  } catch (error) {
    if (error instanceof InflateLimitError) {
      if (declared <= bound) throw notPng('image data larger than its declared size', 'dữ liệu ảnh giải nén lớn hơn kích thước khai báo');
      throw notPng(
        `image data expands more than ${DEFAULT_INFLATE_LIMITS.maxRatio} times its compressed size, a compression bomb; save the image smaller`,
        `dữ liệu ảnh giải nén lớn hơn ${DEFAULT_INFLATE_LIMITS.maxRatio} lần kích thước nén, là bom nén; hãy lưu ảnh với kích thước nhỏ hơn`,
      );
    }
    throw notPng('image data cannot be decompressed', 'không giải nén được dữ liệu ảnh');
  }
  if (raw.length < (stride + 1) * height) throw notPng('truncated');

  // Undo the per-row filters in place into `rows`.
  const rows = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const input = y * (stride + 1) + 1;
    const out = y * stride;
    for (let x = 0; x < stride; x++) {
      const left = x >= bytesPerPixel ? rows[out + x - bytesPerPixel] : 0;
      const up = y > 0 ? rows[out - stride + x] : 0;
      const upLeft = y > 0 && x >= bytesPerPixel ? rows[out - stride + x - bytesPerPixel] : 0;
      const value = raw[input + x];
      rows[out + x] = (filter === 0 ? value : filter === 1 ? value + left : filter === 2 ? value + up : filter === 3 ? value + ((left + up) >> 1) : value + paeth(left, up, upLeft)) & 0xff;
    }
  }

  const sample = (y: number, index: number): number => {
    // The index-th sample of row y, scaled to 8 bits.
    if (bitDepth === 8) return rows[y * stride + index];
    if (bitDepth === 16) return rows[y * stride + index * 2];
    const bitOffset = index * bitDepth;
    const byte = rows[y * stride + (bitOffset >> 3)];
    const value = (byte >> (8 - bitDepth - (bitOffset & 7))) & ((1 << bitDepth) - 1);
    return colorType === 3 ? value : Math.round((value * 255) / ((1 << bitDepth) - 1));
  };
  const rawSample = (y: number, index: number): number => {
    if (bitDepth === 16) return rows.readUInt16BE(y * stride + index * 2);
    if (bitDepth === 8) return rows[y * stride + index];
    const bitOffset = index * bitDepth;
    return (rows[y * stride + (bitOffset >> 3)] >> (8 - bitDepth - (bitOffset & 7))) & ((1 << bitDepth) - 1);
  };

  const gray = colorType === 0 || colorType === 4;
  const colorChannels = gray ? 1 : 3;
  const color = Buffer.alloc(width * height * colorChannels);
  const alpha = Buffer.alloc(width * height, 255);
  let hasAlpha = false;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const pixel = y * width + x;
      if (colorType === 3) {
        const index = sample(y, x);
        if (!palette || index * 3 + 2 >= palette.length) throw notPng('palette index');
        palette.copy(color, pixel * 3, index * 3, index * 3 + 3);
        if (transparency && index < transparency.length) alpha[pixel] = transparency[index];
      } else {
        for (let c = 0; c < colorChannels; c++) color[pixel * colorChannels + c] = sample(y, x * channels + c);
        if (colorType === 4 || colorType === 6) alpha[pixel] = sample(y, x * channels + channels - 1);
        else if (transparency) {
          const colorKey = transparency;
          const key = Array.from({ length: colorChannels }, (_, c) => colorKey.readUInt16BE(c * 2));
          if (key.every((k, c) => rawSample(y, x * channels + c) === k)) alpha[pixel] = 0;
        }
      }
      if (alpha[pixel] !== 255) hasAlpha = true;
    }
  }
  return {
    width,
    height,
    colorSpace: gray ? 'DeviceGray' : 'DeviceRGB',
    color: deflateSync(color, { level: 6 }),
    alpha: hasAlpha ? deflateSync(alpha, { level: 6 }) : null,
  };
}

// The same leader's signature and the same seal are used again and again: decode each once.
const decoded = new Map<string, PdfImageData>();
const CACHE_SIZE = 16;

/** PDF image data for a PNG, from a small cache keyed by the PNG's hash. */
export function pngForPdf(png: Buffer): PdfImageData {
  const key = createHash('sha1').update(png).digest('hex');
  const hit = decoded.get(key);
  if (hit) {
    decoded.delete(key);
    decoded.set(key, hit);
    return hit;
  }
  const image = decode(png);
  decoded.set(key, image);
  if (decoded.size > CACHE_SIZE) decoded.delete(decoded.keys().next().value as string);
  return image;
}
