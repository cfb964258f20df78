import { readFileSync } from 'node:fs';

import { fontkitForPdfLib } from '@vanthu/pdf-signing';
import { PDFDocument, PDFFont, PDFPage, rgb } from 'pdf-lib';

// The same Tinos files the signature appearances and generated drafts embed: Tinos is
// metric-compatible with Times New Roman, which Decree 30/2020 (Appendix I) names, and has every
// Vietnamese letter.
const FONT_FILES = {
  regular: '@expo-google-fonts/tinos/400Regular/Tinos_400Regular.ttf',
  bold: '@expo-google-fonts/tinos/700Bold/Tinos_700Bold.ttf',
  italic: '@expo-google-fonts/tinos/400Regular_Italic/Tinos_400Regular_Italic.ttf',
} as const;
type FontStyle = keyof typeof FONT_FILES;

declare const __non_webpack_require__: NodeRequire | undefined;

const fontBytes = new Map<FontStyle, Buffer>();

/** A font file of an npm package, found both from source (tests) and from the bundled API. */
function fontFile(style: FontStyle): Buffer {
  let bytes = fontBytes.get(style);
  if (!bytes) {
    const load = typeof __non_webpack_require__ === 'function' ? __non_webpack_require__ : require;
    bytes = readFileSync(load.resolve(FONT_FILES[style]));
    fontBytes.set(style, bytes);
  }
  return bytes;
}

export const MM = 72 / 25.4;
export const A4_PORTRAIT = { width: 595.28, height: 841.89 };
export const A4_LANDSCAPE = { width: 841.89, height: 595.28 };
export const BLACK = rgb(0, 0, 0);

export interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
  italic: PDFFont;
}

/** A new PDF with the Tinos fonts embedded as subsets. */
export async function newReport(title: string): Promise<{ doc: PDFDocument; fonts: Fonts }> {
  const doc = await PDFDocument.create();
  doc.setTitle(title);
  doc.setProducer('VănThư');
  doc.setCreator('VănThư');
  return { doc, fonts: await embedFonts(doc) };
}

/** The Tinos fonts embedded as subsets into a document, new or loaded (a watermarked copy). */
export async function embedFonts(doc: PDFDocument): Promise<Fonts> {
  doc.registerFontkit(fontkitForPdfLib);
  const [regular, bold, italic] = await Promise.all((['regular', 'bold', 'italic'] as const).map((style) => doc.embedFont(fontFile(style), { subset: true })));
  return { regular, bold, italic };
}

/** Lines of `text` that fit `width`, breaking at spaces (and inside words longer than a line). */
export function wrapText(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const candidate = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(candidate, size) <= width) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      // A word wider than the column (a long symbol) is cut where it no longer fits.
      let rest = word;
      while (font.widthOfTextAtSize(rest, size) > width && rest.length > 1) {
        let cut = rest.length - 1;
        while (cut > 1 && font.widthOfTextAtSize(rest.slice(0, cut), size) > width) cut--;
        lines.push(rest.slice(0, cut));
        rest = rest.slice(cut);
      }
      line = rest;
    }
    lines.push(line);
  }
  return lines;
}

export function drawCentred(page: PDFPage, text: string, font: PDFFont, size: number, centre: number, y: number): number {
  const width = font.widthOfTextAtSize(text, size);
  page.drawText(text, { x: centre - width / 2, y, font, size, color: BLACK });
  return width;
}

/** Page numbers at the bottom centre of every page: "Trang 2/5". */
export function numberPages(doc: PDFDocument, font: PDFFont, bottom: number): void {
  const pages = doc.getPages();
  pages.forEach((page, i) => drawCentred(page, `Trang ${i + 1}/${pages.length}`, font, 9, page.getWidth() / 2, bottom));
}

export async function savePdf(doc: PDFDocument): Promise<Buffer> {
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}
