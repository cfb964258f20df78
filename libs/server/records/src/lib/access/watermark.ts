import { formatDateTime } from '@vanthu/shared/domain';
import { degrees, PDFDocument, rgb } from 'pdf-lib';

import { embedFonts, savePdf } from '../print/pdf-kit';

/**
 * A copy of a PDF with the reader's name and the time on every page (Decree 30/2020, Appendix
 * VI: a watermark on printouts): large and pale across the page, and in a line at its foot. The
 * copy is rewritten, so its signatures no longer verify: the signed original stays downloadable
 * unchanged for that.
 */
export async function watermarkCopy(original: Buffer, reader: { fullName: string; username: string }, at: Date): Promise<Buffer> {
  const doc = await PDFDocument.load(original, { updateMetadata: false });
  const fonts = await embedFonts(doc);
  const stamp = `${reader.fullName} — ${formatDateTime(at)}`;
  const footer = `Bản sao của ${reader.fullName} (${reader.username}), lúc ${formatDateTime(at)}. Không phải bản gốc có chữ ký số.`;
  for (const page of doc.getPages()) {
    const { width, height } = page.getSize();
    const size = Math.min(36, (Math.hypot(width, height) * 0.7) / Math.max(1, fonts.bold.widthOfTextAtSize(stamp, 1)));
    const textWidth = fonts.bold.widthOfTextAtSize(stamp, size);
    const angle = Math.atan2(height, width);
    // Centred on the page along its diagonal.
    const x = width / 2 - (Math.cos(angle) * textWidth) / 2 + (Math.sin(angle) * size) / 3;
    const y = height / 2 - (Math.sin(angle) * textWidth) / 2 - (Math.cos(angle) * size) / 3;
    page.drawText(stamp, { x, y, size, font: fonts.bold, color: rgb(0.6, 0.1, 0.1), opacity: 0.18, rotate: degrees((angle * 180) / Math.PI) });
    const footerSize = Math.min(8, (width - 40) / Math.max(1, fonts.italic.widthOfTextAtSize(footer, 1)));
    page.drawText(footer, { x: 20, y: 8, size: footerSize, font: fonts.italic, color: rgb(0.35, 0.35, 0.35) });
  }
  return savePdf(doc);
}
