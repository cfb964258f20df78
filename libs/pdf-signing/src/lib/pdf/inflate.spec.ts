import { deflateSync } from 'node:zlib';

import { pngForPdf } from '../appearance/png';
import { InvalidOptionsError, UnsupportedPdfError } from '../errors';
import { corpus } from '../../../test/fixtures';
import { InflateBudget, InflateLimitError, outputLimit } from './inflate';
import { PdfReader } from './reader';

const limits = { maxBytes: 1024 * 1024, maxTotalBytes: 2 * 1024 * 1024, maxRatio: 20, ratioFloorBytes: 64 * 1024 };

/** A PNG chunk: length, type, data, CRC (the decoder does not check CRCs, so zero will do). */
const chunk = (type: string, data: Buffer) => Buffer.concat([u32(data.length), Buffer.from(type, 'latin1'), data, u32(0)]);
function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
}

describe('bounded inflate', () => {
  it('lets a stream expand up to the floor, then only by the ratio, never past the maximum', () => {
    expect(outputLimit(1_000, limits)).toBe(64 * 1024);
    expect(outputLimit(10_000, limits)).toBe(200_000);
    expect(outputLimit(1_000_000, limits)).toBe(1024 * 1024);
  });

  it('inflates what stays within the limits and refuses the rest, counting the document’s total', () => {
    const budget = new InflateBudget(limits);
    expect(budget.inflate(deflateSync(Buffer.alloc(60 * 1024, 7)))).toHaveLength(60 * 1024);
    const bomb = deflateSync(Buffer.alloc(50 * 1024 * 1024));
    expect(bomb.length).toBeLessThan(60 * 1024);
    expect(() => budget.inflate(bomb)).toThrow(InflateLimitError);
    expect(budget.total).toBe(60 * 1024);
  });

  it('refuses cross-reference and object streams beyond the limits when the reader opens a file', () => {
    const pdf = corpus('pdflib-object-streams.pdf');
    expect(() => PdfReader.open(pdf, { maxBytes: 16, maxTotalBytes: 16, maxRatio: 1, ratioFloorBytes: 16 }).catalog()).toThrow(UnsupportedPdfError);
    expect(PdfReader.open(pdf).catalog().name('Type')).toBe('Catalog');
  });

  /** A grey 8-bit PNG of that size whose image data is `raw`, deflated. */
  const greyPng = (width: number, height: number, raw: Buffer) => {
    const header = Buffer.alloc(13);
    header.writeUInt32BE(width, 0);
    header.writeUInt32BE(height, 4);
    header[8] = 8; // bit depth
    header[9] = 0; // grey
    return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
  };

  it('refuses a signature image whose data inflates beyond the size its header declares', () => {
    const png = (raw: Buffer) => greyPng(10, 10, raw);
    // 10 rows of a filter byte and 10 samples: 110 bytes. A little more is refused, 100 MB is never produced.
    expect(pngForPdf(png(Buffer.alloc(110))).width).toBe(10);
    expect(() => pngForPdf(png(Buffer.alloc(100 * 1024 * 1024)))).toThrow(InvalidOptionsError);
    expect(() => pngForPdf(png(Buffer.alloc(100 * 1024 * 1024)))).toThrow(/larger than its declared size/);
  });

  it('refuses a signature image that honestly declares a large size but expands beyond the ratio PDF streams get', () => {
    // 4,096 × 2,048 grey: 8 MB of image data from ~8 kB, past the 4 MB floor and 200 : 1.
    const bomb = greyPng(4096, 2048, Buffer.alloc(4097 * 2048));
    expect(bomb.length).toBeLessThan(40 * 1024);
    expect(() => pngForPdf(bomb)).toThrow(InvalidOptionsError);
    expect(() => pngForPdf(bomb)).toThrow(/expands more than 200 times its compressed size, a compression bomb/);
    // Within the floor any ratio is fine: a blank 1,000 × 1,000 image (1 MB from ~1 kB).
    expect(pngForPdf(greyPng(1000, 1000, Buffer.alloc(1001 * 1000))).width).toBe(1000);
    // Past the floor, data that really is that varied passes (random samples hardly compress).
    const noisy = Buffer.alloc(2049 * 2200);
    for (let i = 0; i < noisy.length; i++) noisy[i] = (i * 2654435761) >>> 27;
    for (let y = 0; y < 2200; y++) noisy[y * 2049] = 0;
    expect(pngForPdf(greyPng(2048, 2200, noisy)).height).toBe(2200);
  });
});
