import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuthenticatedUser, NotFound, UploadedFile } from '@vanthu/server/core';
import { AuditService, DocumentEntity, DocumentFileEntity, DocumentRecipientEntity, inTransaction, OrganisationEntity, OutboxEventType, OutboxService, ReviewStepEntity } from '@vanthu/server/data-access';
import {
  CreateDraftRequest,
  DocumentDetail,
  DocumentDirection,
  DocumentFileView,
  DocumentStatus,
  FileRole,
  ReviewDecisionRequest,
  Role,
  SubmitForReviewRequest,
  UpdateDraftRequest,
} from '@vanthu/shared/contracts';
import { isClassified, isIsoDate, registerYear, toIsoDate } from '@vanthu/shared/domain';
import { DataSource, EntityManager } from 'typeorm';

import { DocumentFiles } from '../files/document-files.service';
import { generateDraftPdf } from '../files/draft-template';
import { DocumentStore, toFileView } from '../shared/document-store';
import { ClassifiedContent, InvalidDeadline, InvalidTransition, MissingMainFile, ReturnNeedsComment, SignerMissing, TooManyAttachments } from '../shared/errors';
import { Parties } from '../shared/parties';
import { assertAllowed, DocumentAction, DocumentFacts } from '../shared/policy';
import { SearchIndex } from '../shared/search-index';
import { searchTextOf } from '../shared/search-text';
import { symbolOf } from '../shared/symbol';

const ACTIONS = {
  edit: { vi: 'sửa dự thảo', en: 'edit the draft' },
  submit: { vi: 'gửi duyệt', en: 'submit for review' },
  review: { vi: 'duyệt', en: 'review' },
};

const FILE_TEXT = { vi: 'Tệp', en: 'The file' };
const MAX_ATTACHMENTS = 20;

/** Hạn trả lời, when given, is a real day and not already past (Vietnam time); null clears it. */
function checkReplyBy(replyBy: string | null | undefined): void {
  if (replyBy === undefined || replyBy === null) return;
  if (!isIsoDate(replyBy) || replyBy < toIsoDate(new Date())) throw new InvalidDeadline('reply');
}

function requireStatus(facts: DocumentFacts, allowed: DocumentStatus[], action: { vi: string; en: string }): void {
  if (!allowed.includes(facts.document.status)) throw new InvalidTransition(facts.document.status, action);
}

/**
 * Văn bản đi before signing: a specialist's draft (trích yếu, type, urgency, security level,
 * recipients, files), its review steps with approvals and returns, and their history.
 */
