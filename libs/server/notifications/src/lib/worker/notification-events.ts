import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { OutboxPayload } from '@vanthu/server/data-access';
import { DataSource } from 'typeorm';

import { NotificationEvent, NotificationText, renderNotification } from '../texts/notification-texts';

export interface LoadedEvent {
  event: NotificationEvent;
  /** Rendered once per event: a thousand recipients share it. */
  text: NotificationText;
}

/** An event whose outbox row is gone: retrying cannot help, so the job fails for the dead-letter queue. */
export class EventMissing extends Error {
  constructor(eventId: string) {
    super(`Outbox event ${eventId} does not exist`);
    this.name = 'EventMissing';
  }
}

const CACHE_SIZE = 500;

/**
 * Reads outbox events for the delivery jobs. Events never change once committed, so a small
 * in-process cache is safe across replicas and spares the database one query per recipient.
 */
@Injectable()
export class NotificationEvents {
  private readonly cache = new Map<string, Promise<LoadedEvent>>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  load(eventId: string): Promise<LoadedEvent> {
    const cached = this.cache.get(eventId);
    if (cached) {
      // Map order is insertion order: re-inserting makes it the most recently used.
      this.cache.delete(eventId);
      this.cache.set(eventId, cached);
      return cached;
    }
    const loading = this.read(eventId);
    this.cache.set(eventId, loading);
    loading.catch(() => this.cache.delete(eventId));
    if (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value as string);
    return loading;
  }

  private async read(eventId: string): Promise<LoadedEvent> {
    const [row] = await this.dataSource.query('SELECT id, type, document_id, payload, created_at FROM outbox_event WHERE id = ?', [eventId]);
    if (!row) throw new EventMissing(eventId);
    const payload = JSON.parse(row.payload) as OutboxPayload;
    let actor: NotificationEvent['actor'] = null;
    if (typeof payload.actorId === 'number') {
      const [person] = await this.dataSource.query('SELECT full_name, position FROM `user` WHERE id = ?', [payload.actorId]);
      if (person) actor = { fullName: person.full_name, position: person.position };
    }
    const event: NotificationEvent = {
      id: String(row.id),
      type: row.type,
      documentId: row.document_id === null ? null : String(row.document_id),
      payload,
      createdAt: row.created_at,
      actor,
    };
    return { event, text: renderNotification(event) };
  }
}
