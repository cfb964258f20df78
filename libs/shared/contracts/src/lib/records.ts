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
