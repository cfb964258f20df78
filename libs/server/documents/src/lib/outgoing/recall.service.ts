import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuthenticatedUser, DomainError } from '@vanthu/server/core';
import {
  AuditEntry,
  AuditService,
  DeliveryEntity,
  DocumentEntity,
  ExternalDeliveryEntity,
  inTransaction,
  OrganisationEntity,
  OutboxEventInput,
  OutboxEventType,
  OutboxService,
  RecallRequestEntity,
} from '@vanthu/server/data-access';
import { DeliveryStatus, DocumentDetail, DocumentDirection, DocumentStatus, ErrorCode, RecallKind, RecallRequest, Role } from '@vanthu/shared/contracts';
import { DataSource, EntityManager, In, IsNull, Not } from 'typeorm';

import { ExternalIntake } from '../incoming/external-intake.service';
import { RECALL_BUSINESS, DocumentStore } from '../shared/document-store';
import { InvalidTransition, ReasonRequired } from '../shared/errors';
import { assertAllowed, DocumentAction, mayDecideRecall } from '../shared/policy';

const RECALL = { vi: 'thu hồi, cập nhật hay thay thế', en: 'recall, update or replace' };
const ACTION: Record<RecallKind, string> = {
  [RecallKind.Revoke]: 'document.revoked',
  [RecallKind.Update]: 'document.update-sent',
  [RecallKind.Replace]: 'document.replaced',
};

export class RecallPending extends DomainError {
  constructor() {
    super(409, ErrorCode.RecallPending, {
      vi: 'Văn bản đã có yêu cầu thu hồi, cập nhật hoặc thay thế đang chờ lãnh đạo ký duyệt.',
      en: 'A recall, update or replacement request of this document already waits for the signing leader.',
    });
  }
}

export class NoRecallPending extends DomainError {
  constructor() {
    super(409, ErrorCode.NoRecallPending, {
      vi: 'Văn bản không có yêu cầu thu hồi, cập nhật hoặc thay thế nào đang chờ duyệt.',
      en: 'No recall, update or replacement request of this document waits for a decision.',
    });
  }
}

export class InvalidReplacement extends DomainError {
  constructor() {
    super(422, ErrorCode.InvalidReplacement, {
      vi: 'Văn bản cập nhật hoặc thay thế phải là một văn bản khác của cùng cơ quan, đã phát hành.',
      en: 'The updating or replacing document must be another dispatched document of the same organisation.',
    });
  }
}

export class NothingToAcknowledge extends DomainError {
  constructor() {
    super(409, ErrorCode.NothingToAcknowledge, {
      vi: 'Văn bản không có thông báo thu hồi, cập nhật hoặc thay thế nào cần xác nhận.',
      en: 'The document has no recall, update or replacement left to acknowledge.',
    });
  }
}

/**
 * Thu hồi, cập nhật, thay thế of a dispatched document at its recipients inside the installation
 * (Decree 30/2020, Appendix VI). The clerk asks with a reason and the leader who signed the
 * document approves; the signing leader may do it directly. Each recipient's copy is then
 * withdrawn (revoke, replace: its handling, deadlines and reminders stop) or marked updated, with
 * a link to the recipient's copy of the new document; the recipient's clerk acknowledges it.
 * The same business codes and "document.withdrawn" history as a copy recalled through edXML.
 */
