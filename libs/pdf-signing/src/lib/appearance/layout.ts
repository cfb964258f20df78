import { appendBezierCurve, closePath, degrees, drawImage, drawText, fill, lineTo, moveTo, PDFOperator, PDFRef, popGraphicsState, pushGraphicsState, rgb, RGB, setFillingColor } from 'pdf-lib';

import { InvalidOptionsError } from '../errors';
import { PageInfo } from '../pdf/reader';
import { vietnamIso } from '../time';
import { Appearance, TextStamp } from '../types';
import { FontStyle } from './fonts';
import { displayedSize, Rect, toUserSpace } from './geometry';
import { FontHandle, SideDocument } from './side-document';

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

// The glyphs of any signing time, always in the subset: the subset of a signer's appearance is
// then the same from one signature to the next, and is embedded from cache.
const TIME_GLYPHS = '0123456789-:+T';

/** A line of text placed in a form: drawn once the font subset exists. */
interface PlacedText {
  text: string;
  font: FontHandle;
  key: string;
  size: number;
  color: RGB;
  x: number;
  y: number;
}

interface Content {
  draw: () => PDFOperator[];
  fonts: Record<string, FontHandle>;
  images: Record<string, PDFRef>;
}

function place(font: FontHandle, key: string, text: string, size: number, color: RGB, x: number, y: number): PlacedText {
  font.use(text);
  return { text, font, key, size, color, x, y };
}

