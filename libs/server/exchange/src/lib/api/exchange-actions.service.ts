import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuthenticatedUser, NotFound } from '@vanthu/server/core';
import { AuditService, DocumentEntity, ExchangeDocumentEntity, ExchangePacketEntity, ExternalDeliveryEntity, inTransaction, UserEntity } from '@vanthu/server/data-access';
import { DocumentStore, ExternalIntake, InvalidTransition, ReasonRequired } from '@vanthu/server/documents';
import { DocumentDetail, DocumentDirection, DocumentStatus, ExchangePacketView, Page } from '@vanthu/shared/contracts';
import { DataSource, EntityManager, In } from 'typeorm';

import { BusinessType, StatusCode } from '../edxml/model';
import { PacketOutbox } from '../outbound/packet-outbox.service';

const OUR_DOCUMENT_SENT = [DocumentStatus.Dispatched];

function toView(p: ExchangePacketEntity, documentStatus: string | null, takeBack: boolean): ExchangePacketView {
  return {
    id: Number(p.id),
    direction: p.direction,
    kind: p.kind,
    channel: p.channel,
    documentKey: p.documentKey,
    from: { organId: p.fromOrganId, name: p.fromName },
    toOrganId: p.toOrganId,
    businessType: p.businessType,
    statusCode: p.statusCode,
    symbol: p.symbol,
    subject: p.subject,
    outcome: p.outcome,
    documentId: p.documentId ? Number(p.documentId) : null,
    documentStatus,
    duplicateOf: p.duplicateOf ? Number(p.duplicateOf) : null,
    takeBackRequested: takeBack,
    description: p.description,
    createdAt: p.createdAt.toISOString(),
    sentAt: p.sentAt?.toISOString() ?? null,
    lastError: p.lastError,
  };
}

/**
 * What the clerk does with exchange: the inbox and outbox of the organisation's packets, refusing
 * a document that came from outside (02), answering a take-back request (15 or 16), and revoking,
 * updating, replacing or asking back our own dispatched documents at their external recipients.
 * Each action is one transaction: the document route's change, its audit record and the packets.
 */
