import { Injectable } from '@nestjs/common';
import { ACTIVE_CONTENT_TEXT, findActiveContent } from '@vanthu/pdf-signing';
import { AuthenticatedUser } from '@vanthu/server/core';
import { AuditService, DocumentEntity, DocumentFileEntity, FileStorage, OutboxEventType, OutboxService } from '@vanthu/server/data-access';
import { PdfSignatureService, StoredVerification, translatePdfErrors } from '@vanthu/server/signing';
import { DocumentDirection, DocumentStatus, DocumentType, FileRole, RecallKind, Role, SecurityLevel, Urgency } from '@vanthu/shared/contracts';
import { EntityManager } from 'typeorm';

import { DocumentStore } from '../shared/document-store';
import { ExternalActiveContentRefused, InvalidTransition, ReasonRequired } from '../shared/errors';
import { assertAllowed, DocumentAction } from '../shared/policy';
import { SearchIndex } from '../shared/search-index';
import { searchTextOf } from '../shared/search-text';

/** A file of a document received from another system, as it arrived. */
export interface ExternalFile {
  role: FileRole;
  position: number;
  name: string;
  bytes: Buffer;
}

/** What the document route needs to hold a document that came from outside (an edXML packet). */
export interface ExternalArrival {
  /** Our organisation that receives it. */
  organisationId: number;
  type: DocumentType;
  subject: string;
  urgency: Urgency;
  /** The sender's number (when it is a number) and whole number and symbol, `512/UBND-VX`. */
  number: number | null;
  symbol: string;
  /** The sender's date of the document, ISO. */
  documentDate: string;
  senderName: string;
  /** Hạn trả lời the sender asks for (edXML DueDate), ISO; null when none. */
  replyBy?: string | null;
  receivedAt: Date;
  files: ExternalFile[];
  /** For the audit record: where it came from (`edxml:folder`, `edxml:http`). */
  channel: string;
}

/** What a sender's update (business type 2) may change. */
export interface ExternalChanges {
  subject?: string;
  /** Hạn trả lời (edXML DueDate), ISO. */
  replyBy?: string | null;
  urgency?: Urgency;
  type?: DocumentType;
  files?: ExternalFile[];
}

const REFUSE = { vi: 'từ chối tiếp nhận', en: 'refuse' };
const REFUSABLE = [DocumentStatus.Received, DocumentStatus.Registered, DocumentStatus.Submitted];

const isPdf = (bytes: Buffer) => bytes.subarray(0, 1024).includes('%PDF-');

/**
 * The document route's door for documents that cross the organisation's border: the exchange
 * library asks it, inside the exchange's own transaction, to create an incoming copy (state
 * Received, its PDF signatures verified, files stored by SHA-256), to withdraw or update a copy
 * at its sender's request, to find a duplicate, and to record the clerk's refusal. Each change
 * writes its audit record and, for a new arrival, the event that tells the clerks.
 */
@Injectable()
export class ExternalIntake {
  constructor(
    private readonly store: DocumentStore,
    private readonly storage: FileStorage,
    private readonly pdf: PdfSignatureService,
    private readonly searchIndex: SearchIndex,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
  ) {}

  /**
   * Every file's signatures verified (a damaged PDF refuses the whole arrival), and every PDF
   * searched for active content (JavaScript, launch or submit actions, embedded files, XFA: refused
   * as user uploads are), before any byte is stored, so that a refusal leaves nothing behind.
   */
  async checkFiles(manager: EntityManager, files: readonly ExternalFile[]): Promise<Array<StoredVerification | null>> {
    const reports: Array<StoredVerification | null> = [];
    for (const f of files) {
      if (!isPdf(f.bytes)) {
        reports.push(null);
        continue;
      }
      const report = await this.pdf.verify(manager, f.bytes);
      const found = await translatePdfErrors(() => findActiveContent(f.bytes));
      if (found.length) throw new ExternalActiveContentRefused(f.name, [...new Set(found.map((a) => a.kind))].map((kind) => ACTIVE_CONTENT_TEXT[kind]));
      reports.push(report);
    }
    return reports;
  }

