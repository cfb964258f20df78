import { createHash } from 'node:crypto';

import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '@vanthu/server/core';
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
} from '@vanthu/server/data-access';
import { ExternalFile, ExternalIntake } from '@vanthu/server/documents';
import { ErrorCode, FileRole, PacketReceipt, RecallKind } from '@vanthu/shared/contracts';
import { DataSource, EntityManager, In } from 'typeorm';

import { PacketRefused } from '../edxml/errors';
import { BusinessType, EdxmlDocumentPacket, EdxmlPacket, EdxmlStatusPacket, packetLimitsFor, StatusCode } from '../edxml/model';
import { parseEdxml } from '../edxml/parse';
import { documentTypeOf, urgencyOf } from '../mapping';
import { PacketOutbox } from '../outbound/packet-outbox.service';

export class PacketDuplicate extends PacketRefused {
  constructor(symbol: string, sender: string) {
    super(
      ErrorCode.PacketDuplicate,
      {
        vi: `Văn bản số ${symbol} của ${sender} đã được tiếp nhận trước đó; không tạo bản thứ hai. Văn thư sẽ thấy cảnh báo trùng.`,
        en: `Document ${symbol} from ${sender} was already received; no second copy is made. The clerk sees a duplicate warning.`,
      },
      409,
    );
  }
}

const noRecipient = (ids: string[]) =>
  new PacketRefused(ErrorCode.PacketNoRecipient, {
    vi: `Không có nơi nhận nào trong gói tin (${ids.join(', ')}) là cơ quan thuộc hệ thống này.`,
    en: `None of the packet's recipients (${ids.join(', ')}) is an organisation of this installation.`,
  });

const unknownDocument = (documentId: string) =>
  new PacketRefused(
    ErrorCode.PacketUnknownDocument,
    { vi: `Không tìm thấy văn bản "${documentId}" mà gói tin nhắc tới.`, en: `The document "${documentId}" the packet refers to is not held here.` },
    404,
  );

/**
 * A revoke, update, replace or take-back request (13) about a document not held here yet: over
 * several channels, or with two workers, it may have overtaken its document. Nothing is stored
 * and the adapter tries again later (the folder adapter with BullMQ backoff, the pull client on its
 * next passes; over HTTP the answer is 503 with Retry-After, so the sender tries again). Only its
 * last attempt is refused for good, as PACKET_UNKNOWN_DOCUMENT.
 */
export class PacketAwaitingDocument extends PacketRefused {
  constructor(documentId: string) {
    super(
      ErrorCode.PacketAwaitingDocument,
      {
        vi: `Chưa có văn bản "${documentId}" mà gói tin nhắc tới (gói tin có thể đến trước văn bản). Gói tin chưa được xử lý; hãy gửi lại sau.`,
        en: `The document "${documentId}" the packet refers to is not held here yet (the packet may have overtaken it). Nothing was applied; send it again later.`,
      },
      503,
    );
    this.retryAfterSeconds = 60;
  }
}

/** How an adapter hands a packet over. */
export interface ReceiveOptions {
  /**
   * The adapter's last attempt at this packet: one about a document not held here is refused for
   * good (PACKET_UNKNOWN_DOCUMENT) instead of asked for again (PACKET_AWAITING_DOCUMENT); a
   * replacement whose replaced documents are not all held is imported all the same.
   */
  final?: boolean;
  /** Whether a replacement waits (retryably) for the documents it replaces; adapters that retry (folder, pull) ask for it. */
  awaitReplaced?: boolean;
}

const wrongSender = (documentId: string, from: string) =>
  new PacketRefused(ErrorCode.PacketWrongSender, {
    vi: `Cơ quan gửi gói tin (${from}) không phải là nơi đã gửi văn bản "${documentId}"; chỉ nơi gửi mới được thu hồi, cập nhật hoặc thay thế văn bản này. Không có gì thay đổi.`,
    en: `The packet's sender (${from}) is not the organisation that sent the document "${documentId}"; only its sender may revoke, update or replace it. Nothing was changed.`,
  });

