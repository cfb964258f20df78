import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '@vanthu/server/core';
import { REDIS } from '@vanthu/server/data-access';
import { Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { DataSource } from 'typeorm';

import { LiveMessage, liveChannel } from '../queue/live-channel';
import { RecipientJobData } from '../queue/notification-jobs';
import { NotificationEvents } from './notification-events';

export interface InAppResult {
  created: boolean;
}

/** Stores one person's in-app notification and tells the API replicas to push it to their open tabs. */
@Injectable()
export class InAppDelivery {
  private readonly logger = new Logger('InAppDelivery');
  private readonly channel: string;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly events: NotificationEvents,
  ) {
    this.channel = liveChannel(config);
  }

  async deliver(job: Job<RecipientJobData>): Promise<InAppResult> {
    const { event, text } = await this.events.load(job.data.eventId);
    const userId = job.data.userId;
    // The unique (event_id, user_id) key makes this the only notification of the event for the
    // person: a retried or duplicated job inserts nothing. IGNORE also drops the row of a person
    // deleted since (foreign key), which is what we want.
    const result = await this.dataSource.query(
      `INSERT IGNORE INTO notification (user_id, event_id, kind, document_id, title_vi, title_en, body_vi, body_en, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(3))`,
      [userId, event.id, event.type, event.documentId, text.title.vi, text.title.en, text.body.vi, text.body.en],
    );
    const created = Number(result.affectedRows) === 1;
    // A job started before may have stored the row and died before the push: push again (the web
    // app keys items by id, so a repeated push is the same notification, not a second one).
    if (created || job.attemptsStarted > 1) {
      const notificationId = created ? String(result.insertId) : await this.existingId(event.id, userId);
      if (notificationId) await this.publish({ type: 'created', userId, notificationId });
    }
    return { created };
  }

  private async existingId(eventId: string, userId: number): Promise<string | null> {
    const [row] = await this.dataSource.query('SELECT id FROM notification WHERE event_id = ? AND user_id = ?', [eventId, userId]);
    return row ? String(row.id) : null;
  }

  /** Best effort: the notification is stored; a missed push only means the tab sees it on its next load. */
  private async publish(message: LiveMessage): Promise<void> {
    try {
      await this.redis.publish(this.channel, JSON.stringify(message));
    } catch (error) {
      this.logger.warn(`Live push of notification ${message.type === 'created' ? message.notificationId : ''} failed: ${(error as Error).message}`);
    }
  }
}
