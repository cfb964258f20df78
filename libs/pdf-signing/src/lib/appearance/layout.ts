import {
  appendBezierCurve,
  closePath,
  degrees,
  drawImage,
  drawText,
  fill,
  moveTo,
  PDFFont,
  PDFOperator,
  PDFRef,
  popGraphicsState,
  pushGraphicsState,
  rgb,
  RGB,
  setFillingColor,
} from 'pdf-lib';

import { InvalidOptionsError } from '../errors';
import { PageInfo } from '../pdf/reader';
import { Appearance, TextStamp } from '../types';
import { vietnamIso } from '../time';
import { displayedSize, Rect, toUserSpace } from './geometry';
import { FontStyle, SideDocument } from './side-document';

/** An appearance drawn: the form XObject and where its widget goes in user space. */
export interface DrawnAppearance {
  xobject: PDFRef;
  rect: [number, number, number, number];
}

const BLACK = rgb(0, 0, 0);
const SEAL_RED = rgb(0.84, 0.09, 0.13);
const TIME_GREY = rgb(0.2, 0.2, 0.2);

// Tinos' vertical metrics (em fractions), used to place baselines inside boxes.
const ASCENT = 0.891;
const DESCENT = 0.216;

interface Line {
  text: string;
  font: PDFFont;
  key: string;
  size: number;
  color: RGB;
}

function textOps(line: Line, x: number, y: number): PDFOperator[] {
  return drawText(line.font.encodeText(line.text), { color: line.color, font: line.key, size: line.size, x, y, rotate: degrees(0), xSkew: degrees(0), ySkew: degrees(0) });
}

function fitImage(image: { width: number; height: number }, box: Rect): Rect {
  const scale = Math.min(box.width / image.width, box.height / image.height);
  const width = image.width * scale;
  const height = image.height * scale;
  return { x: box.x + (box.width - width) / 2, y: box.y + (box.height - height) / 2, width, height };
}

function imageOps(key: string, at: Rect): PDFOperator[] {
  return [pushGraphicsState(), ...drawImage(key, { ...at, rotate: degrees(0), xSkew: degrees(0), ySkew: degrees(0) }), popGraphicsState()];
}

function assertRect(rect: Rect, where: string): void {
  if (![rect.x, rect.y, rect.width, rect.height].every(Number.isFinite) || rect.width <= 0 || rect.height <= 0) {
    throw new InvalidOptionsError({ vi: `vùng hiển thị ${where} không hợp lệ.`, en: `the ${where} rectangle is invalid.` });
  }
}

const nfc = (text: string) => text.normalize('NFC');

/** The leader's signature: signing line, blue image, name, time, all centred in the rectangle. */
async function personal(side: SideDocument, a: Extract<Appearance, { kind: 'personal' }>, signingTime: Date, size: { width: number; height: number }): Promise<Content> {
  const bold = await side.font('bold');
  const italic = await side.font('italic');
  const top = a.signingLine ? nfc(a.signingLine).split('\n') : a.position ? [nfc(a.position).toLocaleUpperCase('vi')] : [];
  const bottom = [nfc(a.name)];
  const timeText = a.showTime === false ? null : `Ký số: ${vietnamIso(signingTime)}`;
  const pad = 2;
  // Body text is 13 pt in Decree 30 documents; shrink until the text fits and leaves the image room.
  let fontSize = 13;
  const measure = (s: number) => {
    const timeSize = s * 0.62;
    const widths = [...top, ...bottom].map((t) => bold.widthOfTextAtSize(t, s));
    if (timeText) widths.push(italic.widthOfTextAtSize(timeText, timeSize));
    const textHeight = (top.length + bottom.length) * s * 1.2 + (timeText ? timeSize * 1.3 : 0);
    return { timeSize, maxWidth: Math.max(0, ...widths), textHeight };
  };
  let m = measure(fontSize);
  const roomForText = a.image ? 0.6 : 1;
  while (fontSize > 5 && (m.maxWidth > size.width - 2 * pad || m.textHeight > (size.height - 2 * pad) * roomForText)) {
    fontSize -= 0.5;
    m = measure(fontSize);
  }
  const lines: { line: Line; y: number }[] = [];
  let y = size.height - pad - fontSize * ASCENT;
  for (const text of top) {
    lines.push({ line: { text, font: bold, key: 'F1', size: fontSize, color: BLACK }, y });
    y -= fontSize * 1.2;
  }
  const imageTop = y + fontSize * ASCENT - fontSize * 0.1;
  let bottomY = pad + (timeText ? m.timeSize * 1.3 : 0) + fontSize * DESCENT;
  if (timeText) lines.push({ line: { text: timeText, font: italic, key: 'F2', size: m.timeSize, color: TIME_GREY }, y: pad + m.timeSize * DESCENT });
  for (const text of [...bottom].reverse()) {
    lines.push({ line: { text, font: bold, key: 'F1', size: fontSize, color: BLACK }, y: bottomY });
    bottomY += fontSize * 1.2;
  }
  const imageBottom = bottomY - fontSize * DESCENT + fontSize * 0.1;

  const operators: PDFOperator[] = [];
  const images: Record<string, PDFRef> = {};
  if (a.image && imageTop - imageBottom > 4) {
    const image = side.image(a.image);
    images.Im1 = image.ref;
    operators.push(...imageOps('Im1', fitImage(image, { x: pad, y: imageBottom, width: size.width - 2 * pad, height: imageTop - imageBottom })));
  }
  for (const { line, y: baseline } of lines) operators.push(...textOps(line, (size.width - line.font.widthOfTextAtSize(line.text, line.size)) / 2, baseline));
  return { operators, fonts: { F1: bold, F2: italic }, images };
}

