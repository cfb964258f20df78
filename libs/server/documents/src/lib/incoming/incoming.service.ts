import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuthenticatedUser, UploadedFile } from '@vanthu/server/core';
import { AssigneeEntity, AssignmentEntity, AuditService, DeliveryEntity, DocumentEntity, inTransaction, OrganisationEntity, OutboxEventType, OutboxService, RegisterService, startsWithPattern, UserEntity } from '@vanthu/server/data-access';
import {
  ALL_ORGANISATION_KINDS,
  AssigneeRef,
  AssignmentRole,
  AssignRequest,
  DeliveryStatus,
  DocumentDetail,
  DocumentDirection,
  DocumentFileView,
  DocumentStatus,
  FileRole,
  isUnitKind,
  ProgressRequest,
  RegisterArrivalRequest,
  RegisterIncomingRequest,
  ReturnToSenderRequest,
  Role,
  SubmitToLeaderRequest,
} from '@vanthu/shared/contracts';
import { classifyCompletion, formatDate, formatRegisterNumber, isClassified, isIsoDate, registerKind, registerYear, toIsoDate } from '@vanthu/shared/domain';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';

import { DocumentFiles } from '../files/document-files.service';
import { DocumentStore, toFileView } from '../shared/document-store';
import { ExternalIntake } from './external-intake.service';
import { ClassifiedContent, IncomingDuplicate, InvalidDeadline, InvalidParty, InvalidTransition, ReasonRequired } from '../shared/errors';
import { Parties } from '../shared/parties';
import { assertAllowed, DocumentAction, DocumentFacts, isAssignee } from '../shared/policy';
import { SearchIndex } from '../shared/search-index';
import { searchTextOf } from '../shared/search-text';
import { PdfSignatureService } from '@vanthu/server/signing';

const ACTIONS: Record<string, { vi: string; en: string }> = {
  register: { vi: 'vào sổ', en: 'register' },
  upload: { vi: 'tải tệp', en: 'upload a file' },
  submit: { vi: 'trình lãnh đạo', en: 'submit to a leader' },
  assign: { vi: 'phân công xử lý', en: 'assign' },
  progress: { vi: 'cập nhật tiến độ', en: 'report progress' },
  complete: { vi: 'hoàn thành', en: 'complete' },
  return: { vi: 'trả lại nơi gửi', en: 'return to the sender' },
};

const UNIT_KINDS = ALL_ORGANISATION_KINDS.filter(isUnitKind);

const BAD_ASSIGNEE = {
  vi: 'Đơn vị hoặc người được giao phải là cơ quan của bạn, văn phòng hoặc cơ quan chuyên môn (sở, phòng) của cơ quan, hoặc người của các đơn vị đó (không giao cho UBND xã, phường); mỗi đơn vị/người một vai trò.',
  en: 'Assignees must be your organisation, its office or departments (sở, phòng), or their people (not a commune or ward), each with one part.',
};

function requireStatus(facts: DocumentFacts, allowed: DocumentStatus[], action: { vi: string; en: string }): void {
  if (!allowed.includes(facts.document.status)) throw new InvalidTransition(facts.document.status, action);
}

/**
 * Văn bản đến: arrival (from a dispatch, or registered by the clerk from paper or another
 * system) with its arrival number, submission to a leader, assignment with a deadline, handling,
 * completion (early, on time or late), or return to the sender — each a transaction with its
 * audit record and the events that tell the people concerned.
 */