@Injectable()
export class RecallService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: DocumentStore,
    private readonly intake: ExternalIntake,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
  ) {}

  async request(user: AuthenticatedUser, id: string, request: RecallRequest, ip: string): Promise<DocumentDetail> {
    return inTransaction(this.dataSource, async (manager) => {
      const facts = await this.store.lockFacts(manager, user, id);
      const d = facts.document;
      if (d.direction !== DocumentDirection.Outgoing || d.status !== DocumentStatus.Dispatched) throw new InvalidTransition(d.status, RECALL);
      if (facts.recallPending) throw new RecallPending();
      assertAllowed(user, DocumentAction.Recall, facts);
      const reason = request.reason.trim();
      if (!reason) throw new ReasonRequired();
      const replacement = request.kind === RecallKind.Revoke ? null : await this.replacement(manager, d, request.replacementDocumentId);
      const now = new Date();
      const direct = mayDecideRecall(user, d);
      const inserted = await manager.insert(RecallRequestEntity, {
        organisationId: d.organisationId,
        documentId: d.id,
        businessType: RECALL_BUSINESS[request.kind],
        reason,
        replacementDocumentId: replacement?.id ?? null,
        status: direct ? 'approved' : 'pending',
        requestedBy: user.id,
        requestedAt: now,
        decidedBy: direct ? user.id : null,
        decidedAt: direct ? now : null,
        decisionComment: null,
      });
      await this.audit.record(manager, {
        userId: user.id,
        organisationId: d.organisationId,
        action: 'document.recall-requested',
        entityType: 'document',
        entityId: d.id,
        ip,
        details: { comment: reason, kind: request.kind, replacement: replacement?.id ?? null, direct },
      });
      if (direct) {
        const row = await manager.findOneByOrFail(RecallRequestEntity, { id: String(inserted.identifiers[0].id) });
        await this.apply(manager, user, d, row, ip);
      }
      return this.store.detail(manager, user, d.id);
    });
  }

  async decide(user: AuthenticatedUser, id: string, approve: boolean, comment: string | undefined, ip: string): Promise<DocumentDetail> {
    return inTransaction(this.dataSource, async (manager) => {
      const facts = await this.store.lockFacts(manager, user, id);
      const d = facts.document;
      if (d.direction !== DocumentDirection.Outgoing || d.status !== DocumentStatus.Dispatched) throw new InvalidTransition(d.status, RECALL);
      const pending = await manager.findOne(RecallRequestEntity, { where: { documentId: d.id, status: 'pending' }, lock: { mode: 'pessimistic_write' } });
      if (!pending) throw new NoRecallPending();
      assertAllowed(user, DocumentAction.DecideRecall, facts);
      const note = comment?.trim() || null;
      if (!approve && !note) throw new ReasonRequired();
      await manager.update(RecallRequestEntity, { id: pending.id }, { status: approve ? 'approved' : 'rejected', decidedBy: user.id, decidedAt: new Date(), decisionComment: note });
      await this.audit.record(manager, {
        userId: user.id,
        organisationId: d.organisationId,
        action: approve ? 'document.recall-approved' : 'document.recall-rejected',
        entityType: 'document',
        entityId: d.id,
        ip,
        details: { comment: note },
      });
      if (approve) await this.apply(manager, user, d, pending, ip);
      return this.store.detail(manager, user, d.id);
    });
  }

  /** Xác nhận: the recipient's clerk has seen the recall, update or replacement of the copy. */
  async acknowledge(user: AuthenticatedUser, id: string, ip: string): Promise<DocumentDetail> {
    return inTransaction(this.dataSource, async (manager) => {
      const facts = await this.store.lockFacts(manager, user, id);
      const d = facts.document;
      if (!facts.recallUnacknowledged) throw new NothingToAcknowledge();
      assertAllowed(user, DocumentAction.AcknowledgeRecall, facts);
      const delivery = await manager.findOneOrFail(DeliveryEntity, { where: { incomingDocumentId: d.id, businessType: Not(IsNull()), acknowledgedAt: IsNull() } });
      await manager.update(DeliveryEntity, { id: delivery.id }, { acknowledgedAt: new Date(), acknowledgedBy: user.id });
      const entry = { userId: user.id, ip, action: 'document.recall-acknowledged', entityType: 'document' };
      await this.audit.recordMany(manager, [
        { ...entry, organisationId: d.organisationId, entityId: d.id, details: { kind: delivery.businessType } },
        // The sender's history shows each recipient's acknowledgement too.
        { ...entry, organisationId: d.organisationId, entityId: delivery.documentId, details: { recipient: d.organisationId } },
      ]);
      return this.store.detail(manager, user, d.id);
    });
  }

  /** Marks each recipient's copy, freezes the outgoing document when it is withdrawn or replaced. */
  private async apply(manager: EntityManager, user: AuthenticatedUser, d: DocumentEntity, r: RecallRequestEntity, ip: string): Promise<void> {
    const kind = r.businessType === RECALL_BUSINESS[RecallKind.Update] ? RecallKind.Update : r.businessType === RECALL_BUSINESS[RecallKind.Replace] ? RecallKind.Replace : RecallKind.Revoke;
    const deliveries = await manager.find(DeliveryEntity, { where: { documentId: d.id, status: Not(DeliveryStatus.Returned) }, lock: { mode: 'pessimistic_write' } });
    const now = new Date();
    const entries: AuditEntry[] = [];
    const events: OutboxEventInput[] = [];
    const sender = await manager.findOneByOrFail(OrganisationEntity, { id: d.organisationId });
    const replacement = r.replacementDocumentId ? await manager.findOneBy(DocumentEntity, { id: r.replacementDocumentId }) : null;
    for (const x of deliveries) {
      if (!x.incomingDocumentId) continue;
      const newCopy = r.replacementDocumentId
        ? await manager.findOne(DocumentEntity, { select: { id: true }, where: { sourceDocumentId: r.replacementDocumentId, organisationId: x.recipientId } })
        : null;
      await manager.update(
        DeliveryEntity,
        { id: x.id },
        { businessType: r.businessType, replacedBy: newCopy?.id ?? null, businessReason: r.reason, businessAt: now, acknowledgedAt: null, acknowledgedBy: null },
      );
      if (kind === RecallKind.Update) {
        entries.push({
          userId: user.id,
          organisationId: x.recipientId,
          action: 'document.updated-by-sender',
          entityType: 'document',
          entityId: x.incomingDocumentId,
          ip,
          details: { comment: r.reason, replacedBy: newCopy?.id ?? null },
        });
      } else {
        await this.intake.withdraw(manager, x.incomingDocumentId, r.reason, { business: kind, replacedBy: newCopy?.id ?? null, by: user.id });
      }
      // The recipient's clerks hear of it at once: their copy is withdrawn, replaced or updated.
      events.push({
        type: OutboxEventType.DocumentRecalled,
        documentId: x.incomingDocumentId,
        payload: {
          organisationIds: [x.recipientId],
          roles: [Role.Clerk],
          actorId: user.id,
          subject: d.subject,
          symbol: d.symbol,
          senderName: sender.name,
          comment: r.reason,
          recall: kind,
          replacementSymbol: replacement?.symbol ?? null,
          replacementDocumentId: newCopy?.id ?? null,
        },
      });
    }
    await this.outbox.emit(manager, events);
    // External recipients: those that received the document get the matching edXML packet
    // (1, 2, 3), made by the exchange from this transaction's audit record below; one still
    // waiting for its packet never got the document, and a withdrawn document is not sent.
    const external = await manager.find(ExternalDeliveryEntity, { where: { documentId: d.id, state: In(['queued', 'exported']) }, lock: { mode: 'pessimistic_write' } });
    const unsent = external.filter((x) => x.state === 'queued').map((x) => x.id);
    if (kind !== RecallKind.Update && unsent.length) await manager.update(ExternalDeliveryEntity, { id: In(unsent) }, { state: 'revoked' });
    if (kind !== RecallKind.Update) await manager.update(DocumentEntity, { id: d.id }, { status: DocumentStatus.Withdrawn });
    entries.push({
      userId: user.id,
      organisationId: d.organisationId,
      action: ACTION[kind],
      entityType: 'document',
      entityId: d.id,
      ip,
      details: { comment: r.reason, replacement: r.replacementDocumentId, recipients: deliveries.length, externalRecipients: external.length - (kind === RecallKind.Update ? 0 : unsent.length) },
    });
    await this.audit.recordMany(manager, entries);
  }

  private async replacement(manager: EntityManager, d: DocumentEntity, id: number | undefined): Promise<DocumentEntity> {
    const found = id && String(id) !== d.id ? await manager.findOneBy(DocumentEntity, { id: String(id), organisationId: d.organisationId, direction: DocumentDirection.Outgoing }) : null;
    if (!found || found.status !== DocumentStatus.Dispatched) throw new InvalidReplacement();
    return found;
  }
}
