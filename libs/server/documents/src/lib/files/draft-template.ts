import { readFileSync } from 'node:fs';

import { fontkitForPdfLib } from '@vanthu/pdf-signing';
import { DOCUMENT_TYPES, DocumentType, SignaturePlacement } from '@vanthu/shared/contracts';
import { PDFDocument, PDFFont, PDFPage, rgb } from 'pdf-lib';

// Decree 30/2020, Appendix I: A4, margins top 20–25 mm, bottom 20–25 mm, left 30–35 mm, right
// 15–20 mm; Times New Roman (Tinos is metric-compatible) 13–14 pt for the body.
const MM = 72 / 25.4;
export const A4 = { width: 595.28, height: 841.89 };
const LEFT = 30 * MM;
const RIGHT = A4.width - 15 * MM;
const TOP = A4.height - 20 * MM;
const BOTTOM = 20 * MM;
const LEFT_COLUMN_CENTRE = LEFT + 95;
const RIGHT_COLUMN_CENTRE = RIGHT - 150;


declare const __non_webpack_require__: NodeRequire | undefined;

/** A file of an npm package, found at run time both from source (tests) and from the bundled API. */
function packageFile(spec: string): string {
  const load = typeof __non_webpack_require__ === 'function' ? __non_webpack_require__ : require;
  return load.resolve(spec);
}

const FONT_FILES = {
  regular: '@expo-google-fonts/tinos/400Regular/Tinos_400Regular.ttf',
  bold: '@expo-google-fonts/tinos/700Bold/Tinos_700Bold.ttf',
  italic: '@expo-google-fonts/tinos/400Regular_Italic/Tinos_400Regular_Italic.ttf',
  boldItalic: '@expo-google-fonts/tinos/700Bold_Italic/Tinos_700Bold_Italic.ttf',
} as const;
type FontStyle = keyof typeof FONT_FILES;
const fontBytes = new Map<FontStyle, Buffer>();

function fontFile(style: FontStyle): Buffer {
  let bytes = fontBytes.get(style);
  if (!bytes) {
    bytes = readFileSync(packageFile(FONT_FILES[style]));
    fontBytes.set(style, bytes);
  }
  return bytes;
}

/** What a draft generated from the form shows. */
export interface DraftTemplate {
  /** The level above the issuer ("UBND HUYỆN TUY ĐỨC" above a department), if any. */
  parentName: string | null;
  issuerName: string;
  /** The symbol after the number, printed with a blank for the number: "Số:      /KH-UBND". */
  symbolWithoutNumber: string;
  /** Place of the date line: "Tuy Đức, ngày      tháng      năm 2026". */
  placeName: string | null;
  year: number;
  type: DocumentType;
  subject: string;
  /** Paragraphs of the body; a default text explains the draft when empty. */
  body: string[];
  recipients: string[];
  signingLine: string | null;
  signerName: string | null;
}

export interface GeneratedDraft {
  pdf: Buffer;
  /** The signing place: between the signing line and the signer's printed name. */
  signaturePlacement: SignaturePlacement;
}

function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const candidate = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(candidate, size) > width && line) {
        lines.push(line);
        line = word;
      } else {
        line = candidate;
      }
    }
    lines.push(line);
  }
  return lines;
}

function centred(page: PDFPage, text: string, font: PDFFont, size: number, centre: number, y: number): number {
  const width = font.widthOfTextAtSize(text, size);
  page.drawText(text, { x: centre - width / 2, y, font, size, color: rgb(0, 0, 0) });
  return width;
}

/**
 * A draft laid out per Decree 30/2020 Appendix I from what the drafter typed in the form, so a
 * document can go through the whole route without a word processor. The number and date lines
 * stay blank for the clerk's stamps, the signing place blank for the leader's signature.
 */
