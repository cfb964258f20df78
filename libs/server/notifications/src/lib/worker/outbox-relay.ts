import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '@vanthu/server/core';
import { closeQueue, QUEUES, redisOptions } from '@vanthu/server/data-access';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';

import { deliveryJobOptions, EventJobData, JOB, jobIds } from '../queue/notification-jobs';
import { logRedisErrors, withTimeout } from '../queue/redis-errors';

/** Rows per transaction: small, so that several replicas share a burst and row locks stay short. */
const BATCH_SIZE = 100;
const REDIS_TIMEOUT_MS = 5000;
const MAX_IDLE_DELAY_MS = 2000;

/**
 * Moves committed outbox events into the notify-events queue. Each batch is one transaction:
 * lock unpublished rows (SKIP LOCKED, so replicas take different rows), add one job per row with a
 * deterministic id, mark the rows published, commit. A crash between adding and committing leaves
 * the rows unpublished; the next pass adds the same job ids again, which BullMQ ignores. While
 * Redis is unreachable the rows simply wait, and the relay resumes by itself when it returns.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('OutboxRelay');
  private readonly queue: Queue<EventJobData>;
  private timer: NodeJS.Timeout | null = null;
  private current: Promise<void> | null = null;
  private stopped = false;
  private failingSince: number | null = null;
  private idleDelay: number;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    // A connection that fails fast instead of queueing commands: while Redis is away the relay
    // must roll back and keep its rows, not pile up adds to replay later.
    this.queue = new Queue<EventJobData>(QUEUES.notifyEvents, { connection: redisOptions(config), prefix: config.redis.prefix });
    logRedisErrors(this.queue, this.logger, 'Relay queue');
    this.idleDelay = config.notifications.outboxPollMs;
  }

  onApplicationBootstrap(): void {
    this.schedule(0);
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.current;
    await closeQueue(this.queue);
  }

  /** Relays every waiting event, batch after batch; returns how many this replica relayed. */
  async relayPending(): Promise<number> {
    let total = 0;
    for (;;) {
      const relayed = await this.relayBatch();
      total += relayed;
      if (relayed < BATCH_SIZE || this.stopped) return total;
    }
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.current = this.pass().finally(() => {
        this.current = null;
        this.schedule(this.idleDelay);
      });
    }, delay);
  }

  private async pass(): Promise<void> {
    try {
      const relayed = await this.relayPending();
      if (this.failingSince !== null) {
        this.logger.log(`Outbox relay resumed after ${Math.round((Date.now() - this.failingSince) / 1000)} s${relayed ? `, relayed ${relayed} waiting event(s)` : ''}`);
        this.failingSince = null;
      }
      this.idleDelay = this.config.notifications.outboxPollMs;
    } catch (error) {
      if (this.failingSince === null) {
        this.failingSince = Date.now();
        this.logger.warn(`Outbox relay paused, events wait in the database: ${(error as Error).message}`);
      }
      // Back off while Redis or the database is away, without waiting long once it is back.
      this.idleDelay = Math.min(Math.max(this.idleDelay * 2, 100), MAX_IDLE_DELAY_MS);
    }
  }

  private async relayBatch(): Promise<number> {
    await this.ensureRedis();
    const runner = this.dataSource.createQueryRunner();
    try {
      // READ COMMITTED: row locks only. Under REPEATABLE READ the scan also locks gaps of the
      // (published_at, id) index, and two replicas marking their batches deadlock on them.
      await runner.startTransaction('READ COMMITTED');
      const rows: Array<{ id: string | number }> = await runner.query(
        `SELECT id FROM outbox_event WHERE published_at IS NULL ORDER BY id LIMIT ${BATCH_SIZE} FOR UPDATE SKIP LOCKED`,
      );
      if (!rows.length) {
        await runner.commitTransaction();
        return 0;
      }
      const ids = rows.map((row) => String(row.id));
      const options = deliveryJobOptions(this.config);
      await withTimeout(
        this.queue.addBulk(ids.map((eventId) => ({ name: JOB.event, data: { eventId }, opts: { ...options, jobId: jobIds.event(eventId) } }))),
        REDIS_TIMEOUT_MS,
        'Redis',
      );
      await runner.query('UPDATE outbox_event SET published_at = UTC_TIMESTAMP(3) WHERE id IN (?)', [ids]);
      await runner.commitTransaction();
      return ids.length;
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
  }

  /** Fails at once while Redis is unreachable, before any row is locked. */
  private async ensureRedis(): Promise<void> {
    const client = await withTimeout(this.queue.client, 1000, 'Redis');
    if (client.status !== 'ready') throw new Error(`Redis is ${client.status}`);
  }
}