function textOps(t: PlacedText): PDFOperator[] {
  return drawText(t.font.encode(t.text), { color: t.color, font: t.key, size: t.size, x: t.x, y: t.y, rotate: degrees(0), xSkew: degrees(0), ySkew: degrees(0) });
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

function assertRect(rect: Rect, where: BilingualWhere): void {
  if (![rect.x, rect.y, rect.width, rect.height].every(Number.isFinite) || rect.width <= 0 || rect.height <= 0) {
    throw new InvalidOptionsError({ vi: `vùng hiển thị ${where.vi} không hợp lệ.`, en: `the ${where.en} rectangle is invalid.` });
  }
}

interface BilingualWhere {
  vi: string;
  en: string;
}

const nfc = (text: string) => text.normalize('NFC');

/** The leader's signature: signing line, blue image, name and time, centred in the rectangle. */
function personal(side: SideDocument, a: Extract<Appearance, { kind: 'personal' }>, signingTime: Date, size: { width: number; height: number }): Content {
  const bold = side.font('bold');
  const italic = side.font('italic');
  const imageAlone = a.textAround === false && !!a.image;
  const top = imageAlone ? [] : a.signingLine ? nfc(a.signingLine).split('\n') : a.position ? [nfc(a.position).toLocaleUpperCase('vi')] : [];
  const bottom = imageAlone ? [] : [nfc(a.name)];
  const timeText = a.showTime === false || imageAlone ? null : `Ký số: ${vietnamIso(signingTime)}`;
  const pad = 2;
  // Body text is 13 pt in Decree 30 documents; smaller when the rectangle asks for it. Widths
  // scale with the size, so one measurement at 1 pt decides.
  const unitWidth = Math.max(0, ...[...top, ...bottom].map((t) => bold.width(t, 1)), timeText ? italic.width(timeText, 0.62) : 0);
  const unitHeight = (top.length + bottom.length) * 1.2 + (timeText ? 0.62 * 1.3 : 0);
  const roomForText = a.image ? 0.6 : 1;
  const fontSize = Math.max(4, Math.min(13, (size.width - 2 * pad) / (unitWidth || 1), ((size.height - 2 * pad) * roomForText) / (unitHeight || 1)));
  const timeSize = fontSize * 0.62;

  const texts: PlacedText[] = [];
  let y = size.height - pad - fontSize * ASCENT;
  const centred = (font: FontHandle, text: string, s: number) => (size.width - font.width(text, s)) / 2;
  for (const text of top) {
    texts.push(place(bold, 'F1', text, fontSize, BLACK, centred(bold, text, fontSize), y));
    y -= fontSize * 1.2;
  }
  const imageTop = y + fontSize * ASCENT - fontSize * 0.1;
  let baseline = pad + (timeText ? timeSize * 1.3 : 0) + fontSize * DESCENT;
  if (timeText) {
    italic.use(TIME_GLYPHS);
    texts.push(place(italic, 'F2', timeText, timeSize, TIME_GREY, centred(italic, timeText, timeSize), pad + timeSize * DESCENT));
  }
  for (const text of [...bottom].reverse()) {
    texts.push(place(bold, 'F1', text, fontSize, BLACK, centred(bold, text, fontSize), baseline));
    baseline += fontSize * 1.2;
  }
  const imageBottom = baseline - fontSize * DESCENT + fontSize * 0.1;

  const images: Record<string, PDFRef> = {};
  let imageAt: Rect | undefined;
  if (a.image && imageTop - imageBottom > 4) {
    const image = side.image(a.image);
    images.Im1 = image.ref;
    imageAt = fitImage(image, { x: pad, y: imageBottom, width: size.width - 2 * pad, height: imageTop - imageBottom });
  }
  return {
    draw: () => [...(imageAt ? imageOps('Im1', imageAt) : []), ...texts.flatMap(textOps)],
    fonts: timeText ? { F1: bold, F2: italic } : { F1: bold },
    images,
  };
}

/** A circle path from four Bézier arcs; `reverse` draws it the other way round (a hole under the non-zero rule). */
function circle(cx: number, cy: number, r: number, reverse = false): PDFOperator[] {
  const k = 0.5523 * r;
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
  return [moveTo(cx + r, cy), ...arcs.map(([x1, y1, x2, y2, x3, y3]) => appendBezierCurve(x1, y1, x2, y2, x3, y3)), closePath()];
}

/** The seal: the red seal image at its real size; without an image, two red rings and the organisation's name. */
function seal(side: SideDocument, a: Extract<Appearance, { kind: 'seal' }>, size: { width: number; height: number }): Content {
  if (a.image) {
    const image = side.image(a.image);
    const at = fitImage(image, { x: 0, y: 0, width: size.width, height: size.height });
    return { draw: () => imageOps('Im1', at), fonts: {}, images: { Im1: image.ref } };
  }
  const bold = side.font('bold');
  const r = Math.min(size.width, size.height) / 2;
  const cx = size.width / 2;
  const cy = size.height / 2;
  const ring = (outer: number, inner: number): PDFOperator[] => [...circle(cx, cy, outer), ...circle(cx, cy, inner, true)];
  // The name inside the inner ring, on as many lines as it needs.
  const words = nfc(a.organisation).toLocaleUpperCase('vi').split(/\s+/);
  const fontSize = Math.max(4, r * 0.16);
  const lines: string[] = [];
  for (const word of words) {
    const last = lines[lines.length - 1];
    if (last && bold.width(`${last} ${word}`, fontSize) <= r * 1.3) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  let y = cy + ((lines.length - 1) * fontSize * 1.15) / 2 - fontSize * 0.35;
  const texts = lines.map((text) => {
    const placed = place(bold, 'F1', text, fontSize, SEAL_RED, cx - bold.width(text, fontSize) / 2, y);
    y -= fontSize * 1.15;
    return placed;
  });
  return {
    draw: () => [pushGraphicsState(), setFillingColor(SEAL_RED), ...ring(r, r * 0.93), fill(), ...ring(r * 0.8, r * 0.77), fill(), popGraphicsState(), ...texts.flatMap(textOps)],
    fonts: { F1: bold },
    images: {},
  };
}

const ATTACHMENT_SIZE = 10;
const ATTACHMENT_LEADING = 12;
const ATTACHMENT_PAD = 3;
// Close to the corner: attachments keep the top margin of Decree 30 (20–25 mm), and the box must stay inside it.
const ATTACHMENT_MARGIN = 8;

function form(side: SideDocument, page: PageInfo, rect: Rect, content: Content): DrawnAppearance {
  const user = toUserSpace(page, rect);
  const xobject = side.form({ width: rect.width, height: rect.height, ...content, matrix: user.matrix });
  return { xobject, rect: user.rect };
}

/** Draws a signature's appearance and places it on its page. */
export function drawAppearance(side: SideDocument, appearance: Appearance, page: PageInfo, signingTime: Date): DrawnAppearance {
  if (appearance.kind === 'attachment') {
    // Decree 30, Appendix I: top right of the first page, Times New Roman (here Tinos) 10 pt, black, no image.
    const font = side.font('regular');
    font.use(TIME_GLYPHS);
    const lines = [nfc(appearance.organisation), ...appearance.lines.map(nfc), `Thời gian ký: ${vietnamIso(signingTime)}`];
    const width = Math.max(...lines.map((t) => font.width(t, ATTACHMENT_SIZE))) + 2 * ATTACHMENT_PAD;
    const height = lines.length * ATTACHMENT_LEADING + 2 * ATTACHMENT_PAD;
    const display = displayedSize(page);
    const rect: Rect = { x: display.width - ATTACHMENT_MARGIN - width, y: display.height - ATTACHMENT_MARGIN - height, width, height };
    const texts = lines.map((text, i) => place(font, 'F1', text, ATTACHMENT_SIZE, BLACK, ATTACHMENT_PAD, height - ATTACHMENT_PAD - ATTACHMENT_SIZE * ASCENT - i * ATTACHMENT_LEADING));
    return form(side, page, rect, { draw: () => texts.flatMap(textOps), fonts: { F1: font }, images: {} });
  }
  assertRect(appearance.rect, appearance.kind === 'seal' ? { vi: 'con dấu', en: 'seal' } : { vi: 'chữ ký', en: 'signature' });
  const content = appearance.kind === 'personal' ? personal(side, appearance, signingTime, appearance.rect) : seal(side, appearance, appearance.rect);
  return form(side, page, appearance.rect, content);
}

/** Draws a text stamp (the appearance of a FreeText annotation) from its first baseline. */
export function drawStamp(side: SideDocument, stamp: TextStamp, page: PageInfo): DrawnAppearance {
  const style: FontStyle = stamp.bold ? (stamp.italic ? 'boldItalic' : 'bold') : stamp.italic ? 'italic' : 'regular';
  const font = side.font(style);
  const size = stamp.fontSize ?? 13;
  if (!(size > 0) || !Number.isFinite(stamp.x) || !Number.isFinite(stamp.y) || typeof stamp.text !== 'string') {
    throw new InvalidOptionsError({ vi: 'dòng chữ đóng kèm chữ ký không hợp lệ.', en: 'a text stamp is invalid.' });
  }
  const lines = nfc(stamp.text).split('\n');
  const leading = size * 1.2;
  const widths = lines.map((t) => font.width(t, size));
  const textWidth = Math.max(1, ...widths) + 2;
  const left = stamp.align === 'center' ? stamp.x - textWidth / 2 : stamp.x - 1;
  const textBox: Rect = { x: left, y: stamp.y - size * DESCENT - (lines.length - 1) * leading - 1, width: textWidth, height: size * (ASCENT + DESCENT) + (lines.length - 1) * leading + 2 };
  const cover = stamp.cover;
  if (cover && !(cover.width > 0 && cover.height > 0 && [cover.x, cover.y, cover.width, cover.height].every(Number.isFinite))) {
    throw new InvalidOptionsError({ vi: 'vùng che của dòng chữ không hợp lệ.', en: 'the area a text stamp covers is invalid.' });
  }
  // The annotation spans the text and the area it covers.
  const x0 = Math.min(textBox.x, cover?.x ?? Infinity);
  const y0 = Math.min(textBox.y, cover?.y ?? Infinity);
  const x1 = Math.max(textBox.x + textBox.width, cover ? cover.x + cover.width : -Infinity);
  const y1 = Math.max(textBox.y + textBox.height, cover ? cover.y + cover.height : -Infinity);
  const rect: Rect = { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
  const baseline = stamp.y - y0;
  const texts = lines.map((text, i) => {
    const lineLeft = stamp.align === 'center' ? stamp.x - widths[i] / 2 : stamp.x;
    return place(font, 'F1', text, size, BLACK, lineLeft - x0, baseline - i * leading);
  });
  const whiteOut = (): PDFOperator[] =>
    cover
      ? [pushGraphicsState(), setFillingColor(rgb(1, 1, 1)), ...rectangleOps(cover.x - x0, cover.y - y0, cover.width, cover.height), fill(), popGraphicsState()]
      : [];
  return form(side, page, rect, { draw: () => [...whiteOut(), ...texts.flatMap(textOps)], fonts: { F1: font }, images: {} });
}

function rectangleOps(x: number, y: number, width: number, height: number): PDFOperator[] {
  return [moveTo(x, y), lineTo(x + width, y), lineTo(x + width, y + height), lineTo(x, y + height), closePath()];
}