  /** Creates the incoming copy and returns its id. Runs in the caller's transaction. */
  async receive(manager: EntityManager, a: ExternalArrival, verified?: Array<StoredVerification | null>): Promise<string> {
    const reports = verified ?? (await this.checkFiles(manager, a.files));
    const inserted = await manager.insert(DocumentEntity, {
      organisationId: a.organisationId,
      direction: DocumentDirection.Incoming,
      type: a.type,
      status: DocumentStatus.Received,
      subject: a.subject.slice(0, 1000),
      urgency: a.urgency,
      securityLevel: SecurityLevel.Normal,
      number: a.number,
      symbol: a.symbol.slice(0, 64),
      documentDate: a.documentDate,
      receivedAt: a.receivedAt,
      replyBy: a.replyBy ?? null,
      senderOrganisationId: null,
      senderName: a.senderName.slice(0, 255),
      sourceDocumentId: null,
      searchText: searchTextOf({ type: a.type, subject: a.subject, symbol: a.symbol, senderName: a.senderName }),
      listedAt: a.receivedAt,
      version: 1,
    });
    const id = String(inserted.identifiers[0].id);
    await this.searchIndex.refresh(manager, [id]);
    await this.storeFiles(manager, id, a.files, reports, 1);
    await this.audit.record(manager, {
      userId: null,
      organisationId: a.organisationId,
      action: 'document.received',
      entityType: 'document',
      entityId: id,
      details: { from: a.senderName, symbol: a.symbol, channel: a.channel },
    });
    await this.outbox.emit(manager, {
      type: OutboxEventType.DocumentDispatched,
      documentId: id,
      payload: { organisationIds: [a.organisationId], roles: [Role.Clerk], actorId: null, subject: a.subject, symbol: a.symbol, senderName: a.senderName },
    });
    return id;
  }

  /**
   * An incoming document of the organisation with the same number and symbol and issuer, and the
   * same date — or, with `sameYear`, the same year (Decree 30 Appendix VI: a duplicate warning
   * when the same number, symbol and issuer is registered again). Withdrawn copies do not count.
   */
  async findDuplicate(
    manager: EntityManager,
    organisationId: number,
    d: { symbol: string; senderName: string; documentDate: string },
    options: { sameYear?: boolean; registeredOnly?: boolean; excludeId?: string } = {},
  ): Promise<string | null> {
    const year = d.documentDate.slice(0, 4);
    let query = manager
      .getRepository(DocumentEntity)
      .createQueryBuilder('d')
      .select('d.id', 'id')
      .where('d.organisation_id = :organisationId AND d.direction = :incoming AND d.symbol = :symbol AND d.sender_name = :sender', {
        organisationId,
        incoming: DocumentDirection.Incoming,
        symbol: d.symbol,
        sender: d.senderName,
      })
      .andWhere(options.sameYear ? 'd.document_date BETWEEN :yearStart AND :yearEnd' : 'd.document_date = :date', {
        date: d.documentDate,
        yearStart: `${year}-01-01`,
        yearEnd: `${year}-12-31`,
      })
      .andWhere('d.status <> :withdrawn', { withdrawn: DocumentStatus.Withdrawn });
    if (options.registeredOnly) query = query.andWhere('d.arrival_number IS NOT NULL');
    if (options.excludeId) query = query.andWhere('d.id <> :excludeId', { excludeId: options.excludeId });
    const found = await query.orderBy('d.id', 'ASC').limit(1).getRawOne<{ id: string }>();
    return found ? String(found.id) : null;
  }

  /** Thu hồi: the sender withdrew the document (or replaced it); its handling stops, its history stays. False when it already was withdrawn. */
  async withdraw(manager: EntityManager, documentId: string, reason: string | null, details: Record<string, unknown> = {}): Promise<boolean> {
    const d = await manager.findOneOrFail(DocumentEntity, { where: { id: documentId }, lock: { mode: 'pessimistic_write' } });
    if (d.status === DocumentStatus.Withdrawn) return false;
    await manager.update(DocumentEntity, { id: d.id }, { status: DocumentStatus.Withdrawn });
    await this.audit.record(manager, {
      userId: null,
      organisationId: d.organisationId,
      action: 'document.withdrawn',
      entityType: 'document',
      entityId: d.id,
      details: { comment: reason, previousStatus: d.status, ...details },
    });
    return true;
  }