export async function generateDraftPdf(t: DraftTemplate): Promise<GeneratedDraft> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkitForPdfLib);
  doc.setTitle(t.subject);
  doc.setProducer('VănThư');
  doc.setCreator('VănThư');
  const [regular, bold, italic, boldItalic] = await Promise.all(
    (['regular', 'bold', 'italic', 'boldItalic'] as const).map((style) => doc.embedFont(fontFile(style), { subset: true })),
  );
  let page = doc.addPage([A4.width, A4.height]);

  // Header: issuer (left) and the national motto (right).
  let y = TOP;
  if (t.parentName) {
    centred(page, t.parentName.toUpperCase(), regular, 12, LEFT_COLUMN_CENTRE, y);
    y -= 15;
  }
  for (const line of wrap(t.issuerName.toUpperCase(), bold, 12, 200)) {
    centred(page, line, bold, 12, LEFT_COLUMN_CENTRE, y);
    y -= 15;
  }
  page.drawLine({ start: { x: LEFT_COLUMN_CENTRE - 30, y: y + 8 }, end: { x: LEFT_COLUMN_CENTRE + 30, y: y + 8 }, thickness: 0.6 });
  centred(page, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', bold, 12, RIGHT_COLUMN_CENTRE, TOP);
  const motto = centred(page, 'Độc lập - Tự do - Hạnh phúc', bold, 13, RIGHT_COLUMN_CENTRE, TOP - 15);
  page.drawLine({ start: { x: RIGHT_COLUMN_CENTRE - motto / 2, y: TOP - 18 }, end: { x: RIGHT_COLUMN_CENTRE + motto / 2, y: TOP - 18 }, thickness: 0.6 });

  // Decree 30: the number and the date are left blank in the draft and filled when it is issued.
  centred(page, `Số:          /${t.symbolWithoutNumber}`, regular, 13, LEFT_COLUMN_CENTRE, TOP - 62);
  centred(page, `${t.placeName ? `${t.placeName}, ` : ''}ngày      tháng      năm ${t.year}`, italic, 13, RIGHT_COLUMN_CENTRE, TOP - 62);

  const typeInfo = DOCUMENT_TYPES[t.type];
  y = TOP - 62 - 15;
  if (typeInfo.abbreviation === null) {
    // Công văn: "V/v …" under the number, no title.
    for (const line of wrap(`V/v ${t.subject}`, regular, 12, 200)) {
      centred(page, line, regular, 12, LEFT_COLUMN_CENTRE, y);
      y -= 14;
    }
    y -= 18;
  } else {
    y = TOP - 62 - 40;
    centred(page, typeInfo.name.vi.toUpperCase(), bold, 14, A4.width / 2, y);
    y -= 17;
    for (const line of wrap(t.subject, bold, 14, RIGHT - LEFT - 40)) {
      centred(page, line, bold, 14, A4.width / 2, y);
      y -= 17;
    }
    page.drawLine({ start: { x: A4.width / 2 - 40, y: y + 9 }, end: { x: A4.width / 2 + 40, y: y + 9 }, thickness: 0.6 });
    y -= 14;
  }

  const body = t.body.length
    ? t.body
    : [`(Dự thảo) Nội dung ${typeInfo.name.vi.toLowerCase()} về việc ${t.subject.charAt(0).toLowerCase()}${t.subject.slice(1)}.`];
  for (const paragraph of body) {
    const lines = wrap(paragraph, regular, 13, RIGHT - LEFT - 28);
    for (let i = 0; i < lines.length; i++) {
      if (y < BOTTOM + 40) {
        page = doc.addPage([A4.width, A4.height]);
        y = TOP;
      }
      page.drawText(lines[i], { x: i === 0 ? LEFT + 28 : LEFT, y, font: regular, size: 13 });
      y -= 19;
    }
    y -= 4;
  }

  // Closing block: "Nơi nhận" (left) and the signing line, signature place, name (right).
  const signingLines = (t.signingLine ?? '').split('\n').map((l) => l.trim()).filter(Boolean);
  const blockHeight = 24 + signingLines.length * 16 + 84 + 20;
  if (y - blockHeight < BOTTOM) {
    page = doc.addPage([A4.width, A4.height]);
    y = TOP;
  }
  y -= 16;
  const blockTop = y;
  page.drawText('Nơi nhận:', { x: LEFT, y, font: boldItalic, size: 12 });
  let left = y - 14;
  for (const recipient of [...t.recipients, 'Lưu: VT.']) {
    page.drawText(`- ${recipient};`, { x: LEFT, y: left, font: regular, size: 11 });
    left -= 13;
  }
  let right = blockTop;
  for (const line of signingLines) {
    centred(page, line.toUpperCase(), bold, 13, RIGHT_COLUMN_CENTRE, right);
    right -= 16;
  }
  const placeTop = right - 4;
  const placeHeight = 76;
  const nameY = placeTop - placeHeight - 14;
  if (t.signerName) centred(page, t.signerName, bold, 13, RIGHT_COLUMN_CENTRE, nameY);

  const pdf = Buffer.from(await doc.save({ useObjectStreams: false }));
  return {
    pdf,
    signaturePlacement: { page: doc.getPageCount(), x: RIGHT_COLUMN_CENTRE - 85, y: placeTop - placeHeight, width: 170, height: placeHeight },
  };
}
