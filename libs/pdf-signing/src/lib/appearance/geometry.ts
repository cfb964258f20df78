import { PageInfo } from '../pdf/reader';

/** A rectangle in PDF points, from the page's bottom-left corner as the page is displayed (after /Rotate). */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A page's size as displayed: CropBox (or MediaBox) with /Rotate applied. */
export interface PageSize {
  width: number;
  height: number;
}

/** The displayed size of a page. */
export function displayedSize(page: PageInfo): PageSize {
  const width = page.box[2] - page.box[0];
  const height = page.box[3] - page.box[1];
  return page.rotate % 180 === 0 ? { width, height } : { width: height, height: width };
}

/**
 * Where a displayed rectangle lies in the page's user space, and the /Matrix that keeps an
 * appearance drawn upright in display space upright on a rotated page (it turns the form by
 * the page's /Rotate, counter-clockwise, to undo the viewer's clockwise turn).
 */
export function toUserSpace(page: PageInfo, rect: Rect): { rect: [number, number, number, number]; matrix: number[] } {
  const [x0, y0, x1, y1] = page.box;
  const w = x1 - x0;
  const h = y1 - y0;
  const map = (dx: number, dy: number): [number, number] => {
    switch (page.rotate) {
      case 90:
        return [x0 + w - dy, y0 + dx];
      case 180:
        return [x0 + w - dx, y0 + h - dy];
      case 270:
        return [x0 + dy, y0 + h - dx];
      default:
        return [x0 + dx, y0 + dy];
    }
  };
  const a = map(rect.x, rect.y);
  const b = map(rect.x + rect.width, rect.y + rect.height);
  const radians = (page.rotate * Math.PI) / 180;
  const cos = Math.round(Math.cos(radians));
  const sin = Math.round(Math.sin(radians));
  return {
    rect: [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[0], b[0]), Math.max(a[1], b[1])],
    matrix: [cos, sin, -sin, cos, 0, 0],
  };
}

/** The seal's real size: 36 mm across, as district People's Committees' seals are. */
export const DEFAULT_SEAL_SIZE = 102;

/**
 * Where the organisation's seal goes over a leader's signature (Decree 30/2020, Appendix I):
 * at its real size, covering about the left third of the signature, centred on it vertically.
 */
export function sealRectOver(personal: Rect, sealSize = DEFAULT_SEAL_SIZE): Rect {
  return {
    x: personal.x + personal.width / 3 - sealSize,
    y: personal.y + personal.height / 2 - sealSize / 2,
    width: sealSize,
    height: sealSize,
  };
}

/**
 * The usual signing place: the right column of the last page, in its lower part (where the
 * signing block of a Vietnamese administrative document sits when the text is short). About
 * 5 cm tall, as the block is: signing line, room for the signature and seal, then the name.
 */
export function defaultSignatureRect(page: PageSize): Rect {
  const width = Math.min(210, page.width * 0.38);
  const height = Math.min(145, page.height * 0.2);
  return { x: page.width * 0.7 - width / 2, y: page.height * 0.16, width, height };
}
