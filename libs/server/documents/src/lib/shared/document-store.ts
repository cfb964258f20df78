import { Injectable } from '@nestjs/common';
import { AuthenticatedUser } from '@vanthu/server/core';
import {
  AssigneeEntity,
  AssignmentEntity,
  AuditRecordEntity,
  DeliveryEntity,
  DocumentEntity,
  DocumentFileEntity,
  DocumentRecipientEntity,
  ExternalDeliveryEntity,
  ExternalOrganisationEntity,
  OrganisationEntity,
  RecallRequestEntity,
  ReviewStepEntity,
  UserEntity,
  ExchangeDocumentEntity,
} from '@vanthu/server/data-access';
import {
  AssigneeView,
  AssignmentRole,
  CopyRecallView,
  DeliveryView,
  DocumentDetail,
  DocumentDirection,
  DocumentFileView,
  DocumentStatus,
  DocumentSummary,
  ExternalDeliveryView,
  FileRole,
  HistoryEntry,
  OrganisationRef,
  PersonRef,
  RecallKind,
  ReviewStepView,
  VerificationView,
} from '@vanthu/shared/contracts';
import { isOverdue } from '@vanthu/shared/domain';
import { EntityManager, In, IsNull, Not } from 'typeorm';

import { DocumentAccess } from './document-access';
import { allowedActions, DocumentFacts } from './policy';

const OPEN_INCOMING = [DocumentStatus.Received, DocumentStatus.Registered, DocumentStatus.Submitted, DocumentStatus.InProgress];

/** Whether an open document is past its deadline (quá hạn) today, Vietnam time. */
export function overdueNow(document: Pick<DocumentEntity, 'deadline' | 'status'>, now = new Date()): boolean {
  return !!document.deadline && OPEN_INCOMING.includes(document.status) && isOverdue(document.deadline, now);
}

export function toOrganisationRef(o: Pick<OrganisationEntity, 'id' | 'name' | 'abbreviation'>): OrganisationRef {
  return { id: o.id, name: o.name, abbreviation: o.abbreviation };
}

export function toPersonRef(u: Pick<UserEntity, 'id' | 'fullName' | 'position'>): PersonRef {
  return { id: u.id, fullName: u.fullName, position: u.position };
}

/** The row of a list. `sender` is the sender (incoming) or the issuing organisation's name (outgoing). */
/** History actions that belong to the receiving organisation, whoever's action caused them. */
const ARRIVAL_ACTIONS = new Set(['document.received']);

export function toSummary(d: DocumentEntity, organisationName?: string): DocumentSummary {
  return {
    id: Number(d.id),
    direction: d.direction,
    type: d.type,
    status: d.status,
    number: d.number,
    symbol: d.symbol,
    subject: d.subject,
    urgency: d.urgency,
    securityLevel: d.securityLevel,
    sender: d.direction === DocumentDirection.Incoming ? d.senderName : (organisationName ?? null),
    arrivalNumber: d.arrivalNumber,
    issuedAt: d.issuedAt ? d.issuedAt.toISOString() : null,
    receivedAt: d.receivedAt ? d.receivedAt.toISOString() : null,
    deadline: d.deadline,
    overdue: overdueNow(d),
    listedAt: d.listedAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
  };
}

export function toFileView(f: DocumentFileEntity): DocumentFileView {
  return {
    id: Number(f.id),
    role: f.role,
    name: f.name,
    size: Number(f.size),
    sha256: f.sha256,
    version: f.version,
    uploadedAt: f.createdAt.toISOString(),
    signatureCount: f.signatureCount,
  };
}

/** The stored verification report of a file as the detail view shows it. */
export function toVerificationView(f: DocumentFileEntity): VerificationView | null {
  if (!f.verification || !f.verifiedAt) return null;
  const stored = JSON.parse(f.verification) as Omit<VerificationView, 'fileId' | 'verifiedAt'>;
  return { fileId: Number(f.id), verifiedAt: f.verifiedAt.toISOString(), valid: stored.valid, signatures: stored.signatures };
}

/**
 * Loads documents with what the rules and the views need. Every read starts from
 * {@link DocumentAccess}, so a document outside the user's scope is "not found".
 */
@Injectable()
export class DocumentStore {
  constructor(private readonly access: DocumentAccess) {}

  /** The document if the user may see it, else "not found". */
  visible(manager: EntityManager, user: AuthenticatedUser, id: string | number): Promise<DocumentEntity> {
    return this.access.findVisible(manager, user, id);
  }