/** The seal: the red seal image at its real size; without an image, two red rings and the organisation's name. */
interface Content {
  operators: PDFOperator[];
  fonts: Record<string, PDFFont>;
  images: Record<string, PDFRef>;
}

async function seal(side: SideDocument, a: Extract<Appearance, { kind: 'seal' }>, size: { width: number; height: number }): Promise<Content> {
  if (a.image) {
    const image = side.image(a.image);
    return { operators: imageOps('Im1', fitImage(image, { x: 0, y: 0, width: size.width, height: size.height })), fonts: {}, images: { Im1: image.ref } };
  }
  const bold = await side.font('bold');
  const r = Math.min(size.width, size.height) / 2;
  const cx = size.width / 2;
  const cy = size.height / 2;
  const ring = (outer: number, inner: number): PDFOperator[] => [...circle(cx, cy, outer), ...circle(cx, cy, inner, true)];
  const operators: PDFOperator[] = [pushGraphicsState(), setFillingColor(SEAL_RED), ...ring(r, r * 0.93), fill(), ...ring(r * 0.8, r * 0.77), fill(), popGraphicsState()];
  // The name inside the inner ring, on as many lines as it needs.
  const words = nfc(a.organisation).toLocaleUpperCase('vi').split(/\s+/);
  const fontSize = Math.max(4, r * 0.16);
  const maxWidth = r * 1.3;
  const lines: string[] = [];
  for (const word of words) {
    const last = lines[lines.length - 1];
    if (last && bold.widthOfTextAtSize(`${last} ${word}`, fontSize) <= maxWidth) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  let y = cy + ((lines.length - 1) * fontSize * 1.15) / 2 - fontSize * 0.35;
  for (const text of lines) {
    operators.push(...textOps({ text, font: bold, key: 'F1', size: fontSize, color: SEAL_RED }, cx - bold.widthOfTextAtSize(text, fontSize) / 2, y));
    y -= fontSize * 1.15;
  }
  return { operators, fonts: { F1: bold }, images: {} };
}

/** A circle path from four Bézier arcs; `reverse` draws it the other way (a hole under the non-zero rule). */
function circle(cx: number, cy: number, r: number, reverse = false): PDFOperator[] {
  const k = 0.5523 * r;
  const ops: PDFOperator[] = [moveTo(cx + r, cy)];
  const arcs: [number, number, number, number, number, number][] = reverse
    ? [
        [cx + r, cy - k, cx + k, cy - r, cx, cy - r],
        [cx - k, cy - r, cx - r, cy - k, cx - r, cy],
        [cx - r, cy + k, cx - k, cy + r, cx, cy + r],
        [cx + k, cy + r, cx + r, cy + k, cx + r, cy],
      ]
    : [
        [cx + r, cy + k, cx + k, cy + r, cx, cy + r],
        [cx - k, cy + r, cx - r, cy + k, cx - r, cy],
        [cx - r, cy - k, cx - k, cy - r, cx, cy - r],
        [cx + k, cy - r, cx + r, cy - k, cx + r, cy],
      ];
  for (const [x1, y1, x2, y2, x3, y3] of arcs) ops.push(appendBezierCurve(x1, y1, x2, y2, x3, y3));
  ops.push(closePath());
  return ops;
}

/** Attachment text lines: organisation, the given lines, the signing time. */
function attachmentLines(a: Extract<Appearance, { kind: 'attachment' }>, signingTime: Date): string[] {
  return [nfc(a.organisation), ...a.lines.map(nfc), `Thời gian ký: ${vietnamIso(signingTime)}`];
}

const ATTACHMENT_SIZE = 10;
const ATTACHMENT_LEADING = 12;
const ATTACHMENT_PAD = 3;
const ATTACHMENT_MARGIN = 14;

/** Draws a signature's appearance and places it on its page. */
export async function drawAppearance(side: SideDocument, appearance: Appearance, page: PageInfo, signingTime: Date): Promise<DrawnAppearance> {
  if (appearance.kind === 'attachment') {
    const font = await side.font('regular');
    const lines = attachmentLines(appearance, signingTime);
    const width = Math.max(...lines.map((t) => font.widthOfTextAtSize(t, ATTACHMENT_SIZE))) + 2 * ATTACHMENT_PAD;
    const height = lines.length * ATTACHMENT_LEADING + 2 * ATTACHMENT_PAD;
    const display = displayedSize(page);
    const rect: Rect = { x: display.width - ATTACHMENT_MARGIN - width, y: display.height - ATTACHMENT_MARGIN - height, width, height };
    const operators = lines.flatMap((text, i) =>
      textOps({ text, font, key: 'F1', size: ATTACHMENT_SIZE, color: BLACK }, ATTACHMENT_PAD, height - ATTACHMENT_PAD - ATTACHMENT_SIZE * ASCENT - i * ATTACHMENT_LEADING),
    );
    return place(side, page, rect, { operators, fonts: { F1: font }, images: {} });
  }
  assertRect(appearance.rect, appearance.kind === 'seal' ? 'con dấu / seal' : 'chữ ký / signature');
  const content = appearance.kind === 'personal' ? await personal(side, appearance, signingTime, appearance.rect) : await seal(side, appearance, appearance.rect);
  return place(side, page, appearance.rect, content);
}

/** Draws a text stamp (FreeText appearance) at its baseline position. */
export async function drawStamp(side: SideDocument, stamp: TextStamp, page: PageInfo): Promise<DrawnAppearance> {
  const style: FontStyle = stamp.bold ? (stamp.italic ? 'boldItalic' : 'bold') : stamp.italic ? 'italic' : 'regular';
  const font = await side.font(style);
  const size = stamp.fontSize ?? 13;
  if (!(size > 0) || !Number.isFinite(stamp.x) || !Number.isFinite(stamp.y)) throw new InvalidOptionsError({ vi: 'dòng chữ đóng kèm không hợp lệ.', en: 'a text stamp is invalid.' });
  const lines = nfc(stamp.text).split('\n');
  const leading = size * 1.2;
  const width = Math.max(1, ...lines.map((t) => font.widthOfTextAtSize(t, size))) + 2;
  const height = size * (ASCENT + DESCENT) + (lines.length - 1) * leading + 2;
  const rect: Rect = { x: stamp.x - 1, y: stamp.y - size * DESCENT - (lines.length - 1) * leading - 1, width, height };
  const operators = lines.flatMap((text, i) => textOps({ text, font, key: 'F1', size, color: BLACK }, 1, height - 1 - size * ASCENT - i * leading));
  return place(side, page, rect, { operators, fonts: { F1: font }, images: {} });
}

function place(side: SideDocument, page: PageInfo, rect: Rect, content: Content): DrawnAppearance {
  const user = toUserSpace(page, rect);
  const xobject = side.form({ width: rect.width, height: rect.height, ...content, matrix: user.matrix });
  return { xobject, rect: user.rect };
}
