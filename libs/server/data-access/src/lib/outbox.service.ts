import { Injectable } from '@nestjs/common';
import { Role } from '@vanthu/shared/contracts';
import { EntityManager } from 'typeorm';

import { OutboxEventEntity } from './entities/routing.entities';

/** Kinds of event someone must hear about; the worker turns them into notifications. */
export enum OutboxEventType {
  /** A dispatched document arrived in an organisation (one event per recipient organisation; documentId = its incoming copy). */
  DocumentDispatched = 'document.dispatched',
  /** An incoming document was assigned to units/people (chủ trì, phối hợp, để biết). */
  DocumentAssigned = 'document.assigned',
  /** A reviewer returned a draft to its drafter with a comment. */
  DocumentReturned = 'document.returned',
  /** A draft waits for the current reviewer. */
  AwaitingReview = 'document.awaiting-review',
  /** An approved draft waits for the leader's signature (chờ ký). */
  AwaitingSignature = 'document.awaiting-signature',
  /** A signed document waits for the clerk to number, seal and dispatch it. */
  AwaitingIssue = 'document.awaiting-issue',
  /** An incoming document was submitted to a leader for assignment (trình). */
  SubmittedToLeader = 'document.submitted-to-leader',
  /** A handler completed an assigned document; the assigning leader hears. */
  DocumentCompleted = 'document.completed',
  /** A recipient returned a dispatched document to its sender with a reason. */
  DeliveryReturned = 'delivery.returned',
  /** An assignment's deadline is near (within the reminder window of working days). */
  DeadlineNear = 'deadline.near',
  /** An assignment's deadline has passed and it is not completed. */
  DeadlinePassed = 'deadline.passed',
}

/**
 * What the worker needs to notify people without reading the change again. Recipients are the
 * union of `userIds` and the members of `organisationIds` holding one of `roles` (every active
 * member when `roles` is absent or empty), less the actor.
 */
export interface OutboxPayload {
  userIds?: number[];
  organisationIds?: number[];
  roles?: Role[];
  /** Who caused the event; never notified of their own action. */
  actorId?: number | null;
  /** The document as the recipients see it (their own copy's id is the event's documentId). */
  symbol?: string | null;
  subject: string;
  /** Hạn xử lý, YYYY-MM-DD (Vietnam calendar date), when there is one. */
  deadline?: string | null;
  /** A reviewer's comment, a return reason, a leader's instructions. */
  comment?: string | null;
  /** The sending organisation's name (dispatches). */
  senderName?: string | null;
  [key: string]: unknown;
}

export interface OutboxEventInput {
  type: OutboxEventType;
  documentId?: string | number | null;
  payload: OutboxPayload;
}

/**
 * The transactional outbox: events are rows written in the same transaction as the change they
 * describe, so an event exists exactly when its change does; a relay moves them to the queue.
 */
@Injectable()
export class OutboxService {
  async emit(manager: EntityManager, events: OutboxEventInput | OutboxEventInput[]): Promise<void> {
    const list = Array.isArray(events) ? events : [events];
    if (!list.length) return;
    if (!manager.queryRunner?.isTransactionActive) throw new Error('Outbox events are written inside the change’s transaction');
    const now = new Date();
    await manager.insert(
      OutboxEventEntity,
      list.map((event) => ({
        type: event.type,
        documentId: event.documentId === undefined || event.documentId === null ? null : String(event.documentId),
        payload: JSON.stringify(event.payload),
        createdAt: now,
        publishedAt: null,
      })),
    );
  }
}