  /** The document locked for change (until the transaction ends) with the facts the rules need. */
  async lockFacts(manager: EntityManager, user: AuthenticatedUser, id: string | number): Promise<DocumentFacts> {
    const document = await this.access.findVisible(manager, user, id, { lock: true });
    return this.factsOf(manager, document);
  }

  async factsOf(manager: EntityManager, document: DocumentEntity): Promise<DocumentFacts> {
    const outgoing = document.direction === DocumentDirection.Outgoing;
    const [pendingStep, assignees, mainFiles, recallPending, recallUnacknowledged] = await Promise.all([
      manager.findOne(ReviewStepEntity, { where: { documentId: document.id, status: 'pending' }, order: { round: 'DESC' } }),
      manager.find(AssigneeEntity, { where: { documentId: document.id } }),
      manager.count(DocumentFileEntity, { where: { documentId: document.id, role: FileRole.Main, current: true } }),
      outgoing && document.status === DocumentStatus.Dispatched ? manager.exists(RecallRequestEntity, { where: { documentId: document.id, status: 'pending' } }) : false,
      !outgoing && document.sourceDocumentId
        ? manager.exists(DeliveryEntity, { where: { incomingDocumentId: document.id, businessType: Not(IsNull()), acknowledgedAt: IsNull() } })
        : false,
    ]);
    return { document, pendingStep, assignees, hasMainFile: mainFiles > 0, recallPending, recallUnacknowledged };
  }

  /** The current files of a document, main file first, then attachments in order. */
  currentFiles(manager: EntityManager, documentId: string): Promise<DocumentFileEntity[]> {
    return manager.find(DocumentFileEntity, {
      where: { documentId, current: true },
      order: { role: 'DESC', position: 'ASC', id: 'ASC' },
    });
  }

  async detail(manager: EntityManager, user: AuthenticatedUser, id: string | number): Promise<DocumentDetail> {
    const document = await this.access.findVisible(manager, user, id);
    return this.detailOf(manager, user, document);
  }

  /** The external recipients of an outgoing document (edXML) and what each last reported. */
  async externalDeliveries(manager: EntityManager, documentId: string): Promise<ExternalDeliveryView[]> {
    const rows = await manager
      .getRepository(ExternalDeliveryEntity)
      .createQueryBuilder('x')
      .innerJoinAndMapOne('x.organisation', ExternalOrganisationEntity, 'o', 'o.id = x.externalOrganisationId')
      .where('x.documentId = :documentId', { documentId })
      .orderBy('x.id', 'ASC')
      .getMany();
    return rows.map((x) => {
      const o = (x as ExternalDeliveryEntity & { organisation: ExternalOrganisationEntity }).organisation;
      return {
        recipient: { id: o.id, identifierCode: o.identifierCode, name: o.name },
        state: x.state,
        statusCode: x.statusCode,
        statusAt: x.statusAt?.toISOString() ?? null,
        description: x.description,
        dispatchedAt: x.dispatchedAt.toISOString(),
      };
    });
  }