@Injectable()
export class DraftsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: DocumentStore,
    private readonly files: DocumentFiles,
    private readonly parties: Parties,
    private readonly searchIndex: SearchIndex,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
  ) {}

  async createDraft(user: AuthenticatedUser, request: CreateDraftRequest, ip: string): Promise<DocumentDetail> {
    checkReplyBy(request.replyBy);
    return inTransaction(this.dataSource, async (manager) => {
      const issuer = await this.parties.issuingOrganisation(manager, user, request.issuingOrganisationId);
      const draftingUnit = await this.parties.organisation(manager, user.organisationId);
      const recipients = await this.parties.recipients(manager, issuer, request.recipientIds);
      if (request.signerId) await this.checkSigner(manager, request.signerId, issuer, draftingUnit);
      const now = new Date();
      const saved = await manager.save(
        manager.create(DocumentEntity, {
          organisationId: issuer.id,
          direction: DocumentDirection.Outgoing,
          type: request.type,
          status: DocumentStatus.Draft,
          subject: request.subject.trim(),
          urgency: request.urgency,
          securityLevel: request.securityLevel,
          draftingUnitId: draftingUnit.id,
          createdBy: user.id,
          signerId: request.signerId ?? null,
          signingLine: request.signingLine?.trim() || null,
          replyBy: request.replyBy ?? null,
          searchText: searchTextOf({ type: request.type, subject: request.subject, organisationName: issuer.name }),
          listedAt: now,
        }),
      );
      if (recipients.length) {
        await manager.insert(
          DocumentRecipientEntity,
          recipients.map((r) => ({ documentId: saved.id, organisationId: r.id })),
        );
      }
      await this.searchIndex.refresh(manager, [saved.id]);
      await this.record(manager, user, saved, 'document.draft-created', ip, { subject: saved.subject, type: saved.type });
      return this.store.detailOf(manager, user, saved);
    });
  }

  async updateDraft(user: AuthenticatedUser, id: string, request: UpdateDraftRequest, ip: string): Promise<DocumentDetail> {
    checkReplyBy(request.replyBy);
    return inTransaction(this.dataSource, async (manager) => {
      const facts = await this.store.lockFacts(manager, user, id);
      requireStatus(facts, [DocumentStatus.Draft, DocumentStatus.Returned], ACTIONS.edit);
      assertAllowed(user, DocumentAction.Edit, facts);
      const d = facts.document;
      let issuer = await this.parties.organisation(manager, d.organisationId);
      if (request.issuingOrganisationId !== undefined) issuer = await this.parties.issuingOrganisation(manager, user, request.issuingOrganisationId);
      const draftingUnit = await this.parties.organisation(manager, d.draftingUnitId ?? user.organisationId);
      // Decree 30 / Law on State Secrets: a document that already holds files cannot become classified.
      if (request.securityLevel && isClassified(request.securityLevel) && !isClassified(d.securityLevel)) {
        const files = await manager.count(DocumentFileEntity, { where: { documentId: d.id } });
        if (files > 0) throw new ClassifiedContent();
      }
      if (request.signerId) await this.checkSigner(manager, request.signerId, issuer, draftingUnit);
      const changes: Partial<DocumentEntity> = {
        organisationId: issuer.id,
        type: request.type ?? d.type,
        subject: request.subject?.trim() ?? d.subject,
        urgency: request.urgency ?? d.urgency,
        securityLevel: request.securityLevel ?? d.securityLevel,
        signerId: request.signerId === undefined ? d.signerId : request.signerId,
        signingLine: request.signingLine === undefined ? d.signingLine : request.signingLine?.trim() || null,
        replyBy: request.replyBy === undefined ? d.replyBy : request.replyBy,
      };
      changes.searchText = searchTextOf({ type: changes.type ?? d.type, subject: changes.subject ?? d.subject, organisationName: issuer.name });
      await manager.update(DocumentEntity, { id: d.id }, changes);
      await this.searchIndex.refresh(manager, [d.id]);
      if (request.recipientIds) {
        const recipients = await this.parties.recipients(manager, issuer, request.recipientIds);
        await manager.delete(DocumentRecipientEntity, { documentId: d.id });
        if (recipients.length) await manager.insert(DocumentRecipientEntity, recipients.map((r) => ({ documentId: d.id, organisationId: r.id })));
      }
      const updated = await manager.findOneByOrFail(DocumentEntity, { id: d.id });
      await this.record(manager, user, updated, 'document.updated', ip, { fields: Object.keys(request) });
      return this.store.detailOf(manager, user, updated);
    });
  }

  /** Adds the main PDF (replacing the previous one) or an attachment to a draft. */
  async addFile(user: AuthenticatedUser, id: string, upload: UploadedFile | undefined, role: FileRole, ip: string): Promise<DocumentFileView> {
    // Check the document and the user's right before reading the upload, and the upload before storing anything.
    await this.dataSource.transaction(async (manager) => this.lockEditable(manager, user, id));
    const checked = await this.files.checkUpload(upload);
    return inTransaction(this.dataSource, async (manager) => {
      const facts = await this.lockEditable(manager, user, id);
      const position = role === FileRole.Main ? 0 : await this.nextAttachmentPosition(manager, facts.document.id);
      const file = await this.files.addVersion(
        manager,
        { documentId: facts.document.id, role, position, name: checked.name, bytes: checked.bytes, stage: 'draft', userId: user.id },
        checked.signatureCount,
      );
      await this.record(manager, user, facts.document, 'document.file-added', ip, { file: file.name, role, sha256: file.sha256 });
      await manager.update(DocumentEntity, { id: facts.document.id }, { signaturePlacement: role === FileRole.Main ? null : facts.document.signaturePlacement });
      return toFileView(file);
    });
  }

  /**
   * Lays the draft out from the form (Decree 30 format) as its main file, for drafters without a
   * word processor at hand, and remembers where the leader's signature goes on it.
   */
  async generateMainFile(user: AuthenticatedUser, id: string, body: string[], ip: string): Promise<DocumentFileView> {
    return inTransaction(this.dataSource, async (manager) => {
      const facts = await this.lockEditable(manager, user, id);
      const d = facts.document;
      const issuer = await this.parties.organisation(manager, d.organisationId);
      const parent = issuer.parentId ? await manager.findOneBy(OrganisationEntity, { id: issuer.parentId }) : null;
      const recipients = await manager
        .getRepository(OrganisationEntity)
        .createQueryBuilder('o')
        .innerJoin(DocumentRecipientEntity, 'r', 'r.organisation_id = o.id AND r.document_id = :id', { id: d.id })
        .orderBy('o.id')
        .getMany();
      const signer = d.signerId ? (await this.parties.users(manager, [d.signerId])).get(d.signerId) : undefined;
      const generated = await generateDraftPdf({
        parentName: parent?.name ?? null,
        issuerName: issuer.name,
        symbolWithoutNumber: await symbolOf(manager, d),
        placeName: issuer.placeName,
        year: registerYear(new Date()),
        type: d.type,
        subject: d.subject,
        body,
        recipients: recipients.map((r) => r.name),
        signingLine: d.signingLine,
        signerName: signer?.fullName ?? null,
      });
      const file = await this.files.addVersion(manager, {
        documentId: d.id,
        role: FileRole.Main,
        position: 0,
        name: `${d.subject.slice(0, 120)}.pdf`,
        bytes: generated.pdf,
        stage: 'draft',
        userId: user.id,
      });
      await manager.update(DocumentEntity, { id: d.id }, { signaturePlacement: JSON.stringify(generated.signaturePlacement) });
      await this.record(manager, user, d, 'document.file-added', ip, { file: file.name, role: FileRole.Main, generated: true, sha256: file.sha256 });
      return toFileView(file);
    });
  }

  async removeFile(user: AuthenticatedUser, id: string, fileId: string, ip: string): Promise<void> {
    await inTransaction(this.dataSource, async (manager) => {
      const facts = await this.lockEditable(manager, user, id);
      const file = /^\d{1,19}$/.test(fileId)
        ? await manager.findOneBy(DocumentFileEntity, { id: fileId, documentId: facts.document.id, current: true })
        : null;
      if (!file) throw new NotFound(FILE_TEXT);
      await manager.update(DocumentFileEntity, { id: file.id }, { current: false });
      await this.record(manager, user, facts.document, 'document.file-removed', ip, { file: file.name, role: file.role });
    });
  }

  async submitForReview(user: AuthenticatedUser, id: string, request: SubmitForReviewRequest, ip: string): Promise<DocumentDetail> {
    return inTransaction(this.dataSource, async (manager) => {
      const facts = await this.store.lockFacts(manager, user, id);
      requireStatus(facts, [DocumentStatus.Draft, DocumentStatus.Returned], ACTIONS.submit);
      const d = facts.document;
      if (!facts.hasMainFile && !isClassified(d.securityLevel)) throw new MissingMainFile();
      assertAllowed(user, DocumentAction.SubmitForReview, facts);
      if (!d.signerId) throw new SignerMissing();
      const organisations = [d.organisationId, d.draftingUnitId ?? d.organisationId];
      const reviewers = await this.parties.people(manager, request.reviewerIds, Role.Leader, organisations, {
        vi: 'Người duyệt phải là lãnh đạo của đơn vị soạn thảo hoặc cơ quan ban hành, mỗi người một bước.',
        en: 'Reviewers must be leaders of the drafting unit or the issuing organisation, each once.',
      });
      const lastRound = await manager
        .getRepository(ReviewStepEntity)
        .createQueryBuilder('s')
        .select('COALESCE(MAX(s.round), 0)', 'round')
        .where('s.document_id = :id', { id: d.id })
        .getRawOne<{ round: string }>();
      const round = Number(lastRound?.round ?? 0) + 1;
      await manager.insert(
        ReviewStepEntity,
        reviewers.map((r, i) => ({ documentId: d.id, round, stepOrder: i + 1, reviewerId: r.id, status: i === 0 ? 'pending' : 'waiting', comment: null, decidedAt: null })),
      );
      await manager.update(DocumentEntity, { id: d.id }, { status: DocumentStatus.InReview });
      await this.outbox.emit(manager, {
        type: OutboxEventType.AwaitingReview,
        documentId: d.id,
        payload: { userIds: [reviewers[0].id], actorId: user.id, subject: d.subject, symbol: d.symbol },
      });
      await this.record(manager, user, d, 'document.submitted-for-review', ip, { reviewers: reviewers.map((r) => r.fullName), round });
      return this.store.detailOf(manager, user, await manager.findOneByOrFail(DocumentEntity, { id: d.id }));
    });
  }

  /** The current reviewer approves (the next step, or the signer, is up) or returns the draft with a comment. */
  async review(user: AuthenticatedUser, id: string, request: ReviewDecisionRequest, ip: string): Promise<DocumentDetail> {
    return inTransaction(this.dataSource, async (manager) => {
      const facts = await this.store.lockFacts(manager, user, id);
      requireStatus(facts, [DocumentStatus.InReview], ACTIONS.review);
      assertAllowed(user, DocumentAction.Review, facts);
      const d = facts.document;
      const step = facts.pendingStep;
      if (!step) throw new InvalidTransition(d.status, ACTIONS.review);
      const comment = request.comment?.trim() || null;
      if (request.decision === 'return' && !comment) throw new ReturnNeedsComment();
      const now = new Date();
      if (request.decision === 'approve') {
        await manager.update(ReviewStepEntity, { id: step.id }, { status: 'approved', comment, decidedAt: now });
        const next = await manager.findOneBy(ReviewStepEntity, { documentId: d.id, round: step.round, stepOrder: step.stepOrder + 1 });
        if (next) {
          await manager.update(ReviewStepEntity, { id: next.id }, { status: 'pending' });
          await this.outbox.emit(manager, {
            type: OutboxEventType.AwaitingReview,
            documentId: d.id,
            payload: { userIds: [next.reviewerId], actorId: user.id, subject: d.subject, symbol: d.symbol },
          });
        } else {
          await manager.update(DocumentEntity, { id: d.id }, { status: DocumentStatus.AwaitingSignature });
          await this.outbox.emit(manager, {
            type: isClassified(d.securityLevel) ? OutboxEventType.AwaitingIssue : OutboxEventType.AwaitingSignature,
            documentId: d.id,
            payload: isClassified(d.securityLevel)
              ? { organisationIds: [d.organisationId], roles: [Role.Clerk], actorId: user.id, subject: d.subject }
              : { userIds: d.signerId ? [d.signerId] : [], actorId: user.id, subject: d.subject, symbol: d.symbol },
          });
        }
        await this.record(manager, user, d, 'document.approved', ip, { comment, step: step.stepOrder });
      } else {
        await manager.update(ReviewStepEntity, { id: step.id }, { status: 'returned', comment, decidedAt: now });
        await manager.update(DocumentEntity, { id: d.id }, { status: DocumentStatus.Returned });
        await this.outbox.emit(manager, {
          type: OutboxEventType.DocumentReturned,
          documentId: d.id,
          payload: { userIds: d.createdBy ? [d.createdBy] : [], actorId: user.id, subject: d.subject, comment },
        });
        await this.record(manager, user, d, 'document.returned', ip, { comment, step: step.stepOrder });
      }
      return this.store.detailOf(manager, user, await manager.findOneByOrFail(DocumentEntity, { id: d.id }));
    });
  }

  private async lockEditable(manager: EntityManager, user: AuthenticatedUser, id: string): Promise<DocumentFacts> {
    const facts = await this.store.lockFacts(manager, user, id);
    requireStatus(facts, [DocumentStatus.Draft, DocumentStatus.Returned], ACTIONS.edit);
    assertAllowed(user, DocumentAction.Edit, facts);
    // Classified content never enters the system (Decree 30; Law on Protection of State Secrets 2018).
    if (isClassified(facts.document.securityLevel)) throw new ClassifiedContent();
    return facts;
  }

  private async nextAttachmentPosition(manager: EntityManager, documentId: string): Promise<number> {
    const row = await manager
      .getRepository(DocumentFileEntity)
      .createQueryBuilder('f')
      .select('COALESCE(MAX(f.position), 0)', 'position')
      .addSelect('COUNT(*)', 'count')
      .where('f.document_id = :documentId AND f.role = :role AND f.current = 1', { documentId, role: FileRole.Attachment })
      .getRawOne<{ position: string; count: string }>();
    if (Number(row?.count ?? 0) >= MAX_ATTACHMENTS) throw new TooManyAttachments();
    return Number(row?.position ?? 0) + 1;
  }

  private async checkSigner(manager: EntityManager, signerId: number, issuer: OrganisationEntity, draftingUnit: OrganisationEntity): Promise<void> {
    await this.parties.people(manager, [signerId], Role.Leader, [issuer.id, draftingUnit.id], {
      vi: 'Người ký phải là lãnh đạo của cơ quan ban hành (hoặc của đơn vị soạn thảo khi được giao ký thừa lệnh).',
      en: 'The signer must be a leader of the issuing organisation (or of the drafting unit when signing on its behalf).',
    });
  }

  private record(manager: EntityManager, user: AuthenticatedUser, d: DocumentEntity, action: string, ip: string, details: Record<string, unknown>): Promise<void> {
    return this.audit.record(manager, { userId: user.id, organisationId: user.organisationId, action, entityType: 'document', entityId: d.id, ip, details });
  }
}
