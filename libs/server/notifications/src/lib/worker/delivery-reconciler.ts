import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '@vanthu/server/core';
import { QUEUES } from '@vanthu/server/data-access';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';

import { deliveryJobOptions, JOB, jobIds, RecipientJobData } from '../queue/notification-jobs';
import { WorkerQueues } from './worker-queues';

/** Events looked at per pass; the rest wait for the next one. */
const BATCH = 200;
/** An event still unsettled after this long is given up (logged): its jobs are not coming back. */
const GIVE_UP_DAYS = 7;

export interface ReconcileResult {
  /** Jobs queued again because Redis no longer had them. */
  requeued: number;
  /** Events found fully delivered (or given up) and marked settled. */
  settled: number;
}

function ids(json: string | null): number[] {
  if (!json) return [];
  const parsed: unknown = JSON.parse(json);
  return Array.isArray(parsed) ? parsed.filter((v): v is number => Number.isInteger(v)) : [];
}

/**
 * Redis holds the queued jobs; the database holds what was promised. An event relayed to the queue
 * is marked published, and its fan-out records who gets it in the app and by e-mail. Should Redis
 * lose jobs (a crash before its append-only file reached the disk, a server restarted empty), this
 * pass finds every relayed event older than NOTIFY_RECONCILE_AFTER_SECONDS that is not yet
 * settled, and queues again exactly the jobs Redis no longer has: the fan-out of an event never
 * fanned out, and each promised delivery with no notification row (in the app) or no sent or
 * skipped row (by e-mail) whose job is neither queued nor dead-lettered. Job ids are the same
 * deterministic ones, and the deliveries are idempotent, so a job queued twice by two workers
 * delivers once. An event with nothing left to deliver is marked settled (retention may then
 * delete it).
 */
@Injectable()
export class DeliveryReconciler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('DeliveryReconciler');
  private timer: NodeJS.Timeout | null = null;
  private current: Promise<unknown> | null = null;
  private stopped = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queues: WorkerQueues,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.current;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.current = this.reconcile()
        .then((result) => {
          if (result.requeued) this.logger.warn(`Queued ${result.requeued} notification job(s) again that Redis had lost`);
        })
        .catch((error: unknown) => this.logger.warn(`Reconciling deliveries failed, tried again later: ${(error as Error).message}`))
        .finally(() => {
          this.current = null;
          this.schedule();
        });
    }, this.config.notifications.reconcileEverySeconds * 1000);
  }

  async reconcile(): Promise<ReconcileResult> {
    const rows: Array<{ id: string | number; fanned_out: number; old: number; in_app_recipients: string | null; email_recipients: string | null }> = await this.dataSource.query(
      `SELECT id, fanned_out_at IS NOT NULL AS fanned_out, published_at < UTC_TIMESTAMP(3) - INTERVAL ${GIVE_UP_DAYS} DAY AS old, in_app_recipients, email_recipients
         FROM outbox_event
        WHERE settled_at IS NULL AND published_at IS NOT NULL AND published_at < UTC_TIMESTAMP(3) - INTERVAL ? SECOND
        ORDER BY id LIMIT ${BATCH}`,
      [this.config.notifications.reconcileAfterSeconds],
    );
    const result: ReconcileResult = { requeued: 0, settled: 0 };
    const options = deliveryJobOptions(this.config);
    for (const row of rows) {
      const eventId = String(row.id);
      if (Number(row.old)) {
        this.logger.error(`Outbox event ${eventId} still undelivered after ${GIVE_UP_DAYS} days: given up`);
        await this.settle(eventId);
        result.settled += 1;
        continue;
      }
      if (!Number(row.fanned_out)) {
        if (!(await this.known(this.queues.events, QUEUES.notifyEvents, jobIds.event(eventId)))) {
          await this.queues.events.add(JOB.event, { eventId }, { ...options, jobId: jobIds.event(eventId) });
          result.requeued += 1;
        }
        continue;
      }
      const missing = await this.undelivered(eventId, ids(row.in_app_recipients), ids(row.email_recipients));
      if (!missing.inApp.length && !missing.email.length) {
        await this.settle(eventId);
        result.settled += 1;
        continue;
      }
      result.requeued += await this.requeue(this.queues.inApp, QUEUES.notifyInApp, JOB.inApp, eventId, missing.inApp, (userId) => jobIds.inApp(eventId, userId));
      result.requeued += await this.requeue(this.queues.email, QUEUES.notifyEmail, JOB.email, eventId, missing.email, (userId) => jobIds.email(eventId, userId));
    }
    return result;
  }

  /** The promised people still without their delivery (people deleted since count as done). */
  private async undelivered(eventId: string, inApp: number[], email: number[]): Promise<{ inApp: number[]; email: number[] }> {
    const everyone = [...new Set([...inApp, ...email])];
    if (!everyone.length) return { inApp: [], email: [] };
    const [existing, notified, mailed]: Array<Array<{ id: number }>> = await Promise.all([
      this.dataSource.query('SELECT id FROM `user` WHERE id IN (?)', [everyone]),
      this.dataSource.query('SELECT user_id AS id FROM notification WHERE event_id = ?', [eventId]),
      this.dataSource.query("SELECT user_id AS id FROM notification_delivery WHERE event_id = ? AND channel = 'email' AND status IN ('sent', 'skipped')", [eventId]),
    ]);
    const present = new Set(existing.map((r) => Number(r.id)));
    const inAppDone = new Set(notified.map((r) => Number(r.id)));
    const emailDone = new Set(mailed.map((r) => Number(r.id)));
    return {
      inApp: inApp.filter((id) => present.has(id) && !inAppDone.has(id)),
      email: email.filter((id) => present.has(id) && !emailDone.has(id)),
    };
  }

  /** Queues again the jobs of `userIds` that Redis has neither queued nor dead-lettered. */
  private async requeue(queue: Queue<RecipientJobData>, queueName: string, name: string, eventId: string, userIds: number[], jobId: (userId: number) => string): Promise<number> {
    const options = deliveryJobOptions(this.config);
    let count = 0;
    for (const userId of userIds) {
      if (await this.known(queue, queueName, jobId(userId))) continue;
      await queue.add(name, { eventId, userId }, { ...options, jobId: jobId(userId) });
      count += 1;
    }
    return count;
  }

  /** Whether Redis still has the job, waiting, running, done or failed, or its dead letter. */
  private async known(queue: Queue, queueName: string, jobId: string): Promise<boolean> {
    if (await queue.getJob(jobId)) return true;
    return !!(await this.queues.deadLetter.getJob(jobIds.deadLetter(queueName, jobId)));
  }

  private async settle(eventId: string): Promise<void> {
    await this.dataSource.query('UPDATE outbox_event SET settled_at = UTC_TIMESTAMP(3) WHERE id = ? AND settled_at IS NULL', [eventId]);
  }
}