@Injectable()
export class IncomingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: DocumentStore,
    private readonly files: DocumentFiles,
    private readonly parties: Parties,
    private readonly registers: RegisterService,
    private readonly pdf: PdfSignatureService,
    private readonly searchIndex: SearchIndex,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly intake: ExternalIntake,
  ) {}

  /** A document received on paper or from another system, registered at once with its arrival number. */
  async registerReceived(user: AuthenticatedUser, request: RegisterIncomingRequest, ip: string): Promise<DocumentDetail> {
    return inTransaction(this.dataSource, async (manager) => {
      const receivedAt = request.receivedAt ? new Date(request.receivedAt) : new Date();
      const symbol = request.originalSymbol.trim();
      const duplicateOf = await this.duplicateOf(manager, user.organisationId, { symbol, senderName: request.senderName.trim(), documentDate: request.originalDate }, request.acceptDuplicate);
      const arrival = await this.registers.takeNextNumber(
        manager,
        user.organisationId,
        registerYear(new Date()),
        registerKind(DocumentDirection.Incoming, request.securityLevel),
      );
      const saved = await manager.save(
        manager.create(DocumentEntity, {
          organisationId: user.organisationId,
          direction: DocumentDirection.Incoming,
          type: request.type,
          status: DocumentStatus.Registered,
          subject: request.subject.trim(),
          urgency: request.urgency,
          securityLevel: request.securityLevel,
          symbol,
          documentDate: request.originalDate,
          receivedAt,
          senderName: request.senderName.trim(),
          arrivalRegisterId: arrival.registerId,
          arrivalNumber: arrival.number,
          createdBy: user.id,
          searchText: searchTextOf({ type: request.type, subject: request.subject, symbol, senderName: request.senderName, arrivalNumber: arrival.number }),
          listedAt: receivedAt,
        }),
      );
      await this.searchIndex.refresh(manager, [saved.id]);
      await this.record(manager, user, saved.id, 'document.registered', ip, { arrivalNumber: arrival.number, paper: true, from: saved.senderName, duplicateOf });
      return this.store.detailOf(manager, user, saved);
    });
  }

  /** The scanned or received PDF of a document the clerk registered by hand. */
  async addFile(user: AuthenticatedUser, id: string, upload: UploadedFile | undefined, ip: string): Promise<DocumentFileView> {
    await this.dataSource.transaction((manager) => this.lockForUpload(manager, user, id));
    const checked = await this.files.checkUpload(upload);
    return inTransaction(this.dataSource, async (manager) => {
      const facts = await this.lockForUpload(manager, user, id);
      const verification = await this.pdf.verify(manager, checked.bytes);
      const file = await this.files.addVersion(manager, {
        documentId: facts.document.id,
        role: FileRole.Main,
        position: 0,
        name: checked.name,
        bytes: checked.bytes,
        stage: 'received',
        userId: user.id,
        verification,
      });
      await this.record(manager, user, facts.document.id, 'document.file-added', ip, { file: file.name, sha256: file.sha256 });
      return toFileView(file);
    });
  }

  /** An electronically received copy gets its arrival number (số đến), in order of registration. */
  async register(user: AuthenticatedUser, id: string, ip: string, request: RegisterArrivalRequest = {}): Promise<DocumentDetail> {
    return this.change(user, id, ip, async (manager, facts) => {
      requireStatus(facts, [DocumentStatus.Received], ACTIONS['register']);
      assertAllowed(user, DocumentAction.Register, facts);
      const d = facts.document;
      const duplicateOf =
        d.symbol && d.senderName && d.documentDate
          ? await this.duplicateOf(manager, d.organisationId, { symbol: d.symbol, senderName: d.senderName, documentDate: d.documentDate, excludeId: d.id }, request.acceptDuplicate)
          : null;
      const arrival = await this.registers.takeNextNumber(manager, d.organisationId, registerYear(new Date()), registerKind(DocumentDirection.Incoming, d.securityLevel));
      await manager.update(DocumentEntity, { id: d.id }, {
        status: DocumentStatus.Registered,
        arrivalRegisterId: arrival.registerId,
        arrivalNumber: arrival.number,
        searchText: searchTextOf({ type: d.type, subject: d.subject, symbol: d.symbol, senderName: d.senderName, arrivalNumber: arrival.number }),
      });
      await this.searchIndex.refresh(manager, [d.id]);
      await this.markDelivery(manager, d, DeliveryStatus.Opened, null, [DeliveryStatus.Delivered]);
      await this.stampDelivery(manager, d, 'openedAt');
      if (await this.stampDelivery(manager, d, 'registeredAt')) {
        // Báo nhận: the sender's clerks hear the same day that it was registered, with the arrival number.
        const source = await manager.findOneByOrFail(DocumentEntity, { id: d.sourceDocumentId ?? '0' });
        const recipient = await manager.findOneByOrFail(OrganisationEntity, { id: d.organisationId });
        await this.outbox.emit(manager, {
          type: OutboxEventType.DeliveryRegistered,
          documentId: source.id,
          payload: {
            organisationIds: [source.organisationId],
            roles: [Role.Clerk],
            actorId: user.id,
            subject: d.subject,
            symbol: d.symbol,
            recipientName: recipient.name,
            arrivalNumber: formatRegisterNumber(arrival.number),
          },
        });
      }
      return { action: 'document.registered', details: { arrivalNumber: arrival.number, duplicateOf } };
    });
  }

  async submitToLeader(user: AuthenticatedUser, id: string, request: SubmitToLeaderRequest, ip: string): Promise<DocumentDetail> {
    return this.change(user, id, ip, async (manager, facts) => {
      requireStatus(facts, [DocumentStatus.Registered], ACTIONS['submit']);
      assertAllowed(user, DocumentAction.SubmitToLeader, facts);
      const d = facts.document;
      const [leader] = await this.parties.people(manager, [request.leaderId], Role.Leader, [d.organisationId], {
        vi: 'Hãy trình một lãnh đạo của cơ quan mình.',
        en: 'Submit to a leader of your own organisation.',
      });
      await manager.update(DocumentEntity, { id: d.id }, { status: DocumentStatus.Submitted, submittedTo: leader.id });
      await this.outbox.emit(manager, {
        type: OutboxEventType.SubmittedToLeader,
        documentId: d.id,
        payload: { userIds: [leader.id], actorId: user.id, subject: d.subject, symbol: d.symbol, senderName: d.senderName, comment: request.note ?? null },
      });
      return { action: 'document.submitted-to-leader', details: { leader: leader.fullName, comment: request.note ?? null } };
    });
  }

  /**
   * The leader assigns the lead unit or person (chủ trì), co-ordinating ones (phối hợp) and those
   * for information (để biết) with a deadline; assigning again replaces the previous assignment.
   */
  async assign(user: AuthenticatedUser, id: string, request: AssignRequest, ip: string): Promise<DocumentDetail> {
    return this.change(user, id, ip, async (manager, facts) => {
      requireStatus(facts, [DocumentStatus.Submitted, DocumentStatus.InProgress], ACTIONS['assign']);
      assertAllowed(user, DocumentAction.Assign, facts);
      const d = facts.document;
      if (!isIsoDate(request.deadline) || request.deadline < toIsoDate(new Date())) throw new InvalidDeadline();
      const parts: Array<{ role: AssignmentRole; ref: AssigneeRef }> = [
        { role: AssignmentRole.Lead, ref: request.lead },
        ...(request.coordinators ?? []).map((ref) => ({ role: AssignmentRole.Coordinate, ref })),
        ...(request.informed ?? []).map((ref) => ({ role: AssignmentRole.Inform, ref })),
      ];
      const resolved = await this.resolveAssignees(manager, d, parts);
      const now = new Date();
      const existing = await manager.findOneBy(AssignmentEntity, { documentId: d.id });
      let assignmentId: string;
      if (existing) {
        await manager.delete(AssigneeEntity, { assignmentId: existing.id });
        await manager.update(AssignmentEntity, { id: existing.id }, { assignedBy: user.id, assignedAt: now, deadline: request.deadline, instructions: request.instructions?.trim() || null });
        assignmentId = existing.id;
      } else {
        const inserted = await manager.insert(AssignmentEntity, {
          documentId: d.id,
          assignedBy: user.id,
          assignedAt: now,
          deadline: request.deadline,
          instructions: request.instructions?.trim() || null,
        });
        assignmentId = String(inserted.identifiers[0].id);
      }
      await manager.insert(
        AssigneeEntity,
        resolved.map((a) => ({
          assignmentId,
          documentId: d.id,
          role: a.role,
          organisationId: a.organisationId,
          userId: a.userId,
          fromOtherOrganisation: a.organisationId !== null && a.organisationId !== d.organisationId,
          status: 'assigned' as const,
          completedAt: null,
          timeliness: null,
        })),
      );
      await manager.update(DocumentEntity, { id: d.id }, { status: DocumentStatus.InProgress, deadline: request.deadline });
      await this.markDelivery(manager, d, DeliveryStatus.Assigned, null, [DeliveryStatus.Delivered, DeliveryStatus.Opened, DeliveryStatus.Assigned]);
      await this.stampDelivery(manager, d, 'assignedAt');
      const people = resolved.flatMap((a) => (a.userId !== null ? [a.userId] : []));
      const units = resolved.flatMap((a) => (a.userId === null && a.organisationId !== null ? [a.organisationId] : []));
      await this.outbox.emit(manager, [
        ...(people.length
          ? [{ type: OutboxEventType.DocumentAssigned, documentId: d.id, payload: { userIds: people, actorId: user.id, subject: d.subject, symbol: d.symbol, deadline: request.deadline, comment: request.instructions ?? null } }]
          : []),
        // A unit as a whole: its leaders decide who handles it.
        ...(units.length
          ? [{ type: OutboxEventType.DocumentAssigned, documentId: d.id, payload: { organisationIds: units, roles: [Role.Leader], actorId: user.id, subject: d.subject, symbol: d.symbol, deadline: request.deadline, comment: request.instructions ?? null } }]
          : []),
      ]);
      return {
        action: 'document.assigned',
        details: { deadline: request.deadline, assignees: resolved.map((a) => ({ role: a.role, name: a.name })), comment: request.instructions ?? null },
      };
    });
  }

  async reportProgress(user: AuthenticatedUser, id: string, request: ProgressRequest, ip: string): Promise<DocumentDetail> {
    return this.change(user, id, ip, async (manager, facts) => {
      requireStatus(facts, [DocumentStatus.InProgress], ACTIONS['progress']);
      assertAllowed(user, DocumentAction.ReportProgress, facts);
      const mine = facts.assignees.filter((a) => a.role !== AssignmentRole.Inform && a.status === 'assigned' && isAssignee(user, a));
      if (mine.length) await manager.update(AssigneeEntity, { id: In(mine.map((a) => a.id)) }, { status: 'in-progress' });
      return { action: 'document.progress', details: { comment: request.note } };
    });
  }

  /** The lead handler completes the document; its timeliness is judged against the deadline. */
  async complete(user: AuthenticatedUser, id: string, request: ProgressRequest, ip: string): Promise<DocumentDetail> {
    return this.change(user, id, ip, async (manager, facts) => {
      requireStatus(facts, [DocumentStatus.InProgress], ACTIONS['complete']);
      assertAllowed(user, DocumentAction.Complete, facts);
      const d = facts.document;
      const now = new Date();
      const timeliness = classifyCompletion(d.deadline ?? toIsoDate(now), now);
      const lead = facts.assignees.filter((a) => a.role === AssignmentRole.Lead);
      await manager.update(AssigneeEntity, { id: In(lead.map((a) => a.id)) }, { status: 'completed', completedAt: now, timeliness });
      await manager.update(DocumentEntity, { id: d.id }, { status: DocumentStatus.Completed, completedAt: now, timeliness });
      await this.markDelivery(manager, d, DeliveryStatus.Completed, null, [DeliveryStatus.Delivered, DeliveryStatus.Opened, DeliveryStatus.Assigned]);
      await this.stampDelivery(manager, d, 'completedAt');
      const assignment = await manager.findOneByOrFail(AssignmentEntity, { documentId: d.id });
      await this.outbox.emit(manager, {
        type: OutboxEventType.DocumentCompleted,
        documentId: d.id,
        payload: { userIds: [assignment.assignedBy], actorId: user.id, subject: d.subject, symbol: d.symbol, deadline: d.deadline, comment: request.note, timeliness },
      });
      return { action: 'document.completed', details: { comment: request.note, timeliness } };
    });
  }

  /** Refuses a dispatched copy back to its sender with a reason; the sender sees it on the delivery. */
  async returnToSender(user: AuthenticatedUser, id: string, request: ReturnToSenderRequest, ip: string): Promise<DocumentDetail> {
    return this.change(user, id, ip, async (manager, facts) => {
      const reason = request.reason.trim();
      if (!reason) throw new ReasonRequired();
      requireStatus(facts, [DocumentStatus.Received, DocumentStatus.Registered, DocumentStatus.Submitted], ACTIONS['return']);
      assertAllowed(user, DocumentAction.ReturnToSender, facts);
      const d = facts.document;
      await manager.update(DocumentEntity, { id: d.id }, { status: DocumentStatus.ReturnedToSender });
      await this.markDelivery(manager, d, DeliveryStatus.Returned, reason, [DeliveryStatus.Delivered, DeliveryStatus.Opened]);
      const source = await manager.findOneByOrFail(DocumentEntity, { id: d.sourceDocumentId ?? '0' });
      const recipient = await manager.findOneByOrFail(OrganisationEntity, { id: d.organisationId });
      await this.outbox.emit(manager, {
        type: OutboxEventType.DeliveryReturned,
        documentId: source.id,
        payload: { organisationIds: [source.organisationId], roles: [Role.Clerk], actorId: user.id, subject: d.subject, symbol: d.symbol, comment: reason, senderName: recipient.name },
      });
      return { action: 'document.returned-to-sender', details: { comment: reason } };
    });
  }

  /** The first time someone of the recipient organisation opens a delivered copy, the sender sees "opened". */
  async markOpened(user: AuthenticatedUser, document: DocumentEntity, ip: string): Promise<void> {
    if (document.direction !== DocumentDirection.Incoming || document.organisationId !== user.organisationId || !document.sourceDocumentId) return;
    await inTransaction(this.dataSource, async (manager) => {
      const opened = await this.markDelivery(manager, document, DeliveryStatus.Opened, null, [DeliveryStatus.Delivered]);
      await this.stampDelivery(manager, document, 'openedAt');
      if (opened) await this.record(manager, user, document.id, 'document.opened', ip, {});
    });
  }

  private async lockForUpload(manager: EntityManager, user: AuthenticatedUser, id: string): Promise<DocumentFacts> {
    const facts = await this.store.lockFacts(manager, user, id);
    if (isClassified(facts.document.securityLevel)) throw new ClassifiedContent();
    requireStatus(facts, [DocumentStatus.Registered], ACTIONS['upload']);
    assertAllowed(user, DocumentAction.UploadIncomingFile, facts);
    return facts;
  }

  /** Records when the copy first reached a step of its handling (receipt notices); whether it was the first time. */
  private async stampDelivery(manager: EntityManager, d: DocumentEntity, step: 'openedAt' | 'registeredAt' | 'assignedAt' | 'completedAt'): Promise<boolean> {
    if (!d.sourceDocumentId) return false;
    const result = await manager.update(DeliveryEntity, { incomingDocumentId: d.id, [step]: IsNull() }, { [step]: new Date() });
    return (result.affected ?? 0) > 0;
  }

  /** Moves the sender's delivery of this copy to `status` when it is in one of `from`; whether it moved. */
  private async markDelivery(manager: EntityManager, d: DocumentEntity, status: DeliveryStatus, reason: string | null, from: DeliveryStatus[]): Promise<boolean> {
    if (!d.sourceDocumentId) return false;
    const result = await manager.update(
      DeliveryEntity,
      { incomingDocumentId: d.id, status: In(from) },
      { status, statusAt: new Date(), ...(reason !== null ? { returnReason: reason } : {}) },
    );
    return (result.affected ?? 0) > 0;
  }

  /**
   * The organisation itself, its units (office, sở or phòng) or their people, each at most once.
   * Not a commune under it: a commune is a People's Committee of its own, which gets a document
   * by dispatch, not by assignment (and an assignee would see the organisation's copy).
   */
  private async resolveAssignees(
    manager: EntityManager,
    d: DocumentEntity,
    parts: Array<{ role: AssignmentRole; ref: AssigneeRef }>,
  ): Promise<Array<{ role: AssignmentRole; organisationId: number | null; userId: number | null; name: string }>> {
    const owner = await manager.findOneByOrFail(OrganisationEntity, { id: d.organisationId });
    const seen = new Set<string>();
    const resolved = [];
    for (const { role, ref } of parts) {
      if (!!ref.organisationId === !!ref.userId) throw new InvalidParty(BAD_ASSIGNEE);
      const key = ref.userId ? `u${ref.userId}` : `o${ref.organisationId}`;
      if (seen.has(key)) throw new InvalidParty(BAD_ASSIGNEE);
      seen.add(key);
      if (ref.userId) {
        const person = await manager
          .getRepository(UserEntity)
          .createQueryBuilder('u')
          .innerJoin(OrganisationEntity, 'o', 'o.id = u.organisationId')
          .where('u.id = :id AND u.active = 1 AND o.path LIKE :scope', { id: ref.userId, scope: startsWithPattern(owner.path) })
          .andWhere('(o.id = :owner OR o.kind IN (:...units))', { owner: owner.id, units: UNIT_KINDS })
          .getOne();
        if (!person) throw new InvalidParty(BAD_ASSIGNEE);
        resolved.push({ role, organisationId: person.organisationId, userId: person.id, name: person.fullName });
      } else {
        const unit = await manager
          .getRepository(OrganisationEntity)
          .createQueryBuilder('o')
          .where('o.id = :id AND o.active = 1 AND o.path LIKE :scope', { id: ref.organisationId, scope: startsWithPattern(owner.path) })
          .andWhere('(o.id = :owner OR o.kind IN (:...units))', { owner: owner.id, units: UNIT_KINDS })
          .getOne();
        if (!unit) throw new InvalidParty(BAD_ASSIGNEE);
        resolved.push({ role, organisationId: unit.id, userId: null, name: unit.name });
      }
    }
    return resolved;
  }

  /**
   * The registered document this one repeats (same number and symbol, issuer and year), refused
   * with the duplicate warning unless the clerk confirmed; the id goes into the audit record.
   */
  private async duplicateOf(
    manager: EntityManager,
    organisationId: number,
    d: { symbol: string; senderName: string; documentDate: string; excludeId?: string },
    accepted: boolean | undefined,
  ): Promise<string | null> {
    const id = await this.intake.findDuplicate(manager, organisationId, d, { sameYear: true, registeredOnly: true, excludeId: d.excludeId });
    if (!id || accepted) return id;
    const existing = await manager.findOneByOrFail(DocumentEntity, { id });
    throw new IncomingDuplicate({
      symbol: d.symbol,
      senderName: d.senderName,
      arrivalNumber: existing.arrivalNumber,
      receivedAt: existing.receivedAt ? formatDate(existing.receivedAt) : null,
    });
  }

  /** One state change: lock, check, change, audit, commit; then the detail as the user now sees it. */
  private change(
    user: AuthenticatedUser,
    id: string,
    ip: string,
    work: (manager: EntityManager, facts: DocumentFacts) => Promise<{ action: string; details: Record<string, unknown> }>,
  ): Promise<DocumentDetail> {
    return inTransaction(this.dataSource, async (manager) => {
      const facts = await this.store.lockFacts(manager, user, id);
      const { action, details } = await work(manager, facts);
      await this.record(manager, user, facts.document.id, action, ip, details);
      return this.store.detailOf(manager, user, await manager.findOneByOrFail(DocumentEntity, { id: facts.document.id }));
    });
  }

  private record(manager: EntityManager, user: AuthenticatedUser, documentId: string, action: string, ip: string, details: Record<string, unknown>): Promise<void> {
    return this.audit.record(manager, { userId: user.id, organisationId: user.organisationId, action, entityType: 'document', entityId: documentId, ip, details });
  }
}
