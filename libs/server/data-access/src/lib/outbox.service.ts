import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

import { OutboxEventEntity } from './entities/routing.entities';

/** Kinds of event someone must hear about; the worker turns them into notifications. */
export enum OutboxEventType {
  DocumentDispatched = 'document.dispatched',
  DocumentAssigned = 'document.assigned',
  DocumentReturned = 'document.returned',
  AwaitingReview = 'document.awaiting-review',
  AwaitingSignature = 'document.awaiting-signature',
  AwaitingIssue = 'document.awaiting-issue',
  SubmittedToLeader = 'document.submitted-to-leader',
  DocumentCompleted = 'document.completed',
  DeliveryReturned = 'delivery.returned',
}

export interface OutboxEventInput {
  type: OutboxEventType;
  documentId?: string | number | null;
  /** Who must hear: organisations (with the roles that matter) and/or named people. */
  payload: {
    organisationIds?: number[];
    roles?: string[];
    userIds?: number[];
    [key: string]: unknown;
  };
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
