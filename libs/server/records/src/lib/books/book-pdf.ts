import { PDFPage } from 'pdf-lib';

import { A4_LANDSCAPE, BLACK, drawCentred, drawOrganisation, Fonts, MARGINS, newReport, numberPages, savePdf, wrapText } from '../print/pdf-kit';
import { RegisterBook } from './register-book';

// Decree 30/2020, Appendix I margins; the page number sits inside the bottom margin.
const LEFT = MARGINS.left;
const RIGHT = A4_LANDSCAPE.width - MARGINS.right;
const TOP = A4_LANDSCAPE.height - MARGINS.top;
const BOTTOM = MARGINS.bottom;
const SIZE = 10;
const HEAD_SIZE = 10;
const LINE = 12;
const PAD = 3;

interface Layout {
  x: number[];
  widths: number[];
}

function layoutOf(book: RegisterBook): Layout {
  const total = book.columns.reduce((sum, c) => sum + c.width, 0);
  const widths = book.columns.map((c) => ((RIGHT - LEFT) * c.width) / total);
  const x: number[] = [];
  let at = LEFT;
  for (const w of widths) {
    x.push(at);
    at += w;
  }
  return { x, widths };
}

/** Draws one row of cells with borders from `top` down; returns the row's bottom. */
function drawRow(page: PDFPage, layout: Layout, lines: string[][], top: number, font: Fonts['regular'], size: number, centred: boolean): number {
  const height = Math.max(1, ...lines.map((l) => l.length)) * LINE + 2 * PAD;
  lines.forEach((cell, c) => {
    const x = layout.x[c];
    const w = layout.widths[c];
    page.drawRectangle({ x, y: top - height, width: w, height, borderColor: BLACK, borderWidth: 0.5 });
    cell.forEach((text, i) => {
      const y = top - PAD - (i + 1) * LINE + 3;
      if (centred) drawCentred(page, text, font, size, x + w / 2, y);
      else page.drawText(text, { x: x + PAD, y, font, size, color: BLACK });
    });
  });
  return top - height;
}

/**
 * The register book as a printable PDF: A4 landscape, Tinos (Times-metric), the organisation,
 * the book's title and period at the top of the first page, the column headings repeated on
 * every page, page numbers at the bottom.
 */
export async function renderBookPdf(book: RegisterBook): Promise<Buffer> {
  const { doc, fonts } = await newReport(`${book.title} – ${book.organisationName} – ${book.period}`);
  const layout = layoutOf(book);
  const cellWidth = (c: number) => layout.widths[c] - 2 * PAD;
  const headLines = book.columns.map((col, c) => wrapText(col.heading, fonts.bold, HEAD_SIZE, cellWidth(c)));
  // The column numbers under the headings, as printed register books have them: (1), (2), …
  const numberLines = book.columns.map((_, c) => [`(${c + 1})`]);

  let page = doc.addPage([A4_LANDSCAPE.width, A4_LANDSCAPE.height]);
  // The first line's baseline a line below the margin, so that its letters stay inside it.
  let y = TOP - 12;
  y = drawOrganisation(page, fonts, book.parentName, book.organisationName, LEFT + 120, y, 240);
  y -= 8;
  const centre = (LEFT + RIGHT) / 2;
  drawCentred(page, book.title, fonts.bold, 16, centre, y);
  y -= 18;
  drawCentred(page, book.period, fonts.italic, 12, centre, y);
  y -= 16;

  const heading = (top: number) => {
    const below = drawRow(page, layout, headLines, top, fonts.bold, HEAD_SIZE, true);
    return drawRow(page, layout, numberLines, below, fonts.italic, 9, true);
  };
  y = heading(y);
  if (!book.rows.length) {
    drawCentred(page, 'Không có văn bản nào trong kỳ.', fonts.italic, SIZE, (LEFT + RIGHT) / 2, y - 18);
  }
  for (const row of book.rows) {
    const lines = row.map((text, c) => wrapText(text, fonts.regular, SIZE, cellWidth(c)));
    const height = Math.max(1, ...lines.map((l) => l.length)) * LINE + 2 * PAD;
    if (y - height < BOTTOM) {
      page = doc.addPage([A4_LANDSCAPE.width, A4_LANDSCAPE.height]);
      y = heading(TOP);
    }
    y = drawRow(page, layout, lines, y, fonts.regular, SIZE, false);
  }
  numberPages(doc, fonts.regular);
  return savePdf(doc);
}
