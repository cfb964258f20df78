import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuthenticatedUser, DomainError, Forbidden, NotFound, TooManyRequests } from '@vanthu/server/core';
import { AuditService, DeliveryEntity, inTransaction, OrganisationEntity, OutboxEventType, OutboxService } from '@vanthu/server/data-access';
import { DeliveryStatus, DocumentDetail, DocumentDirection, ErrorCode, Permission, Role } from '@vanthu/shared/contracts';
import { DataSource } from 'typeorm';

import { DocumentStore } from '../shared/document-store';

/** One reminder per copy per hour: a reminder is a nudge, not a stream of e-mails. */
export const REMINDER_INTERVAL_MS = 3600_000;

export class AlreadyOpened extends DomainError {
  constructor() {
    super(409, ErrorCode.InvalidState, {
      vi: 'Nơi nhận đã mở văn bản này, không cần nhắc.',
      en: 'The recipient has already opened this document; no reminder is needed.',
    });
  }
}

/**
 * Nhắc mở văn bản: the sender's clerk reminds a recipient whose clerks have not opened the copy.
 * The reminder goes to the recipient's clerks through the outbox like every notification.
 */
@Injectable()
export class ReceiptReminders {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: DocumentStore,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
  ) {}

  async remind(user: AuthenticatedUser, documentId: string, recipientId: number, ip: string): Promise<DocumentDetail> {
    return inTransaction(this.dataSource, async (manager) => {
      const d = await this.store.visible(manager, user, documentId);
      if (d.direction !== DocumentDirection.Outgoing || d.organisationId !== user.organisationId) throw new NotFound({ vi: 'Văn bản', en: 'The document' });
      if (!user.permissions.includes(Permission.DispatchDocuments)) throw new Forbidden();
      const delivery = await manager.findOne(DeliveryEntity, { where: { documentId: d.id, recipientId }, lock: { mode: 'pessimistic_write' } });
      if (!delivery?.incomingDocumentId) throw new NotFound({ vi: 'Nơi nhận', en: 'The recipient' });
      if (delivery.status !== DeliveryStatus.Delivered || delivery.openedAt) throw new AlreadyOpened();
      const now = new Date();
      const wait = delivery.remindedAt ? delivery.remindedAt.getTime() + REMINDER_INTERVAL_MS - now.getTime() : 0;
      if (wait > 0) throw new TooManyRequests(Math.ceil(wait / 1000), { vi: 'nhắc mở văn bản', en: 'reminder' });
      await manager.update(DeliveryEntity, { id: delivery.id }, { remindedAt: now });
      const sender = await manager.findOneByOrFail(OrganisationEntity, { id: d.organisationId });
      await this.outbox.emit(manager, {
        type: OutboxEventType.DeliveryReminder,
        documentId: delivery.incomingDocumentId,
        payload: { organisationIds: [recipientId], roles: [Role.Clerk], actorId: user.id, subject: d.subject, symbol: d.symbol, senderName: sender.name },
      });
      await this.audit.record(manager, {
        userId: user.id,
        organisationId: user.organisationId,
        action: 'document.reminder-sent',
        entityType: 'document',
        entityId: d.id,
        ip,
        details: { recipient: recipientId },
      });
      return this.store.detail(manager, user, d.id);
    });
  }
}
