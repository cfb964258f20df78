import { RegisterKind } from '@vanthu/shared/contracts';

/** A column of a register book: its heading as clerks know it (Decree 30/2020, Appendix IV) and its share of the width. */
export interface BookColumn {
  heading: string;
  /** Relative width; the columns share the page's width in these proportions. */
  width: number;
}

/** A register book ready to print or export: heading, columns and one row of text per entry. */
export interface RegisterBook {
  /** The level above the organisation ("UBND HUYỆN TUY ĐỨC" above a department), if any. */
  parentName: string | null;
  organisationName: string;
  /** "SỔ ĐĂNG KÝ VĂN BẢN ĐI", "SỔ ĐĂNG KÝ VĂN BẢN ĐẾN MẬT". */
  title: string;
  /** "Năm 2026", "Từ ngày 01/01/2026 đến ngày 31/03/2026". */
  period: string;
  columns: BookColumn[];
  rows: string[][];
}

// Decree 30/2020, Appendix IV: the columns of the outgoing register (sổ đăng ký văn bản đi). The
// number and symbol column holds a long symbol (1234/SLĐTBXH-BTXH) on one line between the margins.
export const OUTGOING_COLUMNS: BookColumn[] = [
  { heading: 'Số, ký hiệu văn bản', width: 16 },
  { heading: 'Ngày tháng văn bản', width: 8 },
  { heading: 'Tên loại và trích yếu nội dung văn bản', width: 24 },
  { heading: 'Người ký', width: 11 },
  { heading: 'Nơi nhận văn bản', width: 15 },
  { heading: 'Đơn vị, người nhận bản lưu', width: 11 },
  { heading: 'Số lượng bản', width: 6 },
  { heading: 'Ghi chú', width: 9 },
];

// Decree 30/2020, Appendix IV: the columns of the incoming register (sổ đăng ký văn bản đến).
export const INCOMING_COLUMNS: BookColumn[] = [
  { heading: 'Ngày đến', width: 8 },
  { heading: 'Số đến', width: 5 },
  { heading: 'Tác giả', width: 13 },
  { heading: 'Số, ký hiệu', width: 17 },
  { heading: 'Ngày tháng', width: 8 },
  { heading: 'Tên loại và trích yếu nội dung', width: 22 },
  { heading: 'Đơn vị hoặc người nhận', width: 12 },
  { heading: 'Ký nhận', width: 7 },
  { heading: 'Ghi chú', width: 8 },
];

export const BOOK_TITLES: Readonly<Record<RegisterKind, string>> = {
  [RegisterKind.OutgoingNormal]: 'SỔ ĐĂNG KÝ VĂN BẢN ĐI',
  [RegisterKind.OutgoingClassified]: 'SỔ ĐĂNG KÝ VĂN BẢN ĐI MẬT',
  [RegisterKind.IncomingNormal]: 'SỔ ĐĂNG KÝ VĂN BẢN ĐẾN',
  [RegisterKind.IncomingClassified]: 'SỔ ĐĂNG KÝ VĂN BẢN ĐẾN MẬT',
};

/** A file name for the book, without the extension: `so-van-ban-den-2026`. */
export function bookFileName(kind: RegisterKind, year: number): string {
  const base = kind.startsWith('outgoing') ? 'so-van-ban-di' : 'so-van-ban-den';
  return `${base}${kind.endsWith('classified') ? '-mat' : ''}-${year}`;
}