/** Received packet → what it did, also for a repeated delivery of the same bytes. */
export interface ImportResult extends PacketReceipt {
  /** Whether these exact bytes had been received before (nothing changed this time). */
  repeated: boolean;
}

const MAIN_FIRST = (a: { contentType: string }, b: { contentType: string }) => Number(b.contentType === 'application/pdf') - Number(a.contentType === 'application/pdf');

/**
 * Receives edXML packets from any adapter (folder, HTTP): parses them under the limits, then in
 * ONE transaction records the packet and applies it — new incoming copies for each of our
 * organisations named in To (asking the document route to create them), revoke, update or replace
 * of copies we hold, or a status on the tracking of our own dispatched documents — with the audit
 * records, the events and the 01 (arrived) reports. The same bytes twice change nothing: the
 * second delivery gets the first one's answer.
 */
@Injectable()
export class PacketImporter {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly intake: ExternalIntake,
    private readonly outbox: PacketOutbox,
    private readonly storage: FileStorage,
    private readonly audit: AuditService,
  ) {}

  /** Parses and applies a packet; refusals (PacketRefused) store nothing, except a duplicate's warning. */
  async receive(bytes: Buffer, channel: string, options: ReceiveOptions = {}): Promise<ImportResult> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const earlier = await this.findEarlier(this.dataSource.manager, sha256);
    if (earlier) return earlier;
    const packet = parseEdxml(bytes, packetLimitsFor(this.config.uploadMaxBytes));
    let result: ImportResult;
    try {
      result = await inTransaction(this.dataSource, async (manager) => {
        const again = await this.findEarlier(manager, sha256);
        if (again) return again;
        return packet.kind === 'status' ? this.applyStatus(manager, packet, bytes, sha256, channel, options) : this.applyDocument(manager, packet, bytes, sha256, channel, options);
      });
    } catch (error) {
      // Two deliveries of the same packet at once: the unique key lets one in; the other gets its answer.
      if ((error as { driverError?: { code?: string } }).driverError?.code === 'ER_DUP_ENTRY') {
        const winner = await this.findEarlier(this.dataSource.manager, sha256);
        if (winner) return winner;
      }
      throw error;
    }
    if (result.outcome === 'duplicate' && !result.repeated) throw new PacketDuplicate(this.symbolOf(packet), packet.from.organName);
    return result;
  }

  private symbolOf(p: EdxmlPacket): string {
    return p.kind === 'document' ? `${p.code.number}/${p.code.notation}` : p.responseFor.code;
  }

  private async findEarlier(manager: EntityManager, sha256: string): Promise<ImportResult | null> {
    const row = await manager.findOneBy(ExchangePacketEntity, { dedupeKey: `in:${sha256}` });
    if (!row) return null;
    const stored = row.result ? (JSON.parse(row.result) as PacketReceipt) : null;
    return {
      packetId: Number(row.id),
      kind: row.kind,
      outcome: row.outcome,
      documentIds: stored?.documentIds ?? [],
      duplicateOf: stored?.duplicateOf ?? [],
      repeated: true,
    };
  }

  private async record(
    manager: EntityManager,
    bytes: Buffer,
    sha256: string,
    channel: string,
    packet: EdxmlPacket,
    fields: { outcome: ExchangePacketEntity['outcome']; organisationId: number | null; documentId: string | null; duplicateOf?: string | null; documentIds: string[]; duplicates: string[] },
  ): Promise<ImportResult> {
    await this.storage.put(bytes);
    const doc = packet.kind === 'document' ? packet : null;
    const status = packet.kind === 'status' ? packet : null;
    const receipt = { documentIds: fields.documentIds.map(Number), duplicateOf: fields.duplicates.map(Number) };
    const inserted = await manager.insert(ExchangePacketEntity, {
      direction: 'in',
      kind: packet.kind,
      channel,
      dedupeKey: `in:${sha256}`,
      sha256,
      size: bytes.length,
      documentKey: (doc ? doc.documentId : (status as EdxmlStatusPacket).responseFor.documentId).slice(0, 255),
      fromOrganId: packet.from.organId.slice(0, 13),
      fromName: packet.from.organName.slice(0, 255),
      toOrganId: packet.to[0]?.organId.slice(0, 13) ?? null,
      businessType: doc ? doc.business.type : null,
      statusCode: status ? status.statusCode : null,
      symbol: this.symbolOf(packet).slice(0, 64) || null,
      subject: doc ? doc.subject.slice(0, 1000) : null,
      outcome: fields.outcome,
      organisationId: fields.organisationId,
      documentId: fields.documentId,
      duplicateOf: fields.duplicateOf ?? null,
      result: JSON.stringify(receipt),
      description: (doc ? doc.business.reason : status?.description)?.slice(0, 2000) ?? null,
      createdAt: new Date(),
      sentAt: null,
      attempts: 0,
      lastError: null,
    });
    return { packetId: Number(inserted.identifiers[0].id), kind: packet.kind, outcome: fields.outcome, ...receipt, repeated: false };
  }

  /** Our organisations the packet is addressed to, or a refusal. */
  private async recipients(manager: EntityManager, p: EdxmlDocumentPacket): Promise<OrganisationEntity[]> {
    const codes = [...new Set(p.to.map((t) => t.organId))];
    const ours = await manager.find(OrganisationEntity, { where: { identifierCode: In(codes), active: true }, order: { id: 'ASC' } });
    if (!ours.length) throw noRecipient(codes);
    return ours;
  }

  private files(p: EdxmlDocumentPacket): ExternalFile[] {
    const ordered = [...p.attachments].sort(MAIN_FIRST);
    return ordered.map((a, i) => ({ role: i === 0 ? FileRole.Main : FileRole.Attachment, position: i, name: a.name, bytes: a.bytes }));
  }

  private async applyDocument(manager: EntityManager, p: EdxmlDocumentPacket, bytes: Buffer, sha256: string, channel: string, options: ReceiveOptions): Promise<ImportResult> {
    const ours = await this.recipients(manager, p);
    const symbol = `${p.code.number}/${p.code.notation}`;
    const held = await manager.find(ExchangeDocumentEntity, { where: { organisationId: In(ours.map((o) => o.id)), documentKey: p.documentId } });

    if (p.business.type === BusinessType.Revoke || p.business.type === BusinessType.Update) {
      if (!held.length) throw options.final ? unknownDocument(p.documentId) : new PacketAwaitingDocument(p.documentId);
      // Only the organisation that sent a copy may withdraw or change it.
      if (held.some((h) => h.senderOrganId !== p.from.organId)) throw wrongSender(p.documentId, p.from.organId);
      for (const copy of held) {
        if (p.business.type === BusinessType.Revoke) {
          const withdrawn = await this.intake.withdraw(manager, copy.documentId, p.business.reason, { by: p.from.organName, business: 'revoke' });
          if (withdrawn) await this.intake.tellRecalled(manager, copy.documentId, { kind: RecallKind.Revoke, reason: p.business.reason });
        } else {
          await this.intake.update(
            manager,
            copy.documentId,
            { subject: p.subject, urgency: urgencyOf(p.other.priority), type: documentTypeOf(p.type.name), replyBy: p.dueDate, files: p.attachments.length ? this.files(p) : undefined },
            p.business.reason,
          );
          await this.intake.tellRecalled(manager, copy.documentId, { kind: RecallKind.Update, reason: p.business.reason });
        }
        await manager.update(ExchangeDocumentEntity, { documentId: copy.documentId }, { businessType: p.business.type, dueDate: p.dueDate });
      }
      return this.record(manager, bytes, sha256, channel, p, { outcome: 'applied', organisationId: held[0].organisationId, documentId: held[0].documentId, documentIds: held.map((h) => h.documentId), duplicates: [] });
    }

    if (p.business.type === BusinessType.Replace) {
      const keys = [...new Set(p.business.replacements.map((r) => r.documentId))];
      const replaced = keys.length ? await manager.find(ExchangeDocumentEntity, { where: { organisationId: In(ours.map((o) => o.id)), documentKey: In(keys) } }) : [];
      // Only the organisation that sent a copy may replace it.
      const foreign = replaced.find((r) => r.senderOrganId !== p.from.organId);
      if (foreign) throw wrongSender(foreign.documentKey, p.from.organId);
      // A replacement that overtook what it replaces waits for it (where the adapter retries), until its last attempt.
      const missing = keys.find((k) => !replaced.some((r) => r.documentKey === k));
      if (missing && options.awaitReplaced && !options.final) throw new PacketAwaitingDocument(missing);
    }

    // New (0) or replace (3): a copy for each of our recipients that does not hold it yet.
    const verified = await this.intake.checkFiles(manager, this.files(p));
    const created: string[] = [];
    const duplicates: string[] = [];
    const applied: string[] = [];
    const senderName = p.from.organName;
    for (const organisation of ours) {
      const sameKey = held.find((h) => h.organisationId === organisation.id);
      const sameFacts = sameKey ? null : await this.intake.findDuplicate(manager, organisation.id, { symbol, senderName, documentDate: p.promulgation.date });
      // A replacement already held as a new document (its sender also dispatched it on its own):
      // the copy stays as it is and the replacement is applied to it, not refused as a duplicate.
      if (sameKey && p.business.type === BusinessType.Replace && sameKey.senderOrganId === p.from.organId) {
        await this.replace(manager, p, organisation.id, sameKey.documentId, symbol);
        applied.push(sameKey.documentId);
        continue;
      }
      const duplicate = sameKey?.documentId ?? sameFacts;
      if (duplicate) {
        duplicates.push(duplicate);
        continue;
      }
      const documentId = await this.intake.receive(
        manager,
        {
          organisationId: organisation.id,
          type: documentTypeOf(p.type.name),
          subject: p.subject,
          urgency: urgencyOf(p.other.priority),
          number: /^\d{1,9}$/.test(p.code.number) ? Number(p.code.number) : null,
          symbol,
          documentDate: p.promulgation.date,
          senderName,
          // DueDate: the day the sender asks for an answer by, shown to the recipient as its reply deadline.
          replyBy: p.dueDate,
          receivedAt: new Date(),
          files: this.files(p),
          channel: `edxml:${channel}`,
        },
        verified,
      );
      created.push(documentId);
      const copy = manager.create(ExchangeDocumentEntity, {
        documentId,
        organisationId: organisation.id,
        packetId: '0',
        documentKey: p.documentId.slice(0, 255),
        senderOrganId: p.from.organId.slice(0, 13),
        signerCompetence: p.signer.competence || null,
        signerPosition: p.signer.position || null,
        signerName: p.signer.fullName || null,
        dueDate: p.dueDate,
        promulgationPlace: p.promulgation.place || null,
        pageAmount: p.other.pageAmount,
        typeName: p.type.name.slice(0, 255),
        businessType: p.business.type,
        replacedBy: null,
        pendingRequest: null,
        reportedCode: null,
      });
      await manager.insert(ExchangeDocumentEntity, copy);
      // QCVN 102: the software tells the sender at once that the document arrived (01).
      await this.outbox.reportToSender(manager, copy, StatusCode.Arrived, null, null);
      if (p.business.type === BusinessType.Replace) await this.replace(manager, p, organisation.id, documentId, symbol);
    }
    const result = await this.record(manager, bytes, sha256, channel, p, {
      outcome: created.length ? 'imported' : applied.length ? 'applied' : 'duplicate',
      organisationId: ours[0].id,
      documentId: created[0] ?? applied[0] ?? null,
      duplicateOf: duplicates[0] ?? null,
      documentIds: [...created, ...applied],
      duplicates,
    });
    await manager.update(ExchangeDocumentEntity, { documentId: In(created.length ? created : ['0']) }, { packetId: String(result.packetId) });
    return result;
  }

  /** Business type 3: the documents named in ReplacementInfoList are withdrawn, pointing at their replacement. */
  private async replace(manager: EntityManager, p: EdxmlDocumentPacket, organisationId: number, replacement: string, replacementSymbol: string): Promise<void> {
    const keys = p.business.replacements.map((r) => r.documentId);
    if (!keys.length) return;
    const replaced = await manager.find(ExchangeDocumentEntity, { where: { organisationId, documentKey: In(keys), senderOrganId: p.from.organId } });
    for (const old of replaced) {
      const withdrawn = await this.intake.withdraw(manager, old.documentId, p.business.reason, { replacedBy: replacement, business: 'replace' });
      await manager.update(ExchangeDocumentEntity, { documentId: old.documentId }, { businessType: BusinessType.Replace, replacedBy: replacement });
      if (withdrawn) await this.intake.tellRecalled(manager, old.documentId, { kind: RecallKind.Replace, reason: p.business.reason, replacement: { documentId: replacement, symbol: replacementSymbol } });
    }
  }

  /**
   * A status: about one of our dispatched documents (the tracking of that external recipient),
   * or about a copy we hold (13: its sender asks to take it back, the clerk answers 15 or 16).
   */
  private async applyStatus(manager: EntityManager, p: EdxmlStatusPacket, bytes: Buffer, sha256: string, channel: string, options: ReceiveOptions): Promise<ImportResult> {
    const delivery = await manager
      .getRepository(ExternalDeliveryEntity)
      .createQueryBuilder('x')
      .innerJoin(ExternalOrganisationEntity, 'o', 'o.id = x.externalOrganisationId')
      .where('x.documentKey = :key AND o.identifierCode = :organ', { key: p.responseFor.documentId, organ: p.from.organId })
      .setLock('pessimistic_write')
      .getOne();
    if (delivery) {
      const document = await manager.findOneByOrFail(DocumentEntity, { id: delivery.documentId });
      // Statuses may arrive out of order (several channels, retries): the latest timestamp wins.
      if (!delivery.statusAt || delivery.statusAt.getTime() <= Date.parse(p.timestamp)) {
        await manager.update(ExternalDeliveryEntity, { id: delivery.id }, { statusCode: p.statusCode, statusAt: new Date(p.timestamp), description: p.description?.slice(0, 2000) ?? null });
      }
      await this.audit.record(manager, {
        userId: null,
        organisationId: document.organisationId,
        action: 'document.external-status',
        entityType: 'document',
        entityId: document.id,
        details: { from: p.from.organName, organId: p.from.organId, statusCode: p.statusCode, comment: p.description },
      });
      return this.record(manager, bytes, sha256, channel, p, { outcome: 'applied', organisationId: document.organisationId, documentId: document.id, documentIds: [document.id], duplicates: [] });
    }
    const copy = await manager.findOne(ExchangeDocumentEntity, { where: { documentKey: p.responseFor.documentId, senderOrganId: p.from.organId }, lock: { mode: 'pessimistic_write' } });
    if (!copy) {
      // A take-back request may overtake its document; any other status about a document we neither sent nor hold is refused.
      if (p.statusCode === StatusCode.TakeBackRequested && !options.final) throw new PacketAwaitingDocument(p.responseFor.documentId);
      throw unknownDocument(p.responseFor.documentId);
    }
    if (p.statusCode === StatusCode.TakeBackRequested) {
      await manager.update(ExchangeDocumentEntity, { documentId: copy.documentId }, { pendingRequest: StatusCode.TakeBackRequested });
    }
    await this.audit.record(manager, {
      userId: null,
      organisationId: copy.organisationId,
      action: 'document.sender-status',
      entityType: 'document',
      entityId: copy.documentId,
      details: { from: p.from.organName, statusCode: p.statusCode, comment: p.description },
    });
    return this.record(manager, bytes, sha256, channel, p, { outcome: 'applied', organisationId: copy.organisationId, documentId: copy.documentId, documentIds: [copy.documentId], duplicates: [] });
  }
}
