/**
 * A small page layout for the sample documents that pdf-lib and Ghostscript write: paragraphs
 * broken into lines with Liberation Serif's own advance widths, justified word by word, pages
 * broken at the bottom margin, and side-by-side cells for the header and the signing block of
 * Decree 30/2020 (Appendix I). Both producers draw the same placed words; what differs is how
 * each writes them (pdf-lib: Identity-H subsets; Ghostscript: re-encoded Type 42 fonts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import fontkit from '@pdf-lib/fontkit';

/** Debian's fonts-liberation2 (a dependency of LibreOffice): metric-compatible with Times New Roman, with every Vietnamese letter. */
export const FONT_DIR = process.env['LIBERATION_DIR'] ?? '/usr/share/fonts/truetype/liberation2';

export type FontStyle = 'regular' | 'bold' | 'italic' | 'boldItalic';

export const FONT_FILES: Record<FontStyle, string> = {
  regular: 'LiberationSerif-Regular.ttf',
  bold: 'LiberationSerif-Bold.ttf',
  italic: 'LiberationSerif-Italic.ttf',
  boldItalic: 'LiberationSerif-BoldItalic.ttf',
};

export const fontBytes = (style: FontStyle): Buffer => readFileSync(join(FONT_DIR, FONT_FILES[style]));

/** A4 in points, as pdf-lib's PageSizes.A4. */
export const A4: [number, number] = [595.28, 841.89];

/** Decree 30/2020 margins: top and bottom 20 mm, left 30 mm, right 15 mm. */
export const MARGINS = { top: 56.7, bottom: 56.7, left: 85.05, right: 42.52 };

export interface Paragraph {
  text: string;
  size?: number;
  style?: FontStyle;
  align?: 'left' | 'center' | 'right' | 'justify';
  /** First-line indent, points. */
  indent?: number;
  /** Space above, points. */
  before?: number;
}

/** Cells laid out side by side from the same top; the row ends under the tallest. */
export interface Row {
  cells: Array<{ width: number; paragraphs: Paragraph[] }>;
  before?: number;
}

export type Block = Paragraph | Row | { pageBreak: true };

export interface PlacedWord {
  page: number;
  x: number;
  /** Baseline, points from the bottom of the page. */
  y: number;
  text: string;
  size: number;
  style: FontStyle;
}

interface Metrics {
  unitsPerEm: number;
  advance(codePoint: number): number;
}

const metricsCache = new Map<FontStyle, Metrics>();

function metrics(style: FontStyle): Metrics {
  let found = metricsCache.get(style);
  if (!found) {
    const font = fontkit.create(fontBytes(style));
    found = { unitsPerEm: font.unitsPerEm, advance: (codePoint) => font.glyphForCodePoint(codePoint).advanceWidth };
    metricsCache.set(style, found);
  }
  return found;
}

/** Width of the text as the PDF will draw it: the sum of the glyphs' advances (neither producer kerns). */
export function textWidth(text: string, style: FontStyle, size: number): number {
  const m = metrics(style);
  let units = 0;
  for (const char of text) units += m.advance(char.codePointAt(0) ?? 32);
  return (units / m.unitsPerEm) * size;
}

const LINE_HEIGHT = 1.2;

/** Lays the blocks out on A4 pages; returns every word with its place. */
export function layOut(blocks: Block[]): { words: PlacedWord[]; pageCount: number } {
  const [, pageHeight] = A4;
  const width = A4[0] - MARGINS.left - MARGINS.right;
  const words: PlacedWord[] = [];
  let page = 1;
  // The top of the next line box.
  let top = pageHeight - MARGINS.top;

  const newPage = () => {
    page += 1;
    top = pageHeight - MARGINS.top;
  };

  /** Lays one paragraph in a column; returns the top of the line box after it. */
  const paragraph = (p: Paragraph, left: number, columnWidth: number, from: number, breakPages: boolean): number => {
    const size = p.size ?? 14;
    const style = p.style ?? 'regular';
    const space = textWidth(' ', style, size);
    const lineHeight = size * LINE_HEIGHT;
    let y = from - (p.before ?? 0);
    for (const source of p.text.normalize('NFC').split('\n')) {
      const tokens = source.split(' ').filter(Boolean);
      let first = true;
      while (tokens.length || first) {
        const indent = first ? (p.indent ?? 0) : 0;
        const available = columnWidth - indent;
        const line: string[] = [];
        let used = 0;
        while (tokens.length) {
          const w = textWidth(tokens[0], style, size);
          if (line.length && used + space + w > available) break;
          used += (line.length ? space : 0) + w;
          line.push(tokens.shift() as string);
        }
        if (breakPages && y - lineHeight < MARGINS.bottom) {
          newPage();
          y = top;
        }
        const baseline = y - size;
        const last = tokens.length === 0;
        const align = p.align ?? 'justify';
        let x = left + indent;
        let gap = space;
        if (align === 'center') x += (available - used) / 2;
        else if (align === 'right') x += available - used;
        else if (align === 'justify' && !last && line.length > 1) gap = space + (available - used) / (line.length - 1);
        for (const word of line) {
          words.push({ page, x, y: baseline, text: word, size, style });
          x += textWidth(word, style, size) + gap;
        }
        y -= lineHeight;
        first = false;
      }
    }
    return y;
  };

  for (const block of blocks) {
    if ('pageBreak' in block) {
      newPage();
    } else if ('cells' in block) {
      let left = MARGINS.left;
      const from = top - (block.before ?? 0);
      let lowest = from;
      for (const cell of block.cells) {
        let y = from;
        for (const p of cell.paragraphs) y = paragraph(p, left, cell.width, y, false);
        lowest = Math.min(lowest, y);
        left += cell.width;
      }
      top = lowest;
    } else {
      top = paragraph(block, MARGINS.left, width, top, true);
    }
  }
  return { words, pageCount: page };
}