  /**
   * Tells the copy's organisation's clerks that its sender withdrew, replaced or updated it (the
   * same `document.recalled` event an internal recall writes), in the caller's transaction.
   */
  async tellRecalled(
    manager: EntityManager,
    documentId: string,
    r: { kind: RecallKind; reason: string | null; replacement?: { documentId: string; symbol: string } | null },
  ): Promise<void> {
    const d = await manager.findOneByOrFail(DocumentEntity, { id: documentId });
    await this.outbox.emit(manager, {
      type: OutboxEventType.DocumentRecalled,
      documentId: d.id,
      payload: {
        organisationIds: [d.organisationId],
        roles: [Role.Clerk],
        actorId: null,
        subject: d.subject,
        symbol: d.symbol,
        senderName: d.senderName,
        comment: r.reason,
        recall: r.kind,
        replacementSymbol: r.replacement?.symbol ?? null,
        replacementDocumentId: r.replacement?.documentId ?? null,
        // A copy from another system has no acknowledgement to give (its sender learns nothing of it).
        acknowledge: false,
      },
    });
  }

  /** Cập nhật: the sender's corrected header fields and files, as new versions beside the old ones. */
  async update(manager: EntityManager, documentId: string, changes: ExternalChanges, reason: string | null): Promise<void> {
    const d = await manager.findOneOrFail(DocumentEntity, { where: { id: documentId }, lock: { mode: 'pessimistic_write' } });
    const reports = changes.files ? await this.checkFiles(manager, changes.files) : [];
    const subject = changes.subject?.slice(0, 1000) ?? d.subject;
    const type = changes.type ?? d.type;
    await manager.update(DocumentEntity, { id: d.id }, {
      subject,
      type,
      urgency: changes.urgency ?? d.urgency,
      replyBy: changes.replyBy === undefined ? d.replyBy : changes.replyBy,
      searchText: searchTextOf({ type, subject, symbol: d.symbol, senderName: d.senderName, arrivalNumber: d.arrivalNumber }),
    });
    await this.searchIndex.refresh(manager, [d.id]);
    if (changes.files?.length) {
      const current = await this.store.currentFiles(manager, d.id);
      await manager.update(DocumentFileEntity, { documentId: d.id, current: true }, { current: false });
      const nextVersion = Math.max(0, ...current.map((f) => f.version)) + 1;
      await this.storeFiles(manager, d.id, changes.files, reports, nextVersion);
    }
    await this.audit.record(manager, {
      userId: null,
      organisationId: d.organisationId,
      action: 'document.updated-by-sender',
      entityType: 'document',
      entityId: d.id,
      details: { comment: reason, subjectBefore: d.subject === subject ? undefined : d.subject, files: changes.files?.map((f) => f.name) ?? [] },
    });
  }

  /**
   * Từ chối tiếp nhận: the clerk refuses a document that came from outside (wrong recipient,
   * faulty, not competent), with a reason the sender receives as status 02.
   */
  async refuse(manager: EntityManager, user: AuthenticatedUser, documentId: string, reason: string, ip: string): Promise<DocumentEntity> {
    const text = reason.trim();
    if (!text) throw new ReasonRequired();
    const facts = await this.store.lockFacts(manager, user, documentId);
    const d = facts.document;
    if (d.direction !== DocumentDirection.Incoming || !REFUSABLE.includes(d.status)) throw new InvalidTransition(d.status, REFUSE);
    // Whoever may register a document that arrived (the organisation's clerk) may refuse it, in any refusable state.
    assertAllowed(user, DocumentAction.Register, { ...facts, document: { ...d, status: DocumentStatus.Received } });
    await manager.update(DocumentEntity, { id: d.id }, { status: DocumentStatus.ReturnedToSender });
    await this.audit.record(manager, {
      userId: user.id,
      organisationId: user.organisationId,
      action: 'document.returned-to-sender',
      entityType: 'document',
      entityId: d.id,
      ip,
      details: { comment: text, channel: 'edxml' },
    });
    return d;
  }

  private async storeFiles(manager: EntityManager, documentId: string, files: readonly ExternalFile[], reports: Array<StoredVerification | null>, version: number): Promise<void> {
    const now = new Date();
    for (const [i, f] of files.entries()) {
      const sha256 = await this.storage.put(f.bytes);
      const report = reports[i] ?? null;
      await manager.insert(DocumentFileEntity, {
        documentId,
        role: f.role,
        position: f.position,
        name: f.name.slice(-255),
        sha256,
        size: String(f.bytes.length),
        version,
        current: true,
        stage: 'received',
        signatureCount: report?.signatures.length ?? 0,
        verification: report ? JSON.stringify(report) : null,
        verifiedAt: report ? now : null,
        createdBy: null,
      });
    }
  }
}
