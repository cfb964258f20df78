import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { encodePng } from '@vanthu/dev-pki';
import { PDFDocument } from 'pdf-lib';

import { corpus, pdfWithPages, tempDir, testPeople, TestPeople } from '../../../test/fixtures';
import { run } from '../../../test/validators';
import { signPdf } from '../sign';
import { fontkitForPdfLib } from './fonts';
import { Rect, sealRectOver } from './geometry';

/** A page rendered by MuPDF at 72 dpi (one pixel per point), as RGB. */
interface Raster {
  width: number;
  height: number;
  pixel(x: number, y: number): [number, number, number];
}

function render(dir: string, pdf: Buffer, page: number): Raster {
  writeFileSync(join(dir, 'render.pdf'), pdf);
  const result = run('mutool', ['draw', '-q', '-r', '72', '-c', 'rgb', '-o', join(dir, 'render.pnm'), join(dir, 'render.pdf'), String(page)]);
  expect(result.stderr).not.toMatch(/error/i);
  const ppm = readFileSync(join(dir, 'render.pnm'));
  const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.subarray(0, 32).toString('latin1'))!;
  const width = Number(header[1]);
  const offset = header[0].length;
  return { width, height: Number(header[2]), pixel: (x, y) => [...ppm.subarray(offset + (y * width + x) * 3, offset + (y * width + x) * 3 + 3)] as [number, number, number] };
}

const isBlue = ([r, g, b]: number[]) => b > 120 && b > r + 60 && b > g + 40;
const isDark = ([r, g, b]: number[]) => r + g + b < 384;
const isRed = ([r, g, b]: number[]) => r > 150 && r > g + 80 && r > b + 80;

/** Bounding box, in displayed-page points from the bottom-left, of the pixels matching a colour (optionally only inside a region). */
function inkBox(raster: Raster, matches: (rgb: number[]) => boolean, within?: Rect): { count: number; x1: number; y1: number; x2: number; y2: number } {
  const box = { count: 0, x1: Infinity, y1: Infinity, x2: -Infinity, y2: -Infinity };
  for (let y = 0; y < raster.height; y++) {
    for (let x = 0; x < raster.width; x++) {
      if (within && !(x >= within.x && x < within.x + within.width && raster.height - y > within.y && raster.height - y <= within.y + within.height)) continue;
      if (!matches(raster.pixel(x, y))) continue;
      box.count++;
      const px = x + 0.5;
      const py = raster.height - y - 0.5;
      box.x1 = Math.min(box.x1, px);
      box.x2 = Math.max(box.x2, px);
      box.y1 = Math.min(box.y1, py);
      box.y2 = Math.max(box.y2, py);
    }
  }
  return box;
}

const inside = (box: ReturnType<typeof inkBox>, rect: Rect, slack = 1.5) =>
  box.x1 >= rect.x - slack && box.x2 <= rect.x + rect.width + slack && box.y1 >= rect.y - slack && box.y2 <= rect.y + rect.height + slack;

