import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '@vanthu/server/core';
import { Job } from 'bullmq';
import { DataSource } from 'typeorm';

import { RecipientJobData } from '../queue/notification-jobs';
import { composeEmail } from '../texts/notification-texts';
import { Mailer } from './mailer';
import { NotificationEvents } from './notification-events';

export type EmailOutcome = 'sent' | 'already-sent' | 'skipped';

/** Another job holds the same (event, recipient) right now: wait for its outcome instead of sending twice. */
export class DeliveryInProgress extends Error {
  constructor(eventId: string, userId: number) {
    super(`The e-mail of event ${eventId} to user ${userId} is being sent by another job`);
    this.name = 'DeliveryInProgress';
  }
}

interface Claim {
  id: string;
  address: string;
  fullName: string;
}

/**
 * Sends one person's e-mail at most once per (event, recipient), through the row keyed so in
 * notification_delivery:
 *   1. claim: in one transaction, create or lock the row; stop if it is `sent` or `skipped`; mark it `sending`;
 *   2. send over SMTP;
 *   3. mark it `sent` in a single statement as soon as the server has accepted the message.
 * A retried or duplicated job finds `sent` and sends nothing. The one window left is between the
 * server's acceptance and step 3 (one local UPDATE, about a millisecond): a worker killed exactly
 * there leaves `sending`, and the job's next run sends again, with the same Message-ID. We resend
 * rather than drop, because a lost official notification is worse than a repeated one.
 */
@Injectable()
export class EmailDelivery {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly mailer: Mailer,
    private readonly events: NotificationEvents,
  ) {}

  async deliver(job: Job<RecipientJobData>): Promise<EmailOutcome> {
    const { eventId, userId } = job.data;
    const { event } = await this.events.load(eventId);
    const claim = await this.claim(eventId, userId, event.type);
    if (claim === 'done') return 'already-sent';
    if (claim === 'skipped') return 'skipped';
    const message = composeEmail(event, { fullName: claim.fullName }, this.config.publicUrl);
    const messageId = this.mailer.messageId(eventId, userId);
    try {
      await this.mailer.send({ to: { name: claim.fullName, address: claim.address }, ...message, messageId, eventId });
    } catch (error) {
      await this.dataSource.query("UPDATE notification_delivery SET status = 'failed', detail = ?, updated_at = UTC_TIMESTAMP(3) WHERE id = ?", [
        String((error as Error).message).slice(0, 1000),
        claim.id,
      ]);
      throw error;
    }
    await this.dataSource.query("UPDATE notification_delivery SET status = 'sent', sent_at = UTC_TIMESTAMP(3), updated_at = UTC_TIMESTAMP(3), message_id = ?, detail = NULL WHERE id = ?", [
      messageId,
      claim.id,
    ]);
    return 'sent';
  }

  private async claim(eventId: string, userId: number, kind: string): Promise<Claim | 'done' | 'skipped'> {
    return this.dataSource.transaction(async (manager) => {
      const [person] = await manager.query(
        `SELECT u.full_name, u.email, u.active, s.email AS wanted
           FROM \`user\` u LEFT JOIN notification_setting s ON s.user_id = u.id AND s.kind = ?
          WHERE u.id = ?`,
        [kind, userId],
      );
      // Create the row first, then lock it: a locking read of a missing row would take a gap
      // lock, and two jobs inserting beside each other would deadlock.
      await manager.query(
        `INSERT IGNORE INTO notification_delivery (event_id, user_id, channel, status, attempts, created_at, updated_at)
         VALUES (?, ?, 'email', 'pending', 0, UTC_TIMESTAMP(3), UTC_TIMESTAMP(3))`,
        [eventId, userId],
      );
      const [row] = await manager.query(
        `SELECT id, status, updated_at > UTC_TIMESTAMP(3) - INTERVAL ? MICROSECOND AS busy
           FROM notification_delivery WHERE event_id = ? AND user_id = ? AND channel = 'email' FOR UPDATE`,
        [this.config.notifications.queueLockMs * 1000, eventId, userId],
      );
      // No row: the person was deleted since (the foreign key refused it), nobody to write to.
      if (!row) return 'skipped';
      if (row.status === 'sent' || row.status === 'skipped') return 'done';
      // A `sending` row younger than the queue lock belongs to a job that is still alive (BullMQ
      // hands a job to another worker only after its lock expired).
      if (row.status === 'sending' && Number(row.busy) === 1) throw new DeliveryInProgress(eventId, userId);

      const address: string | null = person?.email?.trim() || null;
      const skip = !person || !Number(person.active) ? 'inactive' : !address ? 'no-address' : person.wanted !== null && !Number(person.wanted) ? 'opted-out' : null;
      await manager.query('UPDATE notification_delivery SET status = ?, attempts = attempts + ?, address = ?, detail = ?, updated_at = UTC_TIMESTAMP(3) WHERE id = ?', [
        skip ? 'skipped' : 'sending',
        skip ? 0 : 1,
        address,
        skip,
        row.id,
      ]);
      if (skip) return 'skipped';
      return { id: String(row.id), address: address as string, fullName: person.full_name as string };
    });
  }
}