@Injectable()
export class ExchangeActions {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: DocumentStore,
    private readonly intake: ExternalIntake,
    private readonly outbox: PacketOutbox,
    private readonly audit: AuditService,
  ) {}

  async packets(user: AuthenticatedUser, direction: 'in' | 'out', page = 1, pageSize = 50): Promise<Page<ExchangePacketView>> {
    const repository = this.dataSource.getRepository(ExchangePacketEntity);
    const [rows, total] = await repository.findAndCount({
      where: { organisationId: user.organisationId, direction },
      order: { id: 'DESC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
    const ids = [...new Set(rows.map((r) => r.documentId).filter((v): v is string => !!v))];
    const documents = ids.length ? await this.dataSource.getRepository(DocumentEntity).find({ select: { id: true, status: true }, where: { id: In(ids) } }) : [];
    const copies = ids.length ? await this.dataSource.getRepository(ExchangeDocumentEntity).find({ where: { documentId: In(ids) } }) : [];
    const statusOf = new Map(documents.map((d) => [d.id, d.status]));
    const takeBack = new Set(copies.filter((c) => c.pendingRequest === StatusCode.TakeBackRequested).map((c) => c.documentId));
    return {
      items: rows.map((r) => toView(r, r.documentId ? (statusOf.get(r.documentId) ?? null) : null, !!r.documentId && takeBack.has(r.documentId))),
      total,
      page,
      pageSize,
    };
  }

  /** The bytes of one of the organisation's packets, as received or sent. */
  async packetBytes(user: AuthenticatedUser, id: string): Promise<{ sha256: string }> {
    const row = /^\d{1,19}$/.test(id) ? await this.dataSource.getRepository(ExchangePacketEntity).findOneBy({ id, organisationId: user.organisationId }) : null;
    if (!row) throw new NotFound({ vi: 'Gói tin', en: 'The packet' });
    return { sha256: row.sha256 };
  }

  /** Từ chối tiếp nhận (02): the copy is returned, its sender hears why. */
  async refuse(user: AuthenticatedUser, documentId: string, reason: string, ip: string): Promise<DocumentDetail> {
    return inTransaction(this.dataSource, async (manager) => {
      const copy = await this.externalCopy(manager, user, documentId);
      await this.intake.refuse(manager, user, documentId, reason, ip);
      await this.outbox.reportToSender(manager, copy, StatusCode.Refused, reason.trim(), await this.nameOf(manager, user));
      return this.store.detail(manager, user, documentId);
    });
  }

  /** The sender asked to take the document back (13): agreeing (15) withdraws the copy; refusing (16) keeps it. */
  async answerTakeBack(user: AuthenticatedUser, documentId: string, agree: boolean, reason: string | undefined, ip: string): Promise<DocumentDetail> {
    return inTransaction(this.dataSource, async (manager) => {
      const copy = await this.externalCopy(manager, user, documentId);
      if (copy.pendingRequest !== StatusCode.TakeBackRequested) {
        const d = await this.store.visible(manager, user, documentId);
        throw new InvalidTransition(d.status, { vi: 'trả lời yêu cầu lấy lại', en: 'answer a take-back request' });
      }
      if (!agree && !reason?.trim()) throw new ReasonRequired();
      if (agree) await this.intake.withdraw(manager, documentId, reason?.trim() || null, { business: 'take-back', userId: user.id });
      await manager.update(ExchangeDocumentEntity, { documentId }, { pendingRequest: null });
      await this.audit.record(manager, {
        userId: user.id,
        organisationId: user.organisationId,
        action: agree ? 'document.take-back-agreed' : 'document.take-back-refused',
        entityType: 'document',
        entityId: documentId,
        ip,
        details: { comment: reason?.trim() || null },
      });
      await this.outbox.reportToSender(manager, copy, agree ? StatusCode.Agreed : StatusCode.Disagreed, reason?.trim() || null, await this.nameOf(manager, user));
      return this.store.detail(manager, user, documentId);
    });
  }

  /** Revoke (1), update (2) or replace (3) one of our dispatched documents at its external recipients. */
  async sendBusiness(user: AuthenticatedUser, documentId: string, type: BusinessType, reason: string, ip: string, replacesDocumentId?: string): Promise<DocumentDetail> {
    return inTransaction(this.dataSource, async (manager) => {
      if (!reason.trim()) throw new ReasonRequired();
      const d = await this.ourDispatched(manager, user, documentId);
      let replaces: { documentKey: string; organIds: string[] } | undefined;
      if (type === BusinessType.Replace) {
        const old = await this.ourDispatched(manager, user, replacesDocumentId ?? '');
        const oldDeliveries = await manager.find(ExternalDeliveryEntity, { where: { documentId: old.id } });
        const key = oldDeliveries.find((x) => x.documentKey)?.documentKey;
        if (!key) throw new InvalidTransition(old.status, { vi: 'thay thế văn bản chưa gửi ra ngoài', en: 'replace a document never sent outside' });
        replaces = { documentKey: key, organIds: [] };
        // The replaced document's external recipients lose it; the new one goes where the old one went.
        for (const x of oldDeliveries) {
          await manager
            .createQueryBuilder()
            .insert()
            .into(ExternalDeliveryEntity)
            .values({ documentId: d.id, externalOrganisationId: x.externalOrganisationId, state: 'exported', dispatchedAt: new Date(), dispatchedBy: user.id })
            .orIgnore()
            .execute();
        }
      }
      const sent = await this.outbox.sendBusiness(manager, d.id, { type, reason: reason.trim(), staff: await this.nameOf(manager, user), replaces });
      const action = type === BusinessType.Revoke ? 'document.external-revoked' : type === BusinessType.Update ? 'document.external-updated' : 'document.external-replaced';
      await this.audit.record(manager, { userId: user.id, organisationId: user.organisationId, action, entityType: 'document', entityId: d.id, ip, details: { comment: reason.trim(), recipients: sent, replaces: replacesDocumentId ?? null } });
      return this.store.detail(manager, user, d.id);
    });
  }

  /** Asks the external recipients to give one of our documents back (13); they answer 15 or 16. */
  async requestTakeBack(user: AuthenticatedUser, documentId: string, reason: string, ip: string): Promise<DocumentDetail> {
    return inTransaction(this.dataSource, async (manager) => {
      if (!reason.trim()) throw new ReasonRequired();
      const d = await this.ourDispatched(manager, user, documentId);
      const sent = await this.outbox.reportToRecipients(manager, d.id, StatusCode.TakeBackRequested, reason.trim(), await this.nameOf(manager, user));
      await this.audit.record(manager, { userId: user.id, organisationId: user.organisationId, action: 'document.take-back-requested', entityType: 'document', entityId: d.id, ip, details: { comment: reason.trim(), recipients: sent } });
      return this.store.detail(manager, user, d.id);
    });
  }

  private async externalCopy(manager: EntityManager, user: AuthenticatedUser, documentId: string): Promise<ExchangeDocumentEntity> {
    const d = await this.store.visible(manager, user, documentId);
    const copy = d.organisationId === user.organisationId ? await manager.findOne(ExchangeDocumentEntity, { where: { documentId: d.id }, lock: { mode: 'pessimistic_write' } }) : null;
    if (!copy) throw new NotFound({ vi: 'Văn bản nhận từ hệ thống khác', en: 'The document received from another system' });
    return copy;
  }

  private async ourDispatched(manager: EntityManager, user: AuthenticatedUser, documentId: string): Promise<DocumentEntity> {
    const facts = await this.store.lockFacts(manager, user, documentId);
    const d = facts.document;
    if (d.direction !== DocumentDirection.Outgoing || d.organisationId !== user.organisationId) throw new NotFound({ vi: 'Văn bản', en: 'The document' });
    if (!OUR_DOCUMENT_SENT.includes(d.status)) throw new InvalidTransition(d.status, { vi: 'gửi tới nơi nhận bên ngoài', en: 'send to external recipients' });
    return d;
  }

  private async nameOf(manager: EntityManager, user: AuthenticatedUser): Promise<string | null> {
    return (await manager.findOneBy(UserEntity, { id: user.id }))?.fullName ?? null;
  }
}
