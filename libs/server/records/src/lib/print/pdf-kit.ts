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

/**
 * The margins of Decree 30/2020, Appendix I for printed documents: top and bottom 20–25 mm,
 * left 30–35 mm, right 15–20 mm (the smallest of each, so that tables keep their width).
 */
export const MARGINS = { top: 20 * MM, bottom: 20 * MM, left: 30 * MM, right: 15 * MM } as const;

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
      // A word wider than the column (a long symbol) is cut where it no longer fits: after its
      // last "/" or "-" that fits when it has one (1234/ | SLĐTBXH-BTXH), else between letters.
      let rest = word;
      while (font.widthOfTextAtSize(rest, size) > width && rest.length > 1) {
        let cut = rest.length - 1;
        while (cut > 1 && font.widthOfTextAtSize(rest.slice(0, cut), size) > width) cut--;
        const separator = Math.max(rest.lastIndexOf('/', cut - 1), rest.lastIndexOf('-', cut - 1));
        if (separator > 0) cut = separator + 1;
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

/**
 * Page numbers at the bottom of every page, centred between the margins and inside the bottom
 * margin: "Trang 2/5".
 */
export function numberPages(doc: PDFDocument, font: PDFFont, pages = doc.getPages()): void {
  pages.forEach((page, i) => drawCentred(page, `Trang ${i + 1}/${pages.length}`, font, 10, (MARGINS.left + page.getWidth() - MARGINS.right) / 2, MARGINS.bottom / 2));
}

/**
 * The organisation's name in bold, centred at `centre` from `y` down, with the short rule under
 * it that Decree 30/2020 (Appendix I) draws under the issuing organisation; returns the next `y`.
 */
export function drawOrganisation(page: PDFPage, fonts: Fonts, parentName: string | null, name: string, centre: number, y: number, width: number): number {
  if (parentName) {
    for (const line of wrapText(parentName.toUpperCase(), fonts.regular, 12, width)) {
      drawCentred(page, line, fonts.regular, 12, centre, y);
      y -= 15;
    }
  }
  let widest = 0;
  for (const line of wrapText(name.toUpperCase(), fonts.bold, 12, width)) {
    widest = Math.max(widest, drawCentred(page, line, fonts.bold, 12, centre, y));
    y -= 15;
  }
  // A rule a third of the name's width, under its middle.
  page.drawLine({ start: { x: centre - widest / 6, y: y + 10 }, end: { x: centre + widest / 6, y: y + 10 }, thickness: 0.6, color: BLACK });
  return y - 4;
}

export async function savePdf(doc: PDFDocument): Promise<Buffer> {
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}
