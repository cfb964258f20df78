import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '@vanthu/server/core';
import { Job } from 'bullmq';
import { DataSource } from 'typeorm';

import { deliveryJobOptions, EventJobData, JOB, jobIds, RecipientJobData } from '../queue/notification-jobs';
import { Mailer } from './mailer';
import { NotificationEvents } from './notification-events';
import { Recipient, RecipientResolver } from './recipients';
import { WorkerQueues } from './worker-queues';

export interface FanOutResult {
  recipients: number;
  emails: number;
  skipped: number;
}

type SkipReason = 'smtp-off' | 'no-address' | 'opted-out';

const CHUNK = 1000;

/** The jobs of one event: one in-app job per recipient, and one e-mail job per recipient who gets e-mail. */
export function recipientJobs(config: AppConfig, eventId: string, userIds: number[], channel: 'in-app' | 'email') {
  const options = deliveryJobOptions(config);
  return userIds.map((userId) => ({
    name: channel === 'in-app' ? JOB.inApp : JOB.email,
    data: { eventId, userId } satisfies RecipientJobData,
    opts: { ...options, jobId: channel === 'in-app' ? jobIds.inApp(eventId, userId) : jobIds.email(eventId, userId) },
  }));
}

/**
 * Turns one outbox event into per-(recipient, channel) jobs. Safe to run twice: job ids are
 * deterministic and the skipped e-mails are recorded under the same unique key the e-mail job uses.
 */
@Injectable()
export class FanOut {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: NotificationEvents,
    private readonly recipients: RecipientResolver,
    private readonly mailer: Mailer,
    private readonly queues: WorkerQueues,
  ) {}

  async fanOut(job: Job<EventJobData>): Promise<FanOutResult> {
    const { event } = await this.events.load(job.data.eventId);
    const people = await this.recipients.resolve(event.type, event.payload);
    const emailed: number[] = [];
    const skipped: Array<{ person: Recipient; reason: SkipReason }> = [];
    for (const person of people) {
      const reason = this.skipReason(person);
      if (reason) skipped.push({ person, reason });
      else emailed.push(person.id);
    }
    await this.recordSkipped(event.id, skipped);
    const inApp = recipientJobs(this.config, event.id, people.map((p) => p.id), 'in-app');
    const email = recipientJobs(this.config, event.id, emailed, 'email');
    for (let i = 0; i < inApp.length; i += CHUNK) await this.queues.inApp.addBulk(inApp.slice(i, i + CHUNK));
    for (let i = 0; i < email.length; i += CHUNK) await this.queues.email.addBulk(email.slice(i, i + CHUNK));
    // Who was promised what, for the reconciler (delivery-reconciler.ts) should Redis lose these jobs.
    await this.dataSource.query('UPDATE outbox_event SET fanned_out_at = UTC_TIMESTAMP(3), in_app_recipients = ?, email_recipients = ? WHERE id = ?', [
      JSON.stringify(people.map((p) => p.id)),
      JSON.stringify(emailed),
      event.id,
    ]);
    return { recipients: people.length, emails: emailed.length, skipped: skipped.length };
  }

  private skipReason(person: Recipient): SkipReason | null {
    if (!this.mailer.enabled) return 'smtp-off';
    if (!person.email) return 'no-address';
    if (!person.emailWanted) return 'opted-out';
    return null;
  }

  /** Skipped e-mails leave a row, so that an operator sees why someone got none; an existing row is kept as it is. */
  private async recordSkipped(eventId: string, skipped: Array<{ person: Recipient; reason: SkipReason }>): Promise<void> {
    for (let i = 0; i < skipped.length; i += CHUNK) {
      const chunk = skipped.slice(i, i + CHUNK);
      await this.dataSource.query(
        `INSERT IGNORE INTO notification_delivery (event_id, user_id, channel, status, attempts, address, detail, created_at, updated_at)
         VALUES ${chunk.map(() => "(?, ?, 'email', 'skipped', 0, ?, ?, UTC_TIMESTAMP(3), UTC_TIMESTAMP(3))").join(', ')}`,
        chunk.flatMap(({ person, reason }) => [eventId, person.id, person.email, reason]),
      );
    }
  }
}
