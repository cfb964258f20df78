import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig, AuthenticatedUser } from '@vanthu/server/core';
import { AuditService, closeQueue, inTransaction, QUEUES, redisOptions } from '@vanthu/server/data-access';
import { DeadLetterRetryResponse, QueueCounts, QueueHealth } from '@vanthu/shared/contracts';
import { Job, Queue } from 'bullmq';
import { DataSource } from 'typeorm';

import { QueuesUnavailable } from '../errors';
import { DeadLetterJobData, deliveryJobOptions, DELIVERY_QUEUES } from '../queue/notification-jobs';
import { logRedisErrors, withTimeout } from '../queue/redis-errors';

const REDIS_TIMEOUT_MS = 3000;
const PAGE = 500;

/**
 * What an administrator sees of the queues and can do about dead letters. Uses connections that
 * fail fast, so that the page answers 503 at once while Redis is away instead of hanging.
 */
@Injectable()
export class QueueOperationsService implements OnApplicationShutdown {
  private readonly logger = new Logger('QueueOperations');
  private readonly queues: Queue[];
  private readonly deadLetter: Queue<DeadLetterJobData>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {
    const options = { connection: redisOptions(config), prefix: config.redis.prefix };
    this.queues = [...DELIVERY_QUEUES, QUEUES.reminders].map((name) => new Queue(name, options));
    this.deadLetter = new Queue<DeadLetterJobData>(QUEUES.notifyDeadLetter, options);
    for (const queue of [...this.queues, this.deadLetter]) logRedisErrors(queue, this.logger, `Queue ${queue.name}`);
  }

  async health(): Promise<QueueHealth> {
    const [outboxRow] = await this.dataSource.query(
      'SELECT COUNT(*) AS backlog, TIMESTAMPDIFF(SECOND, MIN(created_at), UTC_TIMESTAMP(3)) AS oldest FROM outbox_event WHERE published_at IS NULL',
    );
    const outbox = { backlog: Number(outboxRow.backlog), oldestAgeSeconds: outboxRow.oldest === null ? null : Number(outboxRow.oldest) };
    try {
      const [queues, deadLettered] = await withTimeout(
        Promise.all([Promise.all(this.queues.map((queue) => this.countsOf(queue))), this.deadLetter.getWaitingCount()]),
        REDIS_TIMEOUT_MS,
        'Redis',
      );
      return { status: 'ok', queues, deadLettered, outbox };
    } catch {
      return { status: 'error', queues: [], deadLettered: null, outbox };
    }
  }

  /**
   * Puts every dead-lettered job back into its queue with fresh attempts: the failed job itself
   * when BullMQ still has it, else a new one under the same id. Deliveries stay idempotent, so a
   * job that had in fact succeeded meanwhile does nothing twice.
   */
  async retryDeadLetters(user: AuthenticatedUser, ip: string): Promise<DeadLetterRetryResponse> {
    let retried = 0;
    try {
      for (;;) {
        const entries = await withTimeout(this.deadLetter.getJobs(['waiting'], 0, PAGE - 1, true), REDIS_TIMEOUT_MS, 'Redis');
        if (!entries.length) break;
        for (const entry of entries) if (await this.requeue(entry)) retried += 1;
        if (entries.length < PAGE) break;
      }
    } catch (error) {
      this.logger.warn(`Dead-letter retry stopped after ${retried} job(s): ${(error as Error).message}`);
      if (retried === 0) throw new QueuesUnavailable();
    }
    await inTransaction(this.dataSource, (manager) =>
      this.audit.record(manager, {
        userId: user.id,
        organisationId: user.organisationId,
        action: 'queues.dead-letter-retried',
        entityType: 'queue',
        entityId: QUEUES.notifyDeadLetter,
        ip,
        details: { retried },
      }),
    );
    return { retried };
  }

  private async requeue(entry: Job<DeadLetterJobData>): Promise<boolean> {
    const target = this.queues.find((queue) => queue.name === entry.data.queue);
    // A letter for a queue this version does not know stays for a later one.
    if (!target) return false;
    const original = await withTimeout(target.getJob(entry.data.jobId), REDIS_TIMEOUT_MS, 'Redis');
    if (!original) {
      await target.add(entry.data.name, entry.data.data, { ...deliveryJobOptions(this.config), jobId: entry.data.jobId });
    } else if ((await original.getState()) === 'failed') {
      await original.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
    }
    // Any other state: it is queued or done already.
    await entry.remove();
    return true;
  }

  private async countsOf(queue: Queue): Promise<QueueCounts> {
    const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'failed', 'prioritized');
    return {
      name: queue.name,
      waiting: (counts['waiting'] ?? 0) + (counts['prioritized'] ?? 0),
      active: counts['active'] ?? 0,
      delayed: counts['delayed'] ?? 0,
      failed: counts['failed'] ?? 0,
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.queues, this.deadLetter].map((queue) => closeQueue(queue)));
  }
}
