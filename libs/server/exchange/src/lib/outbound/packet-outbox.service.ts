import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  AuditService,
  DocumentEntity,
  ExchangeDocumentEntity,
  ExchangePacketEntity,
  ExternalDeliveryEntity,
  ExternalOrganisationEntity,
  FileStorage,
  inTransaction,
  OrganisationEntity,
  UserEntity,
} from '@vanthu/server/data-access';
import { DataSource, EntityManager, In } from 'typeorm';

import { BusinessType, EdxmlOrganisation, StatusCode } from '../edxml/model';
import { ExchangeGateway, GatewayError } from '../gateway/gateway';
import { BuiltPacket, externalOrganisation, NotExportable, ourOrganisation, PacketBuilder } from './packet-builder';

const BATCH = 20;

interface ChainRow {
  id: string;
  entityId: string;
  action: string;
  userId: number | null;
  details: string | null;
}

/** Actions of the document route that an external sender hears about, and the status each means. */
export const REPORTED_ACTIONS: Readonly<Record<string, StatusCode>> = {
  'document.registered': StatusCode.Accepted,
  'document.assigned': StatusCode.Assigned,
  'document.progress': StatusCode.Processing,
  'document.completed': StatusCode.Completed,
};

/**
 * What the document route's recall flow did to one of our dispatched documents (audit action on
 * it, written in the transaction that took effect: the signing leader's approval or own recall),
 * and the business packet its external recipients get.
 */
export const FORWARDED_RECALLS: Readonly<Record<string, BusinessType>> = {
  'document.revoked': BusinessType.Revoke,
  'document.update-sent': BusinessType.Update,
  'document.replaced': BusinessType.Replace,
};

const FORWARDED_ACTION: Readonly<Record<BusinessType, string>> = {
  [BusinessType.New]: 'document.exported',
  [BusinessType.Revoke]: 'document.external-revoked',
  [BusinessType.Update]: 'document.external-updated',
  [BusinessType.Replace]: 'document.external-replaced',
};

const CHAIN_BATCH = 200;

/**
 * Packets on their way out. Every packet is first a row (`exchange_packet`, outcome pending) with
 * its bytes in file storage, written in the transaction of the change it reports; a separate
 * pass hands pending rows to the gateway and marks them sent only once the gateway took them.
 * So a packet exists exactly when its change does, and a crash at any point sends it later.
 */