describe('appearances as rendered by MuPDF', () => {
  let people: TestPeople;
  let dir: ReturnType<typeof tempDir>;

  beforeAll(() => {
    people = testPeople();
    dir = tempDir('pdf-signing-appearance');
  });
  afterAll(() => dir.cleanup());

  it('draws the leader’s signature in blue inside its rectangle, and the red seal over its left third', async () => {
    const rect = { x: 330, y: 150, width: 210, height: 120 };
    const once = await signPdf(corpus('pdflib-classic-xref.pdf'), {
      signer: people.leaderSigner,
      appearance: { kind: 'personal', page: 1, rect, image: people.signatureImage, name: 'Nguyễn Văn Hùng', signingLine: 'KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH' },
    });
    const seal = sealRectOver(rect);
    const twice = await signPdf(once, { signer: people.organisationSigner, appearance: { kind: 'seal', page: 1, rect: seal, image: people.sealImage, organisation: 'UBND huyện Tuy Đức' } });
    const raster = render(dir.path, twice, 1);

    const blue = inkBox(raster, isBlue);
    expect(blue.count).toBeGreaterThan(300);
    expect(inside(blue, rect)).toBe(true);

    const red = inkBox(raster, isRed);
    expect(red.count).toBeGreaterThan(1000);
    expect(inside(red, seal)).toBe(true);
    // Decree 30: the seal covers about the left third of the signature, and is 36 mm across.
    expect(red.x2).toBeGreaterThan(rect.x + rect.width / 4);
    expect(red.x2).toBeLessThan(rect.x + rect.width / 2.5);
    expect(red.x2 - red.x1).toBeGreaterThan(95);
  });

  it.each([0, 90, 180, 270])('keeps an appearance upright where it was asked to be on a page turned by /Rotate %i', async (rotation) => {
    // An image whose ink is only in its top-left quarter: any turn or mirror of the appearance moves it.
    const width = 200;
    const height = 100;
    const rgba = new Uint8Array(width * height * 4);
    for (let y = 0; y < height / 2; y++) for (let x = 0; x < width / 2; x++) rgba.set([20, 52, 170, 255], (y * width + x) * 4);
    const pdf = await pdfWithPages([rotation]);
    const rect = { x: 300, y: 80, width, height };
    const signed = await signPdf(pdf, { signer: people.leaderSigner, appearance: { kind: 'seal', page: 1, rect, image: encodePng(width, height, rgba), organisation: 'UBND' } });
    const raster = render(dir.path, signed, 1);
    expect([raster.width, raster.height]).toEqual(rotation % 180 ? [842, 595] : [595, 842]);
    const blue = inkBox(raster, isBlue);
    expect(blue.x1).toBeCloseTo(rect.x, -0.5);
    expect(blue.x2).toBeCloseTo(rect.x + width / 2, -0.5);
    expect(blue.y1).toBeCloseTo(rect.y + height / 2, -0.5);
    expect(blue.y2).toBeCloseTo(rect.y + height, -0.5);
  });

  it('draws a plain red seal with the organisation’s name when there is no seal image', async () => {
    const rect = { x: 200, y: 200, width: 102, height: 102 };
    const signed = await signPdf(corpus('ghostscript-bao-cao.pdf'), { signer: people.organisationSigner, appearance: { kind: 'seal', page: 1, rect, organisation: 'Ủy ban nhân dân huyện Tuy Đức' } });
    const red = inkBox(render(dir.path, signed, 1), isRed);
    expect(red.count).toBeGreaterThan(500);
    expect(inside(red, rect)).toBe(true);
    writeFileSync(join(dir.path, 'plain-seal.pdf'), signed);
    expect(run('pdftotext', [join(dir.path, 'plain-seal.pdf'), '-']).stdout).toContain('ỦY BAN');
  });

  it('draws the signature image alone, across the signing place, when the document prints the text around it', async () => {
    const rect = { x: 330, y: 150, width: 200, height: 80 };
    const signed = await signPdf(corpus('pdflib-classic-xref.pdf'), {
      signer: people.leaderSigner,
      appearance: { kind: 'personal', page: 1, rect, image: people.signatureImage, name: 'Nguyễn Văn Hùng', textAround: false },
    });
    const blue = inkBox(render(dir.path, signed, 1), isBlue);
    expect(inside(blue, rect)).toBe(true);
    // The image fills the height of the place (its strokes cover more than half of it).
    expect(blue.y2 - blue.y1).toBeGreaterThan(rect.height * 0.5);
    writeFileSync(join(dir.path, 'alone.pdf'), signed);
    expect(run('pdftotext', [join(dir.path, 'alone.pdf'), '-']).stdout).not.toContain('Nguyễn Văn Hùng');
  });

  it('paints a stamp’s cover white over what it replaces and centres its text on x', async () => {
    const pdf = await pdfWithPages([0]);
    // "Page 1" is drawn by the page at (72, 760), 14 pt: a cover over it, and "27" centred at x = 200.
    const cover = { x: 60, y: 745, width: 180, height: 40 };
    const under = inkBox(render(dir.path, pdf, 1), isDark, cover);
    expect(under.count).toBeGreaterThan(20);
    const signed = await signPdf(pdf, { signer: people.organisationSigner, stamps: [{ page: 1, x: 200, y: 752, text: '27', fontSize: 24, align: 'center', cover }] });
    const raster = render(dir.path, signed, 1);
    const ink = inkBox(raster, isDark, cover);
    expect(ink.count).toBeGreaterThan(20);
    expect((ink.x1 + ink.x2) / 2).toBeCloseTo(200, -0.5);
    // Nothing of "Page 1" shows through: every dark pixel under the cover is the stamp's.
    expect(ink.x1).toBeGreaterThan(185);
    // The page content itself is untouched: the text is still there for extraction.
    writeFileSync(join(dir.path, 'covered.pdf'), signed);
    expect(run('pdftotext', [join(dir.path, 'covered.pdf'), '-']).stdout).toContain('Page 1');
  });

  it('refuses a stamp cover that is not a rectangle', async () => {
    await expect(signPdf(await pdfWithPages([0]), { signer: people.organisationSigner, stamps: [{ page: 1, x: 10, y: 10, text: '1', cover: { x: 0, y: 0, width: -5, height: 10 } }] })).rejects.toMatchObject({
      code: 'INVALID_OPTIONS',
    });
  });

  it('gives pdf-lib a fontkit whose Tinos subsets draw every glyph', async () => {
    const doc = await PDFDocument.create();
    doc.registerFontkit(fontkitForPdfLib as unknown as Parameters<PDFDocument['registerFontkit']>[0]);
    const font = await doc.embedFont(readFileSync(require.resolve('@expo-google-fonts/tinos/700Bold/Tinos_700Bold.ttf')), { subset: true });
    doc.addPage([400, 100]).drawText('KT. CHỦ TỊCH Nguyễn Văn Hùng', { x: 10, y: 40, size: 16, font });
    writeFileSync(join(dir.path, 'pdf-lib.pdf'), await doc.save());
    const result = run('mutool', ['draw', '-q', '-o', join(dir.path, 'pdf-lib.png'), join(dir.path, 'pdf-lib.pdf')]);
    expect(result.stderr).not.toMatch(/invalid outline|FT_Load_Glyph/);
    expect(run('pdftotext', [join(dir.path, 'pdf-lib.pdf'), '-']).stdout).toContain('KT. CHỦ TỊCH Nguyễn Văn Hùng');
  });
});