  async detailOf(manager: EntityManager, user: AuthenticatedUser, d: DocumentEntity): Promise<DocumentDetail> {
    const facts = await this.factsOf(manager, d);
    const [files, recipients, steps, assignment, deliveries, history, recallRequest, copyDelivery] = await Promise.all([
      this.currentFiles(manager, d.id),
      manager.find(DocumentRecipientEntity, { where: { documentId: d.id } }),
      manager.find(ReviewStepEntity, { where: { documentId: d.id }, order: { round: 'DESC', stepOrder: 'ASC' } }),
      manager.findOne(AssignmentEntity, { where: { documentId: d.id } }),
      d.direction === DocumentDirection.Outgoing ? manager.find(DeliveryEntity, { where: { documentId: d.id }, order: { id: 'ASC' } }) : [],
      manager.find(AuditRecordEntity, { where: { entityType: 'document', entityId: d.id }, order: { id: 'ASC' } }),
      d.direction === DocumentDirection.Outgoing ? manager.findOne(RecallRequestEntity, { where: { documentId: d.id }, order: { id: 'DESC' } }) : null,
      d.direction === DocumentDirection.Incoming && d.sourceDocumentId ? manager.findOne(DeliveryEntity, { where: { incomingDocumentId: d.id, businessType: Not(IsNull()) } }) : null,
    ]);
    const externalDeliveries = d.direction === DocumentDirection.Outgoing ? await this.externalDeliveries(manager, d.id) : [];
    const fromOutside = d.direction === DocumentDirection.Incoming && !d.sourceDocumentId ? await manager.findOneBy(ExchangeDocumentEntity, { documentId: d.id }) : null;
    const round = steps[0]?.round;
    const currentSteps = steps.filter((s) => s.round === round);

    const organisationIds = new Set<number>([d.organisationId, ...recipients.map((r) => r.organisationId), ...deliveries.map((x) => x.recipientId)]);
    if (d.draftingUnitId) organisationIds.add(d.draftingUnitId);
    for (const a of facts.assignees) if (a.organisationId) organisationIds.add(a.organisationId);
    const userIds = new Set<number>();
    const recallPeople = [recallRequest?.requestedBy, recallRequest?.decidedBy, copyDelivery?.acknowledgedBy, ...deliveries.map((x) => x.acknowledgedBy)];
    for (const value of [d.createdBy, d.signerId, assignment?.assignedBy, ...currentSteps.map((s) => s.reviewerId), ...history.map((h) => h.userId), ...recallPeople]) {
      if (value) userIds.add(value);
    }
    for (const a of facts.assignees) if (a.userId) userIds.add(a.userId);
    const [organisations, users, arrivals] = await Promise.all([
      manager.find(OrganisationEntity, { where: { id: In([...organisationIds]) } }),
      userIds.size ? manager.find(UserEntity, { where: { id: In([...userIds]) } }) : [],
      deliveries.length
        ? manager.find(DocumentEntity, {
            select: { id: true, arrivalNumber: true },
            where: { id: In(deliveries.map((x) => x.incomingDocumentId).filter((v): v is string => !!v)) },
          })
        : [],
    ]);
    const org = new Map(organisations.map((o) => [o.id, o]));
    const person = new Map(users.map((u) => [u.id, u]));
    const orgRef = (id: number | null | undefined) => {
      const o = id ? org.get(id) : undefined;
      return o ? toOrganisationRef(o) : null;
    };
    const personRef = (id: number | null | undefined) => {
      const u = id ? person.get(id) : undefined;
      return u ? toPersonRef(u) : null;
    };
    const arrivalOf = new Map(arrivals.map((a) => [a.id, a.arrivalNumber]));

    const main = files.find((f) => f.role === FileRole.Main) ?? null;
    const owner = org.get(d.organisationId) ?? (await manager.findOneByOrFail(OrganisationEntity, { id: d.organisationId }));
    const reviewSteps: ReviewStepView[] = currentSteps.flatMap((s) => {
      const reviewer = personRef(s.reviewerId);
      return reviewer ? [{ order: s.stepOrder, reviewer, status: s.status, comment: s.comment, decidedAt: s.decidedAt?.toISOString() ?? null }] : [];
    });
    const assignees: AssigneeView[] = facts.assignees.map((a) => ({
      role: a.role,
      organisation: orgRef(a.organisationId),
      user: personRef(a.userId),
      status: a.status,
      completedAt: a.completedAt?.toISOString() ?? null,
      timeliness: a.timeliness,
    }));
    const deliveryViews: DeliveryView[] = deliveries.map((x) => ({
      recipient: orgRef(x.recipientId) ?? { id: x.recipientId, name: '', abbreviation: '' },
      status: x.status,
      statusAt: x.statusAt.toISOString(),
      incomingDocumentId: x.incomingDocumentId ? Number(x.incomingDocumentId) : null,
      arrivalNumber: x.incomingDocumentId ? (arrivalOf.get(x.incomingDocumentId) ?? null) : null,
      returnReason: x.returnReason,
      recall: copyRecallView(x, personRef),
      arrivedAt: x.dispatchedAt.toISOString(),
      openedAt: x.openedAt?.toISOString() ?? null,
      registeredAt: x.registeredAt?.toISOString() ?? null,
      assignedAt: x.assignedAt?.toISOString() ?? null,
      completedAt: x.completedAt?.toISOString() ?? null,
      remindedAt: x.remindedAt?.toISOString() ?? null,
    }));
    const historyEntries: HistoryEntry[] = history.map((h) => {
      const details = h.details ? (JSON.parse(h.details) as { comment?: string | null }) : {};
      // The audit record of an arrival keeps the sender's clerk whose dispatch made the copy; the
      // copy's history credits the organisation that received it.
      if (ARRIVAL_ACTIONS.has(h.action)) return { at: h.occurredAt.toISOString(), actor: null, organisation: owner.name, action: h.action, comment: details.comment ?? null };
      return { at: h.occurredAt.toISOString(), actor: personRef(h.userId), organisation: null, action: h.action, comment: details.comment ?? null };
    });
    const assignedBy = assignment ? personRef(assignment.assignedBy) : null;
    const leadFirst = (a: AssigneeView, b: AssigneeView) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role);

