import { Injectable } from '@nestjs/common';
import { NotificationKind, Role } from '@vanthu/shared/contracts';
import { EntityManager } from 'typeorm';

import { OutboxEventEntity } from './entities/routing.entities';

/**
 * Kinds of event someone must hear about: the notification kinds of the shared contract, so the
 * server's events and the screens' settings can never list different things.
 */
export { NotificationKind as OutboxEventType } from '@vanthu/shared/contracts';

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
  type: NotificationKind;
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