@Injectable()
export class PacketOutbox {
  private readonly logger = new Logger('PacketOutbox');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly builder: PacketBuilder,
    private readonly storage: FileStorage,
    private readonly audit: AuditService,
  ) {}

  /** Records a packet to send, in the caller's transaction. */
  async enqueue(
    manager: EntityManager,
    built: BuiltPacket,
    meta: { kind: 'document' | 'status'; from: EdxmlOrganisation; toOrganId: string; organisationId: number; documentId: string | null; businessType?: BusinessType | null; statusCode?: StatusCode | null; description?: string | null },
  ): Promise<string> {
    const sha256 = await this.storage.put(built.bytes);
    const inserted = await manager.insert(ExchangePacketEntity, {
      direction: 'out',
      kind: meta.kind,
      channel: 'gateway',
      dedupeKey: null,
      sha256,
      size: built.bytes.length,
      documentKey: built.documentKey,
      fromOrganId: meta.from.organId,
      fromName: meta.from.organName,
      toOrganId: meta.toOrganId,
      businessType: meta.businessType ?? null,
      statusCode: meta.statusCode ?? null,
      symbol: built.symbol?.slice(0, 64) ?? null,
      subject: built.subject?.slice(0, 1000) ?? null,
      outcome: 'pending',
      organisationId: meta.organisationId,
      documentId: meta.documentId,
      duplicateOf: null,
      result: null,
      description: meta.description?.slice(0, 2000) ?? null,
      createdAt: new Date(),
      sentAt: null,
      attempts: 0,
      lastError: null,
    });
    return String(inserted.identifiers[0].id);
  }

  /** A status about a document that came from outside, to its sender, in the caller's transaction. */
  async reportToSender(manager: EntityManager, copy: ExchangeDocumentEntity, code: StatusCode, description: string | null, staff: string | null): Promise<void> {
    const [document, organisation] = await Promise.all([
      manager.findOneByOrFail(DocumentEntity, { id: copy.documentId }),
      manager.findOneByOrFail(OrganisationEntity, { id: copy.organisationId }),
    ]);
    const from = ourOrganisation(organisation);
    const built = this.builder.statusPacket(
      from,
      { organId: copy.senderOrganId, organName: document.senderName ?? copy.senderOrganId },
      { organId: copy.senderOrganId, code: document.symbol ?? '', promulgationDate: document.documentDate, documentId: copy.documentKey },
      code,
      description,
      staff,
    );
    await this.enqueue(manager, built, { kind: 'status', from, toOrganId: copy.senderOrganId, organisationId: copy.organisationId, documentId: copy.documentId, statusCode: code, description });
    await manager.update(ExchangeDocumentEntity, { documentId: copy.documentId }, { reportedCode: code });
  }

  /**
   * A document packet of one of our dispatched documents to each of its exported external
   * recipients (revoke, update, replace), in the caller's transaction; returns how many recipients
   * it concerned. A delivery still queued (its document packet not built yet, so nothing left) gets
   * no packet: an update or replace leaves it queued — the document packet, built later, carries the
   * current state — and a revoke marks it revoked, so that the document never leaves.
   */
  async sendBusiness(manager: EntityManager, documentId: string, business: { type: BusinessType; reason: string; staff: string | null; replaces?: { documentKey: string; organIds: string[] } }): Promise<number> {
    // Locked: a queued row the export pass is turning into a packet is read once that pass committed (then exported).
    const deliveries = await manager.find(ExternalDeliveryEntity, { where: { documentId, state: In(['exported', 'queued']) }, lock: { mode: 'pessimistic_write' } });
    const d = await manager.findOneByOrFail(DocumentEntity, { id: documentId });
    const organisation = await manager.findOneByOrFail(OrganisationEntity, { id: d.organisationId });
    const from = ourOrganisation(organisation);
    for (const delivery of deliveries) {
      if (delivery.state === 'queued') {
        if (business.type === BusinessType.Revoke) await manager.update(ExternalDeliveryEntity, { id: delivery.id }, { state: 'revoked' });
        continue;
      }
      const to = await manager.findOneByOrFail(ExternalOrganisationEntity, { id: delivery.externalOrganisationId });
      const built = await this.builder.documentPacket(manager, documentId, [externalOrganisation(to)], {
        type: business.type,
        reason: business.reason,
        staff: business.staff,
        replacements: business.replaces ? [{ documentId: business.replaces.documentKey, organIds: business.replaces.organIds }] : [],
      });
      await this.enqueue(manager, built, { kind: 'document', from, toOrganId: to.identifierCode, organisationId: d.organisationId, documentId, businessType: business.type, description: business.reason });
      await manager.update(ExternalDeliveryEntity, { id: delivery.id }, { documentKey: built.documentKey, ...(business.type === BusinessType.Revoke ? { state: 'revoked' as const } : { state: 'exported' as const }) });
    }
    return deliveries.length;
  }

  /** A status about one of our documents to each of its external recipients (13: we ask to take it back). */
  async reportToRecipients(manager: EntityManager, documentId: string, code: StatusCode, description: string, staff: string | null): Promise<number> {
    const deliveries = await manager.find(ExternalDeliveryEntity, { where: { documentId, state: 'exported' } });
    const d = await manager.findOneByOrFail(DocumentEntity, { id: documentId });
    const from = ourOrganisation(await manager.findOneByOrFail(OrganisationEntity, { id: d.organisationId }));
    for (const delivery of deliveries) {
      const to = await manager.findOneByOrFail(ExternalOrganisationEntity, { id: delivery.externalOrganisationId });
      const built = this.builder.statusPacket(from, externalOrganisation(to), { organId: from.organId, code: d.symbol ?? '', promulgationDate: d.documentDate, documentId: delivery.documentKey ?? '' }, code, description, staff);
      await this.enqueue(manager, built, { kind: 'status', from, toOrganId: to.identifierCode, organisationId: d.organisationId, documentId, statusCode: code, description });
    }
    return deliveries.length;
  }

  /**
   * Turns dispatches to external recipients (rows the document route queued) into document
   * packets, one per recipient; a document that cannot be exported is marked failed with why.
   */
  async exportQueued(): Promise<number> {
    return inTransaction(this.dataSource, async (manager) => {
      const rows: ExternalDeliveryEntity[] = await manager
        .getRepository(ExternalDeliveryEntity)
        .createQueryBuilder('x')
        .where("x.state = 'queued'")
        .orderBy('x.id', 'ASC')
        .limit(BATCH)
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .getMany();
      for (const row of rows) {
        const to = await manager.findOneByOrFail(ExternalOrganisationEntity, { id: row.externalOrganisationId });
        const d = await manager.findOneByOrFail(DocumentEntity, { id: row.documentId });
        try {
          const from = ourOrganisation(await manager.findOneByOrFail(OrganisationEntity, { id: d.organisationId }));
          const clerk = row.dispatchedBy ? await manager.findOneBy(UserEntity, { id: row.dispatchedBy }) : null;
          const built = await this.builder.documentPacket(manager, row.documentId, [externalOrganisation(to)], { type: BusinessType.New, staff: clerk?.fullName ?? null });
          await this.enqueue(manager, built, { kind: 'document', from, toOrganId: to.identifierCode, organisationId: d.organisationId, documentId: d.id, businessType: BusinessType.New });
          await manager.update(ExternalDeliveryEntity, { id: row.id }, { state: 'exported', documentKey: built.documentKey });
          await this.audit.record(manager, {
            userId: null,
            organisationId: d.organisationId,
            action: 'document.exported',
            entityType: 'document',
            entityId: d.id,
            details: { to: `${to.name} (${to.identifierCode})`, documentId: built.documentKey },
          });
        } catch (error) {
          if (!(error instanceof NotExportable)) throw error;
          await manager.update(ExternalDeliveryEntity, { id: row.id }, { state: 'failed', description: error.text.vi });
        }
      }
      return rows.length;
    });
  }

  /**
   * Follows the audit chain after where the last pass stopped: the route's progress on documents
   * that came from outside becomes status packets to their senders (03 registered, 04 assigned,
   * 05 being handled, 06 completed), and a recall, update or replacement of one of our documents
   * that took effect (`document.revoked`, `document.update-sent`, `document.replaced`) becomes
   * the business packet (1, 2, 3) to each of its external recipients. The chain holds every
   * change in commit order, written in the change's own transaction, so nothing is missed and
   * nothing is sent twice.
   */
  async reportProgress(): Promise<number> {
    return inTransaction(this.dataSource, async (manager) => {
      const [cursor] = await manager.query("SELECT last_id AS lastId FROM exchange_cursor WHERE name = 'status-reports' FOR UPDATE");
      const [head] = await manager.query('SELECT last_id AS lastId FROM audit_head WHERE id = 1');
      const from = String(cursor.lastId);
      let upTo = String(head?.lastId ?? '0');
      const rows: Array<{ id: string; entityId: string; action: string; userId: number | null }> = await manager.query(
        `SELECT a.id, a.entity_id AS entityId, a.action, a.user_id AS userId FROM audit_record a
           JOIN exchange_document x ON x.document_id = a.entity_id
          WHERE a.id > ? AND a.id <= ? AND a.entity_type = 'document' AND a.action IN (?)
          ORDER BY a.id LIMIT ${CHAIN_BATCH}`,
        [from, upTo, Object.keys(REPORTED_ACTIONS)],
      );
      const recalls: ChainRow[] = await manager.query(
        `SELECT a.id, a.entity_id AS entityId, a.action, a.user_id AS userId, a.details FROM audit_record a
          WHERE a.id > ? AND a.id <= ? AND a.entity_type = 'document' AND a.action IN (?)
            AND EXISTS (SELECT 1 FROM external_delivery x WHERE x.document_id = a.entity_id)
          ORDER BY a.id LIMIT ${CHAIN_BATCH}`,
        [from, upTo, Object.keys(FORWARDED_RECALLS)],
      );
      // A full batch stops the pass at its last row; the rest waits for the next pass.
      for (const batch of [rows, recalls]) if (batch.length === CHAIN_BATCH && BigInt(batch[batch.length - 1].id) < BigInt(upTo)) upTo = String(batch[batch.length - 1].id);
      for (const row of rows) {
        if (BigInt(row.id) > BigInt(upTo)) break;
        const code = REPORTED_ACTIONS[row.action];
        const copy = await manager.findOneBy(ExchangeDocumentEntity, { documentId: String(row.entityId) });
        // Reported once per step: a second progress note is not news to the sender.
        if (!copy || copy.reportedCode === code) continue;
        const person = row.userId ? await manager.findOneBy(UserEntity, { id: row.userId }) : null;
        try {
          await this.reportToSender(manager, copy, code, null, person?.fullName ?? null);
        } catch (error) {
          if (!(error instanceof NotExportable)) throw error;
          this.logger.warn(`Status ${code} of document ${copy.documentId} not sent: ${error.message}`);
        }
      }
      for (const row of recalls) {
        if (BigInt(row.id) > BigInt(upTo)) break;
        await this.forwardRecall(manager, row);
      }
      await manager.query("UPDATE exchange_cursor SET last_id = ? WHERE name = 'status-reports'", [upTo]);
      return rows.length + recalls.length;
    });
  }

  /**
   * One recall that took effect in the document route, to the external recipients that received
   * the document: 1 revoke (the document itself), 2 update (the updated document's DocumentId and
   * code, the updating document's content), 3 replace (the replacing document, its
   * ReplacementInfoList naming the replaced one). A revoked or replaced delivery is marked revoked;
   * a replacing document gets a delivery to each, so that their statuses reach its tracking.
   */
  private async forwardRecall(manager: EntityManager, row: ChainRow): Promise<void> {
    const type = FORWARDED_RECALLS[row.action];
    const details = JSON.parse(row.details ?? '{}') as { comment?: string | null; replacement?: string | number | null };
    const reason = details.comment ?? null;
    const replacement = details.replacement ? String(details.replacement) : null;
    const d = await manager.findOneByOrFail(DocumentEntity, { id: String(row.entityId) });
    const staff = row.userId ? ((await manager.findOneBy(UserEntity, { id: row.userId }))?.fullName ?? null) : null;
    const deliveries = await manager.find(ExternalDeliveryEntity, { where: { documentId: d.id, state: 'exported' }, lock: { mode: 'pessimistic_write' } });
    for (const delivery of deliveries) {
      const to = await manager.findOneByOrFail(ExternalOrganisationEntity, { id: delivery.externalOrganisationId });
      try {
        const from = ourOrganisation(await manager.findOneByOrFail(OrganisationEntity, { id: d.organisationId }));
        // Revoke: the document itself; update: the updating document's content; replace: the replacing document.
        const sentId = type === BusinessType.Revoke ? d.id : (replacement ?? d.id);
        const built = await this.builder.documentPacket(manager, sentId, [externalOrganisation(to)], {
          type,
          reason,
          staff,
          identity: type === BusinessType.Update ? d.id : undefined,
          replacements: type === BusinessType.Replace ? [{ documentId: delivery.documentKey ?? '', organIds: [to.identifierCode] }] : [],
        });
        const packetOf = type === BusinessType.Replace ? sentId : d.id;
        await this.enqueue(manager, built, { kind: 'document', from, toOrganId: to.identifierCode, organisationId: d.organisationId, documentId: packetOf, businessType: type, description: reason });
        if (type !== BusinessType.Update) await manager.update(ExternalDeliveryEntity, { id: delivery.id }, { state: 'revoked' });
        if (type === BusinessType.Replace && replacement) {
          await manager
            .createQueryBuilder()
            .insert()
            .into(ExternalDeliveryEntity)
            .values({ documentId: replacement, externalOrganisationId: to.id, state: 'exported', documentKey: built.documentKey, dispatchedAt: new Date(), dispatchedBy: row.userId })
            .orIgnore()
            .execute();
        }
        await this.audit.record(manager, {
          userId: null,
          organisationId: d.organisationId,
          action: FORWARDED_ACTION[type],
          entityType: 'document',
          entityId: d.id,
          details: { to: `${to.name} (${to.identifierCode})`, documentId: built.documentKey, comment: reason },
        });
      } catch (error) {
        if (!(error instanceof NotExportable)) throw error;
        await manager.update(ExternalDeliveryEntity, { id: delivery.id }, { description: error.text.vi });
        this.logger.warn(`Business ${type} of document ${d.id} to ${to.identifierCode} not sent: ${error.message}`);
      }
    }
  }

  /** The oldest packet waiting to be sent, for a peer that pulls (gateway `pull`). */
  /** The oldest packet waiting to be pulled, of those addressed to `organIds` (none: of every packet). */
  async nextPending(organIds: readonly string[]): Promise<{ id: string; bytes: Buffer } | null> {
    const query = this.dataSource.getRepository(ExchangePacketEntity).createQueryBuilder('p').where("p.direction = 'out' AND p.outcome = 'pending'");
    if (organIds.length) query.andWhere('p.to_organ_id IN (:...organIds)', { organIds });
    const p = await query.orderBy('p.id', 'ASC').getOne();
    return p ? { id: p.id, bytes: await this.storage.get(p.sha256) } : null;
  }

  /** The peer acknowledged a pulled packet after importing it (or refused it, saying why). */
  async acknowledge(id: string, refusal: string | null, organIds: readonly string[]): Promise<boolean> {
    const update = this.dataSource
      .getRepository(ExchangePacketEntity)
      .createQueryBuilder()
      .update()
      .set({ outcome: refusal ? 'refused' : 'sent', sentAt: new Date(), lastError: refusal?.slice(0, 1000) ?? null, attempts: () => 'attempts + 1' })
      .where("id = :id AND direction = 'out' AND outcome = 'pending'", { id });
    // A peer acknowledges only what it may pull.
    if (organIds.length) update.andWhere('to_organ_id IN (:...organIds)', { organIds });
    const result = await update.execute();
    return (result.affected ?? 0) > 0;
  }

  /** Hands pending packets to the gateway; each is marked sent (or refused by the receiver) once the gateway answered. */
  async deliverPending(gateway: ExchangeGateway): Promise<number> {
    return inTransaction(this.dataSource, async (manager) => {
      const rows = await manager
        .getRepository(ExchangePacketEntity)
        .createQueryBuilder('p')
        .where("p.direction = 'out' AND p.outcome = 'pending'")
        .orderBy('p.id', 'ASC')
        .limit(BATCH)
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .getMany();
      let sent = 0;
      for (const p of rows) {
        try {
          await gateway.send({ id: p.id, kind: p.kind, fromOrganId: p.fromOrganId, toOrganId: p.toOrganId, sha256: p.sha256, bytes: await this.storage.get(p.sha256) });
          await manager.update(ExchangePacketEntity, { id: p.id }, { outcome: 'sent', sentAt: new Date(), attempts: p.attempts + 1, lastError: null });
          sent++;
        } catch (error) {
          const permanent = error instanceof GatewayError && error.permanent;
          await manager.update(ExchangePacketEntity, { id: p.id }, { attempts: p.attempts + 1, lastError: (error as Error).message.slice(0, 1000), ...(permanent ? { outcome: 'refused' as const } : {}) });
        }
      }
      return sent;
    });
  }
}
