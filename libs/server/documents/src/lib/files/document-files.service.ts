import { Injectable } from '@nestjs/common';
import { ACTIVE_CONTENT_TEXT, findActiveContent } from '@vanthu/pdf-signing';
import { FileMissing, UploadedFile } from '@vanthu/server/core';
import { DocumentFileEntity, FileStorage } from '@vanthu/server/data-access';
import { PdfSignatureService, StoredVerification, translatePdfErrors } from '@vanthu/server/signing';
import { FileRole } from '@vanthu/shared/contracts';
import { EntityManager } from 'typeorm';

import { ActiveContentRefused } from '../shared/errors';

export interface NewFileVersion {
  documentId: string;
  role: FileRole;
  position: number;
  name: string;
  bytes: Buffer;
  stage: DocumentFileEntity['stage'];
  userId: number | null;
  verification?: StoredVerification | null;
}

/**
 * Browsers send multipart file names as UTF-8 while multer reads them as Latin-1; read back the
 * bytes as UTF-8 when they are valid UTF-8, so "Kế hoạch.pdf" stays "Kế hoạch.pdf".
 */
export function uploadedName(file: UploadedFile): string {
  const bytes = Buffer.from(file.originalname, 'latin1');
  const utf8 = bytes.toString('utf8');
  const name = Buffer.from(utf8, 'utf8').equals(bytes) ? utf8 : file.originalname;
  // Path parts and control characters never reach a stored name.
  const base = (name.split(/[\\/]/).pop() ?? '').replace(/\p{Cc}/gu, '').trim().normalize('NFC');
  const withExtension = /\.pdf$/i.test(base) ? base : `${base || 'van-ban'}.pdf`;
  return withExtension.slice(-255);
}

/**
 * A PDF viewer opens a file whose first kilobyte holds `%PDF-` (whatever its name or declared
 * type), so that is what counts as a PDF for the active-content check on any attachment.
 */
export function looksLikePdf(bytes: Buffer): boolean {
  return bytes.subarray(0, 1024).includes('%PDF-', 0, 'latin1');
}

/**
 * Refuses (422 ACTIVE_CONTENT) a PDF holding active content, and (as the reader's own errors) one
 * that cannot be read or whose streams inflate beyond bounds; see `findActiveContent`.
 */
export async function refuseActiveContent(bytes: Buffer): Promise<void> {
  const found = await translatePdfErrors(() => findActiveContent(bytes));
  if (found.length) throw new ActiveContentRefused([...new Set(found.map((f) => f.kind))].map((kind) => ACTIVE_CONTENT_TEXT[kind]));
}

/**
 * Files of documents: checked by content (a usable, unencrypted PDF), stored once by SHA-256,
 * versioned per document. Nothing is stored before the checks pass.
 */
@Injectable()
export class DocumentFiles {
  constructor(
    private readonly storage: FileStorage,
    private readonly pdf: PdfSignatureService,
  ) {}

  /**
   * The upload's bytes and name once they are known to be a usable PDF without active content,
   * whose compressed streams stay within bounds (see `findActiveContent`).
   */
  async checkUpload(file: UploadedFile | undefined): Promise<{ bytes: Buffer; name: string; signatureCount: number }> {
    if (!file || !file.buffer?.length) throw new FileMissing();
    const info = await this.pdf.inspect(file.buffer);
    await refuseActiveContent(file.buffer);
    return { bytes: file.buffer, name: uploadedName(file), signatureCount: info.signatureCount };
  }

  read(file: Pick<DocumentFileEntity, 'sha256'>): Promise<Buffer> {
    return this.storage.get(file.sha256);
  }

  /** Keeps bytes that belong to no file version yet (a prepared external signature). */
  keep(bytes: Buffer): Promise<string> {
    return this.storage.put(bytes);
  }

  /** Stores the bytes and records them as the current version of that file of the document. */
  async addVersion(manager: EntityManager, v: NewFileVersion, signatureCount = 0): Promise<DocumentFileEntity> {
    const sha256 = await this.storage.put(v.bytes);
    return this.recordVersion(manager, { ...v, sha256, size: v.bytes.length }, signatureCount);
  }

  /** Records already-stored bytes (a dispatched copy shares the sender's file) as a document's current version. */
  async recordVersion(
    manager: EntityManager,
    v: Omit<NewFileVersion, 'bytes'> & { sha256: string; size: number },
    signatureCount = 0,
  ): Promise<DocumentFileEntity> {
    const previous = await manager.findOne(DocumentFileEntity, {
      where: { documentId: v.documentId, role: v.role, position: v.position, current: true },
      lock: { mode: 'pessimistic_write' },
    });
    if (previous) await manager.update(DocumentFileEntity, { id: previous.id }, { current: false });
    const entity = manager.create(DocumentFileEntity, {
      documentId: v.documentId,
      role: v.role,
      position: v.position,
      name: v.name,
      sha256: v.sha256,
      size: String(v.size),
      version: (previous?.version ?? 0) + 1,
      current: true,
      stage: v.stage,
      signatureCount: v.verification ? v.verification.signatures.length : signatureCount,
      verification: v.verification ? JSON.stringify(v.verification) : null,
      verifiedAt: v.verification ? new Date() : null,
      createdBy: v.userId,
    });
    return manager.save(entity);
  }
}