    return {
      ...toSummary(d, owner.name),
      organisation: toOrganisationRef(owner),
      draftingUnit: orgRef(d.draftingUnitId),
      createdBy: personRef(d.createdBy),
      signer: personRef(d.signerId),
      signingLine: d.signingLine,
      originalSymbol: d.direction === DocumentDirection.Incoming ? d.symbol : null,
      originalDate: d.documentDate,
      replyBy: d.replyBy,
      recipients: recipients.map((r) => orgRef(r.organisationId)).filter((r): r is OrganisationRef => r !== null),
      files: files.map(toFileView),
      verification: main ? toVerificationView(main) : null,
      reviewSteps,
      assignment:
        assignment && assignedBy
        ? {
            assignedBy,
            assignedAt: assignment.assignedAt.toISOString(),
            deadline: assignment.deadline,
            instructions: assignment.instructions,
            assignees: assignees.sort(leadFirst),
          }
        : null,
      deliveries: deliveryViews,
      externalDeliveries,
      history: historyEntries,
      recallRequest: recallRequest
        ? {
            id: Number(recallRequest.id),
            kind: recallKindOf(recallRequest.businessType),
            reason: recallRequest.reason,
            replacementDocumentId: recallRequest.replacementDocumentId ? Number(recallRequest.replacementDocumentId) : null,
            status: recallRequest.status,
            requestedBy: personRef(recallRequest.requestedBy),
            requestedAt: recallRequest.requestedAt.toISOString(),
            decidedBy: personRef(recallRequest.decidedBy),
            decidedAt: recallRequest.decidedAt?.toISOString() ?? null,
            decisionComment: recallRequest.decisionComment,
          }
        : null,
      recall: copyDelivery ? copyRecallView(copyDelivery, personRef) : d.direction === DocumentDirection.Incoming ? externalRecallView(history) : null,
      origin: fromOutside
        ? {
            signerCompetence: fromOutside.signerCompetence,
            signerPosition: fromOutside.signerPosition,
            signerName: fromOutside.signerName,
            promulgationPlace: fromOutside.promulgationPlace,
          }
        : null,
      allowedActions: allowedActions(user, facts),
    };
  }
}

/** edXML's business codes, shared by external and internal copies: 1 thu hồi, 2 cập nhật, 3 thay thế. */
export const RECALL_BUSINESS: Record<RecallKind, number> = { [RecallKind.Revoke]: 1, [RecallKind.Update]: 2, [RecallKind.Replace]: 3 };

export function recallKindOf(businessType: number): RecallKind {
  return businessType === 2 ? RecallKind.Update : businessType === 3 ? RecallKind.Replace : RecallKind.Revoke;
}

function copyRecallView(x: DeliveryEntity, personRef: (id: number | null | undefined) => PersonRef | null): CopyRecallView | null {
  if (!x.businessType || !x.businessAt) return null;
  return {
    kind: recallKindOf(x.businessType),
    reason: x.businessReason,
    at: x.businessAt.toISOString(),
    replacedBy: x.replacedBy ? Number(x.replacedBy) : null,
    acknowledgedAt: x.acknowledgedAt?.toISOString() ?? null,
    acknowledgedBy: personRef(x.acknowledgedBy),
  };
}

/**
 * What the sender outside did to a copy received by edXML (1 revoke, 2 update, 3 replace, or a
 * take-back it agreed to), read from the copy's history; there is no acknowledgement to give.
 */
function externalRecallView(history: AuditRecordEntity[]): CopyRecallView | null {
  const last = [...history].reverse().find((h) => h.action === 'document.withdrawn' || h.action === 'document.updated-by-sender');
  if (!last) return null;
  const details = last.details ? (JSON.parse(last.details) as { comment?: string | null; business?: string; replacedBy?: string | number | null }) : {};
  const kind = last.action === 'document.updated-by-sender' ? RecallKind.Update : details.business === 'replace' ? RecallKind.Replace : RecallKind.Revoke;
  return {
    kind,
    reason: details.comment ?? null,
    at: last.occurredAt.toISOString(),
    replacedBy: details.replacedBy ? Number(details.replacedBy) : null,
    acknowledgedAt: null,
    acknowledgedBy: null,
    fromOutside: true,
  };
}

const ROLE_ORDER = [AssignmentRole.Lead, AssignmentRole.Coordinate, AssignmentRole.Inform];
