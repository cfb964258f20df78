/**
 * Records, registers and their printouts (libs/server/records). Every route is under /api/records
 * and always in the user's own organisation: another organisation's register is "not found".
 *
 *   GET /records/registers?year                          → RegisterView[] (clerks and leaders)
 *   GET /records/registers/:id/book.pdf?from&to          → application/pdf: sổ đăng ký văn bản đi/đến (A4 landscape)
 *   GET /records/registers/:id/book.xlsx?from&to         → the same book as an Excel workbook
 *   GET /records/incoming/:id/handling-slip.pdf          → phiếu giải quyết văn bản đến (whoever may see the document)
 */
import { RegisterKind } from './document';

/** A register (sổ) of the organisation, one per year and kind. */
export interface RegisterView {
  id: number;
  kind: RegisterKind;
  year: number;
  /** The last number taken in it. */
  lastNumber: number;
}
