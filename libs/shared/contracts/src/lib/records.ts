/**
 * Records, registers and their printouts (libs/server/records). Every route is under /api/records
 * and always in the user's own organisation: another organisation's register is "not found".
 *
 *   GET /records/registers?year                          → RegisterView[] (clerks and leaders)
 *   GET /records/registers/:id/book.pdf?from&to          → application/pdf: sổ đăng ký văn bản đi/đến (A4 landscape)
 *   GET /records/registers/:id/book.xlsx?from&to         → the same book as an Excel workbook
 *   GET /records/incoming/:id/handling-slip.pdf          → phiếu giải quyết văn bản đến (whoever may see the document)
 */
import { DocumentDirection, RegisterKind } from './document';
import { DocumentStatus, OrganisationRef, PersonRef } from './routing';

/** A register (sổ) of the organisation, one per year and kind. */
export interface RegisterView {
  id: number;
  kind: RegisterKind;
  year: number;
  /** The last number taken in it. */
  lastNumber: number;
}

/** Ý kiến (an opinion anyone who may see the document may add) or kết quả xử lý (the lead handler's result). */
export enum CommentKind {
  Opinion = 'opinion',
  Result = 'result',
}

export interface CommentFileView {
  id: number;
  name: string;
  size: number;
  contentType: string;
}

/**
 * A comment or result on a document.
 *
 *   GET  /records/documents/:id/comments                          → CommentView[] (whoever may see the document)
 *   POST /records/documents/:id/comments                          multipart `text`, up to 5 `files` → CommentView (201)
 *   POST /records/documents/:id/result                            multipart `text`, optional `file` → CommentView (201; the lead handler of an incoming document)
 *   GET  /records/documents/:id/comments/:commentId/files/:fileId → the file, as an attachment
 *   GET  /records/documents/:id/results                           → RecipientResultView[] (the sender: each recipient's results)
 */
export interface CommentView {
  id: number;
  documentId: number;
  kind: CommentKind;
  author: PersonRef;
  organisation: OrganisationRef | null;
  text: string;
  files: CommentFileView[];
  createdAt: string;
}

/** What one recipient's copy of an outgoing document came to: its state and the handler's results. */
export interface RecipientResultView {
  recipient: OrganisationRef;
  incomingDocumentId: number;
  status: DocumentStatus;
  completedAt: string | null;
  results: CommentView[];
}

/** Whether a file (hồ sơ) still takes documents, or its work has ended. */
export enum RecordFileStatus {
  Open = 'open',
  Closed = 'closed',
}

/**
 * A file (hồ sơ) of the organisation's file list for a year (danh mục hồ sơ, Decree 30/2020
 * Art. 28): kept by the clerk, filled by handlers and clerks, closed when its work ends, then
 * exported for the archive (Appendix VI: .pdf and .xml) and deposited within a year.
 *
 *   GET  /records/files?year                          → RecordFileView[] (the organisation's list)
 *   POST /records/files                               SaveRecordFileRequest → RecordFileView (201; clerks)
 *   PUT  /records/files/:id                           SaveRecordFileRequest → RecordFileView (clerks; open files)
 *   GET  /records/files/:id                           → RecordFileDetail
 *   POST /records/files/:id/documents                 AddFileDocumentRequest → RecordFileDetail (clerks and handlers; documents they may see)
 *   DELETE /records/files/:id/documents/:documentId   → RecordFileDetail (open files)
 *   POST /records/files/:id/close                     → RecordFileDetail (clerks and the person in charge)
 *   GET  /records/files/:id/export.pdf                → the index page, then every document's files (closed files)
 *   GET  /records/files/:id/export.xml                → Appendix VI Part II metadata (closed files)
 */
export interface RecordFileView {
  id: number;
  year: number;
  /** Số, ký hiệu hồ sơ in the file list, e.g. "01.NV". */
  code: string;
  title: string;
  /** Thời hạn bảo quản in years; null: permanent (vĩnh viễn). */
  retentionYears: number | null;
  personInCharge: PersonRef | null;
  description: string | null;
  status: RecordFileStatus;
  documentCount: number;
  closedAt: string | null;
  /** Hạn nộp lưu (YYYY-MM-DD): a year after the file was closed. */
  depositDue: string | null;
}

export interface RecordFileDocumentView {
  id: number;
  /** The order in the file (1, 2, …), as the index page lists it. */
  position: number;
  direction: DocumentDirection;
  symbol: string | null;
  documentDate: string | null;
  subject: string;
  addedBy: PersonRef;
  addedAt: string;
}

export interface RecordFileDetail extends RecordFileView {
  documents: RecordFileDocumentView[];
}

export interface SaveRecordFileRequest {
  year: number;
  code: string;
  title: string;
  retentionYears: number | null;
  personInChargeId: number | null;
  description?: string | null;
}

export interface AddFileDocumentRequest {
  documentId: number;
}

/** What someone did with a document's file, as the access log (nhật ký truy cập) records it. */
export enum FileAccessAction {
  /** Opened in the app's viewer. */
  View = 'view',
  /** The signed original saved, byte for byte. */
  Download = 'download',
  /** The print view: a copy with the reader's name and the time on every page. */
  Print = 'print',
  /** A copy with the reader's name and the time on every page, saved. */
  Copy = 'copy',
}

/**
 * Every view and download of a document's file is logged: GET /documents/:id/files/:fileId/content
 * (view; `download=1`: download) and the watermarked copy below (print; `print=0`: copy).
 *
 *   GET /records/access-log?documentId&page&pageSize                 → Page<FileAccessView> (administrators: their tree; leaders: their organisation)
 *   GET /records/documents/:id/files/:fileId/copy.pdf?print=0|1      → the copy with the reader's name and the time on every page (whoever may see the document)
 */
export interface FileAccessView {
  id: number;
  at: string;
  action: FileAccessAction;
  user: PersonRef;
  ip: string;
  document: { id: number; symbol: string | null; subject: string };
  file: { id: number; name: string };
}
